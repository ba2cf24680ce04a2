"""`compare --codes` with a claim file holding one malformed code: a physician group's trial gave a billing export
(`Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code`) with `2744` on one line, and the whole run stopped with "'2744' is
not a HCPCS/CPT code...", exit 2, nothing written and no line named. As batch reports a row's error: the other codes
are compared, the malformed line is its own `not_found` row with its line in the file and `error_kind`, exit 1."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from rvucalc.cli import app

runner = CliRunner()
CLAIMS = (
    "Claim ID,DOS,CPT Code,Mod 1,Units,POS,Zip Code\n"
    "C1,2026-03-02,99213,,1,11,30309\n"
    "C1,2026-03-02,2744,,1,11,30309\n"
    "C2,2026-03-03,71046,26,1,11,30309\n"
    "C3,2026-03-03,99214,Q9Z,1,11,30309\n"
)
COMPARE = ["compare", "--from", "2025", "--to", "2026", "--zip", "30309", "--codes"]


def test_a_malformed_line_is_its_row_and_the_others_are_compared(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(CLAIMS)
    result = runner.invoke(app, [*COMPARE, str(source), "-f", "csv"])
    assert result.exit_code == 1, result.output  # the README's partial results: rows with errors, output complete
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(row["code"], row["modifier"], row["change"]) for row in rows] == [
        ("99213", "", "changed"), ("2744", "", "not_found"), ("71046", "26", "changed"),
        ("99214-Q9Z", "", "not_found"),
    ]  # fmt: skip
    # added after the earlier columns, which keep their places (then the OPPS imaging cap's, added last)
    assert list(rows[0])[-6:-4] == ["line", "error_kind"]
    assert (rows[0]["line"], rows[0]["error_kind"]) == ("", "")
    assert rows[0]["non_facility_before"] and rows[2]["non_facility_after"]
    assert (rows[1]["line"], rows[1]["error_kind"]) == ("3", "malformed_code")
    assert "'2744' is not a HCPCS/CPT code" in rows[1]["explanation"] and "line 3" in rows[1]["explanation"]
    assert (rows[3]["line"], rows[3]["error_kind"]) == ("5", "bad_modifier")
    assert f"--codes {source} line 3: '2744' is not a HCPCS/CPT code" in result.stderr
    assert "Search by words" not in result.stderr  # a malformed code is not one to search for


def test_json_and_the_table_say_it_too(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(CLAIMS)
    result = runner.invoke(app, [*COMPARE, str(source), "-f", "json"])
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    codes = {change["code"]: change for change in found["codes"]}
    assert (codes["2744"]["change"], codes["2744"]["line"], codes["2744"]["error_kind"]) == (
        "not_found", 3, "malformed_code")  # fmt: skip
    assert codes["99213"]["line"] is None and codes["99213"]["error_kind"] is None
    assert found["summary"]["changed"] == 2 and found["summary"]["not_found"] == 2
    table = runner.invoke(app, [*COMPARE, str(source)])
    assert table.exit_code == 1 and "71046-26" in table.stdout and "2744" in table.stdout


def test_a_workbook_s_line_is_its_row_in_the_sheet(tmp_path: Path) -> None:
    source = tmp_path / "claims.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Charge Detail Report"])  # a title row, skipped as batch skips it
    sheet.append([])
    sheet.append(["Claim ID", "CPT Code", "Units"])
    sheet.append(["C1", "99213", 1])
    sheet.append([])
    sheet.append(["C2", 2744, 1])
    workbook.save(source)
    result = runner.invoke(app, [*COMPARE, str(source), "-f", "csv"])
    assert result.exit_code == 1, result.output
    rows = {row["code"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["99213"]["change"] == "changed"
    assert (rows["2744"]["line"], rows["2744"]["error_kind"]) == ("6", "malformed_code")


def test_a_malformed_code_typed_is_still_the_request_s_error() -> None:
    result = runner.invoke(app, ["compare", "99213", "2744", "--from", "2025", "--to", "2026"])
    assert result.exit_code == 2 and "'2744' is not a HCPCS/CPT code" in result.output


def test_a_typo_that_is_well_formed_names_its_line_and_kind_too(tmp_path: Path) -> None:
    """An ophthalmology trial: 9213A (a typo, shaped like a code) was a not_found row with `line` and `error_kind`
    blank, so the row could not be traced to the claim file; 99213-TC (a code with no TC row) is not_found by kind."""
    source = tmp_path / "claims.csv"
    source.write_text(CLAIMS + "C4,2026-03-04,9213A,,1,11,30309\nC5,2026-03-04,99213,TC,1,11,30309\n")
    result = runner.invoke(app, [*COMPARE, str(source), "-f", "csv"])
    assert result.exit_code == 1, result.output
    rows = {(row["code"], row["modifier"]): row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert (rows["9213A", ""]["line"], rows["9213A", ""]["error_kind"]) == ("6", "unknown_code")
    assert (rows["99213", "TC"]["change"], rows["99213", "TC"]["line"]) == ("not_found", "7")
    assert rows["99213", "TC"]["error_kind"] == "not_found"
    assert (rows["99213", ""]["line"], rows["99213", ""]["error_kind"]) == ("", "")  # compared: no error
    asc = runner.invoke(app, ["compare", "--from", "2025", "--to", "2026", "--what", "asc", "--codes", str(source),
                              "-f", "csv"])  # fmt: skip
    found = {row["code"]: row for row in csv.DictReader(io.StringIO(asc.stdout))}
    assert (found["9213A"]["line"], found["9213A"]["error_kind"]) == ("6", "not_found")  # no RVU file read for asc


def test_a_typo_s_row_and_stderr_name_its_line_as_a_malformed_line_s_do(tmp_path: Path) -> None:
    """The README's claim file example: 9213A's and 99213-TC's rows said no line in the table's Why column, and
    stderr named 9213A's line with the code twice ("line 6: 9213A: 9213A is ...") and 99213-TC's not at all,
    where 2744's row and stderr say "2744 (line 3): ..." and "--codes FILE line 3: ..."."""
    source = tmp_path / "claims.csv"
    source.write_text(CLAIMS + "C4,2026-03-04,9213A,,1,11,30309\nC5,2026-03-04,99213,TC,1,11,30309\n")
    result = runner.invoke(app, [*COMPARE, str(source), "-f", "json"])
    assert result.exit_code == 1, result.output
    codes = {(change["code"], change["line"]): change for change in json.loads(result.stdout)["codes"]}
    assert codes["9213A", 6]["explanation"].startswith("9213A (line 6): 9213A is not in the 2026 fee schedule")
    assert codes["99213", 7]["explanation"].startswith("99213-TC (line 7): 99213 has no -TC row in 2026C")
    assert f"--codes {source} line 6: 9213A is not in the 2026 fee schedule" in result.stderr
    assert f"--codes {source} line 7: 99213 has no -TC row in 2026C" in result.stderr
    assert "line 6: 9213A: " not in result.stderr
