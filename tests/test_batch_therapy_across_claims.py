"""A patient's therapy of one day billed on two claims: CMS's therapy MPPR is per patient per day (CR 7050), rvucalc
groups by claim; a patient id column read by no role makes stderr say so (``batch.patient_days``)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from rvucalc.batch.files import run_batch
from rvucalc.lookup.pricer import Pricer

HEADER = ["Claim No", "Patient", "Svc Date", "HCPCS", "Mod 1", "Units", "Place of Svc", "Facility Zip"]
# A PT practice's trial (export2.csv): one patient's PT and OT of 08/04/2026 on two claims.
ROWS = [["C2001", "P100", "08/04/2026", "97110", "GP", "2", "11", "85013"],
        ["C2002", "P100", "08/04/2026", "97530", "GO", "2", "11", "85013"],
        ["C2003", "P100", "08/05/2026", "97110", "GP", "2", "11", "85013"],
        ["C2004", "P200", "08/05/2026", "97110", "GP", "1", "11", "85013"],
        ["C2004", "P200", "08/05/2026", "97140", "GP", "1", "11", "85013"]]  # fmt: skip


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _run(pricer: Pricer, tmp_path: Path, header: list[str], rows: list[list[str]], **kwargs: object) -> tuple:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    with source.open("w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    said: list[str] = []
    run_batch(pricer, str(source), str(target), report=said.append, **kwargs)  # type: ignore[arg-type]
    with target.open(newline="") as handle:
        return list(csv.DictReader(handle)), said


def test_a_patient_s_therapy_of_one_day_on_two_claims_is_said_on_stderr(pricer: Pricer, tmp_path: Path) -> None:
    """C2001 and C2002: each claim paid its first unit in full ($109.63 together, where CMS's MPPR across the
    patient's day pays the two as one encounter). Stderr counts the patient-day and names the column to give as the
    claim; with it the two lines are priced as `rvucalc price 97110-GP 97530-GO` prices them together."""
    out, said = _run(pricer, tmp_path, HEADER, ROWS)
    across = [line for line in said if "therapy on several claims" in line]
    assert across == [
        "1 patient-day has therapy on several claims ('Patient' read as the patient): CMS's therapy multiple "
        "procedure reduction applies per patient per day across claims (CR 7050); to price them as one encounter "
        "give --columns claim='Patient'"
    ]
    encounter = pricer.price_encounter(["97110-GP", "97530-GO"], zip_code="85013", date_of_service="2026-08-04",
                                       setting="11", units=[2, 2])  # fmt: skip
    together = sum(line.sites[0].total for line in encounter.lines)
    apart = sum(Decimal(row["allowed"]) for row in out[:2])
    assert apart > together  # each claim's first unit paid in full
    out, said = _run(pricer, tmp_path, HEADER, ROWS, columns={"claim": "Patient"})
    assert not [line for line in said if "therapy on several claims" in line]
    assert sum(Decimal(row["allowed"]) for row in out[:2]) == together


def test_no_patient_day_on_two_claims_or_a_name_column_says_nothing(pricer: Pricer, tmp_path: Path) -> None:
    """Each patient-day's therapy on one claim: nothing said. A patient's name column is no id (rvucalc reads no
    names): nothing said either."""
    _, said = _run(pricer, tmp_path, HEADER, ROWS[2:])
    assert not [line for line in said if "therapy on several claims" in line]
    named = ["Patient Name" if name == "Patient" else name for name in HEADER]
    _, said = _run(pricer, tmp_path, named, ROWS)
    assert not [line for line in said if "therapy on several claims" in line]
