"""A psychiatry group's trial (Chicago, 2026): `price 90839 --setting 12` (crisis psychotherapy in the patient's home)
was priced as 90839 with no word, where CMS's codes at "an applicable site of service (any place of service at which
the non-facility rate for psychotherapy for crisis services applies, other than the office setting)" are G0017 and
G0018 (the CY2024 PFS final rule), with their own, higher RVUs in CMS's RVU26C. Noted at the home and the like, the
amount CMS's 90839 non-facility amount (``cms_fees``); the office (11) and telehealth at home (10) say nothing; price
and batch alike."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026, rvu_2026_row
from rvucalc.cli import app
from rvucalc.engine.visits import CRISIS_APPLICABLE_PLACES, visit_place_note

runner = CliRunner()
ZIP, LOCALITY, DATE = "60614", "0610216", "2026-08-03"  # CHICAGO


def test_cms_s_away_codes_have_higher_rvus() -> None:
    for office, away in (("90839", "G0017"), ("90840", "G0018")):
        assert Decimal(rvu_2026_row(away)[11]) > Decimal(rvu_2026_row(office)[11])  # NON-FACILITY TOTAL
        assert rvu_2026_row(away)[3] == "A"


def test_the_note_names_the_away_code_at_each_applicable_place_only() -> None:
    for place in CRISIS_APPLICABLE_PLACES:
        said = visit_place_note("90839", place)
        assert said is not None and "CMS's code is G0017" in said and "; " not in said
        assert "CMS's code is G0018" in (visit_place_note("90840", place) or "")
    assert [visit_place_note("90839", place) for place in ("11", "10", "02", "22", "21", "53", None)] == [None] * 7


def test_price_and_batch_note_90839_in_the_home_at_cms_s_amount(tmp_path: Path) -> None:
    done = runner.invoke(app, ["price", "90839", "--zip", ZIP, "--date", DATE, "--setting", "12", "-f", "json"])
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    assert Decimal(str(line["sites"][0]["allowed"])) == fee_2026("90839", LOCALITY)
    assert visit_place_note("90839", "12") in line["notes"]
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(
        "Claim #,DOS,CPT Code,POS,Credential,Svc Loc ZIP\n"
        f"C1,{DATE},90839,13,LCSW,{ZIP}\nC1,{DATE},90840,13,LCSW,{ZIP}\nC2,{DATE},90839,11,MD,{ZIP}\n"
    )
    done = runner.invoke(app, ["batch", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [visit_place_note(code, "13") in row["note"].split("; ") for row, code in
            zip(rows[:2], ("90839", "90840"), strict=True)] == [True, True]  # fmt: skip
    assert "G0017" not in rows[2]["note"]
    assert Decimal(rows[2]["allowed"]) == fee_2026("90839", LOCALITY)
