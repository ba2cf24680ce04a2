"""An independent laboratory's trial (a requisition export: `Requisition, Collection Date, Test Code, Modifier, Units,
POS, Patient ZIP, Billed`).

* Its `Test Code` column was refused as "no code column" without a word of it: it is named, with the --columns that
  reads it (as a `Procedure` column is), and still not read by its name alone.
* Charges below the CLFS rate, no paid column: stderr said "expected is the charge ...", but the run has no expected
  (nor variance) column. Without a paid column it says the charges' total Medicare allows, and what the notes say.
* A date column with `04/20/2026` and `21/04/2026` said only its ambiguous dates were row errors, but refused
  `21/04/2026` ("does not exist (month must be in 1..12)"): a date valid in one order only is read in it (the README's
  rule), by path, stdin and a workbook alike, chunk by chunk.
* P9603/P9604, the specimen collection travel allowance, were said to be "paid from the clinical laboratory fee
  schedule ... the installed CLFS files do not list P9603": the travel allowance is no CLFS rate (Claims Processing
  Manual ch. 16 §60.2; the MAC pays it at no less than CMS's yearly minimum rates). Still exit 1, not priced.
* `price 0699U` asked "Did you mean 0699T?", a Category III code for a PLA code: suggestions are of the code's kind.

Amounts are CMS's: the CLFS rates of its CY2026 Q2 file (data/clfs), the RVU file's status (data/rvu)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
HEADER = "Requisition,Collection Date,Test Code,Modifier,Units,POS,Patient ZIP,Billed\n"
CODE = "code=Test Code"


def _clfs_2026(code: str) -> Decimal:
    """The CLFS rate in CMS's CY2026 Q2 file (PUF_CLFS_CY2026_Q2V1.csv), and that it is the rate from 2026-01-01."""
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[1:3] == [code, ""])
    assert row[3] == "20260101"
    return Decimal(row[5])


def _batch(tmp_path: Path, text: str, *options: str, exit_code: int = 0) -> tuple[list[dict[str, str]], str]:
    source, output = tmp_path / "lab.csv", tmp_path / "priced.csv"
    source.write_text(text)
    done = runner.invoke(app, ["batch", str(source), "-o", str(output), *options])
    assert done.exit_code == exit_code, done.stderr[-2000:]
    return list(csv.DictReader(output.open())), " ".join(done.stderr.split())


# -- a lab system's code column -----------------------------------------------------------


@pytest.mark.parametrize("name", ["Test Code", "Test", "Test Cd", "Order Code"])
def test_a_lab_export_s_test_code_column_is_named_in_the_no_code_column_message(tmp_path: Path, name: str) -> None:
    source = tmp_path / "lab.csv"
    source.write_text(HEADER.replace("Test Code", name) + "R2001,04/20/2026,85025,,1,81,85004,5.00\n")
    refused = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    said = " ".join(refused.stderr.split())
    assert refused.exit_code == 2 and "The input has no code column" in said  # not read by its name alone
    written = f"'{name}'" if " " in name else name
    assert f"If '{name}' holds the codes, add --columns code={written}." in said, said
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns", f"code={name}"])
    assert done.exit_code == 0, done.output


# -- a charge below the CLFS rate, without a paid column ---------------------------------------


def test_charges_below_the_clfs_without_a_paid_column_say_no_expected(tmp_path: Path) -> None:
    cbc, panel = _clfs_2026("85025"), _clfs_2026("80053")
    assert cbc > Decimal("5.00") and panel > Decimal("8.50")
    text = HEADER + "R2001,04/20/2026,85025,,1,81,85004,5.00\nR2001,04/20/2026,80053,,1,81,85004,$8.50\n"
    rows, said = _batch(tmp_path, text, "--columns", CODE)
    assert [row["expected"] for row in rows] == ["", ""] and [row["variance"] for row in rows] == ["", ""]
    below = cbc - Decimal("5.00") + panel - Decimal("8.50")
    assert (f"2 rows billed below the fee schedule amount (${below} below in all): Medicare allows the lower, the "
            "charge, $13.50 in all (each row's note says what Medicare allows") in said, said  # fmt: skip
    assert "expected" not in said
    assert all("Medicare allows the lower" in row["note"] for row in rows)


def test_charges_below_with_a_paid_column_still_say_expected_is_the_charge(tmp_path: Path) -> None:
    text = HEADER.replace("Billed", "Billed,Paid") + "R2001,04/20/2026,85025,,1,81,85004,5.00,5.00\n"
    [row], said = _batch(tmp_path, text, "--columns", CODE)
    assert (row["expected"], row["variance"]) == ("5.00", "0.00")
    assert "Medicare allows the lower, the charge (expected is the charge" in said and "in all (each row's" not in said


# -- a date column of both orders ------------------------------------------------------------


def _both_orders(rows_before: int) -> str:
    """``rows_before`` month-first rows (04/20/2026), then a day-first one (21/04/2026) and an ambiguous one."""
    return (HEADER + "".join(f"R{row},04/20/2026,85025,,1,81,85004,\n" for row in range(rows_before))
            + "R2002,21/04/2026,80061,,1,81,85004,\nR2003,03/04/2026,80061,,1,81,85004,\n")  # fmt: skip


def _check_both_orders(rows: list[dict[str, str]], said: str) -> None:
    *month_first, day_first, ambiguous = rows
    assert {(row["error"], Decimal(row["allowed"])) for row in month_first} == {("", _clfs_2026("85025"))}
    assert (day_first["error"], Decimal(day_first["allowed"])) == ("", _clfs_2026("80061"))
    assert ambiguous["error_kind"] == "bad_date" and "ambiguous" in ambiguous["error"]
    assert "a date valid in one order only is read in it, an ambiguous one (both parts 12 or less)" in said


def test_a_date_valid_day_first_only_is_read_so_in_a_column_of_both_orders(tmp_path: Path) -> None:
    rows, said = _batch(tmp_path, _both_orders(1), "--columns", CODE, exit_code=1)  # 1: a row's error
    _check_both_orders(rows, said)
    # the 2026 release's amount of its date: as `price 80061 --date 2026-04-21` says
    price = runner.invoke(app, ["price", "80061", "--date", "2026-04-21", "--zip", "85004", "-f", "csv"])
    assert price.exit_code == 0 and Decimal(rows[1]["allowed"]) == Decimal(next(csv.DictReader(
        price.stdout.splitlines()))["clfs_amount"])  # fmt: skip


def test_a_date_valid_day_first_only_is_read_so_from_stdin_chunk_by_chunk(tmp_path: Path) -> None:
    # 100 month-first rows fill the first chunk: the order of both is learnt in the second, as stdin is read
    done = runner.invoke(app, ["batch", "-", "--columns", CODE, "--chunk-rows", "100"], input=_both_orders(100))
    assert done.exit_code == 1, done.stderr[-2000:]  # 1: a row's error (the ambiguous date)
    rows = list(csv.DictReader(done.stdout.splitlines()))
    assert len(rows) == 102
    _check_both_orders(rows, " ".join(done.stderr.split()))


def test_a_date_valid_day_first_only_is_read_so_from_a_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for line in _both_orders(100).splitlines():
        book.active.append(line.split(","))
    source = tmp_path / "lab.xlsx"
    book.save(source)
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns", CODE,
                               "--chunk-rows", "100"])  # fmt: skip
    assert done.exit_code == 1, done.stderr[-2000:]
    rows = list(csv.DictReader((tmp_path / "out.csv").open()))
    assert len(rows) == 102
    _check_both_orders(rows, " ".join(done.stderr.split()))


# -- the specimen collection travel allowance ------------------------------------------------


def test_the_travel_allowance_is_said_as_such_not_as_a_missing_clfs_rate(tmp_path: Path) -> None:
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        statuses = {row[0]: row[3] for row in csv.reader(handle) if row[:1] in (["P9603"], ["P9604"]) and not row[1]}
    assert statuses == {"P9603": "X", "P9604": "X"}  # the RVU file's: not paid under the PFS
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        assert not any(row[1:2] in (["P9603"], ["P9604"]) for row in csv.reader(handle))  # nor on the CLFS
    done = runner.invoke(app, ["price", "P9603", "--units", "20", "--zip", "85004", "--date", "2026-03-02"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and done.stdout == ""
    allowance = "P9603 is paid from the specimen collection travel allowance, not the CLFS (Claims Processing Manual"
    assert f"{allowance} ch. 16 §60.2" in said and "installed CLFS files do not list" not in said
    assert "36415, G0471, P9612 or P9615" in said and "over 20 miles" in said
    text = (HEADER + "R1009,03/06/2026,G0471,,1,81,85013,20.00\nR1009,03/06/2026,P9603,,18,81,85013,25.00\n"
            "R1018,06/11/2026,P9604,,1,81,85004,15.00\n")  # fmt: skip
    rows, _ = _batch(tmp_path, text, "--columns", CODE)
    for row in rows[1:]:
        assert row["allowed"] == "" and row["error"] == ""
        assert f"{row['Test Code']} is paid from the specimen collection travel allowance" in row["note"]
        assert "installed CLFS files do not list" not in row["note"]
    assert Decimal(rows[0]["allowed"]) == _clfs_2026("G0471")


# -- suggestions of the code's kind ----------------------------------------------------------


def test_a_pla_code_is_offered_no_category_iii_code() -> None:
    done = runner.invoke(app, ["price", "0699U", "--date", "2026-04-15"])
    assert done.exit_code == 1 and "0699U" in done.stderr and "0699T" not in done.stderr
    assert runner.invoke(app, ["price", "0699T", "--date", "2026-04-15"]).exit_code != 2  # 0699T is a listed code


def test_an_unknown_cpt_code_is_offered_cpt_codes_not_category_ii() -> None:
    done = runner.invoke(app, ["price", "60309", "--date", "2026-04-15"])
    said = " ".join(done.stderr.split())
    assert done.exit_code == 1 and "Did you mean 60300" in said and "6030F" not in said
