"""Batch input from an Excel workbook, as billing staff are sent claim reports: the first sheet read as its CSV export
would read, title rows above the header skipped, dates and numbers as text. A fresh-eyes trial found `.xlsx` refused
("save or export it as CSV") though batch writes it."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
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
    assert "reading the workbook's first visible sheet, 'Charges' (of 2)" in said
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


def _rewrite_dimension(book: Path, ref: str) -> None:
    """The workbook as a program that writes a wrong <dimension> leaves it (Excel writes the sheet's real range)."""
    import re
    import zipfile

    parts = {}
    with zipfile.ZipFile(book) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet], count = re.subn(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), parts[sheet])
    assert count == 1
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_workbook_whose_file_names_a_smaller_range_is_read_whole(tmp_path: Path) -> None:
    """Read-only mode read only the <dimension> range: "A1" priced no rows (exit 0), "A1:E3" dropped rows and the
    units column silently (a trial)."""
    book = tmp_path / "dim.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CPT Code", "DOS", "Zip", "POS", "Units"])
    for code in ("99213", "20610", "27447", "73562"):
        sheet.append([code, "2026-08-03", "10001", "11", "2"])
    workbook.save(book)
    whole, _ = _priced(book)
    assert [row["CPT Code"] for row in whole] == ["99213", "20610", "27447", "73562"] and whole[0]["Units"] == "2"
    for ref in ("A1", "A1:C3"):
        _rewrite_dimension(book, ref)
        assert _priced(book)[0] == whole, ref


def test_a_workbook_s_hidden_first_sheet_is_skipped_and_said(tmp_path: Path) -> None:
    """A trial's workbook began with a hidden sheet of look-up lists (CPT, description, fee): it was priced instead
    of the visible claims sheet, exit 0."""
    book = tmp_path / "hidden.xlsx"
    workbook = Workbook()
    lists = workbook.active
    lists.title = "Lists"
    lists.append(["CPT", "Description", "Fee"])
    lists.append(["99999", "not a claim", "1"])
    lists.sheet_state = "hidden"
    claims = workbook.create_sheet("Claims")
    claims.append(["CPT Code", "Zip"])
    claims.append(["99213", "10001"])
    workbook.active = 1
    workbook.save(book)
    rows, said = _priced(book)
    assert [row["CPT Code"] for row in rows] == ["99213"] and rows[0]["error"] == ""
    assert "first visible sheet, 'Claims' (of 2; hidden sheets before it skipped: 'Lists')" in said


GROUPED = [
    ["Claim", "Date of Service", None, "CPT", None, None, "Units", "POS", "Zip"],
    ["Claim ID", "From", "To", "Code", "Mod 1", "Mod 2", "Units", "POS", "Zip"],
    ["A1", "2026-08-03", "2026-08-03", "27447", "50", None, "1", "22", "02115"],
    ["B2", "2026-08-03", "2026-08-03", "73562", "26", None, "1", "11", "02115"],
]


def test_a_group_header_over_the_header_is_skipped_in_a_workbook_and_its_csv(tmp_path: Path) -> None:
    """A two-row header (merged "CPT" over "Code, Mod 1, Mod 2"): the group row was read as the header, the modifier
    columns went unread and 27447-50 was paid at 100%, 73562-26 as the global service (a trial)."""
    from rvucalc.lookup.pricer import Pricer

    book, text = tmp_path / "grouped.xlsx", tmp_path / "grouped.csv"
    workbook = Workbook()
    sheet = workbook.active
    for row in GROUPED:
        sheet.append(row)
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:F1")
    workbook.save(book)
    with text.open("w", newline="") as handle:
        csv.writer(handle).writerows([[cell or "" for cell in row] for row in GROUPED])
    from_book, said = _priced(book)
    from_text, said_csv = _priced(text)
    assert from_book == from_text and [row["Code"] for row in from_book] == ["27447", "73562"]
    assert "row 1 of sheet 'Sheet' names columns too: read as a group header over row 2" in said
    assert "the header is line 2" in said_csv
    pricer = Pricer()
    bilateral = pricer.price("27447-50", zip_code="02115", date_of_service="2026-08-03")
    reading = pricer.price("73562-26", zip_code="02115", date_of_service="2026-08-03")
    assert from_book[0]["pfs_facility_amount"] == f"{bilateral.pfs.facility.amount:.2f}"
    assert from_book[1]["allowed"] == f"{reading.pfs.non_facility.amount:.2f}"


def test_a_formula_with_no_saved_value_is_its_row_s_error_and_one_with_a_value_reads_it(tmp_path: Path) -> None:
    """A workbook a program wrote with formulas no spreadsheet calculated: read as values they were empty (units read
    as 1, a ZIP as none: national), silently (a trial). Such a row is an error naming the column; a formula Excel
    saved a value for reads as the value."""
    import json
    import re
    import zipfile

    book = tmp_path / "formulas.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CPT Code", "DOS", "Zip", "Units"])
    sheet.append(["99213", "2026-08-03", "10001", "=1+2"])
    sheet.append(["99213", "2026-08-03", "10001", "2"])
    workbook.save(book)
    result = runner.invoke(app, ["batch", str(book), "--format", "json", "-q"])
    rows = json.loads(result.stdout)
    assert result.exit_code == 1 and rows[0]["error_kind"] == "missing_input" and rows[1]["error"] == ""
    assert rows[0]["error"].startswith("row 2: a formula with no saved value in Units")
    parts = {}
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    parts[name], count = re.subn(rb"(<f>1\+2</f>)(<v\s*/>|<v></v>)?", rb"\1<v>3</v>", parts[name])
    assert count == 1
    with zipfile.ZipFile(book, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    result = runner.invoke(app, ["batch", str(book), "--format", "json", "-q"])
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and rows[0]["Units"] == "3"
    assert Decimal(str(rows[0]["office_allowed"])) == Decimal(str(rows[1]["office_allowed"])) * 3 / 2


def test_a_formula_with_no_saved_value_outside_the_pricing_columns_leaves_its_row_priced(tmp_path: Path) -> None:
    """A review: a never-calculated HYPERLINK in a pass-through 'Member Note' made its row an error (no amount) and
    its claim's other lines priced "without line N". The row is priced (J1745 x 50 at CMS's January 2026 ASP limit),
    the cell blank and said; in the paid column only the comparison is skipped; in the units column (which prices the
    row) it is still the row's error."""
    import json

    from test_drugs_given_to_inpatients import _asp_limit

    book = tmp_path / "claims.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Claim ID", "CPT Code", "DOS", "POS", "Zip", "Units", "Paid Amount", "Member Note"])
    sheet.append(["C1", "J1745", "2026-01-15", "11", "10001", 50, 1500, '=HYPERLINK("http://x","y")'])
    sheet.append(["C1", "99213", "2026-01-15", "11", "10001", 1, "=SUM(1,2)", "seen"])
    sheet.append(["C2", "99213", "2026-01-15", "11", "10001", "=1+1", 80, "seen"])
    workbook.save(book)
    result = runner.invoke(app, ["batch", str(book), "--format", "json", "-q"])
    drug, visit, units = json.loads(result.stdout)
    limit = (_asp_limit("J1745") * 50).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # CMS's limit x units
    assert (drug["error"], drug["Member Note"]) == ("", "")
    assert Decimal(str(drug["allowed"])) == limit
    said = "a formula with no saved value in Member Note (the workbook was never calculated): left blank"
    assert said in drug["note"]
    assert visit["error"] == "" and visit["allowed"] and visit["paid_as_read"] is None and visit["variance"] is None
    assert "Paid amount not compared: a formula with no saved value in Paid Amount" in visit["note"]
    assert not any("rules ran without" in row["note"] for row in (drug, visit))
    assert units["error_kind"] == "missing_input" and units["error"].startswith("row 4: a formula with no saved value "
                                                                                "in Units")  # fmt: skip
    assert result.exit_code == 1


def test_a_data_row_with_a_code_type_cell_is_no_header_in_a_csv_or_a_workbook(tmp_path: Path) -> None:
    """A review: a "Code Type" column holding CPT or HCPCS made the first data row read as the header (a group header
    over it), and the file went unpriced. The row under a header is one only when most of its cells are column names."""
    rows = [["claim", "code_type", "code", "date", "zip"], ["A", "CPT", "99213", "2026-03-02", "10001"],
            ["B", "HCPCS", "G0439", "2026-03-02", "10001"]]  # fmt: skip
    text, book = tmp_path / "typed.csv", tmp_path / "typed.xlsx"
    with text.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(book)
    for source in (text, book):
        priced, said = _priced(source)
        assert [row["code"] for row in priced] == ["99213", "G0439"] and not any(row["error"] for row in priced)
        assert "group header" not in said and "the header is" not in said


def test_a_formula_s_saved_empty_text_is_an_empty_cell_not_an_error(tmp_path: Path) -> None:
    """A review: Excel saves a formula whose result is "" as t="str" with an empty <v>; it was read as never
    calculated, and the row refused."""
    import re
    import zipfile

    book = tmp_path / "empty.xlsx"
    workbook = Workbook()
    workbook.active.append(["CPT Code", "Modifier", "Zip"])
    workbook.active.append(["99213", '=IF(1=1,"","25")', "10001"])
    workbook.save(book)
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    cell = rb'<c r="B2"([^>]*)>(<f>.*?</f>)(<v\s*/>|<v></v>)?</c>'
    parts[name], count = re.subn(cell, rb'<c r="B2" t="str">\2<v></v></c>', parts[name])
    assert count == 1
    with zipfile.ZipFile(book, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    priced, _ = _priced(book)
    assert priced[0]["error"] == "" and priced[0]["Modifier"] == "" and priced[0]["office_allowed"]


def test_a_group_header_over_a_header_with_pass_through_columns_is_skipped(tmp_path: Path) -> None:
    """A second review: "CPT" over "Code, Mod 1, Mod 2, Name, Account, Provider, Payer" (3 of 7 names known) was read
    as data, 27447-50 unread; two known names under a code-naming row make it the header."""
    text = tmp_path / "grouped.csv"
    text.write_text(
        "CPT,,,Patient,,,\nCode,Mod 1,Mod 2,Name,Account,Provider,Payer\n27447,50,,Smith,123,Dr X,Medicare\n"
    )
    rows, said = _priced(text)
    assert [(row["Code"], row["Mod 1"]) for row in rows] == [("27447", "50")] and rows[0]["error"] == ""
    assert "the header is line 2" in said
