"""batch.claims._note_shapes asks the skin biopsy, lesion count, Mohs pathology and needle EMG notes once per shape of
an encounter's code cells (399b3d44). A review's differential: claims of the same codes that differ in their modifiers
(a 59 or XS, in the code cell or the modifier column, 26, LT and RT) or units (11103 x 1 or x 2, 17003 x 13 or x 14),
in one file, get each claim's own notes, as ``price_encounter`` gives them line by line."""

from __future__ import annotations

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import add_ons, nerve_conduction
from rvucalc.lookup.pricer import Pricer

ZIP, DATE = "60614", "2026-08-11"
Line = tuple[str, tuple[str, ...], int, bool]

# Per claim, its lines: (code, modifiers, units, the modifiers written in the modifier column, not the code cell)
CLAIMS: list[list[Line]] = [
    [("17311", (), 1, False), ("88305", ("26",), 1, False)],  # the pathology note
    [("17311", (), 1, False), ("88305", ("59",), 1, False)],  # a separate specimen: none
    [("17311", (), 1, False), ("88305", ("59",), 1, True)],
    [("17311", (), 1, False), ("88305", ("26", "XS"), 1, True)],
    [("17311", (), 1, False), ("88305", (), 1, False)],
    [("11102", (), 1, False), ("11103", (), 2, False)],
    [("11102", (), 1, False), ("11103", (), 1, False)],
    [("11102", ("59",), 1, False), ("11102", (), 1, False)],  # the second first-biopsy code's note
    [("11102", (), 1, False), ("11102", ("59",), 1, True)],
    [("11104", ("LT",), 1, False), ("11102", ("RT",), 1, False)],
    [("17000", (), 1, False), ("17003", (), 13, False)],
    [("17000", (), 1, False), ("17003", (), 14, False)],
    [("95886", (), 1, False), ("95910", (), 1, False)],
    [("95861", (), 1, False), ("95910", (), 1, False)],  # the stand-alone EMG's note
    [("95861", ("26",), 1, True), ("95910", ("26",), 1, False)],
]


def _expected(claim: list[Line]) -> list[set[str]]:
    codes = [code for code, *_ in claim]
    said = zip(
        add_ons.first_biopsy_notes(codes),
        add_ons.lesion_count_notes(codes),
        nerve_conduction.encounter_notes([(code, modifiers) for code, modifiers, *_ in claim]),
        add_ons.mohs_pathology_notes([(code, modifiers) for code, modifiers, *_ in claim]),
        strict=True,
    )
    return [{note for note in notes if note} for notes in said]


def test_claims_of_one_codes_shape_get_their_own_notes_in_batch_as_in_price(pricer: Pricer) -> None:
    rows = []
    for n, claim in enumerate(CLAIMS):
        for code, modifiers, units, in_column in claim:
            rows.append(
                {
                    "claim": f"C{n}",
                    "code": code if in_column else "-".join((code, *modifiers)),
                    "modifier": ",".join(modifiers) if in_column else "",
                    "units": str(units),
                    "zip": ZIP,
                    "date": DATE,
                    "setting": "11",
                }
            )
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    family = {note for claim in CLAIMS for notes in _expected(claim) for note in notes}
    assert len(family) >= 4  # the pathology, first biopsy, add-on's and EMG's notes among them
    for n, claim in enumerate(CLAIMS):
        encounter = pricer.price_encounter(
            ["-".join((code, *modifiers)) for code, modifiers, *_ in claim],
            zip_code=ZIP,
            date_of_service=DATE,
            setting="11",
            units=[units for _, _, units, _ in claim],
        )
        for line, (row, priced, expected) in enumerate(
            zip(out[2 * n : 2 * n + 2], encounter.lines, _expected(claim), strict=True)
        ):
            said = (row["note"] or "").split("; ")
            assert {note for note in said if note in family} == expected, (claim, line, row["note"])
            assert {note for note in priced.notes if note in family} == expected, (claim, line, priced.notes)
            assert all(said.count(note) == 1 for note in expected), (claim, line)
