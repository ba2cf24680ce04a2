"""G2061-G2063 (a qualified nonphysician healthcare professional's online assessment, 5-10, 11-20, 21 or more minutes
in 7 days) were CMS's codes for 2020; from 2021 the service is CPT's 98970-98972, which RVU25A and RVU26C price (status
A) and neither lists the G codes. A telehealth practice's trial: an LCSW's G2062 in 2026 was offered "G2067, G2068,
G2069" (opioid treatment program codes). Each G code names its CPT code now (engine.pfs.LATER_DELETIONS), in price and
batch alike, kind unknown_code, and the CPT code named is priced at CMS's own amount."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.errors import ErrorKind, NotFoundError
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, LOCALITY, DATE = "82001", "0360221", "2026-08-05"  # Cheyenne: WYOMING
CODES = {"G2061": "98970", "G2062": "98971", "G2063": "98972"}


def _office_fee(code: str) -> Decimal:
    """CMS's 2026 (July) non-facility amount at the locality, from the RVU26C and 2026 GPCI files, rounded half-up."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == LOCALITY)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_g2061_to_g2063_name_their_cpt_e_visit_codes_in_price_and_batch(pricer: Pricer) -> None:
    rows = [{"claim": f"E{n}", "code": code, "zip": ZIP, "date": DATE, "setting": "11"} for n, code in enumerate(CODES)]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for (code, cpt), row in zip(CODES.items(), out, strict=True):
        with pytest.raises(NotFoundError) as caught:
            pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting="11")
        said = str(caught.value)
        assert caught.value.kind is ErrorKind.UNKNOWN_CODE
        assert "deleted from HCPCS for 2021" in said and f"CPT's {cpt}, which Medicare pays" in said, said
        assert "Did you mean" not in said, said
        assert row["error"] == said and row["error_kind"] == "unknown_code", row
        priced = pricer.price(cpt, zip_code=ZIP, date_of_service=DATE, setting="11")
        assert Decimal(str(priced.sites[0].allowed)) == _office_fee(cpt), (cpt, priced.sites)
