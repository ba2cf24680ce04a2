"""Two spinal CMT codes (98940-98942) on one claim and date, or one of several units, count the spinal regions twice:
CPT codes a session's manipulation by how many of the five spinal regions were treated (98940 1-2, 98941 3-4, 98942
5). A chiropractic trial's 98942-AT with 98940-AT x 2 (Des Moines, April 2026) was priced with no word. Price and
batch say the same per line (engine.spinal_manipulation); the amounts stay CMS's, units x one unit's."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

ZIP, DATE = "50309", "2026-04-21"
SAID = "98940-98942 are one code a session"


def _price(*args: str) -> dict[str, Any]:
    done = CliRunner().invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "--provider", "DC", "-f", "json"])
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _cms_fee(priced: dict[str, Any]) -> Decimal:
    """One unit's PFS amount from CMS's RVUs, GPCIs and CF as the line reports them, rounded once half-up."""
    pfs = priced["pfs"]
    rvu, gpci = pfs["rvu"], pfs["gpci"]
    rvus = (Fraction(str(rvu["work"])) * Fraction(str(gpci["work"]))
            + Fraction(str(rvu["pe_non_facility"])) * Fraction(str(gpci["pe"]))
            + Fraction(str(rvu["mp"])) * Fraction(str(gpci["mp"])))  # fmt: skip
    fee = rvus * Fraction(str(pfs["conversion_factor"]))
    return (Decimal(fee.numerator) / Decimal(fee.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _row(claim: str, code: str, modifiers: str, units: str = "1") -> dict[str, str]:
    return {"Claim ID": claim, "DOS": "04/21/2026", "Rendering Provider": "HANSEN, ERIK DC", "Zip": ZIP, "POS": "11",
            "CPT": code, "Mod 1": modifiers, "Units": units}  # fmt: skip


def test_two_cmt_codes_of_one_session_are_noted_in_price_and_batch(tmp_path: Path) -> None:
    done, rows = run_batch_rows(tmp_path, [
        _row("DSM-1007", "98942", "AT"), _row("DSM-1007", "98940", "AT", "2"),
        _row("DSM-1008", "98941", "AT"), _row("DSM-1009", "98941", "AT"),  # one each, other claims: no word
        _row("DSM-1010", "98941", "AT"), _row("DSM-1010", "98940", "AT 59"),  # another session
    ])  # fmt: skip
    assert done.exit_code == 0, done.output
    encounter = _price("98942-AT", "98940-AT", "--units", "1", "--units", "2")
    lines = encounter["lines"]
    for row, line in zip(rows[:2], lines, strict=True):
        assert SAID in row["note"], row["note"]
        said = [note for note in row["note"].split("; ") if SAID in note]
        assert said and said == [note for note in line["notes"] if SAID in note], (said, line["notes"])
        fee = _cms_fee(_price(f"{row['CPT']}-AT"))
        assert Decimal(row["allowed"]) == fee * int(row["Units"])  # amounts unchanged: units x CMS's amount
    assert "Priced as billed: 2 times one 98940" in rows[1]["note"]
    assert not any(SAID in row["note"] for row in rows[2:])


def test_one_cmt_line_of_two_units_is_noted_alone() -> None:
    priced = _price("98941-AT", "--units", "2")
    assert any(SAID in note and "Priced as billed: 2 times one 98941" in note for note in priced["notes"])
    assert not any(SAID in note for note in _price("98941-AT")["notes"])
