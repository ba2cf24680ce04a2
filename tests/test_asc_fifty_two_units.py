"""50 with 2 units in the ASC (a review: the physician was paid one bilateral procedure, engine.policy.
two_units_bilateral, the ASC two: `price 27447-50 --units 2 --setting 24` $29,861.08, 2 x 150%). The Claims Processing
Manual, ch. 14 §40.5, bills an ASC bilateral procedure as two procedures, two lines or "2" in the units field: 50 and
the 2 units say the same two sides, so the ASC pays the line once at its 50 rate (CMS's Addendum AA rate x 150% for a
discounted code; indicator 2, one procedure: 100%). Single lookups and batch alike."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer

DATE = "2026-08-05"


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def test_asc_pays_50_with_2_units_once(pricer: Any) -> None:
    # 27447 and 64483: bilateral indicator 1, subject to ASC discounting (150%); 21193: indicator 2 (100%)
    cases = [("27447", Decimal("1.5")), ("64483", Decimal("1.5")), ("21193", Decimal(1))]
    rows = []
    for code, percent in cases:
        one = pricer.price(code, zip_code="10001", date_of_service=DATE, setting="asc")
        fifty = pricer.price(f"{code}-50", zip_code="10001", date_of_service=DATE, setting="asc")
        twice = pricer.price(f"{code}-50", zip_code="10001", date_of_service=DATE, setting="asc", units=2)
        side = one.asc.rate  # CMS's Addendum AA rate, wage-adjusted, for one side
        expected = (side * percent).quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert abs(fifty.sites[0].facility_payment - expected) <= Decimal("0.01"), code
        site, alone = twice.sites[0], fifty.sites[0]
        assert site.facility_payment == alone.facility_payment, (code, site.facility_payment)
        assert (site.total, site.beneficiary, site.medicare) == (alone.total, alone.beneficiary, alone.medicare), code
        assert any(note.startswith("ASC bilateral, 50 with 2 units") for note in twice.notes), code
        rows.append((code, site))
    # 3 units stay units x CODE-50 (as the PFS: no pair)
    three = pricer.price("64483-50", zip_code="10001", date_of_service=DATE, setting="asc", units=3)
    fifty = pricer.price("64483-50", zip_code="10001", date_of_service=DATE, setting="asc")
    assert three.sites[0].facility_payment == 3 * fifty.sites[0].facility_payment
    count = len(rows)
    table = pa.table({"code": [f"{code}-50" for code, _ in rows], "units": ["2"] * count, "zip": ["10001"] * count,
                      "date": [DATE] * count, "setting": ["24"] * count})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for (code, site), row in zip(rows, out, strict=True):
        assert _money(row["allowed"]) == site.total, (code, row["allowed"])
        assert _money(row["beneficiary"]) == site.beneficiary, code
        assert "ASC bilateral, 50 with 2 units" in row["note"], code


def test_asc_50_with_2_units_lower_paid_in_a_claim_is_one_bilateral_procedure(pricer: Any) -> None:
    """Beside a higher-paid procedure, the 50 x 2 line is the lower-paid bilateral procedure once (as 50 x 1)."""
    codes = ["27447", "64483-50"]
    twice = pricer.price_encounter(codes, zip_code="10001", date_of_service=DATE, setting="24", units=[1, 2])
    once = pricer.price_encounter(codes, zip_code="10001", date_of_service=DATE, setting="24", units=[1, 1])
    assert [line.sites[0].total for line in twice.lines] == [line.sites[0].total for line in once.lines]
    table = pa.table({"claim": ["K", "K"], "code": codes, "units": ["1", "2"], "zip": ["10001"] * 2,
                      "date": [DATE] * 2, "setting": ["24"] * 2})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for line, row in zip(twice.lines, out, strict=True):
        assert _money(row["allowed"]) == line.sites[0].total
        assert _money(row["beneficiary"]) == line.sites[0].beneficiary
