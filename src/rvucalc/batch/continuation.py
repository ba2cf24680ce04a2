"""A grouped export's continuation rows: a practice system that writes a claim's number and date of service on its
first line only (the lines below it with a blank Claim # and DOS). Read blank, a trial's follow-on lines were priced
alone with the newest release (11042 lost its 50% multiple-procedure reduction behind 15275, and 99213 was priced
with 2026C for a 2025 visit) while stderr said "no errors". As ``workbook_input`` fills a merged cell down, a row
whose claim and date cells are both blank, directly below a row that has them (or is such a row itself), is read as
a line of the claim above: its claim id and date, and a blank place (POS, ZIP, TOB) of that claim's row, carried
down, said once. A row with only one of the two blank is not a continuation: it keeps its cells (and its note)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rvucalc.batch.arrow_columns import text_scalar

if TYPE_CHECKING:
    import pyarrow as pa

    from rvucalc.batch.columns import ColumnMap

CARRIED_ROLES = ("setting", "zip")  # with the bill type's column (columns.bill_type_position)


@dataclass
class Continuations:
    """The rows read as lines of the claim above (``rows``, the first's ``first_row`` in the data, from 1), and the
    rows left without a date of service (``undated``, the first's ``first_undated``)."""

    rows: int = 0
    first_row: int | None = None
    undated: int = 0
    first_undated: int | None = None
    names: tuple[str, str] = ("claim", "date")  # the claim's and the date's columns, as the file names them
    _seen: int = 0
    _above: dict[int, str] | None = field(default=None)  # the last row's carried cells, by position

    def filled(
        self, chunks: Iterator[tuple[pa.Table, dict[int, str]]], column_map: Callable[[pa.Table], ColumnMap]
    ) -> Iterator[tuple[pa.Table, dict[int, str]]]:
        """The chunks with their continuation rows' cells carried down (a file without both a claim and a date
        column: as they come, its blank dates counted)."""
        for table, ragged in chunks:
            yield self._fill(table, column_map(table)), ragged

    def _fill(self, table: pa.Table, columns: ColumnMap) -> pa.Table:
        import pyarrow as pa
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import string_array
        from rvucalc.batch.columns import TOTAL_CELL, bill_type_position

        start, self._seen = self._seen, self._seen + table.num_rows
        claim, date, code = columns.position("claim"), columns.position("date"), columns.position("code")
        if claim is not None and date is not None:
            self.names = (columns.names[claim], columns.names[date])
        if date is None or code is None or not table.num_rows:
            return table
        # Whole columns first: a chunk with no continuation row (nearly every chunk) does no Python work per row.
        # A report's total or repeated header line ("Total" or "CPT Code" in the code column) is no service line
        # (columns.report_lines): neither a line of the claim above nor a row priced without a date.
        header = columns.names[code].strip()
        text = _stripped(table.column(code))
        total = pc.match_substring_regex(text, TOTAL_CELL, ignore_case=True)
        report = pc.or_(total, pc.equal(text, text_scalar(header)))
        service = pc.and_(pc.not_equal(text, text_scalar("")), pc.invert(report))
        undated = pc.and_(service, pc.invert(_filled(table.column(date))))
        if claim is None:
            self._count_undated_rows(undated, start)
            return table
        carried = [
            p for p in (*(columns.position(r) for r in CARRIED_ROLES), bill_type_position(columns)) if p is not None
        ]
        positions = list(dict.fromkeys([claim, date, *carried]))
        if not pc.any(
            pc.and_(service, pc.invert(pc.or_(_filled(table.column(claim)), _filled(table.column(date)))))
        ).as_py():
            self._count_undated_rows(undated, start)
            self._above = {p: _text(table.column(p)[-1].as_py()) for p in positions}
            return table
        codes = _texts(table.column(code))
        cells = {p: [value or "" for value in table.column(p).to_pylist()] for p in positions}
        changed: set[int] = set()
        reported = report.to_pylist()  # a report line ends the claim above: the rows below it do not continue it
        for row in range(table.num_rows):
            above = self._above
            blank = not cells[claim][row].strip() and not cells[date][row].strip()
            if blank and codes[row] and not reported[row] and above and above[claim].strip() and above[date].strip():
                self.rows += 1
                self.first_row = self.first_row or start + row + 1
                for p in positions:
                    if not cells[p][row].strip() and above[p].strip():
                        cells[p][row] = above[p]
                        changed.add(p)
            self._above = {p: cells[p][row] for p in positions}
        self._count_undated_rows(
            pc.and_(service, pc.invert(_filled(pa.chunked_array([string_array(cells[date])])))), start
        )
        for p in sorted(changed):
            table = table.set_column(p, table.column_names[p], string_array(cells[p]).cast(table.schema.field(p).type))
        assert isinstance(table, pa.Table)
        return table

    def _count_undated_rows(self, undated: pa.ChunkedArray | pa.Array, start: int) -> None:
        import pyarrow.compute as pc

        rows = pc.indices_nonzero(undated)
        if len(rows):
            self.undated += len(rows)
            self.first_undated = self.first_undated or start + rows[0].as_py() + 1

    def messages(self, release: str) -> list[str]:
        """The stderr lines: the continuation rows, once; the rows priced without a date (the release they were
        priced with), once."""
        said = []
        if self.rows:
            rows = "row" if self.rows == 1 else "rows"
            said.append(f"{self.rows} {rows} with a blank {self.names[0]} and {self.names[1]} read as lines of the "
                        f"claim above (a grouped export), the first: row {self.first_row} of the data; the claim's id "
                        "and date of service, and a blank POS, ZIP or bill type, carried down from the row "
                        "above")  # fmt: skip
        if self.undated:
            rows = "row" if self.undated == 1 else "rows"
            said.append(f"{self.undated} {rows} with no date of service (the first: row {self.first_undated} of the "
                        f"data) priced with release {release}, the one used without a date (a lab's, drug's or DME "
                        "item's with its schedule's newest quarter); give their dates to price them with the release "
                        "in force on them")  # fmt: skip
        return said


def _stripped(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column's cells as stripped text, a null as ''."""
    import pyarrow as pa
    import pyarrow.compute as pc

    text = column if pa.types.is_string(column.type) else pc.cast(column, pa.string())
    return pc.fill_null(pc.utf8_trim_whitespace(text), text_scalar(""))


def _filled(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Per row, whether the cell holds more than blanks (a null: no)."""
    import pyarrow.compute as pc

    return pc.not_equal(_stripped(column), text_scalar(""))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _texts(column: pa.ChunkedArray) -> list[str]:
    """A column's cells as stripped text, a null as ''."""
    return [(value or "").strip() if isinstance(value, str) else ("" if value is None else str(value))
            for value in column.to_pylist()]  # fmt: skip
