"""Interventional pain add-ons whose primaries are named (``engine.add_ons.SAME_DATE_PRIMARIES``): a transforaminal
epidural's additional level (64480 with 64479, cervical or thoracic; 64484 with 64483, lumbar or sacral) and a facet
joint denervation's additional joint (64634 with 64633; 64636 with 64635), as CMS's RVU file's short descriptors pair
them ("c/t 1" and "c/t ea", "l/s 1" and "l/s ea"; "Destroy c/th facet jnt addl", "Destroy l/s facet jnt addl"). A pain
management trial: `rvucalc price 64479 64484 --zip 75201 --date 2025-11-03 --setting 11` (a lumbar additional level
beside a cervical first level) and `price 64633 64636` said nothing; the MAC denies such an add-on (CMS's Type 1
add-on code edits). Now each is noted, naming its primary, in price and in a batch claim alike; the amounts stay CMS's
fee schedule amounts, checked against CMS's RVUs, GPCIs and conversion factor."""

from __future__ import annotations

from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways, office_fee

ZIP, DATE = "75201", "2025-11-03"  # Dallas, locality 0441211; CY2025 October release (2025D)
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
ADD_ON_PART = " is an add-on code (global period ZZZ"

CLAIMS = [
    # each add-on with its own region's first code: no note
    (["64479", "64480"], [False, False]),
    (["64483", "64484"], [False, False]),
    (["64633", "64634"], [False, False]),
    (["64635", "64636"], [False, False]),
    (["99214", "64483", "64484", "77003"], [False, False, False, False]),
    # the trial's encounters: the other region's first code is no primary
    (["64479", "64484"], [False, True]),
    (["64483", "64480"], [False, True]),
    (["64633", "64636"], [False, True]),
    (["64635", "64634"], [False, True]),
    # beside another family's first code (a facet injection, an epidural), not their own
    (["64493", "64484"], [False, True]),
    (["64483", "64636"], [False, True]),
    (["62323", "64484"], [False, True]),
]


def test_a_pain_add_on_beside_other_codes_but_not_its_primary_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        note = without_primary_note(code, alone=False)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in row["note"].split("; ")) is expected, (codes, code, row["note"])
        assert (ADD_ON_PART in row["note"]) is expected, (codes, code, row["note"])
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
        assert line.pfs.non_facility.amount == office_fee(pricer, code, WHERE)


def test_the_note_names_the_primary_and_a_bilateral_pair_is_not_noted(pricer: Pricer) -> None:
    for code, primary in (("64480", "64479 (transforaminal epidural injection, cervical or thoracic"),
                          ("64484", "64483 (transforaminal epidural injection, lumbar or sacral"),
                          ("64634", "64633 (facet joint nerve destruction, cervical or thoracic"),
                          ("64636", "64635 (facet joint nerve destruction, lumbar or sacral")):  # fmt: skip
        for alone in (True, False):
            note = without_primary_note(code, alone)
            assert primary in note and "the MAC denies it" in note and "; " not in note, note
        (row,) = _batch(pricer, [{"code": code, "zip": ZIP, "date": DATE, "setting": "11"}])
        assert row["note"].split("; ").count(without_primary_note(code, alone=True)) == 1, row["note"]
        assert _money(row["pfs_non_facility_amount"]) == office_fee(pricer, code, WHERE)
    # bilateral lines (50, or LT and RT) of the first code and the add-on: the primary is there
    for codes in (["64483-50", "64484-50"], ["64635-LT", "64635-RT", "64636-LT", "64636-RT"]):
        encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
        assert not any(ADD_ON_PART in note for line in encounter.lines for note in line.notes), codes
