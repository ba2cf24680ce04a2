"""Facility payments (OPPS, ASC) and the three-site comparison.

Integer arithmetic on CMS's scales, as in ``engine.pfs``: OPPS national rates
in mills (CMS prints three decimals), other money in cents, wage indexes in
ten-thousandths. Each amount is rounded once, half-up, to the cent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from rvucalc.engine import modifiers as modifier_table
from rvucalc.engine.facility_codes import (
    FACILITY_CODE,
    HOSPITAL_ONLY,
    PROFESSIONAL_ONLY_PCTC,
    PROFESSIONAL_ONLY_SIS,
    TECHNICAL_PARTS,
    facility_code_said,
    professional_only_said,
)
from rvucalc.engine.facility_meanings import (
    ASC_NOT_PAID,
    ASC_NOT_WAGE_ADJUSTED,
    ASC_PACKAGED,
    ASC_PI,
    ASC_PI_UNVERIFIED,
    OPPS_NOT_PAID,
    OPPS_NOT_WAGE_ADJUSTED,
    OPPS_PACKAGED,
    OPPS_SI,
    meaning,
)
from rvucalc.engine.hopd_therapy import HOPD_PFS_MAMMOGRAPHY
from rvucalc.engine.hospitals import MARYLAND_OPPS_REASON, RURAL_SCH_ADDED_SIS, rural_sch_mills
from rvucalc.engine.kernels import (
    COINSURANCE_PERCENT,
    NO_LATER_PROFESSIONAL,
    NO_MEDICARE_SHARE,
    OPPS_LABOR_PERCENT,
    OPPS_UNROUNDED_SCALE,
    PERCENT_MILLIONTHS,
    SECTION_603_MEDICARE_SHARE,
    TERMINATED_ONE_UNIT,
    WAGE_INDEX_SCALE,
    asc_less_device,
    asc_rate,
    claims_sequestered,
    coinsurance,
    fee_cents,
    later_units_cut,
    lesser,
    opps_coinsurance,
    opps_copayment,
    opps_copayment_after,
    opps_line_payment,
    opps_medicare_share,
    opps_rate,
    opps_reduced,
    opps_scaled,
    opps_unrounded_rate,
    percent_of,
    professional_line_cut,
    reduced,
    round_half_up,
    site_shares,
    where,
)
from rvucalc.engine.pfs import (
    MAC_TECHNICAL_ONLY_IN_FACILITY_REASON,
    TECHNICAL_ONLY_IN_FACILITY_REASON,
    is_anesthesia_code,
    is_opps_c_code,
    money,
    not_in_pfs_reason,
)
from rvucalc.engine.place_of_service import CLINIC_BILLED_LEFT_OUT, CLINIC_BILLED_NOT_PRICED, clinic_billed
from rvucalc.engine.policy import (
    ASSISTANT_MODIFIERS,
    endoscopy_base_apart,
    endoscopy_base_side,
    endoscopy_side,
    split_care_part,
    tie_key,
)
from rvucalc.engine.preventive import preventive_codes
from rvucalc.engine.wage_choices import is_choice_reason
from rvucalc.models import (
    NOT_PAYABLE,
    NOT_PRICED,
    PRICED,
    Adjustment,
    AscResult,
    OppsResult,
    PfsResult,
    PriceResult,
    Site,
    SiteStatus,
)

# The year's inpatient (Part A) deductible caps one OPPS service's copayment (section 2);
# the Part B deductible is not in per-service figures (section 5).
INPATIENT_DEDUCTIBLE_CENTS = {2025: 167_600, 2026: 173_600}
COPAYMENT_CAPPED = "Copayment capped at"  # the note of a copayment the inpatient deductible caps (price_opps)


def copayment_capped_note(year: int, cap_cents: int) -> str:
    """The note of an OPPS copayment the year's inpatient deductible caps: SSA §1833(t)(8)(C)(i) ("the amount of the
    copayment ... for a procedure performed in a year shall not exceed the amount of the inpatient hospital deductible
    ... for that year"); price_opps and batch (batch.price) say it alike."""
    return f"{COPAYMENT_CAPPED} the CY{year} inpatient deductible ({_dollars(cap_cents)})."


def ira_hospital_note(notes: Iterable[str]) -> str:
    """Of an OPPS result's notes, its rebatable drug's IRA coinsurance note (``IRA_HOSPITAL``), or ''."""
    return next((note for note in notes if note.startswith(IRA_HOSPITAL)), "")


PART_B_DEDUCTIBLE_CENTS = {2025: 25_700, 2026: 28_300}

# Device-intensive (J8) ASC procedures: the device portion (Addendum FF) is paid at the national amount and only the
# rest is wage-adjusted. CMS's text: the national ASC payment rate of "the device portion of device-intensive
# procedures" is not the CF x weight of the standard method but "an amount derived from the payment rate for the
# equivalent item or service set under the payment system established in part 419" (42 CFR 416.171(b)(2): the OPPS
# device offset, Addendum FF's device portion; Addendum AA's payment indicator J8, "Device-intensive procedure; paid at
# adjusted rate"), and the national rates "for covered surgical procedures are adjusted for variations in ASC labor
# costs" (42 CFR 416.172(c)(1)). What rvucalc found no text for is narrower: that the device portion is left out of
# the wage adjustment (416.172(c)(2) names drugs, biologicals, pass-through devices and brachytherapy sources as not
# adjusted, no device portion). The note cites both paragraphs and says that one step is rvucalc's reading
# (DEVICE_INTENSIVE_CAVEAT), where it said the whole method had no CMS text (a review: `rvucalc price 22590 --setting
# asc`).
DEVICE_PORTION_NOT_WAGE_ADJUSTED = True
# Each paragraph cited for what it says (a review: the note said the device portion "is paid at the national amount,
# as 42 CFR 416.171(b)(2) pays" it, a paragraph on the national rate, silent on the wage adjustment, and "the rest is
# wage-adjusted (42 CFR 416.172(c))", which adjusts the rates of covered surgical procedures, not a rest).
DEVICE_INTENSIVE_SOURCE = (
    "CMS's text: 42 CFR 416.171(b)(2) sets the national rate of a device-intensive procedure's device portion "
    "(Addendum AA's payment indicator J8) from its OPPS rate (Addendum FF's device offset), and 42 CFR 416.172(c) "
    "adjusts the rates of covered surgical procedures for ASC labor costs"
)
DEVICE_INTENSIVE_CAVEAT = (
    "That the device portion is not wage-adjusted itself is rvucalc's reading (416.172(c)(2) names no device portion "
    "among the rates not adjusted), so the ASC's payment may differ"
)
# The same, in brief, for a rate_reason every CBSA's J8 row repeats (export._device_reason): each paragraph cited
# for what it says, as DEVICE_INTENSIVE_SOURCE and DEVICE_INTENSIVE_CAVEAT say it (a review: the export still cited
# "42 CFR 416.171(b)(2), 416.172(c)" together for the whole method after the note was reworded).
DEVICE_INTENSIVE_BRIEF = (
    "42 CFR 416.171(b)(2): the device portion's national rate from the OPPS; 416.172(c): covered surgical procedures' "
    "rates adjusted for ASC labor costs; the device portion left out of that adjustment: rvucalc's reading"
)


DEVICE_INTENSIVE_NOTE_START = "Device-intensive: the device portion"


def device_intensive_note(device_cents: int) -> str:
    """A paid device-intensive (PI J8) ASC line's note where its rate is wage-adjusted: its device portion (Addendum FF,
    cents) paid at the national amount, and DEVICE_INTENSIVE_CAVEAT. price_asc says it in the ASC's notes; batch
    (batch.price.BatchPricer._device_intensive_notes) from the same function, where the ASC's rate is wage-adjusted."""
    return (
        f"{DEVICE_INTENSIVE_NOTE_START} ({_dollars(device_cents)}, Addendum FF) is paid at the national amount "
        f"and the rest is wage-adjusted. {DEVICE_INTENSIVE_SOURCE}. {DEVICE_INTENSIVE_CAVEAT}."
    )


def professional_only_reason(
    code: str, si: str, pctc: str | None, row_of: Callable[[str], dict[str, Any] | None] | None
) -> str:
    """What the hospital's SI B or M reason adds for a professional component only code (RVU file PC/TC indicator 2:
    engine.facility_codes.professional_only_said), naming its technical parts Addendum B pays (``row_of``: a code's
    row in the same Addendum B), else ""."""
    if pctc != PROFESSIONAL_ONLY_PCTC or si not in PROFESSIONAL_ONLY_SIS:
        return ""
    technical = []
    for part in TECHNICAL_PARTS.get(code, ()):
        found = row_of(part) if row_of is not None else None
        paid = found is not None and bool(found["rate"]) and found["si"] not in OPPS_NOT_PAID | OPPS_PACKAGED
        if paid and found is not None and found["si"] not in (PER_DIEM_STATUS, CONDITIONAL_LAB):
            technical.append((part, found["si"], found["apc"] or ""))
    return professional_only_said(code, technical)


def price_opps(
    row: dict[str, Any] | None, code: str, year: int, wage_index: int | None, release: str, rural_sch: bool = False,
    pctc: str | None = None, row_of: Callable[[str], dict[str, Any] | None] | None = None,
) -> OppsResult:  # fmt: skip
    """The hospital outpatient payment and copayment for one code. ``rural_sch``: at a rural sole community hospital,
    on a line the 7.1% add-on reaches (engine.hospitals.rural_sch_added): the rate is that of the national rate x
    1.071, rounded to the cent; Medicare's share of it stays the APC's (engine.hospitals). ``pctc``: the code's RVU
    row's PC/TC indicator, and ``row_of`` another code's row in the same Addendum B, where known: a professional
    component only code's reason says so (``professional_only_reason``)."""
    if row is None:
        return OppsResult.model_construct(
            payable=False,
            reason=f"{code} is not in OPPS Addendum B ({release}): no hospital outpatient payment.",
            release=release,
        )
    si = row["si"]
    base = {
        "status_indicator": si,
        "status_meaning": meaning(OPPS_SI, si),
        "apc": row["apc"] or None,
        "release": release,
        "national_rate": None if row["rate"] is None else Decimal(row["rate"]).scaleb(-3),
    }
    if si in OPPS_PACKAGED:
        said = (ANESTHESIA_AT_HOPD_LISTED.format(code=code, release=release, si=si) if is_anesthesia_code(code)
                else packaged_note(f"SI {si}", "hospital", code))  # fmt: skip
        return OppsResult.model_construct(
            payable=True, rate=money(0), national_copayment=money(0), copayment=money(0), labor_share=0,
            notes=[said], **base,
        )  # fmt: skip
    if si == PER_DIEM_STATUS:  # paid within the day's per-diem APC, whose rate rvucalc has not (PER_DIEM_REASON)
        return OppsResult.model_construct(payable=False, reason=PER_DIEM_REASON, **base)
    if si in OPPS_NOT_PAID or not row["rate"]:
        from rvucalc.engine.radiation import hospital_code

        instead = hospital_code(code, year) if si == "B" else None  # a PFS-only radiation G code: the hospital's
        said = f": the hospital bills {instead}" if instead else ""
        said = said or (facility_code_said(code, "hospital") if si == "B" else "")  # 27096: G0260 (facility_codes)
        said = said or professional_only_reason(code, si, pctc, row_of)  # 93010: the physician's, PC/TC 2
        reason = f"SI {si}: {meaning(OPPS_SI, si)}{said}"
        if si == CONDITIONAL_LAB:  # packaged only beside such a service (package_conditional_labs)
            reason = CONDITIONAL_LAB_REASON
        return OppsResult.model_construct(payable=False, reason=reason, **base)
    adjusted = si not in OPPS_NOT_WAGE_ADJUSTED
    index = WAGE_INDEX_SCALE if wage_index is None or not adjusted else wage_index
    sch_mills = rural_sch_mills(row["rate"]) if rural_sch and si in RURAL_SCH_ADDED_SIS else None
    rate = opps_rate(row["rate"] if sch_mills is None else sch_mills, index)
    # A Part B rebatable drug's coinsurance is reduced under the Inflation Reduction Act: Addendum B gives the
    # quarter's percentage and the adjusted beneficiary copayment, which is what the patient owes.
    ira = row["ira_coinsurance_pct"] is not None and row["adjusted_copay"] is not None
    national_copay = row["adjusted_copay"] if ira else max(row["national_copay"] or 0, row["minimum_copay"] or 0)
    cap = INPATIENT_DEDUCTIBLE_CENTS.get(year)
    # The patient pays what is left of the payment once Medicare's share is taken (kernels.opps_medicare_share). An
    # IRA-adjusted copayment, and that of another rate paid nationally (a pass-through drug's, SI G: J9174's $9.90 of
    # $52.47 is not 20%; blood and brachytherapy sources, R and U, whose minimum coinsurance the Pricer takes per unit
    # times the units) are Addendum B's own amounts. A non-pass-through drug's or biological's (SI K, K1) is 20% of the
    # line's payment, rounded once: CMS's OPPS Pricer (gov.cms.fiss.pricers.opps, AdjustMinimumCoinsurance2023, from
    # 19550-CALC-STANDARD: "OTHER SERVICE TYPES AND APCS' MIN COIN = 20% OF LINE PMT", "COMPUTE H-MIN-COIN ROUNDED =
    # H-LITEM-PYMT * .2", where Addendum B's minimum coinsurance is above $0.00). Addendum B's minimum unadjusted
    # copayment is that per unit, rounded (to within a cent: 90375 $55.98 of $279.854), and times the units is not the
    # line's 20%: J2002's $0.01 (of $0.003) x 500 was $5.00 of a $1.50 line, Medicare's $-5.00.
    share = None if ira or not adjusted else opps_medicare_share(round_half_up(row["rate"], 10), national_copay)
    if drug_share(si, ira, national_copay):
        share = COINSURANCE_SHARE
    if share is None:
        copay, uncapped = opps_copayment(national_copay, index, cap), opps_copayment(national_copay, index, None)
    else:
        copay, uncapped = opps_coinsurance(rate, share, cap), opps_coinsurance(rate, share)
    notes: list[str] = []
    capped = copay != uncapped
    if capped:
        assert cap is not None
        notes.append(copayment_capped_note(year, cap))
    elif cap is None:
        notes.append(f"No CY{year} inpatient deductible known to rvucalc: the copayment is not capped.")
    if ira:
        notes.append(
            f"{IRA_HOSPITAL} ({Decimal(row['ira_coinsurance_pct']).scaleb(-3)}%): the copayment is Addendum B's "
            f"adjusted beneficiary copayment, {_dollars(row['adjusted_copay'])} {IRA_PER_UNIT}, not 20%."
        )
    elif row["ira_coinsurance_pct"] is not None:
        notes.append(
            f"Inflation Reduction Act coinsurance applies ({Decimal(row['ira_coinsurance_pct']).scaleb(-3)}%), but "
            "Addendum B gives no adjusted copayment for it: the copayment shown is the unadjusted one."
        )
    if si in ("Q1", "Q2", "Q3"):
        notes.append(f"SI {si}: conditionally packaged; paid separately only when not packaged with other services.")
    if si == "T":
        notes.append("SI T: with other T procedures the same day, the lower-paid ones are paid at 50%.")
    if not adjusted:
        notes.append(f"SI {si}: paid at the national rate; the OPPS does not wage-adjust {OPPS_FIXED_WHAT[si]}.")
    return OppsResult.model_construct(
        payable=True,
        rate=money(rate),
        national_copayment=money(national_copay),
        copayment=money(copay),
        copayment_capped=capped,
        medicare_share=None if share is None else Decimal(share).scaleb(-6),
        wage_index=None if wage_index is None else Decimal(wage_index).scaleb(-4),
        labor_share=OPPS_LABOR_PERCENT if adjusted else 0,
        rural_sch_rate=None if sch_mills is None else Decimal(sch_mills).scaleb(-3),
        notes=notes,
        **base,
    )


OPPS_DRUGS = frozenset({"K", "K1"})  # non-pass-through drugs and biologicals, non-opioid pain relief drugs
COINSURANCE_SHARE = PERCENT_MILLIONTHS - COINSURANCE_PERCENT * PERCENT_MILLIONTHS // 100  # Medicare's 80%


def drug_share(si: str, ira: bool, national_copay: int) -> bool:
    """Whether an OPPS line's copayment is 20% of its payment as a drug's (``price_opps``): SI K or K1, not
    IRA-adjusted, and a copayment in Addendum B (the Pricer leaves a $0.00 minimum coinsurance at $0.00)."""
    return si in OPPS_DRUGS and not ira and national_copay > 0


OPPS_FIXED_WHAT = {"G": "drugs and biologicals", "K": "drugs and biologicals", "K1": "drugs and biologicals",
                   "R": "blood and blood products", "U": "brachytherapy sources"}  # fmt: skip


def copayment_within_waiver(copayment: Any, rate: Any, share_hundredths: Any) -> Any:
    """The OPPS copayment (cents, per unit) of a line whose patient share a preventive waiver sets
    (``engine.preventive``): at most that share of the OPPS rate. For a screening turned diagnostic (PT), CMS's
    OPPS Pricer caps the coinsurance at the year's percent of the line's payment (CAA 2021 §122; the Pricer's
    colorectal-procedure coinsurance check, payment adjustment flag 25: "Apply cap if coinsurance percentage
    exceeds given cap rate for the year", 15% from 2023); a waived service's share is 0. Ints or arrays; the usual
    20% (2000 hundredths) leaves the copayment as Addendum B has it."""
    import numpy as np

    return np.where(share_hundredths < COINSURANCE_PERCENT * 100,
                    np.minimum(copayment, percent_of(rate, share_hundredths)), copayment)  # fmt: skip


ASC_NOT_LISTED = "is not on the ASC covered procedures list"
# 42 CFR 416.164(b): the ASC's covered ancillary services (Addendum BB) are paid when integral to a covered surgical
# procedure (Addendum AA). A paid BB line says so (single lookups in its ASC notes, batch in the row's note).
ANCILLARY_NOTE = "Ancillary service: paid only when provided integral to a covered surgical procedure."
# So an ancillary line is not paid to the ASC on a claim without a covered surgical procedure: 42 CFR 416.164(b)
# ("Covered ancillary services. Ancillary items and services that are integral to a covered surgical procedure, as
# defined in § 416.166, and for which separate payment is allowed include: ... certain radiology services for which
# separate payment is allowed under the OPPS", drugs, brachytherapy sources ...; eCFR, read 2026), and CMS's DD1
# defines each ancillary payment indicator so (H2, J7, K2, Z2, Z3: "paid separately when provided integral to a
# surgical procedure on ASC list"; the addendum's own title: "ASC Covered Ancillary Services Integral to Covered
# Surgical Procedures"). A trial priced 74177 + 72148 at an ASC $316.05 and batch's claim of 74177, 72148
# and 78452 at POS 24 $1,036.27, though its note said no line was such a procedure. Such a line's ASC site is not
# payable (the physician's fee there is still its professional_payment; the line's ASC rate, AscResult.rate, stays as
# the code's rate, for information), in a line alone as in an encounter; a packaged line (N1, $0.00) is left as it is.
ANCILLARY_WITHOUT_PROCEDURE = (
    "Ancillary service (Addendum BB) with no covered surgical procedure (Addendum AA) in the encounter: the ASC is not "
    "paid for it (42 CFR 416.164(b): paid only when integral to a covered surgical procedure on the ASC's claim): its "
    "ASC rate is shown for information only"
)


ASC_PROCEDURE, ASC_ANCILLARY = 1, 2  # batch's per-code kinds (asc_covered_procedure, asc_separate_ancillary)


def asc_covered_procedure(asc: AscResult | None) -> bool:
    """Whether an ASC line is a covered surgical procedure the ASC is paid for (Addendum AA, payable, not a packaged
    PI N1): what an ancillary service needs on the claim (``ANCILLARY_WITHOUT_PROCEDURE``). One not priced for want of
    one wage index (engine.wage_choices) is on the claim, paid at whichever: it covers its ancillary services."""
    from rvucalc.engine.wage_choices import is_choice_reason

    paid = asc is not None and (asc.payable or is_choice_reason(asc.reason))
    return bool(paid and asc is not None and asc.addendum == "AA" and asc.payment_indicator not in ASC_PACKAGED)


def asc_separate_ancillary(asc: AscResult | None) -> bool:
    """Whether an ASC line is a covered ancillary service paid separately (Addendum BB, payable, not packaged)."""
    return bool(asc is not None and asc.payable and asc.addendum == "BB" and asc.payment_indicator not in ASC_PACKAGED)


def ancillary_without_procedure(ascs: Sequence[AscResult | None]) -> list[bool]:
    """Per line of an encounter (a line alone too): a separately paid ancillary service with no covered surgical
    procedure among the lines (``ANCILLARY_WITHOUT_PROCEDURE``). Batch: ``batch.claims.asc_ancillary_alone``."""
    if any(asc_covered_procedure(asc) for asc in ascs):
        return [False] * len(ascs)
    return [asc_separate_ancillary(asc) for asc in ascs]


def ancillary_unpaid_site(site: Site) -> Site:
    """The ASC site of an ancillary line with no covered surgical procedure: not payable, the physician's fee there
    kept (as a line the ASC does not list: ``_site``)."""
    return Site.model_construct(setting=site.setting, payable=False, professional_payment=site.professional_payment,
                                reason=ANCILLARY_WITHOUT_PROCEDURE, status=NOT_PAYABLE)  # fmt: skip


# An anesthesia code is the anesthesia practitioner's service, not an ASC procedure: the ASC's payment for the surgical
# procedure includes the "materials, including supplies and equipment for the administration and monitoring of
# anesthesia" (42 CFR 416.164(a)(13): its list of what the ASC's payment includes has the surgeon's supervision of an
# anesthetist, not the anesthesia practitioner's service), which is paid by the anesthesia fee schedule (42 CFR 414.46;
# Claims Processing Manual ch. 12 §50, ch. 12 §140 for CRNAs), whatever the site. CMS's Addenda AA and EE
# list no anesthesia code, or list it as excluded, which said the line was "not payable" at POS 24 (a trial: 00142-QK
# left allowed blank and counted unpriced, while at POS 22 the OPPS's SI N paid the anesthesiologist's fee). Its
# facility side is $0.00, said plainly, and the site's total is the PFS facility amount, as a packaged line's is.
ANESTHESIA_AT_ASC = (
    "{code} is anesthesia, not an ASC procedure: the ASC is paid no fee for it ($0.00: its anesthesia supplies are in "
    "the surgical procedure's ASC payment, 42 CFR 416.164(a)(13)). The anesthesia practitioner is paid under the PFS "
    "(its facility amount)"
)


# The hospital is never paid separately for an anesthesia code either: the OPPS payment for the procedure includes
# anesthesia (42 CFR 419.2(b)(4), among the costs the OPPS payment includes, beside the drugs and supplies cited for
# Level II items below; its text was not found in what rvucalc could search), and CMS's Addendum B lists each
# anesthesia code SI N, packaged, but those of an inpatient-only procedure, SI C (January and October 2025: 226 of
# 00100-01999 SI N, 50 SI C). In a year whose Addendum B is not installed, an anesthesia line at a hospital outpatient
# department was "not priced", to install the file (a trial: 00142-QK at POS 22 in 2026, allowed blank, out of the
# totals, where 2025's SI N row paid the site the practitioner's PFS facility amount). Where the newest earlier Addendum
# B installed lists the code SI N, its hospital payment is $0.00, said plainly with the sources and that the year's
# file is not installed, and the site's total is the PFS facility amount, as the SI N row's is; not a code that file
# lists SI C (CMS revises the inpatient-only list yearly, CMS-1834-FC: ``lookup.pricer.opps_not_installed``) or does
# not list. A year whose Addendum B is installed is priced from it (price_opps). Single lookups
# (lookup.pricer.Pricer._facility_rates) and batch (batch.reference.facility_reference) both take
# ``anesthesia_opps_packaged``.
ANESTHESIA_AT_HOPD = (
    "{code} is anesthesia: the hospital is paid no separate fee for it ($0.00, packaged: the OPPS payment includes "
    "anesthesia, 42 CFR 419.2(b)(4), Addendum B {prior}, the newest installed, lists {code} SI N). CY{year}'s Addendum "
    "B is not installed. The anesthesia practitioner is paid under the PFS (its facility amount)"
)
# The same words where the year's own Addendum B is installed and lists the code SI N (42 CFR 419.2(b)(4), as above):
# an anesthesia trial read 2025's 00790 at POS 22 with the generic "SI N: packaged" note (packaged_note) and 2026's
# with ANESTHESIA_AT_HOPD, for one rule. price_opps gives it, so price and batch (batch.reference) both say it.
ANESTHESIA_AT_HOPD_LISTED = (
    "{code} is anesthesia: the hospital is paid no separate fee for it ($0.00, packaged: the OPPS payment includes "
    "anesthesia, 42 CFR 419.2(b)(4), Addendum B {release} lists {code} SI {si}). The anesthesia practitioner is paid "
    "under the PFS (its facility amount)"
)


def anesthesia_opps_packaged(
    code: str, year: int, prior: str | None, prior_row: dict[str, Any] | None
) -> OppsResult | None:
    """The OPPS result of an anesthesia code (00100-01999) in a year whose Addendum B is not installed
    (``ANESTHESIA_AT_HOPD``): payable at $0.00, packaged, where the newest earlier Addendum B installed (``prior``, its
    release; ``prior_row``, the code's row in it) lists it SI N; None for any other code or SI (its "not installed"
    reason stays). Its release is ``prior``'s, the file that says so (as an outpatient therapy line's: Pricer.
    _hopd_therapy; batch's opps_release)."""
    if not is_anesthesia_code(code) or prior is None or prior_row is None or prior_row["si"] not in OPPS_PACKAGED:
        return None
    return OppsResult.model_construct(
        payable=True, installed=False, rate=money(0), national_copayment=money(0), copayment=money(0), labor_share=0,
        release=prior, notes=[ANESTHESIA_AT_HOPD.format(code=code, prior=prior, year=year)],
    )  # fmt: skip


def anesthesia_at_hopd(opps: OppsResult) -> bool:
    """Whether the OPPS result is ``anesthesia_opps_packaged``'s (payable at $0.00, its year's file not installed)."""
    return bool(opps.payable) and not opps.installed


# CMS's descriptor of an unlisted code in Addendum EE ("Unlisted px ant segment eye", "Unlistd px hmc/lymphatic sys").
_UNLISTED = re.compile(r"unliste?d\b", re.IGNORECASE)


def asc_excluded_reason(code: str, row: dict[str, Any], release: str) -> str:
    """Why an Addendum EE code is not paid at an ASC. An unlisted code is said to be one: the MAC prices the
    surgeon's fee for it, but no ASC payment is made, as it cannot be on the covered procedures list (42 CFR
    416.166(c)(7): covered surgical procedures do not include those that "can only be reported using a CPT unlisted
    surgical procedure code"; Claims Processing Manual ch. 14 §10.2, ASC services are those on the ASC list).
    `price 66999 --setting asc` said only that the MAC prices it."""
    if _UNLISTED.match(str(row.get("description") or "")):
        return (f"{code} is an unlisted procedure code: not on the ASC covered procedures list (Addendum AA), it is "
                f"not payable at an ASC (excluded from payment in ASCs: Addendum EE, {release}, 42 CFR "
                "416.166(c)(7)).")  # fmt: skip
    return f"{code} is excluded from payment in ASCs (Addendum EE, {release})."


# ASC payment indicator L6 is "Special payment; New Technology Intraocular Lens (NTIOL) or qualifying non-opioid
# devices" (CMS's CY2026 ASC payment indicators, as First Coast prints them: "Ambulatory surgical center payment
# indicators", 2026; Addendum DD1 before CY2025 had the NTIOLs alone). The qualifying non-opioid devices (C9804-C9817)
# are the NOPAIN Act's "temporary additional payments for certain non-opioid treatments for pain relief" in the ASC
# (CY2025 OPPS/ASC final rule, as the AHA's special bulletin of Nov. 2024 sums it up): paid apart from the procedure,
# but Addendum BB prints no rate for them (every installed quarter of 2025 and 2026), and the amount was not found in
# CMS's text searched (Claims Processing Manual ch. 14, the addenda). So such a line is not priced (not "not
# payable"), and is left out of the ASC's total alone (``ASC_UNPAID_ALONE``), as a contractor-priced J7 device is: a
# trial found `price 64483 C9807 --setting asc` "not payable" where batch paid the claim 64483's amount.
ASC_SPECIAL_PAYMENT = frozenset({"L6"})


def asc_special_reason(pi: str, addendum: str, release: str) -> str:
    """Why an ASC special payment line (``ASC_SPECIAL_PAYMENT``) with no rate in its addendum is not priced."""
    return (f"PI {pi}: {meaning(ASC_PI, pi)}: a special payment apart from the procedure's, for which Addendum "
            f"{addendum} ({release}) gives no rate: not priced here")  # fmt: skip


def asc_special_unpriced(result: AscResult) -> bool:
    """Whether an ASC line is a special payment its addendum gives no rate for (``ASC_SPECIAL_PAYMENT``): not priced."""
    return bool(result.installed and not result.payable and result.payment_indicator in ASC_SPECIAL_PAYMENT
                and result.national_rate is None)  # fmt: skip


def price_asc(rows: dict[str, dict[str, Any] | None], code: str, wage_index: int | None, release: str) -> AscResult:
    """The ASC facility payment for one code, from its addenda rows (aa, bb, ee, ff)."""
    if is_anesthesia_code(code):
        return AscResult.model_construct(
            payable=True, rate=money(0), coinsurance=money(0), release=release, multiple_procedure_discounting=False,
            notes=[ANESTHESIA_AT_ASC.format(code=code)],
        )  # fmt: skip
    if rows["ee"] is not None:
        # Addendum EE's: a code CMS's ASC tables list, as excluded (the lookup takes it as a known code: C9784 in 2026,
        # on no other installed schedule, was "not in the fee schedule"; batch: the reference's asc_excluded).
        return AscResult.model_construct(payable=False, reason=asc_excluded_reason(code, rows["ee"], release),
                                         release=release, addendum="EE")  # fmt: skip
    row, addendum = (rows["aa"], "AA") if rows["aa"] is not None else (rows["bb"], "BB")
    if row is None:
        return AscResult.model_construct(
            payable=False,
            reason=f"{code} {ASC_NOT_LISTED} (Addendum AA) or the covered ancillary services list (Addendum BB) in "
            f"{release}{facility_code_said(code, 'ASC')}.",  # 27096: the ASC bills G0260 (engine.facility_codes)
            release=release,
        )
    pi = row["pi"]
    base = {
        "payment_indicator": pi,
        "indicator_meaning": meaning(ASC_PI, pi),
        "release": release,
        "addendum": addendum,
        "multiple_procedure_discounting": (row.get("multiple_discount") == "Y") if addendum == "AA" else None,
        "national_rate": None if row["rate"] is None else money(row["rate"]),
    }
    if pi in ASC_PACKAGED:
        return AscResult.model_construct(
            payable=True, rate=money(0), coinsurance=money(0), notes=[packaged_note(f"PI {pi}", "ASC", code)],
            **{**base, "multiple_procedure_discounting": False},
        )  # fmt: skip
    if pi in ASC_SPECIAL_PAYMENT and not row["rate"]:
        return AscResult.model_construct(payable=False, reason=asc_special_reason(pi, addendum, release), **base)
    if pi in ASC_NOT_PAID or not row["rate"]:
        return AscResult.model_construct(payable=False, reason=f"PI {pi}: {meaning(ASC_PI, pi)}", **base)
    national = row["rate"]
    notes: list[str] = []
    device, device_cents, fixed = asc_wage_terms(rows, pi)
    adjusted = wage_index is not None and not fixed
    if fixed:
        notes.append(f"PI {pi} is paid at the national rate (not wage-adjusted).")
    rate = asc_rate(national, device_cents, WAGE_INDEX_SCALE if wage_index is None else wage_index, not adjusted)
    if adjusted and device_cents:
        notes.append(device_intensive_note(device_cents))  # the device portion paid nationally (asc_wage_terms)
    if addendum == "BB":
        notes.append(ANCILLARY_NOTE)
    share = coinsurance(rate)
    ira = asc_ira_copay(row, addendum)
    if ira is not None:
        share = ira
        notes.append(asc_ira_note(ira))
    return AscResult.model_construct(
        payable=True,
        rate=money(rate),
        coinsurance=money(share),
        ira_adjusted=ira is not None,
        device_portion=None if device is None else money(device),
        wage_adjusted=adjusted,
        wage_index=None if wage_index is None else Decimal(wage_index).scaleb(-4),
        notes=notes,
        **base,
    )


def asc_wage_terms(rows: dict[str, dict[str, Any] | None], pi: str) -> tuple[int | None, int, bool]:
    """How a paid ASC code's national rate is wage-adjusted (``kernels.asc_rate``'s terms): its device portion
    (Addendum FF, a device-intensive J8 code; None else), the cents of it paid nationally, and whether the whole rate
    is paid nationally (a drug, a device, ...: ``ASC_NOT_WAGE_ADJUSTED``)."""
    device = rows["ff"]["device_portion"] if rows["ff"] is not None and pi == "J8" else None
    return device, device if device and DEVICE_PORTION_NOT_WAGE_ADJUSTED else 0, pi in ASC_NOT_WAGE_ADJUSTED


def site_remark(result: OppsResult | AscResult) -> str | None:
    """What a line set in this facility says of it: why it is not paid, or that it is packaged ($0.00), or (a paid
    ASC ancillary service, Addendum BB) that the ASC is paid for it only integral to a surgical procedure
    (``ANCILLARY_NOTE``, as the single lookup's ASC notes say)."""
    if not result.payable:
        return result.reason
    packaged = result.status_indicator in OPPS_PACKAGED if isinstance(result, OppsResult) else (
        result.payment_indicator in ASC_PACKAGED)  # fmt: skip
    anesthesia = anesthesia_at_asc(result) if isinstance(result, AscResult) else anesthesia_at_hopd(result)
    if packaged or anesthesia:
        return result.notes[0] if result.notes else None
    return ANCILLARY_NOTE if isinstance(result, AscResult) and ANCILLARY_NOTE in result.notes else None


def asc_indicator_note(asc: AscResult | None) -> str | None:
    """What a paid ASC line of a payment indicator whose meaning is unverified says (``ASC_PI_UNVERIFIED``: S2, the
    CY2026 skin substitutes): that rvucalc wage-adjusts its national rate as a procedure's, which CMS may not (a trial
    read $136.80 a sq cm at Boston's ASC as CMS's figure, Addendum BB's being $127.14). Said where the ASC's rates show
    (no setting, or the ASC): price (``lookup.pricer``) and batch (``batch.price``, from the reference's
    ``asc_note``)."""
    if asc is None or not asc.payable or not asc.rate or asc.payment_indicator not in ASC_PI_UNVERIFIED:
        return None
    return (
        f"ASC PI {asc.payment_indicator}: its meaning is unverified (new in CMS's CY2026 addenda, not in the January "
        f"2025 Addendum DD1 list rvucalc has): rvucalc wage-adjusts its national rate, "
        f"${asc.national_rate:,.2f} a unit (Addendum BB), as it does a procedure's (half of it by the ASC wage index); "
        "CMS may pay it at the national rate instead, as it does a drug's (PI K2)"
    )


ASC_NOTE_SETTINGS = (None, "asc")  # the lookup's setting (None: every site) where the ASC's rate is shown


PACKAGED_WORDS = ": packaged: no separate "  # packaged_note's: a line's $0.00 for packaging, said where it shows


# ANESTHESIA_AT_HOPD's and ANESTHESIA_AT_HOPD_LISTED's: an anesthesia line's hospital $0.00, said as packaging is.
ANESTHESIA_PACKAGED_WORDS = "($0.00, packaged: the OPPS payment includes anesthesia"


def is_packaged_note(note: str) -> bool:
    """Whether a facility note is ``packaged_note``'s (an OPPS SI or ASC PI that packages the line: $0.00), or an
    anesthesia line's at a hospital (``ANESTHESIA_AT_HOPD``, ``ANESTHESIA_AT_HOPD_LISTED``)."""
    return PACKAGED_WORDS in note or ANESTHESIA_PACKAGED_WORDS in note


# A portable X-ray set-up (Q0092: SI N, PI N1) at the hospital or ASC: the supplier's PFS fee is not paid there either
# (engine.modifiers.PORTABLE_XRAY_FOR_OUTPATIENT_REASON: 42 CFR 410.42(a), Claims Processing Manual ch. 13 §20.2,
# §90.5; PORTABLE_XRAY_AT_ASC_REASON: 42 CFR 416.164(a)(11)), so the packaged note does not say the fee "is paid all
# the same" (`price Q0092 --setting 22` said it).
PORTABLE_XRAY_PACKAGED = {
    "hospital": "The portable X-ray supplier's fee for it is not paid for a hospital outpatient: the set-up is the "
    "hospital's (42 CFR 410.42(a)).",
    "ASC": "The portable X-ray supplier's fee for it is not paid for an ASC's patient: the set-up is the ASC's (42 CFR "
    "416.164(a)(11)).",
}


def packaged_note(indicator: str, facility: str, code: str = "") -> str:
    """A packaged line's $0.00 note at the ``facility`` ('hospital', 'ASC'); ``code``: the line's (a portable X-ray
    set-up says its supplier's fee is not paid there, ``PORTABLE_XRAY_PACKAGED``)."""
    fee = (PORTABLE_XRAY_PACKAGED[facility] if code in modifier_table.PORTABLE_XRAY_SET_UP_AND_TRANSPORT
           else "A physician's fee for the service, where the PFS has one, is paid all the same.")  # fmt: skip
    return (f"{indicator}: packaged: no separate {facility} payment ($0.00), its cost being in the payment for the "
            f"claim's other services. {fee}")  # fmt: skip


# A rebatable drug's Inflation Reduction Act coinsurance: Addendum B's "Adjusted Beneficiary Copayment" and Addendum
# BB's "IRA-22 Adjusted Copayment" are per billing unit of the HCPCS code (as the addenda's rates are: J0897's $5.18 of
# BB's $29.46 a 1 mg unit), the site's own (the hospital's OPPS, the ASC's): an oncology trial read "$5.18, not 20%" in
# the general notes beside an office patient share of $621.60 for 120 units, at an ASC not paid for the line (an
# ancillary service with no covered procedure, 42 CFR 416.164(b)). Each note names its site and "per billing unit";
# ``ira_note_for_units`` adds what it comes to for a line's units (times the units, as the sites' totals take it).
IRA_HOSPITAL = "Inflation Reduction Act coinsurance at a hospital outpatient department"
IRA_ASC = "Inflation Reduction Act coinsurance at an ASC"
IRA_PER_UNIT = "per billing unit"


def ira_note_for_units(note: str, per_unit: Decimal | None, units: int) -> str:
    """A site's IRA coinsurance note (``IRA_HOSPITAL``, ``IRA_ASC``) with what its per-unit copayment comes to for a
    line of ``units`` units (``per_unit`` times the units); any other note, or one unit, as it is."""
    if units <= 1 or per_unit is None or not note.startswith((IRA_HOSPITAL, IRA_ASC)):
        return note
    return f"{note[:-1]}: {_dollars(_cents(per_unit) * units)} for {units} units."


def asc_ira_note(per_unit: int) -> str:
    """A rebatable drug's ASC coinsurance note (``IRA_ASC``) for its IRA-22 adjusted copayment of ``per_unit`` cents
    a billing unit: price (``price_asc``) and batch (``batch.price``, with ``ira_note_for_units``) say the same."""
    return (
        f"{IRA_ASC}: where the ASC is paid for it, the patient pays Addendum BB's IRA-22 adjusted copayment, "
        f"{_dollars(per_unit)} {IRA_PER_UNIT}, not 20%."
    )


# Where the ASC is the line's setting and is paid nothing for a rebatable drug (an ancillary service with no covered
# surgical procedure in its encounter: ancillary_without_procedure; 42 CFR 416.164(b), "Ancillary items and services
# that are integral to a covered surgical procedure ... and for which separate payment is allowed", eCFR via
# law.lawstack.com), the line says no IRA-adjusted ASC copayment: there is no ASC payment for the patient to share
# (a review: a J0561 row alone at POS 24 said it in batch, `price J0561 --setting asc` not). With no setting the ASC's
# rate is listed as what the ASC would be paid beside a procedure, and the note stays (its "where the ASC is paid for
# it"). The ASC result's coinsurance stays that copayment, for information as its rate is, so its ira_adjusted does.
# Price (lookup.pricer) and batch (batch.encounter_arrays.asc_ancillary_alone) alike.
def without_asc_ira_note(notes: Sequence[str]) -> list[str]:
    """An unpaid ASC drug's ASC notes without its IRA-adjusted copayment note (``IRA_ASC``)."""
    return [note for note in notes if not note.startswith(IRA_ASC)]


def asc_ira_copay(row: dict[str, Any] | None, addendum: str) -> int | None:
    """A rebatable drug's ASC coinsurance (cents, per unit): Addendum BB's "IRA-22 Adjusted Copayment"; None else."""
    if addendum != "BB" or row is None or not row.get("ira_copay"):
        return None
    return int(row["ira_copay"])


# PFS statuses whose code is bundled into other services' payment (``meanings.STATUS``, the RVU file's status codes:
# B "Bundled code", P "Bundled or excluded").
BUNDLED_STATUSES = frozenset({"B", "P"})


# A HCPCS Level II item, not a physician's service: CMS's Level II sections A (transportation, medical and surgical
# supplies, radiopharmaceuticals), J (drugs administered other than oral method, chemotherapy drugs) and Q (temporary
# codes: drugs, biologicals, skin substitutes ...), that the PFS does not price (no PFS amount in either setting: a
# drug's status E, a radiopharmaceutical's status C; not a bundled code's B or P, whose own words are said, nor a 2026
# skin substitute the PFS prices in the office, whose facility reason says it is the facility's) and that the
# hospital's or the ASC's file of the date gives a rate, paid or packaged (A9500, Tc99m sestamibi: October 2025
# Addendum B SI N; J0178: SI K; J2785: ASC PI N1). At a hospital or ASC such an item is the facility's, on its claim:
# the OPPS rate "includes ... certain drugs, biologicals, and other pharmaceuticals; medical and surgical supplies"
# and, packaged since CY2008, diagnostic radiopharmaceuticals (42 CFR 419.2(b)), the drugs it pays apart being paid
# to the hospital too (Addendum B, SI G/K); the ASC's payment includes the drugs, biologicals and supplies of the
# procedure, and its covered ancillary items are paid to the ASC (42 CFR 416.164(a), (b); Addendum BB); the
# physician's claim there carries professional services alone (the hospital's outpatient services "do not include
# professional services performed by physicians", 42 CFR 411.351). So it has no physician's fee there: none "not
# included", none for the MAC to price (two trials: J0178 at --setting 22 read "Professional fee not included: No PFS
# payment: status E ... reasonable-charge rules"; A9500 beside 78452 "+ 1 line the MAC prices" at the hospital). In the
# office the MAC does price A9500 (status C), and the ASP file a drug: that stays. Batch: the same test on its rows
# (batch.price.BatchPricer._other_schedule_notes drops the PFS's reason at a hospital or ASC row).
FACILITY_ITEM_SECTIONS = frozenset("AJQ")
# The codes the facility bills for a service the physician bills under another code (engine.facility_codes): G0260, the
# sacroiliac joint injection the hospital and the ASC bill where the physician bills 27096 (CMS's MLN article "Payment
# to Ambulatory Surgical Centers (ASCs) for G0260 and to Physicians for 27096 when 27096 is Performed in an ASC":
# "G0260, however, is not payable under the Medicare Physician Fee Schedule (MPFS). Physicians use [HCPCS] code 27096";
# MAC billing articles A59154, A59192: "ASC/OPPS use HCPCS G0260"), and G0463, the hospital's clinic visit for the
# physician's 99202-99215 (CY2014 OPPS/ASC final rule, 78 FR 74826). Such a code is the facility's as an A, J or Q item
# is: at a hospital or ASC it has no physician's fee there, none "not included" (a PM&R trial's `price 27096-50
# G0260-LT G0260-RT --setting 24` read "G0260: Professional fee not included: No PFS payment: status E ...
# reasonable-charge rules" beside 27096's own words that the ASC bills G0260 and the physician 27096).
# The hospital's own ED and observation codes (engine.facility_codes.HOSPITAL_ONLY: G0380-G0384 Type B ED visits,
# G0390 trauma activation, CY2007 OPPS final rule CMS-1506-FC; G0378/G0379 observation, ch. 4 §290) likewise.
FACILITY_BILLED_CODES = frozenset(instead for instead, *_ in FACILITY_CODE.values()) | frozenset(HOSPITAL_ONLY)


def facility_item_code(code: str, pfs_status: str | None) -> bool:
    """Whether a code is a Level II item of ``FACILITY_ITEM_SECTIONS`` (its PFS status not a bundled one) or a code
    the facility bills in place of the physician's (``FACILITY_BILLED_CODES``): half of ``facility_item``'s test, the
    code's (batch asks it once per code cell)."""
    if code in FACILITY_BILLED_CODES:
        return pfs_status not in BUNDLED_STATUSES
    return code[:1] in FACILITY_ITEM_SECTIONS and pfs_status not in BUNDLED_STATUSES


def facility_item(code: str, pfs: PfsResult, opps: OppsResult | None, asc: AscResult | None) -> bool:
    """Whether a line is an item the hospital or ASC bills, with no physician's fee there (``FACILITY_ITEM_SECTIONS``):
    its code's (``facility_item_code``), no PFS amount, and a rate (paid or packaged) in the OPPS or ASC
    file of the date."""
    return (
        facility_item_code(code, pfs.status)
        and pfs.facility.amount is None
        and pfs.non_facility.amount is None
        and any(result is not None and result.rate is not None for result in (opps, asc))
    )


def compare_sites(
    pfs: PfsResult, opps: OppsResult, asc: AscResult, *, sequestration: bool = False,
    coinsurance_hundredths: int = COINSURANCE_PERCENT * 100, item: bool = False, code: str = "",
) -> list[Site]:  # fmt: skip
    """Office, hospital outpatient department and ASC side by side (payment-rules.md section 5).

    ``coinsurance_hundredths`` is the patient's share of the professional fee (a preventive waiver's).
    Where the facility's part cannot be priced (its file not installed, or an APC rvucalc has not:
    ``facility_unpriced``) the site's total is not priced, a 26 line's too, and the physician's fee there (the PFS
    facility amount) is still its ``professional_payment``. ``item``: the line is one the facility bills with no
    physician's fee there (``facility_item``): its hospital and ASC sites leave out no professional fee. ``code``: the
    line's, whose hospital site a 2025 CPT radiation delivery code's reason says is technical-only there
    (``engine.radiation.hospital_delivery_reason``)."""
    from rvucalc.engine.radiation import hospital_delivery_reason

    share = coinsurance_hundredths
    # A C code (engine.pfs.OPPS_C_CODE_REASON: valid on the hospital's and the ASC's claims alone, never on a
    # physician's, MLN Matters MM5027, Claims Processing Manual ch. 4 §20.7) has no physician's fee at a hospital or
    # ASC to leave out, as an A, J or Q item has none: its sites say no "Professional fee not included" (a cardiology
    # trial's `price 92928-RC C1874 --setting 24` read "C1874: Professional fee not included: Not paid under the PFS"
    # beside the stent's line; the physician's own code, 92928, is its own line). Its line keeps the C code's reason.
    item = item or is_opps_c_code(code)
    # A bundled code (status B, or P) has no professional fee at the facility either, as in the office: its payment is
    # in the other services' (no separate payment), not a fee left out of the total: the facility's row says so in the
    # office row's words (batch's note's), not "Professional fee not included".
    bundled = pfs.status in BUNDLED_STATUSES and pfs.facility.amount is None
    office = _site(
        "office",
        None,
        None,
        pfs.non_facility.amount,
        None,
        pfs.non_facility.reason,
        sequestration,
        share,
        professional_status=pfs.non_facility.status,
    )
    hopd = _site(
        "hopd",
        opps.rate if opps.payable else None,
        opps.copayment,
        pfs.facility.amount,
        opps.reason,
        pfs.facility.reason,
        sequestration,
        share,
        facility_unpriced=facility_unpriced(opps),
        bundled=bundled,
        item=item,
        technical_only=hospital_delivery_reason(code, pfs.status),
    )
    asc_site = _site(
        "asc",
        asc.rate if asc.payable else None,
        asc.coinsurance,
        pfs.facility.amount,
        asc.reason,
        pfs.facility.reason,
        sequestration,
        share,
        facility_unpriced=facility_unpriced(asc),
        bundled=bundled,
        item=item,
    )
    if anesthesia_at_asc(asc) and pfs.facility.amount is None:  # the practitioner's amount is the site's: none here
        asc_site = Site.model_construct(setting="asc", payable=False, reason=pfs.facility.reason,
                                        status=pfs.facility.status or NOT_PAYABLE)  # fmt: skip
    return [office, hopd, asc_site]


def anesthesia_at_asc(asc: AscResult) -> bool:
    """Whether the ASC result is an anesthesia code's ``ANESTHESIA_AT_ASC`` (payable at $0.00, on no ASC list): its
    site pays the anesthesia practitioner's PFS amount, and nothing where there is none (batch: the same test on
    ``asc_listed``)."""
    return bool(asc.payable) and asc.payment_indicator is None


def facility_unpriced(result: OppsResult | AscResult) -> bool:
    """Whether the hospital's or ASC's part of a line cannot be priced here: CMS's file for the year is not installed,
    or the claim is paid through an APC whose rate rvucalc has not (``unprice_encounter_opps``: APC 5881, 8011). A
    CMS file rvucalc lacks says nothing about whether Medicare pays: the site is "not priced", never "not payable"."""
    if isinstance(result, AscResult) and asc_special_unpriced(result):
        return True
    # (a Maryland hospital's line too: paid at HSCRC's rates, not the OPPS: engine.hospitals; and a rate CMS
    # wage-adjusts at a place its wage index file gives several wage indexes: engine.wage_choices)
    return not result.installed or (
        not result.payable and (result.reason in UNPRICED_REASONS.values() or result.reason == MARYLAND_OPPS_REASON
                                or is_choice_reason(result.reason))
    )  # fmt: skip


def _site(
    setting: str,
    facility: Decimal | None,
    facility_share: Decimal | None,
    professional: Decimal | None,
    facility_reason: str | None,
    professional_reason: str | None,
    sequestration: bool,
    coinsurance_hundredths: int,
    *,
    facility_unpriced: bool = False,
    professional_status: SiteStatus | None = None,
    bundled: bool = False,
    item: bool = False,
    technical_only: str | None = None,
) -> Site:
    if setting == "office":
        if professional is None:  # the PFS's reason and status (a MAC-priced line: not priced; NA: not payable)
            return Site.model_construct(setting=setting, payable=False, reason=professional_reason,
                                        status=professional_status)  # fmt: skip
    elif facility is None and facility_unpriced:
        # The facility's part cannot be priced (its file not installed, an APC rvucalc has not): nor can the site's
        # total, a 26 line's too (in a year whose file is installed that total has the hospital's rate in it: 71045-26
        # in 2025, $97.60). The physician's fee there, the PFS facility amount, is still what the physician's claim is
        # paid (batch's professional_allowed): a trial found it only in a stderr sentence.
        return Site.model_construct(setting=setting, payable=False, professional_payment=professional,
                                    reason=facility_reason, status=NOT_PRICED)  # fmt: skip
    elif facility is None:
        # The facility is not paid for the line (not on the ASC lists, SI B): the physician's claim there is still paid
        # the PFS facility amount (batch's professional_allowed, the stderr of `price 99213 --setting asc`), which a
        # trial's JSON did not carry.
        return Site.model_construct(setting=setting, payable=False, professional_payment=professional,
                                    reason=facility_reason, status=NOT_PAYABLE)  # fmt: skip
    total, beneficiary, medicare = site_shares(
        _cents(facility), _cents(facility_share), _cents(professional), coinsurance_hundredths
    )
    # the hospital's or ASC's claim's share apart from the physician's (kernels.claims_sequestered); the office's: one
    facility_medicare = None if setting == "office" else _cents(facility) - _cents(facility_share)
    if sequestration:
        medicare = claims_sequestered(medicare, facility_medicare or 0)
    reason = None
    if setting != "office" and professional is None and not item:  # an item the facility bills has no fee there
        # A technical-only code (PC/TC indicator 3: 93296, 93005, 93017) has no professional fee to leave out: its
        # reason says so itself, and read "Professional fee not included: ... and it has no professional fee" at a
        # hospital (a cardiology trial's `price 93296 --setting 22`), as a bundled code's says its own words.
        own_words = bundled or professional_reason in (TECHNICAL_ONLY_IN_FACILITY_REASON,
                                                       MAC_TECHNICAL_ONLY_IN_FACILITY_REASON)  # fmt: skip
        reason = professional_reason if own_words else f"Professional fee not included: {professional_reason}"
        # a technical-only service with no professional fee there (2025's CPT radiation delivery at a hospital)
        reason = technical_only or reason
    return Site.model_construct(
        setting=setting,
        payable=True,
        facility_payment=facility,
        professional_payment=professional,
        total=money(total),
        allowed=money(total),
        beneficiary=money(beneficiary),
        medicare=money(medicare),
        sequestration_applied=sequestration,
        reason=reason,
        facility_medicare=None if facility_medicare is None else money(facility_medicare),
    )


def schedule_site(amount: Decimal, beneficiary: Decimal, *, sequestration: bool) -> Site:
    """The office site of a line paid from the CLFS, ASP or DMEPOS schedule (no facility, no PFS)."""
    total = _cents(amount)
    medicare = total - _cents(beneficiary)
    if sequestration:
        medicare = claims_sequestered(medicare, 0)
    return Site.model_construct(
        setting="office", payable=True, total=amount, allowed=amount, beneficiary=beneficiary, medicare=money(medicare),
        sequestration_applied=sequestration,
    )  # fmt: skip


def professional_site(
    pfs: PfsResult, *, sequestration: bool, coinsurance_hundredths: int = COINSURANCE_PERCENT * 100
) -> Site:
    """A place with no OPPS/ASC facility payment (inpatient, SNF ...): the PFS facility amount alone."""
    amount = pfs.facility.amount if pfs.facility.payable else None
    if amount is None:
        return Site.model_construct(setting="facility", payable=False, reason=pfs.facility.reason,
                                    status=pfs.facility.status)  # fmt: skip
    total, beneficiary, medicare = site_shares(0, 0, _cents(amount), coinsurance_hundredths)
    if sequestration:
        medicare = claims_sequestered(medicare, 0)
    return Site.model_construct(
        setting="facility", payable=True, professional_payment=amount, total=money(total), allowed=money(total),
        beneficiary=money(beneficiary), medicare=money(medicare), sequestration_applied=sequestration,
    )  # fmt: skip


def times_units(site: Site, units: int) -> Site:
    """A site's money for ``units`` services (exact: whole cents times a whole number; Medicare's share the rest,
    sequestered once for the line: ``_settled``)."""
    if units == 1:
        return site
    if not site.payable:  # a site not priced: the physician's fee there alone (``_site``)
        if site.professional_payment is None:
            return site
        return site.model_copy(update={"professional_payment": money(_cents(site.professional_payment) * units)})
    return _settled(site, {name: _cents(getattr(site, name)) * (1 - units)
                           for name in ("facility_payment", "professional_payment", "total", "allowed", "beneficiary",
                                        "facility_medicare")
                           if getattr(site, name) is not None})  # fmt: skip


def _cents(amount: Decimal | None) -> int:
    return 0 if amount is None else int(amount.scaleb(2))


def _dollars(cents: int | None) -> str:
    return "—" if cents is None else f"${Decimal(cents).scaleb(-2):,.2f}"


# An assistant at surgery's line (80, 81, 82, AS) is a professional service alone. The assistant is paid under the PFS,
# 16% of the surgeon's fee schedule amount (AS: 85% of that, 13.6%), on their own claim (Pub. 100-04 ch. 12 §20.4.3;
# Novitas, "Assistant at surgery": "Medicare reimburses services rendered for assistant at surgery by a physician
# performing as a surgical assistant at 16 percent of the Medicare Physician Fee Schedule Database (MPFSDB) amount"),
# while the facility is paid for the procedure once, on its own claim: "Medicare makes a single payment to ASCs for
# covered surgical procedures, including ASC facility services furnished in connection with the covered procedure"
# (Palmetto GBA, "ASC Facility: Services Included in Payments", as 42 CFR 416.164(a) and 416.166 have it; Medicare
# Benefit Policy Manual ch. 15 §260: where services are performed in an ASC, "the physician and others who perform
# covered services may also be paid for his/her professional services"); the OPPS pays the hospital for its outpatient
# services (42 CFR 419.21), which "do not include professional services performed by physicians, physician assistants,
# nurse practitioners, clinical nurse specialists ... if Medicare reimburses the services independently" (42 CFR
# 411.351's definition of outpatient hospital services). So an assistant's line carries no hospital or ASC payment,
# alone or beside the surgeon's line, in a single lookup and in batch alike: its rates there are $0.00 and its hospital
# and ASC totals its PFS facility amount (a surgeon's trial: 27447-80 at the ASC was priced $10,168.34, the ASC's
# $9,953.69 in it, and batch counted the ASC's $9,198.28 on the surgeon's claim and again on the assistant's). A
# facility that does not pay the procedure (inpatient only, not on the ASC list) or whose file is not installed is left
# as it is: the site is not payable, or not priced, for the assistant as for the surgeon.
ASSISTANT_FACILITY_NOTE = (
    "Assistant at surgery (80, 81, 82, AS): a professional service alone. The hospital (OPPS) and the ASC are paid "
    "for the procedure once, on the facility's own claim (with the surgeon's line), not on the assistant's: this "
    "line's hospital and ASC facility payment is $0.00 and its total there is its PFS facility amount (Pub. 100-04 "
    "ch. 12 §20.4.3, 42 CFR 416.164(a))."
)


def assistant_line(modifiers: Iterable[str]) -> bool:
    """Whether a line is an assistant at surgery's (``ASSISTANT_MODIFIERS``: 80, 81, 82, AS)."""
    return not ASSISTANT_MODIFIERS.isdisjoint(modifiers)


# A split-care line that is not the surgery (55, postoperative management only; 56, preoperative management only) is
# the physician's care before or after the surgery, not a service of the hospital or the ASC. Pre- and postoperative
# care are physicians' services: "The term physicians' services also includes any routine pre- or post-operative
# services, such as office visits, consultations, diagnostic tests, removal of stitches, changing of dressings, and
# other services that the individual physician usually includes in the fee for a given surgical procedure", paid
# "under the existing Part B system", not as ASC services (Medicare Benefit Policy Manual ch. 15 §260.4, "Coverage of
# Services in ASCs, Which are Not ASC Services"); the split modifiers are for "Physicians Who Furnish Part of a Global
# Surgical Package" (Claims Processing Manual ch. 12 §40.2.A, read via a copy of the Medicare Carriers Manual §4822 it
# replaced), the global package being the physician's, paid under the PFS, not the hospital's paid by APC (a wound
# care journal's reading of ch. 12; payers' policies: "The global surgery package payment concept does not apply to
# facilities"). The facility is paid for the covered procedure it furnished, once, on its own claim
# (42 CFR 416.164(a), 416.166: the ASC's payment is "packaged into the ASC payment for a covered surgical procedure";
# 42 CFR 419.21 and 411.351 for the hospital, as for an assistant's line above): with the surgeon's line (54, or the
# whole procedure), never because the postoperative (or preoperative) physician bills the code too. So a 55 or 56 line
# carries no hospital or ASC payment, alone or beside the surgery's line, as an assistant's line: its rates there
# $0.00, its total there its PFS facility amount (a review: `price 27447-55 --setting asc` showed the ASC's $9,953.69
# for the knee on the postoperative physician's line). A 54 line (surgical care only) is the surgery: it keeps the
# facility's payment. A facility that does not pay the procedure or whose file is not installed is left as it is.
def _split_care_facility_note(part: str, care: str, when: str) -> str:
    return (
        f"{care} management only ({part}): the physician's care {when} the surgery, not a hospital or ASC service. The "
        "hospital (OPPS) and the ASC are paid for the procedure they furnished once, on their own claim (with the "
        "surgeon's line), not on this one: this line's hospital and ASC facility payment is $0.00 and its total there "
        "is its PFS facility amount (Medicare Benefit Policy Manual ch. 15 §260.4, 42 CFR 416.164(a))."
    )


# per split-care part that carries no facility payment (54, the surgery, does): its note
SPLIT_CARE_FACILITY_NOTES = {
    "55": _split_care_facility_note("55", "Postoperative", "after"),
    "56": _split_care_facility_note("56", "Preoperative", "before"),
}


def facility_free_note(modifiers: Iterable[str]) -> str | None:
    """Why a line carries no hospital or ASC payment, whoever else bills the procedure: an assistant at surgery's
    (``ASSISTANT_FACILITY_NOTE``) or a 55 or 56 line's (``SPLIT_CARE_FACILITY_NOTES``); None for any other line."""
    modifiers = tuple(modifiers)
    if assistant_line(modifiers):
        return ASSISTANT_FACILITY_NOTE
    return SPLIT_CARE_FACILITY_NOTES.get(split_care_part(modifiers) or "")


def facility_free_line(modifiers: Iterable[str]) -> bool:
    """Whether a line carries no hospital or ASC payment (``facility_free_note``: an assistant's, a 55 or 56 line)."""
    return facility_free_note(modifiers) is not None


# Co-surgeons (62) and a surgical team (66) each bill the procedure on their own professional claim (Pub. 100-04
# ch. 12 §40.8.B: "each surgeon bills for the procedure with a modifier '-62'", and a team's each with '-66'), while
# the hospital (OPPS) or the ASC is paid for the procedure once, on the facility's own claim (42 CFR 416.164(a):
# "Medicare makes a single payment to ASCs for covered surgical procedures"; 42 CFR 419.21 and 411.351 for the
# hospital: as ``ASSISTANT_FACILITY_NOTE``). Within one claim the co-surgeons' lines share that payment
# (``facility_paid_on``); across claims rvucalc cannot tell two surgeons' claims of one patient from two patients'
# (it has no patient id), so each surgeon's 62 or 66 line keeps the facility payment it shows, and says the facility
# is paid once (a trial: 47562-62 on claim S1 and on claim S2, same date, POS 22, each row showing the hospital's
# $5,649.18, counted twice in a summary over both claims). Said where those rates are shown (as 53's note).
CO_SURGERY_MODIFIERS = frozenset({"62", "66"})
CO_SURGERY_FACILITY_NOTE = (
    "Co-surgeons (62) or team surgery (66): each surgeon bills the procedure on their own claim, but the hospital "
    "(OPPS) or the ASC is paid for it once, on the facility's own claim: the facility payment shown for it on each "
    "surgeon's claim is that one payment, to count once over the surgeons' claims of one patient and date (rvucalc "
    "cannot link claims) (Pub. 100-04 ch. 12 §40.8, 42 CFR 416.164(a))."
)


def co_surgery_line(modifiers: Iterable[str]) -> bool:
    """Whether a line is a co-surgeon's or a surgical team member's (62, 66) and carries the facility payment it shows
    (not an assistant's, a 55 or 56 line: ``facility_free_line``), ``CO_SURGERY_FACILITY_NOTE``."""
    modifiers = tuple(modifiers)
    return not CO_SURGERY_MODIFIERS.isdisjoint(modifiers) and not facility_free_line(modifiers)


def co_surgery_facility_note(modifiers: Iterable[str], opps: OppsResult, asc: AscResult) -> str | None:
    """A co-surgeon's or team's line (62, 66: ``co_surgery_line``) keeps its facility payment: what it says of it when
    the hospital or the ASC pays it (``CO_SURGERY_FACILITY_NOTE``; batch: ``claims._co_surgery_facility_notes``)."""
    if co_surgery_line(tuple(modifiers)) and (pays_facility(opps) or pays_facility(asc)):
        return CO_SURGERY_FACILITY_NOTE
    return None


def without_facility_payment(modifiers: Iterable[str], opps: OppsResult, asc: AscResult) -> str | None:
    """A line that carries no facility payment (``facility_free_line``: an assistant's, a 55 or 56 line) with its
    hospital's and ASC's payment taken off: each payable rate above $0.00 is $0.00, with the patient's share, and the
    line enters no encounter rule there (the caller leaves it out, ``facility_free_line``). The note the line then says
    (``facility_free_note``) when a payment was taken off, else None. Its notes go too: they said how the payment
    taken off was worked out (a J8 procedure's device portion not wage-adjusted, a rate paid nationally, a capped or
    IRA copayment: a review found 27447-80 at the ASC, $0.00, still saying its device portion was not wage-adjusted)."""
    modifiers = tuple(modifiers)
    note = facility_free_note(modifiers)
    if note is None:
        return None
    taken = False
    for result, share in ((opps, "copayment"), (asc, "coinsurance")):
        if not pays_facility(result):
            continue
        result.rate = money(0)
        setattr(result, share, money(0))
        result.adjustments = []
        result.notes = []
        if isinstance(result, AscResult):
            result.multiple_procedure_discounting = False
            result.ira_adjusted = False
        taken = True
    return note if taken else None


# One service, one facility payment. The hospital (OPPS) and the ASC bill a procedure once, on their own claim; the
# professional (26) and technical (TC) halves of a service, and each co-surgeon's (62) lines, are bills of that same
# service (a co-surgeon bills their own professional claim: Pub. 100-04 ch. 12 §40.8), not more services for the
# facility. So within one encounter, the lines of one HCPCS code that carry one of these "part of the service"
# modifiers share one facility payment (OPPS and ASC alike): a line of the code without any of them carries it (each
# such line: those are services of their own), the part lines none; with no such line, the first TC line carries it
# (the technical component is the facility's part: "Payment ... for provider services needed to produce the radiology
# service, is made by the FI/AB MAC to the hospital as a provider service", the PC paid to the physician under the fee
# schedule, Claims Processing Manual ch. 13 §20.2, as restated by radiologybillingcoding.com), so the payment follows
# its modifiers (74177-TC-52 beside 74177-26 at the hospital: 52 on a service not requiring anesthesia is 50% of the
# OPPS rate, ch. 4 §20.6.4, January 2012 OPPS update, as restated by MMP Inc.; a trial paid the full $351.07 on the 26
# line and $0.00 on the TC-52 line), else the first part line. An assistant at surgery's line (80, 81, 82, AS)
# carries none, alone or not (``ASSISTANT_FACILITY_NOTE``), nor does a 55 or 56 line (``SPLIT_CARE_FACILITY_NOTES``):
# they are left out here. A line that says it is a distinct service (76, 77: a repeat; 59, XE, XP, XS, XU; 91: a
# repeated lab test) keeps its own. A line alone is unchanged.
# This comes before the encounter's discounting: a line whose facility payment went to another is not ranked in the
# ASC's 50% or the OPPS's SI T rule, nor counted for a comprehensive APC.
PART_OF_SERVICE_MODIFIERS = frozenset({"26", "TC", "62"})
DISTINCT_SERVICE_MODIFIERS = modifier_table.DISTINCT_SERVICE_MODIFIERS
# Anatomic modifiers name the site (Claims Processing Manual ch. 12 §30.6, NCCI policy manual ch. 1): 73721-26-RT and
# 73721-26-LT are two knees' studies, each its own service with its own facility payment, not the two halves of one
# (a radiology trial's left knee was paid $0.00 at the hospital beside its right). Lines of one code whose sides
# differ are not grouped; a line without a side is grouped with the code's other lines of no side.
ANATOMIC_SITE_MODIFIERS = frozenset({
    "LT", "RT", "E1", "E2", "E3", "E4", "FA", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9",
    "TA", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9", "LC", "LD", "LM", "RC", "RI",
})  # fmt: skip


def facility_paid_on(lines: Sequence[tuple[str, Sequence[str]]]) -> dict[int, int]:
    """The encounter's lines (code, modifiers; in order) whose facility payment another line of their code carries:
    line index -> the carrying line's index (``PART_OF_SERVICE_MODIFIERS``; an assistant's line, a 55 or 56 line, is
    none: it carries no facility payment, ``without_facility_payment``). Single lookups and batch claims both."""
    of_code: dict[tuple[str, frozenset[str]], list[int]] = {}
    for index, (code, modifiers) in enumerate(lines):
        if not DISTINCT_SERVICE_MODIFIERS.intersection(modifiers) and not facility_free_line(modifiers):
            of_code.setdefault((code, ANATOMIC_SITE_MODIFIERS.intersection(modifiers)), []).append(index)
    paid_on: dict[int, int] = {}
    for indexes in of_code.values():
        parts = [i for i in indexes if PART_OF_SERVICE_MODIFIERS.intersection(lines[i][1])]
        if len(indexes) < 2 or not parts:
            continue
        whole = [i for i in indexes if i not in parts]
        technical = [i for i in parts if "TC" in lines[i][1]]
        carrier = whole[0] if whole else (technical or parts)[0]
        paid_on.update((i, carrier) for i in parts if i != carrier)
    _distinct_halves_paired(lines, paid_on)
    return paid_on


# A distinct-service modifier (59, XE, XP, XS, XU, 76, 77, 91) on one half of a 26 + TC pair of one code does not make
# the hospital's technical component a second service: the hospital is paid for the technical component ("Payment ...
# for provider services needed to produce the radiology service, is made by the FI/AB MAC to the hospital", the PC paid
# to the physician, Claims Processing Manual ch. 13 §20.2), and a 26 line is the physician's reading of a technical
# service, not one of the hospital's. 59 is not for the same procedure code twice on one day (WPS's and Noridian's
# modifier 59 fact sheets, "Inappropriate Usage": "Exact same procedure code performed twice on the same day"; 76 or
# an anatomic modifier says that). A session 68 review: `price 93306-26 93306-TC-59 --setting 22` paid the OPPS's
# $538.99 on both lines. So a 26 line and a TC line of one code (and sides) that ``facility_paid_on``'s grouping left
# apart (one of them has such a modifier) are paired, in the encounter's order: the 26 line's payment is its TC line's.
# The facility payments are then one per TC line plus one per unpaired 26 line (a 26 with no TC carries its own).
def _distinct_halves_paired(lines: Sequence[tuple[str, Sequence[str]]], paid_on: dict[int, int]) -> None:
    """``paid_on`` (``facility_paid_on``'s) with each 26 line that carries its own payment paired with a TC line of its
    code and sides that carries no 26 line's yet (one of the two has a distinct-service modifier), in order."""
    halves: dict[tuple[str, frozenset[str]], tuple[list[int], list[int]]] = {}
    for index, (code, modifiers) in enumerate(lines):
        if facility_free_line(modifiers) or index in paid_on or ("26" in modifiers) == ("TC" in modifiers):
            continue
        professional, technical = halves.setdefault((code, ANATOMIC_SITE_MODIFIERS.intersection(modifiers)), ([], []))
        (professional if "26" in modifiers else technical).append(index)
    carrying = {carrier for index, carrier in paid_on.items() if "26" in lines[index][1]}
    for professional, technical in halves.values():
        # a pair both without such a modifier is never left here: ``facility_paid_on`` grouped them
        paid_on.update(zip(professional, [i for i in technical if i not in carrying], strict=False))


PAID_ONCE = "One facility payment per service: "  # paid_on_note's start (the encounter table shows such notes)


def paid_on_note(site: str, code: str, carrier: str) -> str:
    """What a line whose facility payment another line carries says of it (``site``: hopd or asc)."""
    facility = "the hospital (OPPS)" if site == "hopd" else "the ASC"
    return (
        f"{PAID_ONCE}{facility} is paid for {code} once in this encounter, on the {carrier} line ($0.00 on this "
        "one): the 26 and TC halves and the co-surgeons' (62) lines of one service share its one facility payment."
    )


def pays_facility(result: OppsResult | AscResult) -> bool:
    """Whether a line's facility result is a payment another line can carry (payable, more than $0.00)."""
    return bool(result.payable and result.rate)


def _facility_paid_nothing(opps: OppsResult, asc: AscResult, notes: dict[str, str]) -> None:
    """A line's OPPS and ASC results (those that pay) set to $0.00 with their patient shares, their steps emptied and
    ``notes[site]`` said (site: hopd or asc); batch's counterpart is ``batch.claims._facility_rates_zeroed``."""
    for site, result, share in (("hopd", opps, "copayment"), ("asc", asc, "coinsurance")):
        if not pays_facility(result):
            continue
        result.rate = money(0)
        setattr(result, share, money(0))
        result.adjustments = []
        result.notes = [*result.notes, notes[site]]
        if isinstance(result, AscResult):
            result.multiple_procedure_discounting = False
            result.ira_adjusted = False


def facility_paid_once(
    lines: Sequence[tuple[str, Sequence[str]]], opps: Sequence[OppsResult], asc: Sequence[AscResult]
) -> set[int]:
    """``facility_paid_on`` on the encounter's OPPS and ASC results (in the order of ``lines``): a line whose payment
    another carries is paid $0.00 there, as a packaged line, and says why; the indexes of those lines (the encounter's
    discounting leaves them out)."""
    paid_on = facility_paid_on(lines)
    for index, carrier in paid_on.items():
        code, label = lines[index][0], "-".join([lines[carrier][0], *lines[carrier][1]])
        _facility_paid_nothing(
            opps[index], asc[index], {site: paid_on_note(site, code, label) for site in ("hopd", "asc")}
        )
    return set(paid_on)


# A diagnostic endoscopy beside a surgical endoscopy of its family (the same ENDO BASE in the PFS relative value file)
# is no procedure of its own at the hospital or the ASC either. NCCI Policy Manual for Medicare Services, ch. VI §C
# ("Endoscopic Services", digestive system; chs. V and VII for the respiratory and urinary endoscopies): a surgical
# endoscopy includes the diagnostic endoscopy of its family, which is not reported separately at the same encounter
# (read here via restatements: AAPC, "The Multiple Endoscopy Rule", 2015: "always bundle diagnostic endoscopy with any
# surgical endoscopy within the same family"; the chapter's own table of contents). CMS's NCCI pages: "MACs implement
# NCCI PTP edits within their claim processing systems, and CMS incorporates PTP edits into the outpatient code editor
# (OCE) for the OPPS" (cms.gov, NCCI edits list page); of a pair on one date "the Column Two code is denied unless a
# clinically appropriate NCCI PTP-associated modifier is also reported" (Medicare NCCI PTP Edits page). The ASC bills
# its Part B MAC, whose practitioner PTP table applies (no CMS text naming the ASC found here). The PFS side already
# pays the base nothing (engine.policy._endoscopy_family, from the RVU file's indicator 3 text); here the facility's
# base line is paid $0.00 and left out of the ASC's 50% and the OPPS's SI T ranking, the others ranked without it. As on
# the PFS side, a line's modifiers (43235-59) do not take the base out of its family, but for a base on the other side
# of every surgical endoscopy of its family (29870-LT beside 29881-RT: engine.policy.endoscopy_base_apart, the same
# rule). Single lookups and batch (batch.claims._endoscopy_bases_included) alike.
def endoscopy_bases_included(lines: Sequence[tuple[str, str, Sequence[str], object]]) -> dict[int, str]:
    """The encounter's lines (code, family: the RVU file's ENDO BASE of a line of multiple procedure indicator 3, ''
    otherwise; modifiers; the RVU file's bilateral indicator; in order) whose code is the base of another line's
    family, and which that family includes (``endoscopy_base_apart``): line index -> that base."""
    sides: dict[str, set[str | None]] = {}
    for code, family, modifiers, _ in lines:
        if family and family != code:
            sides.setdefault(family, set()).add(endoscopy_side(modifiers))
    return {
        index: code
        for index, (code, _, modifiers, bilateral) in enumerate(lines)
        if code in sides and not endoscopy_base_apart(endoscopy_base_side(modifiers, bilateral), sides[code])
    }


ENDOSCOPY_INCLUDED_WORDS = ": the diagnostic endoscopy is included in the surgical endoscopy of its family"


def endoscopy_base_note(site: str, base: str) -> str:
    """What a facility's base endoscopy line beside a surgical endoscopy of its family says (``site``: hopd or asc)."""
    facility = "the hospital (OPPS)" if site == "hopd" else "the ASC"
    return (
        f"Endoscopy family {base} at {facility}{ENDOSCOPY_INCLUDED_WORDS} (NCCI Policy Manual, endoscopic "
        "services): $0.00, the others ranked without it."
    )


def facility_endoscopy_bases(
    lines: Sequence[tuple[str, str, Sequence[str], object]], opps: Sequence[OppsResult], asc: Sequence[AscResult]
) -> set[int]:
    """``endoscopy_bases_included`` on the encounter's OPPS and ASC results (in the order of ``lines``): such a base
    line is paid $0.00 there and says why (``endoscopy_base_note``); the indexes of those lines (the encounter's
    discounting leaves them out)."""
    included = endoscopy_bases_included(lines)
    for index, base in included.items():
        _facility_paid_nothing(
            opps[index], asc[index], {site: endoscopy_base_note(site, base) for site in ("hopd", "asc")}
        )
    return set(included)


# FACILITY_TIES: the hospital's and the ASC's discounts rank by payment rate ("the highest paying surgical procedure
# on the claim" in full, the others 50%: Claims Processing Manual ch. 14 §40.5; the OPPS's SI T procedures and
# comprehensive APC alike) and CMS's texts read name no order between equal rates. The lines of one encounter are
# then taken in the physician fee schedule's tie order (``engine.policy.tie_key``: a line with modifier 51 after one
# without it, then code and modifiers), never the order the claim lists them, so that the procedure the PFS pays in
# full is the one the facility pays in full (a trial: `price 26055-F1 26055-F2-51` paid F1 in full for the ASC and
# F2-51 for the PFS, the ASC's "lower-paid procedure at 50%" landing on the PFS's full line).
def facility_tie_order(ties: Sequence[tuple[str, Sequence[str]]] | None, count: int) -> list[int]:
    """The order (indexes) in which the facility discounts take ``count`` lines of equal rates (``FACILITY_TIES``):
    by ``tie_key`` of each line's (code, modifiers) in ``ties``; as given without them."""
    if ties is None:
        return list(range(count))
    return sorted(range(count), key=lambda i: tie_key(ties[i][0], tuple(ties[i][1])))


def discount_encounter_opps(
    results: list[OppsResult],
    lines: Sequence[tuple[str, Sequence[str], int]] | None = None,
    ties: Sequence[tuple[str, Sequence[str]]] | None = None,
) -> None:
    """OPPS in one encounter. With a comprehensive APC (SI J1) on the claim, the highest-paid J1
    is paid and every other OPPS service is packaged into it (CMS's C-APC policy; complexity
    adjustments are not applied). Otherwise, of the status T procedures, the highest-paid at
    100% and the others 50%. Beside an inpatient-only procedure (SI C), nothing on the claim is paid. A claim CMS
    pays through an APC whose rate rvucalc has not (``opps_unpriced_claim``: modifier CA's APC 5881, comprehensive
    observation's APC 8011) is not priced: its lines say why. A lab (SI Q4) on a claim with a J1, J2, S, T, V, Q1, Q2
    or Q3 line is packaged (``package_conditional_labs``; with ``lines`` only). ``lines``: each result's (code,
    modifiers, units); ``ties``: each result's (code, modifiers), which decide between equal rates (``FACILITY_TIES``;
    by default read off ``lines``)."""
    if ties is None and lines is not None:
        ties = [(code, modifiers) for code, modifiers, _ in lines]
    if lines is not None and unprice_encounter_opps(results, lines):
        return
    if any(r.installed and r.status_indicator == INPATIENT_ONLY for r in results):
        for result in results:
            if result.payable and result.rate is not None:
                _reduce(result, INPATIENT_ONLY_RULE, INPATIENT_ONLY, PACKAGED_PERCENT, "copayment")
        return
    # The lines that package a lab (SI Q4) are those billed with such an SI, read before the rules package any of
    # them (a Q1 line packaged beside a visit is still a Q1 line on the claim: CONDITIONAL_LAB, Addendum D1).
    packager = conditional_lab_packager(results, [line[0] for line in lines]) if lines is not None else None
    _discount_paid_lines(results, lines, ties)
    if packager is not None:
        package_conditional_labs(results, *packager)


def _discount_paid_lines(
    results: list[OppsResult],
    lines: Sequence[tuple[str, Sequence[str], int]] | None,
    ties: Sequence[tuple[str, Sequence[str]]] | None,
) -> None:
    """``discount_encounter_opps``'s rules on a claim it prices: the comprehensive APC, else conditional packaging
    and the SI T discount."""
    in_ties = [results[i] for i in facility_tie_order(ties, len(results))]
    comprehensive = [r for r in in_ties if r.payable and r.status_indicator == "J1" and r.rate is not None]
    if comprehensive:
        primary = max(comprehensive, key=lambda r: r.rate or 0)
        rule = packaged_rule(primary.apc)
        codes = [tie[0] for tie in ties] if ties is not None else [None] * len(results)
        for result, code in zip(results, codes, strict=True):
            if result.status_indicator in C_APC_PAID_APART:
                continue
            if result is not primary and result.payable and result.rate is not None:
                if c_apc_preventive(code):  # paid apart (C_APC_PREVENTIVE); said where packaging would have taken
                    result.notes = [*result.notes, *([C_APC_PREVENTIVE_NOTE] if result.rate else [])]
                    continue
                _reduce(result, rule, "J1", PACKAGED_PERCENT, "copayment")
        primary.notes = [*primary.notes, COMPREHENSIVE_NOTE]
        if lines is not None:
            note_srs_planning(results, [line[0] for line in lines])
        return
    # Conditional packaging (Addendum D1): Q1 codes are packaged on a claim with an S, T or V service, Q2 codes on one
    # with a T procedure; otherwise each is paid its own APC.
    present = {r.status_indicator for r in results if r.payable and r.rate is not None}
    for result in results:
        packs = CONDITIONAL_PACKAGING.get(result.status_indicator or "")
        if result.payable and result.rate is not None and packs and present & packs[0]:
            _reduce(result, packs[1], result.status_indicator or "", PACKAGED_PERCENT, "copayment")
    t_lines = [r for r in in_ties if r.payable and r.status_indicator == "T" and r.rate is not None]
    _halve_all_but_highest(t_lines, STATUS_T_RULE, "SI T")
    composite = [r for r in results if r.payable and r.status_indicator == "Q3" and r.rate]
    if len(composite) >= 2:  # lines, not units: a line alone is a single lookup, which runs no encounter rule
        for result in composite:
            result.notes = [*result.notes, COMPOSITE_NOTE]
    # Conditionally packaged lines that nothing on the claim packaged, two or more (lines, not units): said, not
    # applied (CONDITIONAL_SEVERAL_NOTE).
    several = [r for r in results if r.payable and r.status_indicator in CONDITIONAL_PACKAGING and r.rate]
    if len(several) >= 2:
        units = {id(r): line[2] for r, line in zip(results, lines, strict=True)} if lines is not None else {}
        paid = [opps_line_cents(r, units.get(id(r), 1)) for r in several]  # each line's units, as the totals
        figures = conditional_several_figures(len(paid), max(paid), sum(paid))
        for result in several:
            result.notes = [*result.notes, CONDITIONAL_SEVERAL_NOTE, figures]


# Stereotactic radiosurgery: CMS's CY2016 OPPS final rule (80 FR 70336, as a trial's brief cites it; continued by
# later rules, CY2020 deleting modifier CP) pays separately the 10 SRS planning and preparation codes billed with the
# SRS comprehensive APC (5627 since CY2016: 77371, 77372, SI J1): 70551, 70552, 70553, 77011, 77014, 77280, 77285,
# 77290, 77295 and 77336 (77338 is not one). No CMS text stating it (the final rule, the I/OCE specification) could be
# found and read here, so the payment is not changed: those lines stay packaged, and say so (price and batch).
SRS_APC = "5627"
SRS_PLANNING_CODES = frozenset(
    {"70551", "70552", "70553", "77011", "77014", "77280", "77285", "77290", "77295", "77336"}
)
SRS_PLANNING_NOTE = (
    "SRS planning and preparation beside the stereotactic radiosurgery comprehensive APC 5627: CMS's OPPS rules since "
    "CY2016 (80 FR 70336) pay these 10 codes (70551-70553, 77011, 77014, 77280, 77285, 77290, 77295, 77336) apart "
    "from the C-APC, but rvucalc could not check that rule against CMS's text and does not apply it: packaged here, "
    "which "
    "may understate the hospital's payment"
)


def srs_planning_packaged(primary_apc: str | None, code: str) -> bool:
    """Whether a line packaged into a claim's primary J1 is an SRS planning code CMS pays apart (``SRS_PLANNING_NOTE``:
    said, not applied)."""
    return primary_apc == SRS_APC and code in SRS_PLANNING_CODES


def note_srs_planning(results: Sequence[OppsResult], codes: Sequence[str]) -> None:
    """``SRS_PLANNING_NOTE`` on the packaged SRS planning lines of an encounter whose primary J1 is APC 5627: a line
    whose own rate packaging took (not an SI N line, $0.00 anyway: a review found 77014-26, SI N, told it may be
    paid apart)."""
    primary = [r for r in results if COMPREHENSIVE_NOTE in r.notes]
    apc = primary[0].apc if primary else None
    rule = packaged_rule(apc)
    for result, code in zip(results, codes, strict=True):
        packaged = any(step.rule == rule and step.amount_before for step in result.adjustments)
        if packaged and srs_planning_packaged(apc, code):
            result.notes = [*result.notes, SRS_PLANNING_NOTE]


# CMS's OPPS Addendum D1: "Q1 - STV-Packaged Codes ... Packaged APC payment if billed on the same claim as a HCPCS code
# assigned status indicator 'S,' 'T,' or 'V.' In other circumstances, payment is made through a separate APC
# payment"; "Q2 - T-Packaged Codes ... if billed on the same claim as a HCPCS code assigned status indicator 'T'".
# The claim, not the date: until CY2016 Q1 and Q2 packaged "items or services provided on the same date of service as
# those assigned status indicator S, T, and V"; the CY2017 OPPS proposed rule (CMS-1656-P, 81 FR 45603, 2016-07-14)
# proposed "to change its packaging logic for all conditional packaging status indicators so that it occurs at the
# claim level", finalized in the CY2017 OPPS/ASC final rule with comment period (CMS-1656-FC, 81 FR 79562,
# 2016-11-14) and implemented in the January 2017 OPPS update (CR 9930, Transmittal 3685, 2016-12-22, Claims
# Processing Manual ch. 4 §10.4). ``rvucalc price`` prices one date; batch's claims of several dates package across
# them (batch.claims._claim_wide_conditional), the claim's other rules staying per date.
# Q3 (composite APCs) needs the composite's own rules, which rvucalc does not have: its code is paid alone. A J2 line
# (a clinic or emergency visit that may join comprehensive observation, which rvucalc does not price) paid on its own
# is a visit: it packages a Q1 line as V does.
# Q3 services together (two or more lines on the claim's date) may be one composite APC: CMS's ch. 4 §10.2.1 and
# Addendum M (the multiple imaging composites 8004-8008: ultrasound, CT/CTA and MRI/MRA of one family on one date
# paid one composite payment). rvucalc has neither Addendum M's families nor Addendum A's composite rates: it pays each
# alone and says so (a trial: 70496 + 71275 shown as two APC 5571 payments, $528.54). Mental health services (90837,
# 90853: SI Q3 too) have a composite of their own in §10.2.1, which holds a day's payment for them to partial
# hospitalization's per diem (a behavioral health trial read the imaging-only text on its psychotherapy lines).
COMPOSITE_NOTE = (
    "SI Q3 beside another Q3 service: CMS may pay them as one composite APC (ch. 4 §10.2.1: the multiple imaging "
    "composites for ultrasound, CT/CTA or MRI/MRA of one family on one date, and the mental health services "
    "composite, a day's payment at most partial hospitalization's per diem. Addendum M, with Addendum A's rates, not "
    "installed): each is paid alone here, which may overstate the hospital's payment"
)


# A hospital claim is one calendar year's: "Expenses incurred in different calendar years cannot be processed as a
# single claim. A separate claim is required for the expenses incurred in each calendar year" (Claims Processing
# Manual ch. 1, "Splitting Claims for Processing", §70.8.1 as HCPro's "Peeling away the confusion: Split billing
# guidance", 2012, cites it), and Palmetto GBA: "All outpatient claims ... should be split at the provider's fiscal
# year end and at the calendar year end". So a hospital's own bill (type of bill 13x) whose lines fall in two years
# is two claims (batch.claims.calendar_year_claims): its OPPS rules that are the claim's (a comprehensive APC, SI J1,
# packages "all covered Part B services on the claim", Addendum D1; comprehensive observation, ch. 4 §290.5.3;
# conditional packaging, SI Q1, Q2, Q4, claim-level since CMS-1656-FC) never join a line of one year with another's
# (a trial's Cerner claim, FIN 3005, of 71046 on 2025-12-31 and 47562, SI J1, on 2026-01-01). Said on its lines.
CLAIM_ACROSS_YEARS_NOTE = (
    "this claim's lines fall in two calendar years, and Medicare takes one claim per calendar year (Claims Processing "
    "Manual ch. 1, splitting claims for processing: expenses of different calendar years are not one claim): each "
    "year's lines are priced as a claim of their own"
)


CONDITIONAL_PACKAGING = {
    "Q1": (
        frozenset({"S", "T", "V", "J2"}),
        "Conditionally packaged (SI Q1): with an S, T or V service on the claim (a J2 visit is one), no separate "
        "payment",
    ),
    "Q2": (frozenset({"T"}), "Conditionally packaged (SI Q2): with a T procedure on the claim, no separate payment"),
}
# Claim-level from its start: the CY2016 OPPS/ASC final rule (CMS-1633-FC), which created Q4, packages these labs
# "regardless of the date of service" on a claim with such a service (batch.claims._package_conditional_labs reaches
# across the claim's dates).
# CMS's OPPS Addendum D1, status indicator Q4: "Conditionally packaged laboratory tests: packaged APC payment if billed
# on the same claim as a HCPCS code assigned status indicator J1, J2, S, T, V, Q1, Q2 or Q3; in other circumstances,
# laboratory tests should have an SI = A and payment is made under the CLFS" (as a billing trial's brief quotes it; the
# stored copies of D1 could not be read here). Medlearn Media restates it (laboratory question of the week, 2015-11-16,
# on the CY2016 final rule that made Q4): "conditionally packaged laboratory tests that have a packaged APC payment if
# they are billed on the same claim as a code assigned with SIs of J1, J2, S, T, V, Q1, Q2, or Q3"; and D1's J2 clause
# has the same form ("Packaged APC payment if billed on the same claim as a HCPCS code assigned status indicator J1",
# as a stored pricing note quotes D1 verbatim). The code's assigned SI decides, not what the line is paid: a Q1 line
# the claim packages is still billed with SI Q1, so it still packages the lab (96372 before 99284 is the line named).
# A claim the hospital is not paid for (beside an inpatient-only procedure) or that rvucalc does not price (APC 5881,
# 8011, a per diem) leaves its labs as they are alone. rvucalc has no CLFS amount on the hospital's claim: a lab with
# nothing to package it into is left out of the hospital's total, and says why.
CONDITIONAL_LAB = "Q4"
LAB_PACKAGED_BY = ("J1", "J2", "S", "T", "V", "Q1", "Q2", "Q3")
CONDITIONAL_LAB_ALONE = (
    "packaged on a hospital claim with a J1, J2, S, T, V, Q1, Q2 or Q3 service, otherwise paid under the CLFS on the "
    "hospital's claim (as SI A), not under the OPPS"
)
CONDITIONAL_LAB_REASON = f"SI {CONDITIONAL_LAB}: {meaning(OPPS_SI, CONDITIONAL_LAB)}: {CONDITIONAL_LAB_ALONE}"
CONDITIONAL_LAB_PACKAGED = "Conditionally packaged laboratory test (SI Q4): packaged with"


def conditional_lab_note(code: str, status_indicator: str, date: str | None = None) -> str:
    """What a lab (SI Q4) packaged on its claim says, naming the claim's first line that packages it (``date``: that
    line's, when it is on another date of the claim than the lab)."""
    when = f", on {date}" if date else ""
    return (
        f"{CONDITIONAL_LAB_PACKAGED} {code} (SI {status_indicator}) on this claim{when}: no separate hospital payment "
        "($0.00), its cost being in the APC payment for the claim's other services (OPPS Addendum D1), not paid under "
        "the CLFS"
    )


def conditional_lab_packager(results: Sequence[OppsResult], codes: Sequence[str]) -> tuple[str, str] | None:
    """The code and SI of the encounter's first line billed with an SI that packages a lab (``LAB_PACKAGED_BY``: a
    payable OPPS line), if the encounter has a lab (SI Q4) to package; else None."""
    if not any(r.installed and r.status_indicator == CONDITIONAL_LAB and not r.payable for r in results):
        return None
    for result, code in zip(results, codes, strict=True):
        if (
            result.installed
            and result.payable
            and result.rate is not None
            and result.status_indicator in (LAB_PACKAGED_BY)
        ):
            return code, result.status_indicator
    return None


def package_conditional_labs(results: Sequence[OppsResult], code: str, status_indicator: str) -> None:
    """The encounter's labs (SI Q4) packaged with the line ``code`` (``conditional_lab_packager``): paid $0.00 as a
    packaged line (SI N) is, the note naming that line."""
    for result in results:
        if result.installed and result.status_indicator == CONDITIONAL_LAB and not result.payable:
            result.payable = True
            result.reason = None
            result.rate = result.national_copayment = result.copayment = money(0)
            result.copayment_capped = False
            result.labor_share = 0
            result.notes = [*result.notes, conditional_lab_note(code, status_indicator)]


# Several Q1 or Q2 lines on a claim with nothing to package them into (no S, T or V service for a Q1 line, no T
# procedure for a Q2 line): coders' sources restate the I/OCE as paying only the highest-paid of them and packaging
# the others (HCPro, "Tip: Understand Q status indicator subcategories", APCs Weekly Monitor, 2009-05-22: "If you
# report more than one STVX- or T-packaged code without a separately payable service into which it would otherwise be
# packaged, CMS makes separate payment only for the highest-paying service and packages all others"; an AAPC forum
# reading Claims Processing Manual ch. 4 §10.4.1 alike). CMS's own text could not be read here: Addendum D1's Q1 and
# Q2 definitions (above) say only "In other circumstances, payment is made through a separate APC payment", and the
# stored copies of the I/OCE specifications, of ch. 4 and of the CY2008 OPPS final rule (72 FR 66580) that
# introduced these codes could not be read past their opening. Nor do the secondary sources agree on whether Q1 and
# Q2 lines compete together. So the payment is not changed (a urology trial: 51741, 51798 and 51702, all Q1, paid
# $301.52 + $57.51 + $124.81 at POS 22): each such line says so, in price and batch.
CONDITIONAL_SEVERAL_NOTE = (
    "SI Q1/Q2 beside another conditionally packaged service, with no service on the claim to package them into (an S, "
    "T or V service for Q1, a T procedure for Q2): CMS's outpatient code editor may pay only the highest-paid of them "
    "and package the others (as coders' sources restate Claims Processing Manual ch. 4 §10.4.1, not confirmed in CMS's "
    "own text here, so not applied): each is paid its own APC here, which may overstate the hospital's payment"
)
# What is at stake, in the encounter's own figures (an audiology trial: 92557, 92567 and 92550, all Q1, at POS 22 were
# shown as $418.48 with only "may overstate"; the user's remit of $185.92 on 92557 and $0.00 on the others then read
# as underpaid by $232.56). The highest-paid line's amount, the lines' total as shown and the difference: a reading of
# the rule above, still unverified in CMS's text (the OPPS Addendum D1 definitions of Q1 and Q2 say only "in other
# circumstances, payment is made through a separate APC payment"), so the amounts are not changed. Ranked by the
# lines' payments as shown (units included), the same in price and batch (batch.claims computes it from its arrays).
# Searched again (session 41): the I/OCE specifications (V9.0, V20.3, V21.0), ch. 4 and the CY2008 final rule are
# stored only as their openings; HCPro (2009) says per date of service, Addendum D1 today says "same claim": since
# CY2017 "all conditional packaging" is claim-level (CMS-1656-FC, 81 FR 79562; CONDITIONAL_PACKAGING above), so batch
# counts a claim's such lines on all its dates together (batch.claims._run_rules).
CONDITIONAL_SEVERAL_FIGURES = "Were the outpatient code editor to pay only the highest-paid of these"


# Those figures are the hospital's own claim: its lines' OPPS payments and the remit the hospital would get. A line set
# elsewhere than the hospital (the office, an ASC, a facility physician's claim) is paid its own schedule and remitted
# on its own claim, so the sentence is not said there (an allergy trial's office row E1011, POS 11, read "a remit of
# $52,587.87 on one ... not an underpayment" beside its own $170.00): `rvucalc price --setting office` does not print
# it, and batch leaves it off a row whose site is not the hospital (batch.price). The note above, which names no
# amount, stays there, labelled the hopd_* comparison's (batch.claims.OPPS_ELSEWHERE). A row with no site (every site
# compared) keeps both.
def hospital_remit_only(note: str) -> bool:
    """Whether an OPPS encounter note speaks of the hospital's own remit in its figures
    (``conditional_several_figures``): said only where the hospital is the line's site, or no site is chosen."""
    return note.startswith(CONDITIONAL_SEVERAL_FIGURES)


def opps_line_cents(result: OppsResult, units: int) -> int:
    """An OPPS line's payment (cents) for its ``units`` with no units rule (SI Q1, Q2), as the site's totals count
    it: the Pricer's unrounded rate x units, rounded once (``opps_units_cut``), or its rate x units where a modifier
    changed the rate."""
    terms = opps_line_terms(result) if units > 1 else None
    if terms is None:
        return _cents(result.rate) * units
    return int(opps_line_payment(terms[0], units, terms[1], NO_LATER_UNITS_RULE))


def conditional_several_figures(lines: int, top: int, total: int) -> str:
    """``CONDITIONAL_SEVERAL_NOTE``'s figures for the ``lines`` of one encounter it is on: their highest payment as
    shown and their total (cents), and what the others would no longer be paid."""
    return (
        f"{CONDITIONAL_SEVERAL_FIGURES} {lines} lines ({_dollars(top)}) and package the other {lines - 1}, "
        f"the hospital would be paid {_dollars(top)} for them, {_dollars(total - top)} less than the "
        f"{_dollars(total)} shown, so a remit of {_dollars(top)} on one and $0.00 on the others would be that "
        "packaging, not an underpayment"
    )


# What a comprehensive APC leaves paid apart (Addendum D1's J1: "all covered Part B services on the claim are packaged
# with the primary 'J1' service for the claim, except services with OPPS SI=F, G, H, L and U; ambulance services;
# diagnostic and screening mammography; all preventive services; and certain Part B inpatient services"), and K1:
# qualifying non-opioid treatments, which the NOPAIN Act pays separately from 2025. The preventive and mammography
# exceptions are by code, not SI (C_APC_PREVENTIVE below).
C_APC_PAID_APART = frozenset({"F", "G", "H", "L", "U", "K1"})

# D1's "all preventive services" and "diagnostic and screening mammography", beside a J1 line: paid their own APC,
# wage-adjusted, with their own copayment (a preventive one's waived: engine.preventive), never packaged. "Preventive
# services" as the statute defines them, SSA §1861(ddd)(3) (42 U.S.C. 1395x(ddd)(3), read in the U.S. Code's text):
# "(A) The screening and preventive services described in subsection (ww)(2) (other than the service described in
# subparagraph (M) of such subsection) [the IPPE's electrocardiogram]. (B) An initial preventive physical examination
# ... (C) Personalized prevention plan services" (the AWV); (ww)(2) lists the vaccines and their administration,
# screening mammography, pap smear and pelvic exam, prostate and colorectal cancer screening, diabetes self-management
# training, bone mass measurement, glaucoma screening, medical nutrition therapy, cardiovascular and diabetes
# screening tests, AAA ultrasound screening, substance use screening and "(O) Additional preventive services" (USPSTF
# A or B, (ddd)(1)). (The CY2015 OPPS final rule, CMS-1613-FC, 79 FR 66800ff, that made the exclusions refers to the
# regulation's definition, 42 CFR 410.2, which restates this one: the rule's own text could not be read here past its
# opening.) Codes: engine.preventive's waived services (CMS's MLN preventive services chart, one entry per service of
# that definition: preventive_codes), plus those services of (ww)(2) whose coinsurance the chart keeps and
# engine.preventive therefore leaves out: glaucoma screening (G0117, G0118; OPPS SI S), the screening barium enema
# (G0106, G0120) and diabetes self-management training (G0108, G0109). Not the IPPE's screening ECG (G0403-G0405,
# (ww)(2)(M)). Mammography, screening and diagnostic (77063, 77065-77067, G0279): SI A, paid the PFS TC amount, not by
# the OPPS (engine.hopd_therapy), so no J1 packages it anyway: listed for the rule's sake. Not a screening turned
# diagnostic (modifier PT: the procedure done is billed, a diagnostic one), nor a lab of SI Q4, which the conditional
# packaging of labs (package_conditional_labs), not the J1, takes.
C_APC_PREVENTIVE = (
    frozenset(preventive_codes())
    | frozenset({"G0117", "G0118", "G0106", "G0120", "G0108", "G0109"})
    | HOPD_PFS_MAMMOGRAPHY
)
C_APC_PREVENTIVE_NOTE = (
    "Preventive service (or mammography) beside a comprehensive APC (SI J1): not packaged into it, paid its own APC "
    "(OPPS Addendum D1: the J1 service packages the claim's other services except 'diagnostic and screening "
    "mammography' and 'all preventive services')"
)


def c_apc_preventive(code: str | None) -> bool:
    """Whether a line of ``code`` is one a comprehensive APC leaves paid apart as a preventive service or mammography
    (``C_APC_PREVENTIVE``), whatever its SI."""
    return code is not None and code.strip().upper() in C_APC_PREVENTIVE


# The encounter rules' words (batch's array form of the rules writes the same ones).
COMPREHENSIVE_NOTE = (
    "Comprehensive APC: the other services of the encounter are packaged into this payment "
    "(complexity adjustments not applied)."
)
STATUS_T_RULE = "OPPS multiple procedure (SI T): a lower-paid T procedure at 50%"
# The ASC's 50% is of the line's payment rate as wage-adjusted and rounded to the cent, rounded once more: Claims
# Processing Manual ch. 14 §40.5 (as restated verbatim by ascbillingcode.com, 2010): "The multiple procedure payment
# reduction is the last pricing routine applied to applicable ASC procedure codes", ranked by "the lower of the billed
# charge or the ASC payment amount", and its worked example halves a procedure allowance in cents ("$714.64 x
# 50%=$357.32"); MACs publish the wage-adjusted rates by CBSA in cents (Noridian JF, "ASC Payment Rates"). (The
# open-source Myelin pricer halves the unrounded rate instead: at most a cent apart; not CMS's text.)
ASC_RULE = "ASC multiple procedure discounting: a lower-paid procedure at 50%"
# Claims Processing Manual ch. 14 §40.5 (CR 5680): a bilateral procedure is "two procedures" and "the multiple
# procedure reduction of 50 percent applies to all bilateral procedures subject to multiple procedure discounting":
# a 50 line that another discounted procedure outranks is both its sides at 50% each (as its RT and LT lines, or its
# 2 units, are): 2 x 50% of one side's rate, not 50% of the 150%. The line ranks by one side's rate, as those do.
# It is one claim line, rounded once as a lower-paid line of 2 units is (asc_halved_cut below; ch. 14 §40.5 allows
# "'2' in the units field on one line" for the same procedure): one side's rate x 2 x 50%, not each side's 50%
# rounded and doubled (67904-50 beside 15823 in Tampa, August 2026: $1,032.97, not 2 x $516.49 = $1,032.98).
ASC_BILATERAL_RULE = (
    "ASC multiple procedure discounting: a lower-paid bilateral procedure (two procedures): each side at 50%, "
    "one side's rate x 2 x 50%, rounded once"
)
PACKAGED_PERCENT, LOWER_PAID_PERCENT = 0, 50


# Several units of one procedure subject to multiple procedure discounting are that many procedures: the first
# unit of the encounter's highest-paid one at 100%, every other unit at 50% (a lower-paid line's units are all
# at 50% already). OPPS, SI T: the OPPS Pricer's discounting formula 2, (1.0 + D(U-1))/U with D = 0.5 and U the
# line's units, times rate x units (CMS data dictionary, REV_CNTR_DSCNT_IND_CD); a lower-paid T line's formula 5
# is D for every unit. ASC: Claims Processing Manual ch. 14 §40.5: "When more than one surgical procedure is
# performed in the same operative session, special payment rules apply even if the services have the same CPT code
# number" (and a bilateral procedure may be billed "with '2' in the units field on one line", the 50% reduction
# applying). A comprehensive APC (SI J1) is one payment for the claim whatever the primary line's units, its other
# units packaged (0%): CMS's comprehensive APC policy (CY2014 OPPS proposed rule, in force from CY2015) makes "a
# single payment for the comprehensive service based on all charges on the claim" (as law-firm summaries quote it).
# A terminated (73) or reduced (52) hospital line is one payment at its reduced rate whatever its units: the Pricer's
# formula 3, T/U (and 6, TD/U, when the encounter discounts it too), times rate x units, with T = 0.5 (the same data
# dictionary; modifiers.SRC_OPPS_TERMINATED). PN and PO scale the line's payment and keep its formula; in the ASC a
# line whose rate a modifier changes (73, 52, 50) keeps units x its modified rate.
NO_LATER_UNITS_RULE = -1  # later_units_percent's "units x the rate" (batch's arrays hold it too)
TERMINATED_MODIFIERS = frozenset({"73", "52"})


# Modifiers that scale a hospital line's rate and leave its discounting formula as it was: the Pricer applies the
# PN (40%), PO, CT and X-ray (FX, FY) reductions to the APC payment (PerformApcAdjustments), its units still those of
# formula 2 or its J1's one payment.
RATE_SCALING_MODIFIERS = frozenset({"PN", "PO", "FX", "FY", "CT"})
# The Pricer takes these reductions off the national APC payment, each rounded to the cent, before it wage-adjusts and
# multiplies by the units and discount rate (rounded once): gov.cms.fiss.pricers.opps PerformApcAdjustments2024, in
# this order, each "COMPUTE H-APC-PYMT ROUNDED = H-APC-PYMT * ..." (PFS-REDUCT for PN, PMF-A-REDUCT for PO, CT-REDUCT,
# XRAY-FILM-REDUCT for FX, XRAY-CRT-REDUCT for FY), then calculateWageAdjustedPaymentAndSchAdj's "(((H-SCH-PYMT * .60)
# * W-WINX) + (H-SCH-PYMT * .40)) * W-SRVC-UNITS * W-DISC-RATE" rounded. So 92012-PN x 7 at wage index 1.1111 is
# $51.55 (40% of $128.87, rounded) x 1.06666 x 7 = $384.90, not 7 x $54.98 (40% of the wage-adjusted $137.46).
APC_ADJUSTMENT_ORDER = ("PN", "PO", "CT", "FX", "FY")


def apc_adjustments(
    rules: Iterable[tuple[str, str, Fraction]], factor: Fraction = Fraction(1)
) -> tuple[tuple[Fraction, ...], Fraction]:  # fmt: skip
    """A hospital line's rate-scaling modifiers' shares of the APC payment, in the Pricer's order
    (``APC_ADJUSTMENT_ORDER``), from ``FacilityFactor.rules`` (rule, modifier, percent), and what they leave of its
    ``factor`` (73, 52: the discount rate)."""
    percents = {modifier: percent for _, modifier, percent in rules}
    steps = tuple(percents[m] / 100 for m in APC_ADJUSTMENT_ORDER if m in percents)
    rest = factor
    for step in steps:
        rest /= step
    return steps, rest


def apc_adjusted_mills(national_mills: Any, steps: Iterable[Any]) -> Any:
    """The national APC payment (mills) after the Pricer's APC reductions, each rounded half-up to the cent (in mills
    again). ``steps``: Fractions, or (numerator, denominator) array pairs where 1/1 leaves a row as it was (a drug's
    rate to the tenth of a cent is not rounded by a reduction it does not have)."""
    value = national_mills
    for step in steps:
        numerator, denominator = step if isinstance(step, tuple) else (step.numerator, step.denominator)
        rounded = round_half_up(value * numerator, denominator * 10) * 10
        value = rounded if isinstance(step, Fraction) else where(numerator != denominator, rounded, value)
    return value


# The Pricer pays 50 by the Outpatient Code Editor's bilateral lists (discounting formulas 4, 7-9), in no file
# rvucalc has: say so rather than guess 150% (single lookups and batch, where the hospital is shown).
OPPS_BILATERAL_NOTE = (
    "50 in the hospital: the OPPS pays bilateral procedures by the Outpatient Code Editor's own bilateral lists, "
    "which rvucalc does not have: the OPPS rate shown is one side's."
)


# The same said of the hospital's site, and so of its encounter's total: its amount is one side's, the bilateral
# payment not applied (a revenue-cycle trial read `price 64483-50 --setting hopd`, $901.56, as the bilateral
# procedure's payment beside 64483-RT 64483-LT's $1,352.34). CMS's claims data dictionary lists a discounting formula
# "(1+D)/U" (REV_CNTR_DSCNT_IND_CD value 4: 150% for one unit), but which lines the OCE gives it is in the I/OCE
# specifications' bilateral appendix, which could not be read here: the amount is not changed.
OPPS_BILATERAL_SITE_REASON = (
    "Bilateral payment not applied (50): the OPPS pays a bilateral procedure by the Outpatient Code Editor's "
    "bilateral lists, which rvucalc does not have: the hospital's amount here is one side's"
)


# Two units of a bilateral code are one bilateral procedure under the PFS (policy.two_units_bilateral); the OPPS pays
# them by the same Outpatient Code Editor lists as 50: say so where the hospital is shown.
OPPS_TWO_UNITS_NOTE = (
    "2 units of a bilateral code in the hospital: the OPPS pays bilateral procedures by the Outpatient Code Editor's "
    "own bilateral lists, which rvucalc does not have: the OPPS amount is its units rule's."
)


def keeps_units_rule(modifiers: Iterable[str | None]) -> bool:
    """Whether a hospital line's rate adjustments (their modifiers) leave its later units' rule: PN, PO, CT, FX and
    FY only."""
    return all(modifier in RATE_SCALING_MODIFIERS for modifier in modifiers)


def terminated_in_opps(modifiers: Iterable[str | None]) -> bool:
    """Whether a line's OPPS rate was cut by 73 or 52 (the modifiers of its adjustments or FacilityFactor rules):
    the Pricer pays such a line once, whatever its units (formulas 3 and 6)."""
    return any(modifier in TERMINATED_MODIFIERS for modifier in modifiers)


# 50 with 2 units in the ASC: both say the same bilateral procedure (engine.policy.two_units_bilateral, which pays the
# physician once). The Claims Processing Manual, ch. 14 §40.5, has an ASC report a bilateral procedure "as two
# procedures, either as a single unit on two separate lines or with '2' in the units field on one line" (as Priority
# Health's ASC bulletin of 2022-03-16 restates it): the 2 units are the two sides that the ASC's 50 rate (150%, or 100%
# or 200%: engine.modifiers.asc_bilateral) already pays, so the line's second unit is not paid again.
ASC_FIFTY_TWO_UNITS_NOTE = (
    "ASC bilateral, 50 with 2 units: 50 and the 2 units both say the same two sides (Claims Processing Manual "
    "ch. 14 §40.5: a bilateral procedure is billed as two procedures, two lines or 2 units on one line): one "
    "bilateral procedure at the ASC's 50 rate, unit 2 of this line not paid ($0.00)."
)


def later_units_percent(result: OppsResult | AscResult, bilateral_once: bool = False) -> int | None:
    """What a line's units after the first are paid, as a percentage of its rate: 50 when they are lower-paid
    procedures (subject to multiple procedure discounting: ASC, Addendum AA's flag; OPPS, SI T), 0 when they are
    packaged into its comprehensive APC (SI J1), TERMINATED_ONE_UNIT (not paid) on a hospital line that 73 or 52
    cut (PN and PO, which scale the rate, keep the rule); None (units x the rate) otherwise, or when another
    modifier changes its rate (ASC 73, 52, 50) or the encounter reduced or packaged it (a lower-paid line: all its
    units at 50%). ``bilateral_once``: the line is 50 with 2 units that the PFS pays as one bilateral procedure
    (``engine.policy.fifty_two_units``): the ASC pays it once too (TERMINATED_ONE_UNIT, ASC_FIFTY_TWO_UNITS_NOTE)."""
    if not result.payable or not result.rate:
        return None  # not paid, or packaged into the encounter's comprehensive APC: nothing to pay per unit
    if bilateral_once and isinstance(result, AscResult):
        return TERMINATED_ONE_UNIT
    if isinstance(result, OppsResult) and terminated_in_opps(a.indicator for a in result.adjustments):
        return TERMINATED_ONE_UNIT
    if isinstance(result, OppsResult) and keeps_units_rule(a.indicator for a in result.adjustments):
        return {"T": LOWER_PAID_PERCENT, "J1": PACKAGED_PERCENT}.get(result.status_indicator or "")
    if isinstance(result, AscResult) and all(a.indicator in ("FB", "FC") for a in result.adjustments):
        # A device credit (FB, FC) lowers the ASC rate and leaves the line discounted: multiple procedure discounting
        # is the last pricing routine (ch. 14 §40.5), its later units at 50% of the credited rate, as batch prices
        # them (a differential hunt: price paid 0200T-FB x 2 at 200%, batch 150%).
        return LOWER_PAID_PERCENT if result.multiple_procedure_discounting else None
    if result.adjustments:
        return None  # a modifier that changes this site's rate, and the encounter's rules, leave adjustments
    if isinstance(result, OppsResult):
        return {"T": LOWER_PAID_PERCENT, "J1": PACKAGED_PERCENT}.get(result.status_indicator or "")
    return LOWER_PAID_PERCENT if result.multiple_procedure_discounting else None


def later_units_note(site: str, units: int, percent: int) -> str:
    """What ``with_later_units`` did to a line of several units, in its notes (single lookups and batch)."""
    others = "unit 2" if units == 2 else f"units 2-{units}"
    if percent == TERMINATED_ONE_UNIT and site == "asc":  # only a 50 line of 2 units has it there
        return ASC_FIFTY_TWO_UNITS_NOTE
    if percent == TERMINATED_ONE_UNIT:
        return (
            f"Terminated or reduced (73/52) in the hospital: one payment at the reduced rate, whatever the units: "
            f"{others} of this line not paid ($0.00, the OPPS Pricer's formulas 3 and 6, T/U and TD/U)."
        )
    if percent == PACKAGED_PERCENT:
        return (
            f"Comprehensive APC (SI J1): one payment for the claim, whatever the units: {others} of this line "
            "packaged ($0.00)."
        )
    what = "OPPS multiple procedure (SI T)" if site == "hopd" else "ASC multiple procedure discounting"
    verb = "is a lower-paid procedure" if units == 2 else "are lower-paid procedures"
    name = "OPPS" if site == "hopd" else "ASC"
    return f"{what}: {others} of this line {verb}, at 50% (the {name} rate shown is one unit's, the first)."


def with_later_units(site: Site, rate: Decimal, share: Decimal | None, units: int, percent: int) -> Site:
    """A site's money for ``units`` services whose units after the first are paid ``percent`` of the ``rate`` (and
    of the patient's ``share`` of it): ``times_units``, less ``later_units_cut`` (one rounding for the line)."""
    scaled = times_units(site, units)
    if units == 1 or not site.payable:
        return scaled
    return less_facility(scaled, int(later_units_cut(_cents(rate), units, percent)),
                         int(later_units_cut(_cents(share), units, percent)))  # fmt: skip


def less_facility(site: Site, cut: int, share_cut: int) -> Site:
    """A site with ``cut`` cents taken off its facility payment, ``share_cut`` of them off the patient's share."""
    return _settled(site, {"facility_payment": cut, "total": cut, "allowed": cut, "beneficiary": share_cut,
                           "facility_medicare": cut - share_cut})  # fmt: skip


def opps_line_terms(result: OppsResult) -> tuple[int, int] | None:
    """An OPPS line's unrounded rate (kernels.opps_unrounded_rate) and the percent of it each unit is paid (100; 50
    a lower-paid procedure; 0 packaged), when no modifier changed its rate (as ``_unrounded_rate``); None otherwise."""
    if not result.payable or result.rate is None or result.national_rate is None:
        return None
    percent = Fraction(100)
    scaling: list[tuple[str, str, Fraction]] = []  # PN, PO, CT, FX, FY: the APC payment's own reductions
    for index, adjustment in enumerate(result.adjustments):
        if adjustment.indicator in RATE_SCALING_MODIFIERS and adjustment.percentage is not None:
            if any(a.indicator not in RATE_SCALING_MODIFIERS for a in result.adjustments[:index]):
                return None  # another rule changed the rate first (_apply_factor then scaled the rounded rate)
            scaling.append(("", adjustment.indicator, Fraction(adjustment.percentage)))
        elif adjustment.indicator in modifier_table.FACILITY_MODIFIERS:
            if adjustment.percentage != 100:
                return None
        elif adjustment.percentage is not None:
            percent *= Fraction(adjustment.percentage) / 100
    # A rate paid nationally (drugs: Addendum B prints some to the tenth of a cent, J2002 $0.003) is the national
    # rate x units, rounded once too: the Pricer's line payment for R and U lines is "H-SCH-PYMT * W-SRVC-UNITS *
    # W-DISC-RATE" rounded (calculateWageAdjustedPaymentAndSchAdj), its rate not rounded to the cent first.
    wage_index = WAGE_INDEX_SCALE if result.wage_index is None or not result.labor_share else int(
        result.wage_index.scaleb(4))  # fmt: skip
    unrounded = int(opps_unrounded_rate(_apc_payment_mills(result, apc_adjustments(scaling)[0]), wage_index))
    if not result.rate and round_half_up(unrounded, OPPS_UNROUNDED_SCALE):  # not a rate under half a cent a unit
        percent = Fraction(0)  # paid nothing: packaged, or its payment carried by another line (facility_paid_once)
    return unrounded, int(percent)


def opps_units_cut(
    rate: Any, copay: Any, unrounded: Any, percent: Any, units: Any, later: Any, medicare_share: Any,
    share_hundredths: Any,
) -> tuple[Any, Any]:  # fmt: skip
    """What paying an OPPS line of several units as the Pricer does (kernels.opps_line_payment: its unrounded rate
    x units x discount, rounded once; the copayment the rest after Medicare's share, where ``medicare_share`` is not
    negative; a preventive waiver's share, ``share_hundredths`` below 20%, caps it at that share of the line's payment,
    as ``copayment_within_waiver`` caps one unit's) takes off the rounded ``rate`` x units less ``later_units_cut``
    (and off ``copay``'s); negative where it adds a cent. Ints or arrays (the copayment worked in Python ints: a line
    of a million units overflows 64 bits)."""
    given = rate * units - later_units_cut(rate, units, later)
    given_share = copay * units - later_units_cut(copay, units, later)
    exact = opps_line_payment(unrounded, units, percent, later)
    if not isinstance(exact, int) and len(exact) and int(exact.max()) >= 4 * 10**12:  # x the share: past int64
        exact = exact.astype(object)
    exact_share = where(medicare_share >= 0, opps_coinsurance(exact, where(medicare_share >= 0, medicare_share, 0)),
                        given_share)  # fmt: skip
    waived = share_hundredths < COINSURANCE_PERCENT * 100
    exact_share = where(waived, lesser(exact_share, percent_of(exact, share_hundredths)), exact_share)
    exact_share = lesser(exact_share, exact)  # a copayment per unit times the units is never more than the payment
    cut, share_cut = given - exact, given_share - exact_share
    if isinstance(cut, int):
        return cut, share_cut
    import numpy as np

    return np.asarray(cut).astype(np.int64), np.asarray(share_cut).astype(np.int64)


def with_professional_line(
    site: Site, amount: Decimal, later_total: Decimal | None, units: int, share: int
) -> Site:  # fmt: skip
    """A site's money once its professional fee is the line's (``kernels.professional_line_cut``: ``units`` x one
    unit's ``amount``, or the first unit's plus ``later_total`` for the later units together: therapy's) and the
    patient's share of that fee is taken of the whole line, rounded once; its facility part untouched."""
    if site.professional_payment is None or units == 1:
        return site
    later = NO_LATER_PROFESSIONAL if later_total is None else _cents(later_total)
    cut, share_cut = professional_line_cut(_cents(amount), units, later, share)
    if not site.payable:  # a site not priced (``_site``): its physician's fee alone
        return site.model_copy(update={"professional_payment": money(_cents(site.professional_payment) - int(cut))})
    return _settled(site, {"professional_payment": int(cut), "total": int(cut), "allowed": int(cut),
                           "beneficiary": int(share_cut)})  # fmt: skip


def with_professional_shares(site: Site, share: int, *, sequestration: bool) -> Site:
    """A hospital's, ASC's or other facility's site with the physician's own claim's shares of its
    ``professional_payment`` (the line's fee, all its units): the patient's ``share`` hundredths of a percent of it,
    rounded once for the line (``kernels.site_shares`` with ``professional_line_cut``'s line rounding, as batch's
    ``encounter_arrays.professional_amounts``), Medicare the rest, less 2% on its own claim with ``sequestration``
    (``kernels.claims_sequestered``, as batch's ``_sequestered``). The physician bills the professional service on
    their own claim, apart from the facility's (Claims Processing Manual, Pub. 100-04, ch. 12 §20.4.2, "Site of
    Service Payment Differential", its title as Transmittal 2679, CR 7631, lists it: the PFS facility amount where the
    service is furnished in a facility setting; Part B coinsurance is 20% of the line's allowed amount, SSA
    §1833(a)(1)(N); CCW's LINE_COINSRNC_AMT, as ``kernels.professional_line_cut`` cites it), so its shares are known
    where the facility's part is not priced. The office's site is the physician's claim itself: left as it is."""
    if site.setting == "office" or site.professional_payment is None:
        return site
    _, beneficiary, medicare = site_shares(0, 0, _cents(site.professional_payment), share)
    if sequestration:
        medicare = claims_sequestered(medicare, 0)
    return site.model_copy(update={"professional_beneficiary": money(beneficiary),
                                   "professional_medicare": money(medicare)})  # fmt: skip


def with_line_share(site: Site, share: int) -> Site:
    """A site paid from a schedule per unit (DMEPOS) whose patient pays ``share`` hundredths of a percent of the
    whole line, rounded once (``kernels.professional_line_cut`` gives the source), not of each unit."""
    if not site.payable or site.total is None or site.beneficiary is None:
        return site
    return _settled(site, {"beneficiary": _cents(site.beneficiary) - percent_of(_cents(site.total), share)})


def _settled(site: Site, less: dict[str, int]) -> Site:
    """A site with ``less`` cents taken off these amounts, Medicare's share then the rest of its allowed amount
    (after the 2% sequestration where it applies: off the facility's claim and the physician's apart,
    ``kernels.claims_sequestered``), rounded once for the line."""
    updated = {name: None if getattr(site, name) is None else money(_cents(getattr(site, name)) - amount)
               for name, amount in less.items()}  # fmt: skip
    if site.total is not None and site.beneficiary is not None:
        medicare = _cents(updated.get("total", site.total)) - _cents(updated.get("beneficiary", site.beneficiary))
        facility_medicare = _cents(updated.get("facility_medicare", site.facility_medicare))
        updated["medicare"] = money(claims_sequestered(medicare, facility_medicare) if site.sequestration_applied
                                    else medicare)  # fmt: skip
    return site.model_copy(update=updated)


# An inpatient-only procedure (SI C) on the hospital's outpatient claim is not paid, "and no payment is made for other
# services rendered on the same day" (Pub. 100-04 ch. 4 §180.7, as Palmetto GBA's "Inpatient-Only Services", 2024,
# words it): the hospital bills the stay as an inpatient. The physician's claim is paid as ever (the PFS facility
# amount). rvucalc does not price modifier CA's exception (the patient died before admission: APC 5881).
INPATIENT_ONLY = "C"
# Short: it is said on every hospital row of such a claim (a long note cost 63 MB on a million realistic lines).
INPATIENT_ONLY_RULE = (
    "No OPPS payment beside an inpatient-only procedure (SI C) on the claim (ch. 4 §180.7: unless the outpatient code "
    "editor lists it as a separate procedure, a list rvucalc has not)"
)


# Modifier CA, "Procedure payable only in the inpatient setting when performed emergently on an outpatient who dies
# prior to admission" (HCPCS): Pub. 100-04 ch. 4 §180.7.1 pays the hospital for the inpatient-only procedure billed
# with CA, and for the claim's other services that day, through one APC, 5881 (the "Ancillary Outpatient Services
# When Patient Dies" C-APC, whose services excluded from C-APC packaging are paid apart: April 2016 I/OCE, as
# HCPro's Revenue Cycle Advisor reports it). APC 5881's rate is in Addendum A, which rvucalc has not: the hospital's
# payment for such a claim is not priced, and says why (rather than the SI C denial). The physician's claim is paid
# as ever: CA is a hospital outpatient (OPPS) modifier, and no CMS text found changes the PFS amount for it. (CMS's
# own manual text could not be read here: the conditions and the one APC for the claim's same-day services are as
# HCPro and MAC-derived billing guides quote ch. 4 §180.7.1; APC 5881 replaced the older APC 0977 in CY2016.)
MODIFIER_CA = "CA"
APC_CA = "5881"
CA_REASON = (
    f"Modifier CA (an inpatient-only procedure performed emergently on an outpatient who died before admission): "
    f"the hospital is paid for the claim's services that day through APC {APC_CA} (ch. 4 §180.7.1), whose rate is in "
    "Addendum A (OPPS APC rates), not installed: not priced here"
)
# Comprehensive observation, C-APC 8011 (CY2016 OPPS final rule, 80 FR 70298; OPPS Addendum D1's J2: "Hospital Part
# B services that may be paid through a comprehensive APC ... for specific combinations of services"; ch. 4
# §290.5.3): a claim is paid APC 8011 when it has 8 or more units of G0378 (hospital observation, per hour), a
# qualifying visit (the codes Addendum B marks J2: 99281-99285, G0380-G0384, 99291, G0463, and G0379, the direct
# referral) on the date of G0378 or the day before, and no SI T or J1 procedure the day before or the day of the
# observation. A single lookup checks what its one encounter shows (its G0378 units, its SI J2 lines, no SI T or
# J1 line); batch counts the claim's hospital lines on all its dates (batch.claims._unpriced: G0378 units summed, a
# J2 visit and no T on a G0378 date or the day before, no J1 anywhere on the claim). (The
# criteria as HCPro's Revenue Cycle Advisor lists them from the CY2016 final rule; CMS's own text could not be read
# here. Addendum B's J2 codes, October 2025, are exactly those visits.)
OBSERVATION_CODE = "G0378"
OBSERVATION_MIN_HOURS = 8
APC_OBSERVATION = "8011"
OBSERVATION_VISIT = "J2"
OBSERVATION_EXCLUDED = frozenset({"T", "J1"})
OBSERVATION_REASON = (
    f"Comprehensive observation: a visit (SI J2) with {OBSERVATION_MIN_HOURS} or more hours of observation "
    f"({OBSERVATION_CODE}) and no SI T or J1 procedure: the claim is paid as comprehensive APC {APC_OBSERVATION} "
    "(ch. 4 §290.5.3), whose rate is in Addendum A (OPPS APC rates), not installed: not priced here"
)
# A partial hospitalization (PHP) or intensive outpatient (IOP) day: SI P is a service "paid only in a Partial
# Hospitalization Program or Intensive Outpatient Program" (I/OCE payment status P; Addendum D1: paid per diem). The
# hospital (TOB 13x with condition code 41 for PHP, 92 for IOP) or the community mental health center (TOB 76x) is
# paid one per-diem APC for the day, not each line: Claims Processing Manual ch. 4 §260.1 and §260.1.1 (Transmittal
# 2611's titles: "Special Partial Hospitalization Billing Requirements for Hospitals, Community Mental Health Centers
# ..."; Noridian JF's CMHC PHP billing guide lists, from it, the codes billed for the per diem: 90832-90838, G0410,
# G0411, G0129 ...), and the CY2024 OPPS/ASC final rule (CMS-1786-FC, 88 FR 81540: IOP from 2024, condition code 92,
# per-diem APCs for 3 services a day and for 4 or more, hospital and CMHC apart). CMS's manual text itself could not be
# read here. The per-diem APCs' rates are in Addendum A, which rvucalc does not install, and no condition code is read:
# a day with an SI P line is such a day, its OPPS lines (the psychotherapy ones, SI Q3, too) not priced, never summed
# line by line (a trial's PHP day, 90853 90832 G0410, was $300.84 of Q3 lines beside the $310.00 per diem paid, and
# "underpaid"). A day of the program's Q3 codes alone is not recognised as one.
PER_DIEM_STATUS = "P"
PER_DIEM_REASON = (
    "Partial hospitalization or intensive outpatient day (SI P on the claim: a service paid only in a PHP or IOP): "
    "the hospital or CMHC is paid one per-diem APC for the day's services, not each line (ch. 4 §260.1, CY2024 OPPS "
    "final rule), so the day is not priced: per-diem APC (Addendum A) not installed"
)
UNPRICED_NONE, UNPRICED_CA, UNPRICED_OBSERVATION, UNPRICED_PER_DIEM = 0, 1, 2, 3
UNPRICED_REASONS = {
    UNPRICED_CA: CA_REASON,
    UNPRICED_OBSERVATION: OBSERVATION_REASON,
    UNPRICED_PER_DIEM: PER_DIEM_REASON,
}


def opps_unpriced(
    ca_inpatient_only: Any, inpatient_only: Any, hours: Any, visits: Any, excluded: Any, per_diem: Any
) -> Any:
    """Per encounter (ints or integer arrays): UNPRICED_CA where an inpatient-only line (SI C) carries modifier CA;
    else UNPRICED_PER_DIEM where an SI P line is billed (``per_diem``: a PHP or IOP day); else, with no inpatient-only
    line, UNPRICED_OBSERVATION where G0378 has ``OBSERVATION_MIN_HOURS`` or more units (``hours``), a J2 visit is billed
    (``visits``) and no SI T or J1 procedure (``excluded``); else UNPRICED_NONE."""
    observation = (inpatient_only == 0) & (hours >= OBSERVATION_MIN_HOURS) & (visits >= 1) & (excluded == 0)
    program = (ca_inpatient_only == 0) & (per_diem >= 1)
    return ((ca_inpatient_only >= 1) * UNPRICED_CA + program * UNPRICED_PER_DIEM
            + ((ca_inpatient_only == 0) & (per_diem == 0) & observation) * UNPRICED_OBSERVATION)  # fmt: skip


def opps_unpriced_claim(results: Sequence[OppsResult], lines: Sequence[tuple[str, Sequence[str], int]]) -> int:
    """``opps_unpriced`` of one encounter's OPPS results and their (code, modifiers, units)."""
    status = [r.status_indicator if r.installed else None for r in results]
    paid = [bool(r.installed and r.payable) for r in results]  # G0378's hours and the visit: lines the OPPS pays
    mods = [{m.upper() for m in line[1]} for line in lines]
    return int(opps_unpriced(
        sum(1 for si, m in zip(status, mods, strict=True) if si == INPATIENT_ONLY and MODIFIER_CA in m),
        sum(1 for si in status if si == INPATIENT_ONLY),
        sum(line[2] for line, ok in zip(lines, paid, strict=True) if line[0] == OBSERVATION_CODE and ok),
        sum(1 for si, ok in zip(status, paid, strict=True) if si == OBSERVATION_VISIT and ok),
        sum(1 for si in status if si in OBSERVATION_EXCLUDED),
        sum(1 for si in status if si == PER_DIEM_STATUS),
    ))  # fmt: skip


def opps_unpriced_line(result: OppsResult) -> bool:
    """A line the unpriced APC takes in: an OPPS line of the claim (payable, or the inpatient-only procedure itself)
    other than what a comprehensive APC leaves paid apart (C_APC_PAID_APART)."""
    return bool(
        result.installed
        and result.status_indicator
        and (result.payable or result.status_indicator == INPATIENT_ONLY)
        and result.status_indicator not in C_APC_PAID_APART
    )


# A lab (SI Q4) on a comprehensive observation claim is packaged: the claim has a J2 visit, and Addendum D1 packages
# a Q4 lab "if billed on the same claim as a HCPCS code assigned status indicator J1, J2, S, T, V, Q1, Q2, or Q3"
# (LAB_PACKAGED_BY). Its line said the lab's reason alone, "otherwise paid under the CLFS on the hospital's claim" (a
# hospital revenue integrity trial: 80053 beside 99285 and 22 hours of G0378); it now says the claim's reason, as the
# claim's other lines do (batch.claims alike). Beside APC 5881 or a per diem its reason stays the lab's own.
def observation_lab(result: OppsResult, kind: int) -> bool:
    """Whether ``result`` is a lab (SI Q4) the comprehensive observation claim (``kind``) packages."""
    return bool(
        kind == UNPRICED_OBSERVATION
        and result.installed
        and result.status_indicator == CONDITIONAL_LAB
        and not result.payable
    )


def unprice_encounter_opps(results: Sequence[OppsResult], lines: Sequence[tuple[str, Sequence[str], int]]) -> bool:
    """The encounter's OPPS lines not priced, with the reason, where CMS pays the claim through an APC rvucalc has
    not (``opps_unpriced_claim``); whether it did. A lab the comprehensive observation claim packages
    (``observation_lab``) says the claim's reason too."""
    kind = opps_unpriced_claim(results, lines)
    if not kind:
        return False
    for result in results:
        if opps_unpriced_line(result) or observation_lab(result, kind):
            result.payable = False
            result.rate = result.copayment = None
            result.copayment_capped = False
            result.adjustments = []
            result.reason = UNPRICED_REASONS[kind]
    return True


def packaged_rule(apc: str | None) -> str:
    return f"Packaged into the comprehensive APC {apc} (SI J1) of this encounter"


# A terminated (73) or reduced (52) ASC line is "not discounted further" (engine.modifiers.ASC_EXEMPT_FROM_DISCOUNT:
# ch. 14 §40.5 as AAPC's Outpatient Facility Coding Alert restates it, "procedures with modifiers 52 ... or 73 ... are
# exempt from further price reductions"), and rvucalc leaves it out of the ranking too: the procedures subject to
# discounting are ranked among themselves, so the highest of them is paid 100% beside a 73 line paid more (29881-73
# $943.79 and 20610 $44.69 in full, where the PFS halves 20610). CMS's own ch. 14 §40.4/§40.5 text on whether such a
# line is ranked was not found: the line paid in full says so, naming this as rvucalc's reading.
ASC_UNRANKED_NOTE = (
    "ASC multiple procedure discounting: paid in full as the highest-paid procedure it ranks. A terminated (73) or "
    "reduced (52) procedure on the claim, though paid more, is neither discounted further nor ranked (rvucalc's "
    "reading of Claims Processing Manual ch. 14 §40.5, as restated by AAPC: 73 and 52 ASC lines are exempt from "
    "further reductions, CMS's text on their ranking was not found)."
)


def asc_unranked(modifiers: Iterable[str]) -> bool:
    """Whether an ASC line's modifiers leave it out of the multiple procedure ranking (73, 52)."""
    return not modifier_table.ASC_EXEMPT_FROM_DISCOUNT.isdisjoint(modifiers)


def asc_unranked_note_needed(top_rate: Any, unranked_rate: Any) -> Any:
    """The highest-ranked discounted ASC line says ``ASC_UNRANKED_NOTE`` when an unranked (73, 52) line of its
    encounter is paid more (cents; ints or arrays, the highest unranked rate per encounter)."""
    return unranked_rate > top_rate


def discount_encounter_asc(
    results: list[AscResult],
    sides: Sequence[int | None] | None = None,
    ties: Sequence[tuple[str, Sequence[str]]] | None = None,
) -> None:
    """ASC: of the procedures subject to multiple procedure discounting, the highest at 100%, others 50%. A
    bilateral 50 line paid as two procedures (150%) ranks by one side's rate and, outranked, is both sides at 50%
    (``ASC_BILATERAL_RULE``). ``sides``: each result's one side's rate in cents (None: not such a line); by default
    read off its adjustments (``asc_bilateral_side``). ``ties``: each result's (code, modifiers), which decide
    between equal rates (``FACILITY_TIES``)."""
    one_side = [asc_bilateral_side(r) for r in results] if sides is None else list(sides)
    in_ties = [(results[i], one_side[i]) for i in facility_tie_order(ties, len(results))]
    discounted = [
        (r, side) for r, side in in_ties if r.payable and r.multiple_procedure_discounting and r.rate is not None
    ]
    ranked = sorted(discounted, key=lambda pair: pair[1] if pair[1] is not None else _cents(pair[0].rate), reverse=True)
    unranked = [_cents(r.rate) for r, (_, modifiers) in zip(results, ties or [], strict=False)
                if r.payable and r.rate and asc_unranked(modifiers)]  # fmt: skip
    if ranked and unranked and asc_unranked_note_needed(_cents(ranked[0][0].rate), max(unranked)):
        ranked[0][0].notes = [*ranked[0][0].notes, ASC_UNRANKED_NOTE]
    for result, side in ranked[1:]:
        if side is None:
            _reduce(result, ASC_RULE, "Y", LOWER_PAID_PERCENT, "coinsurance")
            continue
        before, after = _cents(result.rate), int(asc_bilateral_halved(side))  # both sides' 50%, rounded once
        result.adjustments = [*result.adjustments, Adjustment.model_construct(
            rule=ASC_BILATERAL_RULE, indicator="Y", percentage=Decimal(LOWER_PAID_PERCENT), amount_before=money(before),
            amount_after=money(after))]  # fmt: skip
        result.rate = money(after)
        if result.coinsurance is not None:
            result.coinsurance = money(_share_after(result, after, _cents(result.coinsurance), Fraction(1)))


# A lower-paid ASC line of several units is that many procedures at 50% of the line's payment rate (the rate in cents,
# ASC_RULE above), the line rounded once: its rate x units x 50%, not each unit's 50% rounded and added (13132 x 2
# beside 17311 in Tampa, August 2026: $211.65 x 2 x 50% = $211.65, not 2 x $105.83). Claims Processing Manual ch. 14
# §40.5 (as restated above) makes the 50% "the last pricing routine applied" to the procedure's payment, and a claim
# line's amounts are the line's (its coinsurance too: kernels.asc_line_share_cut). CMS publishes no ASC Pricer (the
# MAC prices ASC claims from the CBSA's rates in cents), and nothing found rounds a line's units apart; the OPPS Pricer
# rounds a discounted line once too (kernels.opps_line_payment, formula 5).
def asc_halved_from(result: AscResult) -> int | None:
    """The rate (cents) the encounter's 50% took a lower-paid ASC line from (its last step ``ASC_RULE``), None for
    any other line: the line is that rate x units at 50%, rounded once (``asc_halved_cut``)."""
    last = result.adjustments[-1] if result.adjustments else None
    return _cents(last.amount_before) if last is not None and last.rule == ASC_RULE else None


def asc_halved_cut(rate: Any, before: Any, units: Any) -> Any:
    """What paying a lower-paid ASC line of ``units`` as one line (``before`` x units at 50%, rounded once) takes off
    its one unit's ``rate`` (50% of ``before``, rounded) x units: 0 or a few cents. Ints or arrays."""
    return rate * units - reduced(before * units, LOWER_PAID_PERCENT)


def asc_bilateral_halved(side: Any) -> Any:
    """A lower-paid ASC 50 line's payment (cents) from one side's rate (``asc_bilateral_side``): both sides at 50%,
    the line rounded once (``ASC_BILATERAL_RULE``): 2 x ``side`` at 50%. Ints or arrays."""
    return reduced(2 * side, LOWER_PAID_PERCENT)


def asc_bilateral_side(result: AscResult) -> int | None:
    """One side's rate (cents) of an ASC 50 line paid as two discounted procedures (``engine.modifiers.asc_bilateral``
    at 150%): its rate before that 150%, after its other modifiers (``_apply_factor`` gives the rules it applied
    together one ``amount_before``, each its percentage), rounded once as a line of that side alone is; None for
    any other line."""
    bilateral = next((a for a in result.adjustments if a.indicator == "50" and a.percentage == 150), None)
    if bilateral is None:
        return None
    factor = Fraction(1)
    for step in result.adjustments:
        together = (step.amount_before, step.amount_after) == (bilateral.amount_before, bilateral.amount_after)
        if step is not bilateral and together and step.percentage is not None:
            factor *= Fraction(step.percentage) / 100
    return int(round_half_up(_cents(bilateral.amount_before) * factor.numerator, factor.denominator))


def opps_changes(
    payable: Any, comprehensive: Any, status_t: Any, q1: Any = 0, q2: Any = 0, status_sv: Any = 0, apart: Any = 0
) -> Any:  # fmt: skip
    """``discount_encounter_opps`` changes a rate when a comprehensive APC (SI J1) shares the encounter
    with another payable OPPS line it packages (not one ``C_APC_PAID_APART``), or two SI T procedures do (the
    lower-paid at 50%), or a Q1 line an S, T or V one, or a Q2 line a T one (conditionally packaged). Counts per
    encounter: ints or integer arrays."""
    conditional = ((q1 >= 1) & (status_t + status_sv >= 1)) | ((q2 >= 1) & (status_t >= 1))
    return ((comprehensive >= 1) & (payable - apart >= 2)) | ((comprehensive == 0) & ((status_t >= 2) | conditional))


def opps_denied(payable: Any, inpatient_only: Any) -> Any:
    """``discount_encounter_opps`` denies every payable line of an encounter with an inpatient-only procedure."""
    return (inpatient_only >= 1) & (payable >= 1)


def asc_changes(discounted: Any) -> Any:
    """``discount_encounter_asc`` changes a rate when two payable procedures are subject to discounting."""
    return discounted >= 2


def _halve_all_but_highest(results: list[Any], rule: str, indicator: str) -> None:
    for result in sorted(results, key=lambda r: r.rate or 0, reverse=True)[1:]:
        share = "copayment" if isinstance(result, OppsResult) else "coinsurance"
        _reduce(result, rule, indicator, LOWER_PAID_PERCENT, share)


def _reduce(result: OppsResult | AscResult, rule: str, indicator: str, percent: int, share_field: str) -> None:
    """Pay ``percent`` of the facility rate (an OPPS rate no modifier changed: of its unrounded rate, as the Pricer),
    recorded as an adjustment; the patient's share follows (``_share_after``)."""
    assert result.rate is not None
    before = _cents(result.rate)
    unrounded = _unrounded_rate(result)
    after = reduced(before, percent) if unrounded is None else int(opps_reduced(unrounded, percent))
    result.adjustments = [
        *result.adjustments,
        Adjustment.model_construct(
            rule=rule,
            indicator=indicator,
            percentage=Decimal(percent),
            amount_before=money(before),
            amount_after=money(after),
        ),
    ]
    result.rate = money(after)
    share = getattr(result, share_field)
    if share is not None:
        setattr(result, share_field, money(_share_after(result, after, _cents(share), Fraction(percent, 100))))


def _unrounded_rate(result: OppsResult | AscResult) -> int | None:
    """An OPPS rate no modifier changed, before rounding (kernels.opps_unrounded_rate): what the encounter discounts,
    as the Pricer does. None for the ASC, and once a modifier (or a rule) changed the rate: then the rate is it."""
    terms = opps_line_terms(result) if isinstance(result, OppsResult) else None
    return terms[0] if terms is not None and terms[1] == 100 else None


def total_sites(lines: list[PriceResult]) -> dict[str, Site]:
    """Each site's totals over the lines; a site where some line is not payable is not payable, but for a hospital
    or ASC line that the facility does not bill under its code and that does not keep the encounter from being done
    there (``billed_elsewhere``: an E/M beside a surgery, a lab): the site's total is its other lines', and its
    reason names that line, as batch's claim totals leave such a row out (no ``allowed``). So is a procedure the ASC
    is not paid for (``asc_denies_alone``: excluded, not on the ASC list): Medicare denies that line and pays the
    others; and so is a line the system's own indicator leaves unpaid on its own (``unpaid_alone``: an OPPS E1 or M
    line rejected, a vaccine paid at reasonable cost, an ASC L1 or K5 line), and in the office a line its own CLFS,
    ASP or DMEPOS file refuses as given (``office_refused_alone``: a DME item without its pricing modifier). Such a
    line with a physician's fee there
    (its PFS facility amount) comes here as that fee alone, payable (``with_professional_alone``): the total has it,
    and its reason says so. An inpatient-only procedure (the hospital
    is paid nothing on the claim: ``discount_encounter_opps``) or a file not installed makes the site not payable (or
    not priced)."""
    totals: dict[str, Site] = {}
    settings = [site.setting for site in lines[0].sites] if lines else []
    for index, setting in enumerate(settings):
        sites = [line.sites[index] for line in lines]
        # The codes that share a reason are named together (three codes of a year with no OPPS file: one sentence).
        unpaid: dict[str, list[str]] = {}
        denied: dict[str, list[str]] = {}  # the ASC lines Medicare denies alone
        alone: dict[str, list[str]] = {}  # the lines the system's indicator leaves unpaid on their own
        apart: dict[str, list[str]] = {}  # the office's lines Medicare pays outside the PFS, not priced here
        mac: dict[str, list[str]] = {}  # the physician's lines the MAC prices that no multiple procedure rule ranks
        refused: dict[str, list[str]] = {}  # the office's lines their own schedule refuses as given (a DME modifier)
        elsewhere = True
        # Of ``apart``, the lines the MAC prices (a lab test of CLFS indicator L, an unlisted lab test, a NOC drug:
        # ``priced_by_mac_apart``), counted with ``mac``'s in lines_priced_by_mac (a trial: 81479 0526U 88305 in the
        # office counted 0 where 99499 99213 counted 1)
        mac_apart = 0
        # The statuses of the unpaid lines that decide the total's: not those apart (denied or unpaid alone), and not
        # those the facility bills (``billed_elsewhere``) beside a line of another kind: 99499 (the MAC prices it) and
        # 88305-TC at POS 21 are not priced, the TC being left out of the physician's total either way.
        deciding: list[SiteStatus] = []
        beside: list[SiteStatus] = []  # the lines billed elsewhere
        for line, site in zip(lines, sites, strict=True):
            if not site.payable:
                reason = (site.reason or "").rstrip(".")
                unpaid.setdefault(reason, []).append(line.code)
                if setting == "asc" and (asc_denies_alone(line) or site.reason == ANCILLARY_WITHOUT_PROCEDURE):
                    denied.setdefault(reason, []).append(line.code)
                elif setting == "office" and office_priced_apart(line):
                    apart.setdefault(reason, []).append(line.code)
                    mac_apart += priced_by_mac_apart(line)
                elif mac_priced_apart(line, setting, lines):
                    mac.setdefault(reason, []).append(line.code)
                elif setting == "office" and office_refused_alone(line):
                    refused.setdefault(reason, []).append(line.code)
                elif unpaid_alone(line, setting):
                    alone.setdefault(reason, []).append(line.code)
                else:
                    there = billed_elsewhere(line, setting)
                    (beside if there else deciding).append(site.status or NOT_PAYABLE)
                    elsewhere &= there
        # The lines an RHC or FQHC bills at its own rate (a visit, venipuncture: their notes say so, ``clinic_billed``),
        # priced at the office's amount that no one is paid there: left out of the total, named, as batch's in_totals.
        clinic = [line.code for line, site in zip(lines, sites, strict=True)
                  if setting == "office" and site.payable and clinic_billed(line.notes)]  # fmt: skip
        said = _codes_and_reasons(unpaid)
        # The physician's lines at a hospital or ASC, or at a place with no facility payment, whose fee the MAC prices
        # and that a multiple procedure rule ranks with a line whose fee is priced there: the physician's total is not
        # known, as the office's is not (``physician_fee_ranked_unknown``).
        ranked_lines = [line for line in lines if physician_fee_ranked_unknown(line, setting, lines)]
        ranked = [line.code for line in ranked_lines]
        if unpaid and not (elsewhere and any(site.payable for site in sites)):
            # A CMS file rvucalc lacks says nothing about whether Medicare pays: "not priced", not "not payable".
            # (What the system leaves unpaid alone says nothing of the others: a review found 22558-CA's "not priced"
            # turned "not payable" by a flu vaccine beside it.)
            # Nor does a contractor-priced line (status C) a multiple procedure rule ranks: the MAC's fee is not known
            # here and may rank the others (one no rule ranks is ``mac_priced_apart``'s). Each line's status says which
            # (Site.status).
            # A line Medicare pays outside the PFS, not priced here, says the office's total is not known either.
            # A line the MAC prices decides it as it did before it could be left out: not priced.
            statuses = (deciding + [NOT_PRICED] * bool(mac) or beside or ([NOT_PRICED] if apart else [])
                        or [site.status or NOT_PAYABLE for site in sites if not site.payable])  # fmt: skip
            status = NOT_PRICED if all(each == NOT_PRICED for each in statuses) else NOT_PAYABLE
            verdict = "Not priced" if status == NOT_PRICED else "Not payable"
            # Not priced: the physician's fees there are still known (each line's PFS facility amount, its
            # professional_payment, as batch's professional_allowed sums them per claim).
            # Not payable for the facility (99213 at an ASC), likewise: each line's site says its physician's fee.
            # Not where a line the MAC prices ranks with them (``physician_fee_ranked_unknown``): the physician's total
            # is not priced either, as the office's is not.
            doctor_total = _sum(sites, "professional_payment") if setting != "office" and not ranked else None
            reason = f"{verdict} for {said}"
            # Why the physician's total is not known, in every setting (batch's ranked rows say the same words).
            named = [line for line in lines if mac_ranked_with(line, setting, lines)]
            if named:
                reason += f"; {_mac_ranked_note_of(named)}"
            doctor_shares = {name: _sum(sites, name) if doctor_total is not None else None
                             for name in ("professional_beneficiary", "professional_medicare")}  # fmt: skip
            totals[setting] = Site.model_construct(setting=setting, payable=False, professional_payment=doctor_total,
                                                   reason=reason, status=status, **doctor_shares)  # fmt: skip
            continue
        # A payable line's own reason (a global imaging code's professional fee not in the hospital's total, a
        # facility file not installed) is the total's too: the table of totals would hide it otherwise.
        partial: dict[str, list[str]] = {}
        for line, site in zip(lines, sites, strict=True):
            if site.payable and site.reason:
                partial.setdefault(site.reason.rstrip("."), []).append(line.code)
        apart_of = {reason: denied.get(reason, []) + alone.get(reason, []) + apart.get(reason, [])
                    + refused.get(reason, []) + mac.get(reason, []) for reason in unpaid}  # fmt: skip
        left = {reason: [c for c in codes if c not in apart_of[reason]] for reason, codes in unpaid.items()}
        left_out = FACILITY_PART_LEFT_OUT if setting == "facility" else LEFT_OUT
        unpaid_label = PHYSICIAN_UNPAID_ALONE if setting == "facility" else UNPAID_ALONE
        reasons = [f"{label}: {_codes_and_reasons(group)}" for label, group in ((left_out, left),
                   (ASC_DENIED_ALONE, denied), (unpaid_label, alone), (OFFICE_PRICED_APART, apart),
                   (OFFICE_REFUSED_ALONE, refused), (MAC_PRICED_APART, mac)) if any(group.values())]  # fmt: skip
        # Such a line's physician's fee there, where the PFS has one, is in the total where the facility pays another
        # line (its site is that fee alone: ``with_professional_alone``). Where it pays none (a packaged line's $0.00
        # beside an E/M), the physician is still paid it, on their own claim, apart from this total (batch's row: its
        # professional_allowed, no allowed): said, as the Professional column does not have it.
        doctor = [f"{line.code} ${line.pfs.facility.amount:,}" for line, site in zip(lines, sites, strict=True)
                  if setting in ("hopd", "asc") and not site.payable and line.pfs.facility.payable
                  and line.pfs.facility.amount is not None]  # fmt: skip
        if doctor:
            reasons.append(f"{PAID_APART}: {', '.join(doctor)} (a unit)")
        if clinic:
            reasons.append(f"{CLINIC_BILLED_LEFT_OUT}: {', '.join(clinic)}")
        sites = [site for line, site in zip(lines, sites, strict=True)
                 if site.payable and not (clinic and clinic_billed(line.notes))]  # fmt: skip
        if clinic and not sites:
            # Every payable line is the clinic's (a trial's 99214 36415 at POS 72 read status "priced", payable, and
            # no amount): not priced, naming them and any line not priced beside them (G0467's FQHC PPS).
            said = _codes_and_reasons({**unpaid, CLINIC_BILLED_NOT_PRICED: clinic})
            totals[setting] = Site.model_construct(setting=setting, payable=False, reason=f"Not priced for {said}",
                                                   status=NOT_PRICED)  # fmt: skip
            continue
        if ranked:
            # The facility's payment is known (its own rates rank its lines), the physician's total is not: nor is the
            # site's. Not priced, as the office's total beside the same lines; the facility's part is still said (the
            # ranked lines' own "Professional fee not included" is this).
            facility_part = _sum(sites, "facility_payment")
            known = [f"the facility's payment, ${facility_part:,}, is known"] if facility_part is not None else []
            others = [f"{', '.join(kept)}: {reason}" for reason, codes in partial.items()
                      if (kept := [code for code in codes if code not in ranked])]  # fmt: skip
            head = f"Not priced for {', '.join(ranked)}: {_mac_ranked_note_of(ranked_lines)}"
            totals[setting] = Site.model_construct(setting=setting, payable=False, facility_payment=facility_part,
                                                   status=NOT_PRICED, reason="; ".join([head, *known]) + "".join(
                                                       f". {each}" for each in [*reasons, *others]))  # fmt: skip
            continue
        reasons += [f"{', '.join(codes)}: {reason}" for reason, codes in partial.items()]
        totals[setting] = Site.model_construct(
            setting=setting,
            payable=True,
            facility_payment=_sum(sites, "facility_payment"),
            professional_payment=_sum(sites, "professional_payment"),
            professional_beneficiary=_sum(sites, "professional_beneficiary"),
            professional_medicare=_sum(sites, "professional_medicare"),
            total=_sum(sites, "total"),
            allowed=_sum(sites, "total"),
            beneficiary=_sum(sites, "beneficiary"),
            medicare=_sum(sites, "medicare"),
            sequestration_applied=any(site.sequestration_applied for site in sites),
            # One sentence per kind: "The total leaves out ...: A: why; B: why" ends before what the total includes
            # (a trial read a line's own remark, or the ancillary services', as one more line left out).
            reason=". ".join(reasons) or None,
            contract_amount=_sum(sites, "contract_amount"),  # each line's, rounded once (--percent-of-medicare)
            status=PRICED,
            # and the office's lines Medicare pays outside the PFS that the MAC prices (a lab test of CLFS indicator
            # L, an unlisted lab test, a NOC drug: ``priced_by_mac_apart``), also left out (a trial: 81479 0526U
            # 88305 in the office counted 0 where 99499 99213 counted 1)
            lines_priced_by_mac=sum(len(codes) for codes in mac.values()) + mac_apart,
        )
    return totals


# Codes the OPPS does not pay a hospital under the code but that an encounter there carries: SI B (the hospital bills
# another code, G0463 for a clinic visit; the physician bills the E/M), Q4 (a lab: packaged, or paid under the CLFS),
# A (paid under another fee schedule: a lab's CLFS).
OPPS_BILLED_ELSEWHERE = frozenset({"B", "Q4", "A"})
LEFT_OUT = "The total leaves out what the facility does not bill under these codes"
# The facility setting's places are not all hospitals (a SNF at POS 31, a hospice at 34: a wound care trial read "which
# the hospital bills" of Q4186 at a SNF), and the totals do not know which place: said of the facility there.
FACILITY_PART_LEFT_OUT = (
    "The physician's total leaves out the facility's part, which the facility (the hospital, SNF ...) bills, not the "
    "physician"
)
PAID_APART = (
    "The physician's fee for the lines left out, the PFS facility amount, is paid on the physician's claim, apart from "
    "this total"
)


def left_out_alone(result: OppsResult | AscResult) -> bool:
    """Whether a hospital or ASC line its facility does not pay leaves the encounter's other lines paid there, its file
    installed: the hospital bills it under another code or not at all (``OPPS_BILLED_ELSEWHERE``: an E/M's SI B, a
    lab), its indicator leaves it unpaid alone (``OPPS_UNPAID_ALONE``, ``ASC_UNPAID_ALONE``), or the ASC lists it
    nowhere (no payment indicator: an add-on or an E/M on neither ASC list, a procedure excluded from ASCs), which
    Medicare denies alone (``asc_denies_alone``, ``billed_elsewhere``). Single lookups and batch (the reference's
    ``opps_alone``, ``asc_alone``)."""
    if not result.installed or result.payable:
        return False
    if isinstance(result, OppsResult):
        return result.status_indicator in OPPS_BILLED_ELSEWHERE or result.status_indicator in OPPS_UNPAID_ALONE
    return result.payment_indicator is None or result.payment_indicator in ASC_UNPAID_ALONE


# What the patient and Medicare pay for a case at a site is every payment Medicare makes for it there: the facility's
# where the facility is paid, and each physician's professional fee. A line the hospital or the ASC does not pay beside
# lines it does (``left_out_alone``) is still the physician's: "Physicians and qualified nonphysician practitioners ...
# may bill Medicare for covered procedures not on the Medicare-approved ASC list but performed in an ASC", though "ASC
# facility fees billed for HCPCS codes not on the Medicare-approved ASC list are denied" (WPS, "Payment for Non-ASC
# Procedures"); "Physician's services are not part of the facility fee. Physician's services include anesthesia,
# Evaluation and Management services not included in the global surgery package, and diagnostic tests. These services
# are separately payable from the ASC facility fee" (WPS, "Ambulatory Surgical Center Physician billing"); an E/M at
# the hospital is the physician's PFS service, the hospital billing its clinic visit under another code (SI B). So in
# an encounter whose site is paid (some line paid there), such a line's site there is its PFS facility amount alone,
# with the patient's 20% of it, and the site's total includes it, as it includes a packaged line's fee (SI N, PI N1,
# $0.00 to the facility): a surgeon's trial found `price 29880 G0289` total $616.65 professional at the ASC against
# $700.65 at the hospital, G0289's $84.00 "paid on the physician's claim, apart from this total", though the physician
# is paid it wherever the case is done. A line alone, or an encounter no line of which the site pays, is unchanged:
# the case is not done there (not payable), or not known (not priced). A line the facility "pays" $0.00 is not one it
# pays: a packaged line is "no separate payment" (ASC payment indicator N1, "Packaged service/item; no separate payment
# made", CMS's Addendum DD1; OPPS SI N, "No additional payment, payment included in line items with APCs", Noridian's
# "OPPS Payment Status Indicators"; a conditionally packaged Q1-Q4 line, packaged), and an assistant's line (or a 55 or
# 56 line) carries none (``without_facility_payment``): a review found `price 99213 J1100` at the ASC and the hospital
# "payable" $71.64, the facility $0.00, where `price 99213` says the ASC is not payable. So the site must pay some line
# more than $0.00.
def professional_alone_note(setting: str) -> str:
    """What a site of the physician's fee alone (``left_out_alone``) says (batch: the row's claim note)."""
    facility = "hospital (OPPS)" if setting == "hopd" else "ASC"
    return f"no {facility} payment for this line, the physician's fee there (its PFS facility amount) is in the total"


def professional_alone_reason(result: OppsResult | AscResult) -> str:
    """The reason a site of the physician's fee alone (``left_out_alone``) gives: why the facility does not pay it,
    then ``professional_alone_note``."""
    why = (result.reason or "").rstrip(".")
    return f"{why}: {professional_alone_note('hopd' if isinstance(result, OppsResult) else 'asc')}"


def with_professional_alone(lines: list[PriceResult], alone: Sequence[dict[str, Site]]) -> None:
    """An encounter's lines (two or more) at the hospital and the ASC: where some line's site is paid, a line the
    facility leaves out alone is its physician's fee alone there (``alone``: per line, its sites of that fee, by
    setting, built by the caller as the physician's claim prices it), in place of its site not payable. Paid: a
    facility payment above $0.00 (not a packaged line's, nor an assistant's or a 55 or 56 line's: the comment above)."""
    if len(lines) < 2:
        return
    for setting in ("hopd", "asc"):
        if not any(site.payable and (site.facility_payment or 0) > 0
                   for line in lines for site in line.sites if site.setting == setting):  # fmt: skip
            continue
        for line, sites in zip(lines, alone, strict=True):
            if setting in sites:
                line.sites = [sites[setting] if site.setting == setting and not site.payable else site
                              for site in line.sites]  # fmt: skip


# 42 CFR 416.166: ASC covered surgical procedures are each "specified by the Secretary"; a procedure that is not one
# (Addendum EE's "excluded from payment in ASCs", or on neither ASC list) is denied on its own line ("ASC facility fees
# billed for HCPCS codes not on the Medicare-approved ASC list are denied": WPS, "Payment for non-ASC procedures"), and
# the claim's covered procedures are paid (a trial: `price 63047 63048 --setting asc` said not payable, batch paid
# 63047).
ASC_DENIED_ALONE = (
    "The total leaves out what Medicare does not pay an ASC for (those lines are denied, the others paid)"
)


def asc_denies_alone(line: PriceResult) -> bool:
    """Whether the ASC line is one Medicare denies on its own (its file installed; excluded or not listed: no payment
    indicator). A packaged or unpaid indicator (L1, K5, D1) is not a denial."""
    asc = line.asc
    return (asc is not None and asc.installed and not asc.payable and asc.payment_indicator is None
            and not billed_elsewhere(line, "asc"))  # fmt: skip


# The indicators whose line the hospital's or ASC's claim carries unpaid without keeping the others from being paid:
# the I/OCE's line-item dispositions (CMS I/OCE specifications, Table "Edit descriptions": SI E1 edits 9 and 50, a line
# item denial and rejection; SI M edit 72, a line item rejection; SI E2, no pricing information, and D, a discontinued
# code, likewise), the OPPS final rule's Addendum D1 (SI L and F: "Not paid under OPPS. Paid at reasonable cost"; SI Y:
# non-implantable DME, billed to the DME MAC; SI H, a pass-through device paid at cost), and Addenda AA/BB's payment
# indicators that say "no payment made" or "no separate payment" (L1, K5, B5, D1, D5), reasonable cost (F4) or
# "contractor-priced" (J7, K7). Only an inpatient-only procedure (SI C) takes the others down with it (a trial:
# `price 63685 C1602` said the hospital was paid nothing; batch paid 63685). (Not SI P: a partial hospitalization day
# is one per diem for the day's services, Addendum A's, not installed.)
OPPS_UNPAID_ALONE = frozenset({"E1", "E2", "M", "L", "F", "Y", "D", "H"})
ASC_UNPAID_ALONE = frozenset({"L1", "F4", "K5", "B5", "D1", "D5", "J7", "K7"}) | ASC_SPECIAL_PAYMENT
# Each of these labels is followed by ": " and the lines it leaves out, with their reasons (``_codes_and_reasons``),
# so the clause that names what is left out comes last: "The others are paid: 99397: No PFS payment ..." read as if
# 99397 were paid (an OB/GYN coder's trial, `price 99397 G0101 Q0091`, after the '; ' sweep made it a sentence).
UNPAID_ALONE = (
    "The total is the other lines' and leaves out the lines this payment system does not pay at a rate rvucalc has "
    "(not covered, no separate payment, or paid apart at cost, by the contractor or at a special payment CMS's file "
    "has no rate for: each line's reason says which)"
)


# In the office, a line Medicare pays outside the PFS (PFS status E, X, I ...: a drug, a lab test, a vaccine or its
# administration; or a code the RVU file does not list that the CLFS, ASP or DMEPOS file does) at an amount rvucalc
# does not have (its office site not priced: the MAC prices it, a NOC drug or an unlisted lab test; CMS's file that
# prices it does not list it or is not installed; a payment rvucalc does not install, G0008's) is left out of the
# office total, named with its reason, and the others are paid: each line of a Part B claim is priced on its own (a NOC
# drug's from its invoice or CMS's NOC file: WPS, "J3490 (Not Otherwise Classified (NOC) HCPCS Code): Billing Tips";
# First Coast, "drug claim lines may deny" on an invoice missing), none of these changes the PFS lines' amounts, and
# batch's claim totals (``--summary``'s ``allowed``) are the priced rows', counting the others ``unpriced``. One rule
# for them all (a payer analyst's trial: 99213 + 90686 + G0008 left the vaccine and G0008 out, 99213 + J3490 was "not
# priced"); the total says what Medicare pays for them is not in it. A PFS service the MAC prices (status C) is not
# one: it leaves the total not priced where its fee may rank the encounter's procedures, and is left out of it, named,
# where no multiple procedure rule ranks it (``mac_priced_apart``).
OFFICE_PRICED_APART = (
    "The total is the other lines' and leaves out, with what Medicare pays for them, the lines Medicare pays outside "
    "the PFS at an amount rvucalc does not have (the MAC prices them, or CMS's file that prices them does not list "
    "them or is not installed: each line's reason says which)"
)


def office_priced_apart(line: PriceResult) -> bool:
    """Whether an office line is one Medicare pays outside the PFS that rvucalc cannot price (``OFFICE_PRICED_APART``):
    its office site not priced, its PFS status one the PFS pays nothing by, or the RVU file not listing it while the
    CLFS, ASP or DMEPOS file (installed or not) is looked up for it."""
    office = next((site for site in line.sites if site.setting == "office"), None)
    if office is None or office.status != NOT_PRICED or office.payable:
        return False
    schedules = (line.clfs, line.drug, line.dmepos)
    return line.pfs.status in PFS_UNPAID_ALONE or (not line.pfs.in_schedule and any(s is not None for s in schedules))


def priced_by_mac_apart(line: PriceResult) -> bool:
    """Whether an office line Medicare pays outside the PFS (``office_priced_apart``) is one the MAC prices: a lab test
    of CLFS indicator L ("Priced locally by your Medicare contractor"), or one its reason says the MAC prices
    (``modifiers.MAC_PRICES``: an unlisted lab test, a not otherwise classified drug), not a CMS file not installed."""
    office = next((site for site in line.sites if site.setting == "office"), None)
    if office is None or office.payable:
        return False
    local = line.clfs is not None and not line.clfs.payable and line.clfs.indicator == "L"
    return local or modifier_table.MAC_PRICES in (office.reason or "")


# In the office, a line Medicare pays outside the PFS whose own fee schedule, the CLFS, ASP or DMEPOS file that lists
# it, refuses it as given (``OtherSchedules.unpaid_reasons``, not payable: a DME item without the pricing modifier its
# fee schedule rows carry, "give one of: NU"; RR on a purchase-only item; MS on an item with no MS fee; a lab test
# before the date its CLFS row is in force; a state the DMEPOS file has no fee for) says nothing of the office: it is
# the line's own fault, left out of the office total, named with its reason (what to give), and the others are paid,
# as batch's claim totals leave the row out (no ``allowed``; ``--summary``'s ``unpriced``). A line of incomplete or
# invalid information is an unprocessable one: "If a claim contains both processable and unprocessable services, the
# unprocessable services are split onto a separate claim and returned as unprocessable" (National Government
# Services, "CMS 1500 Claim Form: Unprocessable Claim Rejections and Corrections", after Pub. 100-04 ch. 1 §80.3.1's
# definition); "If you submit a claim without an RR, NU, or UE modifier for a HCPCS code that requires one of these
# modifiers, your claim will be rejected" (Leeder Group's DME MAC Jurisdiction C bulletin 2013-05, "HCPCS Code and
# Modifier Combinations"): the DME item's claim, not the physician's. A trial: `price J1745 A4604 --setting office`
# said the office was "not payable" where batch paid J1745's $32.42 (ASP) and noted A4604's missing NU. What the site
# cannot pay (a PFS service not priced in the office, NA) still makes the office not payable.
OFFICE_REFUSED_ALONE = (
    "The total is the other lines' and leaves out the lines their own fee schedule (CLFS, ASP or DMEPOS) does not pay "
    "as given (a DME item without its pricing modifier, a code not in force on the date ...: each line's reason says "
    "why, and what to give)"
)


def office_refused_alone(line: PriceResult) -> bool:
    """Whether an office line is one its own schedule refuses as given (``OFFICE_REFUSED_ALONE``): no schedule pays it
    (``paid_by`` None: not the PFS either), a CLFS, ASP or DMEPOS file lists it and does not pay it, and its office
    site is not payable (one not priced is ``office_priced_apart``'s)."""
    office = next((site for site in line.sites if site.setting == "office"), None)
    if office is None or office.payable or office.status != NOT_PAYABLE or line.paid_by is not None:
        return False
    return any(part is not None and not part.payable for part in (line.clfs, line.drug, line.dmepos))


# In the office, a line the PFS pays nothing by its status (RVU file documentation, Attachment A "Status Code": B
# "payment ... always bundled into payment for other services", P bundled "if incident to a physician service", M a
# measurement code reported for quality; I and G "not valid for Medicare" (another code is), N non-covered, E and X
# excluded, D and F deleted) and no other installed schedule pays: the physician's claim carries the line unpaid,
# each line adjudicated on its own, and the others are paid, as batch's claim totals leave the row out (a trial:
# `price 10060 A4550 --setting 11` said the office visit was not payable; batch paid $147.37; a review: `price 99214-25
# G2211 G0008`, batch $159.41). A contractor-priced line (status C: no national amount) is not one: the total is not
# known without the MAC's fee. So is a code the RVU file does not list but the installed OPPS or ASC file does (a
# hospital's code: C2634, a brachytherapy source, SI U): no installed schedule pays it in the office (the PFS has no
# amount for it; the OPPS and ASC pay facilities), so the office's claim carries it unpaid and the others are paid
# (a trial: `price 77778 C2634 --setting 11` said the office encounter was not payable; batch paid 77778's $950.21).
PFS_UNPAID_ALONE = frozenset({"B", "P", "M", "I", "G", "N", "E", "X", "D", "F", "H"})


# A line the MAC prices (PFS status C, or zero RVUs: CMS publishes no national amount) in the office, or on the
# physician's claim at a place with no facility payment priced, leaves the total not priced when its fee can change how
# the other procedures rank. When no multiple procedure rule ranks it with another line of the encounter, it cannot.
# CMS's RVU file documentation (RVU25A, "Multiple Procedure (Modifier 51)"): indicator 0, "No payment adjustment rules
# for multiple procedures apply. If procedure is reported on the same day as another procedure, base the payment on
# the lower of (a) the actual charge, or (b) the fee schedule amount for the procedure"; 9, "Concept does not apply";
# the others rank a code only with codes of its own rule: 2, "If procedure is reported on the same day as another
# procedure with an indicator of 1, 2, or 3, rank the procedures by fee schedule amount" (1 and 3 alike); 4, "with
# the same family indicator"; 5 the therapy services; 6 and 7 "the second highest and subsequent procedures" of the
# diagnostic cardiovascular and ophthalmology services. So such a line (A9500, a radiopharmaceutical, indicator 0,
# beside a nuclear stress test; 29999, indicator 2, beside an office visit, 0) is left out of the total, named, and
# the others are paid, as batch's claim totals sum the priced rows and count it ``unpriced`` (a cardiology trial:
# `price 78452 93017 A9500` showed "—" where batch's claim was $472.07 with 1 unpriced): "+ 1 line the MAC prices"
# (``Site.lines_priced_by_mac``). One a rule ranks with another line (0903T, indicator 6, beside 93306, 6; 29999
# beside 11102, 2) still leaves the total not priced: its fee may decide which line is paid in full. (An imaging line
# of indicator 4 is taken to rank with any other of 4, whatever its family.)
RANKED_WITH = {"1": "123", "2": "123", "3": "123", "4": "4", "5": "5", "6": "6", "7": "7"}
MAC_PRICED_APART = (
    "The total leaves out the lines your Medicare contractor (MAC) prices (CMS publishes no national amount), which "
    "no multiple procedure rule ranks with the others (CMS's multiple procedure indicators), so their fees change no "
    "other line's: the MAC's fee for each is to be added"
)


def mac_priced_apart(line: PriceResult, setting: str, lines: Sequence[PriceResult]) -> bool:
    """Whether a line the MAC prices is left out of the total (``MAC_PRICED_APART``): contractor-priced, its site not
    priced, no multiple procedure rule ranking it with another of ``lines`` (the encounter's); in the office or on the
    physician's claim in a facility."""
    if setting not in ("office", "facility") or not line.pfs.contractor_priced:
        return False
    site = next((site for site in line.sites if site.setting == setting), None)
    if site is None or site.payable or site.status != NOT_PRICED:
        return False
    group = _ranked_with(line)
    if setting == "facility" and group in PHYSICIAN_UNRANKED_INDICATORS:
        return True  # the physician's fee there is the professional component, which 6 and 7 never reduce
    # Ranked against the priced lines only: two 29999s (indicator 2) beside 99213 rank with no priced line, and are
    # left out as batch's claim total leaves them ($99.13, 2 unpriced); a review found price "not priced" there.
    return group is None or not any(
        _ranked_with(other) == group and _priced_at(other, setting) for other in lines if other is not line
    )


# The same rule on the physician's claim at a hospital or ASC (the PFS facility amount; batch's professional_allowed):
# a line the MAC prices that a multiple procedure rule ranks with a line whose physician's fee is priced there (0510T,
# status C, indicator 2, beside 11102, 2: "rank the procedures by fee schedule amount", RVU file documentation,
# "Multiple Procedure (Modifier 51)"; the highest paid 100%, the others 50%) may be the one paid in full: the
# physician's total is not known, and neither is the site's (the facility's payment plus the physician's). A review
# found the office's total not priced where the hospital's and ASC's physician's totals paid 11102 in full ($33.69).
# Not indicators 6 and 7: they reduce the technical component alone (RVU file documentation, 6: "Subject to 25%
# reduction of the second highest and subsequent procedures to the TC of diagnostic cardiovascular services"; 7, 20% of
# the TC of diagnostic ophthalmology services; "This policy does not affect the professional component payment", the
# ASE's restatement of CMS's CY2013 rule), and there the physician bills the professional component alone (the
# hospital the technical one; policy._component_reduction cuts no PC for them): a MAC-priced 0903T changes no
# physician's fee beside 93306 at a hospital.
PHYSICIAN_UNRANKED_INDICATORS = frozenset({"6", "7"})
PHYSICIAN_TOTAL_RANKED = (
    "the physician's total is not priced: your Medicare contractor (MAC) prices the physician's fee for {codes} (CMS "
    "publishes no national amount), which a multiple procedure rule ranks with the other lines' (CMS's multiple "
    "procedure indicators): it may be the one paid in full"
)


def physician_fee_ranked_unknown(line: PriceResult, setting: str, lines: Sequence[PriceResult]) -> bool:
    """Whether a line's physician's fee in ``setting`` (a hospital's, an ASC's, or a place with no facility payment) is
    the MAC's (contractor-priced: not priced there) and a multiple procedure rule ranks it with another of ``lines``
    whose physician's fee there is priced (``PHYSICIAN_TOTAL_RANKED``). Not the office's: its total is the
    physician's, ``mac_priced_apart``'s."""
    if setting not in ("hopd", "asc", "facility") or not mac_prices_fee(line):
        return False
    if setting != "facility" and facility_item(line.code, line.pfs, line.opps, line.asc):
        return False  # no physician's fee there (``FACILITY_ITEM_SECTIONS``)
    site = next((site for site in line.sites if site.setting == setting), None)
    group = _ranked_with(line)
    if site is None or site.professional_payment is not None or group is None or group in PHYSICIAN_UNRANKED_INDICATORS:
        return False
    return any(
        _ranked_with(other) == group and _physician_priced_at(other, setting) for other in lines if other is not line
    ) and not _discontinued_outranked_of(line, setting, lines)


def mac_ranked_with(line: PriceResult, setting: str, lines: Sequence[PriceResult]) -> bool:
    """Whether ``line`` is one the MAC prices whose fee a multiple procedure rule ranks with a priced line of ``lines``
    in ``setting``, so that the total there is not priced (``mac_ranked_note`` says why): at a hospital, an ASC or
    another facility ``physician_fee_ranked_unknown``; in the office a line the MAC prices that is not
    ``mac_priced_apart`` (its fee may rank the office's other lines: 0510T beside 11102, indicator 2 both)."""
    if setting != "office":
        return physician_fee_ranked_unknown(line, setting, lines)
    if not mac_prices_fee(line):
        return False
    site = next((site for site in line.sites if site.setting == setting), None)
    group = _ranked_with(line)
    if site is None or site.payable or site.status != NOT_PRICED or group is None:
        return False
    return any(
        _ranked_with(other) == group and _priced_at(other, setting) for other in lines if other is not line
    ) and not _discontinued_outranked_of(line, setting, lines)


# A discontinued procedure the MAC prices (53 on a code CMS publishes no 53 row for: engine.modifiers.
# DISCONTINUED_MAC_PRICED, payment-rules.md §6) is a line the MAC prices as a status C one is, and a multiple procedure
# rule ranks it with the encounter's other lines "by fee schedule amount" (RVU file documentation, "Multiple Procedure
# (Modifier 51)"; indicator 4's 5% off the professional component of the lower-priced studies): its fee is the MAC's,
# not known here. Unlike a status C line's, its full fee is ranked here (the code's own row), so the note says so: the
# MAC's reduced fee may rank below the others', which are then not cut. A review: 72149-26-53 beside 76770-26 at
# 33136's hospital cut 76770-26 by 5% ($36.47 -> $34.65) and called the physician's $34.65 the total, silently.
MAC_RANKED_FULL_FEE = (
    " ({codes} ranked here by the full fee of {their} code: a discontinued procedure (53) the MAC prices lower may "
    "rank below the others, which are then not reduced)"
)


def discontinued_mac_priced(line: PriceResult) -> bool:
    """Whether a line is a discontinued procedure (53) whose fee the MAC prices (``DISCONTINUED_MAC_PRICED``)."""
    return any(
        amount.reason == modifier_table.DISCONTINUED_MAC_PRICED for amount in (line.pfs.non_facility, line.pfs.facility)
    )


def mac_prices_fee(line: PriceResult) -> bool:
    """Whether the MAC prices a line's physician's fee: contractor-priced (status C, zero RVUs) or a discontinued
    procedure with no CMS 53 row (``discontinued_mac_priced``)."""
    return line.pfs.contractor_priced or discontinued_mac_priced(line)


# But a discontinued procedure's MAC price cannot exceed its code's full fee: the MAC pays the part of the service done
# (Noridian JE Part B, "Modifier 53": "Bill Medicare percentage of service completed", its example the MPFS allowed
# $200 x 60%), and the procedure "with the highest fee schedule amount" is paid 100% (Claims Processing Manual ch. 12
# §40.6.2; the RVU file's indicator 2; indicator 3: "Pay the full value of the highest valued endoscopy"). Where the 53
# line's full fee ranks below a priced line of its group, that line is paid in full whatever the MAC pays, and the total
# is priced (the 53 line's own note says its fee is not included). A review: 29881-53 ($612.87 in full at 33136's ASC)
# beside 29880 ($636.96) left the total not priced, "it may be the one paid in full". Only the surgical group
# (indicators 1-3, ranked by the whole fee): imaging, therapy and the other component rules rank a part. An endoscopy
# family is ranked against the other procedures by its total (the family's rule applied "before ranking procedures
# performed on the same day", as payers restate §40.6.2), which the MAC's price enters: the 53 line's family must then
# be the group's only one. A 50 line, or a second line of its code (an LT and RT pair), ranks by more than its one
# fee: left as the MAC's.
DISCONTINUED_OUTRANKED_GROUP = "123"


def discontinued_outranked(
    code: str, modifiers: Iterable[str], family: str, fee: int | None, others: Iterable[tuple[str, str, int | None]]
) -> bool:
    """Whether a discontinued procedure the MAC prices (``discontinued_mac_priced``) of the surgical group ranks below
    a priced line of it whatever the MAC pays (``DISCONTINUED_OUTRANKED_GROUP``): ``fee``, its code's full fee in the
    setting (cents; None: not known); ``family``, its endoscopy family ('' none); ``others``, the group's other lines
    (code, family, the fee schedule amount a rule ranks it by in cents, None where it is not priced). Price's total
    (``physician_fee_ranked_unknown``, ``mac_ranked_with``) and batch (batch.claims._mac_ranked) alike."""
    others = list(others)
    if fee is None or "50" in modifiers or any(other == code for other, _, _ in others):
        return False
    if family and any(their != family and other != family for other, their, _ in others):
        return False
    return any(amount is not None and amount > fee for _, _, amount in others)


def _discontinued_outranked_of(line: PriceResult, setting: str, lines: Sequence[PriceResult]) -> bool:
    """``discontinued_outranked`` of a line of ``lines`` in ``setting`` (False: not such a line)."""
    group = _ranked_with(line)
    if line.pfs.contractor_priced or group != DISCONTINUED_OUTRANKED_GROUP or not discontinued_mac_priced(line):
        return False
    office = setting == "office"
    others = [
        (other.code, _endoscopy_family(other), _ranking_fee(other, office) if _priced_there(other, setting) else None)
        for other in lines
        if other is not line and _ranked_with(other) == group
    ]
    return discontinued_outranked(line.code, line.modifiers, _endoscopy_family(line), _full_fee(line, office), others)


def _priced_there(line: PriceResult, setting: str) -> bool:
    return _priced_at(line, setting) if setting == "office" else _physician_priced_at(line, setting)


def _endoscopy_family(line: PriceResult) -> str:
    """The RVU file's ENDO BASE of a line of multiple procedure indicator 3 ('' none)."""
    indicator, base = line.pfs.indicators.get("mult_proc"), line.pfs.indicators.get("endo_base")
    return base.value if indicator is not None and indicator.value == "3" and base is not None else ""


def _ranking_fee(line: PriceResult, office: bool) -> int | None:
    """A priced line's fee schedule amount before the rules (cents), in the office's or the facility's PFS column."""
    amount = (line.pfs.non_facility if office else line.pfs.facility).fee_schedule_amount
    return None if amount is None else int(amount * 100)


def _full_fee(line: PriceResult, office: bool) -> int | None:
    """The line's code's full fee (its CMS row's, the PFS formula: ``kernels.fee_cents``) in cents; None: not known."""
    pfs = line.pfs
    if pfs.rvu is None or pfs.gpci is None or pfs.conversion_factor is None:
        return None
    practice = pfs.rvu.pe_non_facility if office else pfs.rvu.pe_facility
    work, pe, mp = (int(value * 100) for value in (pfs.rvu.work, practice, pfs.rvu.mp))  # hundredths
    gpci = [int(value * 1000) for value in (pfs.gpci.work, pfs.gpci.pe, pfs.gpci.mp)]  # thousandths
    return int(fee_cents(work, pe, mp, gpci[0], gpci[1], gpci[2], int(pfs.conversion_factor * 10000)))


def mac_ranked_note(codes: Sequence[str], discontinued: Sequence[str] = ()) -> str:
    """Why a total is not priced where a line the MAC prices ranks with the priced ones (``mac_ranked_with``): the
    single lookup's total says it, and batch's rows the rule ranks with such a line (batch.claims._mac_ranked), so
    that a claim's priced lines say why its total is not known (a review: batch paid 11102 in full beside 0510T and
    said nothing). ``discontinued``: those of ``codes`` ranked by their full fee (``MAC_RANKED_FULL_FEE``). No "; " in
    it: batch's note column joins a row's notes with it."""
    note = PHYSICIAN_TOTAL_RANKED.format(codes=", ".join(codes))
    if discontinued:
        their = "its" if len(discontinued) == 1 else "each one's"
        note += MAC_RANKED_FULL_FEE.format(codes=", ".join(discontinued), their=their)
    return note


def _mac_ranked_note_of(lines: Sequence[PriceResult]) -> str:
    """``mac_ranked_note`` of these lines (the MAC's, ranked with priced ones), naming the discontinued ones."""
    discontinued = list(dict.fromkeys(line.code for line in lines if discontinued_mac_priced(line)))
    return mac_ranked_note([line.code for line in lines], discontinued)


def _physician_priced_at(line: PriceResult, setting: str) -> bool:
    """Whether the line's physician's fee in ``setting`` has an amount."""
    return any(site.professional_payment is not None for site in line.sites if site.setting == setting)


def _priced_at(line: PriceResult, setting: str) -> bool:
    """Whether the line's site in ``setting`` has an amount."""
    return any(site.payable for site in line.sites if site.setting == setting)


def _ranked_with(line: PriceResult) -> str | None:
    """The lines a multiple procedure rule ranks this one with (``RANKED_WITH``), by its indicator; None: none."""
    indicator = line.pfs.indicators.get("mult_proc")
    return RANKED_WITH.get(indicator.value) if indicator is not None else None


# At a place with no facility payment priced (inpatient 21, a SNF ...: the "facility" setting, the physician's claim
# there), the same: a line the PFS pays nothing by its status (``PFS_UNPAID_ALONE``; the RVU file's status B "always
# bundled", X "not in the statutory definition of 'physician services' ... no payment may be made under the physician
# fee schedule", E, I, N ...), or a code the RVU file does not list, is carried unpaid on the physician's claim and the
# others are paid: each line is adjudicated on its own (as in the office, above), and what such a line is for an
# inpatient is the hospital's, "Supplies, appliances, and equipment which are ordinarily furnished by the hospital for
# the care and treatment of the beneficiary solely during his inpatient stay in the hospital are covered inpatient
# hospital services" (Medicare Benefit Policy Manual ch. 1 §40; the Medicare Hospital Manual §210.4 in the same words).
# Batch's claim totals have always summed the physician's priced rows so (a trial: `price 99213 A4550 --setting 21` was
# "not payable", `99213 A4604` "not priced", where batch paid 99213's fee for both claims).
PHYSICIAN_UNPAID_ALONE = (
    "The physician's total is the other lines' and leaves out the lines the PFS does not pay (bundled, excluded, not a "
    "physician's service, or not in the PFS: each line's reason says which)"
)


# A clinical lab test (paid from the CLFS) at a place with no facility payment priced (the "facility" setting: an
# inpatient hospital, a SNF ...). The CLFS pays a laboratory under Part B: for an outpatient or a non-patient specimen
# (Claims Processing Manual ch. 16 §30.3, "Method of Payment for Clinical Laboratory Tests - Place of Service
# Variation"). A hospital inpatient's tests are inpatient hospital services, paid to the hospital under Part A in its
# payment for the stay: "Diagnostic services furnished to an inpatient by an independent clinical laboratory under
# arrangements with the hospital are reimbursable under hospital insurance" (SSA POMS HI 00601.035 B); inpatient
# hospital services are the "diagnostic or therapeutic items or services, furnished by the hospital or by others under
# arrangements with them made by the hospital" to an inpatient of a hospital (SSA §1861(b)(3)), a psychiatric hospital
# and a rehabilitation hospital or unit being hospitals (§1861(e), (f)): POS 21, 51 (inpatient psychiatric facility)
# and 61 (comprehensive inpatient rehabilitation facility) alike. The prospective payment is payment in full for the
# stay (42 CFR 412.2(b)), and Medicare "does not pay any provider or supplier other than the [long-term care] hospital
# for services furnished to a Medicare beneficiary who is an inpatient" but the physician's and the like (42 CFR
# 412.509(b), read; the IPPS hospital's rule, 412.50, in the same words, not read here). A SNF resident's tests in a
# covered Part A stay are the SNF's under consolidated billing: "Laboratory tests performed for the SNFs Medicare
# inpatient covered under Part A are included in the SNF prospective payment system (PPS) rate and laboratories cannot
# bill separately"; outside a Part A stay "the laboratory may bill Medicare" (an independent lab, the carrier) (Empire
# Medicare Services, MIR-2007-3A, restating CMS's program memorandum AB-02-043; Claims Processing Manual ch. 16 §40.4).
# POS 31 is the SNF resident in a Part A stay, POS 32 (priced as the office, its CLFS amount) a resident outside one.
# The other places with no facility payment priced (02, 06, 08, 26, 34, 41, 42, 52, 53, 56: engine.place_of_service)
# are none of these: whether the place's own payment takes the test in (a partial hospitalization program's per diem
# includes "such diagnostic services as are reasonable and necessary", SSA §1861(ff)(2); hospice pays for the care of
# the terminal illness, 42 CFR 418.202) or an outside laboratory bills Part B the CLFS amount depends on the service
# and the patient, which rvucalc cannot see: the reason says so rather than the inpatient/SNF rule. So at such a place
# the line is not priced, and its reason says why: single lookups (lookup.pricer) and batch (batch.schedules) alike,
# each line left out of the physician's total alone (``unpaid_alone``). One text for every such place, as batch's
# lines do not keep the place of service code (only its site). (No "; " in it: batch's note column joins a row's
# notes with it.)
LAB_AT_FACILITY_REASON = (
    "No CLFS payment priced at this place. For a hospital inpatient (POS 21, 51 inpatient psychiatric facility, 61 "
    "inpatient rehabilitation facility) a lab test is the hospital's, an inpatient hospital service paid under Part A "
    "in its payment for the stay (SSA §1861(b)(3), 42 CFR 412.2(b), 412.509(b)), and for a SNF resident in a covered "
    "Part A stay (POS 31) the SNF's under consolidated billing (SNF PPS: Claims Processing Manual ch. 16 §40.4), not "
    "an outside laboratory's. At the other places with no facility payment priced (a CMHC or partial hospitalization, "
    "hospice, telehealth, an ambulance ...) rvucalc does not know whether the place's own payment includes the test or "
    "an outside laboratory bills Part B its CLFS amount (the clfs_amount, as priced at the office). Part B pays a "
    "laboratory the CLFS amount for an outpatient, a non-patient specimen or a SNF resident outside a Part A stay (POS "
    "32: priced as the office)"
)


# A drug the ASP file prices (the drug_amount, as at the office) at a place with no facility payment priced (the
# "facility" setting), as a lab test there (LAB_AT_FACILITY_REASON): a trial's J1569 x 60 at POS 21 showed its ASP
# amount, $2,837.28, with no allowed amount and only the place's note. Part B's ASP payment limit is for a drug
# "incident to" a physician's service or a hospital outpatient's; a hospital inpatient's drugs are inpatient hospital
# services:
# "Drugs and biologicals for use in the hospital, which are ordinarily furnished by the hospital for the care and
# treatment of inpatients are covered" as such (Medicare Benefit Policy Manual ch. 1 §30, as SSA POMS HI 00601.025
# restates it), paid to the hospital under Part A in its prospective payment for the stay, the DRG under the IPPS,
# payment in full (42 CFR 412.2(b)); a hemophilia inpatient's blood clotting factor alone is paid on top of it, an
# add-on to the hospital's Part A payment (Claims Processing Manual ch. 3 §20.7.3, as a MAC's page restates it). A SNF
# resident's drugs in a covered Part A stay are the SNF's under consolidated billing, but for the drugs CMS excludes
# from it (chemotherapy drugs, blood clotting factors ... on its consolidated billing exclusion lists: Claims
# Processing Manual ch. 6 §20), which rvucalc does not have. One text for every such place, as batch's lines keep the
# site alone (LAB_AT_FACILITY_REASON's reasons): a reason, no money changed (the line had no allowed amount there).
# (No "; " in it: batch's note column joins a row's notes with it.)
DRUG_AT_FACILITY_REASON = (
    "No ASP payment priced at this place. A drug given to a hospital inpatient (POS 21, 51 inpatient psychiatric "
    "facility, 61 inpatient rehabilitation facility) is an inpatient hospital service, paid to the hospital under Part"
    " A in its payment for the stay (the DRG, under the IPPS), not at the ASP payment limit (Benefit Policy Manual ch."
    " 1 §30, 42 CFR 412.2(b)), and a SNF resident's in a covered Part A stay (POS 31) is the SNF's under consolidated "
    "billing unless CMS's consolidated billing exclusions list the drug (chemotherapy drugs, clotting factors ...: "
    "Claims Processing Manual ch. 6 §20). At the other places with no facility payment priced rvucalc does not know "
    "whether the place's own payment includes the drug or it is billed to Part B at its ASP limit (the drug_amount, as"
    " priced at the office)"
)


# A DMEPOS item at such a place (the "facility" setting): Part B pays DME "used in the patient's home", and an
# institution that meets the basic definition of a hospital (SSA §1861(e)(1)) or of a SNF (§1819(a)(1)) "may not be
# considered a beneficiary's home": a patient there "is not entitled to have separate Part B payment made for rental
# or purchase of DME" (Benefit Policy Manual ch. 15 §110.1; SSA §1861(n), 42 CFR 410.38). A hospital inpatient's items
# are in the hospital's Part A payment for the stay, and a SNF resident's in a covered Part A stay (POS 31) the SNF's
# under consolidated billing (Claims Processing Manual ch. 6 §20), but for the items CMS's exclusion lists name, which
# rvucalc does not have (a wound care trial's L4361 at POS 31 showed "Medicare pays $270.45" beside "not payable").
# A nursing facility (POS 32, priced as the office) may be a home when it is not SNF-level: unchanged, as are the
# hospital outpatient places (19, 22), where a hospital may bill prosthetics and orthotics at the DMEPOS fee (OPPS
# SI A). A reason, no money changed (the line had no allowed amount there). (No "; " in it: batch's note column joins
# a row's notes with it.) Not every DMEPOS item is DME: "Therapeutic shoes for diabetics are not DME and are not
# considered DME nor orthotics, but a separate category of coverage under Medicare Part B" (Benefit Policy Manual ch.
# 15 §140; SSA §1861(s)(12)), nor are supplies, prosthetics or orthotics; the home rule above is DME's alone. What
# leaves such an item unpaid at POS 31 is consolidated billing: in a covered Part A stay the SNF itself bills all of
# its resident's services but those CMS's exclusion lists name (Claims Processing Manual ch. 6 §10.1, §20; 42 CFR
# 411.15(p)). A review: `rvucalc price A5500-KX-RT --setting 31` called the shoe DME and cited the home rule alone.
# Said of every item, DME or not; the amount unchanged. A hospital inpatient's item is the hospital's even where Part A
# pays nothing (benefits exhausted, not entitled, the stay denied): then "Prosthetic and orthotic devices" and
# "Surgical dressings, and splints, casts" are among the services the hospital bills under Part B on its inpatient
# (12x) bill (Benefit Policy Manual ch. 6 §10; Novitas, "Part A Ancillary Services"), still no supplier's line: a
# review found the reason said "in the hospital's Part A payment" alone, false for such a stay.
DMEPOS_AT_FACILITY_REASON = (
    "No DMEPOS payment priced at this place. A hospital (POS 21, 51, 61) or a SNF (POS 31) is not the patient's home"
    ", so DME there gets no separate Part B payment (Benefit Policy Manual ch. 15 §110.1), and an item that is not "
    "DME (a supply, orthotic or therapeutic shoe) is paid within the stay too: a hospital inpatient's in the "
    "hospital's Part A payment (where Part A pays nothing for the stay, a brace, prosthetic or dressing is on the "
    "hospital's own Part B inpatient bill, Benefit Policy Manual ch. 6 §10), a SNF resident's in a covered Part A stay "
    "by the SNF under consolidated billing unless "
    "CMS's exclusion lists name the item (Claims Processing Manual ch. 6 §20). At the other places with no facility "
    "payment priced rvucalc does not know whether the item is paid (the dmepos_amount, as priced at the office)"
)


def unpaid_alone(line: PriceResult, setting: str) -> bool:
    """Whether the line is unpaid on its own by its indicator (``OPPS_UNPAID_ALONE``, ``ASC_UNPAID_ALONE``), its file
    installed, or in the office by its PFS status (``PFS_UNPAID_ALONE``) when no other schedule pays it, or at a place
    with no facility payment priced by its PFS status, or as a code the RVU file does not list
    (``PHYSICIAN_UNPAID_ALONE``)."""
    if setting == "facility":
        place = next((site for site in line.sites if site.setting == "facility"), None)
        why = (place.reason if place is not None else None) or ""
        return (
            (line.pfs.status in PFS_UNPAID_ALONE and why.startswith("No PFS payment"))
            or (not line.pfs.in_schedule and why == not_in_pfs_reason(line.code))
            or why in (LAB_AT_FACILITY_REASON, DRUG_AT_FACILITY_REASON, DMEPOS_AT_FACILITY_REASON)
        )
    if setting == "office":
        office = next((site for site in line.sites if site.setting == "office"), None)
        reason = office.reason if office is not None else None
        # Its reason is the PFS status's (a line Medicare pays outside the PFS, not priced here, is
        # ``office_priced_apart``'s).
        if line.pfs.status in PFS_UNPAID_ALONE and (reason or "").startswith("No PFS payment"):
            return True
        facility_code = any(result is not None and result.installed and (indicator is not None)
                            for result, indicator in ((line.opps, line.opps and line.opps.status_indicator),
                                                      (line.asc, line.asc and line.asc.payment_indicator)))  # fmt: skip
        return not line.pfs.in_schedule and reason == not_in_pfs_reason(line.code) and facility_code
    if setting == "hopd":
        opps = line.opps
        return opps is not None and opps.installed and not opps.payable and opps.status_indicator in OPPS_UNPAID_ALONE
    if setting == "asc":
        asc = line.asc
        return asc is not None and asc.installed and not asc.payable and asc.payment_indicator in ASC_UNPAID_ALONE
    return False


def billed_elsewhere(line: PriceResult, setting: str) -> bool:
    """Whether a line the hospital's or ASC's own payment leaves out is still part of an encounter there: an OPPS
    SI in ``OPPS_BILLED_ELSEWHERE``; in the ASC, a code on neither ASC list that is no procedure (PFS global XXX:
    an E/M, a lab, an imaging read). Not a file not installed, an inpatient-only or an ASC-excluded procedure."""
    if setting == "hopd":
        return line.opps is not None and line.opps.installed and line.opps.status_indicator in OPPS_BILLED_ELSEWHERE
    if setting == "asc":
        asc = line.asc
        if asc is None or not asc.installed or asc.payment_indicator is not None:
            return False
        return ASC_NOT_LISTED in (asc.reason or "") and line.pfs.global_days in (None, "XXX")
    if setting == "facility":
        # A technical component (or a technical-only code) is the hospital's part in a facility, which the physician's
        # claim there never carries (engine.pfs.FACILITY_PART): the physician's total is the other lines', as batch's
        # claim totals are (a review: 99213 + 71045-TC at POS 21 "not payable", batch paying 99213).
        return line.pfs.facility.facility_part
    return False


def _codes_and_reasons(codes_by_reason: dict[str, list[str]]) -> str:
    """Each reason after the codes it is on; a reason that is one code's and begins with it as a label (the DMEPOS
    file's "A7034: the DMEPOS fee schedule prices it by modifier, give one of: NU") is said as it is: a sleep
    practice's trial read "A7034: A7034: the DMEPOS fee schedule ..." (the line notes' rule, ``cli.tables``)."""
    said = []
    for reason, codes in codes_by_reason.items():
        if codes:
            labelled = len(codes) == 1 and reason.startswith(f"{codes[0]}: ")
            said.append(reason if labelled else f"{', '.join(codes)}: {reason}")
    return "; ".join(said)


def _sum(sites: list[Site], field: str) -> Decimal | None:
    values = [getattr(site, field) for site in sites if getattr(site, field) is not None]
    return sum(values, Decimal("0.00")) if values else None


@dataclass(frozen=True)
class FacilityFactor:
    """What a line's modifiers do to one facility rate: the exact share paid, the rules, and whether
    the line still enters the encounter's multiple-procedure discount."""

    factor: Fraction = Fraction(1)
    rules: tuple[tuple[str, str, Fraction], ...] = ()  # (rule, modifier, percent)
    notes: tuple[str, ...] = ()
    discounted: bool = True
    device_removed: bool = False  # ASC 73: a device-intensive procedure's device portion goes first (removed_device)
    device_credit: Fraction = Fraction(0)  # ASC FB (1), FC (1/2): the device portion's share taken off (removed_device)

    def apply(self, cents: Any) -> Any:
        """``cents`` (an int or an integer array) times the factor, rounded once, half-up."""
        return round_half_up(cents * self.factor.numerator, self.factor.denominator)


def facility_factor(
    modifiers: Iterable[str], *, site: str, code: str, year: int, apc: str | None, subject_to_discount: bool,
    status_indicator: str | None = None, bilateral_indicator: str | None = None, rural_sole_community: bool = False,
) -> FacilityFactor:  # fmt: skip
    """73/74/52 (ASC and OPPS), PN/PO and FX/FY/CT (OPPS) and, in the ASC, bilateral 50 as two procedures, or one
    by the code's PFS bilateral indicator (``bilateral_indicator``; ``engine.modifiers``: each rule and its CMS
    source are there). ``rural_sole_community``: the hospital is a rural SCH (engine.hospitals: PO's exemption)."""
    mods = [m.upper() for m in modifiers]
    if not set(mods) & modifier_table.FACILITY_MODIFIERS:
        return FacilityFactor()
    outcome = modifier_table.apply_facility_modifiers(
        Fraction(1), mods, site="asc" if site == "asc" else "opps", code=code, year=year, apc=apc,
        status_indicator=status_indicator, rural_sole_community=rural_sole_community and site != "asc",
    )  # fmt: skip
    rules = [(step.rule, step.modifier, step.percent) for step in outcome.steps]
    notes = list(outcome.notes)
    factor = outcome.factor
    if site == "asc" and "50" in mods:
        # A terminated or reduced procedure (73, 52) is not discounted further (its 50% is its whole cut): each of the
        # bilateral procedure's two sides is paid 73's 50%, as its RT-73 and LT-73 lines are (a pain practice's trial:
        # 64493-50-73 was 150% x 50% = 75%, the RT/LT lines 100%).
        terminated = bool(set(mods) & TERMINATED_MODIFIERS)
        bilateral = modifier_table.asc_bilateral(100, subject_to_discount and not terminated, bilateral_indicator,
                                                 terminated=terminated)  # fmt: skip
        if bilateral.percent == 100:  # one procedure (PFS bilateral indicator 0 or 2): the rate unchanged, said
            notes.append(f"{bilateral.rule} ({bilateral.source})")
        else:
            rules.append((f"{bilateral.rule} ({bilateral.source})", "50", bilateral.percent))
            factor *= bilateral.percent / 100
    credit = Fraction(1) if "FB" in mods else Fraction(1, 2) if "FC" in mods else Fraction(0)
    return FacilityFactor(factor, tuple(rules), tuple(notes), outcome.multiple_procedure_discount,
                          device_removed=site == "asc" and "73" in mods,
                          device_credit=credit if site == "asc" else Fraction(0))  # fmt: skip


def apply_facility_modifiers(
    opps: OppsResult, asc: AscResult, modifiers: Iterable[str], code: str, year: int,
    bilateral_indicator: str | None = None, rural_sole_community: bool = False,
) -> None:  # fmt: skip
    """A line's modifiers on its OPPS and ASC results: the rate (and the patient's share) times the
    factor, listed as adjustments. ``bilateral_indicator``: the PFS row's (ASC 50, ``facility_factor``);
    ``rural_sole_community``: the hospital is a rural SCH (``facility_factor``)."""
    mods = list(modifiers)
    if opps.payable and opps.rate is not None:
        terms = facility_factor(mods, site="opps", code=code, year=year, apc=opps.apc, subject_to_discount=True,
                                status_indicator=opps.status_indicator,
                                rural_sole_community=rural_sole_community)  # fmt: skip
        if opps.rate:  # a packaged line's $0.00 is no rate to change, or to speak of
            if terms.rules:
                _apply_factor(opps, terms, "copayment")
            opps.notes = [*opps.notes, *terms.notes]
    if asc.payable and asc.rate is not None:
        terms = facility_factor(
            mods, site="asc", code=code, year=year, apc=None,
            subject_to_discount=bool(asc.multiple_procedure_discounting), bilateral_indicator=bilateral_indicator,
        )  # fmt: skip
        halves = removed_device(terms, asc.payment_indicator, asc.device_portion)
        if halves:
            before = _cents(asc.rate)
            after = int(asc_less_device(before, int(_cents(asc.device_portion)), halves))
            credit = "FB" if terms.device_credit == 1 else "FC"
            rule, indicator = ((DEVICE_REMOVED_RULE, "73") if terms.device_removed
                               else (DEVICE_CREDIT_RULES[terms.device_credit], credit))  # fmt: skip
            asc.adjustments = [*asc.adjustments, Adjustment.model_construct(
                rule=rule, indicator=indicator, percentage=None, amount_before=money(before),
                amount_after=money(after))]  # fmt: skip
            asc.rate, asc.coinsurance = money(after), money(coinsurance(after))
            asc.ira_adjusted = False
        if asc.rate:
            if terms.rules:
                _apply_factor(asc, terms, "coinsurance")
            asc.notes = [*asc.notes, *terms.notes]
        if not terms.discounted:
            asc.multiple_procedure_discounting = False


# CMS Claims Processing Manual ch. 14 §40.10, "Removal of Device Portion from Certain Discounted Device-Intensive ASC
# Procedures Prior to the Administration of Anesthesia": a device-intensive procedure (PI J8) discontinued before
# anesthesia (73) is paid 50% of its rate less the device portion (Addendum FF), the device not being used.
DEVICE_REMOVED_RULE = "73 on a device-intensive procedure: the device portion (Addendum FF) removed before the 50%"


# The OPPS: since CY2017, a device-intensive procedure discontinued before anesthesia (73) is paid 50% of its rate
# after the procedure's device offset is removed (42 CFR 419.44(b); the CY2017 OPPS final rule, 81 FR 79562,
# section on discontinued device-intensive procedures). The offset is the HCPCS code's own (Addendum P, the OPPS's
# device offset percentages), which rvucalc has not. ASC Addendum FF's "Device Offset Percentage" is CMS's
# HCPCS-level percentage too, but FF's "OPPS Payment Rate" is not Addendum B's (63685, October 2025: $28,371.04 in
# FF, $30,473.59 in Addendum B), and whether the Pricer takes the offset off the national or the wage-adjusted rate
# is in no text rvucalc could read: the OPPS amount is left at 50% of the full rate, and the line says so (never
# priced from ASC rates). A procedure is device-intensive here when the ASC pays it as one (PI J8, Addendum FF's
# device portion): a device-intensive procedure the ASC does not cover is not seen.
OPPS_DEVICE_OFFSET_NOTE = (
    "73 on a device-intensive procedure (ASC PI J8, Addendum FF): CMS removes the procedure's device offset before "
    "the OPPS's 50% (42 CFR 419.44(b), from CY2017). The OPPS amount shown does not, the OPPS's device offsets "
    "(Addendum P) not being installed: the hospital is paid less than shown"
)


def opps_device_offset_kept(opps: OppsResult, asc: AscResult, modifiers: Iterable[str]) -> bool:
    """Whether a line's OPPS rate is 73's 50% of a device-intensive procedure's full rate (OPPS_DEVICE_OFFSET_NOTE):
    73 on a paid OPPS line the ASC pays as device-intensive (PI J8, with a device portion)."""
    return bool(
        "73" in {m.upper() for m in modifiers}
        and opps.payable
        and opps.rate
        and asc.payment_indicator == "J8"
        and asc.device_portion
    )


# 53 (discontinued procedure) is the physician's modifier: a hospital or an ASC reports a discontinued procedure with
# 73 (before anesthesia, 50%) or 74 (after, 100%) (Claims Processing Manual ch. 4 §20.6.4 for the OPPS, ch. 14 §40.4
# for ASCs: SRC_OPPS_TERMINATED, SRC_ASC_TERMINATED in engine.modifiers; CPT's list of modifiers approved for
# hospital outpatient and ASC use has 73 and 74, not 53, as restated by the trade page hiacode.com, "Use of CPT
# Modifiers 53, 73, and 74", 2026). What CMS's systems do with a facility line carrying 53 is in no text rvucalc could
# read: the rate is left in full (as 74's), and the line says so.
FACILITY_53_NOTE = (
    "53 (discontinued procedure) is the physician's modifier, not a hospital's or an ASC's: the facility reports a "
    "discontinued procedure with 73 (before anesthesia: 50% of its rate) or 74 (after: 100%) (Claims Processing "
    "Manual ch. 4 §20.6.4, ch. 14 §40.4). The hospital (OPPS) and ASC rates shown are the full rates, as for 74 "
    "(with 73 they would be 50%)"  # no "; " inside: batch's note column joins a row's notes with it
)
FACILITY_53_SETTINGS = (None, "hopd", "asc")  # the lookup's setting (None: every site) where facility rates are shown


def physician_53_at_facility(opps: OppsResult, asc: AscResult, modifiers: Iterable[str], setting: str | None) -> bool:
    """Whether a line with the physician's 53 is shown with a hospital or ASC rate (``FACILITY_53_NOTE``): 53 on it,
    its setting one whose facility rates are shown, and an OPPS or ASC rate above $0.00."""
    return bool(
        "53" in {m.upper() for m in modifiers}
        and setting in FACILITY_53_SETTINGS
        and ((opps.payable and opps.rate) or (asc.payable and asc.rate))
    )


DEVICE_CREDIT_RULES = {
    Fraction(1): "FB: the device was furnished without cost (or fully credited): the device portion (Addendum FF) "
    "removed (42 CFR 416.179)",
    Fraction(1, 2): "FC: a partial credit for the device: half the device portion (Addendum FF) removed "
    "(42 CFR 416.179(b)(2))",
}


# FB and FC take a device-intensive procedure's device portion off its ASC rate (``removed_device``), and only such a
# procedure's: CMS lists the device-intensive procedures "for which the no cost/full credit or partial credit device
# adjustment policy will apply" (the OPPS/ASC final rules' table of device-intensive ASC procedures, as RACmonitor's
# "ASCs Put on Notice" restates it), FB "may be reported with the CPT/HCPCS codes listed on the ASC FB/FC Device
# Adjustment Policy files" (Palmetto GBA's modifier FB page), and FC applies "to the same devices ... and ASC
# procedures to which the no cost or full credit policy applies" (MLN SE0732); 42 CFR 416.179; Claims Processing Manual
# ch. 14 §40.8. On another paid ASC line (PI A2, G2, ...: no device portion in Addendum FF) the modifier changes
# nothing, which is said where the ASC's rate shows: a trial's 64483-FB said FB "changes the ASC's rate" beside the
# rate unchanged. Price (``lookup.pricer``) and batch (``batch.price``: a row's ASC rate above $0.00, no device).
DEVICE_CREDIT_NO_EFFECT = (
    "Modifier {modifier} (device credit) has no effect on {code}'s ASC rate: {code} is not a device-intensive "
    "procedure at the ASC (payment indicator J8, a device portion in Addendum FF), the only procedures the device "
    "credit reduction applies to (42 CFR 416.179, Claims Processing Manual ch. 14 §40.8)"
)
DEVICE_CREDIT_MODIFIERS = ("FB", "FC")


def device_credit_no_effect(code: str, modifiers: Iterable[str], asc: AscResult) -> str | None:
    """What FB or FC says on a paid ASC line (its rate above $0.00) that is no device-intensive procedure
    (``DEVICE_CREDIT_NO_EFFECT``); None else."""
    given = [m for m in DEVICE_CREDIT_MODIFIERS if m in {each.upper() for each in modifiers}]
    if not given or not asc.payable or not asc.rate or (asc.payment_indicator == "J8" and asc.device_portion):
        return None
    return DEVICE_CREDIT_NO_EFFECT.format(modifier=given[0], code=code)


def removed_device(terms: FacilityFactor, payment_indicator: str | None, device_portion: Any) -> int:
    """The halves of a device-intensive ASC procedure's device portion taken off its rate (``kernels.asc_less_device``,
    which rounds the payment once): 2 for 73 (first) and FB (all of it), 1 for FC (half); 0 otherwise."""
    if payment_indicator != "J8" or not device_portion:
        return 0
    return 2 if terms.device_removed else int(terms.device_credit * 2)


def _apply_factor(result: OppsResult | AscResult, terms: FacilityFactor, share_field: str) -> None:
    assert result.rate is not None
    before = _cents(result.rate)
    exact = _unmodified_opps_rate(result, terms)
    # The OPPS Pricer pays the unrounded wage-adjusted rate times the line's discount rate (73 and 52's 50%, formula
    # 3), rounded once (kernels.OPPS_UNROUNDED_SCALE): 45378-73 is $541.68, half of $1,083.3668, as a lower-paid
    # procedure's 50% is, not half of the rounded $1,083.37; its APC adjustments (PN, PO, FX, FY, CT) are taken off
    # the national APC payment first, rounded (APC_ADJUSTMENT_ORDER).
    after = terms.apply(before) if exact is None else opps_scaled(exact, apc_adjustments(terms.rules, terms.factor)[1])
    rules = terms.rules if exact is None else apc_rules_with_figures(result, terms.rules, int(after))  # type: ignore[arg-type]
    result.adjustments = [
        *result.adjustments,
        *(
            Adjustment.model_construct(
                rule=rule, indicator=modifier, percentage=Decimal(percent.numerator) / Decimal(percent.denominator),
                amount_before=money(before), amount_after=money(after),
            )
            for rule, modifier, percent in rules
        ),
    ]  # fmt: skip
    result.rate = money(after)
    share = getattr(result, share_field)
    if share_field == "coinsurance":
        setattr(result, share_field, money(coinsurance(after)))
        result.ira_adjusted = False  # type: ignore[union-attr]
    elif share is not None:
        if isinstance(result, OppsResult) and section_603(modifier for _, modifier, _ in terms.rules):
            # kernels.SECTION_603_MEDICARE_SHARE: 20% of the PN line's payment, not capped at the inpatient deductible
            result.medicare_share = Decimal(SECTION_603_MEDICARE_SHARE).scaleb(-6)
            result.copayment_capped = False
            result.notes = [note for note in result.notes if not note.startswith(COPAYMENT_CAPPED)]
        setattr(result, share_field, money(_share_after(result, after, _cents(share), terms.factor)))


def section_603(modifiers: Iterable[str]) -> bool:
    """Whether a hospital line's modifiers make it a section 603 line (PN cut its rate; a drug's PN, which keeps its
    rate, is no step), whose copayment is 20% of its payment, never capped (kernels.SECTION_603_MEDICARE_SHARE);
    single lookups and batch arrays alike."""
    return "PN" in set(modifiers)


def _unmodified_opps_rate(result: OppsResult | AscResult, terms: FacilityFactor) -> int | None:
    """An OPPS line's unrounded rate (10^-7 cent) when nothing changed it yet (no adjustment: a rural sole community
    hospital's 7.1% is one), after ``terms``' APC adjustments (``apc_adjusted_mills``), else None; national for a
    rate not wage-adjusted (a drug's, to the tenth of a cent)."""
    if not isinstance(result, OppsResult) or result.adjustments or result.national_rate is None:
        return None
    wage_index = WAGE_INDEX_SCALE if result.wage_index is None or not result.labor_share else int(
        result.wage_index.scaleb(4))  # fmt: skip
    return int(opps_unrounded_rate(_apc_payment_mills(result, apc_adjustments(terms.rules)[0]), wage_index))


# A hospital line's APC reduction says the figures the Pricer works with (APC_ADJUSTMENT_ORDER): the national APC rate
# less the reduction, rounded to the cent, then a rural SCH's 1.071 and the wage adjustment. "40% of the OPPS rate:
# $271.08 -> $108.44" (the wage-adjusted rate before and the line's rate after) did not add up, 40% of $271.08 being
# $108.43: the Pricer's $108.44 is 40% of the national $295.19, $118.08, wage-adjusted. The rule carries its own
# figures (APC_RULE_WORDS), which the terminal then prints alone (``shows_its_figures``); JSON's amount_before and
# amount_after stay the line's rate before and after its modifiers. A 73 or 52 beside it (the discount rate, taken of
# the wage-adjusted rate) says its figures too.
APC_RULE_WORDS = "APC rate"


def apc_rules_with_figures(
    result: OppsResult, rules: Iterable[tuple[str, str, Fraction]], after: int
) -> list[tuple[str, str, Fraction]]:  # fmt: skip
    """``FacilityFactor.rules`` with each APC reduction's text giving its arithmetic on the national APC rate, each
    step rounded to the cent (``apc_adjusted_mills``), the last one followed by a rural SCH's 1.071
    (``_apc_payment_mills``) and the wage adjustment (rounded); a single other rule (73, 52) its share of that,
    ``after`` (cents, the line's rate). Unchanged without an APC reduction. The rules' order is kept (opps_line_terms
    reads it)."""
    assert result.national_rate is not None
    rules = list(rules)
    steps = sorted((index for index, (_, modifier, _) in enumerate(rules) if modifier in APC_ADJUSTMENT_ORDER),
                   key=lambda index: APC_ADJUSTMENT_ORDER.index(rules[index][1]))  # fmt: skip
    if not steps:
        return rules
    value, done = int(result.national_rate.scaleb(3)), list[str]()
    for index in steps:
        rule, modifier, percent = rules[index]
        reduced = int(apc_adjusted_mills(value, [percent / 100]))
        less = f" less {', '.join(done)}" if done else ""
        text = (f"{rule.rsplit(': ', 1)[0]}: {percent}% of the national {APC_RULE_WORDS}{less}, "
                f"{_dollars(round_half_up(value, 10))} -> {_dollars(round_half_up(reduced, 10))}")  # fmt: skip
        value, done = reduced, [*done, modifier]
        rules[index] = (text, modifier, percent)
    text, modifier, percent = rules[steps[-1]]
    if result.rural_sch_rate is not None:
        value = int(rural_sch_mills(value))
        text += f", then x 1.071 (rural sole community hospital): {_dollars(round_half_up(value, 10))}"
    wage_adjusted = result.wage_index is not None and bool(result.labor_share)
    wage_index = int(result.wage_index.scaleb(4)) if wage_adjusted else WAGE_INDEX_SCALE  # type: ignore[union-attr]
    adjusted = int(round_half_up(opps_unrounded_rate(value, wage_index), OPPS_UNROUNDED_SCALE))
    if wage_adjusted:
        text += f", then wage-adjusted: {_dollars(adjusted)}"
    rules[steps[-1]] = (text, modifier, percent)
    others = [index for index in range(len(rules)) if index not in steps]
    if len(others) == 1:
        rule, modifier, percent = rules[others[0]]
        wage = " and wage-adjusted" if wage_adjusted else ""
        rules[others[0]] = (f"{rule}, once the {APC_RULE_WORDS} is reduced ({', '.join(done)}){wage}, "
                            f"{_dollars(adjusted)} -> {_dollars(after)}", modifier, percent)  # fmt: skip
    return rules


def shows_its_figures(step: Adjustment) -> bool:
    """Whether an OPPS adjustment's rule already says its figures (``apc_rules_with_figures``): shown alone, without
    the line's rate before and after."""
    return step.indicator in modifier_table.FACILITY_MODIFIERS and APC_RULE_WORDS in step.rule


def _apc_payment_mills(result: OppsResult, steps: Iterable[Fraction]) -> int:
    """What an OPPS line's wage adjustment starts from (mills): its national rate less its APC reductions (PN, PO,
    CT, FX, FY; ``apc_adjusted_mills``), then at a rural sole community hospital that times 1.071, rounded to the cent
    (engine.hospitals.rural_sch_mills) -- in that order, as the OPPS Pricer: PerformApcAdjustments reduces H-APC-PYMT
    when it reads the lines, and calculateWageAdjustedPaymentAndSchAdj (19550-SCH-ADJ) multiplies what is left."""
    assert result.national_rate is not None
    reduced = apc_adjusted_mills(int(result.national_rate.scaleb(3)), steps)
    return int(rural_sch_mills(reduced)) if result.rural_sch_rate is not None else int(reduced)


def _share_after(result: OppsResult | AscResult, payment: int, share: int, factor: Fraction) -> int:
    """The patient's share once a rule paid ``factor`` of the rate (``payment`` cents): an OPPS line's the rest of
    the payment after Medicare's share (kernels.opps_coinsurance); the ASC's, 20% of its payment; a capped or
    IRA-adjusted copayment scaled with the rate."""
    if isinstance(result, AscResult) and not result.ira_adjusted:
        return int(coinsurance(payment))  # 20% of the ASC's payment (payment-rules.md section 3), as any line item's
    medicare_share = result.medicare_share if isinstance(result, OppsResult) else None
    by_share = medicare_share is not None and not (isinstance(result, OppsResult) and result.copayment_capped)
    percent = int(medicare_share.scaleb(6)) if by_share else NO_MEDICARE_SHARE  # type: ignore[union-attr]
    return int(opps_copayment_after(payment, percent, share, factor.numerator, factor.denominator))
