"""A practice's export names each line's payer ('Payer': 'Medicare', 'Humana Medicare Advantage'). No role reads it:
every row is priced by Original Medicare's fee schedules and its paid amount compared with them. An allergy group's
trial: a 'Payer' column with Medicare Advantage rows beside 'Allowed' had the plan's J2357 compared with Medicare's
ASP amount and stderr said nothing of the column; now it names it, with what an MA plan pays (its contract's amounts,
or Original Medicare's to a practice without one: 42 CFR 422.214(a)(1)). The amounts are unchanged: the J2357 line is
60 units of CMS's January 2026 ASP payment limit ($45.499 per 5 mg)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

ASP_FILE = Path(__file__).resolve().parents[1] / "data" / "asp" / "2026"


def _asp_limit(code: str) -> Decimal:
    for path in ASP_FILE.rglob("*.csv"):
        for row in csv.reader(path.open(encoding="latin-1")):
            if row and row[0] == code:
                return Decimal(row[3])
    raise AssertionError(f"{code} not in CMS's ASP file")


HEADER = (
    "Visit ID,Provider Name,CPT/HCPCS,Modifier,Date of Service,Qty,Location,POS,Patient Zip,Billed,Allowed,{payer}\n"
)
ROWS = (
    'V1,"LEE, ANN PA-C",J2357,JZ,03/03/2026,60,Bala Cynwyd Office,11,19004,4800.00,2600.00,Humana Medicare Advantage\n'
    'V2,"PATEL, RAJ MD",J2357,JZ,03/03/2026,60,Bala Cynwyd Office,11,19004,4800.00,2729.94,Medicare\n'
)


@pytest.mark.parametrize(
    "payer",
    ["Payer", "Primary Insurance", "Financial Class", "Primary Payer Name", "Primary Insurance Carrier", "Payer Type",
     "Insurance Type", "Health Plan"],
)  # fmt: skip
def test_an_unread_payer_column_is_named_beside_a_paid_column(tmp_path: Path, payer: str) -> None:
    source = tmp_path / "allergy.csv"
    source.write_text(HEADER.format(payer=payer) + ROWS)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"ignored: {payer} (the payer is not read" in result.stderr, result.stderr
    assert "42 CFR 422.214(a)(1)" in result.stderr
    expected = (_asp_limit("J2357") * 60).quantize(Decimal("0.01"), ROUND_HALF_UP)
    ma_row, medicare_row = list(csv.DictReader(out.open()))
    assert Decimal(ma_row["allowed"]) == Decimal(medicare_row["allowed"]) == expected


def test_no_payer_word_without_a_paid_amount_to_compare(tmp_path: Path) -> None:
    source = tmp_path / "allergy.csv"
    source.write_text(HEADER.format(payer="Payer") + ROWS.replace("2600.00", "").replace("2729.94", ""))
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "the payer is not read" not in result.stderr
