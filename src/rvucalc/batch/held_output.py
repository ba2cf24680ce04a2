"""A regrouped file's priced output, held until it is written back in the file's order (``files.Writer``).

When a file's claims have lines apart, ``regroup`` has them priced in claim order, so the priced chunks come in an
order the output must not keep: they are held and written in the file's order at the end. In memory a realistic
claim file's output takes ~2.6 KB a row (a review's 300,000 rows: 1.55 GB), so only ``MEMORY_ROWS`` rows are kept
there: past that, the chunks held go to a temporary Arrow file (a run, its rows sorted by their row in the file, in
record batches of ``BATCH_ROWS``, LZ4-compressed), and each slice of the output gathers its rows from every run: a
run's rows of a slice are one contiguous range of it, read a few batches at a time. Memory is then bounded by
``MEMORY_ROWS`` and a slice, whatever the file's length.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import int64_array
from rvucalc.errors import OutputFailedError

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

MEMORY_ROWS = 100_000  # rows of output held in memory before they go to a run on disk
BATCH_ROWS = 4_096  # a run's record batches: a slice reads only the batches that hold its rows


class HeldOutput:
    """Priced tables added in any order with each row's row in the file (``add``), read back in the file's order
    (``between``), dictionary columns as plain text. The rows added must be the file's rows 0..n-1, each once."""

    def __init__(self, memory_rows: int | None = None) -> None:
        self.memory_rows = MEMORY_ROWS if memory_rows is None else memory_rows
        self._tables: list[pa.Table] = []  # in memory, not in a run yet
        self._rows: list[np.ndarray] = []  # each table's rows in the file
        self._held = 0
        self._runs: list[_Run] = []
        # The tables' schema as held and read back: dictionary columns as their values (``_plain_schema``); a
        # writer takes either (and casting back to dictionaries cost ~70 MB more for the same bytes written).
        self._plain: pa.Schema | None = None
        self._directory: tempfile.TemporaryDirectory[str] | None = None
        self._memory: tuple[list[pa.Table], np.ndarray, np.ndarray, np.ndarray] | None = None

    def add(self, table: pa.Table, file_rows: np.ndarray) -> None:
        if self._plain is None:
            self._plain = _plain_schema(table.schema)
        self._tables.append(table.combine_chunks())  # a take on a many-chunked table copies all of it each time
        self._rows.append(file_rows)
        self._held += table.num_rows
        if self._held >= self.memory_rows:
            self._spill()

    def _spill(self) -> None:
        import numpy as np
        import pyarrow as pa

        tables, starts, rows = self._gathered()
        order = np.argsort(rows, kind="stable")
        try:
            if self._directory is None:
                self._directory = tempfile.TemporaryDirectory(prefix="rvucalc-regroup-")
            path = os.path.join(self._directory.name, f"run-{len(self._runs)}.arrow")
            plain = self._plain
            assert plain is not None
            codec = "lz4" if pa.Codec.is_available("lz4") else None
            # A named file Arrow writes and reads itself (``_Run`` unlinks it once open: it goes with the process).
            with (
                pa.OSFile(path, "wb") as sink,
                pa.ipc.new_file(sink, plain, options=pa.ipc.IpcWriteOptions(compression=codec)) as writer,
            ):
                for start in range(0, len(order), BATCH_ROWS):
                    writer.write_table(gather(tables, starts, order[start : start + BATCH_ROWS], plain))
            run = _Run(path, rows[order])
        except (OSError, pa.ArrowException) as exc:
            raise OutputFailedError(
                f"could not hold the regrouped output in a temporary file ({exc.strerror or exc}): free space in "
                f"{tempfile.gettempdir()} or point TMPDIR at a disk with room (compressed, it takes about a quarter "
                "of the output's size)"
            ) from exc
        self._runs.append(run)
        self._tables, self._rows, self._held = [], [], 0

    def _gathered(self) -> tuple[list[pa.Table], np.ndarray, np.ndarray]:
        import numpy as np

        starts = np.cumsum([0] + [table.num_rows for table in self._tables])
        rows = np.concatenate(self._rows) if self._rows else np.zeros(0, dtype=np.int64)
        return self._tables, starts, rows

    def between(self, start: int, stop: int) -> pa.Table:
        """The file's rows ``start`` .. ``stop`` - 1, in the file's order."""
        import numpy as np
        import pyarrow as pa

        if self._memory is None:  # the rows still in memory, sorted once by their row in the file
            tables, starts, rows = self._gathered()
            order = np.argsort(rows, kind="stable")
            self._memory = (tables, starts, order, rows[order])
        tables, starts, order, sorted_rows = self._memory
        pieces: list[pa.Table] = []
        rows_of: list[np.ndarray] = []
        low, high = np.searchsorted(sorted_rows, [start, stop]).tolist()
        if high > low:
            assert self._plain is not None
            pieces.append(gather(tables, starts, order[low:high], self._plain))
            rows_of.append(sorted_rows[low:high])
        for run in self._runs:
            found = run.between(start, stop)
            if found is not None:
                pieces.append(found[0])
                rows_of.append(found[1])
        rows = np.concatenate(rows_of)
        assert len(rows) == stop - start, "the rows held are not the file's rows, each once"
        back = np.empty(len(rows), dtype=np.int64)
        back[rows - start] = np.arange(len(rows))
        return pa.concat_tables(pieces).take(int64_array(back))

    def close(self) -> None:
        """Remove the runs' temporary files."""
        for run in self._runs:
            run.source.close()
        self._runs = []
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None


class _Run:
    """Held rows on disk, sorted by their row in the file (an Arrow IPC file of BATCH_ROWS batches)."""

    def __init__(self, path: str, rows: np.ndarray) -> None:
        import pyarrow as pa

        self.source = pa.OSFile(path)
        self.rows = rows
        self.reader: Any = pa.ipc.open_file(self.source)
        with contextlib.suppress(OSError):  # gone when closed or the process ends (but on Windows: ``close``)
            os.unlink(path)

    def between(self, start: int, stop: int) -> tuple[pa.Table, np.ndarray] | None:
        """The run's rows among the file's rows ``start`` .. ``stop`` - 1 (in the file's order) and their rows."""
        import numpy as np
        import pyarrow as pa

        low, high = np.searchsorted(self.rows, [start, stop]).tolist()
        if high <= low:
            return None
        first, last = low // BATCH_ROWS, (high - 1) // BATCH_ROWS
        batches = [self.reader.get_batch(number) for number in range(first, last + 1)]
        table = pa.Table.from_batches(batches).slice(low - first * BATCH_ROWS, high - low)
        return table, self.rows[low:high]


def gather(tables: list[pa.Table], starts: np.ndarray, positions: np.ndarray, schema: pa.Schema) -> pa.Table:
    """The rows at ``positions`` (numbered across ``tables``, each table's first at ``starts``), in that order, cast
    to ``schema``: each table gives its rows by one take (a take on their concatenation would copy all of them every
    time: a review's 5,000 rows in one-row chunks took 19 s), then the pieces are put in order, as plain text (on a
    dictionary column of several chunks a take copies every chunk's dictionary: a chunk's notes are ~40 MB)."""
    import numpy as np
    import pyarrow as pa

    table_of = np.searchsorted(starts, positions, side="right") - 1
    by_table = np.argsort(table_of, kind="stable")
    pieces = [tables[number].take(int64_array(positions[table_of == number] - starts[number]))
              for number in np.unique(table_of).tolist()]  # fmt: skip
    pieces = [piece.cast(schema) for piece in pieces]
    if len(pieces) == 1:
        return pieces[0]
    back = np.empty(len(positions), dtype=np.int64)
    back[by_table] = np.arange(len(positions))
    return pa.concat_tables(pieces).take(int64_array(back))


def _plain_schema(schema: pa.Schema) -> pa.Schema:
    """The schema with dictionary columns as their values' type (an Arrow file holds one dictionary per column:
    each chunk's own would be a replacement)."""
    import pyarrow as pa

    return pa.schema([field.with_type(field.type.value_type) if pa.types.is_dictionary(field.type) else field
                      for field in schema])  # fmt: skip
