"""26125 (partial palmar fasciectomy, each additional digit) is an add-on of 26123 (the fasciectomy with release of the
first digit), not of 26121 (the palm alone): CPT's descriptor. A hand surgery group's trial priced 26121-F8 + 26125-F9
at the ASC with no word; now 26125 beside another procedure but not 26123 is noted naming 26123, in price and batch
alike, as the other named add-ons (``engine.add_ons.SAME_DATE_PRIMARIES``). The amounts stay CMS's facility fee
schedule amounts (RVU26C and the 2026 GPCIs, METROPOLITAN ST. LOUIS 0530201)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "63110", "2026-08-06", "0530201"

CLAIMS = [
    (["26121-RT", "26125-F9"], [False, True]),  # the trial's claim: the palm's fasciectomy is no primary
    (["26123-F8", "26125-F9"], [False, False]),
    (["26123-F8", "26125-F9", "26125-F7"], [False, False, False]),
    (["64721-RT", "26125-F9"], [False, True]),
]


def test_26125_is_an_add_on_and_26121_26123_are_not() -> None:
    assert (rvu_2026_row("26125")[3], rvu_2026_row("26125")[14]) == ("A", "ZZZ")
    assert rvu_2026_row("26121")[14] == rvu_2026_row("26123")[14] == "090"


def test_an_additional_digit_without_its_first_digit_s_fasciectomy_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = without_primary_note("26125", alone=False)
    assert "26123 (partial palmar fasciectomy" in note and "; " not in note
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="24"):
        if code.startswith("26125"):
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            assert line.pfs.facility.amount == fee_2026("26125", LOCALITY, facility=True)  # add-on: no reduction
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount
