"""A visit in a procedure's postoperative period on a later date of the same claim: batch's alone (``rvucalc price``
prices one date). The same-day rule is ``batch.claims._em_in_global`` (``engine.visits.em_in_global_outcomes``).

Claims Processing Manual ch. 12 §40.1: the global surgical package takes in the surgeon's "Postoperative Visits -
Follow-up visits within the postoperative period of the surgery that are related to recovery from the surgery"
(§40.1.A), but not "Visits unrelated to the diagnosis for which the surgical procedure is performed, unless the
visits occur due to complications of the surgery" (§40.1.B); the package's duration: "count the day of surgery and
the appropriate number of days immediately following the date of surgery" for a minor procedure, and for a major one
"1 day immediately before the day of surgery, the day of surgery, and the 90 days immediately following the day of
surgery" (the same counting as CMS's Global Surgery Booklet: a 10-day global period is 11 days in all, "the day of
the surgery and the 10 days immediately following"). CMS's RVU file (PPRRVU, "Global Surgery" indicator): 010 "Minor
procedure with preoperative relative values on the day of the procedure and postoperative relative values during a
10-day postoperative period included in the fee schedule amount; evaluation and management services on the day of the
procedure and during this 10-day postoperative period generally not payable"; 090 "Major surgery with a 1-day
preoperative period and 90-day postoperative period included in the fee schedule amount"; 000 has no postoperative
period (and MMM, XXX, YYY, ZZZ none of their own). §40.2.A: modifier 24, "Unrelated Evaluation and Management Service
by the Same Physician During a Postoperative Period", is paid (79 for an unrelated procedure; 25 and 57 speak of the
procedure's own day, 57 of the day before a major one too); from 2022, FT ("Unrelated evaluation and management
(E/M) visit during a postoperative period", ``engine.visits.OUTSIDE_PACKAGE``) says the same. "Physicians in the same
group practice who are in the same specialty must bill and be paid as though they were a single physician" (§40.A):
rvucalc takes a claim's lines of one kind of practitioner (physician, NP, PA, CNS ...: the provider column, as
``claims._em_in_global`` and the claim's next date do) as that physician's.

So an E/M visit or eye exam (``engine.visits.is_package_visit``) without 24 or FT, on a date 1 to 10 days after a 010
procedure, or 1 to 90 days after a 090 one, of the same claim and practitioner, is noted, naming the procedure, its
date and its global period. The amount stays (the same-day rule only notes a bare visit too): the MAC denies it unless
it is unrelated. A visit the day before a 090 procedure of its claim and practitioner, without 57 ("an evaluation and
management service on the day of or on the day before a procedure with a 90-day global surgical period" with 57 is paid,
§30.6.6.C; ``claims._em_in_global`` sees those), 24 or FT, is in the package's preoperative day (§40.1.A,
"Preoperative Visits - Preoperative visits after the decision is made to operate beginning with the day before the day
of surgery"): noted, naming the procedure (``preoperative_visit_note``). A split-care part opens only its own part of
the package: a 55 line the postoperative period, a 56 line the day before; an assistant's line neither
(``NO_POSTOPERATIVE_DAYS``, ``NO_PREOPERATIVE_DAY``).

A procedure is in the package too unless it is billed as outside it (§40.1.B, §40.2.A: 58 staged or related, 78 a
return to the operating room, 79 unrelated, ``OUTSIDE_PACKAGE_PROCEDURE``): a line of a code with its own global
period (000, 010, 090: ``PROCEDURE_GLOBALS``; not an E/M, nor ZZZ, XXX, YYY, MMM, a lab or a drug) without them, nor 55,
56 or an assistant's modifier (``NOT_A_SURGEON_S_PROCEDURE``), inside an earlier 010 or 090 procedure's postoperative
period as a visit is (same claim and practitioner, a later date), is noted (``postoperative_procedure_note``), naming
it; the amount stays. A 000 procedure opens no period of its own (no postoperative days).

With a patient id column (``patient_days.with_patients``), a visit on another claim of the same patient inside the
postoperative period of that patient's latest earlier procedure is noted too (``postoperative_visit_across_note``),
naming that claim (and a procedure without 58, 78 or 79 there, ``postoperative_procedure_across_note``: the same
kept procedures, nothing more kept); a claim is one billing entity's, so the note says "if billed by the surgeon or
a physician of the surgeon's group and specialty" ("Physicians in the same group practice who are in the same
specialty must bill and be paid as though they were a single physician", Claims Processing Manual ch. 12 §40, as
the former MCM §15501.H and MACs restate it: a multi-specialty clinic's visiting cardiologist is not the family
physician's global package, which a frontier clinic trial's note, "the surgeon's group", left unsaid) (a provider
column, where read, keeps the kinds of practitioner apart, as
``claims._practitioners``). Across
partitions the run keeps per patient only its latest procedure (``PatientProcedures``): a procedure after the visit in
file order is not seen. A visit without 57, 24 or FT the day before a 090 procedure on another claim of its patient
(§40.1.A's preoperative day) is noted (``preoperative_visit_across_note``) when the procedure is in its partition
(either order) or the run's kept one; a visit in an earlier partition is written already, so the procedure's row names
it (``preoperative_visit_written_note``): the run keeps per patient its latest visit not noted so (``PatientVisits``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rvucalc.engine.policy import ASSISTANT_MODIFIERS
from rvucalc.errors import RvucalcError

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np

    from rvucalc.batch.claims import _Changes
    from rvucalc.batch.lines import Lines
    from rvucalc.batch.price import BatchPricer

POSTOPERATIVE_DAYS = {"010": 10, "090": 90}  # CMS's global days: the days after the procedure's date in its package
UNRELATED_MODIFIERS = frozenset({"24", "FT"})  # §40.2.A: an E/M unrelated to the surgery in its postoperative period
# Critical care (99291, 99292) by the surgeon in the global period is paid when unrelated to the surgery, billed with
# FT (HCPCS modifier FT from 2022-01-01, the CY2022 PFS final rule's critical care policy): Palmetto GBA, "HCPCS
# Modifier FT" (published 2022-02-08): "This modifier should be used for critical care performed by a surgeon during
# a global period; however, the critical care must be unrelated to the procedure/surgery done", 24, 25 and 57 staying
# the other visits' modifiers; NGS Medicare's E/M FAQ ("How do global period rules apply to critical care services"):
# the surgeon "bills the critical care service with modifiers 24 and FT (Modifier FT is effective 1/1/2022 and
# required 3/1/2022)". So a critical care line with 24 and no FT is still noted, its note naming FT. A cardiothoracic
# trial's 99291 three days after its claim's 33430 was told to bill 24.
CRITICAL_CARE_CODES = frozenset({"99291", "99292"})
# A procedure's own global period (PPRRVU "GLOB DAYS"): 000 (no postoperative days: it opens no period, but is itself
# a procedure the 58/78/79 rule speaks of when it falls in another's), 010, 090. Not XXX (the global concept does not
# apply: tests, §40.1.B's "Diagnostic tests and procedures" are outside the package), ZZZ (an add-on: "the global
# period assigned is applied to the primary code", CMS's Global Surgery Booklet), YYY (the MAC sets it), MMM.
PROCEDURE_GLOBALS = {"000": 1, **POSTOPERATIVE_DAYS}  # (1: a 000 procedure's number, no day of its own period)
# Ch. 12 §40.1.B: outside the package are "Clearly distinct surgical procedures during the postoperative period which
# are not re-operations or treatment for complications. (A new postoperative period begins with the subsequent
# procedure.) This includes procedures done in two or more parts for which the decision to stage the procedure is made
# prospectively or at the time of the first procedure" and "Treatment for postoperative complications which requires
# a return trip to the operating room (OR)"; inside it (§40.1.A) "All additional medical or surgical services required
# of the surgeon during the postoperative period of the surgery because of complications which do not require
# additional trips to the operating room". §40.2.A says how such a procedure is billed to be paid: 78 for a return
# trip to the operating room (§40.2.A.5), 58 for a staged or related procedure (§40.2.A.6: "A new postoperative period
# begins when the next procedure in the series is billed"), 79 for an unrelated one (§40.2.A.7).
OUTSIDE_PACKAGE_PROCEDURE = frozenset({"58", "78", "79"})
# Lines that are no procedure performed that day by its surgeon: 55 (postoperative management only) and 56
# (preoperative management only), §40.2.A.3 (physicians who furnish part of a global package); an assistant at
# surgery (80, 81, 82, AS): the global surgery rules do not apply to assistants, and 79 on their line is returned as
# unprocessable (Palmetto GBA, the MAC's modifier 79 guide: "Do not submit this modifier on assistant surgery
# services because global surgery rules do not apply to assistants").
NOT_A_SURGEON_S_PROCEDURE = frozenset({"55", "56", "80", "81", "82", "AS"})
# The same lines open only the part of the package their practitioner is paid for (ch. 12 §40.2: "Where physicians
# agree on the transfer of care during the global period, the following modifiers are used: '54' for surgical care
# only; '55' for postoperative management only; ... '56' for preoperative management only", each part paid its share,
# ``engine.policy.SHARES``): a 55 line the postoperative period alone (its practitioner had no preoperative day), a 56
# line the preoperative day alone (no postoperative days), an assistant's line none (the global surgery rules do not
# apply to assistants, Palmetto GBA above). An orthopedics trial's visit 3 weeks after its surgeon's 22633-80 was told
# it was in 22633's postoperative period, and the visit the day before a 27447-55 line that it needed 57.
NO_POSTOPERATIVE_DAYS = ASSISTANT_MODIFIERS | {"56"}
NO_PREOPERATIVE_DAY = ASSISTANT_MODIFIERS | {"55"}
# The patients' visits a run keeps at most (``PatientVisits``: 14 bytes each, 56 MB), whatever the file's length
KEPT_VISITS = 4_000_000


def postoperative_visit_note(code: str, date: dt.date, global_days: str) -> str:
    """The note of a visit without 24 or FT in the postoperative period of ``code`` (of global ``global_days``) on
    ``date``, on a later date of the same claim. No '; ' in it (a row's notes are joined with it)."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this visit is in the postoperative period of {code} of {date.isoformat()} on this "
        f"claim by the same practitioner (global {global_days}, a {kind} procedure: the day of the procedure and the "
        f"{POSTOPERATIVE_DAYS[global_days]} days after it). Medicare includes the surgeon's postoperative visits in "
        "the procedure's payment unless the visit is unrelated to the surgery, then billed with modifier 24 (Claims "
        "Processing Manual ch. 12 §40.1, §40.2). Priced as given, the MAC may deny it. rvucalc price, which sees one "
        "date, cannot see it."
    )


def postoperative_critical_care_note(code: str, date: dt.date, global_days: str) -> str:
    """The note of critical care (``CRITICAL_CARE_CODES``) without FT in the postoperative period of ``code`` (of
    global ``global_days``) on ``date``, on a later date of the same claim. No '; ' in it."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this critical care is in the postoperative period of {code} of {date.isoformat()} "
        f"on this claim by the same practitioner (global {global_days}, a {kind} procedure: the day of the procedure "
        f"and the {POSTOPERATIVE_DAYS[global_days]} days after it). Medicare includes the surgeon's postoperative care "
        "in the procedure's payment (Claims Processing Manual ch. 12 §40.1). Critical care unrelated to the surgery "
        "is paid when billed with modifier FT, from 2022, with or without 24 (Palmetto GBA, 'HCPCS Modifier FT', and "
        "NGS Medicare's E/M FAQ: 24 and FT). Priced as given, the MAC may deny it. rvucalc price, which sees one date, "
        "cannot see it."
    )


def _procedure_rule(who: str) -> str:
    """What Medicare requires of a procedure in another's postoperative period (``OUTSIDE_PACKAGE_PROCEDURE``), said
    by ``postoperative_procedure_note`` and ``postoperative_procedure_across_note``. No '; ' in it."""
    return (
        f"{who}Medicare pays a procedure in another's postoperative period only with 58 (staged or related: planned, "
        "more extensive, or therapy after a diagnostic procedure), 78 (an unplanned return to the operating or "
        "procedure room for a related procedure) or 79 (unrelated to the first procedure): treating a complication "
        "without a return to the operating room is in the first procedure's payment (Claims Processing Manual ch. 12 "
        "§40.1, §40.2.A). Priced as given, the MAC may deny it. rvucalc price, which sees one date, cannot see it."
    )


def postoperative_procedure_note(code: str, date: dt.date, global_days: str) -> str:
    """The note of a procedure without 58, 78 or 79 in the postoperative period of ``code`` (of global
    ``global_days``) on ``date``, on a later date of the same claim. No '; ' in it (a row's notes are joined with
    it)."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this procedure is in the postoperative period of {code} of {date.isoformat()} on "
        f"this claim by the same practitioner (global {global_days}, a {kind} procedure: the day of the procedure and "
        f"the {POSTOPERATIVE_DAYS[global_days]} days after it), without modifier 58, 78 or 79. " + _procedure_rule("")
    )


def postoperative_procedure_across_note(code: str, date: dt.date, global_days: str, claim: str) -> str:
    """The note of a procedure without 58, 78 or 79 in the postoperative period of ``code`` (of global
    ``global_days``) on ``date`` on another claim (``claim``) of the same patient (the patient id column). No '; '
    in it."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this procedure is in the postoperative period of {code} of {date.isoformat()} on "
        f"claim {_claim_named(claim)} of the same patient (global {global_days}, a {kind} procedure: the day of the "
        f"procedure and the {POSTOPERATIVE_DAYS[global_days]} days after it), without modifier 58, 78 or 79. "
        + _procedure_rule("If billed by the surgeon or a physician of the surgeon's group and specialty, ")
    )


def preoperative_visit_note(code: str, date: dt.date) -> str:
    """The note of a visit without 57 (nor 24 or FT) the day before ``code`` (global 090) of ``date`` on the same
    claim. No '; ' in it."""
    return (
        f"Global surgery package: this visit is the day before {code} of {date.isoformat()} on this claim by the same "
        "practitioner (global 090, a major procedure: the day before it, its day and the 90 days after it). Medicare "
        "includes the surgeon's preoperative visits from the day before a major procedure in its payment unless the "
        "visit decided on the surgery, then billed with modifier 57 (Claims Processing Manual ch. 12 §40.1, "
        "§30.6.6.C). Priced as given, the MAC may deny it. rvucalc price, which sees one date, cannot see it."
    )


def _claim_named(claim: str) -> str:
    """A claim id as a note names it: notes are joined with '; ', so one inside the id ('C2; 7', a review's) is ', '."""
    return claim.replace("; ", ", ")


def postoperative_visit_across_note(code: str, date: dt.date, global_days: str, claim: str) -> str:
    """The note of a visit without 24 or FT in the postoperative period of ``code`` (of global ``global_days``) on
    ``date`` on another claim (``claim``) of the same patient (the patient id column). No '; ' in it."""
    kind = "minor" if global_days == "010" else "major"
    return (
        f"Global surgery package: this visit is in the postoperative period of {code} of {date.isoformat()} on "
        f"claim {_claim_named(claim)} of the same patient (global {global_days}, a {kind} procedure: the day of the "
        f"procedure and the {POSTOPERATIVE_DAYS[global_days]} days after it). If billed by the surgeon or a "
        "physician of the surgeon's group and specialty, Medicare includes it in the procedure's payment unless the "
        "visit is unrelated to the surgery, then billed with modifier 24 (Claims Processing Manual ch. 12 §40.1, "
        "§40.2). Priced as given, the MAC may deny it. rvucalc price, which sees one date, cannot see it."
    )


def preoperative_visit_across_note(code: str, date: dt.date, claim: str) -> str:
    """The note of a visit without 57 (nor 24 or FT) the day before ``code`` (global 090) of ``date`` on another
    claim (``claim``) of the same patient (the patient id column). No '; ' in it."""
    return (
        f"Global surgery package: this visit is the day before {code} of {date.isoformat()} on claim "
        f"{_claim_named(claim)} of the same patient (global 090, a major procedure: the day before it, its day and the "
        "90 days after it). If billed by the surgeon or a physician of the surgeon's group and specialty, Medicare "
        "includes it in the procedure's payment unless the visit decided on the surgery, then billed with modifier 57 "
        "(Claims Processing Manual ch. 12 §40.1, §30.6.6.C). Priced as given, the MAC may deny it. rvucalc price, "
        "which sees one date, cannot see it."
    )


def preoperative_visit_written_note(code: str, date: dt.date) -> str:
    """The note of a 090 procedure whose patient had a visit ``code`` without 57 (nor 24 or FT) on ``date``, the day
    before, on a claim of an earlier chunk: that visit's row was written before the procedure was read, so this row
    says it (``PatientVisits``). No '; ' in it."""
    return (
        f"Global surgery package: {code} of {date.isoformat()}, a visit of the same patient the day before this "
        "procedure (global 090, a major procedure: the day before it, its day and the 90 days after it), is on a claim "
        "earlier in the file. If billed by the surgeon or a physician of the surgeon's group and specialty, Medicare "
        "includes it in this procedure's payment unless the visit decided on the surgery, then billed with modifier "
        "57 (Claims Processing Manual ch. 12 §40.1, §30.6.6.C): the MAC may deny the visit. Its row was priced before "
        "this procedure was read and has no note."
    )


@dataclass
class PatientVisits:
    """What a run keeps to see that a visit already written (an earlier partition's) is the day before a 090
    procedure on another claim of its patient in a later partition: per patient and kind of practitioner
    (``_patient_slots``), its latest visit without 24, FT or 57 that no preoperative note took (ties: the first), as
    sorted arrays: its date (an ordinal) and its code (position in ``codes``). 14 bytes a patient (and practitioner),
    whatever its number of visits, for at most ``KEPT_VISITS`` of them; nothing for a file without a patient id
    column."""

    slots: np.ndarray = field(default_factory=lambda: _empty("int64"))  # sorted
    days: np.ndarray = field(default_factory=lambda: _empty("int32"))
    code_of: np.ndarray = field(default_factory=lambda: _empty("int16"))  # (visit codes: a few dozen)
    codes: list[str] = field(default_factory=list)
    code_numbers: dict[str, int] = field(default_factory=dict)

    def add(self, slots: np.ndarray, days: np.ndarray, codes: list[str], which: np.ndarray) -> None:
        """A partition's latest such visit of each slot (``slots`` distinct; its code ``codes[which]``): kept where
        later than the slot's."""
        import numpy as np

        if not len(slots):
            return
        code_of = np.array([self.code_numbers.setdefault(code, len(self.code_numbers)) for code in codes],
                           dtype=np.int16)[which]  # fmt: skip
        self.codes.extend(list(self.code_numbers)[len(self.codes) :])
        days = days.astype(np.int32)
        at = np.searchsorted(self.slots, slots)
        known = np.zeros(len(slots), dtype=bool)
        if len(self.slots):
            place = np.minimum(at, len(self.slots) - 1)
            known = self.slots[place] == slots
            later = known & (days > self.days[place])
            self.days[place[later]], self.code_of[place[later]] = days[later], code_of[later]
        new = ~known
        self.slots = np.insert(self.slots, at[new], slots[new])
        self.days = np.insert(self.days, at[new], days[new])
        self.code_of = np.insert(self.code_of, at[new], code_of[new])
        if len(self.slots) > KEPT_VISITS:  # the later-dated half stays (a date-sorted file's older ones meet nothing)
            keep = np.zeros(len(self.slots), dtype=bool)
            keep[np.argpartition(self.days, len(self.days) // 2)[len(self.days) // 2 :]] = True
            self.slots, self.days, self.code_of = self.slots[keep], self.days[keep], self.code_of[keep]

    def day_before(self, slots: np.ndarray, days: np.ndarray) -> np.ndarray:
        """Per slot and day, the position of the slot's kept visit when it is the day before, else -1."""
        import numpy as np

        if not len(self.slots):
            return np.full(len(slots), -1, dtype=np.int64)
        place = np.minimum(np.searchsorted(self.slots, slots), len(self.slots) - 1)
        hit = (self.slots[place] == slots) & (self.days[place].astype(np.int64) == days - 1)
        return np.where(hit, place, -1)


@dataclass
class PatientProcedures:
    """What a run keeps to see a visit in the postoperative period of a procedure on another claim of its patient in
    an earlier partition: per patient and kind of practitioner (``_patient_slots``), its latest 010 or 090 procedure
    (ties: the longer period), as sorted arrays: its date (an ordinal), its postoperative days, its code (position in
    ``codes``) and its claim id (position in the concatenation of ``claims``, Arrow strings). About 25 bytes a
    patient, and the claim ids' text; nothing for a file without a patient id column."""

    slots: np.ndarray = field(default_factory=lambda: _empty("int64"))  # sorted
    days: np.ndarray = field(default_factory=lambda: _empty("int64"))
    lengths: np.ndarray = field(default_factory=lambda: _empty("int16"))
    code_of: np.ndarray = field(default_factory=lambda: _empty("int32"))
    claim_at: np.ndarray = field(default_factory=lambda: _empty("int64"))
    codes: list[str] = field(default_factory=list)
    code_numbers: dict[str, int] = field(default_factory=dict)
    claims: list[Any] = field(default_factory=list)  # Arrow string arrays, appended
    stored: int = 0  # claim ids in ``claims``

    def claim_texts(self, at: np.ndarray) -> list[str]:
        import pyarrow as pa

        from rvucalc.batch.arrow_columns import int64_array, strings_of

        return strings_of(pa.chunked_array(self.claims, pa.string()).take(int64_array(at)).combine_chunks())

    def add(self, slots: np.ndarray, days: np.ndarray, lengths: np.ndarray, codes: list[str], claims: Any) -> None:
        """A partition's latest procedure of each slot (``slots`` distinct), with their claim ids (an Arrow array):
        kept where later than the slot's kept one (or as long and on the same date, and longer)."""
        import numpy as np
        import pyarrow as pa

        if not len(slots):
            return
        code_of = np.array([self.code_numbers.setdefault(code, len(self.code_numbers)) for code in codes],
                           dtype=np.int32)  # fmt: skip
        self.codes.extend(list(self.code_numbers)[len(self.codes) :])
        claim_at = self.stored + np.arange(len(slots), dtype=np.int64)
        self.claims.append(claims)
        self.stored += len(slots)
        at = np.searchsorted(self.slots, slots)
        known = np.zeros(len(slots), dtype=bool)
        if len(self.slots):
            place = np.minimum(at, len(self.slots) - 1)
            known = self.slots[place] == slots
            later = known & ((days > self.days[place]) | ((days == self.days[place]) & (lengths > self.lengths[place])))
            put = place[later]
            self.days[put], self.lengths[put] = days[later], lengths[later]
            self.code_of[put], self.claim_at[put] = code_of[later], claim_at[later]
        new = ~known
        self.slots = np.insert(self.slots, at[new], slots[new])
        self.days = np.insert(self.days, at[new], days[new])
        self.lengths = np.insert(self.lengths, at[new], lengths[new])
        self.code_of = np.insert(self.code_of, at[new], code_of[new])
        self.claim_at = np.insert(self.claim_at, at[new], claim_at[new])
        if self.stored > 2 * len(self.slots) + 100_000:  # replaced claim ids: kept ones only
            from rvucalc.batch.arrow_columns import int64_array

            kept = pa.chunked_array(self.claims, pa.string()).take(int64_array(self.claim_at)).combine_chunks()
            self.claims, self.stored = [kept], len(kept)
            self.claim_at = np.arange(len(kept), dtype=np.int64)


def _empty(dtype: str) -> np.ndarray:
    import numpy as np

    return np.empty(0, dtype=dtype)


def _patient_procedures(batch: BatchPricer) -> PatientProcedures:
    from rvucalc.batch.claims import run_state

    return run_state(batch, "patient procedures", PatientProcedures)


def _patient_visits(batch: BatchPricer) -> PatientVisits:
    from rvucalc.batch.claims import run_state

    return run_state(batch, "patient visits", PatientVisits)


def _patient_slots(patient: np.ndarray, practitioner: np.ndarray) -> np.ndarray:
    """A patient (hashed: ``patient_days.with_patients``) and kind of practitioner as one number (the hash's low 4
    bits give way to the practitioner: ``lookup.lines.PROVIDERS`` has fewer than 16)."""
    slots: np.ndarray = (patient & ~15) | practitioner
    return slots


def postoperative_visits(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, keys: np.ndarray, code: np.ndarray, changes: _Changes
) -> None:
    """Note each visit of ``rows`` (a claim's: ``keys`` >= 0, its claim's key) in the postoperative period of a 010 or
    090 procedure of an earlier date of its claim by the same kind of practitioner, or the day before a 090 one (the
    module's docstring), and each procedure (a 000, 010 or 090 code, ``PROCEDURE_GLOBALS``) without 58, 78 or 79 in
    such a period (``OUTSIDE_PACKAGE_PROCEDURE``); with a patient id column, of another claim of its patient too
    (``_across_claims``). On whole columns: the lines' modifiers once per code cell, CMS's global days once per
    distinct code cell and release (``claims._per_cell``, as ``claims._global_kind``), and only for the lines of claims
    with a visit or a line that may be such a procedure on a date before or after another of their dates, and of a
    patient's claims."""
    import numpy as np

    from rvucalc.batch import claims
    from rvucalc.engine import visits
    from rvucalc.lookup import lines as line_rules

    claimed = keys >= 0
    if lines.facility_bill is not None:
        # A hospital's or ASC's own bill (type of bill 13x, 83x: Lines.facility_bill) has no global surgical package:
        # ch. 12 §40 is the PFS's, of the surgeon's payment, while the OPPS (42 CFR 419) and the ASC (42 CFR 416
        # subpart F) pay the facility per service. Its lines are neither noted in a period nor open one (a trial: the
        # ASC's 83x claim for the second eye's 66984 was told it needed 79, naming the ASC's first-eye claim).
        claimed = claimed & ~lines.facility_bill[rows]
    package = claims._code_test(batch, lines, "package visit", visits.is_package_visit)[code]
    visit = claimed & package & ~lines.flag("24 or FT", lambda p: bool(UNRELATED_MODIFIERS & set(p.modifiers)))[code]
    # Critical care with 24 and no FT: unrelated only with FT (``CRITICAL_CARE_CODES``), noted after the procedure
    critical = lines.flag("critical care", lambda p: p.code in CRITICAL_CARE_CODES)[code]
    critical_24 = claimed & package & critical & ~lines.flag("FT", lambda p: "FT" in p.modifiers)[code] & ~visit
    # The lines that may be a procedure billed without 58, 78 or 79 (their global days are looked up below).
    apart = OUTSIDE_PACKAGE_PROCEDURE | NOT_A_SURGEON_S_PROCEDURE
    told = lines.flag("58, 78, 79 or not a surgeon's procedure", lambda p: bool(apart & set(p.modifiers)))[code]
    operation = claimed & ~package & ~told
    if not (visit | critical_24).any() and not operation.any() and lines.patient is None:  # (a patient's are kept)
        return
    day_of, width = claims._day_numbers(lines)
    day = day_of[lines.when[rows]]
    readable = day < width - 2 * len(lines.whens) - 2  # a date that does not read is no day (claims._day_numbers)
    claimed &= readable
    visit &= readable
    critical_24 &= readable
    operation &= readable
    patient = None if lines.patient is None else lines.patient[rows]
    known = claimed & (patient != 0) if patient is not None else None
    # The claims with a visit before or after another of their dates, or a line that may be a procedure after another
    # of their dates: their other lines alone are looked up (and a patient's lines: the run keeps its procedures).
    if not claimed.any():
        return
    key = np.where(claimed, keys, 0)
    count = int(key.max()) + 1
    first = np.full(count, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(count, -1, dtype=np.int64)
    np.minimum.at(first, key[claimed], day[claimed])
    np.maximum.at(last, key[claimed], day[claimed])
    after = (visit | critical_24) & (day > first[key])
    before = visit & (day < last[key])
    later = operation & (day > first[key])
    wanted = np.bincount(key[after | before | later], minlength=count) > 0
    looked = claimed & wanted[key]
    if known is not None:
        looked |= known
    procedure = looked & ~package
    at = np.flatnonzero(procedure)
    if not at.size and known is None:
        return
    caches = claims._caches(batch)
    names = {r.release for r in batch.pricer.releases}

    def global_number(release: str, cell: Any) -> int:
        """The cell's ``PROCEDURE_GLOBALS`` number in the release (its postoperative days, 1 for 000), else 0."""
        context = claims._context(batch, caches, release) if release in names else None
        if context is None or visits.is_em(cell.code):
            return 0
        try:
            days = str(line_rules.resolve_row(context.store, cell.code, tuple(cell.modifiers)).get("global_days"))
        except RvucalcError:  # not in the PFS (a lab, drug ...): no global period
            return 0
        return PROCEDURE_GLOBALS.get(days, 0)

    number_of = (claims._per_cell(batch, lines, rows[at], "procedure global days", global_number).astype(np.int64)
                 if at.size else np.zeros(0, dtype=np.int64))  # fmt: skip
    asked_at = at[(number_of > 0) & operation[at]]  # procedures without 58, 78 or 79: in another's period?
    days_of = np.where(number_of == PROCEDURE_GLOBALS["000"], 0, number_of)
    # A return to the operating room (78) starts no postoperative period of its own: the original one goes on (CPT's
    # modifier 78 as payers restate it, e.g. Priority Health's provider manual: "A new global period does not begin
    # for services reported with modifier 78"; CMS pays it the intraoperative share alone, ch. 12 §40.4).
    opens = (days_of > 0) & ~lines.flag("78", lambda p: "78" in p.modifiers)[code][at]
    # The part of the package a line opens (``NO_POSTOPERATIVE_DAYS``, ``NO_PREOPERATIVE_DAY``), per row of ``rows``.
    after_ok = ~lines.flag("no postoperative days", lambda p: bool(NO_POSTOPERATIVE_DAYS & set(p.modifiers)))[code]
    before_ok = ~lines.flag("no preoperative day", lambda p: bool(NO_PREOPERATIVE_DAY & set(p.modifiers)))[code]
    opens &= after_ok[at] | before_ok[at]
    at, days_of = at[opens], days_of[opens]
    # The procedure a period is named for, among a slot's procedures of one date and one global period (28296 and
    # 28285-51 on one claim, both 090): the one ranked first, the highest physician's fee (the PFS facility amount),
    # which CMS's multiple procedure rule pays in full (RVU file documentation, "Multiple Procedure (Modifier 51)":
    # "rank the procedures by fee schedule amount"), the first of the claim on equal fees. Every rule below takes the
    # last of such ties in this order (stable sorts): ``at`` is put in it once (a podiatry trial's 99213 in the period
    # named 28285, the second line, not the bunionectomy 28296).
    fee = np.where(lines.valid["pfs_facility_amount"][rows[at]], lines.cents["pfs_facility_amount"][rows[at]], -1)
    ranked = np.lexsort((-at, fee))
    at, days_of = at[ranked], days_of[ranked]
    practitioner = claims._practitioners(lines)[code]
    mine = claimed & wanted[key]
    own_at, own_days = at[mine[at]], days_of[mine[at]]
    slot = keys * len(line_rules.PROVIDERS) + practitioner  # the same claim and kind of practitioner
    without_57 = None
    if (own_at.size and (own_days == 90).any()) or known is not None:
        without_57 = visit & ~lines.flag("57", lambda p: "57" in p.modifiers)[code]
    preoperative = _preoperative(visit & before, without_57, own_at[(own_days == 90) & before_ok[own_at]],
                                 slot * width + day)  # fmt: skip
    if known is not None and patient is not None and without_57 is not None:
        asked = without_57 & known
        asked[preoperative[0]] = False  # the claim's own procedure the next day: its note
        _across_claims(batch, lines, rows, keys, code, changes, (known, visit, day, patient, practitioner),
                       at[known[at]], days_of[known[at]], asked, asked_at[known[asked_at]],
                       (after_ok, before_ok))  # fmt: skip
    _preoperative_notes(lines, rows, code, changes, preoperative, day)
    days_of, at = own_days[after_ok[own_at]], own_at[after_ok[own_at]]
    if not at.size:
        return
    for seen, note in ((np.flatnonzero(after & ~critical), postoperative_visit_note),
                       (np.flatnonzero(after & critical), postoperative_critical_care_note),
                       (asked_at[later[asked_at] & mine[asked_at]], postoperative_procedure_note)):  # fmt: skip
        _in_own_periods(lines, rows, code, changes, (at, days_of), (slot, day, width), seen, note)


def _in_own_periods(
    lines: Lines, rows: np.ndarray, code: np.ndarray, changes: _Changes, periods: tuple[np.ndarray, np.ndarray],
    place: tuple[np.ndarray, np.ndarray, int], seen: np.ndarray, note: Callable[[str, dt.date, str], str],
) -> None:  # fmt: skip
    """Note each line of ``seen`` (positions in ``rows``: visits, or procedures without 58, 78 or 79) in the
    postoperative period of a procedure (``periods``: positions in ``rows`` of the 010 and 090 procedures of the
    claims, and their postoperative days) of its slot (``place``: per row, its claim and kind of practitioner, its
    day, and a width above the days) on an earlier date: ``note(code, date, global days)`` names the procedure."""
    import numpy as np

    at, days_of = periods
    slot, day, width = place
    if not seen.size:
        return
    # Per line, per global period: the latest procedure of its slot on an earlier date (a later one's period ends
    # later): the line is in its period when at most that many days after it.
    found = np.full(len(seen), -1, dtype=np.int64)
    found_day = np.full(len(seen), -1, dtype=np.int64)
    for length in sorted(set(POSTOPERATIVE_DAYS.values())):
        mine_at = at[days_of == length]
        if not mine_at.size:
            continue
        order = np.argsort(slot[mine_at] * width + day[mine_at], kind="stable")
        mine_at = mine_at[order]
        placed = slot[mine_at] * width + day[mine_at]
        earlier = np.searchsorted(placed, slot[seen] * width + day[seen], side="left") - 1
        there = mine_at[np.maximum(earlier, 0)]
        inside = (earlier >= 0) & (slot[there] == slot[seen]) & (day[seen] - day[there] <= length)
        inside &= day[there] >= found_day  # the latest procedure's period (a 090 one of the same date after a 010)
        found[inside], found_day[inside] = there[inside], day[there[inside]]
    hit = found >= 0
    if not hit.any():
        return
    seen, found = seen[hit], found[hit]
    global_of = np.isin(found, at[days_of == 90]).astype(np.int64)
    number = (code[found].astype(np.int64) * width + day[found]) * 2 + global_of
    distinct, which = np.unique(number, return_inverse=True)
    texts: list[str] = []
    index: dict[str, int] = {}
    positions = []
    for value in distinct.tolist():  # one per procedure code, date and global period: a few
        cell, when = divmod(value // 2, width)
        days = "090" if value % 2 else "010"
        text = note(lines.codes[cell].code, dt.date.fromordinal(when), days)
        positions.append(index.setdefault(text, len(index)))
        if len(texts) < len(index):
            texts.append(text)
    changes.arrays.note(rows[seen], texts, np.asarray(positions, dtype=np.int64)[which.reshape(-1)])


def patient_line(batch: BatchPricer, lines: Lines, rows: np.ndarray, changes: _Changes) -> bool:
    """A partition's only claimed line (``rows``, one or none; ``claims.price_claims`` runs no claim's rules on it),
    with a patient id column: a visit in the postoperative period of a procedure of another claim of its patient, or
    a procedure the run keeps (``_across_claims``). Whether it was noted."""
    import numpy as np

    rows = rows[lines.error[rows] == 0]
    if lines.patient is None or not rows.size:
        return False
    before = len(changes.arrays.notes)
    postoperative_visits(batch, lines, rows, np.zeros(len(rows), dtype=np.int64), lines.code[rows], changes)
    return len(changes.arrays.notes) > before


def _preoperative(
    visit: np.ndarray, without_57: np.ndarray | None, major: np.ndarray, placed: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """The visits (of ``visit``: without 24 or FT, on a date before another of its claim) without 57 (of
    ``without_57``) the day before a 090 procedure (``major``: positions in ``rows``) of its claim and kind of
    practitioner (``placed``: per row, its slot and day as one number), and those procedures: positions in ``rows``
    (§40.1: the major procedure's package takes in "Preoperative visits after the decision is made to operate
    beginning with the day before the day of surgery"; §30.6.6.C: an E/M with 57 the day before a 90-day procedure
    is paid, ``claims._em_in_global``). 25 speaks of the procedure's own day: it does not take the visit the day
    before out of the package."""
    import numpy as np

    none = np.zeros(0, dtype=np.int64)
    if not major.size or without_57 is None:
        return none, none
    seen = np.flatnonzero(visit & without_57)
    if not seen.size:
        return none, none
    order = np.argsort(placed[major], kind="stable")
    major, sorted_at = major[order], placed[major][order]
    # The last of the next day's procedures, the first-ranked (``major`` is in postoperative_visits' ranked order): the
    # first named the lower-ranked 28285 beside 28296, as the postoperative note named 28296.
    there = np.searchsorted(sorted_at, placed[seen] + 1, side="right") - 1
    hit = (there >= 0) & (sorted_at[np.maximum(there, 0)] == placed[seen] + 1)
    return seen[hit], major[there[hit]]


def _preoperative_notes(
    lines: Lines, rows: np.ndarray, code: np.ndarray, changes: _Changes, pairs: tuple[np.ndarray, np.ndarray],
    day: np.ndarray,
) -> None:  # fmt: skip
    """Note each visit of ``pairs`` (``_preoperative``'s), naming its procedure. The amount stays."""
    import numpy as np

    seen, found = pairs
    if not seen.size:
        return
    notes = [preoperative_visit_note(lines.codes[cell].code, dt.date.fromordinal(when))
             for cell, when in zip(code[found].tolist(), day[found].tolist(), strict=True)]  # fmt: skip
    distinct = list(dict.fromkeys(notes))
    changes.arrays.note(rows[seen], distinct, np.array([distinct.index(n) for n in notes], dtype=np.int64))


def _across_claims(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, keys: np.ndarray, code: np.ndarray, changes: _Changes,
    facts: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], at: np.ndarray, days_of: np.ndarray,
    asked: np.ndarray, procedures: np.ndarray, parts: tuple[np.ndarray, np.ndarray],
) -> None:  # fmt: skip
    """A visit (without 24 or FT) of a patient's claim (``facts``: per row of ``rows``, whether it is a claim's line
    of a known patient with a date that reads, a visit, its day, its patient and its kind of practitioner) in the
    postoperative period of the latest 010 or 090 procedure (``at``: positions in ``rows``, their postoperative days
    ``days_of``) of that patient and kind of practitioner on an earlier date, on another claim: noted, naming that
    claim. So is a procedure (``procedures``: positions in ``rows`` of a known patient's 000, 010 or 090 lines without
    58, 78 or 79) there: ``OUTSIDE_PACKAGE_PROCEDURE``. The procedure is this partition's or the run's
    (``PatientProcedures``: an earlier partition's); then this partition's latest procedure of each patient is kept
    for the next ones. A claim is one billing entity's: the note says "if billed by the surgeon or the surgeon's
    group" (§40.A: a group of one specialty bills as one physician). The visits the day before a 090 procedure on
    another claim (``asked``: without 24, FT or 57, and no procedure of their claim the next day) are
    ``_preoperative_across``'s."""
    import numpy as np

    known, visit, day, patient, practitioner = facts
    after_ok, before_ok = parts  # per row: the line opens a postoperative period, a preoperative day (``opens``)
    run = _patient_procedures(batch)
    slot = _patient_slots(patient, practitioner)
    place = (keys, day, slot)
    notes: list[str] = []
    noted: list[int] = []
    for seen, note in ((np.flatnonzero(visit & known), postoperative_visit_across_note),
                       (procedures, postoperative_procedure_across_note)):  # fmt: skip
        for row, (cell_code, when, length, claim) in _in_periods_across(lines, rows, code, place, seen,
                                                                        at[after_ok[at]], days_of[after_ok[at]],
                                                                        run):  # fmt: skip
            notes.append(note(cell_code, when, "090" if length == 90 else "010", claim))
            noted.append(row)
    if notes:
        distinct = list(dict.fromkeys(notes))
        number = {text: n for n, text in enumerate(distinct)}
        changes.arrays.note(rows[np.asarray(noted, dtype=np.int64)], distinct,
                            np.array([number[text] for text in notes], dtype=np.int64))  # fmt: skip
    _preoperative_across(batch, lines, rows, keys, code, changes, (asked, day, slot),
                         at[(days_of == 90) & before_ok[at]], run)  # fmt: skip
    # The run keeps, for later partitions, the procedures that open both parts (a split-care part or an assistant's
    # line is not kept: no later partition's visit is said to be in a part its practitioner was not paid for).
    whole = after_ok[at] & before_ok[at]
    at, days_of = at[whole], days_of[whole]
    if not at.size:
        return
    # This partition's latest procedure per slot (the longer period on one date), for the partitions after it.
    order = np.lexsort((days_of, day[at], slot[at]))
    ordered = at[order]
    ends = np.flatnonzero(np.concatenate([slot[ordered][1:] != slot[ordered][:-1], [True]]))
    latest = ordered[ends]
    claims = pa_take(lines.claim_texts, rows[latest]) if lines.claim_texts is not None else None
    if claims is None:
        return
    run.add(
        slot[latest],
        day[latest],
        days_of[order][ends].astype(np.int16),
        [lines.codes[cell].code for cell in code[latest].tolist()],
        claims,
    )


def _in_periods_across(
    lines: Lines, rows: np.ndarray, code: np.ndarray, place: tuple[np.ndarray, np.ndarray, np.ndarray],
    seen: np.ndarray, at: np.ndarray, days_of: np.ndarray, run: PatientProcedures,
) -> list[tuple[int, tuple[str, dt.date, int, str]]]:  # fmt: skip
    """The lines of ``seen`` (positions in ``rows``: a patient's visits, or procedures without 58, 78 or 79) in the
    postoperative period of their slot's (``place``: per row, its claim's key, its day and its patient's slot) latest
    010 or 090 procedure on an earlier date (``at``: this partition's, positions in ``rows``, with their
    postoperative days ``days_of``, or the run's, ``run``) on another claim: per line, its position in ``rows`` and
    that procedure's code, date, postoperative days and claim id (``_across_claims``)."""
    import numpy as np

    keys, day, slot = place
    out: list[tuple[int, tuple[str, dt.date, int, str]]] = []
    if not seen.size or not (at.size or len(run.slots)):
        return out
    # This partition's: lines and procedures in one order (slot, day; a procedure after a line of its day, the longer
    # period last): each line's latest procedure of its slot on an earlier date.
    both = np.concatenate([seen, at])
    kind = np.concatenate([np.zeros(len(seen), dtype=np.int64), 1 + days_of])
    order = np.lexsort((kind, day[both], slot[both]))
    is_procedure = kind[order] > 0
    last = np.maximum.accumulate(np.where(is_procedure, np.arange(len(order)), -1))
    position = np.empty(len(order), dtype=np.int64)
    position[order] = np.arange(len(order))
    before = last[position[: len(seen)]]
    there = both[order[np.maximum(before, 0)]]
    own = (before >= 0) & (slot[there] == slot[seen]) & (day[there] < day[seen])
    own_day = np.where(own, day[there], -1)
    own_length = np.where(own, kind[order[np.maximum(before, 0)]] - 1, 0)
    # The run's: the slot's latest procedure of an earlier partition, where later than this partition's.
    stored = np.searchsorted(run.slots, slot[seen])
    stored = np.minimum(stored, max(len(run.slots) - 1, 0))
    theirs = np.zeros(len(seen), dtype=bool)
    if len(run.slots):
        theirs = (run.slots[stored] == slot[seen]) & (run.days[stored] < day[seen])
        same_day = (run.days[stored] == own_day) & (run.lengths[stored] > own_length)
        theirs &= (run.days[stored] > own_day) | same_day
    own &= ~theirs
    other_claim = own & (keys[there] != keys[seen])
    inside_own = other_claim & (day[seen] - own_day <= own_length)
    inside_run = np.zeros(len(seen), dtype=bool)
    if theirs.any():
        inside_run = theirs & (day[seen] - run.days[stored] <= run.lengths[stored])
    if inside_own.any():
        found = there[inside_own]
        claim_ids = _claim_ids(lines, rows[found])
        for row, cell, when, length, claim in zip(seen[inside_own].tolist(), code[found].tolist(),
                                                  day[found].tolist(), own_length[inside_own].tolist(), claim_ids,
                                                  strict=True):  # fmt: skip
            out.append((row, (lines.codes[cell].code, dt.date.fromordinal(when), length, claim)))
    if inside_run.any():
        # Not the line's own claim (cut across partitions: files.claims_together keeps a claim's lines together)
        where = stored[inside_run]
        stored_claims = run.claim_texts(run.claim_at[where])
        line_claims = _claim_ids(lines, rows[seen[inside_run]])
        for slot_at, claim, line_claim, row in zip(where.tolist(), stored_claims, line_claims,
                                                   seen[inside_run].tolist(), strict=True):  # fmt: skip
            if claim.strip() == line_claim:
                continue
            out.append((row, (run.codes[int(run.code_of[slot_at])], dt.date.fromordinal(int(run.days[slot_at])),
                              int(run.lengths[slot_at]), claim)))  # fmt: skip
    return out


def _preoperative_across(
    batch: BatchPricer, lines: Lines, rows: np.ndarray, keys: np.ndarray, code: np.ndarray, changes: _Changes,
    facts: tuple[np.ndarray, np.ndarray, np.ndarray], major: np.ndarray, run: PatientProcedures,
) -> None:  # fmt: skip
    """A visit (of ``facts``' ``asked``: without 24, FT or 57, of a known patient, with no 090 procedure of its
    claim the next day) the day before a 090 procedure (``major``: positions in ``rows``) of another claim of the
    same patient and kind of practitioner (``facts``' ``slot``) is in the procedure's package (ch. 12 §40.1.A:
    "Preoperative Visits - Preoperative visits after the decision is made to operate beginning with the day before
    the day of surgery"), unless 57 says it decided on the surgery (§30.6.6.C). The file's order decides where it
    is said: the procedure in this partition (before or after the visit) or kept from an earlier one (the slot's
    latest, ``PatientProcedures``): the visit is noted (``preoperative_visit_across_note``). The visit in an earlier
    partition (written already; the slot's latest unnoted visit, ``PatientVisits``): the procedure is noted
    (``preoperative_visit_written_note``). Then this partition's latest unnoted visit of each slot is kept."""
    import numpy as np

    asked, day, slot = facts
    kept = _patient_visits(batch)
    seen = np.flatnonzero(asked)
    noted = np.zeros(len(seen), dtype=bool)
    notes: list[str] = []
    noted_rows: list[int] = []
    if seen.size and major.size:
        # Visits at the day after theirs and procedures in one order (slot, day, a procedure first): each visit's
        # procedure is the last one before it, where of its slot and day.
        both = np.concatenate([seen, major])
        target = np.concatenate([day[seen] + 1, day[major]])
        kind = np.concatenate([np.ones(len(seen), dtype=np.int64), np.zeros(len(major), dtype=np.int64)])
        # (ties in ``both``'s order, ``major``'s ranked one: the last is the first-ranked, not the claim's last line)
        order = np.lexsort((np.arange(len(both)), kind, target, slot[both]))
        last = np.maximum.accumulate(np.where(kind[order] == 0, np.arange(len(order)), -1))
        place = np.empty(len(order), dtype=np.int64)
        place[order] = np.arange(len(order))
        before = last[place[: len(seen)]]
        there = both[order[np.maximum(before, 0)]]
        inside = (before >= 0) & (slot[there] == slot[seen]) & (day[there] == day[seen] + 1)
        inside &= keys[there] != keys[seen]  # (the claim's own procedure: _preoperative's, not asked)
        if inside.any():
            found = there[inside]
            for cell, when, claim in zip(code[found].tolist(), day[found].tolist(), _claim_ids(lines, rows[found]),
                                         strict=True):  # fmt: skip
                notes.append(preoperative_visit_across_note(lines.codes[cell].code, dt.date.fromordinal(when), claim))
            noted_rows.extend(rows[seen[inside]].tolist())
            noted |= inside
    if seen.size and len(run.slots) and not noted.all():
        # An earlier partition's procedure: the slot's latest, a 090 one the next day, of another claim.
        left = np.flatnonzero(~noted)
        stored = np.minimum(np.searchsorted(run.slots, slot[seen[left]]), len(run.slots) - 1)
        hit = (run.slots[stored] == slot[seen[left]]) & (run.days[stored] == day[seen[left]] + 1)
        hit &= run.lengths[stored] == 90
        if hit.any():
            left, stored = left[hit], stored[hit]
            visit_claims = _claim_ids(lines, rows[seen[left]])
            for position, at, claim, visit_claim in zip(left.tolist(), stored.tolist(),
                                                        run.claim_texts(run.claim_at[stored]), visit_claims,
                                                        strict=True):  # fmt: skip
                if claim.strip() == visit_claim:
                    continue
                notes.append(preoperative_visit_across_note(run.codes[int(run.code_of[at])],
                                                            dt.date.fromordinal(int(run.days[at])),
                                                            claim.strip()))  # fmt: skip
                noted_rows.append(int(rows[seen[position]]))
                noted[position] = True
    if major.size and len(kept.slots):
        # A visit of an earlier partition, written already: the procedure says it.
        found = kept.day_before(slot[major], day[major])
        for row, at in zip(rows[major[found >= 0]].tolist(), found[found >= 0].tolist(), strict=True):
            notes.append(preoperative_visit_written_note(kept.codes[int(kept.code_of[at])],
                                                         dt.date.fromordinal(int(kept.days[at]))))  # fmt: skip
            noted_rows.append(row)
    if notes:
        distinct = list(dict.fromkeys(notes))
        number = {text: n for n, text in enumerate(distinct)}
        changes.arrays.note(np.asarray(noted_rows, dtype=np.int64), distinct,
                            np.array([number[text] for text in notes], dtype=np.int64))  # fmt: skip
    left = seen[~noted]
    if left.size:
        # This partition's latest unnoted visit of each slot (ties: the first in the file), for the partitions after.
        order = np.lexsort((-left, day[left], slot[left]))
        ordered = left[order]
        ends = np.flatnonzero(np.concatenate([slot[ordered][1:] != slot[ordered][:-1], [True]]))
        latest = ordered[ends]
        cells, which = np.unique(code[latest], return_inverse=True)
        kept.add(slot[latest], day[latest], [lines.codes[cell].code for cell in cells.tolist()], which.reshape(-1))


def _claim_ids(lines: Lines, rows: np.ndarray) -> list[str]:
    """The claim ids (as given, stripped) of a partition's ``rows``."""
    from rvucalc.batch.arrow_columns import strings_of

    if lines.claim_texts is None:
        return [""] * len(rows)
    return [text.strip() for text in strings_of(pa_take(lines.claim_texts, rows))]


def pa_take(column: Any, rows: np.ndarray) -> Any:
    """The cells of an Arrow column (chunked or not) at ``rows``, as one string array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from rvucalc.batch.arrow_columns import int64_array

    chunked = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
    return pc.cast(chunked.take(int64_array(rows)).combine_chunks(), pa.string())
