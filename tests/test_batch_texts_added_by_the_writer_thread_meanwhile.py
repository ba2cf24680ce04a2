"""The run's note texts (``batch.lines.Texts``) are one table for the pricing thread and the writer's thread (which
builds the previous chunk's output, adding texts): two ``containing`` calls of the pricing thread may return arrays of
different lengths. A trial's 251,937-row file (an ASC's lines beside its surgeons', a hospital's 131 lines beside its
physicians') stopped once with exit 3: "operands could not be broadcast together with shapes (45749,) (45771,)" in
the DMEPOS notes' check (``ScheduleTerms._superseded_line_notes``), as the flags of its three texts were or-ed."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from rvucalc.batch.lines import Texts
from rvucalc.batch.schedules import ScheduleTerms


class _WrittenMeanwhile(Texts):
    """A text added by the writer's thread between any two calls."""

    def containing(self, text: str) -> np.ndarray:
        found = super().containing(text)
        self.id(f"a text the writer added after {len(self.values)}")
        return found


def test_the_dmepos_notes_check_reads_texts_added_meanwhile() -> None:
    texts = _WrittenMeanwhile()
    notes = texts.ids(["Priced as POS 11.", "Modifier 25 is informational: it does not change the amount."])
    lines = SimpleNamespace(texts=texts)
    ScheduleTerms._superseded_line_notes(lines, np.arange(2), notes)  # type: ignore[arg-type]
