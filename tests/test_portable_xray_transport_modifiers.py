"""Portable X-ray transport's patient-count modifiers (Claims Processing Manual ch. 13 §90.3): R0075 (more than one
patient seen, per patient) carries exactly one of UN, UP, UQ, UR, US (two to six or more patients served), and R0070
(one patient seen) none. R0075 without one, or R0070 with one, priced (by the MAC: status C in RVU26C) with no word.
A note in price and batch alike; no amount (the MAC's)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.modifiers import PORTABLE_XRAY_COUNT_MODIFIERS
from rvucalc.paths import data_dir

runner = CliRunner()
MANY = "R0075 (portable X-ray transport, more than one patient seen) is reported with one of UN, UP, UQ, UR or US"
ONE = "R0070 (portable X-ray transport, one patient seen) is reported with no patient-count modifier"


def _status(code: str) -> str:
    """The code's status in CMS's RVU26C file."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        (status,) = {row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1]}
    return status


def _notes(code: str) -> list[str]:
    done = runner.invoke(app, ["price", code, "--zip", "10001", "-f", "json"])
    notes: list[str] = json.loads(done.stdout)["notes"]
    return notes


def test_both_codes_are_the_mac_s() -> None:
    assert _status("R0070") == _status("R0075") == "C"
    assert PORTABLE_XRAY_COUNT_MODIFIERS == ("UN", "UP", "UQ", "UR", "US")


@pytest.mark.parametrize(
    ("code", "said"),
    [("R0075", MANY), ("R0075-UN-UP", MANY), ("R0070-UN", ONE), ("R0070-US", ONE), ("R0075-UN", None),
     ("R0070", None)],
)  # fmt: skip
def test_price_notes_the_coding(code: str, said: str | None) -> None:
    notes = " ".join(_notes(code))
    if said is None:
        assert MANY not in notes and ONE not in notes, notes
    else:
        assert said in notes and "Claims Processing Manual ch. 13 §90.3" in notes, notes


def test_the_table_says_it_beside_the_mac_s_fee() -> None:
    done = runner.invoke(app, ["price", "R0075", "--zip", "10001"])
    said = " ".join(done.stderr.split())
    assert "priced by your Medicare contractor (MAC)" in said and MANY in said, said


def test_batch_says_as_price(tmp_path: Path) -> None:
    source = tmp_path / "lines.csv"
    source.write_text("code,modifier,zip,date\nR0075,,10001,2026-07-02\nR0070,UN,10001,2026-07-02\n"
                      "R0075,UP,10001,2026-07-02\n")  # fmt: skip
    out = tmp_path / "out.json"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    many, one, fine = json.loads(out.read_text())
    for row, code in ((many, "R0075"), (one, "R0070-UN")):
        [note] = [n for n in _notes(code) if n.startswith(("R0075 (", "R0070 ("))]
        assert note in row["note"], row
    assert MANY not in fine["note"] and ONE not in fine["note"], fine


# An IDTF trial: R0075-UP was told "Modifier UP is informational: it does not change the amount", where the count is
# what the MAC prorates the trip's one transport payment by (ch. 13 §90.3). Its own note instead, price and batch alike.
@pytest.mark.parametrize(("modifier", "patients"), [("UN", "two"), ("UP", "three"), ("US", "six or more")])
def test_r0075_s_count_says_the_mac_prorates_by_it(modifier: str, patients: str) -> None:
    notes = _notes(f"R0075-{modifier}")
    assert f"Modifier {modifier} is informational: it does not change the amount." not in notes, notes
    [said] = [note for note in notes if note.startswith(f"Modifier {modifier} (")]
    assert f"({patients} patients served on the trip)" in said and "prorates" in said and "ch. 13 §90.3" in said


def test_a_count_elsewhere_stays_informational(tmp_path: Path) -> None:
    # On R0070 the count is a coding error (ONE says so), on R0075 with two of them MANY: neither is a proration.
    for code in ("R0070-UN", "R0075-UN-UP"):
        assert not any("patients served on the trip)" in note for note in _notes(code)), code
    source = tmp_path / "lines.csv"
    source.write_text("code,modifier,pos,zip,date\nR0075,UP,32,60616,2025-10-21\n")
    out = tmp_path / "out.json"
    runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    [row] = json.loads(out.read_text())
    [said] = [note for note in _notes("R0075-UP") if note.startswith("Modifier UP (")]
    assert said in row["note"] and "Modifier UP is informational" not in row["note"], row["note"]
