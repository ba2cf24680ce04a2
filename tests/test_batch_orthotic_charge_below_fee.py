"""`rvucalc batch`: an orthotic billed below its DMEPOS fee cites the prosthetics and orthotics statute.

An urgent care trial (Atlanta, ZIP 30303, POS 20, February 2026) billed a walking boot, L4361-LT, at $180.00, below
Georgia's DMEPOS fee. Medicare allows the lower of the charge and the fee, but the row's note cited SSA §1834(a)(1)(B),
the paragraph of "covered items" (durable medical equipment); orthotics and prosthetics are paid under §1834(h), to the
same lesser of the actual charge and the fee schedule amount (42 CFR 414.210(a): "Medicare pays for durable medical
equipment, prosthetics and orthotics ... on the basis of 80 percent of the lesser of (1) The actual charge for the
item; (2) The fee schedule amount"). CMS's DMEPOS26_JAN lists L4361 in payment category PO (prosthetics and orthotics)
and E0114 (crutches) in IN (inexpensive or routinely purchased DME): the crutches keep §1834(a)(1)(B). The amounts are
the file's GA (NR) column.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

DATA = Path(__file__).resolve().parents[1] / "data"


def _ga_fee(code: str, modifier: str) -> tuple[str, Decimal]:
    """CMS's DMEPOS26_JAN row of a code and modifier: its payment category (CATG) and Georgia's non-rural fee."""
    import openpyxl

    book = openpyxl.load_workbook(DATA / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found: list[dict[Any, Any]] = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :]]
    [row] = [row for row in found if row["HCPCS"] == code and (row["Mod"] or "") == modifier]
    return row["CATG"], Decimal(str(row["GA (NR)"])).quantize(Decimal("0.01"))


def test_an_orthotic_below_its_fee_cites_section_1834h(tmp_path: Path) -> None:
    boot, crutches = _ga_fee("L4361", ""), _ga_fee("E0114", "NU")
    assert boot == ("PO", Decimal("338.06")) and crutches == ("IN", Decimal("57.17"))
    source, output = tmp_path / "uc.csv", tmp_path / "priced.csv"
    source.write_text(
        "Claim No,DOS,POS,Facility Zip,CPT/HCPCS,Mod 1,Units,Billed Amt\n"
        "D1,02/17/2026,20,30303,L4361,LT,1,180.00\n"
        "D1,02/17/2026,20,30303,E0114,NU,1,40.00\n"
    )
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(output)])
    assert done.exit_code == 0, done.output
    first, second = csv.DictReader(output.open())
    assert Decimal(first["allowed"]) == boot[1] and Decimal(second["allowed"]) == crutches[1]  # the fee schedule's
    boot_note = next(part for part in first["note"].split("; ") if part.startswith("Billed"))
    assert boot_note == (
        "Billed $180.00 is below the DMEPOS fee schedule amount $338.06: Medicare allows the lower, $180.00 "
        "(SSA §1834(h)(1), 42 CFR 414.210(a)), patient 20% = $36.00, Medicare $144.00"
    )
    crutch_note = next(part for part in second["note"].split("; ") if part.startswith("Billed"))
    assert "(SSA §1834(a)(1)(B))" in crutch_note and "$57.17" in crutch_note
