"""A diagnostic bone marrow aspiration and biopsy billed as two codes: a note, the amounts unchanged.

Since CPT 2018 a bone marrow biopsy and aspiration of one session is one code, 38222 ("Diagnostic bone marrow;
biopsy(ies) and aspiration(s)"), and CPT's parentheticals say "Do not report 38220 in conjunction with 38221", "Do not
report 38221 in conjunction with 38220" and "Do not report 38222 in conjunction with 38220 and 38221" (as
apsmedbill.com's "Bone Marrow Procedure Codes for 2018" prints them; HCPCS G0364, the aspiration through the biopsy's
incision, was deleted then). Medicare's NCCI Policy Manual for Medicare Services (as MMI's "Bone marrow coding changes"
quotes it): "The column one/column two code edit with column one CPT code 38221 (Diagnostic marrow biopsy) and column
two CPT code 38220 (Diagnostic bone marrow, aspiration) includes two distinct procedures when performed at separate
anatomic sites (e.g., contralateral iliac bones) or separate patient encounters. In these circumstances, it would be
acceptable to use modifier 59. However, if both 38221 and 38220 are performed on the same iliac bone at the same
patient encounter which is the usual practice, modifier 59 shall NOT be used. Although CMS does not allow separate
payment for CPT code 38220 with CPT code 38221 when bone marrow aspiration and biopsy are performed on the same iliac
bone at a single patient encounter, a physician may report CPT code 38222". AAPC's Oncology & Hematology Coding Alert
("Investigate Incisions for Bone Marrow Aspiration and Biopsy") says the same.

An oncology trial: `rvucalc price 38221 38220 99214-25` priced 38220 at 50% beside 38221 with no word, $252.18 at ZIP
77030 where the MAC pays 38221 alone and the session's code, 38222, is $178.15. So the lower code of the pair (the
NCCI edit's column two: 38220 beside 38221; 38220 or 38221 beside 38222) is noted where one practitioner's claim and
date has both, unless a line carries 59 or an X modifier (XS: a separate site; XE: a separate encounter; XP, XU) or 50
(CPT: "For bilateral procedure, report 38220, 38221, and 38222 with modifier 50"). Priced as given (rvucalc does not
apply NCCI edits). Batch: ``batch.claims._bone_marrow`` on a practitioner's lines of a claim and date, as
``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

ASPIRATION, BIOPSY, BOTH = "38220", "38221", "38222"
NOTED = frozenset({ASPIRATION, BIOPSY, BOTH})
DESCRIBED = {
    ASPIRATION: "bone marrow aspiration",
    BIOPSY: "bone marrow biopsy",
    BOTH: "bone marrow biopsy and aspiration",
}
# A separate site or encounter (the NCCI Policy Manual's modifier 59, and its X modifiers), or a bilateral procedure
DISTINCT_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU", "50"})
_SOURCE = (
    "CPT 2018: one session's biopsy and aspiration is 38222, and the NCCI Policy Manual for Medicare Services says CMS "
    "does not pay 38220 separately with 38221 when both are done on the same bone at one encounter"
)


def pair_note(code: str, beside: str) -> str:
    """The note on ``code`` (38220, or 38221 beside 38222) billed with ``beside`` by one practitioner on one claim and
    date. No "; " in it (batch joins notes with it)."""
    if beside == BOTH:
        what = f"38222 already includes the {DESCRIBED[code].removeprefix('bone marrow ')}: leave {code} off the claim"
    else:
        what = "bill the session as 38222 (biopsy and aspiration) in place of 38220 and 38221"
    return (
        f"{code} ({DESCRIBED[code]}) billed with {beside} ({DESCRIBED[beside]}) on this claim and date ({_SOURCE}): "
        f"{what}, or add 59 or XS where they were at separate sites (contralateral iliac bones) or XE at separate "
        f"encounters. Priced as given (rvucalc does not apply NCCI edits): the MAC denies {code}."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``pair_note`` on 38220 beside 38221, and on 38220
    or 38221 beside 38222, unless a line of the pair carries a ``DISTINCT_MODIFIERS`` modifier; else None."""
    plain = {code for code, modifiers in lines if code in NOTED and not DISTINCT_MODIFIERS.intersection(modifiers)}
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code in plain and not DISTINCT_MODIFIERS.intersection(modifiers):
            if code != BOTH and BOTH in plain:
                said = pair_note(code, BOTH)
            elif code == ASPIRATION and BIOPSY in plain:
                said = pair_note(code, BIOPSY)
        notes.append(said)
    return notes
