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
