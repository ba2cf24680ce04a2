"""An orthopaedic and sports medicine group's credential cells: the license beside orthopaedic surgery's and sports
medicine's fellowships and certificate ('MD, FAAOS', 'DO, FAOAO', 'MD, FABOS', 'DO, FACSM', 'MD, CAQSM', 'MD,
CAQ-SM'). A trial found a 'Rendering Provider' column of such cells beside 'PA-C' left unread, the PA's 20611-RT at
POS 11 in ZIP 75231 (2026-08-04) priced at a physician's 100%, and 'HARRIS, MARK MD, FAAOS' noted "not read" and
refused by price --provider. They are left out and the license read (lookup.credentials.NOT_PRACTITIONER_TYPES).
Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import provider_of

DALLAS = "0441211"  # ZIP 75231's locality (CMS's ZIP5 file)
CELLS = ["MD, FAAOS", "HARRIS, MARK MD, FAAOS", "DO, FAOAO", "PATEL, NINA DO, FAOAO", "MD, FABOS", "DO, FACSM",
         "MD, CAQSM", "MD, CAQ-SM", "REYES, LUIS DO, FACSM, CAQSM", "MD, FAAOS, FACSM"]  # fmt: skip


@pytest.mark.parametrize("cell", CELLS)
def test_orthopaedic_and_sports_medicine_fellowships_leave_the_license_read(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_fellowships_alone_are_no_practitioner() -> None:
    with pytest.raises(ValueError):
        provider_of("FAAOS")


@pytest.mark.parametrize("surgeon", ["MD, FAAOS", "DO, FAOAO", "MD, CAQSM"])
def test_the_pa_beside_a_fellow_s_cell_is_paid_85_percent(tmp_path: Path, surgeon: str) -> None:
    source, out = tmp_path / "ortho.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim ID,DOS,Rendering Provider,POS,Svc Facility ZIP,CPT,Mod 1,Units\n"
        f'C1,08/04/2026,"{surgeon}",11,75231,20611,RT,1\n'
        'C2,08/04/2026,"PA-C",11,75231,20611,RT,1\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    md_row, pa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("20611", DALLAS)
    assert Decimal(md_row["allowed"]) == fee and "not read" not in md_row["note"], md_row
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row


def test_price_reads_a_fellow_s_name_as_the_physician() -> None:
    result = CliRunner().invoke(
        app, ["price", "20610", "--provider", "HARRIS, MARK MD, FAAOS", "--zip", "75231", "--date", "2026-08-04"]
    )
    assert result.exit_code == 0, result.output
    assert f"${fee_2026('20610', DALLAS)}" in result.stdout
