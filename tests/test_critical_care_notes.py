"""Encounter notes of critical care (99291 once a date, 99292 its add-on, the services it includes), of Medicare's
prolonged E/M add-ons G0316-G0318 without their visit, and modifier FT on an E/M beside a global procedure
(``engine.visits``): the same in ``rvucalc price`` (several codes) and ``rvucalc batch`` (a claim on one date); the
money never changes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pytest

from rvucalc.batch.price import BatchPricer
from rvucalc.engine import visits
from rvucalc.lookup.pricer import Pricer

DATE = "2026-08-03"


@pytest.fixture(scope="module")
def pricer() -> Pricer:
    return Pricer()


def _both(pricer: Pricer, claims: list[tuple[str, list[str], str]]) -> list[tuple[str, str, Any, dict]]:
    """(claim, ZIP, the price line, the batch row) of every line of the claims, in order."""
    rows = [{"claim": claim, "code": code, "zip": zip_code, "date": DATE, "setting": "21"}
            for claim, codes, zip_code in claims for code in codes]  # fmt: skip
    out = iter(BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist())
    found = []
    for claim, codes, zip_code in claims:
        encounter = pricer.price_encounter(codes, zip_code=zip_code, date_of_service=DATE, setting="21")
        found.extend((claim, zip_code, line, next(out)) for line in encounter.lines)
    return found


MINE = (visits.CRITICAL_CARE_TWICE_NOTE, visits.CRITICAL_CARE_ADD_ON_NOTE, visits.CRITICAL_CARE_BUNDLED_NOTE,
        *(visits.prolonged_without_primary_note(code) for code in visits.PROLONGED_PRIMARIES))  # fmt: skip


def test_critical_care_and_prolonged_add_on_notes_in_price_and_batch(pricer: Pricer) -> None:
    """Trials: `price 99291 99291`, `price 99291 71045-26` and `price 99232 G0316` (POS 21) said nothing. 99291 is
    reported once per date, time beyond it as 99292 (CY2022 PFS final rule); 99292 needs 99291; chest X-ray 26 and
    pulse oximetry are included in critical care; G0316 goes with 99223, 99233 or 99236 alone. Notes, no money change,
    price and batch alike."""
    claims = [("A", ["99291", "99291"], "02114"), ("B", ["99291", "71045-26", "94762"], "30322"),
              ("C", ["99292", "36600"], "30322"), ("D", ["99232", "G0316"], "30322"),
              ("E", ["99233", "G0316"], "30322"), ("F", ["99291", "99292", "71045-TC"], "30322"),
              ("G", ["99310", "G0317"], "30322"), ("H", ["99309", "G0317"], "30322")]  # fmt: skip
    expected = {("A", "99291"): visits.CRITICAL_CARE_TWICE_NOTE, ("B", "71045"): visits.CRITICAL_CARE_BUNDLED_NOTE,
                ("B", "94762"): visits.CRITICAL_CARE_BUNDLED_NOTE, ("C", "99292"): visits.CRITICAL_CARE_ADD_ON_NOTE,
                ("C", "36600"): visits.CRITICAL_CARE_BUNDLED_NOTE,
                ("D", "G0316"): visits.prolonged_without_primary_note("G0316"),
                ("H", "G0317"): visits.prolonged_without_primary_note("G0317")}  # fmt: skip
    for claim, zip_code, line, row in _both(pricer, claims):
        want = expected.get((claim, line.code))
        said = [note for note in line.notes if note in MINE]
        assert said == ([want] if want else []), (claim, line.code, line.notes)
        assert [note for note in MINE if note in (row["note"] or "")] == said, (claim, line.code, row["note"])
        money = [None if row[name] is None else Decimal(str(row[name]))
                 for name in ("allowed", "pfs_facility_amount")]  # fmt: skip
        assert money == [line.sites[0].total, line.pfs.facility.amount if line.pfs.facility else None], (claim, row)
        if want and line.pfs.facility is not None and line.pfs.facility.amount is not None:
            alone = pricer.price(line.code + "".join(f"-{m}" for m in line.modifiers), zip_code=zip_code,
                                 date_of_service=DATE, setting="21")  # fmt: skip
            assert line.pfs.facility.amount == alone.pfs.facility.amount  # the line's own amount: a note only


def test_critical_care_units_note_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 99291 --units 2 --zip 02114 --setting 21` paid 2 x $210.02 with no word: 99291 is once a date.
    The note, with the amount unchanged (2 x one 99291, CMS's RVUs), in price and batch."""
    note = visits.critical_care_units_note("99291", 2)
    assert note is not None and visits.critical_care_units_note("99291", 1) is None
    assert visits.critical_care_units_note("99292", 1) is None and visits.critical_care_units_note("99213", 3) is None
    one = pricer.price("99291", zip_code="02114", date_of_service=DATE, setting="21")
    two = pricer.price("99291", zip_code="02114", date_of_service=DATE, setting="21", units=2)
    assert note in two.notes and note not in one.notes
    assert two.sites[0].total == 2 * one.sites[0].total
    rows = [{"code": "99291", "zip": "02114", "date": DATE, "setting": "21", "units": units} for units in (1, 2)]
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    assert note not in (out[0]["note"] or "") and note in out[1]["note"]
    assert Decimal(str(out[1]["allowed"])) == two.sites[0].total


def test_ft_takes_an_em_out_of_the_global_surgery_note_in_price_and_batch(pricer: Pricer) -> None:
    """A trial: `price 99291-FT 31500 --zip 30322 --setting 21` said the visit "has neither 25 nor 57 ... the MAC may
    deny it". FT (from 2022) marks an E/M unrelated to the procedure (critical care in a global period): no note, as
    with 25 or 57; without FT the note names FT."""
    claims = [("A", ["99291-FT", "31500"], "30322"), ("B", ["99291", "31500"], "30322"),
              ("C", ["99223-FT", "27447"], "30322")]  # fmt: skip
    for claim, _zip, line, row in _both(pricer, claims):
        said = [note for note in line.notes if note.startswith("Global surgery package")]
        if claim == "B" and line.code == "99291":
            assert said == [visits.em_in_global_note(True, False)]
            assert "25, 57 or FT" in said[0] and said[0] in row["note"]
        else:
            assert not said and "Global surgery package" not in (row["note"] or ""), (claim, line.code)
    assert visits.em_in_global_notes([("99213", ["FT"], "XXX"), ("20610", [], "000")]) == [None, None]


def test_a_lone_add_on_names_its_primary_in_price_and_batch(pricer: Pricer) -> None:
    """Trials: `price 99292 --zip 10001` and `price G0316 --zip 10001` said nothing of their primary service (`price
    99292 99213` did). CMS pays an add-on only with its primary (99292 with 99291, but for a covering practitioner of
    the same group: Claims Processing Manual ch. 12 §30.6.12(I); G0316 with 99223, 99233 or 99236; G2211 with its
    visit): the note on a line alone, in price and in batch (a row no claim groups, a claim of one line); the money
    stays."""
    wanted = {"99292": visits.CRITICAL_CARE_ADD_ON_NOTE, "G0316": visits.prolonged_without_primary_note("G0316"),
              "G0318": visits.prolonged_without_primary_note("G0318"), "G2211": visits.g2211_without_visit_note(2026),
              "99291": None, "99223": None}  # fmt: skip
    assert "99291" in visits.CRITICAL_CARE_ADD_ON_NOTE and "99223, 99233 or 99236" in wanted["G0316"]
    rows = [{"claim": claim and f"{claim} {code}", "code": code, "zip": "10001", "date": DATE, "setting": "21"}
            for claim in (None, "one line") for code in wanted]  # fmt: skip
    out = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    for given, row in zip(rows, out, strict=True):
        result = pricer.price(given["code"], zip_code="10001", date_of_service=DATE, setting="21")
        note = wanted[given["code"]]
        assert (note in result.notes) if note else not any(n in result.notes for n in wanted.values() if n)
        assert (note in (row["note"] or "")) if note else not any(n in (row["note"] or "") for n in wanted.values()
                                                                    if n), row  # fmt: skip
        assert Decimal(str(row["pfs_facility_amount"])) == result.pfs.facility.amount  # a note only


def test_critical_care_bundled_note_is_the_practitioner_s_claim_s(pricer: Pricer) -> None:
    """`price 99291 36415 --zip 44195 --setting 22` said 36415 is included in critical care, read as of the
    hospital's line too, a conditionally packaged lab (October 2025 Addendum B: SI Q4, $0.00 beside 99291's SI J2).
    Claims Processing Manual ch. 12 §30.6.12's list is of the practitioner's services: the note says so, price and
    batch alike; the hospital's line keeps its packaging, CMS's."""
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data/opps/2025"
    [name] = [p for p in path.iterdir() if "October 2025" in p.name and p.suffix == ".csv"]
    with name.open(encoding="latin-1", newline="") as handle:
        indicator = {row[0]: row[2] for row in csv.reader(handle) if row and row[0] in ("99291", "36415")}
    assert indicator == {"99291": "J2", "36415": "Q4"}
    date = "2025-10-15"
    encounter = pricer.price_encounter(["99291", "36415"], zip_code="44195", date_of_service=date, setting="22")
    rows = [{"claim": "H", "code": code, "zip": "44195", "date": date, "setting": "22"} for code in ("99291", "36415")]
    _, row = BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()
    venipuncture = encounter.lines[1]
    assert venipuncture.opps is not None and venipuncture.opps.status_indicator == "Q4"
    assert Decimal(str(venipuncture.opps.rate)) == Decimal("0.00")
    assert visits.CRITICAL_CARE_BUNDLED_NOTE in venipuncture.notes
    assert visits.CRITICAL_CARE_BUNDLED_NOTE in row["note"]
    assert "on the practitioner's claim" in visits.CRITICAL_CARE_BUNDLED_NOTE and "§30.6.12" in (
        visits.CRITICAL_CARE_BUNDLED_NOTE
    )
