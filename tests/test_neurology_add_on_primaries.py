"""Neurology add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): the needle EMG add-ons done
with a nerve conduction study (95885, 95886, 95887 with 95907-95913: CMS's RVU file's descriptors, "Musc test done w/n
test comp") and brain neurostimulator programming's each additional 15 minutes (95984 with 95983). A neurology trial:
`rvucalc price 95870 95886 --zip 60611 --date 2026-09-15 --setting office` (a needle EMG add-on beside a stand-alone
EMG, no nerve conduction study) and `price 99214 95984` said nothing; the MAC denies such an add-on (CMS's Type 1
add-on code edits). Now each is noted, naming its primary, in price and in a batch claim alike; the amounts stay CMS's
fee schedule amounts, recomputed here from CMS's own rows (RVU26C and the 2026 GPCIs, CHICAGO 0610216)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "60611", "2026-09-15", "0610216"  # CHICAGO, IL; RVU26C in force
ADD_ON_PART = " is an add-on code (global period ZZZ"
DATA = Path(__file__).resolve().parents[1] / "data"

CLAIMS = [
    # with their primaries: no note
    (["95908", "95886", "95885"], [False, False, False]),
    (["95913", "95886", "95887"], [False, False, False]),
    (["95907-26", "95886-26"], [False, False]),
    (["95983", "95984"], [False, False]),
    (["99214-25", "95983", "95984"], [False, False, False]),
    # the trial's encounters: a stand-alone needle EMG, a visit, a spinal neurostimulator's programming are no primary
    (["95870", "95886"], [False, True]),
    (["95860", "95885", "95887"], [False, True, True]),
    (["99214", "95984"], [False, True]),
    (["95972", "95984"], [False, True]),
]


def _cms_office(code: str) -> Decimal:
    """The code's global row's non-facility amount at CHICAGO from CMS's own rows: (work x GPCI + PE x GPCI + MP x
    GPCI) x CF, rounded once half-up."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == LOCALITY)
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[25])
    amount = (work * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + mp * Decimal(gpci[3])) * cf
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_neurology_add_on_without_its_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        note = without_primary_note(bare, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in (row["note"] or "")) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
        if "-" not in code:
            assert line.pfs.non_facility.amount == _cms_office(bare), code


def test_the_note_names_the_primary() -> None:
    ncs = "a nerve conduction study (95907-95913)"
    programming = "95983 (brain neurostimulator analysis with programming"
    for code, primary in (("95885", ncs), ("95886", ncs), ("95887", ncs), ("95984", programming)):
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert primary in note and "the MAC denies it" in note and "; " not in note, note


def test_the_trial_amounts_are_cms_own(pricer: Pricer) -> None:
    """95886 $101.72 and 95984 $48.39 at CHICAGO (RVU26C): (0.84 x 1.007 + 2.12 x 1.005 + 0.03 x 2.295) x 33.4009 and
    (0.80 x 1.007 + 0.48 x 1.005 + 0.07 x 2.295) x 33.4009, unchanged by the note."""
    assert _cms_office("95886") == Decimal("101.72") and _cms_office("95984") == Decimal("48.39")
    (row,) = _batch(pricer, [{"code": "95984", "zip": ZIP, "date": DATE, "setting": "11"}])
    assert row["note"].split("; ").count(without_primary_note("95984", alone=True)) == 1, row["note"]
    assert _money(row["pfs_non_facility_amount"]) == Decimal("48.39")
