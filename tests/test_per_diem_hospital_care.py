"""Per diem hospital care (engine.visits.SECOND_DAILY_CARE_RULE, per_diem_kept, per_diem_units_rule): initial
(99221-99223, 99234-99236) and subsequent (99231-99233) hospital care are reported once a day by one practitioner
(Transmittal 1545, ch. 12 §30.6.9). A review found, at ZIP 10001 on 2026-07-15, POS 21:

1. `price 99223-AI 99222` paid 99222 $0.00: AI marks the principal physician of record (ch. 12 §30.6.9.1); an initial
   care line without AI the same day is a consultant's, paid. Two lines both with AI, or both without: one is $0.00.
2. `price 99223 --units 2` paid $348.30: a per diem code is paid one unit a day.
3. `price 99221 99223` paid $83.91 and `price 99223 99221` $174.15: the day's highest-paid line is kept, whatever the
   order.

Each in price and batch alike, against CMS's own amounts (the shipped RVU file at Manhattan's GPCIs)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import MANHATTAN, pfs_amount

ZIP, DATE = "10001", "2026-07-15"


def _cms(pricer: Pricer, code: str) -> Decimal:
    return pfs_amount(pricer, code, "", "facility", DATE, MANHATTAN)


def _both(pricer: Pricer, codes: list[str], units: int = 1) -> tuple[list[Any], list[dict[str, Any]]]:
    single = pricer.price_encounter(codes, zip_code=ZIP, setting="21", date_of_service=DATE, units=units).lines
    table = pa.table({"claim": ["A"] * len(codes), "code": codes, "zip": [ZIP] * len(codes),
                      "setting": ["21"] * len(codes), "date": [DATE] * len(codes),
                      "units": [str(units)] * len(codes)})  # fmt: skip
    return single, BatchPricer(pricer).price_table(table).to_pylist()


def _paid(single: list[Any], rows: list[dict[str, Any]]) -> list[Decimal]:
    """Each line's allowed amount, the same in price and batch."""
    out = []
    for line, row in zip(single, rows, strict=True):
        assert Decimal(str(row["allowed"])) == line.sites[0].total, line.code
        assert Decimal(str(row["pfs_facility_amount"])) == line.pfs.facility.amount, line.code
        out.append(line.sites[0].total)
    return out


def test_the_admitting_physicians_ai_line_and_a_consultants_line_are_both_paid(pricer: Pricer) -> None:
    single, rows = _both(pricer, ["99223-AI", "99222"])
    assert (
        _paid(single, rows) == [_cms(pricer, "99223"), _cms(pricer, "99222")] == [Decimal("174.15"), Decimal("130.59")]
    )
    assert all(visits.SECOND_DAILY_CARE_RULE not in str(row["note"]) for row in rows)
    for codes in (["99223-AI", "99222-AI"], ["99223", "99222"], ["99222-AI", "99223-AI"]):
        single, rows = _both(pricer, codes)
        paid = _paid(single, rows)
        assert sorted(paid) == [0, _cms(pricer, "99223")], codes
        zeroed = paid.index(Decimal(0))
        assert visits.SECOND_DAILY_CARE_RULE in single[zeroed].notes
        assert visits.SECOND_DAILY_CARE_RULE in str(rows[zeroed]["note"])


@pytest.mark.parametrize("code", ["99223", "99232"])
def test_a_per_diem_line_of_several_units_is_paid_one_unit(pricer: Pricer, code: str) -> None:
    single, rows = _both(pricer, [code], units=2)
    assert _paid(single, rows) == [_cms(pricer, code)]
    rule = visits.per_diem_units_rule(code, 2)
    assert rule is not None and rule in single[0].notes and rule in str(rows[0]["note"])
    assert Decimal(str(rows[0]["professional_allowed"])) == _cms(pricer, code)


@pytest.mark.parametrize("codes", [["99221", "99223"], ["99223", "99221"], ["99232", "99233", "99231"]])
def test_the_days_highest_paid_hospital_care_is_kept_whatever_the_order(pricer: Pricer, codes: list[str]) -> None:
    single, rows = _both(pricer, codes)
    top = max(codes, key=lambda code: _cms(pricer, code))
    assert top in ("99223", "99233")
    for code, paid, line, row in zip(codes, _paid(single, rows), single, rows, strict=True):
        assert paid == (_cms(pricer, code) if code == top else 0), code
        assert (visits.SECOND_DAILY_CARE_RULE in line.notes) == (code != top)
        assert (visits.SECOND_DAILY_CARE_RULE in str(row["note"])) == (code != top)


def test_the_engine_keeps_the_highest_and_the_first_of_equals() -> None:
    assert visits.per_diem_kept(["99221", "99223"], [[], []], [8391, 17415]) == [False, True]
    assert visits.per_diem_kept(["99223", "99223"], [[], []], [17415, 17415]) == [True, False]
    assert visits.per_diem_kept(["99223", "99222"], [["AI"], []], [17415, 13059]) == [True, True]
    assert visits.per_diem_kept(["99213", "99232"], None, None) == [None, True]
