"""17003 counts the second through 14th premalignant lesions (CPT's descriptor; 17004 is "15 or more lesions"), so a
line of more than 13 units is noted (``engine.add_ons.premalignant_units_note``). A dermatology trial (Tampa, ZIP
33612): `rvucalc price 99213-25 17000 17003 --units 1 --units 1 --units 14 --zip 33612 --date 2026-08-04 --setting 11`
priced 14 units of 17003 with no word. The note, in price and in a batch claim alike; 13 units say nothing; the amount
stays units x one 17003, CMS's RVU26C row x the locality's GPCIs x the CF (rvucalc applies no medically unlikely
edit)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.add_ons import premalignant_units_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE, LOCALITY = "33612", "2026-08-04", "0910299"  # Tampa: REST OF FLORIDA


def _cms_17003_office() -> Decimal:
    """17003's non-facility amount at REST OF FLORIDA from CMS's own rows (RVU26C, the 2026 locality GPCIs)."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == ["17003", ""])
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == LOCALITY)
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[25])
    amount = (work * Decimal(gpci[1]) + pe * Decimal(gpci[2]) + mp * Decimal(gpci[3])) * cf
    return amount.quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_17003_above_13_units_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    note = premalignant_units_note("17003", 14)
    assert note is not None and "17004" in note and "15 lesions" in note
    assert premalignant_units_note("17003", 13) is None and premalignant_units_note("17000", 14) is None
    one = _cms_17003_office()  # $6.13: (0.04 x 1.000 + 0.15 x 0.956 + 0.00 x 1.503) x 33.4009
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
    assert note in out[2]["note"] and Decimal(str(out[2]["allowed"])) == one * 14
    assert "17003 counts" not in (out[5]["note"] or "") and Decimal(str(out[5]["allowed"])) == one * 13
