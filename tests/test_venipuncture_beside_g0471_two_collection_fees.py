"""A house-call practice's trial (Baltimore, 21215): a claim of 36415 (venipuncture) and G0471 (venous blood or a
catheterized urine specimen, from a SNF resident or for a home health agency) at POS 12 on one date was paid $9.34 and
$11.34 without a word, though Medicare pays one collection fee for each type of specimen per patient encounter (Claims
Processing Manual ch. 16 §60.1). Both lines now say so, in price and batch alike; the amounts stay CMS's CLFS rates.
Either code alone, twice on other dates, or beside another practitioner's says nothing of it."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from rvucalc.batch.price import BatchPricer
from rvucalc.engine.duplicates import collection_pair_note
from rvucalc.lookup.pricer import Pricer

DATA = Path(__file__).resolve().parents[1] / "data"
ZIP, DATE = "21215", "2026-02-12"
SAID = "one collection fee for each type of specimen per patient encounter"


def _clfs_2026(code: str) -> Decimal:
    """The CLFS rate in CMS's CY2026 Q2 file (PUF_CLFS_CY2026_Q2V1.csv), in force from 2026-01-01."""
    with (DATA / "clfs/2026/PUF_CLFS_CY2026_Q2V1.csv").open(encoding="latin-1", newline="") as handle:
        row = next(row for row in csv.reader(handle) if row[1:3] == [code, ""])
    assert row[3] == "20260101"
    return Decimal(row[5])


def _batch(pricer: Pricer, rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    return BatchPricer(pricer).price_table(pa.Table.from_pylist(rows)).to_pylist()


def test_36415_beside_g0471_is_noted_at_the_clfs_rates_in_price_and_batch(pricer: Pricer) -> None:
    codes = ["99349", "36415", "G0471"]
    encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="12")
    rows = _batch(pricer, [{"claim": "HC1", "date": DATE, "zip": ZIP, "code": code, "setting": "12", "provider": "MD"}
                           for code in codes])  # fmt: skip
    assert not any(SAID in text for text in encounter.lines[0].notes) and SAID not in rows[0]["note"]
    for code, line, row in zip(codes[1:], encounter.lines[1:], rows[1:], strict=True):
        note = collection_pair_note(code)
        assert "; " not in note and SAID in note and "§60.1" in note
        assert note in line.notes, (code, line.notes)
        assert note in row["note"].split("; "), (code, row["note"])
        assert line.clfs is not None and Decimal(str(line.clfs.amount)) == _clfs_2026(code), code
        assert Decimal(str(row["allowed"])).quantize(Decimal("0.01")) == _clfs_2026(code), code


def test_either_alone_another_date_or_practitioner_says_nothing_of_it(pricer: Pricer) -> None:
    place = {"zip": ZIP, "setting": "12"}
    rows = _batch(pricer, [
        {**place, "claim": "A", "date": DATE, "code": "36415", "provider": "MD"},
        {**place, "claim": "A", "date": DATE, "code": "85025", "provider": "MD"},
        {**place, "claim": "B", "date": DATE, "code": "36415", "provider": "MD"},
        {**place, "claim": "B", "date": "2026-02-13", "code": "G0471", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "36415", "provider": "MD"},
        {**place, "claim": "C", "date": DATE, "code": "G0471", "provider": "NP"},
    ])  # fmt: skip
    assert not any(SAID in row["note"] for row in rows), [row["note"] for row in rows]
    for codes in (["36415", "85025"], ["G0471"]):
        encounter = pricer.price_encounter(codes, zip_code=ZIP, date_of_service=DATE, setting="12")
        assert not any(SAID in text for line in encounter.lines for text in line.notes), codes


def test_a_lab_file_notes_only_its_pairs_each_row_by_its_own_code(pricer: Pricer) -> None:
    """Batch reads the pairs on whole columns (a lab's file is mostly 36415 rows, G0471 rare): only the rows of an
    encounter with both are noted, each naming its own code, G0471 first or 36415 twice alike."""
    place = {"zip": ZIP, "setting": "12", "provider": "MD", "date": DATE}
    claims = [("A", "36415"), ("A", "80053"), ("B", "G0471"), ("B", "36415"), ("B", "36415"), ("C", "36415"),
              ("D", "G0471"), ("E", "36415"), ("E", "G0471")]  # fmt: skip
    rows = _batch(pricer, [{**place, "claim": claim, "code": code} for claim, code in claims])
    for (claim, code), row in zip(claims, rows, strict=True):
        paired = claim in ("B", "E")
        assert (collection_pair_note(code) in row["note"].split("; ")) is paired, (claim, code, row["note"])
        assert (SAID in row["note"]) is paired, (claim, code)
