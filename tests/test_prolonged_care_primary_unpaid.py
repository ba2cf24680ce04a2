"""A prolonged add-on whose primary visit is paid $0.00 by the same-day hospital care rules (engine.visits.
prolonged_primary_unpaid_rules): 99221 + 99233 + G0316 by one practitioner on one date paid G0316 beside a
subsequent care that is part of the initial day, $0.00 (INITIAL_DAY_VISIT_RULE). G0316-G0318 are Type I add-ons
(CR 7501: never paid unless a listed primary is paid): G0316 is $0.00 there too, in price and batch alike; with its
primary paid it keeps CMS's amount (the RVU file's at Atlanta's GPCIs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

DATE, ATLANTA = "2026-08-05", "1021201"  # ZIP 30322


def _both(pricer: Pricer, codes: list[str]) -> tuple[list[Any], list[dict[str, Any]]]:
    single = pricer.price_encounter(codes, zip_code="30322", setting="21", date_of_service=DATE).lines
    rows = [{"claim": "A", "code": code, "zip": "30322", "setting": "21", "date": DATE} for code in codes]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return single, BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize(
    ("codes", "add_on"),
    [
        (["99221", "99233", "G0316"], "G0316"),  # 99233: part of the initial day
        (["99238", "99233", "G0316"], "G0316"),  # 99233 on the discharge day
        (["99223", "99306", "G0317"], "G0317"),  # 99306: the nursing facility visit is part of the admission
    ],
)
def test_a_prolonged_add_on_whose_primary_is_not_paid_is_not_paid(
    pricer: Pricer, codes: list[str], add_on: str
) -> None:
    single, rows = _both(pricer, codes)
    rule = visits.prolonged_primary_unpaid_rule(add_on)
    first = pfs_amount(pricer, codes[0], "", "facility", DATE, ATLANTA)
    assert single[0].pfs.facility.amount == first == rows[0]["allowed"]  # the day's paid line: CMS's amount
    assert single[1].pfs.facility.amount == Decimal("0.00") == rows[1]["allowed"]  # its primary, by the same-day rule
    prolonged = single[2]
    assert prolonged.pfs.facility.amount == Decimal("0.00") == rows[2]["allowed"]
    assert prolonged.pfs.non_facility.amount == Decimal("0.00")
    assert rule in prolonged.notes and rule in str(rows[2]["note"])
    assert [a.rule for a in prolonged.pfs.facility.adjustments][-1] == rule


@pytest.mark.parametrize(
    "codes",
    [["99223", "99222", "G0316"], ["99222", "99223", "G0316"], ["99223", "99223", "G0316"], ["99233", "G0316"]],
)
def test_a_prolonged_add_on_with_its_primary_paid_keeps_cms_s_amount(pricer: Pricer, codes: list[str]) -> None:
    """99223 beside 99222 in either order (the day's highest-paid initial care, paid), or 99233 alone: G0316 is paid,
    the RVU file's amount."""
    single, rows = _both(pricer, codes)
    fee = pfs_amount(pricer, "G0316", "", "facility", DATE, ATLANTA)
    assert single[-1].pfs.facility.amount == fee == rows[-1]["allowed"]
    assert "G0316 not payable" not in " ".join(single[-1].notes) + str(rows[-1]["note"])


def test_a_prolonged_add_on_with_no_primary_is_still_only_noted(pricer: Pricer) -> None:
    """No primary on the claim (it may be on another): the amount stays, the note says so (unchanged)."""
    single, rows = _both(pricer, ["99222", "G0316"])
    fee = pfs_amount(pricer, "G0316", "", "facility", DATE, ATLANTA)
    assert single[1].pfs.facility.amount == fee == rows[1]["allowed"]
    assert visits.prolonged_without_primary_note("G0316") in single[1].notes


def test_the_engine_rule_per_line() -> None:
    rules = visits.same_day_hospital_rules(["99221", "99233", "G0316", "G0317"])
    assert rules == [None, visits.INITIAL_DAY_VISIT_RULE, visits.prolonged_primary_unpaid_rule("G0316"), None]
    # 99223 beside the day's higher-paid 99236 (a G0316 primary too, paid): G0316 is paid
    rules = visits.same_day_hospital_rules(["99223", "99236", "G0316"], None, [15903, 19311, 4000])
    assert rules == [visits.SECOND_DAILY_CARE_RULE, None, None]
    assert visits.same_day_hospital_rules(["99223", "99223", "G0316"])[2] is None
