"""A geriatrics house-calls practice that staffs a rural critical access hospital's clinic (Miles City, Montana,
59301): 99213-GF at POS 22 read only "Modifier GF is informational" beside a physician's 100% amount. GF marks an NP's,
CNS's or PA's service on a CAH's Method II institutional claim (bill type 85x), paid 115% of the practitioner's 85% of
the fee schedule (Claims Processing Manual ch. 4 §250.2), which rvucalc does not price; on the practitioner's own claim
the 85% is the practitioner's type's, not GF's. The note says so; the amounts stay the RVU file's, price and batch."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.modifiers import GF_NOTE
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

runner = CliRunner()
MONTANA = "0320201"  # the state's one PFS locality (MAC 03202, locality 01)
DATE = "2026-08-04"  # RVU26C in force


def test_gf_says_whose_modifier_it_is_and_keeps_the_amount(tmp_path: Path, pricer: Pricer) -> None:
    fee = pfs_amount(pricer, "99213", "", "facility", DATE, MONTANA)
    done = runner.invoke(app, ["price", "99213-GF", "--zip", "59301", "--date", DATE, "--setting", "22", "-f", "json"])
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    assert GF_NOTE in single["notes"] and not any("GF is informational" in text for text in single["notes"])
    assert Decimal(str(single["pfs"]["facility"]["amount"])) == fee
    line = {"DOS": "08/04/2026", "CPT": "99213", "Mod1": "GF", "Units": "1", "POS": "22", "Service ZIP": "59301"}
    rows = [{"Claim ID": claim, **line, "Credentials": cred} for claim, cred in (("C1", "FNP-C"), ("C2", "MD"))]
    finished, out = run_batch_rows(tmp_path, rows)
    assert finished.exit_code == 0, finished.output
    assert all(GF_NOTE in row["note"] for row in out)
    nurse = (fee * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP)  # the NP's 85%, by the provider column
    assert [Decimal(row["professional_allowed"]) for row in out] == [nurse, fee]


def test_the_note_names_the_bill_and_the_rule() -> None:
    for words in ("Method II", "85x", "115%", "85%", "ch. 4 §250.2", "--provider np", "does not change the amount"):
        assert words in GF_NOTE, words
    assert "; " not in GF_NOTE  # batch joins a line's notes with "; "
    done = runner.invoke(app, ["modifiers", "GF", "-f", "json"])
    assert done.exit_code == 0, done.output
    (row,) = json.loads(done.stdout)["modifiers"]
    assert row["note"] == GF_NOTE and "§250.2" in row["source"]


def test_setting_cah_says_the_hospital_part_at_22_is_not_the_cahs(tmp_path: Path, pricer: Pricer) -> None:
    """`--setting CAH` sent the user to 22, whose hospital part is an OPPS rate (G0463): the advice says the
    practitioner's PFS facility fee is the part that holds for a CAH, the CAH's own (reasonable cost) not priced.
    Price exits 2 (a usage error), batch's row is bad_setting; the POS 22 row beside it is the PFS facility fee."""
    done = runner.invoke(app, ["price", "99214", "--zip", "59301", "--date", DATE, "--setting", "CAH"])
    assert done.exit_code == 2
    for words in ("no place-of-service code of its own", "22 outpatient", "PFS facility fee", "42 CFR 413.70"):
        assert words in " ".join(done.output.split()), words
    rows = [{"Claim ID": claim, "DOS": DATE, "CPT": "99214", "POS": pos, "Service ZIP": "59301"}
            for claim, pos in (("X1", "CAH"), ("X2", "22"))]  # fmt: skip
    finished, out = run_batch_rows(tmp_path, rows)
    assert finished.exit_code == 1, finished.output
    assert out[0]["error_kind"] == "bad_setting" and "42 CFR 413.70" in out[0]["error"]
    assert Decimal(out[1]["professional_allowed"]) == pfs_amount(pricer, "99214", "", "facility", DATE, MONTANA)
