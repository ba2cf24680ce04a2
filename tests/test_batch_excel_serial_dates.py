"""A date column saved as numbers (a sheet whose date column lost its format before it was saved as CSV): a review's
46237 was "not a date" with no hint. The row's error says it looks like an Excel serial date, the day it would be
(Excel's 1900 date system: days since 1899-12-30 for any date after February 1900), and how to fix it; the number is
not read as that day (never guessed). `price --date` says the same (one grammar)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_an_excel_serial_date_is_said_with_its_day_and_the_fix(tmp_path: Path) -> None:
    day = (dt.date(1899, 12, 30) + dt.timedelta(days=46237)).isoformat()  # Excel's serial 46237
    source, target = tmp_path / "serial.csv", tmp_path / "priced.csv"
    source.write_text("CPT,DOS,POS,ZIP\n99213,46237,11,10001\n99213,12345,11,10001\n")
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1
    serial, other = csv.DictReader(target.open())
    assert serial["error_kind"] == "bad_date" and serial["allowed"] == ""
    assert "looks like an Excel serial date (46237 = 2026-08-03)" in serial["error"] and day == "2026-08-03"
    assert "format the column as a date in Excel" in serial["error"]
    assert "Excel" not in other["error"]  # 12345 would be 1933: no day of service, no such hint
    priced = runner.invoke(app, ["price", "99213", "--date", "46237"])
    assert priced.exit_code != 0 and "Excel serial date (46237 = 2026-08-03)" in priced.output
