"""Batch output as a real Excel workbook, written as SpreadsheetML text straight into the zip.

Money columns (exact decimals) are numbers with a currency format, written digit for digit from
the decimal (never through a float); a boolean column (``in_totals``) is Excel's TRUE/FALSE; every other
column is text (inline strings), as it was read, so codes and ZIPs keep their leading zeros (``01234``);
the units column is a number where it is plain digits. In the input's pass-through columns (``number_columns``,
``date_columns``: the caller's choice)
a plain decimal number without leading zeros (``180``, ``63.5``, ``-12.40``) is a number, and an ISO date
(``2026-11-12``) an Excel date with a date format, so that a sum or a date filter works on them; the date of service
(``day_columns``) is an Excel date in any form batch reads it (``02/09/2025``), its text where batch cannot read it.
Text that starts with ``=`` is stored as text, never as a formula; so are ``+``, ``-`` (but for such a number) and
``@`` cells, which Excel shows as written. Characters XML cannot hold (control characters other than tab and line
breaks, U+FFFE, U+FFFF) are replaced by U+FFFD. The header row is frozen; one sheet, "priced".

Why not openpyxl (it still reads workbooks elsewhere): its write-only mode builds a cell object
per value and serialises it through et_xmlfile, ~800 rows a second for batch's 45 columns
(10,000 lines: 18.4 s to .xlsx against 5.9 s to .csv; ~1,000 rows a second of CPU time alone).
Here each column becomes its cells in Arrow compute kernels (the GIL released, so the next chunk
is priced meanwhile) and the rows stream into a deflated zip member: ~30,000 rows a second of CPU
time for the same rows; 100,000 lines take ~3 s more than .csv instead of ~200 s, at a peak of
571 MB (.csv 545 MB, openpyxl 979 MB), and memory stays bounded whatever the row count.
"""

from __future__ import annotations

import contextlib
import re
import zipfile
from typing import Any

from rvucalc.batch.dates import ungrouped_units
from rvucalc.errors import OutputFailedError

CURRENCY_FORMAT = '"$"#,##0.00'
PAID_AS_READ = "paid_as_read"  # the priced column of the paid cell's amount as read (batch.lines.OUTPUT_COLUMNS)
SHEET_TITLE = "priced"
MAX_SHEET_ROWS = 1_048_576  # Excel's limit, the header included (the caller refuses more first)
MAX_SHEET_COLUMNS = 16_384  # Excel's: XFD
MAX_CELL_CHARACTERS = 32_767  # Excel's limit of a cell's text
# A plain zip member (Zip64 extensions, which not every spreadsheet reader takes, would be needed past it); at
# ~1,400 bytes a row for batch's ~45 columns a full sheet is ~1.5 GB, so only wide pass-through input reaches it.
_MAX_SHEET_BYTES = zipfile.ZIP64_LIMIT
_SLICE_ROWS = 10_000  # rows formatted at a time: bounds the memory of one chunk's XML
_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]"  # RE2 (Arrow): characters XML cannot hold
_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL = r'[&<>"\r\x00-\x08\x0b\x0c\x0e-\x1f\x{fffe}\x{ffff}]'  # any of these: escape the column
_SPACED = r"^[ \t\r\n]|[ \t\r\n]$"  # kept only under xml:space="preserve"
_SPACED_RE = re.compile(_SPACED)
_MONEY = '" s="1"><v>'  # style 1: the currency format
_DATE = '" s="2"><v>'  # style 2: an ISO date format
# A pass-through cell written as a number: a plain decimal, no leading zero, no sign but '-', at most 15 digits (a
# double holds them exactly; a 16-digit id is no number); an ISO date as a date from 1900-03-01 (Excel's serial days
# before it count its 1900 leap day).
_PLAIN_NUMBER = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"
_MAX_NUMBER_DIGITS = 15
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_EXCEL_EPOCH_DAYS = 25569  # 1970-01-01 as an Excel serial day (1900 date system)
_EXCEL_ORDINAL_OFFSET = 693594  # a date's proleptic ordinal less this is its Excel serial day (from 1900-03-01)
_FIRST_SERIAL = 61  # 1900-03-01
_NUMBER = '"><v>'
_BOOLEAN = '" t="b"><v>'  # a boolean cell: 1 TRUE, 0 FALSE
_END_NUMBER = "</v></c>"
_TEXT = '" t="inlineStr"><is><t>'
_PRESERVE = '" t="inlineStr"><is><t xml:space="preserve">'
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"))
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" '
    f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><bookViews><workbookView/></bookViews>'
    f'<sheets><sheet name="{SHEET_TITLE}" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PACKAGE_RELS}">'
    f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS}/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
}
_SHEET_START = (
    f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


class XlsxWriter:
    """One sheet: the header from the first table, then each table's rows, streamed to ``path``."""

    def __init__(
        self, path: str, *, integer_columns: set[str], number_columns: frozenset[int] = frozenset(),
        date_columns: frozenset[int] = frozenset(), day_columns: frozenset[int] = frozenset(),
        paid_columns: frozenset[int] = frozenset(),
    ) -> None:  # fmt: skip
        self.path = path
        self.integer_columns = integer_columns
        self.number_columns = number_columns  # positions whose plain decimal numbers are numbers
        self.date_columns = date_columns  # positions whose ISO dates are dates
        self.day_columns = day_columns  # positions of dates of service: a date wherever batch reads the cell as one
        # positions of the paid column: its amount as batch read it (the table's paid_as_read), where it read one
        self.paid_columns = paid_columns
        self._days: dict[str, int | None] = {}  # a date of service cell's text -> its Excel serial day (None: text)
        self._file = open(path, "wb")  # noqa: SIM115 (closed by close or abort)
        self._zip = zipfile.ZipFile(self._file, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w")  # a fixed 1980 date: byte-stable
        self._sheet.write((_HEAD + _SHEET_START).encode())
        self._rows = 0  # written so far, the header included
        self._size = 0  # bytes of the sheet's rows so far
        self.cut_cells = 0  # text cells cut to Excel's 32,767 characters (the caller says so)

    def write(self, table: Any) -> None:
        """Append a table's rows (money columns decimal128/decimal64, the rest text)."""
        import numpy as np

        if self._rows == 0 and table.num_columns > MAX_SHEET_COLUMNS:
            raise OutputFailedError(
                f"an Excel sheet holds at most {MAX_SHEET_COLUMNS:,} columns; this output has {table.num_columns:,}: "
                "write .csv or .parquet instead"
            )
        if self._rows == 0:
            cells = (_text_cell(f"{column_letters(i)}1", name) for i, name in enumerate(table.column_names))
            self._sheet.write(f'<row r="1">{"".join(cells)}</row>'.encode())
            self._rows = 1
        if self._rows + table.num_rows > MAX_SHEET_ROWS:
            raise OutputFailedError(f"an Excel sheet holds at most {MAX_SHEET_ROWS:,} rows, the header included")
        for start in range(0, table.num_rows, _SLICE_ROWS):
            rows = self._row_xml(table.slice(start, _SLICE_ROWS))
            for chunk in rows.chunks:  # the rows' bytes, straight from the Arrow buffer
                if len(chunk):
                    _, offsets, data = chunk.buffers()
                    begin, end = np.frombuffer(offsets, np.int32, len(chunk) + 1, chunk.offset * 4)[[0, -1]]
                    self._size += int(end - begin)
                    if self._size > _MAX_SHEET_BYTES:
                        raise OutputFailedError(
                            "the sheet passed 2 GiB of XML, more than rvucalc writes to one workbook: "
                            "write .csv or .parquet instead; nothing was written"
                        )
                    self._sheet.write(memoryview(data)[begin:end])

    def _row_xml(self, table: Any) -> Any:
        """Each row's ``<row>`` element, built column by column in Arrow (nulls and empty text: no cell)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from rvucalc.batch.arrow_columns import is_money

        first = self._rows + 1
        self._rows += table.num_rows
        numbers = pa.array(range(first, first + table.num_rows), pa.int64()).cast(pa.string())
        parts: list[Any] = ['<row r="', numbers, '">']
        names = table.column_names
        # The paid amount as read ('$1,341.54' is 1341.54; the last so named: the input's own is 'paid_as_read (input)')
        as_read = table.column(len(names) - 1 - names[::-1].index(PAID_AS_READ)) if PAID_AS_READ in names else None
        for index, (name, column) in enumerate(zip(table.column_names, table.columns, strict=True)):
            ref = f'<c r="{column_letters(index)}'
            if is_money(column):  # the decimal's own digits, "-12.34"
                cells = pc.binary_join_element_wise(ref, numbers, _MONEY, column.cast(pa.string()), _END_NUMBER, "")
            elif pa.types.is_boolean(column.type):  # Excel's own TRUE/FALSE (in_totals), which its filter lists
                cells = pc.binary_join_element_wise(ref, numbers, _BOOLEAN, column.cast(pa.int8()).cast(pa.string()),
                                                    _END_NUMBER, "")  # fmt: skip
            else:
                text = column if pa.types.is_string(column.type) else column.cast(pa.string())
                # Excel holds 32,767 characters a cell: a longer one is a workbook Excel "repairs" (a review)
                long = pc.greater(pc.utf8_length(text), MAX_CELL_CHARACTERS)
                if pc.any(long).as_py():
                    self.cut_cells += int(pc.sum(long).as_py())
                    text = pc.utf8_slice_codeunits(text, 0, MAX_CELL_CHARACTERS)
                cells = _text_cells(ref, numbers, text)
                if name in self.integer_columns:  # plain digits (up to 7): a number, leading zeros dropped
                    # A whole number written with a zero fraction ('2.00') is that number, as batch reads it (a
                    # re-test found a practice system's 2.00 units left as text beside its 2s).
                    # So is one grouped by thousands ('3,000', '1,200.00': batch.dates.ungrouped_units).
                    trimmed = ungrouped_units(pc.utf8_trim_whitespace(text))
                    stripped = pc.replace_substring_regex(trimmed, r"^([0-9]{1,7})\.0+$", r"\1")
                    digits = pc.match_substring_regex(stripped, "^[0-9]{1,7}$")
                    value = pc.if_else(digits, stripped, pa.scalar(None, pa.string())).cast(pa.int64())
                    number = pc.binary_join_element_wise(
                        ref, numbers, _NUMBER, value.cast(pa.string()), _END_NUMBER, ""
                    )
                    cells = pc.if_else(digits, number, cells)
                elif index in self.day_columns:
                    cells = self._service_date_cells(ref, numbers, text, cells)
                elif index in self.number_columns or index in self.date_columns:
                    cells = _number_or_date_cells(ref, numbers, text, cells, index in self.number_columns,
                                                  index in self.date_columns)  # fmt: skip
                if index in self.paid_columns and as_read is not None:
                    # Where batch read the cell as money, that amount with the currency format (a review: '$1,341.54'
                    # stayed text beside 35.81 as a number, and a SUM of the column left it out); elsewhere (a cell
                    # that is no amount, whose row says so; an error row, not read) as above.
                    money = pc.binary_join_element_wise(ref, numbers, _MONEY, as_read.cast(pa.string()), _END_NUMBER,
                                                        "")  # fmt: skip
                    cells = pc.if_else(pc.is_valid(as_read), money, cells)
            parts.append(pc.fill_null(cells, ""))
        parts.append("</row>")
        return pc.binary_join_element_wise(*parts, "")

    def _service_date_cells(self, ref: str, numbers: Any, text: Any, cells: Any) -> Any:
        """A date of service column's cells: an Excel date wherever batch's one date grammar (``lookup.dates``: ISO,
        US month-first, compact, a time of day left out) reads the cell, as the row was priced; the others (the
        row's bad_date error) as they were (``cells``). Each distinct cell is read once (a chunk's few dates)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        from rvucalc.lookup.dates import date_from_text

        distinct = pc.unique(pc.drop_null(text))
        if len(self._days) > 100_000:  # bounded: a file of date-times, each distinct
            self._days.clear()
        found = []
        for value in distinct.to_pylist():
            if value not in self._days:
                try:
                    serial: int | None = date_from_text(value).toordinal() - _EXCEL_ORDINAL_OFFSET
                except ValueError:
                    serial = None
                self._days[value] = serial if serial is not None and serial >= _FIRST_SERIAL else None
            found.append(self._days[value])
        serials = pa.array(found, pa.int64())
        days = pc.take(serials, pc.index_in(text, value_set=distinct))
        date = pc.binary_join_element_wise(ref, numbers, _DATE, pc.cast(days, pa.string()), _END_NUMBER, "")
        return pc.if_else(pc.is_null(days), cells, date)

    def close(self) -> None:
        """Finish the sheet and the package."""
        self._sheet.write(_SHEET_END.encode())
        self._sheet.close()
        for name, xml in _PARTS.items():
            with self._zip.open(name, "w") as part:
                part.write((_HEAD + xml).encode())
        self._zip.close()
        self._file.close()

    def abort(self) -> None:
        """Close the file, its end not to be relied on (the run failed; the caller removes it)."""
        try:
            with contextlib.suppress(OSError, ValueError, RuntimeError):
                self._sheet.close()
                self._zip.close()
        finally:
            self._file.close()


def column_letters(index: int) -> str:
    """The letters of a 0-based column: A .. Z, AA .. ZZ, AAA .."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _number_or_date_cells(ref: str, numbers: Any, text: Any, cells: Any, as_number: bool, as_date: bool) -> Any:
    """A pass-through column's cells: a plain decimal as a number (its own digits), an ISO date as a date; the
    others as they were (``cells``). On whole columns (Arrow kernels)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if as_number:
        plain = pc.fill_null(pc.match_substring_regex(text, _PLAIN_NUMBER), False)
        if pc.any(plain).as_py():
            digits = pc.utf8_length(pc.replace_substring_regex(text, "[-.]", ""))
            plain = pc.and_(plain, pc.less_equal(digits, _MAX_NUMBER_DIGITS))
            number = pc.binary_join_element_wise(ref, numbers, _NUMBER, text, _END_NUMBER, "")
            cells = pc.if_else(plain, number, cells)
    if as_date:
        iso = pc.fill_null(pc.match_substring_regex(text, _ISO_DATE), False)
        if pc.any(iso).as_py():
            read = pc.strptime(pc.if_else(iso, text, pa.scalar(None, pa.string())), format="%Y-%m-%d", unit="s",
                               error_is_null=True)  # fmt: skip
            day = pc.cast(read, pa.date32())
            days = pc.add(pc.cast(day, pa.int32()), _EXCEL_EPOCH_DAYS)
            # the day it reads as is the one written (strptime takes 2026-02-30 as March 2nd: that stays text)
            same = pc.equal(pc.strftime(read, format="%Y-%m-%d"), text)
            dated = pc.fill_null(pc.and_(same, pc.greater_equal(days, _FIRST_SERIAL)), False)
            date = pc.binary_join_element_wise(ref, numbers, _DATE, pc.cast(days, pa.string()), _END_NUMBER, "")
            cells = pc.if_else(dated, date, cells)
    return cells


def _text_cells(ref: str, numbers: Any, text: Any) -> Any:
    """Inline-string cells; a value that needs no escaping (most) skips the replacements."""
    import pyarrow as pa
    import pyarrow.compute as pc

    empty = pc.equal(text, "")
    unusual = pc.any(pc.match_substring_regex(text, f"{_SPECIAL}|{_SPACED}")).as_py()  # one pass for most columns
    if unusual and pc.any(pc.match_substring_regex(text, _SPECIAL)).as_py():
        text = pc.replace_substring_regex(text, _ILLEGAL, "\ufffd")
        for plain, escaped in _ESCAPES:
            text = pc.replace_substring(text, plain, escaped)
    cells = pc.binary_join_element_wise(ref, numbers, _TEXT, text, "</t></is></c>", "")
    if unusual and pc.any(spaced := pc.match_substring_regex(text, _SPACED)).as_py():
        kept = pc.binary_join_element_wise(ref, numbers, _PRESERVE, text, "</t></is></c>", "")
        cells = pc.if_else(spaced, kept, cells)
    return pc.if_else(empty, pa.scalar(None, pa.string()), cells)


def _text_cell(ref: str, value: str | None) -> str:
    if not value:
        return ""
    value = _ILLEGAL_RE.sub("\ufffd", value)
    for plain, escaped in _ESCAPES:
        value = value.replace(plain, escaped)
    return f'<c r="{ref}{_PRESERVE if _SPACED_RE.search(value) else _TEXT}{value}</t></is></c>'
