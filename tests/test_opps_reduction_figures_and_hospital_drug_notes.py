"""What a hospital (OPPS) line says, in price and batch alike.

A reduction (PN, PO, CT, FX, FY) shows the figures CMS's OPPS Pricer works with: the national APC rate of Addendum B
less the reduction, rounded to the cent (PerformApcAdjustments), then a rural sole community hospital's 1.071, then
the wage adjustment (calculateWageAdjustedPaymentAndSchAdj). It said "40% of the OPPS rate: $271.08 -> $108.44", 40%
of $271.08 being $108.43: the $108.44 is 40% of 20610's national $295.19, $118.08, wage-adjusted at 0.8639. The
figures are checked here against the October 2025 Addendum B row and the CY2025 wage index file, read by the test.

A drug priced at the hospital or the ASC from that facility's own table (Addendum B, BB) says so: not the ASP file's
"not installed ... Add it with" advice (J1885 in 2025, no CY2025 ASP file installed), nor "paid from the Part B drug
payment limits (ASP)" on a hospital row (J9271 in 2026); the office row keeps the ASP file's words."""

from __future__ import annotations

import csv
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.meanings import facility_drug_office_note, paid_from_note

runner = CliRunner()
DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
CENT = Decimal("0.01")
DAY = "2025-11-03"
ZIP = "69001"  # rural Nebraska: county 31145, rural CBSA 28
REDUCTION = {"PN": Decimal("0.40"), "PO": Decimal("0.40"), "CT": Decimal("0.85"), "FX": Decimal("0.80"),
             "FY": Decimal("0.90")}  # fmt: skip
ORDER = ("PN", "PO", "CT", "FX", "FY")  # the Pricer's (PerformApcAdjustments)
MONEY = r"\$(\d[\d,]*\.\d\d)"
FIGURES = re.compile(
    rf"(\d+)% of the national APC rate(?: less [A-Z, ]+)?, {MONEY} -> {MONEY}"
    rf"(?:, then x 1\.071 \(rural sole community hospital\): {MONEY})?(?:, then wage-adjusted: {MONEY})?"
)


def _dollars(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", "").strip())


def _national(code: str) -> Decimal:
    """Addendum B's (October 2025) payment rate for ``code``."""
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return _dollars(next(row for row in csv.reader(handle) if row and row[0] == code)[5])


RURAL_NEBRASKA = next(Decimal(line.split("\t")[-1]) for line in WAGE_INDEX.read_text(encoding="latin-1").splitlines()
                      if line.split("\t")[0] == "28")  # fmt: skip


def _price(*args: str, paid: bool = True) -> tuple[dict[str, Any], str]:
    """The lookup's JSON and its terminal text (whitespace made single: the table wraps long lines); ``paid``: the
    setting pays it (else the lookup exits 1, its JSON written all the same)."""
    done = runner.invoke(app, ["price", *args, "-f", "json"])
    assert done.exit_code == (0 if paid else 1), done.output
    text = runner.invoke(app, ["price", *args])
    assert text.exit_code == (0 if paid else 1), text.output
    return json.loads(done.stdout), " ".join(text.stdout.split())


CASES = [
    # code, modifiers, options, wage index, rural SCH
    ("20610", ("PN",), ["--zip", ZIP, "--setting", "hopd"], RURAL_NEBRASKA, False),
    ("74177", ("CT",), ["--hospital", "rural-sch", "--setting", "22", "--wage-index", "1.1111", "--units", "2"],
     Decimal("1.1111"), True),
    ("74177", ("PN", "CT"), ["--zip", ZIP, "--setting", "22"], RURAL_NEBRASKA, False),
    ("G0463", ("PO",), ["--zip", ZIP, "--setting", "hopd"], RURAL_NEBRASKA, False),
]  # fmt: skip


@pytest.mark.parametrize(("code", "modifiers", "options", "wage_index", "sch"), CASES)
def test_an_apc_reduction_shows_the_figures_the_pricer_works_with(
    code: str, modifiers: tuple[str, ...], options: list[str], wage_index: Decimal, sch: bool
) -> None:
    result, text = _price("-".join([code, *modifiers]), "--date", DAY, *options)
    opps = result["opps"]
    steps = sorted((a for a in opps["adjustments"] if a["indicator"] in REDUCTION),
                   key=lambda a: ORDER.index(a["indicator"]))  # fmt: skip
    assert [a["indicator"] for a in steps] == sorted(modifiers, key=ORDER.index)
    value = _national(code)  # each step works on what the one before left, from Addendum B's national rate
    for number, step in enumerate(steps):
        found = FIGURES.search(step["rule"])
        assert found, step["rule"]
        percent, before, after = Decimal(found.group(1)), _dollars(found.group(2)), _dollars(found.group(3))
        assert percent / 100 == REDUCTION[step["indicator"]]
        assert before == value, (step["rule"], value)
        assert (before * percent / 100).quantize(CENT, ROUND_HALF_UP) == after, step["rule"]
        value = after
        last = number == len(steps) - 1
        assert bool(found.group(5)) == last, step["rule"]  # the wage adjustment follows the last reduction
        if not last:
            continue
        if sch:
            assert found.group(4), step["rule"]
            assert (value * Decimal("1.071")).quantize(CENT, ROUND_HALF_UP) == _dollars(found.group(4))
            value = _dollars(found.group(4))
        else:
            assert found.group(4) is None, step["rule"]
        adjusted = (value * (Decimal("0.6") * wage_index + Decimal("0.4"))).quantize(CENT, ROUND_HALF_UP)
        assert _dollars(found.group(5)) == adjusted == Decimal(str(opps["rate"])), step["rule"]
        # the terminal says the rule as it is, not the line's rates before and after beside it, which did not add up
        assert f"OPPS: {' '.join(step['rule'].split())}" in text
        assert f"${adjusted:,} -> " not in text and f"-> ${adjusted:,}:" not in text


def test_a_terminated_reduced_line_says_its_figures_too() -> None:
    """20610-PN-73: the PN reduction's figures, then 73's 50% of the wage-adjusted rate (the Pricer's discount rate)."""
    result, text = _price("20610-PN-73", "--zip", ZIP, "--setting", "hopd", "--date", DAY)
    rules = {a["indicator"]: a["rule"] for a in result["opps"]["adjustments"]}
    national = _national("20610")
    reduced = (national * REDUCTION["PN"]).quantize(CENT, ROUND_HALF_UP)
    adjusted = reduced * (Decimal("0.6") * RURAL_NEBRASKA + Decimal("0.4"))
    assert f"40% of the national APC rate, ${national:,.2f} -> ${reduced}" in rules["PN"]
    rate = (adjusted / 2).quantize(CENT, ROUND_HALF_UP)
    assert rate == Decimal(str(result["opps"]["rate"]))
    assert rules["73"].endswith(f", ${adjusted.quantize(CENT, ROUND_HALF_UP)} -> ${rate}"), rules["73"]
    assert "$271.08 -> " not in text  # the wage-adjusted full rate is no step's "before"


J1885 = ["J1885", "--units", "30", "--zip", ZIP, "--date", DAY]  # no CY2025 ASP file installed; Addendum B pays it
J9271 = ["J9271", "--zip", ZIP, "--date", "2026-01-15"]  # the 2026-01 ASP file installed, no 2026 Addendum B


def test_a_hospital_drug_names_addendum_b_not_the_asp_files_advice(tmp_path: Path) -> None:
    hospital = facility_drug_office_note("hopd", "CY2025 ASP")
    assert hospital.startswith("The hospital prices it from OPPS Addendum B. ") and "; " not in hospital
    result, text = _price(*J1885, "--setting", "hopd")
    assert result["opps"]["rate"] is not None
    assert hospital in result["notes"]
    assert not any("Add it with" in note for note in result["notes"]), result["notes"]
    assert f"Note: {hospital}" in text
    assert result["drug"]["reason"].startswith("ASP CY2025 not installed")  # the ASP section is still honest
    office, _ = _price(*J1885, "--setting", "office", paid=False)  # no ASP amount: not priced in the office
    assert hospital not in office["notes"]
    assert any(note.startswith("ASP CY2025 not installed") for note in office["notes"])
    rows = [{"code": "J1885", "units": "30", "zip": ZIP, "date": DAY, "pos": pos} for pos in ("22", "11")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert hospital in out[0]["note"] and "Add it with" not in out[0]["note"], out[0]["note"]
    assert hospital not in out[1]["note"] and "ASP CY2025 not installed" in out[1]["note"], out[1]["note"]


@pytest.mark.parametrize(("setting", "pos"), [("hopd", "22"), ("asc", "24"), ("office", "11")])
def test_a_drugs_paid_from_note_is_the_rows_setting(tmp_path: Path, setting: str, pos: str) -> None:
    expected = paid_from_note("drug", setting, practitioner=True)  # a practitioner's line (at the ASC: the ASC's)
    assert expected is not None
    if setting != "office":
        assert "OPPS Addendum B" in expected if setting == "hopd" else "ASC Addendum BB" in expected
        assert expected != paid_from_note("drug")
    result, text = _price(*J9271, "--setting", pos)
    assert expected in result["notes"], result["notes"]
    assert [note for note in result["notes"] if note.startswith("Not paid under the PFS")] == [expected]
    assert " ".join(expected.split()) in text
    rows = [{"code": "J9271", "units": "1", "zip": ZIP, "date": "2026-01-15", "pos": pos}]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert expected in out[0]["note"], out[0]["note"]
    if setting != "office":
        assert paid_from_note("drug") not in out[0]["note"]
