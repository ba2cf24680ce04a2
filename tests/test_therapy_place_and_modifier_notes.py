"""A speech/audiology trial (ZIP 97301, November 2026; an Oregon clinic's export):

- `price 92507-GN --setting 31 --provider slp` said SNF consolidated billing reaches a resident "in a covered Part A
  stay" only, where CMS applies it to PT, OT and SLP in Part A and Part B stays alike (engine.therapists'
  SNF_THERAPY_NOTE, its sources), and a physician's (or an unnamed provider's) 92507-GN at POS 31 had no note at all.
  POS 32 (nursing facility) now says whose residents it reaches.
- KX was "no payment rule attaches to it", where on outpatient therapy it is the threshold's attestation (Social
  Security Act §1833(g)(7)), and AB said nothing of its limits or of the code list rvucalc does not check.
- 96105-GN, 97129-GN, 97130-GN were asked to "check that 97129 is one" (correct coding of sometimes-therapy codes).
- V5261-LT-RT exited 2 on its sides where V5261-RT said the statutory exclusion: the exclusion is said first.

Amounts are CMS's own (``_cms_fee``: CMS's RVU and GPCI files), unchanged by the notes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.modifiers import AB_NOTE, KX_NOTE, SRC_INFO
from rvucalc.engine.therapists import NURSING_FACILITY_THERAPY_NOTE, SNF_THERAPY_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money


def _price(*arguments: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, ["price", *arguments, "--zip", "97301", "--date", "2026-11-12", "-f", "json"])
    return done.exit_code, done.stdout, done.stderr


def test_the_snf_note_says_part_a_and_part_b_stays_alike() -> None:
    assert "Part B" in SNF_THERAPY_NOTE and "Part A" in SNF_THERAPY_NOTE
    assert "does not say whether the stay is Part A" not in SNF_THERAPY_NOTE
    assert "§1888(e)(2)(A)(ii)" in SNF_THERAPY_NOTE and "SE0518" in SNF_THERAPY_NOTE
    for note in (SNF_THERAPY_NOTE, NURSING_FACILITY_THERAPY_NOTE, KX_NOTE, AB_NOTE):
        assert "; " not in note  # one part of batch's note column


@pytest.mark.parametrize("provider", [("--provider", "slp"), ("--provider", "DPT"), ()], ids=["slp", "dpt", "none"])
def test_therapy_at_a_snf_is_noted_whoever_bills_it_the_amount_cms_s(provider: tuple[str, ...], pricer: Pricer) -> None:
    facility = _cms_fee(pricer, "92507", "97301", 2026)["facility"]
    code, stdout, _ = _price("92507-GN", "--setting", "31", *provider)
    assert code == 0, stdout
    result = json.loads(stdout)
    assert SNF_THERAPY_NOTE in result["notes"]
    assert _money(result["pfs"]["facility"]["amount"]) == facility


def test_a_nursing_facility_says_whose_residents_consolidated_billing_reaches() -> None:
    code, stdout, _ = _price("92507-GN", "--setting", "32")
    assert code == 0, stdout
    notes = json.loads(stdout)["notes"]
    assert NURSING_FACILITY_THERAPY_NOTE in notes and SNF_THERAPY_NOTE not in notes
    assert "Medicare-certified" in NURSING_FACILITY_THERAPY_NOTE


def test_a_visit_at_a_snf_is_not_therapy() -> None:
    _, stdout, _ = _price("99213", "--setting", "31")
    assert SNF_THERAPY_NOTE not in json.loads(stdout)["notes"]


def test_kx_names_the_therapy_threshold_rule() -> None:
    listing = CliRunner().invoke(app, ["modifiers", "-f", "csv"])
    kx = next(row for row in csv.DictReader(io.StringIO(listing.stdout)) if row["modifier"] == "KX")
    assert kx["source"] != SRC_INFO and "1833(g)(7)" in kx["source"]
    assert "no payment rule attaches" not in kx["source"]
    _, stdout, _ = _price("92507-GN-KX")
    assert KX_NOTE in json.loads(stdout)["notes"]
    _, stdout, _ = _price("99213-KX")  # not a therapy line: the generic note
    assert KX_NOTE not in json.loads(stdout)["notes"]


@pytest.mark.parametrize("code", ["92540", "92507", "92557"])
def test_ab_says_its_limits_and_that_the_code_list_is_not_checked(code: str) -> None:
    done, stdout, _ = _price(f"{code}-AB")
    assert done == 0, stdout
    notes = json.loads(stdout)["notes"]
    assert AB_NOTE in notes and "Modifier AB is informational: it does not change the amount." not in notes
    assert "does not check" in AB_NOTE and "disequilibrium" in AB_NOTE


@pytest.mark.parametrize("code", ["96105", "97129", "97130"])
def test_gn_on_a_sometimes_therapy_code_is_not_alarming(code: str) -> None:
    done, stdout, _ = _price(f"{code}-GN")
    assert done == 0, stdout
    said = " ".join(json.loads(stdout)["notes"])
    assert "check that" not in said and f"{code} is not checked against it" in said


def test_a_hearing_aid_s_exclusion_is_said_before_its_sides() -> None:
    done = CliRunner().invoke(app, ["price", "V5261-LT-RT", "--zip", "97301", "--date", "2026-11-12"])
    assert done.exit_code == 1, done.output
    message = " ".join(done.stderr.split())
    assert "§1862(a)(7)" in message and "LT and RT on one line" not in message
    other = CliRunner().invoke(app, ["price", "92557-LT-RT", "--zip", "97301", "--date", "2026-11-12"])
    assert other.exit_code == 2 and "LT and RT on one line" in other.stderr  # any other code: refused as before
