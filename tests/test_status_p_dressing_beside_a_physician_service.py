"""A status P surgical dressing beside a physician's service on the same claim and date (`rvucalc price 12002 A6216
--zip 78701 --setting 20`) was paid its DMEPOS fee (TX) beside the repair. CMS's RVU file documentation (status P):
an item "covered as incident to a physician service and ... provided on the same day as a physician service" is
bundled into that service; a dressing is paid from the DMEPOS fee schedule only when not furnished incident to a
physician's service (SSA §1834(i)(2)(A)). Such a dressing is $0.00 with a note, in price and batch alike; a dressing
alone, a DME supplier's row and the other status P supplies (A4253: a DME supply) keep their DMEPOS26_JAN fee."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.bundled_supplies import BUNDLED_DRESSING_NOTE
from rvucalc.engine.meanings import paid_from_note

CMS = Path("/work/shared/cms/2026")
AUSTIN = "0441231"  # ZIP 78701's PFS locality (Austin, TX)


@cache
def _tx_fee(code: str) -> Decimal:
    """CMS's DMEPOS26_JAN non-rural Texas fee of the code's row without modifiers."""
    import openpyxl

    book = openpyxl.load_workbook(CMS / "dmepos_2026q1" / "DMEPOS26_JAN.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "HCPCS")
    names = rows[header]
    found = [dict(zip(names, row, strict=True)) for row in rows[header + 1 :] if row[0] == code]
    [row] = [row for row in found if not ({row["Mod"], row["Mod2"]} - {None, ""})]
    return Decimal(str(row["TX (NR)"])).quantize(Decimal("0.01"))


def _price(*codes: str) -> dict:  # type: ignore[type-arg]
    done = CliRunner().invoke(app, ["price", *codes, "--zip", "78701", "--setting", "20", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_price_bundles_a_status_p_dressing_beside_a_repair() -> None:
    assert _tx_fee("A6216") > 0
    found = _price("12002", "A6216")
    repair, dressing = found["lines"]
    assert Decimal(str(dressing["sites"][0]["allowed"])) == 0
    assert BUNDLED_DRESSING_NOTE in dressing["notes"]
    assert Decimal(str(repair["sites"][0]["allowed"])) == fee_2026("12002", AUSTIN)
    assert Decimal(str(found["totals"]["office"]["allowed"])) == fee_2026("12002", AUSTIN)


def test_price_pays_a_dressing_alone_and_a_dme_supply_beside_a_visit() -> None:
    dressing = _price("A6216")  # one code: its line's own result
    assert Decimal(str(dressing["sites"][0]["allowed"])) == _tx_fee("A6216")
    assert BUNDLED_DRESSING_NOTE not in dressing["notes"]
    _, strips = _price("99213", "A4253-NU")["lines"]  # status P, a DME supply: not incident to the visit
    assert Decimal(str(strips["dmepos"]["amount"])) > 0
    assert BUNDLED_DRESSING_NOTE not in strips["notes"]


def test_batch_bundles_the_practitioner_s_dressing_not_a_supplier_s_or_a_lone_one(tmp_path: Path) -> None:
    source = tmp_path / "urgent-care.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT Code,Units,Rendering Credential,Svc Loc Zip\n"
        "C1,03/15/2026,20,12002,1,MD,78701\n"
        "C1,03/15/2026,20,A6216,1,MD,78701\n"
        "C2,03/15/2026,20,A6216,2,MD,78701\n"
        "C3,03/15/2026,20,99213,1,MD,78701\n"
        "C3,03/15/2026,20,A6216,1,DME,78701\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    fee = _tx_fee("A6216")
    assert [Decimal(row["allowed"]) for row in rows] == [
        fee_2026("12002", AUSTIN), Decimal("0.00"), 2 * fee, fee_2026("99213", AUSTIN), fee
    ]  # fmt: skip
    assert [BUNDLED_DRESSING_NOTE in row["note"] for row in rows] == [False, True, False, False, False]
    assert Decimal(rows[1]["dmepos_amount"]) == 0 and Decimal(rows[1]["medicare"]) == 0


def test_batch_bundles_a_dressing_where_the_file_has_no_or_a_blank_provider_cell(tmp_path: Path) -> None:
    """A blank provider cell, or a file without a provider column, names no DMEPOS supplier: the claim is the
    practitioner's, its dressing bundled as `rvucalc price 12002 A6216` bundles it (batch read blank as 'DME')."""
    fee = _tx_fee("A6216")
    assert fee > 0
    for header, cell in (("Claim ID,DOS,POS,CPT Code,Units,Svc Loc Zip", ""), (
        "Claim ID,DOS,POS,CPT Code,Units,Rendering Credential,Svc Loc Zip", ",",
    )):  # fmt: skip
        source = tmp_path / "practice.csv"
        source.write_text(f"{header}\nC1,03/15/2026,20,12002,1,{cell}78701\nC1,03/15/2026,20,A6216,1,{cell}78701\n")
        out = tmp_path / "out.csv"
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
        assert done.exit_code == 0, done.output
        repair, dressing = csv.DictReader(out.open())
        assert Decimal(repair["allowed"]) == fee_2026("12002", AUSTIN)
        assert Decimal(dressing["allowed"]) == 0 and BUNDLED_DRESSING_NOTE in dressing["note"]
    priced = _price("12002", "A6216")["lines"][1]
    assert Decimal(str(priced["sites"][0]["allowed"])) == Decimal(dressing["allowed"])


def test_a_bundled_dressing_is_not_said_to_be_paid_from_the_dmepos_fee_schedule(tmp_path: Path) -> None:
    """`rvucalc price 12002 A6216 --setting 20` paid the dressing $0.00, bundled, and still said "Not paid under the
    PFS: paid from the DMEPOS fee schedule" (JSON, the table and batch): a bundled dressing is paid from no schedule.
    A dressing alone (its TX DMEPOS fee) still says it, in price and batch."""
    paid_from = paid_from_note("dmepos")
    assert paid_from is not None and _tx_fee("A6216") > 0
    _, bundled = _price("12002", "A6216")["lines"]
    assert BUNDLED_DRESSING_NOTE in bundled["notes"] and paid_from not in bundled["notes"]
    assert paid_from in _price("A6216")["notes"]
    table = CliRunner().invoke(app, ["price", "12002", "A6216", "--zip", "78701", "--setting", "20"])
    assert table.exit_code == 0 and "paid from the DMEPOS fee schedule" not in table.stdout.replace("\n", " ")
    source = tmp_path / "urgent-care.csv"
    source.write_text(
        "Claim ID,DOS,POS,CPT Code,Units,Svc Loc Zip\n"
        "C1,03/15/2026,20,12002,1,78701\nC1,03/15/2026,20,A6216,1,78701\nC2,03/15/2026,20,A6216,1,78701\n"
    )
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    _, dressing, alone = csv.DictReader(out.open())
    assert Decimal(dressing["dmepos_amount"]) == 0 and BUNDLED_DRESSING_NOTE in dressing["note"]
    assert paid_from not in dressing["note"] + dressing["comparison_note"], dressing["note"]
    assert Decimal(alone["dmepos_amount"]) == _tx_fee("A6216") and paid_from in alone["note"]
