"""Encounter rules of visits: the O/O E/M visit complexity add-on (G2211) and E/M visits inside a global
surgery package.

G2211 and modifier 25. CMS made G2211 payable from 2024-01-01 with the office/outpatient E/M visit it goes with
(CY2024 PFS final rule, 88 FR 78818; MLN MM13473, "How to Use the Office & Outpatient Evaluation and Management Visit
Complexity Add-on Code G2211"): "We won't pay the O/O E/M visit complexity add-on code when the associated O/O E/M
visit is reported with modifier 25". The CY2025 PFS final rule (CR 13015 / Transmittal 13015, "Attachment A") made an
exception from 2025-01-01: G2211 is payable with an E/M reported with modifier 25 when the other service of the day is
an annual wellness visit, vaccine administration, or any Medicare Part B preventive service furnished in the office or
outpatient setting (read via trade summaries of Transmittal 13015, e.g. EdgeMed's "Physicians can now report E/M
complexity add-on code G2211 with certain Medicare Part B preventive services"; CMS's text itself was not found by
rvucalc's search). The CY2026 PFS final rule lets G2211 be billed with home or residence E/M visits too (99341-99350),
as trade summaries of that rule report it (CMS's text not re-read here): from 2026 those visits are primaries and their
modifier 25 counts as an O/O visit's does.

rvucalc says, for an encounter (``price A B C``, a batch claim on one date) of several lines:

- G2211 beside such a visit that carries 25 (every such visit of the encounter does), and no AWV, vaccine
  administration or preventive service (``engine.preventive``'s chart list) on the claim and date: G2211 is not
  payable, $0.00 (``G2211_STEP``), with the rule in its note.
- G2211 in an encounter with no such visit: a note (an add-on reported without its primary visit); the amount stays,
  as CMS's text rvucalc read says nothing of how the MAC treats it.

A line alone keeps its amount and says nothing (as ``engine.preventive``'s ACP-33 rule: a line alone is no encounter).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rvucalc.engine.care_management import CHRONIC_CARE_MANAGEMENT, overlap_notes
from rvucalc.engine.policy import ASSISTANT_MODIFIERS
from rvucalc.engine.preventive import AWV_CODES, preventive_codes

G2211 = "G2211"
G2211_FIRST_YEAR = 2024
PREVENTIVE_EXCEPTION_YEAR = 2025  # CY2025 PFS final rule: payable beside an AWV, vaccine administration, preventive
HOME_VISITS_YEAR = 2026  # CY2026 PFS final rule: home or residence E/M visits take G2211 too
OFFICE_VISITS = frozenset(f"992{n:02d}" for n in range(2, 16))  # 99202-99215 (99201 deleted in 2021)
HOME_VISITS = frozenset({"99341", "99342", "99344", "99345", "99347", "99348", "99349", "99350"})
# Vaccine administration (Medicare's G0008-G0010 and CPT's immunization administration codes); the AWV, the IPPE and
# the chart's other preventive services are engine.preventive's.
VACCINE_ADMINISTRATION = frozenset({"G0008", "G0009", "G0010", "90460", "90461", "90471", "90472", "90473", "90474",
                                    "90480"})  # fmt: skip
BESIDE_25 = frozenset(preventive_codes()) | AWV_CODES | VACCINE_ADMINISTRATION

G2211_STEP = "encounter G2211"  # the step's indicator (batch writes the step's rule among the claim's notes)


def primary_visits(year: int) -> frozenset[str]:
    """The E/M visits G2211 is reported with in a year."""
    return OFFICE_VISITS | HOME_VISITS if year >= HOME_VISITS_YEAR else OFFICE_VISITS


def g2211_with_25_rule(year: int) -> str:
    """Why G2211 is not paid (the step's rule and the line's note)."""
    visits = "99202-99215, 99341-99350" if year >= HOME_VISITS_YEAR else "99202-99215"
    if year >= PREVENTIVE_EXCEPTION_YEAR:
        # The other service is the E/M-25's practitioner's: modifier 25 is "a significant, separately identifiable E/M
        # service by the same physician or other qualified health care professional on the same day of a procedure or
        # other service" (First Coast, "Modifier 25 fact sheet"), and batch reads the rule on a practitioner's lines
        # (batch.claims' ``own``). An infectious disease clinic's trial: an NP's G0009 beside a physician's 99215-25
        # and G2211, G2211 $0.00 with a note saying no vaccine administration was on the claim and date.
        beside = (
            "and no annual wellness visit, vaccine administration or Part B preventive service by the same "
            "practitioner is on this claim and date (from 2025 the only services beside which it is paid with an "
            "E/M-25: Transmittal 13015)"
        )
    else:
        beside = "(in 2024, whatever the other service)"
    return (
        f"G2211 not payable: its E/M visit ({visits}) is reported with modifier 25 {beside}; CMS does not pay the "
        "visit complexity add-on with an E/M-25 (CY2024 PFS final rule; MLN MM13473): $0.00"
    )


# G2211 beside a nursing facility visit (99304-99310, the discharge 99315-99316) of its practitioner and no visit of its
# own: "there is none" read as if the nursing facility visit had been missed (a SNF group's trial: G2211 beside 99306
# at POS 31, and beside 99309 at POS 32). The note names the visit that is there as none of G2211's (its primaries are
# the office/outpatient visits, from 2026 the home or residence visits too: ``primary_visits``); the rest unchanged.


# Likewise G2211 beside a home or residence visit (99341-99350) before 2026 (``HOME_VISITS_YEAR``): a house-call
# trial's 2025 99345 + G2211 at POS 12 was told "there is none by the same practitioner on this claim and date", as if
# the home visit had been missed. The note names it as none of G2211's visits until the CY2026 PFS final rule added
# them; the amount unchanged (priced as given, as with no visit).


def g2211_without_visit_note(year: int, nursing_facility: bool = False, home_visit: bool = False) -> str:
    """G2211's note with no visit of its own (``g2211_outcomes``' "alone"); ``nursing_facility``: a nursing facility
    care line (``NURSING_FACILITY_CARE``) of the practitioner is on the claim and date; ``home_visit``: a home or
    residence visit (``HOME_VISITS``) is, before ``HOME_VISITS_YEAR`` (the nursing facility's wins)."""
    visits = "99202-99215 or a home or residence visit 99341-99350" if year >= HOME_VISITS_YEAR else "99202-99215"
    if nursing_facility:
        beside = ", not to a nursing facility visit (99304-99310) or discharge (99315-99316) as billed here,"
    elif home_visit and year < HOME_VISITS_YEAR:
        beside = (
            ", not to a home or residence visit (99341-99350) as billed here before 2026 (the CY2026 PFS final rule "
            "added them),"
        )
    else:
        beside = ","
    return (
        f"G2211 is an add-on to an office/outpatient E/M visit ({visits}){beside} and there is none by the same "
        "practitioner on this claim and date (batch: a provider column's practitioner): CMS pays it with its visit "
        "(MLN MM13473), priced as given"
    )


def g2211_outcomes(
    lines: Sequence[tuple[str, Iterable[str]]], year: int, denied: Iterable[str] = ()
) -> list[str | None]:
    """Per line of an encounter: None, ``"denied"`` (G2211 not payable beside an E/M-25, ``g2211_with_25_rule``),
    ``"unpaid"`` (G2211 whose only visits are denied lines, ``denied``: the codes of the encounter's lines refused
    with GY, GZ or EY, which are none of ``lines``: ``G2211_VISIT_UNPAID_RULE``) or ``"alone"`` (G2211 with no
    primary visit, ``g2211_without_visit_note``): a line alone too (``rvucalc price G2211``, a batch row no claim
    groups), as CMS pays the add-on only with its visit."""
    codes = [code for code, _ in lines]
    if G2211 not in codes or year < G2211_FIRST_YEAR:
        return [None] * len(lines)
    primaries = primary_visits(year)
    visits = [set(modifiers) for code, modifiers in lines if code in primaries]
    if not visits:
        outcome: str | None = "unpaid" if primaries.intersection(denied) else "alone"
    elif all("25" in modifiers for modifiers in visits) and not (
        year >= PREVENTIVE_EXCEPTION_YEAR and BESIDE_25.intersection(codes)
    ):
        outcome = "denied"
    else:
        outcome = None
    return [outcome if code == G2211 else None for code in codes]


# An E/M visit on the day of a procedure with a global period. Claims Processing Manual ch. 12 §40.1 (the global
# surgical package: for a major procedure, "Preoperative Visits - Preoperative visits after the decision is made to
# operate beginning with the day before the day of surgery up to and including the day of surgery"; for a minor
# procedure or endoscopy, "visits on the same day as the minor surgery or endoscopy are included in the payment for the
# procedure, unless a significant, separately identifiable service is also performed", §40.1.C) and §40.2.A (modifier
# 25: a significant, separately identifiable E/M on the day of a minor procedure; modifier 57: "an E/M service ...
# furnished the day before or the day of a major surgery" that results in the decision to perform it, paid apart).
# The surgeon's visit on the procedure's day without 25 or 57 is so part of the package; another physician's is not,
# which the claim does not show: rvucalc says so on the E/M line and leaves its amount (the MAC decides).
# Modifier FT (from 2022-01-01, CY2022 PFS final rule): "Unrelated evaluation and management (E/M) visit during a
# postoperative period, or on the same day as a procedure or another E/M visit"; CMS pays critical care unrelated to
# the procedure in its global period with FT (HCPCS descriptor and use as Palmetto GBA's "HCPCS Modifier FT" and
# Noridian's "Modifier FT" pages state them; NGS's E/M FAQ: the surgeon "bills the critical care service with modifiers
# 24 and FT"). An E/M with FT is so outside the package, as one with 25 or 57.
OUTSIDE_PACKAGE = frozenset({"25", "57", "FT"})
EM_FIRST, EM_LAST = 99202, 99499  # CPT's evaluation and management section
MINOR_GLOBALS = ("000", "010")
MAJOR_GLOBAL = "090"
# The general ophthalmological services (eye exams) 92002, 92004 (new patient), 92012, 92014 (established) are visits
# the global surgery package takes in as it does an E/M: NCCI says so, not CMS's Claims Processing Manual text rvucalc
# read (ch. 12 §40.1-§40.2 speak of E/M visits). NCCI's procedure-to-procedure edits from 2013-07-01 (reactivated
# 2014-04-01) pair the eye exams with minor and major procedures, modifiers 24, 25 and 57 bypassing them, as the NCCI
# medical director's letters to the AAO and ASCRS are reported by ASRS ("Are You Ready for Reactivation of CMS'
# Injection Bundles?", Corcoran Consulting, 2014) and Retinal Physician (Sept. 2013); trade publications apply the NCCI
# policy manual's E/M rule for minor procedures to 92002-92014 alike (Ophthalmology Management, 2026). A note only.
EYE_EXAMS = frozenset({"92002", "92004", "92012", "92014"})


def is_em(code: str) -> bool:
    return len(code) == 5 and code.isdigit() and EM_FIRST <= int(code) <= EM_LAST


# The E/M section's visits, which the global surgery package's pre- and post-operative "visits" are (Claims Processing
# Manual ch. 12 §40.1.A): office or other outpatient 99202-99215, hospital inpatient or observation 99221-99239,
# consultations 99242-99255, emergency department 99281-99285, critical care 99291-99292, nursing facility
# 99304-99316, home or residence 99341-99350, and prolonged services with them 99417-99418. Not the section's other
# services, which are no visit (a fixer found 99492, collaborative care, and 99467, a transport, noted as a visit):
# care management (99424-99427, 99437-99439, 99487-99491, 99492-99494, 99484), remote monitoring (99453-99458),
# transitional care (99495-99496), advance care planning (99497-99498), preventive medicine and counselling
# (99381-99429), interprofessional and online digital services (99421-99423, 99446-99452), newborn and neonatal care.
_VISIT_RANGES = ((99202, 99215), (99221, 99239), (99242, 99255), (99281, 99285), (99291, 99292), (99304, 99316),
                 (99341, 99350), (99417, 99418))  # fmt: skip


def is_package_visit(code: str) -> bool:
    """A visit the global surgery package takes in without 25 or 57: an E/M visit (``_VISIT_RANGES``) or an eye exam
    (92002-92014, by NCCI's edits: ``EYE_EXAMS``)."""
    if code in EYE_EXAMS:
        return True
    if not is_em(code):
        return False
    number = int(code)
    return any(first <= number <= last for first, last in _VISIT_RANGES)


def em_in_global_note(minor: bool, major: bool) -> str:
    """The note of an E/M without 25 or 57 beside a minor (000/010) and/or major (090) procedure."""
    parts = []
    if minor:
        parts.append("on the day of a minor procedure (000 or 010 global days) unless it carries 25 (significant and "
                     "separately identifiable)")  # fmt: skip
    if major:
        parts.append("on the day of or before a major procedure (090 global days) unless it carries 57 (the decision "
                     "for surgery)")  # fmt: skip
    return (
        "Global surgery package: an E/M visit by the practitioner who performs the procedure (or an eye exam "
        "92002-92014, by NCCI's edits) is included in the "
        "procedure's payment "
        + ", and ".join(parts)
        + " (Claims Processing Manual ch. 12 §40.1, §40.2). This visit has none of 25, 57 or FT (an unrelated E/M, "
        "from 2022), beside such a procedure on this claim and date: priced as given, the MAC may deny it"
    )


def em_in_global_notes(lines: Sequence[tuple[str, Iterable[str], str]]) -> list[str | None]:
    """Per line of an encounter (code, modifiers, CMS's global days): the note of an E/M visit or eye exam
    (``is_package_visit``) beside a procedure with a 000, 010 or 090 global period (``em_in_global_outcomes``'
    notes), or None."""
    return [None if outcome is None else outcome[0] for outcome in em_in_global_outcomes(lines)]


# Modifiers 25 and 57 each answer one kind of procedure. Claims Processing Manual ch. 12 §30.6.6.B (25: "a
# significant, separately identifiable E/M service that is above and beyond the usual pre- and post-operative work
# of the procedure", on the day of a procedure with a global period) and §30.6.6.C (57: the MAC pays "an evaluation
# and management service on the day of or on the day before a procedure with a 90-day global surgical period if the
# physician uses CPT modifier -57 to indicate that the service resulted in the decision to perform the procedure",
# and does "not pay for an evaluation and management service billed with the CPT modifier -57 if it was provided on
# the day of or the day before a procedure with a 0 or 10 day global surgical period"; the same text was in the
# Medicare Carriers Manual §15501.1; read as AAPC's coding alerts "Modifier 57 at a Glance" and "Don't Forget the 57
# Option for Same-Day E/M Services" quote it, and Horizon's "Modifier 57 - Decision for Surgery" policy cites §30.6.6
# C; CMS's own page was not found by rvucalc's search). NCCI policy manual ch. 1 §D (and ch. 11): for a minor
# procedure "the decision to perform a minor surgical procedure is included in the payment for the minor surgical
# procedure", a significant and separately identifiable E/M "is separately reportable with modifier 25"; for a major
# one the E/M for "deciding whether to perform this surgical procedure, ... is separately reportable with modifier
# 57. Other preoperative E&M services on the same date of service as a major surgical procedure are included in the
# global payment" (as McKesson's "Evaluation and Management Service with Procedures" quotes it). So:
# - an E/M-57 beside a minor procedure and no major one on the claim and date: not paid, $0.00 (``EM_57_STEP``);
# - an E/M-25 beside a major procedure (without 57): paid only when it is unrelated to the surgery, above and beyond
#   its preoperative work; a note (the MAC asks for the records), the amount stays.
# With both 25 and 57 the visit says both: no word. FT (an unrelated visit) says nothing either (``OUTSIDE_PACKAGE``).
EM_57_STEP = "E/M-57 beside a minor procedure"
EM_BARE, EM_57_BESIDE_MINOR, EM_25_BESIDE_MAJOR = 1, 2, 3  # em_in_global_kind's outcomes (0: nothing to say)
EM_57_BESIDE_MINOR_RULE = (
    "E/M with 57 (decision for surgery) beside a minor procedure (000 or 010 global days) and no major (090) "
    "procedure on this claim and date: Medicare does not pay an E/M with 57 on the day of or the day before a "
    "procedure with a 0 or 10 day global period (Claims Processing Manual ch. 12 §30.6.6.C). The decision to perform "
    "a minor procedure is part of it, and a significant, separately identifiable visit that day is billed with 25 "
    "(NCCI policy manual ch. 1 §D). A major (090) procedure of the same practitioner the next day would make it paid "
    "(the day before a 90-day procedure): rvucalc price sees one date, a batch claim with both dates sees it: $0.00"
)
# The claim's next date (batch alone sees it; ``rvucalc price`` prices one date). §30.6.6.C pays an E/M-57 "on the day
# of or on the day before a procedure with a 90-day global surgical period" and does not pay one "on the day of or the
# day before a procedure with a 0 or 10 day global surgical period" (the same text quoted by several coding pages,
# e.g. "Payment may not be made for an E/M service billed with the 57 modifier if it was provided on the day of or the
# day before a procedure with a zero- or 10-day global surgical period"). So, of the same practitioner's lines of a
# claim: an E/M-57 beside a minor procedure with a major one the next day is paid (``EM_57_BEFORE_MAJOR_NOTE``); an
# E/M-57 with no procedure on its date, and a minor procedure and no major one the next day, is not
# (``EM_57_BEFORE_MINOR_RULE``), as on the minor procedure's own date.
EM_57_BEFORE_MAJOR_NOTE = (
    "E/M with 57 (decision for surgery) beside a minor procedure (000 or 010 global days), and a major (090) procedure "
    "of this claim by the same practitioner the next day: paid as the visit that decided on that surgery, the day "
    "before it (Claims Processing Manual ch. 12 §30.6.6.C). rvucalc price, which sees one date, does not pay it."
)
EM_57_BEFORE_MINOR_RULE = (
    "E/M with 57 (decision for surgery) the day before a minor procedure (000 or 010 global days) of this claim by the "
    "same practitioner, and no major (090) procedure on either date: Medicare does not pay an E/M with 57 on the day "
    "of or the day before a procedure with a 0 or 10 day global period (Claims Processing Manual ch. 12 §30.6.6.C). A "
    "visit the day before a minor procedure is outside its package (§40.1) and is billed without 57. rvucalc price, "
    "which sees one date, does not see it: $0.00"
)
# G2211 is an add-on to its office/outpatient (from 2026 also home or residence) E/M visit (MLN MM13473: "the O/O E/M
# visit complexity add-on code"; CY2024 PFS final rule), and an add-on code "is eligible for payment only if it is
# reported with an appropriate primary procedure performed by the same practitioner" (Transmittal 2636, CR 7501, as
# AAPC's "Add to Your Add-On Code Savvy Using 3 CMS Tables" quotes it). When its only visits are not paid (an E/M-57
# beside a minor procedure: ``EM_57_BESIDE_MINOR_RULE``; or a visit Medicare denies, GY, GZ or EY on it:
# ``engine.modifiers.denied``, the line an error in price and batch alike), G2211 is not paid either: $0.00, in price
# and batch alike.
G2211_VISIT_UNPAID_RULE = (
    "G2211 not payable: it is an add-on to its office/outpatient or home E/M visit, and that visit on this claim and "
    "date is not paid (an E/M with 57 beside a minor procedure, or a visit denied with GY, GZ or EY). CMS pays an "
    "add-on only with its paid primary service (MLN MM13473, Transmittal 2636, CR 7501): $0.00"
)
# When some of its visits are not paid and those that are all carry 25 (``99213-57 99213-25 11042 G2211``: the 57 visit
# beside the minor procedure is not paid, ch. 12 §30.6.6.C), G2211's paid visit is an E/M-25, with which CMS does not
# pay the add-on (CY2024 PFS final rule; MLN MM13473) unless an AWV, vaccine administration or Part B preventive service
# is beside it (from 2025: Transmittal 13015; ``BESIDE_25``): $0.00 too. ``em_in_global_outcomes`` sees no year: the
# preventive exception is taken as in force (it is from 2025; in 2024 such a G2211 stays paid).
G2211_VISIT_25_RULE = (
    "G2211 not payable: of its office/outpatient or home E/M visits on this claim and date, the one paid is reported "
    "with modifier 25 and no annual wellness visit, vaccine administration or Part B preventive service is beside it "
    "(CMS does not pay the visit complexity add-on with an E/M-25: CY2024 PFS final rule, MLN MM13473, from 2025 it "
    "does beside those: Transmittal 13015), and the other (an E/M with 57 on the day of or the day before a minor "
    "procedure) is not paid (Claims Processing Manual ch. 12 §30.6.6.C): $0.00"
)
G2211_VISITS = OFFICE_VISITS | HOME_VISITS  # whatever the year: the visits G2211 may go with
EM_25_BESIDE_MAJOR_NOTE = (
    "E/M with 25 beside a major procedure (090 global days) on this claim and date: a visit on the day of a major "
    "surgery is paid apart only when it is significant, separately identifiable and unrelated to the surgery. The "
    "visit that decided on the surgery takes 57, and other preoperative visits that day are in the surgery's payment "
    "(Claims Processing Manual ch. 12 §30.6.6.B-C, §40.1, NCCI policy manual ch. 1 §D). Priced as given: the MAC may "
    "ask for the records to show the visit is unrelated, or deny it as part of the global package."
)


def em_in_global_kind(modifiers: Iterable[str], minor: bool, major: bool) -> int:
    """What a visit (``is_package_visit``) with these modifiers is beside a minor and/or major procedure of its claim
    and date: ``EM_BARE`` (none of 25, 57, FT: ``em_in_global_note``), ``EM_57_BESIDE_MINOR`` (57 without 25 beside a
    minor procedure and no major one: not paid), ``EM_25_BESIDE_MAJOR`` (25 without 57 beside a major procedure:
    noted), or 0."""
    said = OUTSIDE_PACKAGE & set(modifiers)
    if not (minor or major) or "FT" in said:
        return 0
    if not said:
        return EM_BARE
    if said == {"57"} and minor and not major:
        return EM_57_BESIDE_MINOR
    if said == {"25"} and major:
        return EM_25_BESIDE_MAJOR
    return 0


def em_in_global_text(kind: int, minor: bool, major: bool) -> str:
    """The note (or rule) of an ``em_in_global_kind`` outcome other than 0."""
    if kind == EM_57_BESIDE_MINOR:
        return EM_57_BESIDE_MINOR_RULE
    if kind == EM_25_BESIDE_MAJOR:
        return EM_25_BESIDE_MAJOR_NOTE
    return em_in_global_note(minor, major)


# An add-on E/M follows its primary visit: 99292 (each additional 30 minutes of critical care) 99291, CPT's prolonged
# services 99417 and 99418 the visits they extend (``cpt_prolonged_note``'s lists). Claims Processing Manual ch. 12
# §30.6.12 pays critical care on the date of a procedure with a 0, 10 or 90 day global period (31500 intubation and
# 92950 CPR are not bundled into it) when "the critical care is billed with CPT modifier -25 to indicate that the
# critical care is a significant, separately identifiable evaluation and management service" (as cms1500claimbilling's
# "CPT 31500" page quotes the section); the modifier goes on the primary code, not the add-on ("As a general rule, you
# do not append modifiers on add-on codes": AAPC's Pulmonology Coding Alert, "Leave Modifiers Off Add-On Codes", of
# 99291-25 + 99292; an add-on code is "eligible for payment only if it is reported with an appropriate primary
# procedure performed by the same practitioner", Transmittal 2636, CR 7501). So a bare add-on E/M whose primary on the
# claim and date carries 25, 57 or FT is read with its primaries' (``package_modifiers``), not as a bare visit: an
# emergency medicine trial's 99291-25 + 99292 beside 31500 and 92950 had the 99292 told "the MAC may deny it".
EM_ADD_ON_PRIMARIES = {
    "99292": ("99291",),
    "99417": ("99205", "99215", "99245", "99345", "99350", "99483"),
    "99418": ("99223", "99233", "99236", "99255", "99306", "99310"),
}


def package_modifiers(lines: Sequence[tuple[str, Iterable[str], str]]) -> list[frozenset[str]]:
    """Per line of an encounter (code, modifiers, global days): the modifiers of 25, 57 and FT the global surgery
    package rule reads (``em_in_global_kind``): the line's own, or for an add-on E/M with none
    (``EM_ADD_ON_PRIMARIES``), those its primaries on the encounter carry, together. Batch:
    ``batch.claims._em_in_global`` on whole columns."""
    own = [OUTSIDE_PACKAGE.intersection(modifiers) for _, modifiers, _ in lines]
    out: list[frozenset[str]] = []
    for (code, _, _), said in zip(lines, own, strict=True):
        primaries = EM_ADD_ON_PRIMARIES.get(code)
        if not said and primaries is not None:
            said = frozenset().union(*(mine for (other, _, _), mine in zip(lines, own, strict=True)
                                       if other in primaries))  # fmt: skip
        out.append(frozenset(said))
    return out


def em_in_global_outcomes(lines: Sequence[tuple[str, Iterable[str], str]]) -> list[tuple[str, bool] | None]:
    """Per line of an encounter (code, modifiers, CMS's global days): for an E/M visit or eye exam
    (``is_package_visit``) beside a procedure with a 000, 010 or 090 global period, its note and whether it is not
    paid (``em_in_global_kind``); else None. Batch: ``batch.claims._em_in_global`` on whole columns."""
    # An assistant at surgery's line (80, 81, 82, AS) is no procedure its practitioner performed: the global surgery
    # rules do not apply to assistants (Palmetto GBA's modifier 79 guide, ``batch.global_period``), so it puts no visit
    # of the day in a package (an orthopedics trial's 99223 beside its physician's 22633-80 was told the MAC may deny
    # it).
    minor = any(not is_package_visit(code) and days in MINOR_GLOBALS and ASSISTANT_MODIFIERS.isdisjoint(modifiers)
                for code, modifiers, days in lines)  # fmt: skip
    major = any(not is_package_visit(code) and days == MAJOR_GLOBAL and ASSISTANT_MODIFIERS.isdisjoint(modifiers)
                for code, modifiers, days in lines)  # fmt: skip
    out: list[tuple[str, bool] | None] = []
    for (code, _, _), modifiers in zip(lines, package_modifiers(lines), strict=True):
        kind = em_in_global_kind(modifiers, minor, major) if is_package_visit(code) else 0
        out.append(None if not kind else (em_in_global_text(kind, minor, major), kind == EM_57_BESIDE_MINOR))
    # G2211 whose visits are all unpaid: $0.00 too (G2211_VISIT_UNPAID_RULE); some unpaid and the paid ones all with
    # 25, no preventive service beside them: $0.00 too (G2211_VISIT_25_RULE).
    unpaid = [outcome is not None and outcome[1] for outcome in out]
    visits = [(not_paid, "25" in set(modifiers))
              for (code, modifiers, _), not_paid in zip(lines, unpaid, strict=True)
              if code in G2211_VISITS]  # fmt: skip
    rule = None
    if visits and all(not_paid for not_paid, _ in visits):
        rule = G2211_VISIT_UNPAID_RULE
    elif (
        any(not_paid for not_paid, _ in visits)
        and all(with_25 for not_paid, with_25 in visits if not not_paid)
        and not BESIDE_25.intersection(code for code, _, _ in lines)
    ):
        rule = G2211_VISIT_25_RULE
    if rule is not None:
        out = [(rule, True) if code == G2211 else outcome
               for (code, _, _), outcome in zip(lines, out, strict=True)]  # fmt: skip
    return out


# Hospital E/M services on one date by one practitioner. Claims Processing Manual ch. 12 §30.6.9.1.A ("Initial Hospital
# Care From Emergency Room"): contractors pay an initial hospital care service when a physician sees a patient in the
# emergency room and decides to admit him, and "do not pay for both E/M services. Also, they do not pay for an emergency
# department visit by the same physician on the same date of service. When the patient is admitted to the hospital via
# another site of service (e.g., hospital emergency department, physician's office, nursing facility), all services
# provided by the physician in conjunction with that admission are considered part of the initial hospital care when
# performed on the same date as the admission" (the manual's text as medicarepaymentandreimbursement.com's "Initial
# hospital care visits by two different physicians" quotes it; CMS's own page was not found by rvucalc's search). CPT
# 2023 lets the other site's visit be reported with 25; CMS did not adopt that: the CY2023 PFS final rule "is not
# adopting the AMA guidelines that allow services rendered in an office, emergency department or nursing [facility]" on
# the admission's date to be reported apart (HBE Advisors' "2023 Final Medicare Physician Fee Schedule" summary), so a
# 25 on the other visit changes nothing. Initial care is 99221-99223, or 99234-99236 (admission and discharge on one
# date, §30.6.9.1.C: an admission too). The other sites' visits: office/outpatient 99202-99215, emergency department
# 99281-99285, nursing facility 99304-99310, home or residence 99341-99350 (observation is 99221-99223 itself from
# 2023). Critical care (99291) is not among them: CMS pays it beside another E/M of the same day (CY2023 PFS final
# rule).
# The discharge day: hospital discharge day management 99238-99239 reports "all services provided to a patient on the
# date of discharge, if other than the initial date of inpatient status" (CPT, as First Coast, a Medicare contractor,
# restates it: "Improve your billing of hospital discharge day management codes", 2024; concurrent care by another
# practitioner that day is billed 99231-99233), and the manual pays only the discharge then (ch. 12 §30.6.9.2, whose
# text rvucalc's search did not find; AAPC's "Subsequent Care and Discharge on Same Day": "you should bill only for the
# hospital discharge"). So, of one practitioner's lines of a claim and date (``rvucalc price``'s encounter): the other
# site's visit beside an initial hospital care, and a subsequent hospital care 99231-99233 beside a discharge, are
# $0.00 (``SAME_DAY_STEP``) with the rule; the admission keeps its amount, and the discharge too unless it is beside
# the initial care (below).
INITIAL_HOSPITAL_CARE = frozenset({"99221", "99222", "99223", "99234", "99235", "99236"})
EMERGENCY_VISITS = frozenset({"99281", "99282", "99283", "99284", "99285"})
NURSING_FACILITY_VISITS = frozenset(f"993{n:02d}" for n in range(4, 11))  # 99304-99310
OTHER_SITE_VISITS = OFFICE_VISITS | EMERGENCY_VISITS | NURSING_FACILITY_VISITS | HOME_VISITS
SUBSEQUENT_HOSPITAL_CARE = frozenset({"99231", "99232", "99233"})
DISCHARGE_DAY = frozenset({"99238", "99239"})
SAME_DAY_STEP = "same-day hospital E/M"  # the step's indicator
ADMISSION_DAY_RULE = (
    "Part of the initial hospital care on this claim and date (99221-99223, or 99234-99236): when a patient is "
    "admitted in the course of an encounter in another site (emergency department, office, nursing facility, home) on "
    "the same date, all the admitting practitioner's E/M services in conjunction with the admission are part of the "
    "initial hospital care, and Medicare does not pay the other visit (Claims Processing Manual ch. 12 §30.6.9.1.A, "
    "and modifier 25 does not make it payable: CY2023 PFS final rule): $0.00"
)
DISCHARGE_DAY_RULE = (
    "Part of the hospital discharge day management on this claim and date (99238-99239): the discharge reports all the "
    "practitioner's services on the discharge date, and Medicare pays only the discharge, not a subsequent hospital "
    "care visit beside it (Claims Processing Manual ch. 12 §30.6.9.2, CPT's discharge codes): $0.00"
)
# One hospital visit a day, and the admission's day. The initial and the subsequent hospital care codes are "per diem"
# services: "Both initial inpatient hospital care codes and subsequent hospital care codes are 'per diem' services and
# may be reported only once per day by the same physician or physicians of the same specialty from the same group
# practice" (CMS Transmittal 1545, April 2008, the ch. 12 §30.6.9 text, as AAPC/SuperCoder's "2 Hospital Visits: 1 E/M
# or 2?" quotes it; NGS's automated review "Excessive Units of Hospital Visits" as RACmonitor reports it): a subsequent
# hospital care 99231-99233 beside an initial hospital care 99221-99223 or 99234-99236 of the same practitioner and
# date is the same day's hospital care, paid in the initial one: $0.00 (``INITIAL_DAY_VISIT_RULE``).
# The discharge on the admission's date: 99234-99236 are the admission and the discharge of one date (CPT's
# descriptor: "admitted and discharged on the same date"), and "Discharge service is not separately billable in this
# scenario, since the codes represent both admission and discharge phases of care" (NGS, a Medicare contractor,
# "Evaluation and Management FAQs: Admission and Discharge Services"); beside 99221-99223, a stay under 8 hours is the
# initial care alone, 99238-99239 not reported, one of 8 hours or more is 99234-99236 (ch. 12 §30.6.9.1.C as CPT and
# MACs restate it: WPS's "Combination Admission and Discharge Procedure Codes 99234-99236 (Q&As)"; "Providers may not
# bill for both an admission visit (using CPT codes 99221-99223) and a separate discharge visit on the same day", CGS's
# article A48210 as RACmonitor quotes it; CMS's own manual page was not found by rvucalc's search). Either way the
# discharge day management 99238-99239 beside an initial hospital care of the same practitioner and date is not paid:
# $0.00 (``ADMISSION_DAY_DISCHARGE_RULE``); the initial care keeps its amount (a stay of 8 hours or more is billed as
# 99234-99236 instead, which the claim does not show: said).
INITIAL_DAY_VISIT_RULE = (
    "Part of the initial hospital care on this claim and date (99221-99223, or 99234-99236): initial and subsequent "
    "hospital care are per diem services, reported once a day by the same practitioner (CMS Transmittal 1545, Claims "
    "Processing Manual ch. 12 §30.6.9), so Medicare does not pay a subsequent hospital care 99231-99233 beside the "
    "day's initial care: $0.00"
)
ADMISSION_DAY_DISCHARGE_RULE = (
    "Discharge on the date of the initial hospital care on this claim (99221-99223, or 99234-99236): 99234-99236 are "
    "the admission and the discharge of one date, and beside 99221-99223 the discharge day management 99238-99239 is "
    "not reported (a stay under 8 hours is the initial care alone, one of 8 hours or more is billed 99234-99236 "
    "instead): Claims Processing Manual ch. 12 §30.6.9.1.C, §30.6.9.2 (as MACs restate them: NGS, WPS, CGS A48210). "
    "The discharge is not paid: $0.00"
)
# G2211 whose only office/outpatient or home visits on the claim and date are so part of the admission: its primary
# service is not paid, and an add-on is paid only with its paid primary service by the same practitioner (Transmittal
# 2636, CR 7501; MLN MM13473): $0.00 too.
G2211_VISIT_ADMITTED_RULE = (
    "G2211 not payable: it is an add-on to its office/outpatient or home E/M visit, and that visit on this claim and "
    "date is part of the initial hospital care beside it (Claims Processing Manual ch. 12 §30.6.9.1.A), not paid "
    "apart. CMS pays an add-on only with its paid primary service (MLN MM13473, Transmittal 2636, CR 7501): $0.00"
)


# 99211 beside a drug administration service: not paid. CR 3631 "instructed carriers not to allow payment for CPT code
# 99211 with or without modifier -25 if it is billed with a nonchemotherapy or chemotherapy drug infusion code or with
# diagnostic or therapeutic injection codes" (chemotherapy and non-chemotherapy infusions from 2004-01-01, therapeutic
# and diagnostic injections from 2005-01-01: CY2005 PFS final rule); Medicare pays a visit of a higher level than 99211
# beside them with 25 (CMS's transmittal of 2005-10-28 updating Claims Processing Manual ch. 12 §30.6.7, "Payment for
# Office or Other Outpatient Evaluation and Management (E/M) Visits", in HHS's guidance repository, and its MLN
# Matters article). The drug administration services are CPT's hydration, therapeutic, prophylactic and diagnostic
# injections and infusions 96360-96379 and its chemotherapy and highly complex drug administration 96401-96549, less
# the pump refills and maintenance and the port irrigation 96521-96523 (no drug infusion or injection: 96523 is
# status T, itself unpaid beside a paid PFS service), and HCPCS G0498, chemotherapy administration by intravenous
# infusion started in the office and continued with a portable pump (RVU file status C, "Chemo extend iv infus
# w/pump"): CMS's OPPS Addendum B (October 2025) pays it in APC 5694, Level 4 Drug Administration, beside 96413 and
# 96416, as it pays 96360-96379 in APCs 5691-5693. Not 96380 and 96381, RSV monoclonal antibody administration (status
# A, PC/TC 0): Addendum B gives them SI M, in no drug administration APC, and no CMS text found puts them under CR 3631
# (left out, unproven). One practitioner's lines of a claim and date, as the other rules
# here; the visit's amount only (the drug administration keeps its own). G2211 whose visits are all such 99211 lines
# is not paid either (an add-on is paid only with its paid visit), unless the G2211-with-25 rule already says so
# (``g2211_outcomes``' "denied": every visit with 25 and, from 2025, no preventive service or vaccine administration
# beside it). A 99211-25 beside a vaccine administration (90471, G0008) leaves that rule silent: G2211 was paid
# $16.88 beside a $0.00 99211-25 (`price 99211-25 G2211 96372 90471 --zip 43214`, a review).
NURSE_VISIT = "99211"
_NO_DRUG_GIVEN = frozenset({"96521", "96522", "96523"})
DRUG_ADMINISTRATION_SERVICES = (
    frozenset(str(code) for code in (*range(96360, 96380), *range(96401, 96550))) - _NO_DRUG_GIVEN
) | {"G0498"}
NURSE_VISIT_DRUG_ADMINISTRATION_RULE = (
    "99211 not payable: billed with a drug administration service (an infusion or injection, 96360-96379, "
    "96401-96549 or G0498) by the same practitioner on this claim and date. Medicare does not pay 99211, with or "
    "without 25, beside a chemotherapy or non-chemotherapy drug infusion or a therapeutic or diagnostic injection "
    "(CR 3631, Claims Processing Manual ch. 12 §30.6.7): a significant, separately identifiable visit of a higher "
    "level is billed 99212-99215 with 25: $0.00"
)
G2211_NURSE_VISIT_RULE = (
    "G2211 not payable: it is an add-on to its office/outpatient or home E/M visit, and that visit on this claim and "
    "date is a 99211 Medicare does not pay beside a drug administration service (CR 3631, Claims Processing Manual ch. "
    "12 §30.6.7). CMS pays an add-on only with its paid primary service (MLN MM13473, Transmittal 2636, CR 7501): $0.00"
)


def nurse_visit_rules(
    codes: Sequence[str], modifiers: Sequence[Iterable[str]] | None, out: list[str | None], year: int | None = None
) -> list[str | None]:
    """``out`` (``same_day_hospital_rules``' per line) with ``NURSE_VISIT_DRUG_ADMINISTRATION_RULE`` on each 99211 line
    no other rule took, beside a drug administration service (``DRUG_ADMINISTRATION_SERVICES``), and
    ``G2211_NURSE_VISIT_RULE`` on G2211 where every visit it may go with is such a 99211 and the G2211-with-25 rule
    does not take it (``g2211_outcomes`` in ``year``, the service's; None: the current rules, HOME_VISITS_YEAR's)."""
    if NURSE_VISIT not in codes or DRUG_ADMINISTRATION_SERVICES.isdisjoint(codes):
        return out
    mods = [frozenset(m) for m in modifiers] if modifiers is not None else [frozenset()] * len(codes)
    out = [NURSE_VISIT_DRUG_ADMINISTRATION_RULE if code == NURSE_VISIT and rule is None else rule
           for code, rule in zip(codes, out, strict=True)]  # fmt: skip
    if G2211 in codes:
        paid_visit = any(code in G2211_VISITS and rule is None for code, rule in zip(codes, out, strict=True))
        with_25 = g2211_outcomes(list(zip(codes, mods, strict=True)), HOME_VISITS_YEAR if year is None else year)
        if not paid_visit and "denied" not in with_25:  # with 25: g2211_with_25_rule's, unless it is silent
            out = [G2211_NURSE_VISIT_RULE if code == G2211 and rule is None else rule
                   for code, rule in zip(codes, out, strict=True)]  # fmt: skip
    return out


# An office/outpatient visit above 99211 (99202-99205, 99212-99215) beside a drug administration service of the same
# practitioner, claim and date, without modifier 25. CMS's transmittal of 2005-10-28 updating Claims Processing Manual
# ch. 12 §30.6.7 ("Payment for Office or Other Outpatient Evaluation and Management (E/M) Visits", HHS's guidance
# repository): "Medicare will pay for a medically necessary office/outpatient visit (when it meets a higher complexity
# level than CPT code 99211) billed on the same day as a drug administration service as specified. Modifier -25 must be
# appended to the E/M service to identify that a significant and separately identifiable E/M service (higher
# complexity than CPT code 99211) was performed." 99211 itself is NURSE_VISIT_DRUG_ADMINISTRATION_RULE's. Whether the
# visit was significant and separately identifiable is in the records, not on the claim (a nurse's assessment before a
# chemotherapy infusion is not: Noridian, "E/M Services and Drug Administration Billing"): a note on the visit, its
# amount unchanged, as the visit without 25 beside a minor procedure (em_in_global_note). Batch:
# batch.claims._visit_beside_drug_administration (an oncology practice's 99214 beside 96413 on one claim and date, no
# 25, was priced $137.81 at ZIP 30309 with no word).
def visit_without_25_note(visit: str, given: str) -> str:
    """The note on the office/outpatient visit ``visit`` billed without 25 beside the drug administration service
    ``given``. No "; " in it (batch's note column joins a row's notes with it)."""
    return (
        f"{visit} billed with {given} (a drug administration service) on this claim and date without modifier 25: "
        f"Medicare pays an office/outpatient visit above 99211 beside a drug administration service only as a "
        f"significant, separately identifiable E/M service with 25 appended (CMS's transmittal of 2005-10-28 updating "
        f"Claims Processing Manual ch. 12 §30.6.7, after CR 3631). Priced as given: add 25 where the records show such "
        f"a visit, else the MAC denies it (the nurse's assessment before an infusion is part of the drug "
        f"administration)."
    )


def visit_beside_drug_administration_notes(lines: Sequence[tuple[str, Iterable[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers; a claim and date): ``visit_without_25_note`` on each
    office/outpatient visit other than 99211 (``OFFICE_VISITS``) without 25, beside a drug administration service
    (``DRUG_ADMINISTRATION_SERVICES``: the first one's code named), else None. The amounts stay."""
    given = next((code for code, _ in lines if code in DRUG_ADMINISTRATION_SERVICES), None)
    if given is None:
        return [None] * len(lines)
    return [
        visit_without_25_note(code, given)
        if code in OFFICE_VISITS and code != NURSE_VISIT and "25" not in set(modifiers)
        else None
        for code, modifiers in lines
    ]


# Two lines of the same per diem hospital care by one practitioner on one date: the same "per diem" text (Transmittal
# 1545, ch. 12 §30.6.9: initial and subsequent hospital care "may be reported only once per day by the same physician
# or physicians of the same specialty from the same group practice", as AAPC/SuperCoder's "2 Hospital Visits: 1 E/M or
# 2?" quotes it; NGS's automated review "Excessive Units of Hospital Visits": "Both Initial Hospital Care codes (CPT
# codes 99221 - 99223) and Subsequent Hospital Care codes (CPT Codes 99231 - 99233) are 'per diem' services and may be
# reported only once per day by the same physician(s) of the same specialty from the same group practice", as
# RACmonitor's "Drill Down: Excessive Units of Hospital Visits" reports it; the day's visits are one code whose level
# reflects them all, as the same AAPC answer says). So a second initial hospital care line (99221-99223, or 99234-99236,
# the admission of a same-day stay: §30.6.9.1.C) beside an earlier one of the same practitioner and date, or a second
# subsequent hospital care line (99231-99233) beside another one, is not paid: $0.00 (``SECOND_DAILY_CARE_RULE``).
# The day's highest-paid such line is the one kept (the first of equal ones), whatever the lines' order: the day's care
# is one code whose level reflects it all, so the highest level billed is the day's. Modifier AI marks the principal
# physician of record, the admitting physician: "Only the principal physician of record shall append modifier -AI ...
# All other physicians who perform an initial evaluation on this patient shall bill only the E/M code" (ch. 12
# §30.6.9.1, as medicarepaymentandreimbursement.com quotes it; Noridian's "Modifier AI" page: AI is appended so "that
# other specialties may bill their claims for the same E/M code and not receive denials"; CGS, "Principal Physician of
# Record: HCPCS Modifier AI", 2013). So a line with AI and one without are two practitioners' (the admitting physician
# and a consultant) for this rule: neither is zeroed beside the other; two with AI, or two without, are one's.
# Units: a per diem code is once a day, so a line of several units is paid one (``per_diem_units_rule``).
SECOND_DAILY_CARE_RULE = (
    "A second hospital care line of the same kind on this claim and date (initial care 99221-99223 or 99234-99236, or "
    "subsequent care 99231-99233): hospital care is per diem, reported once a day by the same practitioner with one "
    "code whose level reflects all the day's care (CMS Transmittal 1545, Claims Processing Manual ch. 12 §30.6.9). "
    "The day's other such code, the highest-paid (the first of equal ones), is the one paid. This one is not (a line "
    "with AI, the principal physician of record's, and one without, a consultant's, are two practitioners'): $0.00"
)
# Nursing facility care on one date by one practitioner. Claims Processing Manual ch. 12 §30.6.13.B: "A/B MACs (B)
# shall not pay for more than one E/M visit performed by the physician or qualified NPP for the same patient on the
# same date of service. The Nursing Facility Services codes represent a 'per day' service" (as CGS, a Medicare
# contractor, quotes it: "Billing Reminders for Codes 99304-99310", 2024-06-10; CMS's Recovery Audit topic 0061,
# "Excessive Units of Nursing Facility Services", citing §30.6.13(B): the codes 99304-99310 "may only be reported once
# per day, per beneficiary, provider and date of service"; §30.6.13.G: "The E/M visit (Nursing Facility Services)
# represents a 'per day' service per patient"). The discharge day management 99315-99316 is such an E/M visit too
# ("The E/M discharge day management visit", §30.6.13.I, as medicarepaymentandreimbursement.com quotes it), so the
# day's NF visits and discharge by one practitioner are one E/M: the highest-paid line is kept (the first of equal
# ones), as the hospital care rule keeps the day's highest level, and the others are $0.00
# (``SECOND_NURSING_FACILITY_RULE``); AI (the principal physician of record, appended to the initial hospital and
# nursing home visits: CGS, "Principal Physician of Record: HCPCS Modifier AI", 2013) sets a line apart as there; a
# line of several units is paid one (``per_diem_units_rule``). Other practitioners' lines of the claim (batch's
# provider column) are another encounter, as for hospital care. A hospital discharge and a NF admission the same day
# are both paid (ch. 12 §30.6.9.2.D): another kind, untouched here.
NURSING_FACILITY_DISCHARGE = frozenset({"99315", "99316"})
NURSING_FACILITY_CARE = NURSING_FACILITY_VISITS | NURSING_FACILITY_DISCHARGE
SECOND_NURSING_FACILITY_RULE = (
    "A second nursing facility care line on this claim and date (initial care 99304-99306, subsequent care "
    "99307-99310, or discharge day management 99315-99316): nursing facility services are a per day service, and "
    "Medicare does not pay more than one E/M visit by the same practitioner for the same patient on the same date "
    "(Claims Processing Manual ch. 12 §30.6.13.B). The day's other such code, the highest-paid (the first of equal "
    "ones), is the one paid. This one is not (a line with AI, the principal physician of record's, and one without "
    "are two practitioners'): $0.00"
)
# Hospital discharge day management: "Only one hospital discharge day management service is payable per patient per
# hospital stay" (Claims Processing Manual ch. 12 §30.6.9.2, as a Medicare Advantage plan's "CMS National Guidelines"
# N-164 quotes it, with "Only the attending physician of record reports the discharge day management service"). A
# faculty practice trial's claim billed 99238 and 99239 by one physician on one date: both were paid. The day's
# highest-paid discharge line is kept (the first of equal ones), as for the per diem hospital care, and the other is
# $0.00 (``SECOND_DISCHARGE_RULE``); a line of several units is paid one (``per_diem_units_rule``). rvucalc sees a claim
# and date, not the stay: a discharge on another date of the stay is not looked at. The rule is the patient's, not a
# practitioner's: another practitioner's discharge line of the claim and date (batch's provider column: an MD's 99238
# and an NP's 99239) is ranked with them, one paid (batch.claims._same_day_hospital); a review found both paid.
SECOND_DISCHARGE_RULE = (
    "A second hospital discharge day management line on this claim and date (99238-99239): only one hospital "
    "discharge day management service is payable per patient per hospital stay, whoever bills it (Claims Processing "
    "Manual ch. 12 §30.6.9.2). The day's other such code, the highest-paid (the first of equal ones), is the one "
    "paid. This one is not: $0.00"
)
PER_DIEM_KINDS = (INITIAL_HOSPITAL_CARE, SUBSEQUENT_HOSPITAL_CARE, NURSING_FACILITY_CARE, DISCHARGE_DAY)
PER_DIEM_CODES = INITIAL_HOSPITAL_CARE | SUBSEQUENT_HOSPITAL_CARE | NURSING_FACILITY_CARE | DISCHARGE_DAY
# Care plan oversight of a home health or hospice patient (G0181, G0182: 30 minutes or more in a calendar month) is one
# unit a month: "Providers billing for CPO must submit the claim with no other services billed on that claim and may
# bill only after the end of the month in which the CPO services were rendered. CPO services may not be billed across
# calendar months and should be submitted (and paid) only for one unit of service" (Claims Processing Manual ch. 12
# §180.1.A, as athenahealth's CPO FAQ and an AAPC forum answer quote it). The home health certification and
# recertification (G0180, G0179) are "per certification period" and "per re-certification period" (their HCPCS long
# descriptors, as the AAPC's "Don't Overlook Care Plan Oversight" quotes them; §180.1.B: the recertification "only
# once every 60 days"). A house-call trial's G0181 of 2 units was paid $210.44, twice the month's $105.22: a line of
# several units is paid one (``per_diem_units_rule``), as a per diem visit's.
HOME_HEALTH_HOSPICE_SUPERVISION = frozenset({"G0181", "G0182"})
HOME_HEALTH_CERTIFICATION = frozenset({"G0179", "G0180"})
ONE_UNIT_CODES = PER_DIEM_CODES | HOME_HEALTH_HOSPICE_SUPERVISION | HOME_HEALTH_CERTIFICATION
PRINCIPAL_PHYSICIAN = "AI"


def second_daily_care_rule(code: str) -> str:
    """The rule of a per diem line the day's other line of its kind outranks (``per_diem_kept``'s False)."""
    if code in DISCHARGE_DAY:
        return SECOND_DISCHARGE_RULE
    return SECOND_NURSING_FACILITY_RULE if code in NURSING_FACILITY_CARE else SECOND_DAILY_CARE_RULE


def per_diem_units_rule(code: str, units: int) -> str | None:
    """The note of a per diem line (hospital care, initial or subsequent; nursing facility care, visits and discharge)
    of several units, whose units after the first are not paid ($0.00 each: the line is paid one unit), or None. Care
    plan oversight (G0181, G0182) and the home health certification and recertification (G0180, G0179) alike."""
    if units < 2 or code not in ONE_UNIT_CODES:
        return None
    paid = f"one unit of this line is paid, {'unit 2' if units == 2 else f'units 2-{units}'} not: $0.00"
    if code in HOME_HEALTH_HOSPICE_SUPERVISION:
        return (
            f"{code} is care plan oversight of a {'home health' if code == 'G0181' else 'hospice'} patient, 30 minutes "
            "or more in a calendar month, billed for one unit of service, never across calendar months (Claims "
            f"Processing Manual ch. 12 §180.1.A): {paid}"
        )
    if code in HOME_HEALTH_CERTIFICATION:
        period = "certification" if code == "G0180" else "recertification"
        return (
            f"{code} is the physician's home health {period}, once per {period} period (its HCPCS descriptor, and "
            f"Claims Processing Manual ch. 12 §180.1.B): {paid}"
        )
    if code in DISCHARGE_DAY:
        return (
            f"{code} is hospital discharge day management (99238-99239): only one is payable per patient per hospital "
            f"stay (Claims Processing Manual ch. 12 §30.6.9.2): {paid}"
        )
    if code in NURSING_FACILITY_CARE:
        return (
            f"{code} is nursing facility care (99304-99310, or discharge day management 99315-99316), a per day "
            "service: Medicare does not pay more than one E/M visit by the same practitioner for the same patient on "
            f"the same date (Claims Processing Manual ch. 12 §30.6.13.B): {paid}"
        )
    return (
        f"{code} is per diem hospital care (initial care 99221-99223 or 99234-99236, or subsequent care 99231-99233), "
        "reported once a day by the same practitioner (CMS Transmittal 1545; Claims Processing Manual ch. 12 §30.6.9): "
        + paid
    )


def per_diem_kept(
    codes: Sequence[str], modifiers: Sequence[Iterable[str]] | None = None, amounts: Sequence[int] | None = None
) -> list[bool | None]:
    """Per line of one practitioner's encounter: None (no per diem hospital or nursing facility care), True (the line
    its kind and AI group keeps: the highest ``amounts``, cents, the first of equal ones) or False
    (``second_daily_care_rule``)."""
    best: dict[tuple[int, bool], int] = {}
    keys: list[tuple[int, bool] | None] = []
    for index, code in enumerate(codes):
        kind = next((n for n, group in enumerate(PER_DIEM_KINDS) if code in group), None)
        if kind is None:
            keys.append(None)
            continue
        # AI sets an admitting physician's line apart from a consultant's; a discharge is the attending physician's
        # alone (SECOND_DISCHARGE_RULE): AI on it sets nothing apart
        principal = modifiers is not None and PRINCIPAL_PHYSICIAN in set(modifiers[index])
        key = (kind, principal and PER_DIEM_KINDS[kind] is not DISCHARGE_DAY)
        keys.append(key)
        amount = 0 if amounts is None else amounts[index]
        if key not in best or amount > (0 if amounts is None else amounts[best[key]]):
            best[key] = index
    return [None if key is None else best[key] == index for index, key in enumerate(keys)]


# An office/outpatient visit beside a subsequent hospital care or a discharge of the same practitioner and date, with no
# admission that day (beside one, ADMISSION_DAY_RULE). CMS has no rule that denies either: ch. 12 §30.6.5 lets one
# E/M a day be reported by a practitioner (or same-specialty group) "unless the evaluation and management services are
# for unrelated problems" (as AAPC's "99231-99233 'Per Day' Rule Applies to Group" quotes §30.6.5; §30.6.7.B likewise
# pays two office visits of one day only for unrelated problems that "could not be provided during the same encounter",
# as Codapedia's "Are two E/M services payable on the same day?" quotes it). Whether the problems are unrelated is in
# the records, not on the claim: a note on the office visit, the amount stays (``OFFICE_BESIDE_HOSPITAL_NOTE``).
OFFICE_BESIDE_HOSPITAL_NOTE = (
    "Office/outpatient visit beside a subsequent hospital care (99231-99233) or a discharge (99238-99239) of the same "
    "practitioner on this claim and date: Medicare pays one E/M service a day by a practitioner (or physicians of the "
    "same specialty in a group) unless the visits are for unrelated problems (Claims Processing Manual ch. 12 §30.6.5, "
    "§30.6.7.B). Priced as given. The MAC may ask for the records or deny the second visit."
)


def same_day_hospital_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter (a claim and date): ``OFFICE_BESIDE_HOSPITAL_NOTE`` on an
    office/outpatient visit beside a subsequent hospital care or a discharge and no initial hospital care (beside one
    the visit is not paid: ``same_day_hospital_rules``), or None. The amounts stay. Batch:
    ``batch.claims._same_day_hospital``."""
    present = set(codes)
    if not INITIAL_HOSPITAL_CARE.isdisjoint(present) or (SUBSEQUENT_HOSPITAL_CARE | DISCHARGE_DAY).isdisjoint(present):
        return [None] * len(codes)
    return [OFFICE_BESIDE_HOSPITAL_NOTE if code in OFFICE_VISITS else None for code in codes]


# Two office/outpatient visits (99202-99215) of one practitioner on one claim and date (an urgent care's 99204 and
# 99213 of one NP's day). Claims Processing Manual ch. 12 §30.6.7.B: carriers "may not pay two E/M office visits billed
# by a physician (or physician of the same specialty from the same group practice) for the same beneficiary on the same
# day unless the physician documents that the visits were for unrelated problems ... which could not be provided during
# the same encounter" (as Medical Economics, "E/M coding: Can you bill multiple same-day visits?", July 2021, quotes
# it); §30.6.5 has the group's physicians combine related visits into one of "a level of service representative of the
# combined visits" (as AAPC quotes it). Whether the problems are unrelated is in the records, not on the claim: a note
# on each office visit, the amounts stay, as OFFICE_BESIDE_HOSPITAL_NOTE.
TWO_OFFICE_VISITS_NOTE = (
    "Two or more office/outpatient visits (99202-99215) of one practitioner (or physicians of the same specialty in "
    "one group) on this claim and date: Medicare pays "
    "a second office visit of the day only for unrelated problems that could not be seen in the same encounter, "
    "and otherwise one visit of the level of the combined visits (Claims Processing Manual ch. 12 §30.6.7.B, "
    "§30.6.5). Priced as given. The MAC may ask for the records or deny the second visit."
)


def two_office_visits_notes(codes: Sequence[str], unpaid: Sequence[bool] | None = None) -> list[str | None]:
    """Per line of one practitioner's encounter (a claim and date): ``TWO_OFFICE_VISITS_NOTE`` on each office/outpatient
    visit where the encounter has two or more of them, or None. The amounts stay. ``unpaid``: per line, whether a
    same-day rule paid it $0.00 (``same_day_hospital_rules``: an office visit beside the day's admission, 99211 beside a
    drug administration service): no visit the note counts, nor says is "priced as given". A practitioner's claim's
    rule (§30.6.7.B: "billed by a physician"): not a hospital's own bill's (the caller leaves it out). Batch:
    ``batch.claims._same_day_hospital``."""
    paid = [code in OFFICE_VISITS and not (unpaid is not None and unpaid[i]) for i, code in enumerate(codes)]
    if sum(paid) < 2:
        return [None] * len(codes)
    return [TWO_OFFICE_VISITS_NOTE if visit else None for visit in paid]


def same_day_hospital_rules(
    codes: Sequence[str], modifiers: Sequence[Iterable[str]] | None = None, amounts: Sequence[int] | None = None,
    unpaid: Sequence[bool] | None = None, denied: Iterable[str] = (), year: int | None = None,
) -> list[str | None]:  # fmt: skip
    """Per line of one practitioner's encounter (a claim and date): the rule that pays it $0.00 (``ADMISSION_DAY_RULE``:
    another site's visit beside an initial hospital care; ``INITIAL_DAY_VISIT_RULE``: a subsequent hospital care beside
    an initial one; ``ADMISSION_DAY_DISCHARGE_RULE``: a discharge beside an initial hospital care;
    ``DISCHARGE_DAY_RULE``: a subsequent hospital care beside a discharge; ``G2211_VISIT_ADMITTED_RULE``: G2211 whose
    visits are all another site's beside an admission; ``SECOND_DAILY_CARE_RULE``: an initial, or a subsequent, hospital
    care beside a higher-paid, or an equal earlier, line of the same kind and AI, ``SECOND_NURSING_FACILITY_RULE`` the
    same of nursing facility care: ``per_diem_kept``, ``modifiers`` and ``amounts`` the lines', in cents), or None; a
    prolonged add-on whose primary is not paid (``prolonged_primary_unpaid_rules``: ``unpaid`` and ``denied`` are
    its); 99211 beside a drug administration service, and its G2211 (``nurse_visit_rules``, in ``year``). Batch:
    ``batch.claims._same_day_hospital``
    on whole columns."""
    present = set(codes)
    admitted = not INITIAL_HOSPITAL_CARE.isdisjoint(present)
    discharged = not DISCHARGE_DAY.isdisjoint(present)
    kept = per_diem_kept(codes, modifiers, amounts)
    out: list[str | None] = []
    for code, keep in zip(codes, kept, strict=True):
        again = keep is False
        if admitted and code in OTHER_SITE_VISITS:
            out.append(ADMISSION_DAY_RULE)
        elif admitted and code in SUBSEQUENT_HOSPITAL_CARE:
            out.append(INITIAL_DAY_VISIT_RULE)
        elif admitted and code in DISCHARGE_DAY:
            out.append(ADMISSION_DAY_DISCHARGE_RULE)
        elif discharged and code in SUBSEQUENT_HOSPITAL_CARE:
            out.append(DISCHARGE_DAY_RULE)
        elif again:
            out.append(second_daily_care_rule(code))
        else:
            out.append(None)
    if admitted and G2211 in present and any(code in G2211_VISITS for code in codes):
        # every G2211 visit is an other site's visit, so all are part of the admission
        out = [G2211_VISIT_ADMITTED_RULE if code == G2211 else rule for code, rule in zip(codes, out, strict=True)]
    out = nurse_visit_rules(codes, modifiers, out, year)  # 99211 beside a drug administration service (CR 3631)
    return prolonged_primary_unpaid_rules(codes, out, unpaid, denied)


# Monthly ESRD-related services (the nephrologist's monthly capitation payment, MCP): 90951-90966 are billed once a
# calendar month, with 1 unit, whatever the number of visits (the code says how many); 90967-90970 are the same
# services per day, for less than a full month, and take units. Pub. 100-04 ch. 8 §140 and §140.1-§140.4 (the sections
# CMS's Recovery Audit topic 0112-MCP cites); the once-a-month limit as MACs state it: "Only one MCP service in CPT
# range 90951-90966 is permitted per calendar month ... Days/Units should be submitted as '1'" (Palmetto GBA, "ESRD
# Monthly Capitation Payment (MCP) Coding and Frequency Limitations"); "Report CPT codes 90951-90962 once per month"
# (CGS). CMS's manual text itself was read through those MAC pages. A note only: the amount stays units x the fee.
MONTHLY_ESRD_FIRST, MONTHLY_ESRD_LAST = 90951, 90966


def is_monthly_esrd(code: str) -> bool:
    """90951-90966: ESRD-related services per full month (not the per-day 90967-90970)."""
    return len(code) == 5 and code.isdigit() and MONTHLY_ESRD_FIRST <= int(code) <= MONTHLY_ESRD_LAST


def monthly_esrd_units_note(code: str, units: int) -> str | None:
    """The note on a monthly ESRD-related services line of several units, or None."""
    if units < 2 or not is_monthly_esrd(code):
        return None
    return (
        f"{code} is a monthly ESRD-related services code (90951-90966): billed once a calendar month with 1 unit "
        f"(Claims Processing Manual ch. 8 §140). The amounts are {units} times one month's. For part of a month, bill "
        "the per-day codes 90967-90970 with units."
    )


# The per-day codes 90967-90970: CPT's descriptor is "End-stage renal disease (ESRD) related services for dialysis less
# than a full month of service, per day" (iframe.ai and Coding Ahead quote it; CMS's RVU file: "Esrd svc pr day pt
# 20+"), billed with the days as units, for the calendar month's part (Pub. 100-04 ch. 8 §140.2 as the MACs restate
# it); a full month is the monthly code's, once (ch. 8 §140). Less than a full month is 30 days at most: a renal trial's
# `price 90970 --units 35` priced 35 days with no word. A note, the amount stays units x one day's.
PER_DAY_ESRD_MAX_UNITS = 30


def per_day_esrd_units_note(code: str, units: int) -> str | None:
    """The note on a per-day ESRD-related services line (90967-90970) of more than 30 units, or None."""
    if units <= PER_DAY_ESRD_MAX_UNITS or not (len(code) == 5 and code.isdigit() and 90967 <= int(code) <= 90970):
        return None
    return (
        f"{code} is an ESRD-related services code per day of less than a full month of service (CPT's descriptor), "
        f"its units the days: {units} days are more than any calendar month's part (30 at most). A full month is "
        "billed with the monthly code (90951-90966), once a month with 1 unit (Claims Processing Manual ch. 8 §140). "
        f"The amounts are {units} times one day's."
    )


# Several ESRD-related services lines of one claim in one calendar month: a second monthly code (90960 beside 90961) or
# a monthly code beside a per-day one (90960 beside 90970). "Only one MCP service in CPT range 90951-90966 is permitted
# per calendar month, even if multiple physicians are involved in the patient's care" (Palmetto GBA, "ESRD Monthly
# Capitation Payment (MCP) Coding and Frequency Limitations", on Pub. 100-04 ch. 8 §140); the per-day codes are for a
# month without a full month's service (ch. 8 §140.1-§140.2, as the MACs restate them; First Coast named claims billing
# "both the monthly capitation payment (MCP) and the daily per diem" as an error). A nephrology trial: 90960 beside
# 90961, and 90960 beside 90970 x 14, on one claim and month were priced without a word. A note on each such line, no
# money changed: which line is wrong the claim does not show. Price: the encounter's lines (one date); batch: the
# claim's lines of the calendar month (batch.claims._monthly_esrd_in_month).
PER_DAY_ESRD_FIRST, PER_DAY_ESRD_LAST = 90967, 90970
ESRD_RELATED_CODES = frozenset(str(code) for code in range(MONTHLY_ESRD_FIRST, PER_DAY_ESRD_LAST + 1))


def is_esrd_related(code: str) -> bool:
    """90951-90970: ESRD-related services, per month (90951-90966) or per day (90967-90970)."""
    return len(code) == 5 and code.isdigit() and MONTHLY_ESRD_FIRST <= int(code) <= PER_DAY_ESRD_LAST


def monthly_esrd_conflict_notes(codes: Sequence[str], identities: Sequence[object] | None = None) -> list[str | None]:
    """Per line of one claim's calendar month (its codes, in order): the note on an ESRD-related services line
    (``is_esrd_related``) beside another code of the range one month may not hold with it (a second monthly code, or
    a monthly code beside a per-day one), else None. With ``identities`` (each line's identity for the duplicate lines
    rule, ``engine.duplicates.line_identity`` with its date and practitioner; None for a line never a duplicate), a
    monthly code's second line counts too (90958 on the 12th and the 31st, or by an MD and an NP), except a line
    identical to it, which is the duplicate lines rule's. (No "; " in it: batch's note column joins a row's notes with
    it.)"""
    monthly = [is_monthly_esrd(code) for code in codes]
    out: list[str | None] = []
    for i, code in enumerate(codes):
        if not is_esrd_related(code):
            out.append(None)
            continue
        # a monthly line conflicts with any other ESRD-related line, a per-day line with a monthly one; the same monthly
        # code again in the month is a second monthly payment as well, unless the line is identical to it (a nephrology
        # trial's 90958 on 03/12 and 03/31 of one claim was priced twice with no word; a review's 90958 by an MD and an
        # NP on one date, or 90958 beside 90958-95, neither a duplicate, said nothing either)
        others = [
            other if other != code else f"another {code} line"
            for j, other in enumerate(codes)
            if j != i
            and is_esrd_related(other)
            and (monthly[i] or monthly[j])
            and (other != code or (monthly[i] and _not_identical(identities, i, j)))
        ]
        others = list(dict.fromkeys(others))
        out.append(
            f"{code} beside {', '.join(others)} on this claim in one calendar month: Medicare pays one monthly "
            "ESRD-related services code (90951-90966) a patient a calendar month, whoever bills it, and the per-day "
            "codes (90967-90970) only for a month without one (Claims Processing Manual ch. 8 §140). Priced as given."
            if others
            else None
        )
    return out


# A dialysis procedure (90935, 90937 hemodialysis; 90945, 90947 other dialysis) outside a hospital stay beside an
# ESRD-related services code (90951-90970) of the claim's calendar month. The monthly code is "reported once per month
# for services performed in an outpatient setting that are related to the patient's ESRD" (Claims Processing Manual ch.
# 8 §140 as Nephrology News & Issues restates it), a home patient's dialysis at a center included ("the MCP physician
# ... is paid the management fee for the home dialysis patient", CMS's Recovery Audit topic 0112-MCP); "CPT codes 90935
# and 90937 are used to report inpatient ESRD hemodialysis and outpatient hemodialysis performed on non-ESRD patients"
# (Palmetto GBA, "Dialysis Services (In/Outpatient) Same Date as an Evaluation & Management Service"), and the MCP
# leaves out "covered physician services to hospital inpatients, including services related to inpatient dialysis"
# (Palmetto GBA, "What is excluded in the monthly capitation payment (MCP)?"). CMS's own words: "A hemodialysis
# procedure with single physician visit as described by CPT code 90935 will only be used when the beneficiary is an
# inpatient or for outpatient dialysis services for a non-ESRD patient" (CY 2005 PFS final rule, CMS-1429-FC, 69 FR
# 66236, Nov. 15, 2004: payments for physicians managing patients on dialysis, the observation setting's visits). A
# nephrology trial: 90960 and 90935 of one claim and date at POS 65 (or 90935 at POS 22 that month, priced $59.25 at
# ZIP 37203) said nothing of it. A note on the dialysis line, priced as given; at an inpatient place (POS 21, 51, 61)
# none. Price: the encounter's lines; batch: the claim's lines of the calendar month
# (batch.claims._outpatient_dialysis_in_month).
DIALYSIS_PROCEDURES = frozenset({"90935", "90937", "90945", "90947"})
DIALYSIS_INPATIENT_PLACES = frozenset({"21", "51", "61"})


def outpatient_dialysis_notes(codes: Sequence[str], inpatient: Sequence[bool]) -> list[str | None]:
    """Per line of one claim's calendar month (its codes, and whether each is at an inpatient place,
    ``DIALYSIS_INPATIENT_PLACES``): the note on a dialysis procedure line (``DIALYSIS_PROCEDURES``) not at an inpatient
    place beside an ESRD-related services line (``is_esrd_related``), else None. (No "; " in it: batch joins a row's
    notes with it.)"""
    esrd = list(dict.fromkeys(code for code in codes if is_esrd_related(code)))
    if not esrd:
        return [None] * len(codes)
    return [
        f"{code} beside {', '.join(esrd)} on this claim in one calendar month, not at an inpatient place: the "
        "ESRD-related services code pays the ESRD patient's outpatient dialysis services for the month (Claims "
        "Processing Manual ch. 8 §140), and CPT reports 90935 and 90937 for an inpatient's ESRD dialysis or a "
        "non-ESRD outpatient's. Priced as given."
        if code in DIALYSIS_PROCEDURES and not at_inpatient
        else None
        for code, at_inpatient in zip(codes, inpatient, strict=True)
    ]


def _not_identical(identities: Sequence[object] | None, i: int, j: int) -> bool:
    """Whether lines ``i`` and ``j`` are known not to be identical (``monthly_esrd_conflict_notes``): their duplicate
    identities given and differing, a None matching none."""
    if identities is None:
        return False
    one, other = identities[i], identities[j]
    return one is None or other is None or one != other


# Critical care (99291, 99292). CPT's critical care guidelines, which Medicare adopted in the CY2022 PFS final rule (86
# FR 64996, FR Doc. 2021-23972; Claims Processing Manual ch. 12 §30.6.12 as revised for 2022: read through trade
# summaries, e.g. Codapedia's "Critical Care Services Changes in the Medicare 2022 Final Rule", Zotec's "2022 Medicare
# Critical Care Updates"; CMS's text itself was not found by rvucalc's search): 99291 is the first 30-74 minutes of
# critical care on a date, reported once per date by a practitioner ("Report initial service (30-74 minutes) with CPT
# code 99291 with a count of one unit. Report each additional 30 minutes as one unit using CPT 99292", as a payer's
# guide quotes CPT); 99292 is its add-on. The services CPT bundles into critical care, not reported apart by the
# practitioner who bills it that day (CPT's critical care preamble as AAPC's "Clip And Save: Don't Forget The Services
# That Are Bundled into 99291 and +99292", 2018, lists it; the same list, with the older X-ray codes, in the pre-2021
# ch. 12 §30.6.12 as older Medicare billing pages quote it): cardiac output interpretation 93561, 93562; chest X-rays,
# professional component 71045, 71046; pulse oximetry 94760-94762; blood gases and computer data 99090; gastric
# intubation 43752, 43753; temporary transcutaneous pacing 92953; ventilator management 94002-94004, 94660, 94662;
# vascular access 36000, 36410, 36415, 36591, 36600. (93598, cardiac output measurement, is in none of the lists rvucalc
# read: left out.) Notes only: the amounts stay (NCCI's edits, which deny such lines, are not modelled; a facility bills
# them apart).
CRITICAL_CARE = "99291"
CRITICAL_CARE_ADD_ON = "99292"
CRITICAL_CARE_BUNDLED = frozenset({
    "93561", "93562", "71045", "71046", "94760", "94761", "94762", "99090", "43752", "43753", "92953", "94002",
    "94003", "94004", "94660", "94662", "36000", "36410", "36415", "36591", "36600",
})  # fmt: skip
CRITICAL_CARE_TWICE_NOTE = (
    "99291 (critical care, first 30-74 minutes) is reported once per date per practitioner, time beyond it as 99292 "
    "(CY2022 PFS final rule, CPT): this claim and date has it more than once, priced as given."
)
# An add-on code is paid only with its primary service by the same practitioner, never when it is the only service
# reported, with one exception: 99292 (CMS Transmittal 2636, CR 7501, "add-on codes", as restated by payers' pages):
# "if two or more physicians of the same specialty in a group practice provide critical care services to the same
# patient on the same date of service ... only one physician ... may report CPT code 99291 ... and the other
# physician(s) must report their critical care services with CPT code 99292" (Claims Processing Manual ch. 12
# §30.6.12(I), as Palmetto GBA's "Critical Care Billing Same Specialty/Group" tip restates it). Said, not applied.
CRITICAL_CARE_ADD_ON_NOTE = (
    "99292 is an add-on to 99291 (each further 30 minutes of critical care), and there is no 99291 on this claim and "
    "date: CMS pays it with 99291, or alone only to a practitioner of the same specialty and group as the one who "
    "billed 99291 that date (Claims Processing Manual ch. 12 §30.6.12(I)), priced as given."
)
# Batch alone (a claim's lines billed by several practitioners; ``rvucalc price`` prices one practitioner's): 99292
# whose practitioner has no 99291 on the claim and date, where another practitioner (a physician beside an NP, PA or
# CNS, or an NP beside a PA: another Medicare specialty, as ``batch.claims.price_claims`` groups them) has one. The
# exception of §30.6.12(I) is for the same group and specialty; a split/shared critical care service (modifier FS) is
# billed whole, 99291 and 99292, by the practitioner who furnished its substantive portion, more than half its time
# (CY2022 PFS final rule, 86 FR 64996, as HBE Advisors' "CMS Finalizes Major Changes for Split/Shared and Critical
# Care" and Coker's "How the CY 2022 PFS Final Rule Affects Split/Shared Visits and Critical Care Services" summarize
# it). Said, not applied, as the note above: the amount stays (the MAC sees the enrolled specialties; rvucalc the
# credential column).
CRITICAL_CARE_ADD_ON_OTHER_NOTE = (
    "99292 is an add-on to 99291 (each further 30 minutes of critical care), and the 99291 on this claim and date is "
    "another practitioner's (the provider column: a physician's beside an NP's, PA's or CNS's line, another Medicare "
    "specialty): CMS pays 99292 alone only to a practitioner of the same specialty and group as the one who billed "
    "99291 that date (Claims Processing Manual ch. 12 §30.6.12(I)), and a split/shared critical care service (FS) is "
    "billed whole, 99291 and 99292, by the practitioner who furnished more than half of its time (CY2022 PFS final "
    "rule), priced as given."
)
# Batch alone too: 99291 of two practitioners (the provider column) on one claim and date, one of whose lines has FS
# (split/shared). A split (or shared) visit is paid to the practitioner who performs its substantive portion, for
# critical care (from CY2022) more than half of the total time (Claims Processing Manual ch. 12 as revised by
# the CY2022 PFS final rule, as First Coast's "Split or shared E/M guidelines: Medicare Claims Processing Manual
# updates", 2024, and Novitas's split/shared page state it); so the service FS marks is billed once, by one of them,
# and a second 99291 of the same date is either that same service twice or a concurrent one CMS pays only when it is
# medically necessary and not duplicative (NGS's critical care FAQ: 99291 "can only be billed by one provider, who
# performs and bills the entire service"). Which it is the records say: a note, the amounts stay.
CRITICAL_CARE_SPLIT_OTHER_NOTE = (
    "99291 is billed on this claim and date by another practitioner too (the provider column), and a 99291 line of "
    "it has FS (split/shared): a split/shared critical care service is billed once, by the practitioner who "
    "furnished more than half of its time (Claims Processing Manual ch. 12, CY2022 PFS final rule), and another "
    "practitioner's 99291 the same date is paid only as concurrent care that is medically necessary and not "
    "duplicative. Priced as given."
)
# Batch alone too: 99291 of two practitioners of the claim and date, no line of them with FS. Claims Processing Manual
# ch. 12 §30.6.12(I), as Palmetto GBA's E/M tips "Critical Care Billing Same Specialty/Group" and "Critical Care
# Different Specialty/Same Group" restate it: practitioners of the same specialty and group are paid as one (one 99291
# for the date, the covering one's time as 99292), while those of different specialties are each paid only for
# critical care that is medically necessary and not duplicative (concurrent care); NGS's FAQ: NPPs are not of the same
# specialty as the group's physicians. Which it is the enrolled specialties and records say: a note, the amounts stay.
CRITICAL_CARE_TWO_PRACTITIONERS_NOTE = (
    "99291 is billed on this claim and date by another practitioner too (the provider column), and no 99291 line of "
    "it has FS (split/shared): critical care by practitioners of the same specialty and group on one date is paid "
    "once as 99291, the other's time as 99292, unless split/shared (FS: billed once, by the practitioner who furnished "
    "more than half of its time). Practitioners of different specialties are each paid only for concurrent care that "
    "is medically necessary and not duplicative (Claims Processing Manual ch. 12 §30.6.12). Priced as given."
)
# The list is of a practitioner's services: "The following services when performed on the day a physician bills for
# critical care are included in the critical care service and should not be reported separately" (Claims Processing
# Manual ch. 12 §30.6.12, as cms1500claimbilling.com quotes it, 36415 among them: "Blood draw for specimen"). Not a
# hospital's or ASC's facility line of the code: a venipuncture at POS 22 beside 99291 (36415, a CLFS code, the
# hospital's line a conditionally packaged SI Q4 lab said on its own) read as though the hospital's line were bundled
# into the physician's critical care. Said of the practitioner's claim, price and batch alike.
CRITICAL_CARE_BUNDLED_NOTE = (
    "Included in critical care (99291/99292) on the practitioner's claim when the same practitioner bills both on this "
    "date (CPT's bundled list, Claims Processing Manual ch. 12 §30.6.12, CY2022 PFS final rule): the practitioner is "
    "not paid it apart, priced as given (NCCI not modelled)."
)

# Critical care beside another E/M visit of the same practitioner on the date. The CY2022 PFS final rule (86 FR 64996,
# FR Doc. 2021-23972), as Zotec's "2022 Medicare Critical Care Updates" restates it: "Critical care services may be
# paid on the same day as other E/M visits by the same practitioner or another practitioner in the same group of the
# same specialty, if the practitioner documents that the E/M visit was provided prior to the critical care service at
# a time when the patient did not require critical care, the visit was medically necessary, and the services are
# separate and distinct ... Practitioners must report modifier -25 on the claim when reporting these critical care
# services" (the rule's heading names same-day emergency department, inpatient and office/outpatient visits). A
# faculty practice trial's claim billed 99233 and 99291 by one physician on one date, no 25, and read nothing. A note
# on the 99291 line without 25, the amounts as given (the records decide; NCCI is not modelled). Batch: the same
# practitioner's lines of the claim and date (batch.claims._encounter_notes), as ``rvucalc price`` prices one's.
CRITICAL_CARE_SAME_DAY_FIRST_YEAR = 2022
CRITICAL_CARE_SAME_DAY_VISITS = frozenset({
    *(str(code) for code in range(99202, 99206)), *(str(code) for code in range(99211, 99216)),
    "99221", "99222", "99223", "99231", "99232", "99233", "99234", "99235", "99236",
    *(str(code) for code in range(99281, 99286)),
})  # fmt: skip
# The rule asks 25 "on the claim"; many practices put it on the visit line instead (to pass the NCCI edit that bundles
# the visit into critical care, as AAPC's Pulmonology Coding Alert answer "Using Mod -25 May Come With A Price"
# advises): the claim then carries it, and a note saying "without modifier 25" would be wrong (a review found it on
# 99233-25 beside 99291). The note is for a 99291 whose encounter has 25 on neither line.
CRITICAL_CARE_SAME_DAY_MODIFIER = "25"


def critical_care_same_day_visit_note(visits_beside: Sequence[str]) -> str:
    """The note on a 99291 line without 25 beside the same practitioner's E/M visits ``visits_beside`` (in order,
    each once) on the claim and date."""
    listed = ", ".join(visits_beside)
    return (
        f"99291 beside an E/M visit of the same practitioner on this claim and date ({listed}), with modifier 25 on "
        "neither: CMS pays critical care the same day as another E/M visit only when the visit was furnished before "
        "it, at a time the patient did not need critical care, and the critical care is reported with modifier 25 "
        "(CY2022 PFS final rule), priced as given."
    )


# Ventilator management (94002-94004) beside an E/M visit of the same practitioner on the date, critical care aside
# (CRITICAL_CARE_BUNDLED_NOTE says that one): CPT's parenthetical after the codes, "Do not report 94002-94004 in
# conjunction with E/M services 99202-99499", and CPT Assistant (March 2007): 94002 "may not be reported in conjunction
# with evaluation and management services", as AAPC's Pulmonology Coding Alert ("You Be the Coder: Can You Report Vent
# Management Appropriately?") quotes them: ventilator management is in the visit's work. A pulmonology trial's claim
# billed 94003 and 99232 at POS 21 by one physician on one date and read nothing (94002 beside 99291 was noted). The E/M
# visits Medicare pays in CPT's range: office/outpatient, hospital inpatient or observation (discharge too), emergency
# department, nursing facility and home or residence visits (the consultations are status I in CMS's RVU file, and
# critical care has its own note). A note on the ventilator line, the amounts as given (NCCI's edits are not modelled).
VENTILATOR_MANAGEMENT = frozenset({"94002", "94003", "94004"})
VENTILATOR_VISITS = frozenset({
    *CRITICAL_CARE_SAME_DAY_VISITS, "99238", "99239",
    *(str(code) for code in range(99304, 99311)), "99315", "99316",
    "99341", "99342", "99344", "99345", *(str(code) for code in range(99347, 99351)),
})  # fmt: skip


def ventilator_with_visit_note(visits_beside: Sequence[str]) -> str:
    """The note on a 94002-94004 line beside the same practitioner's E/M visits ``visits_beside`` (in order, each once)
    on the claim and date, with no critical care there."""
    listed = ", ".join(visits_beside)
    return (
        f"Ventilator management beside an E/M visit of the same practitioner on this claim and date ({listed}): CPT "
        'says "Do not report 94002-94004 in conjunction with E/M services 99202-99499" (the visit includes it: CPT '
        "Assistant, March 2007, as AAPC's Pulmonology Coding Alert quotes them), so the MAC may deny this line. Priced "
        "as given (NCCI not modelled)."
    )


# Medicare's count of 99292 differs from CPT's: a unit of 99292 is reported only for a full 30 minutes beyond the first
# 74, so the first unit at 104 minutes of critical care on the date, the second at 134 (CPT's midpoint counts one from
# 75). The CY2023 PFS final rule's "Technical Correction for Split (or Shared) Critical Care Services" corrected the
# CY2022 rule's "75 or more cumulative total minutes", and MLN Matters MM12982 (CR 12982, Transmittal R11708CP, ch. 12
# §30.6.12) restates it: "Use CPT Code 99292 to report additional, complete 30-minute time increments ... it isn't
# reported until at least 104 minutes are spent (74 + 30 = 104 minutes)" (as CodingIntel's "CPT and CMS rules for
# critical care: differences" and AAPC's "MPFS Final Rule: Know Your Payer Before Reporting +99292" quote them; CMS's
# own pages were not read here). A hospitalist trial: 99292 x 2 was priced with no word of the time it takes, and
# 99291's units note said only "time beyond its first 30-74 minutes as 99292". Said on a line of several units (the
# ``lookup.pricer.code_units_note`` channel, price and batch alike); the amount stays units x one unit's.
CRITICAL_CARE_FIRST_MINUTES = 74
CRITICAL_CARE_ADD_ON_MINUTES = 30
CRITICAL_CARE_COUNT_SOURCE = "CY2023 PFS final rule, MLN Matters MM12982"


# An office or other outpatient visit (99202-99215) is one service: "If more than one evaluation and management
# (face-to-face) service is provided on the same day to the same patient by the same physician, or more than one
# physician in the same specialty in the same group, only one evaluation and management (E/M) service may be reported
# unless the E/M services are for unrelated problems. Instead of billing separately, the physicians should select a
# level of service representative of the combined visits" (Claims Processing Manual ch. 12 §30.6.5, as Palmetto GBA, a
# CMS MAC, restates it: "E/M Coding Reminder: Group Practices", 2020-08-03). A contract analyst's MA remit's 99213 x 2
# (ZIP 60540, 2026-04-04) was priced $198.26, twice one visit, with no word. Said on a line of several units (the
# ``lookup.pricer.code_units_note`` channel, price and batch alike); the amount stays units x one unit's.
OFFICE_VISIT_UNITS_SOURCE = "Claims Processing Manual ch. 12 §30.6.5"


def office_visit_units_note(code: str, units: int) -> str | None:
    """The note on an office or other outpatient visit line (99202-99215) of several units, or None. No "; " in it."""
    if units < 2 or code not in OFFICE_VISITS:
        return None
    return (
        f"{code} x {units}: an office or outpatient visit is one service, and the same practitioner (or the same "
        f"specialty of the group) reports one E/M visit a date, the level chosen for the day's combined visits, "
        f"unless a later visit is for an unrelated problem, billed on its own line ({OFFICE_VISIT_UNITS_SOURCE}). "
        f"Priced as given ({units} times one {code}): the MAC may deny the units above 1."
    )


def critical_care_units_note(code: str, units: int) -> str | None:
    """The note on a 99291 line of several units (99291 once per date per practitioner), or on a 99292 line of several
    units (Medicare's minutes for them), or None."""
    if units < 2 or code not in (CRITICAL_CARE, CRITICAL_CARE_ADD_ON):
        return None
    if code == CRITICAL_CARE_ADD_ON:
        minutes = CRITICAL_CARE_FIRST_MINUTES + CRITICAL_CARE_ADD_ON_MINUTES * units
        return (
            f"99292 x {units}: Medicare counts a unit of 99292 only for a full 30 minutes of critical care beyond the "
            f"first {CRITICAL_CARE_FIRST_MINUTES}, so {units} units take at least {minutes} minutes on the date, not "
            f"CPT's midpoint count ({CRITICAL_CARE_COUNT_SOURCE}). The amounts are {units} times one 99292's."
        )
    return (
        f"99291 is reported once per date per practitioner, time beyond its first 30-74 minutes as 99292 (CY2022 PFS "
        f"final rule, CPT: Medicare counts a unit of 99292 only for a full 30 minutes beyond the first "
        f"{CRITICAL_CARE_FIRST_MINUTES}, from {CRITICAL_CARE_FIRST_MINUTES + CRITICAL_CARE_ADD_ON_MINUTES} minutes, "
        f"{CRITICAL_CARE_COUNT_SOURCE}): the amounts are {units} times one 99291's."
    )


# Medicare's prolonged E/M add-ons (CY2023 PFS final rule, in place of CPT's 99418): G0316 (hospital inpatient or
# observation) is reported with 99223, 99233 or 99236 alone ("HCPCS code G0316 should be listed separately in addition
# to CPT codes 99223, 99233, and 99236 ... You should not report G0316 with other primary services": Novitas, "Prolonged
# services for hospital inpatient or observation care"; HCPCS's long descriptor says the same); G0317 (nursing
# facility) with 99306 or 99310; G0318 (home or residence) with 99345 or 99350 (AAFP's table of the CY2023 PFS final
# rule's prolonged service codes). A note, as G2211's with no visit: the amount stays.
PROLONGED_PRIMARIES = {
    "G0316": ("99223", "99233", "99236"),
    "G0317": ("99306", "99310"),
    "G0318": ("99345", "99350"),
}
PROLONGED_FIRST_YEAR = 2023
PROLONGED_KINDS = {
    "G0316": "hospital inpatient or observation care",
    "G0317": "nursing facility care",
    "G0318": "home or residence care",
    "G2212": "office or other outpatient care",
}
# G2212, Medicare's prolonged office or other outpatient E/M add-on (the CY2021 PFS final rule's, in place of CPT's
# 99417), is reported with 99205, 99215 or 99483 alone: its HCPCS long descriptor (from 2023) "list separately in
# addition to CPT codes 99205, 99215, 99483 for office or other outpatient evaluation and management services" (as
# HCPCS look-ups such as hcpcs.codes and billbusted.com print it; CMS's HCPCS file is not installed here); AAFP's table
# of the CY2023 PFS final rule's prolonged service codes: 99483 (cognitive assessment and care planning) with G2212, at
# 100 minutes. G2212's RVU file row has global XXX, not ZZZ, so engine.add_ons never noted it. Its note without a
# primary is G0316-G0318's (``prolonged_without_primary_note``, the amount unchanged); the $0.00 rules of a primary not
# paid (``prolonged_primary_unpaid_rules``) stay G0316-G0318's (PROLONGED_PRIMARIES): rvucalc has not read that CMS
# lists G2212 among the Type I add-ons of CR 7501.
PROLONGED_OFFICE = "G2212"
PROLONGED_NOTED = {**PROLONGED_PRIMARIES, PROLONGED_OFFICE: ("99205", "99215", "99483")}
PROLONGED_SOURCES = {
    "G0316": "CY2023 PFS final rule",
    "G0317": "CY2023 PFS final rule",
    "G0318": "CY2023 PFS final rule",
    "G2212": "CY2021 PFS final rule, 99483 added by the CY2023 PFS final rule",  # no "; ": batch joins notes with it
}


def _listed_primaries(code: str) -> str:
    """A prolonged add-on's primary codes as the notes name them ('99223, 99233 or 99236')."""
    primaries = PROLONGED_NOTED[code]
    return ", ".join(primaries[:-1]) + " or " + primaries[-1]


# G2212 is the office's: after a home or residence visit (99345, 99350) Medicare pays the prolonged time as G0318 (its
# HCPCS descriptor, AAFP's table of the CY2023 PFS final rule, as ``cpt_prolonged_note`` says of 99417): a hospice and
# home-care group's trial billed 99350 + G2212 and was told only "an add-on to 99205, 99215 or 99483".
_PROLONGED_ELSEWHERE = {"G2212": "G0318"}


# The primary is looked for among the same practitioner's lines (batch: a provider column's practitioner, as the
# README's "Each practitioner's lines stay apart for the rules that are one practitioner's: ... prolonged services,
# add-ons with their primary"; CR 7501's Type I add-on: a listed primary "paid to the same practitioner for the same
# patient on the same date"), as G2211's note says. A faculty practice trial's claim had an NP's 99233-FS and the
# physician's G0316 on one date, and read "there is none on this claim and date" beside the 99233.
#
# Beside the primary visit of another of Medicare's prolonged codes (``instead``, in ``PROLONGED_NOTED``'s order, as
# ``cpt_prolonged_note``'s), the note names that visit's code in place of ``_PROLONGED_ELSEWHERE``'s: each code's
# descriptor lists its own primaries (CY2023 PFS final rule; AAFP's table as above), so after a nursing facility visit
# (99306, 99310) the prolonged time is G0317's (First Coast, "Prolonged physician services: Nursing facility E/M
# visits": "List separately in addition to the CPT codes 99306 and 99310"). A post-acute group's trial billed 99310 +
# G2212 at POS 32 and was told only that "after 99345 or 99350 Medicare pays prolonged home or residence care time as
# G0318", and 99350 + G0317 at POS 13 nothing of G0318.
def prolonged_without_primary_note(code: str, instead: Sequence[str] = ()) -> str:
    listed = _listed_primaries(code)
    note = (
        f"{code} (prolonged {PROLONGED_KINDS[code]}) is an add-on to {listed}, and there is none by the same "
        "practitioner on this claim and date (batch: a provider column's practitioner): CMS pays it with one of them "
        f"({PROLONGED_SOURCES[code]}), priced as given"
    )
    others = [other for other in instead if other != code]
    if not others and code in _PROLONGED_ELSEWHERE:
        others = [_PROLONGED_ELSEWHERE[code]]
    for other in others:
        note += (
            f", and after {_listed_primaries(other)} Medicare pays prolonged {PROLONGED_KINDS[other]} time as {other} "
            f"({PROLONGED_SOURCES[other]})"
        )
    return note  # no final period: batch joins a row's notes with "; " (a trial's "priced as given.;")


# CPT's prolonged E/M add-ons, which Medicare does not pay (RVU file status I: engine.pfs.MEDICARE_CODE_INSTEAD names
# Medicare's codes by the visit they follow): 99417 (CPT: after 99205, 99215, 99245, 99345, 99350, 99483) and 99418
# (after 99223, 99233, 99236, 99255, 99306, 99310). Medicare's code is the one whose descriptor lists the visit (the
# HCPCS descriptors as above, AAFP's table of the CY2023 PFS final rule): G2212 after 99205, 99215, 99483; G0316 after
# 99223, 99233, 99236; G0317 after 99306, 99310; G0318 after 99345, 99350 (a trial: `price 99345 99417` and `price
# 99310 99417` were told "Medicare pays it as G2212 (prolonged office or outpatient visit ...)"). A note naming the
# code for the visit beside it on the claim and date; the line stays status I, not paid.
CPT_PROLONGED = frozenset({"99417", "99418"})


# Medicare's prolonged codes mostly start later than CPT's: CMS counts from the end of the primary visit's time range,
# not from its start, so G2212's first unit is billed at 89 minutes' total time after 99205 (60-74 minutes) and 69 after
# 99215 (40-54), each further unit 15 minutes more (CY2021 PFS final rule, Federal Register document 2020-26815 of
# December 28, 2020, as AAPC's forum and coders' pages restate it: "the total time required to report the first unit
# of G2212 in addition to 99205 would be 89-103 minutes; ... 99215 ... 69-83 minutes"), and the CY2023 PFS final
# rule's thresholds for the others (AAFP's table, "Primary E/M service / Prolonged service code / Time threshold"):
# 99483 G2212 100 minutes; 99223 G0316 90, 99233 65, 99236 110; 99306 G0317 95, 99310 85; 99345 G0318 140, 99350 110.
# A neurology trial billed 99215 + 99417 x 2 and was told "bill G2212 in place of 99417", which reads as the same
# units: for one total time G2212's units may be fewer than 99417's (CPT's 99417 starts 15 minutes after the range's
# low end). A note, no money. Not after 99223 and 99233: there G0316's 90 and 65 minutes are CPT's own count (the
# visit's 75 or 50 minutes plus 15: NGS, "NGS' Prolonged Services Timetable 2025", ngsmedicare.com, "+15 (same as
# CPT)"), so a review found "not CPT's start ... they may be fewer than 99418's" wrong beside them
# (``PROLONGED_AS_CPT``).
PROLONGED_AS_CPT = frozenset({"99223", "99233"})
PROLONGED_THRESHOLDS: dict[str, tuple[tuple[str, int], ...]] = {
    "G2212": (("99205", 89), ("99215", 69), ("99483", 100)),
    "G0316": (("99223", 90), ("99233", 65), ("99236", 110)),
    "G0317": (("99306", 95), ("99310", 85)),
    "G0318": (("99345", 140), ("99350", 110)),
}


def _thresholds(add_on: str) -> str:
    """'its first unit at 89 minutes' total time after 99205, 69 after 99215 or 100 after 99483'"""
    pairs = [f"{minutes} after {visit}" for visit, minutes in PROLONGED_THRESHOLDS[add_on]]
    pairs[0] = pairs[0].replace(" after", " minutes' total time after", 1)
    return f"{add_on}'s first unit at " + ", ".join(pairs[:-1]) + " or " + pairs[-1]


# A line of several units of Medicare's prolonged code (G0316 x 3) is priced as units x one unit's, as 99292 x 2 is
# (``critical_care_units_note``), with no word of the time they take: a hospitalist trial's G0316 x 3 beside 99223 read
# nothing. The units count from Medicare's thresholds above (the first unit at the primary's threshold, each further
# one 15 minutes more: CY2021 and CY2023 PFS final rules), so the line says the least total time its units take after
# each listed primary. Said on a line of several units (the ``lookup.pricer.code_units_note`` channel, price and batch
# alike); the amount stays units x one unit's.
PROLONGED_UNIT_MINUTES = 15
# A nursing facility's or home visit's prolonged time is not the visit date's alone: "the practitioner's time spent
# performing qualifying activities may be counted when performed on any date within the surveyed timeframe for the
# visit" (First Coast, "Prolonged physician services: Nursing facility E/M visits", restating Claims Processing Manual
# ch. 12 §30.6), the CY2023 PFS final rule's timeframes as AAFP's table lists them: 1 day before to 3 days after 99306
# or 99310 (G0317), 3 days before to 7 days after 99345 or 99350 (G0318). A review found G0317 x 2's and G0318 x 3's
# notes saying their minutes are taken "on the date".
_PROLONGED_TIMEFRAMES = {
    "G0317": ", counted from 1 day before the visit to 3 days after it (the visit's surveyed timeframe)",
    "G0318": ", counted from 3 days before the visit to 7 days after it (the visit's surveyed timeframe)",
}


def prolonged_units_note(code: str, units: int) -> str | None:
    """The note on a G0316-G0318 line of several units (``PROLONGED_THRESHOLDS``), or None. No "; " in it. Not on
    G2212's: its line beside a home visit names G0318 in a note of its own (tests/test_hospice_hpsa_notes.py)."""
    if units < 2 or code not in PROLONGED_THRESHOLDS or code == "G2212":
        return None
    more = PROLONGED_UNIT_MINUTES * (units - 1)
    least = [f"{minutes + more} after {visit}" for visit, minutes in PROLONGED_THRESHOLDS[code]]
    least[0] = least[0].replace(" after", " minutes' total time after", 1)
    return (
        f"{code} x {units}: Medicare counts {_thresholds(code)}, each further unit {PROLONGED_UNIT_MINUTES} minutes "
        f"more ({PROLONGED_SOURCES[code]}), so {units} units take at least "
        + ", ".join(least[:-1])
        + " or "
        + least[-1]
        + f"{_PROLONGED_TIMEFRAMES.get(code, ' on the date')}. The amounts are {units} times one {code}'s."
    )


def cpt_prolonged_note(code: str, instead: Sequence[str]) -> str:
    """The note on 99417 or 99418 beside the primary visits of Medicare's prolonged codes ``instead`` (in
    ``PROLONGED_NOTED``'s order): the code Medicare pays the time as, and where its units start
    (``PROLONGED_THRESHOLDS``)."""
    said = ", and ".join(
        f"after {_listed_primaries(add_on)} ({PROLONGED_KINDS[add_on]}) as {add_on} ({PROLONGED_SOURCES[add_on]})"
        for add_on in instead
    )
    starts = ", ".join(_thresholds(add_on) for add_on in instead)
    visits = [visit for add_on in instead for visit, _ in PROLONGED_THRESHOLDS[add_on]]
    later = [visit for visit in visits if visit not in PROLONGED_AS_CPT]
    same = [visit for visit in visits if visit in PROLONGED_AS_CPT]
    counted = (
        f"after {_joined(later)} later than CPT's {code} (15 minutes beyond the visit's required time), so its units "
        f"may be fewer than {code}'s"
    )
    if same:
        counted = f"after {_joined(same)} the same as CPT's count, {counted}"
    return (
        f"{code} is CPT's prolonged service code, which Medicare does not pay (status I): beside this claim and date's "
        f"visit Medicare pays the prolonged time {said}: bill {' or '.join(instead)} in place of {code}, counting its "
        f"units from Medicare's thresholds ({starts}, each further unit 15 minutes more: CY2021 and CY2023 PFS final "
        f"rules), {counted}."
    )


def _joined(codes: Sequence[str]) -> str:
    """'99205, 99215 and 99483'"""
    return ", ".join(codes[:-1]) + " and " + codes[-1] if len(codes) > 1 else codes[0]


# A prolonged add-on whose primary visits on the claim and date are all paid $0.00 by the same-day hospital care rules
# (``same_day_hospital_rules``: 99222 then 99223 + G0316 by one practitioner on one date, 99223 the day's second
# initial care; 99221 + 99233 + G0316, 99233 part of the initial day; 99223 + 99306 + G0317, the nursing facility
# visit part of the admission) is not paid either: $0.00. G0316-G0318 are add-ons with listed primary codes (their
# descriptors: "List separately in addition to CPT codes 99223, 99233, and 99236"; CY2023 PFS final rule, which has
# G0316 reported with 99223, 99233 or 99236 when the primary visit's time is exceeded by 15 minutes or more, as
# Novitas's "Prolonged services for hospital inpatient or observation care" restates it), i.e. Type I add-on codes of
# Transmittal 2636 (CR 7501): "eligible for payment if one of the listed primary procedure codes is also eligible for
# payment to the same practitioner for the same patient on the same date of service ... never paid unless a listed
# primary procedure code is also paid" (as MLN and trade restatements of CR 7501 quote it). A prolonged add-on with no
# primary on the claim keeps its amount and is noted (``prolonged_without_primary_note``: the primary may be on
# another claim); here the claim shows its primary, and that it is not paid. Batch: ``batch.claims._prolonged_unpaid``.
def prolonged_primary_unpaid_rule(code: str) -> str:
    listed = _listed_primaries(code)
    return (
        f"{code} not payable: it is an add-on to {listed} (prolonged {PROLONGED_KINDS[code]}), and its primary "
        "visit on this claim and date is not paid (the same-day hospital care rule on that line, Claims Processing "
        "Manual ch. 12 §30.6.9); CMS pays an add-on only with a listed primary service paid to the same practitioner "
        "on the same date (Transmittal 2636, CR 7501): $0.00"
    )


# The same holds when the primary is left unpaid another way (the Type I add-on is "never paid unless a listed primary
# procedure code is also paid", CR 7501 as above; G2211's ``G2211_VISIT_UNPAID_RULE`` the same): an E/M-57 beside a
# minor procedure (``EM_57_BESIDE_MINOR_RULE``, Claims Processing Manual ch. 12 §30.6.6.C), or a primary Medicare
# denies (GY, GZ or EY on it: ``engine.modifiers.denied``, the line an error in price and batch alike, so on no line of
# the encounter). $0.00, in price and batch (``batch.claims._prolonged_unpaid``) alike.
def prolonged_primary_refused_rule(code: str) -> str:
    listed = _listed_primaries(code)
    return (
        f"{code} not payable: it is an add-on to {listed} (prolonged {PROLONGED_KINDS[code]}), and its primary "
        "visit on this claim and date is not paid (an E/M with 57 beside a minor procedure, Claims Processing Manual "
        "ch. 12 §30.6.6.C; a visit denied with GY, GZ or EY; or a same-day hospital care rule, §30.6.9); CMS pays an "
        "add-on only with a listed primary service paid to the same practitioner on the same date (Transmittal 2636, "
        "CR 7501): $0.00"
    )


def prolonged_primary_unpaid_rules(
    codes: Sequence[str], rules: Sequence[str | None], unpaid: Sequence[bool] | None = None, denied: Iterable[str] = ()
) -> list[str | None]:
    """Per line of one practitioner's encounter: ``rules`` (``same_day_hospital_rules``' per line), with each prolonged
    add-on (G0316-G0318) whose primary visits on the encounter are all so paid $0.00 given
    ``prolonged_primary_unpaid_rule``; all not paid, some for another reason (``unpaid``: per line, an E/M-57 beside a
    minor procedure), or none on the encounter and one refused as denied (``denied``: the codes of the encounter's
    lines refused with GY, GZ or EY, none of ``codes``), given ``prolonged_primary_refused_rule``; one with none of
    them keeps its rule (None: ``encounter_notes`` notes it)."""
    out = list(rules)
    other_way = list(unpaid) if unpaid is not None else [False] * len(codes)
    refused_codes = set(denied)
    for index, code in enumerate(codes):
        primaries = PROLONGED_PRIMARIES.get(code)
        if primaries is None or out[index] is not None:
            continue
        at = [(rule is not None, other_way[n]) for n, (other, rule) in enumerate(zip(codes, rules, strict=True))
              if other in primaries]  # fmt: skip
        if at and all(same_day for same_day, _ in at):
            out[index] = prolonged_primary_unpaid_rule(code)
        elif (at and all(same_day or not_paid for same_day, not_paid in at)) or (
            not at and refused_codes.intersection(primaries)  # its only primary denied: not on the encounter
        ):
            out[index] = prolonged_primary_refused_rule(code)
    return out


# Kinds of a line for the encounter notes below (batch reads them once per code cell: ``encounter_kind``).
KIND_NONE, KIND_CRITICAL_CARE, KIND_CRITICAL_CARE_ADD_ON, KIND_BUNDLED = 0, 1, 2, 3
KIND_PROLONGED = {code: 4 + n for n, code in enumerate(PROLONGED_NOTED)}  # 4, 5, 6, 7 (G2212)
KIND_PROLONGED_PRIMARY = {code: 8 + n for n, code in enumerate(PROLONGED_NOTED)}  # 8-11 (their primaries')
KIND_CPT_PROLONGED = 12  # 99417, 99418


def encounter_kind(code: str, modifiers: Iterable[str]) -> int:
    """The line's part in ``encounter_notes``: 99291, 99292, a service critical care includes (not its TC), a
    prolonged add-on G0316-G0318 or G2212, one of their primary visits, CPT's 99417 or 99418, or none."""
    if code == CRITICAL_CARE:
        return KIND_CRITICAL_CARE
    if code == CRITICAL_CARE_ADD_ON:
        return KIND_CRITICAL_CARE_ADD_ON
    if code in CRITICAL_CARE_BUNDLED and "TC" not in set(modifiers):
        return KIND_BUNDLED
    if code in KIND_PROLONGED:
        return KIND_PROLONGED[code]
    if code in CPT_PROLONGED:
        return KIND_CPT_PROLONGED
    for add_on, primaries in PROLONGED_NOTED.items():
        if code in primaries:
            return KIND_PROLONGED_PRIMARY[add_on]
    return KIND_NONE


def encounter_notes(lines: Sequence[tuple[str, Iterable[str]]], year: int) -> list[str | None]:
    """Per line of an encounter (code, modifiers): 99291 on more than one line, 99292 with no
    99291, a service critical care includes beside 99291/99292, a prolonged add-on (G0316-G0318, G2212) with none of
    its primary visits (from 2023), 99417 or 99418 beside the primary visit of a Medicare prolonged code (from 2023:
    ``cpt_prolonged_note``), a service another line of the encounter includes (``engine.care_management``: CCM, PCM
    or TCM beside APCM, G0444 beside the IPPE or the initial AWV); else None. A line alone too: an add-on priced alone
    (``rvucalc price 99292``, a batch row no claim groups) is noted as beside other lines (as G2211's notes)."""
    kinds = [encounter_kind(code, modifiers) for code, modifiers in lines]
    first = kinds.count(KIND_CRITICAL_CARE)
    critical = first + kinds.count(KIND_CRITICAL_CARE_ADD_ON) > 0
    beside = list(dict.fromkeys(code for code, _ in lines if code in CRITICAL_CARE_SAME_DAY_VISITS))
    ventilator_visits = list(dict.fromkeys(code for code, _ in lines if code in VENTILATOR_VISITS))
    if any(code in CRITICAL_CARE_SAME_DAY_VISITS and CRITICAL_CARE_SAME_DAY_MODIFIER in set(modifiers)
           for code, modifiers in lines):  # fmt: skip
        beside = []  # 25 on the visit: the claim reports it (CRITICAL_CARE_SAME_DAY_MODIFIER)
    out: list[str | None] = []
    for (code, modifiers), kind in zip(lines, kinds, strict=True):
        note = None
        if kind == KIND_CRITICAL_CARE and first > 1:
            note = CRITICAL_CARE_TWICE_NOTE
        elif (
            kind == KIND_CRITICAL_CARE
            and beside
            and year >= CRITICAL_CARE_SAME_DAY_FIRST_YEAR
            and CRITICAL_CARE_SAME_DAY_MODIFIER not in set(modifiers)
        ):
            note = critical_care_same_day_visit_note(beside)
        elif kind == KIND_CRITICAL_CARE_ADD_ON and not first:
            note = CRITICAL_CARE_ADD_ON_NOTE
        elif kind == KIND_BUNDLED and critical:
            note = CRITICAL_CARE_BUNDLED_NOTE
        elif kind == KIND_BUNDLED and code in VENTILATOR_MANAGEMENT and ventilator_visits:
            note = ventilator_with_visit_note(ventilator_visits)
        elif code in KIND_PROLONGED and year >= PROLONGED_FIRST_YEAR and KIND_PROLONGED_PRIMARY[code] not in kinds:
            instead = [add_on for add_on, number in KIND_PROLONGED_PRIMARY.items() if number in kinds]
            note = prolonged_without_primary_note(code, instead)
        elif kind == KIND_CPT_PROLONGED and year >= PROLONGED_FIRST_YEAR:
            instead = [add_on for add_on, number in KIND_PROLONGED_PRIMARY.items() if number in kinds]
            note = cpt_prolonged_note(code, instead) if instead else None
        out.append(note)
    # Batch: batch.claims._care_management_in_apcm (the claim's month) and _depression_screening_in_visit.
    overlaps = overlap_notes([code for code, _ in lines], year)
    return [note if note is not None else overlap for note, overlap in zip(out, overlaps, strict=True)]


# The add-ons a line alone is noted for (``lone_line_notes``): batch flags them once per code cell.
LONE_ADD_ONS = frozenset({G2211, CRITICAL_CARE_ADD_ON, *PROLONGED_NOTED})


def lone_line_notes(code: str, year: int) -> list[str]:
    """The notes of a line that is an encounter of its own (``rvucalc price 99292``; batch: a row no claim groups), in
    the single lookup's order (``lookup.lines._visit_rules``): G2211's with no visit, then ``encounter_notes``'."""
    notes = [g2211_without_visit_note(year)] if g2211_outcomes([(code, ())], year)[0] == "alone" else []
    note = encounter_notes([(code, ())], year)[0]
    return notes + ([note] if note else [])


# An E/M visit family's places of service. CMS's manual ties the nursing facility care codes to the places they are
# billed with: "The CPT nursing facility services codes shall be used with POS 31 (skilled nursing facility or SNF) if
# the patient is in a Part A SNF stay. They shall be used with POS 32 (nursing facility) if the patient does not have
# Part A SNF benefits or if the patient is in a NF or in a non-covered SNF stay ... The CPT NF code definition also
# includes POS 54 ... and POS 56" (Claims Processing Manual ch. 12 §30.6.13, as Palmetto GBA's "Nursing Facility
# Services" (2020-08-03, citing IOM 100-04 ch. 12 §30.6.13 and 14) and First Coast's billing and coding article A57724
# restate it; Palmetto denies a claim with another POS: CARC 5, the code inconsistent with the POS, and RARC M77). The
# home or residence visits (99341-99350: CPT 2023 merged the domiciliary and rest home visits into them) are the visits
# of a home, an assisted living facility or a group home: a SNF or nursing facility resident's visit is a nursing
# facility care code. A post-acute trial's 99309 at POS 12 was priced $112.47 and 99349 at POS 32 $130.09 without a
# word (at POS 31, 99349 was "rarely or never performed there"). A note; the amount is as the place prices it (rvucalc
# applies no claim edit). The telehealth places (02, 10) say nothing: a telehealth line's POS is the telehealth one.
# Price and batch alike (engine.therapists.therapist_place, the per-line note of a line at its place).
NURSING_FACILITY_VISITS = frozenset({"99304", "99305", "99306", "99307", "99308", "99309", "99310", "99315", "99316"})
NURSING_FACILITY_VISIT_PLACES = frozenset({"31", "32", "54", "56"})
TELEHEALTH_PLACES = frozenset({"02", "10"})
# Psychotherapy for crisis away from the office. The CY2024 PFS final rule, as CMS's "Psychotherapy for Crisis" page
# restates it, "Establishes new HCPCS codes for psychotherapy for crisis services (HCPCS codes G0017 and G0018) that
# are furnished in an applicable site of service (any place of service at which the non-facility rate for
# psychotherapy for crisis services applies, other than the office setting). Payment for these psychotherapy for
# crisis services is equal to 150% of the fee schedule amount for services furnished in non-facility sites of
# service"; the page's "Medicare pays for psychotherapy for crisis (currently billed using CPT codes 90839 and 90840)"
# and "You can furnish the services described by CPT codes 90839 and 90840 in facility or non-facility locations,
# including ... Physician's offices". So at POS 11 (Office) the crisis codes are 90839 and 90840; a behavioral health
# review's `price G0017 --setting 11` was priced $239.56 without a word. A note; the amount is as the place prices it.
CRISIS_AWAY_FROM_OFFICE = {"G0017": "90839", "G0018": "90840"}
OFFICE_PLACE = "11"
# The other way round: 90839 and 90840 at such an applicable site of service, where CMS's codes are G0017 and G0018,
# with their own, higher RVUs (CMS's RVU26C: G0017 6.54 non-facility RVUs against 90839's 4.80; G0018 3.15 against
# 90840's 2.31). A psychiatry group's trial (Chicago,
# 2026): `price 90839 --setting 12` (a crisis visit in the patient's home) was priced as 90839 with no word. The
# places noted are those paid the non-facility rate that are plainly no office: a homeless shelter (04), the home
# (12), an assisted living facility (13), a group home (14), a mobile unit (15), temporary lodging (16), an outreach
# site (27), a custodial care facility (33). Telehealth in the home (10) and the clinics paid the office rate (17,
# 20, 49 ...) are not: which of them CMS counts as "the office setting" was not found. A note, the amount 90839's.
CRISIS_AT_OFFICE = {office: away for away, office in CRISIS_AWAY_FROM_OFFICE.items()}
CRISIS_APPLICABLE_PLACES = frozenset({"04", "12", "13", "14", "15", "16", "27", "33"})
_CRISIS_SOURCE = (
    'the CY2024 PFS final rule, CMS\'s "Psychotherapy for Crisis": G0017 and G0018 are "furnished in an applicable '
    "site of service (any place of service at which the non-facility rate for psychotherapy for crisis services "
    'applies, other than the office setting)"'
)
VISIT_PLACE_CODES = (NURSING_FACILITY_VISITS | HOME_VISITS | frozenset(CRISIS_AWAY_FROM_OFFICE)
                     | frozenset(CRISIS_AT_OFFICE))  # batch's flag  # fmt: skip
# A home or residence visit at a nursing facility care code's non-facility places: POS 32 and, as the same manual text
# says "The CPT NF code definition also includes POS 54 (intermediate care facility/individuals with intellectual
# disabilities)" (ch. 12 §30.6.13, as Palmetto GBA's "Nursing Facility Services", 2020-08-03, restates it), POS 54: a
# trial's 99349 at POS 54 was priced $134.31 with no word while at POS 32 it had this note. (POS 31 and 56 are facility
# places: a home visit is not payable there, engine.pfs.HOME_VISIT_IN_FACILITY_REASON says why.)
HOME_VISIT_NOTED_PLACES = frozenset({"32", "54"})
# A nursing facility care code at a hospital place: the E/M of that place. Where the visit occurs decides its code
# (CR 6740, MLN Matters MM6740, as engine.pfs.MEDICARE_CODE_INSTEAD's consultations cite it): "initial hospital
# inpatient or observation care 99221-99223 (subsequent 99231-99233)" (observation merged into 99221-99239 from CPT
# 2023, engine.pfs.DELETED_CODES), office or outpatient 99202-99215, the emergency department's 99281-99285. A swing
# bed is the exception at POS 21: "If the inpatient care is being billed by the hospital as inpatient hospital care,
# the hospital care codes apply. If the inpatient care is being billed by the hospital as nursing facility care, then
# the nursing facility codes apply" (Claims Processing Manual ch. 12 §30.6.9 D, "Visits to Patients in Swing Beds", as
# Codapedia quotes it). A trial's 99309 at POS 21, 22 and 23 was told to bill a home visit, 99341-99350.
_NURSING_FACILITY_CODE_AT_HOSPITAL = {  # no "; " in them: batch joins a row's notes with it
    "21": "a hospital inpatient's visit: hospital inpatient or observation care, 99221-99223, subsequent 99231-99233, "
    "discharge day 99238-99239, MLN Matters MM6740, unless the hospital bills the stay as nursing facility care in a "
    "swing bed, whose visits keep the nursing facility codes: Claims Processing Manual ch. 12 §30.6.9 D",
    "22": "an outpatient's visit: the office or outpatient visit, 99202-99215, or an observation patient's: hospital "
    "inpatient or observation care, 99221-99239, MLN Matters MM6740",
    "19": "an outpatient's visit: the office or outpatient visit, 99202-99215, or an observation patient's: hospital "
    "inpatient or observation care, 99221-99239, MLN Matters MM6740",
    "23": "an emergency department visit, 99281-99285, MLN Matters MM6740",
}
_VISIT_PLACE_SOURCE = (
    "Claims Processing Manual ch. 12 §30.6.13, as MACs restate it: a claim with another code for the place is denied "
    "as inconsistent with the place of service, CARC 5, RARC M77"
)
# Chronic care management of a SNF resident in a Part A stay. CMS's "Frequently Asked Questions about Billing Medicare
# for Chronic Care Management Services" (2016-03-17, as AAFP's "CMS answers questions about chronic care management"
# and PALTC's "CMS: You can bill CCM in Non-Part A Nursing Facility Stays", 2016-04-01, quote it): "If all the CCM
# billing requirements are met and the facility is not receiving payment for care management services (for example,
# the beneficiary is not in a Medicare Part A covered stay), practitioners may bill CPT 99490 for CCM services
# furnished to beneficiaries in skilled nursing facilities, nursing facilities or assisted living facilities. The place
# of service (POS) on the claim should be the billing location (i.e., where the billing practitioner would furnish a
# face-to-face office visit with the patient)." POS 31 is the place of a SNF resident in a covered Part A stay (ch. 12
# §30.6.13, the nursing facility codes' note above): a SNF group's trial's 99490 and 99439 x2 at POS 31 were priced
# $37.89 and $53.24 (an NP's) without a word. The CCM codes of one family (99490, 99439, 99487, 99489, 99491, 99437:
# engine.care_management.CHRONIC_CARE_MANAGEMENT) are noted there: the FAQ names 99490, the only CCM code in 2016.
# A note; the amount is as the place prices it (rvucalc cannot know the stay).
CCM_PART_A_PLACE = "31"


def visit_place_note(code: str, place: str | None) -> str | None:
    """The note of a nursing facility care code (99304-99310, 99315, 99316) at a place of service that is no nursing
    facility's (31, 32, 54, 56) nor telehealth (02, 10), and of a home or residence visit (99341-99350) at a nursing
    facility (POS 32, or 54: paid the office rate; at POS 31, which pays the facility rate, it has none and its reason
    says it), and of psychotherapy for crisis away from the office (G0017, G0018) at the office (POS 11), and the
    office's (90839, 90840) at an applicable site of service (``CRISIS_APPLICABLE_PLACES``), and of chronic care
    management at a SNF (POS 31, ``CCM_PART_A_PLACE``); None for any other line, or with no POS code (a setting
    word)."""
    from rvucalc.engine.place_of_service import POS

    if place is None or place not in POS:
        return None
    where = f"POS {place} ({POS[place].name})"
    if code in NURSING_FACILITY_VISITS and place not in NURSING_FACILITY_VISIT_PLACES | TELEHEALTH_PLACES:
        return (
            f"{code} is a nursing facility care code, billed with POS 31 (a SNF resident in a covered Part A stay), 32 "
            f"(a nursing facility, or a SNF stay Part A does not cover), 54 or 56 ({_VISIT_PLACE_SOURCE}): at {where} "
            "bill the E/M of the place the patient is in ("
            + _NURSING_FACILITY_CODE_AT_HOSPITAL.get(
                place, "a home or an assisted living facility: a home or residence visit, 99341-99350"
            )
            + "). The amount is as this place prices it"
        )
    if code in CRISIS_AWAY_FROM_OFFICE and place == OFFICE_PLACE:
        return (
            f"{code} is psychotherapy for crisis away from the office ({_CRISIS_SOURCE}): at {where} the office bills "
            f"{CRISIS_AWAY_FROM_OFFICE[code]} (CMS: psychotherapy for crisis is billed with 90839 and 90840 in "
            "facility or non-facility locations, a physician's office among them). The amount is as this place "
            "prices it"
        )
    if code in CRISIS_AT_OFFICE and place in CRISIS_APPLICABLE_PLACES:
        return (
            f"{code} is psychotherapy for crisis as the office bills it: at {where}, paid the non-facility rate and no "
            f"office, CMS's code is {CRISIS_AT_OFFICE[code]} ({_CRISIS_SOURCE}), priced from its own, higher RVUs. The "
            f"amount is {code}'s as this place prices it"
        )
    if code in CHRONIC_CARE_MANAGEMENT and place == CCM_PART_A_PLACE:
        return (
            f"{code} is chronic care management, which CMS pays for a SNF, nursing facility or assisted living "
            "resident only when the facility is not paid for care management, for example when the resident is not "
            "in a Medicare Part A covered stay (CMS's CCM FAQ, 2016-03-17). POS 31 is a SNF resident's in a covered "
            "Part A stay (Claims Processing Manual ch. 12 §30.6.13), so the MAC may deny it. The FAQ's POS is the "
            "billing location, where the practitioner would see the patient face to face. The amount is as this place "
            "prices it"
        )
    if code in HOME_VISITS and place in HOME_VISIT_NOTED_PLACES:  # POS 31: engine.pfs.HOME_VISIT_IN_FACILITY_REASON
        return (
            f"{code} is a home or residence visit. At {where} a resident's visit is a nursing facility care code, "
            f"99304-99310 (discharge day 99315, 99316) ({_VISIT_PLACE_SOURCE}). The amount is as this place prices it"
        )
    return None
