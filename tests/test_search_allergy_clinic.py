"""`rvucalc search` by an allergy clinic's words (a trial): CMS's short descriptors say "Sarscov2 vac", "All tstg",
"Iq tsts", "Antigen therapy services", "Immunization admin", so "covid vaccine", "allergy test", "allergen" and
"vaccine administration" missed them, and "pulmonary function" is no descriptor's words at all
(reference.search_words: ACRONYMS, ABBREVIATIONS, WORDS, COMMON_NAMES). The codes and descriptors are CMS's, as
the shipped RVU26C has them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import search_matches
from rvucalc.reference.search_words import descriptor_matcher

runner = CliRunner()

# A query: the codes it must find first (in any order among themselves), with CMS's descriptors (RVU26C).
FIRST = {
    "covid vaccine": {
        "90480": "Admn sarscov2 vac 1/only cmp", "90481": "Admn sarscov2 vac ea add cmp",
        "91318": "Sarscov2 vac 3mcg trs-suc im", "91319": "Sarscv2 vac 10mcg trs-suc im",
        "91320": "Sarscv2 vac 30mcg trs-suc im", "91321": "Sarscov2 vac 25 mcg/.25ml im",
        "91322": "Sarscov2 vac 50 mcg/0.5ml im", "91323": "Sarscov2 vac 10 mcg/0.2ml im",
        "91304": "Sarscov2 vac 5mcg/0.5ml im", "90612": "Inf&sarscov2 vacc 31.7/.32im",
        "90613": "Inf&sarscov2 vacc 40/0.4 im",
    },
    "allergy test": {
        "95004": "Perq tests w/alrgnc xtrcs", "95017": "All tstg perq&iq w/venoms",
        "95018": "All tstg perq&iq drugs/biol", "95024": "Iq tests w/allergenic xtrcs",
        "95027": "Iq tsts seql&incrl airborne", "95028": "Iq tsts allergy delayed rxn",
        "95044": "Patch/application tests", "95052": "Photo patch tests", "95056": "Photo tests",
        "95060": "Oph mucous membrane tests", "95065": "Dir nsl mucous membrane test",
    },
    "pulmonary function": {
        "94010": "Breathing capacity test", "94011": "Spirometry up to 2 yrs old",
        "94012": "Spirmtry w/brnchdil inf-2 yr", "94014": "Patient recorded spirometry",
        "94015": "Patient recorded spirometry", "94016": "Review patient spirometry",
        "94060": "Evaluation of wheezing", "94070": "Evaluation of wheezing",
        "94726": "Plethysmography lung volumes", "94727": "Gas dil/wshot deter lng vol",
        "94728": "Airwy resist by oscillometry", "94729": "Diffusing capacity",
    },
    "vaccine administration": {
        "90460": "Im admin 1st/only component", "90461": "Im admin each addl component",
        "90471": "Immunization admin", "90472": "Immunization admin each add", "90473": "Immune admin oral/nasal",
        "90474": "Immune admin oral/nasal addl", "90480": "Admn sarscov2 vac 1/only cmp",
        "90481": "Admn sarscov2 vac ea add cmp", "G0008": "Admin influenza virus vac",
        "G0009": "Admin pneumococcal vaccine", "G0010": "Admin hepatitis b vaccine",
    },
    "chronic care management": {
        "99437": "Chrnc care mgmt phys ea addl", "99439": "Chrnc care mgmt staf ea addl",
        "99487": "Cplx chrnc care 1st 60 min", "99489": "Cplx chrnc care ea addl 30",
        "99490": "Chrnc care mgmt staff 1st 20", "99491": "Chrnc care mgmt phys 1st 30",
    },
}  # fmt: skip

# "allergen": CMS's allergen immunotherapy codes (CPT's "Allergen Immunotherapy", 95115-95199), found among the codes
# whose descriptors say allergen ("Allergen specific igg", "Iq tests w/allergenic xtrcs", "Allg spec ige ...").
ALLERGEN_IMMUNOTHERAPY = {
    "95115": "Immunotherapy one injection", "95117": "Immunotherapy injections",
    "95120": "Immunotherapy one injection", "95125": "Immunotherapy 2/> injections",
    "95130": "Immntx 1 sting insect", "95134": "Immntx 5 sting insects",
    "95144": "Antigen therapy services", "95165": "Antigen therapy services", "95170": "Antigen therapy services",
    "95180": "Rapid desensitization",
}  # fmt: skip


def search(words: str) -> list[dict[str, str]]:
    return search_matches(words, limit=200)


@pytest.mark.parametrize("words", list(FIRST))
def test_clinic_words_find_cms_s_codes_first(words: str) -> None:
    """ "covid vaccine" found nothing, "allergy test" only G0659 (a drug test's "all cl"), "pulmonary function" nothing,
    "vaccine administration" 4040F and D1701 first and not 90471-90474, "chronic care management" not 99487 ("Cplx
    chrnc care"). Each now finds CMS's codes for it, first."""
    want = FIRST[words]
    first = search(words)[: len(want)]
    assert {m["code"]: m["description"] for m in first} == want


def test_allergen_finds_allergen_immunotherapy_not_anesthesia() -> None:
    """ "allergen" listed "Anes all px ..." (the word "all" read as its abbreviation), not 95115-95180."""
    found = {m["code"]: m["description"] for m in search("allergen")}
    assert {code: found.get(code) for code in ALLERGEN_IMMUNOTHERAPY} == ALLERGEN_IMMUNOTHERAPY
    assert not [d for d in found.values() if d.lower().startswith("anes")]
    assert "G0659" not in {m["code"] for m in search("allergy test")}  # "Drug test def simple all cl"


def test_the_readings_stay_narrow() -> None:
    """The new readings hold where CMS's descriptors use them, not elsewhere."""
    assert not descriptor_matcher("allergy")("Anes all px")  # "all" is a word
    assert not descriptor_matcher("allergen")("Id ca immntx prep & 1st njx")  # 0708T: cancer immunotherapy
    assert not descriptor_matcher("allergen")("Agglutinins febrile antigen")
    assert not descriptor_matcher("vaccine")("Imm cnsl not admn sm 3<10")  # counseling, no administration
    assert not descriptor_matcher("pulmonary function")("Lung volume reduction")
    assert descriptor_matcher("covid")("Ia nfct ab sarscov2 covid19")
