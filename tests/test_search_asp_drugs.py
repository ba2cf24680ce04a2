"""`rvucalc search` of a drug the ASP file lists. `search pembrolizumab` and `search meropenem` listed J9271 and J2185
as the PFS's, schedule "pfs", status "E: Excluded from the PFS ... paid under reasonable-charge rules", where price
pays them from the ASP payment limits and search names the schedule of a code only the CLFS or DMEPOS lists. Now such
a match is the ASP file's (schedule asp, its release), its payment limit per billing unit in its meaning (the search
table has no amount column); its PFS status is kept. A drug the ASP file does not list (J9277) stays the PFS's."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from typing import Any

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
SHIPPED = TESTS.parent / "data"


def _asp_row(code: str) -> list[str] | None:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next((row for row in csv.reader(handle) if row and row[0] == code), None)


def _matches(words: str) -> dict[str, dict[str, Any]]:
    done = runner.invoke(app, ["search", words, "-f", "json"])
    assert done.exit_code == 0, done.output
    return {m["code"]: m for m in json.loads(done.stdout)["matches"] if m["modifier"] is None}


def test_the_asp_files_drugs_are_its(pricer: Any) -> None:
    for words, code in (("pembrolizumab", "J9271"), ("meropenem", "J2185")):
        row = _asp_row(code)
        assert row is not None
        match = _matches(words)[code]
        assert (match["schedule"], match["schedule_release"] if "schedule_release" in match else match["release"],
                match["status"]) == ("asp", "2026-01", "E"), match  # fmt: skip
        limit = Decimal(row[3])
        assert f"${limit} per {row[2]}" in match["status_meaning"], (match, row)
        assert match["status_meaning"].startswith("Paid from the ASP payment limits (2026-01)")


def test_a_drug_off_the_asp_file_stays_the_pfss(pricer: Any) -> None:
    assert _asp_row("J9277") is None
    match = _matches("pembrolizumab")["J9277"]
    assert (match["schedule"], match["status"]) == ("pfs", "E")


def test_the_table_names_the_schedule(pricer: Any) -> None:
    done = runner.invoke(app, ["search", "pembrolizumab"])
    assert done.exit_code == 0, done.output
    (line,) = [text for text in done.output.splitlines() if "J9271" in text]
    assert "ASP 2026-01" in line, done.output
