"""A coronary artery's abbreviation where its HCPCS modifier belongs ('92928-LAD', a Mod 1 cell of 'RCA'). A cath lab
group's trial: price 92928-LAD was told the code cell seemed to hold a description after the code. The message names
the artery's modifier (LM, LD, LC, RC, RI: the modifier table's meanings), in price and batch alike."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app


@pytest.mark.parametrize(
    ("written", "modifier"),
    [("LAD", "LD"), ("LCX", "LC"), ("CIRC", "LC"), ("RCA", "RC"), ("LMCA", "LM"), ("RAMUS", "RI")],
)
def test_price_names_the_coronary_artery_s_modifier(written: str, modifier: str) -> None:
    result = CliRunner().invoke(app, ["price", f"92928-{written}", "--zip", "44195", "--date", "2026-08-03"])
    assert result.exit_code == 2, result.output
    assert f"its modifier is {modifier} (write 92928-{modifier})" in result.stderr, result.stderr
    assert "description" not in result.stderr


def test_batch_says_the_same_in_the_code_cell_and_the_modifier_cell(tmp_path: Path) -> None:
    source = tmp_path / "pci.csv"
    source.write_text(
        "Claim Number,Date of Service,Place of Service,CPT/HCPCS,Modifier 1,Units,Service Facility ZIP\n"
        "Z1,08/03/2026,22,92928,LAD,1,44195\n"
        "Z2,08/03/2026,22,92928-RCA,,1,44195\n"
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", "-", "-q"])
    lad, rca = csv.DictReader(io.StringIO(result.stdout))
    assert lad["error_kind"] == rca["error_kind"] == "bad_modifier", (lad, rca)
    assert "its modifier is LD (write 92928-LD)" in lad["error"], lad
    assert "its modifier is RC (write 92928-RC)" in rca["error"], rca
