"""0671T (a trabecular meshwork drainage device "without concomitant cataract removal", CPT's descriptor) beside a
cataract removal of the same eye (``engine.migs_with_cataract``): the device with 66984's cataract removal is 66991,
with 66982's 66989, and 66989/66991 already include it. An ophthalmology trial: an ASC claim of 66984-RT + 0671T-RT at
ZIP 33136 was priced as two procedures (0671T's device-intensive rate in full, 66984 at 50%) with no word. Now the
0671T line is noted, in price and a batch claim alike, unless LT and RT put the pair on different eyes; the amounts
stay CMS's: the PFS facility amounts recomputed from RVU26C and the 2026 GPCIs (MIAMI 0910204), the ASC rates from the
July 2026 Addendum AA, FF and the ASC wage index."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.migs_with_cataract import device_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways
from test_facility_lines_of_several_units import _addendum_aa_rate, _rounded

ZIP, DATE, LOCALITY = "33136", "2026-09-14", "0910204"  # MIAMI, FL; RVU26C and the July 2026 ASC addenda in force

# (codes, the cataract code each line's note names, or None)
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["66984-RT"], [None]),
    (["0671T-RT"], [None]),
    (["66991-RT"], [None]),
    # the trial's claim: the device beside the routine cataract removal of the same eye
    (["66984-RT", "0671T-RT"], [None, "66984"]),
    (["0671T", "66982"], ["66982", None]),  # no side named: it may be the same eye
    (["66991-LT", "0671T-LT"], [None, "66991"]),
    (["0671T-50", "66989-RT"], ["66989", None]),
    # the other eye: no note
    (["66984-RT", "0671T-LT"], [None, None]),
    (["66991-LT", "0671T-RT"], [None, None]),
]


def test_the_codes_are_cms_cataract_and_device_codes() -> None:
    """RVU26C: 66982, 66984, 66989, 66991 are priced 090-day procedures, 0671T a contractor-priced (C) one."""
    for code in ("66982", "66984", "66989", "66991"):
        row = rvu_2026_row(code)
        assert (row[3], row[14]) == ("A", "090"), code
    assert rvu_2026_row("0671T")[3] == "C"


def _lines(pricer: Pricer) -> Iterator[tuple[list[str], str, Any, dict[str, Any], str | None]]:
    claims = [(codes, [said is not None for said in beside]) for codes, beside in CLAIMS]
    named = iter(said for _, beside in CLAIMS for said in beside)
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="24"):
        yield codes, code, line, row, next(named)


def test_0671t_beside_a_cataract_removal_of_the_same_eye_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    checked = 0
    for codes, code, line, row, cataract in _lines(pricer):
        notes = (row["note"] or "").split("; ")
        if cataract is None:
            assert not any(note.startswith("0671T (aqueous") for note in line.notes), (codes, code)
            assert not any(note.startswith("0671T (aqueous") for note in notes), (codes, code)
        else:
            note = device_note(cataract)
            assert note in line.notes, (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["asc_rate"]) == line.asc.rate  # price and batch: the same money
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount
    assert checked == 4


def test_the_amounts_stay_cms_rates(pricer: Pricer) -> None:
    """The note changes no amount: the trial's pair is priced as billed, the physician's 66984 at its facility fee
    schedule amount (0671T's is the MAC's), the ASC's 66984 at 50% of its wage-adjusted Addendum AA rate (0671T, the
    device-intensive J8 code, ranks first)."""
    encounter = pricer.price_encounter(["66984-RT", "0671T-RT"], zip_code=ZIP, date_of_service=DATE, setting="24")
    cataract, device = encounter.lines
    assert cataract.pfs.facility.fee_schedule_amount == fee_2026("66984", LOCALITY, facility=True)
    wage_index = Fraction(str(encounter.location.wage_index))
    assert wage_index == Fraction("0.9669")  # CY2026 ASC wage index, CBSA 33124
    full = _rounded(_addendum_aa_rate("66984") * (Fraction(1, 2) * wage_index + Fraction(1, 2)))
    assert cataract.asc.rate == _rounded(Fraction(full) / 2)
    assert device.asc.rate > full


def test_the_note_names_the_descriptor_and_the_combined_code() -> None:
    for cataract, combined in (("66984", "66991"), ("66982", "66989")):
        note = device_note(cataract)
        assert "'without concomitant cataract removal'" in note and f"reported with {combined}" in note
        assert "; " not in note
    assert "66991 already includes inserting the device" in device_note("66991")
