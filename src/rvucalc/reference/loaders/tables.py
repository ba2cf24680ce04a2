"""Reading CMS tables: find the header by name, clean cells, validate every row.

Policies, the same for every CMS file we read:

* Encoding: CMS CSV/TXT files are read as cp1252 (a superset of ASCII that
  also decodes the occasional Latin-1 byte); XLSX cells are read as text.
* Every cell is kept as text until it is validated, so CMS's literal ``NA``
  (the "not priced in this setting" indicator) survives: there is no
  missing-value guessing (the pandas ``keep_default_na`` trap cannot happen).
* Header rows are found by their names, never by a fixed skip count. CMS
  stacks some headers over several rows ("WORK" over "RVU"); a header row's
  cells are joined with the non-title rows directly above it. A title row
  has at most one non-blank cell.
* Cells are stripped of padding: spaces, non-breaking spaces and stray 0xFF
  bytes (one CMS 508 CSV pads a code with one).
* Numbers may carry ``$``, ``,``, ``%`` and spaces (``.`` alone means none); they are stored as exact
  integers at the column's scale (RVU 0.01, GPCI 0.001, CF 0.0001). A percentage column whose cells
  carry no ``%`` and are all at most 1 holds fractions (a re-saved copy: ``0.4589`` for CMS's
  ``45.89%``) and is read as such; the decision is made for the whole column, never per cell.
* A CSV starting with a UTF-8 byte-order mark (a re-saved copy) is read as UTF-8.
* Cells are validated per column and per distinct value (most columns repeat a few values).
* Blank rows (including a trailing DOS end-of-file mark) and notes (a
  single cell of prose in the first column) are not data.
  Every other row is validated; a bad cell is reported with file, line and
  column and the file is rejected, never silently thinned.
"""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rvucalc.errors import BadCell, DataFileError

if TYPE_CHECKING:
    import pandas as pd

ENCODING = "cp1252"
HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class Column:
    """One field we need from a CMS table, with the header names it goes by."""

    field: str
    names: tuple[str, ...]
    pattern: str = r".*"
    expected: str = "text"
    scale: int | None = None  # decimal places, for numeric columns
    required: bool = True  # the header must be there
    blank_ok: bool = False  # numeric cells may be blank (-> missing)
    upper: bool = False
    zfill: int = 0  # restore leading zeros lost by spreadsheet round-trips
    percent: bool = False  # a percentage: CMS writes 45.89%, a re-saved copy may write 0.4589
    # Money CMS prints rounded to ``scale`` places ("$2,209.96 "); a re-saved copy (no "$" in the column)
    # may hold the spreadsheet's unrounded value (2209.9569664641117): rounded half-up to what CMS prints.
    rounds_resaved: bool = False
    _regex: re.Pattern[str] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_regex", re.compile(self.pattern))

    def matches(self, value: str) -> bool:
        return self._regex.fullmatch(value) is not None


def number(
    field_name: str,
    names: Iterable[str],
    scale: int,
    *,
    blank_ok: bool = False,
    required: bool = True,
    percent: bool = False,
    rounds_resaved: bool = False,
) -> Column:
    """A non-negative decimal column stored as an integer at ``scale`` places."""
    return Column(
        field_name,
        tuple(names),
        pattern=_decimal_pattern(scale),
        expected=f"a number with at most {scale} decimals",
        scale=scale,
        required=required,
        blank_ok=blank_ok,
        percent=percent,
        rounds_resaved=rounds_resaved,
    )


def _decimal_pattern(scale: int) -> str:
    return rf"\d+(\.\d{{0,{scale}}})?|\.\d{{1,{scale}}}"


def normalize_name(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\n", " ")).strip().upper()


def clean_number(text: str) -> str:
    """'$1,234.56 ' -> '1234.56'; '45.89%' -> '45.89' (the column says it is a percentage);
    CMS's '.' (no value) -> ''."""
    cleaned = text.replace("$", "").replace(",", "").replace("%", "").strip()
    return "" if cleaned == "." else cleaned


def to_scaled_int(text: str, scale: int) -> int:
    """'1,234.5' at scale 2 -> 123450, exactly (no binary floats involved)."""
    whole, _, frac = text.partition(".")
    return int(whole or "0") * int(10**scale) + int((frac + "0" * scale)[:scale] or "0")


def read_csv_cells(path: Path, *, encoding: str = ENCODING, delimiter: str = ",") -> list[list[str]]:
    with path.open("rb") as probe:
        if probe.read(3) == b"\xef\xbb\xbf":  # a UTF-8 byte-order mark: a copy re-saved as UTF-8
            encoding = "utf-8-sig"
    with path.open(newline="", encoding=encoding) as handle:
        return [list(row) for row in csv.reader(handle, delimiter=delimiter)]


def read_xlsx_cells(path: Path, sheet: str | None = None) -> list[list[str]]:
    """Every cell of a worksheet as text, as openpyxl would give it (python-calamine reads it ~20x faster).

    Whole numbers read as text without a decimal point (``1``, not ``1.0``), as Excel shows them.
    """
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # pragma: no cover - an installation without the fast reader
        return _read_xlsx_cells_openpyxl(path, sheet)
    _refuse_bomb(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        worksheet = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        rows = worksheet.to_python(skip_empty_area=False)
    except Exception as exc:  # calamine raises its own error types for a damaged workbook
        raise DataFileError(f"{path.name}: not a readable XLSX workbook ({exc}).") from None
    return [[value if value.__class__ is str else _cell_text(value) for value in row] for row in rows]


MAX_XLSX_UNPACKED = 600 * 2**20  # CMS's largest workbook (ZIP5) unpacks to about 30 MB


def _refuse_bomb(path: Path) -> None:
    """An XLSX is a zip: its sizes are read from the central directory before anything is inflated."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as book:
            unpacked = sum(info.file_size for info in book.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise DataFileError(f"{path.name}: not a readable XLSX workbook ({exc}).") from None
    if unpacked > MAX_XLSX_UNPACKED:
        raise DataFileError(
            f"{path.name}: the workbook would unpack to {unpacked // 2**20} MB; refused (not a CMS file, a zip bomb?)."
        )


def _cell_text(value: object) -> str:
    if value.__class__ is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return str(value)


def _read_xlsx_cells_openpyxl(path: Path, sheet: str | None = None) -> list[list[str]]:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        return [["" if value is None else str(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_fixed_width_cells(path: Path, spans: Sequence[tuple[int, int]]) -> list[list[str]]:
    """Slice each line at 1-based inclusive (start, end) positions."""
    with path.open(encoding=ENCODING, newline="") as handle:
        return [[line.rstrip("\r\n")[start - 1 : end] for start, end in spans] for line in handle]


def is_title_row(row: Sequence[str]) -> bool:
    return sum(1 for cell in row if cell.strip()) <= 1


def find_header(
    cells: list[list[str]],
    columns: Sequence[Column],
    file: str,
    rename: Callable[[str], str] | None = None,
) -> tuple[int, list[str]]:
    """Return the index of the (last) header row and the composed column names.

    ``rename`` maps a normalized name to the one the columns use (e.g. strips the
    quarter CMS prefixes to ASC column names: 'JANUARY 2025 PAYMENT RATE').
    """
    required = [column for column in columns if column.required]
    nearest: tuple[int, int, list[str]] | None = None  # (columns found, row, columns missing): a renamed column's row
    for index in range(min(len(cells), HEADER_SEARCH_ROWS)):
        names = stacked_names(cells, index)
        if rename:
            names = [rename(name) for name in names]
        missing = [column.names[0] for column in required if not any(name in column.names for name in names)]
        if not missing:
            return index, names
        found = len(required) - len(missing)
        if found * 2 >= len(required) and (nearest is None or found > nearest[0]):
            nearest = (found, index, missing)
    wanted = ", ".join(column.names[0] for column in required)
    if nearest is not None:  # the header row is there, a column of it is not: say which, not all of them
        _, index, missing = nearest
        lacks = "the column " + missing[0] if len(missing) == 1 else "the columns " + ", ".join(missing)
        raise DataFileError(
            f"{file}: its header row (row {index + 1}) lacks {lacks} (rvucalc reads {wanted}). "
            "Is this the right CMS file, or has CMS renamed a column?"
        )
    raise DataFileError(
        f"{file}: no header row with the columns {wanted} in its first {HEADER_SEARCH_ROWS} rows. "
        "Is this the right CMS file, or has CMS renamed a column?"
    )


def stacked_names(cells: list[list[str]], index: int) -> list[str]:
    block = [cells[index]]
    above = index - 1
    while above >= 0 and not is_title_row(cells[above]):
        block.insert(0, cells[above])
        above -= 1
    width = max(len(row) for row in block)
    return [normalize_name(" ".join(row[i] for row in block if i < len(row) and row[i].strip())) for i in range(width)]


def is_data_row(row: Sequence[str]) -> bool:
    """False for blank rows and for notes: one cell of prose in the first column.

    A lone cell without a space (``22590``) is not prose: it is kept, so a
    truncated data row is reported instead of skipped.
    """
    # \x1a is the DOS end-of-file mark some CMS CSVs still end with.
    filled = None
    for cell in row:
        if cell and cell.strip(" \t\x1a"):
            if filled is not None:
                return True  # two filled cells: data (the common case, decided early)
            filled = cell
    if filled is None:
        return False
    first = row[0].strip()
    is_note = first == filled.strip() and (" " in first or first.startswith("*"))
    return not is_note


def build_frame(
    cells: list[list[str]],
    columns: Sequence[Column],
    file: str,
    *,
    first_line: int = 1,
    rename: Callable[[str], str] | None = None,
) -> pd.DataFrame:
    """Validate the rows under the header and return one typed column per field.

    Numeric fields become ``int`` at their scale (``None`` where blank and not
    required); text fields stay text. A ``line`` column gives each row's line
    in the file, for error messages downstream.
    """
    import pandas as pd

    header_index, names = find_header(cells, columns, file, rename)
    positions: dict[str, int | None] = {}
    for column in columns:
        found = [i for i, name in enumerate(names) if name in column.names]
        positions[column.field] = found[0] if found else None

    data_rows: list[Sequence[str]] = []
    lines: list[int] = []
    for offset, row in enumerate(cells[header_index + 1 :], start=header_index + 1):
        if is_data_row(row):
            data_rows.append(row)
            lines.append(first_line + offset)
    values: dict[str, list[object]] = {}
    bad: list[BadCell] = []
    for column in columns:
        position = positions[column.field]
        raw = [row[position] if position < len(row) else "" for row in data_rows] if position is not None else None
        values[column.field] = _convert_column(raw or [""] * len(data_rows), column, file, lines, bad)
    if bad:
        bad.sort(key=lambda cell: cell.line)
        raise DataFileError(f"{file}: {len(bad)} cell(s) failed validation; the file was not loaded.", bad)
    frame = pd.DataFrame(
        {
            column.field: pd.array(values[column.field], dtype="Int64" if column.scale is not None else object)
            for column in columns
        }
    )
    frame.insert(0, "line", lines)
    return frame


# Padding CMS leaves around values: spaces, non-breaking spaces, and in one 508 CSV
# a 0xFF byte after a code (October 2025 Addendum B, line 11609: 'A4341\xff').
PADDING = " \t\r\n\xa0\xff"


def _convert_column(raw: list[str], column: Column, file: str, lines: list[int], bad: list[BadCell]) -> list[object]:
    """One column's cells cleaned, validated and converted; each distinct cell is handled once."""
    distinct = list(set(raw))
    texts = [cell.strip(PADDING) for cell in distinct]
    if column.scale is not None:
        texts = [clean_number(text) for text in texts]
    if column.upper:
        texts = [text.upper() for text in texts]
    if column.zfill:
        texts = [text.zfill(column.zfill) if text.isdigit() else text for text in texts]
    scale = column.scale
    matches: Callable[[str], bool] = column.matches
    if column.percent and scale is not None and _holds_fractions(distinct, texts):
        scale += 2  # 0.4589 -> 45.89 (%): two more places, exactly
        regex = re.compile(_decimal_pattern(scale))
        matches = lambda text: regex.fullmatch(text) is not None  # noqa: E731
    convert = to_scaled_int
    if column.rounds_resaved and scale is not None and not any("$" in cell for cell in distinct):
        regex = re.compile(r"\d+(\.\d*)?|\.\d+")
        matches = lambda text: regex.fullmatch(text) is not None  # noqa: E731
        convert = _rounded_scaled_int
    converted: dict[str, object] = {}
    for cell, text in zip(distinct, texts, strict=True):
        if not text and scale is not None and column.blank_ok:
            converted[cell] = None
        elif not matches(text):
            converted[cell] = _BAD
        else:
            converted[cell] = convert(text, scale) if scale is not None else text
    result = [converted[cell] for cell in raw]
    if _BAD in converted.values():
        bad.extend(
            BadCell(file, line, column.names[0], cell, column.expected)
            for line, cell, value in zip(lines, raw, result, strict=True)
            if value is _BAD
        )
    return result


_BAD = object()


def _rounded_scaled_int(text: str, scale: int) -> int:
    """'2209.9569664641117' at scale 2 -> 220996: rounded half-up once, exactly (decimal arithmetic)."""
    from decimal import ROUND_HALF_UP, Decimal

    return int(Decimal(text).scaleb(scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _holds_fractions(raw: list[str], texts: list[str]) -> bool:
    """A percentage column written as fractions: no cell says %, and none is above 1."""
    if any("%" in cell for cell in raw):
        return False
    numbers = [text for text in texts if text]
    try:
        return bool(numbers) and all(float(text) <= 1 for text in numbers)
    except ValueError:
        return False  # a bad cell: reported by the validation


def unique_rows(frame: pd.DataFrame, keys: list[str], file: str) -> pd.DataFrame:
    """Rows must be unique by ``keys``. A row repeated *identically* (every field
    equal; CMS's January 2025 ASC BB lists 90684 twice) is kept once, and the
    collapsed lines are recorded in ``frame.attrs["collapsed_lines"]``; a key
    repeated with different values is an error naming every line."""
    fields = [name for name in frame.columns if name != "line"]
    identical = frame.duplicated(fields, keep="first")
    result = frame[~identical].reset_index(drop=True)
    result.attrs["collapsed_lines"] = [int(line) for line in frame.loc[identical, "line"]]
    conflicting = result[result.duplicated(keys, keep=False)]
    if len(conflicting):
        cells = [
            BadCell(file, int(row["line"]), "+".join(keys), "/".join(str(row[k]) for k in keys), "unique")
            for _, row in conflicting.iterrows()
        ]
        raise DataFileError(f"{file}: {len(cells)} rows repeat a key with different values.", cells)
    return result
