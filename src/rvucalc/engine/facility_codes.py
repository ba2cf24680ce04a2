"""Procedures the facility bills under another code than the physician: the hospital's and the ASC's reason for the
physician's code names the facility's.

A sacroiliac joint injection: the physician bills CPT 27096 (PFS status A), the hospital and the ASC bill HCPCS G0260
(status E in the PFS; OPPS SI T, APC 5442 in 2025; ASC PI A2). CMS's MLN article "Payment to Ambulatory Surgical
Centers (ASCs) for G0260 and to Physicians for 27096 when 27096 is Performed in an ASC": "when a therapeutic
sacroiliac joint injection is administered to a Medicare beneficiary at an Ambulatory Surgical Center, it should be
reported by the ASC as HCPCS code G0260 ... G0260, however, is not payable under the Medicare Physician Fee Schedule
(MPFS). Physicians use [HCPCS] code 27096" (as medicarepaymentandreimbursement.com reprints it); the MACs' billing
articles A59154 and A59192 ("Sacroiliac Joint Injections and Procedures", cms.gov coverage database): "ASC/OPPS use
HCPCS G0260; CPT 27096 is not recognized in ASC/OPPS". Addendum B gives 27096 SI B (not recognized on a hospital's
Part B bill), and the ASC lists it on neither Addendum AA nor BB. The reason names G0260 and how to price it; its
amount is G0260's own line (``rvucalc price G0260``), not added here. (The radiation G codes the hospital bills as CPT
codes are engine.radiation's.)

A clinic visit: since CY2014 the hospital bills one code, G0463 (hospital outpatient clinic visit for assessment and
management of a patient), for the clinic visits the physician bills as CPT 99202-99205 and 99211-99215 (CY2014
OPPS/ASC final rule, CMS-1601-FC, 78 FR 74826: the five levels of new and established clinic visits replaced by one
HCPCS code; emergency visits 99281-99285 and critical care 99291 keep their CPT codes). Addendum B gives 99213 SI B and
G0463 SI J2 (APC 5012). The ASC pays no visit, so only the hospital's reason names it.

Codes only the hospital bills, with no CPT twin the physician bills in their place (``HOSPITAL_ONLY``): a Type B
emergency department's visits G0380-G0384 (the physician bills 99281-99285 there as in a Type A department) and trauma
team activation with critical care G0390 (the physician bills 99291/99292), both created for the hospital's claim by
the CY2007 OPPS final rule (CMS-1506-FC, 71 FR 67960); the hospital's observation hours G0378 and direct referral to
observation G0379 (Claims Processing Manual ch. 4 §290; the physician bills the observation visits 99221-99239). The
RVU file gives each status X (not a physician service: no PFS payment) and Addendum B pays them (October 2025: G0380-
G0384 SI J2, APCs 5031-5035; G0390 SI S, APC 5045; G0379 SI J2; G0378 SI N, packaged). At a hospital they have no
physician's fee, none "not included" (an emergency medicine trial: `price 99285 G0390 --setting 23` read "G0390:
Professional fee not included: No PFS payment: status X"), as G0463 has none.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.policy import GLOBAL_TEST_PARTS
from rvucalc.engine.visits import OFFICE_VISITS

_SACROILIAC = (
    "G0260",
    "sacroiliac joint injection",
    "CMS's MLN article on G0260 and 27096, MAC billing articles A59154, A59192",
    frozenset({"hospital", "ASC"}),
)
_CLINIC_VISIT = (
    "G0463",
    "hospital outpatient clinic visit",
    "CY2014 OPPS/ASC final rule, CMS-1601-FC, 78 FR 74826",
    frozenset({"hospital"}),
)
_CLINIC_VISIT_CODES = ("99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215")
# Hyperbaric oxygen therapy: the physician bills 99183 (attendance and supervision, per session: RVU file PC/TC
# indicator 2, professional only), the hospital the chamber time, G0277 per 30-minute interval (OPPS SI S, APC 5061
# "Hyperbaric Oxygen" in the January and October 2025 Addendum B, where 99183 is SI B). First Coast's HBO LCD coding
# guideline (CMS coverage database, AC1300): "Hospitals providing hyperbaric oxygen (HBO) therapy should ... report
# this service using HCPCS code C1300, Hyperbaric oxygen under pressure, full body chamber, per 30 minute interval",
# the descriptor G0277 carries since C1300's deletion in 2015. A wound care trial's `price 99183 --setting 22` read
# only "SI B: Not recognized by OPPS ..., another code may apply". The hospital's reason alone: in the office the
# physician bills G0277 too (its PFS non-facility amount), so G0277 is not in ``_PHYSICIAN_CODES``.
_HYPERBARIC = (
    "G0277",
    "hyperbaric oxygen in a full body chamber, per 30-minute interval",
    "OPPS Addendum B: 99183 SI B, G0277 SI S, APC 5061, and First Coast's HBO LCD coding guideline",
    frozenset({"hospital"}),
)


# 99183 is the physician's attendance and supervision "per session" (CPT's descriptor), one unit a session whatever its
# length: AAPC's Primary Care Coding Alert ("Base Debridement Reporting on Area of Wound"): "You will have to report
# only one unit of this code for the entire session irrespective of the time spent for the procedure"; the chamber's
# time is G0277's, per 30-minute interval (``_HYPERBARIC``). A wound care trial's physician claim billed 99183 with the
# hospital's G0277 units (4: two hours) and was priced four sessions with no word. A note: the amount stays units x
# one 99183 (rvucalc applies no medically unlikely edit).
HYPERBARIC_SUPERVISION = "99183"


def hyperbaric_units_note(code: str, units: int) -> str | None:
    """The note on a 99183 line of several units, or None. No "; " in it (batch joins notes with it)."""
    if code != HYPERBARIC_SUPERVISION or units < 2:
        return None
    return (
        f"99183 (physician attendance and supervision of hyperbaric oxygen therapy) is billed once a session with 1 "
        "unit, whatever the session's length (CPT: \"per session\", as AAPC's Primary Care Coding Alert restates it). "
        "The chamber's 30-minute intervals are the hospital's G0277 units. Priced as billed: "
        f"{units} times one 99183, and the MAC may deny the units above 1."
    )


def practitioner_units_note(code: str) -> bool:
    """Whether a code's units note (``hyperbaric_units_note``) is of the practitioner's claim alone, not said on a
    hospital's or ASC's own bill (type of bill 13x, 83x): the hospital reports the chamber's time as G0277, 99183
    being the physician's (OPPS Addendum B: 99183 SI B, "not recognized by OPPS on an outpatient hospital Part B bill",
    G0277 SI S; ``_HYPERBARIC``; G0277 replaced C1300 in 2015, CMS transmittal R3280CP, as the hospital's code per
    30-minute interval, the physician billing 99183 once a treatment), and the line already says so. A review's
    batch row of TOB 131, 99183 x 4 (ZIP 73104, 2025-11-03) had the status B note to bill G0277 and the physician's
    one-unit-a-session note beside it. So are an office or outpatient visit's (99202-99215: ``engine.visits.
    office_visit_units_note``, one E/M visit a date by the same practitioner or the group's same specialty, Claims
    Processing Manual ch. 12 §30.6.5): OPPS Addendum B gives them SI B, the hospital billing G0463 (CY2014 OPPS/ASC
    final rule, 78 FR 74826), and the line says so; a review's TOB 131 row of 99213 x 2 was told what "the same
    practitioner" reports."""
    return code == HYPERBARIC_SUPERVISION or code in OFFICE_VISITS


# Breast MRI without and with contrast, including computer-aided detection (CPT 77048 unilateral, 77049 bilateral,
# CPT 2019): the physician bills the CPT code (RVU file status A, with 26 and TC rows), while OPPS Addendum B gives
# 77048 and 77049 SI B (not recognized on a hospital's Part B bill) and pays the hospital under HCPCS C8905 "MRI w/o
# fol w/cont, brst, un" and C8908 "MRI w/o fol w/cont, breast," bilateral (SI Q3, APC 5572 in the January and October
# 2025 Addendum B; C8937, computer-aided detection, SI N: packaged). CPT's 77046 and 77047 (without contrast) are paid
# to the hospital as themselves (SI Q3, APC 5523). A breast center's trial: `price 77048-26 --setting 22` read only
# "SI B: ... another code may apply".
_BREAST_MRI_SOURCE = "OPPS Addendum B: 77048 and 77049 SI B, C8905 and C8908 SI Q3, APC 5572"
_BREAST_MRI = {
    "77048": ("C8905", "breast MRI without contrast followed by with contrast, unilateral", _BREAST_MRI_SOURCE,
              frozenset({"hospital"})),
    "77049": ("C8908", "breast MRI without contrast followed by with contrast, bilateral", _BREAST_MRI_SOURCE,
              frozenset({"hospital"})),
}  # fmt: skip

# The facility's code for a physician's code: the code, what the service is, CMS's source, and which facilities bill it.
FACILITY_CODE = (
    {"27096": _SACROILIAC, "99183": _HYPERBARIC} | dict.fromkeys(_CLINIC_VISIT_CODES, _CLINIC_VISIT) | _BREAST_MRI
)

_CY2007_OPPS = "CY2007 OPPS final rule, CMS-1506-FC, 71 FR 67960"
_OBSERVATION = "Claims Processing Manual ch. 4 §290"
# Codes only the hospital bills (module docstring): the code -> (what the service is, what the physician bills, source).
HOSPITAL_ONLY = {
    **{
        f"G038{level}": (f"a Type B emergency department's level {level + 1} visit", "99281-99285", _CY2007_OPPS)
        for level in range(5)
    },
    "G0390": ("trauma team activation with critical care", "99291/99292", _CY2007_OPPS),
    "G0378": ("hospital observation, per hour", "the observation visits 99221-99239", _OBSERVATION),
    "G0379": ("direct referral to hospital observation", "the observation visits 99221-99239", _OBSERVATION),
}
# The facility's code -> (what the service is, the physician's code for it, source): FACILITY_CODE turned round, and
# HOSPITAL_ONLY.
_PHYSICIAN_CODES = {
    "G0260": ("sacroiliac joint injection", "27096", _SACROILIAC[2]),
    "G0463": ("hospital outpatient clinic visit", "99202-99215", _CLINIC_VISIT[2]),
} | HOSPITAL_ONLY


def facility_billed_said(code: str) -> str:
    """Why a code the facility bills in place of the physician's (``_PHYSICIAN_CODES``) has no physician's fee at a
    hospital or ASC row (batch's note there, where the PFS's own reason is not said), else ""."""
    found = _PHYSICIAN_CODES.get(code)
    if found is None:
        return ""
    service, physician, source = found
    return (
        f"{code} is the facility's code ({service}), on its claim, with no physician's fee: "
        f"the physician bills {physician} ({source})"  # no "; ": batch joins a row's notes with it
    )


def physician_code_instead(code: str) -> str:
    """What the PFS's reason adds for a code the facility bills in place of the physician's (``_PHYSICIAN_CODES``), in
    every setting, else "": the office's too, where the physician bills the physician's code (CMS's MLN article on
    G0260 and 27096: "G0260, however, is not payable under the Medicare Physician Fee Schedule (MPFS). Physicians use
    [HCPCS] code 27096"). A pain management trial's G0260 at POS 11 read only "status E: Excluded from the PFS by
    regulation (if covered, paid under reasonable-charge rules)"."""
    found = _PHYSICIAN_CODES.get(code)
    if found is None:
        return ""
    service, physician, source = found
    who = "the hospital's or the ASC's" if code == "G0260" else "the hospital's"  # Addendum AA lists G0260 alone
    return f": {code} is {who} code ({service}), the physician bills {physician} ({source})"


def without_physician_code(reason: str | None, code: str) -> str | None:
    """A PFS reason of ``code`` (``engine.pfs.status_reason``) without what ``physician_code_instead`` adds: at a
    hospital or ASC the line's note (``facility_billed_said``) names the physician's code, said once (a G0260 at an
    ASC read "the physician bills 27096" in its office reason, its facility reason and its note)."""
    added = physician_code_instead(code)
    return reason.replace(added, "", 1) if reason and added else reason


# Hospital inpatient or observation care: since CPT 2023 the physician bills observation with the hospital care codes
# 99221-99223, 99231-99236, 99238, 99239 (SI B in Addendum B: January and October 2025), and the hospital bills the
# observation itself as G0378 per hour (SI N: packaged) beside the visit that brought the patient in (99281-99285,
# G0380-G0384, G0463, 99291) or the direct referral G0379 (Claims Processing Manual ch. 4 §290); 8 or more hours with
# such a visit and no SI T or J1 procedure is paid as the comprehensive observation APC 8011 (ch. 4 §290.5.3, CY2016
# OPPS final rule; engine.facility.OBSERVATION_REASON), whose rate is in Addendum A, not installed. An emergency
# medicine and hospitalist trial: `price 99234 --setting 22` read only "SI B: ... another code may apply", where
# 99213's names G0463. No "price the hospital's part as G0378" here: G0378 alone is packaged ($0.00).
OBSERVATION_VISIT_CODES = frozenset({
    "99221", "99222", "99223", "99231", "99232", "99233", "99234", "99235", "99236", "99238", "99239",
})  # fmt: skip


def facility_code_said(code: str, facility: str) -> str:
    """What the hospital's (``facility``: "hospital") or the ASC's ("ASC") reason adds for a code it does not pay
    because it bills the service under another code (``FACILITY_CODE``; the observation visits,
    ``OBSERVATION_VISIT_CODES``, at the hospital), else ""."""
    if facility == "hospital" and code in OBSERVATION_VISIT_CODES:
        return (
            f": {code} is the physician's code (hospital inpatient or observation care), and for an outpatient in "
            "observation the hospital bills G0378 per hour (packaged, SI N) with the visit that brought the patient "
            "in (99281-99285, G0380-G0384, G0463, 99291) or the direct referral G0379 (Claims Processing Manual ch. 4 "
            "§290), 8 or more hours of it with such a visit and no SI T or J1 procedure paid as the comprehensive "
            "observation APC 8011 (ch. 4 §290.5.3), whose rate is in Addendum A, not installed"
        )
    found = FACILITY_CODE.get(code)
    if found is None or facility not in found[3]:
        return ""
    instead, service, source, _ = found
    return (
        f": the {facility} bills {instead} for this service ({service}), {code} is the physician's code ({source}). "
        f"Price the {facility}'s part as {instead} (rvucalc price {instead}), the physician's as {code}"
    )


# A professional component only code (the RVU file's PC/TC indicator 2: 93010, 77427, 77263, 93016 ...) at the
# hospital. CMS's RVU file documentation, "PC/TC Indicator" 2: "Professional Component Only Codes. This indicator
# identifies stand-alone codes that describe the physician work portion of selected diagnostic tests ... An example ...
# is CPT code 93010 -- Electrocardiogram; Interpretation and Report"; such a service is the physician's, paid under the
# PFS, not the hospital's: the OPPS pays hospital services "Except for services described in § 419.22" (42 CFR
# 419.21), and "Outpatient hospital services do not include professional services performed by physicians ... if
# Medicare reimburses the services independently and not as part of the outpatient hospital service" (42 CFR
# 411.351). Addendum B gives these codes SI B or M (October 2025: 93010 M, 77427 B, 77263 B, 93016 B), whose generic
# meaning ("another code may apply", "Not billable to the MAC") was all a review's `price 77427 --setting 22` and
# `price 93010 --setting 23` read. CMS's SI meaning is kept, and where the test's technical part is a code of its own
# (``GLOBAL_TEST_PARTS``, PC/TC indicator 3: 93010's tracing 93005, SI Q1, APC 5733 in the January and October 2025
# Addendum B) that Addendum B pays, it is named. 99183 (PC/TC 2, SI B) keeps its own reason: the hospital bills G0277
# (``FACILITY_CODE``).
PROFESSIONAL_ONLY_PCTC = "2"
PROFESSIONAL_ONLY_SIS = frozenset({"B", "M"})
# A global test-only code's professional part -> its technical parts (``GLOBAL_TEST_PARTS`` turned round).
TECHNICAL_PARTS = {professional: technical for technical, professionals in GLOBAL_TEST_PARTS.values()
                   for professional in professionals}  # fmt: skip


def professional_only_said(code: str, technical: Sequence[tuple[str, str, str]]) -> str:
    """What the hospital's reason adds for a professional component only code (PC/TC indicator 2) Addendum B gives SI
    B or M (the comment above), ``technical`` its technical parts Addendum B pays (code, SI, APC), else nothing. No
    "; " in it (batch joins a row's notes with it)."""
    said = (
        f": {code} is the physician's professional service (PC/TC indicator 2, professional component only), paid "
        "under the PFS, and the hospital bills no facility fee for it (42 CFR 419.21, 411.351)"
    )
    if not technical:
        return said
    parts = " and ".join(f"{part} (SI {si}{f', APC {apc}' if apc else ''})" for part, si, apc in technical)
    prices = " and ".join(f"rvucalc price {part}" for part, _, _ in technical)
    return f"{said}. The hospital bills the test's technical part as {parts}: {prices}"
