"""The compiled store: built once, rebuilt when the data changes, refuses altered files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rvucalc.errors import DataFileError
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.store import open_store, store_path


def copy_release(tmp_path: Path, release_name: str) -> Path:
    """A data folder holding one release (its manifest and files)."""
    source = data_dir()
    target = tmp_path / "data"
    (target / "manifests").mkdir(parents=True)
    manifest = json.loads((source / "manifests" / f"pfs-{release_name}.json").read_text())
    for entry in manifest["files"]:
        (target / entry["path"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / entry["path"], target / entry["path"])
    (target / "manifests" / f"pfs-{release_name}.json").write_text(json.dumps(manifest))
    return target


def test_store_is_compiled_once_and_reused(isolated_cache: Path) -> None:
    release = installed_releases()[-1]
    first = open_store(release)
    built = store_path(release).stat().st_mtime_ns
    first.close()
    second = open_store(release)
    assert store_path(release).stat().st_mtime_ns == built
    assert second.rvu("22590") is not None
    second.close()


def test_changed_manifest_means_a_new_store(tmp_path: Path) -> None:
    root = copy_release(tmp_path, "2025A")
    [release] = installed_releases(root=root)
    manifest_file = root / "manifests" / "pfs-2025A.json"
    manifest = json.loads(manifest_file.read_text())
    manifest["title"] += " (re-issued)"
    manifest_file.write_text(json.dumps(manifest))
    [changed] = installed_releases(root=root)
    assert store_path(changed) != store_path(release)


def test_altered_data_file_is_refused(tmp_path: Path) -> None:
    root = copy_release(tmp_path, "2025A")
    gpci = root / "gpci" / "2025" / "GPCI2025.csv"
    gpci.write_text(gpci.read_text().replace("0.869", "0.969", 1))
    [release] = installed_releases(root=root)
    with pytest.raises(DataFileError, match="does not match its manifest checksum"):
        open_store(release)
    assert not store_path(release).exists()  # nothing half-built left behind


def test_missing_data_file_is_refused(tmp_path: Path) -> None:
    root = copy_release(tmp_path, "2025A")
    (root / "zip" / "2025" / "ZIP5_OCT2025.txt").unlink()
    [release] = installed_releases(root=root)
    with pytest.raises(DataFileError, match="is missing"):
        open_store(release)


def test_2026_gpcis_agree_with_the_cms_gpci_addendum(pricer) -> None:  # type: ignore[no-untyped-def]
    """The look-up tool's GPCIs are cross-checked against GPCI2026 when the store is compiled."""
    release = pricer.select(2026)[0]
    localities = pricer.store(release).localities()
    assert len(localities) == 109
    manhattan = pricer.store(release).locality("1320201")
    assert (manhattan["gpci_work"], manhattan["gpci_pe"], manhattan["gpci_mp"]) == (1064, 1162, 1586)


def test_2026_damaged_county_lists_come_from_2025_and_say_so(pricer) -> None:  # type: ignore[no-untyped-def]
    release = pricer.select(2026)[0]
    riverside = pricer.store(release).locality("0111262")
    assert riverside["counties"] == "SAN BERNARDINO, RIVERSIDE"
    assert "25LOCCO" in riverside["counties_source"] and "county list at a comma" in riverside["counties_source"]
    intact = pricer.store(release).locality("1320201")
    assert intact["counties_source"].startswith("26LOCCO")


def test_a_store_shipped_in_the_wheel_is_copied_and_checked_not_recompiled(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil

    import rvucalc.paths
    from rvucalc.reference import store as stores
    from rvucalc.reference.releases import installed_releases

    release = installed_releases("wage")[-1]
    built = stores.open_store(release)  # compiled in the session's cache, as hatch_build.py does at build time
    built.close()
    shipped = tmp_path / "wheel-data"
    (shipped / "compiled").mkdir(parents=True)
    source = stores.store_path(release)
    for path in (source, stores.check_path(source)):
        shutil.copy(path, shipped / "compiled" / path.name)
    monkeypatch.setattr(rvucalc.paths, "data_dir", lambda: shipped)
    monkeypatch.setenv("RVUCALC_CACHE_DIR", str(tmp_path / "fresh-cache"))

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled although the wheel ships the store")

    monkeypatch.setattr(stores, "compile_store", no_compiling)
    copied = stores.open_store(release)
    assert copied.path.parent == tmp_path / "fresh-cache" and copied.wage_indexes("35614")
    copied.close()
    # A shipped store that does not match its check is not trusted: rvucalc compiles instead.
    (tmp_path / "fresh-cache").joinpath(source.name).unlink()
    (shipped / "compiled" / source.name).write_bytes(b"not a store")
    with pytest.raises(AssertionError, match="compiled although"):
        stores.open_store(release)


def test_zips_near_are_the_zips_sharing_the_first_three_digits_in_order(pricer) -> None:  # type: ignore[no-untyped-def]
    """An unknown ZIP's 'nearby' ZIPs come from a range on the key (the LIKE they replace scanned the table):
    the same five ZIPs, in order, for ZIPs at the start, middle and end of the file and for a bare prefix."""
    store = pricer.catalogue.store(pricer.releases[-1])
    for zip_code in ("00001", "10099", "60699", "99999", "12"):
        like = [row["zip"] for row in store._all(
            "SELECT zip FROM zip WHERE zip LIKE ? ORDER BY zip LIMIT 5", zip_code[:3] + "%")]  # fmt: skip
        assert store.zips_near(zip_code) == like
    assert store.zips_near("10099")[:2] == ["10001", "10002"]
