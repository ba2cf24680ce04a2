"""Chiropractic manipulative treatment of the spine (98940-98942) billed as more codes or units than the session's
one: a note, the amounts unchanged.

CPT codes spinal CMT by how many of the five spinal regions were manipulated at the session: 98940 "spinal, 1-2
regions", 98941 "3-4 regions", 98942 "5 regions" (CMS's RVU file: "Chiropract manj 1-2 regions", "3-4 regions",
"Chiropractic manj 5 regions"), the regions being cervical (with the atlanto-occipital joint), thoracic (with the
costovertebral and costotransverse joints), lumbar, sacral and pelvic (sacro-iliac joint) (CPT's CMT guidelines, as
state fee schedules restate them; BCBS North Dakota's reimbursement policy: "The CMT codes 98940-98942 are used to
indicate the number of spinal areas manipulated"). So a session is one of them, with 1 unit: two spinal CMT lines, or
a line of 2 units, count regions twice (98942 is all five; 98940 x 2 is 98941's 3-4 regions or fewer). A chiropractic
trial's 98942-AT with 98940-AT x 2 on one claim and date (Des Moines, April 2026) was priced $48.03 + $51.10 with no
word. Each such line is noted where one practitioner's claim and date has it, unless it carries 59 or an X modifier
(another session). Priced as given (rvucalc does not apply NCCI edits or MUEs). Batch:
``batch.claims._spinal_manipulation`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s encounter;
the units note through ``lookup.pricer.code_units_note``.
"""

from __future__ import annotations

from collections.abc import Sequence

REGIONS = {"98940": "1-2 spinal regions", "98941": "3-4 spinal regions", "98942": "all 5 spinal regions"}
NOTED = frozenset(REGIONS)
# Another session (59 and the X modifiers)
DISTINCT_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU"})
_RULE = (
    "98940-98942 are one code a session, chosen by how many of the five spinal regions (cervical, thoracic, lumbar, "
    "sacral, pelvic) were manipulated (CPT: 98940 1-2, 98941 3-4, 98942 5)"
)
_PRICED = "Priced as given (rvucalc does not apply NCCI edits or MUEs)"


def session_note(code: str, beside: Sequence[str]) -> str:
    """The note on a spinal CMT ``code`` billed with the CMT codes ``beside`` by one practitioner on one claim and
    date. No "; " in it (batch joins notes with it)."""
    return (
        f"{code} ({REGIONS[code]}) billed with {' and '.join(beside)} on this claim and date: {_RULE}, so two of them "
        "count regions twice: bill the one code for all the regions manipulated, or add 59 or XE where it was another "
        f"session. {_PRICED}."
    )


def units_note(code: str, units: int) -> str | None:
    """The note on a 98940-98942 line of several units, or None. No "; " in it (batch joins notes with it)."""
    if code not in NOTED or units < 2:
        return None
    return (
        f"{code} ({REGIONS[code]}) is billed with 1 unit: {_RULE}: bill the one code for all the regions manipulated. "
        f"Priced as billed: {units} times one {code}."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``session_note`` on a 98940-98942 line beside
    another, neither with 59 or an X modifier; else None."""
    kept = [i for i, (code, mods) in enumerate(lines) if code in NOTED and not DISTINCT_MODIFIERS.intersection(mods)]
    notes: list[str | None] = [None] * len(lines)
    if len(kept) > 1:
        for i in kept:
            notes[i] = session_note(lines[i][0], [lines[j][0] for j in kept if j != i])
    return notes
