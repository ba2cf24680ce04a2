"""Three messages a session's trials read as noise (amounts unchanged):

- `price 52356 52332 --zip 85016 --date 2026-03-10 --setting 22` (no CY2026 Addendum B installed) said the "OPPS CY2026
  rates not installed ... Add CMS's Addendum B with: rvucalc data refresh" paragraph twice: on stderr and under the
  table. It is a message to act on, as the other releases not installed are (stderr "warning: ..."): said once, on
  stderr; stdout's table keeps the site's "not priced".
- A hospital's own line (TOB 131) of a contractor-priced code (78815, PFS status C) read "Priced by your Medicare
  contractor (MAC) ... Ask your MAC for its fee" though the hospital's OPPS rate pays it (Claims Processing Manual
  ch. 4): not on a facility's bill whose rate prices it; a practitioner's row keeps it.
- A9595 (a diagnostic radiopharmaceutical) in the office in April 2026 said to add the April ASP file, though the
  installed January file does not list it either: the message no longer implies that file would price it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data"
PHOENIX_2026 = ["--zip", "85016", "--date", "2026-03-10"]
NOT_INSTALLED = "OPPS CY2026 rates not installed"
MAC_NOTE = "Ask your MAC for its fee"


def _opps_years() -> set[str]:
    """The years of CMS's OPPS Addendum B files rvucalc ships (data/opps/<year>/ holding an Addendum B)."""
    return {path.parent.name for path in (DATA / "opps").glob("*/*ddendum*B*")}


def test_the_opps_not_installed_paragraph_is_said_once_on_stderr() -> None:
    assert "2026" not in _opps_years()  # CMS's CY2026 Addendum B is not shipped: the hospital is not priced
    for codes in (["52356", "52332"], ["52356"]):
        for setting in ("22", "hopd"):
            result = runner.invoke(app, ["price", *codes, *PHOENIX_2026, "--setting", setting])
            assert result.exit_code == 0, result.output
            assert result.stderr.count(NOT_INSTALLED) == 1, result.stderr
            assert NOT_INSTALLED not in result.stdout, result.stdout
            assert "not priced" in result.stdout  # the table's cell still says it


def test_without_a_setting_the_table_keeps_the_site_s_reason() -> None:
    result = runner.invoke(app, ["price", "52356", *PHOENIX_2026])
    assert result.exit_code == 0, result.output
    assert (result.stdout + result.stderr).count(NOT_INSTALLED) == 1, result.output
    assert NOT_INSTALLED in result.stdout


def test_json_keeps_the_site_s_reason() -> None:
    result = runner.invoke(app, ["price", "52356", *PHOENIX_2026, "--setting", "22", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert NOT_INSTALLED in result.stdout


def _addendum_b_row(code: str) -> list[str]:
    """CMS's October 2025 Addendum B row of a code."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _rvu_status(code: str) -> str:
    """CMS's RVU26C status of a code without a modifier."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code and row[1] == "")[3]


def test_a_hospital_s_own_line_the_opps_prices_has_no_mac_priced_note(tmp_path: Path) -> None:
    assert _rvu_status("78815") == "C"  # the PFS's: contractor priced
    assert _addendum_b_row("78815")[2] == "S"  # the OPPS's: paid separately
    source = tmp_path / "lines.csv"
    source.write_text("code,date,zip,tob,pos\n78815,2025-11-10,85016,131,\n78815,2025-11-10,85016,,22\n"
                      "78815,2026-03-10,85016,131,\n")  # fmt: skip
    result = runner.invoke(app, ["batch", str(source), "--format", "csv"])
    assert result.exit_code == 0, result.output
    hospital, practitioner, unpriced = csv.DictReader(io.StringIO(result.stdout))
    assert hospital["opps_rate"] != "" and MAC_NOTE not in hospital["note"], hospital
    assert MAC_NOTE in practitioner["note"], practitioner  # a practitioner's row (no bill type) keeps it
    # a hospital row no installed OPPS file prices (CY2026) keeps it: nothing says the OPPS pays it
    assert unpriced["opps_rate"] == "" and MAC_NOTE in unpriced["note"], unpriced


def _asp_codes() -> set[str]:
    with (DATA / "asp/2026/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv").open(
        encoding="latin-1", newline=""
    ) as handle:
        return {row[0] for row in csv.reader(handle) if row}


def _bb_row(quarter: str, code: str) -> list[str]:
    with (DATA / f"opps/2026/asc/{quarter}/BB.csv").open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def test_a_drug_no_installed_asp_file_lists_is_not_sent_to_the_missing_quarter(tmp_path: Path) -> None:
    assert "A9595" not in _asp_codes() and "J9271" in _asp_codes()  # CMS's January 2026 ASP file
    assert _bb_row("04", "A9595")[4] == "K2"  # a separately paid drug at the ASC
    result = runner.invoke(app, ["price", "A9595", "--zip", "85016", "--date", "2026-04-15", "--setting", "office"])
    assert result.exit_code == 1
    said = result.stderr
    assert "not in the installed ASP payment limit files of 2026" in said, said
    assert "priced by the MAC (Claims Processing Manual ch. 17 §20.1.3)" in said
    assert "Add CMS's 2026-04 ASP file" not in said and "CMS's file is not installed" not in said, said
    source = tmp_path / "lines.csv"
    source.write_text("code,date,zip,pos\nA9595,2026-04-15,85016,11\n")
    batch = runner.invoke(app, ["batch", str(source), "--format", "csv"])
    assert batch.exit_code == 0, batch.output
    [row] = csv.DictReader(io.StringIO(batch.stdout))
    assert "not in the installed ASP payment limit files of 2026" in row["note"], row
    assert "Add CMS's 2026-04 ASP file" not in row["note"] and "ASP 2026-04 file is not installed" not in batch.stderr
