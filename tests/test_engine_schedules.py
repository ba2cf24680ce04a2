"""CLFS, ASP drug and DMEPOS kernels and the contractor-priced rule (engine.schedules).

Inputs are CMS's own rows, quoted verbatim: CLFS CY2026 Q2 (PUF_CLFS_CY2026_Q2V1.csv),
the January 2026 ASP payment limit file, DMEPOS26_JAN.xlsx cells, RVU26C rows.
"""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rvucalc.engine import schedules
from rvucalc.errors import UsageError

CLFS_ROWS = """\
2026,80053,,20260101,N,00010.56,Comprehen metabolic panel
2026,80053,QW,20260101,N,00010.56,Comprehen metabolic panel
2026,36415,,20260101,N,00009.34,Coll venous bld venipuncture
"""
ASP_ROWS = """\
J9271,Inj pembrolizumab,1 MG,59.726,20.000,,,,,,,
J0897,Denosumab injection,1 MG,29.457,17.585,,,,,,Inflation-adjusted coinsurance,
J1950,Leuprolide acetate /3.75 mg,3.75 MG,1763.869,18.309,,,,,,Inflation-adjusted coinsurance,
90658,IIV3 VACCINE SPLT 0.5 ML IM,0.5 ML,22.069,0.000,95,22.069,,,,see the Seasonal Influenza Vaccines Pricing webpage,
"""
# DMEPOS26_JAN.xlsx, E0601 RR: CA (NR) 50.44, CA (R) 93.04; TX (NR) 50.91, TX (R) 91.52.
E0601_RR = {"CA": ("50.44", "93.04"), "TX": ("50.91", "91.52")}
# RVU26C: 15824,,Rhytidectomy forehead,R,,0.00,0.00,,0.00,,0.00,...,000 ; 97110 A 0.45/0.41/0.41/0.01.


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_clfs_rates_are_paid_in_full_by_medicare() -> None:
    for row in rows(CLFS_ROWS):
        cents = schedules.parse_scaled(row[5], 2, "RATE")
        line = schedules.clfs(cents)
        assert line.amount == line.medicare == cents and line.beneficiary == 0
    assert schedules.parse_scaled("00010.56", 2, "RATE") == 1056


def test_j9271_100_units_is_5972_60() -> None:
    row = next(r for r in rows(ASP_ROWS) if r[0] == "J9271")
    limit = schedules.parse_scaled(row[3], 3, "Payment Limit")
    line = schedules.drug(limit, 100, schedules.parse_percent(row[4]))
    assert line.amount == 597_260
    assert line.beneficiary == 119_452 and line.medicare == 477_808


@pytest.mark.parametrize("code", ["J9271", "J0897", "J1950", "90658"])
@pytest.mark.parametrize("units", [1, 3, 7, 100, 1234])
def test_drug_amounts_round_once_from_the_file(code: str, units: int) -> None:
    row = next(r for r in rows(ASP_ROWS) if r[0] == code)
    line = schedules.drug(schedules.parse_scaled(row[3], 3, "limit"), units, schedules.parse_percent(row[4]))
    amount = (Decimal(row[3]) * units).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(line.amount).scaleb(-2) == amount
    share = (amount * Decimal(row[4]) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(line.beneficiary).scaleb(-2) == share
    assert line.beneficiary + line.medicare == line.amount


def test_inflation_adjusted_and_zero_coinsurance_are_noted() -> None:
    j0897 = schedules.drug(29_457, 1, 17_585)
    assert j0897.note is not None and "17.585%" in j0897.note
    vaccine = schedules.drug(22_069, 1, 0)
    assert vaccine.beneficiary == 0 and vaccine.note is not None


@pytest.mark.parametrize("units", [0, -1, True])
def test_drug_units_below_one_are_refused(units: int) -> None:
    with pytest.raises(UsageError, match="billing units"):
        schedules.drug(59_726, units)


@pytest.mark.parametrize("text", ["0", "1_000", "1e3", "١٢", "999999.9999", "", " 2 x"])
def test_units_text_plain_ascii_digits_only(text: str) -> None:
    with pytest.raises(UsageError):
        schedules.parse_units(text)


def test_units_text() -> None:
    assert schedules.parse_units(" 100 ") == 100


@pytest.mark.parametrize("state", ["CA", "TX"])
def test_dmepos_e0601_rr_by_state(state: str) -> None:
    nr, r = (schedules.parse_scaled(value, 2, "fee") for value in E0601_RR[state])
    fee = schedules.dmepos(nr, r)
    assert fee.used == "non_rural" and fee.line.amount == nr
    assert fee.line.beneficiary == int((Decimal(nr) * Decimal("0.2")).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    rural = schedules.dmepos(nr, r, rural=True)
    assert rural.line.amount == r and rural.non_rural == nr


def test_dmepos_kj_month_is_75_percent_of_the_rental_fee() -> None:
    fee = schedules.dmepos(5_044, 9_304, modifiers=("RR", "KJ"))
    assert fee.line.amount == 3_783  # 75% of $50.44 = $37.83
    assert fee.line.note is not None and "rvucalc's reading" not in fee.line.note and "ch. 20 §30.5.4" in fee.line.note
    wheelchair = schedules.dmepos(10_000, None, modifiers=("KJ",), power_wheelchair=True)
    assert wheelchair.line.amount == 4_000


def test_dmepos_missing_fee_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="rural"):
        schedules.dmepos(5_044, None, rural=True)


def test_contractor_priced_rows() -> None:
    assert schedules.contractor_priced("R", 0, 0, 0, 0)  # 15824: status R, zero RVUs, global 000
    assert schedules.contractor_priced("C", 0, 0, 0, 0)
    assert schedules.contractor_priced("C", 100, 50, 40, 5)  # status C even with RVUs
    assert not schedules.contractor_priced("A", 45, 41, 41, 1)  # 97110
    assert not schedules.contractor_priced("I", 0, 0, 0, 0)  # not valid for Medicare: its own reason
    assert not schedules.contractor_priced("X", 0, 0, 0, 0)
    assert "MAC" in schedules.CONTRACTOR_PRICED_REASON


@pytest.mark.parametrize("text", ["abc", "1.2345", "", "1.2.3"])
def test_bad_decimals_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        schedules.parse_scaled(text, 3, "Payment Limit")


def test_decimals_as_cms_prints_them() -> None:
    assert schedules.parse_scaled("$1,234.5", 2, "rate") == 123_450
    assert schedules.parse_scaled("1763.869", 3, "limit") == 1_763_869
    assert schedules.parse_scaled("7.0", 3, "limit") == 7_000
    assert schedules.parse_scaled("2.7000", 2, "rate") == 270


@given(
    limit=st.integers(min_value=0, max_value=10**8),
    units=st.integers(min_value=1, max_value=10**5),
    percent=st.integers(min_value=0, max_value=100_000),
)
def test_drug_split_is_exact(limit: int, units: int, percent: int) -> None:
    line = schedules.drug(limit, units, percent)
    exact = Decimal(limit) * units / 10
    assert line.amount == int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert line.beneficiary + line.medicare == line.amount and 0 <= line.beneficiary <= line.amount
