"""The DMEPOS rural hint ("the non-rural fee is used (the rural one: --rural ...)") only where the state's rural fee
differs from its non-rural one: a rural column of 0 pays a rural patient the non-rural fee, so --rural changes
nothing (an optometry trial's V2020 for an Arizona ZIP, DMEPOS26_JAN's AZ (R) 0, was told to try --rural). Price and
batch alike (one implementation: lookup.schedules._dmepos)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.lookup.schedules import DMEPOS_RURAL_NOTE

runner = CliRunner()
DATE = "2026-03-02"
ZIP = "85936"  # Arizona


def _price(*args: str) -> tuple[dict[str, Any], str]:
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    table = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE])
    assert table.exit_code == 0, table.output
    return json.loads(done.stdout), table.stdout


def test_no_rural_hint_where_the_rural_column_is_zero(tmp_path: Path) -> None:
    lens, lens_table = _price("V2020")
    bed, bed_table = _price("E0260-RR")
    # CMS's file: V2020 has no AZ rural fee (0), E0260-RR a higher one
    assert lens["dmepos"]["rural"] is None and lens["dmepos"]["amount"] == lens["dmepos"]["non_rural"]
    assert float(bed["dmepos"]["rural"]) > float(bed["dmepos"]["non_rural"]) == float(bed["dmepos"]["amount"])
    assert DMEPOS_RURAL_NOTE not in lens["dmepos"]["notes"] and "--rural" not in lens_table
    assert DMEPOS_RURAL_NOTE in bed["dmepos"]["notes"] and "--rural" in bed_table
    done, out = run_batch_rows(tmp_path, [{"code": "V2020", "modifier": "", "zip": ZIP, "date": DATE},
                                          {"code": "E0260", "modifier": "RR", "zip": ZIP, "date": DATE}])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [DMEPOS_RURAL_NOTE in row["note"] for row in out] == [False, True], [row["note"] for row in out]
    assert [row["dmepos_amount"] for row in out] == [f"{single['dmepos']['amount']:.2f}" for single in (lens, bed)]


def test_no_rural_file_note_where_the_rural_cell_says_n(tmp_path: Path) -> None:
    """A rural cell of N says the patient is not rural: the DMEPOS rural ZIP file rvucalc lacks is not needed there,
    so the row no longer says it is not installed (a trial's E0260-RR rows with rural N said it); the fee is the
    non-rural one, as price's without --rural. A blank cell (the run's --rural, not given) still says it."""
    bed, _ = _price("E0260-RR")
    assert float(bed["dmepos"]["rural"]) > float(bed["dmepos"]["non_rural"])  # the file's AZ fees differ
    day = {"code": "E0260", "modifier": "RR", "zip": ZIP, "date": DATE}
    done, out = run_batch_rows(tmp_path, [{**day, "rural": "N"}, {**day, "rural": ""}, {**day, "rural": "Y"}])
    assert done.exit_code == 0, done.output
    assert [DMEPOS_RURAL_NOTE in row["note"] for row in out] == [False, True, False], [row["note"] for row in out]
    assert [row["dmepos_amount"] for row in out] == [
        f"{bed['dmepos'][fee]:.2f}" for fee in ("non_rural",) * 2 + ("rural",)
    ]
