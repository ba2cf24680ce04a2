"""A ZIP that spans counties of one wage area: the county used changes no rate, so no note says which (a Houston
gastroenterology ASC biller's trial: every Katy row, ZIP 77450, read "ZIP 77450 spans counties; using 48201 (71.4% of
addresses). Others: 48157 (28.6%)", though Harris and Fort Bend counties are both in CBSA 26420, whose CY2026 ASC wage
index, 0.9729, prices the ASC line either way). The counties stay in the location's data (`other_counties`); a ZIP
whose other county is in another wage area (32425: rural Florida and CBSA 37460) still says it."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

from conftest import run_batch_rows
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases

SPANS = "spans counties"


def _addendum_aa_rate(code: str) -> Fraction:
    """July 2026 ASC Addendum AA's national payment rate of ``code`` (the shipped CMS file)."""
    release = next(r for r in installed_releases("asc") if r.release == "2026-07")
    with Path(release.path("aa")).open(encoding="cp1252", newline="") as handle:
        (row,) = [row for row in csv.reader(handle) if row and row[0].strip() == code]
    return Fraction(row[-1].strip().lstrip("$").replace(",", ""))


def _asc_wage_index(cbsa: str) -> Fraction:
    """CMS's CY2026 ASC wage index (WI26) of the CBSA, as its file gives it."""
    with (data_dir() / "opps" / "2026" / "asc_wage_index_2026.csv").open(newline="", encoding="latin-1") as handle:
        (value,) = {row[2].strip() for row in csv.reader(handle) if row and row[0].strip() == cbsa}
    return Fraction(value)


def _houston_asc_rate(code: str) -> Decimal:
    """national x (50% x CBSA 26420's WI26 + 50%) (payment-rules.md section 3), rounded once, half-up."""
    exact = _addendum_aa_rate(code) * (_asc_wage_index("26420") / 2 + Fraction(1, 2))
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def test_a_zip_of_two_counties_in_one_cbsa_says_nothing_of_them(pricer) -> None:  # type: ignore[no-untyped-def]
    assert _addendum_aa_rate("45378") == Fraction("510.49") and _asc_wage_index("26420") == Fraction("0.9729")
    katy = pricer.price("45378", zip_code="77450", date_of_service="2026-08-03", setting="asc")
    assert katy.location.county_fips == "48201" and katy.location.cbsa == "26420"
    assert [c.county_fips for c in katy.location.other_counties] == ["48157"]  # still in the data
    assert not any(SPANS in note for note in katy.notes), katy.notes
    # Fort Bend's own ZIP (77479, all in 48157) gives the same CBSA and the same ASC rate: the county changed nothing.
    sugar_land = pricer.price("45378", zip_code="77479", date_of_service="2026-08-03", setting="asc")
    assert sugar_land.location.county_fips == "48157" and sugar_land.location.cbsa == "26420"
    assert katy.asc is not None and sugar_land.asc is not None
    assert Decimal(str(katy.asc.rate)) == Decimal(str(sugar_land.asc.rate)) == _houston_asc_rate("45378")
    assert _houston_asc_rate("45378") == Decimal("503.57")


def test_a_zip_whose_other_county_is_another_wage_area_still_says_it(pricer) -> None:  # type: ignore[no-untyped-def]
    result = pricer.price("29881", zip_code="32425", date_of_service="2026-03-02")  # 12059 rural FL, 12133 CBSA 37460
    assert any(note.startswith("ZIP 32425 spans counties: 12059 is used") for note in result.notes), result.notes


def test_batch_rows_of_the_zip_say_nothing_either(tmp_path: Path) -> None:
    rows = [{"Claim #": "A26-2008", "DOS": "09/22/2026", "CPT": "45378", "Mod 1": "73", "POS": "24",
             "Facility ZIP": "77450"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert SPANS not in out[0]["note"], out[0]["note"]
    # 45378-73 at the ASC: 50% of the Houston rate (Claims Processing Manual ch. 14 section 40.4)
    full = _addendum_aa_rate("45378") * (_asc_wage_index("26420") / 2 + Fraction(1, 2))
    half = (Decimal(full.numerator) / Decimal(full.denominator) / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert Decimal(out[0]["asc_rate"]) == half == Decimal("251.79")
