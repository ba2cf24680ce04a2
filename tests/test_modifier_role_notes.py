"""Modifiers that say who did the work, checked against the line's practitioner and each other (a trial of a teaching
hospital's claims): 82 with GC (42 CFR 415.190), AS on a physician's line and 80 on a PA's (Noridian JE Part B,
"Modifier AS"), AS on a certified nurse-midwife's line, AQ's HPSA bonus (CMS's HPSA physician bonus page), GC with
GE and Q5 with Q6 (refused, as 26 with TC is), FS at an office (a split or shared visit is a facility's), GP/GN on a
code that is not an always-therapy code. The single lookup (`price`) and `batch` say the same and pay the same."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.duplicates import shared_surgery_conflict_note
from rvucalc.engine.modifiers import TEACHING_ASSISTANT_NOTE
from rvucalc.engine.place_of_service import SPLIT_SHARED_OUTSIDE_FACILITY
from rvucalc.lookup.lines import (
    AQ_NOT_PHYSICIAN_NOTE,
    AQ_NOTE,
    CNM_AS_NOTE,
    CNM_ASSIGNMENT_NOTE,
    MANDATORY_ASSIGNMENT_NOTE,
    NPP_PHYSICIAN_ASSISTANT_NOTE,
    PHYSICIAN_AS_NOTE,
    PLAN_OUTSIDE_THERAPY_NOTE,
)
from rvucalc.lookup.pricer import Pricer

DATE = "08/03/2026"


def _price(*args: str) -> tuple[int, dict]:
    done = CliRunner().invoke(app, ["price", *args, "--date", DATE, "-f", "json"])
    return done.exit_code, (json.loads(done.stdout) if done.exit_code == 0 else {"error": done.output})


def _cms_share(pricer: Pricer, code: str, zip_code: str, share: Fraction) -> Decimal:
    """CMS's facility fee of ``code`` at the ZIP's locality (its RVU and GPCI files, the formula of the RVU file's
    documentation) times ``share`` (an assistant's 16%, an NPP's 85% of it), rounded once half-up."""
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.year == 2026))
    rvu, gpci = store.rvu(code, ""), store.locality(store.zip(zip_code)["locality"])
    exact = Fraction(
        (rvu["work_rvu"] * gpci["gpci_work"] + rvu["pe_fac_rvu"] * gpci["gpci_pe"] + rvu["mp_rvu"] * gpci["gpci_mp"])
        * rvu["conv_factor"],
        10**9,
    )
    return Decimal(exact.numerator * share.numerator) / Decimal(exact.denominator * share.denominator)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _row(code: str, mods: str, provider: str = "MD", pos: str = "21", zip_code: str = "19104") -> dict[str, str]:
    return {"Claim ID": f"C{code}{mods}{provider}", "Provider Type": provider, "CPT Code": code, "Modifiers": mods,
            "Date of Service": DATE, "POS": pos, "Service Facility ZIP": zip_code, "Units": "1"}  # fmt: skip


# -- 1. an assistant at surgery with GC --------------------------------------------------------------------------------


def test_82_with_gc_notes_the_contradiction_in_price_and_batch(tmp_path: Path, pricer: Pricer) -> None:
    code, result = _price("27447-82-GC", "--zip", "19104", "--setting", "21")
    assert code == 0, result
    assert TEACHING_ASSISTANT_NOTE["82"] in result["notes"]
    fee = _cms_share(pricer, "27447", "19104", Fraction(16, 100))  # ch. 12 §20.4.3: 16%, unchanged (a note only)
    assert Decimal(str(result["pfs"]["facility"]["amount"])) == _cents(fee)
    done, rows = run_batch_rows(tmp_path, [_row("27447", "82-GC"), _row("27447", "80-GC"), _row("27447", "80")])
    assert done.exit_code == 0, done.output
    assert TEACHING_ASSISTANT_NOTE["82"] in rows[0]["note"] and _cents(fee) == Decimal(rows[0]["pfs_facility_amount"])
    assert TEACHING_ASSISTANT_NOTE["80/81"].format(assistant="80") in rows[1]["note"]
    assert "415.190" not in rows[2]["note"]


# -- 2. assistant-at-surgery modifiers and the practitioner ------------------------------------------------------------


@pytest.mark.parametrize(
    ("mods", "provider", "said", "unsaid", "share"),
    [
        ("AS", "MD", PHYSICIAN_AS_NOTE, MANDATORY_ASSIGNMENT_NOTE, Fraction(85 * 16, 10000)),
        ("80", "PA-C", NPP_PHYSICIAN_ASSISTANT_NOTE.format(modifier="80"), None, Fraction(85 * 16, 10000)),
        ("AS", "CNM", CNM_AS_NOTE, CNM_ASSIGNMENT_NOTE, Fraction(85 * 16, 10000)),
        ("AS", "PA-C", MANDATORY_ASSIGNMENT_NOTE, PHYSICIAN_AS_NOTE, Fraction(85 * 16, 10000)),
        ("80", "MD", None, NPP_PHYSICIAN_ASSISTANT_NOTE.format(modifier="80"), Fraction(16, 100)),
    ],
)
def test_assistant_modifier_notes_follow_the_practitioner(
    tmp_path: Path, pricer: Pricer, mods: str, provider: str, said: str | None, unsaid: str | None, share: Fraction
) -> None:
    code, result = _price(f"27447-{mods}", "--zip", "19104", "--setting", "21", "--provider", provider)
    assert code == 0, result
    done, rows = run_batch_rows(tmp_path, [_row("27447", mods, provider)])
    assert done.exit_code == 0, done.output
    expected = _cents(_cms_share(pricer, "27447", "19104", share))  # the money is the modifier's, as before
    assert Decimal(str(result["pfs"]["facility"]["amount"])) == expected == Decimal(rows[0]["pfs_facility_amount"])
    for notes in ("\n".join(result["notes"]), rows[0]["note"]):  # batch joins a row's notes with '; '
        if said:
            assert said in notes, notes
        if unsaid:
            assert unsaid not in notes, notes


# -- 3. modifiers that cannot be on one line, and FS at an office ------------------------------------------------------


@pytest.mark.parametrize(("code", "mods"), [("99213", "GC-GE"), ("99233", "Q5-Q6")])
def test_pairs_that_exclude_each_other_are_refused(tmp_path: Path, code: str, mods: str) -> None:
    done = CliRunner().invoke(app, ["price", f"{code}-{mods}", "--date", DATE])
    assert done.exit_code == 2, done.output
    first, second = mods.split("-")
    assert f"Modifiers {first} and {second} conflict" in done.output
    ran, rows = run_batch_rows(tmp_path, [_row(code, mods, pos="11"), _row(code, first, pos="11")])
    assert ran.exit_code == 1, ran.output  # a row error: the run's exit status says so
    assert f"Modifiers {first} and {second} conflict" in rows[0]["error"] and not rows[1]["error"]


def test_fs_at_an_office_is_noted_not_at_a_hospital(tmp_path: Path) -> None:
    office = SPLIT_SHARED_OUTSIDE_FACILITY.format(pos="11", name="Office")
    code, result = _price("99213-FS", "--zip", "19104", "--setting", "11")
    assert code == 0 and office in result["notes"], result
    code, inpatient = _price("99233-FS", "--zip", "19104", "--setting", "21")
    assert code == 0 and not any("split (or shared)" in note for note in inpatient["notes"]), inpatient
    done, rows = run_batch_rows(tmp_path, [_row("99213", "FS", pos="11"), _row("99233", "FS", pos="21"),
                                           _row("99213", "", pos="11")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert office in rows[0]["note"]
    assert "split (or shared)" not in rows[1]["note"] and "split (or shared)" not in rows[2]["note"]


# -- 4. AQ -----------------------------------------------------------------------------------------------------------


def test_aq_says_the_hpsa_bonus_is_paid_apart_and_is_a_physician_s(tmp_path: Path) -> None:
    code, physician = _price("99213-AQ", "--zip", "59301")
    assert code == 0 and AQ_NOTE in physician["notes"] and AQ_NOT_PHYSICIAN_NOTE not in physician["notes"]
    assert not any("Modifier AQ is informational" in note for note in physician["notes"])
    code, nurse = _price("99213-AQ", "--zip", "59301", "--provider", "np")
    assert code == 0 and AQ_NOT_PHYSICIAN_NOTE in nurse["notes"]
    done, rows = run_batch_rows(tmp_path, [_row("99213", "AQ", "MD", "11", "59301"),
                                           _row("99213", "AQ", "NP", "11", "59301")])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert AQ_NOTE in rows[0]["note"] and AQ_NOT_PHYSICIAN_NOTE not in rows[0]["note"]
    assert AQ_NOT_PHYSICIAN_NOTE in rows[1]["note"]
    assert Decimal(rows[0]["pfs_non_facility_amount"]) == Decimal(str(physician["pfs"]["non_facility"]["amount"]))


# -- 5. a therapy plan modifier on a code that is not always therapy --------------------------------------------------


@pytest.mark.parametrize(("code", "mod", "plan"), [("93798", "GP", "physical therapy"),
                                                   ("95992", "GN", "speech-language pathology")])  # fmt: skip
# (92557, audiometry, was the GN case: CMS's RVU file marks it PC/TC 7, a therapy code (engine.hopd_therapy.
# is_therapy_code), so it no longer earns the note; 95992, a sometimes-therapy code, PC/TC 0, does)
def test_a_plan_modifier_on_a_code_that_is_not_always_therapy_is_noted(
    tmp_path: Path, code: str, mod: str, plan: str
) -> None:
    note = PLAN_OUTSIDE_THERAPY_NOTE.format(modifier=mod, plan=plan, code=code)
    status, result = _price(f"{code}-{mod}", "--zip", "19104", "--setting", "11")
    assert status == 0 and note in result["notes"], result
    status, therapy = _price("97110-GP", "--zip", "19104", "--setting", "11")  # multiple procedure indicator 5
    assert status == 0 and not any("is not checked against it" in n for n in therapy["notes"]), therapy
    done, rows = run_batch_rows(tmp_path, [_row(code, mod, pos="11"), _row("97110", "GP", "PT", "11")])
    assert done.exit_code == 0, done.output
    assert note in rows[0]["note"] and "is not checked against it" not in rows[1]["note"]


# -- 3b. 62 and 66 on one code, one claim and date ---------------------------------------------------------------------


def test_62_and_66_on_one_code_of_one_claim_are_noted_in_price_and_batch(tmp_path: Path) -> None:
    co, team = shared_surgery_conflict_note("32851", "62"), shared_surgery_conflict_note("32851", "66")
    done = CliRunner().invoke(app, ["price", "32851-66", "32851-62", "--zip", "19104", "--setting", "21", "--date",
                                    DATE, "-f", "json"])  # fmt: skip
    assert done.exit_code != 2, done.output  # 66 is paid by report: the encounter's total is the MAC's, its lines shown
    said = json.dumps(json.loads(done.stdout))
    assert json.dumps(co)[1:-1] in said and json.dumps(team)[1:-1] in said
    rows = [_row("32851", "66"), _row("32851", "62"), _row("32851", "62"), _row("32851", "66")]
    rows[0]["Claim ID"] = rows[1]["Claim ID"] = "CL212"  # one claim and date (the trial's)
    rows[2]["Claim ID"], rows[3]["Claim ID"] = "OTHER1", "OTHER2"  # two claims: two surgeons', not noted
    ran, out = run_batch_rows(tmp_path, rows)
    assert ran.exit_code == 0, ran.output
    assert team in out[0]["note"] and co in out[1]["note"]
    assert "team surgery (66) are two" not in out[2]["note"] + out[3]["note"]


def test_62_and_66_of_two_practitioners_on_one_claim_and_date_are_noted_in_batch(tmp_path: Path) -> None:
    """Each surgeon's line is one role (ch. 12 §40.8 B, C): the 62 and 66 lines of one code are two surgeons' by
    definition, so batch notes them on one claim and date whatever its provider column says (price notes any such
    pair: a trial's MD 62 beside another practitioner's 66 went unnoted in batch, grouped by practitioner)."""
    co, team = shared_surgery_conflict_note("32851", "62"), shared_surgery_conflict_note("32851", "66")
    rows = [_row("32851", "62", provider="MD"), _row("32851", "66", provider="NP")]
    rows[0]["Claim ID"] = rows[1]["Claim ID"] = "CL7"
    ran, out = run_batch_rows(tmp_path, rows)
    assert ran.exit_code == 0, ran.output
    assert co in out[0]["note"] and team in out[1]["note"]


# -- 6. no "; " inside a note: batch's note column joins a row's notes with "; " --------------------------------------


def _todays_notes() -> list[str]:
    from rvucalc.engine.place_of_service import CLINIC_PFS_CLAUSE
    from rvucalc.engine.rehab import REHAB_KINDS, rehab_sessions_note
    from rvucalc.engine.therapists import SLP_HOSPITAL_NOTE, SNF_THERAPY_NOTE
    from rvucalc.engine.visits import CRITICAL_CARE_SPLIT_OTHER_NOTE

    return [
        SPLIT_SHARED_OUTSIDE_FACILITY.format(pos="11", name="Office"),
        *TEACHING_ASSISTANT_NOTE.values(),
        AQ_NOTE,
        AQ_NOT_PHYSICIAN_NOTE,
        PHYSICIAN_AS_NOTE,
        NPP_PHYSICIAN_ASSISTANT_NOTE,
        CNM_AS_NOTE,
        PLAN_OUTSIDE_THERAPY_NOTE,
        CLINIC_PFS_CLAUSE,
        SLP_HOSPITAL_NOTE,
        SNF_THERAPY_NOTE,
        CRITICAL_CARE_SPLIT_OTHER_NOTE,
        shared_surgery_conflict_note("27447", "62"),
        *(rehab_sessions_note(kind, 9) for kind in REHAB_KINDS),
    ]


def test_no_note_added_today_holds_the_note_column_separator() -> None:
    assert [note[:60] for note in _todays_notes() if "; " in note] == []


def test_fs_at_an_office_is_one_part_of_batch_s_note_column(tmp_path: Path) -> None:
    office = SPLIT_SHARED_OUTSIDE_FACILITY.format(pos="11", name="Office")
    done, rows = run_batch_rows(tmp_path, [_row("99213", "FS", pos="11")])
    assert done.exit_code == 0, done.output
    assert office in rows[0]["note"].split("; ")
