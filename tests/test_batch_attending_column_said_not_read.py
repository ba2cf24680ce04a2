"""A radiation oncology group's Aria-style charge export names each charge's physician in 'Attending' ('SMITH, JOHN
MD'; an NP's follow-up visit 'NGUYEN, LAN NP'). The column was neither read nor said: the NP's 99205 at POS 11 was
priced at a physician's 100% without a word. An attending physician is the physician of record, not always who
rendered the line, so the column is not read, but said, with the --columns that reads it (batch.columns
_names_the_attending); a hospital's own bill's 'Attending' (UB-04 FL 76, a type-of-bill column read) is not said."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import run_batch_rows

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")


def _kentucky_office_fee_2025(code: str) -> Decimal:
    """RVU25A's global row x Kentucky's 2025 GPCIs (MAC 15102 locality 00: ZIP 40207) x its CF, half-up to the cent."""
    with (DATA / "rvu/2025/PPRRVU25_JAN.csv").open(encoding="latin-1", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(r for r in csv.reader(handle) if r[:3] == ["15102", "KY", "00"])
    rvus = sum(Decimal(row[i]) * Decimal(gpci[g]) for i, g in ((5, 4), (6, 5), (10, 6)))
    return (rvus * Decimal(row[24])).quantize(CENT, rounding=ROUND_HALF_UP)


ROWS = [{"Patient Acct": "400117", "Charge Date": "03/03/2025", "CPT": "99205", "Qty": "1", "Place of Svc": "11",
         "Attending": "NGUYEN, LAN NP"},
        {"Patient Acct": "400118", "Charge Date": "03/03/2025", "CPT": "99205", "Qty": "1", "Place of Svc": "11",
         "Attending": "SMITH, JOHN MD"}]  # fmt: skip


def test_an_attending_column_is_said_with_the_columns_that_read_it(tmp_path: Path) -> None:
    done, out = run_batch_rows(tmp_path, ROWS, "--zip", "40207")
    assert done.exit_code == 0, done.output
    assert "'Attending' is not read" in done.stderr
    assert "--columns provider='Attending'" in done.stderr
    fee = _kentucky_office_fee_2025("99205")
    assert [Decimal(row["allowed"]) for row in out] == [fee, fee]  # unread: both a physician's 100%


def test_read_as_told_the_nurse_practitioner_is_paid_85_percent(tmp_path: Path) -> None:
    done, out = run_batch_rows(tmp_path, ROWS, "--zip", "40207", "--columns", "provider=Attending")
    assert done.exit_code == 0, done.output
    fee = _kentucky_office_fee_2025("99205")
    assert Decimal(out[0]["allowed"]) == (fee * Decimal("0.85")).quantize(CENT, rounding=ROUND_HALF_UP)
    assert Decimal(out[1]["allowed"]) == fee


def test_a_hospital_bill_s_attending_is_not_said(tmp_path: Path) -> None:
    rows = [{"Patient Acct": "H1", "Charge Date": "04/14/2025", "CPT": "77386", "Qty": "1", "Bill Type": "131",
             "Attending": "SMITH, JOHN MD"}]  # fmt: skip
    done, _ = run_batch_rows(tmp_path, rows, "--zip", "40202")
    assert done.exit_code == 0, done.output
    assert "'Attending' is not read" not in done.stderr
