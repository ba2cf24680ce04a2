"""A debridement depth's or a skin substitute graft site's first area code (11042-11044 and 97597 "first 20 sq cm or
less", 15271 and 15275 "first 25 sq cm or less", 15273 and 15277 "first 100 sq cm") is one unit a date of service: the
areas of the wounds of one depth or site are summed, the area beyond the first billed as the add-on (11045-11047,
97598, 15272-15278). A wound care trial (Oklahoma City, 2026): `price 11042 --units 2` (two wounds) was told only the
multiple procedure rule's "your MAC may pay the units so", 97597 x 2 and 15271 x 2 nothing. Now such a line is noted
in price and batch alike (``engine.add_ons.area_first_units_note``), priced as billed: units x CMS's fee schedule
amount (RVU26C and the 2026 GPCIs, OKLAHOMA 0431200)."""

from __future__ import annotations

import pytest

from cms_fees import fee_2026
from rvucalc.engine.add_ons import AREA_FIRST_UNITS, area_first_units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "73112", "2026-08-21", "0431200"


@pytest.mark.parametrize("code", sorted(AREA_FIRST_UNITS))
def test_a_first_area_code_of_several_units_is_noted_in_price_and_batch(pricer: Pricer, code: str) -> None:
    single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting="11", units=2)
    rows = _batch(pricer, [{"claim": f"W{units}", "code": code, "units": str(units), "zip": ZIP, "date": DATE,
                            "setting": "11"} for units in (2, 1)])  # fmt: skip
    note = area_first_units_note(code, 2)
    assert note is not None and "; " not in note and f"billed as {AREA_FIRST_UNITS[code]}, its add-on" in note
    assert single.notes.count(note) == 1, single.notes
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "units of" not in (rows[1]["note"] or "")
    fee = fee_2026(code, LOCALITY)
    assert single.pfs.non_facility.amount == fee == _money(rows[0]["pfs_non_facility_amount"])
    assert _money(rows[0]["allowed"]) == 2 * fee  # priced as billed
    assert area_first_units_note(AREA_FIRST_UNITS[code], 2) is None and area_first_units_note(code, 1) is None
