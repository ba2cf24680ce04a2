"""A nuclear medicine trial: a physician group's hospital reads (78815-26, 78452-26 at POS 22 or 19, dated 2026) read
"N hospital rows: CY2026 OPPS rates not installed, so their site has no allowed amount" on stderr, counting the 26 rows
whose professional fee was priced and compared. The count is right: each such row's `allowed` (the site's whole
amount) is blank, as a global row's is, while professional_allowed carries the PFS facility amount from CMS's RVU26C
file; stderr and --summary count the same rows."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
LINE = "OPPS rates not installed, so their site has no allowed amount"


def _facility_fee(code: str, modifier: str) -> str:
    """The PFS facility amount in MANHATTAN (13202/01, ZIP 10001) from CMS's RVU26C and 2026 GPCI files."""
    with (data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv").open(newline="", encoding="latin-1") as handle:
        [row] = [row for row in csv.reader(handle) if row and row[0] == code and row[1] == modifier]
    with (data_dir() / "gpci" / "2026" / "localities2026-01-01-2026.csv").open(newline="") as handle:
        [gpci] = [line for line in csv.DictReader(handle) if line["locality"] == "1320201"]
    work, pe, mp, cf = (Decimal(row[index]) for index in (5, 8, 10, 25))
    total = work * Decimal(gpci["gpci_work"]) + pe * Decimal(gpci["gpci_pe"]) + mp * Decimal(gpci["gpci_mp"])
    return str((total * cf).quantize(Decimal("0.01"), ROUND_HALF_UP))


def test_the_26_rows_have_no_site_amount_and_are_counted_alike(tmp_path: Path) -> None:
    source, summary = tmp_path / "reads.csv", tmp_path / "summary.json"
    source.write_text("Claim ID,CPT,Mod 1,DOS,POS,Zip Code,Paid\n"
                      "N1,78815,26,03/10/2026,22,10001,80.00\nN2,78452,26,03/11/2026,22,10001,70.00\n"
                      "N3,78815,26,08/10/2026,19,10001,80.00\nN4,78452,26,08/11/2026,19,10001,70.00\n"
                      "N5,78452,,08/12/2026,22,10001,600.00\nN6,78815,,08/12/2026,22,10001,900.00\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "--format", "csv", "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert all(row["allowed"] == "" for row in rows), rows  # no site amount: the stderr line is true of every row
    for row in rows[:4]:
        fee = _facility_fee(row["CPT"], "26")
        assert row["professional_allowed"] == fee and row["expected"] == fee, row
    [line] = [line for line in done.stderr.splitlines() if LINE in line]
    assert line.startswith("rvucalc: 6 hospital rows: CY2026 OPPS"), line
    counts = json.loads(summary.read_text())
    assert counts["facility_not_installed"] == {"CY2026 OPPS": 6}, counts["facility_not_installed"]
    assert counts["priced_without_allowed"] == 6 and counts["paid_for_by_line"]["professional"] == 4, counts
