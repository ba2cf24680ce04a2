"""`rvucalc search` by the names of care services CMS's short descriptors write as acronyms or their own short forms
(reference.search_words: ACRONYMS, ABBREVIATIONS, COMMON_NAMES). A user trial found none of these. The codes and
descriptors are CMS's, as RVU26C (2026) has them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.search_words import descriptor_matcher

EXPECTED = {
    "remote therapeutic monitoring": {
        "98975": "Rtm 1st set-up&pt educaj eqp", "98977": "Rtm dev sply mscskl 16-30 d",
        "98980": "Rtm tx mgmt 1st 20 min", "98981": "Rtm tx mgmt ea addl 20 min",
        "98985": "Rtm dev sply mscsk sys 2-15d",
    },
    "principal illness navigation": {"G0023": "Pin service 60m per month", "G0024": "Pin srv add 30 min pr m"},
    "navigation": {
        "G0023": "Pin service 60m per month", "G0140": "Nav srv peer sup 60 min pr m",
        "G0146": "Nav srv peer sup add 30 pr m",
    },
    "behavioral health integration": {
        "99484": "Care mgmt svc bhvl hlth cond", "G0323": "Care manage beh svs 20mins",
        "99492": "1st psyc collab care mgmt",
    },
    "flu shot": {"90656": "Iiv3 vacc no prsv 0.5 ml im", "90686": "Iiv4 vacc no prsv 0.5 ml im"},
    "portable x-ray": {"Q0092": "Set up port xray equipment", "R0070": "Transport portable x-ray"},
    "portable xray": {"Q0092": "Set up port xray equipment", "R0070": "Transport portable x-ray"},
}  # fmt: skip


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


@pytest.mark.parametrize("query", list(EXPECTED))
def test_care_service_names_find_cms_s_descriptors(pricer: Pricer, query: str) -> None:
    found = {m.code: m.description for m in pricer.search(query, year=2026, limit=200).matches}
    want = EXPECTED[query]
    assert {code: found.get(code) for code in want} == want


def test_the_readings_stay_narrow() -> None:
    """ "Pin" is principal illness navigation only before "service"/"srv" (not 26756 "Pin finger fracture each"),
    "beh" behavioral only before "svs"."""
    assert not descriptor_matcher("principal illness navigation")("Pin finger fracture each")
    assert not descriptor_matcher("navigation")("Pin hand dislocation")
    assert not descriptor_matcher("behavioral")("Exploration behind upper jaw")


def test_search_cli_finds_rtm() -> None:
    result = CliRunner().invoke(app, ["search", "remote therapeutic monitoring", "--year", "2026", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "98980" in result.stdout
