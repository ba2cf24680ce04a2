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
units, ch. 12 §50.G) and the add-on codes 01953, 01968 and 01969 (reported in addition to their primary code).
Batch: ``batch.price._anesthesia_sessions`` on whole columns, the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rvucalc.engine.pfs import is_anesthesia_code

PAYMENT_MODIFIERS = frozenset({"AA", "AD", "QK", "QX", "QY", "QZ"})  # one a line (engine.modifiers)
NOT_IN_SESSION = frozenset({"01953", "01968", "01969", "01995", "01996"})
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


@dataclass(frozen=True)
class Session:
    primary: int  # the position of the line paid
    code: str  # its code
    base_units: int  # the highest base units
    minutes: int  # the lines' minutes added
    lines: int


def session_role(code: str, modifiers: Sequence[str]) -> str | None:
    """The role a line's session is grouped by (its anesthesia payment modifier, '' none), or None: no session."""
    if not is_anesthesia_code(code) or code in NOT_IN_SESSION:
        return None
    return next((modifier for modifier in modifiers if modifier in PAYMENT_MODIFIERS), "")


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
