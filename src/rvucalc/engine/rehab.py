"""Cardiac, intensive cardiac and pulmonary rehabilitation: sessions a day beyond Medicare's limit (a note).

Why: Medicare covers these programs per one-hour session with a limit a day, and rvucalc priced every unit given.
42 CFR 410.49(f)(1): "the number of CR sessions are limited to a maximum of 2 1-hour sessions per day"; 410.49(f)(2):
"ICR sessions are limited to 72 1-hour sessions ... up to 6 sessions per day" (both as the Medicare Benefit Policy
Manual, Pub. 100-02 ch. 15 §232, quotes them; NGS Medicare, "Reminder for Billing Cardiac Rehabilitation Session and
Session Limitations", 2023, the same for CR with Claims Processing Manual ch. 32 §140.2). Pulmonary rehabilitation, 42
CFR 410.47: "a maximum of two one-hour sessions per day" (Claims Processing Manual ch. 32 §140.4, as MedLearn's
"Respiratory question for the week of June 10, 2024" quotes it for 94625/94626). CMS's text says the sessions are
limited, not that the claim line is paid $0.00 (the MAC's edits deny the excess units, and rvucalc did not read the
edit itself): a note on the lines that carry sessions beyond the day's limit, the amounts stay. The limit is the
beneficiary's a day, so one claim and date counts every line's units, whoever billed them (batch: ``batch.claims.
_rehab_sessions``; ``rvucalc price``: ``lookup.lines._visit_rules``).
"""

from __future__ import annotations

from collections.abc import Sequence

# kind -> (codes, sessions a day, what the note calls it, the source)
REHAB_KINDS: dict[int, tuple[frozenset[str], int, str, str]] = {
    1: (frozenset({"93797", "93798"}), 2, "cardiac rehabilitation (93797, 93798)", "42 CFR 410.49(f)(1)"),
    2: (frozenset({"G0422", "G0423"}), 6, "intensive cardiac rehabilitation (G0422, G0423)", "42 CFR 410.49(f)(2)"),
    3: (
        frozenset({"94625", "94626", "G0424"}),
        2,
        "pulmonary rehabilitation (94625, 94626, G0424)",
        "42 CFR 410.47, Claims Processing Manual ch. 32 §140.4",
    ),
}
REHAB_CODES = frozenset(code for codes, *_ in REHAB_KINDS.values() for code in codes)


def rehab_kind(code: str) -> int:
    """The line's rehabilitation kind (a key of ``REHAB_KINDS``), or 0."""
    return next((kind for kind, (codes, *_) in REHAB_KINDS.items() if code in codes), 0)


def rehab_sessions_note(kind: int, total: int) -> str:
    """The note on a line carrying sessions beyond the day's limit of ``kind``, ``total`` sessions on the date."""
    _, limit, name, source = REHAB_KINDS[kind]
    return (
        f"{total} sessions of {name} on this claim and date: Medicare covers up to {limit} one-hour sessions a day "
        f"({source}), so this line's sessions beyond the day's {limit} are likely denied. Priced as given."
    )


def rehab_session_notes(lines: Sequence[tuple[str, int]]) -> list[str | None]:
    """Per line of one claim and date (code, units): ``rehab_sessions_note`` on each line whose sessions, counted in
    the lines' order, go beyond its kind's limit a day; else None."""
    totals: dict[int, int] = {}
    for code, units in lines:
        kind = rehab_kind(code)
        if kind:
            totals[kind] = totals.get(kind, 0) + max(units, 0)
    seen: dict[int, int] = {}
    out: list[str | None] = []
    for code, units in lines:
        kind = rehab_kind(code)
        if not kind:
            out.append(None)
            continue
        seen[kind] = seen.get(kind, 0) + max(units, 0)
        beyond = seen[kind] > REHAB_KINDS[kind][1] and units > 0
        out.append(rehab_sessions_note(kind, totals[kind]) if beyond else None)
    return out
