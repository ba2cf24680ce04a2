"""CG on a DMEPOS item is the DME MAC policy's "policy criteria applied" (the Glucose Monitors LCD's CGM criteria on
E2103 and the supply allowance A4239: Policy Article A52464), not an RHC's visit line. A DME supplier trial's Miami
claim, E2103-NU-KX-CG and A4239-KX-CG x 3, read on A4239 (an RVU file code, status P) the RHC note ("on a rural health
clinic's claim (type of bill 71x) it marks the one line a day ... It does not change the PFS amount") and on E2103
(not in the RVU file) nothing. Each now says the DMEPOS note (``engine.modifiers.DMEPOS_CG_NOTE``) once, in price and
batch alike; a PFS line's CG (99213-CG at an RHC, POS 72) keeps the RHC note. Amounts are CMS's DMEPOS26_JAN fees."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.modifiers import CG_NOTE, DMEPOS_CG_NOTE
from rvucalc.lookup.lines import dmepos_superseded_notes
from rvucalc.lookup.pricer import Pricer

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"
ZIP, DATE = "33133", "2026-01-07"  # Miami, FL
LINES = [("E2103", "NU-KX-CG", 1, ("NU",)), ("A4239", "KX-CG", 3, ())]


def _fl_fee(code: str, modifiers: tuple[str, ...]) -> str:
    """CMS's DMEPOS26_JAN non-rural FL fee of the code's row with these modifiers (Mod, Mod2)."""
    import openpyxl

    rows = list(openpyxl.load_workbook(DMEPOS_FILE, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[str, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if {row["Mod"], row["Mod2"]} - {None, ""} == set(modifiers)]
    return f"{row['FL (NR)']:.2f}"


def test_the_rule_drops_the_rhc_note_only_beside_the_dmepos_one() -> None:
    assert dmepos_superseded_notes([DMEPOS_CG_NOTE]) == {CG_NOTE}
    assert dmepos_superseded_notes(["DMEPOS fee for FL (the fee schedule is set per state)."]) == frozenset()


def test_price_says_the_dmepos_cg_note_once(pricer: Pricer) -> None:
    for code, modifiers, units, row in LINES:
        result = pricer.price(code, modifier=modifiers, units=units, zip_code=ZIP, setting="12", date_of_service=DATE)
        assert result.dmepos is not None and str(result.dmepos.amount) == _fl_fee(code, row), code
        assert result.dmepos.notes.count(DMEPOS_CG_NOTE) == 1, code
        assert CG_NOTE not in result.notes, (code, result.notes)
    clinic = pricer.price("99213", modifier="CG", zip_code=ZIP, setting="72", date_of_service=DATE)
    assert CG_NOTE in clinic.notes and clinic.dmepos is None


def test_batch_says_cg_as_price(pricer: Pricer, tmp_path: Path) -> None:
    rows = [{"Claim ID": "MIA26-0002", "HCPCS": code, "Modifiers": modifiers, "Units": str(units), "DOS": DATE,
             "Patient Zip": ZIP, "POS": "12"} for code, modifiers, units, _ in LINES]  # fmt: skip
    rows.append({"Claim ID": "RHC-1", "HCPCS": "99213", "Modifiers": "CG", "Units": "1", "DOS": DATE,
                 "Patient Zip": ZIP, "POS": "72"})  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for (code, _, units, row), line in zip(LINES, out, strict=False):
        notes = line["note"].split("; ")
        assert notes.count(DMEPOS_CG_NOTE) == 1 and CG_NOTE not in line["note"], line["note"]
        assert Decimal(line["allowed"]) == Decimal(_fl_fee(code, row)) * units, code
    assert CG_NOTE in out[-1]["note"] and DMEPOS_CG_NOTE not in out[-1]["note"]
