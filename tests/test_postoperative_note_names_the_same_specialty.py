"""A frontier multi-specialty clinic trial (Nome, AK 99762): a family physician's 10060 (global 010) on claim AK9001,
and a week later the visiting cardiologist's 99213 on claim AK9002 of the same patient, read "If billed by the surgeon
or the surgeon's group, Medicare includes it in the procedure's payment": the clinic is one group, so its biller read
the cardiologist's visit as the package's. Medicare's package binds the surgeon and physicians of the same group in
the same specialty ("Physicians in the same group practice who are in the same specialty must bill and be paid as
though they were a single physician", Claims Processing Manual ch. 12 §40, formerly MCM §15501.H): the across-claim
notes say so. The amount stays CMS's 99213 fee at Alaska's GPCIs (the 1.5 work floor)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

ALASKA = "0210201"
SAME_SPECIALTY = "If billed by the surgeon or a physician of the surgeon's group and specialty, Medicare includes it"


def test_postoperative_note_names_the_same_specialty(tmp_path: Path, pricer: Pricer) -> None:
    rows = [
        {"Claim #": "AK9001", "Patient ID": "P012", "DOS": "03/12/2026", "Svc Loc ZIP": "99762", "POS": "11",
         "CPT/HCPCS": "10060", "Units": "1", "Cred": "MD"},
        {"Claim #": "AK9002", "Patient ID": "P012", "DOS": "03/19/2026", "Svc Loc ZIP": "99762", "POS": "11",
         "CPT/HCPCS": "99213", "Units": "1", "Cred": "MD"},
    ]  # fmt: skip
    finished, out = run_batch_rows(tmp_path, rows)
    assert finished.exit_code == 0, finished.output
    note = out[1]["note"]
    assert "claim AK9001 of the same patient" in note and SAME_SPECIALTY in note, note
    assert "or the surgeon's group," not in note
    assert Decimal(out[1]["allowed"]) == pfs_amount(pricer, "99213", "", "non_facility", "2026-03-19", ALASKA)
