"""Claim files whose cells are not comma-separated: Excel's "Unicode Text" (UTF-16, tabs), a billing report's
tab-separated export, a payer's '|'-separated extract, Excel's CSV in a comma-decimal locale (';'). Each is read
as the same lines written as CSV, and priced alike; a CSV file is read as it always was."""

from __future__ import annotations

import codecs
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()

HEADER = ["Claim ID", "CPT Code", "Mod 1", "Date of Service", "POS", "Zip Code", "Units", "Patient"]
ROWS = [
    ["C1", "27447", "RT", "03/04/2025", "22", "10001", "1", "Doe, Jane"],  # a name with a comma, unquoted in a TSV
    ["C1", "29881", "59", "03/04/2025", "22", "10001", "1", "Doe, Jane"],
    ["C2", "99213", "25", "2026-02-10", "11", "94110", "1", 'O"Neil'],
    ["C2", "20610", "", "2026-02-10", "11", "94110", "1", 'O"Neil'],
    ["C3", "8O053", "", "2026-02-10", "81", "60601", "1", "bad code"],  # a row error, kept in its place
]


def _priced(result_output: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(result_output)))


def _csv_batch(tmp_path: Path) -> list[dict[str, str]]:
    source = tmp_path / "lines.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    result = runner.invoke(app, ["batch", str(source), "-f", "csv", "-q"])
    assert result.exit_code == 1, result.output  # the bad code's row
    return _priced(result.stdout)


def _separated(separator: str) -> str:
    def cell(text: str) -> str:  # quoted only where the cell holds the separator or a quote, as Excel does
        return '"' + text.replace('"', '""') + '"' if separator in text or '"' in text else text

    return "".join(separator.join(cell(c) for c in row) + "\r\n" for row in [HEADER, *ROWS])


@pytest.mark.parametrize(
    ("separator", "encoding", "name"),
    [("\t", "utf-16", "tab"), ("\t", "utf-8", "tab"), ("|", "utf-8", "'|'"), (";", "cp1252", "';'")],
    ids=["excel-unicode-text", "tab-separated", "pipe-separated", "semicolon-separated"],
)
def test_a_file_separated_otherwise_is_priced_as_its_csv(tmp_path: Path, separator: str, encoding: str,
                                                          name: str) -> None:  # fmt: skip
    expected = _csv_batch(tmp_path)
    source = tmp_path / "export.txt"
    source.write_bytes(_separated(separator).encode(encoding))  # Python's utf-16 writes the byte-order mark
    if encoding == "utf-16":
        assert source.read_bytes().startswith(codecs.BOM_UTF16_LE)
    result = runner.invoke(app, ["batch", str(source), "-f", "csv"])
    assert result.exit_code == 1, result.output
    assert f"the input is {name}-separated" in result.stderr
    priced = _priced(result.stdout)
    assert priced == expected
    assert [row["Patient"] for row in priced] == [row[-1] for row in ROWS]  # the comma kept inside its cell
    assert priced[0]["pfs_facility_amount"] and priced[4]["error"]


def test_a_separated_file_with_a_ragged_line_reports_it_and_prices_the_rest(tmp_path: Path) -> None:
    text = _separated("\t").replace("C2\t20610\t\t2026-02-10\t11\t94110\t1", "C2\t20610\t2026-02-10\t11\t94110\t1")
    source = tmp_path / "export.tsv"
    source.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-f", "csv", "-q"])
    priced = _priced(result.stdout)
    assert len(priced) == len(ROWS)
    assert "ragged line 5: 7 fields, the header has 8" in priced[3]["error"]
    assert priced[2]["pfs_non_facility_amount"] == _csv_batch(tmp_path)[2]["pfs_non_facility_amount"] != ""


def test_stdin_separated_by_pipes_under_a_title_line(tmp_path: Path) -> None:
    expected = _csv_batch(tmp_path)
    text = "Payer extract, run 2026-03-01\r\n" + _separated("|")
    result = runner.invoke(app, ["batch", "-", "-f", "csv"], input=text)
    assert result.exit_code == 1, result.output
    assert "the input is '|'-separated" in result.stderr and "the header is line 2" in result.stderr
    assert _priced(result.stdout) == expected


def test_a_csv_file_whose_cells_hold_tabs_is_still_read_at_its_commas(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text('code,zip,memo\n99213,10001,"a\tb"\n', encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "separated" not in result.stderr
    (row,) = _priced(result.stdout)
    assert row["memo"] == "a\tb" and row["pfs_non_facility_amount"]


def test_a_tab_separated_header_that_names_no_code_says_so(tmp_path: Path) -> None:
    source = tmp_path / "export.txt"
    source.write_text("Foo\tBar\n1\t2\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-f", "csv"])
    assert result.exit_code == 2
    assert "one cell holding '\\t': split at it, no cell names a code column either" in result.stderr


def test_a_semicolon_files_paid_cells_with_a_decimal_comma_are_read_so(tmp_path: Path) -> None:
    """A trial: Excel's CSV in a comma-decimal locale (';'-separated) writes a paid of 12.50 as '12,50': a bad_paid
    row error, its line unpriced. In such a file a paid cell with one comma and one or two digits after it is a
    decimal comma (stderr says so once, over chunks); '1,250' stays 1250.00 and '1.234,56' is 1234.56, and a
    comma-separated file does not read '12,50' (not compared, the row priced)."""
    from rvucalc.batch.columns import DECIMAL_COMMA_NOTICE
    from rvucalc.engine.scenario import parse_paid

    paid = [("12,50", "12.50"), ("(3,5)", "(3.50)"), ("1,250", "1,250"), ("100.25", "100.25"), ("$ 7,05", "$ 7.05")]
    header = ["claim", "code", "date", "pos", "zip", "paid"]
    paid *= 50  # 250 lines: three chunks of --chunk-rows 100, one notice
    rows = [[f"C{n}", "99213", "2026-02-10", "11", "10001", cell] for n, (cell, _) in enumerate(paid)]
    source = tmp_path / "remit.csv"
    source.write_text("".join(";".join(row) + "\r\n" for row in [header, *rows, ["C9", "99213", "2026-02-10", "11",
                      "10001", "1.234,56"]]), encoding="cp1252")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-f", "csv", "--chunk-rows", "100"])
    assert result.exit_code == 0, result.output  # the last row's '1.234,56' read too
    assert result.stderr.count(DECIMAL_COMMA_NOTICE) == 1
    priced = _priced(result.stdout)
    for row, (cell, dotted) in zip(priced, paid, strict=False):
        cents, problem = parse_paid(dotted)
        assert problem is None and cents is not None, dotted
        assert row["error"] == "" and row["paid"] == cell  # the input's cell kept as written
        assert Decimal(row["paid_as_read"]) == Decimal(cents).scaleb(-2)
        if cents < 0:  # '(3,5)': a reversal, compared with nothing
            assert row["allowed"] and row["variance"] == ""
            continue
        assert row["allowed"] and Decimal(row["variance"]) == Decimal(cents).scaleb(-2) - Decimal(row["allowed"])
    assert priced[-1]["error"] == "" and priced[-1]["paid_as_read"] == "1234.56"
    # a comma-separated file: as before
    plain = tmp_path / "remit_plain.csv"
    with plain.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([header, rows[0], rows[2]])
    result = runner.invoke(app, ["batch", str(plain), "-f", "csv"])
    assert DECIMAL_COMMA_NOTICE not in result.stderr
    first, second = _priced(result.stdout)
    assert first["error"] == "" and first["allowed"] and "Paid amount not compared: paid '12,50'" in first["note"]
    assert second["error"] == "" and second["variance"]
