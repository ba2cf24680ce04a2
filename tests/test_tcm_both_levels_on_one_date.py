"""Transitional care management is paid once per beneficiary in the 30 days after a discharge (CPT: "only once per
beneficiary within 30 days of discharge"; CMS's MLN908628, "Transitional Care Management Services"): `rvucalc price
99495 99496 --zip 27607 --setting 12` paid both levels ($209.72 and $284.72, CMS's 2026 amounts) with no word. Each
line is now noted naming the other, in price and batch alike (engine.care_management.tcm_pair_note), one
practitioner's claim and date as the TCM visit note; the amounts stay CMS's. And 99211, the visit that may not need a
physician or other qualified professional, is not told it is TCM's required face-to-face visit: MLN908628's "you" who
furnish that visit are physicians and NPPs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import tcm_pair_note
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

ZIP, DATE, NORTH_CAROLINA = "27607", "2026-10-15", "1150200"


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


# G0556 (APCM) beside them: the TCM lines' APCM note and the pair note both, in price as in batch (price said only the
# first, one care management note a line).
@pytest.mark.parametrize("codes", [["99495", "99496"], ["99496", "99349", "99495"], ["G0556", "99495", "99496"]])
def test_both_tcm_levels_are_noted_at_cms_amounts_in_price_and_batch(pricer: Pricer, codes: list[str]) -> None:
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="12")
    rows = _batch(pricer, [{"claim": "HC7", "date": DATE, "zip": ZIP, "code": code, "setting": "12"}
                           for code in codes])  # fmt: skip
    for code, line, row in zip(codes, encounter.lines, rows, strict=True):
        other = {"99495": "99496", "99496": "99495"}.get(code)
        note = tcm_pair_note(code, other) if other else None
        if note is not None:
            assert "; " not in note and "once per beneficiary in the 30 days" in note
            assert note in line.notes and note in row["note"].split("; "), (code, row["note"])
        else:
            assert not any("once per beneficiary" in text for text in line.notes) and "once per" not in row["note"]
        fee = pfs_amount(pricer, code, "", "non_facility", DATE, NORTH_CAROLINA)
        assert line.pfs.non_facility.amount == fee == _money(row["allowed"]), code


def test_one_level_or_another_practitioner_s_is_not_noted(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "12", "claim": "HC8", "date": DATE}
    rows = _batch(pricer, [
        {**place, "code": "99495", "provider": "NP"},
        {**place, "code": "99496", "provider": "MD"},
    ])  # fmt: skip
    assert not any("once per beneficiary" in row["note"] for row in rows)
    alone = pricer.price_encounter(["99495", "99495"], zip_code=ZIP, date_of_service=DATE, setting="12")
    assert not any("once per beneficiary" in text for line in alone.lines for text in line.notes)


def test_a_nurse_visit_99211_is_not_told_it_is_tcm_s_required_visit(pricer: Pricer) -> None:
    codes = ["99495", "99211"]
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="11")
    rows = _batch(pricer, [{"claim": "HC9", "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for code in codes])  # fmt: skip
    assert not any("required face-to-face visit" in text for line in encounter.lines for text in line.notes)
    assert not any("required face-to-face visit" in row["note"] for row in rows)
    fee = pfs_amount(pricer, "99211", "", "non_facility", DATE, NORTH_CAROLINA)
    assert encounter.lines[1].pfs.non_facility.amount == fee == _money(rows[1]["allowed"])
    # 99212, a practitioner's visit, still is
    visit = pricer.price_encounter(["99495", "99212"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert any("required face-to-face visit" in text for text in visit.lines[1].notes)
