"""A blood count component billed beside the complete blood count (CBC) that includes it: a note, the amounts unchanged.

CMS's CLFS file gives each code's descriptor (CY2026 Q1 and Q2, ``EXTENDEDLONGDESC``): 85025 "Blood count; complete
(cbc), automated (hgb, hct, rbc, wbc and platelet count) and automated differential wbc count"; 85027 "Blood count;
complete (cbc), automated (hgb, hct, rbc, wbc and platelet count)"; 85004 "automated differential wbc count"; 85014
"hematocrit (hct)"; 85018 "hemoglobin (hgb)"; 85041 "red blood cell (rbc), automated"; 85048 "leukocyte (wbc),
automated"; 85049 "platelet, automated". So 85025 is 85027 and 85004 in one code, and 85027 is the five counts. CMS's
NCCI edits pair the complete count with its parts: "test codes 85027 and 85004 should not be billed along with code
85025 which represents the bundled testing service" (medicarepaymentandreimbursement.com, "Complete Blood Count (CBC)
Testing", restating the NCCI edits); the NCCI Policy Manual ch. X (Pathology/Laboratory) asks for the code "that
describes the procedure performed to the greatest specificity possible", not its parts beside it.

A laboratory trial (ZIP 60611, 2026-05-04): one accession's 85025 and 85027 were priced $7.77 and $6.47 side by side,
and `rvucalc price 85025 85027 85018 85004` totalled $23.08, with no word. The part is noted where one
practitioner's (or lab's) claim and date has it beside the CBC that includes it; priced as given (rvucalc does not apply
NCCI edits). Batch: ``batch.claims._blood_counts`` on the lines of a claim and date, as ``rvucalc price``'s encounter.

A part carrying a distinct-service modifier (59, XE, XP, XS, XU, 91, 76, 77: ``DISTINCT_SERVICE_MODIFIERS``) is not
noted: NCCI's blood count component pairs take 59 or 91 where the tests are distinct, "Medicare may pay for the tests if
you report them with the appropriate modifier" (AAPC's Pathology/Lab Coding Alert on NCCI 9.3's blood count pairs), as
a hemoglobin drawn again hours after the morning's CBC (85018-91 beside 85025).
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.modifiers import DISTINCT_SERVICE_MODIFIERS

_COUNTS = frozenset({"85014", "85018", "85041", "85048", "85049"})  # Hct, Hgb, RBC, WBC, platelets
# The complete count -> (its words, the codes of its parts)
COMBINED = {
    "85025": ("complete blood count with automated differential", _COUNTS | {"85027", "85004"}),
    "85027": ("complete blood count", _COUNTS),
}
NOTED = frozenset(COMBINED).union(*(parts for _, parts in COMBINED.values()))


def component_note(code: str, combined: str) -> str:
    """The note on ``code`` billed beside the ``combined`` count that includes it on one claim and date. No "; " in it
    (batch joins notes with it)."""
    return (
        f"{code} billed with {combined} ({COMBINED[combined][0]}) on this claim and date: {combined}'s descriptor "
        f"includes what {code} reports (CMS's CLFS descriptors), so it is billed twice, which Medicare's NCCI edits "
        f"do not pay: bill {combined} alone. Priced as given (rvucalc does not apply NCCI edits)."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one encounter (code, modifiers): ``component_note`` on a part beside the widest complete count
    billed that includes it (85027 beside 85025; 85018 beside 85025 and 85027: 85025), unless the part carries a
    ``DISTINCT_SERVICE_MODIFIERS`` modifier; else None."""
    codes = {code for code, _ in lines}
    notes: list[str | None] = []
    for code, modifiers in lines:
        combined = [column1 for column1, (_, parts) in COMBINED.items() if code in parts and column1 in codes]
        if DISTINCT_SERVICE_MODIFIERS.intersection(modifiers):
            combined = []
        notes.append(component_note(code, combined[0]) if combined else None)
    return notes
