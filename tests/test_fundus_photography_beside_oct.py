"""Fundus photography beside an OCT, and both posterior segment OCTs at one encounter (``engine.ophthalmic_imaging``).

The NCCI Policy Manual (ch. 11) calls 92250 and the computerized ophthalmic imaging codes 92132-92134 generally
mutually exclusive, 92250 payable beside them only with 59; CPT says do not report 92133 and 92134 at the same patient
encounter. An optometry trial: `rvucalc price 92004 92250 92134 --zip 85016` priced 92250 in full (and 92134 with the
ophthalmology TC cut) with no word of the edit, and `92133 92134` both. Now 92250 without 59 or an X modifier beside an
OCT is noted, and so are 92133 and 92134 together, in price and a batch claim alike; the amounts stay CMS's fee
schedule amounts, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, ARIZONA 0310200)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from cms_fees import DATA, fee_2026, rvu_2026_row
from rvucalc.engine.ophthalmic_imaging import OPTIC_NERVE_AND_RETINA_NOTE, encounter_notes, fundus_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "85016", "2026-09-14", "0310200"  # PHOENIX, AZ; RVU26C in force
CENT = Decimal("0.01")

# (codes, each line's expected note: "fundus" (with the OCT it names), "both", or None)
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["92004", "92250"], [None, None]),
    (["92014", "92134"], [None, None]),
    # the trial's claim
    (["92004", "92250", "92134"], [None, "fundus 92134", None]),
    (["92133", "92250"], [None, "fundus 92133"]),
    (["92250", "92132"], ["fundus 92132", None]),
    (["92133", "92134"], ["both", "both"]),
    (["92014", "92134", "92133", "92083"], [None, "both", "both", None]),
    # 59 or an X modifier on 92250: both were necessary on the same eye, no note
    (["92250-59", "92134"], [None, None]),
    (["92134", "92250-XU"], [None, None]),
]


def _expected(said: str | None) -> str | None:
    if said is None:
        return None
    if said == "both":
        return OPTIC_NERVE_AND_RETINA_NOTE
    return fundus_note(said.split()[1])


def _lines(pricer: Pricer) -> Iterator[tuple[list[str], str, Any, dict[str, Any], str | None]]:
    claims = [(codes, [said is not None for said in named]) for codes, named in CLAIMS]
    expected = iter(_expected(said) for _, named in CLAIMS for said in named)
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        yield codes, code, line, row, next(expected)


def test_the_codes_are_cms_own_diagnostic_ophthalmology_tests() -> None:
    """RVU26C: each a status A test of PC/TC indicator 1 and multiple procedure indicator 7 (the ophthalmology TC
    reduction) whose RVUs already pay both eyes (bilateral indicator 2)."""
    for code in ("92132", "92133", "92134", "92250"):
        row = rvu_2026_row(code)
        assert (row[3], row[13], row[18], row[19]) == ("A", "1", "7", "2"), code


def test_fundus_photography_beside_an_oct_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    checked = 0
    for codes, code, line, row, note in _lines(pricer):
        notes = (row["note"] or "").split("; ")
        ours = [said for said in line.notes if "NCCI" in said and ("92250" in said or "92133" in said)]
        if note is None:
            assert ours == [], (codes, code, line.notes)
            assert not any(said in notes for said in (OPTIC_NERVE_AND_RETINA_NOTE, fundus_note("92134"))), codes
        else:
            assert ours == [note], (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount, (codes, code)
    assert checked == 7


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: 92250 and 92134 are priced as billed, the lower technical component cut 20% (the
    ophthalmology multiple procedure rule) from CMS's own rounded rows."""
    encounter = pricer.price_encounter(["92004", "92250", "92134"], zip_code=ZIP, date_of_service=DATE, setting="11")
    amounts = {line.code: line.pfs.non_facility.amount for line in encounter.lines}
    assert amounts["92004"] == fee_2026("92004", LOCALITY)
    assert amounts["92250"] == fee_2026("92250", LOCALITY)
    technical = fee_2026(_row("92134", "TC"), LOCALITY)
    cut = (technical * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
    assert amounts["92134"] == fee_2026("92134", LOCALITY) - cut


def _row(code: str, modifier: str) -> tuple[str, ...]:
    """RVU26C's row of the code and modifier."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]))


def test_the_notes_name_the_modifier_and_join_in_batch() -> None:
    for note in (fundus_note("92133"), OPTIC_NERVE_AND_RETINA_NOTE):
        assert "; " not in note, note
    assert "59" in fundus_note("92134") and "denies 92250" in fundus_note("92134")
    assert encounter_notes([("92250", ("XS",)), ("92133", ())]) == [None, None]
    assert encounter_notes([("92250", ()), ("92083", ())]) == [None, None]
