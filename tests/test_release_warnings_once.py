"""What every price from a release says about it: installed from a file that is not CMS's published one (item 1),
CMS's release in force today not installed for a lookup without a date (item 2), a pin a dated lookup passes over
(item 3). Said by `price` (stderr and JSON warnings), once on stderr by `batch` (and in --summary), `export`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from rvucalc.reference.refresh import refresh_from
from test_faults_data import tampered_rvu25a

runner = CliRunner()
CHANGED = "PFS 2025A was installed from a file that differs from CMS's published one (--allow-changed)"


def _install_changed(tmp_path: Path) -> None:
    path = tmp_path / "rvu25a_mod.zip"
    path.write_bytes(tampered_rvu25a())
    refresh_from(str(path), force=True, allow_changed=True)


def test_a_release_installed_from_a_changed_file_says_so_in_price_batch_and_export(
    tmp_path: Path, user_root: Path
) -> None:
    _install_changed(tmp_path)
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--date", "2025-02-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["release"] == "2025A"
    assert any(w.startswith(CHANGED) for w in json.loads(result.stdout)["warnings"])
    assert CHANGED in result.stderr and "rvucalc data verify" in result.stderr
    # Batch: once on stderr for the run (not on each row's note), and in --summary.
    claims = tmp_path / "claims.csv"
    claims.write_text("code,zip,date\n99213,10001,2025-02-01\n99214,10001,2025-02-03\n")
    summary = tmp_path / "summary.json"
    batch = runner.invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert batch.exit_code == 0, batch.output
    assert batch.stderr.count(CHANGED) == 1
    assert CHANGED not in (tmp_path / "out.csv").read_text()
    assert any(w.startswith(CHANGED) for w in json.loads(summary.read_text())["release_warnings"])
    export = runner.invoke(app, ["export", "--release", "2025A", "--zip", "10001", "-o", str(tmp_path / "e.csv")])
    assert export.exit_code == 0, export.output
    assert export.stderr.count(CHANGED) == 1


def test_a_release_from_cms_file_or_shipped_says_nothing_new(tmp_path: Path, user_root: Path) -> None:
    refresh_from(str(Path(__file__).parent / "data" / "zips" / "rvu25a-updated-01_10_2025.zip"), force=True)
    result = Pricer().price("99213", zip_code="10001", date_of_service="2025-02-01")
    assert result.release == "2025A" and not any("installed from" in w for w in result.warnings)
    assert not any("installed from" in w for w in Pricer().price("99213", zip_code="10001").warnings)


def test_a_release_rvucalc_cannot_check_says_so(tmp_path: Path, user_root: Path) -> None:
    """A hand-made file for a release whose CMS sha256 rvucalc does not know (here: RVU25A's rows as 2025B)."""
    from test_faults_data import rewrite_member

    april = tmp_path / "rvu25b.zip"
    april.write_bytes(rewrite_member(tampered_rvu25a(), "PPRRVU25_JAN.csv",
                                     lambda c: c.replace(b"January Release", b"April Release")))  # fmt: skip
    assert refresh_from(str(april)).release == "2025B"
    warnings = Pricer().price("99213", zip_code="10001", date_of_service="2025-05-01").warnings
    assert any("PFS 2025B was installed from rvu25b.zip, which rvucalc cannot check" in w for w in warnings)


@pytest.mark.parametrize(("today", "warned"), [("2026-12-04", True), ("2026-08-01", False)])
def test_a_lookup_without_a_date_says_when_todays_release_is_not_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, today: str, warned: bool
) -> None:
    monkeypatch.setenv("RVUCALC_TODAY", today)
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--format", "json"])
    assert result.exit_code == 0, result.output
    said = "CMS's PFS quarterly release for 2026-12-04 (2026D) is not installed: priced with 2026C"
    assert (said in result.stderr) is warned
    assert any(said in w for w in json.loads(result.stdout)["warnings"]) is warned
    # A dated lookup says the same (one implementation); a date in force says nothing.
    dated = Pricer().price("99213", zip_code="10001", date_of_service="2026-12-04")
    assert any(said in w for w in dated.warnings)
    claims = tmp_path / "claims.csv"
    claims.write_text("code,zip\n99213,10001\n99214,10001\n")
    batch = runner.invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv")])
    assert batch.exit_code == 0, batch.output
    assert batch.stderr.count(said) == (1 if warned else 0)


def test_a_batch_without_dates_names_each_schedule_whose_release_today_is_not_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Not the PFS's alone: a row priced from the ASC addenda or the ASP file is priced with an older quarter's too
    (its note says so), and the summary counts it as not in force today, not 'on its date' (it has none)."""
    monkeypatch.setenv("RVUCALC_TODAY", "2026-12-04")
    claims = tmp_path / "claims.csv"
    claims.write_text("code,zip\n22590,10001\nJ9271,10001\n")
    summary = tmp_path / "summary.json"
    batch = runner.invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv"), "--summary", str(summary)])
    assert batch.exit_code == 0, batch.output
    for label, release in (("PFS", "2026D"), ("ASC addenda", "2026-10"), ("ASP drug payment limit", "2026-10")):
        said = f"CMS's {label} quarterly release for 2026-12-04 ({release}) is not installed"
        assert batch.stderr.count(said) == 1, label
        assert said in (tmp_path / "out.csv").read_text()
    # Not the schedules no row was priced from (a review: a file of 99213 alone was warned of all five).
    assert "DMEPOS fee schedule quarterly release" not in batch.stderr and "Clinical Laboratory" not in batch.stderr
    assert "2 rows priced with a release not in force today (no date of service)" in batch.stderr
    assert "on their date" not in batch.stderr
    written = json.loads(summary.read_text())
    assert written["another_release"] == 2 and written["undated_input"] is True


def test_rvucalc_today_that_is_no_date_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RVUCALC_TODAY", "soon")
    result = runner.invoke(app, ["price", "99213", "--zip", "10001"])
    assert result.exit_code == 2 and "RVUCALC_TODAY='soon' is not a date" in result.stderr


def test_a_pin_a_dated_lookup_passes_over_is_said(tmp_path: Path, user_root: Path) -> None:
    assert runner.invoke(app, ["data", "use", "2026-04", "--dataset", "asc"]).exit_code == 0
    said = "ASC addenda 2026-04 is pinned for lookups without a date (`rvucalc data use`)"
    dated = runner.invoke(app, ["price", "45378", "--zip", "10001", "--date", "2026-08-03", "--format", "json"])
    assert dated.exit_code == 0, dated.output
    assert json.loads(dated.stdout)["asc"]["release"] == "2026-07"
    assert any(w.startswith(said) and "takes 2026-07" in w for w in json.loads(dated.stdout)["warnings"])
    undated = Pricer().price("45378", zip_code="10001")
    assert undated.asc is not None and undated.asc.release == "2026-04"
    assert not any(w.startswith(said) for w in undated.warnings)
    claims = tmp_path / "claims.csv"
    claims.write_text("code,zip,date\n45378,10001,2026-08-03\n45378,10001,2026-08-04\n")
    batch = runner.invoke(app, ["batch", str(claims), "-o", str(tmp_path / "out.csv")])
    assert batch.exit_code == 0, batch.output
    assert batch.stderr.count(said) == 1 and said not in (tmp_path / "out.csv").read_text()
