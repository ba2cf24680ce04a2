"""``engine.guidance`` on whole columns: a guidance line (77002, 77003, 77012, 76937 ...) in an encounter with a
procedure whose descriptor includes its imaging guidance says so (the amounts unchanged), as ``rvucalc price`` does."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.lines import Lines


def guidance_notes(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.guidance.encounter_notes`` per encounter: ``rows`` (the claims' good rows, ascending) and their
    encounters (one practitioner's lines of a claim and date, a line alone its own). The codes are tested once per
    cell; only the encounters with both kinds of line are read row by row, to name their procedures in order."""
    import numpy as np

    from rvucalc.engine import guidance

    if not rows.size:
        return
    cells = lines.code[rows]
    noted = lines.flag("imaging guidance", lambda cell: cell.code in guidance.GUIDANCE)[cells]
    if not noted.any():
        return
    including = lines.flag("guidance noted beside", lambda cell: cell.code in guidance.NOTED_PROCEDURES)[cells]
    count = int(encounter.max()) + 1
    both = np.bincount(encounter[noted], minlength=count) > 0
    both &= np.bincount(encounter[including], minlength=count) > 0
    at = np.flatnonzero(noted & both[encounter])
    if not at.size:
        return
    named: dict[int, list[str]] = {}
    for i in np.flatnonzero(including & both[encounter]).tolist():
        found = named.setdefault(int(encounter[i]), [])
        code = lines.codes[int(cells[i])].code
        if code not in found:
            found.append(code)
    noted_at, texts = [], []
    for i in at.tolist():
        cell = lines.codes[int(cells[i])]
        said = guidance.guidance_line_note(cell.code, named[int(encounter[i])], cell.modifiers)
        if said:
            noted_at.append(i)
            texts.append(said)
    if texts:
        lines.add_note("claim", rows[np.array(noted_at, dtype=np.int64)], lines.texts.ids(texts))
