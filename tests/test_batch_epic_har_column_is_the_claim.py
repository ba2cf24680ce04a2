"""An Epic Resolute (HB and PB) export's 'HAR' (the hospital account record, Clarity's HSP_ACCOUNT_ID, whose charges
one claim carries) is the claim (batch.columns.HOSPITAL_ACCOUNT_CLAIMS). A cardiac and pulmonary rehab program's file of
'HAR, Service Date, Type of Bill, Revenue Code, HCPCS, Modifiers, Units, Place of Service, Service Provider, Facility
ZIP' had it unread: each line priced alone, so a hospital claim's 93017 (Addendum B: SI Q1) beside its 93798 (SI S) was
paid $311.40, not packaged, and three cardiac rehab sessions on one HAR and date got no word of the two-a-day limit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.engine import rehab

ZIP = "46601"  # South Bend, IN


def _row(har: str, date: str, code: str, units: str, pos: str, provider: str, bill: str = "131") -> dict[str, str]:
    return {"HAR": har, "Service Date": date, "Type of Bill": bill, "Revenue Code": "0943" if bill else "",
            "HCPCS": code, "Modifiers": "", "Units": units, "Place of Service": pos, "Service Provider": provider,
            "Facility ZIP": ZIP}  # fmt: skip


def test_the_har_is_the_hospital_claim_its_q1_line_packaged_and_its_sessions_counted(tmp_path: Path) -> None:
    rows = [_row("H1", "2025-11-03", "93798", "2", "22", "NGUYEN, THAO MD"),
            _row("H1", "2025-11-03", "93798", "1", "22", "NGUYEN, THAO MD"),
            _row("H1", "2025-11-03", "93017", "1", "22", "NGUYEN, THAO MD"),
            _row("H2", "2025-11-04", "93017", "1", "22", "NGUYEN, THAO MD")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "claim ← HAR" in done.stderr and "no claim column" not in done.stderr
    # Addendum B: 93017 SI Q1 (packaged with an S, T or V service on the claim), 93798 SI S; alone on H2, it is paid
    assert Decimal(out[2]["hopd_allowed"]) == 0 and "Conditionally packaged" in out[2]["note"]
    assert Decimal(out[3]["opps_rate"]) > 0 and Decimal(out[3]["hopd_allowed"]) == Decimal(out[3]["opps_rate"])
    note = rehab.rehab_sessions_note(1, 3)  # 42 CFR 410.49(f)(1): 2 cardiac rehab sessions a day
    assert [note in row["note"] for row in out] == [False, True, False, False]


def test_a_claim_number_beside_the_har_is_the_claim(tmp_path: Path) -> None:
    rows = [{"Claim #": claim, **_row("H1", "2025-11-03", code, "1", "22", "NGUYEN, THAO MD")}
            for claim, code in (("C1", "93798"), ("C2", "93017"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "claim ← Claim #" in done.stderr
    assert Decimal(out[1]["hopd_allowed"]) == Decimal(out[1]["opps_rate"]) > 0  # its own claim: not packaged
