"""Merged cells in a workbook's claim lines (a claim report with Claim ID, DOS, POS and ZIP merged down its lines): a
review found the follow-on lines read with blank cells, priced alone (20610-LT lost its 50% multiple-procedure
reduction), nationally with the newest release, and --summary counting their claim clean. A merged range's value is
every line's it spans, as Excel shows it, and as the same claim written out in full (CSV) is priced; a merged amount
(a claim's paid total across lines) is not copied to each line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
HEADER = ["Claim ID", "DOS", "CPT", "Mod", "POS", "ZIP", "Units", "Paid"]
LINES = [  # written out in full: what the merged workbook shows
    ["K1", "2025-11-03", "20610", "RT", "11", "10001", "1", "150.00"],
    ["K1", "2025-11-03", "20610", "LT", "11", "10001", "1", ""],
    ["K1", "2025-11-03", "99213", "25", "11", "10001", "1", ""],
    ["K2", "2025-11-04", "99214", "", "11", "30309", "1", "120.00"],
]


def _workbook(path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for line in LINES:
        sheet.append(line)
    for row in (3, 4):  # K1's follow-on lines: blank under the merged cells, as Excel saves them
        for column in (1, 2, 5, 6, 8):
            sheet.cell(row=row, column=column).value = None
    for column in "ABEFH":  # Claim ID, DOS, POS, ZIP and the claim's paid total merged down K1's lines
        sheet.merge_cells(f"{column}2:{column}4")
    workbook.save(path)


def _run(source: Path, *options: str) -> tuple[list[dict[str, str]], str, dict[str, object]]:
    target, summary = source.with_suffix(".priced.csv"), source.with_suffix(".summary.json")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary), *options])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(target.open())), result.stderr, json.loads(summary.read_text())


def test_merged_claim_date_and_place_cells_are_every_line_s(tmp_path: Path) -> None:
    book, text = tmp_path / "merged.xlsx", tmp_path / "full.csv"
    _workbook(book)
    rows, stderr, summary = _run(book)
    with text.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *LINES])
    full, _, full_summary = _run(text)
    money = ("allowed", "beneficiary", "medicare", "release", "locality_priced", "note")
    for merged, written in zip(rows, full, strict=True):
        assert [merged[name] for name in ("Claim ID", "DOS", "POS", "ZIP")] == [
            written[name] for name in ("Claim ID", "DOS", "POS", "ZIP")]  # fmt: skip
        assert [merged[name] for name in money] == [written[name] for name in money]
    assert "50%" in rows[1]["note"] or "multiple" in rows[1]["note"].lower()  # 20610-LT: the second procedure
    assert summary["claims"] == full_summary["claims"]  # type: ignore[comparison-overlap]
    assert "filled 8 merged cells down (Claim ID, DOS, POS, ZIP)" in stderr
    # The paid total is the claim's: on its first line only, said.
    assert rows[0]["Paid"] == "150.00" and rows[1]["Paid"] == rows[2]["Paid"] == ""
    assert "Paid" in stderr and "not filled" in stderr
