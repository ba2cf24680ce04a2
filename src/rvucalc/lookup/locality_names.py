"""A locality named by its name (``MANHATTAN``), as ``--locality``, the Python API and batch's locality column
all take it: one matcher, so the three agree."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from rvucalc.errors import cli_only, option

if TYPE_CHECKING:
    from rvucalc.models import LocalityInfo

Item = TypeVar("Item")


def normal_name(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().upper())


def matching_names(wanted: str, named: Sequence[tuple[str, Item]]) -> list[Item]:
    """The items whose name is ``wanted`` (spaces and case aside); failing that, those it begins; failing that,
    those that contain it. Several: the caller says they are ambiguous; none: not found."""
    name = normal_name(wanted)
    names = [(normal_name(text), item) for text, item in named]
    for found in (
        [item for text, item in names if text == name],
        [item for text, item in names if text.startswith(name)],
        [item for text, item in names if name in text],
    ):
        if found:
            return found
    return []


# USPS codes of the states, DC and the territories: CMS's DMEPOS fee columns and PFS localities use these, and
# ``--state`` takes them (``lookup.pricer.parse_state``).
POSTAL_STATES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
    "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
    "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR", "VI", "GU", "AS", "MP",
})  # fmt: skip


def state_code(text: str) -> str | None:
    """``text`` as two letters (``FL``, ``ny``, ``AP``), else None: ``matching_localities`` reads two letters as a
    state's postal code, never as part of a name (``postal_state``: whether they are one)."""
    code = normal_name(text)
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def postal_state(text: str) -> str | None:
    """``text`` as the postal code of a state, DC or a territory that ``--state`` takes (``POSTAL_STATES``), else
    None."""
    code = state_code(text)
    return code if code in POSTAL_STATES else None


def matching_localities(
    wanted: str, named: Sequence[tuple[str, str, Item]], zip_mapped: Callable[[str], Sequence[Item]] | None = None
) -> list[Item]:
    """``matching_names`` over (name, state, item) triples, but a two-letter state code is the state, never part of a
    name: that state's localities (``FL``: Fort Lauderdale, Miami, the rest of Florida; ``AK``: Alaska). An analyst's
    trial found ``--locality FL`` read as REST OF FLORIDA alone (the one name containing "FL"), ``NY`` as NYC
    SUBURBS and ``AK`` as OAKLAND, DAKOTA ... . A state of several localities is then refused by the caller, as a
    name that fits several is (``ambiguous_locality`` names them and says how to ask for all of them).

    A state with no locality of its own (a territory: GU, AS, MP) is the localities CMS's ZIP5 file maps its ZIPs to,
    as ``--state`` lists them (``zip_mapped(code)``: 0121201 HAWAII, GUAM for all three). Two letters that are no
    state's code match nothing: a multi-state trial's ``MP`` was read as NEW HAMPSHIRE, ``AP`` as NAPA and ``GU`` as
    HAWAII, GUAM only because the name holds "GU"."""
    name = normal_name(wanted)
    exact = [item for text, _, item in named if normal_name(text) == name]
    code = state_code(wanted)
    if not exact and code is not None:
        if code not in POSTAL_STATES:
            return []
        in_state = [item for _, state, item in named if state == code]
        if not in_state and zip_mapped is not None:
            in_state = list(zip_mapped(code))
        return in_state
    return matching_names(wanted, [(text, item) for text, _, item in named])


def not_named_hint(text: str) -> str:
    """After "No locality is named ...": why two letters that are no state's code matched no name."""
    code = state_code(text)
    if code is None or code in POSTAL_STATES:
        return ""
    return (
        f" Two letters are read as a state's postal code, and {code} is none (the states, DC, PR, VI, GU, AS, MP): "
        "give a locality's 7-digit id or more of its name."
    )


def ambiguous_locality(text: str, found: Sequence[LocalityInfo]) -> str:
    code = postal_state(text)
    if code is not None:  # matching_localities: the state's (or the localities its ZIPs are in)
        listed = "; ".join(f"{item.locality} {item.name}" for item in found[:12])
        if len(found) > 12:
            listed += f"; and {len(found) - 12} more" + cli_only(f" (rvucalc localities --state {code})")
        return (
            f"{option('locality')} {text!r} is the state {code}, which has {len(found)} PFS localities: {listed}. "
            "Give one of them (its 7-digit id or its name)"
            + cli_only(f", or every locality of the state with --state {code} (rvucalc price and rvucalc export)")
            + "."
        )
    shown = "; ".join(f"{item.locality} {item.name} ({item.state})" for item in found[:12])
    more = f"; and {len(found) - 12} more" if len(found) > 12 else ""
    return (
        f"{option('locality')} {text!r} fits {len(found)} localities: {shown}{more}. "
        f"Give more of the name or the 7-digit id."
    )
