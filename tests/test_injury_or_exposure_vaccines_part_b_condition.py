"""Td, Tdap, rabies and hepatitis A vaccines (90714, 90715, 90675, 90632), which CMS's ASP file prices at 20%
coinsurance, are paid by Part B only as an injury's or an exposure's treatment (Pub. 100-02 ch. 15 §50.4.4.2; CGS
"Tetanus Immunization"), a routine booster by Part D: said on the line, as the not-installed ASP message says it (an
infectious disease clinic's trial: 90715 + 90471 said nothing). Amounts unchanged: the January 2026 ASP file's limit x
units, rounded once. Not said of the flu, pneumococcal or hepatitis B vaccines Part B pays outright. Price and batch
alike."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import CENT, DATA
from rvucalc.cli import app
from rvucalc.engine import meanings

runner = CliRunner()
ZIP, DATE = "30308", "2026-02-18"


def _asp_limit(code: str) -> Decimal:
    """The code's payment limit in CMS's January 2026 ASP file."""
    path = DATA / "asp/2026/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"
    with path.open(encoding="latin-1") as handle:
        return Decimal(next(row for row in csv.reader(handle) if row and row[0] == code)[3])


@pytest.mark.parametrize("code", ["90715", "90714", "90675", "90632"])
def test_vaccine_paid_as_treatment_says_its_condition_in_price(code: str) -> None:
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    assert Decimal(str(found["drug"]["amount"])) == _asp_limit(code).quantize(CENT, ROUND_HALF_UP)
    said = meanings.injury_or_exposure_vaccine_note(code)
    assert said is not None and said in found["drug"]["notes"]


def test_vaccine_paid_as_treatment_says_its_condition_in_batch(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(f"claim,code,zip,date\nT,90715,{ZIP},{DATE}\nT,90471,{ZIP},{DATE}\nF,90662,{ZIP},{DATE}\n")
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {row["code"]: row for row in csv.DictReader(out.open())}
    assert str(meanings.injury_or_exposure_vaccine_note("90715")) in rows["90715"]["note"]
    assert Decimal(rows["90715"]["drug_amount"]) == _asp_limit("90715").quantize(CENT, ROUND_HALF_UP)
    assert "Part D" not in rows["90662"]["note"]
