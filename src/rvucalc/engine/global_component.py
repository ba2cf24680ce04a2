"""A diagnostic test's professional (26) or technical (TC) component billed beside the same code's global line: a
note, the amounts unchanged.

A PC/TC indicator 1 code billed without 26 or TC is the global service, its professional and technical components
together (CMS's RVU file documentation, PC/TC indicator 1: a code reported without a modifier includes the physician
work, practice expense and malpractice expense, the 26 row the professional component's, the TC row the technical
component's). So a 26 or TC line of the code beside its global line on one practitioner's claim and date bills that
component twice. A MAC's billing guidance says "only one service for each component is appropriate per service and
absence of a modifier indicates a global service and failure to utilize the appropriate modifier will result in an
overpayment made to your office" (Palmetto GBA, "Modifiers 26 and TC", as medicalbillingguideline.org restates it).

An urgent care trial: `rvucalc price 71046 71046-26` (the center's own chest X-ray billed global, and its reading
again as 26) priced both, $32.18 and $9.89 at ZIP 85201, with no word. So the component line is noted where one
practitioner's claim and date has the code's global line (a global PC/TC indicator 1 row with a 26 row:
``lookup.lines.component_row``), unless a line of the pair says it is a distinct service (59, 76, 77, X{EPSU}, 91:
a second study, read again), or the two lines name different sites (``engine.facility.ANATOMIC_SITE_MODIFIERS``:
73610-LT global and 73610-26-RT, the office's own left ankle film and an outside film of the right one read, are two
studies; Claims Processing Manual ch. 12 §30.6, NCCI policy manual ch. 1: anatomic modifiers name the site).

A global test-only code's part (PC/TC indicator 4, ``engine.policy.GLOBAL_TEST_PARTS``: 93016, 93017 or 93018 beside
93015, 93010 beside 93000) is noted alike: "The total RVUs for global procedure only codes equals the sum of the total
RVUs for the professional and technical components only codes combined" (CMS's RVU file documentation), so the global
code pays its parts (a nuclear cardiology trial: `price 78452 93015 93016 93018` paid 93016 and 93018 again beside
93015, $20.21 and $13.33 at ZIP 27607, with no word; an urgent care's 93000 and 93010 paid the reading twice). Not
where either line is in a facility setting (a hospital, ASC or inpatient stay): a global test-only code has no PFS
amount there (PE RVU 'NA', ``engine.pfs.global_test_in_facility_reason``), so the physician's 93016 and 93018 at POS
22 are the codes to bill, not paid again by a 93015 that is not paid, and a 93010 read at the ER (POS 23) is another
ECG than the office's own 93000 (a review: both were told "Bill 93015 alone"). Priced as given (rvucalc does not apply
NCCI edits). Batch:
``batch.claims._global_components`` on a practitioner's lines of a claim and date, as ``rvucalc price``'s encounter.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.facility import ANATOMIC_SITE_MODIFIERS
from rvucalc.engine.modifiers import DISTINCT_SERVICE_MODIFIERS
from rvucalc.engine.policy import GLOBAL_TEST_PARTS

COMPONENTS = {"26": "professional component", "TC": "technical component"}
# A global test-only code's part -> that global code (``GLOBAL_TEST_PARTS`` turned round).
GLOBAL_OF_PART = {part: code for code, parts in GLOBAL_TEST_PARTS.items() for codes in parts for part in codes}


def component_note(code: str, component: str) -> str:
    """The note on ``code``-``component`` (26 or TC) billed with ``code``'s global line. No "; " in it (batch joins a
    row's notes with it)."""
    return (
        f"{code}-{component} (the {COMPONENTS[component]}) billed with {code} (the global service, both components) "
        f"on this claim and date: the global line already pays it. Bill the global line alone, or a 26 and a TC line "
        f"without it (CMS's RVU file, PC/TC indicator 1, and Palmetto GBA: only one service for each component, a "
        f"line without 26 or TC being the global one). Priced as billed: the MAC may deny {code}-{component}."
    )


def part_note(code: str, global_code: str) -> str:
    """The note on a global test-only code's part ``code`` billed with its global code. No "; " in it."""
    parts = sorted(part for codes in GLOBAL_TEST_PARTS[global_code] for part in codes)
    return (
        f"{code} billed with {global_code} on this claim and date: {global_code} is the global test, the RVUs of "
        f"{', '.join(parts[:-1])} and {parts[-1]} together (CMS's RVU file, PC/TC indicator 4), so its line already "
        f"pays {code}. Bill {global_code} alone, or its parts without it. Priced as billed: the MAC may deny {code}."
    )


def is_part(code: str, modifiers: Sequence[str]) -> bool:
    """Whether a line may be a component ``encounter_notes`` reads: a 26 or TC line, or a global test-only code's
    part (batch's rows to look at)."""
    return bool(COMPONENTS.keys() & set(modifiers)) or code in GLOBAL_OF_PART


def is_global_test_only(code: str, modifiers: Sequence[str]) -> bool:
    """Whether a line is a global test-only code (93015, 93000 ...) billed whole: no 26 or TC."""
    return code in GLOBAL_TEST_PARTS and not COMPONENTS.keys() & set(modifiers)


def encounter_notes(
    lines: Sequence[tuple[str, Sequence[str], bool]], facility: Sequence[bool] | None = None
) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers, whether the line is a global diagnostic test with
    components, ``lookup.lines.component_row``): ``component_note`` on a 26 or TC line of a code whose global line is
    beside it, and ``part_note`` on a global test-only code's part beside that code (``GLOBAL_OF_PART``), neither line
    with a distinct service modifier, both of one site (the same anatomic modifiers, or none), nor, for ``part_note``,
    in a facility setting (``facility``, per line: a hospital, ASC or inpatient stay); else None."""
    at_facility = list(facility) if facility is not None else [False] * len(lines)
    whole = {
        (code, ANATOMIC_SITE_MODIFIERS.intersection(modifiers))
        for code, modifiers, split in lines
        if split and not DISTINCT_SERVICE_MODIFIERS.intersection(modifiers) and not COMPONENTS.keys() & set(modifiers)
    }
    whole |= {
        (code, ANATOMIC_SITE_MODIFIERS.intersection(modifiers))
        for (code, modifiers, _), elsewhere in zip(lines, at_facility, strict=True)
        if not elsewhere
        and is_global_test_only(code, modifiers)
        and not DISTINCT_SERVICE_MODIFIERS.intersection(modifiers)
    }
    notes: list[str | None] = []
    for (code, modifiers, _), elsewhere in zip(lines, at_facility, strict=True):
        parts = [m for m in modifiers if m in COMPONENTS]
        site = ANATOMIC_SITE_MODIFIERS.intersection(modifiers)
        apart = bool(DISTINCT_SERVICE_MODIFIERS.intersection(modifiers))
        if not apart and len(parts) == 1 and (code, site) in whole:
            notes.append(component_note(code, parts[0]))
        elif not apart and not parts and not elsewhere and (GLOBAL_OF_PART.get(code), site) in whole:
            notes.append(part_note(code, GLOBAL_OF_PART[code]))
        else:
            notes.append(None)
    return notes
