"""A JW line (a single-dose container's discarded amount) whose drug has no line of the dose administered on its claim
and date (``engine.duplicates.lone_discard_notes``): CMS pays the discarded amount beside the dose given, each on its
own line (Claims Processing Manual ch. 17 §40). An oncology trial's claim of 96413, 96417, J9271-JZ x 200 and
J9299-JW x 20 with no J9299 line said nothing of the missing administered line. Now the JW line is noted, in price and
in a batch claim alike; the amounts stay the ASP payment limits of CMS's January 2026 file."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from rvucalc.engine.duplicates import lone_discard_note, lone_discard_notes
from rvucalc.lookup.pricer import Pricer
from test_add_ons_without_primary import _money, encounters_both_ways

ZIP, DATE = "77030", "2026-03-10"  # HOUSTON, TX; the January 2026 ASP quarter in force
DATA = Path(__file__).resolve().parents[1] / "data"
ASP = DATA / "asp/2026/section 508 version of January 2026 Medicare Part B Payment Limit File 121725.csv"

CLAIMS = [
    # the trial's claim: no J9299 line of the dose given
    (["96413", "96417", "J9271-JZ", "J9299-JW"], [False, False, False, True]),
    # a biosimilar's discarded amount beside its reference product's line is no administered line of it
    (["96413", "J9035", "Q5107-JW"], [False, False, True]),
    # with the administered line: no note
    (["96413", "J9299", "J9299-JW"], [False, False, False]),
    (["J9299-JW", "96413", "J9299"], [False, False, False]),
    # a JZ line beside the JW line has its own note (the two contradict each other), not this one
    (["96413", "J9299-JZ", "J9299-JW"], [False, False, False]),
    # a line alone (price J9299-JW): what the discarded amount is worth, no encounter to look in
    (["J9299-JW"], [False]),
    # a 2026 skin substitute is no drug: JW is $0.00 there, by its own rule
    (["15275", "Q4186-JW"], [False, False]),
]


def _limit(code: str) -> Decimal:
    """CMS's payment limit for one billing unit of ``code`` (the January 2026 ASP file), rounded once to the cent."""
    with ASP.open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r and r[0] == code)
    return Decimal(row[3]).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_jw_line_without_its_administered_line_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    for codes, code, line, row, expected in encounters_both_ways(pricer, CLAIMS, ZIP, DATE, setting="11"):
        bare = code.split("-")[0]
        note = lone_discard_note(bare)
        assert (note in line.notes) is expected, (codes, code, line.notes)
        assert (note in (row["note"] or "").split("; ")) is expected, (codes, code, row["note"])
        if bare in ("J9299", "J9271", "J9035", "Q5107"):
            # the amount is CMS's payment limit, unchanged by the note
            assert _money(row["drug_amount"]) == line.drug.amount == _limit(bare), (codes, code)


def test_the_note_names_the_drug_and_the_rule() -> None:
    note = lone_discard_note("J9299")
    assert "J9299" in note and "ch. 17 §40" in note and "; " not in note, note
    assert lone_discard_notes([("96413", ()), ("J9299", ("JW",))]) == [None, note]
    assert lone_discard_notes([("Q4186", ("JW",)), ("15275", ())], year=2026) == [None, None]
