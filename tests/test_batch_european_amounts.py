"""European amounts in a paid column (1.245,78: a dot between thousands, a decimal comma): a review found such a cell a
bad_paid row error in a ';'-separated file, the row unpriced. Read where the form is unambiguous: a ';'-separated file
(a comma-decimal locale's CSV), or a column whose other cells are written so and none the US way (1,245.78). And a
paid cell rvucalc cannot read never costs its row the price: the row is priced, its paid amount not compared, said
in its note. The amounts compared are the same lines' priced without the paid cell."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
LINES = [("27447", "22"), ("99213", "11")]


def _batch(tmp_path: Path, name: str, text: str) -> tuple[int, list[dict[str, str]], str]:
    source, target = tmp_path / name, tmp_path / f"{name}.priced.csv"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    return result.exit_code, list(csv.DictReader(target.open())), result.stderr


def _unpaid(tmp_path: Path) -> list[str]:
    text = "CPT,DOS,POS,ZIP\n" + "".join(f"{code},2025-11-03,{pos},10001\n" for code, pos in LINES)
    code, rows, _ = _batch(tmp_path, "unpaid.csv", text)
    assert code == 0 and all(row["allowed"] for row in rows)
    return [row["allowed"] for row in rows]


def test_a_semicolon_file_reads_thousands_dots_and_a_decimal_comma(tmp_path: Path) -> None:
    allowed = _unpaid(tmp_path)
    text = "CPT;DOS;POS;ZIP;Paid\n27447;2025-11-03;22;10001;1.245,78\n99213;2025-11-03;11;10001;80,00\n"
    code, rows, _ = _batch(tmp_path, "eu.csv", text)
    assert code == 0, rows
    assert [row["allowed"] for row in rows] == allowed
    assert [row["paid_as_read"] for row in rows] == ["1245.78", "80.00"]
    assert Decimal(rows[0]["variance"]) == Decimal("1245.78") - Decimal(allowed[0])


def test_a_comma_file_reads_a_column_written_the_european_way(tmp_path: Path) -> None:
    allowed = _unpaid(tmp_path)
    text = 'CPT,DOS,POS,ZIP,Paid\n27447,2025-11-03,22,10001,"1.245,78"\n99213,2025-11-03,11,10001,"80,00"\n'
    code, rows, stderr = _batch(tmp_path, "eu.csv", text)
    assert code == 0, stderr
    assert [row["paid_as_read"] for row in rows] == ["1245.78", "80.00"] and [r["allowed"] for r in rows] == allowed
    assert "1.234,56" in stderr  # said once: the column's amounts are read with a decimal comma


def test_an_unreadable_paid_cell_never_costs_its_row_the_price(tmp_path: Path) -> None:
    allowed = _unpaid(tmp_path)
    # Both orders in one column: '1.245,78' is not guessed; 'abc' is no amount.
    text = 'CPT,DOS,POS,ZIP,Paid\n27447,2025-11-03,22,10001,"1.245,78"\n99213,2025-11-03,11,10001,abc\n' \
           '99213,2025-11-03,11,10001,"1,080.00"\n'  # fmt: skip
    _, rows, _ = _batch(tmp_path, "mixed.csv", text)
    european, word, us = rows
    assert [european["allowed"], word["allowed"], us["allowed"]] == [*allowed, allowed[1]]
    for row, cell in ((european, "1.245,78"), (word, "abc")):
        assert row["error"] == "" and row["paid_as_read"] == row["variance"] == ""
        assert f"Paid amount not compared: paid {cell!r}" in row["note"]
    assert us["paid_as_read"] == "1080.00"
