"""A hospital's own bill (type of bill 13x) beside a POS of its site (22) is the hospital's line, its POS the
department: a therapist named in its provider column is the hospital's staff, not a therapist in private practice
(engine.therapists.therapist_place's facility_bill; batch.columns._bill_beside). A review found a rehab
department's Epic HB export ('Type of Bill' 131, 'Place of Service' 22, 'Service Provider' 'KIM, SARA PT') with its
97110-GP denied as a private-practice therapist's (PC/TC indicator 7), where TOB 131 alone is the hospital's therapy:
the PFS non-facility amount (Claims Processing Manual ch. 5 §10.1). The amounts compared are CMS's: RVU26C x the 2026
GPCIs of INDIANA (0810200)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from cms_fees import fee_2026
from conftest import run_batch_rows


def _row(pos: str, bill: str, provider: str) -> dict[str, str]:
    return {"HAR": "H1", "Service Date": "2026-03-16", "Type of Bill": bill, "HCPCS": "97110", "Modifiers": "GP",
            "Units": "1", "Place of Service": pos, "Service Provider": provider, "Facility ZIP": "46601"}  # fmt: skip


def test_a_therapist_on_the_hospital_s_bill_beside_pos_22_is_the_hospital_s_therapy(tmp_path: Path) -> None:
    rows = [_row("22", "131", "KIM, SARA PT")]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "provider ← Service Provider" in done.stderr
    assert out[0]["error"] == "" and Decimal(out[0]["allowed"]) == fee_2026("97110", "0810200")


def test_a_therapist_at_pos_22_without_the_hospital_s_bill_is_still_denied(tmp_path: Path) -> None:
    rows = [_row("22", "", "KIM, SARA PT"), _row("11", "131", "KIM, SARA PT")]
    _, out = run_batch_rows(tmp_path, rows)
    # POS 22 alone: a private-practice therapist's claim (PC/TC indicator 7); POS 11 beside TOB 131: the office
    assert out[0]["error_kind"] == "denied" and "private practice" in out[0]["error"]
    assert out[1]["error"] == "" and Decimal(out[1]["allowed"]) == fee_2026("97110", "0810200")
