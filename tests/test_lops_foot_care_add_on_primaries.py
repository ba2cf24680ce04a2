"""G0247 (routine foot care of a diabetic patient with LOPS) without G0245 or G0246 on its date. CMS's RVU file gives
G0247 global period ZZZ ("Routine footcare pt w lops"), and CMS pairs it with the LOPS evaluations G0245 (initial) and
G0246 (follow-up) of the same date (Claims Processing Manual ch. 32 §80, NCD 70.2.1; AAPC's Podiatry Coding Alert
restating CMS: "Report G0247 only in conjunction with either G0245 ... or G0246 ... never alone"). A podiatry trial:
`rvucalc price 99213 G0247 --zip 85016 --date 2026-08-03 --setting 11` said nothing (99213 is no add-on, so the
any-other-code rule was met). Now it is noted, naming G0245 or G0246, in price and in a batch claim alike (one rule:
``engine.add_ons.SAME_DATE_PRIMARIES``); the amounts stay CMS's, recomputed from RVU26C and the 2026 GPCIs."""

from __future__ import annotations

import csv
from pathlib import Path

from cms_fees import fee_2026
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "85016", "2026-08-03", "0310200"  # PHOENIX: ARIZONA (locality 0310200); RVU26C in force
DATA = Path(__file__).resolve().parents[1] / "data"

CLAIMS = [
    (["G0246", "G0247"], [False, False]),  # the follow-up evaluation and its foot care
    (["G0245", "G0247"], [False, False]),
    (["99213", "G0247"], [False, True]),  # the trial's encounter: an office visit is no LOPS evaluation
    (["11721-Q8", "G0247"], [False, True]),
]


def test_g0247_is_an_add_on_in_cms_file() -> None:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        rows = {
            row[0]: row for row in csv.reader(handle) if row and row[0] in {"G0245", "G0246", "G0247"} and not row[1]
        }
    assert rows["G0247"][14] == "ZZZ" and rows["G0245"][14] == rows["G0246"][14] == "XXX"


def test_g0247_without_g0245_or_g0246_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        note = without_primary_note(bare, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
        if bare == "G0247":
            assert line.pfs.non_facility.amount == fee_2026("G0247", LOCALITY)  # the note changes no money


def test_the_note_names_g0245_and_g0246() -> None:
    for alone in (True, False):
        note = without_primary_note("G0247", alone)
        assert "G0245 or G0246" in note and "ch. 32 §80" in note and "; " not in note, note
