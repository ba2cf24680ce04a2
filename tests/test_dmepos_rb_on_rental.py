"""RB (a part replaced in a repair) on a rental month (RR) says a rented item's repairs are the supplier's, included
in the rental payment (Benefit Policy Manual ch. 15 §110.2.A), where `rvucalc price E0260-RR-KJ-RB` priced the month
with no word; the amount stays the rental month's (CMS's MT fee with KJ's 75%). Price and batch alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.schedules import RENTED_REPAIR_NOTE

runner = CliRunner()
DATE = "2026-03-02"
ZIP = "59101"


def _price(line: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_rb_on_a_rental_month_says_the_repair_is_the_rentals(tmp_path: Path) -> None:
    repaired, month = _price("E0260-RR-KJ-RB"), _price("E0260-RR-KJ")
    assert RENTED_REPAIR_NOTE in repaired["dmepos"]["notes"]
    assert RENTED_REPAIR_NOTE not in month["dmepos"]["notes"]
    assert repaired["dmepos"]["amount"] == month["dmepos"]["amount"]  # as billed: the rental month's
    rows = [{"code": "E0260", "modifier": modifiers, "zip": ZIP, "date": DATE} for modifiers in ("RR-KJ-RB", "RR-KJ")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [RENTED_REPAIR_NOTE in row["note"].split("; ") for row in out] == [True, False], out[0]["note"]
    assert [row["dmepos_amount"] for row in out] == [f"{month['dmepos']['amount']:.2f}"] * 2
