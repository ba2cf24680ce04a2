"""Units as practice systems and 835 remittances write them: ``2.00``, ``1.0`` (a trial's .xlsx export: every such
line a row error, "units '2.00' must be plain digits"). A whole number with a fraction of zeros is that number; the
rest of issue 15's list ('1.5', '1e3', '1_000', '+3', non-ASCII digits) is still refused. The money is CMS's fee
(the shipped RVU and GPCI files, by CMS's formula) times the units.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.batch.dates import MAX_UNITS, parse_units
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_export_columns import _batch
from test_batch_provider_column import _cms_fee, _money

runner = CliRunner()


@pytest.mark.parametrize(("text", "units"), [("2.00", 2), ("1.0", 1), ("3.000", 3), (" 2.0 ", 2), ("007.00", 7),
                                             ("1000000.00", MAX_UNITS)])  # fmt: skip
def test_units_with_a_fraction_of_zeros_are_the_whole_number(text: str, units: int) -> None:
    assert parse_units(text) == units


@pytest.mark.parametrize("text", ["1.5", "2.01", "999999.9999", "1e3", "2.", ".0", "1_000", "٣.00", "+2.00", "-1.00",
                                  "0.00", "1000001.0", "2.0.0", "2,00"])  # fmt: skip
def test_units_that_are_no_whole_number_are_still_refused(text: str) -> None:
    with pytest.raises(ValueError, match="units"):
        parse_units(text)


def test_a_units_cell_of_2_00_prices_two_units(tmp_path: Path, pricer: Pricer) -> None:
    rows, _ = _batch(tmp_path, "CPT Code,Units,DOS,POS,Service Zip\n96372,2.00,2025-03-04,11,75901\n"
                               "96372,1.0,2025-03-04,11,75901\n")  # fmt: skip
    two, one = rows
    assert two["error"] == "" and one["error"] == ""
    fee = _cms_fee(pricer, "96372", "75901", 2025)["non_facility"]
    assert _money(one["allowed"]) == fee and _money(two["allowed"]) == 2 * fee


def test_a_parquet_output_s_units_are_the_whole_number(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    source = tmp_path / "units.csv"
    source.write_text("CPT Code,Units\n99213,2.00\n99213,1.5\n99213,3\n")
    out = tmp_path / "priced.parquet"
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1 and "(1 bad units)" in done.stderr, done.output  # 1.5
    priced = pq.read_table(out)
    assert priced.column("Units").to_pylist() == [2, None, 3]
    assert [error == "" for error in priced.column("error").to_pylist()] == [True, False, True]


def _workbook_with_decimal_units(path: Path) -> None:
    """An xlsx whose units cells are numbers saved with a decimal point (<v>2.0</v>) in a '0.00' format, as some
    practice systems write them (Excel writes <v>2</v>; openpyxl reads '2.0' as the float 2.0)."""
    book = Workbook()
    sheet = book.active
    sheet.append(["CPT Code", "Units", "DOS", "POS", "Service Zip"])
    sheet.append(["96372", 2, "2025-03-04", "11", "75901"])
    sheet["B2"].number_format = "0.00"
    book.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<v>2</v>" in sheet_xml
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.replace("<v>2</v>", "<v>2.0</v>").encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_an_xlsx_units_cell_with_a_zero_fraction_prices_its_units(tmp_path: Path, pricer: Pricer) -> None:
    source = tmp_path / "export.xlsx"
    _workbook_with_decimal_units(source)
    out = tmp_path / "priced.csv"
    result = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(out.open())
    assert row["error"] == "" and row["Units"] == "2.00"  # the cell as Excel shows it, read as 2 units
    assert _money(row["allowed"]) == 2 * _cms_fee(pricer, "96372", "75901", 2025)["non_facility"]


@pytest.mark.parametrize("text", ["0", "0.00", "00"])
def test_zero_units_say_a_line_is_billed_with_at_least_one(text: str) -> None:
    """An orthopedics export's no-charge post-op visit, 99024 with 0 units, was told only "must be a whole number from
    1 to 1000000": a no-charge service is billed with 1 unit and a $0.00 charge."""
    with pytest.raises(ValueError, match="at least 1 unit") as raised:
        parse_units(text)
    assert "99024" in str(raised.value) and "give 1" in str(raised.value) and "; " not in str(raised.value)
