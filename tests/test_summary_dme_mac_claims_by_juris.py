"""``--summary``'s DME supplier claims (the ``dmepos`` totals, each claim's ``dmepos_*``, stderr's "of them DME supplier
claims") are the DMEPOS items the DME MAC pays: CMS's DMEPOS fee schedule's JURIS column says which contractor pays an
item (D the DME MAC, L the local A/B MAC, J either). An orthopedics trial's Q4021 (a casting supply its PA-C billed in
the office, JURIS L in DMEPOS26_JAN) was counted as a DME MAC claim. It stays in the practitioners' claims, at the
same amount (the DMEPOS fee); E0601-RR (JURIS D) is still the DME MAC's."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.reference.loaders.schedules import read_cells

DMEPOS_FILE = Path(__file__).parent.parent / "data" / "dmepos" / "2026" / "DMEPOS26_JAN.xlsx"  # CMS's, byte for byte
DATE = "2026-08-03"
DENVER = "80218"  # CO


def _cms_rows() -> dict[tuple[str, str], dict[str, str]]:
    """CMS's DMEPOS26_JAN rows by (HCPCS, Mod): the header on row 7 (HCPCS, Mod, Mod2, JURIS, CATG ...)."""
    cells = read_cells(DMEPOS_FILE)
    header = next(n for n, row in enumerate(cells) if row[0] == "HCPCS")
    names = cells[header]
    return {(row[0], row[1]): dict(zip(names, row, strict=False)) for row in cells[header + 1 :] if row[0]}


def test_a_juris_l_casting_supply_is_no_dme_mac_claim(tmp_path: Path) -> None:
    rows = _cms_rows()
    cast, cpap = rows["Q4021", ""], rows["E0601", "RR"]
    assert (cast["JURIS"], cpap["JURIS"]) == ("L", "D")  # CMS's file: the A/B MAC's, the DME MAC's
    cast_fee, cpap_fee = Decimal(cast["CO (NR)"]), Decimal(cpap["CO (NR)"])  # the file's non-rural CO fees
    source = tmp_path / "claims.csv"
    source.write_text("claim,code,modifier,zip,date,setting,provider\n"
                      f"A,Q4021,LT,{DENVER},{DATE},11,PA-C\nB,E0601,RR,{DENVER},{DATE},12,\n")  # fmt: skip
    summary, out = tmp_path / "summary.json", tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    doc = json.loads(summary.read_text())
    totals = doc["totals"]
    assert (totals["professional"]["lines"], Decimal(totals["professional"]["allowed"])) == (2, cast_fee + cpap_fee)
    assert (totals["dmepos"]["lines"], Decimal(totals["dmepos"]["allowed"])) == (1, cpap_fee)  # E0601 alone
    a, b = doc["claims"]["A"], doc["claims"]["B"]
    assert (a["dmepos_lines"], Decimal(a["professional_allowed"])) == (0, cast_fee)  # the PA-C's claim, its amount
    assert (b["dmepos_lines"], Decimal(b["dmepos_allowed"])) == (1, cpap_fee)
    assert "JURIS L" in doc["totals_meaning"]["dmepos"] and "Q4021" in doc["totals_meaning"]["dmepos"]
    said = " ".join(done.stderr.split())
    assert (f"of them DME supplier claims (DMEPOS items the DME MAC pays: JURIS D and PEN, no PFS service): 1 row, "
            f"allowed ${cpap_fee:,}") in said  # fmt: skip
