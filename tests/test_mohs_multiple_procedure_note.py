"""Mohs 17311/17313 are ranked and cut under the multiple procedure rule (RVU files: indicator 2), as the CY2008 PFS
final rule made them; their lines say so, in price and batch alike (lookup.lines.MOHS_NOTE)."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.lines import MOHS_NOTE
from rvucalc.lookup.pricer import Pricer

RVU26C = Path("/work/shared/cms/2026/PPRRVU2026_Jul_nonQPP.csv")


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def test_mohs_line_says_it_is_not_exempt_in_price_and_batch(pricer: Pricer) -> None:
    """A dermatology trial: `price 17311 17312 14040 --zip 85006 --date 2026-08-03` cut 17311 50% without a word."""
    if RVU26C.exists():
        with RVU26C.open(newline="", encoding="latin-1") as handle:
            mult = {row[0]: row[18] for row in csv.reader(handle) if row and not row[1]}
        assert mult["17311"] == mult["17313"] == "2" and mult["17312"] == "0"
    result = pricer.price_encounter(["17311", "17312", "14040"], zip_code="85006", date_of_service="2026-08-03")
    mohs, addon, flap = result.lines
    assert any("ranked 2 of 2" in step.rule for step in mohs.pfs.non_facility.adjustments)
    assert MOHS_NOTE in mohs.notes and MOHS_NOTE not in addon.notes and MOHS_NOTE not in flap.notes
    rows = [
        {"code": code, "zip": "85006", "date": "2026-08-03", "claim": "c1"}
        for code in ("17311", "17312", "14040", "17313")
    ]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert [MOHS_NOTE in str(row["note"]) for row in out] == [True, False, False, True]


def test_mohs_line_the_rule_did_not_cut_has_no_note(pricer: Pricer) -> None:
    """A review: every 17311 line read the note, alone, beside its add-on 17312 alone (not ranked: indicator 0 in
    RVU26C) and as the highest-paid line, where nothing of it is cut. Price and batch alike: only a cut line says it."""
    if RVU26C.exists():
        with RVU26C.open(newline="", encoding="latin-1") as handle:
            mult = {row[0]: row[18] for row in csv.reader(handle) if row and not row[1]}
        assert mult["17312"] == "0" and mult["11102"] == "2"
    encounters = (["17311"], ["17311", "17312"], ["17311", "11102"])
    rows = []
    for number, codes in enumerate(encounters):
        result = pricer.price_encounter(codes, zip_code="85006", date_of_service="2026-08-03")
        mohs = result.lines[0]
        assert not any("ranked" in step.rule for step in mohs.pfs.non_facility.adjustments)
        assert all(MOHS_NOTE not in line.notes for line in result.lines)
        rows += [{"code": code, "zip": "85006", "date": "2026-08-03", "claim": f"c{number}"} for code in codes]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert len(out) == 5 and not any(MOHS_NOTE in str(row["note"]) for row in out)
