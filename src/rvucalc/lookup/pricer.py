"""The Python API: ``Pricer`` (and the ``price`` shortcut) return the models the CLI renders.

>>> from rvucalc import price
>>> result = price("22590", zip_code="10001")
>>> result.pfs.facility.amount
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rvucalc.engine import (
    add_ons,
    allergy,
    audiology_components,
    blood_counts,
    bone_marrow,
    bundled_supplies,
    cerumen,
    combined_tests,
    dialysis_circuit,
    drug_admin,
    duplicates,
    epidural_management,
    facility_codes,
    fracture_cast,
    global_component,
    guidance,
    knee_arthroscopy,
    meanings,
    migs_with_cataract,
    nerve_conduction,
    neuromonitoring,
    ophthalmic_imaging,
    oxygen_contents,
    prep,
    preventive,
    sinus_dilation,
    spinal_manipulation,
    visits,
    wage_choices,
    wound_repair,
)
from rvucalc.engine import anesthesia as anesthesia_rules
from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.audiologists import audiologist_note
from rvucalc.engine.facility import (
    ASC_NOTE_SETTINGS,
    DMEPOS_AT_FACILITY_REASON,
    DRUG_AT_FACILITY_REASON,
    FACILITY_53_NOTE,
    FACILITY_53_SETTINGS,
    INPATIENT_ONLY,
    LAB_AT_FACILITY_REASON,
    NO_LATER_UNITS_RULE,
    OPPS_BILATERAL_NOTE,
    OPPS_BILATERAL_SITE_REASON,
    OPPS_DEVICE_OFFSET_NOTE,
    OPPS_TWO_UNITS_NOTE,
    PART_B_DEDUCTIBLE_CENTS,
    PER_DIEM_STATUS,
    ancillary_unpaid_site,
    ancillary_without_procedure,
    anesthesia_opps_packaged,
    apply_facility_modifiers,
    asc_halved_cut,
    asc_halved_from,
    asc_indicator_note,
    co_surgery_facility_note,
    compare_sites,
    copayment_within_waiver,
    device_credit_no_effect,
    discount_encounter_asc,
    discount_encounter_opps,
    facility_endoscopy_bases,
    facility_free_line,
    facility_item,
    facility_paid_on,
    facility_paid_once,
    later_units_note,
    later_units_percent,
    left_out_alone,
    less_facility,
    opps_device_offset_kept,
    opps_line_terms,
    opps_units_cut,
    physician_53_at_facility,
    price_asc,
    price_opps,
    professional_alone_note,
    professional_alone_reason,
    professional_site,
    schedule_site,
    times_units,
    total_sites,
    unprice_encounter_opps,
    with_later_units,
    with_line_share,
    with_professional_alone,
    with_professional_line,
    with_professional_shares,
    without_asc_ira_note,
    without_facility_payment,
)
from rvucalc.engine.facility_codes import facility_billed_said, without_physician_code
from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED, OPPS_PACKAGED
from rvucalc.engine.hopd_therapy import (
    HOPD_PFS_MAMMOGRAPHY,
    MAMMOGRAPHY_PAID_ON,
    MARYLAND_DSMT,
    hopd_mammography_note,
    hopd_mammography_site,
    hopd_pfs_note,
    hopd_therapy_site,
    pays_hopd_mammography,
    pays_hopd_therapy,
    therapy_opps_reason,
)
from rvucalc.engine.hospitals import (
    MARYLAND_OPPS_NOTE,
    MARYLAND_WAGE_INDEX_UNUSED,
    RURAL_SCH,
    hospital_name,
    maryland_place,
    maryland_unpriced,
    rural_sch_line,
    rural_sch_note,
)
from rvucalc.engine.kernels import (
    COINSURANCE_PERCENT,
    NO_MEDICARE_SHARE,
    asc_line_share_cut,
    is_paid_status,
    percent_of,
)
from rvucalc.engine.modifiers import (
    portable_xray_not_payable_reason,
    portable_xray_place,
    portable_xray_site_reason,
)
from rvucalc.engine.pfs import (
    CONTRACTOR_PRICED_REASON,
    NATIONAL_GPCI,
    decimal_at,
    is_anesthesia_code,
    is_contractor_price_cap_note,
    money,
    not_in_pfs_reason,
    price_row,
    technical_only_at_place_reason,
)
from rvucalc.engine.policy import (
    PolicyRefusal,
    fifty_two_units,
    paired_side,
    refusal_at_site,
    split_care_part,
    two_units_bilateral,
)
from rvucalc.engine.therapists import (
    hospital_therapy_note,
    hospital_therapy_practitioner,
    snf_therapy_paid_non_facility,
    therapist_place,
)
from rvucalc.errors import ErrorKind, NotFoundError, RvucalcError, UsageError, cli_only, option
from rvucalc.lookup import arguments, lines
from rvucalc.lookup import paid_for as paid_for_rule
from rvucalc.lookup.dates import parse_service_date
from rvucalc.lookup.lines import AnesthesiaInput, PreparedLine, no_opps_rate_notes, rate_kept_superseded
from rvucalc.lookup.locality_names import POSTAL_STATES, is_locality_number, parse_locality
from rvucalc.lookup.professional import mac_priced_fee, physicians_claim, physicians_claims, physicians_lines
from rvucalc.models import (
    NOT_PAYABLE,
    NOT_PRICED,
    AscResult,
    CodeMatch,
    EncounterResult,
    Gpci,
    LocalityInfo,
    LocalityList,
    Location,
    OppsResult,
    PfsResult,
    PriceResult,
    SearchResult,
    SettingAmount,
    Site,
    Source,
    ZipInfo,
)
from rvucalc.reference import geography
from rvucalc.reference.catalogue import Catalogue, sources
from rvucalc.reference.releases import Release
from rvucalc.reference.store import Store, phrase_matches

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rvucalc.lookup.schedules import OtherSchedules

RURAL_MEANINGS = {
    "": "Urban",
    "R": "Rural",
    "B": "Super rural",
}
# The ZIP5 file's rural indicator (R rural, B super rural, blank urban) is the ambulance fee schedule's geographic
# area (CMS, "National Breakout of Geographic Area Definitions by ZIP Code": "R = Rural, Blank = Urban, and B = Super
# Rural"; Pub. 100-04 ch. 15). The DMEPOS fee schedule's rural areas (42 CFR 414.202) are CMS's DMEPOS rural ZIP code
# file, another list, not installed: DMEPOS prices use the non-rural fee unless the rural one is asked for (a trial:
# `rvucalc zip 50501` said "Rural" while E0601-RR in Iowa was priced at the non-rural $50.70, not the rural $97.02).
ZIP5_AREA_NOTE = (
    "The ZIP5 file's rural indicator is the ambulance fee schedule's area (urban, rural, super rural). It is not the "
    "DMEPOS rural ZIP list (42 CFR 414.202), which rvucalc does not install: DMEPOS items are priced at the non-rural "
    "fee unless you ask for the rural one (rvucalc price CODE --rural)."
)


def location_rural_meaning(indicator: str) -> str:
    """A priced line's location's ``rural_meaning``: the ZIP5 indicator's meaning and which schedule's area it is, in
    brief (``ZIP5_AREA_NOTE``, as `rvucalc zip` says it in full): a ZIP's "rural": "B" beside a DMEPOS item priced at
    the non-rural fee read as a rural ZIP the fee ignored."""
    meaning = RURAL_MEANINGS.get(indicator, indicator)
    return f"{meaning} (CMS's ZIP5 rural indicator: the ambulance fee schedule's area, not the DMEPOS rural ZIP list)"


NATIONAL_LOCALITY = "0000000"
SITE_SETTINGS = ("office", "hopd", "asc")
MAX_UNITS = arguments.MAX_UNITS
MAX_WAGE_INDEX = Decimal(3)


class UnknownLineError(NotFoundError):
    """A code of an encounter that no installed schedule lists (``ErrorKind.UNKNOWN_CODE``): ``line`` is its
    position among the encounter's codes counted from 1, as the CLI's messages (``line 2 (99999)``) and the JSON's and
    CSV's ``errors`` count them; ``index`` the same from 0 (``codes[error.index]``), so that a caller can price the
    codes it knows without it, as batch prices a claim's other rows (``rvucalc price A B -f json``)."""

    def __init__(self, message: str, *, index: int) -> None:
        super().__init__(message, kind=ErrorKind.UNKNOWN_CODE)
        self.index, self.line = index, index + 1


class DeniedLineError(modifier_table.ModifierNotApplicable):
    """A line of an encounter Medicare denies (``ErrorKind.DENIED``: GY, GZ or EY on it, a chiropractor's line other
    than a manipulation with AT): ``line`` and ``index`` as ``UnknownLineError``'s (from 1, from 0), so that a caller
    can price the others without it, as batch errors the row and prices the claim's others (a trial's `price 98940
    99213` printed the denial alone, where batch paid 99213)."""

    def __init__(self, message: str, *, index: int) -> None:
        super().__init__(message, kind=ErrorKind.DENIED)
        self.index, self.line = index, index + 1


class RefusedLineError(modifier_table.ModifierNotApplicable, PolicyRefusal):
    """A line of an encounter refused for its modifier (``ErrorKind.POLICY_REFUSED``: 80 on a code whose assistant
    indicator is 1, 66 where team surgery is not permitted, CQ on a code that is not therapy, KJ on an item that is no
    capped rental, a DMEPOS row modifier on a lab test): ``line`` and ``index`` as ``UnknownLineError``'s (from 1, from
    0), so that a caller can price the others without it, as batch errors the row and prices the claim's others (a
    general-surgery trial's `price 44140 47562-51 36475-80 --setting 21` printed 36475-80's refusal alone, where batch
    paid the other two lines $1,621.06). Still the refusal it was (``PolicyRefusal``, ``ModifierNotApplicable``)."""

    def __init__(self, message: str, *, index: int, kind: ErrorKind = ErrorKind.POLICY_REFUSED) -> None:
        super().__init__(message, kind=kind)
        self.index, self.line = index, index + 1


class MissingRowLineError(NotFoundError):
    """A line of an encounter whose code CMS lists, but not with its 26, TC or 53 (``ErrorKind.NO_SUCH_ROW``:
    99214-TC): ``line`` and ``index`` as ``RefusedLineError``'s; batch errors the row (``no_such_row``) and prices the
    others."""

    def __init__(self, message: str, *, index: int) -> None:
        super().__init__(message, kind=ErrorKind.NO_SUCH_ROW)
        self.index, self.line = index, index + 1


# The errors of one line of an encounter: the others are priced without it (``rvucalc price A B``, as batch).
LINE_ERRORS = (UnknownLineError, DeniedLineError, RefusedLineError, MissingRowLineError)


def _denied_at(error: modifier_table.ModifierNotApplicable, number: int) -> None:
    """Raise a denial (``ErrorKind.DENIED``) as the line's (``DeniedLineError``); return on another refusal."""
    if error.kind is ErrorKind.DENIED:
        raise DeniedLineError(str(error), index=number) from error


def _refused_at(error: modifier_table.ModifierNotApplicable | PolicyRefusal, number: int) -> RefusedLineError:
    """A line's refusal for its modifier as the line's: a denial as ``DeniedLineError`` (raised), another as a
    ``RefusedLineError`` (returned, for the caller to raise), its kind kept."""
    if isinstance(error, modifier_table.ModifierNotApplicable):
        _denied_at(error, number)
    # Its message unrendered (``args``): the CLI renders it with its flags' names, as the error's own.
    return RefusedLineError(error.args[0] if error.args else "", index=number, kind=error.kind)


@dataclass
class Facility:
    opps: OppsResult
    asc: AscResult
    sources: list[Source]
    description: str = ""  # Addendum B's (or AA's, BB's) short descriptor: a code the PFS does not list has none
    # Each file's own release warnings (its quarter in force not installed): the line's where that file prices it
    # (``facility_release_warnings``), not a DME item's, lab's or drug's line the file gives no rate.
    opps_warnings: list[str] = field(default_factory=list)
    asc_warnings: list[str] = field(default_factory=list)


# Notes and warnings batch rows carry too (``batch.lines.NOTE_SLOTS``): written once, here.
IMAGING_CAP_NATIONAL_NOTE = "The OPPS imaging cap is set per locality: national amounts are not capped."
SEQUESTRATION_NOTE = "Sequestration: Medicare's share is reduced by 2% (not in CMS's fee schedules)."
NO_CBSA_WARNING = (
    "A locality, unlike a ZIP, gives no CBSA: hospital outpatient and ASC rates are national. Give the ZIP for "
    "wage-adjusted rates, or a hospital's own wage index (price and batch: wage_index, --wage-index) for its OPPS "
    "rate, an ASC's (asc_wage_index, --asc-wage-index) for its ASC rate."
)
# The user's wage index (wage_index, --wage-index) is a hospital's, for the OPPS rate alone. The ASC payment system
# adjusts by its own: "the applicable annually updated pre-reclassification wage index" of the ASC's CBSA, without the
# inpatient reclassification, floor or occupational mix adjustments a hospital's may carry (CMS, as Becker's ASC Review
# restates it, "CMS adjustment of surgery center payment for geographic differences in wages"; Claims Processing
# Manual ch. 14 §40.2): the installed ASC wage index file's value for the place, or, where it has none, the national
# rate. A review found `price 45378 --zip 21201 --wage-index X` moving the ASC's $485.87 with X.
USER_WAGE_INDEX = "given by the user (wage_index, --wage-index): a hospital's, for the OPPS rate alone"
ASC_USER_WAGE_INDEX = "given by the user (asc_wage_index, --asc-wage-index), for the ASC rate alone"
ASC_RATE_NATIONAL = (
    "the ASC rate is national (wage_index, --wage-index, a hospital's, sets the OPPS rate alone, and asc_wage_index, "
    "--asc-wage-index, sets the ASC's)."
)
NO_CBSA_ASC_WARNING = f"A locality, unlike a ZIP, gives no CBSA: {ASC_RATE_NATIONAL} Give the ZIP for the ASC's."
# The ASC's wage index given at a locality: the hospital's rate alone is national (a review found "Hospital (OPPS)
# rate: ... hospital outpatient and ASC rates are national" with the ASC's given).
NO_CBSA_OPPS_WARNING = (
    "A locality, unlike a ZIP, gives no CBSA: the hospital's (OPPS) rate is national (asc_wage_index, "
    "--asc-wage-index, sets the ASC rate alone). Give the ZIP, or a hospital's own wage index (wage_index, "
    "--wage-index), for its OPPS rate."
)
_FACILITY_NATIONAL = re.compile(r"facility rates are national\.(?: Give [^.]*\.)?")


def asc_only_warning(warning: str) -> str:
    """A place's warning that its facility rates are national (no wage index for it), where the user gave a hospital's
    wage index: only the ASC's rate is national then (``USER_WAGE_INDEX``)."""
    if warning == NO_CBSA_WARNING:
        return NO_CBSA_ASC_WARNING
    said = _FACILITY_NATIONAL.sub(ASC_RATE_NATIONAL, warning)
    return said if said != warning else f"ASC rate: {warning}"


CHOOSE_ASC = "CMS's file gives the place several wage indexes: give the ASC's, asc_wage_index, --asc-wage-index"
CHOOSE_OPPS = "CMS's file gives the place several wage indexes: give the hospital's, wage_index, --wage-index"


def given_wage_warning(warning: str, opps_given: bool, asc_given: bool) -> str | None:
    """A place's warning where the user gave the hospital's wage index (``opps_given``), the ASC's (``asc_given``),
    both or neither: what is left of it (None: nothing). A place whose area the wage index file lists with different
    values (geography.CHOICES_NOT_PRICED) says which rate is still not priced; any other place's, that its facility
    rates are national, is the ASC's alone with the hospital's given (``asc_only_warning``), the hospital's alone
    with the ASC's."""
    if geography.CHOICES_NOT_PRICED in warning:
        left = {
            (False, False): geography.CHOICES_NOT_PRICED,
            (True, False): geography.CHOICES_ASC_NOT_PRICED,
            (False, True): geography.CHOICES_OPPS_NOT_PRICED,
            (True, True): geography.CHOICES_BOTH_GIVEN,
        }
        return warning.replace(geography.CHOICES_NOT_PRICED, left[(opps_given, asc_given)])  # fmt: skip
    if opps_given and asc_given:
        return None
    if opps_given:
        return asc_only_warning(warning)
    if asc_given:
        if warning == NO_CBSA_WARNING:
            return NO_CBSA_OPPS_WARNING
        said = _FACILITY_NATIONAL.sub("the hospital's (OPPS) rate is national (asc_wage_index, --asc-wage-index, sets "
                                      "the ASC rate alone).", warning)  # fmt: skip
        return said if said != warning else f"Hospital (OPPS) rate: {warning}"
    return warning


def user_wage_index_source(asc_source: str | None) -> str:
    """What the place's wage index is where the user gave one: the hospital's, and the ASC's (``asc_source``: the
    installed file's, None: none, the national rate)."""
    asc = f"the ASC's is {asc_source}" if asc_source else "the ASC rate is national (no ASC wage index for the place)"
    return f"{USER_WAGE_INDEX}; {asc}"


def bilateral_units_note(indicator: Any, modifiers: Sequence[str], units: int) -> str | None:
    """Units of a bilateral code without 50: priced as units x one side, which is not how CMS pays them. CMS's
    RVU file documentation, bilateral surgery indicator 1 (2: 100%): a code 'reported twice on the same day by
    any other means (e.g., with RT and LT modifiers, or with a 2 in the units field)' is paid as one bilateral
    procedure, 150% of the fee schedule amount for a single code."""
    percent = {"1": 150, "2": 100}.get(str(indicator or ""))
    if percent is None or units < 2 or "50" in modifiers:
        return None
    one_side = one_side_units_note(modifiers, units)
    if one_side is not None:
        return one_side
    if units > 2:
        # More units than the two sides: no one bilateral procedure, so not "Bill it with 50", which for a hand
        # surgery group's 20550 x 3 (three trigger fingers' tendon sheaths: 20600, 20604 and 20550 are bilateral
        # indicator 1 in the RVU file) would have billed three sites as one procedure at 150%. Each site is a
        # procedure of its own line, its digit named by its modifier (NCCI Policy Manual ch. 1 §E: anatomic
        # modifiers, FA-F9 for fingers, TA-T9 for toes), ranked by the multiple procedure rule (ch. 12 §40.6).
        return (
            f"{units} units of a bilateral code (bilateral indicator {indicator}): more than the two sides CMS pays as "
            f"one bilateral procedure ({percent}% of one side, billed with 50 and 1 unit). Separate sites are billed "
            f"each on its own line (a finger or toe with its digit's modifier, FA-F9 or TA-T9, another site with 59 "
            f"or XS), ranked by the multiple procedure rule. The PFS amounts are {units} times one side's."
        )
    return (
        f"{units} units of a bilateral code (bilateral indicator {indicator}): CMS pays a code reported twice on one "
        f"day (2 units, or LT and RT) as one bilateral procedure, {percent}% of one side. Bill it with 50 and 1 "
        f"unit. The PFS amounts are {units} times one side's."
    )


def one_side_units_note(modifiers: Sequence[str], units: int, *, add_on: bool = False) -> str | None:
    """Units of a bilateral code on a line of one side (LT or RT, not both), or None. The units of one side's line are
    on that side: the RVU file documentation's "reported twice on the same day ... with RT and LT modifiers, or with a
    2 in the units field" is both sides, which one LT or RT line is not (a trial: 20611-RT x 2 was told "Bill it with
    50"). An add-on's units on one side are its additional vessels or levels there (a trial: 37255-RT x 2, "each
    additional vessel", was told "bill it with 50 and 1 unit"), no more a bilateral procedure than a primary's."""
    sides = [m for m in modifiers if m in ("LT", "RT")]
    if len(sides) != 1 or units < 2:
        return None
    if add_on:
        return (
            f"{units} units of a bilateral add-on code on one side ({sides[0]}): all on that side, they are no "
            "bilateral procedure (both sides: 50, or an LT and an RT line). An add-on's units count its additional "
            f"vessels or levels. The PFS amounts are {units} times one unit's."
        )
    return (
        f"{units} units of a bilateral code on one side ({sides[0]}): all on that side, they are no bilateral "
        f"procedure (both sides: 50, or an LT and an RT line). The PFS amounts are {units} times one unit's (the "
        "multiple procedure rule ranks lines, not a line's units)."
    )


THERAPY_MULT_PROC = "5"  # multiple procedure indicator of therapy, whose rules count a line's units


def _add_notes(items: Sequence[Any], notes: Sequence[str | None]) -> None:
    """An encounter rule's per-line notes (None: no note) appended to its lines' notes, in order: the one way
    ``Pricer.price_encounter`` adds them, as batch's pairing rules write them (batch.claims._codes_meeting)."""
    for item, said in zip(items, notes, strict=True):
        if said:
            item.notes.append(said)


def code_units_note(code: str, units: int) -> str | None:
    """The note of a line of ``units`` of a code whose unit CMS defines (``units_note``'s first): a monthly ESRD code's,
    a per-day ESRD code's above 30 units (90967-90970), 99291's, a prolonged code's (G0316-G0318),
    an office visit's (99202-99215),
    an initial drug administration code's, 77427's,
    17003's above 13 units, a first skin biopsy code's, a
    lesion count code's (17004, 17110, 17111, 11900, 11901), a timed pair's first code's (90839, 96130, 96136 ...:
    ``engine.add_ons.TIMED_FIRST_UNITS``), a debridement's or skin substitute graft's first area code's (11042-11044,
    97597, 15271, 15273, 15275, 15277: ``engine.add_ons.AREA_FIRST_UNITS``), chemodenervation guidance's (95873,
    95874: once a day), 95115's or 95117's (one service a visit), a nerve conduction study's
    (95907-95913: one session, engine.nerve_conduction), a wound repair code's (one code for the summed length,
    engine.wound_repair), a dialysis circuit code's (36901-36909: once a session, engine.dialysis_circuit), a spinal
    CMT code's (98940-98942: one a session, engine.spinal_manipulation), 99183's (hyperbaric oxygen supervision: one
    a session, engine.facility_codes); None for
    any other code, or one unit. Batch reads which codes
    have one (``has_code_units_note``) to flag their rows (batch.price's MONTHLY_UNITS), so the two lists are one."""
    from rvucalc.engine import radiation  # loaded with the engine; the modules' attributes, no import per call

    return (
        visits.monthly_esrd_units_note(code, units)
        or visits.per_day_esrd_units_note(code, units)
        or visits.critical_care_units_note(code, units)
        or visits.prolonged_units_note(code, units)
        or visits.office_visit_units_note(code, units)
        or drug_admin.initial_units_note(code, units)
        or radiation.management_units_note(code, units)
        or add_ons.premalignant_units_note(code, units)
        or add_ons.first_biopsy_units_note(code, units)
        or add_ons.first_extremity_units_note(code, units)
        or add_ons.lesion_count_units_note(code, units)
        or add_ons.timed_first_units_note(code, units)
        or add_ons.area_first_units_note(code, units)
        or add_ons.guidance_units_note(code, units)
        or allergy.injection_units_note(code, units)
        or nerve_conduction.units_note(code, units)
        or wound_repair.units_note(code, units)
        or dialysis_circuit.units_note(code, units)
        or spinal_manipulation.units_note(code, units)
        or facility_codes.hyperbaric_units_note(code, units)
    )


@cache
def has_code_units_note(code: str) -> bool:
    """Whether a line of several units of ``code`` has ``code_units_note`` (17003's above 13 units alone, a per-day
    ESRD code's above 30). Asked of
    every row of each release's RVU file (batch.price's ``_units_rules``): kept per code, and 17003's second question
    asked of it alone (five imports a call, twice a row, tripled the cost: ~0.33 s a release)."""
    return (
        code_units_note(code, 2) is not None
        or (
            code == add_ons.PREMALIGNANT_EACH
            and code_units_note(code, add_ons.PREMALIGNANT_EACH_MAX_UNITS + 1) is not None
        )
        or visits.per_day_esrd_units_note(code, visits.PER_DAY_ESRD_MAX_UNITS + 1) is not None
    )


def units_note(row: dict[str, Any], modifiers: Sequence[str], units: int, *, paired: bool = False) -> str | None:
    """A line of several units priced as units x one unit's PFS amount where CMS pays less: a bilateral code
    without 50 (``bilateral_units_note``), unless the rules paid its 2 units as one bilateral procedure
    (``engine.policy.two_units_bilateral``); an add-on code's units, which may be levels or sides; a bilateral
    procedure (50, or one side of an LT and RT pair: ``paired``) of several units, priced as units x the bilateral
    amount; a monthly ESRD-related services code's units (``engine.visits.monthly_esrd_units_note``), 99291's
    (``engine.visits.critical_care_units_note``), an initial drug administration code's
    (``engine.drug_admin.initial_units_note``), 77427's (five fractions a unit:
    ``engine.radiation.management_units_note``). Single lookups and batch alike."""
    from rvucalc.engine.policy import ADD_ON_GLOBAL, BILATERAL, Line, two_units_bilateral

    indicator = str(row.get("bilat_surg") or "")
    if units < 2:
        return None
    monthly = code_units_note(str(row.get("hcpcs") or ""), units)
    if monthly:
        return monthly
    add_on = str(row.get("global_days")) == ADD_ON_GLOBAL
    if add_on and indicator in BILATERAL and (paired or "50" in modifiers):
        return (
            f"{units} units of an add-on code on both sides: priced as {units} levels (or vessels), each at the "
            "bilateral amount."
        )
    if paired and indicator in BILATERAL:
        return (
            f"{units} units on one side of a bilateral pair (an LT line and an RT line): CMS pays a bilateral "
            "procedure once; bill it with 50 and 1 unit, or one LT and one RT line of 1 unit each. The pair is "
            "priced on its first line, times that line's units."
        )
    if "50" in modifiers and two_units_bilateral(Line(code="", modifiers=list(modifiers), row=row, settings={},
                                                      units=units)):  # fmt: skip
        return (
            "2 units with 50: 50 already says both sides, and the 2 units say the same second side again. CMS pays a "
            "bilateral procedure once, whether 50, an LT and an RT line or 2 units say it (RVU file documentation, "
            "bilateral surgery indicators), billed with 50 and 1 unit (the MUE may deny 2 units). The PFS amounts "
            f"are one {'-'.join([str(row.get('hcpcs') or 'CODE'), '50'])}'s, the second unit $0.00."
        )
    if "50" in modifiers and indicator in BILATERAL:
        return (
            f"{units} units of a bilateral procedure (50): CMS pays a bilateral procedure as one service, billed "
            f"with 50 and 1 unit. The PFS amounts are {units} times the bilateral amount."
        )
    if two_units_bilateral(Line(code="", modifiers=list(modifiers), row=row, settings={}, units=units)):
        return None
    percent = {"1": 150, "2": 100}.get(indicator)
    if percent is not None and add_on:
        return one_side_units_note(modifiers, units, add_on=True) or (
            f"{units} units of an add-on code (bilateral indicator {indicator}): priced as {units} times one unit, "
            "as an add-on's units usually count more levels or vessels. If they are the same service on both "
            f"sides, CMS pays them as one bilateral procedure ({percent}% of one side): bill it with 50 and 1 unit."
        )
    return bilateral_units_note(indicator, modifiers, units) or multiple_procedure_units_note(row, modifiers, units)


# Multiple procedure indicator 2 (CMS's RVU file documentation: "standard payment adjustment rules for multiple
# procedures apply ... rank the procedures by fee schedule amount and apply the appropriate reduction to this code
# (100, 50, 50, 50, 50 ...)"; Claims Processing Manual ch. 12 §40.6): CMS's texts rank procedures, and no CMS text
# found ranks a line's units, so rvucalc pays units x the amount. Said, not applied: the same service billed as two
# lines (76, 59) is ranked (an IR trial: 37241 x 2 $8,383.04 against 37241 + 37241-76 $6,287.28, unsaid).
MULTIPLE_PROCEDURE_UNITS = "2"
# Multiple procedure indicator 3, an endoscopy of a family (its base endoscopy in the RVU file's ENDO BASE column): CMS
# pays "the full value of the highest valued endoscopy, plus the difference between the next highest and the base
# endoscopy" (Claims Processing Manual ch. 12 §40.6, the indicator 3 instruction, as Codapedia quotes it; the RVU file
# documentation, indicator 3). Its units are said as indicator 2's are, with what the later lines would be paid (a
# urology trial: 52204 x 2 paid 2 x full, unsaid, where 52204 + 52204-76 pays the second less 52000's amount).
ENDOSCOPY_UNITS = "3"
# A line with a finger or toe modifier (FA, F1-F9, TA, T1-T9): its separate lines are the digits', each with its own
# digit's modifier, not 76 or 59 (an anatomic modifier names one site each and is used in place of 59 where it applies:
# NCCI Policy Manual for Medicare Services ch. 1 §E, Modifiers and Modifier Indicators; First Coast, "Anatomical
# modifiers": finger and toe modifiers show the additional services are not duplicates). A hand surgery trial's
# 26055-F2 x 2 read "Billed as separate lines (76, 59)". Said, the amount unchanged (no "; ": batch joins notes).
_DIGIT_SEPARATE_LINES = (
    "Billed as separate lines, one per finger or toe, each with that digit's own modifier (FA, F1-F9, TA, T1-T9: "
    "NCCI Policy Manual ch. 1 §E)"
)
# The indicators whose units multiple_procedure_units_note speaks of (batch: price.PROCEDURE_UNITS rows).
UNITS_NOTE_INDICATORS = frozenset({MULTIPLE_PROCEDURE_UNITS, ENDOSCOPY_UNITS})


def multiple_procedure_units_note(row: dict[str, Any], modifiers: Sequence[str], units: int) -> str | None:
    """Several units of a code the multiple procedure rule ranks (indicator 2) or an endoscopy of a family (indicator
    3), not a split-care line's days: priced as units x its amount, which CMS may pay as separate procedures are."""
    from rvucalc.engine.policy import ADD_ON_GLOBAL, split_care_part

    indicator = str(row.get("mult_proc") or "")
    if (
        units < 2
        or indicator not in UNITS_NOTE_INDICATORS
        or str(row.get("global_days")) == ADD_ON_GLOBAL
        or split_care_part(tuple(modifiers)) is not None
    ):
        return None
    base = str(row.get("endo_base") or "")
    digit = any(modifier in modifier_table.DIGIT_DESCRIPTORS for modifier in modifiers)
    separate = _DIGIT_SEPARATE_LINES if digit else "Billed as separate lines (76, 59)"
    if indicator == ENDOSCOPY_UNITS and base:
        return (
            f"{units} units of an endoscopy of the {base} family (multiple procedure indicator 3): priced as {units} "
            f"times its amount. {separate}, the later ones would each be paid its amount less the base endoscopy's "
            f"({base}), as endoscopies of one family are (ch. 12 §40.6): your MAC may pay the units so."
        )
    return (
        f"{units} units of a procedure the multiple procedure rule ranks (indicator {indicator}): priced as {units} "
        f"times its amount. {separate}, the later ones would be ranked and paid 50% (ch. 12 §40.6): your MAC may pay "
        "the units so."
    )


def zip_split_warning(zip5: str, locality: str, name: str) -> str:
    # rvucalc installs CMS's ZIP5 file, not its ZIP+4 one: a +4 given is read and not used (a trial found that
    # unsaid, beside "give the locality if the ZIP+4 is elsewhere"). No "; " in it: batch's note column joins a row's
    # notes with it (a realistic file's split ZIPs read "ZIP 01434 is split ..." and "CMS's ZIP5 file assigns ...").
    return (
        f"ZIP {zip5} is split between localities by ZIP+4: CMS's ZIP5 file assigns it to {locality} ({name}) "
        "(rvucalc has no ZIP+4 file: a +4 given is not used). Give the locality if the service was elsewhere."
    )


def deductible_note(year: int) -> str | None:
    """The patient amounts leave out the year's Part B deductible (None: rvucalc has no deductible for the year)."""
    deductible = PART_B_DEDUCTIBLE_CENTS.get(year)
    if not deductible:
        return None
    return (
        f"Patient amounts are per service and exclude the CY{year} Part B deductible "
        f"(${Decimal(deductible).scaleb(-2):,.2f})."
    )


def county_wage_index_used(
    opps: OppsResult, asc: AscResult, opps_given: bool, asc_given: bool, opps_wage_adjusted: bool = True
) -> bool:
    """Whether a line's hospital (OPPS) or ASC rate is adjusted by the place's wage index, its county's CBSA's: a
    payable rate above $0.00 that CMS wage-adjusts (not a drug's, a device's or another national rate: OPPS labor
    share 0, ASC_NOT_WAGE_ADJUSTED), where no wage index is given for it (--wage-index, --asc-wage-index). The CLFS,
    ASP, DMEPOS and PFS amounts are no county's (the PFS's is the ZIP's locality's): a ZIP's county note on a lab's,
    drug's or DME item's line was noise (a Medicare Advantage analyst's trial). 42 CFR 419.43(a)-(c) (the OPPS's
    labor-related portion, 60%, by the hospital's wage index), 42 CFR 416.172(c) (the ASC's, 50%).
    ``opps_wage_adjusted`` False: the line's hospital payment is none the OPPS wage-adjusts (a Maryland hospital's,
    a therapy or mammography line's PFS amount)."""
    opps_used = (opps_wage_adjusted and not opps_given and opps.payable and bool(opps.rate) and bool(opps.labor_share)
                 and opps.status_indicator not in OPPS_PACKAGED)  # fmt: skip
    asc_used = (not asc_given and asc.payable and bool(asc.rate)
                and asc.payment_indicator not in ASC_NOT_WAGE_ADJUSTED)  # fmt: skip
    return bool(opps_used or asc_used)


def prior_opps(catalogue: Any, year: int) -> Release | None:
    """The newest installed Addendum B of a year before ``year``: what says whether the OPPS pays a code at all
    when ``year``'s is not installed (``opps_not_installed``)."""
    earlier = [release for release in catalogue.releases("opps") if release.year < year]
    return earlier[-1] if earlier else None


def opps_not_installed(
    year: int, code: str, prior: Release | None, row: dict[str, Any] | None, pctc: str | None = None,
    row_of: Callable[[str], dict[str, Any] | None] | None = None,
) -> str:  # fmt: skip
    """``not_installed`` for the OPPS, and, when the newest earlier Addendum B (``prior``; ``row``, the code's row in
    it) does not pay the code under the OPPS at all, that adding the year's file may not price it either (a trial
    was told to add Addendum B for 99213, SI B, and 97110, SI A: the hospital is not paid under these codes).
    ``pctc``, the code's PC/TC indicator, and ``row_of``, another code's row in ``prior``: a professional component
    only code's reason says why, as the installed year's does (engine.facility.professional_only_reason: a nuclear
    cardiology trial's 93016 at POS 22 in 2026 read only "another code may apply", in 2025 that the physician bills it
    and the hospital bills 93017)."""
    text = not_installed("OPPS", year)
    if prior is None or row is None:
        return text
    earlier = price_opps(row, code, prior.year, None, prior.release, pctc=pctc, row_of=row_of)
    if earlier.payable:
        return text
    if earlier.status_indicator == "C":
        # The inpatient-only list is revised every year, and CMS began phasing it out in CY2026 (the CY2026 OPPS/ASC
        # final rule, CMS-1834-FC: 285 procedures removed, 22590 among them): an earlier year's SI C says nothing of
        # the year asked (a surgeon's trial was steered away from the hospital for 22590 in 2026).
        return (f"{text} In {prior.release}, the newest Addendum B installed, {code} was inpatient only (SI C); CMS "
                f"revises the inpatient-only list every year and began phasing it out in CY2026 (CMS-1834-FC), so "
                f"{year}'s file may pay it.")  # fmt: skip
    if earlier.status_indicator == PER_DIEM_STATUS:  # paid under the OPPS, within a per diem: not "not paid"
        return (f"{text} In {prior.release}, the newest Addendum B installed, {code} is SI {PER_DIEM_STATUS}, paid "
                f"only within a partial hospitalization or intensive outpatient day's per-diem APC (Addendum A, not "
                f"installed): {year}'s file would not price it either.")  # fmt: skip
    return (f"{text} In {prior.release}, the newest Addendum B installed, {code} is not paid under the OPPS "
            f"({(earlier.reason or '').rstrip('.')}): {year}'s file may not price it either.")  # fmt: skip


def not_installed(what: str, year: int) -> str:
    source = "Addendum B" if what == "OPPS" else "ASC addenda"
    return (
        f"{what} CY{year} rates not installed: rvucalc has no CMS {what} file for {year}, so this site is not "
        f"priced. Add CMS's {source} with: rvucalc data refresh --from FILE (or --dataset {what.lower()})."
    )


def parse_wage_index(value: Decimal | str | None, name: str = "wage_index") -> int | None:
    """'1.31' -> 13100 (ten-thousandths); must be in (0, 3] with at most 4 decimals. ``name``: the parameter
    (wage_index, the hospital's; asc_wage_index, the ASC's), which its errors name."""
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise UsageError(f"{option(name)} {value!r} is not a number (e.g. 1.31).") from None
    if not number.is_finite():  # 'nan', 'inf': Decimal reads them, but they are no wage index
        raise UsageError(f"{option(name)} {value!r} is not a number (e.g. 1.31).")
    from rvucalc.engine.scenario import check_plain

    check_plain(str(value).strip(), value, name, number)
    if not (0 < number <= MAX_WAGE_INDEX) or number.as_tuple().exponent < -4:  # type: ignore[operator]
        raise UsageError(f"{option(name)} {value}: a wage index is a number in (0, 3] with at most 4 decimals.")
    return int(number.scaleb(4))


def anesthesia_units_error(units: int, minutes: int) -> UsageError:
    """Units on an anesthesia line (base units and minutes given) that are neither 1 nor its minutes: a claim's units
    of an anesthesia line are its minutes (``anesthesia_units``), and multiplying the line by them pays it many times
    over (a trial's 00400 x 54 units: $8,129.70). Both values said: which one is the time is the biller's to say."""
    return UsageError(
        f"{option('units')} {units} and {option('minutes')} {minutes} disagree on this anesthesia line: a claim's "
        "units of an anesthesia line are its minutes (Claims Processing Manual ch. 12 §50.G), and it is paid by base "
        f"units and time, not times its units; give {option('units')} equal to {option('minutes')} (or 1).",
        kind=ErrorKind.BAD_UNITS,
    )  # fmt: skip


# Medicare's claims report an anesthesia line's time in minutes in its units field (Claims Processing Manual, Pub.
# 100-04, ch. 12 §50.G: "Actual anesthesia time in minutes is reported on the claim"; the 837P's SV103 MJ, box 24G
# of the CMS-1500): units equal to the minutes given are those minutes, one anesthesia service (a physician group's
# trial: 01402-AA, base units 7, minutes 95 and units 95 was a bad_units row whose message said units are minutes).
UNITS_ARE_MINUTES = (
    "Units {units} read as the anesthesia minutes (equal to the minutes given, {units}): Medicare's claims report "
    "anesthesia time in minutes in the units field (Claims Processing Manual ch. 12 §50.G): priced as one anesthesia "
    "service of {units} minutes"
)


def anesthesia_units(units: int, minutes: int) -> tuple[int, str | None]:
    """An anesthesia line's units (its base units and minutes given): 1 is one service; units equal to the minutes
    are the minutes (``UNITS_ARE_MINUTES``: one service, and its note); any other count is
    ``anesthesia_units_error``. Single lookups and batch (batch.lines.parse_lines, on arrays) alike."""
    if units == 1:
        return 1, None
    if units == minutes:
        return 1, UNITS_ARE_MINUTES.format(units=units)
    raise anesthesia_units_error(units, minutes)


def per_code(value: Any, count: int, name: str) -> list[Any]:
    """An option's value for each of ``count`` codes: one value (or none) for every code, or a list of one per
    code, in order; another count is a usage error naming the option."""
    if not isinstance(value, (list, tuple)):
        return [value] * count
    if len(value) == 1:
        return [value[0]] * count
    if len(value) != count:
        raise UsageError(f"{option(name)} was given {len(value)} times for {count} code{'s' * (count != 1)}: give it "
                         "once (every line) or once per code, in order.")  # fmt: skip
    return list(value)


BASE_UNITS_WHOLE = "{} {!r} is not a whole number of base units: give plain digits (e.g. 4)."


def anesthesia_lines_only(codes: list[str], modifier: str | None, given: dict[str, Any]) -> list[list[Any]]:
    """Per option of ``given`` (base_units, minutes: one value, or one per code), its value for each code. An
    encounter of an anesthesia code (00100-01999, engine.pfs.is_anesthesia_code) and the procedure it is for
    (`price 45380-PT 00811-QK-PT --base-units 4 --minutes 32`) gives them for the anesthesia line: a value given once
    goes to its only anesthesia line (with several, once is a usage error: which line's?), and a procedure's place in
    a per-code list may say 0 (none). Batch's rows say which row's they are; price refused the procedure's line
    ("--base-units is for anesthesia codes") and so could not price the claim batch prices. Other encounters: as given
    (``per_code``; lookup.lines.prepare refuses them on a code that is not anesthesia)."""
    found: list[bool] = []
    anesthesia_codes: set[str] = set()
    for text in codes:
        try:
            code = lines.parse_line(text, modifier)[0]
        except RvucalcError:
            found.append(False)  # its error is lookup.lines.prepare's
            continue
        found.append(is_anesthesia_code(code))
        if found[-1]:
            anesthesia_codes.add(code)
    mixed = any(found) and not all(found)
    out: list[list[Any]] = []
    for name, value in given.items():
        each = per_code(value, len(codes), name)
        once = not isinstance(value, (list, tuple)) or len(value) == 1
        if mixed and once and each[0] is not None:
            # Base units are the code's ("the value for each anesthesia code", 42 CFR 414.46(a)(1)): given once for
            # several lines of one anesthesia code (a medically directed pair, 01402-QK 01402-QX, beside the block
            # 64447), they are each line's, unambiguously (an anesthesia group's trial was refused). Minutes are not
            # the code's but each practitioner's time (414.46(a)(3)), and lines of different codes have different
            # base units: given once for several lines, still a usage error.
            shared = name == "base_units" and len(anesthesia_codes) == 1
            if found.count(True) > 1 and not shared:
                why = ""
                if len(anesthesia_codes) == 1:  # minutes: base units alone are the code's
                    why = (" (minutes are each practitioner's anesthesia time, 42 CFR 414.46(a)(3); base units, the "
                           "code's, may be given once for lines of one code)")  # fmt: skip
                raise UsageError(
                    f"{option(name)} was given once for {found.count(True)} anesthesia lines beside other codes: give "
                    f"it once per code, in order (0 for a code that is not anesthesia){why}."
                )
            each = [v if anesthesia else None for v, anesthesia in zip(each, found, strict=True)]
        elif mixed:
            each = [v if anesthesia or not _zero(v) else None for v, anesthesia in zip(each, found, strict=True)]
        out.append(each)
    return out


def _zero(value: Any) -> bool:
    """A per-code value that says none: blank, or 0 (a procedure's place among an anesthesia line's values)."""
    return value is None or str(value).strip() in {"", "0"}


def parse_anesthesia(base_units: Decimal | str | int | None, minutes: int | None) -> AnesthesiaInput:
    """The values checked; whether the line needs them (an anesthesia code needs both, another code neither) is
    checked with its code (``lookup.lines.prepare``): minutes alone on 97110 are said to be for anesthesia codes."""
    if base_units is None and minutes is None:
        return AnesthesiaInput()
    units = None
    if base_units is not None:
        # Base units are whole numbers (the ASA guide's; CMS ch. 12 §50.G adds whole ones for some codes), read as
        # units are: plain ASCII digits. '1e1', a full-width '４' and '3.5' were read as 10, 4 and 3.5 (a GI trial).
        if isinstance(base_units, bool) or not isinstance(base_units, (str, int, Decimal)):
            raise UsageError(BASE_UNITS_WHOLE.format(option("base_units"), base_units))
        text = str(base_units).strip() if isinstance(base_units, str) else None
        if text is not None and not (text.isascii() and text.isdigit()):
            raise UsageError(BASE_UNITS_WHOLE.format(option("base_units"), base_units))
        units = Decimal(text) if text is not None else Decimal(base_units)
        if not units.is_finite() or units != units.to_integral_value():
            raise UsageError(BASE_UNITS_WHOLE.format(option("base_units"), base_units))
        units = Decimal(int(units))
    if (units is not None and not 0 <= units <= 100) or (minutes is not None and not 0 <= minutes <= 24 * 60):
        raise UsageError(f"{option('base_units')} must be 0-100 and {option('minutes')} 0-1440.")
    return AnesthesiaInput(base_units=units, minutes=None if minutes is None else int(minutes))


def anesthesia_sessions(
    codes: list[str], modifier: str | None, anesthesias: list[AnesthesiaInput]
) -> list[anesthesia_rules.Session | None]:
    """``engine.anesthesia.sessions`` of an encounter's lines as given (a line that does not parse is in none: its
    error is ``lines.prepare``'s)."""
    entries: list[tuple[str, list[str], int | None, int | None]] = []
    for text, given in zip(codes, anesthesias, strict=True):
        try:
            code, modifiers = lines.parse_line(text, modifier)
        except RvucalcError:
            code, modifiers = "", []
        base = None if given.base_units is None else int(given.base_units)
        entries.append((code, modifiers, base, given.minutes))
    return anesthesia_rules.sessions(entries)


def item_roles(item: PreparedLine) -> list[str]:
    """Files a line used beyond the RVU file: anesthesia CFs, the OPPS cap."""
    roles = []
    if item.pfs.anesthesia is not None:
        roles.append("anesthesia")
    if any(step.rule.startswith("OPPS imaging cap") for s in item.policy.settings.values() for step in s.steps) or any(
        is_contractor_price_cap_note(note) for note in item.notes
    ):  # the cap set an amount, or bounds the MAC's price (engine.pfs.CONTRACTOR_PRICE_CAP)
        roles.append("opps_cap")
    return roles


class Pricer:
    """Prices codes against the installed releases; keeps opened stores for reuse."""

    def __init__(self, data_root: Path | None = None, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue or Catalogue(data_root)

    @property
    def releases(self) -> list[Release]:
        return self.catalogue.releases("pfs")

    def select(self, year: int | None = None, date_of_service: dt.date | None = None) -> tuple[Release, list[str]]:
        """The PFS release for a year or a date (a ``datetime``'s day; text as ``price`` reads it)."""
        day = parse_service_date(date_of_service, name="date_of_service")
        return self.catalogue.select("pfs", year=arguments.year_number(year), date_of_service=day)

    def store(self, release: Release) -> Store:
        return self.catalogue.store(release)

    def dataset_releases(self, dataset: str) -> list[Release]:
        return self.catalogue.releases(dataset)

    def close(self) -> None:
        self.catalogue.close()

    # -- pricing ---------------------------------------------------------

    def price(
        self,
        code: str,
        *,
        modifier: str | None = None,
        zip_code: str | None = None,
        locality: str | None = None,
        year: int | None = None,
        date_of_service: dt.date | str | None = None,
        qp: bool = False,
        wage_index: Decimal | str | None = None,
        asc_wage_index: Decimal | str | None = None,
        setting: str | None = None,
        sequestration: bool = False,
        provider: str = "physician",
        base_units: Decimal | str | int | None = None,
        minutes: int | None = None,
        units: int = 1,
        state: str | None = None,
        rural: bool = False,
        conversion_factor: Decimal | str | None = None,
        anesthesia_cf: Decimal | str | None = None,
        percent_of_medicare: Decimal | str | None = None,
        paid_for: str = "site",
        hospital: str | None = None,
        provider_stated: bool = False,
    ) -> PriceResult:
        """PFS, OPPS and ASC payment for one code at one place, the three sites compared.

        The keywords are ``price_encounter``'s; a single code keeps its own result shape.
        """
        return self.price_encounter(
            [code], modifier=modifier, zip_code=zip_code, locality=locality, year=year,
            date_of_service=date_of_service, qp=qp, wage_index=wage_index, asc_wage_index=asc_wage_index,
            setting=setting,
            sequestration=sequestration, provider=provider, base_units=base_units, minutes=minutes,
            units=units, state=state, rural=rural, conversion_factor=conversion_factor, anesthesia_cf=anesthesia_cf,
            percent_of_medicare=percent_of_medicare, paid_for=paid_for, hospital=hospital,
            provider_stated=provider_stated,
        ).lines[0]  # fmt: skip

    def price_encounter(
        self,
        codes: list[str],
        *,
        modifier: str | None = None,
        zip_code: str | None = None,
        locality: str | None = None,
        year: int | None = None,
        date_of_service: dt.date | str | None = None,
        qp: bool = False,
        wage_index: Decimal | str | None = None,
        asc_wage_index: Decimal | str | None = None,
        setting: str | None = None,
        sequestration: bool = False,
        provider: str = "physician",
        base_units: Decimal | str | int | Sequence[Decimal | str | int] | None = None,
        minutes: int | Sequence[int] | None = None,
        units: int | Sequence[int] = 1,
        state: str | None = None,
        rural: bool = False,
        conversion_factor: Decimal | str | None = None,
        anesthesia_cf: Decimal | str | None = None,
        percent_of_medicare: Decimal | str | None = None,
        paid_for: str = "site",
        denied: Sequence[str] = (),
        hospital: str | None = None,
        provider_stated: bool = False,
    ) -> EncounterResult:
        """Several codes in one encounter (or one): each line adjusted by CMS's payment rules,
        with OPPS and ASC facility payments, the sites compared and totalled.

        ``provider_stated``: ``provider`` was named as a batch provider cell names it (the command line's --provider
        md, not its default word physician): a physician named so conflicts with a modifier naming another
        practitioner (``lines.check_practitioner``: 00840-QZ, 90834-AJ), as a batch cell 'MD' does.

        ``denied``: the encounter's lines refused as denied (``DeniedLineError``), priced without them: G2211 beside
        its only visit denied is $0.00, as batch's (``rvucalc price A B`` passes the lines it dropped).

        ``modifier`` applies to a single code (or use CODE-MOD); ``wage_index`` overrides the
        CBSA estimate; ``setting`` (office, hopd, asc, or a CMS place-of-service code: 11, 22, 24, 21 ...)
        narrows the sites (a place with no facility payment, such as inpatient 21, shows none: its amount
        is the PFS facility amount); ``sequestration``
        takes 2% off Medicare's share; ``provider`` np/pa/cns pays 85%; ``base_units`` and
        ``minutes`` price anesthesia codes (each one value for every line, or one per code, in order).
        ``date_of_service`` is a ``date`` (a ``datetime``'s day) or its text; the arguments' types:
        ``lookup.arguments``.
        ``units`` (every line's, or one per code) multiplies a drug's per-unit limit and each site's amounts
        (a hospital or ASC procedure's later units at 50%, a comprehensive APC's paid once:
        ``facility.later_units_percent``; therapy's later units, 2 units of a bilateral code: ``engine.policy``);
        ``state`` (or the ZIP's state in CMS's ZIP5 file, else the locality's) chooses the DMEPOS fee column,
        non-rural unless ``rural``. ``hospital``: the hospital's kind, 'rural-sch' (a rural sole community hospital:
        engine.hospitals); None an ordinary OPPS hospital.
        """
        asked = {name: value for name, value in locals().items() if name != "self"}  # as given: the HOPD row's call
        # A program's values read as what they are, or refused by name and kind, before anything is looked up.
        codes = arguments.code_texts(codes)
        if not codes:
            raise UsageError("Give at least one code.")
        per_line = arguments.units_per_line(units, len(codes))
        modifier = arguments.modifier_text(modifier)
        zip_code = arguments.zip_text(zip_code)
        locality = arguments.locality_text(locality)
        year = arguments.year_number(year)
        read_minutes: list[int | None] | int | None = (
            [arguments.count_of(each, "minutes") for each in minutes]
            if isinstance(minutes, (list, tuple))
            else arguments.count_of(minutes, "minutes")
        )
        # A credential naming the physician ('MD', 'DO') names them as --provider md does (the command line's
        # ``provider_stated``): only the word physician, the default, names no one.
        provider_stated = provider_stated or (isinstance(provider, str) and provider.strip().lower() != "physician")
        provider = arguments.provider_name(provider, setting)
        state = parse_state(arguments.state_text(state))
        rural_sch = hospital_name(hospital) == RURAL_SCH
        if modifier and len(codes) > 1:
            raise UsageError(
                f"{option('modifier')} goes with a single code; for several codes write CODE-MOD (27447-50)."
            )
        if zip_code and locality:
            raise UsageError(f"Give {option('zip_code')} or {option('locality')}, not both.")
        place_note, place_code, facility_bill = None, None, False
        if setting is not None:  # office, hopd, asc or a CMS place-of-service code (engine.place_of_service)
            from rvucalc.engine.place_of_service import resolve_site

            try:
                choice = resolve_site(setting)
            except UsageError as exc:  # a bill rvucalc does not price keeps its class (exit 1: BillNotPricedError)
                kind = ErrorKind.BAD_SETTING if exc.kind is ErrorKind.USAGE else exc.kind  # a void's: not_payable
                raise type(exc)(str(exc), kind=kind) from None
            setting, place_note, place_code = choice.site or "facility", choice.note, choice.pos
            facility_bill = choice.facility_bill
        # Base units and minutes: one value for every line, or one per code, in order (as units): a repeated
        # --base-units kept the last value for every line, silently (a GI trial's 00811 at 00812's 3 base units).
        anesthesias = [
            parse_anesthesia(b, m)
            for b, m in zip(
                *anesthesia_lines_only(codes, modifier, {"base_units": base_units, "minutes": read_minutes}),
                strict=True,
            )
        ]
        # An anesthesia line's units: 1, or its minutes (anesthesia_units); base units without minutes are
        # lines.prepare's error (it needs both, and says a claim's units are the minutes: give them as minutes).
        units_read: dict[int, str] = {}
        for number, given in enumerate(anesthesias):
            if given.base_units is not None and given.minutes is not None:
                per_line[number], said_units = anesthesia_units(per_line[number], given.minutes)
                if said_units:
                    units_read[number] = said_units
        # Several anesthesia lines of one role: one payment, on the highest base units, for the time of all
        # (engine.anesthesia; batch: batch.price._anesthesia_sessions).
        sessions = anesthesia_sessions(codes, modifier, anesthesias)
        for number, session in enumerate(sessions):
            if session is not None and session.primary == number:
                anesthesias[number] = parse_anesthesia(Decimal(session.base_units), session.minutes)
        from rvucalc.engine import scenario  # what-if and contract pricing

        anesthesia_what_if = None if anesthesia_cf is None else scenario.parse_anesthesia_cf(anesthesia_cf)
        for given in anesthesias:
            given.conversion_factor = anesthesia_what_if
        what_if = None if conversion_factor is None else scenario.parse_conversion_factor(conversion_factor)
        contract_percent = None if percent_of_medicare is None else scenario.parse_percent(percent_of_medicare)
        # What the contract is of (batch's --paid-for, one rule: lookup.paid_for): the site's whole allowed amount, the
        # physician's claim (a physician group's contract at a hospital or ASC), or the facility's claim.
        paid_for = paid_for_rule.paid_for_name(paid_for)
        if paid_for != "site" and contract_percent is None:
            raise UsageError(
                f"{option('paid_for')} says what {option('percent_of_medicare')}'s contract is of: give both."
            )
        wage_override = parse_wage_index(wage_index)
        asc_wage_override = parse_wage_index(asc_wage_index, "asc_wage_index")
        date_of_service = parse_service_date(date_of_service, name="date_of_service")
        from rvucalc.errors import ReleaseNotInstalledError

        try:
            release, warnings = self.select(year, date_of_service)
        except ReleaseNotInstalledError:
            # A lab's, drug's or DME item's line: the error names its own schedule's file too (a trial).
            better = self.schedule_year_error(codes, date_of_service.year if date_of_service else year)
            if better is None:
                raise
            raise better from None
        # The PFS release's own warnings (another release in force, a pin): of no line the PFS does not price.
        release_warnings = set(warnings)
        store = self.store(release)
        notes: list[str] = []
        location, gpci, location_roles = self._location(store, zip_code, locality, warnings)
        # A ZIP's split between PFS localities by ZIP+4 (its only warning here): of no line the PFS does not price. A
        # DMEPOS fee is statewide (CMS, "Payment Policies for DMEPOS Items & Services": fee schedule amounts
        # "calculated on a statewide basis"), a CLFS rate national since 2018 (SSA §1834A: no geographic adjustment),
        # an ASP payment limit national (42 CFR 414.904): no PFS locality changes them (batch: the zip4 slot).
        split_warnings = set(warnings) - release_warnings if zip_code else set()
        qp_cf, cf_kind = self._conversion_factor(release, qp)
        if what_if is not None:  # a what-if replaces CMS's CF for every line (the result's scenario says so)
            qp_cf, cf_kind = scenario.cf_units(what_if), scenario.WHAT_IF_CF_KIND
        local = None if location.locality == NATIONAL_LOCALITY else location.locality
        unknown: dict[int, NotFoundError] = {}
        # The lines of this encounter an earlier call refused as denied (the CLI's retry without them), for G2211.
        denied_codes = tuple(lines.parse_line(text, None)[0] for text in arguments.code_texts(list(denied)))
        prepared = []
        for number, text in enumerate(codes):
            try:
                prepared.append(lines.prepare(
                    store, text, modifier, locality=local, gpci=gpci, cf=qp_cf, cf_kind=cf_kind, qp=qp,
                    provider=provider, anesthesia=anesthesias[number], provider_stated=provider_stated,
                ))  # fmt: skip
            except (modifier_table.ModifierNotApplicable, PolicyRefusal) as exc:
                # A line refused for its modifier (36475-80, assistant indicator 1): the line's, as batch's row.
                raise _refused_at(refusal_at_site(exc, setting), number) from exc
            except NotFoundError as exc:
                if exc.kind is ErrorKind.NO_SUCH_ROW:  # 99214-TC: the line's too (batch: a no_such_row row)
                    raise MissingRowLineError(exc.args[0] if exc.args else "", index=number) from exc
                if exc.kind is not ErrorKind.UNKNOWN_CODE:
                    raise
                code, mods = lines.parse_line(text, modifier)
                unknown[number] = lines.unknown_code_error(self.catalogue, release, code, exc)
                prepared.append(lines.outside_pfs(code, mods, not_in_pfs_reason(code)))
        # An NP's, PA's, CNS's or CSW's line of a therapy code at the hospital outpatient department is the hospital's:
        # priced so, without the practitioner's percentage (engine.therapists.hospital_therapy_practitioner; batch:
        # BatchPricer._hospital_therapy_lines). A Maryland hospital's DSMT is the waiver's, not priced: its note says
        # so (engine.therapists.MARYLAND_DSMT_BILLED).
        maryland_hospital = maryland_place(location.zip_state, location.state, bool(location.zip))
        for number, item in enumerate(prepared):
            if number not in unknown and hospital_therapy_practitioner(
                provider, item.row.get("pctc"), item.row.get("mult_proc"), place_code, setting, item.code
            ):  # fmt: skip
                try:
                    prepared[number] = lines.prepare(
                        store, codes[number], modifier, locality=local, gpci=gpci, cf=qp_cf, cf_kind=cf_kind, qp=qp,
                        provider="physician", anesthesia=anesthesias[number],
                    )  # fmt: skip
                except (modifier_table.ModifierNotApplicable, PolicyRefusal) as exc:
                    raise _refused_at(refusal_at_site(exc, setting), number) from exc
                prepared[number].notes.append(hospital_therapy_note(provider, item.code, maryland_hospital))
        # With no place given, the same line's hospital outpatient site is the hospital's line too: that site is the
        # one --setting hopd prices (the whole encounter there), the other sites the practitioner's own claim's. Not a
        # Maryland hospital's DSMT, not priced there (MARYLAND_DSMT): no hospital line to say it of, as batch's
        # BatchPricer._hospital_therapy_elsewhere does not (lines.hopd_therapy leaves it out).
        hospital_rows = [number for number, item in enumerate(prepared) if setting is None and number not in unknown
                         and not (maryland_hospital and item.code in MARYLAND_DSMT)
                         and hospital_therapy_practitioner(provider, item.row.get("pctc"), item.row.get("mult_proc"),
                                                           None, "hopd", item.code)]  # fmt: skip
        for number in hospital_rows:
            prepared[number].notes.append(hospital_therapy_note(provider, prepared[number].code, maryland_hospital))
        # A PT's or OT's line of a PC/TC 7 code at the hospital is not payable; an SLP's there, and a therapist's at a
        # SNF or nursing facility any therapy line's, are noted (engine.therapists; batch:
        # BatchPricer._therapist_places).
        for number, item in enumerate(prepared):
            denial, said = therapist_place(provider, item.code, item.row.get("pctc"), place_code, setting,
                                          item.modifiers, item.row.get("mult_proc"), facility_bill)  # fmt: skip
            if denial is not None:
                raise DeniedLineError(denial, index=number)
            if said is not None:
                item.notes.append(said)
            # An audiologist's E/M visit, procedure or therapy line: Medicare pays audiologists for hearing and balance
            # assessment alone (engine.audiologists; Benefit Policy Manual ch. 15 §80.3): noted, the amount unchanged.
            audiology = audiologist_note(provider, item.code, item.row.get("mult_proc"))
            if audiology is not None:
                item.notes.append(audiology)
        for item, count in zip(prepared, per_line, strict=True):
            item.policy.units = count  # the rules that count units (engine.policy._therapy, two_units_bilateral)
        # A split-care line's units (54, 55, 56) are post-operative days, not services (engine.policy.
        # postoperative_days): the rules read them; its amounts are one service's, never units x the line.
        per_line = [
            1 if split_care_part(item.modifiers) else count for item, count in zip(prepared, per_line, strict=True)
        ]
        for number, said_units in units_read.items():  # the line's first note, as batch's (read with its cells)
            prepared[number].notes.insert(0, said_units)
        for number, session in enumerate(sessions):
            if session is not None and session.primary == number:
                prepared[number].notes.append(anesthesia_rules.primary_note(session))
        # A global diagnostic test beside its own 26 line: the physician's fee at a facility is on that line
        # (lines.professional_on_own_line), not on this one too.
        fee_on_own_line = lines.professional_on_own_line([(item.code, item.modifiers) for item in prepared])
        for index in fee_on_own_line:
            lines.without_component(prepared[index].policy)
        # 95144 beside 95115 or 95117: paid as 95165, its fee schedule amounts in each PFS setting (engine.allergy;
        # batch: batch.claims._allergen_immunotherapy), before the encounter's rules.
        for number, said in enumerate(allergy.paid_as_multidose([item.code for item in prepared])):
            if said is None or number in unknown:
                continue
            item = prepared[number]
            try:
                multidose = lines.prepare(
                    store, "-".join((allergy.MULTIDOSE, *item.modifiers)), None, locality=local, gpci=gpci, cf=qp_cf,
                    cf_kind=cf_kind, qp=qp, provider=provider, anesthesia=anesthesias[number],
                )  # fmt: skip
            except RvucalcError:  # 95165 not in the release, or refusing the line's modifiers: priced as given
                continue
            allergy.pay_as_multidose(item.policy, multidose.policy)
            item.notes.append(said)
        # A visit beside allergen immunotherapy without 25: a note, the amounts unchanged (engine.allergy).
        _add_notes(prepared, allergy.visit_notes([(p.code, p.modifiers) for p in prepared]))
        # 95115 beside 95117: one of them a date of service, a note on 95115, the amounts unchanged (engine.allergy).
        _add_notes(prepared, allergy.both_injections_notes([p.code for p in prepared]))
        lines.apply_rules(prepared, zeroed=[
            None if session is None or session.primary == number else anesthesia_rules.secondary_rule(session.code)
            for number, session in enumerate(sessions)
        ], denied=denied_codes, facility_bill=facility_bill)  # fmt: skip
        # Portable X-ray set-up or transport at a SNF (POS 31, the SNF's under consolidated billing) or for a hospital
        # inpatient (POS 21, 51, 61) or outpatient (POS 19, 22, 23, hopd: the hospital's), its PFS facility setting not
        # payable there (engine.modifiers.portable_xray_not_payable_reason; batch: _portable_xray_not_payable_at_place).
        xray_place = portable_xray_place(place_code, setting)
        # A dialysis procedure outside a hospital stay beside an ESRD-related services code: the month's code pays the
        # ESRD patient's outpatient dialysis (engine.visits.outpatient_dialysis_notes; batch: batch.claims.
        # _outpatient_dialysis_in_month, the claim's calendar month).
        inpatient = place_code in visits.DIALYSIS_INPATIENT_PLACES
        _add_notes(prepared, visits.outpatient_dialysis_notes([item.code for item in prepared],
                                                              [inpatient] * len(prepared)))  # fmt: skip
        for item in prepared:
            if (why := portable_xray_not_payable_reason(item.code, xray_place)) is not None:
                not_payable = SettingAmount.model_construct(
                    payable=False, reason=why, adjustments=[], status=NOT_PAYABLE, facility_part=True
                )  # the SNF's or hospital's part, as a TC's there
                item.pfs = item.pfs.model_copy(update={"facility": not_payable})
        # A Mohs first stage the multiple procedure rule cut says why (lookup.lines.MOHS_NOTE; batch:
        # batch.claims._mohs_notes, the same rows): in the setting priced (--setting), or either with none. The
        # ranking is by each setting's amount: 17311 beside 11646 is first in the office (paid in full) and cut at a
        # facility, so an office line must not say "this line ... is paid 50%".
        for item in prepared:
            shown = ((item.pfs.non_facility, item.pfs.facility) if setting is None
                     else (item.pfs.non_facility,) if setting == "office" else (item.pfs.facility,))  # fmt: skip
            steps = [step.rule for amount in shown for step in amount.adjustments or ()]
            if lines.mohs_cut(item.code, steps) and lines.MOHS_NOTE not in item.notes:
                item.notes.append(lines.MOHS_NOTE)
        # An E/M-57 the encounter's rules paid $0.00 (engine.visits.EM_57_STEP): its 57 changed the amount, so not
        # "informational" (batch: batch.claims._em_in_global the same).
        informational_57 = set(lines.informational_notes(("57",)))
        for item in prepared:
            if visits.EM_57_BESIDE_MINOR_RULE in item.notes:
                item.notes[:] = [note for note in item.notes if note not in informational_57]
        county_at = len(notes)  # where the place's notes go, if a line's rate uses its county (below)
        county_notes: list[str] = []
        wage, asc_wage, place_sources, choices = self._facility_place(
            location, wage_override, bool(locality), release.year, warnings, county_notes, setting, asc_wage_override
        )
        # A rural SCH's 7.1% add-on, on the lines it reaches (engine.hospitals.rural_sch_line: not a PN line)
        facility = [self._facility_rates(item.code, release.year, date_of_service, wage, asc_wage,
                                         rural_sch and rural_sch_line(item.modifiers), item.row.get("pctc"))
                    for item in prepared]  # fmt: skip
        # A place whose area CMS's wage index file lists with different values: the rates CMS wage-adjusts are not
        # priced where no wage index is given for them, each value's rate said (engine.wage_choices; batch:
        # BatchPricer._facility_and_sites, export: facility_frames): after the encounter's rules, which they take
        # part in at the national rate (wage_choices.after_rules).
        choice_reasons = [(wage_choices.opps_reason(rates.opps, choices) if wage is None else None,
                           wage_choices.asc_reason(rates.asc, choices) if asc_wage is None else None)
                          for rates in facility]  # fmt: skip
        # Outpatient therapy in the hospital is paid under the PFS, not the OPPS (engine.hopd_therapy).
        therapy_at_hopd = [self._hopd_therapy(item.code, item.row.get("mult_proc"), rates, release.year,
                                              item.row.get("pctc"))
                           for item, rates in zip(prepared, facility, strict=True)]  # fmt: skip
        # Mammography in the hospital: its TC's PFS amount, not the OPPS (engine.hopd_therapy); a line whose
        # hospital payment another line of its code carries (26 beside the code: facility_paid_on) has none.
        mammography_carried = set(facility_paid_on([(item.code, item.modifiers) for item in prepared]))
        technical = [self._hopd_mammography(store, item.code, rates.opps, release.year, gpci, qp_cf, cf_kind)
                     for item, rates in zip(prepared, facility, strict=True)]  # fmt: skip
        # A Maryland hospital is not paid under the OPPS (engine.hospitals; batch: BatchPricer._maryland_rows); its
        # therapy and mammography lines are the PFS's there too, so the waiver is not their reason (in a year whose
        # Addendum B is not installed they had said it).
        in_maryland = maryland_place(location.zip_state, location.state, bool(location.zip))
        # DSMT at a Maryland hospital: paid a share of its charges under the waiver, not the PFS (MARYLAND_DSMT)
        waived = [in_maryland and therapy and item.code in MARYLAND_DSMT
                  for item, therapy in zip(prepared, therapy_at_hopd, strict=True)]  # fmt: skip
        therapy_at_hopd = [therapy and not dsmt for therapy, dsmt in zip(therapy_at_hopd, waived, strict=True)]
        maryland = [in_maryland and not therapy and paid is None and maryland_unpriced(rates.opps, dsmt)
                    for rates, therapy, paid, dsmt in zip(facility, therapy_at_hopd, technical, waived,
                                                          strict=True)]  # fmt: skip
        if wage_override is not None and any(maryland):  # --wage-index prices no OPPS rate there (engine.hospitals)
            warnings.append(
                MARYLAND_WAGE_INDEX_UNUSED.format(
                    given=f"--wage-index {Decimal(wage_override).scaleb(-4).normalize():f}"
                )
            )
        # The ZIP's county (geography.resolve's notes: which county of a ZIP that spans several) is said where a
        # line's hospital or ASC rate is adjusted by its wage index (batch: BatchPricer._county_notes, the same rule).
        wages_given = (wage_override is not None, asc_wage_override is not None)
        lines_of = zip(facility, maryland, therapy_at_hopd, technical, strict=True)
        # A Maryland line's, a therapy or mammography line's hospital rate is none the wage index adjusts; its ASC
        # rate still is (batch: the same; a Maryland ZIP's ASC line had lost the note once its year's OPPS was not
        # installed either).
        if any(county_wage_index_used(rates.opps, rates.asc, *wages_given, opps_wage_adjusted=not (md or th)
                                      and paid is None)
               for rates, md, th, paid in lines_of):  # fmt: skip
            notes[county_at:county_at] = county_notes
        # Such a line's site there is its physician's fee alone (with_professional_alone), OPPS file or not.
        mammography_alone = [n in mammography_carried and paid is not None for n, paid in enumerate(technical)]
        technical = [None if n in mammography_carried else paid for n, paid in enumerate(technical)]
        waivers = [preventive.waiver(item.code, item.modifiers, release.year) for item in prepared]
        # A waiver the encounter gives or takes away (engine.preventive.in_encounter: ACP-33 without the AWV, moderate
        # sedation with a screening colonoscopy), and why none holds (said on the line).
        codes_here = [item.code for item in prepared]
        outcomes = [preventive.in_encounter(item.code, item.modifiers, codes_here) for item in prepared]
        waivers = [waiver if outcome is None else outcome.waiver
                   for waiver, outcome in zip(waivers, outcomes, strict=True)]  # fmt: skip
        no_waiver_notes = [None if outcome is None else outcome.note for outcome in outcomes]
        for item, rates, (opps_choice, _) in zip(prepared, facility, choice_reasons, strict=True):
            apply_facility_modifiers(rates.opps, rates.asc, item.modifiers, item.code, release.year,
                                     bilateral_indicator=str(item.row.get("bilat_surg") or "") or None,
                                     rural_sole_community=rural_sch)  # fmt: skip
            # PO or PN that leaves the hospital's rate as it was: the OPPS note saying so, not the line's generic
            # "it changes the hospital's (OPPS) rate" beside it, where the hospital's rate shows and is priced (not
            # for want of one wage index: engine.wage_choices) (engine.modifiers.rate_kept_modifiers; batch:
            # BatchPricer._rate_kept_notes).
            kept_shown = setting in (None, "hopd") and opps_choice is None
            superseded = rate_kept_superseded(rates.opps.notes) if kept_shown else frozenset()
            item.notes[:] = [note for note in item.notes if note not in superseded]
            # PO or PN on a code the OPPS pays no rate of its own (97110 SI A, 99213 SI B): nothing of the hospital's
            # to change, said in place of the generic note, in every setting (engine.modifiers.no_opps_rate_note;
            # batch: BatchPricer._no_opps_rate_notes).
            instead = no_opps_rate_notes(item.modifiers, rates.opps.status_indicator if rates.opps.installed else None)
            item.notes[:] = [instead.get(note, note) for note in item.notes]
            # An assistant's line, a 55 or 56 line: a professional service alone, the facility paid on its own claim;
            # a co-surgeon's, the facility paid once (each said where the hospital's and ASC's rates show, as 53's).
            for facility_note in (without_facility_payment(item.modifiers, rates.opps, rates.asc),
                                  co_surgery_facility_note(item.modifiers, rates.opps, rates.asc)):  # fmt: skip
                if facility_note and setting in FACILITY_53_SETTINGS:
                    item.notes.append(facility_note)
            if opps_device_offset_kept(rates.opps, rates.asc, item.modifiers):
                item.notes.append(OPPS_DEVICE_OFFSET_NOTE)
            if physician_53_at_facility(rates.opps, rates.asc, item.modifiers, setting):
                item.notes.append(FACILITY_53_NOTE)
            # FB or FC on a paid ASC line that is no device-intensive procedure: no effect, said where shown.
            credit = device_credit_no_effect(item.code, item.modifiers, rates.asc)
            if credit and setting in ASC_NOTE_SETTINGS:
                item.notes.append(credit)
            # A paid ASC indicator whose meaning is unverified (S2): wage-adjusted as a procedure, said where shown.
            unverified = asc_indicator_note(rates.asc)
            if unverified and setting in ASC_NOTE_SETTINGS:
                item.notes.append(unverified)
        # An add-on code (global ZZZ) with no other kind of code in the encounter: no primary procedure, said (the
        # amounts unchanged: engine.add_ons; batch: batch.claims._add_ons_without_primary, after the claim's rules).
        kinds = [(item.code, add_ons.kind(item.code, item.row.get("global_days"), item.row.get("status")))
                 for item in prepared]  # fmt: skip
        _add_notes(prepared, add_ons.without_primary_notes(kinds))
        # Imaging guidance beside a procedure whose descriptor includes it: a note (engine.guidance; batch:
        # batch.guidance.guidance_notes).
        _add_notes(prepared, guidance.encounter_notes(codes_here, [item.modifiers for item in prepared]))
        # Two initial drug administration services, an additional infusion hour after the wrong initial infusion: a
        # note (engine.drug_admin; batch: batch.claims._drug_administration).
        drugs_given = drug_admin.encounter_notes([(item.code, item.modifiers) for item in prepared])
        _add_notes(prepared, drugs_given)
        # An office visit above 99211 without 25 beside a drug administration service: a note (engine.visits; batch:
        # batch.claims._visit_beside_drug_administration), the practitioner's claim's (not a facility's own bill).
        if not facility_bill:
            visit_lines = [(i.code, i.modifiers) for i in prepared]
            _add_notes(prepared, visits.visit_beside_drug_administration_notes(visit_lines))
        # A bone marrow aspiration beside its biopsy (38222 is the session's code): a note (engine.bone_marrow; batch:
        # batch.claims._bone_marrow).
        _add_notes(prepared, bone_marrow.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Fundus photography beside an OCT, or both posterior segment OCTs (NCCI, CPT): a note
        # (engine.ophthalmic_imaging; batch: batch.claims._ophthalmic_imaging).
        _add_notes(prepared, ophthalmic_imaging.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # An injectable HIV PrEP drug given with 96372, no G0012 (the PrEP injection's code): a note (engine.prep;
        # batch: batch.claims._prep_injection).
        _add_notes(prepared, prep.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # 90471/90472 beside a Part D vaccine (90750, Shingrix): its administration is Part D's, a note
        # (engine.meanings.part_d_administration_notes; batch: batch.claims._part_d_vaccine_administration).
        _add_notes(prepared, meanings.part_d_administration_notes([(i.code, i.modifiers) for i in prepared]))
        # Intraoperative neurophysiology monitoring beside the practitioner's own operative or anesthesia procedure: a
        # note (engine.neuromonitoring; batch: batch.claims._neuromonitoring).
        operative = [
            (i.code, neuromonitoring.performs(i.code, i.row.get("global_days"), i.modifiers)) for i in prepared
        ]
        _add_notes(prepared, neuromonitoring.encounter_notes(operative))
        # Impacted cerumen removal 69210 beside an audiologic function test (NCCI: G0268 is that day's code): a note
        # (engine.cerumen; batch: batch.claims._cerumen).
        _add_notes(prepared, cerumen.encounter_notes([item.code for item in prepared], provider))
        # An audiologic or vestibular test beside the combined test that includes it (92553 beside 92557, 92567 beside
        # 92550: NCCI, modifier indicator 0): a note (engine.audiology_components; batch:
        # batch.claims._audiology_components).
        _add_notes(prepared, audiology_components.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # A blood count component beside the complete blood count that includes it (85027 beside 85025): a note
        # (engine.blood_counts; batch: batch.claims._blood_counts).
        _add_notes(prepared, blood_counts.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Oxygen contents beside a rented stationary oxygen system: included in its monthly rental, a note
        # (engine.oxygen_contents; batch: batch.claims._oxygen_contents).
        _add_notes(prepared, oxygen_contents.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # A sinus ostium dilation beside the endoscopic surgery of the same sinus (CPT's parentheticals): a note
        # (engine.sinus_dilation; batch: batch.claims._sinus_dilation).
        _add_notes(prepared, sinus_dilation.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # 0671T (a trabecular meshwork device without cataract removal) beside a cataract removal of the same eye
        # (CPT's descriptors: 66991/66989 are the device with it): a note (engine.migs_with_cataract; batch:
        # batch.claims._migs_with_cataract).
        _add_notes(prepared, migs_with_cataract.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # 01996 (daily epidural management) beside an anesthetic or a continuous catheter's placement the same day (NCCI
        # Policy Manual ch. II): a note (engine.epidural_management; batch: batch.claims._epidural_management).
        _add_notes(prepared, epidural_management.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Two dialysis circuit base codes of one session (36901 beside 36902 ...), 36907 beside 36908: one code is the
        # session's, a note (engine.dialysis_circuit; batch: batch.claims._dialysis_circuit).
        _add_notes(prepared, dialysis_circuit.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Two spinal CMT codes (98940-98942) of one session: a note (engine.spinal_manipulation; batch:
        # batch.claims._spinal_manipulation).
        _add_notes(prepared, spinal_manipulation.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # The first cast, splint or strapping beside its fracture care (CPT: included in it; NCCI denies it): a note
        # (engine.fracture_cast; batch: batch.claims._fracture_cast).
        _add_notes(prepared, fracture_cast.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # 29874 or 29877 beside another surgical arthroscopy of the same knee (CMS Transmittal A-02-129: G0289 is the
        # other compartment's code): a note (engine.knee_arthroscopy; batch: batch.claims._knee_arthroscopy).
        _add_notes(prepared, knee_arthroscopy.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Two wound repairs of one classification and anatomic group: one code for their summed length (CPT), a note
        # (engine.wound_repair; batch: batch.claims._wound_repairs).
        _add_notes(prepared, wound_repair.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # Two lines of one debridement depth's or skin substitute site's first-area code: one line, the areas summed
        # (CPT), a note (engine.add_ons.area_first_lines_notes; batch: batch.claims._area_first_lines).
        _add_notes(prepared, add_ons.area_first_lines_notes([(i.code, i.modifiers) for i in prepared]))
        # A simple repair beside a lesion excision, an excision beside an adjacent tissue transfer: CPT includes it, a
        # note (engine.wound_repair; batch: batch.claims._excision_closures).
        _add_notes(prepared, wound_repair.excision_closure_notes([(i.code, i.modifiers) for i in prepared]))
        # A 26 or TC line beside its code's global line: the global pays both components, a note
        # (engine.global_component; batch: batch.claims._global_components).
        split = [bool(i.row.get("pctc")) and lines.component_row(store, i.row) is not None for i in prepared]
        _add_notes(prepared, global_component.encounter_notes(
            [(i.code, i.modifiers, whole) for i, whole in zip(prepared, split, strict=True)],
            [setting not in (None, "office")] * len(prepared)))  # fmt: skip
        # Two first skin biopsy codes: the less invasive one is its technique's add-on, a note (engine.add_ons; batch:
        # batch.claims._skin_biopsies).
        _add_notes(prepared, add_ons.first_biopsy_notes([item.code for item in prepared]))
        # Two first extremity chemodenervation lines (64644 and 64642, 64642-RT and 64642-LT): the other extremity is
        # its add-on, 64643 or 64645, a note (engine.add_ons; batch: batch.claims._skin_biopsies).
        _add_notes(prepared, add_ons.first_extremity_notes([item.code for item in prepared]))
        # 17004 beside 17000 or 17003, 17111 beside 17110, 11901 beside 11900: a count code is reported alone, a
        # note (engine.add_ons; batch: batch.claims._skin_biopsies).
        _add_notes(prepared, add_ons.lesion_count_notes([item.code for item in prepared]))
        # A stand-alone needle EMG beside a nerve conduction study: the EMG add-ons 95885-95887 are its codes, a note
        # (engine.nerve_conduction; batch: batch.claims._skin_biopsies).
        _add_notes(prepared, nerve_conduction.encounter_notes([(i.code, i.modifiers) for i in prepared]))
        # A combined test's part beside it, or its two parts (95921 and 95922 of 95924, 95925 and 95926 of 95938,
        # 95928 and 95929 of 95939): the combined code is billed alone, a note (engine.combined_tests; batch:
        # batch.claims._skin_biopsies).
        _add_notes(prepared, combined_tests.encounter_notes([item.code for item in prepared]))
        # Surgical pathology beside Mohs without 59 or XS: the Mohs codes include it, a note (engine.add_ons; batch:
        # batch.claims._skin_biopsies).
        pathology = add_ons.mohs_pathology_notes([(item.code, item.modifiers) for item in prepared])
        _add_notes(prepared, pathology)
        from rvucalc.lookup import schedules  # labs, drugs, DME: only for lines the PFS does not price

        others = []
        for number, (item, count) in enumerate(zip(prepared, per_line, strict=True)):
            try:
                others.append(schedules.OtherSchedules() if lines.paid_from_rvus(item.row) else schedules.look_up(
                    self.catalogue, item.code, item.modifiers, year=release.year, date_of_service=date_of_service,
                    units=count, state=state or location.zip_state or location.state, rural=rural,
                    pfs_status=item.row.get("status"),
                    unclassified=unclassified_line(item.code, item.row["description"], item.row["status"]),
                    place_of_service=place_code,
                ))  # fmt: skip
            except modifier_table.ModifierNotApplicable as exc:  # A4253-NU-KJ (not a capped rental): the line's
                raise _refused_at(exc, number) from exc
        if (not state and not location.zip_state and location.state
                and any(o.dmepos is not None and o.dmepos.payable for o in others)):  # fmt: skip
            spans = self.catalogue.store(release).locality_zip_states().get(location.locality, [])
            if len(spans) > 1:
                for other in others:
                    if other.dmepos is not None and other.dmepos.payable:
                        other.dmepos.notes = [
                            *other.dmepos.notes,
                            schedules.several_states_note(location.locality, spans, location.state),
                        ]
        if state and location.zip and location.zip_state and state != location.zip_state:  # the state given decides
            for other in others:
                if other.dmepos is not None and other.dmepos.payable:
                    other.dmepos.notes = [
                        *other.dmepos.notes,
                        schedules.given_state_note(state, location.zip, location.zip_state),
                    ]
        for item, other in zip(prepared, others, strict=True):
            # A DMEPOS-priced line's KX and CG are said by its DMEPOS notes alone (lookup.lines.dmepos_superseded_notes;
            # batch: batch.schedules, from the rows' DMEPOS notes)
            superseded = lines.dmepos_superseded_notes(other.dmepos.notes) if other.dmepos is not None else frozenset()
            if superseded:
                item.notes[:] = [note for note in item.notes if note not in superseded]
            # PO or PN on a code the OPPS pays no rate of its own (97110 SI A, 99213 SI B): nothing of the hospital's
            # to change, said in place of the generic note, in every setting (engine.modifiers.no_opps_rate_note;
            # batch: BatchPricer._no_opps_rate_notes).
            instead = no_opps_rate_notes(item.modifiers, rates.opps.status_indicator if rates.opps.installed else None)
            item.notes[:] = [instead.get(note, note) for note in item.notes]
        # A status P surgical dressing beside a service the PFS pays: bundled into it, $0.00 (engine.bundled_supplies;
        # batch: batch.claims._bundled_dressings).
        dressings = bundled_supplies.bundled_dressings(
            [(item.code, item.row.get("status"), other.dmepos is not None and other.dmepos.amount is not None,
              lines.paid_from_rvus(item.row)) for item, other in zip(prepared, others, strict=True)]
        )  # fmt: skip
        for item, other, bundled in zip(prepared, others, dressings, strict=True):
            if bundled and other.dmepos is not None:
                nothing = Decimal("0.00")
                other.dmepos = other.dmepos.model_copy(
                    update={"amount": nothing, "beneficiary": nothing, "medicare": nothing}
                )
                item.notes.append(bundled_supplies.BUNDLED_DRESSING_NOTE)
        for number, missing in unknown.items():
            rates, other = facility[number], others[number]
            # Addendum EE's codes too: on CMS's ASC tables, excluded (batch: the reference's asc_excluded).
            if not (other.listed or rates.opps.status_indicator or rates.asc.payment_indicator
                    or rates.asc.addendum == "EE"):  # fmt: skip
                raise UnknownLineError(not_listed_message(str(missing), prepared[number].code), index=number)
            try:
                modifier_table.check_denied(prepared[number].code, prepared[number].modifiers)  # C1713-GY too
                for schedule, part in (("clfs", other.clfs), ("drug", other.drug), ("dmepos", other.dmepos)):
                    if part is not None:
                        modifier_table.check_schedule(prepared[number].code, prepared[number].modifiers, schedule)
            except modifier_table.ModifierNotApplicable as exc:
                raise _refused_at(exc, number) from exc
        for number, (item, other) in enumerate(zip(prepared, others, strict=True)):
            if not lines.paid_from_rvus(item.row):  # a DMEPOS row modifier on a code the PFS left (80053-RR)
                try:
                    modifier_table.check_dmepos_listed(item.code, item.modifiers, other.dmepos is not None)
                except modifier_table.ModifierNotApplicable as exc:
                    raise _refused_at(exc, number) from exc
        # A drug's repeated line (the ASP file gives it an amount) is told of its units and JW, not of 76/77 or a side
        # (engine.duplicates.DRUG_DUPLICATE; batch: batch.claims._duplicates, by its drug_amount column).
        for item, other in zip(prepared, others, strict=True):
            if other.drug is not None and other.drug.amount is not None:
                duplicates.with_drug_duplicate(item.notes, item.code, item.modifiers)
        if len(prepared) > 1:
            # One facility payment per service (26/TC halves, co-surgeons' lines), before the discounting; an
            # assistant's line, a 55 or 56 line, paid no facility payment (without_facility_payment), is in no
            # encounter rule there.
            carried = facility_paid_once([(item.code, item.modifiers) for item in prepared],
                                         [f.opps for f in facility], [f.asc for f in facility])  # fmt: skip
            # A base endoscopy beside a surgical endoscopy of its family: included there too (facility_endoscopy_bases)
            families = [(item.code, str(item.row.get("endo_base") or "") if str(item.row.get("mult_proc")) == "3"
                         else "", item.modifiers, item.row.get("bilat_surg")) for item in prepared]  # fmt: skip
            in_rules = [n for n, item in enumerate(prepared)
                        if n not in carried and not facility_free_line(item.modifiers)]  # fmt: skip
            included = facility_endoscopy_bases([families[n] for n in in_rules], [facility[n].opps for n in in_rules],
                                                [facility[n].asc for n in in_rules])  # fmt: skip
            carried |= {in_rules[i] for i in included}
            assisting = [facility_free_line(item.modifiers) for item in prepared]
            # (nor is it the claim's inpatient-only procedure: a review's 33533-55 denied 93306's OPPS payment)
            kept = [n for n in range(len(facility)) if n not in carried and not (assisting[n] and (
                facility[n].opps.payable or facility[n].opps.status_indicator == INPATIENT_ONLY))]  # fmt: skip
            discount_encounter_opps([facility[n].opps for n in kept],
                                    [(prepared[n].code, prepared[n].modifiers, per_line[n]) for n in kept])  # fmt: skip
            in_asc = [n for n, f in enumerate(facility) if n not in carried and not (assisting[n] and f.asc.payable)]
            discount_encounter_asc([facility[n].asc for n in in_asc],
                                   ties=[(prepared[n].code, prepared[n].modifiers) for n in in_asc])  # fmt: skip
        else:  # a line alone: modifier CA's APC 5881 (engine.facility.opps_unpriced_claim)
            unprice_encounter_opps([facility[0].opps], [(prepared[0].code, prepared[0].modifiers, per_line[0])])
        for rates, (opps_reason, asc_reason) in zip(facility, choice_reasons, strict=True):  # (engine.wage_choices)
            wage_choices.after_rules(rates.opps, opps_reason)
            wage_choices.after_rules(rates.asc, asc_reason)
        for rates, waiver in zip(facility, waivers, strict=True):  # on the rate the encounter left, as the Pricer
            opps = rates.opps
            if waiver is not None and opps.payable and opps.rate is not None and opps.copayment is not None:
                share = percent_hundredths(waiver.coinsurance_percent)
                cents = copayment_within_waiver(int(opps.copayment.scaleb(2)), int(opps.rate.scaleb(2)), share)
                opps.copayment = money(int(cents))
        if not local and any(item.row["mult_proc"] == "4" for item in prepared):
            notes.append(IMAGING_CAP_NATIONAL_NOTE)
        if sequestration:
            notes.append(SEQUESTRATION_NOTE)
        deductible = deductible_note(release.year)
        if deductible:
            notes.append(deductible)
        results = []
        professional_alone: list[dict[str, Site]] = []  # per line: its physician's fee alone where no facility pays it
        encounter_warnings: list[str] = []  # its lines' (a line the PFS does not price has not the PFS release's)
        for number, (item, rates, other, waiver, units) in enumerate(
            zip(prepared, facility, others, waivers, per_line, strict=True)
        ):
            share = COINSURANCE_PERCENT * 100 if waiver is None else percent_hundredths(waiver.coinsurance_percent)
            if waiver is not None:
                item.notes.append(waiver.reason)
                if rates.asc.payable and rates.asc.rate is not None:
                    rates.asc.coinsurance = money(percent_of(int(rates.asc.rate.scaleb(2)), share))
                    rates.asc.ira_adjusted = False
            elif (said := no_waiver_notes[number]) is not None:
                item.notes.append(said)
            # The physician's fee at the sites with a facility: the line's PFS facility amount, or a global diagnostic
            # test's professional component's (lines.component_row); its PFS result keeps CMS's 'NA' and its reason.
            at_sites = item.pfs if item.component is None else item.pfs.model_copy(update={"facility": item.component})
            # Therapy at a SNF (POS 31) is the SNF's claim, paid the PFS non-facility amount, not the place's facility
            # rate (engine.therapists.SNF_THERAPY_NOTE; batch: BatchPricer._choose_setting).
            if snf_therapy_paid_non_facility(provider, item.modifiers, item.row.get("mult_proc"), item.row.get("pctc"),
                                             place_code, item.code):  # fmt: skip
                at_sites = at_sites.model_copy(update={"facility": at_sites.non_facility})
            billed_by_facility = facility_item(item.code, item.pfs, rates.opps, rates.asc)
            sites = compare_sites(
                at_sites, rates.opps, rates.asc, sequestration=sequestration, coinsurance_hundredths=share,
                item=billed_by_facility, code=item.code,
            )  # fmt: skip
            # Portable X-ray set-up or transport: the hospital's and the ASC's sites are their patients' wherever the
            # line is set (no setting, the office, the other facility ...), its PFS facility amount not paid to the
            # supplier there, as at POS 22 or 24 (engine.modifiers.portable_xray_site_reason; batch:
            # BatchPricer._sites).
            at_site = {"hopd": at_sites, "asc": at_sites}
            for index, name in ((1, "hopd"), (2, "asc")):
                why_there = portable_xray_site_reason(item.code, name, xray_place)
                if why_there is None or at_sites.facility.reason == why_there:
                    continue
                not_paid = SettingAmount.model_construct(
                    payable=False, reason=why_there, adjustments=[], status=NOT_PAYABLE, facility_part=True
                )
                at_site[name] = at_sites.model_copy(update={"facility": not_paid})
                sites[index] = compare_sites(
                    at_site[name], rates.opps, rates.asc, sequestration=sequestration, coinsurance_hundredths=share,
                    item=billed_by_facility, code=item.code,
                )[index]  # fmt: skip
            if billed_by_facility and setting in ("hopd", "asc") and (said := facility_billed_said(item.code)):
                # G0260 at an ASC or hospital: the physician's code is 27096, as batch's row there says
                # (batch.price: engine.facility_codes.facility_billed_said; CMS's MLN article on G0260 and 27096).
                # Said once: the PFS reasons here leave it out (batch's row there says the note alone).
                item.notes.append(said)
                item.pfs = item.pfs.model_copy(
                    update={
                        side: amount.model_copy(update={"reason": without_physician_code(amount.reason, item.code)})
                        for side, amount in (("non_facility", item.pfs.non_facility), ("facility", item.pfs.facility))
                    }
                )
            if number in fee_on_own_line:  # its physician's fee is its 26 line's, in the total: not "not included"
                sites = [site.model_copy(update={"reason": None}) if site.setting != "office" and site.payable
                         and site.professional_payment is None else site for site in sites]  # fmt: skip
            paid_by = office_payer(item.pfs, other)
            if other.listed:
                # A schedule that lists the code says why it does not pay (its year's file not installed, DME by
                # modifier ...), whatever else pays: a hospital rate never hides that the office's is missing. A drug
                # the hospital or ASC of the setting prices from its own table says so, not the ASP file's advice.
                facility_drug = facility_drug_office(setting, rates, other, maryland[number])
                item.notes.extend([facility_drug] if facility_drug else other.unpaid_reasons())
                if paid_by is None and not sites[0].payable and other.unpaid_reasons():
                    # The office's reason is that schedule's, not the PFS status that sends the code to it.
                    # Not priced where that schedule's file is not installed, as a CMS file rvucalc lacks says nothing
                    # about whether Medicare pays, or where the MAC prices it (CLFS indicator L); else not payable.
                    sites[0] = sites[0].model_copy(update={"reason": "; ".join(other.unpaid_reasons()),
                                                           "status": NOT_PRICED if other.not_priced
                                                           else NOT_PAYABLE})  # fmt: skip
            elif paid_by is None and not any(site.payable for site in sites):
                item.notes.extend(
                    other_schedule_note(item.code, item.row["description"], item.row["status"], release.year)
                )
            if paid_by is None and not other.listed and not sites[0].payable:
                unclassified = (
                    not_otherwise_classified_drug(item.code, item.row["description"])
                    or (unlisted_lab_note(item.code) if unlisted_lab_test(item.code, item.row["status"]) else None)
                    or meanings.paid_apart_note(item.code, release.year)
                )
                # The office's reason is the MAC's pricing, or the payment the code has apart from the fee schedules
                # (G0008: vaccine administration), not the PFS status (E, X) of the row.
                if unclassified:
                    sites[0] = sites[0].model_copy(update={"reason": unclassified, "status": NOT_PRICED})
                    # The line's note: where its hospital (OPPS) rate is priced, a vaccine administration's says the
                    # payment rvucalc lacks is the practitioner's (meanings.hospital_paid_apart_note; batch alike);
                    # not an office line's (a flu clinic's G0008 at POS 11: the hospital's rate is not its claim's).
                    hospital_note = meanings.hospital_paid_apart_note(item.code, release.year)
                    if rates.opps.payable and setting != "office" and hospital_note:
                        unclassified = hospital_note
                    item.notes.extend([] if unclassified in item.notes else [unclassified])  # batch's row note
            office_line = {"clfs": other.clfs, "drug": other.drug, "dmepos": other.dmepos}.get(paid_by or "")
            if office_line is not None and office_line.amount is not None and office_line.beneficiary is not None:
                beneficiary = office_line.beneficiary
                if waiver is not None and paid_by != "clfs":
                    beneficiary = money(percent_of(int(office_line.amount.scaleb(2)), share))
                sites[0] = schedule_site(office_line.amount, beneficiary, sequestration=sequestration)
            # A discounted procedure's later units are lower-paid ones, a J1's packaged (facility.later_units_percent).
            # 50 with 2 units: one bilateral procedure in the ASC, as under the PFS (facility.ASC_FIFTY_TWO_UNITS_NOTE)
            once = fifty_two_units(item.policy)
            later = {name: percent for name, result in (("hopd", rates.opps), ("asc", rates.asc))
                     if units > 1 and (percent := later_units_percent(result, once)) is not None}  # fmt: skip
            facility_terms = {"hopd": (rates.opps.rate, rates.opps.copayment),
                              "asc": (rates.asc.rate, rates.asc.coinsurance)}  # fmt: skip
            sites = [
                site if (site.setting == "office" and paid_by == "drug")
                else with_later_units(site, *facility_terms[site.setting], units, later[site.setting])  # type: ignore[arg-type]
                if site.setting in later else times_units(site, units)
                for site in sites
            ]  # fmt: skip
            halved = asc_halved_from(rates.asc) if units > 1 else None  # a lower-paid line: rounded once
            if halved is not None and rates.asc.rate is not None:
                cut = int(asc_halved_cut(int(rates.asc.rate.scaleb(2)), halved, units))
                sites = [less_facility(site, cut, 0) if site.setting == "asc" and site.payable
                         and site.facility_payment is not None else site for site in sites]  # fmt: skip
            if units > 1 and rates.asc.coinsurance is not None and not rates.asc.ira_adjusted:
                # The ASC's coinsurance is of the line's payment, rounded once (an IRA-adjusted one is per unit).
                sites = [less_facility(site, 0, int(asc_line_share_cut(
                    int(rates.asc.coinsurance.scaleb(2)), int(site.facility_payment.scaleb(2)), units,
                    later.get("asc", NO_LATER_UNITS_RULE), share)))
                    if site.setting == "asc" and site.payable and site.facility_payment is not None else site
                    for site in sites]  # fmt: skip
            if paid_by == "dmepos" and units > 1:  # the patient's 20% is of the line, as the PFS's
                sites[0] = with_line_share(sites[0], share)
            terms = opps_line_terms(rates.opps) if units > 1 else None
            if terms is not None:  # the hospital line as the Pricer pays several units: rounded once
                medicare_share = rates.opps.medicare_share
                exact_share = medicare_share is not None and not rates.opps.copayment_capped
                cut, share_cut = opps_units_cut(
                    int(rates.opps.rate.scaleb(2)), int(rates.opps.copayment.scaleb(2)), terms[0], terms[1], units,  # type: ignore[union-attr]
                    later.get("hopd", NO_LATER_UNITS_RULE),
                    int(medicare_share.scaleb(6)) if exact_share else NO_MEDICARE_SHARE,  # type: ignore[union-attr]
                    share,
                )  # fmt: skip
                sites = [less_facility(site, int(cut), int(share_cut)) if site.setting == "hopd" and site.payable
                         and site.facility_payment is not None else site for site in sites]  # fmt: skip
            if setting == "facility":
                sites = [times_units(professional_site(at_sites, sequestration=sequestration,
                                                       coinsurance_hundredths=share), units)]  # fmt: skip
                # A lab test whose year's CLFS file is not installed is no outside laboratory's there either: the
                # place's rule, known without its amount (a trial's 2025 36415 at POS 31 said only "CLFS CY2025 not
                # installed"; schedules.clfs_file_missing, batch.schedules alike).
                lab = paid_by is None and other.clfs is not None and schedules.clfs_file_missing(other.missing_file)
                payer = "clfs" if lab else paid_by
                if payer in ("clfs", "drug", "dmepos") and not sites[0].payable:  # a lab, drug or DME item there
                    why = {"clfs": LAB_AT_FACILITY_REASON, "drug": DRUG_AT_FACILITY_REASON}.get(
                        payer or "", DMEPOS_AT_FACILITY_REASON
                    )
                    sites = [sites[0].model_copy(update={"reason": why, "status": NOT_PAYABLE})]
                # a technical-only service at POS 02 (telehealth), a SNF ...: no hospital's or ASC's there (batch too)
                at_place = technical_only_at_place_reason(sites[0].reason or "", place_code)
                # a MAC-priced technical-only code there is the MAC's again (engine.pfs.
                # MAC_TECHNICAL_ONLY_IN_FACILITY_REASON): not priced, as in the office
                mac = {"status": NOT_PRICED} if at_place == CONTRACTOR_PRICED_REASON else {}
                if at_place != (sites[0].reason or ""):
                    sites = [sites[0].model_copy(update={"reason": at_place, **mac})]
                pfs_reason = technical_only_at_place_reason(item.pfs.facility.reason or "", place_code)
                if pfs_reason != (item.pfs.facility.reason or ""):  # its PFS facility setting's reason, as the site's
                    unpriced = {"status": "not_priced", "facility_part": False} if mac else {}
                    pfs_facility = item.pfs.facility.model_copy(update={"reason": pfs_reason, **unpriced})
                    item.pfs = item.pfs.model_copy(update={"facility": pfs_facility})
            # Each site's professional fee is the line's, and so is the patient's share of it (rounded once);
            # therapy's later units (engine.policy._therapy) are paid the later units' amount together.
            for index, site in enumerate(sites):
                site_pfs = at_site.get(site.setting, at_sites)  # (a portable X-ray line's hospital or ASC: above)
                fee = item.pfs.non_facility if site.setting == "office" else site_pfs.facility
                if fee.amount is not None:
                    later_fee = fee.later_units if paid_by == "pfs" else None
                    sites[index] = with_professional_line(site, fee.amount, later_fee, units, share)
            if therapy_at_hopd[number] and setting != "facility":  # the hospital is paid the office's amounts
                office_site = next(site for site in sites if site.setting == "office")
                sites = [hopd_therapy_site(office_site) if site.setting == "hopd" else site for site in sites]
            if technical[number] is not None and setting != "facility":  # the hospital is paid the TC's PFS amount
                sites = [hopd_mammography_site(site, int(technical[number] or 0) * units, share,
                                               sequestration=sequestration,
                                               professional_reason=None if number in fee_on_own_line
                                               else at_site["hopd"].facility.reason)
                         if site.setting == "hopd" else site for site in sites]  # fmt: skip
            # the physician's own claim's shares where there is a facility (batch's professional_beneficiary, _medicare)
            sites = [with_professional_shares(site, share, sequestration=sequestration) for site in sites]
            if setting:
                sites = [site for site in sites if site.setting == setting]
                if setting == "office":  # the physician's fee at a facility is no site shown: labelled, as batch's
                    item.notes[:] = [lines.component_note_comparison_only(n, lines.PRICE_COMPONENT_ELSEWHERE)
                                     for n in item.notes]  # fmt: skip
                said_place = place_note
                if place_note and place_code in ("02", "10"):  # a diagnostic test's PC, DMHT: no telehealth service
                    from rvucalc.engine.place_of_service import place_note_for_line

                    said_place = place_note_for_line(
                        place_note, place_code, item.row.get("pctc"), item.modifiers, item.code
                    )
                if said_place and snf_therapy_paid_non_facility(
                    provider, item.modifiers, item.row.get("mult_proc"), item.row.get("pctc"), place_code, item.code
                ):
                    from rvucalc.engine.place_of_service import snf_therapy_place

                    said_place = snf_therapy_place(said_place)  # its non-facility amount, not the facility rate
                if said_place and place_code in ("50", "72"):  # venipuncture: the clinic's AIR or PPS includes it
                    from rvucalc.engine.place_of_service import CLINIC_VENIPUNCTURE_CODES, clinic_venipuncture

                    if item.code in CLINIC_VENIPUNCTURE_CODES:
                        said_place = clinic_venipuncture(said_place)
                if said_place and item.pfs.non_facility.amount is None:  # no PFS amount to say whose it is
                    from rvucalc.engine.place_of_service import without_pfs_amount

                    said_place = without_pfs_amount(said_place)
                elif said_place and place_code in ("50", "72"):  # care management: the clinic's, at CMS's rate
                    from rvucalc.engine.place_of_service import (
                        CLINIC_CARE_MANAGEMENT_CODES,
                        CLINIC_VISIT_CODES,
                        clinic_care_management,
                        clinic_visit,
                    )

                    if item.code in CLINIC_CARE_MANAGEMENT_CODES:
                        said_place = clinic_care_management(said_place)
                    elif item.code in CLINIC_VISIT_CODES:  # a visit: the clinic's, in no total (total_sites)
                        said_place = clinic_visit(said_place)
                if said_place and said_place not in item.notes:
                    item.notes.append(said_place)
                from rvucalc.engine.place_of_service import department_note

                department = department_note(place_code, item.modifiers, practitioner_claim=paid_for == "professional",
                                             code=item.code)  # fmt: skip
                if department:
                    item.notes.append(department)
                    clinic_said = lines.clinic_superseded_notes(place_code, item.modifiers)
                    if clinic_said:  # 95/FQ at an RHC or FQHC: the clinic's note says them (CLINIC_MODES)
                        item.notes[:] = [note for note in item.notes if note not in clinic_said]
            if paired_side(item.policy):  # its side changed its amount: not "does not change the amount"
                item.notes[:] = [note for note in item.notes if note not in lines.SIDE_NOTES]
            said = units_note(item.row, item.modifiers, units, paired=paired_side(item.policy))
            if said and not (facility_bill and facility_codes.practitioner_units_note(item.code)):
                item.notes.append(said)
            item.notes.extend(later_units_note(name, units, later[name]) for name in ("hopd", "asc")
                              if name in later and setting in (None, name))  # fmt: skip
            paid_apart = rates.opps.payable and rates.opps.status_indicator not in OPPS_PACKAGED  # $0.00: no sides
            if "50" in item.modifiers and paid_apart and setting in (None, "hopd"):
                item.notes.append(OPPS_BILATERAL_NOTE)
                # and the hospital's site says so, as its encounter's total then does (engine.facility)
                sites = [site.model_copy(update={"reason": "; ".join(filter(None, [
                    site.reason, OPPS_BILATERAL_SITE_REASON]))}) if site.setting == "hopd" and site.payable else site
                    for site in sites]  # fmt: skip
            if two_units_bilateral(item.policy) and paid_apart and setting in (None, "hopd"):  # 50 x 2 too (batch)
                item.notes.append(OPPS_TWO_UNITS_NOTE)
            if therapy_at_hopd[number] and setting in (None, "hopd"):  # therapy's, or DSMT's (engine.hopd_therapy)
                item.notes.append(hopd_pfs_note(item.code))
            # Said where the hospital is shown beside the other sites (no setting): at the hospital (POS 19, 22, 23)
            # its site's reason, MARYLAND_OPPS_REASON, says the waiver (SSA §1814(b)(3)) once (engine.hospitals)
            if maryland[number] and setting is None:
                item.notes.append(MARYLAND_OPPS_NOTE)
            sch_note = rural_sch_note(rates.opps) if rural_sch and setting in (None, "hopd") else None
            if sch_note:  # the add-on applied, or not added to a paid line it does not reach (engine.hospitals)
                item.notes.append(sch_note)
            # a lab's, drug's or DME item's (batch: paid_from); a drug's whose ASP file is not installed too
            # a DMEPOS item the hospital's or ASC's table packages there (L8600 at an ASC: PI N1) says so
            there = rates.opps if setting == "hopd" else rates.asc if setting == "asc" else None
            packaged = there is not None and there.payable and there.rate is not None and there.rate == 0
            payer = paid_by or schedules.statement_payer(other, item.code)
            # (price's line is a practitioner's: --provider names no ASC, credentials.provider_word; a type of bill 83x
            # is the ASC's own claim, as batch's facility_bill reads it)
            paid_from = meanings.paid_from_note(payer, setting, packaged, practitioner=not facility_bill)
            if paid_from and not dressings[number]:  # a bundled dressing is paid from no schedule: its note says so
                item.notes.append(paid_from)
            if technical[number] is not None and setting in (None, "hopd"):
                item.notes.append(hopd_mammography_note(item.code))
            if contract_percent is not None:
                for site in sites:
                    contract_of(site, paid_for, contract_percent)
            # A line the hospital or the ASC leaves out alone: its physician's fee there, the PFS facility amount, as
            # the physician's claim prices it (the "facility" setting's), for the encounter to take in place of its
            # site not payable where another line is paid (engine.facility.with_professional_alone, below).
            alone: dict[str, Site] = {}
            for name, result in (("hopd", rates.opps), ("asc", rates.asc)):
                fee = at_site[name].facility
                by_file = left_out_alone(result)
                mammography = name == "hopd" and mammography_alone[number] and not by_file
                if setting in (None, name) and fee.payable and fee.amount is not None and (by_file or mammography):
                    doctor = times_units(professional_site(at_sites, sequestration=sequestration,
                                                           coinsurance_hundredths=share), units)  # fmt: skip
                    doctor = with_professional_line(doctor, fee.amount, fee.later_units if paid_by == "pfs" else None,
                                                    units, share)  # fmt: skip
                    doctor = with_professional_shares(doctor, share, sequestration=sequestration)
                    if contract_percent is not None:
                        contract_of(doctor, paid_for, contract_percent)
                    reason = (f"{MAMMOGRAPHY_PAID_ON}: {professional_alone_note(name)}" if mammography
                              else professional_alone_reason(result))  # fmt: skip
                    alone[name] = doctor.model_copy(update={"setting": name, "reason": reason})
            professional_alone.append(alone)
            # A line's warnings: the encounter's (its date's releases, its place) and its own schedule's, not another
            # line's (a drug's ASP quarter on a visit); a lab, drug or DME item's amounts are not the PFS release's.
            elsewhere = paid_by not in (None, "pfs") or (paid_by is None and other_schedule_line(item, other))
            line_warnings = [*warnings, *facility_release_warnings(rates, elsewhere), *other.warnings]
            table = rates.asc if setting == "asc" else rates.opps if setting == "hopd" else None
            if other.drug is not None and table is not None and table.rate is not None:
                # a drug at the ASC or hospital: its amount is that facility's table's, the ASP quarter the office's
                line_warnings = [meanings.facility_drug_asp_warning(warning, setting, table.release)
                                 for warning in line_warnings]  # fmt: skip
            if elsewhere:
                line_warnings = [warning for warning in line_warnings
                                 if warning not in release_warnings and warning not in split_warnings]  # fmt: skip
            encounter_warnings.extend(line_warnings)
            # No deductible to leave out of a line that has none: a CLFS lab (SSA §1833(b)(3)) priced in the office
            # alone, a preventive service whose deductible is waived (engine.preventive; SSA §1833(b)(1)), or insulin
            # for a DME pump (engine.schedules.insulin_pump_line: its own note says so).
            deductible_free = (
                (waiver is not None and waiver.deductible_waived)
                or (paid_by == "clfs" and not any(site.payable for site in sites if site.setting != "office"))
                or (paid_by == "drug" and other.no_deductible)
            )
            results.append(
                PriceResult.model_construct(
                    code=item.code,
                    modifier=next(iter([*item.modifiers, *item.echoed]), None),
                    modifiers=[*item.modifiers, *item.echoed],  # an ambulance line's origin/destination echoed
                    description=item.row["description"] or other.description or rates.description,
                    year=release.year,
                    release=release.release,
                    release_title=release.title,
                    date_of_service=date_of_service,
                    location=location,
                    pfs=item.pfs,
                    opps=rates.opps,
                    asc=rates.asc,
                    clfs=other.clfs,
                    drug=other.drug,
                    dmepos=other.dmepos,
                    paid_by=paid_by,
                    units=units,
                    sites=sites,
                    sources=sources(release, ["rvu", *location_roles, *item_roles(item)])
                    + place_sources
                    + rates.sources
                    + other.sources,
                    warnings=list(dict.fromkeys(line_warnings)),
                    # the imaging cap's absence is said of the imaging lines (multiple procedure indicator 4), as batch
                    notes=item.notes
                    + [
                        note
                        for note in notes
                        if (note != IMAGING_CAP_NATIONAL_NOTE or item.row["mult_proc"] == "4")
                        and not (deductible_free and note == deductible)
                    ],
                    # a what-if CF changes PFS amounts alone: a lab's, drug's or DME item's are CMS's own
                    scenario=scenario.line_scenario(what_if, anesthesia_what_if, item.pfs.anesthesia is not None)
                    if item.pfs.non_facility.payable or item.pfs.facility.payable
                    else None,
                    contract_of=paid_for if contract_percent is not None else None,
                    percent_of_medicare=contract_percent,
                )
            )
        # An ancillary service with no covered surgical procedure in the encounter: not paid to the ASC (its rate kept).
        for line, unpaid in zip(results, ancillary_without_procedure([line.asc for line in results]), strict=True):
            if unpaid:
                line.sites = [ancillary_unpaid_site(site) if site.setting == "asc" else site for site in line.sites]
                if setting == "asc" and line.asc is not None:  # no IRA copayment of a payment the ASC is not made
                    line.asc = line.asc.model_copy(update={"notes": without_asc_ira_note(line.asc.notes)})
        with_professional_alone(results, professional_alone)
        physicians_lines(results)  # an office drug's line: the physician's claim, as the total (batch: per row)
        if hospital_rows:  # their HOPD site, --setting hopd's (engine.therapists.hospital_therapy_practitioner)
            at_hopd = self.price_encounter(**{**asked, "setting": "hopd"})
            for number in hospital_rows:
                [hopd] = at_hopd.lines[number].sites
                results[number].sites = [hopd if site.setting == "hopd" else site for site in results[number].sites]
        return EncounterResult.model_construct(
            year=release.year,
            release=release.release,
            location=location,
            lines=results,
            # Professional: batch's professional_allowed; a contract on it where the site's total is not priced
            totals=encounter_totals(results, setting, paid_for),
            warnings=list(dict.fromkeys(encounter_warnings)),
            # The deductible's note is the encounter's only where a line owes the deductible (its line keeps the
            # note): not for CLFS labs alone, which have no deductible and no coinsurance (SSA §1833(b)(3),
            # §1833(a)(1)(D); `price 80053 85025` said "exclude the CY2026 Part B deductible"), nor preventive lines.
            notes=[note for note in notes if note != deductible or any(note in line.notes for line in results)],
            contract_of=paid_for if contract_percent is not None else None,
            percent_of_medicare=contract_percent,
        )

    def schedule_year_error(self, codes: list[str], year: int | None) -> RvucalcError | None:
        """The error of a year with no PFS release installed, when every code is one schedule's (the CLFS, ASP or
        DMEPOS lists it, and the newest PFS release does not pay it): that schedule's
        (``schedules.year_not_installed``); None otherwise. Batch's too, per code."""
        from rvucalc.lookup import schedules

        bare = list(dict.fromkeys(text.strip().upper().partition("-")[0].strip() for text in codes))
        newest = self.catalogue.releases("pfs")
        store = self.store(newest[-1]) if newest else None
        if year is None or store is None:
            return None
        if any((row := store.rvu(code)) is not None and lines.paid_from_rvus(row) for code in bare):
            return None
        found = {schedules.listing_dataset(self.catalogue, code) for code in bare}
        dataset = found.pop() if len(found) == 1 else None
        if dataset is None:
            return None
        return schedules.year_not_installed(self.catalogue, dataset, ", ".join(bare), year)

    def _facility_place(
        self,
        location: Location,
        wage_override: int | None,
        by_locality: bool,
        year: int,
        warnings: list[str],
        notes: list[str],
        setting: str | None = None,
        asc_override: int | None = None,
    ) -> tuple[int | None, int | None, list[Source], list[int]]:
        """The wage indexes for the OPPS and the ASC rates at this place, and their sources (filling in ``location``);
        ``setting`` (hopd, asc, ...) decides what its source says it is (``geography.wage_index_source``: the ASC's
        own, a hospital's estimate). ``wage_override``, the user's, is the OPPS one alone (``USER_WAGE_INDEX``);
        ``asc_override``, the user's ASC wage index, the ASC's. Last, the place's wage indexes where its wage index
        file lists its area with different values (``geography.FacilityPlace.wage_index_choices``)."""
        used: list[Source] = []
        choices: list[int] = []
        wage_store = self.catalogue.optional_store("wage", year, None, warnings)
        wage_index, source = None, None
        place_warnings: list[str] = []
        area: str | None = None  # the wage index file and the place's area in it
        if location.zip:
            geo_release = self.catalogue.newest("geo")
            place = geography.resolve(location.zip, self.store(geo_release), wage_store, location.zip_state)
            used += sources(geo_release, ["zip_county", "cbsa"])
            place_warnings = place.warnings
            notes.extend(place.notes)
            location.county_fips, location.county_name = place.county_fips, place.county_name
            location.other_counties = place.other_counties
            location.cbsa, location.cbsa_name = place.cbsa, place.cbsa_name
            wage_index, source, area = place.wage_index, place.wage_index_source, place.wage_index_area
            choices = place.wage_index_choices
            if place.wage_index_area is not None:
                source = geography.wage_index_source(place.wage_index_area, setting)
            if wage_index is not None and wage_store is not None:
                used += sources(wage_store.release, ["wage_index"])
        elif by_locality:
            place_warnings = [NO_CBSA_WARNING]
        place_index = wage_index
        asc_wage_index = place_index if asc_override is None else asc_override
        warnings.extend(filter(None, (given_wage_warning(warning, wage_override is not None, asc_override is not None)
                                      for warning in place_warnings)))  # fmt: skip
        place_said = None if place_index is None else f"{area or source}: {Decimal(place_index).scaleb(-4)}"
        asc_said = place_said if asc_override is None else f"{ASC_USER_WAGE_INDEX}: {Decimal(asc_override).scaleb(-4)}"
        if wage_override is not None:
            wage_index, source = wage_override, user_wage_index_source(asc_said)
            if asc_said is None and choices:  # (engine.wage_choices)
                source = f"{USER_WAGE_INDEX}; the ASC rate is not priced ({CHOOSE_ASC})"
        elif asc_override is not None:  # the ASC's given: shown where the ASC is the setting, else the place's
            wage_index = asc_override if setting == "asc" else place_index
            hospital = f"none chosen (its OPPS rate not priced: {CHOOSE_OPPS})" if choices else (
                "none (its OPPS rate national)")  # fmt: skip
            source = f"the ASC's {ASC_USER_WAGE_INDEX}; the hospital's is {place_said or hospital}"
        location.wage_index = None if wage_index is None else Decimal(wage_index).scaleb(-4)
        location.wage_index_source = source
        opps_index = wage_override if wage_override is not None else place_index
        return opps_index, asc_wage_index, used, choices

    def _hopd_therapy(
        self, code: str, mult_proc: str | None, rates: Facility, year: int, pctc: str | None = None
    ) -> bool:  # fmt: skip
        """Whether the hospital's line of ``code`` is outpatient therapy paid under the PFS (engine.hopd_therapy);
        where the year's Addendum B is not installed, its OPPS reason then says so (not to install it), and the
        earlier Addendum B that decided it is the line's OPPS release and among its sources (batch's opps_release:
        a review found `price 92610 --setting 22 --date 2026-03-02` naming 2025-10 in its reason alone)."""
        opps = rates.opps
        if opps.installed:
            return pays_hopd_therapy(mult_proc, True, opps.status_indicator, None, pctc, code)
        prior = prior_opps(self.catalogue, year)
        row = None if prior is None else self.store(prior).opps(code)
        prior_si = None if row is None else row["si"]
        if not pays_hopd_therapy(mult_proc, False, None, prior_si, pctc, code):
            return False
        opps.reason = therapy_opps_reason(year, code, None if prior is None else prior.release, prior_si)
        if prior is not None:
            opps.release = prior.release
            rates.sources += [source for source in sources(prior, ["addendum_b"]) if source not in rates.sources]
        return True

    def _hopd_mammography(
        self, store: Store, code: str, opps: OppsResult, year: int, gpci: tuple[int, int, int], cf: int | None,
        cf_kind: str | None,
    ) -> int | None:  # fmt: skip
        """The hospital's payment (cents, a unit) for a mammography line (engine.hopd_therapy): the PFS
        amount of the code's TC row at the place; None for any other line, or where the TC row has none."""
        if code not in HOPD_PFS_MAMMOGRAPHY:
            return None
        if opps.installed:
            paid = pays_hopd_mammography(code, True, opps.status_indicator, None)
        else:
            prior = prior_opps(self.catalogue, year)
            row = None if prior is None else self.store(prior).opps(code)
            paid = pays_hopd_mammography(code, False, None, None if row is None else row["si"])
        tc = store.rvu(code, "TC") if paid else None
        if tc is None:
            return None
        amount = price_row(tc, gpci, int(tc["conv_factor"]) if cf is None else cf, cf_kind).non_facility.amount
        return None if amount is None else int(amount.scaleb(2))

    def _facility_rates(
        self, code: str, year: int, date_of_service: dt.date | None, wage_index: int | None,
        asc_wage_index: int | None, rural_sch: bool = False, pctc: str | None = None,
    ) -> Facility:  # fmt: skip
        """OPPS and ASC payment for one code, each wage-adjusted by its own index, with each file's release warnings.
        ``rural_sch``: a rural SCH's line the 7.1% add-on may reach; ``pctc``: its RVU row's PC/TC indicator
        (engine.facility.price_opps)."""
        used: list[Source] = []
        described: list[str] = []
        opps_warnings: list[str] = []
        asc_warnings: list[str] = []
        opps_store = self.catalogue.optional_store("opps", year, date_of_service, opps_warnings)
        if opps_store is None:
            prior = prior_opps(self.catalogue, year)
            row = None if prior is None else self.store(prior).opps(code)
            # an anesthesia code the newest earlier Addendum B packages: $0.00 (engine.facility.ANESTHESIA_AT_HOPD)
            packaged = anesthesia_opps_packaged(code, year, None if prior is None else prior.release, row)
            if packaged is not None:
                assert prior is not None
                used += sources(prior, ["addendum_b"])
            reason = opps_not_installed(year, code, prior, row, pctc, None if prior is None else self.store(prior).opps)
            opps_result = packaged or OppsResult.model_construct(payable=False, installed=False, reason=reason)
        else:
            used += sources(opps_store.release, ["addendum_b"])
            opps_row = opps_store.opps(code)
            described.append((opps_row or {}).get("description") or "")
            opps_result = price_opps(opps_row, code, year, wage_index, opps_store.release.release, rural_sch,
                                     pctc, opps_store.opps)  # fmt: skip
        asc_store = self.catalogue.optional_store("asc", year, date_of_service, asc_warnings)
        if asc_store is None:
            asc_result = AscResult.model_construct(payable=False, installed=False, reason=not_installed("ASC", year))
        else:
            used += sources(asc_store.release, ["aa", "bb", "ee", "ff"])
            rows = {name: asc_store.asc(name, code) for name in ("aa", "bb", "ee", "ff")}
            described += [(rows[name] or {}).get("description") or "" for name in ("aa", "bb")]
            asc_result = price_asc(rows, code, asc_wage_index, asc_store.release.release)
        return Facility(opps=opps_result, asc=asc_result, sources=used, description=next(filter(None, described), ""),
                        opps_warnings=opps_warnings, asc_warnings=asc_warnings)  # fmt: skip

    def _location(
        self,
        store: Store,
        zip_code: str | None,
        locality: str | None,
        warnings: list[str],
    ) -> tuple[Location, tuple[int, int, int], list[str]]:
        if zip_code:
            zip_row, place = self.zip_locality(store, zip_code, warnings)
            return _location(place, zip_row), _gpci(place), ["gpci", "zip5"]
        if locality:
            info = store.locality(locality_id(store, locality))
            if info is None:
                raise unknown_locality_error(store, locality)
            read_as = locality_read_as(locality, info)
            if read_as:
                warnings.append(read_as)
            return _location(info, None), _gpci(info), ["gpci"]
        return Location.model_construct(locality=NATIONAL_LOCALITY, name="NATIONAL"), NATIONAL_GPCI, []

    def zip_locality(self, store: Store, zip_code: str, warnings: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
        """A ZIP's row of CMS's ZIP5 file and its PFS locality's row, as price places it (export --zip too): a ZIP
        split between localities by ZIP+4 is the ZIP5 file's locality, ``warnings`` getting ``zip_split_warning``."""
        zip_row = self._zip_row(store, zip_code)
        info = store.locality(zip_row["locality"])
        assert info is not None  # the compiler checks every ZIP's locality
        if zip_row["plus4"] == "1":
            warnings.append(zip_split_warning(zip_row["zip"], info["locality"], info["name"]))
        return zip_row, info

    def _zip_row(self, store: Store, zip_code: str) -> dict[str, Any]:
        zip5 = parse_zip(zip_code)
        row = store.zip(zip5)
        if row is None:
            raise unknown_zip_error(store, zip5)
        return row

    @staticmethod
    def _conversion_factor(release: Release, qp: bool) -> tuple[int | None, str]:
        """The QP conversion factor when asked for (None: each row's own CF), and its kind."""
        if qp:
            whole, _, frac = release.qp_conversion_factor().partition(".")
            return int(whole) * 10_000 + int((frac + "0000")[:4]), "qp"
        return None, release.cf_kind

    # -- look-ups --------------------------------------------------------

    def localities(
        self, state: str | None = None, year: int | None = None, date_of_service: dt.date | None = None
    ) -> LocalityList:
        release, warnings = self.select(year, date_of_service)
        store = self.store(release)
        # A code that is no state's (ZZ, CALIFORNIA) is a usage error (bad_state, exit 2), as a ZIP of the wrong form
        # is; a real state's or territory's code with no locality would stay "not found" below (exit 1).
        state_code = parse_state(state)
        rows = store.localities(state_code)
        if state_code:  # a locality of another state that holds this state's ZIPs too (DC + MD/VA SUBURBS: MD, VA)
            warnings = list(warnings)
            own = {row["locality"] for row in rows}
            for code, count in store.zip_state_localities(state_code).items():
                row = store.locality(code) if code not in own else None
                if row is not None:
                    rows.append(row)
                    warnings.append(
                        f"Locality {code} {row['name']} ({row['state']}) is listed for {state_code} too: CMS's ZIP5 "
                        f"file maps {count} {state_code} ZIP{'s' if count != 1 else ''} to it."
                    )
            rows.sort(key=lambda row: row["locality"])
        if state_code and not rows:
            states = sorted({row["state"] for row in store.localities()})
            raise NotFoundError(f"No locality in state {state_code!r}. States: {', '.join(states)}.")
        return LocalityList.model_construct(
            year=release.year,
            release=release.release,
            localities=[locality_info(row) for row in rows],
            sources=sources(release, ["gpci", "counties"]),
            warnings=warnings,
        )

    def zip(self, zip_code: str, year: int | None = None, date_of_service: dt.date | None = None) -> ZipInfo:
        release, warnings = self.select(year, date_of_service)
        store = self.store(release)
        row = self._zip_row(store, zip_code)
        info = store.locality(row["locality"])
        assert info is not None
        notes = list(warnings)
        if row["plus4"] == "1":
            notes.append("This ZIP is split between localities by ZIP+4 (CMS's ZIP9 file decides); shown: ZIP5's.")
        wage_store = self.catalogue.optional_store("wage", release.year, None, notes)
        geo_release = self.catalogue.newest("geo")
        place = geography.resolve(row["zip"], self.store(geo_release), wage_store, row["state"])
        notes += place.warnings + place.notes
        used = sources(release, ["zip5", "gpci", "counties"]) + sources(geo_release, ["zip_county", "cbsa"])
        if wage_store is not None and place.wage_index is not None:
            used += sources(wage_store.release, ["wage_index"])
        return ZipInfo.model_construct(
            zip=row["zip"],
            state=row["state"],
            locality=locality_info(info),
            rural=row["rural"] or None,
            rural_meaning=RURAL_MEANINGS.get(row["rural"], row["rural"]),
            area_note=ZIP5_AREA_NOTE,
            split_by_zip4=row["plus4"] == "1",
            year_quarter=row["year_quarter"],
            year=release.year,
            release=release.release,
            county_fips=place.county_fips,
            county_name=place.county_name,
            other_counties=place.other_counties,
            cbsa=place.cbsa,
            cbsa_name=place.cbsa_name,
            wage_index=None if place.wage_index is None else Decimal(place.wage_index).scaleb(-4),
            wage_index_source=place.wage_index_source,
            notes=notes,
            sources=used,
        )

    def search(self, text: str, year: int | None = None, limit: int = 50) -> SearchResult:
        if not text.strip():
            raise UsageError("Give some words to search for, e.g. rvucalc search craniocervical")
        release, _ = self.select(year)
        store = self.store(release)
        rows = store.search(text.strip(), limit + 1)
        matches = [
            CodeMatch.model_construct(
                code=row["hcpcs"],
                modifier=row["modifier"] or None,
                description=row["description"],
                status=row["status"],
                status_meaning=meanings.meaning(meanings.STATUS, row["status"]),
                schedule="pfs",
                release=release.release,
            )
            for row in rows
        ]
        # The year's other installed fee schedules that carry descriptors (CLFS, ASP, DMEPOS, OPPS, ASC): a code
        # only they list (E0601, C7510) is found too, naming the schedule; a code the PFS lists is its PFS row.
        found = {match.code for match in matches}
        used = sources(release, ["rvu"])
        searched = [f"PFS {release.release}"]
        for dataset, label, roles in SEARCHED_SCHEDULES:
            installed = [r for r in self.dataset_releases(dataset) if r.year == release.year]
            if not installed:
                continue
            other = installed[-1]
            searched.append(f"{label} {other.release}")
            added = False
            for row in self.store(other).search_descriptors(text.strip(), limit + 1):
                if row["hcpcs"] in found:
                    continue
                found.add(row["hcpcs"])
                added = True
                pfs_row = next(iter(store.rvu_rows_of(row["hcpcs"])), None)
                status = pfs_row["status"] if pfs_row else ""
                matches.append(
                    CodeMatch.model_construct(
                        code=row["hcpcs"], modifier=None, description=row["description"], status=status,
                        status_meaning=meanings.meaning(meanings.STATUS, status) if pfs_row
                        else f"Not in the PFS RVU file: listed in the {label} ({other.release})",
                        schedule=dataset, release=other.release,
                    )
                )  # fmt: skip
            if dataset == "asp":
                added |= _asp_matches(matches, self.store(other), other.release)
            elif dataset in ("clfs", "dmepos"):
                added |= _schedule_matches(matches, self.store(other), dataset, label, other.release)
            if added:
                used += sources(other, roles)
        # rvucalc's own names of preventive services (engine.preventive: "Annual wellness visit (AWV)"), whose CMS
        # short descriptors say otherwise ("Ppps, subseq visit"): their PFS rows, named by it.
        for service in preventive.services_named(text.strip()):
            for code in service.codes:
                pfs_row = next(iter(store.rvu_rows_of(code)), None)
                if code in found or pfs_row is None:
                    continue
                found.add(code)
                matches.append(
                    CodeMatch.model_construct(
                        code=code, modifier=pfs_row["modifier"] or None, description=pfs_row["description"],
                        status=pfs_row["status"], status_meaning=meanings.meaning(meanings.STATUS, pfs_row["status"]),
                        schedule="pfs", release=release.release, name=service.service,
                    )
                )  # fmt: skip
        # The codes whose descriptor holds the words as given (or as its acronyms read them: 43235 "Egd ..." for
        # "upper gi endoscopy") first, then those matched by CMS's abbreviations; in each, codes of PFS status I (not
        # valid for Medicare) or M (quality measurement only) last (a trial: 3130F and 3132F before 43235), then the
        # descriptors holding the words as written first (Store.search); before that, the codes
        # search_words.LISTED_AFTER lists (the through-stoma colonoscopies) after the others.
        from rvucalc.reference.search_words import listed_after

        lowered = text.strip().lower()
        matches.sort(key=lambda m: (not phrase_matches(lowered, m.code, f"{m.description} {m.name or ''}"),
                                    m.status in ("I", "M"), listed_after(m.code),
                                    not phrase_matches(lowered, m.code, f"{m.description} {m.name or ''}", read=False),
                                    m.code, m.modifier or ""))  # fmt: skip
        return SearchResult.model_construct(
            query=text,
            year=release.year,
            release=release.release,
            matches=matches[:limit],
            truncated=len(matches) > limit,
            sources=used,
            searched=searched,
        )


def _asp_matches(matches: list[CodeMatch], asp: Any, release: str) -> bool:
    """A PFS match the PFS does not pay (status E, as J9271's, not A, R, T nor C: the MAC's) that the ASP file searched
    lists with a payment limit: the ASP's, as ``price`` pays it (``office_payer``: "paid from the Part B drug payment
    limits"), with the limit per billing unit in its meaning (the search table has no amount column); its PFS status
    kept. A trial's `search pembrolizumab` listed J9271 as the PFS's, "E: Excluded from the PFS ... reasonable-charge
    rules", where a code only the CLFS or DMEPOS lists names its schedule. Whether any was changed."""
    changed = False
    for number, match in enumerate(matches):
        if match.schedule != "pfs" or match.modifier or is_paid_status(match.status) or match.status == "C":
            continue
        row = asp.asp(match.code)
        if row is None or row["limit_mills"] is None:
            continue
        limit = Decimal(row["limit_mills"]).scaleb(-3)
        unit = f" per {row['billing_unit']}" if row["billing_unit"] else " per unit"
        meaning = (f"Paid from the ASP payment limits ({release}): ${limit}{unit}; not under the PFS (status "
                   f"{match.status}: {match.status_meaning})")  # fmt: skip
        matches[number] = match.model_copy(update={"schedule": "asp", "release": release, "status_meaning": meaning})
        changed = True
    return changed


def _schedule_matches(matches: list[CodeMatch], other: Any, dataset: str, label: str, release: str) -> bool:
    """A PFS match the PFS does not pay (not A, R, T nor C) that the CLFS or DMEPOS file searched lists: that
    schedule's, as ``price`` pays it, its PFS status kept in the meaning. A home health trial's `search lancets`
    listed A4259 and A4258 as "PFS 2026C" (status P) where `price A4259` says the DMEPOS fee schedule pays them.
    Whether any was changed."""
    changed = False
    for number, match in enumerate(matches):
        if match.schedule != "pfs" or match.modifier or is_paid_status(match.status) or match.status == "C":
            continue
        listed = other.clfs(match.code) if dataset == "clfs" else other.dmepos(match.code, state="-")
        if not listed:
            continue
        status = f"status {match.status}: {match.status_meaning}"
        meaning = f"Paid from the {label} ({release}); not under the PFS ({status})"
        matches[number] = match.model_copy(update={"schedule": dataset, "release": release, "status_meaning": meaning})
        changed = True
    return changed


# search: the fee schedules beyond the PFS whose files carry descriptors, in the order a code is named by
# (dataset, the name said, the files' roles).
SEARCHED_SCHEDULES = (
    ("clfs", "CLFS", ["clfs"]),
    ("asp", "ASP payment limits", ["payment_limit"]),
    ("dmepos", "DMEPOS fee schedule", ["dmepos", "pen"]),
    ("opps", "OPPS Addendum B", ["addendum_b"]),
    ("asc", "ASC addenda", ["aa", "bb"]),
)


def price(
    code: str,
    *,
    modifier: str | None = None,
    zip_code: str | None = None,
    locality: str | None = None,
    year: int | None = None,
    date_of_service: dt.date | str | None = None,
    qp: bool = False,
    wage_index: Decimal | str | None = None,
    asc_wage_index: Decimal | str | None = None,
    setting: str | None = None,
    sequestration: bool = False,
    provider: str = "physician",
    base_units: Decimal | str | int | None = None,
    minutes: int | None = None,
    units: int = 1,
    state: str | None = None,
    rural: bool = False,
    conversion_factor: Decimal | str | None = None,
    anesthesia_cf: Decimal | str | None = None,
    percent_of_medicare: Decimal | str | None = None,
    paid_for: str = "site",
    hospital: str | None = None,
) -> PriceResult:
    """One-shot pricing of one code (a ``Pricer`` for many calls reuses the opened stores).

    >>> price("22590", zip_code="10001").pfs.facility.amount
    Decimal('1856.28')
    """
    pricer = Pricer()
    try:
        return pricer.price(
            code, modifier=modifier, zip_code=zip_code, locality=locality, year=year,
            date_of_service=date_of_service, qp=qp, wage_index=wage_index, asc_wage_index=asc_wage_index,
            setting=setting,
            sequestration=sequestration, provider=provider, base_units=base_units, minutes=minutes,
            units=units, state=state, rural=rural, conversion_factor=conversion_factor, anesthesia_cf=anesthesia_cf,
            percent_of_medicare=percent_of_medicare, paid_for=paid_for, hospital=hospital,
        )  # fmt: skip
    finally:
        pricer.close()


def encounter_totals(lines: list[PriceResult], setting: str | None, paid_for: str) -> dict[str, Site]:
    """The encounter's totals by site (engine.facility.total_sites), each one's Professional the physician's claim
    (lookup.professional) and a contract where its lines have one (``contracts_not_priced``).

    With the place of service given (``--setting 11``: one claim), an office total not payable for some lines while
    others are paid there is the paid lines' total, the others named as left out (``PRICED_LINES_LEFT_OUT``): Medicare
    adjudicates each line of a claim, so a line not payable in the office (its PE RVU 'NA') is denied and the others
    are paid, as batch's claim totals sum the rows priced in their setting (``unpriced`` counts the others). A review
    found `price 27447 20610 --setting 11` not payable (exit 1) where batch's claim total was 20610's $79.27. Without a
    setting (every site shown, for a coder to choose where) the office total is that same claim's, by this one rule: a
    trial found `price 31254-50 31267-50 31231` "not payable" in the office where `--setting 11` and batch gave
    31254-50's $828.05 (31267 'NA' left out and named). Where every line is 'NA' there, the office stays not payable.
    A line not priced (a MAC's fee, a file not installed) beside them is totalled the usual way (a MAC's line no
    multiple procedure rule ranks with the others left out and named; one it ranks, or a file not installed, keeps the
    total not priced: its amount is not known)."""
    totals = contracts_not_priced(physicians_claims(total_sites(lines), lines), lines, paid_for)
    total = totals.get("office")
    if setting not in (None, "office") or total is None or total.payable or total.status != NOT_PAYABLE:
        return totals
    sites = [next(site for site in line.sites if site.setting == "office") for line in lines]
    # The lines not payable in the office (PE RVU 'NA') are left out; the others are totalled the usual way, a line
    # the MAC prices among them too (left out and named, or the total not priced where a multiple procedure rule
    # ranks it with the others: engine.facility.mac_priced_apart). A review: `price 27447 0106T 20610 --setting 11`
    # was not payable where batch's claim total was 20610's $79.27 (0106T the MAC's, 27447 'NA').
    unpaid = [(line, site) for line, site in zip(lines, sites, strict=True) if _left_out_of_office(site)]
    kept_lines = [line for line, site in zip(lines, sites, strict=True) if not _left_out_of_office(site)]
    if not unpaid or not any(site.payable for site in sites):
        return totals
    kept = contracts_not_priced(physicians_claims(total_sites(kept_lines), kept_lines), kept_lines, paid_for)["office"]
    reasons: dict[str, list[str]] = {}
    for line, site in unpaid:
        reasons.setdefault((site.reason or "not payable there").rstrip("."), []).append(
            "-".join([line.code, *line.modifiers])
        )
    said = "; ".join(f"{', '.join(codes)}: {reason}" for reason, codes in reasons.items())
    reason = ". ".join(filter(None, [f"{PRICED_LINES_LEFT_OUT}: {said}", kept.reason]))
    return {**totals, "office": kept.model_copy(update={"reason": reason})}


def _left_out_of_office(site: Site) -> bool:
    """Whether a line's office site is not payable there (its PE RVU 'NA'), left out of the office's total."""
    return not site.payable and site.status == NOT_PAYABLE


PRICED_LINES_LEFT_OUT = (
    "The total is the paid lines' (each line of a claim is paid or denied on its own, as batch's claim totals sum "
    "them): it leaves out the lines not payable in the office"
)


def contracts_not_priced(totals: dict[str, Site], lines: list[PriceResult], paid_for: str = "site") -> dict[str, Site]:
    """``totals`` with a contract amount on a site whose total is not priced where every line's site there has one
    (``--paid-for professional`` where the OPPS year is not installed: the physician's claims are priced, and a
    contract on them with them): the sum of the lines' amounts, as a priced total's (engine.facility.total_sites).
    Under ``--paid-for professional`` a drug's, lab's or DME item's line there is no physician's claim: $0.00 of it,
    as batch's (a review: 27447 beside J9271 at POS 22 in 2026 had no total contract)."""
    settings = [site.setting for site in lines[0].sites] if lines else []
    kept = dict(totals)
    for index, setting in enumerate(settings):
        total = totals.get(setting)
        if total is None or total.payable or total.contract_amount is not None:
            continue
        # A line whose physician's fee the MAC prices is left out of a known physician's total, said so there
        # (lookup.professional.mac_priced_fees): of its contract too, as batch's claim contract sums the priced rows.
        known_fees = paid_for == "professional" and total.professional_payment is not None
        amounts = [Decimal("0.00") if (line.sites[index].contract_amount is None and paid_for == "professional"
                                       and _no_physician_fee(line, setting)) else line.sites[index].contract_amount
                   for line in lines if not (known_fees and mac_priced_fee(line, setting))]  # fmt: skip
        known = [amount for amount in amounts if amount is not None]
        if len(known) == len(amounts):
            kept[setting] = total.model_copy(update={"contract_amount": sum(known, Decimal("0.00"))})
    return kept


def _no_physician_fee(line: PriceResult, setting: str) -> bool:
    """Whether a line puts nothing on the physician's claim in a setting: another schedule's (the facility's drug, a
    lab), or a PFS line not payable there (96413 at a hospital); not a line the MAC prices (its fee unknown)."""
    if line.paid_by not in (None, "pfs"):
        return True
    fee = line.pfs.non_facility if setting == "office" else line.pfs.facility
    return fee is not None and not fee.payable and fee.status == "not_payable"


def contract_of(site: Site, paid_for: str, percent: Decimal) -> None:
    """A site's contract amount: ``percent`` of what ``paid_for`` says it is of (lookup.paid_for, batch's rule),
    rounded once (engine.scenario.contract_amount); none where there is no such amount (the facility's claim in the
    office; the site's total where its facility fee is not priced, though the physician's claim there is)."""
    from rvucalc.engine import scenario

    def cents(amount: Decimal | None) -> int:
        return 0 if amount is None else int(amount.scaleb(2))

    # a review: an office drug's and lab's lines had no professional contract in price (batch: 65.70, 11.62)
    professional = physicians_claim(site)
    basis, valid = paid_for_rule.paid_for_basis(
        paid_for, cents(site.total), site.payable and site.total is not None, cents(professional),
        professional is not None, site.setting in ("hopd", "asc"),
    )  # fmt: skip
    if valid:
        site.contract_amount = Decimal(scenario.contract_amount(basis, percent)).scaleb(-2)


def parse_zip(text: str) -> str:
    """A ZIP's five digits: 5 digits, optionally ZIP+4 (``10001-1234``, ``10001 1234``, ``100011234``); else a
    UsageError of kind bad_zip (a multi-state trial's malformed cells were counted as "unknown zip", the kind of a
    well-formed ZIP CMS's ZIP5 file does not list)."""
    digits = text.strip()
    if re.fullmatch(r"[0-9]{5}(?:(?:\s*-\s*|\s*)[0-9]{4})?", digits):
        return digits[:5]
    # Spreadsheets store ZIPs as numbers: 02138 becomes 2138 (or 2138.0), 01234-1234 becomes 12341234. Say so; never
    # guess the zeros. Six digits are neither (no ZIP begins 000).
    hint = ""
    number = re.fullmatch(r"([0-9]{3,9})(\.0+)?", digits)
    if number and (number.group(2) or len(number.group(1)) not in (5, 9)):
        whole = number.group(1)
        padded = whole.zfill(5) if len(whole) <= 5 else f"{whole.zfill(9)[:5]}-{whole.zfill(9)[5:]}"
        if len(whole) != 6:
            hint = (f" If a spreadsheet stored it as a number, it was probably {padded}: keep the ZIP column as text "
                    "(leading zeros and all).")  # fmt: skip
    raise UsageError(f"{text!r} is not a ZIP code (5 digits, optionally ZIP+4).{hint}", kind=ErrorKind.BAD_ZIP)


def locality_id(store: Store, text: str) -> str:
    """A locality given as its 7-digit id or its name (``MANHATTAN``, a unique start or part of one, as
    ``--locality`` takes it: ``lookup.locality_names``), as its id; the id need not be in the store."""
    from rvucalc.lookup.locality_names import (
        ambiguous_locality,
        listed_localities,
        matching_localities,
        not_named_hint,
        several_localities,
    )

    if not text.strip() or is_locality_number(text):
        return parse_locality(text)
    if text.strip().lower() == "all":  # the CLI's every locality; not a name search ('all': VALLEJO, DALLAS)
        raise UsageError(f"{option('locality')} {text!r} {arguments.EVERY_LOCALITY}", kind=ErrorKind.UNKNOWN_LOCALITY)
    rows = store.localities()
    found = matching_localities(text, [(row["name"], row["state"], row) for row in rows], partial(_zip_mapped, store))
    if len(found) == 1:
        return str(found[0]["locality"])
    if found:
        raise UsageError(ambiguous_locality(text, [locality_info(row) for row in found]),
                         kind=ErrorKind.UNKNOWN_LOCALITY)  # fmt: skip
    listed = listed_localities(text, [(str(row["locality"]), row["name"], row["state"]) for row in rows])
    if listed:  # export's comma list given to price (a finance analyst's trial: "No locality is named")
        raise UsageError(several_localities(text, listed), kind=ErrorKind.UNKNOWN_LOCALITY)
    raise NotFoundError(
        f"No locality is named {text.strip()!r} in {store.release.release}.{not_named_hint(text)} List them with: "
        "rvucalc localities" + cli_only(" --state XX"),
        kind=ErrorKind.UNKNOWN_LOCALITY,
    )


def _zip_mapped(store: Store, state: str) -> list[dict[str, Any]]:
    """The localities CMS's ZIP5 file maps ``state``'s ZIPs to (GU, AS, MP: 0121201), as ``Pricer.localities`` lists
    them for a state with none of its own."""
    rows = (store.locality(locality) for locality in store.zip_state_localities(state))
    return [row for row in rows if row is not None]


def locality_read_as(text: str, row: dict[str, Any]) -> str | None:
    """What a locality given by part of its name was read as (``NEW YORK``: REST OF NEW YORK, not Manhattan), said
    with the amounts; None for an id or the whole name."""
    from rvucalc.lookup.locality_names import named_state, normal_name

    if re.sub(r"[\s-]", "", text).isdigit() or normal_name(text) == normal_name(row["name"]):
        return None
    # lookup.locality_names.matching_localities: a state code (AK) or name is the state, here its one locality; a
    # territory with none of its own (MP) the one CMS's ZIP5 file maps its ZIPs to
    state = named_state(text)
    if state is None:
        why = "the one locality whose name begins with or contains it"
    elif state == row["state"]:
        why = "the state's one locality"
    else:
        why = f"the one locality CMS's ZIP5 file maps {state} ZIPs to"
    return f"Locality {text.strip()!r} read as {row['locality']} {row['name']} ({row['state']}), {why}."


def facility_drug_office(
    setting: str | None, rates: Facility, other: OtherSchedules, maryland: bool = False
) -> str | None:
    """``meanings.facility_drug_office_note`` for a drug whose ASP file is not installed (``missing_file``) at a
    hospital or ASC setting whose rate prices it, ``meanings.maryland_drug_office_note`` at a Maryland hospital
    (``maryland``: its OPPS line unpriced for the waiver); None otherwise (batch: ``_other_schedule_notes``, the same
    test)."""
    if setting not in meanings.FACILITY_DRUG_TABLES or other.drug is None or other.drug.payable:
        return None
    if maryland and setting == "hopd" and "ASP" in other.missing_file.split():
        return meanings.maryland_drug_office_note(other.missing_file)
    facility = rates.opps if setting == "hopd" else rates.asc
    if not (facility.payable and facility.rate is not None and "ASP" in other.missing_file.split()):
        return None
    return meanings.facility_drug_office_note(setting, other.missing_file)


def office_payer(pfs: PfsResult, other: OtherSchedules) -> str | None:
    """The schedule that pays the line outside a facility: the PFS where it prices the code, else the
    CLFS, the ASP file or the DMEPOS fee schedule (a lab's PFS row is status X, a drug's E or B)."""
    if pfs.non_facility.payable or pfs.facility.payable:
        return "pfs"
    for name, part in (("clfs", other.clfs), ("drug", other.drug), ("dmepos", other.dmepos)):
        if part is not None and part.payable:
            return name
    return None


def facility_release_warnings(rates: Facility, elsewhere: bool) -> list[str]:
    """A line's OPPS and ASC release warnings (the quarter in force on its date not installed): each file's, unless
    the line is another schedule's (``other_schedule_line``: a DME item, a lab, a drug paid from the ASP file) and
    that file gives it no rate. The ASC pays its covered surgical procedures and the covered ancillary services of
    its addenda, not DMEPOS or a lab test (42 CFR 416.164, 416.166); a CPAP rental's row (E0601-RR-KJ) said the ASC
    addenda of its quarter were not installed, of a line with no ASC amount (a pulmonology trial). A PFS line keeps
    them: a later quarter may add its code (batch: ``BatchPricer._facility_release_notes``, the same rule). The ASC
    addenda's quarter is said only of a line with an ASC amount (batch: a row with an asc_* amount, its office rows'
    comparison columns included, so price's --setting 11 line too): a trial's 99490 (--setting 11), no ASC amount,
    was told the ASC addenda of its quarter were not installed."""
    said: list[str] = list(rates.opps_warnings) if not elsewhere or rates.opps.rate is not None else []
    if rates.asc.rate is not None:
        said += rates.asc_warnings
    return said


def other_schedule_line(item: PreparedLine, other: OtherSchedules) -> bool:
    """Whether a line the PFS does not pay is another schedule's: a CLFS, ASP or DMEPOS file lists it (0526U at the
    MAC's price, E0601 without RR), or it is a not otherwise classified drug, an unlisted lab test or a code paid apart
    (J3490, 81099, G0008). The PFS release's warnings (another release priced the line) are not its: a trial's file
    counted such lines as "priced with another release" (batch: ``cells['unclassified']`` and the offices' ``listed``).
    """
    return other.listed or unclassified_line(item.code, item.row["description"], item.row["status"])


def unclassified_line(code: str, description: str, status: str) -> bool:
    """Whether a code the PFS does not pay has a reason of its own for the office: a not otherwise classified drug
    (J3490), an unlisted lab test (81099) or a code paid apart (G0008). Batch's ``cells['unclassified']`` too."""
    return (
        not_otherwise_classified_drug(code, description) is not None
        or unlisted_lab_test(code, status)
        or meanings.paid_apart_note(code) is not None
    )


# HCPCS level II ranges paid from schedules rvucalc does not install (CMS's HCPCS code set structure).
OTHER_SCHEDULES = (
    *meanings.PAID_APART.items(),  # exact codes: each one's own payment (vaccine administration ...)
    ("A0", "the ambulance fee schedule"),
    ("A4", "the DMEPOS fee schedule (supplies)"),
    ("B", "the DMEPOS fee schedule (enteral and parenteral nutrition)"),
    ("D", "dental services, which Medicare rarely covers"),
    ("E", "the DMEPOS fee schedule (durable medical equipment)"),
    ("K", "the DMEPOS fee schedule (DME MAC temporary codes)"),
    ("L", "the DMEPOS fee schedule (orthotics and prosthetics)"),
    ("P", "the clinical laboratory fee schedule (pathology and laboratory)"),
    # Q5 codes are biosimilar biologicals, paid from the ASP payment limits (a trial found Q5149 "paid from
    # Medicare's temporary codes", which names a code set, not a schedule).
    ("Q5", "the Part B drug payment limits (ASP: Q5 codes are biosimilar biologicals)"),
    (
        "Q",
        "the schedule of their kind (Q codes are Medicare's temporary codes, drugs and biologicals among them paid "
        "from the ASP payment limits)",
    ),
    # V2 codes are vision items (eyeglasses, contact lenses, prosthetic lenses: DMEPOS). Not the V5 codes: hearing aids
    # and their services are excluded by statute (``meanings.hearing_aid_exclusion_note``), and V5336-V5364 (speech-
    # language screening, communication device repair) are the RVU file's status N: not covered, as any status N code.
    ("V2", "vision and hearing services"),
)
# Of those schedules, the ones rvucalc installs: a code they do not list is not on the installed file, which is what
# the note says (a trial: A4550 was said to be paid from "the DMEPOS fee schedule, which rvucalc does not install").
INSTALLED_SCHEDULE_FILES = {"A4": "DMEPOS", "B": "DMEPOS", "E": "DMEPOS", "K": "DMEPOS", "L": "DMEPOS", "P": "CLFS",
                            "Q5": "ASP", "Q": "ASP"}  # fmt: skip


# The A0 range (HCPCS "Transportation services including ambulance") is not all the ambulance fee schedule's: the RVU
# file marks its transport levels and mileage A0425-A0436 status X (paid outside the PFS), and the rest status I ("not
# valid for Medicare purposes": taxi, escort, meals and lodging A0080-A0210, the pre-2002 BLS/ALS mileage and supply
# codes A0380-A0398, waiting time A0420, oxygen A0422, extra attendant A0424, and A0998, "ambulance response and
# treatment, no transport") or N (A0888, noncovered mileage). Medicare's ambulance benefit is a transport (SSA
# §1861(s)(7); Noridian, "Ambulance": "if there is no transport provided there is no payable service"). Such a line
# says its status's reason, never that the ambulance fee schedule pays codes like it (a rural hospital's trial:
# A0998 and A0888 were said to be "paid from the ambulance fee schedule, which rvucalc does not install").
AMBULANCE_RANGE_UNPAID_STATUSES = frozenset({"I", "N"})


def _schedule_tail(prefix: str, code: str) -> str:
    """After "paid from <schedule>": that rvucalc does not install it, or that its installed file does not list the
    code."""
    installed = INSTALLED_SCHEDULE_FILES.get(prefix)
    if installed is None:
        return "which rvucalc does not install"
    return f"and the installed {installed} files do not list {code} (ask your MAC)"


# A not otherwise classified (NOC) drug code: a J drug code whose descriptor says "unclassified", "NOC", "NOS",
# "not otherwise classified/specified" or "unspecified" (J3490 "Drugs unclassified injection", J3590, J7599 "...
# noc", J1599 "... nos", Q0181 "Unspecified oral anti-emetic"), and J9999, whose RVU file short descriptor
# ("Chemotherapy drug") drops the HCPCS long descriptor's "Not otherwise classified, antineoplastic drugs". Such
# codes are not on the ASP file: "contractor-priced when CMS does not provide pricing on the quarterly Not Otherwise
# Classified (NOC) pricing file", by WAC or invoice (Palmetto GBA, "Part B Unlisted Drugs and Biologicals", which
# refers to Pub. 100-04 ch. 17 §20.1.3, Exceptions to the ASP payment methodology; a MAC's page: CMS's manual text
# could not be read here). CGS: NOC drug claims carry the drug's name, NDC and dosage.
NOC_DESCRIPTOR = re.compile(r"\b(unclassified|noc|nos|not otherwise (?:classified|specified)|unspecified)\b", re.I)
# J codes are drugs throughout; of the Q codes only these are NOC drugs (a review found Q5009, a hospice place of
# service "nos", and Q4xxx skin substitutes told to give an NDC), and C9399 is the OPPS's unclassified drug.
NOC_BY_LONG_DESCRIPTOR = frozenset({"J9999", "Q0181", "C9399"})


def not_otherwise_classified_drug(code: str, description: str) -> str | None:
    """Why the office has no amount for a NOC drug the ASP file does not list (None: not such a code)."""
    if code in NOC_BY_LONG_DESCRIPTOR or (code[:1] == "J" and NOC_DESCRIPTOR.search(description or "")):
        return (f"{code} is a not otherwise classified drug: not on the ASP file. The MAC prices it (by NDC/invoice: "
                "the claim gives the drug's name, NDC and dose).")  # fmt: skip
    return None


# CPT's unlisted codes of the clinical laboratory subsections (urinalysis, molecular pathology, MAAA, chemistry,
# hematology, immunology, transfusion medicine, microbiology, in vivo): the RVU file lists them with status X ("not a
# physician service": a lab test is paid from the CLFS, Pub. 100-04 ch. 16 §10.2) and CMS's CLFS file has no row for
# them: the MAC prices the test (a test without a national CLFS amount is priced by the MAC, 42 CFR 414.508(b); CMS,
# "Gapfill Pricing Inquiries"). Not the anatomic pathology ones (88199, 88399, 89240: PFS status C, the MAC prices the
# physician service) nor 89398 (reproductive medicine: the CLFS lists none of its section's codes).
UNLISTED_LAB_CODES = frozenset({"81099", "81479", "81599", "84999", "85999", "86849", "86999", "87999", "88749"})


def unlisted_lab_test(code: str, status: str) -> bool:
    """Whether the code is an unlisted clinical laboratory test the PFS excludes (status X): the CLFS pays it, at the
    MAC's price (``UNLISTED_LAB_CODES``)."""
    return status == "X" and code in UNLISTED_LAB_CODES


def unlisted_lab_note(code: str) -> str:
    # "the MAC prices it" (modifiers.MAC_PRICES): a total with this line is not priced, as a contractor-priced line's
    # is, never "not payable" (the office site's status is not_priced, models.SiteStatus; a review found 81099 + 99213
    # in the office "not payable"). It ends as ``other_schedule_note``'s do (``is_other_schedule_note``).
    return (f"{code} is an unlisted laboratory test, paid from the clinical laboratory fee schedule: "
            f"{modifier_table.MAC_PRICES}, the installed CLFS files do not list {code} (ask your MAC).")  # fmt: skip


def other_schedule_note(code: str, description: str = "", status: str = "", year: int | None = None) -> list[str]:
    """For a code nothing installed pays: the schedule that pays codes like it, when CMS's code set says (a not
    otherwise classified drug: that the MAC prices it). None for a PFS status B code: its payment is always the other
    services' (its status says so; A4550, surgical trays, is no DMEPOS item)."""
    if status == "B":
        return []
    if status in AMBULANCE_RANGE_UNPAID_STATUSES and code.startswith("A0"):
        return []
    if status and meanings.DENTAL_CODE.fullmatch(code):
        # A dental code the PFS lists is the PFS's: status R (the MAC's price) has its row's note of the exclusion and
        # KX (engine.meanings.dental_coverage_note), status N (D9947, not covered) and I (D1720, not valid for
        # Medicare) their status's reason, as any code's, not a schedule rvucalc lacks.
        return []
    excluded = meanings.excluded_item_note(code, status)
    if excluded:
        return [excluded]
    unclassified = not_otherwise_classified_drug(code, description)
    if unclassified:
        return [unclassified]
    if unlisted_lab_test(code, status):
        return [unlisted_lab_note(code)]
    # An exact code (vaccine administration); a retired one on no row of the release (G0511 in 2026: no description)
    # is said to have ended, as ``not_listed_message`` says it.
    exact = (None if description else meanings.ended_paid_apart_note(code)) or meanings.paid_apart_note(code, year)
    if exact:
        return [exact]
    if status == "I":
        # PFS status I: "Not valid for Medicare purposes. Medicare uses another code for the reporting of and the
        # payment for these services" (CMS's RVU file documentation, RVU26C): its status's reason says so, not another
        # schedule's "ask your MAC". An urgent care trial's A4570 (splint; RVU26C: 'A4570,,Splint,I,...', on no row of
        # DMEPOS26_JAN, as no status I A, E, K or L code is) was sent to the MAC by `price A4570` with no word of I.
        return []
    like = _other_schedule(code)
    if like is not None:
        prefix, schedule = like
        return [f"{code}: codes like it are paid from {schedule}, {_schedule_tail(prefix, code)}."]
    return []


# ``OTHER_SCHEDULES`` by their prefixes' first character, in their order: a code can have only those (batch asks of
# every new row of a release, ~24,000 distinct codes on a million realistic lines: more than a cache of them holds).
_OTHER_SCHEDULES_BY_FIRST: dict[str, tuple[tuple[str, str], ...]] = {}
for _prefix, _schedule in OTHER_SCHEDULES:
    _OTHER_SCHEDULES_BY_FIRST[_prefix[:1]] = (*_OTHER_SCHEDULES_BY_FIRST.get(_prefix[:1], ()), (_prefix, _schedule))


def _other_schedule(code: str) -> tuple[str, str] | None:
    """The first of ``OTHER_SCHEDULES`` whose prefix the code has (its order decides: Q5 before Q)."""
    candidates = _OTHER_SCHEDULES_BY_FIRST.get(code[:1], ())
    return next(((prefix, schedule) for prefix, schedule in candidates if code.startswith(prefix)), None)


def is_other_schedule_note(note: str) -> bool:
    """Whether a line's note is ``other_schedule_note``'s: the code is paid from a schedule rvucalc lacks, or one whose
    installed file does not list it."""
    return "rvucalc does not install" in note or (note.endswith("(ask your MAC).") and " files do not list " in note)


def not_listed_message(message: str, code: str) -> str:
    """The unknown-code message, naming the schedule that pays codes like this one when CMS's code set says."""
    if "): deleted or replaced for " in message or "): deleted during " in message:
        # In an earlier year's files, not the line's year's (``lookup.lines.in_other_release``): that, never "codes
        # like it are paid from ..." (a trial: Q4100, in RVU25D, October 2025's Addendum B and ASC BB, was said to be
        # on none of the installed schedules).
        return message
    ended = meanings.ended_paid_apart_note(code)  # on no installed schedule: the release is after its end
    if ended is not None:
        return f"{code} is on none of the installed schedules (PFS, OPPS, ASC, CLFS, ASP, DMEPOS): {ended}"
    like = _other_schedule(code)
    if like is not None:
        prefix, schedule = like
        return (
            f"{code} is on none of the installed schedules (PFS, OPPS, ASC, CLFS, ASP, DMEPOS): "
            f"codes like it are paid from {schedule}, {_schedule_tail(prefix, code)}."
        )
    if code[4:] == "U" and code[:4].isdigit():
        return f"{code} is a proprietary laboratory analysis (PLA) code not on the installed CLFS. {message}"
    return message


def percent_hundredths(percent: Any) -> int:
    """An exact percent (Fraction) as hundredths of a percent: 15 -> 1500."""
    hundredths = percent * 100
    return int(hundredths)


def parse_state(text: str | None) -> str | None:
    """A two-letter USPS state or territory code (the DMEPOS fee schedule's columns), upper case, or a state's whole
    name (its code); else a UsageError of kind bad_state (a DME trial's batch row of state XX was the generic usage
    where a bad date is bad_date)."""
    if text is None or not text.strip():
        return None
    from rvucalc.lookup.locality_names import AMBIGUOUS_STATE_WORDS, written_state

    # A state's whole name ('Minnesota', 'new york': a DME supplier's export) is its USPS code (STATE_NAMES, the one
    # table of them): a trial's 'State' column of names made each DME row an error; and a name shortened so that it
    # names one state alone ('N. Carolina', 'So. Dakota', 'D.C.', 'Wash. DC': locality_names.written_state)
    code = text.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        code = written_state(text) or code
    if not re.fullmatch(r"[A-Z]{2}", code):
        ambiguous = AMBIGUOUS_STATE_WORDS.get(re.sub(r"[.,\s]", "", code))
        if ambiguous is not None:  # 'Carolina', 'Wash.': two states
            raise UsageError(
                f"{option('state')} {text!r} may be either of two states: give its postal code ({ambiguous}).",
                kind=ErrorKind.BAD_STATE,
            )
        raise UsageError(
            f"{option('state')} {text!r}: give the two-letter postal code, e.g. CA.", kind=ErrorKind.BAD_STATE
        )
    if code not in POSTAL_STATES:
        raise UsageError(
            f"{option('state')} {text!r} is not a US state or territory postal code (e.g. CA, NY, PR).",
            kind=ErrorKind.BAD_STATE,
        )
    return code


# An unknown ZIP's advice where the PFS is priced: a locality places it (compare's ASC/OPPS side replaces it:
# lookup.compare.FACILITY_ZIP_ADVICE, a locality giving those national rates).
ZIP_LOCALITY_ADVICE = f"Price by {option('locality')} instead (rvucalc localities{cli_only(' --state XX')} lists them)."


def unknown_zip_error(store: Store, zip5: str) -> NotFoundError:
    near = store.zips_near(zip5)
    hint = f" ZIPs nearby in the file: {', '.join(near)}." if near else ""
    return NotFoundError(
        f"ZIP {zip5} is not in CMS's ZIP5 file ({store.release.file('zip5').cms_name}).{hint} {ZIP_LOCALITY_ADVICE}",
        kind=ErrorKind.UNKNOWN_ZIP,
    )


def unknown_locality_error(store: Store, text: str) -> NotFoundError:
    return NotFoundError(
        f"Locality {text} is not in {store.release.release}. List them with: rvucalc localities"
        + cli_only(" --state XX"),
        kind=ErrorKind.UNKNOWN_LOCALITY,
    )


def locality_info(row: dict[str, Any]) -> LocalityInfo:
    return LocalityInfo.model_construct(
        locality=row["locality"],
        mac=row["mac"],
        locality_number=row["locality_number"],
        state=row["state"],
        name=row["name"],
        description=row["description"],
        gpci=Gpci.model_construct(
            work=decimal_at(row["gpci_work"], 1000),
            pe=decimal_at(row["gpci_pe"], 1000),
            mp=decimal_at(row["gpci_mp"], 1000),
        ),
        counties=row["counties"],
        counties_source=row["counties_source"],
    )


def _gpci(info: dict[str, Any]) -> tuple[int, int, int]:
    return info["gpci_work"], info["gpci_pe"], info["gpci_mp"]


def _location(info: dict[str, Any], zip_row: dict[str, Any] | None) -> Location:
    return Location.model_construct(
        locality=info["locality"],
        mac=info["mac"],
        locality_number=info["locality_number"],
        name=info["name"],
        state=info["state"],
        zip=zip_row["zip"] if zip_row else None,
        zip_state=zip_row["state"] if zip_row else None,
        rural=(zip_row["rural"] or None) if zip_row else None,
        rural_meaning=location_rural_meaning(zip_row["rural"]) if zip_row else None,
        counties=info["counties"],
        counties_source=info["counties_source"],
    )
