"""Impacted cerumen removal 69210 beside an audiologic function test of the same practitioner, claim and date: a
note, the amounts unchanged.

Medicare's NCCI edits bundle 69210 into the audiologic function tests. The American Academy of Otolaryngology-Head
and Neck Surgery's "NCCI Edits for CPT Codes 69210, 92550 and 92570" (entnet.org, April 2010): "Effective from July
1, 2010, based on implemented edits from the National Correct Coding Initiative, Medicare will deny CPT code 69210 ...
as a column 2 code when performed with the newly released CPT codes 92550 ... or 92570 ... The NCCI edits for these
code pairs have a modifier subscript of '0' meaning, 'There are no circumstances in which a modifier would be
appropriate.' ... you will want to bill the removal of the impacted cerumen with the HCPCS Level II G0268 ... The same
edit applies when impacted cerumen is removed on the same date of service with other audiologic function tests within
the CPT code range of 92552 - 92596 (with the exception of the following CPT codes that are not covered by Medicare:
92560 ... 92590 ... 92591 ... 92592 ... 92593 ... 92594 ... 92595)". G0268 ("Removal of impacted cerumen (one or both
ears) by physician on same date of service as audiologic function testing") was created for that day (the AAO-HNS's
"CPT for ENT: Cerumen Removal and Audiometry on Same Date of Service").

An ENT trial: `rvucalc price 69210 92557` priced 69210 in full beside the audiometry with no word. NCCI's
procedure-to-procedure edits are one provider's (the same practitioner's lines of a claim and date), so the note is on
69210 where one practitioner's claim and date has such a test (not an audiologist's: engine.audiologists notes their
69210 already); priced as given (rvucalc does not apply NCCI edits).
Batch: ``batch.claims._cerumen`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.audiologists import AUDIOLOGIST

CERUMEN_REMOVAL = "69210"
# The audiologic function tests the edits name: 92550, 92570 and 92552-92596 but Medicare's non-covered 92560,
# 92590-92595.
_NOT_COVERED = frozenset({"92560", "92590", "92591", "92592", "92593", "92594", "92595"})
AUDIOLOGIC_TESTS = frozenset({"92550", "92570"}) | frozenset(
    str(number) for number in range(92552, 92597) if str(number) not in _NOT_COVERED
)
NOTED = AUDIOLOGIC_TESTS | {CERUMEN_REMOVAL}
_SOURCE = "the AAO-HNS's 'NCCI Edits for CPT Codes 69210, 92550 and 92570'"


def cerumen_note(tests: Sequence[str]) -> str:
    """The note on 69210 billed with the audiologic function ``tests`` on one practitioner's claim and date. No "; " in
    it (batch joins notes with it)."""
    return (
        f"69210 (removal of impacted cerumen) billed with the audiologic function test{'s' if len(tests) > 1 else ''} "
        f"{' and '.join(tests)} on this "
        f"claim and date: Medicare's NCCI edits deny 69210 beside 92550, 92570 and the tests 92552-92596, with no "
        f"modifier to override them ({_SOURCE}): the code for that day is G0268 (removal of impacted cerumen by "
        "physician on same date of service as audiologic function testing). Priced as given (rvucalc does not apply "
        "NCCI edits)."
    )


def encounter_notes(codes: Sequence[str], provider: str = "physician") -> list[str | None]:
    """Per line of one practitioner's encounter: ``cerumen_note`` on 69210 beside an audiologic function test
    (``AUDIOLOGIC_TESTS``); else None. None on an audiologist's lines: their 69210 has its own note (G0268, the
    physician's code, is not theirs either: engine.audiologists)."""
    if provider == AUDIOLOGIST:
        return [None] * len(codes)
    tests = sorted({code for code in codes if code in AUDIOLOGIC_TESTS})
    said = cerumen_note(tests) if tests else None
    return [said if code == CERUMEN_REMOVAL else None for code in codes]
