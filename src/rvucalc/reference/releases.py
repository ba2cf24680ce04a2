"""Installed data releases: their manifests, and which one is in force on a date.

A manifest (``data/manifests/<dataset>-<release>.json``) names every file of a
release with its sha256, CMS name, source and effective date. Reading them is
cheap (a few small JSON files), so every run does it.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rvucalc.errors import DataFileError, LocalDataError, ReleaseNotInstalledError, UsageError, option
from rvucalc.paths import data_dir, data_roots, user_data_dir

QUARTER_LETTERS = "ABCD"
QUARTERLY_DATASETS = ("pfs", "opps", "asc", "clfs", "asp", "dmepos")  # a release each quarter

DATASET_LABELS = {
    "pfs": "PFS",
    "opps": "OPPS Addendum B",
    "asc": "ASC addenda",
    "wage": "wage index",
    "geo": "geography",
    "clfs": "Clinical Laboratory Fee Schedule",
    "asp": "ASP drug payment limit",
    "dmepos": "DMEPOS fee schedule",
}


def quarter_release_name(dataset: str, year: int, quarter: int) -> str:
    """CMS's name for a quarter's release: PFS '2025C'; quarterly addenda '2025-07'."""
    if dataset == "pfs":
        return f"{year}{QUARTER_LETTERS[quarter]}"
    return f"{year}-{quarter * 3 + 1:02d}"


@dataclass(frozen=True)
class ManifestFile:
    role: str
    path: str
    cms_name: str
    source: str
    sha256: str
    bytes: int
    note: str | None = None


@dataclass(frozen=True)
class Release:
    dataset: str
    release: str
    year: int
    letter: str
    title: str
    released: str | None
    effective_from: dt.date
    conversion_factors: dict[str, str]
    files: tuple[ManifestFile, ...]
    manifest_path: Path
    manifest_sha256: str
    # A CY2026-on release whose QP conversion factor rvucalc could not take from CMS's files: why, and the fix.
    qp_unavailable: str | None = None
    # The URL on rvucalc's download list the release's file was downloaded from (`rvucalc data refresh`): CMS's own.
    downloaded_from: str | None = None

    @property
    def cf_kind(self) -> str:
        """The kind of CF in the RVU file's rows: 'non_qp' from CY2026, when CMS publishes a QP and a non-QP CF
        (the installed rate file is the non-QP one), else 'single'."""
        return "non_qp" if "qp" in self.conversion_factors or self.qp_unavailable else "single"

    def qp_conversion_factor(self) -> str:
        """The qualifying APM participant CF (``--qp``), or a usage error that says why there is none."""
        if "qp" in self.conversion_factors:
            return self.conversion_factors["qp"]
        if self.qp_unavailable:
            raise UsageError(
                f"{option('qp')}: PFS release {self.release} has no qualifying APM participant (QP) conversion "
                f"factor: {self.qp_unavailable} Refresh from CMS's whole RVU zip of that release, which holds both "
                "rate files (rvucalc data refresh --from ZIP --force), or give CMS's QP CF as a what-if with "
                f"{option('conversion_factor')}."
            )
        raise UsageError(
            f"{option('qp')}: CY{self.year} has one conversion factor; the qualifying APM CF applies from 2026."
        )

    def file(self, role: str) -> ManifestFile:
        for entry in self.files:
            if entry.role == role:
                return entry
        raise DataFileError(f"Release {self.release} has no {role!r} file in {self.manifest_path}.")

    def has(self, role: str) -> bool:
        return any(entry.role == role for entry in self.files)

    def path(self, role: str) -> Path:
        return self.manifest_path.parents[1] / self.file(role).path


def read_manifest(path: Path) -> Release:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _broken_manifest(path, exc.strerror or str(exc)) from None
    try:
        doc = json.loads(raw)
        factors = doc.get("conversion_factor", {})
        cf = {key: value for key, value in factors.items() if key not in ("note", "qp_unavailable")}
        effective_from = dt.date.fromisoformat(doc["effective_from"])
        return Release(
            dataset=doc["dataset"],
            release=doc["release"],
            year=int(doc["year"]),
            letter=doc.get("letter") or QUARTER_LETTERS[(effective_from.month - 1) // 3],
            title=doc["title"],
            released=doc.get("released"),
            effective_from=effective_from,
            conversion_factors=cf,
            files=tuple(ManifestFile(**entry) for entry in doc["files"]),
            manifest_path=path,
            manifest_sha256=hashlib.sha256(raw).hexdigest(),
            qp_unavailable=factors.get("qp_unavailable"),
            downloaded_from=doc.get("downloaded_from"),
        )
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise _broken_manifest(path, f"{type(exc).__name__}: {exc}") from None


def is_user_manifest(path: Path) -> bool:
    """True for a manifest ``rvucalc data refresh`` wrote (in the user data folder), not one shipped."""
    return _resolved(str(data_dir())) not in _resolved(str(path)).parents


@functools.lru_cache(maxsize=512)
def _resolved(path: str) -> Path:
    # Resolved once a process: a batch chooses a release for every code and date it meets (a profile found two
    # filesystem walks a choice costing 14% of a 100,000-line run).
    return Path(path).resolve()


def _broken_manifest(path: Path, reason: str) -> DataFileError:
    if is_user_manifest(path):
        return BrokenUserManifest(
            f"{path} is not a valid release manifest ({reason}). It was written by `rvucalc data refresh`: "
            "run `rvucalc data verify --fix` to set the broken release aside, then `rvucalc data refresh` "
            "to install it again."
        )
    return BrokenManifest(f"{path}: not a valid release manifest ({reason}). Reinstall rvucalc.")


class BrokenManifest(DataFileError):
    """A release manifest cannot be read: the message names it and what fixes it (exit 2, like a bad folder)."""

    exit_code = 2


class BrokenUserManifest(BrokenManifest):
    """A manifest ``rvucalc data refresh`` wrote cannot be read: ``rvucalc data verify --fix`` sets it aside."""


def installed_releases(dataset: str = "pfs", root: Path | None = None) -> list[Release]:
    """Every installed release of ``dataset``, oldest first: the shipped data overlaid by the
    user's (``rvucalc data refresh``), or only ``root`` when given."""
    by_name: dict[str, Release] = {}
    roots = [root] if root is not None else data_roots()
    if root is None and len(roots) > 1 and refresh_cut_short(roots[-1]):
        from rvucalc.reference.refresh.install import recover_before_reading

        recover_before_reading(roots[-1])  # a refresh cut short is finished or undone first
    for folder in (r / "manifests" for r in roots):
        for path in sorted(folder.glob(f"{dataset}-*.json")) if folder.is_dir() else []:
            release = read_manifest(path)
            by_name[release.release] = release
    if not by_name:
        raise ReleaseNotInstalledError(
            f"No {dataset.upper()} release is installed (looked in {', '.join(str(r) for r in roots)}). "
            "Reinstall rvucalc, or add one with: rvucalc data refresh --from FILE"
        )
    return sorted(by_name.values(), key=lambda release: (release.effective_from, release.release))


def refresh_cut_short(root: Path) -> bool:
    """Leftovers of a refresh cut short while it replaced a release (two folder listings: cheap)."""
    manifests = root / "manifests"
    return root.is_dir() and (
        any(root.glob(".staging-retired-*")) or (manifests.is_dir() and any(manifests.glob(".*.json.tmp")))
    )


def pinned_release(dataset: str) -> str | None:
    """The release ``rvucalc data use`` pinned for ``dataset``, if any."""
    state = _state_file()
    if state is None:  # no home folder: nothing can have been pinned
        return None
    value = _state_as_of(state).get("pins", {}).get(dataset)
    return value if isinstance(value, str) else None


_STATE_FILES: dict[tuple[str | None, ...], str | None] = {}


def _state_file() -> str | None:
    """``state.json``'s path (None without a home folder), worked out once for the variables that place it."""
    key = tuple(os.environ.get(name) for name in ("RVUCALC_DATA_DIR", "XDG_DATA_HOME", "HOME", "LOCALAPPDATA",
                                                  "USERPROFILE"))  # fmt: skip
    if key not in _STATE_FILES:
        try:
            _STATE_FILES[key] = str(user_data_dir() / "state.json")
        except LocalDataError:
            _STATE_FILES[key] = None
    return _STATE_FILES[key]


_STATES: dict[tuple[str, int, int, int, int], dict[str, Any]] = {}


def _state_as_of(path: str) -> dict[str, Any]:
    """``read_state``, read again only when the file changed (its size or mtime): batch asks for the pins at every
    release choice, and `data use` in the same process (tests, the API) must still be seen: written by a rename, the
    file is a new inode)."""
    try:
        stat = os.stat(path)
    except OSError:
        return read_state(Path(path))
    key = (path, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
    if key not in _STATES:
        _STATES.clear()
        _STATES[key] = read_state(Path(path))
    return _STATES[key]


def read_state(path: Path) -> dict[str, Any]:
    """``state.json`` (pins and their history); a damaged one is a clear error, never ignored."""
    if not path.exists():
        return {"pins": {}, "history": {}}
    try:
        state = json.loads(path.read_text())
        if not isinstance(state, dict) or not all(isinstance(state.get(k, {}), dict) for k in ("pins", "history")):
            raise ValueError("expected an object with 'pins' and 'history'")
    except (OSError, ValueError) as exc:
        raise LocalDataError(
            f"{path} is damaged ({exc}). It holds only the pins set with `rvucalc data use`: delete it "
            f"(rm '{path}') and pin again if you need to."
        ) from None
    return state


def describe(releases: list[Release]) -> str:
    return ", ".join(f"{r.release} (from {r.effective_from})" for r in releases)


def select_release(
    releases: list[Release],
    *,
    year: int | None = None,
    date_of_service: dt.date | None = None,
) -> tuple[Release, list[str]]:
    """The release in force for the request, and warnings about any fallback.

    No date and no year: the pinned release (``rvucalc data use``), else the newest installed release.
    A year: the release pinned for that year, else that year's newest release. A date: the newest release
    of that year already in effect; if CMS's quarterly release for the date is not installed, or the
    date precedes every installed release of its year, the nearest installed release of the same year
    is used and a warning says so.
    """
    if date_of_service and year and date_of_service.year != year:
        raise UsageError(
            f"{option('year')} {year} contradicts {option('date_of_service')} {date_of_service}; "
            "give one or make them agree."
        )
    notes: list[str] = []
    if date_of_service is None:
        pinned, notes = _pinned(releases, year)
        if pinned is not None:
            return pinned, [*notes, *provenance_warnings([pinned])]
    chosen, warnings = _in_force(releases, year, date_of_service)
    if date_of_service is None:
        warnings += _not_in_force_today(releases, year, chosen)
    else:
        pin = pinned_release(chosen.dataset)
        if pin is not None and pin != chosen.release:
            warnings.append(pin_passed_over(chosen.dataset, pin, [chosen.release], date_of_service))
    return chosen, [*notes, *warnings, *provenance_warnings([chosen])]


class OncePerRun(str):
    """A warning of a release, not of a line (it was installed from a changed file, a pin a date passes over): a single
    lookup says it as any warning; batch says it once on stderr (and in --summary), not on every row."""


def row_warnings(warnings: list[str]) -> list[str]:
    """The warnings a batch row's note carries: not a release's own (``OncePerRun``, said once: ``run_warnings``)."""
    return [warning for warning in warnings if not isinstance(warning, OncePerRun)]


def run_warnings(used: dict[str, Any], releases_of: Any) -> list[str]:
    """What a run priced with the releases ``used`` (dataset -> release names) says once: each release installed
    from a file that is not CMS's (``provenance_warnings``), and a pin the rows' dates passed over
    (``pin_passed_over``). ``releases_of``: a dataset's installed releases."""
    said: list[str] = []
    for dataset, names in used.items():
        names = sorted(names)
        if not names:
            continue
        installed = {release.release: release for release in releases_of(dataset)}
        pin = pinned_release(dataset)
        others = [name for name in names if name != pin]
        if pin is not None and others:
            said.append(pin_passed_over(dataset, pin, others))
        said += provenance_warnings([installed[name] for name in names if name in installed])
    return said


def today() -> dt.date:
    """Today, as a lookup without a date of service takes it (the release CMS has in force today): ``RVUCALC_TODAY``
    (YYYY-MM-DD) prices as if today were that date."""
    text = os.environ.get("RVUCALC_TODAY", "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"RVUCALC_TODAY={text!r} is not a date: give YYYY-MM-DD (price as if today were that date), or unset it."
        ) from None


def _not_in_force_today(releases: list[Release], year: int | None, chosen: Release) -> list[str]:
    """A lookup without a date takes the newest release (of its year): when CMS's release in force today is not
    installed, the warning a lookup dated today gives (``_in_force``'s), and that no date was given."""
    if chosen.dataset not in QUARTERLY_DATASETS:
        return []  # the wage index and geography: a release a year, or one in all
    day = today()
    if year is not None and year != day.year:
        return []  # another year asked for: its newest, as documented
    undated = (
        f" No date of service was given: that is today's ({day}). Give one (--date, or in batch a date of service "
        "column) to price another day."
    )
    try:
        in_force, warnings = _in_force(releases, None, day)
    except ReleaseNotInstalledError as exc:  # no release of today's year at all
        return [f"{exc} Priced with {chosen.release}, the newest installed.{undated}"]
    if in_force is not chosen or not warnings:
        return []  # today's release is installed (a newer one may be too), or another is asked for
    return [warning + undated for warning in warnings]


def pin_passed_over(dataset: str, pin: str, taken: list[str], date_of_service: dt.date | None = None) -> OncePerRun:
    """A pin (``rvucalc data use``) is for lookups without a date: a dated one that takes another release says so."""
    label = DATASET_LABELS.get(dataset, dataset)
    which = f"this date of service ({date_of_service}) takes" if date_of_service else "rows with a date of service take"
    what = " and ".join(taken)
    return OncePerRun(
        f"{label} {pin} is pinned for lookups without a date (`rvucalc data use`); {which} {what}, the "
        f"release{'s' if len(taken) > 1 else ''} in force then. Leave the date out to price with {pin}, or undo the "
        f"pin with: rvucalc data rollback --dataset {dataset}"
    )


@functools.cache
def _known_files() -> dict[str, Any]:
    """The sha256 of CMS's own files rvucalc knows, by dataset, release and role (``refresh/catalogue.json``)."""
    path = Path(__file__).with_name("refresh") / "catalogue.json"
    return json.loads(path.read_text()).get("known_files", {})  # type: ignore[no-any-return]


def known_cms_sha256(dataset: str, release: str, role: str, name: str) -> list[str]:
    """CMS's sha256 for a release's file of this role, in the format of the file ``name`` (CMS's ZIP5 .xlsx is not
    its .txt); empty: rvucalc knows none."""
    entries = _known_files().get(dataset, {}).get(release, {})
    entries = entries.get(role, []) if isinstance(entries, dict) else []
    suffix = Path(name).suffix.lower()
    return [entry["sha256"] for entry in entries if Path(entry.get("cms_name", name)).suffix.lower() == suffix]


def installed_from(release: Release) -> str | None:
    """How ``rvucalc data refresh`` installed a release, when amounts from it may not be CMS's: 'changed' (a file
    differs from CMS's published one rvucalc knows: --allow-changed), 'unchecked' (rvucalc knows no sha256 of CMS's
    file for that release, and it was not downloaded from rvucalc's list). None: shipped with rvucalc, or CMS's file.
    Read from the manifest's sha256s (no file is hashed): cheap, and once a release a process."""
    key = (str(release.manifest_path), release.manifest_sha256)
    if key not in _INSTALLED_FROM:
        _INSTALLED_FROM[key] = _installed_from(release)
    return _INSTALLED_FROM[key]


_INSTALLED_FROM: dict[tuple[str, str], str | None] = {}


def _installed_from(release: Release) -> str | None:
    if not is_user_manifest(release.manifest_path):
        return None
    matched = False
    for entry in release.files:
        if entry.role == "zip5":  # carried over from another release, or a ZIP5 file of its own: checked as that
            continue
        known = known_cms_sha256(release.dataset, release.release, entry.role, entry.path)
        if known and entry.sha256 not in known:
            return "changed"
        matched = matched or bool(known)
    return None if matched or release.downloaded_from else "unchecked"


def provenance_warnings(releases: list[Release]) -> list[str]:
    """What a price from each release must say when it was installed from a file that is not (or cannot be checked
    to be) CMS's published one; nothing for a shipped release or CMS's own file."""
    said: list[str] = []
    for release in releases:
        how = installed_from(release)
        if how is None:
            continue
        label = f"{DATASET_LABELS.get(release.dataset, release.dataset)} {release.release}"
        source = next((entry.source.split(" : ")[0] for entry in release.files if entry.role != "zip5"), "a file")
        from rvucalc.reference.refresh import reinstall_command

        again = reinstall_command(release.dataset, release.release)
        if how == "changed":
            said.append(OncePerRun(
                f"{label} was installed from a file that differs from CMS's published one (--allow-changed): amounts "
                f"may not be CMS's. Check with `rvucalc data verify`, or reinstall CMS's file: {again}"
            ))  # fmt: skip
        else:
            said.append(OncePerRun(
                f"{label} was installed from {source}, which rvucalc cannot check against CMS's published file (it "
                f"knows no sha256 for that release): amounts are that file's. If it is not CMS's own, reinstall "
                f"CMS's file: {again}"
            ))  # fmt: skip
    return said


def _pinned(releases: list[Release], year: int | None) -> tuple[Release | None, list[str]]:
    """The release ``rvucalc data use`` pinned, when it answers a request without a date (and of its year, if
    one is asked), with the line that says so; else None, and why a pin was not used."""
    dataset = releases[-1].dataset
    pin = pinned_release(dataset)
    if pin is None:
        return None, []
    label = DATASET_LABELS.get(dataset, dataset)
    pinned = next((release for release in releases if release.release == pin), None)
    if pinned is None:
        return None, [
            f"{label} is pinned to {pin} (`rvucalc data use`), which is not installed; the pin is not used. "
            f"Pin an installed release, or undo the pin with: rvucalc data rollback --dataset {dataset}"
        ]
    if year is not None and pinned.year != year:
        return None, []  # a pin answers for its own year only: another year's lookup is not about it
    newest = [release for release in releases if year is None or release.year == year][-1]
    return pinned, [
        f"Using {label} {pin}, pinned with `rvucalc data use` (newest installed"
        f"{'' if year is None else f' for {year}'}: {newest.release})."
    ]


def _in_force(releases: list[Release], year: int | None, date_of_service: dt.date | None) -> tuple[Release, list[str]]:
    wanted_year = date_of_service.year if date_of_service else year
    if wanted_year is None:
        return releases[-1], []
    same_year = [release for release in releases if release.year == wanted_year]
    if not same_year:
        label = DATASET_LABELS.get(releases[0].dataset, releases[0].dataset)
        raise ReleaseNotInstalledError(
            f"No {label} release for {wanted_year} is installed. Installed: {describe(releases)}."
        )
    if date_of_service is None:
        return same_year[-1], []
    in_force = [release for release in same_year if release.effective_from <= date_of_service]
    quarter = (date_of_service.month - 1) // 3
    quarter_letter = QUARTER_LETTERS[quarter]
    expected = quarter_release_name(same_year[0].dataset, wanted_year, quarter)
    # Which file is missing, in the warning's words: a lookup meets several datasets' quarters.
    label = DATASET_LABELS.get(same_year[0].dataset, same_year[0].dataset)
    if not in_force:
        chosen = same_year[0]
        return chosen, [
            f"CMS's {label} release in force on {date_of_service} ({expected} or earlier) is not installed: "
            f"priced with {chosen.release}, which takes effect on {chosen.effective_from}. "
            "Amounts may differ from what was paid on that date."
        ]
    chosen = in_force[-1]
    warnings: list[str] = []
    if chosen.letter < quarter_letter:
        warnings.append(
            f"CMS's {label} quarterly release for {date_of_service} ({expected}) is not installed: "
            f"priced with {chosen.release} (in effect from {chosen.effective_from})."
        )
    return chosen, warnings
