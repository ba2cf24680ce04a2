"""A year column's cell as Excel exports a number ('2025.0') was refused as bad_date while the same file's minutes
'95.0' read as 95 (a revenue-cycle trial). A year with a fraction of zeros is that year, in a CSV and in a workbook
cell formatted with decimals; '2025.5' is still no year. The amounts are the year's, as `price --year 2025` gives."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def _rows(path: Path) -> list[dict[str, str]]:
    target = path.with_name("out.csv")
    done = runner.invoke(app, ["batch", str(path), "-o", str(target)])
    assert done.exit_code in (0, 1), done.output
    return list(csv.DictReader(target.open()))


def test_a_year_cell_with_a_zero_fraction_is_that_year(pricer: Pricer, tmp_path: Path) -> None:
    cms = pricer.price("99213", zip_code="10001", year=2025)
    source = tmp_path / "years.csv"
    source.write_text("code,year,zip,pos\n99213,2025.0,10001,11\n99213,2025,10001,11\n99213,2025.00,10001,11\n"
                      "99213,2025.5,10001,11\n")  # fmt: skip
    zero, plain, two, half = _rows(source)
    for row in (zero, plain, two):
        assert row["error"] == "" and row["release"] == cms.release
        assert Decimal(row["allowed"]) == cms.pfs.non_facility.amount
    assert zero["year"] == "2025.0"  # the input's cell is kept as written
    assert half["error_kind"] == "bad_date" and "2025.5" in half["error"]


def test_a_workbook_year_cell_formatted_with_decimals_is_that_year(pricer: Pricer, tmp_path: Path) -> None:
    cms = pricer.price("99213", zip_code="10001", year=2025)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CPT", "Year", "ZIP", "POS"])
    sheet.append(["99213", 2025.0, "10001", 11])
    sheet.cell(row=2, column=2).number_format = "0.0"  # shown, and read, as 2025.0
    source = tmp_path / "years.xlsx"
    workbook.save(source)
    [row] = _rows(source)
    assert row["error"] == "" and row["release"] == cms.release
    assert Decimal(row["allowed"]) == cms.pfs.non_facility.amount
