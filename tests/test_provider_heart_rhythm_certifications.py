"""A device clinic's credential lists: the International Board of Heart Rhythm Examiners' certifications, "offered to
physicians and allied professionals" (ibhre.org, "FAQs"): the Certified Cardiac Device Specialist (CCDS, "Physician
and Allied Professional"), the Certified Electrophysiology Specialist (CEPS) and the remote monitoring specialist
(CDRMS), after the license ('PATEL, ANIL MD, CCDS', 'NP-C, CCDS', 'JONES, AMY RN, CCDS'): the license decides. A
cardiology trial (session 76): a 'Rendering Provider' column with 'RN, CCDS' beside 'FNP-BC' was left unread, the NP's
99214 at POS 11 in ZIP 43215 priced at a physician's $129.83 where an NP's line is paid 85% (42 CFR 414.56(c)):
$110.36. Amounts from CMS's own files (RVU26C x the 2026 GPCIs x the CF)."""

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


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("PATEL, ANIL MD, CCDS", "physician"), ("MD, FHRS, CCDS", "physician"), ("PATEL, ANIL MD, CEPS", "physician"),
     ("NP-C, CCDS", "np"), ("WELLS, DANA APRN, FNP-BC, CDRMS", "np")],
)  # fmt: skip
def test_an_ibhre_certification_beside_the_license_is_left_out(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


def test_a_device_nurse_s_ccds_leaves_the_column_read_and_the_np_paid_85_percent(tmp_path: Path) -> None:
    # 99214, RVU26C: work 1.92, non-facility PE 2.00, MP 0.14; OHIO GPCIs 1.000 / 0.913 / 1.008; CF 33.4009:
    # $129.83; the NP's 85%: $110.36
    source = tmp_path / "device_clinic.csv"
    source.write_text(
        "Claim ID,DOS,CPT Code,Units,POS,Rendering Provider,Service Facility ZIP\n"
        'D1,03/10/2026,99214,1,11,"JONES, AMY RN, CCDS",43215\n'
        'D2,03/10/2026,99214,1,11,"WELLS, DANA FNP-BC",43215\n'
        'D3,03/10/2026,99214,1,11,"PATEL, ANIL MD, FHRS, CCDS",43215\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    nurse, np, md = list(csv.DictReader(out.open()))
    fee = fee_2026("99214", OHIO)
    assert Decimal(np["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np
    assert Decimal(np["allowed"]) == Decimal("110.36")
    assert Decimal(md["allowed"]) == fee == Decimal("129.83"), md
    assert "nurse" in nurse["note"].lower(), nurse["note"]
