"""A ZIP CMS's ZIP5 file marks split between PFS localities by ZIP+4 (33440, Florida) warns so on a line the PFS prices,
and not on a DME item's, lab's or drug's line: a DMEPOS fee is the state's, a CLFS rate and an ASP payment limit are
national, so no PFS locality changes them (a DME trial: `rvucalc price E1390-RR --zip 33440 --rural` said the ZIP is
split between localities, and batch's rows of DMEPOS codes carried the note). Price and batch alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

runner = CliRunner()
DATE = "2026-08-03"
ZIP = "33440"
SPLIT = "split between localities by ZIP+4"
OTHER_SCHEDULES = {"E1390-RR": "dmepos", "80053": "clfs", "J1100": "drug"}


def _price(*args: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_a_split_zip_is_warned_on_pfs_lines_alone() -> None:
    visit = _price("99213")
    assert any(SPLIT in warning for warning in visit["warnings"]), visit["warnings"]  # CMS's ZIP5 file's PLUS4 flag
    for code, schedule in OTHER_SCHEDULES.items():
        single = _price(code)
        assert single["paid_by"] == schedule and single[schedule]["amount"], (code, single["paid_by"])
        assert not any(SPLIT in warning for warning in single["warnings"]), (code, single["warnings"])
    encounter = _price("99213", *OTHER_SCHEDULES)
    said = [any(SPLIT in warning for warning in line["warnings"]) for line in encounter["lines"]]
    assert said == [True, False, False, False], said
    assert any(SPLIT in warning for warning in encounter["warnings"])  # the visit's


def test_batch_rows_of_other_schedules_leave_the_split_out(tmp_path: Path) -> None:
    codes = ["99213", *OTHER_SCHEDULES]
    rows = [{"code": code, "zip": ZIP, "date": DATE} for code in codes]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [SPLIT in row["note"] for row in out] == [True, False, False, False], [row["note"] for row in out]
    for code, row in zip(codes, out, strict=True):  # as the single lookup's line warnings
        single = _price(code)
        warned = [warning for warning in single["warnings"] if SPLIT in warning]
        assert all(warning in row["note"].split("; ") for warning in warned), (code, row["note"])
