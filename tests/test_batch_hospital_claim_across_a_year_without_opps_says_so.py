"""A hospital claim (type of bill 131, one FIN) whose lines fall in two calendar years is two claims: "Expenses
incurred in different calendar years cannot be processed as a single claim" (Claims Processing Manual ch. 1,
"Splitting Claims for Processing"; Palmetto GBA: outpatient claims "should be split ... at the calendar year end"). A
community hospital's Cerner claim of 71046 on 2025-12-31 and 47562 (SI J1) on 2026-01-01 had its 2025 X-ray said to
be priced "without" the 2026 J1 that "would package this line": Medicare never joins them. Each year's lines are now a
claim of their own (batch.claims.calendar_year_claims), their lines saying so (engine.facility.
CLAIM_ACROSS_YEARS_NOTE); a practitioner's claim (837P) across the year is not cut."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np

from conftest import run_batch_rows
from rvucalc.batch.claims import calendar_year_claims
from rvucalc.engine.facility import CLAIM_ACROSS_YEARS_NOTE

ZIP = "17101"  # Harrisburg, PA: CBSA 25420, wage index 0.9095


def _row(fin: str, code: str, date: str) -> dict[str, str]:
    return {"FIN": fin, "Bill Type": "131", "Rev Code": "0360", "HCPCS": code, "Modifiers": "",
            "Service Date": date, "Units": "1", "Facility ZIP": ZIP}  # fmt: skip


def test_a_hospital_claim_across_the_year_end_is_a_claim_per_year(tmp_path: Path) -> None:
    rows = [_row("3005", "71046", "12/31/2025"), _row("3005", "47562", "01/01/2026"),
            _row("3007", "71046", "12/30/2025"), _row("3007", "70450", "12/31/2025")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    # Addendum B (October 2025): 71046 SI Q3, APC 5521, $88.05 x (0.6 x 0.9095 + 0.4) = $83.27, unchanged
    assert Decimal(out[0]["opps_rate"]) == Decimal("83.27")
    assert CLAIM_ACROSS_YEARS_NOTE in out[0]["note"] and CLAIM_ACROSS_YEARS_NOTE in out[1]["note"]
    assert out[1]["hopd_allowed"] == ""  # the 2026 J1: CY2026 OPPS not installed
    assert not any("rules ran without" in row["note"] for row in out)
    # a claim of 2025 lines alone: no such word
    assert not any(CLAIM_ACROSS_YEARS_NOTE in row["note"] for row in out[2:])


def test_a_practitioners_claim_across_the_year_end_is_not_cut(tmp_path: Path) -> None:
    rows = [{"Claim": "P1", "CPT": code, "POS": "22", "DOS": date, "ZIP": ZIP}
            for code, date in (("99283", "12/31/2025"), ("99283", "01/01/2026"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert not any(CLAIM_ACROSS_YEARS_NOTE in row["note"] for row in out)


def test_the_cut_is_whole_columns_whether_or_not_both_years_are_installed() -> None:
    """Claims 0 (2025 then 2026 hospital lines, one undated), 1 (2025 alone), 2 (a practitioner's, 2025 and 2026),
    3 (2024, 2025, 2026): claim 0 becomes two, 3 three, in order; 1 and 2 keep one number each; numbers dense."""
    claim = np.array([0, 0, 0, 0, 1, 2, 2, 3, 3, 3])
    year = np.array([2025, 2026, 0, 2026, 2025, 2025, 2026, 2026, 2024, 2025], dtype=np.int16)
    hospital = np.array([True] * 5 + [False] * 2 + [True] * 3)
    cut, across = calendar_year_claims(claim, year, hospital)
    assert cut.tolist() == [0, 1, 0, 1, 2, 3, 3, 6, 4, 5]
    assert across is not None and across.tolist() == [True] * 4 + [False] * 3 + [True] * 3
    none, said = calendar_year_claims(claim[4:7], year[4:7], hospital[4:7])
    assert none.tolist() == [1, 2, 2] and said is None
