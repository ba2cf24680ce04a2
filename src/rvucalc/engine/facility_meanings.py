"""What OPPS status indicators (SI) and ASC payment indicators (PI) mean.

SI wording follows CMS's OPPS Addendum D1 as MACs publish it; PI wording is
CMS's own Addendum DD1 (January 2025 ASC zip). Codes CMS's files use that our
sources do not define are marked "meaning unverified" rather than guessed.
"""

from __future__ import annotations

# No "; " inside an SI meaning of rvucalc's words: a reason quotes it, and batch's note column joins a row's notes
# with "; " (the ASC PIs below are CMS's DD1 wording as published, "; " and all).
OPPS_SI = {
    "A": "Paid under a fee schedule or payment system other than OPPS (e.g. clinical lab, ambulance, therapy)",
    "B": "Not recognized by OPPS on an outpatient hospital Part B bill (12x, 13x), another code may apply",
    "C": "Inpatient only: not paid under OPPS, the patient must be admitted and the service billed as inpatient",
    "D": "Discontinued code",
    "E1": "Not covered by any Medicare outpatient benefit, statutorily excluded, or not reasonable and necessary",
    "E2": "Not paid: no pricing information or claims data available",
    "F": "Corneal tissue acquisition, certain CRNA services, hepatitis B vaccine: paid at reasonable cost",
    "G": "Pass-through drug or biological: paid separately",
    "H": "Pass-through device category: paid separately at cost",
    "H1": "New indicator in the CY2025/2026 files, meaning unverified (not in rvucalc's sources)",
    "J1": "Comprehensive APC: one payment for the primary service and the related services on the claim",
    "J2": "Comprehensive observation APC when criteria are met, otherwise paid separately",
    "K": "Non-pass-through drug, biological or radiopharmaceutical: paid separately",
    # CMS's October 2025 ASC Addendum BB marks exactly the codes Addendum B gives SI K1 (C9089, J0666, J0668, J1096,
    # J1097, J1885) "***", its NOTE 4: "the item is a non-opioid alternative covered under Section 4135 of the
    # Consolidated Appropriations Act of 2023 (P.L. 117-328). Separate payments for such covered non-opioid
    # alternatives are subject to a payment limitation of 18 percent of the OPD fee schedule amount for the OPD
    # service (or group of services) with which the non-opioid treatment is furnished". (Addendum D1's own wording
    # for K1 could not be read here; the meaning is the codes' as CMS's shipped file states it.)
    "K1": "Non-opioid treatment for pain relief (Consolidated Appropriations Act, 2023 §4135): drug or biological "
    "paid separately, the limit on that payment (18% of the OPD fee schedule amount of the service it is furnished "
    "with) is not applied here",
    "L": "Influenza, pneumococcal or COVID-19 vaccine: paid at reasonable cost, no deductible or coinsurance",
    "M": "Not billable to the MAC: not paid under OPPS",
    "N": "Packaged: no separate payment, included in the payment for other services",
    # Addendum D1's P, as the I/OCE's payment status words it: "Service paid only in Partial Hospitalization Program or
    # Intensive Outpatient Program" (paid under the OPPS, one per-diem APC a day: engine.facility.PER_DIEM_REASON).
    "P": "Partial hospitalization or intensive outpatient program service: paid under the OPPS only within the day's "
    "per-diem APC, not per line",
    "Q1": "Conditionally packaged (STV): packaged with a significant procedure, otherwise paid separately",
    "Q2": "Conditionally packaged (T): packaged with a T procedure, otherwise paid separately",
    "Q3": "May be paid through a composite APC",
    "Q4": "Conditionally packaged laboratory test",
    "R": "Blood and blood products: paid separately",
    "S": "Significant procedure, not discounted when multiple",
    "S1": "New indicator for CY2026, meaning unverified (not in rvucalc's sources)",
    "T": "Significant procedure: multiple procedure reduction applies (the lower-paid ones at 50%)",
    "U": "Brachytherapy source: paid separately",
    "V": "Clinic or emergency department visit",
    "Y": "Non-implantable durable medical equipment: paid under the DMEPOS fee schedule, not OPPS",
}

# SIs for which OPPS makes no payment of its own, whatever the file's rate column holds.
OPPS_NOT_PAID = frozenset({"A", "B", "C", "D", "E1", "E2", "F", "L", "M", "Y"})

# Packaged: paid, at $0.00, its cost in the payment for the claim's other services. Addendum D1: "N - Items and
# Services Packaged into APC Rates ... Paid under OPPS; payment is packaged into payment for other services.
# Therefore, there is no separate APC payment"; DD1: "N1 - Packaged service/item; no separate payment made". The
# line is a service of the encounter, not a refusal: the physician's fee in the hospital or ASC (the PFS facility
# amount) is paid all the same.
OPPS_PACKAGED = frozenset({"N"})

ASC_PI = {
    "A2": "Surgical procedure on ASC list in CY 2007; payment based on OPPS relative payment weight",
    "B5": "Alternative code may be available; no payment made",
    "D1": "Ancillary dental service/item; no separate payment made",
    "D2": "Non office-based dental procedure added in CY 2024 or later",
    "D5": "Deleted/discontinued code; no payment made",
    "F4": "Corneal tissue acquisition, hepatitis B vaccine; paid at reasonable cost",
    "G2": "Non office-based surgical procedure added in CY 2008 or later; "
    "payment based on OPPS relative payment weight",
    "H2": "Brachytherapy source paid separately when provided integral to a surgical procedure on ASC list; "
    "payment based on OPPS rate",
    "J7": "OPPS pass-through device paid separately when provided integral to a surgical procedure on ASC list; "
    "payment contractor-priced",
    "J8": "Device-intensive procedure; paid at adjusted rate",
    "K2": "Drugs, biologicals, and radiopharmaceuticals paid separately when provided integral to a surgical "
    "procedure on ASC list; payment based on OPPS rate",
    "K5": "Items, codes, and services for which pricing information and claims data are not available; no payment made",
    "K7": "Unclassified drugs and biologicals; payment contractor-priced",
    "L1": "Influenza vaccine; pneumococcal vaccine. Packaged item/service; no separate payment made",
    "L6": "Special payment; New Technology Intraocular Lens (NTIOL) or qualifying non-opioid devices",
    "N1": "Packaged service/item; no separate payment made",
    "P2": "Office-based surgical procedure added to ASC list in CY 2008 or later with MPFS nonfacility PE RVUs; "
    "payment based on OPPS relative payment weight",
    "P3": "Office-based surgical procedure added to ASC list in CY 2008 or later with MPFS nonfacility PE RVUs; "
    "payment based on MPFS nonfacility PE RVUs",
    "R2": "Office-based surgical procedure added to ASC list in CY 2008 or later without MPFS nonfacility PE RVUs; "
    "payment based on OPPS relative payment weight",
    "S2": "Meaning unverified: new in the CY2026 addenda, not in CMS's January 2025 DD1 list; Addendum BB gives it "
    "to skin substitute products",
    "Z2": "Radiology or diagnostic service paid separately when provided integral to a surgical procedure on ASC "
    "list; payment based on OPPS relative payment weight",
    "Z3": "Radiology or diagnostic service paid separately when provided integral to a surgical procedure on ASC "
    "list; payment based on MPFS nonfacility PE RVUs",
}

ASC_NOT_PAID = frozenset({"B5", "D1", "D5", "K5", "L1"})

# The indicators CMS gives a drug, biological or radiopharmaceutical it pays separately: OPPS SI G "Pass-through drugs
# and biologicals" and K "Nonpass-through drugs, biologicals, therapeutic radiopharmaceuticals", both paid at ASP+6%
# (CMS's table "Payment for Nonexcepted Items and Services in Nonexcepted Off-Campus Provider Based Departments of a
# Hospital, by OPPS Status Indicator", CY2018 PFS rule), K1 the non-opioid drugs and biologicals (OPPS_SI above); ASC
# PI K2 "Drugs, biologicals, and radiopharmaceuticals paid separately" (Addendum DD1, ASC_PI above). A code the
# quarter's Addendum B or BB so marks is a Part B drug whatever the installed ASP file lists (lookup.schedules.
# drug_listing). Not K7 (unclassified drugs, contractor-priced: lookup.pricer.not_otherwise_classified_drug).
OPPS_DRUG_SI = frozenset({"G", "K", "K1"})
ASC_DRUG_PI = frozenset({"K2"})
ASC_PACKAGED = frozenset({"N1"})

# OPPS status indicators paid at Addendum B's national rate, without wage adjustment. CMS's OPPS Pricer wage-adjusts
# 60% of the APC payment only for SI S, V, T, P, X, J1 and J2 lines (its CalculateStandardPayment, 19550-CALC-STANDARD:
# "WAGE ADJUST 60% OF THE APC PAYMENT FOR SI = S, V, T, P, OR X LINES"; ProceduresServicesAndVisits for J1/J2); blood
# (R) and brachytherapy sources (U) are "NOT WAGE-ADJUSTED" (BloodProductAndBrachytherapy), and drugs and biologicals
# (G pass-through, K and K1 non-pass-through: ASP-based) are paid per unit at their national rate. Q1-Q3 codes paid
# separately are paid as procedures (their APC's S, T, V or X): adjusted.
OPPS_NOT_WAGE_ADJUSTED = frozenset({"G", "K", "K1", "R", "U"})

# Paid at the national rate, without wage adjustment: the practice of open-source
# ASC pricers; CMS's own text for this list is unverified (payment-rules.md, section 3).
ASC_NOT_WAGE_ADJUSTED = frozenset({"H2", "J7", "K2", "K7", "F4", "L6"})

# Paid ASC payment indicators whose definition rvucalc has not found in CMS's text: S2, new in the CY2026 addenda and
# not in CMS's January 2025 Addendum DD1 (the list above). Addendum BB gives it to the skin substitute products (Q41xx-
# Q44xx, A20xx, C9363 in January 2026), every one at $127.14 a sq cm, the single national rate of the CY2026 PFS and
# OPPS/ASC final rules. Whether CMS wage-adjusts that rate at the ASC, as a procedure's, or pays it nationally, as a
# drug's (K2), was not found (searched: the CY2026 OPPS/ASC final rule, CMS-1834-FC, 90 FR 53448; a CY2026 Addendum
# DD1; a MAC's CY2026 indicator list, FCSO's, whose text as read stops before S2). Addendum BB prints S2 with a payment
# weight (2.2574 x the CY2026 ASC CF $56.322 = $127.14), as it does its weight-based radiology codes (Z2, wage-
# adjusted), where a drug (K2) has a rate and no weight. So rvucalc wage-adjusts it as a procedure (it is not in
# ASC_NOT_WAGE_ADJUSTED) and the line says so (engine.facility.asc_indicator_note), the money left as it was.
ASC_PI_UNVERIFIED = frozenset({"S2"})


def meaning(table: dict[str, str], value: str) -> str:
    return table.get(value, f"Indicator {value!r}: meaning not in rvucalc's sources (unverified)")
