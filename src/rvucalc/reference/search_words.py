"""Words of a search matched against CMS's short descriptors, which abbreviate them.

CMS's descriptors are cut to 28 characters by dropping letters ("Arthrs kne surg", "Methylpred acetate inj"), so
a user's "knee arthroscopy" holds neither as written. A query word matches a descriptor when the descriptor holds
it (anywhere, as the phrase search does) or holds an abbreviation of it, as CMS makes them: the word's first
letter, then its letters in order, leaving out vowels, the word's end and, in a long abbreviation, one consonant
("arthrs" for "arthroscopy", "kne" for "knee", "mnisectmy" for "meniscectomy", "methylpred" for
"methylprednisolone"; not "cranial" or "cancer" for "craniocervical", nor "gls" (glass) for "glucose"). An
abbreviation keeps more than a third of the word (at least three letters), so "art" (CMS's "artery" too) does not
stand for "arthroscopy". Every query word must match, in any order.

Some descriptors name a vaccine by its acronym alone ("Iiv3 vacc no prsv 0.5 ml im" is 90656, "Iiv no prsv increased
ag im" 90662, "Pcv20 vaccine im" 90677): such an acronym also reads as the words it stands for (``ACRONYMS``), so
"flu vaccine" finds them; the descriptor shown stays CMS's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[a-z0-9]+")


def query_words(text: str) -> list[str]:
    """The query's words, lower case, in order, each once."""
    return list(dict.fromkeys(_WORD.findall(text.lower())))


_VOWELS = frozenset("aeiouy")

# Acronyms in CMS's short descriptors (a descriptor token, lower case) and the words they stand for. The influenza
# vaccines' as CDC and CMS name them in the codes' long descriptors (CMS, "Flu Shot Coding", 2020-08-21: 90656
# "trivalent (IIV3)", 90661 "(ccIIV3), derived from cell cultures", 90673 "(RIV3), derived from recombinant DNA",
# 90672 "quadrivalent, live (LAIV4)"; CDC: IIV inactivated, ccIIV cell culture-based, aIIV adjuvanted, RIV
# recombinant, LAIV live attenuated influenza vaccine); H5N1, H5N8, H5 before a vaccine word: influenza A subtypes
# (90635, 90695, 90631 "H5 vaccine pandemic"; not "h20", water); the brands of Q2034-Q2038 (HCPCS: "Influenza virus
# vaccine, split virus ... (AFLURIA)"); "flu" before a vaccine word (90666 "Flu vac", 4274F "Flu immuno"; not the
# fluid of "Rem mntr pulm flu mntr setup"); "vax" (M1168 "Pt recd flu vax"); the pneumococcal vaccines' (MACs' lists
# of CMS's codes: 90670 "Pneumococcal conjugate vaccine, 13 valent (PCV13)", 90732 "Pneumococcal polysaccharide
# vaccine, 23 valent (PPSV23)").
ACRONYMS: dict[str, tuple[str, str]] = {  # a name: (the token's pattern, the words it stands for)
    "iiv": (r"(?:cc|a)?iiv[0-9]?", "inactivated influenza vaccine"),
    "laiv": (r"laiv[0-9]?", "live attenuated influenza vaccine"),
    "riv": (r"riv[0-9]?", "recombinant influenza vaccine"),
    "subtype": (r"h[0-9]{1,2}n[0-9]{1,2}|h[0-9]{1,2}(?=\s+vac)", "influenza"),
    "brand": (r"agriflu|afluria|flulaval|fluvirin|fluzone", "influenza"),
    "flu": (r"flu(?=\s+(?:vac|vax|imm))", "influenza"),
    "vax": (r"vax", "vaccine"),
    "pcv": (r"pcv[0-9]{0,2}", "pneumococcal conjugate vaccine"),
    "ppsv": (r"ppsv[0-9]{0,2}", "pneumococcal polysaccharide vaccine"),
}
_ACRONYM = re.compile(
    "|".join(rf"(?<![a-z0-9])(?P<{name}>{pattern})(?![a-z0-9])" for name, (pattern, _) in ACRONYMS.items())
)


def _abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` is an abbreviation of ``word`` (the module's rule)."""
    if len(short) < max(3, len(word) // 3 + 1) or short[0] != word[0] or len(short) > len(word):
        return False
    at, consonants_left_out = 1, 0
    allowed = 1 if len(short) >= 7 else 0  # "mnisectmy"; in a short one a consonant left out is another word's
    for letter in short[1:]:
        while at < len(word) and word[at] != letter:
            consonants_left_out += word[at] not in _VOWELS
            at += 1
        if at == len(word) or consonants_left_out > allowed:
            return False
        at += 1
    return True


def descriptor_matcher(text: str) -> Callable[[str | None], bool]:
    """A test of a descriptor (or code) against every word of ``text``, each held as written or abbreviated."""
    words = query_words(text)

    def matches(descriptor: str | None) -> bool:
        if not descriptor or not words:
            return False
        lowered = descriptor.lower()
        spelled = {ACRONYMS[match.lastgroup][1] for match in _ACRONYM.finditer(lowered) if match.lastgroup}
        if spelled:  # "Iiv3 vacc ...": "inactivated influenza vaccine" too
            lowered = " ".join([lowered, *sorted(spelled)])
        tokens = _WORD.findall(lowered)
        return all(word in lowered or any(_abbreviates(token, word) for token in tokens) for word in words)

    return matches
