"""What CMS's PFS codes and indicators mean, in words.

Wording follows CMS's "National Physician Fee Schedule Relative Value File"
documentation (RVU25A/RVU26C PDF, attachment A) and the Medicare Claims
Processing Manual, chapter 12; shortened where a user needs only the gist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

STATUS = {
    "A": "Active code: paid separately under the PFS, if covered",
    "B": "Bundled code: payment is always included in payment for other services",
    "C": "Carrier-priced: the MAC sets RVUs and payment case by case, there is no national amount. Ask your MAC",
    "D": "Deleted code",
    "E": "Excluded from the PFS by regulation (if covered, paid under reasonable-charge rules)",
    "F": "Deleted or discontinued code (no grace period)",
    "G": "Not valid for Medicare: Medicare uses another code (90-day grace period)",
    "H": "Deleted modifier: this component was deleted for the current year",
    "I": "Not valid for Medicare: Medicare uses another code for this service",
    "J": "Anesthesia service: no RVUs, paid by base and time units with the anesthesia conversion factor",
    "M": "Measurement code: for reporting only, no payment",
    "N": "Non-covered service: not covered by Medicare",
    "P": "Bundled or excluded: no PFS payment (bundled if incident to a physician service, "
    "otherwise paid under another provision if covered)",
    "R": "Restricted coverage: special coverage instructions apply, paid only when covered",
    # CMS's documentation heads status T "Injections", but its codes are not all injections (RVU25A and RVU26C: pulse
    # oximetry 94760/94761, blood draws from a venous device 36591/36592, high-risk glaucoma screening G0117/G0118
    # beside 36598 and 96523): a pulmonology trial's `price 94760` read "Status T: Injection".
    "T": "Paid alone only: not paid when another PFS service is billed the same day by the same provider (CMS's "
    'heading for status T is "Injections", though it has other services too, such as pulse oximetry)',
    "X": "Statutory exclusion: not a physician service for PFS payment (e.g. ambulance, clinical lab)",
}

# Statuses priced from the RVUs.
PRICED_STATUSES = frozenset("ART")

# Status B codes whose reason says what they are, after the status's meaning (``engine.pfs.status_reason``: price's and
# batch's alike). 99024, "Postop follow-up visit" (RVU26C: status B, no RVUs): the postoperative visits related to
# recovery from a surgery are part of its global surgical package, paid with the procedure (Claims Processing Manual
# ch. 12 §40.1, "Components of a Global Surgical Package"); 99024 only reports such a visit, a no-pay code CMS requires
# some practices to report for its data on postoperative visits (CY2017 PFS final rule, 81 FR 80209; CMS's "Global
# Surgery Data Collection" page). `price 99024` said only "status B: Bundled code ...". 99070
# (supplies) is not here: no CMS text on it was found. No "; " in a reason (batch joins a row's notes with it).
BUNDLED_CODE_SAID = {
    "99024": "99024 reports a postoperative follow-up visit, paid within the global surgical package of the "
    "procedure it follows (Claims Processing Manual ch. 12 §40.1): a no-pay code some practices report for CMS's data "
    "on postoperative visits (CY2017 PFS final rule, 81 FR 80209)",
}

PCTC = {
    "0": "Physician service: no professional/technical split",
    "1": "Diagnostic test with professional (26) and technical (TC) components",
    "2": "Professional component only",
    "3": "Technical component only",
    "4": "Global test only: the components are billed under other codes",
    "5": "Incident-to code: not payable to hospital inpatients or outpatients",
    "6": "Laboratory physician interpretation code: no TC",
    "7": "Physical therapy service: not payable when an independent therapist treats hospital patients",
    "8": "Physician interpretation of an abnormal smear for a hospital inpatient (85060)",
    "9": "Concept of PC/TC does not apply",
}

GLOBAL_DAYS = {
    "000": "Endoscopic or minor procedure: same-day pre- and postoperative care included",
    "010": "Minor procedure: 10-day postoperative period included",
    "090": "Major surgery: the day before and 90 days after included",
    "MMM": "Maternity code: the global concept does not apply in the usual way",
    "XXX": "The global concept does not apply",
    "YYY": "Carrier decides the global period",
    "ZZZ": "Add-on code: within the global period of another service",
}

MULT_PROC = {
    "0": "No multiple-procedure reduction",
    "1": "Standard reduction of before 1995 (100/50/25/25/25)",
    "2": "Standard reduction: 100% for the highest, 50% for the others (51)",
    "3": "Endoscopy family rules (endoscopic base code)",
    "4": "Diagnostic imaging: TC 50% and PC 5% reduction for later services of the family",
    "5": "Therapy: 50% reduction of PE for later services",
    "6": "Diagnostic cardiovascular: TC 25% reduction for later services",
    "7": "Diagnostic ophthalmology: TC 20% reduction for later services",
    "9": "Concept does not apply",
}

BILAT_SURG = {
    "0": "Bilateral (50): no 150% adjustment, both sides paid at 100% of one",
    "1": "Bilateral (50): 150% of the amount",
    "2": "Already bilateral: 100% with modifier 50",
    "3": "Each side paid separately: 100% per side",
    "9": "Concept does not apply",
}

ASST_SURG = {
    "0": "Assistant at surgery payable only with documented medical necessity",
    "1": "Assistant at surgery not payable",
    "2": "Assistant at surgery payable (80/81/82: 16%, AS: 13.6%)",
    "9": "Concept does not apply",
}

CO_SURG = {
    "0": "Co-surgeons (62) not permitted",
    "1": "Co-surgeons payable with documentation of medical necessity",
    "2": "Co-surgeons permitted: 62.5% each",
    "9": "Concept does not apply",
}

TEAM_SURG = {
    "0": "Team surgery (66) not permitted",
    "1": "Team surgery payable with documentation of medical necessity, by report",
    "2": "Team surgery permitted, by report",
    "9": "Concept does not apply",
}

PRIC_IND = {
    "1": "Priced with the qualifying APM participant conversion factor",
    "9": "Priced with the non-qualifying APM participant conversion factor",
    "": "No pricing indicator in this release's file (before 2026: one conversion factor)",
}

DIAG_SUPERVISION = {
    "01": "General supervision of a physician",
    "02": "Direct supervision of a physician",
    "03": "Personal supervision of a physician",
    "04": "No supervision needed when furnished by a qualified psychologist; otherwise general supervision",
    "05": "No supervision needed when furnished by a qualified audiologist; otherwise general supervision",
    "06": "Performed by a physician or an ABPTS-certified physical therapist",
    "09": "Concept does not apply",
    "21": "A certified technician under general supervision; otherwise direct supervision",
    "22": "A technician with on-line real-time contact with a physician",
    "66": "A physician, or a physical therapist with ABPTS and procedure certification",
    "6A": "As level 66; an ABPTS-certified PT may supervise another PT, but only the certified PT may bill",
    "77": "An ABPTS-certified PT, an uncertified PT under direct supervision, or a certified technician "
    "under general supervision",
    "7A": "As level 77; an ABPTS-certified PT may supervise another PT, but only the certified PT may bill",
}

FAMILY_IND = {
    "88": "Subject to the diagnostic imaging reductions (TC and PC)",
    "99": "Concept does not apply",
}

CALC_FLAG = {
    "0": "No calculation flag (CMS sets 0 for every code since July 2014)",
}

INDICATOR_TABLES: dict[str, dict[str, str]] = {
    "pctc": PCTC,
    "global_days": GLOBAL_DAYS,
    "mult_proc": MULT_PROC,
    "bilat_surg": BILAT_SURG,
    "asst_surg": ASST_SURG,
    "co_surg": CO_SURG,
    "team_surg": TEAM_SURG,
    "pric_ind": PRIC_IND,
    "diag_supervision": DIAG_SUPERVISION,
    "family_ind": FAMILY_IND,
    "calc_flag": CALC_FLAG,
}


def status_statement(status: str) -> str:
    """What price's header says of a PFS status ("Status R: Restricted coverage ...")."""
    return f"Status {status}: {meaning(STATUS, status)}"


# RVU file documentation (RVUPUF), status R: "Restricted coverage. Special coverage instructions apply. If covered, the
# service is paid using RVUs". Price's header said it, batch's row nothing (a podiatry trial's 11056 without Q7-Q9):
# the statement is a line's note too (``lookup.lines.row_notes``), price's and batch's alike. No "; " in it (notes are
# joined with "; ").
RESTRICTED_STATUS = "R"


def restricted_coverage_note(status: object) -> str | None:
    """A status R row's note: ``status_statement``; None for any other status."""
    return status_statement(RESTRICTED_STATUS) if status == RESTRICTED_STATUS else None


# Dental services (CDT's D codes, which the RVU file lists with status R and zero RVUs: the MAC prices them). Medicare
# excludes "services in connection with the care, treatment, filling, removal, or replacement of teeth or structures
# directly supporting teeth" (Social Security Act §1862(a)(12), 42 CFR 411.15(i), Benefit Policy Manual ch. 16 §140),
# but pays a dental service inextricably linked to the clinical success of a covered one (CY2023 and CY2024 PFS final
# rules, 42 CFR 411.15(i)(3): the exam and treatment of an oral infection before an organ or stem cell transplant,
# cardiac valve replacement or valvuloplasty, or cancer treatment such as chemotherapy, CAR-T or head and neck
# radiation, and teeth stabilized with a jaw fracture's reduction: the MACs' dental pages, Noridian's and Palmetto GBA's
# "Determining Inextricable Linkage for Dental Services"). KX on such a line attests the linkage and the care
# coordination, and from July 1, 2025 a MAC may deny a dental claim without KX as statutorily not covered (CR 13649:
# CGS, "Utilizing Modifier KX for Medicare Dental Claims"). An oral surgery practice's trial found D9239, D0220 and
# D6010 said to be "paid from dental services, which rvucalc does not install", though the PFS lists them, and a
# D7140 line with nothing said of the exclusion. No "; " in it (notes are joined with "; ").
DENTAL_CODE = re.compile(r"D\d{4}")


def dental_coverage_note(code: str, status: object) -> str | None:
    """A dental D code's note where the RVU file lists it as restricted coverage (status R): the exclusion, its
    exceptions and KX; None for any other code or status. The same whether the line has KX or not (batch's row notes
    see the modifiers that choose CMS's row, never KX)."""
    if status != RESTRICTED_STATUS or not DENTAL_CODE.fullmatch(code):
        return None
    return (
        f"{code} is a dental service, which Medicare excludes (Social Security Act §1862(a)(12), 42 CFR 411.15(i), "
        "Benefit Policy Manual ch. 16 §140) unless it is inextricably linked to a covered service (CY2023 and CY2024 "
        "PFS final rules: such as the exam and treatment of an oral infection before an organ transplant, cardiac "
        "valve replacement or valvuloplasty, or cancer treatment such as head and neck radiation). Bill it with KX "
        "when the record shows that link and the care coordination (from 2025-07-01 a MAC may deny a dental line "
        "without KX as not covered, CR 13649), else expect a denial (the patient pays). The MAC prices its PFS fee."
    )


# Cosmetic surgery: the procedures directed at improving appearance that CMS's RVU file (RVU25A, RVU25D, RVU26C) lists
# with status R (restricted coverage): hair transplantation 15775-15776, chemical peels 15788, 15789 and 15792,
# rhytidectomy (facelift) 15824-15829 and suction lipectomy 15876-15879 (the last two with zero RVUs: the MAC prices
# them). Medicare's cosmetic surgery exclusion, Social Security Act §1862(a)(10) (expenses "for cosmetic surgery or
# ... incurred in connection therewith"), "precludes payment for any surgical procedure directed at improving
# appearance ... The only exception to the exclusion is surgery for the prompt repair of an accidental injury or for
# the improvement of a malformed body member" (NCD 140.4, cross-referencing the Benefit Policy Manual ch. 16 §120).
# A plastic surgery group's trial found 15828 at an ASC priced at $1,948.45 with nothing said but "restricted
# coverage". Other status R codes of the range are left out: tattooing 11920-11922 (nipple-areola reconstruction),
# dermal fillers 11950-11954 (NCD 250.5, facial lipodystrophy) and panniculectomy 15830 are often covered, and
# blepharoplasty 15820-15823, mastopexy 19316 and reduction mammaplasty 19318 are status A, their coverage the MACs'
# LCDs (which rvucalc does not apply). No "; " in the note (batch joins a row's notes with it).
COSMETIC_PROCEDURES: dict[str, str] = {
    **dict.fromkeys(("15775", "15776"), "hair transplantation"),
    **dict.fromkeys(("15788", "15789", "15792"), "a chemical peel"),
    **dict.fromkeys(("15824", "15825", "15826", "15828", "15829"), "a rhytidectomy (facelift)"),
    **dict.fromkeys(("15876", "15877", "15878", "15879"), "suction lipectomy (liposuction)"),
}


def cosmetic_surgery_note(code: str, status: object) -> str | None:
    """A ``COSMETIC_PROCEDURES`` code's note where the RVU file lists it as restricted coverage (status R): the
    cosmetic surgery exclusion and its exceptions; None for any other code or status. It changes no amount."""
    family = COSMETIC_PROCEDURES.get(code)
    if status != RESTRICTED_STATUS or family is None:
        return None
    return (
        f"{code} is {family}, which Medicare's cosmetic surgery exclusion reaches when it is done to improve "
        "appearance (Social Security Act §1862(a)(10), Benefit Policy Manual ch. 16 §120, NCD 140.4): it is covered "
        "only for the prompt repair of an accidental injury or to improve the functioning of a malformed body member, "
        "and Medicare pays it only then. Done for appearance, it is statutorily excluded, the ASC's or "
        "hospital's payment for it too (expenses incurred in connection with it): the patient pays."
    )


def meaning(table: dict[str, str], value: str) -> str:
    return table.get(value, f"Code {value!r}: not described in rvucalc's tables; see CMS's RVU file documentation")


# The partial hospitalization and intensive outpatient codes of the RVU file (status X) that OPPS Addendum B marks SI P
# (October 2025: G0129, G0176, G0410, G0411): the hospital's or CMHC's own codes, paid within its per diem (PAID_APART).
PER_DIEM_CODES = ("G0129", "G0176", "G0410", "G0411")
PER_DIEM_PFS_REASON = (
    "No PFS payment: status X (the RVU file's: not a physician service under the PFS): a partial hospitalization or "
    "intensive outpatient service the hospital or CMHC bills on its own claim, paid within its per-diem APC"
)
# G0177, a PHP or IOP session of patient training and education (the RVU file's "Opps/php/iop; train & educ", status
# X), is SI N in OPPS Addendum B (January and October 2025: packaged, no rate), not SI P: a partial hospitalization
# service ("Patient training and education, to the extent the training and educational activities are closely and
# clearly related to the individual's care and treatment", 42 CFR 410.43(a)(4)(vii)) the hospital or CMHC bills, paid
# within the day's per diem or packaged into its other services; no practitioner's PFS line. A CMHC and hospital PHP's
# trial: its G0177 said "Statutory exclusion ... (e.g. ambulance, clinical lab)", as G0410 once did.
PROGRAM_PACKAGED_CODES = ("G0177",)
PROGRAM_PACKAGED_PFS_REASON = (
    "No PFS payment: status X (the RVU file's: not a physician service under the PFS): a partial hospitalization or "
    "intensive outpatient training and education service the hospital or CMHC bills on its own claim, with no "
    "payment of its own (OPPS SI N: packaged into the day's per-diem APC or other services)"
)


# Codes the RVU file lists with status X that Medicare pays from a payment of their own, which rvucalc does not
# install: the schedule for each (``paid_apart_note``). In the office that is the line's reason, and an encounter's
# total leaves the line out, named, as any line Medicare pays outside the PFS (``engine.facility.office_priced_apart``).
PAID_APART: dict[str, str] = {
    # Vaccine administration (influenza, pneumococcal, hepatitis B, COVID-19): Medicare pays its own vaccine
    # administration rate (MLN "Medicare Part B Immunization Billing"), with no deductible or coinsurance (the
    # waivers: engine.preventive).
    **dict.fromkeys(("G0008", "G0009", "G0010", "90480"),
                    "Medicare's vaccine administration payment (MLN: Medicare Part B Immunization Billing)"),
    # FQHC visits: the FQHC prospective payment system's G codes, billed on the center's institutional claim (Pub.
    # 100-04 ch. 9 §60).
    **dict.fromkeys(("G0466", "G0467", "G0468", "G0469", "G0470"),
                    "the FQHC prospective payment system, on the health center's own claim (Claims Processing Manual "
                    "ch. 9)"),
    # RHC/FQHC-only codes other than the FQHC visits (a trial: G2025, G0490, G0511 were said to be "not a physician
    # service (e.g. ambulance, clinical lab)"). Their RVU rows (status X) name them "by rhc/fqhc". The clinic bills
    # them on its own institutional claim: Claims Processing Manual ch. 9 (Rev. 12070) §70.7 "Virtual Communication
    # Services" (G0071), §70.8 "General Care Management Services" (G0511, G0512: CR 10843, MACs pay 80% of the lesser
    # of the charge or the rate CMS sets each year from PFS amounts), §80 "Telehealth Services" (G2025: a national
    # rate from the PFS telehealth amounts weighted by volume, not the AIR or PPS: CY2026 PFS final rule); G0490 is a
    # visit under the AIR or the FQHC PPS (RN/LPN home visit in a home health shortage area, from October 2016).
    "G0490": "the RHC all-inclusive rate or the FQHC prospective payment system, as a visit on the clinic's own claim "
    "(visiting nurse services, Claims Processing Manual ch. 9)",
    "G0071": "the rate CMS sets each year for RHC/FQHC virtual communication services, on the clinic's own claim "
    "(Claims Processing Manual ch. 9 §70.7)",
    **dict.fromkeys(("G0511", "G0512"),
                    "the rate CMS sets each year for RHC/FQHC care management services from PFS amounts, on the "
                    "clinic's own claim (Claims Processing Manual ch. 9 §70.8)"),
    "G2025": "the RHC/FQHC distant site telehealth rate (a national rate CMS sets each year from PFS amounts, not the "
    "clinic's all-inclusive rate or PPS), on the clinic's own claim (Claims Processing Manual ch. 9 §80)",
    # The telehealth originating site facility fee: a national amount set by statute (SSA §1834(m)(2)(B): $20 from
    # October 2001, raised each year by the MEI), "not priced off of the Medicare Physician Fee Schedule Database"
    # (CMS's announcement as restated by AAPC); deductible and coinsurance apply. A trial found it explained as an ASP
    # drug code.
    "Q3014": "the telehealth originating site facility fee (a national amount CMS sets each year, SSA §1834(m)(2)(B), "
    "raised by the MEI and published with the PFS final rule, the patient pays 20%)",
    # Home health and hospice lines (a trial: Q5001 was said to be a drug code "not on the ASP file", G0299 a
    # "statutory exclusion (e.g. ambulance, clinical lab)"). The agency reports them on its own institutional claim
    # and is paid per period or per day, not per line: NGS (a home health MAC), "Reporting Site of Service Codes for
    # Home Health Care": "HH PPS claim payments are based on the site of the beneficiary's care", Q5001, Q5002 or
    # Q5009 on every period of care claim with the first billable visit, one unit and a nominal charge (a penny); the
    # visits are the discipline G codes (G0299/G0300 skilled nursing, G0151-G0161 therapy, social work and aide, "in
    # the home health or hospice setting", as the RVU file's descriptors "Hhcp-", "Hhs/hospice" say). The RVU file's
    # Q5003-Q5008 and Q5010 are hospice-only places ("Hospice in snf" ...), reported on the hospice's claim (NGS
    # "Hospice Site of Service Codes"), paid by the hospice per diem. G0337, the hospice's pre-election evaluation
    # and counseling, is billed by the hospice to its MAC (MMA 2003; CMS's Medlearn Matters on it), not by a
    # physician under the PFS.
    **dict.fromkeys(("Q5001", "Q5002", "Q5009"),
                    "the home health PPS period payment or the hospice per diem (the place-of-service line, one unit "
                    "at a nominal charge, on the home health agency's or hospice's own claim)"),
    **dict.fromkeys(("Q5003", "Q5004", "Q5005", "Q5006", "Q5007", "Q5008", "Q5010"),
                    "the hospice per diem (the place-of-service line on the hospice's own claim)"),
    **dict.fromkeys(("G0151", "G0152", "G0153", "G0155", "G0156", "G0157", "G0158", "G0159", "G0160", "G0161",
                     "G0299", "G0300"),
                    "the home health PPS period payment or the hospice per diem (a visit line on the home health "
                    "agency's or hospice's own claim, not a PFS service)"),
    "G0162": "the home health PPS period payment (a visit line on the home health agency's own claim, not a PFS "
    "service)",
    "G0337": "the hospice's pre-election evaluation and counseling payment (on the hospice's own claim, not the PFS)",
    # Partial hospitalization and intensive outpatient services (the RVU file's status X, "Statutory exclusion", whose
    # meaning's examples, ambulance and clinical lab, a trial read as G0410's): OPPS Addendum B gives them SI P, paid
    # only within the program's per-diem APC, on the hospital's (13x, condition code 41 or 92) or CMHC's (76x) own claim
    # (engine.facility.PER_DIEM_REASON; the RVU file's descriptors "Php/iop ot service", "Grp psych php/iop 45-50").
    # What rvucalc lacks is the per-diem's rate (Addendum A), not the PFS: the note ends so (a review read "not the
    # PFS, which rvucalc does not install"; the CLI's verdict then sent the user to the MAC for a known payment).
    # The specimen collection travel allowance (a lab trial: `price P9603` said "paid from the clinical laboratory fee
    # schedule ... the installed CLFS files do not list P9603"): not a CLFS rate. SSA §1833(h)(3) pays a travel
    # allowance for a technician's collecting a specimen from a homebound or nursing home patient; Claims Processing
    # Manual (Pub. 100-04) ch. 16 §60.2, "Travel Allowance": paid only with a payable specimen collection fee (36415,
    # G0471, P9612, P9615: CMS's CLFS lists them), per mile (P9603) where the round trip is over 20 miles (or to more
    # than one place), a flat rate per trip (P9604) at 20 miles or less, prorated over the patients (Medicare's or not)
    # of the trip. CMS sets the minimum per-mile and flat rates each year in a change request (MLN Matters MM9960 for
    # 2017, MM10448 for 2018; CR 14088, September 2025, billing P9603 to a tenth of a mile); the MAC pays the allowance
    # and may pay more per mile. No CMS file rvucalc installs holds the rates (the RVU file lists both as status X).
    **dict.fromkeys(("P9603", "P9604"),
                    "the specimen collection travel allowance, not the CLFS (Claims Processing Manual ch. 16 §60.2: "
                    "the MAC pays it at no less than the per-mile (P9603) and flat per-trip (P9604) rates CMS sets "
                    "each year, only beside a payable specimen collection fee, 36415, G0471, P9612 or P9615, for a "
                    "homebound or nursing home patient, per mile only for a round trip over 20 miles, prorated over "
                    "the trip's patients)"),
    **dict.fromkeys(PER_DIEM_CODES,
                    "the day's partial hospitalization or intensive outpatient per-diem APC (one a day, not per line "
                    "nor under the PFS), on the hospital's or community mental health center's own claim (Claims "
                    "Processing Manual ch. 4 §260.1): its rate is in OPPS Addendum A"),
}  # fmt: skip


# RHC/FQHC care management and virtual communication codes CMS retired (a trial: `price G0511 --date 2026-02-03` was
# told it is paid "from the rate CMS sets each year ... ch. 9 §70.8"). The CY2025 PFS final rule let RHCs and FQHCs
# bill the individual care management codes in place of G0511 from January 1, 2025, and G0511 only for the first six
# months of 2025 (as NARHC, CLA and CodingIntel restate the rule, and Benefit Policy Manual ch. 13's revision: "until
# July 1, 2025"); CMS then kept G0511 payable through September 30, 2025 (an RHC/FQHC trial: a G0511 line of August
# 2025 was told it is billed only through June 30): NARHC's "Summary of CY26 CMS Final Rules for RHCs" (12/23/2025),
# "Effective October 1, 2025, G0511 is no longer payable", and Care-Logic's G0511 guide, "a transition window that
# ended September 30, 2025". The CY2026 PFS final rule ended G0512 (the clinic
# bills psychiatric collaborative care as 99492-99494, G2214: AHRQ's Academy, "New Medicare Billing Practices for
# Collaborative Care Take Effect") and G0071 (the clinic bills the virtual communication codes themselves, 98016,
# G2250-G2252 ...) from January 1, 2026: not G2012, deleted from HCPCS for 2025 and replaced by CPT's 98016
# (engine.pfs's deleted codes; RVU26 lists 98016 and G2250-G2252, no G2012: an FQHC/RHC trial was sent to G2012).
# CMS's own files agree: RVU26's files have no G0071, G0511 or G0512 row. Per code: (the year from which the code is
# no longer billed, the last date said, what the clinic bills instead). G0511's end falls inside 2025, whose RVU files
# still list it: a 2025 line is told both (batch prices by release, not by day).
ENDED_PAID_APART: dict[str, tuple[int, str, str]] = {
    "G0511": (2026, "September 30, 2025", "the individual care management codes (CCM, PCM, BHI, RPM/RTM, CHI, PIN) or "
              "APCM (G0556-G0558)"),
    "G0512": (2026, "December 31, 2025", "the psychiatric collaborative care codes (99492-99494, G2214)"),
    "G0071": (2026, "December 31, 2025", "the virtual communication codes themselves (98016, G2250-G2252 ...)"),
}  # fmt: skip


def ended_paid_apart_note(code: str) -> str | None:
    """The reason of a retired RHC/FQHC code (``ENDED_PAID_APART``) after its end, or None."""
    ended = ENDED_PAID_APART.get(code)
    if ended is None:
        return None
    _, last, instead = ended
    return (
        f"{code} was an RHC/FQHC-only code, billed through {last} (CMS's PFS final rule), then deleted: the clinic "
        f"bills {instead} on its own claim."
    )


# Vaccine administration a hospital bills (type of bill 12x/13x) is paid under the OPPS, not from the practitioner's
# vaccine administration payment: Addendum B gives G0008-G0010 SI S, APC 5691 (January 2025) and 90480 APC 9398, and
# CGS (a MAC: "HCPCS code 90471 is for outpatient prospective payment system (OPPS) hospitals billing the hepatitis B
# vaccine administration", citing Claims Processing Manual ch. 18 §10.2.1) bills it so; home health agencies are paid
# "based on the OPPS vaccine administration rate" (NAHC). A trial's `price G0008 --setting 22` showed the hospital's
# $42.54 and then said G0008 is paid from a payment rvucalc does not install: where the line's OPPS rate is priced the
# note says that payment is the practitioner's or supplier's and the hospital's is its OPPS rate (price and batch).
PAID_APART_VACCINE_ADMINISTRATION = frozenset({"G0008", "G0009", "G0010", "90480"})
# (", and": no "; " inside a note, which batch's note column joins a row's notes with)
HOSPITAL_VACCINE_ADMINISTRATION = ", and a hospital's (type of bill 12x/13x) is its OPPS rate (Addendum B)"


def hospital_paid_apart_note(code: str, year: int | None = None) -> str | None:
    """``paid_apart_note`` where the line's hospital (OPPS) rate is priced: a vaccine administration's
    (``PAID_APART_VACCINE_ADMINISTRATION``) says the payment rvucalc lacks is a physician's or supplier's, the
    hospital's the OPPS rate; any other code's is ``paid_apart_note``'s."""
    note = paid_apart_note(code, year)
    if note is None or code not in PAID_APART_VACCINE_ADMINISTRATION:
        return note
    return (f"{code} is paid to a physician or other supplier from {PAID_APART[code]}, which rvucalc does not "
            f"install{HOSPITAL_VACCINE_ADMINISTRATION}.")  # fmt: skip


def paid_apart_note(code: str, year: int | None = None) -> str | None:
    """Where a ``PAID_APART`` code is paid, said as its line's and its office's reason (a trial: an encounter's total
    left G0008 out as "Statutory exclusion: not a physician service" while its line named the vaccine payment); in
    ``year`` (the release's), a retired code's end (``ENDED_PAID_APART``). Price and batch alike."""
    schedule = PAID_APART.get(code)
    if schedule is None:
        return None
    ended = ENDED_PAID_APART.get(code)
    if ended is not None and year is not None and year >= ended[0]:
        return ended_paid_apart_note(code)
    note = f"{code} is paid from {schedule}, which rvucalc does not install."
    if ended is not None and year is not None and year == ended[0] - 1 and code == "G0511":
        note += f" It is billed only through {ended[1]}: after, the clinic bills {ended[2]}."
    return note


# Vaccine products: CPT's vaccine and toxoid product codes (90476-90759) and its SARS-CoV-2 vaccine codes (91300-91399;
# every 913xx row of the 2026 RVU file is a "Sarscov2 vac"). The RVU file lists the Part B ones with status X (not
# paid under the PFS). Medicare Part B pays influenza, pneumococcal, hepatitis B and COVID-19 vaccines at 95% of the
# average wholesale price (reasonable cost in a hospital outpatient department), the limits in the quarterly ASP file
# (its "Vaccine AWP%" and "Vaccine Limit" columns) and, for seasonal influenza vaccines (limits from August 1 to July
# 31), on CMS's Seasonal Influenza Vaccines Pricing page (CMS, "Vaccine Pricing", cms.gov/medicare/payment/part-b-
# drugs/vaccine-pricing; MLN Matters MM11882). So a vaccine is looked for in the ASP file, and when the file for the
# date is not installed, or does not list it, that is the office's reason, never the PFS status X's "not a physician
# service" (a trial: 90686 in January 2025). The line is then not priced (Part B pays it, rvucalc has no amount), and
# an encounter's office total leaves it out, named, as a ``PAID_APART`` line (``facility.office_priced_apart``), the
# other lines paid: as before the ASP lookup (the line's reason was status X's), and as batch's claim totals (a review:
# `price 99213 90686 --setting 11` was "not payable" where batch's claim paid 99213).
VACCINE_PRODUCT_RANGES = ((90476, 90759), (91300, 91399))
# A code paid apart (``PAID_APART``) inside that range is no vaccine product: 90480, CPT's SARS-CoV-2 vaccine
# administration (the 2026 RVU file's "Admn sarscov2 vac 1/only cmp"), paid as G0008-G0010. A trial: `price 90480` said
# it was not in the ASP file and that Part B pays vaccines at 95% of the AWP, and compare that the ASP file paid it.
# Not every code of the range is a Part B vaccine: Part B covers influenza, pneumococcal, hepatitis B and COVID-19
# vaccines (and others only when directly related to the treatment of an injury or direct exposure to a disease: Pub.
# 100-02 ch. 15 §50.4.4.2); Part D plans cover the other commercially available vaccines (CMS MLN908764, "Medicare
# Part D Vaccines"). The RVU file's status does not tell them apart (status X has dengue, HPV and cholera vaccines
# beside the flu ones), and CMS's code list of each family is not verifiable here, so the range's message is true of
# every code in it, and only the codes sourced one by one say Part D (``PART_D_VACCINES``).
VACCINE_PAYMENT = (
    "Medicare Part B pays influenza, pneumococcal, hepatitis B and COVID-19 vaccines at 95% of the average wholesale "
    "price (CMS's ASP file, or its Seasonal Influenza Vaccines Pricing page for a flu season's vaccines). Other "
    "vaccines are covered under Part D, and by Part B only when directly related to the treatment of an injury or "
    "direct exposure to a disease."
)
# Shingles (herpes zoster) vaccines: CPT 90736 (zoster vaccine, live: Zostavax) and 90750 (zoster vaccine, recombinant,
# adjuvanted: Shingrix), the RVU file's "Hzv" rows. "No, shingles vaccines are not covered under Part B Medicare. The
# shingles (herpes zoster) vaccine is a preventive vaccine that can be covered by Part D Medicare" (Palmetto GBA, a
# Part B MAC, Preventive Services FAQ, citing CMS MLN908764 "Medicare Part D Vaccines").
PART_D_VACCINES: dict[str, str] = dict.fromkeys(("90736", "90750"), "a shingles (herpes zoster) vaccine")
# Its administration is Part D's too: "No, providers may not bill Medicare Part B for administering Part D vaccines"
# (Palmetto GBA, Preventive Services FAQ, after CMS MLN908764: Part B pays a vaccine and its administration for the
# vaccines it covers, the Part D plan the others). An infectious disease clinic's 90471 beside 90750 (Shingrix) was
# priced at the PFS amount and 20% with no word. Noted on a practitioner's 90471/90472 beside a Part D vaccine on the
# claim and date (``part_d_administration_notes``; batch: ``batch.claims._part_d_vaccine_administration``), priced as
# billed: the line may be another vaccine's administration.
VACCINE_ADMINISTRATION = frozenset({"90471", "90472"})


def part_d_administration_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): on 90471/90472 beside a ``PART_D_VACCINES`` code,
    that its administration is billed to the Part D plan; else None. No "; " in it (batch joins notes with it)."""
    vaccine = next((code for code, _ in lines if code in PART_D_VACCINES), None)
    if vaccine is None:
        return [None] * len(lines)
    return [
        f"{code} beside {vaccine}, {PART_D_VACCINES[vaccine]} Part D covers: its administration is billed to the "
        "Part D plan with the vaccine, not to Part B (Palmetto GBA FAQ, CMS MLN908764). Priced as billed, as for "
        "another vaccine's."
        if code in VACCINE_ADMINISTRATION
        else None
        for code, _ in lines
    ]


# The vaccines CMS's ASP file prices at the usual 20% coinsurance (no "Vaccine AWP%"), which Part B covers only as
# treatment: "Vaccinations or inoculations are excluded as immunizations unless they are directly related to the
# treatment of an injury or direct exposure to a disease or condition", such as a tetanus booster or anti-rabies
# treatment (Pub. 100-02 ch. 15 §50.4.4.2); "The Part B program covers vaccines that are necessary to treat an injury
# or illness. This includes a tetanus vaccination ... When a patient simply needs a booster shot of his or her tetanus
# vaccine unrelated to injury or illness, it may be covered under his/her Part D plan" (CGS, a Part B MAC, "Tetanus
# Immunization", 2018). The January 2026 ASP file's rows of CPT's vaccine range with 20% coinsurance: 90632 (Hepa
# vaccine adult), 90675 (rabies), 90714 (Td), 90715 (Tdap); 90586 (BCG, intravesical) is a bladder cancer treatment, not
# listed.
# An infectious disease clinic's trial: 90715 with 90471 was priced at 20% with no word of the condition, which
# ``VACCINE_PAYMENT`` says when the ASP file is not installed.
INJURY_OR_EXPOSURE_VACCINES: dict[str, str] = {
    "90632": "a hepatitis A vaccine",
    "90675": "a rabies vaccine",
    "90714": "a tetanus and diphtheria (Td) vaccine",
    "90715": "a tetanus, diphtheria and pertussis (Tdap) vaccine",
}


def injury_or_exposure_vaccine_note(code: str) -> str | None:
    """The condition of Part B's payment for a vaccine of ``INJURY_OR_EXPOSURE_VACCINES``, else None. No "; " in it
    (batch joins notes with it)."""
    family = INJURY_OR_EXPOSURE_VACCINES.get(code)
    if family is None:
        return None
    return (
        f"{code} is {family}: Part B pays it only when directly related to the treatment of an injury or a direct "
        f"exposure to a disease (a tetanus booster for a wound, rabies vaccine after exposure: Pub. 100-02 ch. 15 "
        f"§50.4.4.2), else the patient's Part D plan covers it (and its administration)."
    )


def vaccine_payment(code: str) -> str:
    """Who pays a vaccine product (``is_vaccine_product``): Part D for a code sourced as a Part D vaccine
    (``PART_D_VACCINES``; a review: 90750, Shingrix, was said to be paid by Part B), else ``VACCINE_PAYMENT``."""
    family = PART_D_VACCINES.get(code)
    if family is None:
        return VACCINE_PAYMENT
    return (
        f"{code} is {family}: Medicare covers it under Part D (the patient's drug plan), not Part B (CMS MLN908764, "
        "Medicare Part D Vaccines), which pays influenza, pneumococcal, hepatitis B and COVID-19 vaccines."
    )


# The DMEPOS items the DME MACs bill per side: each of a pair on its own line, one with RT and one with LT (a
# podiatry trial's A5500-RT-LT-KX x 2, a pair of diabetic shoes, was told "bill 50 (bilateral) or one line per side",
# and A5500-KX-50 was then refused: 50 is the PFS's bilateral modifier, a DMEPOS code's bilateral indicator 9).
# "Effective for claims with dates of service (DOS) on or after 3/1/2019, suppliers must bill each item on two
# separate claim lines using the RT and LT modifiers and 1 UOS on each claim line. Do not use the combination RTLT
# modifier on the same claim line ... will be rejected as incorrect coding" (the DME MACs' joint publication "Correct
# Coding - RT and LT Modifier Usage Change", 2018-12-06, as CGS's "Correct Coding Reminder - RT and LT Modifiers",
# 2023-02-16, restates it), for the items of their AFO/KAFO, external breast, eye and facial prostheses, knee
# orthoses, lower limb prostheses, orthopedic footwear, refractive lenses, surgical dressings, therapeutic shoes
# (Policy Article A52501: A5500-A5514) and wheelchair options policy articles. Read here by the HCPCS ranges of CMS's
# DMEPOS fee schedule (DMEPOS26_JAN: its A codes are A4216-A8004; E, K, L; V2020-V2799 the lenses): the parse of a
# line has no fee schedule at hand, and LT with RT is refused on every code, so this names only why.
def is_dmepos_sided_item(code: str) -> bool:
    """Whether ``code`` is a DMEPOS item whose two sides are billed on two lines (RT, LT) by the DME MACs' rule."""
    if len(code) != 5 or not code[1:].isdigit():
        return False
    number = int(code[1:])
    supplies, lenses = code[0] == "A" and 4000 <= number <= 8999, code[0] == "V" and 2020 <= number <= 2799
    return code[0] in "EKL" or supplies or lenses


# HCPCS Level II's influenza vaccine products, by their RVU file descriptors ("Agriflu vaccine", "Afluria vacc, 3 yrs
# & >, im" ... "Influenza virus vaccine, nos"; status X in 2025 and 2026): flu vaccines Part B pays as the CPT ones
# (VACCINE_PAYMENT; CMS's Seasonal Influenza Vaccines Pricing page lists Q2035-Q2039). A trial found Q2035 said to be a
# statutory exclusion ("not payable") where 90686 was "not priced", with the vaccine's payment named.
HCPCS_FLU_VACCINES = frozenset({"Q2034", "Q2035", "Q2036", "Q2037", "Q2038", "Q2039"})


# Hearing aids: HCPCS V5008-V5298 (hearing screening, assessment for, fitting, repair and dispensing of hearing aids,
# the aids, ear molds, batteries, assistive listening devices). CMS's RVU file (RVU26C, RVU25D) gives all of them status
# N ("non-covered service") but V5299 (hearing service, miscellaneous: status R), and OPPS Addendum B (October 2025) SI
# E1 ("not covered by any Medicare outpatient benefit, statutorily excluded ...") but V5299 (SI B). The exclusion is
# the statute's: Social Security Act §1862(a)(7) ("hearing aids or examinations therefor"), 42 CFR 411.15(d)
# ("hearing aids or examination for the purpose of prescribing, fitting, or changing hearing aids"), Medicare Benefit
# Policy Manual ch. 16 §100 ("Medicare contractors deny payment for an item or service that is associated with any
# hearing aid"). A statutory exclusion needs no ABN (the patient is liable). An ENT trial found V5010 and V5261 said to
# be "paid from vision and hearing services ... (ask your MAC)", not priced, where Medicare pays nothing.
HEARING_AID_CODES = ("V5008", "V5298")


def is_hearing_aid_code(code: str) -> bool:
    """Whether ``code`` is in ``HEARING_AID_CODES``' range (V5008-V5298), whatever its status."""
    first, last = HEARING_AID_CODES
    return first <= code <= last and len(code) == len(first)


def hearing_aid_exclusion_note(code: str, status: str) -> str | None:
    """Why Medicare pays nothing for a hearing aid code of CMS's status N (``HEARING_AID_CODES``); None otherwise."""
    if status != "N" or not is_hearing_aid_code(code):
        return None
    return (
        f"{code} is a hearing aid or a service for one, which Medicare excludes by statute (Social Security Act "
        "§1862(a)(7), 42 CFR 411.15(d)): not covered (RVU file status N, OPPS SI E1), so Medicare pays nothing and "
        "the patient or another insurer pays."
    )


# The premium functions of an intraocular lens: V2787 (astigmatism-correcting) and V2788 (presbyopia-correcting). CMS's
# RVU file (RVU26C, RVU25D) gives both status N and OPPS Addendum B (October 2025) SI E1; the ASC addenda list neither,
# and the conventional lens they are billed beside, V2632, is packaged (OPPS SI N, ASC PI N1). CMS Ruling 05-01
# (P-C IOLs) and CMS-1536-R (A-C IOLs) let the beneficiary pay for the correcting function beyond the covered cataract
# surgery and conventional lens (Claims Processing Manual ch. 14 §40.9, "Payment and Coding for Presbyopia Correcting
# IOLs (P-C IOLs) and Astigmatism Correcting IOLs (A-C IOLs)"). An ophthalmology trial found `price V2788 --setting asc`
# "codes like it are paid from vision and hearing services, which rvucalc does not install": Medicare pays nothing.
PREMIUM_IOL_FUNCTIONS = {
    "V2787": ("astigmatism-correcting", "CMS Ruling CMS-1536-R"),
    "V2788": ("presbyopia-correcting", "CMS Ruling 05-01"),
}


def premium_iol_note(code: str, status: str) -> str | None:
    """Why Medicare pays nothing for a premium lens function of CMS's status N (``PREMIUM_IOL_FUNCTIONS``); None
    otherwise. No "; " in it (batch joins a row's notes with it)."""
    if status != "N" or code not in PREMIUM_IOL_FUNCTIONS:
        return None
    function, ruling = PREMIUM_IOL_FUNCTIONS[code]
    return (
        f"{code} is the {function} function of an intraocular lens, which Medicare does not cover (RVU file status N, "
        "OPPS SI E1): the patient pays for it, beyond the covered cataract surgery and conventional lens (V2632, "
        f"whose cost is in the ASC's or hospital's payment for the surgery) ({ruling}, Claims Processing Manual "
        "ch. 14 §40.9)."
    )


# The excision of a cadaver donor's kidney, 50300 (RVU file status X, "statutory exclusion": not a physician service
# for PFS payment; OPPS SI C). Its surgeon's fee is a kidney acquisition cost: 42 CFR 412.100(b) once listed "(7)
# Surgeons' fees for excising cadaver kidneys" among them; in force now (eCFR as LawStack restates it, June 2026) it
# reads "Kidney acquisition costs include allowable costs incurred in the acquisition of a kidney from a living or a
# deceased donor by the hospital, or from a deceased donor by an organ procurement organization. These costs are
# listed in § 413.402(b)", paid "on a reasonable cost basis apart from the prospective payment rate" (412.100(a)(2),
# part 413 subpart L). So the note cites 412.100(b) and 413.402(b): its first version cited 412.100(b)(7), a
# paragraph the regulation no longer has. Paid to the transplant hospital apart from its DRG payment;
# CGS ("Kidney Transplants: Billing Requirements and Organ Donor Charges"): the excising hospital bills the transplant
# hospital or organ procurement agency. A transplant group's 50300 read "e.g. ambulance, clinical lab", the status's
# generic examples. A live donor's nephrectomy (50320, 50547) is the surgeon's Part B service (modifier Q3:
# engine.preventive.SRC_Q3).
CADAVER_KIDNEY_EXCISION = "50300"


def cadaver_kidney_note(code: str, status: str) -> str | None:
    """Why Part B pays nothing for 50300 of status X (``CADAVER_KIDNEY_EXCISION``); None otherwise."""
    if status != "X" or code != CADAVER_KIDNEY_EXCISION:
        return None
    return (
        f"{code} (excision of a cadaver donor's kidney): the surgeon's fee is a kidney acquisition cost (42 CFR "
        "412.100(b) and 413.402(b)), which Medicare pays the transplant hospital apart from its DRG payment: bill the "
        "transplant hospital or organ procurement organization, not Part B."
    )


# The Medicare Diabetes Prevention Program's codes (RVU file status X in RVU25A-D and RVU26C: G9873-G9888, G9890,
# G9891; from 2026 G9871, "Bhv couns dm prev, onln 60 m", which Noridian's MDPP page names with CR 14162): MDPP is
# paid neither under the PFS nor to a physician or dietitian, but to an enrolled MDPP supplier (42 CFR 424.205;
# Noridian's MDPP page:
# "Separate Medicare enrollment as MDPP supplier (Specialty D1)", "Claims reject if not separately enrolled") at CMS's
# MDPP attendance and performance payment amounts (42 CFR 414.84), which rvucalc has no file of; and "MDPP suppliers
# must accept the Medicare allowed charge as payment in full and may not bill or collect from the beneficiary any
# amount" (414.84(b)). A cardiopulmonary rehabilitation and nutrition program's trial: its MDPP lines (G9873, G9886,
# G9871 by its dietitian) read "Statutory exclusion ... (e.g. ambulance, clinical lab)", the status's generic examples,
# saying neither whom Medicare pays nor that the patient owes nothing.
MDPP_CODES = frozenset({"G9871", *(f"G98{n}" for n in range(73, 89)), "G9890", "G9891"})


def mdpp_note(code: str, status: str) -> str | None:
    """Why the PFS pays nothing for an MDPP code of status X (``MDPP_CODES``); None otherwise."""
    if status != "X" or code not in MDPP_CODES:
        return None
    return (
        f"{code} is a Medicare Diabetes Prevention Program (MDPP) service: Medicare pays it only to an enrolled MDPP "
        "supplier (42 CFR 424.205, specialty D1), at CMS's MDPP attendance and performance payment amounts (42 CFR "
        "414.84), not under the PFS (rvucalc has no MDPP rates), and the supplier may not bill the patient any amount "
        "(414.84(b))."
    )


# Refraction and the fitting of eyeglasses or contact lenses: Social Security Act §1862(a)(7) excludes "eyeglasses
# (other than eyewear described in section 1861(s)(8)) or eye examinations for the purpose of prescribing, fitting, or
# changing eyeglasses, procedures performed (during the course of any eye examination) to determine the refractive
# state of the eyes"; SSA's POMS HI 00620.200 ("Exclusion of Refractive Services"): "Expenses for all eye refraction
# procedures, whether performed by an opthalmologist (or any other physician) or by an optometrist and without regard
# to the reason for the performance of the refraction, are excluded ... payment can be made for the prosthetic lenses
# (e.g., following cataract surgery) and any incidental charges that may be assessed for the fitting thereof". CMS's
# RVU file (RVU26C, RVU25A) gives status N to these codes and A or B to the aphakia fittings (92311, 92312, 92315,
# 92316, 92352, 92353, 92358, 92371): the note goes where the file says N. An optometry trial's 92015 read only "status
# N: Non-covered service", and 92015-GZ that the patient may not be billed, where the patient is liable for an
# exclusion and GY reports it.
REFRACTIVE_SERVICES = {
    "92015": "a refraction",
    "92310": "a contact lens fitting",
    "92314": "a contact lens fitting",
    "92340": "a spectacle fitting",
    "92341": "a spectacle fitting",
    "92342": "a spectacle fitting",
    "92370": "a spectacle repair and refitting",
}


def refractive_exclusion_note(code: str, status: str) -> str | None:
    """Why Medicare pays nothing for a refraction or eyeglass or contact lens fitting of CMS's status N
    (``REFRACTIVE_SERVICES``); None otherwise. No "; " in it (batch joins a row's notes with it)."""
    if status != "N" or code not in REFRACTIVE_SERVICES:
        return None
    return (
        f"{code} is {REFRACTIVE_SERVICES[code]}, which Medicare excludes by statute (Social Security Act §1862(a)(7), "
        "SSA's POMS HI 00620.200): the patient pays, no ABN required, and GY on the line reports the exclusion."
    )


def statutorily_excluded(code: str) -> bool:
    """Whether ``code`` is one the statute excludes, whatever modifier it carries: a hearing aid code
    (``HEARING_AID_CODES``) or a refraction or eyeglass or contact lens fitting (``REFRACTIVE_SERVICES``), each status N
    in CMS's 2025 and 2026 RVU files."""
    return is_hearing_aid_code(code) or code in REFRACTIVE_SERVICES


def excluded_item_note(code: str, status: str) -> str | None:
    """Why Medicare pays nothing for a status N item whose exclusion CMS states (a hearing aid, a refraction or
    eyeglass fitting, a premium lens function), or for a status X service paid another way (a cadaver kidney's
    excision, an MDPP service), not "paid from" a schedule rvucalc lacks; None otherwise."""
    return (
        hearing_aid_exclusion_note(code, status)
        or refractive_exclusion_note(code, status)
        or premium_iol_note(code, status)
        or cadaver_kidney_note(code, status)
        or mdpp_note(code, status)
    )


def is_vaccine_product(code: str) -> bool:
    """A CPT vaccine product code (``VACCINE_PRODUCT_RANGES``) or HCPCS flu vaccine, not its administration."""
    if code in HCPCS_FLU_VACCINES:
        return True
    if code in PAID_APART or not (len(code) == 5 and code.isdigit()):
        return False
    return any(low <= int(code) <= high for low, high in VACCINE_PRODUCT_RANGES)


def paid_outside_the_pfs(code: str) -> bool:
    """Whether the office's reason for a code with no office amount is the payment it has outside the PFS (a
    ``PAID_APART`` code's, a vaccine's ASP file's: ``lookup.pricer``), never its PFS status X ("not a physician
    service"): batch's note then ends as the single lookup's office reason does (a review: batch's notes for G0008
    and 90686 still ended with "No PFS payment: status X: Statutory exclusion")."""
    return code in PAID_APART or is_vaccine_product(code)


# The schedules that pay a line (``PriceResult.paid_by``), as the line's statement names them.
SCHEDULE_NAMES = {
    "pfs": "the physician fee schedule (PFS)",
    "clfs": "the clinical laboratory fee schedule (CLFS)",
    "drug": "the Part B drug payment limits (ASP)",
    "dmepos": "the DMEPOS fee schedule",
}
PAID_FROM_PREFIX = "Not paid under the PFS: paid from "


# A drug at the hospital or the ASC is paid from that facility's own table (OPPS Addendum B; the ASC's covered
# ancillary services, Addendum BB), not from the ASP file, which is the physician office's: a 2026 J9271 on a POS 22 row
# said "paid from the Part B drug payment limits (ASP)", and J1885 at --setting hopd, priced from Addendum B, told to
# install the CY2025 ASP file. Said where the lookup's or the row's setting is that facility (price and batch alike).
FACILITY_DRUG_TABLES = {"hopd": ("the hospital", "OPPS Addendum B"), "asc": ("the ASC", "ASC Addendum BB")}


# A practitioner's drug line at the ASC (POS 24: a physician's claim, not the ASC's own, which batch reads by its
# provider cell or type of bill 83x): the drug used there is the ASC's, paid to the ASC on its claim as a covered
# ancillary item (Addendum BB, PI K2: "Drugs and biologicals paid separately when provided integral to a surgical
# procedure on ASC list", CMS's Addendum DD1) or packaged in its procedure's payment (42 CFR 416.164(a), (b);
# engine.facility.FACILITY_ITEM_SECTIONS: no physician's fee there). A trial's physician rows 67028-RT + J0178-RT x 2
# at POS 24 (ZIP 33136) showed the ASC's Addendum BB amount as the J0178 row's allowed, no professional amount, and
# no word whose it is. The statement says so in place of the plain one (no note more); an ASC's own drug row keeps the
# plain one. The totals were right already: the row has no practitioner's (professional) amount.
ASC_DRUG_OF_A_PRACTITIONER = (
    f"{PAID_FROM_PREFIX}ASC Addendum BB at the ASC, to the ASC on its own claim: a drug used at the ASC is the ASC's "
    "(a covered ancillary item or packaged, 42 CFR 416.164(a), (b)), not billed on the practitioner's claim, so the "
    f"amount shown is the ASC's payment. In the physician office it is paid from {SCHEDULE_NAMES['drug']}"
)


def paid_from_note(
    payer: str | None, setting: str | None = None, packaged_there: bool = False, practitioner: bool = False
) -> str | None:  # fmt: skip
    """The line's statement that its amount is another schedule's (``rvucalc price``'s table line, and the note of the
    line in JSON and batch: a trial's J7325 row priced from the ASP file said only "No PFS payment: status E ... paid
    under reasonable-charge rules"); None for a PFS line or one no schedule pays. A drug at a ``setting`` of
    ``FACILITY_DRUG_TABLES`` names that facility's table first, the ASP file as the physician office's, and at the ASC
    on a practitioner's claim (``practitioner``) that the drug is the ASC's (``ASC_DRUG_OF_A_PRACTITIONER``); a DMEPOS
    item that facility's table lists and packages there (``packaged_there``: ``DMEPOS_PACKAGED_AT_FACILITY``) says
    so."""
    if payer in (None, "pfs"):
        return None
    if payer == "drug" and setting == "asc" and practitioner:
        return ASC_DRUG_OF_A_PRACTITIONER
    if payer == "drug" and setting in FACILITY_DRUG_TABLES:
        place, table = FACILITY_DRUG_TABLES[setting]
        # (no "; " inside: batch joins a row's notes with it)
        return f"{PAID_FROM_PREFIX}{table} at {place}, and in the physician office from {SCHEDULE_NAMES['drug']}"
    if payer == "dmepos" and packaged_there and setting in FACILITY_DRUG_TABLES:
        return DMEPOS_PACKAGED_AT_FACILITY[setting]
    return PAID_FROM_PREFIX + SCHEDULE_NAMES.get(payer, payer or "")


# A DMEPOS fee schedule item that the facility's own table lists at $0.00, packaged: those of the CY2026 ASC Addendum
# BB (the implants L8600 breast prosthesis and L8603-L8690, the lenses V2630-V2632, the catheter A4344: all payment
# indicator N1, "Packaged
# service/item; no separate payment made") and OPPS Addendum B's SI N rows (L8600 in January and October 2025:
# packaged, no separate payment). The DMEPOS fee is the physician office's (DMEPOS26_JAN lists L8600 with
# JURIS L, the A/B MAC's); at the ASC or hospital the facility furnishes the item and its cost is in the facility's
# payment for the procedure. A plastic surgery group's trial read L8600-RT at POS 24 as "Not paid under the PFS: paid
# from the DMEPOS fee schedule" beside "PI N1: packaged", and the table's Lab/drug/DME column $764.47 DMEPOS. The
# statement still begins with PAID_FROM_PREFIX and the schedule's name (what the tables look for). The fee is not the
# physician office's alone: DMEPOS26_JAN's JURIS says who is paid it, L the A/B MAC (the physician's office: L8600),
# D the DME MAC (a supplier: A4253 test strips, OPPS SI N in October 2025), J either (A4344, A6254): a review found
# A4253 at POS 22 read "in the physician office only".
DMEPOS_PACKAGED_AT_FACILITY = {
    setting: (
        f"{PAID_FROM_PREFIX}{SCHEDULE_NAMES['dmepos']} where a supplier or the physician's office furnishes it: at "
        f"{place}, {table} packages it (no separate payment, its cost in {place}'s payment for the claim's other "
        "services), so a DMEPOS amount shown is theirs, not this line's"
    )
    for setting, (place, table) in FACILITY_DRUG_TABLES.items()
}


# The ASP file's quarter-not-installed warning (``reference.releases._in_force``), alone or in a batch row's note
# (warnings joined with "; "): what it is not installed for, and what priced the line instead.
_ASP_QUARTER_WARNING = re.compile(
    r"(CMS's ASP drug payment limit [^;:]*? is not installed): priced with "
    r"(\S+ \(in effect from [0-9-]+\)|\S+, which takes effect on [0-9-]+)\."
)


def facility_drug_asp_warning(warning: str, setting: str | None, facility_release: str | None) -> str:
    """A drug line's ASP quarter-not-installed warning ("CMS's ASP drug payment limit quarterly release for D (Q) is
    not installed: priced with 2026-01 ...") on a line at a ``setting`` of ``FACILITY_DRUG_TABLES`` whose amount is
    that facility's table's (``facility_release``: the ASC's or OPPS quarter the line is priced with), not the ASP
    file's: the ASP file prices the physician office's comparison alone. An ASC trial read J1885 at POS 24 (ASC
    Addendum BB 2026-07) as priced with the January ASP file. An ASC is paid for a separately payable drug at the OPPS
    rate (42 CFR 416.171(b)(1); Addendum BB), the hospital from Addendum B (42 CFR 419.64). ``warning`` may be a batch
    row's note of several warnings; any other warning or setting is unchanged. Price and batch both say it so."""
    if setting not in FACILITY_DRUG_TABLES:
        return warning
    place, table = FACILITY_DRUG_TABLES[setting]
    quarter = f" {facility_release}" if facility_release else ""

    def said(found: re.Match[str]) -> str:  # what follows the warning's first sentence (no date given ...) stays
        office = f"the ASP file prices the physician office's comparison alone, with {found.group(2)}"
        return f"{found.group(1)}: {office}. The line's amount at {place} is from {table}{quarter}, not the ASP file."

    return _ASP_QUARTER_WARNING.sub(said, warning)


def maryland_drug_office_note(missing: str) -> str:
    """``facility_drug_office_note`` at a Maryland hospital, which is paid neither from Addendum B nor the ASP file
    (engine.hospitals: the §1814(b)(3) waiver, HSCRC's rates; the line's reason says so): the office's amount is
    not shown, without that file's "Add it with" advice, which the hospital's payment does not need."""
    return f"The physician office's (ASP) amount is not shown: rvucalc has no {missing} file installed."


def facility_drug_office_note(setting: str, missing: str) -> str:
    """What a drug priced at the hospital or the ASC (``FACILITY_DRUG_TABLES``) says of its physician office amount
    when the ASP file it needs is not installed (``missing``: 'CY2025 ASP', 'ASP 2026-10'), in place of that file's
    "not installed ... Add it with" advice, which the facility's payment does not need: the office's amount is not
    shown, never implied to be installed."""
    place, table = FACILITY_DRUG_TABLES[setting]
    # "prices it from", not "the payment shown": the ASC pays a drug only beside a covered surgical procedure, which
    # the encounter decides after this line's note (a review: J1885 alone at the ASC, not payable)
    return (
        f"{place[0].upper()}{place[1:]} prices it from {table}. The physician office's (ASP) amount is not shown: "
        f"rvucalc has no {missing} file installed."
    )


# Skin substitutes' HCPCS codes, as CMS's CY2026 data lists them. The CY2026 PFS final rule (CMS-1832-F, 90 FR 49266)
# pays every skin substitute that is not a BLA biological as an incident-to supply, whatever its code: the Q-codes from
# Q4100 (Q4101 Apligraf ... Q4440 in RVU26C, the NOS codes Q4431 PMA, Q4432 510(k), Q4433 361 HCT/P) and the A-codes
# A2001-A2045 ("Innovamatrix ac, per sq cm" ... "Novashield/novogen pr sq cm") and A4100 ("Skin substitute, FDA cleared
# as a device, not otherwise specified", named with Q4431-Q4433 as a skin substitute NOS code by CMS's MCD billing
# article A56696). CMS's RVU26C file gives them one row form: status A, non-facility PE RVU 3.81, facility NA, PC/TC 3,
# global ZZZ, Q4101-Q4440 and A2001-A2045 alike (flowables and NOS codes status C); and the CY2026 ASC Addendum BB one
# payment indicator, S2 at $127.14, to the same codes and C9363 (Integra meshed bilayer wound matrix, a hospital's
# C-code). A wound care trial's A2001-JW and Q4410-JW were paid as "informational" JW lines when this test read
# Q4100-Q4399 alone. The families are checked against both files (tests/test_skin_substitute_codes.py): every RVU26C row
# of that form and every S2 code is one, and every one the PFS lists is a PC/TC 3 supply. Casting supplies (Q4001-Q4051)
# and the drugs Q4074-Q4082 are not.
SKIN_SUBSTITUTE_HOSPITAL_CODES = frozenset({"C9363"})
SKIN_SUBSTITUTE_SUPPLIES_FROM = 2026  # the year the CY2026 PFS and OPPS/ASC final rules made them supplies


def is_skin_substitute(code: str) -> bool:
    """A skin substitute's HCPCS code (the comment above: Q4100 on, A2001 on, A4100, C9363)."""
    if len(code) != 5 or not code[1:].isdigit():
        return code in SKIN_SUBSTITUTE_HOSPITAL_CODES
    number = int(code[1:])
    if code[0] == "Q":
        return 4100 <= number <= 4999
    if code[0] == "A":
        return 2001 <= number <= 2999 or number == 4100
    return code in SKIN_SUBSTITUTE_HOSPITAL_CODES


# Before 2026 only the Q-codes were skin substitutes paid as biologicals, at the ASP file's payment limit per sq cm
# (the A-codes were matrices the MAC priced: RVU25D gives A2001-A2039 and A4100 status C, Q4101-Q4397 status E or X);
# ``lookup.schedules.SKIN_SUBSTITUTE_NOTE`` and its callers speak of those alone.
def was_asp_skin_substitute(code: str) -> bool:
    """A skin substitute's Q-code (Q4100-Q4399), which the ASP file paid as a biological before 2026."""
    return len(code) == 5 and code[:2] == "Q4" and code[2:].isdigit() and 100 <= int(code[2:]) <= 399
