"""A diagnostic test's 26 or TC line beside the same code's global line bills that component twice: the global line is
both components (CMS's RVU file, PC/TC indicator 1; Palmetto GBA: one service for each component). An urgent care
trial's claim of its own chest X-ray, 71046, and its reading again as 71046-26 priced both with no word. Now the
component line says so, in price and batch alike, on that practitioner's claim only, not where a modifier says it is a
second study (76) nor for a 26 line alone. The amounts stay CMS's (RVU26C and the 2026 GPCIs, ARIZONA 0310200)."""

from __future__ import annotations

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine import global_component
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money

ZIP, DATE, LOCALITY = "85201", "2026-08-18", "0310200"
PLACE = {"zip": ZIP, "date": DATE, "setting": "20"}


def _row(code: str, modifier: str) -> tuple[str, ...]:
    import csv

    from cms_fees import DATA

    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]))


def test_a_component_beside_its_global_line_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    assert rvu_2026_row("71046")[13] == rvu_2026_row("73610")[13] == "1"  # PC/TC indicator 1
    professional, technical = (
        global_component.component_note("71046", "26"),
        global_component.component_note("73610", "TC"),
    )
    assert "; " not in professional and "global line already pays it" in technical
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "20"}
    lines = pricer.price_encounter(["71046", "71046-26", "73610-TC", "73610"], **where).lines
    assert professional in lines[1].notes and technical in lines[2].notes
    assert not any("global line already" in said for n in (0, 3) for said in lines[n].notes)
    rows = _batch(pricer, [
        {"claim": "A", "code": "71046", **PLACE}, {"claim": "A", "code": "71046-26", **PLACE},
        {"claim": "A", "code": "73610-TC", **PLACE}, {"claim": "A", "code": "73610", **PLACE},
        {"claim": "B", "code": "71046-26", **PLACE},
        {"claim": "C", "code": "71046", **PLACE}, {"claim": "C", "code": "71046-26-76", **PLACE},
    ])  # fmt: skip
    assert professional in rows[1]["note"].split("; ") and technical in rows[2]["note"].split("; ")
    assert all("global line already" not in (rows[n]["note"] or "") for n in (0, 3, 4, 5, 6))
    fees = [fee_2026("71046", LOCALITY), fee_2026(_row("71046", "26"), LOCALITY),
            fee_2026(_row("73610", "TC"), LOCALITY), fee_2026("73610", LOCALITY)]  # fmt: skip
    assert [_money(row["allowed"]) for row in rows[:4]] == fees
    assert [line.sites[0].total for line in lines] == fees


def test_a_component_of_another_side_than_its_global_line_is_not_noted(pricer: Pricer) -> None:
    """73610-LT (the office's own left ankle film) and 73610-26-RT (an outside film of the right ankle, read) are two
    studies: the sides differ (Claims Processing Manual ch. 12 §30.6: anatomic modifiers name the site). Only a
    component of the global line's own side is noted, in price and batch alike."""
    note = global_component.component_note("73610", "26")
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "20"}
    lines = pricer.price_encounter(["73610-LT", "73610-26-RT", "73610-26-LT"], **where).lines
    assert note not in lines[1].notes and note in lines[2].notes
    rows = _batch(pricer, [
        {"claim": "A", "code": "73610-LT", **PLACE}, {"claim": "A", "code": "73610-26-RT", **PLACE},
        {"claim": "B", "code": "73610-RT", **PLACE}, {"claim": "B", "code": "73610-26-RT", **PLACE},
    ])  # fmt: skip
    assert note not in (rows[1]["note"] or "").split("; ") and note in rows[3]["note"].split("; ")
    fees = [fee_2026("73610", LOCALITY), fee_2026(_row("73610", "26"), LOCALITY)]
    assert [_money(row["allowed"]) for row in rows] == fees * 2
    assert [line.sites[0].total for line in lines[:2]] == fees


def test_a_global_test_only_code_s_part_beside_it_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    """93015 (the cardiovascular stress test, PC/TC indicator 4) is 93016 + 93017 + 93018 by CMS's RVUs: a nuclear
    cardiology trial's `price 78452 93015 93016 93018` paid the supervision and interpretation again beside it with no
    word, and an urgent care's 93000 beside 93010 the ECG's reading twice. The part's line says so, in price and batch
    alike; not with 59 on it, nor without the global code on its practitioner's claim and date."""
    assert [rvu_2026_row(code)[13] for code in ("93015", "93016", "93017", "93018", "93000", "93010")] == [
        "4", "2", "3", "2", "4", "2"]  # fmt: skip
    zip_code, locality = "27607", "1150200"
    place = {"zip": zip_code, "date": DATE, "setting": "11"}
    where = {"zip_code": zip_code, "date_of_service": DATE, "setting": "11"}
    codes = ["78452", "93015", "93016", "93018", "93000", "93010", "93017-59"]
    lines = pricer.price_encounter(codes, **where).lines
    supervision, reading, ecg = (
        global_component.part_note("93016", "93015"),
        global_component.part_note("93018", "93015"),
        global_component.part_note("93010", "93000"),
    )
    assert "; " not in supervision and "93016, 93017 and 93018 together" in supervision
    assert supervision in lines[2].notes and reading in lines[3].notes and ecg in lines[5].notes
    assert not any("billed with 930" in said for n in (0, 1, 4, 6) for said in lines[n].notes)
    rows = _batch(pricer, [{"claim": "A", "code": code, **place} for code in codes]
                  + [{"claim": "B", "code": "93016", **place}, {"claim": "B", "code": "93018", **place}])  # fmt: skip
    assert supervision in rows[2]["note"].split("; ") and reading in rows[3]["note"].split("; ")
    assert ecg in rows[5]["note"].split("; ")
    assert all("billed with 930" not in (rows[n]["note"] or "") for n in (0, 1, 4, 6, 7, 8))
    fees = [fee_2026(code, locality) for code in ("93016", "93018", "93010")]
    assert [_money(rows[n]["allowed"]) for n in (2, 3, 5)] == fees
    assert [lines[n].sites[0].total for n in (2, 3, 5)] == fees


def test_a_global_test_only_code_s_part_at_a_hospital_is_not_noted(pricer: Pricer) -> None:
    """A global test-only code has no PFS amount in the facility setting (PE RVU 'NA' in RVU26C): at POS 22 the
    physician's 93016 and 93018 are the codes to bill beside a 93015 that is not paid, and 93010 read at the ER (POS 23)
    is another ECG than the office's own 93000. A review found both told "Bill 93015 alone" (93000): no part note
    there, in price and batch alike; the office's pair still noted."""
    assert rvu_2026_row("93015")[9] == rvu_2026_row("93000")[9] == "NA"  # facility PE NA
    zip_code, locality = "27607", "1150200"
    codes = ["93015", "93016", "93018"]
    for setting in ("22", "23"):
        where = {"zip_code": zip_code, "date_of_service": DATE, "setting": setting}
        lines = pricer.price_encounter(codes, **where).lines
        assert not any("billed with 930" in said for line in lines for said in line.notes), setting
        assert [line.pfs.facility.amount for line in lines[1:]] == [
            fee_2026(code, locality, facility=True) for code in codes[1:]]  # fmt: skip
    rows = _batch(pricer, [
        *({"claim": "A", "code": code, "zip": zip_code, "date": DATE, "setting": "22"} for code in codes),
        {"claim": "B", "code": "93000", "zip": zip_code, "date": DATE, "setting": "11"},
        {"claim": "B", "code": "93010", "zip": zip_code, "date": DATE, "setting": "23"},
        {"claim": "C", "code": "93000", "zip": zip_code, "date": DATE, "setting": "11"},
        {"claim": "C", "code": "93010", "zip": zip_code, "date": DATE, "setting": "11"},
    ])  # fmt: skip
    assert all("billed with 930" not in (row["note"] or "") for row in rows[:5])
    assert global_component.part_note("93010", "93000") in rows[6]["note"].split("; ")
    assert [_money(rows[n]["pfs_facility_amount"]) for n in (1, 2, 4)] == [
        fee_2026(code, locality, facility=True) for code in ("93016", "93018", "93010")]  # fmt: skip
