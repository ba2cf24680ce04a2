"""A line's modifiers that cut its hospital (OPPS) or ASC rate say so in batch, as in price.

`rvucalc price 45378-73 --setting 22` lists the cut in its opps_adjustments ("73 (...): 50% of the OPPS rate"), and
G0463-PO's "PO (...): 40% of the national APC rate, $X -> $Y, then wage-adjusted: $Z"; batch priced the same rows at
the same reduced rates and its note said only "Modifier 73 ... changes the hospital's (OPPS) and the ASC's rate". Its
note now carries the single lookup's rules word for word (batch.price._facility_rule_notes), the comparison_note where
the row's site is another (labelled, batch.price.FACILITY_COMPARISON_ONLY). The amounts are checked against the
October 2025 Addendum B row and the CY2025 wage index file, read here (Claims Processing Manual ch. 4 §20.6.4: 73 is
paid 50%; the OPPS Pricer's PerformApcAdjustments: PN and PO 40% of the APC payment, rounded, before the wage
adjustment)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.batch.price import FACILITY_COMPARISON_ONLY
from rvucalc.cli import app

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
CENT = Decimal("0.01")
DAY = "2025-11-03"
ZIP = "69001"  # rural Nebraska: rural CBSA 28
RURAL_NEBRASKA = next(Decimal(line.split("\t")[-1]) for line in WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                      if line.split("\t")[0] == "28")  # fmt: skip


def _national(code: str) -> Decimal:
    """Addendum B's (October 2025) payment rate for ``code``."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        cell = next(row for row in csv.reader(handle) if row and row[0] == code)[5]
    return Decimal(cell.replace("$", "").replace(",", "").strip())


def _wage_adjusted(amount: Decimal) -> Decimal:
    """The OPPS wage adjustment, 60% labor share, unrounded."""
    return amount * (Decimal("0.6") * RURAL_NEBRASKA + Decimal("0.4"))


def _expected_rate(code: str, modifiers: tuple[str, ...]) -> Decimal:
    """What CMS's files and rules give for the line's OPPS rate: PN/PO's 40% of the national APC rate, rounded, then
    wage-adjusted, then 73's 50%, rounded once."""
    national = _national(code)
    if {"PN", "PO"} & set(modifiers):
        national = (national * Decimal("0.40")).quantize(CENT, ROUND_HALF_UP)
    rate = _wage_adjusted(national)
    if "73" in modifiers:
        rate /= 2
    return rate.quantize(CENT, ROUND_HALF_UP)


def _price(line: str) -> dict[str, Any]:
    done = runner.invoke(app, ["price", line, "--zip", ZIP, "--date", DAY, "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


CASES = [
    ("G0463", ("PO",), "19"),
    ("92012", ("PN",), "19"),
    ("20610", ("PN", "73"), "22"),
    ("45378", ("73",), "22"),
    ("45378", ("73",), "24"),
    ("45378", ("73",), "11"),
]


@pytest.mark.parametrize(("code", "modifiers", "pos"), CASES)
def test_batch_says_the_facility_cut_price_lists(
    tmp_path: Path, code: str, modifiers: tuple[str, ...], pos: str
) -> None:
    single = _price("-".join([code, *modifiers]))
    row = {"code": code, "modifier": "-".join(modifiers), "date": DAY, "pos": pos, "zip": ZIP}
    done, out = run_batch_rows(tmp_path, [row])
    assert done.exit_code == 0, done.output
    (line,) = out
    # the amounts agree: price's, batch's, and CMS's files'
    assert Decimal(line["opps_rate"]) == Decimal(str(single["opps"]["rate"])) == _expected_rate(code, modifiers)
    if single["asc"] and single["asc"]["rate"] is not None:
        assert Decimal(line["asc_rate"]) == Decimal(str(single["asc"]["rate"]))
    rules = {site: [step["rule"] for step in single[part]["adjustments"]]
             for site, part in (("19", "opps"), ("24", "asc")) if single[part]}  # fmt: skip
    assert rules["19"], single["opps"]  # price lists the OPPS cut
    hospital = pos in ("19", "22")
    for site, said in rules.items():
        own = (site == "24" and pos == "24") or (site == "19" and hospital)
        for rule in said:
            if own:
                assert rule in line["note"].split("; "), (rule, line["note"])
                assert rule not in line["comparison_note"]
            else:
                assert FACILITY_COMPARISON_ONLY + rule in line["comparison_note"], (rule, line["comparison_note"])
                assert rule not in line["note"]


def test_a_modifier_that_leaves_the_rate_says_no_cut(tmp_path: Path) -> None:
    """74 (after anesthesia) and PO on another code than G0463 (2025) leave the rate: no rule said, as price lists
    none."""
    for code, modifier in (("45378", "74"), ("96372", "PO")):
        single = _price(f"{code}-{modifier}")
        assert single["opps"]["adjustments"] == []
        row = {"code": code, "modifier": modifier, "date": DAY, "pos": "22", "zip": ZIP}
        done, (line,) = run_batch_rows(tmp_path, [row])
        assert done.exit_code == 0, done.output
        assert Decimal(line["opps_rate"]) == Decimal(str(single["opps"]["rate"]))
        assert "% of the " not in line["note"] + line["comparison_note"], line
