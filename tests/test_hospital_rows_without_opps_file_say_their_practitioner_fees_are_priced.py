"""A neurology group's 2026 reads at the hospital (95816-26 at POS 22): the CY2026 OPPS file is not installed, so the
row's site has no allowed amount, and stderr said only "1 hospital row: CY2026 OPPS rates not installed, so their site
has no allowed amount ...", where the row's professional_allowed (the physician's fee: CMS's 26 facility amount) is
priced and in the practitioners' claims total. The line now says so, with the count of such rows when not all of the
hospital rows have one (a TC row has no practitioner's fee). stderr only: the rows are unchanged."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
HEADER = "Claim ID,DOS,Rendering Provider,CPT,Mod1,Units,POS,Patient Zip\n"
NOT_INSTALLED = "CY2026 OPPS rates not installed, so their site has no allowed amount"


def _run(tmp_path: Path, rows: str, *extra: str) -> tuple[str, list[dict[str, str]]]:
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target), *extra])
    assert done.exit_code == 0, done.output
    return " ".join(summary_rejoined(done.stderr).split()), list(csv.DictReader(target.open()))


def test_hospital_rows_without_their_opps_file_say_their_practitioner_s_fee_is_priced(
    pricer: Pricer, tmp_path: Path
) -> None:
    where = {"zip_code": "45202", "date_of_service": "2026-08-03", "setting": "22"}
    fee = pricer.price("95816-26", **where).pfs.facility.amount  # type: ignore[arg-type]
    stderr, rows = _run(tmp_path, 'B1,08/03/2026,"LEE, AMY MD",95816,26,1,22,45202\n')
    assert rows[0]["allowed"] == "" and Decimal(rows[0]["professional_allowed"]) == fee
    assert f"1 hospital row: {NOT_INSTALLED}" in stderr, stderr
    assert "its practitioner's fee is priced (professional_allowed), in the practitioners' claims total" in stderr
    # a TC row beside it has no practitioner's fee: the count says which
    stderr, rows = _run(tmp_path, 'B1,08/03/2026,"LEE, AMY MD",95816,26,1,22,45202\n'
                                  'B3,08/03/2026,"LEE, AMY MD",95816,TC,1,22,45202\n')  # fmt: skip
    assert [row["professional_allowed"] for row in rows][1] == ""
    assert f"2 hospital rows: {NOT_INSTALLED}" in stderr, stderr
    assert "1 row's practitioner's fee is priced" in stderr, stderr
    # --paid-for professional says its own words (the fee compared), once
    stderr, _ = _run(tmp_path, 'B1,08/03/2026,"LEE, AMY MD",95816,26,1,22,45202\n', "--paid-for", "professional")
    assert "in the practitioners' claims total" not in stderr and "is priced and compared" in stderr, stderr
