"""The combined autonomic test 95924 beside its parts 95921 or 95922, or 95921 beside 95922, on one claim and date (CPT:
"Do not report 95922 in conjunction with 95921", "Do not report 95924 in conjunction with 95921 or 95922";
``engine.autonomic``). A neurology group's trial (Cleveland, 2026): both claims said nothing. Now the part's line is
noted in price and batch alike, the sudomotor test 95923 apart, the amounts CMS's fee schedule amounts as billed (RVU26C
and the 2026 GPCIs, OHIO 1520200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine import autonomic
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "45202", "2026-08-03", "1520200"

AUTONOMIC_CLAIMS = [
    (["95924", "95921", "95923"], [False, True, False]),  # the trial's claim
    (["95921", "95922"], [True, True]),  # the trial's other claim: together they are 95924
    (["95924", "95922"], [False, True]),
    (["95924", "95923"], [False, False]),  # the sudomotor test is apart
    (["95921", "95923"], [False, False]),
]


def test_the_autonomic_codes_are_cms_paid_tests() -> None:
    for code in (*autonomic.CODES, "95923"):
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14]) == ("A", "XXX"), code


def test_autonomic_parts_beside_the_combined_test_or_each_other_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, AUTONOMIC_CLAIMS, ZIP, DATE, setting="11"):
        note = autonomic.encounter_notes(codes)[codes.index(code)]
        assert (note is not None) is expected, (codes, code)
        said = [n for n in line.notes if "95924" in n and "CPT says" in n]
        assert said == ([note] if note else []), (codes, code, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if "CPT says" in n] == said, (codes, row["note"])
        assert line.pfs.non_facility.amount == fee_2026(code, LOCALITY) == _money(row["allowed"])  # as billed
