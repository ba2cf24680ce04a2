"""A therapist in private practice at the hospital, therapy at a SNF: who Medicare pays for a therapy line there.

A physical or occupational therapist in private practice (``lookup.lines.PROVIDERS``' therapist: CMS specialties 65
and 67; --provider therapist, PT, OT, DPT, OTR/L ...) and a speech-language pathologist in private practice (slp:
specialty 15; SLP, CCC-SLP) are paid as a physician is: the full PFS amount, the limiting charge where they do not
accept assignment (Medicare Benefit Policy Manual ch. 15 §230.4, as credentials.THERAPIST_CREDENTIALS reads it). What
is theirs alone is where a therapy line cannot be paid to them:

- The RVU file documentation's PC/TC indicator 7 ("Physical therapy service, for which payment may not be made"):
  "Payment may not be made if the service is provided to either a patient in a hospital outpatient department or to
  an inpatient of the hospital by an independently practicing physical or occupational therapist" (CMS's RVU file
  documentation, PC/TC indicator 7; a trial priced a DPT's 97110 at POS 21 $32.26). So a PT's or OT's line of a PC/TC
  7 code at POS 19 or 22 (the hospital outpatient department; --setting hopd) or 21 (an inpatient) is not payable,
  the indicator's text its reason: the hospital bills it (engine.hopd_therapy).
- The indicator names physical and occupational therapists only: an SLP's line (not an audiology test, which is not
  theirs to bill: ``slp_audiology_test_denial``) for an inpatient (POS 21) is priced as written, with a note
  (``SLP_HOSPITAL_NOTE``) that the hospital furnishes its Part A inpatients' therapy; for an
  outpatient (POS 19, 22) the line is the hospital's (``SLP_OUTPATIENT_NOTE``: the SLP bills nothing separately). 42 CFR
  410.62(b), which the brief of this rule cites for Part B paying an SLP for an inpatient without Part A days, was not
  read in CMS's text here: said, not applied.
- At a SNF (POS 31): physical and occupational therapy and speech-language pathology furnished to a SNF's resident
  are subject to SNF consolidated billing in a covered Part A stay AND in a non-covered (Part B) stay: the SNF bills
  them and pays the outside therapist under arrangements (``SNF_THERAPY_NOTE``, the sources beside it). That holds for
  any therapy line there, whoever furnished it: a line with GP, GO or GN, or an always-therapy code of the RVU file
  (multiple procedure indicator 5), a trial's clinic export with no provider column got no note; a PC/TC 7 code
  alone (an audiologist's 92557) is not therapy there (``therapy_line``).
- At a nursing facility (POS 32): consolidated billing reaches residents of a Medicare-certified SNF (or its
  certified part) only, which POS 32 does not say (``NURSING_FACILITY_THERAPY_NOTE``). Both: a note, the amount
  priced as written.

One rule for ``rvucalc price`` (lookup.pricer) and ``rvucalc batch`` (batch.price.BatchPricer._therapist_places).

An NP's, PA's, CNS's or clinical social worker's line of a therapy code at the hospital outpatient department is the
hospital's too (``hospital_therapy_practitioner``): priced as the hospital's line, without the practitioner's
percentage (lookup.pricer; batch.price.BatchPricer._hospital_therapy_lines).
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.hopd_therapy import HOPD_PFS_DSMT, THERAPY_MULT_PROC, paid_as_office_at_hopd

THERAPIST = "therapist"  # a physical or occupational therapist in private practice (CMS specialties 65, 67)
SLP = "slp"  # a speech-language pathologist in private practice (CMS specialty 15)
THERAPISTS = (THERAPIST, SLP)
THERAPY_PCTC = "7"  # the RVU file's PC/TC indicator 7 (engine.hopd_therapy.THERAPY_PCTC)
HOSPITAL_PLACES = frozenset({"19", "21", "22"})  # hospital outpatient (off and on campus) and inpatient
SNF_PLACE = "31"
NURSING_FACILITY_PLACE = "32"
THERAPY_PLAN_MODIFIERS = frozenset({"GP", "GO", "GN"})  # engine.modifiers.THERAPY_PLAN_MODIFIERS

# A note is one part of batch's '; '-joined note column: no '; ' in them.
PCTC_7_TEXT = (
    '"Payment may not be made if the service is provided to either a patient in a hospital outpatient department or '
    "to an inpatient of the hospital by an independently practicing physical or occupational therapist\" (CMS's RVU "
    "file documentation, PC/TC indicator 7)"
)
SLP_HOSPITAL_NOTE = (
    "A speech-language pathologist in private practice at the hospital: PC/TC indicator 7's rule (no payment to an "
    "independently practicing physical or occupational therapist for a hospital outpatient or inpatient) names PT and "
    "OT only, so the line is priced as written. The hospital bills its outpatients' and Part A inpatients' therapy "
    "(engine rule not applied: check that the patient had no Part A days, 42 CFR 410.62(b), not verified here)."
)
# An SLP's line at the hospital outpatient department (POS 19, 22, --setting hopd) is the hospital's: a therapist in
# private practice "maintains office space at his or her own expense and furnishes services only in that space or the
# patient's home" (Medicare Benefit Policy Manual ch. 15 §230.4 B, as a third party's copy of the manual reads), and
# "If a hospital furnishes medically necessary therapy services in its outpatient department to individuals who are
# registered as its outpatients, those services must be billed directly by the hospital" (CMS Transmittal 9, Pub.
# 100-02, April 2004, as AAPC quotes it). So the line is priced as the hospital's (engine.hopd_therapy: the PFS
# non-facility amount, no professional fee) and the SLP bills nothing separately: a review found the hospital's $93.69
# beside the old note's "priced as written" (which would have been the SLP's PFS facility amount, $76.72, for 92610).
SLP_OUTPATIENT_NOTE = (
    "A speech-language pathologist in private practice at the hospital outpatient department: the hospital bills its "
    'registered outpatients\' therapy (CMS Transmittal 9, 2004: "must be billed directly by the hospital"), and a '
    "therapist in private practice furnishes services only in their own office or the patient's home (Medicare "
    "Benefit Policy Manual ch. 15 §230.4). The line is the hospital's: the SLP bills nothing separately."
)
# SNF consolidated billing of therapy (Social Security Act §1888(e)(2)(A)(ii), BBA 1997 §4432(b)): "Physical therapy,
# Speech-language pathology services, and Occupational therapy are bundled into the SNF's global per diem payment for
# a resident's covered Part A stay. They are also subject to the SNF 'Part B' consolidated billing requirement for
# services furnished to SNF Part B residents" (CMS, Recovery Audit Program approved topic 0138, "SNF Consolidated
# Billing for Therapies", citing Claims Processing Manual ch. 6 §10.1-10.3, §20.5, §20.6). MLN Matters SE0518: "PT, OT
# and SLP services furnished to SNF residents are always subject to consolidated billing" and, of a non-covered stay,
# "Since the beneficiary still resides in a Medicare-certified institution (or part thereof) ... the claims for
# therapy services furnished during a non-covered SNF stay must be submitted to Medicare by the SNF itself. The SNF is
# responsible for reimbursing the provider" (as a third party, carolinafees.com, quotes it). Medicare Benefit Policy
# Manual ch. 15 §230: "therapy services furnished to SNF residents in the Medicare-certified part of a SNF cannot be
# billed by any entity other than the SNF". A review found the old note limiting it to a covered Part A stay. The note
# says the outside provider bills Medicare nothing, the amount the SNF's claim is paid from the PFS (SE0518,
# "reimbursed under the Medicare fee schedule").
#
# That amount is the PFS non-facility one, not POS 31's facility rate: the SNF bills its residents' Part B therapy on
# its institutional claim (type of bill 22x, 23x), and Claims Processing Manual ch. 5 §10.1 names the MPFS "the method
# of payment for outpatient therapy services furnished by ... Skilled nursing facilities (SNFs) (to residents not in a
# covered Part A stay and to nonresidents ...)", its facility rates being for "professional services performed in a
# facility other than the professional's office" (§10.1 as a third party's copy, audiologybilling.blogspot.com
# 2017-09, reads; cut short at "The nonfacility rate (that is", so the sentence naming the institutional rate was not
# read). CMS's payment file layout (PF25PC, cols 77-86 and 90-99) publishes the "50% Therapy Reduction Amount" for
# "office and other noninstitutional settings" and "in an institutional setting (services paid under section 1834)"
# alike (engine.hopd_therapy), and Claims Processing Manual ch. 18 §120.1's table pays SNFs' DSMT on the "MPFS
# non-facility rate" (as findacode.com restates it; engine.hopd_therapy). The hospital's outpatient therapy is priced
# so already (engine.hopd_therapy.HOPD_THERAPY_NOTE). A trial: a PT's 97597-GP at POS 31 in ZIP 15213 was priced the
# PFS facility amount, $30.61, "the PFS amount of the SNF's claim", where the non-facility amount is $95.31. An
# always-therapy code (multiple procedure indicator 5) had it already (its facility PE is 'NA': engine.pfs.facility_na);
# a sometimes-therapy code (PC/TC 0) with GP, GO or GN, or a therapist's line, did not. POS 32 is the non-facility rate
# already. In a covered Part A stay the SNF's per diem includes the line (the note says so); its amount and the totals
# are as before, the line's money only the non-facility amount (``snf_therapy_paid_non_facility``; lookup.pricer,
# batch.price.BatchPricer._choose_setting).
SNF_THERAPY_NOTE = (
    "Therapy to a SNF's resident (POS 31): physical and occupational therapy and speech-language pathology furnished "
    "to a resident of a Medicare-certified SNF are subject to SNF consolidated billing in a covered Part A stay and in "
    "a Part B (non-covered) stay alike (Social Security Act §1888(e)(2)(A)(ii), Claims Processing Manual ch. 6 §10.3, "
    "§20.5, §20.6, MLN Matters SE0518). The SNF bills the line and pays the therapist under arrangements: an outside "
    "therapist or practice bills Medicare nothing for it. Priced as the SNF's Part B claim is paid for outpatient "
    "therapy, the PFS non-facility amount, not POS 31's facility rate (Claims Processing Manual ch. 5 §10.1). In a "
    "covered Part A stay the SNF's per diem includes it."
)
# POS 32 (nursing facility) does not say whether the resident lives in a Medicare-certified SNF or part: consolidated
# billing reaches residents of "the Medicare-certified part of a SNF" (Medicare Benefit Policy Manual ch. 15 §230, as
# above, and SE0518's "Medicare-certified institution (or part thereof)"), not those of a facility or part that is not
# certified, whose therapy an outside therapist bills to Part B.
NURSING_FACILITY_THERAPY_NOTE = (
    "Therapy at a nursing facility (POS 32): where the resident lives in a Medicare-certified SNF (or its certified "
    "part), SNF consolidated billing applies to physical and occupational therapy and speech-language pathology in a "
    "Part A and a Part B stay alike, and the SNF bills the line (Medicare Benefit Policy Manual ch. 15 §230, MLN "
    "Matters SE0518). A resident of a facility or part not certified as a SNF is not subject to it: the therapist "
    "bills Part B. Priced as written: the line does not say which."
)


INPATIENT_PLACE = "21"


# A therapy assistant's line (CQ, CO: lookup.lines.PROVIDERS' therapist, as credentials.ASSISTANT_CREDENTIALS reads a
# PTA's or OTA's provider cell) is the therapist's in private practice: "The services of PTAs ... are billed by the
# supervising physical therapist" (Medicare Benefit Policy Manual ch. 15 §230.1; OTAs §230.2), and a therapist in
# private practice furnishes services only in their own office or the patient's home (§230.4). So PC/TC indicator 7
# bars it as it bars the therapist's own line (a trial: a DPT's 97110-GP at POS 22 denied, a PTA's 97530-CQ-GP there
# priced as the hospital's, $50.23).
ASSISTANT_WHO = {"CQ": "a physical therapist assistant (CQ)", "CO": "an occupational therapy assistant (CO)"}


def therapist_denial(code: str, provider: str, place: str | None = None, modifiers: Sequence[str] = ()) -> str:
    """The reason a PT's or OT's line of ``code`` at the hospital is not payable (``therapist_place``). At POS 21 an
    inpatient's therapy is the hospital's inpatient service (in its Part A payment: Claims Processing Manual ch. 5
    §10.1 names the MPFS for hospital inpatients only "who are not in a covered Part A stay"), so no advice to price
    it at the outpatient department (a review: POS 21 was told "--setting hopd"). A line with CQ or CO
    (``modifiers``) names the therapist's assistant who furnished it (``ASSISTANT_WHO``)."""
    who = "a physical or occupational therapist in private practice"
    assistant = next((ASSISTANT_WHO[m] for m in modifiers if m in ASSISTANT_WHO), None)
    if assistant is not None:
        who = (
            f"{assistant} of {who}, who bills the assistant's services (Medicare Benefit Policy Manual ch. 15 "
            "§230.1, §230.2)"
        )
    if place == INPATIENT_PLACE:
        return (
            f"{code} furnished to a hospital inpatient (POS 21) by {who}: "
            f"not payable. {PCTC_7_TEXT}: an inpatient's therapy is the hospital's, in its Part A payment "
            "(billed by the hospital under Part B only where the patient has no Part A stay, ch. 5 §10.1). rvucalc "
            "prices nothing for the line."
        )
    return (
        f"{code} furnished to a hospital outpatient (POS 19, 22) by {who}: "
        f"not payable. {PCTC_7_TEXT}: the hospital bills its outpatients' therapy under the PFS (ch. 5 "
        "§10.1). rvucalc prices nothing for the line; price it as the hospital's with --provider physician (or a "
        "blank provider cell) at --setting hopd."
    )


# PC/TC indicator 7 alone does not make a line therapy at a SNF: it is a payment bar on independently practicing PTs
# and OTs at the hospital (its text, ``PCTC_7_TEXT``), and CMS sets it on audiology tests too (92550, 92557, 92567,
# 92568, 92570, 92601-92604 in RVU26C and RVU25A, multiple procedure indicator 0; the OPPS pays them as tests, Addendum
# B SI Q1 or S, not as therapy, SI A). An audiologist's test to a SNF resident is not consolidated billing's therapy:
# "Since audiology services furnished during a noncovered SNF stay are not bundled with speech-language pathology
# services, payment can be made either to the SNF or to the audiology service provider/supplier. Audiologists,
# physicians, and NPPs enrolled in Medicare may bill directly for services rendered to Medicare beneficiaries who are in
# a SNF stay that is not covered by Part A" (CMS's audiology billing text, as audiologybilling.blogspot.com 2017-09
# copies it: Medicare Benefit Policy Manual ch. 15 §80.3, which batch.lines' audiologist comment cites, its exact
# subsection not checked against CMS's PDF here; the same blog's 2017-06 copy of CMS's SNF billing text on "audiologic
# tests": "Independent audiologists may bill the carrier directly for services rendered to beneficiaries not in a SNF
# Part A covered stay"). In a covered Part A stay the SNF's PPS includes the test (same texts): priced as written, as
# any line there. An audiology trial's 92557 at POS 31 (Pittsburgh, 2026) was told "an outside therapist or practice
# bills Medicare nothing for it" beside "speech-language pathology". So a
# PC/TC 7 code is a therapy line there only with GP, GO or GN or billed by a therapist; the always-therapy codes
# (multiple procedure indicator 5: 92507, 97110 ...) are therapy whoever bills them, as before.
def therapy_line(provider: str, modifiers: Sequence[str], mult_proc: str | None, pctc: str | None) -> bool:
    """Whether a line is therapy whoever bills it: a therapist's (``THERAPISTS``), one with GP, GO or GN, or an
    always-therapy code of the RVU file (multiple procedure indicator 5). A PC/TC 7 code without them (an
    audiologist's 92557) is not (the comment above); ``pctc`` is kept for the callers' signature."""
    del pctc  # PC/TC 7 alone is not therapy here (the comment above)
    return (
        provider in THERAPISTS or any(m in THERAPY_PLAN_MODIFIERS for m in modifiers) or mult_proc == THERAPY_MULT_PROC
    )


def em_visit(code: str) -> bool:
    """Whether a code is an E/M visit (99202-99499): no therapy service whatever its modifiers (E/M codes are on no
    list of CMS's therapy codes: the always-therapy ones carry multiple procedure indicator 5)."""
    return code.isdigit() and 99202 <= int(code) <= 99499


def snf_therapy_note(
    provider: str, modifiers: Sequence[str], mult_proc: str | None, pctc: str | None, place: str | None, code: str
) -> str | None:  # fmt: skip
    """The consolidated billing note of a therapy line (``therapy_line``) at a SNF (POS 31) or a nursing facility
    (POS 32); None for any other line or place, and for an E/M visit (``em_visit``: a review found a physician's
    99308-GP at POS 31, priced the facility amount, told the SNF bills it at the non-facility one)."""
    if place not in (SNF_PLACE, NURSING_FACILITY_PLACE) or em_visit(code):
        return None
    if not therapy_line(provider, modifiers, mult_proc, pctc):
        return None
    return SNF_THERAPY_NOTE if place == SNF_PLACE else NURSING_FACILITY_THERAPY_NOTE


def snf_therapy_paid_non_facility(
    provider: str, modifiers: Sequence[str], mult_proc: str | None, pctc: str | None, place: str | None, code: str
) -> bool:  # fmt: skip
    """Whether a line is therapy at a SNF (POS 31: ``SNF_THERAPY_NOTE``), whose amount is the SNF's claim's, the PFS
    non-facility amount (the comment above ``SNF_THERAPY_NOTE``), price and batch alike. An E/M visit (99202-99499)
    is no therapy service whatever its modifiers: a review found a physician's stray GP on 99308 at POS 31 priced the
    non-facility $76.00, not $65.88, while its note said GP changes nothing (``em_visit``)."""
    if em_visit(code):
        return False
    return place == SNF_PLACE and therapy_line(provider, modifiers, mult_proc, pctc)


def therapist_place(
    provider: str,
    code: str,
    pctc: str | None,
    place: str | None,
    site: str | None,
    modifiers: Sequence[str] = (),
    mult_proc: str | None = None,
    facility_bill: bool = False,
) -> tuple[str | None, str | None]:
    """(denial, note) of a line at its place (module docstring): ``place`` the line's CMS POS code (normalised,
    '21'), None where a site word was given; ``site`` 'hopd' for --setting hopd (the hospital outpatient
    department); ``modifiers`` the line's (CQ, CO: an assistant's line, ``therapist_denial``; GP, GO, GN: a therapy
    line whoever bills it, ``snf_therapy_note``); ``mult_proc`` the RVU row's. A therapist's line at the hospital,
    any therapy line at a SNF or nursing facility, a clinical social worker's (AJ) line for a hospital inpatient
    (``engine.modifiers.csw_inpatient_denial``) or a SNF's Part A resident (``engine.modifiers.csw_snf_part_a_note``),
    a nursing facility or home visit at another family's place (``engine.visits.visit_place_note``), a return to the
    operating room (78) at the office (``engine.modifiers.return_to_or_note``): the one per-line note of a line at its
    place, price and batch alike; (None, None) for any other. ``facility_bill``: the line is on the hospital's own
    bill (type of bill 13x, engine.place_of_service.facility_bill), not the therapist's (the comment above
    ``slp_audiology_test_denial``)."""
    from rvucalc.engine.modifiers import csw_inpatient_denial, csw_snf_part_a_note, return_to_or_note
    from rvucalc.engine.visits import visit_place_note

    # A clinical social worker's (AJ) line for a hospital inpatient: outside their benefit (SSA §1861(hh)(2)).
    inpatient = csw_inpatient_denial(code, modifiers, place)
    if inpatient is not None:
        return inpatient, None
    if provider in THERAPISTS:
        hospital = place in HOSPITAL_PLACES or (place is None and site == "hopd")
        # An SLP's audiology test, anywhere but on the hospital's own bill: not theirs to bill (SLP_AUDIOLOGY_TEST).
        # Not a code the PFS pays no one (92551, 92558, 92590-92595: status N or X, PC/TC indicator 9), whose own
        # refusal (not covered, excluded) says more; nor a code not in the release's RVU file (no PC/TC indicator, '':
        # 92590-92595 for 2026, 92599), whose "not in the fee schedule" does (a session 69 review: `price 92590
        # --provider slp --setting 11 --date 2026-08-03` was denied as an audiology test, pointing at --provider
        # audiologist, which says 92590 is not in CY2026).
        if (
            provider == SLP
            and not facility_bill
            and pctc not in (None, "", NO_PCTC_CONCEPT)
            and audiology_test(code, mult_proc)
        ):
            return slp_audiology_test_denial(code, hospital), None
        if hospital and pctc == THERAPY_PCTC:
            # The hospital's own claim: its staff's line, not one a therapist bills, nor an SLP's in private practice
            # (SLP_OUTPATIENT_NOTE is of a professional claim's line: a review found it on a TOB 131 row of 92507-GN
            # by a 'CCC-SLP', the hospital's speech therapy department's every line).
            if facility_bill:
                return None, None
            if provider == THERAPIST:
                return therapist_denial(code, provider, place, modifiers), None
            return None, SLP_HOSPITAL_NOTE if place == INPATIENT_PLACE else SLP_OUTPATIENT_NOTE
    return None, (
        snf_therapy_note(provider, modifiers, mult_proc, pctc, place, code)
        or csw_snf_part_a_note(code, modifiers, place)
        or visit_place_note(code, place)
        or return_to_or_note(modifiers, place)
    )


# A practitioner paid a percentage of the PFS amount for their own services (an NP, a CNS: 85%, 42 CFR 414.56(c), as
# lexbuild.dev restates it: "allowed amounts for the services of a nurse practitioner or clinical nurse specialist may
# not exceed 85 percent of the physician fee schedule amount for the service"; a PA: 85%, 42 CFR 414.52, Claims
# Processing Manual ch. 12 §110; a clinical social worker: 75%, 42 CFR 414.53, lookup.lines.PROVIDER_MODIFIERS' AJ) is
# paid that percentage of the services they bill under their own number, on a professional claim. A hospital's
# outpatient therapy is not such a service: the hospital bills it on its institutional claim and is paid under the
# PFS (Claims Processing Manual ch. 5 §10.1: the MPFS is "the method of payment for outpatient therapy services
# furnished by ... Hospitals (to outpatients ...)"; hospitals submit "the 837 Institutional electronic claim format",
# physicians and "certain nonphysician practitioners (NPPs)" the 837 Professional: §10.1 as a third party's copy,
# audiologybilling.blogspot.com 2017-09, reads), the line's PFS non-facility amount whoever furnished it
# (engine.hopd_therapy). A review found `price 92507-GN --provider np --setting 22` paying the hospital 85% ($71.17 of
# $83.73). So such a line at POS 19 or 22 (--setting hopd) is priced as the hospital's: the full PFS amount, no
# practitioner's percentage (and no AJ), as an SLP's there (``SLP_OUTPATIENT_NOTE``), with ``hospital_therapy_note``.
# Claims Processing Manual ch. 12 §120 itself (the NPPs' billing) was not read here. Where no place is given, the line
# is the practitioner's own claim (the office's 85%), and the hospital outpatient site beside it is the hospital's
# line, as --setting hopd prices it (a review found $71.17 there beside --setting 22's $83.73; lookup.pricer, batch:
# BatchPricer._hospital_therapy_elsewhere), with ``hospital_therapy_note``.
PERCENT_PRACTITIONERS = {
    "np": ("nurse practitioner", "NP", "85% (42 CFR 414.56(c))"),
    "pa": ("physician assistant", "PA", "85% (42 CFR 414.52)"),
    "cns": ("clinical nurse specialist", "CNS", "85% (42 CFR 414.56(c))"),
    "csw": ("clinical social worker", "CSW", "75% (42 CFR 414.53)"),
}
OUTPATIENT_PLACES = frozenset({"19", "22"})  # the hospital outpatient department, off and on campus
# Not every PC/TC 7 code is therapy: the RVU file gives indicator 7 to audiology tests too (92550, 92557, 92567, 92568,
# 92570, 92579 and the cochlear implant analyses 92601-92604, multiple procedure indicator 0). They are audiology
# services: "Hearing and balance assessment services are termed 'audiology services' regardless of whether they are
# furnished by an audiologist, physician, Non-Physician Practitioner (NPP), or hospital", "generally covered as 'other
# diagnostic tests'" (Noridian JE Part B's 'Audiology' page, restating Medicare Benefit Policy Manual ch. 15 §80.3;
# engine.audiologists), not outpatient therapy, and the hospital is paid for them under
# the OPPS (Addendum B, October 2025: SI Q1, APC 5721 or 5732; 92601-92604 SI S), not the PFS (engine.hopd_therapy
# pays_hopd_therapy: SI A). So an NP's, PA's, CNS's or CSW's line of one at the hospital outpatient department is their
# own professional service, its percentage of the PFS facility amount, beside the hospital's OPPS line. An ENT trial: a
# PA's 92557 at ZIP 37203 (August 2026) was priced $25.08 at the hospital's practitioner's claim, the full facility
# amount, told it was "outpatient therapy" the PA bills nothing for, beside $21.32 (85%) at the ASC's.
NO_PCTC_CONCEPT = "9"  # PC/TC indicator 9: the concept does not apply (the range's unpaid codes: status N, X)
AUDIOLOGY_TESTS = (92550, 92604)  # CPT's audiologic function tests and cochlear implant diagnostic analyses


def audiology_test(code: str, mult_proc: str | None) -> bool:
    """Whether ``code`` is an audiology test (``AUDIOLOGY_TESTS``, not always-therapy: 92597, multiple procedure
    indicator 5, is a speech-language pathologist's therapy evaluation), no therapy at the hospital (the comment
    above)."""
    number = int(code) if len(code) == 5 and code.isascii() and code.isdigit() else None
    return number is not None and AUDIOLOGY_TESTS[0] <= number <= AUDIOLOGY_TESTS[1] and mult_proc != THERAPY_MULT_PROC


# A speech-language pathologist's audiology test (``audiology_test``: 92557 ...) at the hospital is no therapy line the
# hospital bills for them (``SLP_OUTPATIENT_NOTE``) nor a professional service of theirs: "Diagnostic services furnished
# by a qualified audiologist meeting the requirements in section 80.3.1 of this chapter or physicians and NPPs as
# described in section 80.6 are covered and payable under the MPFS as 'other diagnostic tests'. Services furnished in a
# hospital outpatient department are covered and payable under the hospital Outpatient Prospective Payment System
# (OPPS)" (Medicare Benefit Policy Manual ch. 15 §80.3 C), and "other health care professionals may furnish the labor
# for appropriate audiology services under direct physician supervision when these services are billed by physicians
# or hospital outpatient departments" (§80.3 D.2; the manual as old.bansdoc.gov.bd's copy reads, Rev. 132). An SLP is
# none of the qualified audiologist (§80.3.1), physician or NPP: the line is not payable to them, the hospital's OPPS
# line being the test's payment. A session 69 review: `price 92557 --provider slp --zip 37203 --setting 22 --date
# 2025-11-03` priced a $29.32 professional fee beside a note that the line was the hospital's therapy and "the SLP
# bills nothing". Price and batch alike (``therapist_place``).
# The same text pays the PFS's audiology tests to "a qualified audiologist ... or physicians and NPPs" wherever they are
# done (§80.3 C), the labor of "other health care professionals" only "when these services are billed by physicians or
# hospital outpatient departments" (§80.3 D.2): an SLP in private practice is not among them at the office either (the
# whole ``audiology_test`` list, any PC/TC indicator: 92552's technical-only line alike). A session 69 review: `price
# 92557 --provider slp --setting 11 --zip 37203 --date 2025-11-03` priced $33.38 with no word, a batch row of a
# 'CCC-SLP' alike.
# Neither denial is the hospital's own bill's (type of bill 13x: a UB-04, engine.place_of_service.facility_bill), whose
# provider cell names the staff member who furnished the line: PC/TC indicator 7 denies the line of "an independently
# practicing physical or occupational therapist" (``PCTC_7_TEXT``), and §80.3 D.2 pays audiology tests whose labor
# other health care professionals furnish "when these services are billed by physicians or hospital outpatient
# departments". A session 69 review: a batch row of type of bill 131, 92557 by a 'CCC-SLP', was denied, where the
# hospital's OPPS line ($150.44 at ZIP 37203, October 2025) is the claim's payment; a 'DPT' row's 97110 alike.


def slp_audiology_test_denial(code: str, hospital: bool = True) -> str:
    """The reason a speech-language pathologist's audiology test ``code`` is not payable (the comment above),
    ``hospital`` at the hospital (POS 19, 21, 22, --setting hopd), else elsewhere (the office). No '; ' in it."""
    if not hospital:
        return (
            f"{code} is an audiology test (a diagnostic test, not speech-language pathology) billed by a "
            "speech-language pathologist: not payable to the SLP. Medicare pays audiology tests under the PFS to a "
            "qualified audiologist, a physician or an NPP, other staff furnishing it under a physician's direct "
            "supervision billed by the physician (Medicare Benefit Policy Manual ch. 15 §80.3 C, D.2). rvucalc "
            f"prices nothing for the SLP's line: an audiologist's is `rvucalc price {code} --provider audiologist`."
        )
    return (
        f"{code} is an audiology test (a diagnostic test, not speech-language pathology) billed by a speech-language "
        "pathologist at the hospital: not payable to the SLP. Medicare pays audiology tests under the PFS to a "
        "qualified audiologist, a physician or an NPP, and a hospital outpatient's test to the hospital under the "
        "OPPS, other staff furnishing it under a physician's direct supervision billed by the hospital (Medicare "
        "Benefit Policy Manual ch. 15 §80.3 C, D.2). rvucalc prices nothing for the SLP's line: the hospital's OPPS "
        f"rate is the Facility column of the hospital outpatient site in `rvucalc price {code} --setting hopd`."
    )


# The RVU file's other PC/TC 7 codes that are diagnostic tests, not therapy (RVU26C: multiple procedure indicator 0,
# not 5, the always-therapy mark): comprehensive computer-based motion analysis 96000 ("Motion analysis video/3d") and
# 96001 ("Motion test w/ft press meas"), which the hospital is paid for under the OPPS as diagnostic tests (October 2025
# Addendum B: SI S, APC 5723 and 5724, "Diagnostic Tests and Related Services"), not the PFS (the hospital's therapy is
# SI A: engine.hopd_therapy); and the diagnostic analyses of a vestibular implant 0728T and 0729T ("Dx alys vstblr implt
# uni 1st", "... sbq"; status C), the vestibular counterpart of the cochlear implant analyses 92601-92604, SI E1 in
# Addendum B (no OPPS payment: no hospital therapy line either). Every other PC/TC 7 code not of indicator 5 (92608,
# 92610, 92611, 97039, 97139, 97545, 97546, 97799) is SI A, the hospital's therapy. So an NP's, PA's, CNS's or CSW's
# line of one at the hospital outpatient department is their own professional service at their percentage, as an
# audiology test's (``audiology_test``). A session 69 review: `price 96000 --provider np --setting 22 --zip 37203`
# priced the NP's line at the full facility amount, $77.25, as "outpatient therapy" the NP bills nothing for, beside
# the hospital's OPPS $510.19. CMS's always/sometimes therapy code list itself was not read here.
OTHER_DIAGNOSTIC_TESTS = frozenset({"96000", "96001", "0728T", "0729T"})


def diagnostic_test(code: str, mult_proc: str | None) -> bool:
    """Whether ``code`` is a PC/TC 7 code that is a diagnostic test, no therapy at the hospital: an audiology test
    (``audiology_test``) or one of ``OTHER_DIAGNOSTIC_TESTS`` (not always-therapy, multiple procedure indicator 5)."""
    return audiology_test(code, mult_proc) or (code in OTHER_DIAGNOSTIC_TESTS and mult_proc != THERAPY_MULT_PROC)


def hospital_therapy_practitioner(
    provider: str, pctc: str | None, mult_proc: str | None, place: str | None, site: str | None, code: str = ""
) -> bool:  # fmt: skip
    """Whether ``provider``'s line of this code is the hospital's outpatient therapy (the comment above): a
    practitioner paid a percentage (``PERCENT_PRACTITIONERS``), a therapy code (``is_therapy_code``; not a
    diagnostic test, ``diagnostic_test``) or diabetes
    self-management training (``code`` in ``HOPD_PFS_DSMT``: the hospital's program is paid the MPFS amount, Claims
    Processing Manual ch. 18 §120.1, whoever of its staff taught), at POS 19 or 22 (``place``, normalised) or
    --setting hopd (``site`` 'hopd', no place)."""
    if provider not in PERCENT_PRACTITIONERS:
        return False
    outpatient = place in OUTPATIENT_PLACES or (place is None and site == "hopd")
    return outpatient and paid_as_office_at_hopd(code, mult_proc, pctc) and not diagnostic_test(code, mult_proc)


# A Maryland hospital's DSMT is paid under the waiver, not the PFS: Claims Processing Manual ch. 18 §120.1's table pays
# "Maryland Hospitals under jurisdiction of the Health Services Cost Review Commission (HSCRC)" for DSMT "94% of
# provider submitted charges in accordance with the terms of the Maryland Waiver" (engine.hopd_therapy.MARYLAND_DSMT):
# the line is not priced, so its practitioner's note says so, not "paid under the PFS the line's full amount" (a
# review's batch row: ZIP 21201, POS 22, G0108 by an NP, not priced, read paid).
MARYLAND_DSMT_BILLED = (
    "its accredited program's DSMT on its own claim, whoever furnished it, and a Maryland hospital is paid for it "
    "under the Maryland Waiver, not the PFS (Claims Processing Manual ch. 18 §120.1): not priced here."
)


def hospital_therapy_note(provider: str, code: str = "", maryland: bool = False) -> str:
    """What a practitioner's hospital outpatient therapy (or DSMT, ``code`` in ``HOPD_PFS_DSMT``) line priced as the
    hospital's says (no '; ' in it); at a Maryland hospital (``maryland``) a DSMT line's, not priced
    (``MARYLAND_DSMT_BILLED``)."""
    who, short, share = PERCENT_PRACTITIONERS[provider]
    if maryland and code in HOPD_PFS_DSMT:
        return (
            f"A {who}'s ({short}) line of diabetes self-management training at the hospital outpatient department "
            f"(POS 19, 22): the hospital bills {MARYLAND_DSMT_BILLED} The {short}'s {share} is of their own services "
            f"billed under their own number, not of the hospital's payment: the {short} bills nothing separately."
        )
    what, billed = (("diabetes self-management training", "its accredited program's DSMT on its own claim and is "
                     "paid under the PFS (Claims Processing Manual ch. 18 §120.1)") if code in HOPD_PFS_DSMT
                    else ("outpatient therapy", "its outpatients' therapy on its own claim and is paid under the PFS "
                          "(Claims Processing Manual ch. 5 §10.1)"))  # fmt: skip
    return (
        f"A {who}'s ({short}) line of {what} at the hospital outpatient department (POS 19, 22): the "
        f"hospital bills {billed} the line's full amount, whoever furnished it. "
        f"The {short}'s {share} is of their own services billed under their own number, not of the hospital's "
        f"payment: priced as the hospital's line, the {short} bills nothing separately."
    )
