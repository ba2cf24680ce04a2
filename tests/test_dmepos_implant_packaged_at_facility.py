"""A DMEPOS fee schedule item the ASC's or hospital's own table packages (L8600, a breast implant: ASC Addendum BB PI
N1, OPPS Addendum B SI N). A plastic surgery group's trial read L8600-RT at POS 24 as "Not paid under the PFS: paid
from the DMEPOS fee schedule" beside "PI N1: packaged", the table's Lab/drug/DME column $764.47 DMEPOS: the DMEPOS fee
is the physician office's (or a supplier's), the implant's cost at the ASC is in the ASC's payment for the procedure."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import DMEPOS_PACKAGED_AT_FACILITY, paid_from_note

DATA = Path(__file__).resolve().parents[1] / "data"
PLAIN = paid_from_note("dmepos")


def _cms_rows() -> tuple[list[str], dict[str, object]]:
    """L8600's row of CMS's January 2026 ASC Addendum BB and of DMEPOS26_JAN (by its header row's names)."""
    with (DATA / "opps/2026/asc/01/BB.csv").open(encoding="latin-1", newline="") as handle:
        bb = next(row for row in csv.reader(handle) if row and row[0] == "L8600")
    sheet = openpyxl.load_workbook(DATA / "dmepos/2026/DMEPOS26_JAN.xlsx", read_only=True).active
    assert sheet is not None
    header: tuple[object, ...] = ()
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] == "HCPCS":
            header = row
        elif row and row[0] == "L8600" and header:
            return bb, dict(zip(header, row, strict=False))
    raise AssertionError("L8600 not in DMEPOS26_JAN")


def test_cms_packages_l8600_at_the_asc_and_lists_a_dmepos_fee() -> None:
    bb, fee = _cms_rows()
    assert bb[4] == "N1", bb
    assert fee["JURIS"] == "L" and fee["TX (NR)"] is not None, fee
    for setting in ("hopd", "asc"):
        note = DMEPOS_PACKAGED_AT_FACILITY[setting]
        assert PLAIN is not None and note.startswith(PLAIN) and "; " not in note
        assert paid_from_note("dmepos", setting, packaged_there=True) == note
        assert paid_from_note("dmepos", setting) == PLAIN


def test_price_and_batch_say_the_asc_packages_the_implant(tmp_path: Path) -> None:
    _, fee = _cms_rows()
    runner = CliRunner()
    where = ["--zip", "77030", "--date", "2026-02-10"]
    done = runner.invoke(app, ["price", "L8600-RT", *where, "--setting", "asc", "-f", "json"])
    assert done.exit_code == 0, done.output
    asc = json.loads(done.stdout)
    assert DMEPOS_PACKAGED_AT_FACILITY["asc"] in asc["notes"] and PLAIN not in asc["notes"]
    office = json.loads(runner.invoke(app, ["price", "L8600-RT", *where, "--setting", "office", "-f", "json"]).stdout)
    assert PLAIN in office["notes"] and DMEPOS_PACKAGED_AT_FACILITY["asc"] not in office["notes"]
    source, out = tmp_path / "prs.csv", tmp_path / "out.csv"
    source.write_text("claim,code,modifier,zip,date,pos\nA,19342,RT,77030,2026-02-10,24\nA,L8600,RT,77030,2026-02-10,24\n"
                      "B,L8600,RT,77030,2026-02-10,11\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert DMEPOS_PACKAGED_AT_FACILITY["asc"] in rows[1]["note"].split("; ")
    assert PLAIN in rows[2]["note"].split("; ") and DMEPOS_PACKAGED_AT_FACILITY["asc"] not in rows[2]["note"]
    # the statement changes no money: the ASC's $0.00, the office's CMS fee for Texas (non-rural)
    assert rows[1]["asc_rate"] == rows[1]["allowed"] == "0.00"
    assert Decimal(rows[2]["allowed"]) == Decimal(str(fee["TX (NR)"])) == Decimal(str(office["dmepos"]["amount"]))


def test_a_supplier_s_item_packaged_at_the_hospital_is_not_called_the_physician_office_s(tmp_path: Path) -> None:
    """A4253 (test strips) is a DME MAC's item (DMEPOS26_JAN: JURIS D, a supplier's fee), which October 2025's OPPS
    Addendum B packages at the hospital (SI N): its note names the supplier's fee too, not "the physician office only"
    (a review), price and batch alike."""
    sheet = openpyxl.load_workbook(DATA / "dmepos/2026/DMEPOS26_JAN.xlsx", read_only=True).active
    assert sheet is not None
    header: tuple[object, ...] = ()
    fee: dict[object, object] = {}
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] == "HCPCS":
            header = row
        elif row and row[0] == "A4253" and header and not fee:
            fee = dict(zip(header, row, strict=False))
    assert fee["JURIS"] == "D", fee
    with (DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv").open(encoding="latin-1") as f:
        assert next(row for row in csv.reader(f) if row and row[0] == "A4253")[2] == "N"
    note = DMEPOS_PACKAGED_AT_FACILITY["hopd"]
    assert "supplier" in note and "physician office only" not in note
    done = CliRunner().invoke(app, ["price", "A4253", "--zip", "80210", "--date", "2025-11-05", "--setting", "22",
                                    "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert note in json.loads(done.stdout)["notes"]
    source = tmp_path / "strips.csv"
    source.write_text("code,date,zip,pos\nA4253,2025-11-05,80210,22\n")
    out = tmp_path / "out.csv"
    assert CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"]).exit_code == 0
    assert note in next(csv.DictReader(out.open()))["note"].split("; ")
