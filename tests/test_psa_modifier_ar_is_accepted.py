"""A frontier clinic trial (Rock Springs, WY 82901): an old chargemaster's 99213-AR, the physician scarcity area (PSA)
bonus modifier, was refused as an unknown modifier ("Did you mean RA or UR or UA?", exit 2; batch's row a
`bad_modifier` error, unpriced). The 5% PSA bonus of SSA §1833(u) was paid apart from the fee schedule amount, for
services from 2005-01-01 through 2008-06-30 only (CMS's PSA page): the line is priced as without AR, the RVU file's
amount at Wyoming's GPCIs (work 1.000, PE 1.000 floors), its note saying no bonus is paid, price, batch and
`rvucalc modifiers` alike."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import AR_NOTE
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
WYOMING = "0360221"  # the state's one PFS locality
DATE = "2026-03-10"


def test_psa_modifier_ar_is_priced_with_its_ended_bonus_note(tmp_path: Path, pricer: Pricer) -> None:
    """99213-AR at POS 11: the office amount of CMS's 99213 row, the patient's 20%, and AR's note, never an error."""
    fee = pfs_amount(pricer, "99213", "", "non_facility", DATE, WYOMING)
    done = runner.invoke(app, ["price", "99213-AR", "--zip", "82901", "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    assert AR_NOTE in single["notes"] and not any("AR is informational" in text for text in single["notes"])
    assert Decimal(str(single["pfs"]["non_facility"]["amount"])) == fee
    office = single["sites"][0]
    assert Decimal(str(office["beneficiary"])) == (fee * Decimal("0.2")).quantize(Decimal("0.01"))
    row = {"Claim #": "WY8001", "CPT/HCPCS": "99213", "Mod 1": "AR", "Units": "1", "POS": "11",
           "Svc Loc ZIP": "82901", "DOS": "03/10/2026", "Cred": "MD"}  # fmt: skip
    finished, rows = run_batch_rows(tmp_path, [row])
    assert finished.exit_code == 0, finished.output
    assert rows[0]["error"] == "" and AR_NOTE in rows[0]["note"] and Decimal(rows[0]["allowed"]) == fee


def test_psa_note_names_the_bonus_s_dates_and_the_table_says_it() -> None:
    """The note gives the PSA bonus's end and its statute, points to AQ, and holds no "; " (batch's note separator)."""
    for words in ("2005-01-01 through 2008-06-30", "SSA §1833(u)", "AQ", "does not change the amount"):
        assert words in AR_NOTE, words
    assert "; " not in AR_NOTE
    done = runner.invoke(app, ["modifiers", "AR", "-f", "json"])
    assert done.exit_code == 0, done.output
    [entry] = json.loads(done.stdout)["modifiers"]
    assert entry["modifier"] == "AR" and entry["note"] == AR_NOTE and "1833(u)" in entry["source"]
