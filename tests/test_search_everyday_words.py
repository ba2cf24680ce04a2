"""`rvucalc search` by the everyday words of a user trial: CMS's short descriptors say "Office o/p est ...", "Total knee
arthroplasty", "Electrocardiogram complete", "Drain/inj joint/bursa", "Tx sp lang voice comm", "Reprogram cochlear
implt" and "rhc/fqhc", so "office visit" found only CDT's D9430/D9440, "total knee replacement", "treatment of speech",
"cochlear implant programming" and "rural health clinic" nothing, and "rhc" hemorrhoid codes ("Int hrhc lig ...")
(reference.search_words: ACRONYMS, ABBREVIATIONS, COMMON_NAMES, CODE_WORDS, STOP_WORDS, holds_word). The codes and
descriptors are CMS's, as the shipped RVU26C has them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import search_matches
from rvucalc.cli import app
from rvucalc.reference.search_words import descriptor_matcher

_OFFICE_EST = {
    "99211": "Off/op est may x req phy/qhp", "99212": "Office o/p est sf 10 min", "99213": "Office o/p est low 20 min",
    "99214": "Office o/p est mod 30 min", "99215": "Office o/p est hi 40 min",
}  # fmt: skip
_SPEECH_TREATMENT = {"92507": "Tx sp lang voice comm indiv", "92508": "Tx sp lang voice comm group"}
# A query: codes it must find, with CMS's descriptors (RVU26C).
FOUND = {
    "office visit": {
        "99202": "Office o/p new sf 15 min", "99203": "Office o/p new low 30 min", "99204": "Office o/p new mod 45 min",
        "99205": "Office o/p new hi 60 min", **_OFFICE_EST,
    },
    "office visit established": _OFFICE_EST,
    "total knee replacement": {"27447": "Total knee arthroplasty"},
    "knee replacement": {
        "27447": "Total knee arthroplasty", "27486": "Revise/replace knee joint", "27487": "Revise/replace knee joint",
    },
    "hip replacement": {
        "27130": "Total hip arthroplasty", "27132": "Total hip arthroplasty", "27125": "Partial hip replacement",
    },
    "ekg": {
        "93000": "Electrocardiogram complete", "93005": "Electrocardiogram tracing",
        "93010": "Electrocardiogram report", "G0403": "Ekg for initial prevent exam",
    },
    "ecg": {"93000": "Electrocardiogram complete", "93040": "Rhythm ecg with report"},
    "knee injection": {"20610": "Drain/inj joint/bursa w/o us", "20611": "Drain/inj joint/bursa w/us"},
    "joint injection": {
        "20600": "Drain/inj joint/bursa w/o us", "20605": "Drain/inj joint/bursa w/o us",
        "20610": "Drain/inj joint/bursa w/o us",
    },
    "speech therapy": _SPEECH_TREATMENT,
    "speech language treatment": _SPEECH_TREATMENT,
    "treatment of speech": _SPEECH_TREATMENT,
    "speech evaluation": {
        "92521": "Evaluation of speech fluency", "92522": "Evaluate speech production",
        "92523": "Speech sound lang comprehen",
    },
    "cochlear implant programming": {
        "92601": "Cochlear implt f/up exam <7", "92602": "Reprogram cochlear implt <7",
        "92603": "Cochlear implt f/up exam 7/>", "92604": "Reprogram cochlear implt 7/>",
    },
    "rhc": {"G2025": "Dis site tele svcs rhc/fqhc", "G0490": "Home visit rn, lpn by rhc/fq"},
    "rural health clinic": {"G2025": "Dis site tele svcs rhc/fqhc", "G0490": "Home visit rn, lpn by rhc/fq"},
    "federally qualified health center": {"G2025": "Dis site tele svcs rhc/fqhc", "G0466": "Fqhc visit new patient"},
}  # fmt: skip


@pytest.mark.parametrize("words", list(FOUND))
def test_everyday_words_find_cms_s_abbreviated_codes(words: str) -> None:
    """A trial: "office visit" found D9430/D9440 alone, "office visit established" nothing (exit 1); "total knee
    replacement" nothing, "hip replacement" not 27130; "ekg" not 93000; "knee injection" not 20610; "speech therapy"
    not 92507; "cochlear implant programming" and "rural health clinic" nothing."""
    found = {m["code"]: m["description"] for m in search_matches(words)}
    assert {code: found.get(code) for code in FOUND[words]} == FOUND[words]


# A query: codes it must not find (RVU26C's descriptors in the comments).
NOT_FOUND = {
    # "Int hrhc lig ...", "Int hrhc tranal dartlzj 2+": hemorrhoids; CLFS 2026-04's 0198U "Rhd&rhce gntyp
    # rhd1-10&rhce5", 0222U "Rhd&rhce gntyp next gnrj seq": the RHCE gene's genotyping, no rural health clinic
    "rhc": {"46945", "46946", "46948", "0198U", "0222U"},
    "office visit": {"99242", "99245"},  # "Off/op consltj new/est ...": consultations, no visit
    "hip replacement": {"29861"},  # "Hip arthro w/fb removal": an arthroscopy
    "ekg": {"E0265", "51741"},  # "Hosp bed total electr w/ mat", "Electro-uroflowmetry first"
    "knee injection": {"20605"},  # an intermediate joint's (wrist, elbow, ankle)
}


@pytest.mark.parametrize("words", list(NOT_FOUND))
def test_the_readings_stay_narrow(words: str) -> None:
    found = {m["code"] for m in search_matches(words)}
    assert not found & NOT_FOUND[words]


def test_a_short_word_matches_from_a_word_s_start() -> None:
    """ "rhc" is no longer found inside "hrhc", "ear" inside "heart"; a longer word still matches inside a longer
    one, and "flu" reads as influenza."""
    assert not descriptor_matcher("rhc")("Int hrhc lig 1 hroid w/o img")
    assert not descriptor_matcher("ear")("Heart image spect single")
    assert descriptor_matcher("ear")("Create eardrum opening")
    assert descriptor_matcher("flu vaccine")("Influenza virus vaccine, nos")  # Q2039
    assert descriptor_matcher("rhc")("Dis site tele svcs rhc/fqhc")
    assert not descriptor_matcher("rhc")("Rhd&rhce gntyp rhd1-10&rhce5")  # 0198U: the RHCE gene
    assert descriptor_matcher("certification")("Md recertification hha pt")  # G0179
    assert descriptor_matcher("evaluation")("Evaluate swallowing function")  # 92610
    assert descriptor_matcher("treatment")("Open tx nose fx uncomplicatd")  # 21325
    assert not descriptor_matcher("treatment")("Ctx dev exprt clin decsn spprt")  # "tx" only as a word


def test_office_visit_established_exits_0_with_the_codes() -> None:
    done = CliRunner().invoke(app, ["search", "office visit established"])
    assert done.exit_code == 0, done.output
    assert "99213" in done.stdout and "Office o/p est low 20 min" in done.stdout


def test_cataract_finds_the_cataract_surgeries_not_central_or_ct_angiography() -> None:
    """A surgeon's trial: "cataract" listed 00532 "Anes access ctr venous crcj", ECMO's "ctr cannula", "Balo angiop ctr
    dialysis seg" and every "Cta ..." (CT angiography) above 66984 "Xcapsl ctrc rmvl": the rule read CMS's "ctr"
    (central) and "cta" as cataract. They are CMS's own short forms of other words now (ABBREVIATIONS)."""
    cataract = descriptor_matcher("cataract")
    for descriptor in ("Xcapsl ctrc rmvl w/o ecp", "Xcpsl ctrc rmvl cplx insj 1+", "Cataract surg w/iol 1 stage"):
        assert cataract(descriptor), descriptor
    for descriptor in ("Anes access ctr venous crcj", "Ecmo/ecls insj ctr cannula", "Balo angiop ctr dialysis seg",
                       "Cta h&n c+ w/noncontrast img", "Ct cere prfu alys c+w/ct/cta"):  # fmt: skip
        assert not cataract(descriptor), descriptor
    assert descriptor_matcher("central venous")("Anes access ctr venous crcj")  # "ctr" reads as central
    assert descriptor_matcher("cta")("Cta h&n c+ w/noncontrast img")  # the token itself still found
