"""A Medicare Advantage plan's payment-integrity export names the rendering practitioner by NUCC taxonomy code alone
('Rendering Provider Taxonomy'): the column was said unread, so its nurse practitioners' lines (363LF0000X) were priced
at a physician's 100% where CMS pays an NP 85%, unless the analyst added --columns provider=... A column named for the
rendering provider's taxonomy whose cells are taxonomy codes, one of them a practitioner rvucalc reads, is read as the
provider column now, as a 'Rendering Provider' column of credentials is (amounts: CMS's, RVU26C x the 2026 Chicago
GPCIs x CF, ``cms_fees``)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import CENT, fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO


def _batch(tmp_path: Path, header: str, cells: list[str]) -> tuple[list[dict[str, str]], str]:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        f"Claim Number,From Date,HCPCS,Place of Service,Member ZIP,{header}\n"
        + "".join(f"C{n},{DATE},99213,11,{ZIP},{cell}\n" for n, cell in enumerate(cells))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        return list(csv.DictReader(handle)), done.output


def test_a_rendering_taxonomy_column_is_the_provider_column(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, "Rendering Provider Taxonomy", ["207Q00000X", "363LF0000X", "103T00000X"])
    assert "provider ← Rendering Provider Taxonomy" in stderr
    fee = fee_2026("99213", LOCALITY)
    np_share = (fee * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, np_share, fee]
    assert "not read" not in rows[0]["note"] and "not read" not in rows[1]["note"]
    assert "'103T00000X' not read" in rows[2]["note"]  # a taxonomy rvucalc does not read: priced as --provider, noted


def test_a_billing_provider_taxonomy_is_not_the_rendering_practitioner(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, "Billing Provider Taxonomy", ["207Q00000X", "363LF0000X"])
    assert "provider ←" not in stderr and "'Billing Provider Taxonomy' is not read" in stderr
    assert [Decimal(row["allowed"]) for row in rows] == [fee_2026("99213", LOCALITY)] * 2


def test_a_taxonomy_column_of_other_words_is_not_read(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, "Rendering Taxonomy", ["207Q00000X", "Family Medicine"])
    assert "provider ←" not in stderr and "'Rendering Taxonomy' is not read" in stderr
    assert [Decimal(row["allowed"]) for row in rows] == [fee_2026("99213", LOCALITY)] * 2


def test_a_rendering_provider_column_of_credentials_wins(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, "Rendering Provider,Rendering Taxonomy", ["MD,363LF0000X", "PA-C,207Q00000X"])
    assert "provider ← Rendering Provider" in stderr and "provider ← Rendering Taxonomy" not in stderr
    fee = fee_2026("99213", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows] == [fee, (fee * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP)]


def test_a_primary_provider_taxonomy_is_the_patient_s_pcp_not_the_rendering_practitioner(tmp_path: Path) -> None:
    """A 'Primary Provider Taxonomy' is the patient's primary (care) provider's: an NP PCP's 363L00000X would price a
    physician's lines at 85%. Said, not read; a rendering practitioner's primary taxonomy is read."""
    rows, stderr = _batch(tmp_path, "Primary Provider Taxonomy", ["363L00000X", "363L00000X"])
    assert "provider ←" not in stderr and "'Primary Provider Taxonomy' is not read" in stderr
    assert [Decimal(row["allowed"]) for row in rows] == [fee_2026("99213", LOCALITY)] * 2
    rows, stderr = _batch(tmp_path, "Rendering Provider Primary Taxonomy", ["363L00000X", "207Q00000X"])
    assert "provider ← Rendering Provider Primary Taxonomy" in stderr
    fee = fee_2026("99213", LOCALITY)
    assert [Decimal(row["allowed"]) for row in rows] == [(fee * Decimal("0.85")).quantize(CENT, ROUND_HALF_UP), fee]
