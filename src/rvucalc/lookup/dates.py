"""Dates of service as users and billing systems write them; one parser for every path."""

from __future__ import annotations

import datetime as dt

from rvucalc.errors import ErrorKind, UsageError


def parse_service_date(value: dt.date | str | None, *, name: str = "date") -> dt.date | None:
    """A ``date``, an ISO text ``2026-08-03``, or None; anything else is a usage error naming ``name``."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"{name} {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-04-15.", kind=ErrorKind.BAD_DATE
        ) from None
