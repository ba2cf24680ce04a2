"""A hospital's (or ASC's) part of a line that cannot be priced (CMS's OPPS file for the year not installed, or a
claim paid through an APC rvucalc has not) leaves the site's total not priced, a 26 line's too, while the physician's
fee there (the PFS facility amount) is still shown: in price (the line's site, the encounter's totals, the table)
and in batch (``professional_allowed``; ``hopd_allowed``/``allowed`` blank; ``--summary``'s claims). Found by
fresh-eyes trials: ``price 99285-25 12001 --setting 23`` had no professional total, ``price 71045-26 --setting 23``
totalled the physician's $8.47 as the hospital site's, and batch counted those 26 rows in the site totals."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import OBSERVATION_REASON
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
ATLANTA = {"zip_code": "30322", "date_of_service": "2026-11-01"}  # no CY2026 Addendum B installed
CENTS = Decimal("0.01")


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(CENTS)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    names = list(rows[0])
    table = pa.table({name: [row[name] for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()


def _row(claim: str, code: str, modifier: str = "", *, zip_code: str = "30322", pos: str = "23",
         date: str = "2026-11-01", units: str = "1") -> dict[str, str]:  # fmt: skip
    return {"claim": claim, "code": code, "modifier": modifier, "zip": zip_code, "setting": pos, "date": date,
            "units": units}  # fmt: skip


def test_99285_s_physician_fee_is_the_hopd_site_s_professional_payment_its_total_not_priced(pricer: Pricer) -> None:
    """99285 (RVU26C: work 4.00, PE facility 0.65, MP 0.48; GPCI 2026 Atlanta 1.003/1.016/1.201; CF 33.4009):
    (4.00 x 1.003 + 0.65 x 1.016 + 0.48 x 1.201) x 33.4009 = $175.32, the physician's at the hospital."""
    line = pricer.price("99285", setting="hopd", **ATLANTA)
    work, pe, mp = (
        Decimal("4.00") * Decimal("1.003"),
        Decimal("0.65") * Decimal("1.016"),
        Decimal("0.48") * Decimal("1.201"),
    )
    expected = ((work + pe + mp) * Decimal("33.4009")).quantize(CENTS, ROUND_HALF_UP)
    assert expected == Decimal("175.32") == line.pfs.facility.amount
    [hopd] = line.sites
    assert not hopd.payable and hopd.total is None and hopd.allowed is None and hopd.facility_payment is None
    assert hopd.professional_payment == expected
    assert "not installed" in (hopd.reason or "")
    [row] = _batch(pricer, [_row("a", "99285")])
    assert row["hopd_allowed"] is None and row["allowed"] is None
    assert _money(row["professional_allowed"]) == expected


def test_an_encounter_s_hopd_total_not_priced_keeps_its_professional_total(pricer: Pricer, tmp_path: Path) -> None:
    encounter = pricer.price_encounter(["99285-25", "12001"], setting="hopd", **ATLANTA)
    total = encounter.totals["hopd"]
    fees = [line.pfs.facility.amount for line in encounter.lines]
    assert None not in fees
    assert not total.payable and total.total is None and (total.reason or "").startswith("Not priced")
    assert total.professional_payment == sum(fees, Decimal("0.00")) == Decimal("220.87")
    # The table's Professional column says it; JSON's totals too; exit 0 (the physician's claim is priced).
    result = runner.invoke(app, ["price", "99285-25", "12001", "--zip", "30322", "--setting", "23", "--date",
                                 "2026-11-01", "-f", "json"])  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["totals"]["hopd"]["professional_payment"] == 220.87
    assert json.loads(result.stdout)["totals"]["hopd"]["total"] is None
    table = runner.invoke(app, ["price", "99285-25", "12001", "--zip", "30322", "--setting", "23", "--date",
                                "2026-11-01"])  # fmt: skip
    [totals_row] = [text for text in table.stdout.splitlines() if "Hospital outpatient" in text and "│" in text]
    assert "not priced" in totals_row and "$220.87" in totals_row
    # batch: no row's hospital allowed, the claim's professional total the same
    source, target, summary = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "sum.json"
    rows = [_row("A", "99285", "25"), _row("A", "12001")]
    with source.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary), "-q"])
    assert done.exit_code == 0, done.output
    claim = json.loads(summary.read_text())["claims"]["A"]
    assert claim["lines"] == 0 and claim["unpriced"] == 2
    assert Decimal(claim["professional_allowed"]) == total.professional_payment


@pytest.mark.parametrize("code", ["71045", "77301"])
def test_a_26_line_s_hopd_total_is_not_priced_without_the_year_s_opps_file(pricer: Pricer, code: str) -> None:
    """71045-26 at the hospital in 2026 said payable, total $8.47 (the physician's fee alone) while in 2025 the same
    total has the hospital's OPPS rate in it ($97.60): a 2026 site total that is not the site's."""
    line = pricer.price(f"{code}-26", setting="hopd", **ATLANTA)
    [hopd] = line.sites
    assert not hopd.payable and hopd.total is None and hopd.beneficiary is None
    assert hopd.professional_payment == line.pfs.facility.amount is not None
    assert "not installed" in (hopd.reason or "")
    two = pricer.price(f"{code}-26", setting="hopd", units=2, **ATLANTA)
    assert two.sites[0].professional_payment == 2 * line.pfs.facility.amount
    [row] = _batch(pricer, [_row("b", code, "26")])
    assert row["hopd_allowed"] is None and row["allowed"] is None
    assert _money(row["professional_allowed"]) == hopd.professional_payment
    # 2025 (Addendum B installed): unchanged, the hospital's rate and the physician's fee together
    before = pricer.price(f"{code}-26", setting="hopd", zip_code="30322", date_of_service="2025-11-03")
    [paid] = before.sites
    assert paid.payable and paid.facility_payment is not None and paid.professional_payment is not None
    assert paid.total == paid.facility_payment + paid.professional_payment
    [old] = _batch(pricer, [_row("d", code, "26", date="2025-11-03")])
    assert _money(old["hopd_allowed"]) == paid.total


def test_a_pathology_read_and_a_lab_at_the_hospital_agree_in_price_and_batch(pricer: Pricer, tmp_path: Path) -> None:
    """price 88305-26 80053 --setting 22 (2026): the HOPD total not priced with no professional total, where batch
    gave the claim allowed $33.97: now neither totals the site, both give the physician's $33.97."""
    encounter = pricer.price_encounter(["88305-26", "80053"], setting="hopd", zip_code="37203",
                                       date_of_service="2026-08-03")  # fmt: skip
    total = encounter.totals["hopd"]
    assert not total.payable and total.total is None and (total.reason or "").startswith("Not priced")
    assert total.professional_payment == encounter.lines[0].pfs.facility.amount == Decimal("33.97")
    out = _batch(pricer, [_row("C", "88305", "26", zip_code="37203", pos="22", date="2026-08-03"),
                          _row("C", "80053", zip_code="37203", pos="22", date="2026-08-03")])  # fmt: skip
    assert [row["allowed"] for row in out] == [None, None]
    assert _money(out[0]["professional_allowed"]) == total.professional_payment


def test_an_unpriced_apc_s_total_keeps_the_physician_s_fees(pricer: Pricer) -> None:
    """Comprehensive observation (APC 8011, Addendum A not installed), 2025: the hospital's total not priced; the
    visit's PFS facility amount is still the physician's, in price's site and total and batch's professional_allowed."""
    day = {"zip_code": "10001", "date_of_service": "2025-11-10"}
    encounter = pricer.price_encounter(["99284", "G0378"], units=[1, 8], setting="hopd", **day)
    visit = encounter.lines[0]
    assert visit.opps is not None and visit.opps.reason == OBSERVATION_REASON
    [site] = visit.sites
    assert not site.payable and site.total is None and site.professional_payment == visit.pfs.facility.amount
    total = encounter.totals["hopd"]
    assert not total.payable and total.total is None and (total.reason or "").startswith("Not priced")
    assert total.professional_payment == visit.pfs.facility.amount
    out = _batch(pricer, [_row("o", "99284", zip_code="10001", pos="22", date="2025-11-10"),
                          _row("o", "G0378", zip_code="10001", pos="22", date="2025-11-10", units="8")])  # fmt: skip
    assert out[0]["hopd_allowed"] is None and _money(out[0]["professional_allowed"]) == visit.pfs.facility.amount
