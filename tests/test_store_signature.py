"""A compiled store edited in place and given its old modification time back is found changed (its
status-change time is in its check file), and a store whose bytes are the same is re-hashed only once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc import Pricer
from rvucalc.cli import app
from rvucalc.reference import store as stores
from rvucalc.reference.store import check_path, store_path

runner = CliRunner()


@pytest.fixture
def cache(own_cache: Path) -> Path:
    """A cache of this test's own (conftest.own_cache)."""
    return own_cache


def office_amount() -> tuple[float, str]:
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["pfs"]["non_facility"]["amount"], result.stderr


def test_edited_store_with_its_times_set_back_is_rebuilt(cache: Path) -> None:
    good, _ = office_amount()  # the copies' check files are brought up to date here
    path = store_path(Pricer().select()[0])
    before = path.stat()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE rvu SET work_rvu = 231 WHERE hcpcs = '99213' AND modifier = ''")
    db.close()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -d` would
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    amount, stderr = office_amount()
    assert amount == good
    assert "changed after it was built" in stderr and "rebuilding it" in stderr


def test_same_bytes_with_new_times_are_hashed_once(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    office_amount()
    path = store_path(Pricer().select()[0])
    check = json.loads(check_path(path).read_text())
    assert check["ctime_ns"] == path.stat().st_ctime_ns
    # A backup restored (a copy of the same bytes): other times, the same sha256.
    shutil.copy2(path, path.with_name("restored"))
    os.replace(path.with_name("restored"), path)
    hashed: list[Path] = []
    real = stores.file_sha256

    def counting(target: Path) -> str:
        hashed.append(target)
        return real(target)

    monkeypatch.setattr(stores, "file_sha256", counting)
    first, stderr = office_amount()
    assert hashed.count(path) == 1 and "rebuilding" not in stderr
    assert json.loads(check_path(path).read_text())["ctime_ns"] == path.stat().st_ctime_ns
    second, _ = office_amount()
    assert hashed.count(path) == 1 and second == first  # the re-recorded signature holds: no second hash


def test_old_check_file_without_ctime_is_hashed_once_then_recorded(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office_amount()
    path = store_path(Pricer().select()[0])
    check = json.loads(check_path(path).read_text())
    check_path(path).write_text(json.dumps({key: check[key] for key in ("sha256", "size", "mtime_ns")}))
    hashed: list[Path] = []
    real = stores.file_sha256
    monkeypatch.setattr(stores, "file_sha256", lambda target: hashed.append(target) or real(target))
    office_amount()
    office_amount()
    assert hashed.count(path) == 1
    assert json.loads(check_path(path).read_text())["ctime_ns"] == path.stat().st_ctime_ns


def test_unwritable_check_file_still_prices(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good, _ = office_amount()
    path = store_path(Pricer().select()[0])
    shutil.copy2(path, path.with_name("restored"))
    os.replace(path.with_name("restored"), path)

    def refuse(path: Path, record: dict[str, object]) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(stores, "_record_check", refuse)
    amount, stderr = office_amount()
    assert amount == good and "rebuilding" not in stderr
