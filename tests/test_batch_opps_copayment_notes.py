"""`rvucalc batch` says why a hospital line's copayment is what it is, as `rvucalc price` does.

A hospital outpatient revenue integrity trial (UB-04 export, type of bill 131, Atlanta) checked copayments in batch:
33249 at ZIP 30322 in November 2025 had `opps_copayment` $1,676.00 and J0897 x 120 in August 2025 `hopd_beneficiary`
$606.00 (not 20%, $663.84), each with an empty note, where `rvucalc price` says "Copayment capped at the CY2025
inpatient deductible ($1,676.00)." (SSA §1833(t)(8)(C)(i)) and "Inflation Reduction Act coinsurance at a hospital
outpatient department (18.237%): ... $5.05 per billing unit, not 20%: $606.00 for 120 units." A line the claim's
comprehensive APC packages ($0.00) says neither. Rates and copayments from CMS's Addendum B (January and October 2025);
the wage index from CMS's CY2025 ASC wage index file (CBSA 12054), rvucalc's estimate for a hospital there.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.facility import INPATIENT_DEDUCTIBLE_CENTS

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
HEADER = "Claim Number,TOB,Facility Zip,HCPCS,Service Date,Units\n"


def _dollars(cell: object) -> Decimal:
    return Decimal(str(cell).strip().lstrip("$").replace(",", ""))


def _october(code: str) -> list[str]:
    with (DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv").open(newline="", encoding="latin-1") as f:
        return next(row for row in csv.reader(f) if row and row[0] == code)


def _january(code: str) -> tuple[object, ...]:
    book = openpyxl.load_workbook(DATA / "opps_addendum_b_2025.xlsx", read_only=True)
    try:
        return next(row for row in book.active.iter_rows(values_only=True) if row and row[0] == code)
    finally:
        book.close()


def _wage_index() -> Decimal:
    with (DATA / "asc_wage_index_2025.txt").open(encoding="latin-1") as handle:
        return Decimal(next(line.split("\t") for line in handle if line.startswith("12054\t"))[-1])


def _rows(text: str) -> list[dict[str, str]]:
    done = runner.invoke(app, ["batch", "-", "-o", "-", "-q"], input=HEADER + text)
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(done.stdout.splitlines()))


def test_a_capped_copayment_and_an_ira_copayment_are_said_on_the_hospital_s_rows() -> None:
    cap = Decimal(INPATIENT_DEDUCTIBLE_CENTS[2025]).scaleb(-2)
    icd = _october("33249")
    assert icd[2] == "J1" and _dollars(icd[7]) > cap  # the minimum copayment alone is above the deductible
    rate = (_dollars(icd[5]) * (Decimal("0.60") * _wage_index() + Decimal("0.40"))).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    drug = _january("J0897")
    per_unit, percent = _dollars(drug[9]), str(drug[8]).strip()  # Adjusted Beneficiary Copayment, IRA percentage
    rows = _rows("A,131,30322,33249,2025-11-10,1\nB,131,30303,J0897,2025-08-12,120\n")
    assert Decimal(rows[0]["opps_rate"]) == rate and Decimal(rows[0]["opps_copayment"]) == cap
    assert f"Copayment capped at the CY2025 inpatient deductible (${cap:,})." in rows[0]["note"]
    assert Decimal(rows[1]["hopd_beneficiary"]) == per_unit * 120
    assert (
        f"Inflation Reduction Act coinsurance at a hospital outpatient department ({percent}): the copayment is "
        f"Addendum B's adjusted beneficiary copayment, ${per_unit} per billing unit, not 20%: ${per_unit * 120:,} for "
        "120 units." in rows[1]["note"]
    )


def test_a_line_the_comprehensive_apc_packages_says_no_copayment_note() -> None:
    assert _october("29881")[2] == "J1" and _october("J0897")[2] == "K"
    rows = _rows("C,131,30322,29881,2025-11-10,1\nC,131,30322,J0897,2025-11-10,120\n")
    drug = rows[1]
    assert Decimal(drug["opps_rate"]) == 0 and "Packaged into the comprehensive APC" in drug["note"]
    assert "Inflation Reduction Act" not in drug["note"] and "Copayment capped" not in drug["note"]


def test_an_office_row_says_no_hospital_copayment_note() -> None:
    done = runner.invoke(
        app, ["batch", "-", "-o", "-", "-q"], input="HCPCS,POS,Zip,Date,Units\n33249,11,30322,2025-11-10,1\n"
    )
    row = next(csv.DictReader(done.stdout.splitlines()))
    assert Decimal(row["opps_copayment"]) == Decimal(INPATIENT_DEDUCTIBLE_CENTS[2025]).scaleb(-2)
    assert "Copayment capped" not in row["note"] + row["comparison_note"]
