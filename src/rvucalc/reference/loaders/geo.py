"""Where a place is: HUD's ZIP -> county crosswalk and OMB's county -> CBSA delineation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rvucalc.reference.loaders.tables import Column, build_frame, read_xlsx_cells, unique_rows

if TYPE_CHECKING:
    import pandas as pd

# Ratios are only compared with each other (to pick a ZIP's main county), so they
# stay text here and become floats there; Excel wrote some as 8.06e-05.
RATIO = r"[0-9]+(\.[0-9]+)?([eE]-?[0-9]+)?"

ZIP_COUNTY_COLUMNS: tuple[Column, ...] = (
    Column("zip", ("ZIP",), r"[0-9]{5}", "a 5-digit ZIP", zfill=5),
    Column("county_fips", ("FIPS", "COUNTY"), r"[0-9]{5}", "a 5-digit county FIPS", zfill=5),
    Column("res_ratio", ("RES_RATIO",), RATIO, "a ratio"),
    Column("tot_ratio", ("TOT_RATIO",), RATIO, "a ratio"),
)


def load_zip_county(path: Path) -> pd.DataFrame:
    """HUD USPS ZIP-county crosswalk: one row per ZIP and county it touches."""
    return build_frame(read_xlsx_cells(path), ZIP_COUNTY_COLUMNS, path.name)


CBSA_COLUMNS: tuple[Column, ...] = (
    Column("cbsa", ("CBSA CODE",), r"[0-9]{5}", "a 5-digit CBSA code"),
    Column("division", ("METROPOLITAN DIVISION CODE",), r"|[0-9]{5}", "blank or a 5-digit division code"),
    Column("cbsa_title", ("CBSA TITLE",), r".+", "a title"),
    Column(
        "area_type",
        ("METROPOLITAN/MICROPOLITAN STATISTICAL AREA",),
        r"(Metropolitan|Micropolitan) Statistical Area",
        "Metropolitan or Micropolitan Statistical Area",
    ),
    Column("division_title", ("METROPOLITAN DIVISION TITLE",)),
    Column("county_name", ("COUNTY/COUNTY EQUIVALENT",), r".+", "a county name"),
    Column("state_name", ("STATE NAME",), r".+", "a state name"),
    Column("state_fips", ("FIPS STATE CODE",), r"[0-9]{2}", "a 2-digit state FIPS", zfill=2),
    Column("county_code", ("FIPS COUNTY CODE",), r"[0-9]{3}", "a 3-digit county FIPS", zfill=3),
)


def load_cbsa_delineation(path: Path) -> pd.DataFrame:
    """OMB list 1: each county in a CBSA, with its metropolitan division if any."""
    frame = build_frame(read_xlsx_cells(path), CBSA_COLUMNS, path.name)
    frame["county_fips"] = frame["state_fips"] + frame["county_code"]
    frame = unique_rows(frame, ["county_fips"], path.name)
    return frame
