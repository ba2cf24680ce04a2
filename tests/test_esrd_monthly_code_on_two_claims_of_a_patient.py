"""A nephrology group's trial (Nashville, session 69): one patient's 90960 by the MD on claim P1 and 90961 by the NP on
claim P2, both of March 2026, said nothing, as the month's rule (``batch.claims._monthly_esrd_in_month``) reads one
claim's lines. "Only one MCP service in CPT range 90951-90966 is permitted per calendar month, even if multiple
physicians are involved in the patient's care" (Palmetto GBA on Claims Processing Manual ch. 8 §140): with a patient id
column stderr counts the patient-months (``batch.patient_days``); the lines are priced as billed."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from cms_fees import fee_2026
from rvucalc.batch.files import run_batch
from rvucalc.lookup.pricer import Pricer

TENNESSEE = "1031235"  # ZIP 37203, Nashville
HEADER = ["Claim #", "Patient MRN", "DOS From", "CPT/HCPCS", "Units", "POS", "Credentials", "Svc Loc ZIP"]
ROWS = [["P1", "MR3001", "03/31/2026", "90960", "1", "65", "MD", "37203"],
        ["P2", "MR3001", "03/15/2026", "90961", "1", "65", "FNP-BC", "37203"],
        ["P5", "MR3004", "03/31/2026", "90960", "1", "65", "MD", "37203"],
        ["P6", "MR3004", "04/30/2026", "90960", "1", "65", "MD", "37203"],  # another month
        ["P7", "MR3005", "03/31/2026", "90960", "1", "65", "MD", "37203"],
        ["P7", "MR3005", "03/31/2026", "99214", "1", "11", "MD", "37203"]]  # fmt: skip
SAID = (
    "1 patient-month has monthly ESRD-related services codes (90951-90966) on several claims ('Patient MRN' read as "
    "the patient): Medicare pays one a patient a calendar month, whoever bills it (Claims Processing Manual ch. 8 "
    "§140); each line is priced as billed"
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


def test_a_patient_s_monthly_code_on_two_claims_of_a_month_is_said_on_stderr(pricer: Pricer, tmp_path: Path) -> None:
    out, said = _run(pricer, tmp_path, ROWS)
    assert [line for line in said if "patient-month" in line] == [SAID]
    assert Decimal(out[0]["allowed"]) == fee_2026("90960", TENNESSEE)  # each priced as billed
    assert Decimal(out[1]["allowed"]) == (fee_2026("90961", TENNESSEE) * Decimal("0.85")).quantize(Decimal("0.01"))


def test_another_month_or_no_patient_column_says_nothing(pricer: Pricer, tmp_path: Path) -> None:
    _, said = _run(pricer, tmp_path, ROWS[2:])
    assert not [line for line in said if "patient-month" in line]
    unnamed = [name if name != "Patient MRN" else "Notes" for name in HEADER]  # a column no patient id
    _, said = _run(pricer, tmp_path, ROWS, unnamed)
    assert not [line for line in said if "patient-month" in line]


def test_a_date_that_does_not_read_is_left_out_not_a_reader_s_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """``patient_days._months``: a date the column's order does not read (31 February, text) is left out of the
    patient-months, as the row's own date error says; any other failure of the date reader is not hidden as one (a
    review of c88b2adf: ``except Exception`` read a bug as an unread date, the patient-months silently fewer)."""
    import pyarrow as pa

    from rvucalc.batch import dates, patient_days

    read = patient_days._months(pa.array(["02/31/2026", "soon", "", "31/03/2026", "03/04/2026"]), "day")
    assert read.to_pylist() == ["", "", "", "2026-03", "2026-04"]

    def broken(text: str, order: str = "month") -> object:
        raise TypeError("a bug")

    monkeypatch.setattr(dates, "parse_service_date", broken)
    with pytest.raises(TypeError):
        patient_days._months(pa.array(["03/31/2026"]), "month")
