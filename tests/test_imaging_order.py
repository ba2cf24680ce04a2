"""The order of the imaging reductions: the multiple procedure reduction, the OPPS imaging cap, the TC cuts.

Expected amounts are computed here from CMS's own rows shipped in data/: PPRRVU (RVUs and the CF), GPCI (the
locality's indexes) and OPPSCAP (the capped amounts), with CMS's percentages applied exactly and rounded once.

* CMS's RVU file documentation (RVU26A), "Section 5102(b) of the Deficit Reduction Act of 2005": "the physician fee
  schedule amount is compared to the OPPS payment amount and the lower amount is used"; multiple procedure
  indicator 4: "rank the procedures by fee schedule amount for the TC. Pay 100% for the highest priced procedure,
  and 50% for each subsequent procedure"; 5% of the PC from 2017.
* The order (the documentation does not state it): the MAC's worksheet (TrailBlazer, "Imaging Procedure Pricing
  for Multiple Procedure Reduction and OPPS Cap Worksheet"), the 50% reduction of the fee schedule amount first,
  then "the lower of" that and the OPPS amount.
* CT (PAMA §218(a), MLN MM9250), FX (CR 9727) and FY: a cut of the TC payment, after the cap (CR 9727: the FX
  modifier "will reduce whichever of these two amounts applies"), of the TC the MPPR left (50% x 85% for a later CT).
"""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.policy import IMAGING_CAP_RULE, Line, LineSetting, apply_policy
from rvucalc.paths import data_dir

CENT = Decimal("0.01")
MANHATTAN_2026 = ("13202", "1", "01")  # GPCI file's carrier and locality number; OPPSCAP's locality
SAN_FRANCISCO_2025 = ("01112", "05", "05")
PPRRVU = {2026: ("rvu", "2026", "PPRRVU2026_Jul_nonQPP.csv"), 2025: ("rvu", "2025", "PPRRVU2025_Oct.csv")}
OPPSCAP = {2026: ("rvu", "2026", "ref_opps_price_cap.csv"), 2025: ("rvu", "2025", "OPPSCAP_Oct.csv")}


def _rows(parts: tuple[str, ...]) -> list[list[str]]:
    with data_dir().joinpath(*parts).open(newline="") as handle:
        return list(csv.reader(handle))


def rvu(year: int, code: str, modifier: str = "") -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """PPRRVU's work, non-facility PE and MP RVUs and the CF of a row."""
    rows = _rows(PPRRVU[year])
    factor = next(row for row in rows if row[:1] == ["HCPCS"]).index("FACTOR")  # the CF's column (2026 adds one)
    for row in rows:
        if len(row) > factor and (row[0], row[1]) == (code, modifier):
            return Decimal(row[5]), Decimal(row[6]), Decimal(row[10]), Decimal(row[factor])
    raise LookupError((year, code, modifier))


def gpci(year: int, carrier: str, number: str) -> tuple[Decimal, Decimal, Decimal]:
    if year == 2026:
        for row in _rows(("gpci", "2026", "ref_geo_adjustment.csv"))[1:]:
            if (row[0], row[2]) == (carrier, number):
                return Decimal(row[5]), Decimal(row[6]), Decimal(row[7])
    else:
        for row in _rows(("gpci", "2025", "GPCI2025.csv")):
            if len(row) > 6 and (row[0], row[2]) == (carrier, number):
                return Decimal(row[4]), Decimal(row[5]), Decimal(row[6])
    raise LookupError((year, carrier, number))


def fee(year: int, place: tuple[str, str, str], code: str, modifier: str = "") -> Decimal:
    """The office fee schedule amount: (work x GPCI + PE x GPCI + MP x GPCI) x CF, to the cent (RVU26A formula)."""
    work, pe, mp, cf = rvu(year, code, modifier)
    w, p, m = gpci(year, place[0], place[1])
    return ((work * w + pe * p + mp * m) * cf).quantize(CENT, rounding=ROUND_HALF_UP)


def cap(year: int, place: tuple[str, str, str], code: str, modifier: str = "") -> Decimal:
    with data_dir().joinpath(*OPPSCAP[year]).open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["HCPCS"], row["MOD"], row["CARRIER"], row["LOCALITY"]) == (code, modifier, place[0], place[2]):
                return Decimal(row["NON-FACILTY PRICE"])
    raise LookupError((year, code, modifier))


def once(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def office(pricer: Any, codes: list[str], zip_code: str, date: str) -> list[Decimal]:
    lines = pricer.price_encounter(codes, zip_code=zip_code, date_of_service=date).lines
    return [line.pfs.non_facility.amount for line in lines]


def batch_office(pricer: Any, codes: list[str], zip_code: str, date: str) -> list[Decimal]:
    table = pa.table({"claim": ["A"] * len(codes), "code": [c.split("-")[0] for c in codes],
                      "modifier": ["-".join(c.split("-")[1:]) for c in codes], "date": [date] * len(codes),
                      "setting": ["11"] * len(codes), "zip": [zip_code] * len(codes)})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert all(row["error"] == "" for row in rows), rows
    return [Decimal(str(row["allowed"])) for row in rows]


def both(pricer: Any, codes: list[str], zip_code: str, date: str) -> list[Decimal]:
    """rvucalc price's amounts, checked equal to batch's (POS 11: the office amount)."""
    single = office(pricer, codes, zip_code, date)
    assert batch_office(pricer, codes, zip_code, date) == single
    return single


# -- 1. the multiple procedure reduction, then the cap ---------------------------------------------------------


def test_a_later_capped_tc_is_half_its_own_tc_then_the_cap(pricer) -> None:  # type: ignore[no-untyped-def]
    """70496-TC after 74177-TC (Manhattan, 2026): min(TC - 50% TC, OPPSCAP TC) = $112.77; it was $96.08 (half the
    uncapped $225.53 taken off the capped $208.84)."""
    place = MANHATTAN_2026
    tc, capped = fee(2026, place, "70496", "TC"), cap(2026, place, "70496", "TC")
    assert (tc, capped) == (Decimal("225.53"), Decimal("208.84"))
    expected = min(once(tc - tc / 2), capped)
    assert expected == Decimal("112.77")
    assert both(pricer, ["74177-TC", "70496-TC"], "10001", "2026-08-03")[1] == expected


def test_a_later_capped_global_is_reduced_then_capped(pricer) -> None:  # type: ignore[no-untyped-def]
    """70496 after 74177: min(global - 50% TC - 5% PC, OPPSCAP global) = $197.15 (it was $180.46)."""
    place = MANHATTAN_2026
    whole, tc, pc = (fee(2026, place, "70496", m) for m in ("", "TC", "26"))
    expected = min(once(whole - tc / 2 - pc * Decimal("0.05")), cap(2026, place, "70496"))
    assert expected == Decimal("197.15")
    assert both(pricer, ["74177", "70496"], "10001", "2026-08-03")[0:2] == [fee(2026, place, "74177"), expected]


def test_2025_later_capped_tc(pricer) -> None:  # type: ignore[no-untyped-def]
    """70496-TC with 71275 (San Francisco, 2025): 71275's TC ranks first, 70496-TC ($272.62) is the later one:
    min($136.31, OPPSCAP $251.96) (it was $115.65)."""
    place = SAN_FRANCISCO_2025
    tc, capped = fee(2025, place, "70496", "TC"), cap(2025, place, "70496", "TC")
    assert fee(2025, place, "71275", "TC") > tc
    expected = min(once(tc - tc / 2), capped)
    assert expected == Decimal("136.31")
    assert both(pricer, ["70496-TC", "71275"], "94110", "2025-11-10")[0] == expected


def _imaging(fee_cents: int, cap_cents: int | None) -> Line:
    row = {"bilat_surg": "3", "mult_proc": "4", "family_ind": "88", "modifier": "TC", "status": "A",
           "global_days": "XXX", "endo_base": ""}  # fmt: skip
    state = LineSetting(fee=fee_cents, cap=cap_cents, tc=fee_cents)
    return Line(code="7xxxx", modifiers=["TC"], row=row, settings={"non_facility": state})


def test_the_cap_binds_on_what_the_reduction_left() -> None:
    """A later TC of $1,000 capped at $400: 50% first ($500), then the lower of that and the cap: $400, the cap
    step after the reduction; the TC left is $400 (what a CT cut would take its 15% of)."""
    first, later = _imaging(200000, None), _imaging(100000, 40000)
    apply_policy([first, later], "non_facility")
    state = later.settings["non_facility"]
    assert state.amount == 40000 and state.tc_part == 40000
    assert [step.rule for step in state.steps][-1] == IMAGING_CAP_RULE
    assert [step.after for step in state.steps] == [Fraction(50000), Fraction(40000)]


# -- 2. CT, FX, FY: a cut of the TC the earlier steps left ----------------------------------------------------


def test_a_later_ct_scan_s_tc_is_paid_at_50_then_85_percent(pricer) -> None:  # type: ignore[no-untyped-def]
    """70450-CT after 70486-CT: PC x 95% + TC x 50% x 85% = $74.81 (it was $68.95: 15% of the full TC)."""
    place = MANHATTAN_2026
    tc, pc = fee(2026, place, "70450", "TC"), fee(2026, place, "70450", "26")
    expected = once(pc * Decimal("0.95") + tc * Decimal("0.5") * Decimal("0.85"))
    assert expected == Decimal("74.81")
    first = once(fee(2026, place, "70486") - fee(2026, place, "70486", "TC") * Decimal("0.15"))
    assert both(pricer, ["70486-CT", "70450-CT"], "10001", "2026-08-03") == [first, expected]


def test_a_later_ct_of_a_capped_code(pricer) -> None:  # type: ignore[no-untyped-def]
    """70496-CT after 74177: (global - 50% TC - 5% PC), under the cap, less 15% of the TC left: $180.24 (was
    $146.63)."""
    place = MANHATTAN_2026
    whole, tc, pc = (fee(2026, place, "70496", m) for m in ("", "TC", "26"))
    reduced = whole - tc / 2 - pc * Decimal("0.05")
    assert reduced < cap(2026, place, "70496")
    expected = once(reduced - tc / 2 * Decimal("0.15"))
    assert expected == Decimal("180.24")
    assert both(pricer, ["70496-CT", "74177"], "10001", "2026-08-03")[0] == expected


@pytest.mark.parametrize("codes", [["70496-CT"], ["70496-TC-CT"]])
def test_ct_alone_cuts_the_capped_tc(pricer, codes) -> None:  # type: ignore[no-untyped-def]
    """A capped code alone with CT: the lower of the fee and the cap, then 15% off the TC that leaves (CR 9727's
    order for the TC cuts: the lower amount, then the cut): 70496-CT $266.34 (was $263.84), 70496-TC-CT $177.51."""
    place = MANHATTAN_2026
    modifier = "TC" if "TC" in codes[0] else ""
    whole, capped = fee(2026, place, "70496", modifier), cap(2026, place, "70496", modifier)
    tc = fee(2026, place, "70496", "TC")
    tc_left = tc - (whole - capped)
    expected = once(capped - tc_left * Decimal("0.15"))
    assert expected == {"": Decimal("266.34"), "TC": Decimal("177.51")}[modifier]
    assert both(pricer, codes, "10001", "2026-08-03") == [expected]


def test_fx_on_an_xray_still_cuts_its_full_tc(pricer) -> None:  # type: ignore[no-untyped-def]
    """FX (20% of the TC, CR 9727) on an X-ray (indicator 0: no MPPR, no OPPSCAP row): 20% of the full TC, as
    before the order changed."""
    place = MANHATTAN_2026
    whole, tc = fee(2026, place, "73000"), fee(2026, place, "73000", "TC")
    assert both(pricer, ["73000-FX"], "10001", "2026-08-03") == [once(whole - tc * Decimal("0.2"))]


# -- 3. a global test-only code in a cardiovascular group -----------------------------------------------------


def test_a_global_test_only_code_says_why_it_is_not_reduced(pricer) -> None:  # type: ignore[no-untyped-def]
    """93015 (multiple procedure indicator 6, PC/TC indicator 4: CMS's file has no 93015-TC row) beside 78452: paid
    its fee, as before, but the line now says why (it was silent); batch says the same in its note."""
    place = MANHATTAN_2026
    codes = ["78452", "93015"]
    assert both(pricer, codes, "10001", "2026-08-03") == [fee(2026, place, "78452"), fee(2026, place, "93015")]
    line = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-03").lines[1]
    [step] = line.pfs.non_facility.adjustments
    assert "93015 not ranked or reduced" in step.rule and step.amount_before == step.amount_after
    table = pa.table({"claim": ["A", "A"], "code": codes, "modifier": ["", ""], "date": ["2026-08-03"] * 2,
                      "setting": ["11"] * 2, "zip": ["10001"] * 2})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert "93015 not ranked or reduced" in rows[1]["note"]


# -- 4. a TC line at a hospital ----------------------------------------------------------------------------------


@pytest.mark.parametrize("claim", ["", "A"])
def test_a_tc_line_at_a_hospital_is_not_payable_under_the_pfs_there(pricer, claim) -> None:  # type: ignore[no-untyped-def]
    """93458-TC at POS 22: its facility PE is NA (PPRRVU), so no PFS facility amount and no professional amount: blank
    with the reason, as rvucalc price --setting 22 says, never $0.00."""
    facility = pricer.price("93458-TC", zip_code="10001", date_of_service="2025-08-04", setting="22").pfs.facility
    assert not facility.payable and "the technical component (TC) is the facility's part there" in facility.reason
    table = pa.table({"claim": [claim], "code": ["93458"], "modifier": ["TC"], "date": ["2025-08-04"],
                      "setting": ["22"], "zip": ["10001"]})  # fmt: skip
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert row["pfs_facility_amount"] is None and row["professional_allowed"] is None
    assert facility.reason in row["note"]


def test_a_later_global_whose_tc_the_cap_lowers_is_its_tc_line_plus_its_26_line(pricer) -> None:  # type: ignore[no-untyped-def]
    """A review: 74261 after 74263 (Manhattan, 2026) was paid $247.52, the OPPSCAP global amount (the capped TC plus
    the whole PC), giving back the PC's 5% cut; its TC and 26 lines came to $241.36. The cap is on the TC part alone:
    min(TC - 50%, OPPSCAP TC) + PC - 5%; and CT then cuts 15% of the capped TC."""
    place = MANHATTAN_2026
    tc, pc = fee(2026, place, "74261", "TC"), fee(2026, place, "74261", "26")
    capped_tc = cap(2026, place, "74261", "TC")
    assert capped_tc < tc / 2  # the cap binds on the reduced TC
    expected = once(capped_tc + pc - pc * Decimal("0.05"))
    lines = both(pricer, ["74263", "74261"], "10001", "2026-08-03")
    tc_line = both(pricer, ["74263-TC", "74261-TC"], "10001", "2026-08-03")[1]
    pc_line = both(pricer, ["74263-26", "74261-26"], "10001", "2026-08-03")[1]
    assert lines[1] == expected == tc_line + pc_line
    with_ct = both(pricer, ["74263", "74261-CT"], "10001", "2026-08-03")[1]
    assert with_ct == once(capped_tc * Decimal("0.85") + pc - pc * Decimal("0.05"))
    assert both(pricer, ["74261"], "10001", "2026-08-03")[0] == cap(2026, place, "74261")  # alone: the cap, as before
