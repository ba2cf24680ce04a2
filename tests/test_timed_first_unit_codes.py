"""A psychiatry group's trial (Chicago, 2026): `price 96130 --units 3` (three hours of psychological testing
evaluation) was priced 3 x 96130 with no word, where CPT bills the first hour as 96130 (1 unit) and each further hour as
its add-on 96131; 90839 x 2 (crisis psychotherapy, first 60 minutes; 90840 each additional 30) alike. Noted, the
amounts as billed: units x CMS's amount (RVU26C x the 2026 Chicago GPCIs, ``cms_fees``), price and batch alike. A
first code of 1 unit, and an add-on of several, say nothing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.engine.add_ons import TIMED_FIRST_UNITS, timed_first_units_note

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO


def test_each_first_code_names_its_add_on_and_one_unit_says_nothing() -> None:
    for code, add_on in TIMED_FIRST_UNITS.items():
        said = timed_first_units_note(code, 2)
        assert said is not None and said.startswith(f"2 units of {code} (") and f"billed as {add_on}" in said
        assert "; " not in said  # batch joins a row's notes with "; "
        assert timed_first_units_note(code, 1) is None
        assert timed_first_units_note(add_on, 3) is None


def test_price_notes_three_units_of_96130_at_cms_s_amount() -> None:
    done = runner.invoke(app, ["price", "96130", "--units", "3", "--zip", ZIP, "--date", DATE, "--setting", "11",
                               "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    assert str(line["sites"][0]["allowed"]) == str(3 * fee_2026("96130", LOCALITY))
    assert timed_first_units_note("96130", 3) in line["notes"]


def test_batch_notes_the_first_codes_of_several_units(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    rows = [("96130", 3, "PhD"), ("90839", 2, "MD"), ("96136", 1, "PhD"), ("96137", 3, "PhD")]
    source.write_text(
        "Claim #,DOS,CPT Code,Units,POS,Credential,Svc Loc ZIP\n"
        + "".join(f"C{n},{DATE},{code},{units},11,{cred},{ZIP}\n" for n, (code, units, cred) in enumerate(rows))
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        got = list(csv.DictReader(handle))
    assert [row["allowed"] for row in got] == [str(units * fee_2026(code, LOCALITY)) for code, units, _ in rows]
    assert [timed_first_units_note(code, units) in row["note"].split("; ") for row, (code, units, _) in
            zip(got, rows, strict=True)] == [True, True, False, False]  # fmt: skip
