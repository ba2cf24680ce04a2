"""`rvucalc data prune`: never the release in force today; the others ranked by effective date against today."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import TEST_DATA  # noqa: F401  (tests/ on the path)
from rvucalc.cli import app
from rvucalc.paths import data_dir
from rvucalc.reference.refresh import prune
from rvucalc.reference.releases import installed_releases
from rvucalc.reference.releases import today as rvucalc_today

runner = CliRunner()


def _user_release(root: Path, like: str, release: str, effective: dt.date) -> Path:
    """A user manifest (and folder) for ``release``, made from a shipped one: prune reads only manifests."""
    doc = json.loads((data_dir() / "manifests" / f"{like}.json").read_text())
    dataset = doc["dataset"]
    doc.update(release=release, year=effective.year, effective_from=effective.isoformat())
    doc.pop("letter", None)
    (root / "manifests").mkdir(parents=True, exist_ok=True)
    folder = root / "releases" / f"{dataset}-{release}"
    folder.mkdir(parents=True)
    (folder / "placeholder.csv").write_text("x\n")
    manifest = root / "manifests" / f"{dataset}-{release}.json"
    manifest.write_text(json.dumps(doc))
    return manifest


def _names(dataset: str) -> list[str]:
    return [r.release for r in installed_releases(dataset)]


def test_prune_keeps_the_release_in_force_and_ranks_the_rest_by_distance_from_today(user_root: Path) -> None:
    today = dt.date(2026, 12, 1)
    _user_release(user_root, "asc-2026-07", "2026-04", dt.date(2026, 4, 1))
    _user_release(user_root, "asc-2026-07", "2026-10", dt.date(2026, 10, 1))  # in force on today
    _user_release(user_root, "asc-2026-07", "2027-01", dt.date(2027, 1, 1))  # not yet
    _user_release(user_root, "pfs-2026C", "2026A", dt.date(2026, 1, 1))  # the only user PFS release
    pruned = prune(1, today=today)
    assert sorted(pruned.removed) == ["asc 2026-04", "asc 2027-01"]
    assert "asc 2026-10 (in force today)" in pruned.kept
    assert any(line.startswith("pfs 2026A") for line in pruned.kept)
    assert "2026-10" in _names("asc") and "2026A" in _names("pfs")
    assert not (user_root / "releases" / "asc-2026-04").exists()


def test_prune_keep_two_keeps_the_next_quarter_before_an_older_one(user_root: Path) -> None:
    today = dt.date(2026, 12, 1)
    for release, effective in (("2026-04", dt.date(2026, 4, 1)), ("2026-10", dt.date(2026, 10, 1)),
                               ("2027-01", dt.date(2027, 1, 1))):  # fmt: skip
        _user_release(user_root, "asc-2026-07", release, effective)
    assert prune(2, today=today).removed == ["asc 2026-04"]
    assert {"2026-10", "2027-01"} <= set(_names("asc"))


def test_cli_prune_says_what_it_kept_and_why(user_root: Path) -> None:
    today = rvucalc_today()  # RVUCALC_TODAY: the suite's today (conftest), as the command takes it
    quarter_start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    _user_release(user_root, "asc-2026-07", "in-force", quarter_start)
    _user_release(user_root, "asc-2026-07", "future", quarter_start + dt.timedelta(days=400))
    result = runner.invoke(app, ["data", "prune", "--keep", "1"])
    assert result.exit_code == 0, result.output
    assert "removed asc future" in result.stderr and "kept asc in-force (in force today)" in result.stderr


def test_cli_prune_says_why_it_removed_nothing(user_root: Path) -> None:
    """A newcomer's `rvucalc data prune --keep 4` said only "removed nothing": it says why (nothing installed with
    `data refresh`, the shipped releases never removed; or every installed one kept, and by which rule)."""
    shipped = sum(len(installed_releases(name)) for name in ("pfs", "opps", "asc", "clfs", "asp", "dmepos"))
    result = runner.invoke(app, ["data", "prune", "--keep", "4"])
    assert result.exit_code == 0, result.output
    assert (f"removed nothing: nothing was installed with `rvucalc data refresh`, and the {shipped} releases that came "
            "with rvucalc are never removed") in result.stderr  # fmt: skip
    today = rvucalc_today()  # RVUCALC_TODAY: the suite's today (conftest), as the command takes it
    _user_release(user_root, "asc-2026-07", "in-force", dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1))
    kept = runner.invoke(app, ["data", "prune", "--keep", "4"])
    assert (
        "removed nothing: every release installed with `rvucalc data refresh` is in force today, pinned, or among "
        "the 4 nearest today of its dataset (--keep)" in kept.stderr
    )
    assert "kept asc in-force (in force today)" in kept.stderr
