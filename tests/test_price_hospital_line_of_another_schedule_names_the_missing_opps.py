"""`price G0008 --setting 22` in 2026 (a rural hospital's flu clinic) said only "G0008 is paid from Medicare's vaccine
administration payment ..., which rvucalc does not install": the office's payment. At the hospital the OPPS pays it
(October 2025 Addendum B: G0008 SI S, APC 5691), and CY2026's Addendum B is not installed, which batch's row note
says beside the other schedule's. Price says both, as batch does; in the office only the other schedule's."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
ZIP, DATE = "59330", "2026-10-15"
OPPS_MISSING = "OPPS CY2026 rates not installed"
ADMINISTRATION = "G0008 is paid from Medicare's vaccine administration payment"


def _addendum_b_2025_si(code: str) -> str:
    """The code's status indicator in CMS's October 2025 Addendum B (the shipped copy)."""
    path = Path(__file__).resolve().parents[1] / "data/opps/2025"
    [name] = [p for p in path.iterdir() if "October 2025" in p.name and p.suffix == ".csv"]
    with name.open(encoding="latin-1", newline="") as handle:
        return next(row[2] for row in csv.reader(handle) if row and row[0] == code)


def test_the_hospital_pays_g0008_under_the_opps() -> None:
    assert _addendum_b_2025_si("G0008") == "S"


def test_price_at_the_hospital_names_the_missing_addendum_b(tmp_path: Path) -> None:
    done = runner.invoke(app, ["price", "G0008", "--zip", ZIP, "--date", DATE, "--setting", "22"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1, said
    assert ADMINISTRATION in said and OPPS_MISSING in said, said
    source = tmp_path / "flu.csv"
    source.write_text(f"claim,code,units,pos,zip,date\nV1,G0008,1,22,{ZIP},{DATE}\n")
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    [row] = list(csv.DictReader(out.open()))
    assert ADMINISTRATION in row["note"] and OPPS_MISSING in row["note"], row["note"]


def test_the_office_names_the_other_schedule_alone() -> None:
    done = runner.invoke(app, ["price", "G0008", "--zip", ZIP, "--date", DATE, "--setting", "11"])
    said = " ".join(done.stderr.split())
    assert ADMINISTRATION in said and "OPPS" not in said, said
