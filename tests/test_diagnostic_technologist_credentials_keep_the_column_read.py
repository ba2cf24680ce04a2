"""An IDTF's (sleep lab, echo and vascular lab, mobile imaging) billing export names its interpreting physicians and,
on some technical rows, the technologist: 'Rendering Provider' of 'PATEL, ANIL MD', 'NGUYEN, LAN NP' and one 'ORTIZ,
ANA RPSGT'. The technologist's name left the whole column unread, so the NP's 95810-26 was priced at a physician's 100%;
and a physician's registry credential after the license ('SHAH, RITU MD, RPVI', 'PATEL, ANIL MD, FAASM') did the same.
A diagnostic technologist's registry credential (RDCS, RVT, RPSGT, ARRT, RT(R) ...: lookup.credentials.
DIAGNOSTIC_TECHNOLOGISTS) enrols as no practitioner: the IDTF bills the test (42 CFR 410.33). Its row is not read (its
note says why, as an ophthalmic technician's does), the column is. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x
the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, not_a_practitioner_reason, provider_of

DALLAS = "0441211"  # ZIP 75201's locality (CMS's ZIP5 file)
NAMES = ["PATEL, ANIL MD", "NGUYEN, LAN NP"]
HEADER = "Encounter Number,Service Date (MM/DD/YYYY),Procedure,Modifier 1,Modifier 2,Qty,Place of Service,Patient ZIP,"
HEADER += "Rendering Provider\n"


def _row_2026(code: str, modifier: str) -> list[str]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row[:2] == [code, modifier])


@pytest.mark.parametrize("technologist", ["ORTIZ, ANA RPSGT", "WONG, AMY RDCS", "LEE, SAM RVT", "TRAN, BO RT(R)",
                                          "KIM, JO ARRT", "RDMS", "RCS"])  # fmt: skip
def test_a_technologist_s_cell_keeps_a_column_of_names_read(technologist: str) -> None:
    assert credentials_after_names([*NAMES, technologist])
    assert "diagnostic technologist's credential" in (not_a_practitioner_reason(technologist) or "")


@pytest.mark.parametrize("physician", ["SHAH, RITU MD, RPVI", "PATEL, ANIL MD, FAASM", "LOPEZ, CARMEN MD, RVT"])
def test_a_physician_s_registry_credential_after_the_license_is_the_physician_s(physician: str) -> None:
    assert provider_of(physician) == "physician"
    assert credentials_after_names([*NAMES, physician])


def test_the_np_beside_an_rpsgt_is_paid_85_percent_and_the_technologist_row_is_noted(tmp_path: Path) -> None:
    source, out = tmp_path / "idtf.csv", tmp_path / "out.csv"
    rows = [("95810", "26", "PATEL, ANIL MD"), ("95810", "26", "NGUYEN, LAN NP"), ("95810", "TC", "ORTIZ, ANA RPSGT"),
            ("93880", "26", "SHAH, RITU MD, RPVI")]  # fmt: skip
    source.write_text(
        HEADER
        + "".join(f'ENC{n},08/03/2026,{code},{mod},,1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr, result.stderr
    md_row, np_row, tech_row, rpvi_row = list(csv.DictReader(out.open()))
    reading = fee_2026(_row_2026("95810", "26"), DALLAS)
    assert Decimal(md_row["allowed"]) == reading
    assert Decimal(np_row["allowed"]) == (reading * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(tech_row["allowed"]) == fee_2026(_row_2026("95810", "TC"), DALLAS)  # the IDTF's TC, in full
    assert "diagnostic technologist's credential" in tech_row["note"], tech_row
    assert Decimal(rpvi_row["allowed"]) == fee_2026(_row_2026("93880", "26"), DALLAS)
    assert "not read as a practitioner" not in rpvi_row["note"], rpvi_row


def test_price_refuses_a_technologist_as_the_provider_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "95810-TC", "--provider", "RPSGT", "--zip", "75201"])
    assert result.exit_code == 2
    assert "diagnostic technologist's credential" in " ".join(result.stderr.split()), result.stderr


# ARRT's own form of its credential: "use the R.T. credential [R.T.(*)(ARRT)] after their names", the discipline's
# letters between the R.T. and the (ARRT) (ARRT's "Certification vs Registration"; "Joe Doe RT (R) (ARRT)", Oregon's
# OAR 337-010-0007), several disciplines one after another; and a sonographer's degree before the registry's letters
# ('BS, RDMS, RVT'). A review found each left a column of names unread.
@pytest.mark.parametrize("technologist", ["TRAN, BO RT(R)(ARRT)", "TRAN, BO R.T.(R)(CT)(ARRT)",
                                          "DOE, JOE RT (R) (ARRT)", "TRAN, BO RT(R)(M)", "RT(R)(ARRT)", "RT(R)",
                                          "R.T.(N)(ARRT)",
                                          "ORTIZ, ANA BS, RDMS", "ORTIZ, ANA BS, RDMS, RVT"])  # fmt: skip
def test_arrt_s_written_form_and_a_degree_before_the_registry_keep_the_column_read(technologist: str) -> None:
    assert credentials_after_names([*NAMES, technologist])
    assert "diagnostic technologist's credential" in (not_a_practitioner_reason(technologist) or "")


def test_a_physician_s_arrt_credential_after_the_license_is_the_physician_s() -> None:
    assert provider_of("LOPEZ, CARMEN MD, RT(R)(ARRT)") == "physician"
    assert provider_of("NGUYEN, LAN NP, RT(R)(CT)(ARRT)") == "np"


def test_the_np_beside_an_arrt_technologist_is_paid_85_percent(tmp_path: Path) -> None:
    source, out = tmp_path / "imaging.csv", tmp_path / "out.csv"
    rows = [("71046", "26", "PATEL, ANIL MD"), ("71046", "26", "NGUYEN, LAN NP"),
            ("71046", "TC", "TRAN, BO RT(R)(ARRT)")]  # fmt: skip
    source.write_text(
        HEADER
        + "".join(f'ENC{n},08/03/2026,{code},{mod},,1,11,75201,"{who}"\n' for n, (code, mod, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    _, np_row, tech_row = list(csv.DictReader(out.open()))
    reading = fee_2026(_row_2026("71046", "26"), DALLAS)
    assert Decimal(np_row["allowed"]) == (reading * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert "diagnostic technologist's credential" in tech_row["note"], tech_row


# A technologist performs the technical component or an IDTF's global test, which the facility or practice bills under
# its own number (42 CFR 410.33): price's refusal told the user to give "the billing practitioner's credential", which
# the technologist has none of. It says to leave --provider out for the TC or global test, the exit code unchanged.
def test_price_tells_a_technologist_s_technical_component_to_leave_provider_out() -> None:
    result = CliRunner().invoke(app, ["price", "95810-TC", "--provider", "RPSGT", "--zip", "75201"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "leave --provider out" in said and "Give the billing practitioner's credential" not in said, said
