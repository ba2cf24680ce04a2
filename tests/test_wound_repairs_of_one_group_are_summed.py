"""Wound repairs of one classification and anatomic group are one code for their summed length (CPT's Repair (Closure)
guidelines, ``engine.wound_repair``). An urgent care trial's claim of 12001, 12001-59 (a hand's and a leg's simple
laceration) and 12011 (the face's) priced the two 12001 lines as two procedures at 50% each with no word, and 12001 x 2
was said to be "2 times its amount". Now each line of the group says the lengths are summed and billed once, in price
and batch alike, on that practitioner's claim only; 12011 (another group) and a complex repair's add-on units are not
noted. The amounts stay as billed: CMS's fees (RVU26C and the 2026 GPCIs, ARIZONA 0310200), ranked 100/50/50."""

from __future__ import annotations

from decimal import Decimal

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.engine import wound_repair
from rvucalc.engine.duplicates import DUPLICATE_NOTE, WOUND_REPAIR_DUPLICATE
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _batch, _money, encounters_both_ways

ZIP, DATE, LOCALITY = "85201", "2026-08-06", "0310200"
PLACE = {"zip": ZIP, "date": DATE, "setting": "20"}


def _half(fee: Decimal) -> Decimal:
    return (fee / 2).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")


def test_the_groups_are_cms_repair_codes() -> None:
    """Every group's codes are paid PFS procedures (status A) with a global period, its add-on global ZZZ (RVU26C)."""
    for _, _, codes, add_on in wound_repair.GROUPS:
        assert all(rvu_2026_row(code)[3] == "A" and rvu_2026_row(code)[14] in ("000", "010") for code in codes)
        assert add_on is None or rvu_2026_row(add_on)[3:15:11] == ("A", "ZZZ")


def test_two_simple_repairs_of_one_group_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = wound_repair.group_note(["12001", "12001-59"])
    assert "; " not in note and "12001-12007" in note
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "20"}
    lines = pricer.price_encounter(["12001", "12001-59", "12011"], **where).lines
    assert note in lines[0].notes and note in lines[1].notes
    assert not any("anatomic group" in said for said in lines[2].notes)
    rows = _batch(pricer, [
        {"claim": "A", "code": "12001", **PLACE}, {"claim": "A", "code": "12001-59", **PLACE},
        {"claim": "A", "code": "12011", **PLACE}, {"claim": "B", "code": "12001", **PLACE},
        {"claim": "C", "code": "12001", **PLACE}, {"claim": "C", "code": "12011", **PLACE},
    ])  # fmt: skip
    assert note in rows[0]["note"].split("; ") and note in rows[1]["note"].split("; ")
    assert all("anatomic group" not in (row["note"] or "") for row in rows[2:])  # other groups, other claims
    simple, face = fee_2026("12001", LOCALITY), fee_2026("12011", LOCALITY)
    assert [_money(row["allowed"]) for row in rows[:3]] == [_half(simple), _half(simple), face]
    assert [line.sites[0].total for line in lines] == [_half(simple), _half(simple), face]


def test_units_of_a_repair_code_are_noted_and_a_complex_add_on_s_are_not(pricer: Pricer) -> None:
    note = wound_repair.units_note("12002", 2)
    assert note is not None and "; " not in note
    single = pricer.price("12002", zip_code=ZIP, date_of_service=DATE, units=2, setting="20")
    assert single.notes.count(note) == 1, single.notes
    rows = _batch(pricer, [{"code": "12002", "units": units, **PLACE} for units in "21"])
    assert rows[0]["note"].split("; ").count(note) == 1, rows[0]["note"]
    assert "anatomic group" not in (rows[1]["note"] or "")
    fee = fee_2026("12002", LOCALITY)
    assert single.pfs.non_facility.amount == fee and _money(rows[0]["allowed"]) == 2 * fee
    assert wound_repair.units_note("13122", 3) is None
    encounter = pricer.price_encounter(["13121", "13122"], units=[1, 2], zip_code=ZIP, date_of_service=DATE)
    assert not any("anatomic group" in said for line in encounter.lines for said in line.notes)


# The duplicate-line note on the second of two identical repair lines (12001 12001) told the biller to bill it with
# RT/LT, 59/XS, 76 or 77, beside the group's note on the same row that the lengths are summed and billed once "whatever
# 59, XS or the sides say": engine.duplicates.WOUND_REPAIR_DUPLICATE instead (as AREA_FIRST_DUPLICATE's for 11042
# 11042), price and batch alike, still counted a duplicate (its opening words). A session 69 review: `price 12001 12001
# --zip 73104`.
def test_a_repeated_repair_line_s_duplicate_note_does_not_advise_59(pricer: Pricer) -> None:
    seen = []
    for _, written, line, row, _ in encounters_both_ways(pricer, [(["12001", "12001"], [True, True])], ZIP, DATE):
        duplicate = [n for n in line.notes if n.startswith(DUPLICATE_NOTE)]
        assert [n for n in (row["note"] or "").split("; ") if n.startswith(DUPLICATE_NOTE)] == duplicate, written
        assert all("59/XS" not in n and "76 (" not in n for n in duplicate), duplicate
        assert wound_repair.group_note(["12001", "12001"]) in line.notes, line.notes
        seen += duplicate
    assert seen == [WOUND_REPAIR_DUPLICATE.format(code="12001")]
    fee = fee_2026("12001", LOCALITY)  # the amounts as billed: ranked 100/50
    assert [_money(row["allowed"]) for row in _batch(pricer, [{"claim": "A", "code": "12001", **PLACE}] * 2)] == [
        fee,
        _half(fee),
    ]
