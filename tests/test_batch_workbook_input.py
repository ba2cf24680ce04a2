"""Batch input from an Excel workbook, as billing staff are sent claim reports: the first sheet read as its CSV export
would read, title rows above the header skipped, dates and numbers as text. A fresh-eyes trial found `.xlsx` refused
("save or export it as CSV") though batch writes it."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
HEADER = ["Claim Number", "DOS", "CPT/HCPCS", "Mod1", "POS", "Units", "ZIP", "Paid"]
# The same lines as a CSV export writes them.
AS_CSV = [
    ["A1", "2026-08-03", "27447", "RT", "22", "1", "10001", "1234.5"],
    ["A1", "2026-08-03", "29881", "RT", "22", "1", "10001", ""],
    ["B2", "2025-11-03", "99213", "", "11", "1", "02134", "$80.00"],
    ["C3", "2025-11-03", "70450", "26", "22", "1", "94110", "83.91"],
    ["D4", "2025-11-03", "99213", "", "11", "1", "02134-0001", ""],
]


def _workbook(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Charges"
    sheet.append(["Charge Detail Report"])
    sheet.append(["Run Date: 11/30/2026", None, "Provider: all"])
    sheet.append([])
    sheet.append(HEADER)
    sheet.append(["A1", dt.datetime(2026, 8, 3), 27447, "RT", 22, 1, 10001, 1234.5])
    sheet.append(["A1", dt.datetime(2026, 8, 3, 14, 30), "29881", "RT", 22, 1.0, 10001, None])
    sheet.append(["B2", dt.date(2025, 11, 3), 99213, None, 11, 1, 2134, "$80.00"])
    sheet.cell(row=sheet.max_row, column=7).number_format = "00000"  # Excel's ZIP Code format keeps 02134
    sheet.append([None] * len(HEADER))  # an empty row is no row, as a row of commas in a CSV is not
    sheet.append(["C3", dt.datetime(2025, 11, 3), 70450, 26, 22, 1, 94110, 104.89 * 0.8])
    sheet.cell(row=sheet.max_row, column=8).number_format = '"$"#,##0.00'  # shows $83.91: read as shown
    sheet.append(["D4", dt.datetime(2025, 11, 3), 99213, None, 11, 1, 21340001, None])
    sheet.cell(row=sheet.max_row, column=7).number_format = "00000\\-0000"  # Excel's ZIP+4 format, as it saves it
    workbook.create_sheet("Notes").append(["not read"])
    workbook.save(path)


def _priced(path: Path) -> tuple[list[dict[str, str]], str]:
    target = path.with_name(path.stem + "-priced.csv")
    result = runner.invoke(app, ["batch", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), result.stderr


def test_a_workbook_prices_as_its_csv_export_does(tmp_path: Path) -> None:
    book, text = tmp_path / "claims.xlsx", tmp_path / "claims.csv"
    _workbook(book)
    with text.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *AS_CSV[:3], [""] * len(HEADER), *AS_CSV[3:]])
    from_book, said = _priced(book)
    from_text, _ = _priced(text)
    assert [[row[name] for name in HEADER] for row in from_book] == AS_CSV  # cells read as the export writes them
    assert from_book == from_text  # and so every amount, note and error
    assert from_book[0]["professional_allowed"] and from_book[2]["allowed"]  # priced, not errors
    assert not any(row["error"] for row in from_book)
    assert "the header is row 4 of sheet 'Charges': the 3 rows above it skipped" in said
    assert "reading the workbook's first sheet, 'Charges' (of 2)" in said
    assert "1 row of empty cells skipped" in said


def test_a_workbook_row_with_cells_past_the_header_is_that_rows_error(tmp_path: Path) -> None:
    """A review found an empty first cell (read-only mode's EmptyCell has no row number) failing the run (exit 3)."""
    book = tmp_path / "r.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "zip"])
    sheet.append(["99213", "10001"])
    sheet.append([None, "10001", None, "stray note"])
    workbook.save(book)
    result = runner.invoke(app, ["batch", str(book), "--format", "json"])
    assert result.exit_code == 1, result.output
    import json

    rows = json.loads(result.stdout)
    assert rows[0]["error"] == "" and rows[1]["error"] == "ragged row 3: cells beyond the header's 2 columns"


def test_a_workbook_on_stdin_is_refused_with_how_to_read_it(tmp_path: Path) -> None:
    book = tmp_path / "c.xlsx"
    _workbook(book)
    result = runner.invoke(app, ["batch", "-"], input=book.read_bytes())
    assert result.exit_code == 2 and "batch reads a workbook from its path" in result.stderr


def test_a_workbook_without_a_code_header_says_what_it_saw(tmp_path: Path) -> None:
    book = tmp_path / "report.xlsx"
    workbook = Workbook()
    workbook.active.append(["Charge Detail Report"])
    workbook.active.append(["Procedure", "Zip"])
    workbook.save(book)
    result = runner.invoke(app, ["batch", str(book)])
    assert result.exit_code == 2 and "No header row with a code column" in result.stderr
    assert "Charge Detail Report" in result.stderr and result.stdout == ""
    # --columns names it: then that row is the header.
    result = runner.invoke(app, ["batch", str(book), "--columns", "code=Procedure", "-q"])
    assert result.exit_code == 0 and result.stdout.startswith("Procedure,Zip,")
