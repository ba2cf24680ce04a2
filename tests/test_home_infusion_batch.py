"""Batch says a home infusion therapy code's own reason (engine.pfs.HOME_INFUSION_REASON), as price does, and another
status X code in the same run keeps the RVU file's meaning (batch keys status reasons by status unless a code has its
own: batch.price's own_reason)."""

from __future__ import annotations

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.pfs import HOME_INFUSION_REASON
from rvucalc.lookup.pricer import Pricer


def test_batch_names_the_home_infusion_benefit(pricer: Pricer) -> None:
    rows = [
        {"code": code, "zip": "63110", "date": "2026-02-10", "setting": "12"} for code in ("G0068", "G0088", "A0425")
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert HOME_INFUSION_REASON in out[0]["note"] and HOME_INFUSION_REASON in out[1]["note"]
    assert "home infusion" not in (out[2]["note"] or "") + (out[2]["error"] or "")
