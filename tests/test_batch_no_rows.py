"""``rvucalc batch`` of an input with a header and no rows (or only bad rows): every output format is a valid file of
its kind, with the output's columns, and the summary is valid JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()

HEADER = "code,zip,claim,dos,pos,paid,units\n"


def _columns(tmp_path: Path, source: Path) -> list[str]:
    """The output's columns, as a CSV output's header row gives them."""
    target = tmp_path / "columns.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(target)])
    assert done.exit_code in (0, 1), done.output
    return target.read_text().splitlines()[0].split(",")


@pytest.mark.parametrize("engine", ["arrow", "dask"])
@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_a_header_only_input_gives_an_empty_output_of_each_format(tmp_path: Path, fmt: str, engine: str) -> None:
    """A header-only input to .json once wrote "\\n]\\n" (no opening bracket): the empty array now."""
    source = tmp_path / "in.csv"
    source.write_text(HEADER)
    columns = _columns(tmp_path, source)
    assert columns[:7] == HEADER.strip().split(",") and "allowed" in columns
    target, summary = tmp_path / f"out.{fmt}", tmp_path / "summary.json"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(target), "--summary", str(summary),
                               "--engine", engine])  # fmt: skip
    assert done.exit_code == 0, done.output
    if fmt == "json":
        assert json.loads(target.read_text()) == []
    elif fmt == "csv":
        assert target.read_text().splitlines() == [",".join(columns)]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(target)
        assert table.num_rows == 0 and table.column_names == columns
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(target).active
        assert sheet is not None
        assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [columns]
    document = json.loads(summary.read_text())
    assert (document["rows"], document["priced"], document["totals"], document["claims"]) == (0, 0, {}, {})


def test_a_header_only_input_to_stdout_as_json_is_the_empty_array(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER)
    done = runner.invoke(app, ["batch", "-q", str(source), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == []


def test_blank_rows_only_give_the_empty_array(tmp_path: Path) -> None:
    """Rows of empty cells are no rows (skipped): the JSON output is the empty array, not a stray bracket."""
    source = tmp_path / "in.csv"
    source.write_text("code,zip\n,\n,\n")
    done = runner.invoke(app, ["batch", "-q", str(source), "-f", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "xlsx"])
def test_all_bad_rows_exit_1_with_each_row_and_its_error(tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text(HEADER + "ZZZZZ,10001,A,2026-01-05,11,50,1\n9921,10001,A,2026-01-05,11,50,1\n")
    target, summary = tmp_path / f"out.{fmt}", tmp_path / "summary.json"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(target), "--summary", str(summary)])
    assert done.exit_code == 1, done.output
    if fmt == "json":
        kinds = [row["error_kind"] for row in json.loads(target.read_text())]
    elif fmt == "csv":
        import csv

        kinds = [row["error_kind"] for row in csv.DictReader(target.open())]
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        kinds = pq.read_table(target).column("error_kind").to_pylist()
    else:
        import openpyxl

        sheet = openpyxl.load_workbook(target).active
        assert sheet is not None
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        kinds = [row[rows[0].index("error_kind")] for row in rows[1:]]
    assert kinds == ["malformed_code", "malformed_code"]
    document = json.loads(summary.read_text())
    assert (document["rows"], document["priced"], document["totals"]) == (2, 0, {})
    claim = document["claims"]["A"]
    assert (claim["lines"], claim["unpriced"], claim["allowed"]) == (0, 2, None)  # no total of nothing as $0.00
