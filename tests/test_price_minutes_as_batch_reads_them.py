"""`rvucalc price --minutes` reads an anesthesia time as batch reads a minutes cell (``batch.dates.minutes_text``):
a review's `rvucalc price 00142-AA --base-units 4 --minutes 1:35 --zip 10001` exited 2 ("'1:35' is not a valid int
range") where batch priced the same line's '1:35' as 95 minutes. Now one reading: 95, 95.0 and 1:35 are 95 minutes in
price, compare and batch alike; text that is no time (1.5, -5) is still refused, naming --minutes.

The money is CMS's: (base units + minutes / 15 to one decimal) x ANES2026's Manhattan CF (contractor 13202, locality
01)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
ANES2026 = TESTS.parent / "data" / "rvu" / "2026" / "ref_anes_conversion_factor.csv"  # CMS's ANES2026 (RVU26A)
PRICE = ["price", "00142-AA", "--base-units", "4", "--zip", "10001", "--setting", "21", "--date", "2026-03-02",
         "-f", "json"]  # fmt: skip


def cms_fee(base_units: int, minutes: int) -> Decimal:
    with ANES2026.open(newline="", encoding="latin-1") as handle:
        (cf,) = [Decimal(row[-1].strip()) for row in csv.reader(handle) if row[:2] == ["13202 ", "01 "]]
    time_units = (Decimal(minutes) / 15).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return ((base_units + time_units) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def priced(minutes: str) -> dict[str, object]:
    done = runner.invoke(app, [*PRICE, "--minutes", minutes])
    assert done.exit_code == 0, done.output
    result: dict[str, object] = json.loads(done.stdout)["pfs"]
    return result


@pytest.mark.parametrize("minutes", ["1:35", "01:35", "95.0", "95"])
def test_price_reads_an_anesthesia_time_as_batch_does(tmp_path: Path, minutes: str) -> None:
    pfs = priced(minutes)
    assert pfs["anesthesia"]["minutes"] == 95  # type: ignore[index]
    amount = Decimal(str(pfs["facility"]["amount"]))  # type: ignore[index]
    assert amount == cms_fee(4, 95)
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text(f"CPT,Mod1,Base Units,Minutes,POS,Zip,DOS\n00142,AA,4,{minutes},21,10001,03/02/2026\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 0, done.output
    (row,) = csv.DictReader(target.open())
    assert Decimal(row["pfs_facility_amount"]) == amount


@pytest.mark.parametrize("minutes", ["1.5", "-5", "1:75", "abc"])
def test_a_minutes_value_that_is_no_time_is_refused_naming_the_option(minutes: str) -> None:
    done = runner.invoke(app, [*PRICE, "--minutes", minutes])
    assert done.exit_code == 2
    assert "--minutes" in done.stderr and "hours:minutes (1:35)" in done.stderr
    assert done.stdout == ""


def test_compare_reads_an_anesthesia_time_as_price_does() -> None:
    args = ["compare", "00142-AA", "--base-units", "4", "--zip", "10001", "--from", "2025", "--to", "2026",
            "-f", "json"]  # fmt: skip
    as_time, as_minutes = (runner.invoke(app, [*args, "--minutes", m]) for m in ("1:35", "95"))
    assert as_time.exit_code == as_minutes.exit_code == 0, as_time.output
    assert as_time.stdout == as_minutes.stdout
