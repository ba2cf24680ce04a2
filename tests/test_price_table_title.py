"""The encounter table's title counts the codes it shows: one known code beside an unknown one was "Encounter of 1
codes" (a review)."""

from __future__ import annotations

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_one_known_code_beside_an_unknown_one_is_an_encounter_of_1_code() -> None:
    result = runner.invoke(
        app, ["price", "99213", "99999", "--zip", "10001", "--date", "2026-08-05", "--setting", "11"]
    )
    assert result.exit_code == 1, result.output
    assert "Encounter of 1 code (+ 1 not priced, listed below) ·" in result.stdout, result.stdout
    assert "99999" in result.stderr


def test_two_codes_are_an_encounter_of_2_codes() -> None:
    result = runner.invoke(
        app, ["price", "99213", "36415", "--zip", "10001", "--date", "2026-08-05", "--setting", "11"]
    )
    assert result.exit_code == 0, result.output
    assert "Encounter of 2 codes ·" in result.stdout, result.stdout
