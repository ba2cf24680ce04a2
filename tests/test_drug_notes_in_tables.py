"""A drug's own notes (J0887's "ESRD-use drug ... paid to the ESRD facility in the ESRD PPS bundle") are said wherever
the line's other notes are: the single code's table and JSON said it, batch's note column too, but a trial found it
in neither the encounter's table (`price J0887 99213`) nor `price J0887 -f csv` (no drug notes column)."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
WHERE = ["--zip", "60612", "--date", "2026-08-03"]


def _esrd_note() -> str:
    out = runner.invoke(app, ["price", "J0887", "--units", "60", *WHERE, "-f", "json"])
    notes = json.loads(out.stdout)["drug"]["notes"]
    (note,) = [note for note in notes if "ESRD-use drug" in note]
    return str(note)


def test_the_encounter_table_says_the_drugs_esrd_note() -> None:
    note = _esrd_note()
    out = runner.invoke(app, ["price", "J0887", "99213", "--units", "60", "--units", "1", *WHERE],
                        env={"COLUMNS": "2000"})  # fmt: skip
    assert out.exit_code == 0, out.output
    assert f"J0887: {note}" in out.stdout


def test_price_csv_has_the_drugs_notes() -> None:
    note = _esrd_note()
    for codes in (["J0887"], ["J0887", "99213"]):
        units = [arg for _ in codes for arg in ("--units", "60" if _ == "J0887" else "1")]
        out = runner.invoke(app, ["price", *codes, *units, *WHERE, "-f", "csv"])
        assert out.exit_code == 0, out.output
        rows = {row["code"]: row for row in csv.DictReader(io.StringIO(out.stdout))}
        assert note in rows["J0887"]["drug_notes"].split(" | ")
