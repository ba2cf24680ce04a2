"""KS on a glucose monitor supply (HCPCS: "Glucose monitor supply for diabetic beneficiary not treated with insulin")
says what the Glucose Monitors policy (Policy Article A52464) means by it, a lower quantity covered (up to 100 test
strips and 100 lancets every 3 months, 300 if insulin-treated), as KX has its policy note
(``engine.modifiers.DMEPOS_KS_NOTE``); the generic "Modifier KS is informational" is not said beside it
(``lookup.lines.dmepos_superseded_notes``), in price and batch alike. A DME supplier's `price A4253-NU-KS --zip 59801`
read only the generic note. Amounts are CMS's DMEPOS26_JAN Montana fees, as without KS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.modifiers import DMEPOS_KS_NOTE, DMEPOS_KX_NOTE
from rvucalc.lookup.lines import dmepos_superseded_notes
from rvucalc.lookup.pricer import Pricer

CMS = Path("/work/shared/cms/2026")
GENERIC_KS = "Modifier KS is informational: it does not change the amount."
DATE = "2026-03-02"
MISSOULA = "59801"


def _mt_fee(code: str, modifiers: tuple[str, ...]) -> str:
    """CMS's DMEPOS26_JAN non-rural Montana fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == set(modifiers)]
    return f"{row['MT (NR)']:.2f}"


def test_the_rule_drops_the_generic_ks_note_beside_the_dmepos_one() -> None:
    assert dmepos_superseded_notes([DMEPOS_KS_NOTE]) == {GENERIC_KS}
    assert dmepos_superseded_notes([DMEPOS_KX_NOTE]) == {GENERIC_KS.replace("KS", "KX")}


def test_price_says_what_ks_means_on_a_glucose_supply(pricer: Pricer) -> None:
    for line, row_modifiers in (("A4253-NU-KS", ("NU",)), ("A4259-KS", ())):
        result = pricer.price(line, zip_code=MISSOULA, date_of_service=DATE)
        assert result.dmepos is not None and str(result.dmepos.amount) == _mt_fee(line[:5], row_modifiers), line
        assert result.dmepos.notes.count(DMEPOS_KS_NOTE) == 1 and DMEPOS_KX_NOTE not in result.dmepos.notes, line
        assert GENERIC_KS not in result.notes, (line, result.notes)
    insulin = pricer.price("A4253-NU-KX", zip_code=MISSOULA, date_of_service=DATE)
    assert insulin.dmepos is not None and DMEPOS_KS_NOTE not in insulin.dmepos.notes


def test_batch_says_it_as_price_does(pricer: Pricer, tmp_path: Path) -> None:
    rows = [{"code": code, "zip": MISSOULA, "date": DATE} for code in ("A4253-NU-KS", "A4259-KS", "A4253-NU-KX")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row, line in zip(rows, out, strict=True):
        single = pricer.price(row["code"], zip_code=MISSOULA, date_of_service=DATE)
        assert single.dmepos is not None and line["allowed"] == str(single.dmepos.amount), row
        notes = line["note"].split("; ")
        assert GENERIC_KS not in notes
        assert (DMEPOS_KS_NOTE in notes) == ("KS" in row["code"]) == (DMEPOS_KS_NOTE in single.dmepos.notes), row
