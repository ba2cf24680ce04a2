"""The territories' facility rates are wage-adjusted by their rural wage index, as CMS's wage index files list them
("48 VIRGIN ISLANDS", "65 GUAM"): OMB's delineation, whence rvucalc's state names come, has no county there, and
the rates were national with "no wage index for rural None". HUD's crosswalk puts Guam's ZIPs in an American Samoa
county (60010): they are read as Guam, and said so. Single lookups and batch alike."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.paths import data_dir


def _rural_index(year: int, code: str) -> Decimal:
    """The rural wage index CMS's file gives the territory (the 2-digit code)."""
    path = data_dir() / "opps" / str(year) / (f"asc_wage_index_{year}" + (".txt" if year == 2025 else ".csv"))
    with path.open(newline="", encoding="latin-1") as handle:
        rows = list(csv.reader(handle, delimiter="\t" if year == 2025 else ","))
    (value,) = {row[2].strip() for row in rows if row and row[0].strip().strip('"') == code}
    return Decimal(value)


@pytest.mark.parametrize(
    ("zip_code", "code", "date"),
    [
        ("00802", "48", "2025-11-05"),
        ("00802", "48", "2026-03-05"),
        ("96910", "65", "2025-11-05"),
        ("96910", "65", "2026-03-05"),
        ("00801", "48", "2025-11-05"),  # 00801 and 96932 are not in HUD's crosswalk at all: CMS's ZIP5 file
        ("96932", "65", "2026-03-05"),  # places them in the territory
    ],
)
def test_the_territory_s_rural_wage_index_adjusts_its_facility_rates(
    pricer: Any, zip_code: str, code: str, date: str
) -> None:  # fmt: skip
    expected = _rural_index(int(date[:4]), code)
    line = pricer.price("66984", zip_code=zip_code, date_of_service=date)
    assert line.asc.wage_index == expected and line.asc.rate != line.asc.national_rate
    assert not any("no wage index" in warning for warning in line.warnings)
    assert ("Guam (66010) is used" in " ".join(line.notes)) is (zip_code == "96910")
    assert ("not in HUD's ZIP-county crosswalk" in " ".join(line.notes)) is (zip_code in ("00801", "96932"))
    [row] = BatchPricer(pricer).price_table(pa.Table.from_pylist([{"code": "66984", "zip": zip_code, "date": date}]))\
        .to_pylist()  # fmt: skip
    assert Decimal(str(row["asc_rate"])) == line.asc.rate
