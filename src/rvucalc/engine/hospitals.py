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

from typing import Any

from rvucalc.engine.kernels import round_half_up
from rvucalc.errors import UsageError, option
from rvucalc.models import OppsResult

MARYLAND = "MD"

# The hospital site's reason (a line at the hospital says it, once), and the line's note where the hospital is shown
# beside the other sites (no setting): batch joins a row's notes with '; ', none in either.
MARYLAND_OPPS_REASON = (
    "Maryland hospital: not paid under the OPPS but at the rates Maryland's Health Services Cost Review Commission "
    "sets (Social Security Act §1814(b)(3) waiver, the Maryland Total Cost of Care Model), which rvucalc has not: "
    "not priced here"
)
MARYLAND_OPPS_NOTE = (
    "In Maryland only the hospital's (OPPS) payment is not priced, Medicare paying Maryland hospitals at the Health "
    "Services Cost Review Commission's rates: the physician's fee (PFS) and an ASC's rate are paid as elsewhere."
)


# A hospital's own wage index given (--wage-index, a wage_index column) where the hospital is Maryland's: the OPPS
# rate is the one it adjusts (42 CFR 419.43(c)), and a Maryland hospital is not paid under the OPPS (the §1814(b)(3)
# waiver, above): the value prices nothing there, said on stderr (price's warning, batch's run note), exit unchanged.
MARYLAND_WAGE_INDEX_UNUSED = (
    "{given} is not used for a Maryland hospital: the hospital's wage index adjusts its OPPS rate (42 CFR 419.43(c)), "
    "and Maryland's hospitals are not paid under the OPPS but at the Health Services Cost Review Commission's rates "
    "(Social Security Act §1814(b)(3) waiver). Their hospital line is not priced; the physician's fee and an ASC's "
    "rate do not use it."
)


def maryland_place(zip_state: str | None, locality_state: str | None, by_zip: bool) -> bool:
    """Whether the place is in Maryland (module docstring): a ZIP's state in CMS's ZIP5 file (``by_zip``), else the
    locality's."""
    state = (zip_state or locality_state) if by_zip else locality_state
    return (state or "").strip().upper() == MARYLAND


# A wage area (CBSA, metropolitan division, or a state's rural area) of the wage index file, by the name CMS gives it
# there: "Baltimore-Columbia-Towson, MD" (the states after the comma), "21 MARYLAND" (the state's rural area). An OPPS
# rate exported for a wage area wholly in Maryland is one no hospital there is paid (module docstring: the
# §1814(b)(3) waiver); for an area Maryland shares ("Washington, DC-MD", "Wilmington, DE-MD-NJ",
# "Hagerstown-Martinsburg, MD-WV") the rate is its other states' hospitals' alone.
MARYLAND_AREA_ALL = "all"
MARYLAND_AREA_PART = "part"
MARYLAND_AREA_REASON = (
    "Maryland's wage area: its hospitals are not paid under the OPPS but at the rates Maryland's Health Services Cost "
    "Review Commission sets (Social Security Act §1814(b)(3) waiver), which rvucalc has not: not priced here"
)
MARYLAND_AREA_PART_REASON = (
    "a hospital of this wage area outside Maryland; a Maryland hospital in it is not paid under the OPPS (Social "
    "Security Act §1814(b)(3) waiver: HSCRC's rates)"
)


def maryland_area(cbsa: str, name: str) -> str | None:
    """Whether a wage area is Maryland's (``MARYLAND_AREA_ALL``), partly Maryland's (``MARYLAND_AREA_PART``) or not
    (None), by CMS's name for it in the wage index file (above)."""
    name = (name or "").strip().strip('"').strip()
    if len(str(cbsa).strip()) == 2:  # a state's rural area: the file names the state
        return MARYLAND_AREA_ALL if name.upper() == "MARYLAND" else None
    if "," not in name:
        return None
    states = {state.strip().upper() for state in name.rsplit(",", 1)[1].split("-")}
    if MARYLAND not in states:
        return None
    return MARYLAND_AREA_ALL if states == {MARYLAND} else MARYLAND_AREA_PART


def maryland_opps(result: OppsResult) -> bool:
    """Whether a line's OPPS result is one the Maryland waiver takes away: a rate the OPPS would pay (a packaged line's
    $0.00 too), or any line of a year whose Addendum B is not installed. The waiver's reason comes first in every year:
    installing the year's file would never price a Maryland hospital (a trial was told to add CY2026's Addendum B for
    a Baltimore hospital line, the CY2025 line saying the waiver). A line the installed file does not pay keeps its
    reason (SI B, E1: not paid under the OPPS anywhere)."""
    return bool(result.payable or not result.installed)


def maryland_unpriced(result: OppsResult, waived: bool = False) -> bool:
    """A Maryland hospital's OPPS result (``maryland_opps``, or ``waived``: a line the waiver pays though the OPPS
    would not, engine.hopd_therapy.MARYLAND_DSMT): not priced, and why; whether it was changed. Its SI and APC stay,
    as Addendum B's entry (the line's rules read them)."""
    if not (waived or maryland_opps(result)):
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
# The rural SCH add-on. 42 CFR 419.43(g) provides "additional payment for covered hospital outpatient services not
# excluded under paragraph (g)(4)" to a sole community hospital (or EACH) located in a rural area, "applied before
# calculating copayment amounts", (g)(4) excluding "(i) Drugs and biologicals that are paid under a separate APC; (ii)
# Devices paid under 419.66 [pass-through]; and (iii) Items and services paid at charges adjusted to costs"; its amount
# is "determined by CMS". How CMS's OPPS Pricer pays it (gov.cms.fiss.pricers.opps, AbstractStatusIndicatorPayments2023.
# calculateWageAdjustedPaymentAndSchAdj, 19550-SCH-ADJ, read 2026): "COMPUTE H-SCH-PYMT ROUNDED = (... APC-PYMT *
# 1.071)" (setScale(2, HALF_UP): the national APC payment times 1.071, rounded to the cent, first), for a rural CBSA
# and provider type 16, 17, 21 or 22, "SECTION 603 SERVICES EXCLUDED" (PN); then the line's payment is "(((H-SCH-PYMT *
# .60) * W-WINX) + (H-SCH-PYMT * .40)) * W-SRVC-UNITS * W-DISC-RATE" rounded once: the 1.071 comes before the wage
# adjustment, the units and the multiple-procedure discount (kernels.opps_line_payment's unrounded rate is that of
# the adjusted national rate). Blood (R) is paid "H-SCH-PYMT * W-SRVC-UNITS * W-DISC-RATE", not wage-adjusted. It is
# called for SI S, V, T, P, X, J1, J2 (ProceduresServicesAndVisits) and R; a conditionally packaged line (Q1, Q2, Q3)
# paid apart is paid under its APC as those are. The copayment: the Pricer's Medicare share is the APC's (1 - national
# copayment / national rate: kernels.opps_medicare_share) and the coinsurance what is left of the line's payment
# ("H-NAT-COIN = H-LITEM-PYMT - ... - H-LITEM-REIM"), so it grows with the adjusted payment, as (g) says ("applied
# before calculating copayment amounts"); a copayment that is Addendum B's own (IRA-adjusted, blood's) or capped at
# the inpatient deductible stays so. Not added: drugs and biologicals (K, K1, G), pass-through devices (H), items at
# cost, packaged lines, section 603 (PN) lines, and brachytherapy sources (U): CMS's OPPS final rules exclude
# "brachytherapy sources" from the adjustment (as session 43 read them) while the Pricer's comment names U, so U keeps
# the ordinary rate (no money rvucalc could not verify) and the line says the add-on was not added.
RURAL_SCH = "rural-sch"
HOSPITALS = {"rural-sch": RURAL_SCH, "rural sch": RURAL_SCH, "rural_sch": RURAL_SCH, "ruralsch": RURAL_SCH}
RURAL_SCH_ADD_ON_NOTE = (
    "Rural sole community hospital: the 7.1% OPPS add-on (42 CFR 419.43(g), the OPPS Pricer's 1.071) is applied: "
    "Addendum B's national rate (less its CT, FX or FY reduction) x 1.071, rounded to the cent, then wage-adjusted, "
    "discounted and times the units. The "
    "copayment is the patient's share of that payment. Not added to drugs and biologicals paid apart, pass-through "
    "devices, brachytherapy sources, items paid at cost, packaged lines or section 603 (PN) lines."
)
RURAL_SCH_NOT_ADDED_NOTE = (
    "Rural sole community hospital: the 7.1% OPPS add-on (42 CFR 419.43(g)) is not added to this line: drugs and "
    "biologicals paid apart, pass-through devices, brachytherapy sources, items paid at cost and section 603 (PN) "
    "lines are excluded (419.43(g)(4), the OPPS final rules)."
)
# The Pricer's SIs (above), and conditionally packaged lines paid apart; U left out (above)
RURAL_SCH_ADDED_SIS = frozenset({"S", "V", "T", "P", "X", "R", "J1", "J2", "Q1", "Q2", "Q3"})
RURAL_SCH_NUMERATOR, RURAL_SCH_DENOMINATOR = 1071, 1000  # the Pricer's DEFAULT_SOLE_COMMUNITY_HOSPITAL_ADJUSTMENT_RATE
# batch's Lines.rural_sch_add_on: a rural SCH's row the 7.1% reached, or an OPPS row it did not
RURAL_SCH_ADDED, RURAL_SCH_NOT_ADDED = 1, 2


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


def rural_sch_line(modifiers: object) -> bool:
    """Whether a rural SCH's line may get the 7.1% add-on by its modifiers: not a section 603 (PN) line (the Pricer's
    "SECTION 603 SERVICES EXCLUDED"); its SI decides the rest (``RURAL_SCH_ADDED_SIS``, engine.facility.price_opps).
    Single lookups (lookup.pricer) and batch (batch.price) alike."""
    mods = {str(m).upper() for m in modifiers} if isinstance(modifiers, (list, tuple, set, frozenset)) else set()
    return "PN" not in mods


def rural_sch_mills(national_mills: Any) -> Any:
    """Addendum B's national rate (mills; an int or an integer array) times 1.071, rounded half-up to the cent (the
    Pricer's H-SCH-PYMT), in mills again: what is wage-adjusted, discounted and times the units."""
    return round_half_up(national_mills * RURAL_SCH_NUMERATOR, RURAL_SCH_DENOMINATOR * 10) * 10


def rural_sch_note(result: OppsResult) -> str | None:
    """A rural SCH's line's note where its hospital rate is above $0.00: the add-on applied (``RURAL_SCH_ADD_ON_NOTE``,
    ``result.rural_sch_rate`` set by price_opps) or not added to it (``RURAL_SCH_NOT_ADDED_NOTE``)."""
    if not (result.payable and result.rate):
        return None
    return RURAL_SCH_ADD_ON_NOTE if result.rural_sch_rate is not None else RURAL_SCH_NOT_ADDED_NOTE
