"""Batch pricing: a table of claim lines in, the same rows priced out.

``BatchPricer.price_table`` is a pure function of one partition of lines (an Arrow
table of text cells) and the reference tables, so it runs the same on streamed
chunks and on Dask partitions (``price_frame`` wraps it for pandas).

There is one implementation of each rule, shared with single lookups:

- each distinct code cell is checked by ``lookup.lines.resolve_line`` (the same
  parsing, validation, error texts and kinds, and CMS row as ``rvucalc price``);
- each distinct ZIP or locality by ``lookup.pricer``'s place rules and messages;
- lines with payment-policy modifiers or anesthesia codes are priced per distinct
  (line, locality) by ``lookup.lines.prepare`` + ``apply_rules``;
- every other amount comes from ``engine.kernels`` on whole integer columns: the PFS
  formula, the OPPS imaging cap, the payable statuses, the OPPS/ASC wage adjustment
  and copayment cap, the site totals and the patient's and Medicare's shares.

Every input row comes out once, in order, priced or with its ``error`` and ``error_kind``.

A priced row's ``note`` is exactly what the single lookup of the same line says, in its order
(``tests/test_differential.py`` checks it line by line): the lookup's ``warnings`` (batch alone says when a
line of a dated file has no date, or a line of a file with a place column no ZIP or locality); then its ``notes``
less the run's notes (``batch.lines.run_notes``: the Part B deductible, the same on every line of a
year, is kept in the table's metadata and said once in the run summary); then the notes of its CLFS, ASP
or DMEPOS amounts (the lookup's ``clfs``, ``drug``, ``dmepos`` notes); then the rules of its PFS settings'
adjustments (``pfs_adjustments``: 80 at 16%, the OPPS imaging cap ...); then why amounts are blank:
the reason of each PFS setting without an amount, then, for a row set in a hospital outpatient
department or an ASC that does not pay the code, that facility's reason. Each text once, joined with
'; '. A row with an error has no note. Parts are built per distinct value (code cell, ZIP, date ...)
into named slots (``batch.lines.NOTE_SLOTS``) and joined at the end in that order; every text comes
from the function or constant the single lookup uses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import operator
import re
import sys
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from rvucalc.batch import encounter_arrays
from rvucalc.batch.arrow_columns import (
    bool_array,
    int64_array,
    int_values,
    money_array,
    string_array,
    strings_of,
    text_scalar,
    valid_of,
    values_of,
)
from rvucalc.batch.cells import CellTable, CellView
from rvucalc.batch.claims import (
    OPPS_ELSEWHERE,
    OPPS_PREFIX,
    billing_entity,
    claim_runs,
    mark_reversals,
    price_claims,
)
from rvucalc.batch.lines import (
    ANOTHER_RELEASE_KEY,
    BILL_BESIDE_KEY,
    BILLING_ENTITY_KEY,
    BLANK_PLACE_WARNING,
    BLANK_SETTING_NOTE,
    CLINIC_BILLED_KEY,
    COUNTED_UNPRICED_KEY,
    FACILITY_BILL_KEY,
    FACILITY_MISSING_KEY,
    FACILITY_MISSING_PROFESSIONAL_KEY,
    FACILITY_NATIONAL_KEY,
    FACILITY_PROFESSIONAL,
    FACILITY_WAGE_CHOICE_KEY,
    INPUT_COLUMNS,
    KINDS,
    MARKED_KEY,
    MARKED_NOTES,
    MAX_UNITS,
    MONEY_COLUMNS,
    NATIONAL,
    NATIONAL_KEY,
    NO_STATUS_T_PART,
    NOT_PRICED_BY_YEAR_KEY,
    OPPS_ONE_SIDE_KEY,
    OUTPUT_COLUMNS,
    PAID_BY_LINE_KEY,
    PAYABLE_BESIDE_T,
    PRACTICE_CLAIM_KEY,
    REVENUE_CODE_ONLY_KEY,
    REVERSED_KEY,
    RUN_NOTES_KEY,
    SCHEDULE_MISSING_KEY,
    SITE_NAMES,
    SITES,
    STAFF_PROVIDER_KEY,
    STATUS_T_LINE,
    TWO_ENTITY_CLAIMS_KEY,
    UNREAD_PAID_KEY,
    UNREAD_PROVIDER_KEY,
    CodeCells,
    Lines,
    Texts,
    _Code,
    anesthesia_input,
    blank_date_warning,
    ids_and_inverse,
    kind_id,
    normalize_columns,
    parse_lines,
    run_notes,
)
from rvucalc.batch.lookups import RememberingStore, bare_error, money_cents
from rvucalc.batch.reference import (
    FacilityReference,
    PfsReference,
    facility_reference,
    pfs_reference,
    wage_reference,
)
from rvucalc.batch.schedules import Office, Offices, OfficeTable, ScheduleTerms
from rvucalc.engine.facility import (
    ASC_NOT_LISTED,
    ASC_NOTE_SETTINGS,
    CONDITIONAL_SEVERAL_FIGURES,
    DEVICE_CREDIT_MODIFIERS,
    DEVICE_CREDIT_NO_EFFECT,
    FACILITY_53_NOTE,
    FACILITY_53_SETTINGS,
    LOWER_PAID_PERCENT,
    NO_LATER_UNITS_RULE,
    OPPS_BILATERAL_NOTE,
    OPPS_DEVICE_OFFSET_NOTE,
    OPPS_TWO_UNITS_NOTE,
    PACKAGED_PERCENT,
    apc_adjusted_mills,
    asc_ira_note,
    copayment_within_waiver,
    device_intensive_note,
    facility_free_line,
    facility_free_note,
    hospital_remit_only,
    ira_note_for_units,
    later_units_note,
)
from rvucalc.engine.facility_meanings import OPPS_NOT_WAGE_ADJUSTED, OPPS_PACKAGED
from rvucalc.engine.hopd_therapy import (
    HOPD_DSMT_NOTE,
    HOPD_PFS_DSMT,
    HOPD_PFS_MAMMOGRAPHY,
    HOPD_THERAPY_NOTE,
    THERAPY_PCTC,
    hopd_mammography_note,
    is_therapy_code,
    pays_hopd_mammography,
    pays_hopd_therapy,
    therapy_opps_reason,
)
from rvucalc.engine.hospitals import (
    MARYLAND_OPPS_NOTE,
    MARYLAND_OPPS_REASON,
    MARYLAND_WAGE_INDEX_UNUSED,
    RURAL_SCH,
    RURAL_SCH_ADD_ON_NOTE,
    RURAL_SCH_ADDED,
    RURAL_SCH_ADDED_SIS,
    RURAL_SCH_NOT_ADDED,
    RURAL_SCH_NOT_ADDED_NOTE,
    hospital_name,
    maryland_place,
    rural_sch_line,
    rural_sch_mills,
)
from rvucalc.engine.kernels import (
    COINSURANCE_PERCENT,
    NO_CAP,
    NO_LATER_PROFESSIONAL,
    NO_MEDICARE_SHARE,
    SECTION_603_MEDICARE_SHARE,
    TERMINATED_ONE_UNIT,
    WAGE_INDEX_SCALE,
    asc_less_device,
    asc_rate,
    capped_fee,
    claims_sequestered,
    coinsurance,
    fee_cents,
    is_contractor_priced,
    is_paid_status,
    later_units_cut,
    limiting_charge,
    non_par_amount,
    non_par_shares,
    opps_coinsurance,
    opps_copayment,
    opps_copayment_after,
    opps_rate,
    opps_rvu_units,
    opps_scaled,
    opps_unrounded_rate,
    percent_of,
    professional_line_cut,
    round_half_up,
    site_shares,
    what_if_opps_cap,
)
from rvucalc.engine.meanings import (  # vaccines: the ASP file's to pay
    FACILITY_DRUG_TABLES,
    facility_drug_asp_warning,
    facility_drug_office_note,
    is_vaccine_product,
    maryland_drug_office_note,
    paid_from_note,
    paid_outside_the_pfs,
)
from rvucalc.engine.modifiers import FACILITY_MODIFIERS, ModifierNotApplicable, check_dmepos_listed
from rvucalc.engine.pfs import (
    ALWAYS_THERAPY,
    AT_PLACE_REASONS,
    GLOBAL_WITH_COMPONENTS,
    INCIDENT_TO,
    NATIONAL_GPCI,
    OPPS_C_CODE_REASON,
    TECHNICAL_ONLY,
    codes_instead,
    is_opps_c_code,
    not_priced_reason,
    technical_only_at_place_reason,
)
from rvucalc.engine.place_of_service import (
    CLINIC_BILLED_CLAUSES,
    CLINIC_CARE_MANAGEMENT_CODES,
    CLINIC_PFS_CLAUSE,
    CLINIC_VENIPUNCTURE_CODES,
    CLINIC_VISIT_CODES,
    OLD_POS_NAME_NOTE,
    TELEHEALTH_LIST_NOTE,
    TELEHEALTH_POS,
    clinic_care_management,
    clinic_venipuncture,
    clinic_visit,
    place_note_for_line,
    snf_therapy_place,
    without_pfs_amount,
)
from rvucalc.engine.policy import (
    BILATERAL,
    GLOBAL_TEST_ONLY,
    GLOBAL_TEST_PARTS,
    IMAGING_CAP_RULE,
    PFS_PAYABLE_BESIDE_T,
    STATUS_T,
    factor_form,
)
from rvucalc.engine.preventive import NO_WAIVER_NOTES
from rvucalc.engine.schedules import INSULIN_PUMP_NOTE
from rvucalc.engine.visits import lone_line_notes
from rvucalc.errors import ErrorKind, NotFoundError, RvucalcError, UsageError
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup import paid_for as paid_for_rule
from rvucalc.lookup.credentials import ASSISTANT_MODIFIERS, assistant_kind, implied_assistant_error
from rvucalc.lookup.dates import parse_service_date
from rvucalc.lookup.pricer import (
    ASC_RATE_NATIONAL,
    IMAGING_CAP_NATIONAL_NOTE,
    NO_CBSA_WARNING,
    SEQUESTRATION_NOTE,
    THERAPY_MULT_PROC,
    UNITS_NOTE_INDICATORS,
    given_wage_warning,
    locality_id,
    locality_read_as,
    not_otherwise_classified_drug,
    other_schedule_note,
    parse_zip,
    unclassified_line,
    units_note,
    unknown_locality_error,
    unknown_zip_error,
    zip_split_warning,
)
from rvucalc.lookup.schedules import excluded_drug
from rvucalc.reference.releases import Release, row_warnings

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from rvucalc.lookup.pricer import Pricer
    from rvucalc.models import PfsResult
    from rvucalc.reference.store import Store

__all__ = ["INPUT_COLUMNS", "MONEY_COLUMNS", "OUTPUT_COLUMNS", "SITES", "BatchPricer", "normalize_columns"]

NO_PLACE, BAD_PLACE = -1, -2  # a row's locality position: none given (national), or an error


@dataclass
class _PfsArrays:
    """A PFS release's reference columns as numpy arrays, plus its lookups."""

    reference: PfsReference
    status: np.ndarray
    rvu: dict[str, np.ndarray]
    gpci: tuple[np.ndarray, np.ndarray, np.ndarray]
    zip_locality: np.ndarray
    plus4: np.ndarray
    cap_key: np.ndarray
    caps: dict[str, np.ndarray]
    wage_index: np.ndarray  # per ZIP; -1: none
    wage_warning: pa.Array  # per ZIP; '' when it has a wage index
    wage_choices: pa.Array  # per ZIP; its wage indexes ('6471,7158') where its area has several (engine.wage_choices)
    county_note: pa.Array  # per ZIP; '' unless it spans counties (geography.resolve's note: the county used)
    localities: list[str]
    zips: pa.Array
    rvu_keys: list[str]
    locality_position: dict[str, int] = field(default_factory=dict)
    rvu_position: dict[str, int] = field(default_factory=dict)
    _zip_position: dict[str, int] | None = None
    _zip_of_number: np.ndarray | None = None
    # Per RVU row: the row whose facility setting a line of it is priced from there, its professional component's for
    # a global diagnostic test (lookup.lines.component_row), else its own position (pfs_fees' facility fee).
    facility_row: np.ndarray | None = None
    # Per RVU row and setting (lookup.lines.SETTINGS' order): lookup.lines.payable_in, on whole columns (the status,
    # contractor pricing and 'NA' marks _pfs_amounts prices by, and facility_row), for batch.claims' facts of a row.
    payable: tuple[np.ndarray, np.ndarray] | None = None
    # The states of CMS's ZIP5 file as written, and per ZIP its state's position in them (ScheduleTerms.zip_states)
    zip_states: tuple[list[str | None], np.ndarray] | None = None
    # The RVU file's OPPS columns and each row's TC row (opps_rvus): read only for a what-if CF's imaging cap.
    _opps_rvus: dict[str, np.ndarray] | None = None

    def __post_init__(self) -> None:
        self.locality_position = {code: i for i, code in enumerate(self.localities)}
        self.rvu_position = {key: i for i, key in enumerate(self.rvu_keys)}

    @property
    def zip_position(self) -> dict[str, int]:
        """ZIP5 -> its row, for the ZIP cells that are not a ZIP5 of the release as written (``_places_of``
        finds those on arrays): built only when a file has one."""
        if self._zip_position is None:
            self._zip_position = {code: i for i, code in enumerate(strings_of(self.zips))}
        return self._zip_position

    def zip_of_number(self) -> np.ndarray | None:
        """Per ZIP5 as a number (00000-99999): its row (-1: not the release's); None when a ZIP of the release is not
        five ASCII digits, or is listed twice (``_places_of`` then looks the texts up on arrays)."""
        import numpy as np

        if self._zip_of_number is None:
            numbers = _zip_numbers(strings_of(self.zips))
            found = np.full(ZIP5_NUMBERS, -1, dtype=np.int64)
            found[numbers[numbers >= 0]] = np.flatnonzero(numbers >= 0)
            whole = bool((numbers >= 0).all()) and int((found >= 0).sum()) == len(numbers)
            self._zip_of_number = found if whole else np.zeros(0, dtype=np.int64)
        return self._zip_of_number if len(self._zip_of_number) else None

    def opps_rvus(self) -> dict[str, np.ndarray]:
        """Per RVU row, int64: the RVU file's OPPS PE (non-facility, facility) and MP RVUs (hundredths), and
        ``tc_row``, the position of its code's TC row (the row itself for a TC row, or when the code has none:
        lookup.lines._what_if_cap's). Read on first use: only a what-if CF's OPPS imaging cap needs them
        (engine.kernels.WHAT_IF_OPPS_CAP)."""
        import numpy as np

        if self._opps_rvus is None:
            rvu = self.reference.rvu
            columns = {name: values_of(rvu[name]).astype(np.int64) for name in ("opps_nonfac_pe", "opps_fac_pe",
                                                                                "opps_mp")}  # fmt: skip
            hcpcs, modifier = _texts_array(rvu["hcpcs"]), _texts_array(rvu["modifier"])
            own = np.arange(len(hcpcs), dtype=np.int64)
            tc = np.flatnonzero(modifier == "TC")
            tc = tc[np.argsort(hcpcs[tc], kind="stable")]  # a code's one TC row, by code
            at = np.minimum(np.searchsorted(hcpcs[tc], hcpcs), max(len(tc) - 1, 0))
            found = hcpcs[tc][at] == hcpcs if len(tc) else np.zeros(len(hcpcs), dtype=bool)
            columns["tc_row"] = np.where(found, tc[at] if len(tc) else own, own)
            self._opps_rvus = columns
        return self._opps_rvus


@dataclass(eq=False, slots=True)  # mutable only to keep what batch.claims learns of it
class _Resolved:
    """A distinct code cell checked against one release: CMS's row (position) or the error."""

    row: int = -1
    code: str = ""
    needs_rules: bool = False
    error: RvucalcError | None = None
    modifiers: tuple[str, ...] = ()
    outside: bool = False  # the PFS does not list the code: priced from the other schedules, or the error
    professional: bool = False  # CMS's 26 row
    coinsurance: int = COINSURANCE_PERCENT * 100  # the patient's share (hundredths of a percent): preventive waivers
    pfs_pays: bool = False  # lookup.lines.paid_from_rvus: the other schedules are not consulted
    claim_info: Any = None  # what batch.claims' rules need of it, once asked
    waiver: str = ""  # a preventive waiver's reason
    shared: Any = None  # the _Row it shares with the cells of its code and paying modifiers
    provider: str = "physician"  # who bills it (batch.lines._Code.provider)


# Not frozen: a frozen dataclass's __init__ sets each of its 19 fields through object.__setattr__, and a million
# realistic lines make ~50,000 (a tenth of the time of a new cell's row). Nothing assigns to one once made.
@dataclass(eq=False, slots=True)
class _Row:
    """A code with its paying modifiers (all but the informational) checked against one release: what the
    cells that differ only by informational modifiers share."""

    row: int = -1  # CMS's row (position in the release's PFS arrays)
    needs_rules: bool = False
    professional: bool = False  # CMS's 26 row
    pfs_pays: bool = False  # lookup.lines.paid_from_rvus
    imaging_cap: bool = False  # multiple procedure indicator 4
    other_schedules: bool = False  # the CLFS, ASP or DMEPOS may pay it
    facility_modifiers: bool = False  # a modifier that changes the OPPS or ASC rate
    error: RvucalcError | None = None
    outside: bool = False  # the PFS does not list the code
    code: str = ""
    paying: tuple[str, ...] = ()
    number: int = -1  # its number among the release's rows (its cells' and batch.claims' facts are per number)
    other_note: int = 0  # text id: when nothing installed pays the code, the schedule that pays codes like it
    unclassified: bool = False  # a not otherwise classified drug (its other_note says so when the office has no amount)
    therapy: bool = False  # a therapy code, multiple procedure indicator 5 or PC/TC 7 (lookup.lines.line_notes)
    plan_notes: bool = False  # multiple procedure indicator 5: its therapy plan notes (lookup.lines.line_notes)
    no_plan_note: bool = False  # status B or I: no "not an always-therapy code" note (lookup.lines.line_notes)
    row_notes: int = 0  # text id: its notes on its row (lookup.lines.row_notes)
    provider: str = (
        "physician"  # who bills it: an NP's, PA's or CNS's row runs the rules (their 85%, no limiting charge)
    )
    pctc: str = ""  # its PC/TC indicator: a GV cell's note (lookup.lines.line_notes' components)


_ROW_FIELDS = operator.attrgetter(*(item.name for item in dataclasses.fields(_Row)))
_ROW_NUMBER = [item.name for item in dataclasses.fields(_Row)].index("number")


def _row_at(row: _Row, position: int, number: int) -> _Row:
    """``row`` at another release's position and number (``dataclasses.replace``, without its look-up of the fields
    at each call: ~15,000 calls on a million realistic lines)."""
    values = _ROW_FIELDS(row)  # ``row`` is the first field
    fields: list[Any] = [position, *values[1:_ROW_NUMBER], number, *values[_ROW_NUMBER + 1 :]]
    return _Row(*fields)


@dataclass(frozen=True, slots=True)
class _RuleAmounts:
    """A line priced by the payment rules (one distinct line at one place)."""

    cents: dict[str, int | None]  # pfs_*_amount / pfs_*_limiting_charge -> cents (None: not payable)
    notes: tuple[str, ...] = ()  # the line's notes
    reasons: tuple[str, ...] = ()  # why a PFS setting has no amount
    adjustments: tuple[str, ...] = ()  # the rules of its PFS settings' adjustments (pfs_adjustments)
    error: RvucalcError | None = None


PAID_FOR = paid_for_rule.PAID_FOR  # one rule with ``rvucalc price --paid-for`` (lookup.paid_for)
# What ``--paid-for facility`` compares a paid column with (the rows' ``expected``; the summary's facility_claims): the
# facility's own claim at a hospital outpatient department or an ASC, its OPPS or ASC payment after the encounter rules
# alone. A site's allowed amount is the facility's payment plus the physician's PFS facility fee (engine.kernels.
# site_shares; professional_allowed), each billed on its own claim: a hospital's UB-04 (837I) is paid the OPPS rate, the
# physician's CMS-1500 the PFS facility rate ("split billing": CMS, 79 FR 66910, as HCPro's Medicare Insider of
# 2015-09-08 quotes it; the facility rate: Claims Processing Manual ch. 12 §20.4.2), and an ASC's facility fee apart
# from the surgeon's, whose "professional rate is then adjusted since the ASC incurs the facility costs" (Benefit Policy
# Manual ch. 15 §260). So the facility's part is allowed less professional_allowed, its shares likewise (a hospital's
# outpatient therapy, which the PFS pays the hospital, is the hospital's whole amount).
FACILITY_CLAIM = "facility_claim_allowed"
PAID_NOT_AT_FACILITY = (
    "Paid amount not compared: --paid-for facility compares a hospital outpatient department's or ASC's payment, and "
    "this row's place of service has no facility payment (its allowed amount is the PFS's: --paid-for site or "
    "professional compares it)."
)
PAID_AT_OTHER_FACILITY = (
    "Paid amount not compared: --paid-for facility compares a hospital outpatient department's or ASC's payment, and "
    "this row's place of service is paid its facility fee under another payment system (an inpatient stay's DRG, a "
    "SNF's PPS ...), which rvucalc does not price."
)
ANOTHER_RELEASE = "is not installed: priced with"  # reference.releases' warning: another release priced the line
PAID_NOT_COMPARED = "Paid amount not compared: this line has no allowed amount (the notes say why)."
PAID_WITHOUT_SETTING = "Paid amount not compared: the file has no place of service column to choose an allowed amount."
# A row whose charge is below the amount it is compared with (BatchPricer._lesser_of_charge: Medicare allows the lower,
# lookup.paid_for.LESSER_OF_CHARGE_RULES): what it allows, and the shares of it. No '; ' (notes are joined with it).
CHARGE_BELOW_NOTE = ("Billed {charge} is below {what} {amount}: Medicare allows the lower, {charge} ({rule}), "
                     "{patient}, {medicare}")  # fmt: skip
CHARGE_BELOW_WORDS = ": Medicare allows the lower, "  # counted by (CHARGE_BELOW_KEY)
# A priced table's schema metadata: how many of its rows' charge is below the amount compared (CHARGE_BELOW_NOTE)
CHARGE_BELOW_KEY = b"rvucalc.charge_below"
CHARGE_BELOW_CENTS_KEY = b"rvucalc.charge_below_cents"  # by how much those rows' charges are below, in all (cents)
# A contract run's row (--percent-of-medicare) whose charge is below its contract amount (BatchPricer.
# _charge_below_contract): expected stays the contract's, as README says (a contract's own terms, such as a lesser of
# billed charges and its rate, are not known), but the row says so, and Medicare's own rule where the charge is below
# the fee schedule amount too (lookup.paid_for.LESSER_OF_CHARGE_RULES): a contract analyst's 36415 billed $5.00 was
# "underpaid" $4.81 against 105% of $9.34 with no word of its charge, read as charge_as_read. No '; ' (notes are joined
# with it). A row with no paid amount (a run with no paid column, or its cell blank) has no expected: its note says
# the contract amount stays (CHARGE_BELOW_CONTRACT_KEPT), where a charge-only run's rows said "expected stays".
CHARGE_BELOW_CONTRACT_NOTE = ("Billed {charge} is below the contract amount {contract}: {kept} (a contract that pays "
                              "the lesser of billed charges and its rate pays {charge}){medicare}")  # fmt: skip
CHARGE_BELOW_CONTRACT_KEPT = ("expected stays the contract amount", "the contract amount stays {contract}")
CHARGE_BELOW_CONTRACT_MEDICARE = ", and Medicare allows the lower of the charge and {what} {amount}, {charge} ({rule})"
CHARGE_BELOW_CONTRACT_WORDS = "is below the contract amount"  # counted by (CHARGE_BELOW_CONTRACT_KEY)
CHARGE_BELOW_CONTRACT_KEY = b"rvucalc.charge_below_contract"
CHARGE_BELOW_CONTRACT_CENTS_KEY = b"rvucalc.charge_below_contract_cents"  # contract amounts less charges (cents)
# A contract rate column's amount as a percentage of the row's allowed amount (an MA contracting analyst's 'Contract
# Rate'), after the other columns, where the input has one: contract / allowed x 100, 2 decimals, rounded half-up once;
# blank where the row has no allowed amount (or $0.00) or no contract rate.
CONTRACT_PERCENT = "contract_percent_of_medicare"
CHARGE_AS_READ = "charge_as_read"  # the charge column's amount as read, after the other columns, where it has one


def _dollars(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def _percent(hundredths: int) -> str:
    return f"{hundredths // 100}%" if hundredths % 100 == 0 else f"{hundredths / 100:g}%"


PAID_NATIONAL = (
    "Paid amount not compared: national amounts (no ZIP or locality) are not what Medicare pays (it pays by locality)."
)
# A hospital's or ASC's rate is the national one wage-adjusted by the place's wage index (kernels.opps_rate, asc_rate:
# payment-rules.md sections 2 and 3): priced without one (no single wage index for the place) it is no more what
# Medicare pays than a national PFS amount. (Without a ZIP or locality the row says PAID_NATIONAL.)
PAID_FACILITY_NATIONAL = (
    "Paid amount not compared: the hospital's or ASC's rate here is the national rate (no wage index for the place: "
    "the notes say why), not what Medicare pays (it pays by the wage index)."
)
PAID_FOR_PROFESSIONAL_HINT = (
    "A physician's remittance is compared with professional_allowed with --paid-for professional."
)
PAID_AT_FACILITY_NOTE = (
    "Paid amounts at a hospital outpatient or ASC place of service are compared with the site's whole allowed "
    "amount (the facility's fee and the physician's). If the paid column is a physician's remittance, use "
    "--paid-for professional."
)
# The same where the rows compared so carry a facility's revenue code (Lines.revenue_coded), the UB-04's line field,
# Form Locator 42 (Claims Processing Manual ch. 25 §75.4), which a practitioner's CMS-1500 has no field for: the paid
# column may be the hospital's or ASC's remittance, which pays the facility alone (--paid-for facility), and the note
# says so beside --paid-for professional. A wound center's trial: a hospital export without a type of bill column,
# every line with its revenue code (G0463 and 11042-RT on 0510, G0277 x 4 on 0413, POS 22, ZIP 30309, 2025-11-03),
# compared the hospital's $323.67 paid for 11042 with the site's whole ($371.14 Medicare's share) and read it
# "underpaid" $47.47, stderr's one advice --paid-for professional, which compares it with the physician's $59.34.
PAID_AT_FACILITY_REVENUE_NOTE = (
    "Paid amounts at a hospital outpatient or ASC place of service are compared with the site's whole allowed "
    "amount (the facility's fee and the physician's). Rows of them carry a facility's revenue code, a UB-04's line "
    "field (a practitioner's CMS-1500 has none: Claims Processing Manual ch. 25 §75.4): if the paid column is the "
    "hospital's or ASC's remittance, use --paid-for facility (its OPPS or ASC payment: allowed less "
    "professional_allowed); if it is a physician's remittance, use --paid-for professional."
)
# The same where the site is a UB-04's type of bill (batch.columns.TYPE_OF_BILL): the claim is the hospital's or the
# ASC's own (a UB-04 / 837I is an institutional claim, the physician bills on a CMS-1500 / 837P), so its remittance
# pays the facility's OPPS or ASC payment alone, which --paid-for facility compares (a trial's UB-04 remit was told to
# use --paid-for professional). Suggested, not made the default: the default compares the site's whole allowed amount.
PAID_AT_FACILITY_BILL_NOTE = (
    "Paid amounts at a hospital outpatient department or ASC are compared with the site's whole allowed amount (the "
    "facility's fee and the physician's). The site comes from {column}, a UB-04's type of bill: a hospital's or ASC's "
    "own claim, whose remittance pays the facility alone: use --paid-for facility (its OPPS or ASC payment: allowed "
    "less professional_allowed)."
)

# Without --paid-for (its default, site), a row that says whose claim it is compared with that claim's amount
# (BatchPricer._paid_for_by_line), as --paid-for professional or facility would compare it, and its note says so: a
# practitioner's line (lookup.paid_for.PROFESSIONAL_CLAIM_MODIFIERS) at a hospital or ASC, and a row whose setting is a
# facility's own type of bill (13x, 83x: a UB-04, engine.place_of_service.facility_bill). An explicit --paid-for is
# every row's. With --percent-of-medicare the contract is of what --paid-for says for every row, as `rvucalc price`
# prices it (lookup.pricer.contract_of: one basis for the run), and the paid amount is compared with that contract.
# A code no facility is paid for at the row's site (BatchPricer._no_facility_here): its pseudo PC/TC indicators (never
# CMS's: 0-9 are theirs) and what the note says of the line.
NO_ASC_PAYS, NO_HOSPITAL_PAYS = 20, 21
NO_FACILITY_PAYS = {
    NO_ASC_PAYS: "{code}, on neither ASC list (Addendum AA, BB: no ASC payment for it),",
    NO_HOSPITAL_PAYS: "{code}, which the hospital does not bill itself (Addendum B's SI B or M, or none),",
}
PAID_AS_PROFESSIONAL_NOTE = (
    "Paid amount compared with professional_allowed (the physician's claim: no facility fee), as "
    "--paid-for professional compares it, not the site's whole allowed amount: {what} is billed on the "
    "practitioner's own claim alone (--paid-for site compares the whole)."
)
# The same for a claim's other lines at a hospital or ASC (BatchPricer._practitioners_claim_lines): a claim (one claim
# id) that carries a practitioner's line is the practitioner's claim (CMS-1500 / 837P), every line of it (a cardiology
# trial's claim of 93458-26 and 92928 at POS 22 compared 92928's physician's payment, $548.36, with the site's whole,
# $11,528.98, the hospital's OPPS payment included: "underpaid" $10,980.62). {line}: the carrying line ('93458-26').
PAID_BY_CLAIM_NOTE = (
    "Paid amount compared with professional_allowed (the physician's claim: no facility fee), as "
    "--paid-for professional compares it, not the site's whole allowed amount: its claim carries {line}, {what}, "
    "which only a practitioner's own claim bills, so the claim is the practitioner's (--paid-for site compares the "
    "whole)."
)
# A line at a hospital or ASC on a claim id whose facility's own bill (type of bill 13x, 83x; the ASC by its provider
# or billing provider) is on other rows (BatchPricer._beside_facility_bill): the facility's rows are its own claim,
# priced apart (batch.claims.billing_entity), so the rest are the practitioner's claim, the facility's payment not
# theirs. An eye group's trial: a surgeon's 66821-LT at POS 24 (ZIP 33609, 2026-08-04) beside the ASC's own 66821-LT
# under one encounter was compared with the site's whole, $559.10, the ASC's $286.52 in it, and read "underpaid".
PAID_BESIDE_BILL_NOTE = (
    "Paid amount compared with professional_allowed (the physician's claim: no facility fee), as "
    "--paid-for professional compares it, not the site's whole allowed amount: its claim id's hospital or ASC lines "
    "are the facility's own claim, priced apart, so this line is the practitioner's claim's (--paid-for site compares "
    "the whole)."
)
# A line at the ASC (POS 24) billed by a practice (its 'Billing Provider' given and no ASC's) in a file whose ASC's own
# lines are told apart by their billing provider (Lines.practice_billed): a Medicare ASC bills its own claim with POS
# 24, the MAC telling its lines from the surgeon's by the billing provider (Claims Processing Manual ch. 14 §50, ch. 26
# §10.7), so the practice's claim is the practitioner's, the ASC's payment not in it. An interventional pain practice's
# trial: the surgeon's 64635-LT and 64636-LT at POS 24 (ZIP 85251, 2026-08-11), the ASC's own bill under another
# encounter number, were compared with the site's whole ($967.27 Medicare's share, the ASC's $763.37 in it) and the
# claim read "underpaid" by $1,145.06 when paid the physician's fee to the cent.
PAID_BY_PRACTICE_NOTE = (
    "Paid amount compared with professional_allowed (the physician's claim: no facility fee), as "
    "--paid-for professional compares it, not the site's whole allowed amount: its billing provider is no ASC, beside "
    "rows whose billing provider is the ASC's own claim, so this line is the practice's claim (--paid-for site "
    "compares the whole)."
)
# With --paid-for facility, the same practice's line (Lines.practice_billed) is no line of the facility's claim: the
# surgeon bills his service at the ASC at the PFS facility amount on his own claim (Claims Processing Manual ch. 12
# §20.4.2), the ASC its facility fee on its own, told apart by the billing provider (ch. 14 §50, ch. 26 §10.7). A
# review's encounter of a practice's 64483 and 64493 at POS 24 (ZIP 85251, 2026-08-11) beside the ASC's own rows of
# them was compared, each, with the ASC's payment, and --summary's facility_claims counted the ASC's $732.53 twice
# ($1,465.06). Not compared, in no facility claim's total.
PAID_PRACTICE_NOT_FACILITY_NOTE = (
    "Paid amount not compared: --paid-for facility compares the facility's own claim lines, and this line's billing "
    "provider is no ASC, beside rows whose billing provider is the ASC's own claim, so it is the practice's claim "
    "(the practitioner's PFS facility fee; the ASC bills its facility fee on its own claim: Claims Processing Manual "
    "ch. 14 §50), in no facility claim's total (--paid-for professional compares it)."
)
PAID_AS_FACILITY_NOTE = (
    "Paid amount compared with the facility's payment (its OPPS or ASC payment: allowed less "
    "professional_allowed), as --paid-for facility compares it, not the site's whole allowed amount: {claim}, which "
    "pays no physician's fee (--paid-for site compares the whole)."
)
# Whose claim a facility's own row is (PAID_AS_FACILITY_NOTE's {claim}): a hospital's UB-04 (13x); an 83x, a UB-04 a
# Medicare ASC does not send (it bills on the 837P / CMS-1500 with POS 24: Claims Processing Manual ch. 14 §50); and
# the ASC's own line read by its provider cell (lookup.credentials.asc_provider: 'ASC', specialty 49, at POS 24), or
# by its billing provider (lookup.credentials.asc_billing_provider, Lines.asc_billed), a practitioner rendering it.
FACILITY_CLAIM_WORDS = (
    "type of bill 13x is the hospital's own claim (UB-04)",
    "type of bill 83x is the ASC's own claim (a UB-04, a Medicare ASC bills on the 837P, POS 24)",
    "its provider cell names the ASC (specialty 49) at POS 24: the ASC's own claim (837P / CMS-1500, Claims "
    "Processing Manual ch. 14 §50)",
    "its billing provider names the ASC (specialty 49) at POS 24: the ASC's own claim (837P / CMS-1500, Claims "
    "Processing Manual ch. 14 §50)",
)

# --paid-is medicare (lookup.paid_for.PAID_IS): the notes above, saying the Medicare share each row is compared with
# (its measure's, lookup.paid_for.COMPARED_MEASURES), longer words first.
_MEDICARE_SHARE_WORDS = (
    ("professional_allowed (the physician's claim: no facility fee)",
     "professional_medicare (Medicare's share of the physician's claim: no facility fee)"),
    ("the facility's payment (its OPPS or ASC payment: allowed less professional_allowed)",
     "the facility's Medicare share (of its OPPS or ASC payment: medicare less professional_medicare)"),
    ("(its OPPS or ASC payment: allowed less professional_allowed)",
     "(Medicare's share of its OPPS or ASC payment: medicare less professional_medicare)"),
    ("the site's whole allowed amount", "Medicare's share of the site's whole allowed amount"),
    ("compared with professional_allowed with", "compared with professional_medicare with"),
)  # fmt: skip


def medicare_share_note(text: str, paid_is: str = "medicare") -> str:
    """A paid note (PAID_AS_PROFESSIONAL_NOTE ... PAID_AT_FACILITY_NOTE) as ``--paid-is`` says it: with 'medicare',
    naming Medicare's share of the amount it names; with 'allowed', as written."""
    if paid_is != "medicare":
        return text
    for allowed, medicare in _MEDICARE_SHARE_WORDS:
        text = text.replace(allowed, medicare)
    return text


@dataclass(frozen=True)
class Scenario:
    """What-if and contract terms for a run (``engine.scenario``): none of them is a CMS rate."""

    conversion_factor: Decimal | None = None  # replaces CMS's PFS conversion factor
    anesthesia_cf: Decimal | None = None  # replaces the national anesthesia CF (localities scaled)
    percent_of_medicare: Decimal | None = None  # a commercial contract: contract_amount = allowed x N%
    # What a paid column is compared with: the site's whole allowed amount, the professional claim's
    # (professional_allowed: a physician's remit at a hospital or ASC has no facility fee in it), or the facility's
    # (FACILITY_CLAIM: a hospital's or ASC's remit has no physician's fee in it).
    paid_for: str = "site"
    # --paid-for was given (Scenario.parse): every row is compared as it says. Not given (site), a row that says whose
    # claim it is is compared with that claim's amount (BatchPricer._paid_for_by_line).
    paid_for_given: bool = False
    # Who bills the lines of a file with no provider column, and a provider cell left blank (``rvucalc batch
    # --provider``; lookup.lines.PROVIDERS): a CMS rule, not a what-if, carried with the run's terms.
    provider: str = "physician"
    # Where every row was furnished (``rvucalc batch --zip`` or ``--locality``, as ``rvucalc price`` takes them): it
    # wins over the file's ZIP and locality columns (a practice's export has the patient's ZIP; CMS pays the PFS by
    # the place of service). None: the file's columns.
    zip_code: str | None = None
    locality: str | None = None
    # A DME line's fee column where the file's rural cell is blank or there is none (``--rural``; lines._rural).
    rural: bool = False
    # A hospital's own wage index for every row whose wage_index cell is blank or absent (``--wage-index``, ten-
    # thousandths, as price's: the OPPS rate's alone, lookup.pricer.USER_WAGE_INDEX); and the 2% sequestration taken
    # off every Medicare share (``--sequestration``, as price's: engine.kernels.sequestered, once per row and site).
    wage_index: int | None = None
    sequestration: bool = False
    # The hospital's kind for every row (``--hospital``, as price's: engine.hospitals.hospital_name): 'rural-sch', or
    # None an ordinary OPPS hospital.
    hospital: str | None = None
    # The ASC's wage index for every row whose asc_wage_index cell is blank or absent (``--asc-wage-index``, as price's:
    # the ASC rate's alone).
    asc_wage_index: int | None = None
    # What the paid column is (``--paid-is``, lookup.paid_for.PAID_IS): 'allowed' (Medicare's and the patient's shares)
    # or 'medicare' (Medicare's payment alone: compared with Medicare's share of what --paid-for picks).
    paid_is: str = "allowed"
    # Every row's practitioner does not participate in Medicare (``--non-par``): their PFS amounts are the non-par
    # amounts (engine.kernels.NON_PAR), allowed, beneficiary, medicare and expected of them; a participation cell wins.
    non_par: bool = False
    # --provider was given naming the physician (MD, DO, Anesthesiologist ...; not its default word physician), as
    # price's ``provider_stated``: a row without a provider cell of its own is a physician's named so
    # (batch.lines.parse_lines: AJ, AH, QZ or QX on it refused, as on an MD cell's row).
    provider_stated: bool = False

    @classmethod
    def parse(
        cls, conversion_factor: Any = None, anesthesia_cf: Any = None, percent_of_medicare: Any = None,
        paid_for: str | None = None, provider: str = "physician", *, zip_code: str | None = None,
        locality: str | None = None, rural: bool = False, wage_index: Any = None, sequestration: bool = False,
        hospital: str | None = None, asc_wage_index: Any = None, paid_is: str | None = None, non_par: bool = False,
        provider_stated: bool = False,
    ) -> Scenario:  # fmt: skip
        from rvucalc.engine import scenario
        from rvucalc.lookup.arguments import provider_name
        from rvucalc.lookup.credentials import assistant_of
        from rvucalc.lookup.pricer import parse_wage_index

        given = paid_for is not None
        paid_for = paid_for_rule.paid_for_name(paid_for)
        paid_is = paid_for_rule.paid_is_name(paid_is)
        if paid_is == "medicare" and percent_of_medicare is not None:
            raise UsageError(
                "--paid-is medicare compares the paid column with Medicare's share, and --percent-of-medicare's "
                "contract is the payer's and the patient's shares together (the plan's cost sharing is not known): "
                "compare the remit's allowed amount with the contract (--paid-is allowed, --columns paid=COLUMN)."
            )
        # --provider PTA (OTA): a therapy assistant's lines, as a provider cell saying so is read (batch.lines.
        # assistant_of): kept as given, parse_lines reads it for the rows without a provider of their own.
        assistant = isinstance(provider, str) and assistant_of(provider) is not None
        return cls(
            None if conversion_factor is None else scenario.parse_conversion_factor(conversion_factor),
            None if anesthesia_cf is None else scenario.parse_anesthesia_cf(anesthesia_cf),
            None if percent_of_medicare is None else scenario.parse_percent(percent_of_medicare),
            paid_for,
            given,
            provider.strip().lower() if assistant else provider_name(provider),
            zip_code,
            locality,
            rural,
            parse_wage_index(wage_index),
            sequestration,
            hospital_name(hospital),
            parse_wage_index(asc_wage_index, "asc_wage_index"),
            paid_is,
            non_par,
            provider_stated and not assistant and provider_name(provider) == "physician",
        )

    def placed(self, table: pa.Table) -> pa.Table:
        """A partition's pricing columns with the run's place (``zip_code`` or ``locality``) in every row, in place of
        its own ZIP and locality columns: one constant column, no per-row work."""
        place = ("zip", self.zip_code) if self.zip_code is not None else ("locality", self.locality)
        if place[1] is None:
            return table
        import pyarrow as pa

        roles = normalize_columns(table.column_names)
        keep = [position for position in range(table.num_columns) if roles.get(position) not in ("zip", "locality")]
        kept = table.select(keep)
        return kept.append_column(place[0], pa.repeat(pa.scalar(place[1], pa.string()), table.num_rows))

    @property
    def label(self) -> str | None:
        from rvucalc.engine.scenario import scenario_text

        return scenario_text(self.conversion_factor, self.anesthesia_cf)


def locality_number_agrees(locality_text: str, ours: dict[str, Any] | None) -> bool:
    """Whether a locality cell that is no locality id or name is the ZIP's locality as a remit writes it: its
    locality number (the 7-digit id's last two digits: Manhattan's 1320201 is locality 01 of MAC 13202, as CMS's GPCI
    file lists it), one digit when a spreadsheet dropped the zero ('1'), or the MAC's number with it ('13202-01',
    '13202 01'). A trial's ZIP 10001 beside '01' was told 01 is not Manhattan's locality."""
    if ours is None:
        return False
    digits = re.sub(r"[\s./-]", "", locality_text)
    number, mac = str(ours.get("locality_number") or str(ours["locality"])[-2:]), str(ours.get("mac") or "")
    if not digits.isdigit():
        return False
    if len(digits) <= 2:
        return digits.zfill(2) == number
    return bool(mac) and digits == mac + number


def locality_beside_zip_note(
    zip5: str, ours: dict[str, Any] | None, locality_text: str, given: dict[str, Any] | None, release: str
) -> str | None:
    """The note of a row whose locality cell is not its ZIP's locality (``BatchPricer._locality_beside_zip``); None
    when the cell, no locality of its own, is the ZIP's locality number (``locality_number_agrees``)."""
    if given is None and locality_number_agrees(locality_text, ours):
        return None

    def named(row: dict[str, Any] | None) -> str:
        return "" if row is None else f"{row['locality']} {row['name']} ({row['state']})"

    said = f"locality {named(given)}" if given is not None else f"no locality of {release}"
    return (
        f"The locality column's {locality_text!r} ({said}) is not ZIP {zip5}'s locality, {named(ours)} in CMS's ZIP5 "
        "file: priced by the ZIP, which wins over a locality column. To price by the locality column (a remit's "
        "pricing locality), run with --columns zip= ."
    )


def run_place(pricer: Pricer, zip_code: str | None, locality: str | None) -> tuple[str | None, str | None]:
    """``rvucalc batch --zip`` or ``--locality``, read and checked as ``rvucalc price`` reads them (lookup.pricer's
    parse_zip, locality_id), in the newest installed PFS release, before the run: (zip, locality), at most one
    given. A ZIP or locality the data does not have is unusable input, as a malformed one."""
    from rvucalc.errors import NotFoundError, option
    from rvucalc.lookup import arguments
    from rvucalc.lookup.pricer import locality_id, parse_zip, unknown_locality_error, unknown_zip_error

    zip_code, locality = arguments.zip_text(zip_code), arguments.locality_text(locality)
    if zip_code is not None and locality is not None:
        raise UsageError(f"Give {option('zip_code')} or {option('locality')}, not both.")
    if zip_code is None and locality is None:
        return None, None
    store = pricer.store(pricer.select()[0])
    try:
        if zip_code is not None:
            zip5 = parse_zip(zip_code)
            if store.zip(zip5) is None:
                raise unknown_zip_error(store, zip5)
            return zip_code.strip(), None
        assert locality is not None
        if store.locality(locality_id(store, locality)) is None:
            raise unknown_locality_error(store, locality)
        return None, locality.strip()
    except NotFoundError as exc:
        raise UsageError(exc.args[0] if exc.args else str(exc), kind=exc.kind) from None


_LIBC: Any = None


def _trim_heap() -> None:
    """Give the heap's free pages back to the system before a partition is priced (glibc's ``malloc_trim``): the
    last partition's arrays and the caches emptied leave holes in the one heap (``batch.files.give_back_freed_arrays``)
    that RSS kept: 10,000,000 realistic lines peaked past 1 GiB without it. Elsewhere nothing."""
    global _LIBC
    if _LIBC is None:
        _LIBC = False
        if sys.platform.startswith("linux"):
            import ctypes

            try:
                _LIBC = ctypes.CDLL("libc.so.6")
                _LIBC.malloc_trim  # noqa: B018 (present: glibc)
            except (OSError, AttributeError):
                _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


# Entries per per-value cache (code cells x releases, places): a realistic claim file of a million lines
# fills ~150,000; each entry is ~0.2-0.5 kB.
PER_VALUE_LIMIT = 100_000
# Code cells, each with its resolution in every release (~0.3 kB each).
CELLS_LIMIT = 150_000
# Texts of the run (~0.3 kB each): the cells' and places' (kept with them) and the partitions' messages and notes,
# which a realistic claim file adds at ~10,000 a million lines (bad dates and ZIPs, claims with a bad line).
# Emptying the cells and texts is the run's peak: the partition after it works every cell out again at once
# (10,000,000 realistic lines, idle: 200,000 texts emptied once, 1,049,096 kB; 150,000, three times, 1,090,076 kB;
# 300,000, never, 1,032,720 kB and 6% faster). Set so that ten million realistic lines (~77,000 cells, ~150,000 texts
# at the end since the therapy notes are made only for therapy cells: THERAPY_TEXT_COLUMNS) never empty them; a longer
# file does when it passes them, and peaks higher then (as the 200,000 run did). The count is of texts kept, a dropped
# encounter note (Texts.drop_partition_texts) not among them: ten million realistic lines, idle, never empty them and
# peak at 991,332 kB in 201 s user (counting the ids given emptied them twice: 998,112 kB, 211 s; 1,041,508 kB before
# the drop, 226,151 texts at the end).
TEXTS_LIMIT = 300_000
# Text ids given, dropped ones too (each still ~50-90 bytes in the id-indexed lists): ten million realistic lines give
# ~750,000, kept under TEXTS_LIMIT by the drop, so they never empty on either count (emptying on ids given, at
# TEXTS_LIMIT, emptied them twice and cost +21% CPU).
IDS_LIMIT = 1_200_000
# (A units note per (release, CMS row, modifiers, units) is kept to PER_VALUE_LIMIT: a realistic million lines have
# ~45,000, and at SMALL_LIMIT most were worked out again after each emptying, ~0.5 s.)
# Values that are quick to work out again, or rarely repeat: lines with payment-policy modifiers per (code cell,
# locality), preventive waivers and other schedules' amounts per code cell, a store's remembered answers.
SMALL_LIMIT = 25_000
# What a release says of a code cell (BatchPricer.cell_facts), per cell: name -> (dtype, default). A cell's facts
# are kept in three parts, each worked out once: per CMS row (ROW_CELL_COLUMNS), per cell text (TEXT_CELL_COLUMNS)
# and per cell and year (YEAR_CELL_COLUMNS); a release's cell table holds only each cell's row (_Row.number).
CELL_COLUMNS: dict[str, tuple[Any, Any]] = {
    "row": ("int32", -1),  # CMS's row in the release's PFS arrays
    "needs_rules": ("bool", False),  # per-line rules: policy modifiers, anesthesia
    "outside": ("bool", False),  # the PFS does not list the code
    "failed": ("bool", False),  # an error (other than outside): with its text and kind
    "error": ("int32", 0),
    "kind": ("int8", 0),
    "notes": ("int32", 0),  # the informational modifiers' notes (and an always-therapy code's: lookup.lines.line_notes)
    "therapy": ("bool", False),  # a therapy code (multiple procedure indicator 5, PC/TC 7): its notes say more
    "professional": ("bool", False),  # CMS's 26 row
    "coinsurance": ("int32", COINSURANCE_PERCENT * 100),  # hundredths of a percent
    "pfs_pays": ("bool", False),  # lookup.lines.paid_from_rvus
    "facility_modifiers": ("bool", False),  # a modifier that changes the OPPS or ASC rate
    "waiver": ("int32", 0),  # a preventive service's waiver (its reason)
    "imaging_cap": ("bool", False),  # multiple procedure indicator 4: the OPPS imaging cap applies
    "other_schedules": ("bool", False),  # the CLFS, ASP or DMEPOS may pay it (batch.schedules)
    "other_note": ("int32", 0),  # when nothing installed pays it: the schedule that pays codes like it
    "unclassified": ("bool", False),  # a not otherwise classified drug (lookup.pricer.not_otherwise_classified_drug)
    "key": ("int32", -1),  # its _Row's number when it has a CMS row (not failed, not outside)
    "row_notes": ("int32", 0),  # its paying modifiers' notes on its row (lookup.lines.schedule_modifier_notes)
    "no_plan_note": ("bool", False),  # status B or I: its notes are line_notes' without the plan modifier's
}
# A code with its paying modifiers in a release (_Row), per _Row number: what its cells share.
ROW_CELL_COLUMNS: dict[str, tuple[Any, Any]] = {
    name: CELL_COLUMNS[name] for name in ("row", "needs_rules", "outside", "failed", "error", "kind", "professional",
                                          "pfs_pays", "facility_modifiers", "imaging_cap", "other_schedules",
                                          "other_note", "unclassified", "key", "therapy", "row_notes",
                                          "no_plan_note")
}  # fmt: skip
# A cell's text, the same in every release: parse_line's error, or the informational modifiers' notes; "hospice": it
# has GV, whose note is by its row's PC/TC indicator (its therapy_notes).
TEXT_CELL_COLUMNS: dict[str, tuple[Any, Any]] = {
    "text_failed": ("bool", False), "text_error": ("int32", 0), "text_kind": ("int8", 0), "notes": ("int32", 0),
    "hospice": ("bool", False),
}  # fmt: skip
# A cell's notes on an always-therapy code (lookup.lines.line_notes), filled only for cells whose row in some release
# is one, or that have GV (its note by the row's PC/TC indicator: engine.modifiers.hospice_attending_note): worked out
# for every cell, they were a third of a realistic file's texts (each its own, ~0.3 kB).
THERAPY_TEXT_COLUMNS: dict[str, tuple[Any, Any]] = {"therapy_notes": ("int32", 0)}
# A cell in a year: the preventive waiver of all its modifiers (PT and 33 are informational to the PFS).
YEAR_CELL_COLUMNS: dict[str, tuple[Any, Any]] = {"coinsurance": CELL_COLUMNS["coinsurance"], "waiver": ("int32", 0)}
# The single lookup's notes about a ZIP in a release (BatchPricer._place_notes), per ZIP row: text ids.
ZIP_COLUMNS: dict[str, tuple[Any, Any]] = {"split": ("int32", 0), "warning": ("int32", 0), "county": ("int32", 0)}
# _units_rule_rows' flags. Indicator 0 speaks of 50 only (``units_note``): its rows count only with 50 (most codes
# are indicator 0: a partition's rows of several units would otherwise each go through ``units_note``).
BILATERAL_UNITS, THERAPY_UNITS, BILATERAL_WITH_50 = 1, 2, 4
MONTHLY_UNITS = 8  # a code whose unit CMS defines (a monthly ESRD code, 99291, an initial drug administration code,
# 77427): lookup.pricer.has_code_units_note, the codes ``units_note`` speaks of (``code_units_note``)
PROCEDURE_UNITS = 16  # multiple procedure indicator 2 or 3: ``units_note`` (``multiple_procedure_units_note``)

# A rule line's rules as factors of its fee (BatchPricer._factor_facts), per cell.
FACTOR_COLUMNS: dict[str, tuple[Any, Any]] = {
    "by_factors": ("bool", False), "before": ("int32", 1), "before_of": ("int32", 1), "after": ("int32", 1),
    "after_of": ("int32", 1), "payable_non_facility": ("bool", False), "payable_facility": ("bool", False),
    "factor_notes": ("int32", 0), "factor_reasons": ("int32", 0), "factor_adjustments": ("int32", 0),
}  # fmt: skip


# A place's wage-index warning ("... so facility rates are national") on a row set where no wage index is applied (the
# office, a facility physician's POS 21 or 31): it is about the row's hopd_* and asc_* comparison columns only, and
# says so, as the encounter's OPPS and ASC notes there do (batch.claims.OPPS_ELSEWHERE, ASC_ELSEWHERE).
FACILITY_COMPARISON_ONLY = "Hospital and ASC rates (the hopd_*/asc_* comparison only, not this row's site): "


ZIP5_NUMBERS = 100_000


def _zip_numbers(texts: list[str]) -> np.ndarray:
    """Per text: its number where it is a ZIP5's five ASCII digits, else -1."""
    import numpy as np

    return np.fromiter(
        (int(text) if len(text) == 5 and text.isascii() and text.isdigit() else -1 for text in texts),
        dtype=np.int64,
        count=len(texts),
    )


def _given_only(lines: Lines, ids: np.ndarray, given: np.ndarray, asc_given: np.ndarray) -> np.ndarray:
    """The place warnings' text ids where the row has a hospital's wage index (``given``: its OPPS rate is adjusted
    by that), the ASC's (``asc_given``), or both: what is left of each (lookup.pricer.given_wage_warning, as the
    single lookup's; 0 where nothing is)."""
    import numpy as np

    hit = (given | asc_given) & (ids != 0)
    if not hit.any():
        return ids
    kind = given[hit].astype(np.int64) + 2 * asc_given[hit].astype(np.int64)
    pairs = np.stack([ids[hit].astype(np.int64), kind], axis=1)
    distinct, inverse = np.unique(pairs, axis=0, return_inverse=True)
    said = np.array([0 if (text := given_wage_warning(lines.texts.values[i], bool(k & 1), bool(k & 2))) is None
                     else lines.texts.id(text) for i, k in distinct.tolist()], dtype=np.int32)  # fmt: skip
    ids = np.array(ids, dtype=np.int32, copy=True)
    ids[hit] = said[inverse.reshape(-1)]
    return ids


def _without_hospital_remit(text: str) -> str:
    """A note part of a row set elsewhere than the hospital without its OPPS encounter pieces that speak of the
    hospital's own remit (``engine.facility.hospital_remit_only``): a claim's notes are one part, '; '-joined (no piece
    has '; ')."""
    pieces = text.split("; ")
    kept = [
        piece for piece in pieces
        if not hospital_remit_only(piece.removeprefix(OPPS_ELSEWHERE).removeprefix(OPPS_PREFIX))
    ]  # fmt: skip
    return text if len(kept) == len(pieces) else "; ".join(kept)


def _comparison_only(lines: Lines, rows: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The place warnings' text ids of these rows, labelled FACILITY_COMPARISON_ONLY where the row's site is neither
    the hospital nor the ASC."""
    import numpy as np

    site = lines.site[rows]
    hit = (ids != 0) & (site > 0) & (site != SITE_NAMES.index("hopd")) & (site != SITE_NAMES.index("asc"))
    if not hit.any():
        return ids
    distinct, inverse = np.unique(ids[hit], return_inverse=True)
    labelled = lines.texts.ids(FACILITY_COMPARISON_ONLY + lines.texts.values[i] for i in distinct.tolist())
    ids = np.array(ids, dtype=np.int32, copy=True)
    ids[hit] = labelled[inverse.reshape(-1)]
    return ids


@dataclass
class BatchPricer(ScheduleTerms):
    """Prices tables of lines against the installed releases (reference tables cached)."""

    pricer: Pricer
    scenario: Scenario = field(default_factory=Scenario)
    _pfs: dict[str, _PfsArrays] = field(default_factory=dict)
    _codes: CodeCells = field(default_factory=CodeCells)  # the run's (code, modifier) cells, parsed and numbered
    _code_list: list[str] = field(default_factory=list)  # the cells' codes by number (code_texts)
    _rows_of: dict[tuple[str, str, tuple[str, ...]], dict[str, Any] | RvucalcError] = field(default_factory=dict)
    _rules: dict[tuple[str, str, str, str, int, tuple[str, str]], _RuleAmounts] = field(default_factory=dict)
    # _factor_facts', per year, CF kind and cell text: the code's RVU rows it was worked out from and the answer
    _factors_alike: dict[tuple[int, str, str, str, str], tuple[tuple[Any, ...], tuple[Any, ...]]] = field(
        default_factory=dict
    )
    _places: dict[tuple[str, str, str], tuple[int, RvucalcError | None]] = field(default_factory=dict)
    _quarters: dict[tuple[int, str], tuple[Release | None, Release | None, tuple[str, ...]]] = field(
        default_factory=dict
    )
    _facility: dict[tuple[str, str, str], tuple[FacilityReference, dict[str, np.ndarray]]] = field(default_factory=dict)
    # Each facility file's quarter warnings said so far ("opps", "asc"): _facility_release_notes' parts to take out
    _facility_said: dict[str, set[str]] = field(default_factory=lambda: {"opps": set(), "asc": set()})
    _releases: dict[tuple[str, str], tuple[Release | None, str | None, RvucalcError | None]] = field(
        default_factory=dict
    )
    _year_errors: dict[tuple[str, int], str] = field(default_factory=dict)  # _schedule_year_errors', per code
    _unit_hints: dict[tuple[str, str, str, str], str | None] = field(default_factory=dict)  # _with_drug_unit_hints'
    _offices: dict[tuple[Any, ...], Office] = field(default_factory=dict)
    _office_table: OfficeTable = field(default_factory=OfficeTable)  # the run's other-schedule lines (cells, texts)
    _listed: dict[str, set[str]] | None = None
    _every_listed: set[str] | None = None
    _drugs: set[str] | None = None  # ScheduleTerms._facility_drugs'
    _asp_codes: dict[str, set[str]] = field(default_factory=dict)  # ScheduleTerms._asp_codes_of'
    _warnings: dict[tuple[int, str, tuple[str, ...]], str] = field(default_factory=dict)
    _schedule_quarters: dict[tuple[int, str], tuple[str, ...]] = field(default_factory=dict)
    _clfs_effective: dict[str, dt.date | None] = field(default_factory=dict)
    _states: dict[str, tuple[list[str | None], np.ndarray, np.ndarray]] = field(default_factory=dict)
    _zip_states: dict[str, dict[str, str | None]] = field(default_factory=dict)  # ScheduleTerms._patient_zip_states'
    _cached_stores: dict[str, Store] = field(default_factory=dict)
    _zip_flags: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _claims: dict[str, Any] = field(default_factory=dict)  # batch.claims' caches
    _cells: dict[str, CellTable] = field(default_factory=dict)  # per release: the facts of the run's code cells
    _strings: Texts = field(default_factory=Texts)  # the run's texts: the cells' facts and the partitions' notes
    _rows: dict[tuple[str, str, tuple[str, ...], str], _Row] = field(default_factory=dict)
    _row_list: dict[str, list[_Row]] = field(default_factory=dict)  # per release: its rows by number
    _reasons: dict[tuple[int, str], tuple[FacilityReference, np.ndarray]] = field(default_factory=dict)
    _factors: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # facility_factor's, per line and quarter
    # _facility_factors', per (PFS, OPPS, ASC release) and run cell: both sites' facts (keyed by cell numbers)
    _cell_factors: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _facility_rules: dict[tuple[Any, ...], tuple[str, ...]] = field(default_factory=dict)  # _facility_rules_of's
    _rate_kept: dict[tuple[Any, ...], tuple[str, ...]] = field(default_factory=dict)  # _rate_kept_of's
    _opps_status: dict[tuple[str, str], str | None] = field(default_factory=dict)  # _no_opps_rate_notes'
    _hospital_si: dict[tuple[str, str], str | None] = field(default_factory=dict)  # _hospital_status', per OPPS release
    _therapy_si: dict[tuple[str | None, int, str], str | None] = field(default_factory=dict)  # _therapy_at_hopd's
    _units_rules: dict[str, np.ndarray] = field(default_factory=dict)  # per release: CMS rows units_note speaks of
    _sides_paid: dict[str, np.ndarray] = field(default_factory=dict)  # per release: CMS rows of bilateral 1 or 3
    _schedule_notes: dict[tuple[str, str, str, int], tuple[str, ...]] = field(default_factory=dict)  # _row's
    # _dmepos_charge_rule's: per DMEPOS release, each code's payment categories (the file's CATG)
    _dmepos_categories: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    _choice_said: dict[tuple[Any, ...], str] = field(default_factory=dict)  # _choice_reasons', per rate and values
    _unknown_errors: dict[tuple[Any, ...], NotFoundError | None] = field(default_factory=dict)  # _unknown_code_error's
    # _units_notes', per release, CMS row, modifiers and units: the note (None: none) and two_units_bilateral
    # (keyed by one int: _units_said_numbers' number of the release and modifiers, the row, the units; its values
    # shared: a 4-tuple key and a 2-tuple value each were ~0.22 kB an entry, ~21 MB at the end of ten million lines)
    _units_said: dict[int, tuple[str | None, bool]] = field(default_factory=dict)
    _units_said_numbers: dict[tuple[str, tuple[str, ...]], int] = field(default_factory=dict)
    _units_said_values: dict[tuple[str | None, bool], tuple[str | None, bool]] = field(default_factory=dict)
    _bilateral_indicators: dict[tuple[str, str], str | None] = field(default_factory=dict)  # _bilateral_indicator's
    _maryland: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # _maryland_rows', per release
    _zip_numbers: tuple[list[str], np.ndarray] | None = None  # _places_of': the partition's ZIP texts as numbers
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _building: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)  # price_later's
    # Partitions priced, and those not yet built: the texts keep a partition's own notes until it is built
    # (Texts.drop_partition_texts)
    _partitions: int = 0
    _unbuilt: set[int] = field(default_factory=set)

    # -- public -----------------------------------------------------------------------

    def price_table(self, table: pa.Table, row_errors: dict[int, str] | None = None) -> pa.Table:
        """Price one partition of text cells; returns OUTPUT_COLUMNS for its rows, in order.

        ``row_errors`` (row position -> message) marks rows already known bad, e.g. ragged CSV lines.
        Money columns are decimal64(18, 2): exact cents.
        """
        # One partition at a time: the run's cells, texts and caches change while a partition is priced (a
        # Dask worker's threads share one pricer). A partition's first sight of code cells, places and
        # encounters allocates many small objects that live until the partition is priced or the run ends,
        # and form no cycles: the cyclic collector's passes over the run's caches would free nothing.
        return self.price_later(table, row_errors)()

    def price_later(self, table: pa.Table, row_errors: dict[int, str] | None = None) -> Callable[[], pa.Table]:
        """``price_table`` in two steps: the partition is priced now, and the returned function builds its
        output table (the notes joined, the columns made). That step reads only the partition's own arrays and
        the run's texts, which are only ever added to, so it may run on another thread while the next
        partition is priced (``files.run_batch``: the writer's thread). Builds take turns (the texts keep
        caches for them)."""
        with self._lock:
            collecting = gc.isenabled()
            gc.disable()
            try:
                return self._price_table(table, row_errors)
            finally:
                if collecting:
                    gc.enable()

    def _price_table(
        self, table: pa.Table, row_errors: dict[int, str] | None, nested: bool = False
    ) -> Callable[[], pa.Table]:
        """``price_later``'s pricing; ``nested``: a partition's own rows again (``_hospital_therapy_elsewhere``),
        the run's caches kept as they are."""
        import numpy as np

        partition = None
        if not nested:
            partition, self._partitions = self._partitions, self._partitions + 1
            with self._building:  # a build reads the texts
                self._strings.drop_partition_texts(min(self._unbuilt, default=partition))
            self._unbuilt.add(partition)
            self._forget_if_large()
            self._strings.partition = partition
            _trim_heap()
        table = self.scenario.placed(table)  # --zip or --locality: every row's place
        row_errors = self._with_drug_unit_hints(table, row_errors)
        lines = parse_lines(table, row_errors, self._codes, self._strings, self.scenario.provider,
                            provider_stated=self.scenario.provider_stated,
                            practitioner_claim=self.scenario.paid_for == "professional",
                            professional_only=self._professional_only_rows)  # fmt: skip
        mark_reversals(lines)  # a reversal and the payment it takes back: no service of their claim
        _encounter_waivers(lines, self._codes.code_numbers)
        _anesthesia_sessions(lines)
        chosen = [self._release_for(year, date) for year, date in lines.whens]
        release_names = sorted({release.release for release, _, _ in chosen if release is not None})
        release_of_when = np.array(
            [release_names.index(r.release) if r is not None else -1 for r, _, _ in chosen], dtype=np.int32
        )
        release_of_row = release_of_when[lines.when]
        for when, (_, _, problem) in enumerate(chosen):
            if problem is not None:
                failing = np.flatnonzero(lines.when == when)
                if problem.kind is ErrorKind.RELEASE_NOT_INSTALLED:  # a lab's, drug's or DME item's: its schedule's
                    self._schedule_year_errors(lines, failing, lines.whens[when])
                lines.fail_with(failing, problem)
        revenue_code_lines = _packaged_revenue_code_lines(lines)  # no HCPCS code to price: $0.00 at the hospital
        for number, name in enumerate(release_names):
            release = next(r for r, _, _ in chosen if r is not None and r.release == name)
            rows = np.flatnonzero((release_of_row == number) & (lines.error == 0) & ~revenue_code_lines)
            lines.release[rows] = lines.texts.id(name)
            if rows.size:
                self._price_release(release, lines, rows)
        said, blanks = [], []
        for (in_force, warning, _), cells in zip(chosen, lines.whens, strict=True):
            blank = lines.dated and in_force is not None and not any(cells)
            release_blank = blank_date_warning(in_force.release) if blank and in_force is not None else None
            said.append("; ".join(filter(None, [warning, release_blank])))
            blanks.append(blank_date_warning(None) if blank else None)
        # The PFS release's warnings are not a lab's, drug's or DME item's (its amounts are its own schedule's), as
        # the single lookup's (lookup.pricer: release_warnings).
        other_paid = ~(lines.valid["pfs_non_facility_amount"] | lines.valid["pfs_facility_amount"]) & (
            lines.valid["clfs_amount"] | lines.valid["drug_amount"] | lines.valid["dmepos_amount"]
        )
        if lines.elsewhere is not None:  # nor of another schedule's line that schedule does not pay (0526U, J3490)
            other_paid |= lines.elsewhere
        if lines.placed and other_paid.any():
            # Nor the blank ZIP's "national PFS and facility amounts": a lab's, drug's or DME item's amount is the same
            # in every locality (a DME row gets its state from its own column), as the single lookup says nothing.
            lines.without_slot("blank_place", np.flatnonzero(other_paid))
        if other_paid.any():  # nor the ZIP's split between PFS localities (lookup.pricer: split_warnings)
            lines.without_slot("zip4", np.flatnonzero(other_paid))
        if other_paid.any() and lines.beside_zip:
            # Nor a locality cell that is not the ZIP's locality (locality_beside_zip_note): a lab's and a drug's
            # amount is national, a DME item's its state's, so another locality changes nothing there (one of the
            # ZIP's state; a DME row beside another state's locality keeps it: that state's fee is another).
            dme = lines.valid["dmepos_amount"]
            same_state = {note for note, same in lines.beside_zip.items() if same}
            for dropped, notes in ((other_paid & ~dme, set(lines.beside_zip)), (other_paid & dme, same_state)):
                if notes and dropped.any():
                    lines.without_parts("zip_split", np.flatnonzero(dropped), notes)
        warnings = np.where(other_paid, lines.texts.ids(blanks)[lines.when], lines.texts.ids(said)[lines.when])
        lines.add_note("release", np.arange(lines.rows), warnings)
        self._facility_release_notes(lines, other_paid)
        price_claims(self, lines)  # a claim's rows on one date: one encounter, as `rvucalc price A B C`
        _implied_assistant_errors(lines)
        for at, ids in lines.after_claims:
            lines.add_note("claim", at, ids)
        _assigned(lines)
        _mnt_not_dietitian(lines)
        self._anesthesia_columns(lines, {release.release: release for release, _, _ in chosen if release is not None})
        self._later_units_notes(lines)
        self._hopd_therapy(lines)
        if not nested:
            self._hospital_therapy_elsewhere(table, lines)
        self._maryland_note(lines)
        self._rural_sch_note(lines)
        self._hopd_mammography_note(lines)
        self._choose_setting(lines)
        _non_par(lines, self.scenario.non_par)
        _contract_rate_unread(lines)
        if self.scenario.sequestration:
            _sequestered(lines)
        # An FQHC's or RHC's note says whose the PFS amount is only on a row that has one, as the single lookup's; a
        # global diagnostic test's word of its physician's fee at a facility, on a row set in the office, is the
        # hopd_*/asc_* comparison's, labelled so (lookup.lines.component_note_comparison_only). Only the rows whose
        # notes hold the words are rewritten (a partition's office rows are most of its rows).
        ok = lines.error == 0
        if lines.snf_therapy is not None:  # therapy at a SNF: the non-facility amount (engine.place_of_service.
            lines.rewritten_parts(np.flatnonzero(ok & lines.snf_therapy), snf_therapy_place, "setting")  # its note)
        if lines.texts.containing(CLINIC_PFS_CLAUSE).any():  # venipuncture: engine.place_of_service.clinic_venipuncture
            drawn = lines.flag("clinic venipuncture", lambda parsed: parsed.code in CLINIC_VENIPUNCTURE_CODES)
            drawn = ok & drawn[lines.code]
            if drawn.any():
                lines.rewritten_parts(np.flatnonzero(drawn & lines.rows_noting(CLINIC_PFS_CLAUSE)), clinic_venipuncture,
                                      "setting")  # fmt: skip
        no_pfs = ok & ~lines.valid["pfs_non_facility_amount"]
        if no_pfs.any() and lines.texts.containing(CLINIC_PFS_CLAUSE).any():
            lines.rewritten_parts(np.flatnonzero(no_pfs & lines.rows_noting(CLINIC_PFS_CLAUSE)), without_pfs_amount,
                                  "setting")  # fmt: skip
        # A care management line's says the clinic bills it at CMS's national rate (engine.place_of_service.
        # clinic_care_management), as the single lookup's.
        if lines.texts.containing(CLINIC_PFS_CLAUSE).any():
            managed = lines.flag("clinic care management", lambda parsed: parsed.code in CLINIC_CARE_MANAGEMENT_CODES)
            managed = ok & managed[lines.code]
            managed &= lines.valid["pfs_non_facility_amount"]
            if managed.any():
                managed &= lines.rows_noting(CLINIC_PFS_CLAUSE)
                lines.rewritten_parts(np.flatnonzero(managed), clinic_care_management, "setting")
        # A clinic visit's says the clinic bills it, in no total (engine.place_of_service.clinic_visit; batch.files.
        # in_totals), as the single lookup's.
        if lines.texts.containing(CLINIC_PFS_CLAUSE).any():
            visits = lines.flag("clinic visit", lambda parsed: parsed.code in CLINIC_VISIT_CODES)
            visits = ok & visits[lines.code] & lines.valid["pfs_non_facility_amount"]
            if visits.any():
                visits &= lines.rows_noting(CLINIC_PFS_CLAUSE)
                lines.rewritten_parts(np.flatnonzero(visits), clinic_visit, "setting")
        if lines.setting_of is not None and lines.texts.containing(TELEHEALTH_LIST_NOTE).any():
            self._remote_interpretation_notes(lines, ok)
        # 95/FQ at an RHC or FQHC: the clinic's note says what they are there, not "informational" (lookup.lines.
        # CLINIC_MODES), as the single lookup's.
        if lines.texts.containing(line_rules.CLINIC_MODES_SAID).any():
            clinic = ok & lines.rows_noting(line_rules.CLINIC_MODES_SAID)
            if clinic.any():
                lines.without_superseded(
                    "line", np.flatnonzero(clinic), line_rules.clinic_superseded_notes("72", line_rules.CLINIC_MODES)
                )
        if lines.texts.containing(line_rules.PROFESSIONAL_COMPONENT_AT).any():
            office = ok & (lines.site == SITE_NAMES.index("office"))
            office &= lines.rows_noting(line_rules.PROFESSIONAL_COMPONENT_AT)
            if office.any():
                lines.rewritten_parts(np.flatnonzero(office), line_rules.component_note_comparison_only)
        # Nor does a row set elsewhere than the hospital carry the hospital's remit figures of the Q1/Q2 lines nothing
        # packaged (engine.facility.hospital_remit_only): its own amount is what its claim is paid.
        if lines.texts.containing(CONDITIONAL_SEVERAL_FIGURES).any():
            away = ok & (lines.site > 0) & (lines.site != SITE_NAMES.index("hopd"))
            away &= lines.rows_noting(CONDITIONAL_SEVERAL_FIGURES)
            if away.any():
                lines.rewritten_parts(np.flatnonzero(away), _without_hospital_remit)
        self._hopd_therapy_professional(lines)
        _without_facility_reason_off_facility(lines, ok)
        _technical_only_reason_at_place(lines, ok)
        _without_mac_priced_on_facility_bills(lines, ok)
        said_once = self._contract_and_variance(lines)
        if self.scenario.sequestration:  # the single lookup's note, the run's (lines.run_notes)
            said_once = [*said_once, SEQUESTRATION_NOTE]
        if lines.old_pos_name:  # 'Outpatient Hospital' read as 22 (each such row's note says so too): said once
            said_once = [*said_once, f"{OLD_POS_NAME_NOTE}."]
        if unused := self._maryland_wage_index_unused(lines):  # as price's warning (engine.hospitals): said once
            said_once = [*said_once, unused]
        # The deductible's run note, for the years of rows that owe one: not a lab's (CLFS: none; a review found a file
        # of labs told about the deductible, which `price 80053` no longer says), nor a line whose deductible is waived
        # (a preventive service's, a flu or pneumococcal vaccine's) or does not apply (insulin for a DME pump), whose
        # single lookup has no deductible note either.
        owing = (lines.error == 0) & ~lines.valid["clfs_amount"]
        owing &= ~lines.rows_noted(("preventive",), lambda text: text not in NO_WAIVER_NOTES)
        owing &= ~lines.rows_noted(("schedule",), lambda text: INSULIN_PUMP_NOTE in text)
        priced_with = [release_names[n] for n in np.unique(release_of_row[owing]).tolist()]  # their names, once
        # The rows a release not in force on their date priced (CMS's for it not installed): counted for the summary.
        another = lines.rows_noted(("release", "quarter", "schedules"), lambda text: ANOTHER_RELEASE in text)
        another_count = int((another & (lines.error == 0)).sum())
        # Rows whose hospital or ASC amount is the national rate for want of one wage index for their place (a
        # locality, not a ZIP; a ZIP HUD does not map; a CBSA CMS's file lists twice): their totals are not the
        # place's (an analyst's rural Alabama totals were ~25% high, uncounted).
        at_facility = (lines.site == SITE_NAMES.index("hopd")) | (lines.site == SITE_NAMES.index("asc"))
        unadjusted = lines.rows_noted(("place",), lambda text: "rates are national" in text) & at_facility
        # (with a hospital's wage index given, only the ASC's rate is: lookup.pricer.asc_only_warning)
        asc_national = lines.rows_noted(("place",), lambda text: ASC_RATE_NATIONAL in text)
        unadjusted |= asc_national & (lines.site == SITE_NAMES.index("asc"))
        facility_national = int((unadjusted & (lines.error == 0) & lines.valid["allowed"]).sum())
        # Rows at the hospital or ASC left without an allowed amount for want of one wage index (engine.wage_choices:
        # CMS's file lists their area twice): counted, as facility_national was before they were left unpriced.
        from rvucalc.engine.wage_choices import REASON_START

        choosing = lines.rows_noted(("site_reason",), lambda text: REASON_START in text) & at_facility
        counted_unpriced = choosing & (lines.error == 0) & ~lines.valid["allowed"]  # (COUNTED_UNPRICED_KEY)
        facility_wage_choice = int(counted_unpriced.sum())
        # Rows set at a hospital or ASC whose year's facility file is not installed, and so have no allowed amount:
        # counted per file and year (a review's 621 hospital rows of 2026 were said nowhere in the summary).
        import json

        not_installed: dict[str, int] = {}
        not_installed_professional: dict[str, int] = {}  # of them, the rows whose practitioner's fee is priced
        # the same rows per year of service and file ('2026' -> 'CY2026 OPPS' -> rows; NOT_PRICED_BY_YEAR_KEY): the
        # summary's by-year totals say which years' rows a missing file left out (a trial's 2026 had no hospital total)
        by_year: dict[str, dict[str, dict[str, int]]] = {}
        years = lines.service_years()

        def count_by_year(kind: str, missing: np.ndarray, unpriced: np.ndarray) -> None:
            pairs, counts = np.unique(np.stack([years[unpriced].astype(np.int64), missing[unpriced].astype(np.int64)]),
                                      axis=1, return_counts=True)  # fmt: skip
            for year, i, n in zip(pairs[0].tolist(), pairs[1].tolist(), counts.tolist(), strict=True):
                files = by_year.setdefault(str(year), {}).setdefault(kind, {})
                files[lines.texts.values[i]] = files.get(lines.texts.values[i], 0) + int(n)

        if lines.facility_missing is not None:
            unpriced = (lines.facility_missing != 0) & (lines.error == 0) & ~lines.valid["allowed"]
            counted_unpriced |= unpriced
            ids, counts = np.unique(lines.facility_missing[unpriced], return_counts=True)
            not_installed = {lines.texts.values[i]: int(n) for i, n in zip(ids.tolist(), counts.tolist(), strict=True)}
            fee = unpriced & lines.valid["professional_allowed"]
            ids, counts = np.unique(lines.facility_missing[fee], return_counts=True)
            not_installed_professional = {lines.texts.values[i]: int(n)
                                          for i, n in zip(ids.tolist(), counts.tolist(), strict=True)}  # fmt: skip
            count_by_year("facility_not_installed", lines.facility_missing, unpriced)
        # Rows in the office (or in no setting) whose lab, drug or DME item has no amount, CMS's CLFS, ASP or DMEPOS
        # file for its year or quarter not installed, and so no allowed amount: counted per file (an oncology trial's
        # 2025 office drug rows fell out of its totals, said nowhere but their notes).
        schedule_missing: dict[str, int] = {}
        if lines.schedule_missing is not None:
            office = (lines.site == SITE_NAMES.index("office")) | (lines.site == 0)
            unpriced = (lines.schedule_missing != 0) & office & (lines.error == 0) & ~lines.valid["allowed"]
            counted_unpriced |= unpriced
            ids, counts = np.unique(lines.schedule_missing[unpriced], return_counts=True)
            schedule_missing = {lines.texts.values[i]: int(n)
                                for i, n in zip(ids.tolist(), counts.tolist(), strict=True)}  # fmt: skip
            count_by_year("schedule_not_installed", lines.schedule_missing, unpriced)
        # Hospital rows of a bilateral procedure (50) paid one side's OPPS amount (engine.facility.
        # OPPS_BILATERAL_SITE_REASON; their note says OPPS_BILATERAL_NOTE): counted, as the single lookup's total says.
        fifty = lines.flag("bilateral 50", lambda parsed: "50" in parsed.modifiers)[lines.code]
        fifty &= (lines.site == SITE_NAMES.index("hopd")) & (lines.error == 0) & lines.valid["allowed"]
        fifty &= lines.valid["opps_rate"]
        if lines.opps_packaged is not None:
            fifty &= ~lines.opps_packaged
        opps_one_side = int(fifty.sum())
        # Rows whose provider cell names no practitioner, priced as the run's --provider (their note says so).
        unread = lines.unread_provider
        unread_provider = 0 if unread is None else int((lines.error[unread] == 0).sum())
        staff = lines.staff_provider  # of them, a nurse's, technologist's ... cell (STAFF_PROVIDER_KEY)
        staff_provider = 0 if staff is None else int((lines.error[staff] == 0).sum())
        # Rows priced whose paid cell is no amount (not compared; their note says why): counted, the first named.
        unread = lines.unread_paid
        unread_paid = b"" if unread is None else unread[lines.error[unread] == 0].astype("<i8").tobytes()
        charge_below = 0  # rows whose charge is below the amount compared (CHARGE_BELOW_KEY)
        charge_below_contract = 0  # a contract run's rows whose charge is below their contract amount (noted)
        if lines.charge is not None:
            below = lines.rows_noted(("paid",), lambda text: CHARGE_BELOW_WORDS in text)
            charge_below = int((below & (lines.error == 0)).sum())
            below = lines.rows_noted(("paid",), lambda text: CHARGE_BELOW_CONTRACT_WORDS in text)
            charge_below_contract = int((below & (lines.error == 0)).sum())
        # Rows priced nationally for want of a ZIP or locality (_national: a PFS amount, or a hospital's or ASC's rate
        # CMS adjusts by the wage index); those with a place but no wage index for it are facility_national above.
        national = int((self._national(lines) & (lines.locality_priced == lines.texts.id(NATIONAL))).sum())
        revenue_code_only = int((revenue_code_lines & (lines.error == 0)).sum())
        # Rows that are no service of their claim (a reversal, the payment it takes back): in no total.
        out = b"" if lines.reversed is None else np.flatnonzero(lines.reversed).astype("<i8").tobytes()

        def build() -> pa.Table:
            with self._building:
                table = _with_run_notes(lines.output(), chosen, priced_with, said_once)
                if lines.charge is not None and lines.charge_given is not None:  # a charge column: its amounts read
                    table = table.append_column(
                        CHARGE_AS_READ, money_array(lines.charge, lines.charge_given & (lines.error == 0))
                    )
                if lines.contract_rate is not None and lines.contract_rate_given is not None:
                    table = table.append_column(CONTRACT_PERCENT, _contract_percent(lines))
                counts = {ANOTHER_RELEASE_KEY: str(another_count).encode(),
                          FACILITY_NATIONAL_KEY: str(facility_national).encode(),
                          FACILITY_WAGE_CHOICE_KEY: str(facility_wage_choice).encode(),
                          OPPS_ONE_SIDE_KEY: str(opps_one_side).encode(),
                          UNREAD_PROVIDER_KEY: str(unread_provider).encode(), NATIONAL_KEY: str(national).encode(),
                          STAFF_PROVIDER_KEY: str(staff_provider).encode(),
                          REVENUE_CODE_ONLY_KEY: str(revenue_code_only).encode(),
                          UNREAD_PAID_KEY: unread_paid, PAID_BY_LINE_KEY: json.dumps(lines.paid_by_line).encode(),
                          CHARGE_BELOW_KEY: str(charge_below).encode(),
                          CHARGE_BELOW_CENTS_KEY: str(lines.charge_below_cents).encode(),
                          CHARGE_BELOW_CONTRACT_KEY: str(charge_below_contract).encode(),
                          CHARGE_BELOW_CONTRACT_CENTS_KEY: str(lines.charge_below_contract_cents).encode(),
                          REVERSED_KEY: out, FACILITY_MISSING_KEY: json.dumps(not_installed).encode(),
                          FACILITY_MISSING_PROFESSIONAL_KEY: json.dumps(not_installed_professional).encode(),
                          SCHEDULE_MISSING_KEY: json.dumps(schedule_missing).encode(),
                          NOT_PRICED_BY_YEAR_KEY: json.dumps(by_year).encode(),
                          MARKED_KEY: np.packbits(np.concatenate([lines.rows_noting(text) for text in MARKED_NOTES]))
                          .tobytes(),
                          CLINIC_BILLED_KEY: np.packbits(lines.rows_noting(*CLINIC_BILLED_CLAUSES))
                          .tobytes()}  # fmt: skip
                if lines.facility_bill is not None:
                    counts[FACILITY_BILL_KEY] = np.packbits(lines.facility_bill).tobytes()
                if lines.practice_claim is not None:
                    counts[PRACTICE_CLAIM_KEY] = np.packbits(lines.practice_claim).tobytes()
                if lines.bill_beside:
                    counts[BILL_BESIDE_KEY] = json.dumps(lines.bill_beside).encode()
                if lines.two_entity_claims:
                    counts[TWO_ENTITY_CLAIMS_KEY] = str(lines.two_entity_claims).encode()
                if lines.cut_claim_entity is not None:
                    counts[BILLING_ENTITY_KEY] = lines.cut_claim_entity.astype(np.int8).tobytes()
                if counted_unpriced.any():
                    counts[COUNTED_UNPRICED_KEY] = np.packbits(counted_unpriced).tobytes()
                self._unbuilt.discard(partition)
                return table.replace_schema_metadata({**(table.schema.metadata or {}), **counts})

        return build

    def _contract_and_variance(self, lines: Lines) -> list[str]:
        """The scenario label; a contract amount (allowed x N%, rounded once); and for rows with a paid
        amount, what was expected (the contract or Medicare amount) and the variance (paid - expected). Returns
        the run notes this adds (a paid amount compared with a hospital's or ASC's whole allowed amount)."""
        import numpy as np

        if self.scenario.label:
            from rvucalc.engine.scenario import line_scenario

            # A what-if CF changes PFS amounts alone (a lab's, drug's or DME item's are CMS's own): an anesthesia
            # line's the anesthesia CF, another's the PFS CF (engine.scenario.line_scenario, as single lookups).
            pfs = lines.valid["pfs_non_facility_amount"] | lines.valid["pfs_facility_amount"]
            anesthesia = lines.anesthesia != 0
            for rows, is_anesthesia in ((pfs & anesthesia, True), (pfs & ~anesthesia, False)):
                label = line_scenario(self.scenario.conversion_factor, self.scenario.anesthesia_cf, is_anesthesia)
                if label:
                    lines.scenario[rows] = lines.texts.id(label)
        measure = {"professional": "professional_allowed", "facility": FACILITY_CLAIM}.get(self.scenario.paid_for,
                                                                                          "allowed")  # fmt: skip
        # What the contract and the paid column are of: one rule with `rvucalc price --paid-for` (lookup.paid_for),
        # of the allowed amounts, or with --paid-is medicare of their Medicare shares (lookup.paid_for.PAID_IS: a
        # remit's paid column is Medicare's payment; the shares after the 2% with --sequestration, _sequestered).
        share = "medicare" if self.scenario.paid_is == "medicare" else "allowed"
        # Without --paid-for, a row that says whose claim it is: that claim's amount, as --paid-for would compare it.
        by_line = self._paid_for_by_line(lines)
        self._without_hospital_remit_on_practitioner_claims(lines, by_line)
        practice = self._practice_lines_not_the_facility_s(lines)

        def basis(measure: str) -> tuple[np.ndarray, np.ndarray]:
            """Each row's amount of ``measure`` (allowed, beneficiary, medicare) --paid-for (or its line) picks."""
            terms = (lines.cents[measure], lines.valid[measure], lines.cents[f"professional_{measure}"],
                     lines.valid[f"professional_{measure}"], at_hospital_or_asc(lines.site))  # fmt: skip
            cents, valid = paid_for_rule.paid_for_basis(self.scenario.paid_for, *terms)
            for name, rows in by_line.items():
                theirs, theirs_valid = paid_for_rule.paid_for_basis(name, *terms)
                cents, valid = np.where(rows, theirs, cents), np.where(rows, theirs_valid, valid)
            if practice is not None:
                valid = valid & ~practice  # --paid-for facility: the practice's claim, not compared
            return cents, valid

        allowed, valid = basis(share)
        # A contract rate is a percentage of the allowed amount the row is compared with, not the site's whole: a
        # physician's 71046-26 at POS 22 (its contract of the PFS facility fee, $10.42 of $10.12) read 10.68% of the
        # hospital's and the physician's allowed together, and an ASC's own bill 76.20% for its 103%.
        lines.contract_basis = basis("allowed") if lines.contract_rate is not None else None
        expected = allowed
        if self.scenario.percent_of_medicare is not None:
            from rvucalc.engine.scenario import contract_amount

            expected = np.asarray(contract_amount(allowed, self.scenario.percent_of_medicare), dtype=np.int64)
            lines.set_money("contract_amount", np.arange(lines.rows), expected, valid)
        from rvucalc.engine.scenario import REVERSAL_NOTE, REVERSED_NOTE, is_reversal

        lines.set_money("paid_as_read", np.arange(lines.rows), lines.paid, lines.paid_given)
        # A negative paid amount is a take-back of an earlier payment, not a payment for the line: not compared; nor
        # is the payment it takes back, where its claim has it (batch.claims.mark_reversals).
        reversal = lines.paid_given & is_reversal(lines.paid)
        out = reversal if lines.reversed is None else lines.reversed | reversal
        # An amount priced nationally (no ZIP or locality: the summary's `national`; or a hospital's or ASC's rate
        # without a wage index) is no amount Medicare pays (it pays by locality): its variance would be the place's
        # difference, not an underpayment.
        national = self._national(lines, measure)
        for name, rows in by_line.items():
            national = np.where(rows, self._national(lines, "professional_allowed" if name == "professional"
                                                     else FACILITY_CLAIM), national)  # fmt: skip
        if lines.charge is not None and lines.charge_given is not None:
            compared = lines.charge_given & ~out & ~national
            if self.scenario.percent_of_medicare is None:
                expected = self._lesser_of_charge(lines, lines.charge, compared, expected, basis, by_line)
            else:
                self._charge_below_contract(lines, lines.charge, compared & valid, expected, basis, by_line)
        paid = lines.paid_given & valid & ~out & ~national
        lines.set_money("expected", np.arange(lines.rows), expected, paid)
        lines.set_money("variance", np.arange(lines.rows), lines.paid - expected, paid)
        ok = lines.error == 0
        if (reversal & ok).any():
            lines.add_note("paid", np.flatnonzero(reversal & ok), lines.texts.id(REVERSAL_NOTE))
        if (out & ~reversal & ok).any():
            lines.add_note("paid", np.flatnonzero(out & ~reversal & ok), lines.texts.id(REVERSED_NOTE))
        nationally = lines.paid_given & valid & ~out & national & ok
        if nationally.any():
            placed = lines.locality_priced != lines.texts.id(NATIONAL)
            lines.add_note("paid", np.flatnonzero(nationally & ~placed), lines.texts.id(PAID_NATIONAL))
            lines.add_note("paid", np.flatnonzero(nationally & placed), lines.texts.id(PAID_FACILITY_NATIONAL))
        # A paid amount with nothing to compare it with is said on its row, never left unchecked in silence.
        unchecked = lines.paid_given & ~valid & ~out & ok
        if measure == FACILITY_CLAIM and unchecked.any():  # a row at no hospital or ASC: no facility payment to expect
            sited = lines.valid["allowed"] & ~np.isin(lines.site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
            other = sited & (lines.site == FACILITY_PROFESSIONAL)
            lines.add_note("paid", np.flatnonzero(unchecked & sited & ~other), lines.texts.id(PAID_NOT_AT_FACILITY))
            lines.add_note("paid", np.flatnonzero(unchecked & other), lines.texts.id(PAID_AT_OTHER_FACILITY))
            unchecked &= ~sited
        if unchecked.any():
            professional = unchecked & lines.valid["professional_allowed"] & (measure == "allowed")
            for rows in by_line.values():  # compared with their claim's amount: no --paid-for to suggest
                professional &= ~rows
            # Without a place of service column, only a row some site has an amount for lacks its allowed amount for
            # want of a place; one with none anywhere (a DME item of a year whose DMEPOS file is missing) for that.
            anywhere = lines.valid["office_allowed"] | lines.valid["hopd_allowed"] | lines.valid["asc_allowed"]
            placeless = unchecked & ~professional & anywhere & (not lines.sited)
            lines.add_note("paid", np.flatnonzero(placeless), lines.texts.id(PAID_WITHOUT_SETTING))
            lines.add_note(
                "paid", np.flatnonzero(unchecked & ~professional & ~placeless), lines.texts.id(PAID_NOT_COMPARED)
            )
            hint = medicare_share_note(PAID_FOR_PROFESSIONAL_HINT, share)
            lines.add_note("paid", np.flatnonzero(professional), lines.texts.id(f"{PAID_NOT_COMPARED} {hint}"))
        at_facility = paid & np.isin(lines.site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
        for rows in by_line.values():  # compared with their own claim's amount, not the site's whole (noted)
            at_facility &= ~rows
        whole = measure == "allowed" and at_facility.any()
        coded = whole and lines.revenue_coded is not None and bool((at_facility & lines.revenue_coded).any())
        said = PAID_AT_FACILITY_REVENUE_NOTE if coded else PAID_AT_FACILITY_NOTE
        return [medicare_share_note(said, share)] if whole else []

    def _lesser_of_charge(
        self, lines: Lines, charges: np.ndarray, compared: np.ndarray, expected: np.ndarray,
        basis: Callable[[str], tuple[np.ndarray, np.ndarray]], by_line: dict[str, np.ndarray],
    ) -> np.ndarray:  # fmt: skip
        """``expected`` with the rows whose charge is below the amount it is compared with (``basis('allowed')``: the
        amount --paid-for, or the row's claim, picks) given what Medicare allows of them, the charge (its Medicare
        share with --paid-is medicare: the charge less the line's coinsurance of it, sequestered with --sequestration),
        where the lesser-of rule applies (lookup.paid_for.charge_compared: a practitioner's or supplier's amount, not a
        hospital's or ASC's). ``charges``: the rows' charges (cents); ``compared``: those to compare (a charge given,
        not a reversal, not priced nationally). Each such row's note says so (CHARGE_BELOW_NOTE); counted
        (CHARGE_BELOW_KEY). The allowed, beneficiary and medicare columns stay the fee schedule's."""
        import numpy as np

        kind = np.full(lines.rows, self.scenario.paid_for, dtype=object)
        for name, rows in by_line.items():
            kind[rows] = name
        fee, fee_valid = basis("allowed")
        patient, _ = basis("beneficiary")
        below = (paid_for_rule.charge_compared(kind, at_hospital_or_asc(lines.site)) & fee_valid & (charges < fee)
                 & compared & (lines.error == 0))  # fmt: skip
        if not below.any():
            return expected
        at = np.flatnonzero(below)
        percent = (np.full(len(at), COINSURANCE_PERCENT * 100, dtype=np.int64) if lines.coinsurance is None
                   else lines.coinsurance[at])  # fmt: skip
        charge = charges[at]
        lines.charge_below_cents = int((fee[at] - charge).sum())  # the summary's total below (CHARGE_BELOW_CENTS_KEY)
        allowed, share, plain = paid_for_rule.lesser_of_charge(charge, fee[at], patient[at], percent)
        medicare = allowed - share
        if self.scenario.sequestration:  # one claim's line (a practitioner's or supplier's): 2% of its share
            medicare = claims_sequestered(medicare, 0)
        expected = expected.copy()
        expected[at] = medicare if self.scenario.paid_is == "medicare" else allowed
        schedule = np.full(len(at), "pfs", dtype=object)
        pfs = lines.valid["pfs_non_facility_amount"][at] | lines.valid["pfs_facility_amount"][at]
        for name in ("dmepos", "drug", "clfs"):  # a lab's, drug's or DME item's own amount, off the PFS
            schedule = np.where(~pfs & lines.valid[f"{name}_amount"][at], name, schedule)
        for i in np.flatnonzero(schedule == "dmepos").tolist():  # the item's own statute by its payment category
            schedule[i] = self._dmepos_charge_rule(lines, int(at[i]))
        sequestered = " after the 2% sequestration" if self.scenario.sequestration else ""
        notes = [
            CHARGE_BELOW_NOTE.format(
                charge=_dollars(c), amount=_dollars(f), what=paid_for_rule.LESSER_OF_CHARGE_RULES[kind_of][0],
                rule=paid_for_rule.LESSER_OF_CHARGE_RULES[kind_of][1],
                patient=("no coinsurance" if s == 0 else f"patient {_percent(p)} = {_dollars(s)}" if is_plain
                         else f"patient's share = {_dollars(s)}"),
                medicare=f"Medicare {_dollars(m)}{sequestered}",
            )
            for c, f, s, p, is_plain, m, kind_of in zip(charge.tolist(), fee[at].tolist(), share.tolist(),
                                                        percent.tolist(), plain.tolist(), medicare.tolist(),
                                                        schedule.tolist(), strict=True)
        ]  # fmt: skip
        lines.add_note("paid", at, lines.texts.ids(notes))
        return expected

    def _charge_below_contract(
        self, lines: Lines, charges: np.ndarray, compared: np.ndarray, contract: np.ndarray,
        basis: Callable[[str], tuple[np.ndarray, np.ndarray]], by_line: dict[str, np.ndarray],
    ) -> None:  # fmt: skip
        """A contract run's rows (--percent-of-medicare) whose charge is below their contract amount (``contract``,
        cents), where a charge caps what Medicare allows (lookup.paid_for.charge_compared: a practitioner's or
        supplier's amount, not a hospital's or ASC's): noted (CHARGE_BELOW_CONTRACT_NOTE, with Medicare's own lesser
        of rule where the charge is below the fee schedule amount too), counted (CHARGE_BELOW_CONTRACT_KEY). Expected
        stays the contract amount: amounts unchanged."""
        import numpy as np

        kind = np.full(lines.rows, self.scenario.paid_for, dtype=object)
        for name, rows in by_line.items():
            kind[rows] = name
        fee, _ = basis("allowed")
        below = (paid_for_rule.charge_compared(kind, at_hospital_or_asc(lines.site)) & (charges < contract)
                 & compared & (lines.error == 0))  # fmt: skip
        if not below.any():
            return
        at = np.flatnonzero(below)
        lines.charge_below_contract_cents = int((contract[at] - charges[at]).sum())
        schedule = np.full(len(at), "pfs", dtype=object)
        pfs = lines.valid["pfs_non_facility_amount"][at] | lines.valid["pfs_facility_amount"][at]
        for name in ("dmepos", "drug", "clfs"):  # a lab's, drug's or DME item's own amount, off the PFS
            schedule = np.where(~pfs & lines.valid[f"{name}_amount"][at], name, schedule)
        for i in np.flatnonzero(schedule == "dmepos").tolist():
            schedule[i] = self._dmepos_charge_rule(lines, int(at[i]))
        notes = []
        for c, k, f, kind_of, paid in zip(charges[at].tolist(), contract[at].tolist(), fee[at].tolist(),
                                          schedule.tolist(), lines.paid_given[at].tolist(), strict=True):  # fmt: skip
            what, rule = paid_for_rule.LESSER_OF_CHARGE_RULES[kind_of]
            medicare = (CHARGE_BELOW_CONTRACT_MEDICARE.format(what=what, amount=_dollars(f), charge=_dollars(c),
                                                              rule=rule) if c < f else "")  # fmt: skip
            kept = CHARGE_BELOW_CONTRACT_KEPT[0 if paid else 1].format(contract=_dollars(k))
            notes.append(CHARGE_BELOW_CONTRACT_NOTE.format(charge=_dollars(c), contract=_dollars(k), kept=kept,
                                                           medicare=medicare))  # fmt: skip
        lines.add_note("paid", at, lines.texts.ids(notes))

    def _dmepos_charge_rule(self, lines: Lines, row: int) -> str:
        """A DMEPOS row's LESSER_OF_CHARGE_RULES key (lookup.paid_for.dmepos_charge_rule): by its code's payment
        categories in the DMEPOS release in force on its date (the one that priced it), read once per release."""
        code = lines.codes[int(lines.code[row])].code
        year_text, date_text = lines.whens[int(lines.when[row])]
        run = self._releases_in_force()
        try:
            day = run.day(date_text) if date_text else None
            year = day.year if day is not None else int(year_text)
            release, _ = run.in_force("dmepos", year, day)
        except (RvucalcError, ValueError):
            return "dmepos"
        if release is None:
            return "dmepos"
        if release.release not in self._dmepos_categories:
            items = self.pricer.store(release).columns("dmepos", ["hcpcs", "catg", "source"])
            categories: dict[str, set[str]] = {}
            for hcpcs, catg, source in zip(items["hcpcs"], items["catg"], items["source"], strict=True):
                if catg or source == "PEN":  # a PEN file row has no CATG: its own pseudo category
                    categories.setdefault(str(hcpcs), set()).add(str(catg or paid_for_rule.PEN_CATEGORY))
            self._dmepos_categories[release.release] = {k: frozenset(v) for k, v in categories.items()}
        return paid_for_rule.dmepos_charge_rule(self._dmepos_categories[release.release].get(code, frozenset()))

    def _without_hospital_remit_on_practitioner_claims(self, lines: Lines, by_line: dict[str, np.ndarray]) -> None:
        """Leave the hospital's remit figures of Q1/Q2 lines (engine.facility.hospital_remit_only: "a remit of $X on
        one and $0.00 on the others would be that packaging, not an underpayment") off a hospital row whose paid amount
        is compared with the practitioner's claim (``professional_allowed``: --paid-for professional, or its line's
        26, PC/TC 2 ... by ``_paid_for_by_line``). That remit is the hospital's UB-04; the practitioner's CMS-1500 line
        (88305-26 at POS 22) is paid its PFS facility amount whatever the OPPS packages (Pub. 100-04 ch. 12 §20.4.2;
        a pathology trial's 88305-26 and 88342-26 rows read that a $0.00 remit would be packaging). The figures stay
        where the hospital's claim is the one compared (--paid-for site or facility, a 13x row) or nothing is."""
        import numpy as np

        if not lines.texts.containing(CONDITIONAL_SEVERAL_FIGURES).any():
            return
        if self.scenario.paid_for == "professional":  # every row's paid amount or contract is the practitioner's
            professional = np.ones(lines.rows, dtype=bool)
        elif "professional" in by_line:  # (a run with a paid column alone: _paid_for_by_line)
            professional = by_line["professional"] & lines.paid_given
        else:
            return
        rows = professional & (lines.error == 0) & (lines.site == SITE_NAMES.index("hopd"))
        rows &= lines.rows_noting(CONDITIONAL_SEVERAL_FIGURES)
        if rows.any():
            lines.rewritten_parts(np.flatnonzero(rows), _without_hospital_remit)

    def _practice_lines_not_the_facility_s(self, lines: Lines) -> np.ndarray | None:
        """With --paid-for facility, the rows of a practice's lines at the ASC beside the ASC's own billing provider
        rows (Lines.practice_billed; not a facility's own type of bill, nor a revenue-coded line of it): not compared,
        noted where they have a paid amount (PAID_PRACTICE_NOT_FACILITY_NOTE), and kept as Lines.practice_claim for
        the totals (PRACTICE_CLAIM_KEY). None where --paid-for is not facility, or no row is such."""
        import numpy as np

        if self.scenario.paid_for != "facility" or lines.practice_billed is None:
            return None
        rows = lines.practice_billed & at_hospital_or_asc(lines.site) & (lines.error == 0)
        if lines.facility_bill is not None:
            rows &= ~lines.facility_bill
        if lines.revenue_coded is not None:
            rows &= ~lines.revenue_coded
        if not rows.any():
            return None
        lines.practice_claim = rows
        said = np.flatnonzero(rows & lines.paid_given)
        if said.size:
            lines.add_note("paid", said, lines.texts.id(PAID_PRACTICE_NOT_FACILITY_NOTE))
        return rows

    def _paid_for_by_line(self, lines: Lines) -> dict[str, np.ndarray]:
        """Without --paid-for (site, not given): the rows that say whose claim they are, by the --paid-for that
        compares them ('professional', 'facility' -> per row), each row's note saying so where it has a paid amount or
        a contract (PAID_AS_PROFESSIONAL_NOTE, PAID_BY_CLAIM_NOTE, PAID_AS_FACILITY_NOTE) and the rows counted
        (PAID_BY_LINE_KEY): a practitioner's line (lookup.paid_for.professional_claim_line: its modifiers, 26 ...,
        or its code's PC/TC indicator, 2, 6, 8) at a hospital or ASC, where the site's allowed amount adds the
        facility's payment (elsewhere it is the practitioner's own); every other line at a hospital or ASC of a claim
        (one claim id) that carries such a line, the claim being the practitioner's (CMS-1500 / 837P: a hospital's or
        ASC's claim never carries one); and a row set by a facility's own type of bill (13x, 83x: Lines.facility_bill),
        whatever its modifiers (the UB-04 is the facility's claim). A claim with such a bill on a row and a
        practitioner's line on another says both: its lines are compared by line alone, as before; its other lines at
        a hospital or ASC are the practitioner's (``_beside_facility_bill``: the facility's rows are its claim, priced
        apart). {} with --paid-for given, or no such row."""
        import numpy as np

        lines.paid_by_line = {}
        contract = self.scenario.percent_of_medicare is not None  # its basis is the run's, as price's (note above)
        if self.scenario.paid_for_given or self.scenario.paid_for != "site" or contract:
            return {}
        ok = lines.error == 0
        bill = lines.facility_bill & ok if lines.facility_bill is not None else np.zeros(lines.rows, dtype=bool)
        sited = at_hospital_or_asc(lines.site) & ok
        # A contract rate is of the amount its row's claim is compared with (Lines.contract_basis), paid column or none:
        # a contract file without one read a physician's 71046-26 at POS 22 as 10.89% of the site's whole allowed
        # amount, 104.17% beside a paid column.
        compared = (
            lines.paid_given if lines.contract_rate_given is None else lines.paid_given | lines.contract_rate_given
        )
        if not sited.any() or not compared.any():
            # no row at a hospital or ASC (every row's amount is its own claim's already), or no paid amount or contract
            # rate to compare (a run without either: its claims' and codes' facts would cost every chunk for nothing)
            return {}
        flagged = lines.flag(
            "professional claim line", lambda cell: paid_for_rule.professional_claim_line(cell.modifiers) is not None
        )
        by_modifier = flagged[lines.code] & ok
        pctc = self._professional_pctc(lines, ~by_modifier & (sited | (lines.claimed() & ok)))
        pctc = np.where(pctc == 0, self._no_facility_here(lines, sited & ~by_modifier & ~bill), pctc)
        own = by_modifier | (pctc != 0)
        professional = own & sited & ~bill
        # A row with a revenue code is a line of the facility's own bill (the UB-04's Form Locator 42, Claims Processing
        # Manual ch. 25 §75.4; no CMS-1500 field holds one) whose type of bill an export writes on the claim's first
        # row alone (FL 4 is the bill's, not the line's): not a practitioner's claim's by its claim, compared as before.
        # A session 72 review: a hospital's UB-04 of 93306 (type of bill 131) and 71046 (revenue code 0324, its type of
        # bill blank), POS 22 on both (ZIP 19146, 2025-11-29), read its 71046 paid $60.00 "overpaid" against the
        # radiologist's $10.39 (beside the bill, or beside a cardiologist's 93306-26 under the same claim id).
        coded = lines.revenue_coded if lines.revenue_coded is not None else np.zeros(lines.rows, dtype=bool)
        by_claim, carrier = self._practitioners_claim_lines(lines, own, sited & ~bill & ~coded)
        beside = self._beside_facility_bill(lines, bill, sited & ~bill & ~coded & ~professional & ~by_claim)
        practice = lines.practice_billed if lines.practice_billed is not None else np.zeros(lines.rows, dtype=bool)
        by_practice = practice & sited & ~bill & ~coded & ~professional & ~by_claim & ~beside
        found = {name: rows for name, rows in (("professional", professional | by_claim | beside | by_practice),
                                               ("facility", bill)) if rows.any()}  # fmt: skip
        said = lines.paid_given
        if professional.any():
            mine = np.flatnonzero(professional & said)
            kinds, inverse = self._practitioner_kinds(lines, mine, pctc)
            worded = medicare_share_note(PAID_AS_PROFESSIONAL_NOTE, self.scenario.paid_is)
            notes = lines.texts.ids([worded.format(what=kind) for _, kind in kinds])
            lines.add_note("paid", mine, notes[inverse])
        if by_claim.any():
            mine = np.flatnonzero(by_claim & said)
            kinds, inverse = self._practitioner_kinds(lines, carrier[mine], pctc)
            worded = medicare_share_note(PAID_BY_CLAIM_NOTE, self.scenario.paid_is)
            notes = lines.texts.ids([worded.format(line=_line_text(lines, row), what=kind)
                                     for row, kind in kinds])  # fmt: skip
            lines.add_note("paid", mine, notes[inverse])
        if beside.any():
            mine = np.flatnonzero(beside & said)
            lines.add_note(
                "paid", mine, lines.texts.id(medicare_share_note(PAID_BESIDE_BILL_NOTE, self.scenario.paid_is))
            )
        if by_practice.any():
            mine = np.flatnonzero(by_practice & said)
            lines.add_note(
                "paid", mine, lines.texts.id(medicare_share_note(PAID_BY_PRACTICE_NOTE, self.scenario.paid_is))
            )
        if bill.any():
            mine = np.flatnonzero(bill & said)
            hopd = lines.site[mine] == SITE_NAMES.index("hopd")
            own = lines.asc_own[mine] if lines.asc_own is not None else np.zeros(mine.size, dtype=bool)
            billed = lines.asc_billed[mine] if lines.asc_billed is not None else np.zeros(mine.size, dtype=bool)
            worded = medicare_share_note(PAID_AS_FACILITY_NOTE, self.scenario.paid_is)
            whose = (mine[hopd], mine[~hopd & ~own], mine[own & ~billed], mine[billed])
            for rows, claim in zip(whose, FACILITY_CLAIM_WORDS, strict=True):
                if rows.size:
                    lines.add_note("paid", rows, lines.texts.id(worded.format(claim=claim)))
        lines.paid_by_line = {name: int((rows & said).sum()) for name, rows in found.items()}
        return found

    def _no_facility_here(self, lines: Lines, rows: np.ndarray) -> np.ndarray:
        """Per row (of the mask ``rows``: at a hospital or ASC), NO_ASC_PAYS or NO_HOSPITAL_PAYS where no facility is
        paid for its code at its site, so that its only claim there is the practitioner's: at an ASC a code on neither
        ASC list (Addendum AA, BB: engine.facility.ASC_NOT_LISTED in its note), at a hospital one the hospital does
        not bill itself (Addendum B's SI B or M, or none: ``_hospital_bills``), where the row has a professional amount
        and no site amount (its facility's file installed). 27096 at POS 24 (the ASC bills G0260, the physician 27096:
        CMS's MLN article on G0260 and 27096) is the physician's line, as 77003-26 beside it is (a PM&R trial). 0 for
        every other row."""
        import numpy as np

        found = np.zeros(lines.rows, dtype=np.int8)
        rows = rows & lines.valid["professional_allowed"] & ~lines.valid["allowed"] & (lines.error == 0)
        if lines.facility_missing is not None:
            rows &= lines.facility_missing == 0
        if not rows.any():
            return found
        asc = rows & (lines.site == SITE_NAMES.index("asc")) & ~lines.valid["asc_rate"]
        if asc.any():
            found[
                asc & lines.rows_noted(("site_reason", "pfs_reason", "line"), lambda text: ASC_NOT_LISTED in text)
            ] = NO_ASC_PAYS
        hopd = np.flatnonzero(rows & (lines.site == SITE_NAMES.index("hopd")) & ~lines.valid["opps_rate"]
                              & (lines.release != 0))  # fmt: skip
        if hopd.size:
            pairs, inverse = np.unique(np.stack([lines.release[hopd], lines.code[hopd]]), axis=1, return_inverse=True)
            billed = [self._hospital_bills(lines.texts.values[release], lines.codes[code].code)
                      for release, code in pairs.T.tolist()]  # fmt: skip
            found[hopd] = np.where(np.array(billed, dtype=bool)[inverse.reshape(-1)], 0, NO_HOSPITAL_PAYS)
        return found

    def _professional_pctc(self, lines: Lines, rows: np.ndarray) -> np.ndarray:
        """Per row (of the mask ``rows``), its code's PC/TC indicator where it makes the line a practitioner's
        (lookup.paid_for.PROFESSIONAL_ONLY_PCTC: 2, 6, 8), read off its CMS row without a modifier in the PFS release
        that priced it; 0 for every other row. Python per distinct release and code cell."""
        import numpy as np

        found = np.zeros(lines.rows, dtype=np.int8)
        rows = rows & (lines.release != 0)
        if not rows.any():
            return found
        pairs, inverse = np.unique(np.stack([lines.release[rows], lines.code[rows]]), axis=1, return_inverse=True)
        indicators = []
        for release_id, code in pairs.T.tolist():
            pfs = self._pfs.get(lines.texts.values[release_id])
            position = None if pfs is None else pfs.rvu_position.get(f"{lines.codes[code].code}|")
            if pfs is None or position is None:
                indicators.append(0)
                continue
            if "pctc_text" not in pfs.rvu:  # the release's PC/TC indicators, read once
                pfs.rvu["pctc_text"] = _texts_array(pfs.reference.rvu["pctc"])
            indicator = str(pfs.rvu["pctc_text"][position]).strip()
            only = indicator in paid_for_rule.PROFESSIONAL_ONLY_PCTC
            if only and self._hospital_bills(lines.texts.values[release_id], lines.codes[code].code):
                only = False
            indicators.append(int(indicator) if only else 0)
        found[rows] = np.array(indicators, dtype=np.int8)[inverse.reshape(-1)]
        return found

    def _professional_only_rows(self, lines: Lines, rows: np.ndarray) -> np.ndarray:
        """Of the mask ``rows`` (revenue-coded rows a facility's bill on their claim id would take in: batch.lines.
        _revenue_coded_on_the_facility_bill, _revenue_coded_on_a_critical_access_bill), those whose code is a
        practitioner's service the hospital does not bill: its PC/TC indicator 2, 6 or 8 (lookup.paid_for.
        PROFESSIONAL_ONLY_PCTC) where Addendum B does not give the hospital the code (``_hospital_bills``: SI M, B or
        none; 77071, SI Q1, stays the hospital's), or Addendum B's status indicator M, "Items and Services Not Billable
        to the MAC" (the OPPS final rule's Addendum D1): "Outpatient hospital services do not include professional
        services performed by physicians ... if Medicare reimburses the services independently and not as part of the
        outpatient hospital service" (42 CFR 411.351), and 42 CFR 419.22(a) leaves physicians' services out of the
        OPPS. A UB-04 export's 93010 (PC/TC 2, SI M) with the 93005's revenue code 0730 beside a 131 row was taken into
        the hospital's bill, its $8.06 PFS fee in no practitioner's claim. The row's PFS release by its date (the one
        that prices it), each distinct (release, code) decided once."""
        import numpy as np

        found = np.zeros(lines.rows, dtype=bool)
        at = np.flatnonzero(rows)
        if not at.size:
            return found
        releases = [self._release_for(year, date)[0] for year, date in lines.whens]
        names = sorted({release.release for release in releases if release is not None})
        of_when = np.array([names.index(r.release) if r is not None else -1 for r in releases], dtype=np.int64)
        release_of = of_when[lines.when[at]]
        at, release_of = at[release_of >= 0], release_of[release_of >= 0]
        if not at.size:
            return found
        pairs, inverse = np.unique(np.stack([release_of, lines.code[at].astype(np.int64)]), axis=1,
                                   return_inverse=True)  # fmt: skip
        by_name = {release.release: release for release in releases if release is not None}
        only = []
        for number, code_id in pairs.T.tolist():
            release, code = by_name[names[number]], lines.codes[code_id].code
            status = self._hospital_status(release.release, code)
            pfs = self.pfs_arrays(release)
            position = pfs.rvu_position.get(f"{code}|")
            if "pctc_text" not in pfs.rvu:  # the release's PC/TC indicators, read once
                pfs.rvu["pctc_text"] = _texts_array(pfs.reference.rvu["pctc"])
            pctc = "" if position is None else str(pfs.rvu["pctc_text"][position]).strip()
            professional = pctc in paid_for_rule.PROFESSIONAL_ONLY_PCTC and not self._hospital_bills(release.release,
                                                                                                    code)  # fmt: skip
            only.append(professional or status == paid_for_rule.NOT_BILLABLE_TO_THE_MAC)
        found[at] = np.array(only, dtype=bool)[inverse.reshape(-1)]
        return found

    def _remote_interpretation_notes(self, lines: Lines, ok: np.ndarray) -> None:
        """A diagnostic test's professional component at POS 02 or 10 (teleradiology) says it is no telehealth service
        in place of the telehealth list's note (engine.place_of_service.place_note_for_line, as the single lookup's
        place note): its code's PC/TC indicator read off its CMS row without a modifier in the PFS release that priced
        it, per distinct setting cell, release and code cell."""
        import numpy as np

        assert lines.setting_of is not None
        at_telehealth = np.array([pos in TELEHEALTH_POS for pos, _ in lines.setting_places] or [False], dtype=bool)
        rows = ok & (lines.setting_of >= 0) & (lines.release != 0)
        rows &= at_telehealth[np.maximum(lines.setting_of, 0)]
        if not rows.any():
            return
        rows &= lines.rows_noting(TELEHEALTH_LIST_NOTE)
        keys = np.stack([lines.setting_of[rows], lines.release[rows], lines.code[rows]])
        triples, inverse = np.unique(keys, axis=1, return_inverse=True)
        at = np.flatnonzero(rows)
        for number, (setting, release_id, code) in enumerate(triples.T.tolist()):
            pfs = self._pfs.get(lines.texts.values[release_id])
            cell = lines.codes[code]
            position = None if pfs is None else pfs.rvu_position.get(f"{cell.code}|")
            if pfs is None or position is None:
                continue
            if "pctc_text" not in pfs.rvu:  # the release's PC/TC indicators, read once
                pfs.rvu["pctc_text"] = _texts_array(pfs.reference.rvu["pctc"])
            pctc = str(pfs.rvu["pctc_text"][position])
            pos = lines.setting_places[setting][0]
            rewrite = functools.partial(
                place_note_for_line, pos=pos, pctc=pctc, modifiers=cell.modifiers, code=cell.code
            )
            lines.rewritten_parts(at[inverse.reshape(-1) == number], rewrite, "setting")

    def _hospital_bills(self, pfs_release: str, code: str) -> bool:
        """Whether the hospital bills a code itself: its status indicator in the newest Addendum B installed for the
        PFS release's year (else the newest of all) is neither M (not billable to the MAC: the physician's service
        alone) nor B, where Addendum B lists it. A PC/TC indicator 2 code can be the hospital's too (a review: 77071,
        SI Q1 at $88.05 in October 2025; 77435, 88141, 96936, SI N): such a line says nothing of whose claim it is."""
        status = self._hospital_status(pfs_release, code)
        return status is not None and status not in paid_for_rule.NOT_HOSPITAL_BILLED_SI

    def _hospital_status(self, pfs_release: str, code: str) -> str | None:
        """A code's status indicator in the newest Addendum B installed for the PFS release's year (else the newest of
        all); None where it does not list the code or no OPPS release is installed. Per OPPS release and code."""
        catalogue = self.pricer.catalogue
        year = next((r.year for r in catalogue.releases("pfs") if r.release == pfs_release), None)
        releases = [r for r in catalogue.releases("opps") if year is None or r.year == year] or list(
            catalogue.releases("opps"))  # fmt: skip
        if not releases:
            return None
        newest = max(releases, key=lambda release: release.effective_from)
        key = (newest.release, code)
        if key not in self._hospital_si:
            row = catalogue.store(newest).opps(code)
            status = None if row is None else row.get("si")
            self._hospital_si[key] = None if status is None else str(status).strip()
        return self._hospital_si[key]

    @staticmethod
    def _practitioner_kinds(
        lines: Lines, rows: np.ndarray, pctc: np.ndarray
    ) -> tuple[list[tuple[int, str]], np.ndarray]:
        """What these practitioner's lines are (lookup.paid_for.professional_claim_line: 'a professional component
        (26)'), by their modifiers or their PC/TC indicator (``pctc``, per row: 0 none): each distinct (code cell,
        indicator) once, as (a row of it, its words), and per row of ``rows`` its position among them."""
        import numpy as np

        pairs, first, inverse = np.unique(np.stack([lines.code[rows], pctc[rows].astype(np.int32)]), axis=1,
                                          return_index=True, return_inverse=True)  # fmt: skip
        kinds = []
        for (code, indicator), row in zip(pairs.T.tolist(), rows[first].tolist(), strict=True):
            if indicator in NO_FACILITY_PAYS:
                kinds.append((row, NO_FACILITY_PAYS[indicator].format(code=lines.codes[code].code)))
                continue
            said = paid_for_rule.professional_claim_line(
                lines.codes[code].modifiers, str(indicator) if indicator else None
            )
            kinds.append((row, str(said)))
        return kinds, inverse.reshape(-1)

    @staticmethod
    def _beside_facility_bill(lines: Lines, bill: np.ndarray, eligible: np.ndarray) -> np.ndarray:
        """The ``eligible`` rows (priced at a hospital or ASC, no facility bill, no practitioner's line by its own word
        or its claim's) whose claim id (not a reversal's row) holds a facility's own bill's rows (``bill``: type of
        bill 13x, 83x, the ASC by its provider or billing provider): those rows are the facility's claim, priced apart
        (batch.claims.billing_entity), so these are the practitioner's claim's (PAID_BESIDE_BILL_NOTE)."""
        import numpy as np

        if lines.claim is None or lines.claim_given is None or not bill.any():
            return np.zeros(lines.rows, dtype=bool)
        claimed = lines.claimed()
        billed = np.unique(lines.claim[bill & claimed])
        found: np.ndarray = eligible & claimed & np.isin(lines.claim, billed)
        return found

    @staticmethod
    def _practitioners_claim_lines(
        lines: Lines, own: np.ndarray, eligible: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``eligible`` rows (priced at a hospital or ASC, no facility bill) that are no practitioner's line of
        their own (``own``) but are on a claim (one claim id, not a reversal's row) that carries one, and per row the
        first such line of its claim (-1 for the rest). A claim id's facility's own bill's rows (type of bill 13x,
        83x; the ASC's by its provider or billing provider: ``Lines.facility_bill``) are a claim apart from its
        practitioners' rows (batch.claims.billing_entities): a surgeon's lines beside a CRNA's 00813-QZ are the
        practitioners' claim whether the ASC's 831 lines share their claim id or not."""
        import numpy as np

        none = np.zeros(lines.rows, dtype=bool), np.full(lines.rows, -1, dtype=np.int64)
        if lines.claim is None or lines.claim_given is None:
            return none
        claimed = lines.claimed()
        carriers = np.flatnonzero(own & claimed)
        if not carriers.size:
            return none
        key = lines.claim.astype(np.int64) * 3
        entity = billing_entity(lines)  # each billing entity's lines a claim of their own (a supplier's too)
        if entity is not None:
            key += entity
        claims, first = np.unique(key[carriers], return_index=True)
        rows = eligible & claimed & ~own & np.isin(key, claims)
        carrier = np.full(lines.rows, -1, dtype=np.int64)
        carrier[rows] = carriers[first[np.searchsorted(claims, key[rows])]]
        return rows, carrier

    @staticmethod
    def _national(lines: Lines, measure: str = "allowed") -> np.ndarray:
        """The rows whose ``measure`` (the amount a paid amount is compared with) is priced nationally: a PFS amount
        without a ZIP or locality (a lab's, drug's or DME item's amount is the same everywhere, or the state's); and
        for a site's whole allowed amount, a hospital's or ASC's rate CMS adjusts by the wage index priced without one
        (``Lines.facility_unadjusted``: no ZIP or locality, or no single wage index for the place), at the hospital
        or ASC where the row is set (a rate of $0.00, packaged, is the same everywhere)."""

        pfs = lines.valid["pfs_non_facility_amount"] | lines.valid["pfs_facility_amount"]
        national = (lines.locality_priced == lines.texts.id(NATIONAL)) & pfs
        if measure in ("allowed", FACILITY_CLAIM):
            for site, rate in (("hopd", "opps_rate"), ("asc", "asc_rate")):
                unadjusted = lines.facility_unadjusted.get(site)
                if unadjusted is not None:
                    there = lines.site == SITE_NAMES.index(site)
                    national |= there & unadjusted & lines.valid[rate] & (lines.cents[rate] != 0)
        found: np.ndarray = national & (lines.error == 0)
        return found

    def price_frame(self, frame: pd.DataFrame, columns: dict[str, str] | None = None) -> pd.DataFrame:
        """``price_table`` for a pandas frame: the input columns, then OUTPUT_COLUMNS (money as float64 dollars, NaN
        where there is no amount). Its columns are read as the CLI reads a file's (``batch.columns``: `CPT Code`,
        `POS`, `DOS` as 08/03/2026, numbers as pandas reads them); ``columns`` is ``--columns``' role -> name.
        The frame is one input, held whole: a claim's lines are priced together wherever they are in it, as a file's
        that is short enough to hold (``batch.regroup``), and the result keeps the frame's order."""
        import numpy as np
        import pyarrow as pa

        from rvucalc.batch.arrow_columns import dollars_of
        from rvucalc.batch.columns import practitioner_column, pricing_view, resolve_columns
        from rvucalc.batch.regroup import claims_order

        names = [str(name) for name in frame.columns]
        text = pa.table({f"{position}": _frame_texts(frame.iloc[:, position]) for position in range(len(names))})
        text = text.rename_columns(names)
        column_map = practitioner_column(resolve_columns(names, columns), text, columns)
        order = claims_order(text, column_map)[0]
        if order is not None:
            text = text.take(int64_array(order))
        table, errors = pricing_view(text, column_map)
        priced = self.price_table(table, errors)
        if order is not None:
            priced = priced.take(int64_array(np.argsort(order, kind="stable")))
        result = frame.copy()
        for name in OUTPUT_COLUMNS:
            column = priced.column(name).combine_chunks()
            result[name] = dollars_of(column) if name in MONEY_COLUMNS else column.to_numpy(zero_copy_only=False)
        return result

    # -- releases and reference tables --------------------------------------------------

    def _release_for(self, year: str, date: str) -> tuple[Release | None, str | None, RvucalcError | None]:
        """PFS release for a row's year/date, with a warning or an error (cached per distinct pair)."""
        key = (year, date)
        if key not in self._releases:
            try:
                day = parse_service_date(date)
                if year and not (year.isdigit() and len(year) == 4):
                    raise UsageError(f"year {year!r} is not a year", kind=ErrorKind.BAD_DATE)
                release, warnings = self.pricer.select(int(year) if year else None, day)
                self._releases[key] = (release, "; ".join(row_warnings(warnings)) or None, None)
            except RvucalcError as exc:
                self._releases[key] = (None, None, bare_error(exc))
        return self._releases[key]

    def _with_drug_unit_hints(self, table: pa.Table, row_errors: dict[int, str] | None) -> dict[int, str] | None:
        """A bad units cell ('0.5') on a drug the ASP file lists: its error also names the drug's billing unit, as
        ``rvucalc price J2778 --units 0.5`` does (``lookup.schedules.drug_units_hint``, one implementation), per
        distinct code, cell and date."""
        from rvucalc.batch.columns import RowError
        from rvucalc.lookup.schedules import drug_units_hint

        bad = [row for row, error in (row_errors or {}).items()
               if isinstance(error, RowError) and error.kind == ErrorKind.BAD_UNITS.value and error.cell]  # fmt: skip
        if not bad or row_errors is None or "code" not in table.column_names or self.pricer.catalogue is None:
            return row_errors

        def cells(name: str) -> list[str]:  # an int64 Arrow array: a Python list's conversion imports pandas
            return (
                table.column(name).take(int64_array(bad)).to_pylist() if name in table.column_names else [""] * len(bad)
            )

        row_errors = dict(row_errors)
        for row, code, date, year in zip(bad, cells("code"), cells("date"), cells("year"), strict=True):
            error = row_errors[row]
            assert isinstance(error, RowError)
            # the code cell's code, a modifier written in it (J2778-JW) left off, as price's --units hint does
            key = ((code or "").split("-")[0].strip().upper(), error.cell, date or "", (year or "").strip())
            if key not in self._unit_hints:
                try:
                    day = parse_service_date(key[2]) if key[2] else None
                    hint = drug_units_hint(self.pricer.catalogue, key[0], key[1], day,
                                           int(key[3]) if key[3].isdigit() else None)  # fmt: skip
                except (RvucalcError, ValueError):
                    hint = None
                self._unit_hints[key] = hint
            if self._unit_hints[key]:
                said = error if error.endswith(".") else f"{error}."
                row_errors[row] = RowError(f"{said} {self._unit_hints[key]}", error.kind, error.cell)
        return row_errors

    def _schedule_year_errors(self, lines: Lines, rows: np.ndarray, when: tuple[str, str]) -> None:
        """Rows of a year with no PFS release installed whose code a CLFS, ASP or DMEPOS file lists: the error names
        that schedule's file (the single lookup's, ``Pricer.schedule_year_error``), once per code and year."""
        year_text, date = when
        year = int(date[:4]) if date[:4].isdigit() else int(year_text) if year_text.isdigit() else None
        if year is None:
            return
        codes = lines.code[rows]

        def message(cell: int) -> str:
            code = lines.codes[cell].code
            key = (code, year)
            if key not in self._year_errors:
                error = self.pricer.schedule_year_error([code], year)
                self._year_errors[key] = "" if error is None else str(error)
            return self._year_errors[key]

        lines.fail(rows, lines.texts.per_value(codes, message), kind_id(ErrorKind.RELEASE_NOT_INSTALLED))

    def pfs_arrays(self, release: Release, codes: int = 0) -> _PfsArrays:
        """``codes``: about how many distinct codes are to be looked up in the release next (``_cell_view``): when
        that reads its whole RVU table, reading it first answers the look-ups of its global rows below too (~1,100,
        a query each otherwise)."""
        import numpy as np

        if release.release not in self._pfs:
            reference = pfs_reference(self.pricer, release)
            rvu = {name: values_of(reference.rvu[name]).astype(np.int64) for name in (
                "work_rvu", "pe_nonfac_rvu", "pe_fac_rvu", "mp_rvu", "conv_factor")}  # fmt: skip
            rvu["nonfac_na"] = _texts_array(reference.rvu["nonfac_na"]) == "NA"
            # An always-therapy code's facility 'NA' is not kept: it is paid the non-facility amount there
            # (engine.pfs.facility_na, the single lookup's rule).
            rvu["fac_na"] = (_texts_array(reference.rvu["fac_na"]) == "NA") & (
                _texts_array(reference.rvu["mult_proc"]) != ALWAYS_THERAPY
            )
            # Its facility 'NA' has its own reason (engine.pfs.not_priced_reason): bill the 26 row there.
            pctc, modifier = _texts_array(reference.rvu["pctc"]), _texts_array(reference.rvu["modifier"])
            rvu["global_with_components"] = (pctc == GLOBAL_WITH_COMPONENTS) & (modifier == "")
            # A therapy service by its PC/TC indicator 7 (engine.hopd_therapy.is_therapy_code, with indicator 5: the
            # cells' 'therapy'): the hospital's line of it the PFS pays (_therapy_at_hopd).
            rvu["therapy_pctc"] = pctc == THERAPY_PCTC
            # An incident-to code's facility 'NA' has its own reason (engine.pfs.INCIDENT_TO_IN_FACILITY_REASON).
            rvu["incident_to"] = pctc == INCIDENT_TO
            # A technical component's facility 'NA' too (engine.pfs.technical_row): the facility's part there (1: a TC
            # row, 2: a technical-only code, 3: a technical-only skin substitute, engine.meanings.is_skin_substitute;
            # each its own reason).
            technical_only = (pctc == TECHNICAL_ONLY) & (modifier == "")
            from rvucalc.engine.meanings import is_skin_substitute

            # once per release's RVU rows (~19,000), not per input row
            skin = np.fromiter(map(is_skin_substitute, _texts_array(reference.rvu["hcpcs"])), dtype=bool)
            rvu["technical"] = (modifier == "TC") + 2 * (technical_only & ~skin) + 3 * (technical_only & skin)
            # a MAC-priced one's facility reason (engine.pfs.is_mac_technical_only): no practitioner's procedure's
            from rvucalc.engine.pfs import PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC as PROCEDURES

            procedure = np.isin(_texts_array(reference.rvu["hcpcs"]), sorted(PROCEDURES))
            rvu["mac_technical_only"] = technical_only & ~skin & ~procedure
            # A status I row whose reason names Medicare's code for it (engine.pfs.status_reason), and a global
            # test-only code whose facility reason names its parts (engine.pfs.global_test_in_facility_reason): a
            # reason of its own each (not one per status and NA marks: 93015's is not 93000's); so has a remote
            # monitoring code's facility 'NA' (engine.pfs.REMOTE_MONITORING_IN_FACILITY_REASON: 99453's is not the
            # reason of another code of its status and marks, whichever the run saw first).
            from rvucalc.engine.pfs import (
                GLOBAL_WITHOUT_COMPONENT_ROWS,
                HOME_INFUSION_CODES,
                REMOTE_MONITORING_CODES,
                status_reason,
            )
            from rvucalc.engine.visits import HOME_VISITS

            named = sorted(codes_instead())
            hcpcs = _texts_array(reference.rvu["hcpcs"])
            statuses = _texts_array(reference.rvu["status"])
            # Any row whose status reason names its code (engine.pfs.status_reason: a per diem code's, G0260's
            # 27096, G0463's, G0378's ...): a review's batch said "G0463 is the hospital's code" on an 80053 and an
            # A0428 row of the same status X, and the per diem reason on both, whichever code the run saw first.
            by_code = np.fromiter(
                (status_reason(s, False, h) != status_reason(s, False) for s, h in zip(statuses, hcpcs, strict=True)),
                dtype=bool,
                count=len(hcpcs),
            )
            rvu["own_reason"] = (
                ((statuses == "I") & np.isin(hcpcs, named))
                | ((pctc == GLOBAL_TEST_ONLY) & (modifier == "") & np.isin(hcpcs, sorted(GLOBAL_TEST_PARTS)))
                | np.isin(hcpcs, sorted(REMOTE_MONITORING_CODES))
                # a home visit's facility 'NA' too (engine.pfs.HOME_VISIT_IN_FACILITY_REASON)
                | np.isin(hcpcs, sorted(HOME_VISITS))
                | np.isin(hcpcs, sorted(HOME_INFUSION_CODES))  # status X, a reason of their own (engine.pfs)
                # an indicator 1 global row with no 26 row (80506: engine.pfs.global_without_component_reason)
                | np.isin(hcpcs, sorted(GLOBAL_WITHOUT_COMPONENT_ROWS))
                | by_code
                # a practitioner's procedure of PC/TC 3 (G0681: engine.pfs.is_mac_technical_only): not 77520's
                | procedure
            )
            wages = wage_reference(self.pricer, reference)
            gpci = [values_of(reference.localities[n]).astype(np.int64) for n in ("gpci_work", "gpci_pe", "gpci_mp")]
            self._pfs[release.release] = _PfsArrays(
                reference=reference,
                status=_texts_array(reference.rvu["status"]),
                rvu=rvu,
                gpci=(gpci[0], gpci[1], gpci[2]),
                zip_locality=values_of(reference.zips["locality"]),
                plus4=values_of(reference.zips["plus4"]),
                cap_key=values_of(reference.caps["key"]),
                caps={name: values_of(reference.caps[name]) for name in ("cap_fac", "cap_nonfac")},
                wage_index=int_values(wages["wage_index"], -1),
                wage_warning=wages["warning"].combine_chunks(),
                wage_choices=wages["choices"].combine_chunks(),
                county_note=wages["county_note"].combine_chunks(),
                localities=strings_of(reference.localities["locality"]),
                zips=reference.zips["zip"].combine_chunks(),
                rvu_keys=strings_of(reference.rvu["key"]),
            )
            arrays = self._pfs[release.release]
            # A global diagnostic test's facility setting is its 26 row's (lookup.lines.component_row), asked of its
            # global rows alone (PC/TC indicator 1, no modifier: a few hundred).
            facility_row = np.arange(len(arrays.rvu_keys), dtype=np.int64)
            store = self._lookups(self.pricer.catalogue.store(release))
            store.expect(codes)  # type: ignore[attr-defined]
            for position in np.flatnonzero(rvu["global_with_components"]).tolist():
                row = store.rvu(*arrays.rvu_keys[position].split("|", 1))
                professional = None if row is None else line_rules.component_row(store, row)
                if professional is not None:
                    facility_row[position] = arrays.rvu_position[f"{professional['hcpcs']}|26"]
            arrays.facility_row = facility_row
            paid = is_paid_status(arrays.status) & ~is_contractor_priced(
                arrays.status, rvu["work_rvu"], rvu["pe_nonfac_rvu"], rvu["pe_fac_rvu"], rvu["mp_rvu"]
            )
            component = facility_row != np.arange(len(facility_row))
            settings = {"non_facility": paid & ~rvu["nonfac_na"], "facility": (paid & ~rvu["fac_na"]) | component}
            first, second = (settings[setting] for setting in line_rules.SETTINGS)
            arrays.payable = (first, second)
        return self._pfs[release.release]

    def _facility_release_notes(self, lines: Lines, elsewhere: np.ndarray) -> None:
        """An OPPS or ASC quarter's warning (its file in force on the date not installed) taken off the rows of another
        schedule (a DME item, a lab, a drug from the ASP file) that file gives no rate, as the single lookup's
        (lookup.pricer.facility_release_warnings: a CPAP rental's row said the ASC addenda were not installed)."""
        import numpy as np

        for name, rate in (("opps", "opps_rate"), ("asc", "asc_rate")):
            # The ASC addenda's quarter only on a row with an asc_* amount (lookup.pricer.facility_release_warnings)
            rows = np.flatnonzero((elsewhere if name == "opps" else True) & ~lines.valid[rate])
            if self._facility_said[name] and rows.size:
                lines.without_parts("quarter", rows, self._facility_said[name])

    def _quarter(self, year: int, date: str) -> tuple[Release | None, Release | None, tuple[str, ...]]:
        """The OPPS and ASC releases in force on a date ('' = the year's newest), per distinct date."""
        key = (year, date)
        if key not in self._quarters:
            day = dt.date.fromisoformat(date) if date else None
            warnings: list[str] = []
            opps, more = self.pricer.catalogue.in_force("opps", year, day)
            more = row_warnings(more)  # a release's own: said once for the run (files.run_file)
            warnings += more
            self._facility_said["opps"].update(more)
            asc, more = self.pricer.catalogue.in_force("asc", year, day)
            more = row_warnings(more)
            warnings += more
            self._facility_said["asc"].update(more)
            self._quarters[key] = (opps, asc, tuple(warnings))
        return self._quarters[key]

    def facility_arrays(
        self, pfs: _PfsArrays, opps: Release | None, asc: Release | None, warnings: tuple[str, ...]
    ) -> tuple[FacilityReference, dict[str, np.ndarray]]:
        """Per code of the PFS release: the quarter's national OPPS/ASC terms (one table per quarter pair)."""
        import numpy as np

        key = (pfs.reference.release.release, opps.release if opps else "", asc.release if asc else "")
        if key not in self._facility:
            reference = facility_reference(self.pricer, pfs.reference, opps, asc, list(warnings))
            codes = reference.codes
            arrays = {
                "opps_ok": valid_of(codes["opps_rate"]),
                "opps_rate": int_values(codes["opps_rate"], 0),
                "opps_copay": int_values(codes["opps_copay"], 0),
                "opps_share": int_values(codes["opps_share"], NO_MEDICARE_SHARE),
                "asc_ok": valid_of(codes["asc_rate"]),
                "asc_rate": int_values(codes["asc_rate"], 0),
                "asc_device": values_of(codes["asc_device"]),
                "asc_fixed": values_of(codes["asc_fixed"]),
                "asc_discount": values_of(codes["asc_discount"]),
                "opps_listed": values_of(codes["opps_listed"]),
                "asc_listed": values_of(codes["asc_listed"]),
                "asc_excluded": values_of(codes["asc_excluded"]),  # on Addendum EE (batch.schedules._outside_listed)
                "opps_apc": np.array(strings_of(codes["opps_apc"])),
                "opps_t": values_of(codes["opps_t"]),
                "opps_j1": values_of(codes["opps_j1"]),
                "opps_si": np.array(strings_of(codes["opps_si"])),
                "asc_ira": int_values(codes["asc_ira"], 0),
                "opps_alone": values_of(codes["opps_alone"]),
                "asc_alone": values_of(codes["asc_alone"]),
                "asc_kind": int_values(codes["asc_kind"], 0),
                # Objects, not a fixed-width unicode array: gathered per row, the S2 note's ~300 characters took 1.2 kB
                # a row (a ten-million-line run peaked 170 MB higher).
                "asc_note": np.array(strings_of(codes["asc_note"]), dtype=object),
                "opps_note": np.array(strings_of(codes["opps_note"]), dtype=object),  # an IRA coinsurance note
            }
            self._facility[key] = (reference, arrays)
        return self._facility[key]

    def _forget_if_large(self) -> None:
        """Empty a per-value cache that has grown past its limit, between partitions (a partition's own
        values stay until it is priced): memory stays bounded on files of tens of millions of lines, whose
        code cells, places and rule lines keep coming. A value met again is worked out again."""
        if len(self._codes) > CELLS_LIMIT or self._strings.kept > TEXTS_LIMIT or len(self._strings.values) > IDS_LIMIT:
            # The cells' numbers start again, and so their facts; the texts too (the facts hold their ids).
            self._codes = CodeCells()
            self._code_list = []
            self._cells.clear()
            self._strings = Texts()
            self._office_table = OfficeTable()  # keyed by cell numbers; holds text ids
            self._rows.clear()  # they hold ids into the strings
            self._row_list.clear()
            self._reasons.clear()
            self._cell_factors.clear()  # keyed by cell numbers
            self._factors_alike.clear()  # they hold ids into the strings
            for key in [key for key in self._zip_flags if key.startswith("choices ")]:  # text ids (_zip_choices)
                del self._zip_flags[key]
        if len(self._office_table) > PER_VALUE_LIMIT:
            self._office_table = OfficeTable()
        limits: list[tuple[dict[Any, Any], int]] = [
            (self._rows_of, PER_VALUE_LIMIT), (self._rows, PER_VALUE_LIMIT), (self._places, PER_VALUE_LIMIT),
            (self._offices, PER_VALUE_LIMIT), (self._rules, SMALL_LIMIT), (self._cell_factors, PER_VALUE_LIMIT),
            (self._facility_rules, SMALL_LIMIT),  # its texts hold dollar amounts: one per code and wage index
            (self._rate_kept, SMALL_LIMIT), (self._opps_status, PER_VALUE_LIMIT),
            (self._factors, SMALL_LIMIT), (self._factors_alike, SMALL_LIMIT), (self._units_said, PER_VALUE_LIMIT),
            (self._units_said_values, SMALL_LIMIT),
            (self._schedule_notes, PER_VALUE_LIMIT), (self._choice_said, SMALL_LIMIT),
            (self._unknown_errors, SMALL_LIMIT), (self._warnings, SMALL_LIMIT),
        ]  # fmt: skip
        for cache, limit in limits:
            if len(cache) > limit:
                cache.clear()
        for store in self._cached_stores.values():
            store.forget_if_large(SMALL_LIMIT)  # type: ignore[attr-defined]

    # -- one release's rows -------------------------------------------------------------------

    def _anesthesia_columns(self, lines: Lines, releases: dict[str, Release]) -> None:
        """An anesthesia line's units and the anesthesia CF that priced it (``ANESTHESIA_COLUMNS``), as the single
        lookup's pfs.anesthesia (``lookup.lines.anesthesia_units``, ``anesthesia_cf``): an anesthesia group's trial
        found neither in batch's output. Python per distinct code cell, inputs, release and place; blank elsewhere."""
        import numpy as np

        from rvucalc.batch.lines import ANESTHESIA_COLUMNS
        from rvucalc.engine.pfs import is_anesthesia_code

        anesthetic = lines.flag("anesthesia code", lambda cell: not cell.error and is_anesthesia_code(cell.code))
        priced = lines.valid["pfs_non_facility_amount"] | lines.valid["pfs_facility_amount"]
        rows = np.flatnonzero(anesthetic[lines.code] & priced & (lines.error == 0))
        if not rows.size:
            return
        keys = np.stack([lines.code[rows], lines.anesthesia[rows], lines.release[rows], lines.locality_priced[rows]],
                        axis=1).astype(np.int64)  # fmt: skip
        distinct, inverse = np.unique(keys, axis=0, return_inverse=True)
        values: list[tuple[str, str, str]] = []
        for cell, pair, release, place in distinct.tolist():
            parsed, locality = lines.codes[cell], lines.texts.values[place]
            try:
                given = anesthesia_input(*lines.anesthesias[pair])
                if (given.base_units is None or given.minutes is None) and "AD" not in parsed.modifiers:
                    raise KeyError(pair)  # not priced as anesthesia (no inputs): nothing to say
                base, tenths = line_rules.anesthesia_units(parsed.code, parsed.modifiers, given.base_units,
                                                           given.minutes)  # fmt: skip
                store = self.pricer.catalogue.store(releases[lines.texts.values[release]])
                cf, _ = line_rules.anesthesia_cf(store, None if locality == NATIONAL else locality, False,
                                                 self.scenario.anesthesia_cf)  # fmt: skip
            except (RvucalcError, KeyError):  # not priced as anesthesia: nothing to say
                values.append(("", "", ""))
                continue
            values.append((str(base), str(Decimal(tenths).scaleb(-1)), str(line_rules.shown_cf(cf))))
        inverse = inverse.reshape(-1)
        for number, name in enumerate(ANESTHESIA_COLUMNS):
            ids = np.zeros(lines.rows, dtype=np.int32)
            ids[rows] = lines.texts.ids(value[number] for value in values)[inverse]
            lines.anesthesia_columns[name] = ids

    def _lookups(self, store: Store) -> Store:
        """The store behind ``resolve_line`` with its per-code queries remembered: many code cells share a code."""
        key = f"{store.release.dataset}-{store.release.release}"
        if key not in self._cached_stores:
            self._cached_stores[key] = RememberingStore(store)  # type: ignore[assignment]
        return self._cached_stores[key]

    def code_texts(self) -> list[str]:
        """The run's codes by their numbers (``_Code.code_number``)."""
        if len(self._code_list) != len(self._codes.code_numbers):
            self._code_list = list(self._codes.code_numbers)  # numbered in the order they were added
        return self._code_list

    def cell_table(self, key: str) -> CellTable:
        """The facts of the run's code cells in one release (``batch.cells``)."""
        table = self._cells.get(key)
        if table is None:
            table = self._cells[key] = CellTable()
        return table

    def _cell_view(self, release: Release, store: Store, pfs: _PfsArrays, lines: Lines, codes: np.ndarray) -> CellView:
        """The partition's code cells in this release; ``codes`` (positions in ``lines.codes``), checked by
        ``lookup.lines.resolve_line`` at their first sight in the release, once in the run."""
        import numpy as np

        table = self.release_cells(release)
        new = table.missing("cell", lines.cell[codes])
        if new.size:
            self._lookups(store).expect(new.size)  # type: ignore[attr-defined]
            parsed_of = self._codes.parsed
            self._text_and_year_facts(release.year, new, parsed_of)
            numbered = self._row_list.setdefault(release.release, [])
            known = len(numbered)
            alike = [(name, self._lookups(self.pricer.catalogue.store(other.reference.release)), other)
                     for name, other in self._pfs.items()
                     if name != release.release and other.reference.release.year == release.year]  # fmt: skip

            known_rows, name = self._rows, release.release

            def row_number(number: int) -> tuple[int]:
                parsed = parsed_of[number]
                if parsed.error:
                    return (-1,)
                # Two of three new cells have a row already (they differ from its cells by informational modifiers,
                # or came in another partition): _row's own look-up, without the call.
                found = known_rows.get((name, parsed.code, parsed.paying, parsed.provider))
                if found is None:
                    found = self._row(release, store, pfs, parsed.code, parsed.paying, parsed.provider, alike)
                return (found.number,)

            table.fill("cell", {"row_number": ("int32", -1)}, new, row_number)
            if len(numbered) > known:
                rows = self.cell_table(f"rows {release.release}")
                added = np.arange(known, len(numbered))
                rows.fill("cell", ROW_CELL_COLUMNS, added, lambda number: self._row_cell_facts(numbered[number]))
            self._therapy_texts(release, table, new, parsed_of)
        return CellView(table, lines.cell)

    def _therapy_texts(self, release: Release, table: CellTable, new: np.ndarray, parsed_of: list[_Code]) -> None:
        """The therapy notes of the new cells whose row in this release is an always-therapy code's, or that have GV
        (their notes by the row's PC/TC indicator)."""
        import numpy as np

        row_number = table.take("row_number", new)
        rows = self.cell_table(f"rows {release.release}")
        texts = self.cell_table("cell texts")
        at = np.maximum(row_number, 0)
        quiet = rows.take("therapy", at) | rows.take("no_plan_note", at)
        therapy = (row_number >= 0) & (quiet | texts.take("hospice", new))
        strings = self._strings

        numbered = self._row_list.get(release.release, [])

        def therapy_facts(number: int) -> tuple[int]:
            parsed = parsed_of[number]
            # A PC/TC 7 code not multiple procedure indicator 5 (92610): no plan notes, and not "not a therapy code"
            row = numbered[int(table.take("row_number", np.array([number]))[0])]
            if not (row.therapy or row.no_plan_note):  # a GV cell's (TEXT_CELL_COLUMNS' hospice): line_notes' alone
                notes = line_rules.line_notes(parsed.code, parsed.modifiers, "", components=row.pctc)
                return (strings.id("; ".join(notes)),)
            mult_proc = THERAPY_MULT_PROC if row.plan_notes else ""
            notes = line_rules.line_notes(parsed.code, parsed.modifiers, mult_proc, "7", components=row.pctc)
            return (strings.id("; ".join(notes)),)

        texts.fill("therapy", THERAPY_TEXT_COLUMNS, texts.missing("therapy", new[therapy]), therapy_facts)

    def release_cells(self, release: Release) -> CellTable:
        """The release's table of the run's code cells: each cell's _Row, and what the rest of the run adds per
        cell (its rule factors); ``CELL_COLUMNS`` gathered from the three parts (``cell_facts``)."""
        table = self.cell_table(release.release)
        if table.derive is None:
            rows = self.cell_table(f"rows {release.release}")
            texts, years = self.cell_table("cell texts"), self.cell_table(f"cell years {release.year}")

            def derive(name: str, numbers: np.ndarray) -> np.ndarray:
                return self.cell_facts(table, rows, texts, years, name, numbers)

            rows.declare("cell", ROW_CELL_COLUMNS)
            texts.declare("text", TEXT_CELL_COLUMNS)
            texts.declare("therapy", THERAPY_TEXT_COLUMNS)
            years.declare("year", YEAR_CELL_COLUMNS)
            table.declare("cell", {"row_number": ("int32", -1)})
            table.derive, table.derived = derive, frozenset(CELL_COLUMNS)
            table.resolve = lambda number: self._resolution(release, years, table, number)
        return table

    @staticmethod
    def cell_facts(
        table: CellTable, rows: CellTable, texts: CellTable, years: CellTable, name: str, numbers: np.ndarray
    ) -> np.ndarray:
        """A CELL_COLUMNS column for these cells, from their _Row's facts, their text's and their year's."""
        import numpy as np

        if not len(numbers):
            return np.zeros(0, dtype=CELL_COLUMNS[name][0])
        versions = (table.version, rows.version, texts.version, years.version)
        if table.memo and table.memo[0] is numbers and table.memo[1] == versions:  # a view's next column
            at, text_failed, ok = table.memo[2:]
        else:
            # Cells not seen in this release (or year) yet read as defaults, as in any cell table.
            size = int(numbers.max()) + 1
            table.ensure(size)
            texts.ensure(size)
            years.ensure(size)
            row_number = table.take("row_number", numbers)
            at = np.maximum(row_number, 0)
            rows.ensure(int(at.max()) + 1)
            text_failed = texts.take("text_failed", numbers)
            ok = ~text_failed & (row_number >= 0) & ~rows.take("failed", at)
            table.memo = (numbers, versions, at, text_failed, ok)
        if name == "failed":
            return ~ok
        if name in ("error", "kind"):
            return np.where(text_failed, texts.take(f"text_{name}", numbers), np.where(ok, 0, rows.take(name, at)))
        dtype, default = CELL_COLUMNS[name]
        if name in ("coinsurance", "waiver"):
            values = years.take(name, numbers)
        elif name == "notes":
            quiet = rows.take("therapy", at) | rows.take("no_plan_note", at) | texts.take("hospice", numbers)
            notes = np.where(quiet, texts.take("therapy_notes", numbers), texts.take(name, numbers))
            values = np.where(rows.take("outside", at), 0, notes)
        else:
            values = rows.take(name, at)
        return np.where(ok, values, default).astype(dtype, copy=False)

    def _text_and_year_facts(self, year: int, numbers: np.ndarray, parsed_of: list[_Code]) -> None:
        """Fill what a cell's text says (once in the run) and its preventive waiver in the year."""
        from rvucalc.engine import preventive
        from rvucalc.lookup.pricer import percent_hundredths

        strings = self._strings
        texts = self.cell_table("cell texts")

        def text_facts(number: int) -> tuple[Any, ...]:
            parsed = parsed_of[number]
            if parsed.error:
                return True, strings.id(parsed.error), parsed.kind, 0, False
            notes = line_rules.modifier_notes(parsed.code, parsed.modifiers)
            return False, 0, 0, strings.id("; ".join(notes)), "GV" in parsed.modifiers

        texts.fill("text", TEXT_CELL_COLUMNS, texts.missing("text", numbers), text_facts)
        years = self.cell_table(f"cell years {year}")

        def year_facts(number: int) -> tuple[int, int]:
            parsed = parsed_of[number]
            waiver = None if parsed.error else preventive.waiver(parsed.code, parsed.modifiers, year)
            if waiver is None:
                return COINSURANCE_PERCENT * 100, 0
            return percent_hundredths(waiver.coinsurance_percent), strings.id(waiver.reason)

        years.fill("year", YEAR_CELL_COLUMNS, years.missing("year", numbers), year_facts)

    def _row_cell_facts(self, row: _Row) -> tuple[Any, ...]:
        """A _Row's ROW_CELL_COLUMNS: what its cells share."""
        if row.error is not None and not row.outside:
            return (-1, False, False, True, self._strings.id(str(row.error)), kind_id(row.error.kind), False, False,
                    False, False, False, 0, False, -1, False, 0, False)  # fmt: skip
        return (
            row.row, row.needs_rules and not row.outside, row.outside, False, 0, 0, row.professional, row.pfs_pays,
            row.facility_modifiers, row.imaging_cap and not row.outside, row.other_schedules, row.other_note,
            row.unclassified, -1 if row.outside else row.number, row.therapy and not row.outside,
            0 if row.outside else row.row_notes, row.no_plan_note and not row.outside,
        )  # fmt: skip

    def _resolution(self, release: Release, years: CellTable, table: CellTable, number: int) -> _Resolved:
        """``lookup.lines.resolve_parsed`` of a cell, whole (for the rarer paths that need it): CMS's row chosen
        by the code and its paying modifiers (shared by the cells that differ only by informational ones:
        ``_row``) and the preventive waiver of all its modifiers."""
        parsed = self._codes.parsed[number]
        if parsed.error:
            return _Resolved(error=UsageError(parsed.error, kind=ErrorKind(KINDS[parsed.kind])))
        row = self._row_list[release.release][int(table.columns["row_number"][number])]
        if row.error is not None and not row.outside:
            return _Resolved(error=row.error)
        share = int(years.columns["coinsurance"][number])
        reason = self._strings.values[int(years.columns["waiver"][number])]
        if row.outside:
            # a code the PFS does not list: its written modifiers, without a csw's AJ (lookup.lines.outside_pfs)
            return _Resolved(code=parsed.code, error=row.error, modifiers=parsed.written, outside=True,
                             coinsurance=share, waiver=reason, shared=row, provider=parsed.provider)  # fmt: skip
        return _Resolved(
            row.row, parsed.code, row.needs_rules, modifiers=parsed.modifiers, professional=row.professional,
            pfs_pays=row.pfs_pays, coinsurance=share, waiver=reason, shared=row, provider=parsed.provider,
        )  # fmt: skip

    def _row(
        self, release: Release, store: Store, pfs: _PfsArrays, code: str, paying: tuple[str, ...], provider: str,
        alike: list[tuple[str, Store, _PfsArrays]],
    ) -> _Row:  # fmt: skip
        """What the release says of a code with these paying modifiers (``resolve_parsed`` with them alone: the
        informational ones never choose a row, add a rule or change an amount; tests/test_batch_cells.py), billed
        by ``provider``: an NP's, PA's or CNS's line runs the single lookup's rules with that ``--provider``.
        ``alike``: the other releases of its year priced so far (name, remembered store, arrays)."""
        key = (release.release, code, paying, provider)
        found = self._rows.get(key)
        if found is None:
            numbered = self._row_list.setdefault(release.release, [])
            found = self._row_alike(release, store, pfs, key, alike, len(numbered))
            if found is not None:
                numbered.append(found)
                self._rows[key] = found
                return found
            facility = bool(set(paying) & FACILITY_MODIFIERS)
            try:
                # resolve_parsed's row and rules, without its notes: a _Row's are its row's (row_notes), its cells'
                # their texts' (_text_and_year_facts, _therapy_texts), and ``paying`` has no informational modifier.
                line = line_rules.ResolvedLine(code, paying, self._row_of(self._lookups(store), code, paying), ())
                pays = line_rules.paid_from_rvus(line.row)
                if not pays and code not in self._all_schedule_codes():  # as the single lookup's, on no schedule
                    check_dmepos_listed(code, paying, listed=False)
                unclassified = unclassified_line(code, line.row["description"], line.row["status"])
                found = _Row(
                    pfs.rvu_position[f"{line.row['hcpcs']}|{line.row['modifier']}"],
                    line.needs_rules or provider in line_rules.MANDATORY_ASSIGNMENT,
                    line.row["modifier"] == "26", pays, line.row["mult_proc"] == "4",
                    not pays and (code in self._all_schedule_codes() or skin_substitute_before(code, release.year)
                                  or is_vaccine_product(code) or code in self._facility_drugs()
                                  or excluded_drug(code, line.row["status"], unclassified) is not None),
                    number=len(numbered),
                    other_note=self._strings.id_of(
                        self._other_schedule_note(code, line.row["description"], line.row["status"], release.year)
                    ),
                    code=code,
                    paying=paying,
                    unclassified=unclassified,
                    facility_modifiers=facility,
                    therapy=is_therapy_code(line.row["mult_proc"], line.row["pctc"]),
                    plan_notes=line.row["mult_proc"] == THERAPY_MULT_PROC,
                    no_plan_note=line.row["status"] in line_rules.NO_PLAN_NOTE_STATUSES,
                    row_notes=self._strings.id_of(line_rules.row_notes(self._lookups(store), code, paying, line.row)),
                    provider=provider,
                    pctc=str(line.row["pctc"] or ""),
                )  # fmt: skip
            except NotFoundError as exc:
                unknown = exc.kind is ErrorKind.UNKNOWN_CODE
                # The error raised is _row_of's cached one: its traceback goes (bare_error) before another error
                # replaces it, or it keeps the partition's arrays alive (+500 MB on a million realistic lines).
                bare_error(exc)
                error = self._unknown_code_error(release, code, exc)
                found = _Row(error=bare_error(error), outside=unknown, other_schedules=unknown,
                             other_note=self._strings.id_of(other_schedule_note(code)) if unknown else 0,
                             # C9399, on no RVU row: a NOC drug by its code (the single lookup's office reason)
                             unclassified=unknown and not_otherwise_classified_drug(code, "") is not None,
                             code=code, paying=paying, facility_modifiers=facility, number=len(numbered),
                             provider=provider)  # fmt: skip
            except RvucalcError as exc:
                found = _Row(error=bare_error(exc), code=code, paying=paying, facility_modifiers=facility,
                             number=len(numbered), provider=provider)  # fmt: skip
            numbered.append(found)
            self._rows[key] = found
        return found

    def _row_alike(
        self, release: Release, store: Store, pfs: _PfsArrays, key: tuple[str, str, tuple[str, ...], str],
        alike: list[tuple[str, Store, _PfsArrays]], number: int,
    ) -> _Row | None:  # fmt: skip
        """Another release's _Row of the code, paying modifiers and practitioner, where its year is this one's and
        what a found row reads of a release is word for word the same there (2025A's and 2025D's, mostly): the code's
        modifiers and the row chosen (``resolve_row``), its professional component's row (``row_notes``); of the
        year, its other schedules' note and a skin substitute's date. Its position and number are this release's.
        Not an error's (an unknown code's asks the other releases: ``_unknown_code_error``). None: none to share."""
        _, code, paying, provider = key
        lookups: Any = self._lookups(store)
        for name, others, arrays in alike:
            other = self._rows.get((name, code, paying, provider))
            if other is None or other.error is not None:
                continue
            hcpcs, modifier = arrays.rvu_keys[other.row].split("|", 1)
            row = lookups.rvu(hcpcs, modifier)
            # (identical rows of two releases are one dict: batch.lookups)
            if row is None or row != others.rvu(hcpcs, modifier) or lookups.modifiers_of(code) != others.modifiers_of(
                code) or line_rules.component_row(lookups, row) != line_rules.component_row(others, row):  # fmt: skip
                continue
            # batch.claims asks _row_of of the release too (its global period): the row resolve_row chooses here
            self._rows_of.setdefault((release.release, code, paying), row)
            return _row_at(other, pfs.rvu_position[f"{hcpcs}|{modifier}"], number)
        return None

    def _unknown_code_error(self, release: Release, code: str, error: NotFoundError) -> NotFoundError:
        """``unknown_code_error``, once per release, code and error: each paying modifiers' and practitioner's _Row of
        an unknown code asks every other installed release about it (queries)."""
        key = (release.release, code, error.kind, str(error))
        if key not in self._unknown_errors:
            # Asked of the run's remembering stores (``_releases_in_force``): whether another release lists the code
            # is a look-up in its whole RVU table there, not a query per code and release.
            found = line_rules.unknown_code_error(self._releases_in_force(), release, code, error)  # type: ignore[arg-type]
            self._unknown_errors[key] = None if found is error else found  # None: the error itself
        return self._unknown_errors[key] or error

    def _other_schedule_note(self, code: str, description: str, status: str, year: int) -> tuple[str, ...]:
        """``other_schedule_note``, once per code, description, status and year: a code's rows in a year's releases
        and with each of its paying modifiers and practitioners ask the same."""
        key = (code, description, status, year)
        found = self._schedule_notes.get(key)
        if found is None:
            found = self._schedule_notes[key] = tuple(other_schedule_note(code, description, status, year))
        return found

    def _row_of(self, store: Store, code: str, modifiers: tuple[str, ...]) -> dict[str, Any]:
        """``lookup.lines.resolve_row`` once per code and release for each set of modifiers that matter."""
        key = (store.release.release, code, modifiers)
        found = self._rows_of.get(key)
        if found is None:
            try:
                found = line_rules.resolve_row(store, code, modifiers)
            except RvucalcError as exc:
                found = bare_error(exc)
            self._rows_of[key] = found
        if isinstance(found, RvucalcError):
            raise found
        return found

    def _place(
        self, release: Release, store: Store, pfs: _PfsArrays, zip_text: str, locality_text: str
    ) -> tuple[int, RvucalcError | None]:
        """A row's ZIP5 row (given a ZIP) or locality position, with ``lookup.pricer``'s checks and
        messages; NO_PLACE: national."""
        key = (release.release, zip_text, locality_text)
        if key not in self._places:
            try:
                if zip_text:
                    zip5 = parse_zip(zip_text)
                    found = pfs.zip_position.get(zip5, BAD_PLACE)
                    if found < 0:
                        raise unknown_zip_error(store, zip5)
                    self._places[key] = (found, None)
                elif locality_text:
                    position = pfs.locality_position.get(locality_id(store, locality_text), BAD_PLACE)
                    if position < 0:
                        raise unknown_locality_error(store, locality_text)
                    self._places[key] = (position, None)
                else:
                    self._places[key] = (NO_PLACE, None)
            except RvucalcError as exc:
                self._places[key] = (BAD_PLACE, bare_error(exc))
        return self._places[key]

    def _price_release(self, release: Release, lines: Lines, rows: np.ndarray) -> None:
        """PFS amounts for the rows priced with this release, then their facility rates and sites."""
        import numpy as np

        pfs = self.pfs_arrays(release, 0 if release.release in self._pfs else len(ids_and_inverse(lines.code[rows])[0]))
        store = self.pricer.catalogue.store(release)
        texts = lines.texts
        given = rows
        zips, place = self._places_of(release, store, pfs, lines, rows)
        if lines.placed:
            lines.add_note("blank_place", rows[place == NO_PLACE], texts.id(BLANK_PLACE_WARNING))
        if lines.sited:
            lines.add_note("blank_setting", rows[lines.site[rows] == 0], texts.id(BLANK_SETTING_NOTE))
        hospital_notes = self._hospital_therapy_lines(store, lines, rows, self._maryland_rows(pfs, zips, place))
        # Which CMS row: resolve_line per code cell, at its first sight in the release.
        cells = self._cell_view(release, store, pfs, lines, ids_and_inverse(lines.code[rows])[0])
        code_of_row = lines.code[rows]
        failed = cells["failed"][code_of_row]
        if failed.any():
            lines.fail(rows[failed], cells["error"][code_of_row[failed]],
                       cells["kind"][code_of_row[failed]])  # fmt: skip
        therapist_notes = (hospital_notes + self._therapist_places(store, lines, rows)
                           + self._audiologist_lines(store, lines, rows))  # fmt: skip
        keep = lines.error[rows] == 0
        rows, place, zips = rows[keep], place[keep], zips[keep]
        code_of_row = lines.code[rows]
        rvu_row = cells["row"][code_of_row]
        outside = cells["outside"][code_of_row]
        if pfs.facility_row is not None:  # a global diagnostic test's facility amount: its 26's (Lines.component)
            component = (rvu_row >= 0) & ~outside
            component[component] = pfs.facility_row[rvu_row[component]] != rvu_row[component]
            if component.any():
                lines.mark_component(rows[component])
        # Each row's PFS status as the status T rule reads it (engine.policy.status_t_bundled; batch.claims._status_t).
        if lines.pfs_status is None:
            lines.pfs_status = np.zeros(lines.rows, dtype=np.int8)
        status = pfs.status[np.maximum(rvu_row, 0)]
        lines.pfs_status[rows] = np.where(
            outside | (rvu_row < 0), NO_STATUS_T_PART,
            np.where(status == STATUS_T, STATUS_T_LINE,
                     np.where(np.isin(status, sorted(PFS_PAYABLE_BESIDE_T)), PAYABLE_BESIDE_T, NO_STATUS_T_PART)),
        )  # fmt: skip
        by_rules = (cells["needs_rules"][code_of_row] | (lines.anesthesia[rows] != 0)
                    | self._supply_cells(pfs, lines, code_of_row, rvu_row)) & ~outside  # fmt: skip
        self._rule_rows(release, store, pfs, lines, rows[by_rules], place[by_rules], rvu_row[by_rules], cells)
        if (lines.error[given] != 0).any():  # a line failed here (an AWV?): the encounter waivers are looked at again
            _encounter_waivers(lines, self._codes.code_numbers, rows)
        vector = ~by_rules & ~outside
        lines.add_note("line", rows[vector], cells["notes"][code_of_row[vector]])
        lines.add_note("line", rows[vector], cells["row_notes"][code_of_row[vector]])
        self._pfs_amounts(store, pfs, lines, rows[vector], rvu_row[vector], place[vector])
        for at, said in therapist_notes:  # after the line's own notes, as the single lookup adds them
            lines.add_note("line", at[lines.error[at] == 0], said)
        if outside.any():  # a text is interned only when used: the CSV writer checks them all for commas
            # engine.pfs.not_in_pfs_reason, per code cell: a C code's says whose code it is (the single lookup's too).
            c_code = lines.flag("opps c code", lambda cell: not cell.error and is_opps_c_code(cell.code))
            hospital = c_code[code_of_row[outside]]
            reason_ids = np.full(hospital.shape, texts.id(line_rules.NOT_IN_PFS_REASON), dtype=np.int32)
            if hospital.any():
                reason_ids[hospital] = texts.id(OPPS_C_CODE_REASON)
            lines.add_note("pfs_reason", rows[outside], reason_ids)
        self._place_notes(store, pfs, lines, rows, zips, place)
        self._code_notes(lines, rows, place, cells)
        self._units_notes(store, pfs, lines, rows[lines.units[rows] >= 2], cells)
        if lines.laterality_note is not None:
            self._laterality_notes(store, pfs, lines, rows, cells)
        names = texts.ids(pfs.localities)
        lines.locality_priced[rows] = np.where(place >= 0, names[np.maximum(place, 0)], texts.id(NATIONAL))
        offices = self._other_schedules(release, pfs, lines, rows, place, zips, cells)
        priced = lines.error[rows] == 0
        # Before the sites' amounts (the hospital's: its OPPS rate and the PFS facility amount, _facility_and_sites)
        # and the claims' totals, as the single lookup's (no claim rule ranks or cuts these rows: mult_proc 0).
        _portable_xray_not_payable_at_place(lines, rows[priced])
        self._facility_and_sites(pfs, lines, rows[priced], zips[priced], cells, offices, place[priced])
        self._other_schedule_notes(lines, rows[priced], cells, offices, pfs.status)

    def _places_of(
        self, release: Release, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Where each row is priced: its ZIP's row (-1 none) and locality position (NO_PLACE: national); a bad
        place fails the row. A ZIP cell that is a ZIP5 of the release is found on arrays; any other (a ZIP+4,
        a locality, a bad value) is checked by ``_place`` once per distinct pair."""
        import numpy as np
        import pyarrow.compute as pc

        # The chunk's ZIP texts as numbers once, not hashed again for each release's ZIPs (7 a realistic chunk)
        if self._zip_numbers is None or self._zip_numbers[0] is not lines.zips:
            self._zip_numbers = (lines.zips, _zip_numbers(lines.zips))
        zip_of_number = pfs.zip_of_number()
        if zip_of_number is not None:
            numbers = self._zip_numbers[1]
            found = np.where(numbers >= 0, zip_of_number[np.maximum(numbers, 0)], -1)
        else:
            found = int_values(pc.index_in(string_array(lines.zips), value_set=pfs.zips), -1)
        zip_of_row = lines.zip[rows]
        zips = found[zip_of_row]
        place = np.where(zips >= 0, pfs.zip_locality[np.maximum(zips, 0)], NO_PLACE)
        if any(lines.localities):
            self._locality_beside_zip(release, store, pfs, lines, rows, zips, place)
        other = np.flatnonzero(zips < 0)  # a ZIP5 of the release wins over a locality, as in _place
        if not other.size:
            return zips, place
        pairs, pair_of_row = np.unique(
            zip_of_row[other].astype(np.int64) * len(lines.localities) + lines.locality[rows[other]],
            return_inverse=True,
        )
        zip_of_pair = np.full(len(pairs), -1, dtype=np.int64)
        place_of_pair = np.full(len(pairs), NO_PLACE, dtype=np.int64)
        error_of_pair = np.zeros(len(pairs), dtype=np.int32)
        kind_of_pair = np.zeros(len(pairs), dtype=np.int8)
        note_of_pair = np.zeros(len(pairs), dtype=np.int32)  # a locality read from part of its name says which
        for number, pair in enumerate(pairs.tolist()):
            zip_text = lines.zips[pair // len(lines.localities)]
            locality_text = lines.localities[pair % len(lines.localities)]
            position, error = self._place(release, store, pfs, zip_text, locality_text)
            if error is not None:
                error_of_pair[number], kind_of_pair[number] = lines.texts.id(str(error)), kind_id(error.kind)
                place_of_pair[number] = BAD_PLACE
            elif zip_text:
                zip_of_pair[number] = position
                place_of_pair[number] = pfs.zip_locality[position]
            else:
                place_of_pair[number] = position
                if position >= 0 and not locality_text.replace("-", "").replace(" ", "").isdigit():
                    row = store.locality(pfs.localities[position])
                    read_as = None if row is None else locality_read_as(locality_text, row)
                    note_of_pair[number] = lines.texts.id(read_as) if read_as else 0
        pair_of_row = pair_of_row.reshape(-1)
        lines.fail(rows[other], error_of_pair[pair_of_row], kind_of_pair[pair_of_row])
        if note_of_pair.any():  # the single lookup's warning, where its ZIP's split would be (lookup.pricer._location)
            lines.add_note("zip_split", rows[other], note_of_pair[pair_of_row])
        zips[other], place[other] = zip_of_pair[pair_of_row], place_of_pair[pair_of_row]
        if any(lines.localities):  # a ZIP+4 beside a locality cell
            self._locality_beside_zip(release, store, pfs, lines, rows[other], zips[other], place[other])
        return zips, place

    def _locality_beside_zip(
        self, release: Release, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, zips: np.ndarray,
        place: np.ndarray,
    ) -> None:  # fmt: skip
        """A row priced by its ZIP whose locality cell names another locality (or none) says so: the ZIP wins (README),
        and a remit's pricing locality that differs from the ZIP5 file's (a ZIP split by ZIP+4) was silent."""
        import numpy as np

        at = np.flatnonzero(zips >= 0)
        if not at.size:
            return
        width = len(lines.localities)
        pairs, pair_of_row = np.unique(zips[at].astype(np.int64) * width + lines.locality[rows[at]],
                                       return_inverse=True)  # fmt: skip
        note_of_pair = np.zeros(len(pairs), dtype=np.int32)
        for number, pair in enumerate(pairs.tolist()):
            locality_text = lines.localities[pair % width]
            if not locality_text:
                continue
            zip_row, given = pair // width, None
            position, error = self._place(release, store, pfs, "", locality_text)
            if error is None and position == pfs.zip_locality[zip_row]:
                continue
            if error is None:
                given = store.locality(pfs.localities[position])
            ours = store.locality(pfs.localities[pfs.zip_locality[zip_row]])
            note = locality_beside_zip_note(
                strings_of(pfs.zips[zip_row:zip_row + 1])[0], ours, locality_text, given, release.release)  # fmt: skip
            if note is not None:  # a remit's '01' beside a ZIP of locality 01 agrees with it
                note_of_pair[number] = lines.texts.id(note)
                same_state = given is not None and ours is not None and given["state"] == ours["state"]
                lines.beside_zip[note] = lines.beside_zip.get(note, True) and same_state
        if note_of_pair.any():
            lines.add_note("zip_split", rows[at], note_of_pair[pair_of_row.reshape(-1)])

    def pfs_fees(self, pfs: _PfsArrays, rvu_row: np.ndarray, place: np.ndarray) -> dict[str, np.ndarray]:
        """Per setting, each line's fee schedule amount in cents (``lookup.lines.line_setting``'s ``fee``): the
        PFS formula for CMS's row ``rvu_row`` at the locality ``place`` (national where negative)."""
        import numpy as np

        local = place >= 0
        at = np.maximum(place, 0)
        gw, gpe, gmp = (
            np.where(local, column[at], national) for column, national in zip(pfs.gpci, NATIONAL_GPCI, strict=True)
        )
        fees = {}
        # The facility fee of a global diagnostic test is its professional component's (_PfsArrays.facility_row).
        rows = {"non_facility": rvu_row, "facility": rvu_row if pfs.facility_row is None else pfs.facility_row[rvu_row]}
        for name, pe in (("non_facility", "pe_nonfac_rvu"), ("facility", "pe_fac_rvu")):
            of = rows[name]
            cf = self._conversion_factor({"conv_factor": pfs.rvu["conv_factor"][of]})
            fees[name] = fee_cents(pfs.rvu["work_rvu"][of], pfs.rvu[pe][of], pfs.rvu["mp_rvu"][of], gw, gpe, gmp, cf)
        return fees

    def _pfs_amounts(
        self, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, rvu_row: np.ndarray, place: np.ndarray
    ) -> None:
        """The fee schedule amounts of lines without payment-policy modifiers, on whole columns."""
        import numpy as np

        if not rows.size:
            return
        local = place >= 0
        at = np.maximum(place, 0)
        fees = self.pfs_fees(pfs, rvu_row, place)
        rvu = {name: values[rvu_row] for name, values in pfs.rvu.items()}
        status = pfs.status[rvu_row]
        cap_key = rvu_row * len(pfs.locality_position) + at
        slot = np.minimum(np.searchsorted(pfs.cap_key, cap_key), max(len(pfs.cap_key) - 1, 0))
        listed = local & (pfs.cap_key[slot] == cap_key) if len(pfs.cap_key) else np.zeros(len(rows), dtype=bool)
        contractor = is_contractor_priced(
            status, rvu["work_rvu"], rvu["pe_nonfac_rvu"], rvu["pe_fac_rvu"], rvu["mp_rvu"]
        )
        paid_status = is_paid_status(status) & ~contractor
        unpriced = np.zeros(len(rows), dtype=bool)
        cut = np.zeros(len(rows), dtype=bool)  # the OPPS imaging cap lowered an amount
        # A global diagnostic test's facility amount is its professional component's (_PfsArrays.facility_row: a 26
        # row priced there, no OPPSCAP row); its own row's 'NA' reason is still said, and its output column is blank
        # (Lines.component).
        component = None if pfs.facility_row is None else pfs.facility_row[rvu_row] != rvu_row
        what_if = None
        if self.scenario.conversion_factor is not None and len(pfs.cap_key) and listed.any():
            what_if = self._what_if_caps(pfs, rvu_row, place)
        for name, na, cap in (("non_facility", "nonfac_na", "cap_nonfac"), ("facility", "fac_na", "cap_fac")):
            fee = fees[name]
            own = paid_status & ~rvu[na]
            if len(pfs.cap_key):
                caps = pfs.caps[cap][slot] if what_if is None else np.where(what_if["keep"], pfs.caps[cap][slot],
                                                                            what_if[cap])  # fmt: skip
                capped = capped_fee(fee, np.where(listed & own, caps, NO_CAP))
                cut |= (capped != fee) & own
                fee = capped
            unpriced |= ~own
            priced = own if name == "non_facility" or component is None else own | component
            lines.set_money(f"pfs_{name}_amount", rows, fee, priced)
            lines.set_money(f"pfs_{name}_limiting_charge", rows, limiting_charge(fee), priced)
        if cut.any():  # the single lookup's adjustment (engine.policy.apply_policy)
            lines.add_note("adjustments", rows[cut], lines.texts.id(IMAGING_CAP_RULE))
        status_t = status == "T"
        if status_t.any():
            lines.add_note("line", rows[status_t], lines.texts.id(line_rules.STATUS_T_NOTE))
        mac_capped = listed & (status == line_rules.CONTRACTOR_STATUS)
        if mac_capped.any():  # the OPPS-based cap on the MAC's price (engine.pfs.CONTRACTOR_PRICE_CAP): once per pair
            _, first, pair_of_row = np.unique(cap_key[mac_capped], return_index=True, return_inverse=True)
            first = np.flatnonzero(mac_capped)[first]
            remembered = self._lookups(store)
            said = [
                line_rules.contractor_cap_note(
                    remembered, self._cms_row(store, pfs, int(rvu_row[n])), pfs.localities[int(place[n])]
                )
                or ""
                for n in first.tolist()
            ]
            ids = lines.texts.ids(said)
            lines.add_note("line", rows[mac_capped], ids[pair_of_row.reshape(-1)])
        # A MAC-priced technical-only code (77520: engine.pfs.MAC_TECHNICAL_ONLY_IN_FACILITY_REASON) is the
        # facility's at a hospital or ASC, its office setting alone the MAC's: there the MAC's reason is the office_*
        # comparison's, as R0070's (Lines.mac_priced_office; only rows set at a facility are reclassified, and
        # _technical_only_reason_at_place unmarks a SNF's or POS 02's, where it stays the MAC's).
        mac_office = contractor & rvu["mac_technical_only"]  # technical-only, no skin substitute nor G0681
        if mac_office.any():
            if lines.mac_priced_office is None:
                lines.mac_priced_office = np.zeros(lines.rows, dtype=bool)
            lines.mac_priced_office[rows[mac_office]] = True
        if unpriced.any():  # each setting without an amount says why, as the single lookup's PFS result does
            # The reasons follow from the status, contractor pricing and the NA marks: one CMS row of each kind.
            _, status_id = np.unique(status[unpriced], return_inverse=True)
            flags = (rvu["incident_to"] * 64 + rvu["technical"] * 16 + rvu["global_with_components"] * 8
                     + contractor * 4 + rvu["nonfac_na"] * 2 + rvu["fac_na"])[unpriced]  # fmt: skip
            kind = np.where(rvu["own_reason"][unpriced], -1 - rvu_row[unpriced], status_id.reshape(-1) * 128 + flags)
            _, first, kind_of_row = np.unique(kind, return_index=True, return_inverse=True)
            examples = rvu_row[unpriced][first].tolist()
            reasons = lines.texts.ids(row_reasons(self._cms_row(store, pfs, r)) for r in examples)
            lines.add_note("pfs_reason", rows[unpriced], reasons[kind_of_row.reshape(-1)])

    def _what_if_caps(self, pfs: _PfsArrays, rvu_row: np.ndarray, place: np.ndarray) -> dict[str, np.ndarray]:
        """OPPSCAP's amounts (cents) of the lines' rows under the run's what-if CF, as the single lookup's
        (lookup.lines.cap_at_cf) on whole columns: ``cap_nonfac`` and ``cap_fac`` the TC's OPPS amount at CMS's CF
        plus the rest of the row's at the what-if CF, rounded once (engine.kernels.WHAT_IF_OPPS_CAP, from CMS's RVU
        file documentation's OPPS payment amount formula); ``keep`` where the what-if CF is one CMS prices the row
        with (its RVU file's, or the year's QP CF: lookup.lines.cms_conversion_factors), OPPSCAP's own amounts."""
        import numpy as np

        from rvucalc.engine.scenario import cf_units

        assert self.scenario.conversion_factor is not None
        cf = cf_units(self.scenario.conversion_factor)
        opps = pfs.opps_rvus()
        local = place >= 0
        at = np.maximum(place, 0)
        gpci = [np.where(local, column[at], national) for column, national in zip(pfs.gpci, NATIONAL_GPCI, strict=True)]
        cms_cf = pfs.rvu["conv_factor"][rvu_row]
        qp = pfs.reference.release.conversion_factors.get("qp")
        keep = (cms_cf == cf) | (qp is not None and cf_units(Decimal(qp)) == cf)
        tc_row = opps["tc_row"][rvu_row]
        found: dict[str, np.ndarray] = {"keep": keep}
        for cap, pe in (("cap_nonfac", "opps_nonfac_pe"), ("cap_fac", "opps_fac_pe")):
            whole, tc = (opps_rvu_units(pfs.rvu["work_rvu"][of], opps[pe][of], opps["opps_mp"][of], *gpci)
                         for of in (rvu_row, tc_row))  # fmt: skip
            found[cap] = what_if_opps_cap(whole, tc, cms_cf, cf)
        return found

    def _cms_row(self, store: Store, pfs: _PfsArrays, position: int) -> dict[str, Any]:
        """CMS's RVU row at a position of the release's reference columns (remembered per code)."""
        row = self._lookups(store).rvu(*pfs.rvu_keys[position].split("|"))
        assert row is not None  # the reference columns are the store's rows
        return row

    def _place_notes(
        self, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, zips: np.ndarray, place: np.ndarray
    ) -> None:
        """The single lookup's warnings and notes about the place, per ZIP (once in the run): split by ZIP+4, why
        it has no wage index, the counties it spans; a locality's missing CBSA."""
        import numpy as np

        texts = lines.texts
        has_zip = zips >= 0
        known = zips[has_zip]
        table = self.cell_table(f"zips {pfs.reference.release.release}")
        new = table.missing("zip", known)
        if new.size:
            warned, spans = self._zip_notes(pfs)
            run = self._strings

            def split_warning(z: int, zip5: str) -> str:
                locality = pfs.localities[pfs.zip_locality[z]]
                info = store.locality(locality)
                assert info is not None  # the compiler checks every ZIP's locality
                return zip_split_warning(zip5, locality, info["name"])

            def notes(z: int) -> tuple[int, int, int]:
                zip5 = pfs.zips[z].as_py()
                split = run.id(split_warning(z, zip5)) if pfs.plus4[z] else 0
                warning = run.id(pfs.wage_warning[z].as_py()) if warned[z] else 0
                return split, warning, run.id(pfs.county_note[z].as_py()) if spans[z] else 0

            noted = pfs.plus4[new] | warned[new] | spans[new]  # most ZIPs have no note
            table.fill("zip", ZIP_COLUMNS, new[noted], notes)
            table.fill_defaults("zip", ZIP_COLUMNS, new[~noted])
        given = self._given_wage_index(lines, rows) >= 0  # a hospital's: the ASC's rate alone is national then
        asc_given = self._given_wage_index(lines, rows, asc=True) >= 0  # the ASC's: the hospital's rate alone then
        # (the ZIP's county note, "county", only where a rate uses its wage index: _facility_and_sites)
        for slot, column in (("zip4", "split"), ("place", "warning")):
            if known.size:
                ids = table.take(column, known)
                if slot == "place":
                    ids = _comparison_only(lines, rows[has_zip], _given_only(lines, ids, given[has_zip],
                                                                             asc_given[has_zip]))  # fmt: skip
                lines.add_note(slot, rows[has_zip], ids)
        by_locality = ~has_zip & (place >= 0)
        if by_locality.any():
            at = rows[by_locality]
            ids = _given_only(lines, np.full(len(at), texts.id(NO_CBSA_WARNING)), given[by_locality],
                              asc_given[by_locality])  # fmt: skip
            lines.add_note("place", at, _comparison_only(lines, at, ids))

    def _given_wage_index(self, lines: Lines, rows: np.ndarray, asc: bool = False) -> np.ndarray:
        """The rows' hospital wage index the user gave (ten-thousandths; -1: none): the row's wage_index cell, else the
        run's --wage-index; ``asc``: the ASC's, the row's asc_wage_index cell, else the run's --asc-wage-index."""
        import numpy as np

        option = self.scenario.asc_wage_index if asc else self.scenario.wage_index
        run = -1 if option is None else option
        column = lines.asc_wage_index if asc else lines.wage_index
        if column is None:
            return np.full(len(rows), run, dtype=np.int64)
        cells = column[rows]
        return np.where(cells >= 0, cells, run)

    def _zip_notes(self, pfs: _PfsArrays) -> tuple[np.ndarray, np.ndarray]:
        """Per ZIP of the release: whether it has a wage warning, and whether it spans counties (then
        ``geography.resolve`` has a note for it, kept in the wage table); once per release, on Arrow arrays (a
        ZIP's texts are read only for the ZIPs a file has)."""
        import numpy as np
        import pyarrow.compute as pc

        key = pfs.reference.release.release
        if key not in self._zip_flags:
            warned = values_of(pc.binary_length(pfs.wage_warning)) > 0
            spans = values_of(pc.binary_length(pfs.county_note)) > 0
            self._zip_flags[key] = (np.asarray(warned, dtype=bool), np.asarray(spans, dtype=bool))
        return self._zip_flags[key]

    def _code_notes(self, lines: Lines, rows: np.ndarray, place: np.ndarray, cells: CellView) -> None:
        """Per code cell: a preventive service's waiver; on national rows, the OPPS imaging cap's absence
        (from CMS's row: multiple procedure indicator 4)."""
        import numpy as np

        codes = lines.code[rows]
        waivers = cells["waiver"][codes]
        if lines.encounter_note is not None:  # a waiver its encounter gives or takes away, and why (_encounter_waivers)
            said = lines.encounter_note[rows]
            waivers = np.where(said > 0, said, waivers)
        if waivers.any():
            lines.add_note("preventive", rows, waivers)
        national = np.flatnonzero(place < 0)
        national = national[cells["imaging_cap"][codes[national]]]
        if national.size:
            lines.add_note("imaging_cap", rows[national], lines.texts.id(IMAGING_CAP_NATIONAL_NOTE))

    def _units_notes(self, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, cells: CellView) -> None:
        """Rows of several units whose CMS row is a bilateral code (indicator 1, 2 or 3): the single lookup's
        ``units_note``, once per distinct (CMS row, modifiers, units). Rows whose units the PFS rules count are marked
        (``Lines.units_rules``: a therapy service's, ``engine.policy.two_units_bilateral``): ``batch.claims`` gives
        them the rules."""
        import numpy as np

        from rvucalc.engine.policy import Line, split_care_part, two_units_bilateral

        if rows.size:  # a split-care line's units are days, not services: one service's amounts, the rules read them
            split = lines.flag("split care", lambda cell: split_care_part(cell.modifiers) is not None)[lines.code[rows]]
            if split.any():
                at = rows[split]
                if lines.split_units is None:
                    lines.split_units = np.zeros(lines.rows, dtype=np.int64)
                lines.split_units[at] = lines.units[at]
                lines.units[at] = 1
                if lines.units_rules is None:
                    lines.units_rules = np.zeros(lines.rows, dtype=bool)
                lines.units_rules[at] = True
                rows = rows[~split]
        rows, kind = self._units_rule_lines(store, pfs, lines, rows, cells)
        therapy = rows[(kind & THERAPY_UNITS) != 0]
        if therapy.size:
            if lines.units_rules is None:
                lines.units_rules = np.zeros(lines.rows, dtype=bool)
            lines.units_rules[therapy] = True
        rows = rows[(kind & (BILATERAL_UNITS | MONTHLY_UNITS | PROCEDURE_UNITS)) != 0]
        if not rows.size:
            return
        codes = lines.code[rows]
        positions = cells["row"][codes].astype(np.int64)
        keys = (positions * len(lines.codes) + codes) * (MAX_UNITS + 1) + lines.units[rows]
        distinct, inverse = np.unique(keys, return_inverse=True)
        texts, two = [], []
        release = pfs.reference.release.release
        if len(self._units_said_numbers) > SMALL_LIMIT:
            self._units_said.clear()  # keyed by these numbers
            self._units_said_numbers.clear()
        numbers = self._units_said_numbers
        for key in distinct.tolist():
            units, rest = key % (MAX_UNITS + 1), key // (MAX_UNITS + 1)
            position, code = rest // len(lines.codes), rest % len(lines.codes)
            modifiers = lines.codes[code].modifiers
            number = numbers.setdefault((release, modifiers), len(numbers))
            said_key = ((number << 32) + position) * (MAX_UNITS + 1) + units  # position: a CMS row, < 2**32
            known = self._units_said.get(said_key)
            if known is None:  # once a run, not once a partition
                row = self._cms_row(store, pfs, position)
                note = units_note(row, list(modifiers), units)
                # Interned: a realistic million lines' 35,000 keys say 751 distinct notes of ~0.4 kB (a cache
                # filled to PER_VALUE_LIMIT, as ten million lines fill it, held ~35 MB of copies).
                answer = (sys.intern(note) if note else note, two_units_bilateral(
                    Line(code="", modifiers=list(modifiers), row=row, settings={}, units=units)))  # fmt: skip
                known = self._units_said[said_key] = self._units_said_values.setdefault(answer, answer)
            texts.append(known[0])
            two.append(known[1])
        paired = np.array(two, dtype=bool)[inverse.reshape(-1)]
        if paired.any():
            if lines.units_rules is None:
                lines.units_rules = np.zeros(lines.rows, dtype=bool)
            lines.units_rules[rows[paired]] = True
            if lines.two_units is None:
                lines.two_units = np.zeros(lines.rows, dtype=bool)
            lines.two_units[rows[paired]] = True
        said = np.array([text is not None for text in texts], dtype=bool)[inverse.reshape(-1)]
        if lines.facility_bill is not None:  # a hospital's or ASC's own bill: not the practitioner's units note
            from rvucalc.engine.facility_codes import practitioner_units_note

            theirs = np.array([practitioner_units_note(c.code) for c in lines.codes], dtype=bool)[codes]
            said &= ~(theirs & lines.facility_bill[rows])
        ids = lines.texts.ids([text or "" for text in texts])[inverse.reshape(-1)]
        lines.add_note("units", rows[said], ids[said])

    def _laterality_notes(self, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, cells: CellView) -> None:
        """The laterality note of a row its laterality cell calls bilateral and its modifiers do not
        (``Lines.laterality_note``, batch.lines._laterality_notes), said where its CMS row's bilateral surgery
        indicator is 1 or 3: the RVU file documentation's "Bilateral Surgery" indicator pays both sides, billed with
        50 or LT and RT, at 150% of one (1) or 100% each (3), while under 0 and 2 it pays "100% of the fee schedule
        amount for a single code", as one line billed once is paid, and under 9 the "concept does not apply": a
        'Bilateral' beside 99213 (0) or 77067 (2) is no missing 50. Per distinct CMS row (cached per release)."""
        import numpy as np

        assert lines.laterality_note is not None
        rows = rows[lines.laterality_note[rows] >= 0]
        codes = lines.code[rows]
        rows = rows[~cells["outside"][codes] & ~cells["failed"][codes]]
        if not rows.size:
            return
        key = pfs.reference.release.release
        if key not in self._sides_paid:
            table = store.columns("rvu", ["hcpcs", "modifier", "bilat_surg"])
            paid = {f"{h}|{m}" for h, m, b in zip(table["hcpcs"], table["modifier"], table["bilat_surg"], strict=True)
                    if str(b) in ("1", "3")}  # fmt: skip
            self._sides_paid[key] = np.array([k in paid for k in pfs.rvu_keys], dtype=bool)
        row_of = cells["row"][lines.code[rows]].astype(np.int64)
        said = rows[(row_of >= 0) & self._sides_paid[key][np.maximum(row_of, 0)]]
        if said.size:
            lines.add_note("input", said, lines.laterality_note[said])
        lines.laterality_note[rows] = -1  # said once, whichever release priced it

    def _units_rule_lines(
        self, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, cells: CellView
    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
        """The rows whose code cell has a CMS row of bilateral indicator 1 or 2, or multiple procedure indicator 5
        (therapy), and which (``_units_rule_rows``' flags)."""
        import numpy as np

        codes = lines.code[rows]
        rows = rows[~cells["outside"][codes] & ~cells["failed"][codes]]
        kind = self._units_rule_rows(store, pfs)[cells["row"][lines.code[rows]]]
        zero = (kind & BILATERAL_WITH_50) != 0
        if zero.any():
            fifty = lines.flag("50", lambda cell: "50" in cell.modifiers)[lines.code[rows[zero]]]
            kind[zero] = np.where(fifty, BILATERAL_UNITS, 0) | (
                kind[zero] & (THERAPY_UNITS | MONTHLY_UNITS | PROCEDURE_UNITS)
            )
        return rows[kind != 0], kind[kind != 0]

    def _units_rule_rows(self, store: Store, pfs: _PfsArrays) -> np.ndarray:
        """Per row of the release's PFS arrays, flags: BILATERAL_UNITS when CMS's bilateral surgery indicator is 1, 2
        or 3 (``units_note``), BILATERAL_WITH_50 when it is 0 (``units_note`` with 50 alone), THERAPY_UNITS when its
        multiple procedure indicator is 5, MONTHLY_UNITS for a monthly ESRD code, 99291, an initial drug
        administration code or 77427 (one read of the columns)."""
        import numpy as np

        from rvucalc.lookup.pricer import has_code_units_note

        key = pfs.reference.release.release
        if key not in self._units_rules:
            table = store.columns("rvu", ["hcpcs", "modifier", "bilat_surg", "mult_proc"])
            of_key = {f"{h}|{m}": BILATERAL_UNITS * (b in BILATERAL and b != "0") + BILATERAL_WITH_50 * (b == "0")
                      + THERAPY_UNITS * (p == THERAPY_MULT_PROC)
                      + MONTHLY_UNITS * has_code_units_note(h)
                      + PROCEDURE_UNITS * (p in UNITS_NOTE_INDICATORS)
                      for h, m, b, p in zip(table["hcpcs"], table["modifier"], table["bilat_surg"], table["mult_proc"],
                                            strict=True)}  # fmt: skip
            self._units_rules[key] = np.array([of_key.get(k, 0) for k in pfs.rvu_keys], dtype=np.int8)
        return self._units_rules[key]

    @staticmethod
    @staticmethod
    def _facility_drug_asp_warnings(lines: Lines, rows: np.ndarray) -> None:
        """The ASP quarter-not-installed warning of a drug row at a hospital or ASC its facility's table prices: the
        ASP file prices the office's comparison alone (engine.meanings.facility_drug_asp_warning, as the single
        lookup's warning says), per distinct note and facility quarter."""
        import numpy as np

        from rvucalc.batch.lines import NOTE_SLOTS

        texts, site, slot = lines.texts, lines.site[rows], NOTE_SLOTS.index("schedules")
        for name, rate, quarters in (("hopd", "opps_rate", lines.opps_release), ("asc", "asc_rate", lines.asc_release)):
            at = rows[(site == SITE_NAMES.index(name)) & lines.valid[rate][rows]]
            if quarters is None or not at.size:
                continue
            for which, _, noted, ids in lines.notes:
                if which != slot:
                    continue
                hit = np.flatnonzero(np.isin(noted, at))
                for position in hit.tolist():
                    text = texts.values[ids[position]]
                    if "ASP drug payment limit" in text:
                        quarter = texts.values[quarters[noted[position]]] or None
                        ids[position] = texts.id(facility_drug_asp_warning(text, name, quarter))

    @staticmethod
    def _other_schedule_notes(
        lines: Lines, rows: np.ndarray, cells: CellView, offices: Offices, statuses: np.ndarray
    ) -> None:
        """Why a schedule that lists a row's code does not pay it (its file for the year not installed, a DME item
        priced by modifier ...), whatever else pays the row: a hospital rate never hides that the office's drug
        payment is missing. Rows nothing installed pays and no schedule lists: the schedule that pays codes like
        theirs, when CMS's code set says."""
        import numpy as np

        paid = np.zeros(len(rows), dtype=bool)
        # (not a site whose rate the claims' rules then leave not priced for want of one wage index: Lines.wage_choice)
        choosing = {f"{site}_allowed": lines.wage_choice.get(name) for site, name in (("hopd", "opps"), ("asc", "asc"))}
        for name in ("pfs_non_facility_amount", "pfs_facility_amount", "clfs_amount", "drug_amount", "dmepos_amount",
                     *(f"{site}_allowed" for site in SITES)):  # fmt: skip
            choice = choosing.get(name)
            paid |= lines.valid[name][rows] & (True if choice is None else choice[rows] == 0)
        listed = offices.column("listed")[rows]
        reasons = np.where(listed, offices.column("unpaid")[rows], 0)
        # A not otherwise classified drug: its note whenever the office has no amount, though a hospital pays it
        # (the single lookup's office reason and note).
        office = np.zeros(len(rows), dtype=bool)
        for name in ("pfs_non_facility_amount", "clfs_amount", "drug_amount", "dmepos_amount"):
            office |= lines.valid[name][rows]
        unpaid = ~paid | (~office & cells["unclassified"][lines.code[rows]])
        reasons = np.where(unpaid & ~listed, cells["other_note"][lines.code[rows]], reasons)
        # A drug a hospital or ASC row's facility prices from its own table, its ASP file not installed: that table's
        # payment and the office's amount not shown, not the ASP file's advice (lookup.pricer.facility_drug_office).
        texts, site = lines.texts, lines.site[rows]
        missing = offices.column("missing")[rows]
        for name, rate in (("hopd", "opps_rate"), ("asc", "asc_rate")):
            mine = (site == SITE_NAMES.index(name)) & lines.valid[rate][rows] & (reasons != 0) & (missing != 0)
            for value in np.unique(missing[mine]).tolist():  # per CMS file not installed ('CY2025 ASP'), not per row
                if "ASP" in texts.values[value].split():
                    reasons[mine & (missing == value)] = texts.id(facility_drug_office_note(name, texts.values[value]))
        if lines.maryland_opps is not None:  # a Maryland hospital's drug: paid neither from Addendum B nor the ASP file
            mine = (site == SITE_NAMES.index("hopd")) & lines.maryland_opps[rows] & (reasons != 0) & (missing != 0)
            for value in np.unique(missing[mine]).tolist():
                if "ASP" in texts.values[value].split():
                    reasons[mine & (missing == value)] = texts.id(maryland_drug_office_note(texts.values[value]))
        # A vaccine administration whose hospital (OPPS) rate the row prices: the payment rvucalc lacks is the
        # practitioner's, the hospital's its OPPS rate (the single lookup's note: meanings.hospital_paid_apart_note);
        # not an office row's (POS 11 ...: a flu clinic's G0008 keeps the practitioner's note, as price's).
        from rvucalc.engine import meanings

        hospital = lines.valid["opps_rate"][rows] & (reasons != 0) & (site != SITE_NAMES.index("office"))
        vaccine = {meanings.paid_apart_note(code): meanings.hospital_paid_apart_note(code)
                   for code in meanings.PAID_APART_VACCINE_ADMINISTRATION}  # fmt: skip
        for value in np.unique(reasons[hospital]).tolist():  # per distinct note, not per row
            there = vaccine.get(texts.values[value])
            if there is not None:
                reasons[hospital & (reasons == value)] = texts.id(there)
        lines.add_note("other_schedule", rows, reasons)
        BatchPricer._facility_drug_asp_warnings(lines, rows)
        # A code paid apart from the fee schedules, or a vaccine, with no office amount: its reason is that payment's
        # (the single lookup's office reason), not the PFS status X's, which its note no longer ends with. So for a
        # not otherwise classified drug (J3490) or an unlisted lab test (81099) no schedule lists: its reason is the
        # MAC's pricing, not the status E or X (a review; per code cell, ``unclassified``).
        apart = lines.flag("paid outside the PFS", lambda cell: paid_outside_the_pfs(cell.code))[lines.code[rows]]
        apart |= cells["unclassified"][lines.code[rows]] & ~listed
        apart &= ~office
        # A line another schedule pays (the single lookup's paid_by): that schedule is its statement, in place of the
        # PFS's reasons (a trial's J7325 row priced from the ASP file said only "No PFS payment: status E ... paid
        # under reasonable-charge rules").
        pfs = lines.valid["pfs_non_facility_amount"][rows] | lines.valid["pfs_facility_amount"][rows]
        elsewhere = ~pfs & (listed | cells["unclassified"][lines.code[rows]])
        if elsewhere.any():
            if lines.elsewhere is None:
                lines.elsewhere = np.zeros(lines.rows, dtype=bool)
            lines.elsewhere[rows[elsewhere]] = True
        paid_from = np.where(pfs, 0, offices.column("paid_from")[rows])
        for name in FACILITY_DRUG_TABLES:  # a drug at a hospital or ASC row: that facility's table first
            paid_from[(paid_from == texts.id(paid_from_note("drug"))) & (site == SITE_NAMES.index(name))] = texts.id(
                paid_from_note("drug", name))  # fmt: skip
            if name == "asc":  # a practitioner's row there (not the ASC's own: its provider cell, a type of bill 83x)
                own = lines.facility_bill[rows] if lines.facility_bill is not None else np.zeros(rows.size, dtype=bool)
                paid_from[(paid_from == texts.id(paid_from_note("drug", name))) & ~own] = texts.id(
                    paid_from_note("drug", name, practitioner=True))  # fmt: skip
            # and a DMEPOS item that facility's table packages, $0.00 (the single lookup's: meanings.paid_from_note)
            rate = "opps_rate" if name == "hopd" else "asc_rate"
            packaged = lines.valid[rate][rows] & (lines.cents[rate][rows] == 0) & (site == SITE_NAMES.index(name))
            paid_from[(paid_from == texts.id(paid_from_note("dmepos"))) & packaged] = texts.id(
                paid_from_note("dmepos", name, packaged_there=True))  # fmt: skip
        if paid_from.any():
            lines.add_note("paid_from", rows, paid_from)
            apart |= paid_from != 0
        if apart.any():
            lines.without_slot("pfs_reason", rows[apart])
        # An item the hospital or ASC bills at a row there has no physician's fee, so no PFS reason for having none
        # ("Ask your MAC for its fee" of A9500 at POS 22): engine.facility.facility_item, the single lookup's site.
        # Its code's part (section and status) is the single lookup's test itself, once per distinct cell and CMS row.
        from rvucalc.engine.facility import facility_item_code
        from rvucalc.engine.facility_codes import facility_billed_said

        candidate = (
            np.isin(site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
            & ~lines.valid["pfs_facility_amount"][rows]
            & ~lines.valid["pfs_non_facility_amount"][rows]
            & (lines.valid["opps_rate"][rows] | lines.valid["asc_rate"][rows])
        )
        if candidate.any():
            at = rows[candidate]
            pairs, inverse = np.unique(np.stack([lines.code[at], cells["row"][lines.code[at]]]), axis=1,
                                       return_inverse=True)  # fmt: skip
            item = np.array([facility_item_code(lines.codes[cell].code, str(statuses[row]) if row >= 0 else None)
                             for cell, row in pairs.T.tolist()], dtype=bool)  # fmt: skip
            lines.without_slot("pfs_reason", at[item[inverse.reshape(-1)]])
            # A 2025 CPT radiation delivery code at a hospital row: a technical-only service there, whose PFS reason
            # (status I, the office's G codes) is the single lookup's hospital site's reason instead
            # (engine.radiation.hospital_delivery_reason), per distinct cell and CMS row.
            from rvucalc.engine.radiation import hospital_delivery_reason

            hospital = site[candidate] == SITE_NAMES.index("hopd")
            said = [hospital_delivery_reason(lines.codes[cell].code, str(statuses[row]) if row >= 0 else None)
                    for cell, row in pairs.T.tolist()]  # fmt: skip
            delivery = np.array([text is not None for text in said], dtype=bool)[inverse.reshape(-1)] & hospital
            if delivery.any():
                ids = lines.texts.ids([text or "" for text in said])[inverse.reshape(-1)]
                lines.without_slot("pfs_reason", at[delivery])
                lines.add_note("pfs_reason", at[delivery], ids[delivery])
            # A code the facility bills in place of the physician's (G0463, G0260, the hospital's ED and observation
            # codes: engine.facility_codes) says so instead: a physician's remit otherwise read "Paid amount not
            # compared: ... (the notes say why)" with no note saying why (an emergency medicine trial's G0384).
            words = [facility_billed_said(lines.codes[cell].code) if billed else ""
                     for (cell, _), billed in zip(pairs.T.tolist(), item.tolist(), strict=True)]  # fmt: skip
            billed_ids = np.array([texts.id(text) if text else 0 for text in words], dtype=np.int32)
            if billed_ids.any():
                lines.add_note("pfs_reason", at, billed_ids[inverse.reshape(-1)])

    def _conversion_factor(self, rvu: dict[str, np.ndarray]) -> Any:
        """Each row's CF (ten-thousandths): CMS's, or the what-if one for every row."""
        if self.scenario.conversion_factor is None:
            return rvu["conv_factor"]
        from rvucalc.engine.scenario import cf_units

        return cf_units(self.scenario.conversion_factor)

    @staticmethod
    def _supply_cells(pfs: _PfsArrays, lines: Lines, code_of_row: np.ndarray, rvu_row: np.ndarray) -> np.ndarray:
        """Rows whose code cell carries JW or JZ on a skin substitute the PFS pays as a supply
        (``engine.modifiers.supply_modifier_notes``): the single lookup's rules price them (JW's $0.00 and both
        notes), though JW and JZ choose no row (the row's cells share ``needs_rules``)."""
        import numpy as np

        from rvucalc.engine.meanings import PRICED_STATUSES, is_skin_substitute

        # Once a run per cell (Lines.flag), not per partition's distinct cells.
        mine = lines.flag("JW/JZ skin substitute", lambda cell: bool({"JW", "JZ"} & set(cell.modifiers))
                          and is_skin_substitute(cell.code))[code_of_row] & (rvu_row >= 0)  # fmt: skip
        if mine.any():
            mine[mine] = np.isin(pfs.status[rvu_row[mine]], sorted(PRICED_STATUSES))
        return mine

    def _rule_rows(
        self, release: Release, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place: np.ndarray,
        rvu_row: np.ndarray, cells: CellView,
    ) -> None:  # fmt: skip
        """Lines with payment-policy modifiers or anesthesia codes: the single lookup's rules, run once per
        distinct (code cell, locality) and copied to every row that has it; a line whose rules are factors of
        its fee (``engine.policy.line_factors``) once per code cell, its amounts then on whole columns."""
        import numpy as np

        if not rows.size:
            return
        by_factors = self._factor_rows(release, store, pfs, lines, rows, place, rvu_row, cells)
        rows, place = rows[~by_factors], place[~by_factors]
        if not rows.size:
            return
        places = len(pfs.localities) + 1
        keys, key_of_row = np.unique(
            (lines.code[rows].astype(np.int64) * places + (place + 1)) * len(lines.anesthesias)
            + lines.anesthesia[rows],
            return_inverse=True,
        )
        groups = _group_rows(key_of_row.reshape(-1), len(keys))
        notes = np.zeros(len(rows), dtype=np.int32)
        reasons = np.zeros(len(rows), dtype=np.int32)
        adjustments = np.zeros(len(rows), dtype=np.int32)
        for key, positions in zip(keys.tolist(), groups, strict=True):
            anesthesia = lines.anesthesias[key % len(lines.anesthesias)]
            key //= len(lines.anesthesias)
            parsed = lines.codes[key // places]
            amounts = self._rule_amounts(release, store, pfs, parsed, key % places - 1, anesthesia)
            mine = rows[positions]
            if amounts.error is not None:
                self._fail_at_sites(lines, mine, amounts.error)
                continue
            for name, cents in amounts.cents.items():
                lines.set_money(name, mine, cents or 0, cents is not None)
            notes[positions] = lines.texts.id_of(amounts.notes)
            reasons[positions] = lines.texts.id_of(amounts.reasons)
            adjustments[positions] = lines.texts.id_of(amounts.adjustments)
        lines.add_note("line", rows, notes)
        lines.add_note("adjustments", rows, adjustments)
        lines.add_note("pfs_reason", rows, reasons)

    def _factor_rows(
        self, release: Release, store: Store, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place: np.ndarray,
        rvu_row: np.ndarray, cells: CellView,
    ) -> np.ndarray:  # fmt: skip
        """Price the rule lines whose rules are factors of the fee: for a line alone ``apply_rules`` multiplies
        its fee by ``line_factors``' two factors and rounds once (no OPPSCAP row, claim modifiers, anesthesia
        or 51/66 here). Its notes, reasons and payable settings do not depend on the place: they are the rules'
        own, run once per code cell (nationally). Returns which rows were priced."""

        codes = lines.code[rows]
        new = cells.table.missing("factors", lines.cell[codes])
        if new.size:
            parsed_of = self._codes.parsed
            cells.table.fill("factors", FACTOR_COLUMNS, new, lambda number: self._factor_facts(
                release, store, pfs, cells.table, number, parsed_of[number]))  # fmt: skip
        done = cells["by_factors"][codes] & (lines.anesthesia[rows] == 0)
        if not done.any():
            return done
        at, code_at = rows[done], codes[done]
        before, before_of, after, after_of = (cells[name][code_at] for name in ("before", "before_of", "after",
                                                                                  "after_of"))  # fmt: skip
        fees = self.pfs_fees(pfs, rvu_row[done], place[done])
        for name in line_rules.SETTINGS:
            payable = cells[f"payable_{name}"][code_at]
            amount = round_half_up(fees[name] * before * after, before_of * after_of)
            lines.set_money(f"pfs_{name}_amount", at, amount, payable)
            lines.set_money(f"pfs_{name}_limiting_charge", at, limiting_charge(amount), payable)
        for slot, column in (("line", "factor_notes"), ("adjustments", "factor_adjustments"),
                             ("pfs_reason", "factor_reasons")):  # fmt: skip
            lines.add_note(slot, at, cells[column][code_at])
        return done

    def _factor_facts(
        self, release: Release, store: Store, pfs: _PfsArrays, table: CellTable, number: int, parsed: _Code
    ) -> tuple[Any, ...]:
        """A rule line's row of FACTOR_COLUMNS: whether its rules are factors of the fee; then the factors
        (numerators and denominators), payable settings, notes and reasons."""
        resolved = table.resolution(number)
        if resolved is None or resolved.error is not None or resolved.outside:
            return (False, 1, 1, 1, 1, False, False, 0, 0, 0)
        lookups: Any = self._lookups(store)
        hcpcs, modifier = pfs.rvu_keys[resolved.row].split("|", 1)
        factors = factor_form(lookups.rvu(hcpcs, modifier), resolved.modifiers, parsed.provider)
        if factors is None or (hcpcs, modifier) in lookups.capped():
            return (False, 1, 1, 1, 1, False, False, 0, 0, 0)
        # The national rules read of the release only its year and CF kind, and the code's RVU rows (a component's,
        # an endoscopy base's: lookup.lines.prepare, policy_settings): a cell whose rows another release has word for
        # word (2025A's and 2025D's, mostly) has that release's answer. Not an anesthesia row's (the release's
        # anesthesia CF).
        alike = (release.year, release.cf_kind, parsed.text, parsed.modifier_text, parsed.provider)
        rows = _code_rows(lookups, hcpcs)
        known = self._factors_alike.get(alike)
        if known is not None and known[0] == rows:
            return known[1]
        alone = self._rule_amounts(release, store, pfs, parsed, -1, ("", ""))
        if alone.error is not None:
            found: tuple[Any, ...] = (False, 1, 1, 1, 1, False, False, 0, 0, 0)
        else:
            before, after = factors
            payable = tuple(alone.cents[f"pfs_{name}_amount"] is not None for name in line_rules.SETTINGS)
            found = (True, before.numerator, before.denominator, after.numerator, after.denominator, *payable,
                     self._strings.id_of(alone.notes), self._strings.id_of(alone.reasons),
                     self._strings.id_of(alone.adjustments))  # fmt: skip
        if all(row["status"] != "J" for row in rows):
            self._factors_alike[alike] = (rows, found)
        return found

    def _rule_amounts(
        self, release: Release, store: Store, pfs: _PfsArrays, parsed: _Code, position: int, anesthesia: tuple[str, str]
    ) -> _RuleAmounts:
        key = (release.release, parsed.text, parsed.modifier_text, parsed.provider, position, anesthesia)
        if key not in self._rules:
            locality = pfs.localities[position] if position >= 0 else None
            gpci = (
                (int(pfs.gpci[0][position]), int(pfs.gpci[1][position]), int(pfs.gpci[2][position]))
                if position >= 0
                else NATIONAL_GPCI
            )
            cf_kind = release.cf_kind
            try:
                base_units, minutes = anesthesia
                given = anesthesia_input(base_units, minutes)
                given.conversion_factor = self.scenario.anesthesia_cf
                what_if = self.scenario.conversion_factor
                cf = None
                if what_if is not None:
                    from rvucalc.engine.scenario import WHAT_IF_CF_KIND, cf_units

                    cf, cf_kind = cf_units(what_if), WHAT_IF_CF_KIND
                item = line_rules.prepare(
                    self._lookups(store), parsed.text, parsed.modifier_text or None, locality=locality, gpci=gpci,
                    cf=cf, cf_kind=cf_kind, qp=False, provider=parsed.provider, anesthesia=given,
                    parsed=None if parsed.error else (parsed.code, parsed.written),  # parse_line's, once per cell
                )  # fmt: skip
                line_rules.apply_rules([item])
            except RvucalcError as exc:
                self._rules[key] = _RuleAmounts({}, error=bare_error(exc))
                return self._rules[key]
            cents: dict[str, int | None] = {}
            for setting in line_rules.SETTINGS:
                amount = getattr(item.pfs, setting)
                if setting == "facility" and item.component is not None:  # its 26's (lookup.lines.component_row)
                    amount = item.component
                cents[f"pfs_{setting}_amount"] = money_cents(amount.amount)
                cents[f"pfs_{setting}_limiting_charge"] = money_cents(amount.limiting_charge)
            # A line priced alone through the rules (an NP's, a line whose modifiers need them) gets the notes of an
            # add-on alone (engine.visits.lone_line_notes: 99292 without 99291, G2211 with no visit): batch's claim
            # step gives those for the row as its claim has it (batch.claims._lone_lines, _encounter_notes,
            # _visit_rules), as for a physician's row priced without the rules; not here, for the cell alone.
            lone = set(lone_line_notes(item.code, item.year))
            notes = tuple(note for note in item.notes if note not in lone)
            self._rules[key] = _RuleAmounts(cents, notes=notes, reasons=pfs_reasons(item.pfs),
                                            adjustments=pfs_adjustments(item.pfs))  # fmt: skip
        return self._rules[key]

    @staticmethod
    def _fail_at_sites(lines: Lines, rows: np.ndarray, error: RvucalcError) -> None:
        """A cell's refusal as said at each row's site (engine.policy.refusal_at_site, as a single lookup's: a
        bilateral refusal's ASC sentence at an ASC or with no site only)."""
        import numpy as np

        from rvucalc.engine.policy import refusal_at_site

        sites = lines.site[rows]
        for site in np.unique(sites).tolist():
            name = SITE_NAMES[site] or None
            lines.fail_with(rows[sites == site], refusal_at_site(error, name))

    def _facility_and_sites(
        self, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, zips: np.ndarray, cells: CellView,
        offices: Offices, place: np.ndarray | None = None,
    ) -> None:  # fmt: skip
        """OPPS and ASC rates at each row's wage index, and each site's allowed amount and shares.

        The quarter (and so the national terms) follows each row's date of service; rows are grouped
        by the quarter's releases, not by date."""
        import numpy as np

        from rvucalc.lookup.pricer import prior_opps

        if not rows.size:
            return
        texts = lines.texts
        wage_index = np.where(zips >= 0, pfs.wage_index[np.maximum(zips, 0)], -1)
        # The ASC's rate by the place's wage index; the OPPS rate by a hospital's own where given (a wage_index cell,
        # else --wage-index), as the single lookup's (lookup.pricer.USER_WAGE_INDEX).
        # The ASC's rate by the ASC's wage index where given (an asc_wage_index cell, else --asc-wage-index).
        given = self._given_wage_index(lines, rows)
        asc_given = self._given_wage_index(lines, rows, asc=True)
        place_wi = np.where(wage_index >= 0, wage_index, WAGE_INDEX_SCALE)
        asc_has_wi = (wage_index >= 0) | (asc_given >= 0)
        asc_wi = np.where(asc_given >= 0, asc_given, place_wi)
        has_wi = (wage_index >= 0) | (given >= 0)
        wi = np.where(given >= 0, given, place_wi)
        # A place whose area the wage index file lists with different values (engine.wage_choices): per row, its
        # values' position in the run's texts (0: one value), for the rates CMS wage-adjusts not priced (below).
        choice_of_zip = self._zip_choices(pfs)
        choice = np.where(zips >= 0, choice_of_zip[np.maximum(zips, 0)], 0)
        year = pfs.reference.release.year
        dates = [date for _, date in lines.whens]
        # Rows are grouped by the quarter's releases; each date's own warning (a quarter not installed) is a note.
        quarter_of_when: dict[int, tuple[str, str]] = {}
        warning_of_when = np.zeros(len(dates), dtype=np.int32)
        for when in ids_and_inverse(lines.when[rows])[0].tolist():
            opps, asc, warnings = self._quarter(year, dates[when])
            quarter_of_when[when] = (opps.release if opps else "", asc.release if asc else "")
            warning_of_when[when] = texts.id_of(warnings)
        lines.add_note("quarter", rows, warning_of_when[lines.when[rows]])
        quarters = sorted(set(quarter_of_when.values()))
        number_of_when = np.full(len(dates), -1, dtype=np.int64)
        for when, quarter in quarter_of_when.items():
            number_of_when[when] = quarters.index(quarter)
        quarter_of_row = number_of_when[lines.when[rows]]
        # A therapy code (engine.hopd_therapy.is_therapy_code): multiple procedure indicator 5 (the cells' 'therapy')
        # or PC/TC indicator 7 (92610, 92611: indicator 0), as the single lookup's Pricer._hopd_therapy reads its row.
        code_rows = cells["row"]
        therapy = cells["therapy"] | ((code_rows >= 0) & pfs.rvu["therapy_pctc"][np.maximum(code_rows, 0)])
        # and diabetes self-management training, paid to the hospital as therapy is (engine.hopd_therapy.HOPD_PFS_DSMT)
        dsmt = lines.flag("hospital PFS DSMT", lambda cell: cell.code in HOPD_PFS_DSMT)
        therapy = therapy | dsmt
        per_code = {"share": cells["coinsurance"], "professional": cells["professional"], "therapy": therapy}
        # Mammography's rows the hospital is paid under the PFS for (screening and diagnostic), and their place (the
        # TC's PFS amount is the hospital's: _mammography_at_hopd).
        mammography = lines.flag("hospital PFS mammography", lambda cell: cell.code in HOPD_PFS_MAMMOGRAPHY)
        place_of: np.ndarray | None = None
        if place is not None and mammography[lines.code[rows]].any():
            place_of = np.full(lines.rows, NO_PLACE, dtype=np.int64)
            place_of[rows] = place
        # A Maryland hospital is not paid under the OPPS (engine.hospitals, as the single lookup's maryland_unpriced).
        maryland = self._maryland_rows(pfs, zips, place)
        for number, (opps_name, asc_name) in enumerate(quarters):
            opps = next((r for r in self.pricer.catalogue.releases("opps") if r.release == opps_name), None)
            asc = next((r for r in self.pricer.catalogue.releases("asc") if r.release == asc_name), None)
            in_quarter = quarter_of_row == number
            reference, terms = self.facility_arrays(pfs, opps, asc, ())
            part = rows[in_quarter]
            found = self._facility_positions(pfs, lines, part, reference, (opps_name, asc_name))
            kept = self._outside_listed(lines, part, found, terms, cells, offices)
            keep = np.isin(part, kept)
            part, part_wi, part_has_wi = kept, wi[in_quarter][keep], has_wi[in_quarter][keep]
            asc_part = (asc_wi[in_quarter][keep], asc_has_wi[in_quarter][keep])
            code_at = found[lines.code[part]]
            factors = self._facility_factors(
                lines, part, np.maximum(found, 0), terms, cells, year, self._factors,
                lambda c: self._bilateral_indicator(pfs, cells, c), rural_sch=self.scenario.hospital == RURAL_SCH,
                by_cell=self._cell_factors,
                quarter=(pfs.reference.release.release, opps_name, asc_name, self.scenario.hospital == RURAL_SCH),
            )  # fmt: skip
            listed_at = np.maximum(code_at, 0)
            term = {name: values[listed_at] for name, values in terms.items()}
            for flag in ("opps_ok", "asc_ok"):
                term[flag] = term[flag] & (code_at >= 0)
            # DSMT at a Maryland hospital: the waiver's, not the PFS's (engine.hopd_therapy.MARYLAND_DSMT)
            waived = maryland[in_quarter][keep] & dsmt[lines.code[part]]
            self._therapy_at_hopd(lines, part, per_code["therapy"], opps, year, waived)
            if place_of is not None:
                self._mammography_at_hopd(pfs, lines, part[mammography[lines.code[part]]], place_of, opps, year)
            # (engine.hospitals.maryland_opps: a rate the OPPS would pay, or any row of a year whose Addendum B is not
            # installed: the waiver's reason first, not to install the file; not a therapy or mammography row, the
            # PFS's at a hospital there too, as the single lookup's maryland)
            pfs_paid = lines.hopd_therapy[part] if lines.hopd_therapy is not None else np.zeros(len(part), dtype=bool)
            if lines.hopd_technical is not None:
                pfs_paid = pfs_paid | (lines.hopd_technical[part] >= 0)
            term["opps_maryland"] = ((term["opps_ok"] | (opps is None)) & maryland[in_quarter][keep] & ~pfs_paid
                                     | waived)  # fmt: skip
            term["opps_ok"] = term["opps_ok"] & ~term["opps_maryland"]
            # Where no wage index is given for a rate CMS wage-adjusts and the place has several (engine.wage_choices:
            # as the single lookup's opps_choice and asc_choice), the rate is not priced; each value's rate said.
            part_choice = choice[in_quarter][keep]
            opps_adjusted = ~np.isin(term["opps_si"], list(OPPS_NOT_WAGE_ADJUSTED) + list(OPPS_PACKAGED))
            term["opps_choice"] = np.where(term["opps_ok"] & opps_adjusted & (term["opps_rate"] > 0)
                                           & (given[in_quarter][keep] < 0), part_choice, 0)  # fmt: skip
            term["asc_choice"] = np.where(term["asc_ok"] & ~term["asc_fixed"] & (term["asc_rate"] > 0)
                                          & (asc_given[in_quarter][keep] < 0), part_choice, 0)  # fmt: skip
            # (priced at the national rate for the claims' rules, which they take part in: not priced after them,
            # batch.claims.wage_choices_after_rules, as wage_choices.after_rules)
            if self.scenario.hospital == RURAL_SCH:  # before the rates and the claims' rules (engine.hospitals)
                pn = ~lines.flag("rural SCH line", lambda cell: rural_sch_line(cell.modifiers))[lines.code[part]]
                added = term["opps_ok"] & np.isin(term["opps_si"], sorted(RURAL_SCH_ADDED_SIS)) & ~pn
                # As engine.facility.price_opps: the national rate x 1.071, rounded to the cent, is what the rows' rate
                # is wage-adjusted from, and what the encounter discounts and the units multiply (lines.opps_national)
                term["opps_sch_added"], term["opps_plain"] = added, term["opps_rate"]  # APC reductions first (_sites)
                term["opps_rate"] = np.where(added, rural_sch_mills(term["opps_rate"]), term["opps_rate"])
                if lines.rural_sch_add_on is None:
                    lines.rural_sch_add_on = np.zeros(lines.rows, dtype=np.int8)
                lines.rural_sch_add_on[part] = np.where(added, RURAL_SCH_ADDED,
                                                        np.where(term["opps_ok"], RURAL_SCH_NOT_ADDED, 0))  # fmt: skip
            if term["opps_maryland"].any():
                if lines.maryland_opps is None:
                    lines.maryland_opps = np.zeros(lines.rows, dtype=bool)
                lines.maryland_opps[part] = term["opps_maryland"]
            installed = (opps is not None, asc is not None)
            for site, what, there in (("hopd", "OPPS", installed[0]), ("asc", "ASC", installed[1])):
                at_site = lines.site[part] == SITE_NAMES.index(site)
                if site == "hopd":  # a Maryland hospital's row: not priced by the waiver, whatever file is installed
                    at_site &= ~term["opps_maryland"]
                missing = part[at_site] if not there else part[:0]
                if missing.size:  # counted for the summary where the site has no amount (BatchPricer._price_table)
                    if lines.facility_missing is None:
                        lines.facility_missing = np.zeros(lines.rows, dtype=np.int32)
                    lines.facility_missing[missing] = texts.id(f"CY{year} {what}")
            self._sites(lines, part, term, reference, (part_wi, part_has_wi), asc_part, code_at, factors, per_code,
                        installed)  # fmt: skip
            self._no_opps_rate_notes(lines, part, cells, opps)
            if factors is not None:
                wages = ((part_wi, part_has_wi), asc_part)
                self._facility_rule_notes(pfs, lines, part, term, cells, factors, (opps, asc), wages, year)
            # A rate CMS adjusts by the wage index, priced without one: the national rate (BatchPricer._national).
            fixed = np.isin(terms["opps_si"], list(OPPS_NOT_WAGE_ADJUSTED))[np.maximum(code_at, 0)]  # per code
            self._county_notes(pfs, lines, part, zips[in_quarter][keep], term, fixed,
                               (given[in_quarter][keep], asc_given[in_quarter][keep]))  # fmt: skip
            # (not a row priced at the national rate for the claims' rules alone: Lines.wage_choice)
            adjusted = {"hopd": (term["opps_ok"] & ~fixed & (term["opps_choice"] == 0), part_has_wi),
                        "asc": (term["asc_ok"] & ~term["asc_fixed"] & (term["asc_choice"] == 0),
                                asc_part[1])}  # fmt: skip
            for name, (adjustable, site_has_wi) in adjusted.items():
                if name not in lines.facility_unadjusted:
                    lines.facility_unadjusted[name] = np.zeros(lines.rows, dtype=bool)
                lines.facility_unadjusted[name][part] = adjustable & ~site_has_wi
            # (with no Addendum B of the year, the newest earlier one, where it packages an anesthesia code: its rows'
            # only OPPS rate, engine.facility.anesthesia_opps_packaged; a row without a rate shows none)
            opps_decided = opps if opps is not None else prior_opps(self.pricer.catalogue, year)
            for name, installed_release in (("opps_release", opps_decided), ("asc_release", asc)):
                if installed_release is not None:
                    if getattr(lines, name) is None:
                        setattr(lines, name, np.zeros(lines.rows, dtype=np.int32))
                    getattr(lines, name)[part] = lines.texts.id(installed_release.release)
            self._unlisted_reasons(lines, part[code_at < 0], opps, asc, year)
            self._schedule_office(lines, part, offices)

    def _facility_rule_notes(
        self, pfs: _PfsArrays, lines: Lines, part: np.ndarray, term: dict[str, np.ndarray], cells: CellView,
        factors: dict[str, tuple[np.ndarray, ...]], releases: tuple[Release | None, Release | None],
        wages: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]], year: int,
    ) -> None:  # fmt: skip
        """What a line's modifiers cut of its hospital (OPPS) or ASC rate (73 50%, PN/PO 40% ...), in its note: the
        rules of the single lookup's opps.adjustments and asc.adjustments (``opps_adjustments``, ``asc_adjustments``
        in price's CSV), word for word, from the same ``engine.facility.price_opps``/``price_asc`` and
        ``apply_facility_modifiers`` (once per code cell, release and wage index). The row's own note where its site
        is that facility's (or it has none), else labelled the comparison's (FACILITY_COMPARISON_ONLY). Batch said
        only "Modifier 73 ... changes the hospital's (OPPS) and the ASC's rate", its rates cut and no rule said. The
        rules and their CMS sources are the engine's (engine.modifiers: 73 50%, Pub. 100-04 ch. 4 §20.6.4, ch. 14
        §40.4; PN/PO 40%, the OPPS Pricer's PerformApcAdjustments; engine.facility.APC_ADJUSTMENT_ORDER)."""
        import numpy as np

        code_ids = lines.code[part]
        # (a rate not priced for want of one wage index, engine.wage_choices, has no adjustment in the lookup either)
        cut = {
            "hopd": term["opps_ok"]
            & (term["opps_rate"] > 0)
            & (term["opps_choice"] == 0)
            & (factors["opps"][0] != factors["opps"][1]),
            "asc": term["asc_ok"]
            & (term["asc_rate"] > 0)
            & (term["asc_choice"] == 0)
            & ((factors["asc"][0] != factors["asc"][1]) | (factors["asc"][4] > 0)),
        }
        rural_sch = self.scenario.hospital == RURAL_SCH
        sch_added = term.get("opps_sch_added")
        for (site, wanted), release, (wage_index, has_wage_index) in zip(cut.items(), releases, wages, strict=True):
            if release is None or not wanted.any():
                continue
            at = np.flatnonzero(wanted)
            added = np.zeros(len(at), dtype=bool) if sch_added is None or site != "hopd" else sch_added[at]
            given = np.where(has_wage_index[at], wage_index[at], -1)
            keys, inverse = np.unique(np.stack([code_ids[at], given, added.astype(np.int64)], axis=1), axis=0,
                                      return_inverse=True)  # fmt: skip
            own = np.zeros(len(keys), dtype=np.int32)
            labelled = np.zeros(len(keys), dtype=np.int32)
            for number, (code_id, index, sch) in enumerate(keys.tolist()):
                modifiers = tuple(cells.resolved(code_id).modifiers)
                indicator = self._bilateral_indicator(pfs, cells, code_id) if site == "asc" else None
                rules = self._facility_rules_of(site, release, lines.codes[code_id].code, modifiers, year,
                                                None if index < 0 else int(index), bool(sch), rural_sch,
                                                indicator)  # fmt: skip
                if rules:
                    own[number] = lines.texts.id("; ".join(rules))
                    labelled[number] = lines.texts.id("; ".join(FACILITY_COMPARISON_ONLY + rule for rule in rules))
            rows = part[at]
            inverse = inverse.reshape(-1)
            there = np.isin(lines.site[rows], [0, SITE_NAMES.index(site)])
            lines.add_note("facility_adjustments", rows, np.where(there, own[inverse], labelled[inverse]))
        self._rate_kept_notes(lines, part, term, cells, releases[0], year)

    def _rate_kept_notes(
        self, lines: Lines, part: np.ndarray, term: dict[str, np.ndarray], cells: CellView, release: Release | None,
        year: int,
    ) -> None:  # fmt: skip
        """A hospital line whose PO or PN leaves its OPPS rate as it was (96413-PO, J9271-PN, a rural SCH's G0463-PO):
        the single lookup's OPPS note saying so (engine.modifiers.apply_facility_modifiers), in place of the line's
        generic "it changes the hospital's (OPPS) rate" (lookup.lines.rate_kept_superseded): the row's own note where
        its site is the hospital (or it has none), else labelled the comparison's (FACILITY_COMPARISON_ONLY), as
        _facility_rule_notes' rules are. Batch said the generic note alone, price both."""
        import numpy as np

        from rvucalc.engine.modifiers import RATE_KEEPING_MODIFIERS
        from rvucalc.lookup.lines import rate_kept_superseded

        if release is None:
            return
        code_ids = lines.code[part]
        marked = lines.flag("PO or PN line", lambda cell: bool(set(cell.modifiers) & set(RATE_KEEPING_MODIFIERS)))
        wanted = marked[code_ids] & term["opps_ok"] & (term["opps_rate"] > 0) & (term["opps_choice"] == 0)
        there = np.isin(lines.site[part], [0, SITE_NAMES.index("hopd")])
        rural_sch = self.scenario.hospital == RURAL_SCH
        for code_id in np.unique(code_ids[wanted]).tolist():
            modifiers = tuple(cells.resolved(code_id).modifiers)
            notes = self._rate_kept_of(release, lines.codes[code_id].code, modifiers, year, rural_sch)
            if not notes:
                continue
            mine = wanted & (code_ids == code_id)
            rows = part[mine]
            labelled = "; ".join(FACILITY_COMPARISON_ONLY + note for note in notes)
            lines.add_note("facility_adjustments", rows, np.where(there[mine], lines.texts.id("; ".join(notes)),
                                                                  lines.texts.id(labelled)))  # fmt: skip
            lines.without_superseded("line", rows, rate_kept_superseded(notes))  # PO's own note, alone or joined

    def _no_opps_rate_notes(
        self, lines: Lines, part: np.ndarray, cells: CellView, release: Release | None
    ) -> None:  # fmt: skip
        """PO or PN on a code the quarter's Addendum B gives a status indicator with no OPPS rate of its own (97110 SI
        A, 99213 SI B): the line's generic "it changes the hospital's (OPPS) rate" said as
        ``lookup.lines.no_opps_rate_notes`` says it in its place, in every setting, as the single lookup does."""
        import numpy as np

        from rvucalc.engine.modifiers import RATE_KEEPING_MODIFIERS
        from rvucalc.lookup.lines import no_opps_rate_notes

        if release is None or not part.size:
            return
        code_ids = lines.code[part]
        marked = lines.flag("PO or PN line", lambda cell: bool(set(cell.modifiers) & set(RATE_KEEPING_MODIFIERS)))
        wanted = marked[code_ids]
        for code_id in np.unique(code_ids[wanted]).tolist():
            code = lines.codes[code_id].code
            key = (release.release, code)
            if key not in self._opps_status:  # the code's Addendum B status indicator (None: not listed)
                row = self.pricer.catalogue.store(release).opps(code)
                self._opps_status[key] = None if row is None else row["si"]
            instead = no_opps_rate_notes(tuple(cells.resolved(code_id).modifiers), self._opps_status[key])
            if not instead:
                continue

            def rewrite(part: str, instead: dict[str, str] = instead) -> str:
                # a cell's modifiers' notes may be joined in one part
                if not any(generic in part for generic in instead):
                    return part
                return "; ".join(instead.get(piece, piece) for piece in part.split("; "))

            lines.rewritten_parts(part[wanted & (code_ids == code_id)], rewrite, "line")

    def _rate_kept_of(
        self, release: Release, code: str, modifiers: tuple[str, ...], year: int, rural_sch: bool
    ) -> tuple[str, ...]:  # fmt: skip
        """The OPPS notes of a line whose PO or PN keeps its rate (``_rate_kept_notes``), as the single lookup makes
        them (engine.facility.price_opps, then apply_facility_modifiers): remembered."""
        from rvucalc.engine.facility import apply_facility_modifiers, price_opps
        from rvucalc.engine.modifiers import rate_kept_modifiers
        from rvucalc.models import AscResult

        key = (release.release, code, modifiers, year, rural_sch)
        if key not in self._rate_kept:
            opps = price_opps(self.pricer.catalogue.store(release).opps(code), code, year, None, release.release)
            before = len(opps.notes)
            apply_facility_modifiers(opps, AscResult.model_construct(payable=False, rate=None), modifiers, code, year,
                                     rural_sole_community=rural_sch)  # fmt: skip
            self._rate_kept[key] = tuple(note for note in opps.notes[before:] if rate_kept_modifiers([note]))
        return self._rate_kept[key]

    def _facility_rules_of(
        self, site: str, release: Release, code: str, modifiers: tuple[str, ...], year: int, wage_index: int | None,
        sch_added: bool, rural_sch: bool, bilateral_indicator: str | None,
    ) -> tuple[str, ...]:  # fmt: skip
        """The rules of a line's OPPS (``site`` 'hopd') or ASC adjustments made by its modifiers, as the single
        lookup makes them (``lookup.pricer``: price_opps or price_asc, then apply_facility_modifiers): remembered."""
        from rvucalc.engine.facility import apply_facility_modifiers, price_asc, price_opps
        from rvucalc.models import AscResult, OppsResult

        key = (site, release.release, code, modifiers, year, wage_index, sch_added, rural_sch, bilateral_indicator)
        if key not in self._facility_rules:
            store = self.pricer.catalogue.store(release)
            if site == "hopd":
                opps = price_opps(store.opps(code), code, year, wage_index, release.release, rural_sch=sch_added)
                asc = AscResult.model_construct(payable=False, rate=None)
            else:
                opps = OppsResult.model_construct(payable=False, rate=None)
                asc = price_asc(self._asc_rows_of(store, code), code, wage_index, release.release)
            apply_facility_modifiers(opps, asc, modifiers, code, year, bilateral_indicator=bilateral_indicator,
                                     rural_sole_community=rural_sch)  # fmt: skip
            result = opps if site == "hopd" else asc
            self._facility_rules[key] = tuple(dict.fromkeys(step.rule for step in result.adjustments or ()))
        return self._facility_rules[key]

    def _county_notes(
        self, pfs: _PfsArrays, lines: Lines, part: np.ndarray, zips: np.ndarray, term: dict[str, np.ndarray],
        fixed: np.ndarray, given: tuple[np.ndarray, np.ndarray],
    ) -> None:  # fmt: skip
        """The ZIP's county note (a ZIP that spans counties: the one whose wage index is used) on the rows of one
        quarter whose hospital or ASC rate is adjusted by the place's wage index, as lookup.pricer.
        county_wage_index_used says for the single lookup: a payable rate above $0.00 that CMS wage-adjusts, no
        wage index given for it, not paid under the PFS at the hospital (therapy, mammography). A lab's, drug's or DME
        item's row has none (a trial's 80053, J1100 and E0601 rows said "ZIP 32425 spans counties")."""
        import numpy as np

        opps_used = (term["opps_ok"] & ~fixed & ~np.isin(term["opps_si"], list(OPPS_PACKAGED))
                     & (term["opps_rate"] > 0) & (given[0] < 0))  # fmt: skip
        if lines.hopd_therapy is not None:
            opps_used &= ~lines.hopd_therapy[part]
        if lines.hopd_technical is not None:
            opps_used &= lines.hopd_technical[part] < 0
        asc_used = term["asc_ok"] & ~term["asc_fixed"] & (term["asc_rate"] > 0) & (given[1] < 0)
        at = (opps_used | asc_used) & (zips >= 0)
        if at.any():
            table = self.cell_table(f"zips {pfs.reference.release.release}")
            lines.add_note("county", part[at], table.take("county", zips[at]))

    def _therapy_at_hopd(
        self, lines: Lines, rows: np.ndarray, therapy: np.ndarray, opps: Release | None, year: int,
        waived: np.ndarray | None = None,
    ) -> None:  # fmt: skip
        """``Lines.hopd_therapy`` of these rows (one quarter's): a therapy code (``therapy``, per code) whose
        hospital line the PFS pays (engine.hopd_therapy), by its SI in the quarter's Addendum B, or, where the year's
        is not installed, in the newest earlier one (``Pricer._hopd_therapy``); looked up once per code. ``waived``
        (per row): none of them (a Maryland hospital's DSMT, engine.hopd_therapy.MARYLAND_DSMT)."""
        import numpy as np

        from rvucalc.lookup.pricer import prior_opps

        if lines.hopd_therapy is None:
            lines.hopd_therapy = np.zeros(lines.rows, dtype=bool)
            lines.hopd_therapy_release = np.zeros(lines.rows, dtype=np.int32)
        lines.hopd_therapy[rows] = False
        assert lines.hopd_therapy_release is not None
        lines.hopd_therapy_release[rows] = 0
        codes = lines.code[rows]
        mine = therapy[codes] if waived is None else therapy[codes] & ~waived
        if not mine.any():
            return
        prior = prior_opps(self.pricer.catalogue, year) if opps is None else None
        paid = np.zeros(len(lines.codes), dtype=bool)
        for c in np.unique(codes[mine]).tolist():
            code = lines.codes[c].code
            si = self._hopd_si(opps, prior, year, code)
            paid[c] = pays_hopd_therapy(THERAPY_MULT_PROC, opps is not None, si, si)  # a therapy code (``therapy``)
        lines.hopd_therapy[rows] = mine & paid[codes]
        decided_by = opps or prior  # the Addendum B whose SI decided it: the row's opps_release (no OPPS rate)
        if decided_by is not None:
            lines.hopd_therapy_release[rows[mine & paid[codes]]] = lines.texts.id(decided_by.release)
        if opps is None:  # why no OPPS rate, naming the Addendum B that decided, where the hospital is the row's
            # setting, as the single lookup's notes say it there (BatchPricer._sites leaves it)
            told = rows[mine & paid[codes] & (lines.site[rows] == SITE_NAMES.index("hopd"))]
            lines.add_note("site_reason", told, lines.texts.per_value(lines.code[told], lambda c: therapy_opps_reason(
                year, lines.codes[c].code, None if prior is None else prior.release,
                self._therapy_si[(None, year, lines.codes[c].code)])))  # fmt: skip

    def _hopd_si(self, opps: Release | None, prior: Release | None, year: int, code: str) -> str | None:
        """The code's OPPS status indicator in the quarter's Addendum B (or, with none installed for the year, the
        newest earlier one, ``prior``), once per quarter and code: what the PFS-paid hospital rules read."""
        key = (opps.release if opps else None, year, code)
        if key not in self._therapy_si:
            where = opps or prior
            row = None if where is None else self.pricer.catalogue.store(where).opps(code)
            self._therapy_si[key] = None if row is None else row["si"]
        return self._therapy_si[key]

    def _mammography_at_hopd(
        self, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, place_of: np.ndarray, opps: Release | None, year: int
    ) -> None:  # fmt: skip
        """``Lines.hopd_technical`` of these mammography rows (one quarter's): the PFS amount of the code's
        TC row at the row's place where the hospital's line is paid under the PFS (engine.hopd_therapy, by the SI as
        ``_therapy_at_hopd`` reads it), per unit; -1 otherwise (``Pricer._hopd_mammography``)."""
        import numpy as np

        from rvucalc.lookup.pricer import prior_opps

        if lines.hopd_technical is None:
            lines.hopd_technical = np.full(lines.rows, -1, dtype=np.int64)
        if not rows.size:
            return
        lines.hopd_technical[rows] = -1
        prior = prior_opps(self.pricer.catalogue, year) if opps is None else None
        for c in np.unique(lines.code[rows]).tolist():
            code = lines.codes[c].code
            si = self._hopd_si(opps, prior, year, code)
            position = pfs.rvu_position.get(f"{code}|TC")
            if position is None or not pays_hopd_mammography(code, opps is not None, si, si):
                continue
            mine = rows[lines.code[rows] == c]
            fees = self.pfs_fees(pfs, np.full(len(mine), position, dtype=np.int64), place_of[mine])
            lines.hopd_technical[mine] = fees["non_facility"]

    @staticmethod
    def _hopd_mammography_note(lines: Lines) -> None:
        """The single lookup's ``hopd_mammography_note`` (screening's or diagnostic's, per code) where the hospital is
        shown (no setting, or it), on the rows whose hospital payment is their TC's PFS amount (``batch.claims``: not a
        line another of its code carries)."""
        import numpy as np

        if lines.hopd_technical is None:
            return
        site = lines.site
        rows = np.flatnonzero((lines.hopd_technical >= 0) & (lines.error == 0)
                              & ((site == 0) | (site == SITE_NAMES.index("hopd"))))  # fmt: skip
        lines.add_note("units", rows, lines.texts.per_value(
            lines.code[rows], lambda c: hopd_mammography_note(lines.codes[c].code)))  # fmt: skip

    def _hospital_therapy_lines(
        self, store: Store, lines: Lines, rows: np.ndarray, maryland: np.ndarray
    ) -> list[tuple[np.ndarray, int]]:
        """An NP's, PA's, CNS's or CSW's row of a therapy code at the hospital outpatient department is the
        hospital's (engine.therapists.hospital_therapy_practitioner, the single lookup's rule): the row is moved to
        its code and modifier cell billed by a physician (the full PFS amount, no AJ), before anything is priced,
        so that every path (alone, claims, the encounter arrays) prices the hospital's line. The (rows, text id) of
        its note, for the caller to add after the line's own, a Maryland hospital's DSMT's its own (``maryland``, per
        row of ``rows``: engine.therapists.MARYLAND_DSMT_BILLED). Once per (code cell, setting value)."""
        import numpy as np

        from rvucalc.engine.therapists import (
            PERCENT_PRACTITIONERS,
            hospital_therapy_note,
            hospital_therapy_practitioner,
        )

        notes: list[tuple[np.ndarray, int]] = []
        in_maryland = np.zeros(lines.rows, dtype=bool)
        in_maryland[rows] = maryland
        physician = line_rules.PROVIDERS.index("physician")
        groups = _provider_settings(lines, rows, "percent practitioner",
                                    lambda cell: cell.provider in PERCENT_PRACTITIONERS)  # fmt: skip
        for cell, place, site, at in groups:
            row = None if cell.error else store.rvu(cell.code)
            if row is None or not hospital_therapy_practitioner(cell.provider, str(row["pctc"]),
                                                                str(row["mult_proc"]), place, site,
                                                                cell.code):  # fmt: skip
                continue
            twin = int(self._codes.find([cell.text], [cell.modifier_text], np.array([physician]))[0])
            local = np.flatnonzero(lines.cell == twin)
            if local.size:
                position = int(local[0])
            else:  # a cell this partition had not met: numbered after its others (its flags tested again)
                position = len(lines.codes)
                lines.codes.append(self._codes.parsed[twin])
                lines.cell = np.append(lines.cell, twin)
                lines.code_number = np.append(lines.code_number, self._codes.parsed[twin].code_number)
                lines.cell_flags.clear()
            lines.code[at] = position
            for there in (False, True):
                if (mine := at[in_maryland[at] == there]).size:
                    notes.append((mine, lines.texts.id(hospital_therapy_note(cell.provider, cell.code, there))))
        return notes

    @staticmethod
    def _therapist_places(store: Store, lines: Lines, rows: np.ndarray) -> list[tuple[np.ndarray, int]]:
        """A therapist's row at the hospital, a therapy row at a SNF (engine.therapists.therapist_place, the single
        lookup's rule): a PT's or OT's row of a PC/TC 7 code at POS 19, 21 or 22 is a denied row (its reason the
        indicator's text); an SLP's there, and any therapy row at POS 31 or 32, noted: the (rows, text id) of the
        notes, for the caller to add after the line's own. Once per (code cell, setting value)."""
        import numpy as np

        from rvucalc.engine.pfs import is_anesthesia_code
        from rvucalc.engine.therapists import (
            NURSING_FACILITY_PLACE,
            SNF_PLACE,
            THERAPISTS,
            snf_therapy_paid_non_facility,
            therapist_place,
        )
        from rvucalc.engine.visits import VISIT_PLACE_CODES

        notes: list[tuple[np.ndarray, int]] = []
        if lines.setting_of is None or not rows.size:
            return notes
        # A therapist's rows anywhere, and every provider's at a SNF or nursing facility: a therapy line there is
        # noted whoever bills it (a trial's export with no provider column got no note on its POS 31 92507-GN-KX).
        # Only those rows are grouped: every code cell's (a first try) made a 1,000,000-line run twice as slow.
        therapist = lines.flag("therapist provider", lambda cell: cell.provider in THERAPISTS)
        nursing = np.array([place in (SNF_PLACE, NURSING_FACILITY_PLACE) for place, _ in lines.setting_places],
                           dtype=bool)  # fmt: skip
        # A nursing facility or home visit code's rows anywhere (engine.visits.visit_place_note: 99309 at POS 12).
        visits = lines.flag("visit place code", lambda cell: cell.code in VISIT_PLACE_CODES)
        # A return to the operating room (78) anywhere: at the office it is noted (engine.modifiers.return_to_or_note).
        return_to_or = lines.flag("78 modifier", lambda cell: "78" in cell.modifiers)
        # A clinical social worker's (AJ) rows: at an inpatient place denied (engine.modifiers.csw_inpatient_denial).
        # Not an anesthesia code's: a CSW's anesthesia line keeps its own refusal (lookup.lines.CSW_ANESTHESIA_REFUSAL),
        # as price's, which the anesthesia rows' pricing says later.
        csw = lines.flag("AJ on a code not anesthesia",
                         lambda cell: "AJ" in cell.modifiers and not is_anesthesia_code(cell.code))  # fmt: skip
        wanted = rows[therapist[lines.code[rows]] | visits[lines.code[rows]] | return_to_or[lines.code[rows]]
                      | csw[lines.code[rows]] | nursing[lines.setting_of[rows]]]  # fmt: skip
        groups = _provider_settings(lines, wanted, "therapy place", lambda cell: True)
        # A hospital's own bill's rows (13x, or 13x beside POS 22, read as the bill: batch.columns._bill_beside)
        # apart: no therapist's denial there
        if lines.facility_bill is not None:
            groups = [(cell, place, site, part) for cell, place, site, at in groups
                      for part in (at[~lines.facility_bill[at]], at[lines.facility_bill[at]]) if part.size]  # fmt: skip
        for cell, place, site, at in groups:
            row = store.rvu(cell.code)
            own = lines.facility_bill is not None and bool(lines.facility_bill[at[0]])
            denial, said = therapist_place(cell.provider, cell.code, None if row is None else str(row["pctc"]),
                                           place, site, cell.modifiers,
                                           None if row is None else str(row["mult_proc"]), own)  # fmt: skip
            if denial is not None:
                # AJ on an NP's, PA's, CNS's or psychologist's row (its provider cell): refused first, as price's
                # lookup.lines.prepare refuses it before the place's rule (a review found 90834-AJ on an 'NP' row at
                # POS 52 denied as a CSW's, where price said bad modifier, exit 2).
                try:
                    line_rules.check_practitioner(cell.code, cell.written, cell.provider)
                except UsageError as exc:
                    lines.fail_with(at, exc)
                    continue
                lines.fail_with(at, ModifierNotApplicable(denial, kind=ErrorKind.DENIED))
            elif said is not None:
                notes.append((at, lines.texts.id(said)))
            pctc, mult_proc = (None, None) if row is None else (str(row["pctc"]), str(row["mult_proc"]))
            if denial is None and snf_therapy_paid_non_facility(
                cell.provider, cell.modifiers, mult_proc, pctc, place, cell.code
            ):
                if lines.snf_therapy is None:
                    lines.snf_therapy = np.zeros(lines.rows, dtype=bool)
                lines.snf_therapy[at] = True  # the SNF's claim: the office's amounts (``_choose_setting``)
        return notes

    @staticmethod
    def _audiologist_lines(store: Store, lines: Lines, rows: np.ndarray) -> list[tuple[np.ndarray, int]]:
        """An audiologist's row of an E/M visit, a procedure or therapy (engine.audiologists.audiologist_note, the
        single lookup's rule): the (rows, text id) of its note, for the caller to add after the line's own. Once per
        code cell."""
        import numpy as np

        from rvucalc.engine.audiologists import AUDIOLOGIST, audiologist_note

        notes: list[tuple[np.ndarray, int]] = []
        if not rows.size:
            return notes
        audiologist = lines.flag("audiologist provider", lambda cell: cell.provider == AUDIOLOGIST)
        mine = rows[audiologist[lines.code[rows]] & (lines.error[rows] == 0)]
        if not mine.size:
            return notes
        cells, inverse = np.unique(lines.code[mine], return_inverse=True)
        inverse = inverse.reshape(-1)
        for number, position in enumerate(cells.tolist()):
            cell = lines.codes[position]
            row = None if cell.error else store.rvu(cell.code)
            said = audiologist_note(cell.provider, cell.code, None if row is None else str(row["mult_proc"]))
            if said is not None:
                notes.append((mine[inverse == number], lines.texts.id(said)))
        return notes

    @staticmethod
    def _hopd_therapy(lines: Lines) -> None:
        """Outpatient therapy in the hospital (``Lines.hopd_therapy``): the hospital's amounts are the office's, as
        the claims' rules left them (its later units, the encounter's therapy reduction, CQ/CO), and the single
        lookup's ``HOPD_THERAPY_NOTE`` where the hospital is shown (no setting, or it)."""
        import numpy as np

        if lines.hopd_therapy is None:
            return
        rows = np.flatnonzero(lines.hopd_therapy & (lines.error == 0))
        for measure in ("allowed", "beneficiary", "medicare"):
            lines.cents[f"hopd_{measure}"][rows] = lines.cents[f"office_{measure}"][rows]
            lines.valid[f"hopd_{measure}"][rows] = lines.valid[f"office_{measure}"][rows]
        site = lines.site[rows]
        shown = rows[(site == 0) | (site == SITE_NAMES.index("hopd"))]
        dsmt = lines.flag("hospital PFS DSMT", lambda cell: cell.code in HOPD_PFS_DSMT)[lines.code[shown]]
        said = np.where(dsmt, lines.texts.id(HOPD_DSMT_NOTE), lines.texts.id(HOPD_THERAPY_NOTE))
        lines.add_note("units", shown, said)

    def _hospital_therapy_elsewhere(self, table: pa.Table, lines: Lines) -> None:
        """An NP's, PA's, CNS's or CSW's therapy row not set at the hospital outpatient department (no setting, or
        another): its hopd_* columns are the hospital's line, as the row set there (``_hospital_therapy_lines``) and
        the single lookup's HOPD site with no place given (lookup.pricer: its --setting hopd), not the office's
        practitioner's percentage. The rows (with the other rows of their claims, whose encounter they are in) are
        priced again with the setting hopd, and their hospital columns taken; a row with no setting says why
        (``hospital_therapy_note``), as the single lookup does."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        from rvucalc.batch.lines import CLAIM_APART_KEY
        from rvucalc.engine.therapists import PERCENT_PRACTITIONERS, hospital_therapy_note

        if lines.hopd_therapy is None:
            return
        percent = lines.flag("percent practitioner", lambda cell: cell.provider in PERCENT_PRACTITIONERS)
        mine = np.flatnonzero(lines.hopd_therapy & (lines.error == 0) & percent[lines.code])
        if not mine.size:
            return
        taken = mine
        claimed = lines.claimed() & (lines.error == 0)
        if claimed[mine].any():  # their claims' other rows too: the encounter's rules (therapy's reduction) see them
            assert lines.claim is not None
            taken = np.flatnonzero(np.isin(np.arange(lines.rows), mine)
                                   | (claimed & np.isin(lines.claim, lines.claim[mine[claimed[mine]]])))  # fmt: skip
        hopd = np.isin(taken, mine)
        again = table.take(int64_array(taken))
        at = next((position for position, role in normalize_columns(again.column_names).items()
                   if role == "setting"), None)  # fmt: skip
        given = (pa.nulls(len(taken), pa.string()) if at is None
                 else pc.cast(again.column(at), pa.string()))  # fmt: skip
        setting = pc.if_else(bool_array(hopd), text_scalar("hopd"), given)
        again = again.append_column("setting", setting) if at is None else again.set_column(at, "setting", setting)
        kept = {key: value for key, value in (again.schema.metadata or {}).items() if key != CLAIM_APART_KEY}
        priced = self._price_table(again.replace_schema_metadata(kept), None, nested=True)()
        errors = np.array(priced.column("error").to_pylist(), dtype=object)[hopd]
        good = errors == ""
        for measure in ("allowed", "beneficiary", "medicare"):
            name = f"hopd_{measure}"
            amounts = priced.column(name).to_pylist()
            cents = [money_cents(amount) for amount, in_hopd in zip(amounts, hopd.tolist(), strict=True) if in_hopd]
            valid = np.array([amount is not None for amount in cents], dtype=bool) & good
            lines.cents[name][mine[good]] = np.array([c or 0 for c in cents], dtype=np.int64)[good]
            lines.valid[name][mine[good]] = valid[good]
        unset = mine[good & (lines.site[mine] == 0)]
        lines.add_note("line", unset, lines.texts.per_value(
            lines.code[unset], lambda c: hospital_therapy_note(lines.codes[c].provider,
                                                               lines.codes[c].code)))  # fmt: skip

    def _maryland_rows(self, pfs: _PfsArrays, zips: np.ndarray, place: np.ndarray | None) -> np.ndarray:
        """Per row, whether its place is in Maryland (engine.hospitals.maryland_place): its ZIP's state in CMS's ZIP5
        file, else its locality's (-1 / NO_PLACE: none); per ZIP and locality once per release."""
        import numpy as np

        key = pfs.reference.release.release
        if key not in self._maryland:
            store = self.pricer.catalogue.store(pfs.reference.release)
            locality_state = dict(zip(*store.columns("locality", ["locality", "state"]).values(), strict=True))
            by_locality = np.array([maryland_place(None, locality_state.get(code), False) for code in pfs.localities],
                                   dtype=bool)  # fmt: skip
            # A ZIP's state, else (none, or blank) its locality's: per state of the ZIP5 file, not per ZIP.
            names, state_of_zip = self.zip_states(pfs)
            in_maryland = np.array([maryland_place(name, None, True) for name in names], dtype=bool)
            stated = np.array([bool(name) for name in names], dtype=bool)
            if not len(state_of_zip):
                by_zip = np.zeros(0, dtype=bool)
            else:
                of_locality = np.array([maryland_place(None, locality_state.get(code), True) for code in
                                        pfs.localities], dtype=bool)[pfs.zip_locality]  # fmt: skip
                by_zip = np.where(stated[state_of_zip], in_maryland[state_of_zip], of_locality)
            self._maryland[key] = (by_zip, by_locality)
        by_zip, by_locality = self._maryland[key]
        if not by_zip.size or not by_locality.size:
            return np.zeros(len(zips), dtype=bool)
        in_locality = np.zeros(len(zips), dtype=bool) if place is None else (place >= 0) & by_locality[
            np.maximum(place, 0)]  # fmt: skip
        return np.where(zips >= 0, by_zip[np.maximum(zips, 0)], in_locality)

    def _maryland_wage_index_unused(self, lines: Lines) -> str | None:
        """``MARYLAND_WAGE_INDEX_UNUSED`` where a row priced at a Maryland hospital (``lines.maryland_opps``) was given
        the hospital's wage index (its wage_index cell, else --wage-index: ``_given_wage_index``), which prices no OPPS
        rate there; None otherwise."""
        import numpy as np

        if lines.maryland_opps is None:
            return None
        rows = np.flatnonzero(lines.maryland_opps & (lines.error == 0))
        given = self._given_wage_index(lines, rows)
        if not (given >= 0).any():
            return None
        cell = lines.wage_index is not None and bool((lines.wage_index[rows] >= 0).any())
        option = self.scenario.wage_index
        run = option is not None and bool((given == option).any())
        said = [*([f"--wage-index {Decimal(option or 0).scaleb(-4).normalize():f}"] if run else []),
                *(["a wage_index cell"] if cell else [])]  # fmt: skip
        return MARYLAND_WAGE_INDEX_UNUSED.format(given=" or ".join(said))

    @staticmethod
    def _maryland_note(lines: Lines) -> None:
        """``MARYLAND_OPPS_NOTE`` on the rows a Maryland hospital's OPPS rate was taken from, where the hospital is
        shown beside the other sites (no setting), after the later units' notes, as the single lookup says it. A row at
        the hospital has its site's reason, ``MARYLAND_OPPS_REASON``, which says the waiver (SSA §1814(b)(3)): the two
        had both said it in its note (a faculty practice trial's 71046 at POS 22 in Baltimore)."""
        import numpy as np

        if lines.maryland_opps is None:
            return
        rows = np.flatnonzero(lines.maryland_opps & (lines.error == 0))
        shown = rows[lines.site[rows] == 0]
        lines.add_note("units", shown, lines.texts.id(MARYLAND_OPPS_NOTE))

    @staticmethod
    def _rural_sch_note(lines: Lines) -> None:
        """A rural SCH's rows whose hospital rate the claims' rules left above $0.00, where the hospital is shown (no
        setting, or it), as the single lookup says it (engine.hospitals.rural_sch_note): ``RURAL_SCH_ADD_ON_NOTE`` where
        the 7.1% was added, ``RURAL_SCH_NOT_ADDED_NOTE`` where the line is one it does not reach."""
        import numpy as np

        if lines.rural_sch_add_on is None:
            return
        paid = lines.valid["opps_rate"] & (lines.cents["opps_rate"] > 0) & (lines.error == 0)
        for kind, note in ((RURAL_SCH_ADDED, RURAL_SCH_ADD_ON_NOTE), (RURAL_SCH_NOT_ADDED, RURAL_SCH_NOT_ADDED_NOTE)):
            rows = np.flatnonzero((lines.rural_sch_add_on == kind) & paid)
            site = lines.site[rows]
            shown = rows[(site == 0) | (site == SITE_NAMES.index("hopd"))]
            lines.add_note("units", shown, lines.texts.id(note))

    @staticmethod
    def _hopd_therapy_professional(lines: Lines) -> None:
        """The hospital's therapist bills no claim of their own (engine.hopd_therapy): no professional amounts at
        the hospital."""
        import numpy as np

        if lines.hopd_therapy is None:
            return
        rows = np.flatnonzero(lines.hopd_therapy & (lines.site == SITE_NAMES.index("hopd")))
        for measure in ("allowed", "beneficiary", "medicare"):
            lines.valid[f"professional_{measure}"][rows] = False

    def _facility_positions(
        self, pfs: _PfsArrays, lines: Lines, rows: np.ndarray, reference: FacilityReference, quarter: tuple[str, str]
    ) -> np.ndarray:
        """Per code (position in ``lines.codes``): its row in the quarter's facility table (-1: not listed),
        found once per code in the run (the codes of ``rows`` are checked)."""

        table = self.cell_table(f"codes {pfs.reference.release.release}")
        column = f"facility {quarter[0]} {quarter[1]}"
        new = table.missing(column, lines.code_number[lines.code[rows]])
        if new.size:
            code_of = self.code_texts()
            numbers = new.tolist()
            position_of = dict(zip(numbers, reference.positions([code_of[n] for n in numbers]).tolist(), strict=True))
            table.fill(column, {column: ("int64", -1)}, new, lambda number: (position_of[number],))
        return CellView(table, lines.code_number)[column]

    def _unlisted_reasons(
        self, lines: Lines, rows: np.ndarray, opps: Release | None, asc: Release | None, year: int
    ) -> None:
        """Rows set in a facility whose code the quarter's facility table does not list: why, per code."""
        for site, release in (("hopd", opps), ("asc", asc)):
            mine = rows[lines.site[rows] == SITES.index(site) + 1]
            if site == "hopd" and lines.maryland_opps is not None:  # the waiver's reason said (_sites)
                mine = mine[~lines.maryland_opps[mine]]
            lines.add_note("site_reason", mine, lines.texts.per_value(
                lines.code[mine], lambda c, site=site, release=release: self._unlisted_reason(
                    site, release, year, lines.codes[c].code)))  # fmt: skip

    def _unlisted_reason(self, site: str, release: Release | None, year: int, code: str) -> str:
        """Why a code no facility table of the quarter lists has no OPPS (site 'hopd') or ASC payment: the single
        lookup's reason, from the same ``price_opps``/``price_asc``."""
        from rvucalc.engine.facility import price_asc, price_opps
        from rvucalc.lookup.pricer import not_installed, opps_not_installed, prior_opps

        name = "OPPS" if site == "hopd" else "ASC"
        if release is None and site == "hopd":
            prior = prior_opps(self.pricer.catalogue, year)
            row = None if prior is None else self.pricer.catalogue.store(prior).opps(code)
            return opps_not_installed(year, code, prior, row)
        if release is None:
            return not_installed(name, year)
        store = self.pricer.catalogue.store(release)
        if site == "hopd":
            return price_opps(store.opps(code), code, year, None, release.release).reason or ""
        return price_asc(self._asc_rows_of(store, code), code, None, release.release).reason or ""

    def _asc_rows_of(self, store: Store, code: str) -> dict[str, dict[str, Any] | None]:
        """A code's ASC addenda rows (aa, bb, ee, ff) as ``price_asc`` reads them, asked of the remembering store
        (``batch.lookups``): no query for an addendum that does not list the code, most of the four for each code
        and wage index (Store.asc queries on a realistic million lines: 37,196 before, 18,796 now; the rows are
        not kept, which held ~14 MB more at the peak)."""
        lookups: Any = self._lookups(store)
        return {table: lookups.asc(table, code) for table in ("aa", "bb", "ee", "ff")}

    def _bilateral_indicator(self, pfs: _PfsArrays, cells: CellView, code: int) -> str | None:
        """The PFS bilateral surgery indicator of the partition's code ``code`` when it has modifier 50 (the ASC's
        ``engine.modifiers.asc_bilateral``); None without 50 or a PFS row."""
        resolved = cells.resolved(code)
        if "50" not in resolved.modifiers or resolved.outside or resolved.row < 0:
            return None
        key = (pfs.reference.release.release, pfs.rvu_keys[resolved.row])
        if key not in self._bilateral_indicators:  # once a run per release and CMS row (a query each partition: 0.8 s)
            hcpcs, modifier = key[1].split("|")
            # the remembered store: the release's table is read whole by then (a query per row otherwise)
            row = self._lookups(self.pricer.catalogue.store(pfs.reference.release)).rvu(hcpcs, modifier) or {}
            self._bilateral_indicators[key] = str(row.get("bilat_surg") or "") or None
        return self._bilateral_indicators[key]

    @staticmethod
    def _facility_factors(
        lines: Lines, rows: np.ndarray, code_at: np.ndarray, terms: dict[str, np.ndarray], cells: CellView, year: int,
        known: dict[tuple[Any, ...], Any], bilateral: Callable[[int], str | None], rural_sch: bool = False,
        by_cell: dict[tuple[Any, ...], Any] | None = None, quarter: tuple[Any, ...] = (),
    ) -> dict[str, tuple[np.ndarray, ...]] | None:  # fmt: skip
        """Per row, the share of the OPPS and ASC rates its modifiers leave (73/74/52/PN/PO/FX/FY/CT, ASC
        bilateral), as numerator/denominator arrays, whether 73 or 52 cut the rate (``engine.facility.
        terminated_in_opps``), whether only PN, PO, CT, FX or FY scaled it (``keeps_units_rule``) and whether it has
        73 (an ASC device-intensive procedure's device portion goes first: ``engine.facility.removed_device``) and,
        in the OPPS, whether PN made it a section 603 line (``engine.facility.section_603``); and under ``asc_side``,
        an ASC 50 line paid as two discounted procedures' share for one side (the factor without
        the 150%) and whether it is one (``engine.facility.asc_bilateral_side``); None when no row has such a
        modifier. ``known``: the factors so far; ``bilateral``: a code's PFS bilateral indicator
        (``_bilateral_indicator``); ``by_cell``: each run cell's factors (both sites) in a ``quarter`` (its PFS,
        OPPS and ASC releases: what its terms and bilateral indicator come from), so that a partition looks up
        the cells an earlier one met once each."""
        import numpy as np

        from rvucalc.engine.facility import (
            APC_ADJUSTMENT_ORDER,
            apc_adjustments,
            facility_factor,
            keeps_units_rule,
            section_603,
            terminated_in_opps,
        )
        from rvucalc.engine.modifiers import facility_discarded_supply

        codes = lines.code[rows]
        # A skin substitute's JW from 2026 (engine.modifiers.facility_discarded_supply): informational for the PFS
        # row's choice (its cells share their row's facility_modifiers), a $0.00 rate at the hospital and the ASC.
        discarded = lines.flag(f"JW skin substitute {year}", lambda cell: facility_discarded_supply(
            cell.code, cell.modifiers, year))  # fmt: skip
        with_modifiers = np.flatnonzero(cells["facility_modifiers"][codes] | discarded[codes])
        if not with_modifiers.size:
            return None
        affected, inverse = np.unique(codes[with_modifiers], return_inverse=True)
        inverse = inverse.reshape(-1)
        by_cell = {} if by_cell is None else by_cell

        def facts_of(c: int, site: str) -> tuple[Any, ...]:
            at = code_at[c]
            apc = str(terms["opps_apc"][at]) if site == "opps" else None
            status = str(terms["opps_si"][at]) if site == "opps" else None
            modifiers, flag = cells.resolved(c).modifiers, bool(terms["asc_discount"][at])
            indicator = bilateral(c) if site == "asc" else None
            key = (lines.codes[c].code, modifiers, site, year, apc, flag, status, indicator, rural_sch)
            facts = known.get(key)
            if facts is None:  # what the rows of the key take from facility_factor's outcome, once a run
                outcome = facility_factor(modifiers, site=site, code=lines.codes[c].code, year=year,
                                          apc=apc or None, subject_to_discount=flag,
                                          status_indicator=status or None, bilateral_indicator=indicator,
                                          rural_sole_community=rural_sch)  # fmt: skip
                said = [modifier for _, modifier, _ in outcome.rules]
                steps, left = apc_adjustments(outcome.rules, outcome.factor) if site == "opps" else ((), None)
                side = None
                if site == "asc" and any(m == "50" and percent == 150 for _, m, percent in outcome.rules):
                    side = outcome.factor / Fraction(3, 2)
                facts = known[key] = (
                    outcome.factor.numerator, outcome.factor.denominator, terminated_in_opps(said),
                    keeps_units_rule(said), site == "opps" and section_603(said),
                    2 if outcome.device_removed else int(outcome.device_credit * 2),
                    tuple((step.numerator, step.denominator) for step in steps),
                    None if left is None else (left.numerator, left.denominator),
                    None if side is None else (side.numerator, side.denominator),
                )  # fmt: skip
            return facts

        cell_of = lines.cell
        found = []
        for c in affected.tolist():
            cell_key = (quarter, int(cell_of[c]))
            pair = by_cell.get(cell_key) if quarter else None
            if pair is None:
                pair = (facts_of(c, "opps"), facts_of(c, "asc"))
                if quarter:
                    by_cell[cell_key] = pair
            found.append(pair)

        def per_row(values: list[Any], default: Any, dtype: Any) -> np.ndarray:
            """A column of the rows from the affected cells' values (``default`` where a row has no modifier)."""
            column = np.full(len(rows), default, dtype=dtype)
            column[with_modifiers] = np.array(values, dtype=dtype)[inverse]
            return column

        out: dict[str, tuple[np.ndarray, ...]] = {}
        for number, site in enumerate(("opps", "asc")):
            facts = [pair[number] for pair in found]
            # numerator, denominator, terminated, scaled, the device portion's halves taken off, section 603
            out[site] = tuple(per_row([f[index] for f in facts], default, dtype) for index, default, dtype in (
                (0, 1, np.int64), (1, 1, np.int64), (2, False, bool), (3, False, bool), (5, 0, np.int64),
                (4, False, bool)))  # fmt: skip
        # The OPPS APC payment's own reductions (PN, PO, CT, FX, FY), each rounded, and the rest of the factor
        # (engine.facility.apc_adjustments): 1/1 where a row has none.
        opps = [pair[0] for pair in found]
        steps = [(f[6] if f[7] is not None else ()) + ((1, 1),) * len(APC_ADJUSTMENT_ORDER) for f in opps]
        out["opps_apc"] = tuple(per_row([s[k][half] for s in steps], 1, np.int64)
                                for k in range(len(APC_ADJUSTMENT_ORDER)) for half in (0, 1))  # fmt: skip
        rest = [f[7] or (1, 1) for f in opps]
        out["opps_rest"] = (per_row([r[0] for r in rest], 1, np.int64), per_row([r[1] for r in rest], 1, np.int64))
        sides = [pair[1][8] for pair in found]
        out["asc_side"] = (per_row([(side or (1, 1))[0] for side in sides], 1, np.int64),
                           per_row([(side or (1, 1))[1] for side in sides], 1, np.int64),
                           per_row([side is not None for side in sides], False, bool))  # fmt: skip
        return out

    @staticmethod
    def _copayment_notes(
        lines: Lines, rows: np.ndarray, term: dict[str, np.ndarray], factors: dict[str, tuple[np.ndarray, ...]] | None,
        reference: FacilityReference, rate: np.ndarray, copay: np.ndarray, capped: np.ndarray, paid: np.ndarray,
    ) -> None:  # fmt: skip
        """The hospital copayment's notes the single lookup gives (engine.facility.price_opps), on the rows where the
        hospital's rate is shown (no setting, or the hospital) and paid: a copayment the year's inpatient deductible
        capped (SSA §1833(t)(8)(C)(i); not a PN line's 20%, kernels.SECTION_603_MEDICARE_SHARE), and a rebatable
        drug's IRA-adjusted copayment per billing unit with what it comes to for the line's units (Addendum B's
        "Adjusted Beneficiary Copayment": engine.facility.ira_note_for_units). A line the claim's rules package
        drops them again (batch.claims.without_copayment_notes)."""
        import numpy as np

        shown = np.isin(lines.site[rows], [SITE_NAMES.index(name or "") for name in (None, "hopd")])
        paid = paid & shown & (rate > 0) & (copay > 0) & (term["opps_choice"] == 0)
        section_603 = factors["opps"][5] if factors is not None else np.zeros(len(rows), dtype=bool)
        at = capped & paid & ~section_603
        if at.any() and reference.copay_cap_note:
            lines.add_note("facility_adjustments", rows[at], lines.texts.id(reference.copay_cap_note))
        ira = paid & (term["opps_note"] != "")
        if ira.any():
            units = lines.units[rows[ira]].tolist()
            per_unit = [Decimal(int(cents)).scaleb(-2) for cents in term["opps_copay"][ira].tolist()]
            texts = [
                ira_note_for_units(note, cents, int(count))
                for note, cents, count in zip(term["opps_note"][ira].tolist(), per_unit, units, strict=True)
            ]
            lines.add_note("facility_adjustments", rows[ira], lines.texts.ids(texts))

    @staticmethod
    def _device_intensive_notes(
        lines: Lines, rows: np.ndarray, term: dict[str, np.ndarray], asc_place: tuple[np.ndarray, np.ndarray],
        code_at: np.ndarray, paid: np.ndarray,
    ) -> None:  # fmt: skip
        """A paid device-intensive (PI J8) ASC line whose rate is wage-adjusted (the row has an ASC wage index, one
        value): the single lookup's ASC note (engine.facility.device_intensive_note, as price_asc says it: its device
        portion, Addendum FF, paid at the national amount), once per distinct device portion. The row's own note where
        the ASC's rate is shown (no setting, or the ASC: engine.facility.ASC_NOTE_SETTINGS), else labelled the asc_*
        comparison's (FACILITY_COMPARISON_ONLY), as the ASC's modifier rules are (_facility_rule_notes). An
        assistant's, 55 or 56 line (``paid`` false: its ASC payment taken off) says nothing of it, as price's
        (engine.facility.without_facility_payment)."""
        import numpy as np

        said = paid & (term["asc_device"] > 0) & (term["asc_rate"] > 0) & asc_place[1] & (term["asc_choice"] == 0)
        said &= code_at >= 0
        if not said.any():
            return
        at = rows[said]
        shown = np.isin(lines.site[at], [SITE_NAMES.index(name or "") for name in ASC_NOTE_SETTINGS])
        keys = term["asc_device"][said] * 2 + ~shown  # per device portion, and whether the ASC's rate is shown

        def note(key: int) -> str:
            text = device_intensive_note(key // 2)
            return text if key % 2 == 0 else FACILITY_COMPARISON_ONLY + text

        lines.add_note("facility_adjustments", at, lines.texts.per_value(keys, note))

    def _sites(
        self, lines: Lines, rows: np.ndarray, term: dict[str, np.ndarray], reference: FacilityReference,
        opps_place: tuple[np.ndarray, np.ndarray], asc_place: tuple[np.ndarray, np.ndarray], code_at: np.ndarray,
        factors: dict[str, tuple[np.ndarray, ...]] | None,
        per_code: dict[str, np.ndarray],
        installed: tuple[bool, bool],
    ) -> None:  # fmt: skip
        """``opps_place``, ``asc_place``: the rows' wage index for each rate (1.0: none), and whether they have one."""
        import numpy as np

        wi = opps_place[0]

        code_ids = lines.code[rows]
        share_percent = per_code["share"][code_ids]
        if lines.encounter_share is not None:  # as its encounter sets it (_encounter_waivers)
            encounter_share = lines.encounter_share[rows]
            share_percent = np.where(encounter_share >= 0, encounter_share, share_percent)
        if lines.coinsurance is None:
            lines.coinsurance = np.full(lines.rows, COINSURANCE_PERCENT * 100, dtype=np.int64)
        lines.coinsurance[rows] = share_percent

        opps_ok, asc_ok = term["opps_ok"], term["asc_ok"]
        fixed = np.isin(term["opps_si"], list(OPPS_NOT_WAGE_ADJUSTED))  # paid the national rate
        if lines.opps_packaged is None:
            lines.opps_packaged = np.zeros(lines.rows, dtype=bool)
        lines.opps_packaged[rows] = opps_ok & np.isin(term["opps_si"], list(OPPS_PACKAGED))
        opps_wi = np.where(fixed, WAGE_INDEX_SCALE, wi)
        rate = opps_rate(term["opps_rate"], opps_wi)
        # As engine.facility.price_opps: the payment less Medicare's share of it, or an IRA-adjusted copayment.
        medicare_share = term["opps_share"]
        by_share = medicare_share >= 0
        copay = np.where(by_share, opps_coinsurance(rate, np.maximum(medicare_share, 0)),
                         opps_copayment(term["opps_copay"], opps_wi, None))  # fmt: skip
        capped = np.zeros(len(rows), dtype=bool)
        if reference.copay_cap is not None:
            capped = copay > reference.copay_cap
            copay = np.minimum(copay, reference.copay_cap)
            by_share &= ~capped  # a capped copayment is scaled with the rate (engine.facility._share_after)
        asc_cents = asc_rate(term["asc_rate"], term["asc_device"], asc_place[0], term["asc_fixed"] | ~asc_place[1])
        if factors is not None:  # the line's modifiers, exactly as FacilityFactor.apply
            # engine.facility._apply_factor: the national APC payment less its APC adjustments (each rounded), then
            # the unrounded rate times the rest of the factor, rounded once (as the OPPS Pricer)
            steps = factors["opps_apc"]
            apc = apc_adjusted_mills(term["opps_rate"], [steps[k : k + 2] for k in range(0, len(steps), 2)])
            if "opps_sch_added" in term:  # a rural SCH's 7.1% of what its APC reductions left (engine.facility.
                # _apc_payment_mills)
                reduced = apc_adjusted_mills(term["opps_plain"], [steps[k : k + 2] for k in range(0, len(steps), 2)])
                apc = np.where(term["opps_sch_added"], rural_sch_mills(reduced), apc)
            rate = opps_scaled(opps_unrounded_rate(apc, opps_wi), factors["opps_rest"])
            # a PN line's copayment is 20% of its payment, never capped (kernels.SECTION_603_MEDICARE_SHARE)
            medicare_share = np.where(factors["opps"][5], SECTION_603_MEDICARE_SHARE, medicare_share)
            by_share |= factors["opps"][5]
            copay = opps_copayment_after(rate, np.where(by_share, medicare_share, NO_MEDICARE_SHARE), copay,
                                         factors["opps"][0], factors["opps"][1])  # fmt: skip
            # removed_device: 73 and FB the whole device portion, FC half of it (the payment rounded once, half-up)
            asc_cents = asc_less_device(asc_cents, term["asc_device"], factors["asc"][4])
            # one side's rate of a 50 line paid as two discounted procedures (engine.facility.asc_bilateral_side)
            if lines.asc_side is None:
                lines.asc_side = np.full(lines.rows, -1, dtype=np.int64)
            side_numerator, side_denominator, two_sides = factors["asc_side"]
            one_side = round_half_up(asc_cents * side_numerator, side_denominator)
            lines.asc_side[rows] = np.where(two_sides & asc_ok, one_side, -1)
            asc_cents = round_half_up(asc_cents * factors["asc"][0], factors["asc"][1])
        copay = copayment_within_waiver(copay, rate, share_percent)
        # An assistant's line, a 55 or 56 line: no hospital or ASC payment, its rates $0.00 (engine.facility.
        # without_facility_payment; the encounter rules leave it out: batch.claims._run_rules).
        assisting = lines.flag("facility free", lambda cell: facility_free_line(cell.modifiers))[code_ids]
        opps_taken, asc_taken = assisting & opps_ok & (rate > 0), assisting & asc_ok & (asc_cents > 0)
        if opps_taken.any() or asc_taken.any():
            rate, copay = np.where(opps_taken, 0, rate), np.where(opps_taken, 0, copay)
            asc_cents = np.where(asc_taken, 0, asc_cents)
        self._copayment_notes(lines, rows, term, factors, reference, rate, copay, capped, opps_ok & ~opps_taken)
        self._device_intensive_notes(lines, rows, term, asc_place, code_at, asc_ok & ~asc_taken)
        if lines.opps_share is None or lines.opps_national is None or lines.opps_wage_index is None:
            lines.opps_share = np.full(lines.rows, NO_MEDICARE_SHARE, dtype=np.int64)
            lines.opps_national = np.full(lines.rows, -1, dtype=np.int64)
            lines.opps_wage_index = np.full(lines.rows, WAGE_INDEX_SCALE, dtype=np.int64)
            lines.opps_percent = np.full(lines.rows, 100, dtype=np.int64)
        lines.opps_share[rows] = np.where(by_share, medicare_share, NO_MEDICARE_SHARE)
        # The unrounded rate the encounter discounts (engine.facility._unrounded_rate): a rate no modifier changed.
        # PN, PO, CT, FX and FY leave it, from their reduced APC payment (engine.facility.opps_line_terms).
        unmodified = np.ones(len(rows), dtype=bool) if factors is None else factors["opps_rest"][0] == factors[
            "opps_rest"][1]  # fmt: skip
        # (a rate paid nationally too, at wage index 1.0: a drug's rate x units is rounded once, opps_line_terms)
        lines.opps_national[rows] = np.where(opps_ok & unmodified & ~opps_taken,
                                             term["opps_rate"] if factors is None else apc, -1)  # fmt: skip
        lines.opps_wage_index[rows] = opps_wi
        lines.set_money("opps_rate", rows, rate, opps_ok)
        lines.set_money("opps_copayment", rows, copay, opps_ok)
        asc_share = np.where(share_percent == COINSURANCE_PERCENT * 100, coinsurance(asc_cents),
                             percent_of(asc_cents, share_percent))  # fmt: skip
        # A rebatable drug's IRA-adjusted coinsurance (engine.facility.asc_ira_copay), where no modifier rule and no
        # waiver set the patient's share (as the single lookup: its factor and waiver come after price_asc).
        plain = np.ones(len(rows), dtype=bool) if factors is None else factors["asc"][0] == factors["asc"][1]
        ira = (term["asc_ira"] > 0) & plain & (share_percent == COINSURANCE_PERCENT * 100)
        asc_share = np.where(ira, term["asc_ira"], asc_share)
        asc_share = np.where(asc_taken, 0, asc_share)
        ira &= ~asc_taken
        lines.set_money("asc_rate", rows, asc_cents, asc_ok)
        lines.set_money("asc_coinsurance", rows, asc_share, asc_ok)
        office, office_ok = lines.cents["pfs_non_facility_amount"][rows], lines.valid["pfs_non_facility_amount"][rows]
        professional = np.where(lines.valid["pfs_facility_amount"][rows], lines.cents["pfs_facility_amount"][rows], 0)
        units = lines.units[rows]
        zero = np.zeros(len(rows), dtype=np.int64)
        # Where the facility's file is not installed the site's total is not priced, a 26 line's too (as single
        # lookups: engine.facility._site); the physician's fee there is still professional_allowed.
        opps_site, asc_site = opps_ok, asc_ok
        # An anesthesia code's ASC site is the practitioner's PFS amount (payable at $0.00, on no ASC list:
        # engine.facility.anesthesia_at_asc): not payable where the line has none.
        asc_site = asc_site & ~(~term["asc_listed"] & ~lines.valid["pfs_facility_amount"][rows])
        # As in single lookups: a payable facility with no PFS facility amount is the facility alone.
        _, office_share_cut = professional_line_cut(office, units, NO_LATER_PROFESSIONAL, share_percent)
        _, professional_share_cut = professional_line_cut(professional, units, NO_LATER_PROFESSIONAL, share_percent)
        # Portable X-ray set-up or transport: no PFS facility amount at the hospital's or the ASC's site on any row (the
        # office's, the other facility's, no place), as on a row there (engine.modifiers.portable_xray_site_reason;
        # the single lookup's sites: lookup.pricer).
        from rvucalc.engine.modifiers import PORTABLE_XRAY_SET_UP_AND_TRANSPORT

        xray = lines.flag(
            "portable x-ray set-up or transport", lambda cell: cell.code in PORTABLE_XRAY_SET_UP_AND_TRANSPORT
        )[code_ids]
        facility_doctor = np.where(xray, 0, professional)  # the hospital's and the ASC's
        facility_share_cut = np.where(xray, 0, professional_share_cut)
        for site, facility, share, doctor, doctor_share_cut, payable in (
            ("office", zero, zero, office, office_share_cut, office_ok),
            ("hopd", np.where(opps_ok, rate, 0), np.where(opps_ok, copay, 0), facility_doctor, facility_share_cut,
             opps_site),
            ("asc", np.where(asc_ok, asc_cents, 0), np.where(asc_ok, asc_share, 0), facility_doctor,
             facility_share_cut, asc_site),
        ):  # fmt: skip
            total, beneficiary, medicare = site_shares(facility, share, doctor, share_percent)
            lines.set_money(f"{site}_allowed", rows, total * units, payable)
            lines.set_money(f"{site}_beneficiary", rows, beneficiary * units - doctor_share_cut, payable)
            lines.set_money(f"{site}_medicare", rows, medicare * units + doctor_share_cut, payable)
        later = {  # per site: the rows' later units' percentage of the rate (engine.facility.later_units_percent)
            "hopd": np.where(opps_ok & term["opps_t"], LOWER_PAID_PERCENT,
                             np.where(opps_ok & term["opps_j1"], PACKAGED_PERCENT, NO_LATER_UNITS_RULE)),
            "asc": np.where(asc_ok & term["asc_discount"], LOWER_PAID_PERCENT, NO_LATER_UNITS_RULE),
        }  # fmt: skip
        # A modifier that changes a site's rate (facility_factor) takes the line out (later_units_percent), except
        # in the hospital PN and PO (the rule kept) and 73 and 52 (one payment at the reduced rate).
        modified = {name: np.zeros(len(rows), dtype=bool) if factors is None else factors[key][0] != factors[key][1]
                    for name, key in (("hopd", "opps"), ("asc", "asc"))}  # fmt: skip
        if factors is not None:
            terminated = opps_ok & factors["opps"][2]
            later["hopd"] = np.where(terminated, TERMINATED_ONE_UNIT, later["hopd"])
            modified["hopd"] &= ~terminated & ~factors["opps"][3]
        modified["hopd"] |= opps_taken  # an assistant's $0.00: no later units' rule (later_units_percent)
        if lines.two_units is not None:  # 50 with 2 units: one bilateral procedure (engine.policy.fifty_two_units)
            fifty = lines.flag("50", lambda cell: "50" in cell.modifiers)[code_ids]
            once = lines.two_units[rows] & fifty & asc_ok
            later["asc"] = np.where(once, TERMINATED_ONE_UNIT, later["asc"])
            modified["asc"] &= ~once
        modified["asc"] |= asc_taken
        self._later_units(lines, rows, modified, later, {"hopd": (rate, copay), "asc": (asc_cents, asc_share)})
        if lines.asc_ira is None:
            lines.asc_ira = np.zeros(lines.rows, dtype=bool)
        lines.asc_ira[rows] = ira & asc_ok
        asc_share_cut = encounter_arrays.asc_units_share_cuts(lines, rows, share_percent)  # the ASC line's 20%
        lines.cents["asc_beneficiary"][rows] -= asc_share_cut
        lines.cents["asc_medicare"][rows] += asc_share_cut
        # An assistant's line, a 55 or 56 line, whose hospital or ASC payment was taken off says so where those rates
        # are shown (the single lookup's facility_free_note, per code cell; as 53's below).
        shown_at = np.isin(lines.site[rows], [SITE_NAMES.index(name or "") for name in FACILITY_53_SETTINGS])
        assistant_said = (opps_taken | asc_taken) & shown_at
        if assistant_said.any():
            said = rows[assistant_said]
            cell_of = code_ids[assistant_said]
            ids = lines.texts.per_value(cell_of, lambda cell: facility_free_note(lines.codes[cell].modifiers))
            # A split-care row of several units (its units read by the claim step's rules): after its units note.
            after = np.zeros(len(said), dtype=bool) if lines.split_units is None else lines.split_units[said] > 0
            lines.add_note("line", said[~after], ids[~after])
            if after.any():
                lines.after_claims.append((said[after], ids[after]))
        if factors is not None:  # 73 on a device-intensive procedure (engine.facility.opps_device_offset_kept)
            with_73 = lines.flag("73", lambda cell: "73" in cell.modifiers)[code_ids]
            kept = opps_ok & (rate > 0) & (term["asc_device"] > 0) & asc_ok & with_73
            if kept.any():
                lines.add_note("line", rows[kept], lines.texts.id(OPPS_DEVICE_OFFSET_NOTE))
            # FB or FC on a paid ASC line with no device portion (engine.facility.device_credit_no_effect), where the
            # ASC's rate is shown (engine.facility.ASC_NOTE_SETTINGS).
            credited = lines.flag("FB/FC", lambda cell: bool(set(DEVICE_CREDIT_MODIFIERS) & set(cell.modifiers)))
            shown_asc = np.isin(lines.site[rows], [SITE_NAMES.index(name or "") for name in ASC_NOTE_SETTINGS])
            no_effect = credited[code_ids] & asc_ok & (term["asc_rate"] > 0) & (term["asc_device"] == 0) & shown_asc
            no_effect &= code_at >= 0
            if no_effect.any():
                ids = lines.texts.per_value(code_ids[no_effect], lambda cell: DEVICE_CREDIT_NO_EFFECT.format(
                    modifier=next(m for m in DEVICE_CREDIT_MODIFIERS if m in lines.codes[cell].modifiers),
                    code=lines.codes[cell].code))  # fmt: skip
                lines.add_note("line", rows[no_effect], ids)
        # The physician's 53 on a line shown with a hospital or ASC rate (engine.facility.physician_53_at_facility):
        # no setting, the hospital or the ASC (engine.facility.FACILITY_53_SETTINGS).
        with_53 = lines.flag("53", lambda cell: "53" in cell.modifiers)[code_ids]
        facility_53 = with_53 & shown_at & ((opps_ok & (rate > 0)) | (asc_ok & (asc_cents > 0)))
        if facility_53.any():
            lines.add_note("line", rows[facility_53], lines.texts.id(FACILITY_53_NOTE))
        # A paid ASC indicator whose meaning is unverified (engine.facility.asc_indicator_note: S2), where the ASC's
        # rate is shown (no setting, or the ASC: engine.facility.ASC_NOTE_SETTINGS).
        asc_shown = np.isin(lines.site[rows], [SITE_NAMES.index(name or "") for name in ASC_NOTE_SETTINGS])
        unverified = asc_shown & asc_ok & (term["asc_note"] != "") & (code_at >= 0)
        if unverified.any():
            lines.add_note("line", rows[unverified], lines.texts.ids(term["asc_note"][unverified].tolist()))
        # A rebatable drug's IRA-adjusted ASC coinsurance (Addendum BB's IRA-22 adjusted copayment, per billing unit),
        # with what it comes to for the line's units, where the ASC's rate is shown and paid: the single lookup's note
        # (engine.facility.asc_ira_note, ira_note_for_units), as the hospital's is (_copayment_notes). An ASC trial's
        # J0561 x 4 (January 2026, $3.75 a unit) had a patient share of $15.00 with only the ASP file's 11.741%.
        ira_said = asc_shown & asc_ok & ~asc_taken & (term["asc_ira"] > 0) & (code_at >= 0)
        if ira_said.any():
            per_unit, units = term["asc_ira"][ira_said].tolist(), lines.units[rows[ira_said]].tolist()
            texts = [ira_note_for_units(asc_ira_note(int(cents)), Decimal(int(cents)).scaleb(-2), int(count))
                     for cents, count in zip(per_unit, units, strict=True)]  # fmt: skip
            lines.add_note("facility_adjustments", rows[ira_said], lines.texts.ids(texts))
        # A covered surgical procedure or a separately paid ancillary service: batch.claims.asc_ancillary_alone.
        if lines.asc_kind is None:
            lines.asc_kind = np.zeros(lines.rows, dtype=np.int8)
        lines.asc_kind[rows] = np.where(asc_ok & (code_at >= 0), term["asc_kind"], 0)
        # The rows their facility leaves out alone (engine.facility.left_out_alone): batch.claims._professional_alone.
        for name, key in (("hopd", "opps_alone"), ("asc", "asc_alone")):
            if name not in lines.left_out_alone:
                lines.left_out_alone[name] = np.zeros(lines.rows, dtype=bool)
            lines.left_out_alone[name][rows] = term[key] & (code_at >= 0)
        site = lines.site[rows]
        # Why the row's facility does not pay it, or that it packages it (engine.facility.site_remark): a national
        # rate of $0.00 is a packaged code's (a code with no rate is not paid).
        # A therapy line's hospital where the year's Addendum B is not installed: not that file's reason (to install
        # it) but engine.hopd_therapy's (as Pricer._hopd_therapy): _therapy_at_hopd says it.
        therapy = lines.hopd_therapy[rows] if lines.hopd_therapy is not None and not installed[0] else None
        for number, name, payable in ((2, "opps", opps_ok), (3, "asc", asc_ok)):
            show = (site == number) & (~payable | (term[f"{name}_rate"] == 0)) & (code_at >= 0)
            if name == "asc":  # and a paid ancillary service's (engine.facility.ANCILLARY_NOTE; a code's remark, or '')
                show = (site == number) & (code_at >= 0)
            if name == "opps" and therapy is not None:
                show &= ~therapy
            if name == "opps" and "opps_maryland" in term:  # a Maryland hospital's (engine.hospitals)
                maryland = term["opps_maryland"] & (site == number)
                show &= ~maryland
                if therapy is not None:  # its reason the therapy's (_therapy_at_hopd), as the single lookup's
                    maryland &= ~therapy
                if maryland.any():
                    lines.add_note("site_reason", rows[maryland], lines.texts.id(MARYLAND_OPPS_REASON))
            choosing = term[f"{name}_choice"] > 0  # engine.wage_choices: said after the claims' rules, where unpriced
            show &= ~choosing
            if name not in lines.wage_choice:
                lines.wage_choice[name] = np.zeros(lines.rows, dtype=np.int32)
            lines.wage_choice[name][rows] = 0
            if choosing.any():
                lines.wage_choice[name][rows[choosing]] = self._choice_reasons(lines, name, term, choosing)
            if show.any():
                lines.add_note("site_reason", rows[show], self._reason_ids(reference, name, code_at[show]))

    @staticmethod
    def _later_units(
        lines: Lines, rows: np.ndarray, modified: dict[str, np.ndarray], later: dict[str, np.ndarray],
        amounts: dict[str, tuple[Any, Any]],
    ) -> None:  # fmt: skip
        """Rows of several units of a procedure subject to multiple procedure discounting (each unit after the
        first at 50%) or of a comprehensive APC (paid once: the others packaged), whose rate no modifier changes
        (``engine.facility.later_units_percent``): taken off the site's money (``later``: per site, the rows'
        percentage or NO_LATER_UNITS_RULE; ``amounts``: their rate and patient share per unit). ``batch.claims``
        clears a row the encounter rules reduce or package: all its units are then alike."""
        import numpy as np

        units = lines.units[rows]
        for site, percent in later.items():
            percent = np.where((units > 1) & ~modified[site], percent, NO_LATER_UNITS_RULE)
            if site not in lines.later_percent:
                lines.later_percent[site] = np.full(lines.rows, NO_LATER_UNITS_RULE, dtype=np.int8)
            lines.later_percent[site][rows] = percent
            hit = (percent >= 0) | (percent == TERMINATED_ONE_UNIT)
            if not hit.any():
                continue
            facility, share = amounts[site]
            at = rows[hit]
            cut = later_units_cut(facility[hit], units[hit], percent[hit])
            share_cut = later_units_cut(share[hit], units[hit], percent[hit])
            lines.cents[f"{site}_allowed"][at] -= cut
            lines.cents[f"{site}_beneficiary"][at] -= share_cut
            lines.cents[f"{site}_medicare"][at] -= cut - share_cut
        if "hopd" in later:  # several units of a hospital line, rounded once as the Pricer does
            cut, share_cut = encounter_arrays.opps_units_cuts(lines, rows, lines.later_percent["hopd"][rows])
            lines.cents["hopd_allowed"][rows] -= cut
            lines.cents["hopd_beneficiary"][rows] -= share_cut
            lines.cents["hopd_medicare"][rows] -= cut - share_cut

    def _later_units_notes(self, lines: Lines) -> None:
        """The single lookup's ``later_units_note`` on the rows whose later units are paid otherwise than the first,
        after the encounter rules (per site, number of units and percentage), where the site is shown: the row
        has no setting, or that one; then ``OPPS_BILATERAL_NOTE`` on the rows with 50 where the hospital is."""
        import numpy as np

        for site, rate in (("hopd", "opps_rate"), ("asc", "asc_rate")):
            shown = (lines.site == 0) | (lines.site == SITE_NAMES.index(site))
            later = lines.later_percent.get(site)
            if later is None:
                continue
            rule = (later >= 0) | (later == TERMINATED_ONE_UNIT)
            paid = lines.valid[rate] & (lines.cents[rate] != 0)  # a packaged line has no units to speak of
            rows = np.flatnonzero(rule & (lines.error == 0) & paid & shown)
            if rows.size:
                keys = lines.units[rows].astype(np.int64) * 1000 + later[rows].astype(np.int64) + 100

                def note(key: int, site: str = site) -> str:
                    return later_units_note(site, int(key) // 1000, int(key) % 1000 - 100)

                lines.add_note("units", rows, lines.texts.per_value(keys, note))
        bilateral = lines.flag("50", lambda cell: "50" in cell.modifiers)
        if bilateral.any():
            shown = (lines.site == 0) | (lines.site == SITE_NAMES.index("hopd"))
            shown &= ~lines.opps_packaged if lines.opps_packaged is not None else True  # $0.00: no side to speak of
            rows = np.flatnonzero(bilateral[lines.code] & (lines.error == 0) & lines.valid["opps_rate"] & shown)
            lines.add_note("units", rows, lines.texts.id(OPPS_BILATERAL_NOTE))
        if lines.two_units is not None:
            shown = (lines.site == 0) | (lines.site == SITE_NAMES.index("hopd"))
            shown &= ~lines.opps_packaged if lines.opps_packaged is not None else True
            rows = np.flatnonzero(lines.two_units & (lines.error == 0) & lines.valid["opps_rate"] & shown)
            lines.add_note("units", rows, lines.texts.id(OPPS_TWO_UNITS_NOTE))

    def _choice_reasons(self, lines: Lines, name: str, term: dict[str, np.ndarray], at: np.ndarray) -> np.ndarray:
        """The text ids of why these rows' OPPS or ASC rate (``name``) is not priced: their place's wage indexes
        (``term[name + '_choice']``, a text id of their values) and the rate at each (engine.wage_choices, as the
        single lookup's), once a run per distinct rate and place's values."""
        import numpy as np

        from rvucalc.engine.kernels import asc_rate, opps_rate
        from rvucalc.engine.wage_choices import choice_reason, parse_choices

        site = "OPPS" if name == "opps" else "ASC"
        keys = [term[f"{name}_choice"][at], term[f"{name}_rate"][at]]
        if name == "asc":
            keys.append(term["asc_device"][at])
        # One key per row from each column's rank (np.unique of rows sorts them as records, several times slower),
        # in the same order: by the first column's value, then the next's
        combined = np.zeros(len(keys[0]), dtype=np.int64)
        for column in keys:
            distinct, rank = np.unique(column, return_inverse=True)
            combined = combined * len(distinct) + rank.reshape(-1)
        _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
        said = []
        for key in np.stack(keys, axis=1)[first].tolist():
            choices = lines.texts.values[key[0]]
            known = (name, choices, *key[1:])
            reason = self._choice_said.get(known)
            if reason is None:
                values = parse_choices(choices)
                if name == "opps":
                    rates = [int(opps_rate(key[1], value)) for value in values]
                else:
                    rates = [int(asc_rate(key[1], key[2], value, False)) for value in values]
                reason = self._choice_said[known] = choice_reason(site, values, rates)
            said.append(reason)
        return lines.texts.ids(said)[inverse.reshape(-1)]

    def _zip_choices(self, pfs: _PfsArrays) -> np.ndarray:
        """Per ZIP of the release: the text id of its wage indexes where its area has several (0: one, or none)."""
        import numpy as np
        import pyarrow.compute as pc

        key = f"choices {pfs.reference.release.release}"
        if key not in self._zip_flags:
            several = np.asarray(values_of(pc.binary_length(pfs.wage_choices)) > 0, dtype=bool)
            ids = np.zeros(len(several), dtype=np.int64)
            at = np.flatnonzero(several)
            if at.size:
                ids[at] = self._strings.ids(pfs.wage_choices.take(int64_array(at)).to_pylist())  # no pandas
            self._zip_flags[key] = (ids, several)
        return self._zip_flags[key][0]

    def _reason_ids(self, reference: FacilityReference, name: str, at: np.ndarray) -> np.ndarray:
        """Per position ``at`` of a facility table ('opps' or 'asc'): the text id of why the code is not paid
        there (each code's reason interned when first needed)."""
        import numpy as np

        found = self._reasons.get((id(reference), name))
        if found is None or found[0] is not reference:
            found = self._reasons[(id(reference), name)] = (reference, np.full(reference.codes.num_rows, -1))
        ids = found[1]
        new = np.unique(at[ids[at] < 0])
        if new.size:
            reason_of_code, reasons = reference.reasons(name)
            ids[new] = self._strings.ids(reasons[i] for i in reason_of_code[new].tolist())
        return ids[at]

    @staticmethod
    def _choose_setting(lines: Lines) -> None:
        import numpy as np

        _supplier_without_place(lines)
        for number, site in enumerate(SITES, start=1):
            chosen = np.flatnonzero(lines.site == number)
            for measure in ("allowed", "beneficiary", "medicare"):
                lines.cents[measure][chosen] = lines.cents[f"{site}_{measure}"][chosen]
                lines.valid[measure][chosen] = lines.valid[f"{site}_{measure}"][chosen]
        # The professional claim: in the office, the office's amounts; in a facility (a hospital, an ASC, or a place
        # with no facility payment: inpatient, SNF ...), the PFS facility amount alone, as the single lookup's
        # "facility" setting prices it: one service's shares (the line's coinsurance, a waiver's too), times the units.
        office = np.flatnonzero(lines.site == SITE_NAMES.index("office"))
        for measure in ("allowed", "beneficiary", "medicare"):
            lines.cents[f"professional_{measure}"][office] = lines.cents[f"office_{measure}"][office]
            lines.valid[f"professional_{measure}"][office] = lines.valid[f"office_{measure}"][office]
        chosen = np.flatnonzero(lines.site > SITE_NAMES.index("office"))
        if chosen.size:
            *amounts, payable = encounter_arrays.professional_amounts(lines, chosen)
            for measure, cents in zip(("allowed", "beneficiary", "medicare"), amounts, strict=True):
                lines.cents[f"professional_{measure}"][chosen] = cents
                lines.valid[f"professional_{measure}"][chosen] = payable
        # Therapy at a SNF (POS 31) is the SNF's claim, paid the PFS non-facility amount: the office's amounts, its
        # units and the encounter's therapy reduction as the claims' rules left them (engine.therapists.
        # SNF_THERAPY_NOTE; lookup.pricer the same).
        if lines.snf_therapy is not None:
            snf = np.flatnonzero(lines.snf_therapy & (lines.site == FACILITY_PROFESSIONAL))
            for measure in ("allowed", "beneficiary", "medicare"):
                lines.cents[f"professional_{measure}"][snf] = lines.cents[f"office_{measure}"][snf]
                lines.valid[f"professional_{measure}"][snf] = lines.valid[f"office_{measure}"][snf]
        # A place with no facility payment: its allowed amount is the professional claim's.
        chosen = np.flatnonzero(lines.site == FACILITY_PROFESSIONAL)
        for measure in ("allowed", "beneficiary", "medicare"):
            lines.cents[measure][chosen] = lines.cents[f"professional_{measure}"][chosen]
            lines.valid[measure][chosen] = lines.valid[f"professional_{measure}"][chosen]


# A DME item's fee is the DMEPOS fee schedule amount of the state of the beneficiary's permanent address (Noridian
# JD DME, "How Pricing Is Identified for Certain Products"; SSA §1834(a)), rural or not, rented or bought, for an item
# used at home; a supplier's export seldom has a POS column (a DME supplier trial's had none, and every row's allowed
# amount was blank, its paid amount not compared, its billed charge not weighed). So a row with no place of service
# (no column, or a blank cell) whose only amount is a DMEPOS fee (no PFS, CLFS, ASP, hospital or ASC amount: an
# implant or lens the ASC is paid for, L8614, V2630, needs its place) is priced as used at home: allowed that fee, on
# the supplier's own claim (professional_*); its site stays blank. In a hospital or SNF stay (POS 21, 31) rvucalc gives
# a DME item no separate payment (DMEPOS_AT_FACILITY_REASON), so the note says to give the place there.
DMEPOS_WITHOUT_PLACE_NOTE = (
    "No place of service on this line: a DME item is priced as used at the patient's home, its DMEPOS fee (the "
    "patient's state's), so allowed, beneficiary and medicare are that fee's. In a hospital or SNF stay it has no "
    "separate Part B payment: give the place of service there"
)


def _supplier_without_place(lines: Lines) -> None:
    """Rows with no place of service whose only amount is a DMEPOS fee: allowed that fee
    (``DMEPOS_WITHOUT_PLACE_NOTE``), as the office's columns hold it (``office_*``; the supplier's claim,
    ``professional_*``, too)."""
    import numpy as np

    valid = lines.valid
    other = valid["pfs_non_facility_amount"] | valid["pfs_facility_amount"] | valid["clfs_amount"]
    other |= valid["drug_amount"] | valid["hopd_allowed"] | valid["asc_allowed"]
    supplier = np.flatnonzero((lines.site == 0) & (lines.error == 0) & valid["dmepos_amount"] & ~other
                              & valid["office_allowed"])  # fmt: skip
    if not supplier.size:
        return
    for measure in ("allowed", "beneficiary", "medicare"):
        for prefix in ("", "professional_"):
            lines.cents[f"{prefix}{measure}"][supplier] = lines.cents[f"office_{measure}"][supplier]
            lines.valid[f"{prefix}{measure}"][supplier] = lines.valid[f"office_{measure}"][supplier]
    if lines.sited:
        lines.without_part("blank_setting", supplier, BLANK_SETTING_NOTE)
    lines.add_note("blank_setting", supplier, lines.texts.id(DMEPOS_WITHOUT_PLACE_NOTE))


# What the hospital is paid for a line without a HCPCS code (batch.lines.REVENUE_CODE_LINE), as for a packaged code
# (SI N): $0.00 of OPPS rate, copayment and hospital amounts; the other schedules' and sites' columns blank. The ASC's
# own bill's such line (REVENUE_CODE_LINE_ASC) likewise, as a packaged code's (PI N1): $0.00 of ASC rate, coinsurance
# and ASC amounts.
_PACKAGED_AT_HOSPITAL = ("opps_rate", "opps_copayment", "hopd_allowed", "hopd_beneficiary", "hopd_medicare")
_PACKAGED_AT_ASC = ("asc_rate", "asc_coinsurance", "asc_allowed", "asc_beneficiary", "asc_medicare")


def _code_rows(lookups: Any, code: str) -> tuple[dict[str, Any], ...]:
    """A code's RVU rows in a store, and their endoscopy bases' (``lookup.lines.line_setting``): what the rules read
    of a store for a line of the code priced nationally."""
    rows = tuple(lookups.rvu(code, modifier) for modifier in lookups.modifiers_of(code))
    return rows + tuple(lookups.rvu(row["endo_base"]) for row in rows if row.get("endo_base"))


def _packaged_revenue_code_lines(lines: Lines) -> np.ndarray:
    """Per row, whether it is a hospital outpatient (or ASC own-bill) line with a revenue code and no HCPCS code and no
    error (its date's release is installed ...): its hospital (or ASC) amounts $0.00, out of the releases' pricing and
    the claims' rules."""
    import numpy as np

    if lines.revenue_code_lines is None:
        return np.zeros(lines.rows, dtype=bool)
    lines.revenue_code_lines &= lines.error == 0
    asc = lines.site == SITE_NAMES.index("asc")
    for names, rows in ((_PACKAGED_AT_HOSPITAL, lines.revenue_code_lines & ~asc),
                        (_PACKAGED_AT_ASC, lines.revenue_code_lines & asc)):  # fmt: skip
        at = np.flatnonzero(rows)
        for name in names:
            lines.set_money(name, at, 0, True)
    return lines.revenue_code_lines


# The amount named is what the row is allowed had its practitioner participated (``_non_par_notes``): the PFS amount
# after the line's own rules, an NP's, PA's or CNS's 85% among them (42 CFR 414.56(c), 414.52; Pub. 100-04 ch. 12
# §120, §110: engine.policy), whose 95% the non-par amount is (SSA §1848(a)(3): "95 percent of the fee schedule
# amount" of the practitioner's service; engine.kernels.NON_PAR). It said "95% of the PFS amount $85.90" on an NP's
# 99213, $85.90 being the NP's 85% of the PFS amount $101.06: named as the participating amount, not the PFS amount.
# (No "; " inside the explanation: batch joins a row's notes with it, and "SSA §1848(a)(3))" was left a note alone.)
NON_PAR_NOTE = (
    "Non-participating: allowed is the non-par amount, 95% of the participating amount {amount} (what this line is "
    "allowed for a participating practitioner: the PFS amount after the line's own rules, such as an NP's or PA's "
    "85%) under SSA §1848(a)(3). The patient's coinsurance and Medicare's share are of it"
)
NON_PAR_PHYSICIAN_NOTE = (
    "Non-participating: the physician's part of allowed is the non-par amount, 95% of the participating amount "
    "{amount} (what this line's practitioner is allowed at the PFS facility rate when participating: the PFS facility "
    "amount after the line's own rules, such as an NP's or PA's 85%) under SSA §1848(a)(3). The facility's payment is "
    "not the PFS's and stays. The patient's coinsurance and Medicare's share of the physician's part are of it"
)
NON_PAR_OFF_PFS_NOTE = (
    "Non-participating: this line's amount is not the PFS's, and has no non-par amount (a lab, SSA §1833(h)(5)(C), and "
    "a drug, §1842(o)(3), are paid on assignment only, a DME item its fee schedule amount, §1834(a)(1))"
)
PARTICIPATION_UNREAD_NOTE = (
    "Participation not read (give Y or PAR for a participating practitioner, N or NONPAR for a non-participating "
    "one): priced as the run's {run}"
)


CONTRACT_RATE_UNREAD_NOTE = (
    "Contract rate not read (give the line's contracted amount in dollars, 0 or more, e.g. 120.00): no "
    "contract_percent_of_medicare"
)


def _contract_rate_unread(lines: Lines) -> None:
    """A contract rate cell that is no amount of 0 or more (``abc``, ``-5``): its row's note says so, as an unread
    participation cell's does (``PARTICIPATION_UNREAD_NOTE``); contract_percent_of_medicare stays blank."""
    import numpy as np

    if lines.contract_rate_unread is None:
        return
    at = np.flatnonzero(lines.contract_rate_unread & (lines.error == 0))
    if at.size:
        lines.add_note("provider", at, lines.texts.id(CONTRACT_RATE_UNREAD_NOTE))


def _contract_percent(lines: Lines) -> pa.Array:
    """CONTRACT_PERCENT's column: each row's contract rate over the allowed amount it is compared with x 100
    (``Lines.contract_basis``: the site's allowed amount, or --paid-for's or the row's own claim's part of it), in
    hundredths of a percent rounded half-up once (kernels.round_half_up), as a decimal column of 2 places
    (arrow_columns.money_array)."""
    import numpy as np

    assert lines.contract_rate is not None and lines.contract_rate_given is not None
    allowed, valid = lines.contract_basis or (lines.cents["allowed"], lines.valid["allowed"])
    shown = lines.contract_rate_given & valid & (allowed > 0) & (lines.error == 0)
    hundredths = np.zeros(lines.rows, dtype=np.int64)
    hundredths[shown] = round_half_up(lines.contract_rate[shown] * 10_000, allowed[shown])
    return money_array(hundredths, shown)


def _non_par(lines: Lines, run_non_par: bool) -> None:
    """The rows of a non-participating practitioner (``--non-par``, or the row's participation cell: it wins) priced
    at the non-par amount (engine.kernels.NON_PAR, non_par_shares): each site's PFS part (the office's whole amount;
    at a hospital or ASC the physician's, the PFS facility amount's shares, ``encounter_arrays.professional_amounts``;
    not a hospital's therapy line, paid the office's amounts on the hospital's claim), the professional claim's, and
    the row's chosen ones; their note says so. A lab's, drug's or DME item's row keeps its amount (noted). Sets
    ``lines.non_par`` (``_sequestered`` takes the physician's part of the non-par amounts)."""
    import numpy as np

    wanted = np.full(lines.rows, run_non_par, dtype=bool)
    if lines.participation is not None:
        wanted = np.where(lines.participation >= 0, lines.participation == 0, wanted)
        unread = lines.participation_unread
        if unread is not None and (unread & (lines.error == 0)).any():
            at = np.flatnonzero(unread & (lines.error == 0))
            run = "--non-par (non-participating)" if run_non_par else "participating (no --non-par)"
            note = PARTICIPATION_UNREAD_NOTE.format(run=run)
            lines.add_note("provider", at, lines.texts.id(note))
    wanted &= lines.error == 0
    lines.non_par = None
    if not wanted.any():
        return
    pfs = lines.valid["pfs_non_facility_amount"] | lines.valid["pfs_facility_amount"]
    off_pfs = wanted & ~pfs & (lines.valid["clfs_amount"] | lines.valid["drug_amount"] | lines.valid["dmepos_amount"])
    if off_pfs.any():
        lines.add_note("line", np.flatnonzero(off_pfs), lines.texts.id(NON_PAR_OFF_PFS_NOTE))
    rows = np.flatnonzero(wanted & pfs)
    if not rows.size:
        return
    lines.non_par = wanted & pfs
    share = (np.full(len(rows), COINSURANCE_PERCENT * 100, dtype=np.int64) if lines.coinsurance is None
             else lines.coinsurance[rows])  # fmt: skip
    measures = ("allowed", "beneficiary", "medicare")
    before = {name: lines.cents[name][rows].copy() for name in ("allowed", "professional_allowed")}

    units = lines.units[rows]
    office_unit = lines.cents["pfs_non_facility_amount"][rows]
    facility_unit = lines.cents["pfs_facility_amount"][rows]

    def reduce(prefix: str, unit: Any, part: tuple[Any, Any, Any] | None = None, keep: Any = None) -> None:
        """The site ``prefix``'s shares with their PFS part (``part``: allowed, beneficiary, medicare; None: the
        whole) at the non-par amount, per service where the part is units x ``unit`` (kernels.NON_PAR_PER_SERVICE);
        ``keep``: rows whose part stays (none of it is the PFS's)."""
        cents = [lines.cents[f"{prefix}{m}"][rows] for m in measures]
        valid = lines.valid[f"{prefix}allowed"][rows]
        whole = part is None
        a, b, m = cents if part is None else part
        new = non_par_shares(a, b, share, units, unit)
        out = [c - old + n for c, old, n in zip(cents, (a, b, m), new, strict=True)] if not whole else list(new)
        if keep is not None:
            out = [np.where(keep, c, o) for c, o in zip(cents, out, strict=True)]
        for name, value in zip(measures, out, strict=True):
            lines.cents[f"{prefix}{name}"][rows] = np.where(valid, value, lines.cents[f"{prefix}{name}"][rows])

    reduce("office_", office_unit)
    doctor = encounter_arrays.professional_amounts(lines, rows)
    doctor_part = tuple(np.where(doctor[3], d, 0) for d in doctor[:3])
    therapy = None if lines.hopd_therapy is None else lines.hopd_therapy[rows]
    reduce("hopd_", facility_unit, doctor_part, therapy)  # type: ignore[arg-type]
    reduce("asc_", facility_unit, doctor_part)  # type: ignore[arg-type]
    office = lines.site[rows] == SITE_NAMES.index("office")
    professional = [lines.cents[f"office_{m}"][rows] for m in measures]
    facility_doctor = non_par_shares(*doctor[:2], share, units, facility_unit)
    valid = lines.valid["professional_allowed"][rows]
    for m, at_office, elsewhere in zip(measures, professional, facility_doctor, strict=True):
        lines.cents[f"professional_{m}"][rows] = np.where(
            valid, np.where(office, at_office, elsewhere), lines.cents[f"professional_{m}"][rows]
        )
    for number, site in enumerate(SITES, start=1):
        chosen = lines.site[rows] == number
        for m in measures:
            lines.cents[m][rows] = np.where(chosen & lines.valid[m][rows], lines.cents[f"{site}_{m}"][rows],
                                            lines.cents[m][rows])  # fmt: skip
    chosen = lines.site[rows] == FACILITY_PROFESSIONAL
    for m in measures:
        lines.cents[m][rows] = np.where(chosen & lines.valid[m][rows], lines.cents[f"professional_{m}"][rows],
                                        lines.cents[m][rows])  # fmt: skip
    _non_par_notes(lines, rows, before, doctor, therapy, (office_unit, facility_unit))


def _non_par_notes(
    lines: Lines, rows: Any, before: dict[str, Any], doctor: tuple[Any, Any, Any, Any], therapy: Any,
    units_of: tuple[Any, Any],
) -> None:  # fmt: skip
    """``_non_par``'s note on the rows it cut, naming the participating amount the cut took 95% of: the row's allowed
    (without a setting, the professional claim's); at a hospital or ASC the physician's part of it (the facility's
    payment is not the PFS's and stays); per service where that amount is units x one service's
    (kernels.NON_PAR_PER_SERVICE). No note where nothing changed (a hospital's therapy line, a row with no physician's
    part). Built once per distinct (kind, amount, units) (np.unique + inverse), not per row."""
    import numpy as np

    units = lines.units[rows]
    with_allowed = lines.valid["allowed"][rows]
    was = np.where(with_allowed, before["allowed"], before["professional_allowed"])
    now = np.where(with_allowed, lines.cents["allowed"][rows], lines.cents["professional_allowed"][rows])
    cut = was != now
    if not cut.any():
        return
    site = lines.site[rows]
    physician = with_allowed & doctor[3] & np.isin(site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
    if therapy is not None:
        physician &= ~therapy
    named = np.where(physician, doctor[0], was)
    facility_pfs = physician | (site == FACILITY_PROFESSIONAL) | ~with_allowed
    unit = np.where(facility_pfs, units_of[1], units_of[0])
    per_service = (units > 1) & (unit * units == named)
    named = np.where(per_service, unit, named)
    key = np.stack([physician.astype(np.int64), named, np.where(per_service, units, 0)], axis=1)[cut]
    keys, inverse = np.unique(key, axis=0, return_inverse=True)
    texts = []
    for kind, amount, count in keys.tolist():
        said = _dollars(amount)
        if count:
            said = f"{said} a service ({_dollars(int(non_par_amount(amount)))}) x {count} units"
        texts.append((NON_PAR_PHYSICIAN_NOTE if kind else NON_PAR_NOTE).format(amount=said))
    lines.add_note("line", rows[cut], lines.texts.ids(texts)[inverse.reshape(-1)])


def _sequestered(lines: Lines) -> None:
    """``--sequestration``: every Medicare share (each site's, the row's, the professional claim's) less 2%, once per
    row and claim, as the single lookup takes it once per line, site and claim (engine.facility._site, _settled:
    kernels.claims_sequestered): at the hospital or the ASC, the facility's claim and the physician's (the PFS
    facility amount's share, ``encounter_arrays.professional_amounts``) each apart; a claim's totals are its rows'
    sums, as the single lookup's encounter totals are its lines'."""
    import numpy as np

    site_of = {name: SITE_NAMES.index(name) for name in ("hopd", "asc")}
    facility_part = {name: np.zeros(lines.rows, dtype=np.int64) for name in ("hopd", "asc")}
    rows = np.flatnonzero(lines.valid["pfs_facility_amount"] & (lines.valid["hopd_medicare"]
                                                                 | lines.valid["asc_medicare"]))  # fmt: skip
    doctor = np.zeros(lines.rows, dtype=np.int64)
    if rows.size:
        *amounts, _ = encounter_arrays.professional_amounts(lines, rows)
        doctor[rows] = amounts[2]
        if lines.non_par is not None:  # the physician's claim at the non-par amount (_non_par)
            share = (np.full(len(rows), COINSURANCE_PERCENT * 100, dtype=np.int64) if lines.coinsurance is None
                     else lines.coinsurance[rows])  # fmt: skip
            non_par = non_par_shares(amounts[0], amounts[1], share, lines.units[rows],
                                     lines.cents["pfs_facility_amount"][rows])  # fmt: skip
            doctor[rows] = np.where(lines.non_par[rows], non_par[2], amounts[2])
    for name in ("hopd", "asc"):
        valid = lines.valid[f"{name}_medicare"]
        # the physician's share in the site, where it has one (a hospital row paid the office's amounts has none)
        in_site = doctor if name == "asc" or lines.hopd_therapy is None else np.where(lines.hopd_therapy, 0, doctor)
        facility_part[name] = np.where(valid, lines.cents[f"{name}_medicare"] - in_site, 0)
    chosen = np.zeros(lines.rows, dtype=np.int64)
    for name, number in site_of.items():
        chosen = np.where(lines.site == number, facility_part[name], chosen)
    for name, part in (
        ("office_medicare", None),
        ("hopd_medicare", facility_part["hopd"]),
        ("asc_medicare", facility_part["asc"]),
        ("professional_medicare", None),
        ("medicare", chosen),
    ):
        valid = lines.valid[name]
        lines.cents[name][valid] = claims_sequestered(lines.cents[name][valid], 0 if part is None else part[valid])


def facility_claim(site: Any, cents: dict[str, Any], valid: dict[str, Any]) -> tuple[Any, Any]:
    """The facility's own claim (FACILITY_CLAIM) of rows at a hospital outpatient department or an ASC: their site's
    allowed amount less the physician's (professional_allowed, where there is one), and which rows have one. ``site``:
    the rows' site ids (SITE_NAMES); ``cents`` and ``valid``: their ``allowed`` and ``professional_allowed`` (or any
    pair of a site measure and its professional one, under those names). Arrays in, arrays out."""
    return paid_for_rule.paid_for_basis("facility", cents["allowed"], valid["allowed"], cents["professional_allowed"],
                                        valid["professional_allowed"], at_hospital_or_asc(site))  # fmt: skip


def at_hospital_or_asc(site: Any) -> Any:
    """Which rows' site (SITE_NAMES ids) is a hospital outpatient department or an ASC: a facility claim's place."""
    import numpy as np

    return np.isin(site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])


def _line_text(lines: Lines, row: int) -> str:
    """A row's code and modifiers as one writes them ('93458-26'), in a note: never '; ' (notes are joined by it)."""
    cell = lines.codes[int(lines.code[row])]
    return "-".join([cell.code, *cell.modifiers]).replace("; ", ";")


def _frame_texts(column: pd.Series) -> pa.Array:
    """A frame's column as the text a CSV would hold. Text columns at once; others (numbers, dates, mixed) cell by
    cell (``_frame_cell``)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) or (
        pd.api.types.is_object_dtype(dtype) and pd.api.types.infer_dtype(column, skipna=True) in ("string", "empty")
    ):
        values = pa.array(column.to_numpy(dtype=object, na_value=None), type=pa.string(), from_pandas=True)
        return values.fill_null("") if values.null_count else values
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":  # numpy integers: no missing value
        return pa.array(column.to_numpy().astype(str).tolist(), pa.string())
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        values = column.to_numpy()
        whole = np.isfinite(values) & (np.mod(values, 1) == 0) & (np.abs(values) < 2**53)
        texts = np.where(whole, np.where(whole, values, 0).astype(np.int64).astype(str), values.astype(str))
        return pa.array(np.where(np.isnan(values), "", texts).tolist(), pa.string())
    return pa.array([_frame_cell(cell) for cell in column], pa.string())


def _frame_cell(cell: Any) -> str:
    """A pandas cell as the text a CSV would hold: blank for a missing value (None, NaN, NaT, pd.NA), 22 for a POS or
    units column pandas read as 22.0 (a column with a blank cell is float), a date's ISO text for a Timestamp at
    midnight."""
    import datetime

    import pandas as pd

    if cell is None:
        return ""
    missing = pd.isna(cell) if not isinstance(cell, str) else False
    if not hasattr(missing, "__len__") and bool(missing):  # a scalar's answer (a list cell's is an array)
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime.datetime) and cell.time() == datetime.time():
        return cell.date().isoformat()
    return str(cell)


def _texts_array(column: Any) -> np.ndarray:
    """A text column of few distinct values (a status, an indicator) as a numpy string array, each distinct
    value decoded once."""
    import numpy as np
    import pyarrow.compute as pc

    whole = column.combine_chunks() if hasattr(column, "combine_chunks") else column
    encoded = pc.dictionary_encode(whole, null_encoding="encode")  # a null: its own value, read as ''
    return np.array(strings_of(encoded.dictionary))[values_of(encoded.indices)]


def _provider_settings(
    lines: Lines, rows: np.ndarray, name: str, test: Callable[[Any], bool]
) -> list[tuple[Any, str | None, str | None, np.ndarray]]:
    """The error-free rows among ``rows`` whose code cell passes ``test`` (``Lines.flag`` ``name``: a provider's
    cells, one flag a run, not a loop over every code cell per call), grouped once per (code cell, setting value):
    (cell, place, site, rows) a group, the place and site as the setting column gives them. None without a setting
    column. The therapy rules' grouping (``BatchPricer._hospital_therapy_lines``, ``_therapist_places``)."""
    import numpy as np

    if lines.setting_of is None or not rows.size:
        return []
    flagged = lines.flag(name, test)
    mine = rows[flagged[lines.code[rows]] & (lines.error[rows] == 0)]
    if not mine.size:
        return []
    width = len(lines.setting_places)
    keys, inverse = np.unique(lines.code[mine].astype(np.int64) * width + lines.setting_of[mine],
                              return_inverse=True)  # fmt: skip
    inverse = inverse.reshape(-1)
    groups = []
    for number, key in enumerate(keys.tolist()):
        place, site = lines.setting_places[key % width]
        groups.append((lines.codes[key // width], place, site, mine[inverse == number]))
    return groups


def _group_rows(key_of_row: np.ndarray, count: int) -> list[np.ndarray]:
    """Positions of the rows of each key 0..count-1 (one sort, not one scan per key)."""
    import numpy as np

    order = np.argsort(key_of_row, kind="stable")
    return np.split(order, np.cumsum(np.bincount(key_of_row, minlength=count))[:-1])


def row_reasons(row: dict[str, Any]) -> tuple[str, ...]:
    """Why a CMS row has no PFS amount in a setting (non-facility, then facility), each reason once."""
    return tuple(dict.fromkeys(filter(None, (not_priced_reason(row, setting) for setting in line_rules.SETTINGS))))


def pfs_adjustments(pfs: PfsResult) -> tuple[str, ...]:
    """The rules of a line's PFS adjustments, non-facility then facility, each once (the amounts before and after
    are the setting's and locality's: the row's amounts say them)."""
    return tuple(dict.fromkeys(a.rule for s in (pfs.non_facility, pfs.facility) for a in s.adjustments or ()))


def _without_facility_reason_off_facility(lines: Lines, ok: np.ndarray) -> None:
    """A row priced at a non-facility place of service other than the office (POS 12 home, 32 nursing facility ...)
    at its PFS non-facility amount: its PFS facility setting's reason ("Not priced in the facility setting: CMS marks
    its PE RVU 'NA'") is not the place's, taken out of its note (a wound care trial read it on 99349 at home). The
    single lookup keeps it in the PFS facility column (facility_reason), not in the line's notes. The office's rows
    (11) keep it, as before: the office is the place the PFS's two settings are compared from."""
    import numpy as np

    from rvucalc.engine.place_of_service import POS

    if lines.setting_of is None or not lines.setting_places:
        return
    places = np.array([pos in POS and pos != "11" and POS[pos].pfs_setting == "non_facility" if pos else False
                       for pos, _ in lines.setting_places] + [False])  # fmt: skip
    at_place = places[np.where(lines.setting_of >= 0, lines.setting_of, len(places) - 1)]
    rows = ok & at_place & (lines.site == SITE_NAMES.index("office")) & lines.valid["pfs_non_facility_amount"]
    # Nor a hospital's row paid the office's PFS money (Lines.hopd_therapy: DSMT's facility 'NA', G0108 at POS 22,
    # said "Not priced in the facility setting" beside the hospital's amount): the single lookup's notes do not say it.
    if lines.hopd_therapy is not None:
        rows |= ok & lines.hopd_therapy & (lines.site == SITE_NAMES.index("hopd"))
    if rows.any():
        lines.without_slot("pfs_reason", np.flatnonzero(rows))


def _without_mac_priced_on_facility_bills(lines: Lines, ok: np.ndarray) -> None:
    """A hospital's or ASC's own bill (type of bill 13x, 83x: Lines.facility_bill) whose facility rate prices the line
    (its OPPS rate at a hospital, its ASC rate at an ASC): the PFS's "Priced by your Medicare contractor (MAC) ... Ask
    your MAC for its fee" (engine.pfs.CONTRACTOR_PRICED_REASON, status C: 78815) is taken out of its note. The facility
    is paid under the OPPS (Claims Processing Manual ch. 4) or the ASC payment system (ch. 14), never the PFS fee the
    MAC prices, which is the practitioner's claim's (ch. 12 §20.4.2): a nuclear medicine trial's 78815 on TOB 131 was
    told to ask the MAC for a fee its hospital's OPPS rate paid. A practitioner's row (no bill type, POS 22 ...) keeps
    it; so does a hospital's row without an OPPS rate (a year whose Addendum B is not installed; a code paid there
    under a fee schedule, SI A: therapy on a 13x bill is paid under the PFS, ch. 5 §10)."""
    import numpy as np

    from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON

    if lines.facility_bill is None:
        return
    priced = (lines.site == SITE_NAMES.index("hopd")) & lines.valid["opps_rate"]
    priced |= (lines.site == SITE_NAMES.index("asc")) & lines.valid["asc_rate"]
    rows = ok & lines.facility_bill & priced
    if rows.any():
        lines.without_parts("pfs_reason", np.flatnonzero(rows), {CONTRACTOR_PRICED_REASON})


def _portable_xray_not_payable_at_place(lines: Lines, given: np.ndarray) -> None:
    """The ``given`` rows that are portable X-ray set-up or transport (Q0092, R0070, R0075) at a SNF (POS 31, the SNF's
    under consolidated billing) or for a hospital inpatient (POS 21, 51, 61) or outpatient (POS 19, 22, 23, hopd, a
    type of bill 13x: the hospital's): their PFS facility setting not payable there, before the sites' amounts are
    made of it (BatchPricer._facility_and_sites: the hospital's site is its OPPS rate alone, Q0092's packaged $0.00),
    their place's reason after the row's other PFS reasons (non-facility, then facility), as the single lookup's
    (engine.modifiers.portable_xray_not_payable_reason, portable_xray_place; lookup.pricer)."""
    import numpy as np

    from rvucalc.engine.modifiers import (
        PORTABLE_XRAY_SET_UP_AND_TRANSPORT,
        portable_xray_not_payable_reasons,
        portable_xray_place,
    )

    if lines.setting_of is None or not lines.setting_places or not given.size:
        return
    # per setting cell (the last: no setting cell), its place's reason, or None where none
    by_place = portable_xray_not_payable_reasons()
    reasons = [by_place.get(portable_xray_place(pos, site) or "") for pos, site in lines.setting_places] + [None]
    if not any(reasons):
        return
    place_of = np.where(lines.setting_of >= 0, lines.setting_of, len(reasons) - 1)
    xray = lines.flag(
        "portable x-ray set-up or transport", lambda cell: cell.code in PORTABLE_XRAY_SET_UP_AND_TRANSPORT
    )
    there = np.array([why is not None for why in reasons])
    rows = given[(lines.error[given] == 0) & there[place_of[given]] & xray[lines.code[given]]]
    if not rows.size:
        return
    for name in ("pfs_facility_amount", "pfs_facility_limiting_charge"):
        lines.set_money(name, rows, 0, False)
    # The place's reason is the facility setting's there, as the single lookup's: not beside R0070's and R0075's own
    # (MAC-priced technical-only codes: engine.pfs.MAC_TECHNICAL_ONLY_IN_FACILITY_REASON)
    from rvucalc.engine.pfs import MAC_TECHNICAL_ONLY_IN_FACILITY_REASON

    lines.without_parts("pfs_reason", rows, {MAC_TECHNICAL_ONLY_IN_FACILITY_REASON})
    said = np.array([0 if why is None else lines.texts.id(why) for why in reasons], dtype=np.int32)
    lines.add_note("pfs_reason", rows, said[place_of[rows]])
    # R0070, R0075: the MAC still prices the office setting, whose reason is then the office_* comparison's
    mac = rows[~lines.valid["pfs_non_facility_amount"][rows]]
    if mac.size:
        if lines.mac_priced_office is None:
            lines.mac_priced_office = np.zeros(lines.rows, dtype=bool)
        lines.mac_priced_office[mac] = True


def _technical_only_reason_at_place(lines: Lines, ok: np.ndarray) -> None:
    """A technical-only service's facility reason at a place paid the PFS facility rate that is no hospital or ASC
    (POS 02 telehealth, a SNF ...: engine.pfs.technical_only_at_place_reason), as the single lookup's: one rewrite per
    such place in the run, of the rows there whose note holds the reason."""
    import numpy as np

    from rvucalc.engine.place_of_service import NOT_HOSPITAL_FACILITY_RATE

    if lines.setting_of is None or not any(lines.texts.containing(reason).any() for reason in AT_PLACE_REASONS):
        return
    places = np.array([pos in NOT_HOSPITAL_FACILITY_RATE for pos, _ in lines.setting_places] + [False])
    place_of = np.where(lines.setting_of >= 0, lines.setting_of, len(places) - 1)
    noting = lines.rows_noting(*AT_PLACE_REASONS)
    rows = np.flatnonzero(ok & places[place_of] & noting)
    from rvucalc.engine.pfs import MAC_TECHNICAL_ONLY_IN_FACILITY_REASON

    if lines.mac_priced_office is not None:  # a MAC-priced technical-only code there stays the MAC's (no hospital)
        lines.mac_priced_office[rows[lines.rows_noting(MAC_TECHNICAL_ONLY_IN_FACILITY_REASON)[rows]]] = False
    for number in np.unique(place_of[rows]).tolist():  # the few places' rewrites, each of its rows at once
        pos = lines.setting_places[number][0]
        at_place = functools.partial(technical_only_at_place_reason, pos=pos)
        lines.rewritten_parts(rows[place_of[rows] == number], at_place)


def pfs_reasons(pfs: PfsResult) -> tuple[str, ...]:
    """Why a priced line's PFS settings have no amount (non-facility, then facility), each reason once."""
    settings = (pfs.non_facility, pfs.facility)
    return tuple(dict.fromkeys(s.reason for s in settings if not s.payable and s.reason))


def _with_run_notes(table: pa.Table, chosen: list[Any], priced: list[str], more: list[str]) -> pa.Table:
    """The table with its run notes (``batch.lines.run_notes`` of the years its rows were priced in, then
    ``more``)."""
    import json

    names = set(priced)
    years = sorted({release.year for release, _, _ in chosen if release is not None and release.release in names})
    notes = list(dict.fromkeys([*(note for year in years for note in run_notes(year)), *more]))
    return table.replace_schema_metadata({**(table.schema.metadata or {}), RUN_NOTES_KEY: json.dumps(notes)})


def skin_substitute_before(code: str, year: int) -> bool:
    """A skin substitute in a year the ASP files listed them (``lookup.schedules.SKIN_SUBSTITUTE_NOTE``): its office
    amount is the ASP file's, which ``lookup.schedules.look_up`` says is not installed."""
    from rvucalc.lookup.schedules import SKIN_SUBSTITUTES_ON_PFS, was_asp_skin_substitute

    return year < SKIN_SUBSTITUTES_ON_PFS and was_asp_skin_substitute(code)


def _assigned(lines: Lines) -> None:
    """Rows of a practitioner who must accept assignment (an NP, PA, CNS or CRNA, by the row's provider; AJ, AH, AS,
    QZ, QX: ``lookup.lines.assigned``): no limiting charge, and the single lookup's notes."""
    import numpy as np

    # the cells with an assignment note (a therapist's AQ one too: lookup.lines.assigned), then those assigned
    noted = lines.flag("assignment", lambda cell: bool(line_rules.assignment_notes(cell.provider, cell.modifiers)))
    rows = np.flatnonzero(noted[lines.code] & (lines.error == 0))
    if not rows.size:
        return
    cells = np.unique(lines.code[rows])
    at = np.zeros(len(lines.codes), dtype=bool)
    at[cells] = [line_rules.assigned(lines.codes[c].provider, lines.codes[c].modifiers) for c in cells.tolist()]
    for name in line_rules.SETTINGS:
        lines.valid[f"pfs_{name}_limiting_charge"][rows[at[lines.code[rows]]]] = False
    priced = rows[lines.valid["pfs_non_facility_amount"][rows] | lines.valid["pfs_facility_amount"][rows]]
    if not priced.size:
        return
    # The reasons, per code cell (an NPP's, an anesthetist's: lookup.lines.assignment_notes), in the lookup's order.
    cells = np.unique(lines.code[priced])
    reasons = lines.texts.ids(line_rules.assignment_notes(lines.codes[cell].provider, lines.codes[cell].modifiers,
                                                          lines.codes[cell].code)
                              for cell in cells.tolist())  # fmt: skip
    lines.add_note("line", priced, reasons[np.searchsorted(cells, lines.code[priced])])


def _mnt_not_dietitian(lines: Lines) -> None:
    """Rows of medical nutrition therapy (97802-97804, G0270, G0271) whose practitioner is no dietitian, or of G0323
    whose practitioner is a physician or NPP: the single lookup's note (engine.policy.practitioner_code_note), after
    the assignment notes (``_assigned``), the amount as written. Python runs per code cell, never per row."""
    import numpy as np

    from rvucalc.engine.policy import practitioner_code_note

    def note(cell: Any) -> str | None:
        return practitioner_code_note(cell.provider, cell.code, cell.modifiers)

    noted = lines.flag("practitioner code note", lambda cell: note(cell) is not None)
    rows = np.flatnonzero(noted[lines.code] & (lines.error == 0))
    if not rows.size:
        return
    cells = np.unique(lines.code[rows])
    reasons = lines.texts.ids(note(lines.codes[cell]) or "" for cell in cells.tolist())
    lines.add_note("line", rows, reasons[np.searchsorted(cells, lines.code[rows])])


def _anesthesia_sessions(lines: Lines) -> None:
    """``engine.anesthesia.sessions`` on whole columns: in an encounter (adjacent rows of one claim id and date, as
    ``batch.claims.price_claims``), two or more anesthesia lines of one role with base units and minutes are one
    payment. The line with the highest base units (the first of equal ones) is priced with them and the minutes of
    all (its anesthesia inputs replaced, before it is priced), the others are marked for $0.00 (``session_rule``).
    Python runs per distinct anesthesia pair, code cell and session outcome, never per row."""
    import numpy as np

    from rvucalc.batch.claims import claim_runs
    from rvucalc.engine import anesthesia as rules

    if lines.claim is None or lines.claim_given is None:
        return
    given = (lines.anesthesia != 0) & (lines.error == 0) & lines.claimed()
    if np.count_nonzero(given) < 2:
        return

    def number(text: str) -> int:
        return int(text) if text.isascii() and text.isdigit() else -1

    pairs = [(number(base), number(minutes)) for base, minutes in lines.anesthesias]
    base_of = np.array([base if minutes >= 0 else -1 for base, minutes in pairs], dtype=np.int64)
    minutes_of = np.array([minutes for _, minutes in pairs], dtype=np.int64)
    roles: dict[str, int] = {}
    role_of_code = np.full(len(lines.codes), -1, dtype=np.int64)
    for cell in np.unique(lines.code[given]).tolist():
        role = rules.session_role(lines.codes[cell].code, lines.codes[cell].modifiers)
        if role is not None:
            role_of_code[cell] = roles.setdefault(role, len(roles))
    rows = np.flatnonzero(given & (role_of_code[lines.code] >= 0) & (base_of[lines.anesthesia] >= 0))
    if rows.size < 2:
        return
    keys = (claim_runs(lines)[rows].astype(np.int64) * len(lines.whens) + lines.when[rows]) * len(roles)
    _, session = np.unique(keys + role_of_code[lines.code[rows]], return_inverse=True)
    session = session.reshape(-1)
    several = np.bincount(session)[session] >= 2
    if not several.any():
        return
    rows, session = rows[several], session[several]
    count = int(session.max()) + 1
    base, minutes = base_of[lines.anesthesia[rows]], minutes_of[lines.anesthesia[rows]]
    highest = np.full(count, -1, dtype=np.int64)
    np.maximum.at(highest, session, base)
    total = np.zeros(count, dtype=np.int64)
    np.add.at(total, session, minutes)
    lines_of = np.bincount(session, minlength=count)
    tops = np.flatnonzero(base == highest[session])
    _, first = np.unique(session[tops], return_index=True)
    primary = tops[first]  # positions into rows: each session's first line with the highest base units
    paid_on = np.full(count, -1, dtype=np.int64)
    paid_on[session[primary]] = rows[primary]
    # The primary lines: the session's base units and minutes, priced as any line with them.
    paid = session[primary]
    terms = np.stack([highest[paid], total[paid], lines_of[paid]], axis=1)
    outcomes, outcome_of = np.unique(terms, axis=0, return_inverse=True)
    known = {pair: n for n, pair in enumerate(lines.anesthesias)}
    ids, notes = [], []
    for top, minutes_total, members in outcomes.tolist():
        pair = (str(top), str(minutes_total))
        if pair not in known:
            known[pair] = len(lines.anesthesias)
            lines.anesthesias.append(pair)
        ids.append(known[pair])
        notes.append(rules.primary_note(rules.Session(0, "", top, minutes_total, members)))
    outcome_of = outcome_of.reshape(-1)
    lines.anesthesia[rows[primary]] = np.array(ids, dtype=np.int32)[outcome_of]
    lines.add_note("claim", rows[primary], lines.texts.ids(notes)[outcome_of])
    # The others: $0.00 by the rule naming the line paid (batch.claims.price_claims).
    others = np.ones(len(rows), dtype=bool)
    others[primary] = False
    codes, code_of = np.unique(lines.code[paid_on[session[others]]], return_inverse=True)
    lines.session_rules = [rules.secondary_rule(lines.codes[cell].code) for cell in codes.tolist()]
    lines.session_rule = np.full(lines.rows, -1, dtype=np.int32)
    lines.session_rule[rows[others]] = code_of.reshape(-1)


def _implied_assistant_errors(lines: Lines) -> None:
    """A therapy assistant's row refused for the CQ/CO its provider column added says so, naming no modifier the row
    did not carry (``lookup.credentials.implied_assistant_error``)."""
    import numpy as np

    implied = lines.assistant_implied
    if implied is None:
        return
    rows = np.flatnonzero((implied > 0) & (lines.error != 0))
    if rows.size:
        kinds = 2 * len(ASSISTANT_MODIFIERS)  # credentials.assistant_kind: the modifier, and whence (column or flag)
        lines.error[rows] = lines.texts.per_value(
            lines.error[rows].astype(np.int64) * kinds + implied[rows],
            lambda key: implied_assistant_error(lines.texts.values[key // kinds], *assistant_kind(key % kinds)),
        )


def _encounter_waivers(lines: Lines, code_numbers: dict[str, int], rows_now: np.ndarray | None = None) -> None:
    """Mark the rows whose preventive waiver their encounter (adjacent rows of one claim id and date, as
    ``batch.claims.price_claims``) gives or takes away (``engine.preventive.in_encounter``): ACP-33 with no AWV beside
    it owes the usual share (as ACP-33 whose AWV is another practitioner's: the provider column), moderate sedation
    beside a screening colonoscopy owes none. ``Lines.encounter_share`` and ``encounter_note`` hold the outcome. A row
    alone (a one-line claim, a row without a claim id, a file without a claim column) is an encounter of its own code,
    as ``price 99497-33``. Rows in error take no part: at parsing, those parsing failed; again for ``rows_now`` (a
    release's rows, once its CMS rows and rules have failed theirs: a fuzz trial's G0439-QX, refused, kept 99497-33's
    waiver beside it, where the claim's other lines said the rules ran without it). Per code cell and answer, the
    engine is asked once; the rows are arrays."""
    import numpy as np

    from rvucalc.engine import preventive
    from rvucalc.lookup.pricer import percent_hundredths

    # By the run's code numbers (``code_numbers``: code -> number): no Python per code cell of the partition, only per
    # cell of the few codes an encounter rule is about.
    subject_numbers = [code_numbers[code] for code in preventive.ENCOUNTER_CODES if code in code_numbers]
    candidate = np.isin(lines.code_number, subject_numbers) if subject_numbers else np.zeros(len(lines.codes), bool)
    partner_sets: list[frozenset[str]] = []
    partners_of = np.full(len(lines.codes), -1, dtype=np.int64)  # per code cell: its partner set's position
    own_provider = np.zeros(len(lines.codes), dtype=bool)  # per code cell: its partner must be its practitioner's
    for position in np.flatnonzero(candidate).tolist():
        cell = lines.codes[position]
        partners = preventive.encounter_partners(cell.code, cell.modifiers)
        if partners is not None:
            if partners not in partner_sets:
                partner_sets.append(partners)
            partners_of[position] = partner_sets.index(partners)
            own_provider[position] = cell.code in preventive.SAME_PROVIDER_CODES
    subject = (partners_of[lines.code] >= 0) & (lines.error == 0) if partner_sets else None
    if subject is None or not subject.any():  # most partitions: none
        if rows_now is not None and lines.encounter_share is not None and lines.encounter_note is not None:
            lines.encounter_share[rows_now], lines.encounter_note[rows_now] = -1, 0
        return
    share = np.full(lines.rows, -1, dtype=np.int64)
    note = np.zeros(lines.rows, dtype=np.int32)
    with_partner = np.zeros(lines.rows, dtype=bool)  # a row with no claim id is alone: no partner beside it
    elsewhere = np.zeros(lines.rows, dtype=bool)  # a partner on the claim and date, another practitioner's only
    if lines.claim is not None and lines.claim_given is not None:
        claimed = lines.claimed() & (lines.error == 0)
        if (subject & claimed).any():
            runs = claim_runs(lines)  # a facility's own bill's rows a claim apart (claims.billing_entities)
            # Only the claims with a row an encounter rule is about: a few rows of a million.
            rows = np.flatnonzero(claimed & np.isin(runs, runs[subject & claimed]))
            keys = runs[rows].astype(np.int64) * len(lines.whens) + lines.when[rows]
            _, encounter = np.unique(keys, return_inverse=True)
            encounter = encounter.reshape(-1)
            # ACP-33's AWV is its own practitioner's (engine.preventive.SAME_PROVIDER_CODES, MM9271): the claim and
            # date's lines of each practitioner (the provider column) apart, as batch.claims.price_claims' own
            # encounters keep G2211 with its practitioner's visit.
            own, keyed = encounter, own_provider[lines.code[rows]]
            if keyed.any():
                # The rows' own codes alone, not every code of the partition (~20,000: ~1% of a run's CPU)
                needed, back = np.unique(lines.code[rows], return_inverse=True)
                who = np.fromiter((line_rules.PROVIDERS.index(lines.codes[c].provider) for c in needed.tolist()),
                                  dtype=np.int64, count=len(needed))[back.reshape(-1)]  # fmt: skip
                own = np.unique(keys * len(line_rules.PROVIDERS) + who, return_inverse=True)[1].reshape(-1)
            for number, partners in enumerate(partner_sets):
                partner = np.isin(lines.code_number, [code_numbers[c] for c in partners if c in code_numbers])
                weights = partner[lines.code[rows]]
                beside = np.bincount(encounter, weights=weights)[encounter] > 0
                beside_own = np.bincount(own, weights=weights)[own] > 0 if keyed.any() else beside
                mine = partners_of[lines.code[rows]] == number
                with_partner[rows[mine]] = np.where(keyed, beside_own, beside)[mine]
                elsewhere[rows[mine]] = (keyed & beside & ~beside_own)[mine]
    at = np.flatnonzero(subject)
    state = np.where(with_partner[at], 1, np.where(elsewhere[at], 2, 0))  # 0 none, 1 beside, 2 another's only
    pairs, pair_of = np.unique(lines.code[at].astype(np.int64) * 3 + state, return_inverse=True)
    pair_share = np.full(len(pairs), -1, dtype=np.int64)
    pair_note = np.zeros(len(pairs), dtype=np.int32)
    for number, pair in enumerate(pairs.tolist()):
        cell = lines.codes[pair // 3]
        outcome = preventive.encounter_outcome(cell.code, cell.modifiers, pair % 3 == 1, pair % 3 == 2)
        if outcome is None:
            continue
        found = outcome.waiver
        pair_share[number] = (
            COINSURANCE_PERCENT * 100 if found is None else percent_hundredths(found.coinsurance_percent)
        )
        pair_note[number] = lines.texts.id(found.reason if found is not None else outcome.note)
    share[at], note[at] = pair_share[pair_of.reshape(-1)], pair_note[pair_of.reshape(-1)]
    changed = share >= 0
    if rows_now is None:
        lines.encounter_share, lines.encounter_note = (share, note) if changed.any() else (None, None)
        return
    if lines.encounter_share is None or lines.encounter_note is None:
        if not changed[rows_now].any():
            return
        lines.encounter_share = np.full(lines.rows, -1, dtype=np.int64)
        lines.encounter_note = np.zeros(lines.rows, dtype=np.int32)
    lines.encounter_share[rows_now], lines.encounter_note[rows_now] = share[rows_now], note[rows_now]
