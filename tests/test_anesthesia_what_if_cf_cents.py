"""A what-if national anesthesia CF (--anesthesia-cf) gives each locality a CF in whole cents, as CMS publishes its
locality anesthesia CFs (ANES files: 22.81 in Manhattan, 20.49 in Montana for CY2026 non-QP); it was shown and paid
unrounded (23.369146, 20.992275 at $21.00).

CMS's locality anesthesia CF is the national one times the locality's GPCIs weighted by the anesthesia work, PE and
MP shares, rounded half-up to the cent: the first test reproduces every locality of ANES2026 (QP and non-QP) and
ANES2025 that way, with the shares read off CMS's own file (least squares over its localities, to 0.1%)."""

from __future__ import annotations

import csv
import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rvucalc.cli import app

CENT = Decimal("0.01")
WHAT_IF = "21.00"
PLACES = {"10001": "1320201", "59601": "0320201"}  # MANHATTAN, MONTANA (CMS's ZIP5 file)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@pytest.mark.parametrize("year", [2025, 2026])
def test_cms_locality_anesthesia_cfs_are_the_national_cf_times_the_weighted_gpcis_rounded_to_the_cent(
    pricer: Any, year: int
) -> None:
    import numpy as np

    release, _ = pricer.select(year)
    store = pricer.store(release)
    places = [row for row in store.localities() if store.anesthesia_cf(row["locality"]) is not None]
    assert len(places) == 109
    gpcis = [tuple(Decimal(row[name]).scaleb(-3) for name in ("gpci_work", "gpci_pe", "gpci_mp")) for row in places]
    kinds = [("anes_cf", store.meta("anes_national_non_qp"))]
    if year >= 2026:
        kinds.append(("anes_cf_qp", store.meta("anes_national_qp")))
    for column, national_text in kinds:
        national = Decimal(national_text)
        published = [Decimal(store.anesthesia_cf(row["locality"])[column]).scaleb(-2) for row in places]
        fitted, *_ = np.linalg.lstsq(np.array(gpcis, dtype=float), np.array(published, dtype=float) / float(national))
        shares = [Decimal(round(float(share), 3)).quantize(Decimal("0.001")) for share in fitted]
        assert sum(shares) == 1, shares
        computed = [cents(national * sum(s * g for s, g in zip(shares, gpci, strict=True))) for gpci in gpcis]
        assert computed == published, (column, shares)


def test_a_what_if_locality_anesthesia_cf_is_in_cents_in_price_and_batch(pricer: Any, tmp_path: Path) -> None:
    release, _ = pricer.select(2026)
    store = pricer.store(release)
    national = Decimal(store.meta("anes_national_non_qp"))
    expected = {}
    for zip_code, locality in PLACES.items():
        published = Decimal(store.anesthesia_cf(locality)["anes_cf"]).scaleb(-2)  # ANES2026: 22.81, 20.49
        scaled = published * Decimal(WHAT_IF) / national
        assert cents(scaled) != scaled  # it was paid and shown unrounded (23.369146, 20.992275)
        expected[zip_code] = cents(scaled)
    units = 7 + Decimal("4.0")  # 7 base units, 60 minutes = 4.0 time units (ch. 12 §50.G)
    runner = CliRunner()
    for zip_code, cf in expected.items():
        result = runner.invoke(app, ["price", "00790", "--base-units", "7", "--minutes", "60", "--zip", zip_code,
                                     "--date", "2026-08-03", "--anesthesia-cf", WHAT_IF, "-f", "json"])  # fmt: skip
        assert result.exit_code == 0, result.output
        pfs = json.loads(result.stdout)["pfs"]
        assert Decimal(str(pfs["anesthesia"]["conversion_factor"])) == cf
        assert Decimal(str(pfs["facility"]["amount"])) == cents(units * cf)
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("code,zip,base_units,minutes,date\n"
                      + "".join(f"00790,{zip_code},7,60,2026-08-03\n" for zip_code in expected))  # fmt: skip
    done = runner.invoke(app, ["batch", str(source), "-o", str(target), "--anesthesia-cf", WHAT_IF])
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(target.open()))
    assert [Decimal(row["anesthesia_conversion_factor"]) for row in rows] == list(expected.values())
    assert [Decimal(row["pfs_facility_amount"]) for row in rows] == [cents(units * cf) for cf in expected.values()]


def test_the_national_what_if_anesthesia_cf_is_the_users_as_given(pricer: Any) -> None:
    """No locality: the user's national CF itself (6 places, as CMS's national anesthesia CFs), not rounded."""
    from rvucalc.lookup.lines import anesthesia_cf

    release, _ = pricer.select(2026)
    assert anesthesia_cf(pricer.store(release), None, False, Decimal("20.599835"))[0] == Fraction("20.599835")
