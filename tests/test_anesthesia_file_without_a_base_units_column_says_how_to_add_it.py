"""A ModMed/Gmed export has no base-units column: every anesthesia row is refused ("Anesthesia needs both base_units
and minutes ..."), and stderr said only "1 with errors (1 missing input)". CMS's Claims Processing Manual ch. 12 §50:
the fee is "based on allowable base and time units multiplied by an anesthesia conversion factor"; "the base unit for
each anesthesia procedure is communicated to the A/B MACs by means of the HCPCS file" (not on the claim, nor in the
files rvucalc ships), the time is the claim's units field in minutes. So stderr says once how to give the file its
base units (a column, named with --columns base_units=COLUMN if its header is not read), and where the minutes were
read from. The rows are unchanged."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.lines import ANESTHESIA_INPUTS_START, anesthesia_inputs_message

runner = CliRunner()
HEADER = "Claim #,Date of Service,Rendering Provider,CPT Code,Modifier 1,Units,Place of Service,Facility Zip"
ROWS = ('A1,05/20/2025,"SMITH, JO CRNA",00811,QZ,38,24,32806\n'
        'A1,05/20/2025,"RIVERA, MARIA DO",45380,,1,24,32806\n')  # fmt: skip
HINT = "--columns base_units=COLUMN"


def _run(tmp_path: Path, header: str, rows: str) -> tuple[int, str, list[dict[str, str]]]:
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(f"{header}\n{rows}")
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    return done.exit_code, " ".join(done.stderr.split()), list(csv.DictReader(target.open()))


def test_anesthesia_rows_without_a_base_units_column_say_how_to_add_it(tmp_path: Path) -> None:
    code, stderr, rows = _run(tmp_path, HEADER, ROWS)
    assert code == 1
    anesthesia, colonoscopy = rows
    assert anesthesia["error"].startswith(ANESTHESIA_INPUTS_START)
    assert anesthesia["error_kind"] == "missing_input" and colonoscopy["error"] == ""
    assert stderr.count(HINT) == 1, stderr
    assert "1 anesthesia row without base units: the file has no base-units column" in stderr
    assert "its minutes were read from the units ('Units')" in stderr
    # the single lookup's message is the rows' (one wording), its start what the count reads
    assert anesthesia_inputs_message("00811").startswith(ANESTHESIA_INPUTS_START)


def test_a_minutes_column_is_named_and_a_base_units_column_says_nothing(tmp_path: Path) -> None:
    header = HEADER.replace("Units,", "Anes Minutes,")
    _, stderr, _ = _run(tmp_path, header, ROWS)
    assert "its minutes were read from 'Anes Minutes'" in stderr, stderr
    header = HEADER + ",Base Units"
    with_base = ROWS.splitlines()
    _, stderr, rows = _run(tmp_path, header, f"{with_base[0]},5\n{with_base[1]},\n")
    assert rows[0]["error"] == "" and rows[0]["allowed"], rows[0]
    assert HINT not in stderr and "without base units" not in stderr, stderr
