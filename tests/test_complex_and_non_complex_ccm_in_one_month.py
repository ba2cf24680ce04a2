"""A house-call practice's trial (Baltimore, 21215): a claim of 99490 and 99487 (non-complex and complex chronic care
management) of one physician in one month was priced $69.44 and $152.09 with no word, though CMS's CCM booklet
(MLN909188) and CPT have the billing practitioner report either complex or non-complex CCM for a patient in a month,
not both. Each CCM line of such a month now says so, in price and batch alike; the amounts stay CMS's (RVU26C x the
2026 GPCIs x CF, rounded half-up once). One kind alone, another month, another practitioner and a month with APCM
(whose own note says it) say nothing of it."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.care_management import COMPLEX_CCM, ccm_complexity_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, LOCALITY, DATE = "21215", "1230201", "2026-07-31"  # Baltimore: BALTIMORE/SURR. CNTYS
WHERE = {"zip_code": ZIP, "date_of_service": DATE, "setting": "12"}
CODES = ["99490", "99439", "99487", "99424"]
SAID = "either complex or non-complex CCM"


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


def test_complex_beside_non_complex_ccm_is_noted_at_cms_amounts_in_price_and_batch(pricer: Pricer) -> None:
    encounter = pricer.price_encounter(CODES, **WHERE)  # type: ignore[arg-type]
    rows = _batch(pricer, [{"claim": "HC1", "date": DATE, "zip": ZIP, "code": code, "setting": "12", "provider": "MD"}
                           for code in CODES])  # fmt: skip
    for code, line, row in zip(CODES, encounter.lines, rows, strict=True):
        if code == "99424":  # principal care management: not CCM
            assert not any(SAID in text for text in line.notes) and SAID not in row["note"]
        else:
            note = ccm_complexity_note(code, "99490" if code in COMPLEX_CCM else "99487")
            assert "; " not in note and "MLN909188" in note
            assert note in line.notes, (code, line.notes)
            assert note in row["note"].split("; "), (code, row["note"])
        fee = _office_fee(code)
        assert line.pfs.non_facility.amount == fee, code
        assert Decimal(str(row["office_allowed"])).quantize(Decimal("0.01")) == fee, code


def test_one_kind_another_month_practitioner_or_apcm_says_nothing_of_it(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "12"}
    rows = _batch(pricer, [
        {**place, "claim": "A", "date": DATE, "code": "99490", "provider": "MD"},
        {**place, "claim": "A", "date": DATE, "code": "99491", "provider": "MD"},
        {**place, "claim": "B", "date": "2026-06-30", "code": "99490", "provider": "MD"},
        {**place, "claim": "B", "date": "2026-07-31", "code": "99487", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "99490", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "99487", "provider": "NP"},
        {**place, "claim": "D", "date": DATE, "code": "G0557", "provider": "MD"},
        {**place, "claim": "D", "date": DATE, "code": "99490", "provider": "MD"},
        {**place, "claim": "D", "date": DATE, "code": "99487", "provider": "MD"},
    ])  # fmt: skip
    assert not any(SAID in row["note"] for row in rows), [row["note"] for row in rows]
    assert all("advanced primary care management" in row["note"] for row in rows[-2:])
    for codes in (["99490", "99439", "99491"], ["99487", "99489"], ["G0557", "99490", "99487"]):
        encounter = pricer.price_encounter(codes, **WHERE)  # type: ignore[arg-type]
        assert not any(SAID in text for line in encounter.lines for text in line.notes), codes


def test_a_ccm_file_notes_only_the_claims_with_both_kinds(pricer: Pricer) -> None:
    """Batch finds the claims with both kinds on whole columns (a CCM vendor's file is mostly 99490 + 99439): only
    their rows are noted, each naming the first line of the other kind in its month."""
    place = {"zip": ZIP, "setting": "12", "provider": "MD", "date": DATE}
    claims = [("A", "99490"), ("A", "99439"), ("B", "99491"), ("B", "99487"), ("B", "99489"), ("C", "99487"),
              ("D", "99490")]  # fmt: skip
    rows = _batch(pricer, [{**place, "claim": claim, "code": code} for claim, code in claims])
    for (claim, code), row in zip(claims, rows, strict=True):
        if claim == "B":
            note = ccm_complexity_note(code, "99491" if code in COMPLEX_CCM else "99487")
            assert note in row["note"].split("; "), (code, row["note"])
        else:
            assert SAID not in row["note"], (claim, code)
