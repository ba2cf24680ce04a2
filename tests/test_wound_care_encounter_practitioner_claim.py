"""A wound care trial (a biller of an outpatient wound care practice):

- `rvucalc price 15271 Q4101 --units 1 --units 20 --zip 77030 --date 2026-08-04 --setting 22` (no CY2026 Addendum B)
  showed the hospital's encounter total "not priced" with the physician's $78.04 and "—" under Patient pays and
  Medicare pays, where JSON's total carried professional_beneficiary 15.61 and professional_medicare 62.43, and the
  single code's table (`price 99183 --setting 22`) had an "its practitioner's claim" row with them. The encounter's
  totals table now has that row too.
- `rvucalc price 15275 Q4101 --setting 31` said Q4101's reason twice on stderr, "(PFS: <reason>; facility: <the same
  reason>)": at a PFS facility place the site's reason is the PFS's. Said once now.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
CENTS = Decimal("0.01")
HOUSTON = ["--zip", "77030", "--date", "2026-08-04"]


def _rvu(code: str) -> list[str]:
    """CMS's RVU26C row of a code without a modifier."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")


def _houston_gpcis() -> tuple[Decimal, Decimal, Decimal]:
    """CMS's 2026 GPCIs of MAC 04412 locality 18 (Houston): work (with the 1.0 floor), PE, MP."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if len(row) > 4 and row[4] == "0441218")
    return Decimal(row[1]), Decimal(row[2]), Decimal(row[3])


def test_the_encounter_table_has_the_practitioner_s_claim_row_where_the_hospital_is_not_priced() -> None:
    # 15271's facility fee from CMS's files: (work x GPCI + facility PE x GPCI + MP x GPCI) x CF, rounded half up once
    row = _rvu("15271")
    work, pe, mp = _houston_gpcis()
    rvus = Decimal(row[5]) * work + Decimal(row[8]) * pe + Decimal(row[10]) * mp
    fee = (rvus * Decimal(row[25])).quantize(CENTS, ROUND_HALF_UP)
    patient = (fee * Decimal("0.20")).quantize(CENTS, ROUND_HALF_UP)
    assert (fee, patient) == (Decimal("78.04"), Decimal("15.61"))
    args = ["price", "15271", "Q4101", "--units", "1", "--units", "20", *HOUSTON, "--setting", "22"]
    data = json.loads(runner.invoke(app, [*args, "-f", "json"]).stdout)
    total = data["totals"]["hopd"]
    assert total["status"] == "not_priced" and total["beneficiary"] is None
    assert Decimal(str(total["professional_beneficiary"])).quantize(CENTS) == patient
    assert Decimal(str(total["professional_medicare"])).quantize(CENTS) == fee - patient
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    totals = result.stdout.split("Encounter totals by site", 1)[1]
    claim_row = next(text for text in totals.splitlines() if "its practitioner's claim" in text)
    assert f"${fee}" in claim_row and f"${patient}" in claim_row and f"${fee - patient}" in claim_row


def test_a_priced_encounter_has_no_practitioner_s_claim_row() -> None:
    """A hospital total that is priced (2025, Addendum B installed) keeps its one row: its shares are the site's."""
    args = ["price", "97597", "11042", "--zip", "77030", "--date", "2025-12-01", "--setting", "22"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "its practitioner's claim" not in result.stdout


def test_a_skin_substitute_s_reason_at_pos_31_is_said_once_on_stderr() -> None:
    result = runner.invoke(app, ["price", "15275", "Q4101", "--units", "1", "--units", "25", "--zip", "30342",
                                 "--date", "2026-08-04", "--setting", "31"])  # fmt: skip
    assert result.exit_code == 0, result.output
    [said] = [line for line in result.stderr.splitlines() if line.startswith("rvucalc: Q4101 has no amount")]
    assert said.count("a skin substitute is a supply") == 1, said
    assert "SNF's under consolidated billing" in said
