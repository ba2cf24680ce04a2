"""Three units or more of a bilateral code (bilateral indicator 1) without a side: a hand surgery group's trial billed
20550 x 3 (three trigger fingers' tendon sheath injections) and was told "Bill it with 50 and 1 unit", which would
have billed three sites as one bilateral procedure at 150% of one side. More units than two are no pair (CMS's RVU
file documentation pays a code "reported twice on the same day" as one bilateral procedure): the note says so and
that separate sites are billed on lines of their own (a finger with its digit's modifier, FA-F9), ranked by the
multiple procedure rule. The amounts stay units x CMS's fee schedule amount, in price and batch alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "63110", "2026-08-03", "0530201"  # St. Louis: RVU26C in force


@pytest.mark.parametrize(("code", "units"), [("20550", 3), ("20600", 4), ("20604", 3)])
def test_units_beyond_two_sides_are_not_told_to_bill_50(pricer: Pricer, code: str, units: int) -> None:
    assert (rvu_2026_row(code)[19], rvu_2026_row(code)[18]) == ("1", "2")  # bilateral 1, multiple procedure 2
    single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, units=units, setting="11")
    [row] = _batch(pricer, [{"code": code, "units": str(units), "zip": ZIP, "date": DATE, "setting": "11"}])
    said = [note for note in single.notes if "units of a bilateral code" in note]
    assert len(said) == 1 and said[0] in row["note"], (single.notes, row["note"])
    assert "more than the two sides" in said[0] and "FA-F9" in said[0]
    assert "Bill it with 50" not in said[0]
    fee = fee_2026(code, LOCALITY)
    assert single.pfs.non_facility.amount == fee == _money(row["pfs_non_facility_amount"])
    assert _money(row["allowed"]) == units * fee


def test_two_units_stay_one_bilateral_procedure(pricer: Pricer) -> None:
    """2 units without a side are still CMS's one bilateral procedure, 150% of one side, with no units note."""
    single = pricer.price("20550", zip_code=ZIP, date_of_service=DATE, units=2, setting="11")
    assert not any("units of a bilateral code" in note for note in single.notes)
    assert single.sites[0].total == (fee_2026("20550", LOCALITY) * 3 / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
