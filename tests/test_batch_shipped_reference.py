"""Batch's reference arrays shipped in the wheel (hatch_build.py builds them into rvucalc/data/compiled, with their
sha256): copied into the cache when first needed, if their bytes are the ones built, so a first batch run after
install builds nothing (it spent ~25 s building them); any other shipped file is ignored and the table built."""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from rvucalc.batch import reference
from rvucalc.reference.releases import Release

ROOT = Path(__file__).resolve().parents[1]


def _release(pricer) -> Release:  # type: ignore[no-untyped-def]
    return pricer.catalogue.newest("pfs")


def _write(path: Path, table: pa.Table) -> bytes:
    with pa.OSFile(str(path), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return path.read_bytes()


def _shipped(tmp_path: Path, monkeypatch, pricer, table: pa.Table, *, recorded: bytes | None = None) -> str:  # type: ignore[no-untyped-def]
    """A package folder shipping ``table`` under the name the cache would give it, with ``recorded`` as the bytes
    whose sha256 the record holds (default: the file's own)."""
    monkeypatch.setattr(reference, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(reference, "data_dir", lambda: tmp_path / "package")
    compiled = tmp_path / "package" / "compiled"
    compiled.mkdir(parents=True)
    reference._cached("probe", [_release(pricer)], lambda: pa.table({"built": [1]}))  # learn the file's name
    (name,) = [path.name for path in (tmp_path / "cache").glob("*.arrow")]
    (tmp_path / "cache" / name).unlink()
    (tmp_path / "cache" / f"{name}.sha256").unlink()
    data = _write(compiled / name, table)
    digest = hashlib.sha256(data if recorded is None else recorded).hexdigest()
    (compiled / reference.SHIPPED_SHA256).write_text(json.dumps({name: digest}))
    return name


def _never() -> pa.Table:
    raise AssertionError("built although the wheel ships it")


def test_a_shipped_file_is_copied_into_the_cache_and_nothing_is_built(pricer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = _shipped(tmp_path, monkeypatch, pricer, pa.table({"shipped": [2]}))
    assert reference._cached("probe", [_release(pricer)], _never).column_names == ["shipped"]
    assert (tmp_path / "cache" / name).is_file()


def test_a_shipped_file_whose_bytes_changed_is_not_used(pricer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A review changed 99213's work RVU inside a valid Arrow file: it opened, and batch priced $143.17 for $107.63.
    Its sha256 is no longer the one recorded at build: the table is built instead."""
    original = _write(tmp_path / "original.arrow", pa.table({"work": [130]}))
    _shipped(tmp_path, monkeypatch, pricer, pa.table({"work": [230]}), recorded=original)
    assert reference._cached("probe", [_release(pricer)], lambda: pa.table({"built": [3]})).column_names == ["built"]


def test_a_shipped_file_without_a_record_is_not_used(pricer, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _shipped(tmp_path, monkeypatch, pricer, pa.table({"shipped": [2]}))
    (tmp_path / "package" / "compiled" / reference.SHIPPED_SHA256).write_text("{}")
    assert reference._cached("probe", [_release(pricer)], lambda: pa.table({"built": [3]})).column_names == ["built"]


def _hook_script(name: str) -> str:
    tree = ast.parse((ROOT / "hatch_build.py").read_text())
    values = {node.targets[0].id: node.value.value for node in tree.body  # type: ignore[attr-defined]
              if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)}  # fmt: skip
    return str(values[name])


@pytest.mark.slow
def test_the_wheel_hooks_batch_files_price_a_first_run_without_building(
    pricer, isolated_cache: Path, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The hook's BATCH script, run into a folder as the wheel build runs it, records every file it leaves; a cache
    holding only the stores, with that folder as the package's, then prices a claim file's dates (2025 and 2026,
    hospital and ASC) building no wage or facility table, with the amounts a built cache gives."""
    from rvucalc.batch.price import BatchPricer
    from rvucalc.lookup.pricer import Pricer

    built = tmp_path / "built"
    shutil.copytree(isolated_cache, built)
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(built))
    import rvucalc.reference.store as store

    monkeypatch.setattr(store, "notice", store.notice)  # the script silences it: restored after the test
    exec(compile(_hook_script("BATCH"), "hatch_build.BATCH", "exec"), {})
    recorded = json.loads((built / reference.SHIPPED_SHA256).read_text())
    assert recorded and set(recorded) == {path.name for path in built.glob("batch-*.arrow")}
    rows = [{"code": code, "zip": "10001", "date": day, "setting": setting}
            for code in ("45378", "99213") for day in ("2025-02-03", "2025-11-03", "2026-08-03")
            for setting in ("hopd", "asc")]  # fmt: skip
    expected = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows))

    first_run = tmp_path / "first-run"
    first_run.mkdir()
    for path in isolated_cache.iterdir():
        if path.suffix == ".sqlite" or path.name.endswith(".check.json"):
            shutil.copy2(path, first_run / path.name)
    package = tmp_path / "package"
    package.mkdir()
    (package / "compiled").symlink_to(built)
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(first_run))
    monkeypatch.setattr(reference, "data_dir", lambda: package)

    def no_build(*args: object, **kwargs: object) -> None:
        raise AssertionError("a batch reference table was built")

    monkeypatch.setattr(reference.geography, "resolve", no_build)
    monkeypatch.setattr(reference, "price_opps", no_build)
    monkeypatch.setattr(reference, "price_asc", no_build)
    fresh = Pricer()
    try:
        priced = BatchPricer(fresh).price_table(pa.Table.from_pylist(rows))
    finally:
        fresh.close()
    assert priced.equals(expected)


def test_a_damaged_or_truncated_cache_file_is_rebuilt_and_said(tmp_path: Path, monkeypatch, pricer) -> None:  # type: ignore[no-untyped-def]
    """An operations trial: two bytes changed in the cached RVU table (99213's work RVU 1.30 to 9.99) priced 99213 at
    $416.46 in batch, exit 0, where `price` said $107.63; a truncated file failed every run (exit 3). Each file is
    checked against the sha256 written beside it: one that fails is rebuilt, with one line on stderr."""
    from rvucalc.reference import store

    monkeypatch.setattr(reference, "cache_dir", lambda: tmp_path / "cache")
    monkeypatch.setattr(reference, "data_dir", lambda: tmp_path / "package")
    said: list[str] = []
    monkeypatch.setattr(store, "notice", said.append)
    builds: list[int] = []

    def build() -> pa.Table:
        builds.append(1)
        return pa.table({"work_rvu": [130, 250]})

    release = _release(pricer)
    assert reference._cached("probe", [release], build).column("work_rvu").to_pylist() == [130, 250]
    assert reference._cached("probe", [release], build).num_rows == 2 and len(builds) == 1 and not said
    (path,) = (tmp_path / "cache").glob("batch-probe-*.arrow")
    data = bytearray(path.read_bytes())
    at = data.find((130).to_bytes(8, "little"))
    assert at > 0
    data[at : at + 2] = (999).to_bytes(2, "little")  # same size, another number
    path.write_bytes(bytes(data))
    assert reference._cached("probe", [release], build).column("work_rvu").to_pylist() == [130, 250]
    assert len(builds) == 2 and "does not match its checksum" in said[-1]
    path.write_bytes(path.read_bytes()[:100])
    assert reference._cached("probe", [release], build).num_rows == 2 and len(builds) == 3
    path.with_name(path.name + ".sha256").unlink()
    assert reference._cached("probe", [release], build).num_rows == 2 and len(builds) == 4
    assert "has no checksum" in said[-1]
