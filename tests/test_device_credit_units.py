"""A device-intensive procedure with a device credit (FB: full, FC: partial) of several units at the ASC: its later
units are lower-paid procedures at 50% of the credited rate, as without the credit (ch. 14 §40.5: multiple procedure
discounting is the last pricing routine; 42 CFR 416.179 lowers the rate and exempts nothing). A differential hunt
found price paying every unit at 100% (0200T-FB x 2: $5,753.08) where batch paid 150% ($4,314.81)."""

from __future__ import annotations

import csv
import io
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("line", "units", "zip_code", "date"),
    [
        ("0200T-FB", 2, "10001", "2026-03-02"),
        ("33208-FB", 3, "32035", "2025-04-07"),
        ("0220T-FC", 2, "10001", "2026-03-02"),
    ],
)
def test_later_units_of_a_credited_device_line_are_paid_half_in_price_and_batch(
    pricer: Any, line: str, units: int, zip_code: str, date: str
) -> None:
    code, modifier = line.split("-")
    one = pricer.price(code, modifier=modifier, zip_code=zip_code, date_of_service=date, setting="asc")
    several = pricer.price(code, modifier=modifier, zip_code=zip_code, date_of_service=date, setting="asc",
                           units=units)  # fmt: skip
    rate = one.asc.rate  # one unit's credited rate (CMS's Addendum AA rate less FF's device portion)
    assert several.asc.rate == rate and rate < pricer.price(code, zip_code=zip_code, date_of_service=date,
                                                           setting="asc").asc.rate  # fmt: skip
    half = (rate * Decimal(units - 1) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
    site = next(site for site in several.sites if site.setting == "asc")
    assert site.facility_payment == rate + half, (site.facility_payment, rate, half)
    source = f"claim,code,date,pos,zip,units\nA,{line},{date},24,{zip_code},{units}\n"
    result = runner.invoke(app, ["batch", "-", "-f", "csv", "-q"], input=source)
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert Decimal(row["asc_allowed"]) == site.total
