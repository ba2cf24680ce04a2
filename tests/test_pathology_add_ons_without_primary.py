"""Pathology add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): the flow cytometry markers
after the first 88185 (88184), the immunohistochemistry stains after the specimen's first 88341 (88342), the
immunofluorescence stains after the first 88350 (88346) and the intraoperative cytologic examination of each further
site 88334 (88333, or a frozen section 88331). A pathology group's trial (Indianapolis, 2026): `price 88305 88185`,
88341 beside 88344 alone and 88334 beside 88305 said nothing, where each add-on alone was noted: only an encounter of
add-ons alone was. Now noted in price and in a batch claim alike, once; the group's correct claims say nothing, at the
lab (POS 81) and on a hospital's 26 lines (POS 22); the amounts stay CMS's, recomputed from CMS's own rows (RVU26C,
the 2026 GPCIs, Indiana 0810200)."""

from __future__ import annotations

import csv
from functools import cache

from cms_fees import DATA, fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "46250", "2026-05-04", "0810200"  # Indianapolis: INDIANA
ADD_ONS = ("88185", "88334", "88341", "88350")

LAB_CLAIMS = [
    # the trial's claims: an add-on beside another family's code, its own first code not billed
    (["88305", "88185"], [False, True]),
    (["88305", "88189", "88185"], [False, False, True]),
    (["88344", "88341"], [False, True]),
    (["88305", "88360", "88341"], [False, False, True]),
    (["88305", "88334"], [False, True]),
    (["88305", "88350"], [False, True]),
    # the group's correct claims: no note
    (["88184", "88185", "88189"], [False, False, False]),
    (["88305", "88342", "88341"], [False, False, False]),
    (["88305", "88342", "88344", "88341"], [False, False, False, False]),
    (["88346", "88350", "88305"], [False, False, False]),
    (["88333", "88334"], [False, False]),
    (["88331", "88334", "88332"], [False, False, False]),
]
HOSPITAL_CLAIMS = [
    (["88305-26", "88342-26", "88341-26"], [False, False, False]),
    (["88309-26", "88341-26"], [False, True]),
    (["88331-26", "88334-26"], [False, False]),
]


@cache
def _rvu_2026_row(code: str, modifier: str) -> tuple[str, ...]:
    """The code's row of RVU26C with the modifier (26), as cms_fees reads its global row."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]))


def test_the_add_ons_and_their_first_codes_are_cms_own() -> None:
    for code in ADD_ONS:
        row = rvu_2026_row(code)
        assert (row[3], row[14]) == ("A", "ZZZ"), code
    for code in ("88184", "88331", "88333", "88342", "88346"):
        assert rvu_2026_row(code)[14] == "XXX", code


def _check(pricer: Pricer, claims: list[tuple[list[str], list[bool]]], setting: str, facility: bool) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, claims, ZIP, DATE, setting=setting):
        bare, _, modifier = code.partition("-")
        notes = (row["note"] or "").split("; ")
        if bare in ADD_ONS:
            note = without_primary_note(bare, alone=False)
            assert line.notes.count(note) == (1 if expected else 0), (codes, code, line.notes)
            assert notes.count(note) == (1 if expected else 0), (codes, code, row["note"])
        # the amount is CMS's, unchanged by the note
        cms = fee_2026(_rvu_2026_row(bare, modifier), LOCALITY, facility=facility)
        amount = line.pfs.facility.amount if facility else line.pfs.non_facility.amount
        money = row["pfs_facility_amount" if facility else "pfs_non_facility_amount"]
        assert _money(money) == amount == cms, (codes, code, money, amount, cms)


def test_a_pathology_add_on_without_its_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    _check(pricer, LAB_CLAIMS, "81", facility=False)


def test_a_hospitals_26_lines_with_their_primaries_say_nothing(pricer: Pricer) -> None:
    _check(pricer, HOSPITAL_CLAIMS, "22", facility=True)


def test_the_note_names_the_primaries() -> None:
    names = {"88185": ("88184",), "88341": ("88342",), "88350": ("88346",), "88334": ("88333", "88331")}
    for code, primaries in names.items():
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert all(p in note for p in primaries) and "; " not in note, note
