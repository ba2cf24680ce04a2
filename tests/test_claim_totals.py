"""``--summary``'s per-claim totals: kept as integer blocks (spilled to a temporary file past a limit), summed by exact
claim id when a claim is met in two places, and written as the same JSON the whole dictionary made."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow.csv as pacsv
import pytest

from rvucalc.batch import claim_totals
from rvucalc.batch.claim_totals import CLAIM_MEASURES, ClaimTotals
from rvucalc.batch.files import run_batch

LINES = (
    "CPT Code,Mod 1,Date of Service,POS,Zip Code,Units,Claim ID\n"
    "99213,,2025-11-03,11,10001,1,A1\n"
    "27447,RT,2025-11-03,22,10001,1,A1\n"
    "29881,59,2025-11-03,22,10001,1,A1\n"
    "80053,,2026-03-03,11,60611,1,B2\n"
    "J9271,,2026-03-03,11,60611,100,B2\n"
    "97110,GP,2026-03-04,11,94110,2,C3\n"
    "99214,25,2026-03-05,11,94110,1,D4\n"
    "ZZZZZ,,2026-03-05,11,94110,1,D4\n"
    "99213,,2026-03-06,11,10001,1,A1\n"  # A1 again, after other rows: another encounter, the same claim's totals
    "G0008,,2026-03-06,11,10001,1,\n"  # no claim id: in the totals, in no claim
)


def _run(tmp_path: Path, pricer, limit: int, monkeypatch: pytest.MonkeyPatch) -> tuple:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(claim_totals, "MEMORY_LIMIT", limit)
    source = tmp_path / "lines.csv"
    source.write_text(LINES)
    out = tmp_path / f"out-{limit}.csv"
    summary = run_batch(pricer, str(source), str(out), chunk_rows=3, per_claim=True)
    return summary, pacsv.read_csv(out).to_pylist()


def _cents(value: object) -> int:
    return 0 if value is None else int(Decimal(str(value)) * 100)


@pytest.mark.parametrize("limit", [0, claim_totals.MEMORY_LIMIT])  # every block in the file / all in memory
def test_claim_totals_are_the_rows_sums_whatever_the_chunks(tmp_path: Path, pricer, limit, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    summary, rows = _run(tmp_path, pricer, limit, monkeypatch)
    claims = summary.as_json()["claims"]
    assert list(claims) == ["A1", "B2", "C3", "D4"]  # first met order; A1 once though met in two places
    for claim, totals in claims.items():
        mine = [row for row in rows if row["Claim ID"] == claim and row["allowed"] is not None]
        assert totals["lines"] == len(mine)
        assert totals["unpriced"] == sum(1 for row in rows if row["Claim ID"] == claim) - len(mine)
        for measure in ("allowed", "beneficiary", "medicare"):
            assert _cents(totals[measure]) == sum(_cents(row[measure]) for row in mine), (claim, measure)
    assert claims["A1"]["lines"] == 4 and claims["D4"]["unpriced"] == 1  # ZZZZZ: an error, in its claim


def test_the_streamed_json_is_the_whole_dictionarys(tmp_path: Path, pricer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    summary, _ = _run(tmp_path, pricer, 0, monkeypatch)
    out = io.StringIO()
    summary.write_json(out)
    assert out.getvalue() == json.dumps(summary.as_json(), indent=2) + "\n"
    assert json.loads(out.getvalue())["claims"]["A1"] == summary.as_json()["claims"]["A1"]


def test_no_claims_is_an_empty_object() -> None:
    from rvucalc.batch.files import BatchSummary

    out = io.StringIO()
    BatchSummary().write_json(out)
    assert json.loads(out.getvalue())["claims"] == {}
    assert out.getvalue() == json.dumps(BatchSummary().as_json(), indent=2) + "\n"


def test_colliding_hashes_never_merge_two_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """Claims met twice are found by a hash of their ids and summed by the ids themselves: two ids whose hashes
    collide stay two claims."""
    monkeypatch.setattr(claim_totals, "_claim_hash", lambda _: 7)  # every id collides
    totals = ClaimTotals(memory_limit=0)
    one = {name: np.array([1, 2], dtype=np.int64) for name in CLAIM_MEASURES}
    totals.add(["X", "Y"], one)
    totals.add(["Y", "Z"], {name: np.array([10, 20], dtype=np.int64) for name in CLAIM_MEASURES})
    found = dict(totals.items())
    assert list(found) == ["X", "Y", "Z"]
    assert found["X"]["allowed"] == 1 and found["Y"]["allowed"] == 12 and found["Z"]["allowed"] == 20
    totals.close()
