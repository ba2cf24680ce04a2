"""The first cast, splint or strapping billed beside the fracture or dislocation treatment it belongs to: a note, the
amounts unchanged.

CPT's treatment of fracture and/or dislocation codes include the first cast, splint or strapping: the Application of
Casts and Strapping guidelines, as AAPC's Orthopedic Coding Alert ("New NCCI Edits Make Their Debut: Know When You Can
Collect for Casting", 2003) prints them, say "A physician who applies the initial cast, strap or splint and also
assumes all of the subsequent fracture, dislocation, or injury care cannot use the application of casts and strapping
codes as an initial service, since the first cast/splint or strap application is included in the treatment of
fracture and/or dislocation codes", and Medicare's NCCI procedure-to-procedure edits (from version 9.2, July 2003, the
same article) bundle the cast and strapping codes 29000-29590 into the fracture care codes. The cast codes are paid
"when the cast application or strapping is a replacement procedure used during or after the period of follow-up
care" (CPT, as KZA's coding coach "Are Cast Re-Applications Included in the Global Period?" quotes it): a later date's
cast change in the global period is not noted. Cast and splint supplies (Q4001-Q4051) are paid apart from the global
package; this note does not touch them.

A hand surgery group's trial: `rvucalc price 25605-RT 29075-RT --setting 11` (closed treatment of a distal radial
fracture and its short arm cast, one surgeon's claim and date) added 29075 at the second procedure's 50% ($47.15 at
ZIP 63110) with no word. So a cast line (29000-29590) is noted where one practitioner's claim and date has it beside
a fracture or dislocation treatment code (CPT's "Fracture and/or Dislocation" subsections, listed below) whose side
may be its own (the same side or digit, 50 on either, or a line naming none), unless a line of the pair carries 59
or XS (a separate site: the cast is for another injury). Priced as given (rvucalc does not apply NCCI edits).
Batch: ``batch.claims._fracture_cast`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s
encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

# CPT's "Application of Casts and Strapping" codes NCCI bundles into fracture care: the body and upper extremity
# casts, splints and strapping (29000-29280) and the lower extremity's (29305-29584).
CAST_CODES = range(29000, 29591)
# CPT's "Fracture and/or Dislocation" subsections, per region: head, spine, shoulder, humerus and elbow, forearm and
# wrist, hand and fingers, pelvis and hip, femur and knee, leg and ankle, foot and toes.
FRACTURE_CARE = (
    range(21310, 21498),
    range(22310, 22329),
    range(23500, 23681),
    range(24500, 24686),
    range(25500, 25696),
    range(26600, 26786),
    range(27193, 27270),
    range(27500, 27567),
    range(27750, 27849),
    range(28400, 28676),
)
SEPARATE_SITE = frozenset({"59", "XS"})  # a separate site: the cast is for another injury
_LEFT, _RIGHT = frozenset({"LT"}), frozenset({"RT"})
# The side a modifier names: LT, RT, both with 50; a finger's (FA left thumb, F1-F4 left fingers, F5 right thumb,
# F6-F9 right fingers) or a toe's (TA, T1-T4 left, T5-T9 right) its hand's or foot's side.
_SIDES = {
    "LT": _LEFT,
    "RT": _RIGHT,
    "50": _LEFT | _RIGHT,
    **dict.fromkeys(("FA", "F1", "F2", "F3", "F4", "TA", "T1", "T2", "T3", "T4"), _LEFT),
    **dict.fromkeys(("F5", "F6", "F7", "F8", "F9", "T5", "T6", "T7", "T8", "T9"), _RIGHT),
}
_DIGITS = frozenset(code for code in _SIDES if code[0] in "FT")


def _number(code: str, ranges: Sequence[range]) -> bool:
    return len(code) == 5 and code.isdigit() and any(int(code) in r for r in ranges)


def is_cast(code: str) -> bool:
    """Whether ``code`` is a cast, splint or strapping application (29000-29590)."""
    return _number(code, (CAST_CODES,))


def is_fracture_care(code: str) -> bool:
    """Whether ``code`` is in one of CPT's fracture and/or dislocation treatment ranges."""
    return _number(code, FRACTURE_CARE)


def _may_meet(ones: Sequence[str], others: Sequence[str]) -> bool:
    """Whether two lines may be one site: their sides meet (a line naming none may be either), and where both name
    digits, a digit of theirs is the same."""
    sides = [
        frozenset().union(*(_SIDES.get(m, frozenset()) for m in mods)) or _LEFT | _RIGHT for mods in (ones, others)
    ]
    digits = [_DIGITS.intersection(mods) for mods in (ones, others)]
    return bool(sides[0] & sides[1]) and not (digits[0] and digits[1] and not digits[0] & digits[1])


def cast_note(code: str, beside: Sequence[str]) -> str:
    """The note on the cast ``code`` billed with the fracture care codes ``beside``. No "; " in it (batch joins notes
    with it)."""
    named = " and ".join(beside)
    return (
        f"{code} (cast, splint or strapping) billed with the fracture or dislocation treatment {named} on this claim "
        f"and date: the fracture care code includes the first cast or splint (CPT), and Medicare's NCCI edits deny "
        f"{code} with it. Priced as given (rvucalc does not apply NCCI edits): leave {code} off, or mark its side or "
        f"59/XS where it is for another injury. A later replacement cast and the cast supplies (Q4001-Q4051) are paid."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``cast_note`` on a cast line beside a fracture care
    line that may be its site, neither line with 59 or XS; else None."""
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if is_cast(code) and not SEPARATE_SITE.intersection(modifiers):
            beside = list(
                dict.fromkeys(
                    other
                    for other, others in lines
                    if is_fracture_care(other)
                    and not SEPARATE_SITE.intersection(others)
                    and _may_meet(modifiers, others)
                )
            )
            if beside:
                said = cast_note(code, beside)
        notes.append(said)
    return notes
