"""A cardiopulmonary rehabilitation and nutrition program's trial (Pittsburgh, PA 15213): its Medicare Diabetes
Prevention Program lines (G9873, G9886, 2026's G9871), status X in CMS's RVU files, read "Statutory exclusion: not a
physician service for PFS payment (e.g. ambulance, clinical lab)" alone. MDPP is paid to an enrolled MDPP supplier at
CMS's MDPP payment amounts (42 CFR 414.84, 424.205), the patient owing nothing (414.84(b)): price and batch say so."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.meanings import MDPP_CODES, mdpp_note

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data/rvu"
RVU = {"2025-11-05": DATA / "2025/PPRRVU2025_Oct.csv", "2026-05-05": DATA / "2026/PPRRVU2026_Jul_nonQPP.csv"}


def _statuses(path: Path) -> dict[str, str]:
    """CMS's status of each global row of the RVU file."""
    with path.open(encoding="latin-1", newline="") as handle:
        return {row[0]: row[3] for row in csv.reader(handle) if len(row) > 3 and row[1] == ""}


def test_mdpp_codes_are_cms_s_status_x_rows() -> None:
    """Every MDPP code is a status X row of RVU26C (G9871 new in 2026) and of RVU25D but G9871; the note holds no '; '
    (batch's separator); another status X code, or an MDPP code of another status, has none."""
    statuses = {date: _statuses(path) for date, path in RVU.items()}
    assert all(statuses["2026-05-05"][code] == "X" for code in MDPP_CODES)
    assert all(statuses["2025-11-05"][code] == "X" for code in MDPP_CODES - {"G9871"})
    assert "G9871" not in statuses["2025-11-05"]
    note = mdpp_note("G9873", "X")
    assert note is not None and "414.84" in note and "; " not in note
    assert mdpp_note("50300", "X") is None and mdpp_note("G9873", "A") is None


@pytest.mark.parametrize(("code", "date"), [("G9873", "2025-11-05"), ("G9886", "2025-11-05"), ("G9871", "2026-05-05")])
def test_price_says_the_mdpp_supplier_is_paid(code: str, date: str) -> None:
    done = runner.invoke(app, ["price", code, "--zip", "15213", "--setting", "11", "--date", date])
    assert done.exit_code == 1, done.output  # not payable here, as before
    note = mdpp_note(code, "X")
    assert note is not None and note.rstrip(".") in " ".join(done.output.split())


def test_batch_mdpp_rows_say_it_and_the_dsmt_row_does_not(tmp_path: Path) -> None:
    rows = [{"Claim ID": f"DP{n}", "Service Date": date, "Place of Service": "11", "CPT/HCPCS": code, "Units": "1",
             "Service ZIP": "15213", "Credentials": "RD LDN"}
            for n, (code, date) in enumerate((("G9873", "2025-11-05"), ("G9871", "2026-05-05"),
                                              ("G0108", "2025-11-05")))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out[:2]:
        note = mdpp_note(row["CPT/HCPCS"], "X")
        assert note is not None and note in row["note"] and row["allowed"] == ""
    assert "MDPP" not in out[2]["note"] and out[2]["allowed"] != ""
