"""The assignment notes of non-physician practitioners' lines (lookup.lines: NP/PA/CNS/CSW/psychologist, CRNA, CNM,
dietitian) are one note each: a row's notes are joined with "; ", and the behavioral health trial's priced5.csv showed
a psychologist's 96130 note "... no limiting charge; the patient owes ...", read as two notes by anyone splitting it."""

from __future__ import annotations

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup import lines
from rvucalc.lookup.pricer import Pricer

NOTES = ["MANDATORY_ASSIGNMENT_NOTE", "CRNA_ASSIGNMENT_NOTE", "CNM_ASSIGNMENT_NOTE", "DIETITIAN_ASSIGNMENT_NOTE"]


@pytest.mark.parametrize("name", NOTES)
def test_an_assignment_note_holds_no_note_separator(name: str) -> None:
    assert "; " not in getattr(lines, name), name


def test_a_psychologist_s_row_splits_into_whole_notes(pricer: Pricer) -> None:
    """The trial's E5003 96130 by a PhD: its row's notes, split on "; ", include the assignment note whole."""
    table = pa.table({"code": ["96130"], "zip": ["55404"], "date": ["2026-08-11"], "setting": ["11"],
                      "provider": ["PhD"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert lines.MANDATORY_ASSIGNMENT_NOTE in row["note"].split("; "), row["note"]
