"""A physician group's trial: an .xlsx whose DOS cell holds the number 46087 (a date column saved without its date
format) was told "(46087 = 2026-03-06) ... or use 2026-08-03, 08/03/2026 or 20260803": fixed example dates, another
day than the one the cell would be. The examples are that day itself, in each form rvucalc reads."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def test_an_xlsx_serial_date_cell_is_told_its_own_day_in_each_form(tmp_path: Path) -> None:
    source, target = tmp_path / "claims.xlsx", tmp_path / "priced.csv"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["CPT", "DOS", "POS", "ZIP"])
    sheet.append(["99213", 46087, "11", "10001"])
    workbook.save(source)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert result.exit_code == 1, result.output
    (row,) = csv.DictReader(target.open())
    assert row["error_kind"] == "bad_date"
    assert "Excel serial date (46087 = 2026-03-06)" in row["error"]
    assert "or use 2026-03-06, 03/06/2026 or 20260306;" in row["error"]
    assert "2026-08-03" not in row["error"] and "08/03/2026" not in row["error"]


def test_price_date_says_the_serials_own_day() -> None:
    result = runner.invoke(app, ["price", "99213", "--date", "46087"])
    assert result.exit_code != 0
    assert "use 2026-03-06, 03/06/2026 or 20260306" in " ".join(result.output.split())


def test_a_day_first_column_is_told_the_day_first_form() -> None:
    """A review: in a column read day first (it holds 31/08/2025), 45874 was told "or use 2025-08-05, 08/05/2025",
    which that column reads as 8 May; an ambiguous column's message gives no slashed form."""
    import pytest

    from rvucalc.lookup.dates import date_from_text

    with pytest.raises(ValueError) as day_first:
        date_from_text("45874", order="day")
    assert "or use 2025-08-05, 05/08/2025 or 20250805;" in str(day_first.value)
    with pytest.raises(ValueError) as month_first:
        date_from_text("45874", order="month")
    assert "or use 2025-08-05, 08/05/2025 or 20250805;" in str(month_first.value)
    with pytest.raises(ValueError) as refused:
        date_from_text("45874", order="refuse")
    assert "or use 2025-08-05 or 20250805;" in str(refused.value)
