"""Wound repairs of one classification and one anatomic group billed as several lines or units: a note, the amounts
unchanged.

CPT's Repair (Closure) guidelines: "When multiple wounds are repaired, add together the lengths of those in the same
classification and from all anatomic sites that are grouped together into the same code descriptor" (as AAPC's
Emergency Medicine and Dermatology Coding Alerts quote them: a 2.5 cm simple repair of the leg and a 4 cm one of the
arm are one 12002 for 6.5 cm, "Consider these clinical examples to help decide when to combine repairs or report them
separately"). The classifications are simple (12001-12018), intermediate (12031-12057) and complex (13100-13153);
each is split into anatomic groups, one code family each, its codes by the total length. Repairs of different
classifications or groups are separate codes (59 on the lesser one): those are not noted. A complex group's add-on
(13102, 13122, 13133, 13153) counts its additional 5 cm in units: its units and its line beside its primary are the
summed length's own way of billing, not noted.

An urgent care trial: `rvucalc price 12001 12001-59 12011` (a hand's and a leg's simple laceration, and the face's)
priced the two 12001 lines as two procedures, each ranked and paid 50% ($55.27 and $55.27 at ZIP 85201) with no word,
where the two wounds are one 12001 or 12002 for their summed length; `--units 2` of 12001 was said to be two of its
amount. So a repair line beside another line of its group on one practitioner's claim and date, or a repair line of
several units, is noted naming the group. Priced as given (rvucalc does not apply NCCI edits or MUEs, and the lengths
are not on the claim). Batch: ``batch.claims._wound_repairs`` on a practitioner's lines of a claim and date, as
``rvucalc price``'s encounter; the units note through ``lookup.pricer.code_units_note``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rvucalc.engine.facility import ANATOMIC_SITE_MODIFIERS


def _codes(*numbers: int) -> tuple[str, ...]:
    return tuple(str(number) for number in numbers)


# Each anatomic group of a classification (CPT's descriptors; CMS's RVU file lists these codes, status A): its
# classification, its sites, its codes by length, and a complex group's add-on code ("each additional 5 cm").
GROUPS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("simple", "scalp, neck, axillae, external genitalia, trunk, extremities with hands and feet",
     _codes(12001, 12002, 12004, 12005, 12006, 12007), None),
    ("simple", "face, ears, eyelids, nose, lips, mucous membranes",
     _codes(12011, 12013, 12014, 12015, 12016, 12017, 12018), None),
    ("intermediate", "scalp, axillae, trunk, extremities but hands and feet",
     _codes(12031, 12032, 12034, 12035, 12036, 12037), None),
    ("intermediate", "neck, hands, feet, external genitalia", _codes(12041, 12042, 12044, 12045, 12046, 12047), None),
    ("intermediate", "face, ears, eyelids, nose, lips, mucous membranes",
     _codes(12051, 12052, 12053, 12054, 12055, 12056, 12057), None),
    ("complex", "trunk", _codes(13100, 13101), "13102"),
    ("complex", "scalp, arms, legs", _codes(13120, 13121), "13122"),
    ("complex", "forehead, cheeks, chin, mouth, neck, axillae, genitalia, hands, feet", _codes(13131, 13132), "13133"),
    ("complex", "eyelids, nose, ears, lips", _codes(13151, 13152), "13153"),
)  # fmt: skip
GROUP_OF = {code: number for number, (_, _, codes, _) in enumerate(GROUPS) for code in codes}
_SOURCE = "CPT's Repair (Closure) guidelines"


def _group(number: int) -> str:
    """A group's codes and sites: ``12001-12007 (scalp, ...)``, a complex group's add-on named."""
    _, sites, codes, add_on = GROUPS[number]
    return f"{codes[0]}-{codes[-1]}" + (f" and {add_on}" if add_on else "") + f" ({sites})"


def _billed_once(number: int) -> str:
    """How CPT bills a group's summed length: one code of the group (a complex group's: its code for the first 7.5 cm
    and its add-on for each additional 5 cm)."""
    _, _, codes, add_on = GROUPS[number]
    if add_on:
        return f"bills the total once, as {' or '.join(codes)} and {add_on} for each additional 5 cm"
    return f"bills the total once, 1 unit of the code of {codes[0]}-{codes[-1]} whose range holds it"


def group_note(codes: Sequence[str]) -> str:
    """The note on each line of one anatomic group's repairs (``codes``, the lines' written codes with modifiers, two or
    more) billed by one practitioner on one claim and date. No "; " in it (batch joins notes with it)."""
    number = GROUP_OF[codes[0].split("-")[0]]
    return (
        f"{' and '.join(codes)} on this claim and date are {GROUPS[number][0]} repairs of one anatomic group, "
        f"{_group(number)}: CPT adds their lengths together and {_billed_once(number)}, whatever 59, XS or the sides "
        f"say ({_SOURCE}). Priced as billed: the claim does not give the lengths."
    )


def encounter_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): ``group_note`` on each repair line (a ``GROUPS``
    code, add-ons aside) beside another line of its group; else None."""
    written: dict[int, list[str]] = {}
    for code, modifiers in lines:
        if code in GROUP_OF:
            written.setdefault(GROUP_OF[code], []).append("-".join([code, *modifiers]))
    notes = {number: group_note(codes) for number, codes in written.items() if len(codes) > 1}
    return [notes.get(GROUP_OF[code]) if code in GROUP_OF else None for code, _ in lines]


def units_note(code: str, units: int) -> str | None:
    """The note on a repair line (a ``GROUPS`` code, add-ons aside) of several units, or None. No "; " in it."""
    if code not in GROUP_OF or units < 2:
        return None
    number = GROUP_OF[code]
    return (
        f"{units} units of {code}, a {GROUPS[number][0]} repair of the anatomic group {_group(number)}: CPT adds the "
        f"wounds' lengths together and {_billed_once(number)} ({_SOURCE}). Priced as billed: {units} times one {code}."
    )


# A simple repair beside a skin lesion excision, and an excision beside an adjacent tissue transfer: notes, the amounts
# as billed. CPT's excision codes for benign (11400-11446) and malignant (11600-11646) lesions include the simple,
# non-layered closure of their wound: only an intermediate (12031-12057) or complex (13100-13153) repair is reported
# apart (CPT's Excision guidelines, as AAPC restates them, "Know When to Report Excision or Repair (or Both)", and
# NCCI's Policy Manual for Medicare Services ch. III, Lesion Removal, as AAPC's forum quotes it). CPT's adjacent tissue
# transfer codes (14000-14302: "excision (including lesion) and/or repair by adjacent tissue transfer") include the
# excision of the lesion the flap closes, benign or malignant (CPT Assistant, July 2008, as the same AAPC article
# restates it): an excision beside one is reported only for a lesion elsewhere. Either is reported for a separate
# wound or lesion with 59 or an X modifier (XS, another site). A dermatology trial's `rvucalc price 11400 12001-51`
# ranked and paid the simple repair 50% ($56.00 at ZIP 55435) and `price 11642 14040` the excision 50% ($132.40),
# neither with a word. Noted on the included line without 59 or an X modifier; rvucalc applies no NCCI edit.
# Hidradenitis excisions (11450-11471) name their own repair in their descriptors and are left out.
EXCISIONS = frozenset(
    _codes(11400, 11401, 11402, 11403, 11404, 11406, 11420, 11421, 11422, 11423, 11424, 11426,
           11440, 11441, 11442, 11443, 11444, 11446, 11600, 11601, 11602, 11603, 11604, 11606,
           11620, 11621, 11622, 11623, 11624, 11626, 11640, 11641, 11642, 11643, 11644, 11646)
)  # fmt: skip
SIMPLE_REPAIRS = frozenset(code for kind, _, codes, _ in GROUPS if kind == "simple" for code in codes)
ADJACENT_TISSUE_TRANSFERS = frozenset(
    _codes(14000, 14001, 14020, 14021, 14040, 14041, 14060, 14061, 14301, 14302)
)  # fmt: skip
_SEPARATE_SITE = frozenset({"59", "XE", "XP", "XS", "XU"})
# NCCI is stricter than CPT for the smallest benign excisions: "excision of benign lesions with excised diameter of 0.5
# cm or less (CPT codes 11400, 11420, 11440) includes simple, intermediate, or complex repairs which should not be
# reported separately. If more than one lesion is removed and one of those lesions is larger than 0.5 cm, an
# intermediate or complex repair may be reported" (NCCI Policy Manual for Medicare Services ch. III, Lesion Removal,
# as AAPC's forum quotes it, "Novitas Solutions JL bundling of benign lesion of .5cm or less with closure"). A trial's
# 11440 + 12051-51 paid the intermediate repair in full ($281.81 at ZIP 55435) without a word: an intermediate or
# complex repair line beside such excisions and no other excision is noted too.
SMALLEST_BENIGN_EXCISIONS = frozenset({"11400", "11420", "11440"})
LAYERED_REPAIRS = frozenset(
    [code for kind, _, codes, _ in GROUPS if kind != "simple" for code in codes]
    + [add_on for _, _, _, add_on in GROUPS if add_on]
)


def _plural(codes: Sequence[str]) -> str:
    return "s" if len(set(codes)) > 1 else ""


def _named(codes: Sequence[str]) -> str:
    unique = sorted(set(codes))
    return unique[0] if len(unique) == 1 else f"{', '.join(unique[:-1])} and {unique[-1]}"


_REPAIR_INCLUDED = (
    "CPT's excision codes (11400-11646) include the simple, non-layered closure of their wound, only an intermediate "
    "or complex repair (12031-13153) is reported apart (CPT's Excision guidelines, NCCI's Policy Manual ch. III). It "
    "is paid for a separate wound only, shown with 59 or XS, which this line has not. Priced as billed: the MAC may "
    "deny it."
)
_EXCISION_INCLUDED = (
    "CPT's adjacent tissue transfer codes (14000-14302, excision including the lesion and/or repair by adjacent tissue "
    "transfer) include the excision of the lesion the flap closes (CPT Assistant, July 2008). It is paid for a lesion "
    "elsewhere only, shown with 59 or XS, which this line has not. Priced as billed: the MAC may deny it."
)

_SMALL_EXCISION_REPAIR = (
    "NCCI's Policy Manual (ch. III, Lesion Removal) includes simple, intermediate and complex repairs in an excision "
    "of a benign lesion of excised diameter 0.5 cm or less (11400, 11420, 11440), where CPT reports them apart, a "
    "repair being reported beside a larger lesion's excision only. It is paid for a separate wound only, shown with 59 "
    "or XS, which this line has not. Priced as billed: the MAC may deny it."
)


# Anatomic modifiers on both lines that name different sites (11402-LT beside 12001-RT, 11440-E1 beside 12051-E2) say
# two wounds, as 59 or XS does: the NCCI Policy Manual's ch. I lists them (E1-E4, FA-F9, TA-T9, LT, RT, LC ...) among
# the NCCI-associated modifiers that may bypass a PTP edit (as findacode.com's "NCCI Associated Modifiers" restates it;
# engine.facility.ANATOMIC_SITE_MODIFIERS, as the global component note reads them). A session 68
# review's `price 11402-LT 12001-RT` was told the repair "is paid for a separate wound only, shown with 59 or XS, which
# this line has not". A line without an anatomic modifier may be either site's: it is read beside every line.
# A partner line with 59 or an X modifier is itself said to be another wound or lesion: 17311 + 11400-XS + 13132 (a
# Mohs defect's complex repair beside another lesion's excision) or 17311 + 11602-59 + 12001 was told the Mohs repair
# "is paid for a separate wound only, shown with 59 or XS, which this line has not" (NCCI puts the modifier on its
# edit's column 2 code, which may be either line); either line's modifier keeps the pair apart, as the sinus dilation
# and fracture cast notes read it.
def _apart(sites: frozenset[str], modifiers: Sequence[str]) -> bool:
    if _SEPARATE_SITE.intersection(modifiers):
        return True
    other = ANATOMIC_SITE_MODIFIERS.intersection(modifiers)
    return bool(sites) and bool(other) and not sites & other


def excision_closure_notes(lines: Sequence[tuple[str, Sequence[str]]]) -> list[str | None]:
    """Per line of one practitioner's encounter (code, modifiers): on a simple repair line (``SIMPLE_REPAIRS``) beside
    a lesion excision (``EXCISIONS``), an intermediate or complex repair line (``LAYERED_REPAIRS``) beside excisions
    of ``SMALLEST_BENIGN_EXCISIONS`` alone, or an excision line beside an adjacent tissue transfer
    (``ADJACENT_TISSUE_TRANSFERS``), without 59 or an X modifier, the note; else None. A partner line with 59 or an X
    modifier, or whose anatomic modifiers name another site (``_apart``), is not beside it. No "; " in it."""
    out: list[str | None] = []
    for code, modifiers in lines:
        sites = ANATOMIC_SITE_MODIFIERS.intersection(modifiers)
        excisions = [c for c, m in lines if c in EXCISIONS and not _apart(sites, m)]
        transfers = [c for c, m in lines if c in ADJACENT_TISSUE_TRANSFERS and not _apart(sites, m)]
        if _SEPARATE_SITE & set(modifiers):
            out.append(None)
        elif code in SIMPLE_REPAIRS and excisions:
            beside = f"excision{_plural(excisions)} {_named(excisions)}"
            out.append(f"{code} is a simple repair beside the {beside} on this claim and date: {_REPAIR_INCLUDED}")
        elif code in LAYERED_REPAIRS and excisions and set(excisions) <= SMALLEST_BENIGN_EXCISIONS:
            small = f"{_named(excisions)}, benign excision{_plural(excisions)} of 0.5 cm or less"
            beside = f"beside {small}, and no other excision, on this claim and date"
            out.append(f"{code} is an intermediate or complex repair {beside}: {_SMALL_EXCISION_REPAIR}")
        elif code in EXCISIONS and transfers:
            beside = f"adjacent tissue transfer{_plural(transfers)} {_named(transfers)}"
            out.append(f"{code} is an excision beside the {beside} on this claim and date: {_EXCISION_INCLUDED}")
        else:
            out.append(None)
    return out
