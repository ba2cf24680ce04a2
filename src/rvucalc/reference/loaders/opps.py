"""Loaders for hospital outpatient (OPPS Addendum B), ASC addenda and wage index files.

Scales: OPPS payment rates and IRA coinsurance percentages 0.001 (CMS prints three decimals), copayments and
ASC rates 0.01, relative weights 0.0001, percentages 0.01, wage indexes 0.0001.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rvucalc.reference.loaders.tables import Column, build_frame, number, read_csv_cells, read_xlsx_cells, unique_rows

if TYPE_CHECKING:
    import pandas as pd

HCPCS = Column("hcpcs", ("HCPCS CODE", "HCPCS"), r"[0-9A-Z]{5}", "a 5-character HCPCS code", upper=True)
DESCRIPTION = Column("description", ("SHORT DESCRIPTOR",))

ADDENDUM_B_COLUMNS: tuple[Column, ...] = (
    HCPCS,
    DESCRIPTION,
    Column("si", ("SI",), r"[A-Z][0-9]?", "a status indicator", upper=True),
    Column("apc", ("APC",), r"|[0-9]{4}", "blank or a 4-digit APC", zfill=4),
    number("weight", ("RELATIVE WEIGHT",), 4, blank_ok=True),
    number("rate", ("PAYMENT RATE",), 3, blank_ok=True),
    number("national_copay", ("NATIONAL UNADJUSTED COPAYMENT",), 2, blank_ok=True),
    number("minimum_copay", ("MINIMUM UNADJUSTED COPAYMENT",), 2, blank_ok=True),
    number("ira_coinsurance_pct", ("IRA COINSURANCE PERCENTAGE",), 3, blank_ok=True, percent=True),
    number("adjusted_copay", ("ADJUSTED BENEFICIARY COPAYMENT",), 2, blank_ok=True),
    Column("note", ("NOTE",)),
)


def load_addendum_b(path: Path) -> pd.DataFrame:
    """OPPS Addendum B, CMS's Section 508 CSV or the XLSX (title rows above the header)."""
    cells = read_xlsx_cells(path) if path.suffix.lower() == ".xlsx" else read_csv_cells(path)
    frame = build_frame(cells, ADDENDUM_B_COLUMNS, path.name)
    frame = unique_rows(frame, ["hcpcs"], path.name)
    return frame


_QUARTER_PREFIX = re.compile(r"^(JANUARY|APRIL|JULY|OCTOBER) [0-9]{4} ")


def strip_quarter(name: str) -> str:
    """'JANUARY 2025 PAYMENT RATE' -> 'PAYMENT RATE': ASC headers carry their quarter."""
    return _QUARTER_PREFIX.sub("", name)


ASC_AA_COLUMNS: tuple[Column, ...] = (
    HCPCS,
    DESCRIPTION,
    Column("multiple_discount", ("SUBJECT TO MULTIPLE PROCEDURE DISCOUNTING",), r"[YN]", "Y or N"),
    Column("pi", ("PAYMENT INDICATOR",), r"[A-Z][0-9]", "a payment indicator", upper=True),
    number("weight", ("PAYMENT WEIGHT",), 4, blank_ok=True),
    number("rate", ("PAYMENT RATE",), 2, blank_ok=True, rounds_resaved=True),
)

ASC_BB_COLUMNS: tuple[Column, ...] = (
    HCPCS,
    DESCRIPTION,
    Column("pi", ("PAYMENT INDICATOR",), r"[A-Z][0-9]", "a payment indicator", upper=True),
    number("weight", ("PAYMENT WEIGHT",), 4, blank_ok=True),
    number("rate", ("PAYMENT RATE",), 2, blank_ok=True, rounds_resaved=True),
    # A Part B rebatable drug's coinsurance, reduced under the Inflation Reduction Act (its footnote mark "1" is
    # part of CMS's header); older addenda have no such column.
    number("ira_copay", ("IRA-22 ADJUSTED COPAYMENT1", "IRA-22 ADJUSTED COPAYMENT"), 2, blank_ok=True, required=False),
)

ASC_EE_COLUMNS: tuple[Column, ...] = (HCPCS, DESCRIPTION)

ASC_FF_COLUMNS: tuple[Column, ...] = (
    HCPCS,
    DESCRIPTION,
    Column("pi", ("PAYMENT INDICATOR",), r"[A-Z][0-9]", "a payment indicator", upper=True),
    Column("apc", ("APC",), r"|[0-9]{4}", "blank or a 4-digit APC", zfill=4),
    number("device_offset_pct", ("DEVICE OFFSET PERCENTAGE",), 2, blank_ok=True, percent=True),
    number("device_portion", ("DEVICE OFFSET AMOUNT / DEVICE PORTION",), 2, blank_ok=True),
)

ASC_COLUMNS = {"aa": ASC_AA_COLUMNS, "bb": ASC_BB_COLUMNS, "ee": ASC_EE_COLUMNS, "ff": ASC_FF_COLUMNS}


def load_asc_addendum(path: Path, addendum: str) -> pd.DataFrame:
    """ASC addendum AA, BB, EE or FF (508 CSV; the header names carry the quarter)."""
    frame = build_frame(read_csv_cells(path), ASC_COLUMNS[addendum], path.name, rename=strip_quarter)
    frame = unique_rows(frame, ["hcpcs"], path.name)
    return frame


WAGE_INDEX_ENCODING = "cp437"  # DOS code page: 'Mayag\x81ez' is Mayagüez


def load_wage_index(path: Path) -> pd.DataFrame:
    """CBSA -> wage index (two-digit codes are a state's rural area, named after the state).

    Duplicate CBSAs are *kept* and flagged in ``repeated``: the caller decides
    (and says) what to do with a CBSA listed with several values.
    """
    delimiter = "\t" if path.suffix.lower() == ".txt" else ","
    cells = read_csv_cells(path, encoding=WAGE_INDEX_ENCODING, delimiter=delimiter)
    columns = (
        Column("cbsa", ("CBSA",), r"[0-9]{2}|[0-9]{5}", "a 2-digit state or 5-digit CBSA code"),
        Column("name", ("CBSA NAME",), r".+", "a name"),
        # Blank for states with no rural area (New Jersey, Rhode Island).
        number("wage_index", tuple(f"WI{yy:02d}" for yy in range(0, 100)), 4, blank_ok=True),
    )
    frame = build_frame(cells, columns, path.name)
    frame["repeated"] = frame.duplicated(["cbsa"], keep=False)
    return frame
