"""What changed between two releases, code by code, and why.

For the PFS the amount is ``RVUs x GPCIs x CF`` (payment-rules.md section 1), so a change
is split into the part from the RVUs, from the GPCIs and from the CF: each step moves one
factor from its old to its new value with the others held (RVUs first, then GPCIs, then
the CF), and the steps add up, to the cent, to the fee schedule amount's change. Anything
left over comes from the payment rules on top of the fee (a modifier, the OPPS imaging cap). An amount the OPPS
imaging cap sets in both releases changes by the cap alone: all of it is the rules part, named the cap's
(``IMAGING_CAP_BOTH``), the RVU, GPCI and CF parts $0.00.

Named codes are priced by ``Pricer.price`` (exactly the single lookup in each release);
``all_codes`` prices the whole schedule from the stores' rows with the same formula
(``fee_cents``), the OPPS imaging cap per locality and the same NA and status rules.
ASC and OPPS compare quarterly releases with the engine's own ``price_asc``/``price_opps``.

An anesthesia code (status J) is paid (base units + time units) x the locality's anesthesia CF (CMS's ANES file;
Claims Processing Manual ch. 12 §50, "based on allowable base and time units multiplied by an anesthesia conversion
factor specific to that locality"; First Coast's "How anesthesia reimbursement is calculated": "(base units + time
units) x CF"). The base units and minutes are the user's (``base_units``, ``minutes``): named anesthesia codes are then
priced by the single lookup in each release, as any other code, and the change is the anesthesia CF's. Without them a
code has no amount: not comparable, its anesthesia CF (a unit's amount) shown moving.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rvucalc.engine import meanings, preventive, wage_choices
from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.anesthesia import SUPERVISED, SUPERVISED_BASE_UNITS, unused_units
from rvucalc.engine.facility import (
    DEVICE_PORTION_NOT_WAGE_ADJUSTED,
    PER_DIEM_STATUS,
    apply_facility_modifiers,
    copayment_within_waiver,
    price_asc,
    price_opps,
)
from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED, ASC_PACKAGED, OPPS_PACKAGED
from rvucalc.engine.hospitals import MARYLAND_OPPS_NOTE, MARYLAND_OPPS_REASON, maryland_place
from rvucalc.engine.kernels import fee_cents, is_paid_status, opps_cap_applies, percent_of
from rvucalc.engine.modifiers import CHIROPRACTIC_MANIPULATION, MAX_MODIFIERS, ModifierNotApplicable
from rvucalc.engine.pfs import (
    CONTRACTOR_PRICED_REASON,
    NATIONAL_GPCI,
    deleted_code_message,
    facility_na,
    is_contractor_price_cap_note,
    not_priced_reason,
)
from rvucalc.engine.policy import PolicyRefusal, round_cents
from rvucalc.engine.scenario import cf_units, parse_conversion_factor, scenario_text
from rvucalc.errors import (
    ErrorKind,
    NotFoundError,
    ReleaseNotInstalledError,
    RvucalcError,
    UsageError,
    cli_only,
    option,
)
from rvucalc.lookup.compare_models import (
    AmountChange,
    CodeChange,
    CompareSide,
    Comparison,
    ComponentChange,
    DescriptorChange,
    IndicatorChange,
)
from rvucalc.lookup.lines import (
    _MODIFIER_SEPARATORS,
    COMPONENT_MODIFIERS,
    cap_at_cf,
    contractor_cap_note,
    paid_from_rvus,
    parse_line,
)
from rvucalc.lookup.schedules import skin_substitute_before_reason
from rvucalc.models import AscResult, OppsResult, PriceResult, Source
from rvucalc.reference.catalogue import sources as release_sources
from rvucalc.reference.releases import QUARTER_LETTERS, Release, describe, quarter_release_name, select_release

if TYPE_CHECKING:
    from rvucalc.lookup.pricer import Pricer

WHAT = ("pfs", "asc", "opps")
SORTS = ("code", "change", "percent")
# Named codes without a sort: the order the user gave them in (a list of a practice's codes, by volume or by the
# fee ticket's order, came back sorted by code); ``Comparison.sorted_by`` says it.
GIVEN = "given"
CENT = Decimal("0.01")

AMOUNT_LABELS = {
    "non_facility": "office",
    "facility": "facility",
    "rate": "rate",
    "copayment": "copayment",
    "coinsurance": "coinsurance",
}
COMPONENT_LABELS = {
    "work_rvu": "work RVU",
    "pe_non_facility_rvu": "office PE RVU",
    "pe_facility_rvu": "facility PE RVU",
    "mp_rvu": "MP RVU",
    "gpci_work": "work GPCI",
    "gpci_pe": "PE GPCI",
    "gpci_mp": "MP GPCI",
    "conversion_factor": "CF",
    "anesthesia_conversion_factor": "anesthesia CF (a unit)",
    "weight": "relative weight",
    "national_rate": "national rate",
    "national_copayment": "national copayment",
    "wage_index": "wage index",
    "device_portion": "device portion (not wage-adjusted)",
}
PFS_ROLES = frozenset({"rvu", "gpci", "gpci_check", "opps_cap", "zip5"})
NA_PE = {"non_facility": "pe_non_facility_rvu", "facility": "pe_facility_rvu"}  # a setting's PE RVU factor
PLACE_AND_CF = frozenset({"gpci_work", "gpci_pe", "gpci_mp", "conversion_factor", "wage_index"})
# Columns a later file layout added (2026's RVU file has PRIC IND; 2025's has none): blank on
# one side means "not published then", not a change.
ADDED_COLUMNS = frozenset({"pric_ind"})
FACILITY_ROLES = {"asc": ["aa", "bb", "ee", "ff"], "opps": ["addendum_b"]}
# The OPPS imaging cap: "the physician fee schedule amount is compared to the OPPS payment amount and the lower amount
# is used" (CMS's RVU file documentation, RVU26A, "Section 5102(b) of the Deficit Reduction Act of 2005"; the amounts
# are CMS's OPPSCAP file's, per locality). The step's indicator on a priced line (engine.policy._imaging_cap), and
# what a change's payment rules part is called where the cap set the amount (an analyst's trial: 71275 at Houston,
# capped at OPPSCAP's $264.50 and $263.70, was told "RVUs -$6.05, GPCIs -$2.59, CF +$8.88, rules -$1.04" where the
# CF's rise paid nothing: the whole -$0.80 is the cap's).
OPPSCAP = "OPPSCAP"
IMAGING_CAP = "OPPS imaging cap"
IMAGING_CAP_BOTH = "OPPS imaging cap (DRA 2005)"


# The note of a comparison priced as another practitioner bills it (``--provider``), and the words of a line's note
# that give its share (the np's 85%): a CSV row says both in its scenario column, as the table and JSON notes do
# (cli.compare_cmd.comparison_csv_rows).
PROVIDER_NOTE = "Priced as billed by the {provider} (--provider), as rvucalc price prices it."
SHARE_NOTE_WORDS = " of what they moved "


@dataclass
class Formula:
    """A PFS row's factors on CMS's integer scales (RVUs 0.01, GPCIs 0.001, CF 0.0001)."""

    work: int
    pe: dict[str, int]  # setting -> PE RVU
    mp: int
    gpci: tuple[int, int, int]
    cf: int

    def fee(self, setting: str, rvu_of: Formula, gpci_of: Formula, cf_of: Formula) -> int:
        return int(fee_cents(rvu_of.work, rvu_of.pe[setting], rvu_of.mp, *gpci_of.gpci, cf_of.cf))


@dataclass
class Side:
    """One code in one release: its amounts and what they are made of."""

    description: str | None
    amounts: dict[str, tuple[int | None, str | None]]  # name -> (cents or None, reason not payable)
    fees: dict[str, int | None] = field(default_factory=dict)  # PFS fee before payment rules
    factors: dict[str, Decimal] = field(default_factory=dict)
    # field -> (value, meaning); meaning None: the PFS table's, looked up when it changed
    indicators: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    formula: Formula | None = None
    notes: list[str] = field(default_factory=list)
    # OPPS/ASC: the rate is wage-adjusted; or, for a rate that would be, why it is national here instead
    # (no usable wage index for the place that year). One of each side cannot be compared.
    wage_adjusted: bool = False
    national_instead: str | None = None
    # PFS: the settings whose PE RVU CMS marks NA (not paid there): a PE RVU that moves where the setting is NA in both
    # releases changed no amount, and is not shown as a factor that moved.
    na: frozenset[str] = frozenset()
    # PFS: an anesthesia code (status J) priced from the user's base units and minutes: its fee is (base + time units)
    # x the anesthesia CF, whose move is the fee's (``_amount_change``); not an RVU x GPCI x CF fee.
    anesthesia: bool = False
    # PFS, a named line: per setting, the share of the fee its payment rules pay (16% for 80, 13.6% for AS, 62.5% for
    # 62), where the amount is exactly that share of the fee, rounded once (``_line_share``); absent: no such share.
    shares: dict[str, Fraction] = field(default_factory=dict)
    # PFS: the settings whose amount the OPPS imaging cap set (the OPPSCAP amount, lower than the PFS amount).
    capped: frozenset[str] = frozenset()
    # PFS: a contractor-priced (status C) row's OPPS-based cap on the MAC's price at the place, price's note of it
    # (lookup.lines.contractor_cap_note, engine.pfs.CONTRACTOR_PRICE_CAP); None where it has none.
    mac_cap: str | None = None


# -- releases -----------------------------------------------------------------


def resolve_release(
    releases: list[Release], value: str | int | dt.date, name: str
) -> tuple[Release, dt.date | None, list[str]]:
    """``from_``/``to`` (``name``, the API parameter): a year (its newest release), a release name
    (2025A, 2026-04, 2025Q3), an ISO date (the release in force) or, for the PFS, a month (``pfs_month``: its first
    day). Returns the release, the date when one was given, and warnings about a fallback."""
    named = option(name)
    label = releases[0].dataset.upper() if releases else ""
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    installed = f"Installed {label} releases: {describe(releases)}."
    if re.fullmatch(r"[0-9]{4}", text):
        year = int(text)
        same = [r for r in releases if r.year == year]
        if not same:
            # Not installed is "not found" (exit 1), as `price --year` says it, not a malformed request.
            raise ReleaseNotInstalledError(f"{named} {text}: {_year_not_installed(releases, year)} {installed}")
        return same[-1], None, []
    day: dt.date | None = None
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise UsageError(f"{named} {text!r} is not a date (YYYY-MM-DD).") from None
    elif not any(release.release.upper() == text.upper() for release in releases):
        day = pfs_month(releases, text, named)
    if day is not None:
        chosen, warnings = _in_force_on(releases, day, f"{named} {text}", installed)
        return chosen, day, warnings
    name = text.upper()
    quarter = re.fullmatch(r"([0-9]{4})[ -]?Q([1-4])", name)
    if quarter and releases:
        name = quarter_release_name(releases[0].dataset, int(quarter[1]), int(quarter[2]) - 1)
    for release in releases:
        if release.release.upper() == name:
            return release, None, []
    if releases and releases[0].dataset == "pfs" and re.fullmatch(r"[0-9]{4}[A-D]", name):
        # A PFS quarter's release whose file is not installed (2025C: CMS's July 2025 release) is what `price` says
        # it is, the release in force on the quarter's first day, priced with the installed one and warned (price
        # --date 2025-08-01: "CMS's PFS quarterly release for 2025-08-01 (2025C) is not installed: priced with
        # 2025A"), as an ASC or OPPS quarter is below: a trial found `compare --from 2025C --to 2026A` refused, the
        # release names price shows. Both sides priced with one release stay refused (``compare``).
        first = dt.date(int(name[:4]), 3 * QUARTER_LETTERS.index(name[4]) + 1, 1)
        chosen, warnings = _in_force_on(releases, first, f"{named} {text}", installed)
        return chosen, None, warnings
    if releases and releases[0].dataset != "pfs" and re.fullmatch(r"[0-9]{4}-(0[147]|10)", name):
        # An ASC or OPPS quarter whose file is not installed is the release `price` uses on the quarter's first day
        # (select_release: the newest installed quarter of that year, warned, naming both; a year without a file is
        # not priced, never from another year's): a trial found compare refusing 2026-10 where price used 2026-07.
        chosen, warnings = _in_force_on(releases, dt.date.fromisoformat(f"{name}-01"), f"{named} {text}", installed)
        return chosen, None, warnings
    raise UsageError(f"{named} {text!r}: not an installed {label} release, a year or a date (YYYY-MM-DD). {installed}")


def _in_force_on(releases: list[Release], day: dt.date, said: str, installed: str) -> tuple[Release, list[str]]:
    """The release `price` prices ``day`` with (``select_release``, one resolution of the quarter in force for both
    commands), with its fallback warning; a year with none installed is refused in price's words."""
    try:
        return select_release(releases, date_of_service=day)
    except ReleaseNotInstalledError:
        raise ReleaseNotInstalledError(f"{said}: {_year_not_installed(releases, day.year)} {installed}") from None


def _year_not_installed(releases: list[Release], year: int) -> str:
    """Why a year cannot be compared: for the ASC and OPPS, price's "not installed ... not priced" (with the file to
    add), as its site row says it; for the PFS, that no release of the year is installed."""
    dataset = releases[0].dataset if releases else "pfs"
    if dataset in ("asc", "opps"):
        from rvucalc.lookup.pricer import not_installed

        return not_installed(dataset.upper(), year)
    return f"no {dataset.upper()} release for {year} is installed."


def pfs_month(releases: list[Release], text: str, named: str = "") -> dt.date | None:
    """A PFS ``from_``/``to`` given as a month (2025-01: how the OPPS and ASC name their quarters): the month's first
    day, whose release in force it is (``select_release``, as a date's: a fallback warned), when no installed release
    takes effect later in that month; else None (not a month, or another schedule's: its months are its releases'
    names). A release that takes effect within the month makes the month ambiguous: a usage error naming both."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})", text.strip())
    if match is None or not releases or releases[0].dataset != "pfs":
        return None
    # Year 0000 is no date either (datetime's MINYEAR is 1): a review found `--from 0000-01` an unexpected error.
    if not 1 <= int(match[2]) <= 12 or int(match[1]) < dt.MINYEAR:
        raise UsageError(f"{named} {text!r} is not a month (YYYY-MM) or a date (YYYY-MM-DD).")
    first = dt.date(int(match[1]), int(match[2]), 1)
    within = [r for r in releases if first < r.effective_from and r.effective_from.replace(day=1) == first]
    if within:
        said = ", ".join(f"{r.release} from {r.effective_from}" for r in within)
        raise UsageError(
            f"{named} {text}: a PFS release takes effect within that month ({said}): give a date (YYYY-MM-DD) or a "
            f"release name. Installed PFS releases: {describe(releases)}."
        )
    return first


def _release_side(release: Release, cf_kind: str | None = None) -> CompareSide:
    return CompareSide.model_construct(
        release=release.release, year=release.year, title=release.title, effective_from=release.effective_from,
        conversion_factor_kind=cf_kind,
    )  # fmt: skip


# -- the comparison -------------------------------------------------------------


def compare(
    pricer: Pricer,
    codes: list[str] | None = None,
    *,
    from_: str | int | dt.date,
    to: str | int | dt.date,
    zip_code: str | None = None,
    locality: str | None = None,
    what: str = "pfs",
    all_codes: bool = False,
    changed_only: bool = False,
    sort: str | None = None,
    qp: bool = False,
    conversion_factor: Decimal | str | None = None,
    base_units: Decimal | str | int | Sequence[Decimal | str | int] | None = None,
    minutes: int | Sequence[int] | None = None,
    provider: str = "physician",
    lines: Sequence[int | None] | None = None,
    provider_stated: bool = False,
) -> Comparison:
    """Each code in the ``from_`` release and in the ``to`` release: amounts, difference,
    percent, the factors and indicators that moved, codes added or deleted.

    ``what``: pfs (default), asc or opps (quarterly releases). ``all_codes``: the whole
    schedule. ``sort``: code, change (largest absolute change first, the default for ``all_codes``) or percent; named
    codes without one keep the order given (``sorted_by``: "given"). A what-if ``conversion_factor`` reprices the
    ``to`` side (PFS only). ``base_units`` and ``minutes`` price the named anesthesia codes (status J),
    as ``Pricer.price`` does: one value for every anesthesia code, or one per anesthesia code, in the order named.
    ``provider``: who bills the named lines (np, pa, csw ...), priced by ``Pricer.price``'s rules for them;
    ``provider_stated``: the physician was named (--provider md), as price's (``Pricer.price_encounter``).
    ``lines``: where each of ``codes`` was read, one for each (compare --codes: its line in the file, a workbook's
    row in its sheet; None for a code given otherwise): such a line whose code or modifiers are malformed is its own
    ``not_found`` row (``line``, ``error_kind``; the explanation the message), the others compared, as batch reports
    a row's error; a malformed code given otherwise is the request's error (a UsageError)."""
    what = what.lower()
    if lines is not None and len(lines) != len(codes or []):
        raise UsageError(f"lines: {len(lines)} given for {len(codes or [])} codes; give one for each code.")
    line_of: dict[str, int | None] = {}  # a code as named -> where it was first read
    for text, line in zip(codes or [], lines or [None] * len(codes or []), strict=True):
        line_of.setdefault(text.strip().upper(), line)
    provider = (provider or "physician").strip().lower()
    if what not in WHAT:
        raise UsageError(f"{option('what')} {what!r}: choose pfs, asc or opps.{_other_schedule_what(pricer, what)}")
    wanted = [code.strip().upper() for code in codes or [] if code.strip()]
    wanted, dropped = _without_repeats(wanted, per_code=_per_code(base_units) or _per_code(minutes))
    if all_codes and wanted:
        raise UsageError(f"Give codes or {option('all_codes')}, not both.")
    if not all_codes and not wanted:
        raise UsageError(
            f"Give at least one code (or {cli_only('--codes FILE, or ')}{option('all_codes')} for the whole schedule)."
        )
    if zip_code and locality:
        raise UsageError(f"Give {option('zip_code')} or {option('locality')}, not both.")
    units_given = [name for name, value in (("base_units", base_units), ("minutes", minutes)) if _given(value)]
    if units_given and (what != "pfs" or all_codes):
        said = " and ".join(option(name) for name in units_given)
        raise UsageError(
            f"{said} {'price' if len(units_given) == 2 else 'prices'} named anesthesia codes (status J) under the PFS"
            + (f", not {what.upper()} rates." if what != "pfs" else
               f"; {option('all_codes')} compares the whole schedule, whose anesthesia codes each have their own base "
               "units: name the anesthesia codes instead.")
        )  # fmt: skip
    # "given" is what sorted_by says of named codes without a sort: accepted as a sort too (a review found it refused).
    if sort == GIVEN and all_codes:
        raise UsageError(f"{option('sort')} given keeps the named codes' order; {option('all_codes')} names none: "
                         f"choose {', '.join(SORTS)}.")  # fmt: skip
    if sort and sort not in (*SORTS, GIVEN):
        raise UsageError(f"{option('sort')} {sort!r}: choose {', '.join(SORTS)} or {GIVEN} (named codes).")
    sort = sort or ("change" if all_codes else GIVEN)
    early_warnings = [dropped] if dropped else []
    cf = None if conversion_factor is None else parse_conversion_factor(conversion_factor)
    if cf is not None and what != "pfs":
        raise UsageError(
            f"{option('conversion_factor')} is a PFS what-if; ASC and OPPS rates have their own conversion factors."
        )
    if provider != "physician" and (what != "pfs" or all_codes):
        # The practitioner's share is a rule of the single lookup (Pricer.price), which prices named PFS lines; the
        # whole schedule is priced from the RVU rows (a physician's), and ASC and OPPS rates are the facility's.
        raise UsageError(
            f"{option('provider')} prices named lines under the PFS, as rvucalc price does"
            + (f", not {what.upper()} rates." if what != "pfs" else
               f"; {option('all_codes')} compares the whole schedule at the physician's amounts: name the codes.")
        )  # fmt: skip
    if qp and what != "pfs":
        # The QP conversion factor is the PFS's (a trial: `--what asc --qp` compared the ASC rates, --qp unread, exit
        # 0, where --conversion-factor was refused).
        raise UsageError(
            f"{option('qp')} is the PFS's qualifying APM participant conversion factor; ASC and OPPS rates have their "
            "own conversion factors."
        )
    releases = pricer.releases if what == "pfs" else pricer.dataset_releases(what)
    if not releases:
        raise UsageError(f"No {what.upper()} release is installed: nothing to compare.")
    before, before_date, warnings = resolve_release(releases, from_, "from_")
    after, after_date, more = resolve_release(releases, to, "to")
    # A month (2025-01) is the PFS release in force on its first day: which one is said (the date's fallback warns).
    sides = (("earlier", from_, before), ("later", to, after))
    months = [(side, value.strip(), release) for side, value, release in sides if isinstance(value, str)
              and what == "pfs" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", value.strip())]  # fmt: skip
    if before.release == after.release and (warnings or more) and cf is None:
        # Two dates whose releases are not installed, priced with one installed release on both sides, read
        # "unchanged" where CMS changed 179 codes (a trial: 2026-02-15 against 2026-08-01, both 2026C); as
        # refused as --from 2026A is.
        said = " ".join(dict.fromkeys(warnings + more))
        raise ReleaseNotInstalledError(
            f"{option('from_')} {from_} and {option('to')} {to} are both priced with {before.release}: {said} "
            f"Nothing can be compared. Compare installed releases: {describe(releases)}."
        )
    warnings += more + early_warnings
    if (before.effective_from, before.release) > (after.effective_from, after.release):
        raise UsageError(
            f"{option('from_')} {from_} ({before.release}, from {before.effective_from}) is later than "
            f"{option('to')} {to} "
            f"({after.release}, from {after.effective_from}): swap them."
        )
    if before.release == after.release and cf is None:
        warnings.append(f"from and to are the same release ({before.release}): nothing can have changed.")
    notes = [f"The {side} side, {value}, is the month's first day ({value}-01): PFS release {release.release}, in "
             f"effect from {release.effective_from}." for side, value, release in months]  # fmt: skip
    place: dict[str, Any] = {"locality": None, "locality_name": None, "zip": zip_code}
    qp_sides = _qp_sides(before, after, qp, notes) if what == "pfs" else (False, False)
    # A codes file's malformed lines: each its own row, the others compared (a physician group's trial: one '2744' in a
    # claim file stopped the whole run, exit 2, nothing written and no line named).
    refused = _refused_lines(pricer, what, after, wanted, line_of) if not all_codes else {}
    named = [text for text in wanted if text not in refused]
    if what == "pfs":
        local = _one_locality(pricer, locality, after) if locality else None
        if all_codes:
            sides_before, place_before = _pfs_rows(pricer, before, zip_code, local, qp_sides[0], None)
            sides_after, place_after = _pfs_rows(pricer, after, zip_code, local, qp_sides[1], cf)
            keys = sorted(set(sides_before) | set(sides_after))
            names = (before.release, after.release)
            changes = [_change(key, sides_before.get(key), sides_after.get(key), releases=names) for key in keys]
            _paid_elsewhere(pricer, changes, sides_before, sides_after)
            for change in changes:  # a bare 98940-98942: the denial named lines say too
                denial = modifier_table.chiropractic_denial(change.code, [change.modifier or ""], "physician")
                if denial is not None and not change.modifier:
                    _chiropractic_note(change, denial)
            place.update(place_after or place_before)
            sources = _pfs_sources(before, sides_before) + _pfs_sources(after, sides_after)
        else:
            inputs = _anesthesia_inputs(pricer, named, (before, after), base_units, minutes)
            changes, place_found, sources = _pfs_named(
                pricer,
                named,
                before,
                after,
                before_date,
                after_date,
                zip_code,
                local,
                qp_sides,
                cf,
                warnings,
                inputs,
                provider,
                provider_stated,
            )
            if provider != "physician":
                notes.append(PROVIDER_NOTE.format(provider=provider))
            if not place_found.get("locality") and (zip_code or local):
                # Every code not comparable (no lookup priced a line): the place is still the one compared (a review
                # found a named compare of labs alone with a blank locality, which --all's says).
                for release in (after, before):
                    try:
                        place_found = _pfs_place(pricer, release, zip_code, local)[2]
                        break
                    except NotFoundError:
                        continue
            place.update(place_found)
    else:
        if locality:
            from rvucalc.lookup.pricer import NO_CBSA_WARNING

            warnings.append(NO_CBSA_WARNING)
        try:
            changes, sources, place_notes = _facility(pricer, what, named, before, after, zip_code, all_codes)
            notes += place_notes
            if zip_code:
                place.update(_facility_area(pricer, zip_code, (before.year, after.year), notes))
        except NotFoundError as exc:
            raise _facility_zip_error(exc) from None
    if cf is not None:
        notes.append(
            f"The {after.release} side is priced with the conversion factor ${cf} given by the user "
            "(what-if, not a CMS rate)."
        )
    if what == "pfs":
        _facility_hints(pricer, changes, (before.year, after.year))
        _deleted_replacements(changes, after)
        _mac_priced_in_both(changes, (before.release, after.release))
    _on_a_schedule(pricer, what, changes, (before, after))
    _lines_of_not_found(pricer, named, changes, line_of, (before, after) if what == "pfs" else ())
    if refused:
        changes = _with_refused(wanted, named, changes, refused)
    if changed_only:
        changes = [change for change in changes if change.change != "unchanged"]
    changes = _sorted(changes, sort)
    return Comparison.model_construct(
        what=what,
        from_release=_release_side(before, _cf_kind(before, qp_sides[0]) if what == "pfs" else None),
        to_release=_release_side(after, _cf_kind(after, qp_sides[1], cf) if what == "pfs" else None),
        locality=place["locality"],
        locality_name=place["locality_name"],
        zip=place["zip"],
        cbsa=place.get("cbsa"),
        cbsa_name=place.get("cbsa_name"),
        scenario=scenario_text(cf),
        sorted_by=sort,
        codes=changes,
        summary=_summary(changes),
        sources=list({(s.file, s.release): s for s in sources}.values()),
        warnings=list(dict.fromkeys(warnings)),
        notes=list(dict.fromkeys(notes)),  # one place's note once, not once per release (a review)
    )


# A code the MAC prices in both releases (RVU file status C, "Carrier priced", or zero RVUs: engine.pfs's
# CONTRACTOR_PRICED_REASON, engine.schedules.CONTRACTOR_PRICED_SOURCE) has no CMS amount on either side to compare:
# "unchanged", "No change." said a change was known to be none (a radiology trial: A9500, Tc99m sestamibi, MAC-priced
# in 2025D and 2026C, --zip 30303).
# Not comparable, saying why, as a code paid apart is; one another schedule pays is said so first (_paid_elsewhere,
# _pfs_named: not "unchanged" by then). A code whose RVUs or indicators moved stays "changed": that much is known.
MAC_PRICED_IN_BOTH = (
    "MAC-priced in both {before} and {after}: no CMS amount to compare, so no change is known (ask your MAC for each "
    "year's fee)"
)


def _mac_priced_in_both(changes: list[CodeChange], releases: tuple[str, str]) -> None:
    """The "unchanged" codes no amount of which is payable in either release and one is MAC-priced in both: not
    comparable (``MAC_PRICED_IN_BOTH``)."""
    for change in changes:
        amounts = list(change.amounts.values())
        if change.change != "unchanged" or any(a.payable_before or a.payable_after for a in amounts):
            continue
        if not any(a.reason_before == CONTRACTOR_PRICED_REASON == a.reason_after for a in amounts):
            continue
        change.change = "not_comparable"
        change.not_comparable_reason = MAC_PRICED_IN_BOTH.format(before=releases[0], after=releases[1])
        change.explanation = explain(change)


def mac_priced_in_both(change: CodeChange) -> bool:
    """Whether a change is not comparable because the MAC prices the code in both releases (``_mac_priced_in_both``)."""
    return (change.not_comparable_reason or "").startswith(MAC_PRICED_IN_BOTH.split("{", 1)[0])


def _deleted_replacements(changes: list[CodeChange], after: Release) -> None:
    """A code CMS deleted (55700 from CPT 2026): its deleted row says what is billed instead, in `price`'s words
    (engine.pfs.deleted_code_message, whose sources its table cites), named and in --all alike (an analyst's trial:
    "Not in the later release." alone, where `price 55700 --year 2026` names 55705-55715)."""
    for change in changes:
        if change.change != "deleted":
            continue
        deleted = deleted_code_message(change.code, after.year)
        if deleted is not None:
            change.explanation = f"{explain(change).rstrip('.')} ({after.release}): {deleted}"


def _on_a_schedule(pricer: Pricer, what: str, changes: list[CodeChange], releases: tuple[Release, Release]) -> None:
    """Mark the not_found lines whose code is on an installed schedule (``CodeChange.on_a_schedule``); an ASC or OPPS
    line the PFS lists says, as `rvucalc price CODE --setting asc` does, that the addenda do not list it (a trial:
    `compare 99213 --what asc` said "in neither release" and sent the user to search by words)."""
    missing = [change for change in changes if change.change == "not_found"]
    if not missing:
        return
    years = {release.year for release in releases}
    pfs = [pricer.store(release) for release in pricer.releases if release.year in years] or [
        pricer.store(release) for release in pricer.releases[-1:]
    ]
    listed: dict[str, str] | None = None
    for change in missing:
        code = change.code
        row = next((found for store in pfs if (found := store.rvu(code, "")) is not None), None)
        if row is None and listed is None:
            listed = listed_elsewhere(pricer)
        change.on_a_schedule = row is not None or code in (listed or {})
        if what == "pfs" or not change.on_a_schedule:
            continue
        # The engine's own reason for a code its addenda do not list (engine.facility.price_asc/price_opps), of both
        # quarters.
        quarters = f"{releases[0].release} or {releases[1].release}"
        none: dict[str, Any] = {"aa": None, "bb": None, "ee": None, "ff": None}
        result = price_asc(none, code, None, quarters) if what == "asc" else price_opps(None, code, releases[1].year,
                                                                                            None, quarters)  # fmt: skip
        if not result.payable and result.reason:
            change.explanation = result.reason
            if row is not None:
                change.description = change.description or row["description"]
            if row is not None and is_paid_status(row["status"]):  # the physician's amounts are the PFS's
                change.explanation += (
                    f" {code} is on the PFS: its physician amounts compare with --what pfs (the default)."
                )
            elif row is not None:  # a lab's status X row (80053) is no PFS amount: what pays it (a fix-up's finding)
                listed = listed if listed is not None else listed_elsewhere(pricer)
                elsewhere = paid_elsewhere_reason(pricer, code, row["description"], row["status"], listed)
                change.explanation += f" {elsewhere.rstrip('.')}." if elsewhere else ""


# The schedules compare does not compare (the CLFS, ASP and DMEPOS files), as --what may name them: where their codes'
# amounts are found instead. A drug's ASC and hospital outpatient rates are on the ASC and OPPS addenda, which compare
# does compare (an oncology practice's trial: `compare J9271 --what asp` said only "choose pfs, asc or opps").
OTHER_WHATS = {"asp": "asp", "drug": "asp", "drugs": "asp", "clfs": "clfs", "lab": "clfs", "labs": "clfs",
               "dmepos": "dmepos", "dme": "dmepos"}  # fmt: skip


def _other_schedule_what(pricer: Pricer, what: str) -> str:
    """After "choose pfs, asc or opps": what to do for a schedule compare does not compare (``OTHER_WHATS``)."""
    from rvucalc.reference.releases import DATASET_LABELS, describe

    dataset = OTHER_WHATS.get(what)
    if dataset is None:
        return ""
    installed = describe(pricer.dataset_releases(dataset)) or "none"
    units = ", with its units: --units N" if dataset == "asp" else ""
    said = (f" Compare does not compare the {DATASET_LABELS[dataset]} files (installed: {installed}): price the code "
            f"on each date instead{cli_only(f' (rvucalc price CODE --date DATE{units})')}.")  # fmt: skip
    if dataset == "asp":
        said += (f" A drug's ASC and hospital outpatient rates compare with {option('what')} asc and {option('what')} "
                 "opps.")  # fmt: skip
    return said


def _facility_hints(pricer: Pricer, changes: list[CodeChange], years: tuple[int, int]) -> None:
    """A drug's PFS row (not on the PFS, paid from the ASP file): where its ASC and hospital outpatient rates are
    compared, --what asc and --what opps, when installed ASC or OPPS releases of both compared ``years`` list it (a
    trial's `compare J9271 --from 2025 --to 2026` pointed to `rvucalc price` alone; a review's: it then named
    `--what opps` for 2026, which has no installed OPPS release). A setting listing the code in one year, with no
    release installed for the other, is said to be not comparable, and why."""
    drug = f"(it is paid from {OTHER_PAYERS['drug']})"
    rows = [change for change in changes
            if drug in (change.explanation or "") or drug in (change.not_comparable_reason or "")
            or any(drug in note for note in change.notes)]  # fmt: skip
    if not rows:
        return
    labels = {"asc": "ASC", "opps": "hospital outpatient (OPPS)"}
    listed: dict[str, set[str]] = {}
    missing: dict[str, list[int]] = {}
    for what, tables in (("asc", ("asc_aa", "asc_bb")), ("opps", ("opps",))):
        releases = [release for release in pricer.dataset_releases(what) if release.year in years]
        listed[what] = {code for release in releases for table in tables
                        for code in pricer.store(release).columns(table, ["hcpcs"])["hcpcs"]}  # fmt: skip
        missing[what] = sorted({year for year in years if all(release.year != year for release in releases)})
    span = f" --from {years[0]} --to {years[1]}" if years[0] != years[1] else ""
    for change in rows:
        whats = [what for what in ("asc", "opps") if change.code in listed[what] and not missing[what]]
        apart = [what for what in ("asc", "opps") if change.code in listed[what] and missing[what]]
        hint = ""
        if whats:
            hint = (f"; its {' and '.join(labels[w] for w in whats)} "
                    f"{'rates compare' if len(whats) > 1 else 'rate compares'} with "
                    f"{' and '.join(f'rvucalc compare {change.code} --what {w}{span}' for w in whats)}")  # fmt: skip
        for what in apart:
            hint += (f"; its {labels[what]} rate cannot be compared: no {what.upper()} release for "
                     f"{' or '.join(map(str, missing[what]))} is installed")  # fmt: skip
        if not hint:
            continue
        if change.not_comparable_reason and drug in change.not_comparable_reason:
            change.not_comparable_reason += hint
        # A drug the PFS pays in one release only (Q4101) or neither (90376, in no installed ASP file): its note.
        change.notes = [note + hint if drug in note else note for note in change.notes]
        if change.explanation and drug in change.explanation:
            change.explanation = change.explanation.rstrip(".") + hint + ("." if change.explanation.endswith(".")
                                                                          else "")  # fmt: skip


def _qp_sides(before: Release, after: Release, qp: bool, notes: list[str]) -> tuple[bool, bool]:
    """Which side ``qp`` prices with the qualifying APM participant CF: each release that has one (2026 on).
    A release with a single CF (CY2025) keeps it, and a note says so; neither having one is a usage error."""
    if not qp:
        return False, False
    has = ("qp" in before.conversion_factors, "qp" in after.conversion_factors)
    if not any(has):
        years = f"CY{before.year} has" if before.year == after.year else f"CY{before.year} and CY{after.year} have"
        raise UsageError(
            f"{option('qp')}: {years} one conversion factor; the qualifying APM CF applies from 2026. Compare "
            f"with a 2026 or later release ({option('to')} 2026), or leave out {option('qp')}."
        )
    if not all(has):
        single, paired = (before, after) if not has[0] else (after, before)
        one = single.conversion_factors.get("default")
        notes.append(
            f"The qualifying APM participant (QP) conversion factor applies from 2026: CY{single.year} has one "
            f"conversion factor{f' (${one})' if one else ''}, used on the {single.release} side; the "
            f"{paired.release} side uses the QP conversion factor (${paired.conversion_factors['qp']})."
        )
    return has


def _cf_kind(release: Release, qp: bool, what_if: Decimal | None = None) -> str:
    """The conversion factor a side is priced with: "what_if" (the user's, as price labels it), else CMS's: "qp",
    "non_qp" (a year with both) or "single"."""
    if what_if is not None:  # an analyst's trial: the user's CF was labelled non_qp (qp with --qp)
        return "what_if"
    if qp:
        return "qp"
    return "non_qp" if "qp" in release.conversion_factors else "single"


def _one_locality(pricer: Pricer, text: str, release: Release) -> str:
    from rvucalc.lookup.localities import resolve_locality

    if text.strip().lower() == "all":
        raise UsageError(
            f"compare takes one place: a {option('locality')} id or name, or {option('zip_code')} (not 'all')."
        )
    found = resolve_locality(pricer, text, None, year=release.year)
    return found[0]


# -- PFS, named codes: the single lookup in each release ------------------------------


def _pfs_named(
    pricer: Pricer,
    codes: list[str],
    before: Release,
    after: Release,
    before_date: dt.date | None,
    after_date: dt.date | None,
    zip_code: str | None,
    locality: str | None,
    qp: tuple[bool, bool],
    cf: Decimal | None,
    warnings: list[str],
    anesthesia: list[tuple[Any, Any] | None] | None = None,
    provider: str = "physician",
    provider_stated: bool = False,
) -> tuple[list[CodeChange], dict[str, Any], list[Source]]:
    changes: list[CodeChange] = []
    sources: list[Source] = []
    place: dict[str, Any] = {}
    listed: dict[str, str] | None = None  # listed_elsewhere, read once when a code needs it
    places: dict[str, Any] = {}  # release -> _pfs_place, read once when a code needs it
    for number, text in enumerate(codes):
        conflict = _conflicting_modifiers(text)
        if conflict is not None:
            # A modifier pair no claim line carries (19303-55-AS, 27447-50-RT): refused as the line's, the others
            # compared (a review: a --codes file's one such line stopped the whole run, exit 2, nothing printed).
            changes.append(_denied(pricer, (before, after), *conflict))
            continue
        code, modifiers = parse_line(text)
        units = anesthesia[number] if anesthesia else None
        key = (code, next((m for m in modifiers if m in COMPONENT_MODIFIERS), ""))
        sides: list[Side | None] = []
        whys: list[str] = []
        denial: str | None = None
        refusals: dict[str, list[str]] = {}  # a refusal (or denial) of the line -> the releases that said it
        chiropractic: str | None = None  # a bare 98940-98942's denial without AT: its fee compared, the denial noted
        row_whys: dict[str, list[str]] = {}  # what the lookup said of a release's side from its RVU row
        for release, day, what_if, qp_side in ((before, before_date, None, qp[0]), (after, after_date, cf, qp[1])):
            try:
                result, why = _price_in(
                    pricer, text, release, day, zip_code, locality, qp_side, what_if, units, provider, provider_stated
                )
            except RvucalcError as exc:
                refused = exc.kind is ErrorKind.POLICY_REFUSED or isinstance(
                    exc, (PolicyRefusal, ModifierNotApplicable)
                )
                if exc.kind is not ErrorKind.DENIED and not refused:
                    raise
                row = pricer.store(release).rvu(*key)
                if exc.kind is ErrorKind.DENIED and not modifiers and code in CHIROPRACTIC_MANIPULATION and row:
                    # A bare 98940 (no AT), as --all's row of it: its fee schedule amount compared, the denial a note
                    # (a review: named "not comparable", --all "changed", $29.58 -> $29.72, for one code).
                    chiropractic = str(exc)
                    if release.release not in places:
                        places[release.release] = _pfs_place(pricer, release, zip_code, locality)
                    gpci, caps, _ = places[release.release]
                    fixed = _fixed_cf(release, qp_side, what_if)
                    sides.append(_row_side(row, gpci, fixed, cap_at_cf(pricer.store(release), row, caps.get(key), gpci,
                                                                      fixed)))  # fmt: skip
                    continue
                # A line Medicare denies (GY, GZ or EY on it) or refuses for its modifier (36475-80, assistant
                # indicator 1): that line's outcome, the others compared (a --codes file's one denied line stopped
                # the whole run, as `price A B` prices the others).
                refusals.setdefault(str(exc).rstrip("."), []).append(release.release)
                denial = _refusal_reason(refusals, (before, after))
                sides.append(None)
                continue
            if result is None:
                whys += [why] if why else []
                # Not a PFS line in this release (a drug the ASP file pays, or lists not; a lab; a DME item), yet
                # the RVU file's row: the side the whole schedule compares (_pfs_rows), so that a code's outcome is
                # the same named or found by --all (a review: Q4101, status E -> A, was "added" named and "changed"
                # by --all; 90376, in no installed ASP file, "not_found" named and "unchanged" by --all).
                row = pricer.store(release).rvu(*key)
                if row is None:
                    sides.append(None)
                    continue
                if release.release not in places:
                    places[release.release] = _pfs_place(pricer, release, zip_code, locality)
                gpci, caps, _ = places[release.release]
                fixed = _fixed_cf(release, qp_side, what_if)
                side = _row_side(row, gpci, fixed, cap_at_cf(pricer.store(release), row, caps.get(key), gpci, fixed))
                sides.append(side)
                if why:
                    row_whys.setdefault(why, []).append(release.release)
                continue
            sources += [s for s in result.sources if s.role in PFS_ROLES or s.role == "anesthesia"]
            # Release fallbacks are resolve_release's; the lookup's own are about OPPS/ASC quarters.
            warnings += [w for w in result.warnings if "ZIP+4" in w]
            if result.location.locality != "0000000":
                place = {"locality": result.location.locality, "locality_name": result.location.name}
            side = _side_from_result(result)
            side.na = _na_settings(pricer.store(release).rvu(*key))
            sides.append(side)
            if side.anesthesia and what_if is not None:
                # A what-if CF is the PFS's: the anesthesia CF prices the line (as `price` says it).
                warnings.append(
                    f"{code} is anesthesia: its {release.release} side is priced with CMS's anesthesia CF, not the "
                    "what-if conversion factor (the PFS's)."
                )
        supervised = SUPERVISED in modifiers and any(side is not None and side.anesthesia for side in sides)
        if units is not None and supervised:
            # AD is paid on 3 base units and no time units (engine.anesthesia.SUPERVISED_NOTE): the units given are
            # not used, said as `price` says it (a review found them ignored in silence).
            warnings.append(
                f"{'-'.join([code, *modifiers])} (medical supervision) is paid on {SUPERVISED_BASE_UNITS} base units "
                f"and no time units (Claims Processing Manual ch. 12 §50.D): "
                f"{unused_units(*units)}."
            )
        if denial is not None:
            changes.append(_denied(pricer, (before, after), code, modifiers, denial))
            continue
        change = _change(
            key, sides[0], sides[1], display="-".join([code, *modifiers]), releases=(before.release, after.release)
        )
        # The line as given (E0601-RR and E0601 were two identical "E0601" rows; 22590 and 22590-54 too, a trial).
        change.modifier = "-".join(modifiers) or None
        _skin_substitute_sides(pricer, change, code, before, after)
        if chiropractic is not None:
            _chiropractic_note(change, chiropractic)
        # (Informational ones, GP or 59, have no share: a review found the note on 97110-GP.)
        others = [m for m in modifiers if m not in COMPONENT_MODIFIERS and _changes_amount(m)]
        attributed = any(a.from_rvu is not None for a in change.amounts.values())
        shared = [(name, sides[0].shares[name]) for name, amount in change.amounts.items() if amount.from_rvu
                  is not None and sides[0] is not None and name in sides[0].shares]  # fmt: skip
        payer = "-".join(others) if others else (f"the {provider}" if provider != "physician" else "")
        if payer and shared:
            # The parts scaled by the line's share (_attribute): the rules part is what the rules changed.
            others = [payer]
            paid = dict.fromkeys(_share_words(share) for _, share in shared)
            same = all(sides[1] is not None and sides[1].shares.get(name) == share for name, share in shared)
            change.notes.append(
                f"The RVU, GPCI and conversion factor parts are {'-'.join(others)}'s {' and '.join(paid)} of what they "
                f"moved {code}'s fee, and the payment rules part is what the rules changed"
                + (f" (nothing: {'-'.join(others)}'s share is the same in both releases)." if same else
                   f" ({'-'.join(others)}'s share is not the same in both releases).")
            )  # fmt: skip
        elif others and attributed:
            change.notes.append(
                f"The RVU, GPCI and conversion factor parts are {code}'s fee without {'-'.join(others)}, and the "
                f"payment rules part holds {'-'.join(others)}'s share of them (its rule being the same in both "
                "releases)."
            )
        status = next((side.indicators["status"][0] for side in sides if side is not None), "")
        description = next((side.description or "" for side in sides if side is not None), "")
        unpaid = _pfs_pays_neither(change)
        if change.change == "not_found" and whys:
            # In neither release's PFS as a paid line: its PFS row (a lab's status X, a drug's E), if any, says what it
            # is, and --all's classification (paid_elsewhere_reason) whether another payment pays it.
            row = pricer.store(after).rvu(key[0], "") or pricer.store(before).rvu(key[0], "")
            if row is not None:
                change.description = row["description"]
                status, description = row["status"], row["description"] or ""
        apart = None
        if unpaid or (change.change == "not_found" and whys):
            if listed is None:
                listed = listed_elsewhere(pricer)
            apart = paid_elsewhere_reason(pricer, code, description, status, listed)
        if apart is not None and (unpaid or any(NOT_ON_THE_PFS in why for why in whys)):
            # The PFS pays it in neither release (status X; or in one, not listed in the other: a lab new in 2026),
            # and another schedule pays it: not comparable, as --all says (_paid_elsewhere; a review found `compare
            # G0008 Q3014` "unchanged" where --all said not comparable; a trial, J3490 "unchanged"; an analyst's,
            # J1100 and 36415 not_found). A named line's own words (its modifiers, a DME item's --state) where the
            # lookup said them.
            said = next((why for why in reversed(whys) if NOT_ON_THE_PFS in why), None)
            change.change = "not_comparable"
            change.not_comparable_reason = said or apart
            change.explanation = explain(change)
        elif change.change == "not_found" and whys:  # why: a typo, a code on no installed schedule
            change.explanation = f"{'-'.join([code, *modifiers])}: {whys[-1]}"
        elif sides[0] is None or sides[1] is None:
            missing = before if sides[0] is None else after
            change.notes.append(f"{'-'.join([code, *modifiers])} is not in {missing.release}.")
        if change.change != "not_comparable":
            # A side from the RVU file's row (not a PFS line there): what the lookup said of it, once.
            change.notes += [f"{' and '.join(names)}: {why}" for why, names in row_whys.items()]
        changes.append(change)
    return changes, place, sources


def _denied(
    pricer: Pricer, releases: tuple[Release, Release], code: str, modifiers: list[str], denial: str
) -> CodeChange:
    """A named line Medicare denies as given: no amount in either release, so not comparable, the denial its reason;
    described by the code's PFS row where it has one."""
    row = pricer.store(releases[1]).rvu(code, "") or pricer.store(releases[0]).rvu(code, "")
    change = CodeChange.model_construct(
        code=code, modifier="-".join(modifiers) or None, description=row["description"] if row else None,
        change="not_comparable", amounts={}, components=[], indicators=[], explanation="", notes=[],
        not_comparable_reason=denial.rstrip("."), descriptor_changed=None,
    )  # fmt: skip
    change.explanation = explain(change)
    return change


def _chiropractic_note(change: CodeChange, denial: str) -> None:
    """A bare 98940-98942 (no AT) compared at its fee schedule amount, named or by --all: the denial a line without AT
    meets (engine.modifiers.chiropractic_denial: Medicare Benefit Policy Manual ch. 15 §240.1.3, MLN Matters SE1602),
    as a note, and said in the explanation."""
    change.notes.append(f"Compared at its fee schedule amount; billed without AT: {denial}")
    said = "billed without AT (maintenance therapy), Medicare denies the line (MLN Matters SE1602)"
    change.explanation = f"{change.explanation.rstrip('.')}; {said}"


def _refusal_reason(refusals: dict[str, list[str]], releases: tuple[Release, Release]) -> str:
    """A refused or denied line's not-comparable reason: each release's refusal, the release named where the other
    release does not say it (an indicator CMS changed)."""
    both = {releases[0].release, releases[1].release}
    return "; ".join(
        text if set(names) >= both else f"in {' and '.join(names)}: {text}" for text, names in refusals.items()
    )


def _conflicting_modifiers(text: str) -> tuple[str, list[str], str] | None:
    """A line whose modifiers are each a modifier but together one no claim line carries (19303-55-AS, 27447-50-RT:
    ``engine.modifiers.check_combination``): its code, modifiers and the refusal; None for any other line (a malformed
    code or modifier, a repeated one, more than four: the request's own error, raised when it is priced)."""
    try:
        parse_line(text)
        return None
    except UsageError as exc:
        if exc.kind is not ErrorKind.BAD_MODIFIER:
            return None
        refusal = str(exc)
    code, _, written = text.strip().upper().partition("-")
    pieces = [piece for piece in _MODIFIER_SEPARATORS.split(written.strip()) if piece]
    if not 2 <= len(pieces) <= MAX_MODIFIERS or len(set(pieces)) != len(pieces):
        return None
    try:
        parsed = [parse_line(f"{code.strip()}-{piece}") for piece in pieces]
    except RvucalcError:
        return None
    modifiers = [modifier for _, each in parsed for modifier in each]
    return parsed[0][0], modifiers, refusal.rstrip(".")


def _per_code(value: Any) -> bool:
    """One value per code (a list of several), not one for every code: the named codes' order carries them."""
    return isinstance(value, (list, tuple)) and len(value) > 1


def _refused_lines(
    pricer: Pricer, what: str, release: Release, wanted: list[str], line_of: dict[str, int | None]
) -> dict[str, CodeChange]:
    """The lines read from a file (a line in ``line_of``, not None) that are malformed as written:
    a code of no HCPCS/CPT shape ('2744', under the PFS: the shape the single lookup checks) or a modifier that is
    none ('Q9Z'); each its ``not_found`` row. A modifier pair no claim line carries (19303-55-AS) is compared as
    before (``_conflicting_modifiers``: not comparable); a code given otherwise is the request's error, as before."""
    from rvucalc.lookup.lines import check_code_shape

    refused: dict[str, CodeChange] = {}
    for text in wanted:
        if line_of.get(text) is None:
            continue
        if _conflicting_modifiers(text) is not None:
            continue
        try:
            code, _ = parse_line(text)
            if what == "pfs":
                check_code_shape(code, pricer.store(release))
        except UsageError as exc:
            line = line_of[text]
            refused[text] = CodeChange.model_construct(
                code=text, modifier=None, description=None, change="not_found", amounts={}, components=[],
                indicators=[], explanation=f"{text} (line {line}): {exc}", notes=[], not_comparable_reason=None,
                descriptor_changed=None, line=line, error_kind=exc.kind.value,
            )  # fmt: skip
    return refused


def _lines_of_not_found(
    pricer: Pricer, named: list[str], changes: list[CodeChange], line_of: dict[str, int | None],
    releases: tuple[Release, ...],
) -> None:  # fmt: skip
    """A codes file's well-formed line in neither release (a typo, 9213A) says where it was read and what kind of
    error it is, as a malformed line's row does (an ophthalmology trial found `line` and `error_kind` blank on it):
    ``unknown_code`` when neither PFS release (``releases``; none for an ASC or OPPS comparison) lists the code at all,
    ``not_found`` otherwise (a code without that row, a code the addenda do not list)."""
    if len(changes) != len(named):
        return
    for text, change in zip(named, changes, strict=True):
        line = line_of.get(text)
        if change.change != "not_found" or line is None or change.line is not None:
            continue
        listed = not releases or any(pricer.store(release).rvu(change.code, "") is not None for release in releases)
        change.line = line
        change.error_kind = (ErrorKind.NOT_FOUND if listed else ErrorKind.UNKNOWN_CODE).value
        # named with its line as a malformed line's row is ("2744 (line 3): ..."), on the row and on stderr
        said = change.explanation or ""
        said = said[len(f"{text}: ") :] if said.startswith(f"{text}: ") else said
        change.explanation = f"{text} (line {line}): {said}"


def _with_refused(
    wanted: list[str], named: list[str], changes: list[CodeChange], refused: dict[str, CodeChange]
) -> list[CodeChange]:
    """The compared lines' rows with the refused lines' rows, each where it was named (one row a compared line);
    after them otherwise."""
    if len(changes) != len(named):
        return changes + list(refused.values())
    compared = iter(changes)
    return [refused[text] if text in refused else next(compared) for text in wanted]


def _without_repeats(codes: list[str], per_code: bool = False) -> tuple[list[str], str | None]:
    """The named codes once each (the same code and modifiers, the first kept, in the order named: a claim file read
    with --codes lists 99213 on every claim), and what was dropped (None: nothing). Not where base units or minutes
    are given per code, in the order named: each line its own."""
    if per_code:
        return codes, None
    kept: dict[tuple[str, tuple[str, ...]], str] = {}
    counts: dict[tuple[str, tuple[str, ...]], int] = {}
    for text in codes:
        try:
            code, modifiers = parse_line(text)
            # The same modifiers in another order are the same line (99213-GP-25 and 99213-25-GP: a review found
            # them two rows): the first as written is kept.
            key = (code, tuple(sorted(modifiers)))
        except RvucalcError:  # a malformed line: its own row says so, once per text
            key = (text, ())
        kept.setdefault(key, text)
        counts[key] = counts.get(key, 0) + 1
    dropped = len(codes) - len(kept)
    if not dropped:
        return codes, None
    repeated = ", ".join(f"{kept[key]} ({count}x)" for key, count in counts.items() if count > 1)
    return list(kept.values()), (
        f"{dropped} repeated code{'s' * (dropped != 1)} dropped (each code and modifiers compared once, in the order "
        f"first named): {repeated}."
    )


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, (list, tuple)) and not value)


def _anesthesia_inputs(
    pricer: Pricer,
    codes: list[str],
    releases: tuple[Release, Release],
    base_units: Any,
    minutes: Any,
) -> list[tuple[Any, Any] | None]:
    """Per named code: the base units and minutes an anesthesia code (status J in either release) is priced with, or
    None (another code). Each given once for every anesthesia code, or once per anesthesia code, in the order named."""
    if not _given(base_units) and not _given(minutes):
        return [None] * len(codes)
    anesthesia = []
    for text in codes:
        try:
            code, _ = parse_line(text)
        except RvucalcError:
            anesthesia.append(False)  # its own error, when it is priced
            continue
        rows = [pricer.store(release).rvu(code, "") for release in releases]
        anesthesia.append(any(row is not None and row["status"] == "J" for row in rows))
    count = sum(anesthesia)
    if not count:
        said = " and ".join(option(name) for name, value in (("base_units", base_units), ("minutes", minutes))
                            if _given(value))  # fmt: skip
        which = f"{codes[0]} is not one" if len(codes) == 1 else f"none of {', '.join(codes)} is one"
        raise UsageError(f"{said} {'are' if ' and ' in said else 'is'} for anesthesia codes (status J); {which}.")
    values = []
    for name, value in (("base_units", base_units), ("minutes", minutes)):
        each = list(value) if isinstance(value, (list, tuple)) else [value]
        if len(each) not in (1, count):
            raise UsageError(
                f"{option(name)} was given {len(each)} times for {count} anesthesia code{'s' * (count != 1)}: give it "
                "once (every anesthesia code) or once per anesthesia code, in the order named."
            )
        values.append(each * count if len(each) == 1 else each)
    found = iter(zip(*values, strict=True))
    return [next(found) if is_anesthesia else None for is_anesthesia in anesthesia]


def _price_in(
    pricer: Pricer,
    text: str,
    release: Release,
    day: dt.date | None,
    zip_code: str | None,
    locality: str | None,
    qp: bool,
    cf: Decimal | None,
    anesthesia_units: tuple[Any, Any] | None = None,
    provider: str = "physician",
    provider_stated: bool = False,
) -> tuple[PriceResult | None, str | None]:
    """The single lookup in this release; (None, why) when the release has no such row. ``anesthesia_units``: an
    anesthesia code's base units and minutes, as given (None: none given)."""
    options: dict[str, Any] = {"zip_code": zip_code, "locality": locality, "qp": qp}
    if provider != "physician":  # the practitioner's rules are the single lookup's (lookup.lines), as price's
        options["provider"] = provider
    if provider_stated:  # --provider md: the physician named, as price's (90834-AJ, 00840-QZ refused)
        options["provider_stated"] = True
    if cf is not None:
        options["conversion_factor"] = cf
    # The release's own effective date selects exactly that release (a user's date selects its own).
    code, line_modifiers = parse_line(text)
    row = pricer.store(release).rvu(code, "")
    anesthesia = row is not None and row["status"] == "J"
    given = anesthesia_units is not None and any(value is not None for value in anesthesia_units)
    # Medical supervision (AD) is paid 3 base units and no time units: priced without the user's units, as `price` does.
    unpriced = anesthesia and not given and SUPERVISED not in line_modifiers
    if anesthesia and given:
        assert anesthesia_units is not None
        # Priced by the single lookup, as `rvucalc price CODE --base-units N --minutes M` (lookup.lines._anesthesia):
        # one missing is its error, which says both are needed.
        options.update(base_units=anesthesia_units[0], minutes=anesthesia_units[1])
    elif unpriced:
        # An anesthesia code has no amount without its base units and minutes (a lookup without them is an error): its
        # side is looked up with none for its indicators and its anesthesia CF (a unit's amount), its amounts left
        # blank, and the change is not comparable (``_not_comparable``).
        options.update(base_units=0, minutes=0)
    try:
        result = pricer.price(text, date_of_service=day or release.effective_from, **options)
    except NotFoundError as exc:
        code, modifiers = parse_line(text)
        component = next((m for m in modifiers if m in COMPONENT_MODIFIERS), "")
        if pricer.store(release).rvu(code, component) is None:
            return None, str(exc)
        raise
    except UsageError as exc:
        # A DME item set per state, compared without a place: not a PFS amount, which is what compare compares (a
        # trial's national run of 200 codes failed whole, exit 2, on one E0601-RR, advising a --state compare lacks).
        code, _ = parse_line(text)
        row = pricer.store(release).rvu(code, "")
        # An anesthesia code given one of its base units and minutes: the lookup's error, which says both are needed.
        if exc.kind is not ErrorKind.MISSING_INPUT or anesthesia or (row is not None and paid_from_rvus(row)):
            raise
        return None, not_on_the_pfs(code, *dmepos_command(pricer, code, text))
    except TypeError as exc:
        if "conversion_factor" in str(exc):
            raise RvucalcError(
                "What-if pricing of named codes needs Pricer.price(conversion_factor=...), not in this build; "
                f"use {option('all_codes')} for the whole schedule."
            ) from None
        raise
    if unpriced:
        from rvucalc.models import SettingAmount

        blank = SettingAmount.model_construct(payable=False, reason=NO_ANESTHESIA_UNITS, adjustments=[])
        result.pfs.non_facility = result.pfs.facility = blank
    pfs_pays = result.pfs.non_facility.payable or result.pfs.facility.payable
    # A lab, drug or DME code: not on this release's PFS, or on it with a status that leaves it to its own schedule
    # (80053's status X; the CLFS of a year not installed still lists it): not comparable, as 0001U (a trial's 80053
    # and 81479 were "unchanged" beside 0001U's explanation).
    # An unlisted lab test no CLFS file lists (81479) is on both sides, the MAC pricing it: not comparable with price's
    # reason (mac_priced_reason), not "in neither" (a trial's `compare 81099` said not_found).
    if not result.pfs.in_schedule or not pfs_pays:
        listed = [name for name in ("clfs", "drug", "dmepos") if getattr(result, name) is not None]
        payer = result.paid_by or (listed[0] if listed else "")
        if payer in OTHER_PAYERS:
            return None, paid_from(pricer, result.code, text, payer)
    if not result.pfs.in_schedule:
        return None, result.pfs.facility.reason
    if result.release != release.release:
        raise RvucalcError(
            f"Asked for release {release.release}, the lookup used {result.release}. Please report this."
        )
    return result, None


NO_ANESTHESIA_UNITS = (
    "Anesthesia (status J): no amount without its base units and minutes (give them: --base-units N --minutes M)"
)

# The schedules that pay a line the PFS does not (PriceResult.paid_by), as a not-found row names them.
OTHER_PAYERS = {"clfs": "the clinical laboratory fee schedule", "drug": "the ASP drug payment limits",
                "dmepos": "the DMEPOS fee schedule"}  # fmt: skip
NOT_ON_THE_PFS = "is not paid under the PFS, the one fee schedule rvucalc compare covers"


def not_on_the_pfs(code: str, text: str, schedule: str, place: str) -> str:
    """A not-found row's explanation for a lab, drug or DME line: where it is paid, and how to price it."""
    return f"{code} {NOT_ON_THE_PFS} (it is paid from {schedule}): price it with rvucalc price {text}" + (
        f" {place}" if place else ""
    )


def paid_from(pricer: Pricer, code: str, text: str, payer: str) -> str:
    """``not_on_the_pfs`` with the command that prices the line (``text``) on its own schedule (``OTHER_PAYERS``' key):
    one advice for a named line and --all's row (a trial read `rvucalc price A4253` in --all, which asks for a state,
    beside the named `rvucalc price A4253-NU --state ST`). A DME item's needs its state (``dmepos_command``); a lab's
    or a drug's is said without a place (a review found two explanations of E0601-RR)."""
    if payer == "dmepos":
        return not_on_the_pfs(code, *dmepos_command(pricer, code, text))
    return not_on_the_pfs(code, text, OTHER_PAYERS[payer], "")


def dmepos_command(pricer: Pricer, code: str, text: str) -> tuple[str, str, str]:
    """``not_on_the_pfs``'s text, schedule and place for a DME item: the line with the modifier the newest installed
    DMEPOS file prices it by, when the line has none of its rows' (a trial followed "price it with rvucalc price E0601"
    to "give one of: RR"), and a state (the DMEPOS fee schedule is set per state)."""
    schedule, place = OTHER_PAYERS["dmepos"], "--state ST"
    releases = sorted(pricer.dataset_releases("dmepos"), key=lambda release: release.effective_from)
    if not releases:
        return text, schedule, place
    _, given = parse_line(text)
    rows = [{m for m in (item["mod"], item["mod2"]) if m} for item in pricer.store(releases[-1]).dmepos(code)]
    if not rows or any(row <= set(given) for row in rows):
        return text, schedule, place
    choices = sorted({"-".join(sorted(row)) for row in rows})
    if len(choices) > 1:
        place += f" (the DMEPOS fee schedule prices {code} by modifier: {', '.join(choices)})"
    return "-".join([text.strip().upper(), choices[0]]), schedule, place


def _side_from_result(result: PriceResult) -> Side:
    pfs = result.pfs
    amounts: dict[str, tuple[int | None, str | None]] = {}
    fees: dict[str, int | None] = {}
    for name in ("non_facility", "facility"):
        setting = getattr(pfs, name)
        amounts[name] = (_cents(setting.amount), None) if setting.payable else (None, setting.reason)
        fees[name] = _cents(setting.fee_schedule_amount) if setting.payable else None
    rvu, gpci, cf = pfs.rvu, pfs.gpci, pfs.conversion_factor
    factors: dict[str, Decimal] = {}
    formula = None
    anesthesia = pfs.status == "J"
    if anesthesia:
        # (base units + time units) x the anesthesia CF: the units are the user's, the same in both releases, so the
        # anesthesia CF is the factor that moves (the PFS's RVUs, GPCIs and CF price no anesthesia line).
        if pfs.anesthesia is not None:
            factors["anesthesia_conversion_factor"] = pfs.anesthesia.conversion_factor
    elif rvu is not None and gpci is not None and cf is not None:
        factors = {
            "work_rvu": rvu.work,
            "pe_non_facility_rvu": rvu.pe_non_facility,
            "pe_facility_rvu": rvu.pe_facility,
            "mp_rvu": rvu.mp,
            "gpci_work": gpci.work,
            "gpci_pe": gpci.pe,
            "gpci_mp": gpci.mp,
            "conversion_factor": cf,
        }
        formula = Formula(
            work=_scaled(rvu.work, 2),
            pe={"non_facility": _scaled(rvu.pe_non_facility, 2), "facility": _scaled(rvu.pe_facility, 2)},
            mp=_scaled(rvu.mp, 2),
            gpci=(_scaled(gpci.work, 3), _scaled(gpci.pe, 3), _scaled(gpci.mp, 3)),
            cf=_scaled(cf, 4),
        )
    indicators: dict[str, tuple[str, str | None]] = {"status": (pfs.status or "", pfs.status_meaning)}
    indicators.update({name: (item.value, item.meaning) for name, item in pfs.indicators.items()})
    shares = {name: share for name in ("non_facility", "facility")
              if (share := _line_share(getattr(pfs, name))) is not None}  # fmt: skip
    capped = frozenset(name for name in ("non_facility", "facility") if getattr(pfs, name).payable
                       and any(step.indicator == OPPSCAP for step in getattr(pfs, name).adjustments))  # fmt: skip
    # The OPPS-based cap on the MAC's price: the lookup's own note (lookup.lines.contractor_cap_note said it).
    mac_cap = next((note for note in result.notes if is_contractor_price_cap_note(note)), None)
    return Side(
        description=result.description, amounts=amounts, fees=fees, factors=factors,
        indicators=indicators, formula=formula, anesthesia=anesthesia and any(v is not None for v in fees.values()),
        shares=shares, capped=capped, mac_cap=mac_cap,
    )  # fmt: skip


def _line_share(setting: Any) -> Fraction | None:
    """The share of the fee schedule amount a line's payment rules pay (the product of its steps' percentages), where
    the amount is that share of the fee rounded once (as engine.policy rounds it); None without steps, or where a step
    is not a share (the OPPS imaging cap pays the lower of two amounts).

    An assistant at surgery is paid "16 percent of the amount otherwise applicable for the surgical payment" (Claims
    Processing Manual ch. 12 §20.4.3), co-surgeons 62.5% each (§40.8), a nurse practitioner billing under their own
    number "85 percent of the physician fee schedule amount" (42 CFR 414.56(c)): a percentage of the fee, so that an
    RVU, GPCI or CF change moves the line by that percentage of what it moves the fee (a trial: 27447-80's -$17.48 was
    split as the whole fee's RVUs -$141.41 with the rules +$91.77 holding the 84% not paid)."""
    if not setting.payable or not setting.adjustments or setting.amount is None or setting.fee_schedule_amount is None:
        return None
    share = Fraction(1)
    for step in setting.adjustments:
        if step.indicator == OPPSCAP:
            return None
        share *= Fraction(step.percentage) / 100
    fee, amount = _cents(setting.fee_schedule_amount), _cents(setting.amount)
    assert fee is not None and amount is not None
    return share if _round_share(fee, share) == amount else None


def _share_words(share: Fraction) -> str:
    """A share as a percentage (16%, 13.6%, 62.5%)."""
    percent = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return f"{percent.normalize():f}%"


def _round_share(cents: int, share: Fraction) -> int:
    """``share`` of an amount in cents, rounded half-up once (engine.policy.round_cents)."""
    return round_cents(cents * share)


def _na_settings(row: dict[str, Any] | None) -> frozenset[str]:
    """The settings an RVU row marks NA (its PE RVU is published, but CMS pays no amount there)."""
    if row is None:
        return frozenset()
    facility = facility_na((row.get("fac_na") or "").strip(), row.get("mult_proc"))  # not an always-therapy code's
    return frozenset(name for name, na in (("non_facility", (row.get("nonfac_na") or "").strip() == "NA"),
                                           ("facility", facility)) if na)  # fmt: skip


def _scaled(value: Decimal, places: int) -> int:
    return int(value.scaleb(places))


def _cents(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount.scaleb(2))


# -- PFS, the whole schedule: every row of each release's store -----------------------


def _pfs_rows(
    pricer: Pricer,
    release: Release,
    zip_code: str | None,
    locality: str | None,
    qp: bool,
    cf: Decimal | None,
) -> tuple[dict[tuple[str, str], Side], dict[str, Any]]:
    store = pricer.store(release)
    gpci, caps, place = _pfs_place(pricer, release, zip_code, locality)
    fixed_cf = _fixed_cf(release, qp, cf)
    sides = {
        (row["hcpcs"], row["modifier"]): _row_side(
            row,
            gpci,
            fixed_cf,
            cap_at_cf(store, row, caps.get((row["hcpcs"], row["modifier"])), gpci, fixed_cf),
            contractor_cap_note(store, row, place.get("locality")),  # as a named code's (price's note)
        )
        for row in store.rows("rvu")
    }
    anesthesia = [side for side in sides.values() if side.indicators["status"][0] == "J"]
    if anesthesia:
        # An anesthesia code (status J) as a named one without its units (``_price_in``'s unpriced side): no amount,
        # its reason NO_ANESTHESIA_UNITS, its factor the place's anesthesia CF (a unit's amount; CMS's, never the
        # what-if CF, which is the PFS's), so that named and --all say the same (a review found them apart).
        from rvucalc.lookup.lines import anesthesia_cf, shown_cf

        unit = {"anesthesia_conversion_factor": shown_cf(anesthesia_cf(store, place.get("locality"), qp)[0])}
        for side in anesthesia:
            side.amounts = dict.fromkeys(side.amounts, (None, NO_ANESTHESIA_UNITS))
            side.fees = dict.fromkeys(side.fees)
            side.factors, side.formula, side.na = dict(unit), None, frozenset()
    return sides, place


def _pfs_sources(release: Release, sides: dict[tuple[str, str], Side]) -> list[Source]:
    """The CMS files the whole schedule was priced from in ``release``: OPPSCAP's only where the cap set an amount (a
    named code's sources are its lookup's, which lists OPPSCAP where the cap applied: the same)."""
    capped = any(side.capped for side in sides.values())
    return [s for s in release_sources(release, PFS_ROLES) if s.role != "opps_cap" or capped]


def _pfs_place(
    pricer: Pricer, release: Release, zip_code: str | None, locality: str | None
) -> tuple[tuple[int, int, int], dict[tuple[str, str], dict[str, Any]], dict[str, Any]]:
    """The place's GPCIs (national without one), its OPPS imaging caps by (code, modifier), and its locality and
    name (empty without one) in ``release``."""
    store = pricer.store(release)
    place: dict[str, Any] = {}
    local = locality
    if zip_code:
        from rvucalc.lookup.pricer import parse_zip

        row = store.zip(parse_zip(zip_code))
        if row is None:
            raise NotFoundError(
                f"ZIP {zip_code} is not in {release.release}'s ZIP5 file. Use {option('locality')} instead."
            )
        local = row["locality"]
    gpci = NATIONAL_GPCI
    caps: dict[tuple[str, str], dict[str, Any]] = {}
    if local is not None:
        info = store.locality(local)
        if info is None:
            raise NotFoundError(f"Locality {local} is not in {release.release}. List them with: rvucalc localities")
        gpci = (info["gpci_work"], info["gpci_pe"], info["gpci_mp"])
        place = {"locality": local, "locality_name": info["name"]}
        caps = {(r["hcpcs"], r["modifier"]): r for r in store.rows("opps_cap") if r["locality"] == local}
    return gpci, caps, place


def _row_side(
    row: dict[str, Any],
    gpci: tuple[int, int, int],
    fixed_cf: int | None,
    cap: dict[str, Any] | None,
    mac_cap: str | None = None,
) -> Side:
    """One RVU row in one release, as the whole schedule prices it: ``fee_cents`` at the place's GPCIs and the row's CF
    (``fixed_cf``: the QP or what-if CF), the OPPS imaging ``cap`` and the NA and status rules."""
    row_cf = fixed_cf if fixed_cf is not None else int(row["conv_factor"])
    formula = Formula(
        work=row["work_rvu"], pe={"non_facility": row["pe_nonfac_rvu"], "facility": row["pe_fac_rvu"]},
        mp=row["mp_rvu"], gpci=gpci, cf=row_cf,
    )  # fmt: skip
    amounts: dict[str, tuple[int | None, str | None]] = {}
    fees: dict[str, int | None] = {}
    capped: set[str] = set()
    for name in ("non_facility", "facility"):
        reason = not_priced_reason(row, name)
        if reason:
            amounts[name], fees[name] = (None, reason), None
            continue
        fee = formula.fee(name, formula, formula, formula)
        limit = None if cap is None else cap["cap_nonfac" if name == "non_facility" else "cap_fac"]
        if opps_cap_applies(fee, limit):  # the lower of the PFS and OPPSCAP amounts (engine.kernels, DRA 2005)
            capped.add(name)
        amounts[name] = (limit if name in capped else fee, None)
        fees[name] = fee
    # Meanings are looked up only for indicators that changed (``_meaning``): 19,000 rows x 12.
    indicators: dict[str, tuple[str, str | None]] = {"status": (row["status"], None)}
    for name in meanings.INDICATOR_TABLES:
        indicators[name] = (row[name] or "", None)
    factors = {
        "work_rvu": Decimal(row["work_rvu"]).scaleb(-2),
        "pe_non_facility_rvu": Decimal(row["pe_nonfac_rvu"]).scaleb(-2),
        "pe_facility_rvu": Decimal(row["pe_fac_rvu"]).scaleb(-2),
        "mp_rvu": Decimal(row["mp_rvu"]).scaleb(-2),
        "gpci_work": Decimal(gpci[0]).scaleb(-3),
        "gpci_pe": Decimal(gpci[1]).scaleb(-3),
        "gpci_mp": Decimal(gpci[2]).scaleb(-3),
        "conversion_factor": Decimal(row_cf).scaleb(-4),
    }
    return Side(
        description=row["description"], amounts=amounts, fees=fees, factors=factors,
        indicators=indicators, formula=formula, na=_na_settings(row), capped=frozenset(capped), mac_cap=mac_cap,
    )  # fmt: skip


def _paid_elsewhere(
    pricer: Pricer,
    changes: list[CodeChange],
    before: dict[tuple[str, str], Side],
    after: dict[tuple[str, str], Side],
) -> None:
    """Rows of the whole schedule the PFS pays in neither release, for a code another fee schedule pays (a lab's
    status X row, the CLFS; a drug's, the ASP file; a DME item's, the DMEPOS fee schedule): not comparable, as the
    named form says them not on the PFS, never "unchanged" (a trial: 80053 and 85025 read "unchanged" in --all while
    compare prices no CLFS amount). Codes any installed release of those schedules lists, or the MAC prices."""
    listed = listed_elsewhere(pricer)
    for change in changes:
        if not _pfs_pays_neither(change):
            continue
        key = (change.code, change.modifier or "")
        side = after.get(key) or before.get(key)
        status = side.indicators["status"][0] if side is not None else ""
        apart = paid_elsewhere_reason(pricer, change.code, (side.description or "") if side else "", status, listed)
        if apart is None:
            continue
        change.change = "not_comparable"
        change.not_comparable_reason = apart
        change.explanation = explain(change)


def _skin_substitute_sides(pricer: Pricer, change: CodeChange, code: str, before: Release, after: Release) -> None:
    """A skin substitute's side before 2026 (its PFS row status E or X) says, as `price` does, that it was paid
    outside the PFS, from the ASP file (``lookup.schedules.skin_substitute_before_reason``), not the PFS status's
    reason alone."""
    for release, side in ((before, "before"), (after, "after")):
        reason = skin_substitute_before_reason(pricer.catalogue, code, release.year)
        if reason is None:
            continue
        for amount in change.amounts.values():
            if not getattr(amount, f"payable_{side}"):
                setattr(amount, f"reason_{side}", f"{code} was {reason}")


def _pfs_pays_neither(change: CodeChange) -> bool:
    """Whether the PFS pays a code in neither release: in both with no payable amount, or in one (added, deleted)
    with none there (a lab new in 2026, status X: named and --all alike not comparable when another schedule pays it,
    a review found it "added" by --all and not comparable named)."""
    return change.change in ("unchanged", "changed", "added", "deleted") and not any(
        amount.payable_before or amount.payable_after for amount in change.amounts.values()
    )


def listed_elsewhere(pricer: Pricer) -> dict[str, str]:
    """The codes any installed release of the CLFS, the ASP file or the DMEPOS fee schedule lists, each with the first
    of those that pays it (``OTHER_PAYERS``' keys)."""
    listed: dict[str, str] = {}
    for dataset, table, payer in (("clfs", "clfs", "clfs"), ("asp", "asp", "drug"), ("dmepos", "dmepos", "dmepos")):
        for release in pricer.dataset_releases(dataset):
            for code in pricer.store(release).columns(table, ["hcpcs"])["hcpcs"]:
                listed.setdefault(code, payer)
    return listed


def paid_elsewhere_reason(
    pricer: Pricer, code: str, description: str, status: str, listed: dict[str, str]
) -> str | None:
    """Why a code the PFS pays in neither release is not comparable, because another payment pays it (None: no other
    payment does, which for a code on no schedule is "not found"). One classification for --all's rows
    (``_paid_elsewhere``) and named codes (``_pfs_named``: a trial's `compare J1100 36415` said not_found where --all
    said not_comparable). ``listed``: ``listed_elsewhere``; ``description`` and ``status``: the code's PFS row's
    ("" where it has none)."""
    # The MAC prices a NOC drug and an unlisted lab test no CLFS file lists (price's office reason says so): that
    # reason, as the named form's (a trial: J3490 "unchanged", 81099 "paid from the CLFS: price it").
    found = listed.get(code)
    mac = None if found else mac_priced_reason(code, description, status)
    # A vaccine no installed ASP file lists (90686 in 2026) is still the ASP file's to pay; a code paid apart
    # (G0008's vaccine administration payment, Q3014's originating site fee) its own payment's, not the PFS's
    # (engine.meanings.VACCINE_PRODUCT_RANGES, PAID_APART: a review found them "unchanged" in --all).
    found = found or ("drug" if meanings.is_vaccine_product(code) else None)
    if found is not None:
        return paid_from(pricer, code, code, found)
    return paid_apart_reason(code) or mac or excluded_reason(code, description, status)


def excluded_reason(code: str, description: str, status: str) -> str | None:
    """Why a PFS status X code ("Statutory exclusion") of a HCPCS range another payment system pays (the ambulance
    fee schedule's A0 codes ...: ``lookup.pricer.OTHER_SCHEDULES``) is not comparable, with price's words (None: not
    such a code). A trial: A0425 was "unchanged" (status X, all RVUs zero) while its payment, the ambulance fee
    schedule, is updated each year by the ambulance inflation factor (SSA §1834(l)(3)(B): CPI-U less productivity;
    CY2026's AIF is 2.0%, CMS Transmittal 14364, CR 14269): the PFS's zero RVUs compare nothing."""
    from rvucalc.lookup.pricer import other_schedule_note

    if status != "X":
        return None
    note = other_schedule_note(code, description, status)
    return f"{code} {NOT_ON_THE_PFS}: {note[0].removeprefix(f'{code}: ').rstrip('.')}" if note else None


def paid_apart_reason(code: str) -> str | None:
    """Why a code paid apart from the fee schedules (engine.meanings.PAID_APART: G0008's vaccine administration
    payment, Q3014's originating site fee) is not comparable, in --all and the named form alike (None: not such a
    code)."""
    apart = meanings.paid_apart_note(code)
    return None if apart is None else f"{code} {NOT_ON_THE_PFS}: {apart.rstrip('.')}"  # its explanation adds "."


def mac_priced_reason(code: str, description: str, status: str) -> str | None:
    """Why a code the PFS does not pay and the MAC prices is not comparable, with price's office reason: a not
    otherwise classified drug (J3490), an unlisted lab test no CLFS file lists (81099) (None: not such a code)."""
    from rvucalc.lookup.pricer import not_otherwise_classified_drug, unlisted_lab_note, unlisted_lab_test

    note = not_otherwise_classified_drug(code, description) or (
        unlisted_lab_note(code) if unlisted_lab_test(code, status) else None
    )
    return None if note is None else f"{code} {NOT_ON_THE_PFS}: {note.rstrip('.')}"


def _fixed_cf(release: Release, qp: bool, cf: Decimal | None) -> int | None:
    """The CF every row uses: the what-if, the QP CF, or None (each row's own)."""
    if cf is not None:
        return cf_units(cf)
    if not qp:
        return None
    return cf_units(Decimal(release.qp_conversion_factor()))


# -- ASC and OPPS: quarterly releases ----------------------------------------------------


def _facility(
    pricer: Pricer,
    what: str,
    codes: list[str],
    before: Release,
    after: Release,
    zip_code: str | None,
    all_codes: bool,
) -> tuple[list[CodeChange], list[Source], list[str]]:
    notes: list[str] = []
    # A named line's modifiers (45385-PT): those that leave the facility's rate alone (PT: the patient's share, CAA
    # 2021 §122; an informational one) are priced as `price` takes them (``_waiver``); one that changes the rate (73,
    # 74, 52, PN ...: engine.facility, as `price` applies it) compare does not apply: that line alone is not
    # comparable, the others compared (a trial: `compare G0121 45385-PT --what asc` refused the whole run).
    parsed = {text: parse_line(text) for text in codes} if not all_codes else {}
    unapplied = {text: [m for m in mods if modifier_table.schedule_effect(m, what) != "none" and m not in APPLIED]
                 for text, (_, mods) in parsed.items()}  # fmt: skip
    sides: list[dict[str, Side]] = []
    sources: list[Source] = []
    for release in (before, after):
        wage, why_national = _wage_index(pricer, zip_code, release.year, notes) if zip_code else (None, None)
        # a place whose area CMS's wage index file lists with different values: its wage-adjusted rates not priced,
        # as `price` leaves them (engine.wage_choices; compare takes no wage index)
        choices = _wage_choices(pricer, zip_code, release.year) if zip_code and wage is None else []
        store = pricer.store(release)
        if all_codes:
            sides.append(_facility_sides(store, what, release, None, wage, why_national, choices=choices))
        else:
            by_text: dict[str, Side] = {}
            for text, (code, mods) in parsed.items():
                found = _facility_sides(store, what, release, [code], wage, why_national, tuple(mods), choices)
                if code in found:
                    by_text[text] = found[code]
            sides.append(by_text)
        sources += release_sources(release, set(FACILITY_ROLES[what]))
    if what == "opps" and zip_code and _in_maryland(pricer, zip_code, after.year):
        _maryland_sides(sides, notes)
    keys = codes if not all_codes else sorted(set(sides[0]) | set(sides[1]))
    changes = []
    for text in keys:
        code, mods = parsed.get(text, (text, []))
        if unapplied.get(text):
            side = sides[1].get(text) or sides[0].get(text)
            change = CodeChange.model_construct(
                code=code, modifier="-".join(mods), description=side.description if side else None,
                change="not_comparable", amounts={}, components=[], indicators=[], explanation="", notes=[],
                not_comparable_reason=_facility_modifier_reason(text, what, unapplied[text]), descriptor_changed=None,
            )  # fmt: skip
            change.explanation = explain(change)
            changes.append(change)
            continue
        change = _change((code, ""), sides[0].get(text), sides[1].get(text), releases=(before.release, after.release),
                         display=text)  # fmt: skip
        change.modifier = "-".join(mods) or None
        if what == "asc" and change.change == "deleted":
            change.explanation = asc_removed(pricer, code, after)
        for side, release in ((sides[0].get(text), before), (sides[1].get(text), after)):
            if side is None:
                change.notes.append(f"{code} is in no {what.upper()} table of {release.release}.")
            else:  # a preventive waiver's patient share, said once (price says it on the line)
                change.notes += [note for note in side.notes if note not in change.notes]
        changes.append(change)
    return changes, sources, notes


# The rate modifiers compare applies to a side as `price` does (engine.facility.apply_facility_modifiers, before the
# preventive waiver's share): 73, 74, 52 (ASC and OPPS), PN, PO, FX, FY, CT (OPPS), FB, FC (the ASC's device portion).
# Not 50: the ASC's bilateral rule needs the PFS row's bilateral indicator, which an ASC or OPPS side does not read.
APPLIED = frozenset({"73", "74", "52", "PN", "PO", "FX", "FY", "CT", "FB", "FC"})


def _facility_modifier_reason(text: str, what: str, unapplied: list[str]) -> str:
    """Why a named line is not comparable: a modifier that changes the ASC's or hospital's rate, which compare does
    not apply (``_facility``); `price` does, date by date."""
    setting = "asc" if what == "asc" else "hopd"
    said = " and ".join(unapplied)
    return (f"{text}: compare does not apply {said} to the {what.upper()} rate (it changes the rate); price the line "
            f"on each date: rvucalc price {text} --setting {setting} --date DATE")  # fmt: skip


def _in_maryland(pricer: Pricer, zip_code: str, year: int) -> bool:
    """Whether the ZIP is in Maryland (CMS's ZIP5 file: engine.hospitals.maryland_place)."""
    try:
        info = pricer.zip(zip_code, year=year)
    except RvucalcError:  # no ZIP file for the year, or a ZIP it lacks: _wage_index says so
        return False
    return maryland_place(info.state, info.locality.state, True)


def _maryland_sides(sides: list[dict[str, Side]], notes: list[str]) -> None:
    """A Maryland hospital is not paid under the OPPS (engine.hospitals, as `price` says): each release's OPPS amount
    there not priced (a line the OPPS does not pay keeps its reason), and said once."""
    for by_code in sides:
        for side in by_code.values():
            if any(cents is not None for cents, _ in side.amounts.values()):
                side.amounts = {name: (None, MARYLAND_OPPS_REASON) for name in side.amounts}
                side.wage_adjusted, side.national_instead = False, None
    notes.append(MARYLAND_OPPS_NOTE)


# A code on one quarter's ASC tables (Addenda AA, BB, EE) and on none of the next's left the ASC's lists: CMS removes
# codes from the covered procedures list (CY2026 OPPS/ASC rule: 37220-37226 and others) that remain valid codes the
# physician bills, so "deleted" (the PFS's word for a code CMS ended) misread it (a trial). Said so, and whether the
# later year's PFS still lists the code.
ASC_REMOVED = "Removed from the ASC's lists in {release} (on none of Addenda AA, BB, EE): the ASC is not paid for it"


def asc_removed(pricer: Pricer, code: str, after: Release) -> str:
    """The explanation of a code off the later quarter's ASC tables (``ASC_REMOVED``)."""
    said = ASC_REMOVED.format(release=after.release)
    try:
        release, _ = pricer.select(after.year, None)
        listed = bool(pricer.store(release).modifiers_of(code))
    except RvucalcError:
        return f"{said}."
    if listed:
        return f"{said}; the code is not deleted: the CY{release.year} PFS ({release.release}) lists it."
    return f"{said}; the CY{release.year} PFS ({release.release}) does not list it either."


# An ASC or OPPS compare by --zip said "ZIP 10001" and no more, in the table's head, the JSON and the CSV: the CBSA
# whose wage index adjusted both sides' rates went unnamed (export and price name it: "ZIP 10001: CBSA 35614 ...").
# Named here, the later year's, and a note where the earlier year's area differs (the two years' wage index files).
# An ASC/OPPS compare's unknown ZIP: a locality would give national rates (pricer.NO_CBSA_WARNING), as no ZIP does.
# The ZIP's CBSA wage-adjusts the ASC's and the hospital's rates (Claims Processing Manual ch. 14 §40.2: the ASC's
# CBSA's wage index; ch. 4 §10.7: the OPPS's labor-related share by the hospital's wage index), and compare takes no
# --cbsa. A review's `compare 66984 --what asc --from 2025 --to 2026 --zip 00000` was told "Price by --locality".
FACILITY_ZIP_ADVICE = (
    f"Give a ZIP in that file: its CBSA's wage index adjusts hospital outpatient and ASC rates. Without "
    f"{option('zip_code')} (or with {option('locality')}, which gives no CBSA) the rates are national."
)


def _facility_zip_error(exc: NotFoundError) -> NotFoundError:
    """An ASC/OPPS compare's error of an unknown ZIP with ``FACILITY_ZIP_ADVICE`` for the PFS's locality advice;
    other errors as they are."""
    from rvucalc.lookup.pricer import ZIP_LOCALITY_ADVICE

    message = exc.args[0] if exc.args else ""
    if exc.kind != ErrorKind.UNKNOWN_ZIP or ZIP_LOCALITY_ADVICE not in message:
        return exc
    return NotFoundError(message.replace(ZIP_LOCALITY_ADVICE, FACILITY_ZIP_ADVICE), kind=exc.kind)


def _facility_area(pricer: Pricer, zip_code: str, years: tuple[int, int], notes: list[str]) -> dict[str, Any]:
    """The ZIP's CBSA (code and name) in the later of ``years``, for ``Comparison.cbsa``; a note where the earlier
    year's differs. {} where the ZIP has no CBSA there (its rates national: ``_wage_index``'s note says why)."""
    areas: list[tuple[str | None, str | None]] = []
    for year in years:
        try:
            info = pricer.zip(zip_code, year=year)
        except RvucalcError:
            areas.append((None, None))
            continue
        areas.append((info.cbsa, info.cbsa_name))
    (before, before_name), (cbsa, name) = areas
    if before and cbsa and before != cbsa:
        notes.append(
            f"ZIP {zip_code}'s wage index area moved: CBSA {before} ({before_name}) in CY{years[0]}, CBSA {cbsa} "
            f"({name}) in CY{years[1]}."
        )
    return {"cbsa": cbsa, "cbsa_name": name} if cbsa else {}


def _wage_index(pricer: Pricer, zip_code: str, year: int, notes: list[str]) -> tuple[int | None, str | None]:
    """The ZIP's wage index in ``year`` (ten-thousandths), or None and, briefly, why its rates are national."""
    try:
        info = pricer.zip(zip_code, year=year)
    except ReleaseNotInstalledError:
        notes.append(f"No CY{year} ZIP file is installed: {year} rates are national.")
        return None, f"no CY{year} ZIP file is installed"
    if info.wage_index is None:
        # The ZIP's own note says why (a CBSA the wage index file lists twice with different values, none at all).
        why = next((note for note in info.notes if "wage index" in note.lower()), None)
        why = why.split(" Give a wage index")[0] if why else None  # compare takes no --wage-index: not offered
        said = f"ZIP {info.zip} has no CY{year} wage index: {year} rates are national."
        if _wage_choices(pricer, zip_code, year):  # not national there: not priced (engine.wage_choices)
            why = why.split(" Give the hospital's wage index")[0] if why else None
            said = (
                f"ZIP {info.zip} has no single CY{year} wage index: {year} hospital and ASC rates CMS wage-adjusts "
                "are not priced there."
            )
        notes.append(f"{said} {why}" if why else said)
        return None, f"ZIP {info.zip} has no usable CY{year} wage index"
    return int(info.wage_index.scaleb(4)), None


def _wage_choices(pricer: Pricer, zip_code: str, year: int) -> list[int]:
    """The ZIP's wage indexes in ``year`` where CMS's wage index file lists its area with different values
    (``geography.FacilityPlace.wage_index_choices``, as ``Pricer.zip`` resolves the place); [] otherwise."""
    from rvucalc.reference import geography

    try:
        info = pricer.zip(zip_code, year=year)
        wage_store = pricer.catalogue.optional_store("wage", year, None, [])
        geo = pricer.store(pricer.catalogue.newest("geo"))
    except RvucalcError:
        return []
    return list(geography.resolve(info.zip, geo, wage_store, info.state).wage_index_choices)


ASC_LISTS = {"AA": "covered surgical procedures (Addendum AA)", "BB": "covered ancillary services (Addendum BB)",
             "EE": "excluded from payment in ASCs (Addendum EE)"}  # fmt: skip


def _facility_sides(
    store: Any,
    what: str,
    release: Release,
    codes: list[str] | None,
    wage_index: int | None,
    why_national: str | None = None,
    modifiers: tuple[str, ...] = (),
    choices: list[int] | None = None,
) -> dict[str, Side]:
    if what == "opps":
        table = {r["hcpcs"]: r for r in store.rows("opps")} if codes is None else None
        keys = list(table) if table is not None else codes or []
        out = {}
        for code in keys:
            row = table[code] if table is not None else store.opps(code)
            if row is not None:
                out[code] = _opps_side(row, code, release, wage_index, why_national, modifiers, choices or [])
        return out
    addenda = ("aa", "bb", "ee", "ff")
    tables = {name: {r["hcpcs"]: r for r in store.rows(f"asc_{name}")} for name in addenda} if codes is None else None
    keys = sorted(set(tables["aa"]) | set(tables["bb"]) | set(tables["ee"])) if tables is not None else codes or []
    out = {}
    for code in keys:
        rows = {n: tables[n].get(code) if tables is not None else store.asc(n, code) for n in addenda}
        if rows["aa"] is None and rows["bb"] is None and rows["ee"] is None:
            continue
        out[code] = _asc_side(rows, code, release, wage_index, why_national, modifiers, choices or [])
    return out


def _opps_side(
    row: dict[str, Any],
    code: str,
    release: Release,
    wage_index: int | None,
    why_national: str | None = None,
    modifiers: tuple[str, ...] = (),
    choices: list[int] | None = None,
) -> Side:
    result = price_opps(row, code, release.year, wage_index, release.release)
    if wage_index is None and choices:  # not priced there, each value's rate said (as `price`: engine.wage_choices)
        wage_choices.opps_choice(result, choices)
    if modifiers:
        apply_facility_modifiers(result, AscResult.model_construct(payable=False, rate=None), modifiers, code,
                                 release.year)  # fmt: skip
    waived = _waiver(code, release.year, modifiers)
    if waived is not None and result.payable and result.rate is not None and result.copayment is not None:
        cents = copayment_within_waiver(int(result.copayment.scaleb(2)), int(result.rate.scaleb(2)), _share(waived))
        result.copayment = Decimal(int(cents)).scaleb(-2)
    reason = None if result.payable else result.reason
    adjustable = result.payable and result.labor_share > 0  # not a packaged, drug or other national-rate line
    factors = {"weight": _weight(row["weight"])}
    if result.national_rate is not None:
        factors["national_rate"] = result.national_rate
    if result.national_copayment is not None:
        factors["national_copayment"] = result.national_copayment
    if wage_index is not None:
        factors["wage_index"] = Decimal(wage_index).scaleb(-4)
    return Side(
        description=row["description"],
        amounts={"rate": (_cents(result.rate), reason), "copayment": (_cents(result.copayment), reason)},
        notes=[waived.reason] if waived is not None and result.payable else [],
        factors={k: v for k, v in factors.items() if v is not None},
        indicators={
            "status_indicator": (result.status_indicator or "", result.status_meaning or ""),
            "apc": (result.apc or "", ""),
        },
        wage_adjusted=adjustable and wage_index is not None,
        national_instead=why_national if adjustable and wage_index is None else None,
    )


def _asc_side(
    rows: dict[str, Any],
    code: str,
    release: Release,
    wage_index: int | None,
    why_national: str | None = None,
    modifiers: tuple[str, ...] = (),
    choices: list[int] | None = None,
) -> Side:
    result = price_asc(rows, code, wage_index, release.release)
    if wage_index is None and choices:  # (as _opps_side)
        wage_choices.asc_choice(result, choices)
    if modifiers:
        apply_facility_modifiers(OppsResult.model_construct(payable=False, rate=None), result, modifiers, code,
                                 release.year)  # fmt: skip
    waived = _waiver(code, release.year, modifiers)
    if waived is not None and result.payable and result.rate is not None:
        result.coinsurance = Decimal(percent_of(int(result.rate.scaleb(2)), _share(waived))).scaleb(-2)
    reason = None if result.payable else result.reason
    adjustable = result.payable and (result.payment_indicator or "") not in ASC_NOT_WAGE_ADJUSTED
    row = rows["aa"] or rows["bb"] or rows["ee"]
    factors: dict[str, Decimal] = {}
    weight = _weight((rows["aa"] or rows["bb"] or {}).get("weight"))
    if weight is not None:
        factors["weight"] = weight
    if result.national_rate is not None:
        factors["national_rate"] = result.national_rate
    if result.wage_adjusted and wage_index is not None:
        factors["wage_index"] = Decimal(wage_index).scaleb(-4)
        # A device-intensive J8 code's device portion (Addendum FF) is paid nationally, the rest wage-adjusted
        # (engine.facility.asc_wage_terms, as `price` computes it): its move is part of the rate's.
        if result.device_portion is not None and DEVICE_PORTION_NOT_WAGE_ADJUSTED:
            factors["device_portion"] = result.device_portion
    return Side(
        description=row["description"],
        amounts={"rate": (_cents(result.rate), reason), "coinsurance": (_cents(result.coinsurance), reason)},
        notes=[waived.reason] if waived is not None and result.payable else [],
        factors=factors,
        indicators={
            # EE is CMS's addendum of codes excluded from ASCs, not a payment indicator (Addendum DD1 has none): the
            # list a code is on is its own field (a trial read "payment_indicator EE -> G2").
            "payment_indicator": (result.payment_indicator or "", result.indicator_meaning or ""),
            "asc_list": (result.addendum or "", ASC_LISTS.get(result.addendum or "", "")),
            "multiple_procedure_discounting": (
                "" if result.multiple_procedure_discounting is None
                else ("Y" if result.multiple_procedure_discounting else "N"), ""),
        },
        wage_adjusted=result.payable and result.wage_adjusted,
        national_instead=why_national if adjustable and wage_index is None else None,
    )  # fmt: skip


def _waiver(code: str, year: int, modifiers: tuple[str, ...] = ()) -> preventive.Waiver | None:
    """The preventive waiver of a code's line alone, as ``Pricer.price`` finds it (engine.preventive's ``waiver``,
    then ``in_encounter`` of the line's own code): the patient's share of its ASC and OPPS rates, as price and batch
    take it (the waiver is of the service wherever it is furnished: CMS's preventive services chart, MLN006559,
    "Copayment/coinsurance waived"; SSA §1833(a)(1)(Y), §1833(b)(1)). A review found compare's ASC coinsurance of
    G0105 20% of the rate where price said $0.00."""
    found = preventive.waiver(code, modifiers, year)
    outcome = preventive.in_encounter(code, modifiers, [code])
    return found if outcome is None else outcome.waiver


def _share(waived: preventive.Waiver) -> int:
    """The waiver's patient share in hundredths of a percent, as price takes it."""
    from rvucalc.lookup.pricer import percent_hundredths

    return percent_hundredths(waived.coinsurance_percent)


def _weight(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value).scaleb(-4)


# -- one code's change ---------------------------------------------------------------


def _change(
    key: tuple[str, str],
    before: Side | None,
    after: Side | None,
    display: str | None = None,
    releases: tuple[str, str] | None = None,
) -> CodeChange:
    code, modifier = key
    name = display or (f"{code}-{modifier}" if modifier else code)
    present = after or before
    described = present.description if present is not None else None
    if before is None and after is None:
        return CodeChange.model_construct(
            code=code, modifier=modifier or None, description=None, change="not_found", amounts={}, components=[],
            indicators=[], explanation=f"{name} is in neither release.", notes=[],
        )  # fmt: skip
    names = list((after or before).amounts)  # type: ignore[union-attr]
    amounts = {n: _amount_change(n, before, after) for n in names}
    for amount in amounts.values():
        amount.packaged_before = packaged(before) and amount.before == 0
        amount.packaged_after = packaged(after) and amount.after == 0
    components: list[ComponentChange] = []
    indicators: list[IndicatorChange] = []
    if before is not None and after is not None:
        priced = any(a.payable_before or a.payable_after for a in amounts.values())
        # A setting CMS marks NA in both releases: its PE RVU moving changes nothing (an analyst's trial: 66984's
        # "office PE RVU 8.23 -> 6.14", an amount the office is not paid in either year).
        unpaid_pe = {NA_PE[name] for name in before.na & after.na}
        for factor in dict.fromkeys([*before.factors, *after.factors]):
            old, new = before.factors.get(factor), after.factors.get(factor)
            if not priced and factor in PLACE_AND_CF:
                continue  # a code paid in neither release: the CF or GPCIs moving changes nothing for it
            if factor in unpaid_pe:
                continue
            if old != new:
                components.append(
                    ComponentChange.model_construct(
                        component=factor, before=old, after=new,
                        change=None if old is None or new is None else new - old,
                    )
                )  # fmt: skip
        for field_name in dict.fromkeys([*before.indicators, *after.indicators]):
            old_pair, new_pair = before.indicators.get(field_name), after.indicators.get(field_name)
            old_value, new_value = (old_pair or ("",))[0], (new_pair or ("",))[0]
            if field_name in ADDED_COLUMNS and not (old_value and new_value):
                continue
            if old_value != new_value:
                indicators.append(
                    IndicatorChange.model_construct(
                        field=field_name,
                        before=old_pair[0] if old_pair else None, after=new_pair[0] if new_pair else None,
                        meaning_before=_meaning(field_name, old_pair), meaning_after=_meaning(field_name, new_pair),
                    )
                )  # fmt: skip
    not_comparable = None
    descriptor = descriptor_change(before, after)
    if before is None:
        kind = "added"
    elif after is None:
        kind = "deleted"
    else:
        moved = any(a.before != a.after or a.payable_before != a.payable_after for a in amounts.values())
        # A new descriptor alone is said, not counted: CMS rewrote ~700 short descriptors for 2026 (J1954's "Leuprolide
        # depot cipla 7.5mg" -> "Inj leu acet lutr dpt 7.5 mg", one drug at one rate), which would bury the payment
        # changes --changed-only is for.
        kind = "changed" if moved or components or indicators else "unchanged"
        not_comparable = _not_comparable(before, after, releases)
        if not_comparable:
            kind = "not_comparable"
            for amount in amounts.values():  # a national rate against a wage-adjusted one: no change to show
                amount.difference = amount.percent = None
    change = CodeChange.model_construct(
        code=code, modifier=modifier or None, description=described, change=kind, amounts=amounts,
        components=components, indicators=indicators, explanation="", notes=[], not_comparable_reason=not_comparable,
        descriptor_changed=descriptor,
    )  # fmt: skip
    _capped_notes(change, before, after, releases or ("the earlier release", "the later release"))
    _mac_cap_notes(change, before, after, releases or ("the earlier release", "the later release"))
    change.explanation = explain(change)
    return change


# A code CMS's files describe otherwise in the later release may be another service under the same number: CPT 2026
# redefined 92928 (RVU25D "Prq card stent w/angio 1 vsl", RVU26C "Prq tcat plmt ntrac st 1 les"), and a trial read its
# -$76.66 as RVUs, GPCIs and the CF moving on one service. The descriptors are CMS's (the RVU file's; the OPPS and ASC
# addenda's), compared without case, spacing and punctuation (CMS's files differ in those alone: "Biobrane glove" with
# a no-break space in one quarter's ASC addendum). Not every new descriptor is a new service (CMS rewrote hundreds of
# short descriptors for 2026), so the change is said, never a verdict. What CMS's files carry is the short descriptor
# (the RVU file's DESCRIPTION, the addenda's "Short Descriptor"): a rewording of it (29881 "Knee arthroscopy/surgery"
# -> "Arthrs kne srg mnisectmy m/l") was told "may describe a different service", which overstated; the words say the
# short descriptor changed and where to check whether the service did (the CPT descriptor).
DESCRIPTOR_CHANGED = "a new wording or a revised code; check the CPT descriptor if it matters"


def descriptor_change(before: Side | None, after: Side | None) -> DescriptorChange | None:
    """Both releases' descriptors of a code, where CMS's differ (not in case, spacing or punctuation alone)."""
    if before is None or after is None or not before.description or not after.description:
        return None
    if _descriptor_words(before.description) == _descriptor_words(after.description):
        return None
    return DescriptorChange.model_construct(before=before.description.strip(), after=after.description.strip())


def _descriptor_words(text: str) -> str:
    """A descriptor's letters and digits (case, spacing and punctuation aside), keeping a decimal point or hyphen
    between digits: "2.5 mg" is not "25 mg", nor "1-2 cm" "12 cm"."""
    bare = re.sub(r"\s+", "", text.lower())
    return re.sub(r"(?<![0-9])[.-]|[.-](?![0-9])|[^a-z0-9.-]", "", bare)


def descriptor_words(change: DescriptorChange) -> str:
    """What the table, the explanation and CSV say of a changed descriptor."""
    return f'CMS\'s short descriptor changed: "{change.before}" -> "{change.after}": {DESCRIPTOR_CHANGED}'


def packaged(side: Side | None) -> bool:
    """Whether a release packages the code: OPPS SI N or ASC PI N1 (engine.facility_meanings), paid within another
    procedure's payment, as `price` says it; its $0.00 is no price of its own."""
    if side is None:
        return False
    return (side.indicators.get("status_indicator", ("",))[0] in OPPS_PACKAGED
            or side.indicators.get("payment_indicator", ("",))[0] in ASC_PACKAGED)  # fmt: skip


OPPS_NOT_COMPARED = {
    "A": "SI A in both: paid from the fee schedule, not OPPS (the PFS, or the CLFS, therapy's or another payment "
    "system's amount): compare it with --what pfs, or price it at the hospital",
    PER_DIEM_STATUS: f"SI {PER_DIEM_STATUS} in both: not priced: paid only within a partial hospitalization or "
    "intensive outpatient day's per-diem APC (one a day, ch. 4 §260.1), whose rate is in Addendum A, not installed",
}


def _not_comparable(before: Side, after: Side, releases: tuple[str, str] | None) -> str | None:
    """Why two facility rates cannot be compared: one wage-adjusted, the other national only because the
    place had no usable wage index that year (a difference between them is the wage adjustment, not a change)."""
    names = releases or ("the earlier release", "the later release")
    anesthesia = "J" in (before.indicators.get("status", ("",))[0], after.indicators.get("status", ("",))[0])
    if anesthesia and not (before.anesthesia and after.anesthesia):
        # An anesthesia code has no amount without its base units and minutes: "unchanged" hid a moved anesthesia CF
        # (a trial: Manhattan's went from $22.76 to $22.81), which is shown (a unit's amount).
        return (
            "an anesthesia code (status J) is paid (base units + time units) x the locality's anesthesia CF, whose "
            "move (one unit's amount) is shown; compare its amounts with its base units and minutes: rvucalc compare "
            "CODE --base-units N --minutes M"
        )
    # A code the OPPS pays through no rate of its own in both quarters is no change of the hospital's payment: SI A, the
    # hospital paid from the PFS or another fee schedule (77067 the PFS, 97110 as therapy: Addendum D1's "paid under a
    # fee schedule or payment system other than OPPS"), SI P, paid within a PHP or IOP day's per-diem APC
    # (engine.facility.PER_DIEM_REASON). A trial read both "unchanged".
    status = before.indicators.get("status_indicator", ("",))[0]
    if status == after.indicators.get("status_indicator", ("",))[0] and status in OPPS_NOT_COMPARED:
        return OPPS_NOT_COMPARED[status]
    for unpriced, priced, (unpriced_name, priced_name) in ((before, after, names), (after, before, names[::-1])):
        # not priced for want of one wage index (engine.wage_choices), the other priced: no change to show
        if any(wage_choices.is_choice_reason(reason) for _, reason in unpriced.amounts.values()) and any(
            cents is not None for cents, _ in priced.amounts.values()
        ):
            index = priced.factors.get("wage_index")
            return (
                f"{unpriced_name} is not priced at this place: CMS's wage index file gives it several wage indexes "
                "and rvucalc does not choose between them (the amount's reason gives the rate at each), "
                f"{priced_name} is "
                + (f"wage-adjusted (wage index {index})" if index is not None else "priced")
                + ": no change to show. Price each quarter with one wage index (rvucalc price CODE --wage-index N "
                "or --asc-wage-index N --date YYYY-MM-DD)"
            )
    for national, adjusted, (national_name, adjusted_name) in (
        (before, after, names),
        (after, before, names[::-1]),
    ):
        if national.national_instead and adjusted.wage_adjusted:
            index = adjusted.factors.get("wage_index")
            return (
                f"{national_name} is the national rate ({national.national_instead}), {adjusted_name} is "
                "wage-adjusted"
                + (f" (wage index {index})" if index is not None else "")
                + ": their difference is the wage adjustment, not a change. Compare nationally (no ZIP), or price "
                "each quarter with one hospital's wage index (rvucalc price CODE --wage-index N --date YYYY-MM-DD)"
            )
    return None


def _meaning(name: str, pair: tuple[str, str | None] | None) -> str | None:
    if pair is None:
        return None
    if pair[1] is not None:
        return pair[1]
    table = meanings.STATUS if name == "status" else meanings.INDICATOR_TABLES.get(name)
    return meanings.meaning(table, pair[0]) if table is not None else None


def _amount_change(name: str, before: Side | None, after: Side | None) -> AmountChange:
    old, old_reason = before.amounts.get(name, (None, None)) if before else (None, None)
    new, new_reason = after.amounts.get(name, (None, None)) if after else (None, None)
    result = AmountChange.model_construct(
        before=_money(old), after=_money(new), payable_before=old is not None, payable_after=new is not None,
        reason_before=old_reason, reason_after=new_reason,
        capped_before=old is not None and before is not None and name in before.capped,
        capped_after=new is not None and after is not None and name in after.capped,
    )  # fmt: skip
    if old is None or new is None:
        return result
    result.difference = _money(new - old)
    result.percent = _percent(old, new)
    if result.capped_before and result.capped_after:
        # The OPPSCAP amount in both releases (IMAGING_CAP_BOTH): the RVUs, GPCIs and CF moved a PFS amount above the
        # cap, which paid nothing; the change is the cap's own, all of it the payment rules part.
        result.from_rvu = result.from_gpci = result.from_conversion_factor = _money(0)
        result.from_other = result.difference
    elif before and after and before.formula and after.formula and name in before.formula.pe:
        _attribute(result, name, before, after, new - old)
    elif before and after and before.anesthesia and after.anesthesia:
        # The same base units and minutes in both releases: the fee's change is the anesthesia CF's, the rest (none,
        # unless a payment rule changed) the payment rules'.
        fee_before, fee_after = before.fees.get(name), after.fees.get(name)
        if fee_before is not None and fee_after is not None:
            share = before.shares.get(name)
            if share is not None:
                # A line paid a share of the fee (QK's 50% under medical direction, Claims Processing Manual ch. 12
                # §50): the anesthesia CF moves it by that share of the fee's move, at the earlier release's share, so
                # the rules part is what the rules changed ($0.00 where the rule is the same in both years), as
                # ``_attribute`` splits an RVU fee's.
                fee_before, fee_after = _round_share(fee_before, share), _round_share(fee_after, share)
            result.from_conversion_factor = _money(fee_after - fee_before)
            result.from_other = _money(new - old - (fee_after - fee_before))
    return result


def _attribute(result: AmountChange, name: str, before: Side, after: Side, difference: int) -> None:
    """Split the fee's change into RVU, GPCI and CF steps (each rounded as CMS rounds a fee)."""
    b, a = before.formula, after.formula
    assert b is not None and a is not None
    start = b.fee(name, b, b, b)
    rvu_step = b.fee(name, a, b, b)
    gpci_step = b.fee(name, a, a, b)
    end = a.fee(name, a, a, a)
    if start != before.fees.get(name) or end != after.fees.get(name):
        return  # not a plain RVU x GPCI x CF fee (anesthesia): no split
    share = before.shares.get(name)
    if share is not None:
        # A line paid a share of the fee (80's 16%): each step moves the line by that share of the fee's move, at the
        # earlier release's share, so that the rules part is what the rules changed (nothing, where the share is the
        # same in both releases). The parts still add up to the line's change, to the cent.
        start, rvu_step, gpci_step, end = (_round_share(fee, share) for fee in (start, rvu_step, gpci_step, end))
    result.from_rvu = _money(rvu_step - start)
    result.from_gpci = _money(gpci_step - rvu_step)
    result.from_conversion_factor = _money(end - gpci_step)
    result.from_other = _money(difference - (end - start))


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)


def _percent(old: int, new: int) -> Decimal | None:
    if old == 0:
        return None
    return (Decimal((new - old) * 100) / Decimal(old)).quantize(CENT, rounding=ROUND_HALF_UP)


def _signed(amount: Decimal) -> str:
    return f"{'+' if amount >= 0 else '-'}${abs(amount):,.2f}"


def cf_label(change: CodeChange) -> str:
    """The conversion factor a change's CF part is of: an anesthesia code's is the anesthesia CF."""
    anesthesia = any(c.component == "anesthesia_conversion_factor" for c in change.components)
    return "anesthesia CF" if anesthesia else "CF"


def rules_label(amount: AmountChange, short: str = "payment rules") -> str:
    """What a change's payment rules part (``from_other``) is called: the OPPS imaging cap's where the cap set the
    amount in either release (IMAGING_CAP), else ``short`` (the table's "rules")."""
    if amount.capped_before and amount.capped_after:
        return IMAGING_CAP_BOTH
    return IMAGING_CAP if amount.capped_before or amount.capped_after else short


def capped_note(name: str, amount: AmountChange, fees: tuple[int | None, int | None], releases: tuple[str, str]) -> str:
    """What the OPPS imaging cap did to one amount (``name``'s) of a change: which release it set the amount in, and
    the PFS amount it held down (``fees``: each release's fee schedule amount in cents, before the payment rules)."""
    label = AMOUNT_LABELS.get(name, name)
    if amount.capped_before and amount.capped_after:
        pfs = " -> ".join(f"${Decimal(fee).scaleb(-2):,.2f}" for fee in fees if fee is not None)
        return (
            f"The {IMAGING_CAP_BOTH} set the {label} amount in both {releases[0]} and {releases[1]} (CMS's OPPSCAP "
            f"amounts ${amount.before:,.2f} -> ${amount.after:,.2f}): the PFS amount above it"
            + (f" ({pfs})" if pfs else "")
            + " moved with the RVUs, GPCIs and CF, which paid nothing, so the change is the cap's."
        )
    which, fee, cap = ((releases[0], fees[0], amount.before) if amount.capped_before else
                       (releases[1], fees[1], amount.after))  # fmt: skip
    said = f", below the PFS amount ${Decimal(fee).scaleb(-2):,.2f}" if fee is not None else ""
    part = ("the cap's cut in that release, no longer taken off" if amount.capped_before else
            "what the cap took off the PFS amount")  # fmt: skip
    return (
        f"The {IMAGING_CAP} (DRA 2005) set the {label} amount in {which} alone, to CMS's OPPSCAP amount ${cap:,.2f}"
        f"{said}: its payment rules part is {part}."
    )


def _capped_notes(change: CodeChange, before: Side | None, after: Side | None, releases: tuple[str, str]) -> None:
    """A change's notes on the OPPS imaging cap, for each amount it set in either release (``capped_note``)."""
    for name, amount in change.amounts.items():
        if amount.difference is not None and (amount.capped_before or amount.capped_after):
            fees = (before.fees.get(name) if before else None, after.fees.get(name) if after else None)
            change.notes.append(capped_note(name, amount, fees, releases))


def _mac_cap_notes(change: CodeChange, before: Side | None, after: Side | None, releases: tuple[str, str]) -> None:
    """A contractor-priced (status C) code's OPPS-based cap on the MAC's price, as price says it in each release
    (``Side.mac_cap``; CMS's OPPSCAP row, RVU file documentation: "Carrier prices cannot exceed the OPPS based payment
    caps"), each text once, led by the releases that say it (OPPSCAP's amounts differ from release to release)."""
    said: dict[str, list[str]] = {}
    for side, release in ((before, releases[0]), (after, releases[1])):
        if side is not None and side.mac_cap:
            said.setdefault(side.mac_cap, []).append(release)
    change.notes += [f"{' and '.join(names)}: {text}" for text, names in said.items()]


def explain(change: CodeChange) -> str:
    """One line a user reads: what moved, by how much, and from which factor."""
    if change.change == "added":
        return "New in the later release."
    if change.change == "deleted":
        return "Not in the later release."
    if change.change == "not_found":
        return change.explanation
    parts = []
    descriptor = change.descriptor_changed
    if descriptor is not None:
        parts.append(descriptor_words(descriptor))
    if change.not_comparable_reason:
        parts.append(f"not comparable: {change.not_comparable_reason}")
    for name, amount in change.amounts.items():
        label = AMOUNT_LABELS.get(name, name)
        if amount.payable_before != amount.payable_after:
            old = f"${amount.before:,.2f}" if amount.before is not None else _unpaid(amount.reason_before)
            new = f"${amount.after:,.2f}" if amount.after is not None else _unpaid(amount.reason_after)
            parts.append(f"{label} {old} -> {new}")
        elif amount.difference:
            percent = f", {'+' if amount.percent >= 0 else ''}{amount.percent}%" if amount.percent is not None else ""
            text = f"{label} {_signed(amount.difference)}{percent}"
            steps = [
                (what, value)
                for what, value in (
                    ("RVUs", amount.from_rvu),
                    ("GPCIs", amount.from_gpci),
                    (cf_label(change), amount.from_conversion_factor),
                    (rules_label(amount), amount.from_other),
                )
                if value
            ]
            if steps:
                text += " (" + ", ".join(f"{what} {_signed(value)}" for what, value in steps) + ")"
            parts.append(text)
    moved = [
        f"{COMPONENT_LABELS.get(c.component, c.component)} {c.before if c.before is not None else '—'} -> "
        f"{c.after if c.after is not None else '—'}"
        for c in change.components
    ]
    if moved:
        parts.append("moved: " + ", ".join(moved))
    flags = [f"{i.field} {i.before or '—'} -> {i.after or '—'}" for i in change.indicators]
    if flags:
        parts.append("indicators: " + ", ".join(flags))
    amounts = list(change.amounts.values())
    others = parts[1:] if descriptor is not None else parts
    if others:
        return "; ".join(parts)
    # Nothing (but the descriptor) changed: the explanation it would have without it, then the descriptor's sentence
    # (a review: 10040's ASC "No change: $0.00 in both (packaged ...)" was lost to it).
    if amounts and all(a.before == a.after == 0 for a in amounts):
        # A packaged code (OPPS SI N, ASC PI N1): $0.00 is no price of its own (a pain practice's trial read "No
        # change" at $0.00 with no reason, where `price` says "packaged").
        said = "No change: $0.00 in both (packaged: paid within another procedure's payment, no separate payment)."
    else:
        said = "No change."
    if descriptor is None:
        return said
    return f"{said.rstrip('.')}; {descriptor_words(descriptor)}"


# -- order and totals ---------------------------------------------------------------


def primary(change: CodeChange) -> AmountChange | None:
    """The amount a change is ranked by: the first with a difference (office before facility)."""
    for amount in change.amounts.values():
        if amount.difference is not None:
            return amount
    return None


def _sorted(changes: list[CodeChange], sort: str) -> list[CodeChange]:
    if sort == GIVEN:  # named codes, each where it was named
        return changes
    if sort == "code":
        return sorted(changes, key=lambda c: (c.code, c.modifier or ""))

    def key(change: CodeChange) -> tuple[int, Decimal, str, str]:
        amount = primary(change)
        value = None
        if amount is not None:
            value = amount.difference if sort == "change" else amount.percent
        if value is None:
            return (1, Decimal(0), change.code, change.modifier or "")
        return (0, -abs(value), change.code, change.modifier or "")

    return sorted(changes, key=key)


def _summary(changes: list[CodeChange]) -> dict[str, int]:
    counts = dict.fromkeys(
        ("changed", "unchanged", "added", "deleted", "not_found", "increased", "decreased", "not_comparable"), 0
    )
    for change in changes:
        counts[change.change] += 1
        amount = primary(change)
        if amount is not None and amount.difference:
            counts["increased" if amount.difference > 0 else "decreased"] += 1
        # Each setting's own count too ("facility_increased" ...): counted by the office amount alone, a list whose
        # office amounts rose read "36 up, 5 down" while every facility amount fell (a specialty society's trial).
        for name, each in change.amounts.items():
            if each.difference:
                way = f"{name}_{'increased' if each.difference > 0 else 'decreased'}"
                counts[way] = counts.get(way, 0) + 1
    for name in {name for change in changes for name in change.amounts}:
        counts.setdefault(f"{name}_increased", 0)
        counts.setdefault(f"{name}_decreased", 0)
    return counts


def _changes_amount(modifier: str) -> bool:
    """Whether a modifier has a payment effect (engine.modifiers' table: not "none")."""
    from rvucalc.engine.modifiers import lookup

    info = lookup(modifier)
    return info is not None and info.effect != "none"


def _unpaid(reason: str | None) -> str:
    """An amount with none: "not priced" where it is payable but its place has no one wage index (engine.wage_choices,
    as price says), else "not payable"."""
    return "not priced" if wage_choices.is_choice_reason(reason) else "not payable"
