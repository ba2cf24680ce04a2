"""An FQHC/RHC trial (a New Mexico provider-based RHC): 99213-CG at POS 72 read only "Modifier CG is informational".
On an RHC's claim CG marks the one line a day (revenue code 052x or 0900) that stands for the visit paid the
all-inclusive rate, its coinsurance from that line's charges (MLN Matters SE1611): the note says so, price and batch
alike, and the amount is CMS's, unchanged (the same line without CG)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.modifiers import CG_NOTE

DEMING_NM, DATE = "88030", "2026-02-10"


def test_rhc_cg_is_said_to_mark_the_visit_line(pricer: Any) -> None:
    single = pricer.price("99213", modifier="CG", zip_code=DEMING_NM, date_of_service=DATE, setting="72")
    bare = pricer.price("99213", zip_code=DEMING_NM, date_of_service=DATE, setting="72")
    rows = [{"code": "99213", "modifier": modifier, "date": DATE, "zip": DEMING_NM, "setting": "72"}
            for modifier in ("CG", "")]  # fmt: skip
    with_cg, without = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert CG_NOTE in single.notes and CG_NOTE in with_cg["note"] and CG_NOTE not in without["note"]
    assert "Modifier CG is informational" not in with_cg["note"] + " ".join(single.notes)
    assert single.sites[0].total == bare.sites[0].total == with_cg["allowed"] == without["allowed"]
    assert "; " not in CG_NOTE and "SE1611" in CG_NOTE and "052x or 0900" in CG_NOTE
