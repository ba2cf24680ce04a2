"""Verify a CMS file completely, then install it atomically into the user data folder.

Nothing is installed until every member has parsed with the loaders pricing uses
and the release's tables have been built and cross-checked. The release folder
appears with one rename and the manifest last, so a crash or Ctrl-C at any point
leaves the previous state intact (a folder without a manifest is invisible and is
cleaned up by the next refresh). A crash while an installed release is replaced (its
folder moved aside, the new one moved in, the manifest not yet replaced) is finished or
undone before the data is next read (``recover_interrupted``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from rvucalc.errors import (
    DataFileError,
    LocalDataError,
    OptionContradictsFileError,
    ReleaseNotInstalledError,
    RvucalcError,
    UnrecognisedFileError,
    UsageError,
)
from rvucalc.paths import ensure_folder
from rvucalc.reference.refresh.changes import count_of
from rvucalc.reference.refresh.recognise import Recognised, recognise_zip, safe_members
from rvucalc.reference.releases import installed_releases, read_manifest, refresh_cut_short

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.reference.refresh.changes import ReleaseChanges

MAIN_TABLE = {"pfs": "rvu", "asc": "asc_aa", "opps": "opps", "wage": "wage_index"}
MAIN_TABLE.update({"clfs": "clfs", "asp": "asp", "dmepos": "dmepos"})
BARE_FILES = (".csv", ".txt", ".xlsx")  # taken as a one-member archive (an xlsx is itself a zip)
MIN_ROW_SHARE = 0.5  # a release that lost half its rows is refused unless --force


class RefreshLocked(RvucalcError):
    """Another refresh holds the lock."""


class AlreadyInstalled(RvucalcError):
    exit_code = 0

    def __init__(self, message: str, *, dataset: str = "", release: str = "") -> None:
        super().__init__(message)
        self.dataset, self.release = dataset, release  # which release is up to date (refresh --json names it)


@dataclass
class Installed:
    dataset: str
    release: str
    files: int
    rows: int
    manifest: Path
    changes: list[str] = field(default_factory=list)  # what changed against the release it follows or replaces
    reissued: list[str] = field(default_factory=list)  # ZIP5: the PFS releases re-issued with it

    def describe(self) -> str:
        """What was installed, in a few words: rows and files, or a ZIP5's ZIP codes and the releases using it."""
        if self.dataset == "zip5":
            return f"{count_of(self.rows, 'ZIP code')}; PFS {', '.join(self.reissued)} re-issued with it"
        return f"{count_of(self.rows, 'row')}, {count_of(self.files, 'file')}"


@contextlib.contextmanager
def refresh_lock(root: Path) -> Iterator[None]:
    """One refresh at a time per data folder (an OS lock: released if the process dies).

    The lock file is opened without following a symbolic link and never truncated: a link
    planted at its name cannot make a refresh write to (or empty) another file.
    """
    ensure_folder(root, "data folder", "RVUCALC_DATA_DIR")
    lock = root / ".refresh.lock"
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as exc:
        if lock.is_symlink():
            raise LocalDataError(
                f"{lock} is a symbolic link; rvucalc does not follow it. Remove it (rm {lock}) and run again."
            ) from None
        raise LocalDataError(f"Cannot open the refresh lock {lock} ({exc.strerror or exc}).") from None
    handle = os.fdopen(descriptor, "r+")
    opened = os.fstat(descriptor)
    if not stat.S_ISREG(opened.st_mode) or not os.path.samestat(opened, os.lstat(lock)):
        handle.close()
        raise LocalDataError(f"{lock} is not a plain file (or was swapped while opened). Remove it and run again.")
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


@contextlib.contextmanager
def disk_full_said(folder: Path, what: str) -> Iterator[None]:
    """A full disk is the user's to fix, not an unexpected error: said as the cache's is (store._unwritable), exit 2.
    The staging folder it was written in is removed by the install's own cleanup, so nothing was installed."""
    try:
        yield
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise
        raise LocalDataError(
            f"The disk holding the rvucalc {what} {folder} is full ({exc.strerror or exc}): nothing was installed, "
            "and the installed data is as it was. Free some disk space and run the refresh again."
        ) from None


# What the recovery of an interrupted refresh did, for the command line to say (core modules print nothing).
RECOVERY_NOTES: list[str] = []


def _matches(release: Any, folder: Path) -> bool:
    """Every file the manifest lists is in ``folder`` with the sha256 it records."""
    for entry in release.files:
        path = folder / PurePosixPath(entry.path).name
        try:
            if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry.sha256:
                return False
        except OSError:
            return False
    return True


def recover_interrupted(root: Path) -> list[str]:
    """Finish or undo a release replacement that a crash cut short, and say which (the caller holds the lock).

    ``_commit`` moves the old release's folder aside (``.staging-retired-…``), moves the new folder in, then
    replaces the manifest. Cut short in between, the manifest no longer matches the release's folder: if the
    new manifest was written whole and matches the new folder, the replacement is finished (rolled forward);
    else the old folder is put back under the old manifest (rolled back).
    """
    if not refresh_cut_short(root):
        return []
    notes = []
    manifests = root / "manifests"
    retired = sorted(root.glob(".staging-retired-*"))
    temps = {path.name[1 : -len(".tmp")]: path for path in manifests.glob(".*.json.tmp")}
    for manifest in sorted({*manifests.glob("*.json"), *(manifests / name for name in temps)}):
        name = manifest.name.removesuffix(".json")
        live = root / "releases" / name
        try:
            release = read_manifest(manifest) if manifest.exists() else None
        except RvucalcError:
            continue  # `rvucalc data verify --fix` sets an unreadable manifest aside
        if release is not None and _matches(release, live):
            continue
        temp = temps.get(manifest.name)
        try:
            new = read_manifest(temp) if temp is not None else None
        except RvucalcError:
            new = None  # cut short while being written
        if new is not None and _matches(new, live):
            os.replace(temp, manifest)  # type: ignore[arg-type]
            _fsync(manifests)
            notes.append(f"An interrupted `rvucalc data refresh` of {name} was completed: its new files were in place.")
            continue
        if release is None:
            continue
        source = next((folder for folder in retired if _matches(release, folder)), None)
        if source is None:
            continue
        if live.exists():
            os.rename(live, root / f".staging-{uuid.uuid4().hex}")  # removed with the other leftovers
        live.parent.mkdir(exist_ok=True)
        os.rename(source, live)
        retired.remove(source)
        notes.append(
            f"An interrupted `rvucalc data refresh` of {name} was undone: the release installed before it is back. "
            "Run the refresh again to replace it."
        )
    for temp in temps.values():
        temp.unlink(missing_ok=True)
    return notes


def recover_before_reading(root: Path) -> None:
    """Before releases are read: finish or undo a refresh of ``root`` that was cut short, unless a refresh
    is running now (its lock is held; its own moves are then not a crash's)."""
    if not refresh_cut_short(root):
        return
    try:
        with refresh_lock(root):
            RECOVERY_NOTES.extend(recover_interrupted(root))
            for leftover in root.glob(".staging-*"):
                shutil.rmtree(leftover, ignore_errors=True)
    except RefreshLocked:
        return
    except OSError as exc:
        raise LocalDataError(
            f"A `rvucalc data refresh` of {root} was interrupted and cannot be finished or undone now "
            f"({exc.strerror or exc}). Make the folder writable and run `rvucalc data verify --fix`."
        ) from None


def install_file(
    source: Path, root: Path, *, quarter: int | None = None, force: bool = False, dataset: str | None = None,
    allow_changed: bool = False, year: int | None = None, release: str | None = None,
    downloaded_from: str | None = None,
) -> Installed:  # fmt: skip
    """``downloaded_from``: the URL on rvucalc's download list the file came from (the manifest records it: CMS's own
    file, where rvucalc knows no sha256 to check it by).
    ``force``: reinstall, or replace an installed release whose content differs. ``allow_changed``: accept
    a file that differs from CMS's file of the same release that rvucalc knows (the catalogue's sha256).
    ``release``: the release the file must be (what the download list announced for its URL)."""
    with refresh_lock(root), disk_full_said(root, "data folder"):
        RECOVERY_NOTES.extend(recover_interrupted(root))
        for leftover in root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        if source.is_dir():
            raise DataFileError(
                f"{source} is a folder: give one CMS file from it (CMS's zip, or one of its CSV, TXT or XLSX files); "
                "nothing was installed."
            )
        if not source.exists():  # a mistyped path is the command's mistake (exit 2), not a bad CMS file
            raise UsageError(f"{source}: no such file; check the path. Nothing was installed.")
        if not source.is_file():
            raise DataFileError(f"{source}: not a regular file; give CMS's file. Nothing was installed.")
        if source.stat().st_size == 0:
            raise DataFileError(f"{source} is empty; nothing was installed.")
        if _is_bare_file(source):
            with tempfile.TemporaryDirectory(prefix="rvucalc-wrap-") as folder:
                return _install_archive(_as_archive(source, Path(folder)), root, quarter, force, dataset,
                                        allow_changed, year, origin=source, release=release,
                                        downloaded_from=downloaded_from)  # fmt: skip
        if not zipfile.is_zipfile(source):
            with source.open("rb") as handle:
                start = handle.read(512)
            if start.startswith(b"PK"):  # a zip's first bytes, without its end: cut short
                raise DataFileError(f"{source} is not a whole zip file (truncated download?); nothing was installed.")
            if b"<html" in start.lower() or start.lstrip().lower().startswith(b"<!doctype"):
                # A download answered with a web page: a proxy's or a login page, or CMS's page instead of its file.
                raise DataFileError(
                    f"{source} is not a CMS data file but an HTML web page (a proxy's or login page, or a page "
                    "instead of the file); nothing was installed. Download the file in a browser and install it with "
                    "`rvucalc data refresh --from FILE`."
                )
            kind = " (it is a PDF document)" if start.startswith(b"%PDF") else ""
            raise UnrecognisedFileError(
                f"{source} is not a CMS data file{kind}: rvucalc installs CMS's zips and the CSV, TXT or XLSX files "
                "in them; nothing was installed."
            )
        return _install_archive(source, root, quarter, force, dataset, allow_changed, year, origin=source,
                                release=release, downloaded_from=downloaded_from)  # fmt: skip


def _install_archive(source: Path, root: Path, quarter: int | None, force: bool, dataset: str | None,
                     allow_changed: bool = False, year: int | None = None, *, origin: Path,
                     release: str | None = None, downloaded_from: str | None = None) -> Installed:  # fmt: skip
    """``source``: the zip (a bare file wrapped in one); ``origin``: the user's file, as messages name it."""
    try:
        with zipfile.ZipFile(source) as archive:
            # Sizes and ratios from the central directory first: a bomb is refused before any member is unpacked.
            safe_members(archive)
            broken = archive.testzip()
            if broken:
                raise DataFileError(f"{origin}: member {broken} is damaged (CRC check failed).")
            try:
                found = recognise_zip(archive, quarter)
            except UnrecognisedFileError as exc:  # the user's file named (a bare file is wrapped in a zip here)
                raise UnrecognisedFileError(f"{origin}: {exc.args[0]}") from None
            if release is not None and (found.release, found.dataset) != (release, dataset or found.dataset):
                # A URL that now serves another release (CMS re-pointed it, a proxy's cache): it is not what the
                # download list announced, so it is neither installed nor "already installed".
                announced = f"{dataset.upper()} {release}" if dataset and dataset != found.dataset else release
                raise DataFileError(
                    f"{origin} is {found.dataset.upper()} {found.release}, not {announced} as rvucalc's download list "
                    "says; nothing was installed. CMS may have moved the file: get it from "
                    f"{_page(dataset or found.dataset)} and install it with `rvucalc data refresh --from FILE`."
                )
            if year is not None and found.year != year:  # the file's own title or contents say its year
                raise OptionContradictsFileError(
                    f"{origin} is CMS's {found.dataset.upper()} {found.release} (CY{found.year}, as the file says), "
                    f"not CY{year}; nothing was installed."
                )
            if quarter is not None:  # as --year: the file's own title, name or contents say its quarter
                _check_quarter(found, quarter, origin)
            if dataset and found.dataset != dataset:
                raise OptionContradictsFileError(
                    f"{origin} is CMS's {found.dataset.upper()} {found.release} file, not {dataset.upper()}; "
                    f"nothing was installed. Give CMS's {dataset.upper()} file, or no dataset to install this one."
                )
            if found.dataset == "zip5":
                return _install_zip5(archive, found, origin, root, force, allow_changed)
            return _install(archive, found, origin, root, force, allow_changed, downloaded_from)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a flipped byte in a member: zlib's error, not the zip's
        raise DataFileError(f"{origin} is a damaged zip ({exc}); nothing was installed.") from None


def _check_quarter(found: Recognised, quarter: int, origin: Path) -> None:
    """Refuse a --quarter the file contradicts (a trial's October ASC zip with --quarter 1 was installed as
    2026-10, exit 0), and one given for a file with one release a year (the wage index)."""
    if found.dataset == "wage":
        raise OptionContradictsFileError(
            f"{origin} is CMS's {found.dataset.upper()} {found.release} file, one release a year with no quarter; "
            "drop --quarter. Nothing was installed."
        )
    effective = dt.date.fromisoformat(found.effective_from)
    said = (effective.month - 1) // 3 + 1
    if said != quarter:
        raise OptionContradictsFileError(
            f"{origin} is CMS's {found.dataset.upper()} {found.release} (quarter {said}, from {effective}, as the file "
            f"says), not quarter {quarter}; nothing was installed. Drop --quarter, or give quarter {quarter}'s file."
        )


def _page(dataset: str) -> str:
    from rvucalc.reference.refresh import catalogue

    entry = catalogue()["datasets"].get(dataset)
    return str(entry["page"]) if entry else "CMS's page for it"


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
    name = source.name
    with contextlib.suppress(zipfile.BadZipFile, OSError), zipfile.ZipFile(source) as book:
        if "xl/workbook.xml" in book.namelist():  # a workbook saved as .csv or .txt: known by content, not name
            name = f"{source.stem}.xlsx"
    with zipfile.ZipFile(wrapped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(source, name)
    return wrapped


def _install_zip5(
    archive: zipfile.ZipFile, found: Recognised, source: Path, root: Path, force: bool, allow_changed: bool = False
) -> Installed:
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
    misnamed = known_as_another("zip5", found.release, {"zip5": (found.members["zip5"], digest)})
    if misnamed:
        raise DataFileError("\n".join([*misnamed, "Nothing was installed."]))
    altered = catalogue_mismatches("zip5", found.release, {"zip5": (found.members["zip5"], digest)})
    if altered and not allow_changed:
        raise DataFileError("\n".join([*altered, "Nothing was installed. " + ALLOW_CHANGED_ADVICE]))
    current = {r.release: next(open_store(r).rows("zip"))["year_quarter"] for r in releases}
    pending = [r for r in releases if force or (r.file("zip5").sha256 != digest and current[r.release] < found.release)]
    if not pending:
        raise AlreadyInstalled(
            f"ZIP5 {found.release} is not newer than the ZIP5 of the {found.year} PFS releases "
            f"({', '.join(f'{name}: {quarter}' for name, quarter in current.items())}); nothing to do "
            "(--force installs it anyway).",
            dataset="zip5",
            release=found.release,
        )
    rows = 0
    for release in pending:
        # Held against the ZIP5 the release has: a file with half its ZIP codes missing is refused (--force takes it).
        named = (f"ZIP5 {found.release}", f"the installed ZIP5 {current[release.release]} (PFS {release.release})")
        rows = _reissue_with_zip5(release, archive, found, source, root, force, named).rows
    return Installed("zip5", found.release, 1, rows, root / "manifests", reissued=[r.release for r in pending])


def _reissue_with_zip5(
    release: Any, archive: zipfile.ZipFile, found: Recognised, source: Path, root: Path, force: bool,
    named: tuple[str, str],
) -> Installed:  # fmt: skip
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
        entries.append(_entry("zip5", staging, target, _origin(source, member), note=f"ZIP5 {found.release}"))
        manifest = json.loads(release.manifest_path.read_text())
        manifest.update(files=entries, title=f"{release.title.split(' + ZIP5')[0]} + ZIP5 {found.release}",
                        installed=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))  # fmt: skip
        return _commit(staging, folder, manifest, root, name, previous=[release], force=force, table="zip",
                       named=named)  # fmt: skip
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _install(
    archive: zipfile.ZipFile,
    found: Recognised,
    source: Path,
    root: Path,
    force: bool,
    allow_changed: bool = False,
    downloaded_from: str | None = None,
) -> Installed:
    name = f"{found.dataset}-{found.release}"
    try:
        previous = installed_releases(found.dataset)
    except ReleaseNotInstalledError:
        previous = []
    same = next((r for r in previous if r.release == found.release), None)
    _refuse_another_quarters_file(found, previous, _member_hashes(archive, found))
    if same is not None and not force and not _differing_roles(same, _member_hashes(archive, found)):
        raise AlreadyInstalled(f"{found.dataset.upper()} {found.release} is already installed; nothing to do.",
                               dataset=found.dataset, release=found.release)  # fmt: skip
    staging = root / f".staging-{uuid.uuid4().hex}"
    folder = staging / "releases" / name
    try:
        folder.mkdir(parents=True)
        entries = []
        sizes = {info.filename: info.file_size for info in safe_members(archive)}
        for role, member in found.members.items():
            target = folder / PurePosixPath(member).name
            _extract(archive, member, target, sizes[member])
            entries.append(_entry(role, staging, target, _origin(source, member)))
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
        if downloaded_from:  # CMS's file from rvucalc's download list (releases.installed_from)
            manifest["downloaded_from"] = downloaded_from
        if found.dataset in ("asc", "opps"):
            cf = next((r.conversion_factors for r in reversed(previous) if r.year == found.year), {})
            if cf:
                manifest["conversion_factor"] = cf
        checks = _Checks(source.name, set(found.members), allow_changed)
        return _commit(staging, folder, manifest, root, name, previous, force, checks)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


ALLOW_CHANGED_ADVICE = (
    "If CMS re-issued this file and you have checked the changes above, install it with --allow-changed."
)


@dataclass
class _Checks:
    """What to hold a staged release against before it replaces anything."""

    source: str  # the file's name, for messages
    roles: set[str]  # the roles that came from the file (a carried-over ZIP5 is not compared)
    allow_changed: bool = False


def _member_hashes(archive: zipfile.ZipFile, found: Recognised) -> dict[str, tuple[str, str]]:
    return {role: (member, hashlib.sha256(archive.read(member)).hexdigest()) for role, member in found.members.items()}


def _differing_roles(installed: Any, hashes: dict[str, tuple[str, str]]) -> list[str]:
    have = {entry.role: entry.sha256 for entry in installed.files}
    return [f"{role} ({PurePosixPath(member).name})" for role, (member, digest) in hashes.items()
            if have.get(role) != digest]  # fmt: skip


# The member that is a release's own (a PFS quarter's GPCI, locality and anesthesia files are often the same bytes
# as the quarter before; its RVU file never is).
_RELEASE_ROLE = {"pfs": "rvu", "opps": "addendum_b", "asc": "aa", "zip5": "zip5"}


# A schedule's own file (rvucalc knows no CMS hash for these: its check is the installed releases' files). A CLFS file
# installed under another quarter (--quarter 3 on CMS's Q2 file) priced Q3's dates with Q2's rates, labelled Q3.
_SCHEDULE_ROLE = {"clfs": "clfs", "asp": "payment_limit"}


def _refuse_another_quarters_file(found: Recognised, previous: list[Any], hashes: dict[str, tuple[str, str]]) -> None:
    role = _SCHEDULE_ROLE.get(found.dataset)
    if role is None or role not in hashes:
        return
    member, digest = hashes[role]
    for release in previous:
        if release.release != found.release and any(e.role == role and e.sha256 == digest for e in release.files):
            raise DataFileError(
                f"{PurePosixPath(member).name} is, byte for byte, the file of the installed {found.dataset.upper()} "
                f"{release.release}, not {found.release}'s: give the quarter it is for (or none, when its name "
                "says); nothing was installed."
            )


def known_as_another(dataset: str, release: str, hashes: dict[str, tuple[str, str]]) -> list[str]:
    """A release's own file (``_RELEASE_ROLE``) taken for one release (a --quarter, a file name) that is CMS's file of
    another, byte for byte."""
    from rvucalc.reference.refresh import release_of_sha256

    problems = []
    for role, (member, digest) in hashes.items():
        if _RELEASE_ROLE.get(dataset) != role:
            continue
        others = [other for other in release_of_sha256(dataset, role, digest) if other != release]
        if others and release not in release_of_sha256(dataset, role, digest):
            problems.append(
                f"{PurePosixPath(member).name} is CMS's {dataset.upper()} {others[0]} {role} file, byte for byte "
                f"(sha256 {digest[:12]}…), not {release}'s: give the quarter it is for (or none, when its name says)."
            )
    return problems


def _known(dataset: str, release: str, role: str, member: str) -> list[str]:
    """CMS's sha256 for a release's file of this role, in the member's format (CMS's ZIP5 .xlsx is not its .txt)."""
    from rvucalc.reference.releases import known_cms_sha256

    return known_cms_sha256(dataset, release, role, member)


def from_another_release(dataset: str, release: str, hashes: dict[str, tuple[str, str]]) -> list[str]:
    """Files of a release (a zip's companions) that are another release's, byte for byte, and not this one's: a zip
    that mixes releases (a trial's 2025D zip with January's OPPSCAP was called "altered", and --allow-changed
    advised). Never overridden."""
    from rvucalc.reference.refresh import release_of_sha256

    problems = []
    for role, (member, digest) in hashes.items():
        known = _known(dataset, release, role, member)
        others = [other for other in release_of_sha256(dataset, role, digest) if other != release]
        if known and digest not in known and others:
            problems.append(
                f"{PurePosixPath(member).name} is CMS's {dataset.upper()} {others[0]} {role} file, byte for byte "
                f"(sha256 {digest[:12]}…), not {release}'s: the file mixes releases; use {release}'s own."
            )
    return problems


def catalogue_mismatches(dataset: str, release: str, hashes: dict[str, tuple[str, str]]) -> list[str]:
    """Files that claim to be a CMS file whose sha256 rvucalc knows, with other content. Only a file of the format
    rvucalc knows is held to it (CMS's ZIP5 .xlsx is not its .txt: a trial's was called "altered")."""
    problems = []
    for role, (member, digest) in hashes.items():
        known = _known(dataset, release, role, member)
        if known and digest not in known:
            problems.append(
                f"{PurePosixPath(member).name} is not CMS's {dataset.upper()} {release} {role} file that rvucalc "
                f"knows (sha256 {digest[:12]}…, CMS's: {', '.join(k[:12] + '…' for k in known)}): it was altered, "
                "or CMS re-issued it."
            )
    return problems


def _commit(
    staging: Path,
    folder: Path,
    manifest: dict[str, Any],
    root: Path,
    name: str,
    previous: list[Any],
    force: bool,
    checks: _Checks | None = None,
    table: str | None = None,
    named: tuple[str, str] | None = None,
) -> Installed:
    """Validate the staged release, hold it against the installed one and the catalogue, then move it in
    with one rename and write its manifest last. ``table``: the table whose rows are counted (and held against
    the release before), the dataset's main one unless given; ``named``: the new and the old file, in the words
    of a refusal."""
    from rvucalc.reference.loaders.compile import release_tables

    (staging / "manifests").mkdir()
    staged_manifest = staging / "manifests" / f"{name}.json"
    staged_manifest.write_text(json.dumps(manifest, indent=2) + "\n")
    release = read_manifest(staged_manifest)
    tables = release_tables(release)
    if release.dataset == "pfs" and checks is not None:  # from CMS's RVU zip: its CFs from its own rate files
        from rvucalc.reference.refresh.factors import pfs_conversion_factors

        manifest["conversion_factor"] = pfs_conversion_factors(release, tables["rvu"], previous)
        staged_manifest.write_text(json.dumps(manifest, indent=2) + "\n")
        release = read_manifest(staged_manifest)
    rows, changes = _validate(release, tables, previous, force, table, named)
    summary = changes.lines(limit=10) if changes else []
    if checks is not None:
        hashes = {e.role: (e.path, e.sha256) for e in release.files if e.role in checks.roles}
        misnamed = known_as_another(release.dataset, release.release, hashes)
        misnamed += from_another_release(release.dataset, release.release, hashes)
        if misnamed:  # never overridden: the same bytes cannot be two releases
            raise DataFileError("\n".join([*misnamed, "Nothing was installed."]))
        altered = catalogue_mismatches(release.dataset, release.release, hashes)
        if altered and not checks.allow_changed:
            raise DataFileError("\n".join([*altered, *summary, "Nothing was installed. " + ALLOW_CHANGED_ADVICE]))
        same = next((r for r in previous if r.release == release.release), None)
        differing = _differing_roles(same, hashes) if same is not None else []
        if differing and not force:
            raise DataFileError(
                "\n".join([
                    f"{checks.source} holds {release.dataset.upper()} {release.release} with other content than the "
                    f"installed {release.release}: {', '.join(differing)} differ.",
                    *summary,
                    "Nothing was installed. If CMS re-issued this release, replace it with --force.",
                ])
            )  # fmt: skip
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
    installed = root / "manifests" / f"{name}.json"
    _compile_parsed(installed, tables)
    return Installed(release.dataset, release.release, len(manifest["files"]), rows, installed, summary)


def _compile_parsed(manifest: Path, tables: dict[str, pd.DataFrame]) -> None:
    """The new release's store, from the tables the validation already parsed (not parsed twice).
    Best effort: if the cache cannot be written now, the store is built on first use."""
    from rvucalc.reference.store import compile_store, store_path

    release = read_manifest(manifest)
    with contextlib.suppress(RvucalcError, OSError, sqlite3.Error):
        compile_store(release, store_path(release), tables)


def _extract(archive: zipfile.ZipFile, member: str, target: Path, expected: int) -> None:
    written = 0
    with archive.open(member) as source, target.open("wb") as sink:
        while block := source.read(1 << 16):
            written += len(block)
            if written > expected:
                raise DataFileError(f"{member} unpacks to more than the zip says; refused.")
            sink.write(block)


def _origin(source: Path, member: str) -> str:
    """Where an installed file came from: the user's file, and the member of it (a bare file is its own)."""
    return source.name if source.name == PurePosixPath(member).name else f"{source.name} : {member}"


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


def _validate(
    release: Any, tables: dict[str, pd.DataFrame], previous: list[Any], force: bool, table: str | None = None,
    named: tuple[str, str] | None = None,
) -> tuple[int, ReleaseChanges | None]:  # fmt: skip
    """Row counts against the last release (``table``: the dataset's main table unless given); what changed
    against the installed release of the same name, else the one before it. ``tables``: the release's, parsed with
    the pricing loaders and cross-checked."""
    from rvucalc.reference.refresh.changes import ALSO_COMPARED, MAIN_LABEL, compare_with_installed

    table = table or MAIN_TABLE[release.dataset]
    rows = len(tables[table])
    same = [r for r in previous if r.release == release.release]
    earlier = [r for r in previous if r.effective_from < release.effective_from] or previous
    against = same[-1] if same else earlier[-1] if earlier else None
    changes = (
        compare_with_installed(release, tables, against) if against and table == MAIN_TABLE[release.dataset] else None
    )
    if release.dataset == "wage" and not previous:
        return rows, changes
    if earlier and not force:
        what, against_name = named or (f"{release.dataset.upper()} {release.release}", earlier[-1].release)
        counted = [(table, rows, what)]
        if not named and table == MAIN_TABLE[release.dataset]:
            # An ASC release is its addenda: a BB (drugs, biologicals, radiology) that lost half its rows is as
            # incomplete as such an AA, and each is named in the refusal.
            if release.dataset in MAIN_LABEL:
                counted = [(table, rows, f"{what} {MAIN_LABEL[release.dataset]}")]
            counted += [(other, len(tables[other]), f"{what} {label}")
                        for other, label, _, _ in ALSO_COMPARED.get(release.dataset, [])]  # fmt: skip
        _refuse_incomplete(earlier[-1], counted, against_name)
    return rows, changes


def _refuse_incomplete(last: Any, counted: list[tuple[str, int, str]], against: str) -> None:
    """A file with less than half the rows of the release it follows is refused unless --force: CMS does not drop
    half a schedule (or half the ZIP codes) from one quarter to the next; a truncated or partial download does.
    ``counted``: each table held against ``last``, with its new row count and its name in the refusal."""
    from rvucalc.reference.store import open_store

    store = open_store(last)
    try:
        last_rows = [sum(1 for _ in store.rows(table)) for table, _, _ in counted]
    finally:
        store.close()
    short = [
        f"{what} has {count_of(rows, 'row')} against {was} in {against}"
        for (_, rows, what), was in zip(counted, last_rows, strict=True)
        if rows < MIN_ROW_SHARE * was
    ]
    if short:
        raise DataFileError(
            f"{'; '.join(short)}: refused as incomplete; nothing was installed "
            "(use --force if CMS really dropped them)."
        )


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
