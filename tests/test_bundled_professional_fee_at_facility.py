"""A bundled code (PFS status B or P) at a hospital or ASC said "Professional fee not included: No PFS payment: status
B ...", as if a fee were left out of the site's total; it has none, there as in the office (its payment is in the
other services'): the facility's row says so in the office row's words, which batch's note has too. 20930 and
36000, status B in RVU26C, are on the ASC covered procedures list (Addendum AA), packaged (PI N1)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()


def _status(code: str) -> str:
    """The code's status in CMS's RVU26C file."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        (status,) = {row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1]}
    return status


@pytest.mark.parametrize(("code", "status"), [("20930", "B"), ("36000", "B")])
def test_bundled_code_at_the_asc_says_bundled_as_the_office(code: str, status: str) -> None:
    assert _status(code) == status
    done = runner.invoke(app, ["price", code, "--zip", "10001", "-f", "json"])
    assert done.exit_code == 0, done.output
    sites = {site["setting"]: site for site in json.loads(done.stdout)["sites"]}
    office, asc = sites["office"]["reason"], sites["asc"]["reason"]
    assert office.startswith(f"No PFS payment: status {status}: Bundled"), office
    assert asc == office, asc
    table = runner.invoke(app, ["price", code, "--zip", "10001"], terminal_width=400)
    said = " ".join(table.output.split())
    assert "Professional fee not included" not in said, said
    assert f"Ambulatory surgical center: {office}" in said, said


def test_batch_note_reads_as_price(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,zip,pos,date\n20930,10001,24,2026-07-02\n")
    out = tmp_path / "out.json"
    assert runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code == 0
    [row] = json.loads(out.read_text())
    priced = json.loads(runner.invoke(app, ["price", "20930", "--zip", "10001", "-f", "json"]).stdout)
    asc = next(site for site in priced["sites"] if site["setting"] == "asc")
    assert asc["reason"] in row["note"], row["note"]
