"""Loaders for the Physician Fee Schedule files: RVUs, GPCIs, localities, ZIP5.

Each returns a validated DataFrame (see ``tables`` for the shared policies).
Numeric scales: RVUs and op-shares 0.01, GPCIs 0.001, conversion factor 0.0001.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rvucalc.reference.loaders.tables import (
    Column,
    build_frame,
    number,
    read_csv_cells,
    read_fixed_width_cells,
    read_xlsx_cells,
    unique_rows,
)

if TYPE_CHECKING:
    import pandas as pd

DIGIT = r"[0-9]"
HCPCS = r"[0-9A-Z]{5}"

RVU_COLUMNS: tuple[Column, ...] = (
    Column("hcpcs", ("HCPCS",), HCPCS, "a 5-character HCPCS code", upper=True),
    Column("modifier", ("MOD",), r"|[0-9A-Z]{2}", "blank or a 2-character modifier", upper=True),
    Column("description", ("DESCRIPTION",)),
    Column("status", ("STATUS CODE",), r"[A-Z]", "a one-letter status code"),
    number("work_rvu", ("WORK RVU",), 2),
    number("pe_nonfac_rvu", ("NON-FAC PE RVU",), 2),
    Column("nonfac_na", ("NON-FAC NA INDICATOR",), r"|NA", "blank or NA"),
    number("pe_fac_rvu", ("FACILITY PE RVU",), 2),
    Column("fac_na", ("FACILITY NA INDICATOR",), r"|NA", "blank or NA"),
    number("mp_rvu", ("MP RVU",), 2),
    number("nonfac_total", ("NON-FACILITY TOTAL",), 2),
    number("fac_total", ("FACILITY TOTAL",), 2),
    Column("pctc", ("PCTC IND",), DIGIT, "a digit"),
    Column("global_days", ("GLOB DAYS",), r"000|010|090|MMM|XXX|YYY|ZZZ", "a global period"),
    number("pre_op", ("PRE OP",), 2),
    number("intra_op", ("INTRA OP",), 2),
    number("post_op", ("POST OP",), 2),
    Column("mult_proc", ("MULT PROC",), DIGIT, "a digit"),
    Column("bilat_surg", ("BILAT SURG",), DIGIT, "a digit"),
    Column("asst_surg", ("ASST SURG",), DIGIT, "a digit"),
    Column("co_surg", ("CO- SURG", "CO-SURG"), DIGIT, "a digit"),
    Column("team_surg", ("TEAM SURG",), DIGIT, "a digit"),
    # 2026 adds the pricing indicator (9 non-QP, 1 QP); older files lack it.
    Column("pric_ind", ("PRIC IND",), r"|[0-9]", "blank or a digit", required=False),
    Column("endo_base", ("ENDO BASE",), r"|[0-9A-Z]{5}", "blank or a HCPCS code"),
    number("conv_factor", ("CONV FACTOR",), 4),
    Column(
        "diag_supervision",
        ("PHYSICIAN SUPERVISION OF DIAGNOSTIC PROCEDURES", "DIAGNOSTIC PROCEDURES"),
        r"[0-9]{2}|[0-9]A",
        "a supervision code (2 digits, or 6A/7A)",
    ),
    Column("calc_flag", ("CALCULATION FLAG",), DIGIT, "a digit"),
    Column(
        "family_ind",
        ("DIAGNOSTIC IMAGING FAMILY INDICATOR", "FAMILY INDICATOR"),
        r"[0-9]{2}",
        "a 2-digit family indicator",
    ),
    number(
        "opps_nonfac_pe",
        ("NON-FACILITY PE USED FOR OPPS PAYMENT AMOUNT", "NON-FAC PAYMENT AMOUNT"),
        2,
    ),
    number("opps_fac_pe", ("FACILITY PE USED FOR OPPS PAYMENT AMOUNT", "FACILITY PAYMENT AMOUNT"), 2),
    number("opps_mp", ("MP USED FOR OPPS PAYMENT AMOUNT", "LIMITING CHARGE AMOUNT"), 2),
)


def load_rvu(path: Path) -> pd.DataFrame:
    """CMS's PPRRVU CSV (stacked header under title rows; 2025 and 2026 layouts)."""
    frame = build_frame(read_csv_cells(path), RVU_COLUMNS, path.name)
    frame = unique_rows(frame, ["hcpcs", "modifier"], path.name)
    return frame


def _gpci_columns(year: int) -> tuple[Column, ...]:
    return (
        Column(
            "mac",
            ("MEDICARE ADMINISTRATIVE CONTRACTOR (MAC)", "MAC"),
            r"[0-9]{5}",
            "a 5-digit MAC",
            zfill=5,
        ),
        Column("state", ("STATE",), r"[A-Z]{2}", "a state abbreviation"),
        Column("locality_number", ("LOCALITY NUMBER",), r"[0-9]{2}", "a 2-digit locality", zfill=2),
        Column("name", ("LOCALITY NAME",), r".+", "a locality name"),
        number("gpci_work", (f"{year} PW GPCI (WITH 1.0 FLOOR)",), 3),
        number("gpci_pe", (f"{year} PE GPCI",), 3),
        number("gpci_mp", (f"{year} MP GPCI",), 3),
    )


def load_gpci_addendum(path: Path, year: int) -> pd.DataFrame:
    """CMS's GPCI file (Addendum E layout; also the re-formatted 2026 Q1 copy).

    The work GPCI is the one *with* the statutory 1.0 floor (1.5 in Alaska).
    """
    frame = build_frame(read_csv_cells(path), _gpci_columns(year), path.name)
    frame["name"] = frame["name"].str.rstrip("*").str.strip()
    frame = unique_rows(frame, ["mac", "locality_number"], path.name)
    return frame


LOOKUP_LOCALITY_COLUMNS: tuple[Column, ...] = (
    Column("year", ("YEAR",), r"[0-9]{4}", "a year"),
    number("gpci_work", ("GPCI_WORK",), 3),
    number("gpci_pe", ("GPCI_PE",), 3),
    number("gpci_mp", ("GPCI_MP",), 3),
    Column("locality", ("LOCALITY",), r"[0-9]{7}", "a 7-digit MAC+locality"),
    Column("description", ("LOC_DESCRIPTION",), r".+", "a locality description"),
    Column("mac", ("MAC",), r"[0-9]{5}", "a 5-digit MAC"),
    Column("mac_description", ("MAC_DESCRIPTION",)),
)

NATIONAL_LOCALITY = "0000000"


def load_lookup_localities(path: Path) -> pd.DataFrame:
    """GPCIs from the PFS Look-up Tool's locality download (one row per locality).

    Its ``NATIONAL`` row (all GPCIs 1.000) is dropped: national is derived.
    """
    frame = build_frame(read_csv_cells(path), LOOKUP_LOCALITY_COLUMNS, path.name)
    frame = frame[frame["locality"] != NATIONAL_LOCALITY].reset_index(drop=True)
    frame["locality_number"] = frame["locality"].str[5:]
    frame = unique_rows(frame, ["locality"], path.name)
    return frame


LOCCO_COLUMNS: tuple[Column, ...] = (
    Column(
        "mac",
        ("MEDICARE ADMINSTRATIVE CONTRACTOR", "MEDICARE ADMINISTRATIVE CONTRACTOR"),
        r"[0-9]{5}",
        "a 5-digit MAC",
        zfill=5,
    ),
    Column("locality_number", ("LOCALITY NUMBER",), r"[0-9]{2}", "a 2-digit locality", zfill=2),
    Column("state_name", ("STATE",)),
    Column("area", ("FEE SCHEDULE AREA",)),
    Column("counties", ("COUNTIES",)),
)


def load_locality_counties(path: Path) -> pd.DataFrame:
    """CMS's LOCCO file: the counties in each locality.

    The state name is printed once per state; later rows of the state are blank.
    """
    frame = build_frame(read_csv_cells(path), LOCCO_COLUMNS, path.name)
    frame["state_name"] = frame["state_name"].replace("", None).ffill()
    return frame


ZIP5_COLUMNS: tuple[Column, ...] = (
    Column("state", ("STATE",), r"[A-Z]{2}", "a state or territory abbreviation"),
    Column("zip", ("ZIP CODE",), r"[0-9]{5}", "a 5-digit ZIP", zfill=5),
    Column("mac", ("CARRIER",), r"[0-9]{5}", "a 5-digit carrier", zfill=5),
    Column("locality_number", ("LOCALITY",), r"[0-9]{2}", "a 2-digit locality", zfill=2),
    Column("rural", ("RURAL IND",), r"|R|B", "blank, R or B"),
    # 1: the ZIP is split between localities by ZIP+4 (CMS's ZIP9 file decides).
    Column("plus4", ("PLUS 4 FLAG",), r"[01]", "0 or 1"),
    Column("year_quarter", ("YEAR/QTR",), r"[0-9]{4}[1-4]", "YYYYQ"),
)

# 1-based inclusive positions from CMS's ZIP5 record layout (ZIP5lyout.txt).
ZIP5_SPANS = ((1, 2), (3, 7), (8, 12), (13, 14), (15, 15), (21, 21), (76, 80))


def load_zip5(path: Path) -> pd.DataFrame:
    """CMS's ZIP5 file, fixed-width TXT or XLSX: ZIP -> carrier and locality."""
    if path.suffix.lower() == ".xlsx":
        cells = read_xlsx_cells(path)
        first_line = 1
    else:
        header = [names[0] for names in (column.names for column in ZIP5_COLUMNS)]
        cells = [header, *read_fixed_width_cells(path, ZIP5_SPANS)]
        first_line = 0  # the header above is ours, not a line of the file
    frame = build_frame(cells, ZIP5_COLUMNS, path.name, first_line=first_line)
    frame = unique_rows(frame, ["zip"], path.name)
    return frame


def is_lookup_locality_file(path: Path) -> bool:
    """The look-up tool's download starts with ``year,gpci_work``; CMS's addendum with a title."""
    with path.open(encoding="cp1252") as handle:
        return handle.readline().lower().startswith("year,gpci_work")


OPPS_CAP_COLUMNS: tuple[Column, ...] = (
    Column("hcpcs", ("HCPCS",), HCPCS, "a 5-character HCPCS code", upper=True),
    Column("modifier", ("MOD",), r"|[0-9A-Z]{2}", "blank or a 2-character modifier", upper=True),
    Column("status", ("PROCSTAT",), r"[A-Z]", "a status code"),
    Column("mac", ("CARRIER",), r"[0-9]{5}", "a 5-digit carrier", zfill=5),
    Column("locality_number", ("LOCALITY",), r"[0-9]{2}", "a 2-digit locality", zfill=2),
    number("cap_fac", ("FACILITY PRICE",), 2),
    # sic: CMS's header says NON-FACILTY
    number("cap_nonfac", ("NON-FACILTY PRICE", "NON-FACILITY PRICE"), 2),
)


def load_opps_cap(path: Path) -> pd.DataFrame:
    """OPPSCAP: the OPPS-based cap on imaging PFS amounts, per code, carrier and locality."""
    frame = build_frame(read_csv_cells(path), OPPS_CAP_COLUMNS, path.name)
    frame["locality"] = frame["mac"] + frame["locality_number"]
    return unique_rows(frame, ["hcpcs", "modifier", "mac", "locality_number"], path.name)


_ANES_NATIONAL = re.compile(r"([0-9]+\.[0-9]+)\s*$")


def _anes_name(name: str) -> str:
    """2025 has one CF column, 2026 a QP and a non-QP one; each header carries the national CF."""
    if "ANES CF" not in name:
        return name
    return "ANES CF QP" if name.startswith("QUALIFYING APM") else "ANES CF NON-QP"


def load_anesthesia(path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """ANES file: anesthesia CF per locality, and the national CFs named in its header."""
    cells = read_csv_cells(path)
    columns = (
        Column("mac", ("CONTRACTOR",), r"[0-9]{5}", "a 5-digit MAC", zfill=5),
        Column("locality_number", ("LOCALITY",), r"[0-9]{2}", "a 2-digit locality", zfill=2),
        Column("name", ("LOCALITY NAME",)),
        number("anes_cf", ("ANES CF NON-QP",), 2),
        number("anes_cf_qp", ("ANES CF QP",), 2, required=False, blank_ok=True),
    )
    frame = build_frame(cells, columns, path.name, rename=_anes_name)
    frame["locality"] = frame["mac"] + frame["locality_number"]
    national: dict[str, str] = {}
    header = next(row for row in cells if any("ANES CF" in cell.upper() for cell in row))
    for cell in header:
        match = _ANES_NATIONAL.search(cell.strip())
        if match and "ANES CF" in cell.upper():
            national["qp" if _anes_name(" ".join(cell.upper().split())) == "ANES CF QP" else "non_qp"] = match.group(1)
    return unique_rows(frame, ["locality"], path.name), national
