"""Drug administration add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): the infusion hours
96366 and 96415, the subsequent infusion and push 96367 and 96375, the hydration hour 96361 and the subcutaneous
infusion's add-ons 96370 and 96371. An infusion clinic's `rvucalc price 96366 J1561` (the hour and the drug, no first
hour) said nothing, where `price 96366` alone was noted: only an encounter of add-ons alone was. Now noted in price and
in a batch claim alike, once (96366 and 96415 beside another initial service keep ``engine.drug_admin``'s note alone);
the common correct claims say nothing; the amounts stay CMS's, recomputed from CMS's own rows (RVU26C, the 2026 GPCIs,
Charlotte 1150200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.engine.drug_admin import missing_first_hour_note, wrong_hour_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "28204", "2026-08-03", "1150200"  # Charlotte: NORTH CAROLINA
ADD_ONS = ("96361", "96366", "96367", "96370", "96371", "96375", "96415")
ADD_ON_PART = " is an add-on code (global period ZZZ"

CLAIMS = [
    # the trial's claims: the add-on and its drug, no initial service
    (["96366", "J1561"], [True, False]),
    (["96367", "J1561"], [True, False]),
    (["96375", "J1561"], [True, False]),
    (["96415", "J9035"], [True, False]),
    (["96361", "J7050"], [True, False]),
    (["96370", "J1559"], [True, False]),
    (["99214-25", "96371", "J1559"], [False, True, False]),
    # a visit is no initial service; hydration is none a new drug's push or infusion follows (CPT's hierarchy)
    (["99213-25", "96375", "96367"], [False, True, True]),
    (["96360", "96375"], [False, True]),
    # an intravenous initial service is no primary of the subcutaneous infusion's add-ons
    (["96365", "96370"], [False, True]),
    # the common correct claims: no note
    (["96365", "96366", "J1561"], [False, False, False]),
    (["96413", "96415", "96375", "J9035"], [False, False, False, False]),
    (["96369", "96370", "J1559"], [False, False, False]),
    (["96369", "96370", "96371", "J1559"], [False, False, False, False]),
    (["96374", "96375", "96361"], [False, False, False]),
    (["96360", "96361"], [False, False]),
    (["96409", "96367", "96366"], [False, False, False]),
]
# 96366 and 96415 beside another initial service but not their own infusion: engine.drug_admin's note only
DRUG_ADMIN_ONLY = [
    (["96374", "96366"], "96366", missing_first_hour_note("96366", "96374")),
    (["96413", "96366"], "96366", wrong_hour_note("96366", "96413", "96415")),
    (["96365", "96415"], "96415", wrong_hour_note("96415", "96365", "96366")),
    (["96409", "96415"], "96415", missing_first_hour_note("96415", "96409")),
]


def test_the_add_ons_are_cms_own() -> None:
    for code in ADD_ONS:
        row = rvu_2026_row(code)
        assert (row[3], row[14]) == ("A", "ZZZ"), code
    for code in ("96360", "96365", "96369", "96374", "96409", "96413"):
        assert rvu_2026_row(code)[14] == "XXX", code


def test_a_drug_administration_add_on_without_its_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        notes = (row["note"] or "").split("; ")
        if bare in ADD_ONS:
            note = without_primary_note(bare, alone=False)
            assert line.notes.count(note) == (1 if expected else 0), (codes, code, line.notes)
            assert notes.count(note) == (1 if expected else 0), (codes, code, row["note"])
            # the amount is CMS's, unchanged by the note
            assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount == fee_2026(bare, LOCALITY)
        assert not any(ADD_ON_PART in said for said in [*line.notes, *notes]) or expected, (codes, code)


def test_an_hour_beside_another_initial_service_has_one_note_in_price_and_batch(pricer: Pricer) -> None:
    """96374 + 96366: engine.drug_admin says the first hour is missing; the add-on note is not said beside it."""
    claims = [(codes, [c == code for c in codes]) for codes, code, _ in DRUG_ADMIN_ONLY]
    for codes, code, line, row, expected in encounters_both_ways(pricer, claims, ZIP, DATE, setting="11"):
        if not expected:
            continue
        said = next(note for c, hour, note in DRUG_ADMIN_ONLY if c == codes and hour == code)
        notes = row["note"].split("; ")
        assert line.notes.count(said) == 1 and notes.count(said) == 1, (codes, line.notes, row["note"])
        assert not any(ADD_ON_PART in note for note in [*line.notes, *notes]), (codes, line.notes, row["note"])


def test_the_note_names_the_primaries() -> None:
    names = {"96366": ("96365", "96367"), "96415": ("96413",), "96361": ("96360", "96365", "96374", "96409"),
             "96367": ("96365", "96374", "96409", "96413"), "96375": ("96365", "96374", "96409", "96413"),
             "96370": ("96369",), "96371": ("96369",)}  # fmt: skip
    for code, primaries in names.items():
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert all(p in note for p in primaries) and "; " not in note, note
