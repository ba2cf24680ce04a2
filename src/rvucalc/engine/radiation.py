"""Radiation treatment delivery's two code sets (CY2015 PFS final rule): CMS kept paying the office and freestanding
centers under the PFS with G6001-G6017 instead of CPT's 2015 codes 77385-77387 and 77402-77412 (the RVU file's
status I for the CPT codes, status A/C for the G codes), while the hospital bills the CPT codes under the OPPS (2025
Addendum B: 77385 and 77386 SI S APC 5623, 77402 APC 5621, 77407 and 77412 APC 5622, 77387 N; G6001-G6017 SI B).
ASTRO's coding FAQ (Treatment Delivery) states it: "The G-codes (G6003-G6014) ... should be used to report treatment
delivery under the Medicare Physician Fee Schedule in the freestanding office setting ... The new CPT treatment
delivery codes should be reported in hospital based settings under the HOPPS" (a society's page; the G codes'
descriptors: single area / two areas / three or more areas by energy, IMRT, compensator IMRT, guidance).

Through CY2025 only: for 2026 CPT deleted 77385 and 77386, CMS the G codes G6001-G6017, and delivery is 77402, 77407
or 77412 by complexity at every site, image guidance 77387 (ASTRO, "Major Radiation Oncology Code Changes in 2026";
CY2026 PFS final rule CMS-1832-F; RVU26C: 77402, 77407, 77412 status A): no counterpart to name from 2026
(``hospital_code``, ``office_codes``), the deleted codes' replacements being engine.pfs.LATER_DELETIONS'."""

LAST_YEAR = 2025  # the last year of the two code sets

# The hospital's (OPPS) code for each PFS G code.
HOSPITAL_CODE = {
    **dict.fromkeys(("G6001", "G6002", "G6017"), "77387 (guidance, packaged)"),
    **dict.fromkeys(("G6003", "G6004", "G6005", "G6006"), "77402"),
    **dict.fromkeys(("G6007", "G6008", "G6009", "G6010"), "77407"),
    **dict.fromkeys(("G6011", "G6012", "G6013", "G6014"), "77412"),
    **dict.fromkeys(("G6015", "G6016"), "77385 or 77386 (IMRT)"),
}
# The PFS's G codes for each hospital code (the office and freestanding centers bill these). Image guidance by CT is
# CPT's own 77014 there, which CMS kept (RVU25A and RVU25D: 77014 "Ct scan for therapy guide" status A, PC/TC 1),
# beside the G codes for ultrasound, stereoscopic X-ray and intrafraction tracking: "These codes [G6001, G6002, G6017,
# 77014]" (ASTRO's IGRT coding guidance, below). A radiation oncology trial's `price 77387 --setting 11 --date
# 2025-11-03` named only "G6001, G6002 or G6017 (guidance)", leaving a freestanding center's cone-beam CT guidance
# (77014, $105.00 at ZIP 40207 in RVU25D) unnamed.
OFFICE_CODES = {
    "77387": "G6001 (ultrasound), G6002 (stereoscopic X-ray), G6017 (intrafraction tracking) or 77014 (CT) guidance",
    "77402": "G6003-G6006",
    "77407": "G6007-G6010",
    "77412": "G6011-G6014",
    "77385": "G6015 or G6016 (IMRT)",
    "77386": "G6015 or G6016 (IMRT)",
}


def hospital_code(code: str, year: int) -> str | None:
    """The hospital's (OPPS) code for a PFS radiation G code in ``year``; None from 2026 (one code set) or another
    code."""
    return HOSPITAL_CODE.get(code) if year <= LAST_YEAR else None


def office_codes(code: str, year: int) -> str | None:
    """The PFS's G codes for a CPT delivery code the hospital bills in ``year``; None from 2026 or another code."""
    return OFFICE_CODES.get(code) if year <= LAST_YEAR else None


# The hospital's delivery codes through CY2025 (OFFICE_CODES but 77387, guidance, whose professional part is billed
# with 26: GUIDANCE_PROFESSIONAL): technical-only services, PC/TC indicator 3 in RVU25A and RVU25D (status I there),
# as their PFS counterparts G6003-G6016 are (PC/TC 3, work RVU 0.00), and as RVU26C's 77402, 77407 and 77412 are
# (status A). At the hospital the delivery is the hospital's, paid under the OPPS (2025 Addendum B: SI S), and has no
# professional fee: the physician's work during the course is radiation treatment management, 77427 (RVU25D PC/TC 2,
# professional component only; Claims Processing Manual (Pub. 100-04) ch. 13 §70.1, "Weekly Radiation Therapy
# Management": "A/B MACs (B) must pay for a physician's weekly treatment management services under code 77427", as
# radiologybillingcoding.com reprints the section and AAPC's "3 FAQs Clear Up the 77427 5-Fraction Mystery" cites
# it). A radiation oncology trial's `price 77385 --setting 22 --date 2025-11-05` read "Professional fee not included:
# No PFS payment: status I ... Medicare pays it as G6015 or G6016 (IMRT) in the office", a fee left out where there is
# none; 2026's 77402 at a hospital says "a technical-only service ... is the facility's there". Messages only: no
# amount changes. Price (engine.facility.compare_sites) and batch (its hospital rows' PFS reason) alike.
HOSPITAL_DELIVERY = frozenset({"77385", "77386", "77402", "77407", "77412"})
TREATMENT_MANAGEMENT = "77427"


def hospital_delivery_reason(code: str, status: str | None) -> str | None:
    """The hospital site's reason of a CPT delivery code the PFS does not pay (status I: RVU25A and RVU25D alone, the
    two code sets' years) in place of "Professional fee not included": a technical-only service there, the
    physician's work being 77427; None for any other code or status (2026's 77402 is status A: its own reason)."""
    if code not in HOSPITAL_DELIVERY or status != "I":
        return None
    return (
        f"A technical-only service (PC/TC indicator 3) at the hospital: radiation treatment delivery is the "
        f"hospital's there, paid under the OPPS, not the PFS, and it has no professional fee: the physician bills "
        f"radiation treatment management, {TREATMENT_MANAGEMENT} (Claims Processing Manual ch. 13 §70.1). In the "
        f"office or a freestanding center Medicare pays the delivery as {OFFICE_CODES[code]} (CY2015 PFS final rule)"
    )


# Radiation treatment management (77427, "Radiation tx management x5"): one unit is five fractions. Claims Processing
# Manual (Pub. 100-04) ch. 13 §70.1, "Weekly Radiation Therapy Management" (as radiologybillingcoding.com reprints it;
# AAPC cites "Chapter 13, Section 70.1"): "A weekly unit of treatment management is equal to five fractions or
# treatment sessions. A week for the purpose of making payments under these codes is comprised of five fractions
# regardless of the actual time period in which the services are furnished ... If, at the final billing of the
# treatment course, there are three or four fractions beyond a multiple of five, those three or four fractions are
# paid for as a week. If there are one or two fractions beyond a multiple of five, payment for these services is
# considered as having been made through prior payments. EXAMPLE: 18 fractions = 4 weekly services". A radiation
# oncology trial's `price 77427 --units 5` was priced 5 x $191.01 with no word (five units are 25 fractions, not
# five). 77336 (continuing medical physics, "per week of therapy") is not in that section: not noted. The note:
# ``lookup.pricer.units_note``, price's and batch's alike (batch: ``batch.price``'s MONTHLY_UNITS rows); the amounts
# stay units x one unit's.
def management_units_note(code: str, units: int) -> str | None:
    """The note on a 77427 line of ``units`` (2 or more), or None: each unit is five fractions. No "; " in it (batch
    joins notes with it)."""
    if code != TREATMENT_MANAGEMENT or units < 2:
        return None
    return (
        f"{units} units of {code} (radiation treatment management): each unit is five fractions (treatment "
        f"sessions), whatever the time they span, so {units} units are {units * 5} fractions, not {units}. At the "
        f"end of a course 3 or 4 fractions beyond a multiple of five are billed as one more unit, 1 or 2 are not "
        f"billed (Claims Processing Manual ch. 13 §70.1: 18 fractions = 4 units). The amounts are {units} times one "
        f"{code}'s."
    )


# The physician's part of image guidance at a hospital through CY2025: 77387 (status I in RVU25A and RVU25D, PC/TC 0,
# no 26 row) is no PFS code, and the hospital-based physician bills guidance's professional component under the codes
# the PFS pays, with 26: "These codes [G6001, G6002, G6017, 77014] can also be used to report the professional component
# (PC) of IGRT services for providers in a hospital setting by attaching the -26 modifier to the codes. Note: G6017 is
# a technical-only code" (ASTRO, "Image Guided Radiation Therapy (IGRT) Coding Guidance", 2016, on the CY2015 PFS final
# rule's G codes). RVU25A and RVU25D: G6001-26, G6002-26 and 77014-26 status A; G6017 has no 26 row. A radiation
# oncology trial's `price 77387-26 --date 2025-11-05 --setting 22` said only "has no -26 row ... Rows CMS publishes:
# 77387".
GUIDANCE_PROFESSIONAL = "G6001-26 (ultrasound), G6002-26 (stereoscopic X-ray) or 77014-26 (CT)"


def professional_instead(code: str, modifier: str, year: int) -> str | None:
    """What a hospital-based physician bills for ``code`` with ``modifier`` (26) in ``year`` when the PFS has no such
    row: 77387-26 through CY2025 names the guidance codes' 26 rows; None otherwise (from 2026 77387-26 is CMS's row)."""
    if code == "77387" and modifier == "26" and year <= LAST_YEAR:
        return (
            f"Through {LAST_YEAR} the PFS does not pay 77387 (status I): a physician's professional component of image "
            f"guidance at a hospital is {GUIDANCE_PROFESSIONAL} (CY2015 PFS final rule; ASTRO's IGRT coding guidance)"
        )
    return None
