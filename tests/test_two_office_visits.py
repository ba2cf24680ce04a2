"""Two office/outpatient visits of one practitioner on one claim and date (``engine.visits.two_office_visits_notes``):
Medicare pays the second only for unrelated problems that could not be seen in the same encounter (Claims Processing
Manual ch. 12 §30.6.7.B), which the records show: a note on each visit, the amounts as billed, in ``rvucalc price``
(several codes) and ``rvucalc batch`` (a claim on one date, one practitioner's lines) alike. An urgent care trial's
NP 99204 and 99213 on one Phoenix claim (POS 20, 2026-08-05) were both paid in full and said nothing."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer

ZIP = "85004"  # ZIP5_APR2026: carrier 03102, locality 00 (ARIZONA)
DATE = "2026-08-05"
# PPRRVU2026_Jul_nonQPP.csv (RVU26C), CF 33.4009:
#   99204,,Office o/p new mod 45 min,A,,2.60,2.47,,0.66,,0.24,...
#   99213,,Office o/p est low 20 min,A,,1.30,1.46,,0.33,,0.09,...
# localities2026-01-01-2026.csv: 2026,1.000,0.969,0.856,0310200,ARIZONA,...
# 99204: (2.60 x 1.000 + 2.47 x 0.969 + 0.24 x 0.856) x 33.4009 = 5.19887 x 33.4009 = $173.65; an NP's 85%: $147.60
# 99213: (1.30 x 1.000 + 1.46 x 0.969 + 0.09 x 0.856) x 33.4009 = 2.79178 x 33.4009 = $93.25; an NP's 85%: $79.26
NP_99204 = Decimal("147.60")
NP_99213 = Decimal("79.26")


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rows(pricer: Pricer, lines: list[tuple[str, str, str]]) -> list[dict]:
    """Batch rows of (claim, code, provider credential) lines at POS 20 on DATE."""
    table = pa.Table.from_pylist([{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "20",
                                   "provider": who} for claim, code, who in lines])  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_two_office_visits_of_one_practitioner_are_noted_and_paid_as_billed(pricer: Pricer) -> None:
    rows = _rows(pricer, [("V1", "99204", "NP"), ("V1", "99213", "NP"),
                          ("V2", "99213", "NP"), ("V2", "99213", "MD"),  # two practitioners: one visit each
                          ("V3", "99213", "NP"), ("V3", "96372", "NP")])  # fmt: skip
    assert [Decimal(str(row["allowed"])) for row in rows[:2]] == [NP_99204, NP_99213]
    assert visits.TWO_OFFICE_VISITS_NOTE in rows[0]["note"] and visits.TWO_OFFICE_VISITS_NOTE in rows[1]["note"]
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in row["note"] for row in rows[2:])
    assert Decimal(str(rows[2]["allowed"])) == NP_99213
    lines = pricer.price_encounter(["99204", "99213"], zip_code=ZIP, date_of_service=DATE, setting="20",
                                   provider="np").lines  # fmt: skip
    assert all(visits.TWO_OFFICE_VISITS_NOTE in line.notes for line in lines)
    amounts = [line.pfs.non_facility.amount for line in lines if line.pfs.non_facility is not None]
    assert amounts == [NP_99204, NP_99213]
    one = pricer.price_encounter(["99213", "96372"], zip_code=ZIP, date_of_service=DATE, setting="20").lines
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in one)


def test_two_office_visits_notes() -> None:
    notes = visits.two_office_visits_notes
    note = visits.TWO_OFFICE_VISITS_NOTE
    assert notes(["99204", "99213"]) == [note, note]
    assert notes(["99213", "G2211", "99214"]) == [note, None, note]
    assert notes(["99213", "99232"]) == [None, None]  # the hospital visit's own note: OFFICE_BESIDE_HOSPITAL_NOTE
    assert notes(["99213"]) == [None]


def test_the_note_is_one_note_in_batch_s_note_column() -> None:
    """Batch joins a row's notes with '; ': a note with '; ' inside reads as two (test_notes_without_semicolons)."""
    assert "; " not in visits.TWO_OFFICE_VISITS_NOTE
