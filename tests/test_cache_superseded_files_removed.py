"""Cache files superseded by another rvucalc version's or schema's (the same release and table, another key) were never
removed: a review's cache held three generations of 2026C's batch reference files (128 MB) after two schema bumps. A
file whose successor is made is removed once it is a month old (SUPERSEDED_AGE_SECONDS), with its side file; a younger
one stays, so two rvucalc versions sharing one cache do not rebuild each other's files on every run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch import reference
from rvucalc.reference import store

OLD, OTHER, NEW = "0123456789abcdef", "fedcba9876543210", "00000000000000aa"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(folder))
    return folder


def _file(folder: Path, name: str, *, days_old: float) -> Path:
    path = folder / name
    path.write_bytes(b"x")
    moment = time.time() - days_old * 24 * 3600
    os.utime(path, (moment, moment))
    return path


def test_a_month_old_superseded_store_goes_with_its_check_file(cache: Path) -> None:
    old = _file(cache, f"pfs-2026C-{OLD}.sqlite", days_old=31)
    old_check = _file(cache, f"pfs-2026C-{OLD}.sqlite.check.json", days_old=31)
    young = _file(cache, f"pfs-2026C-{OTHER}.sqlite", days_old=2)  # another version's, still in use
    names = (f"pfs-2026B-{OLD}.sqlite", f"asc-2026C-{OLD}.sqlite", f"pfs-2026C-{OLD}.sqlite.copy")
    neighbours = [_file(cache, name, days_old=90) for name in names]
    current = _file(cache, f"pfs-2026C-{NEW}.sqlite", days_old=0)

    removed = store.remove_superseded(current, (store.CHECK_SUFFIX,))

    assert removed == [old.name]
    assert not old.exists() and not old_check.exists()
    assert young.exists() and current.exists() and all(path.exists() for path in neighbours)


def test_a_batch_reference_file_made_removes_its_superseded_one(cache: Path) -> None:
    """Through batch.reference._cached, as a run after an upgrade makes its tables: the old key's file and its
    .sha256 go; another table's, or the same table's of other releases, stay."""
    releases: Any = [SimpleNamespace(dataset="pfs", release="2099Z", manifest_sha256="0" * 64)]  # what _cached reads
    old = _file(cache, f"batch-caps-2099Z-{OLD}.arrow", days_old=40)
    old_digest = _file(cache, f"batch-caps-2099Z-{OLD}.arrow.sha256", days_old=40)
    others = [_file(cache, f"batch-codes-2099Z-{OLD}.arrow", days_old=40),
              _file(cache, f"batch-caps-2099Z-2099-01-{OLD}.arrow", days_old=40)]  # fmt: skip

    table = reference._cached("caps", releases, lambda: pa.table({"code": ["99213"]}))

    assert table.column("code").to_pylist() == ["99213"]
    assert not old.exists() and not old_digest.exists()
    assert all(path.exists() for path in others)
    made = [path.name for path in cache.glob("batch-caps-2099Z-????????????????.arrow")]
    assert len(made) == 1 and made[0] != old.name, made


def test_a_file_that_cannot_be_removed_is_left(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = _file(cache, f"pfs-2026C-{OLD}.sqlite", days_old=60)
    current = _file(cache, f"pfs-2026C-{NEW}.sqlite", days_old=0)

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    assert store.remove_superseded(current, (store.CHECK_SUFFIX,)) == []
    assert old.exists()
