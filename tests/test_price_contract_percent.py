"""A trial's `price 99214-25 20610 --zip 30309 --setting 11 --percent-of-medicare 115`: CSV had
site_office_contract_amount but no percentage, JSON contract_of "site" but no percentage, the table's caption "the
site's total x --percent-of-medicare" with no number. Each now says it (JSON percent_of_medicare, a CSV column appended
after the others, the caption's number), as batch's --summary records scenario.percent_of_medicare."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import ROUND_HALF_UP, Decimal

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
COMMAND = ["price", "99214-25", "20610", "--zip", "30309", "--setting", "11", "--percent-of-medicare", "115"]


def _contract(allowed: float | str) -> Decimal:
    return (Decimal(str(allowed)) * Decimal("1.15")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_price_json_says_the_percentage_of_its_contract_amounts() -> None:
    done = runner.invoke(app, [*COMMAND, "-f", "json"])
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert result["percent_of_medicare"] == 115 and result["contract_of"] == "site"
    for line in result["lines"]:
        assert line["percent_of_medicare"] == 115
        [office] = line["sites"]
        assert Decimal(str(office["contract_amount"])) == _contract(office["allowed"])
    single = json.loads(runner.invoke(app, ["price", "99213", "--zip", "30309", "--percent-of-medicare", "112.5",
                                            "-f", "json"]).stdout)  # fmt: skip
    assert single["percent_of_medicare"] == 112.5
    plain = json.loads(runner.invoke(app, ["price", "99213", "--zip", "30309", "-f", "json"]).stdout)
    assert plain["percent_of_medicare"] is None


def test_price_csv_appends_the_percentage_after_the_columns_before_it() -> None:
    done = runner.invoke(app, [*COMMAND, "-f", "csv"])
    assert done.exit_code == 0, done.output
    reader = csv.DictReader(io.StringIO(done.stdout))
    rows = list(reader)
    # then the physician's claim's shares (site_*_professional_beneficiary, _medicare), added later
    assert reader.fieldnames is not None and "percent_of_medicare" in reader.fieldnames
    after = reader.fieldnames[reader.fieldnames.index("percent_of_medicare") + 1 :]
    assert after and all(re.fullmatch(r"site_\w+_professional_(beneficiary|medicare)", name) for name in after)
    for row in rows:
        assert row["percent_of_medicare"] == "115"
        assert Decimal(row["site_office_contract_amount"]) == _contract(row["site_office_total"])
    before = runner.invoke(app, [*COMMAND[:-2], "-f", "csv"]).stdout.splitlines()[0].split(",")
    added = ("site_office_contract_amount", "percent_of_medicare")
    assert [name for name in reader.fieldnames if name not in added] == before


def test_price_tables_caption_says_the_percentage() -> None:
    done = runner.invoke(app, COMMAND)
    assert done.exit_code == 0, done.output
    assert "each line's total x 115% (--percent-of-medicare)" in " ".join(done.stdout.split())
    done = runner.invoke(app, ["price", "99213", "--zip", "30309", "--percent-of-medicare", "112.5"])
    assert "the site's total x 112.5% (--percent-of-medicare)" in " ".join(done.stdout.split())
