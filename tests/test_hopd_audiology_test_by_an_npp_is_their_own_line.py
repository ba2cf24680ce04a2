"""An NP's, PA's, CNS's or CSW's audiology test at the hospital outpatient department is their own line, not the
hospital's outpatient therapy (engine.therapists.audiology_test).

The RVU file gives PC/TC indicator 7 to therapy codes and to audiology tests alike (92550, 92557, 92567, 92568, 92570,
92579, 92601-92604). The hospital's therapy is paid under the PFS (SI A); these tests are paid under the OPPS (CMS's
October 2025 Addendum B: SI Q1 or S), the practitioner's professional service on their own claim at their percentage
of the PFS facility amount. An ENT trial: `rvucalc price 92557 --provider pa --zip 37203 --date 2026-08-05` gave the
hospital's practitioner's claim $25.08 (the full facility amount) and a note that it was outpatient therapy the PA
bills nothing for, beside $21.32 (85%) at the ASC; at POS 22 in November 2025 an NP's 92557 was $179.76 with the
hospital's OPPS $150.44. Amounts recomputed from CMS's RVU and GPCI files."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.therapists import (
    AUDIOLOGY_TESTS,
    OTHER_DIAGNOSTIC_TESTS,
    SLP_OUTPATIENT_NOTE,
    diagnostic_test,
    hospital_therapy_note,
    slp_audiology_test_denial,
)
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from test_batch_provider_column import _85_percent, _cms_fee, _money

ZIP = "37203"  # Nashville: TENNESSEE 1031235
runner = CliRunner()


def _price_json(*arguments: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *arguments, "--zip", ZIP, "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _pctc_7_audiology_codes() -> list[tuple[str, str]]:
    """(code, multiple procedure indicator) of the RVU26C rows with PC/TC indicator 7 in ``AUDIOLOGY_TESTS``."""
    path = data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0].isdigit() and not row[1]]
    low, high = AUDIOLOGY_TESTS
    return [(row[0], row[18]) for row in rows if low <= int(row[0]) <= high and row[13] == "7"]


def test_the_audiology_tests_are_paid_under_the_opps_in_cms_s_addendum_b() -> None:
    """CMS's October 2025 Addendum B: each PC/TC 7 audiology test that is no always-therapy code has an SI other than
    A (the hospital's therapy, paid under the PFS)."""
    codes = {code for code, mult_proc in _pctc_7_audiology_codes() if mult_proc != "5"}
    assert {"92550", "92557", "92567", "92601"} <= codes
    path = data_dir() / "opps" / "2025" / "508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        status = {row[0]: row[2] for row in csv.reader(handle) if row and row[0] in codes}
    assert set(status) == codes
    assert not [code for code, si in status.items() if si == "A"], status


@pytest.mark.parametrize("provider", ["np", "pa"])
@pytest.mark.parametrize("code", ["92557", "92570", "92567"])
def test_at_pos_22_the_practitioner_is_paid_their_85_percent(pricer: Pricer, provider: str, code: str) -> None:
    fee = _cms_fee(pricer, code, ZIP, 2026)["facility"]
    doc = _price_json(code, "--provider", provider, "--setting", "22", "--date", "2026-08-05")
    assert _money(doc["pfs"]["facility"]["amount"]) == _85_percent(fee)  # was the full facility amount
    assert hospital_therapy_note(provider, code) not in doc["notes"]


def test_with_the_year_s_opps_the_hospital_s_rate_beside_the_np_s_85_percent(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "92557", ZIP, 2025)["facility"]
    [hopd] = _price_json("92557", "--provider", "np", "--setting", "22", "--date", "2025-11-03")["sites"]
    assert _money(hopd["professional_payment"]) == _85_percent(fee)
    assert _money(hopd["total"]) == _money(hopd["facility_payment"]) + _85_percent(fee)


def test_with_no_place_the_hospital_site_is_the_pa_s_claim_as_the_asc_s(pricer: Pricer) -> None:
    fee = _cms_fee(pricer, "92557", ZIP, 2026)["facility"]
    doc = _price_json("92557", "--provider", "pa", "--date", "2026-08-05")
    sites = {site["setting"]: site for site in doc["sites"]}
    assert _money(sites["hopd"]["professional_payment"]) == _money(sites["asc"]["professional_payment"])
    assert _money(sites["hopd"]["professional_payment"]) == _85_percent(fee)
    assert hospital_therapy_note("pa", "92557") not in doc["notes"]


def test_batch_as_price(pricer: Pricer, tmp_path: Path) -> None:
    """A PA-C's 92557 at POS 22 is the PA's 85%; 92507-GN there stays the hospital's therapy, CMS's full amount."""
    source = tmp_path / "ent.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Mod 1,Units,Credentials,Service Zip\n"
        f"H1,08/12/2026,22,92557,,1,PA-C,{ZIP}\nH2,08/12/2026,22,92507,GN,1,PA-C,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    test, therapy = list(csv.DictReader(out.open()))
    assert _money(test["pfs_facility_amount"]) == _85_percent(_cms_fee(pricer, "92557", ZIP, 2026)["facility"])
    assert hospital_therapy_note("pa", "92557") not in test["note"].split("; ")
    assert _money(therapy["pfs_facility_amount"]) == _cms_fee(pricer, "92507", ZIP, 2026)["non_facility"]
    assert hospital_therapy_note("pa", "92507") in therapy["note"].split("; ")
    assert _money(test["pfs_facility_amount"]) < Decimal("25.08")  # the trial's full facility amount


# An SLP's audiology test at the hospital (engine.therapists.slp_audiology_test_denial): Medicare pays audiology tests
# under the PFS to a qualified audiologist, physician or NPP, a hospital outpatient's to the hospital under the OPPS
# (Benefit Policy Manual ch. 15 §80.3 C). A session 69 review: `price 92557 --provider slp --setting 22 --date
# 2025-11-03` priced a $29.32 professional fee beside a note that "the SLP bills nothing".
@pytest.mark.parametrize("setting", ["22", "19", "21", "hopd"])
def test_an_slp_s_audiology_test_at_the_hospital_is_not_theirs_to_bill(setting: str) -> None:
    done = runner.invoke(app, ["price", "92557", "--provider", "slp", "--setting", setting, "--zip", ZIP,
                               "--date", "2025-11-03", "-f", "json"])  # fmt: skip
    assert done.exit_code == 1, done.output
    [error] = json.loads(done.stdout)["errors"]
    assert error["error_kind"] == "denied" and error["error"] == slp_audiology_test_denial("92557"), error


def test_an_slp_s_audiology_test_at_pos_22_in_batch_as_price(pricer: Pricer, tmp_path: Path) -> None:
    """Denied in batch, no fee beside the note; the SLP's 92507-GN there stays the hospital's therapy (CMS's full
    non-facility amount), the physician's 92557 there their facility fee."""
    source = tmp_path / "slp.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Mod 1,Units,Credentials,Service Zip\n"
        f"S1,11/03/2025,22,92557,,1,CCC-SLP,{ZIP}\nS2,11/03/2025,22,92507,GN,1,CCC-SLP,{ZIP}\n"
        f"S3,11/03/2025,22,92557,,1,MD,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # a denied row
    test, therapy, physician = list(csv.DictReader(out.open()))
    assert test["error_kind"] == "denied" and test["error"] == slp_audiology_test_denial("92557"), test
    assert test["allowed"] == "" and test["pfs_facility_amount"] == "", test
    assert SLP_OUTPATIENT_NOTE not in test["note"].split("; ")
    assert _money(therapy["pfs_facility_amount"]) == _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    assert SLP_OUTPATIENT_NOTE in therapy["note"].split("; ") and not therapy["error"]
    assert _money(physician["pfs_facility_amount"]) == _cms_fee(pricer, "92557", ZIP, 2025)["facility"]


@pytest.mark.parametrize(("provider", "fee_of"), [("cns", "practitioner's fee (CNS, 85%)"),
                                                  ("np", "practitioner's fee (NP, 85%)"),
                                                  ("physician", "physician's fee")])  # fmt: skip
def test_the_fee_not_priced_at_the_hospital_names_whose_it_is(provider: str, fee_of: str) -> None:
    """92550 at POS 22 in August 2026 (no 2026 OPPS file shipped; RVU26C's facility PE 'NA'): the line's fee there is
    named for the practitioner it is priced for; a session 69 review read "physician's fee" on a CNS's line."""
    done = runner.invoke(app, ["price", "92550", "--provider", provider, "--setting", "22", "--zip", ZIP,
                               "--date", "2026-08-12"])  # fmt: skip
    assert done.exit_code == 1, done.output
    said = " ".join(done.stderr.split())
    assert f"; {fee_of}: Not priced in the facility setting" in said, said
    assert provider == "physician" or "physician's fee" not in said, said


@pytest.mark.parametrize(("provider", "fee_of"), [("np", "practitioner's fee (NP, 85%)"),
                                                  ("physician", "physician's fee")])  # fmt: skip
def test_the_mac_priced_fee_beside_a_site_not_paying_names_whose_it_is(provider: str, fee_of: str) -> None:
    """0728T at POS 22 (status C in the RVU file; October 2025 Addendum B's SI E1): the MAC's fee beside the hospital's
    refusal is named for the practitioner the line is priced for; a session 69 review read "The physician's fee" on
    an NP's line."""
    done = runner.invoke(app, ["price", "0728T", "--provider", provider, "--setting", "22", "--zip", ZIP,
                               "--date", "2025-11-03"])  # fmt: skip
    assert done.exit_code == 1, done.output
    said = " ".join(done.stderr.split())
    assert f"The {fee_of} is priced by your Medicare contractor (MAC)" in said, said
    assert provider == "physician" or "physician's fee" not in said, said


# Motion analysis 96000, 96001 and the vestibular implant analyses 0728T, 0729T: PC/TC 7, multiple procedure indicator
# 0, diagnostic tests the OPPS pays (SI S) or does not pay (E1), not the hospital's therapy (SI A). A session 69 review:
# `price 96000 --provider np --setting 22 --zip 37203` priced the NP's line at the full facility amount as therapy.
def test_the_pc_tc_7_codes_not_diagnostic_tests_are_the_hospital_s_therapy_in_addendum_b() -> None:
    """Every RVU26C PC/TC 7 code not always-therapy is SI A in CMS's October 2025 Addendum B unless it is a
    diagnostic test (``diagnostic_test``), and none of those is SI A."""
    path = data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) > 18 and not row[1] and row[13] == "7"]
    codes = {row[0]: row[18] for row in rows if row[18] != "5"}
    assert set(codes) >= OTHER_DIAGNOSTIC_TESTS
    path = data_dir() / "opps" / "2025" / "508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        status = {row[0]: row[2] for row in csv.reader(handle) if row and row[0] in codes}
    for code, mult_proc in codes.items():
        assert (status.get(code) == "A") != diagnostic_test(code, mult_proc), (code, status.get(code))


@pytest.mark.parametrize("code", ["96000", "96001"])
def test_an_np_s_motion_analysis_at_pos_22_is_their_85_percent(pricer: Pricer, code: str) -> None:
    fee = _cms_fee(pricer, code, ZIP, 2025)["facility"]
    doc = _price_json(code, "--provider", "np", "--setting", "22", "--date", "2025-11-03")
    [hopd] = doc["sites"]
    assert _money(doc["pfs"]["facility"]["amount"]) == _money(hopd["professional_payment"]) == _85_percent(fee)
    assert _money(hopd["total"]) == _money(hopd["facility_payment"]) + _85_percent(fee)
    assert hospital_therapy_note("np", code) not in doc["notes"]


def test_an_np_s_motion_analysis_in_batch_as_price(pricer: Pricer, tmp_path: Path) -> None:
    source = tmp_path / "gait.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Mod 1,Units,Credentials,Service Zip\n"
        f"G1,11/03/2025,22,96000,,1,FNP,{ZIP}\nG2,11/03/2025,22,96001,,1,FNP,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    for row, code in zip(csv.DictReader(out.open()), ("96000", "96001"), strict=True):
        assert _money(row["pfs_facility_amount"]) == _85_percent(_cms_fee(pricer, code, ZIP, 2025)["facility"]), row
        assert hospital_therapy_note("np", code) not in row["note"].split("; ")


# The hospital's own bill (type of bill 13x, a UB-04) is no SLP's nor private-practice therapist's claim: its provider
# cell names who furnished the line (Benefit Policy Manual ch. 15 §80.3 D.2: other professionals' audiology labor
# "billed by ... hospital outpatient departments"). A session 69 review: a TOB 131 row of 92557 by a 'CCC-SLP' was
# denied, the hospital's OPPS line lost; a 'DPT' row's 97110-GP alike.
def test_an_slp_s_audiology_test_on_the_hospital_s_own_bill_is_the_hospital_s(tmp_path: Path) -> None:
    date = ["--date", "2025-11-03", "--setting", "131"]
    hospital = _price_json("92557", *date)["sites"][0]
    slp = _price_json("92557", "--provider", "slp", *date)["sites"][0]
    assert slp["facility_payment"] == hospital["facility_payment"] and slp["payable"], slp
    therapy = _price_json("97110-GP", *date)["sites"][0]
    assert _price_json("97110-GP", "--provider", "therapist", *date)["sites"][0]["allowed"] == therapy["allowed"]
    source = tmp_path / "ub04.csv"
    source.write_text(
        "Claim #,DOS,TOB,CPT,Mod 1,Units,Credentials,Service Zip\n"
        f"H1,11/03/2025,131,92557,,1,CCC-SLP,{ZIP}\nH2,11/03/2025,0131,97110,GP,1,DPT,{ZIP}\n"
        f"H3,11/03/2025,131,92557,,1,AuD,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    test, pt, audiologist = list(csv.DictReader(out.open()))
    assert not test["error"] and _money(test["opps_rate"]) == Decimal(str(hospital["facility_payment"])), test
    assert test["allowed"] == audiologist["allowed"] and SLP_OUTPATIENT_NOTE not in test["note"].split("; ")
    assert not pt["error"] and _money(pt["allowed"]) == Decimal(str(therapy["allowed"])), pt


# The hospital's own bill's speech therapy is no SLP's in private practice: a review found SLP_OUTPATIENT_NOTE ("A
# speech-language pathologist in private practice ...") on a TOB 131 row of 92507-GN by a 'CCC-SLP', every line of a
# hospital speech therapy department's UB-04, and on `price 92507-GN --provider slp --setting 131`.
def test_an_slp_s_therapy_on_the_hospital_s_own_bill_is_no_private_practice_line(tmp_path: Path) -> None:
    date = ["--date", "2025-11-03", "--setting", "131"]
    hospital = _price_json("92507-GN", *date)
    slp = _price_json("92507-GN", "--provider", "slp", *date)
    assert SLP_OUTPATIENT_NOTE not in slp["notes"], slp["notes"]
    assert slp["sites"][0]["allowed"] == hospital["sites"][0]["allowed"]
    source = tmp_path / "ub04.csv"
    source.write_text(
        f"Claim #,DOS,TOB,CPT,Mod 1,Units,Credentials,Service Zip\nS1,11/03/2025,131,92507,GN,1,CCC-SLP,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    (row,) = csv.DictReader(out.open())
    assert not row["error"] and SLP_OUTPATIENT_NOTE not in row["note"].split("; "), row
    assert _money(row["allowed"]) == Decimal(str(hospital["sites"][0]["allowed"])), row


# An SLP's audiology test anywhere (engine.therapists.therapist_place): §80.3 C pays the PFS's audiology tests to a
# qualified audiologist, physician or NPP wherever done, other staff's labor only billed by a physician or the hospital
# (§80.3 D.2). A session 69 review: `price 92557 --provider slp --setting 11 --zip 37203 --date 2025-11-03` priced
# $33.38 (CMS's office amount) with no word.
@pytest.mark.parametrize(("code", "setting"), [("92557", "11"), ("92557", None), ("92557", "31"), ("92552", "11")])
def test_an_slp_s_audiology_test_at_the_office_is_not_theirs_to_bill(code: str, setting: str | None) -> None:
    place = [] if setting is None else ["--setting", setting]
    done = runner.invoke(app, ["price", code, "--provider", "slp", *place, "--zip", ZIP, "--date", "2025-11-03",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 1, done.output
    [error] = json.loads(done.stdout)["errors"]
    assert error["error_kind"] == "denied" and error["error"] == slp_audiology_test_denial(code, False), error


def test_an_slp_s_audiology_test_at_the_office_in_batch_as_price(pricer: Pricer, tmp_path: Path) -> None:
    """Denied in batch at POS 11 too; the SLP's 92507-GN there and an audiologist's and a physician's 92557 keep CMS's
    office amount; a code the PFS pays no one (92590, status N) keeps its own refusal."""
    source = tmp_path / "slp-office.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Mod 1,Units,Credentials,Service Zip\n"
        f"O1,11/03/2025,11,92557,,1,CCC-SLP,{ZIP}\nO2,11/03/2025,11,92507,GN,1,CCC-SLP,{ZIP}\n"
        f"O3,11/03/2025,11,92557,,1,AuD,{ZIP}\nO4,11/03/2025,11,92557,,1,MD,{ZIP}\n"
        f"O5,11/03/2025,11,92590,,1,CCC-SLP,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # the denied rows
    test, therapy, audiologist, physician, hearing_aid = list(csv.DictReader(out.open()))
    assert test["error_kind"] == "denied" and test["error"] == slp_audiology_test_denial("92557", False), test
    assert test["allowed"] == "" and test["pfs_non_facility_amount"] == "", test
    assert _money(therapy["pfs_non_facility_amount"]) == _cms_fee(pricer, "92507", ZIP, 2025)["non_facility"]
    for row in (audiologist, physician):
        assert (
            not row["error"]
            and _money(row["pfs_non_facility_amount"]) == _cms_fee(pricer, "92557", ZIP, 2025)["non_facility"]
        ), row
    assert "status N" in hearing_aid["note"] and not hearing_aid["error"], hearing_aid


# A code of the range not in the release's RVU file (92590-92595 deleted for 2026; 92599 never a code) is not found for
# the SLP as for anyone: no PC/TC indicator, no audiology test denial pointing at --provider audiologist, which then
# says the code is not in the fee schedule (a session 69 review: `price 92590 --provider slp --setting 11 --date
# 2026-08-03`).
@pytest.mark.parametrize(("code", "date"), [("92590", "2026-08-03"), ("92599", "2025-11-03")])
def test_an_slp_s_code_not_in_the_fee_schedule_is_not_found_as_anyone_s(code: str, date: str, tmp_path: Path) -> None:
    said = {}
    for provider in ("slp", "audiologist"):
        done = runner.invoke(app, ["price", code, "--provider", provider, "--setting", "11", "--zip", ZIP, "--date",
                                   date, "-f", "json"])  # fmt: skip
        assert done.exit_code == 1, done.output
        said[provider] = [(e["error_kind"], e["error"]) for e in json.loads(done.stdout)["errors"]]
    assert said["slp"] == said["audiologist"] and said["slp"][0][0] != "denied", said
    source = tmp_path / "not-found.csv"
    source.write_text(
        "Claim #,DOS,POS,CPT,Units,Credentials,Service Zip\n"
        f"N1,{date},11,{code},1,CCC-SLP,{ZIP}\nN2,{date},11,{code},1,AuD,{ZIP}\n"
    )
    out = tmp_path / "out.csv"
    runner.invoke(app, ["batch", str(source), "-o", str(out)])
    slp, audiologist = list(csv.DictReader(out.open()))
    assert (slp["error_kind"], slp["error"]) == (audiologist["error_kind"], audiologist["error"]), (slp, audiologist)
    assert slp["error_kind"] != "denied", slp
