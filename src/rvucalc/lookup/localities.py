"""One code in every PFS locality: "where does Medicare pay what for this?"

Each locality is priced by ``Pricer.price`` itself, so every amount is exactly the single
lookup's (the payment rules for modifiers, the OPPS imaging cap per locality, NA settings
not priced); 110 lookups take a few hundredths of a second. What this module adds is the
locality resolution (``--locality all|NAME|PREFIX``, ``--state``), the ordering and the
spread (min / median / max, each locality against national).

An anesthesia code (status J) is priced from the user's base units and minutes, by the same single lookup: (base units
+ time units) x each locality's anesthesia CF (CMS's ANES file lists one per locality; Claims Processing Manual ch. 12
§50: "base and time units multiplied by an anesthesia conversion factor specific to that locality").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from rvucalc.engine.kernels import is_paid_status
from rvucalc.engine.scenario import parse_conversion_factor
from rvucalc.errors import ErrorKind, NotFoundError, RvucalcError, UsageError, cli_only, option
from rvucalc.lookup.compare_models import AllLocalities, Difference, LocalityAmount, LocalityPfs, Spread
from rvucalc.lookup.locality_names import (
    ambiguous_locality,
    is_locality_number,
    listed_localities,
    matching_localities,
    named_state,
    normal_name,
    not_named_hint,
    parse_locality,
    several_localities,
)
from rvucalc.lookup.schedules import DmeposPlaceMissing
from rvucalc.models import LocalityInfo, PriceResult, SettingAmount, Source

if TYPE_CHECKING:
    from rvucalc.lookup.pricer import Pricer

NATIONAL_LOCALITY = "0000000"
ALL = "all"
SETTINGS = ("non_facility", "facility")
CENT = Decimal("0.01")
# The PFS part of a locality's sources; OPPS/ASC files are not used here (no CBSA per locality).
PFS_ROLES = frozenset({"rvu", "gpci", "gpci_check", "opps_cap", "anesthesia"})


def resolve_locality(
    pricer: Pricer,
    text: str | None,
    state: str | None = None,
    *,
    year: int | None = None,
    date_of_service: dt.date | None = None,
) -> list[str]:
    """The localities ``--locality TEXT [--state XX]`` means, as 7-digit ids.

    ``TEXT``: a 7-digit id (``1320201``), a name (``MANHATTAN``), a unique prefix or, failing
    that, a unique part of a name (``BOSTON``); ``all``, empty or None: every locality, or
    every locality of ``state``. A name that fits several is a usage error listing them."""
    listing = pricer.localities(state, year=year, date_of_service=date_of_service)  # NotFoundError: unknown state
    known = listing.localities
    wanted = "" if text is None else text.strip()
    if not wanted or wanted.lower() == ALL:
        return [item.locality for item in known]
    if is_locality_number(wanted):  # price's reading of an id (lookup.locality_names.parse_locality)
        try:
            digits = parse_locality(wanted)
        except UsageError as error:  # compare, export and the API name the parameter the value was given as
            raise UsageError(f"{option('locality')} {error}", kind=error.kind) from None
        if any(item.locality == digits for item in known):
            return [digits]
        where = f" in {state.upper()}" if state else ""
        raise NotFoundError(
            f"Locality {digits} is not{where} in {listing.release}. List them with: rvucalc localities"
            + (cli_only(f" --state {state.upper()}") if state else "")
        )
    code = named_state(wanted)  # FL, or Florida; a locality's own name (VIRGINIA) is that locality
    if state and code is not None and not any(normal_name(item.name) == normal_name(wanted) for item in known):
        if code == state.strip().upper():  # --locality FL --state FL: the state's localities, as --state FL alone
            return [item.locality for item in known]
        # another state's code: never part of a name here
        raise NotFoundError(
            f"{option('locality')} {wanted!r} is the state {code}, not a locality of {state.strip().upper()}.",
            kind=ErrorKind.UNKNOWN_LOCALITY,
        )

    def zip_mapped(code: str) -> list[LocalityInfo]:  # a territory's: the localities --state lists for it
        try:
            return pricer.localities(code, year=year, date_of_service=date_of_service).localities
        except NotFoundError:
            return []

    found = matching_localities(wanted, [(item.name, item.state, item) for item in known], zip_mapped)
    if len(found) == 1:
        return [found[0].locality]
    if found:
        raise UsageError(ambiguous_locality(wanted, found), kind=ErrorKind.UNKNOWN_LOCALITY)
    listed = listed_localities(wanted, [(item.locality, item.name, item.state) for item in known])
    if listed:  # export's comma list given to compare (a finance analyst's trial: "No locality is named")
        raise UsageError(several_localities(wanted, listed), kind=ErrorKind.UNKNOWN_LOCALITY)
    where = f" in {state.upper()}" if state else ""
    raise NotFoundError(
        f"No locality{where} is named {wanted!r} in {listing.release}.{not_named_hint(wanted)} "
        f"List them with: rvucalc localities{cli_only(' --state ' + state.upper()) if state else ''}",
        kind=ErrorKind.UNKNOWN_LOCALITY,
    )


def price_everywhere(
    pricer: Pricer,
    code: str,
    *,
    modifier: str | None = None,
    state: str | None = None,
    localities: list[str] | None = None,
    year: int | None = None,
    date_of_service: dt.date | None = None,
    qp: bool = False,
    conversion_factor: Decimal | str | None = None,
    base_units: Decimal | str | int | Sequence[Decimal | str | int] | None = None,
    minutes: int | Sequence[int] | None = None,
) -> AllLocalities:
    """National and every locality (or ``localities``, or those of ``state``) for one code.

    Localities are ordered by the office amount, highest first (by the facility amount when
    the code is not priced in the office nationally); not payable ones last. A what-if
    ``conversion_factor`` needs Pricer's ``conversion_factor`` option (see the report). ``base_units`` and
    ``minutes``: an anesthesia code's, as ``Pricer.price`` takes them (each locality its own anesthesia CF)."""
    options: dict[str, Any] = {"modifier": modifier, "year": year, "date_of_service": date_of_service, "qp": qp}
    if base_units is not None or minutes is not None:
        options.update(base_units=base_units, minutes=minutes)
    cf = None if conversion_factor is None else parse_conversion_factor(conversion_factor)
    if cf is not None:
        options["conversion_factor"] = cf
    try:
        national = pricer.price(code, **options)
    except DmeposPlaceMissing as exc:  # no table of localities: DME is priced per state
        raise UsageError(
            f"{exc.code} is paid from the DMEPOS fee schedule, which is set per state, not per PFS locality: it has "
            f"no amount per locality. Price it for one place, with {option('zip_code')} or {option('state')}"
            + cli_only(f" (rvucalc price {code} --state XX)")
            + ".",
            kind=ErrorKind.MISSING_INPUT,
        ) from None
    except TypeError as exc:
        if "conversion_factor" not in str(exc):
            raise
        raise RvucalcError(
            "What-if pricing needs Pricer.price(conversion_factor=...), which this build does not have."
        ) from None
    pfs = national.pfs
    elsewhere = _paid_nationally_elsewhere(national)
    if elsewhere:
        raise NotFoundError(elsewhere)
    if pfs.status is None or pfs.rvu is None or pfs.gpci is None or pfs.conversion_factor is None:
        raise NotFoundError(
            f"{national.code} is not on the PFS ({_reason(national)}), so it has no amount per PFS locality. "
            f"Price it with: rvucalc price {national.code}"
        )
    ids = (
        localities
        if localities is not None
        else resolve_locality(pricer, None, state, year=year, date_of_service=date_of_service)
    )
    listed_too: list[str] = []  # a state's list with another state's locality that holds its ZIPs says so
    if state:
        listing = pricer.localities(state, year=year, date_of_service=date_of_service)
        listed_too = [warning for warning in listing.warnings if warning not in national.warnings
                      and any(warning.startswith(f"Locality {locality} ") for locality in ids)]  # fmt: skip
    priced = [pricer.price(code, locality=locality, **options) for locality in ids]
    national_entry = _entry(national, None, NATIONAL_LOCALITY, "NATIONAL")
    entries = [_entry(result, national, result.location.locality, result.location.name) for result in priced]
    sort_setting = "non_facility" if national.pfs.non_facility.payable else "facility"
    entries.sort(key=lambda entry: _sort_key(entry, sort_setting))
    sources: dict[tuple[str, str], Source] = {}
    for result in [national, *priced]:
        for source in result.sources:
            if source.role in PFS_ROLES:
                sources.setdefault((source.file, source.release), source)
    notes = [note for note in national.notes if not note.startswith("Patient amounts")] + listed_too
    # An anesthesia code (status J) priced from its units is paid: its amounts are the localities'.
    unpaid_status = not is_paid_status(national.pfs.status or "") and national.pfs.anesthesia is None
    if unpaid_status or not any(getattr(entry.pfs, name).payable for entry in entries for name in SETTINGS):
        notes.append(f"{national.code} has no PFS amount in any locality: {_reason(national)}")
    return AllLocalities.model_construct(
        code=national.code,
        modifier=national.modifier,
        modifiers=national.modifiers,
        description=national.description,
        year=national.year,
        release=national.release,
        release_title=national.release_title,
        date_of_service=date_of_service,
        status=pfs.status,
        status_meaning=pfs.status_meaning,
        conversion_factor=pfs.conversion_factor,
        conversion_factor_kind=pfs.conversion_factor_kind or "",
        # The national line's label (engine.scenario.line_scenario): an anesthesia code is priced with the anesthesia
        # CF, not a what-if PFS CF, so its amounts are CMS's, unlabelled as `price` at one place (a review found the
        # what-if banner over CMS's anesthesia amounts).
        scenario=national.scenario,
        rvu=pfs.rvu,
        state=state.strip().upper() if state else None,
        sorted_by=sort_setting,
        national=national_entry,
        localities=entries,
        summary={name: spread(entries, name) for name in SETTINGS},
        anesthesia=pfs.anesthesia,
        sources=list(sources.values()),
        warnings=list(national.warnings),
        notes=notes,
    )


def another_schedules_code(result: PriceResult) -> bool:
    """Whether the PFS does not pay a code (its national lookup) that the CLFS, the ASP file or the DMEPOS fee schedule
    lists: no table of PFS localities is its amount (``rvucalc price CODE --state XX`` prices the line instead, its
    units and setting applied, as a DMEPOS item's: a trial's `price J9271 --units 2 --state TX` was refused as if the
    table were its amounts, where `price A4253-NU --units 2 --state TX` priced it)."""
    pfs = result.pfs
    if pfs.in_schedule and is_paid_status(pfs.status or ""):
        return False
    return any(part is not None for part in (result.clfs, result.drug, result.dmepos))


def _paid_nationally_elsewhere(result: PriceResult) -> str | None:
    """A code the PFS does not pay but the CLFS (a lab test) or the ASP file (a Part B drug) does: one national
    amount, the same in every locality, so there is no table of localities to show: what it is paid, and where."""
    code, pfs = result.code, result.pfs
    if pfs.in_schedule and is_paid_status(pfs.status or ""):
        return None
    lab, drug = result.clfs, result.drug
    price_it = f"Price it with: rvucalc price {code}"
    if lab is not None:
        what = (
            f"{code} is a clinical laboratory test, paid from the clinical laboratory fee schedule (CLFS), not the PFS"
        )
        if not lab.payable or lab.amount is None:
            return f"{what}: {(lab.reason or 'not payable').rstrip('.')}."
        if lab.indicator == "L":
            return f"{what}, and priced locally by your Medicare contractor (MAC), not per PFS locality. {price_it}"
        return (
            f"{what}: ${lab.amount:,} (CLFS {lab.quarter}), one national amount, the same in every locality, so it "
            f"has no amount per PFS locality. {price_it}"
        )
    if drug is not None:
        what = f"{code} is a Part B drug, paid its ASP payment limit, not from the PFS"
        if not drug.payable or drug.limit_per_unit is None:
            return f"{what}: {(drug.reason or 'not payable').rstrip('.')}."
        return (
            f"{what}: ${drug.limit_per_unit} per {drug.billing_unit} (ASP {drug.quarter}), one national amount, the "
            f"same in every locality, so it has no amount per PFS locality. {price_it} --units N"
        )
    return None


def _reason(result: PriceResult) -> str:
    return result.pfs.non_facility.reason or result.pfs.facility.reason or result.pfs.status_meaning


def _entry(result: PriceResult, national: PriceResult | None, locality: str, name: str) -> LocalityAmount:
    pfs = result.pfs
    difference = Difference.model_construct()
    if national is not None:
        for setting in SETTINGS:
            here, there = getattr(pfs, setting), getattr(national.pfs, setting)
            if here.payable and there.payable and here.amount is not None and there.amount is not None:
                setattr(difference, setting, here.amount - there.amount)
                setattr(difference, f"{setting}_percent", percent_change(there.amount, here.amount))
    else:
        for setting in SETTINGS:
            if getattr(pfs, setting).payable:
                setattr(difference, setting, Decimal("0.00"))
                setattr(difference, f"{setting}_percent", Decimal("0.00"))
    assert pfs.gpci is not None  # price_everywhere refuses codes the PFS does not list
    return LocalityAmount.model_construct(
        locality=locality,
        name=name,
        state=result.location.state,
        gpci=pfs.gpci,
        pfs=LocalityPfs.model_construct(facility=pfs.facility, non_facility=pfs.non_facility),
        difference_from_national=difference,
        anesthesia_conversion_factor=None if pfs.anesthesia is None else pfs.anesthesia.conversion_factor,
    )


def percent_change(before: Decimal, after: Decimal) -> Decimal | None:
    """(after - before) / before, in percent to 2 decimals, rounded half-up once; None when before is 0."""
    if not before:
        return None
    return ((after - before) * 100 / before).quantize(CENT, rounding=ROUND_HALF_UP)


def _sort_key(entry: LocalityAmount, setting: str) -> tuple[int, Decimal, str]:
    amount: SettingAmount = getattr(entry.pfs, setting)
    if not amount.payable or amount.amount is None:
        return (1, Decimal(0), entry.locality)
    return (0, -amount.amount, entry.locality)


def spread(entries: list[LocalityAmount], setting: str) -> Spread:
    """Min, median, max of one setting over the payable localities (national excluded)."""
    payable = [
        (amount.amount, entry.locality)
        for entry in entries
        if (amount := getattr(entry.pfs, setting)).payable and amount.amount is not None
    ]
    if not payable:
        return Spread.model_construct(payable_localities=0)
    ordered = sorted(payable)
    values = [value for value, _ in ordered]
    middle = len(values) // 2
    if len(values) % 2:
        median = values[middle]
    else:
        median = ((values[middle - 1] + values[middle]) / 2).quantize(CENT, rounding=ROUND_HALF_UP)
    return Spread.model_construct(
        payable_localities=len(values),
        minimum=ordered[0][0],
        minimum_locality=ordered[0][1],
        median=median,
        maximum=ordered[-1][0],
        maximum_locality=ordered[-1][1],
    )
