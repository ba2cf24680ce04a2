"""A hospice and palliative medicine group's trial (Columbus, 2026): G0439 + 99497-33 read "Modifier 33 is
informational: it does not change the amount." beside "deductible and coinsurance waived": on advance care planning
(99497, 99498) and moderate sedation (G0500, 99153) 33 is the modifier Medicare reads for the waiver (CR 9271 / MM9271,
CR 10075), and each such line's encounter note says whether it holds. The informational note is left out there, price
and batch alike; the amounts stay CMS's (RVU26C x the 2026 Ohio GPCIs, ``cms_fees``), the patient's share 0 with the
AWV, 20% without it. 33 on another code keeps the informational note."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.preventive import ACP_WITHOUT_AWV

runner = CliRunner()
ZIP, LOCALITY, DATE = "43215", "1520200", "2026-07-10"  # OHIO
INFORMATIONAL = "Modifier 33 is informational: it does not change the amount."
WAIVED = "Advance care planning billed with modifier 33 as part of the annual wellness visit"


def _price(*codes: str) -> list[dict]:
    done = runner.invoke(app, ["price", *codes, "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    return list(found.get("lines", [found]))


def test_price_says_the_acp_waiver_without_calling_33_informational() -> None:
    _awv, acp = _price("G0439", "99497-33")
    assert str(acp["sites"][0]["allowed"]) == str(fee_2026("99497", LOCALITY)) and acp["sites"][0]["beneficiary"] == 0
    assert any(WAIVED in note for note in acp["notes"]) and INFORMATIONAL not in acp["notes"]
    (alone,) = _price("99497-33")
    fee = fee_2026("99497", LOCALITY)
    assert str(alone["sites"][0]["beneficiary"]) == str((fee / 5).quantize(Decimal("0.01"), ROUND_HALF_UP))
    assert ACP_WITHOUT_AWV in alone["notes"] and INFORMATIONAL not in alone["notes"]
    _screening, sedation = _price("G0121", "G0500-33")
    assert sedation["sites"][0]["beneficiary"] == 0 and INFORMATIONAL not in sedation["notes"]
    (visit,) = _price("99213-33")
    assert INFORMATIONAL in visit["notes"]


def test_batch_says_as_price(tmp_path: Path) -> None:
    rows = [("H1", "G0439", "", "MD"), ("H1", "99497", "33", "MD"), ("H2", "99497", "33", "MD"),
            ("H3", "G0439", "", "MD"), ("H3", "99497", "33", "NP"), ("H4", "99213", "33", "MD")]  # fmt: skip
    done, got = run_batch_rows(tmp_path, [
        {"Claim ID": claim, "Date of Service": "07/10/2026", "CPT Code": code, "Mod 1": mod, "Units": "1", "POS": "11",
         "Service Facility ZIP": ZIP, "Provider Credentials": cred} for claim, code, mod, cred in rows])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [INFORMATIONAL in row["note"].split("; ") for row in got] == [False, False, False, False, False, True]
    share = (fee_2026("99497", LOCALITY) / 5).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert [row["beneficiary"] for row in got[:3]] == ["0.00", "0.00", str(share)]
