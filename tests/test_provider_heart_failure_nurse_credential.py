"""A cardiology group's heart failure NP: the American Association of Heart Failure Nurses' certification (CHFN, and
CHFN-K, its knowledge-based form) is a registered nurse's ("Hold a current, active RN license", aahfn.org,
"Re-certification Eligibility"), listed beside the NP's license ('WELLS, DANA NP-C, CHFN'). A cardiology trial
(session 76): 'NP-C, CHFN' was not read, the NP's 99214 at POS 11 in ZIP 43215 priced at a physician's 100% ($129.83)
where an NP's line is paid 85% (42 CFR 414.56(c)): $110.36. Alone after a name ('SMITH, TARA CHFN') the cell is a
nurse's, and the column of names beside it stays read. Amounts from CMS's own files (RVU26C x the 2026 GPCIs x CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file: 15202 / 00)


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("cell", ["WELLS, DANA NP-C, CHFN", "NP-C, CHFN", "APRN, FNP-BC, CHFN", "ACNP-BC, CHFN-K"])
def test_the_heart_failure_nurse_certification_beside_the_np_s_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize("cell", ["CHFN", "CHFN-K"])
def test_the_certification_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError):
        provider_of(cell)


def test_a_heart_failure_np_is_paid_85_percent_and_a_chfn_nurse_leaves_the_column_read(tmp_path: Path) -> None:
    # 99214, RVU26C: work 1.92, non-facility PE 2.00, MP 0.14; OHIO GPCIs 1.000 / 0.913 / 1.008; CF 33.4009:
    # $129.83; the NP's 85%: $110.36
    source = tmp_path / "cardio.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Rendering Provider,Service Facility ZIP\n"
        'H1,03/10/2026,99214,,1,11,"WELLS, DANA NP-C, CHFN",43215\n'
        'H2,03/10/2026,99214,,1,11,"PATEL, ANIL MD",43215\n'
        'H3,03/10/2026,99214,,1,11,"SMITH, TARA APRN-CNP",43215\n'
        'H4,03/10/2026,93793,,1,11,"JONES, AMY RN, CHFN",43215\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    chfn_np, md, np, nurse = list(csv.DictReader(out.open()))
    assert Decimal(chfn_np["allowed"]) == _85_percent(fee_2026("99214", OHIO)) == Decimal("110.36"), chfn_np
    assert Decimal(md["allowed"]) == fee_2026("99214", OHIO), md
    assert Decimal(np["allowed"]) == _85_percent(fee_2026("99214", OHIO)), np
    assert "not read as a practitioner" not in chfn_np["note"], chfn_np["note"]
    assert "nurse" in nurse["note"].lower(), nurse["note"]
