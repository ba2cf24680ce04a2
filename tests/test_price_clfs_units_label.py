"""`price 87798 --units 3`: the CLFS table showed one unit's $35.09 with nothing saying so beside the sites table's
line of 3 units (a lab trial). Labelled "per unit", and said where the line's amount is."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.cli.tables import dollars

ARGS = ["87798", "--zip", "80202", "--setting", "81", "--date", "2026-04-10"]


def test_the_clfs_table_of_several_units_says_its_amount_is_one_unit_s() -> None:
    one = json.loads(CliRunner().invoke(app, ["price", *ARGS, "--format", "json"]).stdout)["clfs"]["amount"]
    done = CliRunner().invoke(app, ["price", *ARGS, "--units", "3"])
    assert done.exit_code == 0, done.output
    row = next(line for line in done.stdout.splitlines() if "(no modifier)" in line)
    assert dollars(__import__("decimal").Decimal(str(one))) in row  # CMS's CLFS rate, one unit's
    assert "Amount per unit" in done.stdout
    assert "CLFS: the amounts above are one unit's; the line of 3 units is in the sites table." in done.stdout


def test_one_unit_is_not_labelled() -> None:
    done = CliRunner().invoke(app, ["price", *ARGS])
    assert "per unit" not in done.stdout and "one unit's" not in done.stdout
