"""The physician's (or supplier's) claim of an encounter's site: its totals' ``professional_payment`` (the table's
Professional column), as batch's ``professional_allowed`` is per row and ``--summary`` sums it per claim.

In the office that claim is the site's whole allowed amount: the physician bills the PFS services and a drug, a lab
test or a DME item furnished there on one claim (batch: ``professional_allowed`` is ``office_allowed``). At a hospital
outpatient department, an ASC or a place with no facility payment it is each line's PFS facility amount (the
physician's fee there, ``engine.facility.with_professional_line``), the lines the facility does not bill under their
codes too (an SI B procedure's fee is "paid on the physician's claim, apart from this total"): the facility bills its
own payment on its own claim (batch.price.FACILITY_CLAIM). A trial found the office's Professional leave out a $2.96
drug that batch's professional_allowed had (99214-25 64493-50 64494-50 J3301: $574.48 against $577.44), and the
hospital's leave out 27096-50's $122.10 (SI B) beside 77003-26 ($27.27 against $149.37).

A site's Total (``total``, ``allowed``) is unchanged: what Medicare allows for the lines the site's claims carry
together, as documented."""

from __future__ import annotations

from decimal import Decimal

from rvucalc.engine.facility import facility_item
from rvucalc.models import PriceResult, Site


def physicians_claim(site: Site) -> Decimal | None:
    """The physician's claim of one site (a line's or a total's): the whole allowed amount in the office (a drug, lab
    test or DME item furnished there is on it), else the physician's fee there (``professional_payment``)."""
    if site.setting == "office":
        return site.total if site.payable else None
    return site.professional_payment


def physicians_lines(lines: list[PriceResult]) -> None:
    """Each line's office site with its ``professional_payment`` the physician's claim there (``physicians_claim``), as
    the office's total has it and batch's ``professional_allowed`` per row: a review found an office drug's line
    (J1885 beside 96372) with no professional_payment in JSON while the Professional total included it."""
    for line in lines:
        line.sites = [
            site.model_copy(update={"professional_payment": physicians_claim(site)})
            if site.setting == "office" and site.payable and physicians_claim(site) != site.professional_payment
            else site
            for site in line.sites
        ]


def mac_priced_fees(lines: list[PriceResult], setting: str) -> list[str]:
    """The lines whose physician's fee at a hospital, an ASC or a place with no facility payment (``setting``) is the
    MAC's (contractor-priced, PFS status C: no national amount), left out of a known physician's total there as batch's
    claim totals leave such a row out (no professional_allowed) and the office's total leaves out its MAC-priced lines
    (engine.facility.mac_priced_apart). A line a multiple procedure rule ranks with priced ones makes that total not
    priced instead (engine.facility.physician_fee_ranked_unknown): its total has no professional_payment to keep."""
    return ["-".join([line.code, *line.modifiers]) for line in lines if mac_priced_fee(line, setting)]


def mac_priced_fee(line: PriceResult, setting: str) -> bool:
    """Whether ``line``'s physician's fee in ``setting`` (not the office's) is the MAC's (``mac_priced_fees``)."""
    site = next((site for site in line.sites if site.setting == setting), None)
    if setting in ("hopd", "asc") and facility_item(line.code, line.pfs, line.opps, line.asc):
        return False  # a drug, radiopharmaceutical or supply the facility bills: no physician's fee there
    return setting != "office" and site is not None and line.pfs.contractor_priced and site.professional_payment is None


MAC_FEES_LEFT_OUT = (
    "The Professional total (and its contract) leaves out the physician's fee your Medicare contractor (MAC) prices "
    "(CMS publishes no national amount): the MAC's fee for each is to be added"
)


def physicians_claims(totals: dict[str, Site], lines: list[PriceResult]) -> dict[str, Site]:
    """``totals`` (``engine.facility.total_sites``) with each payable site's ``professional_payment`` the physician's
    claim there (this module's docstring); a site not payable or not priced keeps what it says, but where its
    physician's total is known beside a line whose fee the MAC prices (``mac_priced_fees``), it says so."""
    settings = [site.setting for site in lines[0].sites] if lines else []
    claims = dict(totals)
    for index, setting in enumerate(settings):
        total = totals.get(setting)
        if total is None:
            continue
        if not total.payable:
            named = mac_priced_fees(lines, setting) if total.professional_payment is not None else []
            if named:  # a review: `--setting 22` 99213 0106T said Professional $63.78 and no word of 0106T's fee
                said = f"{MAC_FEES_LEFT_OUT}: {', '.join(named)}"
                claims[setting] = total.model_copy(
                    update={"lines_priced_by_mac": len(named), "reason": ". ".join(filter(None, [total.reason, said]))}
                )
            continue
        if setting == "office":
            claim = physicians_claim(total)
        else:
            fees = [line.sites[index].professional_payment for line in lines]
            known = [fee for fee in fees if fee is not None]
            claim = sum(known, Decimal("0.00")) if known else None
        if claim != total.professional_payment:
            claims[setting] = total.model_copy(update={"professional_payment": claim})
    return claims
