"""A critical access hospital's outpatient bill (type of bill 85x) is paid 101% of its reasonable cost (42 CFR 413.70),
not the OPPS: rvucalc refuses its 851 row. The type of bill is the UB-04's Form Locator 4, the bill's, one for all its
lines (Claims Processing Manual ch. 25 §75.1), yet a revenue-coded row of the same claim id with a blank type of bill
(POS 22) was priced at the OPPS rate as a hospital's 13x line: 71046's $91.29 (CMS's Addendum B x the wage factor at
ZIP 19146's wage index, test_batch_facility_claim_entry_of_hb_and_pb_export._opps_by_hand) plus its PFS facility fee,
counted in the run's totals. It is a line of the CAH's bill, with the 851 row's error (batch.lines.
_revenue_coded_on_a_critical_access_bill), in a chunked run too; its 26 line (a practitioner's claim, ch. 12
§20.4.2), a professional fee's revenue code (096x-098x: ch. 4 §250.2's Method II lines) and a row at POS 11 keep
their reading."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app
from test_batch_facility_claim_entry_of_hb_and_pb_export import DATE, ZIP, _opps_by_hand

runner = CliRunner()
HEADER = "Claim ID,Provider,CPT,DOS,Units,POS,Bill Type,Rev Code,Zip Code\n"


def _run(tmp_path: Path, rows: str, *extra: str) -> tuple[list[dict[str, str]], dict]:  # type: ignore[type-arg]
    source, out, summary = tmp_path / "ub04.csv", tmp_path / "out.csv", tmp_path / "s.json"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary), *extra])
    assert done.exit_code == 1, done.output  # the 851 row is an error
    return list(csv.DictReader(out.open())), json.loads(summary.read_text())


@pytest.mark.parametrize("chunked", [False, True])
def test_a_revenue_coded_row_beside_a_cah_s_851_row_has_the_851_row_s_error(tmp_path: Path, chunked: bool) -> None:
    filler = "".join(f"F{n},,99213,{DATE},1,11,,,{ZIP}\n" for n in range(150 if chunked else 1))
    rows, summary = _run(
        tmp_path,
        f"C1,,93306,{DATE},1,22,851,0483,{ZIP}\n{filler}C1,,71046,{DATE},1,22,,0324,{ZIP}\n",
        *(["--chunk-rows", "100"] if chunked else []),
    )
    assert _opps_by_hand("71046") == Decimal("91.29")  # what the 71046 row was priced at beside the 851
    echo, chest = rows[0], rows[-1]
    assert echo["error_kind"] == "bad_setting" and "critical access hospital" in echo["error"], echo
    assert chest["error"] == echo["error"] and chest["error_kind"] == echo["error_kind"], chest
    assert chest["allowed"] == "" and chest["opps_rate"] == "" and chest["in_totals"] == "false", chest
    assert summary["error_kinds"]["bad_setting"] == 2, summary["error_kinds"]
    assert "hopd" not in summary["totals"], summary["totals"]  # the office visits of the other claims alone


@pytest.mark.parametrize(
    "line", ["71046-26,{d},1,22,,0324", "71046,{d},1,22,,0972", "71046,{d},1,11,,0324"]
)  # fmt: skip
def test_a_practitioner_s_line_beside_a_cah_s_851_row_keeps_its_reading(tmp_path: Path, line: str) -> None:
    rows, _ = _run(tmp_path, f"C1,,93306,{DATE},1,22,851,0483,{ZIP}\nC1,,{line.format(d=DATE)},{ZIP}\n")
    assert rows[1]["error"] == "" and Decimal(rows[1]["allowed"]) > 0, rows[1]


@pytest.mark.parametrize("chunked", [False, True])
def test_a_131_row_under_the_851_row_s_claim_id_keeps_its_own_type_of_bill(tmp_path: Path, chunked: bool) -> None:
    """A row with a type of bill of its own (131) is read by that bill, not given the 851 row's error (a review found
    93306's 131 row refused as the CAH's once its claim id also held a blank-TOB revenue-coded row), in a chunked run
    too (the 851 row and the 131 row in different chunks)."""
    filler = "".join(f"F{n},,99213,{DATE},1,11,,,{ZIP}\n" for n in range(150 if chunked else 0))
    chunk = ["--chunk-rows", "100"] if chunked else []
    rows, _ = _run(tmp_path, f"C6,,71046,{DATE},1,22,,0324,{ZIP}\nC6,,93306,{DATE},1,22,131,0483,{ZIP}\n{filler}"
                             f"C6,,93306,{DATE},1,22,851,0483,{ZIP}\n", *chunk)  # fmt: skip
    assert rows[-1]["error_kind"] == "bad_setting", rows[-1]
    assert rows[1]["error"] == "" and Decimal(rows[1]["opps_rate"]) == _opps_by_hand("93306"), rows[1]
