"""G2066 (remote monitoring technical support of a loop recorder or physiologic monitor) was deleted for 2024, its
technical component now 93297's and 93298's (RVU25A and RVU26C price their TC rows): `price 93297 G2066` offered
G2067-G2069 (opioid treatment program codes). Price and batch give the same text, kind unknown_code, exit 1."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from cms_fees import DATA
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.pfs import deleted_code_message
from rvucalc.errors import ErrorKind, NotFoundError
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()


def test_g2066_says_deleted_and_names_93297_93298_in_price_and_batch() -> None:
    pricer = Pricer()
    with pytest.raises(NotFoundError) as caught:
        pricer.price("G2066", zip_code="30303", date_of_service="2026-03-31")
    said = str(caught.value)
    assert caught.value.kind is ErrorKind.UNKNOWN_CODE
    assert "Did you mean" not in said and "deleted from HCPCS for 2024" in said
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        technical = {row[0] for row in csv.reader(handle) if row[:2] in (["93297", "TC"], ["93298", "TC"])}
    assert technical == {"93297", "93298"} and all(f"{code}-TC" in said for code in technical)
    [row] = (
        BatchPricer(pricer)
        .price_table(pa.Table.from_pylist([{"code": "G2066", "zip": "30303", "date": "2026-03-31"}]))
        .to_pylist()
    )
    assert row["error"] == said and row["error_kind"] == "unknown_code"
    assert deleted_code_message("G2066", 2023) is None


def test_g2066_cli_exit_code(tmp_path: Path) -> None:
    done = runner.invoke(app, ["price", "G2066", "--zip", "30303", "--date", "2026-03-31"])
    assert done.exit_code == 1 and done.stdout == ""
    assert "deleted from HCPCS for 2024" in done.stderr and "G2067" not in done.stderr
