"""Cardiac, intensive cardiac and pulmonary rehabilitation sessions beyond the day's limit (``engine.rehab``): CMS's
limits (42 CFR 410.49(f)(1): CR up to 2 one-hour sessions a day; 410.49(f)(2): ICR up to 6; 42 CFR 410.47, Claims
Processing Manual ch. 32 §140.4: PR up to 2) noted on the lines carrying the excess, the units of one line and the
lines of one claim and date alike, in ``rvucalc price`` and ``rvucalc batch``; the money never changes."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_batch_rows
from rvucalc.cli import app
from rvucalc.engine import rehab
from rvucalc.lookup.pricer import Pricer

ZIP = "10001"
DATE = "11/13/2025"
# CMS's limits a day (the CFR sections above), not rvucalc's output
LIMITS = {"93797": 2, "93798": 2, "G0422": 6, "G0423": 6, "94625": 2, "94626": 2}


def test_the_limits_are_cms_s() -> None:
    for code, limit in LIMITS.items():
        assert rehab.REHAB_KINDS[rehab.rehab_kind(code)][1] == limit
    assert rehab.rehab_kind("97110") == 0
    assert rehab.rehab_session_notes([("93798", 2)]) == [None]
    assert rehab.rehab_session_notes([("G0422", 6), ("G0423", 1)])[1] == rehab.rehab_sessions_note(2, 7)
    assert rehab.rehab_session_notes([("93798", 1)] * 3) == [None, None, rehab.rehab_sessions_note(1, 3)]


def _price(*args: str) -> list[dict]:
    """`rvucalc price ARGS -f json`'s lines, as a user runs it."""
    done = CliRunner().invoke(app, ["price", *args, "--zip", ZIP, "--date", DATE, "-f", "json"])
    assert done.exit_code == 0, done.output
    found = json.loads(done.stdout)
    return list(found.get("lines", [found]))


@pytest.mark.parametrize(("code", "units"), [("93798", 3), ("94626", 3), ("G0422", 7)])
def test_units_beyond_the_day_s_limit_are_noted_in_price_and_batch(tmp_path: Path, code: str, units: int) -> None:
    """Trials: `price 93798 --units 3 --zip 10001` $88.92, `94626 --units 3` $378.21, `G0422 --units 7` $1,035.37,
    no word of the limit a day. The note; the amount stays units x one session's (CMS's RVUs)."""
    note = rehab.rehab_sessions_note(rehab.rehab_kind(code), units)
    within = _price(code, "--units", str(LIMITS[code]))[0]
    beyond = _price(code, "--units", str(units))[0]
    assert note in beyond["notes"] and note not in within["notes"]
    assert not any("sessions of" in n for n in within["notes"])
    one = Pricer().price(code, zip_code=ZIP, date_of_service=DATE)
    assert Decimal(str(beyond["sites"][0]["total"])) == units * one.sites[0].total
    done, out = run_batch_rows(tmp_path, [{"code": code, "zip": ZIP, "date": DATE, "units": str(n)}
                                          for n in (LIMITS[code], units)])  # fmt: skip
    assert done.exit_code == 0, done.output
    assert note not in out[0]["note"] and note in out[1]["note"]
    assert Decimal(out[1]["office_allowed"]) == Decimal(str(beyond["sites"][0]["total"]))


def test_lines_of_one_claim_and_date_are_counted_together_in_price_and_batch(tmp_path: Path) -> None:
    """Trials: a claim of three 93798 lines on one date got only "possible duplicate" notes; G0422 x6 + G0423 x1 (7
    intensive sessions) on a date, no note. The line carrying the sessions beyond the limit is noted, price and batch
    alike; another date, or another claim, is counted apart."""
    cr = rehab.rehab_sessions_note(1, 3)
    icr = rehab.rehab_sessions_note(2, 7)
    lines = _price("93798", "93798", "93798")
    assert [cr in line["notes"] for line in lines] == [False, False, True]
    rows = [{"claim": "A", "code": "93798", "zip": ZIP, "date": DATE, "units": "1"} for _ in range(3)]
    rows += [{"claim": "B", "code": "G0422", "zip": ZIP, "date": DATE, "units": "6"},
             {"claim": "B", "code": "G0423", "zip": ZIP, "date": DATE, "units": "1"},
             {"claim": "C", "code": "93798", "zip": ZIP, "date": DATE, "units": "2"},
             {"claim": "C", "code": "93798", "zip": ZIP, "date": "11/14/2025", "units": "1"}]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert [cr in row["note"] for row in out[:3]] == [False, False, True]
    assert [icr in row["note"] for row in out[3:5]] == [False, True]
    assert not any("sessions of" in row["note"] for row in out[5:])
    for row, line in zip(out[:3], lines, strict=True):  # the same notes, in the same order, and the same money
        said = [n for n in line["notes"] if n == cr or n.startswith("Possible duplicate")]
        assert [n for n in row["note"].split("; ") if n in said] == said
        assert Decimal(row["office_allowed"]) == Decimal(str(line["sites"][0]["total"]))


def test_batch_reads_a_row_s_rehabilitation_kind_only_for_rehabilitation_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A review: three flag passes tested every code cell for each kind (~0.5 s of a 100k-line run, ~6 s a million).
    One flag (a rehabilitation code or not) now, the kind read for the flagged cells alone; the note unchanged."""
    calls: list[str] = []
    kind_of = rehab.rehab_kind
    monkeypatch.setattr(rehab, "rehab_kind", lambda code: calls.append(code) or kind_of(code))
    rows = [{"claim": "C1", "code": code, "units": units, "pos": "11", "zip": "10001", "date": "2025-11-05"}
            for code, units in (("99213", "1"), ("97110", "1"), ("93798", "3"), ("71046", "1"))]  # fmt: skip
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    assert set(calls) <= {"93798"}, calls
    assert rehab.rehab_sessions_note(1, 3) in out[2]["note"]


@pytest.mark.parametrize("code", ["93798", "G0422", "94626"])
def test_rehab_sessions_of_one_date_are_no_duplicates_within_the_day_s_limit(tmp_path: Path, code: str) -> None:
    """A trial: two 93798 lines (two one-hour cardiac rehabilitation sessions) on one claim and date had the second
    told "Possible duplicate ... Medicare's claim edits deny an exact duplicate line", where 42 CFR 410.49(f)(1)
    covers 2 sessions a day (ICR 6, 410.49(f)(2); PR 2, 410.47). Up to the limit, no line is noted; the line past it
    carries the sessions note alone, price and batch alike; each line is one session's amount (CMS's RVUs)."""
    limit = LIMITS[code]
    note = rehab.rehab_sessions_note(rehab.rehab_kind(code), limit + 1)
    lines = _price(*[code] * (limit + 1))
    rows = [{"claim": "A", "code": code, "zip": ZIP, "date": DATE, "units": "1"} for _ in range(limit + 1)]
    done, out = run_batch_rows(tmp_path, rows)
    assert done.exit_code == 0, done.output
    one = Pricer().price(code, zip_code=ZIP, date_of_service=DATE).sites[0].total
    for line, row in zip(lines, out, strict=True):
        assert not any(n.startswith("Possible duplicate") for n in line["notes"]), line["notes"]
        assert "Possible duplicate" not in row["note"], row["note"]
        assert Decimal(str(line["sites"][0]["total"])) == Decimal(row["office_allowed"]) == one
    assert [note in line["notes"] for line in lines] == [False] * limit + [True]
    assert [note in row["note"] for row in out] == [False] * limit + [True]
