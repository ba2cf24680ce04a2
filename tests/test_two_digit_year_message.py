"""A two-digit year is refused (which century?), and the message's example is the user's own date with the year
in full, not an unrelated one.

A cardiology practice's export wrote '1/8/26' (8 January 2026): it was told "e.g. 08/03/2026", a date the cell does
not say. As for the ambiguous day/month message (a nephrology trial's '3/2/2026'), the example now echoes the cell.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.dates import date_from_text

runner = CliRunner()


@pytest.mark.parametrize(
    ("text", "example"),
    [("1/8/26", "01/08/2026"), ("12/31/25", "12/31/2025"), ("8/3/26 00:00:00", "08/03/2026"),
     ("5-Mar-26", "5-Mar-2026"), ("Mar 5, 26", "Mar 5, 2026")],
)  # fmt: skip
def test_two_digit_year_message_gives_the_cells_own_date(text: str, example: str) -> None:
    with pytest.raises(ValueError, match="two-digit year") as raised:
        date_from_text(text)
    assert f"e.g. {example}" in str(raised.value)


def test_batch_row_error_names_the_cells_date(tmp_path: Path) -> None:
    source = tmp_path / "cardio.csv"
    source.write_text("Claim ID,DOS,CPT Code,Mod 1,POS,Units,Service Facility ZIP\nC1,1/8/26,93306,26,11,1,45219\n")
    result = runner.invoke(app, ["batch", str(source), "-o", "-", "-f", "json", "-q"])
    (row,) = json.loads(result.stdout)
    assert row["error_kind"] == "bad_date"
    assert "01/08/2026" in row["error"] and "08/03/2026" not in row["error"]
