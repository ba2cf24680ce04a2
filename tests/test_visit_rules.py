"""Encounter rules of visits (``engine.visits``): G2211 beside an E/M reported with modifier 25, in ``rvucalc price``
(several codes) and ``rvucalc batch`` (a claim on one date) alike."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _batch(pricer: Pricer, claims: list[tuple[str, list[str]]], date: str, setting: str = "11") -> list[dict]:
    rows = [{"claim": claim, "code": code, "zip": "10001", "date": date, "setting": setting}
            for claim, codes in claims for code in codes]  # fmt: skip
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_g2211_beside_an_em_25_is_not_paid_unless_a_preventive_service_is_there_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """A trial: `price 99214-25 G2211 20610 --zip 10001 --date 2026-08-03` paid G2211 $19.39. CMS does not pay G2211
    when its O/O E/M is reported with 25 (MLN MM13473); from 2025 it does beside an AWV, vaccine administration or a
    preventive service (Transmittal 13015). G2211 with no visit is priced and noted. Price and batch agree."""
    claims = [("A", ["99214-25", "G2211", "20610"]), ("B", ["99214", "G2211", "20610"]),
              ("C", ["99214-25", "G2211", "G0439"]), ("D", ["G2211", "20610"]), ("E", ["99213-25", "G2211", "G0008"]),
              ("F", ["G2211"])]  # fmt: skip
    for date in ("2025-06-02", "2026-08-03"):
        out = iter(_batch(pricer, claims, date))
        year = int(date[:4])
        for claim, codes in claims:
            encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service=date, setting="11")
            for line in encounter.lines:
                row = next(out)
                site = line.sites[0]
                money = [None if row[name] is None else Decimal(str(row[name]))
                         for name in ("allowed", "beneficiary", "pfs_non_facility_amount")]  # fmt: skip
                assert money == [site.total, site.beneficiary, line.pfs.non_facility.amount], (
                    date,
                    claim,
                    line.code,
                    row,
                )
                if line.code != "G2211":
                    continue
                denied = claim == "A"
                assert (site.total == 0) == denied, (date, claim)
                assert (visits.g2211_with_25_rule(year) in line.notes) == denied
                assert (visits.g2211_with_25_rule(year) in row["note"]) == denied
                if denied:
                    assert line.pfs.facility is not None and line.pfs.facility.amount == 0
                    assert Decimal(str(row["pfs_facility_amount"])) == 0
                    assert line.pfs.non_facility.adjustments[-1].indicator == visits.G2211_STEP
                else:  # CMS's own G2211 fee: the 2026 RVU file's in Manhattan, $19.39
                    assert site.total > 0
                    if year == 2026:
                        assert site.total == Decimal("19.39")
                alone = claim in ("D", "F")  # G2211 alone too, as 99292 or G0316 alone (a trial: F said nothing)
                assert (visits.g2211_without_visit_note(year) in line.notes) == alone
                assert (visits.g2211_without_visit_note(year) in row["note"]) == alone


def test_g2211_outcomes_by_year() -> None:
    with_25 = [("99214", ["25"]), ("G2211", [])]
    assert visits.g2211_outcomes(with_25, 2026) == [None, "denied"]
    beside = [*with_25, ("90471", [])]
    assert visits.g2211_outcomes(beside, 2025)[1] is None
    assert visits.g2211_outcomes(beside, 2024)[1] == "denied"  # no preventive exception before 2025
    home = [("99347", ["25"]), ("G2211", [])]
    assert visits.g2211_outcomes(home, 2025)[1] == "alone"
    assert visits.g2211_outcomes(home, 2026)[1] == "denied"
    assert visits.g2211_outcomes([("99214", ["25"]), ("99213", []), ("G2211", [])], 2026)[2] is None
    assert visits.g2211_outcomes([("G2211", [])], 2026) == ["alone"]  # a line alone: CMS pays it with its visit
    assert visits.g2211_outcomes([("G2211", [])], 2023) == [None]  # before G2211 was paid


def test_an_em_without_25_or_57_beside_a_global_procedure_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 99213 20610` paid the E/M with no word of the global surgery package (ch. 12 §40.1): an E/M on
    the day of a minor procedure (20610: 000) without 25, or of a major one (27447: 090) without 57, is included. The
    money does not change; the note is on the E/M line alone, in price and batch."""
    claims = [("A", ["99213", "20610"], "11"), ("B", ["99213-25", "20610"], "11"), ("C", ["99223", "27447"], "21"),
              ("D", ["99223-57", "27447"], "21"), ("E", ["99213", "80053"], "11"),
              ("F", ["99223", "27447", "20610"], "21")]  # fmt: skip
    rows = [{"claim": claim, "code": code, "zip": "10001", "date": "2026-08-03", "setting": setting}
            for claim, codes, setting in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    expected = {"A": visits.em_in_global_note(True, False), "C": visits.em_in_global_note(False, True),
                "F": visits.em_in_global_note(True, True)}  # fmt: skip
    for claim, codes, setting in claims:
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-03", setting=setting)
        for line in encounter.lines:
            row = next(out)
            assert Decimal(str(row["allowed"])) == line.sites[0].total, (claim, line.code)
            said = [note for note in line.notes if note.startswith("Global surgery package")]
            if visits.is_em(line.code) and claim in expected:
                assert said == [expected[claim]], claim
                assert expected[claim] in row["note"]
                alone = pricer.price(line.code, zip_code="10001", date_of_service="2026-08-03", setting=setting)
                assert line.sites[0].total == alone.sites[0].total  # the money is the E/M's own
            else:
                assert not said and "Global surgery package" not in row["note"], (claim, line.code)


def test_care_management_and_monitoring_beside_a_global_procedure_are_no_visit_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """The E/M section holds services that are no visit: remote monitoring 99454, chronic care management 99490,
    collaborative care 99492, transitional care 99495, advance care planning 99497. They were noted as "the surgeon's
    E/M visit ... included in the procedure's payment" beside 11102 (global 000); a visit (99213) still is."""
    codes = ["11102", "99454", "99490", "99492", "99495", "99497", "99213"]
    encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-03", setting="11")
    rows = _batch(pricer, [("A", codes)], "2026-08-03")
    for line, row in zip(encounter.lines, rows, strict=True):
        said = [note for note in line.notes if note.startswith("Global surgery package")]
        visit = line.code == "99213"
        assert bool(said) is visit and ("Global surgery package" in row["note"]) is visit, line.code
    assert [code for code in codes if visits.is_package_visit(code)] == ["99213"]
    assert all(visits.is_package_visit(code) for code in ("99202", "99223", "99245", "99285", "99291", "99310",
                                                          "99350", "99417", "92014"))  # fmt: skip


def test_an_eye_exam_without_25_or_57_beside_a_global_procedure_is_noted_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 92014 67028` said nothing where `price 99214 67028` gave the global surgery package note. The
    eye exams 92002-92014 are visits the package takes in (by NCCI's edits: engine.visits.EYE_EXAMS): the same note on
    the exam line, the money unchanged; with 25 (or 57 beside a major procedure) no note. Price and batch alike."""
    claims = [("A", ["92014", "67028"], "11"), ("B", ["92014-25", "67028"], "11"), ("C", ["92004", "67028"], "11"),
              ("D", ["92012", "66984"], "22"), ("E", ["92012-57", "66984"], "22"),
              ("F", ["92014", "92250"], "11")]  # fmt: skip
    rows = [{"claim": claim, "code": code, "zip": "48104", "date": "2026-08-03", "setting": setting}
            for claim, codes, setting in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    expected = {"A": visits.em_in_global_note(True, False), "C": visits.em_in_global_note(True, False),
                "D": visits.em_in_global_note(False, True)}  # fmt: skip
    assert "eye exam 92002-92014" in expected["A"]
    for claim, codes, setting in claims:
        encounter = pricer.price_encounter(codes, zip_code="48104", date_of_service="2026-08-03", setting=setting)
        for line in encounter.lines:
            row = next(out)
            assert row["allowed"] == line.sites[0].total, (claim, line.code)
            said = [note for note in line.notes if note.startswith("Global surgery package")]
            if line.code in visits.EYE_EXAMS and claim in expected:
                assert said == [expected[claim]], claim
                assert expected[claim] in row["note"]
                alone = pricer.price(line.code, zip_code="48104", date_of_service="2026-08-03", setting=setting)
                assert line.sites[0].total == alone.sites[0].total  # the money is the exam's own
            else:
                assert not said and "Global surgery package" not in row["note"], (claim, line.code)


def test_25_and_57_are_checked_against_the_procedure_s_global_period_in_price_and_batch(pricer: Pricer) -> None:
    """An orthopedic trial: `price 99223-25 27447-RT` (a 090 surgery) and `price 99214-57 20610-RT` (a 000 procedure)
    said nothing: any of 25, 57, FT silenced the global package check. 57 is the decision for a major (090) surgery;
    Medicare does not pay an E/M-57 on the day of a 0 or 10 day global procedure (ch. 12 §30.6.6.C): $0.00 unless a
    major procedure is on the claim and date too. 25 beside a major surgery is paid only when unrelated: a note, the
    visit's own amount. 25 beside a minor procedure, 57 beside a major one, FT, 25 and 57 together: no word. Price and
    batch alike, money and notes."""
    claims = [("A", ["99223-25", "27447-RT"], "21"), ("B", ["99214-57", "20610-RT"], "11"),
              ("C", ["99214-57", "20610-RT", "27447"], "22"), ("D", ["99214-25", "20610-RT"], "11"),
              ("E", ["99223-57", "27447-RT"], "21"), ("F", ["99223-FT", "27447"], "21"),
              ("G", ["99214-25-57", "20610"], "11"), ("H", ["92012-57", "67028"], "11")]  # fmt: skip
    rows = [{"claim": claim, "code": code, "zip": "10001", "date": "2026-08-03", "setting": setting}
            for claim, codes, setting in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    unpaid = {("B", "99214"), ("H", "92012")}
    noted = {("A", "99223"): visits.EM_25_BESIDE_MAJOR_NOTE}
    for claim, codes, setting in claims:
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-03", setting=setting)
        for line, given in zip(encounter.lines, codes, strict=True):
            row = next(out)
            names = ("allowed", "beneficiary", "pfs_non_facility_amount", "pfs_facility_amount")
            money = [None if row[name] is None else Decimal(str(row[name])) for name in names]
            facility = None if line.pfs.facility is None else line.pfs.facility.amount
            assert money == [line.sites[0].total, line.sites[0].beneficiary, line.pfs.non_facility.amount, facility], (
                claim, line.code, row)  # fmt: skip
            expected = (visits.EM_57_BESIDE_MINOR_RULE if (claim, line.code) in unpaid
                        else noted.get((claim, line.code)))  # fmt: skip
            said = [note for note in line.notes if note.startswith(("E/M with", "Global surgery package"))]
            assert said == ([expected] if expected else []), (claim, line.code)
            assert (expected or "E/M with") in row["note"] if expected else "E/M with" not in row["note"]
            if (claim, line.code) in unpaid:
                assert line.sites[0].total == 0 and line.pfs.non_facility.amount == 0
                assert line.pfs.non_facility.adjustments[-1].indicator == visits.EM_57_STEP
                continue
            if visits.is_package_visit(line.code):  # the visit's own amount, as priced alone
                alone = pricer.price(given, zip_code="10001", date_of_service="2026-08-03", setting=setting)
                assert line.sites[0].total == alone.sites[0].total, (claim, line.code)
                assert line.pfs.facility is not None and alone.pfs.facility is not None
                assert line.pfs.facility.amount == alone.pfs.facility.amount > 0, (claim, line.code)


def test_em_in_global_kind() -> None:
    kind = visits.em_in_global_kind
    assert kind([], True, False) == kind([], False, True) == visits.EM_BARE
    assert kind(["57"], True, False) == visits.EM_57_BESIDE_MINOR
    assert kind(["57"], True, True) == kind(["57"], False, True) == 0  # the major procedure's decision
    assert kind(["25"], False, True) == kind(["25"], True, True) == visits.EM_25_BESIDE_MAJOR
    assert kind(["25"], True, False) == kind(["FT"], False, True) == kind(["25", "57"], True, False) == 0
    assert kind(["57"], False, False) == 0


def test_an_em_57_the_day_before_a_claim_s_major_procedure_is_paid_in_batch(pricer: Pricer) -> None:
    """A review: a batch claim 99223-57 and 36556 (000) on 2026-08-04, 27447 (090) on 2026-08-05 zeroed 99223-57, though
    CMS pays a 57 visit "on the day of or on the day before a procedure with a 90-day global surgical period" (ch. 12
    §30.6.6.C). Batch sees the claim's next date: paid, with a note. 57 the day before a minor procedure (and no major
    one) is not paid, as §30.6.6.C says (0 or 10 day global: "on the day of or the day before"). The next date of
    another claim counts for nothing; ``rvucalc price`` (one date) says what batch would see."""
    rows = [{"claim": claim, "code": code, "zip": "10001", "date": date, "setting": setting}
            for claim, code, date, setting in (
                ("C", "99223-57", "2026-08-04", "21"), ("C", "36556", "2026-08-04", "21"),
                ("C", "27447", "2026-08-05", "21"),
                ("D", "99223-57", "2026-08-04", "21"), ("D", "36556", "2026-08-04", "21"),
                ("E", "27447", "2026-08-05", "21"),
                ("F", "99214-57", "2026-08-04", "11"), ("F", "11102", "2026-08-05", "11"),
                ("G", "99214-57", "2026-08-04", "11"), ("G", "11102", "2026-08-05", "11"),
                ("G", "27447", "2026-08-05", "11"))]  # fmt: skip
    priced = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    out = {(given["claim"], given["code"][:5], given["date"]): row for given, row in zip(rows, priced, strict=True)}
    inpatient = pricer.price("99223-57", zip_code="10001", date_of_service="2026-08-04", setting="21").sites[0].total
    office = pricer.price("99214-57", zip_code="10001", date_of_service="2026-08-04", setting="11").sites[0].total
    assert inpatient > 0 and office > 0
    paid = out[("C", "99223", "2026-08-04")]
    assert Decimal(str(paid["allowed"])) == inpatient
    assert visits.EM_57_BEFORE_MAJOR_NOTE in paid["note"] and visits.EM_57_BESIDE_MINOR_RULE not in paid["note"]
    assert "Modifier 57 is informational" in paid["note"]  # paid: 57 changed nothing
    unpaid = out[("D", "99223", "2026-08-04")]  # the next day's 27447 is another claim's
    assert Decimal(str(unpaid["allowed"])) == 0 and visits.EM_57_BESIDE_MINOR_RULE in unpaid["note"]
    before_minor = out[("F", "99214", "2026-08-04")]
    assert Decimal(str(before_minor["allowed"])) == 0 and visits.EM_57_BEFORE_MINOR_RULE in before_minor["note"]
    assert "Modifier 57 is informational" not in before_minor["note"] + unpaid["note"]
    before_major = out[("G", "99214", "2026-08-04")]  # a minor and a major procedure the next day: the major's
    assert Decimal(str(before_major["allowed"])) == office and "E/M with 57" not in before_major["note"]
    # price sees one date: the visit beside 36556 alone is $0.00, and its rule says a next day's 090 would pay it
    alone = pricer.price_encounter(["99223-57", "36556"], zip_code="10001", date_of_service="2026-08-04", setting="21")
    assert alone.lines[0].sites[0].total == 0
    assert visits.EM_57_BESIDE_MINOR_RULE in alone.lines[0].notes and "next day" in visits.EM_57_BESIDE_MINOR_RULE


def test_g2211_is_not_paid_when_its_visit_is_not_in_price_and_batch(pricer: Pricer) -> None:
    """A review: `price 99214-57 G2211 11102 --date 2026-08-05` paid 99214-57 $0.00 (57 beside a minor procedure) but
    G2211 $19.39; batch the same. G2211 is an add-on to its O/O E/M visit (MLN MM13473), paid only with its primary
    service (CR 7501): $0.00 with a note when its only visit is not paid. With a paid visit (no 57) it is CMS's fee."""
    claims = [("A", ["99214-57", "G2211", "11102"]), ("B", ["99214", "G2211", "11102"])]
    out = iter(_batch(pricer, claims, "2026-08-05"))
    for claim, codes in claims:
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-05", setting="11")
        for line in encounter.lines:
            row = next(out)
            assert Decimal(str(row["allowed"])) == line.sites[0].total, (claim, line.code)
            if line.code == "99214":  # where 57 made the visit $0.00, it is not "informational"
                said = "Modifier 57 is informational"
                assert not any(said in note for note in line.notes) and said not in row["note"]
            if line.code != "G2211":
                continue
            unpaid = claim == "A"
            assert (line.sites[0].total == 0) == unpaid
            assert line.pfs.facility is not None and (line.pfs.facility.amount == 0) == unpaid
            assert (visits.G2211_VISIT_UNPAID_RULE in line.notes) == unpaid
            assert (visits.G2211_VISIT_UNPAID_RULE in row["note"]) == unpaid
            if not unpaid:  # CMS's own G2211 fee: the 2026 RVU file's in Manhattan
                assert line.sites[0].total == Decimal("19.39")


def test_g2211_beside_an_unpaid_em_57_and_an_em_25_is_not_paid_in_price_and_batch(pricer: Pricer) -> None:
    """A review: `price 99213-57 99213-25 11042 G2211 --zip 10001 --date 2026-08-05 --setting 11` paid 99213-57 $0.00
    (57 beside a minor procedure, ch. 12 §30.6.6.C) but G2211 its fee: the unpaid 57 visit counted as G2211's visit
    without 25. The visit that is paid carries 25, and CMS does not pay G2211 with an E/M-25 (MLN MM13473) unless an
    AWV, vaccine administration or preventive service is beside it (from 2025: Transmittal 13015). Price and batch
    agree, to the cent and the note; a paid visit without 25, or a preventive service, leaves G2211 CMS's fee."""
    claims = [("A", ["99213-57", "99213-25", "11042", "G2211"]), ("B", ["99213-57", "99213-25", "11042", "G2211",
              "G0008"]), ("C", ["99213-57", "99213", "11042", "G2211"])]  # fmt: skip
    out = iter(_batch(pricer, claims, "2026-08-05"))
    for claim, codes in claims:
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-05", setting="11")
        for line, given in zip(encounter.lines, codes, strict=True):
            row = next(out)
            names = ("allowed", "beneficiary", "pfs_non_facility_amount", "pfs_facility_amount")
            money = [None if row[name] is None else Decimal(str(row[name])) for name in names]
            facility = None if line.pfs.facility is None else line.pfs.facility.amount
            assert money == [line.sites[0].total, line.sites[0].beneficiary, line.pfs.non_facility.amount, facility], (
                claim, given, row)  # fmt: skip
            if given == "99213-57":  # 57 beside a minor procedure: not paid, in every claim
                assert line.sites[0].total == 0 and visits.EM_57_BESIDE_MINOR_RULE in row["note"]
            if line.code != "G2211":
                continue
            unpaid = claim == "A"
            assert (line.sites[0].total == 0) == unpaid, claim
            assert line.pfs.facility is not None and (line.pfs.facility.amount == 0) == unpaid
            assert (visits.G2211_VISIT_25_RULE in line.notes) == unpaid
            assert (visits.G2211_VISIT_25_RULE in row["note"]) == unpaid
            assert visits.G2211_VISIT_UNPAID_RULE not in line.notes
            assert visits.g2211_with_25_rule(2026) not in line.notes
            if not unpaid:  # CMS's own G2211 fee: the 2026 RVU file's in Manhattan
                assert line.sites[0].total == Decimal("19.39"), claim


def test_an_assistant_at_surgery_s_line_puts_no_visit_of_its_day_in_a_package_in_price_and_batch(
    pricer: Pricer,
) -> None:
    """The orthopedics trial: `price 99223 22633-80 --setting 21` (its physician admitted the patient and assisted at
    a spine fusion, global 090 in CMS's RVU file) told the 99223 that the MAC may deny it without 57. The global
    surgery rules do not apply to an assistant at surgery (80, 81, 82, AS: ``batch.global_period``): no note, in
    price and batch; the surgeon's own 22633 still says it, beside an assistant's line too."""
    claims = [("A", ["99223", "22633-80"], "21"), ("B", ["99223", "27447-AS"], "21"), ("C", ["99223", "22633"], "21"),
              ("D", ["99223", "27447-80", "22633"], "21")]  # fmt: skip
    rows = [{"claim": claim, "code": code, "zip": "10001", "date": "2026-08-03", "setting": setting}
            for claim, codes, setting in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    for claim, codes, setting in claims:
        encounter = pricer.price_encounter(codes, zip_code="10001", date_of_service="2026-08-03", setting=setting)
        for line in encounter.lines:
            row = next(out)
            said = [note for note in line.notes if note.startswith("Global surgery package")]
            noted = visits.is_em(line.code) and claim in ("C", "D")
            assert bool(said) is noted, (claim, line.code)
            assert ("Global surgery package" in str(row["note"])) is noted, (claim, line.code)
            if visits.is_em(line.code):
                assert Decimal(str(row["allowed"])) == line.sites[0].total, claim
