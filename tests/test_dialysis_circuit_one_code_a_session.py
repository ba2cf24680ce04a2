"""Dialysis circuit interventions are one code a session (``engine.dialysis_circuit``): CPT's 36901-36906 hierarchy
(36902 includes 36901, 36903 includes 36902, 36904-36906 the same with thrombectomy), 36908 includes 36907, and each
of 36901-36909 is billed once a session with 1 unit (CPT's guidelines, as AAPC's Radiology Coding Alert and MedLearn
Media restate them). A dialysis access center's trial claim priced 36901 beside 36902, 36907 beside 36908 and 36909
x 2 with no word. Now each such line is noted, in price and in a batch claim alike, unless 59/XS or LT and RT say
separate circuits; the amounts stay CMS's, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, ATLANTA
1021201)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.dialysis_circuit import central_note, peripheral_note, units_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "30303", "2026-09-08", "1021201"  # Atlanta: RVU26C in force

# (codes, each line's expected note, or None)
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["36902-LT", "36907", "99152"], [None, None, None]),
    (["36905-RT", "36908", "36909"], [None, None, None]),
    # the trial's claims: the diagnostic angiography beside the angioplasty, central angioplasty beside its stent
    (["36901-LT", "36902-LT"], [peripheral_note("36901", ["36902"]), None]),
    (["36903", "36907", "36908"], [None, central_note(), None]),
    # neither includes the other: the session is 36905, both lines said
    (["36902", "36904"], [peripheral_note("36902", ["36904"]), peripheral_note("36904", ["36902"])]),
    (
        ["36901", "36902", "36906"],
        [peripheral_note("36901", ["36902", "36906"]), peripheral_note("36902", ["36901", "36906"]), None],
    ),
    # separate circuits (another side, 59 or XS): no note
    (["36901-LT", "36902-RT"], [None, None]),
    (["36901-59", "36902"], [None, None]),
    (["36907-XS", "36908"], [None, None]),
]


def test_the_codes_are_cms_dialysis_circuit_rows() -> None:
    """CMS's RVU file: 36901-36906 are the circuit's base codes (global 000, multiple procedure indicator 2),
    36907-36909 its add-ons (ZZZ)."""
    for code in ("36901", "36902", "36903", "36904", "36905", "36906"):
        row = rvu_2026_row(code)
        assert (row[3], row[14], row[18]) == ("A", "000", "2"), code
        assert "dialysis circuit" in row[2], row[2]
    for code in ("36907", "36908", "36909"):
        assert rvu_2026_row(code)[14] == "ZZZ", code


def test_one_session_s_codes_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    claims = [(codes, [said is not None for said in notes]) for codes, notes in CLAIMS]
    expected = iter(note for _, notes in CLAIMS for note in notes)
    checked = 0
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        note = next(expected)
        notes = (row["note"] or "").split("; ")
        if note is None:
            assert not any("dialysis circuit's session" in n or "central segment (" in n for n in line.notes), codes
            assert not any("dialysis circuit's session" in n or "central segment (" in n for n in notes), codes
        else:
            assert line.notes.count(note) == 1, (codes, code, line.notes)
            assert notes.count(note) == 1, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount, (codes, code)
        assert _money(row["office_allowed"]) == next(s.total for s in line.sites if s.setting == "office")
    assert checked == 6


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The notes change no amount: the trial's 36901 beside 36902 is still ranked by the multiple procedure rule (50%),
    36907 beside 36908 paid in full, as CMS's fee schedule amounts."""
    angiography, angioplasty = pricer.price_encounter(["36901", "36902"], zip_code=ZIP, date_of_service=DATE,
                                                      setting="11").lines  # fmt: skip
    assert angioplasty.pfs.non_facility.amount == fee_2026("36902", LOCALITY)
    half = (fee_2026("36901", LOCALITY) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert angiography.pfs.non_facility.amount == half
    central = pricer.price_encounter(["36903", "36907", "36908"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert [line.pfs.non_facility.amount for line in central.lines] == [
        fee_2026(code, LOCALITY) for code in ("36903", "36907", "36908")
    ]


@pytest.mark.parametrize("code", ["36902", "36907", "36908", "36909"])
def test_several_units_are_one_session_s_in_price_and_batch(pricer: Pricer, code: str) -> None:
    single = pricer.price(code, zip_code=ZIP, date_of_service=DATE, units=2, setting="11")
    rows: list[dict[str, Any]] = _batch(
        pricer, [{"code": code, "units": units, "zip": ZIP, "date": DATE, "setting": "11"} for units in "21"]
    )
    note = units_note(code, 2)
    assert note is not None and single.notes.count(note) == 1, single.notes
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "once a session" not in (rows[1]["note"] or "")
    fee = fee_2026(code, LOCALITY)
    assert single.pfs.non_facility.amount == fee == _money(rows[0]["pfs_non_facility_amount"])
    assert _money(rows[0]["allowed"]) == 2 * fee


def test_other_codes_units_are_not_said() -> None:
    assert units_note("36558", 2) is None and units_note("36909", 1) is None
