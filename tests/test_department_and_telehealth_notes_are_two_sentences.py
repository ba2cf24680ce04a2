"""A hospital place's department note (POS 19 without PN or PO) or a split visit's FS note at the office, and a
telehealth modifier's note at the same place, are one note of two sentences (engine.place_of_service.department_note).
A review's 99214-95 at POS 19 read "... the hospital's rate here is priced without either POS 19 (Off
campus-outpatient hospital) with 95: ...", one run-on sentence; price and batch alike now end the first with a
period."""

from __future__ import annotations

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.place_of_service import (
    OFF_CAMPUS_WITHOUT_MODIFIER,
    POS,
    SPLIT_SHARED_OUTSIDE_FACILITY,
    TELEHEALTH_AT_IN_PERSON_PLACE,
)
from rvucalc.lookup.pricer import Pricer

ZIP, DATE = "80205", "2026-08-03"


def test_pos_19_and_fs_notes_end_before_the_telehealth_modifier_note(pricer: Pricer) -> None:
    split_shared = SPLIT_SHARED_OUTSIDE_FACILITY.format(pos="11", name=POS["11"].name)
    lines = [("99214", ("95",), "19", OFF_CAMPUS_WITHOUT_MODIFIER), ("99214", ("FS", "95"), "11", split_shared)]
    rows = BatchPricer(pricer).price_table(pa.Table.from_pylist(
        [{"claim": f"P{n}", "date": DATE, "code": code, "modifier": "-".join(modifiers), "zip": ZIP, "setting": pos}
         for n, (code, modifiers, pos, _) in enumerate(lines)])).to_pylist()  # fmt: skip
    for (code, modifiers, pos, first), row in zip(lines, rows, strict=True):
        single = pricer.price("-".join((code, *modifiers)), zip_code=ZIP, date_of_service=DATE, setting=pos)
        second = TELEHEALTH_AT_IN_PERSON_PLACE.format(pos=pos, name=POS[pos].name, modifier="95")
        for notes in (row["note"].split("; "), single.notes):
            assert any(n.startswith(f"{first}. {second}") for n in notes), notes
