"""Dates of service as users and billing systems write them; one grammar for every path.

ISO ``2026-08-03``, US ``08/03/2026`` or ``8/3/2026`` (month first, as US claim forms and
practice-management exports write it), compact ``20260803`` (the X12 837 ``D8`` format,
CCYYMMDD), and with the month's English name (``5-Mar-2026``, ``05MAR2026``, ``Mar 5, 2026``: Oracle's, SAS's and
reports' forms, unambiguous). A time of day after the date (Excel's and practice-management exports' ``03/05/2026
00:00:00``, ``3/5/2026 12:00:00 AM``, ISO ``2026-03-05T00:00:00``) is read and left out: a date of
service is a day. Anything else is refused with a message naming the text, never guessed: a
two-digit year (which century?), day-first or dashed US forms (``03-08-2026``: March or
August?), an impossible day (``02/30/2026``).
"""

from __future__ import annotations

import datetime as dt
import re

from rvucalc.errors import ErrorKind, UsageError

FORMATS = "2026-08-03, 08/03/2026 or 20260803"

# re.ASCII: \d would otherwise match any Unicode decimal digit.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2}", re.ASCII)
_DASHED_US = re.compile(r"\d{1,2}-\d{1,2}-\d{4}", re.ASCII)
# The month by name: day first ('5-Mar-2026', '05 MAR 2026', '05MAR2026', a lab's export) or month first ('Mar 5,
# 2026', 'March 5 2026'); English names, three letters or whole. A pathology lab's trial found '5-Mar-2026' refused.
_DAY_NAMED_MONTH = re.compile(r"(\d{1,2})[-\s/]?([A-Za-z]{3,9})\.?[-\s/]?(\d{4}|\d{2})", re.ASCII)
_NAMED_MONTH_DAY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}|\d{2})", re.ASCII)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip


def _month_number(name: str) -> int | None:
    """'Mar', 'MARCH', 'Sept' -> 3, 3, 9; None for a word that is no month (three letters at least)."""
    word = name.lower()
    for number, month in enumerate(_MONTHS, 1):
        if month.startswith(word) or (word == "sept" and month == "september"):
            return number
    return None


# A date, then a time of day: 'T' or spaces, hours:minutes, optional seconds (and fraction), optional AM/PM.
_WITH_TIME = re.compile(
    r"(?P<date>\S*\d)(?:T|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d{1,9})?)?"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?)?",
    re.ASCII,
)


# A whole number where a date belongs: Excel's serial day (1900 date system: 46237 is 2026-08-03) when a date column was
# saved as numbers (a CSV from a sheet whose column lost its date format). Said, with the day it would be, not read.
_EXCEL_SERIAL = re.compile(r"([0-9]{5})(?:\.0+)?", re.ASCII)
_EXCEL_ORDINAL_OFFSET = 693594  # a date's proleptic ordinal less this is its Excel serial day (from 1900-03-01)
_EXCEL_SERIALS = (dt.date(1990, 1, 1), dt.date(2099, 12, 31))  # days of service a serial can plausibly be


# A date followed by anything that starts like a time of day (to name the time when it is not one we read).
_TIMED = re.compile(r"(?P<date>\S*\d)(?:T|\s+)\d.*", re.ASCII)


def _date_only(value: str) -> dt.date | None:
    try:
        return date_from_text(value)
    except ValueError:
        return None


def _without_time(value: str) -> str | None:
    """The date part of a date with a valid time of day after it; None when there is no time (or not a valid one)."""
    match = _WITH_TIME.fullmatch(value)
    if match is None:
        return None
    hour, minute, second = int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
    hours = range(1, 13) if match["half"] else range(24)
    return match["date"] if hour in hours and minute < 60 and second < 60 else None


def date_from_text(text: str, order: str = "month") -> dt.date:
    """A date of service from ISO, US (month first) or compact text; ValueError naming the text.

    Leading and trailing spaces are ignored; a blank cell is an error here (the caller decides
    what a missing date means). ``order``: how a slash date is read, 'month' first (US), 'day' first (a batch column
    whose dates say so: batch.columns.DateOrder) or 'refuse' (a column with both: an ambiguous one is an error)."""
    value = text.strip()
    if not value:
        raise ValueError(f"date is blank: use {FORMATS}")
    dated = _without_time(value)
    if dated is None and (timed := _TIMED.fullmatch(value)) is not None and _date_only(timed["date"]) is not None:
        raise ValueError(
            f"date {text!r}: its time of day is not one rvucalc reads (HH:MM or HH:MM:SS, 0-23, or 1-12 with AM/PM; "
            "no time zone); give the date alone, e.g. 2026-08-03"
        )
    value = dated or value
    parts: tuple[str, str, str] | None = None
    if match := _ISO.fullmatch(value):
        parts = (match[1], match[2], match[3])
    elif match := _US.fullmatch(value):
        first, second = int(match[1]), int(match[2])
        if order == "refuse" and first != second and first <= 12 and second <= 12:
            # The two readings in ISO, not FORMATS' example date: a nephrology trial's '3/2/2026' was told "use
            # 2026-08-03", a date neither reading gives.
            in_year = int(match[3])
            readings = " or ".join(
                f"{dt.date(in_year, month, day).isoformat()} ({kind})"
                for month, day, kind in ((first, second, "month first"), (second, first, "day first"))
            )
            raise ValueError(
                f"date {text!r} is ambiguous: its column has dates both day first and month first ({first}/{second} "
                f"or {second}/{first}?): write it as ISO, {readings}"
            )
        parts = (match[3], match[2], match[1]) if order == "day" else (match[3], match[1], match[2])
    elif match := _COMPACT.fullmatch(value):
        parts = (match[1], match[2], match[3])
    elif (match := _DAY_NAMED_MONTH.fullmatch(value) or _NAMED_MONTH_DAY.fullmatch(value)) is not None:
        day, name, year = (match[1], match[2], match[3]) if match.re is _DAY_NAMED_MONTH else (match[2], match[1],
                                                                                                match[3])  # fmt: skip
        month = _month_number(name)
        if month is not None and len(year) == 2:
            # The cell's own date with the year in full (5-Mar-26: 5-Mar-2026), not an unrelated example.
            example = f"{value[: match.start(3)]}20{year}{value[match.end(3) :]}"
            raise ValueError(f"date {text!r} has a two-digit year: write the year in full, e.g. {example}")
        if month is not None:
            parts = (year, str(month), day)
    elif _TWO_DIGIT_YEAR.fullmatch(value):
        # A cardiology trial's '1/8/26' was told "e.g. 08/03/2026", a date the cell does not say: a slashed cell's
        # example is its own month and day with the year in full (01/08/2026); a dashed one's stays month-or-day
        # neutral, as its order is ambiguous (03-08-2026 is refused too).
        lead, follow, short_year = re.split(r"[/-]", value)
        example = f"{int(lead):02d}/{int(follow):02d}/20{short_year}" if "-" not in value else "08/03/2026"
        raise ValueError(f"date {text!r} has a two-digit year: write the year in full, e.g. {example}")
    elif _DASHED_US.fullmatch(value):
        raise ValueError(f"date {text!r} is ambiguous (month or day first?): use {FORMATS}")
    if parts is None and (serial := _EXCEL_SERIAL.fullmatch(value)) is not None:
        day = dt.date.fromordinal(int(serial[1]) + _EXCEL_ORDINAL_OFFSET)
        if _EXCEL_SERIALS[0] <= day <= _EXCEL_SERIALS[1]:
            # the slashed form in the column's own order: 08/05/2025 in a day-first column is 8 May (a review)
            slashed = f"{day:%d/%m/%Y}" if order == "day" else f"{day:%m/%d/%Y}"
            forms = f"{day.isoformat()} or {day:%Y%m%d}" if order == "refuse" else (
                f"{day.isoformat()}, {slashed} or {day:%Y%m%d}")  # fmt: skip
            raise ValueError(
                f"date {text!r} is not a date: it looks like an Excel serial date ({serial[1]} = {day.isoformat()}): "
                f"format the column as a date in Excel (Format Cells > Date) before saving, or use {forms}; rvucalc "
                "does not guess it"
            )
    if parts is None:
        raise ValueError(f"date {text!r} is not a date: use {FORMATS}")
    year, month, day = (int(part) for part in parts)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc})") from None


def parse_service_date(value: dt.date | str | None, *, name: str = "date") -> dt.date | None:
    """A ``date``, a date's text in one of the forms above, or None (blank); anything else is a
    usage error naming ``name`` (the API's parameter, batch's column).

    A ``datetime`` (a pandas ``Timestamp`` is one) is its day: its time of day is left out, as a file's is.
    A missing pandas value (``NaT``) is refused: None is how to give no date."""
    if isinstance(value, dt.datetime):
        if value != value:  # pandas' NaT: a datetime equal to nothing, itself included
            raise UsageError(
                f"{name} is NaT (a missing date): give a date, or None for the newest release.", kind=ErrorKind.BAD_DATE
            )
        return value.date()
    if value is None or isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise UsageError(
            f"{name} {value!r} ({type(value).__name__}) is not a date: give a date or its text ({FORMATS}).",
            kind=ErrorKind.BAD_DATE,
        )
    if not value.strip():
        return None
    try:
        return date_from_text(value)
    except ValueError as exc:
        message = str(exc)
        if name != "date" and message.startswith("date "):
            message = name + message[4:]
        raise UsageError(message, kind=ErrorKind.BAD_DATE) from None
