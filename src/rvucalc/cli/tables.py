"""Human-readable tables (rich) for each result."""

from __future__ import annotations

from decimal import Decimal
from typing import IO

from pydantic import BaseModel
from rich.console import Console
from rich.table import Table

from rvucalc.models import EncounterResult, LocalityList, PriceResult, SearchResult, SettingAmount, Source, ZipInfo


def dollars(amount: Decimal | None) -> str:
    return "—" if amount is None else f"${amount:,.2f}"


def render_table(model: BaseModel, out: IO[str]) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False, width=max(100, Console(file=out).width))
    if isinstance(model, PriceResult):
        _price(console, model)
    elif isinstance(model, EncounterResult):
        _encounter(console, model)
    elif isinstance(model, LocalityList):
        _localities(console, model)
    elif isinstance(model, SearchResult):
        _search(console, model)
    elif isinstance(model, ZipInfo):
        _zip(console, model)
    else:
        raise TypeError(f"no table layout for {type(model).__name__}")


def _sources(console: Console, sources: list[Source]) -> None:
    for source in sources:
        console.print(f"  source: {source.cms_name} [{source.release}] sha256 {source.sha256[:12]}", markup=False)


def _setting_cells(setting: SettingAmount) -> list[str]:
    if not setting.payable:
        return ["not payable", "—", "—"]
    return [dollars(setting.amount), dollars(setting.non_par_amount), dollars(setting.limiting_charge)]


def _price(console: Console, result: PriceResult) -> None:
    pfs = result.pfs
    loc = result.location
    code = "-".join([result.code, *result.modifiers])
    place = (
        "NATIONAL (all GPCIs 1.000)"
        if loc.locality == "0000000"
        else f"{loc.name}, {loc.state} (locality {loc.locality})"
    )
    if loc.zip:
        place += f", ZIP {loc.zip}"
    console.print(f"{code}  {result.description}", markup=False, style="bold")
    console.print(f"Release {result.release}: {result.release_title}", markup=False)
    console.print(f"Where: {place}", markup=False)
    console.print(f"Status {pfs.status}: {pfs.status_meaning}", markup=False)
    kind = {"non_qp": "non-QP", "qp": "qualifying APM (QP)", "single": "CY single CF"}[pfs.conversion_factor_kind]
    console.print(f"Global {pfs.global_days} · CF ${pfs.conversion_factor} ({kind})", markup=False)
    console.print(
        f"RVUs work {pfs.rvu.work}, PE {pfs.rvu.pe_non_facility} office / {pfs.rvu.pe_facility} facility, "
        f"MP {pfs.rvu.mp} · GPCI work {pfs.gpci.work}, PE {pfs.gpci.pe}, MP {pfs.gpci.mp}",
        markup=False,
    )
    table = Table(show_header=True, header_style="bold")
    table.add_column("PFS setting")
    table.add_column("Amount", justify="right")
    table.add_column("Non-par (95%)", justify="right")
    table.add_column("Limiting charge", justify="right")
    settings = (("Office (non-facility)", pfs.non_facility), ("Facility", pfs.facility))
    for label, setting in settings:
        table.add_row(label, *_setting_cells(setting))
    console.print(table)
    for label, setting in settings:
        if setting.reason:
            console.print(f"{label}: {setting.reason}", markup=False)
        for step in setting.adjustments:
            console.print(
                f"{label}: {step.rule}: {dollars(step.amount_before)} -> {dollars(step.amount_after)}",
                markup=False,
            )
    if pfs.anesthesia:
        a = pfs.anesthesia
        console.print(
            f"Anesthesia: ({a.base_units} base + {a.minutes}/15 = {a.time_units} time units) x "
            f"${a.conversion_factor} ({a.conversion_factor_source})",
            markup=False,
        )
    _facility(console, result)
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    _sources(console, result.sources)


SITE_LABELS = {"office": "Office", "hopd": "Hospital outpatient (HOPD)", "asc": "Ambulatory surgical center"}


def _facility(console: Console, result: PriceResult) -> None:
    loc = result.location
    if loc.cbsa or loc.wage_index is not None:
        where = f"CBSA {loc.cbsa} {loc.cbsa_name}" if loc.cbsa else "no CBSA"
        county = f"county {loc.county_fips} ({loc.county_name})" if loc.county_name else f"county {loc.county_fips}"
        wage = f"wage index {loc.wage_index}" if loc.wage_index is not None else "no wage index (national rates)"
        console.print(f"Facility area: {county if loc.county_fips else ''} {where}; {wage}".strip(), markup=False)
        if loc.wage_index_source:
            console.print(f"  wage index: {loc.wage_index_source}", markup=False)
    opps, asc = result.opps, result.asc
    if opps and opps.status_indicator:
        console.print(
            f"OPPS {opps.release}: SI {opps.status_indicator} ({opps.status_meaning}); APC {opps.apc or '—'}; "
            f"national {dollars(opps.national_rate)}",
            markup=False,
        )
    if asc and asc.payment_indicator:
        console.print(
            f"ASC {asc.release}: PI {asc.payment_indicator} ({asc.indicator_meaning}); "
            f"national {dollars(asc.national_rate)}"
            + (f"; device portion {dollars(asc.device_portion)}" if asc.device_portion else ""),
            markup=False,
        )
    if not result.sites:
        return
    table = Table(show_header=True, header_style="bold", title="Where the service is done")
    for column in ("Site", "Facility", "Professional", "Total", "Patient pays", "Medicare pays"):
        table.add_column(column, justify="left" if column == "Site" else "right")
    for site in result.sites:
        if site.payable:
            table.add_row(
                SITE_LABELS[site.setting], dollars(site.facility_payment) if site.setting != "office" else "—",
                dollars(site.professional_payment), dollars(site.total), dollars(site.beneficiary),
                dollars(site.medicare) + (" (seq.)" if site.sequestration_applied else ""),
            )  # fmt: skip
        else:
            table.add_row(SITE_LABELS[site.setting], "not payable", "—", "—", "—", "—")
    console.print(table)
    for site in result.sites:
        if site.reason:
            console.print(f"{SITE_LABELS[site.setting]}: {site.reason}", markup=False)
    for note in (opps.notes if opps else []) + (asc.notes if asc else []):
        console.print(f"Note: {note}", markup=False)


def _localities(console: Console, result: LocalityList) -> None:
    table = Table(title=f"PFS localities, release {result.release} ({len(result.localities)})")
    for column in ("Locality", "State", "Name", "Work", "PE", "MP", "Counties"):
        table.add_column(column, justify="right" if column in ("Work", "PE", "MP") else "left")
    for item in result.localities:
        table.add_row(
            item.locality, item.state, item.name, str(item.gpci.work), str(item.gpci.pe), str(item.gpci.mp),
            item.counties or "",
        )  # fmt: skip
    console.print(table)
    _sources(console, result.sources)


def _search(console: Console, result: SearchResult) -> None:
    table = Table(title=f"Codes matching {result.query!r} in {result.release}")
    for column in ("Code", "Mod", "Description", "Status"):
        table.add_column(column)
    for match in result.matches:
        table.add_row(match.code, match.modifier or "", match.description, match.status)
    console.print(table)
    if result.truncated:
        console.print(f"(first {len(result.matches)} matches; narrow the words or use --limit)", markup=False)
    _sources(console, result.sources)


def _zip(console: Console, result: ZipInfo) -> None:
    loc = result.locality
    console.print(
        f"ZIP {result.zip} ({result.state}) · release {result.release} (ZIP5 quarter {result.year_quarter})",
        markup=False,
    )
    console.print(
        f"Locality {loc.locality}: {loc.name}, {loc.state} (MAC {loc.mac}, locality {loc.locality_number})",
        markup=False,
    )
    console.print(f"GPCI work {loc.gpci.work}, PE {loc.gpci.pe}, MP {loc.gpci.mp}", markup=False)
    console.print(f"Area: {result.rural_meaning} (CMS ZIP5 rural indicator)", markup=False)
    if result.county_fips:
        county = f"{result.county_fips} ({result.county_name})" if result.county_name else result.county_fips
        console.print(f"County: {county}", markup=False)
    if result.cbsa:
        console.print(f"CBSA: {result.cbsa} {result.cbsa_name}", markup=False)
    if result.wage_index is not None:
        console.print(f"Wage index (CY{result.year}): {result.wage_index} — {result.wage_index_source}", markup=False)
    if loc.counties:
        console.print(f"Counties in the locality: {loc.counties} (from {loc.counties_source})", markup=False)
    _sources(console, result.sources)  # notes go to stderr (the CLI prints them)


def _encounter(console: Console, result: EncounterResult) -> None:
    loc = result.location
    place = "NATIONAL" if loc.locality == "0000000" else f"{loc.name}, {loc.state} (locality {loc.locality})"
    console.print(f"Encounter of {len(result.lines)} codes · release {result.release} · {place}", markup=False)
    table = Table(show_header=True, header_style="bold")
    for column in ("Line", "Description", "Office", "Facility", "OPPS", "ASC"):
        table.add_column(column, justify="left" if column in ("Line", "Description") else "right")
    for line in result.lines:
        table.add_row(
            "-".join([line.code, *line.modifiers]),
            line.description,
            dollars(line.pfs.non_facility.amount) if line.pfs.non_facility.payable else "—",
            dollars(line.pfs.facility.amount) if line.pfs.facility.payable else "—",
            dollars(line.opps.rate) if line.opps and line.opps.payable else "—",
            dollars(line.asc.rate) if line.asc and line.asc.payable else "—",
        )
    console.print(table)
    for line in result.lines:
        code = "-".join([line.code, *line.modifiers])
        for label, setting in (("office", line.pfs.non_facility), ("facility", line.pfs.facility)):
            for step in setting.adjustments:
                console.print(
                    f"{code} {label}: {step.rule}: {dollars(step.amount_before)} -> {dollars(step.amount_after)}",
                    markup=False,
                )
        for facility in (line.opps, line.asc):
            for step in facility.adjustments if facility else []:
                console.print(f"{code}: {step.rule}: {dollars(step.amount_before)} -> {dollars(step.amount_after)}")
    totals = Table(show_header=True, header_style="bold", title="Encounter totals by site")
    for column in ("Site", "Facility", "Professional", "Total", "Patient pays", "Medicare pays"):
        totals.add_column(column, justify="left" if column == "Site" else "right")
    for site in result.totals.values():
        if site.payable:
            totals.add_row(
                SITE_LABELS[site.setting], dollars(site.facility_payment), dollars(site.professional_payment),
                dollars(site.total), dollars(site.beneficiary), dollars(site.medicare),
            )  # fmt: skip
        else:
            totals.add_row(SITE_LABELS[site.setting], "not payable", "—", "—", "—", "—")
    console.print(totals)
    for site in result.totals.values():
        if site.reason:
            console.print(f"{SITE_LABELS[site.setting]}: {site.reason}", markup=False)
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    sources = {(s.file, s.release): s for line in result.lines for s in line.sources}
    _sources(console, list(sources.values()))
