"""`compare --what asc/opps` resolves a quarter as `price` does: a quarter whose file is not installed is priced with
the newest installed quarter of its year (the same warning, naming both), a year without a file is not priced (never
from another year's file), and the releases compared are named in every format."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from rvucalc.errors import RvucalcError
from rvucalc.lookup.compare import compare

CENT = Decimal("0.01")
# CMS's figures for 45378 at ZIP 10001 (CBSA 35614): Addendum AA's national ASC rate (July 2026 $510.49; January 2025
# $489.47), Addendum B's national OPPS rate (January 2025 $911.71) and the CY2025/CY2026 wage indexes of CBSA 35614.
ASC_JUL_2026, ASC_JAN_2025, OPPS_JAN_2025 = Decimal("510.49"), Decimal("489.47"), Decimal("911.71")
WAGE_2025, WAGE_2026 = Decimal("1.3138"), Decimal("1.2951")


def adjusted(national: Decimal, labor: Decimal, wage: Decimal) -> Decimal:
    """A national rate's labor share wage-adjusted (ASC 50%, OPPS 60%), rounded once, half-up."""
    return (national * (labor * wage + 1 - labor)).quantize(CENT, rounding=ROUND_HALF_UP)


def _price_warning(pricer: Any, date: str, setting: str, words: str) -> str:
    """The fallback warning `rvucalc price` gives for the date's facility quarter."""
    result = pricer.price("45378", zip_code="10001", date_of_service=date, setting=setting)
    (warning,) = [w for w in result.warnings if words in w]
    return warning


@pytest.mark.parametrize("to", ["2026-10", "2026Q4", "2026-10-01"])
def test_an_asc_quarter_after_the_newest_installed_is_priced_as_price_prices_it(
    pricer: Any, compare_cli: Any, to: str
) -> None:
    warning = _price_warning(pricer, "2026-10-01", "asc", "ASC addenda")
    assert "(2026-10) is not installed: priced with 2026-07" in warning
    result = compare_cli(
        "compare", "45378", "--what", "asc", "--from", "2025-01", "--to", to, "--zip", "10001", "-f", "json"
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert (doc["from_release"]["release"], doc["to_release"]["release"]) == ("2025-01", "2026-07")
    assert warning in doc["warnings"]
    rate = doc["codes"][0]["amounts"]["rate"]
    assert Decimal(str(rate["before"])) == adjusted(ASC_JAN_2025, Decimal("0.5"), WAGE_2025)
    assert Decimal(str(rate["after"])) == adjusted(ASC_JUL_2026, Decimal("0.5"), WAGE_2026)
    priced = pricer.price("45378", zip_code="10001", date_of_service="2026-10-01", setting="asc")
    assert Decimal(str(rate["after"])) == priced.asc.rate


def test_an_opps_quarter_not_installed_falls_back_within_its_year(pricer: Any, compare_cli: Any) -> None:
    warning = _price_warning(pricer, "2025-07-01", "hopd", "OPPS Addendum B")
    assert "(2025-07) is not installed: priced with 2025-01" in warning
    for given in ("2025-07", "2025Q3"):
        result = compare_cli(
            "compare", "45378", "--what", "opps", "--from", given, "--to", "2025-10", "--zip", "10001", "-f", "json"
        )
        assert result.exit_code == 0, result.output
        doc = json.loads(result.stdout)
        assert (doc["from_release"]["release"], doc["to_release"]["release"]) == ("2025-01", "2025-10")
        assert warning in doc["warnings"]
        before = Decimal(str(doc["codes"][0]["amounts"]["rate"]["before"]))
        assert before == adjusted(OPPS_JAN_2025, Decimal("0.6"), WAGE_2025)
        priced = pricer.price("45378", zip_code="10001", date_of_service="2025-07-01", setting="hopd")
        assert before == priced.opps.rate


def test_the_releases_compared_and_the_fallback_are_named_in_every_format(compare_cli: Any) -> None:
    args = ("compare", "45378", "--what", "asc", "--from", "2025-01", "--to", "2026-10", "--zip", "10001")
    said = "CMS's ASC addenda quarterly release for 2026-10-01 (2026-10) is not installed: priced with 2026-07"
    table = compare_cli(*args)
    assert table.exit_code == 0, table.output
    flat = " ".join(table.output.split())
    assert "ASC: 2025-01 (from 2025-01-01) -> 2026-07 (from 2026-07-01)" in flat and said in flat
    rows = compare_cli(*args, "-f", "csv")
    assert rows.exit_code == 0, rows.output
    (row,) = csv.DictReader(io.StringIO(rows.stdout))
    assert (row["from_release"], row["to_release"]) == ("2025-01", "2026-07")
    assert said in " ".join(rows.stderr.split())


@pytest.mark.parametrize("to", ["2026", "2026-01", "2026Q2", "2026-02-15"])
def test_an_opps_year_not_installed_is_not_priced(pricer: Any, compare_cli: Any, to: str) -> None:
    """CY2026 OPPS Addendum B is not installed: the 2026 side is "not priced", as price says it (never priced from
    2025's file or the ASC's)."""
    priced = pricer.price("45378", zip_code="10001", date_of_service="2026-02-15", setting="hopd")
    not_priced = priced.opps.reason
    assert not_priced.startswith("OPPS CY2026 rates not installed") and "not priced" in not_priced
    result = compare_cli("compare", "45378", "--what", "opps", "--from", "2025", "--to", to, "--zip", "10001")
    assert result.exit_code == 1 and result.stdout == ""
    assert not_priced in " ".join(result.output.split())
    with pytest.raises(RvucalcError) as caught:
        compare(pricer, ["45378"], from_="2025", to=to, what="opps")
    assert caught.value.exit_code == 1 and not_priced in str(caught.value)


def test_help_says_a_quarter_not_installed_is_the_one_price_uses(compare_cli: Any) -> None:
    said = " ".join(compare_cli("compare", "--help").output.replace("│", " ").split())
    assert "An ASC/OPPS quarter or date whose file is not installed: the release rvucalc price uses" in said
