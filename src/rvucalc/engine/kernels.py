"""The payment arithmetic every path shares: single lookups, batch and export.

Each rule is written once here, in integer cents (rates in mills where CMS prints three
decimals, wage indexes in ten-thousandths), and works unchanged on Python ints (a single
lookup: the one-element case) and on integer numpy arrays (batch and export: whole
columns). Only ``+ - * //`` and the two selectors below are used, so an int stays an int
and a single lookup never imports numpy.
"""

from __future__ import annotations

from typing import Any

from rvucalc.engine.meanings import PRICED_STATUSES

WAGE_INDEX_SCALE = 10_000
OPPS_LABOR_PERCENT = 60  # payment-rules.md section 2
ASC_LABOR_PERCENT = 50  # payment-rules.md section 3
COINSURANCE_PERCENT = 20
SEQUESTRATION_PERCENT = 2  # reduction of Medicare's share, in force in 2026 (payment-rules.md section 1)
NO_CAP = -1  # an OPPS cap column's "none" (CMS's cap amounts are never negative)
NON_PAR_PERCENT = 9500  # 95% of the fee schedule amount
LIMITING_CHARGE_PERCENT = 10925  # 115% of the non-par amount = 109.25% of the fee schedule amount

# (RVU * GPCI) * CF carries 2 + 3 + 4 = 9 decimals; cents keep 2.
_FORMULA_TO_CENTS = 10**7


def _scalar(*values: Any) -> bool:
    return all(isinstance(value, int) for value in values)


def where(condition: Any, if_true: Any, if_false: Any) -> Any:
    """``if_true`` where ``condition`` holds, else ``if_false`` (bools/ints or arrays)."""
    if _scalar(condition, if_true, if_false):
        return if_true if condition else if_false
    import numpy as np

    return np.where(condition, if_true, if_false)


def lesser(a: Any, b: Any) -> Any:
    if _scalar(a, b):
        return min(a, b)
    import numpy as np

    return np.minimum(a, b)


def round_half_up(numerator: Any, denominator: Any) -> Any:
    """numerator / denominator rounded half-up, for non-negative integers (or integer arrays)."""
    return (numerator * 2 + denominator) // (denominator * 2)


def percent_of(cents: Any, percent_hundredths: Any) -> Any:
    """A share of an amount, e.g. 95.00% -> 9500; rounded half-up to cents."""
    return round_half_up(cents * percent_hundredths, 10_000)


# -- PFS ---------------------------------------------------------------------------------------


def fee_cents(work: Any, pe: Any, mp: Any, gpci_work: Any, gpci_pe: Any, gpci_mp: Any, cf: Any) -> Any:
    """The PFS formula: (work x GPCIw + PE x GPCIpe + MP x GPCImp) x CF, rounded once, half-up, to cents.

    RVUs in hundredths, GPCIs in thousandths, the CF in ten-thousandths (CMS's published places)."""
    exact = (work * gpci_work + pe * gpci_pe + mp * gpci_mp) * cf
    return round_half_up(exact, _FORMULA_TO_CENTS)


def is_paid_status(status: Any) -> Any:
    """Whether a PFS status is paid from RVUs (A, R, T); a str, or an array of them."""
    if isinstance(status, str):
        return status in PRICED_STATUSES
    import numpy as np

    return np.isin(status, list(PRICED_STATUSES))


def is_contractor_priced(status: Any, work: Any, pe_non_facility: Any, pe_facility: Any, mp: Any) -> Any:
    """No national amount, the MAC prices it: status C, or a paid status whose RVUs are all zero
    (RVU file documentation; e.g. 15824, status R, global 000, zero RVUs). Never shown as $0.00."""
    zero = (work == 0) & (pe_non_facility == 0) & (pe_facility == 0) & (mp == 0)
    if isinstance(status, str):
        return status == "C" or (status in PRICED_STATUSES and bool(zero))
    return (status == "C") | (is_paid_status(status) & zero)


def opps_cap_applies(fee: Any, cap: Any) -> Any:
    """The OPPS imaging cap (DRA 2005): it replaces the PFS amount when it is lower.

    ``cap`` is NO_CAP (or None, for a single lookup) where OPPSCAP lists no amount."""
    if cap is None:
        return False
    return (cap >= 0) & (cap < fee) if not _scalar(fee, cap) else 0 <= cap < fee


# WHAT_IF_OPPS_CAP: the OPPS imaging cap under a conversion factor that is not CMS's (a what-if). CMS's RVU file
# documentation (RVU25A/RVU26A, "Section 5102(b) of the Deficit Reduction Act of 2005 requires a payment cap on the
# technical component (TC) of certain diagnostic imaging procedures and the TC portions of the global diagnostic
# imaging services. This cap is based on the Outpatient Prospective Payment System (OPPS) payment"): "OPPS
# Non-Facility Payment Amount = [(Work RVU * Work GPCI) + (OPPS Non-Facility PE RVU * PE GPCI) + (OPPS MP RVU * MP
# GPCI)] * Conversion Factor" (the RVU file's "PE/MP USED FOR OPPS PAYMENT AMOUNT" columns), and OPPSCAP holds the
# lesser of it and the PFS amount: every non-C row of OPPSCAP_Oct (RVU25D, 12,644 rows) is that, rounded once
# (tests/test_opps_cap_what_if.py). A global row's OPPS RVUs are its TC row's plus its PC's (71275: OPPS PE 5.96 =
# TC 5.34 + PC 0.62, MP 0.14 = 0.03 + 0.11), so OPPSCAP's global is the capped TC plus the PC, rounded once (Seattle
# 2026: 219.6674 + 90.4867 = $310.15, not 219.67 + 90.49). The cap is the hospital's (OPPS) payment for the TC: a
# PFS conversion factor does not move it, so under a what-if CF the TC part stays at CMS's CF and only the PC part
# (the global's OPPS RVUs less its TC's) takes the user's CF: 71275 at 32.8409 is capped at 219.6674 + 88.9696 =
# $308.64, not at OPPSCAP's $310.15 (which carries the PC at CMS's CF: an analyst's trial). At CMS's own CF it is
# OPPSCAP's amount exactly.
def opps_rvu_units(work: Any, opps_pe: Any, opps_mp: Any, gpci_work: Any, gpci_pe: Any, gpci_mp: Any) -> Any:
    """(Work RVU x work GPCI + OPPS PE RVU x PE GPCI + OPPS MP RVU x MP GPCI), exact: RVUs in hundredths x GPCIs in
    thousandths (``WHAT_IF_OPPS_CAP``)."""
    return work * gpci_work + opps_pe * gpci_pe + opps_mp * gpci_mp


def what_if_opps_cap(whole_units: Any, tc_units: Any, cms_cf: Any, cf: Any) -> Any:
    """The OPPS-based amount (cents) of a row under the conversion factor ``cf`` (ten-thousandths): its TC part
    (``tc_units``: the TC row's ``opps_rvu_units``; a TC row's are its own) at CMS's CF ``cms_cf``, the rest of the
    row's (``whole_units``) at ``cf``, rounded once, half-up (``WHAT_IF_OPPS_CAP``). Ints or integer arrays."""
    return round_half_up(tc_units * cms_cf + (whole_units - tc_units) * cf, _FORMULA_TO_CENTS)


def capped_fee(fee: Any, cap: Any) -> Any:
    """The lesser of the PFS amount and the OPPS-based amount for the locality."""
    return where(opps_cap_applies(fee, cap), cap, fee)


def non_par_amount(cents: Any) -> Any:
    return percent_of(cents, NON_PAR_PERCENT)


# NON_PAR: a non-participating physician's, supplier's or other person's fee schedule amount is 95% of the
# participating one (SSA §1848(a)(3): "the fee schedule amount ... for a nonparticipating physician or nonparticipating
# supplier or other person shall be 95 percent of the fee schedule amount"; 42 CFR 414.20; Medicare Claims Processing
# Manual, Pub. 100-04, ch. 12 §20: "the fee schedule amount for nonparticipating physicians is 95 percent of the
# participating"), whether or not the claim is assigned ("regardless if a nonparticipating provider chooses to accept
# assignment on all claims or on a claim-by-claim basis, their Medicare reimbursement is five percent less": Noridian
# JF Part B, Nonparticipation). It is the PFS's alone (the anesthesia fee schedule is the PFS's): a lab is paid the
# CLFS amount on assignment alone (SSA §1833(h)(5)(C)), a Part B drug its ASP amount on assignment alone (§1842(o)(3)),
# a DME item its DMEPOS fee schedule amount whoever supplies it (§1834(a)(1)): none of them has a non-par amount. A
# practitioner who must accept assignment (an NP, PA, CNS, CSW, psychologist, CRNA: §1842(b)(18)) may still not
# participate: the 95% is taken of their own amount (an NP's 85%), with no limiting charge. The patient's coinsurance
# is its share of the non-par amount, Medicare's the rest.
# NON_PAR_PER_SERVICE: the non-par amount is a service's (§1848(a)(3) speaks of "the fee schedule amount ... for the
# service"; CMS's PFS payment files print a non-par amount per HCPCS, one service's, as the single lookup's Non-par
# column), so a line of several units, each paid one service's amount, is units x one service's non-par amount, each
# rounded to the cent (20610 x 3 at 68102, 2026-08-03: 3 x $59.96 = $179.88, not 95% of $189.36 = $179.89). A line
# the claim's rules pay otherwise than units x one service's amount (bilateral 150% on the first unit, Pub. 100-04
# ch. 12 §40.7; the multiple surgery and endoscopy reductions, §40.6; the therapy MPPR on later units' PE, CR 7050)
# has those percentages taken of the fee schedule amount the practitioner is paid, the non-par one: 95% of the
# reduced line, rounded once as the line is (the same percentages of 95% of the fee schedule amount).
def non_par_shares(
    allowed: Any, beneficiary: Any, coinsurance_hundredths: Any, units: Any = 1, unit: Any = None
) -> tuple[Any, Any, Any]:
    """A line's (allowed, beneficiary) at the participating amount -> (allowed, beneficiary, medicare) at the non-par
    amount (``NON_PAR``): 95% of the allowed amount, rounded once, or where the line is ``units`` x one service's
    amount ``unit`` (cents), units x that service's non-par amount (``NON_PAR_PER_SERVICE``); the patient's share of
    it at the line's coinsurance (none where the participating line has none: a preventive waiver), Medicare the
    rest. Ints or integer arrays."""
    amount = non_par_amount(allowed)
    if unit is not None:
        amount = where((units > 1) & (unit * units == allowed), non_par_amount(unit) * units, amount)
    share = where(beneficiary == 0, 0, percent_of(amount, coinsurance_hundredths))
    return amount, share, amount - share


def limiting_charge(cents: Any) -> Any:
    return percent_of(cents, LIMITING_CHARGE_PERCENT)


# -- facility rates ------------------------------------------------------------------------------


def wage_factor(wage_index: Any, labor_percent: int) -> Any:
    """labor% x wage index + (1 - labor%), at a scale of 10^6."""
    return labor_percent * wage_index + (100 - labor_percent) * WAGE_INDEX_SCALE


def wage_adjust_mills(mills: Any, wage_index: Any, labor_percent: int) -> Any:
    """A rate in mills (0.001 $) wage-adjusted, in cents."""
    return round_half_up(mills * wage_factor(wage_index, labor_percent), 10**7)


def wage_adjust_cents(cents: Any, wage_index: Any, labor_percent: int) -> Any:
    return round_half_up(cents * wage_factor(wage_index, labor_percent), 10**6)


def opps_rate(national_mills: Any, wage_index: Any) -> Any:
    """OPPS payment: national x (0.60 x wage index + 0.40), cents."""
    return wage_adjust_mills(national_mills, wage_index, OPPS_LABOR_PERCENT)


# The OPPS Pricer rounds a line's payment once: the wage-adjusted rate times its units and discount (CMS's OPPS Pricer,
# calculateWageAdjustedPaymentAndSchAdj: "(((H-SCH-PYMT * .60) * W-WINX) + (H-SCH-PYMT * .40)) * W-SRVC-UNITS *
# W-DISC-RATE", setScale(2, HALF_UP)). A lower-paid procedure's 50% is therefore half the unrounded rate.
OPPS_UNROUNDED_SCALE = 10**7  # opps_unrounded_rate's unit: 10^-7 cent


def opps_unrounded_rate(national_mills: Any, wage_index: Any) -> Any:
    """The wage-adjusted OPPS rate before rounding, in 10^-7 cent (opps_rate is it rounded half-up to the cent)."""
    return national_mills * wage_factor(wage_index, OPPS_LABOR_PERCENT)


def opps_scaled(unrounded: Any, factor: Any) -> Any:
    """An unrounded OPPS rate times a modifier's factor (a Fraction, or numerator and denominator arrays as a
    tuple), rounded once to the cent."""
    numerator, denominator = factor if isinstance(factor, tuple) else (factor.numerator, factor.denominator)
    return round_half_up(unrounded * numerator, denominator * OPPS_UNROUNDED_SCALE)


def opps_reduced(unrounded: Any, percent: Any) -> Any:
    """``percent`` of an unrounded OPPS rate, rounded once to the cent."""
    return round_half_up(unrounded * percent, 100 * OPPS_UNROUNDED_SCALE)


_DISCOUNT_SCALE = 10**8  # the Pricer's discount rate: 8 decimals, truncated (CalculateDiscountRate, RoundingMode.DOWN)


def opps_line_payment(unrounded: Any, units: Any, percent: Any, later: Any) -> Any:
    """An OPPS line's payment as the Pricer pays it: the unrounded rate x units x the discount rate, rounded once.
    ``percent`` of the rate per unit: 100; 50 for a lower-paid procedure (discount formula 5, D = 0.5 every unit);
    0 packaged. ``later`` (engine.facility.later_units_percent, for a line paid in full): 50, the first unit in full
    and the others at half (formula 2, (1 + D(U - 1)) / U truncated to 8 decimals); 0, a comprehensive APC paid once;
    otherwise every unit in full (formula 1). Ints, or arrays: formula 2's product needs ~90 bits and is worked in
    Python ints, the others in int64 where it holds them."""
    if not _scalar(unrounded, units, percent, later):
        return _opps_line_payments(unrounded, units, percent, later)
    in_full = percent == 100
    discount = where(in_full & (later == 50), (_DISCOUNT_SCALE + _DISCOUNT_SCALE // 2 * (units - 1)) // units,
                     _DISCOUNT_SCALE)  # fmt: skip
    paid_units = where(in_full & (later == 0), 1, units)
    return round_half_up(unrounded * paid_units * discount * percent, OPPS_UNROUNDED_SCALE * _DISCOUNT_SCALE * 100)


def _opps_line_payments(unrounded: Any, units: Any, percent: Any, later: Any) -> Any:
    """``opps_line_payment`` on arrays: without formula 2's truncated discount rate the payment is unrounded x paid
    units x percent / 100, which int64 holds below ~4.6e16 (a $1,000 rate is 1.2e12); the rest in Python ints."""
    import numpy as np

    unrounded, units = np.asarray(unrounded, dtype=np.int64), np.asarray(units, dtype=np.int64)
    percent, later = np.asarray(percent, dtype=np.int64), np.asarray(later)
    in_full = percent == 100
    paid_units = np.where(in_full & (later == 0), 1, units)
    big = (in_full & (later == 50)) | (unrounded >= (4 * 10**16) // np.maximum(paid_units * 100, 1))
    payment = np.zeros(len(unrounded), dtype=np.int64)
    small = ~big
    payment[small] = round_half_up(unrounded[small] * paid_units[small] * percent[small], OPPS_UNROUNDED_SCALE * 100)
    if big.any():
        exact = [opps_line_payment(*map(int, values)) for values in zip(unrounded[big], units[big], percent[big],
                                                                          later[big], strict=True)]  # fmt: skip
        payment[big] = np.array(exact, dtype=np.int64)
    return payment


# CMS's OPPS Pricer (gov.cms.fiss.pricers.opps, 2025): Medicare pays a line's payment times the APC's reimbursement
# percentage, rounded half-up to the cent (CalculateLineReimbursement2025: "COMPUTE H-LITEM-REIM ROUNDED"), and the
# patient's coinsurance is what is left ("COMPUTE H-NAT-COIN = H-LITEM-PYMT - H-TOTAL-LN-DEDUCT - H-LITEM-REIM",
# deductible met). The percentage (ApcRateHistoryEntry, WAR-PPCT 9V9(6)) is calculateReimbursementRate's
# "ONE.subtract(getNationalCoinsurance().divide(paymentRate, 9, RoundingMode.HALF_UP))", kept to 6 decimals by
# getReimbursementPercent's "setScale(6, RoundingMode.HALF_UP)" (rounded, not truncated); exactly 80% when the
# copayment is 20% of the rate to the cent, 100% with no rate or no copayment. Wage-adjusting the copayment itself
# (payment-rules.md's shorthand) differs by a cent on about one line in six.
PERCENT_MILLIONTHS = 10**6
NO_MEDICARE_SHARE = -1  # the copayment is not a share of the payment (Addendum B's IRA-adjusted copayment)
# A section 603 line (PN: non-excepted off-campus department, the Pricer's payment method flag 8) is paid like the PFS:
# the Pricer cuts its APC payment to 40% and sets its coinsurance to 20% of it and Medicare's share to 80%
# (PerformApcAdjustments2024: "H-NAT-COIN ROUNDED = H-APC-PYMT * PFS-COIN-RATE", setRate(PFS_REDUCTION_REIMBURSEMENT_
# RATE)), and never caps it at the inpatient deductible: CalculateLineReimbursement2023 ends a section 603 line before
# AdjustMaximumNationalReducedCoinsurance ("this line will not go through the AdjustMaximumNationalReducedCoinsurance
# rule", where "H-MAX-COIN = H-IP-LIMIT * W-SRVC-UNITS * W-DISC-RATE" caps the others), and PopulateCoinsuranceCapTable
# (19450-ADJ-PROC-COIN) leaves it out of the day's cap. 27447-PN at ZIP 10001 (2025): $1,223.15 of $6,115.75, not
# $670.40 ($1,676.00 x 40%). A 73 or 52 line keeps the cap times its 50% (H-MAX-COIN): 27447-73 $838.00.
SECTION_603_MEDICARE_SHARE = 800_000


def opps_medicare_share(national_rate_cents: Any, national_copay_cents: Any) -> Any:
    """The share of an OPPS line's payment Medicare pays, in millionths (the Pricer's reimbursement percentage)."""
    rate, copay = national_rate_cents, national_copay_cents
    ratio = round_half_up(copay * 10**9, where(rate > 0, rate, 1))  # copay / rate, 9 decimals
    general = round_half_up(10**9 - lesser(ratio, 10**9), 1000)  # 1 - the ratio, kept to 6 decimals
    share = where(copay == round_half_up(rate * COINSURANCE_PERCENT, 100), 800_000, general)
    return where((rate > 0) & (copay > 0), share, PERCENT_MILLIONTHS)


def opps_coinsurance(payment_cents: Any, medicare_share: Any, cap_cents: Any = None) -> Any:
    """The patient's part of an OPPS payment: the payment less Medicare's share of it (rounded once, half-up), at
    most ``cap_cents`` (the year's inpatient deductible, times the units and discount the payment has)."""
    coinsurance = payment_cents - round_half_up(payment_cents * medicare_share, PERCENT_MILLIONTHS)
    return coinsurance if cap_cents is None else lesser(coinsurance, cap_cents)


def opps_copayment_after(payment: Any, medicare_share: Any, copayment: Any, numerator: Any, denominator: Any) -> Any:
    """The copayment once a rule paid ``numerator / denominator`` of the rate (``payment`` cents now): the rest of
    the payment after Medicare's share, or, where ``medicare_share`` is NO_MEDICARE_SHARE (a capped or IRA-adjusted
    copayment, or a rate paid nationally), the copayment scaled the same way (single lookups, batch arrays)."""
    rest = opps_coinsurance(payment, where(medicare_share >= 0, medicare_share, 0))
    return where(medicare_share >= 0, rest, round_half_up(copayment * numerator, denominator))


def opps_copayment(national_copay_cents: Any, wage_index: Any, cap_cents: int | None) -> Any:
    """A copayment that is not a share of the payment (NO_MEDICARE_SHARE: an IRA-adjusted one, or that of a rate paid
    nationally, whose wage index is then 1.0) adjusted like the rate and capped at the year's inpatient deductible."""
    copay = wage_adjust_cents(national_copay_cents, wage_index, OPPS_LABOR_PERCENT)
    return copay if cap_cents is None else lesser(copay, cap_cents)


def asc_rate(national_cents: Any, device_cents: Any, wage_index: Any, fixed: Any) -> Any:
    """ASC payment: national x (0.50 x wage index + 0.50), with a device-intensive code's device
    portion (Addendum FF; 0 for other codes) paid nationally; ``fixed`` rates are not adjusted."""
    adjusted = round_half_up(
        device_cents * 10**6 + (national_cents - device_cents) * wage_factor(wage_index, ASC_LABOR_PERCENT), 10**6
    )
    return where(fixed, national_cents, adjusted)


def asc_less_device(rate_cents: Any, device_cents: Any, halves: Any) -> Any:
    """A device-intensive ASC rate less ``halves`` halves of its device portion (Addendum FF): 2 for 73 and FB (the
    whole portion), 1 for FC (42 CFR 416.179(b)(2): "50 percent of the payment reduction" of (b)(1)), 0 for none;
    the payment rounded once, half-up (an odd cent's half of a device portion is not rounded up before it is taken
    off: 37236-FC is $7,530.05 - $2,282.765 = $5,247.29, not $5,247.28). Single lookups and batch arrays."""
    return round_half_up(rate_cents * 2 - device_cents * halves, 2)


def coinsurance(cents: Any) -> Any:
    """Part B coinsurance: 20% of the allowed amount."""
    return percent_of(cents, COINSURANCE_PERCENT * 100)


def ranks_by_amount(group: Any, amount: Any, order: Any) -> tuple[Any, Any]:
    """Each item's rank (1 = highest) by ``amount`` within its ``group`` (small non-negative ints), and the
    group's size: the order the encounter rules rank lines in, ``sorted(lines, key=amount, reverse=True)``
    on a list given in ``order`` (a stable sort: equal amounts keep their order). Arrays only: the array
    form of that sort, for batch's encounters (``tests/test_batch_claims.py`` checks it against the rules)."""
    import numpy as np

    found = _by_group_and_amount(group, amount)
    if found is None:
        by_rank = np.lexsort((order, -amount, group))
    else:
        # Equal amounts in a group (a few hundred lines of a million) are then put in ``order``, run by run.
        by_rank, key = found
        tied = np.flatnonzero(key[1:] == key[:-1])
        if tied.size:
            at = np.union1d(tied, tied + 1)
            by_rank[at] = by_rank[at][np.lexsort((order[by_rank[at]], key[at]))]
    sorted_group = group[by_rank]
    position = np.arange(len(by_rank))
    starts = np.concatenate([[True], sorted_group[1:] != sorted_group[:-1]]) if len(by_rank) else position > 0
    first = np.maximum.accumulate(np.where(starts, position, 0))
    rank = np.empty(len(by_rank), dtype=np.int64)
    rank[by_rank] = position - first + 1
    return rank, np.bincount(group)[group]


def _by_group_and_amount(group: Any, amount: Any) -> tuple[Any, Any] | None:
    """``ranks_by_amount``'s items sorted by group, then amount, highest first, as one stable sort of one integer key
    (~4x faster than lexsort's three on a realistic claim file's encounters), and the key in that order; None when
    the key would not fit in an int64 (lexsort then)."""
    import numpy as np

    if not len(group) or group.dtype.kind not in "iu" or amount.dtype.kind != "i":
        return None
    low, high = int(amount.min()), int(amount.max())
    if int(group.min()) < 0 or (int(group.max()) + 1) * (high - low + 1) >= 2**62:
        return None
    key = group.astype(np.int64) * (high - low + 1) + (high - amount.astype(np.int64))
    by_rank = np.argsort(key, kind="stable")
    return by_rank, key[by_rank]


def reduced(cents: Any, percent: int) -> Any:
    """``percent`` of an amount (encounter discounts: 50%, packaged 0%), rounded once."""
    return round_half_up(cents * percent, 100)


TERMINATED_ONE_UNIT = -2  # later_units_percent's "one unit at the reduced rate": the later units are not paid


def later_units_cut(amount: Any, units: Any, percent: Any) -> Any:
    """What paying a line's units after the first at ``percent`` (``engine.facility.later_units_percent``; -1: no
    such rule; TERMINATED_ONE_UNIT: not paid) takes off ``amount`` x units: the later units' amount is ``percent``
    of (units - 1) x the amount, rounded half-up. For the ASC that is the line; for a hospital line of a rate no
    modifier changed, ``engine.facility.opps_units_cut`` then corrects it to the OPPS Pricer's line, its unrounded
    rate x units x discount formula rounded once."""
    import numpy as np

    percent = np.asarray(percent)
    applies = (percent >= 0) | (percent == TERMINATED_ONE_UNIT)
    later = amount * (units - 1)
    return (later - reduced(later, np.maximum(percent, 0))) * applies


# -- sites -------------------------------------------------------------------------------------


def site_shares(
    facility: Any, facility_share: Any, professional: Any, coinsurance_hundredths: Any = COINSURANCE_PERCENT * 100
) -> tuple[Any, Any, Any]:
    """A site's allowed amount (facility + professional), what the patient pays (the facility's
    copayment/coinsurance + 20% of the professional fee, or a preventive waiver's share) and what
    Medicare pays (the rest)."""
    total = facility + professional
    beneficiary = facility_share + percent_of(professional, coinsurance_hundredths)
    return total, beneficiary, total - beneficiary


NO_LATER_PROFESSIONAL = -1  # professional_line_cut's "each unit is paid the line's first unit's fee"


def professional_line_cut(amount: Any, units: Any, later_total: Any, coinsurance_hundredths: Any) -> tuple[Any, Any]:
    """What the line's own rounding takes off ``units`` x one unit's professional fee ``amount`` (cents) and off
    ``units`` x one unit's patient share (``site_shares``): the line's fee is ``amount`` x units, or the first unit's
    plus ``later_total`` for its later units together where a rule pays those otherwise (therapy's multiple procedure
    payment reduction: ``SettingAmount.later_units``; NO_LATER_PROFESSIONAL: none), and the patient pays
    ``coinsurance_hundredths`` of the line, rounded once. Part B coinsurance is a line item's: "the beneficiary
    coinsurance liability amount for this line item service ... equals 20 percent of the allowed amount" (CMS, CCW
    and Blue Button variable LINE_COINSRNC_AMT, bluebutton.cms.gov/resources/variables/line_coinsrnc_amt), and a
    line's allowed amount is all its units'. Negative where the line's rounding adds a cent. Ints or arrays."""
    line = where(later_total >= 0, amount + later_total, amount * units)
    cut = amount * units - line
    share_cut = percent_of(amount, coinsurance_hundredths) * units - percent_of(line, coinsurance_hundredths)
    return cut, share_cut


def asc_line_share_cut(share: Any, line_payment: Any, units: Any, later: Any, coinsurance_hundredths: Any) -> Any:
    """What the ASC line's own rounding takes off its patient's share, one unit's ``share`` x ``units`` less
    ``later_units_cut`` (``later``: the later units' percentage): the ASC's coinsurance is ``coinsurance_hundredths``
    of the line's payment ``line_payment``, rounded once (a line item's, as ``professional_line_cut``). Not for an
    IRA-adjusted copayment, which is per unit. Negative where the line's rounding adds a cent. Ints or arrays."""
    given = share * units - later_units_cut(share, units, later)
    return given - percent_of(line_payment, coinsurance_hundredths)


def sequestered(medicare: Any) -> Any:
    """Medicare's share after the 2% sequestration reduction."""
    return medicare - percent_of(medicare, SEQUESTRATION_PERCENT * 100)


def claims_sequestered(medicare: Any, facility_medicare: Any) -> Any:
    """A site's Medicare share ``medicare`` after the 2% sequestration, taken off each claim's line apart: the
    facility's (its Medicare share ``facility_medicare``; 0 where the site is one claim's) and the physician's (the
    rest), each rounded half-up once. Why: the reduction is "applied to all claims after determining the Medicare
    payment including application of the current fee schedule, coinsurance, any applicable deductible, and any
    applicable Medicare secondary payment adjustments", and "for Part B physician/practitioner, supplier, and
    institutional provider outpatient claims, the adjustment is reported at the line level" with CARC 253 (First
    Coast Service Options, a CMS MAC: "Federal sequestration payment reductions",
    medicare.fcso.com/fee-schedules/federal-sequestration-payment-reductions; the first clause is CMS's MLN Connects
    "Mandatory Payment Reduction of 2% Continues until Further Notice for the Medicare FFS Program", as Noridian
    restates it: med.noridianmedicare.com/web/jadme/fees-news/fee-schedules/dmepos/sequestration). The hospital
    (OPPS) or ASC and the physician (PFS) bill separate claims, so a site's two shares are reduced and rounded apart,
    not summed first. Ints or arrays."""
    return sequestered(facility_medicare) + sequestered(medicare - facility_medicare)
