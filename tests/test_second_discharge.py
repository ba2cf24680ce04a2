"""Hospital discharge day management is payable once per patient per hospital stay (Claims Processing Manual ch. 12
§30.6.9.2, ``engine.visits.SECOND_DISCHARGE_RULE``). A faculty practice trial's claim billed 99238 and 99239 by one
physician on one date and both were paid. The day's highest-paid discharge line is paid (the first of equal ones),
the other $0.00 with the rule, whatever their order or AI; a line of 2 units is paid one; another practitioner's line
of the claim and date (batch's provider column) is ranked with them (one discharge per patient per stay: a review found
an MD's 99238 and an NP's 99239 both paid); beside an initial hospital care the admission day's rule stays. In
`rvucalc price` and `rvucalc batch` alike, the amounts CMS's (RVU25D at Baltimore's GPCIs)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
DATE, ZIP, BALTIMORE = "2025-12-01", "21201", "1230201"
NAMES = ("claim", "code", "modifier", "provider", "units")


def _batch(pricer: Pricer, rows: list[tuple[str, str, str, str, str]]) -> list[dict[str, Any]]:
    place = {"zip": ZIP, "date": DATE, "setting": "21"}
    table = pa.Table.from_pylist([{**dict(zip(NAMES, row, strict=True)), **place} for row in rows])
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("codes", [["99238", "99239"], ["99239", "99238"], ["99238-AI", "99239"]])
def test_a_second_discharge_of_the_date_is_not_paid(pricer: Pricer, codes: list[str]) -> None:
    fees = {code: pfs_amount(pricer, code, "", "facility", DATE, BALTIMORE) for code in ("99238", "99239")}
    assert fees["99239"] > fees["99238"] > 0
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "21", "-f", "json"])
    assert done.exit_code == 0, done.output
    lines = json.loads(done.stdout)["lines"]
    rows = _batch(pricer, [("A", *code.partition("-")[::2], "MD", "1") for code in codes])
    for code, line, row in zip(codes, lines, rows, strict=True):
        bare = code.partition("-")[0]
        paid = fees["99239"] if bare == "99239" else Decimal("0.00")
        assert Decimal(str(line["pfs"]["facility"]["amount"])) == paid
        assert Decimal(str(row["allowed"])) == paid
        assert (visits.SECOND_DISCHARGE_RULE in str(row["note"])) == (bare == "99238")


def test_units_another_practitioner_and_the_admission_day(pricer: Pricer) -> None:
    fees = {code: pfs_amount(pricer, code, "", "facility", DATE, BALTIMORE) for code in ("99238", "99239", "99222")}
    rows = _batch(pricer, [
        ("C", "99238", "", "MD", "2"),  # one unit paid
        ("B", "99238", "", "MD", "1"), ("B", "99239", "", "NP", "1"),  # two practitioners: one paid (NP 85%)
        ("G", "99239", "", "NP", "1"), ("G", "99239", "", "MD", "1"),  # the higher-paid: the MD's
        ("D", "99222", "", "MD", "1"), ("D", "99238", "", "MD", "1"), ("D", "99239", "", "MD", "1"),
    ])  # fmt: skip
    assert Decimal(str(rows[0]["allowed"])) == fees["99238"]
    assert visits.per_diem_units_rule("99238", 2) in str(rows[0]["note"])
    np_99239 = (fees["99239"] * Decimal("0.85")).quantize(Decimal("0.01"))
    assert fees["99238"] < np_99239 < fees["99239"]
    for row, paid in zip(rows[1:5], (Decimal("0.00"), np_99239, Decimal("0.00"), fees["99239"]), strict=True):
        assert Decimal(str(row["allowed"])) == paid
        assert (visits.SECOND_DISCHARGE_RULE in str(row["note"])) == (paid == 0)
    assert Decimal(str(rows[5]["allowed"])) == fees["99222"]
    for row in rows[6:]:
        assert Decimal(str(row["allowed"])) == 0
        assert visits.ADMISSION_DAY_DISCHARGE_RULE in str(row["note"])
        assert visits.SECOND_DISCHARGE_RULE not in str(row["note"])
