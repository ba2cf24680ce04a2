"""A status R code's restricted coverage, and routine foot care without a class finding modifier (Q7, Q8, Q9). A
podiatry trial's batch row of 11056 without Q7-Q9 had no note, where `price 11056` said "Status R: Restricted
coverage" (CMS's RVU file status R); routine foot care is excluded unless class findings are reported (Medicare
Benefit Policy Manual ch. 15 §290). Both notes are price's and batch's alike; the amount is unchanged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from rvucalc.cli import app
from rvucalc.engine.meanings import restricted_coverage_note
from rvucalc.engine.modifiers import routine_foot_care_notes
from rvucalc.lookup.pricer import Pricer
from test_batch_provider_column import _cms_fee, _money

DATA = Path(__file__).resolve().parents[1] / "data"


def _rvu_status(code: str) -> str:
    """CMS's RVU26C status of ``code``."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        return next(row[3] for row in csv.reader(handle) if row and row[0] == code and not row[1])


def _price_notes(line: str) -> list[str]:
    done = CliRunner().invoke(app, ["price", line, "--zip", "55401", "--date", "2026-09-15", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)["notes"]  # type: ignore[no-any-return]


def test_a_status_r_code_s_restricted_coverage_is_a_note_in_price_and_batch(tmp_path: Path, pricer: Pricer) -> None:
    assert _rvu_status("11056") == "R" and _rvu_status("11721") == "A"
    restricted = restricted_coverage_note("R")
    assert restricted is not None and "; " not in restricted and restricted.startswith("Status R: Restricted coverage")
    source, out = tmp_path / "pod.csv", tmp_path / "out.csv"
    source.write_text("code,modifier,zip,date,pos\n11056,,55401,2026-09-15,11\n11056,Q8,55401,2026-09-15,11\n"
                      "11721,,55401,2026-09-15,11\n")  # fmt: skip
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(out.open()))
    fee = _cms_fee(pricer, "11056", "55401", 2026)["non_facility"]
    for row, line in zip(rows, ["11056", "11056-Q8", "11721"], strict=True):
        notes = row["note"].split("; ")
        assert (restricted in notes) == line.startswith("11056"), row
        assert [note for note in notes if note != restricted] == [
            note for note in _price_notes(line) if note != restricted and "deductible" not in note
        ], row
        assert (restricted in _price_notes(line)) == line.startswith("11056")
    assert _money(rows[0]["allowed"]) == _money(rows[1]["allowed"]) == fee  # the note changes no money


def test_routine_foot_care_without_q7_q8_q9_is_said_to_be_excluded(tmp_path: Path) -> None:
    for code in ("11055", "11056", "11057", "11719", "G0127"):
        assert _rvu_status(code) == "R", code
    (note,) = routine_foot_care_notes("11056", ())
    assert "; " not in note and "Q7, Q8 or Q9" in note and "§290" in note
    assert routine_foot_care_notes("11056", ("Q7",)) == routine_foot_care_notes("99213", ()) == ()
    assert note in _price_notes("11056") and note not in " ".join(_price_notes("11056-Q9"))
    (nails,) = routine_foot_care_notes("11721", ())
    assert "mycotic" in nails and nails in _price_notes("11721")
    source, out = tmp_path / "pod.csv", tmp_path / "out.csv"
    source.write_text("code,modifier,zip,date,pos\n11056,,55401,2026-09-15,11\n11056,Q9,55401,2026-09-15,11\n")
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    first, second = csv.DictReader(out.open())
    assert note in first["note"].split("; ") and "routine foot care" not in second["note"]


def test_price_s_table_says_status_r_once() -> None:
    """The table's status line is the statement; a trial read it a second time among the notes."""
    done = CliRunner().invoke(app, ["price", "11056", "--zip", "55401", "--date", "2026-09-15"])
    assert done.exit_code == 0, done.output
    assert done.stdout.count("Status R: Restricted coverage") == 1, done.stdout
    assert "Status R: Restricted coverage" in json.dumps(_price_notes("11056"))  # the JSON keeps it as a note


def test_ga_on_routine_foot_care_without_a_class_finding_names_the_statutory_exclusion(tmp_path: Path) -> None:
    """A podiatry trial's 11056-GA read "Modifier GA is informational": routine foot care without Q7-Q9 is excluded
    by statute (SSA §1862(a)(13), Benefit Policy Manual ch. 15 §290.B.2), reported with GY, not denied as not
    reasonable and necessary (GA's ABN). With a class finding the line is covered: GA keeps its informational note."""
    from rvucalc.engine.modifiers import routine_foot_care_ga_note

    informational = "Modifier GA is informational: it does not change the amount."
    for code in ("11056", "11719", "11721", "G0127"):
        note = routine_foot_care_ga_note(code, ("GA",))
        assert note is not None and "GY" in note and "1862(a)(13)" in note and "; " not in note, code
        assert ("mycotic" in note) == (code == "11721")
        said = _price_notes(f"{code}-GA")
        assert note in said and informational not in said, said
        assert routine_foot_care_ga_note(code, ("GA", "Q8")) is None
        with_finding = _price_notes(f"{code}-GA-Q8")
        assert informational in with_finding and not any("1862(a)(13)" in n for n in with_finding), with_finding
    assert routine_foot_care_ga_note("99213", ("GA",)) is None and routine_foot_care_ga_note("11056", ()) is None
    source, out = tmp_path / "pod.csv", tmp_path / "out.csv"
    source.write_text("code,modifier,zip,date,pos\n11056,GA,55401,2026-09-15,11\n11056,GA Q7,55401,2026-09-15,11\n")
    done = CliRunner().invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    first, second = csv.DictReader(out.open())
    assert routine_foot_care_ga_note("11056", ("GA",)) in first["note"].split("; ")
    assert informational in second["note"].split("; ") and "1862(a)(13)" not in second["note"]
    assert first["allowed"] == second["allowed"]  # the note changes no money
