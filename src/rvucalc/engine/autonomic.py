"""Autonomic nervous system function tests 95921-95924: the combined test 95924 is billed alone, not beside its
parts, and the two parts billed together are the combined test. A note, the amounts as billed.

CPT's parentheticals, as coders and the tests' makers restate them (W.R. Medical's CPT code page, Gateway Clinical's
"ANS billing codes guide", AAPC's Neurology Coding Alert "Keep 3 things in mind before coding for autonomic
testing"): under 95922 (vasomotor adrenergic innervation, "including ... at least 5 minutes of passive tilt") "Do not
report 95922 in conjunction with 95921", and under 95924 ("combined parasympathetic and sympathetic adrenergic
function testing with at least 5 minutes of passive tilt") "Do not report 95924 in conjunction with 95921 or 95922".
The sudomotor test 95923 is apart and billed with any of them. A neurology group's trial (Cleveland, 2026): 95924
beside 95921, and 95921 beside 95922 ($85.02 + $86.20 at ZIP 44106, where 95924 is $146.54), said nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

COMBINED = "95924"
# The parts 95924 combines (CMS's RVU file short descriptors: "Autonomic nrv parasym inervj", "Autonomic nrv adrenrg
# inervj"; 95924 "Ans parasymp & symp w/tilt").
PARTS = {"95921": "cardiovagal (parasympathetic)", "95922": "vasomotor adrenergic (sympathetic)"}
CODES = frozenset({COMBINED, *PARTS})


def encounter_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter (its codes, in order): on a 95921 or 95922 line beside 95924, or beside
    each other, the note; else None. No "; " in it."""
    present = set(codes)
    notes: list[str | None] = []
    for code in codes:
        if code not in PARTS:
            notes.append(None)
        elif COMBINED in present:
            notes.append(
                f"{code}, the {PARTS[code]} test, is part of 95924, the combined parasympathetic and sympathetic "
                "adrenergic test with tilt billed beside it on this date: CPT says not to report 95924 with 95921 or "
                "95922, bill 95924 alone. Priced as billed."
            )
        elif set(PARTS) <= present:
            notes.append(
                "95921 and 95922 on one date are the combined parasympathetic and sympathetic adrenergic test with "
                "tilt: CPT says not to report 95922 with 95921, bill 95924 instead of both. Priced as billed."
            )
        else:
            notes.append(None)
    return notes
