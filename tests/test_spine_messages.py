"""A spine trial's messages: modifier 22's note, 51 on an add-on code, a totals row in the code column, and AS on a
physician's line. The same notes from ``rvucalc price`` and ``rvucalc batch``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.lookup.lines import ADD_ON_51_NOTE, MODIFIER_22_NOTE

runner = CliRunner()


def _price_json(*args: str) -> dict:
    done = runner.invoke(app, ["price", *args, "--zip", "33136", "--format", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _batch(tmp_path: Path, text: str, *options: str) -> list[dict[str, str]]:
    source = tmp_path / "claims.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), *options])
    return list(csv.DictReader(done.stdout.splitlines()))


def test_modifier_22_says_the_mac_may_pay_more_on_review_in_price_and_batch(tmp_path: Path) -> None:
    """22633-22 said "Modifier 22 is informational"; Medicare pays the fee schedule amount unless the MAC, on review,
    pays more (Claims Processing Manual ch. 12 §20.4.6). The amount is 22633's own, as before."""
    done = runner.invoke(app, ["price", "22633-22", "--zip", "33136"])
    assert done.exit_code == 0, done.output
    said = " ".join(done.stdout.split())
    assert "§20.4.6" in said and "Modifier 22 is informational" not in said
    assert "unless the MAC" in said
    rows = _batch(tmp_path, "code,zip\n22633-22,33136\n22633,33136\n")
    assert MODIFIER_22_NOTE in rows[0]["note"] and "informational" not in rows[0]["note"]
    assert rows[0]["pfs_facility_amount"] == rows[1]["pfs_facility_amount"]


def test_modifier_51_on_an_add_on_code_says_it_does_not_apply_in_price_and_batch(tmp_path: Path) -> None:
    """22612 22614-51: 22614 (global ZZZ, multiple procedure indicator 0) is paid in full, as 22614 without 51; a
    note says why its 51 does nothing. The primary 22612-51 has no such note."""
    note = ADD_ON_51_NOTE.format(code="22614")
    with_51, without = _price_json("22612", "22614-51"), _price_json("22612", "22614")
    assert note in json.dumps(with_51) and note not in json.dumps(without)
    assert json.dumps(with_51["lines"][1]["pfs"]["facility"]) == json.dumps(without["lines"][1]["pfs"]["facility"])
    rows = _batch(tmp_path, "claim,code,zip\nA,22612,33136\nA,22614-51,33136\nB,22612,33136\nB,22614,33136\n")
    assert note in rows[1]["note"] and note not in rows[3]["note"] and "Modifier 51 does not" not in rows[0]["note"]
    assert rows[1]["pfs_facility_amount"] == rows[3]["pfs_facility_amount"]


def test_a_totals_row_in_the_code_column_is_a_report_line_not_a_malformed_code(tmp_path: Path) -> None:
    """',,,,Total,,1' (the code column's 'Total', no date, no claim) was a malformed code where 'Total' in the first
    column was a report line; a row with a date and 'TOTAL' as its code is still an error."""
    rows = _batch(tmp_path, "Claim ID,DOS,Patient,Provider,CPT Code,Modifier,Units,Zip\n"
                            "A,2026-08-03,P,MD,22612,,1,33136\n,,,,Total,,1,\n,,,,Grand Total:,,,\nTotal,,,,,,1,\n"
                            "A,2026-08-03,P,MD,TOTAL,,1,33136\n")  # fmt: skip
    assert [row["error_kind"] for row in rows] == ["", "report_line", "report_line", "report_line", "malformed_code"]
    assert "a report's total line" in rows[1]["error"]
