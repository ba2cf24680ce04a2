"""Transitional care management's required face-to-face visit is part of TCM: CPT, "The first face-to-face visit is part
of the TCM service and not reported separately"; CMS's TCM FAQs (2016): the date of service is "the date of the
required face-to-face visit". A house-call trial's claim of 99495 and 99349 by one NP on one date (ZIP 27607, POS 12)
paid both without a word. The visit line beside TCM of the same practitioner, claim and date is now noted, in price and
batch alike (engine.care_management.tcm_visit_note); the amounts stay CMS's (the MAC denies, rvucalc says)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import tcm_visit_note
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

ZIP, DATE, NORTH_CAROLINA = "27607", "2026-10-15", "1150200"


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize(("tcm", "visit"), [("99495", "99349"), ("99496", "99214"), ("99495", "99345")])
def test_a_visit_on_the_tcm_date_is_noted_at_cms_amounts_in_price_and_batch(
    pricer: Pricer, tcm: str, visit: str
) -> None:
    codes = [tcm, visit]
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="12")
    rows = _batch(pricer, [{"claim": "HC1021", "date": DATE, "zip": ZIP, "code": code, "setting": "12"}
                           for code in codes])  # fmt: skip
    note = tcm_visit_note(visit, tcm)
    assert "; " not in note
    for code, line, row in zip(codes, encounter.lines, rows, strict=True):
        said = code == visit
        assert (note in line.notes) is said and (note in row["note"].split("; ")) is said, (code, row["note"])
        fee = pfs_amount(pricer, code, "", "non_facility", DATE, NORTH_CAROLINA)
        assert line.pfs.non_facility.amount == fee == _money(row["allowed"]), code


def test_another_date_or_practitioner_s_visit_is_not_noted(pricer: Pricer) -> None:
    """Other E/M visits are billed on other dates (CPT). Another practitioner's visit (the provider column) is
    theirs."""
    place = {"zip": ZIP, "setting": "12", "claim": "HC1"}
    rows = _batch(pricer, [
        {**place, "date": DATE, "code": "99495", "provider": "NP"},
        {**place, "date": DATE, "code": "99349", "provider": "NP"},
        {**place, "date": "2026-10-22", "code": "99348", "provider": "NP"},
        {**place, "date": DATE, "code": "99350", "provider": "MD"},
    ])  # fmt: skip
    assert ["transitional care management" in row["note"] for row in rows] == [False, True, False, False]
    alone = pricer.price_encounter(["99349", "99497"], zip_code=ZIP, date_of_service=DATE, setting="12")
    assert not any("transitional care" in text for line in alone.lines for text in line.notes)
