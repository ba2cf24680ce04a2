"""Allergen immunotherapy (engine.allergy): 95144 beside 95115 or 95117 is paid as 95165 (Claims Processing Manual
ch. 12 §200 (B) item 3), a visit beside 95115-95199 without 25 is noted (item 10), in price and batch alike; the
status I codes 95120-95134 and the S codes S9083/S9088 name what Medicare pays instead. The amounts are CMS's: each
code priced alone from the installed RVU file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import allergy
from rvucalc.lookup.pricer import Pricer

PLACE = {"zip_code": "55402", "date_of_service": "2026-08-05", "setting": "11"}


def _alone(pricer: Pricer, code: str) -> Decimal:
    amount = pricer.price_encounter([code], **PLACE).lines[0].pfs.non_facility.amount
    assert amount is not None
    return amount


def _rows(pricer: Pricer, claims: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    table = pa.table({
        "claim": [c for c, _, _ in claims], "code": [code for _, code, _ in claims],
        "units": [str(u) for _, _, u in claims], "zip": ["55402"] * len(claims),
        "date": ["2026-08-05"] * len(claims), "setting": ["11"] * len(claims),
    })  # fmt: skip
    rows: list[dict[str, Any]] = BatchPricer(pricer).price_table(table).to_pylist()
    return rows


@pytest.mark.parametrize("injection", ["95115", "95117"])
def test_95144_beside_an_injection_is_paid_as_95165_in_price_and_batch(pricer: Pricer, injection: str) -> None:
    """A trial: `price 95115 95144 --units 1 --units 10` paid 95144's $21.35 a dose; the MAC pays 95165's."""
    multidose, single = _alone(pricer, "95165"), _alone(pricer, "95144")
    assert multidose != single
    lines = pricer.price_encounter([injection, "95144"], units=[1, 10], **PLACE).lines
    assert lines[1].pfs.non_facility.amount == multidose
    assert lines[1].sites[0].total == multidose * 10
    assert allergy.multidose_note(injection) in lines[1].notes
    assert lines[0].pfs.non_facility.amount == _alone(pricer, injection)  # the injection as billed
    rows = _rows(pricer, [("A", injection, 1), ("A", "95144", 10)])
    for line, row in zip(lines, rows, strict=True):
        assert Decimal(row["allowed"]) == line.sites[0].total
        assert Decimal(row["pfs_non_facility_amount"]) == line.pfs.non_facility.amount
    assert allergy.multidose_note(injection) in rows[1]["note"]


def test_95144_alone_or_on_another_claim_keeps_its_own_rate(pricer: Pricer) -> None:
    single = _alone(pricer, "95144")
    rows = _rows(pricer, [("A", "95115", 1), ("B", "95144", 10)])
    assert Decimal(rows[1]["pfs_non_facility_amount"]) == single
    assert "paid as 95165" not in rows[1]["note"]


def test_a_visit_beside_allergy_injections_without_25_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    lines = pricer.price_encounter(["99213", "95115"], **PLACE).lines
    said = allergy.visit_note("99213", "95115")
    assert said in lines[0].notes and said not in lines[1].notes
    assert lines[0].pfs.non_facility.amount == _alone(pricer, "99213")  # priced as given
    rows = _rows(pricer, [("A", "99213", 1), ("A", "95115", 1)])
    assert said in rows[0]["note"] and said not in rows[1]["note"]
    with_25 = pricer.price_encounter(["99213-25", "95115"], **PLACE).lines
    assert not any("95115-95199" in note for note in with_25[0].notes)


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("95120", "95115 (one) or 95117"),
        ("95134", "95144-95170"),
        ("S9083", "urgent care facility (POS 20)"),
        ("S9088", "99202-99215"),
    ],
)
def test_status_i_codes_name_what_medicare_pays_instead(pricer: Pricer, code: str, named: str) -> None:
    reason = pricer.price_encounter([code], **PLACE).lines[0].pfs.non_facility.reason
    assert reason is not None and named in reason and "; " not in reason


@pytest.mark.parametrize("modifier", ["AJ", "53"])
def test_95144_paid_as_95165_keeps_its_own_modifiers_in_batch_as_in_price(pricer: Pricer, modifier: str) -> None:
    """A review: batch's 95144-AJ beside 95115 was paid 95165's whole amount (price: AJ's 75% of it), and 95144-53
    (the MAC prices a 53 line CMS has no row for) was given 95165's amount and the paid-as note."""
    lines = pricer.price_encounter(["95115", f"95144-{modifier}"], units=[1, 5], **PLACE).lines
    rows = _rows(pricer, [("A", "95115", 1), ("A", f"95144-{modifier}", 5)])
    amount = lines[1].pfs.non_facility.amount
    if modifier == "AJ":
        assert amount == (_alone(pricer, "95165") * Decimal("0.75")).quantize(Decimal("0.01"))
        assert Decimal(rows[1]["pfs_non_facility_amount"]) == amount
        assert Decimal(rows[1]["allowed"]) == lines[1].sites[0].total
    else:
        assert amount is None and rows[1]["pfs_non_facility_amount"] is None
        assert "paid as 95165" not in (rows[1]["note"] or "")


def test_95165_says_what_its_unit_is_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 95165 --units 30` said nothing of what a unit of 95165 is (ch. 12 §200 (B) item 7: a 1 cc dose,
    at most 10 a vial). Every 95165 line says it, whatever its units (batch keeps a row's notes per code and
    modifiers); its amounts stay CMS's (the RVU file's 95165 row); 95144 alone is not told."""
    said = allergy.units_note("95165")
    assert said is not None and "; " not in said and allergy.units_note("95144") is None
    one = _alone(pricer, "95165")
    line = pricer.price_encounter(["95165"], units=[30], **PLACE).lines[0]
    assert said in line.notes and line.sites[0].total == one * 30
    rows = _rows(pricer, [("A", "95165", 30), ("B", "95165", 5), ("C", "95144", 10)])
    assert said in rows[0]["note"] and said in rows[1]["note"] and said not in (rows[2]["note"] or "")
    assert Decimal(rows[0]["allowed"]) == one * 30 and Decimal(rows[1]["allowed"]) == one * 5
    assert said not in pricer.price_encounter(["95144"], units=[10], **PLACE).lines[0].notes


def _cms_office_atlanta(code: str) -> Decimal:
    """The code's non-facility amount at ATLANTA, GA (1021201) from CMS's own rows: RVU26C and the 2026 GPCIs."""
    import csv
    from decimal import ROUND_HALF_UP
    from pathlib import Path

    data = Path(__file__).resolve().parents[1] / "data"
    with (data / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (data / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == "1021201")
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[25])
    amount = (work * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + mp * Decimal(gpci[3])) * cf
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("injection", ["95115", "95117"])
def test_an_injection_code_of_several_units_is_noted_in_price_and_batch(pricer: Pricer, injection: str) -> None:
    """An ENT/allergy trial: `price 95117 --units 2 --zip 30342` paid $25.24, two visits' worth, with no word. 95115
    (one injection) and 95117 (two or more) are each one service a visit: a line of 2 or more units says so, in price
    and in batch alike; 1 unit says nothing; the amount stays units x CMS's (RVU26C at ATLANTA, 95117 $12.62:
    (0.00 x 1.003 + 0.36 x 1.016 + 0.01 x 1.201) x 33.4009)."""
    said = allergy.injection_units_note(injection, 2)
    assert said is not None and "; " not in said and "1 unit" in said and "2 times one" in said
    assert allergy.injection_units_note(injection, 1) is None and allergy.injection_units_note("95165", 2) is None
    # several single injections are one 95117 (a review: 95115's note read as "bill one 95115"), the antigen on any of
    # its codes, not 95165 alone
    assert ("are one 95117" in said) == (injection == "95115") and "95144-95170" in said and "on 95165" not in said
    one = _cms_office_atlanta(injection)
    where = {"zip_code": "30342", "date_of_service": "2026-08-03", "setting": "11"}
    line = pricer.price_encounter([injection, "95165"], units=[2, 10], **where).lines[0]
    assert said in line.notes and line.sites[0].total == one * 2
    single = pricer.price_encounter([injection], units=[1], **where).lines[0]
    assert not any(note.startswith(f"{injection} is one service") for note in single.notes)
    table = pa.table({
        "claim": ["A", "A", "B"], "code": [injection, "95165", injection], "units": ["2", "10", "1"],
        "zip": ["30342"] * 3, "date": ["2026-08-03"] * 3, "setting": ["11"] * 3,
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert said in rows[0]["note"].split("; ") and Decimal(rows[0]["allowed"]) == one * 2
    assert f"{injection} is one service" not in (rows[2]["note"] or "") and Decimal(rows[2]["allowed"]) == one


def test_95115_beside_95117_on_one_claim_and_date_is_noted_on_95115_in_price_and_batch(pricer: Pricer) -> None:
    """An allergy practice's trial: a claim of 95115 and 95117 of one date was priced $9.56 and $11.43 at ZIP 27607
    with no word; one of them is billed a date of service (CPT's descriptors; Palmetto GBA: "Do not bill CPT code
    95115 and 95117 on the same DOS"). The 95115 line says so, in price and batch alike, on that claim only; the
    amounts stay CMS's (RVU26C at ATLANTA, each code alone)."""
    said = allergy.both_injections_note()
    assert "; " not in said and "leave 95115 off" in said
    where = {"zip_code": "30342", "date_of_service": "2026-08-03", "setting": "11"}
    lines = pricer.price_encounter(["95115", "95117", "95165"], units=[1, 1, 10], **where).lines
    assert said in lines[0].notes and said not in lines[1].notes and said not in lines[2].notes
    assert lines[0].sites[0].total == _cms_office_atlanta("95115")
    assert lines[1].sites[0].total == _cms_office_atlanta("95117")
    assert said not in pricer.price_encounter(["95115", "95165"], units=[1, 10], **where).lines[0].notes
    table = pa.table({
        "claim": ["A", "A", "B", "C"], "code": ["95115", "95117", "95115", "95117"], "units": ["1"] * 4,
        "zip": ["30342"] * 4, "date": ["2026-08-03"] * 4, "setting": ["11"] * 4,
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert said in rows[0]["note"].split("; ") and said not in (rows[1]["note"] or "")
    assert said not in (rows[2]["note"] or "") and said not in (rows[3]["note"] or "")  # claims B and C: one each
    assert Decimal(rows[0]["allowed"]) == _cms_office_atlanta("95115")
    assert Decimal(rows[1]["allowed"]) == _cms_office_atlanta("95117")


def test_allergy_notes_of_an_office_row_beside_opps_notes_stay_in_its_note_not_comparison_note(pricer: Pricer) -> None:
    """A review: in 2025, whose OPPS quarter is installed, an office claim's 95115 + 95117 + 95144 had OPPS encounter
    notes for their hopd_* comparison columns, and the allergy notes joined after them were read as a continuation of
    those and moved to comparison_note ("the hopd_* hospital comparison only, not this row's site"): the 95115 note
    and the 95144-paid-as-95165 rule were not in the row's note. Each stays the row's own, as price says it."""
    where = {"zip_code": "63110", "date_of_service": "2025-11-03", "setting": "11"}
    lines = pricer.price_encounter(["95115", "95117", "95144"], units=[1, 1, 10], **where).lines
    both = allergy.both_injections_note()
    assert both in lines[0].notes
    [multidose] = [note for note in lines[2].notes if note.startswith("95144 billed with")]
    table = pa.table({
        "claim": ["A"] * 3, "code": ["95115", "95117", "95144"], "units": ["1", "1", "10"], "zip": ["63110"] * 3,
        "date": ["2025-11-03"] * 3, "setting": ["11"] * 3,
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert "hopd_* hospital comparison only" in (rows[0]["comparison_note"] or "")  # the OPPS notes it sat beside
    assert both in rows[0]["note"].split("; ") and both not in (rows[0]["comparison_note"] or "")
    assert multidose in rows[2]["note"].split("; ") and multidose not in (rows[2]["comparison_note"] or "")
    assert Decimal(rows[2]["allowed"]) == lines[2].sites[0].total
