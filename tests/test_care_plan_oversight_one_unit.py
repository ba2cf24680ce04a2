"""Care plan oversight (G0181 home health, G0182 hospice) is one unit a calendar month: "CPO services may not be billed
across calendar months and should be submitted (and paid) only for one unit of service" (Claims Processing Manual ch.
12 §180.1.A); the home health certification G0180 and recertification G0179 are per (re)certification period. A
house-call trial's `price G0181 --units 2` (and a batch row of 2 units) paid $210.44, twice the month's $105.22 at ZIP
27607. Such a line of several units is now paid one unit, as a per diem visit's (engine.visits.per_diem_units_rule),
in price and batch alike; the amount is the RVU file's at North Carolina's GPCIs."""

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

ZIP, DATE, NORTH_CAROLINA = "27607", "2026-10-31", "1150200"
runner = CliRunner()


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("code", "units"), [("G0181", 2), ("G0182", 3), ("G0180", 2), ("G0179", 2)])
def test_a_care_plan_oversight_or_certification_line_of_several_units_is_paid_one_unit(
    pricer: Pricer, code: str, units: int
) -> None:
    cms = pfs_amount(pricer, code, "", "non_facility", DATE, NORTH_CAROLINA)
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", "11", "--units", str(units),
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    [site] = line["sites"]
    table = pa.table({"claim": ["H1"], "code": [code], "zip": [ZIP], "date": [DATE], "setting": ["11"],
                      "units": [str(units)]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(site["total"]) == _money(row["allowed"]) == _money(row["professional_allowed"]) == cms  # was x units
    rule = visits.per_diem_units_rule(code, units)
    assert rule is not None and "§180.1" in rule and "; " not in rule
    assert rule in line["notes"] and rule in str(row["note"])


def test_one_unit_says_nothing(pricer: Pricer) -> None:
    assert visits.per_diem_units_rule("G0181", 1) is None
    table = pa.table({"claim": ["H1"], "code": ["G0181"], "zip": [ZIP], "date": [DATE], "setting": ["11"],
                      "units": ["1"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert _money(row["allowed"]) == pfs_amount(pricer, "G0181", "", "non_facility", DATE, NORTH_CAROLINA)
    assert "§180.1" not in str(row["note"])
