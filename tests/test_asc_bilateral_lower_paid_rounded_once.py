"""A lower-paid ASC bilateral (50) line is one claim line, both its sides at 50% of one side's rate and the line
rounded once, as a lower-paid line of 2 units is (Claims Processing Manual ch. 14 §40.5): not each side's 50%
rounded and doubled, a cent too much whenever one side's wage-adjusted rate is odd in cents. In price, in batch's
arrays engine and in its one-by-one path, to the cent of CMS's July 2026 Addendum AA and ASC wage index."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from conftest import run_batch_rows
from rvucalc.engine.facility import ASC_BILATERAL_RULE
from rvucalc.lookup.pricer import Pricer
from rvucalc.paths import data_dir
from test_facility_lines_of_several_units import TAMPA, _addendum_aa_rate, _rounded, _tampa_wage_index

DAY = "2026-08-03"
CENT = Decimal("0.01")


def _bilateral_indicator(code: str) -> str:
    """The July 2026 PFS relative value file's BILAT SURG indicator of ``code`` (the shipped CMS file)."""
    path = data_dir() / "rvu" / "2026" / "PPRRVU2026_Jul_nonQPP.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = next(row for row in rows if row and row[0] == "HCPCS")
    column = next(i for i, name in enumerate(header) if name == "SURG" and rows[rows.index(header) - 1][i] == "BILAT")
    (row,) = [row for row in rows if row and row[0] == code and not row[1]]
    return row[column]


def _priced_both_ways(monkeypatch: Any, price: Any) -> tuple[Any, Any]:
    """batch priced one encounter at a time by the rule functions, then on whole columns (encounter_arrays)."""
    from rvucalc.batch import claims

    monkeypatch.setattr(claims, "BY_ARRAYS", False)
    one_by_one = price()
    monkeypatch.setattr(claims, "BY_ARRAYS", True)
    return one_by_one, price()


def test_a_lower_paid_asc_bilateral_line_odd_in_cents_is_rounded_once(
    pricer: Pricer, tmp_path: Any, monkeypatch: Any
) -> None:  # fmt: skip
    """15823 and 67904-50 in an ASC in Tampa (August 2026). July 2026 Addendum AA: 15823 $1,128.57, 67904 $1,088.43,
    both subject to multiple procedure discounting, 67904 bilateral indicator 1 in the PFS file; ASC wage index
    0.8981 (labor share 50%): 15823 $1,071.07, one side of 67904 $1,032.97 (odd in cents). 67904-50 is outranked, so
    both its sides are at 50%: $1,032.97 x 2 x 50% = $1,032.97, the line rounded once as 67904 x 2 units is. rvucalc
    rounded each side's 50% ($516.49) and doubled it: $1,032.98, coinsurance $206.60, ASC total $2,104.05 (where
    67904 x 2 was $2,104.04)."""
    factor = Fraction(1, 2) * _tampa_wage_index(2026) + Fraction(1, 2)
    assert _bilateral_indicator("67904") == "1" and _bilateral_indicator("15823") == "1"
    top, side = (_rounded(_addendum_aa_rate(code) * factor) for code in ("15823", "67904"))
    assert top > side and side * 100 % 2 == 1  # 67904-50 is the lower-paid, one side's rate odd in cents
    line = _rounded(Fraction(side) * 2 * Fraction(1, 2))  # both sides at 50%, rounded once
    assert line == side != 2 * _rounded(Fraction(side) / 2)  # not each side's 50% rounded and doubled
    coinsurance = (line * Decimal("0.2")).quantize(CENT, ROUND_HALF_UP)

    day = {"zip_code": TAMPA, "date_of_service": DAY, "setting": "asc"}
    encounter = pricer.price_encounter(["15823", "67904-50"], **day)  # type: ignore[arg-type]
    outranked = encounter.lines[1].asc
    assert outranked is not None and outranked.adjustments[-1].rule == ASC_BILATERAL_RULE
    assert (outranked.rate, outranked.coinsurance) == (line, coinsurance)
    assert encounter.totals["asc"].facility_payment == top + line
    two_units = pricer.price_encounter(["15823", "67904"], units=[1, 2], **day)  # type: ignore[arg-type]
    assert two_units.totals["asc"].facility_payment == encounter.totals["asc"].facility_payment  # the same money
    (site,) = encounter.lines[1].sites

    rows = [{"claim": "B1", "code": code, "modifier": modifier, "units": "1", "date": DAY, "setting": "24",
             "zip": TAMPA} for code, modifier in (("15823", ""), ("67904", "50"))]  # fmt: skip
    slow, fast = _priced_both_ways(monkeypatch, lambda: run_batch_rows(tmp_path, rows))
    for done, out in (slow, fast):
        assert done.exit_code == 0, done.output
        assert Decimal(out[1]["asc_rate"]) == line and ASC_BILATERAL_RULE in out[1]["note"], out[1]
        assert (Decimal(out[1]["asc_allowed"]), Decimal(out[1]["asc_beneficiary"]),
                Decimal(out[1]["asc_medicare"])) == (site.total, site.beneficiary, site.medicare)  # fmt: skip
