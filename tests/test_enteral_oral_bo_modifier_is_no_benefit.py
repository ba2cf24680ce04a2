"""BO, "Orally administered nutrition, not by feeding tube": a DME supplier's enteral formula line B4150-BO was refused
as an unknown modifier ("Did you mean UB or TB or SB?"). Enteral nutrition is covered under the prosthetic device
benefit as tube feeding; taken by mouth it is noncovered, no benefit (the DME MACs' Enteral Nutrition Policy Article
A58833): the line is denied (error_kind ``denied``, nothing priced), the patient liable, and the claim's tube-fed
lines keep CMS's PEN fees."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, RvucalcError

PEN_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPEN26_JAN.xlsx"
ZIP, DATE = "59101", "2026-01-15"  # Billings, MT


def _pen_fee(code: str, column: str = "MT(NR)") -> Decimal:
    """CMS's DMEPEN26_JAN fee of ``code`` (its row without a modifier) in ``column``, read from the shipped file."""
    sheet = openpyxl.load_workbook(PEN_FILE, read_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header: list[Any] = []
    for row in rows:
        if row and row[0] == "HCPCS":
            header = [str(cell).strip() if cell is not None else "" for cell in row]
            break
    for row in rows:
        if row[0] == code and not row[header.index("MOD")] and not row[header.index("MOD2")]:
            return Decimal(str(row[header.index(column)])).quantize(Decimal("0.01"))
    raise AssertionError(f"{code} not in {PEN_FILE.name}")


def test_single_lookup_denies_oral_enteral_nutrition(pricer: Any) -> None:
    tube = pricer.price("B4150", units=450, zip_code=ZIP, date_of_service=DATE)
    assert tube.dmepos is not None and tube.dmepos.payable
    assert tube.dmepos.amount == _pen_fee("B4150")  # one unit's fee: 100 calories
    with pytest.raises(RvucalcError) as refused:
        pricer.price("B4150", modifier="BO", units=90, zip_code=ZIP, date_of_service=DATE)
    assert refused.value.kind is ErrorKind.DENIED
    assert "no benefit" in str(refused.value) and "the patient is liable" in str(refused.value)


def test_batch_denies_the_bo_line_and_prices_the_claim_s_tube_feeding(pricer: Any, tmp_path: Path) -> None:
    rows = [
        {"Claim ID": "BIL26-0007", "HCPCS": code, "Mod1": modifier, "Units": units, "DOS From": "01/15/2026",
         "Patient Zip": ZIP, "POS": "12"}
        for code, modifier, units in (("B4035", "", "30"), ("B4150", "", "450"), ("B4150", "BO", "90"))
    ]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1 and len(out) == 3 and "Traceback" not in done.output  # a row error: exit 1
    kit, formula, oral = out
    assert Decimal(kit["allowed"]) == _pen_fee("B4035") * 30
    assert Decimal(formula["allowed"]) == _pen_fee("B4150") * 450
    with pytest.raises(RvucalcError) as refused:
        pricer.price("B4150", modifier="BO", units=90, zip_code=ZIP, date_of_service=DATE)
    assert (oral["error_kind"], oral["error"], oral["allowed"]) == ("denied", str(refused.value), "")


def test_price_exits_1_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "B4150-BO", "--zip", ZIP, "--date", DATE])
    assert result.exit_code == 1 and "Unknown modifier" not in result.output and "no benefit" in result.output
    assert "Traceback" not in result.output
