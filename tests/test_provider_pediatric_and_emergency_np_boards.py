"""PNCB's Certified Pediatric Nurse Practitioner ('CPNP-PC' primary care, 'CPNP-AC' acute care), AANPCB's Emergency
Nurse Practitioner ('ENP-C') and the master's degree joined to the NP's role ('MSN-FNP') are an NP's, 85% of the PFS
amount (42 CFR 414.56(c)): a review found ``rvucalc price 99213 --zip 37919 --provider CPNP-PC`` refused (exit 2) and a
'Rendering Provider' column of them left unread. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for
Tennessee (locality 1031235, ZIP 37919)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

TENNESSEE = "1031235"


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell", ["CPNP-PC", "CPNP-AC", "CPNP", "ENP-C", "ENP-BC", "MSN-FNP", "MSN-FNP-BC", "LEE, ANN CPNP-PC",
             "DIAZ, ROB FNP-C, ENP-C"],
)  # fmt: skip
def test_pediatric_and_emergency_np_boards_are_an_np(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize("provider", ["CPNP-PC", "CPNP-AC", "ENP-C", "MSN-FNP"])
def test_price_takes_them_as_the_np(provider: str) -> None:
    result = CliRunner().invoke(
        app, ["price", "99213", "--zip", "37919", "--date", "2026-07-07", "--provider", provider, "--setting", "11",
              "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(_85_percent(fee_2026("99213", TENNESSEE))) in json.dumps(json.loads(result.stdout))


def test_a_pediatric_column_of_them_is_read(tmp_path: Path) -> None:
    source = tmp_path / "peds.csv"
    source.write_text(
        "Claim #,DOS,Rendering Provider,Place of Service,Pt Zip,CPT,Units\n"
        'C1,07/07/2026,"PATEL, ANIL MD",11,37919,99213,1\n'
        'C2,07/07/2026,"LEE, ANN CPNP-PC",11,37919,99213,1\n'
        'C3,07/07/2026,"KIM, JO CPNP-AC",11,37919,99213,1\n'
        'C4,07/07/2026,"DIAZ, ROB ENP-C",11,37919,99213,1\n'
        'C5,07/07/2026,"ROE, EVE MSN-FNP",11,37919,99213,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    visit = fee_2026("99213", TENNESSEE)
    assert [Decimal(row["allowed"]) for row in csv.DictReader(out.open())] == [visit] + [_85_percent(visit)] * 4
