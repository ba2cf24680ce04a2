"""Critical care the same day as another E/M visit of the same practitioner: CMS pays both only when the visit came
first, the patient not then needing critical care, with modifier 25 on the claim (CY2022 PFS final rule, as
``engine.visits.CRITICAL_CARE_SAME_DAY_VISITS`` cites it). A faculty practice trial's claim billed 99233 and 99291 by
one physician on one date, no 25, and read nothing. The 99291 line without 25 says so, in `rvucalc price` and `rvucalc
batch` alike (batch: the same practitioner's lines of the claim and date), not where 25 is on the visit (a review
found the note on 99233-25 beside 99291); the amounts stay CMS's (RVU26C and RVU25D
at Philadelphia's GPCIs)."""

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
ZIP, PHILADELPHIA = "19104", "1250201"
NAMES = ("claim", "code", "modifier", "provider", "zip", "date", "setting")


def _batch(pricer: Pricer, rows: list[tuple[str, str, str, str, str]]) -> list[dict[str, Any]]:
    cells = [(claim, code, modifier, provider, ZIP, date, "21") for claim, code, modifier, provider, date in rows]
    table = pa.Table.from_pylist([dict(zip(NAMES, row, strict=True)) for row in cells])
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("date", ["2026-08-03", "2025-12-01"])
def test_99291_without_25_beside_the_same_practitioners_visit_says_so(pricer: Pricer, date: str) -> None:
    note = visits.critical_care_same_day_visit_note(["99233"])
    assert "modifier 25" in note and "; " not in note  # batch joins a row's notes with "; "
    fee = pfs_amount(pricer, "99291", "", "facility", date, PHILADELPHIA)
    rows = _batch(pricer, [
        ("A", "99233", "", "MD", date), ("A", "99291", "", "MD", date),  # no 25: said
        ("B", "99233", "", "MD", date), ("B", "99291", "25", "MD", date),  # 25: nothing
        ("C", "99233", "", "NP", date), ("C", "99291", "", "MD", date),  # another practitioner's visit: nothing
        ("F", "99233", "25", "MD", date), ("F", "99291", "", "MD", date),  # 25 on the visit, on the claim: nothing
    ])  # fmt: skip
    assert note in str(rows[1]["note"])
    assert not any("99291 beside an E/M visit" in str(row["note"]) for row in rows[2:])
    assert all(Decimal(str(rows[at]["allowed"])) == fee for at in (1, 3, 5, 7))
    for codes, said in ((["99233", "99291"], True), (["99233", "99291-25"], False), (["99233-25", "99291"], False)):
        done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", date, "--setting", "21", "-f", "json"])
        assert done.exit_code == 0, done.output
        line = json.loads(done.stdout)["lines"][1]
        assert (note in line["notes"]) == said
        assert Decimal(str(line["pfs"]["facility"]["amount"])) == fee


def test_the_visits_are_named_once_each_in_order_and_another_date_is_no_encounter(pricer: Pricer) -> None:
    rows = _batch(pricer, [
        ("D", "99284", "", "MD", "2025-10-08"), ("D", "99223", "", "MD", "2025-10-08"),
        ("D", "99291", "FS", "MD", "2025-10-08"), ("D", "99223", "", "MD", "2025-10-08"),
        ("E", "99291", "", "MD", "2025-10-08"), ("E", "99233", "", "MD", "2025-10-09"),
    ])  # fmt: skip
    assert visits.critical_care_same_day_visit_note(["99284", "99223"]) in str(rows[2]["note"])
    assert "99291 beside an E/M visit" not in str(rows[4]["note"])
