"""A hospital's or physician-directed clinic's cardiac and pulmonary rehab export names, on some rows, the respiratory
therapist or exercise physiologist who saw the patient: 'Service Provider' of 'PATEL, ANIL MD', 'NGUYEN, LAN NP' and
one 'LEE, SAM RRT' (or 'KIM, JO MS, ACSM-CEP', 'RCEP', 'EP-C' ...). That one cell left the whole column unread, every
row priced as the run's --provider, the NP's 99213 at a physician's 100%. Neither enrols with Medicare: the hospital or
clinic bills their work (NCD 20.10; Benefit Policy Manual ch. 15 §60, §232: lookup.credentials.REHAB_STAFF). Their row
is not read (its note says why), the column is. Amounts are CMS's own fee (RVU26C x the 2026 GPCIs x the CF)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cms_fees import fee_2026
from rvucalc.cli import app
from rvucalc.lookup.credentials import credentials_after_names, not_a_practitioner_reason, provider_of

DALLAS = "0441211"  # ZIP 75201's locality (CMS's ZIP5 file)
NAMES = ["PATEL, ANIL MD", "NGUYEN, LAN NP"]
REASON = "respiratory therapist's or exercise physiologist's credential"


@pytest.mark.parametrize("staff", ["LEE, SAM RRT", "CRT", "RRT-NPS", "LEE, SAM RRT-NPS", "MS, ACSM-CEP",
                                   "KIM, JO MS, ACSM-CEP", "ACSM-CEP", "RCEP", "CES", "EP-C",
                                   "LEE, SAM RCEP"])  # fmt: skip
def test_a_respiratory_therapist_or_exercise_physiologist_keeps_a_column_of_names_read(staff: str) -> None:
    assert credentials_after_names([*NAMES, staff])
    assert REASON in (not_a_practitioner_reason(staff) or "")


def test_a_practitioner_who_was_a_respiratory_therapist_is_read_by_the_license() -> None:
    assert provider_of("LEE, SAM NP, RRT") == "np"
    assert provider_of("MD, RRT") == "physician"


def test_a_bare_rt_stays_unread() -> None:  # a radiologic or respiratory therapist's: ambiguous
    assert not credentials_after_names([*NAMES, "LEE, SAM RT"])


@pytest.mark.parametrize("staff", ["LEE, SAM RRT", "KIM, JO MS, ACSM-CEP"])
def test_the_np_beside_a_rehab_therapist_is_paid_85_percent(tmp_path: Path, staff: str) -> None:
    source, out = tmp_path / "rehab.csv", tmp_path / "out.csv"
    rows = [("99213", "PATEL, ANIL MD"), ("99213", "NGUYEN, LAN NP"), ("94664", staff)]
    source.write_text(
        "Encounter Number,Service Date,Procedure,Qty,Place of Service,Patient ZIP,Service Provider\n"
        + "".join(f'ENC{n},08/03/2026,{code},1,11,75201,"{who}"\n' for n, (code, who) in enumerate(rows))
    )
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--columns", "code=Procedure"])
    assert result.exit_code == 0, result.output
    assert "provider ← Service Provider" in result.stderr, result.stderr
    md_row, np_row, staff_row = list(csv.DictReader(out.open()))
    visit = fee_2026("99213", DALLAS)
    assert Decimal(md_row["allowed"]) == visit
    assert Decimal(np_row["allowed"]) == (visit * Decimal("0.85")).quantize(Decimal("0.01"), ROUND_HALF_UP), np_row
    assert Decimal(staff_row["allowed"]) == fee_2026("94664", DALLAS)  # the clinic's line, in full
    assert REASON in staff_row["note"], staff_row


def test_price_refuses_a_respiratory_therapist_as_the_provider_with_the_reason() -> None:
    result = CliRunner().invoke(app, ["price", "94664", "--provider", "RRT", "--zip", "75201"])
    assert result.exit_code == 2
    assert REASON in " ".join(result.stderr.split()), result.stderr


def test_price_tells_a_respiratory_therapist_s_line_to_leave_provider_out() -> None:
    result = CliRunner().invoke(app, ["price", "94664", "--provider", "LEE, SAM RRT", "--zip", "75201"])
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "Leave --provider out" in said and "Give the billing practitioner's credential" not in said, said


@pytest.mark.parametrize("cell", ["ORTIZ, ANA RT(R) CRT", "ORTIZ, ANA RT(R)(ARRT), CRT", "ORTIZ, ANA RDMS, CRT"])
def test_california_s_crt_after_a_radiologic_technologist_s_credential_is_no_respiratory_therapist(cell: str) -> None:
    # CRT is California's certified radiologic technologist's too: beside ARRT's RT(R) the technologist's note
    said = not_a_practitioner_reason(cell) or ""
    assert "diagnostic technologist's" in said and REASON not in said, said
    assert REASON in (not_a_practitioner_reason("LEE, SAM CRT") or "")  # CRT alone: the respiratory therapist's
