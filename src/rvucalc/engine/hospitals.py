"""Hospitals the OPPS does not pay as it pays others: Maryland's (not under the OPPS at all), and a rural sole
community hospital (the site-neutral clinic visit does not reach it).

Maryland. CMS, "Maryland All-Payer Model" (cms.gov, Innovation Center models): "Maryland operates the nation's only
all-payer hospital rate regulation system. This system is made possible, in part, by a 36-year-old Medicare waiver
(codified in Section 1814(b) of the Social Security Act) that exempts Maryland from the Inpatient Prospective Payment
System (IPPS) and Outpatient Prospective Payment System (OPPS) and allows Maryland to set rates for these services.
Under the waiver, all third parties pay the same rate." The Maryland All-Payer Model Agreement between CMS and the
State (2014) says the same of section 1814(b)(3): CMS "has exempted certain hospitals in Maryland from reimbursement
under the national payment system and has allowed the State to set reimbursement rates payable by Medicare for
applicable services that otherwise would be reimbursed under Medicare's Inpatient Prospective Payment System ('IPPS')
and Outpatient Prospective Payment System ('OPPS')"; the Health Services Cost Review Commission (HSCRC) sets those
rates, today under the Maryland Total Cost of Care Model. So a Maryland hospital's outpatient line has no OPPS payment
rvucalc can price (HSCRC's rates are not a CMS file): its hospital (HOPD) site is not priced, and says why. (The
Claims Processing Manual's own list of hospitals excluded from the OPPS, ch. 4 §10.1, could not be read here; CMS's
words above are the model's.)

What the waiver leaves: the physician's professional fee at the hospital is the PFS facility amount, as anywhere (the
waiver, as CMS words it, sets the rates of hospitals' IPPS and OPPS services, not physicians'). An ASC in Maryland is
not a hospital:
the waiver, as CMS words it, exempts the IPPS and OPPS, not the ASC payment system, and CMS's ASC wage index lists
Maryland's CBSAs; its ASC rate stays (CMS text saying so of Maryland ASCs in so many words was not found). Nor does it
change what the OPPS does not pay anyway (a line OPPS Addendum B does not pay keeps its reason), nor the hospital's
lines the PFS pays (outpatient therapy, mammography: engine.hopd_therapy), which are not OPPS services.

Which places: a ZIP whose state in CMS's ZIP5 file is MD; a locality given without a ZIP whose state is MD (1230201
Baltimore, 1230299 rest of Maryland). Locality 1220201 (DC + MD/VA suburbs) spans three states: its state is DC, so a
locality alone does not say the hospital is in Maryland (give its ZIP). Single lookups (``lookup.pricer``) and batch
(``batch.price``) decide with ``maryland_place`` and unprice with ``maryland_unpriced``.
"""

from __future__ import annotations

from rvucalc.errors import UsageError, option
from rvucalc.models import OppsResult

MARYLAND = "MD"

# The hospital site's reason, and the line's note where the hospital is shown (batch joins a row's notes with '; ':
# none in either).
MARYLAND_OPPS_REASON = (
    "Maryland hospital: not paid under the OPPS but at the rates Maryland's Health Services Cost Review Commission "
    "sets (Social Security Act §1814(b)(3) waiver, the Maryland Total Cost of Care Model), which rvucalc has not: "
    "not priced here"
)
MARYLAND_OPPS_NOTE = (
    "In Maryland only the hospital's (OPPS) payment is not priced, Medicare paying Maryland hospitals at the Health "
    "Services Cost Review Commission's rates: the physician's fee (PFS) and an ASC's rate are paid as elsewhere."
)


def maryland_place(zip_state: str | None, locality_state: str | None, by_zip: bool) -> bool:
    """Whether the place is in Maryland (module docstring): a ZIP's state in CMS's ZIP5 file (``by_zip``), else the
    locality's."""
    state = (zip_state or locality_state) if by_zip else locality_state
    return (state or "").strip().upper() == MARYLAND


def maryland_opps(result: OppsResult) -> bool:
    """Whether a line's OPPS result is one the Maryland waiver takes away: a rate the OPPS would pay (a packaged line's
    $0.00 too), its year's file installed."""
    return bool(result.installed and result.payable)


def maryland_unpriced(result: OppsResult) -> bool:
    """A Maryland hospital's OPPS result (``maryland_opps``): not priced, and why; whether it was changed. Its SI and
    APC stay, as Addendum B's entry (the line's rules read them)."""
    if not maryland_opps(result):
        return False
    result.payable = False
    result.rate = result.copayment = result.medicare_share = None
    result.copayment_capped = False
    result.adjustments = []
    result.notes = []
    result.reason = MARYLAND_OPPS_REASON
    return True


# Rural sole community hospitals (``rvucalc price --hospital rural-sch``, batch's --hospital; the API's ``hospital``).
# A hospital's kind is not in any CMS file rvucalc reads (it is the hospital's provider type in CMS's Provider Specific
# File, by CCN): the user says it; without it a hospital is an ordinary OPPS hospital.
#
# The clinic visit at an excepted off-campus department (G0463-PO) is paid the PFS-equivalent 40% of the OPPS rate
# (CY2019 OPPS final rule; engine.modifiers SRC_PO), except at a rural SCH: CMS's CY2023 OPPS final rule (87 FR 71748)
# "exempts sole community hospitals from site-neutral payment cuts" (CLA's summary of the final rule; the rule's own
# words were not read here), and CMS's OPPS Pricer (gov.cms.fiss.pricers.opps PerformApcAdjustments2025, "New for CY
# 2023 ... Check if Rural Provider ... Check Provider Type = '16' or '17' or '21' or '22' ... Don't Pay 40% of APC Rate
# Off Campus Clinic PMF='A' ... Will Pay 100% of APC Payment") does so for a rural CBSA and those provider types.
# engine.modifiers._po_reduced already exempts it; this says which hospital it is.
#
# The rural SCH add-on is not applied. 42 CFR 419.43(g) provides "additional payment for covered hospital outpatient
# services not excluded under paragraph (g)(4)" to a sole community hospital (or EACH) located in a rural area, "applied
# before calculating copayment amounts", (g)(4) excluding "(i) Drugs and biologicals that are paid under a separate APC;
# (ii) Devices paid under 419.66 [pass-through]; and (iii) Items and services paid at charges adjusted to costs"; its
# amount is "determined by CMS": CMS's OPPS Pricer multiplies the APC payment by 1.071 (DEFAULT_SOLE_COMMUNITY_HOSPITAL_
# ADJUSTMENT_RATE; calculateWageAdjustedPaymentAndSchAdj, "H-SCH-PYMT ROUNDED = APC PAYMENT * 1.071", for lines of SI
# S, V, T, P, X, R, U, J1, J2, section 603 lines excluded, rounded to the cent before the wage adjustment). rvucalc's
# rates, their encounter discounts and units (single lookups and batch's arrays) do not yet carry that step, so a rural
# SCH's OPPS amounts here are the ordinary hospital's, and the line says so (RURAL_SCH_ADD_ON_NOTE) rather than pay it
# approximately.
RURAL_SCH = "rural-sch"
HOSPITALS = {"rural-sch": RURAL_SCH, "rural sch": RURAL_SCH, "rural_sch": RURAL_SCH, "ruralsch": RURAL_SCH}
RURAL_SCH_ADD_ON_NOTE = (
    "Rural sole community hospital: CMS adds 7.1% to its OPPS payment for most services (42 CFR 419.43(g): not drugs "
    "and biologicals paid apart, pass-through devices, or items paid at cost; the OPPS Pricer's 1.071), which rvucalc "
    "does not apply: the hospital's amounts here are an ordinary hospital's, about 7.1% low."
)
RURAL_SCH_ADDED_SIS = frozenset({"S", "V", "T", "P", "X", "R", "U", "J1", "J2"})  # the Pricer's, as above


def hospital_name(hospital: object) -> str | None:
    """The hospital's kind as given (``--hospital``; None or blank: an ordinary OPPS hospital)."""
    if hospital is None or (isinstance(hospital, str) and not hospital.strip()):
        return None
    if isinstance(hospital, str) and hospital.strip().lower() in HOSPITALS:
        return HOSPITALS[hospital.strip().lower()]
    raise UsageError(
        f"{option('hospital')} {hospital!r}: choose rural-sch (a rural sole community hospital), or leave it out "
        "(an ordinary OPPS hospital)."
    )


def rural_sch_add_on_missed(result: OppsResult, modifiers: object) -> bool:
    """Whether a rural SCH's line is one CMS adds 7.1% to (``RURAL_SCH_ADDED_SIS``, paid, not a section 603 PN line)
    that rvucalc did not (``RURAL_SCH_ADD_ON_NOTE``)."""
    mods = {str(m).upper() for m in modifiers} if isinstance(modifiers, (list, tuple, set, frozenset)) else set()
    return bool(result.payable and result.rate and result.status_indicator in RURAL_SCH_ADDED_SIS and "PN" not in mods)
