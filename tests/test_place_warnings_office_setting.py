"""A place's wage index listed with several values, under `price --setting` of a site that shows no OPPS or ASC rate.

An IDTF trial: `price 71046-TC R0075-UP Q0092 --zip 62901 --date 2025-10-21 --setting 32` (a portable X-ray supplier
at a nursing facility in rural Illinois) was warned on stderr that CMS's CY2025 ASC wage index lists rural Illinois
twice and "the hospital's (OPPS) and ASC rates CMS wage-adjusts are not priced here", beside a table that shows
neither (the PFS amount is the locality's GPCIs'). Not said on stderr at the office or a facility place that is no
hospital or ASC (POS 11, 32, 31); said as before with no setting and at the hospital or ASC. JSON keeps it (its
warnings, the opps reason)."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
PLACE = ["--zip", "62901", "--date", "2025-10-21"]  # Jackson County, IL: micropolitan, so rural Illinois (CBSA 14)
WARNED = "warning: CY2025 ASC wage index (WI25) lists rural Illinois"


def _rural_illinois() -> list[str]:
    """CMS's CY2025 ASC wage index (WI25) values for rural Illinois, as the file lists them."""
    with (data_dir() / "opps" / "2025" / "asc_wage_index_2025.txt").open(newline="", encoding="latin-1") as handle:
        return [row["WI25"] for row in csv.DictReader(handle, delimiter="\t") if row["CBSA"] == "14"]


def _stderr(*options: str) -> str:
    return " ".join(runner.invoke(app, ["price", "71046-TC", *PLACE, *options]).stderr.split())


def test_cms_lists_rural_illinois_twice() -> None:
    values = _rural_illinois()
    assert len(values) == 2 and len(set(values)) == 2, values


@pytest.mark.parametrize("setting", ["11", "office", "32", "31"])
def test_not_said_where_no_hospital_or_asc_rate_is_shown(setting: str) -> None:
    assert WARNED not in _stderr("--setting", setting)


@pytest.mark.parametrize("setting", [(), ("--setting", "22"), ("--setting", "asc")])
def test_said_where_they_are_shown(setting: tuple[str, ...]) -> None:
    said = _stderr(*setting)
    assert WARNED in said and all(value.rstrip("0") in said for value in _rural_illinois()), said


def test_json_keeps_it() -> None:
    done = runner.invoke(app, ["price", "93306", *PLACE, "--setting", "11", "-f", "json"])
    result = json.loads(done.stdout)
    assert any("lists rural Illinois" in warning and "2 times" in warning for warning in result["warnings"])
    assert all(value.rstrip("0") in result["opps"]["reason"] for value in _rural_illinois()), result["opps"]
