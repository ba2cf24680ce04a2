"""A line of several units of Medicare's prolonged code (G0316 x 3 beside 99223 at POS 21) was priced as 3 times one
unit with no word of the time they take, where 99292 x 2 says its minutes: a hospitalist trial's G0316 x 3 read nothing.
Medicare counts G0316's first unit at 90 minutes' total time after 99223, 65 after 99233 or 110 after 99236, each
further unit 15 minutes more (CY2023 PFS final rule, engine.visits.PROLONGED_THRESHOLDS). The amounts stay units x one
unit's CMS fee (RVU26C x the 2026 GPCIs x the CF), in price and batch alike."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app

INDIANA = "0810200"  # ZIP 46601's locality (CMS's ZIP5 file)
SAID = "G0316 x 3: Medicare counts G0316's first unit at 90 minutes' total time after 99223"
LEAST = "3 units take at least 120 minutes' total time after 99223, 95 after 99233 or 140 after 99236"


def test_batch_says_the_minutes_of_three_g0316_units(tmp_path: Path) -> None:
    source = tmp_path / "hospitalists.csv"
    source.write_text(
        "Claim ID,DOS,CPT,Mod 1,POS,Units,Rendering Provider,Service Location ZIP\n"
        'C4,08/06/2026,99223,AI,21,1,"GARCIA, MARIA MD",46601\n'
        'C4,08/06/2026,G0316,,21,3,"GARCIA, MARIA MD",46601\n'
        'C5,08/07/2026,99233,,21,1,"GARCIA, MARIA MD",46601\n'
        'C5,08/07/2026,G0316,,21,1,"GARCIA, MARIA MD",46601\n'
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    _, three, _, one = list(csv.DictReader(out.open()))
    assert Decimal(three["allowed"]) == 3 * fee_2026("G0316", INDIANA, facility=True), three
    assert SAID in three["note"] and LEAST in three["note"], three["note"]
    assert "Medicare counts" not in one["note"], one["note"]


def test_price_says_the_same_minutes(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["price", "G0316", "--units", "3", "--zip", "46601", "--date", "2026-08-06", "--setting", "21",
              "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = json.dumps(json.loads(result.stdout))
    assert SAID in text and LEAST in text
