"""A loose body removal (29874) or chondroplasty (29877) billed beside another surgical arthroscopy of the same knee: a
note, the amounts unchanged.

CMS created G0289 for this case. Its Transmittal A-02-129 (2002), as AAPC's Orthopedic Coding Alert ("Match Claims to
Medicare's G0289 Guidelines") quotes it: "We will not allow billing of CPT codes 29874, Arthroscopy, knee, surgical;
for removal of loose body or foreign body ... and 29877, Arthroscopy, knee, surgical; debridement/shaving of articular
cartilage (chrondroplasty) with other arthroscopic procedures on the same knee", and G0289 (loose body, foreign body or
chondroplasty "at the time of other surgical knee arthroscopy in a different compartment of the same knee") exists "to
permit appropriate reporting of arthroscopic procedures performed in different compartments of the same knee during
the same operative session". Since CPT 2012 the meniscectomies 29880 and 29881 include "debridement/shaving of
articular cartilage (chondroplasty), same or separate compartment(s), when performed" (their descriptors, as AAOS's
"Coding for Knee Arthroscopy and Chondroplasty", May 2012, prints them).

An orthopedic group's trial: `rvucalc price 29881-RT 29877-RT --setting 24 --zip 30309` priced 29877 as the primary
procedure in full ($602.99) and 29881 less the base endoscopy's value ($119.27), and the ASC's 29877 beside 29881 as a
second procedure, with no word. So a 29874 or 29877 line is noted where one practitioner's (or the ASC's) claim and
date has it beside another surgical knee arthroscopy (29866-29889 but the diagnostic 29870) whose knee may be its own
(the same side, 50 on either, or a line without LT, RT or 50). 59 or XS does not lift it: Medicare's code for another
compartment of the same knee is G0289 (beside 29880 or 29881 for a loose or foreign body only: they include
chondroplasty in any compartment). Priced as given (rvucalc does not apply NCCI edits). Batch:
``batch.claims._knee_arthroscopy`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

# The two codes Medicare does not pay beside another arthroscopic procedure on the same knee (Transmittal A-02-129).
NOT_WITH_ANOTHER = frozenset({"29874", "29877"})
# CPT's surgical knee arthroscopies: 29866-29889, the diagnostic arthroscopy 29870 (the family's base) left out.
SURGICAL_KNEE_ARTHROSCOPY = frozenset(str(code) for code in range(29866, 29890)) - {"29870"}
MENISCECTOMIES = frozenset({"29880", "29881"})  # include chondroplasty, same or separate compartment (CPT 2012)
_SIDES = {"LT": frozenset({"LT"}), "RT": frozenset({"RT"}), "50": frozenset({"LT", "RT"})}
_WHAT = {"29874": "removal of a loose or foreign body", "29877": "chondroplasty"}


def is_bundled(code: str) -> bool:
    """Whether ``code`` is 29874 or 29877."""
    return code in NOT_WITH_ANOTHER


def is_knee_arthroscopy(code: str) -> bool:
    """Whether ``code`` is a surgical knee arthroscopy (29866-29889 but 29870)."""
    return code in SURGICAL_KNEE_ARTHROSCOPY


def _sides(modifiers: Sequence[str]) -> frozenset[str]:
    """The knees a line names (LT, RT, both with 50); both when it names none (it may be either)."""
    named = frozenset().union(*(_SIDES.get(modifier, frozenset()) for modifier in modifiers))
    return named or frozenset({"LT", "RT"})


def same_knee_note(code: str, beside: Sequence[str]) -> str:
    """The note on a 29874 or 29877 line billed with the knee arthroscopies ``beside`` on the same knee. No "; " in it
    (batch joins notes with it)."""
    named = " and ".join(beside)
    meniscectomy = " and ".join(other for other in beside if other in MENISCECTOMIES)
    # A meniscectomy's descriptor includes chondroplasty in any compartment (CPT 2012), so beside 29880 or 29881 G0289
    # is another compartment's loose or foreign body removal only: a chondroplasty there is no G0289 of its own.
    other_compartment = (
        f"a loose or foreign body removal in a different compartment of that knee is G0289, and {meniscectomy} "
        "includes chondroplasty in the same or a separate compartment (CPT's descriptor since 2012): no G0289 for it"
        if meniscectomy
        else "a loose or foreign body removal or chondroplasty in a different compartment of that knee is G0289"
    )
    return (
        f"{code} (knee arthroscopy, {_WHAT[code]}) billed with {named} on this claim and date, without LT and RT on "
        f"different knees: Medicare does not pay 29874 or 29877 with another arthroscopic procedure on the same knee "
        f"(CMS Transmittal A-02-129): {other_compartment}. Priced as given (rvucalc does not apply NCCI edits): two "
        "procedures here."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``same_knee_note`` on a 29874 or 29877 line beside
    another surgical knee arthroscopy code whose knee may be its own; else None."""
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if is_bundled(code):
            beside = list(
                dict.fromkeys(
                    other
                    for other, others in lines
                    if other != code and is_knee_arthroscopy(other) and _sides(modifiers) & _sides(others)
                )
            )
            if beside:
                said = same_knee_note(code, beside)
        notes.append(said)
    return notes
