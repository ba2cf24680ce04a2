"""CPT's prolonged codes name Medicare's code and where its units start. A neurology trial: `rvucalc price 99215
G2211 99417 --units 1 --units 1 --units 2 --zip 60611 --date 2026-01-08` was told "bill G2212 in place of 99417",
which reads as the same 2 units; Medicare counts G2212 from the end of the visit's time range (first unit at 89
minutes' total time after 99205, 69 after 99215: CY2021 PFS final rule; 100 after 99483 and G0316-G0318's: CY2023 PFS
final rule, ``engine.visits.PROLONGED_THRESHOLDS``). The note says so, in price and batch alike; no money changes (the
visit stays CMS's amount, recomputed from CMS's own rows)."""

from __future__ import annotations

from decimal import Decimal

from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money
from test_neurology_add_on_primaries import _cms_office

ZIP, DATE = "60611", "2026-09-15"


def test_the_99417_note_gives_g2212s_thresholds_in_price_and_batch(pricer: Pricer) -> None:
    said = visits.cpt_prolonged_note("99417", ["G2212"])
    assert "bill G2212 in place of 99417" in said and "; " not in said
    assert "89 minutes' total time after 99205, 69 after 99215 or 100 after 99483" in said
    encounter = pricer.price_encounter(["99215", "99417"], units=[1, 2], zip_code=ZIP, date_of_service=DATE)
    visit, cpt = encounter.lines
    assert said in cpt.notes and cpt.pfs.non_facility.amount is None
    assert visit.pfs.non_facility.amount == _cms_office("99215") == Decimal("202.59")
    rows = _batch(pricer, [{"claim": "A", "code": c, "units": u, "zip": ZIP, "date": DATE, "setting": "11"}
                           for c, u in (("99215", "1"), ("99417", "2"))])  # fmt: skip
    assert said in rows[1]["note"].split("; ") and rows[1]["allowed"] is None
    assert _money(rows[0]["allowed"]) == Decimal("202.59")


def test_each_medicare_code_has_thresholds_for_its_listed_visits() -> None:
    for add_on, primaries in visits.PROLONGED_NOTED.items():
        assert tuple(visit for visit, _ in visits.PROLONGED_THRESHOLDS[add_on]) == primaries, add_on
    said = visits.cpt_prolonged_note("99418", ["G0316", "G0317"])
    assert "90 minutes' total time after 99223, 65 after 99233 or 110 after 99236" in said
    assert "95 minutes' total time after 99306 or 85 after 99310" in said


def test_g0316_after_99223_or_99233_counts_as_cpt_s_99418_in_price_and_batch(pricer: Pricer) -> None:
    """A review: 99223 + 99418 was told G0316's units count "from the end of the visit's time range, not CPT's start
    ... so they may be fewer than 99418's", where G0316 after 99223 (90 minutes) and 99233 (65) is CPT's own count of
    99418 (the visit's 75 or 50 minutes plus 15: NGS's prolonged services timetable, "same as CPT"); after 99236 (110)
    it is later. The note says which."""
    said = visits.cpt_prolonged_note("99418", ["G0316"])
    assert "not CPT's start" not in said and "; " not in said
    assert "after 99223 and 99233 the same as CPT's count, after 99236 later than CPT's 99418" in said
    assert "after 99205, 99215 and 99483 later than CPT's 99417" in visits.cpt_prolonged_note("99417", ["G2212"])
    encounter = pricer.price_encounter(["99223", "99418"], zip_code=ZIP, date_of_service=DATE, setting="21")
    assert said in encounter.lines[1].notes
    rows = _batch(pricer, [{"claim": "A", "code": c, "units": "1", "zip": ZIP, "date": DATE, "setting": "21"}
                           for c in ("99223", "99418")])  # fmt: skip
    assert said in rows[1]["note"].split("; ")
