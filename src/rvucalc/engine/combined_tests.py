"""Diagnostic tests whose combined code is billed alone, not beside its parts, and whose two parts billed together on
one date are the combined code: autonomic function testing (95924 of 95921 and 95922), short-latency somatosensory
evoked potentials (95938 of 95925 and 95926) and central motor evoked potentials (95939 of 95928 and 95929). A note on
each part's line, the amounts as billed.

Sources, CPT's parentheticals and descriptors as coders and the tests' makers restate them:
- autonomic (W.R. Medical's CPT code page, Gateway Clinical's "ANS billing codes guide", AAPC's Neurology Coding Alert
  "Keep 3 things in mind before coding for autonomic testing"): under 95922 (vasomotor adrenergic innervation,
  "including ... at least 5 minutes of passive tilt") "Do not report 95922 in conjunction with 95921", and under 95924
  ("combined parasympathetic and sympathetic adrenergic function testing with at least 5 minutes of passive tilt")
  "Do not report 95924 in conjunction with 95921 or 95922". The sudomotor test 95923 is apart.
- somatosensory (Coding Ahead's 95925 and 95939 pages): 95925 (upper limbs) "should not be reported in conjunction
  with" 95926 (lower limbs), 95938 being the study "in upper and lower limbs".
- central motor (Coding Ahead's 95939 page): 95939 when "both limb groups [are] studied in the same encounter", 95928
  upper limbs only, 95929 lower limbs only.
A neurology group's trial (Ohio and Kentucky, 2026): 95924 beside 95921, 95921 beside 95922 ($85.02 + $86.20 at ZIP
44106, where 95924 is $146.54) and 95925 beside 95926 ($136.83 + $122.86 at ZIP 40536, where 95938 is $358.92) said
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Combined:
    code: str
    parts: dict[str, str]  # each part's code -> what it tests
    name: str
    rule: str


COMBINED = (
    Combined(
        "95924",
        {"95921": "cardiovagal (parasympathetic)", "95922": "vasomotor adrenergic (sympathetic)"},
        "the combined parasympathetic and sympathetic adrenergic test with tilt",
        "CPT says not to report 95924 with 95921 or 95922, nor 95922 with 95921",
    ),
    Combined(
        "95938",
        {"95925": "upper limbs' somatosensory", "95926": "lower limbs' somatosensory"},
        "the short-latency somatosensory evoked potential study of upper and lower limbs",
        "CPT says not to report 95925 with 95926, 95938 being both limbs' study (as Coding Ahead restates it)",
    ),
    Combined(
        "95939",
        {"95928": "upper limbs' central motor", "95929": "lower limbs' central motor"},
        "the central motor evoked potential study of upper and lower limbs",
        "CPT's 95939 is both limbs' study in one encounter (as Coding Ahead restates it)",
    ),
)
_OF_PART = {part: combined for combined in COMBINED for part in combined.parts}
CODES = frozenset({*_OF_PART, *(combined.code for combined in COMBINED)})


def encounter_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter (its codes, in order): on a part's line (``COMBINED``) beside its
    combined code, or beside the other part, the note; else None. No "; " in it."""
    present = set(codes)
    notes: list[str | None] = []
    for code in codes:
        combined = _OF_PART.get(code)
        if combined is None:
            notes.append(None)
        elif combined.code in present:
            notes.append(
                f"{code}, the {combined.parts[code]} test, is part of {combined.code}, {combined.name} billed beside "
                f"it on this date: {combined.rule}, bill {combined.code} alone. Priced as billed."
            )
        elif set(combined.parts) <= present:
            first, second = combined.parts
            notes.append(
                f"{first} and {second} on one date are {combined.code}, {combined.name}: {combined.rule}, bill "
                f"{combined.code} instead of both. Priced as billed."
            )
        else:
            notes.append(None)
    return notes
