"""A house-calls group's trial (Phoenix, session 69): one claim's G0181 on 03/15 and on 03/31 was paid twice ($107.82
each) without a word, where a line of 2 units is paid one: care plan oversight is "submitted (and paid) only for one
unit of service", never across calendar months (Claims Processing Manual ch. 12 §180.1.A). A note on each line of the
code in the claim's month (``engine.care_management.cpo_month_notes``), the amounts CMS's as billed; price's encounter
says the same; an identical line of one date is the duplicate lines rule's."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.batch.files import run_batch
from rvucalc.cli import app
from rvucalc.engine.care_management import cpo_month_notes
from rvucalc.lookup.pricer import Pricer

ARIZONA = "0310200"  # ZIP 85012, Phoenix
HEADER = ["Claim ID", "DOS", "CPT/HCPCS", "Units", "POS", "Credentials", "Service ZIP"]
ROWS = [["C1", "03/15/2026", "G0181", "1", "12", "MD", "85012"],
        ["C1", "03/31/2026", "G0181", "1", "12", "MD", "85012"],
        ["C2", "03/31/2026", "G0182", "1", "12", "MD", "85012"],
        ["C2", "04/30/2026", "G0182", "1", "12", "MD", "85012"],  # another month
        ["C3", "03/31/2026", "G0181", "1", "12", "MD", "85012"],
        ["C3", "03/31/2026", "G0181", "1", "12", "MD", "85012"]]  # identical: the duplicate's note  # fmt: skip
SAID = cpo_month_notes(["G0181", "G0181"])[0]


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def test_the_code_twice_in_a_claim_s_month_is_noted(pricer: Pricer, tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *ROWS])
    run_batch(pricer, str(source), str(target))
    with target.open(newline="") as handle:
        out = list(csv.DictReader(handle))
    assert SAID is not None and "G0181 beside another G0181 line" in SAID
    assert [SAID in row["note"] for row in out] == [True, True, False, False, False, False]
    assert "Possible duplicate" in out[5]["note"]
    for row in out[:2]:  # priced as billed
        assert Decimal(row["allowed"]) == fee_2026("G0181", ARIZONA)


def test_price_says_it_of_two_lines_not_of_identical_ones() -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["price", "G0181", "G0181-GV", "--zip", "85012", "--setting", "12", "--date",
                               "2026-03-31"], terminal_width=400)  # fmt: skip
    assert SAID in " ".join(done.output.split()), done.output
    same = runner.invoke(app, ["price", "G0181", "G0181", "--zip", "85012", "--setting", "12", "--date",
                               "2026-03-31"], terminal_width=400)  # fmt: skip
    assert "beside another G0181" not in " ".join(same.output.split()), same.output
    assert cpo_month_notes(["G0181", "G0182"]) == [None, None]
