"""A bone marrow aspiration billed beside its biopsy (``engine.bone_marrow``): since CPT 2018 one session's biopsy and
aspiration is 38222, and the NCCI Policy Manual says CMS does not pay 38220 separately with 38221 on the same bone at
one encounter (59 for separate sites or encounters). An oncology trial: `rvucalc price 38221 38220 99214-25 --zip
77030` priced both (38221 at 50%) with no word. Now the lower code of the pair is noted, in price and in a batch claim
alike, unless 59, an X modifier or 50 says the sites differ; the amounts stay CMS's fee schedule amounts, recomputed
here from CMS's own rows (RVU26C and the 2026 GPCIs, HOUSTON 0441218)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from cms_fees import fee_2026
from rvucalc.engine.bone_marrow import encounter_notes, pair_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "77030", "2026-09-15", "0441218"  # HOUSTON, TX; RVU26C in force
DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")

# (codes, the code each line's note names as billed beside it, or None)
CLAIMS: list[tuple[list[str], list[str | None]]] = [
    (["38222"], [None]),
    (["38221"], [None]),
    (["38222", "99214-25"], [None, None]),
    # the trial's claim
    (["38221", "38220", "99214-25"], [None, "38221", None]),
    (["38220", "38221"], ["38221", None]),
    (["38222", "38221"], [None, "38222"]),
    (["38220", "38222"], ["38222", None]),
    # separate sites or encounters, or a bilateral procedure: no note
    (["38221", "38220-59"], [None, None]),
    (["38221-XS", "38220"], [None, None]),
    (["38222", "38220-XE"], [None, None]),
    (["38222-50"], [None]),
]


def _rows() -> dict[str, list[str]]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return {r[0]: r for r in csv.reader(handle) if len(r) > 25 and r[1] == "" and r[0].startswith("3822")}


def _cms_office(row: list[str]) -> Decimal:
    """The row's non-facility amount at HOUSTON from CMS's own rows: (work x GPCI + PE x GPCI + MP x GPCI) x CF,
    rounded once half-up."""
    return fee_2026(row, LOCALITY)


def test_the_three_codes_are_cms_own() -> None:
    rows = _rows()
    assert rows["38220"][2] == "Dx bone marrow aspirations" and rows["38221"][2] == "Dx bone marrow biopsies"
    assert rows["38222"][2] == "Dx bone marrow bx & aspir"
    for code in ("38220", "38221", "38222"):
        assert (rows[code][3], rows[code][14], rows[code][18]) == ("A", "XXX", "2"), code


def test_an_aspiration_beside_its_biopsy_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    checked = 0
    for codes, code, line, row, beside in _lines(pricer):
        bare = code.split("-")[0]
        notes = (row["note"] or "").split("; ")
        if beside is None:
            assert not any("bone marrow" in note and "on this claim and date" in note for note in line.notes), codes
            assert not any("bone marrow" in note and "on this claim and date" in note for note in notes), codes
        else:
            note = pair_note(bare, beside)
            assert note in line.notes, (codes, code, line.notes)
            assert note in notes, (codes, code, row["note"])
            checked += 1
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    assert checked == 4


def _lines(pricer: Pricer) -> Iterator[tuple[list[str], str, Any, dict[str, Any], str | None]]:
    claims = [(codes, [said is not None for said in beside]) for codes, beside in CLAIMS]
    named = iter(said for _, beside in CLAIMS for said in beside)
    for codes, code, line, row, _ in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        yield codes, code, line, row, next(named)


def test_the_amounts_stay_cms_fee_schedule_amounts(pricer: Pricer) -> None:
    """The note changes no amount: the pair is priced as billed, the lower-paid one at 50% of its rounded fee."""
    rows = _rows()
    aspiration, biopsy = _cms_office(rows["38220"]), _cms_office(rows["38221"])
    encounter = pricer.price_encounter(["38221", "38220"], zip_code=ZIP, date_of_service=DATE, setting="11")
    amounts = {line.code: line.pfs.non_facility.amount for line in encounter.lines}
    high, low = (aspiration, biopsy) if aspiration >= biopsy else (biopsy, aspiration)
    assert sorted(amounts.values()) == sorted([high, (low / 2).quantize(CENT, ROUND_HALF_UP)])
    alone = pricer.price("38222", zip_code=ZIP, date_of_service=DATE, setting="11")
    assert alone.pfs.non_facility.amount == _cms_office(rows["38222"])


def test_the_note_names_38222_and_the_modifiers() -> None:
    for code, beside in (("38220", "38221"), ("38221", "38222"), ("38220", "38222")):
        note = pair_note(code, beside)
        assert "38222" in note and "59" in note and "XS" in note and "; " not in note, note
    assert encounter_notes([("38221", ()), ("38220", ("59",))]) == [None, None]
