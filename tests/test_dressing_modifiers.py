"""Surgical dressing lines carry A1-A9, the number of wounds the dressing is used on ("Dressings for surgical or
debrided wounds must include one of the A1-A9 informational modifiers": Noridian JA DME; Policy Article A54563). A wound
care trial's ``A6196-A2 --units 30`` was refused as "Unknown modifier 'A2'", and a batch row with A1 was a row error.
They price as the line without them, with a note; two of them, or JC with JD (skin substitute used / not used as a
graft), are refused."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.modifiers import informational

DATE = "2026-08-03"


@pytest.mark.parametrize("modifier", [f"A{number}" for number in range(1, 10)])
def test_a1_to_a9_are_known_and_informational(modifier: str) -> None:
    assert informational(modifier)


def test_a_dressing_line_with_a2_prices_as_without_it(pricer: Any) -> None:
    with_it = pricer.price("A6196", modifier="A2", units=30, zip_code="33101", date_of_service=DATE)
    without = pricer.price("A6196", units=30, zip_code="33101", date_of_service=DATE)
    assert with_it.dmepos is not None and with_it.dmepos == without.dmepos
    assert [site.total for site in with_it.sites] == [site.total for site in without.sites]
    assert any(site.total for site in with_it.sites)
    assert "Modifier A2 is informational: it does not change the amount." in with_it.notes
    rows = [{"code": "A6196", "modifier": modifier, "units": "30", "zip": "33101", "date": DATE}
            for modifier in ("A2", "", "AW A1")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [row["error"] for row in out[:2]] == ["", ""]
    assert out[0]["office_allowed"] == out[1]["office_allowed"] is not None


@pytest.mark.parametrize(("line", "said"), [
    ("Q4186-JC-JD", "Modifiers JC and JD conflict"),
    ("A6196-A1-A2", "Modifiers A1 and A2 conflict"),
])  # fmt: skip
def test_two_wound_counts_or_graft_and_not_graft_are_refused(line: str, said: str) -> None:
    done = CliRunner().invoke(app, ["price", line, "--zip", "33101", "--date", DATE])
    assert done.exit_code == 2, done.output
    assert said in done.output
