"""Two papercuts of an ophthalmology trial's practice-management export (`Visit ID, Service Date, Procedure, Mod1 ...`).

* Its `Procedure` column held the CPT codes and the run stopped "The input has no code column" (exit 2). 'Procedure' is
  not read as the code by its name (exports write descriptions under it): the message now names it, with the
  --columns that reads it; `compare --codes` (whose first header cell, 'Visit ID', was read as code VISIT with
  modifier ID, every visit number compared as a code) refuses it in batch's words.
* The stderr headline said "priced 37 rows, no errors" while 3 drug rows (2025, CMS's CY2025 ASP file not installed)
  had no allowed amount, said only further down: it now counts the rows without an allowed amount, and --summary's
  `priced_without_allowed` agrees."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import summary_rejoined
from rvucalc.cli import app
from rvucalc.paths import data_dir

runner = CliRunner()
EXPORT = (
    "Visit ID,Service Date,Procedure,Mod1,Mod2,Mod3,Units,POS,Location ZIP,Charges\n"
    "V1001,01/14/2025,66984,RT,,,1,24,95816,1850.00\n"
    "V1003,03/04/2025,92014,,,,1,11,95825,210.00\n"
)
HINT = "If 'Procedure' holds the codes, add --columns code=Procedure."


def test_a_procedure_column_is_named_in_the_no_code_column_message(tmp_path: Path) -> None:
    source = tmp_path / "pm_export.csv"
    source.write_text(EXPORT)
    refused = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert refused.exit_code == 2 and "The input has no code column" in refused.stderr
    assert HINT in " ".join(refused.stderr.split()), refused.stderr
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv"), "--columns", "code=Procedure"])
    assert done.exit_code == 0, done.output
    # compare --codes: refused as batch refuses it, not its visit numbers compared as codes
    compared = runner.invoke(app, ["compare", "--from", "2025", "--to", "2026", "--zip", "95816", "--codes",
                                   str(source)])  # fmt: skip
    said = " ".join(compared.stderr.split())
    assert compared.exit_code == 2 and compared.stdout == "", compared.output
    assert "The input has no code column" in said and HINT in said and "VISIT" not in said


def test_a_workbook_with_a_procedure_column_gets_the_hint_too(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for line in EXPORT.splitlines():
        book.active.append(line.split(","))
    source = tmp_path / "pm_export.xlsx"
    book.save(source)
    refused = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.csv")])
    assert refused.exit_code == 2 and "No header row with a code column" in refused.stderr
    assert HINT in " ".join(refused.stderr.split()), refused.stderr


def test_a_file_whose_columns_name_no_procedure_gets_no_hint(tmp_path: Path) -> None:
    source = tmp_path / "other.csv"
    source.write_text("Visit ID,Description,ZIP\nV1,Cataract surgery,95816\n")
    refused = runner.invoke(app, ["batch", str(source)])
    assert refused.exit_code == 2 and "no code column" in refused.stderr and "If '" not in refused.stderr


def _status(code: str) -> str:
    """The code's PFS status in CMS's RVU25A file."""
    with (data_dir() / "rvu" / "2025" / "PPRRVU25_JAN.csv").open(newline="", encoding="latin-1") as handle:
        (status,) = {row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1]}
    return status


def test_the_headline_counts_the_rows_without_an_allowed_amount(pricer: Any, tmp_path: Path) -> None:
    assert _status("92929") == "B" and _status("99213") == "A"
    assert not (data_dir() / "asp" / "2025").exists()  # CMS's CY2025 ASP file is not shipped: J9271 has no amount
    source, out, summary = tmp_path / "c.csv", tmp_path / "o.csv", tmp_path / "s.json"
    source.write_text(
        "claim,dos,code,pos,zip\n"
        "A,2025-03-04,99213,11,37203\n"  # priced
        "A,2025-03-04,92929,11,37203\n"  # bundled (status B): no allowed amount
        "B,2025-03-04,J9271,11,37203\n"  # CY2025 ASP not installed: no allowed amount
        "C,2025-03-04,99213,,37203\n"  # no setting: its sites' amounts, no allowed amount asked for
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out), "--summary", str(summary)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    assert [bool(row["allowed"]) for row in rows] == [True, False, False, False]
    assert rows[3]["pfs_non_facility_amount"] == rows[0]["allowed"] != ""
    said = " ".join(summary_rejoined(done.stderr).split())
    assert "priced 4 rows (2 without an allowed amount: see below), no errors;" in said, said
    document = json.loads(summary.read_text())
    assert (document["priced"], document["priced_without_allowed"]) == (4, 2)
    assert (document["bundled"], document["schedule_not_installed"]) == (1, {"CY2025 ASP": 1})
    # with errors too: "priced N of M rows (K without ...); E with errors"
    source.write_text(source.read_text() + "D,2025-03-04,9921X,11,37203\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    said = " ".join(summary_rejoined(done.stderr).split())
    assert done.exit_code == 1 and "priced 4 of 5 rows (2 without an allowed amount: see below); 1 with errors" in said


def test_a_run_whose_rows_all_have_an_allowed_amount_says_no_count(pricer: Any, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text("code,pos,zip,date\n99213,11,37203,2025-03-04\n")
    done = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "o.csv")])
    assert done.exit_code == 0 and "priced 1 row, no errors" in done.stderr, done.output
