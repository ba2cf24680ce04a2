"""compare's advice for a DME item is a command that prices it: the modifier CMS's DMEPOS fee schedule file prices the
item by (E0601, CPAP: its rows are RR, rental) and a state (a trial followed "price it with rvucalc price E0601" to
"give one of: RR", exit 1, and without --state/--zip the lookup cannot price a DMEPOS item)."""

from __future__ import annotations

import json
import re
import shlex
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare

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


def test_all_advises_the_same_command_as_the_named_compare(pricer: Any) -> None:
    """--all's row of a DME item says the named compare's advice (one place): a trial read `rvucalc price A4253` in
    --all's row, which asks for a state, where the named row said `rvucalc price A4253-NU --state ST`."""
    whole = {change.code: change for change in compare(pricer, all_codes=True, from_="2025", to="2026").codes}
    for code, modifier in (("A4259", None), ("A4253", "NU")):
        named = compare(pricer, [code], from_="2025", to="2026").codes[0]
        assert whole[code].change == named.change == "not_comparable"
        assert whole[code].not_comparable_reason == named.not_comparable_reason, whole[code].not_comparable_reason
        advised = re.search(r"price it with rvucalc (price .*)$", whole[code].not_comparable_reason or "")
        assert advised is not None, whole[code].not_comparable_reason
        args = shlex.split(advised.group(1).replace("--state ST", "--state MT"))
        assert args[1] == (f"{code}-{modifier}" if modifier else code), args
        priced = runner.invoke(app, [*args, "-f", "json"])
        assert priced.exit_code == 0, priced.output
        assert json.loads(priced.stdout)["dmepos"]["payable"], priced.stdout
