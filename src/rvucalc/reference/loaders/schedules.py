"""Loaders for the Part B fee schedules beyond the PFS: clinical lab (CLFS), drugs (ASP), DMEPOS and PEN.

Scales (exact integers, as CMS prints them):

* CLFS payment rates, DMEPOS/PEN fees, ceilings and floors: cents (CMS prints two decimals).
* ASP payment limits: thousandths of a dollar ("mills"; CMS prints three decimals, 59.726 -> 59726).
* ASP co-insurance and AWP percentages: thousandths of a percent (17.585% -> 17585).

Policies, on top of those in ``tables`` (header found by name under CMS's title rows, cp1252 CSVs,
bad cells reported with file, line and column and the file rejected):

* CLFS rates are zero-padded to eight characters (``00010.56``); they are read as numbers.
* The CLFS Q1 workbook stores numeric HCPCS as numbers (``80053``); codes are zero-padded back to
  five characters. Its rates are numbers too (``10.56``, ``720``).
* CLFS ``EFF_DATE`` (``YYYYMMDD``) becomes an ISO date (``2026-04-01``); an impossible date is a bad cell.
* ASP ``Payment Limit`` ``N/A`` (A9606 in January 2026: no national limit published) is stored as missing;
  any other non-number, including a blank, is a bad cell.
* Non-breaking spaces inside text (the ASP file's ``1 million\\xa0PFU``) become plain spaces.
* DMEPOS and PEN state columns are found by their names, ``AL (NR)`` / ``AL (R)`` (PEN: ``AL(NR)``):
  non-rural and rural fee per state. Every header must be one we know, every state must have both
  columns and every fee cell must be a number: a renamed or missing column rejects the file.
  A fee printed as 0 is kept as 0 (CMS's file, not a missing value).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rvucalc.errors import BadCell, DataFileError
from rvucalc.reference.loaders.tables import (
    Column,
    build_frame,
    find_header,
    number,
    read_csv_cells,
    read_xlsx_cells,
    to_scaled_int,
    unique_rows,
)

if TYPE_CHECKING:
    import pandas as pd

HCPCS_PATTERN = r"[0-9A-Z]{5}"
MODIFIER_PATTERN = r"|[0-9A-Z]{2}"
MONTHS = ("JANUARY", "APRIL", "JULY", "OCTOBER")


def read_cells(path: Path) -> list[list[str]]:
    """A CMS table as text cells: the 508 CSV or the XLSX (the first sheet)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx_cells(path)
    if suffix == ".csv":
        return read_csv_cells(path)
    raise DataFileError(f"{path.name}: rvucalc reads CMS's CSV or XLSX version of this file, not {suffix or 'this'}.")


def _hcpcs(names: tuple[str, ...] = ("HCPCS",)) -> Column:
    return Column("hcpcs", names, HCPCS_PATTERN, "a 5-character HCPCS code", upper=True, zfill=5)


def head_text(cells: Sequence[Sequence[str]], rows: int = 12) -> list[str]:
    """The first rows as single-spaced lines (titles are matched on these)."""
    return [" ".join(" ".join(cell for cell in row if cell).split()) for row in cells[:rows]]


# -- Clinical Laboratory Fee Schedule ----------------------------------------------------------

CLFS_TITLE = re.compile(r"\b(\d{4}) Clinical (?:Diagnostic )?Laboratory Fee Schedule\b", re.IGNORECASE)

CLFS_COLUMNS: tuple[Column, ...] = (
    Column("year", ("YEAR",), r"\d{4}", "a 4-digit year"),
    _hcpcs(),
    Column("modifier", ("MOD",), MODIFIER_PATTERN, "blank or a 2-character modifier", upper=True),
    Column("eff_date", ("EFF_DATE",), r"\d{8}", "a date YYYYMMDD"),
    # CMS's record layout: "National or local pricing indicator".
    Column("indicator", ("INDICATOR",), r"[NL]", "N (national) or L (local pricing)", upper=True),
    number("rate_cents", ("RATE",), 2),
    Column("short_desc", ("SHORTDESC",)),
    Column("long_desc", ("LONGDESC",), required=False),
)


def clfs_title_year(lines: Sequence[str]) -> int | None:
    """The year in '2026 Clinical Diagnostic Laboratory Fee Schedule', if a line has it."""
    for line in lines:
        match = CLFS_TITLE.search(line)
        if match:
            return int(match.group(1))
    return None


def load_clfs(path: Path) -> pd.DataFrame:
    """One row per HCPCS + modifier (QW: CLIA-waived): rate in cents, EFF_DATE as an ISO date."""
    cells = read_cells(path)
    frame = build_frame(cells, CLFS_COLUMNS, path.name)
    bad: list[BadCell] = []
    iso: list[str] = []
    for line, text in zip(frame["line"], frame["eff_date"], strict=True):
        try:
            iso.append(dt.date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat())
        except ValueError:
            bad.append(BadCell(path.name, int(line), "EFF_DATE", text, "a real date YYYYMMDD"))
            iso.append("")
    if bad:
        raise DataFileError(f"{path.name}: {len(bad)} cell(s) failed validation; the file was not loaded.", bad)
    frame["eff_date"] = iso
    frame["year"] = frame["year"].astype(int)
    frame["long_desc"] = frame["long_desc"].fillna("")
    frame.attrs["title_year"] = clfs_title_year(head_text(cells))
    return unique_rows(frame, ["hcpcs", "modifier"], path.name)


# -- ASP drug payment limits -------------------------------------------------------------------

ASP_TITLE = re.compile(r"Payment Allowance Limits for Medicare Part B Drugs", re.IGNORECASE)
ASP_PERIOD = re.compile(
    r"Effective (January|April|July|October) 1, (\d{4}) through (\w+) (\d{1,2}), (\d{4})", re.IGNORECASE
)

ASP_COLUMNS: tuple[Column, ...] = (
    _hcpcs(("HCPCS CODE",)),
    Column("description", ("SHORT DESCRIPTION",)),
    Column("billing_unit", ("HCPCS CODE DOSAGE",), r".+", "the billing unit (e.g. 1 MG)"),
    Column("limit", ("PAYMENT LIMIT",), r"N/A|\$?[0-9,]*\.?[0-9]{0,3}", "a payment limit (3 decimals) or N/A"),
    number("coinsurance_thousandths", ("CO-INSURANCE PERCENTAGE", "COINSURANCE PERCENTAGE"), 3),
    number("vaccine_awp_thousandths", ("VACCINE AWP%",), 3, blank_ok=True, required=False),
    number("vaccine_limit_mills", ("VACCINE LIMIT",), 3, blank_ok=True, required=False),
    number("blood_awp_thousandths", ("BLOOD AWP%",), 3, blank_ok=True, required=False),
    number("blood_limit_mills", ("BLOOD LIMIT",), 3, blank_ok=True, required=False),
    Column("clotting_factor", ("CLOTTING FACTOR",), required=False),
    # A note may run over several lines (A9606: its AWP and WAC amounts).
    Column("notes", ("NOTES",), r"(?s).*", required=False),
)


def asp_period(lines: Sequence[str]) -> tuple[dt.date, str] | None:
    """(first day, 'through' text) from 'Effective January 1, 2026 through March 31, 2026'."""
    for line in lines:
        match = ASP_PERIOD.search(line)
        if match:
            month = MONTHS.index(match.group(1).upper()) * 3 + 1
            through = f"{match.group(3).title()} {match.group(4)}, {match.group(5)}"
            return dt.date(int(match.group(2)), month, 1), through
    return None


def load_asp(path: Path) -> pd.DataFrame:
    """One row per HCPCS: billing unit text, payment limit in mills (missing for N/A), co-insurance
    in thousandths of a percent (inflation-adjusted ones, e.g. J0897 17.585%, kept as printed)."""
    cells = read_cells(path)
    frame = build_frame(cells, ASP_COLUMNS, path.name)
    limits: list[int | None] = []
    bad: list[BadCell] = []
    for line, text in zip(frame["line"], frame["limit"], strict=True):
        cleaned = text.replace("$", "").replace(",", "")
        if text == "N/A":
            limits.append(None)
        elif re.fullmatch(r"\d+(\.\d{0,3})?|\.\d{1,3}", cleaned):
            limits.append(to_scaled_int(cleaned, 3))
        else:
            bad.append(BadCell(path.name, int(line), "Payment Limit", text, "a payment limit (3 decimals) or N/A"))
            limits.append(None)
    if bad:
        raise DataFileError(f"{path.name}: {len(bad)} cell(s) failed validation; the file was not loaded.", bad)
    import pandas as pd

    frame["limit_mills"] = pd.array(limits, dtype="Int64")
    frame = frame.drop(columns=["limit"])
    for name in ("description", "billing_unit", "clotting_factor", "notes"):
        frame[name] = [str(value).replace("\xa0", " ") if value else "" for value in frame[name]]
    period = asp_period(head_text(cells))
    frame.attrs["effective_from"] = period[0] if period else None
    return unique_rows(frame, ["hcpcs"], path.name)


# -- DMEPOS and PEN ----------------------------------------------------------------------------

DMEPOS_TITLE = re.compile(r"Durable Medical Equipment", re.IGNORECASE)
PEN_TITLE = re.compile(r"Parenteral and Enteral Nutrition", re.IGNORECASE)
FEE_SCHEDULE_MONTH = re.compile(r"\b(January|April|July|October) (\d{4}) Fee Schedule\b", re.IGNORECASE)
STATE_COLUMN = re.compile(r"([A-Z]{2}) ?\((NR|R)\)")

_KEY_COLUMNS: tuple[Column, ...] = (
    _hcpcs(),
    Column("mod", ("MOD",), MODIFIER_PATTERN, "blank or a 2-character modifier", upper=True),
    Column("mod2", ("MOD2",), MODIFIER_PATTERN, "blank or a 2-character modifier", upper=True),
)
_DMEPOS_ONLY: tuple[Column, ...] = (
    Column("juris", ("JURIS",), r"[A-Z]", "a one-letter jurisdiction", upper=True),
    Column("catg", ("CATG",), r"[A-Z]{2}", "a 2-letter payment category", upper=True),
    number("ceiling_cents", ("CEILING",), 2),
    number("floor_cents", ("FLOOR",), 2),
)
_DESCRIPTION = Column("description", ("DESCRIPTION", "DESC"))
SOURCES = {"DMEPOS": (*_KEY_COLUMNS, *_DMEPOS_ONLY, _DESCRIPTION), "PEN": (*_KEY_COLUMNS, _DESCRIPTION)}


def dmepos_title(lines: Sequence[str]) -> tuple[str, dt.date] | None:
    """('DMEPOS' or 'PEN', first day) from the title rows ('January 2026 Fee Schedule')."""
    text = " ".join(lines)
    kind = "PEN" if PEN_TITLE.search(text) else "DMEPOS" if DMEPOS_TITLE.search(text) else None
    match = FEE_SCHEDULE_MONTH.search(text)
    if kind is None or match is None:
        return None
    return kind, dt.date(int(match.group(2)), MONTHS.index(match.group(1).upper()) * 3 + 1, 1)


def _state_columns(names: list[str], fixed: Sequence[Column], file: str, header_line: int) -> list[Column]:
    known = {name for column in fixed for name in column.names}
    states: dict[str, set[str]] = {}
    bad: list[BadCell] = []
    for name in names:
        match = STATE_COLUMN.fullmatch(name)
        if match:
            states.setdefault(match.group(1), set()).add(match.group(2))
        elif name and name not in known:
            bad.append(BadCell(file, header_line, name, name, "a known column (<ST> (NR) or <ST> (R) for fees)"))
    bad += [
        BadCell(file, header_line, f"{state} ({kind})", "(missing)", "present beside the other column of its state")
        for state, kinds in states.items()
        for kind in ("NR", "R")
        if kind not in kinds
    ]
    if not states:
        bad.append(BadCell(file, header_line, "<ST> (NR)", "(none)", "one NR and one R fee column per state"))
    if bad:
        raise DataFileError(f"{file}: the fee columns are not CMS's '<ST> (NR)' / '<ST> (R)' per state.", bad)
    columns = []
    for state in states:
        for kind in ("NR", "R"):
            columns.append(number(f"{state}|{kind}", (f"{state} ({kind})", f"{state}({kind})"), 2))
    return columns


def load_dmepos(path: Path, source: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A DMEPOS (``source='DMEPOS'``) or PEN (``'PEN'``) fee schedule: items and their fees per state.

    Items: hcpcs, mod, mod2, source, juris, catg, ceiling_cents, floor_cents (PEN: missing), description,
    line. Fees: one row per item and state: nr_cents (non-rural), r_cents (rural), line.
    """
    import pandas as pd

    fixed = SOURCES[source]
    cells = read_cells(path)
    header_index, names = find_header(cells, fixed, path.name)
    states = _state_columns(names, fixed, path.name, header_index + 1)
    wide = build_frame(cells, (*fixed, *states), path.name)
    wide = unique_rows(wide, ["hcpcs", "mod", "mod2"], path.name)
    wide["description"] = [value.replace("\xa0", " ") for value in wide["description"]]
    items = wide[[column.field for column in fixed] + ["line"]].copy()
    items.insert(3, "source", source)
    for name in ("juris", "catg", "ceiling_cents", "floor_cents"):
        if name not in items:
            items[name] = None
    state_names = list(dict.fromkeys(column.field.split("|")[0] for column in states))
    count = len(wide)
    fees = pd.DataFrame(
        {
            "hcpcs": list(wide["hcpcs"]) * len(state_names),
            "mod": list(wide["mod"]) * len(state_names),
            "mod2": list(wide["mod2"]) * len(state_names),
            "source": source,
            "state": [state for state in state_names for _ in range(count)],
            "nr_cents": [int(v) for state in state_names for v in wide[f"{state}|NR"]],
            "r_cents": [int(v) for state in state_names for v in wide[f"{state}|R"]],
            "line": list(wide["line"]) * len(state_names),
        }
    )
    items.attrs["title"] = dmepos_title(head_text(cells))
    return items, fees
