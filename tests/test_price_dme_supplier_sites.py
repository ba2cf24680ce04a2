"""A DME item's sites (a DME supplier's trial: `price E0601-RR --state IA` put the supplier's DMEPOS fee under Site
"Office", column "Professional", beside an HOPD "not priced ... add Addendum B" and an ASC "not payable", headed
"Where: NATIONAL"): the fee is the DMEPOS supplier's, and the hospital and ASC are said not to apply. JSON keeps
its keys."""

from __future__ import annotations

import json

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
    assert dollars(__import__("decimal").Decimal(fee)) in supplier
    assert "Where: DMEPOS fee for IA" in text and "NATIONAL" not in text
    assert "Office" not in text and "Professional" not in text
    assert "Addendum B with" not in text and "not payable" not in text
    assert "do not apply: E0601 is a DME item" in text


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
