"""`rvucalc price 99213 --units 00` echoed "--units 0" where batch's units cell '00' is echoed as written: price says
the user's own text too ('--units 00'; '--units 0' as the API's units=0 says it), in the one zero-units text
(lookup.arguments.zero_units)."""

from __future__ import annotations

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.arguments import zero_units


def test_price_echoes_the_units_as_given() -> None:
    done = CliRunner().invoke(app, ["price", "99213", "--zip", "10001", "--units", "00"])
    assert done.exit_code != 0
    said = " ".join(done.stderr.split())
    assert zero_units("--units 00") in said, said
    assert "--units 0:" not in said
