"""Two office/outpatient visits of one practitioner on one claim and date (``engine.visits.two_office_visits_notes``):
Medicare pays the second only for unrelated problems that could not be seen in the same encounter (Claims Processing
Manual ch. 12 §30.6.7.B), which the records show: a note on each visit, the amounts as billed, in ``rvucalc price``
(several codes) and ``rvucalc batch`` (a claim on one date, one practitioner's lines) alike. An urgent care trial's
NP 99204 and 99213 on one Phoenix claim (POS 20, 2026-08-05) were both paid in full and said nothing."""

from __future__ import annotations

from decimal import Decimal

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer

ZIP = "85004"  # ZIP5_APR2026: carrier 03102, locality 00 (ARIZONA)
DATE = "2026-08-05"
# PPRRVU2026_Jul_nonQPP.csv (RVU26C), CF 33.4009:
#   99204,,Office o/p new mod 45 min,A,,2.60,2.47,,0.66,,0.24,...
#   99213,,Office o/p est low 20 min,A,,1.30,1.46,,0.33,,0.09,...
# localities2026-01-01-2026.csv: 2026,1.000,0.969,0.856,0310200,ARIZONA,...
# 99204: (2.60 x 1.000 + 2.47 x 0.969 + 0.24 x 0.856) x 33.4009 = 5.19887 x 33.4009 = $173.65; an NP's 85%: $147.60
# 99213: (1.30 x 1.000 + 1.46 x 0.969 + 0.09 x 0.856) x 33.4009 = 2.79178 x 33.4009 = $93.25; an NP's 85%: $79.26
NP_99204 = Decimal("147.60")
NP_99213 = Decimal("79.26")


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _rows(pricer: Pricer, lines: list[tuple[str, str, str]]) -> list[dict]:
    """Batch rows of (claim, code, provider credential) lines at POS 20 on DATE."""
    table = pa.Table.from_pylist([{"claim": claim, "code": code, "zip": ZIP, "date": DATE, "setting": "20",
                                   "provider": who} for claim, code, who in lines])  # fmt: skip
    return BatchPricer(pricer).price_table(table).to_pylist()


def test_two_office_visits_of_one_practitioner_are_noted_and_paid_as_billed(pricer: Pricer) -> None:
    rows = _rows(pricer, [("V1", "99204", "NP"), ("V1", "99213", "NP"),
                          ("V2", "99213", "NP"), ("V2", "99213", "MD"),  # two practitioners: one visit each
                          ("V3", "99213", "NP"), ("V3", "96372", "NP")])  # fmt: skip
    assert [Decimal(str(row["allowed"])) for row in rows[:2]] == [NP_99204, NP_99213]
    assert visits.TWO_OFFICE_VISITS_NOTE in rows[0]["note"] and visits.TWO_OFFICE_VISITS_NOTE in rows[1]["note"]
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in row["note"] for row in rows[2:])
    assert Decimal(str(rows[2]["allowed"])) == NP_99213
    lines = pricer.price_encounter(["99204", "99213"], zip_code=ZIP, date_of_service=DATE, setting="20",
                                   provider="np").lines  # fmt: skip
    assert all(visits.TWO_OFFICE_VISITS_NOTE in line.notes for line in lines)
    amounts = [line.pfs.non_facility.amount for line in lines if line.pfs.non_facility is not None]
    assert amounts == [NP_99204, NP_99213]
    one = pricer.price_encounter(["99213", "96372"], zip_code=ZIP, date_of_service=DATE, setting="20").lines
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in one)


def test_two_office_visits_notes() -> None:
    notes = visits.two_office_visits_notes
    note = visits.TWO_OFFICE_VISITS_NOTE
    assert notes(["99204", "99213"]) == [note, note]
    assert notes(["99213", "G2211", "99214"]) == [note, None, note]
    assert notes(["99213", "99232"]) == [None, None]  # the hospital visit's own note: OFFICE_BESIDE_HOSPITAL_NOTE
    assert notes(["99213"]) == [None]


def test_the_note_is_one_note_in_batch_s_note_column() -> None:
    """Batch joins a row's notes with '; ': a note with '; ' inside reads as two (test_notes_without_semicolons)."""
    assert "; " not in visits.TWO_OFFICE_VISITS_NOTE


# A review of the merge (rev3): the note is the practitioner's claim's, on the visits still paid.
# PPRRVU2026_Jul_nonQPP.csv (RVU26C): 99211,,Office/op est may x req phy/qhp,A,,0.00,0.51,,0.51,,0.02,...
#   99223,,1st hosp ip/obs high 75,A,,3.50,...: an initial hospital care, the admission of the day.
# 99213 at a physician's 100%: (1.30 x 1.000 + 1.46 x 0.969 + 0.09 x 0.856) x 33.4009 = $93.25 (above).
MD_99213 = Decimal("93.25")


def test_office_visits_paid_nothing_beside_an_admission_are_not_noted_priced_as_given(pricer: Pricer) -> None:
    """99213 and 99214 beside the same physician's 99223 (an admission that day) are paid $0.00: the E/M of the day
    in other sites are part of the initial hospital care (Claims Processing Manual ch. 12 §30.6.9.1.C,
    visits.ADMISSION_DAY_RULE). "Priced as given ... The MAC may deny the second visit" beside $0.00 was untrue."""
    rows = _rows(pricer, [("A1", "99213", "MD"), ("A1", "99214", "MD"), ("A1", "99223", "MD")])
    assert [str(row["allowed"]) for row in rows[:2]] == ["0.00", "0.00"]
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in row["note"] for row in rows), [row["note"] for row in rows]
    lines = pricer.price_encounter(["99213", "99214", "99223"], zip_code=ZIP, date_of_service=DATE, setting="11").lines
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in lines)


def test_a_99211_paid_nothing_beside_a_drug_administration_is_no_second_visit(pricer: Pricer) -> None:
    """99211 beside 96372 is not paid (CR 3631, visits.NURSE_VISIT_DRUG_ADMINISTRATION_RULE): 99213-25 is the day's
    one paid visit, no note of two."""
    table = pa.Table.from_pylist([{"claim": "N1", "code": code, "modifier": modifier, "zip": ZIP, "date": DATE,
                                   "setting": "11"} for code, modifier in (("99211", ""), ("99213", "25"),
                                                                           ("96372", ""))])  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert str(rows[0]["allowed"]) == "0.00" and Decimal(str(rows[1]["allowed"])) == MD_99213
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in row["note"] for row in rows), [row["note"] for row in rows]
    lines = pricer.price_encounter(["99211", "99213-25", "96372"], zip_code=ZIP, date_of_service=DATE,
                                   setting="11").lines  # fmt: skip
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in lines)


def test_a_hospital_s_own_bill_is_not_noted(pricer: Pricer) -> None:
    """§30.6.7.B is the carrier's rule on "two E/M office visits billed by a physician"; a hospital's own outpatient
    bill (type of bill 131, a UB-04) is the OPPS's claim, not a practitioner's: no note, as the visit beside a drug
    administration service's (batch.claims._visit_beside_drug_administration)."""
    table = pa.Table.from_pylist([{"claim": "H1", "code": code, "zip": ZIP, "date": DATE, "setting": "131"}
                                  for code in ("99213", "99214")])  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in (row["note"] or "") for row in rows), [row["note"] for row in rows]
    lines = pricer.price_encounter(["99213", "99214"], zip_code=ZIP, date_of_service=DATE, setting="131").lines
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in lines)
    # A practitioner's claim of the same two visits is noted.
    physician = _rows(pricer, [("P1", "99213", "MD"), ("P1", "99214", "MD")])
    assert all(visits.TWO_OFFICE_VISITS_NOTE in row["note"] for row in physician)


def test_a_claim_cut_into_chunks_notes_both_visits(pricer: Pricer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import csv

    from rvucalc.batch.files import run_batch

    source = tmp_path / "in.csv"
    lines = [("V1", "99204"), ("V1", "99213"), ("V2", "99213")]
    source.write_text("claim,code,zip,date,setting,provider\n"
                      + "".join(f"{claim},{code},{ZIP},{DATE},20,NP\n" for claim, code in lines))  # fmt: skip
    out = tmp_path / "out.csv"
    run_batch(pricer, str(source), str(out), chunk_rows=1)
    rows = list(csv.DictReader(out.open()))
    assert [Decimal(row["allowed"]) for row in rows] == [NP_99204, NP_99213, NP_99213]
    assert [visits.TWO_OFFICE_VISITS_NOTE in row["note"] for row in rows] == [True, True, False]


def test_two_physicians_of_one_claim_are_told_the_group_and_specialty_rule(pricer: Pricer) -> None:
    """Batch reads a provider cell's license, not the person: two physicians' visits on one claim and date are one
    practitioner's encounter. §30.6.7.B's rule is "a physician (or physician of the same specialty from the same group
    practice)": the note says so, not "the same practitioner" of two named doctors."""
    rows = _rows(pricer, [("M1", "99213", "SMITH, JOHN MD"), ("M1", "99214", "LEE, AMY MD")])
    assert all(visits.TWO_OFFICE_VISITS_NOTE in row["note"] for row in rows)
    note = visits.TWO_OFFICE_VISITS_NOTE
    assert "same specialty" in note and "same practitioner" not in note


def test_an_e_m_57_paid_nothing_beside_a_minor_procedure_is_no_second_visit(pricer: Pricer) -> None:
    """99213-57 beside 10060 (RVU26C: '10060,,I&d abscess simple/single,A,...,010': a minor procedure, 10 global
    days) is paid $0.00 (the same day's visits are the minor procedure's unless separately identifiable, with 25:
    visits.em_in_global_outcomes, ch. 12 §40.1.C, §40.2.A); 99214-25
    is the day's one paid visit, no note of two. 99214: (1.92 x 1.000 + 2.00 x 0.969 + 0.14 x 0.856) x 33.4009 =
    3.97784 x 33.4009 = $132.86 (RVU26C: '99214,,Office o/p est mod 30 min,A,,1.92,2.00,,0.47,,0.14,...')."""
    codes = ("99213-57", "99214-25", "10060")
    table = pa.Table.from_pylist([{"claim": "G1", "code": code[:5], "modifier": code[6:], "zip": ZIP, "date": DATE,
                                   "setting": "11"} for code in codes])  # fmt: skip
    rows = BatchPricer(pricer).price_table(table).to_pylist()
    assert [str(row["allowed"]) for row in rows[:2]] == ["0.00", "132.86"]
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in row["note"] for row in rows), [row["note"] for row in rows]
    lines = pricer.price_encounter(list(codes), zip_code=ZIP, date_of_service=DATE, setting="11").lines
    assert all(visits.TWO_OFFICE_VISITS_NOTE not in line.notes for line in lines)
