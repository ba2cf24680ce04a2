"""Claims: the lines of one claim on one date of service priced as one encounter.

``rvucalc price A B C`` prices its codes as one encounter: the PFS payment-policy rules rank
and reduce the lines together (``engine.policy``: multiple procedures, endoscopy families,
diagnostic imaging, cardiology and ophthalmology components, therapy), the OPPS packages the
other services into a comprehensive APC or pays the lower-paid SI T procedures at 50%
(``engine.facility.discount_encounter_opps``), and the ASC pays the lower-paid discounted
procedures at 50% (``discount_encounter_asc``). Batch rows with the same claim id and the same
date of service are such an encounter. ``price_claims`` runs after ``BatchPricer.price_table``
has priced every row alone: it gives each encounter's lines to the same rule functions and
replaces the amounts they change, then each changed row's sites (the same ``site_shares``
kernel as every row). Each row keeps its own place, setting and units: the rules rank the
per-unit amounts (as ``rvucalc price`` does), and a row's sites are its amounts times its own
units (as ``times_units`` does for ``rvucalc price --units``). A row with an error takes no part;
the claim's other rows say so in their note.

Why a claim and a date: CMS's multiple surgery rules apply to "separate procedures performed by a
single physician or physicians in the same group practice on the same patient at the same operative
session or on the same day" (Medicare Claims Processing Manual, Pub. 100-04, ch. 12, §40.6, as CGS
quotes it in "Billing Multiple Procedures Performed on the Same Date of Service", 2018-08-07, which
also asks that such procedures be billed on the same claim). A claim is one patient and one billing
provider, so its lines on one date of service are that encounter; lines of one patient billed on
separate claims are not grouped.

The hospital's packaging reaches across the claim's dates: a comprehensive APC (SI J1) is one payment for the claim
(OPPS Addendum D1: "the primary 'J1' service for the claim"), so a claim's hospital lines on its other dates are
packaged into its primary J1 as its own date's are (``_claim_wide_j1``); and conditional packaging is the claim's since
CY2017 (the CY2017 OPPS/ASC final rule, CMS-1656-FC, 81 FR 79562, changed "its packaging logic for all conditional
packaging status indicators so that it occurs at the claim level"; CR 9930): a Q1 line is packaged when the claim has
an S, T or V service (a J2 visit is one) on any date, a Q2 line when it has a T procedure, a lab (SI Q4) when it has a
J1, J2, S, T, V, Q1, Q2 or Q3 line (Q4 claim-level since CMS-1633-FC made it, CY2016), and several Q1/Q2 lines with
nothing to package them are counted over the claim (``_run_rules``). Each line keeps its own date's release. The other
rules (multiple procedures, the SI T discount, same-day visits ...) stay per date.

Only encounters where a rule can change an amount go through the rules (``policy_group``,
``opps_changes``, ``asc_changes``, read off the rule functions; a test checks them against the
rules), so a claim of unrelated lines costs little more than its lines alone.
"""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, TypeVar

from rvucalc.batch import encounter_arrays, global_period
from rvucalc.batch.components import professional_on_own_lines
from rvucalc.batch.encounter_arrays import ENCOUNTER
from rvucalc.batch.guidance import guidance_notes
from rvucalc.batch.lab_panels import chemistry_panel_notes
from rvucalc.batch.lines import (
    KINDS,
    NO_STATUS_T_PART,
    NOTE_SLOTS,
    PAYABLE_BESIDE_T,
    SITE_NAMES,
    SITES,
    STATUS_T_LINE,
    Lines,
    anesthesia_input,
    distinct_rows,
    ids_and_inverse,
    kind_id,
)
from rvucalc.batch.lookups import bare_error, money_cents
from rvucalc.engine.facility import (
    C_APC_PAID_APART,
    CLAIM_ACROSS_YEARS_NOTE,
    CO_SURGERY_FACILITY_NOTE,
    COMPOSITE_NOTE,
    CONDITIONAL_LAB,
    CONDITIONAL_LAB_REASON,
    CONDITIONAL_SEVERAL_FIGURES,
    CONDITIONAL_SEVERAL_NOTE,
    COPAYMENT_CAPPED,
    FACILITY_53_SETTINGS,
    INPATIENT_ONLY,
    IRA_HOSPITAL,
    LAB_PACKAGED_BY,
    MODIFIER_CA,
    NO_LATER_UNITS_RULE,
    OBSERVATION_CODE,
    OBSERVATION_VISIT,
    PACKAGED_PERCENT,
    PART_OF_SERVICE_MODIFIERS,
    PER_DIEM_STATUS,
    UNPRICED_NONE,
    UNPRICED_OBSERVATION,
    asc_changes,
    asc_halved_from,
    c_apc_preventive,
    co_surgery_line,
    conditional_lab_note,
    conditional_several_figures,
    copayment_within_waiver,
    discount_encounter_asc,
    discount_encounter_opps,
    endoscopy_base_note,
    facility_factor,
    facility_free_line,
    facility_paid_on,
    note_srs_planning,
    opps_changes,
    opps_denied,
    opps_line_terms,
    opps_unpriced,
    paid_on_note,
    professional_alone_note,
)
from rvucalc.engine.hopd_therapy import MAMMOGRAPHY_PAID_ON
from rvucalc.engine.kernels import (
    COINSURANCE_PERCENT,
    NO_LATER_PROFESSIONAL,
    NO_MEDICARE_SHARE,
    OPPS_LABOR_PERCENT,
    TERMINATED_ONE_UNIT,
    later_units_cut,
    limiting_charge,
    percent_of,
    professional_line_cut,
    reduced,
    round_half_up,
    site_shares,
)
from rvucalc.engine.modifiers import changes_pfs_amount, discarded_supply
from rvucalc.engine.pfs import NATIONAL_GPCI, money
from rvucalc.engine.policy import (
    ADD_ON_GLOBAL,
    ASSISTANT,
    ASSISTANT_MODIFIERS,
    BILATERAL,
    GROUPS,
    IMAGING_CAP_RULE,
    NO_GROUP,
    SIDES,
    SIDES_PERCENT,
    SIDES_STEP,
    STATUS_T_BUNDLED_RULE,
    SURGICAL,
    UNPAIRED_MULT_PROC,
    Line,
    LineSetting,
    apply_policy_in,
    biller,
    co_surgeon_group,
    co_surgery_key,
    endoscopy_base_apart,
    endoscopy_base_side,
    endoscopy_side,
    factor_form,
    later_units_note,
    non_physician_factor,
    paired_side,
    policy_group,
    postoperative_days,
    practitioner_order,
    round_cents,
    secondary_51_rules,
    tie_key,
    two_units_bilateral,
    two_units_rule,
)
from rvucalc.errors import ErrorKind, RvucalcError
from rvucalc.lookup import lines as line_rules
from rvucalc.lookup.lines import PreparedLine
from rvucalc.lookup.pricer import units_note
from rvucalc.models import AscResult, OppsResult

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Container, Iterable, Sequence

    import numpy as np

    from rvucalc.batch.cells import CellTable
    from rvucalc.batch.price import BatchPricer, _PfsArrays
    from rvucalc.reference.releases import Release

PFS_COLUMNS = ("pfs_non_facility_amount", "pfs_non_facility_limiting_charge", "pfs_facility_amount",
               "pfs_facility_limiting_charge")  # fmt: skip
# Entries kept per cache (memory stays bounded on files of millions of lines): a prepared line holds its whole
# PfsResult, a policy line's settings a few hundred bytes.
# Encounter outcomes repeat only where a file repeats whole claims at one place (a practice's common visit);
# random claims never do, and a large cache of them costs more (memory, and the allocator's fragmentation:
# 960 -> 910 MB at 300,000 realistic lines, 16.5 -> 14 s CPU) than its hits save.
CACHE_LIMIT = 2_000
SETTINGS_LIMIT = 2_000  # policy lines' settings per (code cell, place): few repeat in a file of random places
PREPARED_LIMIT = 2_000
# The encounters whose rules are a rank and factors priced on whole columns (encounter_arrays); False: every
# encounter through the rule functions, one at a time (the tests compare the two).
BY_ARRAYS = True


# -- the pass -----------------------------------------------------------------------------------


# A line's outcome of the PFS rules (_pfs_outcome): amounts, notes, paired away, its later units' amounts, and where
# the rules made a step a row alone does not have (two_units_bilateral) the rules of all its steps and of the
# encounter's among them, else None.
_Steps = tuple[tuple[str, ...], tuple[str, ...]]
_Outcome = tuple[tuple[int | None, ...], tuple[str, ...], bool, tuple[int | None, ...], _Steps | None, bool]


@dataclass
class _Context:
    """One PFS release as the rules see it."""

    release: Release
    store: Any  # BatchPricer._lookups: a RememberingStore
    pfs: _PfsArrays
    cf: int | None  # a what-if conversion factor (ten-thousandths) replacing every row's
    cf_kind: str
    ranked_with: Any = None  # per RVU row: _mac_ranked's group of its indicator (read once a run)


@dataclass(frozen=True, slots=True)
class _CodeInfo:
    """A distinct code cell checked against a release (``BatchPricer._resolve``), as the rules' line by line paths
    need it (the whole-column facts are ``_Facts``' arrays, per CMS row: ``_rows_facts``)."""

    code: str
    modifiers: tuple[str, ...]
    row: dict[str, Any] | None  # CMS's RVU row; None: the PFS does not list the code
    # A modifier apply_rules' _claim_modifiers acts on (changes_pfs_amount), among all the cell's modifiers: an
    # informational JW discards a skin substitute's supply, which _rows_facts' paying modifiers do not hold.
    claim_modifiers: bool = False
    rvu_position: int = -1  # CMS's row in the release's PFS arrays
    provider: str = "physician"  # who bills it (batch.lines._Code.provider)


@dataclass
class _Caches:
    """What ``price_claims`` keeps between partitions (on the ``BatchPricer``)."""

    contexts: dict[str, _Context] = field(default_factory=dict)
    settings: dict[tuple[Any, ...], dict[str, LineSetting]] = field(default_factory=dict)
    prepared: dict[tuple[Any, ...], PreparedLine | RvucalcError] = field(default_factory=dict)
    encounters: dict[tuple[Any, ...], tuple[_Outcome, ...]] = field(default_factory=dict)
    status: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # OPPS release -> code -> (SI, APC)
    asc_discounted: dict[tuple[str, tuple[str, ...], bool, int], bool] = field(default_factory=dict)
    add_on_codes: dict[str, frozenset[str]] = field(default_factory=dict)  # PFS release -> its codes of global ZZZ
    dressing_codes: dict[str, frozenset[str]] = field(default_factory=dict)  # release -> status P dressings
    multidose: dict[tuple[Any, ...], list[int | None] | None] = field(default_factory=dict)  # _multidose_cents'


@dataclass
class _Changes:
    """New cents for some rows of the partition, and the notes they earn: the rules' one encounter at a time,
    then ``encounter_arrays``' (a row's notes: its bad lines, PFS, OPPS, ASC)."""

    money: dict[str, dict[int, int | None]] = field(default_factory=dict)
    notes: dict[int, list[str]] = field(default_factory=dict)
    arrays: encounter_arrays.ArrayChanges = field(default_factory=encounter_arrays.ArrayChanges)
    bad_lines: encounter_arrays.ArrayChanges = field(default_factory=encounter_arrays.ArrayChanges)  # notes first
    share_rows: Any = None  # rows, and the patient's share of their professional fee (hundredths of a percent)
    share_values: Any = None
    paired: list[int] = field(default_factory=list)  # rows the PFS rules paid as one side of a bilateral pair
    paired_notes: dict[int, str] = field(default_factory=dict)  # such rows of several units: their units note
    later_pfs: dict[str, dict[int, int]] = field(default_factory=dict)  # per PFS setting: row -> later units' amount
    later_pfs_arrays: list[tuple[str, Any, Any]] = field(default_factory=list)  # (setting, rows, amounts): the same
    adjustments: dict[int, tuple[str, ...]] = field(default_factory=dict)  # row -> its own steps' rules, replacing
    adjustment_arrays: list[tuple[Any, list[str], Any]] = field(default_factory=list)  # (rows, texts, which): same
    adjustment_arrays_first: list[tuple[Any, list[str], Any]] = field(default_factory=list)  # put before a row's own
    uncapped: list[int] = field(default_factory=list)  # rows whose encounter left the OPPS imaging cap unmet

    def set(self, name: str, row: int, cents: int | None) -> None:
        self.money.setdefault(name, {})[row] = cents

    def note(self, row: int, text: str) -> None:
        mine = self.notes.setdefault(row, [])
        if text not in mine:
            mine.append(text)


def price_claims(batch: BatchPricer, lines: Lines) -> None:
    """Reprice the partition's encounters (adjacent rows with the same claim id, and of them those with the same
    date of service) with the encounter rules, in place; rows without a claim id, and encounters the rules leave
    alone, keep the amounts they were priced with alone.

    Only adjacent rows make a claim: the lines of a claim met again after other rows are another encounter, in
    one partition as across partitions (``files.SeenClaims`` says so on stderr), so that the amounts never depend
    on where the input is cut into partitions (``--chunk-rows``).

    A claim is one billing entity's (a group practice's, a hospital's): the lines of one claim and date billed by
    different practitioners (the provider column, as ``provider_of`` reads it: physician, NP, PA or CNS) are one
    encounter for the multiple procedure rules (surgery, endoscopy, bilateral pairs, the technical components of
    imaging, cardiovascular and ophthalmology tests, therapy): procedures "performed by a single physician or
    physicians in the same group practice on the same patient at the same operative session or on the same day"
    (Claims Processing Manual ch. 12 §40.6.A, as CGS quotes it, "Billing Multiple Procedures Performed on the Same
    Date of Service", 2018-08-07); the diagnostic tests' TC reductions the same ("by the same physician (or by
    multiple physicians in the same group practice ...)", ``engine.policy.PROFESSIONAL_CUT_PER_PRACTITIONER``: the
    imaging PC reduction too, from 2013); and for the hospital's and ASC's rules. Each practitioner's
    lines (``own``) are an encounter of their own for the rules CMS applies per practitioner or specialty: G2211 with
    that practitioner's own visit and its 25 (MLN MM13473), an E/M in a procedure's global period (one physician or
    physicians of the same group and specialty, ch. 12 §40.1), critical care once per date per practitioner (same
    group and specialty, ch. 12 §30.6.12(I); MACs edit E/M per specialty, an NP's 50 and a PA's 97 apart from a
    physician's, Noridian's "Non-Physician Practitioners (NPPs) in Multi-specialty Group"), prolonged services with
    their visit, add-ons with their primary service by the same practitioner (CR 7501), status T beside another
    service of the same provider, and identical lines. A claim of one practitioner is unchanged."""
    import numpy as np

    _co_surgery_facility_notes(lines)  # every row, a claim's or not: before the claim's rules, as the single lookup
    given = lines.claim_given
    runs = None if lines.claim is None else adjacent_runs(lines.claim)
    named = np.zeros(lines.rows, dtype=bool) if lines.claim is None or given is None else given[lines.claim]
    # A claim id's facility's own bill's lines and its practitioners' lines are two claims (billing_entities): each
    # entity's lines priced as under a claim id of their own, the claims cut counted (said once on stderr).
    claim = runs
    across_years = None
    if runs is not None:
        entity = billing_entity(lines)
        claim, lines.two_entity_claims = billing_entities(runs, entity, named)
        # --summary's claims are per claim id and entity too (BILLING_ENTITY_KEY): a claim id's rows of two entities
        # adjacent or not (a file past batch.regroup's limit listing a HAR's hospital rows, then its physician's)
        assert lines.claim is not None
        lines.cut_claim_entity = cut_claim_entities(lines.claim, entity, named)
        # A hospital's own bill (13x) is one calendar year's: its lines of two years are two claims
        # (calendar_year_claims, engine.facility.CLAIM_ACROSS_YEARS_NOTE), so its claim-wide rules never join them.
        if lines.facility_bill is not None:
            hospital = named & lines.facility_bill & (lines.site == SITE_NAMES.index("hopd"))
            claim, across_years = calendar_year_claims(claim, lines.service_years(), hospital)
    # A report's page lines carry the claim of the line before them (batch.columns: a page break does not cut a claim)
    # but are none of its lines: no "the rules ran without line N" for them.
    named &= lines.error_kind != kind_id(ErrorKind.REPORT_LINE)
    # A reversal and the payment it takes back are no service of the claim (mark_reversals): lines alone. A hospital's
    # revenue-code line without a HCPCS code is packaged, $0.00 (batch.lines.REVENUE_CODE_LINE): no line the rules
    # price, nor a bad line they ran without; it keeps its number in the claim (``named``).
    claimed = named & lines.claimed()
    if lines.revenue_code_lines is not None:
        claimed &= ~lines.revenue_code_lines
        _asc_revenue_lines_without_procedure(lines, claim, named)
    if lines.apart is not None and lines.apart.size:
        # A claim met again after other rows is another encounter: its later rows say so, not stderr alone (the
        # earlier rows were written before the file showed it, when the claim was met in an earlier chunk).
        lines.add_note("claim", lines.apart, lines.texts.id(SCATTERED_CLAIM_NOTE))
    # A line whose units the PFS rules count (several units of a therapy service, 2 units of a bilateral code) is an
    # encounter of its own when no claim groups it, as `rvucalc price CODE --units N`.
    therapy = np.zeros(lines.rows, dtype=bool) if lines.units_rules is None else lines.units_rules
    therapy = therapy & (lines.error == 0)
    # A line with modifier CA is an encounter of its own too: an inpatient-only procedure with CA alone is not priced
    # at the hospital, APC 5881 (engine.facility.unprice_encounter_opps), as `rvucalc price CODE-CA`.
    therapy |= _with_modifier_ca(lines, np.arange(lines.rows)) & (lines.error == 0)
    rows = np.flatnonzero(claimed | therapy)
    if rows.size == 0 or (rows.size < 2 and not therapy[rows].any()):
        # No encounter of several lines: a claim of one line (the file's only claimed row) is a line alone too, with
        # the notes ``rvucalc price CODE`` gives it (an add-on without its primary), as a claim of one line beside
        # other claims gets them from _visit_rules and _encounter_notes.
        _lone_lines(lines, np.zeros(lines.rows, dtype=bool))
        alone = _Changes()
        said = _per_diem_units(lines, alone)  # a per diem hospital care line of several units: one unit paid
        said = _rehab_sessions(lines, alone) or said  # rehabilitation sessions beyond the day's limit: a note
        said = global_period.patient_line(batch, lines, rows[claimed[rows]], alone) or said  # a patient's claim
        if said:
            _write(lines, alone)
        _add_ons_without_primary(batch, lines, rows[:0], rows[:0], np.zeros(lines.rows, dtype=bool))
        encounter_arrays.asc_ancillary_alone(lines, rows[:0], rows[:0])  # every line alone
        encounter_arrays.hopd_mammography(lines, rows[:0], rows[:0])
        wage_choices_after_rules(lines)
        return
    _lone_lines(lines, claimed)
    keys = np.where(claimed[rows], 0 if claim is None else claim[rows].astype(np.int64), -1 - rows.astype(np.int64))
    encounter_keys = keys * len(lines.whens) + lines.when[rows]
    _, encounter = np.unique(encounter_keys, return_inverse=True)
    encounter = encounter.reshape(-1)
    # own: the encounter of each practitioner's lines of a claim and date, for the rules that are one practitioner's
    # (the docstring); the claim's encounter where it has one practitioner.
    own = encounter
    practitioner = _practitioners(lines)[lines.code[rows]]
    if practitioner.any():
        own_keys = encounter_keys * len(line_rules.PROVIDERS) + np.where(claimed[rows], practitioner, 0)
        own = np.unique(own_keys, return_inverse=True)[1].reshape(-1)
    changes = _Changes()
    bad = lines.error[rows] != 0
    # A claim's lines met apart may have the add-on's primary where its rules cannot see it: no "no primary" note
    # there. An encounter's bad line is no primary its add-on is paid with (the rules run without it), but it may be
    # the one the user meant (11045 beside 11042 with units 0, or a typo of the code): the add-on's note says so
    # (_add_ons_without_primary).
    unsure = np.zeros(lines.rows, dtype=bool)
    if lines.apart is not None and lines.apart.size:
        unsure[lines.apart] = True
    beside_bad: dict[int, list[tuple[int, str]]] = {}
    if bad.any():
        assert claim is not None  # only a claim's rows can be bad here (a therapy line alone is a priced one)
        assert runs is not None
        beside_bad = _note_bad_lines(lines, (claim, runs), rows, encounter, bad, changes, named)
    denied_visits = _denied_visits(lines, rows, own, bad)  # G2211's visits refused as denied, before they go
    denied_primaries = _denied_primaries(lines, rows, own, bad)  # and G0316-G0318's primaries
    rows, encounter, own, keys = rows[~bad], encounter[~bad], own[~bad], keys[~bad]
    # The hospital's and the ASC's rules are each one facility claim's: the claim's lines at one site (_by_site).
    facility = _by_site(lines, rows, encounter)
    professional_on_own_lines(lines, rows, encounter, changes)  # CODE-26 beside CODE: the fee on the 26 line
    several = (np.bincount(encounter)[encounter] >= 2) | therapy[rows]
    # A comprehensive APC packages the claim's OPPS lines on its other dates too (_claim_wide_j1), and conditional
    # packaging is the claim's (_run_rules, per site): an OPPS line alone on its date, in a claim with OPPS lines of its
    # site on other dates, goes to the rules, a lab the hospital does not pay alone (SI Q4) too.
    several |= _on_dates_of_one_claim(lines, rows, keys)
    bundled = _status_t(lines, rows, own, keys)
    if several.any():
        _run_rules(batch, lines, rows[several], (encounter[several], facility[several]), changes, keys[several],
                   bundled[several])  # fmt: skip
    if across_years is not None:  # a hospital claim of two calendar years, priced as two: its lines say so
        at = rows[across_years[rows]]
        changes.arrays.note(at, [f"{ENCOUNTER}: {CLAIM_ACROSS_YEARS_NOTE}"], np.zeros(len(at), dtype=np.int64))
    if bundled.any():  # after the other rules, as engine.policy.apply_policy's step (the line is in none of them)
        at = rows[bundled]
        for name in PFS_COLUMNS:
            paid = at[lines.valid[name][at]]
            changes.arrays.set(name, paid, np.zeros(len(paid), dtype=np.int64))
        changes.arrays.note(at, [STATUS_T_BUNDLED_RULE], np.zeros(len(at), dtype=np.int64))
    if lines.session_rule is not None:  # an anesthesia session's other lines: $0.00 (engine.anesthesia)
        at = rows[lines.session_rule[rows] >= 0]
        for name in PFS_COLUMNS:
            paid = at[lines.valid[name][at]]
            changes.arrays.set(name, paid, np.zeros(len(paid), dtype=np.int64))
        changes.arrays.note(at, lines.session_rules, lines.session_rule[at].astype(np.int64))
    # 95144 beside 95115 or 95117 paid as 95165, a visit beside allergen immunotherapy noted (engine.allergy), before
    # the visits' rules, as the single lookup runs them before its encounter's rules.
    _allergen_immunotherapy(batch, lines, rows, own, keys, changes)
    # The visits' rules after the others, their notes after theirs (on the array path and one by one alike).
    zeroed = _visit_rules(batch, lines, rows, own, keys, changes, denied_visits, denied_primaries, encounter)
    _per_diem_units(lines, changes, zeroed)  # every row's, a line alone's too, after the same-day rules' notes
    _encounter_notes(batch, lines, rows, own, keys, changes, encounter, zeroed)
    _care_management_in_apcm(lines, rows, keys, changes)  # the claim's month, each practitioner's (as price's)
    _monthly_esrd_in_month(lines, rows, own, keys, changes)  # the claim's month, every practitioner's
    _outpatient_dialysis_in_month(lines, rows, keys, changes)  # the same scope
    _remote_monitoring_either_or(lines, rows, keys, changes)  # the same scope
    _ccm_complexity_in_month(lines, rows, keys, changes)  # the same scope
    _visit_on_tcm_date(lines, rows, own, keys, changes)
    _care_plan_oversight_claims(lines, rows, own, keys, changes)  # the claim's, every date and practitioner
    _depression_screening_in_visit(lines, rows, own, keys, changes)
    _rehab_sessions(lines, changes, rows, encounter)  # the claim and date's (every practitioner's), lines alone too
    _mnt_dsmt_same_date(lines, rows, encounter, changes)  # the claim and date's, every practitioner's
    _duplicates(lines, rows, own, keys, changes)
    _collection_pairs(lines, rows, own, keys, changes)
    _discards(lines, rows, own, keys, changes)
    _shared_surgeries(lines, rows, encounter, keys, changes)  # the claim and date's: two surgeons' lines by definition
    _screening_beside_pt(batch, lines, rows, encounter, keys, changes)  # the claim and date's, as price's encounter
    chemistry_panel_notes(lines, rows, encounter, keys, changes.arrays)  # a note: the amounts are the CLFS rates
    _bundled_dressings(batch, lines, rows, own, keys, changes)  # a status P dressing beside a PFS service: $0.00
    _write(lines, changes)
    _mohs_notes(lines, rows)  # a Mohs first stage the multiple procedure rule cut (lookup.lines.MOHS_NOTE)
    _mac_ranked(batch, lines, rows, encounter, keys)  # after the rules: the amounts they left
    _add_ons_without_primary(batch, lines, rows, own, unsure, (encounter, beside_bad))  # after the rules' notes
    guidance_notes(lines, rows, own)  # imaging guidance beside a procedure that includes it (engine.guidance)
    _drug_administration(lines, rows, own)  # two initial drug administrations, an hour after the wrong one
    _visit_beside_drug_administration(lines, rows, own)  # an office visit without 25 beside one (engine.visits)
    _bone_marrow(lines, rows, own)  # a bone marrow aspiration beside its biopsy: 38222 (engine.bone_marrow)
    _ophthalmic_imaging(lines, rows, own)  # 92250 beside an OCT, 92133 with 92134 (engine.ophthalmic_imaging)
    _prep_injection(lines, rows, own)  # 96372 beside an injectable HIV PrEP drug, no G0012 (engine.prep)
    _part_d_vaccine_administration(lines, rows, own)  # 90471 beside 90750: Part D's (engine.meanings)
    _neuromonitoring(batch, lines, rows, own)  # monitoring beside the practitioner's own operation (NCCI)
    _sinus_dilation(lines, rows, own)  # a sinus ostium dilation beside its sinus's surgery (engine.sinus_dilation)
    _migs_with_cataract(lines, rows, own)  # 0671T beside a cataract removal (engine.migs_with_cataract)
    _epidural_management(lines, rows, encounter)  # 01996 on an anesthetic's date (engine.epidural_management)
    _dialysis_circuit(lines, rows, own)  # two dialysis circuit codes of one session (engine.dialysis_circuit)
    _spinal_manipulation(lines, rows, own)  # two spinal CMT codes of one session (engine.spinal_manipulation)
    _cerumen(lines, rows, own)  # 69210 beside an audiologic function test: G0268 is the day's code (engine.cerumen)
    _audiology_components(lines, rows, own)  # a test beside its combined test (engine.audiology_components)
    _blood_counts(lines, rows, own)  # a blood count component beside its CBC (engine.blood_counts)
    _oxygen_contents(lines, rows, own)  # contents beside a stationary oxygen rental (engine.oxygen_contents)
    _fracture_cast(lines, rows, own)  # the first cast beside its fracture care: included (engine.fracture_cast)
    _knee_arthroscopy(lines, rows, own)  # 29874/29877 beside another arthroscopy of the knee (engine.knee_arthroscopy)
    _wound_repairs(lines, rows, own)  # two repairs of one classification and group: one code (engine.wound_repair)
    _area_first_lines(lines, rows, own)  # two lines of one first-area code: one line (engine.add_ons)
    _excision_closures(lines, rows, own)  # a simple repair beside an excision, an excision beside a flap: included
    _global_components(lines, rows, own)  # a 26 or TC line beside its global line (engine.global_component)
    _skin_biopsies(lines, rows, own)  # two first skin biopsy codes: the less invasive one is an add-on
    encounter_arrays.asc_ancillary_alone(lines, rows, facility)  # before the physician's fee alone reads what is paid
    encounter_arrays.hopd_mammography(lines, rows, facility)
    wage_choices_after_rules(lines)  # before the physician's fee alone reads what is paid, as the single lookup
    _professional_alone(lines, rows, facility)


def _asc_revenue_lines_without_procedure(lines: Lines, claim: np.ndarray | None, named: np.ndarray) -> None:
    """An ASC's own bill's revenue-code rows without a HCPCS code (``Lines.revenue_code_lines`` at the ASC) on a claim
    with no covered surgical procedure (``Lines.asc_kind`` ASC_PROCEDURE, engine.facility.asc_covered_procedure) say
    so (batch.lines.REVENUE_CODE_LINE_ASC_NO_PROCEDURE), not that they are packaged into the claim's procedures;
    still $0.00. The claims' rows alone (``named``: a claim id given); on whole columns."""
    import numpy as np

    from rvucalc.batch.lines import SITE_NAMES, asc_revenue_without_procedure
    from rvucalc.engine.facility import ASC_PROCEDURE

    if lines.revenue_code_lines is None or claim is None:
        return
    revenue = lines.revenue_code_lines & named & (lines.site == SITE_NAMES.index("asc"))
    if not revenue.any():
        return
    procedure = np.zeros(lines.rows, dtype=bool) if lines.asc_kind is None else lines.asc_kind == ASC_PROCEDURE
    procedure &= named & (lines.error == 0)
    alone = np.flatnonzero(revenue & ~np.isin(claim, claim[procedure]))
    if alone.size:
        lines.rewritten_parts(alone, asc_revenue_without_procedure, "line")


_EMPTY_PART = "\x00"  # a note part with nothing left in it (wage_choices_after_rules), then taken out


def wage_choices_after_rules(lines: Lines) -> None:
    """``engine.wage_choices.after_rules`` on whole columns: a row whose OPPS (ASC) rate is not priced for want of one
    wage index (``Lines.wage_choice``) took part in its encounter's rules at the national rate; where they left it
    paid, its rate and site are not priced, what they said of that rate taken off (its "Claim encounter (OPPS)"
    notes) and the reason said where the site is shown; where they packaged it ($0.00) or denied it, that holds at
    every wage index."""
    import numpy as np

    for name, site, label, columns in (("opps", "hopd", "OPPS", ("opps_rate", "opps_copayment")),
                                       ("asc", "asc", "ASC", ("asc_rate", "asc_coinsurance"))):  # fmt: skip
        reason = lines.wage_choice.get(name)
        if reason is None:
            continue
        rate = f"{name}_rate"
        at = np.flatnonzero((reason > 0) & lines.valid[rate] & (lines.cents[rate] != 0))
        if not at.size:
            continue
        for column in (*columns, f"{site}_allowed", f"{site}_beneficiary", f"{site}_medicare"):
            lines.valid[column][at] = False
        _without_site_notes(lines, at, f"{ENCOUNTER} ({label})")
        shown = at[np.isin(lines.site[at], [0, SITE_NAMES.index(site)])]
        lines.add_note("site_reason", shown, reason[shown])


def _without_site_notes(lines: Lines, at: np.ndarray, prefix: str) -> None:
    """``wage_choices_after_rules``' rows ``at``: each note part starting with ``prefix`` (a site's encounter notes)
    taken out. Only the slots and rows with such a note are rewritten: the rows' other notes, and a test of every text
    of the run (``Texts.containing``), were most of the time."""
    noted = _rows_noted(lines, at, lambda text: prefix in text)
    emptied: list[bool] = []

    def without(part: str) -> str:
        # A part may hold several notes joined (the rule functions' path writes an encounter's notes as one): each
        # of this site's taken out, as the whole-column path's separate parts are (a test compares them).
        if prefix not in part:
            return part
        kept = [said for said in part.split("; ") if not said.startswith(prefix)]
        if kept:
            return "; ".join(kept)
        emptied.append(True)
        return _EMPTY_PART

    for slot, rewritten in noted.items():
        emptied.clear()
        lines.rewritten_parts(rewritten, without, NOTE_SLOTS[slot])
        if emptied:  # else no part is left empty: nothing to take out of the slot
            lines.without_parts(NOTE_SLOTS[slot], rewritten, {_EMPTY_PART})


def without_copayment_notes(lines: Lines, rows: np.ndarray) -> None:
    """Of these rows, whose hospital amounts the claim's rules changed, the ones they left no hospital payment
    (packaged into a comprehensive APC, or not priced: APC 8011) lose the line's copayment notes (batch.price.
    BatchPricer._copayment_notes: the inpatient deductible cap, a rebatable drug's IRA copayment)."""
    gone = rows[~lines.valid["opps_rate"][rows] | (lines.cents["opps_rate"][rows] == 0)]
    if gone.size:
        for prefix in (COPAYMENT_CAPPED, IRA_HOSPITAL):
            _without_site_notes(lines, gone, prefix)


def _rows_noted(lines: Lines, at: np.ndarray, said: Callable[[str], bool]) -> dict[int, np.ndarray]:
    """Per slot (its position in NOTE_SLOTS), the rows of ``at`` with a note there whose text ``said`` holds for. Each
    distinct note of these rows is looked at once, not every note of the partition's other rows nor every text of the
    run."""
    import numpy as np

    chosen = np.zeros(lines.rows, dtype=bool)
    chosen[at] = True
    hits = [(slot, note_rows[hit], ids[hit]) for slot, _, note_rows, ids in lines.notes
            if (hit := chosen[note_rows]).any()]  # fmt: skip
    if not hits:
        return {}
    distinct = np.unique(np.concatenate([ids for _, _, ids in hits]))
    values = lines.texts.values
    holds = np.array([said(values[i]) for i in distinct.tolist()], dtype=bool)
    noted: dict[int, list[np.ndarray]] = {}
    for slot, note_rows, ids in hits:
        hit = holds[np.searchsorted(distinct, ids)]
        if hit.any():
            noted.setdefault(slot, []).append(note_rows[hit])
    return {slot: distinct_rows(parts, lines.rows) for slot, parts in noted.items()}


def _mohs_notes(lines: Lines, rows: np.ndarray) -> None:
    """``lookup.lines.mohs_cut`` on whole columns: a Mohs first stage (17311, 17313) whose note holds the multiple
    procedure rule's rank (ranked after the first, cut 50%) says ``MOHS_NOTE``, as the single lookup's line does."""
    mohs = rows[_codes_flag(lines, "Mohs first stage", line_rules.MOHS_FIRST_STAGE)[lines.code[rows]]]
    if not mohs.size:
        return
    cut = mohs[lines.rows_noting(line_rules.MULTIPLE_PROCEDURE_RANKED)[mohs]]
    cut = cut[_noting_in_own_setting(lines, cut, line_rules.MULTIPLE_PROCEDURE_RANKED)]
    if cut.size:
        lines.add_note("claim", cut, lines.texts.id(line_rules.MOHS_NOTE))


def _noting_in_own_setting(lines: Lines, rows: np.ndarray, text: str) -> np.ndarray:
    """Per row of ``rows``: whether ``text`` is in a part of its note about its own site (``comparison_pieces``' own
    side: not a part about another site's comparison columns, e.g. "Claim encounter (PFS facility, the hopd_*/asc_*
    physician's fee only, not this row's site)" on an office row). A row with no site: any part. Each distinct
    (text, site) is classified once."""
    import numpy as np

    from rvucalc.batch.lines import comparison_pieces

    holds = lines.texts.containing(text)
    wanted = np.zeros(lines.rows, dtype=bool)
    wanted[rows] = True
    found = np.zeros(lines.rows, dtype=bool)
    said: dict[tuple[int, int], bool] = {}
    for _, _, at, ids in lines.notes:
        keep = wanted[at] & holds[ids]
        for row, number in zip(at[keep].tolist(), ids[keep].tolist(), strict=True):
            site = int(lines.site[row])
            if (number, site) not in said:
                parts = lines.texts.parts[number]
                said[number, site] = any(text in (comparison_pieces(part, site)[0] if site else part) for part in parts)
            found[row] |= said[number, site]
    out: np.ndarray = found[rows]
    return out


def _mac_ranked(batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray) -> None:
    """A claim's priced lines that a multiple procedure rule ranks with a line the MAC prices (contractor-priced: no
    PFS amount in its setting), as ``engine.facility.mac_ranked_with`` finds them in a single lookup: the MAC's fee
    may be the one paid in full, this line's then reduced, so the physician's total is not priced. Each says so
    (``engine.facility.mac_ranked_note``: the words ``rvucalc price`` says of the total), and ``--summary`` counts
    them per claim (``mac_ranked``). Its amounts stay those the rules gave it beside the priced lines alone, as
    before. Only the encounters with a line without a PFS amount in its setting are looked at, per distinct CMS row."""
    import numpy as np

    from rvucalc.engine.facility import (
        DISCONTINUED_OUTRANKED_GROUP,
        PHYSICIAN_UNRANKED_INDICATORS,
        RANKED_WITH,
        mac_ranked_note,
    )
    from rvucalc.engine.kernels import is_contractor_priced
    from rvucalc.engine.modifiers import DISCONTINUED_MAC_PRICED
    from rvucalc.engine.pfs import CONTRACTOR_PRICED_REASON

    claimed = (keys >= 0) & (lines.site[rows] > 0)
    if not claimed.any():
        return
    office = lines.site[rows] == SITE_NAMES.index("office")
    fee = np.where(office, lines.valid["pfs_non_facility_amount"][rows], lines.valid["pfs_facility_amount"][rows])
    unpaid = claimed & ~fee
    if not unpaid.any():
        return
    # Only the encounters with a line whose reason is the MAC's (each distinct note text read once): a lab's or a
    # drug's line has no PFS amount either, and their encounters need no look.
    said = lines.rows_noted(("pfs_reason", "site_reason"), lambda text: CONTRACTOR_PRICED_REASON in text)[rows]
    # A discontinued procedure the MAC prices (53, no CMS 53 row: engine.facility.discontinued_mac_priced) too.
    stopped = lines.rows_noted(("pfs_reason", "site_reason"), lambda text: DISCONTINUED_MAC_PRICED in text)[rows]
    said |= stopped
    if not (unpaid & said).any():
        return
    count = int(encounter.max()) + 1
    looked = claimed & (np.bincount(encounter[unpaid & said], minlength=count)[encounter] > 0)
    looked &= np.bincount(encounter[claimed & fee], minlength=count)[encounter] > 0
    if not looked.any():
        return
    at = np.flatnonzero(looked)
    contexts, context_ids, rvu_position = _pfs_positions(batch, _caches(batch), lines, rows[at])
    groups = ("", *sorted(set(RANKED_WITH.values())))
    group = np.zeros(len(at), dtype=np.int64)  # 0: no rule ranks it
    mac = np.zeros(len(at), dtype=bool)
    for number, context in enumerate(contexts):
        if context is None:
            continue
        mine = np.flatnonzero((context_ids == number) & (rvu_position >= 0))
        positions, position_of = np.unique(rvu_position[mine], return_inverse=True)
        status = context.pfs.status[positions]
        rvu = {name: context.pfs.rvu[name][positions] for name in ("work_rvu", "pe_nonfac_rvu", "pe_fac_rvu", "mp_rvu")}
        contractor = np.asarray(is_contractor_priced(status, rvu["work_rvu"], rvu["pe_nonfac_rvu"], rvu["pe_fac_rvu"],
                                                     rvu["mp_rvu"]), dtype=bool)  # fmt: skip
        # per CMS row of the release, once a run (each partition's distinct rows read apart: ~0.05 s at 1M lines)
        if context.ranked_with is None:
            indicators = context.pfs.reference.rvu["mult_proc"].to_pylist()
            index = {i: groups.index(RANKED_WITH[i]) for i in set(indicators) if i in RANKED_WITH}
            context.ranked_with = np.array([index.get(i, 0) for i in indicators], dtype=np.int64)
        group[mine] = context.ranked_with[positions][position_of.reshape(-1)]
        mac[mine] = contractor[position_of.reshape(-1)] | stopped[at[mine]]
    # The physician's fee at a hospital, an ASC or another facility is the professional component, which indicators 6
    # and 7 never reduce (engine.facility.PHYSICIAN_UNRANKED_INDICATORS): no rank there.
    apart = np.isin(group, [groups.index(RANKED_WITH[i]) for i in PHYSICIAN_UNRANKED_INDICATORS])
    group[apart & ~office[at]] = 0
    mac &= unpaid[at] & (group > 0)
    key = encounter[at] * len(groups) + group
    # A 53 line whose full fee ranks below a priced line of its surgical group: that line is paid in full whatever the
    # MAC pays (engine.facility.discontinued_outranked, price's test).
    surgical = groups.index(DISCONTINUED_OUTRANKED_GROUP)
    ranked_53 = mac & stopped[at] & (group == surgical)
    if ranked_53.any():
        mac &= ~_discontinued_outranked_rows(batch, lines, rows[at], key, ranked_53, (group == surgical) & fee[at],
                                             contexts, context_ids, rvu_position)  # fmt: skip
    if not mac.any():
        return
    priced = fee[at] & (group > 0) & np.isin(key, key[mac])
    if not priced.any():
        return
    # The MAC's codes per encounter and group, in the claim's order (few rows: the MAC's lines).
    named: dict[int, list[str]] = {}
    discontinued: dict[int, list[str]] = {}  # of them, the 53 lines ranked by their full fee
    for i in np.flatnonzero(mac).tolist():
        code = lines.codes[lines.code[rows[at[i]]]].code
        for found in [named.setdefault(int(key[i]), [])] + [discontinued.setdefault(int(key[i]), [])] * bool(
            stopped[at[i]]
        ):
            if code not in found:
                found.append(code)
    said_of = {number: PFS_PREFIX + mac_ranked_note(codes, discontinued.get(number, ()))
               for number, codes in named.items()}  # fmt: skip
    texts = sorted(set(said_of.values()))
    which_of = {number: texts.index(text) for number, text in said_of.items()}
    which = np.array([which_of[k] for k in key[priced].tolist()], dtype=np.int64)
    lines.add_note("claim", rows[at[priced]], lines.texts.ids(texts)[which])


def _discontinued_outranked_rows(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, key: np.ndarray, stopped: np.ndarray, priced: np.ndarray,
    contexts: list[_Context | None], context_ids: np.ndarray, rvu_position: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """Per row of ``rows`` (``_mac_ranked``'s looked rows, ``key`` their encounter and group): the ``stopped`` ones
    (53 lines the MAC prices, of the surgical group) whose code's full fee ranks below a ``priced`` row of their group
    (``engine.facility.discontinued_outranked``, on the fee alone in the row's PFS column: ``BatchPricer.pfs_fees``)."""
    import numpy as np

    from rvucalc.engine.facility import discontinued_outranked

    office = lines.site[rows] == SITE_NAMES.index("office")
    fee = np.full(len(rows), -1, dtype=np.int64)
    family = [""] * len(rows)
    for number, context in enumerate(contexts):
        if context is None:
            continue
        mine = np.flatnonzero((context_ids == number) & (rvu_position >= 0) & (stopped | priced))
        if not mine.size:
            continue
        places = np.array([context.pfs.locality_position.get(lines.texts.values[p], -1)
                           for p in lines.locality_priced[rows[mine]].tolist()], dtype=np.int64)  # fmt: skip
        fees = batch.pfs_fees(context.pfs, rvu_position[mine], places)
        fee[mine] = np.where(office[mine], fees["non_facility"], fees["facility"])
        for i, position in zip(mine.tolist(), rvu_position[mine].tolist(), strict=True):
            cms = context.store.rvu(*context.pfs.rvu_keys[position].split("|", 1))  # as _rows_facts reads it
            if cms["mult_proc"] == "3":
                family[i] = str(cms["endo_base"] or "")
    out = np.zeros(len(rows), dtype=bool)
    for i in np.flatnonzero(stopped).tolist():
        parsed = lines.codes[lines.code[rows[i]]]
        others = [(lines.codes[lines.code[rows[j]]].code, family[j], int(fee[j]) if priced[j] and fee[j] >= 0 else None)
                  for j in np.flatnonzero(key == key[i]).tolist() if j != i]  # fmt: skip
        out[i] = discontinued_outranked(parsed.code, parsed.modifiers, family[i], int(fee[i]) if fee[i] >= 0 else None,
                                        others)  # fmt: skip
    return out


def _pfs_positions(
    batch: BatchPricer, caches: _Caches, lines: Lines, rows: np.ndarray
) -> tuple[list[_Context | None], np.ndarray, np.ndarray]:  # fmt: skip
    """``_Facts.of``'s contexts, ``context_ids`` and ``rvu_position`` of these rows alone: each cell's CMS row, as
    ``BatchPricer`` chose it (its _Row's, none for a code the PFS does not list), without the rules' other facts."""
    import numpy as np

    numbers = lines.cell[lines.code[rows]]
    contexts: list[_Context | None] = [None]
    context_ids = np.zeros(len(rows), dtype=np.int64)
    rvu_position = np.full(len(rows), -1, dtype=np.int64)
    names, name_of = _pfs_release_names(lines, rows)
    for number, name in enumerate(names):
        context = _context(batch, caches, name)
        if context is None:
            continue
        mine = np.flatnonzero(name_of == number)
        key = batch.cell_table(name).take("key", numbers[mine])
        keyed = key >= 0
        rvu_position[mine[keyed]] = batch.cell_table(f"rows {name}").take("row", key[keyed])
        context_ids[mine] = len(contexts)
        contexts.append(context)
    return contexts, context_ids, rvu_position


def _by_site(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> np.ndarray:
    """Per row of ``rows``, its facility encounter: its encounter's lines at its site (``Lines.site``: the place of
    service's office, hospital outpatient department, ASC, other facility, or none given), numbered densely in the
    order of (encounter, site), so that an encounter of one site keeps its order among the others.

    A claim is one billing entity's (``price_claims``), and the PFS rules rank all its lines; the hospital's and the
    ASC's rules are the facility's own claim's: a comprehensive APC packages "all covered Part B services on the
    claim" (OPPS Addendum D1's J1, ``_claim_wide_j1``), the hospital's outpatient claim (CMS's RAC topic 0101,
    "Outpatient Hospital Comprehensive APC Coding": claim type Outpatient Hospital, "procedural information, as coded
    and reported by the hospital on its claim"); the ASC is allowed "100 percent of the highest paying surgical
    procedure on the claim plus ... 50 percent" of the others discounted (Claims Processing Manual ch. 14 §40.5, as
    ascbillingcode.com quotes it, 2010-10-02). A line at the office, an independent lab (POS 81) or another place is
    the physician's or the lab's, no line of that facility's claim (a trial: 19083 at POS 11 beside 93306 at POS 22
    packaged the echo's $555.11 OPPS payment into the office line's comprehensive APC). ``rvucalc price`` has one
    setting per encounter: a claim of one site is priced as before."""
    import numpy as np

    if not rows.size:
        return encounter
    return _dense(encounter.astype(np.int64) * len(SITE_NAMES) + lines.site[rows])


def _dense(keys: np.ndarray) -> np.ndarray:
    """``np.unique(keys, return_inverse=True)``'s inverse (the keys numbered densely in their order), by marks where
    the keys span a few times their count (an encounter's or a claim's number and a site): no sort."""
    import numpy as np

    low, high = int(keys.min()), int(keys.max())
    if high - low > 8 * len(keys) + 1024:
        inverse: np.ndarray = np.unique(keys, return_inverse=True)[1].reshape(-1)
        return inverse
    present = np.zeros(high - low + 1, dtype=bool)
    present[keys - low] = True
    number = np.cumsum(present) - 1
    dense: np.ndarray = number[keys - low]
    return dense


def _professional_alone(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.facility.with_professional_alone`` on whole columns: in an encounter of two lines or more whose
    hospital (or ASC) pays some line more than $0.00 (not a packaged line, nor an assistant's: the comment above
    ``engine.facility.professional_alone_note``), a row it leaves out alone (``Lines.left_out_alone``) with a PFS
    facility amount is that amount alone there (``encounter_arrays.professional_amounts``, as the physician's claim),
    and says so where the site is shown."""
    import numpy as np

    if not rows.size:
        return
    several = np.bincount(encounter)[encounter] >= 2
    for site, label in (("hopd", "OPPS"), ("asc", "ASC")):
        listed = lines.left_out_alone.get(site)  # by the facility's file (its indicator)
        alone = np.zeros(lines.rows, dtype=bool) if listed is None else listed
        paid = lines.valid[f"{site}_allowed"][rows]
        rate = "opps_rate" if site == "hopd" else "asc_rate"
        facility = lines.valid[rate][rows] & (lines.cents[rate][rows] > 0)  # its rate after the encounter's rules
        if site == "hopd" and lines.hopd_therapy is not None:  # the office's amounts (BatchPricer._hopd_therapy)
            therapy = lines.hopd_therapy[rows]
            paid = np.where(therapy, lines.valid["office_allowed"][rows], paid)
            facility = np.where(therapy, lines.valid["office_allowed"][rows]
                                & (lines.cents["office_allowed"][rows] > 0), facility)  # fmt: skip
            alone = alone & ~lines.hopd_therapy
        carried = None
        if site == "hopd" and lines.hopd_technical is not None:  # mammography's TC (hopd_mammography)
            facility = facility | (lines.hopd_technical[rows] > 0)
            # A row whose TC another row of its code carries: its physician's fee alone there, whatever the OPPS
            # file (the hospital is paid under the PFS: Pricer.price_encounter's mammography_alone).
            carried = lines.hopd_technical == encounter_arrays.CARRIED_TECHNICAL
            alone = alone | carried
        paid_here = np.bincount(encounter[paid & facility], minlength=int(encounter.max()) + 1) > 0
        hit = several & paid_here[encounter] & ~paid & alone[rows] & lines.valid["pfs_facility_amount"][rows]
        if not hit.any():
            continue
        at = rows[hit]
        *amounts, _ = encounter_arrays.professional_amounts(lines, at)
        for measure, cents in zip(("allowed", "beneficiary", "medicare"), amounts, strict=True):
            lines.cents[f"{site}_{measure}"][at] = cents
            lines.valid[f"{site}_{measure}"][at] = True
        shown = at[np.isin(lines.site[at], [0, SITE_NAMES.index(site)])]
        lines.add_note("claim", shown, lines.texts.id(f"{ENCOUNTER} ({label}): {professional_alone_note(site)}"))
        if carried is not None:  # its site's reason is the TC's line, not the OPPS's (as Pricer.price_encounter)
            told = at[carried[at] & (lines.site[at] == SITE_NAMES.index(site))]
            told = told if listed is None else told[~listed[told]]
            lines.without_slot("site_reason", told)
            lines.add_note("site_reason", told, lines.texts.id(MAMMOGRAPHY_PAID_ON))


def _practitioners(lines: Lines) -> np.ndarray:
    """Per code cell (position in ``lines.codes``), its practitioner's position in ``PROVIDERS`` (0: a physician)."""
    import numpy as np

    found = np.zeros(len(lines.codes), dtype=np.int64)
    # Most cells are a physician's: the others (a run's flag, once per cell) are looked at.
    others = np.flatnonzero(lines.flag("not a physician's", lambda cell: cell.provider != line_rules.PROVIDERS[0]))
    if others.size:
        found[others] = [line_rules.PROVIDERS.index(lines.codes[c].provider) for c in others.tolist()]
    return found


def _status_t(lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``engine.policy.status_t_bundled`` on whole columns: per row of ``rows``, whether it is a status T line of a
    claim's encounter (``keys`` >= 0) beside another line its provider bills (``biller``) that is payable under the
    PFS (``Lines.pfs_status``): the rules leave it out, and it is paid $0.00 with ``STATUS_T_BUNDLED_RULE``."""
    import numpy as np

    out = np.zeros(len(rows), dtype=bool)
    if lines.pfs_status is None or not rows.size:
        return out
    kind = np.where(keys >= 0, lines.pfs_status[rows], NO_STATUS_T_PART)
    status_t = kind == STATUS_T_LINE
    if not status_t.any():
        return out
    assistant = lines.flag("assistant biller", lambda p: biller(p.modifiers) == ASSISTANT)[lines.code[rows]]
    slot = encounter.astype(np.int64) * 2 + assistant
    payable = np.bincount(slot[kind == PAYABLE_BESIDE_T], minlength=(int(encounter.max()) + 1) * 2) > 0
    bundled: np.ndarray = status_t & payable[slot]
    return bundled


def _denied_visits(
    lines: Lines, rows: np.ndarray, own: np.ndarray, bad: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:  # fmt: skip
    """Per practitioner's encounter (``own``): whether an office/outpatient visit (99202-99215), and a home visit
    (99341-99350), of it is a row refused as denied (GY, GZ, EY: ``ErrorKind.DENIED``), or None when none is: G2211
    beside its only visits so denied is not paid (``engine.visits.g2211_outcomes``' "unpaid", as the single lookup's
    ``denied``). Per distinct code cell; the rows on whole columns."""
    import numpy as np

    from rvucalc.engine import visits

    denied = bad & (lines.error_kind[rows] == kind_id(ErrorKind.DENIED))
    if not denied.any():
        return None
    code = lines.code[rows]
    count = int(own.max()) + 1
    office = denied & _codes_flag(lines, "office visit", visits.OFFICE_VISITS)[code]
    home = denied & _codes_flag(lines, "home visit", visits.HOME_VISITS)[code]
    if not (office.any() or home.any()):
        return None
    return np.bincount(own[office], minlength=count) > 0, np.bincount(own[home], minlength=count) > 0


def _denied_primaries(
    lines: Lines, rows: np.ndarray, own: np.ndarray, bad: np.ndarray
) -> dict[str, np.ndarray] | None:  # fmt: skip
    """Per prolonged add-on (G0316-G0318), per practitioner's encounter (``own``): whether one of its primary visits is
    a row refused as denied (GY, GZ, EY: ``ErrorKind.DENIED``), or None when none is (``engine.visits.
    prolonged_primary_unpaid_rules``' ``denied``, as ``_denied_visits`` G2211's). Per distinct code cell."""
    import numpy as np

    from rvucalc.engine import visits

    denied = bad & (lines.error_kind[rows] == kind_id(ErrorKind.DENIED))
    if not denied.any():
        return None
    code = lines.code[rows]
    count = int(own.max()) + 1
    out: dict[str, np.ndarray] = {}
    for add_on, primaries in visits.PROLONGED_PRIMARIES.items():
        found = denied & _codes_flag(lines, f"{add_on} primary", primaries)[code]
        if found.any():
            out[add_on] = np.bincount(own[found], minlength=count) > 0
    return out or None


def _visit_rules(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes,
    denied_visits: tuple[np.ndarray, np.ndarray] | None = None, denied_primaries: dict[str, np.ndarray] | None = None,
    claim_encounter: np.ndarray | None = None,
) -> np.ndarray:  # fmt: skip
    """``engine.visits``' G2211 rules on the claims' encounters (``keys`` >= 0: a claim's rows; a line alone is no
    encounter), as ``lookup.lines._visit_rules``: G2211 beside an E/M-25 and no preventive service is paid $0.00
    (its PFS amounts, then its sites, by ``_write``), with the rule in its note; G2211 with no visit is noted. The
    codes are looked at once per distinct code cell; the encounters on whole columns. Then the E/M in a global period
    (``_em_in_global``) and the same-day hospital care rules (``_same_day_hospital``, ``_prolonged_unpaid``), whose
    $0.00 rows it returns."""
    claimed = keys >= 0
    if not claimed.any():
        return rows[:0]
    code = lines.code[rows]
    g2211_taken = _g2211(lines, rows, encounter, claimed, code, changes, denied_visits)
    em_unpaid = _em_in_global(batch, lines, rows, encounter, keys, code, changes)  # its notes after G2211's
    global_period.postoperative_visits(batch, lines, rows, keys, code, changes)  # later dates of the claim
    unpaid = _same_day_hospital(lines, rows, encounter, claimed, code, changes, claim_encounter,
                                g2211_taken, em_unpaid)  # as the single lookup  # fmt: skip
    prolonged = _prolonged_unpaid(lines, rows, encounter, claimed, code, changes, unpaid, em_unpaid, denied_primaries)
    zeroed = rows[:0] if unpaid is None else rows[unpaid]
    if prolonged is None:
        return zeroed
    import numpy as np

    both: np.ndarray = np.concatenate([zeroed, prolonged])  # and G0316-G0318's not paid (_encounter_notes)
    return both


def _drug_administration(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.drug_admin.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and date, a
    line alone its own), as ``Pricer.price_encounter``: the codes are tested once per cell, and only the encounters
    with a drug administration code are read row by row."""
    import numpy as np

    from rvucalc.engine import drug_admin

    if not rows.size:
        return
    cells = lines.code[rows]
    noted = lines.flag("drug administration", lambda cell: cell.code in drug_admin.NOTED)[cells]
    if np.count_nonzero(noted) < 2:  # a note needs two such lines in one encounter
        return
    count = int(encounter.max()) + 1
    wanted = np.bincount(encounter[noted], minlength=count) > 1

    def said(found: list[int]) -> list[str | None]:
        parsed = [lines.codes[int(cells[i])] for i in found]
        return drug_admin.encounter_notes([(cell.code, tuple(cell.modifiers)) for cell in parsed])

    _note_members(lines, rows, _members_of(encounter, wanted[encounter]), said)


def _visit_beside_drug_administration(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.visits.visit_beside_drug_administration_notes`` per encounter (``encounter``: a practitioner's lines of
    a claim and date), as ``Pricer.price_encounter``: only encounters of an office visit and a drug administration
    service read, the codes tested once per cell; a facility's own bill's rows (``Lines.facility_bill``: type of bill
    13x, 83x) left out, as the single lookup's ``facility_bill`` (CMS's rule is the practitioner's, ch. 12)."""
    from rvucalc.engine import visits

    if lines.facility_bill is not None:
        practitioner = ~lines.facility_bill[rows]
        rows, encounter = rows[practitioner], encounter[practitioner]
    _codes_meeting(lines, rows, encounter,
                   [("office visit", visits.OFFICE_VISITS.__contains__),
                    ("drug administration service", visits.DRUG_ADMINISTRATION_SERVICES.__contains__)],
                   visits.visit_beside_drug_administration_notes)  # fmt: skip


def _bone_marrow(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.bone_marrow.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and date),
    as ``Pricer.price_encounter``: only encounters of two bone marrow lines read."""
    from rvucalc.engine import bone_marrow

    _codes_meeting(lines, rows, encounter, [("bone marrow biopsy or aspiration", bone_marrow.NOTED.__contains__)],
                   bone_marrow.encounter_notes)  # fmt: skip


def _ophthalmic_imaging(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.ophthalmic_imaging.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of two fundus photography or OCT lines read."""
    from rvucalc.engine import ophthalmic_imaging

    _codes_meeting(lines, rows, encounter,
                   [("fundus photography or ophthalmic OCT", ophthalmic_imaging.NOTED.__contains__)],
                   ophthalmic_imaging.encounter_notes)  # fmt: skip


def _spinal_manipulation(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.spinal_manipulation.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim
    and date), as ``Pricer.price_encounter``: only encounters of two spinal CMT lines read."""
    from rvucalc.engine import spinal_manipulation

    _codes_meeting(lines, rows, encounter,
                   [("spinal manipulation", spinal_manipulation.NOTED.__contains__)],
                   spinal_manipulation.encounter_notes)  # fmt: skip


def _sinus_dilation(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.sinus_dilation.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of a dilation line beside another such line read."""
    from rvucalc.engine import sinus_dilation

    _codes_meeting(lines, rows, encounter,
                   [("sinus dilation or its sinus's surgery", sinus_dilation.NOTED.__contains__)],
                   sinus_dilation.encounter_notes)  # fmt: skip


def _audiology_components(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.audiology_components.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim
    and date), as ``Pricer.price_encounter``: only encounters of two combined audiology tests or parts of them read."""
    from rvucalc.engine import audiology_components

    _codes_meeting(lines, rows, encounter,
                   [("combined audiology test or its part", audiology_components.NOTED.__contains__)],
                   audiology_components.encounter_notes)  # fmt: skip


def _blood_counts(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.blood_counts.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of two complete blood counts or their parts read."""
    from rvucalc.engine import blood_counts

    _codes_meeting(lines, rows, encounter,
                   [("complete blood count or its part", blood_counts.NOTED.__contains__)],
                   blood_counts.encounter_notes)  # fmt: skip


def _migs_with_cataract(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.migs_with_cataract.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim
    and date), as ``Pricer.price_encounter``: only encounters of a 0671T line beside a cataract removal read."""
    from rvucalc.engine import migs_with_cataract

    _codes_meeting(lines, rows, encounter,
                   [("trabecular meshwork device without cataract removal",
                     migs_with_cataract.STAND_ALONE_DEVICE.__eq__),
                    ("cataract removal", migs_with_cataract.WITH_DEVICE.__contains__)],
                   migs_with_cataract.encounter_notes)  # fmt: skip


def _epidural_management(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.epidural_management.encounter_notes`` per claim and date (``encounter``: every practitioner's lines, as
    ``Pricer.price_encounter``'s): only those of a 01996 line beside an anesthesia or continuous catheter code read."""
    from rvucalc.engine import epidural_management

    _codes_meeting(lines, rows, encounter,
                   [("daily epidural management", epidural_management.DAILY_MANAGEMENT.__eq__),
                    ("anesthetic or continuous catheter", epidural_management.is_same_day_service)],
                   epidural_management.encounter_notes)  # fmt: skip


def _dialysis_circuit(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.dialysis_circuit.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of two dialysis circuit lines (36901-36908) read."""
    from rvucalc.engine import dialysis_circuit

    _codes_meeting(lines, rows, encounter, [("dialysis circuit", dialysis_circuit.NOTED.__contains__)],
                   dialysis_circuit.encounter_notes)  # fmt: skip


def _fracture_cast(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.fracture_cast.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of a cast line beside a fracture care line read."""
    from rvucalc.engine import fracture_cast

    _codes_meeting(lines, rows, encounter,
                   [("cast, splint or strapping", fracture_cast.is_cast),
                    ("fracture or dislocation treatment", fracture_cast.is_fracture_care)],
                   fracture_cast.encounter_notes)  # fmt: skip


def _knee_arthroscopy(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.knee_arthroscopy.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of a 29874 or 29877 line beside another knee arthroscopy
    line read."""
    from rvucalc.engine import knee_arthroscopy

    _codes_meeting(lines, rows, encounter,
                   [("knee arthroscopy, loose body removal or chondroplasty", knee_arthroscopy.is_bundled),
                    ("surgical knee arthroscopy", knee_arthroscopy.is_knee_arthroscopy)],
                   knee_arthroscopy.encounter_notes)  # fmt: skip


def _wound_repairs(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.wound_repair.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of two wound repair lines read."""
    from rvucalc.engine import wound_repair

    _codes_meeting(lines, rows, encounter, [("wound repair", wound_repair.GROUP_OF.__contains__)],
                   wound_repair.encounter_notes)  # fmt: skip


def _area_first_lines(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.add_ons.area_first_lines_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of two first-area lines read."""
    from rvucalc.engine import add_ons

    _codes_meeting(lines, rows, encounter, [("first-area code", add_ons.AREA_FIRST_UNITS.__contains__)],
                   add_ons.area_first_lines_notes)  # fmt: skip


def _excision_closures(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.wound_repair.excision_closure_notes`` per encounter (``encounter``: a practitioner's lines of a claim
    and date), as ``Pricer.price_encounter``: only encounters whose lines can be noted read, found on whole columns (an
    excision beside a simple repair or an adjacent tissue transfer, or a layered repair beside a 0.5 cm benign
    excision), the notes once per shape of code cells, where a dermatology file of 300,000 rows read each excision
    beside its intermediate repair (11602 + 12032, the commonest and never noted) one by one."""
    import numpy as np

    from rvucalc.engine import wound_repair

    if not rows.size:
        return
    cells = lines.code[rows]

    def kind(label: str, codes: frozenset[str]) -> np.ndarray:
        found: np.ndarray = lines.flag(label, lambda cell: cell.code in codes)[cells]
        return found

    excision = kind("skin lesion excision", wound_repair.EXCISIONS)
    if not excision.any():
        return
    smallest = kind("benign excision of 0.5 cm or less", wound_repair.SMALLEST_BENIGN_EXCISIONS)
    simple = kind("simple wound repair", wound_repair.SIMPLE_REPAIRS)
    layered = kind("intermediate or complex wound repair", wound_repair.LAYERED_REPAIRS)
    transfer = kind("adjacent tissue transfer", wound_repair.ADJACENT_TISSUE_TRANSFERS)
    size = int(encounter.max()) + 1

    def some(mask: np.ndarray) -> np.ndarray:
        return np.bincount(encounter[mask], minlength=size) > 0

    wanted = some(excision) & (some(simple) | some(transfer) | (some(layered) & some(smallest)))
    if not wanted.any():
        return
    noted = excision | simple | layered | transfer
    codes = cells.tolist()
    shapes: dict[tuple[int, ...], list[str | None]] = {}  # an encounter's notes by its code cells: shapes repeat

    def said(members: list[int]) -> list[str | None]:
        shape = tuple(codes[i] for i in members)
        found = shapes.get(shape)
        if found is None:
            parsed = [lines.codes[cell] for cell in shape]
            found = shapes[shape] = wound_repair.excision_closure_notes(
                [(cell.code, tuple(cell.modifiers)) for cell in parsed]
            )
        return found

    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & noted), said)


def _global_components(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.global_component.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters with a global diagnostic test's row (``Lines.component``)
    or a global test-only code's (93015), and a 26 or TC row or such a code's part (93016), read."""
    import numpy as np

    from rvucalc.engine import global_component

    if not rows.size:
        return
    cells = lines.code[rows]
    whole = lines.component[rows] if lines.component is not None else np.zeros(rows.size, dtype=bool)
    test_only = lines.flag("global test-only line",
                           lambda cell: global_component.is_global_test_only(cell.code, cell.modifiers))  # fmt: skip
    whole = whole | test_only[cells]
    part = lines.flag("26, TC or global test part line",
                      lambda cell: global_component.is_part(cell.code, cell.modifiers))[cells]  # fmt: skip
    if not whole.any() or not part.any():
        return
    count = int(encounter.max()) + 1
    wanted = (np.bincount(encounter[whole], minlength=count) > 0) & (np.bincount(encounter[part], minlength=count) > 0)

    # A row at a hospital, ASC or inpatient stay (lines.site: hopd, asc, facility): no global test-only code's amount
    # there, as price's facility setting.
    facility = lines.site[rows] >= SITE_NAMES.index("hopd")

    def said(found: list[int]) -> list[str | None]:
        parsed = [(lines.codes[int(cells[i])], bool(whole[i])) for i in found]
        return global_component.encounter_notes(
            [(cell.code, tuple(cell.modifiers), split) for cell, split in parsed], [bool(facility[i]) for i in found]
        )

    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & (whole | part)), said)


def _codes_meeting(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, kinds: Sequence[tuple[str, Callable[[str], bool]]],
    notes_of: Callable[[list[tuple[str, tuple[str, ...]]]], list[str | None]],
) -> None:  # fmt: skip
    """A pairing rule's notes per encounter (``encounter``: a practitioner's lines of a claim and date), as
    ``Pricer.price_encounter`` gives them: ``notes_of`` the (code, modifiers) of the lines of each ``kinds`` (a label
    and a test of the code, each tested once per code cell), in encounters where every kind has a line (one kind: two
    of its lines); only those encounters read (the bone marrow, sinus dilation and fracture cast notes' one way)."""
    import numpy as np

    if not rows.size:
        return
    cells = lines.code[rows]
    found = []
    for label, test in kinds:

        def of_cell(cell: Any, test: Callable[[str], bool] = test) -> bool:
            return test(cell.code)

        found.append(lines.flag(label, of_cell)[cells])
    if not all(kind.any() for kind in found):
        return
    size = int(encounter.max()) + 1
    noted = np.logical_or.reduce(found)
    if len(found) == 1:
        wanted = np.bincount(encounter[noted], minlength=size) > 1
    else:
        wanted = np.logical_and.reduce([np.bincount(encounter[kind], minlength=size) > 0 for kind in found])

    def said(members: list[int]) -> list[str | None]:
        parsed = [lines.codes[int(cells[i])] for i in members]
        return notes_of([(cell.code, tuple(cell.modifiers)) for cell in parsed])

    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & noted), said)


def _neuromonitoring(batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.neuromonitoring.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and
    date), as ``Pricer.price_encounter``: only encounters of a 95940 or G0453 line and another line read, CMS's global
    days once per distinct code cell and release (``_per_cell``)."""
    import numpy as np

    from rvucalc.engine import neuromonitoring

    if not rows.size:
        return
    cells = lines.code[rows]
    monitoring = lines.flag("neurophysiology monitoring", lambda cell: cell.code in neuromonitoring.MONITORING)[cells]
    if not monitoring.any():
        return
    count = int(encounter.max()) + 1
    wanted = (np.bincount(encounter[monitoring], minlength=count) > 0) & (np.bincount(encounter, minlength=count) >= 2)
    mine = np.flatnonzero(wanted[encounter])
    if not mine.size:
        return
    caches = _caches(batch)
    names = {r.release for r in batch.pricer.releases}

    def operative(release: str, cell: Any) -> int:
        """1 if the cell is an operative or anesthesia procedure (``neuromonitoring.performs``) in the release."""
        context = _context(batch, caches, release) if release in names else None
        days = None
        if context is not None:
            try:  # its paying modifiers choose CMS's row, as _global_kind's
                days = batch._row_of(context.store, cell.code, tuple(cell.paying)).get("global_days")
            except RvucalcError as exc:  # not in the PFS (a lab, drug ...): no global period
                bare_error(exc)
        return int(neuromonitoring.performs(cell.code, days, tuple(cell.modifiers)))

    performs = np.zeros(len(rows), dtype=bool)
    performs[mine] = _per_cell(batch, lines, rows[mine], "operative or anesthesia procedure", operative) > 0

    def said(found: list[int]) -> list[str | None]:
        return neuromonitoring.encounter_notes([(lines.codes[int(cells[i])].code, bool(performs[i])) for i in found])

    _note_members(lines, rows, _members_of(encounter, wanted[encounter]), said)


def _cerumen(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.cerumen.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and date), as
    ``Pricer.price_encounter``: the codes tested once per cell, only encounters of 69210 beside a test read."""
    import numpy as np

    from rvucalc.engine import cerumen

    if not rows.size:
        return
    cells = lines.code[rows]
    noted = lines.flag("cerumen removal or audiologic test", lambda cell: cell.code in cerumen.NOTED)[cells]
    removal = lines.flag("impacted cerumen removal", lambda cell: cell.code == cerumen.CERUMEN_REMOVAL)[cells]
    if not removal.any() or np.count_nonzero(noted) < 2:  # a note needs 69210 and a test in one encounter
        return
    size = int(encounter.max()) + 1
    wanted = (np.bincount(encounter[removal], minlength=size) > 0) & (np.bincount(encounter[noted], minlength=size) > 1)

    def said(found: list[int]) -> list[str | None]:
        parsed = [lines.codes[int(cells[i])] for i in found]
        return cerumen.encounter_notes([cell.code for cell in parsed], parsed[0].provider)

    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & noted), said)


def _oxygen_contents(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.oxygen_contents.encounter_notes`` per encounter (``encounter``: the lines of a claim and date), as
    ``Pricer.price_encounter``: the codes tested once per cell, only encounters of a contents line beside a stationary
    oxygen rental read."""
    import numpy as np

    from rvucalc.engine import oxygen_contents

    if not rows.size:
        return
    cells = lines.code[rows]
    contents = lines.flag("oxygen contents", lambda cell: cell.code in oxygen_contents.OXYGEN_CONTENTS)[cells]
    stationary = oxygen_contents.is_stationary_rental
    rental = lines.flag("stationary oxygen rental", lambda cell: stationary(cell.code, cell.modifiers))[cells]
    if not (contents.any() and rental.any()):
        return
    size = int(encounter.max()) + 1
    wanted = np.bincount(encounter[contents], minlength=size) > 0
    wanted &= np.bincount(encounter[rental], minlength=size) > 0

    def said(found: list[int]) -> list[str | None]:
        parsed = [lines.codes[int(cells[i])] for i in found]
        return oxygen_contents.encounter_notes([(cell.code, tuple(cell.modifiers)) for cell in parsed])

    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & (contents | rental)), said)


def _prep_injection(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.prep.encounter_notes`` per encounter (``encounter``: a practitioner's lines of a claim and date), as
    ``Pricer.price_encounter``: the codes tested once per cell, only encounters of a PrEP drug and 96372 read."""
    import numpy as np

    from rvucalc.engine import prep

    if not rows.size:
        return
    cells = lines.code[rows]
    drug = lines.flag("injectable HIV PrEP drug", lambda cell: cell.code in prep.PREP_INJECTABLES)[cells]
    injection = lines.flag("96372 beside a PrEP drug", lambda cell: cell.code == prep.INJECTION)[cells]
    if not (drug.any() and injection.any()):
        return
    count = int(encounter.max()) + 1
    wanted = (np.bincount(encounter[drug], minlength=count) > 0) & (
        np.bincount(encounter[injection], minlength=count) > 0
    )

    def said(found: list[int]) -> list[str | None]:
        parsed = [lines.codes[int(cells[i])] for i in found]
        return prep.encounter_notes([(cell.code, tuple(cell.modifiers)) for cell in parsed])

    read = lines.flag("HIV PrEP drug, its injection or 96372", lambda cell: cell.code in prep.NOTED)[cells]
    _note_members(lines, rows, _members_of(encounter, wanted[encounter] & read), said)


def _part_d_vaccine_administration(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.meanings.part_d_administration_notes`` per encounter (``encounter``: a practitioner's lines of a claim
    and date), as ``Pricer.price_encounter``: only encounters of a Part D vaccine and 90471/90472 read."""
    from rvucalc.engine import meanings

    _codes_meeting(lines, rows, encounter,
                   [("Part D vaccine", meanings.PART_D_VACCINES.__contains__),
                    ("immunization administration", meanings.VACCINE_ADMINISTRATION.__contains__)],
                   meanings.part_d_administration_notes)  # fmt: skip


def _skin_biopsies(lines: Lines, rows: np.ndarray, encounter: np.ndarray) -> None:
    """``engine.add_ons.first_biopsy_notes``, ``first_extremity_notes``, ``lesion_count_notes`` and
    ``mohs_pathology_notes``, and
    ``engine.nerve_conduction.encounter_notes`` (a stand-alone needle EMG beside a nerve conduction study, two study
    codes) and ``engine.combined_tests.encounter_notes`` (95924, 95938 or 95939 beside its parts, or the two parts), per
    encounter (``encounter``: a practitioner's lines of a claim and date), as ``Pricer.price_encounter``: the codes
    tested once per cell, only encounters of two lines of either kind read."""
    from rvucalc.engine import add_ons, combined_tests, nerve_conduction

    counted = set(add_ons.LESION_COUNTS) | {c for _, of, _ in add_ons.LESION_COUNTS.values() for c in of}
    for name, codes, notes in (
        ("first skin biopsy", add_ons.FIRST_BIOPSIES, lambda got: add_ons.first_biopsy_notes([c.code for c in got])),
        (
            "first extremity chemodenervation",
            add_ons.FIRST_EXTREMITIES,
            lambda got: add_ons.first_extremity_notes([c.code for c in got]),
        ),
        ("lesion count", counted, lambda got: add_ons.lesion_count_notes([c.code for c in got])),
        (
            "needle EMG or nerve conduction",
            nerve_conduction.STAND_ALONE_EMG | set(nerve_conduction.STUDIES),
            lambda got: nerve_conduction.encounter_notes([(c.code, tuple(c.modifiers)) for c in got]),
        ),
        (
            "combined test or its part",
            combined_tests.CODES,
            lambda got: combined_tests.encounter_notes([c.code for c in got]),
        ),
        (
            "Mohs or its pathology",
            add_ons.MOHS_CODES | add_ons.MOHS_PATHOLOGY,
            lambda got: add_ons.mohs_pathology_notes([(c.code, tuple(c.modifiers)) for c in got]),
        ),
    ):
        _encounter_code_notes(lines, rows, encounter, name, codes, notes)


def _encounter_code_notes(
    lines: Lines,
    rows: np.ndarray,
    encounter: np.ndarray,
    name: str,
    codes: Container[str],
    notes: Callable[[list[Any]], Sequence[str | None]],
) -> None:
    """``notes`` (an encounter's parsed code cells in row order -> a note or None each) on the lines of ``codes`` of
    each encounter with two lines of them or more: the encounters found on whole columns (bincount), ``notes`` asked
    once per shape of code cells (``_note_shapes``), where a dermatology file of 300,000 rows grouped its rows and
    asked each encounter's notes one by one (0.15-0.29 s in ``_skin_biopsies``)."""
    import numpy as np

    if not rows.size:
        return
    cells = lines.code[rows]
    noted = lines.flag(name, lambda cell: cell.code in codes)[cells]
    if np.count_nonzero(noted) < 2:
        return
    wanted = np.bincount(encounter[noted], minlength=int(encounter.max()) + 1) > 1
    _note_shapes(lines, rows, encounter, cells, wanted[encounter] & noted,
                 lambda shape: notes([lines.codes[cell] for cell in shape]))  # fmt: skip


def _note_shapes(
    lines: Lines,
    rows: np.ndarray,
    encounter: np.ndarray,
    cells: np.ndarray,
    chosen: np.ndarray,
    said: Callable[[list[int]], Sequence[str | None]],
) -> None:
    """The ``chosen`` rows (a mask of positions in ``rows``) grouped by their ``encounter`` in row order, as
    ``_members_of`` groups them, each group noted in the claim slot with ``said(its code cells)`` (a note or None per
    member), as ``_note_members`` notes them: ``said`` asked once per distinct shape of code cells (shapes repeat:
    one claim of 11102 + 11103 is much like the next), whole columns for the rest."""
    import numpy as np

    at = np.flatnonzero(chosen)
    if not at.size:
        return
    at = at[np.argsort(encounter[at], kind="stable")]  # by encounter, in row order within each
    owner = encounter[at]
    starts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
    lengths = np.diff(np.append(starts, at.size))
    code_at = cells[at]
    text_at = np.zeros(at.size, dtype=np.int32)
    for length in np.unique(lengths).tolist():
        first = starts[lengths == length]
        places = first[:, None] + np.arange(length)  # each group of this length's members, a row each
        shapes, inverse = np.unique(code_at[places], axis=0, return_inverse=True)
        ids = np.array([lines.texts.ids(said(shape)) for shape in shapes.tolist()], dtype=np.int32)
        text_at[places] = ids[inverse.reshape(-1)]
    given = text_at != 0
    order = np.argsort(at[given], kind="stable")
    if order.size:
        lines.add_note("claim", rows[at[given][order]], text_at[given][order])


def _members_of(encounter: np.ndarray, wanted: np.ndarray) -> list[list[int]]:
    """The positions of the ``wanted`` rows (a mask), grouped by their ``encounter``, in row order within each: one
    pass over the rows, not one per encounter (a review found a pass over the chunk per encounter)."""
    import numpy as np

    members: dict[int, list[int]] = {}
    for i in np.flatnonzero(wanted).tolist():
        members.setdefault(int(encounter[i]), []).append(i)
    return list(members.values())


def _note_members(
    lines: Lines, rows: np.ndarray, members: list[list[int]], said: Callable[[list[int]], Sequence[str | None]]
) -> None:
    """Each group of ``members`` (positions in ``rows``, as ``_members_of`` gives them) noted in the claim slot with
    ``said(group)``'s texts, one per member (None or '' for none), in row order: the encounter notes of drug
    administration and of first skin biopsies."""
    import numpy as np

    noted_at, texts = [], []
    for found in members:
        for i, text in zip(found, said(found), strict=True):
            if text:
                noted_at.append(i)
                texts.append(text)
    if texts:
        order = np.argsort(np.array(noted_at, dtype=np.int64), kind="stable")
        lines.add_note(
            "claim", rows[np.array(noted_at, dtype=np.int64)[order]], lines.texts.ids([texts[k] for k in order])
        )


def _allergen_immunotherapy(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:  # fmt: skip
    """``engine.allergy`` on the claims' encounters of one practitioner (``encounter``: a claim, date and practitioner,
    as G2211's), as ``Pricer.price_encounter``: a 95144 row beside 95115 or 95117 is paid as 95165 (95165's line as
    ``lookup.lines.prepare`` makes it at the row's place, modifiers and practitioner, its PFS amounts and limiting
    charges, then its sites by ``_write``), with the rule in its note; an E/M visit beside 95115-95199 without 25 is
    noted, and a 95115 beside 95117. The codes are looked at once per distinct code cell; the few encounters that
    have them one by one."""
    import numpy as np

    from rvucalc.engine import allergy

    claimed = keys >= 0
    if not claimed.any():
        return
    code = lines.code[rows]
    immunotherapy = _code_test(batch, lines, "allergen immunotherapy", allergy.is_immunotherapy)[code] & claimed
    if not immunotherapy.any():
        return
    count = int(encounter.max()) + 1
    wanted = np.bincount(encounter[immunotherapy], minlength=count) > 0
    caches = _caches(batch)
    for found in _members_of(encounter, claimed & wanted[encounter]):
        parsed = [lines.codes[lines.code[rows[i]]] for i in found]
        written = [(cell.code, tuple(cell.modifiers)) for cell in parsed]
        paid_as = allergy.paid_as_multidose([c for c, _ in written])
        for i, cell, said in zip(found, parsed, paid_as, strict=True):
            if said is None:
                continue
            cents = _multidose_cents(batch, caches, lines, int(rows[i]), cell)
            if cents is None:
                continue
            for name, value in zip(PFS_COLUMNS, cents, strict=True):
                if lines.valid[name][rows[i]] or value is not None:
                    changes.set(name, int(rows[i]), value)
            changes.note(int(rows[i]), said)
        for i, said in zip(found, allergy.visit_notes(written), strict=True):
            if said:
                changes.note(int(rows[i]), said)
        for i, said in zip(found, allergy.both_injections_notes([c for c, _ in written]), strict=True):
            if said:
                changes.note(int(rows[i]), said)


def _multidose_cents(batch: BatchPricer, caches: _Caches, lines: Lines, row: int, cell: Any) -> list[int | None] | None:
    """95165's PFS amounts and limiting charges (PFS_COLUMNS' order, None: not priced there) for the 95144 ``row``:
    95165's line as ``lookup.lines.prepare`` makes it with the row's modifiers, practitioner and place (cached as
    ``_prepared``'s lines are), through ``lookup.lines.apply_rules`` alone: the policy rules, then the line's claim
    modifiers (AJ's 75%, 53's MAC pricing), as the single lookup's 95144 line takes 95165's settings before its
    encounter's rules (a line of multiple procedure indicator 0 takes no part in another's). None: not priced so (a
    review found batch's 95144-AJ paid 95165's whole amount, price 75% of it)."""
    from rvucalc.engine import allergy

    name = lines.texts.values[int(lines.release[row])].split("; ")[0]
    context = _context(batch, caches, name) if name in {r.release for r in batch.pricer.releases} else None
    if context is None:
        return None
    position = context.pfs.locality_position.get(lines.texts.values[int(lines.locality_priced[row])], -1)
    text = "-".join((allergy.MULTIDOSE, *cell.modifiers))
    key = (context.release.release, text, cell.provider, position, lines.anesthesias[lines.anesthesia[row]])
    units = _counted_units(lines, row)
    if (key, units) in caches.multidose:
        return caches.multidose[key, units]
    template = _prepared(batch, caches, context, lines, position, row, text=text)
    if isinstance(template, RvucalcError):
        return None
    item = _fresh(template)
    item.policy.units = units
    line_rules.apply_rules([item])
    cents: list[int | None] = []
    for setting in line_rules.SETTINGS:
        state = item.policy.settings.get(setting)  # apply_rules drops a setting its modifiers leave unpaid
        amount = None if state is None else round_cents(state.amount)
        cents += [amount, None if amount is None else int(limiting_charge(amount))]
    found = None if all(value is None for value in cents) else cents
    _bounded(caches.multidose, PREPARED_LIMIT)[key, units] = found
    return found


def _g2211(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, claimed: np.ndarray, code: np.ndarray, changes: _Changes,
    denied_visits: tuple[np.ndarray, np.ndarray] | None = None,
) -> np.ndarray | None:  # fmt: skip
    """``engine.visits.g2211_outcomes`` on whole columns (``_visit_rules``); ``denied_visits``: ``_denied_visits``'.
    Returns the G2211 rows (of ``rows``) it paid $0.00, or None where there is no G2211."""
    import re

    import numpy as np

    from rvucalc.engine import visits

    g2211 = _codes_flag(lines, "G2211", (visits.G2211,))[code] & claimed
    if not g2211.any():
        return None
    releases, release_of = ids_and_inverse(lines.release[rows])
    found = [re.match(r"\d{4}", lines.texts.values[i]) for i in releases.tolist()]
    year = np.array([int(m.group()) if m else 0 for m in found], dtype=np.int64)[release_of.reshape(-1)]
    count = int(encounter.max()) + 1
    lines_in = np.bincount(encounter[claimed], minlength=count)
    with_25 = lines.flag("25", lambda p: "25" in p.modifiers)[code]
    office = _codes_flag(lines, "office visit", visits.OFFICE_VISITS)[code]
    home = _codes_flag(lines, "home visit", visits.HOME_VISITS)[code]
    beside = _codes_flag(lines, "beside 25", visits.BESIDE_25)[code]
    visit = claimed & (office | (home & (year >= visits.HOME_VISITS_YEAR)))
    visits_in = np.bincount(encounter[visit], minlength=count)
    without_25 = np.bincount(encounter[visit & ~with_25], minlength=count)
    beside_in = np.bincount(encounter[claimed & beside], minlength=count) > 0
    at = g2211 & (lines_in[encounter] >= 1) & (year >= visits.G2211_FIRST_YEAR)  # a claim of one line too
    denied = at & (visits_in[encounter] > 0) & (without_25[encounter] == 0)
    denied &= ~(beside_in[encounter] & (year >= visits.PREVENTIVE_EXCEPTION_YEAR))
    alone = at & (visits_in[encounter] == 0)
    unpaid = np.zeros(len(rows), dtype=bool)  # its only visits denied (GY, GZ, EY): G2211_VISIT_UNPAID_RULE
    if denied_visits is not None:
        office_denied, home_denied = denied_visits
        unpaid = alone & (office_denied[encounter] | (home_denied[encounter] & (year >= visits.HOME_VISITS_YEAR)))
        alone &= ~unpaid
    for row in rows[denied | unpaid].tolist():  # a few rows: G2211's
        for name in PFS_COLUMNS:
            if lines.valid[name][row]:
                changes.set(name, row, 0)
    # G2211 alone beside its practitioner's nursing facility care line says so (engine.visits.g2211_without_visit_note)
    nursing = _codes_flag(lines, "nursing facility care", visits.NURSING_FACILITY_CARE)[code] & claimed
    beside_nursing = alone & (np.bincount(encounter[nursing], minlength=count) > 0)[encounter]
    # ... and before 2026 beside its practitioner's home or residence visit (the nursing facility's note wins)
    home_before = claimed & home & (year < visits.HOME_VISITS_YEAR)
    beside_home = alone & ~beside_nursing & (np.bincount(encounter[home_before], minlength=count) > 0)[encounter]
    years = sorted(set(year[denied | alone].tolist()))
    texts = [*(visits.g2211_with_25_rule(y) for y in years), *(visits.g2211_without_visit_note(y) for y in years),
             visits.G2211_VISIT_UNPAID_RULE, *(visits.g2211_without_visit_note(y, True) for y in years),
             *(visits.g2211_without_visit_note(y, home_visit=True) for y in years)]  # fmt: skip
    which = np.searchsorted(np.array(years, dtype=np.int64), year) + np.where(alone, len(years), 0)
    which[beside_nursing] += len(years) + 1
    which[beside_home] += 2 * len(years) + 1
    which[unpaid] = 2 * len(years)
    said = denied | alone | unpaid
    changes.arrays.note(rows[said], texts, which[said])
    taken: np.ndarray = denied | unpaid
    return taken


def _same_day_hospital(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, claimed: np.ndarray, code: np.ndarray, changes: _Changes,
    claim_encounter: np.ndarray | None = None, g2211_taken: np.ndarray | None = None,
    em_unpaid: np.ndarray | None = None,
) -> np.ndarray | None:  # fmt: skip
    """``engine.visits.same_day_hospital_rules`` on the claims' encounters of one practitioner (``encounter``: a claim,
    date and practitioner, as G2211's), as ``lookup.lines._visit_rules``: another site's visit beside an initial
    hospital care, a subsequent hospital care or a discharge beside an initial one, a subsequent hospital care beside a
    discharge, G2211 whose visits are all another site's beside an admission, and a second initial (or subsequent)
    hospital care line, or nursing facility care line (visit or discharge), beside the encounter's highest-paid, paid
    $0.00 (their PFS amounts, then their sites, by ``_write``) with the rule in their note; an office visit beside a
    subsequent hospital care or a discharge and no admission is noted (``same_day_hospital_notes``). The codes are
    looked at once per distinct code cell; the encounters on whole columns. A second hospital discharge line is ranked
    on the claim and date (``claim_encounter``: every practitioner's lines), not the practitioner's: one discharge is
    payable per patient per stay, whoever bills it (``engine.visits.SECOND_DISCHARGE_RULE``). ``g2211_taken``: the
    G2211 rows ``_g2211`` paid $0.00 (its with-25 rule), which the 99211 rule's G2211 leaves. ``em_unpaid``: the E/M-57
    rows ``_em_in_global`` paid $0.00, no office visit of two (``engine.visits.two_office_visits_notes``). Returns the
    rows (of ``rows``) it paid $0.00, or None (``_prolonged_unpaid``)."""
    import numpy as np

    from rvucalc.engine import visits

    def flag(name: str, group: frozenset[str]) -> np.ndarray:
        flags: np.ndarray = _codes_flag(lines, name, group)[code] & claimed
        return flags

    admission = flag("initial hospital care", visits.INITIAL_HOSPITAL_CARE)
    discharge = flag("discharge day", visits.DISCHARGE_DAY)
    subsequent = flag("subsequent hospital care", visits.SUBSEQUENT_HOSPITAL_CARE)
    nursing = flag("nursing facility care", visits.NURSING_FACILITY_CARE)  # visits and discharge: one a day
    nurse = flag("99211", frozenset({visits.NURSE_VISIT}))  # beside a drug administration service: CR 3631
    drug_given = flag("drug administration service", visits.DRUG_ADMINISTRATION_SERVICES)
    nurse_rule = nurse.any() and drug_given.any()
    count = int(encounter.max()) + 1
    office = flag("office visit", visits.OFFICE_VISITS)
    # Two or more office visits of one practitioner's claim and date (engine.visits.two_office_visits_notes, ch. 12
    # §30.6.7.B, "billed by a physician": not a hospital's own bill, 13x): a note on each, the amounts stay; a visit a
    # same-day rule paid $0.00 (``zeroed``: beside the day's admission, 99211 beside a drug administration) is none.
    practitioner_office = office if lines.facility_bill is None else office & ~lines.facility_bill[rows]

    def two_office_visits(zeroed: np.ndarray | None) -> None:
        counted = practitioner_office if zeroed is None else practitioner_office & ~zeroed
        if em_unpaid is not None:
            counted = counted & ~em_unpaid
        if not counted.any():
            return
        two = counted & (np.bincount(encounter[counted], minlength=count) > 1)[encounter]
        if two.any():
            changes.arrays.note(rows[two], [visits.TWO_OFFICE_VISITS_NOTE], np.zeros(int(two.sum()), dtype=np.int64))

    if not (admission.any() or discharge.any() or subsequent.any() or nursing.any() or nurse_rule):
        two_office_visits(None)
        return None
    admitted = (np.bincount(encounter[admission], minlength=count) > 0)[encounter]
    discharged = (np.bincount(encounter[discharge], minlength=count) > 0)[encounter]
    which = np.full(len(rows), -1, dtype=np.int64)
    which[subsequent & discharged] = 1
    which[subsequent & admitted] = 3  # beside an initial care too: the initial day's rule first, as the single lookup
    which[discharge & admitted] = 4
    which[flag("other site visit", visits.OTHER_SITE_VISITS) & admitted] = 0
    g2211 = flag("G2211", frozenset({visits.G2211}))
    if (g2211 & admitted).any():
        visit_in = np.bincount(encounter[flag("G2211 visit", visits.G2211_VISITS)], minlength=count) > 0
        which[g2211 & admitted & visit_in[encounter]] = 2
    # A second line of one per diem kind (initial, or subsequent, hospital care; nursing facility care) and AI (the
    # admitting physician's, apart from the lines without it): all but the encounter's highest-paid (its PFS facility
    # amount, as the single lookup's engine.visits.per_diem_kept), the first of equal ones (its lowest row, the file's
    # order), where no other rule said it.
    facility = "pfs_facility_amount"
    amount = np.where(lines.valid[facility][rows], lines.cents[facility][rows], -1).astype(np.int64)
    if changes.money.get(facility):  # an earlier rule's amount (an E/M-57 beside a minor procedure's $0.00)
        per_diem = np.flatnonzero(admission | subsequent | nursing | discharge)
        moved = changes.money[facility]
        changed = per_diem[np.isin(rows[per_diem], np.fromiter(moved, dtype=np.int64, count=len(moved)))]
        for position in changed.tolist():  # a few hospital care rows
            given = moved[int(rows[position])]
            amount[position] = -1 if given is None else given
    principal = lines.flag("AI", lambda p: visits.PRINCIPAL_PHYSICIAN in p.modifiers)[code]
    # A discharge is the attending physician's alone, one per patient per stay (engine.visits.SECOND_DISCHARGE_RULE,
    # ch. 12 §30.6.9.2): AI on it sets nothing apart, nor does another practitioner of the claim (an MD's 99238 and an
    # NP's 99239 on one date: one paid), ranked on the claim and date among the discharge lines no other rule paid
    # $0.00 (a discharge beside its own practitioner's admission is ADMISSION_DAY_DISCHARGE_RULE's).
    by_claim = encounter if claim_encounter is None else claim_encounter
    for kind, again in ((admission, 5), (subsequent, 5), (nursing, 7), (discharge, 8)):
        groups = (kind & (which < 0),) if again == 8 else (kind & principal, kind & ~principal)
        at = by_claim if again == 8 else encounter
        size = int(at.max()) + 1
        for group in groups:
            if group.any():
                best = np.full(size, np.iinfo(np.int64).min, dtype=np.int64)
                np.maximum.at(best, at[group], amount[group])
                top = group & (amount == best[at])
                first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
                np.minimum.at(first, at[top], rows[top].astype(np.int64))
                which[group & (rows != first[at]) & (which < 0)] = again
    if nurse_rule:  # engine.visits.nurse_visit_rules: 99211 beside a drug administration service, then its G2211
        given = (np.bincount(encounter[drug_given], minlength=count) > 0)[encounter]
        unpaid_nurse = nurse & given & (which < 0)
        which[unpaid_nurse] = 9
        if unpaid_nurse.any() and g2211.any():
            paid_visit = flag("G2211 visit", visits.G2211_VISITS) & (which < 0)
            nurse_in = np.bincount(encounter[unpaid_nurse], minlength=count) > 0
            other_paid = np.bincount(encounter[paid_visit], minlength=count) > 0
            free = g2211 & (which < 0) if g2211_taken is None else g2211 & (which < 0) & ~g2211_taken
            which[free & (nurse_in & ~other_paid)[encounter]] = 10
    hit = which >= 0
    # An office visit beside a subsequent hospital care or a discharge and no admission: a note, the amounts stay.
    hospital = np.bincount(encounter[subsequent | discharge], minlength=count) > 0
    noted = office & hospital[encounter] & ~admitted
    if not (hit.any() or noted.any()):
        two_office_visits(hit)
        return None
    at = rows[hit]
    for name in PFS_COLUMNS:  # as changes.set, per row (the rules' other amounts are set so), without a loop
        paid = at[lines.valid[name][at]]
        if paid.size:
            changes.money.setdefault(name, {}).update(dict.fromkeys(paid.tolist(), 0))
    which[noted] = 6  # never a rule's row: an office visit has one only beside an admission
    said = hit | noted
    texts = [visits.ADMISSION_DAY_RULE, visits.DISCHARGE_DAY_RULE, visits.G2211_VISIT_ADMITTED_RULE,
             visits.INITIAL_DAY_VISIT_RULE, visits.ADMISSION_DAY_DISCHARGE_RULE, visits.SECOND_DAILY_CARE_RULE,
             visits.OFFICE_BESIDE_HOSPITAL_NOTE, visits.SECOND_NURSING_FACILITY_RULE,
             visits.SECOND_DISCHARGE_RULE, visits.NURSE_VISIT_DRUG_ADMINISTRATION_RULE,
             visits.G2211_NURSE_VISIT_RULE]  # fmt: skip
    changes.arrays.note(rows[said], texts, which[said])
    two_office_visits(hit)  # after OFFICE_BESIDE_HOSPITAL_NOTE, as lookup.lines._visit_rules
    return hit


def _per_diem_units(lines: Lines, changes: _Changes, zeroed: np.ndarray | None = None) -> bool:
    """Per diem hospital or nursing facility care rows of several units (``engine.visits.per_diem_units_rule``; care
    plan oversight and home health certification too: ``ONE_UNIT_CODES``), a claim's or a line alone's, and not paid
    $0.00 by ``_same_day_hospital`` (``zeroed``: its rows): their later units $0.00 (the line's professional fee is one
    unit's), the note once per distinct (code cell, units), as ``lookup.lines._visit_rules``. The codes are looked at
    once per code cell. Whether there was any."""
    import numpy as np

    from rvucalc.engine import visits

    per_diem = _codes_flag(lines, "one unit a line", visits.ONE_UNIT_CODES)[lines.code]
    found = per_diem & (lines.units > 1) & (lines.error == 0)
    if zeroed is not None and zeroed.size:
        found[zeroed] = False
    if not found.any():
        return False
    at = np.flatnonzero(found)
    code = lines.code[at]
    for setting in line_rules.SETTINGS:
        paid = lines.valid[f"pfs_{setting}_amount"][at]
        if paid.any():
            changes.later_pfs_arrays.append((setting, at[paid], np.zeros(int(paid.sum()), dtype=np.int64)))
    keys = np.stack([code.astype(np.int64), lines.units[at].astype(np.int64)], axis=1)
    distinct, inverse = np.unique(keys, axis=0, return_inverse=True)
    texts = [visits.per_diem_units_rule(lines.codes[int(cell)].code, int(units)) or "" for cell, units in distinct]
    changes.arrays.note(at, texts, inverse.reshape(-1))
    return True


def _rehab_sessions(
    lines: Lines, changes: _Changes, rows: np.ndarray | None = None, encounter: np.ndarray | None = None
) -> bool:
    """``engine.rehab.rehab_session_notes`` on whole columns, as ``lookup.lines._visit_rules``: cardiac, intensive
    cardiac and pulmonary rehabilitation rows whose sessions (units, counted in file order) go beyond the day's limit
    of their kind on their claim and date (``encounter``: the claim and date's, every practitioner's, of ``rows``), or
    on the row alone (a row in no claim: ``rvucalc price CODE --units N``), get the note; the amounts stay. The codes
    are looked at once per code cell, the note made once per distinct (kind, sessions). Whether there was any."""
    import numpy as np

    from rvucalc.engine import rehab

    # One flag over the code cells, then each flagged row's kind by its cell (three flags, one a kind, took ~0.5 s a
    # 100k-line file's run)
    flagged = np.flatnonzero(_codes_flag(lines, "rehabilitation", rehab.REHAB_CODES)[lines.code]
                             & (lines.error == 0))  # fmt: skip
    if not flagged.size:
        return False
    kind = np.zeros(lines.rows, dtype=np.int64)
    cells, inverse = np.unique(lines.code[flagged], return_inverse=True)
    kind_of = np.fromiter((rehab.rehab_kind(lines.codes[c].code) for c in cells.tolist()), dtype=np.int64,
                          count=cells.size)  # fmt: skip
    kind[flagged] = kind_of[inverse.reshape(-1)]
    group = -1 - np.arange(lines.rows, dtype=np.int64)  # each row alone
    if rows is not None and encounter is not None and rows.size:
        group[rows] = encounter
    at = np.flatnonzero(kind)  # file order
    units = np.maximum(lines.units[at].astype(np.int64), 0)
    _, pair = np.unique(np.stack([group[at], kind[at]], axis=1), axis=0, return_inverse=True)
    pair = pair.reshape(-1)
    total = np.bincount(pair, weights=units).astype(np.int64)[pair]
    order = np.argsort(pair, kind="stable")
    running = np.cumsum(units[order])
    starts = np.searchsorted(pair[order], pair[order])  # each sorted row's group start
    before = np.concatenate([[0], running])[starts]
    seen = np.empty_like(units)
    seen[order] = running - before
    limit = np.array([0, *(rehab.REHAB_KINDS[n][1] for n in sorted(rehab.REHAB_KINDS))], dtype=np.int64)
    beyond = (seen > limit[kind[at]]) & (units > 0)
    if not beyond.any():
        return False
    distinct, which = np.unique(np.stack([kind[at][beyond], total[beyond]], axis=1), axis=0, return_inverse=True)
    texts = [rehab.rehab_sessions_note(int(k), int(n)) for k, n in distinct]
    changes.arrays.note(at[beyond], texts, which.reshape(-1))
    return True


def _mnt_dsmt_same_date(lines: Lines, rows: np.ndarray, encounter: np.ndarray, changes: _Changes) -> None:
    """``engine.policy.mnt_dsmt_same_date_notes`` on the claims: each MNT or DSMT row of a claim and date
    (``encounter``, every practitioner's, of ``rows``) with rows of both benefits is noted, as price's encounter."""
    import numpy as np

    from rvucalc.engine.policy import DSMT_CODES, MNT_CODES, MNT_DSMT_SAME_DATE_NOTE

    if not rows.size:
        return
    cells = lines.code[rows]
    ok = lines.error[rows] == 0
    mnt = _codes_flag(lines, "medical nutrition therapy", MNT_CODES)[cells] & ok
    dsmt = _codes_flag(lines, "diabetes self-management training", DSMT_CODES)[cells] & ok
    if not (mnt.any() and dsmt.any()):
        return
    both = np.intersect1d(encounter[mnt], encounter[dsmt])
    at = (mnt | dsmt) & np.isin(encounter, both)
    _note_rows(changes, [(int(row), MNT_DSMT_SAME_DATE_NOTE) for row in rows[at].tolist()])


def _prolonged_unpaid(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, claimed: np.ndarray, code: np.ndarray, changes: _Changes,
    unpaid: np.ndarray | None, em_unpaid: np.ndarray | None = None, denied: dict[str, np.ndarray] | None = None,
) -> np.ndarray | None:  # fmt: skip
    """``engine.visits.prolonged_primary_unpaid_rules`` on whole columns: a prolonged add-on (G0316-G0318) of an
    encounter whose primary visits ``_same_day_hospital`` all paid $0.00 (``unpaid``) is paid $0.00, its rule in its
    note; all not paid, some as an E/M-57 beside a minor procedure (``em_unpaid``, ``_em_in_global``'s), or none in the
    encounter and one refused as denied (``denied``: ``_denied_primaries``'), $0.00 too. The codes are looked at once
    per distinct code cell. Returns the rows it paid $0.00, or None (``_encounter_notes``: no "none on this claim"
    note on them, as G2211's)."""
    import numpy as np

    from rvucalc.engine import visits

    same_day = np.zeros(len(rows), dtype=bool) if unpaid is None else unpaid
    other_way = np.zeros(len(rows), dtype=bool) if em_unpaid is None else em_unpaid & ~same_day
    if not (same_day.any() or other_way.any() or denied):
        return None
    count = int(encounter.max()) + 1
    found: list[np.ndarray] = []
    for add_on, primaries in visits.PROLONGED_PRIMARIES.items():
        primary = _codes_flag(lines, f"{add_on} primary", primaries)[code] & claimed
        refused_in = None if denied is None else denied.get(add_on)
        if not ((primary & (same_day | other_way)).any() or refused_in is not None):
            continue
        given = np.bincount(encounter[primary], minlength=count)[encounter]
        by_same_day = np.bincount(encounter[primary & same_day], minlength=count)[encounter]
        by_other = np.bincount(encounter[primary & other_way], minlength=count)[encounter]
        add_on_rows = _codes_flag(lines, f"prolonged {add_on}", (add_on,))[code] & claimed
        hit = add_on_rows & (given > 0) & (given == by_same_day)
        other = add_on_rows & (given > 0) & ~hit & (given == by_same_day + by_other)
        if refused_in is not None:
            other |= add_on_rows & (given == 0) & refused_in[encounter]
        at = rows[hit | other]
        if not at.size:
            continue
        for name in PFS_COLUMNS:  # as _same_day_hospital's
            paid = at[lines.valid[name][at]]
            if paid.size:
                changes.money.setdefault(name, {}).update(dict.fromkeys(paid.tolist(), 0))
        texts = [visits.prolonged_primary_unpaid_rule(add_on), visits.prolonged_primary_refused_rule(add_on)]
        changes.arrays.note(at, texts, other[hit | other].astype(np.int64))
        found.append(at)
    return np.concatenate(found) if found else None


def _lone_lines(lines: Lines, claimed: np.ndarray) -> None:
    """The notes of a row no claim groups, an encounter of its own as ``rvucalc price CODE`` (``engine.visits.
    lone_line_notes``: an add-on, 99292, G0316-G0318, G2212 or G2211, without its primary service). Per distinct code
    cell and release; the rows on whole columns."""
    import re

    import numpy as np

    from rvucalc.engine import visits

    add_on = _codes_flag(lines, "lone add-on", visits.LONE_ADD_ONS)
    at = np.flatnonzero(~claimed & (lines.error == 0) & add_on[lines.code])
    if not at.size:
        return
    keys, which = np.unique(lines.release[at].astype(np.int64) * len(lines.codes) + lines.code[at], return_inverse=True)
    texts: list[tuple[str, ...]] = []
    for key in keys.tolist():
        release, cell = divmod(key, len(lines.codes))
        found = re.match(r"\d{4}", lines.texts.values[release])
        texts.append(tuple(visits.lone_line_notes(lines.codes[cell].code, int(found.group()) if found else 0)))
    lines.add_note("claim", at, lines.texts.ids(texts)[which.reshape(-1)])


def _add_ons_without_primary(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, unsure: np.ndarray,
    bad_lines: tuple[np.ndarray, dict[int, list[tuple[int, str]]]] | None = None,
) -> None:  # fmt: skip
    """``engine.add_ons``: an add-on code (global ZZZ) in an encounter with no other kind of code says it has no
    primary procedure (the amounts unchanged). ``rows``, ``encounter``: the claims' rows (good ones) and their
    encounters (a line whose units or CA the rules read, alone too); every other priced row is an encounter of its
    own, as ``rvucalc price CODE``; an ``unsure`` row (its claim was met apart) says nothing. The rows of codes some
    priced release lists with global ZZZ are found by a test of each code cell (once a run per release); CMS's row of
    each such cell is read once per release; the encounters on whole columns.

    A bad line is no line of its encounter's rules, nor a primary the add-on is paid with; but it may have been the
    primary the user meant (a typo of its code, units 0): ``bad_lines`` (per row of ``rows``, its claim's encounter,
    and the bad lines each such encounter names, ``_note_bad_lines``) adds ``engine.add_ons.bad_line_note`` to the
    add-on's note where a bad line of its claim and date is not itself an add-on code."""
    import numpy as np

    from rvucalc.engine import add_ons

    ok = lines.error == 0
    caches = _caches(batch)
    names = {r.release for r in batch.pricer.releases}
    candidate = np.zeros(lines.rows, dtype=bool)
    for release in np.flatnonzero(np.bincount(lines.release[ok], minlength=1)).tolist():
        name = lines.texts.values[release].split("; ")[0]
        codes = _add_on_codes(batch, caches, name) if name in names else frozenset()
        if codes:
            flag = _code_test(batch, lines, f"add-on code {name}", codes.__contains__)  # ~1,000 codes: once a run
            candidate |= ok & (lines.release == release) & flag[lines.code]
    if not candidate.any():
        return
    at = np.flatnonzero(candidate)
    kind = np.zeros(lines.rows, dtype=np.int8)
    kind[at] = _per_cell(batch, lines, at, "add-on kind",
                         lambda name, cell: _add_on_kind(batch, caches, name, cell))  # fmt: skip
    if not (kind == add_ons.ADD_ON).any():
        return
    number = np.full(lines.rows, -1, dtype=np.int64)
    number[rows] = encounter
    alone = ok & (number < 0)
    number[alone] = (int(encounter.max()) + 1 if encounter.size else 0) + np.arange(int(alone.sum()))
    priced = np.flatnonzero(number >= 0)
    said, single = encounter_arrays.add_ons_without_primary(kind[priced], number[priced])
    said = _same_date_primaries(lines, priced, number[priced], kind[priced], said)
    # A calendar-month add-on beside other codes is noted too, unless the claim's month has its base code
    # (_monthly_primaries), as engine.add_ons.without_primary_notes says in price (a trial's 99494 beside 99484).
    monthly = _codes_flag(lines, "monthly add-on", add_ons.MONTHLY_ADD_ONS)
    said |= (kind[priced] == add_ons.ADD_ON) & monthly[lines.code[priced]]
    said &= ~unsure[priced]
    if said.any():
        said = _monthly_primaries(lines, priced, said)
    if said.any():
        noted = priced[said]
        texts = lines.texts.per_value(
            lines.code[noted].astype(np.int64) * 2 + single[said],
            lambda key: add_ons.without_primary_note(lines.codes[key // 2].code, bool(key % 2)),
        )
        lines.add_note("claim", noted, texts)
        if bad_lines is not None and bad_lines[1]:
            _bad_line_primaries(batch, lines, rows, noted, bad_lines)


def _same_date_primaries(
    lines: Lines, priced: np.ndarray, encounter: np.ndarray, kind: np.ndarray, said: np.ndarray
) -> np.ndarray:
    """``said`` with the rows of an add-on whose primaries CPT and CMS name (``engine.add_ons.SAME_DATE_PRIMARIES``:
    90833 and an E/M visit) decided by them: said where no row of its encounter (``encounter``, per row of ``priced``)
    is one of its primaries, whatever other codes it has, as ``engine.add_ons.without_primary_notes``. Per group of
    primaries, on whole columns."""
    import numpy as np

    from rvucalc.engine import add_ons
    from rvucalc.engine.meanings import is_skin_substitute

    cells = lines.code[priced]
    named = _codes_flag(lines, "same-date add-on", add_ons.SAME_DATE_PRIMARIES)
    # A skin substitute (a range of codes, not a list): its application procedures (add_ons.same_date_primaries)
    skin = lines.flag("skin substitute", lambda cell: is_skin_substitute(cell.code))
    listed = (kind == add_ons.ADD_ON) & (named[cells] | skin[cells])
    if not listed.any():
        return said
    out = said.copy()
    count = int(encounter.max()) + 1
    groups: dict[frozenset[str], set[str]] = {}
    for code, listing in add_ons.SAME_DATE_PRIMARIES.items():
        groups.setdefault(listing.codes, set()).add(code)
    # Each group's add-ons are looked for among the listed rows alone (few), its primaries only where it has some:
    # ~20 groups each read on every row of the partition cost ~0.1 s at 1M lines.
    at = np.flatnonzero(listed)
    listed_cells = cells[at]
    for primaries, codes in groups.items():
        mine = at[_codes_flag(lines, f"same-date add-on {sorted(codes)}", codes)[listed_cells]]
        if mine.size:
            found = _codes_flag(lines, f"same-date primary of {sorted(codes)}", primaries)[cells]
            out[mine] = np.bincount(encounter[found], minlength=count)[encounter[mine]] == 0
    # 96366 and 96415 beside an initial drug administration service: engine.drug_admin's note, not this one
    # (add_ons.LEFT_TO_DRUG_ADMIN, as without_primary_notes)
    for code, beside in add_ons.LEFT_TO_DRUG_ADMIN.items():
        mine = at[_codes_flag(lines, f"drug administration hour {code}", frozenset({code}))[listed_cells]]
        if mine.size:
            found = _codes_flag(lines, f"initial drug administration beside {code}", beside)[cells]
            out[mine] &= np.bincount(encounter[found], minlength=count)[encounter[mine]] == 0
    mine = at[skin[listed_cells]]
    if mine.size:
        found = _codes_flag(lines, "skin substitute application", add_ons.SKIN_SUBSTITUTE_APPLICATIONS)[cells]
        out[mine] = np.bincount(encounter[found], minlength=count)[encounter[mine]] == 0
    return out


def _monthly_primaries(lines: Lines, priced: np.ndarray, said: np.ndarray) -> np.ndarray:
    """``said`` without the rows of a calendar-month add-on (``engine.add_ons.MONTHLY_ADD_ONS``: 99439) whose claim has
    a priced line of its base code (99490) in the same calendar month, whatever its date: CPT's "per calendar month"
    services are paid with that month's base code, not a same-date line (a trial's 99490 on 03/15 and 99439 on 03/31
    of one claim). Only the few noted rows are looked at."""
    import numpy as np

    from rvucalc.engine import add_ons

    noted = priced[said]
    monthly = [i for i, c in enumerate(lines.code[noted].tolist()) if lines.codes[c].code in add_ons.MONTHLY_ADD_ONS]
    if not monthly or lines.claim is None:
        return said
    claimed = lines.claimed() & (lines.error == 0)
    bases = frozenset(base for codes in add_ons.MONTHLY_ADD_ONS.values() for base in codes)
    is_base = _codes_flag(lines, "monthly base", bases)
    # An undated row is in today's month (_service_month), as price's encounter without --date: an undated 99490 and
    # 99439 of one claim were noted by batch alone.
    months = {w: _service_month(lines, w) for w in np.unique(lines.when[noted]).tolist()}
    base_rows = np.flatnonzero(claimed & is_base[lines.code])
    for w in np.unique(lines.when[base_rows]).tolist():
        months.setdefault(w, _service_month(lines, w))
    present = {(int(lines.claim[r]), months[int(lines.when[r])], lines.codes[int(lines.code[r])].code)
               for r in base_rows.tolist()}  # fmt: skip
    kept = said.copy()
    positions = np.flatnonzero(said)
    for i in monthly:
        row = int(noted[i])
        if not claimed[row] or months[int(lines.when[row])] is None:
            continue
        key = (int(lines.claim[row]), months[int(lines.when[row])])
        if any((*key, base) in present for base in add_ons.MONTHLY_ADD_ONS[lines.codes[int(lines.code[row])].code]):
            kept[positions[i]] = False
    return kept


_NO_CODE_KINDS = frozenset({ErrorKind.MALFORMED_CODE.value})


def _bad_line_primaries(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, noted: np.ndarray,
    bad_lines: tuple[np.ndarray, dict[int, list[tuple[int, str]]]],
) -> None:  # fmt: skip
    """The add-on rows ``noted`` without a primary whose claim and date have a bad line that may have been it (not an
    add-on code itself in the release of its claim's date: an add-on is never a primary): ``engine.add_ons.
    bad_line_note`` after the add-on's note. Per encounter with a bad line (few); the rows on whole columns."""
    import numpy as np

    from rvucalc.engine import add_ons

    encounter, beside = bad_lines
    number = np.full(lines.rows, -1, dtype=np.int64)
    number[rows] = encounter
    with_bad = np.zeros(int(encounter.max()) + 1 if encounter.size else 0, dtype=bool)
    with_bad[[n for n in beside if n < len(with_bad)]] = True
    at = noted[number[noted] >= 0]
    at = at[with_bad[number[at]]]
    if not at.size:
        return
    # An add-on whose primaries CMS's sources name (a month's base code, a same-date family) may have lost only one of
    # those to a bad line: a review's 99489 was told its primary "may be line 3 (37229)". Row by row (few).
    named = np.array([lines.codes[lines.code[row]].code in add_ons.NAMED_PRIMARIES for row in at.tolist()], dtype=bool)
    for row in at[named].tolist():
        primaries = add_ons.NAMED_PRIMARIES[lines.codes[lines.code[row]].code]
        # A bad line may be one of them: its code as written may carry its modifier ('96130-ZZ', five characters the
        # code's), or be no code at all (2259O, malformed: a typo of a primary, perhaps); a line of another code (37229,
        # deleted, or 00100 without its base units) is none.
        maybe = [label for bad, label in beside[int(number[row])]
                 if lines.codes[lines.code[bad]].code[:5] in primaries
                 or KINDS[lines.error_kind[bad]] in _NO_CODE_KINDS]  # fmt: skip
        if maybe:
            lines.add_note("claim", np.array([row]), lines.texts.ids([add_ons.bad_line_note(maybe)]))
    at = at[~named]
    if not at.size:
        return
    caches = _caches(batch)
    priced = {r.release for r in batch.pricer.releases}
    found, first, found_of = np.unique(number[at], return_index=True, return_inverse=True)
    text_of = np.full(len(found), -1, dtype=np.int64)  # per encounter: its text's number (-1: no possible primary)
    texts: list[str] = []
    for position, (key, release) in enumerate(zip(found.tolist(), lines.release[at[first]].tolist(), strict=True)):
        # The add-on codes of the release its add-on rows were priced with (its date's), never of other rows in the
        # chunk: G0568, ZZZ from 2026 and unknown in 2025, lost its 2025 claim's note when a 2026 skin substitute's
        # row shared the chunk.
        name = lines.texts.values[release].split("; ")[0]
        add_on_codes = _add_on_codes(batch, caches, name) if name in priced else frozenset()
        maybe = [label for row, label in beside[key] if lines.codes[lines.code[row]].code not in add_on_codes]
        if maybe:
            text_of[position] = len(texts)
            texts.append(add_ons.bad_line_note(maybe))
    which = text_of[found_of.reshape(-1)]
    if (which >= 0).any():
        lines.add_note("claim", at[which >= 0], lines.texts.ids(texts)[which[which >= 0]])


def _code_in(codes: frozenset[str]) -> Callable[[Any], bool]:
    """A code cell's test: its code is one of ``codes``."""
    return lambda cell: cell.code in codes


# A test of a code cell that reads its code alone is called by ``Lines.flag`` once per cell of the run (~70,000 a
# realistic million lines: its ~10 sets of modifiers per code), ~50 such tests ~1 s; by the run's code numbers
# (``Lines.code_number``) a code is looked at once, a set of codes not at all.


def _codes_flag(lines: Lines, name: str, codes: Iterable[str]) -> np.ndarray:
    """``lines.flag(name, _code_in(codes))``, by code number: per code cell (position in ``lines.codes``), whether its
    code is one of ``codes``."""
    import numpy as np

    found = lines.cell_flags.get(name)
    if found is None:
        if lines.run_cells is None:
            return lines.flag(name, _code_in(frozenset(codes)))
        numbers = lines.run_cells.code_numbers
        wanted = np.zeros(len(numbers), dtype=bool)
        wanted[[numbers[code] for code in codes if code in numbers]] = True
        found = lines.cell_flags[name] = wanted[lines.code_number]
    return found


@dataclass
class _CodeTests:
    """``_code_test``'s answers, per code number of the run's cells (``cells``, a weak reference: the numbers start
    again with a new ``CodeCells``, ``BatchPricer._forget_if_large``)."""

    cells: Any = None
    values: dict[str, np.ndarray] = field(default_factory=dict)


def _code_test(batch: BatchPricer, lines: Lines, name: str, test: Callable[[str], bool]) -> np.ndarray:
    """``lines.flag(name, lambda cell: test(cell.code))``, by code number: ``test`` of each code of the run once."""
    import itertools
    import weakref

    import numpy as np

    found = lines.cell_flags.get(name)
    if found is not None:
        return found
    cells = lines.run_cells
    if cells is None:
        return lines.flag(name, lambda cell: test(cell.code))
    state = run_state(batch, "code tests", _CodeTests)
    if state.cells is None or state.cells() is not cells:
        state.cells, state.values = weakref.ref(cells), {}
    known = state.values.get(name, np.zeros(0, dtype=bool))
    more = len(cells.code_numbers) - len(known)
    if more > 0:
        tested = np.fromiter(map(test, itertools.islice(cells.code_numbers, len(known), None)), dtype=bool, count=more)
        known = state.values[name] = np.concatenate([known, tested])
    taken: np.ndarray = known[lines.code_number]
    lines.cell_flags[name] = taken
    return taken


def _add_on_codes(batch: BatchPricer, caches: _Caches, release: str) -> frozenset[str]:
    """The codes of a PFS release's rows of global period ZZZ (``engine.add_ons``), read once a run."""
    if release not in caches.add_on_codes:
        store = batch.pricer.catalogue.store(next(r for r in batch.pricer.releases if r.release == release))
        columns = store.columns("rvu", ["hcpcs", "global_days"])
        caches.add_on_codes[release] = frozenset(
            code for code, days in zip(columns["hcpcs"], columns["global_days"], strict=True) if days == ADD_ON_GLOBAL
        )
    return caches.add_on_codes[release]


def _dressing_codes(batch: BatchPricer, caches: _Caches, release: str) -> frozenset[str]:
    """The codes of a PFS release's rows that are status P surgical dressings (``engine.bundled_supplies``), once."""
    from rvucalc.engine import bundled_supplies

    if release not in caches.dressing_codes:
        store = batch.pricer.catalogue.store(next(r for r in batch.pricer.releases if r.release == release))
        columns = store.columns("rvu", ["hcpcs", "status"])
        caches.dressing_codes[release] = frozenset(
            code
            for code, status in zip(columns["hcpcs"], columns["status"], strict=True)
            if bundled_supplies.bundled_dressing(code, status)
        )
    return caches.dressing_codes[release]


# The office columns of a dressing bundled into its practitioner's service (engine.bundled_supplies): $0.00.
_DRESSING_COLUMNS = ("dmepos_amount", "office_allowed", "office_beneficiary", "office_medicare")


def _bundled_dressings(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.bundled_supplies.bundled_dressings`` on whole columns, as ``Pricer.price_encounter``: a row of a
    claim's practitioner's encounter (``encounter``, ``keys`` >= 0) priced from the DMEPOS fee schedule whose code
    is a status P surgical dressing in its release, beside a row the PFS prices, and whose provider cell names no DMEPOS
    supplier (``Lines.dme_supplier``: the supplier's claim), is paid $0.00 with ``BUNDLED_DRESSING_NOTE``."""
    import numpy as np

    from rvucalc.engine import bundled_supplies

    if not rows.size:
        return
    supplier = np.zeros(len(rows), dtype=bool) if lines.dme_supplier is None else lines.dme_supplier[rows]
    prefix = bundled_supplies.DRESSING_PREFIX
    dressing = _code_test(batch, lines, "A6 code", lambda code: code.upper().startswith(prefix))[lines.code[rows]]
    candidate = dressing & (keys >= 0) & lines.valid["dmepos_amount"][rows] & ~supplier
    if not candidate.any():
        return
    pfs = (lines.valid["pfs_non_facility_amount"][rows] | lines.valid["pfs_facility_amount"][rows]) & ~supplier
    beside = np.bincount(encounter[pfs], minlength=int(encounter.max()) + 1) > 0
    at = rows[candidate & beside[encounter]]
    if not at.size:
        return
    caches = _caches(batch)
    priced = {r.release for r in batch.pricer.releases}
    bundled = []
    for row in at.tolist():
        name = lines.texts.values[int(lines.release[row])].split("; ")[0]
        codes = _dressing_codes(batch, caches, name) if name in priced else frozenset()
        if lines.codes[lines.code[row]].code in codes:
            bundled.append(row)
    if not bundled:
        return
    found = np.array(bundled, dtype=np.int64)
    for name in _DRESSING_COLUMNS:
        paid = found[lines.valid[name][found]]
        changes.arrays.set(name, paid, np.zeros(len(paid), dtype=np.int64))
    changes.arrays.note(found, [bundled_supplies.BUNDLED_DRESSING_NOTE], np.zeros(len(found), dtype=np.int64))
    # and no "paid from the DMEPOS fee schedule": it is paid from none (BUNDLED_DRESSING_NOTE), as price's line
    lines.without_slot("paid_from", found)


def _add_on_kind(batch: BatchPricer, caches: _Caches, release: str, cell: Any) -> int:
    """``engine.add_ons.kind`` of CMS's row of the cell in the release (the single lookup's row: ``resolve_row`` of its
    paying modifiers, which choose it: batch.lines._Code)."""
    from rvucalc.engine import add_ons

    context = _context(batch, caches, release)
    if context is None:
        return add_ons.NOT_ADD_ON
    try:
        row = line_rules.resolve_row(context.store, cell.code, tuple(cell.paying))
    except RvucalcError:  # not in the PFS (a lab, drug ...)
        return add_ons.NOT_ADD_ON
    return add_ons.kind(cell.code, row.get("global_days"), row.get("status"))


def _encounter_notes(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes,
    claim_encounter: np.ndarray | None = None, zeroed: np.ndarray | None = None,
) -> None:  # fmt: skip
    """``engine.visits.encounter_notes`` on the claims' encounters (``keys`` >= 0; a claim of one line too), as
    ``lookup.lines._visit_rules``: 99291 more than once, 99292 without 99291, a service critical care includes beside
    it, G0316-G0318 and G2212 without their visits, 99417/99418 beside the visit of a Medicare prolonged code. Kinds
    once per distinct code cell; the encounters on whole columns.
    ``encounter`` is each practitioner's (``price_claims``' own); ``claim_encounter`` the claim and date's, where a
    99292 whose practitioner has no 99291 may see another practitioner's (``visits.CRITICAL_CARE_ADD_ON_OTHER_NOTE``,
    which ``rvucalc price``, one practitioner's encounter, never says). ``zeroed``: ``_visit_rules``' $0.00 rows (a
    prolonged add-on whose denied primary is not on the claim is not noted as without it)."""
    import re

    import numpy as np

    from rvucalc.engine import visits

    claimed = keys >= 0
    if not claimed.any():
        return
    code = lines.code[rows]
    kind_of_code = np.zeros(len(lines.codes), dtype=np.int64)

    # A code of no kind bare has none with any modifiers (TC alone takes a kind away): the codes are tested once a run,
    # the partition's cells of the few codes with a kind one by one.
    def kinded(text: str) -> bool:
        return visits.encounter_kind(text, ()) != visits.KIND_NONE

    present = np.bincount(code, minlength=len(lines.codes)) > 0
    for cell in np.flatnonzero(_code_test(batch, lines, "encounter kind", kinded) & present).tolist():
        kind_of_code[cell] = visits.encounter_kind(lines.codes[cell].code, lines.codes[cell].modifiers)
    kind = kind_of_code[code]
    kind[~claimed] = visits.KIND_NONE  # a row no claim groups: _lone_lines
    if not kind.any():
        return
    count = int(encounter.max()) + 1

    def per_encounter(number: int) -> np.ndarray:
        counted: np.ndarray = np.bincount(encounter[kind == number], minlength=count)[encounter]
        return counted

    first = per_encounter(visits.KIND_CRITICAL_CARE)
    critical = first + per_encounter(visits.KIND_CRITICAL_CARE_ADD_ON) > 0
    texts = [visits.CRITICAL_CARE_TWICE_NOTE, visits.CRITICAL_CARE_ADD_ON_NOTE, visits.CRITICAL_CARE_BUNDLED_NOTE,
             visits.CRITICAL_CARE_ADD_ON_OTHER_NOTE]  # fmt: skip
    which = np.full(len(rows), -1, dtype=np.int64)
    which[(kind == visits.KIND_CRITICAL_CARE) & (first > 1)] = 0
    add_on_alone = (kind == visits.KIND_CRITICAL_CARE_ADD_ON) & (first == 0)
    which[add_on_alone] = 1
    if claim_encounter is not None and add_on_alone.any():  # another practitioner's 99291 on the claim and date
        claim_first = np.bincount(claim_encounter[kind == visits.KIND_CRITICAL_CARE],
                                  minlength=int(claim_encounter.max()) + 1)[claim_encounter]  # fmt: skip
        which[add_on_alone & (claim_first > 0)] = 3
    # 99291 without 25 beside the same practitioner's E/M visit on the claim and date
    # (visits.critical_care_same_day_visit_note, from 2022): the visits named per encounter, in row order
    _critical_care_beside_visits(batch, lines, rows, code, kind, first, encounter, claimed, which, texts)
    # 99291 of two practitioners of the claim and date, a line of them with FS (split/shared): the service FS marks is
    # billed once (visits.CRITICAL_CARE_SPLIT_OTHER_NOTE)
    once = (kind == visits.KIND_CRITICAL_CARE) & (first == 1)
    if claim_encounter is not None and once.any():
        claim_count = int(claim_encounter.max()) + 1
        critical_care = kind == visits.KIND_CRITICAL_CARE
        split = critical_care & lines.flag("critical care FS", lambda p: "FS" in p.modifiers)[code]
        on_claim = np.bincount(claim_encounter[critical_care], minlength=claim_count)[claim_encounter]
        split_on_claim = np.bincount(claim_encounter[split], minlength=claim_count)[claim_encounter]
        which[once & (on_claim > first) & (split_on_claim > 0)] = len(texts)
        texts.append(visits.CRITICAL_CARE_SPLIT_OTHER_NOTE)
        # none of them with FS: paid once if of one specialty and group, else only as concurrent care
        # (visits.CRITICAL_CARE_TWO_PRACTITIONERS_NOTE)
        which[once & (on_claim > first) & (split_on_claim == 0)] = len(texts)
        texts.append(visits.CRITICAL_CARE_TWO_PRACTITIONERS_NOTE)
    which[(kind == visits.KIND_BUNDLED) & critical] = 2
    # 94002-94004 beside the same practitioner's E/M visit on the claim and date, no critical care there
    # (visits.ventilator_with_visit_note): the visits named per encounter, in row order
    _ventilator_beside_visits(batch, lines, rows, code, kind, critical, encounter, claimed, which, texts)
    prolonged = np.isin(kind, [*visits.KIND_PROLONGED.values(), visits.KIND_CPT_PROLONGED])
    if prolonged.any():
        releases, release_of = ids_and_inverse(lines.release[rows])
        found = [re.match(r"\d{4}", lines.texts.values[i]) for i in releases.tolist()]
        year = np.array([int(m.group()) if m else 0 for m in found], dtype=np.int64)[release_of.reshape(-1)]
        # Medicare's prolonged codes whose primary visits are on the encounter: a bit each (in KIND_PROLONGED_PRIMARY's
        # order, as the single lookup names them), per encounter
        add_ons = list(visits.KIND_PROLONGED_PRIMARY)
        mask = np.zeros(len(rows), dtype=np.int64)
        for bit, add_on in enumerate(add_ons):
            mask |= (per_encounter(visits.KIND_PROLONGED_PRIMARY[add_on]) > 0).astype(np.int64) << bit
        for add_on, number in visits.KIND_PROLONGED.items():
            # none of its own primaries on the encounter: the mask's bit, not a second count per code
            alone = (kind == number) & ((mask >> add_ons.index(add_on)) & 1 == 0)
            if zeroed is not None and zeroed.size:
                alone &= ~np.isin(rows, zeroed)
            alone &= year >= visits.PROLONGED_FIRST_YEAR
            if not alone.any():
                continue
            # beside another prolonged code's primary visit the note names that code
            # (visits.prolonged_without_primary_note)
            masks_found, mask_of = np.unique(mask[alone], return_inverse=True)
            which[alone] = len(texts) + mask_of.reshape(-1)
            for bits in masks_found.tolist():
                instead = [other for bit, other in enumerate(add_ons) if bits >> bit & 1]
                texts.append(visits.prolonged_without_primary_note(add_on, instead))
        # 99417 or 99418 beside the primary visits of Medicare's prolonged codes (visits.cpt_prolonged_note): which
        # codes, per encounter
        cpt = (kind == visits.KIND_CPT_PROLONGED) & (year >= visits.PROLONGED_FIRST_YEAR)
        if cpt.any():
            cpt &= mask > 0
            cpt_cells = code[cpt].astype(np.int64) * (1 << len(add_ons)) + mask[cpt]
            keys_found, key_of = np.unique(cpt_cells, return_inverse=True)
            which[cpt] = len(texts) + key_of.reshape(-1)
            for key in keys_found.tolist():
                cell, bits = divmod(key, 1 << len(add_ons))
                instead = [add_on for bit, add_on in enumerate(add_ons) if bits >> bit & 1]
                texts.append(visits.cpt_prolonged_note(lines.codes[cell].code, instead))
    said = which >= 0
    if said.any():
        changes.arrays.note(rows[said], texts, which[said])


def _ventilator_beside_visits(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, code: np.ndarray, kind: np.ndarray, critical: np.ndarray,
    encounter: np.ndarray, claimed: np.ndarray, which: np.ndarray, texts: list[str],
) -> None:  # fmt: skip
    """``_encounter_notes``' ventilator management line (94002-94004) whose practitioner's encounter (the claim and
    date) has an E/M visit of ``visits.VENTILATOR_VISITS`` and no critical care: its ``which`` set to the note naming
    the visits (appended to ``texts``), as ``engine.visits.encounter_notes``."""
    import numpy as np

    from rvucalc.engine import visits

    ventilator = _code_test(batch, lines, "ventilator management", visits.VENTILATOR_MANAGEMENT.__contains__)
    candidate = (kind == visits.KIND_BUNDLED) & ventilator[code] & ~critical & (which < 0)
    if not candidate.any():
        return
    visit = _code_test(batch, lines, "ventilator management visit", visits.VENTILATOR_VISITS.__contains__)
    visit = visit[code] & claimed
    if not visit.any():
        return
    count = int(encounter.max()) + 1
    candidate &= np.bincount(encounter[visit], minlength=count)[encounter] > 0
    if not candidate.any():
        return
    _note_visits_beside(lines, code, encounter, visit, candidate, visits.ventilator_with_visit_note, which, texts)


def _critical_care_beside_visits(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, code: np.ndarray, kind: np.ndarray, first: np.ndarray,
    encounter: np.ndarray, claimed: np.ndarray, which: np.ndarray, texts: list[str],
) -> None:  # fmt: skip
    """``_encounter_notes``' 99291 line without 25 whose practitioner's encounter (the claim and date) has an E/M visit
    of ``visits.CRITICAL_CARE_SAME_DAY_VISITS``, in a year from ``visits.CRITICAL_CARE_SAME_DAY_FIRST_YEAR``: its
    ``which`` set to the note naming the visits (appended to ``texts``), as ``engine.visits.encounter_notes``."""
    import re

    import numpy as np

    from rvucalc.engine import visits

    candidate = (kind == visits.KIND_CRITICAL_CARE) & (first == 1) & (which < 0)
    if not candidate.any():
        return
    visit = _code_test(batch, lines, "critical care same-day visit", visits.CRITICAL_CARE_SAME_DAY_VISITS.__contains__)
    visit = visit[code] & claimed
    if not visit.any():
        return
    count = int(encounter.max()) + 1
    candidate &= np.bincount(encounter[visit], minlength=count)[encounter] > 0
    modifier = visits.CRITICAL_CARE_SAME_DAY_MODIFIER
    with_25 = lines.flag("critical care 25", lambda cell: modifier in cell.modifiers)[code]
    candidate &= ~with_25
    # 25 on the encounter's visit reports it on the claim too (engine.visits.CRITICAL_CARE_SAME_DAY_MODIFIER)
    candidate &= ~(np.bincount(encounter[visit & with_25], minlength=count) > 0)[encounter]
    if not candidate.any():
        return
    for at in np.flatnonzero(candidate).tolist():
        found = re.match(r"\d{4}", lines.texts.values[int(lines.release[rows[at]])])
        if found is None or int(found.group()) < visits.CRITICAL_CARE_SAME_DAY_FIRST_YEAR:
            candidate[at] = False
    _note_visits_beside(lines, code, encounter, visit, candidate, visits.critical_care_same_day_visit_note, which,
                        texts)  # fmt: skip


def _note_visits_beside(
    lines: Lines, code: np.ndarray, encounter: np.ndarray, visit: np.ndarray, candidate: np.ndarray,
    note_of: Callable[[Sequence[str]], str], which: np.ndarray, texts: list[str],
) -> None:  # fmt: skip
    """Each ``candidate`` line's ``which`` set to ``note_of`` the E/M visits (``visit``) of its encounter, in row order
    and each code once (appended to ``texts`` once per distinct list): the critical care and ventilator management
    notes' one way of naming them (``_critical_care_beside_visits``, ``_ventilator_beside_visits``)."""
    import numpy as np

    named: dict[int, list[str]] = {}
    for at in np.flatnonzero(visit & np.isin(encounter, encounter[candidate])).tolist():
        listed = named.setdefault(int(encounter[at]), [])
        text = lines.codes[int(code[at])].code
        if text not in listed:
            listed.append(text)
    said: dict[tuple[str, ...], int] = {}
    for at in np.flatnonzero(candidate).tolist():
        key = tuple(named[int(encounter[at])])
        if key not in said:
            said[key] = len(texts)
            texts.append(note_of(key))
        which[at] = said[key]


def _service_month(lines: Lines, when: int) -> tuple[int, int] | None:
    """The calendar month (year, month) of a row's date of service (``lines.whens``), or None (a date the rows' own
    checks refuse). A row without one is priced as of today, as a lookup without --date (``reference.releases.today``):
    today's month, as price's encounter without --date (a claim's undated 90960 and 90961, or G0556 and 99490, were
    noted by price and not by batch)."""
    from rvucalc.lookup.dates import parse_service_date
    from rvucalc.reference.releases import today

    try:
        day = parse_service_date(lines.whens[when][1])
    except Exception:
        return None
    day = today() if day is None else day
    return (day.year, day.month)


def _in_months(
    lines: Lines,
    rows: np.ndarray,
    keys: np.ndarray,
    flag: np.ndarray,
    first_year: int | None = None,
    practitioner: np.ndarray | None = None,
) -> list[tuple[int, tuple[int, ...]]]:
    """Each position ``i`` of ``flag``'s rows, ascending, with its calendar month's group: (claim ``keys[i]``, year,
    month), and ``practitioner[i]`` after them when given. A row without a month (``_service_month``: a date the rows'
    own checks refuse) or of a year before ``first_year`` is left out. The one month grouping of the monthly rules
    (ESRD-related services, APCM, remote monitoring); each row's date parsed once."""
    import numpy as np

    months: dict[int, tuple[int, int] | None] = {}
    grouped: list[tuple[int, tuple[int, ...]]] = []
    for i in np.flatnonzero(flag).tolist():
        when = int(lines.when[rows[i]])
        if when not in months:
            months[when] = _service_month(lines, when)
        month = months[when]
        if month is None or (first_year is not None and month[0] < first_year):
            continue
        key = (int(keys[i]), *month) if practitioner is None else (int(keys[i]), *month, int(practitioner[i]))
        grouped.append((i, key))
    return grouped


def _monthly_esrd_in_month(
    lines: Lines, rows: np.ndarray, own: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.visits.monthly_esrd_conflict_notes`` on the claims (``keys`` >= 0): the ESRD-related services rows
    (90951-90970) of a claim in one calendar month, whatever their dates and practitioners (one monthly code a patient
    a month, "even if multiple physicians are involved"), as price's encounter; a row identical to another of its
    practitioner's encounter (``own``) is the duplicate lines rule's (``_duplicates``' identity). The codes on whole
    columns; the few ESRD rows one by one."""
    import numpy as np

    from rvucalc.engine import duplicates, visits

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    esrd = _codes_flag(lines, "ESRD-related services", visits.ESRD_RELATED_CODES)[cells] & claimed
    if np.count_nonzero(esrd) < 2:
        return
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, key in _in_months(lines, rows, keys, esrd):
        groups.setdefault(key, []).append(i)
    noted: list[tuple[int, str]] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        parsed = [lines.codes[int(cells[i])] for i in members]
        found = [duplicates.line_identity(cell.code, cell.modifiers) for cell in parsed]
        identities = [None if one is None else (int(own[i]), cell.provider, one)
                      for i, cell, one in zip(members, parsed, found, strict=True)]  # fmt: skip
        codes = [cell.code for cell in parsed]
        for i, note in zip(members, visits.monthly_esrd_conflict_notes(codes, identities), strict=True):
            if note:
                noted.append((int(rows[i]), note))
    _note_rows(changes, noted)


def _outpatient_dialysis_in_month(lines: Lines, rows: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.visits.outpatient_dialysis_notes`` on the claims (``keys`` >= 0): a dialysis procedure row (90935,
    90937, 90945, 90947) whose setting cell is no inpatient place (POS 21, 51, 61), beside an ESRD-related services row
    (90951-90970) of its claim's calendar month, whatever their dates and practitioners, as price's encounter."""
    import numpy as np

    from rvucalc.engine import visits

    claimed = keys >= 0
    cells = lines.code[rows]
    dialysis = _codes_flag(lines, "dialysis procedures", visits.DIALYSIS_PROCEDURES)[cells] & claimed
    if not dialysis.any():
        return
    esrd = _codes_flag(lines, "ESRD-related services", visits.ESRD_RELATED_CODES)[cells] & claimed
    if not esrd.any():
        return
    # per setting cell (the last: none), whether its place is an inpatient one
    inpatient_place = np.array(
        [pos in visits.DIALYSIS_INPATIENT_PLACES for pos, _ in lines.setting_places] + [False], dtype=bool
    )
    if lines.setting_of is None:
        inpatient = np.zeros(len(rows), dtype=bool)
    else:
        setting_of = lines.setting_of[rows]
        inpatient = inpatient_place[np.where(setting_of >= 0, setting_of, len(inpatient_place) - 1)]
    groups: dict[tuple[int, ...], list[int]] = {}
    for i, key in _in_months(lines, rows, keys, dialysis | esrd):
        groups.setdefault(key, []).append(i)
    noted: list[tuple[int, str]] = []
    for members in groups.values():
        codes = [lines.codes[int(cells[i])].code for i in members]
        said = visits.outpatient_dialysis_notes(codes, [bool(inpatient[i]) for i in members])
        noted.extend((int(rows[i]), note) for i, note in zip(members, said, strict=True) if note)
    _note_rows(changes, noted)


def _care_management_in_apcm(lines: Lines, rows: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.care_management.overlap_notes``' APCM rule on the claims (``keys`` >= 0): a CCM, PCM or TCM row
    (``IN_APCM``) of a claim with an APCM row (G0556-G0558) of the same practitioner (the provider column, as
    ``price_claims``' ``own``) in the same calendar month, whatever its date (APCM is a monthly service, as
    ``_monthly_primaries``' base codes), is noted, naming the group's first APCM row's code, as price names the
    encounter's first. The codes on whole columns; the few APCM and care management rows one by one."""
    from rvucalc.engine import care_management as care

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    apcm = _codes_flag(lines, "APCM", care.APCM_CODES)[cells] & claimed
    if not apcm.any():
        return
    inside = _codes_flag(lines, "care management in APCM", care.IN_APCM)[cells] & claimed
    if not inside.any():
        return
    practitioner = _practitioners(lines)[cells]
    first: dict[tuple[int, ...], str] = {}
    for i, key in _in_months(lines, rows, keys, apcm, care.APCM_FIRST_YEAR, practitioner):  # rows ascending
        first.setdefault(key, lines.codes[int(cells[i])].code)  # the group's first APCM row
    if not first:
        return
    _note_rows(changes, [(int(rows[i]), care.apcm_overlap_note(lines.codes[int(cells[i])].code, first[key]))
                         for i, key in _in_months(lines, rows, keys, inside, care.APCM_FIRST_YEAR, practitioner)
                         if key in first])  # fmt: skip


def _note_rows(changes: _Changes, noted: list[tuple[int, str]]) -> None:
    """Each (row, text) of ``noted`` as its row's note, every distinct text once in the note table."""
    import numpy as np

    if not noted:
        return
    texts = list(dict.fromkeys(text for _, text in noted))
    index = {text: number for number, text in enumerate(texts)}
    changes.arrays.note(np.array([row for row, _ in noted], dtype=np.int64), texts,
                        np.array([index[text] for _, text in noted], dtype=np.int64))  # fmt: skip


def _remote_monitoring_either_or(lines: Lines, rows: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.care_management.overlap_notes``' remote monitoring rule on the claims (``keys`` >= 0): a 99445, 99454,
    99470 or 99457 row (``RPM_EITHER_OR``) of a claim with its counterpart's row of the same practitioner in the same
    calendar month (from 2026) is noted, as ``_care_management_in_apcm`` groups its rows."""
    import numpy as np

    from rvucalc.engine import care_management as care

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    # Only the claims with both codes of a pair, one by one (an RPM vendor's file is mostly 99454 + 99457 or 99445 +
    # 99470, which are no pair: whole columns first, as ``_ccm_complexity_in_month``)
    count = int(keys.max()) + 1
    on_claim = np.where(claimed, keys, 0)
    flagged = np.zeros(len(rows), dtype=bool)
    for pair in sorted({tuple(sorted(pair)) for pair in care.RPM_EITHER_OR.items()}):
        one, other = (_codes_flag(lines, f"remote monitoring {code}", {code})[cells] & claimed for code in pair)
        if one.any() and other.any():
            both = (np.bincount(keys[one], minlength=count) > 0) & (np.bincount(keys[other], minlength=count) > 0)
            flagged |= (one | other) & both[on_claim]
    if np.count_nonzero(flagged) < 2:
        return
    practitioner = _practitioners(lines)[cells]
    found: dict[tuple[int, ...], set[str]] = {}
    at: list[tuple[int, tuple[int, ...], str]] = []
    for i, key in _in_months(lines, rows, keys, flagged, care.RPM_EITHER_OR_FIRST_YEAR, practitioner):
        code = lines.codes[int(cells[i])].code
        found.setdefault(key, set()).add(code)
        at.append((i, key, code))
    _note_rows(changes, [(int(rows[i]), care.rpm_either_or_note(code)) for i, key, code in at
                         if care.RPM_EITHER_OR[code] in found[key]])  # fmt: skip


def _ccm_complexity_in_month(lines: Lines, rows: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.care_management.overlap_notes``' CCM rule on the claims (``keys`` >= 0): a CCM row
    (``CHRONIC_CARE_MANAGEMENT``) of a claim with a row of the other kind (complex 99487, 99489; non-complex 99490,
    99439, 99491, 99437) of the same practitioner in the same calendar month is noted, naming the group's first row of
    the other kind, as ``_care_management_in_apcm`` groups its rows; a group with an APCM row (from 2025) is left to
    that rule's note, as price's encounter gives a line one of the two."""
    import numpy as np

    from rvucalc.engine import care_management as care

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    complex_ccm = _codes_flag(lines, "complex CCM", care.COMPLEX_CCM)[cells] & claimed
    non_complex = _codes_flag(lines, "non-complex CCM", care.NON_COMPLEX_CCM)[cells] & claimed
    if not complex_ccm.any() or not non_complex.any():
        return
    # Only the claims with both kinds, one by one (a CCM vendor's file is mostly 99490 + 99439: whole columns first)
    count = int(keys.max()) + 1
    both = (np.bincount(keys[complex_ccm], minlength=count) > 0) & (np.bincount(keys[non_complex], minlength=count) > 0)
    flagged = (complex_ccm | non_complex) & both[np.where(claimed, keys, 0)]
    if not flagged.any():
        return
    practitioner = _practitioners(lines)[cells]
    codes: dict[tuple[int, ...], list[str]] = {}
    at: list[tuple[int, tuple[int, ...], str]] = []
    for i, key in _in_months(lines, rows, keys, flagged, None, practitioner):  # rows ascending
        code = lines.codes[int(cells[i])].code
        codes.setdefault(key, []).append(code)
        at.append((i, key, code))
    pairs = {key: pair for key, found in codes.items() if (pair := care.ccm_complexity_pair(found)) is not None}
    if not pairs:
        return
    apcm = _codes_flag(lines, "APCM", care.APCM_CODES)[cells] & claimed
    with_apcm = {key for _, key in _in_months(lines, rows, keys, apcm, care.APCM_FIRST_YEAR, practitioner)}
    noted = [(i, key, code) for i, key, code in at if key in pairs and key not in with_apcm]
    _note_rows(changes, [(int(rows[i]), care.ccm_complexity_note(code, pairs[key][code in care.COMPLEX_CCM]))
                         for i, key, code in noted])  # fmt: skip


def _care_plan_oversight_claims(
    lines: Lines, rows: np.ndarray, own: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.care_management.overlap_notes``' care plan oversight rule on the claims (``keys`` >= 0): a G0181 or
    G0182 row of a claim with other rows (any date or practitioner: the claim is billed with no other services) is
    noted, naming the claim's other codes in row order; and ``cpo_month_notes`` on a CPO row beside another row of its
    code in the claim's calendar month (any date or practitioner; a row identical to another of its practitioner's
    encounter, ``own``, is the duplicate lines rule's), as price's encounter. The codes on whole columns; the few CPO
    claims one by one."""
    import numpy as np

    from rvucalc.engine import care_management as care
    from rvucalc.engine import duplicates

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    cpo = _codes_flag(lines, "care plan oversight", care.CARE_PLAN_OVERSIGHT)[cells] & claimed
    if not cpo.any():
        return
    # The rows of the claims with a CPO row, grouped by claim (a stable sort keeps each claim's rows in row order):
    # one pass over those claims' rows, never over the file once per claim.
    at = np.flatnonzero(np.isin(keys, keys[cpo]) & claimed)
    at = at[np.argsort(keys[at], kind="stable")]
    noted = []
    for members in np.split(at, np.flatnonzero(np.diff(keys[at])) + 1):
        others = [lines.codes[int(cells[i])].code for i in members.tolist() if not cpo[i]]
        if others:
            noted += [(int(rows[i]), care.cpo_claim_note(lines.codes[int(cells[i])].code, others))
                      for i in members.tolist() if cpo[i]]  # fmt: skip
    if np.count_nonzero(cpo) > 1:  # one code twice in a claim's month (G0181 on 03/15 and 03/31)
        months: dict[tuple[int, ...], list[int]] = {}
        for i, key in _in_months(lines, rows, keys, cpo):
            months.setdefault(key, []).append(i)
        for group in months.values():
            if len(group) < 2:
                continue
            parsed = [lines.codes[int(cells[i])] for i in group]
            found = [duplicates.line_identity(cell.code, cell.modifiers) for cell in parsed]
            identities = [None if one is None else (int(own[i]), cell.provider, one)
                          for i, cell, one in zip(group, parsed, found, strict=True)]  # fmt: skip
            said = care.cpo_month_notes([cell.code for cell in parsed], identities)
            noted += [(int(rows[i]), note) for i, note in zip(group, said, strict=True) if note]
    _note_rows(changes, noted)


def _visit_on_tcm_date(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.care_management.overlap_notes``' TCM rule on the claims' encounters (``keys`` >= 0; ``encounter`` each
    practitioner's lines of a claim and date, ``price_claims``' ``own``): an office or home visit row
    (``TCM_FACE_TO_FACE_VISITS``) of an encounter with a 99495 or 99496 row is noted, naming the encounter's first of
    them, as price names its codes' first; and a 99495 or 99496 row of an encounter with the other of the two
    (``tcm_pair_notes``, price's: one TCM per beneficiary in 30 days). The codes on whole columns; the few visit rows
    beside TCM one by one."""
    import numpy as np

    from rvucalc.engine import care_management as care

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    tcm = _codes_flag(lines, "transitional care management", care.TRANSITIONAL_CARE_MANAGEMENT)[cells] & claimed
    if not tcm.any():
        return
    visit = _codes_flag(lines, "TCM's face-to-face visits", care.TCM_FACE_TO_FACE_VISITS)[cells] & claimed
    members: dict[int, list[tuple[int, str]]] = {}  # each encounter's TCM rows and codes, in order
    for i in np.flatnonzero(tcm).tolist():
        members.setdefault(int(encounter[i]), []).append((int(rows[i]), lines.codes[int(cells[i])].code))
    noted = [(int(rows[i]), care.tcm_visit_note(lines.codes[int(cells[i])].code, members[int(encounter[i])][0][1]))
             for i in np.flatnonzero(visit & np.isin(encounter, list(members))).tolist()]  # fmt: skip
    for found in members.values():  # 99495 beside 99496: price's rule, on the encounter's TCM lines
        said = care.tcm_pair_notes([code for _, code in found])
        noted.extend((row, note) for (row, _), note in zip(found, said, strict=True) if note is not None)
    _note_rows(changes, noted)


def _depression_screening_in_visit(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.care_management.overlap_notes``' G0444 rule on the claims' encounters (``keys`` >= 0; ``encounter``
    each practitioner's lines of a claim and date, ``price_claims``' ``own``): a G0444 row of an encounter with an IPPE
    (G0402) or initial AWV (G0438) row is noted, naming the encounter's first of them, as price names its codes'
    first. The codes on whole columns; the few G0444 rows one by one."""
    import numpy as np

    from rvucalc.engine import care_management as care

    claimed = keys >= 0
    if not claimed.any():
        return
    cells = lines.code[rows]
    screening = _codes_flag(lines, "depression screening", {care.DEPRESSION_SCREENING})[cells] & claimed
    if not screening.any():
        return
    review = _codes_flag(lines, "visit with a depression review", care.WITH_DEPRESSION_REVIEW)[cells] & claimed
    if not review.any():
        return
    at = np.flatnonzero(review)
    for i in np.flatnonzero(screening & np.isin(encounter, encounter[at])).tolist():
        beside = lines.codes[int(cells[int(at[encounter[at] == encounter[i]].min())])].code
        changes.arrays.note(rows[[i]], [care.depression_screening_note(beside)], np.zeros(1, dtype=np.int64))


def _duplicates(lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.duplicates.duplicate_notes`` on the claims' encounters (``keys`` >= 0), as in
    ``lookup.lines._visit_rules``: a row identical to an earlier row of its encounter (the same code and modifiers in
    any order, none of 76, 77 or 91; the encounter is one practitioner's: ``price_claims``) is noted as a likely
    duplicate. On whole columns: the rows of an encounter with another row of their code first (a sort of the claimed
    rows' encounter and code numbers), then, for those few, each distinct code cell's ``line_identity`` (no Python per
    row, nor per cell of the file: a realistic file's 1M rows have ~45,000 cells, a few hundred of them here)."""
    import numpy as np

    from rvucalc.engine import duplicates

    at = np.flatnonzero(keys >= 0)  # positions in rows, in file order
    if at.size < 2:
        return
    code = lines.code_number[lines.code[rows[at]]].astype(np.int64)
    same_code = encounter[at].astype(np.int64) * (int(code.max()) + 1) + code
    order = np.argsort(same_code, kind="stable")
    twice = same_code[order[1:]] == same_code[order[:-1]]
    if not twice.any():
        return
    shared = np.zeros(len(at), dtype=bool)
    shared[order[1:][twice]] = shared[order[:-1][twice]] = True
    at = at[shared]  # rows of an encounter that has another row of their code (a few)
    cells, cell_of = np.unique(lines.code[rows[at]], return_inverse=True)
    numbers: dict[tuple[object, ...], int] = {}
    identity = np.full(len(cells), -1, dtype=np.int64)  # -1: a repeat modifier says the line was done again
    for number, cell in enumerate(cells.tolist()):
        parsed = lines.codes[cell]
        found = duplicates.line_identity(parsed.code, parsed.modifiers)
        if found is not None:
            identity[number] = numbers.setdefault((parsed.provider, *found), len(numbers))
    of = identity[cell_of.reshape(-1)]
    at, of = at[of >= 0], of[of >= 0]
    if at.size < 2:
        return
    _, first = np.unique(encounter[at].astype(np.int64) * len(numbers) + of, return_index=True)
    later = np.ones(len(at), dtype=bool)
    later[first] = False  # the earliest row of each identical kind in its encounter is no duplicate
    if not later.any():
        return
    said = rows[at[later]]
    # per distinct code cell: a co-surgeon's (62) or team surgeon's (66) line has its own note (without 76/77)
    # and a drug's (its drug_amount: the ASP file prices it) its own (engine.duplicates.DRUG_DUPLICATE, as the single
    # lookup's, lookup.pricer: the line's drug amount)
    drug = lines.valid["drug_amount"][said].astype(np.int64)
    cells, which = np.unique(lines.code[said].astype(np.int64) * 2 + drug, return_inverse=True)
    texts = [duplicates.duplicate_note(lines.codes[key // 2].code, lines.codes[key // 2].modifiers, drug=bool(key % 2))
             for key in cells.tolist()]  # fmt: skip
    changes.arrays.note(said, texts, which.reshape(-1))


def _collection_pairs(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.duplicates.collection_pair_notes`` on the claims' encounters (``keys`` >= 0), as in
    ``lookup.lines._visit_rules``: a 36415 or G0471 row of an encounter with a row of the other is noted. On whole
    columns: a lab's file is mostly 36415 rows, G0471 rare; only the rows of encounters with both one by one."""
    import numpy as np

    from rvucalc.engine import duplicates

    cells = lines.code[rows]
    claimed = keys >= 0
    g0471 = _codes_flag(lines, "G0471", ("G0471",))[cells] & claimed
    if not g0471.any():
        return
    venipuncture = _codes_flag(lines, "36415", ("36415",))[cells] & claimed
    count = int(encounter.max()) + 1
    both = (np.bincount(encounter[g0471], minlength=count) > 0) & (
        np.bincount(encounter[venipuncture], minlength=count) > 0
    )
    at = np.flatnonzero((g0471 | venipuncture) & both[encounter])
    _note_rows(changes, [(int(rows[i]), duplicates.collection_pair_note("G0471" if g0471[i] else "36415"))
                         for i in at.tolist()])  # fmt: skip


def _discards(lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes) -> None:
    """``engine.duplicates.discard_conflict_notes`` on the claims' encounters (``keys`` >= 0), as in
    ``lookup.lines._visit_rules``: a JZ row of an encounter with a JW row of its code is noted. Per distinct code cell
    (its modifiers), then on whole columns."""
    import numpy as np

    from rvucalc.engine import duplicates

    at = np.flatnonzero(keys >= 0)
    if at.size < 2:
        return
    wasted = lines.flag("JW", lambda cell: "JW" in cell.modifiers)  # per code cell: a JW line's
    zero = lines.flag("JZ without JW", lambda cell: "JZ" in cell.modifiers and "JW" not in cell.modifiers)
    cell = lines.code[rows[at]]
    if not wasted[cell].any():
        return
    code = lines.code_number[cell].astype(np.int64)
    same = encounter[at].astype(np.int64) * (int(code.max()) + 1) + code
    _lone_discards(lines, rows, encounter, at, wasted[cell], same, changes)
    if not zero[cell].any():
        return
    noted = at[zero[cell] & np.isin(same, same[wasted[cell]])]
    if not noted.size:
        return
    said = rows[noted]
    # Per code cell and release (its year: a skin substitute's words from 2026, engine.duplicates)
    key = lines.code[said].astype(np.int64) * (int(lines.release.max()) + 1) + lines.release[said]
    found, which = np.unique(key, return_inverse=True)
    span = int(lines.release.max()) + 1
    texts = [duplicates.discard_conflict_note(lines.codes[k // span].code, _release_year(lines, k % span))
             for k in found.tolist()]  # fmt: skip
    changes.arrays.note(said, texts, which.reshape(-1))


def _lone_discards(
    lines: Lines,
    rows: np.ndarray,
    encounter: np.ndarray,
    at: np.ndarray,
    wasted: np.ndarray,
    same: np.ndarray,
    changes: _Changes,
) -> None:
    """``engine.duplicates.lone_discard_notes`` for ``_discards``: a JW row (``wasted``, per row of ``at``) whose
    encounter of two lines or more (as ``lookup.lines._visit_rules``'s) has no row of its code without JW (``same``:
    encounter and code) is noted; a skin substitute from 2026 is not (its release's year decides)."""
    import numpy as np

    from rvucalc.engine import duplicates

    several = np.bincount(encounter[at], minlength=int(encounter.max()) + 1) > 1
    lone = wasted & ~np.isin(same, same[~wasted]) & several[encounter[at]]
    if not lone.any():
        return
    said = rows[at[lone]]
    key = lines.code[said].astype(np.int64) * (int(lines.release.max()) + 1) + lines.release[said]
    found, which = np.unique(key, return_inverse=True)
    span = int(lines.release.max()) + 1
    texts = [duplicates.lone_discard_notes([(lines.codes[k // span].code, ("JW",))], _release_year(lines, k % span))[0]
             for k in found.tolist()]  # fmt: skip
    kept = np.array([text is not None for text in texts], dtype=bool)[which]
    if kept.any():
        changes.arrays.note(said[kept], [text or "" for text in texts], which[kept].reshape(-1))


def _release_year(lines: Lines, release: int) -> int:
    """The year of a row's PFS release (its ``lines.release`` text: '2026C', '2026C; ...'), 0 when none."""
    name = lines.texts.values[release].split("; ")[0] if release else ""
    return int(name[:4]) if name[:4].isdigit() else 0


def _shared_surgeries(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.duplicates.shared_surgery_conflict_notes`` on the claims' encounters (``keys`` >= 0), as in
    ``lookup.lines._visit_rules``: a 62 row and a 66 row of one code in an encounter are both noted. ``encounter`` is
    the claim and date's, every practitioner's (a 62 line and a 66 line are each one surgeon's: ch. 12 §40.8 B, C;
    grouped by practitioner, an MD's 62 beside an NP's 66 went unnoted while price notes it). Per distinct code cell
    (its modifiers), then on whole columns."""
    import numpy as np

    from rvucalc.engine import duplicates

    at = np.flatnonzero(keys >= 0)
    if at.size < 2:
        return
    # per code cell: a co-surgeon's (62) line, a team surgeon's (66)
    co = lines.flag("62 without 66", lambda cell: "62" in cell.modifiers and "66" not in cell.modifiers)
    team = lines.flag("66 without 62", lambda cell: "66" in cell.modifiers and "62" not in cell.modifiers)
    cell = lines.code[rows[at]]
    if not (co[cell].any() and team[cell].any()):
        return
    code = lines.code_number[cell].astype(np.int64)
    same = encounter[at].astype(np.int64) * (int(code.max()) + 1) + code
    noted = at[(co[cell] & np.isin(same, same[team[cell]])) | (team[cell] & np.isin(same, same[co[cell]]))]
    if not noted.size:
        return
    said = rows[noted]
    found, which = np.unique(lines.code[said], return_inverse=True)
    texts = [duplicates.shared_surgery_conflict_note(lines.codes[c].code, "62" if co[c] else "66")
             for c in found.tolist()]  # fmt: skip
    changes.arrays.note(said, texts, which.reshape(-1))


def _screening_beside_pt(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, changes: _Changes
) -> None:
    """``engine.preventive.screening_beside_pt_notes`` on the claims' encounters (``keys`` >= 0), as in
    ``lookup.lines._visit_rules``: a screening G code row (G0104-G0106, G0120, G0121) of an encounter with a PT row is
    noted, naming the encounter's first PT row's code; one of an encounter without a PT row, naming the first row of
    the procedure it turns into (``engine.preventive.turned_into``), if any. Per distinct code cell (its modifiers),
    then on whole columns; the few noted rows one by one."""
    import numpy as np

    from rvucalc.engine import preventive

    at = np.flatnonzero(keys >= 0)
    if at.size < 2:
        return
    # per code cell: a procedure's PT line, a screening G code's without PT
    pt = lines.flag("PT replacing screening",
                    lambda cell: "PT" in cell.modifiers and preventive.pt_replaces_screening(cell.code))  # fmt: skip
    screening = lines.flag("screening without PT", lambda cell: cell.code in preventive.PT_SCREENING_CODES
                           and "PT" not in cell.modifiers)  # fmt: skip
    cell = lines.code[rows[at]]
    if not screening[cell].any():
        return
    group = encounter[at].astype(np.int64)
    with_pt = np.isin(group, group[pt[cell]])
    noted = at[screening[cell] & with_pt]
    for row in noted.tolist():  # the encounter's first PT line names the code (as price's)
        mine = at[(group == encounter[row]) & pt[cell]]
        first = lines.codes[int(lines.code[rows[int(np.min(mine))]])].code
        note = preventive.screening_beside_pt_note(lines.codes[int(lines.code[rows[row]])].code, first)
        changes.arrays.note(rows[[row]], [note], np.zeros(1, dtype=np.int64))
    spans = preventive.SCREENING_TURNS_INTO.values()
    turns = _code_test(
        batch,
        lines,
        "a procedure a screening turns into",
        lambda code: code.isdigit() and any(low <= int(code) <= high for low, high in spans),
    )
    noted = at[screening[cell] & ~with_pt & np.isin(group, group[turns[cell]])]
    for row in noted.tolist():  # the encounter's lines in order, as price's
        code = lines.codes[int(lines.code[rows[row]])].code
        mine = np.sort(at[group == encounter[row]])
        turned = preventive.turned_into(code, [lines.codes[int(lines.code[rows[i]])].code for i in mine.tolist()])
        if turned is not None:
            note = preventive.screening_without_pt_note(code, turned)
            changes.arrays.note(rows[[row]], [note], np.zeros(1, dtype=np.int64))


def _em_in_global(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounter: np.ndarray, keys: np.ndarray, code: np.ndarray,
    changes: _Changes,
) -> np.ndarray | None:  # fmt: skip
    """``engine.visits.em_in_global_outcomes`` on the claims' encounters (``keys`` >= 0) that have an E/M (or eye
    exam) the rule can speak of and another line (as ``lookup.lines._visit_rules``): its note on the E/M line, and an
    E/M-57 beside a minor procedure alone paid $0.00 (its PFS amounts, then its sites, by ``_write``; as G2211's), and
    G2211 whose visits are all so unpaid, or whose paid visits all carry 25 (``visits.G2211_VISIT_25_RULE``). Batch
    sees the claim's next date too (the same practitioner's lines the day after the visit:
    ``engine.visits.EM_57_BEFORE_MAJOR_NOTE``, ``EM_57_BEFORE_MINOR_RULE``), which ``rvucalc price`` cannot. CMS's
    global days are read once per distinct code cell and release, for those encounters' lines and the next date's
    alone; the modifiers once per code cell. Returns its E/M-57 rows (of ``rows``) not paid, or None
    (``_prolonged_unpaid``: a prolonged add-on's primary among them)."""
    import numpy as np

    from rvucalc.engine import visits

    claimed = keys >= 0
    if lines.facility_bill is not None:
        # The same-day E/M rule is the global surgical package's (Claims Processing Manual ch. 12 §40.1, §40.2: "an
        # E/M visit by the practitioner who performs the procedure"), the PFS's, of the surgeon's payment. A hospital's
        # or ASC's own bill (type of bill 13x, 83x, or provider ASC at POS 24: Lines.facility_bill) has none: the
        # OPPS (42 CFR 419) and the ASC (42 CFR 416 subpart F) pay the facility per service, as
        # global_period.postoperative_visits leaves such lines out (an ASC trial: its 99213 beside 11402 was told the
        # practitioner's visit is in the procedure's package, its 99213-57 paid $0.00).
        claimed = claimed & ~lines.facility_bill[rows]
    package: np.ndarray = _code_test(batch, lines, "package visit", visits.is_package_visit)[code]
    count = int(encounter.max()) + 1

    # engine.visits.package_modifiers: each row's 25, 57 and FT, an add-on E/M with none its primaries' in its encounter
    def has(modifier: str) -> Callable[[Any], bool]:
        return lambda parsed: modifier in parsed.modifiers

    carries = {m: lines.flag(f"E/M's modifier {m}", has(m))[code] for m in ("25", "57", "FT")}
    own_none = ~(carries["25"] | carries["57"] | carries["FT"])
    for add_on, primaries in visits.EM_ADD_ON_PRIMARIES.items():
        rows_of = _codes_flag(lines, f"E/M add-on {add_on}", (add_on,))[code] & claimed & own_none
        if not rows_of.any():
            continue
        primary = _codes_flag(lines, f"E/M add-on {add_on}'s primaries", primaries)[code] & claimed
        for m, flags in list(carries.items()):
            in_encounter = np.bincount(encounter[primary & flags], minlength=count) > 0
            carries[m] = flags | (rows_of & in_encounter[encounter])
    bare = package & ~(carries["25"] | carries["57"] | carries["FT"])
    with_57 = package & carries["57"] & ~carries["25"] & ~carries["FT"]
    with_25 = package & carries["25"] & ~carries["57"] & ~carries["FT"]
    at = claimed & (bare | with_57 | with_25)
    if not at.any():
        return None
    caches = _caches(batch)
    names = {r.release for r in batch.pricer.releases}

    def kinds(where: np.ndarray) -> np.ndarray:
        """Per row of ``rows[where]``: 1 a minor procedure (000, 010), 2 a major one (090), else 0."""
        found: np.ndarray = _per_cell(batch, lines, rows[where], "global kind",
                                      lambda name, cell: _global_kind(batch, caches, names, name, cell))  # fmt: skip
        return found.astype(np.int64)

    wanted = (np.bincount(encounter[at], minlength=count) > 0) & (np.bincount(encounter[claimed], minlength=count) >= 2)
    mine = np.flatnonzero(claimed & wanted[encounter])
    minor = np.zeros(len(rows), dtype=bool)
    major = np.zeros(len(rows), dtype=bool)
    if mine.size:
        kind_of = kinds(mine)
        minor[mine] = (np.bincount(encounter[mine], weights=kind_of == 1, minlength=count) > 0)[encounter[mine]]
        major[mine] = (np.bincount(encounter[mine], weights=kind_of == 2, minlength=count) > 0)[encounter[mine]]
    # The claim's next date, the same practitioner's lines (a group's claim: price_claims' own encounters).
    next_minor = np.zeros(len(rows), dtype=bool)
    next_major = np.zeros(len(rows), dtype=bool)
    asked = np.flatnonzero(claimed & with_57 & ~major)
    if asked.size:
        next_when = _next_dates(lines)
        when = lines.when[rows].astype(np.int64)
        practitioner = _practitioners(lines)[code]
        width = len(line_rules.PROVIDERS)
        slot = (np.maximum(keys, 0) * len(lines.whens) + when) * width + practitioner
        later = next_when[when[asked]]
        asked, later = asked[later >= 0], later[later >= 0]
        if asked.size:
            wanted_slots = (keys[asked] * len(lines.whens) + later) * width + practitioner[asked]
            there = np.flatnonzero(claimed & np.isin(slot, wanted_slots))
            kind_there = kinds(there)
            next_minor[asked] = np.isin(wanted_slots, slot[there[kind_there == 1]])
            next_major[asked] = np.isin(wanted_slots, slot[there[kind_there == 2]])
    # engine.visits.em_in_global_kind on whole columns: the bare visit's note (by minor/major), 57 beside a minor
    # procedure and no major one (not paid) unless a major one is the next day (paid, noted), 57 the day before a minor
    # procedure and no major one (not paid), 25 beside a major one.
    which = np.full(len(rows), -1, dtype=np.int64)
    bare_at = at & bare & (minor | major)
    which[bare_at] = (minor.astype(np.int64) + 2 * major.astype(np.int64) - 1)[bare_at]
    beside = at & with_57 & minor & ~major
    which[beside & ~next_major] = 3
    which[beside & next_major] = 5
    before = at & with_57 & ~minor & ~major & next_minor & ~next_major
    which[before] = 6
    which[at & with_25 & major] = 4
    unpaid = (which == 3) | (which == 6)
    # G2211 whose visits (engine.visits.G2211_VISITS) in its encounter are all unpaid: $0.00 too; some unpaid and the
    # paid ones all with 25, no preventive service (engine.visits.BESIDE_25) in the encounter: $0.00 too.
    g2211 = _codes_flag(lines, "G2211", (visits.G2211,))[code] & claimed
    if unpaid.any() and g2211.any():
        visit = _codes_flag(lines, "G2211 visit", visits.G2211_VISITS)[code] & claimed
        visits_in = np.bincount(encounter[visit], minlength=count)
        unpaid_in = np.bincount(encounter[visit & unpaid], minlength=count)
        add_on = g2211 & (visits_in[encounter] > 0) & (unpaid_in[encounter] == visits_in[encounter])
        which[add_on] = 7
        any_25 = lines.flag("25", lambda p: "25" in p.modifiers)[code]  # _g2211's flags
        beside = _codes_flag(lines, "beside 25", visits.BESIDE_25)[code]
        paid_without_25 = np.bincount(encounter[visit & ~unpaid & ~any_25], minlength=count)
        beside_in = np.bincount(encounter[claimed & beside], minlength=count) > 0
        beside_25 = g2211 & (unpaid_in[encounter] > 0) & (unpaid_in[encounter] < visits_in[encounter])
        beside_25 &= (paid_without_25[encounter] == 0) & ~beside_in[encounter]
        which[beside_25] = 8
        unpaid |= add_on | beside_25
    hit = which >= 0
    if not hit.any():
        return None
    # Its 57 changed the amount: not "informational" (as the single lookup: lookup.pricer.Pricer.price_encounter).
    for part in line_rules.informational_notes(("57",)):
        lines.without_part("line", rows[(which == 3) | (which == 6)], part)
    for row in rows[unpaid].tolist():  # a few rows: the E/M-57s not paid, and their G2211
        for name in PFS_COLUMNS:
            if lines.valid[name][row]:
                changes.set(name, row, 0)
    texts = [visits.em_in_global_note(True, False), visits.em_in_global_note(False, True),
             visits.em_in_global_note(True, True), visits.EM_57_BESIDE_MINOR_RULE,
             visits.EM_25_BESIDE_MAJOR_NOTE, visits.EM_57_BEFORE_MAJOR_NOTE, visits.EM_57_BEFORE_MINOR_RULE,
             visits.G2211_VISIT_UNPAID_RULE, visits.G2211_VISIT_25_RULE]  # fmt: skip
    changes.arrays.note(rows[hit], texts, which[hit])
    em_unpaid: np.ndarray = (which == 3) | (which == 6)
    return em_unpaid


def _next_dates(lines: Lines) -> np.ndarray:
    """Per date of service (position in ``lines.whens``), the position of the next day's, or -1 (none in the file,
    or a date that does not read)."""
    import datetime as dt

    import numpy as np

    days = [_service_day(date) for _, date in lines.whens]
    where = {day: number for number, day in enumerate(days) if day is not None}
    return np.array([-1 if day is None else where.get(day + dt.timedelta(days=1), -1) for day in days], dtype=np.int64)


def _per_cell(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, group: str, value: Callable[[str, Any], int]
) -> np.ndarray:
    """Per row of ``rows``, ``value(release, cell)`` (a small int) of its code cell in its PFS release (the first of its
    release column's names), worked out once a run per release and cell (a table of the run's cells, forgotten with
    them: ``BatchPricer._forget_if_large``). A cache keyed by code and modifiers, a few thousand of them, was emptied
    several times a partition on a realistic file and asked again."""
    import numpy as np

    found = np.zeros(len(rows), dtype=np.int8)
    releases, release_of = ids_and_inverse(lines.release[rows])
    release_of = release_of.reshape(-1)
    for number, release in enumerate(releases.tolist()):
        name = lines.texts.values[release].split("; ")[0]
        mine = np.flatnonzero(release_of == number)
        table = batch.cell_table(f"claims {name}")
        # Its distinct code cells by a count (np.unique hashes them: ~2 ms per 30,000 rows).
        codes = np.flatnonzero(np.bincount(lines.code[rows[mine]], minlength=len(lines.codes)))
        cells = lines.cell[codes]
        new = table.missing(group, cells)
        if new.size:
            code_of = dict(zip(cells.tolist(), codes.tolist(), strict=True))

            def values(cell: int, name: str = name, code_of: dict[int, int] = code_of) -> tuple[int]:
                return (value(name, lines.codes[code_of[cell]]),)

            table.fill(group, {group: ("int8", 0)}, new, values)
        found[mine] = table.take(group, lines.cell[lines.code[rows[mine]]])
    return found


def _global_kind(batch: BatchPricer, caches: _Caches, names: set[str], release: str, cell: Any) -> int:
    """1 if CMS's row of the cell in the release has a minor procedure's global period (000, 010), 2 a major
    one's (090), 0 otherwise (an E/M, a code the PFS does not list, a release not installed)."""
    from rvucalc.engine import visits

    context = _context(batch, caches, release) if release in names else None
    if context is None or visits.is_em(cell.code) or not ASSISTANT_MODIFIERS.isdisjoint(cell.modifiers):
        return 0  # (an assistant's line: no package of its own, engine.visits.em_in_global_outcomes)
    try:
        # Its paying modifiers choose the row as all of them do (resolve_row: the informational ones never change
        # the row or its checks): BatchPricer's own look-up, kept per release, code and paying modifiers, its errors
        # too (a lab's or a drug's code, not in the PFS, raised anew each time).
        days = str(batch._row_of(context.store, cell.code, tuple(cell.paying)).get("global_days"))
    except RvucalcError as exc:  # not in the PFS (a lab, drug ...): no global period
        bare_error(exc)  # the cached error's traceback, whose frames would keep the partition's arrays alive
        return 0
    return 1 if days in visits.MINOR_GLOBALS else 2 if days == visits.MAJOR_GLOBAL else 0


def _on_dates_of_one_claim(lines: Lines, rows: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Per row, whether it is an OPPS line of a site-claim (a claim's rows of one site, as ``_run_rules`` groups the
    hospital's claim-wide rules) whose OPPS lines are on two dates or more: a line with an OPPS rate, or one the
    hospital does not pay alone (a lab of SI Q4 a line of another date may package: no OPPS rate, no hospital amount)
    of a site-claim with an OPPS rate. At every site alike: an office row's OPPS rate is its hopd_* hospital
    comparison, which its site-claim's rules change as on one date (the same-date path, ``_claim_wide_j1``); a
    review found an office lab's comparison packaged across dates only when an unrelated hospital row of another site
    was on its claim."""
    import numpy as np

    paid: np.ndarray = lines.valid["opps_rate"][rows] & (keys >= 0)
    if not paid.any():
        return paid
    unpaid = (keys >= 0) & ~paid & ~lines.valid["hopd_allowed"][rows]
    opps = np.flatnonzero(paid | unpaid)
    # Each site-claim's rows together (a claim's key is its run's number, adjacent_runs; its sites may alternate).
    site_claim = keys[opps] * len(SITE_NAMES) + lines.site[rows[opps]]
    opps = opps[np.argsort(site_claim, kind="stable")]
    claim, when = keys[opps] * len(SITE_NAMES) + lines.site[rows[opps]], lines.when[rows[opps]]
    starts = np.flatnonzero(np.concatenate([[True], claim[1:] != claim[:-1]]))
    dated = np.minimum.reduceat(when, starts) != np.maximum.reduceat(when, starts)
    dated &= np.add.reduceat(paid[opps].astype(np.int64), starts) > 0
    wide = np.zeros(len(rows), dtype=bool)
    wide[opps] = np.repeat(dated, np.diff(np.append(starts, len(claim))))
    return wide


SCATTERED_CLAIM_NOTE = (
    "Claim encounter: this claim's lines are not next to each other in the file: these lines (met after other "
    "rows) are priced as an encounter of their own. Sort the file by claim to price its lines together"
)


def adjacent_runs(claim: np.ndarray) -> np.ndarray:
    """Per row, the number of its run of adjacent rows with the same claim id (ids per row, in file order)."""
    import numpy as np

    starts = np.ones(len(claim), dtype=bool)
    starts[1:] = claim[1:] != claim[:-1]
    return np.cumsum(starts) - 1


def claim_runs(lines: Lines) -> np.ndarray:
    """Per row, the number of its claim: its run of adjacent rows with one claim id (``adjacent_runs``), a facility's
    own bill's rows apart from the practitioners' rows of that run (``billing_entities``). ``lines.claim`` is set."""
    assert lines.claim is not None
    return billing_entities(adjacent_runs(lines.claim), billing_entity(lines))[0]


def billing_entity(lines: Lines) -> np.ndarray | None:
    """Per row, whose claim it is: 0 a practitioner's, 1 a facility's own bill (``Lines.facility_bill``), 2 a DMEPOS
    supplier's (``Lines.dme_supplier``: its provider cell names one), 3 an independent laboratory's
    (``Lines.independent_lab``: its name in the provider cell, billing its tests on its own claim, Claims Processing
    Manual ch. 16 §10.1, §40.1); None where no row is a facility's, supplier's or lab's.

    A DMEPOS supplier bills its items on a claim of its own, to the DME MAC of the beneficiary's state (Claims
    Processing Manual ch. 1 §10.1.5.1, "Suppliers of Durable Medical Equipment, Prosthetics, Orthotics, Supplies"),
    not on the practitioner's claim to the A/B MAC: a practice's export giving its supplier's rows the practitioner's
    claim id said "the rules ran without line 3 (2560X) of this claim" on the supplier's brace. No encounter rule
    joins a supplier's line with a practitioner's (a dressing is bundled only off a supplier's claim:
    ``_bundled_dressings``), so the supplier's own lines priced apart keep their amounts."""
    import numpy as np

    if lines.facility_bill is None and lines.dme_supplier is None and lines.independent_lab is None:
        return None
    entity = np.zeros(lines.rows, dtype=np.int8)
    if lines.independent_lab is not None:  # an independent lab's (credentials.lab_cell: ch. 16 §10.1, §40.1)
        entity[lines.independent_lab] = 3
    if lines.dme_supplier is not None:
        entity[lines.dme_supplier] = 2
    if lines.facility_bill is not None:
        entity[lines.facility_bill] = 1
    return entity


def billing_entities(
    runs: np.ndarray, entity: np.ndarray | None, named: np.ndarray | None = None
) -> tuple[np.ndarray, int]:
    """The claims' numbers ``runs`` (``adjacent_runs``) with a run that holds rows of more than one billing entity
    (``entity``: ``billing_entity``, or a facility's own bill's rows as True) cut, each entity's rows a claim of its
    own, numbered in file order (the entity of the run's first row first, then by each entity's first row); and how
    many runs were cut (of the ``named`` rows: those with a claim id; every row where None).

    A claim is one billing entity's. A practice's export can give its surgeon's lines and its ASC's own lines of a
    case one claim (encounter) id, but Medicare gets them on two claims: the ASC bills its facility services on a
    claim of its own, its billing provider the ASC (specialty 49), the surgeon his services on his (Claims Processing
    Manual ch. 14 §50, "ASC Procedures for Completing the ASC X12 837 Professional Claim Format or the Form CMS-1500",
    as ResDAC's "Medicare Provider Types: Ambulatory Surgical Centers" reads it); a hospital its outpatient services on
    an 837I (type of bill 13x), the physician his on an 837P. The ASC's multiple procedure discount is its claim's (100
    percent of "the highest paying surgical procedure on the claim", ch. 14 §40.5), the surgeon's his group practice's
    (ch. 12 §40.6.A): so the facility's own lines and the practitioners' lines of one claim id are priced each as
    under a claim id of its own (a GI group's 43239 and 45380 by 'RIVERA, MARIA DO' and by its ASC, all of claim GI1:
    the ASC's 45380 was paid 50% of its rate, $310.36 not $620.71, its 43239's PFS fee cut by the endoscopy family
    rule, both said to repeat the surgeon's lines). Whole columns, no Python per row."""
    import numpy as np

    if entity is None or not runs.size:
        return runs, 0
    kind = entity.astype(np.int64)
    kinds = int(kind.max()) + 1
    if kinds < 2:
        return runs, 0
    count = int(runs[-1]) + 1
    pick = np.ones(len(runs), dtype=bool) if named is None else named
    held = np.zeros((kinds, count), dtype=bool)
    held[kind[pick], runs[pick]] = True
    several = held.sum(axis=0) >= 2
    cut = int(np.count_nonzero(several))
    if not cut:
        return runs, 0
    # Each (run, entity) pair's rank in its run by its first row: the run's first row's entity 0, the next 1 ...
    pairs, first = np.unique(runs.astype(np.int64) * kinds + kind, return_index=True)
    pair_runs = pairs // kinds
    order = np.lexsort((first, pair_runs))
    ranked = pair_runs[order]
    at = np.arange(len(order))
    starts = np.maximum.accumulate(np.where(np.concatenate([[True], ranked[1:] != ranked[:-1]]), at, 0))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = at - starts
    sub = np.where(several[runs], rank[np.searchsorted(pairs, runs.astype(np.int64) * kinds + kind)], 0)
    extra = np.where(several, np.bincount(pair_runs, minlength=count) - 1, 0)  # the numbers a cut run adds
    before = np.cumsum(extra) - extra  # the numbers the runs cut before each run add
    return runs + before[runs] + sub, cut


def cut_claim_entities(runs: np.ndarray, entity: np.ndarray | None, named: np.ndarray) -> np.ndarray | None:
    """Per row, its billing entity plus one (``billing_entity``'s: 1 a practitioner's, 2 a facility's own bill, 3 a
    DMEPOS supplier's, 4 an independent lab's) where its claim id (``runs``: each row's, ``Lines.claim``) holds the
    ``named`` rows of more than one entity in the chunk, adjacent or not; 0 every other row (and every row not
    ``named``: no claim id). None where no claim id holds two entities' rows. In a file past batch.regroup's limit a
    HAR's hospital rows, then its physician's, were summed under the HAR (its runs apart, none cut).

    --summary's claims are each entity's then (batch.claim_totals.entity_claim): a hospital overpaid beside its
    physician underpaid by as much under one Epic HAR said nothing of either, their claim id's variances summed.
    Whole columns, no Python per row."""
    import numpy as np

    if entity is None or not runs.size:
        return None
    kind = entity.astype(np.int64)
    kinds = int(kind.max()) + 1
    if kinds < 2:
        return None
    held = np.zeros((kinds, int(runs.max()) + 1), dtype=bool)
    held[kind[named], runs[named]] = True
    several = held.sum(axis=0) >= 2
    if not several.any():
        return None
    return np.where(several[runs] & named, kind + 1, 0).astype(np.int8)


def mark_reversals(lines: Lines) -> None:
    """``Lines.reversed``: the rows that are no service of their claim. A reversal (a negative paid amount) takes back
    an earlier payment: "All original charge, payment, and adjustment amounts are negated", the service lines' too
    (ASC X12 835 TR3 front matter 1.10.2.8, as X12 RFI 1733 quotes it), and the original was paid on an earlier
    remittance (RFI 791: reverse the original payment, then send the corrected one). So a reversal cancels the
    earliest row before it in its claim (adjacent rows of one claim id, as ``price_claims``) of the same code cell,
    date and units, paid the amount it negates, not cancelled already; a reversal whose original is not in the file
    (an earlier remittance) cancels nothing. Both are out of the claim's encounter rules (each priced as a line
    alone, as a row with no claim id), its comparison and its totals: the corrected line is the service.

    Python per row of the claims that have a reversal only (a few rows of a million)."""
    import numpy as np

    from rvucalc.engine.scenario import is_reversal

    reversal = lines.paid_given & is_reversal(lines.paid)
    if not reversal.any():
        lines.reversed = None
        return
    lines.reversed = reversal.copy()
    if lines.claim is None or lines.claim_given is None:
        return
    named = lines.claim_given[lines.claim] & (lines.error == 0) & lines.paid_given & (lines.paid != 0)
    runs = claim_runs(lines)  # a facility's own bill's rows a claim apart from the practitioners' (billing_entities)
    rows = np.flatnonzero(named & np.isin(runs, runs[reversal & named]))
    if not rows.size:
        return
    keys = np.stack([runs[rows], lines.when[rows], lines.code[rows], lines.units[rows], np.abs(lines.paid[rows])],
                    axis=1).astype(np.int64)  # fmt: skip
    _, key = np.unique(keys, axis=0, return_inverse=True)
    key = key.reshape(-1)
    taken_back = np.bincount(key, weights=reversal[rows]) > 0
    waiting: dict[int, list[int]] = {}  # per key, its rows paid and not cancelled so far, earliest first
    for row, number, negative in zip(rows[taken_back[key]].tolist(), key[taken_back[key]].tolist(),
                                     reversal[rows[taken_back[key]]].tolist(), strict=True):  # fmt: skip
        if not negative:
            waiting.setdefault(number, []).append(row)
        elif waiting.get(number):
            lines.reversed[waiting[number].pop(0)] = True


def calendar_year_claims(
    claim: np.ndarray, year: np.ndarray, hospital: np.ndarray
) -> tuple[np.ndarray, np.ndarray | None]:
    """The claims' numbers ``claim`` (``billing_entities``') with a claim whose ``hospital`` rows (a hospital's own
    bill's, type of bill 13x, with a claim id) fall in more than one calendar year (``year``: per row, 0 undated)
    cut, each year's rows a claim of their own, numbered in order of their year (an undated row stays with the
    first); and per row whether its claim was so cut (None where none was).

    Medicare takes one claim per calendar year: "Expenses incurred in different calendar years cannot be processed
    as a single claim" (Claims Processing Manual ch. 1, "Splitting Claims for Processing"; Palmetto GBA: outpatient
    claims "should be split ... at the calendar year end"; engine.facility.CLAIM_ACROSS_YEARS_NOTE). A practitioner's
    claim (837P) is not cut. Whole columns, no Python per row; the numbers stay dense (below twice the partition's
    rows, as ``billing_entities``' are)."""
    import numpy as np

    pick = hospital & (year > 0)
    if not pick.any():
        return claim, None
    distinct = np.unique(year[pick])  # a few years (the rows' own: never a range of years between them)
    if len(distinct) < 2:
        return claim, None
    offset = np.searchsorted(distinct, year)  # per row, its year's place (meaningful where ``pick``)
    count = int(claim.max()) + 1
    held = np.zeros((len(distinct), count), dtype=bool)
    held[offset[pick], claim[pick]] = True
    years = held.sum(axis=0)
    crossing = years >= 2
    if not crossing.any():
        return claim, None
    rank = np.cumsum(held, axis=0, dtype=np.int32) - 1  # per year and claim, the year's place among the claim's
    cut = pick & crossing[claim]
    sub = np.zeros(len(claim), dtype=np.int64)
    sub[cut] = rank[offset[cut], claim[cut]]
    extra = np.where(crossing, years - 1, 0)  # the numbers a cut claim adds
    before = np.cumsum(extra) - extra  # the numbers the claims cut before each claim add
    return claim + before[claim] + sub, hospital & crossing[claim]


def _note_bad_lines(
    lines: Lines, claims: tuple[np.ndarray, np.ndarray], rows: np.ndarray, encounter: np.ndarray, bad: np.ndarray,
    changes: _Changes, in_claim: np.ndarray,
) -> dict[int, list[tuple[int, str]]]:  # fmt: skip
    """The claim's good lines say the rules ran without its bad ones (the line's number in the claim, and its
    code). A bad line whose date could not be read (or is blank) is named to every date of its claim. A line's number
    counts every row of its claim id's run (``claims``: the claims, ``billing_entities``', and the runs of one claim
    id, ``adjacent_runs``), as the file shows the claim: a facility's own bill's rows and a practitioner's of one
    claim id are two claims, but their lines are numbered together; those out of its rules too (``in_claim``: a
    reversal, mark_reversals).

    The lines of an encounter name the same bad lines: the note is made once per encounter, in the order of
    the bad lines in the file. Returned: per encounter with good lines, the bad lines it names (row, and its number
    and code as the note says them)."""
    import numpy as np

    claim, runs = claims
    # Marks, not np.isin's sorts: a claim's number is its run's (adjacent_runs, billing_entities: below twice the
    # partition's rows).
    with_bad = np.zeros(int(claim.max()) + 1, dtype=bool)
    with_bad[claim[rows[bad]]] = True
    hit = with_bad[claim[rows]]
    rows, encounter, bad = rows[hit], encounter[hit], bad[hit]
    names = claim[rows]
    # Each line's number in its claim id's run (rows are in file order).
    run_with_bad = np.zeros(int(runs.max()) + 1, dtype=bool)
    run_with_bad[runs[rows]] = True
    every_row = in_claim & run_with_bad[runs]  # the runs of ``names``: those with a bad line
    every_row[rows] = True  # a line alone whose units the rules count is a row of its own
    every = np.flatnonzero(every_row)
    every_names = runs[every]
    order = np.argsort(every_names, kind="stable")
    ordered = every_names[order]
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    numbers = np.empty(len(every), dtype=np.int64)
    numbers[order] = np.arange(len(every)) - np.repeat(starts, np.diff(np.append(starts, len(every)))) + 1
    line_number = numbers[np.searchsorted(every, rows)]
    good_lines = np.bincount(encounter[~bad], minlength=int(encounter.max()) + 1)
    dated_with_good: dict[int, list[int]] = {}  # claim -> its encounters that have good lines
    for name, number in sorted({(int(n), int(e)) for n, e in zip(names[~bad].tolist(), encounter[~bad].tolist(),
                                                                    strict=True)}):  # fmt: skip
        dated_with_good.setdefault(name, []).append(number)
    named: dict[int, list[str]] = {}  # encounter -> the bad lines its good lines name
    beside: dict[int, list[tuple[int, str]]] = {}  # the same, with their rows
    # A line refused as denied (GY, GZ, EY: ``ErrorKind.DENIED``) is no error of the claim: Medicare pays nothing for it
    # (a statutorily excluded hearing aid billed V5257-GY for the secondary payer's denial). An audiology trial's claim
    # of 92557-AB, 92567 and V5010-GY was told on each good line that V5010-GY "has an error": an encounter whose bad
    # lines are all denied says so instead.
    all_denied: dict[int, bool] = {}  # encounter -> whether every bad line it names is denied
    denied_kind = kind_id(ErrorKind.DENIED)
    for i in np.flatnonzero(bad).tolist():
        row, number = int(rows[i]), int(encounter[i])
        if good_lines[number]:
            targets = [number]
        elif lines.whens[lines.when[row]] == ("", ""):
            targets = dated_with_good.get(int(names[i]), [])
        else:
            continue
        parsed = lines.codes[lines.code[row]]
        cell = "-".join(part for part in (parsed.text, parsed.modifier_text) if part) or "no code"
        denied = bool(lines.error_kind[row] == denied_kind)
        for target in targets:
            named.setdefault(target, []).append(f"{line_number[i]} ({cell})")
            beside.setdefault(target, []).append((row, f"{line_number[i]} ({cell})"))
            all_denied[target] = all_denied.get(target, True) and denied
    if not named:
        return beside
    texts = []
    for target, listed in named.items():
        which = f"line {listed[0]}" if len(listed) == 1 else "lines " + ", ".join(listed)
        # Denied is not only GY, GZ or EY on the line: a chiropractor's line other than 98940-98942 with AT, a
        # manipulation without AT, a private practice therapist's line at the hospital (``ErrorKind.DENIED``): each
        # denied row's error says why (a PM&R trial: 98940 without AT, a DC's 97140-GP and 72100 were said to carry
        # "GY, GZ or EY").
        why = ("which Medicare denies (nothing is paid for it: its row's error says why)" if all_denied[target]
               else "which has an error")  # fmt: skip
        texts.append(f"{ENCOUNTER}: the rules ran without {which} of this claim, {why}")
    text_of_encounter = np.full(len(good_lines), -1, dtype=np.int64)
    text_of_encounter[np.fromiter(named, dtype=np.int64, count=len(named))] = np.arange(len(named))
    at = np.flatnonzero(~bad & (text_of_encounter[encounter] >= 0))
    changes.bad_lines.note(rows[at], texts, text_of_encounter[encounter[at]])
    return beside


def _run_rules(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, encounters: tuple[np.ndarray, np.ndarray], changes: _Changes,
    claim: np.ndarray, bundled: np.ndarray,
) -> None:  # fmt: skip
    """The encounters the rules can change, through the rules (``encounters``: per row, its encounter, for the PFS
    rules, and its facility encounter, its encounter's lines at its site (``_by_site``), for the hospital's and the
    ASC's; ``claim``: per row, its claim's key, negative for a line alone; ``bundled``: a status T line its encounter
    bundles, ``_status_t``, in none of the PFS rules)."""
    import numpy as np

    encounter, facility = encounters
    caches = _caches(batch)
    count = int(encounter.max()) + 1
    sites = int(facility.max()) + 1
    # A claim's key per site: the claim-wide rules of the hospital (a comprehensive APC across dates, conditional
    # packaging) are its claim's; ``claims``: each row's such claim, numbered densely (a facility encounter is one
    # date of one).
    site_claim = np.where(claim >= 0, claim * len(SITE_NAMES) + lines.site[rows], claim)
    on_claim = _dense(site_claim)
    claims = int(on_claim.max()) + 1
    # An inpatient-only line (no OPPS rate) matters only beside a payable OPPS line of its encounter, a lab (SI Q4)
    # beside one of its claim (any date): their status is looked up there alone (every unpaid row's cost 0.8 s at 1M).
    paid_on_claim = np.bincount(on_claim, weights=lines.valid["opps_rate"][rows], minlength=claims) > 0
    # (So does a line with modifier CA: an inpatient-only one is the hospital's APC 5881, opps_unpriced.)
    ca = _with_modifier_ca(lines, rows)
    facts = _Facts.of(batch, caches, lines, rows, (paid_on_claim[on_claim] | ca) & ~lines.valid["hopd_allowed"][rows])
    # A line takes part in the PFS rules when it has a payable setting before its claim modifiers: a line that
    # 53, 52, GY ... leave unpaid is still ranked with the others, then dropped (as lookup.lines.apply_rules does).
    pfs_ok = (lines.valid["pfs_non_facility_amount"][rows] | lines.valid["pfs_facility_amount"][rows]
              | (facts.claim_modifiers & (facts.payable["non_facility"] | facts.payable["facility"])))  # fmt: skip
    pfs_ok &= ~bundled
    group = np.where(pfs_ok, facts.group, NO_GROUP)
    # The other co-surgeon's lines (engine.policy.other_co_surgeon) rank apart from the first's. Their encounters'
    # surgical lines go through the rules together (below), which tell the two co-surgeons' lines apart as a single
    # lookup does.
    other = _other_co_surgeon(lines, rows, encounter, pfs_ok)
    group = np.where(other, co_surgeon_group(group), group)
    co_surgeons = np.bincount(encounter[other], minlength=count) > 0
    in_group = np.bincount(encounter * GROUPS + group, minlength=count * GROUPS)
    # An LT and an RT line of one code are one bilateral procedure (engine.policy.bilateral_pairs), in any group.
    paired = _sides_paired(lines, rows, encounter, pfs_ok & facts.sided)
    member = ((group != NO_GROUP) & (in_group[encounter * GROUPS + group] >= 2)) | paired
    member |= co_surgeons[encounter] & ((group == SURGICAL) | (group == co_surgeon_group(SURGICAL)))
    counted = np.zeros(len(rows), dtype=bool) if lines.units_rules is None else lines.units_rules[rows] & pfs_ok
    member |= counted  # the rules count its units (policy._therapy, two_units_bilateral)
    pfs_needed = np.bincount(encounter[member], minlength=count) > 0
    opps_ok, asc_ok = lines.valid["opps_rate"][rows], lines.valid["asc_rate"][rows]
    # One facility payment per service (engine.facility.facility_paid_once): a line whose payment another line of its
    # code carries is out of the OPPS and ASC rules; so is an assistant's line, a 55 or 56 line, paid no facility
    # payment (engine.facility.without_facility_payment, BatchPricer._sites).
    paid_once = _facility_paid_once(lines, rows, facility, changes)
    facility_free = lines.flag("facility free", lambda cell: facility_free_line(cell.modifiers))[lines.code[rows]]
    carried = paid_once | facility_free
    # A base endoscopy beside a surgical endoscopy of its family is included there too (engine.facility.
    # facility_endoscopy_bases): $0.00 at the hospital and the ASC, out of their rules.
    carried |= _endoscopy_bases_included(lines, rows, facility, facts, carried, changes)
    opps_ok, asc_ok = opps_ok & ~carried, asc_ok & ~carried
    # Beside an inpatient-only procedure (SI C) the hospital is paid nothing on the claim (discount_encounter_opps):
    # those encounters' OPPS lines are denied here, and no other OPPS rule sees them (both paths below). An assistant's
    # or a 55/56 line of such a procedure is not the hospital's procedure (a review: 33533-55 beside 93306 denied the
    # echo's $651.53).
    inpatient_only = (facts.status == STATUS_C) & ~facility_free
    denied = opps_denied(np.bincount(facility[opps_ok], minlength=sites),
                         np.bincount(facility[inpatient_only], minlength=sites))  # fmt: skip
    # A claim CMS pays through an APC rvucalc has not (engine.facility.opps_unpriced: modifier CA's APC 5881,
    # comprehensive observation's APC 8011, a PHP or IOP day's per diem): its OPPS lines are not priced, and no other
    # OPPS rule sees them.
    unpriced = _unpriced(lines, rows, facility, facts, opps_ok, sites, site_claim)
    denied &= unpriced == UNPRICED_NONE
    unpriced_at = (unpriced[facility] != UNPRICED_NONE) & (opps_ok | (facts.status == STATUS_C))
    unpriced_at &= facts.status != STATUS_APART
    # A lab (SI Q4) on a comprehensive observation claim: packaged with its J2 visit, it says the claim's reason in
    # place of its own (engine.facility.observation_lab).
    observation_labs = (unpriced[facility] == UNPRICED_OBSERVATION) & (facts.status == STATUS_Q4) & ~opps_ok
    if observation_labs.any():
        lines.without_parts("site_reason", rows[observation_labs], {CONDITIONAL_LAB_REASON})
        unpriced_at |= observation_labs
    unpriced_rows = (rows[unpriced_at], unpriced[facility[unpriced_at]], facts.status[unpriced_at] == STATUS_C)
    denied_rows = rows[opps_ok & denied[facility]]  # denied after the other rules (the notes' order: PFS, ASC, OPPS)
    opps_ok &= ~denied[facility] & (unpriced[facility] == UNPRICED_NONE)
    # The rows' patient shares: _write reworks the sites of any row changed here, by the rules below or by the one
    # facility payment alone (a claim of 27447 and 27447-80, whose lines no other rule changes: it crashed the run).
    changes.share_rows, changes.share_values = rows, facts.share
    comprehensive, status_t = opps_ok & (facts.status == J1), opps_ok & (facts.status == STATUS_T)
    q1, q2, status_sv, apart = (opps_ok & np.isin(facts.status, kinds)
                                for kinds in (STATUS_Q1, STATUS_Q2, (STATUS_SV, STATUS_V, STATUS_J2),
                                              STATUS_APART))  # fmt: skip
    # Labs (SI Q4) on a claim with a line billed with J1, J2, S, T, V, Q1, Q2 or Q3 on any of its dates, their own
    # date neither denied nor unpriced: packaged (engine.facility.package_conditional_labs), on the lines the rules
    # leave out as price's are.
    labs = (facts.status == STATUS_Q4) & ~paid_once & ~opps_ok & ~denied[facility]
    labs &= unpriced[facility] == UNPRICED_NONE
    if labs.any():
        _package_conditional_labs(lines, rows, (facility, on_claim), facts, labs, opps_ok, changes)
    # A claim whose comprehensive APC packages lines of its other dates: its OPPS lines are priced as the claim's
    # (below), not by their date's rules.
    preventive = opps_ok & _c_apc_preventive(lines, rows)  # paid apart beside a J1 too, and said (opps_encounters)
    claim_wide = _claim_wide_j1(site_claim, facility, opps_ok, comprehensive, apart | preventive)
    opps_ok &= ~claim_wide
    comprehensive &= ~claim_wide
    status_t, q1, q2, status_sv, apart = (kind & ~claim_wide for kind in (status_t, q1, q2, status_sv, apart))
    preventive &= ~claim_wide
    has_comprehensive = np.bincount(facility[comprehensive], minlength=sites)
    # Q1 and Q2 lines a service of another date of their claim packages (none on their own date): packaged on whole
    # columns (_claim_wide_conditional), out of their date's rules. (A claim's J1 not packaging across dates has the
    # claim's other lines on its date: theirs packages them.)
    conditional = (q1 | q2) & (has_comprehensive[facility] == 0)
    with_t = np.bincount(on_claim[status_t], minlength=claims) > 0
    with_stv = with_t | (np.bincount(on_claim[status_sv], minlength=claims) > 0)
    wide_conditional = _claim_wide_conditional(lines, rows, (facility, on_claim), facts, conditional & q1 & with_stv[
        on_claim], conditional & q2 & with_t[on_claim], (status_t, status_sv))  # fmt: skip
    if wide_conditional is not None:
        packaged = np.zeros(len(rows), dtype=bool)
        packaged[wide_conditional[0]] = True
        opps_ok, q1, q2 = opps_ok & ~packaged, q1 & ~packaged, q2 & ~packaged
    # Q3 services together may be one composite APC rvucalc cannot price: said (engine.facility.COMPOSITE_NOTE).
    q3 = opps_ok & (facts.status == STATUS_Q3) & (has_comprehensive[facility] == 0)
    if q3.any():
        q3_lines = np.bincount(facility[q3], minlength=sites)
        for row in rows[q3 & (q3_lines[facility] >= 2)].tolist():
            changes.note(row, f"{ENCOUNTER} (OPPS): {COMPOSITE_NOTE}")
    # Q1 lines with no S, T or V service (a J2 visit is one) and Q2 lines with no T procedure on their claim (any date:
    # conditional packaging is the claim's, above), two or more on the claim: the highest-paid alone may be paid, said,
    # not applied (engine.facility.CONDITIONAL_SEVERAL_NOTE).
    if (q1 | q2).any():
        alone = (q1 & ~with_stv[on_claim]) | (q2 & ~with_t[on_claim])
        alone &= (has_comprehensive[facility] == 0) & (lines.cents["opps_rate"][rows] > 0)
        conditional_lines = np.bincount(on_claim[alone], minlength=claims)
        several = alone & (conditional_lines[on_claim] >= 2)
        # what is at stake, each claim's own figures (the engine's words: conditional_several_figures)
        paid, where = lines.cents["opps_rate"][rows][several] * lines.units[rows][several], on_claim[several]
        paid = paid - encounter_arrays.opps_units_cuts(lines, rows[several], np.full(len(paid), NO_LATER_UNITS_RULE))[0]
        top, total = np.zeros(claims, dtype=np.int64), np.zeros(claims, dtype=np.int64)
        np.maximum.at(top, where, paid)
        np.add.at(total, where, paid)
        figures: dict[int, str] = {}
        for row, site in zip(rows[several].tolist(), where.tolist(), strict=True):
            if site not in figures:
                figures[site] = conditional_several_figures(int(conditional_lines[site]), int(top[site]),
                                                            int(total[site]))  # fmt: skip
            changes.note(row, f"{ENCOUNTER} (OPPS): {CONDITIONAL_SEVERAL_NOTE}")
            changes.note(row, f"{ENCOUNTER} (OPPS): {figures[site]}")
    opps_needed = opps_changes(
        np.bincount(facility[opps_ok], minlength=sites), has_comprehensive,
        np.bincount(facility[status_t], minlength=sites), np.bincount(facility[q1], minlength=sites),
        np.bincount(facility[q2], minlength=sites), np.bincount(facility[status_sv], minlength=sites),
        np.bincount(facility[apart], minlength=sites),
    )  # fmt: skip
    asc_discounted = asc_ok & facts.discounted
    asc_needed = asc_changes(np.bincount(facility[asc_discounted], minlength=sites))
    if not (pfs_needed.any() or opps_needed.any() or asc_needed.any()):
        _claim_wide_opps(lines, facts, rows, site_claim, facility, claim_wide, changes, wide_conditional)
        # The highest-ranked line beside a 73/52 line paid more says why it is paid in full (engine.facility).
        encounter_arrays.asc_unranked_notes(lines, rows, facility, asc_discounted, asc_ok, changes.arrays)
        if denied_rows.size:
            encounter_arrays.opps_denied_lines(lines, denied_rows, changes.arrays)
        encounter_arrays.opps_unpriced_lines(lines, *unpriced_rows, changes.arrays)
        return
    # A 51 line alone is paid 50% (a secondary procedure); ranked with the encounter's others, its rank decides.
    secondary = member & pfs_needed[encounter]
    bases = {lines.texts.values[i] for i in np.unique(facts.family[secondary]).tolist() if i}
    lines.without_parts("adjustments", rows[secondary], secondary_51_rules(bases))
    # Only the lines a rule can change or rank by: a group's members, the OPPS lines (all of them beside a
    # comprehensive APC, else the SI T ones), the ASC lines subject to discounting.
    opps_part = opps_ok & np.where(has_comprehensive[facility] > 0, True, status_t | q1 | q2 | status_sv)
    if not BY_ARRAYS:
        # The PFS rules on each encounter, the hospital's and the ASC's on each facility encounter (a row's notes in
        # the same order: each rule adds to its own rows' notes).
        nothing, none_here = np.zeros(count, dtype=bool), np.zeros(sites, dtype=bool)
        _one_by_one(batch, caches, lines, facts, rows, encounter, count, (member, opps_part, asc_discounted),
                    (pfs_needed, nothing, nothing), changes)  # fmt: skip
        _one_by_one(batch, caches, lines, facts, rows, facility, sites, (member, opps_part, asc_discounted),
                    (none_here, opps_needed, asc_needed), changes)  # fmt: skip
        encounter_arrays.asc_unranked_notes(lines, rows, facility, asc_discounted, asc_ok, changes.arrays)
        _claim_wide_opps(lines, facts, rows, site_claim, facility, claim_wide, changes, wide_conditional)
        if denied_rows.size:
            encounter_arrays.opps_denied_lines(lines, denied_rows, changes.arrays)
        encounter_arrays.opps_unpriced_lines(lines, *unpriced_rows, changes.arrays)
        return
    # The rules rank each group of lines on its own (engine.policy._multiple_procedures) and then change each
    # line alone: an encounter's surgical lines priced by rank alone go on whole columns (encounter_arrays),
    # the other lines that rank together through the rule functions, one encounter at a time.
    surgical = member & (group == SURGICAL) & pfs_needed[encounter] & ~co_surgeons[encounter]
    # A line alone (no claim id) whose units the rules count lists its steps as a single lookup does (_units_alone).
    claimed = lines.claimed()[rows]
    unclaimed = counted & ~claimed
    # A procedure's split-care parts (54, 55, 56 on one code) and a test's two components (26 and TC) rank as one
    # procedure (engine.policy.SPLIT_CARE_PARTS, COMPONENT_PARTS): through the rules.
    parts = _split_care_parts(lines, rows, encounter, surgical)
    if lines.split_units is not None:  # a split-care line of several units: the rules read its units as days
        parts |= lines.split_units[rows] > 0
    if lines.own_professional is not None:  # its facility setting dropped by the rule functions (components)
        parts |= lines.own_professional[rows]
    at = surgical & _ranked_by_amount(lines, facts, rows, encounter, surgical, paired | unclaimed | parts,
                                      count)[encounter]  # fmt: skip
    if at.any():
        # Between equal amounts the rules rank by code and modifiers (engine.policy.tie_key), never by file order,
        # then the practitioner's line that keeps more first (_practitioner_tie): each distinct code cell's place in
        # that order.
        cells, cell_of = np.unique(lines.code[rows[at]], return_inverse=True)
        if _practitioners(lines)[cells].any():  # a line not a physician's: practitioner_order's own ranking
            order = _practitioner_order([lines.codes[c] for c in cells.tolist()])
        else:  # one practitioner: tie_key's order (practitioner_order's own shortcut), on texts
            order = encounter_arrays.tie_sorted(lines, cells.tolist())
        place = np.empty(len(order), dtype=np.int64)
        place[order] = np.arange(len(order))
        listed = place[cell_of.reshape(-1)]
        factors = facts.factors[at].copy()
        pairs = np.flatnonzero(counted[at])  # 2 units of a bilateral code: CODE-50's factor, before the ranking
        if pairs.size:
            _two_units_by_arrays(lines, facts, rows, np.flatnonzero(at)[pairs], factors, pairs, changes)
        encounter_arrays.pfs_multiple_procedures(
            lines, rows[at], encounter[at], {name: facts.payable[name][at] for name in line_rules.SETTINGS},
            _fees(batch, facts, np.flatnonzero(at)), factors, listed, changes.arrays,
        )  # fmt: skip
    rest = member & ~at
    # A line whose units the rules count, alone in its encounter's rules: one outcome per distinct line, on whole
    # columns.
    alone = rest & counted & (np.bincount(encounter[rest], minlength=count)[encounter] == 1)
    if alone.any():
        _units_alone(batch, caches, lines, facts, rows, np.flatnonzero(alone), changes)
        rest &= ~alone
    nothing = np.zeros(count, dtype=bool)
    _one_by_one(batch, caches, lines, facts, rows, encounter, count, (rest, opps_part, asc_discounted),
                (np.bincount(encounter[rest], minlength=count) > 0, nothing, nothing), changes)  # fmt: skip
    at = opps_part & opps_needed[facility]
    if at.any():
        encounter_arrays.opps_encounters(
            lines,
            rows[at],
            facility[at],
            comprehensive[at],
            status_t[at],
            facts.apc[at],
            changes.arrays,
            (q1[at], q2[at], status_sv[at]),
            apart[at],
            preventive=preventive[at],
        )
    _claim_wide_opps(lines, facts, rows, site_claim, facility, claim_wide, changes, wide_conditional)
    at = asc_discounted & asc_needed[facility]
    if at.any():
        encounter_arrays.asc_encounters(lines, rows[at], facility[at], facts.share[at], changes.arrays)
    encounter_arrays.asc_unranked_notes(lines, rows, facility, asc_discounted, asc_ok, changes.arrays)
    if denied_rows.size:  # last, as on the one-by-one path (its notes: PFS, ASC, then the denial)
        encounter_arrays.opps_denied_lines(lines, denied_rows, changes.arrays)
    encounter_arrays.opps_unpriced_lines(lines, *unpriced_rows, changes.arrays)


def _package_conditional_labs(
    lines: Lines, rows: np.ndarray, groups: tuple[np.ndarray, np.ndarray], facts: _Facts, labs: np.ndarray,
    opps_ok: np.ndarray, changes: _Changes,
) -> None:  # fmt: skip
    """``engine.facility.package_conditional_labs`` on whole columns: the ``labs`` (SI Q4, positions in ``rows``) of a
    claim with a payable line of an SI that packages them (``LAB_PACKAGED_BY``, read before the rules) on any of its
    dates (``groups``: per row, its facility encounter and its claim at its site, ``_run_rules``) paid $0.00 at the
    hospital, their hopd_* site priced, the note naming the first such line (file order) of the lab's date, else of
    its claim with that line's date, in place of the lab's reason alone. One note text per distinct (code cell, SI,
    date) named."""
    import numpy as np

    packing = opps_ok & np.isin(facts.status, [KIND_OF_STATUS[si] for si in LAB_PACKAGED_BY])
    if not packing.any():
        return
    by, other = _packaged_by(rows, groups, packing, np.flatnonzero(labs))
    at = np.flatnonzero(labs)[by >= 0]
    if not at.size:
        return
    texts, which = _packager_texts(lines, rows, facts, by[by >= 0], other[by >= 0], conditional_lab_note)
    target = rows[at]
    zero = np.zeros(len(target), dtype=np.int64)
    for name in ("opps_rate", "opps_copayment", "hopd_allowed", "hopd_beneficiary", "hopd_medicare"):
        changes.arrays.set(name, target, zero)  # the site's money is worked again from the rate (_write)
    changes.arrays.note(target, texts, which)
    lines.without_parts("site_reason", target, {CONDITIONAL_LAB_REASON})


def _packaged_by(
    rows: np.ndarray, groups: tuple[np.ndarray, np.ndarray], packing: np.ndarray, targets: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """For the positions ``targets`` (in ``rows``): the position of the line that packages each, the first
    ``packing`` line (file order) of its facility encounter (its date), else of its claim (``groups``: per row, its
    facility encounter and its claim at its site), -1 for none; and whether that line is of another date."""
    import numpy as np

    size = len(rows)
    by = []
    for group in groups:
        first = np.full(int(group.max()) + 1, size, dtype=np.int64)
        np.minimum.at(first, group[packing], np.flatnonzero(packing))
        by.append(first[group[targets]])
    here, claim = by
    other = here >= size
    found = np.where(other, claim, here)
    return np.where(found < size, found, -1), other


def _packager_texts(
    lines: Lines, rows: np.ndarray, facts: _Facts, by: np.ndarray, other: np.ndarray, text: Callable[..., str]
) -> tuple[list[str], np.ndarray]:  # fmt: skip
    """The notes naming the lines at positions ``by`` (their code and SI, and their date where ``other``: another
    date of the claim than the packaged line's), ``text(code, si, date)`` each, one per distinct line named; and which
    text each position takes."""
    import numpy as np

    dates = len(lines.whens) + 1
    when = np.where(other, lines.when[rows[by]].astype(np.int64) + 1, 0)
    key = (lines.code[rows[by]].astype(np.int64) * 256 + facts.status[by].astype(np.int64)) * dates + when
    keys, which = np.unique(key, return_inverse=True)
    texts = []
    for value in keys.tolist():
        pair, day = divmod(value, dates)
        cell, status = divmod(pair, 256)
        date = None
        if day:
            year, given = lines.whens[day - 1]
            date = given or str(year)
        texts.append(f"{ENCOUNTER} (OPPS): " + text(lines.codes[cell].code, STATUS_OF_KIND[status], date))
    return texts, which.reshape(-1)


def _claim_wide_conditional(
    lines: Lines, rows: np.ndarray, groups: tuple[np.ndarray, np.ndarray], facts: _Facts, q1: np.ndarray,
    q2: np.ndarray, packers: tuple[np.ndarray, np.ndarray],
) -> tuple[np.ndarray, list[str], np.ndarray] | None:  # fmt: skip
    """The Q1 and Q2 lines (positions in ``rows``: ``q1``, ``q2``, those their claim has a service to package them
    into) that only a line of another date of their claim packages: their positions, their notes and which each takes
    (``_claim_wide_opps`` packages them); None for none.

    Conditional packaging is the claim's since CY2017 (CMS-1656-FC, 81 FR 79562: "change its packaging logic for all
    conditional packaging status indicators so that it occurs at the claim level", where Q1 and Q2 had packaged the
    services "provided on the same date of service as those assigned status indicator S, T, and V"; CR 9930, January
    2017 OPPS update; OPPS Addendum D1: "if billed on the same claim as a HCPCS code assigned status indicator 'S,'
    'T,' or 'V'" for Q1, "'T'" for Q2). A line its own date packages stays in its date's rules (the same notes as
    ``rvucalc price``'s); the others name the claim's first such service (file order), its SI and its date. ``packers``:
    per row, an SI T procedure, an S or V service (a J2 visit is one), payable."""
    import numpy as np

    if not (q1.any() or q2.any()):
        return None
    status_t, status_sv = packers
    found: list[tuple[np.ndarray, list[str], np.ndarray]] = []
    for kind, lines_of_kind, packing in (("Q1", q1, status_t | status_sv), ("Q2", q2, status_t)):
        targets = np.flatnonzero(lines_of_kind)
        if not targets.size:
            continue
        by, other = _packaged_by(rows, groups, packing, targets)
        wide = other & (by >= 0)
        if not wide.any():
            continue
        texts, which = _packager_texts(lines, rows, facts, by[wide], other[wide],
                                       functools.partial(encounter_arrays.claim_conditional_rule, kind))  # fmt: skip
        found.append((targets[wide], texts, which))
    if not found:
        return None
    at = np.concatenate([f[0] for f in found])
    texts = [text for f in found for text in f[1]]
    offsets = np.cumsum([0] + [len(f[1]) for f in found[:-1]])
    which = np.concatenate([f[2] + offset for f, offset in zip(found, offsets.tolist(), strict=True)])
    return at, texts, which


def _unpriced(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, facts: _Facts, opps_ok: np.ndarray, count: int,
    claim: np.ndarray,
) -> np.ndarray:  # fmt: skip
    """Per encounter, ``engine.facility.opps_unpriced`` (as ``opps_unpriced_claim`` counts a single lookup's lines):
    its inpatient-only lines with modifier CA and without and its SI P lines (a PHP or IOP day's per diem), and
    comprehensive observation's counts over its claim (``claim``: per row, its claim at its site, negative for a line
    alone), on all its dates: the claim's G0378 units (paid lines), its J2 visits (paid) on a date of G0378 or the day
    before, its SI T procedures on those dates and its J1 procedures on any date (a J1 on another date packages the
    claim's lines: a review found a J1 the day before left out, the visit "not priced"). APC 8011 is the claim's
    (CY2016 OPPS final rule, 80 FR 70298; ch. 4 §290.5.3; engine.facility's comment): a trial's claim of 99285 and
    96374 on 10/21 and 20 hours of G0378 on 10/22 was paid its visit, as if its dates were two claims."""
    import numpy as np

    hours = _codes_flag(lines, "hours", (OBSERVATION_CODE,))[lines.code[rows]]
    hours &= opps_ok
    visits = opps_ok & (facts.status == STATUS_J2)
    status_t, j1 = facts.status == STATUS_T, facts.status == J1
    # A line alone (no claim) is its own encounter's, as before; a claim's lines count over the claim.
    on_claim = claim >= 0
    if on_claim.any():
        # The claim's days of G0378 (a paid line), and per row whether its day is one or the day before one.
        day, width = _day_numbers(lines)
        day = day[lines.when[rows]]
        observed = np.unique(claim[hours & on_claim] * width + day[hours & on_claim])
        near = on_claim & (np.isin(claim * width + day, observed) | np.isin(claim * width + day + 1, observed))
        claims = int(claim.max()) + 1
        units = lines.units[rows]
        claim_hours = np.bincount(claim[hours & on_claim], weights=units[hours & on_claim], minlength=claims)
        claim_visits = np.bincount(claim[visits & near], minlength=claims)
        claim_excluded = np.bincount(claim[(status_t & near) | (j1 & on_claim)], minlength=claims)
        # Each encounter's claim (all its rows have one; -1 for a line alone).
        of_encounter = np.full(count, -1, dtype=np.int64)
        of_encounter[encounter] = claim
        claimed = of_encounter >= 0
        at = np.maximum(of_encounter, 0)
    else:
        claimed = np.zeros(count, dtype=bool)
        at = np.zeros(count, dtype=np.int64)
        claim_hours = claim_visits = claim_excluded = np.zeros(1, dtype=np.int64)
    alone = ~on_claim
    ca = _with_modifier_ca(lines, rows)
    inpatient = facts.status == STATUS_C
    return np.asarray(opps_unpriced(
        np.bincount(encounter[inpatient & ca], minlength=count),
        np.bincount(encounter[inpatient], minlength=count),
        np.where(claimed, claim_hours[at],
                 np.bincount(encounter[hours & alone], weights=lines.units[rows][hours & alone], minlength=count)),
        np.where(claimed, claim_visits[at], np.bincount(encounter[visits & alone], minlength=count)),
        np.where(claimed, claim_excluded[at], np.bincount(encounter[(status_t | j1) & alone], minlength=count)),
        np.bincount(encounter[facts.status == STATUS_P], minlength=count),
    ), dtype=np.int64)  # fmt: skip


def _day_numbers(lines: Lines) -> tuple[np.ndarray, int]:
    """Per date of service (position in ``lines.whens``), a day number (its date's ordinal: one day apart, one apart;
    one date written two ways, the same), a date that does not read (or none) a number of its own no other is one day
    from; and a width above them all."""
    import numpy as np

    apart = 10_000_000  # above any date's ordinal (9999-12-31 is 3,652,059)
    days = []
    for number, (_, date) in enumerate(lines.whens):
        parsed = _service_day(date)
        days.append(apart + 2 * number if parsed is None else parsed.toordinal())
    return np.array(days, dtype=np.int64), apart + 2 * len(lines.whens) + 2


@functools.lru_cache(maxsize=4096)
def _service_day(date: str) -> dt.date | None:
    """A date of service's text as its day, None when blank or it does not read: a file's few hundred dates read once,
    not again by each rule (``_day_numbers``, ``_next_dates``) of each partition."""
    from rvucalc.lookup.dates import parse_service_date

    try:
        return parse_service_date(date) if date else None
    except (RvucalcError, ValueError):
        return None


def _c_apc_preventive(lines: Lines, rows: np.ndarray) -> np.ndarray:
    """Per row: a preventive service or mammography a comprehensive APC leaves paid apart (its code: once per cell,
    engine.facility.c_apc_preventive)."""
    flags: np.ndarray = lines.flag("c-apc preventive", lambda cell: c_apc_preventive(cell.code))[lines.code[rows]]
    return flags


def _with_modifier_ca(lines: Lines, rows: np.ndarray) -> np.ndarray:
    """Per row: whether its line carries modifier CA (engine.facility.MODIFIER_CA)."""
    flags: np.ndarray = lines.flag("ca", lambda cell: MODIFIER_CA in cell.modifiers)[lines.code[rows]]
    return flags


def _claim_wide_j1(
    claim: np.ndarray, encounter: np.ndarray, opps_ok: np.ndarray, comprehensive: np.ndarray, apart: np.ndarray
) -> np.ndarray:  # fmt: skip
    """Per row, whether it is an OPPS line of a claim whose comprehensive APC packages a line of another date.

    CMS's comprehensive APC is one payment for the claim, not for a date: Addendum D1's J1 ("all covered Part B
    services on the claim are packaged with the primary 'J1' service for the claim, except services with OPPS SI=F,
    G, H, L and U; ambulance services; diagnostic and screening mammography; all preventive services; and certain Part
    B inpatient services"); the CY 2015 OPPS rule that made C-APCs a single payment "for the comprehensive service
    based on all charges on the claim", room, board and nursing packaged "regardless of the patient's length of
    stay" (CMS-1613, as Lexology summarises it); with several J1 services on a claim, one is primary and the claim is
    assigned its C-APC ("When multiple J1 procedures or services appear on the same claim, the procedure with the
    highest rank ... is assigned to the C-APC", HCPro APCs Insider, 2015-05-29, of Addendum J's "Rank Used for
    Primary Assignment"; rvucalc, which has no ranks, takes the highest paid, as within a date) and the others are
    packaged into it. So a claim's hospital lines on all its
    dates are one C-APC's when a J1 line is among them (the claim being the adjacent rows of one claim id, as for
    every claim rule). Only claims where this differs from the per-date rules are returned: a J1 line and a line
    it packages (not C_APC_PAID_APART) on two dates or more."""
    import numpy as np

    wide = np.zeros(len(claim), dtype=bool)
    claimed = opps_ok & (claim >= 0)
    if not (comprehensive & claimed).any():
        return wide
    # A claim's key is its run's number (adjacent_runs) and its site (_run_rules): each key's rows together, in file
    # order.
    at = np.flatnonzero(claimed)
    at = at[np.argsort(claim[at], kind="stable")]
    keys = claim[at]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    with_j1 = np.add.reduceat(comprehensive[at].astype(np.int64), starts) > 0
    candidate = ~apart[at]  # the J1 lines and the lines a J1 packages
    when = encounter[at].astype(np.int64)  # a facility encounter: one date of the claim's lines at its site
    first = np.minimum.reduceat(np.where(candidate, when, np.iinfo(np.int64).max), starts)
    last = np.maximum.reduceat(np.where(candidate, when, -1), starts)
    dated = with_j1 & (last > first) & (last >= 0)
    wide[at] = np.repeat(dated, np.diff(np.append(starts, len(keys))))
    return wide


def _claim_wide_opps(
    lines: Lines, facts: _Facts, rows: np.ndarray, claim: np.ndarray, encounter: np.ndarray, claim_wide: np.ndarray,
    changes: _Changes, conditional: tuple[np.ndarray, list[str], np.ndarray] | None = None,
) -> None:  # fmt: skip
    """The OPPS lines of claims whose comprehensive APC reaches across dates (``_claim_wide_j1``): one primary J1 a
    claim, every other line packaged into it but those paid apart; a packaged line of another date than the J1's
    says which J1 (code and date) packaged it. And the Q1 and Q2 lines a service of another date of their claim
    packages (``conditional``: ``_claim_wide_conditional``'s): $0.00, their note naming it."""
    import numpy as np

    if conditional is not None:
        positions, texts, which = conditional
        target = rows[positions]
        changes.arrays.set("opps_rate", target, reduced(lines.cents["opps_rate"][target], PACKAGED_PERCENT))
        changes.arrays.set("opps_copayment", target, reduced(lines.cents["opps_copayment"][target], PACKAGED_PERCENT))
        changes.arrays.set(encounter_arrays.OPPS_PERCENT, target, np.full(len(target), PACKAGED_PERCENT))
        changes.arrays.note(target, texts, which)
    if not claim_wide.any():
        return
    at = claim_wide
    encounter_arrays.opps_encounters(
        lines, rows[at], claim[at], facts.status[at] == J1, facts.status[at] == STATUS_T, facts.apc[at],
        changes.arrays, apart=facts.status[at] == STATUS_APART, dates=encounter[at],
        preventive=_c_apc_preventive(lines, rows[at]),
    )  # fmt: skip


def _other_co_surgeon(lines: Lines, rows: np.ndarray, encounter: np.ndarray, taking_part: np.ndarray) -> np.ndarray:
    """Per row, ``engine.policy.other_co_surgeon`` among its encounter's lines ``taking_part`` in the PFS rules (as a
    single lookup's active lines): a 62 line of a procedure (``co_surgery_key``) an earlier line of its encounter
    bills. The modifiers are read once per distinct code cell."""
    import numpy as np

    found = np.zeros(len(rows), dtype=bool)
    cells = lines.code[rows]
    keyed = lines.flag("co-surgery", lambda cell: co_surgery_key(cell.code, cell.modifiers) is not None)[cells]
    at = np.flatnonzero(keyed & taking_part)
    if at.size < 2:
        return found
    distinct, cell_of = np.unique(cells[at], return_inverse=True)
    numbers: dict[tuple[str, tuple[str, ...]] | None, int] = {}
    key_of_cell = np.array([numbers.setdefault(co_surgery_key(lines.codes[c].code, lines.codes[c].modifiers),
                                               len(numbers)) for c in distinct.tolist()], dtype=np.int64)  # fmt: skip
    keys = encounter[at].astype(np.int64) * len(numbers) + key_of_cell[cell_of.reshape(-1)]
    order = np.argsort(keys, kind="stable")  # by key, each key's rows in file order
    ordered = keys[order]
    found[at[order[1:][ordered[1:] == ordered[:-1]]]] = True
    return found


def _facility_paid_once(lines: Lines, rows: np.ndarray, encounter: np.ndarray, changes: _Changes) -> np.ndarray:
    """``engine.facility.facility_paid_once`` on the encounters where it can act: a line with a "part of the service"
    modifier (26, TC, 62) beside another line of its code. Those lines (rare) go through the engine's
    function, their encounter's lines of that code in file order; per row, whether its facility payment (OPPS and
    ASC) is another line's: its rates $0.00, and its note says so."""
    import numpy as np

    carried = np.zeros(len(rows), dtype=bool)
    cells = lines.code[rows]
    part = lines.flag("part of the service",
                      lambda cell: bool(PART_OF_SERVICE_MODIFIERS.intersection(cell.modifiers)))[cells]  # fmt: skip
    if not part.any():
        return carried
    # ``encounter``: the facility encounters (_by_site). Only the lines of one site share its facility payment: a line
    # at the office or an independent lab (POS 81) is no line of the hospital's or the ASC's claim (a trial: 88305 at
    # POS 81 took 88305-26's OPPS payment at POS 22).
    keys = encounter.astype(np.int64) * (int(lines.code_number.max()) + 1) + lines.code_number[cells]
    distinct_keys, key_of, counts = np.unique(keys, return_inverse=True, return_counts=True)
    key_of = key_of.reshape(-1)
    with_part = np.zeros(len(distinct_keys), dtype=bool)
    with_part[key_of[part]] = True
    at = np.flatnonzero(with_part[key_of] & (counts[key_of] >= 2))
    if not at.size:
        return carried
    order = at[np.argsort(key_of[at], kind="stable")]  # by key, each key's rows in file order
    starts = np.flatnonzero(np.concatenate([[True], key_of[order][1:] != key_of[order][:-1]]))
    row_list = rows.tolist()
    for mine in np.split(order, starts[1:]):
        parsed = [lines.codes[c] for c in lines.code[rows[mine]].tolist()]
        given = [(item.code, item.modifiers) for item in parsed]
        for index, carrier in facility_paid_on(given).items():
            i = int(mine[index])
            row, label = row_list[i], "-".join([given[carrier][0], *given[carrier][1]])
            carried[i] = True
            code = given[index][0]
            _facility_rates_zeroed(
                lines, row, changes, {site: paid_on_note(site, code, label) for site in FACILITY_SITES}
            )
    return carried


FACILITY_SITES = ("hopd", "asc")


def _facility_rates_zeroed(lines: Lines, row: int, changes: _Changes, notes: dict[str, str]) -> bool:
    """A row's OPPS and ASC rates (those it has) set to $0.00 with their shares, the hospital's as packaged, each site
    noting ``notes[site]`` (site: hopd or asc); whether any was."""
    zeroed = False
    for site, rate, share in (("hopd", "opps_rate", "opps_copayment"), ("asc", "asc_rate", "asc_coinsurance")):
        if not (lines.valid[rate][row] and lines.cents[rate][row]):
            continue
        changes.set(rate, row, 0)
        changes.set(share, row, 0)
        if site == "hopd":
            changes.set(encounter_arrays.OPPS_PERCENT, row, PACKAGED_PERCENT)
        changes.note(row, f"{ENCOUNTER} ({'OPPS' if site == 'hopd' else 'ASC'}): {notes[site]}")
        zeroed = True
    return zeroed


def _endoscopy_bases_included(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, facts: _Facts, carried: np.ndarray, changes: _Changes
) -> np.ndarray:
    """``engine.facility.facility_endoscopy_bases`` on whole columns: per row, whether it is an endoscopy family's base
    beside another row of that family in its facility encounter (``encounter``: _by_site; ``carried``: rows already out
    of the facility's rules, which neither count nor are counted) that the family includes (``engine.policy.
    endoscopy_base_apart``, on the sides of the family's rows there); such a row's OPPS and ASC rates are $0.00, and its
    note says why (the engine's words)."""
    import numpy as np

    included = np.zeros(len(rows), dtype=bool)
    base, family = np.where(carried, 0, facts.base), np.where(carried, 0, facts.family)
    if not (base.any() and family.any()):
        return included
    width = int(max(base.max(), family.max())) + 1
    member = (family != 0) & (family != base)  # a row of the family, not the base itself
    keys = encounter[member].astype(np.int64) * width + family[member]
    present, inverse = np.unique(keys, return_inverse=True)
    at = np.flatnonzero(base != 0)
    at = at[np.isin(encounter[at].astype(np.int64) * width + base[at], present)]
    if not at.size:
        return included
    # Each row's side for the family rule (engine.policy.endoscopy_side), per code cell: 0 none, 1 LT, 2 RT.
    cells = lines.code[rows]
    left = lines.flag("endoscopy side LT", lambda cell: endoscopy_side(cell.modifiers) == "LT")[cells]
    right = lines.flag("endoscopy side RT", lambda cell: endoscopy_side(cell.modifiers) == "RT")[cells]
    side = left.astype(np.int64) + 2 * right.astype(np.int64)
    if side[at].any():
        on_side = [np.bincount(inverse, weights=side[member] == value, minlength=len(present)) for value in (0, 1, 2)]
        names: tuple[str | None, ...] = (None, *SIDES)
        place = np.searchsorted(present, encounter[at].astype(np.int64) * width + base[at])

        def base_side(i: int) -> str | None:  # only a paired site's base has a side of its own (its CMS row's)
            on = names[int(side[i])]
            return endoscopy_base_side((on,) if on else (), (facts.info(i).row or {}).get("bilat_surg"))

        at = at[[not endoscopy_base_apart(base_side(i), {names[v] for v in (0, 1, 2) if on_side[v][p]})
                 for i, p in zip(at.tolist(), place.tolist(), strict=True)]]  # fmt: skip
        if not at.size:
            return included
    included[at] = True
    zeroed: list[int] = []
    for i, row in zip(at.tolist(), rows[at].tolist(), strict=True):
        code = lines.texts.values[int(base[i])]
        if _facility_rates_zeroed(
            lines, row, changes, {site: endoscopy_base_note(site, code) for site in FACILITY_SITES}
        ):
            zeroed.append(row)
    # and no step of its own modifiers' cuts of those rates (73's 50% of a $0.00 rate): the single lookup's
    # facility_endoscopy_bases empties its adjustments (a review: 45378-73 beside 45380 at POS 22 said "73 ...: 50% of
    # the OPPS rate" in batch, nothing in price)
    if zeroed:
        lines.without_slot("facility_adjustments", np.unique(np.array(zeroed, dtype=np.int64)))
    return included


def _co_surgery_facility_notes(lines: Lines) -> None:
    """A co-surgeon's or team's row (62, 66: ``engine.facility.co_surgery_line``) whose hospital or ASC rate is paid
    (above $0.00, as priced alone) says the facility is paid once for the procedure, whichever surgeon's claim shows it
    (``CO_SURGERY_FACILITY_NOTE``: the single lookup's ``co_surgery_facility_note``), where those rates are shown
    (no setting, the hospital or the ASC: ``FACILITY_53_SETTINGS``). Per distinct code cell; rows on whole columns."""
    import numpy as np

    co_surgery = lines.flag("co-surgery facility", lambda cell: co_surgery_line(cell.modifiers))[lines.code]
    if not co_surgery.any():
        return
    shown_at = np.isin(lines.site, [SITE_NAMES.index(name or "") for name in FACILITY_53_SETTINGS])
    paid = np.zeros(lines.rows, dtype=bool)
    for rate in ("opps_rate", "asc_rate"):
        paid |= lines.valid[rate] & (lines.cents[rate] > 0)
    at = np.flatnonzero(co_surgery & shown_at & paid & (lines.error == 0))
    if at.size:
        lines.add_note("line", at, lines.texts.id(CO_SURGERY_FACILITY_NOTE))


def _one_by_one(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, rows: np.ndarray, encounter: np.ndarray,
    count: int, parts: tuple[np.ndarray, np.ndarray, np.ndarray], needed: tuple[np.ndarray, np.ndarray, np.ndarray],
    changes: _Changes,
) -> None:  # fmt: skip
    """The rule functions on each encounter that needs them: the PFS rules on its lines that rank together
    (``parts``: per row), the OPPS rules on its OPPS lines, the ASC rules on its lines subject to discounting."""
    import numpy as np

    pfs_needed, opps_needed, asc_needed = needed
    wanted = pfs_needed | opps_needed | asc_needed
    if not wanted.any():
        return
    order = np.argsort(encounter, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(encounter, minlength=count))]).tolist()
    row_list = rows.tolist()
    member_list, opps_list, asc_list = (part.tolist() for part in parts)
    for number in np.flatnonzero(wanted).tolist():
        mine = order[bounds[number] : bounds[number + 1]].tolist()
        if pfs_needed[number]:
            _pfs_rules(batch, caches, lines, facts, [i for i in mine if member_list[i]], row_list, changes)
        if opps_needed[number]:
            _opps_rules(lines, facts, [i for i in mine if opps_list[i]], row_list, changes)
        if asc_needed[number]:
            _asc_rules(lines, facts, [i for i in mine if asc_list[i]], row_list, changes)


def _claimed(lines: Lines, row: int) -> bool:
    """Whether the row has a claim id (its encounter's rules are said as the claim's)."""
    if lines.claim is None or lines.claim_given is None or not lines.claim_given[lines.claim[row]]:
        return False
    return lines.reversed is None or not lines.reversed[row]


def _counted_units(lines: Lines, row: int) -> int:
    """The line's units where the rules count them (``Lines.units_rules``), else 1 (the rules price one unit)."""
    if lines.split_units is not None and lines.split_units[row] > 0:  # a split-care line's units: days, not services
        return int(lines.split_units[row])
    if lines.units_rules is not None and lines.units_rules[row]:
        return int(lines.units[row])
    units = int(lines.units[row])
    # An LT or RT line's units, as the single lookup gives them to engine.policy.bilateral_pairs (which pairs no
    # sides of an indicator 0 add-on code; the rules read no other line's units but the rows marked in units_rules).
    return units if units > 1 and any(m in SIDES for m in lines.codes[lines.code[row]].modifiers) else 1


def _units_alone(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, rows: np.ndarray, alone: np.ndarray,
    changes: _Changes,
) -> None:  # fmt: skip
    """Lines whose units the rules count that rank with no other line (``alone``: positions into ``rows``): the
    rules' outcome once per distinct (release, code cell, place, anesthesia, units), as ``_pfs_rules`` gives it,
    written to every line that has it (a practice's file repeats a few such lines many times). A bilateral code's 2
    units whose rules are factors of the fee (``_by_factors``) take them once per code cell, at every place."""
    import numpy as np

    at = rows[alone]
    claimed = lines.claimed()[at]
    counted = lines.units[at] if lines.split_units is None else np.maximum(lines.units[at], lines.split_units[at])
    keys = np.stack([facts.context_ids[alone], lines.code[at], lines.anesthesia[at], counted, claimed],
                    axis=1).astype(np.int64)  # fmt: skip
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    factors = [_by_factors(facts, lines, int(i), int(rows[i])) for i in alone[first].tolist()]
    fast = np.array([factor is not None for factor in factors], dtype=bool)[inverse.reshape(-1)]
    if fast.any():
        _units_by_factors(batch, caches, lines, facts, rows, alone[fast], [f for f in factors if f is not None],
                          np.cumsum(np.array([f is not None for f in factors])) - 1, inverse.reshape(-1)[fast],
                          changes)  # fmt: skip
    slow = alone[~fast]
    if not slow.size:
        return
    at = rows[slow]
    keys = np.concatenate([keys[~fast], facts.places[slow][:, None]], axis=1)
    _, first, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    outcomes = _alone_outcomes(batch, caches, lines, facts, rows, slow[first])
    for column in PFS_COLUMNS:
        values = [found.money.get(column, {}) for found in outcomes]
        has = np.array([bool(value) for value in values], dtype=bool)
        given = np.array([next(iter(value.values()), None) if value else None for value in values], dtype=object)
        hit = has[inverse]
        cents = np.array([0 if v is None else v for v in given], dtype=np.int64)[inverse[hit]]
        valid = np.array([v is not None for v in given], dtype=bool)[inverse[hit]]
        changes.arrays.set(column, at[hit], cents, valid)
    _outcome_texts(outcomes, at, inverse, changes)
    for setting in line_rules.SETTINGS:
        totals = [next(iter(found.later_pfs.get(setting, {}).values()), None) for found in outcomes]
        has = np.array([total is not None for total in totals], dtype=bool)[inverse]
        if has.any():
            values = np.array([-1 if total is None else total for total in totals], dtype=np.int64)[inverse[has]]
            changes.later_pfs_arrays.append((setting, at[has], values))


def _two_units_by_arrays(
    lines: Lines, facts: _Facts, rows: np.ndarray, positions: np.ndarray, factors: np.ndarray, pairs: np.ndarray,
    changes: _Changes,
) -> None:  # fmt: skip
    """Surgical lines of 2 units of a bilateral code ranked on whole columns (``positions`` into ``rows``, ``pairs``
    into ``factors``): the bilateral factor before the ranking (as 50's, ``engine.policy.two_units_bilateral``),
    the second unit in the first's amount, and the step among the line's adjustments."""
    import numpy as np

    # Per distinct cell and release (its _CodeInfo's row), not per line.
    width = int(facts.numbers.max()) + 1
    _, first, inverse = np.unique(facts.context_ids[positions] * width + facts.numbers[positions], return_index=True,
                                  return_inverse=True)  # fmt: skip
    distinct = [str(facts.info(i).row["bilat_surg"]) for i in positions[first].tolist()]  # type: ignore[index]
    indicators = [distinct[k] for k in inverse.reshape(-1).tolist()]
    percent = np.array([int(BILATERAL[indicator][0]) for indicator in indicators], dtype=np.int64)
    factors[pairs, 0], factors[pairs, 1] = percent, 100
    at = rows[positions]
    # 50 with 2 units (engine.policy.FIFTY_UNITS_INDICATORS): the row alone's 50 step is this one, not a second one
    fifty = at[lines.flag("50", lambda p: "50" in p.modifiers)[lines.code[at]]]
    for indicator in sorted(set(indicators)) if fifty.size else ():
        lines.without_part("adjustments", fifty, f"Bilateral (50): {BILATERAL[indicator][1]}")
    for setting in line_rules.SETTINGS:
        payable = facts.payable[setting][positions]
        if payable.any():
            changes.later_pfs_arrays.append((setting, at[payable], np.zeros(int(payable.sum()), dtype=np.int64)))
    # the step's words: a line with 50 already pays both sides (engine.policy.two_units_rule), as the single lookup's
    with_fifty = np.isin(at, fifty)
    steps = sorted(set(zip(indicators, with_fifty.tolist(), strict=True)))
    which = np.array([steps.index(step) for step in zip(indicators, with_fifty.tolist(), strict=True)], dtype=np.int64)
    changes.adjustment_arrays_first.append((at, [two_units_rule(*step) for step in steps], which))


def _alone_outcomes(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, rows: np.ndarray, positions: np.ndarray
) -> list[_Changes]:  # fmt: skip
    """``_pfs_rules`` on each of these lines alone (``positions`` into ``rows``, one per distinct line)."""
    row_list = rows.tolist()
    outcomes = []
    for i in positions.tolist():
        found = _Changes()
        _pfs_rules(batch, caches, lines, facts, [i], row_list, found)
        outcomes.append(found)
    return outcomes


def _outcome_texts(outcomes: list[_Changes], at: np.ndarray, inverse: np.ndarray, changes: _Changes) -> None:
    """The notes and own steps of each distinct line's outcome (``_pfs_rules``'), onto the rows that have it."""
    import numpy as np

    texts = ["; ".join(next(iter(found.notes.values()), [])) for found in outcomes]
    said = np.array([bool(text) for text in texts], dtype=bool)[inverse]
    changes.arrays.note(at[said], texts, inverse[said])
    own = [next(iter(found.adjustments.values()), None) for found in outcomes]
    listed = np.array([steps is not None for steps in own], dtype=bool)[inverse]
    if listed.any():
        changes.adjustment_arrays.append((at[listed], ["; ".join(steps or ()) for steps in own], inverse[listed]))


def _by_factors(facts: _Facts, lines: Lines, i: int, row: int) -> tuple[int, int] | None:
    """A line whose 2 units are one bilateral procedure (``two_units_bilateral``) and whose other rules are factors
    of the fee (``factor_form``: no 51, claim modifiers or anesthesia; no OPPSCAP row): its whole factor, as a
    numerator and denominator (the bilateral percentage, then its own modifiers'); None otherwise."""
    info = facts.resolved(i)
    if info is None or info.row is None or lines.anesthesia[row] != 0:
        return None
    line = Line(code=info.code, modifiers=list(info.modifiers), row=info.row, settings={}, provider=info.provider,
                units=int(lines.units[row]))  # fmt: skip
    factors = factor_form(info.row, info.modifiers, info.provider)
    context = facts.context(i)
    row_key = tuple(context.pfs.rvu_keys[info.rvu_position].split("|", 1))
    if not two_units_bilateral(line) or factors is None or row_key in context.store.capped():
        return None
    whole = BILATERAL[str(info.row["bilat_surg"])][0] / 100 * factors[1]
    return whole.numerator, whole.denominator


def _units_by_factors(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, rows: np.ndarray, fast: np.ndarray,
    factors: list[tuple[int, int]], factor_of: np.ndarray, key_of: np.ndarray, changes: _Changes,
) -> None:  # fmt: skip
    """``_units_alone``'s lines whose rules are a factor of the fee: the rules run once per distinct line (its
    notes, own steps and payable settings, which no place changes), the amounts on whole columns: the fee at the
    row's place times the factor, rounded once, as ``apply_policy`` multiplies (``BatchPricer._factor_rows``)."""
    import numpy as np

    at = rows[fast]
    distinct, first, inverse = np.unique(key_of, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    outcomes = _alone_outcomes(batch, caches, lines, facts, rows, fast[first])
    numerator = np.array([factors[factor_of[k]][0] for k in distinct.tolist()], dtype=np.int64)[inverse]
    denominator = np.array([factors[factor_of[k]][1] for k in distinct.tolist()], dtype=np.int64)[inverse]
    fees = _fees(batch, facts, fast)
    for setting in line_rules.SETTINGS:
        column = f"pfs_{setting}_amount"
        known = [found.money.get(column, {}) for found in outcomes]
        priced = np.array([bool(value) for value in known], dtype=bool)[inverse]
        payable = np.array([bool(value) and next(iter(value.values())) is not None for value in known],
                           dtype=bool)[inverse]  # fmt: skip
        amount = round_half_up(fees[setting] * numerator, denominator)
        changes.arrays.set(column, at[priced], amount[priced], payable[priced])
        changes.arrays.set(f"pfs_{setting}_limiting_charge", at[priced], limiting_charge(amount)[priced],
                           payable[priced])  # fmt: skip
        later = priced & payable
        if later.any():  # the second unit is in the first's amount
            changes.later_pfs_arrays.append((setting, at[later], np.zeros(int(later.sum()), dtype=np.int64)))
    _outcome_texts(outcomes, at, inverse, changes)


def _fees(batch: BatchPricer, facts: _Facts, at: np.ndarray) -> dict[str, np.ndarray]:
    """Per setting, the fee schedule amount of these rows (``line_setting``'s fee), at their release's rates."""
    import numpy as np

    fees = {name: np.zeros(len(at), dtype=np.int64) for name in line_rules.SETTINGS}
    for number in np.unique(facts.context_ids[at]).tolist():
        mine = facts.context_ids[at] == number
        rows_of_context = at[mine]
        computed = batch.pfs_fees(facts.context_at(number).pfs, facts.rvu_position[rows_of_context],
                                  facts.places[rows_of_context])  # fmt: skip
        for name in line_rules.SETTINGS:
            fees[name][mine] = computed[name]
    return fees


def _ranked_by_amount(
    lines: Lines, facts: _Facts, rows: np.ndarray, encounter: np.ndarray, ranked: np.ndarray, paired: np.ndarray,
    count: int,
) -> np.ndarray:  # fmt: skip
    """Per encounter: whether the PFS rules on its surgical lines (``ranked``) are a rank and factors
    (``encounter_arrays.pfs_multiple_procedures``): each line's other rules are factors (``line_factors``),
    none has claim modifiers or is an OPPSCAP row or one of an LT and RT pair (``paired``), no two are of one
    endoscopy family, and each line's amounts are payable in just the settings the rules see
    (``lookup.lines.line_setting``'s test)."""
    import numpy as np

    plain = facts.plain & ~paired
    for setting in line_rules.SETTINGS:
        plain &= facts.payable[setting] == lines.valid[f"pfs_{setting}_amount"][rows]
    # A family's base code ranks with the family billed with it (engine.policy._standard_and_endoscopy).
    family = np.where(facts.family != 0, facts.family, facts.base)
    if (family[ranked] != 0).any():
        keys = encounter.astype(np.int64) * (int(family.max()) + 1) + family
        in_family = np.flatnonzero(ranked & (family != 0))
        distinct, counts = np.unique(keys[in_family], return_counts=True)
        shared = np.isin(keys[in_family], distinct[counts > 1])
        plain[in_family[shared]] = False
    spoiled = np.bincount(encounter[ranked & ~plain], minlength=count) > 0
    return ~spoiled


def _split_care_parts(lines: Lines, rows: np.ndarray, encounter: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Per row: whether its encounter has its code on lines of two different parts of one procedure (54, 55, 56, or
    26 and TC: ``engine.policy.procedure_part``) among the ``candidates``: those encounters go through the rules, which
    rank the parts as one procedure. The modifiers are looked at once per distinct code cell."""
    import numpy as np

    from rvucalc.engine.policy import COMPONENT_PARTS, SPLIT_CARE_PARTS, procedure_part

    found = np.zeros(len(rows), dtype=bool)
    at = np.flatnonzero(candidates)
    if not at.size:
        return found
    bits = {part: 1 << n for n, part in enumerate(SPLIT_CARE_PARTS + COMPONENT_PARTS)}
    # A run's flag of each cell first (few lines are a split-care part or a component), then the part of those few.
    at = at[lines.flag("procedure part", lambda cell: procedure_part(cell.modifiers) in bits)[lines.code[rows[at]]]]
    if not at.size:
        return found
    distinct, cell_of = np.unique(lines.code[rows[at]], return_inverse=True)
    part_of_cell = np.array([bits[procedure_part(lines.codes[c].modifiers) or ""] for c in distinct.tolist()],
                            dtype=np.int64)  # fmt: skip
    part = part_of_cell[cell_of.reshape(-1)]
    seen = _bits_by_encounter_and_code(lines, rows, encounter, at, part)
    several = (seen & (seen - 1)) != 0  # two parts or more of one procedure
    found[at[several]] = True
    return found


def _bits_by_encounter_and_code(
    lines: Lines, rows: np.ndarray, encounter: np.ndarray, at: np.ndarray, bits: np.ndarray
) -> np.ndarray:  # fmt: skip
    """Per row of ``at`` (positions in ``rows``), the OR of ``bits`` over the rows of its encounter with its code
    (whatever their modifiers): which split-care parts, or which sides, the procedure has there."""
    import numpy as np

    keys = encounter[at].astype(np.int64) * (int(lines.code_number.max()) + 1) + lines.code_number[lines.code[rows[at]]]
    _, group = np.unique(keys, return_inverse=True)
    group = group.reshape(-1)
    seen = np.zeros(int(group.max()) + 1, dtype=np.int64)
    np.bitwise_or.at(seen, group, bits)
    found: np.ndarray = seen[group]
    return found


def _sides_paired(lines: Lines, rows: np.ndarray, encounter: np.ndarray, candidates: np.ndarray) -> np.ndarray:
    """Per row: whether its encounter has its code on an LT line and on an RT line, neither with 50, among the
    ``candidates`` (codes whose bilateral indicator pairs sides). A superset of ``engine.policy.bilateral_pairs``
    (which also compares the lines' CMS rows and other modifiers): these encounters go through the rules."""
    import numpy as np

    paired = np.zeros(len(rows), dtype=bool)
    at = np.flatnonzero(candidates)
    if not at.size:
        return paired
    cells = lines.code[rows[at]]
    left = lines.flag("LT without 50", lambda cell: "LT" in cell.modifiers and "50" not in cell.modifiers)[cells]
    right = lines.flag("RT without 50", lambda cell: "RT" in cell.modifiers and "50" not in cell.modifiers)[cells]
    side = left.astype(np.int64) + 2 * right.astype(np.int64)
    one_side = (side == 1) | (side == 2)
    at, side = at[one_side], side[one_side]
    if not at.size:
        return paired
    paired[at[_bits_by_encounter_and_code(lines, rows, encounter, at, side) == 3]] = True
    return paired


# _Facts.status: the OPPS status indicators the encounter rules act on (S and V: what packages a Q1 line)
# and what a comprehensive APC leaves paid apart (engine.facility.C_APC_PAID_APART).
# (J2, a visit that may join comprehensive observation, packages a Q1 line as S and V do: STATUS_SV or STATUS_J2.)
# (Q3, a service a composite APC may pay: engine.facility.COMPOSITE_NOTE.)
# (P, a partial hospitalization or IOP service: its day is paid one per-diem APC, engine.facility.PER_DIEM_REASON.)
# (V apart from S, and Q4, a lab: the line a lab is packaged with is named with its SI, _package_conditional_labs.)
J1, STATUS_T, STATUS_Q1, STATUS_Q2, STATUS_SV, STATUS_APART, STATUS_C, STATUS_J2, STATUS_Q3 = 1, 2, 3, 4, 5, 6, 7, 8, 9
STATUS_P, STATUS_V, STATUS_Q4 = 10, 11, 12
STATUS_OF_KIND = {J1: "J1", STATUS_T: "T", STATUS_Q1: "Q1", STATUS_Q2: "Q2", STATUS_SV: "S", STATUS_APART: "G",
                  STATUS_C: INPATIENT_ONLY, STATUS_J2: OBSERVATION_VISIT, STATUS_Q3: "Q3",
                  STATUS_P: PER_DIEM_STATUS, STATUS_V: "V", STATUS_Q4: CONDITIONAL_LAB}  # fmt: skip
KIND_OF_STATUS = {"J1": J1, "T": STATUS_T, "Q1": STATUS_Q1, "Q2": STATUS_Q2, "S": STATUS_SV, "V": STATUS_V,
                  OBSERVATION_VISIT: STATUS_J2, INPATIENT_ONLY: STATUS_C, "Q3": STATUS_Q3, PER_DIEM_STATUS: STATUS_P,
                  CONDITIONAL_LAB: STATUS_Q4, **dict.fromkeys(C_APC_PAID_APART, STATUS_APART)}  # fmt: skip


# What the encounter rules need of a CMS row in a release (_rows_facts), per row: name -> (dtype, default); and
# the patient's share, per cell.
ROW_COLUMNS: dict[str, tuple[Any, Any]] = {
    "group": ("int8", NO_GROUP), "needs": ("bool", False), "plain": ("bool", False),
    "claim_payable_non_facility": ("bool", False), "claim_payable_facility": ("bool", False),
    "family": ("int32", 0), "rvu_position": ("int32", -1), "claim_before": ("int32", 1),
    "claim_before_of": ("int32", 1), "claim_after": ("int32", 1), "claim_after_of": ("int32", 1),
    "claim_modifiers": ("bool", False), "indicator": ("int8", 0), "base": ("int32", 0), "sided": ("bool", False),
}  # fmt: skip
CLAIM_COLUMNS: dict[str, tuple[Any, Any]] = {**ROW_COLUMNS, "share": ("int32", COINSURANCE_PERCENT * 100)}


@dataclass
class _Facts:
    """Per row of the encounters (positions into ``rows``): what the rules need to know of it."""

    numbers: np.ndarray  # the code cell's number in the run (batch.cells)
    tables: list[CellTable | None]  # per context: the release's facts of the cells
    contexts: list[_Context | None]  # the releases (context 0: none)
    context_of: list[int]
    position: list[int]  # the locality's position in the release, -1 national
    group: np.ndarray  # policy_group
    needs: np.ndarray  # per-line rules: prepared by lookup.lines.prepare
    share: np.ndarray  # the patient's share of the professional fee, hundredths of a percent
    status: np.ndarray  # OPPS: J1, STATUS_T or 0, in the quarter in force on the date
    apc: np.ndarray  # OPPS APC (text)
    discounted: np.ndarray  # ASC: subject to multiple procedure discounting (Addendum AA and the modifiers)
    plain: np.ndarray  # ranked by amount and factors: surgical, no claim modifiers or OPPSCAP row (line_factors)
    payable: dict[str, np.ndarray]  # per setting (lookup.lines.SETTINGS): the policy line has it
    family: np.ndarray  # the endoscopy family (0: none), as a run-level text id
    rvu_position: np.ndarray  # CMS's row in the release's PFS arrays (-1: none)
    factors: np.ndarray  # line_factors: before (numerator, denominator), after (numerator, denominator)
    context_ids: np.ndarray  # context_of, as an array
    places: np.ndarray  # position, as an array
    claim_modifiers: np.ndarray  # a paying modifier apply_rules' _claim_modifiers acts on (changes_pfs_amount)
    indicator: np.ndarray  # the multiple procedure indicator, 1-3 for surgical lines (0: other)
    base: np.ndarray  # the code, when it is an endoscopy family's base, as a run-level text id (0: not a base)
    sided: np.ndarray  # its LT and RT lines in one encounter are one bilateral procedure (policy.bilateral_pairs)

    def resolved(self, i: int) -> _CodeInfo | None:
        context, table = self.contexts[self.context_of[i]], self.tables[self.context_of[i]]
        if context is None or table is None:
            return None
        return _code_info(context, table.resolution(int(self.numbers[i])))

    def info(self, i: int) -> _CodeInfo:
        item = self.resolved(i)
        assert item is not None
        return item

    def context_at(self, number: int) -> _Context:
        context = self.contexts[number]
        assert context is not None
        return context

    def context(self, i: int) -> _Context:
        context = self.contexts[self.context_of[i]]
        assert context is not None
        return context

    @classmethod
    def of(
        cls, batch: BatchPricer, caches: _Caches, lines: Lines, rows: np.ndarray, unpaid: np.ndarray | None = None,
        facility: bool = True,
    ) -> _Facts:  # fmt: skip
        """``facility``: the OPPS and ASC terms too (``_facility_terms``); without them, ``status``, ``apc`` and
        ``discounted`` are left empty."""
        import numpy as np

        size = len(rows)
        numbers = lines.cell[lines.code[rows]]
        tables: list[CellTable | None] = [None]
        contexts: list[_Context | None] = [None]
        context_of = np.zeros(size, dtype=np.int64)
        position = np.full(size, -1, dtype=np.int64)
        columns = {name: np.full(size, default, dtype=dtype) for name, (dtype, default) in CLAIM_COLUMNS.items()}
        names, name_of = _pfs_release_names(lines, rows)
        for number, name in enumerate(names):
            context = _context(batch, caches, name)
            if context is None:
                continue
            mine = np.flatnonzero(name_of == number)
            table = batch.cell_table(name)
            # Per CMS row (code and paying modifiers: BatchPricer._row), worked out once; the share per cell.
            key = table.take("key", numbers[mine])
            keyed = key >= 0
            rows_table = batch.cell_table(f"rows {name}")
            rows_table.declare("claim", ROW_COLUMNS)  # an encounter of codes the PFS does not list fills none
            new = rows_table.missing("claim", key[keyed])
            rows_table.fill("claim", ROW_COLUMNS, new, _rows_facts(batch, context, new))
            at, keys = mine[keyed], key[keyed]
            for column in ROW_COLUMNS:
                columns[column][at] = rows_table.take(column, keys)
            columns["share"][mine] = table.take("coinsurance", numbers[mine])
            if lines.encounter_share is not None:  # as its encounter sets it (batch.price._encounter_waivers)
                encounter_share = lines.encounter_share[rows[mine]]
                columns["share"][mine] = np.where(encounter_share >= 0, encounter_share, columns["share"][mine])
            context_of[mine] = len(contexts)
            contexts.append(context)
            tables.append(table)
            places, place_of = ids_and_inverse(lines.locality_priced[rows[mine]])
            positions = [context.pfs.locality_position.get(lines.texts.values[p], -1) for p in places.tolist()]
            position[mine] = np.array(positions, dtype=np.int64)[place_of.reshape(-1)]
        factors = np.stack([columns[f"claim_{name}"] for name in ("before", "before_of", "after", "after_of")], axis=1)
        facts = cls(
            numbers, tables, contexts, context_of.tolist(), position.tolist(),
            columns["group"], columns["needs"], columns["share"],
            np.zeros(size, dtype=np.int8), np.full(size, "", dtype=object), np.zeros(size, dtype=bool),
            columns["plain"], {name: columns[f"claim_payable_{name}"] for name in line_rules.SETTINGS},
            columns["family"], columns["rvu_position"], factors, context_of, position, columns["claim_modifiers"],
            columns["indicator"], columns["base"], columns["sided"],
        )  # fmt: skip
        for number, context in enumerate(contexts):
            if context is not None and facility:
                facts._facility_terms(batch, caches, lines, rows, np.flatnonzero(context_of == number), context,
                                      unpaid)  # fmt: skip
        return facts

    def _facility_terms(
        self,
        batch: BatchPricer,
        caches: _Caches,
        lines: Lines,
        rows: np.ndarray,
        mine: np.ndarray,
        context: _Context,
        unpaid: np.ndarray | None = None,
    ) -> None:
        """The OPPS status indicator and APC, and the ASC discounting, of the quarter in force on each date,
        once per (quarter, code) in the run; a line's facility modifiers may then take it out of the discount."""
        import numpy as np

        opps_ok, asc_ok = lines.valid["opps_rate"][rows[mine]], lines.valid["asc_rate"][rows[mine]]
        # An inpatient-only line (SI C) has no OPPS rate, and denies its encounter's others: the status of an unpaid
        # line beside a paid one (``unpaid``) is wanted too.
        wanted = mine[opps_ok | asc_ok | (False if unpaid is None else unpaid[mine])]
        if not wanted.size:
            return
        year, dates = context.release.year, [date for _, date in lines.whens]
        whens, when_of = ids_and_inverse(lines.when[rows[wanted]])
        when_of = when_of.reshape(-1)
        quarters = [batch._quarter(year, dates[when])[:2] for when in whens.tolist()]
        names = sorted({(o.release if o else "", a.release if a else "") for o, a in quarters})
        quarter_of_when = np.array([names.index((o.release if o else "", a.release if a else "")) for o, a in quarters])
        by_name = {(o.release if o else "", a.release if a else ""): (o, a) for o, a in quarters}
        strings = batch._strings
        codes = batch.cell_table(f"codes {context.release.release}")  # per code, as BatchPricer's positions
        cells = self.tables[self.context_of[int(wanted[0])]]
        assert cells is not None
        code_of_row = lines.code_number[lines.code[rows]]
        for number, name in enumerate(names):
            at = wanted[quarter_of_when[when_of] == number]
            group = f"terms {name[0]} {name[1]}"
            new = codes.missing(group, code_of_row[at])
            if new.size:
                opps, asc = by_name[name]
                statuses = _opps_status(batch, caches, opps) if opps is not None else {}
                reference, facility = batch.facility_arrays(context.pfs, opps, asc, ())
                text_of = batch.code_texts()
                numbers = new.tolist()
                texts = [text_of[n] for n in numbers]
                # Each new code's terms on whole columns, then given to the table by its number (a function of a
                # code that looked up its row, status and APC one at a time: ~65,000 calls at 1M lines).
                found = reference.positions(texts)
                listed = found >= 0
                flags = np.zeros(len(numbers), dtype=bool)
                flags[listed] = np.asarray(facility["asc_discount"])[found[listed]].astype(bool)
                given = [statuses.get(code, ("", "")) for code in texts]
                terms = dict(zip(numbers, zip([KIND_OF_STATUS.get(status, 0) for status, _ in given],
                                              [strings.id(apc) for _, apc in given], flags.tolist(), strict=True),
                                 strict=True)).__getitem__  # fmt: skip
                columns = {
                    f"status {group}": ("int8", 0),
                    f"apc {group}": ("int32", 0),
                    f"flag {group}": ("bool", False),
                }
                codes.fill(group, columns, new, terms)
            self.status[at] = codes.take(f"status {group}", code_of_row[at])
            self.discounted[at] = codes.take(f"flag {group}", code_of_row[at])
            apc_ids, apc_of = np.unique(codes.take(f"apc {group}", code_of_row[at]), return_inverse=True)
            apcs = [strings.values[i] for i in apc_ids.tolist()]
            self.apc[at] = np.array(apcs, dtype=object)[apc_of.reshape(-1)]
            # A line's 73/74/52/PN/PO ... may take it out of the ASC discount (apply_facility_modifiers).
            # Once per distinct cell among them: its code and modifiers decide.
            modified = at[self.discounted[at] & cells.take("facility_modifiers", self.numbers[at])]
            if modified.size:
                distinct, first, which = np.unique(self.numbers[modified], return_index=True, return_inverse=True)
                discounted = []
                for number, i in zip(distinct.tolist(), modified[first].tolist(), strict=True):
                    item = _usable(cells.resolution(number))
                    modifiers = item.modifiers if item is not None else ()
                    code = item.code if item is not None else lines.codes[lines.code[rows[i]]].code
                    discounted.append(_asc_discounted(caches, code, modifiers, True, year))
                self.discounted[modified] = np.array(discounted, dtype=bool)[which.reshape(-1)]


def _usable(resolved: Any) -> Any:
    """A cell's resolution in a release, unless it is an error (other than a code the PFS does not list)."""
    return None if resolved is None or (resolved.error is not None and not resolved.outside) else resolved


def _rows_facts(batch: BatchPricer, context: _Context, numbers: np.ndarray) -> Callable[[int], tuple[Any, ...]]:
    """ROW_COLUMNS of these CMS rows of a release (their numbers in ``BatchPricer._row_list``), by number, for
    ``CellTable.fill``: the encounter rules' facts of each row's code and paying modifiers (the informational ones
    change none of these). What is the release's (its OPPSCAP rows, endoscopy bases, payable settings) is read once
    for them all, and what depends on the modifiers alone once per set of modifiers (a realistic million lines:
    ~50,000 rows, five sets of modifiers; a call per row and a look at the release's sets each was ~0.1 s)."""
    import numpy as np

    facts: dict[int, tuple[Any, ...]] = {}
    if not numbers.size:
        return facts.__getitem__
    numbered = batch._row_list[context.release.release]
    rows = [numbered[number] for number in numbers.tolist()]
    payable = context.pfs.payable
    assert payable is not None  # BatchPricer.pfs_arrays
    positions = np.array([row.row for row in rows], dtype=np.int64)
    settings = zip(payable[0][positions].tolist(), payable[1][positions].tolist(), strict=True)
    store, strings, keys = context.store, batch._strings, context.pfs.rvu_keys
    capped, bases = store.capped(), store.endoscopy_bases()
    changing: dict[tuple[str, ...], bool] = {}
    groups: dict[tuple[Any, ...], int] = {}
    for number, row, pays in zip(numbers.tolist(), rows, settings, strict=True):
        modifiers, position = row.paying, row.row
        hcpcs, modifier = keys[position].split("|", 1)
        cms = store.rvu(hcpcs, modifier)
        mult_proc = cms["mult_proc"]
        grouped = (mult_proc, cms["family_ind"], modifiers)
        group = groups.get(grouped)
        if group is None:
            group = groups[grouped] = policy_group(*grouped)
        changes = changing.get(modifiers)
        if changes is None:
            changes = changing[modifiers] = any(changes_pfs_amount(m) for m in modifiers)
        # a skin substitute's JW among them too
        claim_modifiers = cms["status"] != "J" and (changes or discarded_supply(cms, modifiers))
        factors = factor_form(cms, modifiers, row.provider)
        family = str(cms["endo_base"]) if mult_proc == "3" else ""
        facts[number] = (
            group, row.needs_rules, group == SURGICAL and factors is not None and (hcpcs, modifier) not in capped,
            *pays, strings.id(family) if family else 0, position,
            *(_UNIT_FACTORS if factors is None else (factors[0].numerator, factors[0].denominator,
                                                     factors[1].numerator, factors[1].denominator)),
            claim_modifiers, int(mult_proc) if mult_proc in ("1", "2", "3") else 0,
            strings.id(hcpcs) if hcpcs in bases else 0,
            str(cms["bilat_surg"]) in SIDES_PERCENT and str(mult_proc) not in UNPAIRED_MULT_PROC,
        )  # fmt: skip
    return facts.__getitem__


# -- the PFS rules ---------------------------------------------------------------------------------


def _practitioner_tie(cell: Any) -> tuple[Any, ...]:
    """What decides between a claim's lines the multiple procedure rules rank equal: the code and its modifiers
    (``engine.policy.tie_key``), then, between the same code and modifiers billed by different practitioners of a
    group (a physician's and an NP's), the line that keeps more of its amount (``engine.policy.non_physician_factor``:
    a physician's 100% before an NP's, PA's or CNS's 85%), as between therapy lines of equal PE
    (``engine.policy.THERAPY_TIES``), then the practitioner's place in ``PROVIDERS``. Never the order of the rows: the
    ranking on whole columns and through the rule functions alike."""
    factor = non_physician_factor(cell.provider, tuple(cell.modifiers), cell.code)
    return (*tie_key(cell.code, cell.modifiers), -factor, line_rules.PROVIDERS.index(cell.provider))


def _practitioner_order(cells: list[Any]) -> list[int]:
    """The order (indexes of the code ``cells``) in which the multiple procedure rules take lines of equal amounts
    (``engine.policy.practitioner_order``: a group's MD line of a code before its NP's, whatever their informational
    modifiers)."""
    return practitioner_order([(cell.code, tuple(cell.modifiers), cell.provider) for cell in cells])


def _tied_in_practitioner_order(lines: Lines, members: list[int], rows: list[int]) -> list[int]:
    """``members`` with the lines of one code and modifiers (one ``tie_key``) billed by different practitioners put,
    among the places they hold, in ``_practitioner_tie``'s order: the rule functions rank equal lines in the order
    given (a stable sort), so that the claim's row order does not decide between them. Every other line keeps its
    place."""
    cells = [lines.codes[lines.code[rows[i]]] for i in members]
    groups: dict[tuple[bool, str, tuple[str, ...]], list[int]] = {}
    for place, cell in enumerate(cells):
        groups.setdefault(tie_key(cell.code, cell.modifiers), []).append(place)
    ordered = list(members)
    for places in groups.values():
        if len(places) > 1 and len({cells[place].provider for place in places}) > 1:
            by_tie = sorted(places, key=lambda place: _practitioner_tie(cells[place]))
            for place, chosen in zip(places, by_tie, strict=True):
                ordered[place] = members[chosen]
    return ordered


def _pfs_rules(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, members: list[int], rows: list[int],
    changes: _Changes,
) -> None:  # fmt: skip
    """``engine.policy`` on the encounter's lines that rank together, once per distinct encounter (the
    lines' code cells, places and anesthesia inputs, in order; a group's tied lines in ``_practitioner_tie``'s
    order)."""
    members = _tied_in_practitioner_order(lines, members, rows)
    context = facts.context(members[0])
    cells = []
    for i in members:
        parsed = lines.codes[lines.code[rows[i]]]
        units = _counted_units(lines, rows[i])
        cells.append((parsed.text, parsed.modifier_text, parsed.provider, facts.position[i],
                      lines.anesthesias[lines.anesthesia[rows[i]]], units))  # fmt: skip
    key = (context.release.release, tuple(cells))
    outcome = caches.encounters.get(key)
    if outcome is None:
        outcome = _bounded(caches.encounters)[key] = _pfs_outcome(batch, caches, lines, facts, context, members, rows)
    if not outcome:  # a line could not be prepared (it priced alone: not expected); the amounts stay
        return
    for i, (cents, notes, paired, later, own, capped) in zip(members, outcome, strict=True):
        claimed = _claimed(lines, rows[i])
        if own is not None:  # a line alone lists every step as its own; a claim's line the encounter's apart
            every, encounters = own
            changes.adjustments[rows[i]] = every if not claimed else tuple(r for r in every if r not in encounters)
        elif not capped:  # the cap the row alone met, which the encounter's reductions left unmet: not said
            changes.uncapped.append(rows[i])
        if not claimed:
            notes = tuple(note for note in notes if not note.startswith(ENCOUNTER))
        for name, value in zip(PFS_COLUMNS, cents, strict=True):
            changes.set(name, rows[i], value)
        for note in notes:
            changes.note(rows[i], note)
        if paired:
            changes.paired.append(rows[i])
            units = int(lines.units[rows[i]])
            resolved = facts.resolved(i) if units > 1 else None
            if resolved is not None and resolved.row is not None:  # the pair's units note, as the single lookup's
                said = units_note(resolved.row, resolved.modifiers, units, paired=True)
                if said:
                    changes.paired_notes[rows[i]] = said
        for setting, total in zip(line_rules.SETTINGS, later, strict=True):
            if total is not None:
                changes.later_pfs.setdefault(setting, {})[rows[i]] = total


def _pfs_outcome(
    batch: BatchPricer, caches: _Caches, lines: Lines, facts: _Facts, context: _Context, members: list[int],
    rows: list[int],
) -> tuple[_Outcome, ...]:  # fmt: skip
    """Each line's PFS amounts and limiting charges (cents in PFS_COLUMNS' order, None: not payable), notes, whether
    it is a bilateral pair's paid-away side, and per setting its later units' amount together (therapy; None: each
    unit is paid the amount), its own steps where they replace the row alone's, and whether the OPPS imaging cap is
    one of its steps, after the rules, as ``Pricer.price_encounter`` runs them: ``lookup.lines.prepare``
    then ``apply_rules``.

    ``apply_rules`` is ``engine.policy.apply_policy`` in each setting, then the claim modifiers that change an
    amount (``_claim_modifiers``: CQ/CO, FX/FY/CT, 52, 53 ...; none on an anesthesia line), then the amounts
    written into each line's PfsResult. Without such a modifier on the lines, ``apply_policy`` runs alone and
    the amounts are read from the policy lines (the same rounding, ``round_cents``, and limiting charge).
    A line with per-line rules (policy modifiers, anesthesia) is made by ``prepare`` (once per place); the
    others as ``prepare`` makes them, without the PfsResult each would build and this pass does not read:
    their settings from ``lookup.lines``' own ``line_setting``."""
    policy_lines = []
    for i in members:
        if facts.needs[i]:
            template = _prepared(batch, caches, context, lines, facts.position[i], rows[i])
            if isinstance(template, RvucalcError):
                return ()
            policy_lines.append(_fresh(template))
        else:
            policy_lines.append(_as_prepared(_policy_line(caches, context, lines, facts, i, rows[i]),
                                             context.release.year))  # fmt: skip
        policy_lines[-1].policy.units = _counted_units(lines, rows[i])
    # A global diagnostic test beside its own 26 line: no facility setting (Pricer.price_encounter, as here).
    for index in line_rules.professional_on_own_line([(item.code, item.modifiers) for item in policy_lines]):
        line_rules.without_component(policy_lines[index].policy)
    if any(facts.info(i).claim_modifiers for i in members):
        line_rules.apply_rules(policy_lines)
    else:
        apply_policy_in([item.policy for item in policy_lines], line_rules.SETTINGS)
    outcome = []
    for line in (item.policy for item in policy_lines):
        cents: list[int | None] = []
        later: list[int | None] = []
        for setting in line_rules.SETTINGS:
            state = line.settings.get(setting)  # apply_rules drops a setting its modifiers leave unpaid
            amount = None if state is None else round_cents(state.amount)
            cents += [amount, None if amount is None else int(limiting_charge(amount))]
            total = None if state is None else line_rules.later_units_total(state, line.units)
            later.append(None if total is None else int(total.scaleb(2)))
        notes = _pfs_notes(line)
        said = later_units_note(line)  # as the single lookup's line says it
        if said:
            notes.append(said)
        own = None
        if two_units_bilateral(line) or postoperative_days(line):  # its adjustments, as the single lookup lists them
            steps = [step for state in line.settings.values() for step in state.steps]
            encounter = tuple(step.rule for step in steps if (step.indicator or "").startswith(("mult ", SIDES_STEP)))
            own = (tuple(dict.fromkeys(step.rule for step in steps)), encounter)
        notes_of = tuple(sys.intern(note) for note in notes)
        # Whether the OPPS imaging cap is one of the line's steps in the encounter (engine.policy.IMAGING_CAP_ORDER:
        # compared with what the multiple procedure reductions left, so a cap the line alone met may not bind here)
        capped = any(step.rule == IMAGING_CAP_RULE for state in line.settings.values() for step in state.steps)
        outcome.append((tuple(cents), notes_of, paired_side(line), tuple(later), own, capped))
    return tuple(outcome)


def _policy_line(caches: _Caches, context: _Context, lines: Lines, facts: _Facts, i: int, row: int) -> Line:
    """The ``engine.policy`` line ``prepare`` makes for a line without per-line rules (settings cached per place)."""
    item = facts.info(i)
    assert item.row is not None
    position = facts.position[i]
    parsed = lines.codes[lines.code[row]]
    key = (context.release.release, parsed.text, parsed.modifier_text, position)
    templates = caches.settings.get(key)
    if templates is None:
        locality, gpci = _place(context, position)
        cf = int(item.row["conv_factor"]) if context.cf is None else context.cf
        # prepare's own builder of a line's settings (a global diagnostic test's facility one its 26's)
        templates = line_rules.policy_settings(context.store, item.row, gpci, cf, locality)
        _bounded(caches.settings, SETTINGS_LIMIT)[key] = templates
    return Line(code=item.code, modifiers=list(item.modifiers), row=item.row,
                settings={name: _copied(template) for name, template in templates.items()},
                provider=item.provider)  # fmt: skip


def _copied(template: LineSetting) -> LineSetting:
    """A setting the rules may change (they set its amount, steps, notes and scale); the template stays."""
    state: LineSetting = object.__new__(LineSetting)
    state.__dict__.update(template.__dict__)
    state.steps, state.notes, state.later = [], [], None
    return state


def _as_prepared(line: Line, year: int) -> PreparedLine:
    """A line without per-line rules, for ``apply_rules`` beside prepared ones: its PFS result is not read
    (``apply_rules`` writes the adjusted amounts into it; this pass reads them from the policy line)."""
    return PreparedLine(line.code, list(line.modifiers), line.row, SimpleNamespace(), line, [], year)  # type: ignore[arg-type]


def _prepared(
    batch: BatchPricer, caches: _Caches, context: _Context, lines: Lines, position: int, row: int,
    text: str | None = None,
) -> PreparedLine | RvucalcError:  # fmt: skip
    """``lookup.lines.prepare`` with the arguments ``BatchPricer._rule_amounts`` gives it, once per place; ``text``:
    another code's line with the row's modifiers, practitioner and place (95165 for a 95144 row: engine.allergy)."""
    parsed = lines.codes[lines.code[row]]
    anesthesia = lines.anesthesias[lines.anesthesia[row]]
    code_text, modifier_text = (parsed.text, parsed.modifier_text) if text is None else (text, "")
    key = (context.release.release, code_text, modifier_text, parsed.provider, position, anesthesia)
    if key not in caches.prepared:
        locality, gpci = _place(context, position)
        try:
            given = anesthesia_input(*anesthesia)
            given.conversion_factor = batch.scenario.anesthesia_cf
            template: PreparedLine | RvucalcError = line_rules.prepare(
                context.store, code_text, modifier_text or None, locality=locality, gpci=gpci,
                cf=context.cf, cf_kind=context.cf_kind, qp=False, provider=parsed.provider, anesthesia=given,
            )  # fmt: skip
        except RvucalcError as exc:
            template = exc
        _bounded(caches.prepared, PREPARED_LIMIT)[key] = template
    return caches.prepared[key]


def _fresh(template: PreparedLine) -> PreparedLine:
    """A copy the rules may change (they set amounts, steps and notes; the template stays as prepared)."""
    policy = template.policy
    settings = {name: _copied(state) for name, state in policy.settings.items()}
    line = Line(policy.code, list(policy.modifiers), policy.row, settings, policy.provider)
    return PreparedLine(
        template.code, list(template.modifiers), template.row, template.pfs.model_copy(), line,
        list(template.notes), template.year, list(template.refusals),
    )  # fmt: skip


def _pfs_notes(line: Line) -> list[str]:
    """The multiple-procedure steps (the encounter's; a line's own steps are in its amount alone), per setting
    when the two settings differ."""
    steps = {
        name: [step.rule for step in state.steps if (step.indicator or "").startswith(("mult ", SIDES_STEP))]
        for name, state in line.settings.items()
    }
    texts = [rules for rules in steps.values() if rules]
    if not texts:
        return []
    if len(steps) == 2 and steps["non_facility"] != steps["facility"]:
        return [f"{ENCOUNTER} ({label}): {rule}"
                for name, label in (("non_facility", "PFS non-facility"), ("facility", "PFS facility"))
                for rule in steps[name]]  # fmt: skip
    return [f"{ENCOUNTER} (PFS): {rule}" for rule in texts[0]]


# -- the OPPS and ASC rules ------------------------------------------------------------------------

_OPPS = OppsResult.model_construct(payable=True, notes=[], adjustments=[])
_ASC = AscResult.model_construct(payable=True, notes=[], adjustments=[])


def _opps_rules(lines: Lines, facts: _Facts, members: list[int], rows: list[int], changes: _Changes) -> None:
    """``discount_encounter_opps`` on the encounter's OPPS lines, as batch priced them alone."""
    cents = lines.cents
    results = [
        _OPPS.model_copy(
            update={
                "status_indicator": STATUS_OF_KIND.get(int(facts.status[i]), ""),
                "apc": facts.apc[i] or None,
                "notes": [],
                "adjustments": [],
                "rate": money(int(cents["opps_rate"][rows[i]])),
                "copayment": money(int(cents["opps_copayment"][rows[i]])),
                "medicare_share": _medicare_share(lines, rows[i]),
                **_unrounded_terms(lines, rows[i]),
            }
        )
        for i in members
    ]
    discount_encounter_opps(results, ties=_ties(lines, [rows[i] for i in members]))
    note_srs_planning(results, [lines.codes[int(lines.code[rows[i]])].text for i in members])
    for i, result in zip(members, results, strict=True):
        row = rows[i]
        if result.adjustments:
            changes.set("opps_rate", row, money_cents(result.rate))
            changes.set("opps_copayment", row, money_cents(result.copayment))
            terms = opps_line_terms(result)
            if terms is not None:
                changes.set(encounter_arrays.OPPS_PERCENT, row, terms[1])
        # (several Q1/Q2 lines nothing packaged: said for every encounter by _run_rules, not twice)
        notes = [
            n for n in result.notes if n != CONDITIONAL_SEVERAL_NOTE and not n.startswith(CONDITIONAL_SEVERAL_FIGURES)
        ]
        for text in [*(step.rule for step in result.adjustments), *notes]:
            changes.note(row, f"{ENCOUNTER} (OPPS): {text}")


def _ties(lines: Lines, rows: list[int]) -> list[tuple[str, list[str]]]:
    """Each row's code and modifiers: what decides between equal facility rates (engine.facility.FACILITY_TIES)."""
    cells = [lines.codes[int(lines.code[row])] for row in rows]
    return [(cell.code, list(cell.modifiers)) for cell in cells]


def _medicare_share(lines: Lines, row: int) -> Decimal | None:
    """A row's share of the OPPS payment Medicare pays, as price_opps gives it (None: the copayment is scaled)."""
    share = NO_MEDICARE_SHARE if lines.opps_share is None else int(lines.opps_share[row])
    return None if share == NO_MEDICARE_SHARE else Decimal(share).scaleb(-6)


def _unrounded_terms(lines: Lines, row: int) -> dict[str, Any]:
    """The terms engine.facility._unrounded_rate reads (a rate no modifier changed): national rate and wage index."""
    national = -1 if lines.opps_national is None else int(lines.opps_national[row])
    if national < 0 or lines.opps_wage_index is None:
        return {"national_rate": None}
    wage_index = Decimal(int(lines.opps_wage_index[row])).scaleb(-4)
    return {"national_rate": Decimal(national).scaleb(-3), "wage_index": wage_index, "labor_share": OPPS_LABOR_PERCENT}


def _asc_rules(lines: Lines, facts: _Facts, members: list[int], rows: list[int], changes: _Changes) -> None:
    """``discount_encounter_asc`` on the encounter's ASC lines subject to discounting; a preventive waiver's
    share is then taken of the discounted rate (as ``Pricer.price_encounter`` does)."""
    cents = lines.cents
    results = [
        _ASC.model_copy(
            update={
                "multiple_procedure_discounting": True,
                "notes": [],
                "adjustments": [],
                "rate": money(int(cents["asc_rate"][rows[i]])),
                "coinsurance": money(int(cents["asc_coinsurance"][rows[i]])),
            }
        )
        for i in members
    ]
    sides = [None if lines.asc_side is None or lines.asc_side[rows[i]] < 0 else int(lines.asc_side[rows[i]])
             for i in members]  # fmt: skip
    discount_encounter_asc(results, sides, _ties(lines, [rows[i] for i in members]))
    for i, result in zip(members, results, strict=True):
        if not result.adjustments:
            continue
        row, share = rows[i], int(facts.share[i])
        rate = money_cents(result.rate)
        assert rate is not None
        changes.set("asc_rate", row, rate)
        waived = share != COINSURANCE_PERCENT * 100
        changes.set("asc_coinsurance", row, int(percent_of(rate, share)) if waived else money_cents(result.coinsurance))
        for step in result.adjustments:
            changes.note(row, f"{ENCOUNTER} (ASC): {step.rule}")
        if (halved := asc_halved_from(result)) is not None:  # its line rounded once (_write)
            changes.set(encounter_arrays.ASC_HALVED, row, halved)


def _opps_status(batch: BatchPricer, caches: _Caches, release: Release) -> dict[str, tuple[str, str]]:
    if release.release not in caches.status:
        data = batch.pricer.catalogue.store(release).columns("opps", ["hcpcs", "si", "apc"])
        caches.status[release.release] = {
            code: (si or "", apc or "") for code, si, apc in zip(data["hcpcs"], data["si"], data["apc"], strict=True)
        }
    return caches.status[release.release]


def _asc_discounted(caches: _Caches, code: str, modifiers: tuple[str, ...], flag: bool, year: int) -> bool:
    """Whether the line still enters the ASC discount after its modifiers (``apply_facility_modifiers``)."""
    key = (code, modifiers, flag, year)
    if key not in caches.asc_discounted:
        terms = facility_factor(modifiers, site="asc", code=code, year=year, apc=None, subject_to_discount=flag)
        caches.asc_discounted[key] = terms.discounted
    return caches.asc_discounted[key]


# -- writing back ----------------------------------------------------------------------------------


def _write(lines: Lines, changes: _Changes) -> None:
    """The new amounts into the partition's columns, the sites of the rows whose amounts changed (the
    ``site_shares`` kernel, times each row's units, as ``BatchPricer._sites``), and the notes."""
    import numpy as np

    updates = list(changes.arrays.money)
    for name, values in changes.money.items():
        if values:
            positions = np.fromiter(values, dtype=np.int64, count=len(values))
            given = np.array([0 if v is None else v for v in values.values()], dtype=np.int64)
            valid = np.array([v is not None for v in values.values()], dtype=bool)
            updates.append((name, positions, given, valid))
    changed: dict[str, list[np.ndarray]] = {site: [] for site in SITES}
    for name, positions, given, _ in updates:  # the OPPS rate's percent paid: not money, read by the sites below
        if name == encounter_arrays.OPPS_PERCENT and lines.opps_percent is not None:
            # A line whose rate rounds to $0.00 (J2002's $0.003 a unit) the encounter packages keeps its $0.00 rate:
            # its site is worked again all the same (its units' payment, rate x units rounded once, is now none).
            changed["hopd"].append(positions[lines.opps_percent[positions] != given])
            lines.opps_percent[positions] = given
        elif name == encounter_arrays.ASC_HALVED:  # the ASC rate a lower-paid line was halved from: not money
            if lines.asc_halved is None:
                lines.asc_halved = np.full(lines.rows, -1, dtype=np.int64)
            lines.asc_halved[positions] = given
    updates = [update for update in updates if update[0] not in (encounter_arrays.OPPS_PERCENT,
                                                                 encounter_arrays.ASC_HALVED)]  # fmt: skip
    later_parts = [(setting, np.fromiter(totals, dtype=np.int64, count=len(totals)),
                    np.fromiter(totals.values(), dtype=np.int64, count=len(totals)))
                   for setting, totals in changes.later_pfs.items()]  # fmt: skip
    for setting, at, totals in later_parts + changes.later_pfs_arrays:  # therapy's later units: the professional fee
        if setting not in lines.later_pfs:
            lines.later_pfs[setting] = np.full(lines.rows, -1, dtype=np.int64)
        lines.later_pfs[setting][at] = totals
        for site in ("office",) if setting == "non_facility" else ("hopd", "asc"):
            changed[site].append(at)
    affects = {"pfs_non_facility": ("office",), "pfs_facility": ("hopd", "asc"), "opps": ("hopd",), "asc": ("asc",)}
    for name, positions, given, valid in updates:
        differs = (lines.cents[name][positions] != given) | (lines.valid[name][positions] != valid)
        lines.set_money(name, positions, given, valid)
        # A procedure the rules reduce or package: all its units alike, none at 100% (later_units_percent); a
        # terminated hospital line stays one payment (formula 6, TD/U).
        later = lines.later_percent.get({"opps_rate": "hopd", "asc_rate": "asc"}.get(name, ""))
        if later is not None:
            at = positions[differs]
            later[at] = np.where(later[at] == TERMINATED_ONE_UNIT, TERMINATED_ONE_UNIT, NO_LATER_UNITS_RULE)
        for prefix, sites in affects.items():
            if name.startswith(prefix + "_") and not name.endswith("limiting_charge"):
                for site in sites:
                    changed[site].append(positions[differs])
    if any(len(parts) for parts in changed.values()):
        share = np.full(lines.rows, COINSURANCE_PERCENT * 100, dtype=np.int64)
        if changes.share_rows is not None:  # None: no encounter went through the rules (a G2211 line alone changed)
            share[changes.share_rows] = changes.share_values
        if changed["hopd"]:  # a waiver's share of the rate the encounter left, as single lookups (and the Pricer)
            rows = distinct_rows(changed["hopd"], lines.rows)
            rows = rows[(share[rows] < COINSURANCE_PERCENT * 100) & lines.valid["opps_copayment"][rows]]
            copay = copayment_within_waiver(lines.cents["opps_copayment"][rows], lines.cents["opps_rate"][rows],
                                            share[rows])  # fmt: skip
            lines.cents["opps_copayment"][rows] = copay
        for site, parts in changed.items():
            rows = distinct_rows(parts, lines.rows)
            if rows.size:
                _site(lines, site, rows, share[rows])
        if changed["hopd"]:
            without_copayment_notes(lines, distinct_rows(changed["hopd"], lines.rows))
    if changes.paired:  # a side's units note is the pair's: the rules priced the two sides as one
        lines.without_slot("units", np.array(changes.paired, dtype=np.int64))
        # and its side changed its amount: no "does not change the amount" (lookup.lines.SIDE_NOTES, as the single
        # lookup takes it off)
        lines.without_parts("line", np.array(changes.paired, dtype=np.int64), line_rules.SIDE_NOTES)
        if changes.paired_notes:
            at = np.array(list(changes.paired_notes), dtype=np.int64)
            lines.add_note("units", at, lines.texts.ids(list(changes.paired_notes.values())))
    if changes.uncapped:  # the row alone's cap note, where the encounter's amount is not capped (as price says it)
        lines.without_part("adjustments", np.array(changes.uncapped, dtype=np.int64), IMAGING_CAP_RULE)
    own = []
    if changes.adjustments:
        own.append(
            (
                np.array(list(changes.adjustments), dtype=np.int64),
                ["; ".join(steps) for steps in changes.adjustments.values()],
                np.arange(len(changes.adjustments)),
            )
        )
    for rows, texts, which in own + changes.adjustment_arrays:  # the rules' own steps replace the row alone's
        lines.without_slot("adjustments", rows)
        ids = lines.texts.ids(texts)[which]
        lines.add_note("adjustments", rows[ids != 0], ids[ids != 0])
    for rows, texts, which in changes.adjustment_arrays_first:  # a claim's line: a step before the row alone's
        # (engine.policy.apply_policy: the bilateral step comes before the ranking and the line's own modifiers)
        lines.add_note("adjustments", rows, lines.texts.ids(texts)[which], first=True)
    for rows, texts, which in changes.bad_lines.notes:
        lines.add_note("claim", rows, lines.texts.ids(texts)[which])
    # A row set elsewhere than the hospital (office, ASC, facility) still has its hopd_* comparison columns, and the
    # OPPS encounter rules' notes on them say so (OPPS_ELSEWHERE): at POS 24 "Packaged into the comprehensive APC"
    # read as what the ASC line itself was paid.
    elsewhere = (lines.site > 0) & (lines.site != SITES.index("hopd") + 1)
    # Likewise the ASC encounter rules' notes (ASC_ELSEWHERE) on a row set elsewhere than the ASC: an office row's
    # "ASC multiple procedure discounting" cut its asc_* comparison columns, not the office's amount.
    not_asc = (lines.site > 0) & (lines.site != SITES.index("asc") + 1)
    # Likewise a PFS encounter note on a row whose site is not paid the PFS amount it changed (pfs_elsewhere): the
    # office's amount cut on a UB-04's hospital row ("50% off the technical component" beside the hospital's OPPS rate).
    foreign = _pfs_foreign(lines)
    if changes.notes:
        notes = sorted(changes.notes.items())
        rows = np.array([row for row, _ in notes], dtype=np.int64)
        joined: dict[tuple[str, ...], int] = {}
        keys = []
        for row, texts in notes:
            said = opps_elsewhere(texts) if elsewhere[row] else texts
            key = tuple(pfs_elsewhere(asc_elsewhere(said) if not_asc[row] else said, int(foreign[row])))
            if key not in joined:
                joined[key] = lines.texts.id_of(_own_parts(key))
            keys.append(joined[key])
        lines.add_note("claim", rows, np.array(keys, dtype=np.int32))
    for rows, texts, which in changes.arrays.notes:
        ids = lines.texts.ids(texts)[which]
        there = elsewhere[rows]
        if there.any() and any(text.startswith(OPPS_PREFIX) for text in texts):
            ids = np.where(there, lines.texts.ids(opps_elsewhere(texts))[which], ids)
        there = not_asc[rows]
        if there.any() and any(text.startswith(ASC_PREFIX) for text in texts):
            ids = np.where(there, lines.texts.ids(asc_elsewhere(texts))[which], ids)
        kinds = foreign[rows]
        if kinds.any() and any(prefix in text for text in texts for prefix in PFS_PREFIXES):
            for kind in np.unique(kinds[kinds > 0]).tolist():
                ids = np.where(kinds == kind, lines.texts.ids(pfs_elsewhere(texts, kind))[which], ids)
        lines.add_note("claim", rows, ids)


OPPS_PREFIX = f"{ENCOUNTER} (OPPS): "
# The OPPS encounter note's prefix on a row set elsewhere than the hospital outpatient department.
OPPS_ELSEWHERE = f"{ENCOUNTER} (OPPS, the hopd_* hospital comparison only, not this row's site): "


def _own_parts(texts: tuple[str, ...]) -> list[str]:
    """A row's encounter notes (``_Changes.notes``) as note parts: a run of "Claim encounter" notes one part, as
    ``batch.lines.comparison_pieces`` reads it (a piece not begun by ENCOUNTER continues the one before), and each
    other note (engine.allergy's, a line's policy note) a part of its own: joined to an OPPS note of an office row, the
    allergy trial's "95115 ... billed with 95117" and "95144 ... is paid as 95165" went to comparison_note, as the
    hopd_* comparison's."""
    parts: list[list[str]] = []
    for text in texts:
        if parts and text.startswith(ENCOUNTER) and parts[-1][0].startswith(ENCOUNTER):
            parts[-1].append(text)
        else:
            parts.append([text])
    return ["; ".join(part) for part in parts]


def opps_elsewhere(texts: list[str] | tuple[str, ...]) -> list[str]:
    """The encounter notes of a row set elsewhere than the hospital: its OPPS ones labelled the comparison's."""
    return [OPPS_ELSEWHERE + text[len(OPPS_PREFIX) :] if text.startswith(OPPS_PREFIX) else text for text in texts]


ASC_PREFIX = f"{ENCOUNTER} (ASC): "
# The ASC encounter note's prefix on a row set elsewhere than the ASC (the office, the hospital, a facility).
ASC_ELSEWHERE = f"{ENCOUNTER} (ASC, the asc_* comparison only, not this row's site): "


def asc_elsewhere(texts: list[str] | tuple[str, ...]) -> list[str]:
    """The encounter notes of a row set elsewhere than the ASC: its ASC ones labelled the comparison's."""
    return [ASC_ELSEWHERE + text[len(ASC_PREFIX) :] if text.startswith(ASC_PREFIX) else text for text in texts]


# The PFS encounter notes' prefixes (_pfs_notes): "(PFS)" where the two PFS settings' steps agree or only one of them
# is payable, else one per setting.
PFS_PREFIX = f"{ENCOUNTER} (PFS): "
PFS_NON_FACILITY_PREFIX = f"{ENCOUNTER} (PFS non-facility): "
PFS_FACILITY_PREFIX = f"{ENCOUNTER} (PFS facility): "
PFS_PREFIXES = (PFS_PREFIX, PFS_NON_FACILITY_PREFIX, PFS_FACILITY_PREFIX)
# Their prefix on a row whose site is not paid the PFS amount the step changed: a hospital's, ASC's or facility
# physician's row (paid the OPPS or ASC rate and the PFS facility amount) told of the office's (non-facility) amount,
# an office row told of the facility amount. The step stays said, as the single lookup says it ("71260 office:
# Multiple diagnostic imaging: 50% off the technical component ..."), for the row's pfs_* and comparison columns.
PFS_OFFICE_ONLY = f"{ENCOUNTER} (PFS non-facility, the office_* comparison only, not this row's site): "
PFS_FACILITY_ONLY = f"{ENCOUNTER} (PFS facility, the hopd_*/asc_* physician's fee only, not this row's site): "
# _pfs_foreign's kinds of row: 0 none (no site, or the site's own PFS amount changed); at a facility site, whose PFS
# facility amount is not payable (1: "(PFS)" is the office's) or is (2); at the office, whose PFS non-facility amount
# is not payable (3: "(PFS)" is the facility's) or is (4).
_RELABELLED = {
    1: {PFS_PREFIX: PFS_OFFICE_ONLY, PFS_NON_FACILITY_PREFIX: PFS_OFFICE_ONLY},
    2: {PFS_NON_FACILITY_PREFIX: PFS_OFFICE_ONLY},
    3: {PFS_PREFIX: PFS_FACILITY_ONLY, PFS_FACILITY_PREFIX: PFS_FACILITY_ONLY},
    4: {PFS_FACILITY_PREFIX: PFS_FACILITY_ONLY},
}


def pfs_elsewhere(texts: list[str] | tuple[str, ...], kind: int) -> list[str]:
    """The encounter notes of a row of ``kind`` (``_pfs_foreign``): its PFS ones about an amount its site is not paid
    labelled so (PFS_OFFICE_ONLY, PFS_FACILITY_ONLY); the others as they are."""
    relabel = _RELABELLED.get(kind)
    if not relabel:
        return list(texts)

    def part(text: str) -> str:
        prefix = next((p for p in relabel if text.startswith(p)), None)
        return text if prefix is None else relabel[prefix] + text[len(prefix) :]

    # A text may be several '; '-joined parts (encounter_arrays._pfs_notes: one per PFS setting); no part has '; '.
    return ["; ".join(part(piece) for piece in text.split("; ")) for text in texts]


def _pfs_foreign(lines: Lines) -> np.ndarray:
    """Per row, its ``pfs_elsewhere`` kind: which PFS amount its site is not paid. A hospital row paid the office's
    amounts (outpatient therapy: ``Lines.hopd_therapy``) is paid the non-facility one: none."""
    import numpy as np

    site = lines.site
    at_facility = (site > 0) & (site != SITES.index("office") + 1)
    if lines.hopd_therapy is not None:
        at_facility &= ~lines.hopd_therapy
    at_office = site == SITES.index("office") + 1
    kind = np.zeros(lines.rows, dtype=np.int8)
    kind[at_facility] = np.where(lines.valid["pfs_facility_amount"][at_facility], 2, 1)
    kind[at_office] = np.where(lines.valid["pfs_non_facility_amount"][at_office], 4, 3)
    return kind


def _site(lines: Lines, site: str, rows: np.ndarray, share: np.ndarray) -> None:
    """A site's allowed amount and shares for these rows from their (new) amounts; payable as before."""
    import numpy as np

    cents, valid = lines.cents, lines.valid

    def part(name: str) -> np.ndarray:
        return np.where(valid[name][rows], cents[name][rows], 0)

    zero = np.zeros(len(rows), dtype=np.int64)
    if site == "office":
        facility, facility_share, professional = zero, zero, part("pfs_non_facility_amount")
    elif site == "hopd":
        facility, facility_share, professional = part("opps_rate"), part("opps_copayment"), part("pfs_facility_amount")
    else:
        facility, facility_share, professional = part("asc_rate"), part("asc_coinsurance"), part("pfs_facility_amount")
    total, beneficiary, medicare = site_shares(facility, facility_share, professional, share)
    units = lines.units[rows]
    payable = valid[f"{site}_allowed"][rows]
    later = lines.later_percent.get(site)
    cut = share_cut = zero
    if later is not None:  # the units after the first of the encounter's highest-paid procedure (or its J1)
        cut = later_units_cut(facility, units, later[rows])
        share_cut = later_units_cut(facility_share, units, later[rows])
    if site == "hopd":  # several units of a hospital line, rounded once as the Pricer does
        rules = later[rows] if later is not None else np.full(len(rows), NO_LATER_UNITS_RULE, dtype=np.int8)
        exact_cut, exact_share_cut = encounter_arrays.opps_units_cuts(lines, rows, rules)
        cut, share_cut = cut + exact_cut, share_cut + exact_share_cut
    if site == "asc":  # a lower-paid line of several units, and the ASC's coinsurance of the whole line, rounded once
        cut = cut + encounter_arrays.asc_halved_cuts(lines, rows)
        share_cut = share_cut + encounter_arrays.asc_units_share_cuts(lines, rows, share)
    # The professional fee of the line, the patient's share of it rounded once (therapy's later units together).
    later_fee = lines.later_pfs.get("non_facility" if site == "office" else "facility")
    later_total = NO_LATER_PROFESSIONAL if later_fee is None else later_fee[rows]
    fee_cut, fee_share_cut = professional_line_cut(professional, units, later_total, share)
    cut, share_cut = cut + fee_cut, share_cut + fee_share_cut
    for measure, amount in (("allowed", total * units - cut), ("beneficiary", beneficiary * units - share_cut),
                            ("medicare", medicare * units - (cut - share_cut))):  # fmt: skip
        column = f"{site}_{measure}"
        cents[column][rows] = np.where(payable, amount, cents[column][rows])


# -- per release and per code ----------------------------------------------------------------------


_Kept = TypeVar("_Kept")


def run_state(batch: BatchPricer, name: str, kind: type[_Kept]) -> _Kept:
    """The run's ``name`` object of the claim rules (made on first use, kept for the run's next chunks)."""
    kept = batch._claims.get(name)
    if kept is None:
        kept = batch._claims[name] = kind()
    assert isinstance(kept, kind)
    return kept


def _caches(batch: BatchPricer) -> _Caches:
    return run_state(batch, "caches", _Caches)


def _pfs_release_names(lines: Lines, rows: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The PFS releases of ``rows`` (sorted), and per row its release's position among them. The release column is
    the PFS release, then any other schedule's ('2026C; CLFS 2026-01')."""
    import numpy as np

    ids, id_of = ids_and_inverse(lines.release[rows])
    names = sorted({lines.texts.values[i].split("; ")[0] for i in ids.tolist()})
    name_of = np.array([names.index(lines.texts.values[i].split("; ")[0]) for i in ids.tolist()])[id_of.reshape(-1)]
    return names, name_of


def _context(batch: BatchPricer, caches: _Caches, name: str) -> _Context | None:
    if not name:
        return None
    if name not in caches.contexts:
        release = next(r for r in batch.pricer.releases if r.release == name)
        pfs = batch.pfs_arrays(release)
        store = batch._lookups(batch.pricer.catalogue.store(release))  # OPPSCAP asked only for the codes it lists
        cf = None
        if batch.scenario.conversion_factor is not None:
            from rvucalc.engine.scenario import cf_units

            cf = cf_units(batch.scenario.conversion_factor)
        cf_kind = release.cf_kind
        caches.contexts[name] = _Context(release, store, pfs, cf, cf_kind)
    return caches.contexts[name]


def _code_info(context: _Context, resolved: Any) -> _CodeInfo | None:
    """What the rules need of a code cell, from ``BatchPricer``'s own resolution of it (kept with it)."""
    if resolved is None or (resolved.error is not None and not resolved.outside):
        return None
    if resolved.claim_info is None:
        if resolved.outside:
            resolved.claim_info = _CodeInfo(resolved.code, resolved.modifiers, None, provider=resolved.provider)
        else:
            resolved.claim_info = _info(context, resolved.code, resolved.modifiers, resolved.row, resolved.provider)
    info: _CodeInfo = resolved.claim_info
    return info


def _info(context: _Context, code: str, modifiers: tuple[str, ...], position: int, provider: str) -> _CodeInfo:
    """What the rules need of a line with CMS's row at ``position`` of the release's PFS arrays, billed by
    ``provider`` (``_rows_facts``' row and claim modifiers, without the facts ``_Facts`` has per CMS row)."""
    row = context.store.rvu(*context.pfs.rvu_keys[position].split("|", 1))
    claim_modifiers = row["status"] != "J" and (
        any(changes_pfs_amount(m) for m in modifiers) or discarded_supply(row, modifiers)
    )
    return _CodeInfo(code, modifiers, row, claim_modifiers, rvu_position=position, provider=provider)


# A row's factors (before's numerator and denominator, after's) when the rules do more than a factor (factor_form: None)
_UNIT_FACTORS = (1, 1, 1, 1)


def _place(context: _Context, position: int) -> tuple[str | None, tuple[int, int, int]]:
    if position < 0:
        return None, NATIONAL_GPCI
    gpci = context.pfs.gpci
    return context.pfs.localities[position], (int(gpci[0][position]), int(gpci[1][position]), int(gpci[2][position]))


def _bounded(cache: dict[Any, Any], limit: int = CACHE_LIMIT) -> dict[Any, Any]:
    if len(cache) >= limit:
        cache.clear()
    return cache
