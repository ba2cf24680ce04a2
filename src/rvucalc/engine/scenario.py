"""What-if and contract pricing: a user's conversion factor, a percentage of Medicare, paid vs expected.

None of these are CMS rates. A what-if amount is CMS's own formula (payment-rules.md
section 1: ``(work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x CF``) with a
conversion factor the user chose; every output that carries one says so (``SCENARIO_LABEL``).
A contract amount is a commercial convention (contracts written as a percentage of the
Medicare fee schedule), not a Medicare rule. Integer arithmetic throughout, each amount
rounded once, half-up, to the cent, as ``engine.pfs``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from rvucalc.engine.kernels import fee_cents, round_half_up
from rvucalc.engine.pfs import CF_SCALE
from rvucalc.errors import UsageError, option

SCENARIO_LABEL = "what-if, not a CMS rate"

# CMS publishes conversion factors to 4 decimals (CY2026 non-QP $33.4009) and anesthesia
# CFs to 4 in the RVU documentation but 6 in the ANES file header (20.599835).
CF_PLACES = 4
ANESTHESIA_CF_PLACES = 6
MAX_CONVERSION_FACTOR = Decimal(1000)  # the bound: a guard against typos (3340.09 for 33.4009)

PERCENT_PLACES = 4
# A guard against typos (11000 for 110), not a rule: contracts above 10x Medicare are not plausible.
MAX_PERCENT_OF_MEDICARE = Decimal(1000)

# Batch input columns that carry what was paid (any case), first found wins.
PAID_COLUMNS = ("paid", "paid_amount", "allowed_amount", "payment")

_AMOUNT = re.compile(r"-?[0-9]*\.?[0-9]+|-?[0-9]+\.")
_THOUSANDS = re.compile(r"[0-9]{1,3}(,[0-9]{3})+(\.[0-9]*)?")
# Points between thousands and a decimal comma ('1.341,54'): a trial's ';'-separated file was told to write 1,234.56,
# as though its amount were mistyped. Not read (which is the decimal mark is not guessed), but said.
_DECIMAL_COMMA = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+,[0-9]{1,2}")
MAX_PAID = Decimal("99999999.99")  # beyond a line's amount; larger would overflow the cents columns


def _decimal(text: Any, name: str, example: str, shown: Any = None) -> Decimal:
    """``text`` as a Decimal; ``shown``: the value as the user wrote it, for the messages (default ``text``)."""
    raw = str(text).strip()
    text = text if shown is None else shown
    if raw.startswith("$"):
        raw = raw[1:]
    # A comma separates thousands (1,000) and nothing else: '12,5' read as 125 made a contract of 125% (a trial), and
    # a decimal comma is never guessed (as the paid column's reader: parse_paid).
    if "," in raw:
        if not _THOUSANDS.fullmatch(raw.removeprefix("-")):
            raise UsageError(
                f"{option(name)} {text!r}: a comma only separates thousands (1,000); write decimals with a point "
                f"(e.g. {example})."
            )
        raw = raw.replace(",", "")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise UsageError(f"{option(name)} {text!r} is not a number (e.g. {example}).") from None
    if not number.is_finite():
        raise UsageError(f"{option(name)} {text!r} is not a number (e.g. {example}).")
    check_plain(raw, text, name, number)
    return number


def check_plain(raw: str, text: Any, name: str, number: Decimal) -> None:
    """A number written plainly: Decimal reads '1e3' as 1E+3 (shown "$1E+3", a tester's find) and '1_000' as 1000,
    silently. Such a value is a usage error saying the plain number (the API's parameters and the CLI's flags)."""
    if isinstance(text, str) and any(mark in raw for mark in "eE_"):
        raise UsageError(f"{option(name)} {text!r}: write the number plainly ({number:f}), without an exponent or '_'.")


def parse_conversion_factor(text: Any, name: str = "conversion_factor", places: int = CF_PLACES) -> Decimal:
    """'32.8409' -> Decimal('32.8409'): a number in (0, 1000] with at most ``places`` decimals.

    More decimals than CMS publishes are refused rather than rounded: the amount would
    otherwise silently depend on a rounding the user did not ask for. ``name``: the option, by its
    API parameter (``errors.option``)."""
    _refuse_a_percent_change(text, name)
    number = _decimal(text, name, "32.8409")
    if not (0 < number <= MAX_CONVERSION_FACTOR):
        raise UsageError(
            f"{option(name)} {text}: a conversion factor is a dollar amount above 0 and at most "
            f"{MAX_CONVERSION_FACTOR} (CY2026's is 33.4009)."
        )
    if -number.as_tuple().exponent > places:  # type: ignore[operator]
        raise UsageError(f"{option(name)} {text}: at most {places} decimals (CMS publishes CFs as e.g. 33.4009).")
    return number


# CY2026's non-QP conversion factor (RVU26 documentation; the RVU files' CONV FACTOR column), only to show a user who
# wrote a change ('+2.5%') the dollar amount to give: the what-if CF is always the amount given.
EXAMPLE_CF = Decimal("33.4009")


def _refuse_a_percent_change(text: Any, name: str) -> None:
    """'+2.5%' is a change, not a conversion factor (a policy analyst's trial): refused, saying the amount it means
    from CY2026's non-QP CF, rounded half-up to CMS's 4 decimals."""
    raw = str(text).strip()
    if not raw.endswith("%"):
        return
    try:
        change = Decimal(raw[:-1].strip() or "x")
    except InvalidOperation:
        return
    if not change.is_finite():
        return
    if name != "conversion_factor":  # an anesthesia CF differs by locality: no one amount to show
        raise UsageError(f"{option(name)} {raw!r}: give the anesthesia conversion factor in dollars, not a change.")
    example = (EXAMPLE_CF * (1 + change / 100)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    raise UsageError(
        f"{option(name)} {raw!r}: give the conversion factor in dollars, not a change: CY2026's non-QP CF is "
        f"{EXAMPLE_CF}, so {raw} is {option(name)} {example} (4 decimals, as CMS publishes CFs)."
    )


def parse_anesthesia_cf(text: Any) -> Decimal:
    return parse_conversion_factor(text, "anesthesia_cf", ANESTHESIA_CF_PLACES)


def cf_units(cf: Decimal) -> int:
    """A conversion factor in ten-thousandths, the scale ``fee_cents`` takes: 32.8409 -> 328409."""
    units = cf.scaleb(4)
    if units != units.to_integral_value():
        raise UsageError(f"Conversion factor {cf}: at most {CF_PLACES} decimals.")
    assert CF_SCALE == 10_000
    return int(units)


def what_if_fee_cents(work: Any, pe: Any, mp: Any, gpci_work: Any, gpci_pe: Any, gpci_mp: Any, cf: Decimal) -> Any:
    """CMS's formula with the user's CF: RVUs (hundredths) x GPCIs (thousandths) x CF, exact, rounded once."""
    return fee_cents(work, pe, mp, gpci_work, gpci_pe, gpci_mp, cf_units(cf))


def what_if_anesthesia_cf(locality_cf: Fraction, national_cf: Fraction, user_cf: Decimal) -> Fraction:
    """The locality's anesthesia CF under the user's national anesthesia CF, in whole cents.

    CMS publishes each locality's anesthesia CF as the national one times the locality's
    GPCIs weighted by the anesthesia work, PE and MP shares (CMS's "Locality-Adjusted
    Anesthesia Conversion Factors" files: "National Anes CF of ...", "See tab 'Anesthesia
    Shares' for the Work, PE, and MP Shares"; the ANES file in each RVU release), rounded
    half-up to the cent: every locality of ANES2026 (QP and non-QP) and ANES2025 is
    reproduced that way (tests/test_compare.py). The shares are not in our data, so the
    locality's factor is its published CF / the national CF (rvucalc's method for a
    what-if, not CMS's: a cent off CMS's own rounding in some localities); the what-if CF
    is that factor times the user's CF, rounded half-up to the cent as CMS rounds its
    locality CFs, and the payment is (base + time units) x that CF, rounded once."""
    if national_cf <= 0:
        raise ValueError("national anesthesia CF must be positive")
    scaled = locality_cf * Fraction(user_cf) / national_cf
    return Fraction(int(round_half_up(scaled.numerator * 100, scaled.denominator)), 100)


def scenario_text(conversion_factor: Decimal | None, anesthesia_cf: Decimal | None = None) -> str | None:
    """The ``scenario`` label every what-if output carries; None when CMS's own CFs are used."""
    parts = []
    if conversion_factor is not None:
        parts.append(f"conversion factor ${conversion_factor}")
    if anesthesia_cf is not None:
        parts.append(f"anesthesia conversion factor ${anesthesia_cf}")
    if not parts:
        return None
    return f"{SCENARIO_LABEL}: {' and '.join(parts)} given by the user"


# A user's CF is no CMS schedule's (non-QP, QP or the year's single CF): the result's conversion_factor_kind says so.
WHAT_IF_CF_KIND = "what_if"


def line_scenario(conversion_factor: Decimal | None, anesthesia_cf: Decimal | None, anesthesia: bool) -> str | None:
    """A PFS line's label: the CF that priced it. An anesthesia line (status J) is priced with the anesthesia CF
    alone, any other with the PFS CF alone: a line the run's what-if does not touch is CMS's amount, unlabelled (a
    trial saw 99213 labelled with an anesthesia CF it never used)."""
    return scenario_text(None, anesthesia_cf) if anesthesia else scenario_text(conversion_factor)


# -- contracts ------------------------------------------------------------


def parse_percent(text: Any, name: str = "percent_of_medicare") -> Decimal:
    """'110' or '110%' -> Decimal('110'): above 0, at most 1000, at most 4 decimals."""
    raw = str(text).strip()
    number = _decimal(raw[:-1] if raw.endswith("%") else raw, name, "112.5", shown=text)
    if not (0 < number <= MAX_PERCENT_OF_MEDICARE):
        raise UsageError(
            f"{option(name)} {text}: a percentage above 0 and at most {MAX_PERCENT_OF_MEDICARE} "
            "(110 = 110% of Medicare)."
        )
    if -number.as_tuple().exponent > PERCENT_PLACES:  # type: ignore[operator]
        raise UsageError(f"{option(name)} {text}: at most {PERCENT_PLACES} decimals.")
    return number


def contract_amount(cents: Any, percent: Decimal | str) -> Any:
    """allowed x N%, rounded once, half-up, to the cent. Ints or integer arrays of cents."""
    number = percent if isinstance(percent, Decimal) else parse_percent(percent)
    units = int(number.scaleb(PERCENT_PLACES))  # N% in ten-thousandths of a percent
    return round_half_up(cents * units, 100 * 10**PERCENT_PLACES)


# A remittance's status in the paid column instead of an amount: no amount, not an error (a trial's DENIED failed its
# row, which left its claim's encounter rules and moved the other lines' expected amounts). Other words stay errors.
_WORDS = re.compile(
    r"(denied|deny|rejected|reject|pending|pend|void|voided|unpaid|not paid|no pay|nopay|no payment|zero pay)\.?",
    re.IGNORECASE,
)
_LEDGER_SIGN = re.compile(r"(.*?\d)\s*(CR|DR|-)", re.IGNORECASE)


def parse_paid(text: Any) -> tuple[int | None, str | None]:
    """A paid amount as written in a remittance export -> (cents, None), or (None, error text).

    Accepts ``1234.56``, ``$1,234.56``, ``-12.00`` and accounting negatives ``(12.00)``; Excel's accounting format
    as its CSV writes it (``$ 100.00``, ``$(5.00)``, and ``$ -`` for zero); a ledger's minus after the amount
    (``12.00-``; ``12.00CR`` and ``DR`` are errors: their sign differs by who wrote them); blank, and the words remits
    print for no amount
    (``N/A``, ``NA``, ``-``, or a status: ``DENIED``, ``PENDING``, ``VOID`` ...), mean no paid amount (no variance):
    the line is still priced, and with its claim. More than 2 decimals is an error, not rounded."""
    if text is None:
        return None, None
    raw = str(text).strip()
    if not raw or raw.lower() in ("nan", "none", "null", "n/a", "na", "-", "--") or _WORDS.fullmatch(raw):
        return None, None
    credit = _LEDGER_SIGN.fullmatch(raw)
    if credit is not None:  # '12.00-' (a ledger's minus after the amount); '12.00CR', '12.00 DR'
        cents, problem = parse_paid(credit.group(1))
        if problem is not None or cents is None or cents < 0:
            return None, f"paid {raw!r} is not an amount (e.g. 123.45)"
        if credit.group(2) != "-":
            # On a practice's ledger a payment received is a credit; on a remit a credit balance is a recoupment.
            amount = f"{cents // 100}.{cents % 100:02d}"
            return None, (f"paid {raw!r}: CR and DR mean opposite signs on a ledger and on a remittance; write the "
                          f"amount as {amount} or -{amount}")  # fmt: skip
        return -cents, None
    # Spaces beside the currency sign and parentheses only ('1 000' stays an error: a thousand, or 1 and 000?).
    compact = re.sub(r"(?<=[$(-])\s+|\s+(?=[)(])", "", raw)
    if compact == "$-":  # Excel's accounting format writes a zero as a dash after the currency sign
        return 0, None
    if compact.startswith("$(") and compact.endswith(")"):
        compact = "(" + compact[2:]
    negative = compact.startswith("(") and compact.endswith(")")
    digits = compact[1:-1] if negative else compact
    # A comma separates thousands (1,234.50); any other comma is a decimal comma (107,63) or a typo: never guessed.
    if "," in digits and not _THOUSANDS.fullmatch(digits.lstrip("$-").lstrip("$")):
        if _DECIMAL_COMMA.fullmatch(digits.lstrip("$-").lstrip("$")):  # '1.341,54': a European locale's form
            return None, (f"paid {raw!r} is written with a decimal comma (1.234,56), which is not read: write "
                          "amounts with a decimal point (1234.56 or 1,234.56)")  # fmt: skip
        return None, f"paid {raw!r} is not an amount (e.g. 1,234.56: a comma only between thousands)"
    digits = digits.replace(",", "")
    if digits.startswith("$"):
        digits = digits[1:]
    elif digits.startswith("-$"):
        digits = "-" + digits[2:]
    if not _AMOUNT.fullmatch(digits) or (negative and digits.startswith("-")):
        return None, f"paid {raw!r} is not an amount (e.g. 123.45)"
    number = Decimal(digits)
    if -number.as_tuple().exponent > 2:  # type: ignore[operator]
        return None, f"paid {raw!r} has more than 2 decimals (amounts are whole cents)"
    if abs(number) > MAX_PAID:
        return None, f"paid {raw!r} is over ${MAX_PAID:,}: not a line's amount"
    cents = int(number.scaleb(2))
    return (-cents if negative else cents), None


def parse_paid_column(values: list[Any]) -> tuple[list[int | None], list[str | None]]:
    """``parse_paid`` over a batch column: the cents, and each row's error (None when fine)."""
    parsed = [parse_paid(value) for value in values]
    return [cents for cents, _ in parsed], [error for _, error in parsed]


# A negative paid amount on a remittance is a reversal: the payer takes back an earlier payment, and sends the corrected
# payment as if it were the original (ASC X12 835 TR3, front matter 1.10.2.8 "Reversals and Corrections": the original
# claim payment is reversed with claim status code 22, "Reversal of previous payment", all its charge, payment and
# adjustment amounts negated; X12 RFI 2442 and 1733). It is no payment for the service: compared with the service's
# expected amount its variance would be twice the payment taken back. Batch compares it with nothing, counts it apart;
# it is no service of its claim either: priced as a line alone, out of the claim's rules and totals (with the payment
# it takes back, where the claim has it: batch.claims.mark_reversals).
REVERSAL_NOTE = (
    "Paid amount not compared: a negative paid amount is a reversal (a payment taken back, which the claim's "
    "corrected line replaces). Counted apart (reversals), never as underpaid. Priced as a line alone, out of its "
    "claim's rules and totals."
)
# The earlier row of a claim whose payment a reversal of the claim takes back (the same code, date and units, the
# amount negated): no longer a service of the claim, its corrected line is.
REVERSED_NOTE = (
    "Paid amount not compared: a later row of this claim reverses this payment (the same code, date and units, the "
    "amount negated). Priced as a line alone, out of its claim's rules and totals (the corrected line is the "
    "service)."
)


def is_reversal(paid: Any) -> Any:
    """A paid amount (cents: an int or an integer array) that is a reversal: below zero (``REVERSAL_NOTE``)."""
    return paid < 0


def variance(paid: Any, expected: Any) -> Any:
    """paid - expected, in cents (ints or integer arrays): negative = underpaid."""
    return paid - expected


def variances(paid: list[int | None], expected: list[int | None]) -> list[int | None]:
    """Row by row; None where either side is missing (a row error, no paid value, not payable)."""
    return [None if p is None or e is None else p - e for p, e in zip(paid, expected, strict=True)]


def underpayments(row_variances: list[int | None]) -> tuple[int, int]:
    """How many rows were paid less than expected, and by how much in all (cents, positive)."""
    short = [-v for v in row_variances if v is not None and v < 0]
    return len(short), sum(short)
