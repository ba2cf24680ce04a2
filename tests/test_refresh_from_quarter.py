"""`data refresh --from FILE --quarter N`: a quarter the file contradicts is refused as a wrong --year is (a trial's
October ASC zip with --quarter 1 was installed as 2026-10, exit 0); a --from path that does not exist is a usage
error naming it; a PFS zip without a companion file says "lacks the ...", not "has no the ..."."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TEST_DATA
from rvucalc.cli import app

ZIPS = TEST_DATA / "zips"
ASC_JAN_2025 = ZIPS / "january-2025-asc-approved-hcpcs-code-and-payment-rates.zip"
RVU25A = ZIPS / "rvu25a-updated-01_10_2025.zip"
runner = CliRunner()


def refresh(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["data", "refresh", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("source", "said"), [(ASC_JAN_2025, "ASC 2025-01"), (RVU25A, "PFS 2025A")])
def test_a_quarter_the_file_contradicts_is_refused(user_root: Path, source: Path, said: str) -> None:
    code, stdout, stderr = refresh("--from", str(source), "--quarter", "3")
    assert code == 2, stderr  # the request contradicts the file: a usage error
    assert said in stderr and "quarter 1" in stderr and "not quarter 3" in stderr and "Drop --quarter" in stderr
    assert "nothing was installed" in stderr and stdout == ""
    assert not (user_root / "manifests").exists() or not list((user_root / "manifests").glob("*.json"))


def test_the_files_own_quarter_is_accepted(user_root: Path) -> None:
    code, _, stderr = refresh("--from", str(ASC_JAN_2025), "--quarter", "1", "--force")
    assert code == 0, stderr
    assert "asc 2025-01" in stderr


def test_a_from_path_that_does_not_exist_is_a_usage_error(user_root: Path, tmp_path: Path) -> None:
    missing = tmp_path / "october-2026-asc.zip"
    code, stdout, stderr = refresh("--from", str(missing))
    assert code == 2, stderr
    assert str(missing) in stderr and "no such file" in stderr and stdout == ""


def test_a_pfs_zip_without_its_anesthesia_file_says_what_it_lacks(user_root: Path, tmp_path: Path) -> None:
    partial = tmp_path / "rvu25a-partial.zip"
    with zipfile.ZipFile(RVU25A) as whole, zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
        for name in whole.namelist():
            if not name.upper().startswith("ANES"):
                out.writestr(name, whole.read(name))
    code, _, stderr = refresh("--from", str(partial))
    assert code == 1, stderr
    assert "The PFS zip lacks the anesthesia conversion factor file (ANES2025.csv)" in stderr
    assert "has no the" not in stderr
