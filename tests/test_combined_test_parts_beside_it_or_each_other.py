"""A combined test's part beside it, or its two parts on one claim and date (``engine.combined_tests``): the autonomic
test 95924 of 95921 and 95922 (CPT: "Do not report 95922 in conjunction with 95921", "Do not report 95924 in
conjunction with 95921 or 95922"), the somatosensory evoked potential study 95938 of 95925 and 95926, the central
motor one 95939 of 95928 and 95929. A neurology group's trial (Cleveland and Lexington, 2026): 95924 beside 95921,
95921 beside 95922 and 95925 beside 95926 said nothing. Now the part's line is noted in price and batch alike, the
sudomotor test 95923 apart, the amounts CMS's fee schedule amounts as billed (RVU26C and the 2026 GPCIs, OHIO
1520200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine import combined_tests
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "45202", "2026-08-03", "1520200"

CLAIMS = [
    (["95924", "95921", "95923"], [False, True, False]),  # the trial's claim
    (["95921", "95922"], [True, True]),  # the trial's other claim: together they are 95924
    (["95924", "95922"], [False, True]),
    (["95924", "95923"], [False, False]),  # the sudomotor test is apart
    (["95921", "95923"], [False, False]),
    (["95930", "95925", "95926"], [False, True, True]),  # the trial's evoked potentials: together they are 95938
    (["95938", "95926"], [False, True]),
    (["95925", "95928"], [False, False]),  # one limb group's sensory and motor studies: each its own code
    (["95939", "95929"], [False, True]),
    (["95928", "95929"], [True, True]),
]


def test_the_codes_are_cms_paid_tests() -> None:
    for code in (*combined_tests.CODES, "95923"):
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14]) == ("A", "XXX"), code


def test_a_part_beside_its_combined_test_or_the_other_part_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = combined_tests.encounter_notes(codes)[codes.index(code)]
        assert (note is not None) is expected, (codes, code)
        said = [n for n in line.notes if "Priced as billed." in n and "bill 959" in n]
        assert said == ([note] if note else []), (codes, code, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if n in said] == said, (codes, row["note"])
        if note:
            assert "; " not in note
        assert line.pfs.non_facility.amount == fee_2026(code, LOCALITY) == _money(row["allowed"])  # as billed
