"""Add-on codes billed without a primary procedure: a note, the amounts unchanged.

CMS's PFS relative value file marks an add-on code by its global period: "ZZZ = The code is related to another
service and is always included in the global period of the other service" (the RVU file's documentation, RVU25A.pdf,
"Global Surgery"). Medicare pays an add-on code only with its primary procedure: "An add-on code ... is eligible for
payment only if it is reported with an appropriate primary procedure performed by the same practitioner. An add-on
code ... is never eligible for payment if it is the only procedure reported by a practitioner", and "On the Medicare
Physician Fee Schedule Database an add-on code generally has a global surgery period of 'ZZZ'" (CMS Transmittal 2636,
CR 7501, "add-on codes", as payers' and coders' pages restate it; Type I add-ons with their primaries "for the same
patient on the same date of service"); the MLN Global Surgery booklet (as NGS Medicare summarises it): codes with
"ZZZ" "are add-on codes that you must bill with another service ... the global period assigned is applied to the
primary code".

rvucalc does not ship CMS's add-on code edit files (each add-on code's primary procedures), so it cannot tell whether a
line beside the add-on is its primary: it says so only where the encounter (the codes priced together; batch: a claim's
lines of one date, a row no claim groups alone) has no code other than add-on codes, and never changes the money (the
MAC denies the line; rvucalc prices it as given). 99292, G2211, G0316-G0318 and G2212 have notes of their own that name
their primary service (``engine.visits.lone_line_notes``, ``encounter_notes``): they count as add-ons here, and are not
noted.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.meanings import is_skin_substitute
from rvucalc.engine.policy import ADD_ON_GLOBAL
from rvucalc.engine.visits import LONE_ADD_ONS

# A line's kind for the rule (batch: an int8 per row)
NOT_ADD_ON, ADD_ON, ADD_ON_UNNOTED = 0, 1, 2
# The statuses of a row the PFS pays (A, R, T) or the MAC prices (C): an add-on of another status is already said to
# be unpaid under the PFS (engine.meanings), and no word of its primary is needed.
NOTED_STATUSES = frozenset({"A", "R", "T", "C"})

_WHY = (
    "(global period ZZZ, CMS's RVU file: \"related to another service and ... always included in the global period of "
    'the other service")'
)
_RULE = (
    "Medicare pays an add-on code only with its primary procedure, by the same practitioner on the same date, never as "
    "the only procedure reported (CMS Transmittal 2636, CR 7501). Priced as given (rvucalc does not have CMS's lists "
    "of each add-on code's primary procedures)."
)


# Add-ons of calendar-month services: CPT's descriptors end "..., per calendar month (List separately in addition to
# code for primary procedure)" (99439 "each additional 20 minutes of clinical staff time ..., per calendar month",
# 99489, 99437, 99425, 99427, 99458, 98981; HCPCS's G0022, G0024, G0146 "... per calendar month"; 99494 "each
# additional 30 minutes in a calendar month"): the primary is that month's base code (the add-on: its base codes),
# billed by the same practitioner for the same month, not a line of the same date (a trial's claim of 99490 on
# 03/15/2026 and 99439 on 03/31/2026 was told "on the same date"). Batch looks for the base code in the claim's priced
# lines of the month (batch.claims._monthly_primaries); the note names it.
MONTHLY_ADD_ONS: dict[str, tuple[str, ...]] = {
    "99439": ("99490",), "99489": ("99487",), "99437": ("99491",), "99425": ("99424",), "99427": ("99426",),
    "99458": ("99457",), "98981": ("98980",), "G0022": ("G0019",), "G0024": ("G0023",), "G0146": ("G0140",),
    "99494": ("99492", "99493"),
}  # fmt: skip


def _monthly_rule(code: str) -> str:
    bases = " or ".join(MONTHLY_ADD_ONS[code])
    return (
        f'Medicare pays it only with its base service of the same calendar month ({bases}; CPT: "per calendar '
        f'month"), by the same practitioner, never as the only service reported (CMS Transmittal 2636, CR 7501); '
        f"no {bases} is on this claim in that month (batch looks for it in the claim's lines of the month; rvucalc "
        "price in the codes priced together). Priced as given."
    )


def kind(code: str, global_days: str | None, status: str | None) -> int:
    """A line's kind (CMS's row: its global period and status): ``ADD_ON`` (a ZZZ code the PFS pays or the MAC prices,
    noted without a primary), ``ADD_ON_UNNOTED`` (another ZZZ code: never a primary), ``NOT_ADD_ON`` (any other
    line, a code the PFS does not list too)."""
    if str(global_days or "") != ADD_ON_GLOBAL:
        return NOT_ADD_ON
    return ADD_ON if status in NOTED_STATUSES and code not in LONE_ADD_ONS else ADD_ON_UNNOTED


# A skin substitute (Q4100-Q4399) has CMS's global period ZZZ from 2026, but it is no add-on procedure of CPT's or
# Transmittal 2636's: the CY2026 PFS final rule (CMS-1832-F) pays the product as an incident-to supply, per sq cm, when
# used with a covered skin substitute application procedure (15271-15278), the service it is "related to". A wound care
# trial's Q4186 billed alone was called "an add-on code ... (CMS Transmittal 2636, CR 7501)": it says what it is.
SKIN_SUBSTITUTE_RULE = (
    "a skin substitute is paid as a supply (CY2026 PFS final rule, CMS-1832-F: an incident-to supply, per sq cm) "
    "used with a skin substitute application procedure (15271-15278) on the same date, the service its global period "
    'ZZZ (CMS\'s RVU file: "related to another service") refers to. Priced as given.'
)


def without_primary_note(code: str, alone: bool) -> str:
    """What an add-on line with no primary procedure beside it says: priced alone (``alone``: ``rvucalc price CODE``, a
    batch row no claim groups, a claim of one line), or in an encounter of add-on codes only. A skin substitute's
    says it is a supply (``SKIN_SUBSTITUTE_RULE``)."""
    if is_skin_substitute(code):
        where = "priced alone here" if alone else "and no line of this claim and date is its application procedure"
        return f"{code} is a skin substitute, {where}: {SKIN_SUBSTITUTE_RULE}"
    rule = _monthly_rule(code) if code in MONTHLY_ADD_ONS else _RULE
    if alone:
        return f"{code} is an add-on code {_WHY}, priced alone here: {rule}"
    return (
        f"{code} is an add-on code {_WHY}, and every line of this claim and date is an add-on code (no primary "
        f"procedure): {rule}"
    )


def bad_line_note(labels: Sequence[str]) -> str:
    """Batch: beside ``without_primary_note``, where the claim's lines of that date include lines with an error
    (``labels``: each one's number in the claim and its code, as the claim's note names them) that are not add-on
    codes. The rules ran without them, so none is a primary the add-on is paid with; but one may have been the
    primary the user meant (a typo of its code, units 0)."""
    if len(labels) == 1:
        return (
            f"its primary procedure may be line {labels[0]} of this claim and date, which has an error: correct it and "
            "price the claim again to price them together"
        )
    return (
        f"its primary procedure may be one of lines {', '.join(labels)} of this claim and date, which have errors: "
        "correct them and price the claim again to price them together"
    )


def without_primary_notes(kinds: Sequence[tuple[str, int]]) -> list[str | None]:
    """Per line of an encounter (code, ``kind``): ``without_primary_note`` on each ``ADD_ON`` line when no line of the
    encounter is ``NOT_ADD_ON``; else None. Batch: ``batch.encounter_arrays.add_ons_without_primary``."""
    if any(found == NOT_ADD_ON for _, found in kinds):
        return [None] * len(kinds)
    alone = len(kinds) == 1
    return [without_primary_note(code, alone) if found == ADD_ON else None for code, found in kinds]
