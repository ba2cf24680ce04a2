"""Day-first dates (a ';'-separated export of a day-first locale): a review found 03/11/2025 read as 11 March 2025
(release 2025A) in a file whose other rows hold 13/11/2025, a date only day first. The order is the column's: a
date that is one only day first makes the column day first (said on stderr); a column with dates of both orders
refuses the ambiguous ones, naming them (issue 15), and never mixes them silently. ISO, US and compact dates are read
as before. The amounts compared are price's own for the day meant."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()


def _price(date: str) -> tuple[str, str]:
    result = runner.invoke(app, ["price", "99213", "--zip", "10001", "--setting", "11", "--date", date, "-f", "csv"])
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(result.stdout.splitlines())
    return row["release"], row["non_facility_amount"]


def _batch(tmp_path: Path, text: str, *options: str) -> tuple[list[dict[str, str]], str]:
    source, target = tmp_path / "dates.csv", tmp_path / "priced.csv"
    source.write_text(text)
    result = runner.invoke(app, ["batch", str(source), "-o", str(target), *options])
    return list(csv.DictReader(target.open())), result.stderr


def test_a_column_with_a_date_only_valid_day_first_is_read_day_first(tmp_path: Path) -> None:
    rows, stderr = _batch(
        tmp_path, "Claim;CPT;DOS;POS;ZIP\nA1;99213;13/11/2025;11;10001\nA2;99213;03/11/2025;11;10001\n"
    )
    november_13, november_3 = rows
    assert (november_13["release"], november_13["allowed"]) == _price("2025-11-13")
    assert (november_3["release"], november_3["allowed"]) == _price("2025-11-03") != _price("2025-03-11")
    assert november_3["error"] == "" and "day first" in stderr and "13/11/2025" in stderr


def test_a_column_with_both_orders_refuses_the_ambiguous_dates_naming_them(tmp_path: Path) -> None:
    rows, stderr = _batch(
        tmp_path, "CPT;DOS;POS;ZIP\n99213;13/11/2025;11;10001\n99213;11/14/2025;11;10001\n99213;03/11/2025;11;10001\n"
    )
    ambiguous = rows[2]
    assert ambiguous["error_kind"] == "bad_date" and "03/11/2025" in ambiguous["error"] and ambiguous["allowed"] == ""
    assert "ambiguous" in ambiguous["error"] and "ambiguous" in stderr


# A nephrology trial's Epic-style export (M/D/YYYY) with one 13/2/2026 among 3/28/2026 and 3/2/2026: the ambiguous
# 3/2/2026's error said "use 2026-08-03" (FORMATS' example), a date neither reading gives. It names both readings now.
def test_an_ambiguous_date_s_error_names_its_two_readings_in_iso(tmp_path: Path) -> None:
    rows, _ = _batch(
        tmp_path, "CPT,DOS,POS,ZIP\n99213,3/28/2026,11,10001\n99213,13/2/2026,11,10001\n99213,3/2/2026,11,10001\n"
    )
    error = rows[2]["error"]
    assert "2026-03-02 (month first)" in error and "2026-02-03 (day first)" in error, error
    assert "2026-08-03" not in error, error


def test_iso_us_and_compact_dates_are_read_as_before(tmp_path: Path) -> None:
    rows, stderr = _batch(
        tmp_path, "CPT,DOS,POS,ZIP\n99213,2025-11-03,11,10001\n99213,11/03/2025,11,10001\n99213,20251103,11,10001\n"
    )
    assert {(row["release"], row["allowed"], row["error"]) for row in rows} == {(*_price("2025-11-03"), "")}
    assert "day first" not in stderr


# A review: the order was the chunks' as read, so with 03/11/2025 in the first chunk and 13/11/2025 only after it, the
# first chunk's 03/11/2025 was 11 March (release 2025A) and the later ones 3 November (2025D). The whole column is
# read in one order, whatever --chunk-rows is.
_EARLY = "99213;03/11/2025;11;10001\n" * 100  # one whole chunk of --chunk-rows 100 before any date only day first


def test_a_date_only_day_first_after_the_first_chunk_makes_the_whole_column_day_first(tmp_path: Path) -> None:
    rows, stderr = _batch(tmp_path, "CPT;DOS;POS;ZIP\n" + _EARLY + "99213;13/11/2025;11;10001\n", "--chunk-rows", "100")
    assert len(rows) == 101
    assert {(row["release"], row["allowed"], row["error"]) for row in rows[:100]} == {(*_price("2025-11-03"), "")}
    assert (rows[100]["release"], rows[100]["allowed"]) == _price("2025-11-13")
    assert "13/11/2025" in stderr and "read month first" not in stderr


def test_the_whole_column_is_day_first_in_a_file_read_line_by_line_too(tmp_path: Path) -> None:
    # a ragged line: Arrow's reader refuses the file, the csv module's reads it (and keeps the line, with its error)
    rows, stderr = _batch(
        tmp_path, "CPT;DOS;POS;ZIP\n" + _EARLY + "99213;13/11/2025;11;10001\n99213;04/11/2025;11;10001;x\n",
        "--chunk-rows", "100",
    )  # fmt: skip
    assert {(row["release"], row["allowed"], row["error"]) for row in rows[:100]} == {(*_price("2025-11-03"), "")}
    assert "ragged" in rows[101]["error"] and "read month first" not in stderr


def test_a_column_with_both_orders_refuses_its_ambiguous_dates_in_every_chunk(tmp_path: Path) -> None:
    rows, stderr = _batch(
        tmp_path, "CPT;DOS;POS;ZIP\n" + _EARLY + "99213;13/11/2025;11;10001\n99213;11/14/2025;11;10001\n",
        "--chunk-rows", "100",
    )  # fmt: skip
    assert {(row["error_kind"], row["allowed"]) for row in rows[:100]} == {("bad_date", "")}
    assert all("03/11/2025" in row["error"] for row in rows[:100])
    assert (rows[101]["release"], rows[101]["allowed"]) == _price("2025-11-14")
    assert "ambiguous" in stderr
