"""Surgical pathology beside Mohs surgery on one practitioner's claim and date: the Mohs codes (17311-17315) include
the surgeon's pathology of their specimens (CPT's descriptors), which NCCI's edit pairs enforce, so 88305 (88300-88309,
88331, 88332) there is paid only for a separate specimen, shown with 59 or an X modifier
(``engine.add_ons.mohs_pathology_notes``). A dermatology trial (Charlotte, ZIP 28204, August 2026): `rvucalc price
17311 88305` read only 88305's facility fee. The note, in price and batch alike; with 59 or XS, or beside no Mohs
line, none; the amount stays 88305's, CMS's RVU26C row x the locality's GPCIs x the CF."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyarrow as pa

from cms_fees import fee_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.add_ons import mohs_pathology_notes
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE, LOCALITY = "28204", "2026-08-03", "1150200"  # Charlotte: NORTH CAROLINA
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}


def _cms_office(code: str) -> Decimal:
    return fee_2026(code, LOCALITY)


def test_88305_beside_mohs_without_59_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    said = mohs_pathology_notes([("17311", ()), ("88305", ())])
    assert said[0] is None and said[1] and "17311" in said[1] and "59 or XS" in said[1] and "; " not in said[1]
    assert mohs_pathology_notes([("17313", ()), ("88305", ("XS",))]) == [None, None]
    assert mohs_pathology_notes([("11102", ()), ("88305", ())]) == [None, None]
    encounter = pricer.price_encounter(["17311", "88305"], **WHERE)
    assert said[1] in encounter.lines[1].notes and said[1] not in encounter.lines[0].notes
    assert encounter.lines[1].pfs.non_facility.amount == _cms_office("88305")
    rows = [{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "11", "units": 1}
            for claim, code in (("A", "17311"), ("A", "88305"), ("B", "17313"), ("B", "88305-59"),
                                ("C", "11102"), ("C", "88305"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [said[1] in str(row["note"] or "").split("; ") for row in out] == [False, True] + [False] * 4
    assert not any("Mohs surgery (" in str(row["note"] or "") for row in out[2:])
    assert Decimal(str(out[1]["allowed"])) == _cms_office("88305")
