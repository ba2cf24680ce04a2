"""Digital mental health treatment (G0552 supply, G0553 and G0554 monthly treatment management; CY2025 PFS final rule)
is a non-face-to-face service: Noridian JF, "Understanding Digital Mental Health Treatments": "POS 02 and 10 cannot be
used for these non-face-to-face services and are excluded from the list of reimbursable telehealth services". A
behavioral health trial's G0553 and G0554 at POS 10 read only "Telehealth: rvucalc does not check CMS's Medicare
Telehealth Services List", as if they were telehealth services; they say what Noridian says now, price and batch
alike (engine.place_of_service.place_note_for_line), the amount the place's as before. A psychotherapy line at POS 10
keeps the telehealth list's note."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import NOT_TELEHEALTH_DMHT_NOTE, TELEHEALTH_LIST_NOTE
from rvucalc.lookup.pricer import Pricer

DATE = "2025-04-10"


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_dmht_at_pos_02_or_10_is_said_no_telehealth_service_in_price_and_batch(pricer: Pricer) -> None:
    lines = [("G0553", "10"), ("G0554", "10"), ("G0553", "02"), ("90834", "10")]
    rows = _batch(pricer, [{"claim": f"C{n}", "date": DATE, "code": code, "zip": "60614", "setting": pos}
                           for n, (code, pos) in enumerate(lines)])  # fmt: skip
    for (code, pos), row in zip(lines, rows, strict=True):
        single = pricer.price(code, zip_code="60614", date_of_service=DATE, setting=pos)
        notes = row["note"].split("; ")
        said = NOT_TELEHEALTH_DMHT_NOTE.format(pos=pos, code=code)
        if code == "90834":
            assert any(TELEHEALTH_LIST_NOTE in n for n in notes) and not any(said in n for n in notes), notes
            assert any(TELEHEALTH_LIST_NOTE in n for n in single.notes), single.notes
        else:
            assert any(said in n for n in notes) and not any(TELEHEALTH_LIST_NOTE in n for n in notes), notes
            assert any(said in n for n in single.notes), single.notes
            assert not any(TELEHEALTH_LIST_NOTE in n for n in single.notes), single.notes
        assert row["allowed"] is not None and str(row["allowed"]) == str(single.sites[0].allowed), (row, single.sites)
