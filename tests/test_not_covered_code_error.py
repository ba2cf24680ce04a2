"""A code on no installed file of its year whose earlier OPPS Addendum B marks it SI E1 (not covered by any Medicare
outpatient benefit category: Addendum D1's status indicator definitions) says so, in price and batch alike; the error
stays a code not found (exit 1). A trial's `price 0079U --date 2026-08-03` read only "in the CY2025 files"."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

ADDENDUM_B = (
    Path(__file__).resolve().parents[1] / "data/opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
)
SAID = "OPPS Addendum B 2025-10, SI E1: not covered by any Medicare outpatient benefit"


def _si(code: str) -> str:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return next(row[2] for row in csv.reader(handle) if row and row[0] == code)


def test_an_e1_code_names_its_not_covered_status(pricer: Pricer) -> None:
    assert _si("0079U") == "E1"  # CMS's October 2025 Addendum B
    done = CliRunner().invoke(app, ["price", "0079U", "--zip", "37203", "--date", "2026-08-03"])
    assert done.exit_code == 1 and SAID in " ".join(done.output.split())
    table = pa.table({"code": ["0079U"], "date": ["2026-08-03"], "zip": ["37203"]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert SAID in str(row["error"])


def test_a_code_of_another_indicator_is_not_called_not_covered(pricer: Pricer) -> None:
    done = CliRunner().invoke(app, ["price", "C5271", "--date", "2026-08-01"])
    assert "SI E1" not in " ".join(done.output.split()) and _si("C5271") != "E1"
