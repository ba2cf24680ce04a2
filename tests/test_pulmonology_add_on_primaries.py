"""Bronchoscopy add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): transbronchial lung biopsy,
each additional lobe (31632 with 31628) and transbronchial needle aspiration biopsy, each additional lobe (31633 with
31629), as CMS's RVU file's short descriptors pair them ("Bronchoscopy/lung bx each", "Bronchoscopy/lung bx addl").
A pulmonology trial: `rvucalc price 31632 31625 --zip 30322 --date 2025-08-05 --setting 22` (an endobronchial biopsy,
no transbronchial biopsy of a first lobe) said nothing; the MAC denies such an add-on (CMS's Type 1 add-on code edits).
Now each is noted, naming its primary, in price and in a batch claim alike; the amounts stay CMS's fee schedule
amounts, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, ATLANTA 1021201)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from cms_fees import fee_2026
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "30309", "2026-09-15", "1021201"  # ATLANTA, GA; RVU26C in force
ADD_ON_PART = " is an add-on code (global period ZZZ"
DATA = Path(__file__).resolve().parents[1] / "data"

CLAIMS = [
    # with their primaries: no note
    (["31628", "31632"], [False, False]),
    (["31629", "31633"], [False, False]),
    (["31652", "31628", "31632", "31627"], [False, False, False, False]),
    (["31628", "31629", "31632", "31633"], [False, False, False, False]),
    # the trial's encounter: an endobronchial biopsy is no primary of 31632, nor EBUS of 31633, nor 31628 of 31633
    (["31625", "31632"], [False, True]),
    (["31652", "31633"], [False, True]),
    (["31628", "31633"], [False, True]),
    (["99214-25", "31629", "31632"], [False, False, True]),
]


def _cms_office(code: str) -> Decimal:
    """The code's global row's non-facility amount at ATLANTA from CMS's own rows: (work x GPCI + PE x GPCI + MP x
    GPCI) x CF, rounded once half-up."""
    return fee_2026(code, LOCALITY)


def test_a_bronchoscopy_add_on_without_its_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        note = without_primary_note(bare, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in (row["note"] or "")) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount


def test_the_note_names_the_primary() -> None:
    for code, primary in (("31632", "31628 (bronchoscopy with transbronchial lung biopsy, first lobe)"),
                          ("31633", "31629 (bronchoscopy with transbronchial needle aspiration biopsy")):  # fmt: skip
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert primary in note and "the MAC denies it" in note and "; " not in note, note


def test_the_add_ons_are_zzz_in_cms_file_and_their_amounts_are_cms_own(pricer: Pricer) -> None:
    """31632 $69.97 and 31633 $87.73 at ATLANTA (RVU26C): (1.00 x 1.003 + 0.98 x 1.016 + 0.08 x 1.201) x 33.4009 and
    (1.29 x 1.003 + 1.17 x 1.016 + 0.12 x 1.201) x 33.4009, unchanged by the note."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        rows = {r[0]: r for r in csv.reader(handle) if r[:1] and r[0] in {"31632", "31633"} and r[1] == ""}
    assert {code: row[14] for code, row in rows.items()} == {"31632": "ZZZ", "31633": "ZZZ"}
    assert _cms_office("31632") == Decimal("69.97") and _cms_office("31633") == Decimal("87.73")
    (row,) = _batch(pricer, [{"code": "31632", "zip": ZIP, "date": DATE, "setting": "11"}])
    assert row["note"].split("; ").count(without_primary_note("31632", alone=True)) == 1, row["note"]
    assert _money(row["pfs_non_facility_amount"]) == Decimal("69.97")
    line = pricer.price_encounter(["31625", "31632"], zip_code=ZIP, date_of_service=DATE, setting="11").lines[1]
    assert line.pfs.non_facility.amount == _cms_office("31632")
