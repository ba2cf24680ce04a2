"""`rvucalc price A B -f json` with one code no installed file lists (an orthopedic trial: `price 20610-RT J1030
-f json` wrote nothing, exit 1, where batch priced 20610 and errored the J1030 row). README, "Exit codes" (1): `price
-f json` / `-f csv` still write the result of the codes it knows: the encounter of those codes, each unknown code's
error in the output (JSON's `errors`, a CSV row with batch's `error` and `error_kind` columns), exit 1. The table
shows the known codes' encounter, the unknown code's error on stderr (a pain practice's trial: `price 63650 63650-59
L8680` printed L8680's error alone, the two 63650 lines nowhere). A line Medicare denies (98940 without AT, a GY line)
is one such line too (a chiropractic trial: `price 98940 99213` printed the denial alone, where batch paid 99213)."""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee

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
    # The table: the known codes' encounter, the error on stderr, exit 1; a code alone: its error, as before.
    result = runner.invoke(app, given)
    assert result.exit_code == 1 and f"${known.totals['office'].total:,}" in result.stdout
    assert "line 2 (J1030)" in result.stderr and "The encounter is priced without it." in result.stderr
    priced, _, apart = result.stdout.partition("Lines not priced")  # listed apart, below the priced lines
    assert "J1030" not in priced and "J1030" in apart
    result = runner.invoke(app, ["price", "J1030", *ARGS, "-f", "json"])  # alone: its error object alone
    assert result.exit_code == 1 and json.loads(result.stdout) == {"errors": [{**data["errors"][0], "line": 1}]}


def test_the_trial_s_table_shows_the_two_63650_lines_beside_l8680(pricer: Pricer) -> None:
    """`price 63650 63650-59 L8680 --units 1 --units 1 --units 16`: the two electrode implants are CMS's fee (the RVU
    and GPCI files) and the second at 50% (multiple procedure rule, Claims Processing Manual ch. 12 §40.6.B); L8680,
    which no installed file lists, said on stderr; exit 1, as -f json."""
    given = ["price", "63650", "63650-59", "L8680", "--units", "1", "--units", "1", "--units", "16", "--zip", "30309",
             "--date", "2026-08-10", "--setting", "11"]  # fmt: skip
    result = runner.invoke(app, given)
    assert result.exit_code == 1
    fee = _cms_fee(pricer, "63650", "30309", 2026)["non_facility"]
    second = (fee / 2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"${fee:,}" in result.stdout and f"${second:,}" in result.stdout and f"${fee + second:,}" in result.stdout
    priced, _, apart = result.stdout.partition("Lines not priced")
    assert "L8680" not in priced and "L8680" in apart
    assert "line 3 (L8680)" in result.stderr and "The encounter is priced without it." in result.stderr
    assert "its error is in the output" not in result.stderr
    data = json.loads(runner.invoke(app, [*given, "-f", "json"]).stdout)
    assert Decimal(str(data["totals"]["office"]["total"])) == fee + second


# -- a denied line ---------------------------------------------------------------------------------------------------

DENIED = ["--zip", "10001", "--date", "2026-08-05", "--setting", "11"]


def test_a_denied_line_beside_another_is_priced_without_it_in_every_format(pricer: Pricer) -> None:
    """98940 without AT is maintenance therapy, which Medicare does not pay (Benefit Policy Manual ch. 15 §240.1.3;
    MLN Matters SE1602): its error, kind denied, on stderr and in the output; 99213 is CMS's fee; exit 1."""
    fee = _cms_fee(pricer, "99213", "10001", 2026)["non_facility"]
    given = ["price", "98940", "99213", *DENIED]
    table = runner.invoke(app, given)
    assert table.exit_code == 1 and f"${fee:,}" in table.stdout
    priced, _, apart = table.stdout.partition("Lines not priced")
    assert "98940" not in priced and "98940" in apart
    assert "line 1 (98940): 98940 without AT" in table.stderr and "The encounter is priced without it." in table.stderr
    result = runner.invoke(app, [*given, "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [line["code"] for line in data["lines"]] == ["99213"]
    assert Decimal(str(data["totals"]["office"]["total"])) == fee
    assert [(e["line"], e["code"], e["error_kind"]) for e in data["errors"]] == [(1, "98940", "denied")]
    result = runner.invoke(app, [*given, "-f", "csv"])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["code"], row["error_kind"]) for row in rows] == [("98940", "denied"), ("99213", "")]


def test_a_gy_line_beside_another_is_priced_without_it() -> None:
    """GY: a statutorily excluded service, denied (every schedule): the encounter's other line priced, exit 1."""
    result = runner.invoke(app, ["price", "99213", "20610-GY", *DENIED, "-f", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [line["code"] for line in data["lines"]] == ["99213"]
    assert [(e["line"], e["code"], e["error_kind"]) for e in data["errors"]] == [(2, "20610-GY", "denied")]


def test_a_denied_code_alone_keeps_its_error_alone() -> None:
    """The table: nothing on stdout; JSON and CSV: the error object alone (tests/test_price_errors_in_output.py)."""
    for fmt in ("table", "json", "csv"):
        result = runner.invoke(app, ["price", "98940", *DENIED, "-f", fmt])
        assert result.exit_code == 1 and "98940 without AT" in result.stderr
        shown = result.stdout.strip()
        assert not shown if fmt == "table" else "denied" in shown and "99213" not in shown
    errors = json.loads(runner.invoke(app, ["price", "98940", *DENIED, "-f", "json"]).stdout)["errors"]
    assert [(e["line"], e["code"], e["error_kind"]) for e in errors] == [(1, "98940", "denied")]


def test_every_line_denied_or_unknown_says_each_line_s_error() -> None:
    """`price 98940 98941`: both denied (no AT), nothing priced: both errors said, not the last alone; exit 1."""
    result = runner.invoke(app, ["price", "98940", "98941", *DENIED])
    assert result.exit_code == 1 and not result.stdout.strip()
    assert "line 1 (98940): 98940 without AT" in result.stderr and "98941 without AT" in result.stderr
    assert "priced without it" not in result.stderr


def test_a_line_error_s_line_is_the_number_the_output_gives_it() -> None:
    """``UnknownLineError.line`` (and the other line errors') counts from 1, as the CLI's message (``line 2 (J1030)``)
    and the JSON's ``errors[].line`` do: it counted from 0, so an API caller's line 1 was the CLI's line 2.
    ``index`` is the code's position in the list (from 0)."""
    from rvucalc.lookup.pricer import UnknownLineError

    codes = ["20610-RT", "J1030", "99213"]
    try:
        Pricer().price_encounter(codes, zip_code="60611", date_of_service="2026-09-10", setting="11")
    except UnknownLineError as error:
        raised = error
    else:
        raise AssertionError("J1030 is in no installed file: the encounter must name its line")
    result = runner.invoke(app, ["price", *codes, *ARGS, "-f", "json"])
    [said] = json.loads(result.stdout)["errors"]
    assert (raised.line, raised.index, codes[raised.index]) == (said["line"], 1, "J1030") == (2, 1, "J1030")
    assert f"line {raised.line} (J1030)" in result.stderr
