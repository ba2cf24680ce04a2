"""A urology group's 'Rendering Provider' column: a DO urologist's osteopathic surgeons' fellowship ('BROOKS, ADAM DO,
FACOS'), the pelvic surgery subspecialty ('MD, FPMRS'), CBUNA's urology certifications beside the NP's and PA's
licenses ('APRN-CNP, CUNP', 'PA-C, CUA'), and a physician-scientist's 'MD, PHD, FACS'. A trial found the first left
the whole column unread (its NP's 99213 priced at a physician's 100%), and the last read as a clinical psychologist's
PhD (its 99213 denied as a psychologist's E/M visit). Each amount is checked against CMS's own fee (RVU26C x the 2026
GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.lines import provider_of
from rvucalc.cli import app

OHIO = "1520200"  # ZIP 43215's locality (CMS's ZIP5 file)


@pytest.mark.parametrize(
    ("cell", "provider"),
    [("BROOKS, ADAM DO, FACOS", "physician"), ("HARRIS, DAVID MD, FPMRS", "physician"),
     ("HARRIS, DAVID MD, FACS, FPMRS", "physician"), ("HARRIS, DAVID MD, FRCSC", "physician"),
     ("HARRIS, DAVID MD, FEBU", "physician"), ("KELLER, ANN APRN-CNP, CUNP", "np"), ("SIMMS, JORDAN PA-C, CUA", "pa"),
     ("SIMMS, JORDAN PA-C, CUPA", "pa"), ("DO, FACOS", "physician")],
)  # fmt: skip
def test_a_urology_fellowship_or_certification_beside_the_license_is_left_out(cell: str, provider: str) -> None:
    assert provider_of(cell) == provider


@pytest.mark.parametrize(
    "cell", ["HARRIS, DAVID MD, PHD, FACS", "David Harris, MD, PhD, FACS", "LEE, KIM DO, PHD, FACOS"]
)
def test_a_physician_s_phd_before_a_fellowship_is_no_psychologist(cell: str) -> None:
    assert provider_of(cell) == "physician"


def test_a_psychologist_s_phd_is_still_read() -> None:
    assert provider_of("SMITH, JANE PHD") == "psychologist"


def test_facos_keeps_the_column_read_and_an_md_phd_s_visit_paid(tmp_path: Path) -> None:
    source = tmp_path / "athena.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Modifier 1,Units,POS,Rendering Provider\n"
        '300101,08/03/2026,99213,25,1,11,"KELLER, ANN NP"\n'
        '300102,08/03/2026,99213,,1,11,"BROOKS, ADAM DO, FACOS"\n'
        '300103,08/03/2026,99213,,1,11,"HARRIS, DAVID MD, PHD, FACS"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "provider ← Rendering Provider" in result.stderr
    np_row, do_row, md_phd_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", OHIO)
    assert Decimal(np_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(do_row["allowed"]) == fee, do_row
    assert md_phd_row["error_kind"] == "", md_phd_row
    assert Decimal(md_phd_row["allowed"]) == fee, md_phd_row


@pytest.mark.parametrize(
    "cell",
    ["HARRIS, DAVID MD, MPH, PHD", "HARRIS, DAVID MD, MPH, PHD, FACS", "HARRIS, DAVID MD, FACS, PHD",
     "LEE, KIM DO, MS, PHD", "David Harris, M.D., M.P.H., Ph.D."],
)  # fmt: skip
def test_a_physician_s_master_s_degree_between_the_md_and_the_phd_is_no_psychologist(cell: str) -> None:
    assert provider_of(cell) == "physician"


@pytest.mark.parametrize("cell", ["DO, ANH MPH, PHD", "SMITH, JANE MA, PHD"])
def test_a_phd_after_no_physician_s_degree_is_read_as_before(cell: str) -> None:
    assert provider_of(cell) == "psychologist"  # 'Do' a surname, not a degree


def test_an_md_mph_phd_s_visit_is_paid_as_a_physician_s(tmp_path: Path) -> None:
    source = tmp_path / "athena.csv"
    source.write_text(
        "Claim ID,Service Date,Procedure Code,Modifier 1,Units,POS,Rendering Provider\n"
        '300201,08/03/2026,99213,,1,11,"KELLER, ANN NP"\n'
        '300202,08/03/2026,99213,,1,11,"HARRIS, DAVID MD, MPH, PHD"\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "--zip", "43215", "-o", str(out)])
    assert result.exit_code == 0, result.output
    np_row, md_row = list(csv.DictReader(out.open()))
    fee = fee_2026("99213", OHIO)
    assert Decimal(np_row["allowed"]) == (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert md_row["error_kind"] == "", md_row
    assert Decimal(md_row["allowed"]) == fee, md_row
