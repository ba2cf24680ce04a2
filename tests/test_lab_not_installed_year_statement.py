"""A lab test of a year whose CLFS file is not installed (80053, 36415, G0480 on 2025 dates: rvucalc has the CY2026
CLFS files alone): its note said "No PFS payment: status X: Statutory exclusion: not a physician service for PFS payment
(e.g. ambulance, clinical lab)" beside "CLFS CY2025 not installed" (an independent lab's trial). It says the test is
paid from the clinical laboratory fee schedule instead, in price and batch alike, as the DME item of such a year does;
2026's row keeps CMS's rate (26CLABQ2: 80053 00010.56)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

STATUS_X = "Statutory exclusion"
STATEMENT = "Not paid under the PFS: paid from the clinical laboratory fee schedule (CLFS)"
CLFS_Q2 = Path(__file__).resolve().parents[1] / "data/clfs/2026"


def _clfs_rate(code: str) -> Decimal:
    """The RATE CMS's CY2026 Q2 CLFS CSV prints for ``code``'s row without a modifier."""
    [path] = [p for p in CLFS_Q2.rglob("*.csv") if "Q2" in p.name]
    with path.open(encoding="latin-1") as handle:
        return next(Decimal(row[5]) for row in csv.reader(handle) if len(row) > 5 and row[1] == code and not row[2])


def test_a_lab_test_of_a_year_not_installed_is_said_paid_from_the_clfs(pricer: Pricer) -> None:
    rows = [{"code": "80053", "setting": "81", "zip": "37203", "date": day} for day in ("2025-06-10", "2026-02-10")]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = [pricer.price("80053", zip_code="37203", setting="81", date_of_service=row["date"]) for row in rows]
    for line, row in zip(single, batch, strict=True):
        assert STATUS_X not in row["note"] and STATEMENT in row["note"], row["note"]
        assert STATUS_X not in " ".join(line.notes) and STATEMENT in line.notes
    assert "CLFS CY2025 not installed" in batch[0]["note"] and batch[0]["allowed"] is None
    assert [site.status for site in single[0].sites] == ["not_priced"]
    assert single[1].clfs is not None and single[1].clfs.amount == _clfs_rate("80053") == Decimal("10.56")
    assert Decimal(batch[1]["allowed"]) == single[1].clfs.amount
