"""A nurse's doctorate beside the nurse's license: 'PhD, APRN' is an APRN (read as the APRN alone is, an NP's) and
'PhD, RN' a registered nurse (not read, as 'RN' is), neither Medicare's clinical psychologist, who holds a doctoral
degree in psychology and is licensed on its basis (42 CFR 410.71(d)). A session 68 review found both read as a
psychologist's: the APRN's transitional care management (99495) and cognitive assessment (99483) at an assisted living
facility (POS 13, ZIP 15213) denied as a psychologist's, where the NP's 85% of CMS's fee is paid (RVU26C x the 2026
GPCIs x the CF, from the shipped CMS files)."""

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

REST_OF_PENNSYLVANIA = "1250299"  # ZIP 15213's locality


def _85_percent(amount: Decimal) -> Decimal:
    return (amount * Decimal("0.85")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("cell", ["PhD, APRN", "APRN, PhD", "PhD, APRN-BC", "PhD, ARNP", "DOE, JANE PhD, APRN"])
def test_an_aprn_with_a_doctorate_is_read_as_the_aprn(cell: str) -> None:
    assert provider_of(cell) == "np"


@pytest.mark.parametrize("cell", ["PhD, RN", "RN, PhD", "PhD, LPN", "DOE, JANE PhD, RN"])
def test_a_nurse_with_a_doctorate_names_no_practitioner(cell: str) -> None:
    with pytest.raises(ValueError, match="give the practitioner"):
        provider_of(cell)


@pytest.mark.parametrize("cell", ["PhD", "PsyD", "PhD, ABPP", "DOE, JANE PHD"])
def test_a_doctorate_alone_is_still_a_psychologist(cell: str) -> None:
    assert provider_of(cell) == "psychologist"


def test_the_aprn_s_tcm_and_cognitive_assessment_are_paid_as_an_np_s(tmp_path: Path) -> None:
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    source.write_text(
        "Visit ID,Date of Service,HCPCS,Modifiers,Units,POS,Facility ZIP,Rendering NPI,Rendering Credential\n"
        'V1,08/03/2026,99495,,1,13,15213,1699778844,"PhD, APRN"\n'
        'V2,08/04/2026,99483,,1,13,15213,1699778844,"PhD, APRN"\n'
        'V3,08/04/2026,99309,,1,32,15213,1234567893,"PhD, RN"\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["unread_provider"] == 1  # the nurse's
    tcm, cognitive, nurse = list(csv.DictReader(out.open()))
    for row, code, date in ((tcm, "99495", "2026-08-03"), (cognitive, "99483", "2026-08-04")):
        assert row["error_kind"] == "", row
        assert Decimal(row["allowed"]) == _85_percent(fee_2026(code, REST_OF_PENNSYLVANIA)), row
        single = CliRunner().invoke(app, ["price", code, "--zip", "15213", "--setting", "13", "--date", date,
                                          "--provider", "PhD, APRN", "-f", "json"])  # fmt: skip
        assert single.exit_code == 0, single.output
        (site,) = json.loads(single.stdout)["sites"]
        assert Decimal(str(site["allowed"])) == Decimal(row["allowed"])
    assert "not read as a practitioner" in nurse["note"], nurse
