"""Nerve conduction studies 95907-95913: one code a session, chosen by the number of studies, so a line of several
units is several sessions' worth. A note, the amount units x one line's.

CPT tiers the codes by the session's total count of studies (CMS's RVU file descriptors: 95907 "Nvr cndj tst 1-2
studies", 95908 "3-4 studies" ... 95913 "13/> studies"): the session is billed once, with the one code whose range
holds its count, not a code per nerve or per limb ("you bill only one code per encounter - the single code matching
the total study count - not individual codes per nerve tested", a restatement of CPT's electrodiagnostic guidelines
beside the MACs' LCD L34594, "Nerve Conduction Studies and Electromyography"). A hand surgery group's trial billed
95910 x 2 (two hands' studies) and was priced $358.20 at ZIP 63110, twice the session's fee, with no word. The needle
EMG add-on 95886 ("each extremity") counts limbs: its units are not noted. CMS's MUE values were not read here: a
note only, as engine.allergy's note on 95115 and 95117.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# Each code's count of studies (CMS's RVU file short descriptors).
STUDIES = {
    "95907": "1-2",
    "95908": "3-4",
    "95909": "5-6",
    "95910": "7-8",
    "95911": "9-10",
    "95912": "11-12",
    "95913": "13 or more",
}


def units_note(code: str, units: int) -> str | None:
    """The note on a 95907-95913 line of several units, or None. No "; " in it (batch joins notes with it)."""
    if code not in STUDIES or units < 2:
        return None
    return (
        f"{code} is one session of {STUDIES[code]} nerve conduction studies: the session's studies (both hands' "
        f"and every limb's) are counted together and billed once, with 1 unit of the code whose range holds the "
        f"total (95907 1-2 studies ... 95913 13 or more: CPT, LCD L34594). Priced as billed: {units} times one {code}."
    )


# Needle EMG done with a nerve conduction study on the same date is reported with the EMG add-ons 95885 (limited, each
# extremity), 95886 (complete, each extremity) or 95887 (non-extremity muscles), not the stand-alone needle EMG codes:
# "Prior to 2012, EMG was reported separately using 95860-95864 (depending on the number of limbs tested) when performed
# with an NCS. With the introduction of CPT 2012, when needle EMG is provided during the same session as a NCS, report
# the NCS as the primary procedure and turn to +95885-+95887" (AAPC, "2012 Coding Update: Needle EMG with NCV"; CMS's
# RVU file's short descriptors of the add-ons, "Musc tst done w/nerv tst lim", "Musc test done w/n test comp"; coders
# restating CPT, Pabau's 95913 page: "use add-on codes 95885, 95886, or 95887 for EMG instead of standalone EMG codes
# 95860-95870"). A physiatry group's trial (Chicago, 2026): 95910 beside 95861 (two limbs' EMG) said nothing. The
# stand-alone codes read here are the extremity ones and the limited study, 95860-95864 and 95870 (95865-95869, larynx,
# hemidiaphragm, cranial nerve and thoracic paraspinal muscles, are left as billed). A note, the amount as billed.
STAND_ALONE_EMG = frozenset({"95860", "95861", "95863", "95864", "95870"})


# Two codes of 95907-95913 in one practitioner's encounter (a claim and date): the session's studies are one count, so
# one code, as a line of several units is (``units_note``, its sources: CPT's electrodiagnostic guidelines as coders
# restate them beside LCD L34594, "you bill only one code per encounter - the single code matching the total study
# count - not individual codes per nerve tested"). A neurology group's trial (Cincinnati, 2026): 95907 beside 95910
# was priced $89.00 + $174.56 at ZIP 45202 with no word, where the session's 8 to 10 studies are one code's. A note
# on each, the amounts as billed. Two lines of one code are two sessions' worth too (a review: 95907-RT beside
# 95907-LT, each hand's 2 studies, 95908's 4, paid $89.00 once by the bilateral rule's indicator 0 with no word of the
# count), but a code's 26 line and its TC line are one study's two components, and a 26 or TC line beside its code's
# global line is ``engine.global_component``'s (the global pays both): such lines are not counted twice.
# Lines written alike (95907 beside 95907) are counted, not listed twice: "95907 is one of 2 lines of 95907", "95907
# (2 lines) and 95910", never "one of 95907 and 95907" (a session 70 review).
def _studies_note(code: str, studies: Sequence[str]) -> str:
    count = Counter(studies)
    if len(count) == 1:
        named = f"{len(studies)} lines of {studies[0]}"
    else:
        named = " and ".join(f"{line} ({count[line]} lines)" if count[line] > 1 else line for line in count)
    return (
        f"{code} is one of {named}, nerve conduction study codes billed on this date: a session's "
        "studies (both hands' and every limb's) are counted together and billed once, with 1 unit of the code whose "
        "range holds the total (95907 1-2 studies ... 95913 13 or more: CPT, LCD L34594). Priced as billed."
    )


_COMPONENTS = ("26", "TC")


def _session_lines(lines: Sequence[tuple[str, Sequence[str]]]) -> list[int]:
    """The positions of the nerve conduction study lines counted more than once in the session: per component (26,
    TC; a global line is both), two lines or more of it, a 26 or TC line beside its code's global line left out."""
    global_codes = {code for code, modifiers in lines if code in STUDIES and not set(_COMPONENTS) & set(modifiers)}
    counted: dict[str, list[int]] = {part: [] for part in _COMPONENTS}
    for at, (code, modifiers) in enumerate(lines):
        parts = [part for part in _COMPONENTS if part in modifiers]
        if code not in STUDIES or (parts and code in global_codes):
            continue
        for part in parts or _COMPONENTS:
            counted[part].append(at)
    return sorted({at for members in counted.values() if len(members) > 1 for at in members})


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers, in order): on a stand-alone needle EMG line
    (``STAND_ALONE_EMG``) beside a nerve conduction study (``STUDIES``), the note; on a nerve conduction study line
    beside another of the codes' lines (``_session_lines``), ``_studies_note``; else None. No "; " in them."""
    studies = sorted({code for code, _ in lines if code in STUDIES})
    session = _session_lines(lines)
    written = sorted("-".join([lines[at][0], *lines[at][1]]) for at in session)
    return [
        f"{code} is needle EMG without a nerve conduction study, yet {' and '.join(studies)} is billed beside it on "
        "this date: needle EMG done with a nerve conduction study is reported with its add-ons, 95885 or 95886 each "
        "extremity, 95887 non-extremity muscles (CPT since 2012, as AAPC restates it). Priced as billed."
        if studies and code in STAND_ALONE_EMG
        else _studies_note("-".join([code, *modifiers]), written)
        if at in session
        else None
        for at, (code, modifiers) in enumerate(lines)
    ]
