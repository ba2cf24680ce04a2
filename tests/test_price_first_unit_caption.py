"""`price 64483 --units 2`: a line of 2 units of a bilateral indicator 1 code is one bilateral procedure, both sides on
its first unit (150%) and its second unit $0.00. The PFS table showed $356.04 under "the amounts above ... are one
unit's", which a pain practice's biller read as $712.08 for the line, where the sites table gives $356.04. The caption
now says the amounts are the first unit's and what the later units are paid (the encounter table's too).

64483 at Dallas (MAC 04412, locality 11), 2025D: CMS's RVU file (PPRRVU2025_Oct) x CMS's GPCI file (GPCI2025) x the
CF, rounded half up, then 150% (BILAT SURG indicator 1), rounded half up.
"""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import PFS_UNITS_NOTE, dollars

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
ARGS = ["--zip", "75201", "--date", "2025-10-15", "--setting", "office"]
CENT = Decimal("0.01")


def _cms_bilateral_office_fee() -> Decimal:
    with (DATA / "rvu/2025/PPRRVU2025_Oct.csv").open(encoding="latin-1", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r and r[0] == "64483" and r[1] == "")
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(r for r in csv.reader(handle) if len(r) > 6 and r[0] == "04412" and r[2].strip() == "11")
    assert row[20] == "1"  # BILAT SURG: 150%
    work, pe, mp = (Decimal(v) for v in gpci[-3:])
    rvus = Decimal(row[5]) * work + Decimal(row[6]) * pe + Decimal(row[10]) * mp
    fee = (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)
    return (fee * Decimal("1.5")).quantize(CENT, rounding=ROUND_HALF_UP)


def test_two_units_of_a_bilateral_code_say_the_amount_is_the_first_unit_s() -> None:
    fee = _cms_bilateral_office_fee()
    done = runner.invoke(app, ["price", "64483", "--units", "2", *ARGS])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert dollars(fee) in said
    assert " ".join(PFS_UNITS_NOTE.format(units=2).split()) not in said
    assert "are the first unit's; its second unit is paid $0.00 (office), $0.00 (facility)" in said
    result = json.loads(runner.invoke(app, ["price", "64483", "--units", "2", *ARGS, "-f", "json"]).stdout)
    assert Decimal(str(result["sites"][0]["total"])) == fee  # the line of 2 units: the first unit's amount


def test_the_encounter_table_says_it_too() -> None:
    done = runner.invoke(app, ["price", "64483", "99213-25", "--units", "2", "--units", "1", *ARGS])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert "64483: the PFS amounts are its first unit's; its second unit is paid $0.00 (office)" in said
    assert "99213-25: the PFS amounts" not in said


def test_units_each_paid_the_amount_keep_the_one_unit_caption() -> None:
    done = runner.invoke(app, ["price", "64484", "--units", "2", *ARGS])  # an add-on: units x one unit
    said = " ".join(done.stdout.split())
    assert " ".join(PFS_UNITS_NOTE.format(units=2).split()) in said and "first unit's" not in said
