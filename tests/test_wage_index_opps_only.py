"""The user's wage index (--wage-index, wage_index) is a hospital's: it sets the OPPS rate alone. The ASC's rate keeps
the wage index CMS applies to ASCs (the installed CY ASC wage index file's value for the place's CBSA, a
pre-reclassification index: Claims Processing Manual ch. 14 §40.2), or the national rate where the place has none.

A review found `price 45378 --zip 21201 --date 2025-11-10 --wage-index X` moving the ASC's $485.87 with X (checked here
at a DC ZIP, 20001: a Maryland hospital is not paid under the OPPS, engine.hospitals). Expected
figures are read from CMS's files here (Addendum B, Addendum AA, the WI25 file), not from rvucalc's output."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CENT = Decimal("0.01")
DATA = Path(__file__).parent.parent / "data" / "opps" / "2025"


def _addendum_rate(path: Path, code: str, rate_column: str) -> Decimal:
    """A code's national payment rate in a CMS addendum (508 CSV), read with the csv module."""
    with path.open(newline="", encoding="cp1252") as handle:
        rows = list(csv.reader(handle))
    start = next(i for i, row in enumerate(rows) if row and row[0].strip() == "HCPCS Code")
    header = [" ".join(name.split()) for name in rows[start]]
    row = next(dict(zip(header, r, strict=False)) for r in rows[start + 1 :] if r and r[0].strip(" \xff") == code)
    value = next(v for name, v in row.items() if name.endswith(rate_column))
    return Decimal(value.replace("$", "").replace(",", "").strip())


def _wi25(cbsa: str) -> Decimal:
    with (DATA / "asc_wage_index_2025.txt").open(newline="", encoding="latin-1") as handle:
        [value] = [row["WI25"] for row in csv.DictReader(handle, delimiter="\t") if row["CBSA"] == cbsa]
    return Decimal(value)


def _asc_rate(national: Decimal, wage_index: Decimal) -> Decimal:
    """CMS's ASC formula: 50% of the national rate wage-adjusted."""
    return (national * (Decimal("0.5") * wage_index + Decimal("0.5"))).quantize(CENT, ROUND_HALF_UP)


def _opps_rate(national: Decimal, wage_index: Decimal) -> Decimal:
    """CMS's OPPS formula: 60% of the national rate wage-adjusted."""
    return (national * (Decimal("0.6") * wage_index + Decimal("0.4"))).quantize(CENT, ROUND_HALF_UP)


def _price(*options: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", "45378", "--zip", "20001", "--date", "2025-11-10", "-f", "json", *options])
    assert done.exit_code == 0, done.output
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_the_users_wage_index_sets_the_opps_rate_not_the_ascs() -> None:
    opps_national = _addendum_rate(DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv", "45378",
                                   "Payment Rate")  # fmt: skip
    asc_national = _addendum_rate(DATA / "asc" / "10" / "AA.csv", "45378", "Payment Rate")
    asc_cms = _asc_rate(asc_national, _wi25("47764"))  # Washington, DC-MD's CBSA: $489.47 x 1.0545
    assert asc_cms == Decimal("516.15")
    for given in ("1.0", "1.31", "0.8"):
        result = _price("--wage-index", given)
        assert Decimal(str(result["opps"]["rate"])) == _opps_rate(opps_national, Decimal(given)), given
        assert Decimal(str(result["asc"]["rate"])) == asc_cms, given
        assert Decimal(str(result["asc"]["wage_index"])) == _wi25("47764")
        source = result["location"]["wage_index_source"]
        assert "OPPS rate alone" in source and "WI25" in source and "1.109" in source
    assert _price()["asc"]["rate"] == _price("--wage-index", "1.31")["asc"]["rate"]


def test_a_place_with_no_asc_wage_index_keeps_the_national_asc_rate_and_says_why(pricer: Any) -> None:
    """A Connecticut ZIP has no single wage index (its counties are planning regions in OMB's 2023 lists): with a
    hospital's wage index the hospital's rate is adjusted, the ASC's stays national, and the warning says so."""
    line = pricer.price("66984", zip_code="06510", date_of_service="2025-11-10", wage_index="1.1504")
    assert line.asc.wage_index is None and line.asc.rate == line.asc.national_rate
    assert line.opps.rate == _opps_rate(line.opps.national_rate, Decimal("1.1504"))
    [warning] = [w for w in line.warnings if "planning regions" in w]
    assert "the ASC rate is national" in warning and "OPPS rate alone" in warning
    assert "facility rates are national" not in warning
    by_locality = pricer.price("66984", locality="1310200", date_of_service="2025-11-10", wage_index="1.1504")
    assert by_locality.asc.rate == by_locality.asc.national_rate
    assert by_locality.opps.rate == _opps_rate(by_locality.opps.national_rate, Decimal("1.1504"))
    assert any("the ASC rate is national" in w for w in by_locality.warnings)
