"""athenaOne-style run-together headers beyond 'RENDERINGPROVIDER' itself: a review found 'RENDERINGPROVIDER'
beside 'SVCPROVIDER' (both columns of credentials) left neither read, where 'Rendering Provider' beside 'Svc Provider'
reads the rendering one (batch.columns._service_last), and 'RENDERINGPROVIDERTAXONOMY' of NUCC codes neither read
nor said, where 'Rendering Provider Taxonomy' is read: in both files the NP's 99232 at POS 21 in ZIP 46601 was priced
at a physician's 100%, where an NP's line is paid 85% of the PFS amount (42 CFR 414.56(c)). Amounts are CMS's own
fees (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

INDIANA = "0810200"  # ZIP 46601's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _run(tmp_path: Path, header: str, np_cell: str, md_cell: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "athena.csv"
    source.write_text(
        f"CLAIMID,SERVICEDATE,PROCCODE,POS,UNITS,ZIP,{header}\n"
        f"1001,08/03/2026,99232,21,1,46601,{np_cell}\n"
        f"1002,08/03/2026,99233,21,1,46601,{md_cell}\n"
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


@pytest.mark.parametrize("service", ["SVCPROVIDER", "SERVICEPROVIDER"])
def test_a_run_together_rendering_provider_beside_a_run_together_service_provider_is_read(
    tmp_path: Path, service: str
) -> None:
    (np_row, md_row), stderr = _run(
        tmp_path, f"RENDERINGPROVIDER,{service}", '"LEE, ANNA NP","SMITH, JOHN MD"', '"SMITH, JOHN MD","SMITH, JOHN MD"'
    )
    assert "provider ← RENDERINGPROVIDER" in stderr
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99232", INDIANA, facility=True)), np_row
    assert Decimal(md_row["allowed"]) == fee_2026("99233", INDIANA, facility=True), md_row


def test_a_run_together_rendering_provider_taxonomy_is_read(tmp_path: Path) -> None:
    (np_row, md_row), stderr = _run(tmp_path, "RENDERINGPROVIDERTAXONOMY", "363LF0000X", "207R00000X")
    assert "provider ← RENDERINGPROVIDERTAXONOMY" in stderr
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99232", INDIANA, facility=True)), np_row
    assert Decimal(md_row["allowed"]) == fee_2026("99233", INDIANA, facility=True), md_row


@pytest.mark.parametrize("header", ["REFERRINGPROVIDERTAXONOMY", "PRIMARYPROVIDERTAXONOMY"])
def test_a_run_together_other_providers_taxonomy_stays_unread(tmp_path: Path, header: str) -> None:
    (np_row, _), stderr = _run(tmp_path, header, "363LF0000X", "207R00000X")
    assert "provider ←" not in stderr
    assert Decimal(np_row["allowed"]) == fee_2026("99232", INDIANA, facility=True), np_row
