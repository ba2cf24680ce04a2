"""``batch --paid-for professional``'s stderr "by year of service" clause: a Houston cardiology group's physician remit
(2025 and 2026 reads at POS 22 with modifier 26) read "2026 allowed ... (n rows) (n hospital rows not priced: CY2026
OPPS rates not installed)" beside the practitioners' totals, whose rows were priced and counted (their fee is the PFS
facility amount; the hospital's payment is in no practitioner's total). That clause no longer names the facility file
there; the run's own line on the missing OPPS file stays, and so does the clause of a run without --paid-for."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from test_imaging_order import fee

runner = CliRunner()
HOUSTON = ("04412", "18", "18")  # GPCI files' carrier and locality number (ZIP 77030: 0441218)
CLAIMS = (
    "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code,Allowed Amt\n"
    "C1,2025-11-04,93306,26,1,22,77030,66.58\n"
    "C2,2026-08-04,93306,26,1,22,77030,68.35\n"
)


def _run(tmp_path: Path, *extra: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    source, summary = tmp_path / "remit.csv", tmp_path / "summary.json"
    source.write_text(CLAIMS)
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--summary", str(summary),
                               *extra])  # fmt: skip
    assert done.exit_code == 0, done.output
    return " ".join(done.stderr.split()), json.loads(summary.read_text())


def test_the_practitioners_totals_by_year_do_not_call_their_rows_unpriced(tmp_path: Path) -> None:
    said, summary = _run(tmp_path, "--paid-for", "professional")
    # The paid amounts are CMS's: 93306-26 at Houston's GPCIs (RVU25D / RVU26C; its office and facility PE are equal).
    assert Decimal("66.58") == fee(2025, HOUSTON, "93306", "26")
    assert Decimal("68.35") == fee(2026, HOUSTON, "93306", "26")
    assert list(summary["facility_not_installed"]) == ["CY2026 OPPS"]  # no CY2026 Addendum B installed
    clause = said.split("by year of service: ", 1)[1]
    assert "2025 allowed $66.58" in clause and "2026 allowed $68.35" in clause
    assert "hospital row not priced" not in clause.split("; ")[0]
    # the missing file is still said, with what it means for these rows
    assert "1 hospital row: CY2026 OPPS rates not installed" in said
    assert "their practitioner's fee (professional_allowed) is priced and compared" in said


def test_without_paid_for_the_site_totals_still_say_the_rows_a_missing_file_left_unpriced(tmp_path: Path) -> None:
    said, _ = _run(tmp_path)
    clause = said.split("by year of service: ", 1)[1]
    assert "(1 hospital row not priced: CY2026 OPPS rates not installed)" in clause
