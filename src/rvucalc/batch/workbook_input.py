"""Batch input from an Excel workbook (.xlsx, .xlsm): the first sheet's cells as text, as a CSV export of it would
read, so that the same roles, checks and amounts follow.

A cell is read as its value (a formula as its value when Excel last saved it; openpyxl's ``data_only``):
text as written; a whole number without its ``.0`` (99213, not 99213.0); a number formatted with leading zeros
(Excel's ZIP Code format, ``00000``) with them (``02134``, which the number itself lost); a date as ISO
(``2026-08-03``, its time dropped); anything else as Python writes it. The sheet read is the first visible one (a
hidden sheet of look-up lists before it is said and skipped). The header is the first row that names a code column
(title rows above it, as report exports print them, are skipped and said), or the row under it when that one names
a code column too (a group header, "CPT" over "Code, Mod 1, Mod 2"); rows that are wholly empty are no rows, as blank
CSV lines are not. All of the sheet's cells are read, whatever range the file says it holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rvucalc.errors import UsageError

if TYPE_CHECKING:
    import pyarrow as pa

    from rvucalc.batch.columns import ColumnMap

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ZIP_MAGIC = b"PK\x03\x04"
TITLE_ROWS_LOOKED_AT = 20  # a report's title block is a few rows; a header further down is no header


def is_workbook(path: Path) -> bool:
    """A workbook by its name, or a zip archive (what an .xlsx is) by its first bytes."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == ZIP_MAGIC
    except OSError:
        return False


def read_workbook_chunks(
    path: Path,
    chunk_rows: int,
    is_header: Callable[[list[str]], bool],
    report: Callable[[str], None] | None = None,
    empty: list[int] | None = None,
    numbers: list[int] | None = None,
) -> Iterator[tuple[pa.Table, dict[int, str]]]:
    """Chunks of text cells under the header (as ``files.read_chunks``), with the ragged rows' messages; rows of
    empty cells are no rows (counted in ``empty[0]``). ``numbers`` gets the header's row number in the sheet, then
    each row's."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    from rvucalc.batch.files import _text_table

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise UsageError(f"{path} is not an Excel workbook rvucalc can read ({exc}); save it as .xlsx or CSV.") from (
            None
        )
    try:
        sheet = _first_visible(workbook.worksheets, report)
        # Read-only mode reads the cells inside the range the file's <dimension> names; a file some program wrote
        # with a wrong one lost rows and columns silently (a trial: "A1" read no rows, exit 0). openpyxl's docs,
        # "Read-only mode": "Some applications set this incorrectly", and reset_dimensions() for it.
        sheet.reset_dimensions()
        uncalculated = _formulas_without_values(sheet)
        rows: Iterator[Any] = sheet.iter_rows()
        header, skipped, first_row, under = _header(rows, is_header)
        if first_row is not None:
            rows = chain([first_row], rows)
        if report is not None and under:
            report(f"row {skipped} of sheet {sheet.title!r} names columns too: read as a group header over row "
                   f"{skipped + 1}, the header")  # fmt: skip
        if report is not None and skipped:
            report(f"the header is row {skipped + 1} of sheet {sheet.title!r}: the {skipped} rows above it skipped")
        width = len(header)
        if numbers is not None:
            numbers.append(skipped + 1)
        merged = _merged_down(sheet, header, skipped + 2, report)
        texts: list[list[str]] = []
        ragged: dict[int, str] = {}
        yielded = False
        # Row numbers counted here: read-only mode's empty cells carry none.
        for number, row in enumerate(rows, start=skipped + 2):
            cells = [_text(cell) for cell in row]
            if not any(cells):
                if empty is not None:
                    empty[0] += 1
                continue
            if merged[1]:
                _fill_merged(cells, number, merged)
            if len(cells) > width and any(cells[width:]):
                ragged[len(texts)] = f"ragged row {number}: cells beyond the header's {width} columns"
            elif number in uncalculated:
                ragged[len(texts)] = _uncalculated_error(number, uncalculated[number], header)
            texts.append((cells + [""] * width)[:width])
            if numbers is not None:
                numbers.append(number)
            if len(texts) >= chunk_rows:
                yield _text_table(header, texts), ragged
                texts, ragged, yielded = [], {}, True
        if texts or not yielded:
            yield _text_table(header, texts), ragged
    finally:
        workbook.close()


# A merged cell's value is the range's top-left cell's; the others are saved blank (read-only mode does not say which
# are merged: the sheet's <mergeCells> is read from its XML). A claim report merges a claim's Claim ID, DOS, POS and
# ZIP down its lines: read blank, its follow-on lines were priced alone, nationally, with the newest release (a review:
# 20610-LT lost its 50% multiple-procedure reduction). Filled down the range's first column, as Excel shows it; not
# an amount's or a quantity's column (a paid or charge cell merged across lines is the claim's total, not each line's:
# copied, each line would be compared with the whole), nor a range within one row (a title across columns).
_NOT_FILLED = frozenset({"paid", "pay", "payment", "pmt", "charge", "charges", "chg", "amount", "amt", "allowed",
                         "balance", "bal", "billed", "fee", "price", "cost", "rate", "total", "units", "unit", "qty",
                         "quantity", "uos", "minutes", "mins", "expected", "variance", "contract"})  # fmt: skip
_MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+[0-9]+):([A-Z]+[0-9]+)\"")


def _merged_ranges(sheet: Any) -> set[tuple[int, int, int]]:
    """The sheet's merged ranges spanning rows: (first row, last row, first column), 1-based, from its XML."""
    from openpyxl.utils.cell import coordinate_to_tuple

    found: set[tuple[bytes, bytes]] = set()
    with sheet._get_source() as source:  # openpyxl's read-only sheet: its XML part in the archive
        tail = b""
        while chunk := source.read(1 << 20):
            found.update(_MERGE_CELL.findall(tail + chunk))
            tail = chunk[-256:]
    ranges = set()
    for start, end in found:
        (top, left), (bottom, _) = coordinate_to_tuple(start.decode()), coordinate_to_tuple(end.decode())
        if bottom > top:
            ranges.add((top, bottom, left))
    return ranges


# Row -> (column, the range's top row) for each cell filled; the top rows' columns, whose values are kept as read.
MergedDown = tuple[dict[int, list[tuple[int, int]]], dict[int, list[int]], dict[tuple[int, int], str]]


def _merged_down(sheet: Any, header: list[str], first_row: int, report: Callable[[str], None] | None) -> MergedDown:
    """The merged cells to fill down (not an amount's or a quantity's: ``_NOT_FILLED``), said once."""
    from rvucalc.batch.columns import export_key

    filled: dict[int, list[tuple[int, int]]] = {}
    tops: dict[int, list[int]] = {}
    names: dict[str, int] = {}
    unfilled: dict[str, None] = {}
    for top, bottom, column in sorted(_merged_ranges(sheet)):
        if top < first_row or column > len(header):
            continue
        name = header[column - 1]
        if set(export_key(name).split("_")) & _NOT_FILLED:
            unfilled[name] = None
            continue
        tops.setdefault(top, []).append(column - 1)
        for row in range(top + 1, bottom + 1):
            filled.setdefault(row, []).append((column - 1, top))
        names[name] = names.get(name, 0) + bottom - top
    if report is not None and names:
        count = sum(names.values())
        report(f"filled {count} merged {'cell' if count == 1 else 'cells'} down ({', '.join(names)}): a merged "
               "cell's value is each line's it spans, as Excel shows it")  # fmt: skip
    if report is not None and unfilled:
        report(f"merged cells in {', '.join(unfilled)} not filled: an amount or quantity merged across lines is "
               "their claim's total, read on its first line only (give each line its own to compare each)")  # fmt: skip
    return filled, tops, {}


def _fill_merged(cells: list[str], number: int, merged: MergedDown) -> None:
    """Row ``number``'s merged cells given their range's value (its top row's, kept as that row is read)."""
    filled, tops, values = merged
    for column, top in filled.get(number, ()):
        if column < len(cells) and not cells[column]:
            cells[column] = values.get((top, column), "")
    for column in tops.get(number, ()):
        values[(number, column)] = cells[column] if column < len(cells) else ""


def _first_visible(sheets: list[Any], report: Callable[[str], None] | None) -> Any:
    """The workbook's first visible sheet (a trial's workbook began with a hidden sheet of look-up lists, which was
    priced instead of the claims), said when the workbook has others."""
    visible = [sheet for sheet in sheets if getattr(sheet, "sheet_state", "visible") == "visible"]
    if not visible:
        raise UsageError("Every sheet of the workbook is hidden: unhide the claims sheet in Excel, or save it as CSV.")
    sheet = visible[0]
    if report is not None and len(sheets) > 1:
        hidden = [other.title for other in sheets[: sheets.index(sheet)]]
        skipped = f"; hidden sheets before it skipped: {', '.join(map(repr, hidden))}" if hidden else ""
        report(f"reading the workbook's first visible sheet, {sheet.title!r} (of {len(sheets)}{skipped}); to price "
               "another, save it as its own workbook or CSV")  # fmt: skip
    return sheet


def _header(rows: Iterator[Any], is_header: Callable[[list[str]], bool]) -> tuple[list[str], int, Any, bool]:
    """The header row's names (trailing empty cells dropped), how many rows came before it, the row read after it
    (the first data row, to be read again; None if none), and whether it is under a group header."""
    seen: list[list[str]] = []
    found: list[str] | None = None
    for row in rows:
        cells = [_text(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if found is not None:
            # The row under a header that names a code column too is the header (merged group cells above it).
            from rvucalc.batch.columns import mostly_column_names

            if cells and is_header(cells) and mostly_column_names(cells):
                return _names(cells), len(seen) + 1, None, True
            return _names(found), len(seen), row, False
        if cells and is_header(cells):
            found = cells
            continue
        seen.append(cells)
        if len(seen) >= TITLE_ROWS_LOOKED_AT:
            break
    if found is not None:
        return _names(found), len(seen), None, False
    from rvucalc.batch.columns import code_column_hint

    first = next((cells for cells in seen if cells), None)
    if first is None:
        raise UsageError("The workbook's first sheet is empty: it needs a header row with a 'code' column.")
    raise UsageError(
        f"No header row with a code column in the first {len(seen)} rows of the workbook's first sheet (the first "
        f"row: {', '.join(first)}). Name one CPT, HCPCS or code, or say which with --columns code=COLUMN."
        + code_column_hint(first)
    )


def _formulas_without_values(sheet: Any) -> dict[int, list[int]]:
    """The sheet's formula cells that hold no saved value (a workbook a program wrote and no spreadsheet calculated):
    row -> columns (1-based). Read as values they are empty: a units cell read as 1 unit, a ZIP as none (a trial).
    The sheet's XML is searched for a formula first, which most claim exports have none of."""
    import re
    import xml.etree.ElementTree as ElementTree

    formula = re.compile(rb"<(?:\w+:)?f[\s>/]")
    with sheet._get_source() as source:  # openpyxl's read-only sheet: its XML part in the archive
        tail, found = b"", False
        while chunk := source.read(1 << 20):
            if formula.search(tail + chunk):
                found = True
                break
            tail = chunk[-64:]
    if not found:
        return {}
    from openpyxl.utils.cell import coordinate_to_tuple

    missing: dict[int, list[int]] = {}
    with sheet._get_source() as source:
        for _, element in ElementTree.iterparse(source):
            if element.tag.rpartition("}")[2] != "c":
                continue
            children = {child.tag.rpartition("}")[2]: child for child in element}
            value = children.get("v")
            # No <v>, or an empty one on a cell that is no text: Excel saves a formula's empty text ("") as
            # t="str" with an empty <v> (a review: such a Modifier cell refused its row).
            empty = value is None or (not (value.text or "") and element.get("t") != "str")
            if "f" in children and empty and element.get("t") != "inlineStr" and element.get("r"):
                row, column = coordinate_to_tuple(element.get("r", ""))
                missing.setdefault(row, []).append(column)
            element.clear()
    return missing


def _uncalculated_error(number: int, columns: list[int], header: list[str]) -> str:
    return UncalculatedCells(number, tuple(column - 1 for column in columns), header)


class UncalculatedCells(str):
    """A row's formula cells with no saved value (``_formulas_without_values``): its error as read (the message), and
    as its columns' roles make it (``for_columns``)."""

    number: int
    positions: tuple[int, ...]  # 0-based
    names: tuple[str, ...]
    kind = "missing_input"  # as read, before its columns' roles are known

    def __new__(cls, number: int, positions: tuple[int, ...], header: list[str]) -> UncalculatedCells:
        names = tuple(header[p] if p < len(header) else f"column {p + 1}" for p in positions)
        cells = super().__new__(cls, f"row {number}: {_NO_VALUE.format(names=', '.join(names))} (the workbook was "
                                     f"never calculated): {_HOW_TO}")  # fmt: skip
        cells.number, cells.positions, cells.names = number, positions, names
        return cells

    def for_columns(self, columns: ColumnMap) -> str:
        """The row's error (``RowError``, missing_input) when a cell of a column that prices the row is among them
        (``columns.pricing_positions``: its code, units, date ... read as blank would price another service); else its
        notes (``RowNote``): the row priced, a pass-through cell left blank, a paid cell not compared."""
        from rvucalc.batch.columns import RowError, RowNote, pricing_positions
        from rvucalc.errors import ErrorKind

        pricing = pricing_positions(columns)
        if any(position in pricing or position >= len(columns.names) for position in self.positions):
            return RowError(str(self), ErrorKind.MISSING_INPUT.value)
        paid = columns.position("paid")
        parts: list[tuple[str, str]] = []
        if paid in self.positions:
            parts.append(("paid", f"Paid amount not compared: {_NO_VALUE.format(names=columns.names[paid])} (the "
                                  f"workbook was never calculated): {_HOW_TO}."))  # fmt: skip
        passed = [name for position, name in zip(self.positions, self.names, strict=True) if position != paid]
        if passed:
            parts.append(("input", f"{_NO_VALUE.format(names=', '.join(passed))} (the workbook was never "
                                   f"calculated): left blank; {_HOW_TO}."))  # fmt: skip
        return RowNote(tuple(parts), paid=paid in self.positions)


_NO_VALUE = "a formula with no saved value in {names}"
_HOW_TO = "open and save it in Excel, or paste the values"


def _names(cells: list[str]) -> list[str]:
    return [name or f"column {i + 1}" for i, name in enumerate(cells)]


def _text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number(value, (getattr(cell, "number_format", "") or "").split(";")[0])
    return str(value)


def _number(value: float, number_format: str) -> str:
    """A number as Excel shows it in these formats: zero-padded digits (ZIP Code '00000', ZIP+4 '00000-0000'),
    decimals to the format's places ('$#,##0.00': 83.912 shows 83.91, half-up); else whole numbers without '.0'
    and others as their shortest decimal text."""
    from decimal import ROUND_HALF_UP, Decimal

    number_format = number_format.replace("\\", "").replace('"', "")  # Excel saves 00000\-0000 (an escaped dash)
    if re.fullmatch(r"0+(-0+)?", number_format) and float(value).is_integer() and value >= 0:
        head, _, tail = number_format.partition("-")
        digits = str(int(value)).zfill(len(head) + len(tail))
        return f"{digits[: len(head)]}-{digits[len(head) :]}" if tail else digits
    places = re.search(r"0\.(0+)", number_format)
    if places and isinstance(value, float):
        return str(Decimal(repr(value)).quantize(Decimal(1).scaleb(-len(places.group(1))), rounding=ROUND_HALF_UP))
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.15g}"
