"""Needle EMG done with a nerve conduction study on the same date is reported with the add-ons 95885-95887, not the
stand-alone needle EMG codes 95860-95864 or 95870 (CPT since 2012, as AAPC restates it:
``engine.nerve_conduction.encounter_notes``). A physiatry group's trial (Chicago, 2026): 95910 beside 95861 said
nothing. Now the stand-alone line says so, in price and batch alike; the amounts stay as billed, CMS's fee schedule
amounts (RVU26C and the 2026 GPCIs, CHICAGO 0610216)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.nerve_conduction import STAND_ALONE_EMG, encounter_notes
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "60611", "2026-08-11", "0610216"

CLAIMS = [
    (["95910", "95861"], [False, True]),  # the trial's claim
    (["99204-25", "95907", "95860", "95870"], [False, False, True, True]),
    (["95860", "95870"], [False, False]),  # no nerve conduction study: the stand-alone codes are right
    (["95913", "95886", "95885"], [False, False, False]),
    (["64642", "95874", "95861"], [False, False, False]),
]


def test_the_stand_alone_codes_are_not_add_ons_and_the_emg_add_ons_are() -> None:
    for code in STAND_ALONE_EMG:
        assert rvu_2026_row(code)[14] == "XXX", code
    for code in ("95885", "95886", "95887"):
        assert rvu_2026_row(code)[14] == "ZZZ", code


def test_a_stand_alone_emg_beside_a_nerve_conduction_study_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = encounter_notes([(c, ()) for c in codes])[codes.index(code)]
        assert (note is not None) is expected, (codes, code)
        if note is not None:
            assert "; " not in note and "95885 or 95886" in note
            assert line.notes.count(note) == 1, (codes, line.notes)
            assert row["note"].split("; ").count(note) == 1, (codes, row["note"])
        assert not any("needle EMG without a nerve conduction study" in n for n in line.notes) or expected
        assert "needle EMG without a nerve conduction study" not in (row["note"] or "") or expected
        if code in STAND_ALONE_EMG:
            assert line.pfs.non_facility.amount == fee_2026(code, LOCALITY) == _money(row["allowed"])  # as billed
