"""A revenue-cycle trial's remit with its own contract_amount column (K1 99213: contract 110.00, paid 105.00) was told
only "the input's contract_amount is kept as contract_amount (input)", while expected was Medicare's allowed and the
row "paid more than expected". The column is read as the line's contract rate (an MA contracting analyst's 'Contract
Rate' was "not read"): written as contract_percent_of_medicare (contract / allowed x 100, 2 decimals), stderr saying
what expected is (Medicare's allowed amount, or --percent-of-medicare's N% of it: rvucalc's contract_amount).
The amounts are unchanged (expected is the allowed amount, or N% of it)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import run_batch_rows

ROWS = [
    {"claim_id": "K1", "dos": "2026-08-03", "cpt_code": "99213", "pos": "11", "zip": "30309",
     "contract_amount": "110.00", "paid_amount": "105.00"},
    {"claim_id": "K2", "dos": "2026-08-04", "cpt_code": "20610", "pos": "11", "zip": "30309",
     "contract_amount": "", "paid_amount": "60.00"},
]  # fmt: skip


def _percent(contract: str, allowed: str) -> Decimal:
    return (Decimal(contract) * 100 / Decimal(allowed)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_an_input_contract_column_is_read_as_the_contract_rate_not_as_expected(tmp_path: Path) -> None:
    done, rows = run_batch_rows(tmp_path, ROWS)
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert ("the input's contract_amount is read as the line's contract rate: contract_percent_of_medicare is it as a "
            "percentage of the row's allowed amount") in said  # fmt: skip
    assert "expected is still allowed" in said
    for row in rows:  # the input's column is kept under its own name, and not the expected amount
        assert row["expected"] == row["allowed"] and row["contract_amount"] == ""
    assert rows[0]["contract_amount (input)"] == "110.00"
    assert Decimal(rows[0]["contract_percent_of_medicare"]) == _percent("110.00", rows[0]["allowed"])
    assert rows[1]["contract_percent_of_medicare"] == ""  # no contract on the line


def test_with_a_percentage_the_contract_is_rvucalcs_not_the_inputs(tmp_path: Path) -> None:
    done, rows = run_batch_rows(tmp_path, ROWS, "--percent-of-medicare", "110")
    assert done.exit_code == 0, done.output
    said = " ".join(done.stderr.split())
    assert "contract_percent_of_medicare is it as a percentage of the row's allowed amount" in said
    assert "expected is still contract_amount (110% of allowed" in said
    for row in rows:
        contract = (Decimal(row["allowed"]) * Decimal("1.10")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert Decimal(row["expected"]) == Decimal(row["contract_amount"]) == contract
    assert Decimal(rows[0]["contract_percent_of_medicare"]) == _percent("110.00", rows[0]["allowed"])


def test_a_contractor_column_is_no_contract(tmp_path: Path) -> None:
    rows = [{**row, "MAC Contractor": "10212"} for row in ROWS]
    for row in rows:
        del row["contract_amount"]
    done, _ = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "not read: expected" not in done.stderr
