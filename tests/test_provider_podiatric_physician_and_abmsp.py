"""A podiatry practice's provider cells for its DPMs: the titles 'Podiatric Physician' and 'Podiatric Surgeon' (a DPM is
"known also as a podiatric physician or surgeon": AACPM) in a 'Provider Type' column, and the American Board of
Multiple Specialties in Podiatry's certification after the DPM ('HARTMAN, LEE DPM, DABMSP'). A trial found each row
noted "not read as a practitioner" and priced as the run's --provider, a podiatrist's line said to name no one. Each
amount is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF) for Knoxville, TN (ZIP 37919: locality
1031235, CMS's ZIP5 file)."""

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


@pytest.mark.parametrize(
    "cell", ["Podiatric Physician", "Podiatric Surgeon", "DPM, DABMSP", "DPM, ABMSP", "HARTMAN, LEE DPM, DABMSP"]
)
def test_a_podiatric_title_or_the_abmsp_board_is_read_as_the_dpm(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize(
    ("header", "dpm", "np"),
    [("Provider Type", "Podiatric Surgeon", "Nurse Practitioner"),
     ("Provider Type", "Podiatric Physician", "Nurse Practitioner"),
     ("Rendering Provider", "HARTMAN, LEE DPM, DABMSP", "COLE, DANA APRN, FNP-C")],
)  # fmt: skip
def test_a_podiatric_title_is_the_dpm_beside_the_np(tmp_path: Path, header: str, dpm: str, np: str) -> None:
    source = tmp_path / "podiatry.csv"
    source.write_text(
        f"Claim #,DOS,{header},Place of Service,Pt Zip,CPT,Mod 1,Units\n"
        f'P1,07/07/2026,"{dpm}",11,37919,11721,Q8,1\n'
        f'P2,07/07/2026,"{np}",11,37919,11721,Q8,1\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"provider ← {header}" in result.stderr
    dpm_row, np_row = list(csv.DictReader(out.open()))
    fee = fee_2026("11721", TENNESSEE)
    assert Decimal(dpm_row["allowed"]) == fee, dpm_row
    assert "not read" not in dpm_row["note"], dpm_row
    assert Decimal(np_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row


def test_price_takes_a_podiatric_title_as_provider() -> None:
    result = CliRunner().invoke(
        app, ["price", "11721-Q8", "--zip", "37919", "--date", "2026-07-07", "--provider", "Podiatric Surgeon",
              "--setting", "11", "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert str(fee_2026("11721", TENNESSEE)) in result.stdout
