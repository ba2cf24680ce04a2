"""Bringing in CMS's new files safely: status, refresh, verify, pin, roll back, prune.

Installed releases live in the user data folder (``paths.user_data_dir``), which
overlays the data shipped in the package; nothing is written into site-packages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rvucalc.errors import (
    DataFileError,
    LocalDataError,
    NotFoundError,
    ReleaseNotInstalledError,
    RvucalcError,
    UsageError,
)
from rvucalc.paths import data_roots, ensure_folder, user_data_dir
from rvucalc.reference.refresh.download import Downloader
from rvucalc.reference.refresh.install import AlreadyInstalled, Installed, disk_full_said, install_file
from rvucalc.reference.releases import (
    DATASET_LABELS,
    QUARTER_LETTERS,
    Release,
    installed_releases,
    is_user_manifest,
    quarter_release_name,
    read_manifest,
    read_state,
)
from rvucalc.reference.releases import today as today_seam

DATASETS = ("pfs", "opps", "asc", "wage", "geo", "clfs", "asp", "dmepos")
QUARTERLY = ("pfs", "opps", "asc", "clfs", "asp", "dmepos")


def catalogue() -> dict[str, Any]:
    return json.loads((Path(__file__).with_name("catalogue.json")).read_text())  # type: ignore[no-any-return]


def known_sha256(dataset: str, release: str, role: str) -> list[str]:
    """The sha256 of CMS's own file for a release and role, as rvucalc ships or knows it (empty: unknown)."""
    entries = catalogue().get("known_files", {}).get(dataset, {}).get(release, {}).get(role, [])
    return [entry["sha256"] for entry in entries]


def release_of_sha256(dataset: str, role: str, digest: str) -> list[str]:
    """The releases whose CMS file for ``role`` has this sha256, as the catalogue knows them."""
    releases = catalogue().get("known_files", {}).get(dataset, {})
    return [release for release, roles in releases.items() if isinstance(roles, dict)
            and digest in {entry["sha256"] for entry in roles.get(role, [])}]  # fmt: skip


def refresh_from(
    source: str,
    *,
    year: int | None = None,
    quarter: int | None = None,
    force: bool = False,
    dataset: str | None = None,
    downloader: Downloader | None = None,
    allow_changed: bool = False,
    release: str | None = None,
) -> Installed:
    """Install one file: a path, or a URL (downloaded first). Raises on any fault; nothing half-installed.
    ``release``: the release the file must be (a catalogue entry's), else it is refused."""
    root = user_data_dir()
    options: dict[str, Any] = {"quarter": quarter, "force": force, "dataset": dataset, "allow_changed": allow_changed,
                               "year": year, "release": release}  # fmt: skip
    if source.startswith(("http://", "https://")):
        downloader = downloader or Downloader()
        downloader.check_url(source)
        with tempfile.TemporaryDirectory(prefix="rvucalc-download-") as folder:
            with disk_full_said(Path(folder).parent, "temporary folder for downloads (TMPDIR)"):
                path = downloader.fetch(source, Path(folder) / "download.zip")
            try:  # a file from rvucalc's download list (``release``) is CMS's own: the manifest says where from
                return install_file(path, root, **options, downloaded_from=source if release else None)
            except (DataFileError, LocalDataError) as exc:
                # The temporary file is gone when the message is read: it names the URL.
                raise _naming(exc, str(path), f"the file at {source}") from None
    return install_file(Path(source).expanduser(), root, **options)


def _naming(exc: DataFileError | LocalDataError, path: str, name: str) -> RvucalcError:
    if isinstance(exc, DataFileError):
        # Its own class (an option the file contradicts is exit 2: OptionContradictsFileError), the URL for the path.
        renamed = type(exc)(exc.args[0].replace(path, name))
        renamed.bad_cells = exc.bad_cells
        return renamed
    return LocalDataError(exc.args[0].replace(path, name))


@dataclass
class RefreshOutcome:
    release: str
    dataset: str
    status: str  # installed | up to date | failed
    message: str
    changes: list[str] = field(default_factory=list)  # what changed against the previous release


def refresh_catalogue(
    *, year: int | None = None, dataset: str | None = None, quarter: int | None = None,
    downloader: Downloader | None = None, force: bool = False, allow_changed: bool = False,
) -> list[RefreshOutcome]:  # fmt: skip
    """Fetch every catalogued release newer than what is installed (or the one asked for)."""
    # The datasets with a file to download (the wage index is listed for its page, with no URL).
    listed = {name: entry for name, entry in catalogue()["datasets"].items()
              if any(item.get("url") for item in entry["releases"])}  # fmt: skip
    if dataset and dataset not in listed:
        # A refresh that can fetch nothing must not report "0 installed" and exit 0 (a cron job would never know).
        raise UsageError(
            f"--dataset {dataset}: rvucalc has no download list for it; install CMS's file with: {get_it(dataset)}. "
            f"Datasets it downloads: {', '.join(listed)}."
        )
    outcomes = []
    wanted = 0  # catalogue entries the filters chose
    for name, entry in listed.items():
        if dataset and name != dataset:
            continue
        try:
            releases = installed_releases(name)
            installed = {r.release for r in releases}
            newest = max(r.effective_from for r in releases)
        except ReleaseNotInstalledError:  # zip5 is not a dataset of its own: it joins PFS releases
            installed, newest = set(), dt.date.min
        for item in entry["releases"]:
            release = item["release"]
            if year and not release.startswith(str(year)):
                continue
            if quarter and _quarter_of(name, release) != quarter:
                continue
            if not item.get("url"):
                continue
            wanted += 1
            if release in installed and not force:
                if year or quarter:  # asked for by name: said, not skipped silently
                    outcomes.append(
                        RefreshOutcome(
                            release,
                            name,
                            "up to date",
                            f"{name.upper()} {release} is "
                            "already installed; nothing to do (--force installs it again).",
                        )
                    )
                continue
            if not (year or quarter) and _effective(name, release) <= newest:
                continue
            try:
                # --quarter chose the entry; the file's own name and title say its quarter, held to the entry's.
                done = refresh_from(item["url"], force=force, dataset=name, downloader=downloader,
                                    allow_changed=allow_changed, release=release)  # fmt: skip
                outcomes.append(RefreshOutcome(release, name, "installed", done.describe(), done.changes))
            except AlreadyInstalled as exc:
                outcomes.append(RefreshOutcome(release, name, "up to date", str(exc)))
            except RvucalcError as exc:
                outcomes.append(RefreshOutcome(release, name, "failed", str(exc)))
    if not wanted:  # --year 2024: not "0 installed, 0 up to date" and exit 0
        asked = " ".join(f"--{flag} {value}" for flag, value in (("dataset", dataset), ("year", year),
                                                                  ("quarter", quarter)) if value)  # fmt: skip
        raise NotFoundError(
            f"{asked}: rvucalc's download list has no release for that, so nothing was downloaded. Download CMS's "
            "file from its page and install it with: rvucalc data refresh --from FILE."
        )
    return outcomes


def _quarter_of(dataset: str, release: str) -> int:
    if dataset == "pfs":
        return QUARTER_LETTERS.index(release[-1]) + 1
    if dataset == "zip5":  # YYYYQ
        return int(release[-1])
    return (int(release[-2:]) - 1) // 3 + 1


def _effective(dataset: str, release: str) -> dt.date:
    return dt.date(int(release[:4]), (_quarter_of(dataset, release) - 1) * 3 + 1, 1)


# -- status and verification ----------------------------------------------------------


@dataclass
class ReleaseStatus:
    dataset: str
    release: str
    effective_from: str
    where: str  # shipped | user
    pinned: bool
    files: int


def status(today: dt.date | None = None) -> tuple[list[ReleaseStatus], list[str]]:
    """Installed releases and warnings for datasets whose newest release predates this quarter."""
    from rvucalc.reference.releases import pinned_release

    today = today or today_seam()
    rows: list[ReleaseStatus] = []
    warnings = []
    user_root = user_data_dir().resolve()
    for name in DATASETS:
        try:
            releases = installed_releases(name)
        except ReleaseNotInstalledError:
            warnings.append(f"No {name} release is installed.")
            continue
        pin = pinned_release(name)
        for release in releases:
            where = "user" if user_root in release.manifest_path.resolve().parents else "shipped"
            rows.append(ReleaseStatus(name, release.release, str(release.effective_from), where,
                                      release.release == pin, len(release.files)))  # fmt: skip
        if name in QUARTERLY:
            quarter = (today.month - 1) // 3
            current = dt.date(today.year, quarter * 3 + 1, 1)
            newest = releases[-1]
            if not any(r.year == today.year for r in releases):
                warnings.append(missing_year(name, today.year))
            elif newest.effective_from < current:
                expected = quarter_release_name(name, today.year, quarter)
                label = DATASET_LABELS.get(name, name)
                warnings.append(
                    f"CY{today.year} {label}: CMS's release for this quarter ({expected}) is not installed; the newest "
                    f"is {newest.release} (from {newest.effective_from}). Get it with: {get_it(name)}"
                )
    return rows, warnings


def missing_year(dataset: str, year: int) -> str:
    label = DATASET_LABELS.get(dataset, dataset)
    return (
        f"CY{year} {label}: not installed (no {year} release), so {year} lookups go without it. "
        f"Get it with: {get_it(dataset, year)}"
    )


@functools.cache  # a lookup of a year without a lab file asks once per line: the list is parsed once
def get_it(dataset: str, year: int | None = None) -> str:
    """The command that installs a dataset's release: from rvucalc's download list, or (a dataset the list does not
    have: CLFS, ASP, DMEPOS) from the file the user downloads from CMS's page."""
    entry = catalogue()["datasets"].get(dataset, {"releases": []})
    if any(item.get("url") for item in entry["releases"]):  # the wage index is listed with no file to download
        return f"rvucalc data refresh --dataset {dataset}" + (f" --year {year}" if year else "")
    label = DATASET_LABELS.get(dataset, dataset)
    return f"rvucalc data refresh --from FILE (CMS's {label} file, downloaded from its page)"


def reinstall_command(dataset: str, release: str) -> str:
    """The command that installs this very release again: a plain refresh fetches only releases newer than the
    newest installed, so it names the release's year and quarter (--force: a shipped copy may still be in place)."""
    entry = catalogue()["datasets"].get(dataset, {"releases": []})
    if any(item["release"] == release and item.get("url") for item in entry["releases"]):
        quarter = f" --quarter {_quarter_of(dataset, release)}" if dataset in (*QUARTERLY, "zip5") else ""
        return f"rvucalc data refresh --dataset {dataset} --year {release[:4]}{quarter} --force"
    label = DATASET_LABELS.get(dataset, dataset)
    return f"rvucalc data refresh --from FILE --force (CMS's {label} {release} file, downloaded from its page)"


def _manifest_paths() -> list[Path]:
    """Every manifest, shipped then the user's; not those set aside (``.broken-…``), which no lookup reads."""
    return [path for root in data_roots() for path in sorted((root / "manifests").glob("*.json"))
            if (root / "manifests").is_dir() and not path.name.startswith(".")]  # fmt: skip


def verify(*, fix: bool = False) -> list[str]:
    """Problems found re-hashing every installed file against its manifest and CMS's known sha256, and every
    compiled store against what was built (empty: all good). A store that fails is rebuilt. ``fix``: a
    broken manifest in the user data folder is set aside (renamed ``.broken-…``) so the release can be
    installed again."""
    from rvucalc.reference.store import rebuild_store, verify_store

    problems = []
    if fix:  # a refresh cut short while it replaced a release: finished or undone first
        from rvucalc.reference.refresh.install import RECOVERY_NOTES, recover_before_reading

        recover_before_reading(user_data_dir())
        problems += [f"{note} (fixed)" for note in RECOVERY_NOTES]
        RECOVERY_NOTES.clear()
    releases: dict[tuple[str, str], Release] = {}  # the user's release of a name overlays the shipped one
    for path in _manifest_paths():
        try:
            release = read_manifest(path)
        except RvucalcError as exc:
            if fix and is_user_manifest(path):
                path.rename(path.with_name(f".broken-{path.name}"))
                problems.append(f"{path}: unreadable; set aside as .broken-{path.name} (fixed)")
            else:
                problems.append(str(exc).splitlines()[0])
            continue
        releases[(release.dataset, release.release)] = release
    for release in releases.values():
        where = f"{release.dataset} {release.release}"
        found, damaged = _check_files(release)
        problems += found
        if damaged and fix and is_user_manifest(release.manifest_path):
            path = release.manifest_path
            path.rename(path.with_name(f".broken-{path.name}"))
            fallback = _shipped(release)
            problems.append(
                f"{path}: its files are missing or altered; set aside as .broken-{path.name} (fixed). "
                + (f"{where} now uses the release shipped with rvucalc. " if fallback else f"{where} is no longer "
                   "installed. ")
                + f"Install {release.release} again with: {reinstall_command(release.dataset, release.release)}."
            )  # fmt: skip
            if fallback is None:
                continue
            release = fallback
            problems += _check_files(release)[0]
        store_problems = verify_store(release)
        if store_problems:
            problems.extend(f"{where}: compiled data {problem}" for problem in store_problems)
            try:
                rebuild_store(release)
                problems.append(f"{where}: compiled data rebuilt from the CMS files (fixed)")
            except RvucalcError as exc:
                problems.append(f"{where}: compiled data could not be rebuilt: {exc}")
    return problems


def _check_files(release: Release) -> tuple[list[str], bool]:
    """The release's files against its manifest and CMS's known sha256: the problems, and whether a file is
    missing or not the one the manifest lists."""
    where = f"{release.dataset} {release.release}"
    problems = []
    damaged = False
    for entry in release.files:
        path = release.manifest_path.parents[1] / entry.path
        if not path.is_file():
            problems.append(f"{where}: {entry.path} is missing")
            damaged = True
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        known = known_sha256(release.dataset, release.release, entry.role)
        if digest != entry.sha256:
            problems.append(f"{where}: {entry.path} does not match its sha256 in {release.manifest_path.name}")
            damaged = True
        elif known and digest not in known and entry.role != "zip5":
            problems.append(f"{where}: {entry.path} differs from CMS's {release.release} file rvucalc knows "
                            f"(sha256 {digest[:12]}…); it was installed with --allow-changed")  # fmt: skip
    return problems, damaged


def _shipped(release: Release) -> Release | None:
    """The release of the same name shipped with rvucalc, if any (what a set-aside user release falls back to)."""
    try:
        return next((r for r in installed_releases(release.dataset, data_roots()[0]) if r.release == release.release),
                    None)  # fmt: skip
    except ReleaseNotInstalledError:
        return None


# -- pins -------------------------------------------------------------------------------------


def _state_path() -> Path:
    return user_data_dir() / "state.json"


def _load_state() -> dict[str, Any]:
    return read_state(_state_path())


def _save_state(state: dict[str, Any]) -> None:
    path = _state_path()
    ensure_folder(path.parent, "data folder", "RVUCALC_DATA_DIR")  # a read-only folder: exit 2, naming it
    temp = path.with_suffix(".tmp")
    try:
        temp.write_text(json.dumps(state, indent=2) + "\n")
        temp.replace(path)
    except OSError as exc:  # a full disk, a state.json that is a folder: the pins are as they were
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise LocalDataError(
            f"Cannot write {path} ({exc.strerror or exc}); the pins are as they were. Free some disk space or make "
            "the folder writable (or set RVUCALC_DATA_DIR to a writable folder), then run the command again."
        ) from None


# The datasets whose release a lookup chooses by quarter, and so can be pinned: the wage index has one release
# a year and geography one in all, which a lookup takes by its year (or the newest).
PINNABLE = QUARTERLY


def _pinnable(dataset: str) -> str:
    if dataset not in DATASETS:
        raise UsageError(f"{dataset!r} is not a dataset: choose {', '.join(PINNABLE)}.")
    if dataset not in PINNABLE:
        label = DATASET_LABELS.get(dataset, dataset)
        raise UsageError(
            f"The {label} cannot be pinned: a lookup takes the release of its year (there is one a year). "
            f"Pin one of {', '.join(PINNABLE)}."
        )
    return dataset


def find_release(name: str, dataset: str | None = None) -> Release:
    """The installed release of that name (of ``dataset``, when given), among the datasets that can be pinned."""
    matches = []
    for candidate in [_pinnable(dataset)] if dataset else DATASETS:
        try:
            matches += [r for r in installed_releases(candidate) if r.release == name]
        except ReleaseNotInstalledError:
            continue
    if matches and not dataset:
        _pinnable(matches[0].dataset)  # a wage index or geography release: says why it cannot be pinned
    if not matches:
        which = f"{dataset} release" if dataset else "release"
        raise ReleaseNotInstalledError(
            f"No installed {which} {name!r}: `rvucalc data status` lists them; `rvucalc data refresh` installs "
            "CMS's newer ones."
        )
    if len(matches) > 1:
        raise UsageError(f"{name} names a release of {' and '.join(r.dataset for r in matches)}: add --dataset.")
    return matches[0]


def use(name: str, dataset: str | None = None) -> Release:
    """Pin a release: requests without a date use it (for its year) instead of the newest."""
    release = find_release(name, dataset)
    state = _load_state()
    history = state.setdefault("history", {}).setdefault(release.dataset, [])
    current = state.setdefault("pins", {}).get(release.dataset)
    history.append(current)
    state["pins"][release.dataset] = release.release
    _save_state(state)
    return release


def rollback_target() -> str:
    """The dataset `rvucalc data rollback` acts on without --dataset: the one dataset with a `rvucalc data use` to undo
    (a user who pinned the CLFS and rolled back undid nothing of it: the default was the PFS). None to undo, or
    several: an error that says so, naming them, never a guess."""
    history = _load_state().get("history", {})
    pending = [dataset for dataset in PINNABLE if history.get(dataset)]
    if len(pending) == 1:
        return pending[0]
    if not pending:
        raise NotFoundError(
            "Nothing to roll back: no `rvucalc data use` to undo (`rvucalc data status` shows the pins)."
        )
    raise UsageError(
        f"{len(pending)} datasets have a `rvucalc data use` to undo ({', '.join(pending)}): say which, e.g. "
        f"rvucalc data rollback --dataset {pending[0]}."
    )


def rollback(dataset: str = "pfs") -> str | None:
    """Back to the pin before the last `use` (None: the newest release again)."""
    _pinnable(dataset)
    state = _load_state()
    history = state.get("history", {}).get(dataset, [])
    if not history:
        raise NotFoundError(
            f"Nothing to roll back for {dataset}: no `rvucalc data use --dataset {dataset}` to undo "
            "(`rvucalc data status` shows the pins)."
        )
    previous = history.pop()
    if previous is None:
        state["pins"].pop(dataset, None)
    else:
        state["pins"][dataset] = previous
    _save_state(state)
    return previous  # type: ignore[no-any-return]


@dataclass
class Removed:
    release: Release
    shipped_again: bool  # the copy of that release that came with rvucalc is the one installed now


def remove(name: str, dataset: str | None = None) -> Removed:
    """Delete one release installed with ``rvucalc data refresh`` (a bad file installed with --allow-changed, a
    release installed by mistake): never one that came with rvucalc, nor the pinned one (its pin is undone first)."""
    from rvucalc.reference.refresh.install import refresh_lock
    from rvucalc.reference.releases import pinned_release

    user_root = user_data_dir()
    with refresh_lock(user_root):
        release = find_release(name, dataset)
        label = f"{release.dataset} {release.release}"
        if user_root.resolve() not in release.manifest_path.resolve().parents:
            raise UsageError(
                f"{label} came with rvucalc and cannot be removed (only releases installed with `rvucalc data refresh` "
                f"can). To price with another release, pin it: rvucalc data use RELEASE --dataset {release.dataset}."
            )
        if pinned_release(release.dataset) == release.release:
            raise UsageError(
                f"{label} is pinned (`rvucalc data use`): undo the pin first (rvucalc data rollback --dataset "
                f"{release.dataset}, or pin another release), then remove it."
            )
        release.manifest_path.unlink()  # the release disappears first, then its files (as prune)
        shutil.rmtree(user_root / "releases" / f"{release.dataset}-{release.release}", ignore_errors=True)
        try:
            shipped_again = any(r.release == release.release for r in installed_releases(release.dataset))
        except ReleaseNotInstalledError:
            shipped_again = False
    return Removed(release=release, shipped_again=shipped_again)


@dataclass
class Pruned:
    removed: list[str] = field(default_factory=list)  # "asc 2026-07"
    kept: list[str] = field(default_factory=list)  # "asc 2026-10 (in force today)"
    keep: int = 4
    shipped: int = 0  # releases that came with rvucalc, never pruned

    def why_nothing(self) -> str:
        """Why nothing was removed (a newcomer's `data prune --keep 4` said only "removed nothing")."""
        shipped = f"the {self.shipped} releases that came with rvucalc are never removed" if self.shipped else ""
        if not self.kept:
            return "nothing was installed with `rvucalc data refresh`" + (f", and {shipped}" if shipped else "")
        return (
            f"every release installed with `rvucalc data refresh` is in force today, pinned, or among the {self.keep} "
            "nearest today of its dataset (--keep)" + (f"; {shipped}" if shipped else "")
        )


def prune(keep: int = 4, today: dt.date | None = None) -> Pruned:
    """Delete user-installed releases beyond the ``keep`` per dataset whose effective dates are nearest to
    ``today`` (a release about to take effect before an older one at the same distance). Never deleted: shipped
    releases, pinned ones, and the release in force today (the newest already in effect, as a lookup dated
    today takes), which is kept first. Says what it kept and why."""
    from rvucalc.reference.refresh.install import refresh_lock
    from rvucalc.reference.releases import pinned_release

    if keep < 1:
        raise UsageError(f"--keep {keep}: keep at least 1 release per dataset (the one in force is always kept).")
    today = today or today_seam()
    result = Pruned(keep=keep)
    user_root = user_data_dir()
    with refresh_lock(user_root):
        user_root = user_root.resolve()
        for name in QUARTERLY:
            try:
                releases = installed_releases(name)
            except ReleaseNotInstalledError:
                continue
            pin = pinned_release(name)
            in_force = next((r for r in reversed(releases) if r.effective_from <= today), None)
            mine = [r for r in releases if user_root in r.manifest_path.resolve().parents]
            result.shipped += len(releases) - len(mine)
            ranked = sorted(mine, key=lambda r: (r is not in_force, abs((r.effective_from - today).days),
                                                 r.effective_from < today))  # fmt: skip
            for rank, release in enumerate(ranked):
                what = f"{name} {release.release}"
                if release is in_force:
                    result.kept.append(f"{what} (in force today)")
                elif release.release == pin:
                    result.kept.append(f"{what} (pinned)")
                elif rank < keep:
                    result.kept.append(f"{what} (effective {release.effective_from}: among the {keep} nearest today)")
                else:
                    release.manifest_path.unlink()  # the release disappears first, then its files
                    shutil.rmtree(user_root / "releases" / f"{name}-{release.release}", ignore_errors=True)
                    result.removed.append(what)
    return result
