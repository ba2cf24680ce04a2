"""`rvucalc compare` with a list of codes keeps the list's order (a practice's codes by volume came back sorted by
code), in the table, JSON and CSV; `--sort` and `--all` sort as before. And a PFS side given as a month
(`--from 2025-01`, as the OPPS and ASC name their quarters) is the PFS release in force on the month's first day, said
in the notes, where it was refused.

Amounts are CMS's national PFS amounts of 99213 (CY2025 2025A: (1.30 + 1.35 + 0.10 RVUs) x $32.3465 = $88.95; CY2026
July: $95.19)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
ORDER = ["99214", "71046-26", "99213", "20610"]


def _codes(tmp_path: Path) -> Path:
    path = tmp_path / "codes.txt"
    path.write_text("\n".join(ORDER) + "\n")
    return path


def _named(code: str, modifier: str | None) -> str:
    return "-".join([code, *([modifier] if modifier else [])])


def test_a_list_of_codes_keeps_its_order(tmp_path: Path, isolated_cache: Path) -> None:
    codes = str(_codes(tmp_path))
    out = runner.invoke(app, ["compare", "--codes", codes, "--from", "2025", "--to", "2026", "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert [_named(c["code"], c["modifier"]) for c in doc["codes"]] == ORDER and doc["sorted_by"] == "given"
    out = runner.invoke(app, ["compare", "--codes", codes, "--from", "2025", "--to", "2026", "-f", "csv"])
    assert [_named(r["code"], r["modifier"]) for r in csv.DictReader(io.StringIO(out.stdout))] == ORDER
    out = runner.invoke(app, ["compare", "--codes", codes, "--from", "2025", "--to", "2026"])
    table = out.stdout
    assert [table.index(f"│ {code} ") for code in ORDER] == sorted(table.index(f"│ {code} ") for code in ORDER)
    # Codes named on the line, then the file's: each where it was given.
    out = runner.invoke(app, ["compare", "99215", "--codes", codes, "--from", "2025", "--to", "2026", "-f", "json"])
    assert [_named(c["code"], c["modifier"]) for c in json.loads(out.stdout)["codes"]] == ["99215", *ORDER]
    # Asked to sort: sorted.
    out = runner.invoke(app, ["compare", "--codes", codes, "--from", "2025", "--to", "2026", "--sort", "code",
                              "-f", "json"])  # fmt: skip
    doc = json.loads(out.stdout)
    assert [_named(c["code"], c["modifier"]) for c in doc["codes"]] == sorted(ORDER) and doc["sorted_by"] == "code"


def test_sort_given_is_accepted_for_named_codes(tmp_path: Path, isolated_cache: Path) -> None:
    """A review: JSON says sorted_by "given", and `--sort given` was refused. Accepted for named codes (their order, as
    without --sort); --all names no order: refused, naming the sorts it has."""
    codes = str(_codes(tmp_path))
    out = runner.invoke(app, ["compare", "--codes", codes, "--from", "2025", "--to", "2026", "--sort", "given",
                              "-f", "json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert [_named(c["code"], c["modifier"]) for c in doc["codes"]] == ORDER and doc["sorted_by"] == "given"
    whole = runner.invoke(app, ["compare", "--all", "--from", "2025", "--to", "2026", "--sort", "given"])
    assert whole.exit_code == 2 and "--all names none: choose code, change, percent" in whole.stderr


def test_the_whole_schedule_is_still_sorted_by_change(isolated_cache: Path) -> None:
    out = runner.invoke(app, ["compare", "--all", "--from", "2025", "--to", "2026", "--limit", "20", "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    changes = [abs(c["amounts"]["non_facility"]["difference"]) for c in doc["codes"]
               if c["amounts"].get("non_facility", {}).get("difference") is not None]  # fmt: skip
    assert doc["sorted_by"] == "change" and changes == sorted(changes, reverse=True) and changes


def test_a_pfs_month_is_the_release_in_force_on_its_first_day(isolated_cache: Path) -> None:
    out = runner.invoke(app, ["compare", "99213", "--from", "2025-01", "--to", "2026", "-f", "json"])
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert (doc["from_release"]["release"], doc["to_release"]["release"]) == ("2025A", "2026C")
    amount = doc["codes"][0]["amounts"]["non_facility"]
    assert (str(amount["before"]), str(amount["after"])) == ("88.95", "95.19")  # CMS's national amounts
    assert "The earlier side, 2025-01, is the month's first day (2025-01-01): PFS release 2025A, in effect from " \
           "2025-01-01." in doc["notes"]  # fmt: skip
    assert out.stderr.count("warning:") == 0  # 2025A is the release in force on 2025-01-01: nothing to warn
    table = runner.invoke(app, ["compare", "99213", "--from", "2025-01", "--to", "2026-07"])
    assert table.exit_code == 0 and "Note: The later side, 2026-07, is the month's first day (2026-07-01): PFS " \
                                      "release 2026C" in table.stdout  # fmt: skip
    # The same as the month's first day given as a date: a quarter not installed is the date's fallback, warned.
    month = runner.invoke(app, ["compare", "99213", "--from", "2025-04", "--to", "2026", "-f", "json"])
    day = runner.invoke(app, ["compare", "99213", "--from", "2025-04-01", "--to", "2026", "-f", "json"])
    assert json.loads(month.stdout)["codes"] == json.loads(day.stdout)["codes"]
    assert json.loads(month.stdout)["from_release"]["release"] == "2025A"
    assert "CMS's PFS quarterly release for 2025-04-01 (2025B) is not installed" in month.stderr
    # Not a month; a year not installed.
    bad = runner.invoke(app, ["compare", "99213", "--from", "2025-13", "--to", "2026"])
    assert bad.exit_code == 2 and "'2025-13' is not a month (YYYY-MM) or a date (YYYY-MM-DD)" in bad.stderr
    missing = runner.invoke(app, ["compare", "99213", "--from", "2024-01", "--to", "2026"])
    assert missing.exit_code == 1 and "--from 2024-01: no PFS release for 2024 is installed" in missing.stderr


@pytest.mark.parametrize("month", ["0000-01", "2025-00", "2025-13"])
@pytest.mark.parametrize("side", ["--from", "--to"])
def test_a_month_no_calendar_has_is_a_usage_error(side: str, month: str) -> None:
    """A review: `--from 0000-01` was "unexpected error (ValueError: year 0 is out of range)", exit 1."""
    other = {"--from": "--to", "--to": "--from"}[side]
    out = runner.invoke(app, ["compare", "99213", side, month, other, "2026"])
    assert out.exit_code == 2, out.output
    assert f"{side} '{month}' is not a month (YYYY-MM) or a date (YYYY-MM-DD)" in out.stderr
    assert "unexpected error" not in out.stderr


def test_a_month_a_release_takes_effect_within_is_refused() -> None:
    """A release that takes effect after the month's first day makes the month two releases: refused, naming it (the
    shipped releases all take effect on a quarter's first day, so this is made up)."""
    import datetime as dt

    import pytest

    from rvucalc.errors import UsageError
    from rvucalc.lookup.compare import pfs_month
    from rvucalc.reference.releases import Release

    def release(name: str, day: dt.date) -> Release:
        return Release(dataset="pfs", release=name, year=day.year, letter=name[-1], title=name, released=None,
                       effective_from=day, conversion_factors={}, files=(), manifest_path=Path("."),
                       manifest_sha256="")  # fmt: skip

    releases = [release("2025A", dt.date(2025, 1, 1)), release("2025B", dt.date(2025, 4, 15))]
    assert pfs_month(releases, "2025-01", "--from") == dt.date(2025, 1, 1)
    assert pfs_month(releases, "2025-05", "--from") == dt.date(2025, 5, 1)
    with pytest.raises(UsageError, match="takes effect within that month"):
        pfs_month(releases, "2025-04", "--from")
    opps = Release(**{**vars(release("2025-04", dt.date(2025, 4, 1))), "dataset": "opps"})
    assert pfs_month([opps], "2025-05") is None  # not the PFS: its months are its releases' names
