"""An FQHC/RHC trial (a New Mexico health center): 36415 at POS 50 beside G0467 and 99214 showed the CLFS amount,
$9.34, with only the clinic's caveat, read as what Medicare pays for the draw. Lab tests are not RHC/FQHC services and
are billed apart, but venipuncture is included in the clinic's AIR or PPS when furnished by its practitioner or
incident to its service (Benefit Policy Manual ch. 13 §60.1, as NGS restates it): the note says so, price and batch
alike. The amount is CMS's CLFS rate, unchanged (the 2026 CLFS file's RATE); the lab test beside it keeps its note."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import CLINIC_PFS_CLAUSE, CLINIC_VENIPUNCTURE_CLAUSE

CLFS = Path(__file__).resolve().parents[1] / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"
LAS_CRUCES, DATE = "88001", "2026-02-03"


def _clfs(code: str) -> Decimal:
    with CLFS.open(encoding="latin-1", newline="") as handle:
        return Decimal(next(row for row in csv.reader(handle) if row[1:3] == [code, ""])[5])


def _row(pricer: Any, code: str, pos: str) -> dict[str, Any]:
    table = pa.Table.from_pylist([{"code": code, "date": DATE, "zip": LAS_CRUCES, "setting": pos}])
    return BatchPricer(pricer).price_table(table).to_pylist()[0]  # type: ignore[no-any-return]


@pytest.mark.parametrize("pos", ["50", "72"])
def test_clinic_venipuncture_is_said_to_be_in_the_clinic_s_payment(pricer: Any, pos: str) -> None:
    single = pricer.price("36415", zip_code=LAS_CRUCES, date_of_service=DATE, setting=pos)
    row = _row(pricer, "36415", pos)
    for said in (" ".join(single.notes), row["note"]):
        assert CLINIC_VENIPUNCTURE_CLAUSE in said and "ch. 13 §60.1" in said, said
    assert single.sites[0].total == _clfs("36415") == Decimal(str(row["allowed"]))


def test_the_lab_test_and_the_office_draw_are_not_told(pricer: Any) -> None:
    lab = _row(pricer, "80053", "50")
    assert CLINIC_VENIPUNCTURE_CLAUSE not in lab["note"] and CLINIC_PFS_CLAUSE not in lab["note"]
    office = pricer.price("36415", zip_code=LAS_CRUCES, date_of_service=DATE, setting="11")
    assert CLINIC_VENIPUNCTURE_CLAUSE not in " ".join(office.notes) and office.sites[0].total == _clfs("36415")
    assert "; " not in CLINIC_VENIPUNCTURE_CLAUSE  # batch's note column joins a row's notes with "; "
