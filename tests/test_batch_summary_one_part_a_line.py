"""batch's run summary on stderr, one part a line: a trial's billing lead read a 3,000-character line of
'; '-joined parts. The first part (what was priced) is unindented; each other part is indented under it; a '; '
inside a part's parentheses (its explanation) stays on its line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import _summary_parts, app

# 99999 is no code (an error row); 99213's office visit is priced; A4570 (splint) is PFS status I (not payable)
CLAIMS = "code,zip,pos,date\n99213,10001,11,2026-08-03\n99999,10001,11,2026-08-03\nA4570,10001,11,2026-08-03\n"


def test_each_summary_part_is_its_own_line_indented_under_the_first(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text(CLAIMS)
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert done.exit_code == 1, done.stderr  # a row with an error
    lines = done.stderr.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("rvucalc: priced "))
    assert lines[first].startswith("rvucalc: priced 2 of 3 rows") and ";" not in lines[first]
    assert lines[first + 1].startswith("rvucalc:   1 with errors (1 unknown code)")
    parts = [line for line in lines[first + 1 :] if line.startswith("rvucalc:   ")]
    assert any("(not payable, or not priced: CMS's file not installed or the MAC prices it; the note says which)"
               in part for part in parts), done.stderr  # fmt: skip
    # the parts rejoined are the one-line summary the library writes (BatchSummary.describe)
    rejoined = next(line for line in summary_rejoined(done.stderr).splitlines() if "rvucalc: priced" in line)
    assert rejoined.startswith("rvucalc: priced 2 of 3 rows") and "; 1 with errors (1 unknown code); " in rejoined


def test_a_semicolon_inside_parentheses_does_not_split_a_part() -> None:
    text = "priced 3 rows; 1 row with no amount (not payable; the note says which); 2 rows (a (b; c)); last"
    assert _summary_parts(text) == [
        "priced 3 rows",
        "  1 row with no amount (not payable; the note says which)",
        "  2 rows (a (b; c))",
        "  last",
    ]
