"""A social worker's certifications after the license in a post-acute group's credential cell ('LCSW, CCM', 'LICSW,
ACSW', 'LCSW, ACHP-SW'): the Commission for Case Manager Certification's CCM and NASW's credentials are certifications,
not a type Medicare enrols or pays by, so the license beside them is read. A post-acute physician group's trial found
'LCSW, CCM' unread: the clinical social worker's 90837 at a nursing facility (POS 32, ZIP 15213, Rest of Pennsylvania)
priced at a physician's 100%, where a clinical social worker's line is paid 75% of the fee (42 CFR 414.53). Each amount
is checked against CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

REST_OF_PENNSYLVANIA = "1250299"  # ZIP 15213's locality (CMS's ZIP5 file)


def _75_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.75")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize(
    "cell",
    ["LCSW, CCM", "LICSW, ACSW", "LCSW, ACHP-SW", "LCSW-C, C-SWCM", "LCSW, DCSW", "LCSW, CSW-G", "CHP-SW, LCSW",
     "LCSW, C-ASWCM, QCSW", "LCSW, C-SWHC", "LMFT, CCM", "LPC, CCM"],
)  # fmt: skip
def test_a_social_work_certification_beside_the_license_is_left_out(cell: str) -> None:
    assert provider_of(cell) == "csw"


@pytest.mark.parametrize("cell", ["CCM", "RN, CCM", "ACSW", "LMSW, CCM", "C-SWCM"])
def test_a_social_work_certification_alone_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


def test_the_lcsw_ccm_s_psychotherapy_is_paid_75_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Visit ID,Date of Service,HCPCS,Modifiers,Units,POS,Facility ZIP,Rendering NPI,Rendering Credential\n"
        'V1,08/03/2026,90837,,1,32,15213,1699778844,"LCSW, CCM"\n'
        'V2,08/03/2026,90834,,1,31,15213,1699778844,"LICSW, ACHP-SW"\n'
        'V3,08/03/2026,99309,,1,32,15213,1234567893,"RN, CCM"\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 1  # the nurse's
    office, snf, nurse = list(csv.DictReader(out.open()))
    assert Decimal(office["allowed"]) == _75_percent(fee_2026("90837", REST_OF_PENNSYLVANIA)), office
    assert Decimal(snf["allowed"]) == _75_percent(fee_2026("90834", REST_OF_PENNSYLVANIA, facility=True)), snf
    assert "not read" not in office["note"] and "not read" not in snf["note"]
    assert "not read as a practitioner" in nurse["note"]
    single = CliRunner().invoke(app, ["price", "90837", "--zip", "15213", "--setting", "32", "--date", "2026-08-03",
                                      "--provider", "LCSW, CCM", "-f", "json"])  # fmt: skip
    assert single.exit_code == 0, single.output
    (site,) = json.loads(single.stdout)["sites"]
    assert Decimal(str(site["allowed"])) == Decimal(office["allowed"])


def test_a_rendering_provider_name_ending_in_a_social_work_certification_is_read() -> None:
    assert provider_of("DOE, JANE LCSW, CCM") == provider_of("DOE, JANE LCSW") == "csw"
