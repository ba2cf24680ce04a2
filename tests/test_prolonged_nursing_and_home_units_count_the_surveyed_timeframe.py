"""A line of several units of G0317 (prolonged nursing facility time) or G0318 (prolonged home or residence time) said
its units "take at least 110 minutes' total time after 99306 ... on the date", where Medicare counts that time on any
date within the visit's surveyed timeframe (First Coast, "Prolonged physician services: Nursing facility E/M visits",
restating Claims Processing Manual ch. 12 §30.6; AAFP's table of the CY2023 PFS final rule: 1 day before to 3 days after
a nursing facility visit, 3 days before to 7 days after a home visit). The amounts stay units x one unit's CMS fee
(RVU26C x the 2026 GPCIs x the CF), in price and batch alike, with the same words."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

INDIANA = "0810200"  # ZIP 46601's locality (CMS's ZIP5 file)
CASES = [
    ("G0317", "31", "2", "110 minutes' total time after 99306 or 100 after 99310, counted from 1 day before the visit "
     "to 3 days after it"),
    ("G0318", "12", "3", "170 minutes' total time after 99345 or 140 after 99350, counted from 3 days before the visit "
     "to 7 days after it"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "pos", "units", "said"), CASES)
def test_price_and_batch_say_the_surveyed_timeframe(tmp_path: Path, code: str, pos: str, units: str, said: str) -> None:
    source = tmp_path / "post_acute.csv"
    source.write_text(
        "Claim ID,DOS,CPT,POS,Units,Rendering Provider,Service Location ZIP\n"
        f'P1,08/06/2026,{code},{pos},{units},"GARCIA, MARIA MD",46601\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(out.open()))
    facility = pos == "31"  # a SNF (POS 31) is a facility, a home (POS 12) is not
    assert Decimal(row["allowed"]) == int(units) * fee_2026(code, INDIANA, facility=facility), row
    assert said in row["note"] and "on the date." not in row["note"], row["note"]
    priced = CliRunner().invoke(
        app, ["price", code, "--units", units, "--zip", "46601", "--date", "2026-08-06", "--setting", pos,
              "--format", "json"],
    )  # fmt: skip
    assert priced.exit_code == 0, priced.output
    text = json.dumps(json.loads(priced.stdout))
    assert said in text and "on the date." not in text
    note = next(part for part in row["note"].split("; ") if part.startswith(f"{code} x {units}:"))
    assert json.dumps(note)[1:-1] in text  # the same words in price's output
