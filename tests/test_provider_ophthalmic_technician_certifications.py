"""An eye practice's 'Provider' column of 'CHEN, DAVID MD', 'PATEL, ANITA OD', a PA's name and one ophthalmic
technician's ('LEE, KIM COA'): the technician's name left the whole column unread, so the PA's lines were priced at a
physician's 100%. A certified ophthalmic assistant or technician (COA, COT, COMT; CRA, OCT-C) bills under no number of
their own, their services incident to the physician's (lookup.credentials.NON_BILLING_TECHNICIANS): the technician's
row is not read (its note says why, as a nurse's does), the column is. Amounts are CMS's own fee (RVU26C x the 2026
GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, not_a_practitioner_reason

MIAMI = "0910204"  # ZIP 33136's locality (CMS's ZIP5 file)
NAMES = ["CHEN, DAVID MD", "PATEL, ANITA OD", "LEE, SAM PA-C"]


@pytest.mark.parametrize("technician", ["LEE, KIM COA", "ROE, AL COT", "DOE, JO COMT", "KIM, SU CRA", "FOX, LI OCT-C",
                                        "COA"])  # fmt: skip
def test_a_technician_s_cell_keeps_a_column_of_names_read(technician: str) -> None:
    assert credentials_after_names([*NAMES, technician])
    assert "ophthalmic assistant's or technician's" in (not_a_practitioner_reason(technician) or "")


def test_the_pa_beside_a_coa_is_paid_85_percent_and_the_coa_row_is_noted(tmp_path: Path) -> None:
    source, out = tmp_path / "eye.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,Pt Zip,Provider\n"
        + "".join(f'E{n},08/03/2026,92014,,1,11,33136,"{who}"\n' for n, who in enumerate([*NAMES, "LEE, KIM COA"]))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr
    md_row, od_row, pa_row, coa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("92014", MIAMI)
    assert Decimal(md_row["allowed"]) == Decimal(od_row["allowed"]) == fee
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row
    assert "not read as a practitioner" in coa_row["note"] and "ophthalmic assistant's" in coa_row["note"], coa_row
    assert Decimal(coa_row["allowed"]) == fee  # priced as the run's --provider (a physician's), as a nurse's row


def test_a_practitioner_s_license_before_a_technician_s_certification_is_read(tmp_path: Path) -> None:
    """A PA or optometrist who held a technician's certification lists it after the license ('JONES, AMY PA-C, COT',
    'PATEL, ANITA OD, CRA'): the license is read, as 'PA-C, MPAS' is, not the technician's row (a review found the
    PA's 92012 priced at a physician's 100% with the technician's note)."""
    source, out = tmp_path / "eye.csv", tmp_path / "out.csv"
    names = ["CHEN, DAVID MD, CRA", "PATEL, ANITA OD, CRA", "JONES, AMY PA-C, COT", "LEE, KIM COA"]
    source.write_text(
        "Claim No,Svc Date,Proc Code,Mod1,Qty,Place of Svc,Pt Zip,Provider\n"
        + "".join(f'E{n},08/03/2026,92012,,1,11,33136,"{who}"\n' for n, who in enumerate(names))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md_row, od_row, pa_row, coa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("92012", MIAMI)
    assert Decimal(md_row["allowed"]) == Decimal(od_row["allowed"]) == fee
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row
    assert not any("ophthalmic assistant's" in row["note"] for row in (md_row, od_row, pa_row))
    assert "ophthalmic assistant's" in coa_row["note"], coa_row
