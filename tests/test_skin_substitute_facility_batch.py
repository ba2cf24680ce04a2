"""The parts of the skin substitute code fix outside fwound's files (other.patch): batch's ASC pays no JW units of a
2026 skin substitute (POS 24, as price's ASC), and the ASP-era rules before 2026 keep to the Q-codes the ASP file
paid (A2001 in 2025 is RVU25A's status C, priced by the MAC, not an ASP biological)."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa

from conftest import TESTS
from rvucalc.batch.price import BatchPricer

DATE = "2026-08-04"


def test_batch_asc_pays_no_discarded_units(pricer: Any) -> None:
    codes, units = ["Q4186-JZ", "Q4186-JW", "15271"], [30, 8, 1]
    single = pricer.price_encounter(codes, units=units, setting="asc", zip_code="40202", date_of_service=DATE)
    rows = [{"code": code, "units": str(count), "date": DATE, "zip": "40202", "setting": "24", "claim": "1"}
            for code, count in zip(codes, units, strict=True)]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for line, row in zip(single.lines, out, strict=True):
        assert row["asc_rate"] == line.asc.rate, row
    assert out[1]["asc_rate"] == Decimal("0.00") and out[1]["asc_allowed"] == Decimal("0.00")
    facility = sum(row["asc_rate"] * count for row, count in zip(out, units, strict=True))
    assert facility == Decimal("4038.62")  # the ASC's: 30 x $121.70 + $387.62, the 8 JW units nothing
    asc = next(site for site in single.totals.values() if site.setting == "asc")
    assert sum(row["asc_allowed"] for row in out) == asc.allowed  # with 15271's professional fee, as price's


def test_2025_a_codes_stay_the_mac_s(pricer: Any) -> None:
    with open(TESTS.parent / "data" / "rvu" / "2025" / "PPRRVU25_JAN.csv", newline="", encoding="latin-1") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0] == "A2001" and row[1] == ""]
    assert row[3] == "C"  # priced by the MAC in 2025
    single = pricer.price("A2001", zip_code="40202", date_of_service="2025-08-04")
    reason = single.pfs.non_facility.reason or ""
    assert "Priced by your Medicare contractor" in reason and "ASP" not in reason, reason
    (out,) = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"code": "A2001", "date": "2025-08-04", "zip": "40202"}])).to_pylist()  # fmt: skip
    assert "ASP" not in (out["note"] or ""), out["note"]
