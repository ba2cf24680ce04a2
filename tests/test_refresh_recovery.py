"""A refresh cut short (kill -9) while it replaces an installed release, and a user release whose files are
gone: the next command finishes or undoes the replacement, and `rvucalc data verify --fix` sets aside a
manifest whose files are missing, so the release falls back to what is installed."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TEST_DATA
from rvucalc.cli import app
from rvucalc.reference.refresh import install as install_module
from rvucalc.reference.refresh import verify
from rvucalc.reference.refresh.install import install_file
from rvucalc.reference.releases import installed_releases, read_manifest
from rvucalc.reference.store import store_path

ASC_ZIP = TEST_DATA / "zips" / "january-2025-asc-approved-hcpcs-code-and-payment-rates.zip"
PRICE = ["price", "22590", "--zip", "10001", "--date", "2025-02-01"]
runner = CliRunner()


class Killed(BaseException):
    """kill -9: nothing after it runs in the refresh (no except clause catches it)."""


def _renamed_asc(tmp_path: Path) -> Path:
    """CMS's ASC January 2025 zip with its members renamed (AA.csv, ...): the same release, other file names."""
    out = io.BytesIO()
    with zipfile.ZipFile(ASC_ZIP) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename.replace("508-Version-Jan-2025-ASC-", ""), source.read(info.filename))
    path = tmp_path / "asc-renamed.zip"
    path.write_bytes(out.getvalue())
    return path


def _replace_killed_at_the_manifest(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user ASC 2025-01 (AA.csv, ...) being replaced by CMS's zip with --force, killed at the manifest's rename."""
    install_file(_renamed_asc(tmp_path), root, force=True)
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if str(source).endswith(".json.tmp"):
            raise Killed
        real(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(install_module.os, "replace", replace)
        with pytest.raises(Killed):
            install_file(ASC_ZIP, root, force=True)
    manifest = root / "manifests" / "asc-2025-01.json"
    assert "AA.csv" in manifest.read_text()  # the old manifest, the new files: the tester's state
    assert list(root.glob(".staging-retired-*"))
    return manifest


def test_a_replace_killed_at_the_manifest_rename_is_finished_by_the_next_command(
    user_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = _replace_killed_at_the_manifest(user_root, tmp_path, monkeypatch)
    result = runner.invoke(app, PRICE)
    assert result.exit_code == 0, result.output
    assert "interrupted `rvucalc data refresh` of asc-2025-01 was completed" in result.stderr
    assert "508-Version-Jan-2025-ASC-AA.csv" in manifest.read_text()
    assert not list(user_root.glob(".staging-*")) and not list((user_root / "manifests").glob(".*.tmp"))
    assert verify() == []


def test_a_replace_killed_before_its_manifest_was_whole_is_undone(
    user_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = _replace_killed_at_the_manifest(user_root, tmp_path, monkeypatch)
    temp = user_root / "manifests" / ".asc-2025-01.json.tmp"
    temp.write_text(temp.read_text()[:100])  # killed while the new manifest was being written
    result = runner.invoke(app, PRICE)
    assert result.exit_code == 0, result.output
    assert "of asc-2025-01 was undone" in result.stderr
    release = read_manifest(manifest)
    assert release.file("aa").cms_name == "AA.csv" and release.path("aa").is_file()
    assert verify() == []
    again = runner.invoke(app, ["data", "refresh", "--from", str(ASC_ZIP), "--force"])
    assert again.exit_code == 0, again.output
    assert read_manifest(manifest).file("aa").cms_name == "508-Version-Jan-2025-ASC-AA.csv"


def test_a_refresh_after_the_kill_recovers_instead_of_deleting_the_old_files(
    user_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _replace_killed_at_the_manifest(user_root, tmp_path, monkeypatch)
    (user_root / "manifests" / ".asc-2025-01.json.tmp").unlink()
    again = runner.invoke(app, ["data", "refresh", "--from", str(ASC_ZIP), "--force"])
    assert again.exit_code == 0, again.output
    assert "was undone" in again.stderr
    assert runner.invoke(app, PRICE).exit_code == 0
    assert verify() == []


def test_missing_files_of_a_user_release_say_verify_fix_which_sets_the_manifest_aside(
    user_root: Path, tmp_path: Path
) -> None:
    installed = install_file(_renamed_asc(tmp_path), user_root, force=True)
    (user_root / "releases" / "asc-2025-01" / "AA.csv").unlink()
    store_path(read_manifest(installed.manifest)).unlink()  # compiled again from the files, one of them gone
    failed = runner.invoke(app, PRICE)
    assert failed.exit_code == 1
    assert "Reinstall rvucalc" not in failed.stderr and "rvucalc data verify --fix" in failed.stderr
    fixed = runner.invoke(app, ["data", "verify", "--fix"])
    assert "set aside as .broken-asc-2025-01.json (fixed)" in fixed.stderr
    assert "now uses the release shipped with rvucalc" in fixed.stderr
    advice = "Install 2025-01 again with: rvucalc data refresh --dataset asc --year 2025 --quarter 1 --force."
    assert advice in " ".join(fixed.stderr.split())
    assert (user_root / "manifests" / ".broken-asc-2025-01.json").is_file()
    shipped = next(r for r in installed_releases("asc") if r.release == "2025-01")
    assert user_root not in shipped.manifest_path.parents
    assert runner.invoke(app, PRICE).exit_code == 0
    checked = runner.invoke(app, ["data", "verify"])
    assert checked.exit_code == 0, checked.output
