"""A file with both a 'Rendering Provider' and a 'Service Provider' of names with credentials reads the rendering one
(batch.columns._service_last), as it did before 'Service Provider' was read: a review found neither read there (two
columns naming the practitioner), its NP's 99213 priced at a physician's 100%, not 85% (SSA §1833(a)(1)(O)). The
amounts compared are CMS's: RVU26C x the 2026 GPCIs of INDIANA (0810200)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cms_fees import fee_2026
from conftest import run_batch_rows


def test_the_rendering_provider_beside_a_service_provider_is_read(tmp_path: Path) -> None:
    rows = [{"Claim ID": "C1", "HCPCS": "99213", "DOS": "2026-03-16", "POS": "11", "ZIP": "46601",
             "Rendering Provider": "LEE, AMY NP", "Service Provider": "LEE, AMY NP"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "provider ← Rendering Provider" in done.stderr
    share = (fee_2026("99213", "0810200") * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(out[0]["allowed"]) == share


def test_a_credentials_column_s_blank_cell_reads_the_rendering_provider_s_name(tmp_path: Path) -> None:
    rows = [{"Claim ID": "C1", "HCPCS": "99213", "DOS": "2026-03-16", "POS": "11", "ZIP": "46601", "Credentials": "",
             "Rendering Provider": "LEE, AMY NP", "Service Provider": "LEE, AMY NP"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    share = (fee_2026("99213", "0810200") * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(out[0]["allowed"]) == share and "Provider read from Rendering Provider" in out[0]["note"]
