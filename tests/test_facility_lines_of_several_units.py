"""Facility lines of several units beside other lines (a dermatology practice's trial, POS 22 and 24 at Tampa): the
hospital's packaging note counts each line's units as the totals do, and a lower-paid ASC line of several units is
rounded once, in price and batch, to the cent of CMS's addenda."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from conftest import run_batch_rows
from rvucalc.engine.facility import CONDITIONAL_SEVERAL_FIGURES, CONDITIONAL_SEVERAL_NOTE
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases

TAMPA = "33606"  # CBSA 45294, "Tampa, FL" in CMS's wage index files
CENT = Decimal("0.01")


def _rounded(value: Fraction) -> Decimal:
    """Half-up to the cent, once."""
    return (Decimal(value.numerator * 100) / Decimal(value.denominator)).quantize(Decimal(1), ROUND_HALF_UP) / 100


def _addendum_b_rates(codes: list[str]) -> dict[str, tuple[str, Fraction]]:
    """October 2025 Addendum B's SI and payment rate of each code (the shipped CMS file)."""
    release = next(r for r in installed_releases("opps") if r.release == "2025-10")
    with open(release.path("addendum_b"), encoding="latin-1", newline="") as handle:
        rows = {row[0].strip(): row for row in csv.reader(handle) if row}
    # (a rate of $1,000 or more has a thousands separator: "$1,179.080")
    return {code: (rows[code][2].strip(), Fraction(rows[code][5].strip().lstrip("$").replace(",", "")))
            for code in codes}  # fmt: skip


def _addendum_aa_rate(code: str) -> Fraction:
    """July 2026 ASC Addendum AA's national payment rate of ``code`` (the shipped CMS file)."""
    release = next(r for r in installed_releases("asc") if r.release == "2026-07")
    with Path(release.path("aa")).open(encoding="cp1252", newline="") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0].strip() == code]
    return Fraction(row[-1].strip().lstrip("$").replace(",", ""))


def _tampa_wage_index(year: int) -> Fraction:
    """CMS's wage index of CBSA 45294 (Tampa, FL) in the year's file rvucalc ships."""
    name = "asc_wage_index_2025.txt" if year == 2025 else "asc_wage_index_2026.csv"
    text = (data_dir() / "opps" / str(year) / name).read_text(encoding="latin-1")
    (line,) = [line for line in text.splitlines() if line.startswith("45294")]
    return Fraction(line.replace("\t", ",").split(",")[-1].strip())


@pytest.mark.parametrize("units", [2, 3])
def test_the_packaging_note_counts_a_line_s_units_as_the_totals_do(pricer: Pricer, tmp_path: Any, units: int) -> None:
    """88305 x 2, 88312 (SI Q1) and 88342 (Q2) (Addendum B October 2025: APC 5671 $53.43, 5672 $171.36) at POS 22 in
    Tampa: the facility total was $311.47, but the note's "less than the ... shown" counted each line as one unit
    ($100.36 less than $261.29, and the same with 3 units). The lines' total in the note is the total's: each line's
    wage-adjusted rate x its units, rounded once."""
    codes = ["88305", "88312", "88342"]
    addendum = _addendum_b_rates(codes)
    assert [si for si, _ in addendum.values()] == ["Q1", "Q1", "Q2"]  # nothing on the claim to package them into
    assert [rate for _, rate in addendum.values()] == [Fraction("53.43"), Fraction("53.43"), Fraction("171.36")]
    factor = Fraction(6, 10) * _tampa_wage_index(2025) + Fraction(4, 10)
    billed = [units, 1, 1]
    lines = [_rounded(addendum[code][1] * factor * count) for code, count in zip(codes, billed, strict=True)]
    top, total = max(lines), sum(lines)
    said = f"${total - top:,.2f} less than the ${total:,.2f} shown"
    day = {"zip_code": TAMPA, "date_of_service": "2025-11-05"}
    encounter = pricer.price_encounter(codes, units=billed, setting="hopd", **day)
    assert encounter.totals["hopd"].facility_payment == total  # $311.47 with 2 units, $361.65 with 3
    for line in encounter.lines:
        assert line.opps is not None and CONDITIONAL_SEVERAL_NOTE in line.opps.notes
        (figures,) = [n for n in line.opps.notes if n.startswith(CONDITIONAL_SEVERAL_FIGURES)]
        assert said in figures and f"paid ${top:,.2f} for them" in figures and "; " not in figures, figures
    rows = [{"claim": "E1011", "code": code, "units": str(count), "date": "2025-11-05", "setting": "22",
             "zip": TAMPA} for code, count in zip(codes, billed, strict=True)]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert sum(Decimal(row["hopd_allowed"]) for row in out) == encounter.totals["hopd"].allowed  # as price
    for row in out:
        assert said in row["note"] and f"{CONDITIONAL_SEVERAL_FIGURES} 3 lines (${top:,.2f})" in row["note"], row


def test_a_lower_paid_asc_line_of_several_units_is_rounded_once(pricer: Pricer, tmp_path: Any) -> None:
    """17311 and 13132 x 2 in an ASC in Tampa (August 2026): 13132, A2, $223.01 in the July 2026 Addendum AA, is the
    lower-paid procedure, its 2 units at 50% of its wage-adjusted rate (ASC wage index 0.8981: $211.6476...,
    $211.65). rvucalc rounded each unit's 50% ($105.83) and added them: $211.66, the ASC total $595.96. The line is
    rounded once: $211.65 x 2 x 50% = $211.65, total $595.95; its coinsurance 20% of that; price and batch alike."""
    factor = Fraction(1, 2) * _tampa_wage_index(2026) + Fraction(1, 2)
    assert _tampa_wage_index(2026) == Fraction("0.8981") and _addendum_aa_rate("13132") == Fraction("223.01")
    rates = {code: _rounded(_addendum_aa_rate(code) * factor) for code in ("17311", "13132")}
    assert rates["17311"] > rates["13132"] == Decimal("211.65")
    line = _rounded(Fraction(rates["13132"]) * 2 / 2)  # rate x units x 50%, rounded once
    assert line == Decimal("211.65")
    day = {"zip_code": TAMPA, "date_of_service": "2026-08-03"}
    encounter = pricer.price_encounter(["17311", "13132"], units=[1, 2], setting="asc", **day)
    (site,) = encounter.lines[1].sites
    assert site.facility_payment == line and encounter.totals["asc"].facility_payment == rates["17311"] + line
    professional = site.professional_payment or Decimal(0)
    share = (line * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP) + (professional * Decimal("0.2")).quantize(
        CENT, ROUND_HALF_UP
    )
    assert site.beneficiary == share and site.medicare == line + professional - share
    rows = [{"claim": "A1", "code": code, "units": units, "date": "2026-08-03", "setting": "24", "zip": TAMPA}
            for code, units in (("17311", "1"), ("13132", "2"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert Decimal(out[1]["asc_rate"]) == Decimal("105.83")  # one unit's, as price shows the line
    assert (Decimal(out[1]["asc_allowed"]), Decimal(out[1]["asc_beneficiary"]), Decimal(out[1]["asc_medicare"])) == (
        site.total, site.beneficiary, site.medicare)  # fmt: skip
    assert Decimal(out[1]["asc_allowed"]) - Decimal(out[1]["pfs_facility_amount"]) * 2 == line
