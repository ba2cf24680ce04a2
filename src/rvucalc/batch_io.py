"""Streaming batch runs: read lines in chunks, price each chunk, write as they come.

Memory stays bounded by the chunk size whatever the file's size. Rows are read
with the csv module so that every input row is accounted for: a ragged line
(more or fewer fields than the header) is kept and reported in ``error``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rvucalc.batch import BatchPricer
from rvucalc.errors import UsageError

if TYPE_CHECKING:
    import pandas as pd

    from rvucalc.api import Pricer

DEFAULT_CHUNK_ROWS = 100_000
OUTPUT_FORMATS = ("csv", "json", "parquet")


@dataclass
class BatchSummary:
    rows: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def failed(self) -> int:
        return sum(self.errors.values())

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


def read_chunks(handle: IO[str], chunk_rows: int) -> Iterator[tuple[pd.DataFrame, dict[int, str]]]:
    """Chunks of text cells under the header, with the ragged lines' messages by row position."""
    import pandas as pd

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
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row, problem = [], f"unreadable CSV line {reader.line_num} ({exc})"
            ragged[len(rows)] = problem
        else:
            if not row:
                continue  # a blank line is no row
            if len(row) != width:
                ragged[len(rows)] = f"ragged line {reader.line_num}: {len(row)} fields, the header has {width}"
                row = (row + [""] * width)[:width]
        rows.append(row)
        if len(rows) >= chunk_rows:
            yield pd.DataFrame(rows, columns=header, dtype=object), ragged
            rows, ragged = [], {}
    if rows:
        yield pd.DataFrame(rows, columns=header, dtype=object), ragged


def read_chunks_fast(path: Path, chunk_rows: int) -> Iterator[tuple[pd.DataFrame, dict[int, str]]] | None:
    """Arrow's CSV reader, when the file is well-formed: every line has the header's fields.

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

    def chunks() -> Iterator[tuple[pd.DataFrame, dict[int, str]]]:
        pending: list[Any] = []
        rows = 0
        for batch in reader():
            pending.append(batch)
            rows += batch.num_rows
            if rows >= chunk_rows:
                yield pa.Table.from_batches(pending).to_pandas(), {}
                pending, rows = [], 0
        if pending:
            yield pa.Table.from_batches(pending).to_pandas(), {}

    return chunks()


def mark_ragged(priced: pd.DataFrame, ragged: dict[int, str], output_columns: tuple[str, ...]) -> None:
    """A ragged line keeps its cells but no amounts: its error says why."""
    from rvucalc.batch import MONEY_COLUMNS

    for position, message in ragged.items():
        label = priced.index[position]
        for column in output_columns:
            priced.loc[label, column] = float("nan") if column in MONEY_COLUMNS else ""
        priced.loc[label, "error"] = message


class Writer:
    """Writes priced chunks as CSV, JSON (an array of row objects) or Parquet, through Arrow."""

    def __init__(self, target: str, fmt: str) -> None:
        self.fmt = fmt
        self.target = target
        self._parquet: Any = None
        self._first = True
        if fmt == "parquet" and target == "-":
            raise UsageError("Parquet output needs a file (-o priced.parquet), not stdout.")
        self.handle: IO[bytes] | None = None
        if fmt != "parquet":
            self.handle = sys.stdout.buffer if target == "-" else Path(target).open("wb")  # noqa: SIM115

    def write(self, chunk: pd.DataFrame) -> None:
        import pyarrow.parquet as pq

        if self.fmt == "csv":
            assert self.handle is not None
            write_arrow_csv(_arrow_table(chunk, money_as_text=True), self.handle, header=self._first)
        elif self.fmt == "json":
            assert self.handle is not None
            for record in chunk.to_dict(orient="records"):
                clean = {key: (None if value != value else value) for key, value in record.items()}  # NaN -> null
                self.handle.write((("[\n" if self._first else ",\n") + json.dumps(clean, ensure_ascii=False)).encode())
                self._first = False
        else:
            table = _arrow_table(chunk, money_as_text=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.target, table.schema)
            self._parquet.write_table(table)
        self._first = False

    def close(self) -> None:
        if self.fmt == "json" and self.handle is not None:
            self.handle.write(b"[]\n" if self._first else b"\n]\n")
        if self._parquet is not None:
            self._parquet.close()
        if self.handle is not None:
            self.handle.flush()
            if self.handle is not sys.stdout.buffer:
                self.handle.close()


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
    from rvucalc.batch import OUTPUT_COLUMNS

    batch = BatchPricer(pricer)
    summary = BatchSummary()
    writer: Writer | None = None
    fast = read_chunks_fast(Path(source), chunk_rows) if source != "-" and Path(source).is_file() else None
    with open_input(source) as handle:
        try:
            for chunk, ragged in fast if fast is not None else read_chunks(handle, chunk_rows):
                priced = batch.price_frame(chunk)
                mark_ragged(priced, ragged, OUTPUT_COLUMNS)
                if writer is None:
                    writer = Writer(target, output_format(target, fmt))
                writer.write(priced)
                summary.rows += len(priced)
                for message in priced["error"][priced["error"] != ""]:
                    summary.errors[_kind(message)] += 1
                if progress:
                    progress(len(priced))
        finally:
            if writer is not None:
                writer.close()
    if writer is None:  # a header and no rows: still write the (empty) result
        writer = Writer(target, output_format(target, fmt))
        writer.close()
    return summary


def _kind(message: str) -> str:
    for kind in ("malformed code", "not in the", "ZIP not in", "locality not in", "ragged line", "No PFS release",
                 "units", "setting", "date", "modifier"):  # fmt: skip
        if kind in message:
            return {"not in the": "unknown code", "No PFS release": "year not installed"}.get(kind, kind)
    return "other"


def _arrow_table(chunk: pd.DataFrame, *, money_as_text: bool) -> Any:
    """Text columns as strings; money (float64 dollars of whole cents) as exact '1234.56'
    text for CSV, or as float64 for Parquet. Arrow's kernels do the formatting."""
    import numpy as np
    import pyarrow as pa

    from rvucalc.batch import MONEY_COLUMNS

    columns = {}
    for name in chunk.columns:
        values = chunk[name]
        if name not in MONEY_COLUMNS:
            if values.dtype == object:
                values = values.astype(str)
            columns[str(name)] = pa.array(values, type=pa.string())  # Arrow-backed text: no copy
            continue
        dollars = values.to_numpy(dtype="float64")
        if not money_as_text:
            columns[str(name)] = pa.array(dollars, mask=np.isnan(dollars))
            continue
        cents = np.rint(np.nan_to_num(dollars) * 100).astype("int64")
        columns[str(name)] = money_text(cents, np.isnan(dollars))
    return pa.table(columns)


def money_text(cents: Any, missing: Any) -> Any:
    """Whole cents (int64, never negative) -> exact '1234.56' text, '' where missing (Arrow kernels)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array(cents, mask=missing)
    whole = pc.divide(values, 100)  # integer division
    fraction = pc.utf8_lpad(pc.cast(pc.subtract(values, pc.multiply(whole, 100)), pa.string()), 2, "0")
    return pc.fill_null(pc.binary_join_element_wise(pc.cast(whole, pa.string()), fraction, "."), "")


def write_arrow_csv(table: Any, sink: IO[bytes], *, header: bool = True) -> None:
    """CSV through Arrow (fast); the header row written plainly, values quoted as Arrow does."""
    import pyarrow.csv as arrow_csv

    if header:
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerow(list(table.column_names))
        sink.write(text.getvalue().encode())
    arrow_csv.write_csv(table, sink, arrow_csv.WriteOptions(include_header=False, quoting_style="needed"))


def money_as_text(chunk: pd.DataFrame) -> pd.DataFrame:
    """The chunk with money as '1234.56' text (for writers that format floats their own way)."""
    frame = _arrow_table(chunk, money_as_text=True).to_pandas()
    frame.columns = chunk.columns
    return frame.astype(object)
