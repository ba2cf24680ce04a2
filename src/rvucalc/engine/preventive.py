"""Preventive services whose Part B deductible and coinsurance are waived.

The list follows CMS's MLN "Medicare Preventive Services" chart (MLN006559, the
"Preventive Services Chart": HCPCS/CPT codes, coverage, frequency and beneficiary
liability for each service), on the statutory basis of Social Security Act
§1833(a)(1)(Y) and §1833(b)(1) (coinsurance and deductible waived for preventive
services with a USPSTF A or B rating, the IPPE and the AWV; Affordable Care Act §4104).
The chart's "Copayment/coinsurance waived, Deductible waived" entries are reproduced
here per service. Where this module's author could read the chart's (or CMS's
transmittal's) wording for a service, the entry is ``verified``; the others are taken
from the chart's service list without their wording being re-read, and say so.

Conditions the chart attaches to the waiver:

- Advance care planning 99497/99498: waived only when furnished with the AWV
  (G0438/G0439) on the same claim, same day, same provider, reported with modifier 33
  (Novitas JL, "ACP ... Waived when billed with annual wellness visit ... Add modifier 33"; CR 9271 / MM9271:
  the AWV and ACP codes are billed together on the same claim). ACP without the AWV in its encounter (a line
  alone too) keeps the deductible and coinsurance: ``acp_waiver_withdrawn``.
- The social determinants of health (SDOH) risk assessment G0136, 2024-2025: waived when furnished with the AWV
  (G0438/G0439 on the same claim and date), as an optional element of the AWV; with another visit (an E/M, a behavioral
  health visit) or alone the deductible and coinsurance apply (CY2024 PFS final rule, 88 FR 78818; ``SDOH_*`` below).
- A colorectal cancer screening that becomes diagnostic or therapeutic (modifier PT on
  the procedure, CPT 10000-69999, G0500, 00811 or 99153): the deductible is waived and
  the coinsurance phases down under the Consolidated Appropriations Act, 2021 §122 -
  20% in 2022, 15% in 2023-2026, 10% in 2027-2029, 0% from 2030 (CY2022 PFS final rule;
  MLN Matters MM12656).
- Moderate sedation for a screening colonoscopy (G0500, and its add-on 99153) reported with modifier 33: waived when
  furnished with the screening colonoscopy (G0105 or G0121 in its encounter: the same claim and date), from 2017 (CMS
  Transmittal 3763, CR 10075). With modifier 33 and no screening colonoscopy beside it, or beside one without 33, the
  deductible and coinsurance apply, and the line says why (``SEDATION_WITHOUT_SCREENING``,
  ``SEDATION_WITHOUT_33``); with PT it is a screening turned diagnostic (above).
- Screening barium enema (G0106, G0120), the IPPE's screening ECG (G0403-G0405), glaucoma
  screening (G0117, G0118) and diabetes self-management training (G0108, G0109) keep the
  coinsurance: they are not listed.

Clinical laboratory tests paid from the CLFS have no cost sharing anyway
(``engine.schedules.clfs``); the screening labs are listed so the reason shown is the
preventive benefit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

MLN_CHART = "CMS MLN 'Medicare Preventive Services' chart (MLN006559)"
SRC_CR10181 = (
    "CR 10181 (Transmittal 3844, Pub. 100-04 ch. 18 §1.2 'Table of Preventive and Screening Services'): waiver of "
    "deductible and coinsurance applied to 76706, 77067, prolonged preventive services and anesthesia furnished in "
    "conjunction with colorectal cancer screening (effective 2018-01-01)"
)
SRC_PT = (
    "Consolidated Appropriations Act, 2021 §122; CY2022 PFS final rule; MLN Matters MM12656: coinsurance for a "
    "planned colorectal cancer screening that becomes diagnostic (modifier PT) is 20% in 2022, 15% in 2023-2026, "
    "10% in 2027-2029 and 0% from 2030; deductible waived"
)
SRC_ACP = (
    "CR 9271 / MLN Matters MM9271; Novitas JL / MLN006559: ACP coinsurance and deductible waived when furnished with "
    "the AWV (same day, same provider, same claim), modifier 33"
)


@dataclass(frozen=True)
class PreventiveService:
    codes: tuple[str, ...]
    service: str
    verified: bool
    source: str = MLN_CHART
    # When the line is the screening (a screening diagnosis, the patient's history): said, as the other conditional
    # preventive notes say theirs (a lab trial read 80061, a diagnostic lipid panel, called a screening outright)
    condition: str = ""
    # Said after the waiver where the code is otherwise something else the patient owes nothing for too (the
    # screening tests' diagnostic test, _DIAGNOSTIC_OTHERWISE)
    otherwise: str = ""


# 42 CFR 410.17(b)-(c): cardiovascular screening blood tests for "individuals without apparent signs or symptoms of
# cardiovascular disease", not paid again within 59 months of the last; 42 CFR 410.18(d)-(e): diabetes screening for
# an individual at risk (hypertension, dyslipidemia, obesity ...), two tests within 12 months. The same code billed
# for a patient's signs, symptoms or condition is a diagnostic test, on the CLFS too (no coinsurance, no deductible).
_DIAGNOSTIC_OTHERWISE = (
    " Ordered for a patient's signs, symptoms or condition it is a diagnostic test, which the CLFS pays without "
    "coinsurance or deductible too."
)
CARDIOVASCULAR_SCREENING_CONDITION = (
    "when it is the screening (a patient without signs or symptoms of cardiovascular disease, billed with a "
    "screening diagnosis, once in 5 years: 42 CFR 410.17)"
)
DIABETES_SCREENING_CONDITION = (
    "when it is the screening (a patient at risk for diabetes: hypertension, dyslipidemia, obesity ..., billed with a "
    "screening diagnosis, up to 2 tests in 12 months: 42 CFR 410.18)"
)
# Medical nutrition therapy is the benefit of a registered dietitian or nutrition professional: SSA §1861(vv)(1),
# MNT services are those "furnished by a registered dietitian or nutrition professional ... pursuant to a referral by a
# physician"; 42 CFR 410.132(a): "Medicare Part B pays for MNT services provided by a registered dietitian or nutrition
# professional as defined in § 410.134" (engine.policy.MNT_NOT_DIETITIAN_NOTE). Its waiver is that benefit's: a trial's
# physician's 97802 (`price 97802 --zip 15213`, no --provider) read "not covered as MNT" beside "the patient pays
# $0.00", the two at odds. Said on every MNT line, a dietitian's or not (price and batch alike: the note is the code's).
MNT_CONDITION = "when a registered dietitian or nutrition professional furnishes it (42 CFR 410.132(a))"


@dataclass(frozen=True)
class Waiver:
    """The patient's cost sharing for one line under the preventive benefit."""

    code: str
    service: str
    deductible_waived: bool
    coinsurance_percent: Fraction  # the patient's share of the allowed amount (0 = waived)
    reason: str
    source: str
    verified: bool

    @property
    def coinsurance_waived(self) -> bool:
        return self.coinsurance_percent == 0


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# COVID-19 vaccine and its administration (90480): no cost sharing, as the flu and pneumococcal vaccines'.
SRC_COVID = (
    "CARES Act §3713, 'Coverage of the COVID-19 vaccine under part B of the Medicare program without any "
    "cost-sharing'; CMS 'Vaccine Pricing' and HHS 'Medicare Billing for COVID-19 Vaccine Shot Administration': no "
    "deductible or coinsurance for the vaccine and its administration"
)
SRC_PREP = (
    "NCD 210.15 (PrEP using antiretroviral drugs to prevent HIV, from 2024-09-30); medicare.gov 'Pre-exposure "
    "prophylaxis (PrEP) for HIV prevention': 'you'll also pay nothing out of pocket for injectable PrEP drugs, HIV and "
    "Hepatitis B virus screenings, and counseling sessions'; OPPS Addendum B (October 2025): G0012, G0013 copayment "
    "$0.00"
)
# The ASP file's "HIV PrEP drug" rows (SERVICES): their drug line's 0% note left to the waiver's (lookup.schedules).
PREP_DRUGS = frozenset({"J0738", "J0739", "J0750", "J0751", "J0752"})
SERVICES: tuple[PreventiveService, ...] = (
    PreventiveService(_codes("G0402"), "Initial preventive physical examination (IPPE)", True),
    PreventiveService(_codes("G0438 G0439"), "Annual wellness visit (AWV)", True,
                      MLN_CHART + "; MLN 'Medicare Wellness Visits': 'Patients pay nothing (if provider accepts "
                      "assignment)'"),
    PreventiveService(_codes("76706"), "Ultrasound screening for abdominal aortic aneurysm", True, SRC_CR10181),
    PreventiveService(_codes("77067 77063"), "Screening mammography (with screening tomosynthesis add-on)", True,
                      SRC_CR10181 + "; NGS 'Screening Mammography': copayment/coinsurance and deductible waived"),
    # CR 10181 names the services; the codes (G0513/G0514, 00812) are rvucalc's mapping.
    PreventiveService(_codes("G0513 G0514"), "Prolonged preventive services", False, SRC_CR10181),
    PreventiveService(_codes("00812"), "Anesthesia for screening colonoscopy", False, SRC_CR10181),
    PreventiveService(_codes("G0104 G0105 G0121"), "Colorectal cancer screening: flexible sigmoidoscopy, "
                      "colonoscopy (high risk / not high risk)", True, MLN_CHART + "; " + SRC_PT),
    PreventiveService(_codes("82270 G0328 81528"), "Colorectal cancer screening: stool-based tests", False),
    PreventiveService(_codes("G0442 G0443"), "Alcohol misuse screening and counseling", True,
                      MLN_CHART + "; Noridian JE 'Preventive Services List': 'Copayment/coinsurance waived; "
                      "Deductible waived'"),
    PreventiveService(_codes("G0444"), "Annual depression screening", False),
    PreventiveService(_codes("G0445"), "High-intensity behavioral counseling to prevent STIs", False),
    PreventiveService(_codes("G0446"), "Intensive behavioral therapy for cardiovascular disease", False),
    PreventiveService(_codes("G0447 G0473"), "Intensive behavioral therapy for obesity", False),
    PreventiveService(_codes("99406 99407"), "Counseling to prevent tobacco use", False),
    PreventiveService(_codes("G0296 71271"), "Lung cancer screening: counseling visit and low-dose CT", False),
    PreventiveService(_codes("G0472"), "Hepatitis C virus screening", False),
    PreventiveService(_codes("G0499"), "Hepatitis B virus screening", False),
    PreventiveService(_codes("G0432 G0433 G0435 G0475"), "HIV screening", False),
    PreventiveService(_codes("76977 77078 77080 77081 77085 G0130"), "Bone mass measurement", False),
    PreventiveService(_codes("G0101"), "Screening pelvic and clinical breast examination", False),
    PreventiveService(_codes("Q0091"), "Screening Pap test: specimen collection", False),
    PreventiveService(_codes("G0123 G0124 G0141 G0143 G0144 G0145 G0147 G0148 P3000 P3001"),
                      "Screening Pap test (laboratory)", False),
    # The chart's screening HPV test is G0476 alone (NCD 210.2.1; CR 9434, MLN Matters MM9434, from 2015-07-09):
    # 87624 and 87625 are CPT's HPV tests for a patient's findings (reflex after an abnormal Pap, colposcopy
    # follow-up), diagnostic, which CMS's OPPS Addendum B lists as SI Q4 (a packaged lab) where it lists G0476 and
    # the screening Pap G0123 as SI A. The CLFS pays either without coinsurance or deductible.
    PreventiveService(_codes("G0476"), "Screening for cervical cancer with HPV tests", False),
    PreventiveService(_codes("G0103"), "Prostate cancer screening: PSA test", False),
    PreventiveService(_codes("80061 82465 83718 84478"), "Cardiovascular disease screening tests", False,
                      condition=CARDIOVASCULAR_SCREENING_CONDITION, otherwise=_DIAGNOSTIC_OTHERWISE),
    PreventiveService(_codes("82947 82950 82951"), "Diabetes screening tests", False,
                      condition=DIABETES_SCREENING_CONDITION, otherwise=_DIAGNOSTIC_OTHERWISE),
    PreventiveService(_codes("97802 97803 97804 G0270 G0271"), "Medical nutrition therapy", False,
                      condition=MNT_CONDITION),
    PreventiveService(_codes("G0008 G0009 G0010"), "Administration of influenza, pneumococcal and hepatitis B "
                      "vaccines", False,
                      MLN_CHART + "; Pub. 100-04 exceptions to the deductible and coinsurance: 'Pneumococcal "
                      "vaccine and its administration; Influenza vaccine and its administration'"),
    # HIV pre-exposure prophylaxis (NCD 210.15, from 2024-09-30): the PrEP counseling visits (G0011 by a physician or
    # practitioner, G0013 by clinical staff) and the injection of the PrEP drug (G0012) are an additional preventive
    # service (SSA §1861(ddd)) without deductible or coinsurance: medicare.gov "Pre-exposure prophylaxis (PrEP) for HIV
    # prevention" ("If you're getting an injectable drug, Part B also covers the fee for injecting the drug"; "If your
    # provider accepts assignment, you'll also pay nothing out of pocket for injectable PrEP drugs, HIV and Hepatitis B
    # virus screenings, and counseling sessions"); CMS's October 2025 OPPS Addendum B prints G0012 and G0013 with a
    # $0.00 national unadjusted copayment. A trial found G0012 (priced as 96372) owing 20%. The PrEP drugs themselves
    # (J0738, J0739, J0750-J0752) carry 0% in CMS's ASP file.
    PreventiveService(_codes("G0011 G0012 G0013"), "HIV pre-exposure prophylaxis (PrEP): counseling and the PrEP "
                      "drug's injection", True, SRC_PREP),
    # The PrEP drugs themselves, the ASP file's "HIV PrEP drug" rows (January 2026: J0738, J0739, J0750, J0751, J0752,
    # each at 0%): furnished under the same additional preventive service (NCD 210.15; SSA §1861(ddd)(1)), without
    # deductible as without coinsurance ("Coverage under that benefit category would mean that beneficiaries would not
    # be financially responsible for any cost-sharing obligations (i.e., deductibles or co-pays)": CMS's PrEP fact
    # sheet as NCPA reports it; medicare.gov: "you'll also pay nothing out of pocket for injectable PrEP drugs"). A
    # trial's J0739 read "No coinsurance for this drug" beside "Patient amounts ... exclude the Part B deductible", as
    # if the deductible applied.
    PreventiveService(tuple(sorted(PREP_DRUGS)), "HIV pre-exposure prophylaxis (PrEP): the PrEP drug", True,
                      SRC_PREP + "; CMS's ASP payment limit file: 'HIV PrEP drug', 0% coinsurance"),
    # 90480, CPT's COVID-19 vaccine administration, paid as G0008-G0010 (engine.meanings.PAID_APART); a trial found it
    # without their note.
    PreventiveService(_codes("90480"), "Administration of the COVID-19 vaccine", True, SRC_COVID),
)  # fmt: skip

# Modifier PT: the screening became diagnostic or therapeutic. The line is the procedure
# actually done (CPT 10000-69999, G0500, 00811 or 99153), per MM12656.
PT_OTHER_CODES = frozenset({"G0500", "00811", "99153"})
SURGERY_RANGE = (10000, 69999)
# Patient's coinsurance on a PT line, by first calendar year in force (CAA 2021 §122).
PT_COINSURANCE_BY_YEAR: tuple[tuple[int, Fraction], ...] = (
    (2022, Fraction(20)),
    (2023, Fraction(15)),
    (2027, Fraction(10)),
    (2030, Fraction(0)),
)
ACP_CODES = frozenset({"99497", "99498"})
AWV_CODES = frozenset({"G0438", "G0439"})
STANDARD_COINSURANCE = Fraction(20)
# ACP-33's waiver holds only when the AWV is on the same claim, same day: "The AWV and ACP codes must be billed
# together on the same claim"; ACP furnished apart from a covered AWV keeps its deductible and coinsurance (CR 9271,
# MLN Matters MM9271, Pub. 100-04 ch. 12 §280.5.1; MLN006559). An encounter is the codes priced together: the codes of
# one `price` command, a batch claim's lines of one date; a line alone (`price 99497-33`, a one-line claim, a batch
# row without a claim id) has no AWV beside it, so the deductible and coinsurance apply.
ACP_WITHOUT_AWV = (
    "Advance care planning billed with modifier 33, but no annual wellness visit (G0438/G0439) on this claim and date: "
    "the deductible and coinsurance apply (the waiver is for ACP furnished with the AWV, same day, on the same claim: "
    "MM9271, MLN006559)"
)

# The waiver is the same provider's: "ACP services furnished on the same day and by the same provider as an AWV are
# considered a preventive service. Therefore, the deductible and coinsurance are not applied to the codes used to report
# ACP services when performed as part of an AWV" (MLN Matters MM9271, CR 9271, as Noridian publishes it: "ACP as an
# Optional Element of an AWV"; Hall Render's summary of CR 9271 alike). A batch claim's ACP-33 line whose AWV on the
# claim and date is another practitioner's (the provider column: a physician's AWV beside an NP's ACP) keeps the
# deductible and coinsurance, as G2211 with another practitioner's visit is not that practitioner's add-on
# (``batch.claims.price_claims``' ``own`` encounters); `rvucalc price` prices one practitioner's lines, whose AWV is
# always the same provider's. The other encounter waivers (moderate sedation, G0136) name no such condition in the text
# rvucalc read: their encounter stays the claim and date.
SAME_PROVIDER_CODES = ACP_CODES
ACP_AWV_OTHER_PRACTITIONER = (
    "Advance care planning billed with modifier 33 beside an annual wellness visit (G0438/G0439) on this claim and "
    "date, but the AWV is another practitioner's (the provider column): the deductible and coinsurance apply (the "
    "waiver is for ACP 'furnished on the same day and by the same provider as an AWV': MM9271)"
)
# ACP beside its practitioner's AWV but without 33 (a home-based primary care trial's G0438 + 99497): billed so, the
# claim asks for the usual deductible and coinsurance; the waiver is claimed with modifier 33 on the ACP line (Novitas
# JL, "ACP ... Waived when billed with annual wellness visit ... Add modifier 33"; CR 9271 / MM9271). The amount stays
# as billed, as SEDATION_WITHOUT_33's; the note says what 33 would do.
ACP_WITHOUT_33 = (
    "Advance care planning beside the annual wellness visit (G0438/G0439) on this claim and date, but without modifier "
    "33: the deductible and coinsurance apply as billed. Reported with modifier 33 as part of the AWV (same day, same "
    "provider), they are waived (CR 9271 / MM9271, Novitas JL)"
)


def acp_waiver_withdrawn(code: str, modifiers: Iterable[str], encounter_codes: Iterable[str]) -> bool:
    """Whether an ACP-33 line's waiver does not hold: no AWV among its encounter's codes (a line alone has none)."""
    found = in_encounter(code, modifiers, encounter_codes) if code in ACP_CODES else None
    return found is not None and found.waiver is None


# The SDOH risk assessment G0136 ("Administration of a standardized, evidence-based social determinants of health risk
# assessment tool, 5-15 minutes, not more often than every 6 months"), created by the CY2024 PFS final rule (CMS-1784-F,
# 88 FR 78818, 2023-11-16), which also made it an optional, additional element of the AWV: furnished with the AWV it
# has no deductible or coinsurance; furnished with an E/M or a behavioral health visit the usual cost sharing applies
# (Rural Health Information Hub, "SDOH Risk Assessment": "There is an add-on payment for the SDOH Risk Assessment, but
# there is no cost sharing when conducted during an AWV ... conducted during an office or behavioral health visit ...
# the usual Medicare Part B cost sharing requirement applies"; CodingIntel on the final rule: "G0136 will be subject to
# cost sharing ... unless it is done at an Annual Wellness Visit"; AAFP: "As an optional element of the annual
# wellness visit"; CMS MLN "Medicare Wellness Visits", November 2023: "Added information about Social Determinants of
# Health Risk Assessments as an optional element of annual wellness visits"). No source read asks for a modifier (ACP's
# 33): the AWV on the same claim and date is the condition, as ACP's. The CY2026 PFS final rule (CMS-1832-F) rewrote
# G0136 as "Administration of a standardized, evidence-based assessment of physical activity and nutrition" (First
# Coast, "Revision to social determinants of health risk assessment (HCPCS code G0136)"; RVU26C's descriptor "Adm of
# pa/n assess 5-15 m"): rvucalc read no source making that assessment an element of the AWV, so from 2026 G0136 keeps
# its deductible and coinsurance, AWV or not.
SDOH_CODE = "G0136"
SDOH_AWV_YEARS = range(2024, 2026)  # CY2024 (88 FR 78818) to CY2025; rewritten for 2026 (CMS-1832-F)
SRC_SDOH = (
    "CY2024 PFS final rule (CMS-1784-F, 88 FR 78818): the SDOH risk assessment G0136 is an optional element of the "
    "AWV, without deductible or coinsurance when furnished with it; RHIhub 'SDOH Risk Assessment': 'no cost sharing "
    "when conducted during an AWV'"
)
SDOH_REASON = (
    "SDOH risk assessment furnished with the annual wellness visit (G0438/G0439) on this claim and date, as an "
    "optional element of the AWV: deductible and coinsurance waived (CY2024 PFS final rule, 88 FR 78818)."
)
SDOH_WITHOUT_AWV = (
    "G0136 with no annual wellness visit (G0438/G0439) on this claim and date: the deductible and coinsurance apply "
    "(they are waived only for the SDOH risk assessment furnished with the AWV, 2024-2025: CY2024 PFS final rule, "
    "88 FR 78818)"
)

# Moderate sedation furnished with a screening colonoscopy: "The purpose of this change request (CR) is to ensure
# accurate program payment for moderate sedation services furnished in conjunction with screening colonoscopy services
# for which the beneficiary should not be charged the coinsurance or deductible. The coinsurance and deductible for
# these services are waived" (CMS Manual System, Pub. 100-04, Transmittal 3763, 2017-04-28, Change Request 10075,
# "Payment for Moderate Sedation Services Furnished with Colorectal Cancer Screening Tests", effective 2017-01-01).
# The codes: G0500, Medicare's code for moderate sedation with a GI endoscopic service, whose descriptor the
# transmittal lists ("... (additional time may be reported with 99153, as appropriate)"), and that add-on. CPT's 99152
# is not Medicare's code for sedation with an endoscopy (G0500 is) and is left out: rvucalc could not read the
# transmittal's full code list, nor its business requirements. Its summary's condition, "furnished in conjunction with
# screening colonoscopy", is a screening colonoscopy (G0105, G0121) in the line's encounter (the codes of one `price`
# command; a batch claim's lines of one date), as ACP's AWV above. The claims instruction as billers and a review
# recall it (MLN Matters MM10075) also asks for modifier 33 on the sedation line, which the trial's claims carried; not
# verified, so rvucalc waives only with 33 (the narrower reading, as ACP's waiver needs 33 too) and says on a line
# without it what 33 would do, rather than promise a waiver Medicare may not give. Sedation for a screening turned
# diagnostic is billed with modifier PT (MLN Matters MM12656 lists G0500 and 99153 among PT's codes): PT's share.
SEDATION_CODES = frozenset({"G0500", "99153"})
SCREENING_COLONOSCOPY_CODES = frozenset({"G0105", "G0121"})
SRC_SEDATION = (
    "CMS Transmittal 3763 (Pub. 100-04, CR 10075, 2017-04-28), 'Payment for Moderate Sedation Services Furnished with "
    "Colorectal Cancer Screening Tests': coinsurance and deductible waived for moderate sedation furnished in "
    "conjunction with screening colonoscopy services (effective 2017-01-01)"
)
SEDATION_REASON = (
    "Moderate sedation furnished with the screening colonoscopy (G0105/G0121) on this claim and date: deductible and "
    "coinsurance waived (CMS Transmittal 3763, CR 10075)."
)
SEDATION_WITHOUT_SCREENING = (
    "Moderate sedation billed with modifier 33, but no screening colonoscopy (G0105/G0121) on this claim and date: the "
    "deductible and coinsurance apply (the waiver is for sedation furnished with the screening colonoscopy, CMS "
    "Transmittal 3763, a screening turned diagnostic is billed with modifier PT, MM12656)"
)
SEDATION_WITHOUT_33 = (
    "Moderate sedation beside the screening colonoscopy (G0105/G0121) on this claim and date, but without modifier 33: "
    "the deductible and coinsurance apply as billed. Reported with modifier 33 (furnished for the screening), they are "
    "waived (CMS Transmittal 3763, CR 10075)"
)
# CPT's immunization administration codes a flu, pneumococcal or hepatitis B vaccine beside them notes
# (``vaccine_administration_note``).
IMMUNIZATION_ADMINISTRATION = frozenset({"90471", "90472"})


# 90471/90472 beside a flu, pneumococcal or hepatitis B vaccine on the claim and date. "CPT® codes 90471 and 90472 will
# be denied when billed as the administration code for a preventive immunization that has been assigned a specific
# administration code" (Palmetto GBA, a Part B MAC, Preventive Services FAQ: G0008 influenza, G0009 pneumococcal,
# G0010 hepatitis B; CMS's MLN Matters MM7692 on MACs' denials of 90471-90472 for hepatitis B after G0010). Pub.
# 100-04 ch. 18 §10.2 was not reached by rvucalc's search, and a 90471 line may be for another vaccine of the claim
# (Tdap, 90715): the line keeps its PFS amount and 20%, and says so.
def vaccine_administration_note(code: str) -> str | None:
    """The note of a 90471/90472 line whose encounter has a flu, pneumococcal or hepatitis B vaccine (None: another
    code)."""
    if code not in IMMUNIZATION_ADMINISTRATION:
        return None
    return (
        f"{code} beside an influenza, pneumococcal or hepatitis B vaccine on this claim and date: Medicare pays those "
        "vaccines' administration as G0008 (influenza), G0009 (pneumococcal) or G0010 (hepatitis B), with no "
        f"deductible or coinsurance. {code} billed for one of them is likely denied (Palmetto GBA, Preventive Services "
        "FAQ). Priced as billed, with the usual deductible and 20% coinsurance, as for another vaccine of the claim."
    )


# The notes that say a line owes the deductible and coinsurance its code alone would not (batch's "preventive" notes
# of lines whose deductible is not waived).
NO_WAIVER_NOTES = frozenset(
    {
        ACP_WITHOUT_AWV,
        ACP_AWV_OTHER_PRACTITIONER,
        ACP_WITHOUT_33,
        SEDATION_WITHOUT_SCREENING,
        SEDATION_WITHOUT_33,
        SDOH_WITHOUT_AWV,
    }
) | {note for code in sorted(IMMUNIZATION_ADMINISTRATION) if (note := vaccine_administration_note(code))}
# The codes whose waiver their encounter may give or take away (``encounter_partners``): batch asks the engine about
# these codes' cells only (batch.price._encounter_waivers).
ENCOUNTER_CODES = ACP_CODES | SEDATION_CODES | {SDOH_CODE} | IMMUNIZATION_ADMINISTRATION


@dataclass(frozen=True)
class EncounterOutcome:
    """A line's cost sharing as its encounter sets it (``in_encounter``), in place of its code's own (``waiver``)."""

    waiver: Waiver | None  # None: the usual deductible and 20%
    note: str | None = None  # why no waiver holds, said on the line


def encounter_partners(code: str, modifiers: Iterable[str]) -> frozenset[str] | None:
    """The codes whose presence in a line's encounter decides its waiver, or None when the encounter does not."""
    mods = set(modifiers)
    if code in ACP_CODES:  # with 33: its waiver; without: ACP_WITHOUT_33 beside the AWV
        return AWV_CODES
    if code in SEDATION_CODES and "PT" not in mods:
        return SCREENING_COLONOSCOPY_CODES
    if code == SDOH_CODE:
        return AWV_CODES
    if code in IMMUNIZATION_ADMINISTRATION:
        return G_CODE_VACCINES
    return None


def encounter_outcome(
    code: str, modifiers: Iterable[str], with_partner: bool, partner_elsewhere: bool = False
) -> EncounterOutcome | None:
    """A line's cost sharing given whether its encounter has one of ``encounter_partners`` (None: its own stands);
    ``partner_elsewhere``: none is the line's practitioner's, but another practitioner's line of the claim and date has
    one (``SAME_PROVIDER_CODES``: batch's provider column). Batch asks once per code cell and answer; ``in_encounter``
    is the single lookup's."""
    mods = set(modifiers)
    if code in ACP_CODES and "33" in mods:
        if with_partner:
            return None
        return EncounterOutcome(None, ACP_AWV_OTHER_PRACTITIONER if partner_elsewhere else ACP_WITHOUT_AWV)
    if code in ACP_CODES:  # no 33: the usual 20% as billed; beside its practitioner's AWV, what 33 would do
        return EncounterOutcome(None, ACP_WITHOUT_33) if with_partner else None
    if code in SEDATION_CODES and "PT" not in mods:
        if with_partner and "33" not in mods:
            return EncounterOutcome(None, SEDATION_WITHOUT_33)
        if with_partner:
            return EncounterOutcome(
                Waiver(
                    code,
                    "Moderate sedation furnished with a screening colonoscopy",
                    True,
                    Fraction(0),
                    SEDATION_REASON,
                    SRC_SEDATION,
                    True,
                )
            )
        return EncounterOutcome(None, SEDATION_WITHOUT_SCREENING) if "33" in mods else None
    if code == SDOH_CODE:  # beside the AWV its own waiver (``waiver``: 2024-2025 only) stands; without, none
        return None if with_partner else EncounterOutcome(None, SDOH_WITHOUT_AWV)
    if code in IMMUNIZATION_ADMINISTRATION:  # the usual 20% as billed (not verified otherwise), said why
        return EncounterOutcome(None, vaccine_administration_note(code)) if with_partner else None
    return None


def in_encounter(code: str, modifiers: Iterable[str], encounter_codes: Iterable[str]) -> EncounterOutcome | None:
    """A line's cost sharing among its encounter's codes (the line alone: its own code only), or None when its code's
    own waiver (``waiver``) stands."""
    mods = tuple(modifiers)
    partners = encounter_partners(code, mods)
    if partners is None:
        return None
    return encounter_outcome(code, mods, not partners.isdisjoint(encounter_codes))


_BY_CODE: dict[str, PreventiveService] = {code: service for service in SERVICES for code in service.codes}

# Influenza and pneumococcal vaccines (the vaccine itself; G0008/G0009, their administration, are in SERVICES): "Neither
# the annual deductible nor the 20 percent coinsurance apply with respect to: ... Pneumococcal vaccine and its
# administration; Influenza vaccine and its administration" (Medicare General Information, Eligibility, and Entitlement
# Manual, Pub. 100-01 ch. 3 §20.4, "Exceptions to Annual Deductible and Coinsurance"; SSA POMS HI 00610.306: Part B
# pays 100 percent for the pneumococcal vaccine and its administration). 42 CFR 410.160(b) and Pub. 100-04 ch. 18 §10
# were not reached by rvucalc's search. Which codes are these vaccines: CMS's ASC Addendum BB (July 2026) marks them
# payment indicator L1 ("Influenza vaccine; pneumococcal vaccine") with descriptors Iiv/Laiv/Riv/Cciiv/Q2034-Q2039
# (influenza) and Pcv13/Pcv21/Ppsv23; the January 2026 ASP file adds 90671 ("PCV15 vaccine IM") and 90677 ("Pcv20
# vaccine im"), and marks its influenza rows "see the Seasonal Influenza Vaccines Pricing webpage". L1's smallpox,
# vaccinia and COVID-19 rows are not these vaccines. Kept apart from SERVICES: a vaccine product is not "vaccine
# administration" for G2211's exception (engine.visits.BESIDE_25).
FLU_VACCINES = frozenset(_codes(
    "90653 90655 90656 90657 90658 90660 90661 90662 90672 90673 90674 90682 90685 90686 90687 90688 90689 90694 "
    "90756 Q2034 Q2035 Q2036 Q2037 Q2038 Q2039"
))  # fmt: skip
PNEUMOCOCCAL_VACCINES = frozenset(_codes("90670 90671 90677 90684 90732"))
SRC_FLU_PNEUMOCOCCAL = (
    "Pub. 100-01 ch. 3 §20.4 'Exceptions to Annual Deductible and Coinsurance': 'Pneumococcal vaccine and its "
    "administration; Influenza vaccine and its administration'"
)
# Hepatitis B and COVID-19 vaccines: no deductible or coinsurance either (a trial: 90739 and 91320 said only "0%
# coinsurance", from the ASP file, where flu and pneumococcal vaccines said no deductible too). Hepatitis B:
# medicare.gov "Hepatitis B shots" ("You pay nothing for the shot if the doctor or other qualified health care
# provider accepts assignment"), CMS's preventive services chart as MACs restate it ("Copayment/coinsurance waived;
# Deductible waived"), for beneficiaries at intermediate or high risk (Part D covers the others). COVID-19: CARES Act
# §3713 (``SRC_COVID``). Pub. 100-04 ch. 18 §10 was not reached by rvucalc's search. The hepatitis B codes: the
# January 2026 ASP file's rows with a vaccine AWP% (95) whose descriptors are "Hepb"/"Hep b vac" (90739, 90740, 90743,
# 90744, 90746, 90747, 90759); the COVID-19 ones: CPT's SARS-CoV-2 vaccine range, 91300-91399 (every 913xx row of the
# 2026 RVU file is a "Sarscov2 vac").
HEPATITIS_B_VACCINES = frozenset(_codes("90739 90740 90743 90744 90746 90747 90759"))
COVID_VACCINE_RANGE = (91300, 91399)
SRC_HEPATITIS_B = (
    "medicare.gov 'Hepatitis B shots': 'You pay nothing for the shot if the doctor or other qualified health care "
    "provider accepts assignment'; CMS preventive services chart: coinsurance and deductible waived"
)
# Which code Medicare pays a Part B vaccine's administration with (MLN "Medicare Part B Immunization Billing": G0008
# influenza, G0009 pneumococcal, G0010 hepatitis B; 90480 COVID-19), named in the vaccine's note: its waiver is that
# administration's, not a 90471 line's (a trial: 90471 beside 90662 owed 20% while 90662's note said its
# administration had no coinsurance).
G_CODE_VACCINES = FLU_VACCINES | PNEUMOCOCCAL_VACCINES | HEPATITIS_B_VACCINES


def is_covid_vaccine(code: str) -> bool:
    low, high = COVID_VACCINE_RANGE
    return len(code) == 5 and code.isdigit() and low <= int(code) <= high


def _vaccine_kind(code: str) -> tuple[str, str, str] | None:
    """A Part B vaccine product whose deductible and coinsurance are waived: (kind, its administration code, source)."""
    if code in FLU_VACCINES:
        return "Influenza", "G0008", "Medicare General Information manual, Pub. 100-01 ch. 3 §20.4"
    if code in PNEUMOCOCCAL_VACCINES:
        return "Pneumococcal", "G0009", "Medicare General Information manual, Pub. 100-01 ch. 3 §20.4"
    if code in HEPATITIS_B_VACCINES:
        return "Hepatitis B", "G0010", "medicare.gov, Hepatitis B shots"
    if is_covid_vaccine(code):
        return "COVID-19", "90480", "CARES Act §3713"
    return None


def pt_coinsurance(year: int) -> Fraction:
    """The patient's coinsurance percent on a screening turned diagnostic (PT) in a year."""
    chosen = STANDARD_COINSURANCE
    for first_year, percent in PT_COINSURANCE_BY_YEAR:
        if year >= first_year:
            chosen = percent
    return chosen


# Modifier PT on a code it does not apply to. MLN Matters MM7012 (which brought PT in, 2011): PT goes on the CPT code
# billed instead of the screening code, "modifier PT should only be appended to a CPT code in the surgical range of
# 10000 to 69999" (as AAPC's Part B Insider quotes it: "you should not append modifier PT to a G code"); Noridian JE,
# "Modifier PT": "Append the modifier to the diagnostic procedure code that is reported instead of the screening
# colonoscopy or screening sigmoidoscopy code". So the screening codes (G0104-G0106, G0120, G0121) with PT are priced
# as the screening they name, and say so; other codes outside PT's list (MM12656: CPT 10000-69999, G0500, 00811,
# 99153) keep their own cost sharing.
PT_SCREENING_CODES = frozenset({"G0104", "G0105", "G0106", "G0120", "G0121"})
PT_NOTE = "Modifier PT does not change the PFS amount: it changes the patient's coinsurance."


# Modifier Q3 (live kidney donor surgery and related services). "Physician services furnished to live kidney donors
# must be paid at 100 percent of the allowed charge as required by Section 1881(d) of the Social Security Act. The Q3
# modifier must be used so that a kidney donor is not charged the co-payment amount which would otherwise apply" (NGS
# Medicare, "Kidney Transplant Services"); "Payment for these services is made at 100 percent of the allowed amount
# ... There is no deductible or coinsurance charged for services furnished to live donors", billed under the kidney
# recipient's name and Medicare number (Palmetto GBA, "Live Kidney Donor Services" and "HCPCS Modifier Q3", citing
# Claims Processing Manual ch. 3 §90.1.1, §90.1.3 and Benefit Policy Manual ch. 11 §140; CGS, "Kidney Acquisition
# Services and HCPCS modifier Q3": the donor's excision surgery and its inpatient stay, not the pre-donation
# evaluation, which is a Part A kidney acquisition cost). A transplant group's 50547-Q3 (a laparoscopic donor
# nephrectomy) was refused as an unknown modifier, and without Q3 the donor was shown owing 20%.
SRC_Q3 = (
    "SSA §1881(d); Claims Processing Manual ch. 3 §90.1.3, Benefit Policy Manual ch. 11 §140, as NGS Medicare "
    "('Kidney Transplant Services') and Palmetto GBA ('Live Kidney Donor Services') restate them"
)
# The note names no fee schedule: Q3 goes on "services provided to a live kidney donor" (Palmetto GBA, "HCPCS Modifier
# Q3"), a lab test among them (80053-Q3, paid from the CLFS: a trial read "does not change the PFS amount" there), and
# "Payment for these services is made at 100 percent of the allowed amount" (Palmetto GBA, "Live Kidney Donor
# Services"), whichever schedule allows it.
Q3_NOTE = "Modifier Q3 does not change the allowed amount: it waives the patient's deductible and coinsurance."
Q3_REASON = (
    "Live kidney donor surgery and related services (modifier Q3): Medicare pays 100% of the allowed amount, no "
    "Part B deductible and no coinsurance (SSA §1881(d), as NGS Medicare and Palmetto GBA restate it), billed under "
    "the kidney recipient's Medicare number."
)


# PT on a surgical code that is no colorectal endoscopy (29881-PT, a knee arthroscopy, took PT's 15% in silence). The
# statute's reduced coinsurance is for "the removal of tissue or other matter or other procedure that is furnished in
# connection with, as a result of, and in the same clinical encounter as the screening test" (SSA §1833(a) third
# sentence and §1833(dd), added by CAA 2021 §122); CMS's claims logic applies it to a PT line of any code 10000-69999,
# G0500, 00811 or 99153 (MLN Matters MM12656, as AAPC restates it), and no narrower code list of CMS's was found. So
# the money stays PT's; a code outside the lower GI endoscopies a screening colonoscopy or flexible sigmoidoscopy
# turns into (CPT's colonoscopy through a stoma 44388-44408, flexible sigmoidoscopy 45330-45350, colonoscopy
# 45378-45398) says to check that it was one.
PT_ENDOSCOPY_RANGES = ((44388, 44408), (45330, 45350), (45378, 45398))


def pt_outside_endoscopy(code: str) -> bool:
    """Whether PT on ``code`` takes PT's coinsurance (``pt_applies``) on a CPT code outside the colorectal endoscopies
    (``PT_ENDOSCOPY_RANGES``): the line's note cautions (``pt_note``)."""
    if not pt_applies(code) or code in PT_OTHER_CODES:
        return False
    return not any(low <= int(code) <= high for low, high in PT_ENDOSCOPY_RANGES)


def pt_note(code: str) -> str:
    """What modifier PT on a line of ``code`` does: the patient's coinsurance where PT applies (``pt_applies``), with
    a caution on a code that is no colorectal endoscopy (``pt_outside_endoscopy``), else why it does nothing."""
    if pt_outside_endoscopy(code):
        return (
            f"{PT_NOTE[:-1]}, as Medicare's claims processing applies PT to CPT 10000-69999 (MLN Matters MM12656). "
            f"{code} is not a colonoscopy or flexible sigmoidoscopy code: the reduced coinsurance is for a procedure "
            "furnished as a result of a colorectal cancer screening, in its encounter (Consolidated Appropriations "
            "Act, 2021 §122); without one, PT does not belong on the line and the coinsurance is 20%."
        )
    if pt_applies(code):
        return PT_NOTE
    if code in PT_SCREENING_CODES:
        return (
            f"Modifier PT goes on the CPT code of the diagnostic or therapeutic procedure billed instead of the "
            f"screening code, not on {code} (MLN Matters MM7012): priced as the screening {code}, its cost sharing "
            "unchanged."
        )
    note = (
        f"Modifier PT does not apply to {code}: the screening-turned-diagnostic coinsurance is for CPT 10000-69999, "
        "G0500, 00811 and 99153 (MLN Matters MM12656); it does not change this line's cost sharing."
    )
    if code == SCREENING_ANESTHESIA:
        # 00812 is the anesthesia for a screening colonoscopy (CR 10181's waiver, SERVICES above); MM12656's list
        # names 00811, the anesthesia for a lower intestinal endoscopy that is not a screening, for the anesthesia of a
        # screening turned diagnostic. An anesthesia trial billed 00812-QS-AA-PT beside 45385-PT: the note said PT does
        # nothing on 00812 but not what the claim bills instead.
        note = note[:-1] + (
            f": anesthesia for a screening colonoscopy that became diagnostic or therapeutic is billed as "
            f"{PT_ANESTHESIA} with PT (deductible waived, the reduced coinsurance), {code} being the screening's "
            "(no deductible or coinsurance)."
        )
    return note


SCREENING_ANESTHESIA = "00812"  # anesthesia for a screening colonoscopy (CPT), the waiver's (CR 10181)
PT_ANESTHESIA = "00811"  # anesthesia for a lower intestinal endoscopy, PT's anesthesia code (MLN Matters MM12656)


# A screening G code beside the procedure it turned into. CMS's MLN Matters MM7012 (modifier PT, 2011) has PT appended
# "to the diagnostic procedure code that is reported instead of the screening colonoscopy or screening flexible
# sigmoidoscopy HCPCS code" (as its restatements quote it; Noridian JE, "Modifier PT": "Append the modifier to the
# diagnostic procedure code that is reported instead of the screening colonoscopy or screening sigmoidoscopy code";
# AAPC's Part B Insider on MM7012: "you'll report only the diagnostic colonoscopy code, and not the screening code
# (G0104-G0106, G0120-G0121)"). The text says what is billed, not what the MAC does with a claim that bills both: a
# note, the amounts as given (a trial's G0121 beside 45385-PT was priced at 50% on top of it, unremarked). Batch:
# batch.claims._screening_beside_pt.
def screening_beside_pt_note(code: str, diagnostic: str) -> str:
    """The note on a screening G code line (``PT_SCREENING_CODES``) of an encounter with a PT line
    (``screening_beside_pt_notes``). (No "; " in it: batch's note column joins a row's notes with it.)"""
    return (
        f"{code} beside {diagnostic}-PT on one claim and date: when a colorectal cancer screening becomes "
        "diagnostic or therapeutic, the procedure code with modifier PT is billed instead of the screening code (MLN "
        f"Matters MM7012), so {code} should not be billed as well. Priced as given."
    )


def screening_beside_pt_notes(lines: Iterable[tuple[str, Iterable[str]]]) -> list[str | None]:
    """Per line of an encounter (code, modifiers), in order: ``screening_beside_pt_note`` on a screening G code line
    without PT when the encounter has a PT line of a procedure (``pt_replaces_screening``: the first one named); else,
    ``screening_without_pt_note`` where a line of the procedure the screening turns into (``SCREENING_TURNS_INTO``: the
    first one named) has no PT; else None."""
    given = [(code, set(modifiers)) for code, modifiers in lines]
    diagnostic = next((code for code, modifiers in given if "PT" in modifiers and pt_replaces_screening(code)), None)
    if diagnostic is None:
        return [
            screening_without_pt_note(code, turned)
            if "PT" not in modifiers and (turned := turned_into(code, [code for code, _ in given])) is not None
            else None
            for code, modifiers in given
        ]
    return [
        screening_beside_pt_note(code, diagnostic) if code in PT_SCREENING_CODES and "PT" not in modifiers else None
        for code, modifiers in given
    ]


# The procedure each screening G code becomes when it turns diagnostic or therapeutic, by CPT's ranges: a screening
# colonoscopy (G0105, G0121) a colonoscopy (45378-45398), a screening flexible sigmoidoscopy (G0104) a sigmoidoscopy
# (45330-45350). MM7012 has the procedure billed with PT "instead of" the screening code; a GI trial's G0121 beside
# 45380 without PT was priced in silence (the patient's 20% of 45380, not PT's 15%), where G0121 beside 45385-PT was
# noted. The barium enemas (G0106, G0120) turn into no procedure with PT (PT is for CPT 10000-69999).
SCREENING_TURNS_INTO = {"G0105": (45378, 45398), "G0121": (45378, 45398), "G0104": (45330, 45350)}


def turned_into(screening: str, codes: Iterable[str]) -> str | None:
    """The first of ``codes`` that is a procedure the screening G code ``screening`` turns into
    (``SCREENING_TURNS_INTO``), or None (``screening`` is none of those G codes, or no such procedure is among
    ``codes``)."""
    span = SCREENING_TURNS_INTO.get(screening)
    if span is None:
        return None
    return next((code for code in codes if code.isdigit() and span[0] <= int(code) <= span[1]), None)


def screening_without_pt_note(code: str, procedure: str) -> str:
    """The note on a screening G code line beside a line of the procedure it turns into, billed without PT
    (``screening_beside_pt_notes``)."""
    return (
        f"{code} beside {procedure} (without modifier PT) on one claim and date: when a colorectal cancer screening "
        f"becomes diagnostic or therapeutic, {procedure} is billed with modifier PT instead of the screening code (MLN "
        f"Matters MM7012), so {code} should not be billed as well, and {procedure} without PT has the usual "
        "deductible and coinsurance, not PT's. Priced as given."
    )


def pt_replaces_screening(code: str) -> bool:
    """Whether a PT line of ``code`` is a procedure billed instead of the screening code (MM7012: a CPT code of
    10000-69999), not the sedation or anesthesia that PT's coinsurance also covers (G0500, 00811, 99153)."""
    return pt_applies(code) and code not in PT_OTHER_CODES


def pt_applies(code: str) -> bool:
    """Whether modifier PT's coinsurance applies to a line of ``code`` (MM12656's codes)."""
    if code in PT_OTHER_CODES:
        return True
    low, high = SURGERY_RANGE
    return code.isdigit() and len(code) == 5 and low <= int(code) <= high


def waiver(code: str, modifiers: Iterable[str], year: int) -> Waiver | None:
    """The preventive-benefit cost sharing for a line, or None when the usual 20% and
    deductible apply. ``reason`` is the sentence to show next to the beneficiary amount."""
    code = code.strip().upper()
    mods = {m.strip().upper() for m in modifiers}
    if "Q3" in mods:  # a live kidney donor's service, whatever the code (SRC_Q3)
        return Waiver(
            code=code,
            service="Live kidney donor surgery and related services (Q3)",
            deductible_waived=True,
            coinsurance_percent=Fraction(0),
            reason=Q3_REASON,
            source=SRC_Q3,
            verified=True,
        )
    if "PT" in mods and pt_applies(code):
        percent = pt_coinsurance(year)
        share = "no coinsurance" if percent == 0 else f"coinsurance {percent}%"
        return Waiver(
            code=code,
            service="Colorectal cancer screening that became diagnostic or therapeutic (PT)",
            deductible_waived=True,
            coinsurance_percent=percent,
            reason=f"Screening turned diagnostic (modifier PT): deductible waived, {share} in {year} "
            "(Consolidated Appropriations Act, 2021 §122).",
            source=SRC_PT,
            verified=True,
        )
    if code in ACP_CODES:
        if "33" not in mods:
            return None
        return Waiver(
            code=code,
            service="Advance care planning with the annual wellness visit",
            deductible_waived=True,
            coinsurance_percent=Fraction(0),
            reason="Advance care planning billed with modifier 33 as part of the annual wellness visit: "
            "deductible and coinsurance waived (only when furnished with G0438/G0439, same day, same provider).",
            source=SRC_ACP,
            verified=True,
        )
    if code == SDOH_CODE:
        if year not in SDOH_AWV_YEARS:
            return None
        # As ACP-33's: the waiver of G0136 furnished with the AWV; ``in_encounter`` withdraws it without the AWV.
        return Waiver(
            code=code,
            service="SDOH risk assessment with the annual wellness visit",
            deductible_waived=True,
            coinsurance_percent=Fraction(0),
            reason=SDOH_REASON,
            source=SRC_SDOH,
            verified=True,
        )
    vaccine = _vaccine_kind(code)
    if vaccine is not None:
        kind, administration, cited = vaccine
        sources = {"G0010": SRC_HEPATITIS_B, "90480": SRC_COVID}
        return Waiver(
            code=code,
            service=f"{kind} vaccine",
            deductible_waived=True,
            coinsurance_percent=Fraction(0),
            reason=f"{kind} vaccine: no Part B deductible and no coinsurance, for the vaccine and for its "
            f"administration billed as {administration} ({cited}).",
            source=sources.get(administration, SRC_FLU_PNEUMOCOCCAL),
            verified=True,
        )
    service = _BY_CODE.get(code)
    if service is None:
        return None
    checked = "" if service.verified else " (from CMS's preventive services chart, wording not re-read by rvucalc)"
    return Waiver(
        code=code,
        service=service.service,
        deductible_waived=True,
        coinsurance_percent=Fraction(0),
        reason=f"Preventive service ({service.service}){' ' + service.condition if service.condition else ''}: "
        f"Medicare waives the deductible and coinsurance: the patient pays $0.00 when the provider accepts "
        f"assignment{checked}." + service.otherwise,
        source=service.source,
        verified=service.verified,
    )


def beneficiary_cents(allowed_cents: int, found: Waiver | None) -> int:
    """The patient's share of an allowed amount: 20%, or the waiver's percent; half-up once."""
    percent = STANDARD_COINSURANCE if found is None else found.coinsurance_percent
    exact = Fraction(allowed_cents) * percent / 100
    return (2 * exact.numerator + exact.denominator) // (2 * exact.denominator)


def services_named(text: str) -> list[PreventiveService]:
    """The services whose name (``PreventiveService.service``, rvucalc's own words from CMS's chart) holds every word
    of ``text``, case-insensitively: `rvucalc search wellness` finds G0438/G0439, whose CMS short descriptors are
    "Ppps, initial visit" and "Ppps, subseq visit"."""
    words = text.lower().split()
    if not words:
        return []
    return [service for service in SERVICES if all(word in service.service.lower() for word in words)]


def preventive_codes() -> list[str]:
    """Every code with an unconditional waiver (PT and 33 cases are conditional)."""
    return sorted(_BY_CODE)
