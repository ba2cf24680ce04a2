"""A prolonged add-on's primary visit is looked for among the same practitioner's lines (batch: a provider column's
practitioner; CR 7501's Type I add-on, "paid to the same practitioner"). A faculty practice trial's claim had an NP's
99233-FS and the physician's G0316 on one date, and G0316's note read "there is none on this claim and date", the 99233
being on that claim and date. The note now says "none by the same practitioner", as G2211's does; the amounts are the
RVU file's either way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer
from test_physician_claims_at_facilities import pfs_amount

DATE, ZIP, PHILADELPHIA = "2026-08-03", "19104", "1250201"


def _batch(pricer: Pricer, rows: list[tuple[str, str, str, str]]) -> list[dict[str, Any]]:
    cells = [(claim, code, modifier, provider, ZIP, DATE, "21") for claim, code, modifier, provider in rows]
    names = ("claim", "code", "modifier", "provider", "zip", "date", "setting")
    table = pa.Table.from_pylist([dict(zip(names, row, strict=True)) for row in cells])
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_g0316_beside_another_practitioners_99233_says_none_by_the_same_practitioner(pricer: Pricer) -> None:
    note = visits.prolonged_without_primary_note("G0316")
    assert "none by the same practitioner on this claim and date" in note and "; " not in note
    rows = _batch(pricer, [("X", "99233", "FS", "NP"), ("X", "G0316", "", "MD"),
                           ("Y", "99233", "", "MD"), ("Y", "G0316", "", "MD")])  # fmt: skip
    assert note in str(rows[1]["note"])  # the NP's 99233 is not the physician's primary
    assert note not in str(rows[3]["note"])  # the physician's own 99233 is
    fee = pfs_amount(pricer, "G0316", "", "facility", DATE, PHILADELPHIA)
    assert Decimal(str(rows[1]["pfs_facility_amount"])) == Decimal(str(rows[3]["pfs_facility_amount"])) == fee
    visit = pfs_amount(pricer, "99233", "", "facility", DATE, PHILADELPHIA)
    nurse = (visit * Decimal("0.85")).quantize(Decimal("0.01"))  # the NP's 85% (SSA §1833(a)(1)(O))
    assert Decimal(str(rows[0]["allowed"])) == nurse and Decimal(str(rows[2]["allowed"])) == visit
