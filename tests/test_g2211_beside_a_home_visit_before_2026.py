"""A house-call practice's trial (Baltimore, 21215): a 2025 claim of 99345 and G2211 at POS 12 was told "there is none
by the same practitioner on this claim and date", as if the home visit had been missed. G2211's visits were the
office/outpatient ones until the CY2026 PFS final rule added the home or residence visits (99341-99350): the note now
names the home visit billed as none of them before 2026. The amounts are unchanged (priced as given, CMS's own 2025
fee: RVU25A x the 2025 GPCIs x CF, rounded half-up once), price and batch alike; a 2026 home visit's G2211 says
nothing, a G2211 alone keeps the plain note, a nursing facility visit's its own."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.visits import g2211_without_visit_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE = "21215", "2025-03-04"  # Baltimore: MAC 12302, locality 01 (BALTIMORE/SURR. CNTYS)
SAID = "not to a home or residence visit (99341-99350) as billed here before 2026"


def _office_fee_2025(code: str) -> Decimal:
    """CMS's 2025 (January) non-facility amount in Baltimore: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded
    half-up once, from the RVU25A and 2025 GPCI files."""
    with (DATA / "gpci/2025/GPCI2025.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[:3] == ["12302", "MD", "01"])
    with (DATA / "rvu/2025/PPRRVU25_JAN.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[4]) + Decimal(row[6]) * Decimal(gpci[5])
            + Decimal(row[10]) * Decimal(gpci[6]))  # fmt: skip
    return (rvus * Decimal(row[24])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_a_2025_home_visit_is_named_as_none_of_g2211s_at_cms_amounts_in_price_and_batch(pricer: Pricer) -> None:
    note = g2211_without_visit_note(2025, home_visit=True)
    assert SAID in note and "; " not in note
    encounter = pricer.price_encounter(["99345", "G2211"], zip_code=ZIP, date_of_service=DATE, setting="12")
    rows = _batch(pricer, [{"claim": "HC1", "date": DATE, "zip": ZIP, "code": code, "setting": "12", "provider": "MD"}
                           for code in ("99345", "G2211")])  # fmt: skip
    assert note in encounter.lines[1].notes, encounter.lines[1].notes
    assert note in rows[1]["note"].split("; "), rows[1]["note"]
    for code, line, row in zip(("99345", "G2211"), encounter.lines, rows, strict=True):
        fee = _office_fee_2025(code)
        assert line.pfs.non_facility.amount == fee, code
        assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == fee, code


def test_2026_home_visit_lone_g2211_and_nursing_facility_visit_keep_their_notes(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "12", "provider": "MD"}
    rows = _batch(pricer, [
        {**place, "claim": "A", "date": "2026-03-04", "code": "99349"},
        {**place, "claim": "A", "date": "2026-03-04", "code": "G2211"},
        {**place, "claim": "B", "date": DATE, "code": "G2211"},
        {**place, "claim": "C", "date": DATE, "code": "99349", "provider": "NP"},
        {**place, "claim": "C", "date": DATE, "code": "G2211"},
        {**place, "claim": "D", "date": DATE, "code": "99349", "setting": "32"},
        {**place, "claim": "D", "date": DATE, "code": "99309", "setting": "32"},
        {**place, "claim": "D", "date": DATE, "code": "G2211", "setting": "32"},
    ])  # fmt: skip
    assert not any(SAID in row["note"] for row in rows), [row["note"] for row in rows]
    assert "office/outpatient" not in rows[1]["note"]
    assert g2211_without_visit_note(2025) in rows[2]["note"].split("; ")
    assert g2211_without_visit_note(2025) in rows[4]["note"].split("; ")  # the visit is another practitioner's
    assert g2211_without_visit_note(2025, True) in rows[7]["note"].split("; ")
    for codes, when in ((["99349", "G2211"], "2026-03-04"), (["G2211"], DATE), (["99349", "99309", "G2211"], DATE)):
        encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=when, setting="12")
        assert not any(SAID in text for line in encounter.lines for text in line.notes), codes
