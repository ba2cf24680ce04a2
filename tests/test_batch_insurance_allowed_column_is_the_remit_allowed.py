"""A practice system's charge export with the payer's amounts as 'Insurance Allowed' and 'Insurance Payments' (an
orthopaedic group's, beside 'Charges'): neither was read, stderr offered the payments column alone ("if it is the
payer's paid amount, say so with --columns paid='Insurance Payments'"), and that reading compared Medicare's share
with the allowed amount, every line "underpaid" by its coinsurance. 'Insurance Allowed' is the remit's allowed amount
(batch.columns.REMIT_ALLOWED), compared with allowed, and 'Insurance Payments' named as the paid amount not read, as
'Allowed' beside 'Paid' is. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

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
    ("allowed", "payments"),
    [("Insurance Allowed", "Insurance Payments"), ("Ins Allowed", "Ins Payments"),
     # other exports' spellings: neither column was read, nothing compared
     ("Insurance Allowable", "Ins Pmts"), ("Primary Insurance Allowed", "Insurance Payments"),
     ("Insurance Allowed", "Ins Pmts")],
)  # fmt: skip
def test_the_insurance_allowed_column_is_compared_with_allowed(tmp_path: Path, allowed: str, payments: str) -> None:
    fee = fee_2026("99214", DALLAS)
    share = (fee * Decimal("0.8") * Decimal("0.98")).quantize(Decimal("0.01"))
    source, out = tmp_path / "charges.csv", tmp_path / "out.csv"
    source.write_text(
        f"Claim #,Date of Service,Provider Credentials,Place of Service,Location ZIP,CPT Code,Modifiers,Units,Charges,"
        f"{allowed},{payments}\n"
        f'5501,2026-08-04,MD,Office,75231,99214,25,1,"$220.00",{fee},{share}\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"paid ← {allowed}" in said, said
    assert f"'{payments}' is not read" in said and "--paid-is medicare" in said, said
    (row,) = list(csv.DictReader(out.open()))
    assert Decimal(row["allowed"]) == fee
    assert Decimal(row["variance"]) == 0, row
