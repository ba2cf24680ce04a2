"""`rvucalc search` by an OB/GYN's words (a trial): CMS's short descriptors say "Transvaginal us non-ob", "Ob us ...",
"Exam of cervix w/scope", "Tlh uterus ...", "Lsh uterus ...", "Lap radical hyst", so "transvaginal ultrasound" found
nothing, "ultrasound" none of the "Us" codes, "colposcopy" missed 57452-57461 (and listed M1377 "Fu colscop", a
colonoscopy, and Q0497 "Bat clps", battery clips) and "laparoscopic hysterectomy" found 58550 alone
(reference.search_words: ACRONYMS, ABBREVIATIONS, WORDS). The codes and descriptors are CMS's, as the shipped
RVU26C has them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import search_matches
from rvucalc.reference.search_words import descriptor_matcher

runner = CliRunner()

# A query: codes it must find, with CMS's descriptors (RVU26C).
FOUND = {
    "transvaginal ultrasound": {"76817": "Transvaginal us obstetric", "76830": "Transvaginal us non-ob"},
    "ultrasound": {
        "76801": "Ob us < 14 wks single fetus", "76805": "Ob us >/= 14 wks sngl fetus",
        "76811": "Ob us detailed sngl fetus", "76815": "Ob us limited fetus(s)", "76817": "Transvaginal us obstetric",
        "76830": "Transvaginal us non-ob", "76856": "Us exam pelvic complete", "76857": "Us exam pelvic limited",
        "59074": "Fetal fluid drainage w/us",
    },
    "colposcopy": {
        "56820": "Colposcopy vulva", "57420": "Exam of vagina w/scope", "57421": "Exam/biopsy of vag w/scope",
        "57452": "Exam of cervix w/scope", "57454": "Bx/curett of cervix w/scope", "57455": "Biopsy of cervix w/scope",
        "57456": "Endocerv curettage w/scope", "57460": "Bx of cervix w/scope leep",
        "57461": "Conz of cervix w/scope leep",
    },
    "laparoscopic hysterectomy": {
        "58541": "Lsh uterus 250 g or less", "58542": "Lsh w/t/o ut 250 g or less", "58543": "Lsh uterus above 250 g",
        "58544": "Lsh w/t/o uterus above 250 g", "58548": "Lap radical hyst", "58550": "Laparo-asst vag hysterectomy",
        "58552": "Laparo-vag hyst incl t/o", "58570": "Tlh uterus 250 g or less", "58571": "Tlh w/t/o 250 g or less",
        "58572": "Tlh uterus over 250 g", "58573": "Tlh w/t/o uterus over 250 g", "58575": "Laps tot hyst resj mal",
    },
}  # fmt: skip


def search(words: str) -> list[dict[str, str]]:
    return search_matches(words)


@pytest.mark.parametrize("words", list(FOUND))
def test_obgyn_words_find_cms_s_abbreviated_codes(words: str) -> None:
    """ "transvaginal ultrasound" found nothing (exit 1), "ultrasound" no "Us ..." code, "colposcopy" not 57452-57461,
    "laparoscopic hysterectomy" 58550 alone."""
    found = {m["code"]: m["description"] for m in search(words)}
    assert {code: found.get(code) for code in FOUND[words]} == FOUND[words]


def test_colposcopy_lists_no_colonoscopy_nor_battery_clips() -> None:
    """ "colposcopy" listed M1377 "Fu colscop 10 yr doc w/ disc" (a colonoscopy's follow-up) and Q0497 "Bat clps
    elec/comb vad, rep" (VAD battery clips), each read as its abbreviation."""
    codes = [m["code"] for m in search("colposcopy")]
    assert "M1377" not in codes and "Q0497" not in codes
    assert "M1377" in [m["code"] for m in search("colonoscopy 10 yr")]  # still found by its own word


def test_the_obgyn_readings_stay_narrow() -> None:
    """The new readings hold where CMS's descriptors use them, not elsewhere."""
    assert not descriptor_matcher("ultrasound")("Services outside us")  # S9989: the United States
    assert not descriptor_matcher("ultrasound")("Exoskeletal ak ultra-light m")  # L5790: "ultra" is a word
    assert not descriptor_matcher("colposcopy")("Urethrlys transvag w/ scope")  # 53500: a urethroscopy
    assert not descriptor_matcher("laparoscopic")("Assay of lap enzyme")  # 83670: leucine aminopeptidase
    assert not descriptor_matcher("hysterectomy")("Induced abortion 1+njx hyst")  # 59852: with hysterotomy
    assert not descriptor_matcher("hysterectomy")("Endo smpl/hyst bx res doc")  # G9823: hysteroscopy
    assert descriptor_matcher("vaginal hysterectomy")("Vag hyst including t/o")  # 58262
