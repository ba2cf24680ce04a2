"""58110 (endometrial sampling performed in conjunction with colposcopy) is an add-on of a colposcopy of the vagina or
cervix (57420, 57421, 57452-57461), and 59525 (hysterectomy after cesarean delivery) of a cesarean delivery code
(59510, 59514, 59515, 59618, 59620, 59622). A gynecology practice's trial (ZIP 43215, 2026): a CNM's 58100 + 58110 (an
endometrial biopsy with no colposcopy) was priced with no word, 58110 being beside another code. Now each is noted
naming its primary when no line of the claim and date is one, in price and batch alike, as the other named add-ons
(``engine.add_ons.SAME_DATE_PRIMARIES``); the amounts stay CMS's fee schedule amounts (RVU26C and the 2026 GPCIs,
OHIO 1520200: an add-on is not reduced)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine.add_ons import without_primary_note
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE, LOCALITY = "43215", "2026-08-21", "1520200"

OFFICE_CLAIMS = [
    (["58100", "58110"], [False, True]),  # the trial's claim: an endometrial biopsy is no colposcopy
    (["57454", "58110"], [False, False]),
    (["57421", "58110"], [False, False]),
    (["57461", "58110"], [False, False]),
    (["99213-25", "57160", "58110"], [False, False, True]),
]
HOSPITAL_CLAIMS = [
    (["59510", "59525"], [False, False]),
    (["59515", "59525"], [False, False]),
    (["59409", "59525"], [False, True]),  # a vaginal delivery is no cesarean
    (["58571", "59525"], [False, True]),
]


def test_58110_and_59525_are_add_ons_and_their_primaries_are_not() -> None:
    for add_on in ("58110", "59525"):
        assert (rvu_2026_row(add_on)[3], rvu_2026_row(add_on)[14]) == ("A", "ZZZ"), add_on
    for primary in ("57420", "57421", "57452", "57454", "57461", "59510", "59514", "59618"):
        assert rvu_2026_row(primary)[14] != "ZZZ", primary


def test_endometrial_sampling_without_a_colposcopy_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = without_primary_note("58110", alone=False)
    assert "(57420, 57421, 57452-57461)" in note and "; " not in note
    for codes, code, line, row, expected in encounters_both_ways(pricer, OFFICE_CLAIMS, ZIP, DATE, setting="11"):
        if code == "58110":
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            assert line.pfs.non_facility.amount == fee_2026("58110", LOCALITY)
        assert _money(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount


def test_a_hysterectomy_after_cesarean_without_the_cesarean_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = without_primary_note("59525", alone=False)
    assert "(59510, 59514, 59515, 59618, 59620 or 59622)" in note and "; " not in note
    for codes, code, line, row, expected in encounters_both_ways(pricer, HOSPITAL_CLAIMS, ZIP, DATE, setting="21"):
        if code == "59525":
            assert (note in line.notes) is expected, (codes, line.notes)
            assert (note in row["note"].split("; ")) is expected, (codes, row["note"])
            assert line.pfs.facility.amount == fee_2026("59525", LOCALITY, facility=True)
        assert _money(row["pfs_facility_amount"]) == line.pfs.facility.amount
