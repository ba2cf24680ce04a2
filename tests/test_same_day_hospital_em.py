"""Hospital E/M services on one date by one practitioner (``engine.visits.same_day_hospital_rules``): another site's
visit beside an initial hospital care is part of it (Claims Processing Manual ch. 12 §30.6.9.1.A), a subsequent
hospital care beside a discharge is part of the discharge (§30.6.9.2): $0.00, with the rule, in ``rvucalc price``
(several codes) and ``rvucalc batch`` (a claim on one date, one practitioner's lines) alike."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer

ZIP = "30322"
DATE = "2026-09-14"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rows(pricer: Pricer, lines: list[tuple[str, str, str, str]]) -> list[dict]:
    """Batch rows of (claim, code, place of service, provider credential) lines on DATE."""
    table = pa.Table.from_pylist([{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": pos,
                                   "provider": who} for claim, code, pos, who in lines])  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


def _alone(pricer: Pricer, code: str, pos: str) -> Decimal:
    """CMS's own PFS facility amount of the code alone (the shipped RVU file)."""
    found = pricer.price(code, zip_code=ZIP, date_of_service=DATE, setting=pos).pfs.facility
    assert found is not None and found.amount > 0
    return found.amount


def test_an_emergency_visit_on_the_day_of_the_admission_is_part_of_the_initial_hospital_care(pricer: Pricer) -> None:
    """A trial: an MD's 99285 (POS 23) and 99223 (POS 21) on one claim and date were paid $175.32 + $159.03. The ED
    visit is part of the initial hospital care (ch. 12 §30.6.9.1.A): $0.00; the admission keeps CMS's own amount.
    Another practitioner's ED visit (an NP's), or one on another date, is paid."""
    rows = _rows(pricer, [("Z1", "99285", "23", "MD"), ("Z1", "99223", "21", "MD"),
                          ("Z2", "99213", "11", "MD"), ("Z2", "G2211", "11", "MD"), ("Z2", "99222", "21", "MD"),
                          ("Z3", "99284", "23", "NP"), ("Z3", "99223", "21", "MD")])  # fmt: skip
    ed, admission, office, g2211, admission_2, np_ed, admission_3 = rows
    for row in (ed, office, g2211):
        assert Decimal(str(row["pfs_facility_amount"])) == 0, row["code"]
        assert Decimal(str(row["professional_allowed"])) == 0
    assert visits.ADMISSION_DAY_RULE in ed["note"] and visits.ADMISSION_DAY_RULE in office["note"]
    assert visits.G2211_VISIT_ADMITTED_RULE in g2211["note"]
    assert Decimal(str(admission["pfs_facility_amount"])) == _alone(pricer, "99223", "21") == Decimal("159.03")
    assert Decimal(str(admission_2["pfs_facility_amount"])) == _alone(pricer, "99222", "21")
    assert visits.ADMISSION_DAY_RULE not in admission["note"]
    # The NP's ED visit is another practitioner's: paid (85% of the MD's fee, as alone), no rule.
    np_alone = pricer.price("99284", zip_code=ZIP, date_of_service=DATE, setting="23", provider="np").pfs.facility
    assert np_alone is not None and Decimal(str(np_ed["pfs_facility_amount"])) == np_alone.amount > 0
    assert visits.ADMISSION_DAY_RULE not in np_ed["note"]
    assert Decimal(str(admission_3["pfs_facility_amount"])) == Decimal("159.03")
    # rvucalc price: the same encounter, one practitioner's.
    lines = pricer.price_encounter(["99285", "99223"], zip_code=ZIP, date_of_service=DATE, setting="21").lines
    assert lines[0].pfs.facility is not None and lines[0].pfs.facility.amount == 0
    assert lines[0].pfs.facility.adjustments[-1].indicator == visits.SAME_DAY_STEP
    assert visits.ADMISSION_DAY_RULE in lines[0].notes
    assert lines[1].pfs.facility is not None and lines[1].pfs.facility.amount == Decimal("159.03")


def test_a_subsequent_hospital_visit_on_the_day_of_the_discharge_is_not_paid(pricer: Pricer) -> None:
    """99232 and 99239 by one physician on one date: only the discharge is paid (ch. 12 §30.6.9.2); a subsequent visit
    alone, or beside another practitioner's discharge, keeps its amount."""
    rows = _rows(pricer, [("D1", "99232", "21", "MD"), ("D1", "99239", "21", "MD"),
                          ("D2", "99232", "21", "NP"), ("D2", "99238", "21", "MD"),
                          ("D3", "99233", "21", "MD"), ("D3", "99291", "21", "MD")])  # fmt: skip
    assert Decimal(str(rows[0]["pfs_facility_amount"])) == 0
    assert visits.DISCHARGE_DAY_RULE in rows[0]["note"]
    assert Decimal(str(rows[1]["pfs_facility_amount"])) == _alone(pricer, "99239", "21")
    np_alone = pricer.price("99232", zip_code=ZIP, date_of_service=DATE, setting="21", provider="np").pfs.facility
    assert np_alone is not None and Decimal(str(rows[2]["pfs_facility_amount"])) == np_alone.amount > 0
    assert Decimal(str(rows[4]["pfs_facility_amount"])) == _alone(pricer, "99233", "21")
    assert all(visits.DISCHARGE_DAY_RULE not in row["note"] for row in rows[2:])


@pytest.mark.parametrize(
    ("codes", "pos"),
    [(["99285", "99223"], "21"), (["99214-25", "G2211", "99221"], "21"), (["99232", "99238"], "21"),
     (["99310", "99222"], "21"), (["99291", "99223"], "21"), (["99213", "99238"], "21"), (["99235", "99283"], "21"),
     (["99234", "99238"], "21"), (["99223", "99232"], "21"), (["99238", "99223"], "21"),
     (["99223", "99232", "99239"], "21"), (["99223", "99222"], "21"), (["99221", "99223", "99232"], "21"),
     (["99232", "99233"], "21"), (["99232", "99233", "99238"], "21"), (["99235", "99223"], "21"),
     (["99213", "99232"], "11"), (["99239", "99214-25"], "21"), (["99213", "99223", "99232"], "21"),
     (["99215", "99291"], "21")],
)  # fmt: skip
def test_price_and_batch_agree(pricer: Pricer, codes: list[str], pos: str) -> None:
    rows = _rows(pricer, [("A", code, pos, "MD") for code in codes])
    lines = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting=pos).lines
    for line, row in zip(lines, rows, strict=True):
        facility = line.pfs.facility
        assert (None if facility is None else facility.amount) == (
            None if row["pfs_facility_amount"] is None else Decimal(str(row["pfs_facility_amount"]))
        ), (codes, line.code)
        for rule in (
            visits.ADMISSION_DAY_RULE,
            visits.DISCHARGE_DAY_RULE,
            visits.G2211_VISIT_ADMITTED_RULE,
            visits.INITIAL_DAY_VISIT_RULE,
            visits.ADMISSION_DAY_DISCHARGE_RULE,
            visits.SECOND_DAILY_CARE_RULE,
            visits.OFFICE_BESIDE_HOSPITAL_NOTE,
        ):
            assert (rule in line.notes) == (rule in row["note"]), (codes, line.code, rule)


def test_one_hospital_visit_a_day_and_no_discharge_on_the_admission_s_date(pricer: Pricer) -> None:
    """A review: one MD's 99234 + 99238 (both paid, $182.20), 99223 + 99232 (both paid, $252.54) and 99223 + 99238
    ($257.88) on one claim and date at POS 21. 99234-99236 include the discharge, and beside 99221-99223 the discharge
    is not reported (ch. 12 §30.6.9.1.C, §30.6.9.2): 99238 $0.00; initial and subsequent care are per diem, once a
    day (Transmittal 1545): 99232 $0.00. The initial care keeps CMS's own amount; another practitioner's lines, or
    a line alone, are paid."""
    rows = _rows(pricer, [("S1", "99234", "21", "MD"), ("S1", "99238", "21", "MD"),
                          ("S2", "99223", "21", "MD"), ("S2", "99232", "21", "MD"),
                          ("S3", "99238", "21", "MD"), ("S3", "99223", "21", "MD"),
                          ("S4", "99223", "21", "MD"), ("S4", "99232", "21", "NP"),
                          ("S4", "99238", "21", "NP")])  # fmt: skip
    amounts = [Decimal(str(row["pfs_facility_amount"])) for row in rows]
    assert amounts[0] == _alone(pricer, "99234", "21") and amounts[1] == 0
    assert visits.ADMISSION_DAY_DISCHARGE_RULE in rows[1]["note"]
    assert amounts[2] == _alone(pricer, "99223", "21") == Decimal("159.03") and amounts[3] == 0
    assert visits.INITIAL_DAY_VISIT_RULE in rows[3]["note"]
    assert amounts[4] == 0 and amounts[5] == Decimal("159.03")
    assert visits.ADMISSION_DAY_DISCHARGE_RULE in rows[4]["note"]
    assert Decimal(str(rows[4]["professional_allowed"])) == 0
    # The NP's subsequent visit and discharge beside the MD's admission: another practitioner's (the NP's 99232 is
    # still beside the NP's own discharge: §30.6.9.2).
    assert amounts[6] == Decimal("159.03")
    assert visits.DISCHARGE_DAY_RULE in rows[7]["note"] and amounts[7] == 0
    np_alone = pricer.price("99238", zip_code=ZIP, date_of_service=DATE, setting="21", provider="np").pfs.facility
    assert np_alone is not None and amounts[8] == np_alone.amount > 0
    # rvucalc price: the same encounters, one practitioner's.
    for codes, zeroed, rule in ((["99234", "99238"], 1, visits.ADMISSION_DAY_DISCHARGE_RULE),
                                (["99223", "99232"], 1, visits.INITIAL_DAY_VISIT_RULE),
                                (["99238", "99223"], 0, visits.ADMISSION_DAY_DISCHARGE_RULE)):  # fmt: skip
        lines = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="21").lines
        for number, line in enumerate(lines):
            assert line.pfs.facility is not None
            if number == zeroed:
                assert line.pfs.facility.amount == 0 and rule in line.notes
                assert line.pfs.facility.adjustments[-1].indicator == visits.SAME_DAY_STEP
            else:
                assert line.pfs.facility.amount == _alone(pricer, line.code, "21") and rule not in line.notes


def test_one_initial_hospital_care_a_day(pricer: Pricer) -> None:
    """A review: one MD's 99223 and 99222 on one claim and date at POS 21 were both paid ($159.03 + CMS's 99222).
    Initial (and subsequent) hospital care is per diem, reported once a day by the same practitioner (Transmittal 1545,
    ch. 12 §30.6.9): the day's highest-paid line keeps CMS's own amount, the other $0.00 with the rule; the same for two
    subsequent care lines. Another practitioner's initial care that day (an NP's) is paid."""
    rows = _rows(pricer, [("I1", "99223", "21", "MD"), ("I1", "99222", "21", "MD"),
                          ("I2", "99232", "21", "MD"), ("I2", "99233", "21", "MD"),
                          ("I3", "99223", "21", "MD"), ("I3", "99222", "21", "NP"),
                          ("I4", "99221", "21", "MD"), ("I4", "99236", "21", "MD")])  # fmt: skip
    amounts = [Decimal(str(row["pfs_facility_amount"])) for row in rows]
    assert amounts[0] == _alone(pricer, "99223", "21") == Decimal("159.03") and amounts[1] == 0
    assert visits.SECOND_DAILY_CARE_RULE in rows[1]["note"] and visits.SECOND_DAILY_CARE_RULE not in rows[0]["note"]
    assert Decimal(str(rows[1]["professional_allowed"])) == 0
    # 99232 then 99233: the day's highest-paid, 99233, is kept whatever the order (engine.visits.per_diem_kept)
    assert amounts[2] == 0 and amounts[3] == _alone(pricer, "99233", "21") > _alone(pricer, "99232", "21")
    assert visits.SECOND_DAILY_CARE_RULE in rows[2]["note"]
    np_alone = pricer.price("99222", zip_code=ZIP, date_of_service=DATE, setting="21", provider="np").pfs.facility
    assert np_alone is not None and amounts[4] == Decimal("159.03") and amounts[5] == np_alone.amount > 0
    assert all(visits.SECOND_DAILY_CARE_RULE not in row["note"] for row in rows[4:6])
    # 99236, a same-day stay's admission, is the day's highest-paid initial care: 99221 is the one not paid
    assert amounts[6] == 0 and amounts[7] == _alone(pricer, "99236", "21") > _alone(pricer, "99221", "21")
    # rvucalc price: the same encounter, one practitioner's.
    lines = pricer.price_encounter(["99223", "99222"], zip_code=ZIP, date_of_service=DATE, setting="21").lines
    assert lines[0].pfs.facility is not None and lines[0].pfs.facility.amount == Decimal("159.03")
    assert lines[1].pfs.facility is not None and lines[1].pfs.facility.amount == 0
    assert lines[1].pfs.facility.adjustments[-1].indicator == visits.SAME_DAY_STEP
    assert visits.SECOND_DAILY_CARE_RULE in lines[1].notes and visits.SECOND_DAILY_CARE_RULE not in lines[0].notes


def test_an_office_visit_beside_a_hospital_visit_is_noted_and_paid(pricer: Pricer) -> None:
    """An MD's 99213 (POS 11) and 99232 (POS 21), or 99214 and 99239, on one claim and date: CMS pays one E/M a day
    unless the problems are unrelated (ch. 12 §30.6.5), which the records show: both keep CMS's own amounts, the office
    visit says so. Beside an admission the office visit is not paid (ADMISSION_DAY_RULE), and no note of this."""
    rows = _rows(pricer, [("O1", "99213", "11", "MD"), ("O1", "99232", "21", "MD"),
                          ("O2", "99239", "21", "MD"), ("O2", "99214", "11", "MD"),
                          ("O3", "99213", "11", "NP"), ("O3", "99232", "21", "MD"),
                          ("O4", "99213", "11", "MD"), ("O4", "99223", "21", "MD"),
                          ("O4", "99232", "21", "MD")])  # fmt: skip
    office = pricer.price("99213", zip_code=ZIP, date_of_service=DATE, setting="11").pfs.non_facility
    assert office is not None and Decimal(str(rows[0]["pfs_non_facility_amount"])) == office.amount > 0
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE in rows[0]["note"]
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE not in rows[1]["note"]
    assert Decimal(str(rows[1]["pfs_facility_amount"])) == _alone(pricer, "99232", "21")
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE in rows[3]["note"]
    assert Decimal(str(rows[2]["pfs_facility_amount"])) == _alone(pricer, "99239", "21")
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE not in rows[4]["note"]  # another practitioner's hospital visit
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE not in rows[6]["note"] and visits.ADMISSION_DAY_RULE in rows[6]["note"]
    lines = pricer.price_encounter(["99213", "99232"], zip_code=ZIP, date_of_service=DATE, setting="11").lines
    assert visits.OFFICE_BESIDE_HOSPITAL_NOTE in lines[0].notes
    assert lines[0].pfs.non_facility is not None and lines[0].pfs.non_facility.amount == office.amount


def test_same_day_hospital_rules() -> None:
    rules = visits.same_day_hospital_rules
    assert rules(["99285", "99223"]) == [visits.ADMISSION_DAY_RULE, None]
    assert rules(["99291", "99223"]) == [None, None]  # critical care is paid beside another E/M
    assert rules(["99232", "99239"]) == [visits.DISCHARGE_DAY_RULE, None]
    assert rules(["99213", "G2211", "99221"]) == [visits.ADMISSION_DAY_RULE, visits.G2211_VISIT_ADMITTED_RULE, None]
    assert rules(["99213", "G2211"]) == [None, None]
    assert rules(["99285"]) == [None]
    assert rules(["99234", "99238"]) == [None, visits.ADMISSION_DAY_DISCHARGE_RULE]
    assert rules(["99223", "99232"]) == [None, visits.INITIAL_DAY_VISIT_RULE]
    assert rules(["99239", "99221"]) == [visits.ADMISSION_DAY_DISCHARGE_RULE, None]
    assert rules(["99232", "99239"]) == [visits.DISCHARGE_DAY_RULE, None]
    assert rules(["99222", "99233", "99238"]) == [None, visits.INITIAL_DAY_VISIT_RULE,
                                                   visits.ADMISSION_DAY_DISCHARGE_RULE]  # fmt: skip
    assert rules(["99223", "99222"]) == [None, visits.SECOND_DAILY_CARE_RULE]
    assert rules(["99221", "99223", "99223"]) == [None, visits.SECOND_DAILY_CARE_RULE, visits.SECOND_DAILY_CARE_RULE]
    assert rules(["99232", "99233"]) == [None, visits.SECOND_DAILY_CARE_RULE]
    assert rules(["99232", "99233", "99239"]) == [visits.DISCHARGE_DAY_RULE, visits.DISCHARGE_DAY_RULE, None]
    assert rules(["99223", "99232", "99233"]) == [None, visits.INITIAL_DAY_VISIT_RULE, visits.INITIAL_DAY_VISIT_RULE]
    assert rules(["99232", "99223"]) == [visits.INITIAL_DAY_VISIT_RULE, None]
    notes = visits.same_day_hospital_notes
    assert notes(["99213", "99232"]) == [visits.OFFICE_BESIDE_HOSPITAL_NOTE, None]
    assert notes(["99238", "99215"]) == [None, visits.OFFICE_BESIDE_HOSPITAL_NOTE]
    assert notes(["99213", "99223", "99232"]) == [None, None, None]  # beside an admission: ADMISSION_DAY_RULE
    assert notes(["99213", "99291"]) == [None, None]


def test_an_np_s_99292_beside_the_md_s_99291_says_the_99291_is_another_practitioner_s(pricer: Pricer) -> None:
    """A trial: an MD's 99291-FS and an NP's 99292-FS on one claim and date: the NP's 99292 said "there is no 99291 on
    this claim and date". It says the 99291 is another practitioner's (ch. 12 §30.6.12(I): same group and specialty;
    a split/shared service is billed whole by one practitioner); the amount stays the NP's own (85% of CMS's fee)."""
    rows = _rows(pricer, [("K1", "99291-FS", "21", "MD"), ("K1", "99292-FS", "21", "NP"), ("K2", "99292", "21", "NP"),
                          ("K3", "99291", "21", "MD"), ("K3", "99292", "21", "MD")])  # fmt: skip
    np_alone = pricer.price("99292", zip_code=ZIP, date_of_service=DATE, setting="21", provider="np").pfs.facility
    assert np_alone is not None and Decimal(str(rows[1]["pfs_facility_amount"])) == np_alone.amount > 0
    assert visits.CRITICAL_CARE_ADD_ON_OTHER_NOTE in rows[1]["note"]
    assert visits.CRITICAL_CARE_ADD_ON_NOTE not in rows[1]["note"]
    assert visits.CRITICAL_CARE_ADD_ON_NOTE in rows[2]["note"]  # no 99291 on the claim at all
    assert visits.CRITICAL_CARE_ADD_ON_OTHER_NOTE not in rows[2]["note"]
    assert all("99292 is an add-on" not in row["note"] for row in rows[3:])
