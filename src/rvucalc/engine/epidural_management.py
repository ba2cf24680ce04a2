"""Daily hospital management of an epidural or subarachnoid drug administration (01996) on the date of an anesthetic
or of a continuous nerve block catheter's placement: a note, the amounts unchanged.

The NCCI Policy Manual for Medicare Services, ch. II (Anesthesia Services), as the AAPC's Anesthesia Coding Alert
quotes it: "Management of epidural or subarachnoid drug administration (CPT code 01996) is separately payable on dates
of service subsequent to surgery but not on the date of surgery." NGS Medicare's anesthesia guide ("Daily Management
of Continuous Pain Control Techniques", reviewed 11/16/2023): 01996 "may be reported on the first and subsequent
postoperative days"; "CPT code 01996 should not be reported in conjunction with CPT codes 64416, 64446, 64448 or
64449" (the continuous infusion catheters), no daily management being reported on the day of catheter placement.

An anesthesia group's trial's claim of 01967 (a labor epidural) with 01996 the same day at ZIP 10001 was priced $68.43
for 01996 (3 base units, no time: ch. 12 §50.G) with no word. The 01996 line is noted where its claim and date (every
practitioner's lines: the group's anesthesiologist and CRNA bill the one anesthetic) has another anesthesia code
(00100-01999) or one of those catheter codes. Priced as given (rvucalc does not apply NCCI edits). Batch:
``batch.claims._epidural_management`` on the lines of a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.pfs import is_anesthesia_code

DAILY_MANAGEMENT = "01996"
CATHETERS = frozenset({"64416", "64446", "64448", "64449"})


def is_same_day_service(code: str) -> bool:
    """An anesthesia code other than 01996, or a continuous nerve block catheter's code."""
    return code in CATHETERS or (is_anesthesia_code(code) and code != DAILY_MANAGEMENT)


def management_note(beside: str) -> str:
    """The note on a 01996 line billed with ``beside`` on the same claim and date. No "; " in it (batch joins notes
    with it)."""
    what = "a continuous nerve block catheter's placement" if beside in CATHETERS else "an anesthetic"
    return (
        f"01996 (daily management of epidural or subarachnoid drug administration) billed with {beside} on this claim "
        f"and date, {what}: 01996 is payable on the days after surgery, not on its date (NCCI Policy Manual, ch. II), "
        "and not with 64416, 64446, 64448 or 64449 (NGS Medicare). Priced as given (rvucalc does not apply NCCI "
        "edits)."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of a claim and date (code, modifiers): ``management_note`` on a 01996 line beside an anesthesia code
    or a continuous catheter code (the first such line in the claim's order); else None."""
    beside = next((code for code, _ in lines if is_same_day_service(code)), None)
    return [management_note(beside) if code == DAILY_MANAGEMENT and beside is not None else None for code, _ in lines]
