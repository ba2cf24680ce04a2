"""A hospital's partial hospitalization day billed on type of bill 131 with condition code 41 (Epic HB-style export:
'HAR, Type of Bill, Condition Code 1, Service Date, Rev Code, HCPCS ...', ZIP 80220, 2025-03-10) of 90834, 90853 and
90847 alone (SI Q3, no SI P line such as G0410): the per-diem APC is the program's payment (Claims Processing Manual
ch. 4 §260.1), but rvucalc reads no condition code, so the day is priced line by line (APC 5823 and 5822 of CMS's
January 2025 Addendum B x the CY2025 wage index of CBSA 19740). stderr said only that the condition code was ignored;
it now says that such a day is priced line by line, not as its per diem. Amounts unchanged."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
HEADER = "HAR,Type of Bill,Condition Code 1,Service Date,Rev Code,HCPCS,Modifiers,Units,Charges,Facility ZIP\n"
LINES = (
    "H6001,131,41,03/10/2025,0914,90834,,1,350.00,80220\n"
    "H6001,131,41,03/10/2025,0915,90853,,1,200.00,80220\n"
    "H6001,131,41,03/10/2025,0916,90847,,1,300.00,80220\n"
)


def _national_rate(code: str) -> Decimal:
    """The code's payment rate in CMS's January 2025 Addendum B."""
    sheet = load_workbook(DATA / "opps_addendum_b_2025.xlsx", read_only=True).active
    return next(Decimal(str(row[5])) for row in sheet.iter_rows(values_only=True) if row and row[0] == code)


def _denver_wage_index() -> Decimal:
    with (DATA / "asc_wage_index_2025.txt").open(encoding="latin-1") as handle:
        return next(Decimal(line.split("\t")[-1]) for line in handle if line.startswith("19740\t"))


def test_a_php_day_of_q3_lines_alone_is_said_priced_line_by_line(tmp_path: Path) -> None:
    source, out = tmp_path / "php.csv", tmp_path / "out.csv"
    source.write_text(HEADER + LINES)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert "ignored: Condition Code 1" in said
    assert (
        "a partial hospitalization or intensive outpatient day (condition code 41 or 92) is known only by an SI P "
        "line on the claim"
    ) in said and "alone is priced line by line, not as the day's per diem" in said, said
    index = _denver_wage_index()
    for row in csv.DictReader(out.open()):  # amounts unchanged: each line its own APC's wage-adjusted rate
        rate = _national_rate(row["HCPCS"])
        wage_adjusted = (rate * Decimal("0.6") * index + rate * Decimal("0.4")).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert row["opps_rate"] == str(wage_adjusted), row["HCPCS"]


def test_a_revenue_code_column_alone_does_not_say_it(tmp_path: Path) -> None:
    source, out = tmp_path / "clinic.csv", tmp_path / "out.csv"
    source.write_text(HEADER.replace("Condition Code 1,", "") + LINES.replace(",41,", ","))
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "condition code 41 or 92" not in " ".join(done.stderr.split())
