"""'CLINICAL LAB': CMS's specialty 69 "Clinical Laboratory" as a practice's export shortens it (session 73's review of
the sleep group's lab names), read as 'CLINICAL LABORATORY' is: a blank cell, a lab test being paid the CLFS amount
whoever bills it (SSA §1833(h)). Its words are all a lab's and their qualifiers, so ``independent_lab_name`` did not
read it: it left the whole 'Provider' column unread, the NP's 99204 beside it priced at a physician's 100%. Amounts are
CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import lab_cell, no_practitioner_reason, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)


@pytest.mark.parametrize("lab", ["CLINICAL LAB", "Clinical Lab"])
def test_clinical_lab_is_read_as_clinical_laboratory(lab: str) -> None:
    assert provider_of(lab) is None
    assert not lab_cell(lab)  # as 'CLINICAL LABORATORY': no independent lab's claim of its own
    assert no_practitioner_reason(lab) == no_practitioner_reason("CLINICAL LABORATORY")


def test_clinical_lab_beside_names_keeps_the_provider_column_read(tmp_path: Path) -> None:
    source, out = tmp_path / "ecw.csv", tmp_path / "out.csv"
    source.write_text(
        "Visit ID,DOS,CPT Code,Mod1,Mod2,Qty,POS,Provider,Patient Zip,Billed\n"
        '902,20260803,99204,,,1,11,"HANSEN, KARI APRN, CNP",55455,350.00\n'
        "902,20260803,80053,,,1,11,CLINICAL LAB,55455,30.00\n"
        '903,20260803,99214,,,1,11,"OLSON, ERIK MD",55455,250.00\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Provider" in result.stderr, result.stderr
    np_visit, _, md_visit = list(csv.DictReader(out.open()))
    visit = (fee_2026("99204", MINNESOTA) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(np_visit["allowed"]) == visit, np_visit
    assert Decimal(md_visit["allowed"]) == fee_2026("99214", MINNESOTA)
