"""A care-management billing trial (Chicago, Springfield IL): a claim of 99454 and 99445 (RPM device supply, 16-30 and
2-15 days) and of 99457 and 99470 (treatment management, first 20 and first 10 minutes) in one month paid all four
with no word, though the CY2026 PFS final rule (CMS-1832-F) adopted the new codes as not additive with the old ones:
one is billed, by the days of data or the minutes. Each such line now says so, in price and batch alike; the amounts
stay CMS's (RVU26C x the 2026 GPCIs x CF, rounded half-up once), a 2025 claim and a claim of one of each pair say
nothing."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import RPM_EITHER_OR, rpm_either_or_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, LOCALITY, DATE = "62701", "0610299", "2026-07-31"  # Springfield IL: REST OF ILLINOIS
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "11"}
CODES = ["99454", "99445", "99457", "99470", "99458"]


def _office_fee(code: str) -> Decimal:
    """CMS's 2026 (July) non-facility amount at the locality: (work x GPCI + PE x GPCI + MP x GPCI) x CF, rounded
    half-up once, from the RVU26C and 2026 GPCI files."""
    with (DATA / "gpci/2026/localities2026-01-01-2026.csv").open(encoding="latin-1", newline="") as handle:
        gpci = next(row for row in csv.reader(handle) if row[4] == LOCALITY)
    with (DATA / "rvu/2026/PPRRVU2026_Jul_nonQPP.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[:2] == [code, ""])
    rvus = (Decimal(row[5]) * Decimal(gpci[1]) + Decimal(row[6]) * Decimal(gpci[2])
            + Decimal(row[10]) * Decimal(gpci[3]))  # fmt: skip
    return (rvus * Decimal(row[25])).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_either_or_rpm_codes_are_noted_at_cms_amounts_in_price_and_batch(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(CODES, **WHERE)  # type: ignore[arg-type]
    rows = _batch(pricer, [{"claim": "CM1", "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for code in CODES])  # fmt: skip
    for code, line, row in zip(CODES, encounter.lines, rows, strict=True):
        noted = code in RPM_EITHER_OR
        if noted:
            note = rpm_either_or_note(code)
            assert "; " not in note and RPM_EITHER_OR[code] in note and "CMS-1832-F" in note
            assert note in line.notes, (code, line.notes)
            assert note in row["note"].split("; "), (code, row["note"])
        assert noted or not any("not additive" in text for text in line.notes), code
        assert noted or "not additive" not in row["note"], code
        fee = _office_fee(code)
        assert line.pfs.non_facility.amount == fee, code
        assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == fee, code
    assert _office_fee("99445") == Decimal("47.79")  # (1.55 x 0.913 + 0.01 x 1.563) x 33.4009 = 47.7893


def test_one_of_each_pair_another_month_practitioner_or_2025_says_nothing(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "11"}
    rows = _batch(pricer, [
        {**place, "claim": "A", "date": DATE, "code": "99445", "provider": "PA"},
        {**place, "claim": "A", "date": DATE, "code": "99470", "provider": "PA"},
        {**place, "claim": "B", "date": "2026-07-31", "code": "99454", "provider": "MD"},
        {**place, "claim": "B", "date": "2026-08-31", "code": "99445", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "99454", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "99445", "provider": "NP"},
        {**place, "claim": "D", "date": "2025-12-31", "code": "99454", "provider": "MD"},
        {**place, "claim": "D", "date": "2025-12-31", "code": "99457", "provider": "MD"},
    ])  # fmt: skip
    assert not any("not additive" in row["note"] for row in rows), [row["note"] for row in rows]
    for codes in (["99445", "99470"], ["99454", "99457", "99458"]):
        encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
        assert not any("not additive" in text for line in encounter.lines for text in line.notes), codes


def test_both_kinds_on_many_claims_are_noted_as_price_notes_each_claim(pricer: Pricer) -> None:
    """batch finds the claims with both codes of a pair on whole columns first (an RPM vendor's file is mostly 99454 +
    99457 or 99445 + 99470, no pair), then groups only those by month: many claims of both kinds beside claims of
    neither pair are each noted as price's encounter notes them, row by row."""
    patterns = [["99454", "99457"], ["99445", "99470"], ["99454", "99445"], ["99457", "99470", "99454"],
                ["99445", "99454", "99457", "99470"], ["99470", "99458"]]  # fmt: skip
    claims = [(f"V{n}", patterns[n % len(patterns)]) for n in range(60)]
    rows = _batch(pricer, [{"claim": claim, "date": DATE, "zip": ZIP, "code": code, "setting": "11"}
                           for claim, codes in claims for code in codes])  # fmt: skip
    expected = {}
    for codes in map(tuple, patterns):
        encounter = pricer.price_encounter(list(codes), **WHERE)  # type: ignore[arg-type]
        expected[codes] = [any("not additive" in text for text in line.notes) for line in encounter.lines]
    got = iter(rows)
    for claim, codes in claims:
        said = ["not additive" in next(got)["note"] for _ in codes]
        assert said == expected[tuple(codes)], (claim, codes)
    assert sum(map(sum, (expected[tuple(codes)] for _, codes in claims))) == 10 * (2 + 2 + 4)
