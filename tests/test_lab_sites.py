"""A pathology and clinical lab's trial: lines of one claim at different places, and lab tests where Part B does not
pay a laboratory. The one facility payment per service combines only the lines of one site (an independent lab's POS
81 line is no line of the hospital's claim); a CLFS line at an inpatient hospital or a SNF (POS 21, 31) says why it
has no allowed amount, in price and batch alike; the lines the MAC prices are counted in the office total; a specimen
collection fee of several units says that Medicare pays one per encounter. Amounts are CMS's (the shipped files)."""

from __future__ import annotations

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility import PAID_ONCE
from rvucalc.lookup.pricer import Pricer


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, object]]:
    names = sorted({name for row in rows for name in row})
    table = pa.table({name: [row.get(name, "") for row in rows] for name in names})
    return BatchPricer(pricer).price_table(table).to_pylist()  # type: ignore[no-any-return]


def _line(claim: str, code: str, setting: str, date: str = "2025-10-02") -> dict[str, str]:
    return {"claim": claim, "date": date, "code": code, "units": "1", "setting": setting, "zip": "60601"}


def test_a_hospital_line_keeps_its_opps_payment_beside_an_independent_labs_line_of_its_code(pricer: Pricer) -> None:
    """88305 at POS 81 (the lab's global service, priced at the office) and 88305-26 at POS 22 on one claim: the 26
    line's OPPS payment went to the POS 81 line ("on the 88305 line", $0.00 here), where no OPPS is paid: lost."""
    alone = pricer.price("88305-26", zip_code="60601", setting="22", date_of_service="2025-10-02")
    office = pricer.price("88305", zip_code="60601", setting="81", date_of_service="2025-10-02")
    opps = alone.opps.rate
    assert opps is not None and opps > 0
    a1, lab, hospital = _batch(pricer, [_line("A1", "88305-26", "22"), _line("B1", "88305", "81"),
                                        _line("B1", "88305-26", "22")])  # fmt: skip
    assert hospital["opps_rate"] == opps == a1["opps_rate"]
    assert hospital["allowed"] == hospital["hopd_allowed"] == a1["allowed"] == alone.sites[0].total
    assert PAID_ONCE not in str(hospital["note"])
    assert lab["allowed"] == office.sites[0].total and lab["site"] == "office"
    # Both at the hospital: one service, one facility payment (the rule still holds within one site).
    _, shared = _batch(pricer, [_line("C1", "88305", "22"), _line("C1", "88305-26", "22")])
    assert shared["opps_rate"] == 0 and PAID_ONCE in str(shared["note"])
