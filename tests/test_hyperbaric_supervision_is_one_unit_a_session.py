"""99183 (physician attendance and supervision of hyperbaric oxygen therapy) is "per session": one unit whatever the
session's length, the chamber's 30-minute intervals being the hospital's G0277 units. A wound care trial (Oklahoma
City, 2026): the physician's claim billed 99183 x 4 (the hospital's G0277 units of a two-hour session) and was priced
as four sessions with no word. Now a 99183 line of several units is noted in price and batch alike
(``engine.facility_codes.hyperbaric_units_note``), priced as billed: units x CMS's fee schedule amount (RVU26C and the
2026 GPCIs, OKLAHOMA 0431200)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.facility_codes import hyperbaric_units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "73104", "2026-08-21", "0431200"
DATE_2025 = "2025-11-03"  # the installed OPPS (October 2025 Addendum B)


def test_99183_is_the_physician_s_code_and_g0277_the_chamber_s_in_cms_file() -> None:
    assert (rvu_2026_row("99183")[3], rvu_2026_row("99183")[13]) == ("A", "2")  # professional only
    assert (rvu_2026_row("G0277")[3], rvu_2026_row("G0277")[13]) == ("A", "3")  # technical only


@pytest.mark.parametrize("setting", ["11", "22"])
def test_99183_of_several_units_is_noted_once_a_session_in_price_and_batch(pricer: Pricer, setting: str) -> None:
    facility = setting == "22"
    single = pricer.price("99183", zip_code=ZIP, date_of_service=DATE, setting=setting, units=4)
    rows = _batch(pricer, [{"claim": f"H{units}", "code": "99183", "units": str(units), "zip": ZIP, "date": DATE,
                            "setting": setting} for units in (4, 1)])  # fmt: skip
    note = hyperbaric_units_note("99183", 4)
    assert note is not None and "; " not in note and "4 times one 99183" in note
    assert single.notes.count(note) == 1, single.notes
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "once a session" not in (rows[1]["note"] or "")
    fee = fee_2026("99183", LOCALITY, facility=facility)
    pfs = single.pfs.facility if facility else single.pfs.non_facility
    column = "pfs_facility_amount" if facility else "pfs_non_facility_amount"
    assert pfs.amount == fee == _money(rows[0][column])
    assert _money(rows[0]["professional_allowed"]) == 4 * fee  # priced as billed
    assert hyperbaric_units_note("G0277", 4) is None and hyperbaric_units_note("99183", 1) is None


def test_99183_on_the_hospital_s_own_bill_has_no_units_note(
    pricer: Pricer, addendum_b: dict[str, tuple[str, Decimal | None]]
) -> None:
    """On the hospital's own bill (type of bill 13x) 99183 is status B, the line saying to bill G0277: the physician's
    one-unit-a-session note beside it was redundant (a review's TOB 131 row of 99183 x 4, ZIP 73104). Price and batch
    alike; the practitioner's claim (POS 22) keeps it (above)."""
    single = pricer.price("99183", zip_code=ZIP, date_of_service=DATE_2025, setting="131", units=4)
    (row,) = _batch(pricer, [{"claim": "T", "code": "99183", "units": "4", "zip": ZIP, "date": DATE_2025,
                              "setting": "131"}])  # fmt: skip
    note = hyperbaric_units_note("99183", 4)
    assert note not in single.notes and note not in (row["note"] or "").split("; ")
    assert addendum_b["99183"][0] == single.opps.status_indicator == "B"
    assert addendum_b["G0277"][0] == "S"
    assert any("bills G0277" in said for said in single.notes + [site.reason or "" for site in single.sites])
    assert "bills G0277" in (row["note"] or "")
    physician = pricer.price("99183", zip_code=ZIP, date_of_service=DATE_2025, setting="22", units=4)
    assert note in physician.notes  # the practitioner's claim keeps it
    assert single.pfs.facility.amount == physician.pfs.facility.amount == _money(row["pfs_facility_amount"])
