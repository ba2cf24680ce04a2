"""A locality named by its name (``MANHATTAN``), as ``--locality``, the Python API and batch's locality column
all take it: one matcher, so the three agree."""

from __future__ import annotations

import re
from collections.abc import Sequence
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


def state_code(text: str) -> str | None:
    """``text`` as a two-letter state code (``FL``, ``ny``), else None: read by ``matching_localities`` as a state."""
    code = normal_name(text)
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def matching_localities(wanted: str, named: Sequence[tuple[str, str, Item]]) -> list[Item]:
    """``matching_names`` over (name, state, item) triples, but a two-letter state code is the state, never part of a
    name: that state's localities (``FL``: Fort Lauderdale, Miami, the rest of Florida; ``AK``: Alaska). An analyst's
    trial found ``--locality FL`` read as REST OF FLORIDA alone (the one name containing "FL"), ``NY`` as NYC
    SUBURBS and ``AK`` as OAKLAND, DAKOTA ... . A state of several localities is then refused by the caller, as a
    name that fits several is (``ambiguous_locality`` names them and says how to ask for all of them)."""
    name = normal_name(wanted)
    exact = [item for text, _, item in named if normal_name(text) == name]
    code = state_code(wanted)
    if not exact and code is not None:
        in_state = [item for _, state, item in named if state == code]
        if in_state:
            return in_state
    return matching_names(wanted, [(text, item) for text, _, item in named])


def ambiguous_locality(text: str, found: Sequence[LocalityInfo]) -> str:
    code = state_code(text)
    if code is not None and all(item.state == code for item in found):  # matching_localities: the state's
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
