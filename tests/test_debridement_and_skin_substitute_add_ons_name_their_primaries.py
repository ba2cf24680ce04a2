"""Each "each additional" debridement or skin substitute application code is the add-on of its own depth's or site's
first code: 11045 of 11042 (subcutaneous), 11046 of 11043 (muscle and fascia), 11047 of 11044 (bone), 97598 of 97597
(selective debridement), 15272 of 15271, 15274 of 15273, 15276 of 15275 and 15278 of 15277 (skin substitute grafts).
A wound care trial (Oklahoma City, 2026): 11042 + 11046, 11042 + 97598, 97597 + 11045 and 15275 + 15272 were priced
with no word, each add-on being beside another code. Now the add-on is noted naming its primary when no line of the
claim and date is one, in price and batch alike (``engine.add_ons.SAME_DATE_PRIMARIES``); the amounts stay CMS's fee
schedule amounts (RVU26C and the 2026 GPCIs, OKLAHOMA 0431200: an add-on is not reduced)."""

from __future__ import annotations

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "73104", "2026-08-21", "0431200"
PAIRS = {
    "11045": "11042", "11046": "11043", "11047": "11044", "97598": "97597",
    "15272": "15271", "15274": "15273", "15276": "15275", "15278": "15277",
}  # fmt: skip

CLAIMS = [
    (["11042", "11046"], [False, True]),  # the trial's: muscle's add-on beside a subcutaneous first 20 sq cm
    (["11042", "97598"], [False, True]),
    (["97597", "11045"], [False, True]),
    (["15275", "15272"], [False, True]),  # the trunk's add-on beside a foot's graft
    (["15271", "15276"], [False, True]),
    (["11044", "11045"], [False, True]),
    (["99213-25", "15273", "15278"], [False, False, True]),
    (["11042", "11045"], [False, False]),
    (["11043", "11046"], [False, False]),
    (["11043", "11042", "11045"], [False, False, False]),  # two depths, each its own first 20 sq cm
    (["11044", "11047"], [False, False]),
    (["97597", "97598"], [False, False]),
    (["15271", "15272"], [False, False]),
    (["15273", "15274"], [False, False]),
    (["15275", "15276"], [False, False]),
    (["15277", "15278"], [False, False]),
]


def test_the_pairs_are_add_ons_and_first_codes_in_cms_file() -> None:
    for add_on, primary in PAIRS.items():
        assert (rvu_2026_row(add_on)[3], rvu_2026_row(add_on)[14]) == ("A", "ZZZ"), add_on
        assert rvu_2026_row(primary)[14] == "000", primary


@pytest.mark.parametrize("setting", ["11", "22"])
def test_a_debridement_or_graft_add_on_beside_another_first_code_is_noted_in_price_and_batch(
    pricer: Pricer, setting: str
) -> None:
    facility = setting == "22"
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting=setting):
        if code in PAIRS:
            note = without_primary_note(code, alone=False)
            assert f"only when {PAIRS[code]} (" in note and "; " not in note
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            pfs = line.pfs.facility if facility else line.pfs.non_facility
            assert pfs.amount == fee_2026(code, LOCALITY, facility=facility)
        column = "pfs_facility_amount" if facility else "pfs_non_facility_amount"
        assert _money(row[column]) == (line.pfs.facility if facility else line.pfs.non_facility).amount
