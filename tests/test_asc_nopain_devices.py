"""ASC payment indicator L6 on a qualifying non-opioid device (C9804-C9817, the NOPAIN Act's "temporary additional
payments for certain non-opioid treatments for pain relief" in the ASC from CY2025): a special payment apart from the
procedure's, for which CMS's Addendum BB prints no rate. A trial: `price 64483 C9807 --setting asc` said the whole ASC
encounter "not payable" while batch priced the claim as 64483's. The L6 line is left out of the ASC's total, named
(not priced: no rate in Addendum BB), as a J7 line is, and the procedure is paid: price and batch alike."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import UNPAID_ALONE
from rvucalc.lookup.pricer import Pricer
from rvucalc.models import NOT_PRICED

DAYS = {"2025-11-10": "2025-10", "2026-02-10": "2026-01"}


def _asc_rate(pricer: Pricer, quarter: str, code: str, wage_index: Decimal) -> Decimal:
    """CMS's figure: Addendum AA's national rate x (0.50 x the CBSA's ASC wage index + 0.50), to the cent."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == quarter))
    row = store.asc("aa", code)
    assert row is not None and row["rate"]
    national = Decimal(row["rate"]).scaleb(-2)
    return (national * (Decimal("0.5") * wage_index + Decimal("0.5"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _l6_without_rate(pricer: Pricer, quarter: str, code: str) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == quarter))
    row = store.asc("bb", code)
    assert row is not None and row["pi"] == "L6" and not row["rate"]  # CMS's Addendum BB: L6, no rate


@pytest.mark.parametrize("day", sorted(DAYS))
def test_a_non_opioid_device_leaves_the_asc_encounter_paid_and_is_named(pricer: Pricer, day: str) -> None:
    _l6_without_rate(pricer, DAYS[day], "C9807")
    encounter = pricer.price_encounter(["64483", "C9807"], setting="asc", zip_code="10001", date_of_service=day)
    wage_index = encounter.location.wage_index
    assert wage_index is not None
    procedure, device = encounter.lines
    assert procedure.sites[0].facility_payment == _asc_rate(pricer, DAYS[day], "64483", wage_index)
    alone = pricer.price_encounter(["64483"], setting="asc", zip_code="10001", date_of_service=day).totals["asc"]
    total = encounter.totals["asc"]
    assert total.payable and total.allowed == alone.allowed and total.facility_payment == alone.facility_payment
    [site] = device.sites
    assert not site.payable and site.status == NOT_PRICED
    assert site.reason is not None and "Addendum BB" in site.reason and "no rate" in site.reason
    assert total.reason is not None and f"{UNPAID_ALONE}: C9807: {site.reason.rstrip('.')}" in total.reason


def test_a_non_opioid_device_alone_at_the_asc_is_not_priced(pricer: Pricer) -> None:
    line = pricer.price("C9807", setting="asc", zip_code="10001", date_of_service="2025-11-10")
    [site] = line.sites
    assert not site.payable and site.status == NOT_PRICED
    result = CliRunner().invoke(app, ["price", "C9807", "--setting", "asc", "--zip", "10001", "--date", "2025-11-10"])
    assert "not priced" in " ".join(result.stderr.split()).lower(), result.stderr
    assert "MAC" not in result.stderr  # no contractor is said to price it: CMS's file has no rate, that is all


def test_price_and_batch_agree_on_the_non_opioid_device_claim(pricer: Pricer, tmp_path: Path) -> None:
    day = "2025-11-10"
    encounter = pricer.price_encounter(["64483", "C9807"], setting="asc", zip_code="10001", date_of_service=day)
    source, summary = tmp_path / "claims.csv", tmp_path / "summary.json"
    source.write_text("claim_id,code,pos,zip,date\nA,64483,24,10001,2025-11-10\nA,C9807,24,10001,2025-11-10\n")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary), "-q"])
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text())
    claim = json.loads(summary.read_text())["claims"]["A"]
    assert Decimal(claim["allowed"]) == encounter.totals["asc"].allowed
    assert rows[1]["asc_allowed"] is None and rows[1]["allowed"] is None
    reason = encounter.lines[1].sites[0].reason
    assert reason is not None and reason.rstrip(".") in rows[1]["note"]
    # The procedure's own row is as in price's encounter.
    assert Decimal(str(rows[0]["asc_allowed"])) == encounter.lines[0].sites[0].total
    # The CLI's table says the ASC's total, not "not payable".
    shown = CliRunner().invoke(app, ["price", "64483", "C9807", "--setting", "asc", "--zip", "10001", "--date", day])
    assert shown.exit_code == 0 and "not payable" not in shown.stdout
    assert f"${encounter.totals['asc'].allowed:,}" in shown.stdout
