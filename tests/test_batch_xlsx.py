"""The streaming .xlsx writer (rvucalc.batch.xlsx), read back with openpyxl: text stays text, money is exact."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pyarrow as pa
import pytest
from openpyxl import load_workbook

from rvucalc.batch import xlsx
from rvucalc.batch.xlsx import CURRENCY_FORMAT, XlsxWriter, column_letters
from rvucalc.errors import OutputFailedError

TRICKY = {
    "code": ['=HYPERLINK("http://x")', "01234", "+1", "@SUM(A1)"],
    "note": ['&<>"', "a\x01b\x1fc", "  padded\t", "one\r\ntwo"],
    "units": ["2", "0012", "x3", ""],
    "blank": [None, "", None, "-1"],
}
MONEY = [Decimal("12.34"), Decimal("-5.00"), None, Decimal("1234567.89")]


def tricky_table() -> pa.Table:
    columns: dict[str, pa.Array] = {name: pa.array(values, pa.string()) for name, values in TRICKY.items()}
    columns["allowed"] = pa.array(MONEY, pa.decimal128(12, 2))
    for i in range(len(columns), 32):  # 32 columns: AA .. AF are used
        columns[f"extra {i}"] = pa.array([f"{column_letters(i)}{row}" for row in range(2, 6)])
    return pa.table(columns)


def written(path: Path, *tables: pa.Table) -> Path:
    writer = XlsxWriter(str(path), integer_columns={"units"})
    for table in tables:
        writer.write(table)
    writer.close()
    return path


def test_tricky_values_round_trip_through_openpyxl(tmp_path: Path) -> None:
    table = tricky_table()
    book = load_workbook(written(tmp_path / "t.xlsx", table))
    assert book.sheetnames == ["priced"]
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=1, max_row=5, max_col=32))
    assert [cell.value for cell in rows[0]] == table.column_names
    assert rows[0][31].coordinate == "AF1"
    values = {name: [row[i] for row in rows[1:]] for i, name in enumerate(table.column_names)}
    code, note, units, blank = values["code"], values["note"], values["units"], values["blank"]
    assert [c.value for c in code] == TRICKY["code"] and {c.data_type for c in code} == {"s"}  # never a formula
    assert [c.value for c in note] == ['&<>"', "a\ufffdb\ufffdc", "  padded\t", "one\r\ntwo"]
    assert [(c.value, c.data_type) for c in units[:3]] == [(2, "n"), (12, "n"), ("x3", "s")]
    assert units[3].value is None and [c.value for c in blank] == [None, None, None, "-1"]
    money = values["allowed"]
    assert [c.value if c.value is None else Decimal(str(c.value)) for c in money] == MONEY
    assert all(c.data_type == "n" and c.number_format == CURRENCY_FORMAT for c in money if c.value is not None)
    for i in range(5, 32):
        assert [c.value for c in values[f"extra {i}"]] == [c.coordinate for c in values[f"extra {i}"]]
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1234567.89</v>" in sheet_xml and "<v>-5.00</v>" in sheet_xml  # the decimal's digits, no float


def test_units_with_a_zero_fraction_are_numbers_as_batch_reads_them(tmp_path: Path) -> None:
    """A re-test: a practice system's units 2.00 (batch prices them as 2) were left text beside the 2s, so SUM skipped
    them; a fraction that is not zeros stays text, as it is a row error."""
    table = pa.table({"units": pa.array(["2.00", "1.0", "1.5", "3"], pa.string())})
    cells = [row[0] for row in load_workbook(written(tmp_path / "u.xlsx", table)).active.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [(2, "n"), (1, "n"), ("1.5", "s"), (3, "n")]


def test_the_package_is_the_minimal_one_and_well_formed(tmp_path: Path) -> None:
    with zipfile.ZipFile(written(tmp_path / "t.xlsx", tricky_table())) as archive:
        assert archive.testzip() is None
        assert sorted(archive.namelist()) == sorted([
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ])  # fmt: skip
        for name in archive.namelist():
            ElementTree.fromstring(archive.read(name))
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())


def test_the_same_rows_give_the_same_bytes(tmp_path: Path) -> None:
    first = written(tmp_path / "a.xlsx", tricky_table()).read_bytes()
    assert written(tmp_path / "b.xlsx", tricky_table()).read_bytes() == first


def test_chunks_and_slices_number_the_rows_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "_SLICE_ROWS", 3)
    part = pa.table({"code": [f"{i:05d}" for i in range(7)], "amount": pa.array([Decimal(i) for i in range(7)])})
    chunked = pa.concat_tables([part.slice(0, 2), part.slice(2)])  # two chunks in one table
    sheet = load_workbook(written(tmp_path / "t.xlsx", chunked, part)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["code", "amount"] and len(rows) == 15
    assert [row[0] for row in rows[1:]] == [f"{i:05d}" for i in range(7)] * 2
    assert [row[1] for row in rows[1:]] == list(range(7)) * 2


def test_no_rows_is_an_empty_sheet_and_a_header_alone_is_one_row(tmp_path: Path) -> None:
    assert list(load_workbook(written(tmp_path / "none.xlsx")).active.iter_rows()) == []
    header = pa.table({"code": pa.array([], pa.string()), "amount": pa.array([], pa.decimal128(9, 2))})
    assert [
        [c.value for c in row] for row in load_workbook(written(tmp_path / "h.xlsx", header)).active.iter_rows()
    ] == [["code", "amount"]]


def test_more_rows_than_a_sheet_holds_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHEET_ROWS", 3)
    writer = XlsxWriter(str(tmp_path / "t.xlsx"), integer_columns=set())
    writer.write(pa.table({"code": ["a", "b"]}))
    with pytest.raises(OutputFailedError, match="at most 3 rows"):
        writer.write(pa.table({"code": ["c"]}))
    writer.abort()


def test_a_sheet_past_what_a_plain_zip_member_holds_is_exit_3_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from rvucalc.cli import app

    monkeypatch.setattr(xlsx, "_MAX_SHEET_BYTES", 2_000)
    source, target = tmp_path / "lines.csv", tmp_path / "out.xlsx"
    source.write_text("code,zip\n" + "99213,10001\n" * 20)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 3 and "passed 2 GiB of XML" in done.output and not target.exists()
    assert list(tmp_path.iterdir()) == [source]  # the temporary file is gone too


def test_column_letters() -> None:
    assert [column_letters(i) for i in (0, 25, 26, 27, 51, 52, 701, 702, 16383)] == [
        "A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"
    ]  # fmt: skip


def test_a_cell_past_excels_32767_characters_is_cut_and_counted(tmp_path: Path) -> None:
    """A review: a 40,000-character pass-through cell was written whole, which Excel "repairs" on opening."""
    writer = XlsxWriter(str(tmp_path / "long.xlsx"), integer_columns=set())
    writer.write(pa.table({"comment": ["é" * 40_000, "short"]}))
    writer.close()
    sheet = load_workbook(tmp_path / "long.xlsx").active
    assert sheet["A2"].value == "é" * xlsx.MAX_CELL_CHARACTERS and sheet["A3"].value == "short"
    assert writer.cut_cells == 1


def test_more_columns_than_a_sheet_holds_are_refused(tmp_path: Path) -> None:
    writer = XlsxWriter(str(tmp_path / "wide.xlsx"), integer_columns=set())
    with pytest.raises(OutputFailedError, match="16,384 columns"):
        writer.write(pa.table({f"c{i}": ["x"] for i in range(xlsx.MAX_SHEET_COLUMNS + 1)}))
    writer.abort()


def test_pass_through_numbers_and_dates_are_numbers_and_dates(tmp_path: Path) -> None:
    """A trial's workbook: `Charge` 180 and `Payment` 63 came back as text '180' and '63', a date as '2026-11-12', so a
    SUM of them was 0. In the input's pass-through columns a plain decimal number without leading zeros is a number
    and an ISO date an Excel date; codes, ZIPs, ids with leading zeros, columns named as identifiers and the role
    columns (code, modifier, ZIP, claim) stay as read (the date of service is a date); so does any text starting
    with '='; CSV is unchanged."""
    import csv

    from openpyxl import Workbook
    from typer.testing import CliRunner

    from rvucalc.cli import app

    book = Workbook()
    sheet = book.active
    header = ["Claim ID", "CPT Code", "Mod", "DOS", "Patient Zip", "Charge", "Payment", "Posted", "Account #",
              "Adjustment", "Memo", "Big"]  # fmt: skip
    sheet.append(header)
    sheet.append(["100", "99213", "25", dt.date(2026, 11, 12), "02134", 180, 63, dt.date(2026, 11, 20), "00123",
                  "-12.40", "=1+1", "12345678901234567"])  # fmt: skip
    sheet.append(["101", "20610", "", dt.date(2026, 11, 12), "30309", 63.5, None, "2026-02-30", "456", "0.5", "012",
                  "1e3"])  # fmt: skip
    for row in sheet.iter_rows(min_row=2):
        row[4].number_format = "@"
        row[10].data_type = "s"  # a text cell '=1+1', no formula
    source = tmp_path / "remit.xlsx"
    book.save(source)
    target = tmp_path / "priced.xlsx"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.stderr
    rows = [dict(zip(header, row, strict=False)) for row in load_workbook(target).active.iter_rows(min_row=2)]
    first, second = ({name: (cell.value, cell.data_type) for name, cell in row.items()} for row in rows)
    assert first["Charge"] == (180, "n") and first["Payment"] == (63, "n") and second["Charge"] == (63.5, "n")
    assert first["Posted"] == (dt.datetime(2026, 11, 20), "d") and rows[0]["Posted"].number_format == "yyyy-mm-dd"
    assert first["Adjustment"] == (-12.4, "n") and second["Adjustment"] == (0.5, "n")
    assert second["Posted"] == ("2026-02-30", "s")  # no such day: as read
    assert first["DOS"] == (dt.datetime(2026, 11, 12), "d")  # the date of service: a date too (a later trial)
    for name, value in (("Claim ID", "100"), ("CPT Code", "99213"), ("Mod", "25"),
                        ("Patient Zip", "02134"), ("Account #", "00123"), ("Memo", "=1+1"),
                        ("Big", "12345678901234567")):  # fmt: skip
        assert first[name] == (value, "s"), name
    assert second["Patient Zip"] == ("30309", "s") and second["Account #"] == ("456", "s")
    assert second["Memo"] == ("012", "s") and second["Big"] == ("1e3", "s")
    assert sum(row["Charge"].value for row in rows) == Decimal("243.5")
    as_csv = tmp_path / "priced.csv"
    assert CliRunner().invoke(app, ["batch", str(source), "-o", str(as_csv)]).exit_code == 0
    [written, _] = list(csv.DictReader(as_csv.open()))
    assert (written["Charge"], written["Posted"], written["Patient Zip"]) == ("180", "2026-11-20", "02134")


def test_the_date_of_service_is_a_date_where_batch_reads_one_and_text_where_it_does_not(tmp_path: Path) -> None:
    """A user's `Date of Service` 02/09/2025 came back as text in the workbook while a pass-through `Posted`
    2025-02-15 was an Excel date: the column could not be sorted or filtered as dates. The date of service is an
    Excel date wherever batch reads the cell as one (US, ISO, compact, with a time of day: the day priced); a cell
    it cannot read (the row's bad_date error) keeps the input's exact text."""
    from typer.testing import CliRunner

    from rvucalc.cli import app

    source = tmp_path / "claims.csv"
    source.write_text(
        "Claim ID,Date of Service,CPT,Units,Zip,Posted\n"
        "C1,02/09/2025,99213,1,10001,2025-02-15\n"
        "C2,2025-03-01,99214,1,10001,2025-03-05\n"
        "C3,20250304,99213,1,10001,2025-03-05\n"
        "C4,3/5/2025 12:00:00 AM,99213,1,10001,2025-03-05\n"
        "C5,13/45/2025,99213,1,10001,2025-03-05\n"
        "C6,2/9/25,99213,1,10001,2025-03-05\n"
        "C7,02/30/2025,99213,1,10001,2025-03-05\n"
    )
    target = tmp_path / "priced.xlsx"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 1 and "3 with errors (3 bad date)" in done.stderr, done.stderr  # 1: rows with errors
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    dos, error = header.index("Date of Service"), header.index("error_kind")
    rows = list(sheet.iter_rows(min_row=2))
    read = [(row[dos].value, row[dos].data_type) for row in rows]
    assert read[:4] == [(dt.datetime(2025, 2, 9), "d"), (dt.datetime(2025, 3, 1), "d"), (dt.datetime(2025, 3, 4), "d"),
                        (dt.datetime(2025, 3, 5), "d")]  # fmt: skip
    assert {rows[i][dos].number_format for i in range(4)} == {"yyyy-mm-dd"}
    assert read[4:] == [("13/45/2025", "s"), ("2/9/25", "s"), ("02/30/2025", "s")]  # as read: the rows say why
    assert [row[error].value for row in rows[4:]] == ["bad_date"] * 3
    # the 99213 of 02/09/2025 in Manhattan (locality 1320201): CMS's 2025A non-facility amount, as for an ISO date
    assert [row[header.index("pfs_non_facility_amount")].value for row in rows[:1]] == [101.06]


def test_the_paid_column_is_one_type_its_amount_as_read_where_batch_reads_one(tmp_path: Path) -> None:
    """A review: `-o out.xlsx` echoed a Paid Amount of '$1,341.54' as text beside 35.81 as a number in the same
    column, so a SUM of it left rows out. Where batch reads the cell as money the cell is that amount (its row's
    paid_as_read), a number in the currency format; a cell it cannot read keeps its text (its row's note says so)."""
    import csv

    from typer.testing import CliRunner

    from rvucalc.cli import app

    source = tmp_path / "remit.csv"
    source.write_text(
        "Claim ID,CPT Code,DOS,POS,Zip,Units,Paid Amount\n"
        'C1,99214,2025-11-03,11,10001,1,"$1,341.54"\n'
        "C1,99213,2025-11-03,11,10001,1,35.81\n"
        "C2,99213,2025-11-03,11,10001,1,(12.50)\n"
        "C3,99213,2025-11-03,11,10001,1,abc\n"
    )
    target, as_csv = tmp_path / "priced.xlsx", tmp_path / "priced.csv"
    for output in (target, as_csv):
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output)])
        assert done.exit_code == 0, done.stderr
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    paid, as_read = header.index("Paid Amount"), header.index("paid_as_read")
    rows = list(sheet.iter_rows(min_row=2))
    read = list(csv.DictReader(as_csv.open()))
    for row, line in zip(rows[:3], read[:3], strict=True):
        cell = row[paid]
        assert (cell.data_type, cell.number_format) == ("n", CURRENCY_FORMAT), cell.value
        assert Decimal(str(cell.value)) == Decimal(line["paid_as_read"]) == Decimal(str(row[as_read].value))
    unread = rows[3][paid]
    assert (unread.value, unread.data_type, read[3]["paid_as_read"]) == ("abc", "s", "")
    assert "Paid amount not compared" in read[3]["note"]
