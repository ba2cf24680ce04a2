"""`rvucalc data refresh --from /work/shared/cms/2025/PFREV4.txt` (CMS's payment revision file, which rvucalc does
not install) exited 1, the "not found" code, where the README's exit codes make an unusable input the user gave a
usage error, 2, as a `--from` path that does not exist is. The message names the user's file and the files rvucalc
does install. A damaged CMS file (a truncated zip) is still a failure, 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.errors import DataFileError, UnrecognisedFileError

runner = CliRunner()
PFREV = Path("/work/shared/cms/2025/PFREV4.txt")  # CMS's 2025 payment revision file (the raw CMS files' README)


def _unknown(tmp_path: Path) -> Path:
    if PFREV.is_file():
        return PFREV
    path = tmp_path / "PFREV4.txt"  # its first record's layout, where the raw CMS files are not at hand
    path.write_text('"2025","01112","57","50688","  ","0000077.78","0000077.78"," ","0","A"\n')
    return path


def test_refresh_from_a_file_rvucalc_does_not_know_exits_2_naming_the_files_it_knows(
    tmp_path: Path, user_root: Path
) -> None:
    source = _unknown(tmp_path)
    result = runner.invoke(app, ["data", "refresh", "--from", str(source)])
    assert result.exit_code == 2, result.output
    said = " ".join(result.output.split())
    assert f"{source}: Not a CMS file rvucalc knows" in said and "Traceback" not in said
    assert "rvucalc installs CMS's PFS RVU zip" in said and "nothing was installed" in said
    assert not (user_root / "manifests").exists() or not any((user_root / "manifests").iterdir())
    done = runner.invoke(app, ["data", "refresh", "--from", str(source), "--json"])
    assert done.exit_code == 2 and json.loads(done.stdout)["results"][0]["status"] == "failed"


def test_an_unknown_file_is_still_a_data_file_error_for_the_api(tmp_path: Path, user_root: Path) -> None:
    from rvucalc.reference.refresh import refresh_from

    with pytest.raises(UnrecognisedFileError) as caught:
        refresh_from(str(_unknown(tmp_path)))
    assert isinstance(caught.value, DataFileError) and caught.value.exit_code == 2


def test_a_truncated_zip_is_still_a_failure(tmp_path: Path, user_root: Path) -> None:
    truncated = tmp_path / "rvu26d.zip"
    truncated.write_bytes(b"PK\x03\x04" + b"\0" * 200)
    result = runner.invoke(app, ["data", "refresh", "--from", str(truncated)])
    assert result.exit_code == 1 and "not a whole zip file" in result.output, result.output
