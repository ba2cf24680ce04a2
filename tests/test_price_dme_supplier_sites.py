"""A DME item's sites (a DME supplier's trial: `price E0601-RR --state IA` put the supplier's DMEPOS fee under Site
"Office", column "Professional", beside an HOPD "not priced ... add Addendum B" and an ASC "not payable", headed
"Where: NATIONAL"): the fee is the DMEPOS supplier's, and the hospital and ASC are said not to apply. JSON keeps
its keys."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars


def _run(*args: str) -> tuple[int, str]:
    done = CliRunner().invoke(app, ["price", *args])
    return done.exit_code, done.stdout


def test_the_dmepos_fee_is_the_supplier_s_and_the_hospital_and_asc_do_not_apply() -> None:
    code, data = _run("E0601-RR", "--state", "IA", "--format", "json")
    assert code == 0, data
    result = json.loads(data)
    fee = result["dmepos"]["amount"]  # CMS's DMEPOS file's IA non-rural rental fee
    assert {site["setting"] for site in result["sites"]} >= {"office"}  # JSON unchanged
    code, text = _run("E0601-RR", "--state", "IA")
    assert code == 0, text
    supplier = next(line for line in text.splitlines() if "DMEPOS supplier" in line)
    assert dollars(Decimal(fee)) in supplier
    assert "Where: DMEPOS fee for IA" in text and "NATIONAL" not in text
    assert "Office" not in text and "Professional" not in text
    assert "Addendum B with" not in text and "not payable" not in text
    assert "do not apply: E0601 is a DMEPOS item" in text


def test_a_physician_s_code_keeps_its_sites() -> None:
    code, text = _run("99213", "--zip", "10001")
    assert code == 0 and "Office" in text and "Where the service is done" in text


def test_a_dme_item_of_several_units_points_to_the_who_is_paid_table() -> None:
    """E0601-RR x 2 has no sites table: the units line names the table the line's amounts are in."""
    code, text = _run("E0601-RR", "--state", "IA", "--units", "2")
    assert code == 0, text
    flat = " ".join(text.split())
    assert "the line of 2 units is in the 'Who is paid' table" in flat
    assert "sites table" not in flat and "Where the service is done" not in flat


def test_a_dme_item_the_pfs_lists_with_status_x_is_the_supplier_s_too() -> None:
    """A7030 (a CPAP mask) is on CMS's RVU file with status X and priced by the DMEPOS file: a trial read its fee under
    "Office", "Professional", beside an HOPD "not priced" and an ASC "not payable", where E0601-RR (not on the RVU
    file) had the "Who is paid" table. Batch's row fills professional_allowed (the supplier's claim) as E0601's."""
    args = ("A7030-NU", "--zip", "80401", "--date", "2026-01-15")
    code, data = _run(*args, "--format", "json")
    assert code == 0, data
    result = json.loads(data)
    assert result["pfs"]["status"] == "X"  # CMS's RVU file lists it: the PFS pays nothing
    fee = Decimal(str(result["dmepos"]["amount"]))  # CMS's DMEPOS file's CO NU fee
    code, text = _run(*args)
    assert code == 0, text
    supplier = next(line for line in text.splitlines() if "DMEPOS supplier" in line)
    assert dollars(fee) in supplier
    assert "Where the service is done" not in text and "Professional" not in text
    assert "Addendum B with" not in text and "not payable" not in text
    assert "do not apply: A7030 is a DMEPOS item" in " ".join(text.split())


def test_a_dme_item_with_status_x_is_a_supplier_s_row_in_batch_as_e0601_is(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("code,modifier,date,zip\nA7030,NU,2026-01-15,80401\nE0601,RR,2026-01-15,80401\n")
    out = tmp_path / "out.csv"
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "-q"])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    for row in rows:
        assert row["dmepos_amount"] and row["professional_allowed"] == row["dmepos_amount"] == row["allowed"]
        assert row["hopd_allowed"] == "" and row["asc_allowed"] == ""
    _, data = _run("A7030-NU", "--zip", "80401", "--date", "2026-01-15", "--format", "json")
    assert rows[0]["dmepos_amount"] == f"{Decimal(str(json.loads(data)['dmepos']['amount'])):.2f}"
