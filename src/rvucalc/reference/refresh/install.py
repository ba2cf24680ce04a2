"""Verify a CMS file completely, then install it atomically into the user data folder.

Nothing is installed until every member has parsed with the loaders pricing uses
and the release's tables have been built and cross-checked. The release folder
appears with one rename and the manifest last, so a crash or Ctrl-C at any point
leaves the previous state intact (a folder without a manifest is invisible and is
cleaned up by the next refresh).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from rvucalc.errors import DataFileError, ReleaseNotInstalledError, RvucalcError
from rvucalc.reference.refresh.recognise import Recognised, recognise_zip, safe_members
from rvucalc.reference.releases import installed_releases, read_manifest

MAIN_TABLE = {"pfs": "rvu", "asc": "asc_aa", "opps": "opps", "wage": "wage_index"}
MAIN_TABLE.update({"clfs": "clfs", "asp": "asp", "dmepos": "dmepos"})
BARE_FILES = (".csv", ".txt", ".xlsx")  # taken as a one-member archive (an xlsx is itself a zip)
MIN_ROW_SHARE = 0.5  # a release that lost half its rows is refused unless --force


class RefreshLocked(RvucalcError):
    """Another refresh holds the lock."""


class AlreadyInstalled(RvucalcError):
    exit_code = 0


@dataclass
class Installed:
    dataset: str
    release: str
    files: int
    rows: int
    manifest: Path


@contextlib.contextmanager
def refresh_lock(root: Path) -> Iterator[None]:
    """One refresh at a time per data folder (an OS lock: released if the process dies)."""
    root.mkdir(parents=True, exist_ok=True)
    handle = (root / ".refresh.lock").open("w")
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - Windows: no advisory lock, one refresh assumed
            pass
        except BlockingIOError:
            raise RefreshLocked(
                f"Another rvucalc data refresh is running on {root} (lock {root / '.refresh.lock'}); "
                "nothing was changed. Try again when it has finished."
            ) from None
        yield
    finally:
        handle.close()


def install_file(source: Path, root: Path, *, quarter: int | None = None, force: bool = False,
                 dataset: str | None = None) -> Installed:  # fmt: skip
    with refresh_lock(root):
        for leftover in root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        if not source.is_file():
            raise DataFileError(f"{source}: no such file.")
        if source.stat().st_size == 0:
            raise DataFileError(f"{source} is empty; nothing was installed.")
        if _is_bare_file(source):
            with tempfile.TemporaryDirectory(prefix="rvucalc-wrap-") as folder:
                return _install_archive(_as_archive(source, Path(folder)), root, quarter, force, dataset)
        if not zipfile.is_zipfile(source):
            raise DataFileError(f"{source} is not a whole zip file (truncated download?); nothing was installed.")
        return _install_archive(source, root, quarter, force, dataset)


def _install_archive(source: Path, root: Path, quarter: int | None, force: bool, dataset: str | None) -> Installed:
    try:
        with zipfile.ZipFile(source) as archive:
            broken = archive.testzip()
            if broken:
                raise DataFileError(f"{source}: member {broken} is damaged (CRC check failed).")
            found = recognise_zip(archive, quarter)
            if dataset and found.dataset != dataset:
                raise DataFileError(
                    f"{source} is a {found.dataset.upper()} release ({found.release}), not {dataset.upper()}."
                )
            if found.dataset == "zip5":
                return _install_zip5(archive, found, source, root, force)
            return _install(archive, found, source, root, force)
    except zipfile.BadZipFile as exc:
        raise DataFileError(f"{source} is a damaged zip ({exc}); nothing was installed.") from None


def _is_bare_file(source: Path) -> bool:
    if source.suffix.lower() not in BARE_FILES:
        return False
    if source.suffix.lower() != ".xlsx":
        return True
    with contextlib.suppress(zipfile.BadZipFile), zipfile.ZipFile(source) as book:
        return "xl/workbook.xml" in book.namelist()
    return False


def _as_archive(source: Path, folder: Path) -> Path:
    """A single CSV, TXT or XLSX wrapped as a one-member zip, so every file takes one path."""
    wrapped = folder / f"{source.stem}.zip"
    with zipfile.ZipFile(wrapped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, source.name)
    return wrapped


def _install_zip5(archive: zipfile.ZipFile, found: Recognised, source: Path, root: Path, force: bool) -> Installed:
    """A new ZIP5 file re-issues each PFS release of its year with it, in the user folder, each
    verified and installed like any release (CMS publishes ZIP5 apart from the RVU zips)."""
    try:
        releases = [r for r in installed_releases("pfs") if r.year == found.year]
    except ReleaseNotInstalledError:
        releases = []
    if not releases:
        raise DataFileError(f"No PFS release of {found.year} is installed to pair ZIP5 {found.release} with.")
    from rvucalc.reference.store import open_store

    digest = hashlib.sha256(archive.read(found.members["zip5"])).hexdigest()
    current = {r.release: next(open_store(r).rows("zip"))["year_quarter"] for r in releases}
    pending = [r for r in releases if force or (r.file("zip5").sha256 != digest and current[r.release] < found.release)]
    if not pending:
        raise AlreadyInstalled(
            f"ZIP5 {found.release} is not newer than the ZIP5 of the {found.year} PFS releases "
            f"({', '.join(f'{name}: {quarter}' for name, quarter in current.items())}); nothing to do "
            "(--force installs it anyway)."
        )
    rows = 0
    for release in pending:
        rows = _reissue_with_zip5(release, archive, found, source, root).rows
    return Installed("zip5", found.release, len(pending), rows, root / "manifests")


def _reissue_with_zip5(
    release: Any, archive: zipfile.ZipFile, found: Recognised, source: Path, root: Path
) -> Installed:
    name = f"pfs-{release.release}"
    staging = root / f".staging-{uuid.uuid4().hex}"
    folder = staging / "releases" / name
    try:
        folder.mkdir(parents=True)
        entries = []
        for entry in release.files:
            if entry.role == "zip5":
                continue
            target = folder / Path(entry.path).name
            shutil.copyfile(release.path(entry.role), target)
            entries.append({**_entry(entry.role, staging, target, entry.source), "cms_name": entry.cms_name,
                            **({"note": entry.note} if entry.note else {})})  # fmt: skip
        member = found.members["zip5"]
        target = folder / PurePosixPath(member).name
        _extract(archive, member, target, archive.getinfo(member).file_size)
        entries.append(_entry("zip5", staging, target, f"{source.name} : {member}", note=f"ZIP5 {found.release}"))
        manifest = json.loads(release.manifest_path.read_text())
        manifest.update(files=entries, title=f"{release.title.split(' + ZIP5')[0]} + ZIP5 {found.release}",
                        installed=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))  # fmt: skip
        return _commit(staging, folder, manifest, root, name, previous=[], force=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _install(archive: zipfile.ZipFile, found: Recognised, source: Path, root: Path, force: bool) -> Installed:
    name = f"{found.dataset}-{found.release}"
    try:
        previous = installed_releases(found.dataset)
    except ReleaseNotInstalledError:
        previous = []
    if any(r.release == found.release for r in previous) and not force:
        raise AlreadyInstalled(f"{found.dataset.upper()} {found.release} is already installed; nothing to do.")
    staging = root / f".staging-{uuid.uuid4().hex}"
    folder = staging / "releases" / name
    try:
        folder.mkdir(parents=True)
        entries = []
        sizes = {info.filename: info.file_size for info in safe_members(archive)}
        for role, member in found.members.items():
            target = folder / PurePosixPath(member).name
            _extract(archive, member, target, sizes[member])
            entries.append(_entry(role, staging, target, f"{source.name} : {member}"))
        if found.dataset == "pfs":
            entries.append(_carry_zip5(previous, found, staging, folder))
        manifest = {
            "dataset": found.dataset,
            "release": found.release,
            "year": found.year,
            "title": found.title,
            "released": found.released,
            "effective_from": found.effective_from,
            "installed": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "files": entries,
        }
        if found.dataset in ("asc", "opps"):
            cf = next((r.conversion_factors for r in reversed(previous) if r.year == found.year), {})
            if cf:
                manifest["conversion_factor"] = cf
        return _commit(staging, folder, manifest, root, name, previous, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _commit(
    staging: Path, folder: Path, manifest: dict[str, Any], root: Path, name: str, previous: list[Any], force: bool
) -> Installed:
    """Validate the staged release, then move it in with one rename and write its manifest last."""
    (staging / "manifests").mkdir()
    staged_manifest = staging / "manifests" / f"{name}.json"
    staged_manifest.write_text(json.dumps(manifest, indent=2) + "\n")
    release = read_manifest(staged_manifest)
    rows = _validate(release, previous, force)
    _fsync_tree(staging)
    (root / "releases").mkdir(exist_ok=True)
    (root / "manifests").mkdir(exist_ok=True)
    final = root / "releases" / name
    retired = None
    if final.exists():
        retired = root / f".staging-retired-{uuid.uuid4().hex}"
        os.rename(final, retired)
    os.rename(folder, final)
    temp_manifest = root / "manifests" / f".{name}.json.tmp"
    temp_manifest.write_text(json.dumps(manifest, indent=2) + "\n")
    _fsync(temp_manifest)
    os.replace(temp_manifest, root / "manifests" / f"{name}.json")  # the release appears here, whole
    _fsync(root / "manifests")
    if retired:
        shutil.rmtree(retired, ignore_errors=True)
    return Installed(
        release.dataset, release.release, len(manifest["files"]), rows, root / "manifests" / f"{name}.json"
    )


def _extract(archive: zipfile.ZipFile, member: str, target: Path, expected: int) -> None:
    written = 0
    with archive.open(member) as source, target.open("wb") as sink:
        while block := source.read(1 << 16):
            written += len(block)
            if written > expected:
                raise DataFileError(f"{member} unpacks to more than the zip says; refused.")
            sink.write(block)


def _entry(role: str, root: Path, path: Path, origin: str, note: str | None = None) -> dict[str, Any]:
    data = path.read_bytes()
    entry = {
        "role": role,
        "path": path.relative_to(root).as_posix(),
        "cms_name": path.name,
        "source": origin,
        "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data),
    }
    if note:
        entry["note"] = note
    return entry


def _carry_zip5(previous: list[Any], found: Recognised, staging: Path, folder: Path) -> dict[str, Any]:
    """CMS's RVU zips do not carry the ZIP5 file: copy the newest installed one, and say so."""
    candidates = [r for r in previous if r.has("zip5")]
    same_year = [r for r in candidates if r.year == found.year] or candidates
    if not same_year:
        raise DataFileError("No installed ZIP5 file to pair with this PFS release; install CMS's ZIP5 file first.")
    donor = same_year[-1]
    target = folder / Path(donor.file("zip5").path).name
    shutil.copyfile(donor.path("zip5"), target)
    return _entry("zip5", staging, target, donor.file("zip5").source,
                  note=f"carried over from release {donor.release} (CMS's RVU zip has no ZIP5 file)")  # fmt: skip


def _validate(release: Any, previous: list[Any], force: bool) -> int:
    """Every member through the pricing loaders and cross-checks; row counts against the last release."""
    from rvucalc.reference.loaders.compile import release_tables
    from rvucalc.reference.store import open_store

    tables = release_tables(release)
    rows = len(tables[MAIN_TABLE[release.dataset]])
    if release.dataset == "wage" and not previous:
        return rows
    earlier = [r for r in previous if r.effective_from < release.effective_from] or previous
    if earlier and not force:
        last = earlier[-1]
        last_rows = sum(1 for _ in open_store(last).rows(MAIN_TABLE[release.dataset]))
        if rows < MIN_ROW_SHARE * last_rows:
            raise DataFileError(
                f"{release.dataset.upper()} {release.release} has {rows} rows against {last_rows} in "
                f"{last.release}: refused as incomplete (use --force if CMS really dropped them)."
            )
    return rows


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        descriptor = os.open(path, flags)
    except OSError:  # pragma: no cover - directories cannot be opened on Windows
        return
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_tree(root: Path) -> None:
    for path in sorted(root.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(root)
