"""An audiologic or vestibular test billed beside the combined test that includes it: a note, the amounts unchanged.

Several audiology codes are two or more tests billed as one: 92557 "Comprehensive audiometry threshold evaluation and
speech recognition (92553 and 92556 combined)" and 92550 tympanometry with reflex threshold measurements (92567 and
92568), as ASHA's list of the CPT descriptors reads them. CMS's NCCI procedure-to-procedure edits pair each combined
code (column 1) with its parts (column 2) with modifier indicator 0: the parts are not paid beside it, and no modifier
makes them so. The American Academy of Audiology's "National Correct Coding Initiative (CCI) Edits for Audiology
Procedures" (audiology.org, prepared "based on the complete list of edits published on CMS's CCI Web site"), its Table
1, lists the pairs that "cannot be billed together for the same patient on the same date of service" in an office or
a hospital outpatient setting (no modifier):

- 92557 with 92552, 92553, 92555, 92556; 92553 with 92552, 92556; 92556 with 92555;
- 92550 with 92567, 92568;
- 92540 with 92541, 92542, 92544, 92545 (the pairs among 92541-92545 themselves take 59, and are left alone here);
- 92537 with 92538; 92549 with 92548; 92517 with 92518, 92519; 92519 with 92518.

An ENT and audiology trial (ZIP 37203, August 2026): `rvucalc price 92557 92553` and `92550 92567` priced the part in
full beside the combined test (92553 $44.51, 92567 $15.06) with no word. So the column 2 line is
noted where one practitioner's claim and date has it beside its column 1 code (NCCI's edits are one provider's);
priced as given (rvucalc does not apply NCCI edits). Batch: ``batch.claims._audiology_components`` on a practitioner's
lines of a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

# Column 1 (the combined test, the RVU file's short description) -> its column 2 codes (Table 1's "No" rows)
COMBINED = {
    "92557": ("comprehensive audiometry", frozenset({"92552", "92553", "92555", "92556"})),
    "92553": ("pure tone audiometry, air and bone", frozenset({"92552", "92556"})),
    "92556": ("speech audiometry, complete", frozenset({"92555"})),
    "92550": ("tympanometry and reflex threshold measurements", frozenset({"92567", "92568"})),
    "92540": ("basic vestibular evaluation", frozenset({"92541", "92542", "92544", "92545"})),
    "92537": ("caloric vestibular test, bithermal", frozenset({"92538"})),
    "92549": ("computerized dynamic posturography with motor control and adaptation tests", frozenset({"92548"})),
    "92517": ("VEMP test, cervical", frozenset({"92518", "92519"})),
    "92519": ("VEMP test, cervical and ocular", frozenset({"92518"})),
}
NOTED = frozenset(COMBINED).union(*(parts for _, parts in COMBINED.values()))
# Not every pair is a combined test and its part: some are two tests whose one code is a third (mutually exclusive
# edits, column 1 the lower valued code), and "bill the combined test alone" named the wrong code there. CPT's
# descriptors (as ASHA's and Coding Ahead's lists read them): 92557 "Comprehensive audiometry threshold evaluation and
# speech recognition (92553 and 92556 combined)"; 92519 "Vestibular evoked myogenic potential (VEMP) testing, with
# interpretation and report; cervical (cVEMP) and ocular (oVEMP)", not reported with 92517 or 92518. A review found
# `rvucalc price 92517 92519` telling the biller to bill 92517 (the cervical test) alone, and 92517 + 92518 the same.
# The code to bill for a (column 2, column 1) pair where it is not column 1:
BILL_INSTEAD = {
    ("92556", "92553"): "92557",
    ("92518", "92517"): "92519",
    ("92519", "92517"): "92519",
}
_SOURCE = "the American Academy of Audiology's table of CMS's NCCI edits for audiology procedures"


def component_note(code: str, combined: Sequence[str]) -> str:
    """The note on ``code`` billed with the ``combined`` tests that include it on one practitioner's claim and date. No
    "; " in it (batch joins notes with it)."""
    named = " and ".join(f"{column1} ({COMBINED[column1][0]})" for column1 in combined)
    # The code that is the tests billed (BILL_INSTEAD), not one another of them includes (92552 beside 92553 and 92557:
    # 92557 alone).
    codes = list(dict.fromkeys(BILL_INSTEAD.get((code, column1), column1) for column1 in combined))
    codes = [one for one in codes if not any(one in COMBINED[other][1] for other in codes if other != one)]
    bill = " or ".join(f"{one} ({COMBINED[one][0]})" if one not in combined else one for one in codes)
    return (
        f"{code} billed with {named} on this claim and date: Medicare's NCCI edits do not pay {code} beside "
        f"{' or '.join(combined)}, with no modifier to override them ({_SOURCE}): bill {bill} alone. Priced as given "
        "(rvucalc does not apply NCCI edits)."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``component_note`` on a column 2 code beside its
    column 1 code (``COMBINED``); else None. Modifiers change nothing: the edits' modifier indicator is 0."""
    codes = {code for code, _ in lines}
    notes: list[str | None] = []
    for code, _ in lines:
        combined = sorted(column1 for column1, (_, parts) in COMBINED.items() if code in parts and column1 in codes)
        notes.append(component_note(code, combined) if combined else None)
    return notes
