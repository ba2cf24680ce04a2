"""A pathology and clinical lab's trial: lines of one claim at different places, and lab tests where Part B does not
pay a laboratory. The one facility payment per service combines only the lines of one site (an independent lab's POS
81 line is no line of the hospital's claim); a CLFS line at an inpatient hospital or a SNF (POS 21, 31) says why it
has no allowed amount, in price and batch alike; the lines the MAC prices are counted in the office total; a specimen
collection fee of several units says that Medicare pays one per encounter. Amounts are CMS's (the shipped files)."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.duplicates import collection_units_note
from rvucalc.engine.facility import LAB_AT_FACILITY_REASON, PAID_ONCE
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


def test_a_lab_test_at_an_inpatient_hospital_or_a_snf_says_why_it_has_no_allowed_amount(pricer: Pricer) -> None:
    """80053 at POS 21 showed the CLFS $10.56, then was left out of price's total "because status X: not a physician
    service"; batch gave clfs_amount and a blank allowed with no reason. The lab test is the hospital's (Part A) or,
    in a covered SNF stay, the SNF's (consolidated billing): not priced, and said, by both."""
    result = pricer.price_encounter(["80053", "88305-26"], zip_code="60601", setting="21", date_of_service="2026-06-05")
    lab, professional = result.lines
    assert lab.paid_by == "clfs" and lab.clfs is not None and lab.clfs.amount is not None
    assert lab.sites[0].reason == LAB_AT_FACILITY_REASON and not lab.sites[0].payable
    total = result.totals["facility"]
    assert total.payable and total.total == professional.pfs.facility.amount
    assert LAB_AT_FACILITY_REASON in str(total.reason) and "status X" not in str(total.reason)
    day = "2026-06-05"
    day = "2026-06-05"
    rows = _batch(pricer, [_line("S1", "80053", "31", day), _line("S1", "G0471", "31", day),
                           _line("S2", "80053", "21", day), _line("S3", "80053", "32", day)])  # fmt: skip
    for row in rows[:3]:
        assert row["allowed"] is None and row["clfs_amount"] is not None
        assert str(row["note"]).endswith(LAB_AT_FACILITY_REASON), row["note"]
    assert rows[0]["clfs_amount"] == lab.clfs.amount
    # A SNF resident outside a Part A stay (POS 32): the lab bills Part B, its CLFS amount.
    assert rows[3]["allowed"] == lab.clfs.amount and LAB_AT_FACILITY_REASON not in str(rows[3]["note"])


def test_the_lab_lines_the_mac_prices_are_counted_in_the_office_total(pricer: Pricer) -> None:
    """81479 (an unlisted lab test) and 0526U (CLFS indicator L) are left out of the office total, which counted 0
    lines the MAC prices (99499 beside 99213 counts 1)."""
    result = pricer.price_encounter(["81479", "0526U", "88305"], zip_code="60601", setting="81",
                                    date_of_service="2026-08-01")  # fmt: skip
    office = result.totals["office"]
    assert office.payable and office.total == result.lines[2].sites[0].total
    assert office.lines_priced_by_mac == 2
    visit = pricer.price_encounter(["99499", "99213"], zip_code="60601", setting="11")
    assert visit.totals["office"].lines_priced_by_mac == 1


def test_a_specimen_collection_fee_of_several_units_says_one_is_paid_per_encounter(pricer: Pricer) -> None:
    """36415 with 2 units was paid 2 x $9.34 with no note; two 36415 lines said "possible duplicate". Medicare pays one
    collection fee per patient encounter (Claims Processing Manual ch. 16 §60.1): said; the amounts stay."""
    said = collection_units_note("36415", 2)
    assert said is not None
    one = pricer.price("36415", zip_code="60601", setting="81")
    two = pricer.price("36415", zip_code="60601", setting="81", units=2)
    assert one.clfs is not None and one.clfs.amount is not None and two.clfs is not None
    assert said in two.clfs.notes and not any("specimen collection fee" in note for note in one.clfs.notes)
    assert two.sites[0].total == 2 * one.clfs.amount
    single, double = _batch(pricer, [{"code": "36415", "zip": "60601", "setting": "81", "units": "1"},
                                     {"code": "36415", "zip": "60601", "setting": "81", "units": "2"}])  # fmt: skip
    assert said in str(double["note"]) and "specimen collection fee" not in str(single["note"])
    assert double["allowed"] == 2 * one.clfs.amount


def test_a_lab_test_at_another_place_without_facility_payment_does_not_say_it_is_the_hospital_s(
    pricer: Pricer,
) -> None:
    """A review: `price 80053 --setting 53` (a community mental health center, where an outside lab may bill the CLFS)
    said "a lab test for a hospital inpatient is the hospital's ... SNF". The inpatient rule is the hospital's (POS 21,
    51, 61: SSA §1861(b)(3)) and the SNF's (31); at the other such places rvucalc does not know whether the place's
    own payment includes the test or an outside laboratory bills the CLFS: the reason says so. Price and batch alike,
    the CLFS amount in its column (CMS's $10.56 in 2026)."""
    for setting in ("53", "34", "51", "61"):
        line = pricer.price("80053", zip_code="60601", setting=setting, date_of_service="2026-06-05")
        assert line.clfs is not None and line.clfs.amount == Decimal("10.56")
        assert not line.sites[0].payable and line.sites[0].reason == LAB_AT_FACILITY_REASON
    assert "does not know" in LAB_AT_FACILITY_REASON and "CMHC" in LAB_AT_FACILITY_REASON
    assert all(f"{pos} inpatient" in LAB_AT_FACILITY_REASON for pos in ("51", "61"))
    for row in _batch(pricer, [_line("M1", "80053", "53", "2026-06-05"), _line("M2", "80053", "61", "2026-06-05")]):
        assert row["allowed"] is None and row["clfs_amount"] == Decimal("10.56")
        assert str(row["note"]).endswith(LAB_AT_FACILITY_REASON), row["note"]
