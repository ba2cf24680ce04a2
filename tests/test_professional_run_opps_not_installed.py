"""--paid-for professional and a hospital year whose OPPS file is not installed: an ENT and a pathology trial read
"10 hospital rows: CY2026 OPPS rates not installed, so their site has no allowed amount" on stderr of rows whose 26
fees were priced and compared. The line says so where it is true: each of those rows has its professional_allowed."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
FEE_SAID = "their practitioner's fee (professional_allowed) is priced and compared"


def _run(tmp_path: Path, *options: str) -> tuple[str, list[dict[str, str]]]:
    source = tmp_path / "remit.csv"
    source.write_text("Claim ID,CPT,Mod 1,DOS,POS,Zip Code,Paid Amt\n"
                      "P1,88305,26,08/03/2026,22,64111,30.00\nP1,88342,26,08/03/2026,22,64111,70.00\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "--format", "csv", *options])
    assert done.exit_code == 0, done.output
    return done.stderr, list(csv.DictReader(io.StringIO(done.stdout)))


def test_the_opps_line_says_the_practitioners_fee_is_priced(tmp_path: Path) -> None:
    stderr, rows = _run(tmp_path, "--paid-for", "professional")
    opps = [line for line in stderr.splitlines() if "OPPS rates not installed, so their site has no allowed" in line]
    assert len(opps) == 1 and FEE_SAID in opps[0], stderr
    assert all(row["allowed"] == "" and row["professional_allowed"] != "" for row in rows), rows
    assert all(row["expected"] == row["professional_allowed"] for row in rows), rows


def test_without_paid_for_professional_the_line_says_nothing_of_it(tmp_path: Path) -> None:
    stderr, _ = _run(tmp_path)
    assert "OPPS rates not installed, so their site has no allowed" in stderr and FEE_SAID not in stderr, stderr
