"""24 and 57 on a procedure's line (a general surgery trial, Minneapolis, locality 06202-00).

`price 44970-24` and `price 44970-57` read "Modifier 24 is informational": both are E/M visits' modifiers ("This
modifier may only be submitted with E/M and eye exam codes", Palmetto GBA's "CPT Modifier 24" and "CPT Modifier 57"),
and a procedure in another's postoperative period carries 58, 78 or 79 (Claims Processing Manual ch. 12 §40.2.A).
Said on the procedure's line, price and batch alike; a visit's 24 or 57 keeps its note. Amounts unchanged: CMS's RVU x
GPCI x CF (RVU25A, GPCI2025), rounded half-up once.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
WHERE = {"zip_code": "55455", "date_of_service": "2025-06-02", "setting": "21"}


def _minnesota_facility(code: str) -> Decimal:
    """The PFS facility amount in Minnesota (06202-00) from RVU25A and GPCI2025, rounded half-up once."""
    with (DATA / "rvu" / "2025/PPRRVU25_JAN.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(line for line in csv.reader(handle) if line[0] == "06202" and line[2] == "00")[4:7]
    rvus = Decimal(row[5]) * Decimal(gpci[0]) + Decimal(row[8]) * Decimal(gpci[1]) + Decimal(row[10]) * Decimal(gpci[2])
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("modifier", ["24", "57"])
def test_a_visit_modifier_on_a_procedure_says_it_is_a_visit_s(pricer: Pricer, modifier: str) -> None:
    result = pricer.price(f"44970-{modifier}", **WHERE)
    said = [note for note in result.notes if f"Modifier {modifier} " in note]
    assert len(said) == 1 and "on 44970, no E/M visit" in said[0] and "Palmetto GBA" in said[0]
    assert f"Modifier {modifier} is informational" not in " ".join(result.notes)
    assert result.pfs.facility.amount == _minnesota_facility("44970") == Decimal("544.59")
    table = pa.table({"code": ["44970"], "modifier": [modifier], "zip": ["55455"], "date": ["2025-06-02"],
                      "setting": ["21"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert said[0] in str(row["note"]) and Decimal(str(row["pfs_facility_amount"])) == result.pfs.facility.amount


def test_a_visit_s_24_keeps_its_note(pricer: Pricer) -> None:
    result = pricer.price("99233-24", **WHERE)
    assert "Modifier 24 is informational: it does not change the amount." in result.notes
    assert result.pfs.facility.amount == _minnesota_facility("99233")
