"""Dermatology lines' notes, the amounts as billed. 17003 counts the second through 14th premalignant lesions (CPT's
descriptor; 17004 is "15 or more lesions"), so a line of more than 13 units is noted
(``engine.add_ons.premalignant_units_note``). A dermatology trial (Tampa, ZIP 33612): `rvucalc price 99213-25 17000
17003 --units 1 --units 1 --units 14 --zip 33612 --date 2026-08-04 --setting 11` priced 14 units of 17003 with no
word. The note, in price and in a batch claim alike; 13 units say nothing; the amount stays units x one 17003, CMS's
RVU26C row x the locality's GPCIs x the CF (rvucalc applies no medically unlikely edit)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.add_ons import first_biopsy_notes, first_biopsy_units_note, premalignant_units_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE, LOCALITY = "33612", "2026-08-04", "0910299"  # Tampa: REST OF FLORIDA


def _cms_office(code: str = "17003") -> Decimal:
    """The code's non-facility amount at REST OF FLORIDA from CMS's own rows (RVU26C, the 2026 locality GPCIs)."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == LOCALITY)
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[25])
    amount = (work * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + mp * Decimal(gpci[3])) * cf
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_17003_above_13_units_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = premalignant_units_note("17003", 14)
    assert note is not None and "17004" in note and "15 lesions" in note
    assert "; " not in note  # batch's note column joins a row's notes with "; ": one note, not two
    assert premalignant_units_note("17003", 13) is None
    assert not (premalignant_units_note("17000", 14) or "").startswith("17003 counts")  # 17000's own note
    one = _cms_office()  # $6.13: (0.04 x 1.000 + 0.15 x 0.956 + 0.00 x 1.503) x 33.4009
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    rows = []
    for claim, units in (("A", 14), ("B", 13)):
        encounter = pricer.price_encounter(["99213-25", "17000", "17003"], units=[1, 1, units], **where)
        line = encounter.lines[2]
        assert line.pfs.non_facility.amount == one
        assert (note if units == 14 else premalignant_units_note("17003", units)) == next(
            (n for n in line.notes if n.startswith("17003 counts")), None
        )
        rows += [{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "11", "units": n}
                 for code, n in (("99213-25", 1), ("17000", 1), ("17003", units))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert note in out[2]["note"].split("; ") and Decimal(str(out[2]["allowed"])) == one * 14
    assert "17003 counts" not in (out[5]["note"] or "") and Decimal(str(out[5]["allowed"])) == one * 13


def test_two_first_skin_biopsy_codes_are_noted_in_price_and_batch(pricer: Pricer) -> None:
    """The same trial billed 11104, 11105 x 2, 11106 and 11107 on one claim and date: one first biopsy code an
    encounter, the most invasive technique's (11106), the punch lesion's biopsy 11105 (First Coast, AHA Coding Clinic
    1Q2019: engine.add_ons._BIOPSY). 11104 is noted, 11106 and the add-ons are not; a first code of 2 units is noted;
    the amounts stay: 11106 CMS's full amount, 11104 ranked 50% by the multiple procedure rule."""
    assert first_biopsy_notes(["11104", "11105", "11106", "11107"])[1:] == [None, None, None]
    assert first_biopsy_notes(["11102", "11102"])[0] is None and first_biopsy_notes(["11102", "11102"])[1]
    assert first_biopsy_notes(["11102", "11103", "17000"]) == [None, None, None]
    assert first_biopsy_units_note("11102", 1) is None and "11103" in (first_biopsy_units_note("11102", 2) or "")
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    codes = ["11104", "11105", "11106", "11107"]
    encounter = pricer.price_encounter(codes, **where)
    said = [next((n for n in line.notes if n.startswith("One first skin biopsy")), None) for line in encounter.lines]
    assert said == first_biopsy_notes(codes) and said[0] is not None and "this punch biopsy is 11105" in said[0]
    punch = (_cms_office("11104") / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert encounter.lines[0].pfs.non_facility.amount == punch
    assert encounter.lines[2].pfs.non_facility.amount == _cms_office("11106")
    rows = [{"claim": "A", "code": code, "zip": ZIP, "date": DATE, "setting": "11", "units": 1} for code in codes]
    rows.append({"claim": "B", "code": "11102", "zip": ZIP, "date": DATE, "setting": "11", "units": 2})
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for line, row, note in zip(encounter.lines, out, said, strict=False):
        assert Decimal(str(row["allowed"])) == line.sites[0].total
        assert (note in row["note"].split("; ")) if note else "One first skin biopsy" not in (row["note"] or "")
    assert first_biopsy_units_note("11102", 2) in out[4]["note"].split("; ")
    assert Decimal(str(out[4]["allowed"])) == 2 * _cms_office("11102")


def test_the_codes_batch_flags_for_a_units_note_are_those_price_notes() -> None:
    """``has_code_units_note`` (batch.price's MONTHLY_UNITS flag, asked of every row of CMS's RVU file, kept per code)
    says yes of exactly the codes of CMS's RVU26C file that ``code_units_note`` notes at some number of units (17003
    from 14 units alone, the per-day ESRD codes 90967-90970 from 31), so batch's flagged rows are price's noted
    lines."""
    from rvucalc.lookup.pricer import code_units_note, has_code_units_note

    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        codes = {row[0] for row in csv.reader(handle) if row and len(row[0]) == 5}
    noted = {code for code in codes if any(code_units_note(code, units) for units in (2, 3, 13, 14, 30, 31))}
    assert {"17003", "11102", "11104", "11106", "90960", "90970", "99291"} <= noted
    assert {code for code in codes if has_code_units_note(code)} == noted


def test_17000_of_several_units_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    """17000 is the first premalignant lesion alone (CPT's descriptor): a trial's NP billed 17000 x 2 units, priced as
    two first lesions with only the multiple procedure rule's units words. The note names 17003 and 17004, in price
    and in a batch row alike; 1 unit says nothing; the amount stays units x one 17000, CMS's RVU26C row x the
    locality's GPCIs x the CF."""
    note = premalignant_units_note("17000", 2)
    assert note is not None and "17003" in note and "17004" in note and "; " not in note
    assert premalignant_units_note("17000", 1) is None
    where = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
    result = pricer.price("17000", units=2, **where)
    assert note in result.notes
    assert result.pfs.non_facility.amount == _cms_office("17000")
    rows = [{"claim": claim, "code": "17000", "zip": ZIP, "date": DATE, "setting": "11", "units": n}
            for claim, n in (("A", 2), ("B", 1))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert note in out[0]["note"].split("; ") and Decimal(str(out[0]["allowed"])) == 2 * _cms_office("17000")
    assert "17000 is the first" not in (out[1]["note"] or "")
    assert Decimal(str(out[1]["allowed"])) == _cms_office("17000")
