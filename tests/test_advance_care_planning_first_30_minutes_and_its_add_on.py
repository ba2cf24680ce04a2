"""A hospice and palliative medicine group's trial (Columbus, 2026): advance care planning is a timed pair, 99497 the
first 30 minutes and 99498 each additional 30 minutes, its add-on (CMS's ACP billing FAQ: "a base code and an add-on
code"). 99497 x 2 (an hour of ACP) was priced as twice the first 30 minutes with no word, where the hour bills as
99497 + 99498, and 99498 beside a visit with no 99497 said nothing. Both are noted now, the amounts as billed: units x
CMS's amount (RVU26C x the 2026 Ohio GPCIs, ``cms_fees``), price and batch alike."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.add_ons import same_date_primaries, timed_first_units_note

runner = CliRunner()
ZIP, LOCALITY, DATE = "43215", "1520200", "2026-07-10"  # OHIO
PRIMARY = "when 99497 (advance care planning, first 30 minutes) is also paid to the same practitioner"


def test_99497_is_the_first_30_minutes_and_99498_its_add_on() -> None:
    said = timed_first_units_note("99497", 2)
    assert said is not None and "billed as 99498" in said and "; " not in said
    assert timed_first_units_note("99497", 1) is None and timed_first_units_note("99498", 3) is None
    assert same_date_primaries("99498") == frozenset({"99497"})


def test_price_notes_two_units_of_99497_at_cms_s_amount() -> None:
    done = runner.invoke(app, ["price", "99497", "--units", "2", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    assert str(line["sites"][0]["allowed"]) == str(2 * fee_2026("99497", LOCALITY))
    assert timed_first_units_note("99497", 2) in line["notes"]


def test_price_notes_99498_beside_a_visit_without_99497() -> None:
    done = runner.invoke(app, ["price", "99215", "99498", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    visit, add_on = json.loads(done.stdout)["lines"]
    assert str(add_on["sites"][0]["allowed"]) == str(fee_2026("99498", LOCALITY))
    assert any(PRIMARY in note for note in add_on["notes"])
    assert not any(PRIMARY in note for note in visit["notes"])


def test_batch_notes_as_price_and_leaves_99497_with_99498_alone(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    rows = [("A1", "99497", 2), ("A2", "99215", 1), ("A2", "99498", 1), ("A3", "99497", 1), ("A3", "99498", 2)]
    source.write_text(
        "Claim ID,Date of Service,CPT Code,Units,POS,Service Facility ZIP,Provider Credentials\n"
        + "".join(f"{claim},{DATE},{code},{units},11,{ZIP},MD\n" for claim, code, units in rows)
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [row["allowed"] for row in got] == [str(units * fee_2026(code, LOCALITY)) for _, code, units in rows]
    assert [timed_first_units_note("99497", 2) in row["note"].split("; ") for row in got] == [
        True, False, False, False, False]  # fmt: skip
    assert [PRIMARY in row["note"] for row in got] == [False, False, True, False, False]
