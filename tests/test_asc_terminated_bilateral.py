"""A terminated or reduced ASC procedure (73, 52) is not discounted further: on a bilateral 50 line both sides are
paid its 50%, as its RT-73 and LT-73 lines are (a pain practice's trial: 64493-50-73 was 150% x 50% = 75%)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer

ZIP, DATE = "85004", "2026-08-03"


def _asc(pricer: Any, codes: list[str]) -> Decimal:
    result = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE)
    return sum((line.asc.rate for line in result.lines if line.asc is not None and line.asc.rate), Decimal(0))


@pytest.mark.parametrize("modifier", ["73", "52"])
def test_both_sides_of_a_terminated_bilateral_line_are_paid_its_50_percent(pricer: Any, modifier: str) -> None:
    [one_side] = [line.asc for line in pricer.price_encounter(["64493"], zip_code=ZIP, date_of_service=DATE).lines]
    assert one_side is not None and one_side.rate is not None
    bilateral = _asc(pricer, [f"64493-50-{modifier}"])
    sides = _asc(pricer, [f"64493-RT-{modifier}", f"64493-LT-{modifier}"])
    assert bilateral == one_side.rate  # 2 x 50%, rounded once on the one line
    assert abs(sides - bilateral) <= Decimal("0.01")  # each side's 50% rounded on its own line
    outranked = _asc(pricer, ["64635", f"64493-50-{modifier}"]) - _asc(pricer, ["64635"])
    assert outranked == bilateral  # not discounted again behind a higher-paid procedure
    rows = [{"code": code, "modifier": mods, "zip": ZIP, "date": DATE, "setting": "24", "claim": claim}
            for claim, code, mods in (("A", "64493", f"50-{modifier}"), ("B", "64635", ""),
                                      ("B", "64493", f"50-{modifier}"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out[0]["asc_rate"] == bilateral and out[2]["asc_rate"] == bilateral


def test_50_on_a_bilateral_indicator_9_code_is_refused_in_price_and_batch(pricer: Any) -> None:
    """A review: letting 50 through indicator 9 on codes the PFS does not pay from RVUs crashed an anesthesia line
    (01402-50: KeyError '9', a whole batch run failed). Refused, a row's error in batch (G0260-50 stays refused)."""
    from rvucalc.engine.policy import PolicyRefusal

    for code in ("01402", "G0260", "10030"):
        with pytest.raises(PolicyRefusal):
            pricer.price(code, modifier="50", zip_code=ZIP, date_of_service=DATE, base_units=7 if code == "01402"
                         else None, minutes=60 if code == "01402" else None)  # fmt: skip
    rows = [{"code": "01402", "modifier": "50", "zip": ZIP, "date": DATE, "setting": "11", "base_units": "7",
             "minutes": "60"}, {"code": "64493", "modifier": "", "zip": ZIP, "date": DATE, "setting": "11",
             "base_units": "", "minutes": ""}]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert "bilateral indicator 9" in out[0]["error"] and not out[1]["error"]
