"""Medical nutrition therapy and diabetes self-management training on one date (engine.policy.mnt_dsmt_same_date_notes):
Medicare pays the two benefits in a year, not on the same date of service (NGS Medicare; CMS's MNT coverage decision). A
cardiopulmonary rehabilitation and nutrition program's trial: its dietitian's 97802 and G0108 on one date were both
priced with no word. Each line of either benefit on the claim and date is noted, price and batch alike; another date,
another claim, or one benefit alone is not; the amounts stay CMS's."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.policy import MNT_DSMT_SAME_DATE_NOTE, mnt_dsmt_same_date_notes
from test_imaging_order import fee, once

ZIP, DATE = "15213", "2025-11-05"
REST_OF_PENNSYLVANIA = ("12502", "99", "99")


def test_the_note_is_on_both_benefits_lines_alone() -> None:
    note = MNT_DSMT_SAME_DATE_NOTE
    assert "; " not in note  # one part of batch's '; '-joined note column
    assert mnt_dsmt_same_date_notes(["97802", "G0108", "99213"]) == [note, note, None]
    assert mnt_dsmt_same_date_notes(["97802", "97803"]) == [None, None]
    assert mnt_dsmt_same_date_notes(["G0109"]) == [None]


def test_price_and_batch_note_mnt_and_dsmt_on_one_claim_and_date(tmp_path: Path) -> None:
    done = CliRunner().invoke(app, ["price", "97802", "G0108", "--provider", "RD", "--zip", ZIP, "--date", DATE,
                                    "--setting", "11", "-f", "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    mnt, dsmt = json.loads(done.stdout)["lines"]
    assert MNT_DSMT_SAME_DATE_NOTE in mnt["notes"] and MNT_DSMT_SAME_DATE_NOTE in dsmt["notes"]
    # the amounts are CMS's: the dietitian's MNT 85% of the fee schedule amount (42 CFR 414.64), DSMT the whole
    assert Decimal(str(mnt["sites"][0]["allowed"])) == once(fee(2025, REST_OF_PENNSYLVANIA, "97802") * Decimal("0.85"))
    assert Decimal(str(dsmt["sites"][0]["allowed"])) == fee(2025, REST_OF_PENNSYLVANIA, "G0108")
    rows = [{"Claim ID": claim, "Service Date": date, "Place of Service": "11", "CPT/HCPCS": code, "Units": "1",
             "Service ZIP": ZIP, "Credentials": "RD LDN"}
            for claim, date, code in (("A", DATE, "97802"), ("A", DATE, "G0108"), ("A", "2025-11-06", "97803"),
                                      ("B", DATE, "97802"), ("C", DATE, "G0109"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [MNT_DSMT_SAME_DATE_NOTE in row["note"] for row in out] == [True, True, False, False, False]
    assert Decimal(out[0]["allowed"]) == Decimal(str(mnt["sites"][0]["allowed"]))
    assert Decimal(out[1]["allowed"]) == Decimal(str(dsmt["sites"][0]["allowed"]))
