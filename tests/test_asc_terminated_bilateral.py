"""A terminated or reduced ASC procedure (73, 52) is not discounted further: on a bilateral 50 line both sides are
paid its 50%, as its RT-73 and LT-73 lines are (a pain practice's trial: 64493-50-73 was 150% x 50% = 75%)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
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


def test_50_on_a_code_the_pfs_does_not_pay_says_why_and_points_to_its_two_sides(pricer: Any) -> None:
    """G0260 (sacroiliac joint injection) is status E in the RVU file, bilateral indicator 9: the PFS pays nothing to
    adjust, so 9 is no statement that a paired joint has no sides (it said "the bilateral concept does not apply to
    this code"). Still refused (the hospital's 50 list is the Outpatient Code Editor's; the ASC does not recognise
    50), saying so and naming the two lines, which are priced: the ASC's two procedures, 100% and 50% of Addendum
    AA's October 2025 rate for G0260 ($371.75, discounting Y) wage-adjusted at 50% (ZIP 10001, wage index 1.3138).
    Price and batch alike; a code the PFS pays (10030, status A) keeps its refusal's words."""
    from rvucalc.engine.policy import PolicyRefusal

    date = "2025-11-03"
    with pytest.raises(PolicyRefusal) as refused:
        pricer.price("G0260", modifier="50", zip_code="10001", date_of_service=date)
    message = str(refused.value)
    assert "no PFS payment (status E)" in message and "G0260-LT G0260-RT" in message, message
    assert "the bilateral concept does not apply" not in message
    with pytest.raises(PolicyRefusal, match="the bilateral concept does not apply"):
        pricer.price("10030", modifier="50", zip_code="10001", date_of_service=date)
    rows = [{"code": "G0260", "modifier": "50", "zip": "10001", "date": date, "setting": "24"}]
    [out] = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert out["error"] == message and out["error_kind"] == "policy_refused"
    one_side = (Decimal("371.75") * (Decimal("0.5") * Decimal("1.3138") + Decimal("0.5"))).quantize(Decimal("0.01"))
    sides = pricer.price_encounter(["G0260-LT", "G0260-RT"], zip_code="10001", date_of_service=date)
    assert [line.asc.rate for line in sides.lines] == [one_side, (one_side / 2).quantize(Decimal("0.01"))]


@pytest.mark.parametrize("code", ["80053", "J1100", "G0008", "A4550"])
def test_50_on_a_lab_drug_supply_or_vaccine_administration_is_not_told_to_bill_sides(pricer: Any, code: str) -> None:
    """A review: 80053-50 (a lab panel), J1100-50 (a drug), G0008-50 (a vaccine's administration) and A4550-50 (a
    supply) were told to "price its sides as two lines": they have no sides. The refusal stays, without that advice;
    batch says the same."""
    from rvucalc.engine.policy import PolicyRefusal

    with pytest.raises(PolicyRefusal) as refused:
        pricer.price(code, modifier="50", zip_code="10001", date_of_service="2025-11-03")
    message = str(refused.value)
    assert f"{code}-50 is not priced" in message and "two lines" not in message and "-LT" not in message, message
    [out] = BatchPricer(pricer).price_table(pa.table({"code": [code], "modifier": ["50"], "zip": ["10001"],
                                                      "date": ["2025-11-03"]})).to_pylist()  # fmt: skip
    assert out["error"] == message


def test_an_indicator_0_code_as_50_and_as_lt_rt_says_cms_does_not_settle_it(pricer: Any) -> None:
    """An interventional radiology trial (ZIP 30309, POS 24, 2025-11-10): 36902-50 is paid once ($2,657.36: PFS
    bilateral indicator 0 read as one procedure) while 36902-LT + 36902-RT are two procedures, the second at 50%
    (Claims Processing Manual ch. 14 §40.5, which names no PFS indicator). CMS's ASC text does not settle which an
    indicator 0 code is, so neither amount changes: the 50 line's ASC note says the two billings differ."""
    from rvucalc.engine.modifiers import ASC_ONE_PROCEDURE_SIDES_NOTE

    where = {"zip_code": "30309", "date_of_service": "2025-11-10", "setting": "asc"}
    store = pricer.store(pricer.select(None, None)[0])
    assert store.rvu("36902", "")["bilat_surg"] == "0"
    [alone] = pricer.price_encounter(["36902"], **where).lines
    fifty = pricer.price("36902-50", **where).asc
    sides = pricer.price_encounter(["36902-LT", "36902-RT"], **where).lines
    rate = alone.asc.rate
    assert fifty.rate == rate
    assert [line.asc.rate for line in sides] == [rate, (rate / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)]
    said = ASC_ONE_PROCEDURE_SIDES_NOTE.format(indicator="0")
    assert any(said in note for note in fifty.notes)
    assert not any(said in note for line in sides for note in line.asc.notes)
