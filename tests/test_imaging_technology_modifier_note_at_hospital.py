"""71046-FY, 71046-FX, 74177-CT on a hospital row (a hospital revenue analyst's UB-04, POS 22): the note said "the
technical component ($20.67) paid at 90%", the PFS TC amount a hospital is not paid, and nothing of its own OPPS
amount's cut (88.05 -> 76.87 at wage index 0.95, rightly applied). The PFS words say whose fee it is and that the
hospital's OPPS rate is cut alike (CAA 2016 §502; PAMA §218(a); MLN MM10188), in price and batch alike."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.lookup.pricer import Pricer


@pytest.mark.parametrize(("code", "modifier", "percent"), [("71046", "FY", 90), ("71046", "FX", 80),
                                                           ("74177", "CT", 85)])  # fmt: skip
def test_the_pfs_tc_words_are_the_physician_s_and_the_hospital_s_cut_is_said(
    pricer: Pricer, code: str, modifier: str, percent: int
) -> None:
    day = "2025-11-03"
    single = pricer.price(code, modifier=modifier, zip_code="44106", setting="hopd", date_of_service=day,
                          wage_index="0.95")  # fmt: skip
    rule = next(a.rule for a in single.pfs.non_facility.adjustments if a.indicator == modifier)
    assert "the PFS technical component ($" in rule and "the physician's or supplier's fee, not a hospital's" in rule
    assert f"paid at {percent}%" in rule and "as is a hospital's OPPS rate for it" in rule
    opps = single.opps
    assert opps is not None and opps.national_rate is not None  # CMS's Addendum B national rate
    step = next(a for a in opps.adjustments if a.indicator == modifier)
    national = opps.national_rate.quantize(Decimal("0.01"))
    assert f"{percent}% of the national APC rate, ${national} -> " in step.rule and step.amount_after == opps.rate
    table = pa.table({"code": [f"{code}-{modifier}"], "zip": ["44106"], "setting": ["22"], "date": [day],
                      "wage_index": ["0.95"]})  # fmt: skip
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert rule in row["note"] and Decimal(row["hopd_allowed"]) == next(
        site.total for site in single.sites if site.setting == "hopd"
    )
