"""Two lines of one debridement depth's or skin substitute graft site's first area code on a claim and date (11042 and
11042-59, 15271-RT and 15271-LT) are one line of 1 unit, whatever 59, XS or the sides say: CPT sums the areas of the
wounds of one depth (of one descriptor's sites), the area beyond the first billed as the add-on. A review of the wound
care trial's rule for 11042 x 2 (d426bb83): `price 11042 11042-59` at ZIP 73104 ($121.41 + $60.71, where 11042 + 11045
is $160.17) and 15271-RT 15271-LT were said nothing. Now each such line is noted in price and batch alike
(``engine.add_ons.area_first_lines_notes``); two depths' first codes (11042 + 11043-59, CPT's own use of 59) are not.
The amounts stay CMS's fee schedule amounts (RVU26C and the 2026 GPCIs, OKLAHOMA 0431200), the second 11042 ranked."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from cms_fees import fee_2026
from rvucalc.engine.add_ons import AREA_FIRST_UNITS
from rvucalc.engine.duplicates import AREA_FIRST_DUPLICATE, DUPLICATE_NOTE
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "73104", "2026-08-21", "0431200"
CLAIMS = [
    (["11042", "11042-59"], [True, True]),  # two wounds to the subcutaneous tissue, one line each
    (["15271-RT", "15271-LT"], [True, True]),
    (["97597-XS", "97597"], [True, True]),
    (["11042", "11043-59", "11045"], [False, False, False]),  # two depths: CPT's 59
    (["11042", "11045"], [False, False]),
    (["15271", "15275"], [False, False]),  # trunk and foot: two descriptors' sites
]


def test_two_lines_of_one_first_area_code_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, written, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        code = written.split("-")[0]
        said = [n for n in line.notes if " on this claim and date are lines of " in n]
        assert len(said) == int(expected), (codes, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if n in said or " are lines of " in n] == said, codes
        if expected:
            assert said[0].startswith(" and ".join(codes)), said[0]
            assert f"billed as {AREA_FIRST_UNITS[code]}, its add-on" in said[0]
            assert "; " not in said[0]
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    pair = pricer.price_encounter(["11042", "11042-59"], zip_code=ZIP, date_of_service=DATE, setting="11")
    fee = fee_2026("11042", LOCALITY)
    second = (fee / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)  # ranked 2 of 2: the multiple procedure rule's 50%
    assert [line.pfs.non_facility.amount for line in pair.lines] == [fee, second]


# The duplicate-line note on the second of two identical first-area lines (11042 11042) told the biller to bill it with
# RT/LT, 59/XS, 76 or 77, beside this rule's note on the same row that the code is one line a date "whatever 59, XS or
# the sides say": engine.duplicates.AREA_FIRST_DUPLICATE instead, price and batch alike, still counted a duplicate.
def test_a_repeated_first_area_line_s_duplicate_note_does_not_advise_59(pricer: Pricer) -> None:
    seen = []
    for _, written, line, row, _ in encounters_both_ways(pricer, [(["11042", "11042"], [True, True])], ZIP, DATE):
        duplicate = [n for n in line.notes if n.startswith(DUPLICATE_NOTE)]
        assert [n for n in (row["note"] or "").split("; ") if n.startswith(DUPLICATE_NOTE)] == duplicate, written
        assert all("59/XS" not in n and "76 (" not in n for n in duplicate), duplicate
        seen += duplicate
    assert seen == [AREA_FIRST_DUPLICATE.format(code="11042")]
