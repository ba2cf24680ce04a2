"""The results rvucalc returns: the same models feed the CLI, JSON and the Python API.

Money and factors are ``Decimal`` (exact); the JSON renderer writes them as
JSON numbers. Keys are a public contract: extend, never rename.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field


class Location(BaseModel):
    locality: str  # 7 digits: MAC + locality number; "0000000" for national
    mac: str | None = None
    locality_number: str | None = None
    name: str
    state: str | None = None
    zip: str | None = None
    rural: str | None = None  # ZIP5 rural indicator: R rural, B super rural
    counties: str | None = None
    counties_source: str | None = None


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
    adjustments: list[Adjustment] = Field(default_factory=list)


class OpShares(BaseModel):
    pre: Decimal
    intra: Decimal
    post: Decimal


class PfsResult(BaseModel):
    status: str
    status_meaning: str
    global_days: str
    conversion_factor: Decimal
    conversion_factor_kind: str  # "non_qp", "qp" or "single"
    rvu: Rvu
    gpci: Gpci
    op_shares: OpShares
    indicators: dict[str, Indicator]
    non_facility: SettingAmount
    facility: SettingAmount


class Source(BaseModel):
    file: str
    release: str
    sha256: str
    role: str
    cms_name: str
    origin: str


class PriceResult(BaseModel):
    code: str
    modifier: str | None
    description: str
    year: int
    release: str
    release_title: str
    date_of_service: dt.date | None = None
    location: Location
    pfs: PfsResult
    sources: list[Source]
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


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


class ZipInfo(BaseModel):
    zip: str
    state: str
    locality: LocalityInfo
    rural: str | None
    rural_meaning: str
    split_by_zip4: bool
    year_quarter: str
    year: int
    release: str
    notes: list[str] = Field(default_factory=list)
    sources: list[Source]


class CodeMatch(BaseModel):
    code: str
    modifier: str | None
    description: str
    status: str
    status_meaning: str


class SearchResult(BaseModel):
    query: str
    year: int
    release: str
    matches: list[CodeMatch]
    truncated: bool
    sources: list[Source]
