"""``--summary`` given no file name is a usage error (exit 2) naming what it expects. click gives an option the next
word as its value even when that word is another option: ``batch in.csv --summary -o out.xlsx`` failed with "Got
unexpected extra argument(s) (out.xlsx)" (--summary had taken -o), and ``--summary --quiet -o out.xlsx`` wrote the
totals to a file named "--quiet", exit 0. ``--summary FILE`` and ``--summary -`` with -o FILE are unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("after", "got"),
    [
        (["--summary", "-o", "out.xlsx"], "got '-o', an option"),
        (["--summary", "--quiet", "-o", "out.xlsx"], "got '--quiet', an option"),
        (["--summary", "--output=out.xlsx"], "got '--output=out.xlsx', an option"),
        (["-o", "out.xlsx", "--summary"], "got nothing after it"),
        # a review: short flags clustered said "unexpected extra argument(s) (out.csv)"; '--' was written as a file
        (["--summary", "-qo", "out.csv"], "got '-qo', an option"),
        (["-o", "out.csv", "--summary", "--"], "got '--', an option"),
    ],
)
def test_summary_without_a_file_name_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, after: list[str], got: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in.csv").write_text("code,zip,date\n99213,10001,2025-06-01\n")
    done = runner.invoke(app, ["batch", "in.csv", *after])
    assert done.exit_code == 2, done.output
    assert isinstance(done.exception, SystemExit), done.exception  # a usage error, no traceback
    assert "'--summary': needs a file name for the run's totals (JSON), e.g. --summary totals.json" in done.output
    assert got in done.output and "unexpected extra argument" not in done.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # nothing written, no file named "--quiet"


def test_summary_with_a_file_name_still_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in.csv").write_text("code,zip,date\n99213,10001,2025-06-01\n")
    done = runner.invoke(app, ["batch", "in.csv", "-q", "--summary", "totals.json", "-o", "out.csv"])
    assert done.exit_code == 0, done.output
    assert Path("out.csv").exists()
    assert isinstance(json.loads(Path("totals.json").read_text()), dict)


def test_summary_as_another_option_s_value_is_that_option_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--columns --summary``: the word is --columns' value (click gives it so), refused as --columns', not blamed
    on --summary (a review)."""
    monkeypatch.chdir(tmp_path)
    Path("in.csv").write_text("code,zip,date\n99213,10001,2025-06-01\n")
    done = runner.invoke(app, ["batch", "in.csv", "--columns", "--summary", "-o", "out.csv"])
    assert done.exit_code == 2, done.output
    assert "--columns '--summary'" in done.output and "needs a file name" not in done.output
