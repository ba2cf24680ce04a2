"""`rvucalc search` by the words of a nursing facility and home visit physician, a wound care clinic and an
interventional radiologist (trials): CMS's short descriptors say "Sbsq nf care", "Nf dschrg mgmt", "Home/res vst est
...", "Md certification hha patient", "Dbrdmt ...", "Hbot, full body chamber", "Skin sub graft ...", "Vasc
embolize/occlude ...", "Insert tunneled cv cath" and "Us guide vascular access", so "subsequent nursing facility",
"home visit established", "home health certification", "skin substitute graft", "central venous catheter" and
"ultrasound guidance vascular access" found nothing, "nursing facility" and "debridement" none of those codes
(reference.search_words: ACRONYMS, ABBREVIATIONS). The codes and descriptors are CMS's, as the shipped RVU26C has
them."""

from __future__ import annotations

import pytest

from conftest import search_matches
from rvucalc.reference.search_words import descriptor_matcher

# A query: codes it must find, with CMS's descriptors (RVU26C).
FOUND = {
    "nursing facility": {
        "99304": "1st nf care sf/low mdm 25", "99306": "1st nf care high mdm 50", "99307": "Sbsq nf care sf mdm 10",
        "99310": "Sbsq nf care high mdm 45", "99315": "Nf dschrg mgmt 30 min/less", "99316": "Nf dschrg mgmt 30 min+",
    },
    "subsequent nursing facility": {
        "99307": "Sbsq nf care sf mdm 10", "99308": "Sbsq nf care low mdm 20", "99309": "Sbsq nf care moderate mdm 30",
        "99310": "Sbsq nf care high mdm 45",
    },
    "nursing facility discharge": {"99315": "Nf dschrg mgmt 30 min/less", "99316": "Nf dschrg mgmt 30 min+"},
    "home visit": {"99341": "Home/res vst new sf mdm 15", "99350": "Home/res vst est high mdm 60"},
    "home visit established": {
        "99347": "Home/res vst est sf mdm 20", "99348": "Home/res vst est low mdm 30",
        "99349": "Home/res vst est mod mdm 40", "99350": "Home/res vst est high mdm 60",
    },
    "home residence visit": {
        "99341": "Home/res vst new sf mdm 15", "99342": "Home/res vst new low mdm 30",
        "99344": "Home/res vst new mod mdm 60", "99345": "Home/res vst new high mdm 75",
        "99347": "Home/res vst est sf mdm 20", "99350": "Home/res vst est high mdm 60",
    },
    "home health certification": {"G0180": "Md certification hha patient", "G0179": "Md recertification hha pt"},
    "debridement": {
        "11042": "Dbrdmt subq tis 1st 20sqcm/<", "11043": "Dbrdmt musc&/fsca 1st 20/<",
        "11044": "Dbrdmt bone 1st 20 sq cm/<", "11045": "Dbrdmt subq tiss each addl",
        "11046": "Dbrdmt musc&/fsca ea addl", "11047": "Dbrdmt bone each addl", "97597": "Dbrdmt opn wnd 1st 20 cm/<",
        "97598": "Dbrdmt opn wnd addl 20cm/<",
    },
    "hyperbaric": {"99183": "Hyperbaric oxygen therapy", "G0277": "Hbot, full body chamber, 30m"},
    "skin substitute": {
        "15271": "Skin sub graft trnk/arm/leg", "15274": "Skn sub grft t/a/l child add",
        "15275": "Skin sub graft face/nk/hf/g", "15278": "Skn sub grft f/n/hf/g ch add",
    },
    "skin substitute graft": {
        "15271": "Skin sub graft trnk/arm/leg", "15272": "Skin sub graft t/a/l add-on",
        "15273": "Skin sub grft t/arm/lg child", "15274": "Skn sub grft t/a/l child add",
        "15275": "Skin sub graft face/nk/hf/g", "15276": "Skin sub graft f/n/hf/g addl",
        "15277": "Skn sub grft f/n/hf/g child", "15278": "Skn sub grft f/n/hf/g ch add",
    },
    "embolization": {
        "37241": "Vasc embolize/occlude venous", "37242": "Vasc embolize/occlude artery",
        "37243": "Vasc embolize/occlude organ", "37244": "Vasc embolize/occlude bleed",
    },
    "central venous catheter": {
        "36555": "Insert non-tunnel cv cath", "36557": "Insert tunneled cv cath",
        "36568": "Insj picc <5 yr w/o imaging", "36570": "Insert picvad cath", "36571": "Insert picvad cath",
        "36575": "Repair tunneled cv cath",
        "36580": "Replace cvad cath", "36589": "Removal tunneled cv cath", "36597": "Reposition venous catheter",
    },
    "ultrasound guidance vascular access": {"76937": "Us guide vascular access"},
    "guidance": {
        "76937": "Us guide vascular access", "76942": "Echo guide for biopsy", "77013": "Ct guide for tissue ablation",
        "10005": "Fna bx w/us gdn 1st les",
    },
}  # fmt: skip


@pytest.mark.parametrize("words", list(FOUND))
def test_specialty_words_find_cms_s_abbreviated_codes(words: str) -> None:
    """ "subsequent nursing facility", "home visit established", "home health certification", "skin substitute
    graft", "central venous catheter" found nothing (exit 1); "nursing facility" no "Nf" code, "debridement" no
    "Dbrdmt" code, "embolization" not 37241-37244."""
    found = {m["code"]: m["description"] for m in search_matches(words)}
    assert {code: found.get(code) for code in FOUND[words]} == FOUND[words]


def test_the_specialty_readings_stay_narrow() -> None:
    """The new readings hold where CMS's descriptors use them, not where the same letters mean another word."""
    assert not descriptor_matcher("nursing facility")("Urography nfs drip&/bls w/nf")  # 74415: nephrotomography
    assert not descriptor_matcher("residence")("Anes opn upr 2/3 fem rad res")  # 01234: resection
    assert not descriptor_matcher("established")("N-invas prst8 cancer est map")  # 0898T: an estimate
    assert not descriptor_matcher("established")("Aep thrshld est mlt freq i&r")  # 92652: threshold estimation
    assert not descriptor_matcher("substitute")("Njx b1 sub mtrl sbchdrl dfct")  # 0707T: bone substitute material
    assert not descriptor_matcher("skin substitute")("Ustekinumab sub cu inj, 1 mg")  # J3357: subcutaneous
    assert not descriptor_matcher("central venous")("Cv stress test supvj i&r")  # 93018: cardiovascular
    assert not descriptor_matcher("central venous")("Cv ds plasma alys prtn bmrk")  # 0019M: cardiovascular disease
    assert not descriptor_matcher("guidance")("Egd guide wire insertion")  # 43248: a guide wire
    assert not descriptor_matcher("guidance")("Antmc guide 3d print 1st gd")  # 0561T: an anatomic guide
    assert not descriptor_matcher("guidance")("Neuragen nerve guide, per cm")  # C9352: a nerve guide
    # A token CMS abbreviates its own way still holds its own word and what the rule reads in it.
    assert descriptor_matcher("embolize")("Vasc embolize/occlude venous")  # 37241
    assert descriptor_matcher("ultrasound guided biopsy")("Echo guide for biopsy")  # 76942
    assert descriptor_matcher("skilled nursing facility")("Hospice in snf")  # Q5004


# HCPCS's skin substitutes, each named by its brand alone (RVU26C): a few across the ranges, with the last of each.
SKIN_SUBSTITUTES = {
    "Q4101": "Apligraf", "Q4102": "Oasis wound matrix", "Q4186": "Epifix 1 sq cm", "Q4431": "Pma skin substitute, nos",
    "Q4440": "Curamatrix per sq cm", "A2001": "Innovamatrix ac, per sq cm", "A2045": "Novashield/novogen pr sq cm",
}  # fmt: skip


def test_skin_substitute_finds_the_products_named_by_brand() -> None:
    """ "skin substitute" found none of the products HCPCS codes as skin substitutes (Q4101-Q4440, A2001-A2045), whose
    CMS descriptors name the brand alone ("Apligraf"); the application codes stay first."""
    matches = search_matches("skin substitute", limit=400)
    found = {m["code"]: m["description"] for m in matches}
    assert {code: found.get(code) for code in SKIN_SUBSTITUTES} == SKIN_SUBSTITUTES
    codes = [m["code"] for m in matches]
    assert codes.index("15271") < codes.index("A2001") < codes.index("Q4101")


def test_a_product_code_reads_as_a_skin_substitute_only_in_its_range() -> None:
    skin_substitute = descriptor_matcher("skin substitute")
    assert skin_substitute("Apligraf", "Q4101") and skin_substitute("Curamatrix per sq cm", "Q4440")
    assert not skin_substitute("Apligraf")  # the descriptor alone names the brand
    assert not skin_substitute("Cast supplies unlisted", "Q4050")  # HCPCS's Q4001-Q4051: casting supplies
    assert not skin_substitute("Drug/bio noc part b drug cap", "Q4082")
    assert not skin_substitute("Nebulizer, with compressor", "A7000")
    assert not descriptor_matcher("skin graft")("Apligraf", "Q4101")  # "skin substitute" reads no other words
    # A review: "skin" alone listed every brand (178 -> 531 matches), "skin tag" Q4261 "Tag" and Q4439 "Instagraft".
    assert not descriptor_matcher("skin")("Apligraf", "Q4101")
    assert not descriptor_matcher("skin tag")("Tag", "Q4261")
