"""KX (insulin-treated) and KS (not insulin-treated) on one glucose supply line say opposite things: the glucose
monitor policy asks for one (Noridian JD DME, "Glucose Monitor Modifiers: CG, KF, KS and KX"), and "You cannot use the
KS and KX modifier at the same time" (CGS JC DME). A DME supplier trial's A4253-NU-KX-KS was priced at MT's fee with
KX's note alone. It is refused, as two oxygen flow modifiers are, in price and batch alike (batch's cells of a code
differing only by KS do not share the refusal); KX or KS alone keeps CMS's DMEPOS26_JAN fee."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows
from rvucalc.errors import RvucalcError

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
ZIP, DATE = "59102", "2026-01-09"  # Billings, MT


def _mt_fee(code: str, modifiers: tuple[str, ...]) -> Decimal:
    """CMS's DMEPOS26_JAN non-rural MT fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    rows = list(openpyxl.load_workbook(DMEPOS_FILE, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == set(modifiers)]
    return Decimal(str(row["MT (NR)"])).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("code", "row"), [("A4253", ("NU",)), ("A4259", ())])
def test_price_refuses_kx_beside_ks_and_prices_either_alone(pricer: Any, code: str, row: tuple[str, ...]) -> None:
    for one in ("KX", "KS"):
        result = pricer.price(code, modifier="-".join([*row, one]), zip_code=ZIP, date_of_service=DATE)
        assert result.dmepos is not None and result.dmepos.amount == _mt_fee(code, row)
    with pytest.raises(RvucalcError) as refused:
        pricer.price(code, modifier="-".join([*row, "KX", "KS"]), zip_code=ZIP, date_of_service=DATE)
    assert "give one of KX" in str(refused.value) and "KS" in str(refused.value)


def test_batch_refuses_the_line_as_price(pricer: Any, tmp_path: Path) -> None:
    modifiers = ["NU-KX", "NU-KX-KS", "NU-KS", "NU-KS-KX"]
    rows = [{"Claim ID": f"BIL26-00{n}", "HCPCS": "A4253", "Modifiers": m, "Units": "1", "DOS": DATE,
             "Patient Zip": ZIP, "POS": "12"} for n, m in enumerate(modifiers)]  # fmt: skip
    _, out = run_batch_rows(tmp_path, rows)
    assert len(out) == 4
    fee = _mt_fee("A4253", ("NU",))
    assert Decimal(out[0]["allowed"]) == fee and Decimal(out[2]["allowed"]) == fee
    for line, modifier in ((out[1], "NU-KX-KS"), (out[3], "NU-KS-KX")):
        with pytest.raises(RvucalcError) as refused:
            pricer.price("A4253", modifier=modifier, zip_code=ZIP, date_of_service=DATE)
        assert (line["error"], line["allowed"]) == (str(refused.value), ""), line["error"]
