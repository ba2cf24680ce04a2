"""A DME item of a year whose DMEPOS file is not installed (A7030-NU on a 2025 date: rvucalc has the January 2026 file
alone): its note said "No PFS payment: status X: Statutory exclusion: not a physician service for PFS payment (e.g.
ambulance, clinical lab)" beside "DMEPOS CY2025 not installed" (a DME supplier's trial). It says the item is paid from
the DMEPOS fee schedule instead, in price and batch alike; 2026's row keeps CMS's fee."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

STATUS_X = "Statutory exclusion"
STATEMENT = "Not paid under the PFS: paid from the DMEPOS fee schedule"


def test_a_dme_item_of_a_year_not_installed_is_said_paid_from_the_dmepos_fee_schedule(pricer: Pricer) -> None:
    rows = [{"code": "A7030-NU", "state": "IA", "date": day} for day in ("2025-03-04", "2026-03-04")]
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    batch = BatchPricer(pricer).price_table(table).to_pylist()
    single = [pricer.price("A7030", modifier="NU", state="IA", date_of_service=row["date"]) for row in rows]
    for line, row in zip(single, batch, strict=True):
        assert STATUS_X not in row["note"] and STATEMENT in row["note"], row["note"]
        assert STATUS_X not in " ".join(line.notes) and STATEMENT in line.notes
    assert "DMEPOS CY2025 not installed" in batch[0]["note"] and batch[0]["allowed"] is None
    assert single[1].dmepos is not None and single[1].dmepos.amount is not None  # CMS's DMEPOS26_JAN IA fee
    assert Decimal(batch[1]["allowed"]) == single[1].dmepos.amount
