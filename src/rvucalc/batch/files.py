"""Streaming batch runs: read lines in chunks, price each chunk, write as they come.

Memory stays bounded by the chunk size whatever the file's size. A well-formed
file is read by Arrow's CSV reader; otherwise rows are read with the csv module
so that every input row is accounted for: a ragged line (more or fewer fields
than the header) is kept and reported in ``error``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rvucalc.batch.price import BatchPricer
from rvucalc.errors import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer

DEFAULT_CHUNK_ROWS = 100_000
OUTPUT_FORMATS = ("csv", "json", "parquet")


@dataclass
class BatchSummary:
    rows: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

    def count_errors(self, errors: Any) -> None:
        """Add a chunk's errors (a dictionary column of messages) to the counts by kind."""
        import numpy as np

        from rvucalc.batch.arrow_columns import strings_of, values_of

        for chunk in errors.chunks:
            counts = np.bincount(values_of(chunk.indices), minlength=len(chunk.dictionary))
            for message, count in zip(strings_of(chunk.dictionary), counts.tolist(), strict=True):
                if message and count:
                    self.errors[_kind(message)] += count

    def describe(self) -> str:
        if not self.failed:
            return f"priced {self.rows} rows, no errors"
        kinds = ", ".join(f"{count} {kind}" for kind, count in self.errors.most_common(6))
        return f"priced {self.rows - self.failed} of {self.rows} rows; {self.failed} with errors ({kinds})"


def output_format(path: str, requested: str | None) -> str:
    if requested:
        if requested not in OUTPUT_FORMATS:
            raise UsageError(f"--format {requested!r}: choose csv, json or parquet.")
        return requested
    return "parquet" if path.lower().endswith(".parquet") else "json" if path.lower().endswith(".json") else "csv"


def open_input(path: str) -> IO[str]:
    if path == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
    source = Path(path)
    if not source.is_file():
        raise UsageError(f"{path}: no such file.")
    return source.open(encoding="utf-8-sig", newline="")


def read_chunks(handle: IO[str], chunk_rows: int) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """Chunks of text cells under the header, with the ragged lines' messages by row position."""
    reader = csv.reader(handle)
    try:
        header = next(reader)
    except StopIteration:
        raise UsageError("The input is empty: it needs a header row with a 'code' column.") from None
    except csv.Error as exc:
        raise UsageError(f"The input is not readable CSV ({exc}).") from None
    width = len(header)
    rows: list[list[str]] = []
    ragged: dict[int, str] = {}
    yielded = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row, problem = [""] * width, f"unreadable CSV line {reader.line_num} ({exc})"
            ragged[len(rows)] = problem
        else:
            if not row:
                continue  # a blank line is no row
            if len(row) != width:
                ragged[len(rows)] = f"ragged line {reader.line_num}: {len(row)} fields, the header has {width}"
                row = (row + [""] * width)[:width]
        rows.append(row)
        if len(rows) >= chunk_rows:
            yield _text_table(header, rows), ragged
            rows, ragged, yielded = [], {}, True
    if rows or not yielded:  # a header and no rows still makes an (empty) output
        yield _text_table(header, rows), ragged


def _text_table(header: list[str], rows: list[list[str]]) -> pa.Table:
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import string_array

    columns = [string_array([row[i] for row in rows]) for i in range(len(header))]
    return pa.Table.from_arrays(columns, names=header)


def read_chunks_fast(path: Path, chunk_rows: int) -> tuple[Iterator[tuple[pa.Table, dict[int, str]]], bool] | None:
    """Arrow's CSV reader, when the file is well-formed: every line has the header's fields.
    Also says whether the file is plain (no quoted cells), so the output can be too.

    A first pass counts the lines Arrow cannot take (ragged, unreadable); if there is any,
    None: the csv-module reader, which keeps and reports such lines, reads the file instead.
    """
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            header = next(csv.reader(handle))
        except (StopIteration, csv.Error):
            return None
    if len(set(header)) != len(header) or not header:
        return None
    invalid: list[int] = []

    def note_invalid(row: Any) -> str:
        invalid.append(row.number)
        return "skip"

    def reader() -> Any:
        return arrow_csv.open_csv(
            path,
            read_options=arrow_csv.ReadOptions(block_size=1 << 20, encoding="utf8"),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=note_invalid),
            convert_options=arrow_csv.ConvertOptions(
                column_types={name: pa.string() for name in header}, strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )  # fmt: skip

    try:
        for _ in reader():
            pass
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if invalid:
        return None
    plain = _has_no_quotes(path)

    def chunks() -> Iterator[tuple[pa.Table, dict[int, str]]]:
        pending: list[Any] = []
        rows = 0
        schema = None
        for batch in reader():
            schema = batch.schema
            pending.append(batch)
            rows += batch.num_rows
            if rows >= chunk_rows:
                yield pa.Table.from_batches(pending), {}
                pending, rows = [], 0
        if pending or schema is None:
            yield (pa.Table.from_batches(pending) if pending else _text_table(header, [])), {}

    return chunks(), plain


def _has_no_quotes(path: Path) -> bool:
    """No '"' anywhere in the file: then no cell holds a comma, quote or line break."""
    with path.open("rb") as handle:
        while block := handle.read(1 << 22):
            if b'"' in block:
                return False
    return True


class Writer:
    """Writes priced chunks as CSV, JSON (an array of row objects) or Parquet, through Arrow.

    Formatting and writing a chunk runs on a background thread (Arrow releases the GIL),
    so the next chunk is priced meanwhile; chunks are written in order.
    """

    def __init__(self, target: str, fmt: str, *, plain_input: bool = False) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.fmt = fmt
        self.target = target
        self._parquet: Any = None
        self._first = True
        if fmt == "parquet" and target == "-":
            raise UsageError("Parquet output needs a file (-o priced.parquet), not stdout.")
        self.handle: IO[bytes] | None = None
        if fmt != "parquet":
            self.handle = sys.stdout.buffer if target == "-" else Path(target).open("wb")  # noqa: SIM115
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rvucalc-writer")
        self.plain_input = plain_input  # no input cell can hold a comma, quote or line break
        self._pending: Any = None

    def write(self, lines: pa.Table, priced: pa.Table) -> None:
        """Queue the input columns and the priced columns of one chunk for writing."""
        self._wait()
        self._pending = self._pool.submit(self._write, lines, priced, self._first)
        self._first = False

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def _write(self, lines: pa.Table, priced: pa.Table, first: bool) -> None:
        import pyarrow.parquet as pq

        table = joined_table(lines, priced, money_as="decimal" if self.fmt == "csv" else "float")
        if self.fmt == "csv":
            assert self.handle is not None
            write_arrow_csv(table, self.handle, header=first, plain=self.plain_input and plain_texts(priced))
        elif self.fmt == "json":
            assert self.handle is not None
            for record in table.to_pylist():
                self.handle.write((("[\n" if first else ",\n") + json.dumps(record, ensure_ascii=False)).encode())
                first = False
        else:
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.target, table.schema)
            self._parquet.write_table(table)

    def close(self) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown()
            if self.fmt == "json" and self.handle is not None:
                self.handle.write(b"[]\n" if self._first else b"\n]\n")
            if self._parquet is not None:
                self._parquet.close()
            if self.handle is not None:
                self.handle.flush()
                if self.handle is not sys.stdout.buffer:
                    self.handle.close()


def joined_table(lines: pa.Table, priced: pa.Table, *, money_as: str) -> pa.Table:
    """The input columns unchanged (a priced column of the same name replaces one), then the
    priced columns; money as exact decimals ('decimal'), text ('text') or float64 dollars ('float')."""
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import dollars_of, float_array, is_money

    columns, names = [], []
    for name, column in zip(lines.column_names, lines.columns, strict=True):
        if name not in priced.column_names:
            columns.append(column)
            names.append(name)
    for name, column in zip(priced.column_names, priced.columns, strict=True):
        if is_money(column) and money_as == "float":
            column = float_array(dollars_of(column))
        elif is_money(column) and money_as == "text":
            column = column.cast(pa.string()).fill_null("")
        elif pa.types.is_dictionary(column.type) and money_as != "decimal":
            column = column.cast(pa.string())  # Parquet and JSON readers get plain text columns
        columns.append(column)
        names.append(name)
    return pa.Table.from_arrays(columns, names=names)


def run_batch(
    pricer: Pricer,
    source: str,
    target: str,
    *,
    fmt: str | None = None,
    chunk_rows: int = DEFAULT_CHUNK_ROWS,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Price ``source`` (a CSV path or '-') into ``target`` chunk by chunk."""
    batch = BatchPricer(pricer)
    summary = BatchSummary()
    writer: Writer | None = None
    fast = read_chunks_fast(Path(source), chunk_rows) if source != "-" and Path(source).is_file() else None
    with open_input(source) as handle:
        try:
            for lines, ragged in fast[0] if fast is not None else read_chunks(handle, chunk_rows):
                priced = batch.price_table(lines, ragged)
                if writer is None:
                    writer = Writer(target, output_format(target, fmt), plain_input=fast is not None and fast[1])
                writer.write(lines, priced)
                summary.rows += lines.num_rows
                summary.count_errors(priced.column("error"))
                if progress:
                    progress(lines.num_rows)
        finally:
            if writer is not None:
                writer.close()
    return summary


def _kind(message: str) -> str:
    for kind in ("malformed code", "not in the", "ZIP not in", "locality not in", "ragged line", "No PFS release",
                 "units", "setting", "date", "modifier"):  # fmt: skip
        if kind in message:
            return {"not in the": "unknown code", "No PFS release": "year not installed"}.get(kind, kind)
    return "other"


def plain_texts(table: pa.Table) -> bool:
    """True when no text of these dictionary columns needs quoting in CSV."""
    import pyarrow as pa

    from rvucalc.batch.arrow_columns import strings_of

    for column in table.columns:
        if pa.types.is_dictionary(column.type):
            for chunk in column.chunks:
                if any(_STRUCTURAL.search(text) for text in strings_of(chunk.dictionary) if text):
                    return False
        elif pa.types.is_string(column.type):
            return False
    return True


_STRUCTURAL = re.compile(r'[",\r\n]')


def write_arrow_csv(table: Any, sink: IO[bytes], *, header: bool = True, plain: bool = False) -> None:
    """CSV through Arrow. ``plain`` (no value holds a comma, quote or line break): values
    written as they are, like pandas does; otherwise Arrow quotes every text value."""
    import pyarrow.csv as arrow_csv

    if header:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(list(table.column_names))
        sink.write(text.getvalue().encode())
    quoting = "none" if plain else "needed"
    arrow_csv.write_csv(table, sink, arrow_csv.WriteOptions(include_header=False, quoting_style=quoting))
