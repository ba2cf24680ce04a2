"""The PFS payment formula and what a fee schedule row pays in each setting.

All money is integer arithmetic on CMS's published scales: RVUs and op-shares
in hundredths, GPCIs in thousandths, conversion factors in ten-thousandths.
The formula itself (``fee_cents``) and the other shared arithmetic are in ``engine.kernels``.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from rvucalc.engine import meanings
from rvucalc.engine.facility_codes import physician_code_instead
from rvucalc.engine.kernels import fee_cents, is_contractor_priced, is_paid_status, limiting_charge, non_par_amount
from rvucalc.engine.policy import GLOBAL_TEST_ONLY, GLOBAL_TEST_PARTS
from rvucalc.engine.visits import HOME_VISITS
from rvucalc.models import Adjustment, Gpci, Indicator, OpShares, PfsResult, Rvu, SettingAmount

# The anesthesia codes: CPT 00100-01999, the RVU file's status J rows (tests/test_batch_anesthesia.py).
ANESTHESIA_CODE = re.compile(r"0(0[1-9]|1[0-9])[0-9]{2}")


def is_anesthesia_code(code: str) -> bool:
    return ANESTHESIA_CODE.fullmatch(code) is not None


RVU_SCALE = 100
GPCI_SCALE = 1000
CF_SCALE = 10_000
NATIONAL_GPCI = (GPCI_SCALE, GPCI_SCALE, GPCI_SCALE)


def money(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


@functools.lru_cache(maxsize=65_536)  # Decimals are immutable; a file's RVUs, GPCIs and CFs repeat
def decimal_at(value: int, scale: int) -> Decimal:
    """An integer at a power-of-ten scale as a Decimal keeping CMS's places: 1000/1000 -> 1.000."""
    return Decimal(value).scaleb(-(len(str(scale)) - 1))


@functools.lru_cache(maxsize=4_096)
def _indicator(name: str, value: str) -> Indicator:
    """An RVU row's indicator with its meaning (one object per distinct value: results only read them)."""
    return Indicator.model_construct(value=value, meaning=meanings.meaning(meanings.INDICATOR_TABLES[name], value))


def price_row(
    row: dict[str, Any],
    gpci: tuple[int, int, int],
    cf: int,
    cf_kind: str | None,
) -> PfsResult:
    """What one RVU row pays in the office (non-facility) and in a facility, before
    payment-policy adjustments (``engine.policy``)."""
    status = row["status"]
    indicators = {name: _indicator(name, row[name] or "") for name in meanings.INDICATOR_TABLES}
    if row["endo_base"]:
        indicators["endo_base"] = Indicator.model_construct(
            value=row["endo_base"], meaning="Endoscopic base code of this family"
        )
    settings = {}
    for setting, pe_field, na_field in (
        ("non_facility", "pe_nonfac_rvu", "nonfac_na"),
        ("facility", "pe_fac_rvu", "fac_na"),
    ):
        settings[setting] = _setting_amount(row, status, setting, pe_field, na_field, gpci, cf)
    return PfsResult.model_construct(
        status=status,
        status_meaning=meanings.meaning(meanings.STATUS, status),
        global_days=row["global_days"],
        conversion_factor=decimal_at(cf, CF_SCALE),
        conversion_factor_kind=cf_kind,
        rvu=Rvu.model_construct(
            work=decimal_at(row["work_rvu"], RVU_SCALE),
            pe_non_facility=decimal_at(row["pe_nonfac_rvu"], RVU_SCALE),
            pe_facility=decimal_at(row["pe_fac_rvu"], RVU_SCALE),
            mp=decimal_at(row["mp_rvu"], RVU_SCALE),
            total_non_facility=decimal_at(row["nonfac_total"], RVU_SCALE),
            total_facility=decimal_at(row["fac_total"], RVU_SCALE),
        ),
        gpci=Gpci.model_construct(
            work=decimal_at(gpci[0], GPCI_SCALE),
            pe=decimal_at(gpci[1], GPCI_SCALE),
            mp=decimal_at(gpci[2], GPCI_SCALE),
        ),
        op_shares=OpShares.model_construct(
            pre=decimal_at(row["pre_op"], RVU_SCALE),
            intra=decimal_at(row["intra_op"], RVU_SCALE),
            post=decimal_at(row["post_op"], RVU_SCALE),
        ),
        indicators=indicators,
        non_facility=settings["non_facility"],
        facility=settings["facility"],
        contractor_priced=bool(
            is_contractor_priced(status, row["work_rvu"], row["pe_nonfac_rvu"], row["pe_fac_rvu"], row["mp_rvu"])
        ),
    )


def _setting_amount(
    row: dict[str, Any],
    status: str,
    setting: str,
    pe_field: str,
    na_field: str,
    gpci: tuple[int, int, int],
    cf: int,
) -> SettingAmount:
    unpaid = unpaid_setting(row, setting)
    if unpaid is not None:
        return unpaid
    fee = fee_cents(row["work_rvu"], row[pe_field], row["mp_rvu"], *gpci, cf)
    return setting_amount(fee, fee, [])


NOT_IN_PFS_REASON = "Not paid under the PFS: the RVU file does not list it."
# A C code (C1000-C9999) is one of CMS's temporary HCPCS codes for the hospital outpatient PPS: "C-codes are unique
# temporary pricing codes established by CMS for the Prospective Payment System and are only valid for Medicare on
# claims for hospital outpatient department services and procedures" (MLN Matters MM5027, CR 5027, which added Claims
# Processing Manual ch. 4 §20.7, "Billing of 'C' HCPCS Codes by Non-OPPS Providers"). The RVU file lists none (the
# 2026 PPRRVU has no C row), so its office says why, not only that the file does not list it (a trial's `price C1751
# --setting office`). An ASC is paid for the C codes its addenda list (C9600: Addendum AA, a covered surgical
# procedure, 42 CFR 416.166; device and drug C codes in Addendum BB, covered ancillary services, 416.164(b)): that site
# keeps its rate, and the reason says so (a review: `price C9600 --setting 24` showed the ASC's $7,943.55 under a
# reason saying C codes were valid on hospital outpatient claims alone).
OPPS_C_CODE_REASON = (
    f"{NOT_IN_PFS_REASON} C codes are CMS's temporary HCPCS codes for the hospital outpatient PPS (OPPS), valid on "
    "claims for hospital outpatient department services (MLN Matters MM5027, Claims Processing Manual ch. 4 §20.7) "
    "and on an ASC's claim where the ASC addenda list the code (42 CFR 416.166, 416.164(b)), not on a physician's or "
    "office claim."
)


def is_opps_c_code(code: str) -> bool:
    """A HCPCS C code (C1000-C9999): ``OPPS_C_CODE_REASON``."""
    return len(code) == 5 and code[0] == "C" and code[1:].isdigit()


def not_in_pfs_reason(code: str) -> str:
    """Why a code the RVU file does not list has no PFS amount (price and batch alike)."""
    return OPPS_C_CODE_REASON if is_opps_c_code(code) else NOT_IN_PFS_REASON


CONTRACTOR_PRICED = "Priced by your Medicare contractor (MAC)"
CONTRACTOR_PRICED_REASON = (
    f"{CONTRACTOR_PRICED}: CMS publishes no national amount for this code "
    "(RVU file status C, or zero RVUs). Ask your MAC for its fee."
)

# CONTRACTOR_PRICE_CAP: CMS's OPPSCAP file lists contractor-priced imaging rows too (PROCSTAT C: the PET family
# 78811-78816, 78429-78433, 78459, 78491/78492, 78608 ..., global and TC rows), and the RVU file's documentation says
# what those amounts are (RVU25A.pdf, the OPPSCAP file's description): "OPPSCAP ... contains the payment amounts after
# the application of the OPPS based payment caps, except for carrier priced codes. For carrier price codes, the field
# only contains the OPPS based payment caps. Carrier prices cannot exceed the OPPS based payment caps." (The OPPS
# imaging cap: SSA §1848(b)(4), DRA 2005 §5102(b).) So a status C line at a locality with an OPPSCAP row is still
# priced by the MAC (no national amount: never an invented one), but its price is bounded by CMS's own OPPSCAP
# amounts for that locality, office (NON-FACILTY PRICE) and facility (FACILITY PRICE). A 26 row (status A, priced
# from its RVUs) has no OPPSCAP row. One text for price and batch (lookup.lines.prepare, batch.price._pfs_amounts).
CONTRACTOR_PRICE_CAP = "OPPS-based cap on the MAC's price"


def contractor_price_cap_note(label: str, nonfac_cents: int, fac_cents: int, locality: str, name: str) -> str:
    """The note of a contractor-priced line (status C) whose row CMS's OPPSCAP lists at the line's locality
    (``CONTRACTOR_PRICE_CAP``): the caps, in dollars, of the office (non-facility) and facility settings."""
    return (
        f"{CONTRACTOR_PRICE_CAP}: {label}'s price, set by your MAC, cannot exceed ${money(nonfac_cents):,.2f} in the "
        f"office (non-facility) and ${money(fac_cents):,.2f} at a facility in {name} (locality {locality}): CMS's "
        'OPPSCAP file (RVU file documentation: "Carrier prices cannot exceed the OPPS based payment caps").'
    )


def is_contractor_price_cap_note(text: str) -> bool:
    return text.startswith(CONTRACTOR_PRICE_CAP + ":")


# Status I codes whose service Medicare pays under a code of its own (a trial: "99417 refused ... could name G2212"):
# the CY2021 PFS final rule created G2212 for prolonged office visits instead of 99417; the CY2023 PFS final rule
# created G0316 (hospital inpatient or observation), G0317 (nursing facility) and G0318 (home or residence) for the
# prolonged services 99417 and 99418 describe after other visits. Which one is the visit's: each G code's HCPCS
# descriptor lists its primaries (engine.visits.PROLONGED_NOTED: G2212 with 99205, 99215, 99483; G0316 with 99223,
# 99233, 99236; G0317 with 99306, 99310; G0318 with 99345, 99350), as AAFP's table of the CY2023 PFS final rule does.
# CPT reports 99417 after home or residence visits too (99345, 99350), so 99417's code is not always G2212 (a trial:
# `price 99345 99417` and `price 99310 99417` named G2212): the reason names each by its visit; the encounter's note
# names the one for the visit beside it (engine.visits.cpt_prolonged_note).
_PROLONGED_BY_VISIT = {
    "G2212": "G2212 after 99205, 99215 or 99483 (office or outpatient)",
    "G0316": "G0316 after 99223, 99233 or 99236 (inpatient or observation)",
    "G0317": "G0317 after 99306 or 99310 (nursing facility)",
    "G0318": "G0318 after 99345 or 99350 (home or residence)",
}
_TELEMEDICINE_VISIT = (
    "the office or outpatient visit {visit} with modifier {modifier}, place of service 02 or 10 (CY2025 PFS final "
    "rule: Medicare did not adopt CPT's telemedicine visits 98000-98015)"
)
_AUDIO_ONLY = "93 (audio only, where the patient at home cannot use or does not consent to video)"
_ECULIZUMAB_CODES = (
    "J1299, eculizumab per 2 mg (900 mg is 450 units, where J1300's 10 mg units made it 90), or a biosimilar's Q5151 "
    "or Q5152, per 2 mg"
)
_ECULIZUMAB = f"{_ECULIZUMAB_CODES} (April 2025 HCPCS quarterly update: ASC Addendum BB from April 2025)"
MEDICARE_CODE_INSTEAD = {
    "99417": f"{_PROLONGED_BY_VISIT['G2212']}, {_PROLONGED_BY_VISIT['G0318']}, {_PROLONGED_BY_VISIT['G0317']} or "
    f"{_PROLONGED_BY_VISIT['G0316']}: CY2021 and CY2023 PFS final rules",
    "99418": f"{_PROLONGED_BY_VISIT['G0316']}, {_PROLONGED_BY_VISIT['G0317']}, {_PROLONGED_BY_VISIT['G0318']} or "
    f"{_PROLONGED_BY_VISIT['G2212']}: CY2021 and CY2023 PFS final rules",
    # Care plan oversight of a home health or hospice patient, 30 minutes or more in a calendar month (CPT 99375,
    # 99378: status I): Medicare's HCPCS codes, "billed with the following codes: G0179, G0180, G0181, or G0182"
    # (Claims Processing Manual ch. 12 §180.1, as athenahealth's CPO FAQ quotes it; CGS, Palmetto GBA: "Care Plan
    # Oversight Services"). CPT's under-30-minute codes (99374, 99377) are status B (bundled): nothing to name.
    "99375": "G0181 (home health care plan oversight, 30 minutes or more in a calendar month: Claims Processing Manual "
    "ch. 12 §180.1)",
    "99378": "G0182 (hospice care plan oversight, 30 minutes or more in a calendar month: Claims Processing Manual ch. "
    "12 §180.1)",
    # Unattended electrical stimulation (CPT 97014, status I: "Not valid for Medicare"): Medicare's HCPCS G0283,
    # "Elec stim other than wound" (status A, 97014's RVUs: 0.18 work, 0.19 PE, 0.01 MP in RVU26C), as third
    # parties restate CMS (pabau.com, undeny.ai: "Medicare does not recognize 97014 and requires HCPCS code G0283").
    # A PT trial's 97014-GP read only "Medicare uses another code".
    "97014": "G0283 (unattended electrical stimulation other than for wound care, in a therapy plan of care)",
    # Continuous intraoperative neurophysiology monitoring from outside the operating room or of more than one case,
    # per hour (CPT 95941, status I): the CY2013 PFS final rule (77 FR 69069) did not adopt it and created HCPCS G0453,
    # "Continuous intraoperative neurophysiology monitoring, from outside the operating room (remote or nearby), per
    # patient, (attention directed exclusively to one patient) each 15 minutes" (CMS, "Billing Medicare for Remote
    # Intraoperative Neurophysiology Monitoring (HCPCS Code G0453)"; entnet.org, "CPT for ENT: Intraoperative
    # Neurophysiology Testing"). A spine group's trial's 95941 x 3 read only "Medicare uses another code".
    "95941": "G0453 (intraoperative neurophysiology monitoring from outside the operating room, one patient at a time, "
    "each 15 minutes, 95941's hour being 4 units: CY2013 PFS final rule, 77 FR 69069)",
    # Eculizumab per 10 mg (J1300): replaced by J1299, per 2 mg, in the April 2025 HCPCS quarterly update. CMS's files:
    # ASC Addendum BB January 2025 pays J1300 (K2); April, July and October 2025 list J1300 with PI D5 ("Deleted/
    # discontinued code") and J1299 "Inj, eculizumab, 2 mg" (K2); RVU25D: J1300 status I, J1299 status E; RVU26C and
    # the January 2026 ASP file list J1299 (2 MG) and the biosimilars Q5151, Q5152 (2 mg), not J1300. A rheumatology
    # trial's J1300 read only "Medicare uses another code" (2025D) and "deleted or replaced for 2026" (2026C).
    "J1300": _ECULIZUMAB,
    # CPT 2025's telemedicine E/M visits 98000-98015 (status I in RVU25A and RVU26C): the CY2025 PFS final rule
    # (CMS-1807-F, 89 FR 97710) declined 16 of CPT's 17 new codes (all but 98016) and keeps the office or outpatient
    # visit 99202-99215 for a visit furnished via telehealth, with modifier 95 (real-time audio and video) or 93 (audio
    # only, allowed from CY2025 for any telehealth service to a patient at home when the practitioner can use video
    # but the patient cannot or does not consent: 42 CFR 410.78(a)(3) as the rule revised it), and place of service
    # 02 or 10 (CMS Transmittal 12671; MLN901705, "Telehealth & Remote Patient Monitoring"); codingintel.com, "New
    # telehealth codes for 2025 have an invalid status indicator"; AAFP and CCHP summaries of the final rule. A
    # telehealth trial's 98005-95 at POS 10 read only "Medicare uses another code".
    **{code: _TELEMEDICINE_VISIT.format(visit=visit, modifier=modifier)
       for codes, visit, modifier in (
           (("98000", "98001", "98002", "98003"), "99202-99205 (new patient)", "95 (audio and video)"),
           (("98004", "98005", "98006", "98007"), "99212-99215 (established patient)", "95 (audio and video)"),
           (("98008", "98009", "98010", "98011"), "99202-99205 (new patient)", _AUDIO_ONLY),
           (("98012", "98013", "98014", "98015"), "99212-99215 (established patient)", _AUDIO_ONLY))
       for code in codes},
    # CPT's complete allergen immunotherapy services 95120-95134 (injection with the antigen's provision: status I):
    # Claims Processing Manual ch. 12 §200 (B): Medicare pays the component codes, the injection (95115 one, 95117 two
    # or more) and the antigen's supervision and provision (95144-95170, per dose or vial); "Medicare does not use these
    # codes for payment purposes" (the section as whatismedicalinsurancebilling.org and AAPC's Pulmonology Coding Alert,
    # "Allergy Injections", restate it). An allergy trial's 95120 read only "Medicare uses another code".
    **dict.fromkeys(
        ("95120", "95125", "95130", "95131", "95132", "95133", "95134"),
        "the injection, 95115 (one) or 95117 (two or more), plus the antigen's supervision and provision, 95144-95170 "
        "(Claims Processing Manual ch. 12 §200)",
    ),
    # CPT's consultations (status I): "effective January 1, 2010, the CPT consultation codes (ranges 99241-99245 and
    # 99251-99255) are no longer recognized for Medicare Part B payment": the visit is billed with the E/M code of
    # where it occurs, at its level (CR 6740, Transmittal R1875CP, MLN Matters MM6740 "Revisions to Consultation
    # Services Payment Policy"): office or outpatient 99202-99215, the emergency department's 99281-99285, initial
    # hospital inpatient or observation care 99221-99223 (subsequent 99231-99233), nursing facility 99304-99310. A
    # trial's 99243 and 99253 read only "Medicare uses another code" (99241 and 99251 name them: DELETED_CODES).
    **dict.fromkeys(
        ("99242", "99243", "99244", "99245"),
        "the office or outpatient visit 99202-99205 (new patient) or 99212-99215 (established), or in the emergency "
        "department 99281-99285, by level (CR 6740, MLN Matters MM6740: Medicare has not paid consultations since "
        "2010)",
    ),
    **dict.fromkeys(
        ("99252", "99253", "99254", "99255"),
        "initial hospital inpatient or observation care 99221-99223 (subsequent care 99231-99233), nursing facility "
        "care 99304-99310, or in the emergency department 99281-99285, by level (CR 6740, MLN Matters MM6740: "
        "Medicare has not paid consultations since 2010)",
    ),
    # CPT's definitive drug tests by drug class, 80320-80377: status I ("Medicare uses another code") in RVU25A, RVU25D
    # and RVU26C, and no row in CMS's CY2026 CLFS files (26CLABQ1, 26CLABQ2), which price Medicare's definitive drug
    # test codes instead: HCPCS G0480-G0483, "Drug test(s), definitive ... per day" by the number of drug classes
    # (1-7, 8-14, 15-21, 22 or more: G0480 $114.43 ... G0483 $246.92), and G0659 (any number of drug classes). A
    # lab's trial's 80320 read only "Medicare uses another code".
    **dict.fromkeys(
        (str(code) for code in range(80320, 80378)),
        "G0480-G0483, the definitive drug test of the patient's day by its number of drug classes (1-7, 8-14, 15-21, "
        "22 or more), or G0659 (CMS's HCPCS codes for definitive drug testing, which its CLFS prices: one a day)",
    ),
    # CPT's diagnostic digital breast tomosynthesis, 77061 (unilateral) and 77062 (bilateral): status I in RVU25A,
    # RVU25D and RVU26C (OPPS Addendum B: SI E1). CMS created HCPCS G0279, "Diagnostic digital breast tomosynthesis,
    # unilateral or bilateral (list separately in addition to 77065 or 77066)" (MLN Matters MM8874, CR 8874, January
    # 2015, which has G0279 reported "in addition to" the diagnostic mammogram: engine.add_ons' G0279), status A with
    # RVUs in the same files. A breast center's trial's 77062 beside 77066 read only "Medicare uses another code".
    **dict.fromkeys(
        ("77061", "77062"),
        "G0279 (diagnostic digital breast tomosynthesis, unilateral or bilateral), an add-on reported with the "
        "diagnostic mammogram 77065 or 77066 (MLN Matters MM8874)",
    ),
    # HCPCS S codes are national codes for other payers, not for Medicare claims (the S9083 global fee and S9088 add-on
    # of an urgent care center: JUCM, "S Codes S9088 and S9083 in Urgent Care"; practicevelocity.com, "S9083": CMS
    # lists them "however, billers should never use S codes on Medicare claims"): at an urgent care facility (POS 20)
    # Medicare pays the visit (99202-99215) and each service on its own line, at the PFS office (non-facility) rate.
    **dict.fromkeys(
        ("S9083", "S9088"),
        "the visit (99202-99215) and each service on its own line: at an urgent care facility (POS 20) S codes are "
        "other payers' national codes, not Medicare's",
    ),
}  # fmt: skip


# E/M codes CPT 2023 deleted, and what is billed instead (a trial: `price 99217` offered 99215, 99214, 99213). CPT
# 2023's E/M revisions, which the CY2023 PFS final rule (87 FR 69404) adopted, as the AMA's summary is reshared (e.g.
# "E/M CPT Code Changes for 2023", Outsource Receivables; MGMA's "Key Changes to 2023 CPT E/M Codes and Guidelines";
# Reliance's "Top CPT Coding and Guideline Changes in 2023"): observation codes 99217-99220 and 99224-99226 merged into
# hospital inpatient or observation care 99221-99223, 99231-99233, 99238-99239; the lowest consultations 99241 and 99251
# deleted; the domiciliary or rest home codes 99324-99337 into the home or residence visits 99341-99350; 99339, 99340
# (domiciliary care plan oversight), 99318 (annual nursing facility assessment) and 99343 (a home visit level) deleted;
# prolonged services 99354-99357 deleted (CPT's 99417, 99418 instead; Medicare's G2212 for office or outpatient time,
# G0316 for inpatient or observation time: CY2021 and CY2023 PFS final rules, as MEDICARE_CODE_INSTEAD). 99356-99357
# were also the prolonged time of nursing facility care (CPT listed them with 99304-99310, as Codapedia's "Prolonged
# Services in an inpatient setting" quotes it; CPT's deletion note: "For prolonged evaluation and management services
# on the date of an inpatient or observation or nursing facility service, use 99418"), and 99354-99355 of home visits
# (99417 with 99345/99350 in their place: Outsource Strategies, "Changes to Prolonged Services Coding 2023"): Medicare
# pays those as G0317 (after 99306, 99310) and G0318 (after 99345, 99350) (AAFP FPM's table of the CY2023 final rule).
# A SNF group's trial's 99356 beside 99310 at POS 31 named G0316 alone, the inpatient code. 99354-99355 were also
# psychotherapy's prolonged time (90837 + 99354 for a session of 90 minutes or more), deleted with the rest "Beginning
# January 2023", and psychotherapy has no prolonged add-on since: a session "extended due to a crisis" is 90839 and
# 90840 (NASW's "Billing and coding news for clinical social workers", from its contacts with CMS). A psychologist's
# `price 90837 99354` was pointed to G2212 alone, an E/M visit's prolonged code.
_OBSERVATION = "observation care merged into hospital inpatient or observation care"
_DOMICILIARY = "domiciliary or rest home visits merged into home or residence visits: 99341-99350"
DELETED_CODES: dict[str, str] = {
    "99217": f"{_OBSERVATION}: discharge is 99238-99239, same-day admission and discharge 99234-99236",
    **{code: f"{_OBSERVATION}: initial care is 99221-99223" for code in ("99218", "99219", "99220")},
    **{code: f"{_OBSERVATION}: subsequent care is 99231-99233" for code in ("99224", "99225", "99226")},
    "99241": "the lowest office consultation level: consultations are 99242-99245, which Medicare does not pay: "
    "status I",
    "99251": "the lowest inpatient consultation level: consultations are 99252-99255, which Medicare does not pay: "
    "status I",
    "99318": "annual nursing facility assessment: nursing facility visits are 99304-99310",
    **{code: _DOMICILIARY for code in ("99324", "99325", "99326", "99327", "99328", "99334", "99335", "99336",
                                       "99337")},
    "99339": "domiciliary or rest home care plan oversight",
    "99340": "domiciliary or rest home care plan oversight",
    "99343": "a new-patient home visit level: home or residence visits are 99341, 99342, 99344, 99345",
    **dict.fromkeys(("99354", "99355"), "prolonged services: Medicare pays prolonged office or outpatient E/M time as "
                    "G2212, a home or residence visit's as G0318, and psychotherapy has no prolonged add-on: G2212 is "
                    "not billed with 90837 (53 minutes or more), a crisis session is 90839 with +90840 (NASW, "
                    "restating its contacts with CMS)"),
    **dict.fromkeys(("99356", "99357"), "prolonged inpatient services: Medicare pays prolonged inpatient or "
                    "observation time as G0316, nursing facility time as G0317"),
}  # fmt: skip
DELETED_YEAR = 2023

# Later deletions, by code: (the first year without it, the code set that deleted it, what is billed instead, the
# source). Trials: `price 99441` offered 99446, 99447 (interprofessional consultations), `price 55700 --date 2026-..`
# only "deleted or replaced".
# - 99441-99443 (telephone E/M, established patient, 5-10, 11-20, 21-30 minutes): deleted from CPT 2025, which added
#   98000-98015 (audio-video and audio-only visits) and 98016. The CY2025 PFS final rule (CMS-1807-F, 89 FR 97710)
#   did not adopt 98000-98015 (status I in RVU25A and RVU26C: "Synch audio-only new sf 15" ... "est high 40") and
#   let any service on the Medicare Telehealth Services List be furnished audio-only to a patient at home when the
#   practitioner can use video but the patient cannot or does not consent (AAFP, "Medicare telehealth 2025": "Medicare
#   did not adopt CPT's new audio-only E/M codes (98008-98015) and will deny claims reported with them"; Manatt on the
#   final rule); audio-only is reported with modifier 93 (VeriMedix, "New telehealth E/M codes 98000-98016": "Append
#   modifier 95 for audio-video and 93 for audio-only"). A brief check-in is 98016 (5-10 minutes) or G2252 (11-20).
# - G2012 (brief communication technology-based service, virtual check-in): "CMS accepted the CPT Editorial Panel's
#   replacement of the G2012 code with [98016] ... given the similarity between the two codes" (Manatt, on the CY2025
#   PFS final rule); 98016 "Brief comunicaj tech-bsd svc" is status A in RVU25A and RVU26C, G2012 in neither.
# - 55700 (prostate biopsy, needle or punch, any approach): deleted from CPT 2026, replaced by codes by approach and
#   guidance, each including the imaging (Healthcare Inspired, "2026 CPT code changes for prostate biopsy": "The
#   long-standing prostate biopsy code 55700 is deleted"; UASI, "New prostate biopsy CPT codes effective January 1,
#   2026"; "Use add-on code (55715) for additional lesions"). RVU26C: 55705 "Bx prst8 any approach nonimg", 55706
#   "Bx prst8 ndl sat sampling", 55707 "trct us guided", 55708 "trct us w/mri fus 1", 55709 "tprnl us guided", 55710
#   "tprn us w/mri fus 1", 55711 "trct mri-us 1st", 55712 "tprnl mri-us 1st", 55713 and 55714 in-bore CT/MRI, 55715
#   "ea add mri-us/ct/mr" (ZZZ).
# - G0424 (pulmonary rehabilitation, including exercise, per session): replaced from 2022-01-01 by CPT 2022's 94625
#   and 94626, "Physician or other qualified health care professional services for outpatient pulmonary
#   rehabilitation; without/with continuous oximetry monitoring (per session)" (racmonitor, "Pulmonary rehabilitation
#   ... changes in 2022": "until December 31, 2021, PR services ... were reported using HCPCS Level II code G0424";
#   AARC, "Understanding Changes to Pulmonary Rehabilitation", 2022: the new codes "became effective the beginning of
#   the year, replacing G0424", priced by the CY2022 PFS and OPPS final rules; Noridian's billing article for
#   pulmonary rehabilitation bills 94625/94626). RVU25A and RVU26C: 94625 "Phy/qhp op pulm rhb w/o mntr", 94626 "...
#   w/mntr". A trial: `price G0424 --year 2025` offered G0420-G0422 (kidney disease education, cardiac rehab).
# - 37220-37235 (lower extremity endovascular revascularization: iliac 37220-37223, femoral/popliteal 37224-37227,
#   tibial/peroneal 37228-37235): deleted from CPT 2026, replaced by 46 codes by vascular territory, lesion
#   (straightforward or complex) and intervention (americanmedicalcoding.com, "2026 CPT Cardiovascular
#   Revascularization Replacements", and hiacode.com, "2026 CPT Updates - New Vascular Territory", restating CPT 2026):
#   iliac 37254-37262, femoral and popliteal 37263-37279, tibial and peroneal 37280-37295, inframalleolar 37296-37299.
#   RVU26C prices them ("Revsc evasc ivt angio sf 1st" ... "Revsc evsc imvt angio cpx ea"), 37220-37235 are not in it.
#   A vascular trial's 2026 claim of 37227 was told only "deleted or replaced".
# - 35476 (transluminal balloon angioplasty, percutaneous; venous) and 35460 (the same, open): deleted from CPT 2017,
#   which replaced the angioplasty codes 35450-35476 and their supervision and interpretation codes 75962-75978 by
#   angioplasty codes that include the imaging, 37246/37247 (artery) and 37248/37249 (vein, "except dialysis circuit"),
#   and added the dialysis circuit codes 36901-36909 (AAPC Radiology Coding Alert, "CPT 2017: Use Updates To Refine
#   Angioplasty and Sedation Coding in 2017": "The 2017 code set also deletes the following transluminal balloon
#   angioplasty codes: Codes 35450 ... - 35460 ... for open procedures"; Coding Ahead on 35450: "Code deleted. See
#   36902, 36905, 36907, 37246, 37247, 37248, 37249"; AAPC General Surgery Coding Alert, "CPT 2017: Master Dialysis
#   Circuit Intervention"). RVU25A and RVU26C: 37248 "Trluml balo angiop 1st vein", 37249 "... addl vein", 36902, 36905
#   and 36907 status A; 35460 and 35476 in neither. A vascular trial's `price 35476 --date 2025-05-01` was offered 35400
#   (angioscopy).
_VENOUS_ANGIOPLASTY = (
    "venous balloon angioplasty: in a dialysis circuit 36902 (peripheral segment, with the circuit's angiography), "
    "36905 (with thrombectomy or thrombolysis) or +36907 (central segment). In another vein 37248, each additional "
    "vein +37249, the imaging included"
)
_LOWER_EXTREMITY = (
    "lower extremity endovascular revascularization: replaced by codes by vascular territory, lesion (straightforward "
    "or complex) and intervention (angioplasty, stent, atherectomy, stent and atherectomy), iliac 37254-37262, "
    "femoral and popliteal 37263-37279, tibial and peroneal 37280-37295, inframalleolar 37296-37299"
)
_TELEPHONE_EM = (
    "telephone E/M: Medicare did not adopt CPT's audio-only visits 98008-98015 (status I), and an audio-only visit "
    "is the office or outpatient visit 99202-99215 with modifier 93, a brief check-in 98016 (5-10 minutes) or G2252 "
    "(11-20)"
)
# - Radiation treatment delivery and image guidance, 2026: CPT 2026 consolidated delivery into three complexity levels,
#   77402, 77407 and 77412, at every site (hospital or freestanding), IMRT included, and deleted the IMRT codes 77385
#   and 77386; CMS deleted the PFS's delivery and guidance G codes G6001-G6017 (engine.radiation) and image guidance is
#   one code, 77387, professional only (its technical component bundled into delivery: RVU26C's 77387-TC status B)
#   (ASTRO, "Major Radiation Oncology Code Changes in 2026": "The treatment delivery codes have been consolidated into
#   three levels of complexity (77402, 77407, and 77412), regardless of site of service ... In addition to the deletion
#   of 77385 and 77386, all the G-codes for delivery previously reported under the MPFS also have been deleted. Image
#   guidance for all treatment delivery has been consolidated into a single code: 77387"; the CY2026 PFS final rule,
#   CMS-1832-F, valued them). 77014 (CT guidance for placement of radiation therapy fields) went with them: "The new
#   framework consolidates 17 G-codes plus 77014 into codes 77387, 77402, 77407, and 77412" (hcn.health, on the 2026
#   codes). RVU26C: 77402 "Radiation tx delivery lvl 1", 77407 "lvl 2", 77412 "lvl 3" status A, PC/TC 3; 77387 status A
#   (26 A, TC B); G6001-G6017, 77385, 77386 and 77014 absent. An oncology trial's G6015 in 2026 read only "deleted or
#   replaced".
_RADIATION_DELIVERY = (
    "radiation treatment delivery: from 2026 one code set at every site, 77402, 77407 or 77412 by complexity (level 1 "
    "to 3, IMRT included), image guidance 77387 (professional component only, its technical part bundled into "
    "delivery)"
)
_RADIATION_GUIDANCE = (
    "radiation therapy image guidance and tracking: from 2026 one code, 77387 (professional component only, its "
    "technical part bundled into delivery, 77402, 77407 or 77412 by complexity)"
)
_RADIATION_SOURCE = "CPT 2026, CY2026 PFS final rule CMS-1832-F; RVU26C prices them"
# - 77401 (radiation treatment delivery, superficial and/or ortho voltage, per day) went too: CPT 2026 added surface
#   radiation therapy codes by energy, per fraction (openpayer.com, "CPT 77437: Surface Radiation Therapy (Superficial)
#   Per Fraction": "X rays of 150 kV or less"). CMS's files: RVU25A and RVU25D price 77401 (status A, PC/TC 3,
#   "Radiation tx delivery supfc") and list none of 77436-77439; RVU26C has no 77401 and prices 77437 "Surf radj ther
#   supfc<=150kv" and 77438 "Surf rad thr orthvlt>150-500" (status A, PC/TC 3), 77436 "Surf radj ther tx planning"
#   (PC/TC 1) and 77439 "Surf rad thr img gdn us plmt" (ZZZ, an add-on; 26 status A, TC status B); the January 2026 ASC
#   Addendum BB lists 77437 and 77438 (Z2) and 77439 (N1). A radiation oncology trial's `price 77401 --date 2026-03-02`
#   read only "deleted or replaced for 2026".
_SURFACE_RADIATION = (
    "superficial or orthovoltage radiation treatment delivery: CPT 2026's surface radiation therapy codes, per "
    "fraction 77437 (superficial, 150 kV or less) or 77438 (orthovoltage, over 150 to 500 kV). Planning and "
    "simulation 77436. Ultrasound image guidance, an add-on, +77439 (its technical part bundled)"
)
# - Anterior abdominal hernia repair, 2023: CPT 2023 deleted the open repairs 49560-49590 (incisional or ventral,
#   epigastric, umbilical, spigelian: 49560, 49561, 49565, 49566, 49570, 49572, 49580, 49582, 49585, 49587, 49590),
#   the laparoscopic repairs 49652-49657 and the open repair's mesh add-on 49568, replacing them with repairs by any
#   approach (open, laparoscopic, robotic), initial 49591-49596 or recurrent 49613-49618, by total defect size and
#   reducible or incarcerated/strangulated, parastomal 49621-49622 and mesh removal +49623, mesh implantation included
#   (ACS Bulletin, "New 2023 CPT Coding Changes Impact General Surgery, Related Specialties", January 2023; CPT
#   Assistant, September 2022, as restated by americanmedicalcoding.com: "For implantation of mesh or other prosthesis
#   for anterior abdominal hernia repair or parastomal hernia repair, see 49591-49622"; 15778 for absorbable mesh for
#   delayed closure of a defect due to soft tissue infection or trauma). RVU25A, RVU25D and RVU26C price 49591-49623 and
#   15778 (status A) and list none of the deleted codes. A general surgery trial's `price 49560 --date 2025-11-10` was
#   offered 49550, 49540, 49520 (femoral, lumbar and recurrent inguinal hernia repairs).
_HERNIA = (
    "anterior abdominal hernia repair (incisional or ventral, epigastric, umbilical, spigelian), open, laparoscopic "
    "or robotic: initial 49591-49596, recurrent 49613-49618, by total defect size (< 3 cm, 3-10 cm, > 10 cm) and "
    "reducible or incarcerated/strangulated. Parastomal 49621-49622, mesh removal +49623, mesh implantation included"
)
_HERNIA_MESH = (
    "implantation of mesh for an open incisional or ventral hernia repair: included in the anterior abdominal and "
    "parastomal hernia repairs 49591-49622. Absorbable mesh for delayed closure of a defect due to soft tissue "
    "infection or trauma is 15778"
)
_HERNIA_SOURCE = "CPT 2023, RVU25A and RVU26C price them"
# - 80500 and 80502 (clinical pathology consultation, limited and comprehensive): deleted from CPT 2022, which replaced
#   them with 80503-80505 by medical decision making or total time on the date (5-20, 21-40, 41-60 minutes) and the
#   prolonged service add-on +80506, each additional 30 minutes (XIFIN, "Pathology Clinical Consultations 2022 Code
#   Additions": "eliminating the 80500 and 80502 codes that have been in use since 1997"; AAPC Pathology/Lab Coding
#   Alert, "Get the Most for Your Pathology Consultation Work": 80506 "in conjunction with 80505"). RVU25A, RVU25D and
#   RVU26C price 80503-80506 (status A: "Path clin consltj sf 5-20" ... "prolng svc") and list neither 80500 nor
#   80502. A pathology trial's 80500 and 80502 at POS 21 were offered "80503, 80504, 80505" as look-alikes, never
#   that CPT deleted them or which one is billed.
_CLINICAL_PATHOLOGY_CONSULTATION = (
    "clinical pathology consultation: by medical decision making or total time on the date, 80503 (straightforward, "
    "5-20 minutes), 80504 (moderate, 21-40), 80505 (high, 41-60), and +80506 for each additional 30 minutes"
)
# - The COVID-19 public health emergency's HCPCS codes U0003 and U0004 (SARS-CoV-2 amplified probe tests on
#   high-throughput technologies), U0005 (their add-on for a result within 2 calendar days) and G2023/G2024 (specimen
#   collection): CMS's CY2026 CLFS file says in its title rows (CLFS_2026_Q1V1.xlsx, PUF_CLFS_CY2026_Q2V1.csv):
#   "Because of the termination of the PHE, HCPCS codes G2023, G2024, U0003, U0004, and U0005 will no longer be payable
#   for dates of service on or after May 12, 2023, and the HCPCS codes will be terminated". Neither that file nor the
#   RVU25A, RVU25D or RVU26C file lists them; the CLFS prices 87635 (amplified probe) and 87426 and 87811 (antigen),
#   with QW rows. An urgent care trial's U0005 beside 87811-QW read "not in the 2026 fee schedule (2026C). Search by
#   words", as if it were a typing slip.
_PHE_END = (
    "no longer payable for dates of service on or after 2023-05-12, the end of the COVID-19 public health emergency"
)
_PHE_SOURCE = "CMS's CY2026 CLFS file, its title rows"
_PHE_TESTS = (
    f"a SARS-CoV-2 test on high-throughput technologies (U0003, U0004) or its add-on for a result within 2 days "
    f"(U0005): {_PHE_END}. The test is billed by its CPT code, which the CLFS prices: 87635 (amplified probe), "
    f"87426 or 87811 (antigen)"
)
_PHE_COLLECTION = f"specimen collection for a SARS-CoV-2 test (G2023, G2024): {_PHE_END}"
LATER_DELETIONS: dict[str, tuple[int, str, str, str]] = {
    **dict.fromkeys(("U0003", "U0004", "U0005"), (2023, "HCPCS", _PHE_TESTS, _PHE_SOURCE)),
    **dict.fromkeys(("G2023", "G2024"), (2023, "HCPCS", _PHE_COLLECTION, _PHE_SOURCE)),
    **dict.fromkeys(
        ("49560", "49561", "49565", "49566", "49570", "49572", "49580", "49582", "49585", "49587", "49590", "49652",
         "49653", "49654", "49655", "49656", "49657"), (2023, "CPT", _HERNIA, _HERNIA_SOURCE)),
    "49568": (2023, "CPT", _HERNIA_MESH, _HERNIA_SOURCE),
    **{f"G60{n:02d}": (2026, "HCPCS", _RADIATION_DELIVERY, _RADIATION_SOURCE) for n in range(3, 17)},
    **dict.fromkeys(("G6001", "G6002", "G6017"), (2026, "HCPCS", _RADIATION_GUIDANCE, _RADIATION_SOURCE)),
    **dict.fromkeys(("77385", "77386"), (2026, "CPT", _RADIATION_DELIVERY, _RADIATION_SOURCE)),
    "77014": (2026, "CPT", _RADIATION_GUIDANCE, _RADIATION_SOURCE),
    "77401": (2026, "CPT", _SURFACE_RADIATION, "CPT 2026, RVU26C prices them"),
    **{code: (2025, "CPT", _TELEPHONE_EM, "CY2025 PFS final rule") for code in ("99441", "99442", "99443")},
    **{str(code): (2026, "CPT", _LOWER_EXTREMITY, "CPT 2026, RVU26C prices them") for code in range(37220, 37236)},
    **dict.fromkeys(("35460", "35476"), (2017, "CPT", _VENOUS_ANGIOPLASTY, "CPT 2017, RVU25A and RVU26C price them")),
    "G2012": (2025, "HCPCS", "virtual check-in: replaced by CPT's 98016, which Medicare pays", "CY2025 PFS final rule"),
    # G2061-G2063 (qualified nonphysician healthcare professional online assessment and management, for up to 7 days,
    # 5-10, 11-20, 21 or more minutes), which CMS created for 2020 beside CPT's e-visits (Nixon Law Group on the CY2020
    # PFS final rule, its descriptors; an April 2020 CMS-sourced table pairs "98970/G2061 (5-10 min)", "98971/G2062",
    # "98972/G2063"): CPT 2021 revised 98970-98972 to the same service ("Qualified nonphysician health care
    # professional online digital assessment and management") and Medicare pays those: RVU25A and RVU26C price 98970
    # "Nqhp ol dig assmt&mgmt 5-10", 98971 "11-20", 98972 "21+" (status A) and list no G2061-G2063. A telehealth
    # practice's trial: an LCSW's G2062 in 2026 was offered "G2067, G2068, G2069" (opioid treatment program codes).
    **{code: (2021, "HCPCS", f"a qualified nonphysician professional's online assessment (e-visit), {minutes} "
              f"minutes in 7 days: CPT's {cpt}, which Medicare pays", "CPT 2021, RVU25A and RVU26C price it")
       for code, cpt, minutes in (("G2061", "98970", "5-10"), ("G2062", "98971", "11-20"),
                                  ("G2063", "98972", "21 or more"))},
    "55700": (2026, "CPT", "prostate needle biopsy: 55705 without imaging guidance, 55706 saturation sampling, "
              "55707-55714 by approach and guidance (transrectal or transperineal, ultrasound, MRI fusion, in-bore CT "
              "or MRI), each additional targeted lesion +55715", "CPT 2026, RVU26C prices them"),
    "99201": (2021, "CPT", "office or other outpatient visit, new patient, straightforward: a new patient's visit is "
              "99202-99205, by medical decision making or total time", "CPT 2021, CY2021 PFS final rule"),
    # Methylprednisolone acetate 20, 40 and 80 mg (J1020, J1030, J1040): deleted from HCPCS on 2024-04-01, CMS's April
    # 2024 quarterly HCPCS update replacing them with J1010, per 1 mg (The Rheumatologist, ACR, "Methylprednisolone &
    # Methotrexate: Codes & Billing Updated", June 2024; RVU26C: J1010 "Inj, methylpred acetate 1 mg"). A trial's
    # J1030 was offered "J1000, J1010, J1050". The year is 2024 (rvucalc installs no 2024 release to tell the quarter).
    **dict.fromkeys(("J1020", "J1030", "J1040"), (
        2024, "HCPCS", "methylprednisolone acetate: J1010, per 1 mg (40 mg is 40 units)",
        "April 2024 HCPCS quarterly update")),
    # J1300 (eculizumab per 10 mg): replaced by J1299 on 2025-04-01 (MEDICARE_CODE_INSTEAD's note); absent from RVU26C.
    "J1300": (2025, "HCPCS", f"eculizumab per 10 mg: {_ECULIZUMAB_CODES}", "April 2025 HCPCS quarterly update, "
              "as ASC Addendum BB from April 2025 lists it: J1300 deleted, J1299 paid"),
    # G2066 (remote interrogation of an implantable cardiovascular physiologic monitor or loop recorder, up to 30 days:
    # the technical support, data acquisition and technician review), which CMS created for 2020 when CPT folded 93299
    # into 93297/93298: HRS on the CY2024 PFS proposed rule ("CMS proposes to delete the technical component HCPCS code
    # G2066 ... and accept RUC" values for 93297 and 93298), rhythm360's device monitoring code table ("G2066 ...
    # deleted effective January 1, 2024"). RVU25A, RVU25D and RVU26C price 93297 and 93298 with 26 and TC rows and
    # have no G2066. An electrophysiology group's trial: `price 93297 G2066` offered G2067-G2069 (opioid treatment).
    "G2066": (2024, "HCPCS", "remote monitoring of a loop recorder or physiologic monitor, technical support: from "
              "2024 the technical component of 93298 (subcutaneous cardiac rhythm monitor, loop recorder) or 93297 "
              "(implantable cardiovascular physiologic monitor), each per 30 days: a global 93297 or 93298 line pays "
              "it, a 93297-TC or 93298-TC line bills it apart", "CY2024 PFS final rule"),
    "G0424": (2022, "HCPCS", "pulmonary rehabilitation: replaced by CPT's 94625 without continuous oximetry monitoring "
              "and 94626 with it, per session", "CPT 2022, CY2022 PFS final rule"),
    **dict.fromkeys(("80500", "80502"), (
        2022, "CPT", _CLINICAL_PATHOLOGY_CONSULTATION, "CPT 2022, RVU25A and RVU26C price them")),
}  # fmt: skip


def deleted_code_message(code: str, year: int) -> str | None:
    """Why a code deleted from CPT or HCPCS is on no fee schedule from the year it was deleted ("deleted from CPT for
    2023 (...)."), and what is billed instead; None otherwise (an earlier year, another code)."""
    what = DELETED_CODES.get(code)
    if what is not None:
        deleted, code_set, source = DELETED_YEAR, "CPT", f"CY{DELETED_YEAR} PFS final rule"
    elif code in LATER_DELETIONS:
        deleted, code_set, what, source = LATER_DELETIONS[code]
    else:
        return None
    if year < deleted:
        return None
    return f"deleted from {code_set} for {deleted} ({what}. {source})."


def codes_instead() -> frozenset[str]:
    """The status I codes whose reason names Medicare's code for them (batch groups their reasons by code)."""
    from rvucalc.engine.radiation import OFFICE_CODES

    return frozenset(MEDICARE_CODE_INSTEAD) | frozenset(OFFICE_CODES)


def _office_radiation_codes(code: str) -> str | None:
    """The PFS's radiation delivery G codes for a CPT code the hospital bills (engine.radiation). Its status I, which
    asks this, is in the RVU files through 2025 alone (RVU26C: 77402, 77407, 77412, 77387 status A), the two code sets'
    years (engine.radiation.LAST_YEAR)."""
    from rvucalc.engine.radiation import OFFICE_CODES

    codes = OFFICE_CODES.get(code)
    return f"{codes} in the office or a freestanding center (CY2015 PFS final rule)" if codes else None


# Home infusion therapy services (RVU file status X): paid under Medicare's home infusion therapy benefit, not the PFS.
# SSA §1861(iii) and §1861(s)(2)(GG) (21st Century Cures Act §5012, effective 2021-01-01) make it a benefit of its
# own, paid under SSA §1834(u) to a qualified home infusion therapy supplier (42 CFR 414.1505, 414 Subpart P), the
# infusion pump and drug still paid under the DME benefit: Benefit Policy Manual ch. 15 §320, §320.8.3 (a higher
# payment for the first visit), MLN Matters MM11880 "Billing for Home Infusion Therapy Services on or After January
# 1, 2021" (A/B MACs, specialty D6). The codes (the DME MACs' joint FAQ on CR 10836, Noridian; HCPCS): G0088-G0090
# the first visit in the home, G0068-G0070 the subsequent ones, each 15 minutes, category 1 (anti-infective, pain
# management, chelation, pulmonary hypertension, inotropic drugs), 2 (subcutaneous immunotherapy), 3 (chemotherapy).
HOME_INFUSION_CODES = frozenset({"G0068", "G0069", "G0070", "G0088", "G0089", "G0090"})
HOME_INFUSION_REASON = (
    "No PFS payment: status X: a home infusion therapy service, paid under Medicare's home infusion therapy benefit "
    "(SSA §1834(u), §1861(iii)) to a qualified home infusion therapy supplier, whose rates rvucalc does not have "
    "(the pump and drug: the DME benefit)"
)


def status_reason(status: str, contractor_priced: bool, code: str = "") -> str | None:
    """Why a row's status gives it no PFS amount in any setting (None: it is paid from its RVUs)."""
    if contractor_priced:
        return CONTRACTOR_PRICED_REASON
    if not is_paid_status(status):
        if status == "X" and code in meanings.PER_DIEM_CODES:  # not "(e.g. ambulance, clinical lab)": a trial's G0410
            return meanings.PER_DIEM_PFS_REASON
        if status == "X" and code in meanings.PROGRAM_PACKAGED_CODES:  # G0177, SI N: neither "(e.g. ambulance ...)"
            return meanings.PROGRAM_PACKAGED_PFS_REASON
        if status == "X" and code in HOME_INFUSION_CODES:  # not "(e.g. ambulance, clinical lab)": a trial's G0068
            return HOME_INFUSION_REASON
        instead = (MEDICARE_CODE_INSTEAD.get(code) or _office_radiation_codes(code)) if status == "I" else None
        said = meanings.BUNDLED_CODE_SAID.get(code) if status == "B" else None  # 99024's global package
        return f"No PFS payment: status {status}: {meanings.STATUS.get(status, '')}" + (
            f": Medicare pays it as {instead}" if instead else f": {said}" if said else physician_code_instead(code)
        )
    return None


# PC/TC indicator 1 (RVU file documentation, Attachment A, "PC/TC Indicator", e.g. RVU25D): a global service made of
# a professional (26) and a
# technical (TC) component. Every such global row is 'NA' in the facility setting (894 of 894 in RVU26C): there the
# physician bills 26 and the hospital or ASC is paid the technical part.
GLOBAL_WITH_COMPONENTS = "1"
GLOBAL_IN_FACILITY_REASON = (
    "Not priced in the facility setting as the whole service: CMS marks its PE RVU 'NA': in a hospital or ASC the "
    "physician bills its professional component (modifier 26) and the facility the technical part: price the code "
    "with 26 for the physician's fee there"
)


# One PC/TC indicator 1 row has no 26 row to bill in its place: +80506, the prolonged clinical pathology consultation
# (RVU25A, RVU25D and RVU26C: status A, facility PE RVU 0.42/0.40 'NA', PC/TC 1, and no 26 or TC row; every other
# indicator 1 global row of those files has both). A clinical pathology consultation is the physician's service alone,
# with no technical component for a hospital to be paid ("Clinical consultations are professional component services
# only, i.e., there is no TC service", Claims Processing Manual (Pub. 100-04) ch. 12 §60 as coders' sources restate
# it; its companions 80503-80505 are PC/TC 0, priced at a facility). A pathology trial's 80505 + 80506 at POS 21 (an
# inpatient's consultation, where most are) was told to "price the code with 26", and `price 80506-26` is "no -26
# row". The reason says what CMS's file leaves: no facility amount and no component; its money unchanged (none).
GLOBAL_WITHOUT_COMPONENT_ROWS = frozenset({"80506"})


def global_without_component_reason(code: str) -> str:
    """The facility reason of a PC/TC indicator 1 global row CMS publishes no 26 row for (``GLOBAL_WITHOUT_COMPONENT_
    ROWS``). No "; " in it (batch joins notes with it)."""
    return (
        f"Not priced in the facility setting: CMS marks its PE RVU 'NA' there with PC/TC indicator 1, as a "
        f"diagnostic test's global row, yet publishes no 26 row for {code} to bill there (a clinical pathology "
        "consultation has no technical component for the hospital): CMS's file gives it no facility amount, so ask "
        "your MAC what it pays there"
    )


# A global test-only code (PC/TC indicator 4, RVU file documentation: "Global test only codes ... there are associated
# codes that describe (a) the professional component of the test only, and (b) the technical component of the test
# only. Modifiers 26 and TC cannot be used with these codes") is 'NA' in the facility setting as a whole, as a PC/TC 1
# global row is, but has no 26 row: its parts are codes of their own (``engine.policy.GLOBAL_TEST_PARTS``). Its
# professional part is a professional component only code (PC/TC indicator 2: "stand-alone codes that describe the
# physician work portion of selected diagnostic tests ... An example ... is CPT code 93010 -- Electrocardiogram;
# Interpretation and Report"), priced in the facility setting; its technical part a technical-only code (PC/TC 3,
# ``TECHNICAL_ONLY``), the facility's there. A trial read "rarely or never performed there" of 93000 at POS 21: an ECG.
def global_test_in_facility_reason(code: str) -> str | None:
    """The facility reason of a global test-only code whose parts are known (``GLOBAL_TEST_PARTS``), naming them;
    None for any other code. Its money is unchanged: no amount in the facility setting."""
    parts = GLOBAL_TEST_PARTS.get(code)
    if parts is None:
        return None
    technical, professional = (" and ".join(codes) for codes in parts)
    return (
        "Not priced in the facility setting as the whole service: CMS marks its PE RVU 'NA', and a global test-only "
        "code (PC/TC indicator 4) has no modifier 26: at a hospital, ASC or inpatient stay the physician bills "
        f"{professional} (professional component only, PC/TC indicator 2) and the facility {technical} (technical "
        f"component only, PC/TC indicator 3): price {professional} for the physician's fee there"
    )


def global_test_component_hint(code: str, component: str) -> str | None:
    """What a 26 or TC line of a global test-only code whose parts are known (``GLOBAL_TEST_PARTS``) is billed as
    instead, naming the part's code (93000-26: 93010; 93015-TC: 93017); None for any other code or modifier. CMS's RVU
    file documentation, PC/TC indicator 4: "Modifiers 26 and TC cannot be used with these codes", the professional
    and technical components being codes of their own (PC/TC indicators 2 and 3). A cardiology trial's 93000-26 (a
    hospital ECG read) was told only that "the components are billed under other codes"."""
    parts = GLOBAL_TEST_PARTS.get(code)
    if parts is None or component not in ("26", "TC"):
        return None
    technical, professional = (" and ".join(codes) for codes in parts)
    if component == "26":
        return f"Its professional component is billed as {professional} (PC/TC indicator 2): price {professional}."
    return f"Its technical component is billed as {technical} (PC/TC indicator 3): price {technical}."


# A stand-alone component code billed with a component modifier: 77263-26, 77427-26 (a radiation oncologist's
# professional-only codes at a hospital), 77336-TC, G6015-TC (technical-only codes). CMS's RVU file documentation,
# "PC/TC Indicator" (as California's DIR reprints it, 8 CCR 9789.12.9): 2, "Professional Component Only Codes ...
# Modifiers 26 and TC cannot be used with these codes"; 3, "Technical Component Only Codes ... Modifiers 26 and TC
# cannot be used with these codes". A radiation oncology trial's `price 77263-26 --setting 22` was told only "has no
# -26 row ... Rows CMS publishes: 77263". The line stays an error (no such row); the hint says what is billed.
STAND_ALONE_COMPONENT = {"2": ("professional", "26"), "3": ("technical", "TC")}
# A physician service (PC/TC indicator 0) with 26 or TC: 93462-26 (a cath add-on a cardiology group billed with 26
# beside 93458-26) was told only "has no -26 row ... Rows CMS publishes: 93462". CMS's RVU file documentation (RVU25D),
# PC/TC indicator 0: "The concept of PC/TC does not apply since physician services cannot be split into professional
# and technical components. Modifiers 26 and TC cannot be used with these codes."
PHYSICIAN_SERVICE = "0"


def stand_alone_component_hint(code: str, component: str, pctc: str | None) -> str | None:
    """What a 26 or TC line of a professional-only (PC/TC 2) or technical-only (PC/TC 3) code is: the code alone is
    its own component, and the other component it has none of; of a physician service (PC/TC 0), that it has no
    components; None for another indicator or modifier. No "; " in it
    (batch joins notes with it)."""
    if str(pctc) == PHYSICIAN_SERVICE and component in ("26", "TC"):
        return (f"Modifiers 26 and TC cannot be used with it (CMS's RVU file documentation, PC/TC indicator 0): bill "
                f"and price {code} without {component}.")  # fmt: skip
    found = STAND_ALONE_COMPONENT.get(str(pctc))
    if found is None or component not in ("26", "TC"):
        return None
    part, own = found
    rule = f"modifiers 26 and TC cannot be used with it (CMS's RVU file documentation, PC/TC indicator {pctc})"
    if component == own:
        return f"{code} is itself a {part} component only code: {rule}: bill and price {code} without {component}."
    other = "technical" if part == "professional" else "professional"
    return f"{code} is a {part} component only code: it has no {other} component to bill, and {rule}."


# A technical component in a facility: a TC row (PC/TC indicator 1's technical half) or a technical-only code (PC/TC
# indicator 3, RVU file documentation: "technical component only codes", e.g. 88184, 77014) is 'NA' there because it is
# the facility's service, paid to the hospital (OPPS, IPPS) or the ASC, not a physician's: there the physician bills
# the professional component (26), and a technical-only code has none (a trial read "rarely or never performed there"
# of 88305-TC in a hospital).
TECHNICAL_ONLY = "3"
FACILITY_PART = "paid to the hospital or ASC, not under the PFS"  # both reasons say it
TECHNICAL_IN_FACILITY_REASON = (
    "Not priced in the facility setting: the technical component (TC) is the facility's part there, paid to the "
    "hospital or ASC, not under the PFS, and the physician bills its professional component (modifier 26)"
)
TECHNICAL_ONLY_IN_FACILITY_REASON = (
    "Not priced in the facility setting: a technical-only service (PC/TC indicator 3) is the facility's there, paid "
    "to the hospital or ASC, not under the PFS, and it has no professional fee"
)
# A contractor-priced technical-only code (status C, or zero RVUs, with PC/TC indicator 3: proton beam delivery
# 77520-77525, SRS cobalt delivery 77371, neutron beam 77423, G0563) carries no 'NA' mark in the facility setting
# (CMS computes no RVUs for it), yet at a hospital or ASC it is the facility's all the same: "Medicare Part B does not
# pay for any item or service that is furnished to a hospital outpatient ... by an entity other than the hospital
# unless the hospital has an arrangement", physician services paid on the fee schedule excepted (42 CFR 410.42(a),
# (b)(1)); an inpatient's likewise (411.15(m), as engine.modifiers cites it for portable X-ray); and a technical-only
# code has no physician's part (RVU file documentation, PC/TC indicator 3). The MAC prices the
# freestanding center's (office's) service; at a hospital or ASC there is no fee for the MAC to price. A radiation
# oncology trial's `price 77520 --setting 22` showed "MAC-priced" in the Professional column and "Professional fee not
# included: Priced by your Medicare contractor (MAC) ... Ask your MAC for its fee" beside the hospital's $585.65
# (batch's POS 22 and 21 rows alike), where 77373 (status A, facility 'NA') read that the hospital is paid and there is
# no professional fee. At a place paid the facility rate that is no hospital or ASC (a SNF, POS 02:
# ``technical_only_at_place_reason``) it stays the MAC's, as before (engine.modifiers' portable X-ray comment). Skin
# substitutes and TC rows keep their reasons. Messages only: no amount changes.
MAC_TECHNICAL_ONLY_IN_FACILITY_REASON = (
    "Not priced in the facility setting: a technical-only service (PC/TC indicator 3) the MAC prices in the office or "
    "a freestanding center is the facility's at a hospital or ASC, paid to it, not under the PFS (42 CFR 410.42(a), "
    "411.15(m)), and it has no professional fee"
)


# A technical-only service at a place the PFS pays the facility rate that is no hospital's or ASC's (POS 02,
# telehealth other than in the patient's home, paid the facility rate from CY2024: CMS Transmittal 12671, "The payment
# rate for POS 02 is the facility payment rate (F); the payment rate for POS 10 is the non-facility rate (NF)"; a SNF,
# hospice, ambulance ...: engine.place_of_service.NOT_HOSPITAL_FACILITY_RATE): no hospital or ASC is paid it there, as
# TECHNICAL_ONLY_IN_FACILITY_REASON says (a trial read it of 96127 at POS 02). CMS publishes no facility rate for the
# code (its facility PE RVU is 'NA'), so it has no PFS amount where the facility rate is paid. Price and batch alike.
def technical_only_at_place_reason(reason: str, pos: str | None) -> str:
    """A line's reason at a place of service: TECHNICAL_ONLY_IN_FACILITY_REASON at a place paid the PFS facility rate
    that is no hospital or ASC (``NOT_HOSPITAL_FACILITY_RATE``) says so, and REMOTE_MONITORING_IN_FACILITY_REASON at
    POS 02 that remote monitoring is no telehealth service (``REMOTE_MONITORING_AT_TELEHEALTH_REASON``), a TC row's
    and, at a SNF (POS 31), a global test's that the technical part is no hospital's or ASC's
    (``technical_component_at_place_reason``, ``GLOBAL_AT_SNF_REASON``); any other reason, or at any other place, as
    it is. Price and batch alike (batch rewrites the rows noting one of
    ``AT_PLACE_REASONS``)."""
    from rvucalc.engine.place_of_service import NOT_HOSPITAL_FACILITY_RATE, POS

    if reason == REMOTE_MONITORING_IN_FACILITY_REASON and pos == "02":
        return REMOTE_MONITORING_AT_TELEHEALTH_REASON
    if reason == TECHNICAL_IN_FACILITY_REASON and pos in NOT_HOSPITAL_FACILITY_RATE:
        return technical_component_at_place_reason(pos)
    if reason == GLOBAL_IN_FACILITY_REASON and pos == SNF_PLACE:
        return GLOBAL_AT_SNF_REASON
    if reason == MAC_TECHNICAL_ONLY_IN_FACILITY_REASON and pos in NOT_HOSPITAL_FACILITY_RATE:
        return CONTRACTOR_PRICED_REASON  # no hospital or ASC there: the MAC's, as in the office
    if reason != TECHNICAL_ONLY_IN_FACILITY_REASON or pos not in NOT_HOSPITAL_FACILITY_RATE:
        return reason
    said = (
        "Not priced in the facility setting: CMS publishes no facility rate for a technical-only service (PC/TC "
        f"indicator 3: its facility PE RVU is 'NA'), so it has no PFS amount at POS {pos} ({POS[pos].name}), which the "
        "PFS pays the facility rate, and no hospital or ASC is paid it there"
    )
    if pos == "02":  # Transmittal 12671: POS 10 is paid the non-facility rate
        said += ": telehealth in the patient's home (POS 10) is paid the office (non-facility) rate"
    return said


# A TC row (PC/TC indicator 1's technical half: 71045-TC, a portable X-ray supplier's) at a place paid the PFS
# facility rate that is no hospital's or ASC's: TECHNICAL_IN_FACILITY_REASON said "paid to the hospital or ASC" of
# 71045-TC at POS 31 (a post-acute trial). Its facility PE RVU is 'NA' (RVU25A, RVU26C), so it has no PFS amount
# there. At a SNF (POS 31, a resident's covered Part A stay) the technical part of a diagnostic test is the SNF's under
# consolidated billing: SSA §1888(e)(2)(A)(ii) excludes physicians' services, and CMS's "SNF Consolidated Billing"
# page says the exclusion is of the professional component only, the technical component being billed to and paid
# by the SNF (Claims Processing Manual ch. 6 §20: the SNF bills the whole package of its Part A residents' care but
# for the services CMS excludes by HCPCS code), as a lab test is (engine.facility.LAB_AT_FACILITY_REASON). Messages
# only: no amount changes. Price and batch alike (AT_PLACE_REASONS).
def technical_component_at_place_reason(pos: str) -> str:
    """TECHNICAL_IN_FACILITY_REASON at a place paid the PFS facility rate that is no hospital or ASC (``pos`` in
    ``NOT_HOSPITAL_FACILITY_RATE``): the SNF's under consolidated billing at POS 31, else no PFS amount there."""
    from rvucalc.engine.place_of_service import POS

    if pos == SNF_PLACE:
        return (
            "Not priced in the facility setting: CMS publishes no facility rate for a technical component (TC: its "
            "facility PE RVU is 'NA'). At a SNF (POS 31), for a resident in a covered Part A stay the test's "
            "technical part is the SNF's under consolidated billing, billed to and paid by the SNF, not Medicare "
            "Part B (SSA §1888(e)(2)(A)(ii) excludes the professional component only, Claims Processing Manual ch. 6 "
            "§20), and the physician bills its professional component (modifier 26)"
        )
    return (
        "Not priced in the facility setting: CMS publishes no facility rate for a technical component (TC: its "
        f"facility PE RVU is 'NA'), so it has no PFS amount at POS {pos} ({POS[pos].name}), which the PFS pays the "
        "facility rate, and no hospital or ASC is paid it there: the physician bills its professional component "
        "(modifier 26)"
    )


# A global diagnostic test (PC/TC indicator 1 with no modifier: 71045) at a SNF (POS 31): GLOBAL_IN_FACILITY_REASON
# says "in a hospital or ASC the physician bills 26 and the facility the technical part", and a post-acute trial found
# nothing of consolidated billing there. The same rule as the TC row's (``technical_component_at_place_reason``): for
# a resident in a covered Part A stay the technical part is the SNF's (SSA §1888(e)(2)(A)(ii) excludes physicians'
# services, the professional component only; Claims Processing Manual ch. 6 §20), and of a portable X-ray service
# "only the service's professional component ... is a separately billable physician service under Part B" (ch. 13
# §90.5, NOTE, citing ch. 6 §20.1.1). So the physician bills CODE-26, whose PFS facility amount is the physician's fee
# there (lookup.lines.component_row), as at a hospital. Messages only: no amount changes. Price and batch alike
# (AT_PLACE_REASONS). POS 32 (a nursing facility, no Part A stay) is paid the office rate: the global service there.
SNF_PLACE = "31"
GLOBAL_AT_SNF_REASON = (
    "Not priced in the facility setting as the whole service: CMS marks its PE RVU 'NA'. At a SNF (POS 31), for a "
    "resident in a covered Part A stay the test's technical part is the SNF's under consolidated billing, billed to "
    "and paid by the SNF, not Medicare Part B (SSA §1888(e)(2)(A)(ii) excludes the professional component only, Claims "
    "Processing Manual ch. 6 §20, ch. 13 §90.5), and the physician bills its professional component (modifier 26): "
    "price the code with 26 for the physician's fee there"
)


# Remote monitoring's set-up and device supply: remote physiologic monitoring (CPT 99453 set-up, 99454 16-30 days,
# 99445 2-15 days from CPT 2026) and remote therapeutic monitoring (98975 set-up, 98976, 98977 16-30 days, 98984,
# 98985 2-15 days from 2026): status A, PC/TC 0, the facility PE RVU 'NA' in RVU25A and RVU26C (98978 and 98986 are
# status C, the MAC's). They are no Medicare telehealth service: CMS began paying RPM in the CY2019 PFS final rule as
# communication technology-based services "not considered ... telehealth" (CCHP's RPM policy page, citing CMS's
# Telehealth Services MLN fact sheet, April 2025; MLN901705, "Telehealth & Remote Patient Monitoring", treats them
# apart from telehealth services), so they are billed with the place of service of the billing practitioner (e.g. 11,
# the office, paid the non-facility rate), not POS 02 or 10. A telehealth trial's 99454 at POS 02 was told only
# "rarely or never performed there". The reason is the facility one's with the codes named; at POS 02 it says so
# (``technical_only_at_place_reason``).
REMOTE_MONITORING_CODES = frozenset({"99453", "99454", "99445", "98975", "98976", "98977", "98984", "98985"})
REMOTE_MONITORING_IN_FACILITY_REASON = (
    "Not priced in the facility setting: CMS marks its PE RVU 'NA' (remote monitoring set-up or device supply: a PFS "
    "amount in the non-facility setting only)"
)
REMOTE_MONITORING_AT_TELEHEALTH_REASON = (
    "Not priced at POS 02: remote monitoring (physiologic or therapeutic) is not a Medicare telehealth service (CMS: "
    "Telehealth Services MLN fact sheet) and is billed with the billing practitioner's place of service, e.g. 11 "
    "(office), paid the non-facility rate. CMS publishes no facility rate for it (its facility PE RVU is 'NA')"
)


# A skin substitute (Q4100-Q4399) from 2026: the CY2026 PFS final rule (CMS-1832-F) pays the product as an incident-to
# supply under the PFS in the office and, at a hospital outpatient department, as a separately paid supply under the
# OPPS (its APCs 6000-6002); the 2026 RVU file marks it technical-only (PC/TC 3), its facility PE 'NA'. In the
# facility setting it is so the facility's, but not always a hospital's or an ASC's (TECHNICAL_ONLY_IN_FACILITY_REASON
# said "paid to the hospital or ASC" of Q4186 at POS 31, a wound care trial): a hospital inpatient's supplies are
# inpatient hospital services, in the hospital's Part A payment for the stay (Benefit Policy Manual ch. 1 §40, as
# engine.facility's PHYSICIAN_UNPAID_ALONE cites it), and a SNF resident's in a covered Part A stay are the SNF's under
# consolidated billing (Claims Processing Manual ch. 6 §20: the SNF bills the whole package of its residents' care but
# for the services CMS excludes by HCPCS code; skin substitutes are none of its excluded categories, as for lab tests:
# engine.facility.LAB_AT_FACILITY_REASON). One text for every facility place (batch's lines keep the site alone).
SKIN_SUBSTITUTE_IN_FACILITY_REASON = (
    "Not priced in the facility setting: a skin substitute is a supply (PC/TC indicator 3), the facility's there, not "
    "the physician's: paid to a hospital outpatient department (OPPS) or ASC, for a hospital inpatient in the "
    "hospital's Part A payment for the stay, and for a SNF resident in a covered Part A stay (POS 31) the SNF's under "
    "consolidated billing (Claims Processing Manual ch. 6 §20), and it has no professional fee"
)


# An "always therapy" code (the RVU file's multiple procedure indicator 5: 97110, 97161, ...) is paid the non-facility
# amount in every setting. Claims Processing Manual (Pub. 100-04) ch. 5 §10.1: facility rates are for a professional's
# services in a facility other than their office, and the section pays outpatient rehabilitation the non-facility rate;
# CMS's own payment file carries it: PFAL25A (Alabama 10112/00) lists 97110 $26.83 / $26.83, 97140 $25.34 / $25.34 and
# 97161 $91.32 / $91.32 (non-facility / facility), though the RVU file marks their facility PE 'NA'. Their facility PE
# equals the non-facility PE in every RVU file here (RVU25A, RVU25D, RVU26C: 52 of 52 indicator 5 rows), so the
# facility amount is the non-facility amount. The 'NA' is CMS's; the price is not withheld for it.
ALWAYS_THERAPY = "5"


def facility_na(fac_na: str | None, mult_proc: str | None) -> bool:
    """Whether a row is not priced in the facility setting for its 'NA' mark: not an always-therapy code's
    (``ALWAYS_THERAPY``). The single rule of price, batch, export and compare."""
    return fac_na == "NA" and mult_proc != ALWAYS_THERAPY


# A home or residence visit (99341-99350, engine.visits.HOME_VISITS) is 'NA' in the facility setting (RVU25A, RVU26C):
# a post-acute trial's 99349 at a SNF (POS 31) was told "rarely or never performed there", which names no code to
# bill. A SNF or nursing facility resident's visit is a nursing facility care code (Claims Processing Manual ch. 12
# §30.6.13, as MACs restate it: engine.visits.visit_place_note), a hospital inpatient's or observation patient's the
# hospital care codes (99221-99239). Price, batch and export alike (batch: its rows' own reason, BatchPricer's
# ``own_reason``). No "; " in it: batch's note column joins a row's notes with it (a row's note split it in two).
HOME_VISIT_IN_FACILITY_REASON = (
    "Not priced in the facility setting: CMS marks its PE RVU 'NA': a home or residence visit (99341-99350) is paid "
    "the non-facility rate only (a home, an assisted living facility ...). A SNF or nursing facility resident's visit "
    "is a nursing facility care code, 99304-99310 (discharge day 99315, 99316), a hospital inpatient's or observation "
    "patient's 99221-99239"
)


# Non-facility 'NA' (payment-rules.md, "the NA trap"): the office is not priced; CMS's PFS final rules' Addendum B
# notes say why and what a MAC does: "If there is an NA in the non-facility PE RVU column, and the contractor determines
# that this service can be performed in the non-facility setting, the service will be paid at the facility PE RVU
# rate." That is the MAC's determination, not a price rvucalc can give, so the facility amount is named, not paid.
# (CMS's PFAL/PFAK payment files repeat the facility amount in the non-facility field: PFAL25A 22590 $1,386.62 both.)
NON_FACILITY_NA_REASON = (
    "Not priced in the office (non-facility) setting: CMS marks its PE RVU 'NA' (rarely or never performed there), "
    "and if the MAC finds it can be done there, it pays the facility amount"
)


# An "incident to" code (the RVU file's PC/TC indicator 5: 96360-96379 and 96401-96425 drug administration, 90471,
# 94640 ...: 68 codes of RVU26C, every one 'NA' in the facility setting) is not "rarely or never performed" at a
# hospital (an oncology trial: chemotherapy infusions are routine in hospital infusion centres). CMS's RVU file
# documentation (RVU25D, PC/TC indicator 5, "Incident To Codes"): "services covered incident to a physician's service
# when they are provided by auxiliary personnel employed by the physician and working under his or her direct personal
# supervision. Payment may not be made by A/B MACs (B) for these services when they are provided to hospital
# inpatients or patients in a hospital outpatient department." The hospital bills them: Benefit Policy Manual (Pub.
# 100-02) ch. 15 §60.1 B, "Institutional Setting": hospital services incident to a physician's services to outpatients
# are paid to the hospital by its A/B MAC (A) under Part B (the OPPS), an inpatient's are the hospital's stay. At an
# ASC the staff's "nursing, technician, and related services" are the ASC's facility services (42 CFR 416.164(a)(1)).
# Wherever else the PFS pays its facility rate (a SNF, POS 02 telehealth, a hospice ...) CMS publishes no facility
# rate for the code, so rvucalc gives no PFS amount there (a review: the comment once said the office rate is paid
# there, which nothing prices). One text true at every facility place (batch's rows keep it as is): price, batch and
# compare alike.
INCIDENT_TO = "5"
INCIDENT_TO_IN_FACILITY_REASON = (
    "Not priced in the facility setting: an incident-to service (PC/TC indicator 5, done by the physician's staff "
    "under the physician's supervision) has a PFS amount in the office (non-facility) setting only, none here: it is "
    "not paid to the physician for a hospital inpatient or outpatient, the hospital bills it (OPPS at a hospital "
    "outpatient department), and an ASC's nursing and technician services are the ASC's (42 CFR 416.164)"
)


def technical_row(modifier: str, pctc: str) -> bool:
    """Whether a CMS row is a technical component: a TC row or a technical-only code (``TECHNICAL_ONLY``)."""
    return modifier == "TC" or (pctc == TECHNICAL_ONLY and not modifier)


# RVU26C gives the non-sheet skin substitute application codes G0681-G0684 (new April 2026) status C and PC/TC
# indicator 3, yet each is a practitioner's procedure: "Application of a premarket approval (PMA), 510(k), 361 HCT/P
# non-sheet form skin substitute graft for a wound surface ..." (HCPCS Level II long descriptor), the hospital's part
# packaged (OPPS status indicator N), the physician's application at a hospital paid under the PFS as 15271-15278's
# is (42 CFR 410.42(b)(1): physicians' services are excepted). At a hospital or ASC the MAC prices its fee: a
# review's `price G0681 --setting 22` was told it is the facility's there "and it has no professional fee".
PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC = frozenset({"G0681", "G0682", "G0683", "G0684"})


def is_mac_technical_only(row: dict[str, Any]) -> bool:
    """Whether a row is a technical-only code (no modifier, PC/TC indicator 3) other than a skin substitute or a
    practitioner's procedure (``PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC``): with contractor pricing, its
    facility setting's reason is MAC_TECHNICAL_ONLY_IN_FACILITY_REASON."""
    code = row["hcpcs"]
    return (
        row["pctc"] == TECHNICAL_ONLY
        and not row["modifier"]
        and not meanings.is_skin_substitute(code)
        and code not in PRACTITIONER_PROCEDURES_WITH_TECHNICAL_ONLY_PCTC
    )


def not_priced_reason(row: dict[str, Any], setting: str) -> str | None:
    """Why a row has no PFS amount in a setting, or None when it has one."""
    status = row["status"]
    contractor = is_contractor_priced(status, row["work_rvu"], row["pe_nonfac_rvu"], row["pe_fac_rvu"], row["mp_rvu"])
    if contractor and setting == "facility" and is_mac_technical_only(row):
        return MAC_TECHNICAL_ONLY_IN_FACILITY_REASON
    reason = status_reason(status, bool(contractor), row["hcpcs"])
    if reason:
        return reason
    fac_na = facility_na(row["fac_na"], row.get("mult_proc"))
    if setting == "facility" and fac_na and row["pctc"] == GLOBAL_WITH_COMPONENTS and not row["modifier"]:
        if row["hcpcs"] in GLOBAL_WITHOUT_COMPONENT_ROWS:
            return global_without_component_reason(row["hcpcs"])
        return GLOBAL_IN_FACILITY_REASON
    if setting == "facility" and fac_na and row["pctc"] == GLOBAL_TEST_ONLY and not row["modifier"]:
        named = global_test_in_facility_reason(row["hcpcs"])
        if named is not None:
            return named
    if setting == "facility" and fac_na and technical_row(row["modifier"], row["pctc"]):
        if row["modifier"] == "TC":
            return TECHNICAL_IN_FACILITY_REASON
        return SKIN_SUBSTITUTE_IN_FACILITY_REASON if meanings.is_skin_substitute(row["hcpcs"]) else (
            TECHNICAL_ONLY_IN_FACILITY_REASON)  # fmt: skip
    if setting == "non_facility" and row["nonfac_na"] == "NA":
        return NON_FACILITY_NA_REASON
    if setting != "non_facility" and fac_na and row["hcpcs"] in REMOTE_MONITORING_CODES:
        return REMOTE_MONITORING_IN_FACILITY_REASON
    if setting != "non_facility" and fac_na and row["hcpcs"] in HOME_VISITS:
        return HOME_VISIT_IN_FACILITY_REASON
    if setting != "non_facility" and fac_na and row["pctc"] == INCIDENT_TO:
        return INCIDENT_TO_IN_FACILITY_REASON
    if setting != "non_facility" and fac_na:
        return "Not priced in the facility setting: CMS marks its PE RVU 'NA' (rarely or never performed there)"
    return None


def unpaid_setting(row: dict[str, Any], setting: str) -> SettingAmount | None:
    """The row's setting without a PFS amount (``not_priced_reason``), its status said with it: not priced where the
    MAC prices the row (status C, or zero RVUs: ``CONTRACTOR_PRICED_REASON``), else not payable; a technical
    component in a facility is the facility's part (``facility_part``). None: the row has an amount there."""
    reason = not_priced_reason(row, setting)
    if reason is None:
        return None
    contractor = is_contractor_priced(row["status"], row["work_rvu"], row["pe_nonfac_rvu"], row["pe_fac_rvu"],
                                      row["mp_rvu"])  # fmt: skip
    facility_part = reason in FACILITY_PART_REASONS  # the facility's: not the MAC's to price (77520 at a hospital)
    return SettingAmount.model_construct(
        payable=False, reason=reason, status="not_priced" if contractor and not facility_part else "not_payable",
        facility_part=facility_part,
    )  # fmt: skip


# The reasons ``technical_only_at_place_reason`` rewrites at a place (batch finds its rows by them).
AT_PLACE_REASONS = (
    TECHNICAL_ONLY_IN_FACILITY_REASON,
    MAC_TECHNICAL_ONLY_IN_FACILITY_REASON,
    REMOTE_MONITORING_IN_FACILITY_REASON,
    TECHNICAL_IN_FACILITY_REASON,
    GLOBAL_IN_FACILITY_REASON,
)
FACILITY_PART_REASONS = frozenset(
    {TECHNICAL_IN_FACILITY_REASON, TECHNICAL_ONLY_IN_FACILITY_REASON, SKIN_SUBSTITUTE_IN_FACILITY_REASON,
     MAC_TECHNICAL_ONLY_IN_FACILITY_REASON}
)  # fmt: skip


def setting_amount(amount: int, fee: int, adjustments: list[Adjustment]) -> SettingAmount:
    """A payable setting: the adjusted amount (cents), with non-par and limiting charge on it."""
    return SettingAmount.model_construct(
        payable=True,
        amount=money(amount),
        fee_schedule_amount=money(fee),
        non_par_amount=money(non_par_amount(amount)),
        limiting_charge=money(limiting_charge(amount)),
        adjustments=adjustments,
        reason=None,
    )
