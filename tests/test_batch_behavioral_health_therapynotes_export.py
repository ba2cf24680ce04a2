"""A behavioral health group's TherapyNotes/Valant-style export (Denver, ZIP 80203): 'Claim Number', 'Date of Service',
'Service Code', 'Modifier(s)', 'Units', 'POS', 'Clinician', 'Credentials', 'Fee', 'Insurance Paid'.

'Service Code' holds the CPT code there; rvucalc refused the file ("The input has no code column") without naming
it, as it names 'Exam Code' (a hospital's or agency's 'Service Code' may be its own number: named, not read).
'Fee' is the session's billed charge; it was passed through unread, so an LMFT's 90847 billed $20.00 and paid $15.00
was compared with 75% of CMS's fee ($83.56) and said underpaid by $68.56, where Medicare allows the lesser of the
charge (SSA §1848(a)(1); 42 CFR 414.53 for the CSW's, MFT's, MHC's 75%). Amounts: RVU26C x Colorado's 2026 GPCIs."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

runner = CliRunner()
COLORADO = "0411201"  # ZIP 80203's locality (CMS's ZIP5 file: carrier 04112, locality 01)
HEADER = "Claim Number,Date of Service,Service Code,Modifier(s),Units,POS,Clinician,Credentials,Fee,Insurance Paid\n"
LINES = (
    'TN-30018,08/03/2026,90847,,1,11,"Nguyen, Linh",LMFT,20.00,15.00\n'
    'TN-30019,08/03/2026,90837,95,1,10,"Brooks, Sam",LPC,210.00,90.00\n'
)


def _three_quarters(fee: Decimal) -> Decimal:
    return (fee * Decimal("0.75")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("name", ["Service Code", "Svc Code", "Billing Code"])
def test_a_service_code_column_is_named_in_the_no_code_column_message(tmp_path: Path, name: str) -> None:
    source = tmp_path / "therapynotes.csv"
    source.write_text(HEADER.replace("Service Code", name) + LINES)
    refused = runner.invoke(app, ["batch", str(source), "--zip", "80203", "-o", str(tmp_path / "out.csv")])
    said = " ".join(refused.stderr.split())
    assert refused.exit_code == 2 and "The input has no code column" in said
    assert f"If '{name}' holds the codes, add --columns code='{name}'." in said, said


def test_a_fee_column_is_the_charge_and_medicare_allows_the_lesser(tmp_path: Path) -> None:
    source, out = tmp_path / "therapynotes.csv", tmp_path / "out.csv"
    source.write_text(HEADER + LINES)
    done = runner.invoke(
        app, ["batch", str(source), "--zip", "80203", "-o", str(out), "--columns", "code=Service Code"]
    )
    assert done.exit_code == 0, done.output
    assert "charge ← Fee" in done.stderr
    family, telehealth = csv.DictReader(out.open())
    fee = _three_quarters(fee_2026("90847", COLORADO))  # the LMFT's 75%: $83.56
    assert family["allowed"] == str(fee) and Decimal("20.00") < fee
    assert family["expected"] == "20.00" and family["variance"] == "-5.00", family["note"]
    assert "Billed $20.00 is below the fee schedule amount" in family["note"]
    # billed above the fee schedule amount: compared with it, as before (POS 10: the office rate)
    office = _three_quarters(fee_2026("90837", COLORADO))
    assert telehealth["allowed"] == telehealth["expected"] == str(office)


def test_a_fee_beside_a_billed_amount_is_not_the_charge(tmp_path: Path) -> None:
    """'Fee' beside 'Billed Amt' (a standard fee beside the line's charge): the billed amount is the charge, the file
    is not refused as having two charge columns."""
    source, out = tmp_path / "therapynotes.csv", tmp_path / "out.csv"
    source.write_text(HEADER.replace(",Fee,", ",Fee,Billed Amt,") + LINES.replace(",20.00,", ",20.00,90.00,", 1)
                      .replace(",210.00,", ",210.00,210.00,"))  # fmt: skip
    done = runner.invoke(
        app, ["batch", str(source), "--zip", "80203", "-o", str(out), "--columns", "code=Service Code"]
    )
    assert done.exit_code == 0, done.output
    assert "charge ← Billed Amt" in done.stderr
    family, _ = csv.DictReader(out.open())
    assert family["expected"] == family["allowed"] == str(_three_quarters(fee_2026("90847", COLORADO)))


@pytest.mark.parametrize("lookalike", ["Total Chg", "Chrg Amt", "Amount Charged"])
def test_a_fee_beside_a_charge_lookalike_is_not_the_charge(tmp_path: Path, lookalike: str) -> None:
    """'Fee' beside an unread column that looks like the line's charge ('Total Chg'): the fee may be a unit's or a
    sliding scale's, the look-alike the charge. 'Fee' is not read, and the look-alike is named as before (a review:
    'Fee' 20.00 was read as the charge beside 'Total Chg' 180.00, expected $20.00 where CMS's fee allows $83.56)."""
    source, out = tmp_path / "therapynotes.csv", tmp_path / "out.csv"
    source.write_text(HEADER.replace(",Fee,", f",Fee,{lookalike},") + LINES.replace(",20.00,", ",20.00,180.00,", 1)
                      .replace(",210.00,", ",210.00,210.00,"))  # fmt: skip
    done = runner.invoke(
        app, ["batch", str(source), "--zip", "80203", "-o", str(out), "--columns", "code=Service Code"]
    )
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert "charge ← Fee" not in said
    assert f"no charge column read, though '{lookalike}' looks like one" in said, said
    family, _ = csv.DictReader(out.open())
    fee = _three_quarters(fee_2026("90847", COLORADO))
    assert family["expected"] == family["allowed"] == str(fee) == "83.56"
    # read as told, the billed total is above the fee schedule amount: compared with it
    told = runner.invoke(
        app,
        ["batch", str(source), "--zip", "80203", "-o", str(out), "--columns", f"code=Service Code,charge={lookalike}"],
    )
    assert told.exit_code == 0, told.output
    family, _ = csv.DictReader(out.open())
    assert family["charge_as_read"] == "180.00" and family["expected"] == str(fee)
