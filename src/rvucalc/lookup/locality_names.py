"""A locality named by its name (``MANHATTAN``), as ``--locality``, the Python API and batch's locality column
all take it: one matcher, so the three agree."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from rvucalc.errors import ErrorKind, UsageError, cli_only, option

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


def is_locality_number(text: str) -> bool:
    """Whether ``text`` is given as a locality's id (``1320201``, ``13202-01``, ``920220``, ``1320201.0``), not its
    name: ``parse_locality`` reads it."""
    return re.fullmatch(r"[0-9][0-9\s-]*(?:\.0+)?", text.strip()) is not None


def parse_locality(text: str) -> str:
    """A locality's 7-digit id (the MAC and the locality number), spaces and hyphens aside; else a UsageError that
    says, of a number a spreadsheet made of it, what it probably was (a trial's 920220 for 0920220 PUERTO RICO, and
    1320201.0, read as "No locality is named '1320201.0'"): never guessed, as ``parse_zip`` guesses no ZIP."""
    digits = re.sub(r"[\s-]", "", text)
    if re.fullmatch(r"[0-9]{7}", digits):
        return digits
    hint = ""
    number = re.fullmatch(r"([0-9]{6,7})(\.0+)?", text.strip())  # the ids begin 01 to 15: one zero to lose
    if number and (number.group(2) or len(number.group(1)) == 6):
        hint = (f" If a spreadsheet stored it as a number, it was probably {number.group(1).zfill(7)}: keep the "
                "locality as text (all 7 digits).")  # fmt: skip
    raise UsageError(
        f"{text!r} is not a locality: 7 digits, the MAC and the locality number (e.g. 1320201 = Manhattan).{hint}",
        kind=ErrorKind.UNKNOWN_LOCALITY,
    )


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


# The names USPS gives the states, DC and the territories of ``POSTAL_STATES`` (USPS Publication 28, Appendix B,
# "Two-Letter State and Possession Abbreviations"). A state's name given as a locality is the state, as its code is:
# a trial's "New York" was read as 1328299 REST OF NEW YORK ($91.86 for 99213; Manhattan $107.63), "Washington" (a DC
# practice) as REST OF WASHINGTON, "Texas" and "Missouri" as the rest of the state.
STATE_NAMES = {
    "ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR", "CALIFORNIA": "CA", "COLORADO": "CO",
    "CONNECTICUT": "CT", "DELAWARE": "DE", "DISTRICT OF COLUMBIA": "DC", "FLORIDA": "FL", "GEORGIA": "GA",
    "HAWAII": "HI", "IDAHO": "ID", "ILLINOIS": "IL", "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS", "KENTUCKY": "KY",
    "LOUISIANA": "LA", "MAINE": "ME", "MARYLAND": "MD", "MASSACHUSETTS": "MA", "MICHIGAN": "MI", "MINNESOTA": "MN",
    "MISSISSIPPI": "MS", "MISSOURI": "MO", "MONTANA": "MT", "NEBRASKA": "NE", "NEVADA": "NV", "NEW HAMPSHIRE": "NH",
    "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY", "NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND",
    "OHIO": "OH", "OKLAHOMA": "OK", "OREGON": "OR", "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI",
    "SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD", "TENNESSEE": "TN", "TEXAS": "TX", "UTAH": "UT", "VERMONT": "VT",
    "VIRGINIA": "VA", "WASHINGTON": "WA", "WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY",
    "PUERTO RICO": "PR", "VIRGIN ISLANDS": "VI", "GUAM": "GU", "AMERICAN SAMOA": "AS",
    "NORTHERN MARIANA ISLANDS": "MP",
}  # fmt: skip


# A DME file's state column writes a state's name shortened as people write it: North, South and West as 'N.', 'N',
# 'No.', 'So.', 'S.', 'W.' ('N. Carolina', 'So. Dakota', 'W. Virginia'), the District of Columbia as 'D.C.', 'Wash.
# DC' or 'Washington, D.C.', a postal code with its points ('N.C.'). Each names one state: read as its USPS code, where
# a supplier's E0114-NU row in 'N. Carolina' was a bad_state row, not DMEPOS26_JAN's NC (NR) $57.17. A word that may
# be two states ('Carolina', 'Dakota', 'Wash.': Washington State or DC) or a region ('N. Virginia') stays an error
# naming the cell (``AMBIGUOUS_STATE_WORDS``); the traditional abbreviations ('Calif.', 'Tex.') are not read either.
# New as 'N.' too ('N. Mexico', 'N. Hampshire', 'N. Jersey', 'N. York'): one state each, as no North one shares its
# second word (a review found 'N. Mexico' and 'N. Hampshire' bad_state rows); West Virginia as 'W. Va.' (its AP
# abbreviation, 'W.Va.', 'W Va'), Virginia's 'Va.' after West alone.
_DIRECTIONS = {"N": ("NORTH", "NEW"), "NO": ("NORTH",), "NORTH": ("NORTH",), "S": ("SOUTH",), "SO": ("SOUTH",),
               "SOUTH": ("SOUTH",), "W": ("WEST",), "WEST": ("WEST",), "NEW": ("NEW",)}  # fmt: skip
_DIRECTED_STATES = frozenset({"NORTH CAROLINA", "NORTH DAKOTA", "SOUTH CAROLINA", "SOUTH DAKOTA", "WEST VIRGINIA",
                              "NEW HAMPSHIRE", "NEW JERSEY", "NEW MEXICO", "NEW YORK"})  # fmt: skip
_SECOND_WORDS = {"VA": "VIRGINIA"}  # 'W. Va.': West Virginia
AMBIGUOUS_STATE_WORDS = {"CAROLINA": "NC or SC", "DAKOTA": "ND or SD", "WASH": "WA or DC"}


def written_state(text: str) -> str | None:
    """A state's USPS code from its whole name (``STATE_NAMES``) or a shortened form that names one state alone
    ('N. Carolina', 'So. Dakota', 'N. Mexico', 'W. Va.', 'D.C.', 'Wash. DC': above), else None. Two letters are not
    read here (``postal_state``)."""
    name = normal_name(text)
    if name in STATE_NAMES:
        return STATE_NAMES[name]
    # a postal code with its points joined ('D.C.', 'N.C.', 'Washington, D.C.'), then points and commas as spaces
    words = re.sub(r"[.,]", " ", re.sub(r"\b([A-Z])\.\s*([A-Z])\b\.?", r"\1\2", name)).split()
    if len(words) == 1 and len(words[0]) == 2 and words[0] != name:  # 'D.C.', 'N.C.'
        return postal_state(words[0])
    if words[-1] == "DC" and words[:-1] in (["WASHINGTON"], ["WASH"]):
        return "DC"
    if len(words) == 2 and words[0] in _DIRECTIONS:
        named = [f"{direction} {_SECOND_WORDS.get(words[1], words[1])}" for direction in _DIRECTIONS[words[0]]]
        states = [name for name in named if name in _DIRECTED_STATES]
        if len(states) == 1:
            return STATE_NAMES[states[0]]
    return None


def named_state(text: str) -> str | None:
    """``text`` as a state's postal code (``postal_state``) or its whole name (``New York``: NY), else None."""
    return postal_state(text) or STATE_NAMES.get(normal_name(text))


def matching_localities(
    wanted: str, named: Sequence[tuple[str, str, Item]], zip_mapped: Callable[[str], Sequence[Item]] | None = None
) -> list[Item]:
    """``matching_names`` over (name, state, item) triples, but a two-letter state code is the state, never part of a
    name: that state's localities (``FL``: Fort Lauderdale, Miami, the rest of Florida; ``AK``: Alaska), and so is a
    state's whole name that is no locality's (``New York``, ``Texas``: ``STATE_NAMES``). An analyst's
    trial found ``--locality FL`` read as REST OF FLORIDA alone (the one name containing "FL"), ``NY`` as NYC
    SUBURBS and ``AK`` as OAKLAND, DAKOTA ... . A state of several localities is then refused by the caller, as a
    name that fits several is (``ambiguous_locality`` names them and says how to ask for all of them).

    A state with no locality of its own (a territory: GU, AS, MP) is the localities CMS's ZIP5 file maps its ZIPs to,
    as ``--state`` lists them (``zip_mapped(code)``: 0121201 HAWAII, GUAM for all three). Two letters that are no
    state's code match nothing: a multi-state trial's ``MP`` was read as NEW HAMPSHIRE, ``AP`` as NAPA and ``GU`` as
    HAWAII, GUAM only because the name holds "GU"."""
    name = normal_name(wanted)
    exact = [item for text, _, item in named if normal_name(text) == name]
    if exact:  # a locality's own name (KANSAS, VIRGINIA, PUERTO RICO), before a state's
        return exact
    code = named_state(wanted)  # NY, or New York (STATE_NAMES): never REST OF NEW YORK alone
    if code is None and state_code(wanted) is not None:
        return []
    if code is not None:
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


def listed_localities(text: str, known: Sequence[tuple[str, str, str]]) -> list[str]:
    """``text`` as a comma list of localities (export's ``--locality 1320201,1328299``) that no name matched whole (a
    name may hold a comma: 'HAWAII, GUAM'), as ``id NAME`` each, when every part is one of ``known`` (id, name,
    state): by its 7-digit id or a name that fits it alone; else []."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) < 2 or not all(parts):
        return []
    ids = {locality: name for locality, name, _ in known}
    listed = []
    for part in parts:
        if is_locality_number(part):
            digits = re.sub(r"[\s-]", "", part)
            found = [(digits, ids[digits])] if digits in ids else []
        else:
            found = matching_localities(part, [(name, state, (locality, name)) for locality, name, state in known])
        if len(found) != 1:
            return []
        listed.append(f"{found[0][0]} {found[0][1]}")
    return listed


def several_localities(text: str, listed: Sequence[str]) -> str:
    """The error for a list of localities where one place is priced or compared (``listed_localities``)."""
    return (
        f"{option('locality')} {text.strip()!r} lists {len(listed)} localities ({'; '.join(listed)}): a price or a "
        "comparison is of one place, give one"
        + cli_only(" (once per locality; rvucalc export --locality takes a list, rvucalc batch a locality column)")
        + "."
    )


def ambiguous_locality(text: str, found: Sequence[LocalityInfo]) -> str:
    code = named_state(text)
    if code is not None:  # matching_localities: the state's (or the localities its ZIPs are in)
        listed = "; ".join(f"{item.locality} {item.name}" for item in found[:12])
        if len(found) > 12:
            listed += f"; and {len(found) - 12} more" + cli_only(f" (rvucalc localities --state {code})")
        # a DC practice's "Washington" was read as REST OF WASHINGTON (WA)
        capital = " (Washington, D.C. is DC: give DC)" if code == "WA" and postal_state(text) is None else ""
        return (
            f"{option('locality')} {text!r} is the state {code}{capital}, which has {len(found)} PFS localities: "
            f"{listed}. Give one of them (its 7-digit id or its name)"
            + cli_only(f", or every locality of the state with --state {code} (rvucalc price and rvucalc export)")
            + "."
        )
    shown = "; ".join(f"{item.locality} {item.name} ({item.state})" for item in found[:12])
    more = f"; and {len(found) - 12} more" if len(found) > 12 else ""
    return (
        f"{option('locality')} {text!r} fits {len(found)} localities: {shown}{more}. "
        f"Give more of the name or the 7-digit id."
    )
