"""Dental D codes on the PFS. CMS's RVU file lists CDT's D codes with status R (restricted coverage) and zero RVUs: the
MAC prices them, and Medicare excludes dental services (Social Security Act §1862(a)(12), 42 CFR 411.15(i), Benefit
Policy Manual ch. 16 §140) unless inextricably linked to a covered service (CY2023 and CY2024 PFS final rules), KX on
the line (CR 13649). An oral surgery practice's trial found D9239, D0220 and D6010 said to be "paid from dental
services, which rvucalc does not install" (the PFS lists them), and D7140 with nothing said of the exclusion."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import dental_coverage_note

DATA = Path(__file__).resolve().parents[1] / "data"
DENTAL = ("D0220", "D7140", "D7240", "D9239", "D6010")


def _rvu_rows(codes: tuple[str, ...]) -> dict[str, list[str]]:
    """CMS's RVU26C global rows of ``codes``."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        return {row[0]: row for row in csv.reader(handle) if row and row[0] in codes and not row[1]}


def _json_notes(line: str) -> list[str]:
    done = CliRunner().invoke(app, ["price", line, "--zip", "60611", "--date", "2026-07-10", "-f", "json"])
    assert done.exit_code in (0, 1), done.output
    return json.loads(done.stdout)["notes"]  # type: ignore[no-any-return]


def test_cms_lists_the_dental_codes_as_restricted_with_no_rvus() -> None:
    rows = _rvu_rows((*DENTAL, "D0396", "D9947", "D1720", "11056"))
    for code in DENTAL:
        assert rows[code][3] == "R" and rows[code][11] == rows[code][12] == "0.00", rows[code]
    assert rows["D0396"][3] == rows["D1720"][3] == "I" and rows["D9947"][3] == "N" and rows["11056"][3] == "R"
    note = dental_coverage_note("D7140", "R")
    assert note is not None and "; " not in note
    assert "§1862(a)(12)" in note and "ch. 16 §140" in note and "KX" in note and "inextricably linked" in note
    assert dental_coverage_note("D0396", "I") is None and dental_coverage_note("11056", "R") is None


def test_price_and_batch_say_the_dental_exclusion_not_a_schedule_rvucalc_lacks(tmp_path: Path) -> None:
    for code in DENTAL:
        notes = _json_notes(code)
        assert dental_coverage_note(code, "R") in notes, notes
        assert not any("rvucalc does not install" in note for note in notes), notes
    source, out = tmp_path / "oms.csv", tmp_path / "out.csv"
    source.write_text("claim,code,modifier,zip,date,pos\nA,D7140,KX,60611,2026-07-10,11\nA,D9239,,60611,2026-07-10,11\n"
                      "A,99213,25,60611,2026-07-10,11\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    for row, code in zip(rows, ("D7140", "D9239", "99213"), strict=True):
        notes = row["note"].split("; ")
        assert (dental_coverage_note(code, "R") in notes) == code.startswith("D"), row
        assert not any("rvucalc does not install" in note for note in notes), row
    assert rows[2]["allowed"] and not rows[1]["allowed"]  # the notes change no money: the MAC prices D9239


def test_price_s_table_says_the_dental_note_for_a_lone_dental_code() -> None:
    done = CliRunner().invoke(app, ["price", "D0220", "--zip", "60611", "--date", "2026-07-10"])
    assert done.exit_code == 1 and done.stdout == ""  # nothing priced: MAC-priced, as before
    assert "priced by your Medicare contractor" in done.stderr and "D0220 is a dental service" in done.stderr
    args = ["price", "D9239", "D9243", "--zip", "60611", "--date", "2026-07-10", "--setting", "11"]
    both = CliRunner().invoke(app, args)
    assert "your Medicare contractor (MAC) prices it" in both.stderr and "does not install" not in both.stderr


def test_a_dental_code_of_status_n_or_i_is_not_payable_as_any_such_code(tmp_path: Path) -> None:
    """D9947 (status N: not covered) and D1720 (status I: not valid for Medicare) are the PFS's codes: not payable
    for their status, as 99385 and 97014 are, not "cannot be priced ... paid from dental services"."""
    for code, status in (("D9947", "status N"), ("D1720", "status I")):
        done = CliRunner().invoke(app, ["price", code, "--zip", "60611", "--date", "2026-07-10"])
        assert done.exit_code == 1 and f"{code} is not payable in any site" in done.stderr, done.stderr
        assert f"No PFS payment: {status}" in done.stderr and "does not install" not in done.stderr
    source, out = tmp_path / "oms.csv", tmp_path / "out.csv"
    source.write_text("code,zip,date,pos\nD9947,60611,2026-07-10,11\nD1720,60611,2026-07-10,11\n")
    CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    for row in csv.DictReader(out.open()):
        assert "does not install" not in row["note"] and not row["allowed"], row
