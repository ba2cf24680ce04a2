"""Allergen immunotherapy billed as an encounter: the antigen codes and the injections, one rule for price and batch.

Medicare Claims Processing Manual (Pub. 100-04), ch. 12 §200 "Allergy Testing and Immunotherapy", (B) item 3: "If a
physician bills both an injection code plus either codes 95165 or 95144, A/B MACs (B) pay the appropriate injection
code ... plus the code 95165 rate. When a provider bills for codes 95115 or 95117 plus code 95144, A/B MACs (B) change
95144 to 95165 and pay accordingly" (AAPC's Pulmonology Coding Alert, "Allergy Injections", restates it: "if you bill
95144 ... the carrier is going to change the code to 95165 ... for payment"; Medicare pays 95144 only when another
entity injects the antigen). So a 95144 line beside the same practitioner's 95115 or 95117 on one claim and date is
priced as 95165 (the PFS amounts of 95165's RVU row, at the line's place, modifiers and practitioner), its units
(doses) unchanged, with ``multidose_note``; the hospital's and ASC's rates stay the line's own (the manual's rule is
the A/B MACs (B)': the physician's claim). Item 10 of the same section: "visits may not be paid with allergy injection
services 95115 through 95199 unless the visit represents another separately identifiable service" (effective
1995-01-01): an E/M visit line beside such a code and without modifier 25 is noted (``visit_note``), priced as given.

A dose of 95165 is "a one (1) cc aliquot from a single multidose vial" (effective 2001-01-01) and Medicare allows at
most 10 doses per vial (ch. 12 §200 as the MACs' LCD articles quote it, e.g. Empire Medicare's antigen LMRP in AAPC's
Allergy Coding Alert, "You Be the Coder: Antigen Coding"; AAPC's forum quotes the same definition): said in
``multidose_note``, and on every 95165 line (``units_note``: ``lookup.lines.row_notes``, price's and batch's alike).
Batch: ``batch.claims._allergen_immunotherapy`` on whole columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rvucalc.engine.visits import OTHER_SITE_VISITS

if TYPE_CHECKING:
    from rvucalc.engine.policy import Line

INJECTIONS = frozenset({"95115", "95117"})  # professional services for the injection, without the antigen
SINGLE_DOSE_VIALS = "95144"  # antigen supervision and provision, single-dose vials
MULTIDOSE = "95165"  # antigen supervision and provision, single or multiple antigens, per dose
# CPT's allergen immunotherapy codes the visit rule names (ch. 12 §200 (B) item 10: "95115 through 95199").
IMMUNOTHERAPY_FIRST, IMMUNOTHERAPY_LAST = "95115", "95199"
SEPARATE_VISIT_MODIFIER = "25"


def is_immunotherapy(code: str) -> bool:
    """Whether ``code`` is one of 95115-95199 (CPT's allergen immunotherapy)."""
    return len(code) == 5 and code.isdigit() and IMMUNOTHERAPY_FIRST <= code <= IMMUNOTHERAPY_LAST


# Claims Processing Manual ch. 12 §200 (B) item 7, "Code 95165 Doses" (AAPC's "Dose Counts Matter When Billing 95165"
# cites the item, its forum quotes it): the PE of 95165 is that of a 10 cc vial, "a physician's removing 10 1cc aliquot
# doses captures the entire PE component for the service ... a physician may not bill this vial preparation code for
# more than 10 doses per vial"; a dose is "a one (1) cc aliquot from a single multidose vial" (effective 2001-01-01).
# The section defines no other code's unit (95144's, the venoms' 95145-95149, 95170's): only 95165's is said.
DOSES = "a dose is a 1 cc aliquot from a multidose vial, at most 10 doses per vial"


def units_note(code: str) -> str | None:
    """What a unit of ``code`` is where ch. 12 §200 says it (95165: a dose, ``DOSES``), else None. The same text
    whatever the line's units (batch keeps a row's notes per code and modifiers); no "; " in it."""
    if code != MULTIDOSE:
        return None
    return f"{MULTIDOSE} is billed per dose: {DOSES} (Claims Processing Manual ch. 12 §200 (B) item 7)."


# 95115 (a single injection) and 95117 (two or more injections) are each one service a visit, whatever the number of
# injections: CPT's descriptors ("single injection", "2 or more injections"; CMS's short descriptors "Immunotherapy
# one injection", "Immunotherapy injections"), ch. 12 §200 (B) item 1 naming them the professional service of the
# injection without the antigen; MACs bill either with 1 unit ("95117 represents two or more injection and should not
# be reported more than once per day", AAPC's Pulmonology Coding Alert, citing the MAC article L34597). CMS's text on
# the unit itself was not read here: a note only, the amount stays units x one line's (an ENT/allergy trial: `price
# 95117 --units 2 --zip 30342` paid $25.24, two visits' worth, with no word).
INJECTION_VISIT = {"95115": "a single injection", "95117": "two or more injections"}


def injection_units_note(code: str, units: int) -> str | None:
    """The note on a 95115 or 95117 line of several units (each is one service a visit), or None. No "; " in it."""
    if code not in INJECTION_VISIT or units < 2:
        return None
    # 95115 of several units is several injections at the visit: one 95117 (a review found "billed with 1 unit" read
    # as one 95115, a single injection); the antigen is billed on its own code, 95144-95170, not 95165 alone.
    billed = (
        "billed with 1 unit"
        if code == "95117"
        else "two or more injections at a visit are one 95117, billed with 1 unit"
    )
    return (
        f"{code} is one service a visit ({INJECTION_VISIT[code]}): {billed}, the antigen on its own code "
        f"(95144-95170) (Claims Processing Manual ch. 12 §200 (B), as MACs bill it). Priced as billed: {units} times "
        f"one {code}."
    )


# 95115 and 95117 on one claim and date: CPT's descriptors make them one service a visit, 95115 a single injection and
# 95117 "2 or more injections"; a MAC's allergen immunotherapy guidelines say "Bill one CPT code 95115 or 95117 per date
# of service (DOS) and 1 unit" and "Do not bill CPT code 95115 and 95117 on the same DOS" (Palmetto GBA, "Allergen
# Immunotherapy Coding Guidelines", as medicarepaymentandreimbursement.com restates them; AAPC's Allergy Coding Alert:
# "you can report only one code per session"). The two together are at least two injections: one 95117. A note on the
# 95115 line only, the amounts unchanged (the MAC's edit, not its amount, is what the text says; an allergy trial's
# claim priced 95115 and 95117 of one date, $9.56 and $11.43 at ZIP 27607, with no word).
def both_injections_note() -> str:
    """The note on a 95115 line beside 95117 on one practitioner's claim and date. No "; " in it."""
    return (
        "95115 (a single injection) billed with 95117 (two or more injections) on this claim and date: only one of "
        "them is billed a date of service, with 1 unit, here 95117, the injections being two or more (CPT's "
        "descriptors, and Palmetto GBA's allergen immunotherapy guidelines: do not bill 95115 and 95117 on the same "
        "date of service). Priced as billed: leave 95115 off the claim."
    )


def both_injections_notes(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter (its codes): ``both_injections_note`` on each 95115 line where a
    95117 line is beside it, else None."""
    if "95115" not in codes or "95117" not in codes:
        return [None] * len(codes)
    said = both_injections_note()
    return [said if code == "95115" else None for code in codes]


def multidose_note(injection: str) -> str:
    """The note (and step rule) of a 95144 line paid as 95165 beside ``injection`` (95115 or 95117). No "; " in it:
    batch's note column joins a row's notes with it."""
    return (
        f"95144 billed with {injection} on this claim and date is paid as 95165 (Claims Processing Manual ch. 12 "
        f"§200 (B) item 3: the MAC changes 95144 to 95165 and pays accordingly). Units are doses: {DOSES}."
    )


def paid_as_multidose(codes: Sequence[str]) -> list[str | None]:
    """Per line of one practitioner's encounter (its codes): for a 95144 line beside 95115 or 95117, the note it is
    paid as 95165 with (``multidose_note``, naming the first injection code of the encounter), else None."""
    injection = next((code for code in codes if code in INJECTIONS), None)
    if injection is None:
        return [None] * len(codes)
    said = multidose_note(injection)
    return [said if code == SINGLE_DOSE_VIALS else None for code in codes]


def visit_note(visit: str, immunotherapy: str) -> str:
    """The note on an E/M visit line beside ``immunotherapy`` (a code of 95115-95199) without modifier 25."""
    return (
        f"{visit} billed with {immunotherapy} on this claim and date without modifier 25: visits are not paid with "
        f"allergy injection services 95115-95199 unless the visit is another separately identifiable service "
        f"(Claims Processing Manual ch. 12 §200 (B) item 10). Priced as given: add 25 if it is one, else leave "
        f"{visit} off the claim."
    )


# The visits noted: office or outpatient, emergency department, nursing facility and home or residence E/M visits.
VISITS = OTHER_SITE_VISITS


def visit_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``visit_note`` on each visit (a code of
    ``VISITS``) without modifier 25 beside a code of 95115-95199 (the encounter's first), else None."""
    immunotherapy = next((code for code, _ in lines if is_immunotherapy(code)), None)
    if immunotherapy is None:
        return [None] * len(lines)
    return [
        visit_note(code, immunotherapy) if code in VISITS and SEPARATE_VISIT_MODIFIER not in modifiers else None
        for code, modifiers in lines
    ]


def pay_as_multidose(line: Line, multidose: Line) -> None:
    """Pay the 95144 ``line`` (``engine.policy.Line``) as ``multidose``, 95165's line prepared at the same place, with
    the same modifiers and practitioner: in each PFS setting both price, 95165's fee schedule amount (and its parts)
    before the encounter's rules (``engine.policy.apply_policy`` starts from it); a setting 95165 does not price keeps
    the line's own."""
    for name in list(line.settings):
        other = multidose.settings.get(name)
        if other is not None:
            line.settings[name] = other
