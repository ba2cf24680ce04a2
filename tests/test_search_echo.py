"""`rvucalc search` by a cardiologist's and a sonographer's words: CMS's short descriptors say "Echo transthoracic",
"Tte w/doppler complete", "Stress tte only", "Doppler echo complete", "Echo exam of fetal heart" and "Echo guide for
biopsy", so "echocardiogram" found nothing, "stress echo" nothing and "ultrasound guided biopsy" no "Echo guide" code
(reference.search_words: ACRONYMS "cardiac_echo", "tte", "echo"). The codes and descriptors are CMS's, as the shipped
RVU26C has them."""

from __future__ import annotations

import pytest

from conftest import search_matches
from rvucalc.reference.search_words import descriptor_matcher

FOUND = {
    "echocardiogram": {
        "93303": "Echo transthoracic", "93306": "Tte w/doppler complete", "93307": "Tte w/o doppler complete",
        "93308": "Tte f-up or lmtd", "93312": "Echo transesophageal", "93320": "Doppler echo complete",
        "93350": "Stress tte only", "93351": "Stress tte complete", "93355": "Echo transesophageal (tee)",
        "76825": "Echo exam of fetal heart", "0439T": "Myocrd contrast prfuj echo",
    },
    "stress echo": {"93350": "Stress tte only", "93351": "Stress tte complete"},
    "transthoracic echocardiogram": {"93303": "Echo transthoracic", "93306": "Tte w/doppler complete"},
    "ultrasound guided biopsy": {"76942": "Echo guide for biopsy", "55707": "Bx prst8 trct us guided"},
}  # fmt: skip


@pytest.mark.parametrize("words", list(FOUND))
def test_echo_words_find_cms_s_echo_and_tte_codes(words: str) -> None:
    found = {m["code"]: m["description"] for m in search_matches(words)}
    assert {code: found.get(code) for code in FOUND[words]} == FOUND[words]


def test_an_echo_of_the_eye_or_belly_is_no_echocardiogram() -> None:
    """Echography elsewhere (76506 head, 76516 eye, 76705 abdomen, 76942 guidance) is ultrasound, not the heart's."""
    echocardiogram = descriptor_matcher("echocardiogram")
    for descriptor in ("Echo exam of head", "Echo exam of eye", "Echo exam of abdomen", "Echo guide for biopsy",
                       "Umbilical artery echo"):  # fmt: skip
        assert not echocardiogram(descriptor), descriptor
        assert descriptor_matcher("ultrasound")(descriptor), descriptor
    assert not descriptor_matcher("ultrasound")("Echosclerotherapy")  # S2202: a word of its own
    assert not descriptor_matcher("echocardiogram")("Settlement of claim")  # "tte" only as a token
