"""Price's JSON gave a ZIP's CMS ZIP5 rural indicator ("rural": "B") with no word of what it is: a rural hospital's
trial read Glendive's (ZIP 59330) "B" beside E0114-NU priced at Montana's non-rural DMEPOS fee as a rural ZIP the fee
ignored. `rvucalc zip` says it: the ambulance fee schedule's area (blank urban, R rural, B super rural), not the DMEPOS
rural ZIP list. The location's rural_meaning says so beside it."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
MEANING = {"": "Urban", "R": "Rural", "B": "Super rural"}  # CMS's ZIP5 layout (ZIP5lyout.txt): Blank, R, B


@cache
def zip5_indicators() -> dict[str, str]:
    """Each ZIP's rural indicator in the shipped ZIP5 file (CMS's ZIP5_APR2026.xlsx, column RURAL IND)."""
    frame = pd.read_excel(DATA / "zip/2026/ZIP5_APR2026.xlsx", dtype=str, engine="openpyxl").fillna("")
    return dict(zip(frame["ZIP CODE"], frame["RURAL IND"].str.strip(), strict=True))


def zip5_indicator(zip_code: str) -> str:
    return zip5_indicators()[zip_code]


def test_price_json_says_what_the_rural_indicator_is() -> None:
    for zip_code, code in (("59330", "E0114-NU"), ("59330", "99213"), ("10001", "99213")):
        indicator = zip5_indicator(zip_code)
        done = runner.invoke(app, ["price", code, "--zip", zip_code, "--date", "2026-08-04", "-f", "json"])
        location = json.loads(done.stdout)["location"]
        assert location["rural"] == (indicator or None), location
        meaning = location["rural_meaning"]
        assert meaning.startswith(MEANING[indicator] + " ("), meaning
        assert "ambulance fee schedule's area" in meaning and "not the DMEPOS rural ZIP list" in meaning, meaning
    assert zip5_indicator("59330") == "B"


def test_national_price_has_no_rural_meaning() -> None:
    done = runner.invoke(app, ["price", "99213", "--date", "2026-08-04", "-f", "json"])
    location = json.loads(done.stdout)["location"]
    assert location["rural"] is None and location["rural_meaning"] is None, location
