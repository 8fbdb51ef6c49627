"""Titles of candidates: the clause around the date, without the date, its preposition,
the attribution and leading conjunctions ("Bundesbank to publish stablecoin report")."""
from __future__ import annotations

import re

from .lexicon import Language

CLAUSE_SEP = re.compile(r"[,;:()\[\]]|\s[–—-]\s")
DATELINE = re.compile(r"^[A-ZÄÖÜ]{2,}[^\n_—]{0,50}?(?:\([A-Za-z]{1,10}\))?\s*(?:_|—|--)\s*")
SPACE = re.compile(r"\s+")
BRACKET_TAG = re.compile(r"\[[^\[\]\s]{1,30}\]")  # "[Update]", "[bold]", "[/bold]"
EMPTY_QUOTES = re.compile(r"[„“”\"‚‘’«»]\s*[„“”\"‚‘’«»]")
TITLE_MIN = 35  # characters: shorter clauses take in their neighbours


def _strip_words(words, vocab, front=True):
    while words:
        w = words[0] if front else words[-1]
        if w.lower().strip("„“”\"'‚‘’.,;:") in vocab:
            words.pop(0 if front else -1)
        else:
            break
    return words


def make_title(text, s0, s1, d0, d1, L: Language, limit: int = 120) -> str:
    """A compact phrase of what is due: the clause around the date, without the date,
    its preposition, attribution ("laut X", "X said") and leading conjunctions."""
    sent = text[s0:s1]
    a, b = d0 - s0, d1 - s0
    # tags are no part of the phrase; blanked, so that offsets stay put
    sent = BRACKET_TAG.sub(lambda m: " " * len(m.group()), sent)
    m = DATELINE.match(sent)
    off = m.end() if m and m.end() <= a else 0
    # clauses (start, end) of the sentence
    bounds = [off] + [x.end() for x in CLAUSE_SEP.finditer(sent, off)] + [len(sent)]
    clauses = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
    k = next((j for j, (x, y) in enumerate(clauses) if x <= a < y), 0)
    lo, hi = clauses[k] if clauses else (off, len(sent))
    left, right = k - 1, k + 1

    def phrase(lo, hi):
        before = sent[lo:a] if lo < a else ""
        after = sent[max(b, lo):hi]
        bw = _strip_words(before.split(), L.stop_title, front=False)
        out = EMPTY_QUOTES.sub(" ", " ".join(bw) + " " + after)  # „später im Jahr“ gone
        return SPACE.sub(" ", out).strip(" ,;:-–—\"'„“”»«()[]")

    text_ = phrase(lo, hi)
    while len(text_) < TITLE_MIN and (right < len(clauses) or left >= 0):
        if right < len(clauses):
            hi = clauses[right][1]
            right += 1
        else:
            lo = clauses[left][0]
            left -= 1
        text_ = phrase(lo, hi)
    words = text_.split()
    # attribution at either end: "laut X ...", "..., X said"
    lw = [w.lower().strip(",.") for w in words]
    for att in L.attr_before:
        n = len(att.split())
        if lw[:n] == att.split() and len(words) > n + 3:
            words = words[n:]
            lw = lw[n:]
            # drop the attributed name up to the next lower-case word
            while words and words[0][:1].isupper() and len(words) > 3:
                words.pop(0)
            break
    # "X said (that) the plant will ...": what is due is the plant's; "X said it would"
    # keeps X, the pronoun's only name
    lw = [w.lower().strip(",.") for w in words]
    said = next((k for k, w in enumerate(lw[:8]) if w in L.speech_verbs), None)
    if said is not None and len(words) - said > 4 and lw[said + 1] in L.title_strip \
            and lw[said + 1] not in L.pronouns and lw[said + 2] not in L.possessives:
        words = words[said + 1:]
    words = _strip_words(words, L.title_strip | L.stop_title, front=True)
    out = " ".join(words).rstrip(" ,;:.")
    out = re.sub(r"\s+([.,;:!?])", r"\1", out)
    if len(out) < 3:
        out = SPACE.sub(" ", sent.strip())
    if len(out) > limit:
        cut = out[:limit - 1]
        if " " in cut[limit // 2:]:
            cut = cut[:cut.rfind(" ")]
        out = cut.rstrip(" ,;:") + "…"
    return out[:1].upper() + out[1:]
