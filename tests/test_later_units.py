"""Several units of a procedure subject to multiple procedure discounting are that many procedures.

ASC: Claims Processing Manual ch. 14 §40.5 ("special payment rules apply even if the services have the same CPT
code number"); OPPS SI T: the OPPS Pricer's discounting formula 2, (1 + D(U-1))/U with D = 0.5 truncated to 8
decimals, and 5 (D) for a lower-paid line. So the first unit of the encounter's highest-paid procedure is paid in
full and every other unit at 50%; the rate columns stay one unit's. ASC amounts are built from the one-unit lookup
(itself checked against CMS's published rates elsewhere); hospital lines from Addendum B's national rate, as the
Pricer pays them: the unrounded wage-adjusted rate x units x the discount rate, rounded once."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.kernels import COINSURANCE_PERCENT, percent_of, reduced

DATE = "2025-11-03"


def _cents(amount: Decimal | None) -> int:
    assert amount is not None
    return int(amount.scaleb(2))


def _site(result: Any, name: str) -> Any:
    return next(site for site in result.sites if site.setting == name)


@pytest.fixture(scope="module")
def codes(pricer: Any) -> dict[str, str]:
    """From the installed 2025 October files: an SI T code and an ASC code subject to discounting, both PFS-priced
    with a facility amount; an ASC code not subject to it."""
    opps = pricer.store(next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10"))
    asc = pricer.store(next(r for r in pricer.catalogue.releases("asc") if r.release == "2025-10"))
    status_t = sorted(r["hcpcs"] for r in opps.rows("opps") if r["si"] == "T" and r["rate"])
    flags = {r["hcpcs"]: r["multiple_discount"] for r in asc.rows("asc_aa") if r["rate"]}
    priced = {c for c in ("11042", "17000", "20610", "64721", "11300", "10060", "64483", "28285") if c in flags}
    return {
        "t": next(c for c in ("11042", "17000", "10060", "11300") if c in status_t),
        "asc": sorted(c for c in priced if flags[c] == "Y")[0],
        "asc_n": sorted(c for c, flag in flags.items() if flag == "N")[0],
    }


@pytest.mark.parametrize(("site", "key"), [("asc", "asc")])
def test_a_line_alone_pays_its_later_units_at_half(pricer: Any, codes: dict[str, str], site: str, key: str) -> None:
    code = codes[key]
    one = _site(pricer.price(code, zip_code="10001", date_of_service=DATE), site)
    three = pricer.price(code, zip_code="10001", date_of_service=DATE, units=3)
    professional = _cents(one.professional_payment)
    facility = _cents(one.facility_payment)
    expected = facility + reduced(2 * facility, 50)  # the line rounded once, as the OPPS Pricer pays it
    assert _cents(_site(three, site).facility_payment) == expected
    assert _cents(_site(three, site).total) == expected + 3 * professional
    assert any("units 2-3 of this line are lower-paid procedures, at 50%" in note for note in three.notes)
    # The patient pays 20% of the line: of its facility payment (the later units at 50%) and of its professional fee
    # (3 units), each rounded once.
    facility_share = percent_of(expected, COINSURANCE_PERCENT * 100)
    line_share = percent_of(3 * professional, COINSURANCE_PERCENT * 100)
    assert _cents(_site(three, site).beneficiary) == facility_share + line_share


def test_a_hospital_line_of_three_units_is_the_pricers_formula_2_rounded_once(
    pricer: Any, codes: dict[str, str]
) -> None:
    """OPPS SI T, 3 units alone: the Pricer pays the unrounded wage-adjusted rate x 3 x (1 + 0.5 x 2) / 3 (its
    discount rate truncated to 8 decimals, 0.66666666), rounded once; the copayment is the rest after Medicare's
    share. The national rate is read from Addendum B; the wage index is ZIP 10001's (1.3138); batch alike."""
    code = codes["t"]
    opps = pricer.store(next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10"))
    national = Decimal(next(r["rate"] for r in opps.rows("opps") if r["hcpcs"] == code)).scaleb(-3)
    unrounded = national * (Decimal("0.6") * Decimal("1.3138") + Decimal("0.4"))
    payment = (unrounded * 3 * Decimal("0.66666666")).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    one = pricer.price(code, zip_code="10001", date_of_service=DATE)
    three = pricer.price(code, zip_code="10001", date_of_service=DATE, units=3)
    assert one.opps.medicare_share is not None and three.location.wage_index == Decimal("1.3138")
    copayment = payment - (payment * one.opps.medicare_share).quantize(Decimal("0.01"), "ROUND_HALF_UP")
    site = _site(three, "hopd")
    professional = _cents(_site(one, "hopd").professional_payment)
    assert _cents(site.facility_payment) == _cents(payment)
    assert _cents(site.total) == _cents(payment) + 3 * professional
    assert _cents(site.beneficiary) == _cents(copayment) + 3 * percent_of(professional, COINSURANCE_PERCENT * 100)
    assert any("units 2-3 of this line are lower-paid procedures, at 50%" in note for note in three.notes)
    table = pa.table({"code": [code], "units": ["3"], "zip": ["10001"], "date": [DATE], "setting": ["hopd"]})
    row = BatchPricer(pricer).price_table(table).to_pylist()[0]
    assert (Decimal(str(row["hopd_allowed"])), Decimal(str(row["hopd_beneficiary"]))) == (site.total, site.beneficiary)


def test_a_lower_paid_line_pays_every_unit_at_half_and_others_are_untouched(pricer: Any, codes: dict[str, str]) -> None:
    code = codes["asc"]
    one = _cents(_site(pricer.price(code, zip_code="10001", date_of_service=DATE), "asc").facility_payment)
    encounter = pricer.price_encounter(["27447", code], zip_code="10001", date_of_service=DATE, units=2)
    assert _cents(_site(encounter.lines[1], "asc").facility_payment) == 2 * reduced(one, 50)
    assert not any(
        "lower-paid procedures" in note or "lower-paid procedure," in note for note in encounter.lines[1].notes
    )
    not_discounted = pricer.price(codes["asc_n"], date_of_service=DATE, units=2)
    alone = pricer.price(codes["asc_n"], date_of_service=DATE)
    assert _site(not_discounted, "asc").facility_payment == 2 * _site(alone, "asc").facility_payment
    terminated = pricer.price(code, modifier="73", zip_code="10001", date_of_service=DATE, units=2)
    once = pricer.price(code, modifier="73", zip_code="10001", date_of_service=DATE)
    assert _site(terminated, "asc").facility_payment == 2 * _site(once, "asc").facility_payment


def test_batch_rows_say_and_pay_the_same(pricer: Any, codes: dict[str, str]) -> None:
    """Rows alone, and a claim where the rules reduce the line: the single lookup's amounts and note."""
    code = codes["asc"]
    table = pa.table({
        "code": [code, codes["t"], "27447", code], "units": ["3", "2", "1", "2"], "zip": ["10001"] * 4,
        "date": [DATE] * 4, "claim": ["", "", "K", "K"],
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    singles = [pricer.price(code, zip_code="10001", date_of_service=DATE, units=3),
               pricer.price(codes["t"], zip_code="10001", date_of_service=DATE, units=2)]  # fmt: skip
    singles += pricer.price_encounter(["27447", code], zip_code="10001", date_of_service=DATE, units=2).lines
    singles[2] = pricer.price_encounter(["27447", code], zip_code="10001", date_of_service=DATE, units=1).lines[0]
    for row, single in zip(rows, singles, strict=True):
        for name in ("hopd", "asc"):
            site = _site(single, name)
            for measure in ("allowed", "beneficiary", "medicare"):
                expected = getattr(site, measure) if site.payable else None
                got = row[f"{name}_{measure}"]
                assert (None if got is None else Decimal(str(got)).quantize(Decimal("0.01"))) == expected, (row, name)
    assert "lower-paid procedures, at 50%" in rows[0]["note"] and "lower-paid procedure, at 50%" in rows[1]["note"]
    assert "lower-paid procedure, at 50%" not in rows[3]["note"]


def test_a_comprehensive_apc_is_one_payment_whatever_the_units(pricer: Any) -> None:
    """64721 is SI J1 in 2025: two units are one C-APC payment (the professional fee: two units of a bilateral code,
    indicator 1, are one bilateral procedure, 150%)."""
    one = _site(pricer.price("64721", zip_code="10001", date_of_service=DATE), "hopd")
    two = pricer.price("64721", zip_code="10001", date_of_service=DATE, units=2)
    assert two.opps.status_indicator == "J1"
    assert _site(two, "hopd").facility_payment == one.facility_payment
    assert _site(two, "hopd").professional_payment == (one.professional_payment * 3 / 2).quantize(Decimal("0.01"))
    assert any(note.startswith("Comprehensive APC (SI J1): one payment for the claim") for note in two.notes)
    table = pa.table({"code": ["64721"], "units": ["2"], "zip": ["10001"], "date": [DATE], "setting": ["22"]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["allowed"])).quantize(Decimal("0.01")) == _site(two, "hopd").total


@pytest.mark.parametrize("modifier", ["74", "PO"])
def test_a_modifier_that_keeps_the_rate_keeps_the_rule(pricer: Any, codes: dict[str, str], modifier: str) -> None:
    """74 is paid in full and PO changes only G0463 and drug administration: the later units are still at 50%
    (73 and 52 make the line one payment; PN scales the rate and keeps the rule)."""
    code = codes["t"]
    plain = pricer.price(code, zip_code="10001", date_of_service=DATE, units=2)
    marked = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE, units=2)
    assert _site(marked, "hopd").facility_payment == _site(plain, "hopd").facility_payment
    table = pa.table({"code": [code], "modifier": [modifier], "units": ["2"], "zip": ["10001"], "date": [DATE]})
    [row] = BatchPricer(pricer).price_table(table).to_pylist()
    assert Decimal(str(row["hopd_allowed"])).quantize(Decimal("0.01")) == _site(marked, "hopd").total


def test_the_note_is_said_where_its_site_is_shown(pricer: Any, codes: dict[str, str]) -> None:
    code = codes["asc"]
    for setting, said in ((None, True), ("asc", True), ("office", False), ("21", False)):
        result = pricer.price(code, zip_code="10001", date_of_service=DATE, units=2, setting=setting)
        assert any(n.startswith("ASC multiple procedure discounting: unit 2") for n in result.notes) == said, setting
    table = pa.table({"code": [code] * 3, "units": ["2"] * 3, "zip": ["10001"] * 3, "date": [DATE] * 3,
                      "setting": ["", "24", "11"]})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert ["ASC multiple procedure discounting: unit 2" in row["note"] for row in rows] == [True, True, False]


@pytest.mark.parametrize("modifier", ["73", "52"])
def test_a_terminated_hospital_line_is_one_payment_whatever_its_units(
    pricer: Any, codes: dict[str, str], modifier: str
) -> None:
    """OPPS Pricer formula 3 (T/U) and, when the encounter discounts the line too, 6 (TD/U): times rate x units, one
    payment at the reduced rate. In the ASC the line stays units x its reduced rate (no source says otherwise)."""
    code = codes["t"]
    one = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE)
    three = pricer.price(code, modifier=modifier, zip_code="10001", date_of_service=DATE, units=3)
    assert _cents(_site(three, "hopd").facility_payment) == _cents(_site(one, "hopd").facility_payment)
    assert _cents(_site(three, "hopd").professional_payment) == 3 * _cents(_site(one, "hopd").professional_payment)
    assert _cents(_site(three, "asc").facility_payment) == 3 * _cents(_site(one, "asc").facility_payment)
    assert any("units 2-3 of this line not paid" in note for note in three.notes)
    # With the plain code in the encounter, the terminated line is the lower-paid one: T x D, once.
    claim = pricer.price_encounter([code, f"{code}-{modifier}"], zip_code="10001", date_of_service=DATE, units=2)
    full = _cents(_site(one, "hopd").facility_payment)
    assert _cents(_site(claim.lines[1], "hopd").facility_payment) == reduced(full, 50)
    table = pa.table({
        "code": [code, code, code], "modifier": [modifier, "", modifier], "units": ["3", "2", "2"],
        "zip": ["10001"] * 3, "date": [DATE] * 3, "claim": ["", "K", "K"],
    })  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for row, single in zip(rows, [three, *claim.lines], strict=True):
        for name in ("hopd", "asc"):
            for measure in ("allowed", "beneficiary", "medicare"):
                got = Decimal(str(row[f"{name}_{measure}"])).quantize(Decimal("0.01"))
                assert got == getattr(_site(single, name), measure), (row, name, measure)
    assert "units 2-3 of this line not paid" in rows[0]["note"]
    assert "unit 2 of this line not paid" in rows[2]["note"]


def test_pn_scales_the_hospital_rate_and_keeps_the_units_rule(pricer: Any, codes: dict[str, str]) -> None:
    """PN (non-excepted off-campus department: 40% of the OPPS rate) scales the line's payment; its discounting
    formula is the line's own: an SI T line's later units at 50%, a J1's one payment (64721 is J1 in 2025)."""
    for code, later in ((codes["t"], 50), ("64721", 0)):
        one = _cents(_site(pricer.price(code, modifier="PN", zip_code="10001", date_of_service=DATE), "hopd")
                     .facility_payment)  # fmt: skip
        two = pricer.price(code, modifier="PN", zip_code="10001", date_of_service=DATE, units=2)
        assert _cents(_site(two, "hopd").facility_payment) == one + reduced(one, later), code
        table = pa.table({"code": [code], "modifier": ["PN"], "units": ["2"], "zip": ["10001"], "date": [DATE]})
        [row] = BatchPricer(pricer).price_table(table).to_pylist()
        assert Decimal(str(row["hopd_allowed"])).quantize(Decimal("0.01")) == _site(two, "hopd").total, code


def test_a_packaged_terminated_line_says_nothing_of_its_units(pricer: Any, codes: dict[str, str]) -> None:
    """Beside a comprehensive APC (27447, J1 in 2025) the terminated line is packaged: $0.00, no units note."""
    claim = pricer.price_encounter(["27447", f"{codes['t']}-73"], zip_code="10001", date_of_service=DATE, units=3)
    assert _site(claim.lines[1], "hopd").facility_payment == 0
    assert not any("of this line not paid" in note for note in claim.lines[1].notes)
    table = pa.table({"code": ["27447", codes["t"]], "modifier": ["", "73"], "units": ["3", "3"],
                      "zip": ["10001"] * 2, "date": [DATE] * 2, "claim": ["K", "K"]})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert "of this line not paid" not in rows[1]["note"]


def test_hospital_lines_of_several_units_are_rounded_once(pricer: Any) -> None:
    """Formula 1 (an SI S line, every unit in full: unrounded rate x units) and formula 5 (a lower-paid T procedure,
    every unit at 50%: unrounded rate x units x 0.5), each rounded once: found among Addendum B's rows where rounding
    the one-unit rate first would be a cent off; single lookups and batch claims alike."""
    opps = pricer.store(next(r for r in pricer.catalogue.releases("opps") if r.release == "2025-10"))
    factor = Decimal("0.6") * Decimal("1.3138") + Decimal("0.4")
    cent = Decimal("0.01")

    def first(si: str, units: int, share: Decimal) -> tuple[str, Decimal]:
        for row in opps.rows("opps"):
            if row["si"] == si and row["rate"] and row["ira_coinsurance_pct"] is None:
                unrounded = Decimal(row["rate"]).scaleb(-3) * factor
                exact = (unrounded * units * share).quantize(cent, "ROUND_HALF_UP")
                if exact != (unrounded * share).quantize(cent, "ROUND_HALF_UP") * units:
                    return row["hcpcs"], exact
        raise AssertionError(si)

    code_s, exact_s = first("S", 3, Decimal(1))
    code_t, exact_t = first("T", 2, Decimal("0.5"))
    top = max((r for r in opps.rows("opps") if r["si"] == "T" and r["rate"]), key=lambda r: r["rate"])["hcpcs"]
    alone = pricer.price(code_s, zip_code="10001", date_of_service=DATE, units=3)
    assert _site(alone, "hopd").facility_payment == exact_s
    encounter = pricer.price_encounter([top, code_t], zip_code="10001", date_of_service=DATE, units=2)
    assert _site(encounter.lines[1], "hopd").facility_payment == exact_t
    table = pa.table({"claim": ["A", "B", "B"], "code": [code_s, top, code_t], "units": ["3", "2", "2"],
                      "zip": ["10001"] * 3, "date": [DATE] * 3, "setting": ["hopd"] * 3})  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    for row, line in zip(rows, [alone, *encounter.lines], strict=True):
        site = _site(line, "hopd")
        assert (Decimal(str(row["hopd_allowed"])).quantize(cent), Decimal(str(row["hopd_beneficiary"])).quantize(cent)
                ) == (site.total, site.beneficiary), row["code"]  # fmt: skip


def test_a_waivers_cap_is_of_the_whole_lines_payment(pricer: Any) -> None:
    """45378-PT (a screening turned diagnostic: the patient pays at most the year's 15%, CAA 2021 §122) of several
    units in the hospital: the copayment is at most 15% of the line's payment, rounded once, not 15% of one unit's
    times the units (a cent over at 2, 3 and 4 units); single lookups and batch alike."""
    for units in (2, 3, 4):
        result = pricer.price("45378", modifier="PT", units=units, zip_code="10001", date_of_service=DATE)
        site = _site(result, "hopd")
        professional = _cents(site.professional_payment)
        facility_share = _cents(site.beneficiary) - percent_of(professional, 1500)  # the line's, rounded once
        assert facility_share == percent_of(_cents(site.facility_payment), 1500), units
        table = pa.table({"code": ["45378"], "modifier": ["PT"], "units": [str(units)], "zip": ["10001"],
                          "date": [DATE], "setting": ["hopd"]})  # fmt: skip
        row = BatchPricer(pricer).price_table(table).to_pylist()[0]
        assert Decimal(str(row["hopd_beneficiary"])).quantize(Decimal("0.01")) == site.beneficiary, units


def test_a_million_units_line_is_exact_in_batch_arrays() -> None:
    """The copayment of a line of MAX_UNITS units is worked in Python ints in batch arrays too: 64-bit integers
    would wrap (the single lookup's ints never do)."""
    import numpy as np

    from rvucalc.engine.facility import opps_units_cut
    from rvucalc.engine.kernels import opps_unrounded_rate, round_half_up

    # A $60,000.00 rate at wage index 3.0: $132,000 a unit; a million units' copayment x Medicare's share is ~1.1e19
    unrounded = int(opps_unrounded_rate(60_000_000, 30_000))
    rate = int(round_half_up(unrounded, 10**7))
    copay = rate - int(round_half_up(rate * 800_000, 10**6))
    scalar = opps_units_cut(rate, copay, unrounded, 100, 1_000_000, -1, 800_000, 2000)
    arrays = opps_units_cut(*(np.array([value], dtype=np.int64) for value in (rate, copay, unrounded, 100, 1_000_000,
                                                                             -1, 800_000, 2000)))  # fmt: skip
    assert (int(arrays[0][0]), int(arrays[1][0])) == (int(scalar[0]), int(scalar[1]))
