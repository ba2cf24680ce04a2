"""`compare --what asc/opps`'s patient share of a preventive service is price's: the waiver of the deductible and
coinsurance (CMS's preventive services chart, MLN006559; SSA §1833(a)(1) and (b)) holds in the ASC and the hospital
as in the office (a review found compare's ASC coinsurance for G0105, screening colonoscopy, 20% of the rate where
price says $0.00)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from rvucalc.lookup.compare import compare

CENT = Decimal("0.01")


@pytest.mark.parametrize(
    ("what", "setting", "from_", "to", "dates", "share"),
    [("asc", "asc", "2025-01", "2026-07", ("2025-01-15", "2026-07-15"), "coinsurance"),
     ("opps", "hopd", "2025-01", "2025-10", ("2025-01-15", "2025-10-15"), "copayment")],
)  # fmt: skip
def test_a_preventive_service_s_patient_share_is_price_s(
    pricer: Any, what: str, setting: str, from_: str, to: str, dates: tuple[str, str], share: str
) -> None:
    result = compare(pricer, ["G0105", "77080", "45378"], from_=from_, to=to, zip_code="10001", what=what)
    for change in result.codes:
        for side, date in zip(("before", "after"), dates, strict=True):
            priced = pricer.price(change.code, zip_code="10001", date_of_service=date, setting=setting)
            rates = priced.asc if what == "asc" else priced.opps
            assert getattr(change.amounts[share], side) == getattr(rates, share), (change.code, date)
            assert getattr(change.amounts["rate"], side) == rates.rate, (change.code, date)
    by_code = {change.code: change for change in result.codes}
    if what == "asc":
        # Screening colonoscopy (G0105) and bone mass measurement (77080): the chart's "coinsurance waived": $0.00
        for code in ("G0105", "77080"):
            assert by_code[code].amounts[share].before == by_code[code].amounts[share].after == Decimal("0.00")
            assert any("waives the deductible and coinsurance" in note for note in by_code[code].notes), code
        # 45378, a diagnostic colonoscopy: the usual 20% of the ASC rate (Addendum AA's national rate $510.49 in July
        # 2026, wage-adjusted at CBSA 35614's 1.2951, half labor)
        rate = (Decimal("510.49") * (Decimal("0.5") * Decimal("1.2951") + Decimal("0.5"))).quantize(CENT, ROUND_HALF_UP)
        assert by_code["45378"].amounts[share].after == (rate * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)
