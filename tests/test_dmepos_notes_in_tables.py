"""A DME line's own notes (the capped rental's "billed RR without KH, KI or KJ", "rural ZIP file not installed") are
said in the encounter's table as JSON's dmepos.notes, the single code's table and batch's note column say them: a home
health trial's `price 99350 E0601-RR A4253-NU --zip 59801 --setting 12` showed E0601-RR $50.90 with neither."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CODES = ["99350", "E0601-RR", "A4253-NU"]
WHERE = ["--zip", "59801", "--setting", "12"]


def test_the_encounter_table_says_each_dme_lines_notes() -> None:
    priced = runner.invoke(app, ["price", *CODES, *WHERE, "-f", "json"])
    assert priced.exit_code == 0, priced.output
    notes = {"-".join([line["code"], *line["modifiers"]]): line["dmepos"]["notes"]
             for line in json.loads(priced.stdout)["lines"] if line.get("dmepos")}  # fmt: skip
    assert any("without KH, KI or KJ" in note for note in notes["E0601-RR"])
    out = runner.invoke(app, ["price", *CODES, *WHERE], env={"COLUMNS": "2000"})
    assert out.exit_code == 0, out.output
    said = out.stdout.splitlines()
    for code, mine in notes.items():
        for note in mine:
            assert any(line.endswith(f": {note}") and code in line.split(": ")[0] for line in said), (code, note)
    capped = next(note for note in notes["E0601-RR"] if "without KH, KI or KJ" in note)
    assert sum(capped in line for line in said) == 1  # once, with its code only
    assert f"E0601-RR: {capped}" in said
