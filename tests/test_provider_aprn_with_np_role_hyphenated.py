"""The APRN's title with the nurse practitioner's role after it in one hyphenated word, as a State's license writes it
('COLE, DANA APRN-FNP', 'APRN-FNP-BC', 'ARNP-FNP-C'): an NP's, 85% of the PFS amount (42 CFR 414.56(c)), as 'APRN,
FNP-C' in two words is. A podiatry trial's 'Rendering Provider' column of two DPMs and 'COLE, DANA APRN-FNP' was left
unread for it, the NP's 11721-Q8 at POS 11 and 99308 at POS 32 in ZIP 37919 (2026-07-07) priced at a physician's 100%.
Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for Tennessee (locality 1031235, ZIP
37919 in CMS's ZIP5 file)."""

from __future__ import annotations

import csv
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
    "cell", ["COLE, DANA APRN-FNP", "APRN-FNP", "APRN-FNP-BC", "APRN-FNP-C", "ARNP-FNP-C", "APRN-AGPCNP-BC"]
)
def test_the_aprn_with_an_np_role_after_a_hyphen_is_an_np(cell: str) -> None:
    assert provider_of(cell) == "np"


def test_the_aprn_with_another_role_keeps_that_role() -> None:
    assert [provider_of(cell) for cell in ("APRN-CNS", "APRN-CNM", "APRN-CRNA")] == ["cns", "cnm", "crna"]


def test_a_podiatry_column_with_an_aprn_fnp_is_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "podiatry.csv"
    source.write_text(
        "Claim #,DOS,Rendering Provider,Place of Service,Pt Zip,CPT,Mod 1,Units\n"
        'P1,07/07/2026,"HARTMAN, LEE DPM",11,37919,11721,Q8,1\n'
        'P2,07/07/2026,"BRENNAN, SARA DPM",11,37919,11721,Q8,1\n'
        'P3,07/07/2026,"COLE, DANA APRN-FNP",11,37919,11721,Q8,1\n'
        'P4,07/07/2026,"COLE, DANA APRN-FNP",32,37919,99308,,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    rows = list(csv.DictReader(out.open()))
    nail = fee_2026("11721", TENNESSEE)  # POS 11: the office (non-facility) amount
    visit = fee_2026("99308", TENNESSEE)  # POS 32 (nursing facility) is paid as the office
    assert [Decimal(row["allowed"]) for row in rows] == [nail, nail, _85_percent(nail), _85_percent(visit)]


def test_price_takes_aprn_fnp_as_the_np() -> None:
    result = CliRunner().invoke(
        app, ["price", "11721-Q8", "--zip", "37919", "--date", "2026-07-07", "--provider", "APRN-FNP",
              "--setting", "11", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(_85_percent(fee_2026("11721", TENNESSEE))) in result.stdout
