"""A lab (SI Q4) on a comprehensive observation claim (a hospital revenue integrity trial, Des Moines). A claim of
99285 (SI J2), 22 hours of G0378 and 80053 is paid as APC 8011, whose rate (Addendum A) rvucalc has not: its lines
are not priced and say why, but 80053 said its reason alone, "otherwise paid under the CLFS on the hospital's claim".
Addendum D1 packages a Q4 lab billed on a claim with a J2 line (engine.facility.LAB_PACKAGED_BY): the lab now says the
claim's reason, in price and batch (whole columns and one encounter at a time) alike. Without the observation hours
the visit is paid its own APC, CMS's October 2025 Addendum B rate wage-adjusted at CBSA 19780's WI25, and the lab is
packaged ($0.00), as before."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch import claims
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility import CONDITIONAL_LAB_ALONE, OBSERVATION_REASON
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
WAGE_INDEX = DATA / "asc_wage_index_2025.txt"
ZIP, DATE = "50314", "2025-11-03"  # Des Moines, IA: CBSA 19780


def _addendum_b(code: str) -> list[str]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _cms_rate(code: str) -> Decimal:
    """Addendum B's payment rate wage-adjusted at Des Moines's WI25, 60% labor-related (payment-rules.md section 2)."""
    with WAGE_INDEX.open() as handle:
        index = next(Decimal(line.split("\t")[2]) for line in handle if line.startswith("19780\t"))
    national = Decimal(_addendum_b(code)[5].replace("$", "").replace(",", ""))
    return (national * (Decimal("0.6") * index + Decimal("0.4"))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, cells: list[tuple[str, int]]) -> list[dict[str, Any]]:
    rows = [{"claim": "DM25-0005", "code": code, "units": units, "date": DATE, "tob": "131", "zip": ZIP}
            for code, units in cells]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in rows[0]})
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_cms_status_indicators() -> None:
    assert [_addendum_b(code)[2] for code in ("99285", "G0378", "80053")] == ["J2", "N", "Q4"]


def test_lab_on_an_observation_claim_says_the_claim_s_reason_in_price(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(["99285", "G0378", "80053"], setting="hopd", zip_code=ZIP,
                                       date_of_service=DATE, units=[1, 22, 1])  # fmt: skip
    lab = encounter.lines[2].opps
    assert lab is not None and lab.rate is None and not lab.payable
    assert lab.reason == OBSERVATION_REASON and CONDITIONAL_LAB_ALONE not in (lab.reason or "")
    assert all(line.opps is not None and line.opps.rate is None for line in encounter.lines)


@pytest.mark.parametrize("by_arrays", [True, False])
def test_lab_on_an_observation_claim_says_the_claim_s_reason_in_batch(
    pricer: Pricer, monkeypatch: pytest.MonkeyPatch, by_arrays: bool
) -> None:
    monkeypatch.setattr(claims, "BY_ARRAYS", by_arrays)
    visit, hours, lab = _batch(pricer, [("99285", 1), ("G0378", 22), ("80053", 1)])
    for row in (visit, hours, lab):
        assert row["opps_rate"] is None and OBSERVATION_REASON in row["note"]
    assert CONDITIONAL_LAB_ALONE not in lab["note"]
    # Without the hours: the visit's APC, CMS's figure, and the lab packaged with it.
    visit, lab = _batch(pricer, [("99285", 1), ("80053", 1)])
    assert Decimal(str(visit["opps_rate"])) == _cms_rate("99285") == Decimal("568.70")  # $613.10 x 0.92758
    assert Decimal(str(lab["opps_rate"])) == Decimal("0.00") and OBSERVATION_REASON not in lab["note"]
