"""Telehealth trials (a telehealth group in Phoenix, a PM&R practice in Pittsburgh): CPT's telemedicine visits
98000-98015 name the visit Medicare pays instead; a line at POS 02 or 10, or with 95, 93 or FQ, says rvucalc does not
check CMS's Medicare Telehealth Services List; 95 or 93 at an in-person place says only POS 02 and 10 are telehealth
places (the amount is the place's); remote monitoring at POS 02 is said to be no telehealth service; a telehealth
setting word names 02 and 10; 50 on a bilateral indicator 9 code gives no advice of sides away from an ASC."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.place_of_service import TELEHEALTH_LIST_NOTE

runner = CliRunner()
PHOENIX = ["--zip", "85004", "--date", "2025-03-03"]


def _said(done: Any) -> str:
    return " ".join((done.stderr + done.stdout).split())


def _batch(text: str) -> list[dict[str, Any]]:
    done = runner.invoke(app, ["batch", "-", "-q", "--format", "json"], input=text)
    return list(json.loads(done.stdout))


@pytest.mark.parametrize(
    ("code", "date", "visit", "modifier"),
    [("98005-95", "2025-03-03", "99212-99215", "modifier 95"), ("98013-93", "2026-08-03", "99212-99215", "modifier 93"),
     ("98000-95", "2025-03-03", "99202-99205", "modifier 95")],
)  # fmt: skip
def test_cpt_telemedicine_visits_name_the_visit_medicare_pays(pricer: Any, code: str, date: str, visit: str,
                                                              modifier: str) -> None:  # fmt: skip
    """98000-98015 are status I in CMS's RVU files (RVU25A, RVU26C): the CY2025 PFS final rule did not adopt them. The
    refusal names the office or outpatient visit with 95 or 93 at POS 02 or 10 (it said only "Medicare uses another
    code"), in price and in batch's note alike."""
    store = pricer.store(pricer.select(None, date)[0])
    assert store.rvu(code[:5], "")["status"] == "I"
    done = runner.invoke(app, ["price", code, "--setting", "10", "--zip", "85004", "--date", date])
    said = _said(done)
    assert done.exit_code == 1 and f"Medicare pays it as the office or outpatient visit {visit}" in said, said
    assert modifier in said and "place of service 02 or 10" in said
    (row,) = _batch(f"code,zip,pos,date\n{code},85004,10,{date}\n")
    assert f"visit {visit}" in row["note"] and f"with {modifier}" in row["note"], row


def test_a_telehealth_place_says_the_list_is_not_checked_once() -> None:
    """20610 (a joint injection) at POS 10 with 95 was priced "via telehealth" without a word: rvucalc has no Medicare
    Telehealth Services List. Said once on the line, in price and batch alike (POS 02 too)."""
    done = runner.invoke(app, ["price", "20610-95", "--setting", "10", *PHOENIX])
    assert done.exit_code == 0, done.output
    assert _said(done).count("Medicare Telehealth Services List") == 1, _said(done)
    rows = _batch("code,zip,pos,date\n20610-95,85004,10,2025-03-03\n20610,85004,02,2025-03-03\n")
    for row in rows:
        assert row["note"].count(TELEHEALTH_LIST_NOTE) == 1, row
    plain = runner.invoke(app, ["price", "20610", "--setting", "11", *PHOENIX])
    assert "Telehealth Services List" not in _said(plain)


def test_95_at_an_in_person_place_is_said_and_priced_as_the_place(pricer: Any) -> None:
    """CMS Transmittal 12671: only POS 02 and 10 are telehealth places, and the POS alone sets the rate. 99214-95 at
    POS 11 says so; its amount is 99214's at POS 11 (CMS's non-facility RVUs), unchanged."""
    where = {"zip_code": "85004", "date_of_service": "2025-03-03", "setting": "11"}
    telehealth = pricer.price("99214-95", **where)
    office = pricer.price("99214", **where)
    assert telehealth.pfs.non_facility.amount == office.pfs.non_facility.amount
    done = runner.invoke(app, ["price", "99214-95", "--setting", "11", *PHOENIX])
    said = _said(done)
    assert "POS 11 (Office) with 95: Medicare telehealth is billed at POS 02 or 10 only" in said, said
    assert "Transmittal 12671" in said and said.count("Medicare Telehealth Services List") == 1
    audio = _said(runner.invoke(app, ["price", "99214-93", "--setting", "22", *PHOENIX]))
    assert "POS 22 (On campus-outpatient hospital) with 93" in audio, audio
    at_home = _said(runner.invoke(app, ["price", "99214-95", "--setting", "10", *PHOENIX]))
    assert "Transmittal 12671): priced as" not in at_home


@pytest.mark.parametrize(("code", "date"), [("99454", "2025-03-03"), ("99453", "2026-08-03")])
def test_remote_monitoring_at_pos_02_is_said_to_be_no_telehealth_service(pricer: Any, code: str, date: str) -> None:
    """99453 and 99454 have a facility PE RVU of 'NA' in CMS's RVU files, and remote monitoring is no telehealth
    service: at POS 02 the line said only "rarely or never performed there"."""
    store = pricer.store(pricer.select(None, date)[0])
    assert store.rvu(code, "")["fac_na"] == "NA"
    done = runner.invoke(app, ["price", code, "--setting", "02", "--zip", "85004", "--date", date])
    said = _said(done)
    assert done.exit_code == 1 and "remote monitoring (physiologic or therapeutic) is not a Medicare telehealth" in (
        said), said  # fmt: skip
    assert "billed with the billing practitioner's place of service, e.g. 11" in said
    office = runner.invoke(app, ["price", code, "--setting", "11", "--zip", "85004", "--date", date])
    assert office.exit_code == 0, office.output


@pytest.mark.parametrize("word", ["telehealth", "Telehealth", "TH", "Virtual"])
def test_a_telehealth_setting_word_names_pos_02_and_10(word: str) -> None:
    done = runner.invoke(app, ["price", "99214-95", "--setting", word, "--zip", "85004"])
    said = _said(done)
    assert done.exit_code == 2 and "02 (patient not at home) or 10 (patient's home)" in said, said
    (row,) = _batch(f"code,zip,pos,date\n99214-95,85004,{word},2025-03-03\n")
    assert row["error_kind"] == "bad_setting" and "02 (patient not at home) or 10 (patient's home)" in row["error"]


def test_50_on_a_bilateral_indicator_9_code_gives_sides_only_at_an_asc(pricer: Any) -> None:
    """62321 (interlaminar epidural, midline) is bilateral indicator 9 in RVU26C ("concept does not apply"): 50 is
    refused saying modifier 50 does not apply; the ASC's two-lines sentence (ch. 14 §40.5) only at an ASC or where
    no site is given (price shows the ASC's then)."""
    from rvucalc.engine.policy import BilateralRefusal, Line, check_modifiers, refusal_at_site

    store = pricer.store(pricer.select(None, "2026-08-03")[0])
    row = store.rvu("62321", "")
    assert row["bilat_surg"] == "9"
    with pytest.raises(BilateralRefusal) as refused:
        check_modifiers(Line("62321", ["50"], row, {}))
    assert "modifier 50 does not apply to it" in str(refused.value)
    assert "62321-LT 62321-RT" not in str(refusal_at_site(refused.value, "office"))
    assert "62321-LT 62321-RT" not in str(refusal_at_site(refused.value, "facility"))
    assert "62321-LT 62321-RT" in str(refusal_at_site(refused.value, "asc"))
    assert "62321-LT 62321-RT" in str(refusal_at_site(refused.value, None))
