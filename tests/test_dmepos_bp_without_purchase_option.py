"""BP (the beneficiary elected to purchase) on a power wheelchair base that has no purchase option (groups 1-2
without power options, K0813-K0834: a capped rental alone; only complex rehabilitative power wheelchairs, K0835-K0843
and K0848-K0864, may be bought when first furnished, 42 CFR 414.202, 414.229) says it has no effect, where
`rvucalc price K0823-RR-BP` priced the rental with no word; the amount stays the rental's (CMS's MT fee). A complex
rehab chair's BP is left without it. Price and batch alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

runner = CliRunner()
DATE = "2026-03-02"
ZIP = "59101"
NO_EFFECT = "BP (the beneficiary elected to purchase) has no effect on"


def _price(line: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def _said(single: dict[str, Any]) -> bool:
    return any(note.startswith(NO_EFFECT) for note in single["dmepos"]["notes"])


def test_bp_on_a_power_wheelchair_without_a_purchase_option_is_said(tmp_path: Path) -> None:
    standard, rental, complex_rehab = _price("K0823-RR-BP"), _price("K0823-RR"), _price("K0835-RR-BP")
    assert _said(standard) and not _said(rental) and not _said(complex_rehab)
    assert standard["dmepos"]["amount"] == rental["dmepos"]["amount"]  # as billed: the rental's
    rows = [{"code": "K0823", "modifier": modifiers, "zip": ZIP, "date": DATE} for modifiers in ("RR-BP", "RR")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [NO_EFFECT in row["note"] for row in out] == [True, False], out[0]["note"]
    assert [row["dmepos_amount"] for row in out] == [f"{rental['dmepos']['amount']:.2f}"] * 2
