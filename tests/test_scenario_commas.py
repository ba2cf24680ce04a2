"""A comma in a what-if or contract term only separates thousands. A trial's `--percent-of-medicare "12,5"` was read as
125 (Contract $134.54 on 99213's $107.63), "99,5" as 995% and "1,2" as 12%, in price and batch alike: a decimal comma
is refused (exit 2), never guessed, as the paid column's reader refuses '12,50' and --wage-index 1,31."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


@pytest.mark.parametrize(
    ("flag", "value"),
    [
        ("--percent-of-medicare", "12,5"),
        ("--percent-of-medicare", "99,5"),
        ("--percent-of-medicare", "1,2"),
        ("--percent-of-medicare", "12,5%"),
        ("--conversion-factor", "33,4009"),
        ("--anesthesia-cf", "20,5998"),
    ],
)
def test_a_decimal_comma_in_a_term_is_refused_in_price_and_batch(flag: str, value: str) -> None:
    for command in (["price", "99213", "--zip", "10001", "--setting", "11", flag, value],
                    ["batch", "-", "-o", "-", flag, value]):  # fmt: skip
        result = runner.invoke(app, command, input="code,zip\n99213,10001\n")
        assert result.exit_code == 2, (command, result.output)
        assert f"{flag} {value!r}: a comma only separates thousands" in " ".join(result.stderr.split())
        assert "Traceback" not in result.output


def test_a_thousands_comma_still_reads_as_the_number(pricer: Pricer, tmp_path: Path) -> None:
    """'1,000' is 1000%: ten times CMS's amount (99213 in Manhattan, the RVU file x GPCI x CF), in price and batch."""
    cms = Decimal(pricer.price("99213", zip_code="10001").pfs.non_facility.amount)
    done = runner.invoke(app, ["price", "99213", "--zip", "10001", "--setting", "11", "--percent-of-medicare", "1,000",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    [site] = json.loads(done.stdout)["sites"]
    assert Decimal(str(site["contract_amount"])) == cms * 10
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,zip,pos\n99213,10001,11\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(target), "--percent-of-medicare", "1,000"])
    assert done.exit_code == 0, done.output
    [row] = list(csv.DictReader(target.open()))
    assert Decimal(row["contract_amount"]) == cms * 10
