"""One renderer for every result: ``--format table|json|csv``.

Data goes to stdout; the caller sends messages to stderr. JSON money is a
JSON number with exactly the Decimal's digits.
"""

from __future__ import annotations

import csv
import enum
import re
import sys
from collections.abc import Iterable
from decimal import Decimal
from typing import IO, Any

from rvucalc.models import BaseModel, EncounterResult, LocalityList, PriceResult, SearchResult, SettingAmount, ZipInfo


class OutputFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


class ModifierList(BaseModel):
    """``rvucalc modifiers``: rows of :func:`rvucalc.engine.modifiers.table_rows` (modifier, meaning,
    effect, payment, schedules, source, note, verified), as the engine words them."""

    count: int
    modifiers: list[dict[str, str]]


def to_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=2)


def render(model: BaseModel, fmt: OutputFormat, out: IO[str] | None = None) -> None:
    """The model on ``out`` (stdout), flushed here: a reader that closed the pipe (`| head`) has what it wanted,
    and the run ends quietly with exit 0 (click's own handler of a closed pipe exits 1, the "not found" code)."""
    out = out or sys.stdout
    try:
        _render(model, fmt, out)
        out.flush()
    except BrokenPipeError:
        closed_pipe_exit()


def render_with_errors(
    model: BaseModel,
    fmt: OutputFormat | str,
    errors: list[dict[str, Any]],
    code_column: str = "code",
    stated: frozenset[str] = frozenset(),
) -> None:
    """``render``, and the errors of an encounter's codes rvucalc does not know (``line``: the code's place among the
    codes given, from 1; ``code``, ``error_kind``, ``error``): JSON's ``errors``; a CSV row each, in its line's place,
    its ``error`` and ``error_kind`` columns after the others (batch's columns' names), its code in ``code_column``
    (``modifiers``: the modifier column). No errors: ``render``. ``stated``: the sites (settings) whose reason the run
    said on stderr already, which the table does not repeat under it (``tables.render_table``)."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.table and ((errors and isinstance(model, EncounterResult)) or stated):
        # An encounter's table lists its lines not priced too, below its lines (``tables.render_table``): a
        # chiropractor's trial redirected the table and lost three denied lines said on stderr alone.
        from rvucalc.cli.tables import render_table

        try:
            render_table(model, sys.stdout, errors if isinstance(model, EncounterResult) else (), stated)
            sys.stdout.flush()
        except BrokenPipeError:
            closed_pipe_exit()
        return
    if not errors or fmt is OutputFormat.table:
        render(model, fmt)
        return
    out = sys.stdout
    try:
        if fmt is OutputFormat.json:
            import json

            # The model's JSON as to_json writes it (money with exactly its digits), its errors the last key.
            text = to_json(model).rstrip()
            assert text.endswith("}")
            said = json.dumps(errors, indent=2).replace("\n", "\n  ")
            out.write(f'{text[:-1].rstrip()},\n  "errors": {said}\n}}\n')
        else:
            rows = csv_rows(model)
            names = [*csv_fieldnames(rows), "error", "error_kind"]
            for error in errors:  # in the order of the lines: each earlier one is in place already
                rows.insert(error["line"] - 1, {code_column: error["code"], "error": error["error"],
                                                "error_kind": error["error_kind"]})  # fmt: skip
            write_csv(out, names, rows)
        out.flush()
    except BrokenPipeError:
        closed_pipe_exit()


def render_errors(fmt: OutputFormat | str, errors: list[dict[str, Any]], code_column: str = "code") -> None:
    """A command that priced nothing: its errors alone, in the shape ``render_with_errors`` gives them beside a
    result (JSON: ``{"errors": [...]}``, each ``line``, ``code``, ``error_kind``, ``error``; CSV: a row each, its
    ``code`` (in ``code_column``), ``error`` and ``error_kind``), so that a script asking for JSON or CSV gets it on
    every exit 1. The table writes nothing (stderr says it)."""
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.table:
        return
    out = sys.stdout
    try:
        if fmt is OutputFormat.json:
            import json

            out.write(json.dumps({"errors": errors}, indent=2) + "\n")
        else:
            write_csv(
                out,
                [code_column, "error", "error_kind"],
                ({**error, code_column: error.get("code") or ""} for error in errors),
                extrasaction="ignore",
            )
        out.flush()
    except BrokenPipeError:
        closed_pipe_exit()


def closed_pipe_exit() -> None:
    """End the run quietly, exit 0: the reader of stdout closed the pipe (`| head`) and has what it wanted."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python's final flush must not meet the closed pipe again
    os.close(devnull)
    raise SystemExit(0) from None


def _render(model: BaseModel, fmt: OutputFormat, out: IO[str]) -> None:
    if fmt is OutputFormat.json:
        out.write(to_json(model) + "\n")
    elif fmt is OutputFormat.csv:
        rows = csv_rows(model)
        write_csv(out, csv_fieldnames(rows), rows)
    else:
        from rvucalc.cli.tables import render_table

        render_table(model, out)


# Columns added to price's CSV after its layout was published, one pattern per addition, in the order they were added.
# Each addition goes after every column before it in any encounter: a review found the site parts (7f361a5) between a
# procedure's site_*_status and a lab's clfs_* in `price 99213 80053 -f csv` (clfs_payable moved from column 86 to 92),
# as first-seen order puts a later line's sections after the earlier line's newer columns. Append new patterns here.
_APPENDED_COLUMNS = (
    re.compile(r"site_\w+_(?:facility|professional)_payment"),
    re.compile(r"drug_notes"),
    re.compile(r"clfs_notes"),  # then dmepos_notes: one order whichever line comes first in an encounter
    re.compile(r"dmepos_notes"),
    re.compile(r"percent_of_medicare"),
    re.compile(r"site_\w+_professional_(?:beneficiary|medicare)"),
)


def write_csv(out: IO[str], names: list[str], rows: Iterable[dict[str, Any]], **options: Any) -> None:
    """The one CSV writer of price, compare, search, data status and the rest: a header, then the rows, a boolean
    cell written `true`/`false` as batch and export write theirs (Arrow's CSV; the README's contract for batch's
    `in_totals`), not Python's `True`/`False`: a script reading `price -f csv` and batch's output alike met both."""
    writer = csv.DictWriter(out, fieldnames=names, restval="", lineterminator="\n", **options)
    writer.writeheader()
    writer.writerows({k: _csv_boolean(v) for k, v in row.items()} for row in rows)


def _csv_boolean(value: Any) -> Any:
    return ("true" if value else "false") if isinstance(value, bool) else value


def csv_fieldnames(rows: list[dict[str, Any]]) -> list[str]:
    """Every row's columns: an encounter's lines can carry different sections (a lab beside a procedure), kept in
    first-seen order, then each later addition (``_APPENDED_COLUMNS``) after them, so an older header is a prefix."""
    names = dict.fromkeys(name for row in rows for name in row)

    def added(name: str) -> int:
        return next((i for i, pattern in enumerate(_APPENDED_COLUMNS, 1) if pattern.fullmatch(name)), 0)

    return sorted(names, key=added)  # stable: first-seen order within each addition


def csv_rows(model: BaseModel) -> list[dict[str, Any]]:
    if isinstance(model, PriceResult):
        return [price_csv_row(model)]
    if isinstance(model, EncounterResult):
        return [price_csv_row(line) for line in model.lines]
    if isinstance(model, ModifierList):
        return [dict(row) for row in model.modifiers]
    if isinstance(model, LocalityList):
        return [
            {
                "year": model.year,
                "release": model.release,
                "locality": item.locality,
                "mac": item.mac,
                "locality_number": item.locality_number,
                "state": item.state,
                "name": item.name,
                "gpci_work": item.gpci.work,
                "gpci_pe": item.gpci.pe,
                "gpci_mp": item.gpci.mp,
                "counties": item.counties,
                "counties_source": item.counties_source,
            }
            for item in model.localities
        ]
    if isinstance(model, SearchResult):
        return [
            {"code": m.code, "modifier": m.modifier or "", "description": m.description, "status": m.status,
             "year": model.year, "release": model.release, "schedule": m.schedule, "schedule_release": m.release or "",
             "name": m.name}
            for m in model.matches
        ]  # fmt: skip
    if isinstance(model, ZipInfo):
        return [
            {
                "zip": model.zip,
                "state": model.state,
                "locality": model.locality.locality,
                "mac": model.locality.mac,
                "locality_number": model.locality.locality_number,
                "locality_name": model.locality.name,
                "rural": model.rural or "",
                "split_by_zip4": model.split_by_zip4,
                "county_fips": model.county_fips or "",
                "cbsa": model.cbsa or "",
                "cbsa_name": model.cbsa_name or "",
                "wage_index": _blank(model.wage_index),
                "year_quarter": model.year_quarter,
                "release": model.release,
            }
        ]
    raise TypeError(f"no CSV layout for {type(model).__name__}")


def price_csv_row(result: PriceResult) -> dict[str, Any]:
    pfs = result.pfs
    row: dict[str, Any] = {
        "code": result.code,
        "modifier": "-".join(result.modifiers),
        "description": result.description,
        "year": result.year,
        "release": result.release,
        "date_of_service": result.date_of_service or "",
        "locality": result.location.locality,
        "locality_name": result.location.name,
        "state": result.location.state or "",
        "zip": result.location.zip or "",
        "status": pfs.status or "",
        "global_days": pfs.global_days or "",
        "conversion_factor": _blank(pfs.conversion_factor),
        "conversion_factor_kind": pfs.conversion_factor_kind or "",
    }
    rvu, gpci = pfs.rvu, pfs.gpci
    row.update(
        {
            "work_rvu": "" if rvu is None else rvu.work,
            "pe_non_facility_rvu": "" if rvu is None else rvu.pe_non_facility,
            "pe_facility_rvu": "" if rvu is None else rvu.pe_facility,
            "mp_rvu": "" if rvu is None else rvu.mp,
            "gpci_work": "" if gpci is None else gpci.work,
            "gpci_pe": "" if gpci is None else gpci.pe,
            "gpci_mp": "" if gpci is None else gpci.mp,
        }
    )
    for prefix, setting in (("non_facility", pfs.non_facility), ("facility", pfs.facility)):
        row.update(_setting_columns(prefix, setting, pfs.contractor_priced))
    loc = result.location
    row.update({"county_fips": loc.county_fips or "", "cbsa": loc.cbsa or "", "wage_index": _blank(loc.wage_index)})
    row.update(
        {
            "units": result.units,
            "paid_by": result.paid_by or "",
            "in_pfs": pfs.in_schedule,
            "contractor_priced": pfs.contractor_priced,
        }
    )
    opps, asc = result.opps, result.asc
    if opps is not None:
        row.update(
            {
                "opps_payable": opps.payable,
                "opps_status_indicator": opps.status_indicator or "",
                "opps_apc": opps.apc or "",
                "opps_national_rate": _blank(opps.national_rate),
                "opps_rate": _blank(opps.rate),
                "opps_copayment": _blank(opps.copayment),
                "opps_reason": opps.reason or "",
                "opps_release": opps.release or "",
            }
        )
    if asc is not None:
        row.update(
            {
                "asc_payable": asc.payable,
                "asc_payment_indicator": asc.payment_indicator or "",
                "asc_national_rate": _blank(asc.national_rate),
                "asc_rate": _blank(asc.rate),
                "asc_coinsurance": _blank(asc.coinsurance),
                "asc_reason": asc.reason or "",
                "asc_release": asc.release or "",
            }
        )
    row.update(_schedule_columns(result))
    for site in result.sites:
        prefix = f"site_{site.setting}"
        row.update(
            {
                f"{prefix}_payable": site.payable,
                f"{prefix}_total": _blank(site.total),
                f"{prefix}_beneficiary": _blank(site.beneficiary),
                f"{prefix}_medicare": _blank(site.medicare),
                f"{prefix}_reason": site.reason or "",
            }
        )
    for site in result.sites:
        if site.contract_amount is not None:
            row[f"site_{site.setting}_contract_amount"] = site.contract_amount
    row["scenario"] = result.scenario or ""
    row["warnings"] = " | ".join(result.warnings)
    # The line's PFS units after the first, together, where the rules pay them less than the first (therapy).
    row["non_facility_later_units"] = _blank(pfs.non_facility.later_units)
    row["facility_later_units"] = _blank(pfs.facility.later_units)
    # Whether a site's medicare amount is after the 2% sequestration (--sequestration), as JSON's sites say it.
    for site in result.sites:
        row[f"site_{site.setting}_sequestration_applied"] = site.sequestration_applied
    # The line's notes (a POS's rate, a waiver, what a modifier did), as JSON's "notes" and batch's note column: a
    # trial found `--setting 02` saying why it is the facility rate in JSON and batch, not in CSV.
    row["notes"] = " | ".join(result.notes)
    # What the payment rules did to each amount (an endoscopy family's base, 50's 150%, J1 packaging, the ASC's
    # discounting), as JSON's adjustments and batch's note say it: a trial found cut amounts in CSV with no reason.
    for prefix, setting in (("non_facility", pfs.non_facility), ("facility", pfs.facility)):
        row[f"{prefix}_adjustments"] = " | ".join(adjustment.rule for adjustment in setting.adjustments)
    for name, part in (("opps", opps), ("asc", asc)):
        if part is not None:
            row[f"{name}_adjustments"] = " | ".join(adjustment.rule for adjustment in part.adjustments)
    # The facility rates' own notes (the C-APC's "complexity adjustments not applied", a copay cap), as JSON's
    # opps.notes / asc.notes: an IR trial found them missing from CSV.
    for name, part in (("opps", opps), ("asc", asc)):
        if part is not None:
            row[f"{name}_notes"] = " | ".join(part.notes)
    # Each site's status (priced, not_priced, not_payable), as JSON's sites say it: last, the columns before it kept.
    for site in result.sites:
        row[f"site_{site.setting}_status"] = site.status
    # An anesthesia line's units and the anesthesia CF that priced it, as JSON's pfs.anesthesia (conversion_factor is
    # the RVU file's PFS CF): after the others, kept (an anesthesia group's trial found neither in CSV).
    if pfs.anesthesia is not None:
        row.update({f"anesthesia_{name}": value for name, value in pfs.anesthesia.model_dump().items()})
    # Each site's facility and professional parts, as JSON's sites[].facility_payment / professional_payment (batch's
    # professional_allowed): a dermatology trial's `price 88305 --setting hopd -f csv` (2026, no Addendum B) had the
    # physician's $34.70 (88305-26's PFS facility amount) nowhere. Appended: the columns before them kept.
    for site in result.sites:
        row[f"site_{site.setting}_facility_payment"] = _blank(site.facility_payment)
        row[f"site_{site.setting}_professional_payment"] = _blank(site.professional_payment)
    # The drug's own notes (an ESRD-use drug's ESRD PPS note, insulin's $35 cap, the ASP file's note), as JSON's
    # drug.notes and batch's note column: a trial found `price J0887 -f csv` without the ESRD note. Appended.
    if result.drug is not None:
        row["drug_notes"] = " | ".join(result.drug.notes)
    # The lab's and the DME item's own notes (the CLFS's "no QW row", KJ's 75%, the DMEPOS rural ZIP file not installed,
    # a state with no separate rural fee), as JSON's clfs.notes / dmepos.notes and batch's note column: a trial found
    # `price E0784-RR-KJ --zip 56701 -f csv`'s dmepos_amount 418.31 (75% of $557.75) with no KJ note. Appended.
    if result.clfs is not None:
        row["clfs_notes"] = " | ".join(result.clfs.notes)
    if result.dmepos is not None:
        row["dmepos_notes"] = " | ".join(result.dmepos.notes)
    # --percent-of-medicare, beside the site_*_contract_amount columns it made (JSON's percent_of_medicare). Appended.
    if result.percent_of_medicare is not None:
        row["percent_of_medicare"] = result.percent_of_medicare
    # The physician's own claim's shares at each site with a facility, as JSON's sites[].professional_beneficiary /
    # professional_medicare (batch's columns of those names): an emergency medicine trial's `price 99285 --setting 23`
    # (2026, no Addendum B) had the physician's $169.59 but neither share. Appended: the columns before them kept.
    for site in result.sites:
        row[f"site_{site.setting}_professional_beneficiary"] = _blank(site.professional_beneficiary)
        row[f"site_{site.setting}_professional_medicare"] = _blank(site.professional_medicare)
    return row


def _schedule_columns(result: PriceResult) -> dict[str, Any]:
    """CLFS, drug and DMEPOS columns, for the sections the result has (as opps_ and asc_)."""
    row: dict[str, Any] = {}
    clfs, drug, dme = result.clfs, result.drug, result.dmepos
    if clfs is not None:
        row.update(
            {
                "clfs_payable": clfs.payable,
                "clfs_amount": _blank(clfs.amount),
                "clfs_modifier": clfs.modifier or "",
                "clfs_quarter": clfs.quarter or "",
                "clfs_effective_date": _blank(clfs.effective_date),
                "clfs_beneficiary": _blank(clfs.beneficiary),
                "clfs_medicare": _blank(clfs.medicare),
                "clfs_reason": clfs.reason or "",
            }
        )
    if drug is not None:
        row.update(
            {
                "drug_payable": drug.payable,
                "drug_billing_unit": drug.billing_unit or "",
                "drug_limit_per_unit": _blank(drug.limit_per_unit),
                "drug_units": drug.units,
                "drug_amount": _blank(drug.amount),
                "drug_coinsurance_percent": _blank(drug.coinsurance_percent),
                "drug_beneficiary": _blank(drug.beneficiary),
                "drug_medicare": _blank(drug.medicare),
                "drug_quarter": drug.quarter or "",
                "drug_reason": drug.reason or "",
            }
        )
    if dme is not None:
        row.update(
            {
                "dmepos_payable": dme.payable,
                "dmepos_source": dme.source or "",
                "dmepos_state": dme.state or "",
                "dmepos_modifier": dme.modifier or "",
                "dmepos_non_rural": _blank(dme.non_rural),
                "dmepos_rural": _blank(dme.rural),
                "dmepos_fee_used": "rural" if dme.rural_used else "non_rural",
                "dmepos_amount": _blank(dme.amount),
                "dmepos_beneficiary": _blank(dme.beneficiary),
                "dmepos_medicare": _blank(dme.medicare),
                "dmepos_release": dme.release or "",
                "dmepos_reason": dme.reason or "",
            }
        )
    return row


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _setting_columns(prefix: str, setting: SettingAmount, contractor_priced: bool = False) -> dict[str, Any]:
    # A MAC-priced code has no national amount: its cells stay empty, never 0.00.
    def cell(value: Decimal | None) -> Any:
        return "" if value is None or contractor_priced else value

    return {
        f"{prefix}_payable": setting.payable and not contractor_priced,
        f"{prefix}_amount": cell(setting.amount),
        f"{prefix}_non_par_amount": cell(setting.non_par_amount),
        f"{prefix}_limiting_charge": cell(setting.limiting_charge),
        f"{prefix}_reason": setting.reason or "",
    }
