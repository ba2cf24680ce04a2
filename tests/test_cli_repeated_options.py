"""A one-value option given twice is a usage error (exit 2), not the last one silently: a geriatrics trial's
``price 99309 99223 --setting 32 --setting 21`` priced both lines at POS 21 (inpatient), and ``--zip 19103 --zip
10001`` priced Manhattan, each with exit 0. Options that take several values (``--units``, ``--modifier``) and flags
are unchanged. A wound care trial's ``--columns "date=Statement From" --columns "claim=Patient Control Number"`` kept
the claim alone and priced 2025 lines with the 2026 release."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "option", "values"),
    [
        (["price", "99309", "99223", "--zip", "19103", "--setting", "32", "--setting", "21"], "--setting", "32, 21"),
        (["price", "99213", "--zip=19103", "--zip", "10001"], "--zip", "19103, 10001"),
        (["price", "99213", "--date", "2026-08-03", "--date=2025-08-03"], "--date", "2026-08-03, 2025-08-03"),
        (["batch", "lines.csv", "-o", "a.csv", "--output", "b.csv"], "--output", "a.csv, b.csv"),
        (
            ["batch", "lines.csv", "--columns", "date=Statement From", "--columns", "claim=Patient Control Number"],
            "--columns",
            "date=Statement From, claim=Patient Control Number",
        ),
    ],
)
def test_a_one_value_option_given_twice_is_a_usage_error(args: list[str], option: str, values: str) -> None:
    done = runner.invoke(app, args)
    assert done.exit_code == 2, done.output
    assert f"'{option}': given twice ({values}): give it once" in done.output
    assert isinstance(done.exception, SystemExit), done.exception  # a usage error, no exception escaping the CLI


def test_repeated_columns_are_told_how_to_join_them() -> None:
    done = runner.invoke(app, ["batch", "lines.csv", "--columns", "date=DOS", "--columns", "claim=Claim"])
    assert done.exit_code == 2
    assert "--columns 'date=DOS,claim=Claim'" in done.output


def test_options_of_several_values_and_repeated_flags_still_work() -> None:
    done = runner.invoke(app, ["price", "99213", "99214", "--units", "1", "--units", "2", "--zip", "19103", "-f",
                               "json", "--setting", "office"])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stdout.lstrip().startswith(("{", "["))
    json.loads(done.stdout)
