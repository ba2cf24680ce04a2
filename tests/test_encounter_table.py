"""The encounter table at the terminal carries the lines' notes that JSON and CSV carry."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app


def test_the_encounter_table_shows_each_line_note_once_after_its_codes() -> None:
    runner = CliRunner()
    args = ["price", "99214", "67028", "97110-GP", "97140-GP", "--zip", "48104", "--date", "2026-08-03"]
    table = runner.invoke(app, args)
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    assert table.exit_code == 0, table.output
    flat = " ".join(table.stdout.split())  # rich wraps long lines
    global_note = next(n for n in data["lines"][0]["notes"] if n.startswith("Global surgery package"))
    assert f"99214: {global_note}" in flat  # a trial's coder saw it in CSV only
    gp = "Modifier GP is informational: it does not change the PFS amount."
    assert f"97110-GP, 97140-GP: {gp}" in flat and flat.count(gp) == 1
    for note in data["notes"]:  # the encounter's own notes: once, as before
        assert flat.count(" ".join(note.split())) == 1
