"""Fundus photography beside an OCT, and the two posterior segment OCTs together: a note, the amounts unchanged.

- 92250 (fundus photography) beside 92132, 92133 or 92134 (computerized ophthalmic diagnostic imaging): the NCCI Policy
  Manual for Medicare Services (ch. 11, as Review of Optometry's "Combining Images, Not Codes", 2017, quotes it):
  "Fundus photography (CPT code 92250) and scanning ophthalmic computerized diagnostic imaging (e.g., CPT codes 92132,
  92133, 92134) are generally mutually exclusive of one another in that a provider would use one technique or the
  other to evaluate fundal disease. However, there are a limited number of clinical conditions where both techniques
  are medically reasonable and necessary on the ipsilateral eye. In these situations, both CPT codes may be reported
  appending modifier 59 to CPT code 92250." So 92250 is the edit's column two code, denied without 59 (or an X
  modifier: XE, XS, XP, XU) on its line ("If a provider reports the two codes of an edit pair, the column two code is
  denied": the NCCI Policy Manual's general policies, as Retina Specialist's "OCT and FP: Why Can't I Bill Both?"
  quotes them, the 92134/92250 edit's modifier indicator 1).
- 92133 (optic nerve) and 92134 (retina) at one encounter: CPT's parenthetical under 92134, "Do not report 92133 and
  92134 at the same patient encounter" (as AAPC's Ophthalmology Coding Alert quotes it, and the MACs' billing and
  coding articles for their SCODI LCDs restate it: "Per CPT guidelines, do not report 92133 and 92134 at the same
  patient encounter"); Cotiviti, a Part B recovery auditor: "Only one is allowed per day, therefore the lower allowed
  amount CPT Code will be recovered as an overpayment". No modifier makes both payable.

An optometry trial: `rvucalc price 92004 92250 92134` priced 92250 in full and 92134 with the ophthalmology TC cut, with
no word of the edit, and `92133 92134` both. Priced as given (rvucalc does not apply NCCI edits): the notes say what
the MAC pays. Batch: ``batch.claims._ophthalmic_imaging`` on a practitioner's lines of a claim and date, as ``rvucalc
price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

FUNDUS_PHOTOGRAPHY = "92250"
OPTIC_NERVE, RETINA = "92133", "92134"
SCODI = frozenset({"92132", OPTIC_NERVE, RETINA})
NOTED = SCODI | {FUNDUS_PHOTOGRAPHY}
# 59 and the X modifiers on 92250: "both CPT codes may be reported appending modifier 59 to CPT code 92250".
DISTINCT_MODIFIERS = frozenset({"59", "XE", "XS", "XP", "XU"})


def fundus_note(beside: str) -> str:
    """The note on 92250 billed without 59 beside ``beside`` (92132, 92133 or 92134). No "; " in it (batch joins notes
    with it)."""
    return (
        f"92250 (fundus photography) billed with {beside} (computerized ophthalmic imaging, OCT) on this claim and "
        "date: the NCCI Policy Manual (ch. 11) calls them generally mutually exclusive, one technique or the other to "
        "evaluate fundal disease, and 92250 is paid beside it only with modifier 59 where both were medically "
        "necessary on the same eye. Priced as given (rvucalc does not apply NCCI edits): without 59 the MAC denies "
        "92250."
    )


OPTIC_NERVE_AND_RETINA_NOTE = (
    "92133 (OCT, optic nerve) and 92134 (OCT, retina) billed on one claim and date: CPT says do not report 92133 and "
    "92134 at the same patient encounter, and no modifier makes both payable (a recovery auditor recovers the lower "
    "paid of the two). Priced as given (rvucalc does not apply NCCI edits): bill the one the encounter's findings "
    "support."
)


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``fundus_note`` on a 92250 line without a
    ``DISTINCT_MODIFIERS`` modifier beside an OCT line (92132-92134), ``OPTIC_NERVE_AND_RETINA_NOTE`` on the 92133 and
    92134 lines of an encounter that has both; else None."""
    codes = [code for code, _ in lines]
    scodi = next((code for code in codes if code in SCODI), None)
    both = OPTIC_NERVE in codes and RETINA in codes
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code == FUNDUS_PHOTOGRAPHY and scodi is not None and not DISTINCT_MODIFIERS.intersection(modifiers):
            said = fundus_note(scodi)
        elif both and code in (OPTIC_NERVE, RETINA):
            said = OPTIC_NERVE_AND_RETINA_NOTE
        notes.append(said)
    return notes
