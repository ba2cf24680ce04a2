"""A physical or occupational therapist, and a speech-language pathologist, in private practice (a user trial: a DPT's
97110-GP at POS 21 in ZIP 10001 on 11/05/2025 was paid $32.26; a CCC-SLP's 92507-GN at POS 31 $83.73 with no note;
`rvucalc price 92507-GN --setting 21 --provider SLP` $83.73 with no note). PT, DPT, OT, SLP ... were read as a
physician, so a therapist's hospital line could not be told from a physician's. The RVU file documentation's PC/TC
indicator 7: "Payment may not be made if the service is provided to either a patient in a hospital outpatient
department or to an inpatient of the hospital by an independently practicing physical or occupational therapist".
Elsewhere a therapist is paid as a physician: CMS's fee schedule amount (``_cms_fee``: CMS's RVU and GPCI files, the
formula of its RVU file documentation), the limiting charge kept."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.lines import provider_of
from rvucalc.cli import app
from rvucalc.engine.therapists import SLP_HOSPITAL_NOTE, SNF_THERAPY_NOTE, therapist_denial
from rvucalc.lookup.lines import AQ_NOT_PHYSICIAN_NOTE, MANDATORY_ASSIGNMENT_NOTE, THERAPIST_AS_NOTE
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

INDICATOR_7 = "independently practicing physical or occupational therapist"


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("PT", "therapist"), ("DPT", "therapist"), ("MPT", "therapist"), ("OT", "therapist"), ("OTR/L", "therapist"),
     ("65", "therapist"), ("67", "therapist"), ("SMITH, JANE PT", "therapist"), ("SLP", "slp"), ("CCC-SLP", "slp"),
     ("15", "slp"), ("MD", "physician")],
)  # fmt: skip
def test_a_therapist_cell_is_read_as_a_therapist(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


# The trial's rows (ZIP 10001, 11/05/2025, CMS's 2025 files): (claim, code, modifier, POS, credential).
TRIAL = [("T3", "97110", "GP", "21", "DPT"), ("T4", "92507", "GN", "31", "CCC-SLP"),
         ("T5", "92507", "GN", "21", "SLP"), ("T6", "97110", "GP", "22", "PT"), ("T7", "97530", "GO", "19", "OTR/L"),
         ("T8", "97110", "GP", "21", "MD"), ("T9", "97110", "GP", "11", "DPT")]  # fmt: skip


@pytest.mark.parametrize("claims", [False, True], ids=["alone", "in-claims"])
def test_the_trial_s_therapist_rows_at_the_hospital_and_snf(claims: bool, tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "therapy.csv"
    rows = "".join(f"{claim if claims else 'X' + claim},11/05/2025,{code},{modifier},1,{pos},10001,{who}\n"
                   for claim, code, modifier, pos, who in TRIAL)  # fmt: skip
    source.write_text("Claim ID,DOS,CPT,Mod1,Units,POS,Service ZIP,Credential\n" + rows)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 1, result.output  # 1: a row with an error (the denied ones), as a chiropractor's
    assert json.loads(result.stdout)["unread_provider"] == 0
    dpt_21, slp_31, slp_21, pt_22, ot_19, md_21, dpt_11 = list(csv.DictReader(out.open()))
    # PC/TC 7 at the hospital, a PT's or OT's line: not payable, the indicator's text its reason (was $32.26)
    for row, code, pos in ((dpt_21, "97110", "21"), (pt_22, "97110", "22"), (ot_19, "97530", "19")):
        assert row["error_kind"] == "denied" and row["allowed"] == "", row
        assert row["error"] == therapist_denial(code, "therapist", pos) and INDICATOR_7 in row["error"], row
    # an inpatient's therapy is in the hospital's Part A payment: no "--setting hopd" advice at POS 21 (a review)
    assert "--setting hopd" not in dpt_21["error"] and "Part A" in dpt_21["error"]
    assert "--setting hopd" in pt_22["error"] and "--setting hopd" in ot_19["error"]
    # an SLP's line there, and a therapist's at a SNF: CMS's fee (a physician's, facility), with the note
    facility = _cms_fee(pricer, "92507", "10001", 2025)["facility"]
    assert _money(slp_21["allowed"]) == _money(slp_31["allowed"]) == facility == _money("83.73")
    assert SLP_HOSPITAL_NOTE in slp_21["note"] and SNF_THERAPY_NOTE not in slp_21["note"]
    assert SNF_THERAPY_NOTE in slp_31["note"] and SLP_HOSPITAL_NOTE not in slp_31["note"]
    assert _money(slp_21["pfs_facility_limiting_charge"]) is not None  # as a physician's: not on assignment only
    # a physician's line is the physician's, as before; a therapist in the office is paid a physician's amounts
    assert _money(md_21["allowed"]) == _cms_fee(pricer, "97110", "10001", 2025)["facility"] == _money("32.26")
    assert SLP_HOSPITAL_NOTE not in md_21["note"] and not md_21["error"]
    office = _cms_fee(pricer, "97110", "10001", 2025)["non_facility"]
    assert _money(dpt_11["allowed"]) == office and _money(dpt_11["pfs_non_facility_limiting_charge"]) is not None
    assert not dpt_11["error"] and "not read" not in dpt_11["note"]


def _price(*arguments: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, ["price", *arguments, "--zip", "10001", "--date", "2025-11-05", "-f", "json"])
    return done.exit_code, done.stdout, done.stderr


@pytest.mark.parametrize("setting", ["21", "22", "19", "hopd"])
@pytest.mark.parametrize("provider", ["DPT", "PT", "OT", "therapist", "67"])
def test_price_refuses_a_pt_s_or_ot_s_pc_tc_7_line_at_the_hospital(setting: str, provider: str) -> None:
    code, _, stderr = _price("97110-GP", "--setting", setting, "--provider", provider)
    assert code == 1
    assert INDICATOR_7 in " ".join(stderr.split())


def test_price_notes_an_slp_at_the_hospital_and_a_therapist_at_a_snf(pricer: Pricer) -> None:
    facility = _cms_fee(pricer, "92507", "10001", 2025)["facility"]
    for setting, provider, note in (("21", "SLP", SLP_HOSPITAL_NOTE), ("31", "slp", SNF_THERAPY_NOTE),
                                    ("31", "DPT", SNF_THERAPY_NOTE)):  # fmt: skip
        code, stdout, _ = _price("92507-GN", "--setting", setting, "--provider", provider)
        assert code == 0, stdout
        result = json.loads(stdout)
        assert _money(result["pfs"]["facility"]["amount"]) == facility
        assert note in result["notes"]
    _, stdout, _ = _price("92507-GN", "--setting", "21")  # a physician's: no note
    assert SLP_HOSPITAL_NOTE not in json.loads(stdout)["notes"]


def test_a_therapist_in_the_office_is_priced_as_a_physician() -> None:
    _, therapist, _ = _price("97110-GP", "--setting", "11", "--provider", "DPT")
    _, physician, _ = _price("97110-GP", "--setting", "11")
    assert json.loads(therapist)["pfs"] == json.loads(physician)["pfs"]
    assert json.loads(therapist)["pfs"]["non_facility"]["limiting_charge"] is not None


@pytest.mark.parametrize("setting", ["21", "22", "19", "hopd"])
def test_price_advises_the_outpatient_department_only_for_an_outpatient(setting: str) -> None:
    """At POS 21 the inpatient's therapy is in the hospital's Part A payment (Claims Processing Manual ch. 5 §10.1:
    the MPFS pays hospitals for inpatients "who are not in a covered Part A stay" only): no "--setting hopd"."""
    _, _, stderr = _price("97110-GP", "--setting", setting, "--provider", "PT")
    said = " ".join(stderr.split())
    assert ("--setting hopd" in said) is (setting != "21")
    assert ("Part A payment" in said) is (setting == "21")


@pytest.mark.parametrize("provider", ["PT", "slp"])
def test_a_therapist_s_as_and_aq_lines_say_they_are_not_theirs_in_price_and_batch(provider: str, tmp_path: Path,
                                                                                   pricer: Pricer) -> None:  # fmt: skip
    """A review: 27447-AS by a PT got only the NPPs' assignment note (AS: "Physician assistant, nurse practitioner,
    or clinical nurse specialist services for assistant at surgery"); 99213-AQ by a PT lacked "this line earns none"
    (the HPSA bonus is a physician's). The amounts are unchanged: AS's 85% of 16% as billed, and the AQ line keeps a
    physician's limiting charge (a therapist in private practice is not on mandatory assignment)."""
    from conftest import run_batch_rows

    code, surgery, _ = _price("27447-AS", "--setting", "22", "--provider", provider)
    assert code == 0
    notes = json.loads(surgery)["notes"]
    assert THERAPIST_AS_NOTE in notes and MANDATORY_ASSIGNMENT_NOTE in notes
    code, visit, _ = _price("99213-AQ", "--setting", "11", "--provider", provider)
    assert code == 0
    visit_doc = json.loads(visit)
    assert AQ_NOT_PHYSICIAN_NOTE in visit_doc["notes"] and MANDATORY_ASSIGNMENT_NOTE not in visit_doc["notes"]
    office = _cms_fee(pricer, "99213", "10001", 2025)["non_facility"]
    assert _money(visit_doc["pfs"]["non_facility"]["amount"]) == office
    assert visit_doc["pfs"]["non_facility"]["limiting_charge"] is not None
    _, (as_row, aq_row) = run_batch_rows(tmp_path, [
        {"code": "27447", "modifier": "AS", "pos": "22", "zip": "10001", "date": "2025-11-05", "provider": provider},
        {"code": "99213", "modifier": "AQ", "pos": "11", "zip": "10001", "date": "2025-11-05", "provider": provider},
    ])  # fmt: skip
    assert THERAPIST_AS_NOTE in as_row["note"]
    assert AQ_NOT_PHYSICIAN_NOTE in aq_row["note"] and MANDATORY_ASSIGNMENT_NOTE not in aq_row["note"]
    assert _money(aq_row["allowed"]) == office and aq_row["pfs_non_facility_limiting_charge"] != ""


@pytest.mark.parametrize("setting", ["22", "19", "hopd"])
def test_an_slp_s_line_at_the_hospital_outpatient_department_is_the_hospital_s(setting: str, tmp_path: Path) -> None:
    """A review: `price 92610-GN --provider slp --setting 22` showed the hospital's $93.69 (CMS's RVUs and GPCIs for
    ZIP 10001: test_hopd_therapy.SWALLOWING_AT_HOSPITAL), no professional fee, beside a note saying the SLP's line was
    "priced as written". The hospital bills its outpatients' therapy (Transmittal 9; Benefit Policy Manual ch. 15
    §230.4): the notes now say the line is the hospital's and the SLP bills nothing separately, price and batch."""
    from conftest import run_batch_rows
    from rvucalc.engine.hopd_therapy import HOPD_THERAPY_NOTE
    from rvucalc.engine.therapists import SLP_OUTPATIENT_NOTE
    from test_hopd_therapy import SWALLOWING_AT_HOSPITAL

    done = CliRunner().invoke(app, ["price", "92610-GN", "--provider", "slp", "--setting", setting, "--zip", "10001",
                                    "--date", "2025-11-03", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    doc = json.loads(done.stdout)
    [site] = doc["sites"]
    assert _money(site["facility_payment"]) == SWALLOWING_AT_HOSPITAL and site["professional_payment"] is None
    assert SLP_OUTPATIENT_NOTE in doc["notes"] and HOPD_THERAPY_NOTE in doc["notes"]
    assert SLP_HOSPITAL_NOTE not in doc["notes"]
    _, [row] = run_batch_rows(tmp_path, [{"claim": "S1", "code": "92610", "modifier": "GN", "date": "2025-11-03",
                                          "pos": setting, "zip": "10001", "provider": "SLP"}])  # fmt: skip
    assert _money(row["allowed"]) == SWALLOWING_AT_HOSPITAL and row["professional_allowed"] == ""
    assert SLP_OUTPATIENT_NOTE in row["note"] and SLP_HOSPITAL_NOTE not in row["note"]


# A PT practice's trial (Phoenix 85004, CMS's 2026 files): its DPT's 97110-GP at POS 22 was denied (PC/TC 7), its PTA's
# 97530-CQ-GP there priced as the hospital's, $50.23, "The therapist is the hospital's". A PTA (OTA) named on a line is
# the practice's assistant, as a DPT is its therapist: the therapist bills the assistant's services (Medicare Benefit
# Policy Manual ch. 15 §230.1, §230.2), so PC/TC indicator 7 bars the assistant's line too.
ASSISTANT_ROWS = [
    ("C1011", "97110", "GP", "22", "DPT", ()),
    ("C1012", "97530", "CQ GP", "22", "PTA", ("CQ",)),
    ("C1013", "97110", "GP", "22", "PTA", ("CQ",)),
    ("C1014", "97530", "CO GO", "19", "COTA", ("CO",)),
    ("C1015", "97530", "GO", "21", "OTA", ("CO",)),
    ("C1016", "97530", "CQ GP", "11", "PTA", ("CQ",)),
]


def test_a_pta_s_or_ota_s_line_at_the_hospital_is_denied_as_the_therapist_s(tmp_path: Path, pricer: Pricer) -> None:
    from conftest import run_batch_rows

    rows = [{"Claim No": claim, "Date of Service": "07/15/2026", "HCPCS": code, "Modifier": modifiers, "Units": "2",
             "Place of Svc": pos, "Facility Zip": "85004", "Provider Type": who}
            for claim, code, modifiers, pos, who, _ in ASSISTANT_ROWS]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1, done.output
    *hospital, office = out
    for row, (_, code, _, pos, _, assistant) in zip(hospital, ASSISTANT_ROWS, strict=False):
        assert row["error_kind"] == "denied" and row["allowed"] == "" and row["in_totals"] == "false", row
        assert row["error"] == therapist_denial(code, "therapist", pos, assistant) and INDICATOR_7 in row["error"]
        assert ("therapist assistant (CQ)" in row["error"]) is (assistant == ("CQ",))
        assert ("therapy assistant (CO)" in row["error"]) is (assistant == ("CO",))
    # in the office the PTA's line is priced as before: 85% of CMS's fee (the first unit), the later unit's 50% PE
    assert not office["error"] and _money(office["pfs_non_facility_amount"]) == (
        _cms_fee(pricer, "97530", "85004", 2026)["non_facility"] * Decimal("0.85")
    ).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("line", "provider"), [("97530-CQ-GP", "PTA"), ("97530-GP", "PTA"), ("97530-GO", "COTA")])
def test_price_refuses_a_pta_s_or_ota_s_line_at_the_hospital_as_batch_does(line: str, provider: str) -> None:
    """The trial: `rvucalc price 97530-CQ-GP --units 2 --setting 22 --provider PTA` priced the hospital's $50.23."""
    done = CliRunner().invoke(app, ["price", line, "--units", "2", "--setting", "22", "--provider", provider,
                                    "--zip", "85004", "--date", "2026-09-15", "-f", "json"])  # fmt: skip
    assert done.exit_code == 1, done.stdout
    assistant = ("CO",) if provider == "COTA" else ("CQ",)
    assert " ".join(therapist_denial("97530", "therapist", "22", assistant).split()) in " ".join(done.stderr.split())
