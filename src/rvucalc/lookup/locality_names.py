"""A locality named by its name (``MANHATTAN``), as ``--locality``, the Python API and batch's locality column
all take it: one matcher, so the three agree."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from rvucalc.errors import option

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


def ambiguous_locality(text: str, found: Sequence[LocalityInfo]) -> str:
    shown = "; ".join(f"{item.locality} {item.name} ({item.state})" for item in found[:12])
    more = f"; and {len(found) - 12} more" if len(found) > 12 else ""
    return (
        f"{option('locality')} {text!r} fits {len(found)} localities: {shown}{more}. "
        f"Give more of the name or the 7-digit id."
    )
