"""A global diagnostic test's professional component in batch claims (``lookup.lines.component_row``).

A global PC/TC indicator 1 line's PFS facility amount is its 26 row's in batch's columns (``Lines.component``): the
physician's fee at the hospital, ASC and other facility sites. In an encounter that bills the code's 26 line too
(``lookup.lines.professional_on_own_line``: CODE-26 beside CODE), that fee is on the 26 line: the global line has none
there, as ``Pricer.price_encounter`` prices it; the rule functions drop its facility setting
(``batch.claims._pfs_outcome``), and this module its amount, for the rows of the encounters the rules do not run on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rvucalc.lookup import lines as line_rules

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.lines import Lines

FACILITY_COLUMNS = ("pfs_facility_amount", "pfs_facility_limiting_charge")


def professional_on_own_lines(lines: Lines, rows: np.ndarray, encounter: np.ndarray, changes: Any) -> None:
    """The rows (of ``rows``, by ``encounter``) whose professional component their encounter's CODE-26 line bills:
    their PFS facility amount none (``changes``: batch.claims' ``_Changes``, whose writing reworks their sites), and
    ``Lines.own_professional`` set. Only encounters with both a component row and a 26 row are looked at (rare), each
    through ``professional_on_own_line`` on its lines in file order."""
    import numpy as np

    if lines.component is None or not rows.size:
        return
    component = lines.component[rows]
    professional = lines.flag("26 line", lambda cell: "26" in cell.modifiers)[lines.code[rows]]
    if not component.any() or not professional.any():
        return
    count = int(encounter.max()) + 1
    both = (np.bincount(encounter[component], minlength=count) > 0) & (
        np.bincount(encounter[professional], minlength=count) > 0
    )
    at = np.flatnonzero(both[encounter] & (component | professional))
    if not at.size:
        return
    order = at[np.argsort(encounter[at], kind="stable")]  # by encounter, each one's rows in file order
    starts = np.flatnonzero(np.concatenate([[True], encounter[order][1:] != encounter[order][:-1]]))
    if lines.own_professional is None:
        lines.own_professional = np.zeros(lines.rows, dtype=bool)
    for mine in np.split(order, starts[1:]):
        given = [(cell.code, cell.modifiers) for cell in (lines.codes[c] for c in lines.code[rows[mine]].tolist())]
        for index in line_rules.professional_on_own_line(given):
            row = int(rows[mine[index]])
            if not lines.component[row]:
                continue
            lines.own_professional[row] = True
            for name in FACILITY_COLUMNS:
                changes.set(name, row, None)
