"""A claim's lines priced together wherever they are in the file, when the file is short enough to hold.

Claim exports write a claim's lines next to each other, and batch reads claims where they are (chunks end between
claims: ``files.whole_claims``). A remittance sorted by CPT or by date does not: a PT practice's trial found each
visit cut into several encounters (the multiple procedure reduction lost, "5 claims underpaid" that were paid right).
A file of at most ``REGROUP_ROWS`` rows is therefore read whole first; when some claim's lines are apart, its rows are
priced in claim order (each claim's lines together, claims in the order the file first names them, a claim's lines
in the file's order) and written back in the file's order (``files.Writer`` with ``order``: past 100,000 rows the
output waits on disk, ``held_output``). A longer file is read in chunks as it comes, and a claim's lines apart in it
are priced apart, as stderr says (``files.SeenClaims``).
So the amounts depend on the file alone, not on ``--chunk-rows`` (but for a claim longer than four chunks, which is
cut as in any file: ``files.whole_claims`` says so).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from rvucalc.batch.columns import ColumnMap

# Rows of input held to regroup a file's claims (a realistic claim file's: ~62 bytes a row in Arrow, ~62 MB a million,
# and its copy in claim order); the priced output waits on disk past ``held_output.MEMORY_ROWS`` (in memory it took
# ~2.6 KB a row: a review's 300,000 rows shuffled peaked at 1.55 GB). A file in claim order is held too, until its
# claims are known to be together, then priced as it would be read, each chunk let go as it is priced.
REGROUP_ROWS = 1_000_000
# And at most this many bytes of it as read (Arrow's): a review's million rows with 20 more pass-through columns
# (650 MB) peaked 0.5 GB higher held; a file past either limit is read as it comes.
REGROUP_BYTES = 160 * 1024 * 1024

ReadChunks = Iterator[tuple["pa.Table", dict[int, str]]]


class Regrouping:
    """What ``claims_together`` did: ``order`` (the file's row at each priced position; None: the file's order)
    and how many claims it brought together."""

    def __init__(self) -> None:
        self.order: np.ndarray | None = None
        self.claims = 0

    def message(self) -> str | None:
        """The stderr line saying what was done, or None."""
        if self.order is not None:
            claims = f"{self.claims:,} {'claim' if self.claims == 1 else 'claims'}"
            return (f"{claims} had lines that are not next to each other in the file: each claim's lines were "
                    "brought together and priced as one claim (the output keeps the file's order)")  # fmt: skip
        return None


def claims_together(
    chunks: ReadChunks, column_map: Callable[[pa.Table], ColumnMap], chunk_rows: int, done: Regrouping,
    limit: int | None = None,
) -> ReadChunks:  # fmt: skip
    """The file's chunks, in claim order when its claims' lines are apart and it has at most ``limit`` rows
    (default ``REGROUP_ROWS``) and ``REGROUP_BYTES`` (``done`` says what was done); otherwise, and at once when it has
    no claim column, as they come. Errors known before pricing
    (row -> message) follow their rows."""
    import numpy as np
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import int64_array

    limit = REGROUP_ROWS if limit is None else limit
    held: list[tuple[pa.Table, dict[int, str]]] = []
    rows = size = 0
    ahead = iter(chunks)
    for chunk in ahead:
        held.append(chunk)
        rows += chunk[0].num_rows
        size += chunk[0].nbytes
        if rows > limit or size > REGROUP_BYTES or column_map(held[0][0]).position("claim") is None:
            break  # too long to hold, or no claims to bring together: read as it comes
    else:  # the whole file is held
        if not held or column_map(held[0][0]).position("claim") is None:
            yield from _letting_go(held)
            return
        table = pa.concat_tables([table for table, _ in held]) if len(held) > 1 else held[0][0]
        order, claims = claims_order(table, column_map(table))
        if order is None:
            del table
            yield from _letting_go(held)
            return
        done.order, done.claims = order, claims
        errors: dict[int, str] = {}
        at = 0
        for part, known in held:
            errors.update({at + row: message for row, message in known.items()})
            at += part.num_rows
        held.clear()
        moved = np.empty(len(order), dtype=np.int64)
        moved[order] = np.arange(len(order))
        by_position = {int(moved[row]): message for row, message in errors.items()}
        table = table.take(int64_array(order))  # (pa.array of numpy would import pandas)
        for start in range(0, table.num_rows, chunk_rows):
            stop = start + chunk_rows
            yield table.slice(start, chunk_rows), {at - start: message for at, message in by_position.items()
                                                   if start <= at < stop}  # fmt: skip
        return
    yield from _letting_go(held)
    yield from ahead


def _letting_go(held: list[tuple[pa.Table, dict[int, str]]]) -> ReadChunks:
    """The held chunks in order, each let go once given (a million rows held are ~60 MB while they are priced)."""
    held.reverse()
    while held:
        yield held.pop()


def claims_order(table: pa.Table, columns: ColumnMap) -> tuple[np.ndarray | None, int]:
    """``claim_order`` of the table's claim column; a report's page lines (``columns.report_lines``: a repeated
    header, 'Page 1 of 2') are in the claim of the line before them, as pricing reads them: a page break does not
    part a claim's lines."""
    import numpy as np

    from rvucalc.batch.columns import report_lines

    position = columns.position("claim")
    if position is None:
        return None, 0
    order, claims = claim_order(table.column(position))
    if order is None:
        return order, claims
    pages = np.zeros(table.num_rows, dtype=bool)
    pages[list(report_lines(table, columns))] = True
    return claim_order(table.column(position), pages) if pages.any() else (order, claims)


def claim_order(claims: Any, carried: np.ndarray | None = None) -> tuple[np.ndarray | None, int]:
    """The rows in claim order (a stable sort by where each row's claim id first appears; a row with a blank claim
    cell is its own; a ``carried`` row is in the claim of the row before it) and how many claims were apart; (None, 0)
    when every claim's lines are already together."""
    import numpy as np
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import string_array, values_of

    # An Arrow scalar, not a str: converting a Python value makes pyarrow import pandas (0.15 s).
    text = pc.fill_null(pc.utf8_trim_whitespace(pc.cast(claims, "string")), string_array([""])[0])
    found = pc.dictionary_encode(text.combine_chunks() if hasattr(text, "combine_chunks") else text)
    ids = values_of(found.indices).astype(np.int64)
    if not len(ids):
        return None, 0
    if carried is not None:
        ids = ids[np.maximum(np.maximum.accumulate(np.where(carried, -1, np.arange(len(ids)))), 0)]
    blank = (values_of(pc.binary_length(found.dictionary)) == 0)[ids]  # (a blank cell: "", nulls filled)
    first = np.full(len(found.dictionary), len(ids), dtype=np.int64)
    np.minimum.at(first, ids, np.arange(len(ids)))
    key = np.where(blank, np.arange(len(ids)), first[ids])
    if (key[1:] >= key[:-1]).all():
        return None, 0
    starts = np.ones(len(ids), dtype=bool)
    starts[1:] = ids[1:] != ids[:-1]
    runs = np.bincount(ids[starts & ~blank], minlength=len(found.dictionary))
    return np.argsort(key, kind="stable"), int((runs > 1).sum())
