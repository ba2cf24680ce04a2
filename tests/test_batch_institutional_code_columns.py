"""A UB-04 export's revenue and condition code columns: no role reads them, and a review found stderr's column mapping
silent on them. The condition codes are named as ignored; the revenue code, read on a line without a HCPCS code alone
(tests/test_batch_revenue_code_lines.py), is named as read so; the amounts are as without them."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_revenue_and_condition_code_columns_are_named_as_ignored(tmp_path: Path) -> None:
    source, target = tmp_path / "ub04.csv", tmp_path / "priced.csv"
    source.write_text("HCPCS,Rev Code,Condition Code,TOB,ZIP,DOS\nG0463,0510,44,131,10001,2025-11-03\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "ignored: Condition Code (" in result.stderr
    assert "revenue code ← Rev Code, read on a line without a HCPCS code alone" in result.stderr
    [row] = csv.DictReader(target.open())
    plain = tmp_path / "plain.csv"
    plain.write_text("HCPCS,TOB,ZIP,DOS\nG0463,131,10001,2025-11-03\n")
    again = runner.invoke(app, ["batch", str(plain), "-o", str(tmp_path / "plain-priced.csv")])
    assert "ignored:" not in again.stderr
    [same] = csv.DictReader((tmp_path / "plain-priced.csv").open())
    assert (row["allowed"], row["site"]) == (same["allowed"], same["site"]) and row["allowed"] != ""
