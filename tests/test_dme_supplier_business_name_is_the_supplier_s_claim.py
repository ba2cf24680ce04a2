"""A sleep medicine group with a DME arm exports its CPAP rows beside its physicians' visits, the arm named in the
provider column: 'NORTH SLEEP DME', 'DME - NORTH SLEEP', 'NORTH SLEEP DMEPOS', 'VALLEY HOME MEDICAL EQUIPMENT'. 'DME'
alone is the supplier's cell (its rows the claim "<id> (dme_supplier)"), but 'NORTH SLEEP DME' was read as a blank
practitioner's cell, the E0601-RR-KH and A7030-NU kept on the physician's visit claim 900; 'DME - NORTH SLEEP' left
the whole 'Provider' column unread. The supplier bills the DME MAC for its items, paid the fee schedule amount whoever
prescribed them (42 CFR 414.210; Claims Processing Manual ch. 20): such a name is read as 'DME' is
(lookup.credentials.dme_supplier_name). Amounts are CMS's DMEPOS26_JAN fee for MN and CMS's PFS fee."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, dme_supplier_cell, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)
NAMES = ["OLSON, ERIK MD", "HANSEN, KARI APRN, CNP"]
SUPPLIERS = ["NORTH SLEEP DME", "DME - NORTH SLEEP", "NORTH SLEEP DMEPOS", "VALLEY HOME MEDICAL EQUIPMENT"]


def _dmepos_mn(code: str, modifier: str) -> Decimal:
    sheet = openpyxl.load_workbook(DATA / "dmepos/2026/DMEPOS26_JAN.xlsx", read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header = next(row for row in rows if row and row[0] == "HCPCS")
    found = next(row for row in rows if row and row[0] == code and row[1] == modifier)
    return Decimal(str(found[header.index("MN (NR)")])).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("supplier", SUPPLIERS)
def test_a_supplier_s_business_name_is_the_supplier_s_cell(supplier: str) -> None:
    assert provider_of(supplier) is None
    assert dme_supplier_cell(supplier)
    assert credentials_after_names([*NAMES, supplier])


@pytest.mark.parametrize("other", ["OLSON, ERIK MD", "NORTH SLEEP LAB", "DME Coordinator Tech", "NORTH SLEEP DME LLC"])
def test_a_person_a_lab_or_a_practice_s_form_is_no_supplier_s_cell(other: str) -> None:
    assert not dme_supplier_cell(other)


@pytest.mark.parametrize("supplier", ["NORTH SLEEP DME", "DME - NORTH SLEEP"])
def test_the_supplier_s_rows_beside_a_visit_are_the_supplier_s_claim(tmp_path: Path, supplier: str) -> None:
    source, out, summary = tmp_path / "ecw.csv", tmp_path / "out.csv", tmp_path / "sum.json"
    source.write_text(
        "Visit ID,DOS,CPT Code,Mod1,Mod2,Qty,POS,Provider,Patient Zip,Billed,Paid\n"
        '900,20260803,99214,25,,1,11,"OLSON, ERIK MD",55455,250.00,\n'
        f"900,20260803,E0601,RR,KH,1,11,{supplier},55455,150.00,\n"
        f"900,20260803,A7030,NU,,1,11,{supplier},55455,250.00,\n"
        '902,20260803,99204,,,1,11,"HANSEN, KARI APRN, CNP",55455,350.00,\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr, result.stderr
    visit, cpap, mask, np_visit = list(csv.DictReader(out.open()))
    assert Decimal(cpap["allowed"]) == _dmepos_mn("E0601", "RR")
    assert Decimal(mask["allowed"]) == _dmepos_mn("A7030", "NU")
    assert Decimal(visit["allowed"]) == fee_2026("99214", MINNESOTA)
    np_fee = (fee_2026("99204", MINNESOTA) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(np_visit["allowed"]) == np_fee
    claims = json.loads(summary.read_text())["claims"]
    assert list(claims) == ["900 (practitioner)", "900 (dme_supplier)", "902"], list(claims)
    assert claims["900 (dme_supplier)"]["lines"] == 2
