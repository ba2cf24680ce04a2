"""A nephrology group's trial (Ann Arbor, Chicago; session 66): `price 90970 --units 35` priced 35 days with no word,
where a per-day ESRD-related services code (90967-90970) is, in CPT's descriptor, "for dialysis less than a full month
of service, per day" (its units the days; a full month is the monthly code's, once, Pub. 100-04 ch. 8 §140). A note
above 30 units, price and batch alike; the amount stays units x CMS's fee."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer

DETROIT = "0820201"  # ZIP 48109, Ann Arbor
PER_DAY = "more than any calendar month's part"


def _office(result: Any) -> Decimal:
    return Decimal(str(next(s for s in result.sites if s.setting == "office").total))


def test_per_day_esrd_units_beyond_a_partial_month_are_noted(pricer: Any) -> None:
    for units, noted in ((35, True), (31, True), (30, False), (18, False)):
        single = pricer.price("90970", units=units, setting="65", zip_code="48109", date_of_service="2026-03-31")
        assert _office(single) == fee_2026("90970", DETROIT) * units
        assert any(PER_DAY in n for n in single.notes) is noted, (units, single.notes)
    rows = [{"code": "90970", "units": str(u), "setting": "65", "zip": "48109", "date": "2026-03-31"} for u in (35, 18)]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [PER_DAY in (row["note"] or "") for row in out] == [True, False]
    assert [Decimal(str(row["office_allowed"])) for row in out] == [fee_2026("90970", DETROIT) * u for u in (35, 18)]
