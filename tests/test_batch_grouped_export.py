"""A practice system's grouped export: a claim's number and date of service on its first line only, its later lines
with a blank Claim # and DOS (a trial's mess3.csv). Read blank, 11042 and 99213 were priced alone with the newest
release (file total $410.05, "no errors"); read as lines of the claim above, the file is priced as the same claim
written out in full, and as `rvucalc price` prices the claim's codes on its date (11042 ranked behind 15275 at 50%)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
HEADER = ["Claim #", "DOS", "CPT/HCPCS", "Mod1", "Mod2", "Units", "POS", "Rendering NPI", "Pt ZIP", "Billed Amt"]
FULL = [
    ["WC6001", "11/10/2025", "15275", "", "", "1", "11", "1234567890", "33136", "450"],
    ["WC6001", "11/10/2025", "11042", "", "", "1", "11", "1234567890", "33136", "300"],
    ["WC6001", "11/10/2025", "99213", "25", "", "1", "11", "1234567890", "33136", "150"],
    ["WC6002", "11/12/2025", "99213", "", "", "1", "11", "1234567890", "33136", "150"],
]
GROUPED = [
    FULL[0],
    ["", "", "11042", "", "", "1", "", "1234567890", "", "300"],  # POS and ZIP blank too: the claim's row above's
    ["", "", "99213", "25", "", "1", "11", "1234567890", "33136", "150"],
    FULL[3],
]
MONEY = ("allowed", "beneficiary", "medicare", "release", "locality_priced", "note", "error")


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _run(source: Path) -> tuple[list[dict[str, str]], str, dict[str, object]]:
    target, summary = source.with_suffix(".priced.csv"), source.with_suffix(".summary.json")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), result.stderr, json.loads(summary.read_text())


def test_grouped_export_rows_are_lines_of_the_claim_above(tmp_path: Path) -> None:
    grouped, stderr, summary = _run(_write(tmp_path / "grouped.csv", GROUPED))
    full, full_stderr, full_summary = _run(_write(tmp_path / "full.csv", FULL))
    assert [row["CPT/HCPCS"] for row in grouped] == [line[2] for line in GROUPED]  # every row once, in order
    for read, written in zip(grouped, full, strict=True):
        assert [read[name] for name in ("Claim #", "DOS", "POS", "Pt ZIP")] == [
            written[name] for name in ("Claim #", "DOS", "POS", "Pt ZIP")]  # fmt: skip
        assert [read[name] for name in MONEY] == [written[name] for name in MONEY]
    assert summary["claims"] == full_summary["claims"]  # type: ignore[comparison-overlap]
    assert summary["continuation_rows"] == 2 and full_summary["continuation_rows"] == 0
    assert summary["another_release"] == 0
    assert "2 rows with a blank Claim # and DOS read as lines of the claim above (a grouped export)" in stderr
    assert "row 2 of the data" in stderr
    assert "grouped export" not in full_stderr
    # The claim priced as `rvucalc price` prices its codes on its date, in its place: 11042 behind 15275 at 50%.
    result = runner.invoke(app, ["price", "15275", "11042", "99213-25", "--zip", "33136", "--date", "2025-11-10",
                                 "--setting", "11", "--format", "json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    single = json.loads(result.stdout)
    claim = sum(Decimal(row["allowed"]) for row in grouped if row["Claim #"] == "WC6001")
    assert claim == Decimal(str(single["totals"]["office"]["allowed"]))
    assert [row["release"] for row in grouped[:3]] == [single["release"]] * 3


def test_a_blank_date_alone_is_no_continuation_and_is_counted(tmp_path: Path) -> None:
    # Only the date blank (the claim id given): not a grouped export's line; priced as today, with the release used
    # without a date, and said on stderr with its count.
    rows = [FULL[0], ["WC6001", "", "11042", "", "", "1", "11", "1234567890", "33136", "300"]]
    priced, stderr, summary = _run(_write(tmp_path / "undated.csv", rows))
    assert priced[1]["DOS"] == "" and "No date of service on this line" in priced[1]["note"]
    assert summary["continuation_rows"] == 0
    assert "1 row with no date of service (the first: row 2 of the data) priced with release" in stderr


def test_a_total_line_is_no_continuation_and_no_row_priced_without_a_date(tmp_path: Path) -> None:
    """A review: a report's 'Total' line below a claim was counted as "1 row with no date of service ... priced with
    release ..." though it is a report line, never priced; and the rows below it do not continue the claim."""
    source = tmp_path / "totals.csv"
    source.write_text("Claim ID,DOS,CPT Code,Units,Zip\nA,2025-11-10,99213,1,10001\n,,Total,,\n,,99214,1,10001\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert "1 row with no date of service (the first: row 3 of the data)" in result.stderr, result.stderr
    assert "read as lines of the claim above" not in result.stderr
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert [row["error_kind"] for row in rows] == ["", "report_line", ""]
