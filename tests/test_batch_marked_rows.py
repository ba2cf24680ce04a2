"""The run's summary counts rows whose note says a line is bundled (status B), ranked with a line the MAC prices or
a possible duplicate (batch.files._marked). It searched each partition's joined notes: on a realistic million-line
file ~700,000 distinct notes, ~450 MB, searched twice, seconds of the run. The priced table now says which rows
(MARKED_KEY, from the notes' text ids, Lines.rows_noting): the same rows as searching the notes, on realistic claim
files with the text forgotten between partitions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rvucalc.batch import price
from rvucalc.batch.files import _marked
from rvucalc.batch.lines import BUNDLED_NOTE, MARKED_KEY, MARKED_NOTES
from rvucalc.lookup.pricer import Pricer
from test_batch_cells import _partitions


def _searched(table: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the notes searched for the marks (the table without MARKED_KEY)."""
    metadata = {key: value for key, value in (table.schema.metadata or {}).items() if key != MARKED_KEY}
    allowed = np.zeros(table.num_rows, dtype=bool)
    return _marked(table.replace_schema_metadata(metadata), allowed)


@pytest.mark.slow
def test_marked_rows_are_the_rows_whose_notes_say_so(tmp_path: Path, monkeypatch: Any) -> None:
    pricer = price.BatchPricer(Pricer())
    monkeypatch.setattr(price, "CELLS_LIMIT", 300)  # texts forgotten between partitions: ids start again
    counted = np.zeros(len(MARKED_NOTES), dtype=np.int64)
    for part in _partitions(tmp_path, 6_000, 1_000, seed=23):
        table = pricer.price_table(part)
        assert MARKED_KEY in (table.schema.metadata or {})
        allowed = np.zeros(table.num_rows, dtype=bool)
        marked, searched = _marked(table, allowed), _searched(table)
        for ours, theirs in zip(marked, searched, strict=True):
            assert ours.tolist() == theirs.tolist()
        counted += [int(flags.sum()) for flags in marked]
        notes = table.column("note").to_pylist()
        assert [BUNDLED_NOTE in (note or "") for note in notes] == searched[0].tolist()
    assert counted[0] > 0  # the file has bundled lines; MAC-ranked ones are rare in it (the next test)
    assert counted[2] > 0  # and possible duplicates (--summary's duplicate_lines)


def test_a_mac_ranked_line_is_marked() -> None:
    """0510T (status C: the MAC prices it) ranks with 11102 (multiple procedure rule): 11102's row is marked."""
    import pyarrow as pa

    lines = {"claim": ["A", "A"], "code": ["0510T", "11102"], "date": ["2026-08-05"] * 2, "setting": ["11"] * 2,
             "zip": ["60540"] * 2, "units": ["1", "1"]}  # fmt: skip
    table = price.BatchPricer(Pricer()).price_table(pa.table(lines))
    allowed = np.zeros(table.num_rows, dtype=bool)
    marked, searched = _marked(table, allowed), _searched(table)
    assert marked[1].tolist() == searched[1].tolist() == [False, True]
