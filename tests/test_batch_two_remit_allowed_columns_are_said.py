"""A charge export with two remit allowed amounts, 'Allowed' beside 'Insurance Allowed' (batch.columns.REMIT_ALLOWED):
resolve_columns reads one alone, so the paid role was left unread and nothing compared, without a word (a review of
'Insurance Allowed' as the remit's allowed amount: 'Allowed' had been read before). Now stderr says both and how to
choose; --columns paid= reads the one named. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

DALLAS = "0441211"  # ZIP 75231's locality (CMS's ZIP5 file)


@pytest.mark.parametrize(
    ("first", "second"), [("Allowed", "Insurance Allowed"), ("Allowed", "Ins Allowed Amount"), ("Allowed", "Allowable")]
)
def test_two_remit_allowed_columns_are_said_not_passed_over(tmp_path: Path, first: str, second: str) -> None:
    fee = fee_2026("99214", DALLAS)
    source, out = tmp_path / "charges.csv", tmp_path / "out.csv"
    source.write_text(
        f"Claim #,Date of Service,Provider Credentials,Place of Service,Location ZIP,CPT Code,Modifiers,Units,Charges,"
        f"{first},{second}\n"
        f'5501,2026-08-04,MD,Office,75231,99214,25,1,"$220.00",{fee},{fee}\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"no paid column read, though '{first}' and '{second}' each look like the remit's allowed amount" in said
    assert f"--columns paid='{first}'" in said, said
    (row,) = list(csv.DictReader(out.open()))
    assert Decimal(row["allowed"]) == fee and row["variance"] == "", row

    chosen = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", f"paid={second}"])
    assert chosen.exit_code == 0, chosen.output
    assert "no paid column read" not in chosen.stderr
    (row,) = list(csv.DictReader(out.open()))
    assert Decimal(row["variance"]) == 0, row
