"""The results rvucalc returns: the same models feed the CLI, JSON and the Python API.

Results are plain dataclasses (keyword-only), not pydantic models: the engine builds
them from values it has already checked, so validation would only cost time, and
importing pydantic's model machinery was a fifth of a cold single lookup
(benchmarks/README.md). ``BaseModel`` keeps the pydantic-style methods scripts use
(``model_construct``, ``model_copy``, ``model_fields``, ``model_dump``, ``model_dump_json``), with
the options most used; validation (``model_validate``) and schemas are not offered, and JSON writes
money as numbers (the CLI's JSON), where pydantic wrote strings.

Money and factors are ``Decimal`` (exact); JSON writes them as JSON numbers with the
Decimal's own digits. Keys are a public contract: extend, never rename.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import sys
from dataclasses import field
from decimal import Decimal
from typing import Any, ClassVar, Literal

if sys.version_info >= (3, 11):
    from typing import Self, dataclass_transform
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Self, dataclass_transform

# Decimal -> float is exact in text for every figure we emit: CMS amounts and factors have at
# most 15 significant digits, and float's repr is the shortest text that round-trips, i.e. the
# Decimal's own digits.
MAX_EXACT_DIGITS = 15


@dataclass_transform(kw_only_default=True, field_specifiers=(dataclasses.field,))
class BaseModel:
    """Each subclass becomes a keyword-only dataclass (list and dict fields default to a new
    empty one per instance)."""

    model_fields: ClassVar[dict[str, dataclasses.Field[Any]]]
    # The fields dumps carry (``model_dump``, JSON): all but those marked ``internal()``, which the engine reads and
    # no output shows (keys are a public contract: an input of a verdict is not one).
    public_fields: ClassVar[tuple[str, ...]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        dataclasses.dataclass(kw_only=True)(cls)
        cls.model_fields = {item.name: item for item in dataclasses.fields(cls)}  # type: ignore[arg-type]
        cls.public_fields = tuple(name for name, item in cls.model_fields.items() if not item.metadata.get(INTERNAL))

    @classmethod
    def model_construct(cls, **values: Any) -> Self:
        return cls(**values)

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        copied = copy.deepcopy(self) if deep else self
        return dataclasses.replace(copied, **(update or {}))  # type: ignore[type-var]

    def model_dump(self, *, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The fields as nested dicts and lists: Python values (Decimal, date), or with ``mode="json"`` the
        values the JSON output has (money as numbers, dates as ISO text)."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode {mode!r}: choose 'python' or 'json'")
        data: dict[str, Any] = plain(self, json_values=mode == "json")
        return _without_none(data) if exclude_none else data

    def model_dump_json(self, *, indent: int | None = None, exclude_none: bool = False) -> str:
        """The JSON the CLI writes (``--format json`` is ``indent=2``): money as JSON numbers with the
        Decimal's digits, dates ISO."""
        return json.dumps(self.model_dump(mode="json", exclude_none=exclude_none), indent=indent, ensure_ascii=False)


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_none(item) for item in value]
    return value


def plain(value: Any, *, json_values: bool = True) -> Any:
    """A result as JSON-ready values (field by field, in declaration order; its public fields only), or with
    ``json_values=False`` as Python values (Decimal, date), as ``dataclasses.asdict`` gave them."""
    if isinstance(value, BaseModel):
        return {name: plain(getattr(value, name), json_values=json_values) for name in type(value).public_fields}
    if isinstance(value, dict):
        return {key: plain(item, json_values=json_values) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item, json_values=json_values) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item, json_values=json_values) for item in value)
    if not json_values:
        return copy.deepcopy(value)
    if isinstance(value, Decimal):
        if len(value.as_tuple().digits) > MAX_EXACT_DIGITS:
            raise ValueError(f"{value} has too many digits to write exactly as a JSON number")
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


INTERNAL = "rvucalc_internal"


def internal(default: Any) -> Any:
    """A field the engine reads that no dump or JSON carries (``BaseModel.public_fields``)."""
    return field(default=default, metadata={INTERNAL: True})


class OtherCounty(BaseModel):
    county_fips: str
    share: Decimal  # of the ZIP's addresses (HUD TOT_RATIO), rounded to 0.0001


class Location(BaseModel):
    locality: str  # 7 digits: MAC + locality number; "0000000" for national
    mac: str | None = None
    locality_number: str | None = None
    name: str
    state: str | None = None
    zip: str | None = None
    zip_state: str | None = None  # the ZIP's state in CMS's ZIP5 file (a Guam ZIP's locality is Hawaii's)
    rural: str | None = None  # ZIP5 rural indicator: R rural, B super rural
    # What that indicator is, beside it (price's JSON said "rural": "B" with no word; `rvucalc zip` says it): the
    # ambulance fee schedule's area, not the DMEPOS rural ZIP list (lookup.pricer.location_rural_meaning)
    rural_meaning: str | None = None
    counties: str | None = None
    counties_source: str | None = None
    # Facility geography (hospital outpatient and ASC wage adjustment)
    county_fips: str | None = None
    county_name: str | None = None
    other_counties: list[OtherCounty] = field(default_factory=list)
    cbsa: str | None = None  # the metropolitan division where the CBSA has divisions; 2 digits: state rural
    cbsa_name: str | None = None
    wage_index: Decimal | None = None
    wage_index_source: str | None = None


class Rvu(BaseModel):
    work: Decimal
    pe_non_facility: Decimal
    pe_facility: Decimal
    mp: Decimal
    total_non_facility: Decimal
    total_facility: Decimal


class Gpci(BaseModel):
    work: Decimal
    pe: Decimal
    mp: Decimal


class Indicator(BaseModel):
    value: str
    meaning: str


# What an amount (a PFS setting's, a site's, a site's total) is: ``priced`` (an amount), ``not_priced`` (Medicare may
# pay, but rvucalc cannot say how much: CMS's file for the year not installed, a line the MAC prices, an APC whose rate
# rvucalc has not) or ``not_payable`` (Medicare does not pay it there). Set where the reason is decided; the renderers
# and the encounter's totals read it, never the reason's words. JSON: ``"status"``.
SiteStatus = Literal["priced", "not_priced", "not_payable"]
PRICED: SiteStatus = "priced"
NOT_PRICED: SiteStatus = "not_priced"
NOT_PAYABLE: SiteStatus = "not_payable"


def _default_status(payable: bool, status: SiteStatus | None) -> SiteStatus:
    """A status not given: priced where payable, else not payable (``not_priced`` is always said where decided)."""
    if status is not None:
        return status
    return PRICED if payable else NOT_PAYABLE


class Adjustment(BaseModel):
    rule: str
    indicator: str | None = None
    percentage: Decimal
    amount_before: Decimal
    amount_after: Decimal


class SettingAmount(BaseModel):
    """The PFS amount in one setting (non-facility = office; facility = hospital, ASC)."""

    payable: bool
    amount: Decimal | None = None
    fee_schedule_amount: Decimal | None = None  # before modifier adjustments
    non_par_amount: Decimal | None = None
    limiting_charge: Decimal | None = None
    reason: str | None = None
    adjustments: list[Adjustment] = field(default_factory=list)
    # The line's units after the first, together, where the encounter's rules pay them less than the first (therapy's
    # later units); None: each unit is paid ``amount``.
    later_units: Decimal | None = None
    status: SiteStatus | None = None  # SiteStatus; None when built: from ``payable`` (``_default_status``)
    # A technical component in a facility (or a technical-only code): the facility's part there, which the hospital or
    # ASC bills, not the physician (engine.pfs.TECHNICAL_IN_FACILITY_REASON); the physician's total leaves it out.
    # Internal (``internal``): a verdict's input, not in the JSON, whose ``status`` and ``reason`` say it.
    facility_part: bool = internal(False)

    def __post_init__(self) -> None:
        self.status = _default_status(self.payable, self.status)


class OpShares(BaseModel):
    pre: Decimal
    intra: Decimal
    post: Decimal


class AnesthesiaUnits(BaseModel):
    base_units: Decimal
    minutes: int
    time_units: Decimal  # minutes / 15, shown to 2 decimals (the amount uses the exact fraction)
    conversion_factor: Decimal
    conversion_factor_source: str


class PfsResult(BaseModel):
    """The PFS side of a line. A code the PFS does not list (a lab, drug, DME or facility-only code)
    has ``in_schedule`` false, no status or RVUs, and both settings not payable with the reason."""

    status: str | None
    status_meaning: str
    global_days: str | None = None
    conversion_factor: Decimal | None = None
    conversion_factor_kind: str | None = None  # "non_qp", "qp" or "single"; "what_if" for --conversion-factor
    rvu: Rvu | None = None
    gpci: Gpci | None = None
    op_shares: OpShares | None = None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    non_facility: SettingAmount
    facility: SettingAmount
    anesthesia: AnesthesiaUnits | None = None
    in_schedule: bool = True
    contractor_priced: bool = False  # status C, or zero RVUs: no national amount (the MAC prices it)


class OppsResult(BaseModel):
    """Hospital outpatient (OPPS) facility payment for the code."""

    payable: bool
    status_indicator: str | None = None
    status_meaning: str | None = None
    apc: str | None = None
    national_rate: Decimal | None = None
    # A rural sole community hospital's (--hospital rural-sch): the national rate x 1.071, rounded to the cent, which
    # the rate is wage-adjusted from (engine.hospitals: the OPPS Pricer's H-SCH-PYMT); None where the add-on is not.
    # A line with a CT, FX or FY reduction is wage-adjusted from its reduced national rate x 1.071 instead (the Pricer
    # reduces first: engine.facility._apc_payment_mills; its adjustment's rule text shows each figure).
    rural_sch_rate: Decimal | None = None
    rate: Decimal | None = None  # wage-adjusted
    national_copayment: Decimal | None = None  # max(national unadjusted, 20% minimum), or the IRA-adjusted one
    copayment: Decimal | None = None  # the rate less Medicare's share of it, capped at the inpatient deductible
    copayment_capped: bool = False
    # The share of the payment Medicare pays (CMS's OPPS Pricer: 1 - national copayment / national rate, 6 decimals):
    # the copayment is the payment less Medicare's share. None where the copayment is Addendum B's own: IRA-adjusted, or
    # of a rate not wage-adjusted (drugs, blood, brachytherapy sources).
    medicare_share: Decimal | None = None
    wage_index: Decimal | None = None
    labor_share: int = 60  # percent of the rate that is wage-adjusted
    installed: bool = True  # False: no OPPS file for the year (the reason says how to add it)
    reason: str | None = None
    release: str | None = None
    adjustments: list[Adjustment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class AscResult(BaseModel):
    """Ambulatory surgical center facility payment for the code."""

    payable: bool
    payment_indicator: str | None = None
    indicator_meaning: str | None = None
    national_rate: Decimal | None = None
    rate: Decimal | None = None  # wage-adjusted where the PI is
    coinsurance: Decimal | None = None
    device_portion: Decimal | None = None  # device-intensive codes (Addendum FF)
    wage_adjusted: bool = False
    wage_index: Decimal | None = None
    labor_share: int = 50
    multiple_procedure_discounting: bool | None = None
    addendum: str | None = None  # AA (covered procedures), BB (ancillary services) or EE (excluded from ASCs)
    ira_adjusted: bool = False  # coinsurance is Addendum BB's IRA-22 adjusted copayment (per unit), not 20%
    installed: bool = True  # False: no ASC addenda for the year (the reason says how to add it)
    reason: str | None = None
    release: str | None = None
    adjustments: list[Adjustment] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class ClfsResult(BaseModel):
    """Clinical Laboratory Fee Schedule: one national rate; no coinsurance and no deductible."""

    payable: bool
    amount: Decimal | None = None
    modifier: str | None = None  # CMS's row: '' or QW (CLIA-waived)
    quarter: str | None = None  # the CLFS release, e.g. 2026-04
    effective_date: dt.date | None = None  # the row's EFF_DATE
    indicator: str | None = None  # N national, L local (priced by the MAC)
    beneficiary: Decimal | None = None
    medicare: Decimal | None = None
    reason: str | None = None
    notes: list[str] = field(default_factory=list)


class DrugResult(BaseModel):
    """Part B drug: the quarter's ASP payment limit per billing unit x units, rounded once."""

    payable: bool
    billing_unit: str | None = None  # HCPCS Code Dosage, e.g. "1 MG"
    limit_per_unit: Decimal | None = None  # three decimals, as CMS prints it
    units: int = 1
    amount: Decimal | None = None
    coinsurance_percent: Decimal | None = None  # the file's, e.g. 20.000 or an inflation-adjusted 17.585
    beneficiary: Decimal | None = None
    medicare: Decimal | None = None
    quarter: str | None = None
    reason: str | None = None
    notes: list[str] = field(default_factory=list)


class DmeposResult(BaseModel):
    """DMEPOS (or PEN) fee schedule: per state, non-rural and rural fees; 20% coinsurance."""

    payable: bool
    state: str | None = None
    modifier: str | None = None  # the row's modifiers, e.g. RR or NU
    non_rural: Decimal | None = None
    rural: Decimal | None = None
    rural_used: bool = False
    amount: Decimal | None = None
    beneficiary: Decimal | None = None
    medicare: Decimal | None = None
    release: str | None = None
    source: str | None = None  # DMEPOS or PEN
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    # The DMEPOS file's JURIS column (engine.schedules.DMEPOS_JURIS_MEANINGS): D the DME MAC's (a supplier's claim), L
    # the A/B MAC's (the practitioner's claim), J either; None for the PEN file, which has no such column.
    juris: str | None = None


class Site(BaseModel):
    """One place of service: what Medicare and the patient pay there, in all."""

    setting: str  # office | hopd | asc
    payable: bool
    facility_payment: Decimal | None = None
    professional_payment: Decimal | None = None
    total: Decimal | None = None
    allowed: Decimal | None = None  # the same amount as total, under batch's name for it (one vocabulary)
    beneficiary: Decimal | None = None
    medicare: Decimal | None = None
    sequestration_applied: bool = False
    reason: str | None = None
    contract_amount: Decimal | None = None  # total x --percent-of-medicare, rounded once (not a Medicare rule)
    # priced | not_priced | not_payable (SiteStatus): what ``payable`` false is, not read from ``reason``'s words
    status: SiteStatus | None = None
    # An encounter's total: its lines the MAC prices that it leaves out (engine.facility.mac_priced_apart: the total is
    # the other lines', "+ N lines the MAC prices"); 0 on a line's own site.
    lines_priced_by_mac: int = 0
    # The physician's (or practitioner's) own claim at a hospital, an ASC or a place with no facility payment: the
    # patient's and Medicare's shares of ``professional_payment`` (batch's professional_beneficiary and
    # professional_medicare; engine.facility.with_professional_shares), known where the facility's part is not priced.
    # None on the office's site (its beneficiary and medicare are the physician's claim's) and where there is no fee.
    professional_beneficiary: Decimal | None = None
    professional_medicare: Decimal | None = None
    # The hospital's or ASC's own claim's part of ``medicare``, before sequestration (None: the site is one claim's,
    # the office's): the 2% is taken off each claim's line apart (engine.kernels.claims_sequestered). Not output.
    facility_medicare: Decimal | None = internal(None)

    def __post_init__(self) -> None:
        self.status = _default_status(self.payable, self.status)


class Source(BaseModel):
    file: str
    release: str
    sha256: str
    role: str
    cms_name: str
    origin: str


class PriceResult(BaseModel):
    code: str
    modifier: str | None  # the first modifier (kept for scripts written against one modifier)
    modifiers: list[str] = field(default_factory=list)
    description: str
    year: int
    release: str
    release_title: str
    date_of_service: dt.date | None = None
    location: Location
    pfs: PfsResult
    opps: OppsResult | None = None
    asc: AscResult | None = None
    clfs: ClfsResult | None = None
    drug: DrugResult | None = None
    dmepos: DmeposResult | None = None
    paid_by: str | None = None  # the schedule that pays the line in the office: pfs, clfs, drug, dmepos (None: none)
    units: int = 1
    sites: list[Site] = field(default_factory=list)
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scenario: str | None = None  # "what-if, not a CMS rate: ..." when the user gave a conversion factor
    # What --percent-of-medicare's contract amounts are of (--paid-for: site, professional, facility); None without one
    contract_of: str | None = None
    # --percent-of-medicare itself (115 = 115% of Medicare), as batch's --summary scenario.percent_of_medicare: a trial
    # found contract amounts in price's JSON and CSV with no word of the percentage that made them. None without one.
    percent_of_medicare: Decimal | None = None


class LocalityInfo(BaseModel):
    locality: str
    mac: str
    locality_number: str
    state: str
    name: str
    description: str
    gpci: Gpci
    counties: str | None
    counties_source: str | None


class LocalityList(BaseModel):
    year: int
    release: str
    localities: list[LocalityInfo]
    sources: list[Source]
    warnings: list[str] = field(default_factory=list)  # another release than the date's (not installed)


class ZipInfo(BaseModel):
    zip: str
    state: str
    locality: LocalityInfo
    rural: str | None
    rural_meaning: str
    split_by_zip4: bool
    # what the rural indicator is (the ambulance fee schedule's area) and is not (the DMEPOS rural ZIP list)
    area_note: str = ""
    year_quarter: str
    year: int
    release: str
    county_fips: str | None = None
    county_name: str | None = None
    other_counties: list[OtherCounty] = field(default_factory=list)
    cbsa: str | None = None
    cbsa_name: str | None = None
    wage_index: Decimal | None = None
    wage_index_source: str | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[Source]


class CodeMatch(BaseModel):
    code: str
    modifier: str | None
    description: str
    status: str  # the PFS status; "" for a code the PFS RVU file does not list
    status_meaning: str
    # The fee schedule whose descriptor matched (pfs, clfs, asp, dmepos, opps, asc) and its release
    schedule: str = "pfs"
    release: str | None = None
    # matched by rvucalc's own name for the service (a preventive service's, engine.preventive), not the descriptor
    name: str = ""


class SearchResult(BaseModel):
    query: str
    year: int
    release: str
    matches: list[CodeMatch]
    truncated: bool
    sources: list[Source]
    searched: list[str] = field(default_factory=list)  # the schedules and releases searched ("PFS 2026C", ...)


class EncounterResult(BaseModel):
    """Several codes in one encounter: each line adjusted, and the totals per site."""

    year: int
    release: str
    location: Location
    lines: list[PriceResult]
    totals: dict[str, Site]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    contract_of: str | None = None  # as PriceResult's
    percent_of_medicare: Decimal | None = None  # as PriceResult's
