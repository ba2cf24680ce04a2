"""Every row of CMS's own 2025 payment files reproduces to the cent.

The files (PFREV4.txt, PFREV25C.txt and verbatim lines of PFAL25A/PFAK25A, layout
in CMS's PF25PC.pdf) carry CMS's published non-facility and facility fee schedule
amounts for 109 localities; they were computed from release 2025A.
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import TEST_DATA
from rvucalc.engine.pfs import facility_na

PAYMENT_FILES = sorted((TEST_DATA / "pfs_payment_files").iterdir())
JANUARY_2025 = dt.date(2025, 1, 15)


def payment_rows(path: Path) -> list[dict[str, str]]:
    """PF25PC layout: year, carrier, locality, HCPCS, modifier, non-facility fee,
    facility fee, filler, PC/TC, status, multiple surgery, ... ; trailer lines start TRL-."""
    rows = []
    with path.open(newline="", encoding="cp1252") as handle:
        for line_number, fields in enumerate(csv.reader(handle), start=1):
            if fields[0].startswith("TRL-"):
                continue
            rows.append(
                {
                    "line": str(line_number),
                    "year": fields[0],
                    "carrier": fields[1],
                    "locality": fields[2],
                    "hcpcs": fields[3],
                    "modifier": fields[4].strip(),
                    "non_facility": fields[5],
                    "facility": fields[6],
                    "pctc": fields[8],
                    "status": fields[9],
                }
            )
    return rows


ALL_ROWS = [(path.name, row) for path in PAYMENT_FILES for row in payment_rows(path)]


def test_the_oracle_is_the_size_cms_published() -> None:
    assert len(ALL_ROWS) == 1744
    assert len({row["carrier"] + row["locality"] for _, row in ALL_ROWS}) == 109


def test_every_row_reproduces_to_the_cent(pricer) -> None:  # type: ignore[no-untyped-def]
    mismatches = []
    for file_name, row in ALL_ROWS:
        result = pricer.price(
            row["hcpcs"],
            modifier=row["modifier"] or None,
            locality=row["carrier"] + row["locality"],
            date_of_service=JANUARY_2025,
        )
        assert result.release == "2025A"
        pfs = result.pfs
        expected_facility = Decimal(row["facility"])
        expected_office = Decimal(row["non_facility"])
        # Where CMS marks a setting 'NA', its file repeats the other setting's amount there;
        # rvucalc says "not priced in this setting" instead, so compare with the other one.
        got_facility = pfs.facility.amount if pfs.facility.payable else pfs.non_facility.amount
        got_office = pfs.non_facility.amount if pfs.non_facility.payable else pfs.facility.amount
        if (got_facility, got_office, pfs.status) != (expected_facility, expected_office, row["status"]):
            mismatches.append((file_name, row["line"], row, got_office, got_facility))
    assert mismatches == []


@pytest.mark.parametrize(("file_name", "row"), ALL_ROWS[:: len(ALL_ROWS) // 25])
def test_na_settings_are_not_priced(pricer, file_name: str, row: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price(
        row["hcpcs"],
        modifier=row["modifier"] or None,
        locality=row["carrier"] + row["locality"],
        date_of_service=JANUARY_2025,
    )
    store_row = pricer.store(pricer.select(2025, JANUARY_2025)[0]).rvu(row["hcpcs"], row["modifier"])
    assert result.pfs.non_facility.payable is (store_row["nonfac_na"] != "NA")
    # An always-therapy code is paid the non-facility amount in a facility too (engine.pfs.facility_na)
    assert result.pfs.facility.payable is (not facility_na(store_row["fac_na"], store_row["mult_proc"]))


def _therapy_rows() -> list[tuple[str, list[str]]]:
    """The files' rows of multiple surgery indicator 5 (therapy), all fields."""
    rows = []
    for path in PAYMENT_FILES:
        with path.open(newline="", encoding="cp1252") as handle:
            rows += [(path.name, f) for f in csv.reader(handle) if not f[0].startswith("TRL-") and f[10] == "5"]
    return rows


THERAPY_ROWS = _therapy_rows()


@pytest.mark.parametrize(("file_name", "fields"), THERAPY_ROWS)
def test_later_therapy_units_are_cms_therapy_reduction_amount(pricer, file_name: str, fields: list[str]) -> None:  # type: ignore[no-untyped-def]
    """PF25PC layout, '50% Therapy Reduction Amount' (cols 77-86, non-institutional; 90-99, institutional): CMS's own
    cent amount of a later therapy service (97110 in Alabama: $20.79), which is what each later unit is paid."""
    result = pricer.price(fields[3], locality=fields[1] + fields[2], date_of_service=JANUARY_2025, units=2)
    assert result.pfs.non_facility.later_units == Decimal(fields[11]) == Decimal(fields[12])


@pytest.mark.parametrize(("file_name", "fields"), THERAPY_ROWS)
def test_hospital_therapy_is_paid_cms_institutional_amounts(pricer, file_name: str, fields: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Outpatient therapy in the hospital (POS 22; engine.hopd_therapy) is paid under the PFS: the first unit the
    non-facility fee, a later unit PF25PC's '50% Therapy Reduction Amount ... in an institutional setting' (cols
    90-99; 97110 in Alabama, PFAL25A: $26.83 + $20.79), in price and in batch alike."""
    import pyarrow as pa

    from rvucalc.batch.price import BatchPricer

    locality = fields[1] + fields[2]
    expected = Decimal(fields[5]) + Decimal(fields[12])
    [hopd] = pricer.price(fields[3], locality=locality, date_of_service=JANUARY_2025, units=2, setting="22").sites
    assert (hopd.setting, hopd.total, hopd.facility_payment, hopd.professional_payment) == (
        "hopd", expected, expected, None)  # fmt: skip
    table = pa.table({"code": [fields[3]], "modifier": ["GP"], "locality": [locality], "date": ["2025-01-15"],
                      "units": ["2"], "setting": ["22"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["hopd_allowed"])).quantize(Decimal("0.01")) == expected, row["note"]
    assert Decimal(str(row["allowed"])).quantize(Decimal("0.01")) == expected


def test_the_alabama_institutional_therapy_amount_is_in_the_oracle() -> None:
    """The anchor the test above reaches: PFAL25A's 97110, locality 10112-00 (rvucalc's 1011200)."""
    [fields] = [f for name, f in THERAPY_ROWS if name.startswith("PFAL25A") and f[3] == "97110"]
    assert (fields[1] + fields[2], fields[5], fields[11], fields[12]) == ("1011200", "0000026.83", "0000020.79",
                                                                          "0000020.79")  # fmt: skip
