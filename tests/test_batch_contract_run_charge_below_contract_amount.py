"""`rvucalc batch --percent-of-medicare` with a charge column: a row billed below its contract amount says so.

A Chicago and Wisconsin group's contract analyst checked its Medicare Advantage remits at 105% of Medicare: its 835
export's 36415 billed $5.00 was "underpaid" $4.81 against 105% of the CLFS's $9.34, with no word of its charge, which
batch had read ('charge <- Billed Amount', charge_as_read) and, in a contract run, set aside in silence. Expected stays
the contract amount (a contract's own terms, such as the lesser of billed charges and its rate, are not known), but the
row says its charge is below it, and Medicare's own rule where the charge is below the fee schedule amount too (CLFS:
SSA §1833(h)); the summary and stderr count the rows. Amounts are CMS's: RVU x GPCI x CF (data/rvu, data/gpci) and
CMS's CY2026 Q2 CLFS file (data/clfs), the contract 105% of them rounded half-up once.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app

CENT = Decimal("0.01")
WISCONSIN = "0630200"
HEADER = ("Claim ID,Line #,DOS,CPT/HCPCS,Mod 1,Mod 2,Units,POS,Service Facility ZIP,Rendering Provider,Payer,"
          "Billed Amount,Allowed Amount,Paid Amount,Patient Responsibility\n")  # fmt: skip


def _clfs_2026(code: str) -> Decimal:
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        return Decimal(next(row for row in csv.reader(handle) if row[1:3] == [code, ""])[5])


def _contract(amount: Decimal) -> Decimal:
    return (amount * Decimal("1.05")).quantize(CENT, ROUND_HALF_UP)


def test_a_contract_run_row_billed_below_its_contract_amount_is_noted_and_counted(tmp_path: Path) -> None:
    visit = fee_2026("99213", WISCONSIN)
    billed = visit + Decimal("1.00")  # above Medicare's fee schedule amount, below the contract's 105% of it
    source, output, summary = tmp_path / "remit.csv", tmp_path / "out.csv", tmp_path / "summary.json"
    source.write_text(HEADER
                      + '"MG1",1,05/04/2026,36415,,,1,11,53703,"LARSON, ERIK MD",Quartz MA,$5.00,$5.00,$5.00,$0.00\n'
                      + f'"MG1",2,05/04/2026,99213,,,1,11,53703,"LARSON, ERIK MD",Quartz MA,${billed},${billed},'
                      "$70.00,$20.00\n"
                      + '"MG1",3,05/04/2026,99214,,,1,11,53703,"LARSON, ERIK MD",Quartz MA,"$1,400.00",$80.00,'
                      "$64.00,$16.00\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "--summary", str(summary),
                                    "--percent-of-medicare", "105"])  # fmt: skip
    assert done.exit_code == 0, done.output
    lab, office, above = csv.DictReader(output.open())
    lab_contract, office_contract = _contract(_clfs_2026("36415")), _contract(visit)
    # Amounts unchanged: expected is the contract amount, the charge noted beside it.
    assert Decimal(lab["contract_amount"]) == Decimal(lab["expected"]) == lab_contract
    assert Decimal(office["contract_amount"]) == Decimal(office["expected"]) == office_contract
    assert (f"Billed $5.00 is below the contract amount ${lab_contract}: expected stays the contract amount (a "
            "contract that pays the lesser of billed charges and its rate pays $5.00), and Medicare allows the lower "
            f"of the charge and the lab fee schedule amount ${_clfs_2026('36415')}, $5.00 (SSA §1833(h))"
            ) in lab["note"]  # fmt: skip
    assert f"Billed ${billed} is below the contract amount ${office_contract}" in office["note"]
    assert "Medicare allows the lower" not in office["note"]  # its charge is above the fee schedule amount
    assert "below the contract amount" not in above["note"]
    below = lab_contract - Decimal("5.00") + office_contract - billed
    assert "2 rows billed below their contract amount" in done.stderr
    counted = json.loads(summary.read_text())
    assert counted["charge_below_contract"] == 2
    assert Decimal(counted["charge_below_contract_amount"]) == below
    assert counted["charge_below_fee_schedule"] == 0  # a contract run's expected is not the charge


def test_a_contract_run_with_no_paid_column_says_the_contract_amount_stays_not_expected(tmp_path: Path) -> None:
    """A review: a contract run on a file with a charge column but no paid column (no expected nor variance) said
    "expected stays the contract amount" on a row billed below it. Without a paid amount the row's note, and stderr's
    count, say the contract amount stays; the amounts are unchanged."""
    source, output = tmp_path / "charges.csv", tmp_path / "out.csv"
    source.write_text("Claim ID,DOS,CPT/HCPCS,Units,POS,ZIP,Billed Amount\n"
                      "C1,05/04/2026,36415,1,11,53703,$5.00\nC2,05/04/2026,36415,1,11,53703,$50.00\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output), "--percent-of-medicare", "105"])
    assert done.exit_code == 0, done.output
    below, above = csv.DictReader(output.open())
    contract = _contract(_clfs_2026("36415"))
    assert Decimal(below["contract_amount"]) == Decimal(above["contract_amount"]) == contract
    assert below["expected"] == above["expected"] == ""
    assert (f"Billed $5.00 is below the contract amount ${contract}: the contract amount stays ${contract} (a "
            "contract that pays the lesser of billed charges and its rate pays $5.00)") in below["note"]  # fmt: skip
    assert "expected" not in below["note"] and "below the contract amount" not in above["note"]
    assert "1 row billed below its contract amount" in done.stderr
    assert "the contract amount stays as priced" in done.stderr and "expected stays" not in done.stderr
