"""Sentence splitting that survives "27. November", "z. B.", "Dr.", "U.S.", "Nov. 27",
closing quotes and headlines (a line break always ends a sentence)."""
from __future__ import annotations

import re

from .lexicon import Language

BOUNDARY = re.compile(r"\n[ \t\r\f\v]*|[.!?…]+[\"'»«“”‘’)\]]*(?=\s)")
PREV_TOKEN = re.compile(r"(\S{1,40})$")
OPENERS = "\"'»«“”„‘’([-–—"


def split(text: str, lang: Language) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans = []
    start = 0
    n = len(text)
    for m in BOUNDARY.finditer(text):
        p = m.start()
        if text[p] == "\n":
            _emit(text, start, p, spans)
            start = m.end()
            continue
        if not _is_boundary(text, p, m.end(), lang):
            continue
        _emit(text, start, m.end(), spans)
        start = m.end()
    _emit(text, start, n, spans)
    return spans


def _emit(text, s, e, spans):
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def _is_boundary(text: str, p: int, q: int, lang: Language) -> bool:
    punct = text[p]
    # next visible character
    k = q
    n = len(text)
    while k < n and text[k] in " \t\u00a0":
        k += 1
    if k >= n or text[k] in "\r\n":
        return True
    nxt = text[k]
    while nxt in OPENERS and k + 1 < n:
        k += 1
        nxt = text[k]
    if nxt.islower():
        return False
    if punct != "." or q - p > 1 and text[p:q].count(".") > 1 and text[q - 1] == ".":
        return True
    pm = PREV_TOKEN.search(text, max(0, p - 40), p)
    prev = pm.group(1) if pm else ""
    prev = prev.lstrip(OPENERS)
    low = prev.lower()
    if not prev:
        return True
    if low in lang.abbreviations or low.replace(".", "") in lang.abbreviations and "." in low:
        return False
    if len(prev) == 1 and prev.isalpha():
        return False  # initial: "J. Smith", "z. B."
    if prev.isdigit() and len(prev) <= 2:
        # ordinal day or number: "27. November", "1. Dezember", "der 2. Weltkrieg"
        word = re.match(r"[^\W\d_]+", text[k:k + 20])
        if word and word.group().lower() in lang.month_words:
            return False
        if lang.numeric_order == "dmy":
            return False
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", prev):
        return False  # U.S. / z.B. style
    if re.fullmatch(r"[IVX]{2,6}", prev) and not nxt.isupper():
        return False
    return True
