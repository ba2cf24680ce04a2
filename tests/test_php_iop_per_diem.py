"""A partial hospitalization (PHP) or intensive outpatient (IOP) day: the hospital (TOB 13x, condition code 41 or 92)
or CMHC (76x) is paid one per-diem APC for the day (Claims Processing Manual ch. 4 §260.1; CY2024 OPPS/ASC final
rule, CMS-1786-FC), whose rate is in Addendum A, not installed. A trial's PHP claim (TOB 131) of 90853, 90832 and
G0410 on one day was summed as two single Q3 lines, $300.84 at the hospital ($402.21 with the physician's fees), and
with --paid-for facility flagged $300.84 "underpaid" beside the $310.00 per diem paid, while `price` of the same codes
called the hospital's total "not payable". The day is now "not priced" in both, and never compared.

The CMS figures are read from the shipped October 2025 Addendum B (data/opps/2025)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.facility import PER_DIEM_REASON, UNPRICED_NONE, UNPRICED_PER_DIEM, opps_unpriced
from rvucalc.lookup.pricer import Pricer

ADDENDUM_B = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "opps"
    / "2025"
    / ("508 version of October 2025 Web Addendum B.10.31.25.csv")
)
DAY = ("90853", "90832", "G0410")
UB04 = (
    "Patient Control Number,Type of Bill,Condition Code,Statement From,Rev Code,HCPCS,Units,Service Facility ZIP,"
    "Allowed Amt\n"
    "PCN1,0131,41,10/20/2025,0915,90853,1,10001,0.00\n"
    "PCN1,0131,41,10/20/2025,0914,90832,1,10001,0.00\n"
    "PCN1,0131,41,10/20/2025,0915,G0410,1,10001,310.00\n"
)


def _addendum_b(code: str) -> dict[str, str]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[4]
    return next(dict(zip(header, row, strict=False)) for row in rows[5:] if row and row[0] == code)


def test_cms_marks_the_day_s_codes_as_the_trial_billed_them() -> None:
    """G0410 is SI P (paid only in a PHP or IOP: the per diem) and has no rate of its own; the psychotherapy lines are
    Q3 with rates of their own, which were summed."""
    g0410 = _addendum_b("G0410")
    assert g0410["SI"] == "P" and not g0410["Payment Rate"].strip()
    assert {_addendum_b(code)["SI"] for code in DAY[:2]} == {"Q3"}


def test_the_rule_s_counts() -> None:
    assert opps_unpriced(0, 0, 0, 0, 0, 1) == UNPRICED_PER_DIEM
    assert opps_unpriced(0, 0, 0, 0, 0, 0) == UNPRICED_NONE
    assert opps_unpriced(0, 0, 8, 1, 0, 1) == UNPRICED_PER_DIEM  # not comprehensive observation as well


def test_price_calls_the_day_not_priced_not_payable(pricer: Pricer) -> None:
    day = pricer.price_encounter(list(DAY), setting="hopd", zip_code="10001", date_of_service="2025-10-20")
    hopd = day.totals["hopd"]
    assert not hopd.payable and hopd.status == "not_priced" and hopd.reason is not None
    assert PER_DIEM_REASON in hopd.reason and "not payable" not in hopd.reason.lower()
    for line in day.lines:
        assert line.opps is not None and not line.opps.payable and line.opps.rate is None
        assert line.opps.reason == PER_DIEM_REASON
    assert hopd.professional_payment == Decimal("101.37")  # the physicians' claim is paid as ever


def test_the_cli_price_and_batch_agree_and_nothing_is_underpaid(tmp_path: Path) -> None:
    priced = CliRunner().invoke(app, ["price", *DAY, "--setting", "131", "--zip", "10001", "--date", "2025-10-20",
                                      "-f", "json"])  # fmt: skip
    assert priced.exit_code == 0, priced.output
    source = tmp_path / "remit.csv"
    source.write_text(UB04)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary",
                                    str(tmp_path / "summary.json"), "--paid-for", "facility", "--columns",
                                    "date=Statement From,claim=Patient Control Number"])  # fmt: skip
    assert done.exit_code == 0, done.output
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["underpaid"]["amount"] == "0.00" and summary["underpaid_by_claim"]["claims"] == 0
    assert "facility_claims" not in summary["totals"] and "hopd" not in summary["totals"]
    out = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [row["opps_rate"] for row in out] == ["", "", ""]
    assert [row["hopd_allowed"] for row in out] == ["", "", ""]
    assert all(PER_DIEM_REASON in row["note"] for row in out)
    assert [row["variance"] for row in out] == ["", "", ""]
    # the hospital's own bill (131) is no practitioner's claim: its lines' physician fees are in no total
    assert "professional" not in summary["totals"]


def test_batch_s_arrays_and_the_single_lookup_say_the_same(pricer: Pricer) -> None:
    """Differential: the batch arrays (BatchPricer.price_table) and `price`: the same money and reasons, the day's
    lines alone too (G0410 alone is not priced, not "not payable")."""
    rows: list[dict[str, Any]] = [
        {"claim": claim, "code": code, "date": "2025-10-20", "setting": "131", "zip": "10001", "units": "1"}
        for claim, codes in (("A", DAY), ("B", ("G0410",)), ("C", ("90832", "G0411")))
        for code in codes
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for claim, codes in (("A", DAY), ("B", ("G0410",)), ("C", ("90832", "G0411"))):
        single = pricer.price_encounter(list(codes), setting="hopd", zip_code="10001", date_of_service="2025-10-20")
        mine = [row for row, given in zip(out, rows, strict=True) if given["claim"] == claim]
        for line, row in zip(single.lines, mine, strict=True):
            assert row["opps_rate"] is None and row["hopd_allowed"] is None
            assert line.opps is not None and line.opps.reason == PER_DIEM_REASON and PER_DIEM_REASON in row["note"]
            facility = line.pfs.facility.amount if line.pfs is not None else None
            assert (None if row["professional_allowed"] is None else Decimal(str(row["professional_allowed"]))) == (
                facility
            )
        assert single.totals["hopd"].status == "not_priced"
