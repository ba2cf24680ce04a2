"""Human-readable tables (rich) for each result."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from rich.console import Console
from rich.table import Table

from rvucalc.cli.render import ModifierList
from rvucalc.engine import meanings
from rvucalc.engine.bundled_supplies import BUNDLED_DRESSING_NOTE
from rvucalc.engine.facility import (
    ANCILLARY_WITHOUT_PROCEDURE,
    ASC_UNRANKED_NOTE,
    ASSISTANT_FACILITY_NOTE,
    C_APC_PREVENTIVE_NOTE,
    COMPOSITE_NOTE,
    COMPREHENSIVE_NOTE,
    CONDITIONAL_LAB_PACKAGED,
    CONDITIONAL_SEVERAL_FIGURES,
    CONDITIONAL_SEVERAL_NOTE,
    DEVICE_INTENSIVE_NOTE_START,
    ENDOSCOPY_INCLUDED_WORDS,
    IRA_ASC,
    IRA_HOSPITAL,
    OPPS_BILATERAL_NOTE,
    OPPS_BILATERAL_SITE_REASON,
    PAID_ONCE,
    SPLIT_CARE_FACILITY_NOTES,
    SRS_PLANNING_NOTE,
    facility_free_note,
    facility_item,
    ira_note_for_units,
    is_packaged_note,
    shows_its_figures,
    total_sites,
)
from rvucalc.engine.hopd_therapy import HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE, HOPD_MAMMOGRAPHY_NOTE, hopd_pfs_note
from rvucalc.lookup.schedules import pfs_payment_status
from rvucalc.models import (
    NOT_PAYABLE,
    NOT_PRICED,
    AscResult,
    BaseModel,
    ClfsResult,
    DmeposResult,
    DrugResult,
    EncounterResult,
    LocalityList,
    OppsResult,
    PfsResult,
    PriceResult,
    SearchResult,
    SettingAmount,
    Site,
    Source,
    ZipInfo,
)


def dollars(amount: Decimal | None) -> str:
    return "—" if amount is None else f"${amount:,.2f}"


class DataConsole(Console):
    """A console on stdout: a reader that closed the pipe (`| head`) has what it wanted; main() exits 0 on it
    (rich's own on_broken_pipe exits 1, the "not found" code)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def data_console(out: IO[str] | None = None) -> Console:
    """The console the tables are printed on (at least 100 columns: the amounts are never cut)."""
    return DataConsole(file=out, highlight=False, soft_wrap=False, width=max(100, Console(file=out).width))


def render_table(
    model: BaseModel, out: IO[str], errors: Sequence[dict[str, Any]] = (), on_stderr: frozenset[str] = frozenset()
) -> None:
    """The model's table; ``errors``: an encounter's lines not priced (``render.render_with_errors``'s error objects),
    listed below its lines; ``on_stderr``: the sites (settings) whose reason the run said on stderr, not repeated below
    the table (its cell still reads "not priced")."""
    console = data_console(out)
    if isinstance(model, PriceResult):
        _price(console, model, on_stderr)
    elif isinstance(model, EncounterResult):
        _encounter(console, model, errors, on_stderr)
    elif isinstance(model, LocalityList):
        _localities(console, model)
    elif isinstance(model, SearchResult):
        _search(console, model)
    elif isinstance(model, ZipInfo):
        _zip(console, model)
    elif isinstance(model, ModifierList):
        _modifiers(console, model)
    else:
        raise TypeError(f"no table layout for {type(model).__name__}")


def _unpriced_lines(console: Console, errors: Sequence[dict[str, Any]]) -> None:
    """The encounter's lines not priced (denied, refused, unknown: ``render.render_with_errors``'s error objects), on
    stdout with the priced ones, as JSON's ``errors`` and CSV's error rows carry them: a chiropractor's trial (`price
    98941-AT 97140-GP 99213-25 72100 --provider DC`) read "Encounter of 1 code" and 98941 alone in a redirected table,
    the three denied lines on stderr only. The encounter's totals leave them out."""
    if not errors:
        return
    table = Table(show_header=True, header_style="bold", title="Lines not priced (the totals leave them out)")
    for column in ("Line", "Code", "Status", "Reason"):
        table.add_column(column, justify="right" if column == "Line" else "left", overflow="fold")
    for error in errors:
        kind = str(error.get("error_kind") or "")
        table.add_row(str(error["line"]), str(error["code"]), _UNPRICED_WORDS.get(kind, kind.replace("_", " ")),
                      str(error["error"]))  # fmt: skip
    console.print(table)


def _sources(console: Console, sources: list[Source]) -> None:
    for source in sources:
        console.print(f"  source: {source.cms_name} [{source.release}] sha256 {source.sha256[:12]}", markup=False)


def _setting_cells(setting: SettingAmount) -> list[str]:
    if not setting.payable:
        return ["not priced" if setting.status == NOT_PRICED else "not payable", "—", "—"]
    return [dollars(setting.amount), dollars(setting.non_par_amount), dollars(setting.limiting_charge)]


def _price(console: Console, result: PriceResult, on_stderr: frozenset[str] = frozenset()) -> None:
    loc = result.location
    code = "-".join([result.code, *result.modifiers])
    national = "NATIONAL (all GPCIs 1.000)" if result.pfs.in_schedule else "NATIONAL"
    place = national if loc.locality == "0000000" else f"{loc.name}, {loc.state} (locality {loc.locality})"
    if loc.zip:
        place += f", ZIP {loc.zip}"
    if result.dmepos is not None and result.dmepos.state and loc.locality == "0000000":
        place += f"; DMEPOS fee for {result.dmepos.state}"  # the DMEPOS schedule is set per state, not per locality
        if _dme_item(result):  # no PFS locality prices a DME item: "NATIONAL" said nothing to its supplier
            place = f"DMEPOS fee for {result.dmepos.state} (set per state: no PFS locality applies)"
    console.print(f"{code}  {result.description}", markup=False, style="bold")
    console.print(f"Release {result.release}: {result.release_title}", markup=False)
    if result.scenario:
        console.print(f"SCENARIO: {result.scenario}", markup=False, style="bold")
    console.print(f"Where: {place}", markup=False)
    if result.units != 1:
        console.print(f"Units: {result.units}", markup=False)
    _pfs(console, result)
    _schedules(console, result)
    _facility(console, result, on_stderr)
    # The status line above already says status R's statement (a trial read it twice).
    status_line = f"Status {result.pfs.status}: {result.pfs.status_meaning}" if result.pfs.in_schedule else None
    bilateral = _bilateral_said(site.reason for site in result.sites)
    for note in result.notes:
        if not note.startswith(meanings.PAID_FROM_PREFIX) and note != status_line and note not in bilateral:
            console.print(f"Note: {note}", markup=False)
    _sources(console, result.sources)


CF_KINDS = {
    "non_qp": "non-QP",
    "qp": "qualifying APM (QP)",
    "single": "CY single CF",
    "what_if": "what-if, given by the user",
}
MAC_PRICED = "priced by your Medicare contractor (MAC)"


# Policy steps multiply the exact amount and round once (``engine.policy``), so a step's shown "before" is itself
# rounded: 27447-62-54 shows $838.46 -> $662.39 where 838.46 x 79% is 662.38. Said once, where steps are chained.
CHAINED_STEPS_NOTE = (
    "Each step shows the exact amount so far, rounded to the cent; the next step works on the exact amount, and the "
    "result is rounded once, except after a later therapy unit's reduction, whose amount is in cents (as CMS's payment "
    "file publishes it) before CQ/CO's 85%."
)


def _chained_steps_note(console: Console, step_lists: list[list[Any]]) -> None:
    if any(len(steps) > 1 for steps in step_lists):
        console.print(f"Note: {CHAINED_STEPS_NOTE}", markup=False)


ZERO_SUFFIX = ": $0.00"


def step_line(step: Any) -> str:
    """An adjustment's rule and its amount before and after, as the terminal says it. A rule whose text ends in the
    amount it leaves, ": $0.00" (``engine.visits``' G2211 with an E/M-25, an add-on without its primary ...: the same
    text is batch's note, where the amount is said no other way), says it once: "...: $15.18 -> $0.00", not
    "...: $0.00: $15.18 -> $0.00" (a neurology biller's trial: `price 99214-25 G2211 95816`)."""
    rule = str(step.rule)
    if rule.endswith(ZERO_SUFFIX) and step.amount_after == 0:
        rule = rule[: -len(ZERO_SUFFIX)]
    return f"{rule}: {dollars(step.amount_before)} -> {dollars(step.amount_after)}"


def _step_text(step: Any) -> str:
    """A facility adjustment as the terminal says it: its rule and the rate before and after, or its rule alone when
    it says its own figures (an OPPS APC reduction, worked on the national APC rate: facility.shows_its_figures)."""
    if shows_its_figures(step):
        return str(step.rule)
    return step_line(step)


PFS_UNITS_NOTE = (
    "PFS: the amounts above (the non-par amount and the limiting charge too) are one unit's; the line of {units} "
    "units is in the sites table."
)
# A line whose later units the rules pay apart (SettingAmount.later_units: 64483 x 2, both sides on the first unit and
# the second $0.00; therapy's later units): the amounts are the first unit's. A trial read 64483 x 2's $356.04 under
# "one unit's" as $712.08 for the line, which the sites table gives as $356.04.
PFS_FIRST_UNIT_NOTE = (
    "PFS: the amounts above (the non-par amount and the limiting charge too) are the first unit's; {others} paid "
    "{paid}; the line of {units} units is in the sites table."
)


def other_units(units: int) -> str:
    """The units of a line after its first, as the first-unit notes name them."""
    return "its second unit is" if units == 2 else f"its other {units - 1} units are, together,"


def later_units_said(pfs: PfsResult) -> str | None:
    """What the units after the first of a line are paid together in each PFS setting whose rules pay them apart from
    the first (``later_units``), e.g. "$0.00 (office), $0.00 (facility)"; None when each unit is paid the amount."""
    amounts = (("office", pfs.non_facility), ("facility", pfs.facility))
    said = [f"{dollars(a.later_units)} ({label})" for label, a in amounts if a.payable and a.later_units is not None]
    return ", ".join(said) or None


def _paid_from(notes: list[str], payer: str | None) -> str | None:
    """The line's own paid-from note (a drug at the hospital or ASC setting names that facility's table first:
    meanings.paid_from_note; a drug whose ASP file is not installed has one too: lookup.schedules.statement_payer),
    else the schedule's (None: no schedule pays it and it has no such note)."""
    return next((note for note in notes if note.startswith(meanings.PAID_FROM_PREFIX)), meanings.paid_from_note(payer))


def pfs_reason(pfs: PfsResult) -> str:
    """Why the PFS pays nothing for a code it does not list: the settings' reason, else the status text."""
    return pfs.non_facility.reason or pfs.facility.reason or pfs.status_meaning


def _pfs(console: Console, result: PriceResult) -> None:
    pfs = result.pfs
    if not pfs.in_schedule:
        # One line, no RVUs or empty PFS table: the code is paid (if at all) from another schedule.
        why = pfs_reason(pfs)
        said = why if why.startswith("Not paid under the PFS") else f"Not paid under the PFS: {why}"
        console.print(said, markup=False)
        return
    console.print(f"Status {pfs.status}: {pfs.status_meaning}", markup=False)
    if pfs.contractor_priced:
        # No national amount exists; an amount column here would read as $0.00.
        reason = pfs.non_facility.reason or pfs.facility.reason
        if reason and MAC_PRICED.lower() in reason.lower():
            console.print(f"PFS: {reason}", markup=False)
        else:
            console.print(f"PFS: {MAC_PRICED}" + (f". {reason}" if reason else ""), markup=False)
        return
    stated = _paid_from(result.notes, _other_payer(result))
    if stated and not (pfs.non_facility.payable or pfs.facility.payable):
        # A lab's status X or a drug's status E row: the section below has the amount (or says why it has none).
        console.print(stated, markup=False)
        return
    if pfs.anesthesia is not None:  # its CF is the anesthesia CF (a trial read the PFS CF, "()", on an 00400 line)
        anesthesia = pfs.anesthesia
        console.print(f"Global {pfs.global_days or '—'} · anesthesia CF ${anesthesia.conversion_factor} "
                      f"({anesthesia.conversion_factor_source})", markup=False)  # fmt: skip
    elif pfs.conversion_factor is not None:
        kind = CF_KINDS.get(pfs.conversion_factor_kind or "", pfs.conversion_factor_kind or "")
        said = f" ({kind})" if kind else ""
        console.print(f"Global {pfs.global_days or '—'} · CF ${pfs.conversion_factor}{said}", markup=False)
    if pfs.rvu is not None and pfs.gpci is not None:
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
    if result.units > 1 and (pfs.non_facility.payable or pfs.facility.payable):
        # As batch's pfs_* columns and the encounter table's line amounts: one unit's, the limiting charge (115% of
        # the non-par amount, SSA §1848(g)) of that unit's amount; the sites count the line's units. The table said
        # "Units: 3" above 99213's $96.71 and $105.66 with no word of whose they were.
        later = later_units_said(pfs)
        if later is None:
            console.print(PFS_UNITS_NOTE.format(units=result.units), markup=False)
        else:
            console.print(PFS_FIRST_UNIT_NOTE.format(others=other_units(result.units), paid=later, units=result.units),
                          markup=False)  # fmt: skip
    for label, setting in settings:
        if setting.reason:
            console.print(f"{label}: {setting.reason}", markup=False)
        for step in setting.adjustments:
            console.print(
                f"{label}: {step_line(step)}",
                markup=False,
            )
    _chained_steps_note(console, [setting.adjustments for _, setting in settings])
    if pfs.anesthesia:
        a = pfs.anesthesia
        console.print(
            f"Anesthesia: {anesthesia_units_text(a)} x ${a.conversion_factor} ({a.conversion_factor_source})",
            markup=False,
        )


def anesthesia_units_text(a: Any) -> str:
    """An anesthesia line's units, as the tables say them: "(7 base + 60/15 = 4.0 time units)"."""
    # 01995/01996 are paid no time units whatever the minutes (the line's note says so).
    time = f"{a.minutes}/15 = {a.time_units}" if a.time_units or not a.minutes else "no"
    return f"({a.base_units} base + {time} time units)"


def _other_payer(result: PriceResult) -> str | None:
    """The schedule other than the PFS that pays the line: the core's ``paid_by``, else a payable section."""
    if result.paid_by not in (None, "pfs"):
        return result.paid_by
    for name, section in (("clfs", result.clfs), ("drug", result.drug), ("dmepos", result.dmepos)):
        if section is not None and section.payable:
            return name
    return None


def limit(amount: Decimal | None) -> str:
    """An ASP payment limit per billing unit, with CMS's three decimals."""
    return "—" if amount is None else f"${amount:,.3f}"


def percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def row_label(modifier: str | None) -> str:
    """CMS's row of a fee schedule: its modifier(s), or the code's plain row."""
    return modifier if modifier else "(no modifier)"


def _titled(label: str, release: str | None) -> str:
    return f"{label} {release}" if release else label


def _section_lines(console: Console, label: str, reason: str | None, notes: list[str]) -> None:
    if reason:
        console.print(f"{label}: {reason}", markup=False)
    for note in notes:
        console.print(f"{label} note: {note}", markup=False)


def _schedules(console: Console, result: PriceResult) -> None:
    """The CLFS, drug and DMEPOS sections: only those the result has."""
    if result.clfs is not None:
        _clfs(console, result.clfs, result.units)
    if result.drug is not None:
        _drug(console, result.drug)
    if result.dmepos is not None:
        _dmepos(console, result.dmepos, result.units, _dme_item(result))


def _unpaid(reason: str | None) -> str:
    """A schedule section without an amount: "not priced" when CMS's file is not installed (it says nothing of
    whether Medicare pays: a trial read "DMEPOS: not payable" above "DMEPOS CY2025 not installed"), else "not
    payable"."""
    return "not priced" if reason and "not installed" in reason else "not payable"


def _clfs(console: Console, clfs: ClfsResult, units: int = 1) -> None:
    label = "CLFS"
    if not clfs.payable:
        console.print(f"{_titled(label, clfs.quarter)}: {_unpaid(clfs.reason)}", markup=False)
        _section_lines(console, label, clfs.reason, clfs.notes)
        return
    title = _titled("Clinical Laboratory Fee Schedule", clfs.quarter)
    table = Table(show_header=True, header_style="bold", title=title)
    # A line of several units: the table's amounts are one unit's, the sites table's the line's (a lab trial read
    # 87798 x 3's $35.09 beside the site's $105.27 with nothing saying which was which)
    per_unit = " per unit" if units > 1 else ""
    for column in ("Row", "Effective", f"Amount{per_unit}", "Patient pays", "Medicare pays"):
        table.add_column(column, justify="left" if column in ("Row", "Effective") else "right")
    table.add_row(
        row_label(clfs.modifier),
        clfs.effective_date.isoformat() if clfs.effective_date else "—",
        dollars(clfs.amount),
        dollars(clfs.beneficiary),
        dollars(clfs.medicare),
    )
    console.print(table)
    console.print(f"{label}: national rate; no coinsurance, no deductible.", markup=False)
    if units > 1:
        console.print(f"{label}: the amounts above are one unit's; the line of {units} units is in the sites table.",
                      markup=False)  # fmt: skip
    # The core's note may say the same; once is enough.
    notes = [n for n in clfs.notes if not ("no coinsurance" in n.lower() and "no deductible" in n.lower())]
    _section_lines(console, label, clfs.reason, notes)


def _drug(console: Console, drug: DrugResult) -> None:
    label = "Drug (ASP)"
    if not drug.payable:
        console.print(f"{_titled(label, drug.quarter)}: {_unpaid(drug.reason)}", markup=False)
        _section_lines(console, label, drug.reason, drug.notes)
        return
    table = Table(show_header=True, header_style="bold", title=_titled("Part B drug, ASP payment limit", drug.quarter))
    columns = ("Billing unit", "Limit per unit", "Units", "Amount", "Coinsurance", "Patient pays", "Medicare pays")
    for column in columns:
        table.add_column(column, justify="left" if column == "Billing unit" else "right")
    table.add_row(
        drug.billing_unit or "—",
        limit(drug.limit_per_unit),
        str(drug.units),
        dollars(drug.amount),
        percent(drug.coinsurance_percent),
        dollars(drug.beneficiary),
        dollars(drug.medicare),
    )
    console.print(table)
    units = f"{drug.units} unit" if drug.units == 1 else f"{drug.units} units"
    console.print(f"{label}: limit per billing unit x {units}, rounded once to the cent.", markup=False)
    _section_lines(console, label, drug.reason, drug.notes)


DMEPOS_RURAL_NOTE = (
    "CMS's DMEPOS rural ZIP file is not installed, so rvucalc cannot tell whether a ZIP is rural for DMEPOS"
)


def _dmepos(console: Console, dme: DmeposResult, units: int = 1, supplier_table: bool = False) -> None:
    label = dme.source or "DMEPOS"
    if not dme.payable:
        console.print(f"{_titled(label, dme.release)}: {_unpaid(dme.reason)}", markup=False)
        _section_lines(console, label, dme.reason, dme.notes)
        return
    title = f"{_titled(label + ' fee schedule', dme.release)}, state {dme.state or '—'}"
    table = Table(show_header=True, header_style="bold", title=title)
    for column in ("Row", "Non-rural", "Rural", "Used", "Amount", "Patient pays", "Medicare pays"):
        table.add_column(column, justify="left" if column in ("Row", "Used") else "right")
    table.add_row(
        row_label(dme.modifier),
        dollars(dme.non_rural),
        dollars(dme.rural),
        "rural" if dme.rural_used else "non-rural",
        dollars(dme.amount),
        dollars(dme.beneficiary),
        dollars(dme.medicare),
    )
    console.print(table)
    if dme.rural_used:
        why = "rural fee: --rural was given"
    elif any(note.startswith("No separate rural") for note in dme.notes):  # --rural, and the rural column is 0
        why = "rural fee asked for (--rural): the file has no separate one for this item and state (its note below)"
    elif dme.rural is None or dme.rural == dme.non_rural:  # the rural column is 0 or the same fee: --rural moot
        why = "non-rural fee: the file has no separate rural fee for this item and state"
    else:
        why = f"non-rural fee: the default (--rural for the rural fee); {DMEPOS_RURAL_NOTE.rstrip('.')}"
    console.print(f"{label}: {why}. Coinsurance 20%.", markup=False)
    if units > 1:
        # A DME item's line is in the "Who is paid" table (_dme_supplier_sites), not a sites table.
        where = "the 'Who is paid' table" if supplier_table else "the sites table"
        console.print(f"{label}: the amounts above are one unit's; the line of {units} units is in {where} "
                      "(the patient's 20% of the whole line, rounded once).", markup=False)  # fmt: skip
    _section_lines(console, label, dme.reason, dme.notes)


SITE_LABELS = {
    "office": "Office",
    "hopd": "Hospital outpatient (HOPD)",
    "asc": "Ambulatory surgical center",
    "facility": "Facility (no facility payment priced)",
}

# The office's row at another non-facility place (POS 12 home, 32 nursing facility ...): priced at the office's rate,
# but not at an office (a wound care trial's home and nursing facility visits were labelled "Office"). Named from the
# place's note (engine.place_of_service.resolve_site: "POS 12 (Home): priced like the office ..."); JSON keys unchanged.
_PRICED_LIKE_THE_OFFICE = re.compile(r"POS [0-9]{2} \((.*)\): priced like the office")


def _site_labels(notes: list[str]) -> dict[str, str]:
    for note in notes:
        place = _PRICED_LIKE_THE_OFFICE.match(note)
        if place is not None:
            return {**SITE_LABELS, "office": f"Non-facility ({place.group(1).lower()})"}
    return SITE_LABELS


def _facility(console: Console, result: PriceResult, on_stderr: frozenset[str] = frozenset()) -> None:
    loc = result.location
    # The county's CBSA and wage index set the OPPS and ASC rates alone (the PFS's are set by the locality's GPCIs):
    # said only where a hospital's or ASC's rate is shown, not under --setting office nor for a code no facility
    # rate prices here (99213: OPPS not installed, not on the ASC's lists).
    shown = {site.setting for site in result.sites}
    rated = any(
        facility is not None and facility.rate is not None and setting in shown
        for setting, facility in (("hopd", result.opps), ("asc", result.asc))
    )
    if (loc.cbsa or loc.wage_index is not None) and rated:
        where = f"CBSA {loc.cbsa} {loc.cbsa_name}" if loc.cbsa else "no CBSA"
        county = f"county {loc.county_fips} ({loc.county_name})" if loc.county_name else f"county {loc.county_fips}"
        wage = f"wage index {loc.wage_index}" if loc.wage_index is not None else "no wage index (national rates)"
        console.print(f"Facility area: {county if loc.county_fips else ''} {where}; {wage}".strip(), markup=False)
        if loc.wage_index_source:
            console.print(f"  wage index: {loc.wage_index_source}", markup=False)
    opps, asc = result.opps, result.asc
    # An assistant at surgery's line, a 55 or 56 line, its facility payment taken off (engine.facility.
    # without_facility_payment): the code's national rate is the facility's on its own claim, not this line's (a
    # review: 27447-80 at the ASC, $0.00, showed its national rate and device portion as if paid).
    taken = facility_free_note(result.modifiers)
    line = next((name for note, name in (
        (ASSISTANT_FACILITY_NOTE, "assistant at surgery's line"),
        (SPLIT_CARE_FACILITY_NOTES["55"], "postoperative management (55) line"),
        (SPLIT_CARE_FACILITY_NOTES["56"], "preoperative management (56) line"),
    ) if note == taken and note in result.notes), None)  # fmt: skip

    def assistant(facility: OppsResult | AscResult, name: str) -> str | None:
        if not (line and facility.payable and not facility.rate):
            return None
        return (
            f"no {name} facility payment on this {line} ($0.00): the {name} is paid for the "
            f"procedure (national {dollars(facility.national_rate)}) on its own claim, with the surgeon's line"
        )

    # A site --setting leaves out has no line here either, as the encounter table's columns (a nephrology trial's
    # office-based lab read `price 36902 --setting 11`'s "ASC ... national $2,727.30" as its own).
    if shown and "hopd" not in shown:
        opps = None
    if shown and "asc" not in shown:
        asc = None
    if opps and opps.status_indicator:
        console.print(
            f"OPPS {opps.release}: SI {opps.status_indicator} ({opps.status_meaning}); APC {opps.apc or '—'}; "
            + (assistant(opps, "hospital") or f"national {dollars(opps.national_rate)}"),
            markup=False,
        )
    if asc and asc.payment_indicator:
        console.print(
            f"ASC {asc.release}: PI {asc.payment_indicator} ({asc.indicator_meaning}); "
            + (assistant(asc, "ASC") or (f"national {dollars(asc.national_rate)}"
               + (f"; device portion {dollars(asc.device_portion)}" if asc.device_portion else ""))
               # an ancillary service with no covered surgical procedure (engine.facility): its rate, not paid
               + (f"; rate here {dollars(asc.rate)}, for information (not paid)" if any(
                   site.reason == ANCILLARY_WITHOUT_PROCEDURE for site in result.sites) else "")),
            markup=False,
        )  # fmt: skip
    for label, facility in (("OPPS", opps), ("ASC", asc)):  # every adjustment is listed, as the encounter table does
        for step in facility.adjustments if facility else []:
            console.print(f"{label}: {_step_text(step)}", markup=False)
    if not result.sites:
        return
    labels = _site_labels(result.notes)
    if _dme_supplier_sites(console, result):
        return
    paid_elsewhere = not result.pfs.in_schedule or _other_payer(result) is not None
    if paid_elsewhere and not any(site.payable for site in result.sites):
        # The schedule section above has the amount: a table of three "not payable" rows adds nothing.
        for site in result.sites:
            if site.reason:
                console.print(f"{labels[site.setting]}: {site.reason}", markup=False)
        return
    mac = result.pfs.contractor_priced
    # An item the hospital or ASC bills (A9500, a radiopharmaceutical: engine.facility.facility_item) has no physician's
    # fee there for the MAC to price; in the office the MAC prices it (a review: `price A9500 --setting 22` still read
    # "MAC-priced" under the hospital's Professional, where JSON and batch said no fee).
    item = facility_item(result.code, result.pfs, result.opps, result.asc)
    # Nor has a MAC-priced technical-only code there (77520, proton delivery: engine.pfs.
    # MAC_TECHNICAL_ONLY_IN_FACILITY_REASON, the facility's part): a trial's `price 77520 --setting 22` read
    # "MAC-priced".
    facility_part = item or bool(result.pfs.facility.facility_part)

    def mac_fee(site: Site) -> bool:
        return mac and not site.professional_payment and not (facility_part and site.setting in ("hopd", "asc"))

    contract = any(site.contract_amount is not None for site in result.sites)  # --percent-of-medicare
    table = Table(show_header=True, header_style="bold", title="Where the service is done")
    # The shares are a participating practitioner's: a non-participating one's are of the non-par amount (95%, SSA
    # §1848(a)(3)) the PFS table shows (a chiropractor trial read the par split beside the non-par amount).
    if any(getattr(setting, "limiting_charge", None) is not None for setting in _pfs_settings(result)):
        table.caption = (
            "Patient pays / Medicare pays: a participating practitioner's shares; a non-participating one's are "
            "20% / 80% of the non-par amount above (95%, SSA §1848(a)(3))"
        )
    for column in ("Site", "Facility", "Professional", "Total", "Patient pays", "Medicare pays",
                   *(["Contract"] if contract else [])):  # fmt: skip
        table.add_column(column, justify="left" if column == "Site" else "right")
    for site in result.sites:
        extra = [dollars(site.contract_amount)] if contract else []
        # A MAC-priced global test whose 26 row CMS prices (77013 at an inpatient stay) has the physician's fee there.
        if site.payable and mac_fee(site) and not site.facility_payment:
            table.add_row(labels[site.setting], "—", "MAC-priced", "—", "—", "—", *extra)
        elif site.payable:
            # A MAC-priced professional fee has no national amount: never shown as $0.00.
            professional = "MAC-priced" if mac_fee(site) else dollars(site.professional_payment)
            table.add_row(
                labels[site.setting], dollars(site.facility_payment) if site.setting != "office" else "—",
                professional, dollars(site.total), dollars(site.beneficiary),
                dollars(site.medicare) + (" (seq.)" if site.sequestration_applied else ""), *extra,
            )  # fmt: skip
        else:
            # A CMS file rvucalc lacks says nothing about whether Medicare pays: "not priced", not "not payable".
            # Nor does a MAC's pricing (53 with no CMS row): "not priced" too.
            verdict = "not priced" if site.status == NOT_PRICED else "not payable"  # models.SiteStatus
            # The physician's fee where the facility's part is not priced (engine.facility._site): still known. The
            # office has no facility part: its verdict is the physician's (or supplier's) claim's, its Facility "—" as
            # on every office row (a trial: J2785's office, no ASP file, read "not priced" under Facility).
            facility_cell, professional_cell = verdict, dollars(site.professional_payment)
            if site.setting == "office":
                facility_cell, professional_cell = "—", verdict
            table.add_row(labels[site.setting], facility_cell, professional_cell, "—", "—", "—",
                          *extra)  # fmt: skip
            if site.setting != "office" and site.professional_medicare is not None:
                # The physician's own claim there is still paid (batch's professional_beneficiary/_medicare): its
                # shares on a row of their own, not the site's (an emergency medicine trial read only "—").
                table.add_row(
                    "  its practitioner's claim", "—", dollars(site.professional_payment), "—",
                    dollars(site.professional_beneficiary),
                    dollars(site.professional_medicare) + (" (seq.)" if site.sequestration_applied else ""),
                    *([""] if contract else []),
                )  # fmt: skip
    console.print(table)
    # A global test whose 26 row CMS prices (77013: lines.component_row) has the physician's fee in the sites' totals.
    if any(site.payable and mac_fee(site) for site in result.sites):
        console.print(f"Professional fee: {MAC_PRICED}; not included in the totals.", markup=False)
    if contract:
        console.print(f"Contract: {_contract_basis(result.contract_of, 'the site')} x {_percent(result)}, rounded "
                      "once (a contract's terms, not a Medicare amount).", markup=False)  # fmt: skip
    for site in result.sites:
        if site.reason and site.setting not in on_stderr:  # said on stderr already (``render_table``)
            console.print(f"{labels[site.setting]}: {site.reason}", markup=False)
    # --setting office: the hospital's and ASC's notes are not its (``shown`` above)
    for setting, facility in (("hopd", opps), ("asc", asc)):
        for note in facility.notes if facility and setting in shown else []:
            # an IRA copayment is per billing unit: what the addendum's comes to for the line's units (engine.facility)
            per_unit = facility.national_copayment if isinstance(facility, OppsResult) else (
                asc.coinsurance if asc else None)  # fmt: skip
            console.print(f"Note: {ira_note_for_units(note, per_unit, result.units)}", markup=False)


def _dme_item(result: PriceResult) -> bool:
    """A code only the DMEPOS fee schedule prices (E0601, A7030): on CMS's DMEPOS file (a year's, installed or not),
    with no PFS payment status (not on the PFS, or listed with a status that pays nothing, as A7030-A7039 and A4604's
    X: ``lookup.schedules.pfs_payment_status``, the lookup's own test of a DME item), paid at no hospital or ASC site.
    A trial read A7030-NU's DMEPOS fee under "Office", "Professional", beside E0601-RR's "Who is paid" table."""
    status = result.pfs.status if result.pfs.in_schedule else None
    return (result.dmepos is not None and not pfs_payment_status(status)
            and not any(site.payable for site in result.sites if site.setting != "office"))  # fmt: skip


# Who is paid a DMEPOS item, by CMS's DMEPOS file's JURIS code (Noridian JD DME, "Fee Schedule Column Descriptors":
# "L - Local Part B Carrier jurisdiction"; CGS Part B, "Supplies and Durable Medical Equipment (DME): Which Contractor
# Processes the Claim?": a supply "incident to" a physician's service is submitted to the A/B MAC, non-implanted DME to
# the DME MAC). An item of the A/B MAC's jurisdiction (L: A4561/A4562 pessaries, Q4021 casting supplies) is billed by
# the practitioner who furnishes it, on the practitioner's claim, as batch counts it (engine.schedules.dme_mac_pays).
# A gynecology practice's trial read its CNM's A4562 (ZIP 43215) as paid to "DMEPOS supplier".
# Not the practitioner's alone: JURIS L's VAD supplies (Q0477-Q0506) are a supplier's, "Claims for replacement of
# supplies and accessories used with an external VAD that are furnished by suppliers should be billed to the local
# carriers" (CMS's April 2013 HCPCS update of Q0507/Q0509, as NGS Medicare restates it: "to the Part B MAC"). A review
# read `rvucalc price Q0477` (ZIP 43215, $955.35) as paid to the "Practitioner" who furnishes it.
A_B_MAC_PAID_TO = "Practitioner or supplier (A/B MAC)"
A_B_MAC_ITEM = (
    "billed to the A/B MAC by the practitioner or supplier who furnishes {it} (CMS's DMEPOS file's JURIS L: local Part "
    "B carrier jurisdiction), at the DMEPOS fee"
)


# An item of joint jurisdiction (JURIS J: A4216 saline, A4206-A4218 injection supplies) is billed to either MAC: "Part
# B MAC if incident to a physician's service ... If other, DME MAC" (CMS's DMEPOS HCPCS jurisdiction list, as First
# Coast restates it for 2024); "billable to the carrier if incident to a physician's service" (Cahaba GBA, "Durable
# Medical Equipment (DME) Jurisdictional Chart"). Batch's --summary counts it among the practitioners' claims
# (engine.schedules.dme_mac_pays: the DME MAC's alone is D), so neither payer alone is right: the row names both.
# A review's `rvucalc price A4216` (ZIP 43215) read "DMEPOS supplier".
EITHER_MAC_PAID_TO = "DMEPOS supplier (DME MAC) or practitioner (A/B MAC)"
EITHER_MAC_ITEM = (
    "billed to the DME MAC by a DMEPOS supplier, or to the A/B MAC by the practitioner who furnishes {it} incident to "
    "a service (CMS's DMEPOS file's JURIS J: joint DME MAC/local carrier jurisdiction), at the DMEPOS fee"
)
SUPPLIER_PAID_TO = "DMEPOS supplier"
SUPPLIER_ITEM = "paid to the DMEPOS supplier from the DMEPOS fee schedule"


def _paid_to(dme: DmeposResult | None) -> str:
    """Who is paid a DMEPOS item, by its JURIS code: the A/B MAC's (L), either MAC's (J), else the supplier."""
    juris = dme.juris if dme is not None else None
    return {"L": A_B_MAC_PAID_TO, "J": EITHER_MAC_PAID_TO}.get(juris or "", SUPPLIER_PAID_TO)


def _how_paid(paid_to: str, it: str) -> str:
    """The HOPD/ASC line's words for how an item of ``paid_to`` (``_paid_to``) is paid."""
    if paid_to == A_B_MAC_PAID_TO:
        return A_B_MAC_ITEM.format(it=it)
    if paid_to == EITHER_MAC_PAID_TO:
        return EITHER_MAC_ITEM.format(it=it)
    return SUPPLIER_ITEM


def _supplier_table(
    console: Console,
    groups: list[tuple[str, list[Any]]],
    contract: bool,
    on_stderr: frozenset[str] = frozenset(),
) -> None:
    """The "Who is paid" table of a DME item's or an encounter of DME items' sites (``_dme_supplier_sites``,
    ``_dme_supplier_totals``): the office's row; else the place --setting asked (a SNF, POS 31; a hospital inpatient,
    21), whose "not payable" and reason (engine.facility.DMEPOS_AT_FACILITY_REASON: no Part B payment for DME there,
    Benefit Policy Manual ch. 15 §110.1) JSON and batch say: a podiatry trial's `price L4361 --setting 31` showed the
    fee with "Medicare pays $270.45" and no word of it, beside a "PFS facility rate" note. Reasons already said on
    stderr (``on_stderr``: settings) are not said again. ``groups``: each payer's name ("DMEPOS supplier",
    ``A_B_MAC_PAID_TO``) and its sites, a row each."""
    table = Table(show_header=True, header_style="bold", title="Who is paid")
    for column in ("Paid to", "DMEPOS fee", "Patient pays", "Medicare pays", *(["Contract"] if contract else [])):
        table.add_column(column, justify="left" if column == "Paid to" else "right")
    shown: list[tuple[str, Any]] = []
    for paid_to, sites in groups:
        offices = [site for site in sites if site.setting == "office"]
        supplier = offices or [site for site in sites if site.setting not in ("hopd", "asc")]
        shown += [(paid_to, site) for site in supplier]
    for paid_to, site in shown:
        extra = [dollars(site.contract_amount)] if contract else []
        if site.payable:
            medicare = dollars(site.medicare) + (" (seq.)" if site.sequestration_applied else "")
            table.add_row(paid_to, dollars(site.total), dollars(site.beneficiary), medicare, *extra)
        else:
            verdict = "not priced" if site.status == NOT_PRICED else "not payable"  # models.SiteStatus
            table.add_row(paid_to, verdict, "—", "—", *extra)
    if shown:
        console.print(table)
    for paid_to, site in shown:
        if site.reason and site.setting not in on_stderr:
            console.print(f"{paid_to}: {site.reason}", markup=False)


def _dme_supplier_sites(console: Console, result: PriceResult) -> bool:
    """The sites of a DME item (``_dme_item``): the supplier's DMEPOS fee, named so, and the hospital and ASC said not
    to apply. A DME supplier's trial read E0601's fee under "Office", "Professional", beside an HOPD "not priced ...
    add Addendum B" and an ASC "not payable". The OPPS does not pay non-implantable DME (status indicator Y: "paid
    under the DMEPOS fee schedule", OPPS Addendum D1), nor does the ASC (Benefit Policy Manual ch. 15 §260.4: an ASC
    furnishing non-implantable DME for use at home does so as a DMEPOS supplier, billed to the DME MAC; 42 CFR
    416.164 packages only implanted DME). JSON's ``sites`` are unchanged."""
    if not _dme_item(result):
        return False
    contract = any(site.contract_amount is not None for site in result.sites)
    paid_to = _paid_to(result.dmepos)
    _supplier_table(console, [(paid_to, list(result.sites))], contract)
    if contract:
        console.print(f"Contract: {_contract_basis(result.contract_of, 'the site')} x {_percent(result)}, rounded "
                      "once (a contract's terms, not a Medicare amount).", markup=False)  # fmt: skip
    if any(site.setting in ("hopd", "asc") for site in result.sites):
        # "a DMEPOS item": therapeutic shoes (A5500) are not DME (Benefit Policy Manual ch. 15 §140), yet paid so.
        paid = _how_paid(paid_to, "it")
        console.print(f"Hospital outpatient (HOPD), ambulatory surgical center: do not apply: {result.code} is a "
                      f"DMEPOS item, {paid}, not under the OPPS or the ASC payment system.", markup=False)  # fmt: skip
    return True


def _pfs_cell(pfs: PfsResult, setting: SettingAmount) -> str:
    # A MAC-priced line not payable at its place (R0075 at a SNF or for a hospital inpatient:
    # engine.modifiers.portable_xray_not_payable_reason): "—".
    if pfs.contractor_priced and setting.status != NOT_PAYABLE:
        return "MAC-priced"
    return dollars(setting.amount) if setting.payable else "—"


def _schedule_cell(line: PriceResult) -> str:
    """The CLFS, drug or DMEPOS amount of an encounter line, named by its schedule."""
    for name, section in (("CLFS", line.clfs), ("ASP", line.drug), ("DMEPOS", line.dmepos)):
        if section is not None and section.payable:
            # A drug's amount is the line's (units x the limit, rounded once), a lab's and a DME item's one unit's:
            # the drug's says so (a trial read J3301 x 4's $2.96 as one unit's, under "Line amounts are one unit's").
            line_total = name == "ASP" and line.units > 1
            return f"{dollars(section.amount)} {name}" + (f" ({line.units} units)" if line_total else "")
    return "—"


def _hospital_cell(line: PriceResult) -> str:
    """The hospital's payment of an encounter line, a unit's (the OPPS column): its OPPS rate; or where the hospital
    is paid under the PFS and not the OPPS (``engine.hopd_therapy``), that amount, named so (JSON's ``sites`` hopd
    ``facility_payment``): for screening and diagnostic mammography (``HOPD_MAMMOGRAPHY_NOTE`` and its diagnostic
    note) the locality's PFS technical
    component amount, for outpatient therapy (``HOPD_THERAPY_NOTE``) the line's PFS non-facility amount, the
    office's. A review: the line's OPPS cell said "—" where the hospital's total had its TC amount."""
    if line.opps is not None and line.opps.payable:
        return dollars(line.opps.rate)
    hopd = next((site for site in line.sites if site.setting == "hopd"), None)
    if hopd is None or not hopd.payable or hopd.facility_payment is None:
        return "—"
    if HOPD_MAMMOGRAPHY_NOTE in line.notes or HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE in line.notes:
        return f"{dollars(hopd.facility_payment / line.units)} PFS TC"  # the TC amount times the units: exact
    if hopd_pfs_note(line.code) in line.notes and line.pfs.non_facility.payable:  # therapy's, or DSMT's
        return f"{dollars(line.pfs.non_facility.amount)} PFS"  # a unit's, as the Office column's
    return "—"


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
    table = Table(title=f"Codes matching {result.query!r} in {', '.join(result.searched) or result.release}")
    # A code only another fee schedule lists (E0601: DMEPOS) says which: its PFS status is blank.
    elsewhere = any(match.schedule != "pfs" for match in result.matches)
    # A code found by rvucalc's name for the service (a preventive service's), not by CMS's descriptor, says it.
    named = any(match.name for match in result.matches)
    for column in ("Code", "Mod", "Description", "Status", *(["Schedule"] if elsewhere else []),
                   *(["Matched rvucalc's name"] if named else [])):  # fmt: skip
        table.add_column(column)
    for match in result.matches:
        schedule = [f"{match.schedule.upper()} {match.release or ''}".strip()] if elsewhere else []
        table.add_row(match.code, match.modifier or "", match.description, match.status, *schedule,
                      *([match.name] if named else []))  # fmt: skip
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
    if result.area_note:
        console.print(f"  {result.area_note}", markup=False)
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


# An error kind's word in the encounter's list of lines not priced (``_unpriced_lines``); any other kind's is its name.
_UNPRICED_WORDS = {
    "denied": "denied",
    "not_payable": "not payable",
    "policy_refused": "refused",
    "unknown_code": "unknown code",
}


def _facility_columns(result: EncounterResult) -> tuple[bool, bool]:
    """Whether the encounter's table shows its OPPS and its ASC column. Every site is priced (no --setting): both.
    One place of service given (--setting: the lines' sites and the totals are that one site's, JSON's and CSV's
    likewise): only its own facility's column, the hospital's (hopd: POS 19, 22, 23 ...) or the ASC's (asc: POS 24),
    and neither at the office (11, 81 ...) nor at a place no OPPS/ASC payment is priced for ("facility": 21, 31 ...).
    The PFS's Office and Facility columns stay, its own two rates. A trial: `price 36902 36905 --setting 11` showed
    an ASC $1,282.17 an office-based lab's biller took for its own, and `price 64447 00400 --setting 21` OPPS and
    ASC columns below "no OPPS/ASC facility payment is priced for this place". Presentation only: the amounts are
    the same, and JSON and CSV are unchanged."""
    shown = set(result.totals) | {site.setting for line in result.lines for site in line.sites}
    if len(shown) != 1:
        return True, True
    (setting,) = shown
    return setting == "hopd", setting == "asc"


def _encounter(
    console: Console,
    result: EncounterResult,
    errors: Sequence[dict[str, Any]] = (),
    on_stderr: frozenset[str] = frozenset(),
) -> None:
    labels = _site_labels([*result.notes, *(note for line in result.lines for note in line.notes)])
    loc = result.location
    place = "NATIONAL" if loc.locality == "0000000" else f"{loc.name}, {loc.state} (locality {loc.locality})"
    count = len(result.lines)  # one, when the others given were unknown or denied (listed below the lines)
    others = f" (+ {len(errors)} not priced, listed below)" if errors else ""
    console.print(
        f"Encounter of {count} code{'' if count == 1 else 's'}{others} · release {result.release} · {place}",
        markup=False,
    )
    # The lines' CF when it is not the release's usual one (a what-if, the QP CF): the single code's table says it, and
    # a trial found the encounter's priced at $32.8409 with no word of it.
    scenario = next((line.scenario for line in result.lines if line.scenario), None)
    if scenario:
        console.print(f"SCENARIO: {scenario}", markup=False, style="bold")
    kinds = {line.pfs.conversion_factor_kind for line in result.lines if line.pfs.conversion_factor_kind}
    factors = {line.pfs.conversion_factor for line in result.lines if line.pfs.conversion_factor is not None}
    if not scenario and "qp" in kinds and len(factors) == 1:
        console.print(f"Conversion factor: ${factors.pop()} ({CF_KINDS['qp']})", markup=False)
    table = Table(show_header=True, header_style="bold")
    other = any(line.clfs or line.drug or line.dmepos for line in result.lines)
    # Units other than 1: the amounts are one unit's, the totals every unit's (--units applies to every code).
    units = any(line.units != 1 for line in result.lines)
    opps_column, asc_column = _facility_columns(result)
    # Every line a DME item (``_dme_item``: a CPAP set-up, E0601-RR-KH A7030-NU A7035-NU ...): the supplier's claim, as
    # the single code's "Who is paid" table (``_dme_supplier_sites``) has it. A sleep practice's DME trial read the
    # lines under empty "Office", "Facility", "OPPS" and "ASC" columns, the fees' total under Site "Office", column
    # "Professional", beside an HOPD "not priced ... add Addendum B" and an ASC "not payable", each said again for
    # every line. Presentation only: JSON's and CSV's sites and totals are unchanged.
    dme_only = bool(result.lines) and all(_dme_item(line) for line in result.lines)
    if dme_only:
        columns = ["Line", *(["Units"] if units else []), "Description", "DMEPOS fee"]
    else:
        columns = ["Line", *(["Units"] if units else []), "Description", "Office", "Facility"]
        columns += [*(["OPPS"] if opps_column else []), *(["ASC"] if asc_column else [])]
        columns += ["Lab/drug/DME"] if other else []
    for column in columns:
        table.add_column(column, justify="left" if column in ("Line", "Description") else "right")
    for line in result.lines:
        head = ["-".join([line.code, *line.modifiers]), *([str(line.units)] if units else []), line.description]
        if dme_only:
            table.add_row(*head, _schedule_cell(line))
            continue
        cells = [
            *head,
            _pfs_cell(line.pfs, line.pfs.non_facility),
            _pfs_cell(line.pfs, line.pfs.facility),
            *([_hospital_cell(line)] if opps_column else []),
            *([dollars(line.asc.rate) if line.asc and line.asc.payable else "—"] if asc_column else []),
        ]
        if other:
            cells.append(_schedule_cell(line))
        table.add_row(*cells)
    console.print(table)
    _unpriced_lines(console, errors)
    if units:
        console.print("Line amounts are one unit's; the totals count every unit.", markup=False)
        for line in result.lines:  # a line whose later units are paid apart: its amounts are its first unit's
            later = later_units_said(line.pfs)
            if later is not None and line.units > 1:
                code = "-".join([line.code, *line.modifiers])
                console.print(f"{code}: the PFS amounts are its first unit's; {other_units(line.units)} paid {later}.",
                              markup=False)  # fmt: skip
        if any(_schedule_cell(line).endswith(" units)") for line in result.lines):
            console.print("A drug amount marked with its units is the line's (units x the ASP limit, rounded once).",
                          markup=False)  # fmt: skip
    paid_from: dict[str, list[str]] = {}  # a DME encounter's "paid from the DMEPOS fee schedule", once for its lines
    for line in result.lines:
        code = "-".join([line.code, *line.modifiers])
        if BUNDLED_DRESSING_NOTE in line.notes:  # bundled, $0.00: paid from no schedule (its own note says why)
            continue
        stated = _paid_from(line.notes, _other_payer(line))
        if dme_only and stated:
            paid_from.setdefault(stated, []).append(code)
        elif stated and not (line.pfs.non_facility.payable or line.pfs.facility.payable):
            # The schedule that pays it, once (a trial read "0001U: not paid under the PFS: Not paid under the PFS:
            # the RVU file does not list it.").
            console.print(f"{code}: {stated}", markup=False)
        elif not line.pfs.in_schedule:
            why = pfs_reason(line.pfs)
            said = why if why.startswith("Not paid under the PFS") else f"Not paid under the PFS: {why}"
            console.print(f"{code}: {said}", markup=False)
        elif line.pfs.contractor_priced:
            console.print(f"{code}: PFS {MAC_PRICED}", markup=False)
    for stated, codes in paid_from.items():
        console.print(f"{', '.join(codes)}: {stated}", markup=False)
    _chained_steps_note(console, [s.adjustments for line in result.lines
                                  for s in (line.pfs.non_facility, line.pfs.facility)])  # fmt: skip
    composite: list[str] = []  # the Q3 lines a composite APC may pay together: said once, after their steps
    # and the Q1/Q2 lines nothing on the claim packaged, which the code editor may pay one of (a urology trial: 51741
    # 51798 51702 at POS 22 said so in JSON and batch, not at the terminal): said once, likewise
    several: list[str] = []
    stakes: list[str] = []  # and what is at stake there (engine.facility.conditional_several_figures), once
    for line in result.lines:
        code = "-".join([line.code, *line.modifiers])
        for label, setting in (("office", line.pfs.non_facility), ("facility", line.pfs.facility)):
            for step in setting.adjustments:
                console.print(
                    f"{code} {label}: {step_line(step)}",
                    markup=False,
                )
        for setting_name, facility in (("hopd", line.opps), ("asc", line.asc)):  # --setting office: not its rules
            if result.totals and setting_name not in result.totals:
                continue
            for step in facility.adjustments if facility else []:
                console.print(f"{code}: {_step_text(step)}", markup=False)
            for note in facility.notes if facility else []:  # its facility payment on another line of the code
                # or CMS's SRS rule, not applied; or the C-APC's "complexity adjustments not applied" (an IR trial: in
                # JSON and batch, not at the terminal)
                # and a line packaged there (its $0.00: an ASC trial read 64484-50's ASC $0.00 unexplained)
                said_here = note.startswith((PAID_ONCE, CONDITIONAL_LAB_PACKAGED)) or is_packaged_note(note)
                said_here = said_here or ENDOSCOPY_INCLUDED_WORDS in note  # a base endoscopy's $0.00 there
                # What the site's amounts rest on, as a code alone says it: the device portion paid nationally (its
                # caveat: the method is rvucalc's), and a rebatable drug's patient share below 20% (a review: both in
                # JSON and batch, not at the terminal for an encounter)
                if note.startswith((DEVICE_INTENSIVE_NOTE_START, IRA_HOSPITAL, IRA_ASC)):
                    per_unit = (facility.national_copayment if isinstance(facility, OppsResult)
                                else facility.coinsurance if isinstance(facility, AscResult) else None)  # fmt: skip
                    console.print(f"{code}: {ira_note_for_units(note, per_unit, line.units)}", markup=False)
                elif said_here or note in (
                    SRS_PLANNING_NOTE,
                    COMPREHENSIVE_NOTE,
                    ASC_UNRANKED_NOTE,  # why it is paid in full beside a 73 line (a review: "unexplained")
                    C_APC_PREVENTIVE_NOTE,  # why a preventive line is paid beside a J1 (a GI trial read it packaged)
                ):
                    console.print(f"{code}: {note}", markup=False)
                elif note == COMPOSITE_NOTE and code not in composite:  # JSON's and batch's, and the README's
                    # (a radiology trial: `--setting hopd` showed two CT rates with no word of the composite)
                    composite.append(code)
                elif note == CONDITIONAL_SEVERAL_NOTE and code not in several:
                    several.append(code)
                elif note.startswith(CONDITIONAL_SEVERAL_FIGURES) and note not in stakes:
                    stakes.append(note)
        # What the line's units after the first are paid (the notes of facility.later_units_note and
        # policy.therapy_later_units_note, which all speak of "this line"), and the warnings on units CMS pays
        # otherwise (lookup.pricer.units_note, "N units ..."): the totals add up with them.
        for note in line.notes if line.units > 1 else []:
            if "of this line" in note or note.startswith(f"{line.units} units "):
                console.print(f"{code}: {note}", markup=False)
    if composite:
        console.print(f"{', '.join(composite)}: {COMPOSITE_NOTE}", markup=False)
    if several:
        console.print(f"{', '.join(several)}: {CONDITIONAL_SEVERAL_NOTE}", markup=False)
        for note in stakes:
            console.print(f"{', '.join(several)}: {note}", markup=False)
    _line_notes(console, result)
    if dme_only:
        _dme_supplier_totals(console, result, on_stderr)
        return
    totals = Table(show_header=True, header_style="bold", title="Encounter totals by site")
    contract = any(site.contract_amount is not None for site in result.totals.values())  # --percent-of-medicare
    for column in ("Site", "Facility", "Professional", "Total", "Patient pays", "Medicare pays",
                   *(["Contract"] if contract else [])):  # fmt: skip
        totals.add_column(column, justify="left" if column == "Site" else "right")
    for site in result.totals.values():
        extra = [dollars(site.contract_amount)] if contract else []
        if site.payable:
            # The lines the MAC prices, left out (engine.facility.mac_priced_apart): the total is the others'.
            mac = site.lines_priced_by_mac
            plus = f"\n+ {mac} line{'s' if mac > 1 else ''} the MAC prices" if mac else ""
            totals.add_row(
                labels[site.setting], dollars(site.facility_payment), dollars(site.professional_payment),
                dollars(site.total) + plus, dollars(site.beneficiary), dollars(site.medicare), *extra,
            )  # fmt: skip
        else:
            verdict = "not priced" if site.status == NOT_PRICED else "not payable"  # models.SiteStatus
            # The physician's fees where the facility's total is not priced (engine.facility.total_sites); the
            # facility's payment where the physician's total is not (a MAC-priced line a rule ranks).
            facility_cell, professional_cell = verdict, dollars(site.professional_payment)
            if site.setting == "office":  # no facility part: "—", as the single code's office row
                facility_cell, professional_cell = "—", verdict
            elif site.facility_payment is not None and site.professional_payment is None:
                facility_cell, professional_cell = dollars(site.facility_payment), verdict
            elif site.professional_payment is not None and site.lines_priced_by_mac:
                # the physician's fees the MAC prices, left out (lookup.professional.mac_priced_fees)
                mac = site.lines_priced_by_mac
                professional_cell += f"\n+ {mac} line{'s' if mac > 1 else ''} the MAC prices"
            totals.add_row(labels[site.setting], facility_cell, professional_cell, "—", "—", "—", *extra)
            if site.setting != "office" and site.professional_medicare is not None:
                # The physician's own claim there, as the single code's table has it (``_sites``): its shares on a
                # row of their own (a wound care trial's 15271 + Q4101 at POS 22 in 2026 read "—" for both, where
                # JSON's total carried professional_beneficiary and professional_medicare).
                totals.add_row(
                    "  its practitioner's claim", "—", professional_cell, "—",
                    dollars(site.professional_beneficiary),
                    dollars(site.professional_medicare) + (" (seq.)" if site.sequestration_applied else ""),
                    *([""] if contract else []),
                )  # fmt: skip
    if result.totals:
        console.print(totals)
    if contract:
        basis = _contract_basis(result.contract_of, "each line")
        console.print(f"Contract: the sum of the lines' contract amounts, {basis} x {_percent(result)}, rounded "
                      "once (a contract's terms, not a Medicare amount).", markup=False)  # fmt: skip
    for site in result.totals.values():
        if site.reason and site.setting not in on_stderr:  # said on stderr already (``render_table``)
            console.print(f"{labels[site.setting]}: {site.reason}", markup=False)
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    sources = {(s.file, s.release): s for line in result.lines for s in line.sources}
    _sources(console, list(sources.values()))


def _dme_supplier_totals(console: Console, result: EncounterResult, on_stderr: frozenset[str]) -> None:
    """An encounter of DME items alone (``_encounter``): its total is the DMEPOS supplier's, paid by the DME MAC, and
    the hospital and the ASC do not apply (OPPS status indicator Y, Addendum D1: non-implantable DME is paid under the
    DMEPOS fee schedule; Benefit Policy Manual ch. 15 §260.4: an ASC's home-use DME is billed as a DMEPOS supplier),
    as the single code's ``_dme_supplier_sites`` says it."""
    contract = any(site.contract_amount is not None for site in result.totals.values())
    # Items of more than one kind (a casting supply Q4021, JURIS L, beside an orthosis L3908, D; saline A4216, J):
    # a claim each, each its own row, its lines' totals (engine.facility.total_sites, as the encounter's), as batch
    # counts the DME MAC's apart (engine.schedules.dme_mac_pays). An orthopedic review's `price Q4021 L3908` paid the
    # supplier both.
    kinds: dict[str, list[Any]] = {}
    for paid_to in (A_B_MAC_PAID_TO, EITHER_MAC_PAID_TO, SUPPLIER_PAID_TO):
        lines = [line for line in result.lines if _paid_to(line.dmepos) == paid_to]
        if lines:
            kinds[paid_to] = lines
    if len(kinds) > 1:
        groups = [(paid_to, list(total_sites(lines).values())) for paid_to, lines in kinds.items()]
    else:
        groups = [(next(iter(kinds), SUPPLIER_PAID_TO), list(result.totals.values()))]
    _supplier_table(console, groups, contract, on_stderr)
    if contract:
        basis = _contract_basis(result.contract_of, "each line")
        console.print(f"Contract: the sum of the lines' contract amounts, {basis} x {_percent(result)}, rounded "
                      "once (a contract's terms, not a Medicare amount).", markup=False)  # fmt: skip
    if any(site.setting in ("hopd", "asc") for site in result.totals.values()):
        codes = ", ".join(dict.fromkeys(line.code for line in result.lines))
        items = "a DMEPOS item" if len(result.lines) == 1 else "DMEPOS items"
        them = "it" if len(result.lines) == 1 else "them"
        # The supplier's words first where any item is the DME MAC's alone, then each other kind's, by its codes.
        first = SUPPLIER_PAID_TO if SUPPLIER_PAID_TO in kinds or not kinds else next(iter(kinds))
        paid = _how_paid(first, them)
        others = [(paid_to, lines) for paid_to, lines in kinds.items() if paid_to != first]
        for n, (paid_to, lines) in enumerate(others):
            named = ", ".join(dict.fromkeys(line.code for line in lines))
            one = len(lines) == 1
            paid += (f"{', but' if n == 0 else '; and'} {named} {'is' if one else 'are'} "
                     f"{_how_paid(paid_to, 'it' if one else 'them')}")  # fmt: skip
        console.print(f"Hospital outpatient (HOPD), ambulatory surgical center: do not apply: {codes} "
                      f"{'is' if len(result.lines) == 1 else 'are'} {items}, {paid}, not under the OPPS or the ASC "
                      "payment system.", markup=False)  # fmt: skip
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    sources = {(s.file, s.release): s for line in result.lines for s in line.sources}
    _sources(console, list(sources.values()))


def _bilateral_said(reasons: Any) -> frozenset[str]:
    """``OPPS_BILATERAL_NOTE`` where a hospital site's reason printed above says the same (``OPPS_BILATERAL_SITE_
    REASON``: the bilateral payment not applied, the amount one side's): the note is not printed again (a trial's
    `price 29581-50 --setting 22` read it twice, as the site's reason and as a Note). JSON and batch keep both
    fields as they are."""
    said = any(reason and OPPS_BILATERAL_SITE_REASON in reason for reason in reasons)
    return frozenset({OPPS_BILATERAL_NOTE}) if said else frozenset()


def _line_notes(console: Console, result: Any) -> None:
    """The lines' other notes (a global package, a rule's reason, a modifier's meaning), as JSON's and CSV's
    ``notes`` carry them: each once, after the codes it is on (a trial's coder never saw the global-package note at
    the terminal). The encounter's own notes and the units notes above are not repeated."""
    said = set(result.notes) | _bilateral_said(site.reason for site in result.totals.values())
    codes: dict[str, list[str]] = {}
    for line in result.lines:
        code = "-".join([line.code, *line.modifiers])
        # A rule printed above as a step of its amounts (status T's bundling) is not said again.
        steps = {step.rule for setting in (line.pfs.non_facility, line.pfs.facility) for step in setting.adjustments}
        # and its drug's (an ESRD-use drug's ESRD PPS note: the single code's "Drug (ASP) note", JSON's drug.notes,
        # batch's note column; a trial found the encounter's table without it), and its DME item's (a capped rental
        # billed RR without KH, KI or KJ, the rural ZIP file not installed: a home health trial found neither here)
        # and its lab test's (the ESRD PPS bundle at POS 65, a CLIA-waived version without QW: a nephrology trial found
        # neither here), but the CLFS's "no coinsurance and no deductible", which the totals show
        clfs_notes = [n for n in (line.clfs.notes if line.clfs is not None else [])
                      if not ("no coinsurance" in n.lower() and "no deductible" in n.lower())]  # fmt: skip
        schedule_notes = [*(line.drug.notes if line.drug is not None else []), *clfs_notes,
                          *(line.dmepos.notes if line.dmepos is not None else [])]  # fmt: skip
        for note in [*line.notes, *schedule_notes]:
            if note.startswith(meanings.PAID_FROM_PREFIX):  # said with the line's code above
                continue
            if note in said or (line.units > 1 and ("of this line" in note or note.startswith(f"{line.units} units "))):
                continue
            if note in steps or any(note.startswith(rule) for rule in steps):
                continue
            mine = codes.setdefault(note, [])
            if code not in mine:
                mine.append(code)
    for note, on in codes.items():
        # A note that begins with its one line's code as a label ("A0427: codes like it are paid from ...") is said as
        # it is (a trial read "A0427: A0427: codes like it ..."); one that begins with the code in a sentence ("E0601
        # is a capped rental item ...") keeps the line's label, its modifiers with it (E0601-RR).
        alone = len(on) == 1 and re.match(rf"{re.escape(on[0].split('-')[0])}:", note)
        console.print(note if alone else f"{', '.join(on)}: {note}", markup=False)


def _modifiers(console: Console, result: ModifierList) -> None:
    table = Table(title=f"Claim modifiers ({result.count})", show_lines=True, expand=True)
    table.add_column("Modifier", no_wrap=True)
    for column, ratio in (("Meaning", 3), ("Payment", 3), ("Schedules", 1), ("Source", 4)):
        table.add_column(column, ratio=ratio)
    from rvucalc.engine.modifiers import ALL_SCHEDULES

    for row in result.modifiers:
        payment = row["payment"]
        if row.get("note"):
            payment += f". {row['note']}"
        if row.get("verified") == "no":
            payment += " (unverified)"
        schedules = "all" if set(row["schedules"].split(",")) == ALL_SCHEDULES else row["schedules"].replace(",", ", ")
        table.add_row(row["modifier"], row["meaning"], payment, schedules, row["source"])
    console.print(table)


def _percent(result: PriceResult | EncounterResult) -> str:
    """The caption's percentage: '115% (--percent-of-medicare)'."""
    return f"{result.percent_of_medicare}% (--percent-of-medicare)"


def _contract_basis(paid_for: str | None, whose: str) -> str:
    """What the contract amounts are of, in the caption's words (``--paid-for``: a review read "the site's total"
    under ``--paid-for professional``)."""
    if paid_for == "professional":
        return f"{whose}'s professional fee (the physician's claim: --paid-for professional)"
    if paid_for == "facility":
        return f"{whose}'s facility payment (the total less the physician's claim: --paid-for facility)"
    return f"{whose}'s total"


def _pfs_settings(result: Any) -> list[Any]:
    """The PFS settings (office, facility) the PFS table shows, with their non-par amount and limiting charge."""
    pfs = getattr(result, "pfs", None)
    return [] if pfs is None else [pfs.non_facility, pfs.facility]
