"""An infusion export writes a clotting factor's units of 1 IU grouped by thousands ('3,000', '12,000': J7192, Factor
VIII recombinant, billed per 1 IU in CMS's January 2026 ASP file), as it writes its charge ('$28,400.00'), which batch
read; the units were a row error ("units '3,000' must be a whole number ..."). A comma-grouped whole number is read as
that number, in batch and in price --units alike (batch.dates.whole_number); issue 15's rule stands for every other
text: ASCII digits only, '1,20', '1,2000', '1_000', '1e3' and '999999.9999' stay errors. Amounts: the ASP file's
payment limit x the units, rounded once half-up."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.dates import parse_units
from rvucalc.cli import app

ASP_FILE = (Path(__file__).resolve().parents[1] / "data" / "asp" / "2026"
            / "section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv")  # fmt: skip
runner = CliRunner()


def _limit(code: str) -> Decimal:
    with ASP_FILE.open(encoding="latin-1", newline="") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0] == code]
    assert row[2] == "1 IU", row  # billed per 1 IU
    return Decimal(row[3])


def _amount(units: int) -> Decimal:
    return (_limit("J7192") * units).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(("text", "units"), [("1,200", 1200), ("12,000", 12000), ("1,000,000", 1_000_000),
                                             ("3,000.00", 3000), (" 3,000 ", 3000)])  # fmt: skip
def test_units_written_with_thousands_separators_are_read(text: str, units: int) -> None:
    assert parse_units(text) == units


@pytest.mark.parametrize("text", ["1,20", "1,2000", ",200", "1,0000", "1_000", "1e3", "999999.9999", "1,000,001"])
def test_other_units_texts_stay_errors(text: str) -> None:
    with pytest.raises(ValueError):
        parse_units(text)


def test_batch_reads_a_drug_s_comma_grouped_units(tmp_path: Path) -> None:
    source, out = tmp_path / "infusion.csv", tmp_path / "out.csv"
    source.write_text(
        "CPT,DOS,Units,Zip Code,Charge\n"
        'J7192,2026-03-02,"3,000",10001,"$28,400.00"\n'
        'J7192,2026-03-02,"12,000",10001,\n'
        'J7192,2026-03-02,"1,20",10001,\n'
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    three, twelve, bad = csv.DictReader(out.open())
    assert three["error"] == "" and Decimal(three["drug_amount"]) == _amount(3000) == Decimal("4773.00"), three
    assert twelve["error"] == "" and Decimal(twelve["drug_amount"]) == _amount(12000), twelve
    assert bad["error_kind"] == "bad_units", bad
    assert done.exit_code == 1  # the '1,20' row's error


def test_price_units_reads_comma_grouped_units_as_batch_does() -> None:
    done = runner.invoke(app, ["price", "J7192", "--units", "3,000", "--zip", "10001", "--date", "2026-03-02"])
    assert done.exit_code == 0, done.output
    assert "$4,773.00" in done.stdout


@pytest.mark.parametrize("fmt", ["parquet", "xlsx"])
def test_comma_grouped_units_are_the_number_in_parquet_and_xlsx_output(tmp_path: Path, fmt: str) -> None:
    """The row priced at '3,000' units keeps 3000 in a typed output's units column, as '3000' does (Parquet wrote null,
    xlsx the text '3,000' beside 3000 as a number, which a SUM leaves out); '1,20' stays the text it was."""
    source, out = tmp_path / "infusion.csv", tmp_path / f"out.{fmt}"
    source.write_text("CPT,DOS,Units,Zip Code\n"
                      'J7192,2026-03-02,"3,000",10001\nJ7192,2026-03-02,3000,10001\n'
                      'J7192,2026-03-02,"1,200.00",10001\nJ7192,2026-03-02,"1,20",10001\n')  # fmt: skip
    runner.invoke(app, ["batch", str(source), "-o", str(out)])
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        units, amounts = table.column("Units").to_pylist(), table.column("drug_amount").to_pylist()
        assert units == [3000, 3000, 1200, None], units
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(out).active
        header = [cell.value for cell in sheet[1]]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
        units = [row[header.index("Units")] for row in rows]
        amounts = [row[header.index("drug_amount")] for row in rows]
        assert units == [3000, 3000, 1200, "1,20"], units
    assert Decimal(str(amounts[0])) == Decimal(str(amounts[1])) == _amount(3000)
