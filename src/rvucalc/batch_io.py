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

DEFAULT_CHUNK_ROWS = 50_000
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


def mark_ragged(priced: pd.DataFrame, ragged: dict[int, str], output_columns: tuple[str, ...]) -> None:
    for position, message in ragged.items():
        label = priced.index[position]
        for column in output_columns:
            priced.loc[label, column] = ""
        priced.loc[label, "error"] = message


class Writer:
    """Writes priced chunks as CSV, JSON (an array of row objects) or Parquet."""

    def __init__(self, target: str, fmt: str) -> None:
        self.fmt = fmt
        self.target = target
        self._parquet: Any = None
        self._first = True
        if fmt == "parquet":
            if target == "-":
                raise UsageError("Parquet output needs a file (-o priced.parquet), not stdout.")
            self.handle: IO[str] | None = None
        else:
            self.handle = sys.stdout if target == "-" else Path(target).open("w", encoding="utf-8", newline="")  # noqa: SIM115

    def write(self, chunk: pd.DataFrame) -> None:
        if self.fmt == "csv":
            assert self.handle is not None
            chunk.to_csv(self.handle, index=False, header=self._first, lineterminator="\n")
        elif self.fmt == "json":
            assert self.handle is not None
            for record in chunk.to_dict(orient="records"):
                self.handle.write(("[\n" if self._first else ",\n") + json.dumps(record, ensure_ascii=False))
                self._first = False
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(chunk.astype(str), preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.target, table.schema)
            self._parquet.write_table(table)
        self._first = False

    def close(self) -> None:
        if self.fmt == "json" and self.handle is not None:
            self.handle.write("[]\n" if self._first else "\n]\n")
        if self._parquet is not None:
            self._parquet.close()
        if self.handle is not None and self.handle is not sys.stdout:
            self.handle.close()
        else:
            sys.stdout.flush()


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
    with open_input(source) as handle:
        try:
            for chunk, ragged in read_chunks(handle, chunk_rows):
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
