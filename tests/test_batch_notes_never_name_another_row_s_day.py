"""A note batch keeps once per quarter must not carry the day of the row that first made it. At 1,000,000
realistic lines, J1833 on 2026-05-25 said the ASP file used was "the one used for 2026-05-20" (another claim's
date, priced earlier in the run), and which day it named changed with ``--chunk-rows``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from conftest import realistic_claims
from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app

runner = CliRunner()


def test_a_drug_off_the_asp_file_names_its_quarter_on_every_row_of_it(pricer: Any) -> None:
    # J9277: on CMS's ASC Addendum BB (PI K2) from April 2026, on no installed ASP file (2026-01 alone)
    days = ["2026-08-10", "2026-09-15", "2026-08-03"]
    table = pa.table({"code": ["J9277"] * 3, "units": ["790"] * 3, "zip": ["37203"] * 3, "date": days,
                      "setting": ["office"] * 3})  # fmt: skip
    out = BatchPricer(pricer).price_table(table).to_pylist()
    for day, row in zip(days, out, strict=True):
        single = pricer.price("J9277", units=790, zip_code="37203", date_of_service=day, setting="office")
        reason = single.drug.reason
        assert "the one used for the 2026-07 quarter" in reason and "2026-0" + day[6] + "-" not in reason
        assert reason in row["note"], (day, row["note"])


@pytest.mark.slow
def test_how_many_rows_a_chunk_holds_changes_no_byte_of_a_realistic_file(tmp_path: Path) -> None:
    source = realistic_claims(4_000, tmp_path / "claims.csv", seed=23)

    def priced(chunk_rows: str) -> bytes:
        out = tmp_path / f"out-{chunk_rows}.csv"
        result = runner.invoke(app, ["batch", str(source), "-o", str(out), "-q", "--chunk-rows", chunk_rows])
        assert result.exit_code in (0, 1), result.output  # the generator's bad rows exit 1
        return out.read_bytes()

    assert priced("75000") == priced("300")
