"""A discontinued study's interpretation, CODE-26-53 (an imaging center's trial: a radiologist's read of an MRI stopped
for the patient's claustrophobia). `price 70551-26-53 --setting 22` and batch's row were refused as a conflict of rows,
"Modifiers 26 and 53 conflict: 26, TC and 53 each select one of CMS's rows: give one." (bad_modifier), which tells
billing staff to drop a modifier the claim needs, and price's encounter refused every line beside it. CMS's RVU file has
53 rows only for codes without 26 and TC rows, and 53 goes on the professional service of a discontinued diagnostic
procedure, priced by the MAC (Noridian JE Part B, "Modifier 53"): the line now selects its 26 (or TC) row and is
"cannot be priced here: the MAC prices it", as 70551-53, and the encounter's other lines keep CMS's fees (the read
beside it: RVU26C x the 2026 Miami GPCIs)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app
from rvucalc.engine.modifiers import DISCONTINUED_MAC_PRICED

runner = CliRunner()
ZIP, LOCALITY, DATE = "33136", "0910204", "2026-08-03"  # Miami, FL
OLD = "each select one of CMS's rows"


def _row(code: str, modifier: str) -> tuple[str, ...]:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, modifier]))


def _said(text: str) -> str:
    return " ".join(text.split())


def test_26_53_is_the_mac_s_price_not_a_conflict_in_price() -> None:
    done = runner.invoke(app, ["price", "70551-26-53", "--zip", ZIP, "--setting", "22", "--date", DATE])
    said = _said(done.output)
    assert OLD not in said
    assert done.exit_code == 1, done.output  # not priced (the MAC's), not a usage error
    assert _said(DISCONTINUED_MAC_PRICED) in said


def test_the_encounter_beside_a_26_53_line_keeps_cms_s_fee() -> None:
    read = fee_2026(_row("70553", "26"), LOCALITY, facility=True)
    done = runner.invoke(app, ["price", "70551-26-53", "70553-26", "--zip", ZIP, "--setting", "22", "--date", DATE,
                               "--format", "json"])  # fmt: skip
    assert OLD not in _said(done.output)
    assert f"${read}" in done.output or str(read) in done.output, done.output
    table = runner.invoke(app, ["price", "70551-TC-53", "70553-26", "--zip", ZIP, "--setting", "11", "--date", DATE])
    assert OLD not in _said(table.output)
    assert f"${fee_2026(_row('70553', '26'), LOCALITY)}" in table.stdout


def test_26_53_in_batch_is_price_s_not_priced_line(tmp_path: Path) -> None:
    read = fee_2026(_row("70553", "26"), LOCALITY, facility=True)
    source, out = tmp_path / "ris.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,Accession #,CPT,Mod1,Mod2,Exam Date,POS,Pt Zip\n"
        f"R1,A1,70551,26,53,08/03/2026,22,{ZIP}\n"
        f"R1,A2,70553,26,,08/03/2026,22,{ZIP}\n"
        f"R2,A3,72148,TC,53,08/03/2026,11,{ZIP}\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert [row["error_kind"] for row in rows] == ["", "", ""]
    assert OLD not in json.dumps(rows)
    assert rows[0]["pfs_facility_amount"] == "" and _said(DISCONTINUED_MAC_PRICED) in _said(rows[0]["note"])
    assert rows[1]["pfs_facility_amount"] == str(read)  # the other read in full: the discontinued one ranks nothing
    assert rows[2]["allowed"] == "" and _said(DISCONTINUED_MAC_PRICED) in _said(rows[2]["note"])
