"""AT with GA on a manipulation line (a chiropractor's trial: 98941-AT-GA priced with "GA is informational" alone):
the two contradict each other, and Palmetto GBA rejects such lines; said in price and batch alike, the amount as AT
says. `rvucalc modifiers AT` cites the rule that denies a manipulation without AT, not "no payment rule"."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

SAID = "98941 with AT and GA: AT reports active treatment"


def _price(*args: str) -> dict:
    done = CliRunner().invoke(app, ["price", *args, "--zip", "68102", "--date", "2026-08-03", "--provider", "DC",
                                    "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_at_with_ga_is_said_and_priced_as_at(tmp_path: Path) -> None:
    both, active = _price("98941-AT-GA"), _price("98941-AT")
    assert any(SAID in note for note in both["notes"])
    assert not any(SAID in note for note in active["notes"])
    assert both["sites"] == active["sites"]  # the amounts are AT's
    done, rows = run_batch_rows(tmp_path, [
        {"code": "98941", "modifier": "AT GA", "zip": "68102", "date": "2026-08-03", "pos": "11"},
        {"code": "98941", "modifier": "AT", "zip": "68102", "date": "2026-08-03", "pos": "11"},
    ], "--provider", "DC")  # fmt: skip
    assert done.exit_code == 0, done.output
    assert SAID in rows[0]["note"] and SAID not in rows[1]["note"]
    assert rows[0]["allowed"] == rows[1]["allowed"] != ""


def test_modifiers_at_cites_the_active_treatment_rule() -> None:
    done = CliRunner().invoke(app, ["modifiers", "AT", "-f", "json"])
    assert done.exit_code == 0, done.output
    assert "ch. 15 §240.1.3" in done.stdout and "no payment rule attaches" not in done.stdout
