"""Dates of service and units as billing systems write them: pure functions of one cell's text.

Dates: ISO ``2026-08-03``, US ``08/03/2026`` or ``8/3/2026`` (month first, as US claim forms
and practice-management exports write it), compact ``20260803`` (the X12 837 ``D8`` format,
CCYYMMDD). Anything else is refused with a message naming the text, never guessed: a
two-digit year (which century?), day-first or dashed US forms (``03-08-2026``: March or
August?), an impossible day (``02/30/2026``).

Units: plain ASCII digits, 1 to ``MAX_UNITS``. Python's ``int()`` would also take
``1_000``, ``٣`` (Arabic-Indic three) and ``+3``; ``float()`` takes ``1e3`` and ``2.0``;
none of those is how a claim line writes units, so each is refused rather than reinterpreted.
"""

from __future__ import annotations

import datetime as dt
import re

MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers (the batch pricer's bound)
FORMATS = "2026-08-03, 08/03/2026 or 20260803"

# re.ASCII: \d would otherwise match any Unicode decimal digit.
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_TWO_DIGIT_YEAR = re.compile(r"\d{1,2}[/-]\d{1,2}[/-]\d{2}", re.ASCII)
_DASHED_US = re.compile(r"\d{1,2}-\d{1,2}-\d{4}", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def parse_service_date(text: str) -> dt.date:
    """A date of service from ISO, US (month first) or compact text; ValueError naming the text.

    Leading and trailing spaces are ignored; a blank cell is an error here (the caller decides
    what a missing date means)."""
    value = text.strip()
    if not value:
        raise ValueError(f"date is blank: use {FORMATS}")
    parts: tuple[str, str, str] | None = None
    if match := _ISO.fullmatch(value):
        parts = (match[1], match[2], match[3])
    elif match := _US.fullmatch(value):
        parts = (match[3], match[1], match[2])
    elif match := _COMPACT.fullmatch(value):
        parts = (match[1], match[2], match[3])
    elif _TWO_DIGIT_YEAR.fullmatch(value):
        raise ValueError(f"date {text!r} has a two-digit year: write the year in full, e.g. 08/03/2026")
    elif _DASHED_US.fullmatch(value):
        raise ValueError(f"date {text!r} is ambiguous (month or day first?): use {FORMATS}")
    if parts is None:
        raise ValueError(f"date {text!r} is not a date: use {FORMATS}")
    year, month, day = (int(part) for part in parts)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc})") from None


def parse_units(text: str) -> int:
    """Units of service: plain ASCII digits from 1 to MAX_UNITS (spaces around are ignored).

    A blank cell is not handled here: the batch default (1 unit) is the caller's choice."""
    value = text.strip()
    if not _DIGITS.fullmatch(value):
        raise ValueError(f"units {text!r} must be plain digits, a whole number from 1 to {MAX_UNITS}")
    number = int(value)
    if not 1 <= number <= MAX_UNITS:
        raise ValueError(f"units {text!r} must be a whole number from 1 to {MAX_UNITS}")
    return number
