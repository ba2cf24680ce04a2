"""The OPPS copayment of a line a modifier reduces, where the full rate's copayment reaches the inpatient deductible.

CMS's OPPS Pricer (gov.cms.fiss.pricers.opps) decides it, read in its source:

* 73 and 52 (a discount rate of 50%): the line's payment is the wage-adjusted rate times the discount rate
  (CalculateLinePayment: "COMPUTE H-LITEM-PYMT ROUNDED = ... * W-SRVC-UNITS * W-DISC-RATE"), the coinsurance 20% of
  it, and that is capped at the inpatient deductible times the same discount rate (AdjustMaximumNationalReduced-
  Coinsurance: "COMPUTE H-MAX-COIN ROUNDED = (H-IP-LIMIT * W-SRVC-UNITS * W-DISC-RATE)"): $1,676.00 x 50% = $838.00.
* PN (section 603, payment method flag 8): the APC payment is cut to 40% first and the coinsurance is 20% of the
  line's payment (PerformApcAdjustments2024: "H-NAT-COIN ROUNDED = H-APC-PYMT * PFS-COIN-RATE"); a section 603 line
  skips the inpatient-deductible cap (CalculateLineReimbursement2023: "this line will not go through the
  AdjustMaximumNationalReducedCoinsurance rule"; PopulateCoinsuranceCapTable returns before the daily cap).

Figures are October 2025 Addendum B's (27447: $12,866.82, copayment $2,573.37, "Copayments capped at inpatient
deductible of $1,676.00"; 29827: $7,143.73, copayment $1,428.75) at ZIP 10001 (wage index 1.3138), single lookups
and batch alike.
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

import pytest

from rvucalc.reference.releases import installed_releases

CENT = Decimal("0.01")
WAGE_INDEX = Decimal("1.3138")
INPATIENT_DEDUCTIBLE = Decimal("1676.00")  # CY2025, Addendum B's "Copayments capped at inpatient deductible"


def addendum_b(code: str) -> tuple[Decimal, Decimal]:
    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    with open(release.path("addendum_b"), newline="", encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if row and row[0].strip(" \xff") == code:
                rate, copay = (Decimal(cell.strip().strip("$").replace(",", "")) for cell in (row[5], row[7]))
                return rate, copay
    raise AssertionError(code)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def pricer_copayment(code: str, modifier: str) -> Decimal:
    """The Pricer's coinsurance of ``code``-``modifier`` from Addendum B's rate and copayment: Medicare pays the
    line's payment times 1 - copayment / rate (9 decimals, kept to 6: calculateReimbursementRate), the patient the
    rest; a section 603 line's share is the PFS's 80%."""
    rate, copay = addendum_b(code)
    share = (1 - (copay / rate).quantize(Decimal("1e-9"), ROUND_HALF_UP)).quantize(Decimal("1e-6"), ROUND_HALF_UP)
    factor = WAGE_INDEX * Decimal("0.6") + Decimal("0.4")
    if modifier == "PN":
        payment = cents(cents(rate * Decimal("0.4")) * factor)  # section 603: the APC payment cut to 40% first
        return payment - cents(payment * Decimal("0.8"))  # 20%, never capped
    payment = cents(rate * factor * Decimal("0.5"))  # 73, 52: discount rate 50%
    coinsurance = payment - cents(payment * share)
    return min(coinsurance, cents(INPATIENT_DEDUCTIBLE * Decimal("0.5")))  # H-MAX-COIN


CASES = [("27447", "73"), ("27447", "52"), ("27447", "PN"), ("29827", "73"), ("29827", "PN")]


@pytest.mark.parametrize(("code", "modifier"), CASES)
def test_a_reduced_lines_copayment_is_the_pricers(pricer, code: str, modifier: str) -> None:  # type: ignore[no-untyped-def]
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    expected = pricer_copayment(code, modifier)
    single = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service="2025-11-12")
    assert single.location.wage_index == WAGE_INDEX and single.opps.release == "2025-10"
    assert single.opps.copayment == expected
    capped = any("inpatient deductible" in note for note in single.opps.notes)
    assert capped is (modifier != "PN")
    table = pa.table({"code": [code], "modifier": [modifier], "zip": ["10001"], "date": ["2025-11-12"]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["opps_copayment"])).quantize(CENT) == expected
    assert Decimal(str(row["opps_rate"])).quantize(CENT) == single.opps.rate


def test_the_figures(pricer) -> None:  # type: ignore[no-untyped-def]
    """The amounts the trial saw: 73 and 52 keep $838.00 (the Pricer's cap times the discount rate); PN is 20% of
    its payment."""
    assert [pricer_copayment(code, modifier) for code, modifier in CASES] == [
        Decimal("838.00"), Decimal("838.00"), Decimal("1223.15"), Decimal("838.00"), Decimal("679.10"),
    ]  # fmt: skip
