"""What a contract's percentage, or a remittance's paid amount, is of: ``--paid-for`` (``rvucalc price`` and
``rvucalc batch`` share this one rule).

A site's allowed amount at a hospital outpatient department or an ASC is two claims' payments: the facility's (OPPS or
ASC rate, on the hospital's UB-04 / 837I, or the ASC's claim) and the physician's PFS facility fee (on the CMS-1500).
Each is billed and paid apart ("split billing": CMS, 79 FR 66910; the physician's facility rate: Claims Processing
Manual ch. 12 §20.4.2; an ASC's facility fee apart from the surgeon's: Benefit Policy Manual ch. 15 §260). So a
physician group's contract (or remit) is on the professional fee alone, a hospital's or ASC's on its facility payment
alone, and ``site`` on the site's whole allowed amount (batch.price.FACILITY_CLAIM says the same).

Not a Medicare rule of payment: which of Medicare's amounts a contract or remit is compared with.
"""

from __future__ import annotations

from typing import Any

from rvucalc.engine.anesthesia import PAYMENT_MODIFIERS
from rvucalc.engine.policy import ASSISTANT_MODIFIERS, SPLIT_CARE_PARTS
from rvucalc.errors import UsageError

PAID_FOR = ("site", "professional", "facility")

# Lines that say they are on a practitioner's claim (CMS-1500 / 837P) alone, whatever the place: without --paid-for
# (batch's default, site) their paid amount is compared with professional_allowed, not the site's whole allowed amount
# (a physician group's trial: 73721-26 at POS 22 paid its PFS facility amount, $61.98, was $244.78 "underpaid" by the
# hospital's OPPS rate). Only modifiers a hospital's or ASC's own claim never carries: 26, the professional component
# (the physician's part of a service whose facility part the hospital bills on its own claim: split billing, above);
# an assistant at surgery's 80, 81, 82 or AS (on the assistant's own claim, the facility paid the procedure once on
# its claim: Claims Processing Manual ch. 12 §20.4.3); and an anesthesia practitioner's payment modifier, AA, AD, QK,
# QX, QY or QZ (ch. 12 §50); a split global surgical package's 54, 55 or 56 (surgical care only, postoperative or
# preoperative management only): "Physicians Who Furnish Part of a Global Surgical Package ... Where physicians agree
# on the transfer of care during the global period, the following modifiers are used: '-54' for surgical care only; or
# '-55' for postoperative management only" (Claims Processing Manual ch. 12 §40.2.A, as the Medicare Carriers Manual
# §4822.A.3 it restates words it): the global package is the physician's PFS payment (§40.1), split between physicians,
# never the hospital's or ASC's own claim (the facility is paid the procedure once on its claim: engine.facility's 55
# and 56 notes). An eye group's trial: a surgeon's 66984-RT-54 at POS 24 (ZIP 33609, 2025-06-10) paid its PFS share,
# $411.26, was $1,152.74 "underpaid" by the ASC's rate beside it, and stderr's advice to rerun with --paid-for
# professional compared the same file's ASC claims (type of bill 831) with a physician's fee. Not TC (an independent
# facility's, or a supplier's in the office, on a professional claim too), nor a provider column's practitioner (the
# run's --provider is a default, not the claim's form).
# A claim (one claim id) that carries such a line, or a code PROFESSIONAL_ONLY_PCTC names, is itself a practitioner's
# claim (CMS-1500 / 837P), every line of it: without --paid-for batch compares its other lines at a hospital or ASC
# with professional_allowed too (a cardiology trial: 92928 beside 93458-26 at POS 22 was "underpaid" $10,980.62 by the
# hospital's OPPS payment; BatchPricer._practitioners_claim_lines), unless a row of it has a facility's type of bill
# (13x, 83x): both say whose claim it is, and each line is compared by its own word. `rvucalc price` has no such
# default (its --paid-for, with --percent-of-medicare, is every line's): price's lines are one claim either way.
PROFESSIONAL_CLAIM_MODIFIERS = {
    "26": "a professional component (26)",
    **dict.fromkeys(sorted(ASSISTANT_MODIFIERS), "an assistant at surgery's line (80, 81, 82, AS)"),
    **dict.fromkeys(sorted(PAYMENT_MODIFIERS), "an anesthesia line with its payment modifier (AA, AD, QK, QX, QY, QZ)"),
    **dict.fromkeys(SPLIT_CARE_PARTS, "a split global surgical package's part (54, 55, 56)"),
}


def paid_for_name(text: str | None) -> str:
    """``--paid-for``'s value, read as batch and price read it: site (the default), professional or facility."""
    name = "site" if text is None else str(text).strip().lower()
    if name not in PAID_FOR:
        raise UsageError(f"--paid-for {text!r}: choose {', '.join(PAID_FOR[:-1])} or {PAID_FOR[-1]}.")
    return name


# What a remittance's paid column is (``rvucalc batch --paid-is``): ``allowed``, the allowed amount (Medicare's and
# the patient's shares together: a remit's allowed column, or a payer's total), or ``medicare``, Medicare's payment
# alone (a remit's paid column: "Primary Paid", "Ins Paid"). Medicare pays 80% of the allowed amount, the patient the
# 20% coinsurance (Social Security Act section 1833(a)(1); 42 CFR 410.152(b)), so a remit's paid amount compared with
# the allowed amount shows every line "underpaid" by its coinsurance, hides an overpayment smaller than it, and a true
# shortfall among them (a primary care trial: 99214 by a PA paid $84.42 against Medicare's share $80.53). With
# ``medicare`` the paid column is compared with Medicare's share of the same amount --paid-for picks: the row's
# ``medicare`` (site), ``professional_medicare`` (professional) or the facility's (medicare less
# professional_medicare: paid_for_basis on the Medicare shares, one rule), after the 2% sequestration with
# --sequestration (its columns are sequestered then: batch.price._sequestered). Medicare pays nothing of the allowed
# amounts that go to the patient's Part B deductible (Social Security Act section 1833(b); 42 CFR 410.160): a line paid
# less by the deductible shows as underpaid by it (rvucalc knows nothing of what a patient has met: said on stderr).
# Not a Medicare rule of payment either: which of Medicare's amounts a remit is compared with.
PAID_IS = ("allowed", "medicare")
# The measure a paid amount is compared with, by --paid-is and --paid-for (the rows' ``expected``, --summary's
# scenario.expected): the output's own column names, the facility claim's as --summary's facility_claims say it.
COMPARED_MEASURES = {
    "allowed": {"site": "allowed", "professional": "professional_allowed", "facility": "facility_claim_allowed"},
    "medicare": {"site": "medicare", "professional": "professional_medicare", "facility": "facility_claim_medicare"},
}
# Stderr's word for a run with --paid-is medicare and a paid column: what a deductible does to its variances.
MEDICARE_PAID_DEDUCTIBLE = (
    "Medicare pays nothing of the part of an allowed amount that goes to the patient's unmet Part B deductible, so a "
    "line paid less by the deductible shows as underpaid by it (rvucalc does not know how much of the deductible a "
    "patient had met): check the remit's deductible column (CARC 1) for those lines"
)


def paid_is_name(text: str | None) -> str:
    """``--paid-is``'s value: allowed (the default) or medicare."""
    name = "allowed" if text is None else str(text).strip().lower()
    if name not in PAID_IS:
        raise UsageError(
            f"--paid-is {text!r}: choose allowed (the paid column is the allowed amount, Medicare's and the patient's "
            "shares) or medicare (it is Medicare's payment alone, a remit's paid column)."
        )
    return name


def medicare_compared_with(paid_for: str, sequestration: bool = False) -> str:
    """What a paid column is compared with under ``--paid-is medicare``, as stderr says it (``batch.columns.
    paid_compared_with``'s words for ``--paid-is allowed``)."""
    after = ", after the 2% sequestration" if sequestration else ""
    if paid_for == "professional":
        return f"professional_medicare (Medicare's share of the physician's claim: no coinsurance{after})"
    if paid_for == "facility":
        return ("the facility's Medicare share (medicare less professional_medicare at a hospital outpatient "
                f"department or ASC: its OPPS or ASC payment less the patient's copayment{after})")  # fmt: skip
    return f"medicare (Medicare's share: the allowed amount less the patient's coinsurance{after})"


def paid_for_basis(
    paid_for: str, allowed: Any, allowed_valid: Any, professional: Any, professional_valid: Any, at_facility: Any
) -> tuple[Any, Any]:
    """The amount in cents ``paid_for`` is of, and where there is one: ``(cents, valid)``.

    ``allowed``: the site's whole allowed amount (facility payment plus the physician's fee); ``professional``: the
    physician's claim there (professional_allowed: the PFS facility amount at a hospital or ASC, the office amount in
    the office); ``at_facility``: the place is a hospital outpatient department or an ASC (a place paid its facility
    fee otherwise, inpatient or SNF, has no facility claim rvucalc prices). Python ints and bools (one lookup) or
    numpy arrays of int64 cents and bools (batch: whole columns, no per-row work), the same arithmetic.

    - site: the allowed amount;
    - professional: the physician's claim (no facility fee in it);
    - facility: the allowed amount less the physician's claim (where there is one), at a hospital or ASC alone.
    """
    if paid_for == "professional":
        return professional, professional_valid
    if paid_for == "facility":
        return allowed - professional * professional_valid, allowed_valid & at_facility
    return allowed, allowed_valid


# Codes that are a practitioner's line by CMS's own word, whatever their modifiers: the RVU file's PC/TC indicator
# (CMS's RVU file documentation, RVU25A.pdf / RVU26*.pdf, "PCTC IND"): 2, "Professional Component Only Codes -- ...
# stand-alone codes that describe the physician work portion of selected diagnostic tests ... An example ... is CPT code
# 93010 -- Electrocardiogram; Interpretation and Report" (the hospital bills the tracing, 93005, PC/TC 3, on its claim);
# 6, "Laboratory Physician Interpretation Codes -- ... separate payment for interpretations by laboratory physicians
# ... Actual performance of the tests is paid for under the lab fee schedule" (in CMS's 2025 and 2026 files only the
# codes' 26 rows carry it: 26 says so already); 8, "Physician interpretation codes: ... the professional component of
# clinical laboratory codes ... payment for the underlying clinical laboratory test is made to the hospital" (85060).
# A hospital's or ASC's own claim never bills the physician's interpretation: such a line is on the practitioner's.
# But not a code the hospital bills itself: Addendum B gives PC/TC 2 codes the hospital is paid for (77071, SI Q1) or
# packages (77435, 88141, 96936, SI N), so such a line says nothing of whose claim it is. Only an Addendum B status
# indicator of M ("items and services not billable to the MAC") or B ("not recognized by OPPS when submitted on an
# outpatient hospital Part B bill type (12x and 13x)"), or none, leaves it the practitioner's (a review).
NOT_HOSPITAL_BILLED_SI = frozenset({"M", "B"})
# Addendum B's M, "Items and Services Not Billable to the MAC" (the OPPS final rule's Addendum D1): never a line of the
# hospital's own bill, whatever its PC/TC indicator (B, "not recognized by OPPS when submitted on an outpatient
# hospital Part B bill type", may be the hospital's service under another code or bill type: not so)
NOT_BILLABLE_TO_THE_MAC = "M"
PROFESSIONAL_ONLY_PCTC = {
    "2": "a professional component only code (PC/TC indicator 2)",
    "6": "a laboratory physician interpretation code (PC/TC indicator 6)",
    "8": "a physician interpretation code (PC/TC indicator 8)",
}


def professional_claim_line(modifiers: Any, pctc: str | None = None) -> str | None:
    """What a line's modifiers, or its code's PC/TC indicator (``pctc``: its CMS row's, None where unknown), say of it
    where they put it on a practitioner's claim alone (``PROFESSIONAL_CLAIM_MODIFIERS``: 'a professional component
    (26)'; ``PROFESSIONAL_ONLY_PCTC``: 'a professional component only code (PC/TC indicator 2)'); None for any other
    line."""
    said = next((PROFESSIONAL_CLAIM_MODIFIERS[m] for m in modifiers if m in PROFESSIONAL_CLAIM_MODIFIERS), None)
    return said if said is not None or pctc is None else PROFESSIONAL_ONLY_PCTC.get(str(pctc).strip())


# The lesser of the charge and the fee schedule amount. Medicare allows the lower of the line's actual (billed) charge
# and the schedule's amount, on each practitioner's and supplier's schedule:
# - PFS: "payment under this part shall instead be based on the lesser of (A) the actual charge for the service, or
#   (B) ... the amount determined under the fee schedule" (Social Security Act §1848(a)(1), 42 U.S.C. 1395w-4(a)(1));
#   "The Medicare allowed charge ... is the lower of the actual charge or the fee schedule amount" (Claims Processing
#   Manual ch. 12 §20);
# - CLFS: "paid based on a fee schedule in accordance with Section 1833(h) ... Payment made is the lesser of the
#   amount billed, the local fee for a geographic area, or a national limit" (Noridian, a CMS MAC: JF Part B,
#   Clinical Diagnostic Laboratory Fee Schedules);
# - DMEPOS: "the payment basis ... is the lesser of (i) the actual charge for the item, or (ii) the payment amount
#   recognized under paragraphs (2) through (7)" (SSA §1834(a)(1)(B); 42 CFR 414.210(a));
# - Part B drugs: "Payment for a drug ... is based on the lesser of (1) The actual charge on the claim for program
#   benefits; or (2) 106 percent of the average sales price" (42 CFR 414.904(a)).
# Not a hospital's OPPS payment: the OPPS pays the APC rate, whatever the hospital's charge (42 CFR 419.2, 419.32),
# so a site's whole allowed amount at a hospital (its facility payment with the physician's fee) is never compared.
# Nor the ASC's rate: its lesser-of (SSA §1833(a)(1)(G)) is not compared here (not verified against its text), nor a
# site's whole at an ASC (two claims, one charge). So: the professional claim's amount (--paid-for professional, or a
# practitioner's line), and the site's allowed amount off a hospital and an ASC (the office's, another facility's
# professional fee, a lab's, drug's or DME item's). The patient's coinsurance is then the line's share of the lower
# amount (42 CFR 410.152: a percentage of the allowed amount), none for a lab (SSA §1833(a)(1)(D)).
LESSER_OF_CHARGE_RULES = {
    "pfs": ("the fee schedule amount", "SSA §1848(a)(1)"),
    "clfs": ("the lab fee schedule amount", "SSA §1833(h)"),
    "dmepos": ("the DMEPOS fee schedule amount", "SSA §1834(a)(1)(B)"),
    "dmepos_po": ("the DMEPOS fee schedule amount", "SSA §1834(h)(1), 42 CFR 414.210(a)"),
    "dmepos_sd": ("the DMEPOS fee schedule amount", "SSA §1834(i)(1)"),
    "dmepos_sc": ("the DMEPOS fee schedule amount", "42 CFR 414.102(a)"),
    "dmepos_pen": ("the PEN fee schedule amount", "SSA §1842(s), 42 CFR 414.102(a)"),
    "drug": ("the ASP payment amount", "42 CFR 414.904(a)"),
}
# SSA §1834(a) pays "covered items", durable medical equipment; prosthetic devices and orthotics and prosthetics are
# paid under §1834(h) ("the amounts paid shall be the amounts described in section 1834(h)(1)": SSA §1833(a)(1)), to
# the same lesser of the actual charge and the fee schedule amount: "Medicare pays for durable medical equipment,
# prosthetics and orthotics ... on the basis of 80 percent of the lesser of (1) The actual charge for the item; (2)
# The fee schedule amount for the item" (42 CFR 414.210(a)). 42 CFR 414.202's prosthetic and orthotic devices are
# "leg, arm, back, and neck braces, and artificial legs, arms, and eyes" and devices replacing an internal body organ
# "including ostomy bags and supplies directly related to ostomy care": the DMEPOS file's payment categories PO
# (prosthetics and orthotics: a walking boot, L4361) and OS (ostomy, tracheostomy and urological items). An urgent
# care trial's L4361 billed below its fee cited §1834(a)(1)(B), the DME paragraph. (A comma in the citation, never
# "; ": batch joins a row's notes with it.)
PROSTHETIC_ORTHOTIC_CATEGORIES = frozenset({"PO", "OS"})
# Surgical dressings (payment category SD: A6021, a collagen dressing) are paid under their own subsection: "with
# respect to surgical dressings, the amounts paid shall be the amounts determined under section 1834(i)" (SSA
# §1833(a)(1)(P), added with §1834(i) by OBRA 1993 §13544, Pub. L. 103-66, 107 Stat. 589-590), whose paragraph (1)
# pays them at 80 percent of the lesser of the actual charge and the fee; its paragraph (2) excepts dressings "(A)
# furnished as an incident to a physician's professional service; or (B) furnished by a home health agency". 42 CFR
# 414.220 computes their fee as an inexpensive or routinely purchased item's ("payment for ostomy supplies,
# tracheostomy supplies, urologicals, and surgical dressings not furnished as incident to a physician's professional
# service or furnished by an HHA is made using the methodology for the inexpensive and routinely purchased class").
# Splints and casts (SC) and intraocular lenses (IL) "inserted in a physician's office" and parenteral and enteral
# nutrition (the PEN file's items, which carry no CATG) are paid on "80 percent of the lesser of (1) The actual charge
# for the item or service; or (2) The fee schedule amount" (42 CFR 414.102(a)), PEN's fee schedule set under SSA
# §1842(s) (HCFA-1010-P, 64 FR 40534: "Section 1842(s) ... specifies that statewide or other areawide fee schedules
# may be implemented for ... parenteral and enteral nutrients, equipment, and supplies"). Durable medical equipment
# (IN, FS, CR, OX), TENS (TE: 42 CFR 414.210(b)(1)(vii)) and DME supplies (SU) keep §1834(a)(1)(B); therapeutic
# shoes (TS) and lymphedema compression items (LC) too, as rvucalc found no text of their own lesser-of rule.
PEN_CATEGORY = "PEN"  # the pseudo category batch gives a PEN fee schedule row (the PEN file has no CATG column)
CHARGE_RULE_BY_CATEGORY = {
    **dict.fromkeys(PROSTHETIC_ORTHOTIC_CATEGORIES, "dmepos_po"),
    "SD": "dmepos_sd",
    "SC": "dmepos_sc",
    "IL": "dmepos_sc",
    PEN_CATEGORY: "dmepos_pen",
}


def dmepos_charge_rule(categories: frozenset[str] | set[str]) -> str:
    """The LESSER_OF_CHARGE_RULES key of a DMEPOS item whose fee schedule rows carry ``categories`` (the file's CATG
    values, PEN_CATEGORY for a PEN file row): the one CHARGE_RULE_BY_CATEGORY gives every one of them
    (``dmepos_po`` for prosthetic and orthotic devices, ``dmepos_sd`` for surgical dressings, ...), else ``dmepos``
    (durable medical equipment's §1834(a)(1)(B); also an item whose categories disagree)."""
    rules = {CHARGE_RULE_BY_CATEGORY.get(category, "dmepos") for category in categories}
    return rules.pop() if len(rules) == 1 else "dmepos"


def charge_compared(paid_for: Any, at_facility: Any) -> Any:
    """Where a line's charge caps what Medicare allows of the amount ``paid_for`` picks (its name, or an array of
    names per row): the professional claim's amount anywhere, the site's allowed amount off a hospital or ASC
    (``at_facility``: the place is a hospital outpatient department or an ASC); never the facility's. Python values
    or numpy arrays, the same arithmetic (LESSER_OF_CHARGE_RULES)."""
    return (paid_for == "professional") | ((paid_for == "site") & ~at_facility)


def lesser_of_charge(charge: Any, amount: Any, patient: Any, share_hundredths: Any) -> tuple[Any, Any, Any]:
    """What Medicare allows of a line whose charge (cents) is below its schedule's ``amount`` (cents; its patient's
    share ``patient`` cents, ``share_hundredths`` the line's coinsurance percentage): ``(allowed, patient, plain)``,
    the charge, the patient's share of it, and whether that share is the line's percentage of it (else the same
    fraction of it as of ``amount``: a share that is no plain percentage, an IRA-adjusted drug's). A lab's share
    (none) stays none. numpy arrays of int64 (LESSER_OF_CHARGE_RULES)."""
    import numpy as np

    from rvucalc.engine.kernels import percent_of, round_half_up

    plain = percent_of(amount, share_hundredths) == patient
    by_share = round_half_up(charge * patient, np.maximum(amount, 1))
    return charge, np.where(plain, percent_of(charge, share_hundredths), by_share), plain
