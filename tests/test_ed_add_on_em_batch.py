"""Batch's mirror of ``engine.visits.package_modifiers`` (``batch.claims._em_in_global``): an emergency medicine
trial's claim C1003, 99291-25 + 99292 x 2 + 31500 + 92950 + 71046-26 at POS 23, had its 99292 row told the global
surgery package "this visit has none of 25, 57 or FT": the add-on follows its primary's 25 (Claims Processing Manual
ch. 12 §30.6.12), as `rvucalc price` of the same lines."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer

PACKAGE = "Global surgery package"


def _claim(pricer: Pricer, first: str) -> list[dict[str, Any]]:
    lines = [(first, "1"), ("99292", "2"), ("31500", "1"), ("92950", "1"), ("71046-26", "1")]
    table = pa.table({
        "claim": ["C1003"] * len(lines), "code": [code for code, _ in lines], "units": [units for _, units in lines],
        "date": ["2026-03-03"] * len(lines), "setting": ["23"] * len(lines), "zip": ["43215"] * len(lines),
    })  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def _said(pricer: Pricer, codes: list[str]) -> list[bool]:
    encounter = pricer.price_encounter(codes, zip_code="43215", setting="hopd", date_of_service="2026-03-03")
    return [any(note.startswith(PACKAGE) for note in line.notes) for line in encounter.lines]


def test_99292_beside_99291_25_has_no_package_note_in_batch_as_in_price(pricer: Pricer) -> None:
    rows = _claim(pricer, "99291-25")
    assert [PACKAGE in (row["note"] or "") for row in rows] == [False] * 5
    assert _said(pricer, ["99291-25", "99292", "31500", "92950", "71046-26"]) == [False] * 5


def test_a_bare_99291_and_its_99292_are_both_noted_in_batch_as_in_price(pricer: Pricer) -> None:
    rows = _claim(pricer, "99291")
    assert [PACKAGE in (row["note"] or "") for row in rows] == [True, True, False, False, False]
    assert _said(pricer, ["99291", "99292", "31500", "92950", "71046-26"]) == [True, True, False, False, False]
    assert "surgeon" not in rows[1]["note"]
