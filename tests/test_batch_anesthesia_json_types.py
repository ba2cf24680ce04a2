"""batch's anesthesia columns in JSON and Parquet: numbers where an anesthesia line has them, null on the other
lines, as an absent amount is there (they were text, "" on every other line). ``anesthesia_base_units`` an integer, as
those formats' units are; ``anesthesia_time_units`` and ``anesthesia_conversion_factor`` float64, as their money is.
The CSV keeps its text. The input is a claim's as the README documents anesthesia time: the units cell of an
anesthesia line is its minutes (no minutes column; Claims Processing Manual ch. 12 §50.G), with a base_units column."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

COLUMNS = ("anesthesia_base_units", "anesthesia_time_units", "anesthesia_conversion_factor")


def test_anesthesia_columns_are_numbers_or_null_in_json_and_parquet(pricer: Pricer, tmp_path: Path) -> None:
    store = pricer.store(next(r for r in pricer.catalogue.releases("pfs") if r.release == "2026C"))
    cf = Decimal(store.anesthesia_cf("1320201")["anes_cf"]).scaleb(-2)  # CMS's ANES file, Manhattan
    source = tmp_path / "claims.csv"
    source.write_text("code,modifier,zip,date,units,base_units\n"
                      "99213,,10001,2026-08-03,1,\n"
                      "00840,,10001,2026-08-03,60,6\n")  # fmt: skip
    for suffix in ("json", "parquet", "csv"):
        done = CliRunner().invoke(app, ["batch", str(source), "-o", str(tmp_path / f"out.{suffix}")])
        assert done.exit_code == 0, done.output
    # 60 minutes: 4.0 time units (minutes / 15, to one decimal: ch. 12 §50.G); 6 base units as given
    rows = json.loads((tmp_path / "out.json").read_text())
    assert [[row[name] for name in COLUMNS] for row in rows] == [[None, None, None], [6, 4.0, float(cf)]]
    assert type(rows[1]["anesthesia_base_units"]) is int and type(rows[1]["anesthesia_time_units"]) is float
    assert type(rows[1]["anesthesia_conversion_factor"]) is type(rows[1]["pfs_non_facility_amount"]) is float
    table = pq.read_table(tmp_path / "out.parquet")
    types = {name: table.schema.field(name).type for name in (*COLUMNS, "units", "pfs_non_facility_amount")}
    assert types == {"anesthesia_base_units": pa.int64(), "anesthesia_time_units": pa.float64(),
                     "anesthesia_conversion_factor": pa.float64(), "units": pa.int64(),
                     "pfs_non_facility_amount": pa.float64()}  # fmt: skip
    present = dict(zip(COLUMNS, [6, 4.0, float(cf)], strict=True))
    assert table.select(list(COLUMNS)).to_pylist() == [dict.fromkeys(COLUMNS), present]
    with (tmp_path / "out.csv").open() as handle:
        written = [[row[name] for name in COLUMNS] for row in csv.DictReader(handle)]
    assert written == [["", "", ""], ["6", "4.0", str(cf)]]  # the CSV as it was
