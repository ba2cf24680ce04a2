"""An always-therapy code (multiple procedure indicator 5) is paid the non-facility amount in every setting.

CMS's RVU file marks these codes' facility PE 'NA', but CMS's own payment file carries a facility amount equal to the
office's (PFAL25A, Alabama 10112/00: 97110 $26.83 / $26.83, 97140 $25.34 / $25.34, 97161 $91.32 / $91.32), as the
Claims Processing Manual ch. 5 §10.1 pays outpatient rehabilitation (engine.pfs.facility_na). A trial's `price 97110-GP
--setting 02` (and 31, 21) exited 1 "Not priced in the facility setting". Price and batch alike.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from conftest import SITE_MEASURES
from rvucalc.lookup.pricer import Pricer
from test_cms_payment_files import JANUARY_2025, THERAPY_ROWS
from test_hopd_therapy import batch_rows

ZIP = "43215"
CASES = [  # code, units, place of service, date
    ("97110-GP", 2, "02", "2025-11-03"),
    ("97110-GP", 1, "31", "2025-11-03"),
    ("97161-GP", 1, "21", "2025-11-03"),
    ("97110-GP", 2, "02", "2026-08-03"),
    ("97140-GO", 1, "31", "2026-08-03"),
    ("97530-CQ-GP", 3, "31", "2026-08-03"),
]


def _money(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value)).quantize(Decimal("0.01"))


def test_cms_files_hold_therapy_codes() -> None:
    assert {fields[3] for _, fields in THERAPY_ROWS} >= {"97110", "97140", "97161"}


@pytest.mark.parametrize(("file_name", "fields"), THERAPY_ROWS)
def test_therapy_facility_amount_is_cms_published_facility_amount(pricer: Pricer, file_name: str,
                                                                  fields: list[str]) -> None:  # fmt: skip
    """PF25PC layout: non-facility fee (field 6), facility fee (field 7); CMS's facility amount, not 'NA'."""
    result = pricer.price(fields[3], locality=fields[1] + fields[2], date_of_service=JANUARY_2025)
    assert result.pfs.facility.payable, result.pfs.facility.reason
    assert result.pfs.facility.amount == Decimal(fields[6]) == Decimal(fields[5]) == result.pfs.non_facility.amount


@pytest.fixture(scope="module")
def rows(pricer: Pricer) -> list[dict[str, Any]]:
    return batch_rows(pricer, CASES, ZIP)


@pytest.mark.parametrize("at", range(len(CASES)))
def test_therapy_at_a_facility_place_is_priced_alike_in_price_and_batch(pricer: Pricer, rows: Any, at: int) -> None:
    code, units, place, date = CASES[at]
    placed = pricer.price(code, zip_code=ZIP, date_of_service=date, units=units, setting=place)
    [site] = placed.sites
    assert site.payable, site.reason
    assert placed.pfs.facility.payable and placed.pfs.facility.amount == placed.pfs.non_facility.amount
    office = pricer.price(code, zip_code=ZIP, date_of_service=date, units=units, setting="11")
    assert site.total == office.sites[0].total  # the office's amount, its units and CQ/CO included
    row = rows[at]
    assert row["error"] == "", row
    assert _money(row["pfs_facility_amount"]) == placed.pfs.facility.amount
    for measure, attribute in SITE_MEASURES.items():
        assert _money(row[measure]) == _money(getattr(site, attribute)), measure
