"""Two practitioners' credentials a podiatry practice's 'Rendering Provider' column held beside its DPMs: the PA's
doctorate after the PA-C ('REED, TINA PA-C, DMSc': a degree, the PA's 85% read from the PA-C, as 'DMSc, PA-C' was) and
Wisconsin's Advanced Practice Nurse Prescriber ('SMITH, ANN APNP': Wis. Admin. Code ch. N 8; alone an NP's, as APRN
alone is). Each left the column unread, the PA's and NP's lines priced at a physician's 100%. Each amount is checked
against CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for Wisconsin (locality 0630200, ZIP 53703 in CMS's ZIP5
file)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

WISCONSIN = "0630200"


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("REED, TINA PA-C, DMSc", "pa"), ("PA-C, DMSC", "pa"), ("PA-C, DScPAS", "pa"), ("SMITH, ANN APNP", "np"),
     ("APNP", "np"), ("APNP, FNP-BC", "np"), ("CRNA, APNP", "crna"), ("APNP, CNS", "cns")],
)  # fmt: skip
def test_the_pa_doctorate_is_a_degree_and_the_apnp_an_aprn_title(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_a_podiatry_column_with_a_pa_dmsc_and_an_apnp_is_read(tmp_path: Path) -> None:
    source = tmp_path / "podiatry.csv"
    source.write_text(
        "Claim #,DOS,Rendering Provider,Place of Service,Pt Zip,CPT,Mod 1,Units\n"
        'W1,07/07/2026,"HARTMAN, LEE DPM",11,53703,11721,Q8,1\n'
        'W2,07/07/2026,"REED, TINA PA-C, DMSc",11,53703,11721,Q8,1\n'
        'W3,07/07/2026,"SMITH, ANN APNP",11,53703,11721,Q8,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    fee = fee_2026("11721", WISCONSIN)  # POS 11: the office (non-facility) amount
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [fee, _85_percent(fee), _85_percent(fee)]
