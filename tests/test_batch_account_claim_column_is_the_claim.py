"""A cardiology group's export names its claim id 'Account/Claim': batch only hinted it, so each line was priced
alone and 93288 beside 93280 (multiple procedure indicator 6) was paid in full, not with 25% off its technical
component (CMS's RVU file documentation, indicator 6: "Pay 100% for the highest priced procedure, and 75% for the
technical component of each subsequent procedure"). Expected amounts come from CMS's rows shipped in data/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from test_imaging_order import fee, once

HOUSTON_2026 = ("04412", "18", "18")  # GPCI2026's carrier and locality number (ZIP 77030: 0441218)


def _row(claim: str, code: str) -> dict[str, str]:
    return {"Account/Claim": claim, "From DOS": "07/13/2026", "CPT/HCPCS": code, "Mod A": "", "Unit": "1",
            "POS Code": "11", "Service Zip": "77030", "Rendering": "PATEL, ANIL MD"}  # fmt: skip


def test_account_claim_column_is_the_claim(isolated_cache: Path, tmp_path: Path) -> None:
    done, rows = run_batch_rows(tmp_path, [_row("C1006", "93280"), _row("C1006", "93288")])
    assert done.exit_code == 0, done.output
    assert "claim ← Account/Claim" in done.stderr and "no claim column" not in done.stderr
    assert "an account number" not in done.stderr  # the claim's id, not a patient's account
    first, later = (Decimal(row["allowed"]) for row in rows)
    assert first == fee(2026, HOUSTON_2026, "93280")
    tc = fee(2026, HOUSTON_2026, "93288", "TC")
    assert later == once(fee(2026, HOUSTON_2026, "93288") - tc * Decimal("0.25"))
    assert "25% off the technical component" in rows[1]["note"]


def test_account_claim_column_gives_way_to_a_claim_or_visit_number() -> None:
    """Beside 'Claim #' or 'Visit ID' that one is the claim (no refusal as two claims); beside an account number
    'Account/Claim' is."""
    from rvucalc.batch.columns import resolve_columns

    def claim(names: list[str]) -> str:
        columns = resolve_columns(names, {})
        return columns.names[columns.position("claim")]

    assert claim(["Account/Claim", "Claim #", "CPT/HCPCS"]) == "Claim #"
    assert claim(["Account/Claim", "Visit ID", "CPT/HCPCS"]) == "Visit ID"
    assert claim(["Account/Claim", "Account Number", "CPT/HCPCS"]) == "Account/Claim"


def test_account_claim_column_spelled_with_a_number_or_spaces_is_the_claim() -> None:
    """'Acct/Claim #', 'Claim/Acct', 'Account / Claim No' and the like are the claim as 'Account/Claim' is (a review
    found them unread: no claim column, each line priced alone)."""
    from rvucalc.batch.columns import resolve_columns

    for name in ("Acct/Claim #", "Claim/Acct", "Account / Claim No", "Acct / Claim Number", "Claim/Account No.",
                 "Account/Claim"):  # fmt: skip
        columns = resolve_columns([name, "From DOS", "CPT/HCPCS", "Service Zip"], {})
        assert columns.position("claim") == 0, name
    columns = resolve_columns(["Acct/Claim #", "Claim #", "CPT/HCPCS"], {})  # a claim number beside it is the claim
    assert columns.names[columns.position("claim")] == "Claim #"
