"""A partition of claim lines, parsed: per-row ids into facts about each distinct value.

Text is parsed once per distinct value (a column's dictionary), not once per row:
a million lines hold a few thousand codes, ZIPs and dates. Rows then carry small
integer ids, messages are interned (``Texts``), and results are integer cents with
validity masks until ``Lines.output`` wraps them as Arrow columns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import int32_array, money_array, string_array, strings_of, values_of
from rvucalc.engine.scenario import parse_paid
from rvucalc.errors import ErrorKind, RvucalcError, UsageError
from rvucalc.lookup.lines import AnesthesiaInput, parse_line
from rvucalc.lookup.pricer import parse_anesthesia

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

INPUT_COLUMNS = (
    "code", "modifier", "units", "zip", "locality", "year", "date", "setting", "base_units", "minutes", "paid", "claim",
)  # fmt: skip
OUTPUT_COLUMNS = (
    "pfs_non_facility_amount",
    "pfs_facility_amount",
    "pfs_non_facility_limiting_charge",
    "pfs_facility_limiting_charge",
    "opps_rate",
    "opps_copayment",
    "asc_rate",
    "asc_coinsurance",
    "clfs_amount",
    "drug_amount",
    "dmepos_amount",
    "office_allowed",
    "office_beneficiary",
    "office_medicare",
    "hopd_allowed",
    "hopd_beneficiary",
    "hopd_medicare",
    "asc_allowed",
    "asc_beneficiary",
    "asc_medicare",
    "allowed",
    "beneficiary",
    "medicare",
    "release",
    "locality_priced",
    "note",
    "error",
    "error_kind",
    "scenario",
    "contract_amount",
    "expected",
    "variance",
    "site",
)
SITES = ("office", "hopd", "asc")
TEXT_COLUMNS = ("release", "locality_priced", "note", "error", "error_kind", "scenario", "site")
SITE_NAMES = ("", "office", "hopd", "asc", "facility")  # lines.site ids: the place a row's allowed amount is for
MONEY_COLUMNS = tuple(name for name in OUTPUT_COLUMNS if name not in TEXT_COLUMNS)
KINDS: tuple[str, ...] = ("", *(kind.value for kind in ErrorKind))  # error_kind ids; 0: no error
MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers
NATIONAL = "0000000"


def normalize_columns(columns: Iterable[Any]) -> dict[int, str]:
    """Input column position -> our name, case-insensitively (the first of each); ``code`` is required."""
    mapping: dict[int, str] = {}
    names = [str(name) for name in columns]
    for position, name in enumerate(names):
        key = name.strip().lower()
        if key in INPUT_COLUMNS and key not in mapping.values():
            mapping[position] = key
    if "code" not in mapping.values():
        raise UsageError(f"The input has no 'code' column (columns: {', '.join(names)}).")
    return mapping


class Texts:
    """Interned text: rows hold int32 ids; id 0 is ''."""

    def __init__(self) -> None:
        self.values = [""]
        self._ids = {"": 0}

    def id(self, text: str | None) -> int:
        text = text or ""
        if text not in self._ids:
            self._ids[text] = len(self.values)
            self.values.append(text)
        return self._ids[text]

    def ids(self, texts: Iterable[str | None]) -> np.ndarray:
        import numpy as np

        return np.fromiter((self.id(text) for text in texts), dtype=np.int32)

    def per_value(self, keys: np.ndarray, text_of: Any) -> np.ndarray:
        """Per row: the id of ``text_of(key)``, computed once per distinct key."""
        import numpy as np

        distinct, inverse = np.unique(keys, return_inverse=True)
        return self.ids(text_of(key) for key in distinct.tolist())[inverse.reshape(-1)]

    def join(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Per row: the two texts joined with '; ' (either may be empty)."""
        import numpy as np

        rows = np.flatnonzero(right)
        if not rows.size:
            return left
        pairs, inverse = np.unique((left[rows].astype(np.int64) << 32) | right[rows], return_inverse=True)
        joined = self.ids(
            "; ".join(t for t in (self.values[key >> 32], self.values[key & 0xFFFFFFFF]) if t) for key in pairs.tolist()
        )
        out = left.copy()
        out[rows] = joined[inverse]
        return out

    def column(self, ids: np.ndarray) -> pa.Array:
        """The rows' texts as a dictionary column (the distinct texts the rows use, stored once: not every
        text interned on the way, such as the notes' partial joins, in each of the five text columns)."""
        import numpy as np
        import pyarrow as pa

        used, inverse = np.unique(ids, return_inverse=True)
        values = [self.values[i] for i in used.tolist()]
        return pa.DictionaryArray.from_arrays(int32_array(inverse.reshape(-1).astype(np.int32)), string_array(values))


@dataclass
class _Code:
    """A distinct (code, modifier) cell pair, parsed as single lookups parse ``CODE-MOD --modifier MOD``."""

    text: str  # the code cell, e.g. '27447-50'
    modifier_text: str  # the modifier cell
    code: str
    error: str = ""
    kind: int = 0  # into KINDS


@dataclass
class Lines:
    """One partition's lines as per-row ids into per-distinct-value facts, and its results."""

    rows: int
    texts: Texts
    code: np.ndarray  # -> codes
    codes: list[_Code]
    zip: np.ndarray  # -> zips (as given, stripped)
    zips: list[str]
    locality: np.ndarray  # -> localities (as given, stripped)
    localities: list[str]
    when: np.ndarray  # -> whens: (year, date) text
    whens: list[tuple[str, str]]
    units: np.ndarray  # int64
    paid: np.ndarray  # int64 cents, with paid_given: a remittance's paid amount (for expected and variance)
    paid_given: np.ndarray
    anesthesia: np.ndarray  # -> anesthesias: (base units, minutes) text; id 0 is neither
    anesthesias: list[tuple[str, str]]
    site: np.ndarray  # 0 none, 1 office, 2 hopd, 3 asc
    error: np.ndarray  # text ids; the first error wins
    error_kind: np.ndarray  # into KINDS
    note: np.ndarray
    release: np.ndarray
    locality_priced: np.ndarray
    scenario: np.ndarray
    cents: dict[str, np.ndarray] = field(default_factory=dict)
    valid: dict[str, np.ndarray] = field(default_factory=dict)
    claim: np.ndarray | None = None  # -> claims (as given, stripped; '' none): ``batch.claims`` groups encounters
    claims: list[str] = field(default_factory=lambda: [""])

    def fail(self, rows: np.ndarray, message_ids: Any, kinds: Any) -> None:
        """Give these rows (positions) an error and its kind (ids into KINDS) unless they already have one."""
        import numpy as np

        ids = np.broadcast_to(np.asarray(message_ids, dtype=np.int32), rows.shape)
        kind_ids = np.broadcast_to(np.asarray(kinds, dtype=np.int8), rows.shape)
        free = (self.error[rows] == 0) & (ids != 0)
        self.error[rows[free]] = ids[free]
        self.error_kind[rows[free]] = kind_ids[free]

    def fail_with(self, rows: np.ndarray, error: RvucalcError) -> None:
        self.fail(rows, self.texts.id(str(error)), kind_id(error.kind))

    def add_note(self, rows: np.ndarray, message_ids: Any) -> None:
        import numpy as np

        right = np.zeros(self.rows, dtype=np.int32)
        right[rows] = message_ids
        self.note = self.texts.join(self.note, right)

    def set_money(self, name: str, rows: np.ndarray, cents: Any, valid: Any) -> None:
        self.cents[name][rows] = cents
        self.valid[name][rows] = valid

    def output(self) -> pa.Table:
        import numpy as np
        import pyarrow as pa

        ok = self.error == 0
        columns: dict[str, pa.Array] = {}
        for name in OUTPUT_COLUMNS:
            if name in MONEY_COLUMNS:
                columns[name] = money_array(self.cents[name], self.valid[name] & ok)
            elif name in ("release", "locality_priced"):
                columns[name] = self.texts.column(np.where(ok, getattr(self, name), 0))
            elif name == "error_kind":
                columns[name] = _kind_column(self.error_kind)
            elif name == "scenario":
                columns[name] = self.texts.column(np.where(ok, self.scenario, 0))
            elif name == "site":
                ids = np.where(ok & (self.site > 0), self.site, 0).astype(np.int32)
                columns[name] = pa.DictionaryArray.from_arrays(int32_array(ids), string_array(list(SITE_NAMES)))
            else:
                columns[name] = self.texts.column(getattr(self, name))
        return pa.Table.from_arrays(list(columns.values()), names=list(columns))


def kind_id(kind: ErrorKind) -> int:
    return KINDS.index(kind.value)


def _kind_column(ids: np.ndarray) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(int32_array(ids.astype(np.int32)), string_array(list(KINDS)))


def _distinct(table: pa.Table, position: int | None) -> tuple[np.ndarray, list[str]]:
    """A column as per-row ids and its distinct values (stripped text)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if position is None:
        return np.zeros(table.num_rows, dtype=np.int32), [""]
    column = table.column(position)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    if column.null_count:  # only from pandas or Parquet input: the CSV readers give ''
        column = pc.fill_null(column, "")
    encoded = column.combine_chunks().dictionary_encode()
    return values_of(encoded.indices), [value.strip() for value in strings_of(encoded.dictionary)]


def parse_lines(
    table: pa.Table, row_errors: dict[int, str] | None = None, parsed: dict[tuple[str, str], _Code] | None = None
) -> Lines:
    """Check every distinct code, modifier, units, setting value once; rows get ids and errors.

    ``parsed`` keeps (code, modifier) texts already parsed, across the partitions of a run."""
    parsed = {} if parsed is None else parsed
    import numpy as np

    names = {ours: position for position, ours in normalize_columns(table.column_names).items()}
    rows = table.num_rows
    texts = Texts()
    code_ids, code_values = _distinct(table, names.get("code"))
    modifier_ids, modifier_values = _distinct(table, names.get("modifier"))
    pair_keys, code = np.unique(code_ids.astype(np.int64) * len(modifier_values) + modifier_ids, return_inverse=True)
    codes = []
    for key in pair_keys.tolist():
        texts_key = (code_values[key // len(modifier_values)], modifier_values[key % len(modifier_values)])
        if texts_key not in parsed:
            parsed[texts_key] = _parse_code(*texts_key)
        codes.append(parsed[texts_key])
    zip_ids, zips = _distinct(table, names.get("zip"))
    locality_ids, localities = _distinct(table, names.get("locality"))
    year_ids, years = _distinct(table, names.get("year"))
    date_ids, dates = _distinct(table, names.get("date"))
    when_keys, when = np.unique(year_ids.astype(np.int64) * len(dates) + date_ids, return_inverse=True)
    whens = [(years[key // len(dates)], dates[key % len(dates)]) for key in when_keys.tolist()]
    base_ids, bases = _distinct(table, names.get("base_units"))
    minute_ids, minutes = _distinct(table, names.get("minutes"))
    anesthesia_keys, anesthesia = np.unique(base_ids.astype(np.int64) * len(minutes) + minute_ids, return_inverse=True)
    anesthesias = [(bases[key // len(minutes)], minutes[key % len(minutes)]) for key in anesthesia_keys.tolist()]
    if not anesthesias or anesthesias[0] != ("", ""):  # keep id 0 for "neither given"
        anesthesias.insert(0, ("", ""))
        anesthesia = anesthesia + 1
    paid_ids, paid_values = _distinct(table, names.get("paid"))
    paid_parsed = [parse_paid(value) for value in paid_values]
    unit_ids, unit_values = _distinct(table, names.get("units"))
    unit_numbers = [_units(value) for value in unit_values]
    setting_ids, setting_values = _distinct(table, names.get("setting"))
    claim_ids, claims = _distinct(table, names.get("claim"))
    places = [_place_of_service(value) for value in setting_values]
    site_numbers = [number for number, _, _ in places]
    lines = Lines(
        rows=rows, texts=texts, code=code.astype(np.int32).reshape(-1), codes=codes, zip=zip_ids, zips=zips,
        locality=locality_ids, localities=localities, when=when.astype(np.int32).reshape(-1), whens=whens,
        units=np.array([u or 1 for u in unit_numbers], dtype=np.int64)[unit_ids],
        anesthesia=anesthesia.astype(np.int32).reshape(-1), anesthesias=anesthesias,
        paid=np.array([cents or 0 for cents, _ in paid_parsed], dtype=np.int64)[paid_ids],
        paid_given=np.array([cents is not None for cents, _ in paid_parsed], dtype=bool)[paid_ids],
        site=np.array(site_numbers, dtype=np.int8)[setting_ids],
        error=np.zeros(rows, dtype=np.int32), error_kind=np.zeros(rows, dtype=np.int8),
        note=np.zeros(rows, dtype=np.int32),
        release=np.zeros(rows, dtype=np.int32), locality_priced=np.zeros(rows, dtype=np.int32),
        scenario=np.zeros(rows, dtype=np.int32), claim=claim_ids, claims=claims,
    )  # fmt: skip
    for name in MONEY_COLUMNS:
        lines.cents[name] = np.zeros(rows, dtype=np.int64)
        lines.valid[name] = np.zeros(rows, dtype=bool)
    # In the single lookup's order, so that a row with several problems reports the same one:
    # the line's shape, its setting and anesthesia inputs, then (when priced) its date, place and code.
    if row_errors:
        positions = np.fromiter(row_errors, dtype=np.int64)
        # A message may carry its kind (batch.columns.RowError: a bad date or units cell); else a ragged line.
        kinds = [
            kind_id(ErrorKind(getattr(message, "kind", ErrorKind.RAGGED_LINE.value))) for message in row_errors.values()
        ]
        lines.fail(positions, texts.ids(row_errors.values()), np.array(kinds, dtype=np.int8))
    for number, (_, note, problem) in enumerate(places):
        mine = np.flatnonzero(setting_ids == number)
        if problem is not None:
            lines.fail_with(mine, problem)
        elif note and mine.size:
            lines.add_note(mine, texts.id(note))
    for number, (base, minutes) in enumerate(anesthesias):
        problem = anesthesia_problem(base, minutes)
        if problem is not None:
            lines.fail_with(np.flatnonzero(lines.anesthesia == number), problem)
    # Messages are interned only when used: the writer checks the texts for CSV quoting.
    paid_errors = texts.ids(problem for _, problem in paid_parsed)[paid_ids]
    lines.fail(np.arange(rows), paid_errors, kind_id(ErrorKind.BAD_PAID))
    bad_units = np.flatnonzero(np.array([n is None for n in unit_numbers], dtype=bool)[unit_ids])
    if bad_units.size:
        lines.fail(bad_units, texts.id(f"units must be a whole number from 1 to {MAX_UNITS}"),
                   kind_id(ErrorKind.BAD_UNITS))  # fmt: skip
    return lines


FACILITY_PROFESSIONAL = 4  # a place with no OPPS/ASC facility payment (inpatient, SNF ...): the PFS facility rate


def _place_of_service(value: str) -> tuple[int, str | None, RvucalcError | None]:
    """A setting cell (office, hopd, asc, or a CMS place-of-service code) -> (site number, note, error):
    0 none given, 1 office, 2 hopd, 3 asc, FACILITY_PROFESSIONAL; the mapping is ``engine.place_of_service``."""
    from rvucalc.engine.place_of_service import resolve_site

    if not value:
        return 0, None, None
    try:
        choice = resolve_site(value)
    except UsageError as exc:
        return -1, None, UsageError(str(exc), kind=ErrorKind.BAD_SETTING)
    if choice.site is None:
        return FACILITY_PROFESSIONAL, choice.note, None
    return ("", *SITES).index(choice.site), choice.note, None


def anesthesia_input(base_units: str, minutes: str) -> AnesthesiaInput:
    """The base units and minutes cells as the single lookup's ``--base-units``/``--minutes``."""
    if minutes and not (minutes.isascii() and minutes.isdigit()):
        raise UsageError(f"minutes {minutes!r}: anesthesia time is a whole number of minutes.")
    return parse_anesthesia(base_units or None, int(minutes) if minutes else None)


def anesthesia_problem(base_units: str, minutes: str) -> RvucalcError | None:
    try:
        anesthesia_input(base_units, minutes)
    except RvucalcError as exc:
        return exc
    return None


def _parse_code(code_text: str, modifier_text: str) -> _Code:
    """The store-independent checks of ``lookup.lines.parse_line``; the rest runs per release."""
    try:
        code, _ = parse_line(code_text, modifier_text or None)
    except UsageError as exc:
        return _Code(code_text, modifier_text, code_text.upper(), str(exc), kind_id(exc.kind))
    return _Code(code_text, modifier_text, code)


def _units(text: str) -> int | None:
    """Blank is 1; otherwise a whole number from 1 to MAX_UNITS ('2', '2.0'), else None."""
    if not text:
        return 1
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or value != int(value) or not 1 <= value <= MAX_UNITS:
        return None
    return int(value)
