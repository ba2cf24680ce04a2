"""Lesion destruction codes that count a session's lesions in one unit: 17004 (15 or more premalignant lesions),
17110 (up to 14 benign lesions), 17111 (15 or more benign lesions), CPT's descriptors (engine.add_ons.LESION_COUNTS).
A dermatology trial (Charlotte, ZIP 28204, August 2026): `rvucalc price 17110 --units 8` (8 warts) read that billed as
separate lines the later ones would be paid 50% and "your MAC may pay the units so", which a count code is not;
17004 x 2, 17000 + 17003 + 17004 and 17110 + 17111 read nothing. Notes, in price and batch alike; the amounts stay as
billed, CMS's RVU26C row x the locality's GPCIs x the CF (rvucalc applies no medically unlikely or NCCI edit)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.add_ons import lesion_count_notes, lesion_count_units_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE, LOCALITY = "28204", "2026-08-03", "1150200"  # Charlotte: NORTH CAROLINA
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}


def _cms_office(code: str) -> Decimal:
    """The code's non-facility amount in North Carolina from CMS's own rows (RVU26C, the 2026 locality GPCIs)."""
    return fee_2026(code, LOCALITY)


def _batch(pricer: Pricer, lines: list[tuple[str, str, int]]) -> list[dict[str, object]]:
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "11", "units": units}
            for claim, code, units in lines]  # fmt: skip
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def _notes(row: dict[str, object]) -> list[str]:
    return str(row["note"] or "").split("; ")


def test_17110_of_several_units_is_one_session_not_a_unit_a_lesion(pricer: Pricer) -> None:
    note = lesion_count_units_note("17110", 8)
    assert note is not None and "up to 14 benign lesions" in note and "8 times one 17110" in note
    assert "; " not in note  # batch joins a row's notes with "; ": one note
    assert lesion_count_units_note("17110", 1) is None and lesion_count_units_note("17000", 2) is None
    assert lesion_count_units_note("17004", 2) and lesion_count_units_note("17111", 3)
    one = _cms_office("17110")
    result = pricer.price("17110", units=8, **WHERE)
    assert note in result.notes and not any("separate lines" in n for n in result.notes)
    assert result.pfs.non_facility.amount == one
    out = _batch(pricer, [("A", "17110", 8), ("B", "17110", 1)])
    assert note in _notes(out[0]) and not any("separate lines" in n for n in _notes(out[0]))
    assert Decimal(str(out[0]["allowed"])) == one * 8 and Decimal(str(out[1]["allowed"])) == one
    assert not any(n.startswith("17110 is") for n in _notes(out[1]))


def test_17004_beside_17000_and_17111_beside_17110_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    assert lesion_count_notes(["17000", "17003", "17004"])[:2] == [None, None]
    premalignant = lesion_count_notes(["17000", "17003", "17004"])[2]
    assert premalignant and "17000 and 17003 are billed beside it" in premalignant
    benign = lesion_count_notes(["17110", "17111"])[1]
    assert benign and "17110 is billed beside it" in benign
    assert "; " not in premalignant and "; " not in benign  # batch joins a row's notes with "; ": one note each
    assert lesion_count_notes(["17004", "17110"]) == [None, None]  # another count's codes: nothing to say
    assert lesion_count_notes(["17000", "17003"]) == [None, None]
    for codes, said in ((["17000", "17003", "17004"], premalignant), (["17110", "17111"], benign)):
        encounter = pricer.price_encounter(codes, **WHERE)
        assert [said in line.notes for line in encounter.lines] == [code in ("17004", "17111") for code in codes]
    encounter = pricer.price_encounter(["17000", "17003", "17004"], **WHERE)
    full = [_cms_office("17000"), _cms_office("17003"), _cms_office("17004")]
    assert [line.pfs.non_facility.amount for line in encounter.lines] == full  # 17004: indicator 0, nothing cut
    out = _batch(pricer, [("A", "17000", 1), ("A", "17003", 1), ("A", "17004", 1), ("B", "17110", 1),
                          ("B", "17111", 1), ("C", "17004", 1), ("D", "17000", 1)])  # fmt: skip
    assert [premalignant in _notes(row) for row in out[:3]] == [False, False, True]
    assert [benign in _notes(row) for row in out[3:5]] == [False, True]
    assert not any("reported alone" in str(row["note"] or "") for row in out[5:])
    assert [Decimal(str(row["allowed"])) for row in out[:3]] == full


def test_11900_is_one_session_and_11901_beside_it_is_noted(pricer: Pricer) -> None:
    """The trial's keloid clinic: 11900 x 3 (three keloids) beside J3301 read "Billed as separate lines ... your MAC may
    pay the units so"; 11900 + 11901 on one date read nothing. 11900 counts up to 7 lesions a session, 11901 more."""
    note = lesion_count_units_note("11900", 3)
    assert note is not None and "up to and including 7 lesions" in note
    said = lesion_count_notes(["11900", "11901"])
    assert said[0] is None and said[1] and "11900 is billed beside it" in said[1]
    one = _cms_office("11900")
    result = pricer.price("11900", units=3, **WHERE)
    assert note in result.notes and result.pfs.non_facility.amount == one
    out = _batch(pricer, [("A", "11900", 3), ("B", "11900", 1), ("B", "11901", 1)])
    assert note in _notes(out[0]) and Decimal(str(out[0]["allowed"])) == one * 3
    assert said[1] in _notes(out[2]) and not any("reported alone" in n for n in _notes(out[1]))
