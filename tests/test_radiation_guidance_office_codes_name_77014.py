"""Through 2025 the PFS does not pay 77387 (image guidance, status I): the office and freestanding centers bill the
PFS's guidance codes, G6001 (ultrasound), G6002 (stereoscopic X-ray), G6017 (intrafraction tracking), and CT guidance
under CPT's own 77014, which RVU25D pays (status A). A radiation oncology trial's `price 77387 --setting 11` named only
"G6001, G6002 or G6017 (guidance)", leaving a freestanding center's cone-beam CT guidance unnamed
(engine.radiation.OFFICE_CODES)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"


def _status(code: str) -> str:
    """RVU25D's status of the code's global row."""
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, ""])[3]


def test_77387_in_the_office_names_77014_as_ct_guidance() -> None:
    assert _status("77387") == "I" and _status("77014") == "A"  # CMS's file: 77014 is the PFS's CT guidance
    done = CliRunner().invoke(app, ["price", "77387", "--setting", "11", "--zip", "40207", "--date", "2025-11-03"])
    assert done.exit_code == 1
    said = " ".join(done.output.split())
    assert "77014 (CT)" in said and "G6002 (stereoscopic X-ray)" in said


def test_batch_says_the_same(tmp_path: Path) -> None:
    rows = [{"Patient Acct": "1", "Charge Date": "11/03/2025", "CPT": "77387", "Qty": "1", "Place of Svc": "11"}]
    done, out = run_batch_rows(tmp_path, rows, "--zip", "40207")
    assert done.exit_code == 0, done.output
    assert "77014 (CT)" in out[0]["note"] and out[0]["allowed"] == ""
