"""Batch's PFS reason of a status X or E row is its own code's, whichever code of that status the run saw first: a
review's batch of G0463, 80053 and A0428 (2025, POS 11) said "G0463 is the hospital's code (hospital outpatient clinic
visit), the physician bills 99202-99215" on the lab's and the ambulance's rows, and a run starting with G0410 gave
A0428 and G0463 the per diem reason ("a partial hospitalization or intensive outpatient service"). engine.pfs's
status_reason names the code for these (engine.facility_codes.physician_code_instead, meanings.PER_DIEM_PFS_REASON):
each row's reason is now the single lookup's."""

from __future__ import annotations

import itertools

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

CODES = ("G0463", "A0428", "G0378", "G0260", "G0410")
WHERE = {"zip_code": "10001", "date_of_service": "2025-11-03", "setting": "11"}


def test_each_rows_status_reason_is_its_own_codes_in_any_order(pricer: Pricer) -> None:
    reasons = {code: pricer.price(code, **WHERE).pfs.non_facility.reason or "" for code in CODES}  # type: ignore[arg-type]
    assert "the physician bills 99202-99215" in reasons["G0463"] and "27096" in reasons["G0260"]
    assert "99202-99215" not in reasons["A0428"] and "per-diem" not in reasons["A0428"]
    batch = BatchPricer(pricer)
    for order in itertools.islice(itertools.permutations(CODES), 0, None, 17):
        table = pa.Table.from_pylist([{"code": code, "zip": "10001", "date": "2025-11-03", "setting": "11"}
                                      for code in order])  # fmt: skip
        rows = batch.price_table(table).to_pylist()
        for code, row in zip(order, rows, strict=True):
            if code != "G0410":  # batch says its per diem line note in place of the PFS reason (as before)
                assert reasons[code] in row["note"], (order, code, row["note"])
            for other in CODES:
                if reasons[other] not in reasons[code]:  # A0428's is the start of G0463's
                    assert reasons[other] not in row["note"], (order, code, other, row["note"])
