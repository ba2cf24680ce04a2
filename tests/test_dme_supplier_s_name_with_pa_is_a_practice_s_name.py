"""A DMEPOS supplier's name with its entity's form PA (session 73's review of the sleep group's DME names).

'NORTH SLEEP DME, PA': a DMEPOS supplier's name ('NORTH SLEEP DME', lookup.credentials.dme_supplier_name) with its
entity's form, a professional association, as 'SUNRISE SLEEP LAB, PA' is an IDTF's: a practice's name, not a physician
assistant's credential (CMS-855I, "professional association"; the PA's 85% is the physician assistant's own services',
SSA §1833(a)(1)(O)(i)). It was read as a PA, its 99204 priced at 85%. Amounts are CMS's own fee (RVU26C x the 2026
GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import business_name, provider_of

MINNESOTA = "0620200"  # ZIP 55455's locality (CMS's ZIP5 file)
HEADER = "Visit ID,DOS,CPT Code,Mod1,Mod2,Qty,POS,Provider,Patient Zip,Billed\n"


def _np(code: str) -> Decimal:
    return (fee_2026(code, MINNESOTA) * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("name", ["NORTH SLEEP DME, PA", "NORTH SLEEP DME PA", "ACME DMEPOS, P.A."])
def test_a_dme_supplier_s_name_with_pa_is_a_practice_s_name(name: str) -> None:
    assert business_name(name)
    with pytest.raises(ValueError):
        provider_of(name)  # no physician assistant's


def test_a_dme_supplier_s_name_with_pa_is_not_priced_at_a_pa_s_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "ecw.csv", tmp_path / "out.csv"
    source.write_text(
        HEADER + '900,20260803,99204,,,1,11,"NORTH SLEEP DME, PA",55455,350.00\n'
        '901,20260803,99204,,,1,11,"HANSEN, KARI APRN, CNP",55455,350.00\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    practice, np_visit = list(csv.DictReader(out.open()))
    assert Decimal(practice["allowed"]) == fee_2026("99204", MINNESOTA), practice  # --provider's: a physician's
    assert Decimal(np_visit["allowed"]) == _np("99204")
