"""What a trial's inputs were told: a line of spaces was a ragged line (exit 1) where a line of commas is skipped;
'Total Charges:' in a report's date column (its units total beside it) a bad date; UTF-16 without a byte-order mark
refused as 'columns: c o d e ...'; a European '1.341,54' in a ';'-separated file told to write 1,234.56."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.scenario import parse_paid

runner = CliRunner()


def _rows(target: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(target.open(encoding="utf-8")))


@pytest.mark.parametrize("blank", ["   ", "\t ", ","])
def test_a_line_of_spaces_is_skipped_as_a_line_of_commas_is(tmp_path: Path, blank: str) -> None:
    source, target = tmp_path / "lines.csv", tmp_path / "out.csv"
    source.write_text(f"code,zip\n99213,10001\n{blank}\n99214,10001\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert [row["code"] for row in _rows(target)] == ["99213", "99214"]
    assert "1 row of empty cells skipped" in result.output


def test_total_charges_in_the_date_column_is_a_report_line(tmp_path: Path) -> None:
    source, target = tmp_path / "report.tsv", tmp_path / "out.csv"
    source.write_text("Encounter #\tDOS\tProc\tUnits\tPOS\tPlace ZIP\n1\t08/03/2026\t99213\t1\t11\t10001\n"
                      "1\t08/03/2026\t36415\t1\t11\t10001\n\tTotal Charges:\t\t2\t\t\n", encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    rows = _rows(target)
    assert [row["error_kind"] for row in rows] == ["", "", "report_line"], result.output
    assert "bad date" not in result.output


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "codes.txt"
    source.write_bytes("code\tzip\r\n99213\t10001\r\n".encode(encoding))
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert "UTF-16 without a byte-order mark" in result.output and "c o d e" not in result.output
    piped = runner.invoke(app, ["batch", "-", "-o", str(tmp_path / "out.csv")], input=source.read_bytes())
    assert piped.exit_code == 2 and "UTF-16 without a byte-order mark" in piped.output


def test_a_decimal_comma_amount_is_said_not_read(tmp_path: Path) -> None:
    """Alone (parse_paid, a column of US amounts) '1.341,54' is said, not read; a ';'-separated file's is read
    (test_batch_european_amounts), and a row whose paid cell is not read is priced all the same."""
    cents, problem = parse_paid("1.341,54")
    assert cents is None and problem is not None and "decimal comma" in problem and "1,234.56:" not in problem
    source, target = tmp_path / "eu.csv", tmp_path / "out.csv"
    source.write_text('CPT,DOS,POS,ZIP,Paid\n27447,11/03/2025,22,30309,"1.341,54"\n99213,11/03/2025,11,30309,'
                      '"1,341.54"\n', encoding="utf-8")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0
    row, _ = _rows(target)
    assert row["error"] == "" and row["allowed"] and "decimal comma" in row["note"]
