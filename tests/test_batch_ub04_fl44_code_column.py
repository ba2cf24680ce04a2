"""A UB-04 export's FL 44 column, "HCPCS/Accommodation Rates/HIPPS Rate Codes" (Claims Processing Manual ch. 25
§75.4; the form prints 'HCPCS / RATE / HIPPS CODE'), is the code column: a hospital revenue integrity trial's
export named it 'HCPCS/Rates' and was refused, "The input has no code column" (exit 2). Its rows are priced as
under a 'HCPCS' header: G0463 at ZIP 44195 (Cleveland, CBSA 17410) in March 2025, January 2025 Addendum B's
$128.87 wage-adjusted ($118.81)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ROWS = "TOB,Revenue Code,{header},Service Units,Service Facility ZIP,Service Date\n" + "".join(
    f"131,{rev},{code},1,44195,03/03/2025\n" for rev, code in (("0360", "27447"), ("0510", "G0463"), ("0278", "C1776"))
)


def _priced(tmp_path: Path, header: str) -> list[dict[str, str]]:
    source, target = tmp_path / f"{len(header)}.csv", tmp_path / f"{len(header)}-priced.csv"
    source.write_text(ROWS.format(header=header))
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert f"code ← {header}" in result.stderr
    return list(csv.DictReader(target.open()))


@pytest.mark.parametrize("header", ["HCPCS/Rates", "HCPCS / Rate / HIPPS Code",
                                    "HCPCS/Accommodation Rates/HIPPS Rate Codes"])  # fmt: skip
def test_the_fl44_column_is_read_as_the_code(tmp_path: Path, header: str) -> None:
    rows = _priced(tmp_path, header)
    plain = _priced(tmp_path, "HCPCS")
    assert [(row["opps_rate"], row["allowed"]) for row in rows] == [(row["opps_rate"], row["allowed"]) for row in plain]
    assert Decimal(rows[1]["opps_rate"]) == _clinic_visit_in_cleveland()


def _clinic_visit_in_cleveland() -> Decimal:
    """G0463's January 2025 Addendum B rate, 60% of it adjusted by CBSA 17410's CY2025 wage index."""
    book = openpyxl.load_workbook(DATA / "opps_addendum_b_2025.xlsx", read_only=True)
    national = next(Decimal(str(row[5])) for row in book.active.iter_rows(values_only=True) if row[0] == "G0463")
    wage = next(Decimal(line.split("\t")[-1]) for line in (DATA / "asc_wage_index_2025.txt").read_text(
        encoding="latin-1").splitlines() if line.split("\t")[0] == "17410")  # fmt: skip
    return (national * (Decimal("0.6") * wage + Decimal("0.4"))).quantize(Decimal("0.01"), ROUND_HALF_UP)
