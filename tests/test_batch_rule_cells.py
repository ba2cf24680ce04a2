"""Batch's rule lines are prepared from each code cell's own parse (``lookup.lines.prepare``'s ``parsed``: the cell's
``parse_line`` answer, kept by ``batch.lines._parse_code``), not by parsing its texts again: the same line, notes,
amounts and errors as the single lookup's ``prepare`` of the texts (seeded cells of the release's codes)."""

from __future__ import annotations

import random
from typing import Any

import pytest

from rvucalc.batch.lines import _parse_code
from rvucalc.errors import RvucalcError
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup.pricer import Pricer

SEED = 20260531
# Modifier cells as claim files write them (the code cell's '-MOD' or a cell of its own, separated every way), the
# practitioners whose lines carry or add a modifier (a csw's AJ), and an ambulance line's origin/destination pair.
MODIFIER_CELLS = ["", "50", "80", "26", "TC", "51", "62", "82", "25 59", "GP,59", "LT/RT", "AS", "N/A", "QK", "QZ"]
PROVIDERS = ["physician", "np", "pa", "csw", "therapist", "chiropractor"]


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _outcome(store: Any, text: str, modifier_text: str, provider: str, parsed: Any) -> Any:
    """What ``prepare`` then ``apply_rules`` make of a line alone, or its error (kind and text)."""
    try:
        item = line_rules.prepare(
            store, text, modifier_text or None, locality=None, gpci=(10000, 10000, 10000), cf=None,
            cf_kind="non_qp", qp=False, provider=provider, anesthesia=line_rules.AnesthesiaInput(), parsed=parsed,
        )  # fmt: skip
        line_rules.apply_rules([item])
    except RvucalcError as exc:
        return type(exc).__name__, exc.kind, str(exc)
    return (item.code, item.modifiers, item.notes, item.refusals, item.echoed, item.pfs.model_dump(),
            None if item.component is None else item.component.model_dump())  # fmt: skip


def test_a_cells_parse_prepares_the_line_its_texts_prepare(pricer: Pricer) -> None:
    rng = random.Random(SEED)
    for release in pricer.catalogue.releases("pfs"):
        store = pricer.store(release)
        codes = sorted(set(store.columns("rvu", ["hcpcs"])["hcpcs"]))
        cells = [(rng.choice(codes), rng.choice(MODIFIER_CELLS), rng.choice(PROVIDERS)) for _ in range(150)]
        cells += [("A0425", "RH", "physician"), ("A0425-RH", "", "physician"), ("99213-25", "", "csw")]
        for code, modifier_cell, provider in cells:
            for text, modifier_text in ((f"{code}-{modifier_cell}" if modifier_cell else code, ""),
                                        (code, modifier_cell)):  # fmt: skip
                cell = _parse_code(text, modifier_text, provider)
                if cell.error:  # batch prepares no cell its parse refused (its error is the cell's)
                    continue
                expected = _outcome(store, text, modifier_text, provider, None)
                assert _outcome(store, text, modifier_text, provider, (cell.code, cell.written)) == expected, (
                    release.release, text, modifier_text, provider)  # fmt: skip
