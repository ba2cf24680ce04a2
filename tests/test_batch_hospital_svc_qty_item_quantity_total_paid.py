"""A hospital export's 'Svc Qty' (and 'Service Qty'), a Cerner charge extract's 'ITEM_QUANTITY' and a 'Total Paid'
column were only hinted on stderr ("though 'Svc Qty' looks like one"): each line priced one unit, its paid amount
compared with nothing. 'Svc Qty' is read as the units; 'ITEM_QUANTITY' as the units and 'Total Paid' as the paid
column only where no other column is (batch.columns.ITEM_QUANTITIES, TOTAL_PAID), 'Total Paid' with a remit's paid
column's checks (REMIT_PAID: it is Medicare's payment, --paid-is medicare said)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.batch.columns import resolve_columns

# Addendum B (October 2025): 71046 SI Q3, APC 5521, $88.05; Harrisburg (ZIP 17101, CBSA 25420) wage index 0.9095:
# 88.05 x (0.6 x 0.9095 + 0.4) x 2 units = 166.537 -> $166.54, the facility's payment the paid column is compared with
TWO_UNITS = Decimal("166.54")


def _row(quantity: str, paid: str) -> dict[str, str]:
    return {"FIN": "3007", "Bill Type": "131", "HCPCS": "71046", "Service Date": "12/30/2025", quantity: "2",
            paid: "120.00", "Facility ZIP": "17101"}  # fmt: skip


def test_svc_qty_and_total_paid_are_read(tmp_path: Path) -> None:
    for quantity in ("Svc Qty", "Service Qty", "ITEM_QUANTITY"):
        done, out = run_batch_rows(tmp_path, [_row(quantity, "Total Paid")])
        assert done.exit_code == 0, done.output
        assert f"units ← {quantity}" in done.output and "paid ← Total Paid" in done.output
        assert Decimal(out[0]["expected"]) == TWO_UNITS and out[0]["paid_as_read"] == "120.00"
        assert "--paid-is medicare" in done.output  # a remit's paid column's check


def test_item_quantity_and_total_paid_give_way_to_another_column() -> None:
    names = ["HCPCS", "Units", "ITEM_QUANTITY", "Paid Amount", "Total Paid"]
    mapped = resolve_columns(names)
    assert mapped.position("units") == 1 and mapped.position("paid") == 3
