"""A hospitalist group's credential lists: the Society of Hospital Medicine's fellowships after the physician's degree
('SMITH, JOHN MD, SFHM', 'MD FHM', 'MD, MHM'), CHEST's and SCCM's (FCCP, FCCM), NCCPA's hospital medicine CAQ after the
PA-C, AACN's CCRN beside an acute care NP's credential and AACN's own NP certification (ACNPC-AG). A trial found
'SMITH, JOHN MD, SFHM' unread: the whole 'Rendering Provider' column was left unread for it, and the NP's 99232 at the
hospital (POS 21) in ZIP 46601 beside it priced at a physician's 100%, where the NP's line is paid 85%. Each amount is
checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

INDIANA = "0810200"  # ZIP 46601's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("SMITH, JOHN MD, SFHM", "physician"), ("SMITH, JOHN MD FHM", "physician"),
     ("ROE, JANE MD, SFHM, FACP", "physician"), ("DOE, AL DO, MHM", "physician"), ("PATEL, ANIL MD, FCCP", "physician"),
     ("PATEL, ANIL MD, FACP, FCCM", "physician"),
     ("KHAN, RAJ PA-C, CAQ-HM", "pa"), ("LEE, ANNA ACNP-BC, CCRN", "np"), ("LEE, ANNA ACNPC-AG", "np"),
     ("LEE, ANNA AGACNP-BC, CCRN, FCCM", "np")],
)  # fmt: skip
def test_a_hospital_medicine_fellowship_or_certification_is_left_out(cell: str, kind: str) -> None:
    assert provider_of(cell) == kind


def test_an_sfhm_keeps_the_rendering_column_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    source = tmp_path / "hospitalists.csv"
    source.write_text(
        "Claim ID,DOS,CPT,Mod 1,Mod 2,POS,Units,Rendering Provider,Service Location ZIP\n"
        'HSP1,08/03/2026,99232,,,21,1,"LEE, ANNA NP",46601\n'
        'HSP2,08/03/2026,99233,,,21,1,"SMITH, JOHN MD, SFHM",46601\n'
        'HSP3,08/04/2026,99231,,,21,1,"BROWN, KIM ACNPC-AG",46601\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    np_row, md_row, acnpc_row = list(csv.DictReader(out.open()))
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99232", INDIANA, facility=True)), np_row
    assert Decimal(md_row["allowed"]) == fee_2026("99233", INDIANA, facility=True), md_row
    assert Decimal(acnpc_row["allowed"]) == _85_percent(fee_2026("99231", INDIANA, facility=True)), acnpc_row
    assert "not read" not in md_row["note"], md_row
