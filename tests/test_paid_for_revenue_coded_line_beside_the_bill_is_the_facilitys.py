"""A hospital's UB-04 export writes the type of bill (Form Locator 4, the bill's) on the claim's first row alone and a
revenue code (FL 42, each line's: Claims Processing Manual ch. 25 §75.4) on every line, POS 22 beside both: the
revenue-coded lines are the hospital's own bill's, never a practitioner's CMS-1500 line, so without --paid-for they
are not compared with the physician's professional_allowed as a practitioner's line beside the facility's bill is
(batch.price.BatchPricer._beside_facility_bill). A session 72 review: the hospital's 71046 (revenue code 0324) of
claim U1 (93306 on type of bill 131, ZIP 19146, 2025-11-29) paid $60.00 read "overpaid" against the radiologist's
fee. The OPPS rate is CMS's: Addendum B (2025-10) x the wage factor at the ZIP's wage index."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP, _opps_by_hand


def _run(tmp_path: Path, practitioners: str) -> list[dict[str, str]]:
    source = tmp_path / "ub04.csv"
    source.write_text(
        "Claim ID,Service Date,HCPCS,Modifier,Units,POS,Type of Bill,Rev Code,Service Provider,ZIP,Paid\n"
        f"U1,{DATE},93306,,1,22,131,0483,,{ZIP},568.50\n"
        f"U1,{DATE},71046,,1,22,,0324,,{ZIP},60.00\n" + practitioners
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open()))


def _the_hospitals_lines(bill: dict[str, str], hospital_line: dict[str, str]) -> None:
    assert Decimal(bill["expected"]) == Decimal(bill["allowed"]) - Decimal(bill["professional_allowed"])
    assert Decimal(bill["expected"]) == _opps_by_hand("93306") == Decimal("568.50")
    # the hospital's revenue-coded 71046: a line of the bill (batch.lines._revenue_coded_on_the_facility_bill), the
    # facility's payment alone as the bill's first row's; not the radiologist's professional_allowed
    facility = Decimal(hospital_line["allowed"]) - Decimal(hospital_line["professional_allowed"])
    assert Decimal(hospital_line["expected"]) == facility, hospital_line
    assert facility == _opps_by_hand("71046") == Decimal("91.29")  # Addendum B's $88.05 x (0.6 x 1.0614 + 0.4)
    assert "practitioner's" not in hospital_line["note"], hospital_line["note"]


def test_a_revenue_coded_line_beside_the_hospitals_bill_is_not_the_practitioners(tmp_path: Path) -> None:
    bill, hospital_line, radiologist = _run(tmp_path, f'U1,{DATE},71046,,1,22,,,"LEE, KIM MD",{ZIP},9.00\n')
    _the_hospitals_lines(bill, hospital_line)
    # the radiologist's row, no revenue code: beside the facility's bill, his own fee
    assert Decimal(radiologist["expected"]) == Decimal(radiologist["professional_allowed"]), radiologist
    assert "facility's own claim, priced apart" in radiologist["note"], radiologist["note"]


def test_a_revenue_coded_line_beside_a_26_line_is_not_the_practitioners(tmp_path: Path) -> None:
    rows = _run(tmp_path, f'U1,{DATE},93306,26,1,22,,,"PATEL, ANIL MD",{ZIP},62.00\n')
    bill, hospital_line, cardiologist = rows
    _the_hospitals_lines(bill, hospital_line)
    assert Decimal(cardiologist["expected"]) == Decimal(cardiologist["professional_allowed"]), cardiologist


def test_a_professional_fee_revenue_code_stays_the_practitioners(tmp_path: Path) -> None:
    """Revenue code 0960-0989 is a professional fee's (the physician's or NPP's service): beside the bill, his own."""
    bill, hospital_line, radiologist = _run(tmp_path, f'U1,{DATE},71046,,1,22,,0972,"LEE, KIM MD",{ZIP},9.00\n')
    _the_hospitals_lines(bill, hospital_line)
    assert Decimal(radiologist["expected"]) == Decimal(radiologist["professional_allowed"]), radiologist
