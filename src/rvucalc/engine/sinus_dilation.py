"""A sinus ostium dilation (balloon sinuplasty) billed beside the endoscopic surgery of the same sinus: a note, the
amounts unchanged.

CPT's endoscopic dilation codes carry parentheticals that forbid them beside the sinusotomy or sinusoscopy of the same
sinus, as the American Academy of Otolaryngology-Head and Neck Surgery's "CPT for ENT: Balloon Sinus Dilation"
(entnet.org) prints them:

- 31295 (dilation of the maxillary sinus ostium): "Do not report 31295 in conjunction with 31233, 31256, 31267 when
  performed on the same sinus";
- 31296 (frontal sinus ostium): "Do not report 31296 in conjunction with 31276 when performed on the same sinus";
- 31297 (sphenoid sinus ostium): "Do not report 31297 in conjunction with 31235, 31287, 31288 when performed on the
  same sinus".

The page adds that "Codes 31233-31297 are used to report unilateral procedures unless otherwise specified": a line's
side is its LT or RT, both sides with 50. An ENT trial's `price 31295 31256 --setting 24` priced the dilation beside
the antrostomy of the same maxillary sinus, its ASC rate in full ($3,027.68 at ZIP 37203), with no word. So the
dilation line is noted where one practitioner's claim and date has it beside such a code whose side may be its own
(the same side, 50 on either, or a line without LT, RT or 50), unless a line of the pair carries 59 or XS (a separate
site). 31298 (frontal and sphenoid ostia, CPT 2018) is not on the page: not noted. Priced as given (rvucalc does not
apply NCCI edits). Batch: ``batch.claims._sinus_dilation`` on a practitioner's lines of a claim and date, as
``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

# The dilation code -> (its sinus, the codes CPT's parenthetical forbids beside it on the same sinus)
SAME_SINUS = {
    "31295": ("maxillary", frozenset({"31233", "31256", "31267"})),
    "31296": ("frontal", frozenset({"31276"})),
    "31297": ("sphenoid", frozenset({"31235", "31287", "31288"})),
}
NOTED = frozenset(SAME_SINUS).union(*(codes for _, codes in SAME_SINUS.values()))
SEPARATE_SITE = frozenset({"59", "XS"})  # a separate site: the pair is not one sinus
_SIDES = {"LT": frozenset({"LT"}), "RT": frozenset({"RT"}), "50": frozenset({"LT", "RT"})}
_SOURCE = "CPT's parenthetical, as the AAO-HNS's 'CPT for ENT: Balloon Sinus Dilation' prints it"


def _sides(modifiers: Sequence[str]) -> frozenset[str]:
    """The sides a line names (LT, RT, both with 50); both when it names none (it may be either)."""
    named = frozenset().union(*(_SIDES.get(modifier, frozenset()) for modifier in modifiers))
    return named or frozenset({"LT", "RT"})


def dilation_note(code: str, beside: Sequence[str]) -> str:
    """The note on the dilation ``code`` billed with ``beside`` (the forbidden codes on the claim and date). No "; " in
    it (batch joins notes with it)."""
    sinus, forbidden = SAME_SINUS[code]
    listed = ", ".join(sorted(forbidden))
    return (
        f"{code} (dilation of the {sinus} sinus ostium) billed with {' and '.join(beside)} on this claim and date, "
        f"without LT and RT on different sides ({_SOURCE}: 'Do not report {code} in conjunction with {listed} when "
        f"performed on the same sinus'): leave {code} off for that sinus, or mark each line's side (LT, RT) where "
        f"the sinuses differ. Priced as given (rvucalc does not apply NCCI edits): the MAC denies {code} on that sinus."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``dilation_note`` on a dilation line (31295-31297)
    beside a code its parenthetical forbids whose sides may meet its own, neither line with 59 or XS; else None."""
    notes: list[str | None] = []
    for code, modifiers in lines:
        said = None
        if code in SAME_SINUS and not SEPARATE_SITE.intersection(modifiers):
            forbidden = SAME_SINUS[code][1]
            beside = sorted(
                {
                    other
                    for other, others in lines
                    if other in forbidden
                    and not SEPARATE_SITE.intersection(others)
                    and _sides(modifiers) & _sides(others)
                }
            )
            if beside:
                said = dilation_note(code, beside)
        notes.append(said)
    return notes
