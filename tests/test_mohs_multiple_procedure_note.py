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


def test_mohs_note_only_in_the_setting_that_cut_it(pricer: Pricer) -> None:
    """A review: 17311 beside 11646 ranks first in the office (RVU26C: 17311's non-facility total above 11646's) and
    second at a facility (its facility total below 11646's). The office line is paid in full, so neither price
    --setting office nor batch's POS 11 row may say "this line ... is paid 50%"; the facility's (POS 22) says it."""
    if RVU26C.exists():
        with RVU26C.open(newline="", encoding="latin-1") as handle:
            total = {row[0]: (float(row[11]), float(row[12])) for row in csv.reader(handle) if row and not row[1]
                     and row[0] in ("17311", "11646")}  # fmt: skip
        assert total["17311"][0] > total["11646"][0] and total["17311"][1] < total["11646"][1], total
    date = {"zip_code": "10001", "date_of_service": "2026-08-01"}
    office = pricer.price_encounter(["17311", "11646"], setting="office", **date).lines[0]
    assert not office.pfs.non_facility.adjustments and MOHS_NOTE not in office.notes
    hospital = pricer.price_encounter(["17311", "11646"], setting="hopd", **date).lines[0]
    assert any("ranked 2 of 2" in step.rule for step in hospital.pfs.facility.adjustments)
    assert MOHS_NOTE in hospital.notes
    rows = [{"code": code, "zip": "10001", "date": "2026-08-01", "setting": pos, "claim": pos}
            for pos in ("11", "22") for code in ("17311", "11646")]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[0]["allowed"] == out[0]["pfs_non_facility_amount"], out[0]  # paid in full in the office
    assert [MOHS_NOTE in str(row["note"]) + str(row["comparison_note"]) for row in out] == [False, False, True, False]
