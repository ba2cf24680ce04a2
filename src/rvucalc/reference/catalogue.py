"""The catalogue of installed reference data: every consumer's one door to CMS's releases.

Single lookups, batch and export ask it for the release in force on a date, the store of a
release (opened once and reused), a dataset's optional store for a year (OPPS, ASC, wage
index: ``None`` when the year has none installed) and the files a result came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from rvucalc.errors import ReleaseNotInstalledError
from rvucalc.models import Source
from rvucalc.reference.releases import Release, installed_releases, select_release
from rvucalc.reference.store import Store, open_store


class Catalogue:
    """Installed releases by dataset, and their compiled stores (opened lazily, kept open)."""

    def __init__(self, data_root: Path | None = None) -> None:
        self._data_root = data_root
        self._releases: dict[str, list[Release]] = {}
        self._stores: dict[str, Store] = {}
        # lookup.schedules.drug_listing's answers per (code, year, date): its releases are this catalogue's, read once.
        self.drug_listings: dict[tuple[str, int, dt.date | None], str | None] = {}

    def releases(self, dataset: str = "pfs") -> list[Release]:
        """The dataset's installed releases, oldest first; PFS must have one, others may have none."""
        if dataset not in self._releases:
            try:
                self._releases[dataset] = installed_releases(dataset, self._data_root)
            except ReleaseNotInstalledError:
                if dataset == "pfs":
                    raise
                self._releases[dataset] = []
        return self._releases[dataset]

    def select(
        self, dataset: str = "pfs", *, year: int | None = None, date_of_service: dt.date | None = None
    ) -> tuple[Release, list[str]]:
        """The release in force (``--date``), the year's newest (``--year``) or the newest, with warnings
        when the release for the date is not installed and a neighbour is used."""
        return select_release(self.releases(dataset), year=year, date_of_service=date_of_service)

    def in_force(self, dataset: str, year: int, date_of_service: dt.date | None) -> tuple[Release | None, list[str]]:
        """The year's release of an optional dataset in force on the date (None: the year has none); without a
        date, the release ``rvucalc data use`` pinned, if it is of that year."""
        releases = self.releases(dataset)
        if not any(release.year == year for release in releases):
            return None, []
        return select_release(releases, year=year, date_of_service=date_of_service)

    def store(self, release: Release) -> Store:
        key = f"{release.dataset}-{release.release}"
        if key not in self._stores:
            self._stores[key] = open_store(release)
        return self._stores[key]

    def optional_store(
        self, dataset: str, year: int, date_of_service: dt.date | None, warnings: list[str]
    ) -> Store | None:
        """The store of ``in_force``; its warnings are added to ``warnings``."""
        release, more = self.in_force(dataset, year, date_of_service)
        warnings.extend(more)
        return None if release is None else self.store(release)

    def newest(self, dataset: str) -> Release:
        releases = self.releases(dataset)
        if not releases:
            raise ReleaseNotInstalledError(f"No {dataset} release is installed. Reinstall rvucalc.")
        return releases[-1]

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()


def sources(release: Release, roles: Iterable[str]) -> list[Source]:
    """The release's files in these roles, as a result's ``sources`` (file, sha256, CMS name, origin)."""
    wanted = set(roles)
    if "gpci" in wanted and release.has("gpci_check"):
        wanted.add("gpci_check")  # names and states come from it
    return [
        Source.model_construct(
            file=entry.path, release=release.release, sha256=entry.sha256, role=entry.role,
            cms_name=entry.cms_name, origin=entry.source,
        )
        for entry in release.files
        if entry.role in wanted
    ]  # fmt: skip
