"""The MBChB (Medicinae Baccalaureus, Baccalaureus Chirurgiae) and MBBCh are the MBBS by other initials, a licensed
international medical graduate's medical degree: a physician's (42 CFR 410.20(b)(1)), as the MBBS is. 'OKAFOR, EMEKA
MBCHB' left a whole 'Rendering Provider' column unread, its PA's, APN's and CSW's lines priced at 100%. Amounts:
RVU26C x Ohio's 2026 GPCIs x the CF (cms_fees)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, credentials_alone, provider_of

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file)
runner = CliRunner()


def _share(fee: Decimal, share: str) -> Decimal:
    return (fee * Decimal(share)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize("cell", ["MBChB", "OKAFOR, EMEKA MBCHB", "MBBCh", "JONES, RHYS MBBCH", "MBChB, MD"])
def test_the_degree_is_a_physician_s(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_column_of_them_is_read() -> None:
    assert credentials_alone(["MBChB", "PA-C", "LCSW"])
    assert credentials_after_names(["OKAFOR, EMEKA MBCHB", "REED, TINA PA-C"])


def test_a_rendering_provider_column_with_an_mbchb_prices_each_line_as_its_practitioner_s(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Units,POS,Rendering Provider\n"
        '700101,08/03/2026,99213,1,11,"OKAFOR, EMEKA MBCHB"\n'
        '700102,08/03/2026,99213,1,11,"REED, TINA PA-C"\n'
        '700103,08/03/2026,90834,1,11,"SMITH, JOHN LCSW, PHD"\n'
        '700104,08/03/2026,90834,1,11,"DOE, JANE PHD, HSPP"\n'
    )
    done = runner.invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr, done.stderr
    physician, pa, csw, psychologist = csv.DictReader(out.open())
    visit, therapy = fee_2026("99213", OHIO), fee_2026("90834", OHIO)
    assert Decimal(physician["allowed"]) == visit == Decimal("90.97"), physician
    assert Decimal(pa["allowed"]) == _share(visit, "0.85") == Decimal("77.32"), pa
    assert Decimal(csw["allowed"]) == _share(therapy, "0.75") == Decimal("83.62"), csw
    assert Decimal(psychologist["allowed"]) == therapy == Decimal("111.49"), psychologist
