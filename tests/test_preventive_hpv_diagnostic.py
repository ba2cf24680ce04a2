"""An OB/GYN trial: 87624 (HPV, high-risk types, pooled) at an independent lab read "Preventive service (Screening
for cervical cancer with HPV tests)". Medicare's screening HPV test is G0476 alone (CMS's preventive services chart,
NCD 210.2.1, CR 9434); 87624 and 87625 are diagnostic (CMS's October 2025 Addendum B: SI Q4, a packaged lab, where
G0476 and G0123 are SI A). Their CLFS rate and the patient's $0.00 (a CLFS test) are unchanged, in price and batch."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"


def _clfs_2026(code: str) -> Decimal:
    """The CLFS rate in CMS's CY2026 Q2 file (PUF_CLFS_CY2026_Q2V1.csv)."""
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[1:3] == [code, ""])
    return Decimal(row[5])


@pytest.mark.parametrize(("code", "preventive"), [("87624", False), ("87625", False), ("G0476", True)])
def test_only_g0476_is_the_screening_hpv_test(pricer: Pricer, code: str, preventive: bool) -> None:
    single = pricer.price(code, zip_code="30303", setting="81", date_of_service="2026-03-11")
    said = [note for note in single.notes if note.startswith("Preventive service")]
    assert bool(said) is preventive
    assert single.clfs is not None
    assert single.clfs.amount == _clfs_2026(code)
    assert single.clfs.beneficiary == Decimal("0.00")
    table = pa.table({"code": [code], "zip": ["30303"], "setting": ["81"], "date": ["2026-03-11"]})
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert ("Preventive service" in row["note"]) is preventive
    assert Decimal(str(row["allowed"])) == _clfs_2026(code)
    assert Decimal(str(row["beneficiary"])) == Decimal("0.00")
