"""A physician group's trial: an 837P-style export whose Units column holds an anesthesia line's minutes (Medicare's
claims report anesthesia time in minutes in the units field: Claims Processing Manual ch. 12 §50.G) beside its own
'Anes Minutes' column. ``rvucalc batch`` failed the row "units does not apply to anesthesia ... a claim's units of an
anesthesia line are usually its minutes": it refused the units for being what it said they were. Units equal to the
minutes are the minutes, priced once, in batch and in ``rvucalc price``; units that disagree with the minutes are an
error naming both.

The money is CMS's: (base units + minutes / 15 to one decimal) x the locality's anesthesia CF (ANES2026); the line is
the RVU file's status J (paid by base units and time, no RVUs)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
ANES2026 = TESTS.parent / "data" / "rvu" / "2026" / "ref_anes_conversion_factor.csv"  # CMS's ANES2026 (RVU26A)
RVU26C = TESTS.parent / "data" / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
HEADER = "Claim ID,DOS,CPT Code,Mod 1,Mod 2,Base Units,Anes Minutes,Units,POS,Zip Code\n"
TRIAL = "C3001,7/15/2026,01402,AA,,7,95,95,21,30309\n"  # ZIP 30309: Atlanta, contractor 10212 locality 01
PRICE = ["price", "01402-AA", "--base-units", "7", "--minutes", "95", "--zip", "30309", "--date", "2026-07-15"]


def cms_fee(base_units: int, minutes: int) -> Decimal:
    """CMS's anesthesia amount in Atlanta: ANES2026's non-QP CF of contractor 10212, locality 01 (20.87), 01402 being
    the RVU file's status J row."""
    with RVU26C.open(newline="", encoding="latin-1") as handle:
        assert {row[3] for row in csv.reader(handle) if row and row[0] == "01402" and not row[1]} == {"J"}
    with ANES2026.open(newline="", encoding="utf-8-sig") as handle:
        (cf,) = [Decimal(row[-1].strip()) for row in csv.reader(handle) if row[:2] == ["10212 ", "01 "]]
    time_units = (Decimal(minutes) / 15).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return ((base_units + time_units) * cf).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def run(tmp_path: Path, rows: str) -> list[dict[str, str]]:
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(HEADER + rows)
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code in (0, 1), done.output
    return list(csv.DictReader(target.open()))


def test_units_equal_to_the_minutes_are_the_minutes_in_batch_and_price(tmp_path: Path) -> None:
    fee = cms_fee(7, 95)
    assert fee == Decimal("277.57")  # (7 + 6.3) x $20.87
    [row] = run(tmp_path, TRIAL)
    assert (row["error"], row["error_kind"]) == ("", "")
    assert Decimal(row["pfs_facility_amount"]) == Decimal(row["allowed"]) == fee
    assert (row["anesthesia_base_units"], row["anesthesia_time_units"]) == ("7", "6.3")
    said = "Units 95 read as the anesthesia minutes (equal to the minutes given, 95)"
    assert said in row["note"] and "ch. 12 §50.G" in row["note"]
    single = runner.invoke(app, [*PRICE, "--units", "95", "--setting", "21", "-f", "json"])
    assert single.exit_code == 0, single.output
    result = json.loads(single.stdout)
    assert Decimal(str(result["pfs"]["facility"]["amount"])) == fee
    assert any(note.startswith(said) for note in result["notes"])
    assert row["note"].startswith(result["notes"][0])
    one = json.loads(runner.invoke(app, [*PRICE, "--units", "1", "--setting", "21", "-f", "json"]).stdout)
    assert Decimal(str(one["pfs"]["facility"]["amount"])) == fee and not any(said in n for n in one["notes"])


def test_units_that_disagree_with_the_minutes_are_an_error_naming_both(tmp_path: Path) -> None:
    rows = run(tmp_path, TRIAL.replace(",95,95,", ",95,60,") + TRIAL.replace(",95,95,", ",95,1,"))
    assert (rows[0]["error_kind"], rows[0]["allowed"]) == ("bad_units", "")
    error = rows[0]["error"]
    assert error.startswith("units 60 and minutes 95 disagree on this anesthesia line"), error
    assert "usually" not in error and "does not apply" not in error
    assert rows[1]["error"] == "" and Decimal(rows[1]["allowed"]) == cms_fee(7, 95)
    single = runner.invoke(app, [*PRICE, "--units", "60"])
    assert single.exit_code == 2
    assert "--units 60 and --minutes 95 disagree on this anesthesia line" in " ".join(single.output.split())


def test_units_written_hours_and_minutes_are_an_anesthesia_line_s_minutes_only(tmp_path: Path) -> None:
    """A review: Units '1:35' on an anesthesia line was "units '1:35' must be a whole number" while stderr said the
    column is read as the minutes there, and a minutes column takes '01:35'. Read as 95 minutes on the anesthesia
    line (CMS's amount); on any other line it stays the units error."""
    source, target = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text("Claim ID,DOS,CPT Code,Mod 1,Base Units,Units,POS,Zip Code\n"
                      "C1,7/15/2026,01402,AA,7,1:35,21,30309\n"
                      "C2,7/15/2026,01402,AA,7,01:35,21,30309\n"
                      "C3,7/15/2026,99213,,,1:35,11,30309\n")  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(target)])
    assert done.exit_code == 1, done.output
    first, second, visit = csv.DictReader(target.open())
    for row in (first, second):
        assert (row["error"], row["anesthesia_time_units"]) == ("", "6.3")
        assert Decimal(row["allowed"]) == cms_fee(7, 95)
        assert "Units read as the anesthesia minutes" in row["note"]
    assert visit["error_kind"] == "bad_units" and visit["allowed"] == ""
    assert visit["error"].startswith("units '1:35' must be a whole number")
