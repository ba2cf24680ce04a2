"""Which release prices a request: by date of service, by year, or the newest."""

from __future__ import annotations

import datetime as dt

import pytest

from rvucalc.errors import ReleaseNotInstalledError, UsageError
from rvucalc.reference.releases import installed_releases, select_release

RELEASES = installed_releases()


def pick(year: int | None = None, date: dt.date | None = None) -> tuple[str, list[str]]:
    release, warnings = select_release(RELEASES, year=year, date_of_service=date)
    return release.release, warnings


def test_installed_releases_in_effective_order() -> None:
    assert [r.release for r in RELEASES] == ["2025A", "2025D", "2026C"]


def test_default_is_the_newest() -> None:
    assert pick() == ("2026C", [])


def test_year_picks_that_years_newest() -> None:
    assert pick(2025) == ("2025D", [])


def test_date_picks_the_release_in_force() -> None:
    assert pick(date=dt.date(2025, 2, 10)) == ("2025A", [])
    assert pick(date=dt.date(2025, 10, 1)) == ("2025D", [])
    assert pick(2025, dt.date(2025, 12, 31)) == ("2025D", [])


def test_missing_quarterly_release_is_said_not_silent() -> None:
    release, warnings = pick(date=dt.date(2025, 8, 1))
    assert release == "2025A"
    assert "2025C" in warnings[0] and "not installed" in warnings[0]


def test_date_before_the_years_first_installed_release_warns() -> None:
    release, warnings = pick(date=dt.date(2026, 2, 1))
    assert release == "2026C"
    assert "2026A" in warnings[0] and "2026-07-01" in warnings[0]


def test_year_not_installed_lists_what_is() -> None:
    with pytest.raises(ReleaseNotInstalledError, match=r"No PFS release for 2024.*2025A.*2025D.*2026C"):
        pick(2024)
    with pytest.raises(ReleaseNotInstalledError):
        pick(date=dt.date(2027, 1, 5))


def test_year_and_date_must_agree() -> None:
    with pytest.raises(UsageError):
        pick(2025, dt.date(2026, 1, 5))


def test_manifests_name_every_file_with_checksum_and_source() -> None:
    for release in RELEASES:
        assert release.files
        for entry in release.files:
            assert len(entry.sha256) == 64 and entry.source and entry.cms_name
            assert release.path(entry.role).is_file()
