"""Batch output as a real Excel workbook (openpyxl, write-only mode: rows stream to disk).

Money columns (exact decimals) are numbers with a currency format; every other column is
text, as it was read, so codes and ZIPs keep their leading zeros (``01234``). Text that
starts with ``=`` is stored as text, never as a formula (openpyxl would otherwise write
``=HYPERLINK(...)`` from a pass-through cell as a live formula); ``+``, ``-`` and ``@`` cells
are text cells too, which Excel shows as written. Characters XML cannot hold (control
characters other than tab and line breaks) are replaced by U+FFFD. The header row is frozen.
"""

from __future__ import annotations

from typing import Any

CURRENCY_FORMAT = '"$"#,##0.00'
SHEET_TITLE = "priced"


class XlsxWriter:
    """One sheet: the header from the first table, then each table's rows."""

    def __init__(self, path: str, *, integer_columns: set[str]) -> None:
        from openpyxl import Workbook

        self.path = path
        self.integer_columns = integer_columns
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(SHEET_TITLE)
        self.sheet.freeze_panes = "A2"
        self._header = False

    def write(self, table: Any) -> None:
        """Append a table's rows (money columns decimal128/decimal64, the rest text)."""
        import pyarrow as pa
        from openpyxl.cell import WriteOnlyCell

        from rvucalc.batch.arrow_columns import is_money

        if not self._header:
            self.sheet.append([self._text(name) for name in table.column_names])
            self._header = True
        columns: list[list[Any]] = []
        for name, column in zip(table.column_names, table.columns, strict=True):
            if is_money(column):
                columns.append([self._money(value, WriteOnlyCell) for value in column.to_pylist()])
            elif name in self.integer_columns:
                columns.append([v if isinstance(v, int) else self._text(v) for v in _integers(column)])
            else:
                if not pa.types.is_string(column.type):
                    column = column.cast(pa.string())
                columns.append([self._text(value, WriteOnlyCell) for value in column.to_pylist()])
        for row in zip(*columns, strict=True):
            self.sheet.append(row)

    def _money(self, value: Any, cell_type: Any) -> Any:
        if value is None:
            return None
        cell = cell_type(self.sheet, value)
        cell.number_format = CURRENCY_FORMAT
        return cell

    def _text(self, value: str | None, cell_type: Any = None) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if not value:
            return None
        if ILLEGAL_CHARACTERS_RE.search(value):
            value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
        if value.startswith("=") and len(value) > 1:
            cell = (cell_type or WriteOnlyCell)(self.sheet, value)
            cell.data_type = "s"  # openpyxl reads a leading '=' as a formula; this is text
            return cell
        return value

    def close(self) -> None:
        if not self._header:
            self.sheet.append([])
        self.workbook.save(self.path)


def _integers(column: Any) -> list[Any]:
    """Units: a number where the cell is plain digits, else the text as it was."""
    values: list[Any] = []
    for value in column.cast("string").to_pylist():
        text = (value or "").strip()
        values.append(int(text) if text.isascii() and text.isdigit() and len(text) <= 7 else (value or None))
    return values
