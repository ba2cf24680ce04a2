"""Add-on codes billed without a primary procedure: a note, the amounts unchanged.

CMS's PFS relative value file marks an add-on code by its global period: "ZZZ = The code is related to another
service and is always included in the global period of the other service" (the RVU file's documentation, RVU25A.pdf,
"Global Surgery"). Medicare pays an add-on code only with its primary procedure: "An add-on code ... is eligible for
payment only if it is reported with an appropriate primary procedure performed by the same practitioner. An add-on
code ... is never eligible for payment if it is the only procedure reported by a practitioner", and "On the Medicare
Physician Fee Schedule Database an add-on code generally has a global surgery period of 'ZZZ'" (CMS Transmittal 2636,
CR 7501, "add-on codes", as payers' and coders' pages restate it; Type I add-ons with their primaries "for the same
patient on the same date of service"); the MLN Global Surgery booklet (as NGS Medicare summarises it): codes with
"ZZZ" "are add-on codes that you must bill with another service ... the global period assigned is applied to the
primary code".

rvucalc does not ship CMS's add-on code edit files (each add-on code's primary procedures), so it cannot tell whether a
line beside the add-on is its primary: it says so only where the encounter (the codes priced together; batch: a claim's
lines of one date, a row no claim groups alone) has no code other than add-on codes, and never changes the money (the
MAC denies the line; rvucalc prices it as given). The add-ons of ``SAME_DATE_PRIMARIES`` (psychiatric, skin biopsy,
lesion destruction, Mohs, facet injection, transforaminal epidural, facet denervation, breast tomosynthesis,
psychological testing, transbronchial biopsy, debridement and skin substitute application add-ons), whose primaries
their sources name, are noted wherever no line of the encounter is one of them; so are the calendar-month add-ons of
``MONTHLY_ADD_ONS`` where no line of the encounter (batch: of the claim's month) is one of their base codes. 99292,
G2211, G0316-G0318 and G2212 have notes of their own that name their primary service
(``engine.visits.lone_line_notes``, ``encounter_notes``): they count as add-ons here, and are not noted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rvucalc.engine import drug_admin
from rvucalc.engine.meanings import is_skin_substitute
from rvucalc.engine.policy import ADD_ON_GLOBAL
from rvucalc.engine.visits import LONE_ADD_ONS

# A line's kind for the rule (batch: an int8 per row)
NOT_ADD_ON, ADD_ON, ADD_ON_UNNOTED = 0, 1, 2
# The statuses of a row the PFS pays (A, R, T) or the MAC prices (C): an add-on of another status is already said to
# be unpaid under the PFS (engine.meanings), and no word of its primary is needed.
NOTED_STATUSES = frozenset({"A", "R", "T", "C"})

_WHY = (
    "(global period ZZZ, CMS's RVU file: \"related to another service and ... always included in the global period of "
    'the other service")'
)
_RULE = (
    "Medicare pays an add-on code only with its primary procedure, by the same practitioner on the same date, never as "
    "the only procedure reported (CMS Transmittal 2636, CR 7501). Priced as given (rvucalc does not have CMS's lists "
    "of each add-on code's primary procedures)."
)


# Add-ons of calendar-month services: CPT's descriptors end "..., per calendar month (List separately in addition to
# code for primary procedure)" (99439 "each additional 20 minutes of clinical staff time ..., per calendar month",
# 99489, 99437, 99425, 99427, 99458, 98981; HCPCS's G0022, G0024, G0146 "... per calendar month"; 99494 "each
# additional 30 minutes in a calendar month"): the primary is that month's base code (the add-on: its base codes),
# billed by the same practitioner for the same month, not a line of the same date (a trial's claim of 99490 on
# 03/15/2026 and 99439 on 03/31/2026 was told "on the same date"). Each is noted wherever no line of its encounter is
# one of its base codes, whatever other codes it has (a behavioral health trial's 99494 beside 99484, general BHI, no
# base code of 99494's, said nothing: only an encounter of add-on codes alone was noted). Batch looks for the base code
# in the claim's priced lines of the month (batch.claims._monthly_primaries); the note names it.
# APCM's behavioral health add-ons G0568, G0569, G0570 (CY2026 PFS final rule, CMS-1832-F): "billed as add-on services
# to APCM base codes (G0556, G0557, and G0558) when reported in the same month by the same practitioner" (the proposed
# rule's GPCM1-GPCM3, finalized: law firms' and vendors' summaries restate it), APCM being "per calendar month" (HCPCS
# G0556-G0558, CY2025 PFS final rule, CMS-1807-F). A psychiatry trial's G0568 was told "on the same date".
# Digital mental health treatment's management time (CY2025 PFS final rule, CMS-1807-F): G0553 "First 20 minutes of
# monthly treatment management services", G0554 "Each additional 20 minutes of monthly treatment management services"
# (Noridian JF, "Understanding Digital Mental Health Treatments"; CMS's RVU file: G0553 "Monthly tx for dmht 20mins"
# XXX, G0554 "Add 20 m of monthly tx" ZZZ). A behavioral health trial's G0554 on its own claim at the month's end was
# told "by the same practitioner on the same date".
APCM_BASES = ("G0556", "G0557", "G0558")
MONTHLY_ADD_ONS: dict[str, tuple[str, ...]] = {
    "99439": ("99490",), "99489": ("99487",), "99437": ("99491",), "99425": ("99424",), "99427": ("99426",),
    "99458": ("99457",), "98981": ("98980",), "G0022": ("G0019",), "G0024": ("G0023",), "G0146": ("G0140",),
    "99494": ("99492", "99493"), "G0568": APCM_BASES, "G0569": APCM_BASES, "G0570": APCM_BASES,
    "G0554": ("G0553",),
}  # fmt: skip
# Where a month's pairing is CMS's own rule rather than the descriptor's "per calendar month"
_MONTHLY_SOURCES = {
    **dict.fromkeys(("G0568", "G0569", "G0570"), "APCM, CY2026 PFS final rule, CMS-1832-F"),
    "G0554": "monthly treatment management's first 20 minutes: CY2025 PFS final rule, CMS-1807-F",
}


def _monthly_rule(code: str) -> str:
    bases = " or ".join(MONTHLY_ADD_ONS[code])
    source = _MONTHLY_SOURCES.get(code, 'CPT: "per calendar month"')
    return (
        f"Medicare pays it only with its base service of the same calendar month ({bases}, {source}), by the same "
        "practitioner, never as the only service reported (CMS Transmittal 2636, CR 7501). "
        f"No {bases} is on this claim in that month (batch looks for it in the claim's lines of the month, rvucalc "
        "price in the codes priced together). Priced as given."
    )


# Add-ons whose primaries CPT and CMS name, reported with one of them by the same practitioner on the same date: CMS's
# add-on code edits make each a "Type 1" add-on code, one with "a limited number of identifiable primary procedure
# codes", "eligible for payment if one of the listed primary procedure codes is also eligible for payment to the same
# practitioner for the same patient on the same date of service"; "Claims processing contractors must adopt edits to
# assure that Type 1 AOCs are never paid unless a listed primary procedure code is also paid" (CMS, "Medicare NCCI
# Add-on Code Edits", the AOC file of Transmittal 2636, CR 7501). So a line of another kind beside one is no primary:
# such an add-on is noted wherever no line of its encounter is one of its primaries, not only in an encounter of
# add-ons alone. rvucalc does not ship the AOC file; the lists below are the ones these sources state:
# - 90833, 90836, 90838 (psychotherapy "when performed with an evaluation and management service"): CPT's "Use 90833,
#   90836, 90838 in conjunction with 99202-99255, 99304-99316, 99341-99350" (as payers restate it: BCBS Illinois,
#   "Psychiatry/Psychotherapy": "must be reported with the appropriate E/M as primary (codes first: 99202-99239,
#   99304-99316, 99341-99350)"; AAPC's Psychiatry Coding Alert before CPT 2023: "99201-99255, 99304-99337,
#   99341-99350"). The E/M visits of the CY2026 RVU file in those ranges: office/outpatient 99202-99205 and
#   99211-99215, hospital inpatient or observation 99221-99223, 99231-99236, 99238-99239, nursing facility
#   99304-99310 and 99315-99316, home or residence 99341-99342, 99344-99345 and 99347-99350. Not the consultations
#   99242-99255: status I in CMS's RVU file, Medicare pays none, so none is a primary it pays the add-on with (the
#   consultation line has its own note); nor the emergency department visits 99281-99285, outside CPT's ranges.
# - 90840 (psychotherapy for crisis, each additional 30 minutes): CPT's "Use 90840 in conjunction with 90839"; CMS's
#   "Psychotherapy for Crisis" page: the service is "currently billed using CPT codes 90839 and 90840".
# - G0018 (psychotherapy for crisis at an applicable site of service, each additional 30 minutes): the CY2024 PFS final
#   rule, as CMS's "Psychotherapy for Crisis" page restates it, "Establishes new HCPCS codes for psychotherapy for
#   crisis services (HCPCS codes G0017 and G0018) that are furnished in an applicable site of service (any place of
#   service at which the non-facility rate for psychotherapy for crisis services applies, other than the office
#   setting)": the pair of 90839 and 90840 at such a place. CMS's RVU file: G0017 "Crisis psychotherapy 60m" (global
#   XXX), G0018 "Crisis psychotherapy add 30m" (global ZZZ). So G0018's primary is G0017, as 90840's is 90839 (a
#   G0018 beside 90839 mixes the office's pair with the other places'; engine.visits.visit_place_note says which
#   pair the office bills).
# - 90785 (interactive complexity): NGS Medicare, "Mental Health Services" (a MAC's article): "may be used in
#   conjunction with codes for diagnostic psychiatric evaluation (90791, 90792) and psychotherapy (90832, 90834,
#   90837), psychotherapy when performed with an E/M service (90833, 90836, 90838) and group psychotherapy (90853)":
#   not an E/M visit alone (CPT: 90785 with an E/M only through the psychotherapy add-on), nor crisis or family
#   psychotherapy (90839, 90840, 90846, 90847).
# 90863 (pharmacologic management with psychotherapy) is status I in CMS's RVU file (global XXX): no add-on Medicare
# pays, its status says so. Batch: ``batch.claims._same_date_primaries`` on whole columns.
#
# Procedure add-ons of dermatology and interventional pain, each an "each additional" code of one family of first
# codes (a dermatology trial priced 17003 x 4 beside 99213 and 11102 with no 17000, 11103 beside 17000, and 17314 beside
# 17311 without a word). CMS's AOC file itself was not at hand, so each pair below is one these sources state (code
# numbers only, not CPT's descriptors):
# - 11103, 11105, 11107 (each additional tangential, punch, incisional skin biopsy): First Coast Service Options (the
#   Florida MAC), "Be sure you are billing correctly for biopsy services" (2024) lists 11102-11107 as three first codes
#   and their add-ons, and AHA Coding Clinic for HCPCS, 1Q2019, pp. 1-4 (as Aquity Solutions restates it): one first
#   biopsy code per encounter (11102, 11104 or 11106, the most invasive technique), the other techniques' lesions as
#   their add-ons, so 11103 with 11102, 11104 or 11106, 11105 with 11104 or 11106, 11107 with 11106.
# - 17003 (premalignant lesion destruction, second through 14th): CPT's "Use 17003 in conjunction with 17000" (AAPC's
#   Dermatology Coding Alert restating it to a Florida practice whose 17003 Medicare rejected), CMS's approved RAC
#   topic 0121 counting 17000 once and 17003 up to thirteen times a date of service.
# - 17312, 17314, 17315 (Mohs surgery, each additional stage, and each additional block beyond five): CPT as AAPC
#   restates it ("Code Mohs in 6 Easy Steps", "Don't Marginalize Mohs"): 17311 with 17312 for head, neck, hands, feet
#   and genitalia, 17313 with 17314 for trunk, arms and legs, 17315 with any stage of 17311-17314.
# - 64491, 64492, 64494, 64495 (paravertebral facet joint injections, second and third levels): a MAC's billing and
#   coding article A57787 (LCD L33930, "Facet Joint Interventions for Pain Management", CMS's Medicare Coverage
#   Database): the initial level is 64490 (cervical or thoracic) or 64493 (lumbar or sacral), additional levels the
#   add-on codes in addition to it, 64491/64492 with 64490, 64494/64495 with 64493 (AAPC's Neurosurgery Coding Alert:
#   "+64494 and +64495 with 64493"). The third-level codes also count their region's second level as the primary
#   beside it.
# - 77063 (screening digital breast tomosynthesis) and G0279 (diagnostic digital breast tomosynthesis), both ZZZ in
#   CMS's RVU file: MLN Matters MM8874 (CR 8874, January 2015), which created G0279, has 77063 reported with the 2-D
#   screening mammogram (G0202, CPT 77067 since 2017) and G0279 "in addition to" the diagnostic one (G0204 or G0206,
#   CPT 77065 or 77066 since 2017), as HCPCS's G0279 descriptor now says ("list separately in addition to 77065 or
#   77066"). A radiology trial's 77063 beside diagnostic 77066, and G0279 beside screening 77067, were not noted.
# - 96131, 96133, 96137, 96139 (psychological and neuropsychological testing, each additional hour or 30 minutes),
#   96121 (neurobehavioral status exam, each additional hour) and 96113 (developmental test administration, each
#   additional 30 minutes): the 2019 testing codes are base codes and add-ons, each add-on with its own base code. A
#   payer restating CPT (Anthem, "Coding tip for psychological and neuropsychological testing", provider news): 96116
#   "for the first hour and new code 96121 ... for each additional hour", 96130 for the first hour of psychological
#   testing evaluation "and 96131 for each additional hour", 96132 "and 96133 for each additional hour", 96136 "for the
#   first 30 minutes and 96137 for each additional 30 minutes" (test administration by the physician or psychologist),
#   96138 "for the first 30 minutes and 96139 for each additional 30 minutes" (by a technician); CPT's 2019 code list
#   as APA Services publishes it ("Psychological and Neuropsychological Testing CPT Codes & Descriptions"): 96113 "Each
#   additional 30 minutes (List separately in addition to code for primary procedure)" under 96112, "first hour"; APA
#   Services: "Add-on codes should never be reported by themselves. They must be reported with the primary service
#   base code." A behavioral health trial's 96137 x 3 beside 96130 (evaluation, not administration) said nothing. A
#   testing service spread over days, its base code's date apart from the add-on's, is noted too: no CMS text read
#   here says on which date such a service is billed (a MAC's article on these codes, e.g. A57481 "Billing and Coding:
#   Psychological and Neuropsychological Testing", was not read).
# - 64480, 64484 (transforaminal epidural injection, each additional level) and 64634, 64636 (paravertebral facet
#   joint nerve destruction, each additional facet joint): each add-on is its region's "each additional" code of one
#   first code, as CMS's RVU file's own short descriptors pair them (64479 "Njx aa&/strd tfrm epi c/t 1" with 64480
#   "... c/t ea", 64483 "... l/s 1" with 64484 "... l/s ea"; 64633 "Destroy cerv/thor facet jnt" with 64634 "Destroy
#   c/th facet jnt addl", 64635 "Destroy lumb/sac facet jnt" with 64636 "Destroy l/s facet jnt addl"), and CPT's
#   descriptors as payers restate them (Priority Health, "Epidural Steroid Injection for Pain Management": 64480
#   "cervical or thoracic, each additional level (list separately in addition to code for primary procedure)"; 64634
#   "cervical or thoracic, each additional facet joint", 64636 "lumbar or sacral, each additional facet joint"). The
#   MACs' epidural billing articles (A58745, "Billing and Coding: Epidural Steroid Injections for Pain Management")
#   allow one spinal region a session, so a lumbar add-on beside a cervical first level is no primary pair. A pain
#   management trial: 64484 beside 64479, and 64636 beside 64633, said nothing.
# - 95885, 95886, 95887 (needle EMG of an extremity, limited or complete, or of non-extremity muscles, "done with nerve
#   conduction, amplitude and latency/velocity study"): CMS's RVU file's own short descriptors say so ("Musc tst done
#   w/nerv tst lim", "Musc test done w/n test comp", "Musc tst done w/n tst nonext", global ZZZ), and CPT pairs them
#   with the nerve conduction studies 95907-95913 of the same date (as coders restate it: Avenue Billing Services,
#   "95886 CPT code": the payer must see "the required primary nerve conduction study (NCS) on the same date of
#   service"; Pabau, "CPT Code 95913": with NCS the same day, "use add-on codes 95885, 95886, or 95887 for EMG instead
#   of standalone EMG codes 95860-95870"). A neurology trial's 95886 beside 95870 (a needle EMG without a nerve
#   conduction study), and 95885/95887 beside 95860, said nothing.
# - 95984 (brain neurostimulator programming, each additional 15 minutes): with 95983, its first 15 minutes (AAPC's
#   Neurosurgery Coding Alert, "Dial Into New Codes 95983 and 95984": "report 95983" for the first 15 minutes, "+95984
#   for each additional 15 minutes"; CMS's RVU file: 95983 "Alys brn npgt prgrmg 15 min", 95984 "... addl 15"). A
#   neurology trial's 95984 beside a visit alone said nothing.
# - 31632, 31633 (bronchoscopy with transbronchial lung biopsy, or with transbronchial needle aspiration biopsy, each
#   additional lobe): each the "addl" code of one first code, as CMS's RVU file's own short descriptors pair them
#   (31628 "Bronchoscopy/lung bx each" with 31632 "Bronchoscopy/lung bx addl", 31629 "Bronchoscopy/needle bx each" with
#   31633 "Bronchoscopy/needle bx addl"; 31632 and 31633 global ZZZ), and AAPC's Pulmonology Coding Alert ("Washings &
#   Interventions: How Many CPT Codes?"): the transbronchial biopsies of each lobe "using 31628 for the first lobe and
#   31632 for subsequent lobes". A pulmonology trial's `price 31632 31625` (an endobronchial biopsy, no 31628) said
#   nothing: the MAC denies such an add-on (CMS's Type 1 add-on code edits).
# - 33517, 33518, 33519, 33521, 33522, 33523 (coronary artery bypass using venous and arterial grafts, 1 to 6 or more
#   venous grafts): each the venous part of a combined arterial-venous bypass, added to the arterial bypass code
#   33533-33536, never to the vein-only codes 33510-33516, as CMS's RVU file's own short descriptors set the three
#   families apart (33510 "Cabg vein single" ... 33516 "Cabg vein six or more", global 090; 33533 "Cabg arterial
#   single" ... 33536 "Cabg arterial four or more", global 090; 33517 "Cabg artery-vein single" ... 33523 "Cabg
#   art-vein six or more", global ZZZ), and CPT as coders restate it (ZHealth Publishing, "CPT Coding for Coronary
#   Artery Bypass Grafts", 2019; Coding Clarified, "Medical Coding CABG", 2025: "+33517-+33523: Add-on codes for venous
#   grafts in addition to arterial"; the arterial grafts coded first, the venous ones as the add-on). A cardiothoracic
#   trial's 33510 beside 33517 (vein-only bypass and a combined code's venous part) said nothing.
# - 96417 (chemotherapy IV infusion, each additional sequential infusion of a different drug, up to 1 hour) and 96411
#   (chemotherapy IV push, each additional drug): each follows the encounter's initial chemotherapy service, the
#   infusion 96413 or the push 96409 (carecostestimate.com's CPT 96417 page, AMA CPT 2026 and the NCCI Policy Manual
#   ch. XI as it restates them: 96417 "cannot stand alone and must follow a 96413 (initial infusion) or 96409 (initial
#   push) at the same encounter"; iframe.ai's CPT 96411 page: "requires a primary code, either 96409 or 96413";
#   clearcostestimate.com's CPT 96409-96411 page: 96411 "is listed in addition to 96409 or 96413"), one initial
#   service an encounter (Claims Processing Manual ch. 12 §30.5, ``engine.drug_admin``). An oncology trial's 96417
#   beside 99214-25 and its drug alone (`price 96417 99214-25 J9267`: the first chemotherapy infusion not billed, or
#   billed by its wrong code), and 96411 beside the therapeutic infusion 96365, said nothing: the MAC denies such an
#   add-on. Its additional hour 96415 has its own notes (``engine.drug_admin.HOURS``).
# - The other drug administration add-ons, each with the initial services CPT's add-on instructions name (CMS's AOC file
#   itself was not at hand; each pairing below is one these sources print, code numbers only). An infusion clinic's
#   `price 96366 J1561` (the hour and the drug, the first hour 96365 not billed) said nothing, where `price 96366` alone
#   was noted:
#   - 96366 (therapeutic infusion, each additional hour) with 96365 or 96367, 96415 (chemotherapy infusion, each
#     additional hour) with 96413: CPT's add-on instructions as ``engine.drug_admin`` cites them (96415 "may only be
#     reported in addition to 96413"; AAPC's Pulmonology Coding Alert: 96365 for the first hour, "+96366 ... for each
#     additional infusion hour"). Beside another initial service without their own infusion, ``engine.drug_admin``'s
#     notes say which code the hour is (``LEFT_TO_DRUG_ADMIN``); this note is theirs where no initial service is
#     billed at all.
#   - 96367 (additional sequential infusion of a new drug) and 96375 (additional sequential IV push of a new drug), each
#     a subsequent service after the encounter's initial one, 96365, 96374, 96409 or 96413 (iframe.ai's CPT 96367 page:
#     "always reported with a primary code such as 96365 (initial infusion), 96374 (IV push), 96409 ... or 96413";
#     iframe.ai's CPT 96375 page: "The initial service could be another IV push (96374), an infusion (96365), or a
#     chemotherapy administration (96409 or 96413)"; LegalClarity, "CPT 96375: Additional IV Push Billing and
#     Coding": "must always accompany a primary drug administration code such as 96374 ..., 96365 ..., 96409 ..., or
#     96413"). Hydration 96360 is no initial service they follow: CPT's hierarchy ranks it last, the hydration after
#     another initial service being 96361 (a coding consultant on ADVANCE's forum, of CPT's "Use 90775 [96375 now] in
#     conjunction with 90765, 90774, 96409, 96413": "this code cannot be assigned with any of the hydration codes").
#   - 96361 (hydration, each additional hour): with 96360, or as hydration after a different initial service (CPT's
#     instruction "Report 96361 to identify hydration if provided as a secondary or subsequent service after a
#     different initial service [...] is administered through the same IV access", as a coding consultant quotes it on
#     ADVANCE's forum; Codapedia, "Refresh Your IV Hydration Coding Knowledge", 2022: "Add-on code 96361 ... may be
#     reported with the following primary codes 96360, 96365, 96374, 96409, 96413").
#   - 96370 (subcutaneous infusion, each additional hour) and 96371 (additional pump set-up with a new subcutaneous
#     infusion site): with 96369, the subcutaneous infusion's first hour with the pump set-up (Coding Ahead's CPT 96370
#     and 96371 pages: "used in conjunction with the primary procedure code, which is CPT Code 96369"; ICD10monitor,
#     "Subcutaneous Infusion Coding for Success": the three codes of 2008, intravenous services assumed not billed in
#     the same encounter).
#   Left out: 96368 (concurrent infusion), whose primaries the sources read here list differently (96365 and 96413 in
#   all, 96360 and 96374 in some); 96376 (same drug's push again, facility only), status X in CMS's RVU file, already
#   said to be unpaid; 96417 and 96411 above.
# - 64643, 64645 (chemodenervation of each additional extremity, 1-4 or 5 or more muscles) and 95873, 95874 (electrical
#   stimulation or needle EMG for guidance in conjunction with chemodenervation), all ZZZ in CMS's RVU file: CPT's 2014
#   chemodenervation family as AAPC restates it ("Clinch Chemodenervation Coding": "+64643 Chemodenervation of each
#   additional extremity, 1-4 muscle(s)", "+64645 ... each additional extremity, 5 or more muscle(s) (List separately
#   in addition to code for primary procedure)", the first extremity being 64642, 1-4 muscles, or 64644, 5 or more;
#   coders give 64645's primary as 64644 or 64642, so both count here), and CPT's 95873/95874 descriptors ("for guidance
#   in conjunction with chemodenervation (List separately in addition to code for primary procedure)", as Coding
#   Ahead's 95873 page restates it), whose primaries are the chemodenervation codes of muscles, 64612 (facial nerve),
#   64615 (migraine), 64616 and 64617 (neck, larynx), 64642-64647 (extremities and trunk). A physiatry group's trial
#   (Chicago, 2026): 95874 beside 99214-25 and J0585 (the chemodenervation line left off), and 64645 beside 64642's
#   first extremity alone, priced with no word.
# Left out, not verified against a CMS or MAC source here (they keep the rule of any ZZZ code, noted only in an
# encounter of add-ons alone): 11201, 11732, 33508 (endoscopic vein harvest) and 33530 (coronary or valve reoperation),
# 13133, 13153, 15003, 15005, 15101, 15121, 15201, 15261, 22515, 22552, 22585, 22614, 22632, 22634, 63035, 63048, 63057.
_PSYCHOTHERAPY_VISITS = (
    "an E/M visit (office/outpatient 99202-99215, hospital inpatient or observation 99221-99239, nursing facility "
    "99304-99316 or home or residence 99341-99350)"
)
_VISIT_CODES = frozenset({
    "99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215",
    "99221", "99222", "99223", "99231", "99232", "99233", "99234", "99235", "99236", "99238", "99239",
    "99304", "99305", "99306", "99307", "99308", "99309", "99310", "99315", "99316",
    "99341", "99342", "99344", "99345", "99347", "99348", "99349", "99350",
})  # fmt: skip
_PSYCHIATRIC_PRIMARIES = frozenset({"90791", "90792", "90832", "90833", "90834", "90836", "90837", "90838", "90853"})


@dataclass(frozen=True)
class Primaries:
    """An add-on's primary codes (``codes``), how its note names them (``words``) and who says so (``source``)."""

    codes: frozenset[str]
    words: str
    source: str


_BIOPSY = (
    'First Coast Service Options, "Be sure you are billing correctly for biopsy services", and AHA Coding Clinic for '
    "HCPCS 1Q2019: one first biopsy code, the most invasive technique, other lesions as add-ons"
)
_MOHS = "CPT as AAPC restates it: each Mohs add-on with the first stage of its site, 17315 with any stage"
_FACET = (
    "a MAC's billing and coding article A57787, Facet Joint Interventions for Pain Management (CMS's Medicare "
    "Coverage Database): additional levels in addition to the initial level"
)
_TESTING = (
    "CPT's base code and its each-additional add-on, as a payer restates it: Anthem, Coding tip for psychological and "
    "neuropsychological testing"
)
_EPIDURAL = (
    "CMS's RVU file descriptors and CPT's as payers restate them: each additional level of the first level's region "
    "(A58745: one spinal region a session)"
)
_DENERVATION = (
    "CMS's RVU file descriptors and CPT's as payers restate them: each additional facet joint of the first joint's "
    "region"
)
_BRONCHOSCOPY = (
    'CMS\'s RVU file descriptors ("each", "addl") and AAPC\'s Pulmonology Coding Alert: the first lobe\'s code, then '
    "the add-on for each additional lobe"
)
_CABG_ARTERIAL = Primaries(
    frozenset({"33533", "33534", "33535", "33536"}),
    "an arterial coronary bypass (33533-33536, where a vein-only bypass is 33510-33516 alone)",
    'CMS\'s RVU file descriptors ("Cabg artery-vein", "Cabg arterial", "Cabg vein") and CPT as coders restate it: '
    "the venous grafts of a combined arterial-venous bypass are the add-on to the arterial code",
)
# Debridement, active wound care and skin substitute application: each "first 20 sq cm" (or 25, or 100) code and
# its "each additional" add-on of the same depth or site, CMS's RVU file pairing them by its descriptors (11042 "Dbrdmt
# subq tis 1st 20sqcm/<" and 11045 "Dbrdmt subq tiss each addl", 11043/11046 muscle and fascia, 11044/11047 bone,
# 97597 "Dbrdmt opn wnd 1st 20 cm/<" and 97598 "Dbrdmt opn wnd addl 20cm/<", 15271 "Skin sub graft trnk/arm/leg" and
# 15272 "Skin sub graft t/a/l add-on", 15273/15274 the trunk's 100 sq cm codes, 15275/15276 face, hands and feet,
# 15277/15278 their 100 sq cm codes; the add-ons global ZZZ, their first codes 000). Wound debridements "are reported
# by depth of tissue that is removed and by surface area of the wound", the surface areas of one depth summed
# (Palmetto GBA, "Surgical Debridement, CPT codes 11042-11047", 2020), so the area beyond the first 20 sq cm of a
# depth is that depth's add-on: "+11045 (add-on code for 11042)", 11046 for 11043, 11047 for 11044 (coders restating
# CPT's parentheticals; AAPC, "Both Depth and Area Matter when Reporting Debridement", quoting CPT's descriptors "...
# first 20 sq cm or less" and "... each additional 20 sq cm, or part thereof (List separately in addition to code for
# primary procedure)"); a skin substitute's application likewise, "15272 - Each additional 25 sq cm (add-on code, use
# with 15271)", 15276 with 15275 (wound care billing guides restating CPT). A wound care trial (Oklahoma City, 2026):
# `price 11042 11046` (muscle debridement's add-on beside a subcutaneous first 20 sq cm), 11042 + 97598, 97597 +
# 11045 and 15275 + 15272 (the trunk's add-on beside a foot's graft) were priced with no word.
_DEBRIDEMENT = (
    "CMS's RVU file descriptors and CPT's as Palmetto GBA and AAPC restate them: debridement is reported by depth and "
    "surface area, the area beyond the first 20 sq cm of a depth the add-on of that depth's first code"
)
_SKIN_SUBSTITUTE_APPLICATION = (
    "CMS's RVU file descriptors and CPT's as coders restate them: the area beyond the first 25 sq cm (or 100 sq cm) "
    "the add-on of the same site's first code"
)
_CERVICAL = "64490 (paravertebral facet joint injection, cervical or thoracic, single level)"
_LUMBAR = "64493 (paravertebral facet joint injection, lumbar or sacral, single level)"
_NCS = Primaries(
    frozenset({"95907", "95908", "95909", "95910", "95911", "95912", "95913"}),
    "a nerve conduction study (95907-95913)",
    "CMS's RVU file descriptors (\"done w/nerv tst\") and CPT's pairing with 95907-95913 as coders restate it: needle "
    "EMG without a nerve conduction study is 95860-95870",
)
_FIRST_EXTREMITY = Primaries(
    frozenset({"64642", "64644"}),
    "the first extremity's chemodenervation (64642, 1-4 muscles, or 64644, 5 or more)",
    "CPT's 2014 chemodenervation codes as AAPC restates them: each additional extremity after the first's 64642 or "
    "64644",
)
# The chemodenervation codes of muscles (CPT 64612, 64615-64617, 64642-64647): 95873's and 95874's primaries.
CHEMODENERVATION_OF_MUSCLES = frozenset({
    "64612", "64615", "64616", "64617", "64642", "64643", "64644", "64645", "64646", "64647",
})  # fmt: skip
_CHEMODENERVATION_GUIDANCE = Primaries(
    CHEMODENERVATION_OF_MUSCLES,
    "a chemodenervation of muscles (64612, 64615-64617, 64642-64647)",
    'CPT\'s descriptor as Coding Ahead restates it: guidance "in conjunction with chemodenervation"',
)
_CHEMOTHERAPY_INITIAL = Primaries(
    frozenset({"96413", "96409"}),
    "the initial chemotherapy administration (96413, IV infusion, or 96409, IV push)",
    "CPT's add-on instructions as carecostestimate.com and iframe.ai restate them: each additional chemotherapy drug "
    "after the encounter's initial infusion 96413 or push 96409",
)
_DRUG_ADMIN = "CPT's add-on instructions as iframe.ai, Codapedia and Coding Ahead restate them"
_SUBSEQUENT_ADMINISTRATION = Primaries(
    frozenset({"96365", "96374", "96409", "96413"}),
    "the encounter's initial drug administration service (96365 IV infusion, 96374 IV push, 96409 chemotherapy IV "
    "push or 96413 chemotherapy IV infusion)",
    f"{_DRUG_ADMIN}: a subsequent service after the initial one",
)
_SUBCUTANEOUS = Primaries(
    frozenset({"96369"}),
    "96369 (subcutaneous infusion, initial hour, with the pump set-up)",
    f"{_DRUG_ADMIN}: the subcutaneous infusion's add-ons follow 96369",
)
_WITH_VISIT = Primaries(_VISIT_CODES, _PSYCHOTHERAPY_VISITS, 'CPT: "when performed with an evaluation and management '
                        'service", psychotherapy without one is 90832, 90834 or 90837')  # fmt: skip
_VEIN_ABLATION = (
    "CPT's descriptor as Coding Ahead prints it and CMS's RVU file's descriptors: the same ablation "
    "technique's subsequent vein in the extremity, after its first vein"
)
SAME_DATE_PRIMARIES: dict[str, Primaries] = {
    "90833": _WITH_VISIT, "90836": _WITH_VISIT, "90838": _WITH_VISIT,
    "90840": Primaries(frozenset({"90839"}), "90839 (psychotherapy for crisis, first 60 minutes)",
                       'CPT: "each additional 30 minutes", with 90839'),
    "G0018": Primaries(frozenset({"G0017"}), "G0017 (psychotherapy for crisis at an applicable site of service, first "
                       "60 minutes)", 'the CY2024 PFS final rule (CMS, "Psychotherapy for Crisis"): G0017 and G0018, '
                       'the pair away from the office, G0018 "Crisis psychotherapy add 30m" in CMS\'s RVU file'),
    "90785": Primaries(_PSYCHIATRIC_PRIMARIES,
                       "a psychiatric evaluation or psychotherapy (90791, 90792, 90832-90834, 90836-90838 or 90853)",
                       'NGS Medicare, "Mental Health Services": not with an E/M visit alone, nor crisis or family '
                       "psychotherapy"),
    "11103": Primaries(frozenset({"11102", "11104", "11106"}), "a first skin biopsy (11102, 11104 or 11106)", _BIOPSY),
    "11105": Primaries(frozenset({"11104", "11106"}), "a first punch or incisional skin biopsy (11104 or 11106)",
                       _BIOPSY),
    "11107": Primaries(frozenset({"11106"}), "a first incisional skin biopsy (11106)", _BIOPSY),
    "17003": Primaries(frozenset({"17000"}), "17000 (destruction of the first premalignant lesion)",
                       'CPT: "Use 17003 in conjunction with 17000", as AAPC restates it'),
    "17312": Primaries(frozenset({"17311"}), "17311 (Mohs surgery, first stage, head, neck, hands, feet or genitalia)",
                       _MOHS),
    "17314": Primaries(frozenset({"17313"}), "17313 (Mohs surgery, first stage, trunk, arms or legs)", _MOHS),
    "17315": Primaries(frozenset({"17311", "17312", "17313", "17314"}), "a Mohs surgery stage (17311-17314)", _MOHS),
    "64491": Primaries(frozenset({"64490"}), _CERVICAL, _FACET),
    "64492": Primaries(frozenset({"64490", "64491"}), "64490 or 64491 (paravertebral facet joint injection, cervical "
                       "or thoracic, first or second level)", _FACET),
    "64494": Primaries(frozenset({"64493"}), _LUMBAR, _FACET),
    "64495": Primaries(frozenset({"64493", "64494"}), "64493 or 64494 (paravertebral facet joint injection, lumbar or "
                       "sacral, first or second level)", _FACET),
    "64480": Primaries(frozenset({"64479"}), "64479 (transforaminal epidural injection, cervical or thoracic, single "
                       "level)", _EPIDURAL),
    "64484": Primaries(frozenset({"64483"}), "64483 (transforaminal epidural injection, lumbar or sacral, single "
                       "level)", _EPIDURAL),
    "64634": Primaries(frozenset({"64633"}), "64633 (facet joint nerve destruction, cervical or thoracic, single facet "
                       "joint)", _DENERVATION),
    "64636": Primaries(frozenset({"64635"}), "64635 (facet joint nerve destruction, lumbar or sacral, single facet "
                       "joint)", _DENERVATION),
    "77063": Primaries(frozenset({"77067"}), "77067 (screening mammography, bilateral)",
                       "MLN Matters MM8874: with the 2-D screening mammogram, G0202 then, 77067 since 2017"),
    "G0279": Primaries(frozenset({"77065", "77066"}), "a diagnostic mammogram (77065 or 77066)",
                       'HCPCS: "list separately in addition to 77065 or 77066", MLN Matters MM8874'),
    "96131": Primaries(frozenset({"96130"}), "96130 (psychological testing evaluation, first hour)", _TESTING),
    "96133": Primaries(frozenset({"96132"}), "96132 (neuropsychological testing evaluation, first hour)", _TESTING),
    "96137": Primaries(frozenset({"96136"}), "96136 (test administration and scoring by the physician or "
                       "psychologist, first 30 minutes)", _TESTING),
    "96139": Primaries(frozenset({"96138"}), "96138 (test administration and scoring by a technician, first 30 "
                       "minutes)", _TESTING),
    "96121": Primaries(frozenset({"96116"}), "96116 (neurobehavioral status exam, first hour)", _TESTING),
    "95885": _NCS, "95886": _NCS, "95887": _NCS,
    "64643": _FIRST_EXTREMITY, "64645": _FIRST_EXTREMITY,
    "95873": _CHEMODENERVATION_GUIDANCE, "95874": _CHEMODENERVATION_GUIDANCE,
    "95984": Primaries(frozenset({"95983"}), "95983 (brain neurostimulator analysis with programming, first 15 "
                       "minutes)", "AAPC's Neurosurgery Coding Alert: 95983 for the first 15 minutes, \"+95984 for "
                       'each additional 15 minutes"'),
    "96113": Primaries(frozenset({"96112"}), "96112 (developmental test administration, first hour)",
                       "CPT's 2019 code list as APA Services publishes it: each additional 30 minutes of 96112"),
    # Advance care planning: CMS's "Frequently Asked Questions about Billing the Physician Fee Schedule for Advance
    # Care Planning Services" (2016, as DecisionHealth's Home Health Line reproduces it): "CPT codes 99497 and 99498
    # are time-based codes (a base code and an add-on code)", CPT's 99497 "first 30 minutes", 99498 "each additional
    # 30 minutes (List separately in addition to code for primary procedure)"; CMS's RVU file: 99497 XXX "Advncd care
    # plan 30 min", 99498 ZZZ "Advncd care plan addl 30 min". A hospice and palliative group's trial (Columbus, 2026):
    # 99498 beside a visit with no 99497 said nothing (an add-on whose primaries rvucalc did not list), and 99497 x 2
    # (an hour of ACP) was priced twice the first 30 minutes with no word, where the hour bills as 99497 + 99498.
    "99498": Primaries(frozenset({"99497"}), "99497 (advance care planning, first 30 minutes)",
                       'CMS\'s ACP billing FAQ: "a base code and an add-on code", 99498 each additional 30 minutes'),
    "31632": Primaries(frozenset({"31628"}), "31628 (bronchoscopy with transbronchial lung biopsy, first lobe)",
                       _BRONCHOSCOPY),
    "31633": Primaries(frozenset({"31629"}), "31629 (bronchoscopy with transbronchial needle aspiration biopsy, first "
                       "lobe)", _BRONCHOSCOPY),
    **dict.fromkeys(("33517", "33518", "33519", "33521", "33522", "33523"), _CABG_ARTERIAL),
    "96417": _CHEMOTHERAPY_INITIAL, "96411": _CHEMOTHERAPY_INITIAL,
    "96366": Primaries(frozenset({"96365", "96367"}), "the first hour of its infusion (96365, or 96367 for a "
                       "sequential one)", f"{_DRUG_ADMIN}: each additional hour of 96365 or 96367"),
    "96415": Primaries(frozenset({"96413"}), "96413 (chemotherapy IV infusion, first hour)",
                       f'{_DRUG_ADMIN}: 96415 "may only be reported in addition to 96413"'),
    "96367": _SUBSEQUENT_ADMINISTRATION, "96375": _SUBSEQUENT_ADMINISTRATION,
    "96361": Primaries(frozenset({"96360", "96365", "96374", "96409", "96413"}), "hydration's first hour (96360) or "
                       "a different initial drug administration service (96365, 96374, 96409 or 96413)",
                       f"{_DRUG_ADMIN}: 96361 with 96360, or as hydration after a different initial service"),
    "96370": _SUBCUTANEOUS, "96371": _SUBCUTANEOUS,
    # A pathology group's trial (Indianapolis, 2026): `price 88305 88185` (the flow cytometry markers after the first
    # without 88184), 88341 beside 88344 alone and 88334 beside a surgical pathology exam said nothing; each is its
    # family's "each additional" code, as CMS's RVU file's short descriptors pair them (88184 "Flowcytometry/ tc 1
    # marker", 88185 "Flowcytometry/tc add-on"; 88342 "Imhchem/imcytchm 1st antb", 88341 "Imhchem/imcytchm ea add
    # antb"; 88346 "Imfluor 1st 1antb stain px", 88350 "Imfluor ea addl 1antb stn px"; 88333 "Path consltj surg cyto
    # xm 1", 88334 "Path consltj surg cyto xm ea"; the add-ons global ZZZ, their first codes XXX) and coders restate
    # CPT (Coding Ahead's 88185 page: "The first marker is reported separately using CPT Code 88184"; its 88334 page:
    # "listed separately in addition to the primary procedure code ... 88333", the first site, a frozen section's
    # 88331 accepted beside it as CPT's parenthetical pairs them; the AAD on Medicare's IHC codes of 2014, G0461 the
    # first stain per specimen and "+G0462 each additional ... List separately in addition to code for primary
    # procedure", 88342 and 88341 since 2015). 88332 (each additional frozen section block) is global XXX in CMS's
    # file, no add-on: not listed.
    "88185": Primaries(frozenset({"88184"}), "88184 (flow cytometry, technical component, first marker)",
                       "CMS's RVU file descriptors and Coding Ahead's 88185 page: the first marker is 88184"),
    "88341": Primaries(frozenset({"88342"}), "88342 (immunohistochemistry, first antibody stain of the specimen)",
                       "CMS's RVU file descriptors and CPT as the AAD restates Medicare's IHC coding: each additional "
                       "stain after the specimen's first"),
    "88350": Primaries(frozenset({"88346"}), "88346 (immunofluorescence, first single antibody stain)",
                       "CMS's RVU file descriptors: the first stain 88346, each additional 88350"),
    "88334": Primaries(frozenset({"88333", "88331"}), "the intraoperative consultation's first site (88333 cytologic "
                       "examination, or 88331 frozen section)", "CMS's RVU file descriptors and Coding Ahead's 88334 "
                       "page: each additional site after 88333's first"),
    # A hand surgery group's trial: 26125 beside 26121 (the palm's fasciectomy, no digit released) was priced with no
    # word. CPT's descriptor is 26123's "partial palmar with release of single digit including proximal
    # interphalangeal joint ...; each additional digit" (codingahead.com's "Official Description"; nimble solutions,
    # "CPT Codes for Dupuytren Contracture Treatments": "Additional digits are reported with code 26125").
    "26125": Primaries(frozenset({"26123"}), "26123 (partial palmar fasciectomy with release of the first digit)",
                       "CPT's descriptor: each additional digit released with 26123's fasciectomy"),
    # A podiatry trial's `price 99213 G0247` (routine foot care of a diabetic patient with LOPS, no LOPS evaluation
    # that day) said nothing: 99213 is no add-on. G0247 is global ZZZ in CMS's RVU file ("Routine footcare pt w lops"),
    # and CMS pairs it with the LOPS evaluations of the same date (Claims Processing Manual ch. 32 §80 and NCD 70.2.1,
    # the diabetic sensory neuropathy with LOPS coverage of 2002; as AAPC's Podiatry Coding Alert restates CMS's
    # guidance: "Report G0247 only in conjunction with either G0245 ... or G0246 ... never alone").
    "G0247": Primaries(frozenset({"G0245", "G0246"}), "G0245 or G0246 (the initial or follow-up evaluation of a "
                       "diabetic patient with LOPS)", "Claims Processing Manual ch. 32 §80: G0247 with G0245 or "
                       "G0246, never alone"),
    # A gynecology practice's trial (Columbus, 2026): a CNM's 58100 (endometrial biopsy without colposcopy) + 58110
    # and an obstetrician's 59510 + 59525 beside other lines were priced with no word. 58110 is CPT's "Endometrial
    # sampling (biopsy) performed in conjunction with colposcopy (List separately in addition to code for primary
    # procedure)", reported when "a sampling of the endometrium is taken from the uterus during a colposcopy of the
    # vagina or cervix" (mdStrategies, "Colposcopy facts", 2009): the vagina's 57420/57421, the cervix's 57452-57461.
    # 59525, "Subtotal or total hysterectomy after cesarean delivery", "needs to be billed in addition to the
    # appropriate delivery code (59510, 59514, 59515, 59618, 59620, 59622)" (SGO Coding Corner, "Cesarean
    # hysterectomy": CPT's parenthetical). Both global ZZZ in CMS's RVU file.
    "58110": Primaries(frozenset({"57420", "57421", "57452", "57454", "57455", "57456", "57460", "57461"}),
                       "a colposcopy of the vagina or cervix (57420, 57421, 57452-57461)",
                       "CPT's descriptor ('performed in conjunction with colposcopy') as mdStrategies restates it: "
                       "during a colposcopy of the vagina or cervix"),
    "11045": Primaries(frozenset({"11042"}), "11042 (debridement, subcutaneous tissue, first 20 sq cm or less)",
                       _DEBRIDEMENT),
    "11046": Primaries(frozenset({"11043"}), "11043 (debridement, muscle and/or fascia, first 20 sq cm or less)",
                       _DEBRIDEMENT),
    "11047": Primaries(frozenset({"11044"}), "11044 (debridement, bone, first 20 sq cm or less)", _DEBRIDEMENT),
    "97598": Primaries(frozenset({"97597"}), "97597 (selective debridement of an open wound, first 20 sq cm or less)",
                       "CMS's RVU file descriptors and CPT's as coders restate them: each additional 20 sq cm of "
                       "97597's selective debridement"),
    "15272": Primaries(frozenset({"15271"}), "15271 (skin substitute graft to the trunk, arms or legs, first 25 sq cm "
                       "or less)", _SKIN_SUBSTITUTE_APPLICATION),
    "15274": Primaries(frozenset({"15273"}), "15273 (skin substitute graft to the trunk, arms or legs, first 100 sq "
                       "cm)", _SKIN_SUBSTITUTE_APPLICATION),
    "15276": Primaries(frozenset({"15275"}), "15275 (skin substitute graft to the face, scalp, neck, hands, feet or "
                       "genitalia, first 25 sq cm or less)", _SKIN_SUBSTITUTE_APPLICATION),
    "15278": Primaries(frozenset({"15277"}), "15277 (skin substitute graft to the face, scalp, neck, hands, feet or "
                       "genitalia, first 100 sq cm)", _SKIN_SUBSTITUTE_APPLICATION),
    "59525": Primaries(frozenset({"59510", "59514", "59515", "59618", "59620", "59622"}),
                       "a cesarean delivery (59510, 59514, 59515, 59618, 59620 or 59622)",
                       "CPT's parenthetical as the SGO Coding Corner restates it: with the delivery code 59510, "
                       "59514, 59515, 59618, 59620 or 59622"),
    # A vascular group's trial (Atlanta, 2026): 36476-RT beside 36478-RT (a radiofrequency add-on beside a laser
    # ablation's first vein) was priced with no word. Each endovenous ablation's "subsequent vein(s) treated in a single
    # extremity, each through separate access sites (List separately in addition to code for primary procedure)" is
    # its own technique's: CPT's descriptor as Coding Ahead's 36476 page prints it ("... percutaneous, radiofrequency;
    # subsequent vein(s) ..."), the primary being the same technique's first vein (openpayer's 36476: "to ablate
    # additional veins in the same session as an initial vein ablation"); CMS's RVU file pairs them so: 36475
    # "Endovenous rf 1st vein" and 36476 "Endovenous rf vein add-on", 36478 "Endovenous laser 1st vein" and 36479
    # "Endovenous laser vein addon", 36482 "Endoven ther chem adhes 1st" and 36483 "Endoven ther chem adhes sbsq" (the
    # add-ons global ZZZ, the first veins 000).
    "36476": Primaries(frozenset({"36475"}), "36475 (endovenous radiofrequency ablation, first vein treated)",
                       _VEIN_ABLATION),
    "36479": Primaries(frozenset({"36478"}), "36478 (endovenous laser ablation, first vein treated)", _VEIN_ABLATION),
    "36483": Primaries(frozenset({"36482"}), "36482 (endovenous chemical adhesive ablation, first vein treated)",
                       _VEIN_ABLATION),
    # and the fourth technique, mechanochemical: 36473 "Endovenous mchnchem 1st vein" (000) and 36474 "Endovenous
    # mchnchem add-on" (ZZZ) in CMS's RVU file; First Coast (a CMS MAC), "Vein ablation and related services", lists
    # 36473 "... percutaneous, mechanochemical; first vein treated" and 36474 "... mechanochemical; subsequent vein(s)
    # treated in a single extremity, each through separate access sites". A review: 36474-RT beside 36475-RT (a
    # radiofrequency first vein) was priced with no word, as 36476 beside 36478 had been.
    "36474": Primaries(frozenset({"36473"}), "36473 (endovenous mechanochemical ablation, first vein treated)",
                       _VEIN_ABLATION),
}  # fmt: skip
# The additional infusion hours 96366 and 96415 beside an initial drug administration service other than their own
# infusion: ``engine.drug_admin.encounter_notes`` says which code the hour is (96415 after 96413, the first hour
# missing beside a push), so the same-date note is left out there (one note a line); it is said where the claim and
# date have none of these initial services (`price 96366 J1561`). Batch: ``batch.claims._same_date_primaries``.
LEFT_TO_DRUG_ADMIN: dict[str, frozenset[str]] = dict.fromkeys(drug_admin.HOURS, drug_admin.INITIALS)
# Each add-on with primaries its sources name, and those primaries: the month's base codes or the same date's family.
NAMED_PRIMARIES: dict[str, frozenset[str]] = {
    **{code: frozenset(bases) for code, bases in MONTHLY_ADD_ONS.items()},
    **{code: primaries.codes for code, primaries in SAME_DATE_PRIMARIES.items()},
}


# The first unit of time of a timed pair (crisis psychotherapy's first 60 minutes, a testing evaluation's first hour, a
# test administration's first 30 minutes ...), whose further time is its add-on's, "each additional" hour or 30
# minutes: the pairs ``SAME_DATE_PRIMARIES`` states with its sources (CPT as CMS's "Psychotherapy for Crisis" page, the
# CY2024 PFS final rule, Anthem's testing coding tip, APA Services and AAPC restate it). The first code is one unit a
# date of service. A psychiatry group's trial (Chicago, 2026): `price 96130 --units 3` (three hours of testing
# evaluation) priced 3 x 96130, $385.77, with no word, where the three hours bill as 96130 and 96131 x 2, $303.59 there;
# 90839 x 2 (two hours of crisis psychotherapy: 90839 and 90840 x 2) alike. A note, the amount as billed (rvucalc
# applies no medically unlikely edit).
TIMED_FIRST_UNITS = {"90839": "90840", "G0017": "G0018", "96130": "96131", "96132": "96133", "96136": "96137",
                     "96138": "96139", "96116": "96121", "96112": "96113", "95983": "95984",
                     "99497": "99498"}  # fmt: skip


def timed_first_units_note(code: str, units: int) -> str | None:
    """The note on a line of several units of a timed pair's first code (``TIMED_FIRST_UNITS``), or None."""
    add_on = TIMED_FIRST_UNITS.get(code)
    if add_on is None or units < 2:
        return None
    primaries = SAME_DATE_PRIMARIES[add_on]
    return (
        f"{units} units of {primaries.words}: 1 unit a date of service, the time beyond it billed as {add_on}, its "
        f"add-on ({primaries.source}). Priced as given ({units} times one {code}): the MAC may deny the units above 1."
    )


# The first area of a debridement depth or a skin substitute graft's site (11042-11044 and 97597 "first 20 sq cm or
# less", 15271 and 15275 "first 25 sq cm or less", 15273 and 15277 "first 100 sq cm"), whose further area is its
# add-on's ("each additional"): the pairs ``SAME_DATE_PRIMARIES`` states with its sources (the surface areas of one
# depth or site summed, Palmetto GBA). The first code is one unit a date of service. A wound care trial (Oklahoma
# City, 2026): `price 11042 --units 2` (two wounds debrided to the subcutaneous tissue) was told only the multiple
# procedure rule's "your MAC may pay the units so", and 97597 x 2 and 15271 x 2 nothing, where the areas sum to
# 11042 + 11045 ($121.41 + $38.76 there, not $242.82). A note, the amount as billed.
AREA_FIRST_UNITS = {"11042": "11045", "11043": "11046", "11044": "11047", "97597": "97598", "15271": "15272",
                    "15273": "15274", "15275": "15276", "15277": "15278"}  # fmt: skip


def area_first_units_note(code: str, units: int) -> str | None:
    """The note on a line of several units of a first-area code (``AREA_FIRST_UNITS``), or None. No "; " in it."""
    add_on = AREA_FIRST_UNITS.get(code)
    if add_on is None or units < 2:
        return None
    primaries = SAME_DATE_PRIMARIES[add_on]
    return (
        f"{units} units of {primaries.words}: 1 unit a date of service, the areas of its wounds summed and the area "
        f"beyond the first billed as {add_on}, its add-on ({primaries.source}). Priced as given ({units} times one "
        f"{code}): the MAC may deny the units above 1."
    )


# Two lines or more of one first-area code (``AREA_FIRST_UNITS``) on a claim and date, whatever 59, XS or the sides say:
# the areas of one depth's wounds are summed wherever they are ("In multiple wounds, you sum the surface area of those
# wounds that are at the same depth but do not combine sums from different depths": CPT's debridement guidelines as
# AAPC's Primary Care Coding Alert restates them; 59 is for the other depth's first code), a skin substitute graft's
# likewise over its descriptor's sites ("total wound surface area"), so the first code is one line of 1 unit and the
# rest its add-on. A review of the wound care trial's rule (d426bb83): `price 11042 11042-59` (two wounds to the
# subcutaneous tissue, $121.41 + $60.71 at ZIP 73104 where 11042 + 11045 is $160.17) and 15271-RT 15271-LT were said
# nothing where 11042 x 2 was noted. A note on each such line; the amounts as the claim's other rules give them.
def area_first_lines_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): on each line of a first-area code beside another
    line of that code, the note naming them; else None. No "; " in it (batch joins notes with it)."""
    written: dict[str, list[str]] = {}
    for code, modifiers in lines:
        if code in AREA_FIRST_UNITS:
            written.setdefault(code, []).append("-".join([code, *modifiers]))
    notes = {}
    for code, codes in written.items():
        if len(codes) > 1:
            add_on = AREA_FIRST_UNITS[code]
            primaries = SAME_DATE_PRIMARIES[add_on]
            notes[code] = (
                f"{' and '.join(codes)} on this claim and date are lines of {primaries.words}: 1 line of 1 unit a "
                f"date of service, whatever 59, XS or the sides say, the areas of its wounds summed and the area "
                f"beyond the first billed as {add_on}, its add-on ({primaries.source}). The claim does not give the "
                "areas: the MAC may deny the lines after the first."
            )
    return [notes.get(code) for code, _ in lines]


# Chemodenervation guidance, 95873 (electrical stimulation) or 95874 (needle EMG), is one unit a day of
# chemodenervation, whatever the number of muscles, injections or sites: CPT Assistant, December 2008, as AAPC's Part B
# Coding Alert restates it ("Report chemodenervation guidance once per day, not per injection or injection site";
# "limited to a maximum of one unit of service per day of chemodenervation injection services"). A physiatry group's
# trial (Chicago, 2026): 64616-RT, 64616-LT and 95874 x 2 (one per side) priced $162.70 for the guidance with no word,
# where the MAC pays one unit, $81.35. A note: the amount stays units x one unit (rvucalc applies no medically unlikely
# edit).
CHEMODENERVATION_GUIDANCE = frozenset({"95873", "95874"})


def guidance_units_note(code: str, units: int) -> str | None:
    """The note on a 95873 or 95874 line of several units (``CHEMODENERVATION_GUIDANCE``), or None. No "; " in it
    (batch joins notes with it)."""
    if code not in CHEMODENERVATION_GUIDANCE or units < 2:
        return None
    return (
        f"{code} (guidance for chemodenervation) is reported once a day of chemodenervation, whatever the number of "
        "muscles, injections or sides (CPT Assistant, December 2008, as AAPC's Part B Coding Alert restates it). "
        f"Priced as billed: {units} times one {code}, and the MAC may deny the units above 1."
    )


# 17003 counts lesions: CPT's descriptors, 17003 "second through 14 lesions, each" and 17004 "15 or more lesions" (as
# Anthem's Clinical UM Guideline CG-SURG-37, "Destruction of Pre-Malignant Skin Lesions", restates them), so 17000
# (the first lesion) and at most 13 units of 17003 a date of service; 15 or more lesions are one 17004 in their place.
# A dermatology trial's `price 99213 17000 17003 --units 1 --units 1 --units 14` priced 14 units with no word. A note:
# the amount stays units x one 17003 (rvucalc applies no medically unlikely edit).
# 17000 is the first lesion alone ("premalignant lesions ...; first lesion"), so one unit a date: a second trial's
# Edina NP billed 17000 x 2 units, priced as two first lesions ($112.80, two ranked procedures' worth) with only the
# multiple procedure rule's units note, where the second lesion is one unit of 17003 ($5.52 at 85%).
PREMALIGNANT_EACH, PREMALIGNANT_EACH_MAX_UNITS, PREMALIGNANT_FIRST = "17003", 13, "17000"


def premalignant_units_note(code: str, units: int) -> str | None:
    """The note on a 17003 line of more than 13 units (lesions 2-14: ``PREMALIGNANT_EACH_MAX_UNITS``), or a 17000 line
    of several units (the first lesion: ``PREMALIGNANT_FIRST``), or None."""
    if code == PREMALIGNANT_FIRST and units > 1:
        return (
            "17000 is the first premalignant lesion destroyed (CPT's descriptor): 1 unit a date of service, the "
            f"second through 14th lesions 17003 (each) and 15 or more one 17004 in their place. Priced as billed: "
            f"{units} times one 17000, and the MAC may deny the units above 1."
        )
    if code != PREMALIGNANT_EACH or units <= PREMALIGNANT_EACH_MAX_UNITS:
        return None
    return (
        f"17003 counts the second through 14th premalignant lesions (CPT's descriptor), so 13 units at most a date of "
        f"service: {units} units with 17000's first lesion are {units + 1} lesions, which CPT reports as one 17004 (15 "
        "or more lesions) in place of 17000 and 17003. Priced as given (units x one 17003): the MAC may deny the "
        "units above 13."
    )


# One first skin biopsy code an encounter (``_BIOPSY``'s sources: the most invasive technique's, 11106 over 11104 over
# 11102), each other lesion's biopsy its technique's add-on (11103, 11105, 11107). A dermatology trial billed 11104 and
# 11106 on one claim and date: both were priced as first codes (11104 ranked 50% by the multiple procedure rule), with
# no word that 11104's lesion is reported as 11105. A note, the amounts as billed; a first code of several units too.
FIRST_BIOPSIES: dict[str, tuple[str, str]] = {
    "11102": ("tangential", "11103"),
    "11104": ("punch", "11105"),
    "11106": ("incisional", "11107"),
}
_BIOPSY_ORDER = ("11102", "11104", "11106")  # least to most invasive


def first_biopsy_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter: on a first skin biopsy line (``FIRST_BIOPSIES``) beside the line of a
    more invasive first code, or a later line of the same first code, the note naming its add-on; else None."""
    firsts = [code for code in codes if code in FIRST_BIOPSIES]
    if len(firsts) < 2:
        return [None] * len(codes)
    top = max(firsts, key=_BIOPSY_ORDER.index)
    out: list[str | None] = []
    kept = False
    for code in codes:
        if code not in FIRST_BIOPSIES or (code == top and not kept):
            kept = kept or code == top
            out.append(None)
            continue
        technique, add_on = FIRST_BIOPSIES[code]
        out.append(
            f"One first skin biopsy code is reported an encounter, the most invasive technique's ({top} here), each "
            f"other lesion's biopsy as its technique's add-on: this {technique} biopsy is {add_on} ({_BIOPSY}). Priced "
            "as billed."
        )
    return out


def first_biopsy_units_note(code: str, units: int) -> str | None:
    """The note on a first skin biopsy line (``FIRST_BIOPSIES``) of several units, or None."""
    if code not in FIRST_BIOPSIES or units < 2:
        return None
    technique, add_on = FIRST_BIOPSIES[code]
    return (
        f"{code} is the first {technique} skin biopsy: 1 unit an encounter, each further lesion's {technique} biopsy "
        f"{add_on} ({_BIOPSY}). Priced as billed: {units} times one {code}."
    )


# One first extremity's chemodenervation code a session, 64644 (5 or more muscles) or 64642 (1-4), each other extremity
# its add-on, 64645 (5 or more) or 64643 (1-4), paid in full (global ZZZ, no multiple procedure cut): CPT's guideline as
# iframe.ai's 64642 page restates it ("Report only one base code (64642 or 64644) per session. Use add-on code 64643
# for additional extremities with 1-4 muscles injected"; "Modifiers like 50, RT or LT are not appropriate with codes
# 64642-64647"), the add-ons' descriptors ``_FIRST_EXTREMITY``'s. A neurology group's trial (Cincinnati, 2026): 64644
# beside 64642 was priced $180.54 + $77.52 (ranked 50%) at ZIP 45202, and 64642-RT beside 64642-LT $155.04 once (the
# bilateral rule's indicator 0), where 64644 + 64643 is $180.54 + $95.37 and 64642 + 64643 $155.04 + $95.37, with no
# word of the add-on. A note, the amounts as billed; a first extremity code of several units too. The add-ons are paid
# in full by the PFS alone: the hospital's OPPS packages them (Addendum B: 64643 and 64645 status indicator N,
# "Packaged: no separate payment"), as the ASC's list does (Addendum AA: payment indicator N1), where a second 64642
# line of the hospital's (status T) is paid at 50%. A review: the note said "paid in full" on the hospital's bill too.
FIRST_EXTREMITIES: dict[str, tuple[str, str]] = {"64642": ("1-4 muscles", "64643"), "64644": ("5 or more", "64645")}
_ADD_ON_PAID = "paid in full by the PFS, packaged (no separate payment) on the hospital's OPPS bill and the ASC's"


def first_extremity_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter: on a first extremity chemodenervation line (``FIRST_EXTREMITIES``)
    beside a 64644 line, or a later line of the same code (64642-RT and 64642-LT), the note naming its extremity's
    add-on; else None. No "; " in it."""
    firsts = [code for code in codes if code in FIRST_EXTREMITIES]
    if len(firsts) < 2:
        return [None] * len(codes)
    top = "64644" if "64644" in firsts else "64642"
    out: list[str | None] = []
    kept = False
    for code in codes:
        if code not in FIRST_EXTREMITIES or (code == top and not kept):
            kept = kept or code == top
            out.append(None)
            continue
        muscles, add_on = FIRST_EXTREMITIES[code]
        out.append(
            f"One first extremity's chemodenervation code is reported a session ({top} here, RT, LT or 50 not "
            f"making another), each other extremity as its add-on: this extremity of {muscles} is {add_on}, "
            f"{_ADD_ON_PAID} (CPT, as iframe.ai restates it). Priced as billed."
        )
    return out


def first_extremity_units_note(code: str, units: int) -> str | None:
    """The note on a first extremity chemodenervation line (``FIRST_EXTREMITIES``) of several units, or None."""
    if code not in FIRST_EXTREMITIES or units < 2:
        return None
    return (
        f"{code} is the first extremity's chemodenervation: 1 unit a session, each other extremity its add-on, 64643 "
        f"(1-4 muscles) or 64645 (5 or more), {_ADD_ON_PAID} (CPT, as iframe.ai restates it). Priced as billed: "
        f"{units} times one {code}."
    )


# Lesion destruction codes that count a session's lesions in one unit, by CPT's descriptors (RVU26C's short ones:
# 17004 "Destroy premal lesions 15/>", 17110 "Destruction b9 les up to 14", 17111 "...15/>"): 17004 is 15 or more
# premalignant lesions, reported alone, "never ... in conjunction with 17000 or 17003" (American Academy of
# Dermatology, "Destruction codes for pre-malignant and malignant lesions", Dermatology World, November 2011); 17110
# is up to 14 benign lesions and 17111 15 or more, one unit a session either way, never both on one date (Auctus
# Group, "17110 Is Not a Per-Lesion Code", June 2026). A dermatology trial (Charlotte, August 2026): `price 17110
# --units 8` (8 warts) read "Billed as separate lines (76, 59), the later ones would be ranked and paid 50% ... your
# MAC may pay the units so", which a count code is not; 17004 x 2 and 17000 + 17003 + 17004 read nothing. Notes, the
# amounts as billed (rvucalc applies no medically unlikely or NCCI edit). Intralesional injection counts alike: 11900
# "up to and including 7 lesions", 11901 "more than 7 lesions" (CPT's descriptors; RVU26C "Inject skin lesions </w 7",
# ">7"), one unit a session, not one a lesion or an injection.
# Trigger point injections alike, counted by muscles: 20552 "Injection(s); single or multiple trigger point(s), 1 or 2
# muscle(s)", 20553 "... 3 or more muscle(s)" (CPT's descriptors; RVU26C "Njx 1/mlt trigger point 1/2", "Njx 1/mlt
# trigger points 3/>"), one code a session: the MACs' billing articles "Billing and Coding: Trigger Point Injections"
# (A57701, A59553, as summarised on their pages: 20552 for 1-2 muscles, 20553 for 3 or more, "individual injections into
# a muscle are not billed separately"), and payers restating CPT (EmblemHealth, "Trigger Point Injections - CPT codes
# 20552 and 20553": "Only one code from 20552 or 20553 should be reported on any particular day, no matter how many
# sites or regions are injected"). A physiatry group's trial (Chicago, 2026): 20553 x 3 read "Billed as separate lines
# (76, 59), the later ones would be ranked and paid 50%", and 20553 beside 20552 on one date was ranked as two
# procedures with no word.
LESION_COUNTS: dict[str, tuple[str, frozenset[str], str]] = {
    "17004": (
        "15 or more premalignant lesions",
        frozenset({"17000", "17003"}),
        "CPT's descriptors, and the AAD: 17004 is never reported with 17000 or 17003",
    ),
    "17110": ("up to 14 benign lesions", frozenset(), "CPT's descriptor"),
    "17111": ("15 or more benign lesions", frozenset({"17110"}), "CPT's descriptors: 17110 is up to 14 lesions"),
    "11900": ("up to and including 7 lesions injected", frozenset(), "CPT's descriptor"),
    "11901": ("more than 7 lesions injected", frozenset({"11900"}), "CPT's descriptors: 11900 is up to 7 lesions"),
    "20552": ("the trigger points of 1 or 2 muscles", frozenset(), "CPT's descriptor"),
    "20553": (
        "the trigger points of 3 or more muscles",
        frozenset({"20552"}),
        "CPT's descriptors and the MACs' Trigger Point Injections billing articles (A57701): 20552 is 1 or 2 muscles",
    ),
}
# What a lesion count code's unit is not (``lesion_count_units_note``): a lesion, unless said here.
_NOT_A_UNIT_OF = {"20552": "a muscle or an injection", "20553": "a muscle or an injection"}


def lesion_count_units_note(code: str, units: int) -> str | None:
    """The note on a lesion count line (``LESION_COUNTS``: 17004, 17110, 17111, 11900, 11901; trigger points 20552,
    20553) of several units, or None."""
    if code not in LESION_COUNTS or units < 2:
        return None
    return (
        f"{code} is {LESION_COUNTS[code][0]} of a session in one unit (CPT's descriptor), not a unit "
        f"{_NOT_A_UNIT_OF.get(code, 'a lesion')}: 1 unit a date of service. Priced as given ({units} times one "
        f"{code}): the MAC may deny the units above 1."
    )


def lesion_count_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter: on a 17004, 17111, 11901 or 20553 line beside a code its count
    replaces (17000 or 17003; 17110; 11900; 20552), the note naming them; else None."""
    present = set(codes)
    out: list[str | None] = []
    for code in codes:
        words, replaces, source = LESION_COUNTS.get(code, ("", frozenset(), ""))
        beside = sorted(replaces & present)
        out.append(
            f"{code} counts {words} of a session in one code and is reported alone, yet {' and '.join(beside)} "
            f"{'is' if len(beside) == 1 else 'are'} billed beside it on this date ({source}). Priced as billed: the "
            "MAC may deny one of them."
            if beside
            else None
        )
    return out


# Mohs surgery (17311-17315) includes its specimens' pathology, the surgeon's own: CPT's descriptors, "microscopic
# examination of specimens by the surgeon, and histopathologic preparation including routine stain(s)" (as AAPC
# restates them, "Mohs Micrographic Surgery for Clear Coding"), which NCCI enforces with edit pairs of 17311 and 17313
# and the pathology codes (AAPC Pathology/Lab Coding Alert, "Get Paid for Special Stains With Mohs", NCCI 13.0). A
# surgical pathology or frozen section code beside Mohs on the date is paid for a separate specimen only (a diagnostic
# biopsy of another or an unconfirmed lesion, tissue sent for permanent sections), with 59 or an X modifier (CMS's
# MCD billing article A56515, "Billing and Coding: Mohs Micrographic Surgery": a same-day biopsy with 59 under its
# conditions). A dermatology trial's `price 17311 88305` read only 88305's facility fee. A note, the amount as billed.
MOHS_CODES = frozenset({"17311", "17312", "17313", "17314", "17315"})
MOHS_PATHOLOGY = frozenset({"88300", "88302", "88304", "88305", "88307", "88309", "88331", "88332"})
_SEPARATE_SPECIMEN = frozenset({"59", "XE", "XP", "XS", "XU"})


def mohs_pathology_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): on a surgical pathology or frozen section line
    (``MOHS_PATHOLOGY``) without 59 or an X modifier beside a Mohs line (``MOHS_CODES``), the note; else None."""
    mohs = sorted({code for code, _ in lines if code in MOHS_CODES})
    return [
        f"Mohs surgery ({', '.join(mohs)} here) includes the surgeon's pathology of its specimens (CPT's descriptors: "
        "microscopic examination and histopathologic preparation by the surgeon), and NCCI pairs it with the pathology "
        f"codes: {code} beside it on this date is paid only for a separate specimen (a biopsy of another or an "
        "unconfirmed lesion), shown with 59 or XS, which this line has not. Priced as billed: the MAC may deny it."
        if mohs and code in MOHS_PATHOLOGY and not _SEPARATE_SPECIMEN & set(modifiers)
        else None
        for code, modifiers in lines
    ]


def _same_date_rule(code: str) -> str:
    primaries = SAME_DATE_PRIMARIES[code]
    return (
        f"Medicare pays it only when {primaries.words} is also paid to the same practitioner on the same date "
        f"({primaries.source}), and the MAC denies it without one (CMS's Type 1 add-on code edits, Transmittal 2636, "
        "CR 7501). Priced as given."
    )


def kind(code: str, global_days: str | None, status: str | None) -> int:
    """A line's kind (CMS's row: its global period and status): ``ADD_ON`` (a ZZZ code the PFS pays or the MAC prices,
    noted without a primary), ``ADD_ON_UNNOTED`` (another ZZZ code: never a primary), ``NOT_ADD_ON`` (any other
    line, a code the PFS does not list too)."""
    if str(global_days or "") != ADD_ON_GLOBAL:
        return NOT_ADD_ON
    return ADD_ON if status in NOTED_STATUSES and code not in LONE_ADD_ONS else ADD_ON_UNNOTED


# A skin substitute (``meanings.is_skin_substitute``: Q4100 on, A2001 on) has CMS's global period ZZZ from 2026, but it
# is no add-on procedure of CPT's or Transmittal 2636's: the CY2026 PFS final rule (CMS-1832-F) pays the product as an
# incident-to supply, per sq cm, when used with a covered skin substitute application procedure (15271-15278), the
# service it is "related to". A wound care trial's Q4186 billed alone was called "an add-on code ... (CMS Transmittal
# 2636, CR 7501)": it says what it is.
SKIN_SUBSTITUTE_RULE = (
    "a skin substitute is paid as a supply (CY2026 PFS final rule, CMS-1832-F: an incident-to supply, per sq cm) "
    "used with a skin substitute application procedure (15271-15278) on the same date, the service its global period "
    'ZZZ (CMS\'s RVU file: "related to another service") refers to. Priced as given.'
)


# Its application procedures: CPT 15271-15278 (skin substitute graft to trunk, arms, legs; face, scalp, hands, feet
# ...), which the CY2026 PFS final rule (CMS-1832-F) names as the covered application procedures a skin substitute is
# paid with as an incident-to supply; a MAC's billing article (Noridian JE, "Skin Substitute Codes"): "Any use of skin
# substitute codes must be accompanied on the same claim by a CPT/application procedure code consistent with use of
# the product. For example, CPT 15271-15278". So a skin substitute is noted wherever no line of its claim and date is
# one, whatever else the encounter has: a wound care trial's 97597 + Q4186 x 12 said nothing (97597 is no add-on),
# where `price Q4186` alone said it is paid with an application procedure. As the same-date add-ons'
# (``SAME_DATE_PRIMARIES``); batch: ``batch.claims._same_date_primaries``.
SKIN_SUBSTITUTE_APPLICATIONS = frozenset({"15271", "15272", "15273", "15274", "15275", "15276", "15277", "15278"})


def same_date_primaries(code: str) -> frozenset[str] | None:
    """The codes one of which must be on the add-on's claim and date (``SAME_DATE_PRIMARIES``, a skin substitute's
    ``SKIN_SUBSTITUTE_APPLICATIONS``), or None: an add-on whose primaries rvucalc does not list."""
    if is_skin_substitute(code):
        return SKIN_SUBSTITUTE_APPLICATIONS
    listed = SAME_DATE_PRIMARIES.get(code)
    return None if listed is None else listed.codes


def without_primary_note(code: str, alone: bool) -> str:
    """What an add-on line with no primary procedure beside it says: priced alone (``alone``: ``rvucalc price CODE``, a
    batch row no claim groups, a claim of one line), or in an encounter of add-on codes only. A skin substitute's
    says it is a supply (``SKIN_SUBSTITUTE_RULE``)."""
    if is_skin_substitute(code):
        where = "priced alone here" if alone else "and no line of this claim and date is its application procedure"
        return f"{code} is a skin substitute, {where}: {SKIN_SUBSTITUTE_RULE}"
    if code in SAME_DATE_PRIMARIES:
        where = "priced alone here" if alone else "and no line of this claim and date is its primary"
        return f"{code} is an add-on code {_WHY}, {where}: {_same_date_rule(code)}"
    rule = _monthly_rule(code) if code in MONTHLY_ADD_ONS else _RULE
    if alone:
        return f"{code} is an add-on code {_WHY}, priced alone here: {rule}"
    if code in MONTHLY_ADD_ONS:
        return f"{code} is an add-on code {_WHY}, and no line of this claim is its base service: {rule}"
    return (
        f"{code} is an add-on code {_WHY}, and every line of this claim and date is an add-on code (no primary "
        f"procedure): {rule}"
    )


def bad_line_note(labels: Sequence[str]) -> str:
    """Batch: beside ``without_primary_note``, where the claim's lines of that date include lines with an error
    (``labels``: each one's number in the claim and its code, as the claim's note names them) that are not add-on
    codes. The rules ran without them, so none is a primary the add-on is paid with; but one may have been the
    primary the user meant (a typo of its code, units 0)."""
    if len(labels) == 1:
        return (
            f"Its primary procedure may be line {labels[0]} of this claim and date, which has an error: correct it and "
            "price the claim again to price them together"
        )
    return (
        f"Its primary procedure may be one of lines {', '.join(labels)} of this claim and date, which have errors: "
        "correct them and price the claim again to price them together"
    )


def without_primary_notes(kinds: Sequence[tuple[str, int]]) -> list[str | None]:
    """Per line of an encounter (code, ``kind``): ``without_primary_note`` on each ``ADD_ON`` line when no line of the
    encounter is ``NOT_ADD_ON``, on an ``ADD_ON`` line of ``SAME_DATE_PRIMARIES`` when no line is one of its
    primaries, and on one of ``MONTHLY_ADD_ONS`` when no line is one of its base codes; else None. Batch:
    ``batch.encounter_arrays.add_ons_without_primary``, then ``batch.claims._same_date_primaries`` and
    ``batch.claims._monthly_primaries`` (the claim's month)."""
    codes = {code for code, _ in kinds}
    others = any(found == NOT_ADD_ON for _, found in kinds)
    alone = len(kinds) == 1

    def said(code: str, found: int) -> bool:
        if found != ADD_ON:
            return False
        primaries = same_date_primaries(code)
        if primaries is not None:
            return codes.isdisjoint(primaries) and codes.isdisjoint(LEFT_TO_DRUG_ADMIN.get(code, ()))
        if code in MONTHLY_ADD_ONS:
            return codes.isdisjoint(MONTHLY_ADD_ONS[code])
        return not others

    return [without_primary_note(code, alone) if said(code, found) else None for code, found in kinds]
