"""A hospital claim (type of bill 131, one FIN) whose lines fall in two years, one of whose OPPS Addendum B is not
installed (CY2026 here), has its other year's lines priced without the claim's rules there: a comprehensive APC (SI J1)
packages every line of the claim whatever its date (Addendum D1), so the 2025 lines may be packaged. A community
hospital's Cerner claim of 71046 on 2025-12-31 and 47562 (SI J1) on 2026-01-01 paid the X-ray $83.27 with no word.
The priced lines now say so (engine.facility.claim_year_not_installed_note), their amounts unchanged
(batch.claims._claim_year_not_installed)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.facility import claim_year_not_installed_note

ZIP = "17101"  # Harrisburg, PA: CBSA 25420, wage index 0.9095


def _row(fin: str, code: str, date: str) -> dict[str, str]:
    return {"FIN": fin, "Bill Type": "131", "Rev Code": "0360", "HCPCS": code, "Modifiers": "",
            "Service Date": date, "Units": "1", "Facility ZIP": ZIP}  # fmt: skip


def test_the_2025_lines_of_a_claim_with_a_2026_j1_say_the_rules_ran_without_it(tmp_path: Path) -> None:
    rows = [_row("3005", "71046", "12/31/2025"), _row("3005", "47562", "01/01/2026"),
            _row("3007", "71046", "12/30/2025"), _row("3007", "70450", "12/31/2025")]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    note = claim_year_not_installed_note(["47562 on 2026-01-01"], "CY2026 OPPS")
    # Addendum B (October 2025): 71046 SI Q3, APC 5521, $88.05 x (0.6 x 0.9095 + 0.4) = $83.27, unchanged
    assert Decimal(out[0]["opps_rate"]) == Decimal("83.27") and note in out[0]["note"]
    assert out[1]["hopd_allowed"] == ""  # the 2026 J1: CY2026 OPPS not installed
    assert "rules ran without its line" not in out[1]["note"]
    # a claim of 2025 lines alone: no such word
    assert not any("rules ran without its line" in row["note"] for row in out[2:])


def test_only_the_crossing_claims_lines_are_named_in_python(tmp_path: Path, monkeypatch: Any) -> None:
    """A 2026 file's other hospital claims (CY2026 OPPS not installed) beside one claim from December: the note's
    Python (batch.claims._code_on_date) runs for the crossing claim's 2026 line alone, not for every line of the year
    not installed (a review: 40 other 2026 lines named each time, per-row Python in batch's hot path)."""
    from rvucalc.batch import claims

    named: list[int] = []
    code_on_date = claims._code_on_date
    monkeypatch.setattr(claims, "_code_on_date", lambda lines, row: named.append(row) or code_on_date(lines, row))
    others = [_row(str(4000 + n // 2), code, "01/05/2026") for n, code in enumerate(["71046", "99284"] * 20)]
    rows = [_row("3005", "71046", "12/31/2025"), _row("3005", "47562", "01/01/2026"), *others]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    note = claim_year_not_installed_note(["47562 on 2026-01-01"], "CY2026 OPPS")
    assert Decimal(out[0]["opps_rate"]) == Decimal("83.27") and note in out[0]["note"]  # unchanged
    assert len(named) == 1
