"""`rvucalc compare --codes codes.xlsx` reads a workbook as `batch` reads one (batch.workbook_input: the first visible
sheet, the header naming a code column under title rows, a modifier column joined to its code), or a list of codes
with no header; it was refused ("a binary file ... save or export it as CSV") while `batch codes.xlsx` priced it.
`compare --from 2025C --to 2026A` (PFS release names, as price shows them) was refused as "not installed": each is the
release price uses for the quarter's first day, warned as price warns it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _codes(*args: str) -> list[dict[str, Any]]:
    done = runner.invoke(app, ["compare", *args, "--from", "2025", "--to", "2026", "-f", "json"])
    assert done.exit_code == 0, done.output
    return list(json.loads(done.stdout)["codes"])


def test_a_workbook_of_codes_is_compared_as_the_same_codes_given(tmp_path: Path) -> None:
    given = _codes("99213", "71046-26", "G0439")
    report = _workbook(tmp_path / "codes.xlsx", [
        ["Practice fee review 2026"], [],  # a report's title rows, skipped as batch skips them
        ["CPT Code", "Modifier", "Description"],
        ["99213", None, "office visit"], [71046, "26", "chest x-ray"], ["G0439", None, "AWV"],
    ])  # fmt: skip
    assert _codes("--codes", str(report)) == given
    listed = _workbook(tmp_path / "list.xlsx", [[99213], ["71046-26"], ["G0439"]])  # no header: codes one a row
    assert _codes("--codes", str(listed)) == given
    assert [(c["code"], c["modifier"]) for c in given] == [("99213", None), ("71046", "26"), ("G0439", None)]


def test_a_workbook_with_no_code_is_a_usage_error_naming_the_file(tmp_path: Path) -> None:
    words = _workbook(tmp_path / "words.xlsx", [["Name", "Amount"], ["office", 12]])
    done = runner.invoke(app, ["compare", "--codes", str(words), "--from", "2025", "--to", "2026"])
    assert done.exit_code == 2 and done.stdout == ""
    assert f"--codes {words}: No header row with a code column" in " ".join(done.stderr.split())


def test_pfs_quarter_letters_are_the_releases_price_uses(pricer: Any) -> None:
    """2025C (July 2025) is not installed: price prices 2025-07-01 with 2025A, warned; 2026A (January 2026) with 2026C,
    warned that it takes effect later. compare reads the names so, and says the same warnings. CMS's national
    amounts of 99213: 2025A $88.95, 2026C $95.19 (office)."""
    done = runner.invoke(app, ["compare", "99213", "--from", "2025C", "--to", "2026A", "-f", "json"])
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    assert (doc["from_release"]["release"], doc["to_release"]["release"]) == ("2025A", "2026C")
    office = doc["codes"][0]["amounts"]["non_facility"]
    assert (str(office["before"]), str(office["after"])) == ("88.95", "95.19")
    for day in ("2025-07-01", "2026-01-01"):
        [said] = [w for w in pricer.price("99213", date_of_service=day).warnings if "PFS" in w]
        assert said in " ".join(done.stderr.split()), (said, done.stderr)
    quarter = runner.invoke(app, ["compare", "99213", "--from", "2025Q3", "--to", "2026Q1", "-f", "json"])
    assert json.loads(quarter.stdout)["codes"] == doc["codes"]


def test_a_quarter_priced_with_the_other_side_s_release_is_still_refused() -> None:
    """--from 2026A is 2026C's release (2026A is not installed): against 2026C nothing can be compared (exit 1), not
    "unchanged"."""
    done = runner.invoke(app, ["compare", "22554", "--from", "2026A", "--to", "2026C"])
    assert done.exit_code == 1 and "both priced with 2026C" in done.stderr and "Nothing can be compared" in done.stderr
