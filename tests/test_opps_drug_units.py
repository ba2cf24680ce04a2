"""A hospital (OPPS) drug line of several units is paid its Addendum B rate per unit (to the tenth of a cent, as
CMS prints it: J1010 $0.119, J2002 $0.003) times the units, rounded once, the patient's coinsurance 20% of that
payment, rounded once: CMS's OPPS Pricer (calculateWageAdjustedPaymentAndSchAdj's "H-SCH-PYMT * W-SRVC-UNITS *
W-DISC-RATE" rounded; AdjustMinimumCoinsurance2023: "MIN COIN = 20% OF LINE PMT"). A user's trial found the per-unit
rate rounded to the cent first and Addendum B's per-unit minimum copayment ($0.01) times the units: J2002 x 500
paid $0.00, the patient $5.00 and Medicare $-5.00; J1010 x 80 $9.60 and $2.40 (25%)."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
CENT = Decimal("0.01")
ADDENDUM_B = "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"


def _addendum_b_rate(code: str) -> Decimal:
    """The payment rate CMS's October 2025 Addendum B prints for ``code`` (per unit, three decimals)."""
    with (data_dir() / ADDENDUM_B).open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if row and row[0] == code:
                return Decimal(row[5].replace("$", "").replace(",", ""))
    raise AssertionError(f"{code} not in Addendum B")


@pytest.mark.parametrize(("code", "units"), [("J1010", 80), ("J2002", 500), ("90396", 3), ("J1010", 1)])
def test_a_hospital_drug_line_is_its_rate_times_the_units_rounded_once_the_patient_20_percent(
    pricer: Any, code: str, units: int
) -> None:
    rate = _addendum_b_rate(code)
    payment = (rate * units).quantize(CENT, ROUND_HALF_UP)  # J1010 x 80: $9.52; J2002 x 500: $1.50
    patient = (payment * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)  # $1.90; $0.30
    result = pricer.price(code, zip_code="30309", date_of_service="2025-11-10", setting="hopd", units=units)
    assert result.opps.status_indicator == "K"
    site = next(site for site in result.sites if site.setting == "hopd")
    assert (site.facility_payment, site.beneficiary, site.medicare) == (payment, patient, payment - patient)
    assert site.medicare >= 0
    source = f"claim,code,date,pos,zip,units\nA,{code},2025-11-10,22,30309,{units}\n"
    output = runner.invoke(app, ["batch", "-", "-f", "csv", "-q"], input=source)
    (row,) = csv.DictReader(io.StringIO(output.stdout))
    assert (Decimal(row["hopd_allowed"]), Decimal(row["hopd_beneficiary"]), Decimal(row["hopd_medicare"])) == (
        payment, patient, payment - patient)  # fmt: skip


def _addendum_b_si(code: str) -> str:
    """The status indicator CMS's October 2025 Addendum B prints for ``code``."""
    with (data_dir() / ADDENDUM_B).open(encoding="utf-8", errors="replace") as handle:
        for row in csv.reader(handle):
            if row and row[0] == code:
                return row[2].strip()
    raise AssertionError(f"{code} not in Addendum B")


@pytest.mark.parametrize(("code", "units"), [("J2002", 500), ("J2002", 2), ("J2002", 1), ("J1010", 80), ("J1010", 3)])
def test_a_sub_cent_drug_packaged_into_a_comprehensive_apc_is_paid_nothing_in_price_and_batch(
    pricer: Any, code: str, units: int
) -> None:
    # CMS's C-APC policy (Addendum D1's J1: "all covered Part B services on the claim are packaged"): a drug beside
    # 29881 (SI J1) is $0.00 whatever its units. A review found batch paying J2002 x 500's $0.003 a unit ($1.50,
    # patient $0.30) under the note "Packaged into the comprehensive APC 5113": the rate x units computed again.
    assert (_addendum_b_si("29881"), _addendum_b_si(code)) == ("J1", "K")
    assert _addendum_b_rate("J2002") < Decimal("0.005")  # a rate that rounds to $0.00 a unit
    alone = pricer.price("29881", zip_code="10001", date_of_service="2025-11-10", setting="hopd")
    surgery = next(site for site in alone.sites if site.setting == "hopd")
    encounter = pricer.price_encounter(["29881", code], units=[1, units], zip_code="10001",
                                       date_of_service="2025-11-10", setting="hopd")  # fmt: skip
    drug = next(site for site in encounter.lines[1].sites if site.setting == "hopd")
    assert (drug.facility_payment, drug.allowed, drug.beneficiary) == (0, 0, 0)
    source = f"claim,code,date,pos,zip,units\nC1,29881,2025-11-10,22,10001,1\nC1,{code},2025-11-10,22,10001,{units}\n"
    output = runner.invoke(app, ["batch", "-", "-f", "csv", "-q"], input=source)
    first, second = csv.DictReader(io.StringIO(output.stdout))
    assert "Packaged into the comprehensive APC" in second["note"]
    assert (Decimal(second["hopd_allowed"]), Decimal(second["hopd_beneficiary"]), Decimal(second["hopd_medicare"])) == (
        0, 0, 0)  # fmt: skip
    assert Decimal(first["hopd_allowed"]) == surgery.allowed  # the claim is 29881's payment alone
