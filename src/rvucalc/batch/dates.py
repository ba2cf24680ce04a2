"""Dates of service and units as billing systems write them: pure functions of one cell's text.

Dates: the one grammar of ``lookup.dates`` (ISO, US month-first, compact CCYYMMDD).

Units: plain ASCII digits, 1 to ``MAX_UNITS``, or a whole number written with a fraction of zeros (``2.00``,
``1.0``: as practice systems, spreadsheets and 835 remittances write units). Python's ``int()`` would also take
``1_000``, ``٣`` (Arabic-Indic three) and ``+3``; ``float()`` takes ``1e3`` and ``1.5``; none of those is how a
claim line writes units, so each is refused rather than reinterpreted.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rvucalc.lookup.dates import FORMATS as FORMATS
from rvucalc.lookup.dates import date_from_text

__all__ = ["FORMATS", "MAX_UNITS", "UNITS_WRITTEN", "duration_minutes", "minutes_text", "parse_service_date",
           "parse_units", "ungrouped_units", "zero_fraction"]  # fmt: skip

# A slash date whose first part is no month (13-31) and whose second is one: valid only day first (21/04/2026).
_ONLY_DAY_FIRST = re.compile(r"\s*(1[3-9]|2[0-9]|3[01])/(0?[1-9]|1[0-2])/[0-9]{4}\b", re.ASCII)


def parse_service_date(text: str, order: str = "month") -> dt.date:
    """A date cell's date (``lookup.dates.date_from_text``), its slash dates read in the column's ``order``
    (``batch.columns.DateOrder``). In a column with dates of both orders ('refuse'), a date valid in one order only is
    read in it (21/04/2026 is 21 April, 04/20/2026 is 20 April) and an ambiguous one (03/11/2025: both parts 12 or
    less) is its row's error, as the stderr line and the README say (a lab trial's 21/04/2026 beside 04/20/2026 was
    refused as "does not exist (month must be in 1..12)": read month first)."""
    if order == "refuse" and _ONLY_DAY_FIRST.match(text):
        order = "day"
    return date_from_text(text, order)


MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers (the batch pricer's bound)

# ASCII digits, and a '.' with zeros only after them ('2.00': the whole number 2). Not '2.' nor '.0', '1.5', '1e3'.
# Digits grouped by thousands with commas ('1,200', '12,000', '1,000,000'), as an infusion export writes a drug's
# units of 1 IU or 1 MCG (J7192's 3,000 IU: a trial's 'Units' "3,000" was a row error while its charge '$28,400.00'
# beside it was read): each group after the first three digits exactly. Not '1,20', '1,2000', ',200' or '1_000'.
_WHOLE = re.compile(r"([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.0+)?", re.ASCII)
# The same comma grouping for Arrow's regex (RE2), whole cell: batch's writers (batch.files.integer_units for Parquet,
# batch.xlsx's integer columns) drop its commas where it matches, so a '3,000' the row was priced at is the number 3000
# in the output, as '3000' is (a review: Parquet's units were null and xlsx's text beside '3000' as a number).
GROUPED_UNITS = r"^[0-9]{1,3}(,[0-9]{3})+(\.0+)?$"
# What a units text may be, in the words of batch's row error (parse_units) and price's --units refusal (rvucalc.cli)
# alike: a review found '1,20' told "plain digits (2, or 2.00)" alone, though '1,200' is read since session 74.
UNITS_WRITTEN = (
    "plain digits (2, or 2.00; ASCII 0-9 only), or with its thousands grouped by commas of three digits each ('1,200' "
    "or '1200')"
)


def ungrouped_units(text: Any) -> Any:
    """An Arrow string array with its comma-grouped whole numbers ('3,000', '1,200.00') without the commas, as
    ``whole_number`` reads them; every other cell as it was."""
    import pyarrow.compute as pc

    grouped = pc.fill_null(pc.match_substring_regex(text, GROUPED_UNITS), False)
    return pc.if_else(grouped, pc.replace_substring(text, ",", ""), text)


def whole_number(text: str) -> int | None:
    """The whole number a units text writes ('2', '2.00', '1,200'; spaces around ignored), unchecked for range; None
    for any other text ('1.5', '1e3', '1_000', '1,20')."""
    whole = _WHOLE.fullmatch(text.strip())
    return int(whole.group(1).replace(",", "")) if whole else None


def parse_units(text: str) -> int:
    """Units of service: plain ASCII digits from 1 to MAX_UNITS, or that whole number with a fraction of zeros
    ('2.00', '1.0': an 835 remittance's or a practice system's units); spaces around are ignored.

    A blank cell is not handled here: the batch default (1 unit) is the caller's choice."""
    number = whole_number(text)
    if number is None:  # issue 15: no '1.5', '1e3', '1_000', '+3', '٣'
        raise ValueError(f"units {text!r} must be a whole number from 1 to {MAX_UNITS:,} in {UNITS_WRITTEN}")
    if number == 0:  # an orthopedics export's no-charge post-op visit: 99024 with 0 units, told only the range
        from rvucalc.lookup.arguments import zero_units  # price's --units 0 says the same

        raise ValueError(zero_units(f"units {text!r}"))
    if not 1 <= number <= MAX_UNITS:
        raise ValueError(f"units {text!r} must be a whole number from 1 to {MAX_UNITS:,}")
    return number


# An anesthesia time written hours:minutes ('01:35', '1:35': an anesthesia billing export's 'Anes Time'): its minutes.
_DURATION = re.compile(r"([0-9]{1,2}):([0-5][0-9])", re.ASCII)


def duration_minutes(text: str) -> int | None:
    """The minutes of a time written h:mm or hh:mm ('01:35' and '1:35' are 95); None for any other text (spaces
    around are ignored). Read where a cell is anesthesia minutes: a minutes column, or the units column of an
    anesthesia line (``batch.lines``); nowhere else."""
    duration = _DURATION.fullmatch(text.strip())
    return int(duration.group(1)) * 60 + int(duration.group(2)) if duration else None


_ZERO_FRACTION = re.compile(r"([0-9]+)\.0+", re.ASCII)


def zero_fraction(text: str) -> str:
    """A base units or minutes cell: '95.0' -> '95' (an anesthesia group's trial: a spreadsheet's whole numbers were
    row errors); any other text as it is."""
    whole = _ZERO_FRACTION.fullmatch(text.strip())
    return whole.group(1) if whole else text


def minutes_text(text: str) -> str:
    """A minutes cell: '95.0' -> '95', and an anesthesia time written hours:minutes ('01:35', '1:35': an anesthesia
    billing export's 'Anes Time', a review found such rows errors once that column was read as the minutes) -> '95';
    any other text as it is. Batch's minutes cells and ``rvucalc price``'s (and compare's) --minutes alike."""
    minutes = duration_minutes(text)
    return zero_fraction(text) if minutes is None else str(minutes)
