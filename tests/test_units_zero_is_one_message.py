"""A line of 0 units (an orthopaedic export's no-charge post-op visit, 99024 with 0 units) was worded two ways:
`rvucalc price --units 0` said the range alone ("a whole number from 1 to 1,000,000"), batch's bad_units row error the
reason ("a line is billed with at least 1 unit ... give 1"). One text now, in one place (lookup.arguments.zero_units),
for price's --units, the API's units= and batch's row error."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rvucalc
from rvucalc.cli import app
from rvucalc.errors import ErrorKind, UsageError
from rvucalc.lookup.arguments import zero_units

runner = CliRunner()
REASON = "a line is billed with at least 1 unit, a whole number from 1 to 1,000,000"


def test_price_and_batch_say_zero_units_in_one_text(tmp_path: Path) -> None:
    priced = runner.invoke(app, ["price", "99213", "--units", "0", "--zip", "10001", "--date", "2026-08-03"])
    assert priced.exit_code == 2, priced.output
    said = " ".join(priced.stderr.split())
    assert zero_units("--units 0") in said, said
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("Code,Units,ZIP,DOS\n99213,0,10001,2026-08-03\n99024,0.00,10001,2026-08-03\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    rows = list(csv.DictReader(out.open()))
    assert [row["error"] for row in rows] == [zero_units("units '0'"), zero_units("units '0.00'")], done.output
    assert {row["error_kind"] for row in rows} == {"bad_units"}
    assert REASON in rows[0]["error"] and "post-op visit 99024" in rows[0]["error"]


def test_the_api_says_it_too() -> None:
    with pytest.raises(UsageError) as raised:
        rvucalc.price("99213", units=0)
    assert str(raised.value) == zero_units("units 0") and raised.value.kind is ErrorKind.BAD_UNITS


def test_the_api_s_text_zero_is_not_told_to_give_zero() -> None:
    # units='0' (text) was told "give a whole number, e.g. units=0.", and units=0 then refused: told 0's own text
    with pytest.raises(UsageError) as raised:
        rvucalc.price("99213", units="0")
    assert "units=0" not in str(raised.value)
    assert REASON in str(raised.value) and raised.value.kind is ErrorKind.BAD_UNITS
