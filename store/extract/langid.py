"""Language detection by counting stop words and date vocabulary; both come from the data
files, so a new language file takes part without code changes."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .lexicon import available_languages, load

WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _vocab(code: str) -> frozenset:
    L = load(code)
    words = set()
    for table in (L.months, L.weekdays, L.relday, L.units, L.relative, L.numbers, L.parts,
                  L.seasons, L.refs, L.holidays):
        for k in table:
            words.update(k.split())
    return frozenset(words)


def detect(text: str, default: str = "en") -> str:
    langs = available_languages()
    if not langs:
        return default
    if default not in langs:
        default = langs[0]
    words = Counter(WORD.findall(text[:20000].lower()))  # each distinct word scored once
    if not words:
        return default
    scores = {}
    for code in langs:
        stop = load(code).stopwords
        vocab = _vocab(code)
        scores[code] = sum(n * (2 if w in stop else 1 if w in vocab else 0)
                           for w, n in words.items())
    best = max(scores.values())
    if scores[default] == best:
        return default
    return max(langs, key=lambda c: scores[c])


READ_SHARE = 0.04  # stop and date words of news frist reads: 5 % and up (median 30-35 %)
FEW_WORDS = 12  # too few words to tell


def readable(text: str) -> bool:
    """Whether the text is in a language frist has data for: enough of its words are
    stop words of one of them (a French or Spanish article has next to none)."""
    words = WORD.findall(text[:20000].lower())
    if len(words) < FEW_WORDS:
        return True
    return any(sum(w in load(code).stopwords or w in _vocab(code) for w in words)
               >= READ_SHARE * len(words) for code in available_languages())
