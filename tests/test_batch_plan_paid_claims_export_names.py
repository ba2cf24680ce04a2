"""A Medicare Advantage plan's paid-claims export ('Claim Nbr', 'Svc From Dt', as its 'Line Nbr'): both were only
hinted ("looks like one"), every line priced alone (no multiple procedure rule) with today's release, until named with
--columns. They are the claim and the date of service."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from cms_fees import fee_2026
from conftest import run_batch_rows
from rvucalc.batch.columns import resolve_columns

HEADER = ["Claim Nbr", "Line Nbr", "Svc From Dt", "Proc Cd", "Mod 1", "Mod 2", "Mod 3", "Mod 4", "Units",
          "POS", "Rendering Prov Specialty", "Billed Amt", "Allowed Amt", "Paid Amt", "Contract Rate",
          "Member Zip"]  # fmt: skip


def test_claim_nbr_is_the_claim_and_svc_from_dt_the_date() -> None:
    columns = resolve_columns(HEADER)
    assert columns.names[columns.position("claim")] == "Claim Nbr"
    assert columns.names[columns.position("date")] == "Svc From Dt"


def test_the_plan_s_claim_is_one_encounter_on_its_date(tmp_path: Path) -> None:
    """17110 and 69210 on one claim: the lower is paid 50% (multiple procedure indicator 2), on the line's date."""
    rows = [{"Claim Nbr": "MA1", "Line Nbr": str(n), "Svc From Dt": "08/03/2026", "Proc Cd": code, "POS": "11",
             "Member Zip": "75201"} for n, code in enumerate(("17110", "69210"), 1)]  # fmt: skip
    rows.append({"Claim Nbr": "MA2", "Line Nbr": "1", "Svc From Dt": "03/07/2025", "Proc Cd": "99213", "POS": "11",
                 "Member Zip": "75201"})  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert Decimal(out[0]["allowed"]) == fee_2026("17110", "0441211")
    half = (fee_2026("69210", "0441211") / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(out[1]["allowed"]) == half
    assert out[2]["release"].startswith("2025")
