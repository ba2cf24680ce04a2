"""A house-calls group's trial (Phoenix, session 69): one patient's G0181 of March on claims HC1003 and HC1007, and
another's G0182 on HC2003 and HC2005, were each paid twice ($107.82, $106.53) without a word, as the care plan
oversight rules (``engine.visits.per_diem_units_rule``, ``batch.claims._care_plan_oversight_claims``) read one claim's
lines. CPO is "submitted (and paid) only for one unit of service", never across calendar months (Claims Processing
Manual ch. 12 §180.1.A), and no other physician is paid CPO that month: with a patient id column stderr counts the
patient-months (``batch.patient_days``, CARE_PLAN_OVERSIGHT_MONTHS); the lines are priced as billed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from cms_fees import fee_2026
from rvucalc.batch.files import run_batch
from rvucalc.lookup.pricer import Pricer

ARIZONA = "0310200"  # ZIP 85012, Phoenix
HEADER = ["Claim ID", "Patient MRN", "DOS", "CPT/HCPCS", "Units", "POS", "Credentials", "Service ZIP"]
ROWS = [["HC1003", "A100", "03/31/2026", "G0181", "1", "12", "MD", "85012"],
        ["HC1007", "A100", "03/31/2026", "G0181", "1", "12", "NP", "85012"],
        ["HC2003", "A200", "03/31/2026", "G0182", "1", "12", "MD", "85012"],
        ["HC2005", "A200", "03/15/2026", "G0182", "1", "12", "MD", "85012"],
        ["HC1004", "A100", "04/30/2026", "G0181", "1", "12", "MD", "85012"],  # another month
        ["HC3003", "A300", "03/31/2026", "G0181", "1", "13", "MD", "85012"],  # one claim
        ["HC3004", "A300", "03/31/2026", "G0182", "1", "13", "MD", "85012"]]  # the other code: not said  # fmt: skip
SAID = (
    "2 patient-months have one care plan oversight code (G0181 home health, G0182 hospice) on several claims "
    "('Patient MRN' read as the patient): Medicare pays one unit a patient a calendar month, to one practitioner "
    "(Claims Processing Manual ch. 12 §180.1.A and Medicare's CPO criteria); each line is priced as billed"
)


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _run(pricer: Pricer, tmp_path: Path, rows: list[list[str]], header: list[str] = HEADER) -> tuple:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    said: list[str] = []
    run_batch(pricer, str(source), str(target), report=said.append)
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle)), said


def test_a_patient_s_care_plan_oversight_on_two_claims_of_a_month_is_said(pricer: Pricer, tmp_path: Path) -> None:
    out, said = _run(pricer, tmp_path, ROWS)
    assert [line for line in said if "patient-month" in line] == [SAID]
    assert Decimal(out[0]["allowed"]) == fee_2026("G0181", ARIZONA)  # each priced as billed
    assert Decimal(out[1]["allowed"]) == (fee_2026("G0181", ARIZONA) * Decimal("0.85")).quantize(Decimal("0.01"))
    assert Decimal(out[2]["allowed"]) == Decimal(out[3]["allowed"]) == fee_2026("G0182", ARIZONA)


def test_another_month_one_claim_or_no_patient_column_says_nothing(pricer: Pricer, tmp_path: Path) -> None:
    _, said = _run(pricer, tmp_path, ROWS[4:])
    assert not [line for line in said if "patient-month" in line]
    unnamed = [name if name != "Patient MRN" else "Notes" for name in HEADER]  # a column no patient id
    _, said = _run(pricer, tmp_path, ROWS, unnamed)
    assert not [line for line in said if "patient-month" in line]


def test_both_codes_each_on_two_claims_of_one_month_are_one_patient_month(pricer: Pricer, tmp_path: Path) -> None:
    """A patient's G0181 on two claims and G0182 on two claims of one March: one patient-month, not two (each code
    is matched apart, the count is of patient-months)."""
    rows = [["HC4001", "A400", "03/10/2026", "G0181", "1", "12", "MD", "85012"],
            ["HC4002", "A400", "03/31/2026", "G0181", "1", "12", "NP", "85012"],
            ["HC4003", "A400", "03/20/2026", "G0182", "1", "12", "MD", "85012"],
            ["HC4004", "A400", "03/31/2026", "G0182", "1", "12", "NP", "85012"]]  # fmt: skip
    out, said = _run(pricer, tmp_path, rows)
    assert [line for line in said if "patient-month" in line] == [
        SAID.replace("2 patient-months have", "1 patient-month has")
    ]
    assert Decimal(out[2]["allowed"]) == fee_2026("G0182", ARIZONA)  # priced as billed
