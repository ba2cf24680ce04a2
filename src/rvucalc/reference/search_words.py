"""Words of a search matched against CMS's short descriptors, which abbreviate them.

CMS's descriptors are cut to 28 characters by dropping letters ("Arthrs kne surg", "Methylpred acetate inj"), so
a user's "knee arthroscopy" holds neither as written. A query word matches a descriptor when the descriptor holds
it (anywhere, as the phrase search does) or holds an abbreviation of it, as CMS makes them: the word's first
letter, then its letters in order, leaving out vowels, the word's end and, in a long abbreviation, one consonant
("arthrs" for "arthroscopy", "kne" for "knee", "mnisectmy" for "meniscectomy", "methylpred" for
"methylprednisolone"; not "cranial" or "cancer" for "craniocervical", nor "gls" (glass) for "glucose"). An
abbreviation keeps more than a third of the word (at least three letters), so "art" (CMS's "artery" too) does not
stand for "arthroscopy". Every query word must match, in any order.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_WORD = re.compile(r"[a-z0-9]+")


def query_words(text: str) -> list[str]:
    """The query's words, lower case, in order, each once."""
    return list(dict.fromkeys(_WORD.findall(text.lower())))


_VOWELS = frozenset("aeiouy")


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
        tokens = _WORD.findall(lowered)
        return all(word in lowered or any(_abbreviates(token, word) for token in tokens) for word in words)

    return matches
