"""A row with a revenue code and no type of bill of its own under a claim id whose rows carry both a hospital's 131 and
a critical access hospital's 851: a UB-04 has one type of bill for all its lines (Form Locator 4, Claims Processing
Manual ch. 25 §75.1), so the claim id holds two bills and the row's cannot be told. It took the 851 row's error
(batch.lines._revenue_coded_on_a_critical_access_bill) as if it were the CAH's; its error now names both types of bill
and asks for the row's own (batch.lines.TWO_BILLS_ERROR, kind bad_setting), the 131 row keeping its OPPS rate (CMS's
Addendum B 2025-10 x the wage factor at ZIP 19146's wage index) and the 851 row its own error. Every order, every
chunk, both engines."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rvucalc import Pricer
from rvucalc.batch.files import run_batch
from rvucalc.cli import app
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP, _opps_by_hand

runner = CliRunner()
HEADER = "Claim ID,Provider,CPT,DOS,Units,POS,Bill Type,Rev Code,Zip Code\n"
HOSPITAL = f"C1,,93005,{DATE},1,22,131,0730,{ZIP}\n"
CAH = f"C1,,71046,{DATE},1,22,851,0324,{ZIP}\n"
BLANK = f"C1,,71046,{DATE},1,22,,0324,{ZIP}\n"


def _rows(tmp_path: Path, text: str) -> dict[str, dict[str, str]]:
    source, out = tmp_path / "ub04.csv", tmp_path / "out.csv"
    source.write_text(HEADER + text)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # the 851 row is an error
    return {row["Bill Type"]: row for row in csv.DictReader(out.open())}


@pytest.mark.parametrize("order", [(HOSPITAL, CAH, BLANK), (BLANK, CAH, HOSPITAL), (CAH, BLANK, HOSPITAL)])
def test_a_blank_bill_type_row_beside_a_131_and_an_851_row_names_both(tmp_path: Path, order: tuple[str, ...]) -> None:
    rows = _rows(tmp_path, "".join(order))
    blank, cah, hospital = rows[""], rows["851"], rows["131"]
    assert blank["error_kind"] == "bad_setting", blank
    assert "851" in blank["error"] and "131" in blank["error"], blank["error"]
    assert "give the row its own type of bill" in blank["error"], blank["error"]
    assert blank["error"] != cah["error"] and "critical access hospital" in cah["error"], cah
    assert hospital["error"] == "" and Decimal(hospital["opps_rate"]) == _opps_by_hand("93005"), hospital
    assert blank["in_totals"] == "false" and blank["allowed"] == "", blank


def test_beside_an_851_row_alone_it_keeps_the_cah_s_error(tmp_path: Path) -> None:
    rows = _rows(tmp_path, CAH + BLANK)
    assert rows[""]["error"] == rows["851"]["error"], rows[""]


@pytest.mark.parametrize("engine", ["pandas", pytest.param("dask", marks=pytest.mark.slow)])
def test_every_chunk_and_engine_reads_it_alike(tmp_path: Path, engine: str) -> None:
    source = tmp_path / "ub04.csv"
    filler = "".join(f"F{n},,99213,{DATE},1,11,,,{ZIP}\n" for n in range(5))
    source.write_text(HEADER + HOSPITAL + filler + CAH + filler.replace("F", "G") + BLANK)
    run_batch(Pricer(), str(source), str(tmp_path / "whole.csv"))
    if engine == "pandas":
        run_batch(Pricer(), str(source), str(tmp_path / "other.csv"), chunk_rows=1)
    else:
        from distributed import Client, LocalCluster

        from rvucalc.batch.dask_engine import run_batch_dask

        with LocalCluster(host="127.0.0.1", protocol="tcp", n_workers=1, threads_per_worker=1, processes=False,
                          dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
            run_batch_dask(Pricer(), str(source), str(tmp_path / "other.csv"), client=client, chunk_rows=1)
    whole = pd.read_csv(tmp_path / "whole.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "other.csv", dtype=str, keep_default_na=False), whole)
    blank = whole.iloc[-1]
    assert blank["error_kind"] == "bad_setting" and "give the row its own type of bill" in blank["error"], blank
