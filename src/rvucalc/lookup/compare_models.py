"""Results of the compare-and-plan questions: one code in every locality, what changed between
releases. Same conventions as ``rvucalc.models``: built with ``model_construct`` from engine
values, money and factors ``Decimal``, list fields default to a new empty list; keys are a public contract.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from decimal import Decimal

from rvucalc.models import AnesthesiaUnits, BaseModel, Gpci, Rvu, SettingAmount, Source, internal


class LocalityPfs(BaseModel):
    facility: SettingAmount
    non_facility: SettingAmount


class Difference(BaseModel):
    """A locality's amount against national: None where either is not payable."""

    facility: Decimal | None = None
    non_facility: Decimal | None = None
    facility_percent: Decimal | None = None  # of national, 2 decimals
    non_facility_percent: Decimal | None = None


class LocalityAmount(BaseModel):
    locality: str  # 7 digits; "0000000" for national
    name: str
    state: str | None = None
    gpci: Gpci
    pfs: LocalityPfs
    difference_from_national: Difference
    anesthesia_conversion_factor: Decimal | None = None  # an anesthesia code's: this locality's (national: CMS's)


class Spread(BaseModel):
    """Minimum, median and maximum over the payable localities of one setting."""

    payable_localities: int
    minimum: Decimal | None = None
    minimum_locality: str | None = None
    median: Decimal | None = None  # with an even count, the mean of the middle two rounded half-up
    maximum: Decimal | None = None
    maximum_locality: str | None = None


class AllLocalities(BaseModel):
    code: str
    modifier: str | None = None
    modifiers: list[str] = field(default_factory=list)
    description: str
    year: int
    release: str
    release_title: str
    date_of_service: dt.date | None = None
    status: str
    status_meaning: str
    conversion_factor: Decimal
    conversion_factor_kind: str
    scenario: str | None = None  # "what-if, not a CMS rate: ..." when a user CF was used
    rvu: Rvu
    state: str | None = None  # the --state filter, when given
    sorted_by: str  # "non_facility" or "facility": the setting the localities are ordered by (descending)
    national: LocalityAmount
    localities: list[LocalityAmount]
    summary: dict[str, Spread]  # "facility", "non_facility"
    # An anesthesia code (status J) priced from its base units and minutes: those units and the national anesthesia
    # CF; each locality's own CF is its ``anesthesia_conversion_factor``. None for other codes.
    anesthesia: AnesthesiaUnits | None = None
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# -- what changed between two releases -------------------------------------


class AmountChange(BaseModel):
    """One amount (a PFS setting, an OPPS/ASC rate or copayment) in each release."""

    before: Decimal | None = None
    after: Decimal | None = None
    difference: Decimal | None = None
    percent: Decimal | None = None  # of before, 2 decimals
    payable_before: bool = False
    payable_after: bool = False
    reason_before: str | None = None
    reason_after: str | None = None
    # Where a PFS fee change came from, each step holding the others as they were
    # (RVUs first, then GPCIs, then the CF); the steps add up to the fee schedule amount's change.
    from_rvu: Decimal | None = None
    from_gpci: Decimal | None = None
    from_conversion_factor: Decimal | None = None
    from_other: Decimal | None = None  # payment rules (modifiers, the OPPS cap) on top of the fee
    # OPPS SI N or ASC PI N1 at $0.00 in that release: packaged (paid within another procedure's payment), no price of
    # its own (a review read 64484's "$0.00 unchanged" as a free service)
    packaged_before: bool = False
    packaged_after: bool = False
    # PFS: the OPPS imaging cap (DRA 2005 §5102(b): the lower of the PFS amount and CMS's OPPSCAP amount for the
    # locality) set the amount in that release. Set in both, the change is the cap's own: ``from_other`` holds all of
    # it (the RVU, GPCI and CF parts $0.00: they moved a PFS amount above the cap, which paid nothing); set in one,
    # ``from_other`` is what the cap took off (or gave back). Added after the keys above, which scripts read.
    capped_before: bool = False
    capped_after: bool = False


class ComponentChange(BaseModel):
    """A factor of the amount that moved: an RVU, a GPCI, the CF, an OPPS/ASC weight or wage index, an ASC J8
    code's device portion (Addendum FF: ``device_portion``, not wage-adjusted)."""

    component: str
    before: Decimal | None = None
    after: Decimal | None = None
    change: Decimal | None = None


class IndicatorChange(BaseModel):
    """A status or indicator that changed (PFS status, global days, policy indicators; OPPS SI/APC; ASC PI)."""

    field: str
    before: str | None = None
    after: str | None = None
    meaning_before: str | None = None
    meaning_after: str | None = None


class DescriptorChange(BaseModel):
    """CMS's descriptor of a code in each release compared, where they differ (more than in case, spacing or
    punctuation): the code may describe another service in the later release (CPT 2026 redefined 92928, "Prq card
    stent w/angio 1 vsl" -> "Prq tcat plmt ntrac st 1 les"), so its amounts may not be the same service's."""

    before: str
    after: str


class CodeChange(BaseModel):
    code: str
    modifier: str | None = None
    description: str | None = None
    # "changed", "unchanged", "added", "deleted", "not_found"; "not_comparable": a national facility rate on one
    # side and a wage-adjusted one on the other (difference and percent left out, ``not_comparable_reason`` says why)
    change: str
    # pfs: non_facility, facility; opps: rate, copayment; asc: rate
    amounts: dict[str, AmountChange] = field(default_factory=dict)
    components: list[ComponentChange] = field(default_factory=list)  # only those that moved
    indicators: list[IndicatorChange] = field(default_factory=list)  # only those that changed
    explanation: str = ""
    notes: list[str] = field(default_factory=list)
    not_comparable_reason: str | None = None
    # The code's descriptor in each release, where CMS's differ (``DescriptorChange``); None where they do not (or the
    # code is in one release only).
    descriptor_changed: DescriptorChange | None = None
    # A line of a codes file (compare --codes) refused as written: its line in the file (1 the first; a workbook's:
    # its row in the sheet) and the error's kind (malformed_code, bad_modifier), as batch's error_kind; its change is
    # not_found, its explanation the message. None for every other line (and for codes given otherwise).
    line: int | None = None
    error_kind: str | None = None
    # A not_found line whose code is on an installed schedule (a PFS row of the code, or its ASC, OPPS, CLFS, ASP or
    # DMEPOS row): its row says why; no "search by words" for it (a trial: 99213 --what asc). Not in the JSON.
    on_a_schedule: bool = internal(False)


class CompareSide(BaseModel):
    release: str
    year: int
    title: str
    effective_from: dt.date
    # PFS: the conversion factor this side is priced with: CMS's "single" (a year with one), "qp" (--qp) or "non_qp";
    # "what_if": the user's (--conversion-factor, the later side), as price labels it
    conversion_factor_kind: str | None = None


class Comparison(BaseModel):
    what: str  # pfs, asc or opps
    from_release: CompareSide
    to_release: CompareSide
    locality: str | None = None
    locality_name: str | None = None
    zip: str | None = None
    # asc/opps --zip: the CBSA (or state rural area) whose wage index adjusts the rates, the later release's year's
    # (``Pricer.zip``), as export names it; None for pfs or without --zip
    cbsa: str | None = None
    cbsa_name: str | None = None
    scenario: str | None = None  # a what-if CF applies to the "to" side
    sorted_by: str
    codes: list[CodeChange]
    summary: dict[str, int]  # changed, unchanged, added, deleted, not_found, increased, decreased, not_comparable
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
