"""A hospice and palliative medicine group's trial (Columbus, 2026): a hospice patient's service not related to the
terminal condition, 99310-GW at a SNF and 99490-GW, read "Modifier GW is informational", where GV's line says whose
it is. GW says what it means: Part B pays the line as any other, deductible and coinsurance included (Claims
Processing Manual ch. 11 §50). Notes only: the amounts stay CMS's (RVU26C x the 2026 Ohio GPCIs, ``cms_fees``), the
patient 20%, price and batch alike."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from cms_fees import fee_2026
from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import GW_NOTE

runner = CliRunner()
ZIP, LOCALITY, DATE = "43215", "1520200", "2026-07-10"  # OHIO


def test_price_says_what_gw_means_at_cms_s_amount() -> None:
    done = runner.invoke(app, ["price", "99310-GW", "--zip", ZIP, "--date", DATE, "--setting", "31", "-f", "json"])
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    fee = fee_2026("99310", LOCALITY, facility=True)
    assert str(line["sites"][0]["allowed"]) == str(fee)
    assert str(line["sites"][0]["beneficiary"]) == str((fee / 5).quantize(Decimal("0.01"), ROUND_HALF_UP))
    assert GW_NOTE in line["notes"] and not any("GW is informational" in note for note in line["notes"])
    assert "; " not in GW_NOTE


def test_batch_says_it_as_price(tmp_path: Path) -> None:
    rows = [("H1", "99310", "GW", "31"), ("H2", "99490", "GW", "11"), ("H3", "99350", "GV", "12")]
    done, got = run_batch_rows(tmp_path, [
        {"Claim ID": claim, "Date of Service": "07/10/2026", "CPT Code": code, "Mod 1": mod, "Units": "1", "POS": pos,
         "Service Facility ZIP": ZIP, "Provider Credentials": "MD"} for claim, code, mod, pos in rows])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [GW_NOTE in row["note"].split("; ") for row in got] == [True, True, False]
    assert [row["allowed"] for row in got] == [
        str(fee_2026("99310", LOCALITY, facility=True)),
        str(fee_2026("99490", LOCALITY)),
        str(fee_2026("99350", LOCALITY)),
    ]
