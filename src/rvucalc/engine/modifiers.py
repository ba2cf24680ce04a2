"""Claim modifiers as data: what each one means and what it does to payment.

One table (``TABLE``) for the single lookup, batch and export. Every entry has a
payment *effect kind*:

- ``none``: informational. Accepted, echoed, changes no amount.
- ``percentage``: a share of a named part of the PFS amount (or of the DMEPOS rental fee);
  applied by :func:`apply_pfs_modifiers` / :mod:`rvucalc.engine.schedules`.
- ``row``: selects CMS's own row of a fee schedule (26, TC, 53 in the RVU file; QW in
  the CLFS; RR, NU, UE ... in the DMEPOS file).
- ``policy``: payment-policy rules implemented in :mod:`rvucalc.engine.policy`
  (50, 51, 54, 55, 56, 62, 66, 78, 79, 80, 81, 82, AS, anesthesia AA/QK/QX/QY/QZ/AD).
- ``site_percentage``: a share of the facility (ASC or OPPS) rate only: 73, 74, 52, PN, PO;
  applied by :func:`apply_facility_modifiers`.
- ``not_priced``: Medicare pays no fee-schedule amount on such a line (the MAC prices it from
  documentation, or the claim is denied); say why, never $0.00.

Every entry that changes payment names its CMS source. Where CMS's own text could
only be read through a MAC's or a third party's copy, the source says so; values that
could not be verified at all carry ``verified=False`` and are never shown as certain.

Money: exact fractions of a cent inside, each amount shown rounded once, half-up
(``engine.policy.round_cents``), as everywhere in rvucalc.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from rvucalc.engine.care_management import CHRONIC_CARE_MANAGEMENT, TRANSITIONAL_CARE_MANAGEMENT
from rvucalc.engine.preventive import Q3_NOTE, SRC_Q3
from rvucalc.errors import ErrorKind, RvucalcError, UsageError

EffectKind = Literal["none", "percentage", "row", "policy", "site_percentage", "not_priced"]
# Which schedule's amount an effect touches. "pfs" = physician fee schedule (professional),
# "opps" = hospital outpatient facility rate, "asc" = ASC facility rate.
Schedule = Literal["pfs", "opps", "asc", "clfs", "drug", "dmepos"]
ALL_SCHEDULES: frozenset[str] = frozenset({"pfs", "opps", "asc", "clfs", "drug", "dmepos"})
PFS_ONLY: frozenset[str] = frozenset({"pfs"})
MAX_MODIFIERS = 4  # CMS-1500 item 24D / 837P SV101-3..6: up to four modifiers a line

HUNDRED = Fraction(100)


class ModifierNotApplicable(RvucalcError):
    """A known modifier on a code it cannot go with (CQ on an E/M visit, FX on a non-X-ray code)."""

    default_kind = ErrorKind.POLICY_REFUSED


@dataclass(frozen=True)
class ModifierInfo:
    code: str
    meaning: str
    effect: EffectKind = "none"
    # Percent *paid* of ``applies_to`` (CQ: 85 -> 85% of the PFS amount; FX: 80 -> the TC is cut 20%).
    # Year-dependent values are in ``percent_by_year`` (first year in force -> percent).
    percent: Fraction | None = None
    percent_by_year: tuple[tuple[int, Fraction], ...] = ()
    applies_to: str | None = None  # a _PART_WORDS key
    schedules: frozenset[str] = ALL_SCHEDULES
    source: str = ""
    note: str | None = None
    verified: bool = True
    note_share: str = ""  # FB/FC: how much of the ASC device portion goes ("all", "half")

    def percent_for(self, year: int) -> Fraction | None:
        """The percent paid in a calendar year (None before the first year it was in force)."""
        if not self.percent_by_year:
            return self.percent
        chosen: Fraction | None = None
        for first_year, percent in self.percent_by_year:
            if year >= first_year:
                chosen = percent
        return chosen

    @property
    def effect_text(self) -> str:
        """One line for ``rvucalc modifiers``: what the modifier does to the amount."""
        if self.effect == "none":
            return "informational (no payment effect)"
        if self.effect in ("percentage", "site_percentage"):
            if self.percent is None and not self.percent_by_year:  # FB, FC
                return f"removes {self.note_share} of the device portion (Addendum FF) from a device-intensive ASC rate"
            if self.percent_by_year:
                years = ", ".join(f"{p}% from {y}" for y, p in self.percent_by_year)
                return f"pays {years} of the {_PART_WORDS[self.applies_to or 'amount']}"
            return f"pays {self.percent}% of the {_PART_WORDS[self.applies_to or 'amount']}"
        if self.effect == "row":
            return "selects CMS's own row for the code"
        if self.effect == "policy" and self.code == "AD":
            return "pays 3 base units and no time units x the anesthesia CF"
        if self.effect == "policy" and self.code in ANESTHESIA_PERCENT:
            return f"pays {ANESTHESIA_PERCENT[self.code]}% of the anesthesia amount ((base + time units) x the CF)"
        if self.effect == "policy":
            return "payment-policy rule (RVU file indicators)"
        if self.schedules == ALL_SCHEDULES:  # GY, GZ, EY (``denied``)
            return "denies the whole line: refused, nothing priced"
        return "not priced from the fee schedule"


# Anesthesia payment modifiers (Claims Processing Manual ch. 12 §50, §140.3.3): personally performed (AA) and a CRNA
# without medical direction (QZ) are paid the full amount; medical direction (QK, QY, and the directed CRNA's QX) 50%
# each. engine.policy applies them; ``rvucalc modifiers`` says them (it said "payment-policy rule").
ANESTHESIA_PERCENT = {"AA": Fraction(100), "QZ": Fraction(100), "QK": Fraction(50), "QX": Fraction(50),
                      "QY": Fraction(50)}  # fmt: skip

_PART_WORDS = {
    "amount": "fee schedule amount",
    "technical_component": "technical component (TC, or the TC part of a global service) after the cut",
    "facility_rate": "facility (ASC/OPPS) rate",
    "rental_fee": "monthly rental fee",
    "stationary_oxygen_fee": "stationary oxygen monthly fee",
}

# -- sources ---------------------------------------------------------------------------
CPM = "Medicare Claims Processing Manual (Pub. 100-04)"
SRC_INFO = "HCPCS/CPT modifier definition; no payment rule attaches to it under the PFS, OPPS or ASC payment systems"
SRC_DRESSING = "HCPCS modifier; DME MACs' surgical dressings policy (LCD L33831, Policy Article A54563): informational"
SRC_ANATOMIC = (
    f"{CPM} ch. 12 §30.6 / NCCI policy manual: anatomic modifiers identify the site; no payment effect (informational)"
)
SIDE_NOTE = (
    "On a line alone. An LT and an RT line of one code in one encounter are one bilateral procedure, paid on one "
    "line, the one without 51, else the LT line, as the facility's full payment (CMS's RVU file documentation, "
    "bilateral surgery indicator, engine.policy.bilateral_pairs)."
)
SRC_CQ_CO = (
    "Social Security Act §1834(v) (Bipartisan Budget Act of 2018 §53107); CMS page 'Billing Examples Using CQ/CO "
    "Modifiers': '…make a reduced payment for occupational therapy and physical therapy services furnished in whole "
    "or in part by occupational therapy assistants (OTAs) and physical therapist assistants (PTAs) at 85 percent of "
    "the otherwise applicable Part B payment for the service effective January 1, 2022'; "
    f"{CPM} ch. 5 §20.1; CY2019/CY2020 PFS final rules (83 FR 59654-59660, 84 FR 62702-62707)"
)
SRC_FX = (
    "Consolidated Appropriations Act, 2016, Division O §502 (SSA §1848(b)(9)); CR 9727 (Transmittal R3676CP): "
    "from 2017 the technical component (and the TC of a global service) of an X-ray taken using film is reduced "
    "20% (modifier FX). Read via MAC copies (Premera, AAOS summary of CR 9727)."
)
SRC_FY = (
    "Consolidated Appropriations Act, 2016 §502; MLN Matters MM10188: computed radiography X-rays (modifier FY), "
    "reduction of the technical component (and the TC of the global fee): 7% for 2018-2022, 10% from 2023. "
    "Read via Palmetto GBA 'HCPCS Modifier FY' (published 01/25/2023) and Noridian JE 'FY'."
)
SRC_CT = (
    "PAMA 2014 §218(a); CMS 'CT Modifier Reduction List' page: '…reducing payment for the technical component "
    "(and the technical component of the global fee) of the Physician Fee Schedule service by 15 percent in 2017 "
    "and subsequent years' (5% in 2016; MLN MM9250)"
)
SRC_ASC_TERMINATED = (
    f"{CPM} ch. 14 §40.4 (Payment for Terminated Procedures), as restated by Novitas JH and Palmetto GBA: terminated "
    "after the patient is taken to the room but before anesthesia (73): 50 percent; after anesthesia or after the "
    "procedure started (74): full payment"
)
SRC_OPPS_TERMINATED = (
    f"{CPM} ch. 4 §20.6.4 (modifiers 52, 73, 74 in the OPPS, January 2012 OPPS update); OPPS Pricer discounting "
    "formulas (CMS data dictionary REV_CNTR_DSCNT_IND_CD): 3 = T/U, 6 = TD/U with T (terminated procedure discount) "
    "= 0.5 and D (multiple-procedure discount) = 0.5"
)
SRC_ASC_BILATERAL = (
    f"{CPM} ch. 14 §40.5 (CR 5680), as restated: 'A procedure performed bilaterally in one operative session should "
    'be reported as two procedures, either as a single unit on two separate lines or with "2" in the units field '
    "on one line. The multiple procedure reduction of 50 percent applies to all bilateral procedures subject to "
    "multiple procedure discounting.'"
)
SRC_PN = (
    "Bipartisan Budget Act of 2015 §603; CY2017 PFS final rule (PFS relativity adjuster 50% of the OPPS rate), "
    "CY2018 PFS final rule (40%), kept at 40% in each later PFS rule (CY2019 rule: 'match the amount from calendar "
    "year 2018, which was 40 percent of the OPPS payment rate')"
)
SRC_PO = (
    f"{CPM} ch. 4 §20.6.11 (PO on every item and service of an excepted off-campus provider-based department); "
    "CY2019 OPPS final rule (clinic visit G0463 with PO paid at the PFS-equivalent rate, 40% of the OPPS rate from "
    "2020); CY2026 OPPS final rule (90 FR 53448): the PFS-equivalent rate extended to drug administration at "
    "excepted off-campus departments, rural sole community hospitals exempt (read via summaries of the rule)"
)
SRC_POLICY = f"RVU file documentation (payment-policy indicators); {CPM} ch. 12 §40 - implemented in engine.policy"
SRC_ANESTHESIA = f"{CPM} ch. 12 §50 - implemented in engine.policy"
SRC_ROW_PFS = "RVU file: CMS publishes separate rows for the professional (26), technical (TC) and 53 components"
# Waived tests CMS recognises without QW: "81002, 81025, 82270, 82272, 82962, 83026, 84830, 85013, and 85651 do not
# require a QW modifier to be recognized as a waived test" (CMS CR 11747, Transmittal R10048CP, July 2020, repeated in
# each later CLIA waived-tests CR). The CLFS has no QW row for them (26CLABQ2): QW on one is not needed, never a sign
# of a test that is not waived (a trial: 82962-QW was said "not a CLIA-waived test", a waiver lab's glucose test).
WAIVED_WITHOUT_QW = frozenset({"81002", "81025", "82270", "82272", "82962", "83026", "84830", "85013", "85651"})
SRC_DMEPOS_ROW = "DMEPOS fee schedule (DMEPOS26_JAN): the Mod / Mod2 columns select the row"
SRC_OXYGEN_FLOW = (
    f"42 CFR 414.226(e); {CPM} ch. 20 §30.6.1 (oxygen volume adjustments), as the DME MACs list the modifiers "
    '(Noridian JD DME, "Oxygen"): stationary oxygen codes only'
)
SRC_CAPPED_RENTAL = (
    f"{CPM} ch. 20 §30.5 (capped rental items), as restated by Noridian JD DME: months 1-3 at 10% of the purchase "
    "price, months 4-13 at 7.5% (power wheelchairs 15% and 6%): a KJ month is 75% of a KH/KI month (40% for power "
    "wheelchairs)"
)


PHYSICAL_STATUS_NOTE = (
    "Medicare pays no physical status units: the anesthesia payment is base plus time units (CPM ch. 12 §50, the MACs' "
    "anesthesia fact sheets call P1-P6 informational only). Some other payers add units for P3-P5."
)


# ESRD / dialysis modifiers (engine table, "ESRD / dialysis").
SRC_ESRD_CB = (
    "CMS 'ESRD PPS Consolidated Billing' page: 'When a provider other than an ESRD facility provides renal "
    "dialysis services to an ESRD beneficiary for reasons not related to the treatment of ESRD, the submitted claim "
    "must include the AY modifier to allow for separate payment'; Pub. 100-04 ch. 8 §10 (ESRD PPS and consolidated "
    "billing) and ch. 16 §40.6.1 (AY as an attestation that a lab test is not for the treatment of ESRD)"
)
SRC_AMCC = (
    "ESRD 50/50 rule for automated multi-channel chemistry (AMCC) tests, Pub. 100-04 ch. 16 §40.6.1 (Rev. 3116, "
    "read via a FindACode copy): the CD/CE/CF modifiers are no longer required of independent laboratories from "
    "2011-01-01, nor of ESRD facilities from 2015-04-01"
)
AMCC_NOTE = (
    "The ESRD 50/50 rule these modifiers served has ended (Pub. 100-04 ch. 16 §40.6.1): no effect on the amount."
)
SRC_ESA_PURPOSE = (
    "CMS CR 5699 (Transmittal 1413) / MLN Matters MM5699: non-ESRD ESA claims from 2008-01-01 carry one of EA, EB, EC "
    "(read via Palmetto GBA 'HCPCS Modifier EB'); NCD 110.21"
)
SRC_ESA_MONITORING = f"{CPM} ch. 8 §60.4.1 (ESA claims monitoring policy, ESRD facility claims)"
ESA_MONITORING_NOTE = (
    "Reported on the ESRD facility's ESA line for the ESA claims monitoring policy (Pub. 100-04 ch. 8 §60.4.1). The "
    "ESRD facility's bundled payment is not priced by rvucalc: no effect on the amount shown."
)
SRC_ESRD_ADEQUACY = f"{CPM} ch. 8 §50.9 (coding for adequacy of dialysis, vascular access and infection)"
ESRD_FACILITY_NOTE = (
    "Reported on the ESRD facility's dialysis line (Pub. 100-04 ch. 8 §50.9) for quality reporting: no effect on "
    "the amount."
)


SRC_FOOT_CARE = (
    "Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §290 (foot care: class findings); HCPCS descriptor: no "
    "payment effect"
)


# AT changes no amount, but a manipulation line without it is denied (chiropractic_denial): its source says so (a
# chiropractor's trial read `rvucalc modifiers AT` say "no payment rule attaches to it").
SRC_ACTIVE_TREATMENT = (
    "Medicare Benefit Policy Manual ch. 15 §240.1.3; MLN Matters SE1602: 98940-98942 without AT are denied as "
    "maintenance therapy; no effect on the amount"
)


SRC_KX = (
    "Social Security Act §1833(g)(7) (Bipartisan Budget Act of 2018 §50202), Claims Processing Manual ch. 5 §10, MLN "
    "Matters MM11055: on outpatient therapy above the year's KX modifier threshold, claims without KX are denied"
)
# A note is one part of batch's '; '-joined note column: no '; ' in them.
KX_NOTE = (
    "Modifier KX on outpatient therapy (GP, GO, GN lines): the provider attests that services above the year's KX "
    "modifier threshold (one amount for PT and SLP combined, another for OT, per patient per calendar year) are "
    "medically necessary as the medical record documents, and Medicare denies such a claim without it (Social "
    "Security Act §1833(g)(7)). rvucalc does not track the patient's year-to-date total: it does not change the amount."
)
# KX on a DMEPOS item is no therapy threshold: its HCPCS descriptor, "Requirements specified in the medical policy have
# been met", is the supplier's attestation that the coverage criteria of the item's DME MAC Local Coverage
# Determination are met and documented ("Use of the KX modifier indicates that the supplier has ensured coverage
# criteria for the DMEPOS billed is met and that documentation does exist to support the medical necessity of item",
# Noridian JD DME, "Modifier KX"), required only where the policy requires it (CMS Program Memorandum B-02-003, which
# introduced KX for DME claims from July 1, 2002), what it attests being each LCD's (the Glucose Monitors Policy
# Article A52464: KX for an insulin-treated patient, KS if not, as Noridian's "Glucose Monitor Modifiers" restates). It
# selects no DMEPOS fee row. A trial's E2103-NU-KX (a code the RVU file does not list) got no note on it at all.
DMEPOS_KX_NOTE = (
    "Modifier KX on a DMEPOS item (requirements specified in the medical policy have been met): the supplier attests "
    "that the coverage criteria of the item's DME MAC Local Coverage Determination are met and documented, where that "
    "policy requires KX (for glucose monitors, Policy Article A52464: an insulin-treated patient, KS if not). rvucalc "
    "does not check the policy: KX does not change the DMEPOS fee."
)
# AB: the CY 2023 PFS final rule lets an audiologist furnish certain non-acute hearing assessments without a physician's
# or NPP's order, once per patient per 12 months, billed with AB, on the codes of CR 13055's Appendix A (MLN Matters
# MM13055: "one visit to an audiologist without a physician or NPP order is permitted, per patient, once every 12
# months"; the codes "found in APPENDIX A"); assessments related to disequilibrium or hearing aids are outside it (the
# CR, as McKnight's restates it). CMS's Appendix A itself was not read here (only third parties' copies of it): the
# note says the list is not checked, rather than an invented one (a trial's 92540-AB and 92507-AB said nothing).
SRC_AB = (
    "CY 2023 PFS final rule (CMS-1770-F), CR 13055 / MLN Matters MM13055: non-acute hearing assessments without an "
    "order, once per 12 months, on the codes of the CR's Appendix A (not checked by rvucalc)"
)
SRC_BEHAVIORAL_PROGRAM = (
    "HCPCS Level II modifier (state Medicaid and behavioral health programs): no Medicare PFS, OPPS or ASC payment "
    "rule attaches to it"
)
BEHAVIORAL_PROGRAM_MODIFIERS = {
    "HA": "Child/adolescent program",
    "HB": "Adult program, non geriatric",
    "HC": "Adult program, geriatric",
    "HD": "Pregnant/parenting women's program",
    "HE": "Mental health program",
    "HF": "Substance abuse program",
    "HG": "Opioid addiction treatment program",
    "HH": "Integrated mental health/substance abuse program",
    "HI": "Integrated mental health and intellectual disability/developmental disabilities program",
    "HJ": "Employee assistance program",
    "HK": "Specialized mental health programs for high-risk populations",
    "HL": "Intern",
    "HM": "Less than bachelor degree level",
    "HN": "Bachelors degree level",
    "HO": "Masters degree level",
    "HP": "Doctoral level",
    "HQ": "Group setting",
    "HR": "Family/couple with client present",
    "HS": "Family/couple without client present",
    "HT": "Multi-disciplinary team",
    "HU": "Funded by child welfare agency",
    "HV": "Funded state addictions agency",
    "HW": "Funded by state mental health agency",
    "HX": "Funded by county/local agency",
    "HY": "Funded by juvenile justice agency",
    "HZ": "Funded by criminal justice agency",
}
# HCPCS's U modifiers of state Medicaid programs (the same HCPCS Level II modifier file, as OHDSI's HCPCS vocabulary
# lists it): U1-U9 and UA-UD "Medicaid level of care 1 [... 13], as defined by each state", UF-UH and UJ the time of
# day ("Services provided in the morning", afternoon, evening, at night) and UK "Services provided on behalf of the
# client to someone other than the client (collateral relationship)". Behavioral health exports that bill Medicaid
# and Medicare alike carry them: a Seattle behavioral health trial's 90791-U4 was refused as an unknown modifier
# (bad_modifier) and lost the row. Medicare's PFS uses none of them: informational, as the H modifiers.
BEHAVIORAL_PROGRAM_MODIFIERS.update({f"U{number}": f"Medicaid level of care {number}, as defined by each state"
                                     for number in range(1, 10)})  # fmt: skip
BEHAVIORAL_PROGRAM_MODIFIERS.update({f"U{letter}": f"Medicaid level of care {level}, as defined by each state"
                                     for level, letter in enumerate("ABCD", start=10)})  # fmt: skip
BEHAVIORAL_PROGRAM_MODIFIERS.update({
    "UF": "Services provided in the morning",
    "UG": "Services provided in the afternoon",
    "UH": "Services provided in the evening",
    "UJ": "Services provided at night",
    "UK": "Services provided on behalf of the client to someone other than the client (collateral relationship)",
})  # fmt: skip
BEHAVIORAL_PROGRAM_NOTE = (
    "A HCPCS modifier of state Medicaid and behavioral health programs (the program, the practitioner's degree, the "
    "setting, the funding agency, a state's Medicaid level of care or the time of day): Medicare's PFS does not use "
    "it. The amount is unchanged, and the practitioner is read from the provider column or --provider, not from it."
)
AB_NOTE = (
    "Modifier AB (audiologist, no physician/NPP order): CMS allows it once per patient per 12 months, for non-acute "
    "hearing assessments on the codes of CR 13055's Appendix A (MLN Matters MM13055), which rvucalc does not check: "
    "a service related to disequilibrium (vestibular tests) or hearing aids needs an order. It does not change the "
    "amount."
)


# Modifier 33 ("Preventive services") was made for the ACA's no-cost-sharing rule of commercial plans (CPT Assistant,
# December 2010); Medicare waives a preventive service's deductible and coinsurance by its code (CMS's preventive
# services chart, MLN006559; Claims Processing Manual ch. 18 §60 for colorectal cancer screening), and asks for 33
# only where no code of its own says the service is preventive: advance care planning 99497/99498 with the annual
# wellness visit (CR 9271, MLN Matters MM9271) and moderate sedation G0500/99153 with a screening colonoscopy (CR
# 10075): ``engine.preventive``. A screening colonoscopy is G0105 (high risk) or G0121, with KX when it follows a
# positive stool-based test (82270, G0328, 81528; CR 12656 / MLN Matters MM12656, as First Coast's "Colorectal cancer
# screening" page restates it: "Report the KX modifier when CRC screening tests include a screening colonoscopy
# (HCPCS codes G0105, G0121) after a non-invasive stool-based test"), a screening flexible sigmoidoscopy G0104, and
# one that became diagnostic or therapeutic the CPT code with PT (MM12656: deductible waived, coinsurance 15% in
# 2023-2026). NGS Medicare ("Anesthesia Furnished in Conjunction with Colonoscopy (Modifier 33 Versus Modifier PT)")
# and the GI societies' coding guidance alike: 33 on the colonoscopy CPT code is the commercial and Medicaid plans'
# way, "For Medicare ... use the appropriate HCPCS codes G0105 or G0121 with the KX modifier", "the appropriate CPT
# code ... and add modifier PT". A GI trial's 45378-33 said "informational" while the patient paid 20%: on a
# colonoscopy or sigmoidoscopy CPT code (``COLORECTAL_33_RANGES``: through a stoma 44388-44408, flexible
# sigmoidoscopy 45330-45350, colonoscopy 45378-45398, as ``engine.preventive.PT_ENDOSCOPY_RANGES``) the note says
# what Medicare does. The amount and the cost sharing stay the code's. ``rvucalc modifiers 33`` shows
# ``PREVENTIVE_33_NOTE``; a line of another code keeps the informational note.
PREVENTIVE_33_NOTE = (
    "No effect on the amount. Medicare waives a preventive service's cost sharing by its code (MLN006559), not by 33: "
    "it counts 33 only on advance care planning 99497/99498 with the annual wellness visit and on moderate sedation "
    "G0500/99153 with a screening colonoscopy (see engine.preventive). On a colonoscopy or sigmoidoscopy CPT code "
    "(44388-44408, 45330-45350, 45378-45398) it waives nothing: Medicare's screening is G0105/G0121 (KX after a "
    "positive stool-based test) or G0104, and a screening turned diagnostic or therapeutic is the CPT code with PT "
    "(MLN Matters MM12656)."
)
COLORECTAL_33_RANGES = ((44388, 44408), (45330, 45350), (45378, 45398))
_SIGMOIDOSCOPY = (45330, 45350)
# A note is one part of batch's '; '-joined note column: no '; ' in them.
COLORECTAL_33_NOTE = (
    "Modifier 33 on {code}: Medicare does not waive cost sharing for 33 on a {what} CPT code, as commercial and "
    "Medicaid plans do under the ACA (Claims Processing Manual ch. 18 §60, MLN Matters MM12656). {instead}. Priced as "
    "billed: the amount is unchanged, with the usual deductible and 20% coinsurance."
)
COLORECTAL_33_PT_NOTE = (
    "Modifier 33 on {code}-PT: Medicare's screening-turned-diagnostic cost sharing (deductible waived, reduced "
    "coinsurance) comes from PT (MLN Matters MM12656), not from 33, a commercial and Medicaid plans' ACA marker that "
    "changes nothing here."
)


def colorectal_33_note(code: str, modifiers: Iterable[str]) -> str | None:
    """The note of modifier 33 on a colonoscopy or sigmoidoscopy CPT code (``COLORECTAL_33_RANGES``), in place of the
    informational one; None on another code or without 33."""
    mods = set(modifiers)
    number = int(code) if "33" in mods and code.isdigit() and len(code) == 5 else None
    if number is None or not any(low <= number <= high for low, high in COLORECTAL_33_RANGES):
        return None
    if "PT" in mods:
        return COLORECTAL_33_PT_NOTE.format(code=code)
    if _SIGMOIDOSCOPY[0] <= number <= _SIGMOIDOSCOPY[1]:
        what = "sigmoidoscopy"
        instead = (
            "Bill a screening flexible sigmoidoscopy as G0104 (no deductible or coinsurance), or, when the screening "
            f"became diagnostic or therapeutic, {code} with PT (deductible waived, reduced coinsurance)"
        )
    else:
        what = "colonoscopy"
        instead = (
            "Bill a screening colonoscopy as G0105 (high risk) or G0121, with KX after a positive stool-based test "
            f"(no deductible or coinsurance), or, when the screening became diagnostic or therapeutic, {code} with PT "
            "(deductible waived, reduced coinsurance)"
        )
    return COLORECTAL_33_NOTE.format(code=code, what=what, instead=instead)


# SA ("Nurse practitioner rendering service in collaboration with a physician") is a HCPCS modifier of Medicaid and
# commercial plans (an NP's service billed under the physician's number: Medi-Cal, UnitedHealthcare's 2017 bulletin,
# as AAPC's coding alerts restate them, "Medicare does not recognize the SA modifier"). Medicare pays by who rendered
# and billed the service: an NP's own service 85% of the PFS amount (SSA §1833(a)(1)(O), 42 CFR 414.52; Claims
# Processing Manual ch. 12 §120), and under the physician's number only as incident-to, which is the physician's
# office's or the patient's home's ("services ... furnished incident to physician professional services in the
# physician's office ... or in a patient's home": Benefit Policy Manual ch. 15 §60.1, §60.2; NGS Medicare, "Split/Shared
# and Incident To Services": "Incident to services are permissible only in the office environment"). In a hospital
# (inpatient, outpatient, emergency department: POS 19, 21, 22, 23) or SNF, incident-to payment is prohibited, and an
# E/M visit a physician and an NP of one group share is a split (or shared) visit, billed with FS by the one who did its
# substantive portion (Claims Processing Manual ch. 12 §30.6.18; CY2022 PFS final rule; First Coast, "Split or shared
# E/M guidelines": "Facility setting means an institutional setting in which payment for services and supplies
# furnished incident to a physician or practitioner's professional services is prohibited"). An ED trial's 99285-SA at
# POS 21 was priced as a physician's line with "SA is informational". The amount stays as billed; the note says how
# Medicare would pay it. Price and batch alike (``MODIFIER_LINE_NOTES``, ``lookup.lines``), ``rvucalc modifiers SA``.
SA_NOTE = (
    "Modifier SA (an NP in collaboration with a physician) is a Medicaid and commercial plans' modifier: Medicare does "
    "not pay by it but by the practitioner who rendered the service. An NP billing under their own number is paid 85% "
    "of the PFS amount (--provider np, or NP in batch's provider column: SSA §1833(a)(1)(O)). Billing the NP's service "
    "under the physician's number (incident-to, 100%) is allowed only in the physician's office or the patient's home, "
    "never in a hospital (inpatient, outpatient, emergency department: POS 19, 21, 22, 23) or SNF (Benefit Policy "
    "Manual ch. 15 §60), where a visit the physician and the NP share is a split (or shared) visit, billed with FS by "
    "the one who did its substantive portion (Claims Processing Manual ch. 12 §30.6.18). The amount is unchanged."
)
# Q5 and Q6, a substitute's service billed by the absent regular practitioner (Claims Processing Manual ch. 1 §30.2.10,
# reciprocal billing; §30.2.11, fee-for-time compensation, formerly locum tenens; as Palmetto GBA's "HCPCS Modifier Q5"
# and "Fee-For-Time Compensation Arrangements" and NGS's reciprocal billing and fee-for-time Q&As restate them): the
# regular physician submits the claim under their own NPI and "bill[s] and receive[s] payment for the substitute
# physician's services as though he or she performed them", so the amount is the regular physician's fee schedule
# amount at the place the service was furnished, unchanged by the modifier; the substitute may not furnish the
# services over a continuous period longer than 60 days (longer only for a regular physician called to active duty
# in the Armed Forces). From 2017-06-13 (21st Century Cures Act §16006) a physical therapist in a HPSA, medically
# underserved area or rural area may use both arrangements for outpatient physical therapy; no other practitioner's
# (an NP's, PA's ...) own line is such a claim. A locums trial's 99214-Q6 and 99213-Q5 read "Modifier Q6/Q5 is
# informational" alone, where the biller asked who is paid and at whose rate. Notes only: amounts unchanged.
_SUBSTITUTE_RULE = (
    "the absent regular physician bills the substitute's service under their own NPI and is paid as though they "
    "furnished it: the amount is the regular physician's fee schedule amount at the place of service, unchanged by "
    "the modifier. The substitute may furnish the services for at most 60 continuous days (longer only when the "
    "regular physician is called to active duty in the Armed Forces). Only physicians, and from 2017-06-13 physical "
    "therapists in a HPSA, medically underserved or rural area (21st Century Cures Act §16006), may bill it: not an "
    "NP's, PA's or other practitioner's own line"
)
Q5_NOTE = f"Modifier Q5 (reciprocal billing arrangement): {_SUBSTITUTE_RULE} (Claims Processing Manual ch. 1 §30.2.10)."
Q6_NOTE = (
    "Modifier Q6 (fee-for-time compensation arrangement, formerly locum tenens): "
    f"{_SUBSTITUTE_RULE} (Claims Processing Manual ch. 1 §30.2.11)."
)
# CS, COVID-19 testing-related services with cost sharing waived: the waiver (Families First Coronavirus Response Act
# §6002, SSA §1833(cc)) held during the COVID-19 public health emergency, which ended on 2023-05-11, before any release
# rvucalc installs (2025 on). A locums trial's 99213-CS (2025-12) read "Modifier CS is informational" beside a 20%
# patient share, the table's "the waiver ended" note unsaid on the line. Note only: the patient's share as shown.
CS_NOTE = (
    "Modifier CS (COVID-19 testing-related service, cost sharing waived) no longer waives anything: the waiver held "
    "during the COVID-19 public health emergency, which ended on 2023-05-11, so the line's usual cost sharing "
    "applies, as shown (none on a clinical lab test). It does not change the amount."
)
# GT ("via interactive audio and video telecommunication systems"): CMS ended it on professional claims (CY2018 PFS
# final rule, CR 10152: the telehealth POS 02 "certifies that the service meets the telehealth requirements"), and from
# 2018-10-01 it is used only on a critical access hospital's institutional claim for a distant site practitioner's
# service billed under the optional (Method II) payment method, bill type 85x (CR 10583, MLN Matters MM10583; NGS
# Medicare, "GT Modifier"), a bill rvucalc refuses (reasonable cost). A locums trial's 99213-GT at POS 02 read only
# "Modifier GT is informational". Note only: the line is priced by its place of service, as before.
GT_NOTE = (
    "Modifier GT (interactive audio and video) is no Medicare modifier for a practitioner's claim: since 2018-10-01 it "
    "is used only on a critical access hospital's Method II institutional claim (bill type 85x) for a distant site "
    "practitioner's service (CR 10583). A practitioner's telehealth line is identified by its place of service, 02 or "
    "10 (with 95, or 93 for audio-only, where CMS asks for them), which sets the rate. It does not change the amount."
)
# AR (physician providing services in a physician scarcity area) claimed the 5% PSA bonus of SSA §1833(u) (MMA §413(a))
# where the ZIP was not on CMS's automatic-payment list: the bonus was paid quarterly, apart from the fee schedule
# amount, on services furnished from 2005-01-01 through 2008-06-30 alone, and was not extended (CMS's archived "PSA"
# page, HPSAPSAPhysicianBonuses: "Services are eligible to receive the PSA bonus for dates of service January 1, 2005
# through June 30, 2008"). A frontier clinic trial's 99213-AR (an old chargemaster's) was refused as an unknown
# modifier, "Did you mean RA or UR or UA?", its claim line unpriced. Like AZ (its incentive ended too, payment-rules.md
# §6): accepted, the amount as billed, with this note.
AR_NOTE = (
    "Modifier AR (physician scarcity area) earns no bonus: Medicare's 5% physician scarcity area bonus was paid, apart "
    "from the fee schedule amount, for services furnished from 2005-01-01 through 2008-06-30 only (SSA §1833(u), "
    "CMS's PSA page). A physician's HPSA bonus is claimed with AQ. It does not change the amount."
)
# GF (non-physician services in a critical access hospital): the modifier a CAH under the optional method (Method II)
# puts on its institutional claim (bill type 85x, revenue codes 096x-098x) for an NP's, CNS's or PA's professional
# service, which the MAC pays 115% of the fee schedule amount at the practitioner's 85% (Claims Processing Manual, Pub.
# 100-04, ch. 4 §250.2; not for a CRNA's services), a bill rvucalc refuses (reasonable cost, ``place_of_service``'s
# 85x advice). A geriatrics trial's 99213-GF at POS 22 (a CAH's clinic, Montana) read only "Modifier GF is
# informational" beside a physician's 100% amount: on the practitioner's own claim GF pays nothing different, the
# provider's type does (--provider np, a provider column). Note only: the line is priced as before.
GF_NOTE = (
    "Modifier GF (an NP's, CNS's or PA's service in a critical access hospital) belongs on a CAH's Method II "
    "institutional claim (bill type 85x), which the MAC pays 115% of the fee schedule amount at the practitioner's 85% "
    "(Claims Processing Manual ch. 4 §250.2) and rvucalc does not price. On the practitioner's own claim the 85% comes "
    "from the practitioner's type (--provider np, pa or cns, or a provider column), not from GF. It does not change "
    "the amount."
)
# CG (policy criteria applied) on an RHC's claim: from 2016 the clinic reports CG on one line a day, revenue code 052x
# or 0900, with the HCPCS code of the visit's primary reason and the bundled charges; the line stands for the visit
# paid the all-inclusive rate, its coinsurance and deductible from the charges on it, the other lines informational
# (MLN Matters SE1611, as Palmetto GBA's "RHC Reporting Requirements - FAQs" and Noridian restate it). An FQHC/RHC
# trial's 99213-CG at POS 72 read only "Modifier CG is informational", beside the PFS amount. Note only: the line is
# priced as before (POS 72's note says the clinic's visit is not paid the PFS amount).
CG_NOTE = (
    "Modifier CG (policy criteria applied): on a rural health clinic's claim (type of bill 71x) it marks the one line "
    "a day, revenue code 052x or 0900, that stands for the visit paid the clinic's all-inclusive rate, coinsurance "
    "taken from that line's charges (MLN Matters SE1611). It does not change the PFS amount."
)
# CG on a DMEPOS item is no RHC visit line: its HCPCS descriptor, "Policy criteria applied", is the supplier's statement
# that a DME MAC policy's criteria for it are met, where the policy asks for CG: "Only when all of the CGM coverage
# requirements (1-5) in the Glucose Monitors Local Coverage Determination (LCD) are satisfied may the CG modifier be
# applied to the claim line for CGM devices (code E2103) and the supply allowance (code A4239)" (Noridian JD DME,
# "Glucose Monitor Modifiers: CG, KF, KS and KX", restating Policy Article A52464; E2102 and A4238 likewise, with the
# External Infusion Pumps LCD's pump criteria). It selects no DMEPOS fee row. A DME supplier trial's A4239-KX-CG (an
# RVU file code, status P) read CG_NOTE, the RHC's visit line, and its E2103-NU-KX-CG nothing.
DMEPOS_CG_NOTE = (
    "Modifier CG on a DMEPOS item (policy criteria applied): the supplier states that the DME MAC policy's criteria "
    "for the item are met, where that policy requires CG (for CGMs, E2103 and E2102 and their supply allowances A4239 "
    "and A4238, the Glucose Monitors LCD's CGM coverage criteria: Policy Article A52464). rvucalc does not check the "
    "policy: CG does not change the DMEPOS fee."
)
# KS on a glucose monitor supply, its HCPCS descriptor "Glucose monitor supply for diabetic beneficiary not treated
# with insulin", is KX's counterpart there (DMEPOS_KX_NOTE): the Glucose Monitors policy (LCD L33822, Policy Article
# A52464) covers a patient not treated with insulin "up to 100 test strips and up to 100 lancets every 3 months", an
# insulin-treated one up to 300 (Noridian JA DME, "Coverage Reminder - Requirements for High Utilization of Glucose
# Monitor Strips and Lancets", restating the LCD; First Coast's table: non-insulin treated "Up to 100 per 3 months",
# once a day), more only where the record documents the need; for KS lines, A4253 (per 50 strips) 2 units and A4259
# (per 100 lancets) 1 unit in 90 days (Cigna Government Services, "Glucose Monitor Supplies - Notification of Prepayment
# Review"). It selects no DMEPOS fee row. A DME supplier's A4253-NU-KS read only "Modifier KS is informational" where
# A4253-NU-KX had the policy's note.
# The glucose monitor policy's items (Policy Article A52464's HCPCS list: monitors, CGM receivers and supply
# allowances, strips, lancets and their devices, calibrator solution, batteries): KS means something on these alone (a
# review: E0260-RR-KS, a hospital bed, said "Modifier KS on a glucose monitor supply").
GLUCOSE_MONITOR_ITEMS = frozenset({
    "A4233", "A4234", "A4235", "A4236", "A4238", "A4239", "A4253", "A4255", "A4256", "A4257", "A4258", "A4259",
    "E0607", "E2100", "E2101", "E2102", "E2103",
})  # fmt: skip
DMEPOS_KS_NOTE = (
    "Modifier KS on a glucose monitor supply (a patient not treated with insulin): the Glucose Monitors policy "
    "(Policy Article A52464) covers up to 100 test strips and 100 lancets every 3 months for such a patient (A4253 x "
    "2, A4259 x 1), 300 if insulin-treated (KX), more only where the record documents the need. rvucalc does not "
    "check the quantity: KS does not change the DMEPOS fee."
)
# GW, a hospice patient's service not related to the terminal condition: "Any covered Medicare services not related to
# the treatment of the terminal condition for which hospice care was elected, and which are furnished during a hospice
# election period, may be billed by the rendering provider to the ... carrier for non-hospice Medicare payment. These
# services are coded with the GW modifier ... Contractors process services coded with the GW modifier ... in the normal
# manner for coverage and payment determinations" (Claims Processing Manual ch. 11 §50, as its text is quoted on a
# billing forum; Palmetto GBA, "HCPCS Modifier GW", citing ch. 11 §40.1.3: "All providers must submit this modifier when
# this condition applies"; WPS, "Billing with the GW Modifier": a service related to the terminal illness is billed to
# the hospice, the attending physician's excepted, and contractors may review the modifier's use). A hospice and
# palliative group's trial: 99310-GW and 99490-GW read "Modifier GW is informational", where GV's line says whose it is
# (GV_NOTE). Notes only: amounts unchanged. No "; " in it: batch's note column joins a row's notes with "; ". "In
# the normal manner": the line's own cost sharing, which is none on a lab test (CLFS) or a preventive service with its
# waiver (a review: G0439-GW and 36415-GW read "deductible and coinsurance included" beside "Medicare waives the
# deductible and coinsurance" and a lab's none), as the CS note says "the line's usual cost sharing".
GW_NOTE = (
    "Modifier GW (a hospice patient's service not related to the terminal condition) does not change the amount: Part "
    "B pays it as any other service, with the line's usual cost sharing (Claims Processing Manual ch. 11 §50). A "
    "service related to the terminal condition is the hospice's, the attending physician's excepted (GV)."
)
# The notes that replace a modifier's "informational" one on any line (``lookup.lines``' ``_no_pfs_effect_note``).
MODIFIER_LINE_NOTES = {
    "GW": GW_NOTE,
    "SA": SA_NOTE,
    "Q5": Q5_NOTE,
    "Q6": Q6_NOTE,
    "CS": CS_NOTE,
    "GT": GT_NOTE,
    "GF": GF_NOTE,
    "AR": AR_NOTE,
    "CG": CG_NOTE,
    "Q3": Q3_NOTE,  # the patient's share it waives: engine.preventive.waiver
}
# GE, a resident's service without the teaching physician's presence under the primary care exception (42 CFR
# 415.174; Claims Processing Manual ch. 12 §100.1.1.C): the exception is for certain lower-level services furnished in
# a qualifying outpatient center, the office/outpatient visits 99202-99203 and 99211-99213 with G0402, G0438, G0439 and
# a few others (the list as the manual's restatements give it: USC's compliance standard DC-323, AAPC's "Medicare
# Primary Care Center Exception Update"); its expansion to all office visit levels lasted the COVID-19 public health
# emergency, to May 2023 (Fuest et al., "The Primary Care Exception During and After a Public Health Emergency", Fam
# Med 2026), before any release rvucalc installs (2025 on). Elsewhere the teaching physician is paid only when present
# for the key portion of the service (42 CFR 415.172(a)), which GC reports. A faculty practice trial's 99215-GE read
# "Modifier GE is informational". Said on the codes plainly outside it, office/outpatient levels 4 and 5 and the
# hospital inpatient, observation, emergency department and critical care codes (not an unlisted judgement of others);
# the amount as billed. A procedure (a CPT code outside the E/M section 99202-99499: 20610's joint injection) is never
# within it: the exception is for "certain evaluation and management codes of lower and mid-level complexity" (42 CFR
# 415.174(a)), and a surgical or other procedure's teaching physician is paid only when present for its key portion
# (42 CFR 415.172(a); Claims Processing Manual ch. 12 §100.1.2; AAPC's "Medicare Primary Care Center Exception Update":
# the exception's list holds E/M visits and G0402, G0438, G0439 only). A faculty practice trial's 20610-GE-RT at POS 22
# read "Modifier GE is informational". HCPCS G codes and E/M codes not named above are left unjudged.
GE_OUTSIDE_OFFICE = frozenset({"99204", "99205", "99214", "99215"})
GE_OUTSIDE_HOSPITAL = frozenset(
    {*(str(code) for code in range(99221, 99240)), *(str(code) for code in range(99281, 99286)), "99291", "99292"}
)
PRIMARY_CARE_EXCEPTION_NOTE = (
    "Modifier GE (a resident's service without the teaching physician present, the primary care exception) on {code}: "
    "the exception covers certain lower-level services in a qualifying outpatient center (office/outpatient visits "
    "99202-99203 and 99211-99213, G0402, G0438, G0439 and a few others: 42 CFR 415.174, Claims Processing Manual ch. "
    "12 §100.1.1.C), not {what}. Otherwise the teaching physician is paid only when present for the key portion of "
    "the service (42 CFR 415.172(a)), reported with GC. Priced as billed."
)


def primary_care_exception_note(code: str, modifiers: Iterable[str]) -> str | None:
    """The note of GE on a code plainly outside the primary care exception (``GE_OUTSIDE_OFFICE``,
    ``GE_OUTSIDE_HOSPITAL``, a CPT code outside the E/M section 99202-99499), or None."""
    if "GE" not in set(modifiers):
        return None
    if code in GE_OUTSIDE_OFFICE:
        what = "a level 4 or 5 office/outpatient visit"
    elif code in GE_OUTSIDE_HOSPITAL:
        what = "hospital inpatient, observation, emergency department or critical care services"
    elif len(code) == 5 and code.isdigit() and not _E_M_RANGE[0] <= code <= _E_M_RANGE[1]:
        what = "a procedure or other service outside the E/M visits"
    else:
        return None
    return PRIMARY_CARE_EXCEPTION_NOTE.format(code=code, what=what)


# FS marks a split (or shared) visit: an E/M visit in a facility setting that a physician and an NPP of one group both
# furnish, billed by the one who did its substantive portion (42 CFR 415.140; Claims Processing Manual ch. 12
# §30.6.18; CY2022 PFS final rule, which let critical care 99291/99292 be split or shared too). It is no procedure's
# modifier: a procedure is billed by the practitioner who performed it. An emergency medicine trial's 12032-FS at POS 23
# read only "Modifier FS is informational". Said on a CPT code outside the E/M range 99202-99499 (a HCPCS G code, a
# Category II or III code left alone: G0316 is a prolonged visit); the amount is the line's as billed. No "; " in it
# (batch joins a row's notes with "; ").
_E_M_RANGE = ("99202", "99499")
SPLIT_SHARED_PROCEDURE_NOTE = (
    "Modifier FS marks a split (or shared) E/M visit (critical care included) in a facility setting, billed by the "
    "physician or NPP who did its substantive portion (42 CFR 415.140, Claims Processing Manual ch. 12 §30.6.18): "
    "{code} is not an E/M visit, so it is not split or shared, and is billed by the practitioner who performed it "
    "(an NP's or PA's own line is paid 85%). The amount is unchanged."
)


def split_shared_procedure_note(code: str, modifiers: Iterable[str]) -> str | None:
    """The note of FS on a CPT code outside the E/M visits (``SPLIT_SHARED_PROCEDURE_NOTE``), or None."""
    if "FS" not in set(modifiers) or not (len(code) == 5 and code.isdigit()):
        return None
    if _E_M_RANGE[0] <= code <= _E_M_RANGE[1]:
        return None
    return SPLIT_SHARED_PROCEDURE_NOTE.format(code=code)


# FS on an E/M visit (a CPT code of 99202-99499): the visit is billed by the physician or NPP who did its substantive
# portion (42 CFR 415.140; Claims Processing Manual ch. 12 §30.6.18), and paid as that practitioner's service: the PFS
# amount if a physician, 85% of it if an NP or PA (42 CFR 414.56, 414.52; SSA §1833(a)(1)(O)). FS identifies the visit
# as split or shared and changes no amount: the billing practitioner does (--provider, batch's provider column). A
# hospitalist trial's 99233-FS at POS 21 read only "Modifier FS is informational". Said in place of that note, price
# and batch alike; the amount is the line's as billed. No "; " in it (batch joins a row's notes with "; ").
SPLIT_SHARED_VISIT_NOTE = (
    "Modifier FS (a split or shared visit): the visit is billed by the physician or NPP who did its substantive "
    "portion (42 CFR 415.140, Claims Processing Manual ch. 12 §30.6.18) and paid as that practitioner's, 100% of the "
    "PFS amount if a physician, 85% if an NP or PA (--provider np or pa, or NP or PA in batch's provider column). The "
    "amount follows the billing practitioner, not FS."
)


def split_shared_visit_note(code: str, modifiers: Iterable[str]) -> str | None:
    """The note of FS on a CPT code of the E/M visits 99202-99499 (``SPLIT_SHARED_VISIT_NOTE``), or None."""
    if "FS" not in set(modifiers) or not (len(code) == 5 and code.isdigit()):
        return None
    if not _E_M_RANGE[0] <= code <= _E_M_RANGE[1]:
        return None
    return SPLIT_SHARED_VISIT_NOTE


# 24 and 57 are E/M visits' modifiers: 24 an E/M unrelated to the surgery in its postoperative period, 57 the E/M
# that decided on a major (090) procedure, the day of or the day before it (Claims Processing Manual ch. 12
# §30.6.6.C). The MAC's words (Palmetto GBA, "CPT Modifier 24" and "CPT Modifier 57"): "This modifier may only be
# submitted with E/M and eye exam codes". On a procedure's line they change nothing: a general surgery trial's
# 44970-24 and 44970-57 read "Modifier 24 is informational". A procedure in another's postoperative period carries
# 58, 78 or 79 (ch. 12 §40.2.A). Said on a CPT code (five digits) outside the E/M section 99202-99499 and the eye
# exams 92002-92014 (engine.visits.EYE_EXAMS); the amount is the line's as billed. No "; " in it (batch joins notes).
_VISIT_ONLY_EYE_EXAMS = frozenset({"92002", "92004", "92012", "92014"})
VISIT_MODIFIER_ON_PROCEDURE_NOTES = {
    "24": (
        "Modifier 24 (an unrelated E/M visit during a postoperative period) goes on an E/M visit or eye exam code only "
        "(Palmetto GBA, 'CPT Modifier 24'): on {code}, no E/M visit, it changes nothing, and a procedure in another "
        "procedure's postoperative period is billed with 58, 78 or 79 (Claims Processing Manual ch. 12 §40.2.A). The "
        "amount is unchanged."
    ),
    "57": (
        "Modifier 57 (decision for surgery) goes on the E/M visit that decided on a major (090) procedure, the day of "
        "or before it (Claims Processing Manual ch. 12 §30.6.6.C), an E/M visit or eye exam code only (Palmetto GBA, "
        "'CPT Modifier 57'): on {code}, no E/M visit, it changes nothing. The amount is unchanged."
    ),
}


def visit_modifier_on_procedure_notes(code: str, modifiers: Iterable[str]) -> dict[str, str]:
    """Per modifier 24 or 57 on a CPT code that is no E/M visit or eye exam, its note
    (``VISIT_MODIFIER_ON_PROCEDURE_NOTES``); empty otherwise."""
    said = set(modifiers).intersection(VISIT_MODIFIER_ON_PROCEDURE_NOTES)
    if not said or not (len(code) == 5 and code.isdigit()) or code in _VISIT_ONLY_EYE_EXAMS:
        return {}
    if _E_M_RANGE[0] <= code <= _E_M_RANGE[1]:
        return {}
    return {modifier: VISIT_MODIFIER_ON_PROCEDURE_NOTES[modifier].format(code=code) for modifier in sorted(said)}


# Transcatheter aortic valve replacement (TAVR) is covered under coverage with evidence development (NCD 20.32): MLN
# Matters MM8255 (CR 8255, Transmittal R2737CP, Claims Processing Manual ch. 32 §290): claims for TAVR (33361-33365 and
# 0318T, the transapical approach, which CPT made 33366 from January 1, 2014, as Edwards' 2014 billing guide lists it)
# "must have the CT registry number, a Q0 modifier, and a secondary" diagnosis (Z00.6 under ICD-10), the 8-digit
# clinical trial number in item 19 (837P loop 2300 REF01=P4); a claim without them is returned as unprocessable
# (MM8255, as AAPC's Cardiology Coding Alert restates it). The add-ons 33367-33369 (bypass support) are not among them.
# Q0 changes no amount: its note says what else the claim needs, and a TAVR line without Q0 is noted. A cardiothoracic
# trial's 33361-62 without Q0 said nothing, and 33361-62-Q0 only "Modifier Q0 is informational". Only the note of the
# line without Q0 says " as unprocessable" (batch.lines.UNPROCESSABLE_NOTE): batch counts that line, not the Q0 one.
TAVR_CODES = frozenset({"33361", "33362", "33363", "33364", "33365", "33366"})
_TAVR_CLAIM = (
    "the secondary diagnosis Z00.6 and the approved registry's 8-digit clinical trial number (item 19, or the 837P's "
    "loop 2300 REF P4) (MLN Matters MM8255, Claims Processing Manual ch. 32 §290)"
)
TAVR_Q0_NOTE = (
    "Q0 marks {code}, transcatheter aortic valve replacement, as covered under coverage with evidence development "
    "(NCD 20.32): the claim also needs " + _TAVR_CLAIM + ", else Medicare returns the claim unprocessed. The amount is "
    "unchanged."
)
TAVR_WITHOUT_Q0_NOTE = (
    "{code} is transcatheter aortic valve replacement, covered only under coverage with evidence development (NCD "
    "20.32): Medicare returns the claim as unprocessable without modifier Q0 on this line, "
    + _TAVR_CLAIM
    + ". Priced as given."
)


def tavr_without_q0_notes(code: str, modifiers: Iterable[str]) -> tuple[str, ...]:
    """A TAVR line (``TAVR_CODES``) without Q0: what its claim needs (``TAVR_WITHOUT_Q0_NOTE``); () otherwise."""
    if code not in TAVR_CODES or "Q0" in modifiers:
        return ()
    return (TAVR_WITHOUT_Q0_NOTE.format(code=code),)


# AI, principal physician of record: "The principal physician of record shall append modifier '-AI' ... in addition
# to the initial visit code", its "primary purpose ... to identify the principal physician of record on the initial
# hospital and nursing home visit codes"; "It is not necessary to reject claims that include the '-AI' modifier on
# codes other than the initial hospital and nursing home visit codes (i.e., subsequent care codes or outpatient codes)"
# (Claims Processing Manual ch. 12 §30.6.9.1, as CMS's text is quoted by medical-coding-carers and justmypassion.com;
# CGS, "'Principal Physician of Record': HCPCS Modifier AI", 2013: "particularly important ... with initial hospital and
# nursing home visits"). The initial visit codes: initial hospital inpatient or observation care 99221-99223 and
# initial nursing facility care 99304-99306. A hospitalist trial's 99233-AI read only "Modifier AI is informational".
# Said on any other code; the amount is the line's as billed (AI pays nothing more). No "; " in it (batch joins notes).
AI_INITIAL_VISITS = frozenset({"99221", "99222", "99223", "99304", "99305", "99306"})
PRINCIPAL_PHYSICIAN_NOTE = (
    "Modifier AI (principal physician of record) identifies the admitting or attending practitioner on the initial "
    "visit: 'The principal physician of record shall append modifier -AI ... in addition to the initial visit code' "
    "(Claims Processing Manual ch. 12 §30.6.9.1), initial hospital inpatient or observation care 99221-99223 or "
    "initial nursing facility care 99304-99306. {code} is no initial visit: AI on it is not rejected but identifies "
    "nothing. The amount is unchanged."
)


def principal_physician_note(code: str, modifiers: Iterable[str]) -> str | None:
    """The note of AI on a code other than an initial hospital or nursing facility visit (``AI_INITIAL_VISITS``), or
    None."""
    if "AI" not in set(modifiers) or code in AI_INITIAL_VISITS:
        return None
    return PRINCIPAL_PHYSICIAN_NOTE.format(code=code)


# The modifiers whose note depends on the line's code (``code_modifier_notes``; ``lookup.lines.modifier_notes``).
CODE_NOTE_MODIFIERS = frozenset({"33", "GE", "FS", "Q0", "AI", *VISIT_MODIFIER_ON_PROCEDURE_NOTES})


def code_modifier_notes(code: str, modifiers: Iterable[str]) -> dict[str, str]:
    """Per modifier of ``CODE_NOTE_MODIFIERS`` on a line of ``code``, the note that replaces its informational one
    (33 on a colonoscopy or sigmoidoscopy CPT code: ``colorectal_33_note``; GE outside the primary care exception:
    ``primary_care_exception_note``; FS on a procedure: ``split_shared_procedure_note``, on an E/M visit:
    ``split_shared_visit_note``; GA on routine foot care without Q7-Q9, a code of ``lookup.lines._CODE_NOTE_CODES``:
    ``routine_foot_care_ga_note``; AI on no initial hospital or nursing facility visit: ``principal_physician_note``);
    empty where none does."""
    modifiers = tuple(modifiers)
    found = {}
    note = colorectal_33_note(code, modifiers)
    if note is not None:
        found["33"] = note
    outside = primary_care_exception_note(code, modifiers)
    if outside is not None:
        found["GE"] = outside
    procedure = split_shared_procedure_note(code, modifiers) or split_shared_visit_note(code, modifiers)
    if procedure is not None:
        found["FS"] = procedure
    if code in TAVR_CODES and "Q0" in modifiers:
        found["Q0"] = TAVR_Q0_NOTE.format(code=code)
    found.update(visit_modifier_on_procedure_notes(code, modifiers))
    principal = principal_physician_note(code, modifiers)
    if principal is not None:
        found["AI"] = principal
    foot_care = routine_foot_care_ga_note(code, modifiers)
    if foot_care is not None:
        found["GA"] = foot_care
    return found


def _info(codes: str, meaning: str, source: str = SRC_INFO, **kw: object) -> list[ModifierInfo]:
    return [ModifierInfo(code=c, meaning=meaning, source=source, **kw) for c in codes.split()]  # type: ignore[arg-type]


_F = Fraction


def _entries() -> list[ModifierInfo]:
    """The table's rows, built on first use (a single lookup without modifiers never needs them)."""
    return [
        # -- CPT level I ------------------------------------------------------------------------
        ModifierInfo(
            "22",
            "Increased procedural services",
            source=SRC_INFO,
            note="Any increase is at the MAC's discretion on review of documentation; rvucalc shows the fee "
            "schedule amount.",
        ),
        *_info("23", "Unusual anesthesia"),
        *_info("24", "Unrelated E/M service by the same physician during a postoperative period"),
        *_info("25", "Significant, separately identifiable E/M service on the day of a procedure"),
        ModifierInfo("26", "Professional component", "row", schedules=frozenset({"pfs"}), source=SRC_ROW_PFS),
        ModifierInfo("TC", "Technical component", "row", schedules=frozenset({"pfs"}), source=SRC_ROW_PFS),
        *_info("27", "Multiple outpatient hospital E/M encounters on the same date"),
        *_info("32", "Mandated services"),
        ModifierInfo("33", "Preventive service", source=SRC_INFO, note=PREVENTIVE_33_NOTE),
        ModifierInfo(
            "47",
            "Anesthesia by the surgeon",
            "not_priced",
            schedules=frozenset({"pfs"}),
            source=f"{CPM} ch. 12 §50 (anesthesia by the surgeon is included in the surgical payment)",
            note="Medicare makes no separate payment for anesthesia by the surgeon.",
            verified=False,
        ),
        ModifierInfo(
            "50",
            "Bilateral procedure",
            "policy",
            schedules=frozenset({"pfs", "asc", "opps"}),
            source=SRC_POLICY,
            note="ASC: not recognised; priced as two procedures, or one when the PFS bilateral indicator is 0 or 2 "
            "(asc_bilateral).",
        ),
        ModifierInfo("51", "Multiple procedures", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo(
            "52",
            "Reduced services",
            "site_percentage",
            percent=_F(50),
            applies_to="facility_rate",
            schedules=frozenset({"opps", "asc"}),
            source=SRC_OPPS_TERMINATED,
            note="Facility: 50% (a procedure not requiring anesthesia, reduced or discontinued). "
            "Professional (PFS): Medicare pays the lower of the reduced charge and the fee schedule amount.",
        ),
        ModifierInfo(
            "53",
            "Discontinued procedure",
            "row",
            schedules=frozenset({"pfs"}),
            source=SRC_ROW_PFS,
            note="CMS publishes a 53 row for a few codes (e.g. screening colonoscopy); otherwise the MAC prices "
            "it (not priced here). Facilities report 73/74 instead.",
        ),
        ModifierInfo("54", "Surgical care only", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo("55", "Postoperative management only", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo("56", "Preoperative management only", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        *_info("57", "Decision for surgery"),
        *_info("58", "Staged or related procedure during the postoperative period"),
        *_info("59", "Distinct procedural service"),
        ModifierInfo("62", "Two surgeons (co-surgery)", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        *_info("63", "Procedure performed on infants less than 4 kg"),
        ModifierInfo("66", "Surgical team", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo(
            "73",
            "Discontinued outpatient hospital/ASC procedure before anesthesia",
            "site_percentage",
            percent=_F(50),
            applies_to="facility_rate",
            schedules=frozenset({"opps", "asc"}),
            source=SRC_ASC_TERMINATED + "; " + SRC_OPPS_TERMINATED,
            note="Facility claim only; the physician reports 53.",
        ),
        # 42 CFR 416.179: a device-intensive ASC procedure whose device was furnished without cost (or with full
        # credit) is paid less its device portion (Addendum FF); with a partial credit of 50% or more, less half of
        # it; the coinsurance is of the reduced payment. The OPPS replaced FB/FC with value code FD in 2014.
        ModifierInfo(
            "FB",
            "Item provided without cost to provider, supplier or practitioner (or full credit received)",
            "site_percentage",
            applies_to="facility_rate",
            schedules=frozenset({"asc"}),
            source="42 CFR 416.179(a)(1)-(2), (b)(1); Addendum FF device portion",
            note="ASC: a device-intensive procedure (PI J8) is paid less its whole device portion. The OPPS no "
            "longer uses FB (value code FD since 2014): no effect on the hospital rate.",
            note_share="all",
        ),
        ModifierInfo(
            "FC",
            "Partial credit received for replaced device",
            "site_percentage",
            applies_to="facility_rate",
            schedules=frozenset({"asc"}),
            source="42 CFR 416.179(a)(3), (b)(2); Addendum FF device portion",
            note="ASC: a device-intensive procedure (PI J8) is paid less half its device portion (a credit of 50% "
            "or more of the device's cost). The OPPS no longer uses FC (value code FD since 2014).",
            note_share="half",
        ),
        ModifierInfo(
            "74",
            "Discontinued outpatient hospital/ASC procedure after anesthesia",
            "site_percentage",
            percent=_F(100),
            applies_to="facility_rate",
            schedules=frozenset({"opps", "asc"}),
            source=SRC_ASC_TERMINATED + "; " + SRC_OPPS_TERMINATED,
            note="Facility claim only; paid in full, still subject to multiple-procedure discounting.",
        ),
        *_info("76", "Repeat procedure by the same physician"),
        *_info("77", "Repeat procedure by another physician"),
        ModifierInfo(
            "78",
            "Unplanned return to the operating room for a related procedure",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_POLICY,
        ),
        ModifierInfo(
            "79", "Unrelated procedure during the postoperative period", "policy", schedules=PFS_ONLY, source=SRC_POLICY
        ),
        ModifierInfo("80", "Assistant surgeon", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo("81", "Minimum assistant surgeon", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        ModifierInfo(
            "82",
            "Assistant surgeon (qualified resident not available)",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_POLICY,
        ),
        *_info("90", "Reference (outside) laboratory"),
        *_info("91", "Repeat clinical diagnostic laboratory test"),
        *_info("92", "Alternative laboratory platform testing"),
        *_info("93", "Synchronous telemedicine via audio-only telecommunications"),
        *_info("95", "Synchronous telemedicine via real-time audio and video"),
        *_info("96", "Habilitative services"),
        *_info("97", "Rehabilitative services"),
        *_info("99", "Multiple modifiers"),
        # -- HCPCS level II: payment --------------------------------------------------------------
        ModifierInfo("AS", "PA, NP or CNS assistant at surgery", "policy", schedules=PFS_ONLY, source=SRC_POLICY),
        # A clinical social worker is paid "80 percent of the lesser of the actual charge or 75 percent of the amount
        # ... under the fee schedule ... for a psychologist" (SSA §1833(a)(1)(F)(ii); Pub. 100-04 ch. 12 §150); CSWs
        # report AJ on their services (its HCPCS descriptor). A clinical psychologist (AH) is paid the physician's
        # amount (ch. 12 §160). A behavioral health trial found both refused as unknown (exit 2).
        ModifierInfo(
            "AJ",
            "Clinical social worker",
            "percentage",
            percent=_F(75),
            applies_to="amount",
            schedules=frozenset({"pfs"}),
            source=f"SSA §1833(a)(1)(F)(ii); {CPM} ch. 12 §150 (clinical social worker services: 75% of the fee "
            "schedule amount)",
            note="Marriage and family therapists and mental health counselors (from 2024) are paid 75% too; their "
            "claims carry no AJ: price their lines with --provider csw (or AJ) for their amount.",
        ),
        *_info(
            "AH",
            "Clinical psychologist",
            f"{CPM} ch. 12 §160: a clinical psychologist's services are paid at the physician fee schedule amount",
        ),
        ModifierInfo(
            "CQ",
            "Outpatient physical therapy furnished in whole or in part by a physical therapist assistant",
            "percentage",
            percent_by_year=((2022, _F(85)),),
            applies_to="amount",
            schedules=frozenset({"pfs"}),
            source=SRC_CQ_CO,
            note="Goes with GP on therapy codes. Before 2022 the modifier was required but paid 100%.",
        ),
        ModifierInfo(
            "CO",
            "Outpatient occupational therapy furnished in whole or in part by an occupational therapy assistant",
            "percentage",
            percent_by_year=((2022, _F(85)),),
            applies_to="amount",
            schedules=frozenset({"pfs"}),
            source=SRC_CQ_CO,
            note="Goes with GO on therapy codes.",
        ),
        ModifierInfo(
            "FX",
            "X-ray taken using film",
            "percentage",
            percent_by_year=((2017, _F(80)),),
            applies_to="technical_component",
            schedules=frozenset({"pfs", "opps"}),
            source=SRC_FX,
            note="The beneficiary is not liable for the reduction.",
        ),
        ModifierInfo(
            "FY",
            "X-ray taken using computed radiography technology/cassette-based imaging",
            "percentage",
            percent_by_year=((2018, _F(93)), (2023, _F(90))),
            applies_to="technical_component",
            schedules=frozenset({"pfs", "opps"}),
            source=SRC_FY,
            note="The beneficiary is not liable for the reduction.",
        ),
        ModifierInfo(
            "CT",
            "Computed tomography on equipment not meeting NEMA XR-29-2013",
            "percentage",
            percent_by_year=((2016, _F(95)), (2017, _F(85))),
            applies_to="technical_component",
            schedules=frozenset({"pfs", "opps"}),
            source=SRC_CT,
        ),
        ModifierInfo(
            "PN",
            "Non-excepted service at an off-campus outpatient provider-based hospital department",
            "site_percentage",
            percent_by_year=((2017, _F(50)), (2018, _F(40))),
            applies_to="facility_rate",
            schedules=frozenset({"opps"}),
            source=SRC_PN,
            note="The hospital is paid under the PFS at the relativity adjuster (40% of the OPPS rate; "
            "2026 per DZA's summary of the CY2026 rules: 'reimbursed at 40% of the APC').",
        ),
        ModifierInfo(
            "PO",
            "Excepted service at an off-campus outpatient provider-based hospital department",
            "site_percentage",
            percent_by_year=((2019, _F(70)), (2020, _F(40))),
            applies_to="facility_rate",
            schedules=frozenset({"opps"}),
            source=SRC_PO,
            note="The clinic visit G0463 (from 2019) and, from 2026, drug administration (APCs 5691-5694) are "
            "paid at 40% of the OPPS rate; rural sole community hospitals are exempt; other services keep "
            "the OPPS rate. The 2026 drug-administration APC numbers are rvucalc's reading.",
            verified=False,
        ),
        # GY and GZ say who is liable, the patient's share a biller asks of a denied line (a locums trial's 82306-GZ
        # read only "Medicare is expected to deny the line"). A statutory exclusion is outside SSA §1879's limitation on
        # liability, which protects the patient only from denials as not reasonable and necessary (§1862(a)(1)): the
        # patient is liable, no ABN required (a voluntary one is reported with GX: CR 6563, MLN Matters MM6563). GZ: the
        # provider expects such a denial and gave no ABN, so under §1879 the provider is liable and the patient may not
        # be billed; MACs deny GZ lines automatically from 2011-07-01 (CR 7228; Noridian JE: "denied provider-liable").
        ModifierInfo(
            "GY",
            "Item or service statutorily excluded or not a Medicare benefit",
            "not_priced",
            source="HCPCS definition; the line is denied and the patient is liable: a statutory exclusion is outside "
            "SSA §1879's limitation on liability (no ABN required; a voluntary one is reported with GX, CR 6563)",
            note="Medicare pays nothing for a statutorily excluded item or service: the patient is liable for it (no "
            "ABN is required).",
        ),
        ModifierInfo(
            "GZ",
            "Item or service expected to be denied as not reasonable and necessary (no ABN)",
            "not_priced",
            source="HCPCS definition; the line is denied and the provider is liable (no ABN on file: SSA §1879); "
            "MACs deny GZ lines automatically from 2011-07-01 (CR 7228)",
            note="Medicare denies the line as not reasonable and necessary, and with no ABN the provider is liable: "
            "the patient may not be billed for it.",
        ),
        ModifierInfo(
            "EY",
            "No physician or other licensed health care provider order for this item or service",
            "not_priced",
            source="HCPCS definition; without an order the service is not a Medicare benefit: the line is denied",
            note="Medicare pays nothing for an item or service without an order.",
        ),
        # BO, "Orally administered nutrition, not by feeding tube" (HCPCS). Enteral nutrition is covered under the
        # prosthetic device benefit (SSA §1861(s)(8); NCD Manual ch. 1 §180.2) as tube feeding; the DME MACs' Enteral
        # Nutrition Policy Article A58833 (as moderndme.com quotes it): "Enteral nutrition products that are
        # administered orally and related supplies are noncovered; no benefit", which Noridian JD DME, "Enteral
        # Nutrition - Oral Intake", restates ("noncovered, no benefit"). A denial for no benefit is outside SSA §1879's
        # limitation on liability, as GY's is: the patient is liable. A DME trial's B4150-BO (a supplier's oral formula
        # line) was refused as an unknown modifier ("Did you mean UB or TB or SB?"), the claim's other lines noted.
        ModifierInfo(
            "BO",
            "Orally administered nutrition, not by feeding tube",
            "not_priced",
            source="HCPCS definition; Enteral Nutrition Policy Article A58833 (Noridian JD DME, 'Enteral Nutrition - "
            "Oral Intake'): enteral nutrition administered orally is noncovered, no benefit (SSA §1861(s)(8) covers "
            "tube feeding as a prosthetic device, NCD 180.2)",
            note="Enteral nutrition taken by mouth, and its supplies, are not covered: no benefit (the prosthetic "
            "device benefit covers tube feeding: SSA §1861(s)(8), NCD 180.2, the DME MACs' Enteral Nutrition Policy "
            "Article A58833). Medicare pays nothing: the patient is liable for it (no ABN is required).",
        ),
        # -- anesthesia (policy) -------------------------------------------------------------------
        ModifierInfo(
            "AA",
            "Anesthesia performed personally by an anesthesiologist",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
        ),
        ModifierInfo(
            "AD",
            "Medical supervision by a physician: more than four concurrent anesthesia procedures",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
            note="Paid on three base units and no time units (ch. 12 §50.D); one more unit if the physician was "
            "present at induction, which rvucalc is not told (said, not paid).",
        ),
        ModifierInfo(
            "QK",
            "Medical direction of 2, 3 or 4 concurrent anesthesia procedures",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
        ),
        ModifierInfo(
            "QX",
            "CRNA service with medical direction by a physician",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
        ),
        ModifierInfo(
            "QY",
            "Medical direction of one CRNA by an anesthesiologist",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
        ),
        ModifierInfo(
            "QZ",
            "CRNA service without medical direction by a physician",
            "policy",
            schedules=PFS_ONLY,
            source=SRC_ANESTHESIA,
        ),
        *_info("QS", "Monitored anesthesia care service"),
        *_info("G8", "Monitored anesthesia care for a deep, complex, complicated or markedly invasive procedure"),
        *_info("G9", "Monitored anesthesia care for a patient with a history of severe cardio-pulmonary condition"),
        # -- rows of other schedules ----------------------------------------------------------------
        ModifierInfo(
            "QW",
            "CLIA-waived test",
            "row",
            schedules=frozenset({"clfs"}),
            source="Clinical Laboratory Fee Schedule: CMS lists QW rows in the MOD column (26CLABQ2)",
            note="The CLFS row with QW carries the same national rate as the row without.",
        ),
        ModifierInfo("RR", "Rental (DME)", "row", schedules=frozenset({"dmepos"}), source=SRC_DMEPOS_ROW),
        # The other modifiers the DMEPOS file's Mod / Mod2 columns hold (oxygen over 4 LPM with portable oxygen,
        # PEN items, maintenance and servicing): each selects its own CMS row.
        *(
            ModifierInfo(code, meaning, "row", schedules=frozenset({"dmepos"}), source=SRC_DMEPOS_ROW)
            for code, meaning in (
                (
                    "QF",
                    "Prescribed amount of stationary oxygen while at rest exceeds 4 LPM and portable oxygen is "
                    "prescribed",
                ),
                (
                    "QB",
                    "Prescribed amounts of stationary oxygen for daytime and nighttime use differ, their average "
                    "exceeds 4 LPM and portable oxygen is prescribed",
                ),
                ("BA", "Item furnished in conjunction with parenteral enteral nutrition (PEN) services"),
                ("MS", "Six-month maintenance and servicing fee for parts and labor not covered by a warranty"),
            )
        ),
        ModifierInfo("NU", "New equipment (purchase)", "row", schedules=frozenset({"dmepos"}), source=SRC_DMEPOS_ROW),
        ModifierInfo(
            "UE",
            "Used durable medical equipment (purchase)",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "AU",
            "Item furnished in conjunction with a urological, ostomy or tracheostomy supply",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "AV",
            "Item furnished in conjunction with a prosthetic device, prosthetic or orthotic",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "AW",
            "Item furnished in conjunction with a surgical dressing",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KF",
            "Item designated by FDA as a class III device",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KM",
            "Replacement of facial prosthesis including new impression/moulage",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KN",
            "Replacement of facial prosthesis using previous master model",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KC",
            "Replacement of special power wheelchair interface",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KE",
            "Bid under round one of the DMEPOS competitive bidding program for use with non-competitive "
            "bid base equipment",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KU",
            "DMEPOS item subject to DMEPOS competitive bidding program number 3",
            "row",
            schedules=frozenset({"dmepos"}),
            source=SRC_DMEPOS_ROW,
        ),
        ModifierInfo(
            "KH",
            "DMEPOS item, initial claim, purchase or first month rental",
            source=SRC_CAPPED_RENTAL,
            note="Capped rental month 1: the rental (RR) fee.",
        ),
        ModifierInfo(
            "KI",
            "DMEPOS item, second or third month rental",
            source=SRC_CAPPED_RENTAL,
            note="Capped rental months 2-3: the rental (RR) fee.",
        ),
        ModifierInfo(
            "KJ",
            "DMEPOS item, parenteral/enteral pumps or capped rental, months four to fifteen",
            "percentage",
            percent=_F(75),
            applies_to="rental_fee",
            schedules=frozenset({"dmepos"}),
            source=SRC_CAPPED_RENTAL,
            note="7.5% / 10% of the purchase price = 75% of the months 1-3 fee (power wheelchairs 6% / 15% = "
            "40%). That the file's RR fee is the months 1-3 fee is rvucalc's reading.",
            verified=False,
        ),
        # Oxygen volume adjustments (engine.schedules.OXYGEN_FLOW_PERCENT): a percentage of the stationary fee.
        *(
            ModifierInfo(
                code,
                meaning,
                "percentage",
                percent=_F(percent),
                applies_to="stationary_oxygen_fee",
                schedules=frozenset({"dmepos"}),
                source=SRC_OXYGEN_FLOW,
            )
            for code, meaning, percent in (
                ("QE", "Prescribed amount of stationary oxygen while at rest is less than 1 LPM", 50),
                (
                    "QA",
                    "Prescribed amounts of stationary oxygen for daytime and nighttime use differ and their "
                    "average is less than 1 LPM",
                    50,
                ),
                ("QG", "Prescribed amount of stationary oxygen while at rest is greater than 4 LPM", 150),
                (
                    "QR",
                    "Prescribed amounts of stationary oxygen for daytime and nighttime use differ and their "
                    "average is greater than 4 LPM",
                    150,
                ),
            )
        ),
        *_info("BP", "Beneficiary elected to purchase the item"),
        *_info("BR", "Beneficiary elected to rent the item"),
        *_info("BU", "Beneficiary has not informed the supplier of a purchase/rent decision after 30 days"),
        *_info("KS", "Glucose monitor supply for a diabetic beneficiary not treated with insulin"),
        # DME claim modifiers that change no fee (a DME trial found them refused as unknown, exit 2).
        *_info("KL", "DMEPOS item delivered via mail"),
        *_info("KB", "Beneficiary requested upgrade for ABN, more than 4 modifiers identified on claim"),
        *_info("N1", "Group 1 oxygen coverage criteria met"),
        *_info("N2", "Group 2 oxygen coverage criteria met"),
        *_info("N3", "Group 3 oxygen coverage criteria met"),
        # -- drugs ------------------------------------------------------------------------------------
        ModifierInfo(
            "JW",
            "Drug amount discarded/not administered to any patient",
            source=f"{CPM} ch. 17 §40; skin substitutes from 2026: CY2026 PFS final rule (CMS-1832-F)",
            note="The discarded units are billed on their own line and paid like administered units "
            "(payment limit x units). Not on a skin substitute paid as an incident-to supply (from 2026: under the "
            "PFS, the OPPS and at the ASC): its discarded units are not billable, the JW line is paid $0.00.",
        ),
        ModifierInfo(
            "JZ",
            "Zero drug amount discarded/not administered to any patient",
            source=f"{CPM} ch. 17 §40; skin substitutes from 2026: CY2026 PFS final rule (CMS-1832-F)",
            note="Not used from 2026 on a skin substitute paid under the PFS as an incident-to supply (no JW/JZ "
            "policy for supplies).",
        ),
        *_info("JG", "Drug or biological acquired with a 340B drug pricing program discount"),
        *_info("TB", "Drug or biological acquired with a 340B discount, reported for informational purposes"),
        *_info("JB", "Administered subcutaneously"),
        *_info("JA", "Administered intravenously"),
        *_info("JC", "Skin substitute used as a graft"),
        *_info("JD", "Skin substitute not used as a graft"),
        # -- Surgical dressings -------------------------------------------------------------------------
        # The number of surgical or debrided wounds a dressing is used on: "Dressings for surgical or debrided wounds
        # must include one of the A1-A9 informational modifiers" (Noridian JA DME, "Modifier A1"; LCD L33831, Policy
        # Article A54563). They choose no DMEPOS row and change no amount. A wound care trial's A6196-A2 was refused
        # as an unknown modifier.
        *_info("A1", "Dressing for one wound", source=SRC_DRESSING),
        *[
            item
            for number, words in enumerate(("two", "three", "four", "five", "six", "seven", "eight"), start=2)
            for item in _info(f"A{number}", f"Dressing for {words} wounds", source=SRC_DRESSING)
        ],
        *_info("A9", "Dressing for 9 or more wounds", source=SRC_DRESSING),
        # -- Behavioral health programs (HCPCS level II H modifiers) -----------------------------------------
        # HCPCS's H modifiers (CMS's HCPCS Level II modifier file: HA child/adolescent program ... HZ funded by criminal
        # justice agency, their descriptors as OHDSI's HCPCS vocabulary and public modifier tables list them) are
        # state Medicaid and behavioral health programs' (the program, the practitioner's degree, the setting, the
        # funding agency): Medicare's PFS pays by the code and its payment modifiers, and names no H modifier among
        # them (RVU file documentation, Claims Processing Manual ch. 12). A psychotherapy trial's 90837-HO was
        # refused as an unknown modifier and lost the row: each is informational, with a note.
        *(
            ModifierInfo(code, meaning, source=SRC_BEHAVIORAL_PROGRAM, note=BEHAVIORAL_PROGRAM_NOTE)
            for code, meaning in BEHAVIORAL_PROGRAM_MODIFIERS.items()
        ),
        # -- Routine foot care --------------------------------------------------------------------------
        # The class findings that make routine foot care covered for a patient with a systemic condition (Medicare
        # Benefit Policy Manual ch. 15 §290; MACs require one on 11055-11057, 11719-11721, G0127). A podiatry trial
        # found them refused as unknown (exit 2).
        *(
            ModifierInfo(code, meaning, source=SRC_FOOT_CARE)
            for code, meaning in (
                ("Q7", "One Class A finding"),
                ("Q8", "Two Class B findings"),
                ("Q9", "One Class B and two Class C findings"),
            )
        ),
        # -- ESRD / dialysis ---------------------------------------------------------------------------
        # HCPCS Level II modifiers on ESRD patients' claims (meanings: CMS's HCPCS Level II modifier descriptors). A
        # renal-disease trial found every one refused as unknown (exit 2). None changes a PFS, CLFS, ASP or DMEPOS
        # amount rvucalc prices: they steer the ESRD PPS's consolidated billing edits and the ESRD facility's claim
        # (Pub. 100-04 ch. 8), neither of which rvucalc models.
        ModifierInfo(
            "AY",
            "Item or service furnished to an ESRD patient that is not for the treatment of ESRD",
            source=SRC_ESRD_CB,
            note="Lets a renal dialysis item or service (a lab test, drug or supply on CMS's ESRD PPS consolidated "
            "billing list) be paid outside the ESRD PPS bundle. rvucalc does not model ESRD consolidated billing: "
            "the amount is the same with or without AY.",
        ),
        *_info("AX", "Item furnished in conjunction with dialysis services"),
        *_info(
            "CB",
            "Service ordered by a renal dialysis facility (RDF) physician as part of the ESRD beneficiary's dialysis "
            "benefit, is not part of the composite rate, and is separately reimbursable",
            note="For dates of service from 2019-07-01 not to be reported: MACs reject lines that carry it (MLN "
            "MM11061, read via Palmetto GBA's 'HCPCS Modifier CB'). rvucalc prices the line as without it.",
        ),
        *(
            ModifierInfo(code, meaning, source=SRC_AMCC, note=AMCC_NOTE)
            for code, meaning in (
                (
                    "CD",
                    "AMCC test has been ordered by an ESRD facility or MCP physician that is part of the composite "
                    "rate and is not separately billable",
                ),
                (
                    "CE",
                    "AMCC test has been ordered by an ESRD facility or MCP physician that is a composite rate test but "
                    "is beyond the normal frequency covered under the rate and is separately reimbursable based on "
                    "medical necessity",
                ),
                (
                    "CF",
                    "AMCC test has been ordered by an ESRD facility or MCP physician that is not part of the composite "
                    "rate and is separately billable",
                ),
            )
        ),
        *(
            ModifierInfo(
                code,
                f"Erythropoietic stimulating agent (ESA) administered to treat anemia {cause}",
                source=SRC_ESA_PURPOSE,
                note="Required on a non-ESRD ESA line (J0881, J0885 ...), one per line; it does not change the amount.",
            )
            for code, cause in (
                ("EA", "due to anti-cancer chemotherapy"),
                ("EB", "due to anti-cancer radiotherapy"),
                ("EC", "not due to anti-cancer radiotherapy or anti-cancer chemotherapy"),
            )
        ),
        *_info(
            "ED",
            "Hematocrit level has exceeded 39% (or hemoglobin level has exceeded 13.0 g/dl) for 3 or more consecutive "
            "billing cycles immediately prior to and including the current cycle",
            SRC_ESA_MONITORING,
            note=ESA_MONITORING_NOTE,
        ),
        *_info(
            "EE",
            "Hematocrit level has not exceeded 39% (or hemoglobin level has not exceeded 13.0 g/dl) for 3 or more "
            "consecutive billing cycles immediately prior to and including the current cycle",
            SRC_ESA_MONITORING,
            note=ESA_MONITORING_NOTE,
        ),
        *_info("EJ", "Subsequent claims for a defined course of therapy, e.g., EPO, sodium hyaluronate, infliximab"),
        # EM: a home dialysis supply line's modifier (HCPCS Level II descriptor "Emergency reserve supply (for ESRD
        # benefit only)", as the DME MACs' modifier lists carry it). A renal trial's J0887-EM was refused as an unknown
        # modifier (exit 2): informational, as AX is.
        *_info("EM", "Emergency reserve supply (for ESRD benefit only)"),
        *_info("G1", "Most recent URR reading of less than 60", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info("G2", "Most recent URR reading of 60 to 64.9", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info("G3", "Most recent URR reading of 65 to 69.9", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info("G4", "Most recent URR reading of 70 to 74.9", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info("G5", "Most recent URR reading of 75 or greater", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info(
            "G6",
            "ESRD patient for whom less than six dialysis sessions have been provided in a month",
            SRC_ESRD_ADEQUACY,
            note=ESRD_FACILITY_NOTE,
        ),
        *_info(
            "V5",
            "Vascular catheter (alone or with any other vascular access)",
            SRC_ESRD_ADEQUACY,
            note=ESRD_FACILITY_NOTE,
        ),
        *_info(
            "V6",
            "Arteriovenous graft (or other vascular access not including a vascular catheter)",
            SRC_ESRD_ADEQUACY,
            note=ESRD_FACILITY_NOTE,
        ),
        *_info(
            "V7", "Arteriovenous fistula only (in use with two needles)", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE
        ),
        *_info("V8", "Infection present", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        *_info("V9", "No infection present", SRC_ESRD_ADEQUACY, note=ESRD_FACILITY_NOTE),
        # -- informational HCPCS --------------------------------------------------------------------
        ModifierInfo(
            "CS",
            "Cost-sharing waived for COVID-19 testing-related services",
            source="Families First Coronavirus Response Act §6002 (SSA §1833(cc)): cost sharing waived during the "
            "COVID-19 public health emergency, which ended on 2023-05-11",
            note=CS_NOTE,
        ),
        ModifierInfo(
            "CA",
            "Procedure payable only in the inpatient setting when performed emergently on an outpatient who dies "
            "prior to admission",
            source=f"{CPM} ch. 4 §180.7.1 (the hospital's outpatient claim: APC 5881)",
            note="The hospital is paid for the claim's services that day through APC 5881, whose rate (OPPS Addendum "
            "A) rvucalc has not: the hospital's payment is not priced (engine.facility.CA_REASON); the PFS amount "
            "is unchanged.",
        ),
        *_info("FS", "Split (or shared) E/M visit"),
        *_info("FT", "Unrelated E/M visit during a postoperative period or on the day of a procedure"),
        *_info("GA", "Waiver of liability statement (ABN) issued as required by payer policy"),
        *_info("GC", "Service performed in part by a resident under the direction of a teaching physician"),
        ModifierInfo(
            "GE",
            "Service performed by a resident without the presence of a teaching physician (primary care exception)",
            source=SRC_INFO,
            note="No effect on the amount. The primary care exception covers certain lower-level services in a "
            "qualifying outpatient center (99202-99203, 99211-99213, G0402, G0438, G0439 and a few others: 42 CFR "
            "415.174, Claims Processing Manual ch. 12 §100.1.1.C): on a level 4 or 5 office/outpatient visit or a "
            "hospital, emergency department or critical care E/M, or a procedure (a CPT code outside 99202-99499), "
            "the line says it is outside it "
            "(primary_care_exception_note).",
        ),
        *_info("GG", "Screening and diagnostic mammogram on the same day"),
        *_info("GK", "Reasonable and necessary item or service associated with a GA or GZ modifier"),
        *_info("GN", "Services delivered under an outpatient speech-language pathology plan of care"),
        *_info("GO", "Services delivered under an outpatient occupational therapy plan of care"),
        *_info("GP", "Services delivered under an outpatient physical therapy plan of care"),
        *_info("GQ", "Via asynchronous telecommunications system"),
        ModifierInfo(
            "GT",
            "Via interactive audio and video telecommunication systems",
            source="CR 10152 (CY2018: POS 02 on professional claims); CR 10583 (MLN Matters MM10583): from "
            "2018-10-01 only on a CAH Method II institutional claim (85x)",
            note=GT_NOTE,
        ),
        *_info("GU", "Waiver of liability statement issued as required by payer policy, routine notice"),
        *_info("GV", "Attending physician not employed or paid under arrangement by the patient's hospice provider"),
        ModifierInfo(
            "GW",
            "Service not related to the hospice patient's terminal condition",
            source="Claims Processing Manual ch. 11 §50 (Palmetto GBA, 'HCPCS Modifier GW': ch. 11 §40.1.3)",
            note=GW_NOTE,
        ),
        *_info("GX", "Notice of liability issued, voluntary under payer policy"),
        # KX on outpatient therapy (PT and SLP combined, OT apart): above the year's per-beneficiary amount, the
        # provider attests with KX that the services are medically necessary, as the medical record documents, and a
        # claim above it without KX is denied (Social Security Act §1833(g)(7), added by the Bipartisan Budget Act of
        # 2018 §50202, which "preserves the former therapy cap amounts as thresholds above which claims must include
        # the KX modifier": CMS's Therapy Services page, hhs.gov guidance repository; MLN Matters MM11055, as AAPC
        # quotes it: "Claims for therapy services above these amounts without the KX modifier are denied"; the yearly
        # amounts: Claims Processing Manual ch. 5 §10). CY2025's and CY2026's amounts were read in third parties'
        # pages only, not CMS's text: the rule is said without them. A trial read "no payment rule attaches to it".
        ModifierInfo(
            "KX",
            "Requirements specified in the medical policy have been met",
            source=SRC_KX,
            note=KX_NOTE,
        ),
        ModifierInfo(
            "PT",
            "Colorectal cancer screening test converted to a diagnostic test or other procedure",
            source=SRC_INFO,
            note="No effect on the amount; it reduces the patient's coinsurance (see engine.preventive).",
        ),
        ModifierInfo(
            "Q3",
            "Live kidney donor surgery and related services",
            source=SRC_Q3,
            note=Q3_NOTE,
        ),
        ModifierInfo(
            "Q5",
            "Service furnished under a reciprocal billing arrangement",
            source=f"{CPM} ch. 1 §30.2.10 (reciprocal billing arrangements)",
            note=Q5_NOTE,
        ),
        ModifierInfo(
            "Q6",
            "Service furnished under a fee-for-time compensation arrangement (locum tenens)",
            source=f"{CPM} ch. 1 §30.2.11 (fee-for-time compensation arrangements); 21st Century Cures Act §16006",
            note=Q6_NOTE,
        ),
        ModifierInfo(
            "SA",
            "Nurse practitioner rendering service in collaboration with a physician",
            source=SRC_INFO,
            note=SA_NOTE,
        ),
        *_info("SB", "Nurse midwife"),
        *_info("TH", "Obstetrical treatment/services, prenatal or postpartum"),
        *_info("XE", "Separate encounter"),
        *_info("XP", "Separate practitioner"),
        *_info("XS", "Separate structure"),
        *_info("XU", "Unusual non-overlapping service"),
        *_info("AI", "Principal physician of record"),
        # From 2023 an audiologist may furnish certain non-acute hearing assessments without a physician's or NPP's
        # order, once per 12 months, and says so with AB (CY 2023 PFS final rule; MLN Matters MM13055); it changes
        # no amount (an ENT/audiology trial's AB lines were refused as an unknown modifier).
        ModifierInfo(
            "AB",
            "Audiology service furnished personally by an audiologist without a physician/NPP order (non-acute "
            "hearing assessment; once every 12 months)",
            source=SRC_AB,
            note=AB_NOTE,
        ),
        ModifierInfo(
            "AQ",
            "Physician providing a service in an unlisted health professional shortage area",
            source=SRC_INFO,
            note="The HPSA bonus is paid separately by the MAC, not in the fee schedule amount.",
        ),
        ModifierInfo(
            "AR",
            "Physician provider services in a physician scarcity area",
            source="SSA §1833(u) (MMA §413(a)); CMS's PSA page: the PSA bonus, services 2005-01-01 to 2008-06-30",
            note=AR_NOTE,
        ),
        # HCPCS's AZ; the EHR incentive it was for ended: informational, accepted (payment-rules.md §6: AQ/AZ).
        *_info(
            "AZ",
            "Physician providing a service in a dental health professional shortage area for the purpose of an "
            "electronic health record incentive payment",
        ),
        *_info("CR", "Catastrophe/disaster related"),
        *_info("DR", "Disaster related"),
        *_info("P1", "Anesthesia: a normal healthy patient", note=PHYSICAL_STATUS_NOTE),
        *_info("P2", "Anesthesia: a patient with mild systemic disease", note=PHYSICAL_STATUS_NOTE),
        *_info("P3", "Anesthesia: a patient with severe systemic disease", note=PHYSICAL_STATUS_NOTE),
        *_info(
            "P4",
            "Anesthesia: a patient with severe systemic disease that is a constant threat to life",
            note=PHYSICAL_STATUS_NOTE,
        ),
        *_info(
            "P5",
            "Anesthesia: a moribund patient who is not expected to survive without the operation",
            note=PHYSICAL_STATUS_NOTE,
        ),
        *_info(
            "P6",
            "Anesthesia: a declared brain-dead patient whose organs are being removed for donor purposes",
            note=PHYSICAL_STATUS_NOTE,
        ),
        *_info(
            "AT",
            "Acute treatment (chiropractic manipulative treatment, 98940-98942)",
            SRC_ACTIVE_TREATMENT,
            note="Medicare pays chiropractic manipulation only as active treatment: the line needs AT to be paid "
            "at all; it does not change the amount.",
        ),
        *_info("Q0", "Investigational clinical service provided in an approved clinical research study"),
        *_info("Q1", "Routine clinical service provided in an approved clinical research study"),
        *_info("FQ", "Service furnished using audio-only communication technology"),
        *_info("FR", "Supervising practitioner present through two-way audio/video communication technology"),
        *_info("G0", "Telehealth service for the diagnosis, evaluation or treatment of symptoms of an acute stroke"),
        *_info("CG", "Policy criteria applied"),
        *_info("SC", "Medically necessary service or supply"),
        *_info(
            "M2",
            "Medicare secondary payer (MSP)",
            note="The amounts are Medicare's fee schedule amounts as primary payer; as secondary payer Medicare "
            "pays what the MSP rules leave after the primary payer's payment (CPM ch. 28).",
        ),
        *_info("ER", "Items and services furnished by a provider-based, off-campus emergency department"),
        *_info("QQ", "Ordering professional consulted a qualified clinical decision support mechanism (imaging AUC)"),
        # The imaging AUC program's other modifiers (CR 11268, MLN MM11268: MA-MD the ordering professional's exceptions
        # to consulting a CDSM, ME-MH what the consultation found), reported on advanced imaging (CT, MR, nuclear
        # medicine, PET) from 2020 beside QQ. None changes a payment: the program never passed its educational and
        # operations testing period, and the CY2024 PFS final rule paused it and rescinded 42 CFR 414.94 (MLN
        # MM13485: from 2024-01-01 claims should no longer carry AUC consultation information). An imaging center's
        # export had 70450-ME refused as an unknown modifier, the line left unpriced.
        *_info("MA", "Ordering professional not required to consult a CDSM: suspected or confirmed emergency (AUC)"),
        *_info("MB", "Ordering professional not required to consult a CDSM: hardship, insufficient internet (AUC)"),
        *_info("MC", "Ordering professional not required to consult a CDSM: hardship, EHR or CDSM vendor issues (AUC)"),
        *_info("MD", "Ordering professional not required to consult a CDSM: hardship, extreme circumstances (AUC)"),
        *_info("ME", "The order adheres to appropriate use criteria in the CDSM consulted (imaging AUC)"),
        *_info("MF", "The order does not adhere to appropriate use criteria in the CDSM consulted (imaging AUC)"),
        *_info("MG", "The order has no applicable appropriate use criteria in the CDSM consulted (imaging AUC)"),
        *_info("MH", "Unknown if the ordering professional consulted a CDSM: not provided to the furnisher (AUC)"),
        *_info("X1", "Continuous/broad services (patient relationship category)"),
        *_info("X2", "Continuous/focused services (patient relationship category)"),
        *_info("X3", "Episodic/broad services (patient relationship category)"),
        *_info("X4", "Episodic/focused services (patient relationship category)"),
        *_info("X5", "Diagnostic services requested by another clinician (patient relationship category)"),
        *_info("KO", "Single drug unit dose formulation"),
        *_info("KP", "First drug of a multiple drug unit dose formulation"),
        *_info("KQ", "Second or subsequent drug of a multiple drug unit dose formulation"),
        *_info("K0", "Lower extremity prosthesis functional level 0"),
        *_info("K1", "Lower extremity prosthesis functional level 1"),
        *_info("K2", "Lower extremity prosthesis functional level 2"),
        *_info("K3", "Lower extremity prosthesis functional level 3"),
        *_info("K4", "Lower extremity prosthesis functional level 4"),
        *_info("ET", "Emergency services"),
        *_info(
            "QJ",
            "Services or items provided to a prisoner or patient in state or local custody who meets the "
            "requirements for payment (42 CFR 411.4(b))",
        ),
        *_info("QM", "Ambulance service provided under arrangement by a provider of services"),
        *_info("QN", "Ambulance service furnished directly by a provider of services"),
        # Ambulance fee schedule modifiers (Pub. 100-04 ch. 15): rvucalc prices no ambulance code, so no amount here.
        *_info("GM", "Multiple patients on one ambulance trip (ambulance fee schedule, which rvucalc does not price)"),
        *_info(
            "QL",
            "Patient pronounced dead after ambulance called (ambulance fee schedule, which rvucalc does not price)",
        ),
        ModifierInfo(
            "GF",
            "Non-physician (NP, CNS, PA, CRNA) services in a critical access hospital",
            source="Claims Processing Manual ch. 4 §250.2: a CAH Method II institutional claim's (85x), 115% of the "
            "practitioner's 85%",
            note=GF_NOTE,
        ),
        *_info(
            "GR",
            "Service performed in whole or in part by a resident in a VA medical center or clinic",
            source="73 FR 19940 (April 11, 2008): on VA billings '-GR' has the same effect as '-GC' or '-GE'",
        ),
        *_info(
            "SG",
            "Ambulatory surgical center (ASC) facility service",
            note="No longer used for Medicare since 2008-01-01 (CMS type-of-service table): no effect on the amount.",
        ),
        *_info("GH", "Diagnostic mammogram converted from screening mammogram on the same day"),
        *_info("PI", "PET or PET/CT to inform the initial treatment strategy of tumors"),
        *_info("PS", "PET or PET/CT to inform the subsequent treatment strategy of cancerous tumors"),
        *_info("TS", "Follow-up service"),
        *_info(
            "UN UP UQ UR US",
            "Portable X-ray: two (UN) to six or more (US) patients served",
            note="Changes only the portable X-ray transport fee (R0075), which rvucalc does not price.",
        ),
        *_info(
            "RA",
            "Replacement of a DME, orthotic or prosthetic item",
            note="A replacement is paid as the item itself: its fee schedule row (NU, RR ...) sets the amount.",
        ),
        *_info(
            "RB",
            "Replacement of a part of a DME, orthotic or prosthetic item furnished as part of a repair",
            note="The part is paid as its own code; the modifier does not change the amount.",
        ),
        *_info("SL", "State supplied vaccine"),
        # -- anatomic ------------------------------------------------------------------------------
        *_info("LT", "Left side", SRC_ANATOMIC, note=SIDE_NOTE),
        *_info("RT", "Right side", SRC_ANATOMIC, note=SIDE_NOTE),
        *_info("E1", "Upper left eyelid", SRC_ANATOMIC),
        *_info("E2", "Lower left eyelid", SRC_ANATOMIC),
        *_info("E3", "Upper right eyelid", SRC_ANATOMIC),
        *_info("E4", "Lower right eyelid", SRC_ANATOMIC),
        *_info("FA", "Left hand, thumb", SRC_ANATOMIC),
        *_info("F1", "Left hand, second digit", SRC_ANATOMIC),
        *_info("F2", "Left hand, third digit", SRC_ANATOMIC),
        *_info("F3", "Left hand, fourth digit", SRC_ANATOMIC),
        *_info("F4", "Left hand, fifth digit", SRC_ANATOMIC),
        *_info("F5", "Right hand, thumb", SRC_ANATOMIC),
        *_info("F6", "Right hand, second digit", SRC_ANATOMIC),
        *_info("F7", "Right hand, third digit", SRC_ANATOMIC),
        *_info("F8", "Right hand, fourth digit", SRC_ANATOMIC),
        *_info("F9", "Right hand, fifth digit", SRC_ANATOMIC),
        *_info("TA", "Left foot, great toe", SRC_ANATOMIC),
        *_info("T1", "Left foot, second digit", SRC_ANATOMIC),
        *_info("T2", "Left foot, third digit", SRC_ANATOMIC),
        *_info("T3", "Left foot, fourth digit", SRC_ANATOMIC),
        *_info("T4", "Left foot, fifth digit", SRC_ANATOMIC),
        *_info("T5", "Right foot, great toe", SRC_ANATOMIC),
        *_info("T6", "Right foot, second digit", SRC_ANATOMIC),
        *_info("T7", "Right foot, third digit", SRC_ANATOMIC),
        *_info("T8", "Right foot, fourth digit", SRC_ANATOMIC),
        *_info("T9", "Right foot, fifth digit", SRC_ANATOMIC),
        *_info("LC", "Left circumflex coronary artery", SRC_ANATOMIC),
        *_info("LD", "Left anterior descending coronary artery", SRC_ANATOMIC),
        *_info("LM", "Left main coronary artery", SRC_ANATOMIC),
        *_info("RC", "Right coronary artery", SRC_ANATOMIC),
        *_info("RI", "Ramus intermedius coronary artery", SRC_ANATOMIC),
    ]


@functools.cache
def _table() -> dict[str, ModifierInfo]:
    table: dict[str, ModifierInfo] = {}
    for entry in _entries():
        if entry.code in table:  # pragma: no cover - a table typo is a programming error
            raise AssertionError(f"modifier {entry.code} listed twice")
        table[entry.code] = entry
    return table


def __getattr__(name: str) -> Any:
    if name == "TABLE":  # every modifier rvucalc knows, by code
        return _table()
    raise AttributeError(name)


def changes_pfs_amount(modifier: str) -> bool:
    """Whether ``apply_pfs_modifiers`` can change (or refuse) the PFS amount for this modifier."""
    info = _table().get(modifier)
    return (
        info is not None
        and "pfs" in info.schedules
        and (info.effect in ("percentage", "not_priced") or modifier in ("52", "53"))
    )


# change an OPPS or ASC rate (FB, FC: the ASC's device portion; JW: a skin substitute's discarded units from 2026,
# ``facility_discarded_supply``)
FACILITY_MODIFIERS = frozenset({"73", "74", "52", "PN", "PO", "50", "FX", "FY", "CT", "FB", "FC", "JW"})
# Modifiers by which a line says it is a distinct service, not another bill of a service a line of its code already
# bills (a repeat, 76 and 77; a distinct procedure, 59, XE, XP, XS, XU; a repeated lab test, 91): such a line keeps
# its own facility payment (engine.facility.facility_paid_on) and is no co-surgeon's bill of another line's procedure
# (engine.policy.other_co_surgeon).
DISTINCT_SERVICE_MODIFIERS = frozenset({"76", "77", "59", "XE", "XP", "XS", "XU", "91"})


def lookup(modifier: str) -> ModifierInfo | None:
    """The table entry for a modifier (case-insensitive), or None."""
    return _table().get(modifier.strip().upper())


# Letter/digit look-alikes typed in claim files: O/0, I/1 (and a lowercase l for 1: '5l', read as '5L'), S/5, Z/2.
_LOOKALIKE = {"O": "0", "0": "O", "I": "1", "1": "I", "L": "1", "S": "5", "5": "S", "Z": "2", "2": "Z"}


def suggest(text: str, limit: int = 3) -> list[str]:
    """'Did you mean' candidates for an unknown modifier: close spellings, then swapped characters."""
    return list(_suggestions(text.strip().upper(), limit))


_PHYSICAL_STATUS_BEYOND = re.compile(r"P[7-9]", re.ASCII)


@functools.lru_cache(maxsize=4096)  # a claim file repeats its unknown modifiers on many lines (difflib: ~1 ms each)
def _suggestions(wanted: str, limit: int) -> tuple[str, ...]:
    # P7, P8, P9: a physical status beyond the ASA's six classes, not a misspelled XP, V7 or UP (a review's 00142-AA-P7
    # was asked "Did you mean XP or V7 or UP?"): the range is the suggestion.
    if _PHYSICAL_STATUS_BEYOND.fullmatch(wanted):
        return ("P1-P6, the anesthesia physical status modifiers",)
    found: list[str] = []
    swapped = wanted[::-1]
    if swapped in _table() and swapped != wanted:
        found.append(swapped)
    # Look-alikes (_LOOKALIKE), one character at a time: a letter typed for a digit first, the likeliest typo (an
    # OB/GYN trial's '5l' was offered SL, X5 and V5 and not 51), then a digit typed for a letter ('P0': PO).
    for letter_typed in (True, False):
        for index, char in enumerate(wanted):
            other = _LOOKALIKE.get(char)
            if other is None or char.isalpha() != letter_typed:
                continue
            candidate = wanted[:index] + other + wanted[index + 1 :]
            if candidate in _table() and candidate not in found:
                found.append(candidate)
    import difflib  # only for an unknown modifier

    for candidate in difflib.get_close_matches(wanted, list(_table()), n=limit + 2, cutoff=0.5):
        if candidate not in found and candidate != wanted:
            found.append(candidate)
    return tuple(found[:limit])


# The HPSA bonus modifiers before 2006: QB (physician providing a service in a rural HPSA) and QU (in an urban HPSA),
# replaced by AQ for dates of service from January 1, 2006 (CMS Change Request 3935, as Quadax's August 2005 newsletter
# and MAC pages restate it: "QB and QU ... will be deleted on January 1, 2006 and one new modifier created, AQ"). QB is
# a DMEPOS oxygen modifier today (``_not_on_dmepos`` adds the hint on a line the DMEPOS fee schedule does not price).
RETIRED_HPSA_HINT = (
    " QU and QB were the HPSA bonus modifiers (urban, rural) until 2005: from January 1, 2006 the HPSA bonus is "
    "claimed with AQ (CMS CR 3935)."
)


def require(modifier: str) -> ModifierInfo:
    """The entry, or a UsageError naming the unknown modifier with 'did you mean' (QU: ``RETIRED_HPSA_HINT``)."""
    info = lookup(modifier)
    if info is not None:
        return info
    close = suggest(modifier)
    hint = f" Did you mean {' or '.join(close)}?" if close else ""
    if modifier.strip().upper() == "QU":
        hint += RETIRED_HPSA_HINT
    raise UsageError(
        f"Unknown modifier {modifier!r}.{hint} `rvucalc modifiers` lists the {len(_table())} it knows.",
        kind=ErrorKind.BAD_MODIFIER,
    )


# An ambulance line's origin/destination pair (lookup.lines.ambulance_pairs sets it aside on an ambulance code): two
# letters, the first where the trip began, the second where it ended (D, E, G, H, I, J, N, P, R, S; X, a stop at a
# physician's office, as destination only), required on every ambulance claim (Medicare Claims Processing Manual, Pub.
# 100-04, ch. 15, section 30; MACs' "Ambulance modifiers" pages). CMS: "while combinations of these items may duplicate
# other HCPCS modifiers, when billed with an ambulance transportation code, the reported modifiers can only indicate
# origin/destination".
AMBULANCE_ORIGIN_DESTINATION = re.compile(r"[DEGHIJNPRS][DEGHIJNPRSX]")
# Each letter's place, as CMS's list (Pub. 100-04 ch. 15 §30; MACs' "Ambulance modifiers" pages) names it: a pair on a
# code that is no ambulance code is said to be one, with its trip (a trial: 99350-RH was "Unknown modifier 'RH'. Did
# you mean UR or TH or RT?"), when rvucalc's modifier table has no modifier of those two letters.
AMBULANCE_PLACES = {
    "D": "diagnostic or therapeutic site", "E": "residential, domiciliary or custodial facility",
    "G": "hospital-based ESRD facility", "H": "hospital", "I": "site of transfer between modes of ambulance transport",
    "J": "freestanding ESRD facility", "N": "skilled nursing facility", "P": "physician's office", "R": "residence",
    "S": "scene of accident or acute event", "X": "intermediate stop at a physician's office on the way to a hospital",
}  # fmt: skip


def ambulance_pair_meaning(modifier: str) -> str | None:
    """What an ambulance origin/destination pair rvucalc's table has no modifier of is ('RH': "an ambulance origin/
    destination modifier (residence to hospital): it goes on an ambulance code (A0425-A0436)"); None otherwise. Said
    on a code that is no ambulance code (lookup.lines.ambulance_pair_error) and where the pair is asked about alone: a
    rural hospital's trial's `rvucalc modifiers RH` answered "Unknown modifier 'RH' (did you mean HR or UR or UH?)", HR
    being a Medicaid program's modifier (family/couple with client present), not the hospital-to-residence trip."""
    text = modifier.strip().upper()
    if not AMBULANCE_ORIGIN_DESTINATION.fullmatch(text) or lookup(text) is not None:
        return None
    origin, destination = (AMBULANCE_PLACES[letter] for letter in text)
    return (f"an ambulance origin/destination modifier ({origin} to {destination}): it goes on an ambulance code "
            "(A0425-A0436)")  # fmt: skip


def unknown_modifier_text(modifier: str) -> str:
    """An unknown modifier, named with its 'did you mean' candidates (an ambulance origin/destination pair: what it
    is, ``ambulance_pair_meaning``, not a spelling guess)."""
    trip = ambulance_pair_meaning(modifier)
    if trip is not None:
        return f"{modifier.strip().upper()!r}: {trip}"
    close = suggest(modifier)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    if modifier.strip().upper() == "QU":
        hint += f" ({RETIRED_HPSA_HINT.strip().rstrip('.')})"
    return f"{modifier.strip().upper()!r}{hint}"


def known_and_unknown(asked: Iterable[str]) -> tuple[list[ModifierInfo], list[str]]:
    """The entries of the modifiers asked about, in order and once each, and the well-formed ones rvucalc does not
    know (``unknown_modifier_text``): `rvucalc modifiers AQ AZ 33` lists AQ and 33 and names AZ. A text that is no
    modifier at all (not two letters or digits: 'GQX') is ``require``'s usage error."""
    import re

    known: dict[str, ModifierInfo] = {}
    unknown: list[str] = []
    for text in asked:
        info = lookup(text)
        if info is not None:
            known.setdefault(info.code, info)
        elif re.fullmatch(r"[0-9A-Za-z]{2}", text.strip()):
            said = unknown_modifier_text(text)
            unknown.extend([] if said in unknown else [said])
        else:
            require(text)
    return list(known.values()), unknown


# -- combinations ------------------------------------------------------------------------------

# Groups of which at most one may appear on one line, with the reason.
_EXCLUSIVE: list[tuple[frozenset[str], str]] = [
    (
        frozenset({"26", "TC"}),
        "26 (professional) and TC (technical) together are the global service: bill the code without either.",
    ),
    # 53 is not among them: CMS's RVU file has 53 rows only for codes without 26 and TC rows (44388, 45378, G0105,
    # G0121), and a discontinued diagnostic study's interpretation or technical part is billed CODE-26-53 or
    # CODE-TC-53 (Noridian JE Part B, "Modifier 53": "Discontinued Procedure (professional services only) ... Surgical
    # or diagnostic procedure started and discontinued by physician ... Medicare Claims Processing System does not
    # automatically reduce payment"): lookup.lines.choose_row takes the component's row, and 53 leaves it for the MAC
    # to price (DISCONTINUED_MAC_PRICED), where 70551-26-53 was refused as a conflict of rows.
    (
        frozenset({"54", "55", "56"}),
        "54, 55 and 56 split one global surgical package between physicians: one physician's line carries one of them.",
    ),
    (frozenset({"73", "74"}), "73 (before anesthesia) and 74 (after anesthesia) describe one discontinued procedure."),
    (frozenset({"80", "81", "82", "AS"}), "one assistant-at-surgery modifier per line."),
    # Pub. 100-04 ch. 12 §40.8 (co-surgeons, team surgery) and §20.4.3 (assistants at surgery) pay three distinct
    # roles, each at its own percentage: one surgeon's line claims one of them.
    (
        frozenset({"62", "66", "80", "81", "82", "AS"}),
        "one surgeon's line is one role: co-surgeon (62), team surgeon (66) or assistant at surgery (80, 81, 82, AS).",
    ),
    # Pub. 100-04 ch. 12 §40.2-§40.4 (read via MAC billing guides): 58 (staged or related, planned), 78 (unplanned
    # return to the OR, related) and 79 (unrelated) each state how the procedure relates to the earlier surgery.
    (
        frozenset({"58", "78", "79"}),
        "58 (staged or related), 78 (unplanned return to the OR, related) and 79 (unrelated) exclude each other.",
    ),
    (frozenset({"AA", "AD", "QK", "QY", "QX", "QZ"}), "one anesthesia payment modifier per line."),
    (frozenset({"CQ", "CO"}), "CQ (PTA) goes with physical therapy, CO (OTA) with occupational therapy: one per line."),
    (frozenset({"AH", "AJ"}), "a line is a clinical psychologist's (AH) or a clinical social worker's (AJ)."),
    (frozenset({"CD", "CE", "CF"}), "CD, CE or CF: how an AMCC test stands to the composite rate, one a line."),
    (frozenset({"Q7", "Q8", "Q9"}), "one foot care class findings modifier a line: Q7, Q8 or Q9."),
    (frozenset({"GP", "GO", "GN"}), "a therapy line is under one plan of care: GP, GO or GN."),
    # HCPCS: JC "skin substitute used as a graft", JD "skin substitute not used as a graft" (a wound care trial's
    # Q4186-JC-JD was priced with both read as informational).
    (frozenset({"JC", "JD"}), "JC (skin substitute used as a graft) and JD (not used as a graft) exclude each other."),
    # A1-A9 give the number of wounds a dressing is used on (Policy Article A54563): one number a line.
    (frozenset(f"A{number}" for number in range(1, 10)), "A1-A9 give the number of wounds a dressing is used on: one."),
    # CR 5699 / MM5699 (read via Palmetto GBA): one ESA modifier a line; the others by their definitions (one most
    # recent URR reading, one vascular access type, infection present or not, hematocrit over 39% for 3+ cycles or not).
    (frozenset({"EA", "EB", "EC"}), "one ESA purpose a line: EA (chemotherapy), EB (radiotherapy) or EC (neither)."),
    (frozenset({"ED", "EE"}), "ED and EE report opposite hematocrit histories: one per line."),
    (frozenset({"G1", "G2", "G3", "G4", "G5"}), "G1-G5 each report the most recent URR reading: one per line."),
    (frozenset({"V5", "V6", "V7"}), "V5, V6 and V7 each report the vascular access type: one per line."),
    (frozenset({"V8", "V9"}), "V8 (infection present) and V9 (no infection present) exclude each other."),
    (frozenset({"FX", "FY"}), "an X-ray is taken on film (FX) or with computed radiography (FY), not both."),
    # 42 CFR 416.179 and Claims Processing Manual ch. 14 §40.8 (MLN SE0732): FB when the ASC had the device without
    # cost or with full credit, FC when it had a partial credit of 50% or more; each takes its own share of the device
    # portion off (all, half), so one line carrying both says two things (0449T-FB-FC was paid as FB alone).
    (
        frozenset({"FB", "FC"}),
        "FB (a device furnished without cost, or with full credit) and FC (a partial credit of 50% or more of its "
        "cost) are two situations: one per line (42 CFR 416.179, Claims Processing Manual ch. 14 §40.8).",
    ),
    (frozenset({"PN", "PO"}), "an off-campus department is either excepted (PO) or non-excepted (PN)."),
    (
        frozenset({"JW", "JZ"}),
        "JW reports a discarded amount, JZ that none was discarded: bill the administered "
        "amount on its own line (JZ if none was discarded, else no modifier) and the discarded "
        "amount on a line with JW.",
    ),
    (frozenset({"RR", "NU", "UE"}), "rental (RR), new purchase (NU) and used purchase (UE) exclude each other."),
    (frozenset({"KH", "KI", "KJ"}), "one capped-rental month modifier per line."),
    # HCPCS's descriptors (as AAPC's coding alerts and Columbia's compliance newsletter restate them; the teaching
    # physician rules are Claims Processing Manual ch. 12 §100, not read here): GC "performed in part by a resident
    # under the direction of a teaching physician", GE "performed by a resident without the presence of a teaching
    # physician under the primary care exception": the teaching physician was present for the key portions or was
    # not. A trial's 99213-GC-GE was priced with both read as informational.
    (
        frozenset({"GC", "GE"}),
        "GC (the teaching physician present for the key portions) and GE (a resident without the teaching "
        "physician's presence, primary care exception) describe one visit two ways.",
    ),
    # Claims Processing Manual ch. 1 §30.2.10-§30.2.11 (as MACs restate it: First Coast, "Reciprocal billing and
    # fee-for-time compensation arrangements"): a substitute physician's service is billed under a reciprocal billing
    # arrangement (Q5) or a fee-for-time compensation arrangement (Q6), not both.
    (
        frozenset({"Q5", "Q6"}),
        "a substitute's service is under a reciprocal billing arrangement (Q5) or a fee-for-time compensation "
        "arrangement (Q6), not both.",
    ),
]
# 59 with an X{EPSU} modifier is redundant (CPT: use the more descriptive one) but claims carry
# it; it changes nothing, so it is accepted rather than refused.
_PAIRED: list[tuple[str, str, str]] = [
    ("CQ", "GO", "CQ (physical therapist assistant) goes with GP, not GO."),
    # Medicare has no speech-language pathology assistant's modifier: their services are not covered (Medicare Benefit
    # Policy Manual ch. 15 §230.3.C, lookup.credentials.SLP_ASSISTANT_CREDENTIALS): an SLP trial's 92507-CQ-GN.
    (
        "CQ",
        "GN",
        "CQ (physical therapist assistant) goes with GP, not GN: Medicare has no speech-language pathology "
        "assistant's modifier, as it does not cover an SLPA's services (Medicare Benefit Policy Manual ch. 15 "
        "§230.3.C).",
    ),
    ("CO", "GP", "CO (occupational therapy assistant) goes with GO, not GP."),
    ("CO", "GN", "CO (occupational therapy assistant) goes with GO, not GN."),
    # 78 is already paid the intra-operative share alone (ch. 12 §40.4): a global-split modifier would cut it twice.
    ("54", "78", "78 is paid the intra-operative share alone (ch. 12 §40.4): report 78 without 54."),
    ("55", "78", "78 is a return to the operating room, 55 postoperative care only: not one line."),
    ("56", "78", "78 is a return to the operating room, 56 preoperative care only: not one line."),
    ("26", "FX", "FX reduces the technical component. A professional (26) line has none."),
    ("26", "FY", "FY reduces the technical component. A professional (26) line has none."),
    ("26", "CT", "CT reduces the technical component. A professional (26) line has none."),
]
# A global-split modifier (54, 55, 56) on an assistant's line (80, 81, 82, AS): the assistant is paid a share of the
# whole surgery ("the fee schedule amount equals 16 percent of the amount otherwise applicable for the surgical
# payment": Claims Processing Manual ch. 12 §20.4.3, as Revenant Care restates it; "Global surgery rules do not apply.
# Reimbursement equals 16% of the amount otherwise applicable for the global surgery": an assistant-at-surgery fact
# sheet, as medicalbillingcptmodifiers.com reproduces it) and has no part of the global package to split. MAC
# guidance: "Do not append on ASC facility or assistant surgeons services" (Noridian JE Part B, "Modifier 54"); "Do not
# append on ASC facility or assistant surgeons claims" (a modifier 55 fact sheet of the same form, as that site
# reproduces it). CMS's list of the surgical modifier combinations contractors must process (ch. 12, as Becker's ASC
# Review restates it) pairs 80 with 50 or 51 only, and 54 and 55 with 50, 51, 62 or 66. A general surgery trial's
# 19303-55-AS was paid 85% of 16% of the post-operative share ($24.48), 19303-54-80 16% of the surgical share ($122.77).
_SPLIT_WITH_ASSISTANT = (
    "{split} splits the global surgical package between surgeons. An assistant at surgery ({assistant}) is paid a "
    "share of the whole surgery (ch. 12 §20.4.3) and does not report 54, 55 or 56 (MACs: Noridian, modifier 54 and 55)."
)
_PAIRED += [
    (split, assistant, _SPLIT_WITH_ASSISTANT.format(split=split, assistant=assistant))
    for split in ("54", "55", "56")
    for assistant in ("80", "81", "82", "AS")
]
# A finger's or toe's modifier names the side itself: HCPCS Level II modifier descriptors (CMS's HCPCS file), FA "Left
# hand, thumb", F1-F4 "Left hand, second ... fifth digit", F5 "Right hand, thumb", F6-F9 "Right hand, second ... fifth
# digit"; TA "Left foot, great toe", T1-T4 the left foot's other toes, T5 "Right foot, great toe", T6-T9 the right's.
# So a right digit's modifier with LT, or a left one's with RT, says two sides at once (a hand surgery trial's
# 26055-F7-LT was priced as one finger with no word). The digit modifier is enough on its own (engine.policy's
# DIGIT_MODIFIERS: "It is incorrect to additionally append Modifiers LT and/or RT" to the toe modifiers).
_DIGIT_SIDE = (
    '{digit} is "{descriptor}" (HCPCS\'s descriptor) and {side} the other side: the digit modifier names the side '
    "itself, so bill {digit} without LT or RT."
)
_ORDINALS = ("second", "third", "fourth", "fifth")
_DIGIT_DESCRIPTORS = {
    "FA": "Left hand, thumb",
    **{f"F{n}": f"Left hand, {_ORDINALS[n - 1]} digit" for n in range(1, 5)},
    "F5": "Right hand, thumb",
    **{f"F{n}": f"Right hand, {_ORDINALS[n - 6]} digit" for n in range(6, 10)},
    "TA": "Left foot, great toe",
    **{f"T{n}": f"Left foot, {_ORDINALS[n - 1]} digit" for n in range(1, 5)},
    "T5": "Right foot, great toe",
    **{f"T{n}": f"Right foot, {_ORDINALS[n - 6]} digit" for n in range(6, 10)},
}
_PAIRED += [
    (digit, other, _DIGIT_SIDE.format(digit=digit, descriptor=descriptor, side=other))
    for digit, descriptor in _DIGIT_DESCRIPTORS.items()
    for other in (("RT",) if descriptor.startswith("Left") else ("LT",))
]
DIGIT_DESCRIPTORS = _DIGIT_DESCRIPTORS
# An eyelid's modifier names the side as a digit's does: HCPCS Level II descriptors, E1 "Upper left, eyelid", E2 "Lower
# left, eyelid", E3 "Upper right, eyelid", E4 "Lower right, eyelid" (the punctum's lid, one 68761 line per punctum:
# AAPC's Ophthalmology Coding Alert and Corcoran's punctal plug FAQ restate them; this module's anatomic entries). So
# E1 or E2 with RT, or E3 or E4 with LT, says two sides at once (an optometry trial's 68761-E1-RT was priced as the
# upper left punctum with no word, where a finger's F7-LT is refused).
_EYELID_DESCRIPTORS = {
    "E1": "Upper left, eyelid",
    "E2": "Lower left, eyelid",
    "E3": "Upper right, eyelid",
    "E4": "Lower right, eyelid",
}
_EYELID_SIDE = (
    '{lid} is "{descriptor}" (HCPCS\'s descriptor) and {side} the other side: the eyelid modifier names the side '
    "itself, so bill {lid} without LT or RT."
)
_PAIRED += [
    (lid, "RT" if " left" in descriptor else "LT", _EYELID_SIDE.format(
        lid=lid, descriptor=descriptor, side="RT" if " left" in descriptor else "LT"))
    for lid, descriptor in _EYELID_DESCRIPTORS.items()
]  # fmt: skip


# Two digit modifiers on one line (26055-F2-F3) name two digits, each modifier one (HCPCS's descriptors above): a hand
# surgery trial's 26055-F2-F3 was priced as one procedure with "Modifier F2 is informational" and "Modifier F3 is
# informational", where the two fingers' trigger releases are two procedures, each on its own line with its digit's
# modifier (the anatomic modifiers FA, F1-F9, TA, T1-T9 name one site each: NCCI Policy Manual for Medicare Services
# ch. 1 §E, Modifiers and Modifier Indicators), ranked by the multiple procedure rule. The line stays priced as billed
# (one procedure): the note says so, in place of the two informational notes (no "; " in it: batch joins notes so).
def digits_on_one_line_note(modifiers: Iterable[str]) -> str | None:
    """The note on a line with two or more finger or toe modifiers (``DIGIT_DESCRIPTORS``), else None."""
    digits = [modifier for modifier in dict.fromkeys(modifiers) if modifier in DIGIT_DESCRIPTORS]
    if len(digits) < 2:
        return None
    named = [f'{digit} ("{DIGIT_DESCRIPTORS[digit]}")' for digit in digits]
    listed = f"{', '.join(named[:-1])} and {named[-1]}"
    return (
        f"{listed} name {len(digits)} digits on one line: a digit modifier names one finger or toe, and rvucalc prices "
        "the line as billed, one procedure. A procedure on each digit is billed on its own line with that digit's "
        "modifier (anatomic modifiers name one site each: NCCI Policy Manual ch. 1 §E), each line ranked by the "
        "multiple procedure rule."
    )


# Always-therapy codes without a therapy modifier. CR 10176 (Transmittal 3814, July 2017, effective January 2018;
# Claims Processing Manual ch. 5 §10.4) enforces "the appropriate modifier" on Part B "always therapy" services; MLN
# Matters MM10176, as restated by trade pages (BLR's Post-Acute Advisor, 2017): on professional claims each always-
# therapy code "must always be furnished under an SLP, OT, or PT plan of care, regardless of who furnishes them; and,
# as such, must always be accompanied by one of the GN, GO, or GP therapy modifiers", and claims without it are
# returned (CARC 4, as a therapy provider's CR 10176 alert restates it). A physician's or NPP's line of such a code
# needs the modifier too; only "sometimes therapy" codes may go without it outside a therapy plan of care. The RVU
# file's multiple procedure indicator 5 marks the codes of the therapy MPPR, which "applies to the HCPCS codes
# contained on the list of 'always therapy' services" (NGS Medicare, PT/OT/SLP page: a contractor's page). The fee
# schedule amount does not depend on the modifier: the line is priced, and says so.
THERAPY_PLAN_MODIFIERS = ("GP", "GO", "GN")
# Discipline-specific codes: CR 9933 (PT and OT evaluations, from July 2017, as restated by therapy trade pages):
# 97161-97164 with GP, 97165-97168 with GO; MM10176's list (as BLR restates it): 92521, 92522, 92523, 92524, 92597
# and 92607 with GN.
THERAPY_DISCIPLINE = {
    **{code: "GP" for code in ("97161", "97162", "97163", "97164")},
    **{code: "GO" for code in ("97165", "97166", "97167", "97168")},
    **{code: "GN" for code in ("92521", "92522", "92523", "92524", "92597", "92607")},
}
_PLAN_WORDS = {"GP": "physical therapy", "GO": "occupational therapy", "GN": "speech-language pathology"}
_PLAN_ARTICLES = {"GP": "a", "GO": "an", "GN": "a"}  # "97165 is an occupational therapy code"


# PT and OT evaluations and re-evaluations (97161-97168) are the therapist's own: "PTAs may not provide evaluative or
# assessment services, make clinical judgments or decisions ... or take responsibility for the service" (Medicare
# Benefit Policy Manual, Pub. 100-02, ch. 15 §230.1; OTAs likewise, §230.2). CQ/CO on one is priced as billed (85%:
# the modifier's rule), and said.
THERAPY_EVALUATIONS = frozenset(THERAPY_DISCIPLINE) - {"92521", "92522", "92523", "92524", "92597", "92607"}
EVALUATION_BY_ASSISTANT_NOTE = (
    "{code} is a therapy evaluation or re-evaluation with {modifier}: an assistant (PTA, OTA) does not furnish "
    "evaluations (Medicare Benefit Policy Manual ch. 15 §230.1, §230.2), so the therapist's line does not carry "
    "{modifier}. Priced here as billed (85%)."
)


def therapy_plan_notes(code: str, modifiers: Iterable[str]) -> tuple[str, ...]:
    """The notes of a line of an always-therapy code (multiple procedure indicator 5): none when it carries the
    therapy modifier CMS requires (``THERAPY_PLAN_MODIFIERS``, ``THERAPY_DISCIPLINE``) and no assistant's modifier
    on an evaluation (``THERAPY_EVALUATIONS``). Single lookups and batch give the same text
    (``lookup.lines.resolve_parsed``, ``batch.price``'s cell notes)."""
    modifiers = tuple(modifiers)
    assistant = [m for m in modifiers if m in ("CQ", "CO")]
    if code in THERAPY_EVALUATIONS and assistant:
        return (EVALUATION_BY_ASSISTANT_NOTE.format(code=code, modifier=assistant[0]),
                *therapy_plan_notes(code, [m for m in modifiers if m not in ("CQ", "CO")]))  # fmt: skip
    given = [m for m in modifiers if m in THERAPY_PLAN_MODIFIERS]
    required = THERAPY_DISCIPLINE.get(code)
    if not given:
        which = required if required else "GP, GO or GN"
        return (
            f"{code} is an always-therapy code (multiple procedure indicator 5) billed without {which}: since CR "
            "10176 (January 2018) Medicare returns such a line as unprocessable, whoever bills it (a physician's or "
            "NPP's line too). Priced here as if it carried the modifier, which does not change the amount.",
        )
    if required and required not in given:
        return (
            f"{code} is {_PLAN_ARTICLES[required]} {_PLAN_WORDS[required]} code: CMS requires {required} on it "
            f"(CR 9933, CR 10176), not {given[0]}: Medicare returns the line as unprocessable. Priced here as billed.",
        )
    return ()


# Chiropractic manipulative treatment is covered only as active/corrective treatment, reported with AT (Medicare
# Benefit Policy Manual ch. 15 §240.1.3, from 2004-10-01). A line without AT is maintenance therapy, which Medicare
# does not pay: CMS's MLN Matters SE1602 ("Use of the AT modifier for Chiropractic Billing", with MM3449): "Medicare
# pays only for active/corrective treatment to correct acute or chronic subluxation. Medicare does not pay for
# maintenance therapy"; the MACs apply it as a claim edit (First Coast, citing SE1602: "Claims that do not contain
# modifier AT will deny"; Noridian JF Part B, "Chiropractic Claim Submission Requirements": lines of 98940-98942 "not
# submitted with modifier AT are considered maintenance therapy and are denied"; the provider may obtain an ABN and
# append GA, or GZ without one). So such a line is denied, as GY/GZ lines are (``denied``): a podiatry/chiropractic
# trial found 98942-GA priced at Medicare $40.18 beside a note that MACs deny it. Whoever bills the code (a physician's
# 98940 is as rare as it is unpaid without AT): the MACs' edit reads the code and the modifier.
CHIROPRACTIC_MANIPULATION = frozenset({"98940", "98941", "98942"})
# A chiropractor (lookup.lines.PROVIDERS' chiropractor: --provider chiropractor, DC or CMS specialty 35 in a batch
# provider column) is a physician "only with respect to treatment by means of manual manipulation of the spine (to
# correct a subluxation)" (Social Security Act §1861(r)(5)); Medicare Benefit Policy Manual ch. 15 §240.1.1: "No other
# diagnostic or therapeutic service furnished by a chiropractor or under the chiropractor's order is covered", an
# X-ray the chiropractor orders, takes or interprets included. Every other line of theirs is a statutory exclusion
# (GY's): denied, the patient liable; 98940-98942 are paid as a physician's (100%), with AT.
CHIROPRACTOR = "chiropractor"


# A clinical psychologist's and a clinical social worker's benefit is mental health care, not medical care. A clinical
# psychologist (lookup.lines.PROVIDERS' psychologist; AH) is covered for "diagnostic and therapeutic services" they are
# licensed for (42 CFR 410.71), and Medicare Benefit Policy Manual (Pub. 100-02) ch. 15 §160.D: "any therapeutic
# services that are billed by CPs under CPT psychotherapy codes that include medical evaluation and management services
# are not covered". A clinical social worker's services (csw; AJ) are those "for the diagnosis and treatment of mental
# illnesses" they are licensed for (SSA §1861(hh)(2), 42 CFR 410.73(b), Pub. 100-02 ch. 15 §170.B), and so, from 2024,
# a marriage and family therapist's and a mental health counselor's (SSA §1861(lll), 42 CFR 410.53, 410.54), whom
# rvucalc prices as csw: an evaluation and management visit is a physician's (or NP's, PA's, CNS's) medical service, in
# none of these benefits. So these lines are not payable to them: the E/M visits themselves (office, hospital
# inpatient or observation, consultation, emergency department, critical care, nursing facility, home or residence)
# with their add-ons (G2211's visit complexity, prolonged services 99417, 99418, G2212, G0316-G0318), 90792
# (psychiatric diagnostic evaluation *with medical services*: CPs and CSWs bill 90791) and the psychotherapy add-ons to
# an E/M visit 90833, 90836, 90838 (CPs and CSWs bill 90832, 90834, 90837). Denied, not priced with a note (unlike a
# dietitian's line outside medical nutrition therapy, engine.policy's DIETITIAN, where no CMS text says either way):
# §160.D says "not covered" and the CSW's statute leaves medical services outside the benefit, so the MAC pays nothing,
# as for a chiropractor's line other than a manipulation (``chiropractic_denial``). Whoever the line's AJ or AH names
# (a physician's --provider, the default, names nobody: lookup.lines.check_practitioner) is that practitioner.
#
# Behavioral health integration (BHI) is billed by the treating practitioner, not by these practitioners, and is denied
# to them the same way (``BEHAVIORAL_HEALTH_INTEGRATION``): general BHI, 99484, is billed by the "Treating (billing)
# practitioner - physician and/or nonphysician practitioner (physician assistant, nurse practitioner, clinical nurse
# specialist, certified nurse midwife)", and psychiatric collaborative care (CoCM: 99492, 99493, 99494 and, from 2021,
# G2214) by the "Treating (Billing) Practitioner - Physician and/or nonphysician practitioner (physician assistant or
# nurse practitioner)", whose behavioral health care manager (social work, nursing or psychology) works "under the
# oversight and direction of the billing practitioner" (NGS Medicare, a MAC, "Mental Health": "Behavioral Health
# Integration" and "The Psychiatric Collaborative Care Model", restating CMS's MLN booklet MLN909432, "Behavioral
# Health Integration Services"). For clinical psychologists and clinical social workers CMS created G0323 in the CY2023
# PFS final rule (CMS-1770-F; NGS Medicare, "Behavioral Health Integration": "New Coding and Payment for BHI
# Conditions Billed by Clinical Psychologists and Clinical Social Workers") and, from 2024, for marriage and family
# therapists and mental health counselors too: HCPCS's G0323, "Care management services for behavioral health
# conditions, at least 20 minutes of clinical psychologist, clinical social worker, mental health counselor, or
# marriage and family therapist time, per calendar month".
#
# From 2026 the same services have add-ons to advanced primary care management (APCM, G0556-G0558), denied to these
# practitioners the same way (``APCM_BEHAVIORAL_HEALTH``): the CY2026 PFS final rule (CMS-1832-F) created G0568 and
# G0569 (psychiatric collaborative care, first and subsequent months), mirroring 99492 and 99493, and G0570 (general
# BHI), mirroring 99484, "to be billed as add-on services to APCM base codes (G0556, G0557, and G0558) when reported in
# the same month by the same practitioner" (the proposed rule's GPCM1-GPCM3, finalized as proposed: law firms' and
# vendors' summaries of the proposed and final rules restate it). APCM itself is "directed by a physician or other
# qualified health care professional who is responsible for all primary care and serves as the continuing focal point
# for all needed health care services" (HCPCS G0556-G0558, CY2025 PFS final rule, CMS-1807-F), which a clinical
# psychologist's or clinical social worker's mental health benefit is not: they bill no APCM, so no add-on of it,
# whose CoCM or BHI is the treating practitioner's as 99492, 99493 and 99484 are.
#
# Chronic care management (CCM: 99490, 99439, 99491, 99437, 99487, 99489; ``care_management.CHRONIC_CARE_MANAGEMENT``)
# is billed by "Physicians, nurse practitioners, physician assistants, clinical nurse specialists and certified nurse
# midwives subject to state licensure and scope of practice", clinical staff furnishing it incident to them (CMS's
# "Chronic Care Management Services" national provider call of 2015-02-18, CMS's division of practitioner services, as
# AAPC restates it; CMS's MLN booklet MLN909188 not read): no clinical psychologist or clinical social worker, whose
# behavioral health care management is G0323. Denied to them the same way.
#
# Transitional care management (TCM: 99495, 99496; ``care_management.TRANSITIONAL_CARE_MANAGEMENT``) is furnished by
# "Physicians (any specialty)" and, "if legally authorized and qualified to provide the services by the State", the
# non-physician practitioners "Certified nurse-midwives; Clinical nurse specialists; Nurse practitioners; and Physician
# assistants" (CMS's MLN fact sheet "Transitional Care Management Services", MLN908628, July 2013, as VNAA's policy
# team and the AAMA's CMA Today restate its "Health care professionals who may furnish TCM services"): no clinical
# psychologist or clinical social worker. A post-acute group's trial: its psychologist's 99495 after a SNF discharge
# was priced $209.85, a physician's 100%, and its LCSW's $157.39, where Medicare pays neither. Denied to them the same
# way. So is cognitive assessment and care planning (99483, ``COGNITIVE_ASSESSMENT``): "Any clinician eligible to
# report evaluation and management services can offer this service, including: physicians (MD and DO), nurse
# practitioners, clinical nurse specialists, and physician assistants" (CMS's MLN Connects of 2022-06-23, as Noridian's
# "Cognitive Assessment: What's in the Written Care Plan?" restates it; NGS Medicare's "Cognitive Assessment and Care
# Plan Services (CPT 99483)" the same), which a psychologist's or social worker's benefit is not: the trial's
# psychologist's 99483 was priced $279.67. Codes rvucalc has read no CMS text on for these practitioners (online
# digital E/M 99421-99423, principal care management 99424-99427, tobacco cessation 99406-99407; advance care planning
# 99497-99498, whose FAQ names "physicians and NPPs whose scope of practice and Medicare benefit category include the
# services", a class CMS's texts do not spell out for them) are priced as billed.
PSYCHOLOGIST = "psychologist"
CLINICAL_SOCIAL_WORKER = "csw"
_MENTAL_HEALTH_PRACTITIONERS = {"AJ": CLINICAL_SOCIAL_WORKER, "AH": PSYCHOLOGIST}
MEDICAL_VISIT_CODES = frozenset(
    [f"{number}" for first, last in ((99202, 99205), (99211, 99215), (99221, 99223), (99231, 99239), (99242, 99245),
                                     (99252, 99255), (99281, 99285), (99291, 99292), (99304, 99310), (99315, 99316),
                                     (99341, 99350), (99417, 99418)) for number in range(first, last + 1)]
    + ["G2211", "G2212", "G0316", "G0317", "G0318"]
)  # fmt: skip
PSYCHIATRY_WITH_MEDICAL_SERVICES = frozenset({"90792", "90833", "90836", "90838"})
COGNITIVE_ASSESSMENT = "99483"
GENERAL_BHI = "99484"
COLLABORATIVE_CARE = frozenset({"99492", "99493", "99494", "G2214"})
# APCM's behavioral health add-ons (CY2026) and the CPT code each mirrors (CMS-1832-F)
APCM_BEHAVIORAL_HEALTH = {"G0568": "99492", "G0569": "99493", "G0570": GENERAL_BHI}
BEHAVIORAL_HEALTH_INTEGRATION = COLLABORATIVE_CARE | {GENERAL_BHI} | set(APCM_BEHAVIORAL_HEALTH)
# G0323 the other way: the mental health practitioners' code billed by a physician or NPP. G0323 is "Care management
# services for behavioral health conditions, at least 20 minutes of clinical psychologist, clinical social worker,
# mental health counselor, or marriage and family therapist time, per calendar month" (HCPCS 2024 long descriptor, as
# hipaaspace.com restates it), their counterpart of general BHI, 99484, which the treating (billing) practitioner, a
# physician, NP, PA, CNS or CNM bills (_BHI_SOURCE). A physician's, NP's, PA's or CNS's G0323 line (no AJ or AH naming
# the CSW or psychologist) was priced with no word. Noted, the amount as written (a note, not a denial, as an MNT line
# by anyone but a dietitian is: engine.policy.practitioner_code_note), price and batch alike. One part of batch's
# '; '-joined note column: no '; ' in it.
BEHAVIORAL_CARE_MANAGEMENT = "G0323"
_TREATING_PRACTITIONERS = {"physician": "a physician's", "np": "the NP's", "pa": "the PA's", "cns": "the CNS's"}
G0323_NOT_THEIRS_NOTE = (
    "G0323 is care management for behavioral health conditions by a clinical psychologist, clinical social worker, "
    "marriage and family therapist or mental health counselor (their time, per calendar month: CY2023 and CY2024 PFS "
    "final rules): priced here as {whose} line, as written. A physician's, NP's, PA's or CNS's general behavioral "
    "health integration is billed as 99484 ({source}). If a psychologist or social worker furnished it, give their "
    "--provider (or AH, AJ)."
)


def g0323_provider_note(code: str, modifiers: Iterable[str], provider: str) -> str | None:
    """``G0323_NOT_THEIRS_NOTE`` on a G0323 line billed by a physician, NP, PA or CNS without AJ or AH; None for any
    other line."""
    whose = _TREATING_PRACTITIONERS.get(provider)
    if code != BEHAVIORAL_CARE_MANAGEMENT or whose is None:
        return None
    if any(m.strip().upper() in _MENTAL_HEALTH_PRACTITIONERS for m in modifiers):
        return None
    return G0323_NOT_THEIRS_NOTE.format(whose=whose, source=_BHI_SOURCE)


# AB's two limits a line shows (the others, once per 12 months and a non-acute condition, are the patient's history):
# - whose line: MLN Matters MM13055 (CMS, 2023-11-06, as the HHS guidance repository summarises it): "one visit to an
#   audiologist without a physician or NPP order is permitted, per patient, once every 12 months and that an
#   audiologist's NPI is the rendering provider on the line" (the CR's edits, as McKnight's restates them: "an
#   audiologist's National Provider Identifier (NPI) is the rendering provider on the line of service, with the AB
#   modifier"). An NP's, PA's, therapist's ... line (a practitioner named as no audiologist) with AB is noted; the
#   default physician's line is not (a file without a provider column: AB names the audiologist).
# - which test: the exception "Excludes audiology services that are related to disequilibrium" (NGS Medicare,
#   'Audiology', restating CMS-1770-F, 87 FR 69656-69663), and the Academy of Doctors of Audiology's summary of the rule
#   (audiologypractices.org): "Vestibular Services (92517-92519 and 92537-92549) will always require a physician order
#   for traditional Medicare coverage". A vestibular line with AB is noted. A trial's 92537-AB and 92540-AB read only
#   AB_NOTE's general words. One part of batch's '; '-joined note column: no '; ' in it.
AB_VESTIBULAR_TESTS = frozenset({"92517", "92518", "92519"}) | frozenset(str(n) for n in range(92537, 92550))
AB_VESTIBULAR_NOTE = (
    "{code} with AB: {code} is a vestibular (balance) test, and the direct access AB says (no physician's or NPP's "
    "order) excludes services related to disequilibrium (the CY 2023 PFS final rule's exception, as NGS Medicare "
    "restates it: vestibular tests 92517-92519 and 92537-92549 always need an order, the Academy of Doctors of "
    "Audiology's summary): bill it with the order, without AB."
)
AB_NOT_AUDIOLOGIST_NOTE = (
    "AB (audiologist, no physician/NPP order) on {whose} line: CMS takes AB on an audiologist's line alone, the "
    "audiologist's NPI its rendering provider (MLN Matters MM13055). If an audiologist furnished it under their own "
    "number, give their --provider (batch: a provider cell of AuD), else leave AB off."
)
_AB_WHOSE = {"np": "the NP's", "pa": "the PA's", "cns": "the CNS's", "crna": "the CRNA's", "csw": "the CSW's",
             "psychologist": "the psychologist's", "chiropractor": "the chiropractor's", "cnm": "the nurse-midwife's",
             "dietitian": "the dietitian's", "therapist": "the therapist's",
             "slp": "the speech-language pathologist's"}  # fmt: skip


def ab_line_note(code: str, modifiers: Iterable[str], provider: str) -> str | None:
    """The note on a line with AB billed by a practitioner named as no audiologist (``AB_NOT_AUDIOLOGIST_NOTE``) or of a
    vestibular test (``AB_VESTIBULAR_NOTE``); None for any other line."""
    if "AB" not in (m.strip().upper() for m in modifiers):
        return None
    whose = _AB_WHOSE.get(provider)
    if whose is not None:
        return AB_NOT_AUDIOLOGIST_NOTE.format(whose=whose)
    if code in AB_VESTIBULAR_TESTS:
        return AB_VESTIBULAR_NOTE.format(code=code)
    return None


_CCM_SOURCE = "CMS's Chronic Care Management Services national provider call of 2015-02-18, as AAPC restates it"
_BHI_SOURCE = "NGS Medicare, restating CMS's MLN booklet MLN909432, Behavioral Health Integration Services"


def mental_health_benefit_denial(code: str, modifiers: Iterable[str], provider: str) -> str | None:
    """Why Medicare denies a clinical psychologist's or clinical social worker's line of a medical service
    (``MEDICAL_VISIT_CODES``, ``PSYCHIATRY_WITH_MEDICAL_SERVICES``) or of behavioral health integration the treating
    practitioner bills (``BEHAVIORAL_HEALTH_INTEGRATION``, APCM's add-ons ``APCM_BEHAVIORAL_HEALTH`` too: G0323 is
    theirs): the practitioner is the line's --provider
    (csw, psychologist) or, on a physician's (default) line, its AJ or AH; None for any other line."""
    if (code not in MEDICAL_VISIT_CODES and code not in PSYCHIATRY_WITH_MEDICAL_SERVICES
            and code not in BEHAVIORAL_HEALTH_INTEGRATION
            and code not in CHRONIC_CARE_MANAGEMENT and code not in TRANSITIONAL_CARE_MANAGEMENT
            and code != COGNITIVE_ASSESSMENT):  # fmt: skip
        return None
    who = provider
    if provider == "physician":
        named = [_MENTAL_HEALTH_PRACTITIONERS[m] for m in (x.strip().upper() for x in modifiers)
                 if m in _MENTAL_HEALTH_PRACTITIONERS]  # fmt: skip
        who = named[0] if named else provider
    if who == PSYCHOLOGIST:
        practitioner = "a clinical psychologist (AH, --provider psychologist, PhD or PsyD in a provider column)"
        rule = (
            'Medicare covers their diagnostic and therapeutic services (42 CFR 410.71), and "any therapeutic services '
            "that are billed by CPs under CPT psychotherapy codes that include medical evaluation and management "
            'services are not covered" (Medicare Benefit Policy Manual ch. 15 §160.D)'
        )
    elif who == CLINICAL_SOCIAL_WORKER:
        practitioner = (
            "a clinical social worker, marriage and family therapist or mental health counselor (AJ, --provider csw, "
            "LCSW, LMFT, LMHC ... in a provider column)"
        )
        rule = (
            'Medicare covers their services "for the diagnosis and treatment of mental illnesses" (Social Security '
            "Act §1861(hh)(2), (lll), 42 CFR 410.73(b), Medicare Benefit Policy Manual ch. 15 §170), not medical "
            "evaluation and management"
        )
    else:
        return None
    mirrored = APCM_BEHAVIORAL_HEALTH.get(code)
    if mirrored is not None:
        general = mirrored == GENERAL_BHI
        kind = "general behavioral health integration" if general else "psychiatric collaborative care management"
        what = (
            f"{kind} added to advanced primary care management (APCM, per calendar month: CMS's add-on mirroring "
            f"{mirrored})"
        )
        treating = "a physician, NP, PA, CNS or CNM" if general else "a physician, NP or PA"
        rule = (
            "Medicare pays it only as an add-on to the month's APCM service (G0556, G0557 or G0558) billed by the same "
            'practitioner (CY2026 PFS final rule, CMS-1832-F), and APCM is "directed by a physician or other qualified '
            "health care professional who is responsible for all primary care and serves as the continuing focal point "
            'for all needed health care services" (HCPCS G0556-G0558, CY2025 PFS final rule, CMS-1807-F), primary care '
            f"outside their mental health benefit: like {mirrored}, it is the treating (billing) practitioner's, "
            f"{treating} ({_BHI_SOURCE})"
        )
        instead = "Their own month's behavioral health care management is billed as G0323"
    elif code == GENERAL_BHI:
        what = "general behavioral health integration (care management, per calendar month)"
        rule = (
            "Medicare pays it to the treating (billing) practitioner, a physician, NP, PA, CNS or CNM "
            f"({_BHI_SOURCE}), and created G0323 for clinical psychologists and clinical social workers (CY2023 PFS "
            "final rule), from 2024 also marriage and family therapists and mental health counselors: care "
            "management for behavioral health conditions, at least 20 minutes of their time a calendar month"
        )
        instead = "Their month's behavioral health care management is billed as G0323"
    elif code in CHRONIC_CARE_MANAGEMENT:
        what = "chronic care management (CCM, per calendar month)"
        rule = (
            "Medicare pays it to a physician, NP, PA, CNS or CNM (clinical staff's time counted incident to them), "
            f"not to them ({_CCM_SOURCE})"
        )
        instead = "Their own month's behavioral health care management is billed as G0323"
    elif code in TRANSITIONAL_CARE_MANAGEMENT:
        what = "transitional care management (TCM, the 30 days after a discharge)"
        rule = (
            "Medicare pays it to a physician (any specialty) or a CNM, CNS, NP or PA, not to them (CMS's MLN fact "
            "sheet Transitional Care Management Services, MLN908628)"
        )
        instead = "Their own visits are billed as psychotherapy (90832, 90834, 90837) or 90791"
    elif code == COGNITIVE_ASSESSMENT:
        what = "cognitive assessment and care plan services"
        rule = (
            "Medicare pays it to a clinician eligible to report evaluation and management services, a physician, NP, "
            "CNS or PA (CMS's MLN Connects of 2022-06-23, as Noridian and NGS Medicare restate it), not to them"
        )
        # Diagnostic psychological tests (96130-96139) are billed by clinical psychologists, NPs, CNSs, PAs and
        # independently practicing psychologists (Medicare Benefit Policy Manual ch. 15 §80.2, "Psychological and
        # Neuropsychological Tests"), not by a CSW, whose benefit is the diagnosis and treatment of mental illnesses
        # (ch. 15 §170): a CSW's own evaluation is 90791 alone, where the denial sent a social worker to testing too.
        if who == PSYCHOLOGIST:
            instead = "Their own testing and evaluation are billed as 96130-96139 (psychological testing) or 90791"
        else:
            instead = "Their own diagnostic evaluation is billed as 90791"
    elif code in COLLABORATIVE_CARE:
        what = "psychiatric collaborative care management (per calendar month)"
        rule = (
            "Medicare pays it to the treating (billing) practitioner, a physician, NP or PA, whose behavioral health "
            "care manager (who may be a social worker or psychologist) works under their direction, the care "
            f"manager's time counted in the practitioner's 99492-99494 or G2214 ({_BHI_SOURCE})"
        )
        instead = "Their own month's behavioral health care management is billed as G0323"
    elif code in MEDICAL_VISIT_CODES:
        what = "an evaluation and management service"
        instead = "Their own visits are billed as psychotherapy (90832, 90834, 90837) or 90791"
    elif code == "90792":
        what = "a psychiatric diagnostic evaluation with medical services"
        instead = "Their evaluation is billed as 90791"
    else:
        what = "psychotherapy added to an evaluation and management visit"
        instead = "Their psychotherapy is billed alone (90832, 90834, 90837)"
    return (
        f"{code} is {what}, which {practitioner} cannot bill: {rule}. Not covered: Medicare pays nothing and rvucalc "
        f"prices nothing for the line. {instead}. A physician's, NP's, PA's or CNS's line of {code} is priced with "
        "their --provider (or provider column), without AJ or AH."
    )


# A clinical social worker's services to a hospital inpatient are outside the benefit: "The term 'clinical social
# worker services' means services performed by a clinical social worker ... for the diagnosis and treatment of mental
# illnesses (other than services furnished to an inpatient of a hospital and other than services furnished to an
# inpatient of a skilled nursing facility which the facility is required to provide as a requirement for
# participation)" (SSA §1861(hh)(2), 42 U.S.C. 1395x(hh)(2) as Cornell's LII reads it), and "Services of a CSW are not
# covered when furnished to inpatients of a hospital" (Medicare Benefit Policy Manual ch. 15 §170.D, as a copy of the
# manual at old.bansdoc.gov.bd reads). The CY2024 PFS final rule defined marriage and family therapist and mental
# health counselor services alike, "for the diagnosis and treatment of mental illnesses (other than services furnished
# to an inpatient of a hospital)" (42 CFR 410.53, 410.54, as summaries of the rule restate it), whom rvucalc prices as
# csw (AJ). A psychiatry group's trial (Chicago, 2026): an LCSW's 90834 at POS 51 (an inpatient psychiatric facility)
# was priced $70.01, 75% of the PFS facility amount, where Medicare pays the CSW nothing. The inpatient places: POS 21
# (inpatient hospital), 51 (inpatient psychiatric facility), 61 (comprehensive inpatient rehabilitation facility). A
# hospital outpatient's (POS 19, 22) stays the CSW's 75% (tests/test_csw_hopd_psychotherapy.py), as does a SNF
# resident's (the SNF clause is narrower: not read here). Denied, price and batch alike (engine.therapists.
# therapist_place, the one per-line rule of a line at its place).
CSW_INPATIENT_PLACES = {
    "21": "inpatient hospital",
    "51": "inpatient psychiatric facility",
    "61": "comprehensive inpatient rehabilitation facility",
}
# A partial hospitalization patient's (POS 52, CMS's "psychiatric facility-partial hospitalization") services of a
# clinical social worker or another mental health professional are the program's own: partial hospitalization services
# "include ... (i) Individual and group therapy with physicians or psychologists or other mental health professionals
# ... (iii) Services of social workers, trained psychiatric nurses, and other staff trained to work with psychiatric
# patients", and "(b) The following services are separately covered and not paid as partial hospitalization services:
# (1) Physician services ... (2) Physician assistant services ... (3) Nurse practitioner and clinical nurse specialist
# services ... (4) Qualified psychologist services" (42 CFR 410.43, as lawstack.com's copy verified against eCFR
# reads): no clinical social worker, MFT or MHC among them. Their session is paid within the hospital's or CMHC's
# per-diem APC (engine.facility.PER_DIEM_REASON), not on their own claim. A trial's CMHC and hospital PHP (Chicago,
# 2025-2026): an LCSW's 90853-AJ and 90832-AJ at POS 52 were priced $18.85 and $53.11, 75% of the PFS facility amount.
# A physician's, NP's, PA's, CNS's or psychologist's line there stays priced; POS 53 (a CMHC, whose patients are not
# all in its program) and 22 (a hospital outpatient, in an IOP or not) are not read as the program.
CSW_PARTIAL_HOSPITALIZATION_PLACE = "52"


def csw_inpatient_denial(code: str, modifiers: Iterable[str], place: str | None) -> str | None:
    """Why Medicare denies a clinical social worker's (MFT's, MHC's) line furnished to a hospital inpatient
    (``CSW_INPATIENT_PLACES``): the line carries AJ (written, or --provider csw's); ``place`` its CMS POS code. None
    for any other line or place. At POS 52 (``CSW_PARTIAL_HOSPITALIZATION_PLACE``) the line is the partial
    hospitalization program's, paid in its per diem."""
    if place not in {*CSW_INPATIENT_PLACES, CSW_PARTIAL_HOSPITALIZATION_PLACE}:
        return None
    if "AJ" not in {m.strip().upper() for m in modifiers}:
        return None
    if place == CSW_PARTIAL_HOSPITALIZATION_PLACE:
        return (
            f"{code} furnished to a partial hospitalization patient (POS 52, psychiatric facility - partial "
            "hospitalization) by a clinical social worker, marriage and family therapist or mental health counselor "
            "(AJ, --provider csw, LCSW, LMFT, LMHC ... in a provider column): not paid on their own claim. Their "
            "services there are partial hospitalization services, paid within the hospital's or CMHC's per-diem APC; "
            "only physicians', PAs', NPs', CNSs' and psychologists' services are separately covered (42 CFR "
            "410.43(a)(4), (b)). Medicare pays nothing and rvucalc prices nothing for the line. Their services to a "
            "hospital outpatient outside the program (POS 19, 22) are paid, 75%."
        )
    return (
        f"{code} furnished to a hospital inpatient (POS {place}, {CSW_INPATIENT_PLACES[place]}) by a clinical social "
        "worker, marriage and family therapist or mental health counselor (AJ, --provider csw, LCSW, LMFT, LMHC ... "
        'in a provider column): not covered. Their services exclude "services furnished to an inpatient of a '
        'hospital" (Social Security Act §1861(hh)(2), Medicare Benefit Policy Manual ch. 15 §170.D, 42 CFR 410.53, '
        "410.54): the hospital's inpatient payment covers them. Medicare pays nothing and rvucalc prices nothing for "
        "the line. Their services to a hospital outpatient (POS 19, 22) are paid, 75%."
    )


# A clinical social worker's services to a SNF resident in a covered Part A stay (POS 31: Claims Processing Manual ch.
# 12 §20.4.2, a SNF's "Part A resident"; POS 32 its Part B residents) are the SNF's under consolidated billing: Social
# Security Act §1888(e)(2)(A)(ii) excludes from it physicians', PAs', NPs', CNSs', certified nurse-midwives', qualified
# psychologists' and CRNAs' services, not clinical social workers' (the BBA 1997 §4432 list), and CMS's Program
# Memorandum Transmittal B-02-067 (CR 2360) told carriers that "services provided by clinical social workers to
# Medicare beneficiaries in a Part A SNF stay cannot be billed separately to the Medicare carrier. Payment for these
# services is included in the prospective payment rate paid to SNFs" (as NASW's July 2003 update restates it; NASW's
# July 2025 FAQ on the Expanding Seniors Access to Mental Health Services Act, a bill to let CSWs bill Part B there,
# shows it still in force). An RHC's trial: its LCSW's 90834 at POS 31 was priced $68.38 (75% of the PFS facility
# amount) with no word of it. A note, not a denial: rvucalc prices marriage and family therapists and mental health
# counselors as csw (AJ) alike and does not tell them apart here, and their services are not the SNF's: the CAA 2023
# added MFT and MHC services to §1888(e)(2)(A)(ii)'s exclusions from January 1, 2024, as the FY 2024 SNF PPS final
# rule (CMS-1779-F, 88 FR 53200) finalized ("Medicare must exclude marriage and family therapist (MFT) services and
# mental health counselor (MHC) services from SNF consolidated billing", Marcum's summary; AHCA's, via HCAM: "the
# addition of marriage and family therapists and mental health counselors to the list of practitioners whose services
# are excluded from the consolidated billing provision, effective January 1, 2024"). A review: an LMFT's or LPC's row
# (a provider cell read as csw) at POS 31 was told it is not billed to Part B; the note says their exclusion. Price
# and batch alike (engine.therapists.therapist_place, the one per-line rule of a line at its place).
CSW_SNF_PART_A_PLACE = "31"
CSW_SNF_PART_A_NOTE = (
    "{code} at POS 31 (skilled nursing facility) with AJ: a clinical social worker's services to a resident in a "
    "covered Part A SNF stay are subject to SNF consolidated billing, paid within the SNF's PPS rate and not billed to "
    "Part B on the social worker's own claim (Social Security Act §1888(e)(2)(A)(ii) excludes physicians', NPs', PAs', "
    "CNSs' and psychologists' services from it, not clinical social workers': CMS Transmittal B-02-067, CR 2360). A "
    "marriage and family therapist's or mental health counselor's services (priced as a clinical social worker's) are "
    "excluded from it from January 1, 2024 and billed to Part B (FY 2024 SNF PPS final rule, CMS-1779-F). Priced as "
    "billed: a resident outside a covered Part A stay is POS 32."
)


def csw_snf_part_a_note(code: str, modifiers: Iterable[str], place: str | None) -> str | None:
    """The consolidated billing note of a clinical social worker's (AJ, written or --provider csw's) line at a SNF in
    a covered Part A stay (``CSW_SNF_PART_A_PLACE``); None for any other line or place."""
    if place != CSW_SNF_PART_A_PLACE or "AJ" not in {m.strip().upper() for m in modifiers}:
        return None
    return CSW_SNF_PART_A_NOTE.format(code=code)


def chiropractic_denial(code: str, modifiers: Iterable[str], provider: str) -> str | None:
    """Why Medicare denies the line for the practitioner's benefit: a clinical psychologist's or clinical social
    worker's medical service (``mental_health_benefit_denial``), or for chiropractic coverage
    (``CHIROPRACTIC_MANIPULATION``, ``CHIROPRACTOR``): a chiropractor's line of another code, or a manipulation without
    AT; None when it does not. The text names the code alone (batch keeps one message per cell). Single lookups
    (``lookup.lines.prepare``) and batch (its code cells, ``batch.lines._parse_code``): one rule for both, named for
    the chiropractor's limit it began with."""
    mental_health = mental_health_benefit_denial(code, modifiers, provider)
    if mental_health is not None:
        return mental_health
    mods = {modifier.strip().upper() for modifier in modifiers}
    if provider == CHIROPRACTOR and code not in CHIROPRACTIC_MANIPULATION:
        return (
            f"{code} furnished by a chiropractor (--provider chiropractor; DC, Chiropractor or specialty 35 in a "
            "provider column): Medicare covers a chiropractor's manual manipulation of the spine to correct a "
            'subluxation only (98940-98942 with AT: Social Security Act §1861(r)(5)); "No other diagnostic or '
            "therapeutic service furnished by a chiropractor or under the chiropractor's order is covered\", X-rays "
            "included (Medicare Benefit Policy Manual ch. 15 §240.1.1). A statutory exclusion (GY): Medicare pays "
            "nothing, the patient is liable. rvucalc prices nothing for a denied line; a physician's or another "
            "practitioner's line of the code is priced with their --provider."
        )
    if code in CHIROPRACTIC_MANIPULATION and {"AT", "GY"} <= mods:
        return ACTIVE_TREATMENT_EXCLUDED.format(code=code)
    if code not in CHIROPRACTIC_MANIPULATION or "AT" in mods:
        return None
    return (
        f"{code} without AT: Medicare pays chiropractic manipulation only as active/corrective treatment, which AT "
        "reports (Medicare Benefit Policy Manual ch. 15 §240.1.3). A line without it is maintenance therapy, which "
        f"Medicare does not pay: MACs deny it (MLN Matters SE1602). {_maintenance_liability(mods)} rvucalc prices "
        "nothing for a denied line: active treatment is billed with AT."
    )


# AT with GY on one manipulation line says two things at once: active/corrective treatment of a subluxation, which
# Medicare covers (SSA §1861(r)(5); Benefit Policy Manual ch. 15 §240.1.3; Palmetto GBA, "HCPCS Modifier AT":
# "Chiropractors must submit HCPCS modifier AT on a claim when providing active/corrective treatment"), and a statutory
# exclusion (GY: the GY entry above), which it is not; maintenance is denied as not reasonable and necessary, GA or GZ
# (``_maintenance_liability``). GY denies the line whatever else it carries (``denied``): the contradiction is said, as
# GA beside GZ is. A chiropractor's trial's 98941-AT-GY read GY's generic denial alone.
ACTIVE_TREATMENT_EXCLUDED = (
    "{code} with AT and GY: AT reports active treatment, which Medicare covers, and GY a statutory exclusion: they "
    "contradict each other. GY has Medicare deny the line (the patient liable, no ABN) and rvucalc prices nothing for "
    "it: bill AT alone for active treatment."
)


# Who is liable for a maintenance manipulation (``chiropractic_denial``) is what its liability modifier says, but
# maintenance manipulation is denied as not reasonable and necessary (SSA §1862(a)(1)(A), within §1879's limitation
# on liability), not excluded by statute: a chiropractor reports it with GA when an ABN is on file (the patient is
# then liable) or GZ without one (the provider), Benefit Policy Manual ch. 15 §240.1.3; Palmetto GBA JJ/JM: "When a
# validly executed ABN is on file (based on the expectation that Medicare will deny the service as not reasonable and
# necessary), the provider may apply the GA HCPCS modifier"; NGS Medicare: 98940-98942 without a modifier are "denied
# by the system as not medically necessary". GY (a statutory exclusion, no ABN needed: the GY entry above) is not its
# modifier: a chiropractor's trial's 98940-GY read "The provider is liable unless an ABN is on file" beside GY's own
# meaning, the patient liable; and 98942-GA-GZ read GA's patient liability alone, where 99213-GA-GZ reads GZ's
# (``denied`` takes GZ): GA says an ABN is on file, GZ that none is.
def _maintenance_liability(mods: set[str]) -> str:
    """The liability sentence of a manipulation without AT (``chiropractic_denial``), by its GA, GZ or GY."""
    if {"GA", "GZ"} <= mods:
        return (
            "GA (an ABN on file: the patient liable) and GZ (no ABN: the provider liable) contradict each other: "
            "report the one that is true."
        )
    if "GA" in mods:
        return "With GA (an ABN on file) the patient is liable for the charge."
    if "GZ" in mods:
        return "With GZ (no ABN) the provider is liable."
    if "GY" in mods:
        return (
            "GY reports a statutory exclusion, which maintenance manipulation is not: it is denied as not reasonable "
            "and necessary (SSA §1862(a)(1)(A)), reported with GA (an ABN on file: the patient is liable) or GZ (no "
            "ABN: the provider is liable), not GY."
        )
    return "The provider is liable unless an ABN is on file (GA: the patient is then liable)."


# AT with GA on one manipulation line says two things at once: active treatment (AT: covered, Benefit Policy Manual
# ch. 15 §240.1.3) and an ABN for a service expected to be denied (GA: maintenance therapy). Palmetto GBA (JJ, JM),
# "Chiropractic Claims Submitted with Both the 'AT' and 'GA' Modifier to Reject": from 2015-11-01 such lines reject,
# "An ABN cannot be issued for services that are being billed with the AT HCPCS modifier". Other MACs have paid them:
# a note, the line priced as AT says.
ACTIVE_TREATMENT_WITH_ABN_NOTE = (
    "{code} with AT and GA: AT reports active treatment, which Medicare covers, and GA an ABN for a service expected "
    "to be "
    "denied (maintenance therapy). They contradict each other: Palmetto GBA (JJ, JM) rejects such lines (from "
    "2015-11-01: 'An ABN cannot be issued for services that are being billed with the AT HCPCS modifier'). Priced as "
    "AT says: bill AT for active treatment, or GA without AT for maintenance with an ABN on file."
)


def chiropractic_modifier_notes(code: str, modifiers: Iterable[str]) -> tuple[str, ...]:
    """A manipulation line's (``CHIROPRACTIC_MANIPULATION``) AT beside GA: ``ACTIVE_TREATMENT_WITH_ABN_NOTE``; ()
    otherwise. Single lookups and batch alike (``lookup.lines.modifier_notes``)."""
    mods = set(modifiers)
    if code in CHIROPRACTIC_MANIPULATION and {"AT", "GA"} <= mods:
        return (ACTIVE_TREATMENT_WITH_ABN_NOTE.format(code=code),)
    return ()


# GV: "Attending physician not employed or paid under arrangement by the patient's hospice provider". The attending
# physician's services are not hospice services and are paid under the PFS (42 CFR 418.304(c)); of a service with a
# professional and a technical component only the professional one is Part B's, the technical one the hospice's:
# Noridian JF Part B, "Modifier GV": "Bill to Part B: 88305 26GV ... Bill to Hospice: 88305 TC", "Same rules apply for
# diagnostic tests" (71010 26GV, 71010 TC). A trial's 93000-GV (an ECG at a hospice patient's home) was priced
# globally with "GV is informational". The amount stays the line's; the note names what Part B pays. By the code
# alone (batch's cell texts have no RVU row): a global test-only code's professional part
# (``policy.GLOBAL_TEST_PARTS``), a TC line, or a line of neither 26 nor TC, whose note says so for a code with
# components.
GV_NOTE = (
    "Modifier GV (the hospice patient's attending physician, not employed or paid by the hospice) does not change "
    "the amount: the attending physician's services are paid under the PFS (42 CFR 418.304(c)){rest}"
)


# Level II G-codes an attending physician bills with GV that have no technical component either: the RVU file's PC/TC
# indicator is 0 for each (RVU25A, RVU25D and RVU26C alike): the visit add-ons and prolonged care in MEDICAL_VISIT_CODES
# (G2211, G2212, G0316-G0318), home health certification G0180/G0179, care plan oversight G0181/G0182 (home health,
# hospice), the annual wellness visit G0438/G0439 and APCM G0556-G0558. A home-based primary care and hospice trial's
# G2211-GV was told "Where G2211 has a professional and a technical component ... price G2211-26", a row CMS lacks.
GV_NO_COMPONENT_CODES = frozenset(
    {code for code in MEDICAL_VISIT_CODES if code.startswith("G")}
    | {"G0179", "G0180", "G0181", "G0182", "G0438", "G0439", "G0556", "G0557", "G0558"}
)


# Modifiers 26 and TC go only on a code of PC/TC indicator 1 (CMS's RVU file documentation, "PC/TC Indicator"; Claims
# Processing Manual (Pub. 100-04) ch. 23, Addendum, MPFSDB record layout: "1 = Diagnostic Tests ... Modifiers 26 and TC
# can be used with these codes"; 0, physician services: "The concept of PC/TC does not apply ... Modifiers 26 and TC
# cannot be used with these codes"; 2-9 the same of 26 and TC). A code of another indicator has no 26 row to price.
PCTC_WITH_COMPONENTS = "1"


def hospice_attending_note(code: str, modifiers: Iterable[str], pctc: str | None = None) -> str | None:
    """A GV line's note (``GV_NOTE``): what of it Part B pays the attending physician; None without GV. ``pctc``: the
    line's RVU row's PC/TC indicator where it is known (price's row, batch's cell's row), which decides whether the
    code has a professional component (``PCTC_WITH_COMPONENTS``); without it, the code alone does."""
    mods = set(modifiers)
    if "GV" not in mods:
        return None
    from rvucalc.engine.policy import GLOBAL_TEST_PARTS

    source = "Noridian JF Part B, 'Modifier GV'"
    if pctc and pctc.isdigit():
        # The RVU file says it: a G0402-GV (PC/TC 0, a status A G-code not in GV_NO_COMPONENT_CODES) read "price
        # G0402-26", a row CMS lacks. A global test-only code (indicator 4) keeps its parts' sentence below.
        no_components = pctc != PCTC_WITH_COMPONENTS and code not in GLOBAL_TEST_PARTS
    else:
        # A visit or a procedure (anesthesia and surgery 00100-69999, E/M 99202-99499) has no technical component:
        # the conditional sentence below is for diagnostic tests (a trial's 99213-GV read it).
        no_components = (
            code.isdigit() and (code < "70000" or "99202" <= code <= "99499")
        ) or code in GV_NO_COMPONENT_CODES
    if "26" in mods or no_components:
        rest = "."
    elif "TC" in mods:
        rest = (
            f": a test's technical component is the hospice's, not Part B's: bill the hospice for {code}-TC, Part B "
            f"for {code}-26-GV ({source})."
        )
    elif code in GLOBAL_TEST_PARTS:
        technical, professional = (" and ".join(codes) for codes in GLOBAL_TEST_PARTS[code])
        rest = (
            f", its professional part only: Part B pays {professional} with GV, and the technical part, {technical}, "
            f"is the hospice's ({source}): this line is the global test, technical part included."
        )
    else:
        rest = (
            f". Where {code} has a professional and a technical component (PC/TC indicator 1), Part B pays only "
            f"{code}-26-GV, the technical component is the hospice's ({source}): price {code}-26 for Part B's amount."
        )
    return GV_NOTE.format(rest=rest)


# A 55 line (postoperative management only) is billed with the surgery's date and "the place of service is the
# location where the surgery was performed" (Palmetto GBA, Railroad Medicare, "CPT Modifier 55"; a MAC's instruction,
# CMS's manual not read here): its amount is the setting's of the surgery. An ophthalmology trial's co-managing
# optometrist billed 66984-55 at POS 11, which the RVU file's office NA left unpriced.
POSTOPERATIVE_PLACE_NOTE = (
    "A 55 line is billed with the surgery's date and place of service (the place where the surgery was performed: "
    "Palmetto GBA's instructions), not where the postoperative care is given: its PFS amount is that setting's "
    "(the post-operative share of it). No hospital or ASC facility payment is the 55 line's."
)


# Drug modifiers on a line that is no drug. JW ("Drug amount discarded/not administered to any patient") and JZ ("Zero
# drug amount discarded") report, on the drug's own line, how much of a drug or biological from a single-dose container
# (single-use vial or package) was discarded: Pub. 100-04 ch. 17 §40, as MACs restate it ("Medicare may cover the
# discarded amount of a drug or biological when a provider must discard the remainder of a single-use vial or single-use
# package after administering a dose"; JZ on every single-dose-container line with no waste from July 1, 2023: CGS/NGS
# article A53024, "JW and JZ Modifier Billing Guidelines"). JG and TB ("Drug or biological acquired with 340B drug
# pricing program discount", TB "reported for informational purposes") identify a 340B-acquired drug on its claim line
# (CMS, "Billing 340B Modifiers under the Hospital OPPS" FAQs, 2017; CMS's December 2022 guidance: every 340B covered
# entity, on the claim lines of its 340B-acquired separately payable Part B drugs, from January 1, 2024). On a service's
# line (99214-JW, 96413-JZ: an oncology practice's trial) they report nothing: said, the amount unchanged. Which lines
# are services: CPT's codes (five digits; Category II, III and PLA codes, 4 digits and F, T or U) outside its Medicine
# section's product codes, the immune globulins (90281-90399) and vaccines and toxoids (90476-90759, 91300-91399). A
# HCPCS Level II code is not judged by its letter (J, Q, A and C codes hold drugs and supplies alike): no note there.
DRUG_LINE_MODIFIERS = {
    "JW": ("reports the amount of a drug or biological discarded from a single-dose container (JZ: none discarded), "
           "on the drug's own line ({cpm} ch. 17 §40)"),
    "JZ": ("reports that none of a drug or biological from a single-dose container was discarded (JW: the amount "
           "discarded), on the drug's own line ({cpm} ch. 17 §40)"),
    "JG": "marks a drug or biological acquired with a 340B discount, on the drug's own line (CMS's 340B guidance)",
    "TB": ("marks a drug or biological acquired with a 340B discount (informational), on the drug's own line (CMS's "
           "340B guidance)"),
}  # fmt: skip
_CPT_PRODUCTS = ((90281, 90399), (90476, 90759), (91300, 91399))


def is_service_code(code: str) -> bool:
    """A CPT code for a service, not a drug or biological product (``DRUG_LINE_MODIFIERS``' comment): 99214, 96413,
    0001U; not 90376 (rabies immune globulin), 90686 (a flu vaccine), nor any HCPCS Level II code."""
    if len(code) != 5:
        return False
    if code.isdigit():
        return not any(low <= int(code) <= high for low, high in _CPT_PRODUCTS)
    return code[:4].isdigit() and code[4] in "FTU"


# Skin substitutes paid as supplies. From January 1, 2026 the PFS pays a skin substitute that is not a BLA biological
# as an incident-to supply (CY2026 PFS final rule, CMS-1832-F; the 2026 RVU file gives Q4100-Q4399 status A, PC/TC 3),
# no longer as a drug or biological. CMS's JW and JZ policy is a drug policy: JW for "all separately payable drugs
# with discarded drug amounts from single use vials or single use packages payable under Part B", JZ for "all such
# drugs with no discarded amounts" (CMS, "Discarded Drugs" page, JW and JZ Modifier Policy; CY2023 PFS final rule, 87
# FR 69710-69734). A MAC states the consequence for 2026 (Noridian JE, "Noridian Removes Skin Substitute Draft
# Policy"): "JW and JZ modifiers are not appropriate for billing incident-to supplies starting January 1, 2026"; a
# portion discarded: "only bill units administered"; "Not appropriate to bill Medicare for discarded non-BLA skin
# substitute units under any circumstance with JW modifier". A wound care trial's Q4271-JW x 5 was paid $662.35 as
# "informational". The row decides, not the date: a skin substitute row the PFS pays (status A, R, T) is the supply;
# before 2026 its row was status E or X and the ASP file paid it (JW's drug rule, unchanged).
SUPPLY_DISCARDED_NOTE = (
    "Modifier JW on {code}: from 2026 a skin substitute is paid under the PFS as an incident-to supply (CY2026 PFS "
    "final rule, CMS-1832-F), not as a drug, and CMS's JW policy is for drugs: discarded units are not billable (bill "
    "the units applied only), so this line is paid $0.00."
)
SUPPLY_JZ_NOTE = (
    "Modifier JZ on {code}: no longer used for skin substitutes from 2026, which the PFS pays as incident-to supplies "
    "(CY2026 PFS final rule, CMS-1832-F), not drugs (CMS's JW/JZ policy). It does not change the amount."
)
SUPPLY_DISCARDED_RULE = "JW (discarded units of a skin substitute paid as a supply): not billable, $0.00"


def skin_substitute_supply(row: dict[str, Any]) -> bool:
    """A skin substitute's row the PFS pays, as an incident-to supply (``SUPPLY_DISCARDED_NOTE``' comment)."""
    from rvucalc.engine.meanings import PRICED_STATUSES, is_skin_substitute

    return str(row.get("status")) in PRICED_STATUSES and is_skin_substitute(str(row.get("hcpcs")))


def discarded_supply(row: dict[str, Any], modifiers: Iterable[str]) -> bool:
    """A JW line of a skin substitute paid as a supply: not billable, $0.00 (``apply_pfs_modifiers``)."""
    return "JW" in modifiers and skin_substitute_supply(row)


# The hospital's and the ASC's side of the same rule. The CY2026 OPPS/ASC final rule (CMS-1834-FC, 90 FR 53448) pays
# skin substitute products at the hospital as incident-to supplies too, unpackaged into APCs 6000-6002 at one rate,
# and the ASC pays them as covered ancillary items (Addendum BB, PI S2, $127.14): no longer drugs or biologicals, so
# CMS's JW policy (a drug policy, ch. 17 §40) does not make their discarded units billable there either. Noridian JE
# Part A (the hospitals' MAC), "Noridian Removes Skin Substitute Draft Policy": "JW and JZ modifiers are not
# appropriate for billing incident-to supplies starting January 1, 2026 to Medicare"; "Not appropriate to bill
# Medicare for discarded non-BLA skin substitute units under any circumstance with JW modifier". A wound care
# trial's Q4186-JW x 8 at the ASC was paid $973.60 beside the office's $0.00. The facility's rows have no PFS status,
# so the code and the date decide (``meanings.is_skin_substitute``, from ``meanings.SKIN_SUBSTITUTE_SUPPLIES_FROM``).
SUPPLY_DISCARDED_FACILITY_RULE = (
    "JW (discarded units of a skin substitute, an incident-to supply from 2026): not billable, $0.00"
)


def facility_discarded_supply(code: str, modifiers: Iterable[str], year: int) -> bool:
    """A JW line of a skin substitute at the hospital or the ASC from 2026: not billable, its rate $0.00."""
    from rvucalc.engine.meanings import SKIN_SUBSTITUTE_SUPPLIES_FROM, is_skin_substitute

    return "JW" in modifiers and year >= SKIN_SUBSTITUTE_SUPPLIES_FROM and is_skin_substitute(code)


def supply_modifier_notes(row: dict[str, Any], modifiers: Iterable[str]) -> dict[str, str]:
    """JW's and JZ's notes on a skin substitute paid as a supply, by modifier (empty otherwise)."""
    if not skin_substitute_supply(row):
        return {}
    code = str(row.get("hcpcs"))
    said = {"JW": SUPPLY_DISCARDED_NOTE, "JZ": SUPPLY_JZ_NOTE}
    return {m: said[m].format(code=code) for m in modifiers if m in said}


def drug_modifier_note(code: str, modifier: str) -> str | None:
    """The note of a drug line's modifier (JW, JZ, JG, TB) on a service's line (``is_service_code``), or None."""
    said = DRUG_LINE_MODIFIERS.get(modifier)
    if said is None or not is_service_code(code):
        return None
    return (f"Modifier {modifier} {said.format(cpm=CPM)}: {code} is a service, not a drug, so {modifier} does not "
            "apply to it; it does not change the amount.")  # fmt: skip


# An assistant at surgery's line with GC (a resident took part in the service). 42 CFR 415.190 (assistants at surgery
# in teaching hospitals): in a hospital with an approved residency program in the specialty the surgery requires, no
# fee schedule payment is made for an assistant at surgery while a resident of that program is available to serve as
# one, except for exceptional medical circumstances, complex team procedures, concurrent care by another specialty,
# or when no qualified resident is available (82's case). 82 says no qualified resident was available; GC says a
# resident took part: a trial's 27447-82-GC was paid 16% with only "GC is informational". rvucalc does not know the
# hospital's programs: the amount stays as billed, and the contradiction is said.
TEACHING_ASSISTANT_NOTE = {
    "82": (
        "Modifiers 82 and GC on one line contradict each other: 82 says no qualified resident was available to "
        "assist, GC that a resident took part. In a teaching hospital with a residency in the specialty, an "
        "assistant at surgery is paid only under 42 CFR 415.190's exceptions (no qualified resident available, "
        "exceptional circumstances, complex team procedures, concurrent care). Priced here as billed."
    ),
    "80/81": (
        "Modifier {assistant} with GC (a resident took part): in a teaching hospital with a residency in the "
        "specialty, an assistant at surgery is paid only under 42 CFR 415.190's exceptions (no qualified resident "
        "available: 82, exceptional circumstances, complex team procedures, concurrent care). Priced here as billed."
    ),
}


# Routine foot care (cutting or removal of corns and calluses, trimming and debridement of nails) is excluded from
# coverage unless the patient has a systemic condition (diabetes, peripheral vascular disease ...) whose class
# findings the claim reports: Q7 (one class A finding), Q8 (two class B), Q9 (one class B and two class C) (Medicare
# Benefit Policy Manual, Pub. 100-02, ch. 15 §290, "Foot Care"; the MACs' Routine Foot Care LCDs name 11055-11057,
# 11719, 11720, 11721 and G0127 and require one of Q7-Q9 on them). The RVU file gives 11055-11057, 11719 and G0127
# status R ("restricted coverage"); 11720 and 11721 (status A) are routine only when no mycotic nail treatment is
# covered on its own terms (§290.F). The amount is unchanged: the note says the denial risk, as other coverage notes.
# A podiatry trial found batch's 11056 without Q7-Q9 priced with no word of it.
ROUTINE_FOOT_CARE_CODES = frozenset({"11055", "11056", "11057", "11719", "11720", "11721", "G0127"})
FOOT_CARE_CLASS_FINDINGS = ("Q7", "Q8", "Q9")
_MYCOTIC_NAIL_CODES = frozenset({"11720", "11721"})


def routine_foot_care_notes(code: str, modifiers: Iterable[str]) -> tuple[str, ...]:
    """A routine foot care code's line without a class finding modifier (``ROUTINE_FOOT_CARE_CODES``): that Medicare
    excludes it unless Q7, Q8 or Q9 is reported; () otherwise."""
    if code not in ROUTINE_FOOT_CARE_CODES or any(m in FOOT_CARE_CLASS_FINDINGS for m in modifiers):
        return ()
    what = "routine foot care"
    if code in _MYCOTIC_NAIL_CODES:
        what += " when it is not a covered mycotic nail treatment"
    return (
        f"{code} is {what}, which Medicare excludes unless a class finding is reported: add Q7, Q8 "
        "or Q9 when the record shows the systemic condition's findings, else expect a denial (the patient pays). "
        "Benefit Policy Manual ch. 15 §290. The amount is unchanged.",
    )


# Routine foot care is excluded by statute (Social Security Act §1862(a)(13), as podiatry billing guides cite it):
# "Except as provided above, routine foot care is excluded from coverage" (Benefit Policy Manual ch. 15 §290.B.2: "the
# cutting or removal of corns and calluses; the trimming, cutting, clipping, or debriding of nails ..."), the class
# findings (Q7-Q9, §290.C.3) its exception. A statutory exclusion is reported with GY, the patient liable with no ABN
# required (the GY entry above); GA reports an ABN for a denial as not reasonable and necessary (§1862(a)(1), within
# §1879), which an excluded service is not, as engine.meanings says of a refraction with GZ and
# ``_maintenance_liability`` of maintenance manipulation with GY. So GA on a routine foot care line without Q7-Q9 says
# so, in place of "Modifier GA is informational" (a podiatry trial's 11056-GA); with Q7-Q9 the line is covered and GA
# (a frequency or other medical necessity limit) may be its own: its informational note is kept. 11720 and 11721 are
# excluded only as routine care, not as a covered mycotic nail treatment (§290.F): said with that condition. (GZ is
# not said: a denial's message is made from the row's modifiers, which leave Q7-Q9 out, lookup.lines.resolve_parsed.)
def routine_foot_care_ga_note(code: str, modifiers: Iterable[str]) -> str | None:
    """GA on routine foot care without Q7-Q9 (``ROUTINE_FOOT_CARE_CODES``): its note in place of GA's informational
    one (``code_modifier_notes``); None otherwise."""
    modifiers = tuple(modifiers)
    if code not in ROUTINE_FOOT_CARE_CODES or "GA" not in modifiers:
        return None
    if any(m in FOOT_CARE_CLASS_FINDINGS for m in modifiers):
        return None
    unless = ", unless a covered mycotic nail treatment," if code in _MYCOTIC_NAIL_CODES else ""
    return (
        f"Modifier GA (ABN) does not change the amount. {code} without Q7-Q9{unless} is excluded by statute (Social "
        "Security Act §1862(a)(13)), not denied as not reasonable and necessary: report GY (the patient is liable, no "
        "ABN required)."
    )


# The class findings modifiers are routine foot care's: "Submit this modifier with routine foot care (CPT codes
# 11055-11057, 11719, 11720 or 11721, or HCPCS code G0127) to indicate that the patient has a Class A finding that
# qualifies the service for coverage under Medicare" (Palmetto GBA, "HCPCS Modifier Q7", and its Q8 and Q9 pages
# alike; Benefit Policy Manual ch. 15 §290.D). On another code (an E/M visit, 11042's debridement, 11730's nail
# avulsion) they qualify nothing: said, not passed over as informational (a podiatry trial's 99213-Q8 and 11042-Q8).
CLASS_FINDINGS_ELSEWHERE_NOTE = (
    "Modifier {modifier} ({meaning}) is a class findings modifier of routine foot care (11055-11057, 11719-11721, "
    "G0127: Benefit Policy Manual ch. 15 §290.D, the MACs' routine foot care articles). On {code} it qualifies "
    "nothing for coverage. The amount is unchanged."
)


def class_findings_elsewhere_notes(code: str, modifiers: Iterable[str]) -> dict[str, str]:
    """Per class findings modifier (Q7-Q9) on a code that is not routine foot care (``ROUTINE_FOOT_CARE_CODES``): the
    note that says so (``CLASS_FINDINGS_ELSEWHERE_NOTE``), in place of the modifier's informational note."""
    if code in ROUTINE_FOOT_CARE_CODES:
        return {}
    found = {}
    for modifier in modifiers:
        info = lookup(modifier) if modifier in FOOT_CARE_CLASS_FINDINGS else None
        if info is not None:
            meaning = info.meaning[0].lower() + info.meaning[1:]
            found[modifier] = CLASS_FINDINGS_ELSEWHERE_NOTE.format(modifier=modifier, meaning=meaning, code=code)
    return found


# AT (acute treatment) is chiropractic manipulation's modifier: "This modifier may only be submitted with CPT codes
# 98940, 98941 and 98942" (Palmetto GBA JJ, "HCPCS Modifier AT"); "This Chiropractic only modifier ... Involves CPTs
# 98940, 98941, and 98942 only" (Noridian JE, "Modifier AT"); Benefit Policy Manual ch. 15 §240.1.3. On another code
# (a podiatry trial's 11721-AT, a nail debridement) it reports nothing: said, not passed over as informational, as
# Q7-Q9 off routine foot care are (``CLASS_FINDINGS_ELSEWHERE_NOTE``).
ACTIVE_TREATMENT_ELSEWHERE_NOTE = (
    "Modifier AT (acute treatment) is chiropractic manipulation's modifier, billed on 98940-98942 only (Benefit "
    "Policy Manual ch. 15 §240.1.3, as Palmetto GBA and Noridian state it). On {code} it reports nothing: leave it "
    "off (a routine foot care line's class findings are Q7, Q8 or Q9). The amount is unchanged."
)


def active_treatment_elsewhere_notes(code: str, modifiers: Iterable[str]) -> dict[str, str]:
    """AT on a code that is not a chiropractic manipulation (``CHIROPRACTIC_MANIPULATION``): the note that says so
    (``ACTIVE_TREATMENT_ELSEWHERE_NOTE``), in place of AT's informational note; {} otherwise."""
    if code in CHIROPRACTIC_MANIPULATION or "AT" not in modifiers:
        return {}
    return {"AT": ACTIVE_TREATMENT_ELSEWHERE_NOTE.format(code=code)}


def teaching_assistant_notes(modifiers: Iterable[str]) -> tuple[str, ...]:
    """The note of an assistant at surgery's line (80, 81, 82) that says a resident took part (GC):
    ``TEACHING_ASSISTANT_NOTE``. Single lookups and batch alike (``lookup.lines.modifier_notes``)."""
    present = set(modifiers)
    if "GC" not in present:
        return ()
    if "82" in present:
        return (TEACHING_ASSISTANT_NOTE["82"],)
    assistant = sorted(present & {"80", "81"})
    return (TEACHING_ASSISTANT_NOTE["80/81"].format(assistant=assistant[0]),) if assistant else ()


# Portable X-ray transport (Claims Processing Manual ch. 13 §90.3, as CMS's MLN Matters "Modifiers for Transportation
# of Portable X-Rays (R0075)" and Noridian's portable X-ray billing guidelines restate it): one transport payment per
# trip, prorated among the patients served; R0075 (more than one patient seen, per patient) carries exactly one of
# UN-US, the number served (two to six or more), and "if only one patient is served, R0070 should be reported with no
# modifier". Both are MAC-priced (status C): a note of the line's coding, no amount.
PORTABLE_XRAY_COUNT_MODIFIERS = ("UN", "UP", "UQ", "UR", "US")
PORTABLE_XRAY_MANY_NOTE = (
    "R0075 (portable X-ray transport, more than one patient seen) is reported with one of UN, UP, UQ, UR or US, the "
    "number of patients served on the trip (two to six or more), among whom the MAC prorates the trip's single "
    "transport payment (Claims Processing Manual ch. 13 §90.3): this line has {had}."
)
PORTABLE_XRAY_ONE_NOTE = (
    "R0070 (portable X-ray transport, one patient seen) is reported with no patient-count modifier: a trip serving "
    "more patients is R0075 with {modifier}, per patient (Claims Processing Manual ch. 13 §90.3)."
)


def portable_xray_transport_notes(code: str, modifiers: Iterable[str]) -> tuple[str, ...]:
    """The note of an R0075 line without exactly one UN-US modifier, or of an R0070 line with one. Single lookups and
    batch alike (``lookup.lines.modifier_notes``)."""
    counts = [modifier for modifier in modifiers if modifier in PORTABLE_XRAY_COUNT_MODIFIERS]
    if code == "R0075" and len(counts) != 1:
        return (PORTABLE_XRAY_MANY_NOTE.format(had=f"{' and '.join(counts)}" if counts else "none"),)
    if code == "R0070" and counts:
        return (PORTABLE_XRAY_ONE_NOTE.format(modifier=" or ".join(counts)),)
    return ()


# The patient count on R0075 is no informational modifier: an IDTF trial's R0075-UP was told "Modifier UP is
# informational: it does not change the amount", where the count is what the MAC divides the trip's one transport
# payment by (Claims Processing Manual ch. 13 §90.3: one transport payment per trip, prorated among the patients served;
# the HCPCS modifiers UN-US, two to six or more patients served). Said in place of the informational note, on R0075
# with exactly one count (otherwise PORTABLE_XRAY_MANY_NOTE says what is wrong). Words only: R0075 is MAC-priced.
PORTABLE_XRAY_PATIENTS = {"UN": "two", "UP": "three", "UQ": "four", "UR": "five", "US": "six or more"}
PORTABLE_XRAY_COUNT_NOTE = (
    "Modifier {modifier} ({patients} patients served on the trip): the MAC prorates the trip's single transport "
    "payment among them (Claims Processing Manual ch. 13 §90.3), so it sets this line's share of the MAC's fee."
)


def portable_xray_count_notes(code: str, modifiers: Iterable[str]) -> dict[str, str]:
    """R0075's one patient-count modifier (UN-US): the note of what it does (``PORTABLE_XRAY_COUNT_NOTE``), in place
    of its informational note; {} on another code, or with none or several counts (``portable_xray_transport_notes``
    says so). Single lookups and batch alike (``lookup.lines.modifier_notes``)."""
    counts = [modifier for modifier in modifiers if modifier in PORTABLE_XRAY_COUNT_MODIFIERS]
    if code != "R0075" or len(counts) != 1:
        return {}
    (count,) = counts
    return {count: PORTABLE_XRAY_COUNT_NOTE.format(modifier=count, patients=PORTABLE_XRAY_PATIENTS[count])}


# Portable X-ray set-up (Q0092) and transport (R0070, R0075) to a SNF resident (POS 31): the RVU file prices Q0092 in
# the facility setting (PC/TC 3, facility PE 0.79 in RVU25D, 0.76 in RVU26C) and the MAC prices R0070/R0075, and a
# post-acute trial found nothing of consolidated billing said of them there. Claims Processing Manual ch. 13 §90.3
# (transportation component, as a radiology billing site restates it): "If the patient is in a Part A SNF stay, the
# transportation and set up costs are subject to consolidated billing and not separately billable to Medicare Part B", a
# Part B patient's share of the trip being paid under Part B; §90.5, NOTE: of a portable X-ray service during a
# Medicare-covered SNF stay "only the service's professional component ... is a separately billable physician service
# under Part B (see §20.1 of this chapter and §20.1.1 of Chapter 6)", the technical component with its transportation
# being the SNF's (SSA §1888(e)(2)(A)(ii) excludes physicians' services alone). POS 31 is that stay: CMS's own place of
# service rule pays the PFS facility rate at "Skilled Nursing Facility (SNF) for a Part A resident (POS code 31)" and
# the non-facility rate at "Nursing Facility and Skilled Nursing Facilities (SNFs) to Part B residents - (POS code 32)"
# (Claims Processing Manual ch. 12 §20.4.2, "Site of Service Payment Differential", as two published copies quote it),
# and CMS's MLN Matters MM13767 (CR 13767, effective July 1, 2025, as a compliance firm's summary restates it) has
# physicians use POS 31 for a SNF resident in a Part A stay and POS 32 for a nursing facility or a SNF resident without
# Part A coverage (CMS's MLN resources, May 2024, as PALTC (AMDA) restates them: "SNF (with Part A coverage): 31";
# "Nursing facility (or SNF with no Part A coverage): 32"). A trial (an IDTF) found its MAC (NGS) denying technical-only
# codes at POS 31. So at POS 31 the lines are not payable under Part B, as 71045-TC there (its facility 'NA',
# engine.pfs.technical_component_at_place_reason): unpriced, with this reason, the line left out of the totals. POS 32
# (the resident outside a covered Part A stay) is priced as before, the office rate. Q0092 is the one payable (status A)
# technical-only (PC/TC 3) row with a facility amount in RVU25D and RVU26C: the others' facility PE is 'NA', unpriced at
# POS 31 already (engine.pfs.technical_only_at_place_reason); the status C ones (radiation delivery, digital pathology
# ...) are the MAC's, no rule of portable X-ray, left as they are. Price and batch alike (lookup.pricer,
# batch.price._portable_xray_not_payable_at_place: the PFS facility setting of the line at POS 31).
PORTABLE_XRAY_SET_UP_AND_TRANSPORT = frozenset({"Q0092", "R0070", "R0075"})
PORTABLE_XRAY_AT_SNF_REASON = (
    "Not payable at POS 31 (Skilled nursing facility): POS 31 is a SNF resident in a covered Part A stay (Claims "
    "Processing Manual ch. 12 §20.4.2: the facility rate is for a SNF's Part A resident, POS 32 for a Part B "
    "resident), and there portable X-ray set-up and transportation, like the test's technical component, are subject "
    "to SNF consolidated billing, not separately billable to Medicare Part B: the SNF pays the supplier, and only the "
    "professional component (modifier 26) is billed to Part B (Claims Processing Manual ch. 13 §90.3, §90.5, ch. 6 "
    "§20.1.1). For a resident outside a covered Part A stay the supplier bills Part B with POS 32 (Nursing facility)"
)


# The same lines for a hospital inpatient (POS 21; an inpatient psychiatric facility, 51, and a comprehensive inpatient
# rehabilitation facility, 61, are hospitals or hospital units paid for the stay under their own PPS): a review's
# `price Q0092 71045-TC --zip 85701 --setting 21` priced Q0092 at its PFS facility amount ($24.88, RVU26C) beside
# 71045-TC not payable there. Claims Processing Manual ch. 13 §20.2 (technical component, "Hospital and Skilled Nursing
# Facility (SNF) Patients", as a radiology billing site restates it): carriers "may not pay for the technical component
# (TC) of radiology services furnished to hospital patients", the provider services needed to produce the radiology
# service being paid to the hospital as a provider service, an inpatient's in its PPS payment; "Hospital bundling rules
# exclude payment to suppliers of the TC of a radiology service for beneficiaries in a hospital inpatient stay", the
# CWF rejecting the supplier's line dated within the stay (42 CFR 415.120(b): no fee schedule payment for the provider
# services needed to produce the x-ray films). A portable X-ray service's set-up and transportation are part of its
# technical component (ch. 13 §90.5, NOTE: "the technical component representing the procedure itself, including any
# associated transportation"). CMS's Recovery Audit topic 0123 ("Technical Component (TC) of Diagnostic Procedures
# during an Inpatient Stay", cms.gov): the TC of diagnostics billed on a date of an inpatient hospital claim "is not
# payable to the Part B provider"; 42 CFR 412.509(b), a long-term care hospital's form of the bundling rule 42 CFR
# 411.15(m) gives for every hospital (411.15(m) itself not read here): "Medicare does not pay any provider or supplier
# other than the long-term care hospital for services furnished to a Medicare beneficiary who is an inpatient of the
# hospital", but for physicians', PAs', NPs', CNSs', nurse-midwives', psychologists' and anesthetists' services; a
# hospital without X-ray equipment has the supplier furnish it under arrangements and bills it itself (ch. 13 §20.2).
# Unlike POS 31 the place does not turn on Part A coverage: an inpatient's non-physician services are the hospital's.
# So not payable there, as at POS 31: unpriced with the reason, left out of the totals. Hospital outpatients: below.
PORTABLE_XRAY_FOR_INPATIENT_PLACES = frozenset({"21", "51", "61"})
PORTABLE_XRAY_FOR_INPATIENT_REASON = (
    "Not payable at POS {pos} ({name}): a hospital inpatient's portable X-ray set-up and transportation, like the "
    "test's technical component, are the hospital's, paid in its payment for the stay, not to the supplier under "
    "Part B: hospital bundling rules exclude payment to suppliers of the technical part for a beneficiary in an "
    "inpatient stay, and a hospital without the equipment has the supplier furnish it under arrangements and bills it "
    "itself (Claims Processing Manual ch. 13 §20.2 and §90.5, 42 CFR 411.15(m) and 415.120(b)). Only the "
    "professional component (modifier 26) is billed to Part B"
)


# The same lines for a hospital outpatient (POS 19 and 22, the off- and on-campus outpatient hospital; 23, the
# hospital's emergency room; --setting hopd and a type of bill 13x, the hospital's own outpatient claim, which name no
# POS): `price Q0092 71045-TC 71045-26 --setting 22 --zip 85701 --date 2025-07-07` paid Q0092 its PFS facility amount
# ($25.19, RVU25A) on the practitioner's side beside 71045-TC not paid there, and batch the same. Claims Processing
# Manual ch. 13 §20.2 (as a radiology billing site restates it): carriers "may not pay for the technical component (TC)
# of radiology services furnished to hospital patients", the provider services needed to produce the radiology service
# being paid to the hospital as a provider service; the fee schedule pays the TC of "beneficiaries who are not patients
# of any hospital" (an office, a freestanding imaging center, "or other setting that is not part of a hospital"). 42 CFR
# 410.42(a) (eCFR text as a law site gives it): "Medicare Part B does not pay for any item or service that is furnished
# to a hospital outpatient (as defined in § 410.2) during an encounter (as defined in § 410.2) by an entity other than
# the hospital unless the hospital has an arrangement ... with that entity", its exceptions (410.42(b)) being
# physicians', PAs', NPs', CNSs', nurse-midwives', psychologists' and anesthetists' services and SNF residents' (a
# portable X-ray supplier's set-up and transport is none of them); 42 CFR 410.28(c): diagnostic services furnished by
# an entity other than the hospital are subject to 410.42(a). The set-up and transport are part of the technical
# component (ch. 13 §90.5, NOTE), and the hospital's own line for Q0092 is OPPS status indicator N (Addendum B:
# packaged, its cost in the claim's other services); R0070 and R0075 are SI B, "not payable under OPPS" (a MAC's
# portable X-ray article, Noridian JE Part A). POS 23 is the hospital's emergency room (CMS's POS code set, as billing
# guides quote it: "a portion of a hospital where emergency diagnosis and treatment of illness or injury is provided"),
# its patient not admitted, a hospital outpatient as at 22. So not payable to the supplier there: the hospital site's
# facility payment (Q0092's packaged $0.00) stands, the PFS facility amount not included, as 71045-TC's there.
PORTABLE_XRAY_FOR_OUTPATIENT_PLACES = frozenset({"19", "22", "23"})
PORTABLE_XRAY_HOSPITAL_OUTPATIENT_SITE = "hopd"  # the site word's (or type of bill 13x's) key: no POS
PORTABLE_XRAY_FOR_OUTPATIENT_REASON = (
    "Not payable at {place}: a hospital outpatient's portable X-ray set-up and transportation, like the test's "
    "technical component, are the hospital's (its own line: OPPS, Q0092 packaged), not paid to the supplier under "
    "Part B: Medicare Part B does not pay for a service furnished to a hospital outpatient during an encounter by an "
    "entity other than the hospital unless under arrangements with it, and carriers may not pay the technical "
    "component of radiology services furnished to hospital patients (42 CFR 410.42(a), Claims Processing Manual ch. "
    "13 §20.2 and §90.5). Only the professional component (modifier 26) is billed to Part B"
)


# The same lines for a patient of an ambulatory surgical center (POS 24; --setting asc, which names no POS): `price
# Q0092 --setting asc` paid the supplier its PFS facility amount ($25.19) beside the ASC's own packaged line (PI N1),
# and batch's asc_* comparison columns were that on an office row but $0.00 on a POS 21 or 31 row. 42 CFR 416.164(a)
# (eCFR text as a law site gives it): the ASC services "for which payment is packaged into the ASC payment for a covered
# surgical procedure" include "(11) Radiology services for which separate payment is not allowed under the OPPS and
# other diagnostic tests or interpretive services that are integral to a surgical procedure" (Q0092 is SI N, R0070 and
# R0075 SI B: no separate OPPS payment; the set-up and transport are part of the technical component, ch. 13 §90.5).
# And CMS's 2010 change request "Clarification of Billing Requirement for Ancillary Services Performed in the
# Ambulatory Surgical Center (ASC) by Entities Other Than ASCs" (HHS guidance repository, 08/06/2010; of CR 5680's
# requirement 5680.11.1): contractors deny the technical component, and the global, of the ancillary services on the
# ASC fee schedule (Q0092 is on Addendum BB, PI N1) billed by any specialty other than an ASC (49) with POS 24; "the
# professional component shall be the only payment allowed". 410.42(a) does not reach an ASC's patient (no hospital
# outpatient), but these do: not paid to the supplier, the ASC's site its own line alone (Q0092's packaged $0.00).
PORTABLE_XRAY_AT_ASC_PLACES = frozenset({"24"})
PORTABLE_XRAY_ASC_SITE = "asc"  # the site word's key: no POS
PORTABLE_XRAY_AT_ASC_REASON = (
    "Not payable at {place}: an ASC patient's portable X-ray set-up and transportation, like the test's technical "
    "component, are the ASC's (its own line: Q0092 packaged, PI N1), not paid to the supplier under Part B: radiology "
    "services not paid separately under the OPPS that are integral to a surgical procedure are packaged into the ASC "
    "payment (42 CFR 416.164(a)(11)), and contractors deny the technical component of an ASC fee schedule ancillary "
    "service billed with POS 24 by any other than the ASC (CMS's 2010 clarification of CR 5680). Only the "
    "professional component (modifier 26) is billed to Part B"
)


@functools.cache
def portable_xray_not_payable_reasons() -> dict[str, str]:
    """Each place's reason (price and batch alike: lookup.pricer, batch.price._portable_xray_not_payable_at_place):
    POS 31's, the hospital inpatient places' and the hospital outpatient places' (and the hospital outpatient site's,
    ``PORTABLE_XRAY_HOSPITAL_OUTPATIENT_SITE``, where a site word or a type of bill 13x names no POS)."""
    from rvucalc.engine.pfs import SNF_PLACE
    from rvucalc.engine.place_of_service import POS

    inpatient = {pos: PORTABLE_XRAY_FOR_INPATIENT_REASON.format(pos=pos, name=POS[pos].name)
                 for pos in sorted(PORTABLE_XRAY_FOR_INPATIENT_PLACES)}  # fmt: skip
    outpatient = {pos: PORTABLE_XRAY_FOR_OUTPATIENT_REASON.format(place=f"POS {pos} ({POS[pos].name})")
                  for pos in sorted(PORTABLE_XRAY_FOR_OUTPATIENT_PLACES)}  # fmt: skip
    outpatient[PORTABLE_XRAY_HOSPITAL_OUTPATIENT_SITE] = PORTABLE_XRAY_FOR_OUTPATIENT_REASON.format(
        place="the hospital outpatient department"
    )
    at_asc = {pos: PORTABLE_XRAY_AT_ASC_REASON.format(place=f"POS {pos} ({POS[pos].name})")
              for pos in sorted(PORTABLE_XRAY_AT_ASC_PLACES)}  # fmt: skip
    at_asc[PORTABLE_XRAY_ASC_SITE] = PORTABLE_XRAY_AT_ASC_REASON.format(place="the ambulatory surgical center")
    return {SNF_PLACE: PORTABLE_XRAY_AT_SNF_REASON, **inpatient, **outpatient, **at_asc}


def portable_xray_place(pos: str | None, site: str | None) -> str | None:
    """The key of ``portable_xray_not_payable_reasons`` for a line's place: its POS, else the hospital outpatient
    site's or the ASC's where the setting names the site alone (hopd, a type of bill 13x; asc); else None."""
    if pos:
        return pos
    return {"hopd": PORTABLE_XRAY_HOSPITAL_OUTPATIENT_SITE, "asc": PORTABLE_XRAY_ASC_SITE}.get(site or "")


def portable_xray_site_reason(code: str, site: str, place: str | None) -> str | None:
    """The hospital outpatient (``site`` 'hopd') or ASC ('asc') site's reason for a portable X-ray set-up or transport
    line, wherever the line is set (``place``: ``portable_xray_place``'s): at one of that site's places (POS 19, 22,
    23; POS 24) that place's, else (no setting, the office, the other facility, a SNF ...) the site's own. The site
    compares what the line would be paid there, so the same rule holds there whatever the line's own place: `price
    Q0092` with no setting, and batch's hopd_* columns on an office row, had put the PFS facility amount ($25.19) in
    the hospital's row beside `--setting hopd`'s $0.00, and batch's asc_* were $25.19 on an office row, $0.00 on a SNF
    row. None for any other code. (lookup.pricer; batch.price.BatchPricer._sites.)"""
    places, own = ((PORTABLE_XRAY_FOR_OUTPATIENT_PLACES, PORTABLE_XRAY_HOSPITAL_OUTPATIENT_SITE) if site == "hopd"
                   else (PORTABLE_XRAY_AT_ASC_PLACES, PORTABLE_XRAY_ASC_SITE))  # fmt: skip
    return portable_xray_not_payable_reason(code, place if place in places else own)


def portable_xray_not_payable_reason(code: str, place: str | None) -> str | None:
    """The reason a portable X-ray set-up or transport line's PFS facility setting is not payable at its place
    (``portable_xray_place``): a SNF (POS 31, ``PORTABLE_XRAY_AT_SNF_REASON``), a hospital inpatient's
    (``PORTABLE_XRAY_FOR_INPATIENT_PLACES``) or a hospital outpatient's (``PORTABLE_XRAY_FOR_OUTPATIENT_PLACES``, the
    hospital outpatient site); else None."""
    if code not in PORTABLE_XRAY_SET_UP_AND_TRANSPORT or place is None:
        return None
    return portable_xray_not_payable_reasons().get(place)


# 78 (an unplanned return to the operating or procedure room for a related procedure in the postoperative period) at
# the office. CMS's global surgery rules pay a complication's treatment apart from the package only where it needs a
# return trip to the operating room: the package includes "All additional medical or surgical services required of
# the surgeon during the postoperative period of the surgery because of complications which do not require
# additional trips to the operating room", and "An operating room for this purpose is defined as a place of service
# specifically equipped and staffed for the sole purpose of performing procedures. The term includes a cardiac
# catheterization suite, a laser suite, and an endoscopy suite. It does not include a patient's room, a minor
# treatment room, a recovery room, or an intensive care unit (unless the patient's condition was so critical there
# would be insufficient time for transportation to an OR)" (Claims Processing Manual ch. 12 §40, global surgery, in
# the words CMS's Global Surgery booklet (MLN907166) gives them as AAPC's Neurosurgery Coding Alert quotes it, and the
# manual's as medicalbillingcptmodifiers.com quotes it; the manual itself was not read here). A review's
# `price 11042-78 --setting 11` was priced $155.13 without a word. The office (POS 11) may or may not have such a room
# (rvucalc cannot tell), so a note, the amount as priced. Price and batch alike (engine.therapists.therapist_place,
# the per-line note of a line at its place).
RETURN_TO_OR_OFFICE_NOTE = (
    "78 (return to the operating or procedure room) at POS 11 (Office): Medicare pays a complication's treatment in "
    "the postoperative period apart from the global package only when it needs a return trip to an operating room, "
    '"a place of service specifically equipped and staffed for the sole purpose of performing procedures" (a '
    "cardiac catheterization, laser or endoscopy suite), not \"a patient's room, a minor treatment room, a recovery "
    "room, or an intensive care unit\" (Claims Processing Manual ch. 12 §40, global surgery, as CMS's Global Surgery "
    "booklet restates it): done in the office's minor treatment room, it is part of the global package. Priced as "
    "given"
)


def return_to_or_note(modifiers: Iterable[str], place: str | None) -> str | None:
    """``RETURN_TO_OR_OFFICE_NOTE`` for a line with 78 at the office (POS 11); else None."""
    return RETURN_TO_OR_OFFICE_NOTE if place == "11" and "78" in modifiers else None


def postoperative_place_notes(modifiers: Iterable[str]) -> tuple[str, ...]:
    """The note of a postoperative-management-only line (55). Single lookups and batch alike."""
    return (POSTOPERATIVE_PLACE_NOTE,) if "55" in modifiers else ()


def informational(modifier: str) -> bool:
    """A modifier that changes no schedule's amount, row or checks (25, 59, GP, LT, RT ...): a known one whose
    effect is none."""
    return require(modifier).effect == "none"


def another_schedules(modifier: str) -> bool:
    """A modifier that acts only on the CLFS, ASP or DMEPOS schedules (QW, NU, RR ...): on a line those price it
    chooses the row, so it is not "informational" there (``lookup.lines.informational_notes``)."""
    info = require(modifier)
    return info.effect != "none" and info.schedules <= _OWN_SCHEDULE_ONLY


def schedule_effect(modifier: str, schedule: str) -> EffectKind:
    """What a modifier does on one schedule: its effect where it applies, informational elsewhere
    (a claim's modifiers travel with the line; only ``check_applies`` refuses a code)."""
    info = require(modifier)
    return info.effect if schedule in info.schedules else "none"


def check_combination(mods: Sequence[str], sides: bool = True, sided_item: str | None = None) -> None:
    """Refuse a modifier list no claim line can carry (UsageError with the reason). ``sides`` False: LT with RT (or
    with 50) is not refused here, for a code whose refusal is its own (a hearing aid's statutory exclusion:
    ``lookup.lines.parse_line``). ``sided_item``: the code of a DMEPOS item the DME MACs bill one line per side
    (``engine.meanings.is_dmepos_sided_item``), whose refusal says so, not "bill 50"."""
    _check_combination(tuple(m.strip().upper() for m in mods), sides, sided_item)


# A DMEPOS item's pair is two lines, RT and LT (engine.meanings.is_dmepos_sided_item: the DME MACs reject RTLT on one
# line from 2019-03-01), and 50 is no DMEPOS modifier: its refusal says so.
SIDED_ITEM_REFUSAL = (
    "{mods} on one line: {code} is a DMEPOS item, and the DME MACs want a pair billed on two lines, one with RT and "
    "one with LT, each with its own units (RTLT on one line is rejected as incorrect coding, for dates of service from "
    "2019-03-01, 50 is the physician fee schedule's bilateral modifier)."
)


@functools.lru_cache(maxsize=4096)  # claim files repeat a few hundred modifier lists across millions of lines
def _check_combination(codes_seen: tuple[str, ...], sides: bool = True, sided_item: str | None = None) -> None:
    codes = list(codes_seen)
    if len(codes) > MAX_MODIFIERS:
        raise UsageError(
            f"{len(codes)} modifiers on one line: a claim line carries at most {MAX_MODIFIERS}.",
            kind=ErrorKind.BAD_MODIFIER,
        )
    for code in codes:
        require(code)
    repeated = sorted({m for m in codes if codes.count(m) > 1})
    if repeated:
        raise UsageError(f"Modifier {', '.join(repeated)} is given twice on one line.", kind=ErrorKind.BAD_MODIFIER)
    present = set(codes)
    if sides and sided_item and ({"LT", "RT"} <= present or ("50" in present and present & {"LT", "RT"})):
        given = " and ".join(m for m in ("50", "RT", "LT") if m in present)
        raise UsageError(SIDED_ITEM_REFUSAL.format(mods=given, code=sided_item), kind=ErrorKind.BAD_MODIFIER)
    if sides and "50" in present and present & {"LT", "RT"}:
        side = "/".join(sorted(present & {"LT", "RT"}))
        raise UsageError(
            f"50 (bilateral) and {side} on one line: bill 50, or one line per side with LT and RT.",
            kind=ErrorKind.BAD_MODIFIER,
        )
    if sides and {"LT", "RT"} <= present:
        raise UsageError(
            "LT and RT on one line: bill 50 (bilateral) or one line per side.", kind=ErrorKind.BAD_MODIFIER
        )
    for group, reason in _EXCLUSIVE:
        both = sorted(present & group)
        if len(both) > 1:
            raise UsageError(f"Modifiers {' and '.join(both)} conflict: {reason}", kind=ErrorKind.BAD_MODIFIER)
    for first, second, reason in _PAIRED:
        if first in present and second in present:
            raise UsageError(f"Modifiers {first} and {second} conflict: {reason}", kind=ErrorKind.BAD_MODIFIER)


# -- applicability ----------------------------------------------------------------------------

# CT codes subject to modifier CT (MLN MM9250; "and any succeeding codes" per CMS's CT
# Modifier Reduction List page, which is not installed: successors CMS added later are not known here).
CT_CODE_RANGES: tuple[tuple[int, int], ...] = (
    (70450, 70498), (71250, 71275), (72125, 72133), (72191, 72194), (73200, 73206),
    (73700, 73706), (74150, 74178), (74261, 74263), (75571, 75574),
)  # fmt: skip
# Diagnostic radiology (CPT 70010-76499). CMS publishes no list of X-ray codes for FX/FY
# (CR 9727: MACs say CMS declined to provide one): rvucalc's reading is "a diagnostic
# radiology code with a technical component", marked as such in messages, less the codes of that range that
# take no X-ray film or plate: CT and CT angiography (with the CT modifier's list), MR imaging, angiography and
# spectroscopy, MR safety services, and 3D rendering of other images (the descriptors of the 2026 RVU file;
# tests/test_modifiers.py checks every CT/MR descriptor of the installed file falls here).
DIAGNOSTIC_RADIOLOGY = (70010, 76499)
NOT_XRAY_RANGES: tuple[tuple[int, int], ...] = (
    (70336, 70336), (70540, 70559), (71550, 71555), (72141, 72159), (72195, 72198), (73218, 73225),
    (73718, 73725), (74181, 74185), (74712, 74713), (75557, 75565), (75577, 75580), (75635, 75635),
    (76016, 76019), (76376, 76380), (76390, 76391), (76497, 76498),
)  # fmt: skip
# The RVU file's multiple-procedure indicator 5: "subject to 50% of the practice expense
# component for certain therapy services" - the PFS's own marker of outpatient therapy codes.
THERAPY_MULT_PROC = "5"
# Remote therapeutic monitoring is "sometimes therapy" on CMS's annual therapy code list (2022 on; CR 14250 / MLN
# Matters MM14250 for 2026 added 98979, 98984, 98985), so a therapist's line carries GP or GO and, when a PTA or OTA
# furnishes it in whole or in part, CQ or CO at 85% (SSA §1834(v)). NGS Medicare, "2024 Annual Update to the Therapy
# Code List: Remote Therapeutic Monitoring": services delegated to therapy assistants "are subject to the de minimis
# standard (except the device codes, CPT codes 98976 and 98977)". The RVU file gives them multiple procedure
# indicator 0, so the indicator alone refused 98980-GP-CQ (a trial: $56.00 at 19104 in 2026C, $47.60 with CQ).
RTM_ASSISTANT_CODES = frozenset({"98975", "98979", "98980", "98981"})
RTM_DEVICE_CODES = frozenset({"98976", "98977", "98978", "98984", "98985", "98986"})


def takes_assistant_modifier(code: str, mult_proc: str | None) -> bool:
    """Whether CQ/CO may go on a line of this code: an always-therapy code (multiple procedure indicator 5), or an RTM
    code of the therapy code list (``RTM_ASSISTANT_CODES``)."""
    return mult_proc == THERAPY_MULT_PROC or code in RTM_ASSISTANT_CODES


def _numeric(code: str) -> int | None:
    return int(code) if code.isdigit() and len(code) == 5 else None


def is_ct_code(code: str) -> bool:
    number = _numeric(code)
    return number is not None and any(low <= number <= high for low, high in CT_CODE_RANGES)


def is_xray_code(code: str, pctc: str | None) -> bool:
    number = _numeric(code)
    low, high = DIAGNOSTIC_RADIOLOGY
    if number is None or not low <= number <= high or pctc != "1" or is_ct_code(code):
        return False
    return not any(first <= number <= last for first, last in NOT_XRAY_RANGES)


def check_applies(code: str, mods: Iterable[str], *, mult_proc: str | None = None, pctc: str | None = None) -> None:
    """Refuse a known modifier on a PFS code it cannot go with (ModifierNotApplicable, exit 1).

    ``mult_proc`` / ``pctc`` are the RVU row's MULT PROC and PCTC IND (pass None when the
    code has no PFS row: such modifiers are then refused as PFS-only)."""
    for raw in mods:
        modifier = raw.strip().upper()
        if modifier in ("CQ", "CO") and code in RTM_DEVICE_CODES:
            raise ModifierNotApplicable(
                f"{code}-{modifier}: {code} is a remote therapeutic monitoring device supply code: an assistant's part "
                "in it is not subject to the de minimis standard (CMS's therapy code list, as NGS Medicare's 2024 "
                f"update says), so the line carries no {modifier} and is paid in full."
            )
        if modifier in ("CQ", "CO") and code in RTM_ASSISTANT_CODES:
            continue  # sometimes therapy: the line is a therapist's (the pair's GP/GO is checked with the conflicts)
        if modifier in ("CQ", "CO") and mult_proc != THERAPY_MULT_PROC:
            raise ModifierNotApplicable(
                f"{code}-{modifier}: {modifier} goes on outpatient therapy services (the RVU file's multiple "
                f"procedure indicator 5); {code} has indicator {mult_proc or 'none (no PFS row)'}."
            )
        if modifier in ("FX", "FY") and not is_xray_code(code, pctc):
            raise ModifierNotApplicable(
                f"{code}-{modifier}: {modifier} reduces the technical component of an X-ray; {code} is not a "
                "diagnostic radiology code (70010-76499) with a technical component (PC/TC indicator 1) that takes "
                "an X-ray (CT and MR codes do not). CMS publishes no list of these codes: this is rvucalc's reading."
            )
        if modifier == "CT" and not is_ct_code(code):
            raise ModifierNotApplicable(
                f"{code}-CT: modifier CT goes on the CT codes CMS lists (70450-70498, 71250-71275, 72125-72133, "
                "72191-72194, 73200-73206, 73700-73706, 74150-74178, 74261-74263, 75571-75574; MLN MM9250)."
            )


_OWN_SCHEDULE_ONLY = frozenset({"clfs", "drug", "dmepos"})


def check_denied(code: str, mods: Iterable[str]) -> None:
    """Refuse a line one of whose modifiers has Medicare deny it (``denied``), exit 1."""
    denial = denied(code, mods)
    if denial:
        raise ModifierNotApplicable(denial, kind=ErrorKind.DENIED)


def denied(code: str, mods: Iterable[str]) -> str | None:
    """Why Medicare denies the whole line, when one of its modifiers says so (GY, GZ, EY: not priced on every
    schedule), else None. Such a line is refused everywhere: no physician, facility, lab, drug or DME amount is due
    (the physician fee schedule alone would leave the hospital's or ASC's fee, or a lab's, looking paid)."""
    # The text names the code and the denying modifier alone: batch keeps one message for the lines that differ by
    # other modifiers (a fuzz trial's C1713-GY-JW said "price C1713-76", another row's modifiers).
    for raw in mods:
        info = _table().get(raw.strip().upper())
        if info is not None and info.effect == "not_priced" and info.schedules == ALL_SCHEDULES:
            return (f"{code}-{info.code} ({info.meaning}): {info.note}{_excluded_not_gz(code, info.code)} rvucalc "
                    f"prices nothing for a denied line; price the line without {info.code} to see its fee schedule "
                    f"amount, where it has one (a non-covered code, status N, has none).")  # fmt: skip
    return None


def _excluded_not_gz(code: str, modifier: str) -> str:
    """GZ on a code the statute excludes (engine.meanings.statutorily_excluded: a refraction, an eyeglass or contact
    lens fitting, a hearing aid): GZ reports an expected denial as not reasonable and necessary (§1862(a)(1)), which
    SSA §1879 makes the provider's loss without an ABN, where a statutory exclusion is the patient's and GY reports it
    (the GY and GZ entries' sources above). An optometry trial's 92015-GZ read only that the patient may not be billed.
    """
    from rvucalc.engine.meanings import statutorily_excluded

    if modifier != "GZ" or not statutorily_excluded(code):
        return ""
    return (
        f" But {code} is excluded by statute (Social Security Act §1862(a)(7)), not denied as not reasonable and "
        "necessary: report it with GY, and the patient is liable for it (no ABN required)."
    )


def check_schedule(code: str, mods: Iterable[str], schedule: str, *, others_price: bool = False) -> None:
    """Refuse a payment modifier on a line priced from a schedule it means nothing to: a PFS
    modifier (26, TC, 50, 80, CQ, FX ...) on a lab, drug or DMEPOS line, or a DMEPOS row
    modifier (RR, NU, UE ...) on a PFS or facility line. Informational ones always pass.
    ``others_price``: the PFS does not pay the code's row (A7017, status X, is a DMEPOS item): a DMEPOS
    row modifier is then the DMEPOS fee schedule's to choose a row by, or to refuse (``check_dmepos_listed``)."""
    check_denied(code, mods)
    for raw in mods:
        info = require(raw)
        if info.effect == "none" or schedule in info.schedules:
            continue
        if others_price and info.schedules == {"dmepos"}:
            continue
        pfs_modifier = info.schedules <= {"pfs", "asc", "opps"}
        if schedule in _OWN_SCHEDULE_ONLY and pfs_modifier:
            raise ModifierNotApplicable(
                f"{code}-{info.code}: {info.code} ({info.meaning}) is a physician fee schedule modifier; {code} is "
                f"paid from the {_SCHEDULE_WORDS[schedule]}, where it has no meaning."
            )
        if schedule not in _OWN_SCHEDULE_ONLY and info.schedules == {"dmepos"}:
            raise _not_on_dmepos(code, info)


def check_dmepos_listed(code: str, mods: Iterable[str], listed: bool) -> None:
    """Refuse a DMEPOS row modifier on a line the DMEPOS fee schedule does not list (``check_schedule``'s
    words), once the PFS has left the line to the other schedules."""
    for raw in mods:
        info = require(raw)
        if info.effect != "none" and info.schedules == {"dmepos"} and not listed:
            raise _not_on_dmepos(code, info)


def _not_on_dmepos(code: str, info: ModifierInfo) -> ModifierNotApplicable:
    return ModifierNotApplicable(
        f"{code}-{info.code}: {info.code} ({info.meaning}) selects a DMEPOS fee schedule row; {code} is not "
        "priced from the DMEPOS fee schedule." + (RETIRED_HPSA_HINT if info.code == "QB" else "")
    )


_SCHEDULE_WORDS = {
    "clfs": "clinical laboratory fee schedule",
    "drug": "Part B drug (ASP) payment limits",
    "dmepos": "DMEPOS fee schedule",
}


# -- kernels -----------------------------------------------------------------------------------


def round_cents(amount: Fraction) -> int:
    """Half-up to a whole cent (amounts are never negative); the same rule as engine.policy."""
    return (2 * amount.numerator + amount.denominator) // (2 * amount.denominator)


@dataclass(frozen=True)
class ModStep:
    """One modifier's adjustment: ``percent`` paid of ``part``, exact amounts before and after."""

    rule: str
    modifier: str
    percent: Fraction
    part: str
    before: Fraction
    after: Fraction

    @property
    def before_cents(self) -> int:
        return round_cents(self.before)

    @property
    def after_cents(self) -> int:
        return round_cents(self.after)


@dataclass
class ModifierOutcome:
    """What the line's modifiers do to one schedule's amount."""

    steps: list[ModStep] = field(default_factory=list)
    not_priced: str | None = None  # reason, when no fee schedule amount can be shown
    mac_prices: bool = False  # ``not_priced`` is the MAC's price (53 with no CMS row), not a line Medicare denies
    notes: list[str] = field(default_factory=list)
    multiple_procedure_discount: bool = True  # facility: does the line still enter the encounter discount?

    @property
    def factor(self) -> Fraction:
        """The overall ratio after/before (1 when nothing applied)."""
        if not self.steps or self.steps[0].before == 0:
            return Fraction(1)
        return self.steps[-1].after / self.steps[0].before


# 52 on a professional claim: the physician reduces the charge; Medicare pays the lower of the charge and the fee
# schedule amount (SSA §1848(a)(1); Noridian JE Part B's "Modifier 52" page: the charge is cut by the share of the
# service not provided, and the claims system pays the lower of that charge and the fee schedule allowance), and the
# MAC may pay less on review of the documentation (Claims Processing Manual ch. 12 §20.4.6, "Payment Due to Unusual
# Circumstances (Modifiers '-22' and '-52')"): the amount shown is a ceiling. A line's note (lookup.lines
# .reduced_service_note, where the PFS pays the line's row; no "; " in it: batch joins notes with it) says so: a sleep
# medicine trial's 95810-52 (a study of under 6 hours' recording) said only that 52 "does not change the PFS amount",
# at the full $623.00 in Columbus, OH.
REDUCED_SERVICE_NOTE = (
    "Modifier 52 (reduced services): the PFS amount shown is the most Medicare pays: it pays the lower of your "
    "reduced charge and the fee schedule amount (SSA §1848(a)(1), the charge reduced by the share of the service "
    "not done), and the MAC may pay less on review of the documentation (Claims Processing Manual ch. 12 §20.4.6). "
    "At a hospital or ASC, 52 also changes the facility's (OPPS or ASC) rate."
)

# Modifier 74 (a procedure discontinued after anesthesia) is the facility's and pays it in full: Claims Processing
# Manual ch. 4 §20.6.4 (OPPS) and ch. 14 §40.4 (ASC), as SRC_OPPS_TERMINATED and SRC_ASC_TERMINATED restate them (the
# "74" row above: percent 100). The line's generic note said "it changes the hospital's (OPPS) and the ASC's rate",
# beside "the OPPS rate paid in full" (a hospital revenue integrity trial: 45378-74 at $845.68, Addendum B's $911.71
# wage-adjusted in full); in batch only the generic note was said.
AFTER_ANESTHESIA_NOTE = (
    "Modifier 74 (discontinued after anesthesia) does not change the PFS amount, nor the hospital's (OPPS) or the "
    "ASC's rate: the facility is paid its full rate, still subject to multiple-procedure discounting (Claims "
    "Processing Manual ch. 4 §20.6.4, ch. 14 §40.4)."
)

# Technical-component cuts first (they act on a part), then whole-amount shares: the order
# CMS states them in does not change the product, and a fixed order makes the result
# independent of the order the claim lists the modifiers in.
_PFS_ORDER = ("FX", "FY", "CT", "CQ", "CO", "AJ")


def apply_pfs_modifiers(
    amount: int | Fraction,
    tc: int | Fraction | None,
    mods: Iterable[str],
    *,
    year: int,
    row_modifier: str = "",
    discarded: bool = False,
) -> ModifierOutcome:
    """The PFS amount (cents, or an exact Fraction of cents) after CQ/CO/FX/FY/CT, and the
    modifiers that leave it not priced (52, 53 without a CMS row, 47, GY, GZ).

    ``tc`` is the TC row's amount in the same locality and setting, needed for FX/FY/CT on a
    global service; on a TC row (``row_modifier='TC'``) the whole amount is the TC.
    Policy modifiers (50, 51, 54 ...) and rows (26, TC, 53) are handled elsewhere.
    """
    codes = {m.strip().upper() for m in mods}
    outcome = ModifierOutcome()
    for modifier in sorted(codes):
        info = _table().get(modifier)
        if info is not None and info.effect == "not_priced" and "pfs" in info.schedules:
            outcome.not_priced = f"{modifier} ({info.meaning}): {info.note or 'not priced from the fee schedule.'}"
            return outcome
    if "52" in codes:
        outcome.notes.append(REDUCED_SERVICE_NOTE)
    if "53" in codes and row_modifier != "53":
        outcome.not_priced = DISCONTINUED_MAC_PRICED
        outcome.mac_prices = True
        return outcome
    current = Fraction(amount)
    component = Fraction(amount) if row_modifier == "TC" else (None if tc is None else Fraction(tc))
    for modifier in _PFS_ORDER:
        if modifier not in codes:
            continue
        info = _table()[modifier]
        percent = info.percent_for(year)
        if percent is None:
            outcome.notes.append(f"{modifier} had no payment effect in {year}.")
            continue
        if info.applies_to == "technical_component":
            if row_modifier == "26":
                continue  # refused earlier by check_combination; nothing to cut on a PC row
            if component is None:
                raise ValueError(f"{modifier} on a global service needs the TC amount (tc=...)")
            cut = component * (HUNDRED - percent) / HUNDRED
            after = current - cut
            # The PFS's technical component is the physician's or supplier's fee (the office, an IDTF), never a
            # hospital's: a hospital revenue analyst's row at POS 22 read "the technical component ($20.67) paid at
            # 90%" of 71046-FY, whose hospital amount is its APC rate, cut alike. The reduction applies to the OPPS
            # rate too (FX: CAA 2016 §502, SSA §1833(t)(16)(F), CY2017 OPPS final rule; FY: 7% 2018-2022, 10% from
            # 2023, MLN MM10188 / CR 10515: "MPFS and OPPS payments"; CT: PAMA §218(a), SSA §1833(t)(16)(D), 15% from
            # 2017): ``engine.facility.apply_facility_modifiers`` applies it there (the OPPS step of price's table).
            hospital = ", as is a hospital's OPPS rate for it" if "opps" in info.schedules else ""
            rule = (
                f"{modifier} ({info.meaning}): the PFS technical component ({_dollars(component)}, the physician's "
                f"or supplier's fee, not a hospital's) paid at {percent}% ({HUNDRED - percent}% less){hospital}"
            )
            part = "technical_component"
        else:
            after = current * percent / HUNDRED
            rule = f"{modifier} ({info.meaning}): {percent}% of the amount"
            part = "amount"
        outcome.steps.append(ModStep(rule, modifier, percent, part, current, after))
        current = after
    if discarded:  # ``discarded_supply``: a skin substitute's discarded units, not billable
        outcome.steps.append(ModStep(SUPPLY_DISCARDED_RULE, "JW", Fraction(0), "amount", current, Fraction(0)))
    return outcome


# OPPS: a terminated (73) or reduced (52) procedure can also take the multiple-procedure
# discount (Pricer formula 6 = T*D/U); in the ASC, 73 and 52 lines are not discounted further
# (ch. 14 §40.5 as restated by AAPC's Outpatient Facility Coding Alert: "ASC surgical procedures
# billed with modifier 52 should not be subjected to further pricing reductions").
ASC_EXEMPT_FROM_DISCOUNT = frozenset({"73", "52"})
PO_REDUCED_CODES = frozenset({"G0463"})  # clinic visit (CY2019 OPPS final rule)
PO_DRUG_ADMINISTRATION_APCS = frozenset({"5691", "5692", "5693", "5694"})  # CY2026 OPPS final rule
PO_DRUG_ADMINISTRATION_FROM = 2026


def apply_facility_modifiers(
    rate: int | Fraction,
    mods: Iterable[str],
    *,
    site: Literal["asc", "opps"],
    code: str,
    year: int,
    apc: str | None = None,
    rural_sole_community: bool = False,
    status_indicator: str | None = None,
) -> ModifierOutcome:
    """The facility rate (cents or exact) after 73/74/52 (ASC and OPPS), PN/PO and FX/FY/CT (OPPS).

    ``apc`` is the code's OPPS APC (Addendum B), for PO on drug administration from 2026; ``status_indicator`` its
    OPPS SI (PN leaves drugs and biologicals as they were)."""
    codes = {m.strip().upper() for m in mods}
    outcome = ModifierOutcome()
    current = Fraction(rate)
    for modifier in ("73", "74", "52", "PN", "PO", "FX", "FY", "CT"):
        if modifier not in codes:
            continue
        info = _table()[modifier]
        if site not in info.schedules:
            continue
        percent = info.percent_for(year)
        if percent is None:
            continue
        if modifier == "PN" and status_indicator in PN_KEEPS_RATE:
            outcome.notes.append(
                f"PN: a drug or biological (SI {status_indicator}) keeps its OPPS rate (ASP-based: section 603 "
                "leaves its payment as it was)."
            )
            continue
        if modifier == "PO" and not _po_reduced(code, apc, year, rural_sole_community):
            if _po_reduced(code, apc, year, False):  # a rural SCH's (engine.hospitals): the exemption is why
                outcome.notes.append(
                    f"PO: {code} keeps the OPPS rate at a rural sole community hospital, exempt from the "
                    f"PFS-equivalent {percent}% (CY2023 OPPS final rule, CMS's OPPS Pricer)."
                )
                continue
            outcome.notes.append(
                f"PO: {code} keeps the OPPS rate (the clinic visit G0463 and, from 2026, drug administration are "
                f"paid at {percent}%, rural sole community hospitals exempt)."
            )
            continue
        if modifier == "74":
            label = "ASC" if site == "asc" else "OPPS"
            outcome.notes.append(f"74: discontinued after anesthesia, the {label} rate paid in full.")
            continue
        after = current * percent / HUNDRED
        label = "ASC" if site == "asc" else "OPPS"
        rule = f"{modifier} ({info.meaning}): {percent}% of the {label} rate"
        outcome.steps.append(ModStep(rule, modifier, percent, "facility_rate", current, after))
        current = after
        if not info.verified:
            outcome.notes.append(f"{modifier}: {info.note}")
    if site == "asc" and codes & ASC_EXEMPT_FROM_DISCOUNT:
        outcome.multiple_procedure_discount = False
        outcome.notes.append("A terminated (73) or reduced (52) ASC procedure is not discounted further.")
    if facility_discarded_supply(code, codes, year):
        outcome.steps.append(ModStep(SUPPLY_DISCARDED_FACILITY_RULE, "JW", Fraction(0), "facility_rate", current,
                                     Fraction(0)))  # fmt: skip
    return outcome


# PO and PN on a hospital line whose rate they leave as it was (PO beside any code but the clinic visit, and from 2026
# drug administration, or at a rural sole community hospital; PN on a drug or biological): apply_facility_modifiers
# says so ("PO: 96413 keeps the OPPS rate ..."), which the line's generic "Modifier PO does not change the PFS amount:
# it changes the hospital's (OPPS) rate" (lookup.lines) would contradict. A hospital revenue integrity trial's batch
# said only the generic note on 96413-PO, 93306-PO and J9271-PN at an off-campus department (their rates full, as
# price's notes said they stay); a rural SCH's G0463-PO at $127.25 read "it changes the hospital's (OPPS) rate".
RATE_KEEPING_MODIFIERS = ("PN", "PO")


def rate_kept_modifiers(notes: Iterable[str]) -> frozenset[str]:
    """The modifiers (PN, PO) whose note among ``notes`` (an OPPS line's, apply_facility_modifiers') says the line
    keeps its OPPS rate."""
    return frozenset(note[:2] for note in notes
                     if note[:4] in ("PN: ", "PO: ") and _KEEPS_RATE.match(note[4:]))  # fmt: skip


_KEEPS_RATE = re.compile(r"(a drug or biological \(SI \w+\)|\S+) keeps (its|the) OPPS rate")


# PO and PN on a line the OPPS pays no rate of its own (engine.facility_meanings.OPPS_NOT_PAID: SI A, a therapy code
# the hospital is paid from the PFS, a lab from the CLFS; B, not recognized on a hospital's bill; C, M, E1 ...): there
# is no hospital (OPPS) rate for them to change. CMS's Modifier PO FAQ (January 2016, as AAPC's Inpatient Facility
# Coding Alert restates it): "The PO modifier only applies to services paid under the OPPS. Accordingly, therapy
# services that are billed under the PFS and have an OPPS status indicator of 'A' do not require the PO modifier"; the
# CY2018 PFS final rule's table of nonexcepted (PN) payment by OPPS status indicator: A (ambulance, CLFS, DMEPOS,
# therapy) "No change relative to current payment", B, C, D, E1, E2, M "Not Applicable", F and L paid at reasonable
# cost as before. The line's generic "it changes the hospital's (OPPS) rate" (lookup.lines) said otherwise: a trial's
# 97110-PO-GP at an off-campus department (POS 19), 99213-PO (SI B). Said in its place, in every setting (the code's
# status, not the site's): lookup.lines.no_opps_rate_notes, for price and batch alike.
def no_opps_rate_note(modifier: str, status_indicator: str) -> str:
    """PO's or PN's note on a line the OPPS pays no rate of its own (SI ``status_indicator``)."""
    return (
        f"Modifier {modifier} changes no amount: the OPPS pays this code no rate of its own (SI {status_indicator}), "
        f"so {modifier} has none to change."
    )


# Section 603 (non-excepted off-campus departments, PN): the CY2018 PFS final rule's table of payment by OPPS status
# indicator keeps "G Pass-through drugs and biologicals: ASP+6%" and "K Nonpass-through drugs, biologicals,
# therapeutic radiopharmaceuticals: ASP+6%" as they were; K1 (non-opioid drugs, from 2025) is paid like K.
PN_KEEPS_RATE = frozenset({"G", "K", "K1"})


# Rural sole community hospitals are exempt from the clinic visit's PFS-equivalent rate from CY2023 (CY2023 OPPS final
# rule; CMS's OPPS Pricer, PerformApcAdjustments: "New for CY 2023 ... Don't Pay 40% of APC Rate Off Campus Clinic";
# engine.hospitals).
RURAL_SCH_PO_EXEMPT_FROM = 2023


def _po_reduced(code: str, apc: str | None, year: int, rural_sole_community: bool) -> bool:
    if rural_sole_community and year >= RURAL_SCH_PO_EXEMPT_FROM:
        return False
    if code in PO_REDUCED_CODES:
        return True
    return year >= PO_DRUG_ADMINISTRATION_FROM and apc in PO_DRUG_ADMINISTRATION_APCS


# 53 on a code CMS publishes no 53 row for (SRC_ROW_PFS: the RVU file has 53 rows for a few codes): the physician's
# discontinued procedure has no fee schedule amount and the MAC prices it from the documentation (the project's
# payment-rules.md §6, "53 under the PFS: contractor-priced"; the manual's words were not found). So it is "cannot be
# priced here", as a contractor-priced code (status C) is, never "not payable" (``ModifierOutcome.mac_prices``: the
# setting's status, models.SiteStatus, not_priced). No "; " inside the note: batch's note column joins a row's
# notes with it.
MAC_PRICES = "the MAC prices it"
DISCONTINUED_MAC_PRICED = (
    f"53 (discontinued procedure): CMS publishes no 53 row for this code, so {MAC_PRICES} from documentation."
)


@dataclass(frozen=True)
class AscBilateral:
    """CODE-50 in an ASC, as CMS pays it: two procedures."""

    procedures: tuple[int, int]  # each side's rate before the encounter's discounting, cents
    total: int  # the pair on its own: 150% or 200% of one side, cents
    percent: Fraction
    rule: str
    source: str = SRC_ASC_BILATERAL


# Which codes an ASC may report as two procedures. CMS's ASC text (SRC_ASC_BILATERAL) says how a bilateral procedure
# is reported and discounted, not which codes are bilateral procedures; a restatement of CMS's CY2008 ASC billing
# guidance (ascbillingcode.com, "Payment for Bilateral procedure of ASC", 2010: a trade page, not CMS's own text; the
# manual's words on it were not found) sends the ASC to the physician fee schedule's indicators: "To determine if a
# procedure may be billed bilaterally, providers should verify the procedure code to the Medicare Physician Fee
# Schedule Database (MPFSDB). Certain procedures within the MPFSDB are established to reimburse bilaterally and the
# allowed amount reflects bilateral payment." So, by the PFS bilateral surgery indicator (RVU file documentation):
# 1 and 3, the code may be done on each side: two procedures; 2, the code already describes both sides ("RVUs are
# already based on the procedure being performed as a bilateral procedure"): one procedure at 100%; 0, the
# bilateral adjustment "is inappropriate ... because of (a) physiology or anatomy or (b) because the code descriptor
# specifically states that it is a unilateral procedure and there is an existing code for the bilateral procedure":
# one procedure at 100%, as the PFS pays it. A code without a PFS row (no indicator): two procedures, as CMS's ASC
# text has it.
ASC_ONE_PROCEDURE_INDICATORS = {
    "0": "the physician fee schedule's bilateral indicator 0 (a bilateral payment does not apply to this code: "
    "anatomy, or a unilateral code with a bilateral code of its own) makes it no procedure an ASC reports twice",
    "2": "the physician fee schedule's bilateral indicator 2 (the code already describes the procedure on both "
    "sides) makes it one procedure",
}
SRC_ASC_BILATERAL_INDICATOR = (
    "the PFS bilateral indicator decides whether the code may be reported twice (CMS's CY2008 ASC billing guidance "
    "as restated by a trade page, ascbillingcode.com 2010: 'verify the procedure code to the MPFSDB')"
)
# The same code billed as an LT and an RT line (or 2 units) at the ASC is two procedures, the second at 50% when
# discounted (150%): ch. 14 §40.5's own words for a bilateral procedure, which name no PFS indicator. So an indicator
# 0 or 2 code is paid 100% as CODE-50 and 150% as CODE-LT + CODE-RT (an interventional radiology trial: 36902 at POS
# 24, $2,657.36 against $2,657.36 + $1,328.68). CMS's ASC text read here (ch. 14 §40.5, CR 5680 as restated) does not
# say whether such a code is one procedure or two at the ASC, so neither amount is changed: the 50 line says so.
ASC_ONE_PROCEDURE_SIDES_NOTE = (
    "billed as an LT and an RT line (or 2 units) the same code is priced as two procedures (ch. 14 §40.5: a bilateral "
    "procedure is two procedures, the second at 50% when discounted): the two billings are priced differently here, "
    "and CMS's ASC text does not say which an indicator {indicator} code is paid as (not verified: your MAC's "
    "payment decides)"
)


def asc_bilateral(
    rate_cents: int, subject_to_discount: bool, indicator: str | None = None, *, terminated: bool = False
) -> AscBilateral:
    """Modifier 50 is not recognised for ASC payment: the two sides are two procedures, the
    second at 50% when the code is subject to multiple-procedure discounting (Addendum AA),
    else both at 100%. With other discounted procedures on the claim, feed both sides into
    the encounter's ranking (``procedures``) instead of using ``total``. A code whose PFS
    bilateral indicator (``indicator``) is 0 or 2 is one procedure at 100%
    (``ASC_ONE_PROCEDURE_INDICATORS``)."""
    if indicator in ASC_ONE_PROCEDURE_INDICATORS:
        rule = (
            f"ASC bilateral (50 is not recognised for ASC payment): {ASC_ONE_PROCEDURE_INDICATORS[indicator]}: "
            f"one procedure, paid once: 100%; {ASC_ONE_PROCEDURE_SIDES_NOTE.format(indicator=indicator)}"
        )
        return AscBilateral((rate_cents, 0), rate_cents, Fraction(100), rule,
                            f"{SRC_ASC_BILATERAL}; {SRC_ASC_BILATERAL_INDICATOR}")  # fmt: skip
    if subject_to_discount:
        total = rate_cents + round_cents(Fraction(rate_cents, 2))
        rule = (
            "ASC bilateral (50 is not recognised for ASC payment): two procedures, the second at 50% "
            "(multiple-procedure discounting applies to this code): 150%"
        )
        return AscBilateral((rate_cents, rate_cents), total, Fraction(150), rule)
    why = ("a terminated or reduced procedure, 73 or 52, is not discounted further" if terminated
           else "this code is not subject to multiple-procedure discounting")  # fmt: skip
    rule = f"ASC bilateral (50 is not recognised for ASC payment): two procedures, each at 100% ({why}): 200%"
    return AscBilateral((rate_cents, rate_cents), 2 * rate_cents, Fraction(200), rule)


def _dollars(amount: Fraction) -> str:
    cents = round_cents(amount)
    return f"${cents // 100:,}.{cents % 100:02d}"


def table_rows() -> list[dict[str, str]]:
    """The table for ``rvucalc modifiers`` (JSON/CSV-ready strings)."""
    return [
        {
            "modifier": info.code,
            "meaning": info.meaning,
            "effect": info.effect,
            "payment": info.effect_text,
            "schedules": ",".join(sorted(info.schedules)),
            "source": info.source,
            "note": info.note or "",
            "verified": "yes" if info.verified else "no",
        }
        for info in _table().values()
    ]
