"""Trigger point injections are one code a session, chosen by the muscles injected: 20552 (1 or 2 muscles) or 20553 (3
or more), one unit a date, never both (CPT's descriptors, the MACs' Trigger Point Injections billing articles:
``engine.add_ons.LESION_COUNTS``). A physiatry group's trial (Chicago, 2026): 20553 x 3 read "Billed as separate lines
(76, 59), the later ones would be ranked and paid 50%", and 20553 beside 20552 was ranked as two procedures with no
word. Now both are noted, in price and batch alike; the amounts stay as billed, CMS's fee schedule amounts (RVU26C and
the 2026 GPCIs, CHICAGO 0610216), the lower-ranked line at 50%."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import lesion_count_notes, lesion_count_units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "60611", "2026-08-11", "0610216"


def test_the_codes_are_cms_trigger_point_codes() -> None:
    assert rvu_2026_row("20552")[2] == "Njx 1/mlt trigger point 1/2"
    assert rvu_2026_row("20553")[2] == "Njx 1/mlt trigger points 3/>"


@pytest.mark.parametrize("code", ["20552", "20553"])
def test_several_units_are_noted_one_a_session_in_price_and_batch(pricer: Pricer, code: str) -> None:
    single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, units=3, setting="11")
    rows = _batch(pricer, [{"code": code, "units": units, "zip": ZIP, "date": DATE, "setting": "11"} for units in "31"])
    note = lesion_count_units_note(code, 3)
    assert note is not None and "a muscle or an injection" in note and "; " not in note
    assert single.notes.count(note) == 1, single.notes
    assert not any("Billed as separate lines (76, 59)" in n for n in single.notes), single.notes
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "Billed as separate lines (76, 59)" not in rows[0]["note"]
    assert "one unit" not in (rows[1]["note"] or "") and "1 unit a date" not in (rows[1]["note"] or "")
    fee = fee_2026(code, LOCALITY)
    assert single.pfs.non_facility.amount == fee == _money(rows[0]["pfs_non_facility_amount"])
    assert _money(rows[0]["allowed"]) == 3 * fee  # priced as billed


def test_20553_beside_20552_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    codes = ["99213-25", "20553", "20552"]
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="11")
    rows = _batch(pricer, [{"claim": "T1", "code": c, "zip": ZIP, "date": DATE, "setting": "11"} for c in codes])
    notes = lesion_count_notes(["99213", "20553", "20552"])
    assert notes[0] is None and notes[2] is None and notes[1] is not None and "20552 is billed beside it" in notes[1]
    assert encounter.lines[1].notes.count(notes[1]) == 1, encounter.lines[1].notes
    assert rows[1]["note"].split("; ").count(notes[1]) == 1, rows[1]["note"]
    assert notes[1] not in rows[2]["note"] and notes[1] not in encounter.lines[2].notes
    higher, lower = fee_2026("20553", LOCALITY), fee_2026("20552", LOCALITY)
    assert encounter.lines[1].pfs.non_facility.amount == higher == _money(rows[1]["allowed"])
    half = (lower / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)  # ranked second: 50% (ch. 12 §40.6)
    assert _money(rows[2]["allowed"]) == encounter.lines[2].pfs.non_facility.amount == half
    assert lesion_count_notes(["20553", "20610"]) == [None, None]
