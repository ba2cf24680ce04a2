"""A transplant surgery group's trial (Cleveland, OH 44195): the living donor's nephrectomy, 50547-Q3 (laparoscopic)
or 50320-Q3 (open), and the donor's postoperative hospital visit 99232-Q3 were refused as an unknown modifier ("Did
you mean X3 or UQ or U3?", exit 2; batch's rows `bad_modifier` errors), and without Q3 the donor was shown owing 20%.
A live kidney donor's physician services are paid at 100% of the allowed amount, with no Part B deductible and no
coinsurance (SSA §1881(d), as NGS Medicare and Palmetto GBA restate it: engine.preventive.SRC_Q3): the line's PFS
amount is CMS's, the patient's share $0.00, Medicare's the whole amount, in price and batch alike."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine.preventive import Q3_NOTE, Q3_REASON

runner = CliRunner()
OHIO = "1520200"  # the state's one PFS locality (ZIP 44195)
DATE = "2026-08-04"


@pytest.mark.parametrize("code", ["50547", "50320", "99232"])
def test_live_kidney_donor_q3_line_has_no_patient_share(code: str) -> None:
    """price CODE-Q3 at the inpatient hospital: CMS's facility amount, the patient $0.00, Medicare all of it."""
    fee = fee_2026(code, OHIO, facility=True)
    done = runner.invoke(app, ["price", f"{code}-Q3", "--zip", "44195", "--setting", "21", "--date", DATE, "-f",
                               "json"])  # fmt: skip
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    assert Decimal(str(single["pfs"]["facility"]["amount"])) == fee
    [site] = single["sites"]
    assert Decimal(str(site["beneficiary"])) == 0 and Decimal(str(site["medicare"])) == fee
    assert Q3_NOTE in single["notes"] and Q3_REASON in single["notes"]


def test_live_kidney_donor_q3_batch_rows_agree_with_price(tmp_path: Path) -> None:
    """batch: the donor's rows are priced (no error), patient $0.00; the recipient's 50360 beside keeps its 20%."""
    rows = [
        {"Claim ID": "TX1", "Service Date": "08/04/2026", "POS": "21", "CPT Code": "50547", "Modifier 1": "Q3",
         "Units": "1", "Provider Credential": "MD", "Service Facility ZIP": "44195"},
        {"Claim ID": "TX2", "Service Date": "08/04/2026", "POS": "21", "CPT Code": "50360", "Modifier 1": "",
         "Units": "1", "Provider Credential": "MD", "Service Facility ZIP": "44195"},
    ]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    donor, recipient = out
    fee = fee_2026("50547", OHIO, facility=True)
    assert donor["error"] == "" and Decimal(donor["allowed"]) == fee
    assert Decimal(donor["beneficiary"]) == 0 and Decimal(donor["medicare"]) == fee
    assert Q3_REASON in donor["note"]
    other = fee_2026("50360", OHIO, facility=True)
    assert Decimal(recipient["beneficiary"]) == (other * Decimal("0.2")).quantize(Decimal("0.01"))
    assert Q3_REASON not in recipient["note"]


def test_q3_notes_hold_no_batch_separator_and_the_table_says_it() -> None:
    """The notes hold no "; " (batch's note separator); `rvucalc modifiers Q3` names the statute."""
    assert "; " not in Q3_NOTE and "; " not in Q3_REASON
    done = runner.invoke(app, ["modifiers", "Q3", "-f", "json"])
    assert done.exit_code == 0, done.output
    [entry] = json.loads(done.stdout)["modifiers"]
    assert entry["modifier"] == "Q3" and entry["note"] == Q3_NOTE and "1881(d)" in entry["source"]


CLFS_2026 = Path(__file__).resolve().parents[1] / "data" / "clfs" / "2026" / "PUF_CLFS_CY2026_Q2V1.csv"


def _clfs(code: str) -> Decimal:
    """CMS's CLFS national limit for the code (its row without a modifier)."""
    with CLFS_2026.open(encoding="latin-1", newline="") as handle:
        return Decimal(next(row for row in csv.reader(handle) if row[1:3] == [code, ""])[5])


def test_q3_on_a_lab_line_names_no_pfs(tmp_path: Path) -> None:
    """A donor's lab test, 80053-Q3, is paid from the CLFS: its Q3 note read "does not change the PFS amount". The
    note names no fee schedule; the amount is CMS's CLFS one, the patient's $0.00, price and batch alike."""
    done = runner.invoke(app, ["price", "80053-Q3", "--zip", "15213", "--date", "2026-06-02", "-f", "json"])
    assert done.exit_code == 0, done.output
    single = json.loads(done.stdout)
    [site] = [site for site in single["sites"] if site["setting"] == "office"]
    assert Decimal(str(site["total"])) == _clfs("80053") and Decimal(str(site["beneficiary"])) == 0
    rows = [{"Claim ID": "L1", "Service Date": "06/02/2026", "POS": "11", "CPT Code": "80053", "Modifier 1": "Q3",
             "Units": "1", "Service Facility ZIP": "15213"}]  # fmt: skip
    batch, [row] = run_batch_rows(tmp_path, rows)
    assert batch.exit_code == 0, batch.output
    assert Decimal(row["allowed"]) == _clfs("80053") and Decimal(row["beneficiary"]) == 0, row
    for said in (single["notes"], row["note"].split("; ")):
        assert Q3_NOTE in said and Q3_REASON in said, said
        assert not [note for note in said if "Q3" in note and "PFS" in note], said
