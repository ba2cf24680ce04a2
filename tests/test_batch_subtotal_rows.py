"""A claim report's subtotal rows ("S1 Total", "Claim Total", "Total for S3", or no code beside the claim's amounts):
a review found them malformed-code rows and fake claims in --summary ("S1 Total", "Claim Total" ...). They are kept
in the output as what they are (a subtotal row, not a line: no amount, no claim of their own), said on stderr; the
lines are priced as the same file without them prices them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
HEADER = "Claim ID,CPT,DOS,POS,ZIP,Units,Charge,Paid\n"
LINES = [
    "S1,99213,2025-11-03,11,10001,1,150.00,80.00", "S1,36415,2025-11-03,11,10001,1,20.00,3.00",
    "S2,99214,2025-11-04,11,10001,1,200.00,110.00", "S3,99213,2025-11-05,11,10001,1,150.00,80.00",
    "S4,99213,2025-11-05,11,10001,1,150.00,80.00", "S5,99213,2025-11-05,11,10001,1,150.00,80.00",
    "S6,99213,2025-11-05,11,10001,1,150.00,80.00",
]  # fmt: skip
SUBTOTALS = {  # after the line of this index
    1: "S1 Total,,2025-11-03,,,2,170.00,83.00", 2: "Claim Total,,,,,1,200.00,110.00",
    3: "Total for S3,,2025-11-05,11,10001,,150.00,80.00", 4: ",,2025-11-05,,,,150.00,80.00",
    5: "S5,Claim Total,,,,,150.00,80.00", 6: "S6 Subtotal,,,,,1,150.00,80.00",
}  # fmt: skip


def _run(tmp_path: Path, name: str, lines: list[str]) -> tuple[list[dict[str, str]], dict[str, object], str]:
    source, target, summary = tmp_path / name, tmp_path / f"{name}.out.csv", tmp_path / f"{name}.json"
    source.write_text(HEADER + "".join(f"{line}\n" for line in lines))
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), "--summary", str(summary)])
    return list(csv.DictReader(target.open())), json.loads(summary.read_text()), result.stderr


def test_subtotal_rows_are_said_and_are_no_claims(tmp_path: Path) -> None:
    report: list[str] = []
    for number, line in enumerate(LINES):
        report += [line] + ([SUBTOTALS[number]] if number in SUBTOTALS else [])
    rows, summary, stderr = _run(tmp_path, "report.csv", report)
    plain, plain_summary, _ = _run(tmp_path, "plain.csv", LINES)
    lines = [row for row in rows if row["CPT"] not in ("", "Claim Total")]
    subtotals = [row for row in rows if row["CPT"] in ("", "Claim Total")]
    assert len(subtotals) == len(SUBTOTALS)
    for row in subtotals:
        assert row["error"].startswith("subtotal row, not a line"), row
        assert row["error_kind"] == "report_line" and row["allowed"] == ""
    assert [(r["allowed"], r["note"]) for r in lines] == [(r["allowed"], r["note"]) for r in plain]
    assert list(summary["claims"]) == list(plain_summary["claims"]) == [f"S{n}" for n in range(1, 7)]  # type: ignore
    assert "6 subtotal rows skipped" in stderr
