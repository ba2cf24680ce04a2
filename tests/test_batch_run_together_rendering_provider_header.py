"""athenaOne's report exports write their headers run together (CLAIMID, PROCCODE, RENDERINGPROVIDER,
SUPERVISINGPROVIDER). The other roles' run-together names were read; the rendering practitioner's was neither read nor
said on stderr, and a hospitalist trial's NP 99232 at POS 21 in ZIP 46601 was priced at a physician's 100%, where an
NP's line is paid 85% of the PFS amount (42 CFR 414.56(c)). Amounts are CMS's own fees (RVU26C x the 2026 GPCIs x the
CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

INDIANA = "0810200"  # ZIP 46601's locality (CMS's ZIP5 file)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _run(tmp_path: Path, header: str) -> tuple[list[dict[str, str]], str]:
    source = tmp_path / "athena.csv"
    source.write_text(
        f"{header}\n"
        '1001,08/03/2026,99232,,21,1,"SMITH, JOHN MD","LEE, ANNA NP",46601\n'
        '1002,08/03/2026,99233,,21,1,"SMITH, JOHN MD","SMITH, JOHN MD",46601\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(out.open())), result.stderr


def test_a_run_together_rendering_provider_is_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    header = "CLAIMID,SERVICEDATE,PROCCODE,MOD1,POS,UNITS,SUPERVISINGPROVIDER,RENDERINGPROVIDER,ZIP"
    (np_row, md_row), stderr = _run(tmp_path, header)
    assert "provider ← RENDERINGPROVIDER" in stderr
    assert Decimal(np_row["allowed"]) == _85_percent(fee_2026("99232", INDIANA, facility=True)), np_row
    assert Decimal(md_row["allowed"]) == fee_2026("99233", INDIANA, facility=True), md_row


def test_a_run_together_supervising_provider_alone_is_not_the_renderer(tmp_path: Path) -> None:
    header = "CLAIMID,SERVICEDATE,PROCCODE,MOD1,POS,UNITS,SUPERVISINGPROVIDER,ATTENDINGNAME,ZIP"
    (np_row, _), stderr = _run(tmp_path, header)
    assert "provider ←" not in stderr
    assert Decimal(np_row["allowed"]) == fee_2026("99232", INDIANA, facility=True), np_row
