"""Chemodenervation's add-ons: 64643 and 64645 (each additional extremity) are paid with the first extremity's 64642 or
64644, and the guidance codes 95873 and 95874 with a chemodenervation of muscles (64612, 64615-64617, 64642-64647), on
the same claim and date (``engine.add_ons.SAME_DATE_PRIMARIES``); the guidance is one unit a day
(``engine.add_ons.guidance_units_note``). A physiatry group's trial (Chicago, 2026): 95874 beside 99214-25 and J0585
(the chemodenervation line left off) and 64643 beside a visit alone said nothing, and 95874 x 2 beside 64616-RT and
64616-LT was priced twice with no word. Now each is noted, in price and batch alike; the amounts stay CMS's fee
schedule amounts as billed (RVU26C and the 2026 GPCIs, CHICAGO 0610216)."""

from __future__ import annotations

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import guidance_units_note, without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "60611", "2026-08-11", "0610216"

CLAIMS = [
    (["99214-25", "95874", "J0585-JZ"], [False, True, False]),  # the trial's claim: no chemodenervation line
    (["64616-50", "95874", "J0585-JZ"], [False, False, False]),
    (["64615", "95873"], [False, False]),
    (["99213-25", "64643"], [False, True]),  # an additional extremity without the first
    (["64646", "64643"], [False, True]),  # the trunk is no first extremity
    (["64644", "64643", "95874"], [False, False, False]),
    (["64642", "64645"], [False, False]),
    (["95910", "95874"], [False, True]),  # a nerve conduction study is no chemodenervation
]


def test_the_codes_are_add_ons_and_their_primaries_are_not() -> None:
    for code in ("64643", "64645", "95873", "95874"):
        assert (rvu_2026_row(code)[3], rvu_2026_row(code)[14]) == ("A", "ZZZ"), code
    for code in ("64612", "64615", "64616", "64642", "64644", "64646", "64647"):
        assert rvu_2026_row(code)[14] != "ZZZ", code


def test_an_add_on_without_its_chemodenervation_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        if bare in ("64643", "64645", "95873", "95874"):
            note = without_primary_note(bare, alone=False)
            assert "; " not in note
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            assert line.pfs.non_facility.amount == fee_2026(bare, LOCALITY)  # an add-on: no reduction
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount


@pytest.mark.parametrize("code", ["95873", "95874"])
def test_guidance_of_several_units_is_noted_once_a_day_in_price_and_batch(pricer: Pricer, code: str) -> None:
    encounter = pricer.price_encounter(["64616-50", code], zip_code=ZIP, date_of_service=DATE, units=[1, 2])
    rows = _batch(pricer, [{"claim": "B1", "code": c, "units": u, "zip": ZIP, "date": DATE, "setting": "11"}
                           for c, u in (("64616-50", "1"), (code, "2"), ("64642", "1"), (code, "1"))])  # fmt: skip
    note = guidance_units_note(code, 2)
    assert note is not None and "; " not in note
    assert encounter.lines[1].notes.count(note) == 1, encounter.lines[1].notes
    assert rows[1]["note"].split("; ").count(note) == 1, rows[1]["note"]
    assert "once a day" not in (rows[3]["note"] or "")
    fee = fee_2026(code, LOCALITY)
    assert encounter.lines[1].pfs.non_facility.amount == fee == _money(rows[1]["pfs_non_facility_amount"])
    assert _money(rows[1]["allowed"]) == 2 * fee  # priced as billed
    assert guidance_units_note("64642", 2) is None and guidance_units_note(code, 1) is None
