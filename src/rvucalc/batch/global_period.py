"""A visit in a procedure's postoperative period on a later date of the same claim: batch's alone (``rvucalc price``
prices one date). The same-day rule is ``batch.claims._em_in_global`` (``engine.visits.em_in_global_outcomes``).

Claims Processing Manual ch. 12 §40.1: the global surgical package takes in the surgeon's "Postoperative Visits -
Follow-up visits within the postoperative period of the surgery that are related to recovery from the surgery"
(§40.1.A), but not "Visits unrelated to the diagnosis for which the surgical procedure is performed, unless the
visits occur due to complications of the surgery" (§40.1.B); the package's duration: "count the day of surgery and
the appropriate number of days immediately following the date of surgery" for a minor procedure, and for a major one
"1 day immediately before the day of surgery, the day of surgery, and the 90 days immediately following the day of
surgery" (the same counting as CMS's Global Surgery Booklet: a 10-day global period is 11 days in all, "the day of
the surgery and the 10 days immediately following"). CMS's RVU file (PPRRVU, "Global Surgery" indicator): 010 "Minor
procedure with preoperative relative values on the day of the procedure and postoperative relative values during a
10-day postoperative period included in the fee schedule amount; evaluation and management services on the day of the
procedure and during this 10-day postoperative period generally not payable"; 090 "Major surgery with a 1-day
preoperative period and 90-day postoperative period included in the fee schedule amount"; 000 has no postoperative
period (and MMM, XXX, YYY, ZZZ none of their own). §40.2.A: modifier 24, "Unrelated Evaluation and Management Service
by the Same Physician During a Postoperative Period", is paid (79 for an unrelated procedure; 25 and 57 speak of the
procedure's own day, 57 of the day before a major one too); from 2022, FT ("Unrelated evaluation and management
(E/M) visit during a postoperative period", ``engine.visits.OUTSIDE_PACKAGE``) says the same. "Physicians in the same
group practice who are in the same specialty must bill and be paid as though they were a single physician" (§40.A):
rvucalc takes a claim's lines of one kind of practitioner (physician, NP, PA, CNS ...: the provider column, as
``claims._em_in_global`` and the claim's next date do) as that physician's.

So an E/M visit or eye exam (``engine.visits.is_package_visit``) without 24 or FT, on a date 1 to 10 days after a 010
procedure, or 1 to 90 days after a 090 one, of the same claim and practitioner, is noted, naming the procedure, its
date and its global period. The amount stays (the same-day rule only notes a bare visit too): the MAC denies it unless
it is unrelated.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rvucalc.errors import RvucalcError

if TYPE_CHECKING:
    import numpy as np

    from rvucalc.batch.claims import _Changes
    from rvucalc.batch.lines import Lines
    from rvucalc.batch.price import BatchPricer

POSTOPERATIVE_DAYS = {"010": 10, "090": 90}  # CMS's global days: the days after the procedure's date in its package
UNRELATED_MODIFIERS = frozenset({"24", "FT"})  # §40.2.A: an E/M unrelated to the surgery in its postoperative period


def postoperative_visit_note(code: str, date: dt.date, global_days: str) -> str:
    """The note of a visit without 24 or FT in the postoperative period of ``code`` (of global ``global_days``) on
    ``date``, on a later date of the same claim. No '; ' in it (a row's notes are joined with it)."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this visit is in the postoperative period of {code} of {date.isoformat()} on this "
        f"claim by the same practitioner (global {global_days}, a {kind} procedure: the day of the procedure and the "
        f"{POSTOPERATIVE_DAYS[global_days]} days after it). Medicare includes the surgeon's postoperative visits in "
        "the procedure's payment unless the visit is unrelated to the surgery, then billed with modifier 24 (Claims "
        "Processing Manual ch. 12 §40.1, §40.2). Priced as given, the MAC may deny it. rvucalc price, which sees one "
        "date, cannot see it."
    )


def postoperative_visits(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, keys: np.ndarray, code: np.ndarray, changes: _Changes
) -> None:
    """Note each visit of ``rows`` (a claim's: ``keys`` >= 0, its claim's key) in the postoperative period of a 010 or
    090 procedure of an earlier date of its claim by the same kind of practitioner (the module's docstring). On whole
    columns: the visits' modifiers once per code cell, CMS's global days once per distinct code cell and release
    (``claims._per_cell``, as ``claims._global_kind``), and only for the lines of claims with a visit after their
    first date."""
    import numpy as np

    from rvucalc.batch import claims
    from rvucalc.engine import visits
    from rvucalc.lookup import lines as line_rules

    claimed = keys >= 0
    visit = claimed & lines.flag("E/M without 24 or FT", lambda p: visits.is_package_visit(p.code) and not (
        UNRELATED_MODIFIERS & set(p.modifiers)))[code]  # fmt: skip
    if not visit.any():
        return
    day_of, width = claims._day_numbers(lines)
    day = day_of[lines.when[rows]]
    readable = day < width - 2 * len(lines.whens) - 2  # a date that does not read is no day (claims._day_numbers)
    claimed &= readable
    visit &= readable
    # The claims with a visit after their first date: their other lines alone are looked up.
    key = np.where(claimed, keys, 0)
    first = np.full(int(key.max()) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, key[claimed], day[claimed])
    visit &= day > first[key]
    if not visit.any():
        return
    count = len(first)
    wanted = np.bincount(key[visit], minlength=count) > 0
    procedure = claimed & wanted[key] & ~lines.flag("package visit", lambda p: visits.is_package_visit(p.code))[code]
    at = np.flatnonzero(procedure)
    if not at.size:
        return
    caches = claims._caches(batch)
    names = {r.release for r in batch.pricer.releases}

    def postoperative_days(release: str, cell: Any) -> int:
        context = claims._context(batch, caches, release) if release in names else None
        if context is None or visits.is_em(cell.code):
            return 0
        try:
            days = str(line_rules.resolve_row(context.store, cell.code, tuple(cell.modifiers)).get("global_days"))
        except RvucalcError:  # not in the PFS (a lab, drug ...): no global period
            return 0
        return POSTOPERATIVE_DAYS.get(days, 0)

    days_of = claims._per_cell(batch, lines, rows[at], "postoperative days", postoperative_days).astype(np.int64)
    at, days_of = at[days_of > 0], days_of[days_of > 0]
    if not at.size:
        return
    practitioner = claims._practitioners(lines)[code]
    slot = keys * len(line_rules.PROVIDERS) + practitioner  # the same claim and kind of practitioner
    seen = np.flatnonzero(visit)
    # Per visit, per global period: the latest procedure of its slot on an earlier date (a later one's period ends
    # later): the visit is in its period when at most that many days after it.
    found = np.full(len(seen), -1, dtype=np.int64)
    found_day = np.full(len(seen), -1, dtype=np.int64)
    for length in sorted(set(POSTOPERATIVE_DAYS.values())):
        mine = at[days_of == length]
        if not mine.size:
            continue
        order = np.argsort(slot[mine] * width + day[mine], kind="stable")
        mine = mine[order]
        placed = slot[mine] * width + day[mine]
        before = np.searchsorted(placed, slot[seen] * width + day[seen], side="left") - 1
        there = mine[np.maximum(before, 0)]
        inside = (before >= 0) & (slot[there] == slot[seen]) & (day[seen] - day[there] <= length)
        inside &= day[there] >= found_day  # the latest procedure's period (a 090 one of the same date after a 010)
        found[inside], found_day[inside] = there[inside], day[there[inside]]
    hit = found >= 0
    if not hit.any():
        return
    seen, found = seen[hit], found[hit]
    global_of = np.isin(found, at[days_of == 90]).astype(np.int64)
    number = (code[found].astype(np.int64) * width + day[found]) * 2 + global_of
    distinct, which = np.unique(number, return_inverse=True)
    texts: list[str] = []
    index: dict[str, int] = {}
    positions = []
    for value in distinct.tolist():  # one per procedure code, date and global period: a few
        cell, when = divmod(value // 2, width)
        days = "090" if value % 2 else "010"
        text = postoperative_visit_note(lines.codes[cell].code, dt.date.fromordinal(when), days)
        positions.append(index.setdefault(text, len(index)))
        if len(texts) < len(index):
            texts.append(text)
    changes.arrays.note(rows[seen], texts, np.asarray(positions, dtype=np.int64)[which.reshape(-1)])
