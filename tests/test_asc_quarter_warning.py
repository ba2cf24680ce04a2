"""The ASC addenda's quarter (its file in force on the date not installed) is said only of a line with an ASC amount:
price's line with an ASC rate, batch's rows with an asc_* amount (an office row's comparison columns too). A trial's
office-only 99490 (--setting 11, Chicago, 2026-10-31) and batch's 99484 at POS 31, 99426, 99427 were told the ASC
addenda of 2026-10 were not installed, of lines with no ASC amount. Rows of 20610 and 66984 (on CMS's ASC addendum
AA) keep it, in price and in batch (whose asc_* columns show their amount on an office row)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

ASC_QUARTER = "CMS's ASC addenda quarterly release for 2026-10-31"


def _price(*args: str) -> dict:
    done = CliRunner().invoke(app, ["price", *args, "--zip", "60614", "--date", "2026-10-31", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _said(result: dict) -> str:
    return json.dumps(result["warnings"])


@pytest.mark.parametrize("args", [("99490", "--setting", "11"), ("99490",), ("99427", "--setting", "11")])
def test_price_says_no_asc_quarter_without_an_asc_amount(args: tuple[str, ...]) -> None:
    assert ASC_QUARTER not in _said(_price(*args))


@pytest.mark.parametrize("args", [("66984",), ("20610", "--setting", "11")])
def test_price_says_the_asc_quarter_of_a_line_with_an_asc_amount(args: tuple[str, ...]) -> None:
    result = _price(*args)
    assert ASC_QUARTER in _said(result)
    asc = _price(args[0], "--setting", "asc")["sites"][0]
    assert asc["allowed"] is not None


def test_batch_says_the_asc_quarter_only_on_rows_with_an_asc_amount(tmp_path: Path) -> None:
    rows = [{"Claim ID": f"C{n}", "CPT": code, "DOS": "10/31/2026", "POS": pos, "ZIP": "60614"}
            for n, (code, pos) in enumerate((("99490", "11"), ("99484", "31"), ("99426", "11"), ("99427", "11"),
                                             ("20610", "11"), ("66984", "24")))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    for row in out:
        said = row["note"] + row["comparison_note"]
        assert (ASC_QUARTER in said) == bool(row["asc_allowed"]), row
        # The ASC row's own note; an office row's asc_* comparison's (comparison_note)
        assert (ASC_QUARTER in row["note"]) == (bool(row["asc_allowed"]) and row["POS"] == "24"), row
    assert [bool(row["asc_allowed"]) for row in out] == [False] * 4 + [True] * 2
