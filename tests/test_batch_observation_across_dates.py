"""Comprehensive observation (C-APC 8011) is the claim's, across its dates, in batch.

CMS pays a hospital claim APC 8011 when it has 8 or more units of G0378 (hospital observation, per hour), a qualifying
visit (SI J2 in Addendum B) on the date of G0378 or the day before, and no SI T procedure on those dates (a J1 on the
claim makes the J1 C-APC win): CY2016 OPPS final rule (80 FR 70298), Pub. 100-04 ch. 4 §290.5.3, as
``engine.facility``'s comment cites them. Addendum A (the APC rates) is not installed, so such a claim's OPPS lines are
"not priced (APC 8011)". A hospital coder's trial: batch found comprehensive observation only on one date; a claim of
99285 and 96374 on 10/21 and 20 hours of G0378 on 10/22 was paid its visit $620.86 and its 96374 $213.36, while
``rvucalc price`` of the codes on one date says "not priced". The SIs are those of the shipped October 2025 Addendum B.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.engine.facility import OBSERVATION_REASON
from rvucalc.lookup.pricer import Pricer
from test_batch_claim_wide_conditional_packaging import priced_both_ways

COLUMNS = ["claim", "code", "date", "setting", "zip", "units"]
ZIP = "30322"  # Atlanta, the trial's


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def _priced(pricer: Pricer, cells: list[tuple[str, str, str, int]], monkeypatch: Any) -> list[dict[str, Any]]:
    """(claim, date, code, units) lines at the hospital (POS 22), priced on whole columns and through the rule
    functions: the same output both ways."""
    rows = [{"claim": claim, "date": date, "code": code, "units": str(units), "setting": "22", "zip": ZIP}
            for claim, date, code, units in cells]  # fmt: skip
    return priced_both_ways(pricer, pa.table({name: [row[name] for row in rows] for name in COLUMNS}), monkeypatch)


def _visit_alone(pricer: Pricer, code: str, date: str) -> Decimal:
    opps = pricer.price(code, zip_code=ZIP, date_of_service=date, setting="hopd").opps
    assert opps is not None and opps.payable and opps.rate is not None and opps.rate > 0
    return opps.rate


@pytest.mark.parametrize(
    "claim",
    [
        # The trial's G700: the visit and 96374 the day before 20 hours of G0378 (and a lab).
        [("2025-10-21", "99285", 1), ("2025-10-21", "96374", 1), ("2025-10-22", "G0378", 20),
         ("2025-10-22", "85025", 1)],
        # The trial's OB1: 5 hours on 12/08 with the visit, 7 on 12/09: 12 hours on the claim.
        [("2025-12-08", "99284", 1), ("2025-12-08", "G0378", 5), ("2025-12-09", "G0378", 7),
         ("2025-12-09", "96374", 1)],
    ],
    ids=["G700", "OB1"],
)  # fmt: skip
def test_observation_hours_on_another_date_than_the_visit_make_the_claim_comprehensive_observation(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any, claim: list[tuple[str, str, int]]
) -> None:
    """Every OPPS line of the claim not priced with the 8011 reason, as ``price_encounter`` of its codes and units on
    one date, and as batch of the same claim on one date: the same money and notes."""
    assert [addendum_b[c][0] for c in ("99285", "99284", "96374", "G0378")] == ["J2", "J2", "S", "N"]
    last = claim[-1][0]
    codes, units = [code for _, code, _ in claim], [count for _, _, count in claim]
    encounter = pricer.price_encounter(codes, units=units, setting="hopd", zip_code=ZIP, date_of_service=last)
    total = encounter.totals["hopd"]
    assert not total.payable and total.reason is not None and OBSERVATION_REASON in total.reason
    across = [("A", date, code, count) for date, code, count in claim]
    one_date = [("B", last, code, count) for _, code, count in claim]
    out = _priced(pricer, across + one_date, monkeypatch)
    spread, together = out[: len(claim)], out[len(claim) :]
    for row, same, line in zip(spread, together, encounter.lines, strict=True):
        opps = line.opps
        assert opps is not None
        if opps.reason == OBSERVATION_REASON:  # the lab (no CLFS installed) keeps its own reason, as on one date
            assert row["opps_rate"] is None and row["hopd_allowed"] is None, row["note"]
            assert OBSERVATION_REASON in row["note"]
        assert _money(row["opps_rate"]) == _money(same["opps_rate"]) == opps.rate
        assert _money(row["hopd_allowed"]) == _money(same["hopd_allowed"])
        # (OB1's two G0378 lines on one date are also a possible duplicate there: said on that claim alone.)
        assert row["note"] == "; ".join(p for p in same["note"].split("; ") if not p.startswith("Possible duplicate"))


def test_fewer_than_8_hours_on_the_claim_or_a_t_procedure_on_the_g0378_date_leave_the_visit_paid(
    pricer: Pricer, addendum_b: Any, monkeypatch: Any
) -> None:
    """7 hours over two dates (3 + 4); 10 hours with 43239 (SI T) on the date of G0378; a visit two days before the
    G0378 date (neither its date nor the day before): no comprehensive observation, the visit paid its Addendum B
    rate wage-adjusted, as alone on its date. Another claim's hours never reach a neighbour's visit."""
    assert addendum_b["43239"][0] == "T"
    cells = [("S", "2025-12-08", "99284", 1), ("S", "2025-12-08", "G0378", 3), ("S", "2025-12-09", "G0378", 4),
             ("T", "2025-12-08", "99284", 1), ("T", "2025-12-09", "G0378", 10), ("T", "2025-12-09", "43239", 1),
             ("E", "2025-12-08", "99284", 1), ("E", "2025-12-10", "G0378", 10),
             ("N", "2025-12-08", "99284", 1), ("N", "2025-12-08", "96374", 1),
             ("M", "2025-12-08", "G0378", 10), ("M", "2025-12-09", "G0378", 10)]  # fmt: skip
    out = _priced(pricer, cells, monkeypatch)
    visit = _visit_alone(pricer, "99284", "2025-12-08")
    for row in (out[0], out[3], out[6], out[8]):
        assert _money(row["opps_rate"]) == visit, row["note"]
        assert OBSERVATION_REASON not in row["note"]
    assert not any(OBSERVATION_REASON in row["note"] for row in out)
    assert _money(out[9]["opps_rate"]) == _visit_alone(pricer, "96374", "2025-12-08")
