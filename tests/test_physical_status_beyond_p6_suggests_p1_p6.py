"""An anesthesia line's P7, P8 or P9 (a physical status beyond the ASA's six classes) is told the physical status
modifiers are P1-P6: a review's `rvucalc price 00142-AA-P7` was asked "Did you mean XP or V7 or UP?", spellings of
other modifiers. Price, batch and `rvucalc modifiers` alike (``engine.modifiers.suggest``); P0 is still asked about PO,
the look-alike."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
SAID = "did you mean p1-p6, the anesthesia physical status modifiers?"


@pytest.mark.parametrize("status", ["P7", "P8", "P9"])
def test_price_names_p1_to_p6(status: str) -> None:
    done = runner.invoke(app, ["price", f"00142-AA-{status}", "--base-units", "4", "--minutes", "95", "--zip", "10001"])
    assert done.exit_code == 2
    assert SAID in done.stderr.lower() and " XP " not in done.stderr


def test_batch_and_the_modifiers_command_name_p1_to_p6(tmp_path: Path) -> None:
    source, target = tmp_path / "cases.csv", tmp_path / "out.csv"
    source.write_text("CPT,Mod1,Mod2,Base Units,Minutes,POS,Zip,DOS\n00142,AA,P7,4,95,21,10001,03/02/2026\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 1, done.output
    (row,) = csv.DictReader(target.open())
    assert SAID in row["error"].lower()
    listed = runner.invoke(app, ["modifiers", "P8"])
    assert SAID in listed.output.lower()


def test_p0_is_still_asked_about_po() -> None:
    done = runner.invoke(app, ["price", "99213-P0", "--zip", "10001"])
    assert done.exit_code == 2
    assert "Did you mean PO" in done.stderr
