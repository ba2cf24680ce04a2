"""Batch's reference arrays shipped in the wheel (hatch_build.py builds them into rvucalc/data/compiled): read in place
when the cache has none, so a first batch run after install builds nothing (it spent ~25 s building them)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from rvucalc.batch import reference
from rvucalc.reference.releases import Release


def _release(pricer) -> Release:  # type: ignore[no-untyped-def]
    return pricer.catalogue.newest("pfs")


def _write(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def test_a_shipped_file_is_read_in_place_and_nothing_is_built(pricer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reference, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(reference, "data_dir", lambda: tmp_path / "package")
    (tmp_path / "package" / "compiled").mkdir(parents=True)
    built = pa.table({"built": [1]})
    reference._cached("probe", [_release(pricer)], lambda: built)  # writes the cache file: learn its name
    (name,) = [path.name for path in (tmp_path / "cache").iterdir()]
    (tmp_path / "cache" / name).unlink()
    _write(tmp_path / "package" / "compiled" / name, pa.table({"shipped": [2]}))

    def never() -> pa.Table:
        raise AssertionError("built although the wheel ships it")

    assert reference._cached("probe", [_release(pricer)], never).column_names == ["shipped"]
    assert not list((tmp_path / "cache").iterdir())  # read in place, not copied


def test_a_damaged_shipped_file_is_built_as_if_it_were_not_shipped(pricer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reference, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(reference, "data_dir", lambda: tmp_path / "package")
    (tmp_path / "package" / "compiled").mkdir(parents=True)
    reference._cached("probe", [_release(pricer)], lambda: pa.table({"built": [1]}))
    (name,) = [path.name for path in (tmp_path / "cache").iterdir()]
    (tmp_path / "cache" / name).unlink()
    (tmp_path / "package" / "compiled" / name).write_bytes(b"not an arrow file")
    assert reference._cached("probe", [_release(pricer)], lambda: pa.table({"built": [3]})).column_names == ["built"]


@pytest.mark.parametrize("script", ["COMPILE", "BATCH"])
def test_the_wheel_hook_builds_stores_and_batch_files_from_the_repos_data(script: str) -> None:
    """The hook's scripts are Python that runs in the build: at least they compile (a syntax slip would ship a wheel
    without them, silently but for one stderr line)."""
    import ast

    text = (Path(__file__).resolve().parents[1] / "hatch_build.py").read_text()
    tree = ast.parse(text)
    values = {node.targets[0].id: node.value.value for node in tree.body  # type: ignore[attr-defined]
              if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)}  # fmt: skip
    compile(values[script], f"hatch_build.{script}", "exec")
