"""GE (primary care exception: a resident's service without the teaching physician present) on a code plainly outside
the exception, a level 4 or 5 office/outpatient visit or hospital, emergency department or critical care E/M (42 CFR
415.174, 415.172(a); Claims Processing Manual ch. 12 §100.1.1.C): a faculty practice trial's 99215-GE read "Modifier GE
is informational". The line says so, in `rvucalc price` and `rvucalc batch` alike; 99213-GE keeps the informational
note; the amounts are CMS's either way (RVU26C at Philadelphia's GPCIs)."""

from __future__ import annotations

import json
from decimal import Decimal

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import modifiers
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, PHILADELPHIA = "2026-08-03", "19107", "1250201"
INFORMATIONAL = "Modifier GE is informational: it does not change the amount."


@pytest.mark.parametrize(
    ("code", "setting", "outside"),
    [("99215", "11", True), ("99204", "11", True), ("99233", "21", True), ("99291", "21", True),
     ("99213", "11", False), ("99203", "22", False), ("20610", "22", True), ("11042", "11", True),
     ("G0439", "11", False), ("99495", "22", False)],
)  # fmt: skip
def test_ge_on_a_code_outside_the_exception_says_so(pricer: Pricer, code: str, setting: str, outside: bool) -> None:
    note = modifiers.primary_care_exception_note(code, ["GE"])
    assert (note is not None) == outside and (note is None or "; " not in note)
    done = runner.invoke(app, ["price", f"{code}-GE", "--zip", ZIP, "--date", DATE, "--setting", setting, "-f", "json"])
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    table = pa.Table.from_pylist([{"code": code, "modifier": "GE", "zip": ZIP, "date": DATE, "setting": setting}])
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    said = note if note is not None else INFORMATIONAL
    assert said in line["notes"] and said in str(row["note"])
    assert (INFORMATIONAL in str(row["note"])) == (not outside)
    where = "non_facility" if setting == "11" else "facility"
    fee = pfs_amount(pricer, code, "", where, DATE, PHILADELPHIA)
    assert Decimal(str(line["pfs"][where]["amount"])) == fee == Decimal(str(row[f"pfs_{where}_amount"]))


@pytest.mark.parametrize("code", ["20610", "27447", "36415"])
def test_ge_on_a_procedure_is_outside_the_exception(code: str) -> None:
    """The exception is for certain lower and mid-level E/M visits (42 CFR 415.174(a)): a faculty practice trial's
    20610-GE-RT at POS 22 read "Modifier GE is informational"."""
    note = modifiers.primary_care_exception_note(code, ["GE", "RT"])
    assert note is not None and "a procedure or other service outside the E/M visits" in note
    assert modifiers.code_modifier_notes(code, ["GE"])["GE"] == note
