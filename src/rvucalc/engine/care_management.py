"""Services another service of the encounter (or of the month) includes: a note on the line not separately payable,
the amounts unchanged (as ``engine.visits.CRITICAL_CARE_BUNDLED_NOTE`` and ``engine.preventive``'s 90471 beside a flu
vaccine: rvucalc does not model the MAC's denial, it says it).

Advanced primary care management (APCM), G0556-G0558, from 2025-01-01. The CY2025 PFS final rule (CMS-1807-F, 89 FR
97710, FR Doc. 2024-25382) created the three monthly codes as a bundle of elements of the existing care management
services, and the practitioner who bills APCM for a beneficiary does not also bill, for that beneficiary and calendar
month, the care management services APCM includes: chronic care management (CCM: 99437, 99439, 99487, 99489, 99490,
99491), principal care management (PCM: 99424-99427) and transitional care management (TCM: 99495, 99496). CMS's text
was read through its restatements: the AAFP ("Using Advanced Primary Care Management Services Codes G0556, G0557 and
G0558": APCM codes "bundle several existing care management and communication technology-based services, including:
Principal care management (CPT codes 99424-99427), Chronic care management (CPT codes 99487-99491, 99437, 99439),
Transitional care management (CPT codes 99495-99496)"), the Rural Health Information Hub (HRSA's; "APCM services combine
elements of several existing care management and communication technology-based services"; "Community Health Integration
and Principal Illness Navigation services can be billed concurrently with APCM"), and billing guides ("APCM codes cannot
be billed concurrently with other overlapping services, such as CCM or transitional care management"). The rule's own
sentence on concurrent billing was not reached by rvucalc's search. Left out, not verified: the communication
technology-based services the AAFP lists in the bundle too (interprofessional consultation 99446-99449, 99451-99452,
remote evaluation G2250, virtual check-ins G2251-G2252, online digital E/M 98970-98972, 99421-99423), whose concurrent
billing with APCM the rule's comments discuss (as CodingIntel quotes them) without rvucalc having read what was
finalized; community health integration (G0019, G0022) and principal illness navigation (G0023, G0024, G0140, G0146),
which may be billed with APCM (RHIhub). The scope: one practitioner's lines (``rvucalc price``'s encounter; batch: a
claim's lines of one practitioner, the provider column, in the calendar month of the APCM line, as
``batch.claims._care_management_in_apcm``), whatever their date.

Principal care management beside chronic care management of the same practitioner and month: not built. Billing guides
disagree (some say CMS treats them as mutually exclusive, others that both may be billed), and no CMS text saying the
same practitioner may not bill both in a month was found by rvucalc's search.

Remote physiologic monitoring's either-or codes, from 2026-01-01. The CY2026 PFS final rule (CMS-1832-F, 90 FR 49266, FR
Doc. 2025-19787) adopted CPT's 99445 (device supply, 2-15 days of data in a 30-day period) beside 99454 (16-30 days)
and 99470 (treatment management, first 10 minutes in a calendar month) beside 99457 (first 20 minutes). They are not
additive: one device supply code per 30-day period, by the days of data, and one first-time code per month (99458
adds to 99457 only). CMS's text was read through its restatements: Rimidi ("2026 PFS Final Rule: CMS Finalizes Key
Remote Physiologic Monitoring (RPM) Updates": "CPT code 99445 ... is not additive with CPT code 99454 ... Providers
would bill for only one of these codes based on the appropriate number of days of data transmission per 30 days"),
FairPath ("99470 is not additive with 99457 in the same month") and the RVU26C file, which lists all four (status A).
The scope, as APCM's: one practitioner's lines (``rvucalc price``'s encounter; batch: a claim's lines of one
practitioner in the calendar month, ``batch.claims._remote_monitoring_either_or``); the 30-day period of the device
codes is taken as the claim's month (a care management claim's date is the month's end).

Complex and non-complex chronic care management in one month. CMS's booklet "Chronic Care Management Services"
(MLN909188, as coding guides restate it): "The billing practitioner cannot report both complex and non-complex CCM for a
given patient for a given calendar month. In other words, a given patient receives either complex or non-complex CCM
during a given service period, not both"; CPT likewise ("This practitioner must only report either complex or
non-complex CCM for a given patient for the month (not both)", as medicalcodingrights.com restates it). Complex CCM is
99487 and its add-on 99489; non-complex CCM is 99490 (clinical staff) with its add-on 99439 and 99491 (personally
furnished) with its add-on 99437. A house-call trial's claim of 99490 and 99487 of one physician in one month was priced
$69.44 and $152.09 without a word. A note on each CCM line of the month beside a line of the other kind, the amounts
as given (the MAC may deny one), as the RPM either-or codes'. The scope: one practitioner's lines (``rvucalc price``'s
encounter; batch: a claim's lines of one practitioner in the calendar month, ``batch.claims._ccm_complexity_in_month``);
beside APCM the APCM note says it (the practitioner bills neither kind that month).

Transitional care management's required face-to-face visit. CPT: "The first face-to-face visit is part of the TCM
service and not reported separately. Additional E/M services provided on subsequent dates after the first face-to-face
visit may be reported separately" (as the AAPC's "Q&A: Transitional Care Management Contact Requirements after
Discharge" quotes the codebook); CMS's "Frequently Asked Questions about Billing the Medicare Physician Fee Schedule for
Transitional Care Management Services" (2016-03-17, as the AAPC's Part B Insider and MBill Group quote it): "The date of
service you report should be the date of the required face-to-face visit", and "Reasonable and necessary E/M services
(other than the required face-to-face visit) ... can be reported together with TCM". So an office or home visit
(99202-99215, 99341-99350: the places TCM's visit is furnished) by the practitioner who bills 99495 or 99496, on the TCM
line's own date, is the visit TCM includes. A house-call trial's 99495 and 99349 by one NP on one date were both paid
($178.26 and $108.20) without a word. A note on the visit line, the amounts as given (the MAC may deny it), as APCM's.
The scope: one practitioner's lines of a claim and date (``rvucalc price``'s encounter; batch:
``batch.claims._visit_on_tcm_date``).

Care plan oversight on its own claim. "Providers billing for CPO must submit the claim with no other services billed on
that claim and may bill only after the end of the month in which the CPO services were rendered" (Claims Processing
Manual ch. 12 §180.1.A, as athenahealth's CPO FAQ and an AAPC forum answer quote it). A house-call trial's claim of
G0181 and 99490 by one physician was priced without a word. A note on the G0181 or G0182 line naming the claim's other
codes, the amounts as given (``cpo_claim_note``). The scope: the claim (``rvucalc price``'s encounter; batch: every
line of the claim, whatever its date or practitioner, ``batch.claims._care_plan_oversight_claims``).

Annual depression screening G0444 beside the initial preventive physical examination (IPPE, G0402) or the initial annual
wellness visit (G0438). The IPPE's components include the "Review of potential risk factors for depression or other
mood disorders ... using any appropriate screening instrument" (Noridian JF, a Part B MAC, "Initial Preventive Physical
Exam (IPPE) and Annual Wellness Visit (AWV)"; NGS Medicare, "Initial Preventive Physical Examination": "Component Two -
Acquire Beneficiary History - Potential Depression Risk Factors"), as does the first AWV (42 CFR 410.15, the initial
AWV's "review of the individual's potential (risk factors) for depression", not re-read here); coding references
restate the pairing: "Do not report G0444 on the same day as a 'Welcome to Medicare' exam (G0402) or initial Annual
Wellness Visit (AWV, G0438) because depression risk assessment is treated as included/bundled in those services. It may
be billed with a subsequent AWV (G0439)" (Coding Ahead, HCPCS G0444). CMS's claims processing instruction for G0444
(Transmittal 2359, CR 7637, Pub. 100-04 ch. 18 §190) was found but its edits were not read. The scope: one
practitioner's lines of a claim and date (the IPPE's and the AWV's own encounter).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

APCM_CODES = frozenset({"G0556", "G0557", "G0558"})
APCM_FIRST_YEAR = 2025  # CY2025 PFS final rule (CMS-1807-F)
CHRONIC_CARE_MANAGEMENT = frozenset({"99437", "99439", "99487", "99489", "99490", "99491"})
# Complex CCM (99487, add-on 99489) and non-complex CCM (99490 + 99439, 99491 + 99437): one kind a month (MLN909188).
COMPLEX_CCM = frozenset({"99487", "99489"})
NON_COMPLEX_CCM = CHRONIC_CARE_MANAGEMENT - COMPLEX_CCM
PRINCIPAL_CARE_MANAGEMENT = frozenset({"99424", "99425", "99426", "99427"})
TRANSITIONAL_CARE_MANAGEMENT = frozenset({"99495", "99496"})
IN_APCM = CHRONIC_CARE_MANAGEMENT | PRINCIPAL_CARE_MANAGEMENT | TRANSITIONAL_CARE_MANAGEMENT

DEPRESSION_SCREENING = "G0444"
# The visits that include the review of depression risk factors, and their names in the note.
WITH_DEPRESSION_REVIEW = {"G0402": "the initial preventive physical examination (IPPE, G0402)",
                          "G0438": "the initial annual wellness visit (G0438)"}  # fmt: skip
# Remote physiologic monitoring codes billed instead of one another (CY2026 PFS final rule, CMS-1832-F: above).
RPM_EITHER_OR = {"99445": "99454", "99454": "99445", "99470": "99457", "99457": "99470"}
RPM_EITHER_OR_FIRST_YEAR = 2026
_RPM_NAMES = {
    "99445": "RPM device supply, 2-15 days of data in a 30-day period",
    "99454": "RPM device supply, 16-30 days of data in a 30-day period",
    "99470": "RPM treatment management, first 10 minutes in a calendar month",
    "99457": "RPM treatment management, first 20 minutes in a calendar month",
}
# The visits TCM's required face-to-face visit is billed as when billed apart: office or outpatient (99202-99205,
# 99212-99215) and home or residence (99341-99350) visits (engine.visits.OFFICE_VISITS | HOME_VISITS, which import this
# module). Not 99211, the visit that "may not require the presence of a physician or other qualified health care
# professional" (CPT; clinical staff's, incident to): MLN908628, "Transitional Care Management Services", names who may
# furnish TCM (physicians of any specialty; CNMs, CNSs, NPs and PAs), calls them "you", and "You must furnish 1
# face-to-face visit" within the codes' 7 or 14 days, with medical decision making of moderate or high complexity, which
# 99211 has none of. A nurse visit on the TCM date is not the required visit, so it is not told it is.
TCM_FACE_TO_FACE_VISITS = frozenset(
    {"99202", "99203", "99204", "99205", "99212", "99213", "99214", "99215"}
    | {"99341", "99342", "99344", "99345", "99347", "99348", "99349", "99350"}
)
# Care plan oversight of a home health (G0181) or hospice (G0182) patient: billed on a claim of its own (§180.1.A).
CARE_PLAN_OVERSIGHT = frozenset({"G0181", "G0182"})
# The codes of the rules, for batch's per-cell tests.
NOTED_CODES = IN_APCM | {DEPRESSION_SCREENING} | set(RPM_EITHER_OR) | TCM_FACE_TO_FACE_VISITS | CARE_PLAN_OVERSIGHT


def _kind(code: str) -> str:
    if code in CHRONIC_CARE_MANAGEMENT:
        return "chronic care management (CCM: 99437, 99439, 99487, 99489-99491)"
    if code in PRINCIPAL_CARE_MANAGEMENT:
        return "principal care management (PCM: 99424-99427)"
    return "transitional care management (TCM: 99495, 99496)"


def apcm_overlap_note(code: str, apcm: str) -> str:
    """The note on a care management line (``IN_APCM``) beside ``apcm`` (G0556-G0558) of the same practitioner and
    calendar month. (No "; " in it: batch joins a row's notes with it.)"""
    return (
        f"{code} is {_kind(code)}, which advanced primary care management includes: {apcm} (APCM) is billed by the "
        "same practitioner for this patient in the same calendar month (on this claim), and the practitioner who bills "
        "APCM does not also bill CCM, PCM or TCM for the patient that month (CY2025 PFS final rule, CMS-1807-F, as the "
        f"AAFP restates it). Not separately payable beside {apcm}: priced as given, the MAC may deny it."
    )


def rpm_either_or_note(code: str) -> str:
    """The note on a remote physiologic monitoring line (``RPM_EITHER_OR``) beside its counterpart of the same
    practitioner and month (from 2026). (No "; " in it: batch joins a row's notes with it.)"""
    other = RPM_EITHER_OR[code]
    by = "the days of data in the 30-day period" if code in ("99445", "99454") else "the month's minutes"
    return (
        f"{code} ({_RPM_NAMES[code]}) and {other} ({_RPM_NAMES[other]}) are both billed by the same practitioner for "
        f"this patient in the same month (on this claim): they are not additive, only one of them is billed, by {by} "
        "(CY2026 PFS final rule, CMS-1832-F, as RPM billing guides restate it). Priced as "
        "given, the MAC may deny one of them."
    )


def ccm_complexity_note(code: str, other: str) -> str:
    """The note on a CCM line (``CHRONIC_CARE_MANAGEMENT``) beside ``other``, a CCM line of the other kind (complex:
    ``COMPLEX_CCM``; non-complex: ``NON_COMPLEX_CCM``) of the same practitioner and calendar month. (No "; " in it:
    batch joins a row's notes with it.)"""
    kind, other_kind = ("complex", "non-complex") if code in COMPLEX_CCM else ("non-complex", "complex")
    return (
        f"{code} ({kind} chronic care management) and {other} ({other_kind} CCM) are both billed by the same "
        "practitioner for this patient in the same calendar month (on this claim): the billing practitioner reports "
        "either complex or non-complex CCM for a patient in a month, not both (CMS's MLN909188, Chronic Care "
        "Management Services, and CPT, as coding guides restate them). Priced as given, the MAC may deny one of them."
    )


def ccm_complexity_pair(codes: Iterable[str]) -> tuple[str, str] | None:
    """The first complex and the first non-complex CCM code of ``codes`` when both kinds are there, else None."""
    codes = list(codes)
    complex_ccm = next((code for code in codes if code in COMPLEX_CCM), None)
    non_complex = next((code for code in codes if code in NON_COMPLEX_CCM), None)
    return None if complex_ccm is None or non_complex is None else (complex_ccm, non_complex)


def tcm_pair_note(code: str, other: str) -> str:
    """The note on 99495 or 99496 beside the other of the two on one practitioner's claim and date: one TCM service per
    beneficiary in the 30 days after a discharge. CPT: "Only one individual may report these services and only once per
    beneficiary within 30 days of discharge" (as the AAPC's E/M Coding Alert quotes the codebook); CMS's MLN908628,
    "Transitional Care Management Services", Billing TCM Services: one health care professional reports TCM, once per
    beneficiary during the TCM period (the 30 days beginning on the discharge date). 99495 (moderate medical decision
    making, the visit within 14 days) and 99496 (high, within 7) are two levels of the one service. (No "; " in it:
    batch joins a row's notes with it.)"""
    return (
        f"{code} beside {other}: both are transitional care management, which Medicare pays once per beneficiary in "
        "the 30 days after a discharge, to one practitioner (CMS's MLN908628, CPT). Bill the one level the service "
        "met (99496: high complexity, the visit within 7 days, or 99495: moderate, within 14). Priced as given, the "
        "MAC may deny one."
    )


def tcm_pair_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter: ``tcm_pair_note`` on 99495 beside 99496 and on 99496 beside 99495,
    else None. Apart from ``overlap_notes``' one note a line, so that a TCM line beside APCM says both, as batch's
    ``batch.claims._visit_on_tcm_date`` does."""
    present = TRANSITIONAL_CARE_MANAGEMENT & set(codes)
    return [
        tcm_pair_note(code, min(present - {code})) if code in present and len(present) > 1 else None for code in codes
    ]


def tcm_visit_note(code: str, tcm: str) -> str:
    """The note on an office or home visit (``TCM_FACE_TO_FACE_VISITS``) beside ``tcm`` (99495 or 99496) of the same
    practitioner, claim and date. (No "; " in it: batch joins a row's notes with it.)"""
    return (
        f"{code} beside {tcm} (transitional care management) by the same practitioner on this claim and date: TCM's "
        "date of service is the date of its required face-to-face visit (CMS's TCM FAQs, 2016), and that visit is part "
        "of the TCM service, not reported separately (CPT). Other E/M visits are billed on other dates. Priced as "
        "given, the MAC may deny it."
    )


def cpo_claim_note(code: str, others: Sequence[str]) -> str:
    """The note on a care plan oversight line (``CARE_PLAN_OVERSIGHT``) of a claim with other services: ``others``,
    their codes in claim order (each once; the first three named). (No "; " in it: batch joins a row's notes with
    it.)"""
    named = list(dict.fromkeys(others))
    listed = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
    return (
        f"{code} (care plan oversight) is billed on a claim with no other services, after the end of the month of the "
        f"oversight (Claims Processing Manual ch. 12 §180.1.A): this claim also has {listed}. Priced as given, the MAC "
        "may return the claim."
    )


# Care plan oversight twice in a calendar month. "CPO services may not be billed across calendar months and should be
# submitted (and paid) only for one unit of service" (Claims Processing Manual ch. 12 §180.1.A, as athenahealth's CPO
# FAQ quotes it). A house-calls group's trial: one claim's G0181 on 03/15 and on 03/31 was paid twice ($107.82 each at
# ZIP 85012) without a word, where one line of 2 units is paid one (engine.visits.per_diem_units_rule). A note on each
# line of the code beside another line of it in the claim's month, the amounts as given, as the monthly ESRD codes'
# (engine.visits.monthly_esrd_conflict_notes); a line identical to another (one date and practitioner) is the duplicate
# lines rule's. G0181 beside G0182 is not said: a home health patient may elect hospice within the month.


def cpo_month_notes(codes: Sequence[str], identities: Sequence[object] | None = None) -> list[str | None]:
    """Per line of one claim's calendar month (its codes, in order): the note on a care plan oversight line
    (``CARE_PLAN_OVERSIGHT``) beside another line of the same code, else None. ``identities``: each line's identity
    for the duplicate lines rule (``engine.duplicates.line_identity`` with its date and practitioner; None for a line
    never a duplicate): two lines of one identity are that rule's, not this one's. (No "; " in it: batch joins a row's
    notes with it.)"""
    out: list[str | None] = []
    for i, code in enumerate(codes):
        again = code in CARE_PLAN_OVERSIGHT and any(
            j != i and other == code and _not_identical(identities, i, j) for j, other in enumerate(codes)
        )
        out.append(
            f"{code} beside another {code} line on this claim in one calendar month: care plan oversight is billed "
            "for one unit of service a month, never across calendar months (Claims Processing Manual ch. 12 "
            "§180.1.A). Priced as given, the MAC may deny one."
            if again
            else None
        )
    return out


def _not_identical(identities: Sequence[object] | None, i: int, j: int) -> bool:
    """Whether lines ``i`` and ``j`` are not the duplicate lines rule's: no identities given (one claim's lines of
    several dates), or theirs differ, a None matching none."""
    if identities is None:
        return True
    one, other = identities[i], identities[j]
    return one is None or other is None or one != other


_REVIEW_SOURCES = {
    "G0402": "Noridian and NGS Medicare, the IPPE's components",
    "G0438": "42 CFR 410.15, the first AWV's elements, as coding references restate the pairing",
}


def depression_screening_note(beside: str) -> str:
    """The note on G0444 beside the IPPE (G0402) or the initial AWV (G0438): ``beside`` is the first of them the
    encounter has. (No "; " in it: batch joins a row's notes with it.)"""
    return (
        f"G0444 (annual depression screening) beside {WITH_DEPRESSION_REVIEW[beside]} on this claim and date, by the "
        "same practitioner: that visit includes the review of the patient's potential risk factors for depression "
        f"({_REVIEW_SOURCES[beside]}), so the screening is not paid separately beside it (it may be billed with the "
        "subsequent AWV G0439). Priced as given, the MAC may deny it."
    )


def apcm_in(codes: Iterable[str]) -> str | None:
    """The first APCM code (G0556-G0558) of ``codes``, or None."""
    return next((code for code in codes if code in APCM_CODES), None)


def overlap_notes(codes: Sequence[str], year: int) -> list[str | None]:
    """Per line of one practitioner's encounter (``rvucalc price``'s codes): ``apcm_overlap_note`` on a CCM, PCM or
    TCM line beside an APCM line (from 2025), ``cpo_claim_note`` on G0181 or G0182 beside other services,
    ``tcm_visit_note`` on an office or home visit beside 99495 or 99496 (``tcm_pair_notes`` apart),
    ``rpm_either_or_note`` on 99445/99454 or 99470/99457 beside its counterpart (from 2026),
    ``ccm_complexity_note`` on a complex CCM line beside a non-complex one and the other way round,
    ``depression_screening_note`` on G0444 beside G0402 or G0438; else None.
    A line alone says nothing. Batch: ``batch.claims._care_management_in_apcm`` (the claim's month),
    ``batch.claims._care_plan_oversight_claims`` (the claim),
    ``batch.claims._visit_on_tcm_date`` (both TCM notes) and ``batch.claims._depression_screening_in_visit`` (the
    claim and date)."""
    apcm = apcm_in(codes) if year >= APCM_FIRST_YEAR else None
    review = next((code for code in codes if code in WITH_DEPRESSION_REVIEW), None)
    either_or = set(codes) & set(RPM_EITHER_OR) if year >= RPM_EITHER_OR_FIRST_YEAR else set()
    tcm = next((code for code in codes if code in TRANSITIONAL_CARE_MANAGEMENT), None)
    besides_cpo = [code for code in codes if code not in CARE_PLAN_OVERSIGHT]
    ccm_pair = ccm_complexity_pair(codes)
    out: list[str | None] = []
    for code in codes:
        if code in CARE_PLAN_OVERSIGHT and besides_cpo:
            out.append(cpo_claim_note(code, besides_cpo))
        elif apcm is not None and code in IN_APCM:
            out.append(apcm_overlap_note(code, apcm))
        elif ccm_pair is not None and code in CHRONIC_CARE_MANAGEMENT:
            out.append(ccm_complexity_note(code, ccm_pair[1] if code in COMPLEX_CCM else ccm_pair[0]))
        elif tcm is not None and code in TCM_FACE_TO_FACE_VISITS:
            out.append(tcm_visit_note(code, tcm))
        elif code in either_or and RPM_EITHER_OR[code] in either_or:
            out.append(rpm_either_or_note(code))
        elif review is not None and code == DEPRESSION_SCREENING:
            out.append(depression_screening_note(review))
        else:
            out.append(None)
    return out
