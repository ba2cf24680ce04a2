"""Intraoperative neurophysiology monitoring billed by the practitioner who performs the operation: a note, the amounts
unchanged.

Medicare's NCCI Policy Manual for Medicare Services (ch. XI, Medicine: intraoperative neurophysiology testing), as
insuranceclaimdenialappeal.com's "CPT 95940, 95941, G0453 - Intraoperative Neurophysiologic Monitoring" restates it:
"Intraoperative neurophysiology testing (HCPCS/CPT codes 95940, 95941 and G0453) should not be reported by the
physician performing an operative or anesthesia procedure since it is included in the global package." AAPC's
Neurosurgery Coding Alert ("It Takes 2 to Monitor Intraoperatively"): since January 2013 "a surgeon is not allowed to
bill for both the surgical procedure and the intraoperative monitoring", which "also extends to co-surgeons"; a
physician who is not performing the procedure (a neurologist, neurophysiologist or physiatrist) bills it. CMS's own
codes: 95940 (in the operating room, each 15 minutes) and G0453 (from outside it, one patient, each 15 minutes; CY2013
PFS final rule, 77 FR 69069, and CMS's "Billing Medicare for Remote Intraoperative Neurophysiology Monitoring (HCPCS
Code G0453)"); 95941 is status I in the RVU file (Medicare pays G0453 instead), already unpriced with its reason, so
it is not noted here.

A spine group's trial: `rvucalc price 22612 95940 --setting 21` (the surgeon's own claim, 6 units in batch) priced
95940 with no word. So a 95940 or G0453 line is noted where the same practitioner's encounter (``rvucalc price``'s
lines; batch: a practitioner's lines of a claim and date, ``batch.claims._neuromonitoring``) has an operative procedure
(``performs``: a code of global period 000, 010 or 090, not on an assistant at surgery's line) or an anesthesia code
(00100-01999), naming it. Priced as given (rvucalc does not apply NCCI edits): the MAC denies it. A claim's provider
column gives a practitioner's type, not who: two physicians of one group on one claim read as one, as the other
encounter notes do. A neurologist's 95940 on the claim of the group's surgeon is common (a claim id that is the
hospital encounter's, a group claim with each line's rendering NPI) and is paid: so the note says the lines are one
practitioner's only as rvucalc reads them, and that another physician's monitoring is paid as priced (a review of
session 63: it said "by the same practitioner" and "the MAC denies it" of such a claim).
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.pfs import is_anesthesia_code
from rvucalc.engine.policy import ASSISTANT_MODIFIERS
from rvucalc.engine.visits import MAJOR_GLOBAL, MINOR_GLOBALS, is_em

MONITORING = {
    "95940": "intraoperative neurophysiology monitoring in the operating room",
    "G0453": "intraoperative neurophysiology monitoring from outside the operating room",
}


def performs(code: str, global_days: object, modifiers: Sequence[str]) -> bool:
    """Whether a line is an operative procedure of its practitioner (CMS's global period 000, 010 or 090, not an E/M,
    not an assistant at surgery's line) or an anesthesia service (00100-01999)."""
    if is_anesthesia_code(code):
        return True
    days = str(global_days or "")
    surgical = days in MINOR_GLOBALS or days == MAJOR_GLOBAL
    return surgical and not is_em(code) and ASSISTANT_MODIFIERS.isdisjoint(modifiers)


def monitoring_note(code: str, procedures: Sequence[str]) -> str:
    """The note on a monitoring line (``MONITORING``) billed beside ``procedures`` (the encounter's operative or
    anesthesia codes, each once). No "; " in it (batch joins notes with it)."""
    named = ", ".join(procedures)
    return (
        f"{code} ({MONITORING[code]}) billed with {named} on this claim and date, one practitioner's as rvucalc reads "
        f"them (a claim's lines by provider type: two physicians of a group read as one): the physician performing an "
        f"operative or anesthesia procedure does not report 95940, 95941 or G0453, included in its global package "
        f"(NCCI Policy Manual ch. XI), and the MAC denies it on their line. Priced as given (rvucalc does not apply "
        f"NCCI edits). Where another physician monitored (a neurologist or neurophysiologist, not the surgeon, a "
        f"co-surgeon or the anesthesiologist), it is theirs and paid as priced."
    )


def encounter_notes(lines: Sequence[tuple[str, bool]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, whether ``performs``): ``monitoring_note`` on each
    ``MONITORING`` line beside an operative or anesthesia procedure, else None."""
    procedures = list(dict.fromkeys(code for code, operative in lines if operative))
    return [monitoring_note(code, procedures) if code in MONITORING and procedures else None for code, _ in lines]
