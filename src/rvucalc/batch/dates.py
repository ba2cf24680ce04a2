"""Dates of service and units as billing systems write them: pure functions of one cell's text.

Dates: the one grammar of ``lookup.dates`` (ISO, US month-first, compact CCYYMMDD).

Units: plain ASCII digits, 1 to ``MAX_UNITS``. Python's ``int()`` would also take
``1_000``, ``٣`` (Arabic-Indic three) and ``+3``; ``float()`` takes ``1e3`` and ``2.0``;
none of those is how a claim line writes units, so each is refused rather than reinterpreted.
"""

from __future__ import annotations

import re

from rvucalc.lookup.dates import FORMATS as FORMATS
from rvucalc.lookup.dates import date_from_text as parse_service_date

__all__ = ["FORMATS", "MAX_UNITS", "parse_service_date", "parse_units"]

MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers (the batch pricer's bound)

_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def parse_units(text: str) -> int:
    """Units of service: plain ASCII digits from 1 to MAX_UNITS (spaces around are ignored).

    A blank cell is not handled here: the batch default (1 unit) is the caller's choice."""
    value = text.strip()
    if not _DIGITS.fullmatch(value):
        # Plain digits only (issue 15); a spreadsheet's or pandas' '2.0' is told how to write it.
        whole = re.fullmatch(r"([0-9]+)\.0+", value, re.ASCII)
        hint = f" (write {int(whole.group(1))}: a spreadsheet or pandas saved it as a decimal)" if whole else ""
        raise ValueError(f"units {text!r} must be plain digits, a whole number from 1 to {MAX_UNITS}{hint}")
    number = int(value)
    if not 1 <= number <= MAX_UNITS:
        raise ValueError(f"units {text!r} must be a whole number from 1 to {MAX_UNITS}")
    return number
