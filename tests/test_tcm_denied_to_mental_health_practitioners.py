"""A post-acute group's trial (ZIP 15213, Pittsburgh): transitional care management after a SNF discharge (99495,
99496) by its psychologist was priced at a physician's 100% ($209.85 for 99495 at an assisted living facility, POS 13)
and by its LCSW at 75% ($157.39), while CCM is denied to them. TCM is furnished by physicians (any specialty) and the
CNM, CNS, NP and PA (CMS's MLN fact sheet "Transitional Care Management Services", MLN908628): denied now to a CSW or
psychologist in price and batch alike; a physician's and an NP's line keep CMS's amount (RVU26C x the 2026 GPCIs x the
CF, from the shipped CMS files)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.care_management import TRANSITIONAL_CARE_MANAGEMENT
from rvucalc.lookup.pricer import Pricer
from test_behavioral_health_integration_trial import denied_alike

ZIP, DATE, REST_OF_PENNSYLVANIA = "15213", "2026-08-03", "1250299"
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "13"}


@pytest.mark.parametrize("code", sorted(TRANSITIONAL_CARE_MANAGEMENT))
def test_tcm_is_denied_to_a_csw_or_psychologist_in_price_and_batch(pricer: Pricer, code: str) -> None:
    cells = [("LCSW", "csw"), ("LMFT", "csw"), ("PhD", "psychologist"), ("PsyD", "psychologist")]
    said = denied_alike(pricer, code, cells, WHERE)[-1]["error"]
    assert said.startswith(f"{code} is transitional care management") and "MLN908628" in said and "; " not in said


def test_the_trial_s_tcm_lines_by_credential(tmp_path: Path) -> None:
    """The trial's export: the physician's and the NP's 99495 are paid CMS's non-facility amount (the NP's 85%), the
    psychologist's and the LCSW's denied, nothing priced nor counted."""
    source, out = tmp_path / "visits.csv", tmp_path / "out.csv"
    rows = [("V1", "MD"), ("V2", "AGNP-C"), ("V3", "PhD"), ("V4", "LCSW")]
    source.write_text(
        "Visit ID,Date of Service,HCPCS,Modifiers,Units,POS,Facility ZIP,Rendering NPI,Rendering Credential\n"
        + "".join(f"{visit},08/03/2026,99495,,1,13,{ZIP},1234567893,{cell}\n" for visit, cell in rows)
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 1, result.output  # some rows have an error: the output is complete
    physician, np_row, psychologist, csw = list(csv.DictReader(out.open()))
    fee = fee_2026("99495", REST_OF_PENNSYLVANIA)
    assert Decimal(physician["allowed"]) == fee, physician
    assert Decimal(np_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    for row in (psychologist, csw):
        assert row["error_kind"] == "denied" and row["allowed"] == "" and row["in_totals"] == "false", row
        assert "MLN908628" in row["error"]


def test_cognitive_assessment_is_denied_to_a_csw_or_psychologist_in_price_and_batch(pricer: Pricer) -> None:
    """The trial's psychologist's 99483 was priced $279.67: "Any clinician eligible to report evaluation and management
    services can offer this service" (CMS's MLN Connects, 2022-06-23): physicians, NPs, CNSs and PAs."""
    cells = [("LCSW", "csw"), ("PhD", "psychologist")]
    said = denied_alike(pricer, "99483", cells, WHERE)[-1]["error"]
    assert said.startswith("99483 is cognitive assessment") and "MLN Connects" in said and "; " not in said
    np_line = pricer.price("99483", provider="np", **WHERE)  # type: ignore[arg-type]
    fee = fee_2026("99483", REST_OF_PENNSYLVANIA)
    assert np_line.pfs.non_facility.amount == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_cognitive_assessment_denied_to_a_csw_names_no_psychological_testing(pricer: Pricer) -> None:
    """99483's denial sent a social worker to "96130-96139 (psychological testing) or 90791": diagnostic psychological
    tests are a psychologist's (or a physician's, NP's, CNS's or PA's: Medicare Benefit Policy Manual ch. 15 §80.2),
    not a CSW's. The CSW's denial names 90791 alone; the psychologist's keeps the tests."""
    csw = denied_alike(pricer, "99483", [("LCSW", "csw"), ("LMFT", "csw")], WHERE)[-1]["error"]
    assert "96130" not in csw and "psychological testing" not in csw and "billed as 90791" in csw, csw
    psychologist = denied_alike(pricer, "99483", [("PhD", "psychologist")], WHERE)[-1]["error"]
    assert "96130-96139 (psychological testing) or 90791" in psychologist, psychologist
