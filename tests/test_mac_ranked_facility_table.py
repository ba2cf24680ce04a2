"""`price 11102 0510T --setting 24`: the ASC's payment is known, the physician's total is not (0510T, priced by the MAC,
ranks with 11102 under the multiple procedure rule). The table showed "not priced" in the Facility column and stderr
said "no facility fee priced here ... the physician's claim there is paid each line's PFS facility amount": both the
opposite of the case. The table now gives the facility's payment and "not priced" under Professional; stderr says the
physician's total is not priced."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DAY = ["--zip", "10001", "--date", "2026-03-01"]


def test_the_asc_total_row_gives_the_known_facility_payment_and_says_the_physician_s_is_not_priced(
    pricer: Any,
) -> None:
    encounter = pricer.price_encounter(["11102", "0510T"], zip_code="10001", date_of_service="2026-03-01",
                                       setting="24")  # fmt: skip
    asc = encounter.totals["asc"]
    assert not asc.payable and asc.professional_payment is None and asc.facility_payment is not None
    table = runner.invoke(app, ["price", "11102", "0510T", *DAY, "--setting", "24"])
    assert table.exit_code == 0
    row = next(line for line in table.stdout.splitlines() if "Ambulatory surgical center" in line and "│" in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[1] == f"${asc.facility_payment:,}" and cells[2] == "not priced", cells
    said = " ".join(table.stderr.split())
    assert "the physician's total is not priced here" in said and "no facility fee priced here" not in said
    assert "The physician's claim there is paid" not in said
    doc = json.loads(runner.invoke(app, ["price", "11102", "0510T", *DAY, "--setting", "24", "-f", "json"]).stdout)
    assert Decimal(str(doc["totals"]["asc"]["facility_payment"])) == asc.facility_payment
    # At the hospital (no CY2026 OPPS installed), neither is priced: stderr does not say the physician is paid.
    hospital = runner.invoke(app, ["price", "11102", "0510T", *DAY, "--setting", "22"])
    assert "The physician's claim there is paid" not in " ".join(hospital.stderr.split())
