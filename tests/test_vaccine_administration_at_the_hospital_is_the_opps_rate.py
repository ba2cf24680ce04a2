"""`price G0008 --setting 22 --date 2025-03-03` priced the hospital at its OPPS rate (Addendum B: SI S, APC 5691) and
then said "G0008 is paid from Medicare's vaccine administration payment ..., which rvucalc does not install". A
hospital's (type of bill 12x/13x) vaccine administration is paid under the OPPS; the payment rvucalc lacks is the
physician's or supplier's. Where the line's OPPS rate is priced the note says so, in price and batch alike
(engine.meanings.hospital_paid_apart_note). Amounts are CMS's October 2025 Addendum B's (the shipped copy)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
ZIP, DATE = "44195", "2025-10-15"
BARE = "is paid from Medicare's vaccine administration payment"
SCOPED = "a hospital's (type of bill 12x/13x) is its OPPS rate"


def _addendum_b(code: str) -> tuple[str, Decimal]:
    """The code's status indicator and national payment rate in CMS's October 2025 Addendum B."""
    path = Path(__file__).resolve().parents[1] / "data/opps/2025"
    [name] = [p for p in path.iterdir() if "October 2025" in p.name and p.suffix == ".csv"]
    with name.open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row and row[0] == code)
    return row[2], Decimal(row[5].lstrip("$"))


@pytest.mark.parametrize("code", ["G0008", "90480"])
def test_vaccine_administration_at_the_hospital_is_the_opps_rate(code: str, tmp_path: Path) -> None:
    indicator, national = _addendum_b(code)
    assert indicator == "S"
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", "22", "-f", "json"])
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    assert Decimal(str(line["opps"]["national_rate"])) == national
    notes = " ".join(line["notes"])
    assert SCOPED in notes and BARE not in notes, notes
    source = tmp_path / "flu.csv"
    source.write_text(f"claim,code,units,pos,zip,date\nV1,{code},1,22,{ZIP},{DATE}\n")
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    [row] = list(csv.DictReader(out.open()))
    assert Decimal(row["hopd_allowed"]) == Decimal(str(line["opps"]["rate"]))
    assert SCOPED in row["note"] and BARE not in row["note"], row["note"]
    # one note: the hospital's part is no piece of its own where batch's note column splits at "; "
    assert any(piece.startswith(code) and SCOPED in piece for piece in row["note"].split("; ")), row["note"]


@pytest.mark.parametrize("code", ["G0008", "90480"])
def test_vaccine_administration_in_the_office_keeps_the_practitioners_note(code: str, tmp_path: Path) -> None:
    """A flu clinic's office line (POS 11) is the practitioner's claim: its note is the vaccine administration payment's
    alone, not the hospital's OPPS rate (batch's row still shows the hospital's rate in its hopd_ columns)."""
    indicator, _ = _addendum_b(code)
    assert indicator == "S"  # the OPPS pays it: the hospital's note would be said where the setting were ignored
    done = runner.invoke(app, ["price", code, "99213", "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    [line] = [line for line in json.loads(done.stdout)["lines"] if line["code"] == code]
    notes = " ".join(line["notes"])
    assert BARE in notes and SCOPED not in notes, notes
    source = tmp_path / "flu.csv"
    source.write_text(f"claim,code,units,pos,zip,date\nV1,{code},1,11,{ZIP},{DATE}\nV1,99213,1,11,{ZIP},{DATE}\n")
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    [row] = [row for row in csv.DictReader(out.open()) if row["code"] == code]
    assert BARE in row["note"] and SCOPED not in row["note"], row["note"]
