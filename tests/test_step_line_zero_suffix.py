"""A price table's adjustment line says the amount a rule leaves once: a rule whose text ends in ": $0.00" (G2211
beside an E/M-25, ``engine.visits.g2211_with_25_rule``) printed "...MLN MM13473): $0.00: $15.18 -> $0.00" (a neurology
biller's trial: `price 99214-25 G2211 95816 --zip 55455 --date 2025-03-12 --setting 11`). The before amount is G2211's
own PFS amount from the shipped RVU file; JSON and batch keep the rule's text as it is."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

ARGS = ["--zip", "55455", "--date", "2025-03-12", "--setting", "11"]


@pytest.fixture(scope="module")
def alone() -> str:
    """G2211's office amount alone at the ZIP and date (RVU25A x MN's GPCIs x CF), as the table writes it."""
    pfs = Pricer().price("G2211", zip_code="55455", date_of_service="2025-03-12", setting="11").pfs
    assert pfs.non_facility is not None and pfs.non_facility.amount > 0
    return f"${pfs.non_facility.amount:,.2f}"


def test_g2211_with_25_step_says_zero_once(alone: str) -> None:
    out = CliRunner().invoke(app, ["price", "99214-25", "G2211", "95816", *ARGS], env={"COLUMNS": "1000"})
    assert out.exit_code == 0, out.output
    lines = [line for line in out.stdout.splitlines() if line.startswith("G2211 office:")]
    assert len(lines) == 1, out.stdout
    assert lines[0].endswith(f"MM13473): {alone} -> $0.00"), lines[0]
    assert ": $0.00: $" not in out.stdout


def test_g2211_with_25_json_rule_unchanged() -> None:
    out = CliRunner().invoke(app, ["price", "99214-25", "G2211", *ARGS, "-f", "json"])
    assert out.exit_code == 0, out.output
    assert "MM13473): $0.00" in out.stdout
    json.loads(out.stdout)
