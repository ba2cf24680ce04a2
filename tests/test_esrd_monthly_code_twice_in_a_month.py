"""A nephrology group's trial (Ann Arbor, Chicago; session 66): one claim's 90958 on 03/12 and on 03/31 (the monthly
capitation payment twice in one calendar month, "Only one MCP service in CPT range 90951-90966 is permitted per
calendar month", Palmetto GBA on Pub. 100-04 ch. 8 §140) was priced twice with no word, as the month's rule skipped a
second line of the same code. A note only: the amounts are CMS's, as billed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.visits import monthly_esrd_conflict_notes

DETROIT = "0820201"  # ZIP 48109, Ann Arbor
ONE_A_MONTH = "on this claim in one calendar month"


def test_a_monthly_code_on_two_dates_of_a_month_is_a_second_monthly_payment() -> None:
    notes = monthly_esrd_conflict_notes(["90958", "90958"], identities=[1, 2])
    assert all(n is not None and n.startswith("90958 beside another 90958 line " + ONE_A_MONTH) for n in notes), notes
    # identical lines (one date and practitioner, the same modifiers): the duplicate lines rule's, not this one
    assert monthly_esrd_conflict_notes(["90958", "90958"], identities=[1, 1]) == [None, None]
    assert monthly_esrd_conflict_notes(["90958", "90958"]) == [None, None]
    # a line never a duplicate (77: another physician's) is a second monthly line all the same
    assert None not in monthly_esrd_conflict_notes(["90958", "90958"], identities=[1, None])
    # per-day lines of one code on two dates are days of a partial month
    assert monthly_esrd_conflict_notes(["90970", "90970"], identities=[1, 2]) == [None, None]


def test_batch_notes_a_claim_s_monthly_code_twice_in_a_month(pricer: Any) -> None:
    rows = [
        {"claim": claim, "code": code, "units": "1", "setting": "65", "zip": "48109", "date": date}
        for claim, code, date in (
            ("A", "90958", "2026-03-12"),
            ("A", "90958", "2026-03-31"),
            ("B", "90958", "2026-03-31"),
            ("B", "90958", "2026-04-30"),
        )
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for row, priced in zip(rows, out, strict=True):
        assert Decimal(str(priced["office_allowed"])) == fee_2026("90958", DETROIT), row  # each priced as billed
        assert ("another 90958 line " + ONE_A_MONTH in (priced["note"] or "")) is (row["claim"] == "A"), priced["note"]


def test_a_monthly_code_twice_on_one_date_not_a_duplicate_is_noted(pricer: Any) -> None:
    """A review's claims: 90958 by an MD and by an NP on one date, and 90958 beside 90958-95, are no duplicate lines
    (another practitioner, another modifier), yet two monthly payments: both said nothing, in batch as in price."""
    rows = [
        {"claim": claim, "code": code, "modifier": modifier, "provider": provider, "units": "1", "setting": "11",
         "zip": "48109", "date": "2026-03-12"}
        for claim, code, modifier, provider in (
            ("C", "90958", "", "physician"), ("C", "90958", "", "np"),
            ("D", "90958", "", "physician"), ("D", "90958", "95", "physician"),
            ("E", "90958", "", "physician"), ("E", "90958", "", "physician"),  # a duplicate: its own rule's note
        )
    ]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    fee = fee_2026("90958", DETROIT)
    for row, priced in zip(rows, out, strict=True):
        if row["provider"] == "physician":  # each priced as billed (the NP's line at its 85%)
            assert Decimal(str(priced["office_allowed"])) == fee, row
        assert ("another 90958 line " + ONE_A_MONTH in (priced["note"] or "")) is (row["claim"] != "E"), priced["note"]
    single = pricer.price_encounter(["90958", "90958-95"], zip_code="48109", date_of_service="2026-03-12", setting="11")
    assert all(any(ONE_A_MONTH in n for n in line.notes) for line in single.lines), [x.notes for x in single.lines]
