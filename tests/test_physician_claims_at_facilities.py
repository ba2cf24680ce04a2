"""The physician's claim at a facility: at a place with no facility payment priced (inpatient POS 21, a SNF ...), the
lines the PFS does not pay are left out of the total, named, and the others paid, in price and batch alike."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]
DATE = "2025-11-10"
MANHATTAN = "1320201"


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def pfs_amount(pricer: Pricer, code: str, modifier: str, setting: str, date: str = DATE,
               locality: str = MANHATTAN) -> Decimal:  # fmt: skip
    """The RVU file row's amount at the locality's GPCIs (the release in force on the date), rounded once."""
    store = pricer.store(pricer.select(None, dt.date.fromisoformat(date))[0])
    row, place = store.rvu(code, modifier), store.locality(locality)
    assert row is not None and place is not None
    pe = row["pe_nonfac_rvu"] if setting == "non_facility" else row["pe_fac_rvu"]
    rvus = (Fraction(row["work_rvu"], 100) * Fraction(place["gpci_work"], 1000)
            + Fraction(pe, 100) * Fraction(place["gpci_pe"], 1000)
            + Fraction(row["mp_rvu"], 100) * Fraction(place["gpci_mp"], 1000))  # fmt: skip
    exact = rvus * Fraction(row["conv_factor"], 10_000)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    table = pa.table({name: [row.get(name, "") for row in rows] for name in COLUMNS})
    return BatchPricer(pricer).price_table(table).to_pylist()


@pytest.mark.parametrize("other", ["A4550", "A4604", "J9271", "80053"])
def test_an_inpatient_claim_pays_the_pfs_lines_and_names_those_it_leaves_out(pricer: Pricer, other: str) -> None:
    """A trial: `price 99213 A4550 --setting 21` said "not payable" and `99213 A4604` "not priced" (A4550 PFS status
    B, bundled; A4604 status X, a DME supply: an inpatient's is the hospital's, Benefit Policy Manual ch. 1 §40), while
    batch paid 99213's fee for both claims. The physician's claim there pays 99213's PFS facility amount (the RVU
    file's, at Manhattan's GPCIs) with the patient's 20%, and names the line it leaves out; batch's claim the same."""
    fee = pfs_amount(pricer, "99213", "", "facility")
    share = (fee / 5).quantize(Decimal("0.01"), ROUND_HALF_UP)
    encounter = pricer.price_encounter(["99213", other], zip_code="10001", date_of_service=DATE, setting="21")
    total = encounter.totals["facility"]
    assert total.payable and total.total == total.professional_payment == fee and total.beneficiary == share
    from rvucalc.engine.facility import LAB_AT_FACILITY_REASON, PHYSICIAN_UNPAID_ALONE

    # A lab test at an inpatient stay is the hospital's (its CLFS CY2025 file not installed: the place's reason)
    why = LAB_AT_FACILITY_REASON[:40] if other == "80053" else "No PFS payment"
    assert total.reason is not None and total.reason.startswith(f"{PHYSICIAN_UNPAID_ALONE}: {other}: {why}")
    rows = [{"claim": "K", "code": code, "date": DATE, "setting": "21", "zip": "10001"} for code in ("99213", other)]
    out = _batch(pricer, rows)
    assert _money(out[0]["allowed"]) == fee and out[1]["allowed"] is None and out[1]["error"] == ""
    assert _money(out[0]["beneficiary"]) == total.beneficiary and _money(out[0]["medicare"]) == total.medicare


def test_a_contractor_priced_line_still_leaves_the_inpatient_total_not_priced(pricer: Pricer) -> None:
    """A line the MAC prices (status C) is not one the PFS does not pay: where a multiple procedure rule ranks it with
    another line (29999 and 20610, indicator 2 both, RVU25D) the total is not known without its fee. Where none does
    (0075T, indicator 0, beside 99213), its fee changes no other line's: the total is 99213's PFS facility amount,
    "+ 1 line the MAC prices", as batch's claim (engine.facility.mac_priced_apart)."""
    encounter = pricer.price_encounter(["20610", "29999"], zip_code="10001", date_of_service=DATE, setting="21")
    total = encounter.totals["facility"]
    assert not total.payable and total.status == "not_priced"
    encounter = pricer.price_encounter(["99213", "0075T"], zip_code="10001", date_of_service=DATE, setting="21")
    total = encounter.totals["facility"]
    fee = pfs_amount(pricer, "99213", "", "facility")
    assert total.payable and total.total == fee and total.lines_priced_by_mac == 1
    rows = [{"claim": "K", "code": code, "date": DATE, "setting": "21", "zip": "10001"} for code in ("99213", "0075T")]
    out = _batch(pricer, rows)
    assert _money(out[0]["allowed"]) == fee and out[1]["allowed"] is None and out[1]["error"] == ""
