"""A transplant surgery group's trial (Cleveland, OH 44195): 50300, the excision of a cadaver donor's kidney, which
CMS's RVU file gives status X, was said not payable as "Statutory exclusion: not a physician service for PFS payment
(e.g. ambulance, clinical lab)", the status's generic examples. Its surgeon's fee is a kidney acquisition cost (42 CFR
412.100(b), whose list is 413.402(b) now: the item "(7) Surgeons' fees for excising cadaver kidneys" the regulation had
is no paragraph of it any more), paid to the transplant hospital apart from its DRG payment: price and batch say so,
and whom to bill. The live donor's nephrectomy (50320) stays a priced Part B service."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.meanings import cadaver_kidney_note

runner = CliRunner()
RVU26C = Path(__file__).resolve().parents[1] / "data/rvu/2026/PPRRVU2026_Jul_nonQPP.csv"
DATE = "2026-08-04"


def _status(code: str) -> str:
    """CMS's RVU26C status of the code's global row."""
    with RVU26C.open(encoding="latin-1", newline="") as handle:
        return next(row[3] for row in csv.reader(handle) if row[:2] == [code, ""])


def test_cadaver_kidney_excision_says_it_is_an_acquisition_cost() -> None:
    """price 50300 at the inpatient hospital: not payable (exit 1), its reason the acquisition cost, not "ambulance"
    alone; the note holds no "; " (batch's separator)."""
    assert _status("50300") == "X" and _status("50320") == "A"
    note = cadaver_kidney_note("50300", "X")
    assert note is not None and "; " not in note
    done = runner.invoke(app, ["price", "50300", "--zip", "44195", "--setting", "21", "--date", DATE])
    assert done.exit_code == 1, done.output
    assert note.rstrip(".") in " ".join(done.output.split())
    assert cadaver_kidney_note("50320", "A") is None and cadaver_kidney_note("A0425", "X") is None


def test_cadaver_kidney_note_cites_the_regulation_in_force_not_its_old_paragraph_b7() -> None:
    """42 CFR 412.100(b) in force lists no item (7): it says kidney acquisition costs are listed in 413.402(b). The
    note's first version cited "412.100(b)(7)", the paragraph of the regulation's former text."""
    note = cadaver_kidney_note("50300", "X")
    assert note is not None
    assert "42 CFR 412.100(b) and 413.402(b)" in note
    assert "(b)(7)" not in note


def test_cadaver_kidney_excision_batch_row_says_it_and_the_live_donor_s_is_priced(tmp_path: Path) -> None:
    """batch: the 50300 row has no amount and the note; 50320 beside it is priced without it."""
    rows = [
        {"Claim ID": "TX1", "Service Date": "08/04/2026", "POS": "21", "CPT Code": "50300", "Units": "1",
         "Service Facility ZIP": "44195"},
        {"Claim ID": "TX2", "Service Date": "08/04/2026", "POS": "21", "CPT Code": "50320", "Units": "1",
         "Service Facility ZIP": "44195"},
    ]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    cadaver, live = out
    note = cadaver_kidney_note("50300", "X")
    assert note is not None and note in cadaver["note"] and cadaver["allowed"] == ""
    assert note not in live["note"] and live["allowed"] != ""
