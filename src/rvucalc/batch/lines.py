"""A partition of claim lines, parsed: per-row ids into facts about each distinct value.

Text is parsed once per distinct value (a column's dictionary), not once per row:
a million lines hold a few thousand codes, ZIPs and dates. Rows then carry small
integer ids, messages are interned (``Texts``), and results are integer cents with
validity masks until ``Lines.output`` wraps them as Arrow columns.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rvucalc.batch.arrow_columns import int32_array, money_array, string_array, strings_of, values_of
from rvucalc.batch.columns import ASC_BILLING_KEY, LATERALITY_COLUMN_KEY, PROVIDER_NAME_COLUMNS_KEY, RowNote
from rvucalc.batch.dates import duration_minutes, minutes_text, parse_units, zero_fraction
from rvucalc.batch.patient_days import patients_of
from rvucalc.engine.duplicates import DUPLICATE_NOTE
from rvucalc.engine.facility import mac_ranked_note
from rvucalc.engine.modifiers import chiropractic_denial, informational
from rvucalc.engine.pfs import ANESTHESIA_CODE, status_reason
from rvucalc.engine.place_of_service import critical_access_bill, facility_bill, is_old_pos_name, is_type_of_bill
from rvucalc.engine.scenario import parse_paid
from rvucalc.errors import ErrorKind, RvucalcError, UsageError
from rvucalc.lookup.credentials import (
    ASSISTANT_MODIFIERS,
    asc_billing_provider,
    asc_provider,
    asc_provider_reason,
    assistant_kind,
    assistant_modifier,
    assistant_of,
    dme_supplier_cell,
    facility_staff_cell,
    lab_cell,
    name_credential,
    provider_not_read_note,
    provider_of,
)

# Read from here before they moved to lookup.credentials (tests import them so):
from rvucalc.lookup.credentials import PROVIDER_WORDS as PROVIDER_WORDS
from rvucalc.lookup.credentials import business_name as business_name
from rvucalc.lookup.dates import date_from_text
from rvucalc.lookup.lines import PROVIDERS, AnesthesiaInput, check_practitioner, parse_line, provider_modifiers
from rvucalc.lookup.paid_for import professional_claim_line
from rvucalc.lookup.pricer import (
    UNITS_ARE_MINUTES,
    anesthesia_units_error,
    deductible_note,
    parse_anesthesia,
    parse_wage_index,
)
from rvucalc.reference.releases import DATASET_LABELS

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

# Which rows (of a mask) carry a code that is a practitioner's service the hospital never bills itself, decided per
# distinct release and code (BatchPricer._professional_only_rows): a mask of the rows.
ProfessionalOnly = Callable[["Lines", "np.ndarray"], "np.ndarray"]

INPUT_COLUMNS = (
    "code", "modifier", "units", "zip", "locality", "state", "year", "date", "setting", "base_units", "minutes", "paid",
    "claim", "provider", "rural", "patient_zip", "wage_index", "revenue_code", "asc_wage_index", "charge",
    # The practitioner's name beside the provider column (batch.columns.practitioner_name_position), read where the
    # provider cell is blank (parse_lines)
    "provider_name",
    # The practitioner's Medicare participation (Y/N, PAR/NONPAR), overriding the run's --non-par per row
    # (BatchPricer's _non_par); and a contract's own rate for the line (contract_percent_of_medicare)
    "participation", "contract_rate",
    # The claim's billing provider (batch.columns.billing_provider_position): an ASC's at POS 24 makes the row the
    # ASC's own claim line (parse_lines), whoever rendered it
    "billing_provider",
    # A facility's own type of bill (13x, 83x) beside a POS (batch.columns._bill_beside): 'own' where it names the
    # bill's site (the bill read as the setting), 'other' where not (the POS read); counted, as Lines.bill_beside
    "bill_beside",
    # The POS cell of a row whose type of bill was read beside it as the facility's own ('own' above): its department,
    # whose PO or PN the hospital's lines carry (_bill_department_notes)
    "bill_department",
    # The line's side of the body (batch.columns.laterality_position): not read as modifiers, a line it calls
    # bilateral whose modifiers do not noted (_laterality_notes)
    "laterality",
)  # fmt: skip
OUTPUT_COLUMNS = (
    "pfs_non_facility_amount",
    "pfs_facility_amount",
    "pfs_non_facility_limiting_charge",
    "pfs_facility_limiting_charge",
    "opps_rate",
    "opps_copayment",
    "asc_rate",
    "asc_coinsurance",
    "clfs_amount",
    "drug_amount",
    "dmepos_amount",
    "office_allowed",
    "office_beneficiary",
    "office_medicare",
    "hopd_allowed",
    "hopd_beneficiary",
    "hopd_medicare",
    "asc_allowed",
    "asc_beneficiary",
    "asc_medicare",
    "allowed",
    "beneficiary",
    "medicare",
    "release",
    "locality_priced",
    "note",
    # The note parts of a row set in one site (office, hospital, ASC, a facility) that speak only of the comparison
    # columns of the other sites (comparison_pieces): apart, not to bury the row's own. Blank without a site.
    "comparison_note",
    "error",
    "error_kind",
    "scenario",
    "contract_amount",
    "expected",
    "variance",
    "site",
    "opps_release",  # the OPPS quarter of opps_rate (the single lookup's opps_release); blank without a rate
    "asc_release",  # the ASC quarter of asc_rate
    # The professional (or supplier's) claim in the row's setting: the office's amounts, or at a hospital, an ASC or
    # any facility the PFS facility amount alone; without the facility's own payment, which is billed on its claim.
    "professional_allowed",
    "professional_beneficiary",
    "professional_medicare",
    # The paid column's amount as rvucalc read it ('$1,217.83', '(76.09)', '129.83-'), a number: blank where the cell
    # holds no amount (blank, DENIED ...). Named apart from every paid column's name (batch.columns: paid, payment ...).
    "paid_as_read",
    # An anesthesia line's units and the anesthesia CF that priced it (text), as the single lookup's pfs.anesthesia
    # (BatchPricer's _anesthesia_columns); blank on other lines. Last: the columns before them kept.
    "anesthesia_base_units",
    "anesthesia_time_units",
    "anesthesia_conversion_factor",
)
ANESTHESIA_COLUMNS = ("anesthesia_base_units", "anesthesia_time_units", "anesthesia_conversion_factor")
SITES = ("office", "hopd", "asc")
# Lines.pfs_status: a row's PFS status as the status T rule reads it (engine.policy.status_t_bundled)
NO_STATUS_T_PART, STATUS_T_LINE, PAYABLE_BESIDE_T = 0, 1, 2
TEXT_COLUMNS = ("release", "locality_priced", "note", "comparison_note", "error", "error_kind", "scenario", "site",
                "opps_release", "asc_release", *ANESTHESIA_COLUMNS)  # fmt: skip
SITE_NAMES = ("", "office", "hopd", "asc", "facility")  # lines.site ids: the place a row's allowed amount is for
MONEY_COLUMNS = tuple(name for name in OUTPUT_COLUMNS if name not in TEXT_COLUMNS)
# The columns of a row's own PFS facility amount, blank where it holds its professional component's (Lines.component).
COMPONENT_HIDDEN = frozenset({"pfs_facility_amount", "pfs_facility_limiting_charge"})
KINDS: tuple[str, ...] = ("", *(kind.value for kind in ErrorKind))  # error_kind ids; 0: no error
MAX_UNITS = 1_000_000  # keeps cents x units exact in 64-bit integers
NATIONAL = "0000000"
# A row's note is the single lookup's explanation of the line (``batch.price``'s docstring says exactly what):
# its parts are added to named slots in any order and joined at the end in the single lookup's order.
NOTE_SLOTS = (
    # PriceResult.warnings, in the order the single lookup raises them
    "blank_place",  # batch only: a file with a place column, and no ZIP or locality on this line (national)
    "release",  # the PFS release in force on the date is not installed (batch: or the line has no date)
    "zip_split",  # a locality cell read from part of its name, or beside a ZIP of another locality
    "zip4",  # the ZIP is split between localities by ZIP+4 (not on a lab's, drug's or DME item's row)
    "place",  # no wage index for the ZIP (facility rates national), or a locality gives no CBSA
    "quarter",  # the OPPS/ASC quarter in force is not installed
    "schedules",  # the CLFS/ASP/DMEPOS quarter in force is not installed
    # PriceResult.notes, less the run's notes (run_notes)
    "line",  # the modifiers' and payment rules' notes (status T, informational modifiers, 79, 51 ...)
    "claim",  # batch only: what the claim's encounter rules did (batch.claims); no single-line lookup has it
    "preventive",  # a preventive service's waived deductible and coinsurance
    "other_schedule",  # nothing installed pays the code: the schedule that pays codes like it
    "setting",  # the place of service
    "units",  # units of a bilateral code without 50: not how CMS pays them (lookup.pricer.bilateral_units_note)
    "paid_from",  # a lab's, drug's or DME item's schedule pays it, not the PFS (engine.meanings.paid_from_note)
    "county",  # the ZIP spans counties: the one whose wage index is used
    "imaging_cap",  # national amounts are not capped by the OPPS imaging cap
    "schedule",  # the notes of the CLFS, ASP or DMEPOS amounts (a drug's coinsurance, DMEPOS non-rural fee, KJ)
    "adjustments",  # the payment rules that changed the line's PFS amounts (its adjustments' rules: 80 16%, cap ...)
    # the rules its modifiers cut the line's hospital (OPPS) and ASC rates by (73 50%, PN/PO 40% ...), as the single
    # lookup's opps.adjustments and asc.adjustments (batch.price._facility_rule_notes)
    "facility_adjustments",
    # why amounts are blank: the PFS settings' reasons, then the row's facility setting's
    "pfs_reason",
    "site_reason",
    "blank_setting",  # batch only: a file with a setting column, and none on this line: no allowed amount
    "paid",  # batch only: a paid amount that has nothing to be compared with
    "minutes",  # batch only: a minutes cell on a code outside anesthesia, not read (therapy or visit time)
    "provider",  # batch only: a provider cell that names no practitioner, priced as the run's --provider
    "input",  # batch only: an input cell not read that prices nothing (a workbook's formula with no saved value)
)


# comparison_note: a row set in one site is paid that site's amount alone, the office (non-facility) PFS amount in the
# office and the facility one at a hospital, an ASC or any other facility place (Pub. 100-04 ch. 12 §20.4.2, "Site of
# Service Payment Differential"; engine.place_of_service); its other sites' columns (office_*, hopd_*, asc_*, and the
# PFS amount of the setting its site is not paid) are a comparison. A note part that speaks of those alone goes to
# comparison_note: the parts labelled "not this row's site" where they are made (batch.claims.OPPS_ELSEWHERE,
# ASC_ELSEWHERE, PFS_OFFICE_ONLY, PFS_FACILITY_ONLY; batch.price.FACILITY_COMPARISON_ONLY; lookup.lines.
# COMPONENT_COMPARISON_ONLY), and the PFS reason of the setting the row's site is not paid (engine.pfs.
# not_priced_reason: NON_FACILITY_NA_REASON at a facility, a facility reason in the office). Classification sites
# (``Lines.site``'s ids, and one of its own): a hospital row paid the office's amounts (outpatient therapy,
# engine.hopd_therapy) keeps both PFS reasons.
HOPD_PAID_AS_OFFICE = len(SITE_NAMES)
# A row set at a facility place whose PFS facility setting is not payable there while the MAC prices its office
# (non-facility) setting (R0070, R0075 at a SNF or for a hospital inpatient:
# engine.modifiers.portable_xray_not_payable_reason): the MAC's reason
# (engine.pfs.CONTRACTOR_PRICED_REASON) is the office_* comparison's, as the single lookup's non-facility reason.
FACILITY_OFFICE_MAC_PRICED = len(SITE_NAMES) + 1
# The same at the hospital outpatient site (R0070, R0075 at POS 19, 22, 23, hopd, a type of bill 13x): the MAC's reason
# the office_* comparison's, the row's other parts as a hospital row's (its OPPS quarter's warning its own).
HOPD_OFFICE_MAC_PRICED = len(SITE_NAMES) + 2
# And at the ASC (R0070, R0075 at POS 24, asc: engine.modifiers.PORTABLE_XRAY_AT_ASC_REASON), its other parts as an ASC
# row's.
ASC_OFFICE_MAC_PRICED = len(SITE_NAMES) + 3
# A facility schedule's quarter (or year's release) not installed for the row's date (reference.releases.in_force's
# warnings): on a row set elsewhere than that facility, about its hopd_* or asc_* comparison columns alone (an OB/GYN
# trial's office visits, a neurology trial's: every 2025 office row said the OPPS Addendum B quarter was missing).
_QUARTER_WARNINGS = {
    site: tuple(f"CMS's {DATASET_LABELS[dataset]} {words}" for words in ("quarterly release for", "release in force"))
    for site, dataset in (("hopd", "opps"), ("asc", "asc"))
}
FACILITY_REASON_PREFIX = "Not priced in the facility setting"  # every facility reason of engine.pfs.not_priced_reason
_CLASSIFIED_SITES = 16  # a (text id, site) pair's key: id * 16 + site (the sites above: 0-8)
# A partition's own texts (Texts): batch.encounter_arrays.ENCOUNTER's notes, what a claim's lines did to one another
PARTITION_TEXT_PREFIX = "Claim encounter"


@functools.cache  # constants, imported once, not per call of comparison_pieces (per distinct note part and site)
def _comparison_markers() -> tuple[tuple[str, ...], str]:
    """The prefixes of the note parts labelled another site's comparison, and the claim notes' prefix (imported here:
    batch.claims and batch.price import this module)."""
    from rvucalc.batch.claims import ASC_ELSEWHERE, OPPS_ELSEWHERE, PFS_FACILITY_ONLY, PFS_OFFICE_ONLY
    from rvucalc.batch.encounter_arrays import ENCOUNTER
    from rvucalc.batch.price import FACILITY_COMPARISON_ONLY
    from rvucalc.lookup.lines import COMPONENT_COMPARISON_ONLY, PROFESSIONAL_COMPONENT_AT

    labelled = (OPPS_ELSEWHERE, ASC_ELSEWHERE, PFS_OFFICE_ONLY, PFS_FACILITY_ONLY, FACILITY_COMPARISON_ONLY,
                PROFESSIONAL_COMPONENT_AT + COMPONENT_COMPARISON_ONLY)  # fmt: skip
    return labelled, ENCOUNTER


@functools.cache  # per site (a few): made per call, it was ~1% of a realistic run's CPU (comparison_pieces)
def _facility_quarters(site: int) -> tuple[str, ...]:
    """The facility quarters' warnings (``_QUARTER_WARNINGS``) about another site's comparison than ``site``'s."""
    at = {HOPD_OFFICE_MAC_PRICED: SITE_NAMES.index("hopd"), ASC_OFFICE_MAC_PRICED: SITE_NAMES.index("asc")}.get(
        site, site
    )
    return tuple(
        prefix for name, prefixes in _QUARTER_WARNINGS.items() if at not in (0, SITE_NAMES.index(name))
        for prefix in prefixes
    )  # fmt: skip


def comparison_pieces(text: str, site: int) -> tuple[str, str]:
    """A note part of a row at ``site`` (a SITE_NAMES id, or HOPD_PAID_AS_OFFICE, FACILITY_OFFICE_MAC_PRICED,
    HOPD_OFFICE_MAC_PRICED, ASC_OFFICE_MAC_PRICED) as (the row's own, the comparison columns' alone:
    ``comparison_note``), each '' where it has none. A claim's encounter notes are one part, '; '-joined
    (batch.claims.price_claims): each of them, begun by ENCOUNTER, is classed apart; any other '; ' is inside one."""
    from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON, NON_FACILITY_NA_REASON

    labelled, encounter = _comparison_markers()
    groups: list[str] = []
    for piece in text.split("; "):
        if groups and not piece.startswith(encounter):
            groups[-1] += "; " + piece
        else:
            groups.append(piece)
    office = SITE_NAMES.index("office")
    own: list[str] = []
    other: list[str] = []
    facility_quarters = _facility_quarters(site)
    for group in groups:
        elsewhere = (
            group.startswith(labelled)
            or (facility_quarters and group.startswith(facility_quarters))
            or (
                (site == office and group.startswith(FACILITY_REASON_PREFIX))
                or (site not in (office, HOPD_PAID_AS_OFFICE) and group.startswith(NON_FACILITY_NA_REASON))
                or (
                    site in (FACILITY_OFFICE_MAC_PRICED, HOPD_OFFICE_MAC_PRICED, ASC_OFFICE_MAC_PRICED)
                    and group.startswith(CONTRACTOR_PRICED_REASON)
                )
            )
        )
        (other if elsewhere else own).append(group)
    return "; ".join(own), "; ".join(other)


RUN_NOTES_KEY = b"rvucalc.run_notes"  # a priced table's schema metadata: its run notes, as a JSON list
# An input partition's schema metadata: its rows whose claim was met before, apart from them (little-endian int64s)
CLAIM_APART_KEY = b"rvucalc.claim_apart"
# A priced table's schema metadata: how many of its rows were priced with a release not in force on their date
ANOTHER_RELEASE_KEY = b"rvucalc.another_release"
# Rows whose hospital or ASC amount is at the national rate for want of one wage index for their place: counted.
FACILITY_NATIONAL_KEY = b"rvucalc.facility_national"
# Rows at the hospital or ASC whose rate is not priced because CMS's file gives their place several wage indexes and
# none was given (engine.wage_choices): counted.
FACILITY_WAGE_CHOICE_KEY = b"rvucalc.facility_wage_choice"
# Hospital rows of a bilateral procedure (50) whose OPPS amount is one side's, the bilateral payment not applied
# (engine.facility.OPPS_BILATERAL_SITE_REASON): counted.
OPPS_ONE_SIDE_KEY = b"rvucalc.opps_one_side"
# Rows priced nationally for want of a ZIP or locality (BatchPricer._national): counted.
NATIONAL_KEY = b"rvucalc.national"
# Hospital outpatient and ASC own-bill lines with a revenue code and no HCPCS code (Lines.revenue_code_lines),
# packaged: counted.
REVENUE_CODE_ONLY_KEY = b"rvucalc.revenue_code_only"
# Rows whose facility's own type of bill (13x, 83x) is beside a POS (Lines.bill_beside): counted by word, a JSON object
# ('own' -> rows read as the bill, 'other' -> rows read by the POS), for the stderr summary.
BILL_BESIDE_KEY = b"rvucalc.bill_beside"
# A priced table's schema metadata: its rows out of their claim's totals (Lines.reversed), little-endian int64s.
REVERSED_KEY = b"rvucalc.reversed"
# Rows whose provider cell names no practitioner (provider_of), priced as the run's --provider with a note: counted.
UNREAD_PROVIDER_KEY = b"rvucalc.unread_provider"
# Of them, the rows whose cell names staff who bill under no number of their own (a nurse, technologist, technician,
# athletic trainer, surgical technologist: credentials.facility_staff_cell): counted apart, for the stderr summary.
STAFF_PROVIDER_KEY = b"rvucalc.staff_provider"
# Rows priced without an error whose provider cell is blank and whose practitioner's name ends in a credential read
# there (Lines.provider_from_name: their note says so), and those whose name says none either (Lines.blank_provider:
# priced as the run's --provider, a physician's line unless given): counted, for the stderr summary. A priced table
# has them only where its input has a provider column.
PROVIDER_FROM_NAME_KEY = b"rvucalc.provider_from_name"
BLANK_PROVIDER_KEY = b"rvucalc.blank_provider"
# A priced table's schema metadata: its rows without an error whose paid cell is no amount ('12..5': Lines.unread_paid,
# priced and not compared), little-endian int64s: counted, the first named (a review found the summary silent on them).
UNREAD_PAID_KEY = b"rvucalc.unread_paid"
# Rows set at the hospital or ASC whose facility file for the year is not installed (Lines.facility_missing), so their
# site has no amount: counted per file and year, a JSON object ('CY2026 OPPS' -> rows).
FACILITY_MISSING_KEY = b"rvucalc.facility_not_installed"
# Of those rows, the ones whose practitioner's fee (professional_allowed) is priced: a JSON object ('CY2026 OPPS' ->
# rows), for the stderr line that says their site has none (BatchSummary.not_installed_lines).
FACILITY_MISSING_PROFESSIONAL_KEY = b"rvucalc.facility_not_installed_professional"
# Rows whose lab, drug or DME item has no amount because the CMS file for its year or quarter is not installed
# (Lines.schedule_missing), and no allowed amount: counted per file, a JSON object ('CY2025 ASP' -> rows).
SCHEDULE_MISSING_KEY = b"rvucalc.schedule_not_installed"
# The rows of those two counts per year of service (SERVICE_YEAR_KEY's, '0' undated) and kind: a JSON object ('2026' ->
# 'facility_not_installed' -> 'CY2026 OPPS' -> rows), for --summary's totals_by_year and the stderr by-year clause.
NOT_PRICED_BY_YEAR_KEY = b"rvucalc.not_priced_by_year"
# A priced table's schema metadata: per row, whether a count of its own says why it has no allowed amount in its
# setting (FACILITY_WAGE_CHOICE_KEY, FACILITY_MISSING_KEY, SCHEDULE_MISSING_KEY's rows), np.packbits of the flags;
# absent when no row is: the summary's no_amount_in_setting counts the other such rows (BatchSummary.count_no_amount).
COUNTED_UNPRICED_KEY = b"rvucalc.counted_unpriced"
# Rows whose paid amount the default --paid-for compared with their own claim's amount, the line saying whose claim it
# is (BatchPricer._paid_for_by_line): a JSON object, 'professional' and 'facility' -> rows.
PAID_BY_LINE_KEY = b"rvucalc.paid_for_by_line"
# A priced table's schema metadata: per row, whether its note says each of MARKED_NOTES, in their order (np.packbits
# of the rows' flags, one note's after the other): found from the notes' text ids (Lines.rows_noting), as searching a
# million rows' joined notes (~500 MB, nearly every row's distinct) took seconds.
MARKED_KEY = b"rvucalc.marked"
# The words that mark a row in its note (each from the one place that says them): a line the PFS bundles (engine.pfs.
# status_reason of status B), a priced line ranked with one the MAC prices (engine.facility.mac_ranked_note), and a
# line repeating an earlier one of its claim (engine.duplicates.DUPLICATE_NOTE: --summary's duplicate_lines).
BUNDLED_NOTE = status_reason("B", False) or ""
MAC_RANKED_NOTE = mac_ranked_note(["\x00"]).partition("\x00")[0]
# And a line Medicare returns as unprocessable, priced as billed (engine.modifiers.therapy_plan_notes: an always-therapy
# code without GP/GO/GN, an evaluation with another discipline's modifier, CR 10176; engine.schedules.esa_purpose_note:
# a non-ESRD ESA without EA/EB/EC, CR 5699; engine.modifiers.tavr_without_q0_notes: a TAVR line without Q0, MM8255):
# counted, as a trial's were not.
UNPROCESSABLE_NOTE = " as unprocessable"
MARKED_NOTES = (BUNDLED_NOTE, MAC_RANKED_NOTE, DUPLICATE_NOTE, UNPROCESSABLE_NOTE)
# A priced table's schema metadata: per row, whether its note says an RHC or FQHC bills it at its own rate
# (engine.place_of_service.CLINIC_BILLED_CLAUSES: a clinic visit, venipuncture in it), np.packbits of the rows' flags:
# in no total (batch.files.in_totals). A table without it has its notes searched.
CLINIC_BILLED_KEY = b"rvucalc.clinic_billed"
# A priced table's schema metadata: per row, whether its setting is a hospital's or ASC's own type of bill (13x, 83x:
# Lines.facility_bill), np.packbits of the flags; absent when no row's is. The stderr summary says no practitioners'
# claims' total for a run of facility bills alone.
FACILITY_BILL_KEY = b"rvucalc.facility_bill"
# A priced table's schema metadata: per row, whether it is a practice's line at the ASC beside the ASC's own billing
# provider rows, not compared with --paid-for facility (Lines.practice_claim), np.packbits of the flags; absent when no
# row's is. --summary's facility_claims leaves them out.
PRACTICE_CLAIM_KEY = b"rvucalc.practice_claim"
# A priced table's schema metadata: how many of its claims (a claim id's adjacent rows) held a facility's own bill's
# lines and a practitioner's, each priced as a claim of its own (batch.claims.billing_entities): counted.
TWO_ENTITY_CLAIMS_KEY = b"rvucalc.two_entity_claims"
# A priced table's schema metadata: per row of a claim those cut (batch.claims.cut_claim_entities), its billing entity
# plus one (1 a practitioner's, 2 a facility's own bill, 3 a DMEPOS supplier's, 4 an independent lab's), 0 every other
# row, as int8s; absent when no claim was cut. --summary's claims are then per claim id and billing entity
# (batch.claim_totals.entity_claim).
BILLING_ENTITY_KEY = b"rvucalc.billing_entity"
# A priced table's schema metadata: per row, the calendar year of its date of service (the year cell's where a row has
# no date; 0, undated, where it has neither: a blank date is priced as of today), little-endian int16s: --summary's
# totals_by_year. The date's year, not the release's: a 2025 date priced with a fallback release is still 2025.
SERVICE_YEAR_KEY = b"rvucalc.service_year"


def run_notes(year: int) -> tuple[str, ...]:
    """The single lookup's notes that are the same for every line priced with a year's release: batch leaves
    them off the rows and says them once for the run (``run_notes_of``: the stderr summary, ``--summary``).
    The other such note, sequestration's (``--sequestration``), is the run's too (``BatchPricer._price_table``)."""
    return tuple(note for note in (deductible_note(year),) if note)


def run_notes_of(priced: pa.Table) -> list[str]:
    """The run notes of a table ``BatchPricer.price_table`` returned (kept through Arrow IPC, as Dask sends it)."""
    import json

    metadata = priced.schema.metadata or {}
    return list(json.loads(metadata[RUN_NOTES_KEY])) if RUN_NOTES_KEY in metadata else []


# A charge cell that is no amount ('abc', '12..5') or a negative one (a reversal's, whose line is compared with
# nothing): the row is priced, and its charge not compared with the fee schedule amount (the paid slot's note).
CHARGE_NOT_READ = "Charge {cell!r} not compared with the fee schedule amount: {why}."


def _charges(lines: Lines, ids: np.ndarray, values: list[str], parsed: list[tuple[int | None, str | None]]) -> None:
    """The charge column's cells (per distinct cell ``values``, its rows' ``ids``; ``parsed``: ``parse_paid``'s) as
    ``lines.charge`` and ``charge_given``; a cell that is no amount, or a negative one, said on its rows."""
    import numpy as np

    cents = np.array([amount or 0 for amount, _ in parsed], dtype=np.int64)
    given = np.array([amount is not None and amount >= 0 for amount, _ in parsed], dtype=bool)
    lines.charge, lines.charge_given = cents[ids], given[ids]
    why = []
    for amount, problem in parsed:
        negative = amount is not None and amount < 0
        why.append("it is no amount (write it as 123.45)" if problem else
                   "a negative charge is a reversal's (a charge taken back)" if negative else "")  # fmt: skip
    if any(why):
        # (the cell's own '; ' would split the note: notes are joined with it)
        notes = lines.texts.ids(CHARGE_NOT_READ.format(cell=value.strip().replace("; ", ", "), why=reason)
                                if reason else ""
                                for value, reason in zip(values, why, strict=True))[ids]  # fmt: skip
        said = np.flatnonzero(notes)
        lines.add_note("paid", said, notes[said])


def normalize_columns(columns: Iterable[Any]) -> dict[int, str]:
    """Input column position -> our name, case-insensitively (the first of each); ``code`` is required."""
    mapping: dict[int, str] = {}
    names = [str(name) for name in columns]
    for position, name in enumerate(names):
        key = name.strip().lower()
        if key in INPUT_COLUMNS and key not in mapping.values():
            mapping[position] = key
    if "code" not in mapping.values():
        raise UsageError(f"The input has no 'code' column (columns: {', '.join(names)}).")
    return mapping


class Texts:
    """Interned text: rows hold int32 ids; id 0 is ''. A note is kept as its parts too, so that joining
    two notes says each part once (as the single lookup's warnings and notes do).

    A claim's encounter notes (``PARTITION_TEXT_PREFIX``: their dollar amounts and line numbers are the claim's)
    are the partition's own: once ``partition`` is set (``BatchPricer``), each is kept only until every partition
    that used it is built (``drop_partition_texts``), where a run's texts grew with the file (a realistic ten
    million lines: ~24,000 a million lines, a quarter of them such notes, ~0.5 kB each with their parts and ids).
    An id is never given again: a dropped one's text is ''."""

    def __init__(self) -> None:
        self.values = [""]
        self.parts: list[tuple[str, ...]] = [()]
        self._ids = {"": 0}
        self._part_of: dict[str, int] = {}
        self._part_count = 0  # part ids given (a dropped text's parts may leave _part_of: ids are not given again)
        # The partition being priced (-1: none, its texts are kept) and, per partition text's id, the last
        # partition that used it
        self.partition = -1
        self._scratch: dict[int, int] = {}
        self._dropped_parts: list[str] = []  # dropped texts' parts still in _part_of
        # Per text searched: per text id whether it holds it (room for more), and how many texts it has looked at
        self._containing: dict[str, tuple[np.ndarray, int]] = {}
        self._joined: tuple[int, int, str] = (0, 0, "")  # the last block of texts containing joined (_joined_block)
        # part_ids' arrays, with room for more (grown as texts are added, not made again per partition), and how
        # many texts and part ids they hold
        self._part_arrays: tuple[np.ndarray, np.ndarray, np.ndarray] = ()  # type: ignore[assignment]
        self._part_sizes = (0, 0)
        # Per (text id, site) key (id * _CLASSIFIED_SITES + site): its ids in note and in comparison_note (split_ids)
        self._split: dict[int, tuple[int, int]] = {}

    def id(self, text: str | None) -> int:
        text = text or ""
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.values)
            self.values.append(text)
            self.parts.append((text,))
            if self.partition >= 0 and text.startswith(PARTITION_TEXT_PREFIX):
                self._scratch[found] = self.partition
        elif self._scratch and found in self._scratch:
            self._scratch[found] = self.partition
        return found

    def id_of(self, parts: Iterable[str]) -> int:
        """The id of the parts (each once, blanks dropped) joined with '; '."""
        unique = tuple(dict.fromkeys(part for part in parts if part))
        if len(unique) < 2:
            return self.id(unique[0] if unique else "")
        text = "; ".join(unique)
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = len(self.values)
            self.values.append(text)
            self.parts.append(unique)
            if self.partition >= 0 and text.startswith(PARTITION_TEXT_PREFIX):
                self._scratch[found] = self.partition
        elif self._scratch and found in self._scratch:
            self._scratch[found] = self.partition
        return found

    def ids(self, texts: Iterable[str | tuple[str, ...] | None]) -> np.ndarray:
        """Per text (or tuple of parts): its id."""
        import numpy as np

        known, found = self._ids, []
        for text in texts:  # a loop of its own, the texts met before looked up inline: ~1,700 calls at 1M lines
            if isinstance(text, tuple):
                found.append(self.id_of(text))
            else:
                number = known.get(text or "")
                found.append(self.id(text) if number is None else number)
        if self._scratch:  # partition texts met again: used by this partition too
            scratch, partition = self._scratch, self.partition
            for number in found:
                if number in scratch:
                    scratch[number] = partition
        return np.array(found, dtype=np.int32)

    @property
    def kept(self) -> int:
        """How many texts are held (the ids given less those dropped: drop_partition_texts)."""
        return len(self._ids)

    def drop_partition_texts(self, before: int) -> None:
        """Forget the partition texts that no partition from ``before`` on has used (the caller's partitions before
        it are built): their ids are not given again, and a text met again is a new one."""
        import numpy as np

        gone = [number for number, last in self._scratch.items() if last < before]
        if not gone:
            return
        scratch, ids, split, values, parts = self._scratch, self._ids, self._split, self.values, self.parts
        indexed = self._part_sizes[0]
        lengths = self._part_arrays[1] if self._part_arrays else None
        for number in gone:
            del scratch[number]
            del ids[values[number]]
            self._dropped_parts.extend(parts[number])
            values[number], parts[number] = "", ()
            for site in range(_CLASSIFIED_SITES):
                split.pop(number * _CLASSIFIED_SITES + site, None)
            if lengths is not None and number < indexed:
                lengths[number] = 0  # none of its parts is in use (_forget_parts)
        if len(self._dropped_parts) > 4096:
            self._forget_parts(np)

    def _forget_parts(self, np: Any) -> None:
        """Drop the dropped texts' parts that no indexed text (part_ids) still has from ``_part_of``."""
        part_of, dropped = self._part_of, self._dropped_parts
        self._dropped_parts = []
        count, _ = self._part_sizes
        used = np.zeros(self._part_count, dtype=bool)
        if self._part_arrays:
            starts, lengths, flat = self._part_arrays
            starts, lengths = starts[:count], lengths[:count]
            used[flat[np.repeat(starts, lengths) + _ranges(lengths)]] = True
        for part in dropped:
            number = part_of.get(part)
            if number is not None and not used[number]:
                del part_of[part]

    def per_value(self, keys: np.ndarray, text_of: Any) -> np.ndarray:
        """Per row: the id of ``text_of(key)``, computed once per distinct key."""
        import numpy as np

        distinct, inverse = np.unique(keys, return_inverse=True)
        return self.ids(text_of(key) for key in distinct.tolist())[inverse.reshape(-1)]

    def containing(self, text: str) -> np.ndarray:
        """Per text id: whether its text holds ``text`` (kept, and extended as texts are added)."""
        import numpy as np

        found, done = self._containing.get(text, (np.zeros(0, dtype=bool), 0))
        count = len(self.values)
        if done < count:  # only the texts added since: a copy of every text's flag per call was ~1% of a run
            more = np.zeros(count - done, dtype=bool)
            # Most texts searched are in none of the texts: a search of a block of them joined (a text in none of them
            # is in the join neither) says so, where a look in each, per text searched, was ~2% of a realistic run's
            # CPU; blocks of 2,048 texts (~1 MB), not all the run's texts (a first search) joined at once
            for start in range(done, count, 2048):
                block = self.values[start : min(start + 2048, count)]
                if text in self._joined_block(start, start + len(block), block):
                    more[start - done : start - done + len(block)] = [text in value for value in block]
            if count > len(found):
                grown = np.zeros(max(count, 2 * len(found)), dtype=bool)
                grown[:done] = found[:done]
                found = grown
            found[done:count] = more
            self._containing[text] = (found, count)
        # The texts so far: those added later are written past them (each text's flag is the same whoever writes it).
        held: np.ndarray = found[:count]
        held.flags.writeable = False
        return held

    def _joined_block(self, start: int, stop: int, block: list[str]) -> str:
        """The texts from ``start`` to ``stop`` joined (``block``), kept for the next search of the same texts (a
        partition searches them for ~30 texts; a text dropped since reads as before: a search then looks in each)."""
        kept = self._joined
        if kept[0] != start or kept[1] != stop:
            kept = self._joined = (start, stop, "\0".join(block))
        return kept[2]

    def split_ids(self, keys: list[int]) -> np.ndarray:
        """Per (text id, site) key (id * _CLASSIFIED_SITES + site): the ids of its parts in the row's own note and in
        its comparison_note (``comparison_pieces``; 0: none), as an (n, 2) array; each key classified once a run."""
        import numpy as np

        found, scratch = self._split, self._scratch
        for key in keys:
            if key not in found:
                number, site = divmod(key, _CLASSIFIED_SITES)
                pieces = [comparison_pieces(part, site) for part in self.parts[number]]
                if not any(other for _, other in pieces):
                    found[key] = (number, 0)
                else:
                    found[key] = (self.id_of(own for own, _ in pieces), self.id_of(other for _, other in pieces))
            if scratch:
                # Its parts are used by this partition too; a kept text's (its entry is kept) are kept for good.
                kept = key // _CLASSIFIED_SITES not in scratch
                for number in found[key]:
                    if number in scratch:
                        if kept:
                            del scratch[number]
                        else:
                            scratch[number] = self.partition
        return np.array([found[key] for key in keys], dtype=np.int32).reshape(-1, 2)

    def part_ids(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every text's parts as ids (one id per distinct part): per text its start and count in the flat
        array of part ids (kept, and extended as texts are added)."""
        import numpy as np

        done, flat_done = self._part_sizes
        added = self.parts[done:]
        if added or not self._part_arrays:
            part_of = self._part_of

            def part_id(part: str) -> int:
                found = part_of.get(part)
                if found is None:
                    found = part_of[part] = self._part_count
                    self._part_count += 1
                return found

            counts = np.fromiter(map(len, added), dtype=np.int64, count=len(added))
            more = np.fromiter((part_id(part) for parts in added for part in parts),
                               dtype=np.int64, count=int(counts.sum()))  # fmt: skip
            count, flat_count = done + len(added), flat_done + len(more)
            starts, lengths, flat = self._part_arrays or (np.zeros(0, dtype=np.int64),) * 3
            if count > len(starts):
                starts, lengths = (_grown(values, done, count) for values in (starts, lengths))
            if flat_count > len(flat):
                flat = _grown(flat, flat_done, flat_count)
            starts[done:count] = flat_done + np.cumsum(counts) - counts
            lengths[done:count] = counts
            flat[flat_done:flat_count] = more
            self._part_arrays, self._part_sizes = (starts, lengths, flat), (count, flat_count)
        starts, lengths, flat = self._part_arrays
        count, flat_count = self._part_sizes
        return starts[:count], lengths[:count], flat[:flat_count]

    def column(self, ids: np.ndarray) -> pa.Array:
        """The rows' texts as a dictionary column (the distinct texts the rows use, stored once: not every
        text interned on the way, such as the notes' partial joins, in each of the five text columns)."""
        import numpy as np
        import pyarrow as pa

        used, inverse = ids_and_inverse(ids)
        values = [self.values[i] for i in used.tolist()]
        return pa.DictionaryArray.from_arrays(int32_array(inverse.astype(np.int32)), string_array(values))


@dataclass(slots=True)
class _Code:
    """A distinct (code, modifier) cell pair, parsed as single lookups parse ``CODE-MOD --modifier MOD``."""

    text: str  # the code cell, e.g. '27447-50'
    modifier_text: str  # the modifier cell
    code: str
    error: str = ""
    kind: int = 0  # into KINDS
    modifiers: tuple[str, ...] = ()  # parse_line's, when it parsed
    paying: tuple[str, ...] = ()  # the modifiers less the informational ones: they choose CMS's row
    number: int = -1  # the cell's number in the run (batch.cells: each release's facts of it)
    code_number: int = -1  # its code's number in the run (the facts that depend on the code alone)
    # Who bills it (lookup.lines.PROVIDERS: the provider column's cell, read by provider_of, or the run's
    # --provider): part of the cell, so that its rules, factors, notes and assignment are the single lookup's with
    # that --provider.
    provider: str = "physician"
    # The modifiers as written, without the provider's (lookup.lines.provider_modifiers: a csw's AJ): a code the PFS
    # does not list (a DME item, a drug) is priced with these, as the single lookup's lookup.lines.outside_pfs is.
    written: tuple[str, ...] = ()


class _Reading:
    """A parsed cell as a test reads it: the attributes read are noted (``CodeCells._tested_alike``)."""

    __slots__ = ("_cell", "read")

    def __init__(self, cell: _Code) -> None:
        self._cell = cell
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._cell, name)


# A cell's key holds its practitioner's position in PROVIDERS in its low bits: 4 hold the 9 there are (3 held 8; the
# ninth, cnm, widened them). The modifier text's number sits above them, below the code's (<< 32): 28 bits, far more
# distinct texts than a run holds.
PROVIDER_BITS = 4
assert len(PROVIDERS) <= 1 << PROVIDER_BITS, "widen PROVIDER_BITS: a cell's key holds its practitioner in them"


class CodeCells:
    """The run's distinct (code, modifier, provider) cells, numbered in the order first met and parsed once. A
    partition finds its cells on arrays: each distinct code and modifier text gets a number once, and a
    cell is the pair of those numbers with the provider's (``PROVIDERS``; sorted, for ``np.searchsorted``)."""

    def __init__(self) -> None:
        import numpy as np

        self.parsed: list[_Code] = []  # by cell number
        self.code_numbers: dict[str, int] = {}  # the cells' codes (as parsed): the run's numbers
        self._text_ids: dict[str, int] = {}
        self._keys = np.zeros(0, dtype=np.int64)  # the cells' pairs of text numbers, sorted
        self._numbers = np.zeros(0, dtype=np.int64)  # their cell numbers
        self._code_number = np.zeros(0, dtype=np.int64)  # per cell number: its code's number
        # name -> per cell number a test of the parsed cell (1 true, 0 false, -1 not tested yet), made once while the
        # numbers last (a new CodeCells numbers the cells again: BatchPricer._forget_if_large)
        self._tests: dict[str, np.ndarray] = {}
        self._reads: dict[str, set[str]] = {}  # name -> the attributes its test has read (_tested_alike)
        # attribute -> (value -> id, per cell number its value's id): _groups
        self._attributes: dict[str, tuple[dict[Any, int], np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.parsed)

    def find(self, code_values: list[str], modifier_values: list[str], pairs: np.ndarray) -> np.ndarray:
        """The cell numbers of ``pairs`` ((code position * len(modifier_values) + modifier position) * len(PROVIDERS)
        + the provider's position in PROVIDERS), parsing (``_parse_code``) and numbering the cells not met before."""
        import numpy as np

        ids, width = self._text_ids, len(modifier_values)
        code_ids = np.fromiter((ids.setdefault(v, len(ids)) for v in code_values), np.int64, len(code_values))
        modifier_ids = np.fromiter((ids.setdefault(v, len(ids)) for v in modifier_values), np.int64, width)
        providers = pairs % len(PROVIDERS)
        pairs = pairs // len(PROVIDERS)
        keys = (code_ids[pairs // width] << 32) | (modifier_ids[pairs % width] << PROVIDER_BITS) | providers
        numbers = np.full(len(keys), -1, dtype=np.int64)
        if len(self._keys):
            at = np.minimum(np.searchsorted(self._keys, keys), len(self._keys) - 1)
            hit = self._keys[at] == keys
            numbers[hit] = self._numbers[at[hit]]
        new = np.flatnonzero(numbers < 0)
        if new.size:
            codes = []
            for i in new.tolist():
                pair = int(pairs[i])
                parsed = _parse_code(code_values[pair // width], modifier_values[pair % width],
                                     PROVIDERS[int(providers[i])])  # fmt: skip
                parsed.number = numbers[i] = len(self.parsed)
                parsed.code_number = self.code_numbers.setdefault(parsed.code, len(self.code_numbers))
                self.parsed.append(parsed)
                codes.append(parsed.code_number)
            self._keys, self._numbers = merge_sorted(self._keys, self._numbers, keys[new], numbers[new])
            self._code_number = np.concatenate([self._code_number, np.array(codes, dtype=np.int64)])
        return numbers

    def tested(self, name: str, test: Callable[[_Code], bool], numbers: np.ndarray) -> np.ndarray:
        """Per cell number of ``numbers``, ``test`` of its parsed cell, each cell tested once (Python per new cell
        alone: the claims' and visits' tests of every partition's distinct cells cost ~2 s at 1M lines), and called
        once per group of new cells alike in what it reads (``_tested_alike``)."""
        import numpy as np

        values = self._tests.get(name)
        if values is None or len(values) < len(self.parsed):
            had = 0 if values is None else len(values)
            grown = np.full(max(len(self.parsed), 2 * had), -1, dtype=np.int8)
            if values is not None:
                grown[:had] = values
            values = self._tests[name] = grown
        found = values[numbers]
        untested = found < 0
        if untested.any():
            # Marked, not np.unique: its sort of every partition's new cells, for each of ~60 flags, was ~1 s at 1M.
            marked = np.zeros(len(values), dtype=bool)
            marked[numbers[untested]] = True
            new = np.flatnonzero(marked)
            values[new] = self._tested_alike(name, test, new)
            found = values[numbers]
        # 0 or 1 now: the flags as booleans without a copy
        flags: np.ndarray = found.view(bool)
        return flags

    def _tested_alike(self, name: str, test: Callable[[_Code], bool], new: np.ndarray) -> np.ndarray:
        """``test`` of each cell of ``new``, called once per group of cells equal in every attribute it read.

        A realistic run's cells are its codes with ~10 sets of modifiers (~70,000 cells at 1M lines), and half the
        ~60 tests read the modifiers alone (or the provider): called on a ``_Reading`` of one cell of a group (cells
        equal in the attributes the test has read so far), the answer is the group's when the test read no other
        attribute, as a test of the parsed cell alone (``Lines.flag``) answers the same for the same values.
        Otherwise the group is split by what it read too, and tested again. Groups hardly fewer than their cells
        (a test of the code) are called plainly, cell by cell."""
        import numpy as np

        found = np.zeros(len(new), dtype=bool)
        reads = self._reads.setdefault(name, set())
        todo = np.arange(len(new))
        while todo.size:
            known = frozenset(reads)
            group, count = self._groups(sorted(known), new[todo])
            present = np.zeros(count, dtype=bool)
            present[group] = True
            groups = np.flatnonzero(present)
            if len(groups) * 10 > len(todo):  # a _Reading's call costs several plain ones: each cell called plainly
                cells = map(self.parsed.__getitem__, new[todo].tolist())
                found[todo] = np.fromiter(map(test, cells), dtype=bool, count=len(todo))
                break
            member = np.zeros(count, dtype=np.int64)
            member[group] = todo  # a cell of each group (any one: they are alike)
            answers = np.zeros(count, dtype=bool)
            undone = np.zeros(count, dtype=bool)
            for number, at in zip(groups.tolist(), member[groups].tolist(), strict=True):
                cell = _Reading(self.parsed[int(new[at])])
                answers[number] = bool(test(cell))  # type: ignore[arg-type]
                if not cell.read <= known:
                    undone[number] = True
                    reads.update(cell.read)
            found[todo] = answers[group]
            todo = todo[undone[group]]
        return found

    def _groups(self, attributes: list[str], numbers: np.ndarray) -> tuple[np.ndarray, int]:
        """Per cell number of ``numbers``: a group number below the count returned, the same for cells equal in
        ``attributes`` (0 for all without any)."""
        import numpy as np

        group, count = np.zeros(len(numbers), dtype=np.int64), 1
        for attribute in attributes:
            ids, values = self._attribute_ids(attribute)
            group, count = group * values + ids[numbers], count * values
            if count > 1 << 20:  # numbered again, densely: the groups' arrays stay small (codes x texts)
                distinct, inverse = np.unique(group, return_inverse=True)
                group, count = inverse.reshape(-1).astype(np.int64), len(distinct)
        return group, count

    def _attribute_ids(self, attribute: str) -> tuple[np.ndarray, int]:
        """Per cell number: an id of its parsed cell's ``attribute`` value (equal ids, equal values); and how many
        distinct values there are."""
        import numpy as np

        ids, numbered = self._attributes.get(attribute, ({}, np.zeros(0, dtype=np.int64)))
        if len(numbered) < len(self.parsed):
            more = (ids.setdefault(getattr(cell, attribute), len(ids)) for cell in self.parsed[len(numbered) :])
            numbered = np.concatenate([numbered, np.fromiter(more, np.int64, len(self.parsed) - len(numbered))])
            self._attributes[attribute] = (ids, numbered)
        return numbered, len(ids)

    def code_number_of(self, numbers: np.ndarray) -> np.ndarray:
        """Per cell number: its code's number in the run."""
        found: np.ndarray = self._code_number[numbers]
        return found


@dataclass
class Lines:
    """One partition's lines as per-row ids into per-distinct-value facts, and its results."""

    rows: int
    texts: Texts
    code: np.ndarray  # -> codes
    codes: list[_Code]
    cell: np.ndarray  # per code (position in codes): its number in the run (_Code.number)
    code_number: np.ndarray  # per code (position in codes): _Code.code_number
    zip: np.ndarray  # -> zips (as given, stripped)
    zips: list[str]
    locality: np.ndarray  # -> localities (as given, stripped)
    localities: list[str]
    when: np.ndarray  # -> whens: (year, date) text
    whens: list[tuple[str, str]]
    units: np.ndarray  # int64
    paid: np.ndarray  # int64 cents, with paid_given: a remittance's paid amount (for expected and variance)
    paid_given: np.ndarray
    anesthesia: np.ndarray  # -> anesthesias: (base units, minutes) text; id 0 is neither
    anesthesias: list[tuple[str, str]]
    site: np.ndarray  # 0 none, 1 office, 2 hopd, 3 asc
    error: np.ndarray  # text ids; the first error wins
    error_kind: np.ndarray  # into KINDS
    release: np.ndarray
    locality_priced: np.ndarray
    scenario: np.ndarray
    # the facility quarter a row's OPPS and ASC rates are from (text ids; written where the rate is)
    opps_release: np.ndarray | None = None
    asc_release: np.ndarray | None = None
    # per site ('hopd', 'asc'): what a row's units after the first are paid, as a percentage of its rate
    # (engine.facility.later_units_percent; NO_LATER_UNITS_RULE, -1: units x the rate; TERMINATED_ONE_UNIT, -2: one
    # payment at the reduced rate)
    later_percent: dict[str, np.ndarray] = field(default_factory=dict)
    # rows whose units the PFS rules count (BatchPricer._units_notes: several units of a therapy service, 2 units of a
    # bilateral code): batch.claims runs the rules on them, alone too; then per PFS setting ('non_facility',
    # 'facility'), the line's later units' amount together (kernels.professional_line_cut; -1: each unit is
    # paid the amount)
    units_rules: np.ndarray | None = None
    # Per row, the patient's share (hundredths of a percent) its encounter (claim and date; a row alone too) sets in
    # place of its code's, -1 where it does not, and the note that says why (a text id, 0: none): ACP-33 with no AWV,
    # moderate sedation beside a screening colonoscopy (batch.price._encounter_waivers; engine.preventive.in_encounter).
    encounter_share: np.ndarray | None = None
    encounter_note: np.ndarray | None = None
    # Per code (position in codes), flags the claim rules ask of every row, worked out once (batch.claims._cell_flag).
    cell_flags: dict[str, np.ndarray] = field(default_factory=dict)
    run_cells: CodeCells | None = None  # the run's cells, which ``cell`` numbers: ``flag`` tests each once a run
    two_units: np.ndarray | None = None  # rows whose 2 units are one bilateral procedure (policy.two_units_bilateral)
    # per row, the laterality note's text id (-1: none) of a line its laterality cell calls bilateral and its modifiers
    # do not (_laterality_notes): said by batch.price.BatchPricer._laterality_notes where its CMS row's bilateral
    # indicator is 1 or 3, the indicators under which a claim's two sides are paid more than one code's 100%
    laterality_note: np.ndarray | None = None
    # per row, its PFS status as the status T rule reads it (engine.policy.status_t_bundled): NO_STATUS_T_PART (0),
    # STATUS_T_LINE (1), PAYABLE_BESIDE_T (2: A, R, C, J); written by BatchPricer._price_release
    pfs_status: np.ndarray | None = None
    # rows of a split-care part (54, 55, 56) of several units: the units given, which the rules read (a 55 line's
    # post-operative days: engine.policy.postoperative_days); the row's ``units`` is then 1 (one service's amounts)
    split_units: np.ndarray | None = None
    # "claim" slot notes given after the claims' own (batch.claims.price_claims), as (rows, text ids): a split-care row
    # of several units says its facility payment is none (engine.facility.facility_free_note) after its units note,
    # which the claim step gives, as the single lookup says them (BatchPricer._sites)
    after_claims: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)
    opps_packaged: np.ndarray | None = None  # rows the OPPS pays $0.00 as packaged (SI N): no bilateral note
    # rows of an anesthesia session paid on another line (engine.anesthesia; BatchPricer's _anesthesia_sessions): an
    # index into session_rules, the rule that pays them $0.00 (batch.claims.price_claims), -1 for the other rows
    session_rule: np.ndarray | None = None
    session_rules: list[str] = field(default_factory=list)
    # per ANESTHESIA_COLUMNS name: text ids per row (BatchPricer's _anesthesia_columns); absent: blank
    anesthesia_columns: dict[str, np.ndarray] = field(default_factory=dict)
    # per row, its setting cell's place (an index into setting_places: the CMS POS code, normalised, or None, and the
    # site word's site, 'hopd' ...): a therapist's line at the hospital or a SNF (engine.therapists; BatchPricer.
    # _therapist_places)
    setting_of: np.ndarray | None = None
    setting_places: list[tuple[str | None, str | None]] = field(default_factory=list)
    old_pos_name: bool = False  # a setting cell is POS 22's pre-2016 name (engine.place_of_service.is_old_pos_name)
    # per row, its setting cell is a facility's own type of bill (13x, 83x: a UB-04, engine.place_of_service.
    # facility_bill); None: no row's is
    facility_bill: np.ndarray | None = None
    # per row, its facility_bill is the ASC's own claim line by its provider cell (asc_provider at POS 24, no type of
    # bill: an 837P's, Claims Processing Manual ch. 14 §50); None: no row's is
    asc_own: np.ndarray | None = None
    # per row, its asc_own is by its billing provider alone (the provider cell a practitioner's: columns.
    # BILLING_PROVIDERS), its paid note saying so; None: no row's is
    asc_billed: np.ndarray | None = None
    # per row at the ASC (POS 24), its billing provider is given and is no ASC's own claim's, where other rows' billing
    # provider makes them the ASC's own (asc_own by billing provider): the practice's claim, a practitioner's
    # (BatchPricer._paid_for_by_line, PAID_BY_PRACTICE_NOTE); None: no row's is
    practice_billed: np.ndarray | None = None
    # per row, its practice_billed line is not compared with --paid-for facility and is in no facility claim's total
    # (BatchPricer._practice_lines_not_the_facility_s); None: no row's is, or --paid-for is not facility
    practice_claim: np.ndarray | None = None
    # the rows whose facility's own type of bill (13x, 83x) is beside a POS, by batch.columns._bill_beside's word:
    # 'own' (the POS of the bill's site: the bill read as the setting, the facility's own bill), 'other' (another
    # place's POS: the POS read); said on stderr (BatchSummary.bill_beside_own, bill_beside_other)
    bill_beside: dict[str, int] = field(default_factory=dict)
    # how many claims (a claim id's adjacent rows) held a facility's own bill's lines (facility_bill) and a
    # practitioner's: each entity's lines priced as a claim of its own (batch.claims.billing_entities)
    two_entity_claims: int = 0
    # per row of those claims, its entity plus one (batch.claims.cut_claim_entities), 0 every other row; None: none cut
    cut_claim_entity: np.ndarray | None = None
    # rows whose provider cell names a DMEPOS supplier (credentials.dme_supplier_cell): the supplier's claim
    dme_supplier: np.ndarray | None = None
    # rows whose provider cell names an independent laboratory (credentials.lab_cell): the lab's claim
    independent_lab: np.ndarray | None = None
    # the rows the default --paid-for compared with their own claim's amount, by kind (BatchPricer._paid_for_by_line)
    paid_by_line: dict[str, int] = field(default_factory=dict)
    # rows whose hospital line is outpatient therapy paid under the PFS: the hospital's amounts are the office's
    # (engine.hopd_therapy; BatchPricer._hopd_therapy, after the claims' rules)
    hopd_therapy: np.ndarray | None = None
    # rows of therapy at a SNF (POS 31): the SNF's claim, paid the PFS non-facility amount (engine.therapists.
    # snf_therapy_paid_non_facility; BatchPricer._therapist_places, _choose_setting); None: no such row
    snf_therapy: np.ndarray | None = None
    # per row: set at a facility, its office setting alone the MAC's (FACILITY_OFFICE_MAC_PRICED); None: no such row
    mac_priced_office: np.ndarray | None = None
    # those rows' Addendum B that decided it (text ids: the quarter's, or where the year's is not installed the newest
    # earlier one, Pricer._hopd_therapy's): their opps_release, though they have no OPPS rate
    hopd_therapy_release: np.ndarray | None = None
    # rows whose OPPS rate a Maryland hospital is not paid (engine.hospitals; BatchPricer._maryland_rows): not priced
    maryland_opps: np.ndarray | None = None
    # a rural SCH's rows (--hospital rural-sch; engine.hospitals): 1 its OPPS rate has the 7.1% add-on, 2 it does not
    # (an OPPS line it does not reach), 0 no OPPS rate (engine.hospitals.RURAL_SCH_ADDED, RURAL_SCH_NOT_ADDED)
    rural_sch_add_on: np.ndarray | None = None
    # per site (hopd, asc): rows whose facility does not pay them but pays the encounter's other lines
    # (engine.facility.left_out_alone): in a claim's encounter it pays, their site is the physician's fee alone
    # (batch.claims._professional_alone)
    left_out_alone: dict[str, np.ndarray] = field(default_factory=dict)
    later_pfs: dict[str, np.ndarray] = field(default_factory=dict)
    cents: dict[str, np.ndarray] = field(default_factory=dict)
    valid: dict[str, np.ndarray] = field(default_factory=dict)
    # the note parts given: (NOTE_SLOTS position, order given, rows, text ids)
    notes: list[tuple[int, int, np.ndarray, np.ndarray]] = field(default_factory=list)
    claim: np.ndarray | None = None  # -> claims (as given, stripped; '' none): ``batch.claims`` groups encounters
    claim_given: np.ndarray | None = None  # per distinct claim cell: not blank
    apart: np.ndarray | None = None  # rows whose claim was met before, apart from them (files.SeenClaims)
    # Each row's patient (a patient id column's value hashed, 0 blank: batch.patient_days.with_patients), or None; and
    # the claim column as given (Arrow): batch.global_period's postoperative visits across a patient's claims
    patient: np.ndarray | None = None
    claim_texts: Any = None
    # Rows out of their claim (batch.claims.mark_reversals): a reversal (a negative paid amount) and the earlier row of
    # its claim whose payment it takes back. Each is priced as a line alone, compared with nothing and counted in no
    # total (REVERSED_KEY); None: none.
    reversed: np.ndarray | None = None
    dated: bool = False  # the input has a date (or year) column: a blank cell in it is said, not assumed
    placed: bool = False  # the input has a ZIP or locality column: a row with neither cell is said to be national
    sited: bool = False  # the input has a setting column: a row without one is said to have no allowed amount
    # the patient's share of the professional fee (hundredths of a percent): 20%, or a preventive waiver's
    coinsurance: np.ndarray | None = None
    # the share of the OPPS payment Medicare pays (millionths, kernels.opps_medicare_share): the copayment of a rate
    # the encounter rules change is the rest; NO_MEDICARE_SHARE where it is scaled instead (capped, IRA-adjusted)
    opps_share: np.ndarray | None = None
    # the OPPS national rate (mills) and the wage index it was adjusted by: the unrounded rate the encounter rules
    # discount (kernels.opps_unrounded_rate); -1 where there is none to discount: no OPPS rate, a rate paid nationally
    # (drugs: per unit), or one a modifier changed
    opps_national: np.ndarray | None = None
    opps_wage_index: np.ndarray | None = None
    # per site ('hopd', 'asc'): rows whose rate is the national one for want of a wage index (no ZIP or locality, or no
    # single wage index for their place) where CMS adjusts it by one: not what Medicare pays there (BatchPricer.
    # _national)
    facility_unadjusted: dict[str, np.ndarray] = field(default_factory=dict)
    # per site ('opps', 'asc'): the text id of why the row's rate is not priced for want of one wage index (its
    # place's area listed with different values, none given: engine.wage_choices), 0 for the other rows; the row takes
    # part in its encounter's rules at the national rate and is not priced after them where they leave it paid
    # (batch.claims.wage_choices_after_rules)
    wage_choice: dict[str, np.ndarray] = field(default_factory=dict)
    # rows set at the hospital (ASC) whose year's OPPS (ASC) file is not installed: the text id of which ('CY2026
    # OPPS'), 0 for the other rows; None: none (FACILITY_MISSING_KEY)
    facility_missing: np.ndarray | None = None
    # rows whose CLFS, ASP or DMEPOS amount is missing for want of CMS's file: the text id of which ('CY2025 ASP', 'ASP
    # 2026-07': lookup.schedules.OtherSchedules.missing_file), 0 for the other rows; None: none (SCHEDULE_MISSING_KEY)
    schedule_missing: np.ndarray | None = None
    # the percent of that unrounded rate each unit is paid after the encounter rules (100; 50 a lower-paid procedure;
    # 0 packaged): written where the rules change the rate (engine.facility.opps_line_terms reads it off the result)
    opps_percent: np.ndarray | None = None
    # the ASC coinsurance is Addendum BB's IRA-adjusted copayment (per unit), not 20% of the line's payment
    asc_ira: np.ndarray | None = None
    # a mammography row's hospital payment per unit: its TC's PFS amount at its place (engine.hopd_therapy;
    # BatchPricer._mammography_at_hopd), -1 for any other row (batch.encounter_arrays.hopd_mammography)
    hopd_technical: np.ndarray | None = None
    # the ASC's kind of line (engine.facility.ASC_PROCEDURE, ASC_ANCILLARY; 0 other): an ancillary service is paid
    # only in an encounter with a covered surgical procedure (batch.claims.asc_ancillary_alone)
    asc_kind: np.ndarray | None = None
    # one side's rate (cents) of an ASC 50 line paid as two discounted procedures, -1 for any other line: what the
    # encounter ranks it by and pays both its sides at 50% of (engine.facility.asc_bilateral_side)
    asc_side: np.ndarray | None = None
    # the ASC rate (cents) the encounter's 50% took a lower-paid row from, -1 for any other row: its line is that rate
    # x units at 50%, rounded once (engine.facility.asc_halved_cut; written by batch.claims._write)
    asc_halved: np.ndarray | None = None
    # -> states: a state column's cells, parsed (None: blank or bad), and why a bad one is (batch.schedules fails
    # the DME rows that give one: no other row reads the state)
    state: np.ndarray | None = None
    states: list[str | None] = field(default_factory=lambda: [None])
    state_errors: list[RvucalcError | None] = field(default_factory=lambda: [None])
    # -> rurals: a rural column's cells, parsed (None: blank or bad, the run's --rural), and why a bad one is (a DME
    # row's error, as a bad state's: no other row reads it)
    rural: np.ndarray | None = None
    rurals: list[bool | None] = field(default_factory=lambda: [None])
    # -> beside_zip: the notes of locality cells not their ZIP's locality (batch.price.locality_beside_zip_note), each
    # with whether the cell names a locality of the ZIP's state (a DME row's fee state is the same either way)
    beside_zip: dict[str, bool] = field(default_factory=dict)
    rural_errors: list[RvucalcError | None] = field(default_factory=lambda: [None])
    # -> a participation column's cells (participation_of): 1 participating, 0 non-participating, -1 blank or not read
    # (the run's --non-par); None without the column. ``participation_unread``: the rows whose cell was not read.
    participation: np.ndarray | None = None
    participation_unread: np.ndarray | None = None
    # -> a contract rate column's amounts (cents) and which rows give one (contract_percent_of_medicare)
    contract_rate: np.ndarray | None = None
    contract_rate_given: np.ndarray | None = None
    contract_rate_unread: np.ndarray | None = None  # rows whose contract rate cell is no amount of 0 or more
    # the allowed amount each row's contract rate is a percentage of: the one its paid column is compared with
    # (BatchPricer._contract_and_variance's basis: the site's, or --paid-for's or the row's own claim's part), as cents
    # and where there is one; None before it is known (batch.price._contract_percent then takes ``allowed``)
    contract_basis: tuple[np.ndarray, np.ndarray] | None = None
    # the rows priced at the non-participating amount (BatchPricer._non_par)
    non_par: np.ndarray | None = None
    # -> a hospital's own wage index (ten-thousandths; -1: none, the run's --wage-index or the place's), from a
    # wage_index column, as ``rvucalc price --wage-index``: the OPPS rate's alone (lookup.pricer.USER_WAGE_INDEX)
    wage_index: np.ndarray | None = None
    # -> the ASC's wage index (ten-thousandths; -1: none, the run's --asc-wage-index or the place's), from an
    # asc_wage_index column, as ``rvucalc price --asc-wage-index``: the ASC rate's alone
    asc_wage_index: np.ndarray | None = None
    # -> patient_zips: a patient ZIP column's cells (as given, stripped; batch.columns.patient_zip_position), which a
    # DME row's DMEPOS state is taken from (batch.schedules); None: no such column
    patient_zip: np.ndarray | None = None
    patient_zips: list[str] = field(default_factory=lambda: [""])
    # Rows of a global diagnostic test whose PFS facility amount is its professional component's (lookup.lines.
    # component_row): the physician's fee at the hospital, ASC and other facility sites, the rules rank it in the
    # facility setting as a 26 line; its output's pfs_facility_* columns are blank (CMS's 'NA', its reason said).
    component: np.ndarray | None = None
    # Rows whose professional component a line of their code bills in their encounter (CODE-26 beside CODE: lookup.
    # lines.professional_on_own_line): their facility amount is none (batch.claims), and the encounter's surgical
    # lines go through the rule functions (whose lines have it so).
    own_professional: np.ndarray | None = None
    # Rows whose provider cell names no practitioner (priced as the run's --provider, noted): counted, without errors
    unread_provider: np.ndarray | None = None
    # Of them, the rows whose cell names staff who bill under no number of their own (STAFF_PROVIDER_KEY)
    staff_provider: np.ndarray | None = None
    # Rows whose blank provider cell was read from the practitioner's name (PROVIDER_FROM_NAME_KEY), and rows whose
    # provider cell is blank and whose name says no credential either (BLANK_PROVIDER_KEY); None: no provider column
    provider_from_name: np.ndarray | None = None
    blank_provider: np.ndarray | None = None
    # Rows whose paid cell is no amount ('12..5', 'abc'; not 'N/A', which says none): not compared, noted, counted
    unread_paid: np.ndarray | None = None
    # The line's billed charge (int64 cents) and where a cell gives one (a charge column, batch.columns' charge role:
    # parsed as the paid column is, engine.scenario.parse_paid); None: no charge column. Medicare allows the lower of
    # it and the fee schedule amount (BatchPricer._lesser_of_charge).
    charge: np.ndarray | None = None
    # The rows billed below the amount compared: that amount less their charge, summed in cents (BatchPricer.
    # _lesser_of_charge; the summary's charge_below_fee_schedule_amount)
    charge_below_cents: int = 0
    # A contract run's rows billed below their contract amount: that amount less their charge, summed in cents
    # (BatchPricer._charge_below_contract; the summary's charge_below_contract_amount)
    charge_below_contract_cents: int = 0
    charge_given: np.ndarray | None = None
    # Per row: the therapy assistant's modifier the provider column added (a position in ASSISTANT_MODIFIERS: CQ for a
    # PTA's GP line), 0 where the row's own cells say it or it is no assistant's; None: no such row
    assistant_implied: np.ndarray | None = None
    # Rows of lines the PFS does not pay that are another schedule's (a CLFS, ASP or DMEPOS file lists them, or a NOC
    # drug, an unlisted lab test, a code paid apart): the PFS release's warnings are not theirs
    # (lookup.pricer.other_schedule_line); None: none
    elsewhere: np.ndarray | None = None
    # Rows of a hospital outpatient claim (site hopd: type of bill 13x, POS 19 or 22) or an ASC's own bill (83x, the
    # ASC's POS 24 line) with a revenue code and no HCPCS code (REVENUE_CODE_LINE, REVENUE_CODE_LINE_ASC): packaged,
    # priced $0.00 at the hospital or ASC by BatchPricer, in no encounter rule; None: none
    revenue_code_lines: np.ndarray | None = None
    # Rows whose revenue code cell holds a revenue code, its HCPCS code filled or not (not a professional fee's 96x-98x:
    # _revenue_code_lines): a line of an institutional claim, the UB-04's Form Locator 42 (Claims Processing Manual
    # ch. 25 §75.4), which a practitioner's CMS-1500 has no field for; None: no revenue code column, or no such cell
    revenue_coded: np.ndarray | None = None

    def claimed(self) -> np.ndarray:
        """Per row, whether its claim's encounter rules take it in: it has a claim id and is not a reversal or a
        payment one takes back (``reversed``)."""
        import numpy as np

        if self.claim is None or self.claim_given is None:
            return np.zeros(self.rows, dtype=bool)
        found: np.ndarray = self.claim_given[self.claim]
        return found if self.reversed is None else found & ~self.reversed

    def fail(self, rows: np.ndarray, message_ids: Any, kinds: Any) -> None:
        """Give these rows (positions) an error and its kind (ids into KINDS) unless they already have one."""
        import numpy as np

        ids = np.broadcast_to(np.asarray(message_ids, dtype=np.int32), rows.shape)
        kind_ids = np.broadcast_to(np.asarray(kinds, dtype=np.int8), rows.shape)
        free = (self.error[rows] == 0) & (ids != 0)
        self.error[rows[free]] = ids[free]
        self.error_kind[rows[free]] = kind_ids[free]

    def fail_with(self, rows: np.ndarray, error: RvucalcError) -> None:
        self.fail(rows, self.texts.id(str(error)), kind_id(error.kind))

    def add_note(self, slot: str, rows: np.ndarray, message_ids: Any, *, first: bool = False) -> None:
        """Add a note part (text ids, per row or one for all) to these rows' slot (a NOTE_SLOTS name): after the
        slot's parts so far, or before them (``first``)."""
        import numpy as np

        ids = np.broadcast_to(np.asarray(message_ids, dtype=np.int32), rows.shape)
        given = ids != 0
        if given.any():
            order = -1 - len(self.notes) if first else len(self.notes)
            self.notes.append((NOTE_SLOTS.index(slot), order, rows[given], ids[given]))

    def without_part(self, slot: str, rows: np.ndarray, part: str) -> None:
        """Take a part out of these rows' notes in a slot (a line's own step that its encounter's rules undo)."""
        self.without_parts(slot, rows, {part})

    def without_parts(self, slot: str, rows: np.ndarray, unwanted: set[str] | frozenset[str]) -> None:
        """Take these parts out of these rows' notes in a slot (each distinct note rewritten once)."""

        position = NOTE_SLOTS.index(slot)
        chosen = self._row_mask(rows)
        kept: dict[int, int] = {}  # a distinct note's id -> its id without the parts (each asked once a call)
        for number, (at, order, note_rows, ids) in enumerate(self.notes):
            hit = chosen[note_rows] if at == position else None
            if hit is None or not hit.any():
                continue
            olds, inverse = ids_and_inverse(ids[hit])
            news = olds.copy()
            for k, old in enumerate(olds.tolist()):
                if old not in kept:
                    parts = self.texts.parts[old]
                    kept[old] = self.texts.id_of(p for p in parts if p not in unwanted) if unwanted.intersection(
                        parts) else old  # fmt: skip
                news[k] = kept[old]
            if (news != olds).any():
                ids = ids.copy()
                ids[hit] = news[inverse]
            keep = ids != 0
            self.notes[number] = (at, order, note_rows[keep], ids[keep])

    def rewritten_parts(self, rows: np.ndarray, rewrite: Callable[[str], str], slot: str | None = None) -> None:
        """Rewrite these rows' note parts (in one slot, or every slot) as ``rewrite`` gives them, each distinct note
        once: a part said of a line only when its pricing bears it out (``engine.place_of_service.without_pfs_amount``),
        or labelled as another site's comparison (``lookup.lines.component_note_comparison_only``)."""

        position = None if slot is None else NOTE_SLOTS.index(slot)
        chosen = self._row_mask(rows)
        rewritten: dict[int, int] = {}  # a distinct note's id -> its rewritten note's (each rewritten once a call)
        for number, (at, order, note_rows, ids) in enumerate(self.notes):
            hit = chosen[note_rows] if position is None or at == position else None
            if hit is None or not hit.any():
                continue
            olds, inverse = ids_and_inverse(ids[hit])
            news = olds.copy()
            for k, old in enumerate(olds.tolist()):
                if old not in rewritten:
                    parts = self.texts.parts[old]
                    new = tuple(rewrite(part) for part in parts)
                    rewritten[old] = self.texts.id_of(new) if new != tuple(parts) else old
                news[k] = rewritten[old]
            if (news == olds).all():
                continue
            ids = ids.copy()
            ids[hit] = news[inverse]
            self.notes[number] = (at, order, note_rows, ids)

    def without_superseded(self, slot: str, rows: np.ndarray, superseded: frozenset[str]) -> None:
        """Take out of these rows' notes in a slot the pieces another note says instead (``superseded``): a part that
        is one of them alone, and each of them within a part of a cell's several notes joined by '; ' (never emptied:
        the part said alone goes first). PO/PN's generic OPPS note (batch.price, lookup.lines.rate_kept_superseded)
        and a DMEPOS line's KX, CG and KS notes (batch.schedules, lookup.lines.dmepos_superseded_notes)."""
        self.without_parts(slot, rows, superseded)

        def without(part: str) -> str:
            if not any(gone in part for gone in superseded):
                return part
            return "; ".join(piece for piece in part.split("; ") if piece not in superseded)

        self.rewritten_parts(rows, without, slot)

    def without_slot(self, slot: str, rows: np.ndarray) -> None:
        """Take every part of a slot out of these rows' notes (a warning the encounter's rules made moot)."""

        position = NOTE_SLOTS.index(slot)
        chosen = self._row_mask(rows)
        for number, (at, order, note_rows, ids) in enumerate(self.notes):
            if at == position:
                keep = ~chosen[note_rows]
                self.notes[number] = (at, order, note_rows[keep], ids[keep])

    def _row_mask(self, rows: np.ndarray) -> np.ndarray:
        """Per row of the partition: whether it is one of ``rows`` (positions). A lookup per note row, where
        ``np.isin`` sorted both sides for every note: 5% of a realistic run's time in the wage-index rewrites."""
        import numpy as np

        chosen: np.ndarray = np.zeros(self.rows, dtype=bool)
        chosen[rows] = True
        return chosen

    def rows_noted(self, slots: tuple[str, ...], said: Callable[[str], bool]) -> np.ndarray:
        """Which rows have a note part in one of these slots whose text ``said`` holds for (each distinct text
        checked once)."""
        import numpy as np

        noted = np.zeros(self.rows, dtype=bool)
        wanted = {NOTE_SLOTS.index(slot) for slot in slots}
        given = [(rows, ids) for position, _, rows, ids in self.notes if position in wanted and rows.size]
        if not given:
            return noted
        # Each text once for all the slots' notes (a note's texts are mostly another's too)
        values = self.texts.values
        holds = np.zeros(len(values), dtype=bool)
        for _, ids in given:
            holds[ids] = True
        distinct = np.flatnonzero(holds)
        holds[distinct] = np.array([said(values[i]) for i in distinct.tolist()], dtype=bool)
        for rows, ids in given:
            noted[rows[holds[ids]]] = True
        return noted

    def rows_noting(self, text: str, *others: str) -> np.ndarray:
        """Per row: whether its note (``note_column``) holds ``text`` (or one of ``others``) in one of its parts: the
        rows' notes looked through once for all the texts, not once each."""
        import numpy as np

        holds = self.texts.containing(text)
        for other in others:
            holds = holds | self.texts.containing(other)
        found: np.ndarray = np.zeros(self.rows, dtype=bool)
        if not holds.any():  # no text of the run says it (most often): no note to look through
            return found
        for _, _, rows, ids in self.notes:
            found[rows[holds[ids]]] = True
        found &= self.error == 0
        return found

    def comparison_split(self) -> tuple[list[tuple[int, int, np.ndarray, np.ndarray]],
                                         list[tuple[int, int, np.ndarray, np.ndarray]]]:  # fmt: skip
        """The rows' note parts (``notes``) as those of their note and those of their comparison_note: on a row set in
        a site, the parts that speak of the other sites' comparison columns alone (``comparison_pieces``). Each
        distinct (text, site) is classified once (``Texts.split_ids``), and only the texts that may hold such a part
        (a label or PFS reason ``comparison_pieces`` reads: ``Texts.containing``) are looked up by row."""
        import numpy as np

        from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON, NON_FACILITY_NA_REASON

        site = self.site
        if not self.notes or not (site > 0).any():
            return self.notes, []
        if self.hopd_therapy is not None:
            site = np.where(self.hopd_therapy & (site == SITE_NAMES.index("hopd")), HOPD_PAID_AS_OFFICE, site)
        if self.mac_priced_office is not None:
            at_facility = self.mac_priced_office & (site == SITE_NAMES.index("facility"))
            at_hospital = self.mac_priced_office & (site == SITE_NAMES.index("hopd"))
            at_asc = self.mac_priced_office & (site == SITE_NAMES.index("asc"))
            site = np.where(
                at_facility, FACILITY_OFFICE_MAC_PRICED, np.where(at_hospital, HOPD_OFFICE_MAC_PRICED, site)
            )
            site = np.where(at_asc, ASC_OFFICE_MAC_PRICED, site)
        # The texts so far: the next partition, priced meanwhile on another thread (files.run_batch), adds texts
        # between these look-ups, and this partition's notes are all among them.
        count = len(self.texts.values)
        maybe = np.zeros(count, dtype=bool)
        quarters = (prefix for prefixes in _QUARTER_WARNINGS.values() for prefix in prefixes)
        mac = (CONTRACTOR_PRICED_REASON,) if self.mac_priced_office is not None else ()
        for marker in ("not this row's site", FACILITY_REASON_PREFIX, NON_FACILITY_NA_REASON, *quarters, *mac):
            maybe |= self.texts.containing(marker)[:count]
        own: list[tuple[int, int, np.ndarray, np.ndarray]] = []
        other: list[tuple[int, int, np.ndarray, np.ndarray]] = []
        for note in self.notes:
            at, order, rows, ids = note
            asked = maybe[ids] & (site[rows] > 0)
            if not asked.any():
                own.append(note)
                continue
            keys = ids[asked].astype(np.int64) * _CLASSIFIED_SITES + site[rows[asked]]
            distinct, inverse = np.unique(keys, return_inverse=True)
            pairs = self.texts.split_ids(distinct.tolist())[inverse.reshape(-1)]
            mine, theirs = ids.copy(), np.zeros(len(ids), dtype=np.int32)
            mine[asked], theirs[asked] = pairs[:, 0], pairs[:, 1]
            kept, moved = mine != 0, theirs != 0
            own.append((at, order, rows[kept], mine[kept]))
            if moved.any():
                other.append((at, order, rows[moved], theirs[moved]))
        return own, other

    def note_column(self, given: list[tuple[int, int, np.ndarray, np.ndarray]] | None = None) -> pa.Array:
        """The rows' notes (``given``: their parts, by default every part of ``notes``): the slots' parts in NOTE_SLOTS
        order (a slot's in the order given), each part once; none on a row with an error.

        Each row's parts so far are a node of a tree (a parent and the last part), numbered as parts arrive:
        adding a part to some rows is one ``np.unique`` over those rows alone. Each distinct final node is
        joined once, by Arrow; only one whose parts share a part is joined in Python (to say the part once)."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        ok = self.error == 0
        base = len(self.texts.values)
        node = np.zeros(self.rows, dtype=np.int64)  # 0: no part yet
        parents, parts = [np.zeros(1, dtype=np.int64)], [np.zeros(1, dtype=np.int64)]
        count = 1
        for _, _, rows, ids in sorted(self.notes if given is None else given, key=lambda note: note[:2]):
            keep = ok[rows]
            rows = rows[keep]
            if not rows.size:
                continue
            keys, inverse = np.unique(node[rows] * base + ids[keep], return_inverse=True)
            parents.append(keys // base)
            parts.append(keys % base)
            node[rows] = count + inverse.reshape(-1)
            count += len(keys)
        indices = np.zeros(self.rows, dtype=np.int32)
        rows = np.flatnonzero(node)
        if not rows.size:
            return pa.DictionaryArray.from_arrays(int32_array(indices), string_array([""]))
        parent, part = np.concatenate(parents), np.concatenate(parts)
        finals, final_of_row = ids_and_inverse(node[rows])
        # Up from each final node to the first part: its parts, last first (a shorter chain ends in zeros).
        columns: list[np.ndarray] = []
        at = finals
        while at.any():
            columns.insert(0, part[at])
            at = parent[at]
        # Per combination, its text ids in order (0: none, where a chain is shorter); the first combination has no
        # parts, and its join '' is the rows' without a note: the dictionary is the joins as made, not a copy with ''
        # put first (at ~50 MB of notes a chunk, the copy was on the run's peak). Filled a column at a time, as the
        # transpose of a row per column (np.stack's interleaving copy, and another for the first row, took ~5 ms a
        # partition).
        matrix = np.empty((len(columns), len(finals) + 1), dtype=np.int64)
        matrix[:, 0] = 0
        for depth, column in enumerate(columns):
            matrix[depth, 1:] = column
        matrix = matrix.T
        present = matrix != 0
        # The texts the partition's notes use, not the run's (an Arrow copy of every text of a ten-million-line run
        # was ~45 MB kept to the end).
        marked = np.zeros(base, dtype=bool)
        marked[matrix] = True
        marked[0] = False
        used = np.flatnonzero(marked)
        position = np.zeros(base, dtype=np.int64)
        position[used] = np.arange(len(used))
        # Per part given (row-major: a combination's in order), its piece: one of the texts, after a '; ' piece where
        # it is not its combination's first.
        counts = present.sum(axis=1)
        starts = np.zeros(len(matrix) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        index = position[matrix[present]] + 2
        later = np.ones(len(index), dtype=bool)
        later[starts[:-1][counts > 0]] = False
        joins: list[str] = []
        repeats = np.flatnonzero(self._repeated_parts(matrix, used))
        if repeats.size:
            # Joined in Python, to say the shared part once: the first part's piece, the others' '' ('' and '; ' are
            # pieces 0 and 1).
            texts = self.texts.parts
            inside = np.repeat(starts[repeats], counts[repeats]) + _ranges(counts[repeats])
            index[inside], later[inside] = 0, False
            index[starts[repeats]] = 2 + len(used) + np.arange(len(repeats))
            joins = ["; ".join(dict.fromkeys(piece for i in ids for piece in texts[i]))
                     for ids in matrix[repeats].tolist()]  # fmt: skip
        spans = 1 + later.astype(np.int64)
        ends = np.zeros(len(index) + 1, dtype=np.int64)
        np.cumsum(spans, out=ends[1:])
        taken = np.repeat(index, spans)
        taken[ends[:-1][later]] = 1
        # One take, by Arrow (without the GIL, which the pricing thread wants): its strings, end to end, are the
        # notes, which are then its offsets at each combination's first piece; a take of the parts, then a join,
        # held two copies of the notes.
        values = self.texts.values
        pieces = string_array(["", "; ", *(values[i] for i in used.tolist()), *joins])
        notes = pc.take(pieces, int32_array(taken))
        offsets = np.frombuffer(notes.buffers()[1], dtype=np.int32)[notes.offset : notes.offset + len(notes) + 1]
        joined = pa.Array.from_buffers(pa.string(), len(matrix),
                                       [None, pa.py_buffer(offsets[ends[starts]]), notes.buffers()[2]],
                                       null_count=0)  # fmt: skip
        indices[rows] = final_of_row.reshape(-1) + 1
        return pa.DictionaryArray.from_arrays(int32_array(indices), joined)

    def _repeated_parts(self, matrix: np.ndarray, used: np.ndarray) -> np.ndarray:
        """Per combination (a row of text ids, 0 none; ``used``: the ids they hold): whether two of its texts share a
        part (then it is joined in Python, to say the part once). Two texts share one only where the same id is
        given twice, or where both hold a part some other text used holds too ("risky"): the parts of the few
        combinations with two risky texts alone are compared, on arrays (each text's parts as part ids)."""
        import numpy as np

        starts, counts, flat = self.texts.part_ids()
        ordered = np.sort(matrix, axis=1)
        repeats: np.ndarray = ((ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] != 0)).any(axis=1)
        many = counts[used]
        offsets = np.repeat(starts[used] - np.cumsum(many) + many, many) + np.arange(int(many.sum()), dtype=np.int64)
        parts = flat[offsets]
        risky = np.zeros(len(counts), dtype=bool)
        risky[np.repeat(used, many)[np.bincount(parts)[parts] > 1]] = True
        risky[0] = False
        candidates = np.flatnonzero(risky[matrix].sum(axis=1) > 1)
        if not candidates.size:
            return repeats
        ids = matrix[candidates].reshape(-1)
        many = counts[ids]
        combination = np.repeat(np.repeat(candidates, matrix.shape[1]), many)
        offsets = np.repeat(starts[ids] - np.cumsum(many) + many, many) + np.arange(int(many.sum()), dtype=np.int64)
        width = int(flat.max(initial=0)) + 1
        keys = np.sort(combination * width + flat[offsets])
        repeats[keys[1:][keys[1:] == keys[:-1]] // width] = True
        return repeats

    def flag(self, name: str, test: Callable[[Any], bool]) -> np.ndarray:
        """Per code (position in ``codes``), ``test`` of it (a test of the parsed cell alone: one ``name``, one
        test), once a run per cell (``CodeCells.tested``; once a partition without the run's cells)."""
        import numpy as np

        found = self.cell_flags.get(name)
        if found is None:
            if self.run_cells is not None:
                found = self.cell_flags[name] = self.run_cells.tested(name, test, self.cell)
            else:
                found = self.cell_flags[name] = np.fromiter((test(cell) for cell in self.codes), dtype=bool,
                                                            count=len(self.codes))  # fmt: skip
        return found

    def set_money(self, name: str, rows: np.ndarray, cents: Any, valid: Any) -> None:
        self.cents[name][rows] = cents
        self.valid[name][rows] = valid

    def mark_component(self, rows: np.ndarray) -> None:
        """These rows' PFS facility amount is their professional component's (``component``)."""
        import numpy as np

        if self.component is None:
            self.component = np.zeros(self.rows, dtype=bool)
        self.component[rows] = True

    def output(self) -> pa.Table:
        import numpy as np
        import pyarrow as pa

        ok = self.error == 0
        columns: dict[str, pa.Array] = {}
        for name in OUTPUT_COLUMNS:
            if name in MONEY_COLUMNS:
                shown = self.valid[name] & ok
                if self.component is not None and name in COMPONENT_HIDDEN:  # CMS's 'NA' (Lines.component)
                    shown &= ~self.component
                columns[name] = money_array(self.cents[name], shown)
            elif name in ("release", "locality_priced"):
                columns[name] = self.texts.column(np.where(ok, getattr(self, name), 0))
            elif name == "error_kind":
                columns[name] = _kind_column(self.error_kind)
            elif name == "scenario":
                columns[name] = self.texts.column(np.where(ok, self.scenario, 0))
            elif name == "note":
                own, other = self.comparison_split()
                columns[name] = self.note_column(own)
            elif name == "comparison_note":
                columns[name] = self.note_column(other)
            elif name == "site":
                ids = np.where(ok & (self.site > 0), self.site, 0).astype(np.int32)
                columns[name] = pa.DictionaryArray.from_arrays(int32_array(ids), string_array(list(SITE_NAMES)))
            elif name in ANESTHESIA_COLUMNS:
                said = self.anesthesia_columns.get(name)
                columns[name] = self.texts.column(np.zeros(self.rows, dtype=np.int32) if said is None
                                                  else np.where(ok, said, 0))  # fmt: skip
            elif name in ("opps_release", "asc_release"):
                quarter = getattr(self, name)
                rate = "opps_rate" if name == "opps_release" else "asc_rate"
                ids = np.zeros(self.rows, dtype=np.int32) if quarter is None else np.where(ok & self.valid[rate],
                                                                                           quarter, 0)  # fmt: skip
                if name == "opps_release" and self.hopd_therapy_release is not None:
                    # A therapy row the PFS pays at the hospital: the Addendum B whose SI A decided it (as the
                    # single lookup's OPPS reason names it), where its hospital amounts are given.
                    decided = ok & (ids == 0) & self.valid["hopd_allowed"] & (self.hopd_therapy_release > 0)
                    ids = np.where(decided, self.hopd_therapy_release, ids)
                columns[name] = self.texts.column(ids)
            else:
                columns[name] = self.texts.column(getattr(self, name))
        table = pa.Table.from_arrays(list(columns.values()), names=list(columns))
        metadata = {SERVICE_YEAR_KEY: self.service_years().astype("<i2").tobytes()}
        for key, rows in ((PROVIDER_FROM_NAME_KEY, self.provider_from_name), (BLANK_PROVIDER_KEY, self.blank_provider)):
            if rows is not None:
                metadata[key] = str(int((self.error[rows] == 0).sum())).encode()
        return table.replace_schema_metadata(metadata)

    def service_years(self) -> np.ndarray:
        """Per row, the calendar year of its date of service, else its year cell's, else 0 (SERVICE_YEAR_KEY): read
        once per distinct (year, date) pair, as ``BatchPricer._schedule_year_errors`` reads them."""
        import numpy as np

        years = np.array([_service_year(year, date) for year, date in self.whens] or [0], dtype=np.int16)
        found: np.ndarray = years[self.when] if len(self.whens) else np.zeros(self.rows, dtype=np.int16)
        return found


def blank_date_warning(release: str | None) -> str:
    """A row of a dated file whose date (and year) cell is blank: priced, but never silently. ``release`` None: a
    lab's, drug's or DME item's row, priced from its own schedule's newest quarter, not the PFS release's."""
    if release is None:
        return (
            "No date of service on this line: priced with the newest installed quarter of its fee schedule (the "
            "release column names it; or the one `rvucalc data use` pinned); give the date to price it with the "
            "quarter in force on it"
        )
    return (
        f"No date of service on this line: priced with release {release}, the one used without a date (the newest "
        "installed, or the one `rvucalc data use` pinned); give the date "
        "to price it with the release in force on it"
    )


# A row of a file with a ZIP or locality column whose cells are both blank: priced, but never silently.
# No "; " inside these two: batch's note column joins a row's notes with it (a row without a ZIP read as two notes).
BLANK_PLACE_WARNING = (
    "No ZIP or locality on this line: national PFS and facility amounts. Give the ZIP where the service was "
    "furnished (the patient's, for DME) to price it in its locality"
)


# A row of a file with a setting (place of service) column whose cell is blank: no allowed amount, and a note says why.
BLANK_SETTING_NOTE = (
    "No place of service on this line: allowed, beneficiary and medicare are blank. The office_, hopd_ and asc_ "
    "columns give each site"
)


def kind_id(kind: ErrorKind) -> int:
    return KINDS.index(kind.value)


def _kind_column(ids: np.ndarray) -> pa.Array:
    import numpy as np
    import pyarrow as pa

    return pa.DictionaryArray.from_arrays(int32_array(ids.astype(np.int32)), string_array(list(KINDS)))


def _encoded(table: pa.Table, position: int) -> pa.DictionaryArray:
    """A column as text, trimmed and dictionary-encoded."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = table.column(position)
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    if column.null_count:  # only from pandas or Parquet input: the CSV readers give ''
        column = pc.fill_null(column, "")
    # Values that differ only by spaces ("A" and "A ") are one value (one claim): the distinct values are trimmed, and
    # where that made two alike, encoded again (numbered as trimming every row first would: in order of first use).
    encoded = column.combine_chunks().dictionary_encode()
    trimmed = pc.utf8_trim_whitespace(encoded.dictionary)
    if trimmed.equals(encoded.dictionary):
        return encoded
    again = trimmed.dictionary_encode()
    return pa.DictionaryArray.from_arrays(pc.take(again.indices, encoded.indices), again.dictionary)


def _distinct(table: pa.Table, position: int | None) -> tuple[np.ndarray, list[str]]:
    """A column as per-row ids and its distinct values (stripped text)."""
    import numpy as np

    if position is None:
        return np.zeros(table.num_rows, dtype=np.int32), [""]
    encoded = _encoded(table, position)
    return values_of(encoded.indices), strings_of(encoded.dictionary)


PROVIDER_FROM_NAME_NOTE = "Provider read from {name}: {credential} (the {provider} cell is blank)."


def _provider_from_name(
    table: pa.Table, names: dict[str, int], provider_ids: np.ndarray, provider_values: list[str], texts: Texts
) -> tuple[tuple[np.ndarray, list[str]] | None, np.ndarray, np.ndarray | None]:
    """A provider column's rows read by the practitioner's name where their cell is blank (a ``provider_name`` column,
    batch.columns.pricing_view's): the rows' provider ids and values with the name cells that end in a credential
    (``name_credential``) put in the blank cells' place (None: none), the rows still blank (counted: priced as the
    run's --provider), and per row the id of its note (``PROVIDER_FROM_NAME_NOTE``; None: none). Each distinct (provider
    cell, name cell) pair once: numpy over the rows."""
    import json

    import numpy as np

    blank_values = np.array([not value.strip() for value in provider_values], dtype=bool)
    blank = blank_values[provider_ids] if "provider" in names else np.zeros(len(provider_ids), dtype=bool)
    if "provider_name" not in names:  # a blank cell is the run's --provider, as the README says: nothing to count
        return None, np.flatnonzero(np.zeros(len(provider_ids), dtype=bool)), None
    if not blank_values.any():
        return None, np.flatnonzero(blank), None
    name_ids, name_values = _distinct(table, names["provider_name"])
    credentials = [name_credential(value) for value in name_values]
    if not any(credentials):
        return None, np.flatnonzero(blank), None
    said = json.loads((table.schema.metadata or {}).get(PROVIDER_NAME_COLUMNS_KEY, b"{}"))
    values = list(provider_values)
    position = {value: number for number, value in enumerate(values)}
    new_ids = np.array([position.setdefault(value, len(position)) if credential else -1
                        for value, credential in zip(name_values, credentials, strict=True)],
                       dtype=np.int64)  # fmt: skip
    values += list(position)[len(values) :]
    read = blank & (new_ids[name_ids] >= 0)
    notes = texts.ids("" if credential is None else PROVIDER_FROM_NAME_NOTE.format(
        name=said.get("name", "the practitioner's name"), credential=credential,
        provider=said.get("provider", "provider"),
    ) for credential in credentials)  # fmt: skip
    ids = np.where(read, new_ids[name_ids], provider_ids).astype(provider_ids.dtype)
    return (ids, values), np.flatnonzero(blank & ~read), np.where(read, notes[name_ids], 0)


def _service_year(year: str, date: str) -> int:
    """A row's year of service from its (year, date) cells: the date's year, else a four-digit year cell's, else 0
    (no date, or one that is no date: the row's bad_date error says so, and no total counts it)."""
    if date.strip():
        try:
            return date_from_text(date).year
        except ValueError:
            return 0
    text = year.strip()
    return int(text) if len(text) == 4 and text.isdigit() else 0


def _iso_date_text(text: str) -> str:
    """A date cell as the pricing reads it, ISO: a file's column is ISO already (batch.columns), a direct caller's table
    (``BatchPricer.price_table``) may hold a US or compact date (08/03/2026, 20260803: the forms ``rvucalc price
    --date`` reads), which the OPPS and ASC quarter's choice read as ISO and failed on (ValueError). A text that is no
    date stays as it is: the row's bad_date error names it."""
    if (len(text) == 10 and text[4] == "-" and text[7] == "-") or not text:
        return text
    try:
        return date_from_text(text).isoformat()
    except ValueError:
        return text


def _claim_apart(table: pa.Table) -> np.ndarray | None:
    import numpy as np

    written = (table.schema.metadata or {}).get(CLAIM_APART_KEY)
    return None if written is None else np.frombuffer(written, dtype="<i8").astype(np.int64)


def _given(table: pa.Table, position: int | None) -> tuple[np.ndarray, np.ndarray]:
    """A column as per-row ids (as ``_distinct``) and whether each distinct value is not blank: a claim id's
    text is never needed, only which rows share it (tens of thousands of ids a partition)."""
    import numpy as np
    import pyarrow.compute as pc

    if position is None:
        return np.zeros(table.num_rows, dtype=np.int32), np.zeros(1, dtype=bool)
    encoded = _encoded(table, position)
    return values_of(encoded.indices), values_of(pc.utf8_length(encoded.dictionary)) > 0


def parse_lines(
    table: pa.Table, row_errors: dict[int, str] | None = None, cells: CodeCells | None = None,
    texts: Texts | None = None, provider: str = "physician", *, provider_stated: bool = False,
    practitioner_claim: bool = False, professional_only: ProfessionalOnly | None = None,
) -> Lines:  # fmt: skip
    """Check every distinct code, modifier, units, setting value once; rows get ids and errors.

    ``cells`` keeps the (code, modifier, provider) cells already parsed, and ``texts`` the interned texts, across the
    partitions of a run. ``provider`` is the run's (``--provider``): a row's provider cell, where it has one, wins.
    ``provider_stated``: the run's --provider named the physician (``Scenario.provider_stated``), as an MD cell does.
    ``practitioner_claim``: --paid-for professional, each row the practitioner's own claim's. ``professional_only``:
    which rows' codes are a practitioner's service the hospital never bills (BatchPricer's, per distinct release and
    code), left off a facility's bill their revenue code would join (``_revenue_coded_on_the_facility_bill``)."""
    import numpy as np

    cells = CodeCells() if cells is None else cells
    names = {ours: position for position, ours in normalize_columns(table.column_names).items()}
    rows = table.num_rows
    texts = Texts() if texts is None else texts
    code_ids, code_values = _distinct(table, names.get("code"))
    modifier_ids, modifier_values = _distinct(table, names.get("modifier"))
    # Who billed each line: a position in PROVIDERS per distinct provider cell (the run's where blank or unread),
    # and the note of a cell that names no practitioner rvucalc knows ('Individual', 'RN', '01'): priced as the
    # run's --provider, the row saying so (not an error: the file's other columns price it).
    provider_ids, provider_values = _distinct(table, names.get("provider"))
    from_name, blank_provider, name_notes = _provider_from_name(table, names, provider_ids, provider_values, texts)
    if from_name is not None:
        provider_ids, provider_values = from_name
    provider_numbers: list[int] = []
    provider_problems: list[str] = []
    # per provider cell: its assistant's modifier's position in ASSISTANT_MODIFIERS, or 0; plus len(ASSISTANT_MODIFIERS)
    # where the run's --provider named the assistant (a blank cell: assistant_kind)
    assistants: list[int] = []
    run_assistant = assistant_of(provider) or ""  # --provider PTA (OTA): a blank provider cell's lines are theirs
    if run_assistant:
        provider = "physician"  # the assistant's line is billed by the therapist, as a PTA's cell's
    asc_cells: list[bool] = []  # per provider cell: it names an ASC (asc_provider), whose own line it is at the ASC
    # per provider cell: a name ending in 'surgery center' alone, which may be a physician practice's: the ASC's own
    # line at the ASC (asc_own below), elsewhere a practice's name, not read (credentials.asc_provider's surgery_center)
    centers: list[bool] = []
    for value in provider_values:
        asc_cells.append(asc_provider(value))
        centers.append(asc_cells[-1] and not asc_provider(value, surgery_center=False))
        if asc_cells[-1] and not centers[-1]:  # the ASC's own line (below: at the ASC) carries no practitioner's fee:
            assistants.append(0)  # priced as a physician's for its columns, its note said where it is not at the ASC
            provider_numbers.append(PROVIDERS.index("physician"))
            provider_problems.append(f"Provider {asc_provider_reason(value)}. Not at the ASC here: priced as a "
                                     "physician's line.")  # fmt: skip
            continue
        own = assistant_of(value)
        assistants.append(ASSISTANT_MODIFIERS.index(own or ("" if value.strip() else run_assistant)))
        if assistants[-1] and not own:
            assistants[-1] += len(ASSISTANT_MODIFIERS)
        if assistants[-1]:  # a therapy assistant's line is billed by the therapist, with CQ/CO (assistant_modifier):
            provider_numbers.append(PROVIDERS.index("therapist"))  # in private practice (engine.therapists' PC/TC 7)
            provider_problems.append("")
            continue
        try:
            provider_numbers.append(PROVIDERS.index(provider_of(value) or provider))
            provider_problems.append("")
        except ValueError:
            provider_numbers.append(PROVIDERS.index(provider))
            provider_problems.append(provider_not_read_note(value, provider))
    assistant_notes: list[str] = []
    implied = np.zeros(0, dtype=np.int8)
    if any(assistants):  # each distinct code and modifier cell of an assistant's rows once (assistant_modifier)
        kinds_of, width = 2 * len(ASSISTANT_MODIFIERS), len(modifier_values)
        combos, modifier_ids = np.unique(  # a sort (not ids_and_inverse: its count would be codes x modifiers long)
            (code_ids.astype(np.int64) * width + modifier_ids) * kinds_of
            + np.array(assistants, dtype=np.int64)[provider_ids],
            return_inverse=True,
        )
        modifier_ids = modifier_ids.reshape(-1)
        written = [
            assistant_modifier(code_values[c // kinds_of // width], modifier_values[c // kinds_of % width],
                               *assistant_kind(c % kinds_of))
            for c in combos.tolist()
        ]  # fmt: skip
        implied = np.array(  # the kind (assistant_kind) the provider column or --provider added, where it added one
            [c % kinds_of if text != modifier_values[c // kinds_of % width] else 0
             for c, (text, _) in zip(combos.tolist(), written, strict=True)], dtype=np.int8,
        )  # fmt: skip
        modifier_values = [text for text, _ in written]
        assistant_notes = [note for _, note in written]
    pair_keys, code = np.unique(
        (code_ids.astype(np.int64) * len(modifier_values) + modifier_ids) * len(PROVIDERS)
        + np.array(provider_numbers, dtype=np.int64)[provider_ids],
        return_inverse=True,
    )
    numbers = cells.find(code_values, modifier_values, pair_keys)
    codes = list(map(cells.parsed.__getitem__, numbers.tolist()))
    zip_ids, zips = _distinct(table, names.get("zip"))
    locality_ids, localities = _distinct(table, names.get("locality"))
    year_ids, years = _distinct(table, names.get("year"))
    date_ids, dates = _distinct(table, names.get("date"))
    dates = [_iso_date_text(text) for text in dates]
    when_keys, when = np.unique(year_ids.astype(np.int64) * len(dates) + date_ids, return_inverse=True)
    whens = [(years[key // len(dates)], dates[key % len(dates)]) for key in when_keys.tolist()]
    base_ids, bases = _distinct(table, names.get("base_units"))
    minute_ids, minutes = _distinct(table, names.get("minutes"))
    unit_ids, unit_values = _distinct(table, names.get("units"))
    units_as_minutes = None
    # Per code (position in codes): an anesthesia code's shape, whatever its modifiers (a test of each run's cell once).
    anesthetic = cells.tested(ANESTHESIA_SHAPE, _anesthesia_shape, numbers)
    if "units" in names and "minutes" not in names:  # Medicare's convention: an anesthesia line's units are minutes
        minute_ids, minutes, units_as_minutes = _units_as_minutes(anesthetic, code, unit_ids, unit_values)
    minute_ids, minutes, unread_minutes = _minutes_off_anesthesia(anesthetic, code, base_ids, bases, minute_ids,
                                                                  minutes)  # fmt: skip
    # A whole number written with a zero fraction ('95.0', '7.00': a spreadsheet's number) is that number; '95.5' stays
    # the row's error (anesthesia_problem). Per distinct cell.
    bases, minutes = [zero_fraction(value) for value in bases], [minutes_text(value) for value in minutes]
    anesthesia_keys, anesthesia = np.unique(base_ids.astype(np.int64) * len(minutes) + minute_ids, return_inverse=True)
    anesthesias = [(bases[key // len(minutes)], minutes[key % len(minutes)]) for key in anesthesia_keys.tolist()]
    anesthesia = anesthesia.reshape(-1)
    # Id 0 is "neither given" (batch.price and batch.claims test ``anesthesia != 0``). The blank pair is not always
    # first: a column's values are numbered as they appear, so a file whose first row has base units and minutes
    # numbered its blank rows 2 (they were labelled with the anesthesia CF, and took the rules' slower path).
    if ("", "") not in anesthesias:
        anesthesias.insert(0, ("", ""))
        anesthesia = anesthesia + 1
    elif anesthesias[0] != ("", ""):
        blank = anesthesias.index(("", ""))
        order = [blank, *(n for n in range(len(anesthesias)) if n != blank)]
        renumbered = np.empty(len(order), dtype=np.int64)
        renumbered[order] = np.arange(len(order))
        anesthesia = renumbered[anesthesia]
        anesthesias = [anesthesias[n] for n in order]
    paid_ids, paid_values = _distinct(table, names.get("paid"))
    paid_parsed = [parse_paid(value) for value in paid_values]
    charge_ids, charge_values = _distinct(table, names.get("charge"))
    charge_parsed = [parse_paid(value) for value in charge_values]
    unit_numbers = [_units(value) for value in unit_values]
    setting_ids, setting_values = _distinct(table, names.get("setting"))
    claim_ids, claim_given = _given(table, names.get("claim"))
    state_ids, state_values = _distinct(table, names.get("state"))
    states = [_state(value) for value in state_values]
    rural_ids, rural_values = _distinct(table, names.get("rural"))
    patient_zip_ids, patient_zips = _distinct(table, names.get("patient_zip"))
    rurals = [_rural(value) for value in rural_values]
    participation_ids, participation_values = _distinct(table, names.get("participation"))
    participations = np.array([participation_of(value) for value in participation_values], dtype=np.int8)
    contract_ids, contract_values = _distinct(table, names.get("contract_rate"))
    contract_parsed = [parse_paid(value) for value in contract_values]
    wage_ids, wage_values = _distinct(table, names.get("wage_index"))
    wage_indexes = [_wage_index(value) for value in wage_values]
    asc_wage_ids, asc_wage_values = _distinct(table, names.get("asc_wage_index"))
    asc_wage_indexes = [_wage_index(value, "asc_wage_index") for value in asc_wage_values]
    places = [_place_of_service(value) for value in setting_values]
    site_numbers = [number for number, _, _ in places]
    lines = Lines(
        rows=rows, texts=texts, code=code.astype(np.int32).reshape(-1), codes=codes,
        cell=numbers, code_number=cells.code_number_of(numbers), run_cells=cells,
        zip=zip_ids, zips=zips,
        locality=locality_ids, localities=localities, when=when.astype(np.int32).reshape(-1), whens=whens,
        units=_units_of_rows(unit_numbers, unit_ids, units_as_minutes),
        anesthesia=anesthesia.astype(np.int32).reshape(-1), anesthesias=anesthesias,
        paid=np.array([cents or 0 for cents, _ in paid_parsed], dtype=np.int64)[paid_ids],
        paid_given=np.array([cents is not None for cents, _ in paid_parsed], dtype=bool)[paid_ids],
        site=np.array(site_numbers, dtype=np.int8)[setting_ids],
        error=np.zeros(rows, dtype=np.int32), error_kind=np.zeros(rows, dtype=np.int8),
        release=np.zeros(rows, dtype=np.int32), locality_priced=np.zeros(rows, dtype=np.int32),
        scenario=np.zeros(rows, dtype=np.int32), claim=claim_ids, claim_given=claim_given,
        dated="date" in names or "year" in names, placed="zip" in names or "locality" in names,
        sited="setting" in names, apart=_claim_apart(table), patient=patients_of(table),
        claim_texts=table.column(names["claim"]) if "claim" in names else None,
        state=state_ids, states=[state for state, _ in states], state_errors=[problem for _, problem in states],
        rural=rural_ids, rurals=[rural for rural, _ in rurals], rural_errors=[problem for _, problem in rurals],
        patient_zip=patient_zip_ids if "patient_zip" in names else None, patient_zips=patient_zips,
        wage_index=np.array([index for index, _ in wage_indexes], dtype=np.int64)[wage_ids]
        if "wage_index" in names else None,
        asc_wage_index=np.array([index for index, _ in asc_wage_indexes], dtype=np.int64)[asc_wage_ids]
        if "asc_wage_index" in names else None,
        participation=participations[participation_ids] if "participation" in names else None,
        participation_unread=(np.array([v.strip() != "" and p < 0 for v, p in zip(participation_values,
                                                                                  participations.tolist(),
                                                                                  strict=True)],
                                       dtype=bool)[participation_ids] if "participation" in names else None),
        contract_rate=(np.array([cents or 0 for cents, _ in contract_parsed], dtype=np.int64)[contract_ids]
                       if "contract_rate" in names else None),
        contract_rate_given=(np.array([cents is not None and cents >= 0 for cents, _ in contract_parsed],
                                      dtype=bool)[contract_ids] if "contract_rate" in names else None),
        contract_rate_unread=(np.array([problem is not None or (cents is not None and cents < 0)
                                        for cents, problem in contract_parsed],
                                       dtype=bool)[contract_ids] if "contract_rate" in names else None),
    )  # fmt: skip
    for name in MONEY_COLUMNS:
        lines.cents[name] = np.zeros(rows, dtype=np.int64)
        lines.valid[name] = np.zeros(rows, dtype=bool)
    # In the single lookup's order, so that a row with several problems reports the same one:
    # the line's shape, its setting and anesthesia inputs, then (when priced) its date, place and code.
    row_notes = {row: message for row, message in (row_errors or {}).items() if isinstance(message, RowNote)}
    if row_notes:  # notes, not errors: the row is priced (batch.columns.RowNote)
        row_errors = {row: message for row, message in (row_errors or {}).items() if row not in row_notes}
    if row_errors:
        positions = np.fromiter(row_errors, dtype=np.int64)
        # A message may carry its kind (batch.columns.RowError: a bad date or units cell); else a ragged line.
        kinds = [
            kind_id(ErrorKind(getattr(message, "kind", ErrorKind.RAGGED_LINE.value))) for message in row_errors.values()
        ]
        lines.fail(positions, texts.ids(row_errors.values()), np.array(kinds, dtype=np.int8))
    if implied.any():
        lines.assistant_implied = implied[modifier_ids]
    if any(assistant_notes):  # an assistant's line priced with CQ/CO, or one it does not fit (assistant_modifier)
        said = texts.ids(assistant_notes)[modifier_ids]
        at = np.flatnonzero(said)
        lines.add_note("provider", at, said[at])
    # The ASC's own lines (asc_provider at the ASC: POS 24, setting asc): no practitioner's, none unread
    asc_own = np.array(asc_cells, dtype=bool)[provider_ids] & (lines.site == SITE_NAMES.index("asc"))
    by_cell = asc_own.copy()
    if "billing_provider" in names:  # or by its billing provider, the surgeon rendering (columns.BILLING_PROVIDERS)
        billing_ids, billing_values = _distinct(table, names["billing_provider"])
        billed_by_asc = np.array([asc_billing_provider(value) for value in billing_values], dtype=bool)[billing_ids]
        # Not an anesthesia code's line (the ASC's payment includes anesthesia: 42 CFR 416.164(a)(13)) nor a line an
        # NP, PA, CRNA ... rendered: those are the practitioner's claim, under a group named as the ASC is
        surgeon = np.array([number == PROVIDERS.index("physician") for number in provider_numbers], dtype=bool)
        anesthesia_code = np.array([ANESTHESIA_CODE.fullmatch(value.strip()[:5]) is not None for value in code_values],
                                   dtype=bool)  # fmt: skip
        at_asc = lines.site == SITE_NAMES.index("asc")
        by_billing = billed_by_asc & surgeon[provider_ids] & ~anesthesia_code[code_ids] & at_asc
        asc_own |= by_billing
        # the ASC's own claims told apart by their billing provider, in this chunk or anywhere in the file (a review:
        # with --chunk-rows 100, 99 practice rows before the ASC's own row were compared with the site's whole, read
        # "underpaid" by the ASC's payment each, where in one chunk they were compared with professional_allowed)
        in_file = (table.schema.metadata or {}).get(ASC_BILLING_KEY) == b"1"
        if by_billing.any() or in_file:  # the others' are no ASC's
            given = np.array([bool(value) for value in billing_values], dtype=bool)[billing_ids]
            lines.practice_billed = given & at_asc & ~by_billing
    if name_notes is not None:  # rows read by the practitioner's name: their note (_provider_from_name)
        if any(centers):  # a surgery center's name away from the ASC is not read: its not-read note alone
            name_notes = np.where(np.array(centers, dtype=bool)[provider_ids] & ~asc_own, 0, name_notes)
        at = np.flatnonzero(name_notes)
        lines.add_note("provider", at, name_notes[at])
        lines.provider_from_name = at
    if "provider" in names:
        lines.blank_provider = blank_provider
    supplier_cells = [dme_supplier_cell(value) for value in provider_values]
    if any(supplier_cells):
        lines.dme_supplier = np.array(supplier_cells, dtype=bool)[provider_ids]
    labs = [lab_cell(value) for value in provider_values]
    if any(labs):
        lines.independent_lab = np.array(labs, dtype=bool)[provider_ids]
    if any(provider_problems):  # one pass over the rows, not one per distinct unread cell
        unread = np.where(asc_own, 0, texts.ids(provider_problems)[provider_ids])
        # A nurse's, technologist's or technician's cell on a facility's own bill (13x, 83x) is read as a blank one:
        # the facility bills the line (credentials.facility_staff_cell), no practitioner's credential to give
        staff = [bool(problem) and facility_staff_cell(value)
                 for value, problem in zip(provider_values, provider_problems, strict=True)]  # fmt: skip
        if any(staff):
            on_bill = np.array([facility_bill(value) for value in setting_values], dtype=bool)[setting_ids]
            unread = np.where(on_bill & np.array(staff, dtype=bool)[provider_ids], 0, unread)
        at = np.flatnonzero(unread)
        lines.add_note("provider", at, unread[at])
        lines.unread_provider = at
        if any(staff):  # a nurse's, technologist's ... cell off a facility's bill: counted apart (STAFF_PROVIDER_KEY)
            lines.staff_provider = at[np.array(staff, dtype=bool)[provider_ids[at]]]
    # A provider cell naming a physician (MD, DO ...) on a line whose AJ or AH names a clinical social worker or
    # psychologist, or whose anesthesia QZ or QX a CRNA (engine.anesthesia.practitioner_conflict): refused as an NP's
    # cell with AJ is (lookup.lines.check_practitioner), not paid as the modifier's. A CRNA's cell with AA, AD, QK or QY
    # is refused where its line is prepared (lookup.lines.prepare, the row's provider crna).
    physician = PROVIDERS.index("physician")
    # The run's --provider md names the physician of the rows whose cell is blank (or of a file without the column).
    rows_of = zip(provider_values, assistants, provider_problems, provider_numbers, strict=True)
    named = np.array([(bool(value.strip()) or provider_stated) and not helper and not problem and number == physician
                      for value, helper, problem, number in rows_of], dtype=bool)  # fmt: skip
    if named.any() and any({"AJ", "AH", "QZ", "QX"} & set(cell.written) for cell in codes):
        cell_of_row, by_physician = numbers[code.reshape(-1)], named[provider_ids]
        for number in np.unique(cell_of_row[by_physician]).tolist():
            try:
                check_practitioner(cells.parsed[number].code, cells.parsed[number].written, "physician", stated=True)
            except UsageError as exc:
                lines.fail_with(np.flatnonzero(by_physician & (cell_of_row == number)), exc)
    for number, (_, note, problem) in enumerate(places):
        mine = np.flatnonzero(setting_ids == number)
        if problem is not None:
            lines.fail_with(mine, problem)
        elif note and mine.size:
            lines.add_note("setting", mine, texts.id(note))
    for number, (_, problem) in enumerate(wage_indexes):  # a wage index cell price's --wage-index refuses: its error
        if problem is not None:
            lines.fail_with(np.flatnonzero(wage_ids == number), problem)
    for number, (_, problem) in enumerate(asc_wage_indexes):  # as price's --asc-wage-index refuses it
        if problem is not None:
            lines.fail_with(np.flatnonzero(asc_wage_ids == number), problem)
    _department_notes(lines, setting_ids, setting_values, practitioner_claim)
    if "bill_department" in names:
        _bill_department_notes(lines, *_distinct(table, names["bill_department"]), practitioner_claim)
    if "laterality" in names:
        column = (table.schema.metadata or {}).get(LATERALITY_COLUMN_KEY, b"Laterality").decode()
        _laterality_notes(lines, *_distinct(table, names["laterality"]), column)
    lines.setting_of = setting_ids
    lines.setting_places = [_place_and_site(value) for value in setting_values]
    lines.old_pos_name = any(map(is_old_pos_name, setting_values))  # said once for the run (BatchPricer)
    bills = [facility_bill(value) for value in setting_values]
    if any(bills):
        lines.facility_bill = np.array(bills, dtype=bool)[setting_ids]
    if "bill_beside" in names:
        beside_ids, beside_values = _distinct(table, names["bill_beside"])
        counts = np.bincount(beside_ids, minlength=len(beside_values))
        lines.bill_beside = {value: int(count) for value, count in zip(beside_values, counts, strict=True) if value}
    if asc_own.any():  # the ASC's own claim line, as a type of bill 83x row (ASC_PROVIDER_WORDS: ch. 14 §50)
        by_bill = lines.facility_bill if lines.facility_bill is not None else np.zeros(rows, dtype=bool)
        lines.asc_own = asc_own & ~by_bill
        if (asc_own & ~by_cell & ~by_bill).any():  # by its billing provider alone
            lines.asc_billed = asc_own & ~by_cell & ~by_bill
        lines.facility_bill = by_bill | asc_own
    if "revenue_code" in names:  # after facility_bill: an ASC's own bill's lines alone are the ASC's
        cah = [problem is not None and critical_access_bill(value)
               for value, (_, _, problem) in zip(setting_values, places, strict=True)]  # fmt: skip
        cah_rows = np.array(cah, dtype=bool)[setting_ids] if any(cah) else None
        # A row with a type of bill of its own (a 131 row on the 851's claim id) keeps its own reading.
        own_bill = (np.array([is_type_of_bill(value) for value in setting_values], dtype=bool)[setting_ids]
                    if cah_rows is not None else None)  # fmt: skip
        _revenue_code_lines(
            lines, table, names, code_ids, code_values, cah_rows, own_bill, professional_only, setting_values
        )
    problems = [anesthesia_problem(base, minutes) for base, minutes in anesthesias]
    for number, problem in enumerate(problems):
        if problem is not None:
            lines.fail_with(np.flatnonzero(lines.anesthesia == number), problem)
    _anesthesia_units(lines, [int(minutes) if base and minutes and problem is None else -1
                              for (base, minutes), problem in zip(anesthesias, problems, strict=True)])  # fmt: skip
    # Messages are interned only when used: the writer checks the texts for CSV quoting.
    # A paid cell that is no amount ('abc', '1.245,78' in a column of US amounts) is not compared, and its row is
    # priced: what Medicare pays does not depend on it (a review found such rows unpriced, bad_paid errors).
    if any(problem for _, problem in paid_parsed):
        paid_notes = texts.ids(f"Paid amount not compared: {problem}" if problem else ""
                               for _, problem in paid_parsed)[paid_ids]  # fmt: skip
        unread_paid = np.flatnonzero(paid_notes)
        lines.add_note("paid", unread_paid, paid_notes[unread_paid])
        lines.unread_paid = unread_paid
    # A paid cell that says no amount ('-', 'N/A': a denied line's remit) is not compared: its row says so.
    worded = np.array([cents is None and problem is None and bool(value.strip())
                       for (cents, problem), value in zip(paid_parsed, paid_values, strict=True)],
                      dtype=bool)  # fmt: skip
    if worded.any():
        said_as = "Paid amount not compared: the paid cell says {!r} (read as no amount)."
        notes = texts.ids(said_as.format(value.strip()) if flag else ""
                          for flag, value in zip(worded.tolist(), paid_values, strict=True))  # fmt: skip
        said = np.flatnonzero(worded[paid_ids])
        lines.add_note("paid", said, notes[paid_ids[said]])
    if "charge" in names:
        _charges(lines, charge_ids, charge_values, charge_parsed)
    noted: dict[tuple[str, str], list[int]] = {}
    for row, note in row_notes.items():  # a workbook's few rows: each distinct note added once
        for part in note.parts:
            noted.setdefault(part, []).append(row)
    for (slot, text), rows_noted in noted.items():
        lines.add_note(slot, np.array(rows_noted, dtype=np.int64), texts.id(text))
    paid_unread = [row for row, note in row_notes.items() if note.paid]
    if paid_unread:  # a paid cell not read (not compared): counted with the paid cells that are no amount
        found = np.array(paid_unread, dtype=np.int64)
        lines.unread_paid = found if lines.unread_paid is None else np.union1d(lines.unread_paid, found)
    if unread_minutes.any():
        lines.add_note("minutes", np.flatnonzero(unread_minutes), texts.id(MINUTES_NOT_READ))
    bad_unit = np.array([n is None for n in unit_numbers], dtype=bool)[unit_ids]
    if units_as_minutes is not None and units_as_minutes.any():
        lines.add_note("minutes", np.flatnonzero(units_as_minutes), texts.id(UNITS_AS_MINUTES))
        bad_unit &= ~units_as_minutes  # its minutes: an unreadable cell is the minutes' error (anesthesia_problem)
    bad_units = np.flatnonzero(bad_unit)
    if bad_units.size:
        # A units cell written h:mm ('1:35', passed on by batch.columns.pricing_view) is read only on an anesthesia
        # line (its minutes, above); elsewhere it is the error any other unreadable units cell gets there.
        generic = f"units must be a whole number from 1 to {MAX_UNITS:,}"
        bad_values, inverse = np.unique(unit_ids[bad_units], return_inverse=True)
        said = [_units_error(unit_values[value]) if duration_minutes(unit_values[value]) is not None else generic
                for value in bad_values.tolist()]  # fmt: skip
        lines.fail(bad_units, texts.ids(said)[inverse.reshape(-1)], kind_id(ErrorKind.BAD_UNITS))
    return lines


# A UB-04 line may carry a revenue code (FL 42) and no HCPCS code (FL 44): pharmacy (0250), supplies (0270-0272),
# anesthesia (0370), recovery room (0710). The OPPS makes no separate payment for such a line: the I/OCE gives it status
# indicator N ("Packaged service (status indicator N, or no HCPCS code and certain revenue codes)", its packaging flag,
# HL7 table 0469), or Z, "valid revenue code with blank HCPCS and no other SI assigned" (the OCE's status indicators, as
# Noridian JE lists them), and its charges are in the claim's APC payments: "No separate payment is made for packaged
# services ... routine supplies, anesthesia, recovery rooms, and most drugs are considered to be an integral part of a
# surgical procedure" (Claims Processing Manual, Pub. 100-04, ch. 4 §10.4, Packaging). The OCE also lists revenue codes
# that require a HCPCS code, a line of which it refuses: paid nothing either (rvucalc has no OCE list to tell them).
_REVENUE_CODE = re.compile(r"[0-9]{3,4}", re.ASCII)
_PROFESSIONAL_FEE_REVENUE = re.compile(r"0?9[6-8][0-9]", re.ASCII)
REVENUE_CODE_LINE = (
    "Revenue code {revenue} without a HCPCS code: packaged into the claim's OPPS payment (no separate payment, $0.00: "
    "Claims Processing Manual ch. 4 §10.4)"
)
# An ASC's own bill (type of bill 83x, or the ASC's POS 24 line) likewise: what the ASC furnishes with a covered
# surgical procedure that is not separately paid is in the procedure's ASC payment: "ASC services for which payment is
# packaged into the ASC payment for a covered surgical procedure ... include ... Drugs and biologicals for which
# separate payment is not allowed under the [OPPS]; Medical and surgical supplies not on pass-through status ...;
# Equipment; Surgical dressings; Implanted prosthetic devices ... not on pass-through status ...; Materials, including
# supplies and equipment for the administration and monitoring of anesthesia" (42 CFR 416.164(a)). A separately paid
# item (a covered ancillary service, 416.164(b): Addendum BB) is billed by its HCPCS code: a line without one is paid
# nothing. A trial's ASC export (type of bill 831) had each 0250 pharmacy line a malformed_code error and its claim's
# arthroscopy told "the rules ran without line 2 (no code)".
REVENUE_CODE_LINE_ASC = (
    "Revenue code {revenue} without a HCPCS code: packaged into the ASC's payment for the claim's covered surgical "
    "procedures (no separate payment, $0.00: 42 CFR 416.164(a), supplies, drugs, anesthesia materials and implants "
    "not separately paid)"
)
# The same line on an ASC's claim with no covered surgical procedure (an Addendum AA line the ASC is paid for:
# engine.facility.asc_covered_procedure; batch.claims._asc_revenue_lines_without_procedure): 416.164(a) packages these
# items "into the ASC payment for a covered surgical procedure", and the claim has none, so nothing is paid for them,
# where a trial's 831 claim of 0360 and 0250 lines alone said each was "packaged into the ASC's payment for the
# claim's covered surgical procedures".
REVENUE_CODE_LINE_ASC_NO_PROCEDURE = (
    "Revenue code {revenue} without a HCPCS code, on an ASC claim with no covered surgical procedure (Addendum AA): "
    "nothing is paid for this line ($0.00): the ASC's supplies, drugs, anesthesia materials and implants not "
    "separately paid are packaged into its payment for a covered surgical procedure (42 CFR 416.164(a)), and this "
    "claim has none"
)
_ASC_REVENUE_PART = re.compile(re.escape(REVENUE_CODE_LINE_ASC).replace(re.escape("{revenue}"), "([0-9]{3,4})"))


def asc_revenue_without_procedure(part: str) -> str:
    """A note part: ``REVENUE_CODE_LINE_ASC`` said as ``REVENUE_CODE_LINE_ASC_NO_PROCEDURE`` (its revenue code kept);
    any other part as it is."""
    found = _ASC_REVENUE_PART.fullmatch(part)
    return REVENUE_CODE_LINE_ASC_NO_PROCEDURE.format(revenue=found.group(1)) if found else part


def _revenue_code_lines(
    lines: Lines,
    table: pa.Table,
    names: dict[str, int],
    code_ids: np.ndarray,
    code_values: list[str],
    cah: np.ndarray | None = None,
    own_bill: np.ndarray | None = None,
    professional_only: ProfessionalOnly | None = None,
    setting_values: list[str] | None = None,
) -> None:
    """The rows with a revenue code and no HCPCS code at the hospital outpatient department (REVENUE_CODE_LINE) or on
    an ASC's own bill (REVENUE_CODE_LINE_ASC: ``lines.facility_bill``): their note, and ``lines.revenue_code_lines``;
    elsewhere (the office, a practitioner's line at an ASC, no setting) such a row stays the error its blank code is
    (lookup.lines.check_code_shape). Per distinct code and revenue code cell."""
    import numpy as np

    revenue_ids, revenue_values = _distinct(table, names["revenue_code"])
    # 0001 is the UB-04's total line, no service (batch.columns._subtotal_rows): never "packaged"
    revenue_shaped = np.array([bool(_REVENUE_CODE.fullmatch(value)) and value.lstrip("0") != "1"
                               for value in revenue_values], dtype=bool)  # fmt: skip
    blank_code = np.array([not value for value in code_values], dtype=bool)
    # a professional fee's revenue code (96x, 97x, 98x: "bill the professional services ... using revenue codes 96X, 97X
    # or 98X ... performed by the physician or the nonphysician practitioner", Empire Medicare Services, MIR-2007-05A)
    # names a practitioner's service: not the facility's own line (Lines.revenue_coded)
    facility_coded = revenue_shaped & np.array([not _PROFESSIONAL_FEE_REVENUE.fullmatch(value)
                                                for value in revenue_values], dtype=bool)  # fmt: skip
    if facility_coded.any():
        lines.revenue_coded = facility_coded[revenue_ids]
        _revenue_coded_on_the_facility_bill(lines, professional_only)  # before an ASC's own bill's lines below
        if cah is not None and own_bill is not None:
            _revenue_coded_on_a_critical_access_bill(lines, cah, own_bill, professional_only, setting_values)
    found = blank_code[code_ids] & revenue_shaped[revenue_ids] & (lines.error == 0)
    hospital = found & (lines.site == SITE_NAMES.index("hopd"))
    asc = found & (lines.site == SITE_NAMES.index("asc"))
    if lines.facility_bill is None:
        asc[:] = False
    else:
        asc &= lines.facility_bill
    if not (hospital.any() or asc.any()):
        return
    lines.revenue_code_lines = hospital | asc
    shaped_values = list(zip(revenue_values, revenue_shaped.tolist(), strict=True))
    for rows, text in ((hospital, REVENUE_CODE_LINE), (asc, REVENUE_CODE_LINE_ASC)):
        at = np.flatnonzero(rows)
        if at.size:
            said = lines.texts.ids(text.format(revenue=value) if shaped else "" for value, shaped in shaped_values)
            lines.add_note("line", at, said[revenue_ids[at]])


def _revenue_coded_on_the_facility_bill(lines: Lines, professional_only: ProfessionalOnly | None = None) -> None:
    """The rows with a facility's revenue code (``Lines.revenue_coded``) and no type of bill of their own, at the
    hospital or ASC, whose claim id holds a facility's own bill's rows at that site (``Lines.facility_bill``: type of
    bill 13x, 83x): a line of that bill, added to ``lines.facility_bill``.

    The UB-04 (Form CMS-1450) is "a uniform institutional provider bill" (Claims Processing Manual ch. 25 §70.1): its
    type of bill, Form Locator 4, is the bill's, one for all its lines (§75.1), and its revenue code, Form Locator 42,
    each line's (§75.4); a practitioner's CMS-1500 has no field for a revenue code. An export that writes the bill
    type on the claim's first row alone ('131' on its 93306, blank on its 71046 with revenue code 0324) left the other
    lines a practitioner's claim of their own: the claim id cut in two (batch.claims.billing_entities), the encounter
    rules run on each part alone and --summary's facility_claims without them, counting them among the
    practitioners' claims at the PFS facility amount. Session 72 fixed their paid comparison alone
    (BatchPricer._paid_for_by_line). A professional fee's revenue code (096x-098x) is no facility's line, and a row at
    another site than the bill's (POS 11 beside a 131), or with no claim id, keeps its reading. Whole columns."""
    import numpy as np

    if lines.facility_bill is None or lines.revenue_coded is None or lines.claim is None or lines.claim_given is None:
        return
    given = lines.claim_given[lines.claim]
    facility = np.isin(lines.site, [SITE_NAMES.index("hopd"), SITE_NAMES.index("asc")])
    key = lines.claim.astype(np.int64) * len(SITE_NAMES) + lines.site
    billed = np.unique(key[lines.facility_bill & given & facility])
    joined = lines.revenue_coded & ~lines.facility_bill & given & facility & np.isin(key, billed)
    if joined.any():
        # A line whose own modifier puts it on a practitioner's claim alone (26, the professional component; 80, 81,
        # 82, AS; AA, AD, QK, QX, QY, QZ; 54, 55, 56: lookup.paid_for.PROFESSIONAL_CLAIM_MODIFIERS, modifiers a
        # hospital's or ASC's own claim never carries, the facility's part billed on its own claim: split billing,
        # 79 FR 66910, Claims Processing Manual ch. 12 §20.4.2) keeps that reading beside the bill, each line read by
        # its own word (BatchPricer._paid_for_by_line), its revenue code or not: a review's HB/PB export's 71046-26
        # (revenue code 0324, no type of bill) beside a 131 row had its $10.39 PFS facility fee's paid amount compared
        # with the hospital's $91.29 OPPS rate. Per distinct code cell (Lines.flag, as BatchPricer's own).
        joined &= ~_professional_claim_lines(lines)
    if joined.any() and professional_only is not None:
        joined &= ~professional_only(lines, joined)
    if joined.any():
        lines.facility_bill = lines.facility_bill | joined


def _professional_claim_lines(lines: Lines) -> np.ndarray:
    """Per row, whether its own modifier puts it on a practitioner's claim (lookup.paid_for.professional_claim_line:
    26, 80-82/AS, an anesthesia payment modifier, 54-56). Per distinct code cell (Lines.flag)."""
    professional = lines.flag(
        "professional claim line", lambda cell: professional_claim_line(cell.modifiers) is not None
    )
    return professional[lines.code]  # type: ignore[no-any-return]


def _revenue_coded_on_a_critical_access_bill(
    lines: Lines,
    cah: np.ndarray,
    own_bill: np.ndarray,
    professional_only: ProfessionalOnly | None = None,
    setting_values: list[str] | None = None,
) -> None:
    """The rows with a facility's revenue code (``Lines.revenue_coded``) and no type of bill of their own at the
    hospital outpatient department (POS 19, 22, 23), whose claim id holds a critical access hospital's 85x rows
    (``cah``, each its row's error): a line of that bill, given the same error, as the 85x row has.

    The type of bill, the UB-04's Form Locator 4, is the bill's, one for all its lines (Claims Processing Manual ch. 25
    §75.1; ``_revenue_coded_on_the_facility_bill`` joins a 13x or 83x bill's lines so), and a CAH's outpatient bill is
    paid 101% of its reasonable cost (42 CFR 413.70; its facility's part is reasonable cost under the optional method
    too, the practitioners' 096x-098x lines 115% of the fee schedule: ch. 4 §250.2), not the OPPS. A trial's claim of
    93306 (TOB 851, revenue code 0483) and 71046 (revenue code 0324, TOB blank), POS 22, ZIP 19146, 2025-11-29,
    refused the 851 row and priced the 71046 at the OPPS rate, $91.29 beside the PFS's $10.39: $101.68 counted in the
    hopd total. A professional fee's revenue code (096x-098x: not ``revenue_coded``), a line whose own modifier is a
    practitioner's (26 ...), a row at another site (POS 11) or with no claim id keeps its reading. Whole columns."""
    import numpy as np

    if lines.revenue_coded is None or lines.claim is None or lines.claim_given is None:
        return
    given = lines.claim_given[lines.claim]
    source = cah & given & (lines.error != 0)
    if not source.any():
        return
    claims, first = np.unique(lines.claim[source], return_index=True)
    from_rows = np.flatnonzero(source)[first]
    # ``own_bill``: a row whose setting cell is a type of bill of its own (a 131 row under the 851's claim id, a review
    # found it refused with the 851's error) is read by that bill, as the docstring's "no type of bill" says.
    joined = (lines.revenue_coded & ~cah & ~own_bill & given & (lines.site == SITE_NAMES.index("hopd"))
              & np.isin(lines.claim, claims))  # fmt: skip
    if joined.any():
        joined &= ~_professional_claim_lines(lines)
    if joined.any() and professional_only is not None:  # a practitioner's service (93010): its own claim's
        joined &= ~professional_only(lines, joined)
    if joined.any() and setting_values is not None:
        joined &= ~_on_two_bills(lines, joined, cah, own_bill, claims, from_rows, setting_values)
    at = np.flatnonzero(joined)
    if at.size:
        of = from_rows[np.searchsorted(claims, lines.claim[at])]
        lines.fail(at, lines.error[of], lines.error_kind[of])


# A row without a type of bill of its own under a claim id whose rows carry both a CAH's 85x and a hospital's or ASC's
# own type of bill (13x, 83x): one UB-04 has one type of bill, Form Locator 4, for all its lines (Claims Processing
# Manual ch. 25 §75.1), so such a claim id holds two bills and the row's cannot be told. Its row error (as an
# ambiguous cell's: lookup.dates' slash date) names both and what to give, where the row took the 851 row's error (a
# review: 71046 with revenue code 0324 beside 93005's 131 row and 71046's 851 row).
TWO_BILLS_ERROR = (
    "type of bill not given, and this row's claim id holds two: {cah} (a critical access hospital's) and {other} "
    "({whose}); a UB-04 has one type of bill for all its lines (Form Locator 4: Claims Processing Manual ch. 25 "
    "§75.1), so the bill this line is on cannot be told: give the row its own type of bill ({cah} or {other})"
)
_BILL_OWNERS = {"13": "a hospital outpatient department's", "83": "an ambulatory surgery center's"}


def _on_two_bills(
    lines: Lines,
    joined: np.ndarray,
    cah: np.ndarray,
    own_bill: np.ndarray,
    claims: np.ndarray,
    from_rows: np.ndarray,
    setting_values: list[str],
) -> np.ndarray:
    """Of the ``joined`` rows (a CAH's bill's lines by their claim id: ``claims``, each's first 85x row
    ``from_rows``), those whose claim id also holds a row of a hospital's or ASC's own type of bill (13x, 83x): each
    given TWO_BILLS_ERROR (kind bad_setting) naming the first of each, and left off the facility's bill it was joined
    to (``_revenue_coded_on_the_facility_bill``). Whole columns; the message per distinct pair of bills."""
    import numpy as np

    found = np.zeros(lines.rows, dtype=bool)
    if lines.facility_bill is None or lines.setting_of is None or lines.claim is None:
        return found
    other = lines.facility_bill & own_bill & ~cah & lines.claimed()
    if not other.any():
        return found
    other_claims, first = np.unique(lines.claim[other], return_index=True)
    other_rows = np.flatnonzero(other)[first]
    found = joined & np.isin(lines.claim, other_claims)
    at = np.flatnonzero(found)
    if not at.size:
        return found
    cah_setting = lines.setting_of[from_rows[np.searchsorted(claims, lines.claim[at])]]
    other_setting = lines.setting_of[other_rows[np.searchsorted(other_claims, lines.claim[at])]]
    pairs, inverse = np.unique(np.stack([cah_setting, other_setting]), axis=1, return_inverse=True)
    said = []
    for cah_id, other_id in pairs.T.tolist():
        bill = setting_values[other_id].strip()
        said.append(TWO_BILLS_ERROR.format(cah=setting_values[cah_id].strip(), other=bill,
                                           whose=_BILL_OWNERS.get(bill.lstrip("0")[:2], "a facility's")))  # fmt: skip
    lines.fail(at, lines.texts.ids(said)[inverse.reshape(-1)], kind_id(ErrorKind.BAD_SETTING))
    lines.facility_bill = lines.facility_bill & ~found
    return found


def _anesthesia_units(lines: Lines, minutes: list[int]) -> None:
    """The units of rows priced as anesthesia (``minutes``: each anesthesia id's minutes, -1 where it is not priced
    so), as the single lookup's ``anesthesia_units``: 1 is one service; units equal to the row's minutes are its
    minutes (one service, and the note); other units are the row's error, with both values."""
    import numpy as np

    of_row = np.array(minutes, dtype=np.int64)[lines.anesthesia]
    timed = (of_row >= 0) & (lines.units != 1) & (lines.error == 0)
    same = np.flatnonzero(timed & (lines.units == of_row))
    other = np.flatnonzero(timed & (lines.units != of_row))
    if same.size:
        lines.add_note("line", same, lines.texts.per_value(lines.units[same], lambda units: UNITS_ARE_MINUTES.format(
            units=units)))  # fmt: skip
        lines.units[same] = 1
    if other.size:
        pairs, inverse = np.unique(np.stack([lines.units[other], of_row[other]]), axis=1, return_inverse=True)
        errors = [anesthesia_units_error(units, time) for units, time in pairs.T.tolist()]
        lines.fail(other, lines.texts.ids(str(error) for error in errors)[inverse.reshape(-1)],
                   kind_id(ErrorKind.BAD_UNITS))  # fmt: skip


# A claim export's minutes column is often therapy or visit time: on a code outside anesthesia (CPT 00100-01999, the
# RVU file's status J rows: tests/test_batch_anesthesia.py) a minutes cell with no base units is not read, and the
# row says so (``rvucalc price 97110 --minutes 30``, an explicit option, is refused: it can only be a mistake).
MINUTES_NOT_READ = (
    "Minutes not read: they are anesthesia time, read on anesthesia codes (00100-01999) only. This line is priced "
    "without them"
)


# An anesthesia line reports its time in minutes in the units field: Claims Processing Manual (Pub. 100-04) ch. 12
# §50.G, "Actual anesthesia time in minutes is reported on the claim", and the 837P (005010X222A1, SV103 code MJ,
# "Minutes": "Required for Anesthesia claims"), box 24G of the CMS-1500. A claim export with one units column (a
# trial's Units: 22 on 00142, 2 on 64484) has no other minutes: with no minutes column (or minutes and units naming
# the same one) an anesthesia code's units cell is its minutes, and the other lines' units stay units.
UNITS_AS_MINUTES = (
    "Units read as the anesthesia minutes (Medicare's claims report anesthesia time in minutes in the units field: "
    "Claims Processing Manual ch. 12 §50.G), no separate minutes column"
)


def _units_as_minutes(
    anesthetic: np.ndarray, code: np.ndarray, unit_ids: np.ndarray, unit_values: list[str]
) -> tuple[np.ndarray, list[str], np.ndarray]:
    """The minutes ids of a file with no minutes column: an anesthesia code's units cell (00100-01999; ``anesthetic``
    per code, ``_anesthesia_shape``), blank on the other rows; which rows read their units so (once per distinct code
    and units cell, then on arrays)."""
    import numpy as np

    given = np.array([bool(value) for value in unit_values], dtype=bool)
    read = anesthetic[code.reshape(-1)] & given[unit_ids]
    minutes = list(unit_values) if "" in unit_values else [*unit_values, ""]
    minute_ids = np.where(read, unit_ids, minutes.index("")).astype(np.int32)
    return minute_ids, minutes, read


# CodeCells.tested's name of ``_anesthesia_shape``: apart from batch.price's "anesthesia code" (a cell read without
# error), as the minutes are read off any cell of an anesthesia code's shape.
ANESTHESIA_SHAPE = "anesthesia code shape"


def _anesthesia_shape(parsed: _Code) -> bool:
    return ANESTHESIA_CODE.fullmatch(parsed.code) is not None


def _units_of_rows(unit_numbers: list[int | None], unit_ids: np.ndarray, as_minutes: np.ndarray | None) -> np.ndarray:
    """Each row's units (blank or unreadable: 1, the error said apart); a row whose units cell is its anesthesia
    minutes (``_units_as_minutes``) is one service."""
    import numpy as np

    units: np.ndarray = np.array([u or 1 for u in unit_numbers], dtype=np.int64)[unit_ids]
    if as_minutes is not None:
        units[as_minutes] = 1
    return units


def _minutes_off_anesthesia(
    anesthetic: np.ndarray, code: np.ndarray, base_ids: np.ndarray, bases: list[str], minute_ids: np.ndarray,
    minutes: list[str],
) -> tuple[np.ndarray, list[str], np.ndarray]:  # fmt: skip
    """The minutes ids with the cells of rows outside anesthesia (no base units; ``anesthetic`` per code) read as
    blank; which rows."""
    import numpy as np

    given = np.array([bool(value) for value in minutes], dtype=bool)[minute_ids]
    no_base = np.array([not value for value in bases], dtype=bool)[base_ids]
    unread = given & no_base & ~anesthetic[code.reshape(-1)]
    if not unread.any():
        return minute_ids, minutes, unread
    if "" not in minutes:
        minutes = [*minutes, ""]
    minute_ids = minute_ids.copy()
    minute_ids[unread] = minutes.index("")
    return minute_ids, minutes, unread


FACILITY_PROFESSIONAL = 4  # a place with no OPPS/ASC facility payment (inpatient, SNF ...): the PFS facility rate


def _department_notes(
    lines: Lines, setting_ids: np.ndarray, setting_values: list[str], practitioner_claim: bool = False
) -> None:
    """A hospital place of service's note on its lines' department modifiers (POS 19 without PN or PO, POS 22 with
    one: ``engine.place_of_service.department_note``), after the place's own note, as the single lookup says it;
    ``practitioner_claim`` (--paid-for professional) as the single lookup's --paid-for professional."""
    import numpy as np

    from rvucalc.engine.place_of_service import (
        CLINIC_DIGITAL_ASSESSMENT,
        CLINIC_VIRTUAL_COMMUNICATION,
        COMMUNICATION_TECHNOLOGY_SERVICES,
        TELEHEALTH_MODIFIERS,
        department_note,
        normalise_pos,
        places_notes_for,
    )

    asked_of = frozenset({"FS", *TELEHEALTH_MODIFIERS})
    # per code (position in codes): its cell has FS (a split or shared visit) or a telehealth modifier (95, 93, FQ)
    split_shared: np.ndarray | None = None
    for number, value in enumerate(setting_values):
        pos = normalise_pos(value) if value else None
        if pos in ("19", "22", "23"):
            mine = np.flatnonzero(setting_ids == number)
        elif value and places_notes_for(pos, tuple(asked_of)):  # another place: only its FS or 95/93/FQ lines
            if split_shared is None:
                split_shared = lines.flag("FS or telehealth modifier",
                                          lambda cell: not asked_of.isdisjoint(cell.modifiers))  # fmt: skip
            if not split_shared.any():
                continue
            mine = np.flatnonzero((setting_ids == number) & split_shared[lines.code])
        else:
            continue
        if not mine.size:
            continue
        positions, inverse = ids_and_inverse(lines.code[mine])
        # The note depends on the modifiers and the code's kind of communication technology-based service alone
        # (none, or its kind at an RHC or FQHC: engine.place_of_service._CLINIC_CTBS): asked once per distinct pair
        # (the run's cells number the modifiers).
        if lines.run_cells is not None:
            kinds, _ = lines.run_cells._attribute_ids("modifiers")
            ctbs = lines.flag("communication technology-based service",
                              lambda cell: cell.code in COMMUNICATION_TECHNOLOGY_SERVICES).astype(np.int64)  # fmt: skip
            ctbs += lines.flag("RHC/FQHC virtual communication service",
                               lambda cell: cell.code in CLINIC_VIRTUAL_COMMUNICATION) * 2  # fmt: skip
            ctbs += lines.flag("RHC/FQHC digital assessment", lambda cell: cell.code in CLINIC_DIGITAL_ASSESSMENT)
            keys = kinds[lines.cell[positions]] * 4 + ctbs[positions]
            _, first, of_position = np.unique(keys, return_index=True, return_inverse=True)
            asked = positions[first].tolist()
        else:
            asked, of_position = positions.tolist(), np.arange(len(positions))
        said = lines.texts.ids(department_note(pos, lines.codes[n].modifiers, practitioner_claim=practitioner_claim,
                                               code=lines.codes[n].code) for n in asked)  # fmt: skip
        lines.add_note("setting", mine, said[of_position.reshape(-1)][inverse])


def _bill_department_notes(
    lines: Lines, department_ids: np.ndarray, departments: list[str], practitioner_claim: bool = False
) -> None:
    """The department note (POS 19 without PN or PO, POS 22 or 23 with one: ``engine.place_of_service.
    hospital_department_note``) of the rows whose type of bill 13x was read beside their POS as the hospital's own
    bill (batch.columns._bill_beside): the setting is the bill, the POS beside it its department. PO is "reported with
    every HCPCS code for all outpatient hospital items and services furnished in an off-campus provider-based
    department" (Pub. 100-04 ch. 4 §20.6.11), on the hospital's claim: a review found an Epic HB export's G0463 at
    TOB 131 beside POS 19, without PO or PN, priced at the whole APC rate ($128.87, not 40%) without the note the POS
    alone said. The telehealth and FS notes are the bill's own (``_department_notes``), not said again."""
    import numpy as np

    from rvucalc.engine.place_of_service import hospital_department_note, normalise_pos

    for number, value in enumerate(departments):
        pos = normalise_pos(value) if value else None
        if pos not in ("19", "22", "23"):
            continue
        mine = np.flatnonzero(department_ids == number)
        if not mine.size:
            continue
        positions, inverse = ids_and_inverse(lines.code[mine])
        said = lines.texts.ids(hospital_department_note(pos, lines.codes[n].modifiers, practitioner_claim)
                               for n in positions.tolist())  # fmt: skip
        lines.add_note("setting", mine, said[inverse])


# A laterality cell that says both sides (batch.columns.LATERALITY): 'Bilateral', 'Bilat', 'B', 'Both', 'LT/RT',
# 'Left and Right', '50'. 'Left', 'Right', 'LT', 'RT' are one side: nothing to say (LT or RT is informational).
_BILATERAL_CELL = re.compile(
    r"(bilateral|bilat\.?|bil|bi|b|both|both sides|50|lt ?[/+&,] ?rt|rt ?[/+&,] ?lt|"
    r"l ?[/+&] ?r|r ?[/+&] ?l|left (and|&) right|right (and|&) left)",
    re.IGNORECASE,
)
LATERALITY_NOTE = (
    "{column} '{cell}' is not read: the line has no 50 (nor LT or RT), so it is priced as billed, one procedure. "
    "Medicare pays a procedure on both sides as one bilateral procedure only when the claim says so, with 50 on the "
    "line, the code on two lines with LT and RT, or 2 units (Claims Processing Manual ch. 12 §40.7), at the MPFS "
    "bilateral indicator's amount (said of a code of indicator 1, both sides at 150% of one, or 3, 100% of each: "
    "RVU file documentation, 'Bilateral Surgery'): if both sides were done, the claim's modifiers decide what is paid."
)


# A laterality cell that says one side, or nothing ('Left', 'RT', 'N/A'): with _BILATERAL_CELL, what a column named
# only 'Side' must hold to be read as the body's side (_laterality_notes).
_SIDE_CELL = re.compile(r"(|left|right|lt|rt|l|r|unilateral|n/?a|none|-)", re.IGNORECASE)


def body_side_cells(values: Iterable[str]) -> bool:
    """Whether every cell says a side of the body, both, or nothing (``_SIDE_CELL``, ``_BILATERAL_CELL``): what a
    column named only 'Side' must hold to be the body's side, not a billing side ('Pro', 'Tech', 'Both'). Read of a
    column's distinct cells (_laterality_notes; batch.columns._laterality_notices, on the first chunk's)."""
    return all(
        _SIDE_CELL.fullmatch(" ".join(value.split())) or _BILATERAL_CELL.fullmatch(" ".join(value.split()))
        for value in values
    )


def bilateral_cell(value: str) -> bool:
    """Whether a laterality cell says both sides (``_BILATERAL_CELL``)."""
    return _BILATERAL_CELL.fullmatch(" ".join(value.split())) is not None


def _laterality_notes(lines: Lines, laterality_ids: np.ndarray, values: list[str], column: str) -> None:
    """The note of a line whose laterality cell (batch.columns.LATERALITY) says bilateral while its modifiers do not:
    no 50, no LT or RT (a side's line, whose other side may be its own line) and 1 unit (2 units of a bilateral code
    are priced as one bilateral procedure already: engine.policy.two_units_bilateral). Decided per distinct
    (laterality cell, code cell), no per-row Python; kept in ``Lines.laterality_note`` and said where the code's
    bilateral indicator is 1 or 3 (batch.price.BatchPricer._laterality_notes). The column is not read as 50: the
    claim as billed is what Medicare pays (batch.columns.LATERALITY says why)."""
    import numpy as np

    from rvucalc.batch.columns import export_key

    bilateral = np.array([bilateral_cell(value) for value in values], dtype=bool)
    if not bilateral.any():
        return
    if export_key(column) == "side" and not body_side_cells(
        value for flag, value in zip(bilateral, values, strict=True) if not flag
    ):  # a bare 'Side' of other words ('Pro', 'Tech', 'Both': a hospital export's billing side) is not the body's
        # (decided on the partition's cells: a partition holding only its 'Both' cells is still noted)
        return
    one_side = np.array([not ({"50", "LT", "RT"} & set(cell.modifiers)) for cell in lines.codes], dtype=bool)
    rows = np.flatnonzero(bilateral[laterality_ids] & one_side[lines.code] & (lines.units == 1))
    if not rows.size:
        return
    said = lines.texts.ids(LATERALITY_NOTE.format(column=column, cell=" ".join(value.split())) for value in values)
    # Said once the line's PFS row is known (batch.price.BatchPricer._laterality_notes): only where its bilateral
    # indicator is 1 or 3, as a 'Bilateral' beside 99213 (0) or 77067 (2) costs nothing without 50.
    lines.laterality_note = np.full(lines.rows, -1, dtype=np.int32)
    lines.laterality_note[rows] = said[laterality_ids[rows]]


def _place_and_site(value: str) -> tuple[str | None, str | None]:
    """A setting cell's CMS POS code (normalised: '21') and its site word's site ('hopd' for hopd), as the single
    lookup's ``place_code`` and setting read them (engine.therapists.therapist_place); (None, None) for a blank or
    bad one."""
    from rvucalc.engine.place_of_service import normalise_pos, resolve_site

    if not value:
        return None, None
    try:
        choice = resolve_site(value)
    except UsageError:
        return None, None
    return (choice.pos or normalise_pos(value)), choice.site


def _place_of_service(value: str) -> tuple[int, str | None, RvucalcError | None]:
    """A setting cell (office, hopd, asc, or a CMS place-of-service code) -> (site number, note, error):
    0 none given, 1 office, 2 hopd, 3 asc, FACILITY_PROFESSIONAL; the mapping is ``engine.place_of_service``."""
    from rvucalc.engine.place_of_service import resolve_site

    if not value:
        return 0, None, None
    try:
        choice = resolve_site(value)
    except UsageError as exc:  # a void or non-payment bill keeps its kind (not_payable), as price's error does
        return -1, None, UsageError(str(exc), kind=ErrorKind.BAD_SETTING if exc.kind is ErrorKind.USAGE else exc.kind)
    if choice.site is None:
        return FACILITY_PROFESSIONAL, choice.note, None
    return ("", *SITES).index(choice.site), choice.note, None


def anesthesia_input(base_units: str, minutes: str) -> AnesthesiaInput:
    """The base units and minutes cells as the single lookup's ``--base-units``/``--minutes``."""
    if minutes and not (minutes.isascii() and minutes.isdigit()):
        raise UsageError(f"minutes {minutes!r}: anesthesia time is a whole number of minutes.")
    return parse_anesthesia(base_units or None, int(minutes) if minutes else None)


def anesthesia_problem(base_units: str, minutes: str) -> RvucalcError | None:
    try:
        anesthesia_input(base_units, minutes)
    except RvucalcError as exc:
        return exc
    return None


def _parse_code(code_text: str, modifier_text: str, provider: str = "physician") -> _Code:
    """The store-independent checks of ``lookup.lines.parse_line``; the rest runs per release."""
    try:
        code, modifiers = parse_line(code_text, modifier_text or None)
    except UsageError as exc:
        return _Code(code_text, modifier_text, code_text.upper(), str(exc), kind_id(exc.kind), provider=provider)
    # A chiropractor's line other than a spinal manipulation, or a manipulation without AT: denied, as the single
    # lookup's ``prepare`` says (engine.modifiers.chiropractic_denial): once per (code, modifier, provider) cell.
    denial = chiropractic_denial(code, modifiers, provider)
    if denial is not None:
        return _Code(code_text, modifier_text, code, denial, kind_id(ErrorKind.DENIED), provider=provider)
    # A csw's line is priced as with AJ (lookup.lines.provider_modifiers, as the single lookup's ``prepare``): the
    # line with AJ, in every rule that reads its modifiers.
    written = tuple(modifiers)
    modifiers = list(provider_modifiers(provider, modifiers))
    paying = tuple(modifier for modifier in modifiers if not informational(modifier))
    return _Code(code_text, modifier_text, code, modifiers=tuple(modifiers), paying=paying, provider=provider,
                 written=written)  # fmt: skip


def _state(value: str) -> tuple[str | None, RvucalcError | None]:
    """A state cell as ``--state`` takes it (the DMEPOS fee column): the code, or the error."""
    from rvucalc.lookup.pricer import parse_state

    try:
        return parse_state(value), None
    except RvucalcError as exc:
        return None, exc


# A participation cell: the practitioner's Medicare participation (a participating physician accepts assignment on
# every claim; a non-participating one is paid 95% of the fee schedule amount, SSA §1848(a)(3)): 1 participating,
# 0 non-participating, -1 blank or not read (the run's --non-par).
PARTICIPATION_WORDS = {
    **dict.fromkeys(("y", "yes", "1", "true", "par", "participating", "participates"), 1),
    **dict.fromkeys(("n", "no", "0", "false", "nonpar", "non-par", "non par", "non_par", "nonparticipating",
                     "non-participating", "non participating"), 0),
}  # fmt: skip


def participation_of(value: str) -> int:
    """A participation cell's value (PARTICIPATION_WORDS): 1, 0, or -1 (blank, or no word it knows)."""
    return PARTICIPATION_WORDS.get(" ".join(value.strip().lower().split()), -1)


# A rural cell: the DMEPOS fee column (rural or non-rural) of a DME line, as ``rvucalc price --rural`` chooses it.
# Also the fee schedule's own words: DMEPOS26_JAN labels each state's two columns '<ST> (R)' and '<ST> (NR)', rural and
# non-rural (42 CFR 414.202's rural area; the rest urban): 'Rural', 'Non-Rural', 'NR' and 'Urban' were row errors in a
# supplier's export. The one letter 'R' is not read: it is also CMS's ZIP5 rural indicator (_zip5_indicator_hint), the
# ambulance fee schedule's area, which does not say the DMEPOS fee.
RURAL_WORDS = {"y": True, "yes": True, "1": True, "true": True, "n": False, "no": False, "0": False, "false": False,
               "rural": True, "non-rural": False, "non rural": False, "nonrural": False, "nr": False,
               "urban": False}  # fmt: skip


def _zip5_indicator_hint(value: str) -> str:
    """What a rural cell of R or B is (a rural hospital's export carried CMS's ZIP5 rural indicator in a 'Rural'
    column: "rural 'B': give Y ..." said nothing of it): the ambulance fee schedule's area, which does not say whether
    the DMEPOS fee is the rural one (lookup.pricer.ZIP5_AREA_NOTE, as `rvucalc zip` says it). Empty otherwise."""
    from rvucalc.lookup.pricer import RURAL_MEANINGS

    letter = value.strip().upper()
    if letter not in ("R", "B"):
        return ""
    return (f"{letter} is CMS's ZIP5 rural indicator ({RURAL_MEANINGS[letter].lower()}), the ambulance fee schedule's "
            "area, not the DMEPOS rural ZIP list (42 CFR 414.202) that decides a DMEPOS fee: ")  # fmt: skip


def _rural(value: str) -> tuple[bool | None, RvucalcError | None]:
    """A rural cell: True or False (Y/N, 1/0, true/false, yes/no), None when blank (the run's --rural), or the error."""
    if not value.strip():
        return None, None
    read = RURAL_WORDS.get(" ".join(value.strip().lower().split()))
    if read is None:
        return None, UsageError(
            f"rural {value.strip()!r}: {_zip5_indicator_hint(value)}give Y for the state's rural DMEPOS fee, N for the "
            "non-rural one (also 1/0, true/false, Rural/Non-Rural, NR), or leave it blank for the run's --rural.",
            kind=ErrorKind.BAD_RURAL,
        )
    return read, None


def _wage_index(value: str, name: str = "wage_index") -> tuple[int, RvucalcError | None]:
    """A wage index cell: ten-thousandths as ``rvucalc price --wage-index`` (``name`` asc_wage_index: its
    --asc-wage-index) reads it (lookup.pricer.parse_wage_index, its errors too), -1 when blank (the run's option, or
    the place's)."""
    if not value.strip():
        return -1, None
    try:
        read = parse_wage_index(value, name)
    except RvucalcError as exc:
        return -1, exc
    return -1 if read is None else read, None


def _units_error(text: str) -> str:
    """The message batch.dates.parse_units gives a units cell it refuses (the one of a CSV row's unreadable units)."""
    try:
        parse_units(text)
    except ValueError as exc:
        return str(exc)
    return ""


def _units(text: str) -> int | None:
    """Blank is 1; otherwise a whole number from 1 to MAX_UNITS ('2', '2.0'), else None."""
    if not text:
        return 1
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or value != int(value) or not 1 <= value <= MAX_UNITS:
        return None
    return int(value)


def distinct_rows(parts: list[np.ndarray], rows: int) -> np.ndarray:
    """``np.unique`` of row positions (below ``rows``) given in parts: marked, not sorted."""
    import numpy as np

    marked = np.zeros(rows, dtype=bool)
    for part in parts:
        marked[part] = True
    return np.flatnonzero(marked)


def merge_sorted(
    keys: np.ndarray, values: np.ndarray, new: np.ndarray, new_values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted ``keys`` (and their ``values``) with keys none of them equals put in their places: as a stable sort of
    them all, without sorting again the keys kept (a run's grow with it)."""
    import numpy as np

    order = np.argsort(new, kind="stable")
    at = np.searchsorted(keys, new[order])
    return np.insert(keys, at, new[order]), np.insert(values, at, new_values[order])


def _grown(values: np.ndarray, used: int, size: int) -> np.ndarray:
    """A copy of ``values``' first ``used`` with room for at least ``size`` (twice as many as it had, at least)."""
    import numpy as np

    grown = np.zeros(max(size, 2 * len(values)), dtype=values.dtype)
    grown[:used] = values[:used]
    return grown


def _ranges(counts: np.ndarray) -> np.ndarray:
    """0 .. count - 1 for each count, one after the other."""
    import numpy as np

    ends = np.cumsum(counts)
    found: np.ndarray = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) - np.repeat(ends - counts, counts)
    return found


def ids_and_inverse(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(ids, return_inverse=True)`` for ids numbered in the run (texts, code cells, dates: small
    non-negative integers): by a count of each id, not a sort of every row (~8x faster on a partition's rows). A few
    ids among many (a note's rows' text ids, below the run's texts: a count as long as they are, per note, was ~0.5%
    of a realistic run) are sorted: the count costs more past ~4 times as many numbers as ids."""
    import numpy as np

    if not len(ids) or ids.min() < 0 or ids.max() > 4 * len(ids):
        found, inverse = np.unique(ids, return_inverse=True)
        return found, inverse.reshape(-1)
    present = np.flatnonzero(np.bincount(ids))
    position = np.zeros(int(present[-1]) + 1, dtype=np.int64)
    position[present] = np.arange(len(present))
    return present.astype(ids.dtype), position[ids]
