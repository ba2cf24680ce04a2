"""HIV PrEP's counseling (G0011, G0013) and the PrEP drug's injection (G0012) have no deductible or coinsurance (NCD
210.15; medicare.gov "Pre-exposure prophylaxis (PrEP) for HIV prevention"), as the PrEP drug itself (J0739: 0% in CMS's
ASP file) and CMS's own OPPS Addendum B (October 2025: G0012 and G0013 with a $0.00 national unadjusted copayment).
An infectious disease clinic's trial: G0012 beside J0739 owed 20% of the office amount in price and batch. Beside a
99215-25 they are a Part B preventive service, so G2211 is paid (``engine.visits.BESIDE_25``). Amounts are CMS's: RVU26C
x the 2026 GPCIs x CF (``tests/cms_fees.py``)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import DATA, fee_2026
from rvucalc.cli import app

runner = CliRunner()
ZIP = "30308"  # Atlanta, GA: locality 1021201
LOCALITY = "1021201"
DATE = "2026-02-13"


def _addendum_b_oct_2025_copayment(code: str) -> str:
    """The code's 'National Unadjusted Copayment' cell in CMS's October 2025 OPPS Addendum B."""
    path = DATA / "opps/2025/508 version of October 2025 Web Addendum B.10.31.25.csv"
    with path.open(encoding="latin-1") as handle:
        rows = csv.reader(handle)
        header = next(r for r in rows if r and r[0].strip().upper() == "HCPCS CODE")
        column = next(i for i, name in enumerate(header) if "national unadjusted copayment" in name.lower())
        return next(r for r in rows if r and r[0] == code)[column].strip()


@pytest.mark.parametrize("code", ["G0011", "G0012", "G0013"])
def test_prep_counseling_and_injection_have_no_coinsurance_in_price(code: str) -> None:
    done = runner.invoke(app, ["price", code, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    [office] = [site for site in json.loads(done.stdout)["sites"] if site["setting"] == "office"]
    assert Decimal(str(office["allowed"])) == fee_2026(code, LOCALITY)
    assert office["beneficiary"] == 0.0
    assert Decimal(str(office["medicare"])) == fee_2026(code, LOCALITY)


def test_cms_addendum_b_prints_no_copayment_for_the_prep_injection_and_counseling() -> None:
    """The CMS file the waiver is read against: G0012 and G0013 are SI S with a $0.00 copayment."""
    assert _addendum_b_oct_2025_copayment("G0012") == "$0.00"
    assert _addendum_b_oct_2025_copayment("G0013") == "$0.00"


def test_prep_injection_in_batch_and_g2211_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "claims.csv"
    source.write_text(
        "claim,code,modifier,zip,date,setting,provider\n"
        f"P1,99215,25,{ZIP},{DATE},11,MD\n"
        f"P1,G2211,,{ZIP},{DATE},11,MD\n"
        f"P1,G0012,,{ZIP},{DATE},11,MD\n"
        f"P1,J0739,JZ,{ZIP},{DATE},11,MD\n"
    )
    out = tmp_path / "out.csv"
    done = runner.invoke(app, ["batch", "-q", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    rows = {row["code"]: row for row in csv.DictReader(out.open())}
    assert Decimal(rows["G0012"]["allowed"]) == fee_2026("G0012", LOCALITY)
    assert Decimal(rows["G0012"]["beneficiary"]) == 0
    assert "HIV pre-exposure prophylaxis" in rows["G0012"]["note"]
    # E/M-25 beside a Part B preventive service: the complexity add-on is paid (Transmittal 13015)
    assert Decimal(rows["G2211"]["allowed"]) == fee_2026("G2211", LOCALITY)
