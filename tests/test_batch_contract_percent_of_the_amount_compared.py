"""An MA contracting analyst's 'Contract Rate' beside a physician's lines at a hospital or ASC: the row's paid column
is compared with the physician's fee (the row's own claim: 93306-26 at POS 22; or --paid-for professional: 45378 at
POS 24), yet contract_percent_of_medicare was the contract over the site's whole allowed amount (the facility's
payment and the physician's together), a 103% contract reading 10.68% or 28.57%, or blank where the hospital's rate
is not installed. It is the contract over the amount the row is compared with: CMS's PFS facility fee (RVU26C x the
Dallas GPCIs x CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cms_fees import DATA, fee_2026
from conftest import run_batch_rows

DALLAS = "0441211"
CENT = Decimal("0.01")


def _professional_fee(code: str) -> Decimal:
    """The code's 26 row of RVU26C, its facility fee in Dallas."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, "26"])
    return fee_2026(row, DALLAS, facility=True)


def _contract(fee: Decimal) -> Decimal:
    return (fee * Decimal("1.03")).quantize(CENT, ROUND_HALF_UP)


def _percent(contract: Decimal, fee: Decimal) -> Decimal:
    return (contract * 100 / fee).quantize(CENT, ROUND_HALF_UP)


def _row(claim: str, code: str, modifier: str, pos: str, contract: Decimal) -> dict[str, str]:
    return {"Claim Nbr": claim, "Svc From Dt": "08/03/2026", "Proc Cd": code, "Mod 1": modifier, "Units": "1",
            "POS": pos, "Rendering Prov Specialty": "MD", "Allowed Amt": str(contract),
            "Contract Rate": str(contract), "Member Zip": "75201"}  # fmt: skip


COLUMNS = ("--columns", "date=Svc From Dt,claim=Claim Nbr,provider=Rendering Prov Specialty")


def test_a_professional_component_at_the_hospital_is_a_percentage_of_its_fee(tmp_path: Path) -> None:
    fee = _professional_fee("93306")
    done, rows = run_batch_rows(tmp_path, [_row("H1", "93306", "26", "22", _contract(fee))], *COLUMNS)
    assert done.exit_code == 0, done.output
    assert Decimal(rows[0]["expected"]) == fee  # the row's own claim, the physician's
    assert Decimal(rows[0]["contract_percent_of_medicare"]) == _percent(_contract(fee), fee)


def test_paid_for_professional_at_the_asc_is_a_percentage_of_the_physician_s_fee(tmp_path: Path) -> None:
    fee = fee_2026("45378", DALLAS, facility=True)
    done, rows = run_batch_rows(tmp_path, [_row("A1", "45378", "", "24", _contract(fee))], *COLUMNS,
                                "--paid-for", "professional")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert Decimal(rows[0]["expected"]) == fee and Decimal(rows[0]["variance"]) == _contract(fee) - fee
    assert Decimal(rows[0]["contract_percent_of_medicare"]) == _percent(_contract(fee), fee) == Decimal("103.00")


def test_a_contract_file_without_a_paid_column_is_a_percentage_of_the_physician_s_fee(tmp_path: Path) -> None:
    """A contract analyst's file of contract rates alone (no paid column): the 26 line is still the physician's claim,
    its contract a percentage of the PFS facility fee, as beside a paid column (it read 10.89% of the site's whole
    allowed amount where the hospital's rate is installed, blank where it is not)."""
    fee = _professional_fee("71046")
    row = {
        name: cell for name, cell in _row("H2", "71046", "26", "22", _contract(fee)).items() if name != "Allowed Amt"
    }
    done, rows = run_batch_rows(tmp_path, [row], *COLUMNS)
    assert done.exit_code == 0, done.output
    assert Decimal(rows[0]["contract_percent_of_medicare"]) == _percent(_contract(fee), fee)
