"""An interventional pain practice's credential lists: the physician's degree beside pain medicine's certifications
and fellowships ('DO, FIPP', 'MD, ABIPP', 'MD, FIPP, CIPS'). A trial found 'DO, FIPP' and 'MD, ABIPP' unread, each row
told it was priced by the run's --provider: under `--provider np` (a file of NP lines, its physicians' cells filled)
the physician's 64483 was paid an NP's 85%. Each amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x
the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

CHICAGO = "0610216"  # ZIP 60614's locality (CMS's ZIP5 file)


@pytest.mark.parametrize(
    "cell", ["DO, FIPP", "MD, ABIPP", "MD, DABIPP", "MD, FIPP, CIPS", "MD, FASIPP", "ROE, JIM DO, FIPP"]
)
def test_an_interventional_pain_certification_beside_the_degree_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_fipp_physician_is_paid_in_full_beside_an_np_s_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "pain.csv"
    source.write_text(
        "Claim ID,DOS,Place of Service,Facility Zip,CPT/HCPCS,Mod 1,Units,Rendering Provider,Credentials\n"
        'PM1,03/02/2026,11,60614,64483,RT,1,Roe Jim,"DO, FIPP"\n'
        'PM2,03/02/2026,11,60614,64483,RT,1,Zoe Ann,"MD, ABIPP"\n'
        "PM3,03/02/2026,11,60614,64483,RT,1,Lee Karen,FNP-C\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--provider", "np"])
    assert result.exit_code == 0, result.output
    fee = fee_2026("64483", CHICAGO)
    fipp, abipp, np_row = list(csv.DictReader(out.open()))
    for row in (fipp, abipp):
        assert Decimal(row["allowed"]) == fee, row
        assert "not read" not in row["note"], row["note"]
    assert Decimal(np_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
