"""A hospital-based wound center's export of its own lines with a revenue code on each (0510, 0413: a UB-04's Form
Locator 42, Claims Processing Manual ch. 25 §75.4, which a practitioner's CMS-1500 has no field for) and POS 22, no
type of bill column: its remit's paid amounts were compared with the site's whole allowed amount, the 11042's read
"underpaid" by the physician's fee, and stderr's one advice was --paid-for professional, which compares a hospital's
payment with the physician's fee. The run's note now names --paid-for facility beside it
(batch.price.PAID_AT_FACILITY_REVENUE_NOTE); amounts unchanged, and a file without revenue codes keeps the old note."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.batch.price import PAID_AT_FACILITY_NOTE, PAID_AT_FACILITY_REVENUE_NOTE, medicare_share_note
from rvucalc.cli import app

# CMS's October 2025 Addendum B (data/opps/2025): G0463 $128.870, copay $25.78; 11042 $399.530, copay $79.91; G0277
# $137.900, copay $27.58; CY2025 ASC wage index, CBSA 12054 (Atlanta): 1.0211. Medicare's share of each wage-adjusted
# rate (national x (0.60 x 1.0211 + 0.40)) less its wage-adjusted copayment: the hospital's paid amounts.
BILL = """Encounter,Rev Code,POS,HCPCS,Modifiers,Service Date,Units,Patient ZIP,Total Charges,Paid Amount
F1,0510,22,G0463,,11/03/2025,1,30309,412.00,104.39
F1,0510,22,11042,RT,11/03/2025,1,30309,980.00,323.67
F1,0413,22,G0277,,11/03/2025,4,30309,1800.00,446.86
"""


def _opps_medicare(national: str, copay: str, units: int = 1) -> Decimal:
    factor = Decimal("0.60") * Decimal("1.0211") + Decimal("0.40")
    cents = Decimal("0.01")
    rate = (Decimal(national) * factor * units).quantize(cents)
    return rate - (Decimal(copay) * factor * units).quantize(cents)


def _run(tmp_path: Path, text: str, *extra: str) -> tuple[str, list[str], list[dict[str, str]]]:
    source, out, summary = tmp_path / "bill.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(text)
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--paid-is", "medicare",
                                      "--summary", str(summary), *extra])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    return result.stderr, json.loads(summary.read_text())["notes"], rows


def test_a_revenue_coded_hospital_remit_is_told_to_use_paid_for_facility(tmp_path: Path) -> None:
    stderr, notes, _ = _run(tmp_path, BILL)
    assert "use --paid-for facility" in " ".join(stderr.split())
    assert medicare_share_note(PAID_AT_FACILITY_NOTE) not in notes


def test_with_it_the_hospitals_paid_amounts_are_its_opps_payment(tmp_path: Path) -> None:
    _, _, rows = _run(tmp_path, BILL, "--paid-for", "facility")
    assert [Decimal(row["expected"]) for row in rows] == [
        _opps_medicare("128.870", "25.78"), _opps_medicare("399.530", "79.91"), _opps_medicare("137.900", "27.58", 4)
    ]  # fmt: skip
    assert [row["variance"] for row in rows] == ["0.00", "0.00", "0.00"]


def test_a_file_without_revenue_codes_keeps_the_old_note(tmp_path: Path) -> None:
    text = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in BILL.splitlines())
    _, notes, _ = _run(tmp_path, text + "\n")
    assert medicare_share_note(PAID_AT_FACILITY_NOTE) in notes


def test_chunks_with_and_without_revenue_codes_say_one_note(tmp_path: Path) -> None:
    """A review: 100 claims of 11042 at POS 22 without a revenue code, then one with 0510, --chunk-rows 100 (the
    chunks cut between claims): each chunk said its own note and the run printed both, the second repeating the
    first's sentence. One chunk of them all says the revenue code's alone; so do chunks."""
    head = "Encounter,Rev Code,POS,HCPCS,Modifiers,Service Date,Units,Patient ZIP,Total Charges,Paid Amount\n"
    rows = "".join(f"P{i},,22,11042,RT,11/03/2025,1,30309,980.00,300.00\n" for i in range(100))
    text = head + rows + "F1,0510,22,11042,RT,11/03/2025,1,30309,980.00,323.67\n"
    whole = _run(tmp_path, text)[1]
    chunked = _run(tmp_path, text, "--chunk-rows", "100")[1]
    coded = medicare_share_note(PAID_AT_FACILITY_REVENUE_NOTE, "medicare")
    assert coded in whole and medicare_share_note(PAID_AT_FACILITY_NOTE, "medicare") not in whole
    assert [note for note in chunked if "Paid amounts" in note] == [coded]
