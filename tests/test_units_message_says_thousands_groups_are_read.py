"""A units text rvucalc refuses ('1,20': a comma not before a group of three digits) is told what is read, thousands
grouped by commas of three digits ('1,200' or '1200') beside plain ASCII digits, since '1,200' is read (session 74:
batch.dates.whole_number): `rvucalc price 99213 --units '1,20'` said "plain digits (2, or 2.00)" alone, and batch's row
error the same. One text for both (batch.dates.UNITS_WRITTEN)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.batch.dates import UNITS_WRITTEN
from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize("units", ["1,20", "1,2000", "1_000", "1.5"])
def test_price_and_batch_say_thousands_groups_are_read(tmp_path: Path, units: str) -> None:
    assert "'1,200' or '1200'" in UNITS_WRITTEN and "ASCII" in UNITS_WRITTEN
    done = runner.invoke(app, ["price", "99213", "--units", units, "--zip", "10001"])
    assert done.exit_code == 2, done.output
    said = " ".join(done.stderr.split())
    assert said.endswith(f"--units {units!r}: give a whole number of units in {UNITS_WRITTEN}."), said
    source, out = tmp_path / "lines.csv", tmp_path / "out.csv"
    source.write_text(f'code,zip,units\n99213,10001,"{units}"\n99213,10001,"1,200"\n')
    batch = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert batch.exit_code == 1, batch.output
    refused, read = csv.DictReader(out.open())
    assert refused["error_kind"] == "bad_units" and refused["error"].endswith(UNITS_WRITTEN), refused
    assert read["error"] == "" and read["units"] == "1,200", read


@pytest.mark.parametrize("units", ["1,20", "1000001", "1:35"])
def test_batch_writes_the_units_bound_grouped_as_price_and_the_api_do(tmp_path: Path, units: str) -> None:
    """Batch's bad_units row error said "from 1 to 1000000" beside its own "'1,200' or '1200'", where `rvucalc price
    --units 1000001` and the API say "1 to 1,000,000": the bound is written grouped in each (batch.dates.parse_units,
    batch.lines' h:mm units)."""
    source, out = tmp_path / "lines.csv", tmp_path / "out.csv"
    source.write_text(f'code,zip,units\n99213,10001,"{units}"\n')
    batch = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert batch.exit_code == 1, batch.output
    (refused,) = csv.DictReader(out.open())
    assert refused["error_kind"] == "bad_units" and "from 1 to 1,000,000" in refused["error"], refused
    assert "1000000" not in refused["error"], refused
    done = runner.invoke(app, ["price", "99213", "--units", "1000001", "--zip", "10001"])
    assert done.exit_code == 2 and "1 to 1,000,000" in " ".join(done.stderr.split()), done.output
