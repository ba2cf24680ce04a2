"""A hospice and palliative medicine group's trial (Columbus, 2026): a hospice patient's service not related to the
terminal condition, 99310-GW at a SNF and 99490-GW, read "Modifier GW is informational", where GV's line says whose
it is. GW says what it means: Part B pays the line as any other, with its usual cost sharing (Claims Processing
Manual ch. 11 §50). Notes only: the amounts stay CMS's (RVU26C x the 2026 Ohio GPCIs, ``cms_fees``), the
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


def _clfs_2026_q2(code: str) -> Decimal:
    """The code's rate in CMS's April 2026 CLFS file (the release in force in July: the July file is not shipped)."""
    import csv

    path = Path(__file__).resolve().parents[1] / "data/clfs/2026/PUF_CLFS_CY2026_Q2V1.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        return Decimal(next(row for row in csv.reader(handle) if len(row) > 5 and row[1] == code and not row[2])[5])


def test_gw_on_a_waived_or_lab_line_does_not_say_deductible_and_coinsurance(tmp_path: Path) -> None:
    """A review: G0439-GW (an AWV, deductible and coinsurance waived) and 85025-GW (a lab test, none) read "deductible
    and coinsurance included" beside the waiver's note. GW's note says the line's usual cost sharing: the patient still
    owes $0.00 on both, at CMS's amounts, price and batch alike."""
    done = runner.invoke(app, ["price", "G0439-GW", "--zip", ZIP, "--date", DATE, "--setting", "11", "-f", "json"])
    assert done.exit_code == 0, done.output
    line = json.loads(done.stdout)
    assert str(line["sites"][0]["allowed"]) == str(fee_2026("G0439", LOCALITY))
    assert str(line["sites"][0]["beneficiary"]) in ("0", "0.0", "0.00")
    assert GW_NOTE in line["notes"] and "deductible and coinsurance included" not in " ".join(line["notes"])
    rows = [("W1", "G0439"), ("W2", "85025")]
    done, got = run_batch_rows(tmp_path, [
        {"Claim ID": claim, "Date of Service": "07/10/2026", "CPT Code": code, "Mod 1": "GW", "Units": "1", "POS": "11",
         "Service Facility ZIP": ZIP, "Provider Credentials": "MD"} for claim, code in rows])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert [row["allowed"] for row in got] == [str(fee_2026("G0439", LOCALITY)), str(_clfs_2026_q2("85025"))]
    assert [Decimal(row["beneficiary"]) for row in got] == [0, 0]
    for row in got:
        assert GW_NOTE in row["note"].split("; ") and "deductible and coinsurance included" not in row["note"], row
