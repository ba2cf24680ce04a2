"""The Python API's arguments as a program passes them: each read as what it unambiguously is, or refused with a
``UsageError`` that names the parameter and its ``kind``, never a bare ``TypeError`` from deep inside.

A program's values are not the command line's text: a ``datetime`` (or a pandas ``Timestamp``) is a date of service
and its time of day is left out, as ``lookup.dates`` leaves out a file's; numpy's integers and an integral float or
``Decimal`` are a whole number of units (pandas reads a units column with a blank cell as floats); a year may be its
four digits as text. Codes, ZIP codes and localities must be text: a number has lost its leading zeros (00400,
02138, 0111205) and is not guessed back. An empty ZIP code or locality is refused, as ``--zip ""`` is: it would
otherwise price nationally in silence.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from decimal import Decimal

from rvucalc.errors import ErrorKind, UsageError, option
from rvucalc.lookup.lines import PROVIDERS

MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers (batch)
EVERY_LOCALITY = (
    "is no locality: a price is for one place. Every locality's amounts: from Python, "
    "rvucalc.lookup.localities.price_everywhere(Pricer(), code) (state='CA' for one state's); on the command line, "
    "rvucalc price CODE --locality all."
)


def _type_name(value: object) -> str:
    return type(value).__name__


def whole_number(value: object) -> int | None:
    """``value`` as an int when it is a whole number of any numeric type (numpy's, an integral float or Decimal);
    None when it is not a number or not whole (text and bools are not numbers here)."""
    if isinstance(value, bool):  # numpy's bool_ is no number at all
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, numbers.Real):
        number = float(value)
        return int(number) if number.is_integer() else None
    return None


def count_of(value: object, name: str, *, kind: ErrorKind = ErrorKind.USAGE) -> int | None:
    """A whole number (``units``, ``minutes``) given as any numeric type; None stays None. Text is refused for its
    type: the API takes numbers (the command line reads its text)."""
    if value is None:
        return None
    number = whole_number(value)
    if number is not None:
        return number
    if isinstance(value, str):
        digits = value.strip()
        example = digits if digits.isascii() and digits.isdigit() else "2"
        raise UsageError(f"{option(name)} {value!r} is text: give a whole number, e.g. {name}={example}.", kind=kind)
    if isinstance(value, (bool, numbers.Number, Decimal)):
        raise UsageError(f"{option(name)} {value!r} is not a whole number.", kind=kind)
    raise UsageError(f"{option(name)} {value!r} ({_type_name(value)}) is not a whole number.", kind=kind)


def zero_units(written: str) -> str:
    """The one text of a line given 0 units (``written``: how it was given, "--units 0" or "units '0'"), for price's
    --units, the API's units= and batch's bad_units row error alike: a review found price saying the range alone and
    batch the reason (an orthopaedic export's no-charge post-op visit, 99024 with 0 units)."""
    return (
        f"{written}: a line is billed with at least 1 unit, a whole number from 1 to {MAX_UNITS:,} (a no-charge "
        "service, such as a post-op visit 99024, with 1 unit and a $0.00 charge): give 1."
    )


def units_per_line(units: object, lines: int) -> list[int]:
    """``units``: one number for every line or one per code (a list or tuple); None is 1, as batch's blank cell."""
    if isinstance(units, Sequence) and not isinstance(units, (str, bytes)):
        per_line = list(units)
        if len(per_line) != lines:
            raise UsageError(f"{option('units')}: one number, or one per code ({lines}).", kind=ErrorKind.BAD_UNITS)
    elif hasattr(units, "__len__") and hasattr(units, "tolist") and not isinstance(units, (str, bytes)):
        return units_per_line(units.tolist(), lines)  # a numpy array or a pandas Series, one per code
    else:
        per_line = [units] * lines
    counts = []
    for value in per_line:
        if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and int(value.strip()) == 0:
            # text '0': 0's own text, not count_of's "give a whole number, e.g. units=0" (then refused as 0)
            raise UsageError(zero_units(f"{option('units')} {value!r}"), kind=ErrorKind.BAD_UNITS)
        count = count_of(value, "units", kind=ErrorKind.BAD_UNITS)
        count = 1 if count is None else count
        if count == 0:
            raise UsageError(zero_units(f"{option('units')} {count!r}"), kind=ErrorKind.BAD_UNITS)
        if not 1 <= count <= MAX_UNITS:
            raise UsageError(
                f"{option('units')} {count!r}: a whole number from 1 to {MAX_UNITS:,}.", kind=ErrorKind.BAD_UNITS
            )
        counts.append(count)
    return counts


def code_texts(codes: object) -> list[str]:
    """``price_encounter``'s codes: a list (or tuple) of texts."""
    if isinstance(codes, str):
        raise UsageError(f"codes {codes!r} is one text: give a list of codes (['{codes.strip()}']), or call price().")
    if not isinstance(codes, (list, tuple)):
        raise UsageError(f"codes {codes!r} ({_type_name(codes)}): give a list of codes as text, e.g. ['99213'].")
    return [code_text(code) for code in codes]


def code_text(code: object) -> str:
    if isinstance(code, str):
        return code
    if code is None:
        raise UsageError("code None: give a HCPCS/CPT code as text, e.g. '99213'.", kind=ErrorKind.MALFORMED_CODE)
    hint = " (a number has lost a code's leading zeros: 00400 is 400)" if whole_number(code) is not None else ""
    raise UsageError(
        f"code {code!r} ({_type_name(code)}) is not text: give the HCPCS/CPT code as text, e.g. '99213'{hint}.",
        kind=ErrorKind.MALFORMED_CODE,
    )


def modifier_text(modifier: object) -> str | None:
    """A modifier, or several as text (``'50-59'``) or as a list or tuple of texts (``['50', '59']``, read as the
    command line reads ``-m 50 -m 59``)."""
    if modifier is None or isinstance(modifier, str):
        return modifier
    if isinstance(modifier, (list, tuple)) and all(isinstance(item, str) for item in modifier):
        return "-".join(item.strip() for item in modifier) or None
    raise UsageError(
        f"{option('modifier')} {modifier!r} ({_type_name(modifier)}): give a modifier as text ('26'), several as "
        "'50-59' or a list of texts (['50', '59']).",
        kind=ErrorKind.BAD_MODIFIER,
    )


def _place_text(value: object, name: str, kind: ErrorKind, as_text: str, when_empty: str) -> str | None:
    """A place argument as given: None (national), or non-blank text; a number or a blank string is refused with
    how to give it (``as_text``, ``when_empty``)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise UsageError(f"{option(name)} {value!r} ({_type_name(value)}) is not text: {as_text}", kind=kind)
    if not value.strip():
        raise UsageError(f"{option(name)} {value!r} is empty: {when_empty}", kind=kind)
    return value


def zip_text(zip_code: object) -> str | None:
    return _place_text(
        zip_code, "zip_code", ErrorKind.BAD_ZIP,
        "give the ZIP code as text ('10001'); a number has lost a ZIP's leading zeros (02138 is 2138).",
        "give a ZIP code (5 digits, optionally ZIP+4), or leave it out (None) to price nationally.",
    )  # fmt: skip


def locality_text(locality: object) -> str | None:
    return _place_text(
        locality, "locality", ErrorKind.UNKNOWN_LOCALITY,
        "give its 7-digit id as text ('0111205': a number has lost the leading zero) or its name ('MANHATTAN').",
        "give a 7-digit id or a name, or leave it out (None) to price nationally.",
    )  # fmt: skip


def year_number(year: object) -> int | None:
    """A year: a number, or its four digits as text ('2025')."""
    if year is None:
        return None
    number = whole_number(year)
    if number is not None:
        return number
    if isinstance(year, str) and year.strip().isascii() and year.strip().isdigit() and len(year.strip()) == 4:
        return int(year.strip())
    raise UsageError(
        f"{option('year')} {year!r} is not a year: give it as a number (2025) or its four digits; for a quarter's "
        f"release give {option('date_of_service')} (a date in it).",
        kind=ErrorKind.BAD_DATE,
    )


def provider_name(provider: object, setting: object = None) -> str:
    """``provider`` as the command line reads ``--provider`` (``lookup.credentials.provider_word``): a name of
    ``PROVIDERS`` in any case ('NP', 'np'), or a credential or CMS specialty code a batch provider cell names ('MD',
    'PA-C', 'LCSW', '50'). A therapy assistant's (PTA, OTA) is refused: the command line adds the line's CQ or CO,
    which the API takes as written (provider='therapist', '97110-GP-CQ'). ``setting``: the line's (a surgery center's
    name is refused as the ASC's at the ASC alone, as `rvucalc price` refuses it)."""
    from rvucalc.lookup.credentials import provider_word

    if isinstance(provider, str) and provider.strip():
        word = provider_word(provider, setting=setting if isinstance(setting, str) else None).strip().lower()
        if word in PROVIDERS:
            return word
        raise UsageError(
            f"{option('provider')} {provider!r} is a therapy assistant's: the line is the supervising therapist's "
            f"({option('provider')} therapist), with CQ (a PTA's) or CO (an OTA's) and GP or GO (97110-GP-CQ: 85%)."
        )
    raise UsageError(f"{option('provider')} {provider!r}: choose {', '.join(PROVIDERS)}.")


def state_text(state: object) -> str | None:
    if state is None or isinstance(state, str):
        return state
    raise UsageError(
        f"{option('state')} {state!r} ({_type_name(state)}): give the two-letter postal code, e.g. 'CA'.",
        kind=ErrorKind.BAD_STATE,
    )
