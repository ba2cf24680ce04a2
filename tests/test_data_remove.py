"""`rvucalc data remove`: undo one release installed with `rvucalc data refresh` (a changed file taken with
--allow-changed, a release installed by mistake), never one that came with rvucalc or the pinned one."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.releases import installed_releases
from test_release_warnings_once import CHANGED, _install_changed

runner = CliRunner()


def _price_99213() -> tuple[str, list[str]]:
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--date", "2025-02-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    return doc["pfs"]["non_facility"], doc["warnings"]


def test_removing_a_changed_release_brings_back_the_copy_that_came_with_rvucalc(
    tmp_path: Path, user_root: Path
) -> None:
    shipped_amount, warnings = _price_99213()
    assert not any(w.startswith(CHANGED) for w in warnings)
    _install_changed(tmp_path)
    changed_amount, warnings = _price_99213()
    assert any(w.startswith(CHANGED) for w in warnings) and changed_amount != shipped_amount
    removed = runner.invoke(app, ["data", "remove", "2025A", "--dataset", "pfs"])
    assert removed.exit_code == 0, removed.output
    assert "removed pfs 2025A; the copy that came with rvucalc is in use again" in removed.stderr
    assert not list((user_root / "manifests").glob("pfs-*.json"))
    assert not (user_root / "releases" / "pfs-2025A").exists()
    amount, warnings = _price_99213()
    assert amount == shipped_amount and not any(w.startswith(CHANGED) for w in warnings)
    assert Pricer().price("99213", zip_code="10001", date_of_service="2025-02-01").release == "2025A"


def test_a_shipped_release_a_pinned_one_and_an_unknown_one_are_refused(tmp_path: Path, user_root: Path) -> None:
    shipped = runner.invoke(app, ["data", "remove", "2026-04", "--dataset", "asc"])
    assert shipped.exit_code == 2, shipped.output
    assert "asc 2026-04 came with rvucalc and cannot be removed" in shipped.stderr
    assert "2026-04" in [r.release for r in installed_releases("asc")]
    _install_changed(tmp_path)
    assert runner.invoke(app, ["data", "use", "2025A", "--dataset", "pfs"]).exit_code == 0
    pinned = runner.invoke(app, ["data", "remove", "2025A", "--dataset", "pfs"])
    assert pinned.exit_code == 2, pinned.output
    assert "pfs 2025A is pinned" in pinned.stderr and "rvucalc data rollback --dataset pfs" in pinned.stderr
    assert list((user_root / "manifests").glob("pfs-2025A.json"))
    unknown = runner.invoke(app, ["data", "remove", "2019Z", "--dataset", "pfs"])
    assert unknown.exit_code == 1 and "No installed pfs release '2019Z'" in unknown.stderr
    assert "Traceback" not in shipped.output + pinned.output + unknown.output
