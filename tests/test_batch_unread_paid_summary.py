"""A paid (or remit allowed) cell that is no amount ('12..5', 'abc') is not compared and its row is priced (a note
says why); a review found the run's summary silent about them once they were no longer bad_paid errors ("no errors").
Stderr says how many rows and the first one (its data row, in the file's order), --summary counts them under
``unread_paid``; a cell that says no amount ('N/A', '-': a denied line's) is read as such, not counted."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _batch(tmp_path: Path, text: str) -> tuple[list[dict[str, str]], str, dict[str, object]]:
    source, target, summary = tmp_path / "remit.csv", tmp_path / "priced.csv", tmp_path / "summary.json"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), result.stderr, json.loads(summary.read_text())


def _price() -> str:
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--setting", "11", "--date", "2025-11-03",
                                 "-f", "csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(result.stdout.splitlines())
    return row["non_facility_amount"]


def test_rows_whose_paid_amount_could_not_be_read_are_counted_with_the_first(tmp_path: Path) -> None:
    rows, stderr, summary = _batch(
        tmp_path,
        "Claim,CPT,DOS,POS,ZIP,Paid\n"
        "A1,99213,2025-11-03,11,10001,80.85\n"
        "A2,99213,2025-11-03,11,10001,12..5\n"
        "A3,99213,2025-11-03,11,10001,n/a\n"
        "A4,99213,2025-11-03,11,10001,abc\n",
    )
    assert [row["allowed"] for row in rows] == [_price()] * 4  # priced all the same
    assert "not compared" in rows[1]["note"] and rows[1]["variance"] == ""
    assert "2 rows whose paid amount could not be read" in stderr and "the first: row 2 of the data" in stderr
    assert summary["unread_paid"] == {"rows": 2, "first_row": 2}
    assert summary["rows"] == 4 and summary["errors"] == {}  # the other keys as they were


def test_the_first_row_is_the_files_when_claims_are_regrouped(tmp_path: Path) -> None:
    # claim A's lines are apart: priced A, A, B (batch.regroup), written and counted in the file's order
    _, stderr, summary = _batch(
        tmp_path,
        "Claim,CPT,DOS,POS,ZIP,Paid\n"
        "A,99213,2025-11-03,11,10001,80.85\n"
        "B,99213,2025-11-03,11,10001,1.2.3\n"
        "A,99214,2025-11-03,11,10001,\n",
    )
    assert "brought together" in stderr
    assert summary["unread_paid"] == {"rows": 1, "first_row": 2}
    assert "1 row whose paid amount could not be read" in stderr and "row 2 of the data" in stderr


def test_no_paid_column_counts_none(tmp_path: Path) -> None:
    _, stderr, summary = _batch(tmp_path, "CPT,DOS,POS,ZIP\n99213,2025-11-03,11,10001\n")
    assert summary["unread_paid"] == {"rows": 0, "first_row": None} and "could not be read" not in stderr
