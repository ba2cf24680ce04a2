"""``batch --summary``'s totals by year compared different sets of sites without a word: an ENT group's trial had a
2025 hospital total ($14,883.30) and a 2026 with no hospital entry, its 2026 hospital rows unpriced (no CY2026 OPPS
Addendum B installed), and the stderr "by year of service" clause silent on it. Each year now says how many rows a
missing CMS file left without an amount (``totals_by_year[year]["not_priced"]``: counts, no money), on stderr too."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CLAIMS = (
    "Claim ID,DOS,CPT Code,Units,POS,Zip Code\n"
    "C1,2025-03-04,99213,1,11,55401\n"
    "C2,2025-03-04,31231,1,22,55401\n"
    "C3,2026-03-04,99213,1,11,55401\n"
    "C4,2026-03-04,31231,1,22,55401\n"
    "C4,2026-03-04,31575,1,22,55401\n"
)


def test_a_year_s_hospital_rows_unpriced_for_want_of_its_opps_file_are_said_in_its_totals(tmp_path: Path) -> None:
    source, summary_file = tmp_path / "claims.csv", tmp_path / "summary.json"
    source.write_text(CLAIMS)
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary_file)])
    summary = json.loads(summary_file.read_text())
    missing = summary["facility_not_installed"]
    assert done.exit_code in (0, 1), done.output
    assert list(missing) == ["CY2026 OPPS"]  # the run's own count: CMS's CY2026 Addendum B is not installed
    by_year = summary["totals_by_year"]
    assert "hopd" in by_year["2025"] and "hopd" not in by_year["2026"]
    assert "not_priced" not in by_year["2025"]
    unpriced = by_year["2026"]["not_priced"]
    assert unpriced == {"rows": missing["CY2026 OPPS"], "facility_not_installed": missing,
                        "schedule_not_installed": {}, "no_amount_in_setting": 0}  # fmt: skip
    # counts alone: no money of its own, so the year's sites still add up to the run's totals
    assert "allowed" not in unpriced
    said = " ".join(done.stderr.split())
    clause = said.split("by year of service: ", 1)[1]
    assert f"({missing['CY2026 OPPS']} hospital rows not priced: CY2026 OPPS rates not installed)" in clause
    assert clause.index("2025 allowed") < clause.index("2026 allowed") < clause.index("hospital rows not priced")
