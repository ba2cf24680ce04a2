"""A radiation oncology practice's Aria-style charge export dates each charge 'Charge Date' ('Patient Acct, Charge
Date, CPT, Modifier, Qty, Place of Svc, Attending, Charge Amt, Payer Paid'). It was neither read nor hinted ('charge'
is no date look-alike's word): every 2025 line was priced with 2026's release, G6015 (IMRT delivery in a freestanding
center, deleted for 2026) an unknown_code row. Read as the date where no other column is (batch.columns.CHARGE_DATES),
and said."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from conftest import run_batch_rows

DATA = Path(__file__).resolve().parents[1] / "data"


def _kentucky_office_fee_2025(code: str) -> Decimal:
    """RVU25A's global row x Kentucky's 2025 GPCIs (MAC 15102 locality 00: ZIP 40207) x its CF, half-up to the cent."""
    with (DATA / "rvu/2025/PPRRVU25_JAN.csv").open(encoding="latin-1", newline="") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""])
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(r for r in csv.reader(handle) if r[:3] == ["15102", "KY", "00"])
    rvus = sum(Decimal(row[i]) * Decimal(gpci[g]) for i, g in ((5, 4), (6, 5), (10, 6)))
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# G6015 (IMRT delivery in a freestanding center) on 2025-03-17: RVU25A pays it; 2026's release has no G6015
G6015_2025 = _kentucky_office_fee_2025("G6015")


def test_a_charge_date_is_the_date_of_service_where_no_other_column_is(tmp_path: Path) -> None:
    rows = [{"Patient Acct": "400117", "Charge Date": "03/17/2025", "CPT": "G6015", "Modifier": "", "Qty": "1",
             "Place of Svc": "11", "Attending": "SMITH, JOHN MD", "Charge Amt": "800.00"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--zip", "40207")
    assert done.exit_code == 0, done.output
    assert "date ← Charge Date" in done.stderr
    assert "entered or posted" in done.stderr  # said: a posting date would be the wrong one
    assert out[0]["release"] == "2025A"
    assert Decimal(out[0]["allowed"]) == G6015_2025 == Decimal("295.94")


def test_a_service_date_beside_a_charge_date_wins(tmp_path: Path) -> None:
    rows = [{"Acct": "1", "DOS": "03/17/2025", "Charge Date": "01/05/2026", "CPT": "G6015", "Qty": "1", "POS": "11"}]
    done, out = run_batch_rows(tmp_path, rows, "--zip", "40207")
    assert done.exit_code == 0, done.output
    assert "date ← DOS" in done.stderr and "entered or posted" not in done.stderr
    assert Decimal(out[0]["allowed"]) == G6015_2025


def test_a_date_lookalike_beside_a_charge_date_is_named(tmp_path: Path) -> None:
    """'Srv Date' (no name rvucalc reads as the date) beside 'Charge Date': the charge date is read, and 'Srv Date' is
    named with the --columns that reads it, as it was before a charge date was read (a review: it was not named, the
    notice saying no other column is the date, a 2025 service posted in 2026 priced with 2026's release)."""
    rows = [{"Acct": "1", "Srv Date": "03/17/2025", "Charge Date": "01/05/2026", "Posting Date": "01/06/2026",
             "CPT": "G6015", "Qty": "1", "POS": "11"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows, "--zip", "40207")
    assert done.exit_code == 1, done.output  # its one row an error
    said = " ".join(done.stderr.split())
    assert "date ← Charge Date" in said
    assert "'Srv Date' looks like the date of service too and is not read" in said, said
    assert "--columns date='Srv Date'" in said
    assert "'Posting Date'" not in said  # the day a charge was posted is no date of service
    assert out[0]["error_kind"] == "unknown_code"  # G6015 on 2026-01-05: deleted for 2026
    told, out = run_batch_rows(tmp_path, rows, "--zip", "40207", "--columns", "date=Srv Date")
    assert told.exit_code == 0, told.output
    assert out[0]["release"] == "2025A" and Decimal(out[0]["allowed"]) == G6015_2025


def test_a_posting_date_is_not_named_as_a_date_of_service(tmp_path: Path) -> None:
    """A 'Posting Date' alone is the day the charge was posted: not offered as the date of service (a review: stderr
    said "no date column read, though 'Posting Date' looks like one: say so with --columns date='Posting Date'")."""
    rows = [{"Acct": "1", "Posting Date": "01/06/2026", "CPT": "99213", "Qty": "1", "POS": "11"}]
    done, _ = run_batch_rows(tmp_path, rows, "--zip", "40207")
    assert done.exit_code == 0, done.output
    assert "'Posting Date'" not in " ".join(done.stderr.split())
