"""PO or PN on a code the OPPS pays no rate of its own (Addendum B's SI A: 97110, a therapy code the hospital is paid
from the PFS; SI B: 99213, the physician's visit code, the hospital's G0463): the line says PO or PN has no OPPS rate to
change (engine.modifiers.no_opps_rate_note), not the generic "Modifier PO does not change the PFS amount: it changes
the hospital's (OPPS) rate", in price and batch alike and in every setting (the code's status, not the site's). A
trial's 97110-PO-GP at an off-campus department (POS 19, Boston) read the generic note beside "the hospital is paid
under the PFS, not the OPPS".

CMS's figures: the October 2025 Addendum B rows' status indicators, read from the shipped file."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer, Scenario
from rvucalc.engine.facility_meanings import OPPS_NOT_PAID
from rvucalc.lookup.pricer import Pricer

ADDENDUM_B = (Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
              / "508 version of October 2025 Web Addendum B.10.31.25.csv")  # fmt: skip
DAY = "2025-11-07"
BOSTON = "02114"
GENERIC = "Modifier {} does not change the PFS amount: it changes the hospital's (OPPS) rate."


def _status_indicator(code: str) -> str:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)[2].strip()


def _said(notes: list[str], modifier: str, code: str) -> list[str]:
    si = _status_indicator(code)
    return [note for note in notes if note.startswith(f"Modifier {modifier} ") and f"(SI {si})" in note
            and "no rate of its own" in note]  # fmt: skip


LINES = [("97110", "PO-GP"), ("97110", "PN-GP"), ("99213", "PO")]


@pytest.mark.parametrize(("code", "modifiers"), LINES)
@pytest.mark.parametrize("setting", ["19", "11", None])
def test_price_says_po_or_pn_has_no_opps_rate_to_change(
    pricer: Pricer, code: str, modifiers: str, setting: str | None
) -> None:  # fmt: skip
    assert _status_indicator(code) in OPPS_NOT_PAID
    modifier = modifiers.split("-")[0]
    result = pricer.price(f"{code}-{modifiers}", zip_code=BOSTON, date_of_service=DAY, setting=setting)
    assert result.opps.status_indicator == _status_indicator(code) and result.opps.rate is None
    assert GENERIC.format(modifier) not in result.notes
    assert len(_said(result.notes, modifier, code)) == 1


@pytest.mark.parametrize(("code", "modifiers"), LINES)
@pytest.mark.parametrize("setting", ["19", "11", ""])
def test_batch_says_it_as_price_does(pricer: Pricer, code: str, modifiers: str, setting: str) -> None:
    modifier = modifiers.split("-")[0]
    table = pa.table({"code": [code], "modifier": [modifiers.replace("-", " ")], "zip": [BOSTON], "date": [DAY],
                      "setting": [setting]})  # fmt: skip
    out = BatchPricer(pricer, Scenario.parse()).price_table(table).to_pylist()[0]
    notes = out["note"].split("; ")
    single = pricer.price(f"{code}-{modifiers}", zip_code=BOSTON, date_of_service=DAY, setting=setting or None)
    assert GENERIC.format(modifier) not in notes
    assert _said(notes, modifier, code) == _said(single.notes, modifier, code) != []


def test_a_line_the_opps_pays_keeps_the_generic_note(pricer: Pricer) -> None:
    """G0463-PO is cut to 40% of its OPPS rate (SI J2, paid): the generic note holds."""
    assert _status_indicator("G0463") not in OPPS_NOT_PAID
    single = pricer.price("G0463-PO", zip_code=BOSTON, date_of_service=DAY, setting="19")
    assert GENERIC.format("PO") in single.notes
    assert not any("no rate of its own" in note for note in single.notes)
