"""An NPP's drug line does not get the NPPs' assignment note (lookup.lines._write_back): the note speaks of the PFS
amount (85%, the non-par amount of 95% of the fee schedule amount, the limiting charge), and a drug paid from the ASP
file is paid its limit x units whoever bills it, with no non-par amount (SSA §1842(o)(3)). A rheumatology trial: an
NP's J0897 line beside 96372 (Columbus, OH, 2026-03-10) said "A non-participating one is still paid the non-par
amount, 95% of the fee schedule amount". The PFS line beside it keeps the note."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup import lines
from rvucalc.lookup.pricer import Pricer

ASP_FILE = Path("/work/shared/cms/2026/asp_2026q1/section 508 version of January 2026 Medicare Part B Payment Limit "
                "File 121725.csv")  # fmt: skip


def _asp_limit(code: str) -> Decimal:
    """CMS's payment limit per billing unit (the header on line 9)."""
    with ASP_FILE.open(encoding="latin-1", newline="") as handle:
        for row in csv.reader(handle):
            if row and row[0] == code:
                return Decimal(row[3])
    raise AssertionError(code)


def _expected(units: int) -> Decimal:
    return (_asp_limit("J0897") * units).quantize(Decimal("0.01"), ROUND_HALF_UP)  # 29.457 x 60 = 1767.42


def test_price_an_nps_drug_line_has_no_pfs_assignment_note(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["96372", "J0897"], zip_code="43220", date_of_service="2026-03-10",
                                       provider="np", units=[1, 60])  # fmt: skip
    injection, drug = encounter.lines
    assert lines.MANDATORY_ASSIGNMENT_NOTE in injection.notes
    assert lines.MANDATORY_ASSIGNMENT_NOTE not in drug.notes
    assert drug.drug is not None and drug.drug.amount == _expected(60)


def test_batch_an_nps_drug_row_has_no_pfs_assignment_note(pricer: Pricer) -> None:
    table = pa.table({"claim": ["RA26-2004"] * 2, "code": ["96372", "J0897"], "zip": ["43220"] * 2,
                      "date": ["2026-03-10"] * 2, "setting": ["11"] * 2, "units": ["1", "60"],
                      "provider": ["NP"] * 2})  # fmt: skip
    injection, drug = BatchPricer(pricer).price_table(table).to_pylist()
    assert lines.MANDATORY_ASSIGNMENT_NOTE in injection["note"].split("; ")
    assert lines.MANDATORY_ASSIGNMENT_NOTE not in drug["note"]
    assert Decimal(str(drug["allowed"])) == _expected(60)
