"""A claim's date's chemistry panel tests, which the MAC prices together (``engine.schedules.chemistry_panel_note``):
the same note on its lines as ``rvucalc price A B C`` gives them (``lookup.lines.apply_rules``), the amounts unchanged.

On arrays: each row's code is a bit of ``CHEMISTRY_CODES`` (once per code cell), an encounter's bits are OR-ed
together, and the note is worked out once per distinct set of codes, not per row or per encounter."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rvucalc.engine.schedules import CHEMISTRY_CODES, DRUG_TEST_CODES_BY_KIND, chemistry_panel_note, drug_test_note

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.encounter_arrays import ArrayChanges
    from rvucalc.batch.lines import Lines

_BIT = {code: 1 << number for number, code in enumerate(CHEMISTRY_CODES)}
# Each drug test kind a family of its own: its note on its own lines (engine.schedules.DRUG_TEST_CODES_BY_KIND)
_DRUG_TEST_BITS = [{code: 1 << number for number, code in enumerate(kind)} for kind in DRUG_TEST_CODES_BY_KIND]


def chemistry_panel_notes(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: ArrayChanges
) -> None:
    """Note the chemistry panel lines of the claims' encounters (``keys`` >= 0: rows a claim groups; ``encounter``:
    each row's encounter number), after the visits' encounter notes (as the single lookup); then the drug test lines
    (``engine.schedules.drug_test_note``) the same way."""
    _encounter_notes(lines, rows, encounter, keys, changes, ("chemistry code", _BIT, chemistry_panel_note))
    for number, bits in enumerate(_DRUG_TEST_BITS):
        _encounter_notes(lines, rows, encounter, keys, changes, (f"drug test code {number}", bits, drug_test_note))


def _encounter_notes(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: ArrayChanges,
    family: tuple[str, dict[str, int], Callable[[Iterable[str]], str | None]],
) -> None:  # fmt: skip
    import numpy as np

    name, code_bits, note_of = family
    # Which code cells are the family's codes is a flag of the run's cells (each tested once a run); their bits are
    # read for the partition's few such cells alone (a look-up per code cell cost ~0.1 s at 1M lines).
    chemistry = np.flatnonzero(lines.flag(name, lambda cell: cell.code in code_bits))
    bits = np.zeros(len(lines.codes), dtype=np.int64)
    bits[chemistry] = [code_bits[lines.codes[c].code] for c in chemistry.tolist()]
    mine = (keys >= 0) & (bits[lines.code[rows]] != 0)
    if np.count_nonzero(mine) < 2:
        return
    at, bit, group = rows[mine], bits[lines.code[rows[mine]]], encounter[mine]
    order = np.argsort(group, kind="stable")
    starts = np.flatnonzero(np.r_[True, group[order][1:] != group[order][:-1]])
    masks = np.bitwise_or.reduceat(bit[order], starts)  # per encounter (of these rows): its codes
    of_row = np.empty(len(at), dtype=np.int64)
    of_row[order] = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(order)]))
    distinct, which = np.unique(masks, return_inverse=True)
    texts = [note_of(code for code, flag in code_bits.items() if int(mask) & flag) or "" for mask in distinct.tolist()]
    text_of_row = which.reshape(-1)[of_row]
    said = np.array([bool(text) for text in texts], dtype=bool)[text_of_row]
    changes.note(at[said], texts, text_of_row[said])
