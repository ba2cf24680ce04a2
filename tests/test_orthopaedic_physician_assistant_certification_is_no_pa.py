"""An orthopaedic group's export names its orthopaedic physician's assistant, certified by the NBCOPA ('LEE, AMY
OPA-C'), beside its surgeons and PA-Cs. That one cell left the 'Rendering Provider' column unread, the PA-C's 20611-RT
priced at a physician's 100%. An OPA-C is no physician assistant's license: Medicare pays a PA who graduated from an
accredited PA program or passed the NCCPA's examination and is licensed by the State as a PA (42 CFR 410.74(c)):
lookup.credentials.ORTHOPAEDIC_ASSISTANTS. The row is not read (its note says why), the column is; beside a PA's
license ('PA-C, OPA-C') the PA is read. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, not_a_practitioner_reason, provider_of

DALLAS = "0441211"  # ZIP 75231's locality (CMS's ZIP5 file)
REASON = "no physician assistant's license"


@pytest.mark.parametrize("cell", ["LEE, AMY OPA-C", "OPA-C"])
def test_an_opa_c_keeps_a_column_of_names_read(cell: str) -> None:
    assert credentials_after_names(["HARRIS, MARK MD", "COLE, JENNA PA-C", cell])
    assert REASON in (not_a_practitioner_reason(cell) or "")
    with pytest.raises(ValueError):
        provider_of(cell)


def test_a_pa_who_is_an_opa_c_too_is_the_pa() -> None:
    assert provider_of("PA-C, OPA-C") == "pa"
    assert provider_of("COLE, JENNA PA-C, OPA-C") == "pa"


def test_the_pa_beside_an_opa_c_is_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "ortho.csv", tmp_path / "out.csv"
    rows = [("C1", "HARRIS, MARK MD"), ("C2", "COLE, JENNA PA-C"), ("C3", "LEE, AMY OPA-C")]
    source.write_text(
        "Claim ID,DOS,Rendering Provider,POS,Svc Facility ZIP,CPT,Mod 1,Units\n"
        + "".join(f'{claim},08/04/2026,"{who}",11,75231,20611,RT,1\n' for claim, who in rows)
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    md_row, pa_row, opa_row = list(csv.DictReader(out.open()))
    fee = fee_2026("20611", DALLAS)
    assert Decimal(md_row["allowed"]) == fee
    assert Decimal(pa_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), pa_row
    assert REASON in opa_row["note"] and "42 CFR 410.74(c)" in opa_row["note"], opa_row


def test_price_refuses_an_opa_c_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "29881-AS", "--provider", "OPA-C", "--zip", "75231"])
    assert result.exit_code == 2
    assert REASON in " ".join(result.stderr.split()), result.stderr
