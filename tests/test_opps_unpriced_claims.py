"""Hospital claims CMS pays through an APC rvucalc has not (Addendum A is not installed), and 73 on a
device-intensive procedure, whose OPPS device offset (Addendum P) rvucalc has not: the single lookup and batch say
so, with the same money and notes, instead of paying what CMS does not.

* Modifier CA (Pub. 100-04 ch. 4 §180.7.1): an inpatient-only procedure performed emergently on an outpatient who
  died before admission; the hospital is paid APC 5881 for the claim's services that day.
* Comprehensive observation (APC 8011; ch. 4 §290.5.3; Addendum D1's J2): 8 or more hours of G0378, a J2 visit,
  no SI T or J1 procedure.
* 73 on a device-intensive procedure (42 CFR 419.44(b), CY2017 OPPS final rule): the device offset comes off first.

The CMS figures compared are read from the shipped Addendum B and Addendum FF rows (data/opps/2025)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.facility import (
    CA_REASON,
    OBSERVATION_REASON,
    OPPS_DEVICE_OFFSET_NOTE,
    UNPRICED_CA,
    UNPRICED_NONE,
    UNPRICED_OBSERVATION,
    opps_unpriced,
)
from rvucalc.engine.modifiers import lookup
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data" / "opps" / "2025"
ADDENDUM_B = DATA / "508 version of October 2025 Web Addendum B.10.31.25.csv"
ADDENDUM_FF = DATA / "asc" / "10" / "FF.csv"
DAY = {"zip_code": "10001", "date_of_service": "2025-11-10"}
COLUMNS = ["claim", "code", "modifier", "date", "setting", "zip", "units"]


def _addendum_b(code: str) -> dict[str, str]:
    with ADDENDUM_B.open(encoding="latin-1", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[4]
    return next(dict(zip(header, row, strict=False)) for row in rows[5:] if row and row[0] == code)


def _addendum_ff(code: str) -> list[str]:
    with ADDENDUM_FF.open(encoding="latin-1", newline="") as handle:
        return next(row for row in csv.reader(handle) if row and row[0] == code)


def _dollars(text: str) -> Decimal:
    return Decimal(text.replace("$", "").replace(",", "").strip())


def _batch(pricer: Pricer, lines: list[tuple[str, str, str, int]]) -> list[dict[str, Any]]:
    """(claim, code, modifier, units) lines, at the hospital in Manhattan on 2025-11-10."""
    rows = [{"claim": claim, "code": code, "modifier": modifier, "date": "2025-11-10", "setting": "hopd",
             "zip": "10001", "units": str(units)} for claim, code, modifier, units in lines]  # fmt: skip
    table = pa.table({name: [row[name] for row in rows] for name in COLUMNS})
    return BatchPricer(pricer).price_table(table).to_pylist()


def _money(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))


def test_the_rule_s_counts() -> None:
    assert opps_unpriced(1, 1, 0, 0, 0, 0) == UNPRICED_CA
    assert opps_unpriced(0, 0, 8, 1, 0, 0) == UNPRICED_OBSERVATION
    assert opps_unpriced(0, 0, 7, 1, 0, 0) == UNPRICED_NONE  # fewer than 8 hours
    assert opps_unpriced(0, 0, 8, 0, 0, 0) == UNPRICED_NONE  # no visit
    assert opps_unpriced(0, 0, 8, 1, 1, 0) == UNPRICED_NONE  # a T or J1 procedure
    assert opps_unpriced(0, 1, 8, 1, 0, 0) == UNPRICED_NONE  # an inpatient-only procedure without CA: denied


def test_comprehensive_observation_is_not_priced_as_the_visit_alone(pricer: Pricer) -> None:
    """99284 (Addendum B: SI J2) with 8 hours of G0378 (SI N) and no T or J1 procedure is APC 8011's: rvucalc paid
    the visit alone ($505.99 at the hospital in Manhattan), as if it were the payment."""
    visit, hours = _addendum_b("99284"), _addendum_b("G0378")
    assert visit["SI"] == "J2" and hours["SI"] == "N"
    encounter = pricer.price_encounter(["99284", "G0378"], units=[1, 8], setting="hopd", **DAY)
    total = encounter.totals["hopd"]
    assert not total.payable and total.reason is not None and OBSERVATION_REASON in total.reason
    assert "not installed" in total.reason and "8011" in total.reason
    for line in encounter.lines:
        assert line.opps is not None and not line.opps.payable and line.opps.rate is None
        assert line.opps.reason == OBSERVATION_REASON
    out = _batch(pricer, [("c1", "99284", "", 1), ("c1", "G0378", "", 8)])
    for row in out:
        assert row["opps_rate"] is None and row["hopd_allowed"] is None and row["allowed"] is None
        assert OBSERVATION_REASON in row["note"]
    # The professional fee is the physician's claim, as ever: the PFS facility amount of the visit.
    assert _money(out[0]["pfs_facility_amount"]) == encounter.lines[0].pfs.facility.amount


@pytest.mark.parametrize(("codes", "units"), [(["99284", "G0378"], [1, 7]), (["99284", "G0378", "43239"], [1, 8, 1])])
def test_no_comprehensive_observation_under_8_hours_or_beside_a_t_procedure(
    pricer: Pricer, codes: list[str], units: list[int]
) -> None:
    """7 hours, or a SI T procedure (43239, Addendum B: T) on the claim: the lines are paid as before, the visit at
    Addendum B's national rate wage-adjusted, and batch agrees to the cent."""
    assert _addendum_b("43239")["SI"] == "T"
    encounter = pricer.price_encounter(codes, units=units, setting="hopd", **DAY)
    visit = encounter.lines[0].opps
    assert visit is not None and visit.payable and visit.national_rate == _dollars(_addendum_b("99284")["Payment Rate"])
    assert encounter.totals["hopd"].payable
    out = _batch(pricer, [("c1", code, "", count) for code, count in zip(codes, units, strict=True)])
    for line, row in zip(encounter.lines, out, strict=True):
        assert line.opps is not None and _money(row["opps_rate"]) == line.opps.rate
        assert OBSERVATION_REASON not in row["note"]


def test_modifier_ca_is_accepted_and_the_hospital_claim_is_apc_5881_not_priced(pricer: Pricer) -> None:
    """33510 is inpatient only (Addendum B: SI C); with CA the hospital is paid APC 5881 for the claim (rvucalc
    refused CA as unknown, exit 2). The PFS amounts are those without CA."""
    assert _addendum_b("33510")["SI"] == "C"
    info = lookup("CA")
    assert info is not None and info.effect == "none"
    encounter = pricer.price_encounter(["33510-CA", "43239"], setting="hopd", **DAY)
    plain = pricer.price_encounter(["33510", "43239"], setting="hopd", **DAY)
    total = encounter.totals["hopd"]
    assert not total.payable and total.reason is not None and CA_REASON in total.reason and "5881" in total.reason
    for line, without in zip(encounter.lines, plain.lines, strict=True):
        assert line.opps is not None and line.opps.reason == CA_REASON and line.opps.rate is None
        assert line.pfs.facility.amount == without.pfs.facility.amount  # the physician's claim unchanged
    out = _batch(pricer, [("c1", "33510", "CA", 1), ("c1", "43239", "", 1)])
    assert all(row["opps_rate"] is None and row["hopd_allowed"] is None for row in out)
    assert CA_REASON in out[0]["note"] and "SI C: Inpatient only" not in out[0]["note"]
    assert CA_REASON in out[1]["note"]
    assert [_money(row["pfs_facility_amount"]) for row in out] == [line.pfs.facility.amount for line in encounter.lines]
    alone = pricer.price("33510-CA", setting="hopd", **DAY)
    assert alone.opps is not None and alone.opps.reason == CA_REASON
    row = _batch(pricer, [("", "33510", "CA", 1)])[0]
    assert row["opps_rate"] is None and CA_REASON in row["note"] and "SI C: Inpatient only" not in row["note"]


def test_73_on_a_device_intensive_procedure_says_the_device_offset_is_not_removed(pricer: Pricer) -> None:
    """63685 is device-intensive (Addendum FF, October 2025: PI J8, device offset 84.10%); the OPPS removes its
    device offset before 73's 50%, which rvucalc cannot price without Addendum P: the line says its OPPS amount (50%
    of Addendum B's rate, wage-adjusted) does not remove it. FF's "OPPS Payment Rate" is not Addendum B's, so the
    hospital is not priced from it. 45378-73 (no device) says nothing of the kind."""
    ff, b = _addendum_ff("63685"), _addendum_b("63685")
    assert ff[3] == "J8" and _dollars(ff[6]) != _dollars(b["Payment Rate"])
    line = pricer.price("63685-73", setting="hopd", **DAY)
    assert line.opps is not None and line.opps.national_rate == _dollars(b["Payment Rate"])
    assert line.opps.adjustments[-1].percentage == 50 and line.opps.rate == line.opps.adjustments[-1].amount_after
    assert OPPS_DEVICE_OFFSET_NOTE in line.notes
    out = _batch(pricer, [("", "63685", "73", 1), ("", "45378", "73", 1)])
    assert _money(out[0]["opps_rate"]) == line.opps.rate and OPPS_DEVICE_OFFSET_NOTE in out[0]["note"]
    plain = pricer.price("45378-73", setting="hopd", **DAY)
    assert OPPS_DEVICE_OFFSET_NOTE not in plain.notes and OPPS_DEVICE_OFFSET_NOTE not in out[1]["note"]


def test_a_j1_the_day_before_packages_an_observation_claim_and_a_vaccine_keeps_not_priced(pricer: Pricer) -> None:
    """A review: a claim with 27447 (J1) on 2025-11-03 and 10 hours of G0378 with 99284 on 11-04 had the visit "not
    priced: APC 8011" (comprehensive observation needs no T or J1 procedure the day before) while the J1 was paid;
    the J1 packages the claim's other dates. And a flu vaccine (SI L, unpaid alone) beside a CA claim turned its
    "not priced" total "not payable". A partial hospitalization day (SI P) is paid one per-diem APC (Addendum A, not
    installed): not priced either (test_php_iop_per_diem)."""
    rows = [{"claim": "D", "code": code, "date": date, "setting": "22", "zip": "10001", "units": units}
            for code, date, units in (("27447", "2025-11-03", "1"), ("G0378", "2025-11-04", "10"),
                                      ("99284", "2025-11-04", "1"))]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert _money(out[0]["opps_rate"]) and [_money(row["opps_rate"]) for row in out[1:]] == [0, 0]
    assert all("27447 on 2025-11-03" in row["note"] for row in out[1:])
    assert not any(OBSERVATION_REASON in row["note"] for row in out)
    vaccine = pricer.price_encounter(["22558-CA", "96374", "90686"], setting="hopd", **DAY).totals["hopd"]
    assert vaccine.reason is not None and vaccine.reason.startswith("Not priced") and CA_REASON in vaccine.reason
    day = pricer.price_encounter(["G0410", "90834"], setting="hopd", **DAY).totals["hopd"]
    assert not day.payable and day.status == "not_priced" and day.reason is not None and "SI P" in day.reason
