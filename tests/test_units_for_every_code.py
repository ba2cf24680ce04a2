"""One --units with several codes is every line's (documented: "one: every line's"), which a dermatology practice's
trial did not expect: `price 17000 17003 --units 8` (8 lesions of 17003) priced 17000 x 8 too, silently. It still
does (scripts that mean it keep working), and says so on stderr and in JSON's notes, with how to give one per code."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
WHERE = ["--zip", "85016", "--date", "2026-08-03"]
SAID = "--units 8 was applied to every code (17000 x 8, 17003 x 8)"
HOW = "--units 1 --units 8 prices 17000 x 1, 17003 x 8"


def test_one_units_above_1_for_several_codes_is_said() -> None:
    table = runner.invoke(app, ["price", "17000", "17003", "--units", "8", *WHERE])
    assert table.exit_code == 0 and SAID in table.stderr and HOW in table.stderr
    assert SAID not in table.stdout  # stdout carries the data; the warning is stderr's
    as_json = runner.invoke(app, ["price", "17000", "17003", "--units", "8", *WHERE, "-f", "json"])
    assert as_json.exit_code == 0 and SAID in as_json.stderr
    doc = json.loads(as_json.stdout)
    assert [line["units"] for line in doc["lines"]] == [8, 8]  # unchanged: every line's
    assert any(SAID in note and HOW in note for note in doc["notes"])


def test_units_per_code_or_of_1_or_for_one_code_say_nothing() -> None:
    for args in (["17000", "17003", "--units", "1", "--units", "8"], ["17000", "17003", "--units", "1"],
                 ["17003", "--units", "8"], ["17000", "17003"]):  # fmt: skip
        result = runner.invoke(app, ["price", *args, *WHERE, "-f", "json"])
        assert result.exit_code == 0 and "was applied to every code" not in result.stderr, args
        notes = json.loads(result.stdout).get("notes", [])
        assert not any("was applied to every code" in note for note in notes), args
