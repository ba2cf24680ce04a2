"""Two nerve conduction study codes on one claim and date (95907 beside 95910): the session's studies are one count,
billed once with the code whose range holds it (``engine.nerve_conduction.encounter_notes``), as a line of several
units is (test_nerve_conduction_units_are_one_session). A neurology group's trial (Cincinnati, 2026): the two said
nothing. Now each is noted in price and batch alike, the amounts CMS's fee schedule amounts as billed (RVU26C and the
2026 GPCIs, OHIO 1520200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine import nerve_conduction
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "45202", "2026-08-03", "1520200"

STUDY_CLAIMS = [
    (["95907", "95910"], [True, True]),  # the trial's claim
    (["95913", "95886", "95885", "95908"], [True, False, False, True]),
    (["95910", "95886"], [False, False]),  # one study code: the right coding
    (["95910", "95861"], [False, False]),  # the stand-alone EMG's own note, not this one
]


def test_the_study_codes_are_cms_paid_tests_not_add_ons() -> None:
    for code in nerve_conduction.STUDIES:
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14]) == ("A", "XXX"), code


def test_two_nerve_conduction_study_codes_of_one_date_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, STUDY_CLAIMS, ZIP, DATE, setting="11"):
        said = [n for n in line.notes if "nerve conduction study codes billed on this date" in n]
        assert len(said) == int(expected), (codes, code, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if n in said] == said, (codes, row["note"])
        if expected:
            assert "; " not in said[0] and code in said[0]
        assert line.pfs.non_facility.amount == fee_2026(code, LOCALITY) or code in ("95885", "95886")
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount


# A review: two lines of one study code said nothing (95907-RT beside 95907-LT, each hand's 2 studies where the
# session's 4 are 95908, paid once by the bilateral rule's indicator 0), where two codes were noted. A code's 26 and
# TC lines are one study's components, and a 26 line beside its global line is engine.global_component's: not noted.
LINE_CLAIMS = [
    (["95907-RT", "95907-LT"], [True, True]),
    (["95910-26", "95907-26"], [True, True]),  # the hospital's physician's claim
    (["95907-26", "95907-TC"], [False, False]),  # one study's two components
    (["95907", "95907-26"], [False, False]),  # the global pays both: engine.global_component's note
    (["95907-TC", "95910-TC", "95886"], [True, True, False]),  # the technical components' owner's claim
]


def test_two_lines_of_one_study_code_are_noted_its_components_not(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, LINE_CLAIMS, ZIP, DATE, setting="11"):
        lines = [(c.split("-")[0], tuple(c.split("-")[1:])) for c in codes]
        note = nerve_conduction.encounter_notes(lines)[codes.index(code)]
        assert (note is not None) is expected, (codes, code)
        said = [n for n in line.notes if "nerve conduction study codes billed on this date" in n]
        assert said == ([note] if note else []), (codes, code, line.notes)
        assert [n for n in (row["note"] or "").split("; ") if n in said] == said, (codes, row["note"])
        if note:
            assert "; " not in note and note.startswith(code)
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    pair = pricer.price_encounter(["95907-RT", "95907-LT"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert sum(line.pfs.non_facility.amount for line in pair.lines) == fee_2026("95907", LOCALITY)  # paid once
