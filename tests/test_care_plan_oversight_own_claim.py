"""Care plan oversight is billed on a claim of its own: "Providers billing for CPO must submit the claim with no other
services billed on that claim" (Claims Processing Manual ch. 12 §180.1.A). A house-call trial's claim of G0181 and 99490
by one physician (ZIP 27607) was priced with no word. The G0181 or G0182 line of a claim with other lines, of any date
or practitioner in batch, is now noted naming them, in price and batch alike; the amounts stay CMS's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import cpo_claim_note
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

ZIP, DATE, NORTH_CAROLINA = "27607", "2026-10-31", "1150200"


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


@pytest.mark.parametrize("codes", [["G0181", "99490"], ["99349", "G0182"]])
def test_cpo_beside_another_service_is_noted_at_cms_amounts_in_price_and_batch(
    pricer: Pricer, codes: list[str]
) -> None:
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="11")
    rows = _batch(pricer, [{"claim": "HC1031", "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for code in codes])  # fmt: skip
    [cpo] = [code for code in codes if code.startswith("G018")]
    [other] = [code for code in codes if code != cpo]
    note = cpo_claim_note(cpo, [other])
    assert "§180.1.A" in note and "; " not in note
    for code, line, row in zip(codes, encounter.lines, rows, strict=True):
        said = code == cpo
        assert (note in line.notes) is said and (note in row["note"].split("; ")) is said, (code, row["note"])
        fee = pfs_amount(pricer, code, "", "non_facility", DATE, NORTH_CAROLINA)
        assert line.pfs.non_facility.amount == fee == _money(row["allowed"]), code


def test_the_claim_s_other_dates_and_practitioners_count_and_a_cpo_claim_alone_says_nothing(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "11"}
    rows = _batch(pricer, [
        {**place, "claim": "A", "date": DATE, "code": "G0181", "provider": "MD"},
        {**place, "claim": "A", "date": "2026-10-02", "code": "99349", "provider": "NP"},
        {**place, "claim": "B", "date": DATE, "code": "G0182", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "G0181", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "G0182", "provider": "MD"},
    ])  # fmt: skip
    assert rows[0]["note"].count(cpo_claim_note("G0181", ["99349"])) == 1
    assert ["§180.1.A" in row["note"] for row in rows] == [True, False, False, False, False]
    alone = pricer.price_encounter(["G0181"], zip_code=ZIP, date_of_service=DATE, setting="11")
    assert not any("§180.1.A" in text for text in alone.lines[0].notes)
