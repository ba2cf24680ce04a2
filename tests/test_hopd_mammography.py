"""Screening mammography at a hospital outpatient department is paid under the PFS, not the OPPS: the locality's PFS
technical component (TC) amount (SSA §1833(t)(1)(B)(iv); BIPA §104; Claims Processing Manual ch. 18 §20.4), with no
coinsurance or deductible (the preventive waiver). A revenue-cycle trial found `price 77067 --setting hopd` "cannot be
priced" and batch's 2025 hospital rows of 77067 blank. The hospital's amounts here are CMS's own: the RVU file's TC
row at the locality's GPCIs and the file's conversion factor, rounded once."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from rvucalc.batch.price import BatchPricer
from rvucalc.cli import app
from rvucalc.engine.hopd_therapy import HOPD_MAMMOGRAPHY_NOTE
from rvucalc.lookup.pricer import Pricer

ATLANTA = {"zip_code": "30322", "locality": "1021201"}
COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def _pfs_amount(pricer: Pricer, code: str, modifier: str, date: str, setting: str) -> Decimal:
    """The RVU file row's amount at the locality's GPCIs (the release in force on the date), rounded once."""
    store = pricer.store(pricer.select(None, dt.date.fromisoformat(date))[0])
    row, place = store.rvu(code, modifier), store.locality(ATLANTA["locality"])
    assert row is not None and place is not None
    pe = row["pe_nonfac_rvu"] if setting == "non_facility" else row["pe_fac_rvu"]
    rvus = (Fraction(row["work_rvu"], 100) * Fraction(place["gpci_work"], 1000)
            + Fraction(pe, 100) * Fraction(place["gpci_pe"], 1000)
            + Fraction(row["mp_rvu"], 100) * Fraction(place["gpci_mp"], 1000))  # fmt: skip
    exact = rvus * Fraction(row["conv_factor"], 10_000)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


@pytest.mark.parametrize(("code", "date", "units"), [("77067", "2025-11-10", 1), ("77063", "2025-11-10", 1),
                                                      ("77067", "2026-03-10", 2)])  # fmt: skip
def test_the_hospital_is_paid_the_tc_amount_and_the_patient_nothing(pricer: Pricer, code: str, date: str,
                                                                     units: int) -> None:  # fmt: skip
    technical = _pfs_amount(pricer, code, "TC", date, "non_facility")
    line = pricer.price(code, zip_code=ATLANTA["zip_code"], date_of_service=date, setting="hopd", units=units)
    [site] = line.sites
    assert site.payable and site.facility_payment == technical * units and site.total == technical * units
    assert site.beneficiary == 0 and site.medicare == site.total
    assert HOPD_MAMMOGRAPHY_NOTE in line.notes
    result = CliRunner().invoke(app, ["price", code, "--zip", "30322", "--date", date, "--setting", "hopd",
                                      "--units", str(units)])  # fmt: skip
    assert result.exit_code == 0 and f"${technical * units:,}" in result.stdout


def test_the_tc_is_paid_once_beside_the_physicians_26_in_price_and_batch(pricer: Pricer) -> None:
    date = "2025-11-10"
    technical = _pfs_amount(pricer, "77067", "TC", date, "non_facility")
    reading = _pfs_amount(pricer, "77067", "26", date, "facility")
    day = {"zip_code": ATLANTA["zip_code"], "date_of_service": date, "setting": "hopd"}
    encounter = pricer.price_encounter(["77067", "77067-26"], **day)  # type: ignore[arg-type]
    total = encounter.totals["hopd"]
    assert total.payable and total.facility_payment == technical and total.professional_payment == reading
    assert total.total == technical + reading and total.beneficiary == 0
    alone = pricer.price("77067-26", **day)  # type: ignore[arg-type]
    assert alone.sites[0].total == technical + reading  # the case at the hospital, as a 26 line alone elsewhere
    cells = [("A", "77067", ""), ("A", "77067", "26"), ("B", "77067", "26"), ("C", "77065", "")]
    rows = [{"claim": claim, "code": code, "modifier": modifier, "date": date, "setting": "22", "zip": "30322",
             "units": "1"} for claim, code, modifier in cells]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.table({name: [row[name] for row in rows] for name in COLUMNS}))
    priced = out.to_pylist()
    assert [_money(row["allowed"]) for row in priced[:3]] == [technical, reading, technical + reading]
    assert all(_money(row["beneficiary"]) == 0 for row in priced[:3])
    assert HOPD_MAMMOGRAPHY_NOTE in priced[0]["note"] and HOPD_MAMMOGRAPHY_NOTE not in priced[1]["note"]
    # Diagnostic mammography: the text read states the hospital's amount for screening only: left as it was.
    diagnostic = pricer.price("77065", **day)  # type: ignore[arg-type]
    assert not diagnostic.sites[0].payable and priced[3]["allowed"] is None
