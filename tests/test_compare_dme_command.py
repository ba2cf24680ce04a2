"""compare's advice for a DME item is a command that prices it: the modifier CMS's DMEPOS fee schedule file prices the
item by (E0601, CPAP: its rows are RR, rental) and a state (a trial followed "price it with rvucalc price E0601" to
"give one of: RR", exit 1, and without --state/--zip the lookup cannot price a DMEPOS item)."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize("place", [[], ["--zip", "59801"]])
def test_the_advised_command_prices_the_item(place: list[str]) -> None:
    done = runner.invoke(app, ["compare", "E0601", "A4259", "--from", "2025", "--to", "2026", *place, "-f", "json"])
    rows = {row["code"]: row["not_comparable_reason"] for row in json.loads(done.stdout)["codes"]}
    for code, modifier in (("E0601", "RR"), ("A4259", None)):
        advised = re.search(r"price it with rvucalc (price .*)$", rows[code])
        assert advised is not None, rows[code]
        args = shlex.split(advised.group(1).replace("--state ST", "--state MT"))
        assert args[1] == (f"{code}-{modifier}" if modifier else code), args
        priced = runner.invoke(app, [*args, "-f", "json"])
        assert priced.exit_code == 0, priced.output
        assert json.loads(priced.stdout)["dmepos"]["payable"], priced.stdout
