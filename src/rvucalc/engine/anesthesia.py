"""Multiple anesthesia procedures in one session: one payment, on the highest base units, for the time of all.

Claims Processing Manual (Pub. 100-04) ch. 12 §50, "Billing and Payment for Multiple Anesthesia Procedures" (as
transmittal R1324CP gives it, and Noridian's Anesthesia and Pain Management guide quotes it): "Physicians bill for the
anesthesia services associated with multiple bilateral surgeries by reporting the anesthesia procedure with the
highest base unit value ... They report the total time for all procedures in the line item with the highest base unit
value. ... Payment can be made under the fee schedule for anesthesia services associated with multiple surgical
procedures or multiple bilateral procedures. Payment is determined based on the base unit of the anesthesia procedure
with the highest base unit value and time units based on the actual anesthesia time of the multiple procedures."

rvucalc reads a claim (or ``rvucalc price A B``) that lists several anesthesia lines of one practitioner's role (the
line's anesthesia payment modifier: AA, AD, QK, QX, QY, QZ, or none) on one date so: the line with the highest base
units (the first of equal ones) is paid (its base units + the time units of all the lines' minutes added) x the CF,
at its modifier's percentage, and the others $0.00, each line saying why. The lines of other roles (a QK line and the
QX line of the CRNA it directs) are each their own practitioner's payment. Not grouped: 01995 and 01996 (no time
units, ch. 12 §50.G), the add-on codes 01953, 01968 and 01969 (reported in addition to their primary code), and a
line marked a separate anesthetic (59 or XE: ``SEPARATE_ANESTHETIC``).
Batch: ``batch.price._anesthesia_sessions`` on whole columns, the same rule.

A separate anesthetic: the rule is of the procedures of one anesthetic. Ch. 12 §50 pays "anesthesia services
associated with multiple surgical procedures" on the highest base units with "time units based on the actual
anesthesia time of the multiple procedures", and anesthesia time "is a continuous time period from the start of
anesthesia to the end of an anesthesia service" (42 CFR 414.46(a)(3)): one anesthetic, one time. A second anesthetic
the same day (the patient back in the room in the afternoon) is another anesthesia service with its own base units and
its own time, which the line says with XE ("Separate encounter, A service that is distinct because it occurred during
a separate encounter ... only ... separate encounters on the same date of service", MLN Matters SE1418, revised 2020)
or 59 (distinct procedural service: a different session among its uses, SE1418). Such a line is priced alone; rvucalc
cannot tell two lines of one later anesthetic apart, so each 59/XE line is its own (an anesthesia group's trial:
00790 and 00840-59 of two anesthetics were paid $394.76 and $0.00, as one 175-minute session, for $280.76 + $238.54).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rvucalc.engine.pfs import is_anesthesia_code

PAYMENT_MODIFIERS = frozenset({"AA", "AD", "QK", "QX", "QY", "QZ"})  # one a line (engine.modifiers)
NOT_IN_SESSION = frozenset({"01953", "01968", "01969", "01995", "01996"})
SEPARATE_ANESTHETIC = ("59", "XE")  # a line's separate anesthetic (the module's docstring)
SOURCE = "Claims Processing Manual ch. 12 §50"
PRIMARY_NOTE = (
    "Multiple anesthesia procedures in one session: paid on this line, the highest base units ({base}), with the time "
    "of the session's {count} lines ({minutes} minutes, their minutes added: if they overlap, give the session's time "
    "on one line) ({source})"
)
SECONDARY_RULE = (
    "Multiple anesthesia procedures in one session: paid on {code}'s line (the highest base units), with this line's "
    "minutes in its time ({source})"
)
SECONDARY_STEP = "anesthesia session"
SEPARATE_NOTE = (
    "Modifier {modifier} on an anesthesia line: a separate anesthetic, paid on its own base units and time, never "
    "combined with the encounter's other anesthesia lines (Claims Processing Manual ch. 12 §50 combines the procedures "
    "of one anesthetic, 42 CFR 414.46(a)(3): its time is one continuous period)"
)


# Modifier 53 (discontinued procedure) on an anesthesia line: CMS's rule for the physician's 53 (the MAC prices a code
# CMS publishes no 53 row for: engine.modifiers.DISCONTINUED_MAC_PRICED) is the surgeon's, and no CMS text found says
# what 53 does to an anesthesia fee: Claims Processing Manual ch. 12 §50 (the sections rvucalc cites, §50.D, §50.G,
# §50.K) pays base units plus the time units of the anesthesia time reported (42 CFR 414.46(b)(1)), so a discontinued
# anesthetic's shorter time is already in its amount, and names no 53. What was found is not CMS's and disagrees: a
# MAC-style modifier fact sheet (as medicalbillingcptmodifiers.com restates it, 2010) calls 53 "inappropriate with E/M
# or anesthesia codes", a Florida Blue provider manual (as quoted on the AAPC forum, 2013) pays a case cancelled after
# induction, with 53, on "the amount of time reported plus the base units". So the amount is not changed, and the
# line says so, where it was dropped silently (an anesthesia group's trial: 00790-AA-53 at its full amount). Price
# and batch alike (lookup.lines.modifier_notes).
DISCONTINUED = "53"
DISCONTINUED_NOTE = (
    "Modifier 53 (discontinued procedure) on an anesthesia line does not change rvucalc's amount: base units plus the "
    "time units of the minutes given (42 CFR 414.46(b)(1)), a discontinued anesthetic's shorter time being in them. "
    "No CMS text found (Claims Processing Manual ch. 12 §50 included) says what 53 does to an anesthesia fee: whether "
    "the MAC accepts 53 on an anesthesia code, and what it pays, is the MAC's to decide."
)


def discontinued_note(code: str, modifiers: Sequence[str]) -> str | None:
    """``DISCONTINUED_NOTE`` of an anesthesia line with modifier 53, or None."""
    return DISCONTINUED_NOTE if DISCONTINUED in modifiers and is_anesthesia_code(code) else None


@dataclass(frozen=True)
class Session:
    primary: int  # the position of the line paid
    code: str  # its code
    base_units: int  # the highest base units
    minutes: int  # the lines' minutes added
    lines: int


# Medical supervision (AD: more than four concurrent procedures, or other services while directing): Claims Processing
# Manual ch. 12 §50.D, "Payment at Medically Supervised Rate": "Carriers may allow only three base units per procedure
# when the anesthesiologist is involved in furnishing more than four procedures concurrently or is performing other
# services while directing the concurrent procedures. An additional time unit may be recognized if the physician can
# document he or she was present at induction" (the manual as quoted from clm104c12.pdf). rvucalc pays the three base
# units and no time units: whether the physician was present at induction is not an input, so the extra unit is said,
# not paid. Each AD line is its own procedure ("per procedure"): never in a session. The line's base units and minutes
# are not needed (refused before: the line was not priced).
SUPERVISED = "AD"
SUPERVISED_BASE_UNITS = 3
SUPERVISED_NOTE = (
    "{code}-AD (medical supervision of more than four concurrent procedures): paid on 3 base units and no time units "
    "(Claims Processing Manual ch. 12 §50.D){unused}. One more unit ({unit} here) is paid if the physician documents "
    "being present at induction, which rvucalc is not told: not included."
)


# A line's anesthesia payment modifier says who furnished it and at what share: Claims Processing Manual (Pub. 100-04)
# ch. 12 §50.K, "Anesthesia Claims Modifiers": "Physicians report the appropriate anesthesia modifier to denote whether
# the service was personally performed, medically directed, or medically supervised" (AA, AD, QK, QY), and the CRNA's
# QX (with medical direction) or QZ (without); the MACs require one on every anesthesia line (NGS: "every anesthesia
# procedure billed to Medicare must include one of the following anesthesia HCPCS modifiers ... Claims submitted
# incorrectly will suspend"). A line without one is priced as a claim without it can only be read, in full (AA for a
# physician's, QZ for a CRNA's: the same amount), and says so: an anesthesia trial's 01402-P3 was paid 100% silently.
#
# The modifier names its practitioner, so a line whose practitioner is named otherwise is refused (bad_modifier),
# never priced as either says (as AJ or AH on a physician's row, lookup.lines.check_practitioner). Ch. 12 §50.K's list
# of anesthesia modifiers (as California's DWC §9789.18.11 restates it word for word): "AA - Anesthesia Services
# performed personally by the anesthesiologist; AD - Medical Supervision by a physician ...; QK - Medical direction of
# two, three or four concurrent anesthesia procedures involving qualified individuals; ... QX - CRNA service; with
# medical direction by a physician; QY - Medical direction of one qualified non-physician anesthetist by an
# anesthesiologist; QZ - CRNA service: without medical direction by a physician". Ch. 12 §140.3.3 (qualified
# nonphysician anesthetists' billing modifiers, as restated by medicalbillingcptmodifiers.com): for a medically
# directed case "the physician will use the modifier 'QY'" and "the qualified nonphysician anesthetist will use the
# current modifier 'QX'", each paid "50 percent of the allowance otherwise recognized had the service been furnished
# by the anesthesiologist alone". So a CRNA's line with AA or QK (an anesthesiologist assistant's too:
# credentials.CRNA_CREDENTIALS reads them as crna) would be paid the anesthesiologist's share, and a physician's with
# QZ the CRNA's full amount without a limiting charge (CRNA_ASSIGNMENT_MODIFIERS). A physician's --provider, the
# default, names no one (a batch cell naming MD, DO ... or an explicit --provider md does). Two payment modifiers on
# one line (QK-QX) are refused before (engine.policy.check_modifiers). Before, 00840-QZ on an MD row was priced as the
# CRNA's, silently, and 01402-QK on a CRNA's as the anesthesiologist's, with a note.
PHYSICIAN_MODIFIERS = ("AA", "AD", "QK", "QY")
ANESTHETIST_MODIFIERS = ("QX", "QZ")  # a CRNA's or anesthesiologist assistant's (ch. 12 §140.3.3)
NO_PAYMENT_MODIFIER_NOTE = (
    "{code} has no anesthesia payment modifier (AA, AD, QK, QX, QY or QZ): priced as {priced}, the full amount. "
    "Medicare's claim needs the modifier that says who furnished it and how (Claims Processing Manual ch. 12 §50.K), "
    "and a MAC returns or suspends a line without it: add {add}."
)
CRNA_WITH_PHYSICIAN_MODIFIER_REFUSAL = (
    "{code}-{modifier} on a CRNA's or anesthesiologist assistant's line (--provider crna, or CRNA, CAA ... in a "
    "provider column): {modifier} is the physician's modifier (Claims Processing Manual ch. 12 §50.K). A CRNA or "
    "anesthesiologist assistant bills QZ (without medical direction, the full amount) or QX (medically directed, 50%, "
    "ch. 12 §140.3.3): give the line's modifier or its practitioner, not both."
)
PHYSICIAN_WITH_ANESTHETIST_MODIFIER_REFUSAL = (
    "{code}-{modifier} on a physician's line (--provider md, or MD, DO ... in a provider column): {modifier} is a "
    "CRNA's or anesthesiologist assistant's modifier (Claims Processing Manual ch. 12 §50.K, §140.3.3). An "
    "anesthesiologist bills AA (personally performed), QK or QY (medical direction, 50%) or AD (medical supervision): "
    "give the line's modifier or its practitioner, not both."
)


def payment_modifier_note(code: str, modifiers: Sequence[str], provider: str) -> str | None:
    """An anesthesia line's note on its payment modifier (``NO_PAYMENT_MODIFIER_NOTE``), or None: a line with one (a
    modifier naming another practitioner is refused: ``practitioner_conflict``). Anesthesia by the surgeon (47) is
    another rule's."""
    if "47" in modifiers:
        return None
    given = [modifier for modifier in modifiers if modifier in PAYMENT_MODIFIERS]
    if not given:
        if provider == "crna":
            priced = "a CRNA's without medical direction (QZ)"
            add = "QZ, or QX if an anesthesiologist directed it (50%)"
        else:
            priced = "personally performed by the anesthesiologist (AA)"
            add = "AA, or QK or QY if the physician directed CRNAs (50%), AD if supervising more than four"
        return NO_PAYMENT_MODIFIER_NOTE.format(code=code, priced=priced, add=add)
    return None


def practitioner_conflict(code: str, modifiers: Sequence[str], provider: str, *, stated: bool = False) -> str | None:
    """Why a line's anesthesia payment modifier names another practitioner than its ``provider`` (a CRNA's line with
    AA, AD, QK or QY; a physician's with QX or QZ where ``stated``: --provider md, a provider cell naming MD, DO ...;
    the default physician names no one), or None. Anesthesia codes only: another code's anesthesia modifier is refused
    as such (engine.policy.check_modifiers)."""
    if not is_anesthesia_code(code):
        return None
    given = next((modifier for modifier in modifiers if modifier in PAYMENT_MODIFIERS), None)
    if provider == "crna" and given in PHYSICIAN_MODIFIERS:
        return CRNA_WITH_PHYSICIAN_MODIFIER_REFUSAL.format(code=code, modifier=given)
    if provider == "physician" and stated and given in ANESTHETIST_MODIFIERS:
        return PHYSICIAN_WITH_ANESTHETIST_MODIFIER_REFUSAL.format(code=code, modifier=given)
    return None


# The qualifying circumstance codes (99100 extreme age, 99116 total body hypothermia, 99135 controlled hypotension,
# 99140 emergency): CMS's RVU file gives them status B (bundled: "payment for covered services are always bundled into
# payment for other services", RVU file layout, PFS status indicators), so Medicare pays no units for them, whatever
# an anesthesia export's base units cell holds (1, 2 or 5: the ASA's units, which other payers add). Such a line is
# priced as any status B line (no PFS payment), its base units and minutes not read, said: an anesthesia trial's
# 99100 with base units 1 was a usage error that also left it out of its case's rules.
QUALIFYING_CIRCUMSTANCES = frozenset({"99100", "99116", "99135", "99140"})
QUALIFYING_CIRCUMSTANCE_NOTE = (
    "{code} is a qualifying circumstance for anesthesia: CMS bundles it (status B), so Medicare pays no units for it "
    "and adds none to the anesthesia line's: the {given} not read."
)


def qualifying_circumstance_note(code: str, status: str, base_units: object, minutes: object) -> str | None:
    """``QUALIFYING_CIRCUMSTANCE_NOTE`` of a qualifying circumstance code of status B given base units or minutes, or
    None (another code: those are for anesthesia codes, refused)."""
    if code not in QUALIFYING_CIRCUMSTANCES or status != "B" or (base_units is None and minutes is None):
        return None
    named = (("base units", base_units), ("minutes", minutes))
    pairs = [(name, str(value)) for name, value in named if value is not None]
    given = f"{' and '.join(name for name, _ in pairs)} given ({' and '.join(value for _, value in pairs)}) are"
    return QUALIFYING_CIRCUMSTANCE_NOTE.format(code=code, given=given)


def supervised_note(code: str, unit: str, base_units: object, minutes: object) -> str:
    """``SUPERVISED_NOTE`` of an AD line: ``unit`` the dollars of one unit; the line's own base units and minutes, when
    given, said to be unused."""
    unused = unused_units(base_units, minutes)
    return SUPERVISED_NOTE.format(code=code, unit=unit, unused=f"; {unused}" if unused else "")


def unused_units(base_units: object, minutes: object) -> str:
    """'its base units 7 and minutes 60 are not used' (those given, '' none): an AD line's, which are not needed."""
    pairs = (("base units", base_units), ("minutes", minutes))
    given = [f"{name} {value}" for name, value in pairs if value is not None]
    return f"its {' and '.join(given)} are not used" if given else ""


def session_role(code: str, modifiers: Sequence[str]) -> str | None:
    """The role a line's session is grouped by (its anesthesia payment modifier, '' none), or None: no session."""
    if not is_anesthesia_code(code) or code in NOT_IN_SESSION or separate_modifier(code, modifiers) is not None:
        return None
    if SUPERVISED in modifiers:
        return None
    return next((modifier for modifier in modifiers if modifier in PAYMENT_MODIFIERS), "")


def separate_modifier(code: str, modifiers: Sequence[str]) -> str | None:
    """The modifier (59 or XE) that marks an anesthesia line as a separate anesthetic (the module's docstring), or
    None: a line of a code grouped in sessions (not ``NOT_IN_SESSION``) only."""
    if not is_anesthesia_code(code) or code in NOT_IN_SESSION:
        return None
    return next((modifier for modifier in modifiers if modifier in SEPARATE_ANESTHETIC), None)


def separate_note(code: str, modifiers: Sequence[str]) -> str | None:
    """``SEPARATE_NOTE`` of a line marked a separate anesthetic, or None."""
    modifier = separate_modifier(code, modifiers)
    return None if modifier is None else SEPARATE_NOTE.format(modifier=modifier)


def sessions(lines: Sequence[tuple[str, Sequence[str], int | None, int | None]]) -> list[Session | None]:
    """Per line of an encounter (code, modifiers, base units, minutes; None not given): its session when it is one
    of two or more of a role, else None."""
    groups: dict[str, list[int]] = {}
    for position, (code, modifiers, base, minutes) in enumerate(lines):
        role = session_role(code, modifiers)
        if role is not None and base is not None and minutes is not None:
            groups.setdefault(role, []).append(position)
    out: list[Session | None] = [None] * len(lines)
    for members in groups.values():
        if len(members) < 2:
            continue
        highest = max(int(lines[n][2] or 0) for n in members)
        primary = next(n for n in members if lines[n][2] == highest)
        session = Session(primary, lines[primary][0], highest, sum(int(lines[n][3] or 0) for n in members),
                          len(members))  # fmt: skip
        for n in members:
            out[n] = session
    return out


def primary_note(session: Session) -> str:
    return PRIMARY_NOTE.format(base=session.base_units, count=session.lines, minutes=session.minutes, source=SOURCE)


def secondary_rule(code: str) -> str:
    return SECONDARY_RULE.format(code=code, source=SOURCE)
