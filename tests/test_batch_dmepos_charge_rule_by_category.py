"""`rvucalc batch`: a DMEPOS or PEN item billed below its fee cites its own payment category's lesser-of rule.

A surgical dressing (A6021, payment category SD in CMS's DMEPOS26_JAN) billed below Georgia's fee cited SSA
§1834(a)(1)(B), durable medical equipment's paragraph; surgical dressings are paid "the amounts determined under
section 1834(i)" (SSA §1833(a)(1)(P), OBRA 1993 §13544). Splints and casts (SC: Q4001), intraocular lenses (IL: V2630)
and parenteral and enteral nutrition (the PEN file: B4034) are paid on 80 percent of the lesser of the actual charge
and the fee schedule amount under 42 CFR 414.102(a), PEN's fee schedule set under SSA §1842(s). A TENS (TE: E0720) is
durable medical equipment (42 CFR 414.210(b)(1)(vii)): §1834(a)(1)(B) still. The amounts are the files' GA (NR) columns.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.paid_for import LESSER_OF_CHARGE_RULES, dmepos_charge_rule

DATA = Path(__file__).resolve().parents[1] / "data"


def _rows(name: str) -> list[dict[Any, Any]]:
    import openpyxl

    book = openpyxl.load_workbook(DATA / "dmepos" / "2026" / name, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    return [dict(zip(rows[header], row, strict=True)) for row in rows[header + 1 :]]


def _ga_fee(found: list[dict[Any, Any]], code: str, modifier: str, column: str = "GA (NR)") -> Decimal:
    [row] = [row for row in found if row["HCPCS"] == code and ((row.get("Mod") or row.get("MOD")) or "") == modifier]
    return Decimal(str(row[column])).quantize(Decimal("0.01"))


def test_every_payment_category_of_the_file_has_a_rule() -> None:
    """Each CATG of CMS's DMEPOS26_JAN maps to a citation: SD §1834(i)(1), SC and IL 42 CFR 414.102(a), PO and OS
    §1834(h)(1), the others (DME, TENS, supplies, and those rvucalc found no rule of their own for) §1834(a)(1)(B)."""
    categories = {row["CATG"] for row in _rows("DMEPOS26_JAN.xlsx")}
    assert {"SD", "SC", "IL", "PO", "OS", "IN", "TE", "SU"} <= categories
    cited = {category: LESSER_OF_CHARGE_RULES[dmepos_charge_rule({category})][1] for category in categories}
    assert cited["SD"] == "SSA §1834(i)(1)"
    assert cited["SC"] == cited["IL"] == "42 CFR 414.102(a)"
    assert cited["PO"] == cited["OS"] == "SSA §1834(h)(1), 42 CFR 414.210(a)"
    assert {cited[c] for c in categories - {"SD", "SC", "IL", "PO", "OS"}} == {"SSA §1834(a)(1)(B)"}
    assert LESSER_OF_CHARGE_RULES[dmepos_charge_rule({"PEN"})][1] == "SSA §1842(s), 42 CFR 414.102(a)"
    assert dmepos_charge_rule({"SD", "IN"}) == "dmepos"  # categories that disagree: the DME paragraph


def test_each_item_below_its_fee_cites_its_category_s_rule(tmp_path: Path) -> None:
    items, pen = _rows("DMEPOS26_JAN.xlsx"), _rows("DMEPEN26_JAN.xlsx")
    catg = {(row["HCPCS"], row["Mod"] or ""): row["CATG"] for row in items}
    assert [catg[key] for key in (("A6021", ""), ("Q4001", ""), ("V2630", ""), ("E0720", "NU"))] == [
        "SD", "SC", "IL", "TE"
    ]  # fmt: skip
    fees = [_ga_fee(items, "A6021", ""), _ga_fee(items, "Q4001", ""), _ga_fee(items, "V2630", ""),
            _ga_fee(items, "E0720", "NU"), _ga_fee(pen, "B4034", "", "GA(NR)")]  # fmt: skip
    source, output = tmp_path / "supplier.csv", tmp_path / "priced.csv"
    source.write_text(
        "Claim No,DOS,POS,Facility Zip,CPT/HCPCS,Mod 1,Units,Billed Amt\n"
        "D1,02/17/2026,12,30303,A6021,,1,5.00\n"
        "D1,02/17/2026,12,30303,Q4001,,1,5.00\n"
        "D1,02/17/2026,12,30303,V2630,,1,5.00\n"
        "D1,02/17/2026,12,30303,E0720,NU,1,10.00\n"
        "D1,02/17/2026,12,30303,B4034,,1,1.00\n"
    )
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(output.open()))
    cited = ["SSA §1834(i)(1)", "42 CFR 414.102(a)", "42 CFR 414.102(a)", "SSA §1834(a)(1)(B)",
             "SSA §1842(s), 42 CFR 414.102(a)"]  # fmt: skip
    for row, fee, rule in zip(rows, fees, cited, strict=True):
        assert Decimal(row["allowed"]) == fee  # the fee schedule's
        [note] = [part for part in row["note"].split("; ") if part.startswith("Billed")]
        assert f"{fee.quantize(Decimal('0.01'))}: Medicare allows the lower" in note and f"({rule})" in note, note
    dressing = next(part for part in rows[0]["note"].split("; ") if part.startswith("Billed"))
    assert dressing == (
        f"Billed $5.00 is below the DMEPOS fee schedule amount ${fees[0]}: Medicare allows the lower, $5.00 "
        "(SSA §1834(i)(1)), patient 20% = $1.00, Medicare $4.00"
    )
    assert "the PEN fee schedule amount" in rows[4]["note"]
