"""A professional-only code (93010: PC/TC indicator 2 in PPRRVU2025_Oct, Addendum B's SI M, "Items and Services Not
Billable to the MAC") with a revenue code and no type of bill of its own, beside a hospital's 131 row of its claim id,
is the practitioner's line, not a line of the hospital's bill (batch.lines._revenue_coded_on_the_facility_bill, with
BatchPricer._professional_only_rows; 42 CFR 411.351: outpatient hospital services do not include physicians'
professional services paid independently). It was taken into the 131 bill: its $8.06 PFS facility fee in no claim's
total (--summary's professional total absent, the claim's professional_lines 0). Every chunk and both engines alike;
`rvucalc price 93010 --setting 22` says the same $8.06."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
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
ROWS = f"C1,,93005,{DATE},1,22,131,0730,{ZIP}\nC1,,93010,{DATE},1,22,,0730,{ZIP}\n"
# PPRRVU2025_Oct's 93010 row (work 0.17, facility PE 0.06, MP 0.01, CF 32.3465) at GPCI2025's METROPOLITAN
# PHILADELPHIA (12502/01: 1.024, 1.053, 1.177), rounded once
BY_HAND = (
    (Decimal("0.17") * Decimal("1.024") + Decimal("0.06") * Decimal("1.053") + Decimal("0.01") * Decimal("1.177"))
    * Decimal("32.3465")
).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _run(tmp_path: Path, rows: str) -> tuple[list[dict[str, str]], dict]:  # type: ignore[type-arg]
    source, out, summary = tmp_path / "ub04.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    return list(csv.DictReader(out.open())), json.loads(summary.read_text())


def test_a_professional_only_code_with_the_hospital_s_revenue_code_is_the_practitioner_s_line(tmp_path: Path) -> None:
    rows, summary = _run(tmp_path, ROWS)
    tracing, reading = rows
    assert Decimal("8.06") == BY_HAND
    assert Decimal(tracing["opps_rate"]) == _opps_by_hand("93005"), tracing
    assert Decimal(reading["professional_allowed"]) == BY_HAND, reading
    totals = summary["totals"]
    assert totals["facility_claims"]["lines"] == 1, totals  # the 131 bill's 93005 alone
    assert totals["professional"]["lines"] == 1 and Decimal(totals["professional"]["allowed"]) == BY_HAND, totals
    claims = summary["claims"]
    assert claims["C1 (practitioner)"]["professional_lines"] == 1, claims
    assert Decimal(claims["C1 (practitioner)"]["professional_allowed"]) == BY_HAND, claims
    done = runner.invoke(app, ["price", "93010", "--setting", "22", "--zip", ZIP, "--date", DATE])
    assert done.exit_code == 0 and f"${BY_HAND}" in done.output, done.output


def test_a_code_the_hospital_bills_with_a_revenue_code_stays_on_the_bill(tmp_path: Path) -> None:
    """93005 (PC/TC 3, SI Q1) under the same claim id without a type of bill of its own is the bill's line still."""
    _, summary = _run(tmp_path, f"C1,,71046,{DATE},1,22,131,0324,{ZIP}\nC1,,93005,{DATE},1,22,,0730,{ZIP}\n")
    assert summary["totals"]["facility_claims"]["lines"] == 2, summary["totals"]
    assert "professional" not in summary["totals"], summary["totals"]


def test_a_professional_only_code_beside_a_cah_s_851_row_keeps_its_reading(tmp_path: Path) -> None:
    source, out = tmp_path / "ub04.csv", tmp_path / "out.csv"
    source.write_text(HEADER + f"C1,,93005,{DATE},1,22,851,0730,{ZIP}\nC1,,93010,{DATE},1,22,,0730,{ZIP}\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 1, done.output  # the 851 row
    cah, reading = list(csv.DictReader(out.open()))
    assert cah["error_kind"] == "bad_setting", cah
    assert reading["error"] == "" and Decimal(reading["professional_allowed"]) == BY_HAND, reading


def test_every_chunk_reads_it_alike(tmp_path: Path) -> None:
    source = tmp_path / "ub04.csv"
    source.write_text(HEADER + "".join(ROWS.replace("C1,", f"C{n},") for n in range(1, 4)))
    pricer = Pricer()
    try:
        run_batch(pricer, str(source), str(tmp_path / "whole.csv"))
        run_batch(pricer, str(source), str(tmp_path / "chunked.csv"), chunk_rows=1)
    finally:
        pricer.close()
    whole = pd.read_csv(tmp_path / "whole.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "chunked.csv", dtype=str, keep_default_na=False), whole)
    assert (whole.loc[whole["CPT"] == "93010", "professional_allowed"] == str(BY_HAND)).all()


@pytest.mark.slow
def test_the_dask_engine_reads_it_alike(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    from rvucalc.batch.dask_engine import run_batch_dask

    source = tmp_path / "ub04.csv"
    source.write_text(HEADER + ROWS)
    run_batch(Pricer(), str(source), str(tmp_path / "here.csv"))
    with LocalCluster(host="127.0.0.1", protocol="tcp", n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:  # fmt: skip
        run_batch_dask(Pricer(), str(source), str(tmp_path / "dask.csv"), client=client)
    here = pd.read_csv(tmp_path / "here.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False), here)
    assert here.loc[1, "professional_allowed"] == str(BY_HAND)
