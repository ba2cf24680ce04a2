"""A cache several users share: stores are made with the umask's mode (not mkstemp's 0600), and a store this user
may not read is said to be another user's (exit 2, RVUCALC_CACHE_DIR), never called damaged nor removed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc import Pricer
from rvucalc.cli import app
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.store import check_path, open_store, store_path

runner = CliRunner()


@pytest.fixture
def cache(own_cache: Path) -> Path:
    """A cache of this test's own (conftest.own_cache)."""
    return own_cache


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_store_has_the_umasks_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int) -> None:
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(tmp_path / "cache"))
    release = installed_releases("wage")[-1]  # the smallest store to compile
    previous = os.umask(umask)
    try:
        open_store(release).close()
    finally:
        os.umask(previous)
    path = store_path(release)
    for made in (path, check_path(path)):
        assert stat.S_IMODE(made.stat().st_mode) == 0o666 & ~umask, made.name
    assert not [leftover for leftover in path.parent.iterdir() if leftover.name.endswith(".tmp")]


def assert_said_another_users(result: object, path: Path) -> None:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    said = result.stderr  # type: ignore[attr-defined]
    assert str(path) in said and "another user" in said and "RVUCALC_CACHE_DIR" in said, said
    assert "damaged" not in said and "rebuilding" not in said, said
    assert result.stdout == ""  # type: ignore[attr-defined]


def test_unreadable_store_is_another_users_not_damaged(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every file can be read: the permission is refused through ``os.access`` here (next test: chmod)."""
    path = store_path(Pricer().select()[0])
    real = os.access
    monkeypatch.setattr(os, "access", lambda target, mode, **kw: Path(target) != path and real(target, mode, **kw))
    result = runner.invoke(app, ["price", "99213", "--zip", "10001"])
    assert_said_another_users(result, path)
    assert path.exists() and check_path(path).exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_store_chmod_000_is_another_users_not_damaged(cache: Path) -> None:
    path = store_path(Pricer().select()[0])
    before = path.stat()
    path.chmod(0)
    try:
        result = runner.invoke(app, ["price", "99213", "--zip", "10001"])
        assert_said_another_users(result, path)
        assert path.stat().st_ino == before.st_ino  # neither removed nor rebuilt
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file whatever its mode")
def test_check_file_chmod_000_is_another_users_not_damaged(cache: Path) -> None:
    path = store_path(Pricer().select()[0])
    check_path(path).chmod(0)
    try:
        result = runner.invoke(app, ["price", "99213", "--zip", "10001"])
        assert_said_another_users(result, check_path(path))
        assert path.exists()
    finally:
        check_path(path).chmod(0o644)
