"""The HIV PrEP drugs (CMS's ASP file's "HIV PrEP drug" rows, 0% coinsurance: J0738, J0739, J0750-J0752) are an
additional preventive service under NCD 210.15, without deductible as without coinsurance. An infectious disease
clinic's J0739 read "No coinsurance for this drug" beside "Patient amounts ... exclude the CY2026 Part B deductible", as
if the deductible applied. Now the preventive note says both are waived, in price and batch alike, and the drug's
amount is CMS's (its payment limit x units, from the shipped ASP file)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import TESTS
from rvucalc.cli import app

runner = CliRunner()
SHIPPED = TESTS.parent / "data"
ZIP, DATE, UNITS = "30303", "2026-02-13", 600
WAIVED = "Medicare waives the deductible and coinsurance"


def _asp_row(code: str) -> list[str]:
    (path,) = (SHIPPED / "asp" / "2026").glob("*.csv")
    with open(path, newline="", encoding="latin-1") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _amount(code: str) -> Decimal:
    return (Decimal(_asp_row(code)[3]) * UNITS).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def test_cms_file_marks_the_prep_drugs_at_no_coinsurance() -> None:
    for code in ("J0738", "J0739", "J0750", "J0751", "J0752"):
        row = _asp_row(code)
        assert Decimal(row[4]) == 0 and "HIV PrEP drug" in row


def test_price_says_the_prep_drug_has_no_deductible() -> None:
    done = runner.invoke(app, ["price", "J0739", "--zip", ZIP, "--date", DATE, "--units", str(UNITS), "--setting",
                               "11", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    assert Decimal(str(found["drug"]["amount"])) == _amount("J0739")
    assert found["drug"]["beneficiary"] == 0.0
    assert any(WAIVED in note and "PrEP drug" in note for note in found["notes"])
    assert not any("exclude the CY2026 Part B deductible" in note for note in found["notes"])
    assert not any("No coinsurance for this drug" in note for note in found["drug"]["notes"])


def test_batch_says_the_same(tmp_path: Path) -> None:
    source, out = tmp_path / "claims.csv", tmp_path / "out.csv"
    source.write_text(f"claim,code,units,zip,date,setting\nA,J0739,{UNITS},{ZIP},{DATE},11\n")
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    (row,) = csv.DictReader(out.open())
    assert Decimal(row["allowed"]) == _amount("J0739") and Decimal(row["beneficiary"]) == 0
    assert WAIVED in row["note"] and "No coinsurance for this drug" not in row["note"]
