"""`rvucalc compare --codes FILE`: a claim file lists 99213 on every claim; each code and modifiers is compared once,
in the order first named, and stderr says how many repeats were dropped (an analyst's trial printed 99213 twice)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare

runner = CliRunner()


def test_a_claim_file_s_repeated_codes_are_compared_once_in_first_seen_order(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text("claim,code\n1,99213\n1,99214\n2,99213\n2,99213-25\n3, 99213 \n3,99214\n")
    result = runner.invoke(app, ["compare", "--codes", str(source), "--from", "2025", "--to", "2026", "-f", "csv"])
    assert result.exit_code == 0, result.output
    rows = [(row["code"], row["modifier"]) for row in csv.DictReader(io.StringIO(result.stdout))]
    assert rows == [("99213", ""), ("99214", ""), ("99213", "25")]
    assert "3 repeated codes dropped" in result.stderr and "99213 (3x)" in result.stderr
    assert "99214 (2x)" in result.stderr


def test_codes_named_once_say_nothing_and_per_code_anesthesia_units_keep_their_lines(pricer) -> None:  # type: ignore[no-untyped-def]
    once = compare(pricer, ["99213", "99214"], from_=2025, to=2026)
    assert not any("repeated" in warning for warning in once.warnings)
    # base units given per anesthesia code, in the order named: each 00811 line is its own
    lines = compare(pricer, ["00811", "00811"], from_=2025, to=2026, base_units=["4", "5"], minutes=30)
    assert len(lines.codes) == 2
    assert lines.codes[0].amounts["non_facility"].after != lines.codes[1].amounts["non_facility"].after
