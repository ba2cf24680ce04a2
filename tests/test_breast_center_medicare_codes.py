"""A breast surgery and imaging center's trial (Atlanta, ZIP 30309, locality 1021201, CBSA 12054):

- `rvucalc price 77062` (CPT's diagnostic digital breast tomosynthesis, status I) read only "Medicare uses another code
  for this service": Medicare's is HCPCS G0279, an add-on to the diagnostic mammogram 77065 or 77066 (MLN Matters
  MM8874). Named now, in price and batch.
- `rvucalc price 77048-26 --setting 22` (breast MRI without and with contrast, the radiologist's reading at the
  hospital) read only "SI B: ... another code may apply": the hospital bills C8905 (unilateral; C8908 bilateral), SI Q3,
  APC 5572 in Addendum B. Named now, in price and batch. The amounts are unchanged.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")
ZIP = "30309"


def _rvu(code: str, modifier: str, path: str) -> list[str]:
    with (DATA / path).open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == modifier)


def _addendum_b(code: str) -> list[str]:
    """CMS's October 2025 Addendum B row of ``code`` (HCPCS, descriptor, SI, APC, weight, rate ...)."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _atlanta_facility_amount_2025(code: str, modifier: str) -> Decimal:
    """(work x GPCI + facility PE x GPCI + MP x GPCI) x CF, RVU25D and GPCI2025 (Atlanta 10212/01), half-up once."""
    row = _rvu(code, modifier, "rvu/2025/PPRRVU2025_Oct.csv")
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(line for line in csv.reader(handle) if line and line[0] == "10212" and line[2] == "01")
    rvus = sum(Decimal(row[i]) * Decimal(gpci[g]) for i, g in ((5, 4), (8, 5), (10, 6)))
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("code", ["77061", "77062"])
def test_diagnostic_tomosynthesis_77061_77062_names_g0279(code: str, tmp_path: Path) -> None:
    # CMS's RVU26C: CPT's DBT codes status I, Medicare's G0279 status A, an add-on (ZZZ)
    assert _rvu(code, "", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")[3] == "I"
    assert _rvu("G0279", "", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")[3:4] == ["A"]
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", "2026-07-13"])
    assert done.exit_code == 1 and "Medicare pays it as G0279" in " ".join(done.output.split())
    _, [batch] = run_batch_rows(tmp_path, [{"code": code, "pos": "11", "zip": ZIP, "date": "2026-07-13"}])
    assert "Medicare pays it as G0279" in batch["note"] and batch["allowed"] == ""


@pytest.mark.parametrize(("code", "hospital"), [("77048", "C8905"), ("77049", "C8908")])
def test_breast_mri_with_contrast_at_the_hospital_names_its_c_code(code: str, hospital: str, tmp_path: Path) -> None:
    # CMS's October 2025 Addendum B: the hospital is not paid 77048/77049 (SI B), it is paid C8905/C8908 (SI Q3)
    assert _addendum_b(code)[2] == "B" and _addendum_b(hospital)[2:4] == ["Q3", "5572"]
    fee = _atlanta_facility_amount_2025(code, "26")
    args = ["price", f"{code}-26", "--zip", ZIP, "--date", "2025-10-14", "--setting", "22", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    assert Decimal(str(data["pfs"]["facility"]["amount"])) == fee
    reason = data["opps"]["reason"]
    assert f"the hospital bills {hospital} for this service" in reason and f"{code} is the physician's code" in reason
    assert "; " not in reason  # batch's note column joins a row's notes with "; "
    _, [batch] = run_batch_rows(tmp_path, [{"code": code, "modifier": "26", "pos": "22", "zip": ZIP,
                                            "date": "2025-10-14"}])  # fmt: skip
    assert f"the hospital bills {hospital} for this service" in batch["note"]
    assert Decimal(batch["pfs_facility_amount"]) == fee


def test_breast_mri_without_contrast_is_the_hospital_s_own_code(tmp_path: Path) -> None:
    # 77046 is paid to the hospital as itself (SI Q3): no other code named
    assert _addendum_b("77046")[2] == "Q3"
    args = ["price", "77046-26", "--zip", ZIP, "--date", "2025-10-14", "--setting", "22", "-f", "json"]
    data = json.loads(runner.invoke(app, args).stdout)
    assert "the hospital bills C89" not in json.dumps(data)


def _atlanta_office_amount_2026(code: str) -> Decimal:
    """(work x GPCI + non-facility PE x GPCI + MP x GPCI) x CF from RVU26C and the 2026 Atlanta GPCIs, half-up once."""
    row = _rvu(code, "", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(newline="") as handle:
        gpci = next(line for line in csv.DictReader(handle) if line["locality"] == "1021201")
    rvus = (Decimal(row[5]) * Decimal(gpci["gpci_work"]) + Decimal(row[6]) * Decimal(gpci["gpci_pe"])
            + Decimal(row[10]) * Decimal(gpci["gpci_mp"]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("lines", [["77065-50"], ["77065-LT", "77065-RT"]])
def test_unilateral_mammogram_on_both_sides_names_77066(lines: list[str], tmp_path: Path) -> None:
    # RVU26C: 77065 bilateral indicator 0 (paid once, as one breast), 77066 indicator 2 (both breasts), paid more
    assert _rvu("77065", "", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")[19] == "0"
    assert _rvu("77066", "", "rvu/2026/PPRRVU2026_Jul_nonQPP.csv")[19] == "2"
    one, both = _atlanta_office_amount_2026("77065"), _atlanta_office_amount_2026("77066")
    assert one < both
    done = runner.invoke(app, ["price", *lines, "--zip", ZIP, "--date", "2026-07-13", "-f", "json"])
    assert done.exit_code == 0, done.output
    assert "both breasts' is 77066" in done.stdout
    rows = [{"claim": "M1", "code": line[:5], "modifier": line[6:], "pos": "11", "zip": ZIP, "date": "2026-07-13"}
            for line in lines]  # fmt: skip
    _, out = run_batch_rows(tmp_path, rows)
    assert "both breasts' is 77066" in out[0]["note"]
    assert sum(Decimal(row["allowed"]) for row in out) == one
