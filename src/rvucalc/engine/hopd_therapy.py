"""Outpatient therapy in the hospital outpatient department: paid under the PFS, not the OPPS.

Claims Processing Manual (Pub. 100-04) ch. 5 §10.1: since January 1999 the Medicare physician fee schedule (MPFS) is
"the method of payment for outpatient therapy services furnished by" CORFs, outpatient physical therapy providers,
other rehabilitation facilities, "Hospitals (to outpatients and inpatients who are not in a covered Part A stay)",
SNFs and HHAs; the section goes on to say that facility rates are for a professional's services in a facility other
than their office and to pay outpatient rehabilitation the non-facility rate (the copy of §10.1 read here is a third
party's, audiologybilling.blogspot.com 2017-09, cut short in that sentence). CMS's payment file layout (PF25PC, cols
77-86 and 90-99) publishes the "50% Therapy Reduction Amount" for "office and other noninstitutional settings" and "in
an institutional setting (services paid under section 1834)": the same amount (PFAL25A: 97110 in Alabama, $26.83 and
$20.79 in both). OPPS Addendum B marks these codes SI A ("paid under a fee schedule or payment system other than OPPS
(e.g. ... therapy)"). So a hospital's line of an always-therapy code (the RVU file's multiple procedure indicator 5)
is paid the line's PFS non-facility amount (its later units and the encounter's therapy reduction, CQ/CO included: the
office's amounts) and the patient pays 20% of it; the therapist is the hospital's, so there is no separate
professional fee. Single lookups (``lookup.pricer``) and batch (``batch.price``) both decide with
``pays_hopd_therapy`` and say ``HOPD_THERAPY_NOTE``.

Which lines: a therapy code whose Addendum B row is SI A. A therapy code is one the RVU file marks so: PC/TC
indicator 7, "Physical therapy service" (RVU file documentation: "Payment may not be made if the service is provided to
either a patient in a hospital outpatient department or to an inpatient of the hospital by an independently practicing
physical or occupational therapist": the hospital's own therapist furnishes it there), or multiple procedure indicator
5 (every indicator 5 code is also PC/TC 7 in CMS's 2025 and 2026 files). Indicator 5 alone missed the PC/TC 7 codes
the therapy reduction does not reach, 92610 (swallowing evaluation), 92611, 92608 and 97545/97546 (work hardening),
whose Addendum B rows are SI A ("paid under a fee schedule or payment system other than OPPS (e.g. ... therapy)"):
92610 at the hospital was left with the physician's facility fee and no hospital payment. "Sometimes therapy" codes
(PC/TC 0, e.g. 97597) keep their OPPS SI and are not this rule's.

In a year whose Addendum B is not installed, the newest installed earlier Addendum B decides: SI A there, or no row
there (a code new since, or no Addendum B at all), is priced so (the statute pays therapy under the fee schedule
whatever the OPPS file says; every indicator 5 code in CMS's 2025 Addenda B is SI A); another SI there is left as
before.
"""

from __future__ import annotations

from decimal import Decimal

from rvucalc.engine.kernels import claims_sequestered, percent_of, site_shares
from rvucalc.engine.pfs import money
from rvucalc.models import Site

THERAPY_MULT_PROC = "5"  # the RVU file's multiple procedure indicator of an "always therapy" code
THERAPY_PCTC = "7"  # the RVU file's PC/TC indicator 7: "Physical therapy service, for which payment may not be made"
THERAPY_SI = "A"  # OPPS: paid under a fee schedule or payment system other than OPPS

# A note is one part of batch's '; '-joined note column: no '; ' in it.
HOPD_THERAPY_NOTE = (
    "Outpatient therapy in the hospital (a therapy code, PC/TC indicator 7 or multiple procedure indicator 5, SI A): "
    "the hospital "
    "is paid under the PFS, not the OPPS (Claims Processing Manual ch. 5 §10.1), the line's PFS non-facility amount "
    "with the therapy reduction, as in the office (CMS's payment file: the '50% Therapy Reduction Amount' in an "
    "institutional setting), the patient 20% of it. The therapist is the hospital's: no separate professional fee."
)


def is_therapy_code(mult_proc: str | None, pctc: str | None) -> bool:
    """Whether the RVU file marks the code a therapy service (module docstring): PC/TC 7 or multiple procedure 5."""
    return mult_proc == THERAPY_MULT_PROC or pctc == THERAPY_PCTC


# Diabetes self-management training in the hospital outpatient department: paid under the PFS, not the OPPS. Claims
# Processing Manual (Pub. 100-04) ch. 18 §120.1, "Coding and Payment of DSMT Services" (Rev. 1255, 07-02-07, as
# findacode.com restates it): "Payment to physicians and providers for outpatient DSMT is made as follows: ... Physician
# (billed to the carrier) MPFS ... Hospitals subject to OPPS MPFS 12X, 13X" (SNFs and HHAs "MPFS non-facility rate").
# OPPS Addendum B marks G0108 and G0109 SI A ("paid under a fee schedule or payment system other than OPPS"; January
# and October 2025). Their RVU rows carry a facility 'NA' (no facility PE: the non-facility amount is their one PFS
# amount). So a hospital's DSMT line is paid as an outpatient therapy line is (the office's money: the line's PFS
# non-facility amount times its units, the patient 20% of it: DSMT has no preventive waiver, engine.preventive), the
# educators being the hospital program's, no separate professional fee. A trial: a hospital's accredited DSMT
# program's G0108 x 4 at POS 22 had no amount in any site at the hospital ("Not priced in the facility setting: CMS
# marks its PE RVU 'NA'") and was left out of the totals.
HOPD_PFS_DSMT = frozenset({"G0108", "G0109"})
# Except at a Maryland hospital: the same table of ch. 18 §120.1 pays "Maryland Hospitals under jurisdiction of the
# Health Services Cost Review Commission (HSCRC)" for DSMT "94% of provider submitted charges in accordance with the
# terms of the Maryland Waiver" (bill types 12X, 13X), not the MPFS: not priced, the waiver's reason said
# (engine.hospitals.MARYLAND_OPPS_REASON), as a Maryland hospital's OPPS line is (lookup.pricer, batch: the same rule).
MARYLAND_DSMT = HOPD_PFS_DSMT
HOPD_DSMT_NOTE = (
    "Diabetes self-management training in the hospital (SI A): the hospital is paid under the PFS, not the OPPS "
    "(Claims Processing Manual ch. 18 §120.1: hospitals subject to OPPS, MPFS, bill types 12X and 13X), the line's "
    "PFS non-facility amount, the patient 20% of it (no preventive waiver for DSMT). The educators are the hospital "
    "program's: no separate professional fee."
)


def paid_as_office_at_hopd(code: str, mult_proc: str | None, pctc: str | None) -> bool:
    """Whether the hospital's line of ``code`` is paid the office's PFS money where its SI is A: a therapy code
    (``is_therapy_code``) or diabetes self-management training (``HOPD_PFS_DSMT``)."""
    return is_therapy_code(mult_proc, pctc) or code in HOPD_PFS_DSMT


def hopd_pfs_note(code: str) -> str:
    """What the hospital's line paid the office's PFS money (``paid_as_office_at_hopd``) says."""
    return HOPD_DSMT_NOTE if code in HOPD_PFS_DSMT else HOPD_THERAPY_NOTE


def pays_hopd_therapy(
    mult_proc: str | None, installed: bool, si: str | None, prior_si: str | None, pctc: str | None = None,
    code: str = "",
) -> bool:  # fmt: skip
    """Whether the hospital's line is outpatient therapy (or DSMT, ``code`` in ``HOPD_PFS_DSMT``) paid under the PFS
    (module docstring): ``paid_as_office_at_hopd`` of its ``code`` and its RVU row's ``mult_proc`` and ``pctc``.
    ``si``: the code's SI in the year's Addendum B (None: not listed); ``prior_si``: where the year's is not installed
    (``installed`` False), the code's SI in the newest earlier Addendum B installed (None: not listed, or none
    installed)."""
    if not paid_as_office_at_hopd(code, mult_proc, pctc):
        return False
    return si == THERAPY_SI if installed else prior_si in (THERAPY_SI, None)


def therapy_opps_reason(year: int, code: str, prior_release: str | None, prior_si: str | None) -> str:
    """Why the hospital's therapy (or DSMT) line has no OPPS rate in a year whose Addendum B is not installed: not a
    file to install (a trial was told to install Addendum B for 97110), since the PFS pays it."""
    seen = (f"{prior_release}, the newest Addendum B installed, lists it SI {prior_si}" if prior_si
            else "no installed Addendum B lists it")  # fmt: skip
    what = "diabetes self-management training" if code in HOPD_PFS_DSMT else "a therapy code"
    return (f"No CY{year} OPPS rate: {code}, {what}, is paid to the hospital under the PFS, not the "
            f"OPPS ({seen}): CY{year}'s Addendum B would not change that.")  # fmt: skip


def hopd_therapy_site(office: Site) -> Site:
    """The hospital's site of an outpatient therapy line: the office's money (the line's PFS non-facility amount
    after the therapy reduction, its units, its patient share and Medicare's) as the hospital's payment, no
    professional fee. An office that is not payable (a contractor-priced code) leaves the hospital not payable, for
    the same reason."""
    if not office.payable:
        return office.model_copy(update={"setting": "hopd"})
    amount: Decimal | None = office.total
    return office.model_copy(
        update={"setting": "hopd", "facility_payment": amount, "professional_payment": None, "reason": None}
    )


# Screening mammography in the hospital outpatient department: paid under the PFS, not the OPPS. Social Security Act
# §1833(t)(1)(B)(iv): covered OPD services "do[] not include screening mammography (as defined in section 1395x(jj))
# [or] diagnostic mammography"; Claims Processing Manual (Pub. 100-04) ch. 18 §20.4 (Rev. 1070, as restated by
# findacode.com): "§104 of the Benefits Improvement and Protection Act (BIPA) 2000, provides for payment of screening
# mammography under the Medicare physician fee schedule (MPFS) when furnished in hospitals ... The payment ... is equal
# to the lower of: The actual charge or Locality specific technical component payment amount under the MPFS ... Part
# B deductible does not apply". OPPS Addendum B marks 77067 and 77063 (screening digital breast tomosynthesis, the
# screening mammogram's add-on) SI A. So the hospital's line of a screening mammography code is paid the PFS amount of
# its TC row at the locality (the RVU file's "77067 TC" row: its non-facility amount, the TC's only one), times its
# units, and the patient's share is the preventive waiver's (engine.preventive: 77067, 77063, no coinsurance or
# deductible since the Affordable Care Act §4104); the physician's interpretation (the PFS facility amount, a 26 line's)
# is paid apart, on the physician's claim, as at any hospital. The actual charge is not known here (a charge below the
# TC amount is paid less).
SCREENING_MAMMOGRAPHY = frozenset({"77067", "77063"})
# Diagnostic mammography (77065, 77066 and G0279, diagnostic digital breast tomosynthesis, their add-on) is excluded
# from the OPPS by the same clause (42 U.S.C. 1395l(t)(1)(B)(iv), read in the U.S. Code's text: "does not include
# screening mammography ..., diagnostic mammography, or personalized prevention plan services"), and CMS's Addendum B
# marks the three SI A ("paid under a fee schedule or payment system other than OPPS"; 2025's October file): the
# hospital's line is paid as screening's is, the locality's PFS amount of the code's TC row (the hospital furnishes the
# technical part; the physician bills the interpretation, 26, under the PFS). Its patient's share is not waived: the
# preventive services Medicare pays 100% of are listed in 42 CFR 410.152(l) ("(2) Screening mammography"; no diagnostic
# mammography), and those exempt from the Part B deductible in 410.160(b) ("(5) Screening mammography services"), so
# the patient pays the usual 20% of the TC amount (as §20.4 above said of screening before its waiver: "Program
# payment for the service is 80 percent of the lower amount and coinsurance is 20 percent") and the deductible applies
# (the deductible's note, as on any line that owes it).
DIAGNOSTIC_MAMMOGRAPHY = frozenset({"77065", "77066", "G0279"})
HOPD_PFS_MAMMOGRAPHY = SCREENING_MAMMOGRAPHY | DIAGNOSTIC_MAMMOGRAPHY
HOPD_MAMMOGRAPHY_NOTE = (
    "Screening mammography in the hospital (SI A): the hospital is paid under the PFS, not the OPPS (SSA "
    "§1833(t)(1)(B)(iv), BIPA §104, Claims Processing Manual ch. 18 §20.4), the locality's PFS technical component "
    "(TC) amount, with the preventive waiver's patient share. The physician's interpretation (26) is paid apart."
)
HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE = (
    "Diagnostic mammography in the hospital (SI A): the hospital is paid under the PFS, not the OPPS (SSA "
    "§1833(t)(1)(B)(iv)), the locality's PFS technical component (TC) amount. The patient pays 20% of it and the "
    "Part B deductible applies (42 CFR 410.152, 410.160: no preventive waiver). The physician's interpretation (26) is "
    "paid apart."
)


def hopd_mammography_note(code: str) -> str:
    """What the hospital's line of a mammography code paid under the PFS (``pays_hopd_mammography``) says."""
    return HOPD_MAMMOGRAPHY_NOTE if code in SCREENING_MAMMOGRAPHY else HOPD_DIAGNOSTIC_MAMMOGRAPHY_NOTE


# A line of a mammography code whose hospital payment another line of its code carries (the 26 beside the whole code
# or its TC: engine.facility.facility_paid_on): the hospital's TC amount is on that line; this line's site there is its
# physician's fee alone (engine.facility.with_professional_alone), whether or not the year's OPPS file is installed
# (the hospital is paid under the PFS).
MAMMOGRAPHY_PAID_ON = (
    "Mammography in the hospital: the hospital's PFS technical component (TC) amount is paid once, on the "
    "encounter's other line of this code"
)


def pays_hopd_mammography(code: str, installed: bool, si: str | None, prior_si: str | None) -> bool:
    """Whether the hospital's line of ``code`` is screening or diagnostic mammography paid under the PFS (the comments
    above), by its SI as ``pays_hopd_therapy`` reads it: SI A in the year's Addendum B, or, where it is not installed,
    SI A or no row in the newest earlier one installed (the statute excludes it from the OPPS whatever the file)."""
    if code not in HOPD_PFS_MAMMOGRAPHY:
        return False
    return si == THERAPY_SI if installed else prior_si in (THERAPY_SI, None)


def hopd_mammography_site(
    site: Site, technical_cents: int, share: int, *, sequestration: bool, professional_reason: str | None
) -> Site:  # fmt: skip
    """The hospital's site of a mammography line paid under the PFS: the hospital's payment is ``technical_cents`` (the
    TC row's PFS amount times the line's units), the physician's fee there is the site's (the line's PFS facility
    amount, if any), and the patient pays ``share`` hundredths of a percent of each (screening: the waiver's 0;
    diagnostic: 20%), rounded once per line."""
    professional = site.professional_payment
    doctor = 0 if professional is None else int(professional.scaleb(2))
    technical_share = percent_of(technical_cents, share)
    total, beneficiary, medicare = site_shares(technical_cents, technical_share, doctor, share)
    if sequestration:  # the hospital's claim and the physician's, each its 2% (kernels.claims_sequestered)
        medicare = claims_sequestered(medicare, technical_cents - technical_share)
    reason = (
        f"Professional fee not included: {professional_reason}"
        if professional is None and professional_reason
        else None
    )
    return Site.model_construct(
        setting="hopd", payable=True, facility_payment=money(technical_cents), professional_payment=professional,
        total=money(total), allowed=money(total), beneficiary=money(beneficiary), medicare=money(medicare),
        sequestration_applied=sequestration, reason=reason, facility_medicare=money(technical_cents - technical_share),
    )  # fmt: skip
