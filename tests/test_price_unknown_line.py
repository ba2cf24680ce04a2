"""`rvucalc price A B -f json` with one code no installed file lists (an orthopedic trial: `price 20610-RT J1030
-f json` wrote nothing, exit 1, where batch priced 20610 and errored the J1030 row). README, "Exit codes" (1): `price
-f json` / `-f csv` still write the result of the codes it knows: the encounter of those codes, each unknown code's
error in the output (JSON's `errors`, a CSV row with batch's `error` and `error_kind` columns), exit 1. The table
keeps the error alone on stderr."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer

runner = CliRunner()
ARGS = ["--zip", "60611", "--date", "2026-09-10", "--setting", "11"]


def test_an_unknown_code_beside_known_ones_leaves_the_encounter_of_the_known_ones_in_json_and_csv() -> None:
    given = ["price", "20610-RT", "J1030", "99213", "--units", "1", "--units", "2", "--units", "1", *ARGS]
    result = runner.invoke(app, [*given, "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [line["code"] for line in data["lines"]] == ["20610", "99213"]
    assert [(e["line"], e["code"], e["error_kind"]) for e in data["errors"]] == [(2, "J1030", "unknown_code")]
    assert "J1030 is not in the 2026 fee schedule" in data["errors"][0]["error"]
    assert "line 2 (J1030)" in result.stderr
    # The same encounter as the known codes alone, and as batch prices the claim (its J1030 row an error).
    known = Pricer().price_encounter(["20610-RT", "99213"], zip_code="60611", date_of_service="2026-09-10",
                                     setting="11")  # fmt: skip
    assert Decimal(str(data["totals"]["office"]["total"])) == known.totals["office"].total
    rows = [{"claim": "A", "code": code, "units": units, "zip": "60611", "date": "2026-09-10", "setting": "11"}
            for code, units in (("20610-RT", "1"), ("J1030", "2"), ("99213", "1"))]  # fmt: skip
    out = BatchPricer(Pricer()).price_table(pa.table({k: [r[k] for r in rows] for k in rows[0]})).to_pylist()
    assert [row["error_kind"] for row in out] == ["", "unknown_code", ""]
    for row, line in zip([out[0], out[2]], data["lines"], strict=True):
        assert Decimal(str(row["allowed"])) == Decimal(str(line["sites"][0]["total"]))
    # CSV: a row per line, the unknown one in its place with its error.
    result = runner.invoke(app, [*given, "-f", "csv"])
    assert result.exit_code == 1
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["code"] for row in table] == ["20610", "J1030", "99213"]
    assert table[1]["error_kind"] == "unknown_code" and table[0]["error"] == table[2]["error"] == ""
    assert table[0]["description"] and not table[1]["description"]
    # The table: the error alone, nothing on stdout (README); a code alone: its error, as before.
    result = runner.invoke(app, given)
    assert result.exit_code == 1 and not result.stdout.strip()
    result = runner.invoke(app, ["price", "J1030", *ARGS, "-f", "json"])
    assert result.exit_code == 1 and not result.stdout.strip()
