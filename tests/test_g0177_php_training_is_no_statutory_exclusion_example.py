"""G0177, a partial hospitalization or IOP session of training and education (the RVU file's "Opps/php/iop; train &
educ"), said "No PFS payment: status X: Statutory exclusion: not a physician service for PFS payment (e.g. ambulance,
clinical lab)" on a CMHC and hospital PHP's export (POS 52), in `price` and `compare`: the quirk G0410 once had. CMS's
OPPS Addendum B gives it SI N (packaged), not G0410's SI P, so it is not one of the per-diem codes: its PFS reason says
it is the hospital's or CMHC's program service with no payment of its own (42 CFR 410.43(a)(4)(vii)); amounts
unchanged (nothing). CMS's indicators are read from the shipped files (RVU25D, October 2025 Addendum B)."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import PER_DIEM_CODES, PER_DIEM_PFS_REASON, PROGRAM_PACKAGED_PFS_REASON

ROOT = Path(__file__).resolve().parents[1]
ADDENDUM_B = ROOT / "data" / "opps" / "2025" / "508 version of October 2025 Web Addendum B.10.31.25.csv"
RVU25D = ROOT / "data" / "rvu" / "2025" / "PPRRVU2025_Oct.csv"
runner = CliRunner()
EXAMPLES = "e.g. ambulance"


def _column(path: Path, code: str, index: int) -> str:
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row[index] for row in csv.reader(handle) if row and row[0] == code).strip()


def test_cms_marks_g0177_status_x_and_packaged_not_per_diem() -> None:
    assert _column(RVU25D, "G0177", 3) == "X" and "php/iop" in _column(RVU25D, "G0177", 2).lower()
    assert _column(ADDENDUM_B, "G0177", 2) == "N" and _column(ADDENDUM_B, "G0410", 2) == "P"
    assert "G0177" not in PER_DIEM_CODES


def test_price_says_the_program_s_code_not_the_exclusion_s_examples() -> None:
    done = runner.invoke(app, ["price", "G0177", "--setting", "52", "--zip", "60601", "--date", "2025-10-15"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and PROGRAM_PACKAGED_PFS_REASON in said and EXAMPLES not in said, done.output
    compared = runner.invoke(app, ["compare", "G0177", "--from", "2025", "--to", "2026"], terminal_width=400)
    assert compared.exit_code == 0 and EXAMPLES not in " ".join(compared.stdout.split()), compared.output


def test_batch_gives_each_code_its_own_reason_as_price_does(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim Number,Service Date,Procedure Code,Place of Service,Rendering Credential,Facility Zip\n"
        "P1,10/15/2025,G0177,52,MD,60601\nP2,10/15/2025,G0176,52,MD,60601\nP3,10/15/2025,G0177,11,MD,60601\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [row["allowed"] for row in got] == ["", "", ""]
    assert PROGRAM_PACKAGED_PFS_REASON in got[0]["note"] and PROGRAM_PACKAGED_PFS_REASON in got[2]["note"]
    assert all(EXAMPLES not in row["note"] for row in got)
    assert PROGRAM_PACKAGED_PFS_REASON not in got[1]["note"] and "per-diem APC" in got[1]["note"]
    assert PER_DIEM_PFS_REASON != PROGRAM_PACKAGED_PFS_REASON
