"""Coronary bypass add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): the venous grafts of a
combined arterial-venous bypass, 33517-33523, with the arterial bypass 33533-33536, never with the vein-only codes
33510-33516, as CMS's RVU file's short descriptors set the families apart ("Cabg artery-vein", "Cabg arterial",
"Cabg vein"). A cardiothoracic trial: `rvucalc price 33510 33517 --zip 77030 --date 2026-10-06 --setting 21` said
nothing; the MAC denies such an add-on (CMS's Type 1 add-on code edits). Now noted, in price and in a batch claim alike;
the amounts stay CMS's fee schedule amounts, recomputed here from CMS's own rows (RVU26C, HOUSTON 0441218)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from cms_fees import fee_2026
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "77030", "2026-09-15", "0441218"  # HOUSTON, TX; RVU26C in force
DATA = Path(__file__).resolve().parents[1] / "data"
VENOUS = ("33517", "33518", "33519", "33521", "33522", "33523")

CLAIMS = [
    (["33533", "33517"], [False, False]),
    (["33536", "33523", "33508"], [False, False, False]),
    (["33534-80", "33519-80"], [False, False]),
    # the trial's claim: a vein-only bypass is no primary of a combined code's venous part
    (["33510", "33517"], [False, True]),
    (["33512", "33519", "33508"], [False, True, False]),
]


def _rows() -> dict[str, list[str]]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return {r[0]: r for r in csv.reader(handle) if len(r) > 25 and r[1] == "" and r[0].startswith("335")}


def _cms_facility(row: list[str]) -> Decimal:
    """The row's facility amount at HOUSTON from CMS's own rows: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF,
    rounded once half-up."""
    return fee_2026(row, LOCALITY, facility=True)


def test_the_families_are_cms_own() -> None:
    rows = _rows()
    for code in VENOUS:
        assert rows[code][14] == "ZZZ" and rows[code][2].startswith(("Cabg artery-vein", "Cabg art-vein")), code
    for code in ("33533", "33534", "33535", "33536"):
        assert rows[code][14] == "090" and rows[code][2].startswith("Cabg arterial"), code
    assert rows["33510"][2] == "Cabg vein single" and rows["33510"][14] == "090"


def test_a_venous_add_on_without_an_arterial_bypass_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    rows = _rows()
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="21"):
        note = without_primary_note(code.split("-")[0], alone=False)
        if code.split("-")[0] in VENOUS:
            assert (note in line.notes) is expected, (codes, code, line.notes)
            assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount
    # 33517 beside 33510: its amount is CMS's, unchanged by the note (33517's multiple procedure indicator is 0)
    line = pricer.price_encounter(["33510", "33517"], zip_code=ZIP, date_of_service=DATE, setting="21").lines[1]
    assert line.pfs.facility.amount == _cms_facility(rows["33517"]) == Decimal("182.05")


def test_the_note_names_the_arterial_codes() -> None:
    for alone in (True, False):
        note = without_primary_note("33519", alone)
        assert "33533-33536" in note and "33510-33516" in note and "; " not in note, note
