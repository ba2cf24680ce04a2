"""Invariants of the PFS formula, over random RVUs, GPCIs and conversion factors."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from rvucalc.engine.kernels import LIMITING_CHARGE_PERCENT, NON_PAR_PERCENT, fee_cents, percent_of

rvus = st.integers(min_value=0, max_value=20_000)  # 0.00 .. 200.00 RVUs
gpcis = st.integers(min_value=300, max_value=2_000)  # 0.300 .. 2.000
cfs = st.integers(min_value=100_000, max_value=500_000)  # $10 .. $50


def reference(work: int, pe: int, mp: int, gw: int, gpe: int, gmp: int, cf: int) -> Decimal:
    """The formula as CMS states it, in Decimal, rounded half-up once."""
    total = (
        Decimal(work).scaleb(-2) * Decimal(gw).scaleb(-3)
        + Decimal(pe).scaleb(-2) * Decimal(gpe).scaleb(-3)
        + Decimal(mp).scaleb(-2) * Decimal(gmp).scaleb(-3)
    ) * Decimal(cf).scaleb(-4)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(rvus, rvus, rvus, gpcis, gpcis, gpcis, cfs)
def test_integer_formula_equals_decimal_formula(work, pe, mp, gw, gpe, gmp, cf) -> None:  # type: ignore[no-untyped-def]
    assert Decimal(fee_cents(work, pe, mp, gw, gpe, gmp, cf)).scaleb(-2) == reference(work, pe, mp, gw, gpe, gmp, cf)


@given(rvus, rvus, rvus, cfs)
def test_national_amount_is_total_rvus_times_cf(work, pe, mp, cf) -> None:  # type: ignore[no-untyped-def]
    total_rvus = Decimal(work + pe + mp).scaleb(-2)
    expected = (total_rvus * Decimal(cf).scaleb(-4)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(fee_cents(work, pe, mp, 1000, 1000, 1000, cf)).scaleb(-2) == expected


@given(st.integers(min_value=0, max_value=10**9))
def test_limiting_charge_is_115_percent_of_non_par(cents) -> None:  # type: ignore[no-untyped-def]
    fee = Decimal(cents).scaleb(-2)
    limiting = Decimal(percent_of(cents, LIMITING_CHARGE_PERCENT)).scaleb(-2)
    non_par = Decimal(percent_of(cents, NON_PAR_PERCENT)).scaleb(-2)
    assert limiting == (fee * Decimal("1.0925")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert non_par == (fee * Decimal("0.95")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # 115% of the non-par amount, allowing the one-cent difference of rounding each step.
    assert abs(limiting - non_par * Decimal("1.15")) <= Decimal("0.02")


@given(rvus, rvus, rvus, gpcis, gpcis, gpcis, st.integers(min_value=0, max_value=200), cfs)
def test_amount_is_monotone_in_each_gpci(work, pe, mp, gw, gpe, gmp, bump, cf) -> None:  # type: ignore[no-untyped-def]
    base = fee_cents(work, pe, mp, gw, gpe, gmp, cf)
    assert fee_cents(work, pe, mp, gw + bump, gpe, gmp, cf) >= base
    assert fee_cents(work, pe, mp, gw, gpe + bump, gmp, cf) >= base
    assert fee_cents(work, pe, mp, gw, gpe, gmp + bump, cf) >= base


def test_formula_runs_unchanged_on_integer_arrays() -> None:
    import numpy as np

    work = np.array([2122, 130, 0], dtype=np.int64)
    pe = np.array([1741, 146, 68], dtype=np.int64)
    mp = np.array([805, 9, 1], dtype=np.int64)
    got = fee_cents(work, pe, mp, 1064, 1162, 1586, 334009)
    expected = [
        fee_cents(int(w), int(p), int(m), 1064, 1162, 1586, 334009) for w, p, m in zip(work, pe, mp, strict=True)
    ]
    assert got.tolist() == expected
