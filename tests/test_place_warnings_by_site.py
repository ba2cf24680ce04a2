"""A place's wage-index warning on a batch row whose site applies no wage index.

A trial: an office line (POS 11) in Puerto Rico (ZIP 00601, county 72001, rural: CBSA 40) had a note opening with
"CY2025 ASC wage index (WI25) lists rural Puerto Rico ... 5 times ... so facility rates are national", which does
not touch an office amount (the PFS is adjusted by the GPCIs, not a wage index). It is about the row's hopd_* and
asc_* comparison columns (filled on every row): on a row set elsewhere than the hospital or the ASC it says so, as
the encounter's OPPS and ASC notes there do; at the hospital or the ASC, or with no setting, it is as the single
lookup gives it."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import FACILITY_COMPARISON_ONLY, BatchPricer
from rvucalc.lookup.pricer import Pricer

CMS_WAGE_INDEX_2025 = Path(__file__).parent.parent / "data" / "opps" / "2025" / "asc_wage_index_2025.txt"
DAY = {"zip_code": "00601", "date_of_service": "2025-08-03"}


def test_an_office_rows_wage_index_warning_is_labelled_the_facility_comparisons(pricer: Pricer) -> None:
    with CMS_WAGE_INDEX_2025.open(newline="", encoding="latin-1") as handle:
        puerto_rico = [row["WI25"] for row in csv.DictReader(handle, delimiter="\t") if row["CBSA"] == "40"]
    assert len(puerto_rico) == 5 and len(set(puerto_rico)) == 5  # CMS's file: rural Puerto Rico, 5 wage indexes
    (warning,) = [text for text in pricer.price("11400", **DAY).warnings if "different wage indexes" in text]  # type: ignore[arg-type]
    assert "5 times" in warning and all(value in warning for value in puerto_rico)
    settings = ["11", "21", "22", "24", ""]
    rows = {"code": ["11400"] * len(settings), "date": [DAY["date_of_service"]] * len(settings),
            "zip": [DAY["zip_code"]] * len(settings), "setting": settings}  # fmt: skip
    office, inpatient, hospital, asc, blank = BatchPricer(pricer).price_table(pa.table(rows)).to_pylist()
    labelled = FACILITY_COMPARISON_ONLY + warning
    for row in (office, inpatient):  # (the warning has a '; ' of its own: the note is not split)
        # the hopd_*/asc_* comparison's alone: its comparison_note, not the row's own note
        # (after it, the OPPS quarter not installed for the date: the hopd_* comparison's too)
        assert row["comparison_note"].startswith(labelled) and warning not in row["note"], row["note"]
    for row in (hospital, asc, blank):
        assert warning in row["note"] and FACILITY_COMPARISON_ONLY not in row["note"], row["note"]
    # The asc_* comparison is the same national rate at every site (no wage index chosen), the office's amount its own.
    assert office["asc_rate"] == asc["asc_rate"] == blank["asc_rate"]
    assert office["allowed"] == office["office_allowed"]
