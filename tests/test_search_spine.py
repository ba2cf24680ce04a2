"""`rvucalc search` by a spine surgeon's words (a trial): CMS's short descriptors say "Arthrd pst tq 1ntrspc lumbar",
"Lamot dcmprn nrv rt 1 lmbr", "Lam facetec & foramot lumbar", "Insj biomechanical device", "Njx interlaminar
lmbr/sac", "Remove spine eltrd plate", "Sp bone algrft morsel add-on", so "lumbar fusion", "spinal cord stimulator",
"epidural steroid injection", "spine instrumentation" and "bone graft spine" found nothing, "laminectomy" 63295 alone,
"interbody device" A4600 alone (a limb compression sleeve) and "arthrodesis lumbar" no add-on (22614, 22632, 22634)
(reference.search_words: ACRONYMS, ABBREVIATIONS, COMMON_NAMES). The codes and descriptors are CMS's, as the shipped
RVU26C has them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import search_matches
from rvucalc.reference.search_words import descriptor_matcher

runner = CliRunner()

LUMBAR_ARTHRODESIS = {
    "22533": "Arthrd lat xtrcvtry tq lmbr", "22534": "Arthrd lat xtrcvtry tq ea ad",
    "22558": "Arthrd ant ntrbd min dsc lum", "22585": "Arthrd ant ntrbd min dsc ea",
    "22612": "Arthrd pst tq 1ntrspc lumbar", "22614": "Arthrd pst tq 1ntrspc ea add",
    "22630": "Arthrd pst tq 1ntrspc lum", "22632": "Arthrd pst tq 1ntrspc lm ea",
    "22633": "Arthrd cmbn 1ntrspc lumbar", "22634": "Arthrd cmbn 1ntrspc ea addl",
}  # fmt: skip
# A query: every code it finds, in order, with CMS's descriptors (RVU26C); each query's whole answer, so none else.
FOUND = {
    "lumbar fusion": LUMBAR_ARTHRODESIS,
    "spinal cord stimulator": {  # Category III codes after the others (search_words.listed_after)
        "63661": "Remove spine eltrd perq aray", "63662": "Remove spine eltrd plate",
        "63663": "Revise spine eltrd perq aray", "63664": "Revise spine eltrd plate",
        "63685": "Ins/rplc spi npg/rcvr pocket", "63688": "Rev/rmv imp sp npg/r dtch cn",
        "95971": "Alys smpl sp/pn npgt w/prgrm", "95972": "Alys cplx sp/pn npgt w/prgrm",
        "0784T": "Ins/rplmt eltrd ra spi nstim", "0785T": "Revj/rmvl nea spi w/nstim",
    },
    "epidural steroid injection": {
        "62320": "Njx interlaminar crv/thrc", "62321": "Njx interlaminar crv/thrc",
        "62322": "Njx interlaminar lmbr/sac", "62323": "Njx interlaminar lmbr/sac",
        "62324": "Njx interlaminar crv/thrc", "62325": "Njx interlaminar crv/thrc",
        "62326": "Njx interlaminar lmbr/sac", "62327": "Njx interlaminar lmbr/sac",
        "64479": "Njx aa&/strd tfrm epi c/t 1", "64480": "Njx aa&/strd tfrm epi c/t ea",
        "64483": "Njx aa&/strd tfrm epi l/s 1", "64484": "Njx aa&/strd tfrm epi l/s ea",
    },
    "spine instrumentation": {
        **{code: "Insert spine fixation device" for code in ("22840", "22841", "22842", "22843", "22844", "22845",
                                                             "22846", "22847")},
        "22848": "Insert pelv fixation device", "22849": "Reinsert spinal fixation",
        "22850": "Remove spine fixation device", "22852": "Remove spine fixation device",
        "22855": "Removal anterior instrmj",
    },
    "bone graft spine": {
        "20930": "Sp bone algrft morsel add-on", "20931": "Sp bone algrft struct add-on",
        "20936": "Sp bone agrft local add-on", "20937": "Sp bone agrft morsel add-on",
        "20938": "Sp bone agrft struct add-on", "20939": "Bone marrow aspir bone grfg",
    },
}  # fmt: skip


def search(words: str) -> list[dict[str, str]]:
    return search_matches(words)


@pytest.mark.parametrize("words", list(FOUND))
def test_spine_words_find_cms_s_abbreviated_codes_and_no_others(words: str) -> None:
    """Each query found nothing (exit 1: "no code or descriptor ... matches"); now its codes, and only those."""
    assert [(m["code"], m["description"]) for m in search(words)] == list(FOUND[words].items())


def test_laminectomy_finds_the_laminotomies_and_laminectomies_first() -> None:
    """ "laminectomy" found 63295 "Repair laminectomy defect" alone (and DMEPOS L3031 "Foot lamin/prepreg
    composite"): 63030 "Lamot ..." (CPT: "Laminotomy (hemilaminectomy)") and 63047 "Lam facetec ..." were missed."""
    found = [(m["code"], m["description"]) for m in search("laminectomy")]
    wanted = {
        "63001": "Remove spine lamina 1/2 crvl", "63012": "Remove lamina/facets lumbar",
        "63017": "Remove spine lamina >2 lmbr", "63030": "Lamot dcmprn nrv rt 1 lmbr",
        "63035": "Lamot dcmprn nrv rt ea addl", "63042": "Laminotomy single lumbar",
        "63047": "Lam facetec & foramot lumbar", "63048": "Lam facetec &foramot ea addl",
        "63052": "Lam facetc/frmt arthrd lum 1", "63197": "Lam w/cordotomy 1stg thrc",
    }  # fmt: skip
    assert {code: dict(found).get(code) for code in wanted} == wanted
    assert found[0] == ("63295", "Repair laminectomy defect")  # CMS's own word, as a phrase, first
    assert [code for code, _ in found if not code.startswith(("63", "61343", "0274T"))] == ["L3031"]  # last
    assert "63030" in [m["code"] for m in search("laminotomy lumbar")]


def test_interbody_device_finds_the_biomechanical_devices_first() -> None:
    """ "interbody device" listed A4600 "Sleeve, inter limb comp dev" alone (its "inter" abbreviates "interbody" by
    the rule); CPT's 22853/22854/22859 are "Insertion of interbody/intervertebral biomechanical device(s)"."""
    found = [(m["code"], m["description"]) for m in search("interbody device")]
    assert found[:3] == [(code, "Insj biomechanical device") for code in ("22853", "22854", "22859")]


def test_arthrodesis_lumbar_finds_the_add_ons() -> None:
    """ "arthrodesis lumbar" found 22612/22630/22633 but not their add-ons 22614, 22632, 22634."""
    found = {m["code"]: m["description"] for m in search("arthrodesis lumbar")}
    assert {code: found.get(code) for code in LUMBAR_ARTHRODESIS} == LUMBAR_ARTHRODESIS
    assert set(found) - set(LUMBAR_ARTHRODESIS) == {"63052", "63053"}  # "Lam facetc/frmt arthrd lum 1", lumbar


def test_the_spine_readings_stay_narrow() -> None:
    """The new readings hold where CMS's spine descriptors use them, not elsewhere."""
    assert not descriptor_matcher("spinal fusion")("Arthrd wrist complete wo grf")  # 25800: the wrist's
    assert not descriptor_matcher("spinal fusion")("Arthrd si jt plmt iartic dev")  # 27278: sacroiliac joint
    assert descriptor_matcher("spinal fusion")("Arthrd pst tq 1ntrspc crv")  # 22600
    assert descriptor_matcher("cervical fusion")("Arthrd pst tq 1ntrspc ea add")  # 22614: 22600's add-on too
    assert not descriptor_matcher("cervical fusion")("Arthrd cmbn 1ntrspc ea addl")  # 22634: lumbar only
    assert not descriptor_matcher("lumbar")("Pros sock multi ply upper lm")  # L8435: an upper limb
    assert not descriptor_matcher("laminectomy")("Add low ext mec limb vol lam")  # L5783 (DMEPOS)
    assert not descriptor_matcher("spinal cord stimulator")("Ins/rpl prph sac/gstr npg/r")  # 64590: peripheral
    assert not descriptor_matcher("spinal cord stimulator")("Implant neuroelectrodes")  # 61850 too: not told apart
    assert not descriptor_matcher("spinal cord stimulator")("Anes xtnsv sp&spi cord px")  # 00670: anesthesia
    assert not descriptor_matcher("spine")("Exc h-f-nk-sp b9+marg 0.5/<")  # 11420: "sp" is not always spine
    assert descriptor_matcher("transforaminal epidural injection")("Njx aa&/strd tfrm epi l/s 1")  # 64483
    assert descriptor_matcher("autograft")("Splt agrft t/a/l 1st 100sqcm")  # 15100
    assert descriptor_matcher("anterior interbody")("Arthrd ant ntrbdy cervical")  # 22551
