"""Chemotherapy administration add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): the
additional sequential infusion 96417 and the additional push 96411 follow the encounter's initial chemotherapy service,
96413 (infusion) or 96409 (push). An oncology trial: a claim of 99214-25, 96417 and paclitaxel J9267 (the first
chemotherapy infusion not billed) and `rvucalc price 96411 96365` said nothing, where the MAC denies such an add-on
(CMS's Type 1 add-on code edits). Now noted, in price and in a batch claim alike; the amounts stay CMS's fee schedule
amounts, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, HOUSTON 0441218)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from cms_fees import fee_2026
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "77030", "2026-09-15", "0441218"  # HOUSTON, TX; RVU26C in force
ADD_ON_PART = " is an add-on code (global period ZZZ"
DATA = Path(__file__).resolve().parents[1] / "data"

CLAIMS = [
    # with the initial chemotherapy service: no note
    (["96413", "96417"], [False, False]),
    (["96409", "96411"], [False, False]),
    (["96413", "96415", "96417", "96411", "J9267"], [False, False, False, False, False]),
    (["96409", "96417"], [False, False]),
    # the trial's claim: a visit and the drug are no primary of 96417
    (["99214-25", "96417", "J9267"], [False, True, False]),
    # a therapeutic infusion or push is no initial chemotherapy service
    (["96365", "96411"], [False, True]),
    (["96374", "96417", "96411"], [False, True, True]),
]


def _rows() -> dict[str, list[str]]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return {r[0]: r for r in csv.reader(handle) if len(r) > 25 and r[1] == "" and r[0].startswith("96")}


def _cms_office(row: list[str]) -> Decimal:
    """The row's non-facility amount at HOUSTON from CMS's own rows: (work x GPCI + PE x GPCI + MP x GPCI) x CF,
    rounded once half-up."""
    return fee_2026(row, LOCALITY)


def test_the_add_ons_are_cms_own() -> None:
    rows = _rows()
    for code in ("96417", "96411"):
        assert (rows[code][3], rows[code][14]) == ("A", "ZZZ"), code
    for code in ("96413", "96409"):
        assert (rows[code][3], rows[code][14]) == ("A", "XXX"), code


def test_a_chemotherapy_add_on_without_an_initial_chemotherapy_service_is_noted_in_price_and_batch(
    pricer: Pricer,
) -> None:
    rows = _rows()
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        if bare not in ("96417", "96411"):
            continue
        note = without_primary_note(bare, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in (row["note"] or "")) is expected, (codes, code, row["note"])
        # the amount is CMS's, unchanged by the note
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == _cms_office(rows[bare])


def test_the_note_names_the_initial_services() -> None:
    for code in ("96417", "96411"):
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert "96413" in note and "96409" in note and "; " not in note, note
