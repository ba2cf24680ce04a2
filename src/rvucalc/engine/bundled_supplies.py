"""A status P surgical dressing beside a practitioner's service on the same day: bundled, $0.00.

CMS's RVU file documentation (RVU25A, Attachment A, "Status Code"): "P = Bundled/Excluded Codes. There are no RVUs and
no payment amounts for these services. No separate payment should be made for them under the fee schedule. -- If the
item or service is covered as incident to a physician service and is provided on the same day as a physician service,
payment for it is bundled into the payment for the physician service to which it is incident. (An example is an
elastic bandage furnished by a physician incident to physician service.) -- If the item or service is covered as other
than incident to a physician service, it is excluded from the fee schedule (i.e., colostomy supplies) and should be
paid under the other payment provision of the Act."

Which status P items are covered "as incident to" on the practitioner's claim is narrower than status P: rvucalc
reads only the surgical dressings (the RVU file's status P A6 codes: alginate, foam, gauze, hydrocolloid ... A6154-
A6404). The statute that pays dressings from the DMEPOS fee schedule excepts those "furnished as an incident to a
physician's professional service" (SSA §1834(i)(2)(A); 42 CFR 414.220 likewise), and the DME MACs' surgical
dressings policy (LCD L33831, Policy Article A54563) says dressings a practitioner applies in the course of a
professional service are not separately payable by the DME MAC; those a patient obtains for home use from a
supplier (a drugstore, or a practitioner enrolled as a DMEPOS supplier, on the DME MAC's claim) are paid from the
DMEPOS fee schedule. Left out: the other status P codes, which CMS pays under another benefit when furnished (ostomy and
urological supplies, the "colostomy supplies" of the documentation: prosthetic devices; glucose monitor supplies
A4253-A4259 and infusion supplies: DME supplies; V2520, a contact lens: a prosthetic lens), and a dressing alone or a
DME supplier's row (no physician service to bundle it into). Batch: ``batch.claims._bundled_dressings`` on a
practitioner's lines of one claim and date; price: ``Pricer.price_encounter``.
"""

from __future__ import annotations

from collections.abc import Sequence

STATUS_P = "P"
DRESSING_PREFIX = "A6"
BUNDLED_DRESSING_NOTE = (
    "Status P surgical dressing beside a physician's service on this date: bundled into it (CMS's RVU file: \"payment "
    'for it is bundled into the payment for the physician service to which it is incident"): $0.00. A dressing for '
    "home use from a DMEPOS supplier is paid on the supplier's claim"
)


def bundled_dressing(code: str, status: str | None) -> bool:
    """Whether a line is a status P surgical dressing (``BUNDLED_DRESSING_NOTE`` beside a physician's service)."""
    return status == STATUS_P and code.upper().startswith(DRESSING_PREFIX)


def bundled_dressings(lines: Sequence[tuple[str, str | None, bool, bool]]) -> list[bool]:
    """Per line of a practitioner's encounter (its code, PFS status, whether the DMEPOS or PEN fee schedule prices it,
    whether the PFS pays it): whether it is a DMEPOS-priced status P surgical dressing beside a PFS-paid service, paid
    $0.00 (``BUNDLED_DRESSING_NOTE``)."""
    if not any(pfs for _, _, _, pfs in lines):
        return [False] * len(lines)
    return [dmepos and bundled_dressing(code, status) for code, status, dmepos, _ in lines]
