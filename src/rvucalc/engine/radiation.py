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
# The PFS's G codes for each hospital code (the office and freestanding centers bill these).
OFFICE_CODES = {
    "77387": "G6001, G6002 or G6017 (guidance)",
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
