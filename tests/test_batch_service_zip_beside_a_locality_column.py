"""A service place's ZIP column ('Facility ZIP') beside a 'Locality' column (a finance analyst's trial): it was not
read, so every hospital and ASC rate was national and the note asked for the ZIP that was in the file. It is read as a
plain 'Zip' beside a locality is: the ZIP wins where its cell is filled, the locality prices the rows without one."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import run_batch_rows
from rvucalc.batch.columns import resolve_columns
from rvucalc.paths import data_dir
from rvucalc.reference.releases import installed_releases

SEATTLE_ZIP = "98104"  # locality 0240202 SEATTLE (KING CNTY); CBSA 42644 Seattle-Bellevue-Kent, WA
SEATTLE_LOCALITY = "0240202"


def _rounded(value: Fraction) -> Decimal:
    """Half-up to the cent, once."""
    return (Decimal(value.numerator * 100) / Decimal(value.denominator)).quantize(Decimal(1), ROUND_HALF_UP) / 100


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


def _seattle_asc_rate(code: str) -> Decimal:
    """The ASC rate at Seattle: national x (50% x wage index + 50%) (payment-rules.md §3), rounded once."""
    return _rounded(_addendum_aa_rate(code) * (_asc_wage_index("42644") / 2 + Fraction(1, 2)))


@pytest.mark.parametrize("place", ["Facility ZIP", "Service Facility ZIP", "Place ZIP"])
@pytest.mark.parametrize("locality", ["Locality", "Pricing Locality"])
def test_a_service_zip_beside_a_locality_column_is_the_zip(place: str, locality: str) -> None:
    names = ["CPT", "POS", locality, place]
    columns = resolve_columns(names, {})
    assert (columns.position("zip"), columns.position("locality")) == (3, 2), names
    # --columns zip= still prices by the locality column alone.
    assert resolve_columns(names, {"zip": ""}).position("zip") is None


def test_the_facility_zip_beside_a_locality_wage_adjusts_the_asc_rate(tmp_path: Path) -> None:
    """29881 at an ASC (POS 24), 'Locality' 0240202 and 'Facility ZIP' 98104: Addendum AA July 2026's national rate
    wage-adjusted by CBSA 42644's WI26, as with 'Facility ZIP' alone or 'Zip' beside the locality; a row without a
    ZIP is priced by its locality (national facility rates, said)."""
    assert _addendum_aa_rate("29881") == Fraction("1644.87") and _asc_wage_index("42644") == Fraction("1.2566")
    expected = _seattle_asc_rate("29881")
    assert expected == Decimal("1855.91")
    day = {"Date": "2026-08-03", "CPT": "29881", "POS": "24"}
    rows = [{**day, "Locality": SEATTLE_LOCALITY, "Facility ZIP": SEATTLE_ZIP},
            {**day, "Locality": SEATTLE_LOCALITY, "Facility ZIP": ""}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert "zip ← Facility ZIP" in done.stderr and "locality ← Locality" in done.stderr, done.stderr
    assert Decimal(out[0]["asc_rate"]) == expected and out[0]["locality_priced"] == SEATTLE_LOCALITY
    assert "gives no CBSA" not in out[0]["note"], out[0]["note"]
    assert Decimal(out[1]["asc_rate"]) == _rounded(_addendum_aa_rate("29881"))  # the locality's row: national
    assert "A locality, unlike a ZIP, gives no CBSA" in out[1]["note"]
    # The same money as 'Facility ZIP' alone and 'Zip' beside the locality.
    for other in ({**day, "Facility ZIP": SEATTLE_ZIP}, {**day, "Locality": SEATTLE_LOCALITY, "Zip": SEATTLE_ZIP}):
        done, same = run_batch_rows(tmp_path, [other])
        assert done.exit_code == 0, done.output
        assert (same[0]["asc_rate"], same[0]["allowed"]) == (out[0]["asc_rate"], out[0]["allowed"]), other


def test_a_locality_cell_not_the_facility_zip_s_is_said(tmp_path: Path) -> None:
    rows = [{"Date": "2026-08-03", "CPT": "29881", "POS": "24", "Locality": "0240299", "Facility ZIP": SEATTLE_ZIP}]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert Decimal(out[0]["asc_rate"]) == _seattle_asc_rate("29881")
    assert "is not ZIP 98104's locality" in out[0]["note"] and "--columns zip=" in out[0]["note"], out[0]["note"]
