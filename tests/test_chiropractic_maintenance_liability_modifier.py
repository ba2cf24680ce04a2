"""A manipulation without AT (maintenance therapy, denied: Benefit Policy Manual ch. 15 §240.1.3) says who is liable
by its liability modifier. A chiropractor's trial (Des Moines and Bangor, 2025-2026): 98940-GY read "The provider is
liable unless an ABN is on file", saying nothing of GY, which reports a statutory exclusion (the patient liable):
maintenance manipulation is denied as not reasonable and necessary (SSA §1862(a)(1)(A)) and is reported with GA or
GZ. 98942-GA-GZ read GA's patient liability alone, where 99213-GA-GZ reads GZ's: the two contradict each other. Price
and batch say the same; the AT line beside them is paid CMS's amount, unchanged."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app

ZIP, DATE = "50309", "2025-11-20"


def _price(code: str) -> tuple[int, dict[str, Any]]:
    done = CliRunner().invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--provider", "DC", "-f", "json"])
    return done.exit_code, json.loads(done.stdout)


def _batch(tmp_path: Path, codes: list[str]) -> list[dict[str, str]]:
    rows = [{"Claim ID": "DSM-1005", "DOS": "11/20/2025", "Rendering Provider": "HANSEN, ERIK DC", "Zip": ZIP,
             "POS": "11", "CPT": code.split("-")[0], "Mod 1": " ".join(code.split("-")[1:]), "Units": "1"}
            for code in codes]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 1, done.output  # the denied lines
    return out


def _cms_fee(code: str) -> Decimal:
    """The PFS amount from CMS's RVUs, GPCIs and CF as rvucalc reports them, rounded once half-up."""
    status, priced = _price(f"{code}-AT")
    assert status == 0
    pfs = priced["pfs"]
    rvu, gpci = pfs["rvu"], pfs["gpci"]
    rvus = (Fraction(str(rvu["work"])) * Fraction(str(gpci["work"]))
            + Fraction(str(rvu["pe_non_facility"])) * Fraction(str(gpci["pe"]))
            + Fraction(str(rvu["mp"])) * Fraction(str(gpci["mp"])))  # fmt: skip
    fee = rvus * Fraction(str(pfs["conversion_factor"]))
    return (Decimal(fee.numerator) / Decimal(fee.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_gy_on_a_maintenance_manipulation_says_it_is_not_its_modifier(tmp_path: Path) -> None:
    status, priced = _price("98940-GY")
    assert status == 1
    [error] = priced["errors"]
    said = error["error"]
    assert error["error_kind"] == "denied" and "without AT" in said
    assert "GY reports a statutory exclusion, which maintenance manipulation is not" in said
    assert "The provider is liable unless an ABN is on file" not in said
    plain, ga = _batch(tmp_path, ["98940-GY", "98941-AT"])
    assert plain["error"] == said and plain["allowed"] == ""
    assert Decimal(ga["allowed"]) == _cms_fee("98941") and ga["error"] == ""


def test_ga_with_gz_on_a_maintenance_manipulation_says_they_contradict(tmp_path: Path) -> None:
    status, priced = _price("98942-GA-GZ")
    assert status == 1
    said = priced["errors"][0]["error"]
    assert "contradict each other" in said and "With GA (an ABN on file) the patient is liable" not in said
    [row] = _batch(tmp_path, ["98942-GA-GZ"])
    assert row["error"] == said and row["error_kind"] == "denied" and row["allowed"] == ""


def test_ga_alone_and_gz_alone_keep_their_liability() -> None:
    assert "With GA (an ABN on file) the patient is liable" in _price("98942-GA")[1]["errors"][0]["error"]
    assert "With GZ (no ABN) the provider is liable" in _price("98940-GZ")[1]["errors"][0]["error"]


def test_at_with_gy_on_a_manipulation_says_they_contradict(tmp_path: Path) -> None:
    """98941-AT-GY read GY's generic statutory-exclusion denial alone: AT reports active treatment, which Medicare
    covers, and GY a statutory exclusion. Denied (GY) with the contradiction said, price and batch alike; the AT line
    beside it is paid CMS's amount."""
    status, priced = _price("98941-AT-GY")
    assert status == 1
    [error] = priced["errors"]
    said = error["error"]
    assert error["error_kind"] == "denied" and "AT and GY" in said and "contradict each other" in said, said
    denied, paid = _batch(tmp_path, ["98941-AT-GY", "98941-AT"])
    assert denied["error"] == said and denied["allowed"] == ""
    assert Decimal(paid["allowed"]) == _cms_fee("98941") and paid["error"] == ""
