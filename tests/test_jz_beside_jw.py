"""JZ and JW on separate lines of one drug on one claim and date. JZ attests that no amount of the drug was discarded;
a JW line reports a discarded amount of it (CMS's JW/JZ modifier FAQs, Pub. 100-04 ch. 17 §40): an infusion center's
trial billed J2185-JZ x 10 and J2185-JW x 2 (claim C1003), which price and batch priced in silence. Now the JZ line
says the two contradict each other: a note, the amounts as given (CMS's ASP limit x units)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa

from conftest import TESTS
from rvucalc.batch.price import BatchPricer

SHIPPED = TESTS.parent / "data"
SAID = "JZ says none of this J2185 was discarded, but a J2185-JW line of this claim and date reports a discarded amount"


def _asp_limit(code: str) -> Decimal:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(Decimal(row[3]) for row in csv.reader(handle) if row and row[0] == code)


def _line(units: int) -> Decimal:
    return (_asp_limit("J2185") * units).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_price_notes_the_jz_line(pricer: Any) -> None:
    found = pricer.price_encounter(["J2185-JZ", "J2185-JW"], zip_code="10001", date_of_service=dt.date(2026, 2, 10),
                                   setting="11", units=[10, 2])  # fmt: skip
    jz, jw = found.lines
    assert any(SAID in note for note in jz.notes), jz.notes
    assert not any(SAID in note for note in jw.notes)
    assert (jz.sites[0].allowed, jw.sites[0].allowed) == (_line(10), _line(2))  # the amounts as given
    alone = pricer.price_encounter(["J2185-JZ", "96365"], zip_code="10001", date_of_service=dt.date(2026, 2, 10),
                                   setting="11", units=[10, 1])  # fmt: skip
    assert not any(SAID in note for line in alone.lines for note in line.notes)


def test_batch_notes_the_jz_row_of_the_claim_and_date(pricer: Any) -> None:
    rows = [
        {"claim": "C1003", "date": "2026-02-10", "code": "J2185", "modifier": "JZ", "units": "10"},
        {"claim": "C1003", "date": "2026-02-10", "code": "J2185", "modifier": "JW", "units": "2"},
        {"claim": "C1004", "date": "2026-02-10", "code": "J2185", "modifier": "JZ", "units": "10"},  # no JW
        {"claim": "C1005", "date": "2026-02-10", "code": "J2185", "modifier": "JZ", "units": "10"},
        {"claim": "C1005", "date": "2026-02-11", "code": "J2185", "modifier": "JW", "units": "2"},  # another date
    ]
    for row in rows:
        row.update(zip="10001", setting="11")
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [SAID in row["note"] for row in out] == [True, False, False, False, False], [r["note"] for r in out]
    assert [row["allowed"] for row in out[:2]] == [_line(10), _line(2)]
    single = pricer.price_encounter(["J2185-JZ", "J2185-JW"], zip_code="10001", date_of_service=dt.date(2026, 2, 10),
                                    setting="11", units=[10, 2])  # fmt: skip
    assert next(n for n in single.lines[0].notes if SAID in n) in out[0]["note"]
