"""The OPPS imaging cap a line alone meets may not bind on a claim: the cap is compared with what the multiple
procedure reductions left (``engine.policy.IMAGING_CAP_ORDER``). A dialysis access center's claim of a hemodialysis
access duplex 93990 beside vein mapping 93985 (multiple procedure indicator 6: 25% off the later test's technical
component) was priced $116.00 at ZIP 30303 in batch and price alike, under 93990's cap ($131.73, CMS's OPPSCAP
2026), yet batch's note still said "OPPS imaging cap (DRA 2005)", the cap of 93990 priced alone, where price's line
lists the cardiovascular reduction alone. Now batch says what price says; the amounts are CMS's, recomputed here from
CMS's own rows (RVU26C, the 2026 GPCIs of ATLANTA 1021201, OPPSCAP 2026)."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal

import pyarrow as pa

from cms_fees import DATA, gpci_2026
from rvucalc.batch.price import BatchPricer
from rvucalc.engine.policy import IMAGING_CAP_RULE
from rvucalc.lookup.pricer import Pricer

ZIP, DATE, LOCALITY, CARRIER, NUMBER = "30303", "2026-09-10", "1021201", "10212", "01"


def _exact(code: str, modifier: str = "") -> Decimal:
    """The RVU26C row's non-facility amount, unrounded."""
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, modifier])
    work, pe, mp = gpci_2026(LOCALITY)
    return (Decimal(row[5]) * work + Decimal(row[6]) * pe + Decimal(row[10]) * mp) * Decimal(row[25])


def _cap(code: str) -> Decimal:
    """OPPSCAP 2026's non-facility price of the code's global row in the locality."""
    with (DATA / "rvu/2026/ref_opps_price_cap.csv").open(encoding="latin-1") as handle:
        row = next(r for r in csv.reader(handle) if r[:2] == [code, ""] and r[3:5] == [CARRIER, NUMBER])
    return Decimal(row[6])


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _rows(pricer: Pricer, codes: list[str]) -> list[dict[str, object]]:
    rows = [{"claim": "A1", "code": code, "zip": ZIP, "date": DATE, "setting": "11"} for code in codes]
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_a_cap_the_encounter_left_unmet_is_not_said_in_batch(pricer: Pricer) -> None:
    # 93990 alone: its fee is above the cap, which binds (the cap's note said)
    assert _cents(_exact("93990")) > _cap("93990")
    (alone,) = _rows(pricer, ["93990"])
    assert Decimal(str(alone["allowed"])) == _cap("93990")
    assert IMAGING_CAP_RULE in str(alone["note"]).split("; ")
    # beside 93985 (the higher technical component), 25% off 93990's TC leaves it under the cap: the reduction of
    # the fee schedule amounts CMS publishes per locality (the payment files' cents), rounded once
    assert _exact("93985", "TC") > _exact("93990", "TC")
    reduced = _cents(_cents(_exact("93990")) - _cents(_exact("93990", "TC")) / 4)
    assert reduced < _cap("93990")
    duplex, mapping = _rows(pricer, ["93990", "93985"])
    single = pricer.price_encounter(["93990", "93985"], zip_code=ZIP, date_of_service=DATE, setting="11").lines[0]
    assert Decimal(str(duplex["allowed"])) == reduced == single.pfs.non_facility.amount
    said = str(duplex["note"]).split("; ")
    assert IMAGING_CAP_RULE not in said, duplex["note"]
    steps = [step.rule for step in single.pfs.non_facility.adjustments]
    assert IMAGING_CAP_RULE not in steps and [note.split("): ", 1)[1] for note in said] == steps
    assert Decimal(str(mapping["allowed"])) == _cents(_exact("93985"))
