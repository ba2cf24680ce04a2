"""A post-acute trial: 99309 (subsequent nursing facility care) at POS 12 was priced $112.47 and 99349 (a home or
residence visit) at POS 32 $130.09 without a word, and 99349 at POS 31 was "rarely or never performed there", which
names no code to bill. CMS's manual has the nursing facility care codes billed with POS 31, 32, 54 or 56 (Claims
Processing Manual ch. 12 §30.6.13, as MACs restate it: engine.visits.visit_place_note). A note (or the reason where
the place has no amount); the money is as the place prices it, the same as at the code's own place (the office rate
at 12, 13 and 32)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.visits import visit_place_note

runner = CliRunner()
DATE = "2026-08-06"
ZIP = "85016"  # Phoenix: the ARIZONA locality
MARKERS = ("is a nursing facility care code, billed with POS", "is a home or residence visit. At POS")


def _price(code: str, pos: str) -> dict:
    result = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", pos, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("code", "pos", "said"),
    [
        ("99309", "12", "99309 is a nursing facility care code"),
        ("99306", "13", "99306 is a nursing facility care code"),
        ("99349", "32", "99349 is a home or residence visit"),
        ("99315", "11", "99315 is a nursing facility care code"),
    ],
)
def test_a_visit_at_another_family_s_place_is_noted_and_priced_as_there(code: str, pos: str, said: str) -> None:
    out = _price(code, pos)
    notes = " ".join(out["notes"])
    assert said in notes and "ch. 12 §30.6.13" in notes
    assert ("99341-99350" if code.startswith("993") and code < "99341" else "99304-99310") in notes
    # The amount is the office rate the place pays, the same as at POS 11 (where nothing is noted for a home visit).
    office = _price(code, "11") if code == "99349" else None
    assert out["sites"][0]["allowed"] == out["pfs"]["non_facility"]["amount"]
    if office is not None:
        assert office["sites"][0]["allowed"] == out["sites"][0]["allowed"]


@pytest.mark.parametrize(
    ("code", "pos"),
    [
        ("99309", "31"),
        ("99309", "32"),
        ("99304", "54"),
        ("99349", "12"),
        ("99349", "13"),
        ("99310", "02"),
        ("99309", "10"),
        ("99213", "12"),
    ],
)
def test_a_visit_at_its_own_place_says_nothing(code: str, pos: str) -> None:
    assert visit_place_note(code, pos) is None
    notes = " ".join(_price(code, pos)["notes"])
    assert not any(marker in notes for marker in MARKERS)


def test_a_home_visit_at_a_snf_names_the_nursing_facility_codes() -> None:
    result = runner.invoke(app, ["price", "99349", "--zip", ZIP, "--date", DATE, "--setting", "31"])
    assert result.exit_code == 1, result.output
    assert "rarely or never performed there" not in result.stderr
    assert "a home or residence visit (99341-99350)" in result.stderr and "99304-99310" in result.stderr


def test_batch_says_what_price_says(tmp_path: Path) -> None:
    cases = [("99309", "12"), ("99349", "32"), ("99349", "31"), ("99309", "32"), ("99349", "12"), ("99306", "21")]
    source = tmp_path / "ltc.csv"
    lines = "".join(f"C{n},{DATE},{code},{pos},{ZIP}\n" for n, (code, pos) in enumerate(cases))
    source.write_text("Claim ID,DOS,CPT Code,POS,Svc Loc ZIP\n" + lines)
    result = runner.invoke(app, ["batch", str(source), "-q"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(cases)
    for row, (code, pos) in zip(rows, cases, strict=True):
        single = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", pos, "--format", "csv"])
        line = next(csv.DictReader(io.StringIO(single.stdout)))
        note = visit_place_note(code, pos)
        for said in (row["note"], line["notes"]):
            assert (note in said) if note else not any(marker in said for marker in MARKERS)
        site = [value for key, value in line.items() if key.startswith("site_") and key.endswith("_total")]
        assert row["allowed"] == (site[0] if site else "")
    assert "a home or residence visit (99341-99350) is paid the non-facility rate only" in rows[2]["note"]


def test_the_home_visit_reason_is_one_piece_of_batch_s_note(tmp_path: Path) -> None:
    """Batch joins a row's notes with "; ": the reason had one inside, and 99349 at POS 31 read as two notes, the
    second ("a SNF or nursing facility resident's visit is ...") standing alone."""
    from rvucalc.engine.pfs import HOME_VISIT_IN_FACILITY_REASON

    assert "; " not in HOME_VISIT_IN_FACILITY_REASON
    source = tmp_path / "snf.csv"
    source.write_text(f"Claim ID,DOS,CPT Code,POS,Svc Loc ZIP\nS1,{DATE},99349,31,{ZIP}\n")
    result = runner.invoke(app, ["batch", str(source), "-q"])
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["allowed"] == ""
    assert HOME_VISIT_IN_FACILITY_REASON in row["note"].split("; "), row["note"]


ARIZONA_2026 = ("03102", "0", "00")  # GPCI2026's carrier and locality number of ZIP 85016


def test_a_home_visit_at_an_icf_iid_is_noted_as_at_a_nursing_facility(tmp_path: Path) -> None:
    """POS 54 (intermediate care facility/individuals with intellectual disabilities) is a nursing facility care
    code's place ("The CPT NF code definition also includes POS 54", ch. 12 §30.6.13 as Palmetto GBA restates it): a
    trial's 99349 there had no note while at POS 32 it had one. Priced the office amount of CMS's RVU26C and GPCI2026
    (the place's non-facility rate), the same as at POS 32; price and batch say the same."""
    from test_imaging_order import fee

    note = visit_place_note("99349", "54")
    assert note is not None and note.startswith("99349 is a home or residence visit. At POS 54 (Intermediate care")
    assert "99304-99310" in note
    out = _price("99349", "54")
    assert note in out["notes"]
    assert out["sites"][0]["allowed"] == _price("99349", "32")["sites"][0]["allowed"]
    assert Decimal(str(out["sites"][0]["allowed"])) == fee(2026, ARIZONA_2026, "99349")
    source = tmp_path / "icf.csv"
    source.write_text(f"Claim ID,DOS,CPT Code,POS,Svc Loc ZIP\nI1,{DATE},99349,54,{ZIP}\n")
    (row,) = csv.DictReader(io.StringIO(runner.invoke(app, ["batch", str(source), "-q"]).stdout))
    assert note in row["note"] and Decimal(row["allowed"]) == fee(2026, ARIZONA_2026, "99349")


@pytest.mark.parametrize(
    ("pos", "codes"),
    [
        ("21", ("99221-99223", "99231-99233", "ch. 12 §30.6.9 D")),  # a swing bed's nursing facility stay keeps them
        ("22", ("99202-99215", "99221-99239")),
        ("19", ("99202-99215", "99221-99239")),
        ("23", ("99281-99285",)),
    ],
)
def test_a_nursing_facility_code_at_a_hospital_names_the_hospital_place_s_codes(
    tmp_path: Path, pos: str, codes: tuple[str, ...]
) -> None:
    """A trial's 99309 at POS 21, 22 and 23 was told to bill a home visit, 99341-99350: the E/M of the place is the
    hospital's (MLN Matters MM6740: the visit is billed with the code of where it occurs), and at POS 21 a swing bed
    billed as nursing facility care keeps the nursing facility codes (ch. 12 §30.6.9 D). Batch says the same, one
    note among its "; "-joined ones."""
    note = visit_place_note("99309", pos)
    assert note is not None and "99341-99350" not in note and all(code in note for code in codes)
    assert ("swing bed" in note) == (pos == "21")
    assert note in _price("99309", pos)["notes"]
    source = tmp_path / "hospital.csv"
    source.write_text(f"Claim ID,DOS,CPT Code,POS,Svc Loc ZIP\nH1,{DATE},99309,{pos},{ZIP}\n")
    (row,) = csv.DictReader(io.StringIO(runner.invoke(app, ["batch", str(source), "-q"]).stdout))
    assert note in row["note"].split("; "), row["note"]
