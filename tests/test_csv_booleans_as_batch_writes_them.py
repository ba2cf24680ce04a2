"""A boolean in CSV is `true`/`false` in every command, as batch writes its own (the README's contract for batch's
`in_totals`: "CSV `true`/`false`"): `rvucalc price 99213 --zip 10001 -f csv`, `compare -f csv` and `data status -f
csv` wrote Python's `True`/`False`, so a script reading price's and batch's CSV alike met both spellings."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows  # (tests/ on the path)
from rvucalc.cli import app

runner = CliRunner()
LOWER = {"true", "false"}


def _rows(*args: str) -> list[dict[str, str]]:
    done = runner.invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_price_csv_booleans_are_batch_s_true_false(tmp_path: Path) -> None:
    [row] = _rows("price", "99213", "--zip", "10001", "--date", "2026-03-02", "-f", "csv")
    done, [line] = run_batch_rows(tmp_path, [{"code": "99213", "zip": "10001", "date": "2026-03-02", "pos": "11"}])
    assert done.exit_code == 0, done.output
    assert line["in_totals"] == "true"  # batch's, as the README documents it
    for column in ("non_facility_payable", "facility_payable", "in_pfs", "contractor_priced", "site_office_payable"):
        assert row[column] in LOWER, (column, row[column])
    assert (row["site_office_payable"], row["contractor_priced"]) == ("true", "false")


def test_compare_csv_booleans_are_true_false() -> None:
    [row] = _rows("compare", "99213", "--from", "2025", "--to", "2026", "-f", "csv")
    capped = [row[name] for name in row if name.endswith(("_capped_before", "_capped_after"))]
    assert capped and set(capped) <= LOWER


def test_data_status_csv_booleans_are_true_false() -> None:
    rows = _rows("data", "status", "-f", "csv")
    assert rows and {row["pinned"] for row in rows} <= LOWER
