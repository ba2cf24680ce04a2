"""CMS's own CY2026 PFS amounts, the tests' oracle beside the engine: a row of RVU26C (PPRRVU2026_Jul_nonQPP.csv) x the
2026 locality GPCIs x the row's conversion factor, rounded once half-up to the cent (CMS's PFS formula, RVU file
documentation). Read from the shipped CMS files, never from rvucalc's stores or code."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"
CENT = Decimal("0.01")


@cache
def rvu_2026_row(code: str) -> tuple[str, ...]:
    """The code's global row (no modifier) of RVU26C."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        return tuple(next(row for row in csv.reader(handle) if row[:2] == [code, ""]))


@cache
def gpci_2026(locality: str) -> tuple[Decimal, Decimal, Decimal]:
    """The 7-digit locality's work, PE and MP GPCIs (CMS's 2026 locality file)."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if len(r) > 4 and r[4] == locality)
    return Decimal(row[1]), Decimal(row[2]), Decimal(row[3])


def fee_2026(code_or_row: str | Sequence[str], locality: str, *, facility: bool = False) -> Decimal:
    """The code's (or RVU26C row's) non-facility or facility fee schedule amount in the locality."""
    row = rvu_2026_row(code_or_row) if isinstance(code_or_row, str) else code_or_row
    work, pe, mp, cf = Decimal(row[5]), Decimal(row[8] if facility else row[6]), Decimal(row[10]), Decimal(row[25])
    work_gpci, pe_gpci, mp_gpci = gpci_2026(locality)
    return ((work * work_gpci + pe * pe_gpci + mp * mp_gpci) * cf).quantize(CENT, ROUND_HALF_UP)
