"""Payment policy as CMS applies it: modifiers, multiple procedures, the OPPS imaging cap.

Each line's amount in a setting starts from its published fee schedule amount and
goes through these steps, in CMS's order (RVU file documentation, "Multiple
Procedure", "Bilateral Surgery", "Assistant at Surgery" ...; Claims Processing
Manual ch. 12 §40):

0. a status T service beside another service the PFS pays, of the same provider: $0.00, in no other rule
   (``status_t_bundled``);
1. bilateral surgery (50, or an LT and an RT line of one code), before any multiple-procedure rule;
2. multiple procedures in the encounter, by the multiple-procedure indicator;
3. the OPPS imaging cap (the lesser of the amount so far and the OPPSCAP amount: ``IMAGING_CAP_ORDER``);
4. the line's own modifiers: global-surgery shares (54, 55, 56, 78), co-surgeons
   (62), assistant at surgery (80, 81, 82, AS), team surgery (66, by report);
5. non-physician practitioners billing under their own number (85%).

Each step starts from the line's fee schedule amount in cents, as CMS publishes it in its payment files (Claims
Processing Manual ch. 12 §40: "multiply the fee schedule amount by [the] percentage and round to the nearest cent");
from there amounts are exact fractions of a cent, and each amount shown is rounded once, half-up, from the exact
value (never from a rounded intermediate step).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.kernels import opps_cap_applies
from rvucalc.engine.modifiers import changes_pfs_amount, discarded_supply
from rvucalc.engine.modifiers import lookup as modifier_info
from rvucalc.errors import ErrorKind, RvucalcError

HUNDRED = Fraction(100)


class PolicyRefusal(RvucalcError):
    """A modifier the RVU file's indicator does not allow for the code."""

    default_kind = ErrorKind.POLICY_REFUSED


E = TypeVar("E", bound=Exception)


class BilateralRefusal(PolicyRefusal):
    """A 50 refused for bilateral indicator 9 (``check_modifiers``), whose sentence on an ASC's two lines
    (``asc_sides``, '' for none) is said at an ASC, or where no site is given, only (``refusal_at_site``)."""

    def __init__(self, message: str = "", *, asc_sides: str = "", kind: ErrorKind | None = None) -> None:
        super().__init__(message, kind=kind)
        self.asc_sides = asc_sides


ASC_SIDES_SENTENCE = (
    " At an ASC a procedure done on both sides of the body is billed as two lines, {code}-LT {code}-RT (Claims "
    "Processing Manual ch. 14 §40.5: two procedures), which rvucalc prices."
)


def refusal_at_site(error: E, site: str | None) -> E:
    """A line's refusal as said at a site (office, hopd, asc, facility; None: no site given): a bilateral refusal's
    ASC sentence (``BilateralRefusal.asc_sides``) only at the ASC or with no site. Any other error as it is. Price
    and batch alike (batch prices a row's lines at its site)."""
    if not isinstance(error, BilateralRefusal) or not error.asc_sides or site in (None, "asc"):
        return error
    message = error.args[0] if error.args else ""
    return BilateralRefusal(message.replace(error.asc_sides, ""), kind=error.kind)  # type: ignore[return-value]


_CENT_PERCENT = Decimal("0.01")


@dataclass
class Step:
    rule: str
    indicator: str | None
    before: Fraction
    after: Fraction

    @property
    def percentage(self) -> Decimal:
        if self.before == 0:
            return Decimal(0)
        # after / before x 100 as one quotient of integers, no Fraction reduced on the way (a step per rule line):
        # Decimal's division is correctly rounded, so the same value gives the same digits. The sign on the
        # numerator, as a Fraction's (a negative denominator would make 0 read -0.00).
        numerator = self.after.numerator * self.before.denominator * 100
        denominator = self.after.denominator * self.before.numerator
        if denominator < 0:
            numerator, denominator = -numerator, -denominator
        return (Decimal(numerator) / Decimal(denominator)).quantize(_CENT_PERCENT)


@dataclass
class LineSetting:
    """One line in one setting, as the rules see it (money in cents, exact)."""

    fee: int  # published fee schedule amount, cents
    cap: int | None = None  # OPPSCAP amount, cents
    tc: int | None = None  # technical component amount (imaging, cardiology, ophthalmology)
    pc: int | None = None  # professional component amount
    pe: Fraction | None = None  # practice expense part of the amount (therapy)
    unrounded: Fraction | None = None  # the fee before rounding (therapy: its 50% PE cut is rounded once)
    endo_base_fee: int | None = None  # fee of the endoscopic base code
    amount: Fraction = Fraction(0)
    steps: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    scale: Fraction = Fraction(1)  # what bilateral did to the whole line (scales TC, PC, PE parts)
    paired_away: bool = False  # the other side's line of a bilateral pair carries it (bilateral_pairs): $0
    # Each of the line's units after the first, where the encounter's rules pay them less than the first (therapy:
    # later services, _therapy); None: every unit is paid ``amount``.
    later: Fraction | None = None
    # The technical component within ``amount`` as the steps so far left it (None: the line has no TC amount): what
    # a later cut of the TC (CT, FX, FY: engine.modifiers.apply_pfs_modifiers) takes its percentage of.
    tc_part: Fraction | None = None
    # The CMS row's modifier this setting is priced from where it is not the line's own row: "26" for a global
    # diagnostic test's facility setting, which is its professional component's there (lookup.lines.component_row).
    row_modifier: str | None = None

    def apply(self, rule: str, indicator: str | None, new_amount: Fraction) -> None:
        self.steps.append(Step(rule, indicator, self.amount, new_amount))
        self.amount = new_amount

    def times(self, rule: str, indicator: str | None, factor: Fraction) -> None:
        """A share of the line (its later units' amount, and its technical component, too)."""
        self.apply(rule, indicator, self.amount * factor)
        if self.later is not None:
            self.later *= factor
        if self.tc_part is not None:
            self.tc_part *= factor


@dataclass
class Line:
    code: str
    modifiers: list[str]
    row: dict[str, object]  # the RVU row priced
    settings: dict[str, LineSetting]  # "non_facility" / "facility" -> the setting, when payable there
    provider: str = "physician"
    units: int = 1  # the line's units (the rules that count them: _therapy, two_units_bilateral)


def round_cents(amount: Fraction) -> int:
    """Half-up to a whole cent (amounts are never negative)."""
    return (2 * amount.numerator + amount.denominator) // (2 * amount.denominator)


# -- per-line modifier checks (setting independent) ------------------------------------

# Indicator 0 with 50: CMS's RVU file documentation, "Bilateral Surgery" (RVU25D): "0=150% payment adjustment for
# bilateral procedures does not apply. If procedure is reported with modifier -50 or with modifiers RT and LT, base
# the payment for the two sides on the lower of: (a) the total actual charge for both sides and (b) 100% of the fee
# schedule amount for a single code." Paid, not refused (a trial found 22590-50 refused while 22590-LT with
# 22590-RT paid 100%); 9 ("concept does not apply") is refused.
# On a code the PFS does not pay (status E, X, I ...; of E, RVU25D says: "No RVUs are shown, and no payment may be made
# under the fee schedule for these codes") 9 is no statement about sides: the PFS has nothing to adjust. The refusal
# said "the bilateral concept does not apply to this code" of G0260 (sacroiliac joint injection: status E, bilateral 9;
# OPPS SI T, ASC PI A2), the facility's code for a paired joint (MACs' billing article A59243, cms.gov coverage
# database: "Sacroiliac joint injections may be performed unilateral or bilateral in the same session"; A59154, as
# summarised: "ASC/OPPS use HCPCS G0260; CPT 27096 is not recognized in ASC/OPPS"). Which codes the hospital may bill
# with 50 is the Outpatient Code Editor's list, which rvucalc does not have, and the ASC does not recognise 50 (Claims
# Processing Manual ch. 14 §40.5: two procedures; NGS's SIJ FAQ: "report the applicable procedure code on two separate
# lines, with one unit each and append the -RT and -LT modifiers"): such a line is still refused, saying why, and
# pointing to its two sides' lines, which rvucalc prices (the facility's multiple procedure rules).
PFS_PAID_STATUSES = frozenset("ARTCJ")  # paid under the PFS: from RVUs, by the MAC (C), anesthesia (J)
BILATERAL = {"0": (Fraction(100), "150% adjustment does not apply (indicator 0): 100% of one side"),
             "1": (Fraction(150), "150% of the amount"), "2": (Fraction(100), "already bilateral: 100%"),
             "3": (Fraction(200), "100% for each side")}  # fmt: skip
ASSISTANT_PERCENT = {"80": Fraction(16), "81": Fraction(16), "82": Fraction(16), "AS": Fraction(136, 10)}
CO_SURGEON_PERCENT = Fraction(625, 10)
# Anesthesia: personally performed (AA, QZ) in full; medically directed (QK, QX, QY) 50% (engine.modifiers, which
# ``rvucalc modifiers`` says).
ANESTHESIA_PERCENT = modifier_table.ANESTHESIA_PERCENT
NON_PHYSICIAN_PERCENT = Fraction(85)
# Nurse practitioners, clinical nurse specialists (42 CFR 414.56(c); Claims Processing Manual ch. 12 §120) and
# physician assistants (§110; 42 CFR 414.52) billing under their own number: 85% of the PFS amount; an assistant at
# surgery's AS line is 85% of 16% already (ASSISTANT_PERCENT).
NON_PHYSICIAN_PROVIDERS = ("np", "pa", "cns")
# A registered dietitian or nutrition professional (lookup.lines.PROVIDERS' dietitian, CMS specialty 71) is paid for
# medical nutrition therapy "80 percent ... of the lesser of the actual charges or 85 percent of the physician fee
# schedule amount" (42 CFR 414.64(a); the 80% is Medicare's share, 100% where the USPSTF grades it A or B, as MNT's
# preventive coinsurance waiver has it). 414.64 sets the 85% for MNT alone: the MNT codes (97802-97804; G0270 and G0271,
# CMS's reassessment after a change in diagnosis). A dietitian bills MNT under their own number (and DSMT as part of an
# accredited program); a share for any other code billed by a dietitian is in no CMS text rvucalc has read: priced as
# written, with a note (lookup.lines.DIETITIAN_NOT_MNT_NOTE), never denied.
DIETITIAN = "dietitian"
MNT_CODES = frozenset({"97802", "97803", "97804", "G0270", "G0271"})
# Who may furnish MNT: SSA §1861(vv)(1) defines medical nutrition therapy services as those "furnished by a registered
# dietitian or nutrition professional ... pursuant to a referral by a physician"; 42 CFR 410.132(a): "Medicare Part B
# pays for MNT services provided by a registered dietitian or nutrition professional as defined in § 410.134"; 42 CFR
# 414.64(b): "Payment may be made to a registered dietician or nutrition professional". An endocrinology trial: 97802
# billed with no provider (the run's physician) or by an NP was priced at 100% (or the NP's 85%) with no word that the
# benefit is the dietitian's, where a dietitian's line is 85%. Noted, the amount as written (a note, not a denial: the
# MAC refuses it), after the assignment notes, in price (lookup.lines._write_back) and batch (batch.price.
# _mnt_not_dietitian) alike. One part of batch's '; '-joined note column: no '; ' in it.
MNT_NOT_DIETITIAN_NOTE = (
    "{code} is medical nutrition therapy, which Medicare covers only when a registered dietitian or nutrition "
    "professional furnishes it (SSA §1861(vv)(1), 42 CFR 410.132(a)) and pays to them at 85% of the PFS amount (42 CFR "
    "414.64): priced here as {whose} line, as written. If a dietitian furnished it under their own number, give "
    "--provider dietitian (batch: a provider column of RD). A physician's or NPP's own MNT line is not covered as MNT."
)


def mnt_provider_note(provider: str, code: str) -> str | None:
    """The note on an MNT line (``MNT_CODES``) billed by anyone but a dietitian (``MNT_NOT_DIETITIAN_NOTE``); None
    for a dietitian's line or another code."""
    if code not in MNT_CODES or provider == DIETITIAN:
        return None
    whose = _MNT_WHOSE.get(provider, f"the {provider.upper()}'s")  # NP, PA, CNS, CRNA, CSW: their own initials
    return MNT_NOT_DIETITIAN_NOTE.format(code=code, whose=whose)


def practitioner_code_note(provider: str, code: str, modifiers: Iterable[str] = ()) -> str | None:
    """The note on a line billed by a practitioner whose benefit the code is not (``mnt_provider_note``, engine.
    modifiers.g0323_provider_note), or with an AB the line cannot carry (engine.modifiers.ab_line_note), the amount as
    written; None for any other line. Price (lookup.lines) and batch
    (batch.price._mnt_not_dietitian) alike."""
    return (
        mnt_provider_note(provider, code)
        or modifier_table.g0323_provider_note(code, modifiers, provider)
        or modifier_table.ab_line_note(code, modifiers, provider)
    )


# MNT and diabetes self-management training (DSMT: G0108, G0109) on one date: Medicare covers both benefits in a year
# "without decreasing either benefit as long as DSMT and MNT are not provided on the same date of service" (CMS's MNT
# coverage decision, as the Academy of Nutrition and Dietetics' "Quick Guide to the Medicare MNT Benefit" quotes it);
# NGS Medicare ("Diabetic Self-Management Tool for Billing"): "DSMT and MNT will not be allowed by Medicare when
# performed and billed for on the same date of service". A cardiopulmonary rehabilitation and nutrition program's
# trial: its dietitian's 97802 and G0108 on one date were both priced with no word. The MAC's edit denies one; which
# one is its to decide: each line of either benefit on the claim and date is noted (price: the codes priced together,
# lookup.lines._visit_rules; batch: a claim and date's rows, every practitioner's, batch.claims._mnt_dsmt_same_date),
# the amounts as billed. One part of batch's '; '-joined note column: no '; ' in it.
DSMT_CODES = frozenset({"G0108", "G0109"})
MNT_DSMT_SAME_DATE_NOTE = (
    "Medical nutrition therapy (97802-97804, G0270, G0271) and diabetes self-management training (G0108, G0109) on "
    "this claim and date: Medicare does not pay both on the same date of service (NGS Medicare, CMS's MNT coverage "
    "decision), so one is likely denied: bill them on different dates. Priced as given."
)


def mnt_dsmt_same_date_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one claim and date (its code): ``MNT_DSMT_SAME_DATE_NOTE`` on each MNT or DSMT line where both
    benefits are among ``codes``; else None."""
    both = any(code in MNT_CODES for code in codes) and any(code in DSMT_CODES for code in codes)
    return [MNT_DSMT_SAME_DATE_NOTE if both and (code in MNT_CODES or code in DSMT_CODES) else None for code in codes]


# Whose line an MNT line is named as (mnt_provider_note): the practitioners --provider spells as words, not initials
# ("the THERAPIST's line" read as a credential).
_MNT_WHOSE = {
    "physician": "a physician's", "psychologist": "the psychologist's", "chiropractor": "the chiropractor's",
    "cnm": "the nurse-midwife's", "therapist": "the therapist's", "slp": "the speech-language pathologist's",
    "audiologist": "the audiologist's",
}  # fmt: skip


# The percentages above as the factors the steps multiply by, made once (each rule line's steps use them).
_WHOLE = Fraction(1)
_BILATERAL_SHARE = {indicator: percent / HUNDRED for indicator, (percent, _) in BILATERAL.items()}
_ASSISTANT_SHARE = {modifier: percent / HUNDRED for modifier, percent in ASSISTANT_PERCENT.items()}
_CO_SURGEON_SHARE = CO_SURGEON_PERCENT / HUNDRED
_NON_PHYSICIAN_SHARE = NON_PHYSICIAN_PERCENT / HUNDRED


def non_physician_factor(provider: str, modifiers: list[str] | tuple[str, ...], code: str = "") -> Fraction:
    """The share a line's practitioner is paid of the PFS amount (``NON_PHYSICIAN_PERCENT``), 1 for a physician's;
    a dietitian's 85% on an MNT ``code`` alone (``MNT_CODES``)."""
    if provider in NON_PHYSICIAN_PROVIDERS and "AS" not in modifiers:
        return _NON_PHYSICIAN_SHARE
    if provider == DIETITIAN and code in MNT_CODES:
        return _NON_PHYSICIAN_SHARE
    return _WHOLE


def _may_have_sides(code: str, status: str) -> bool:
    """Whether a code the PFS does not pay may be a procedure done on one side or both (``check_modifiers``' advice to
    bill its sides as LT and RT lines): a CPT surgery-section code (10004-69990), a Category III code, or a HCPCS G
    code CMS excludes from the PFS by regulation (status E: G0260, a sacroiliac joint injection the hospital and the
    ASC bill). Not a lab test, a drug, a supply or a vaccine's administration (a review: 80053-50, J1100-50, G0008-50
    and A4550-50 were told to bill their "sides")."""
    if len(code) == 5 and code.isdigit():
        return 10000 <= int(code) <= 69999
    if len(code) == 5 and code[:4].isdigit() and code[4] == "T":
        return True
    return code.startswith("G") and status == "E"


def check_modifiers(line: Line) -> None:
    """Refuse modifiers the indicators forbid, with CMS's reason."""
    row = line.row
    for modifier in line.modifiers:
        if (modifier in ANESTHESIA_PERCENT or modifier == "AD") and row["status"] != "J":
            raise PolicyRefusal(f"{line.code}-{modifier}: anesthesia modifiers go with anesthesia codes (status J).")
        if modifier == "50" and row["bilat_surg"] not in BILATERAL and row["status"] not in PFS_PAID_STATUSES:
            sides = (
                f" A procedure done on both sides: price its sides as two lines, {line.code}-LT {line.code}-RT (an "
                "ASC bills it so: 50 is not recognised for ASC payment)."
                if _may_have_sides(line.code, str(row["status"]))
                else ""
            )
            raise PolicyRefusal(
                f"{line.code}-50 is not priced: {line.code} has no PFS payment (status {row['status']}), so its "
                f'bilateral indicator {row["bilat_surg"]} ("concept does not apply") says nothing of its sides, and '
                "which codes a hospital may bill with 50 is the Outpatient Code Editor's list, which rvucalc does not "
                f"have.{sides}"
            )
        if modifier == "50" and row["bilat_surg"] not in BILATERAL:
            # Indicator 9: the RVU file documentation's "Bilateral Surgery" indicator, "9=Concept does not apply":
            # modifier 50 does not apply to the code (a midline procedure: 62321, an interlaminar epidural). No
            # advice of sides there (a PM&R trial: `price 62321-50 --setting 11` was told to bill 62321-LT 62321-RT,
            # which pays 100% and 50%). The ASC reports a procedure done on both sides as two procedures, one line
            # a side (Claims Processing Manual ch. 14 §40.5, engine.modifiers.SRC_ASC_BILATERAL), said at an ASC
            # only (a trial: `price 0449T-50 --setting asc` was refused without a word of the sides' lines):
            # ``refusal_at_site`` drops it at any other site (with none given, price shows the ASC's too).
            sides = ASC_SIDES_SENTENCE.format(code=line.code) if _may_have_sides(line.code, str(row["status"])) else ""
            raise BilateralRefusal(
                f"{line.code}-50 is not allowed: bilateral indicator {row['bilat_surg']} (the bilateral concept "
                "does not apply to this code: modifier 50 does not apply to it, RVU file documentation, 'Bilateral "
                f"Surgery' indicator 9).{sides}",
                asc_sides=sides,
            )
        if modifier in ASSISTANT_PERCENT and row["asst_surg"] not in ("0", "2"):
            reason = (
                "statutory restriction: an assistant at surgery may not be paid"
                if row["asst_surg"] == "1"
                else ("the assistant-at-surgery concept does not apply")
            )
            raise PolicyRefusal(
                f"{line.code}-{modifier} is not allowed: assistant indicator {row['asst_surg']} ({reason})."
            )
        if modifier == "62" and row["co_surg"] not in ("1", "2"):
            raise PolicyRefusal(
                f"{line.code}-62 is not allowed: co-surgeon indicator {row['co_surg']} "
                + ("(co-surgeons not permitted)." if row["co_surg"] == "0" else "(concept does not apply).")
            )
        if modifier == "66" and row["team_surg"] not in ("1", "2"):
            raise PolicyRefusal(
                f"{line.code}-66 is not allowed: team surgery indicator {row['team_surg']} "
                + ("(team surgeons not permitted)." if row["team_surg"] == "0" else "(concept does not apply).")
            )
        if modifier == "78" and row["global_days"] == ADD_ON_GLOBAL and _no_split(row):
            raise PolicyRefusal(add_on_78_refusal(line.code))
        if modifier in SHARES and _no_split(row) and not (modifier == "78" and row["global_days"] == "000"):
            if row["global_days"] == MATERNITY_GLOBAL and modifier in MATERNITY_SPLIT_MODIFIERS:
                raise PolicyRefusal(maternity_split_refusal(line.code, modifier))
            raise PolicyRefusal(
                f"Modifier {modifier} does not apply to {line.code}: its global period {row['global_days']} "
                "has no pre-/intra-/post-operative split."
            )


# -- the steps ------------------------------------------------------------------------------


IMAGING_CAP_RULE = "OPPS imaging cap (DRA 2005): the lesser of the PFS amount and the OPPS-based amount"
# A surgical line alone in its encounter with 51: ranked after another procedure the claim does not show.
SECONDARY_51_RULE = "Multiple procedure (51), reported as a secondary procedure: 50%"


# An endoscopy (multiple procedure indicator 3) alone with 51: CMS's RVU file documentation (RVU25D), indicator 3:
# "Special rules for multiple endoscopic procedures apply if procedure is billed with another endoscopy in the same
# family (i.e., another endoscopy that has the same base procedure). The base procedure for each code with this
# indicator is identified in the Endobase field ... Apply the multiple endoscopy rules to a family before ranking the
# family with the other procedures performed on the same day". Beside its family an endoscopy is paid its value less
# the base's (``_endoscopy_family``); alone, its family's other lines are not known, so the line keeps
# SECONDARY_51_RULE's 50%, and its step says which rule its family would apply and how to get it priced (a trial:
# 29824-51 alone said only "50%", where beside 29827 it is paid $648.00 less 29805's $455.99).
def secondary_51_rule(base: str = "") -> str:
    """The step of a line alone with 51 (SECONDARY_51_RULE); an endoscopy of ``base`` (the RVU file's ENDO BASE)
    says its family's rule too. No '; ' (a note part)."""
    if not base:
        return SECONDARY_51_RULE
    return (
        f"{SECONDARY_51_RULE} (an endoscopy, multiple procedure indicator 3, of base {base} by the RVU file's ENDO "
        f"BASE: beside the other endoscopies of its family it is paid by the family rule, its value less {base}'s, "
        "not 50%. To have it priced so, price the whole encounter: rvucalc price with the session's other codes "
        "beside this line, or the claim's lines in rvucalc batch)"
    )


def secondary_51_rules(bases: Any) -> frozenset[str]:
    """Every step ``secondary_51_rule`` writes for these endoscopy bases (an iterable of HCPCS codes, blanks
    ignored), and the plain SECONDARY_51_RULE: what a claim's encounter rules undo on a line priced alone first."""
    return frozenset({SECONDARY_51_RULE, *(secondary_51_rule(str(base)) for base in bases if base)})


# A status T service beside another PFS service of the same provider and day. CMS's RVU file documentation (RVU25A,
# "Status Code"): "T = Injections. There are RVUS and payment amounts for these services, but they are only paid if
# there are no other services payable under the physician fee schedule billed on the same date by the same provider.
# If any other services payable under the physician fee schedule are billed on the same date by the same provider,
# these services are bundled into the physician services for which payment is made." rvucalc reads it so:
# - the other services "payable under the physician fee schedule" are those of status A (active), R (restricted
#   coverage: "if covered, the service is contractor priced"), C (carrier priced: paid under the PFS, at the MAC's
#   amount) and J (anesthesia: paid under the PFS with the anesthesia conversion factor, Claims Processing Manual
#   ch. 12 §50); not a drug (status E: "excluded from the PFS by regulation"), a lab (X: "statutory exclusion",
#   paid from the CLFS), a DMEPOS item or a code the RVU file does not list, and not B, I, M, N, P, X (no PFS payment);
# - another status T service is no such service: T services are paid "only if" nothing else is, and "bundled into the
#   physician services for which payment is made"; with only T services on the day no other service is paid for them
#   to be bundled into, so each is paid (two T services are not each other's reason to pay nothing);
# - "the same provider": a line billed by an assistant at surgery is another provider's (``biller``), as for the
#   multiple procedure rules.
# A T line so bundled is $0.00 in every setting (``STATUS_T_STEP``), ranked with no other procedure (36598 is a
# multiple procedure indicator 2 code); a T line alone, or beside only T lines or other schedules' lines, is paid.
STATUS_T = "T"
PFS_PAYABLE_BESIDE_T = frozenset("ARCJ")
STATUS_T_STEP = "status T"
STATUS_T_BUNDLED_RULE = (
    "Status T: not paid, bundled into the other PFS service(s) billed on this date by the same provider (CMS's RVU "
    'file: status T services are "only paid if there are no other services payable under the physician fee '
    'schedule billed on the same date by the same provider"): $0.00'
)


def status_t_bundled(lines: list[tuple[str | None, list[str] | tuple[str, ...]]]) -> list[bool]:
    """Per line of an encounter (its PFS status, None for a code the RVU file does not list, and its modifiers):
    whether it is a status T line paid nothing beside another PFS service of its provider (``STATUS_T_BUNDLED_RULE``).
    Batch: ``batch.claims._status_t`` on whole columns."""
    payable = {biller(modifiers) for status, modifiers in lines if status in PFS_PAYABLE_BESIDE_T}
    return [status == STATUS_T and biller(modifiers) in payable for status, modifiers in lines]


def apply_policy(lines: list[Line], setting: str) -> None:
    """Run every step for all lines of an encounter in one setting (mutates their LineSetting)."""
    # A line alone (batch's rule lines are priced so, one per code cell): nothing to bundle it into, no pair, no other
    # co-surgeon's line, and one biller; the steps are its own.
    alone = len(lines) == 1
    bundled = [False] if alone else status_t_bundled([(_status(line), line.modifiers) for line in lines])
    active = [line for line, out in zip(lines, bundled, strict=True) if setting in line.settings and not out]
    for line in (line for line, out in zip(lines, bundled, strict=True) if out and setting in line.settings):
        state = line.settings[setting]
        state.amount, state.tc_part, state.later = Fraction(state.fee), None, None
        state.apply(STATUS_T_BUNDLED_RULE, STATUS_T_STEP, Fraction(0))
    pairs = [] if alone else bilateral_pairs(active)
    paid_on = {id(second): first for first, second in pairs}
    firsts = {id(first) for first, _ in pairs}
    # Indicator 3's pairs: ranked as one procedure on the first line, then each side on its own line (EACH_SIDE_OWN).
    own_side = {id(second): first for first, second in pairs if each_side_own(first, second)}
    # The pair is secondary (51) when both sides say so: 51 on one side is no more than the second line's habit.
    not_secondary = {id(first) for first, second in pairs if "51" not in second.modifiers}
    for line in active:
        state = line.settings[setting]
        state.amount = Fraction(state.fee)
        state.tc_part = None if state.tc is None else Fraction(state.tc)
        state.paired_away = id(line) in paid_on and id(line) not in own_side
        indicator = str(line.row["bilat_surg"])
        two_units = two_units_bilateral(line)
        if "50" in line.modifiers and not two_units:
            share = _BILATERAL_SHARE[indicator]
            hint = bilateral_study_hint(line.code, fifty=True) if indicator == "0" else ""  # 77065-50: 77066, 64642-50
            state.times(f"Bilateral (50): {BILATERAL[indicator][1]}{hint}", f"bilateral {indicator}", share)
            state.scale = share
        elif two_units:  # 2 units, or 50 with 2 units: one bilateral procedure
            share = _BILATERAL_SHARE[indicator]
            state.times(two_units_rule(indicator, "50" in line.modifiers), f"bilateral {indicator}", share)
            state.scale = share
            state.later = Fraction(0)  # the second unit is the other side, in the first's amount
        elif id(line) in firsts:
            percent, words = SIDES_PERCENT[indicator]
            hint = bilateral_study_hint(line.code) if indicator == "0" else ""
            state.times(f"{SIDES_RULE}: {words}{hint}", f"{SIDES_STEP}{indicator}", percent / HUNDRED)
            state.scale = percent / HUNDRED
        elif id(line) in paid_on and id(line) not in own_side:
            first = paid_on[id(line)]
            state.apply(f"{SIDES_RULE}: paid on the {'-'.join([first.code, *first.modifiers])} line",
                        f"{SIDES_STEP}{indicator}", Fraction(0))  # fmt: skip
    # The side paid on the other line is no procedure of its own: it is not ranked, and its modifiers add nothing.
    ranked = [line for line in active if id(line) not in paid_on]
    if alone:
        if ranked:
            _multiple_procedures(ranked, setting, not_secondary)
    else:
        second = other_co_surgeon([(line.code, line.modifiers) for line in active])
        others = {id(line) for line, other in zip(active, second, strict=True) if other}
        for own in by_biller(ranked, others):
            _multiple_procedures(own, setting, not_secondary)
    for line in ranked:
        _imaging_cap(line.settings[setting])
    for line in active:
        if id(line) in own_side:
            _each_side_on_its_line(own_side[id(line)], line, setting)
    for line in ranked + [line for line in active if id(line) in own_side]:
        _own_modifiers(line, line.settings[setting])


# EACH_SIDE_OWN: an LT and an RT line of an indicator 3 code are each paid on their own line. CMS's RVU file
# documentation, indicator 3: "100% of the fee schedule amount for each side", determined "before applying any
# multiple procedure rules"; Claims Processing Manual ch. 12 §40.7.C.3: for indicators 0, 2 and 3 "the payment
# adjustment rules for bilateral surgeries do not apply. Base payment on the lower of the billed amount or 100 percent
# of the fee schedule amount" (as medicarepaymentandreimbursement.com restates the section); CMS's Recovery Audit
# topic 0164 ("Bilateral Indicator '3': Incorrect Coding", cms.gov): "If the procedure is reported with either a
# modifier 50 or modifiers RT and LT ... reimbursement is based on 100% of the Medicare allowed amount for each side
# less any applicable multiple procedure pricing rules". So the two sides are ranked as one procedure at 200% on the
# first line (as CODE-50), and then each line carries its own side, half of what the pair was left (a remit pays each
# side on its own line: the pair's $58.96 was all on the RT line and the LT line $0.00, each off by $29.48). Each line
# then takes its own modifiers and practitioner (an NP's 85%). Indicator 1's 150% has no per-line split CMS
# documents for two lines (the section prices the pair at "150 percent of the fee schedule amount"): its pair stays
# on its first line, as indicators 0 and 2, whose pair is paid once.
EACH_SIDE_OWN = frozenset({"3"})


def each_side_own(first: Line, second: Line) -> bool:
    """Whether a bilateral pair (``bilateral_pairs``) is paid each side on its own line (``EACH_SIDE_OWN``): of
    indicator 3, the two lines of the same units."""
    return str(first.row["bilat_surg"]) in EACH_SIDE_OWN and first.units == second.units


_OWN_LINE = "each side's 100% on its own line (half the pair)"


# Where no rule came between an indicator 3 pair's ranking (SIDES_PERCENT's "as 50") and its halving
# (_each_side_on_its_line), the two are one step with one note: "ranked as one procedure on this line (as 50), each
# side's 100% on its own line" (a neurology trial's 95886-LT beside 95886-RT read the bilateral sentence twice, once
# per step). A multiple procedure or imaging cap step between them keeps the two steps, each with its own amounts. The
# line's settings decide together: the OPPS imaging cap comes between them in the office only (on the TC), and a
# facility step of other words made batch say the pair's rule per setting and again in its comparison note (a review:
# 73200-RT beside 73200-LT at ZIP 45202). Amounts unchanged.
def apply_policy_in(lines: list[Line], settings: Iterable[str]) -> None:
    """``apply_policy`` in each setting, then each indicator 3 pair's two steps on its first line made one where no
    rule came between them in any setting of the line."""
    for setting in settings:
        apply_policy(lines, setting)
    ranked_rule = f"{SIDES_RULE}: {SIDES_PERCENT['3'][1]}"
    halved_rule = f"{SIDES_RULE}: {BILATERAL['3'][1]}, {_OWN_LINE}"
    for line in lines:
        states = [state for state in line.settings.values() if any(step.rule == ranked_rule for step in state.steps)]
        pairs = [[(a.rule, b.rule) for a, b in itertools.pairwise(state.steps)] for state in states]
        at = [[i for i, rules in enumerate(two) if rules == (ranked_rule, halved_rule)] for two in pairs]
        if not states or not all(at):
            continue
        for state, (i, *_) in zip(states, at, strict=True):
            ranked, half = state.steps[i], state.steps[i + 1]
            state.steps[i : i + 2] = [Step(f"{ranked_rule}, {_OWN_LINE}", half.indicator, ranked.before, half.after)]


def _each_side_on_its_line(first: Line, second: Line, setting: str) -> None:
    """Half of what the rules left the pair (on ``first``, as CODE-50) to each of its lines."""
    pair, side = first.settings[setting], second.settings.get(setting)
    if side is None:  # the other side is not paid in this setting: the pair was one side's
        return
    code = "-".join([first.code, *first.modifiers])
    words = BILATERAL["3"][1]
    own_line = _OWN_LINE
    pair.times(f"{SIDES_RULE}: {words}, {own_line}", f"{SIDES_STEP}3", Fraction(1, 2))
    pair.scale /= 2
    side.apply(f"{SIDES_RULE}: {words}, ranked as one procedure on the {code} line, {own_line}",
               f"{SIDES_STEP}3", pair.amount)  # fmt: skip
    side.scale, side.later, side.tc_part = pair.scale, pair.later, pair.tc_part


# IMAGING_CAP_ORDER: the OPPS imaging cap is compared with the amount the multiple procedure rules left, not with the
# fee before them. CMS's RVU file documentation (RVU26A, "Section 5102(b) of the Deficit Reduction Act of 2005"):
# "the physician fee schedule amount is compared to the OPPS payment amount and the lower amount is used"; its
# multiple procedure indicator 4: "rank the procedures by fee schedule amount for the TC. Pay 100% for the highest
# priced procedure, and 50% for each subsequent procedure ... the fee schedule amount reduced by the appropriate
# percentage". The documentation does not say which comes first; the MAC's worksheet does (TrailBlazer, "Imaging
# Procedure Pricing for Multiple Procedure Reduction and OPPS Cap Worksheet"): rank by the fee schedule TC, take
# the full fee of the first and 50% off the others (step 5), then "Compare the adjusted fee amounts from step 5 to
# the OPPS amount ... The correct Medicare-allowed amount is the lower of the two amounts". So a later service's
# 50% is of its own (uncapped) TC, and the cap then applies to what is left; never half of the uncapped TC taken off
# the capped amount. The same for the cardiovascular reduction (indicator 6; OPPSCAP lists only indicators 0, 4, 6).
# A bilateral line's cap is the cap of each side (``scale``). The TC cuts of claim modifiers (CT, FX, FY) come after
# the cap, on the TC it left: CR 9727 (FX, as MLN MM9727 is restated by the ACR and AAPC): "MACs will compare the
# OPPS Facility and Non-Facility Payment fields to the MPFS Facility and Non-Facility amounts and use the lower
# amount. The FX modifier will reduce whichever of these two amounts applies by 20 percent."
IMAGING_CAP_ORDER = "after the multiple procedure reductions"


def _imaging_cap(state: LineSetting) -> None:
    """The OPPS imaging cap on the amount the multiple procedure rules left (``IMAGING_CAP_ORDER``); what it takes
    off comes off the technical component (the cap is on the TC, and the TC part of a global service)."""
    if state.cap is None or state.paired_away:
        return
    cap = Fraction(state.cap) * state.scale
    if state.tc is not None and state.pc is not None and state.tc_part is not None:
        # A global line: OPPSCAP's global amount is the capped TC plus the whole PC (its fee less its TC), so the cap
        # is on the TC part alone: the PC keeps its own 5% cut (a review: 74261 after 74263 was paid $247.52, its TC
        # and 26 lines $241.36). A line the rules left whole is capped at the cap exactly, as before.
        capped_tc = cap - (state.fee - state.tc) * state.scale
        if capped_tc >= state.tc_part:
            return
        capped_tc = max(capped_tc, Fraction(0))
        new_amount = state.amount - state.tc_part + capped_tc
        state.tc_part = capped_tc
        state.apply(IMAGING_CAP_RULE, "OPPSCAP", new_amount)
        return
    if not opps_cap_applies(state.amount, cap):
        return
    if state.tc_part is not None:
        state.tc_part = max(state.tc_part - (state.amount - cap), Fraction(0))
    state.apply(IMAGING_CAP_RULE, "OPPSCAP", cap)


# An LT and an RT line of one code: CMS's RVU file documentation, "Bilateral Surgery" (e.g. RVU25A), indicator 1:
# "If the code is billed with the bilateral modifier or is reported twice on the same day by any other means (e.g.,
# with RT and LT modifiers, or with a 2 in the units field), base the payment for these codes when reported as
# bilateral procedures on the lower of: (a) the total actual charge for both sides or (b) 150% of the fee schedule
# amount for a single code ... apply the bilateral adjustment before applying any multiple procedure rules."
# Indicators 0 and 2: "reported with modifier -50 or with modifiers RT and LT ... 100% of the fee schedule amount
# for a single code"; 3: "100% of the fee schedule amount for each side", determined "before applying any multiple
# procedure rules". So the pair is priced as CODE-50 on its first line; 9 ("concept does not apply") is not paired.
SIDES = ("LT", "RT")
# A finger's or toe's modifier names the digit (HCPCS level II: FA, F1-F4 the left hand's, F5-F9 the right's, TA,
# T1-T4 the left foot's, T5-T9 the right's). "HCPCS Level II toe Modifiers TA and T1-T9 are anatomical modifiers
# that describe procedures performed on the right and left foot digits. It is incorrect to additionally append
# Modifiers LT and/or RT" (medicalbillingcptmodifiers.com's restatement of the MACs' toe modifier guidance; NCCI
# Policy Manual ch. 1: anatomic modifiers name different anatomic sites). So an LT line and an RT line of one code
# whose digit modifiers differ (11730-LT-TA and 11730-RT-T5: the left great toe's nail and the right's) are two
# digits' procedures, each a procedure of its own ranked by the multiple procedure rules, not the one procedure on
# both sides that the RVU file's bilateral indicators price (a podiatry trial: 11730-LT-TA 11730-RT-T5 paid $108.85 +
# $0.00, indicator 0's "100% of the fee schedule amount for a single code", where 11730-TA 11730-T5 paid $108.85 +
# $54.43). Lines whose digit modifiers are the same (none on both) pair as before.
DIGIT_MODIFIERS = frozenset({
    "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
    "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
})  # fmt: skip
SIDES_RULE = "Bilateral: an LT and an RT line of one code"
SIDES_PERCENT = {
    **{
        indicator: (percent, f"{words}, both sides on this line (as 50)")
        for indicator, (percent, words) in BILATERAL.items()
    },
    "0": (Fraction(100), "paid once, on this line (indicator 0: 100% of one side)"),
    "3": (Fraction(200), "100% for each side, ranked as one procedure on this line (as 50)"),  # EACH_SIDE_OWN
}
SIDES_STEP = "sides "  # the pair's steps' indicator prefix (the encounter's, as "mult " is)
# A unilateral or limited vascular study billed for both sides has a bilateral code of its own. CMS's RVU file: the
# duplex scans 93970 and 93971 ("Extremity study"), 93925 and 93926 ("Lower extremity study"), 93880 ("Extracranial
# bilat study") and 93882 ("Extracranial uni/ltd study") carry bilateral indicator 2 on the first of each pair
# ("RVUs are already based on the procedure being performed as a bilateral procedure", the RVU file documentation)
# and 0 on the second (the bilateral adjustment is inappropriate where "the code descriptor specifically states that
# it is a unilateral procedure and there is an existing code for the bilateral procedure"). CPT's descriptors, as
# MedLearn restates them ("93970 Duplex scan of extremity veins ...; complete bilateral study / 93971 unilateral or
# limited study"), name the pairs; a limited study of both sides is one unilateral-or-limited line (Medicare's
# correct coding guidance as mdbillingfacts.com restates it: 93971 "should be used to report either a limited
# bilateral or a complete unilateral study (only one service should be reported)"). So an LT and an RT line of the
# second code, paid once (indicator 0), say which code is the bilateral study; the amounts are unchanged (a vascular
# review: 93971-RT 93971-LT paid $139.33 + $0.00 without a word of 93970). Price and batch alike (the pair's step).
BILATERAL_STUDY = {"93971": "93970", "93926": "93925", "93882": "93880"}
# Diagnostic mammography: CPT's 77065 ("Diagnostic mammography, including computer-aided detection (CAD) when
# performed; unilateral", bilateral indicator 0) and 77066 ("...; bilateral", indicator 2), which replaced G0206 and
# G0204 for Medicare from 2018 (Transmittal 3844, CR 10181). Both breasts are one 77066 line (RVU26C: $159.56 at ZIP
# 30309), where 77065-50 or 77065-LT with 77065-RT is paid once as one breast (indicator 0: $125.93): a breast center's
# trial's 77065-50 read only "150% adjustment does not apply (indicator 0)". Its own words: no limited study of both
# sides here.
BILATERAL_CODE_SAID = {
    "77065": ": 77065 is the diagnostic mammogram of one breast, both breasts' is 77066 (CPT's descriptors; bilateral "
    "indicator 2 in CMS's RVU file: its RVUs already pay both sides; Transmittal 3844, CR 10181)",
}

# A first extremity chemodenervation code with 50 (bilateral indicator 0 in CMS's RVU file: paid as one side): CPT
# reports one first extremity's code a session and each other extremity as its add-on, 64643 (1-4 muscles) or 64645
# (5 or more), 50 not making a second first extremity (CPT as iframe.ai's 64642 page restates it: "Report only one base
# code (64642 or 64644) per session", "Modifiers like 50, RT or LT are not appropriate with codes 64642-64647";
# engine.add_ons.FIRST_EXTREMITIES, whose notes say it of two lines). A review: 64642-50 at ZIP 45202 read only "150%
# adjustment does not apply (indicator 0)", $155.04, where 64642 + 64643 is $155.04 + $95.37. Said on the 50 line
# alone: an LT and an RT line are noted by engine.add_ons.first_extremity_notes.
FIFTY_CODE_SAID = {
    code: f": the other extremity is not {code} again but its add-on, 64643 (1-4 muscles) or 64645 (5 or more), "
    "paid in full by the PFS (CPT reports one first extremity's code a session, as iframe.ai restates it)"
    for code in ("64642", "64644")
}


def bilateral_study_hint(code: str, fifty: bool = False) -> str:
    """The words a pair of ``code``'s sides, or its 50 line (``fifty``), adds where CMS has a bilateral code for the
    study (``BILATERAL_STUDY``, ``BILATERAL_CODE_SAID``) or, on a 50 line, another code for the other side
    (``FIFTY_CODE_SAID``), "" for any other code."""
    if code in BILATERAL_CODE_SAID:
        return BILATERAL_CODE_SAID[code]
    if fifty and code in FIFTY_CODE_SAID:
        return FIFTY_CODE_SAID[code]
    bilateral = BILATERAL_STUDY.get(code)
    if bilateral is None:
        return ""
    return (
        f": {code} is a unilateral or limited study, the complete study of both sides is {bilateral} (CPT's complete "
        f"bilateral study, bilateral indicator 2 in CMS's RVU file: its RVUs already pay both sides), a limited study "
        f"of both sides one {code} line"
    )


# Two units of a bilateral code: the same documentation, indicators 1 and 2: "reported twice on the same day by any
# other means (e.g., with RT and LT modifiers, or with a 2 in the units field)" is a bilateral procedure, paid as
# CODE-50 before any multiple procedure rule. A line of 2 units without 50, LT or RT; indicator 3 (100% each side)
# is units x one side already, 0 speaks of 50 and LT/RT only, and more units than two are no pair. An add-on code
# (global period ZZZ, "each additional level / vessel") counts its units as more levels, not sides: no pair.
UNITS_RULE = "Bilateral: 2 units of one code"
TWO_UNITS_INDICATORS = frozenset({"1", "2"})
ADD_ON_GLOBAL = "ZZZ"
# 50 with 2 units: the same documentation pays a bilateral procedure once "if the code is billed with the bilateral
# modifier or is reported twice on the same day by any other means (e.g., ... with a 2 in the units field)": 50 and
# the 2 units each say the second side, the same one. CMS's reporting rule is one line with 50 and 1 unit, on which
# its MUE values for bilateral procedures are built (as the TMA's "Use Modifier 50 to Code Medicare Bilateral Surgery
# Claims" restates it: "using modifier 50 ... and one unit of service in a single line item"; a code of MUE 1, such
# as 19303, is denied at 2 units; Noridian's "Modifier 50" page: indicator 1 "on one line, append this modifier and
# submit one unit of service"), and no CMS text rvucalc found pays it twice. So such a line of indicator 1, 2 or 3 is
# paid as CODE-50 once (150%, 100%, 200% of one side), its second unit in the first's amount (as 2 units without 50),
# with a note (``lookup.pricer.units_note``). Indicator 0 (100% with 50: the concept does not apply), 3 units or more,
# and an add-on's units (more levels, ``bilateral_pairs``) stay units x CODE-50.
FIFTY_UNITS_INDICATORS = frozenset({"1", "2", "3"})


FIFTY_UNITS_RULE = "Bilateral (50) with 2 units"
FIFTY_PAYS_BOTH = "the line's 50 already pays both sides: unit 2 not paid"


def two_units_rule(indicator: str, fifty: bool = False) -> str:
    """The step of a bilateral line of 2 units (``two_units_bilateral``), as its adjustments say it. With 50 on the
    line (``fifty_two_units``) the 50 already pays both sides and the second unit is not paid: not "2 units of one
    code ... (as 50)", the words of a line without 50, which an ENT trial's 69436-50 x 2 row said beside its note's
    "the second unit $0.00". Physicians report a bilateral procedure "with modifier -50 ... as a single line item"
    (Claims Processing Manual, Pub. 100-04, ch. 12 §40.7.B); price and batch say it alike."""
    if fifty:
        return f"{FIFTY_UNITS_RULE}: {BILATERAL[indicator][1]} once, {FIFTY_PAYS_BOTH}"
    return f"{UNITS_RULE}: {BILATERAL[indicator][1]}, both sides on the first unit (as 50)"


def two_units_bilateral(line: Line) -> bool:
    """Whether ``apply_policy`` pays the line's 2 units as one bilateral procedure (``UNITS_RULE``): without 50
    (indicators 1 and 2), or with 50 (``FIFTY_UNITS_INDICATORS``: the 2 units say the side 50 says)."""
    indicators = FIFTY_UNITS_INDICATORS if "50" in line.modifiers else TWO_UNITS_INDICATORS
    return (
        line.units == 2
        and str(line.row.get("bilat_surg")) in indicators
        and str(line.row.get("mult_proc")) not in UNPAIRED_MULT_PROC
        and str(line.row.get("global_days")) != ADD_ON_GLOBAL
        and not {*SIDES, *SPLIT_CARE_PARTS} & set(line.modifiers)  # a split-care line's units are days
    )


def fifty_two_units(line: Line) -> bool:
    """Whether the line is 50 with 2 units paid as one bilateral procedure (``two_units_bilateral``): the ASC pays it
    once too (``engine.facility.later_units_percent``)."""
    return "50" in line.modifiers and two_units_bilateral(line)


def paired_side(line: Line) -> bool:
    """Whether ``apply_policy`` paid the line as one side of a bilateral pair (``bilateral_pairs``)."""
    return any(
        (step.indicator or "").startswith(SIDES_STEP) for state in line.settings.values() for step in state.steps
    )


# Timed therapy (multiple procedure indicator 5) is paid per unit of time: sides do not make its lines one service.
UNPAIRED_MULT_PROC = frozenset({"5"})


def _add_on(line: Line) -> bool:
    return str(line.row.get("global_days")) == ADD_ON_GLOBAL


def bilateral_pairs(lines: list[Line]) -> list[tuple[Line, Line]]:
    """The encounter's LT and RT lines of one code that CMS pays as one bilateral procedure: (the line that carries
    the pair, the other). The pair is paid on the side first in ``tie_key``'s order (the side without 51, else LT
    before RT), never the one the claim lists first: CMS's texts read name no line for the pair's payment, and the
    hospital and the ASC pay the first of equal rates in full in that order (``engine.facility.FACILITY_TIES``), so
    the PFS's pair and the facility's full payment are on one line whatever the order (a review: 19301-RT 19301-LT
    paid the PFS's $1049.06 on RT and the OPPS's $4128.19 and ASC's $1638.10 on LT). Paired: lines of the same code
    and CMS row, one LT and the other RT, neither with 50, whose other modifiers are the same apart from 51 and the
    informational ones, with the same digit modifiers (``DIGIT_MODIFIERS``: none, or the same), of one practitioner
    (``provider``: a claim's two practitioners' sides are two procedures of
    the group, each with its own 85% or not, ranked by the multiple procedure rules). An add-on code whose bilateral
    indicator is 0 (the bilateral concept does not apply) pairs no sides: its lines and units count lesions or levels
    (17003-LT x 6 and 17003-RT x 7, thirteen lesions: a pair paid the first line's 6 units and $0.00 for the other's
    7, the total following the lines' order); they are priced as lines, units x one unit's amount. An add-on of
    indicator 1 (64484) pairs as other codes do (LT x 2 and RT x 2: 2 x 150%, as 64484-50 x 2)."""
    waiting: dict[tuple[object, ...], dict[str, list[Line]]] = {}
    pairs: list[tuple[Line, Line]] = []
    for line in lines:
        sides = {m for m in line.modifiers if m in SIDES}
        if str(line.row["bilat_surg"]) not in SIDES_PERCENT or "50" in line.modifiers or len(sides) != 1:
            continue
        if str(line.row["mult_proc"]) in UNPAIRED_MULT_PROC or (_add_on(line) and str(line.row["bilat_surg"]) == "0"):
            continue
        (side,) = sides
        others = tuple(sorted(m for m in line.modifiers if m not in SIDES and m != "51" and not _informational(m)))
        digits = tuple(sorted(DIGIT_MODIFIERS.intersection(line.modifiers)))  # one digit's two sides (DIGIT_MODIFIERS)
        key = (line.code, line.row["modifier"], others, digits, line.provider)  # one practitioner's two sides
        open_sides = waiting.setdefault(key, {"LT": [], "RT": []})
        other_side = open_sides["RT" if side == "LT" else "LT"]
        if other_side:
            two = sorted((other_side.pop(0), line), key=lambda side_line: tie_key(side_line.code, side_line.modifiers))
            pairs.append((two[0], two[1]))
        else:
            open_sides[side].append(line)
    return pairs


# An assistant at surgery is another physician (or a non-physician practitioner), who bills the services on their own
# claim: CMS's multiple surgery rule applies to "separate procedures performed by a single physician or physicians in
# the same group practice on the same patient at the same operative session or on the same day" (Claims Processing
# Manual, Pub. 100-04, ch. 12, §40.6). So the encounter's lines carrying an assistant modifier are ranked among
# themselves (an assistant's several procedures 100/50/50 ...), apart from the surgeon's, in every group of
# multiple-procedure indicators (surgery and endoscopy, imaging, cardiology, ophthalmology, therapy). An LT and an RT
# line pair only with the same other modifiers (bilateral_pairs): a pair is one biller's.
ASSISTANT_MODIFIERS = frozenset(ASSISTANT_PERCENT)
SURGEON, ASSISTANT, CO_SURGEON = 0, 1, 2


def biller(modifiers: list[str] | tuple[str, ...]) -> int:
    """Whose bill the line is, as the encounter's multiple-procedure rules rank it: ASSISTANT when the line carries
    an assistant-at-surgery modifier (80, 81, 82, AS), SURGEON otherwise (the surgeon's or the only physician's).
    The other co-surgeon's lines (CO_SURGEON) are told by the encounter's lines together: ``other_co_surgeon``."""
    return ASSISTANT if ASSISTANT_MODIFIERS.intersection(modifiers) else SURGEON


# Co-surgeons (62): "If two surgeons (each in a different specialty) are required to perform a specific procedure,
# each surgeon bills for the procedure with a modifier '-62'", each paid 62.5% of its fee schedule amount; "If one of
# the surgeons performs multiple procedures, the multiple procedure rules apply to that surgeon's services" (Claims
# Processing Manual, Pub. 100-04, ch. 12, §40.8, as restated verbatim by anesthesiabilling.org); multiple surgeries
# are "separate procedures performed by a single physician or physicians in the same group practice" (§40.6). The two
# co-surgeons' 62 lines of one procedure are one procedure billed twice (CMS's "125 percent of the global fee ...
# divided equally between the two surgeons"), not two procedures of one surgeon. So in one encounter a 62 line of a
# procedure that an earlier 62 line already bills (same code and pricing modifiers, sides included) is the other
# co-surgeon's bill: it ranks with that co-surgeon's other such lines, apart from the first's (as the hospital and
# ASC read it: one facility payment, engine.facility.facility_paid_on). It was ranked as the first co-surgeon's second
# procedure, at 50% (22630-62 twice: $561.42 for the second, not $1,122.84). A line saying it is a distinct service
# (59, 76, XS ...: DISTINCT_SERVICE_MODIFIERS) is the same surgeon's procedure of its own. The first co-surgeon's
# lines rank with the encounter's lines without 62 (one surgeon's services).
CO_SURGERY = "62"


def other_co_surgeon(lines: list[tuple[str, list[str] | tuple[str, ...]]]) -> list[bool]:
    """Per line of an encounter (code, modifiers; in order): whether it is the other co-surgeon's bill of a procedure
    an earlier 62 line bills (``CO_SURGERY``). Batch: ``batch.claims._other_co_surgeon`` on whole columns."""
    seen: set[tuple[str, tuple[str, ...]]] = set()
    found = []
    for code, modifiers in lines:
        key = co_surgery_key(code, modifiers)
        found.append(key is not None and key in seen)
        if key is not None:
            seen.add(key)
    return found


def co_surgery_key(code: str, modifiers: list[str] | tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    """What makes two 62 lines one procedure (``other_co_surgeon``): the code and its modifiers but the informational
    ones (the sides kept); None for a line without 62, or one that says it is a distinct service."""
    if CO_SURGERY not in modifiers or modifier_table.DISTINCT_SERVICE_MODIFIERS.intersection(modifiers):
        return None
    return code, tuple(sorted(m for m in modifiers if m in SIDES or not _informational(m)))


def by_biller(lines: list[Line], others: set[int] | frozenset[int] = frozenset()) -> list[list[Line]]:
    """The lines the multiple-procedure rules rank together (``biller``; ``others``: the ids of the lines that are
    the other co-surgeon's, ``other_co_surgeon``), each part in the order of the lines."""
    parts: dict[int, list[Line]] = {}
    for line in lines:
        parts.setdefault(CO_SURGEON if id(line) in others else biller(line.modifiers), []).append(line)
    return [parts[key] for key in sorted(parts)]


def _status(line: Line) -> str | None:
    status = line.row.get("status")
    return None if status is None else str(status)


def _informational(modifier: str) -> bool:
    info = modifier_info(modifier)
    return info is not None and info.effect == "none"


def _multiple_procedures(
    lines: list[Line], setting: str, not_secondary: set[int] | frozenset[int] = frozenset()
) -> None:
    if len(lines) == 1:  # alone: only 51's secondary step (_standard_and_endoscopy) and a therapy line's later units
        mult_proc = str(lines[0].row["mult_proc"])
        if mult_proc in ("1", "2", "3"):
            _standard_and_endoscopy(lines, setting, not_secondary)
        elif mult_proc == "5":
            _therapy(lines, setting)
        return
    by_indicator: dict[str, list[Line]] = {}
    for line in lines:
        by_indicator.setdefault(str(line.row["mult_proc"]), []).append(line)
    surgical = by_indicator.get("1", []) + by_indicator.get("2", []) + by_indicator.get("3", [])
    _standard_and_endoscopy(surgical, setting, not_secondary)
    imaging = [line for line in by_indicator.get("4", []) if line.row["family_ind"] == "88"]
    _component_reduction(imaging, setting, Fraction(50), Fraction(5), "diagnostic imaging", "4")
    cardiology, ophthalmology = by_indicator.get("6", []), by_indicator.get("7", [])
    _component_reduction(cardiology, setting, Fraction(25), Fraction(0), "diagnostic cardiovascular", "6")
    _component_reduction(ophthalmology, setting, Fraction(20), Fraction(0), "diagnostic ophthalmology", "7")
    _therapy(by_indicator.get("5", []), setting)


# A diagnostic endoscopy of the other knee (29870-LT beside 29881-RT) is no part of its family's surgical endoscopy.
# The RVU file's multiple procedure indicator 3 rules are for "another endoscopy in the same family" billed with it
# (RVU25D documentation; Claims Processing Manual ch. 12 §40.6), the family's endoscopies of one site; the NCCI Policy
# Manual bundles the diagnostic arthroscopy into the surgical one of the same joint ("Surgical arthroscopy includes
# diagnostic arthroscopy ... If a diagnostic arthroscopy leads to a surgical arthroscopy at the same patient encounter,
# only the surgical arthroscopy may be reported", ch. IV, read via medicalbillersandcoders.com's restatement), and
# ch. I's NCCI PTP-associated modifiers include the anatomic ones, "LT, RT" among them (findacode.com's and the
# northstar package's restatements of the list), which bypass an edit of modifier indicator 1 for services "performed at
# separate anatomic sites" (americanmedicalcoding.com on the PTP modifier indicators; the edit's column two code, here
# the diagnostic arthroscopy, is otherwise denied, "Medicare NCCI PTP Edits" as northstar quotes it). So a
# base endoscopy whose side (LT or RT alone) is the opposite of every surgical endoscopy of its family in the encounter
# is a procedure of its own, ranked with the others (100/50 ...); at the PFS, the hospital and the ASC alike
# (engine.facility.endoscopy_bases_included; batch.claims._endoscopy_bases_included). Only the sides: 59, XS and the
# other modifiers leave the base in its family, as before.
def endoscopy_side(modifiers: Sequence[str]) -> str | None:
    """The one side a line is on for the endoscopy family rule (``endoscopy_base_apart``): LT or RT alone, without
    50; None otherwise."""
    sides = [m for m in SIDES if m in modifiers]
    return sides[0] if len(sides) == 1 and "50" not in modifiers else None


# The base's side names a knee of its own only where the base is done on one of two sites: the RVU file's bilateral
# indicator 1 or 3 (the arthroscopies 29805-29870, the renal and ureteral endoscopies 50551-50970), as the ASC reads
# them (engine.modifiers.ASC_ONE_PROCEDURE_INDICATORS). A base of indicator 2 already describes both sides (31231
# "unilateral or bilateral": reported once, without LT or RT, AAO-HNS 'CPT for ENT: Nasal/Sinus Endoscopy'), one of
# indicator 0 is of one organ (cystourethroscopy 52000, one bladder) or of no side: its LT or RT is the site of its
# family's endoscopies, and it stays included (a review: 31231-LT beside 31254-RT paid 31231 $97.84 at 33136's
# office, and 52000-LT beside 52332-RT $113.08 and the ASC's $155.73, where the base is $0.00).
PAIRED_SITE_BILATERAL_INDICATORS = frozenset({"1", "3"})


def endoscopy_base_side(modifiers: Sequence[str], bilateral_indicator: object) -> str | None:
    """A base endoscopy line's side for ``endoscopy_base_apart``: ``endoscopy_side`` where its RVU file's bilateral
    indicator is a paired site's (``PAIRED_SITE_BILATERAL_INDICATORS``), else None (its family's site)."""
    return endoscopy_side(modifiers) if str(bilateral_indicator) in PAIRED_SITE_BILATERAL_INDICATORS else None


def endoscopy_base_apart(base_side: str | None, family_sides: Iterable[str | None]) -> bool:
    """Whether a base endoscopy on ``base_side`` (``endoscopy_side``) is out of its family, whose surgical endoscopies
    in the encounter are on ``family_sides``: each of them on the other side."""
    sides = set(family_sides)
    return base_side is not None and len(sides) == 1 and None not in sides and base_side not in sides


def _standard_and_endoscopy(lines: list[Line], setting: str, not_secondary: set[int] | frozenset[int]) -> None:
    """Endoscopy families first (each family then counts as one procedure), then 100/50/50/50/50.

    A base endoscopy billed with an endoscopy of its family is one of the family (its own row is no multiple
    endoscopy: 45378 is indicator 2). CMS's RVU file documentation, multiple procedure indicator 3: 'If an
    endoscopic procedure is reported with only its base procedure, do not pay separately for the base
    procedure. Payment for the base procedure is included in the payment for the other endoscopy.'
    """
    units: list[list[Line]] = []
    families: dict[str, list[Line]] = {}
    others: list[Line] = []
    for line in lines:
        base = str(line.row["endo_base"])
        if line.row["mult_proc"] == "3" and base:
            families.setdefault(base, []).append(line)
        else:
            others.append(line)
    split: dict[str, list[list[Line]]] = {}  # code -> its units of split-care parts (SPLIT_CARE_PARTS)
    for line in others:
        if line.code in families and not endoscopy_base_apart(
            endoscopy_base_side(line.modifiers, line.row["bilat_surg"]),
            (endoscopy_side(m.modifiers) for m in families[line.code] if m.code != line.code),
        ):
            families[line.code].append(line)
            continue
        part = procedure_part(line.modifiers)
        if part is not None:
            waiting = split.setdefault(line.code, [])
            unit = next((u for u in waiting if part not in {procedure_part(m.modifiers) for m in u}), None)
            if unit is not None:
                unit.append(line)
                continue
            waiting.append([line])
        units.append(waiting[-1] if part is not None else [line])
    for base, members in families.items():
        if len(members) > 1:
            _endoscopy_family(base, members, setting)
        units.append(members)
    if (
        len(units) == 1
        and len(units[0]) == 1
        and "51" in units[0][0].modifiers
        and id(units[0][0]) not in not_secondary
    ):
        line = units[0][0]
        state = line.settings[setting]
        base = str(line.row.get("endo_base") or "") if str(line.row.get("mult_proc")) == "3" else ""
        state.times(secondary_51_rule(base), "mult 2", Fraction(1, 2))
        return
    if len(units) < 2:
        return
    members = [member for unit in units for member in unit]
    order = practitioner_order([(m.code, m.modifiers, m.provider) for m in members])
    place = {id(members[index]): position for position, index in enumerate(order)}
    ranked = sorted(units, key=lambda unit: (-_unit_amount(unit, setting), min(place[id(m)] for m in unit)))
    for rank, unit in enumerate(ranked[1:], start=2):
        for member in unit:
            state = member.settings[setting]
            state.times(multiple_procedure_rule(rank, len(ranked)), f"mult {member.row['mult_proc']}", Fraction(1, 2))


# The parts of one procedure whose global package is split (modifiers 54, 55, 56 on the same code): Claims Processing
# Manual ch. 12 §40.2 ("Billing Requirements for Global Surgeries"; read via a MAC-facing copy of the manual): "Where
# physicians agree on the transfer of care during the global period, the following modifiers are used: '54' for
# surgical care only; '55' for postoperative management only; ... '56' for preoperative management only", each part
# billed with the same procedure code and the date of the surgery, and paid "the appropriate percentage of the fee
# schedule payment" (the pre-, intra- and post-operative shares); and the MAC guides add that the surgeon who also
# keeps part of the postoperative care bills the code twice, with 54 and with 55 (medicalbillingcptmodifiers.com's
# restatement of CGS's modifier 55 fact sheet: "Submit claim with two lines using same date of service and procedure
# code; append modifier 55 to line 2"). Those lines are one procedure in parts, not two procedures: the multiple
# surgery rule (§40.6, "separate procedures") ranks them as one, the parts sharing its rank and percentage, ranked
# by the procedure's amount (one part's fee, before its share).
SPLIT_CARE_PARTS = ("54", "55", "56")


def split_care_part(modifiers: list[str] | tuple[str, ...]) -> str | None:
    """The split-care part a line is (54, 55 or 56), or None (none, or more than one: not one part)."""
    parts = [m for m in modifiers if m in SPLIT_CARE_PARTS]
    return parts[0] if len(parts) == 1 else None


# A diagnostic test's two components billed on two lines of one encounter (CODE-26 and CODE-TC, PC/TC indicator 1):
# one service, not two procedures. CMS's RVU file documentation, PC/TC indicator 1: "Modifiers 26 and TC can be used
# with these codes ... The total RVUs for codes reported without a modifier include values for physician work,
# practice expense, and malpractice expense" (the global service being the two components together: RVU26C's 51729
# totals 10.60 = 26's 3.77 + TC's 6.83); and the multiple surgery rule ranks "separate procedures" (Claims Processing
# Manual ch. 12 §40.6, as SPLIT_CARE_PARTS reads it). So the two lines rank as one procedure, by their amounts
# together (the global's), each taking its rank's percentage: a urology trial's 51729-TC and 51729-26 at POS 11 in
# ZIP 43215 (2026-04-07) cut the 26 line to 50% as the second of two procedures ($61.49, the global's 26 being
# $122.97), the claim $269.87 where 51729 on one line is $331.35.
COMPONENT_PARTS = ("26", "TC")


def procedure_part(modifiers: list[str] | tuple[str, ...]) -> str | None:
    """The part of one procedure a line is, for the multiple procedure ranking: a split-care part (54, 55, 56:
    ``split_care_part``) or a component (26 or TC: ``COMPONENT_PARTS``), or None."""
    part = split_care_part(modifiers)
    if part is not None:
        return part
    components = [m for m in modifiers if m in COMPONENT_PARTS]
    return components[0] if len(components) == 1 else None


# A split-care line's units. CMS's manual (ch. 12 §40.2, read via a MAC-facing copy): "Where more than one physician
# bills for the postoperative care, A/B MACs (B) apportion the postoperative percentage according to the number of
# days each physician was responsible for the patient's care by dividing the postoperative allowed amount by the number
# of post-op days and that amount is multiplied by the number of days each physician saw the patient" (its example:
# 17% post-op, a 90-day global period, 60 days: 60/90 of the 17%). The days go on the claim as the units: Palmetto GBA
# JJ/JM, "CPT Modifier 55" (2023-02-14): "submit ... the number of postoperative days in the days/units field or
# documentation field ... Each provider will be reimbursed based on the proportionate percentage of care ... The
# combined number of postoperative care days ... cannot exceed the number of MPFSDB global days". So a 55 line's units
# (2 or more, at most the code's global days) are its days: the post-op share x days / global days, of one service,
# rounded once; one unit is the whole share (as the MACs that ask for 1 unit bill it). A 54 or 56 line (and a 55 line
# of more units than the global period has days) is one part of one service: its units are not services, priced once,
# never multiplied nor paired as a bilateral procedure's 2 units.
def postoperative_days(line: Line) -> tuple[int, int] | None:
    """A 55 line's units read as its post-operative days: (days, the code's global days), or None (one unit, not a
    55 line, more units than the global period has days)."""
    global_days = str(line.row.get("global_days") or "")
    if split_care_part(line.modifiers) != "55" or line.units < 2 or not global_days.isdigit():
        return None
    period = int(global_days)
    return (line.units, period) if 0 < line.units <= period else None


def split_care_units_note(line: Line) -> str | None:
    """What a split-care line of several units was priced as (``postoperative_days``); None for one unit."""
    part = split_care_part(line.modifiers)
    if part is None or line.units < 2:
        return None
    days = postoperative_days(line)
    if days is not None:
        return (
            f"{line.units} units on a 55 line read as {line.units} post-operative days of the {days[1]}-day global "
            f"period: the post-op share x {line.units}/{days[1]}, priced once (Claims Processing Manual ch. 12 §40.2: "
            "the postoperative percentage apportioned by the days each physician was responsible)."
        )
    if part == "55":
        return (
            f"{line.units} units on a 55 line: more than the {str(line.row.get('global_days')).lstrip('0')} "
            "post-operative days of its global period, so not read as days: the whole post-op share, priced once (a "
            "split-care line's units are its days, not services)."
        )
    return (
        f"{line.units} units on a {part} line: a split-care part is one service (the units of a split-care line are "
        "post-operative days, which apportion only a 55 line's share): priced once, not multiplied."
    )


def _unit_amount(unit: list[Line], setting: str) -> Fraction:
    """What a unit ranks by: its lines' amounts together; a procedure's split-care parts, the procedure's (each part's
    amount before its share is the procedure's)."""
    if len(unit) > 1 and all(split_care_part(m.modifiers) is not None and m.code == unit[0].code for m in unit):
        return max(m.settings[setting].amount for m in unit)
    return sum((m.settings[setting].amount for m in unit), Fraction(0))


def multiple_procedure_rule(rank: int, count: int) -> str:
    """The step's words for a procedure ranked after the first (batch's array form writes them too)."""
    rule = f"Multiple procedure: ranked {rank} of {count} by amount, 50%"
    if rank > 5:
        rule += " (6th and later: by report, the MAC may price it differently)"
    return rule


def _endoscopy_family(base: str, members: list[Line], setting: str) -> None:
    """Highest endoscopy of the family in full; each other one its value less the base
    endoscopy's; the base code itself is included in the others (paid nothing, whatever its value)."""
    for member in members:
        if member.code == base:
            state = member.settings[setting]
            state.apply(f"Endoscopy family {base}: the base endoscopy is included in the others", "mult 3", Fraction(0))
    ordered = sorted((m for m in members if m.code != base),
                     key=lambda m: (-m.settings[setting].amount, tie_key(m.code, m.modifiers)))  # fmt: skip
    for member in ordered[1:]:
        state = member.settings[setting]
        base_fee = Fraction(state.endo_base_fee or 0)
        state.apply(
            f"Endoscopy family {base}: its value less the base endoscopy's ({_dollars(base_fee)})",
            "mult 3",
            max(state.amount - base_fee, Fraction(0)),
        )


# A global test-only code (PC/TC indicator 4: 93000, 93015, 93224 ...) in a group of multiple procedure indicator 6
# (or 4, 7): CMS's RVU file documentation, indicator 6: "Subject to 25% reduction of the second highest and subsequent
# procedures to the TC of diagnostic cardiovascular services"; PC/TC indicator 4: "Global test only codes ... Modifiers
# 26 and TC cannot be used with these codes", their parts being separate codes (93015's technical part is 93017,
# tracing only). The file gives such a code no TC amount, and neither the documentation nor the Claims Processing
# Manual says which amount of it the reduction ranks or takes its percentage of (read: RVU25A/RVU26A's documentation;
# the CY2013 PFS final rule and CR 7848's restatements, "TC-only services and ... the TC of global services", which
# name no global-only code; MAC and payer pages on the cardiovascular MPPR, which disagree: a 25% cut of "the allowance"
# of a later procedure, or of its TC). So it is not ranked or reduced, and its line says so, as a step that changes
# nothing (the single lookup's adjustments and batch's encounter note alike), naming the code that is its technical
# part (``GLOBAL_TEST_PARTS``): the amount the MAC would reduce, if it does.
GLOBAL_TEST_ONLY = "4"

# A global test-only code's parts billed alone: (its technical codes, PC/TC indicator 3; its professional codes, 2).
# CMS's RVU file documentation, PC/TC indicator 4: "The total RVUs for global procedure only codes equals the sum of
# the total RVUs for the professional and technical components only codes combined": the parts are those whose RVUs
# add up to the global code's (work, PE, MP), in the RVU files shipped (RVU25A, RVU25D, RVU26C: a test checks each).
# The code numbers are CPT's (G0403's HCPCS); the global-only codes of multiple procedure indicator 6 CMS pays (status
# A), all of them, and those of indicator 0 whose professional part is priced in the facility setting (the facility
# reason, engine.pfs.global_test_in_facility_reason, tells the physician to bill it there). Not 96931 and 96934
# (reflectance confocal microscopy: 96932 + 96933, 96935 + 96936 by the files' RVUs): their professional-only codes
# are 'NA' in the facility setting too, so CMS's "rarely or never performed there" stands for them.
GLOBAL_TEST_PARTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "93000": (("93005",), ("93010",)),  # electrocardiogram: tracing; interpretation and report
    "93015": (("93017",), ("93016", "93018")),  # cardiovascular stress test: tracing; supervision, interpretation
    "93040": (("93041",), ("93042",)),  # rhythm ECG: tracing; report
    "93224": (("93225", "93226"), ("93227",)),  # external ECG up to 48 hours: recording, scanning; review
    "93241": (("93242", "93243"), ("93244",)),  # external ECG 48 hours to 7 days
    "93245": (("93246", "93247"), ("93248",)),  # external ECG 7 to 15 days
    "93268": (("93270", "93271"), ("93272",)),  # external patient-activated ECG, 30 days
    "93784": (("93786", "93788"), ("93790",)),  # ambulatory blood pressure monitoring
    "77089": (("77090", "77091"), ("77092",)),  # trabecular bone score: data preparation, calculation; I&R
    "94014": (("94015",), ("94016",)),  # patient-recorded spirometry: recording; review and interpretation
    "G0403": (("G0404",), ("G0405",)),  # ECG of the initial preventive exam: tracing; interpretation and report
}


def global_test_only_rule(what: str, code: str, cut: Fraction | int | None = None, outranked: bool = True) -> str:
    """The step's words for a global test-only code not reduced: its technical part's code where it has one
    (``GLOBAL_TEST_PARTS``), and what a MAC reducing that part would take ``cut`` percent of, said only where another
    line's technical component is higher (``outranked``): the reduction is of "the second highest and subsequent"
    (a review: `price 93306-26 93000`, 93000 the only technical part, was told the 25% of 93005's amount)."""
    parts = GLOBAL_TEST_PARTS.get(code)
    if parts is None:
        return (
            f"Multiple {what}: {code} not ranked or reduced: a global test-only code (PC/TC indicator 4), for which "
            "CMS's file lists no technical component amount to reduce (its technical part has a code of its own), "
            "the MAC may reduce it"
        )
    technical, professional = parts
    every = [*technical, *professional]
    amounts = " and ".join(f"{part}'s" for part in technical) + (" amount" if len(technical) == 1 else " amounts")
    by = f"by {cut}% of {amounts}" if cut else f"by a share of {amounts}"
    billed = " and ".join(technical)
    said = (
        f"Multiple {what}: {code} not ranked or reduced: a global test-only code (PC/TC indicator 4), for which CMS's "
        f"file lists no technical component amount to reduce (its technical part is billed as {billed}: CMS's RVU "
        f"file gives {code} the RVUs of {', '.join(every[:-1])} and {every[-1]} together)"
    )
    if not outranked:
        return f"{said}. No other line's technical component is known to be higher, so no reduction of it is named"
    return f"{said}. The MAC may reduce it, {by} if it applies the reduction to {code}'s technical part"


# A later imaging study on a line marked as another session (59, XE, XU). CMS's RVU file documentation applies the
# imaging reduction to a procedure "reported in the same session on the same day as another procedure with the same
# family indicator" (RVU25D, multiple procedure indicator 4). That 59 or an X modifier marks a later session and so
# lifts the reduction is said by payers' and the ACR's restatements (BCBS ND, Highmark's Medicare Advantage policy
# N-69: "modifier -59 must be reported for the subsequent session(s)"; ACR Bulletin, "What Constitutes a Session?", of
# the CY2012 and CY2013 PFS rules' "recommendation that practices use the -59 modifier"), not in any CMS text found (the
# Claims Processing Manual, MLN MM7442 and CMS's FAQs were looked for; only those restatements came back). So the
# reduction stays, and the step says why: the MAC decides.
SEPARATE_SESSION_MODIFIERS = ("59", "XE", "XU")


def separate_session_words(modifier: str) -> str:
    """The imaging reduction step's words on a line marked ``modifier`` (SEPARATE_SESSION_MODIFIERS): no '; '."""
    return (
        f" (CMS's RVU file reduces studies 'in the same session': this line's {modifier} may mark another session, "
        "which CMS's own texts read here do not say lifts the reduction, so rvucalc keeps it: your MAC decides)"
    )


# Whose lines a component reduction ranks together. The technical component's (imaging, cardiovascular, ophthalmology):
# the whole encounter's, the services "furnished by the same physician (or by multiple physicians in the same group
# practice, i.e., same Group National Provider Identifier (NPI)) to the same patient on the same day" (the CY2013
# ophthalmology and cardiovascular MPPR, as California's fee schedule rule 8 CCR §9789.15.5 restates CMS's text; the
# imaging TC MPPR "continues to be applied to group practices"), a batch claim being one billing entity's. The imaging
# professional component's too: CMS's CY2012 rule cut only one physician's later readings (its group practice part put
# off "due to operational limitations"), but from January 1, 2013 CMS applies the PC MPPR "to advanced diagnostic
# imaging services furnished by one or more physicians in the same group practice to the same beneficiary, in the same
# session, on the same day" (CY2013 PFS final rule, Transmittal 1104, as radiology billers' pages restate it), and CR
# 9647 (the Consolidated Appropriations Act, 2016) lowered the cut to 5% from 2017 "for the PC of each additional
# procedure furnished by one or more radiologists in the same group practice". A review found the readings of two
# radiologists named on one claim, or an MD's and an NP's, each paid in full: they rank as one group's.
PROFESSIONAL_CUT_PER_PRACTITIONER = False

# ANOTHER_READER: a line whose modifier says another physician or practitioner furnished it (77, "Repeat procedure by
# another physician or other qualified health care professional"; XP, "Separate practitioner: a service that is
# distinct because it was performed by a different practitioner", CR 8863 / MLN MM8863). Under CMS's CY2012 rule
# (MLN MM7442: the PC reduction of one physician's studies, "not ... to group practices") such a reading was kept out
# of the 5% cut; from 2013 CMS cuts the readings "furnished by one or more physicians in the same group practice"
# (``PROFESSIONAL_CUT_PER_PRACTITIONER``), so a claim's 77 or XP reading, its group's, is ranked and cut as the others
# are (a review: 70450-26-XP beside 70553-26 was paid in full and told CMS does not cut across a group's physicians,
# where the same two reads named by their radiologists were cut). It ranks apart only where the PC cut is each
# practitioner's. The technical component's 50% was always the group's.
ANOTHER_READER_MODIFIERS = ("77", "XP")


def another_reader_words(modifier: str) -> str:
    """The step on a line whose ``modifier`` (ANOTHER_READER_MODIFIERS) kept it out of the PC reduction: no '; '."""
    who = "a repeat by another physician" if modifier == "77" else "a separate practitioner's service"
    return (
        f"Multiple diagnostic imaging: no 5% off the professional component: modifier {modifier} marks {who}, and CMS "
        "reduces the professional component of one physician's studies in a session, not across a group's physicians "
        "(MLN MM7442)"
    )


# BILATERAL_BEFORE_RANKING: a bilateral imaging study (73721-50, or 73721-LT and 73721-RT: bilateral indicator 3)
# is ranked among the encounter's studies by its two sides' component together. CMS's RVU file documentation
# (RVU25D), bilateral indicator 3: "If the procedure is reported as a bilateral procedure and with other procedure
# codes on the same day, determine the fee schedule amount for a bilateral procedure before applying any multiple
# procedure rules"; multiple procedure indicator 4: "rank the procedures by fee schedule amount for the TC. Pay 100%
# for the highest priced procedure, and 50% for each subsequent procedure". So the ranking and the cut both read the
# bilateral amount (one side's x ``scale``): the pair's TC (2 x 73721-TC's) outranks 74177-TC's, which is then the
# later service (a trial: the knee pair was cut on one side's TC rank, paid $570.07 against $606.19).
BILATERAL_BEFORE_RANKING = True


def _another_reader(line: Line) -> str | None:
    """The line's modifier saying another physician or practitioner read it (ANOTHER_READER_MODIFIERS), or None."""
    return next((m for m in line.modifiers if m in ANOTHER_READER_MODIFIERS), None)


def _component(state: LineSetting, part: str) -> Fraction:
    """A line's technical or professional component (``part``: "tc", "pc") as the bilateral step left it."""
    return Fraction(getattr(state, part)) * state.scale


def _component_reduction(
    lines: list[Line], setting: str, tc_cut: Fraction, pc_cut: Fraction, what: str, indicator: str
) -> None:
    """The highest technical (and professional) component in full; the others reduced (a claim's lines together,
    a group's: ``PROFESSIONAL_CUT_PER_PRACTITIONER``)."""
    if len(lines) < 2:
        return
    for line in lines:
        state = line.settings[setting]
        if state.tc is None and state.pc is None and str(line.row.get("pctc")) == GLOBAL_TEST_ONLY:
            # Its technical part is less than its whole amount: another line's technical component above that is
            # certainly higher; else (it the only one, or beside another global test-only code) it may rank first.
            outranked = any(
                other is not line and (theirs := other.settings[setting]).tc is not None
                and Fraction(theirs.tc) * theirs.scale > state.amount
                for other in lines
            )  # fmt: skip
            state.apply(global_test_only_rule(what, line.code, tc_cut, outranked), f"mult {indicator}", state.amount)
    for part, cut in (("tc", tc_cut), ("pc", pc_cut)):
        if cut == 0:
            continue
        holders = [line for line in lines if getattr(line.settings[setting], part) is not None]
        if part == "pc" and indicator == "4" and PROFESSIONAL_CUT_PER_PRACTITIONER:  # (ANOTHER_READER_MODIFIERS)
            apart_lines = [line for line in holders if _another_reader(line)]
            if apart_lines and len(holders) > 1:
                for line in apart_lines:
                    state = line.settings[setting]
                    state.apply(another_reader_words(_another_reader(line) or ""), f"mult {indicator}", state.amount)
            holders = [line for line in holders if not _another_reader(line)]
        # Ranked by the component as the bilateral step left it (``scale``: 200% for a 73721-50 or an LT and RT
        # pair), the amount the cut is then taken of (BILATERAL_BEFORE_RANKING).
        ranked = sorted(
            holders,
            key=lambda line: (-_component(line.settings[setting], part), tie_key(line.code, line.modifiers)),
        )
        apart = part == "pc" and PROFESSIONAL_CUT_PER_PRACTITIONER
        first = {line.provider if apart else "": line for line in reversed(ranked)}  # each one's highest
        for line in ranked:
            if first[line.provider if apart else ""] is line:
                continue
            state = line.settings[setting]
            portion = _component(state, part)
            label = "technical" if part == "tc" else "professional"
            if part == "tc" and state.tc_part is not None:
                state.tc_part = max(state.tc_part - portion * cut / HUNDRED, Fraction(0))
            session = next((m for m in line.modifiers if m in SEPARATE_SESSION_MODIFIERS), None)
            said = separate_session_words(session) if session and indicator == "4" else ""
            state.apply(
                f"Multiple {what}: {cut}% off the {label} component ({_dollars(portion)}) of a later service{said}",
                f"mult {indicator}",
                state.amount - portion * cut / HUNDRED,
            )


# CR 7050 (Transmittal 826), the therapy MPPR: "the MPPR applies to multiple units as well as multiple procedures.
# Full payment is made for the unit or procedure with the highest PE payment"; NGS Medicare (PT/OT/SLP page): "full
# payment is made for work and malpractice and 50 percent payment is made for the PE for subsequent units and
# procedures, furnished to the same patient on the same day". So the first unit of the line with the highest PE is
# paid in full, each other unit (of that line too) 50% of its PE less.
def therapy_later_units_note(units: int) -> str:
    """What ``_therapy`` did to the later units of the encounter's first therapy line (single lookups and batch):
    said after the line's own notes (``lookup.lines``' write-back; batch's encounter slot)."""
    if units == 2:
        others = "unit 2 of this line is a later service, 50% off its practice expense"
    else:
        others = f"units 2-{units} of this line are later services, 50% off the practice expense of each"
    return (
        f"Multiple therapy: {others} (CMS's therapy MPPR counts units, CR 7050). The PFS amount shown is the first "
        "unit's."
    )


def later_units_note(line: Line) -> str | None:
    """The note of a line whose later units the rules paid otherwise than its first: therapy's (a bilateral line of
    2 units says so in its step); a split-care line's units (``split_care_units_note``)."""
    if line.units < 2:  # one unit: nothing later, and a split-care part of one unit is no days
        return None
    split = split_care_units_note(line)
    if split:
        return split
    later = any(state.later is not None for state in line.settings.values())
    if not later or line.units < 2 or str(line.row.get("mult_proc")) not in UNPAIRED_MULT_PROC:
        return None
    return therapy_later_units_note(line.units)


# THERAPY_REDUCED_AMOUNT: a later therapy service's amount is a fee schedule amount in cents, as CMS publishes it:
# its PFS payment file carries it per code and locality (layout PF25PC, "50% Therapy Reduction Amount", cols 77-86,
# 9(7)V99: "Pricing amount that reflects 50 percent payment for the PE for services furnished in office and other
# noninstitutional settings"; 97110 in Alabama, PFAL25A: $26.83 in full, $20.79 reduced). So it is rounded there,
# once, and the claim modifiers after it (CQ/CO 85%, engine.modifiers) take their percentage of that cent amount, as
# they take it of a line's rounded fee (a trial: 97530-CO-GO's later units were 85% of the unrounded $25.17, $21.39,
# where 85% of the fee a unit alone is paid is taken of its rounded fee, $21.40).
THERAPY_REDUCED_AMOUNT = "in cents, as CMS's payment file publishes it"


# THERAPY_TIES: the rule pays in full "the unit or procedure with the highest PE payment" (CR 7050); between lines of
# equal PE (97110-GP and 97110-CQ-GP; 97533 and 92524, both 1.33 PE RVUs) CMS's text names none, and the order the
# lines are billed in must not decide (a trial: one claim paid $97.34 or $98.53 by the order of its two lines). The
# full first unit goes to the line that keeps more of it: the one its claim modifiers cut less (CQ/CO pay 85% of
# what is left), then the higher amount, then the code and its modifiers (``tie_key``), so the encounter is paid
# the same whatever the order of its lines.
def _therapy(lines: list[Line], setting: str) -> None:
    if not lines or (len(lines) < 2 and lines[0].units < 2):
        return
    ranked = sorted(
        lines,
        key=lambda line: (
            -(line.settings[setting].pe or 0),
            -paid_share(line),
            -line.settings[setting].amount,
            tie_key(line.code, line.modifiers),
        ),
    )
    first = ranked[0]
    if first.units > 1:
        state = first.settings[setting]
        state.later = Fraction(round_cents(_therapy_base(state) - (state.pe or Fraction(0)) * state.scale / 2))
    for line in ranked[1:]:
        state = line.settings[setting]
        portion = (state.pe or Fraction(0)) * state.scale
        state.apply(
            f"Multiple therapy: 50% off the practice expense ({_dollars(portion)}) of a later service",
            "mult 5",
            Fraction(round_cents(_therapy_base(state) - portion / 2)),  # THERAPY_REDUCED_AMOUNT
        )


def tie_key(code: str, modifiers: list[str] | tuple[str, ...]) -> tuple[bool, str, tuple[str, ...]]:
    """What decides between lines a multiple procedure rule ranks equal (the same amount, or TC, PC or PE): first
    modifier 51, then the code, then its modifiers (in any order), never the order of the lines. CMS ranks by fee
    schedule amount (Claims Processing Manual ch. 12 §40.6: "rank the procedures ... by fee schedule amount") and
    names no order between equal amounts, except what 51 says: it marks the secondary procedure ("Append modifier 51
    to the surgical procedure code with the lower physician fee schedule amount", "... to the diagnostic imaging
    procedure with the lower technical component fee schedule amount": NGS Medicare's modifier 51 page; Novitas,
    contentId=00144532; the Carriers Manual's §4826, ch. 12 §40.6's source: "Report the more major surgical procedure
    without the multiple procedures modifier -51"), so of equal amounts the line without 51 ranks first (a trial:
    `price 26055-F1 26055-F2-51` paid F2-51 in full, "51" sorting before "F1" as text). A line's amount must not
    depend on where the claim lists it. Batch's ranking on whole columns (``batch.encounter_arrays``) and the
    facility discounts (``engine.facility.discount_encounter_opps/asc``, ``facility_tie_order``) break ties by the
    same key."""
    return "51" in modifiers, code, tuple(sorted(modifiers))


def practitioner_order(lines: Sequence[tuple[str, Sequence[str], str]]) -> list[int]:
    """The order (indexes of ``lines``: code, modifiers, practitioner) in which the multiple procedure rules take
    lines of equal amounts: ``tie_key``'s, except that among the lines of one code and amount-changing modifiers (all
    but the informational ones: 11042-RT and 11042-LT, 11042-59 and 11042) billed by different practitioners of a
    group, the places they hold go first to the lines that keep more of their amount (``non_physician_factor``: a
    physician's 100% before an NP's, PA's or CNS's 85%, as between therapy lines of equal PE, ``THERAPY_TIES``),
    whatever their informational modifiers: 11042-RT by the MD and 11042-LT by the NP are paid as 11042-LT by the MD
    and 11042-RT by the NP (a review: $206.17 against $217.63). One practitioner's lines (every single lookup) keep
    ``tie_key``'s order. Batch's ranking on whole columns and the rule functions alike."""
    if len({provider for _, _, provider in lines}) < 2:  # one practitioner (most claims): equal keys, equal shares
        return sorted(range(len(lines)), key=lambda i: tie_key(lines[i][0], tuple(lines[i][1])))
    factors = [non_physician_factor(provider, tuple(modifiers), code) for code, modifiers, provider in lines]
    order = sorted(
        range(len(lines)), key=lambda i: (tie_key(lines[i][0], tuple(lines[i][1])), -factors[i], lines[i][2])
    )
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for position, index in enumerate(order):
        code, modifiers, _ = lines[index]
        # 51 changes no amount (it names what the rule does: bilateral_pairs' key leaves it out too)
        kept = tuple(sorted(m for m in modifiers if m != "51" and not _informational(m)))
        groups.setdefault((code, kept), []).append(position)
    for positions in groups.values():
        if len(positions) > 1 and len({lines[order[p]][2] for p in positions}) > 1:
            chosen = sorted((order[p] for p in positions), key=lambda i: (-factors[i], lines[i][2]))
            for position, index in zip(positions, chosen, strict=True):
                order[position] = index
    return order


def paid_share(line: Line) -> Fraction:
    """The share of its amount a line keeps after the rules, by its claim modifiers that pay a percentage of the
    amount (CQ/CO: 85%, their current percentage) and a non-physician practitioner's 85% (``_own_modifiers``):
    between therapy lines of equal PE, the one that keeps more is paid the full first unit (``THERAPY_TIES``)."""
    share = Fraction(1)
    for modifier in line.modifiers:
        info = modifier_info(modifier)
        if info is None or info.effect != "percentage" or info.applies_to != "amount" or "pfs" not in info.schedules:
            continue
        percent = info.percent_by_year[-1][1] if info.percent_by_year else info.percent
        if percent is not None:
            share *= percent / HUNDRED
    return share * non_physician_factor(line.provider, line.modifiers, line.code)


def _therapy_base(state: LineSetting) -> Fraction:
    """What a later therapy service's 50% PE cut is taken from: the PFS formula before rounding, so that the reduced
    fee, (work x GPCI + PE / 2 x GPCI + MP x GPCI) x CF, is rounded once as CMS's reduced fees are (the formula's own
    rule); the line's amount where a step already changed it."""
    if state.unrounded is not None and state.amount == state.fee:
        return state.unrounded
    return state.amount


SHARES = {
    "54": ("Surgical care only (54): pre-op + intra-op share", ("pre_op", "intra_op")),
    "55": ("Postoperative management only (55): post-op share", ("post_op",)),
    "56": ("Preoperative management only (56): pre-op share", ("pre_op",)),
    "78": ("Return to the OR for a related procedure (78): intra-op share", ("intra_op",)),
}
# Claims Processing Manual ch. 12 §40.4: "When a procedure with a '000' global period is billed with a modifier
# '-78' ... contractors pay the full value for the procedure, since these codes have no pre-, post-, or
# intra-operative values" (the RVU file gives them 0.00 in all three; read via a MAC-facing copy of the manual).
FULL_VALUE_78 = "Return to the OR for a related procedure (78) on a 000-day code: full value (no intra-op share)"


# An add-on code (global period ZZZ) billed with 78 in a return to the OR. CMS's RVU file documentation (RVU25D,
# "Global Surgery"): "ZZZ=The code is related to another service and is always included in the global period of the
# other service", and it gives ZZZ codes 0.00 pre-, intra- and post-operative percentages, so 78's intra-op share is
# nothing. Ch. 12 §40.4 pays 78 the intra-op share, and a 000-day code in full "since these codes have no pre-, post-,
# or intra-operative values", but it speaks of 000-day codes only: no CMS or MAC text found (searched Dec 2026: the
# manual, the MLN Global Surgery booklet, NGS's and Novitas's global surgery pages, the RVU file documentation) says
# how a ZZZ add-on with 78 is paid. Payers differ (Priority Health's modifier 78 page: 78 goes on 000, 010, 090, YYY
# or ZZZ codes, the intra-op reduction applies to 010 and 090 codes only; Regence policy 112: CMS's intra-op
# percentages, "in the absence of an intra-operative percentage by CMS" one of its own). Not verified, so the line is
# refused, not priced at a guess, and the refusal says how to see the add-on's full amount. 58 and 79 on an add-on
# are no share: paid as without them (engine.modifiers).


def add_on_78_refusal(code: str) -> str:
    """Why an add-on (ZZZ) line with 78 is not priced, and what to do (the comment above)."""
    return (
        f"Modifier 78 is not priced on {code}: it is an add-on code (global period ZZZ, always part of its primary "
        "procedure's global period), and CMS's RVU file gives it no pre-/intra-/post-operative percentages, so 78's "
        "intra-operative share (Claims Processing Manual ch. 12 §40.4) is nothing. The manual pays 000-day codes with "
        "78 in full, but rvucalc found no CMS text on add-ons, and payers' policies differ (some pay the add-on in "
        f"full, others a percentage of it). To see its full fee schedule amount, price {code} without 78 beside its "
        f"primary; ask your MAC how it pays {code}-78."
    )


# A maternity code (global period MMM) with 54, 55 or 56. CMS's RVU file documentation (RVU25D, "Global Surgery"):
# "MMM=Maternity codes; usual global period does not apply", and the file gives every MMM code 0.00 pre-, intra- and
# post-operative percentages, so 54/55/56 have no share to pay (refused, as before). Maternity care split between
# practitioners is reported with CPT's component codes, which the RVU file itself lists and prices as MMM codes (its
# short descriptors: 59514 "Cesarean delivery only", 59612 "Vbac delivery only", 59620 "Attempted vbac delivery
# only", 59425/59426 "Antepartum care only", 59430 "Care after delivery"; CPT's descriptors say the rest: 59409
# vaginal delivery only, 59410, 59515, 59614 and 59622 the delivery with the postpartum care, 59425 4-6 antepartum
# visits, 59426 7 or more). The refusal names them, so it says how to bill and price the split (a trial, an OB/GYN
# group's coder, billed 59510-54 for a cesarean whose antepartum care another practice gave, and was told only that
# MMM "has no pre-/intra-/post-operative split").
MATERNITY_GLOBAL = "MMM"
MATERNITY_SPLIT_MODIFIERS = frozenset({"54", "55", "56"})
# Each global package's delivery codes, by the package's codes: (delivery only, delivery and postpartum care).
_MATERNITY_DELIVERY = (
    (("59400", "59409", "59410"), ("59409", "59410")),  # vaginal delivery
    (("59510", "59514", "59515"), ("59514", "59515")),  # cesarean delivery
    (("59610", "59612", "59614"), ("59612", "59614")),  # vaginal delivery after a previous cesarean (VBAC)
    (("59618", "59620", "59622"), ("59620", "59622")),  # cesarean after an attempted VBAC
)


# The global packages (antepartum, delivery and postpartum care) that the component codes split. Every other MMM code
# is a component itself (59409, 59425, 59430 ...) or a procedure (59412, external cephalic version, 59414, delivery of
# the placenta): billed whole by whoever furnished it (a review: `price 59430-55` and `59412-54` were told to bill the
# components "instead", 59430 among them).
_MATERNITY_PACKAGES = frozenset(codes[0] for codes, _ in _MATERNITY_DELIVERY)


def maternity_split_refusal(code: str, modifier: str) -> str:
    """Why a maternity (MMM) line with 54, 55 or 56 is not priced, and the codes that bill the split (comment above).
    No "; " in it: batch's error and note columns join with it."""
    refused = (
        f"Modifier {modifier} does not apply to {code}: it is a maternity code (global period MMM: the usual global "
        "period does not apply, CMS's RVU file documentation), with no pre-/intra-/post-operative split."
    )
    if code not in _MATERNITY_PACKAGES:
        return (
            f"{refused} {code} is billed without it, by the practitioner who furnished it: the global maternity "
            "packages (59400, 59510, 59610, 59618) are the ones split between practitioners, by their component codes."
        )
    alone, postpartum = next(pair for codes, pair in _MATERNITY_DELIVERY if code in codes)
    return (
        f"{refused} Maternity "
        "care split between practitioners is billed with the component codes instead, each priced on its own: "
        f"antepartum care only 59425 (4-6 visits) or 59426 (7 or more), delivery only {alone} (with the postpartum "
        f"care {postpartum}), postpartum care only 59430."
    )


def _no_split(row: dict[str, object]) -> bool:
    return sum(int(row[name]) for name in ("pre_op", "intra_op", "post_op")) == 0  # type: ignore[call-overload]


def share_of_global(row: dict[str, object], modifier: str) -> tuple[str, int]:
    """What 54, 55, 56 or 78 pays of the global package (percent), with the rule's words."""
    if modifier == "78" and _no_split(row):
        return FULL_VALUE_78, 100
    rule, fields = SHARES[modifier]
    share = sum(int(row[name]) for name in fields)  # type: ignore[call-overload]
    return f"{rule}: {share}%", share


def _own_modifiers(line: Line, state: LineSetting) -> None:
    row = line.row
    for modifier in line.modifiers:
        if modifier in SHARES:
            rule, share = share_of_global(row, modifier)
            factor = Fraction(share, 100)
            days = postoperative_days(line) if modifier == "55" else None
            if days is not None:  # the post-op share apportioned by days (postoperative_days)
                factor *= Fraction(*days)
                rule += f" x {days[0]}/{days[1]} post-operative days"
            state.times(rule, str(row["global_days"]), factor)
        elif modifier == "62":
            state.times("Co-surgeons (62): 62.5% each", f"co-surgeon {row['co_surg']}", _CO_SURGEON_SHARE)
            if row["co_surg"] == "1":
                state.notes.append("Co-surgeon indicator 1: paid only with documentation of medical necessity.")
        elif modifier in ANESTHESIA_PERCENT and ANESTHESIA_PERCENT[modifier] != HUNDRED:
            # 50% of the exact (base + time units) x CF, rounded once: the two directed lines together never exceed
            # what the anesthesiologist alone is paid (Claims Processing Manual ch. 12 §50).
            whole = state.unrounded if state.unrounded is not None and state.amount == state.fee else state.amount
            state.apply(f"Anesthesia medically directed ({modifier}): 50%", "anesthesia", whole / 2)
        elif modifier in ASSISTANT_PERCENT:
            who = "non-physician (AS): 85% of 16%" if modifier == "AS" else f"{modifier}: 16%"
            state.times(f"Assistant at surgery, {who}", f"assistant {row['asst_surg']}", _ASSISTANT_SHARE[modifier])
            if row["asst_surg"] == "0":
                state.notes.append("Assistant indicator 0: paid only with documentation of medical necessity.")
    factor = non_physician_factor(line.provider, line.modifiers, line.code)
    if factor != 1:
        who = (
            "Registered dietitian's medical nutrition therapy (42 CFR 414.64)"
            if line.provider == DIETITIAN
            else f"Non-physician practitioner ({line.provider.upper()}) billing under own number"
        )
        state.times(f"{who}: 85%", "provider", factor)


def line_factors(
    row: dict[str, object], modifiers: list[str] | tuple[str, ...], provider: str = "physician"
) -> tuple[Fraction, Fraction] | None:
    """What ``apply_policy`` does to a line besides ranking it, as two factors of its fee: the bilateral step
    before the ranking (50), and its own modifiers and practitioner after it (``_own_modifiers``: 54/55/56/78,
    62, 80/81/82/AS, an NP's, PA's or CNS's 85%); None when a rule does more than a factor (51 alone, 66,
    anesthesia). Batch ranks such lines on whole columns (``batch.encounter_arrays``); the OPPS imaging cap is not
    included."""
    before, after = _WHOLE, non_physician_factor(provider, modifiers, str(row.get("hcpcs", "")))
    for modifier in modifiers:
        if modifier == "50":
            if str(row["bilat_surg"]) not in BILATERAL:
                return None  # check_modifiers refuses the line
            before = _BILATERAL_SHARE[str(row["bilat_surg"])]
        elif modifier in SHARES:
            after *= Fraction(share_of_global(row, modifier)[1], 100)
        elif modifier == "62":
            after *= _CO_SURGEON_SHARE
        elif modifier in ASSISTANT_PERCENT:
            after *= _ASSISTANT_SHARE[modifier]
        elif modifier in ("51", "66") or modifier in ANESTHESIA_PERCENT:
            return None
    return before, after


def factor_form(
    row: dict[str, object], modifiers: list[str] | tuple[str, ...], provider: str = "physician"
) -> tuple[Fraction, Fraction] | None:
    """``line_factors`` for a line nothing else changes: not an anesthesia code (status J), and no claim
    modifier (``engine.modifiers.changes_pfs_amount``: CQ, FX, 52, 53 ... act after the rules). Batch prices
    such lines on whole columns, alone (``BatchPricer._factor_rows``) and ranked (``batch.encounter_arrays``)."""
    if row["status"] == "J" or any(changes_pfs_amount(m) for m in modifiers) or discarded_supply(row, modifiers):
        return None
    return line_factors(row, modifiers, provider)


def _dollars(amount: Fraction) -> str:
    return f"${Decimal(round_cents(amount)).scaleb(-2):,.2f}"


# -- which lines the encounter can change (batch.claims passes only these encounters to apply_policy) --
# Read off _multiple_procedures above; tests/test_batch_claims.py checks them against apply_policy itself.

NO_GROUP, SURGICAL, IMAGING, CARDIOLOGY, OPHTHALMOLOGY, THERAPY = range(6)
BILLER_GROUPS = 6  # the groups of one biller; an assistant's lines rank in their own (by_biller): group + 6
GROUPS = BILLER_GROUPS * 3  # the surgeon's, the assistant's, the other co-surgeon's (CO_SURGEON: group + 12)
_GROUP_OF_INDICATOR = {"1": SURGICAL, "2": SURGICAL, "3": SURGICAL, "6": CARDIOLOGY, "7": OPHTHALMOLOGY, "5": THERAPY}


def policy_group(mult_proc: str, family_ind: str, modifiers: list[str] | tuple[str, ...] = ()) -> int:
    """The group ``engine.policy`` ranks a line in (NO_GROUP: no other line changes its amount).
    A line's amount changes with the encounter only when its group holds two lines or more. An assistant
    at surgery's lines (``biller``) rank apart from the others: their groups are SURGICAL + BILLER_GROUPS ..."""
    if mult_proc == "4":
        group = IMAGING if family_ind == "88" else NO_GROUP
    else:
        group = _GROUP_OF_INDICATOR.get(mult_proc, NO_GROUP)
    return group + BILLER_GROUPS * biller(modifiers) if group != NO_GROUP else NO_GROUP


def co_surgeon_group(group: Any) -> Any:
    """The group of the other co-surgeon's line (``other_co_surgeon``) whose line alone is in ``group`` (a
    ``policy_group``: the surgeon's); NO_GROUP stays. Ints or arrays."""
    return group + (group != NO_GROUP) * BILLER_GROUPS * CO_SURGEON
