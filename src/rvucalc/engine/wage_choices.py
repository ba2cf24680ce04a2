"""A place whose wage index CMS's file gives more than once, with different values: its wage-adjusted rates.

CMS's CY2025 ASC wage index file (WI25) lists 27 areas more than once with different values (rural Alabama, "01
ALABAMA", as 0.6471 and 0.7158; rural Puerto Rico five times). The file does not say which applies, and rvucalc does
not choose: a hospital's (OPPS) or ASC rate CMS wage-adjusts is not priced there, not priced at the national rate
either (a guessed wage index of 1.0), and its reason names each of CMS's values and the rate it gives, and the option
that chooses one: the hospital's own wage index (``--wage-index``, batch's ``wage_index`` column) for the OPPS rate,
the ASC's (``--asc-wage-index``, batch's ``asc_wage_index`` column) for the ASC rate. A rate paid nationally (a drug,
a packaged code's $0.00) is the same at every wage index, and is priced.

The rates: OPPS national x (0.60 x wage index + 0.40) (payment-rules.md §2, kernels.opps_rate); ASC national x
(0.50 x wage index + 0.50), a device-intensive code's device portion (Addendum FF) unadjusted (payment-rules.md §3,
kernels.asc_rate; Claims Processing Manual ch. 14 §40.2). One implementation: the single lookup (lookup.pricer), batch
(batch.price) and export (export.facility_frames) each say the same words with these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from rvucalc.models import AscResult, OppsResult

# Every reason starts so: ``wage_choice_unpriced`` (engine.facility.facility_unpriced: the site is "not priced").
REASON_START = "Not priced: CMS's wage index file gives this place"
# Where each site's wage index is given (the single lookup's option, batch's column and option).
CHOOSE = {
    "OPPS": "give the hospital's own wage index (--wage-index N, or in batch a wage_index column or --wage-index)",
    "ASC": "give the ASC's wage index (--asc-wage-index N, or in batch an asc_wage_index column or --asc-wage-index)",
}


# compare takes no wage index: the reason's advice is price's (a review found compare's own options named).
COMPARE_CHOICE = " (compare takes no wage index: price the code there with rvucalc price --zip --date and the option)"


def wage_index_text(value: int) -> str:
    """Ten-thousandths -> '0.6471'."""
    return f"{Decimal(value).scaleb(-4):.4f}"


def choice_reason(site: str, values: Sequence[int], rates: Sequence[int]) -> str:
    """Why the ``site``'s ('OPPS' or 'ASC') rate is not priced at a place whose wage index CMS's file gives as each of
    ``values`` (ten-thousandths), the line's rate being each of ``rates`` (cents) at them."""
    each = ", ".join(
        f"at {wage_index_text(value)} the {site} rate is ${Decimal(rate).scaleb(-2):,.2f}"
        for value, rate in zip(values, rates, strict=True)
    )
    return (
        f"{REASON_START} {len(values)} different wage indexes ({each}), and rvucalc does not choose between them: "
        f"{CHOOSE[site]}"
    )


def is_choice_reason(reason: str | None) -> bool:
    return bool(reason) and str(reason).startswith(REASON_START)


def parse_choices(text: str | None) -> list[int]:
    """A place's wage index values as batch's wage table keeps them ('6471,7158'); [] for one (or none)."""
    return [int(value) for value in text.split(",")] if text else []


def unprice(result: OppsResult | AscResult, reason: str) -> None:
    """The site's result, not priced for want of one wage index (its indicator, APC and national rate stay)."""
    result.payable = False
    result.rate = None
    if isinstance(result, OppsResult):
        result.copayment = result.medicare_share = None
        result.copayment_capped = False
    else:
        result.coinsurance = None
        result.wage_adjusted = False
    result.adjustments = []
    result.notes = []
    result.reason = reason


def opps_reason(result: OppsResult, values: Sequence[int]) -> str | None:
    """Why a line's OPPS result at a place whose wage index CMS gives as each of ``values`` (two or more) is not
    priced, naming the rate at each (``choice_reason``), where CMS wage-adjusts it; None where it is priced. Its rate
    before any modifier or encounter rule (engine.facility.price_opps's: a rural SCH's rate x 1.071 where added)."""
    from rvucalc.engine.kernels import opps_rate

    if len(values) < 2 or not (result.installed and result.payable and result.labor_share and result.rate):
        return None
    national = result.rural_sch_rate if result.rural_sch_rate is not None else result.national_rate
    if national is None:
        return None
    mills = int(national.scaleb(3))
    return choice_reason("OPPS", values, [int(opps_rate(mills, value)) for value in values])


def opps_choice(result: OppsResult, values: Sequence[int]) -> bool:
    """A line's OPPS result at such a place (``opps_reason``), not priced at once; whether it was changed."""
    reason = opps_reason(result, values)
    if reason is not None:
        unprice(result, reason)
    return reason is not None


def after_rules(result: OppsResult | AscResult, reason: str | None) -> bool:
    """A line whose rate is not priced for want of one wage index (``reason``: ``opps_reason``'s or
    ``asc_reason``'s) takes part in the encounter's rules (packaging, discounting, an ancillary service beside its
    procedure) priced at the national rate, and is not priced afterwards where they left it paid (its amount
    wage-adjusted); where they packaged it ($0.00) or denied it, what they said holds at every wage index. A line
    those rules rank below it (a 50% discount) is wage-adjusted at the same place, so not priced either; a line
    paid nationally (a drug) is the same at every wage index. Whether it was changed."""
    if reason is None or not result.payable or result.rate is None or result.rate == 0:
        return False
    unprice(result, reason)
    return True


def asc_reason(result: AscResult, values: Sequence[int]) -> str | None:
    """Why a line's ASC result at such a place (``opps_reason``) is not priced, naming the rate at each, where CMS
    wage-adjusts it (not a national-rate PI, ``ASC_NOT_WAGE_ADJUSTED``, nor a packaged code's $0.00); None where
    it is priced."""
    from rvucalc.engine.facility import DEVICE_PORTION_NOT_WAGE_ADJUSTED
    from rvucalc.engine.facility_meanings import ASC_NOT_WAGE_ADJUSTED
    from rvucalc.engine.kernels import asc_rate

    if len(values) < 2 or not (result.installed and result.payable and result.rate and result.national_rate):
        return None
    if result.payment_indicator is None or result.payment_indicator in ASC_NOT_WAGE_ADJUSTED:
        return None
    national = int(result.national_rate.scaleb(2))
    device = int(result.device_portion.scaleb(2)) if result.device_portion and DEVICE_PORTION_NOT_WAGE_ADJUSTED else 0
    return choice_reason("ASC", values, [int(asc_rate(national, device, value, False)) for value in values])


def asc_choice(result: AscResult, values: Sequence[int]) -> bool:
    """A line's ASC result at such a place (``asc_reason``), not priced at once; whether it was changed."""
    reason = asc_reason(result, values)
    if reason is not None:
        unprice(result, reason)
    return reason is not None
