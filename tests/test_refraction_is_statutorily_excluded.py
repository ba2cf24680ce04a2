"""Refraction (92015) and the fitting of eyeglasses or contact lenses are excluded by statute (Social Security Act
§1862(a)(7); SSA's POMS HI 00620.200): the patient pays, no ABN required, and GY reports it. An optometry trial's
92015 read only "status N: Non-covered service", and 92015-GZ that "the patient may not be billed for it", where GZ
reports a denial as not reasonable and necessary (the provider's loss without an ABN) and the practice would write
the refraction off. Now the status N codes of the exclusion say so (CMS's RVU26C gives the aphakia fittings A or B:
no note there), in price and batch alike, and GZ on them says GY is the exclusion's modifier."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.engine.meanings import REFRACTIVE_SERVICES, refractive_exclusion_note

ZIP, DATE, LOCALITY = "85016", "2026-09-14", "0310200"  # PHOENIX, AZ; RVU26C in force


def _statuses() -> dict[str, str]:
    """CMS's RVU26C status of each code 92015 and 92310-92371 (the rows without a modifier)."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        rows = [row for row in csv.reader(handle) if len(row) > 3 and not row[1]]
    return {row[0]: row[3] for row in rows if row[0] == "92015" or "92310" <= row[0] <= "92371"}


def test_the_note_goes_exactly_where_cms_file_says_non_covered() -> None:
    statuses = _statuses()
    assert {code for code, status in statuses.items() if status == "N"} == set(REFRACTIVE_SERVICES)
    for code, status in statuses.items():  # 92311 (aphakia, A), 92352 (aphakia spectacles, B): no note
        assert (refractive_exclusion_note(code, status) is not None) == (code in REFRACTIVE_SERVICES), code


@pytest.mark.parametrize("code", ["92015", "92310"])
def test_price_says_the_refractive_service_is_the_patient_s(code: str) -> None:
    done = CliRunner().invoke(app, ["price", code, "--zip", ZIP, "--date", DATE])
    assert done.exit_code == 1, done.output
    message = " ".join(done.stderr.split())
    assert f"{code} is not payable in any site." in message and "Traceback" not in done.output
    assert str(refractive_exclusion_note(code, "N")).rstrip(".") in message, message


def test_gz_on_a_refraction_names_gy_and_the_patient_s_liability() -> None:
    done = CliRunner().invoke(app, ["price", "92015-GZ", "--zip", ZIP, "--date", DATE])
    assert done.exit_code == 1, done.output
    message = " ".join(done.stderr.split())
    assert "92015 is excluded by statute (Social Security Act §1862(a)(7))" in message, message
    assert "report it with GY, and the patient is liable for it" in message
    other = CliRunner().invoke(app, ["price", "92004-GZ", "--zip", ZIP, "--date", DATE])
    assert other.exit_code == 1 and "excluded by statute" not in other.stderr


def test_batch_rows_say_the_same_and_the_exam_keeps_its_fee(tmp_path: Path) -> None:
    source = tmp_path / "exams.csv"
    source.write_text(
        "Claim ID,Date of Service,CPT Code,Mod 1,Units,POS,Rendering Provider,Service Facility ZIP\n"
        f'E1,09/14/2026,92014,,1,11,"PATEL, ANITA OD",{ZIP}\n'
        f'E1,09/14/2026,92015,GA,1,11,"PATEL, ANITA OD",{ZIP}\n'
        f'E2,09/14/2026,92015,GZ,1,11,"PATEL, ANITA OD",{ZIP}\n'
        f'E3,09/14/2026,92311,,1,11,"PATEL, ANITA OD",{ZIP}\n'
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", "-", "-q"])
    exam, refraction, denied, aphakia = csv.DictReader(io.StringIO(result.stdout))
    assert exam["pfs_non_facility_amount"] == f"{fee_2026('92014', LOCALITY)}", exam
    assert refractive_exclusion_note("92015", "N") in refraction["note"].split("; ") and not refraction["allowed"]
    assert denied["error_kind"] == "denied" and "report it with GY" in denied["error"], denied
    assert "excludes by statute" not in aphakia["note"]
    assert aphakia["pfs_non_facility_amount"] == f"{fee_2026('92311', LOCALITY)}", aphakia
