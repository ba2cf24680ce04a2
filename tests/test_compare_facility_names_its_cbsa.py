"""An ASC or OPPS compare by --zip named the ZIP alone: "ASC: 2025-10 -> 2026-07 · ZIP 10001", a JSON locality of
null and a blank CSV locality, where the CBSA whose wage index adjusted both sides' rates (the "where" of the change)
was named by price and export. It is named now in each format, the CBSA price places the ZIP in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.compare import compare

ARGS = ["compare", "66984", "--from", "2025", "--to", "2026", "--zip", "10001"]


@pytest.mark.parametrize("what", ["asc", "opps"])
def test_a_facility_compare_by_zip_names_the_cbsa_price_places_it_in(pricer: Any, what: str) -> None:
    where = pricer.price("66984", zip_code="10001", date_of_service=dt.date(2025, 10, 15)).location
    assert where.cbsa and where.cbsa_name  # CMS's wage index file's CBSA for New York County
    result = compare(pricer, ["66984"], from_="2025-01", to="2025-10", what=what, zip_code="10001")
    assert (result.cbsa, result.cbsa_name) == (where.cbsa, where.cbsa_name)
    # PFS compares name the locality, not a CBSA
    assert compare(pricer, ["66984"], from_="2025", to="2026", zip_code="10001").cbsa is None


def test_each_format_of_an_asc_compare_names_the_cbsa(pricer: Any) -> None:
    where = pricer.price("66984", zip_code="10001", date_of_service=dt.date(2026, 7, 15)).location
    runner = CliRunner()
    table = runner.invoke(app, [*ARGS, "--what", "asc"])
    assert table.exit_code == 0, table.output
    assert f"CBSA {where.cbsa} ({where.cbsa_name})" in table.stdout.splitlines()[0]
    data = json.loads(runner.invoke(app, [*ARGS, "--what", "asc", "-f", "json"]).stdout)
    assert (data["cbsa"], data["cbsa_name"]) == (where.cbsa, where.cbsa_name)
    (row,) = csv.DictReader(io.StringIO(runner.invoke(app, [*ARGS, "--what", "asc", "-f", "csv"]).stdout))
    assert row["cbsa"] == where.cbsa and row["zip"] == "10001"
    pfs = next(csv.DictReader(io.StringIO(runner.invoke(app, [*ARGS, "-f", "csv"]).stdout)))
    assert "cbsa" not in pfs  # the PFS CSV's columns are unchanged


@pytest.mark.parametrize(
    ("what", "span"), [("asc", ["--from", "2025", "--to", "2026"]), ("opps", ["--from", "2025-01", "--to", "2025-10"])]
)
def test_the_cbsa_column_goes_last_so_scripts_reading_columns_by_position_keep_their_rates(
    what: str, span: list[str]
) -> None:
    # A column added to the facility CSV goes last (as `line` and `error_kind` did): put beside `zip`, it moved
    # rate_before and every later column one place on for a script or spreadsheet reading them by position.
    runner = CliRunner()
    args = ["compare", "66984", *span, "--what", what, "-f", "csv"]
    national = next(csv.reader(io.StringIO(runner.invoke(app, args).stdout)))  # no --zip: the cbsa column blank
    by_zip = next(csv.reader(io.StringIO(runner.invoke(app, [*args, "--zip", "10001"]).stdout)))
    assert by_zip[-1] == "cbsa"
    assert by_zip.index("rate_before") == by_zip.index("zip") + 1
    assert by_zip == national
