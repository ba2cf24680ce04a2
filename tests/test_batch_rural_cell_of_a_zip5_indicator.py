"""A rural hospital's export carried CMS's ZIP5 rural indicator (R rural, B super rural) in a 'Rural' column: its DME
rows were refused "rural 'B': give Y for the state's rural DMEPOS fee ...", with no word that B is the ambulance fee
schedule's area, which does not say whether a DMEPOS fee is the rural one (CMS's DMEPOS rural ZIP list, 42 CFR
414.202, is another list). The error says so; it stays bad_rural (not read as Y), the PFS row beside it priced at CMS's
fee, and another bad cell keeps the plain message."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app


def test_a_zip5_indicator_in_the_rural_column_is_named(tmp_path: Path) -> None:
    source = tmp_path / "dme.csv"
    source.write_text("Claim #,DOS,HCPCS/CPT,Mod1,Qty,POS,Svc ZIP,Rural\n"
                      "D1,08/12/2026,E0114,NU,1,12,59330,B\n"
                      "D2,08/12/2026,E0114,NU,1,12,59330,R\n"
                      "D3,08/12/2026,99213,,1,11,59330,B\n"
                      "D4,08/12/2026,E0114,NU,1,12,59330,maybe\n")  # fmt: skip
    out = tmp_path / "out.csv"
    assert CliRunner().invoke(app, ["batch", "-q", str(source), "-o", str(out)]).exit_code == 1
    super_rural, rural, visit, other = csv.DictReader(out.open())
    for row, letter, meaning in ((super_rural, "B", "super rural"), (rural, "R", "rural")):
        assert row["error_kind"] == "bad_rural" and not row["allowed"], row
        said = (f"rural '{letter}': {letter} is CMS's ZIP5 rural indicator ({meaning}), the ambulance fee schedule's "
                "area, not the DMEPOS rural ZIP list")  # fmt: skip
        assert said in row["error"], row["error"]
    assert Decimal(visit["allowed"]) == fee_2026("99213", "0320201") and not visit["error"], visit
    assert other["error_kind"] == "bad_rural" and "ZIP5" not in other["error"], other
