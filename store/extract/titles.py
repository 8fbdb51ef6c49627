"""Titles of candidates: the clause around the date, without the date, its preposition,
the attribution and leading conjunctions ("Bundesbank to publish stablecoin report")."""
from __future__ import annotations

import re

from .lexicon import Language

CLAUSE_SEP = re.compile(r"[,;:()\[\]]|\s[–—-]\s")
DATELINE = re.compile(r"^[A-ZÄÖÜ]{2,}[^\n_—]{0,50}?(?:\([A-Za-z]{1,10}\))?\s*(?:_|—|--)\s*")
SPACE = re.compile(r"\s+")
BRACKET_TAG = re.compile(r"\[[^\[\]\s]{1,30}\]")  # "[Update]", "[bold]", "[/bold]"
QUOTES = re.compile(r"[„“”\"‚‘’«»]")
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
    words = _subject_first(words, L)
    words = _strip_words(words, L.title_strip | L.stop_title, front=True)
    out = " ".join(words).rstrip(" ,;:.").lstrip(" ,;:.-–—")
    out = re.sub(r"\s+([.,;:!?])", r"\1", out)
    if len(out) < 3:
        out = SPACE.sub(" ", sent.strip())
    if len(out) > limit:
        cut = out[:limit - 1]
        if " " in cut[limit // 2:]:
            cut = cut[:cut.rfind(" ")]
        out = cut.rstrip(" ,;:") + "…"
    return out[:1].upper() + out[1:]


def _subject_first(words, L: Language):
    """Subject, verb, rest for a verb-second title that starts with its verb, or with a
    phrase of place or time before its verb ("nach fünf Monaten Bauzeit will die Bahn
    ...": "Bahn will ..."); the words as they were when no subject can be found."""
    moved = _verb_then_subject(words, L)
    if moved is not words:
        return moved
    shorter = _without_fronted_phrase(words, L)
    if shorter is not words:
        moved = _verb_then_subject(shorter, L)
        if moved is not shorter:
            return moved
    return words


def _verb_then_subject(words, L: Language):
    """A verb-second title that lost the date in front of its verb starts with the verb
    ("soll die Fusion der beiden Hersteller erreicht sein"): the subject goes first
    ("die Fusion der beiden Hersteller soll erreicht sein").  Only for a subject that opens
    with an article (not a pronoun, not an object's article) and ends with its nouns."""
    if not L.verb_second or len(words) < 3 or not words[0][:1].islower():
        return words
    verb = words[0].lower().strip(",.")
    first = 1  # adverbs between verb and subject stay with the verb ("sollen dann auch")
    while first < ADVERBS and _adverb(words[first].lower(), L):
        first += 1
    second = words[first].lower()
    if verb not in L.finite_verbs and not L.cue_table.get(verb, 0) & 1 or not (
            second in L.articles or second in L.determiners) or second in L.prepositions \
            or second in L.oblique_articles:
        return words
    end = _noun_end(words, first + 1, None, L)
    # genitives after the noun belong to it ("der Kunstwerke des Malers X")
    for _ in range(GENITIVES):
        if end and end < len(words) and words[end - 1][-1:].isalnum() \
                and words[end].lower() in L.genitive_articles:
            end = _noun_end(words, end + 1, GENITIVE_REACH, L) or end
    if not end or end >= len(words) or any(w[-1:] in ",;:" for w in words[1:end - 1]) \
            or words[end].lower() in L.coordinating:
        return words  # "die Weltmeisterschaft und die Spiele": not one subject
    subject = words[first:end]
    return [subject[0][:1].upper() + subject[0][1:]] + subject[1:] + [verb] \
        + words[1:first] + words[end:]


def _noun_end(words, k, reach, L: Language):
    """The index after the capitalised words that end a noun phrase whose lower-case words
    (adjectives) start at k: a noun, a name, up to three ("Finanzbürgermeister Hartmut
    Vorjahn", "Schweizer Bundesversammlung"), not the object after an acronym or a noun
    ("die IADB Überweisungen"); None when none is within reach."""
    start = k
    while k < len(words) and not words[k][:1].isupper():
        k += 1
        if reach is not None and k - start > reach:
            return None
    if k >= len(words):
        return None
    first = k
    k += 1
    while k < len(words) and k - first < NOUN_RUN and words[k][:1].isupper() \
            and words[k - 1][-1:] not in ",;:" and not words[k - 1].isupper() \
            and not words[k - 1].lower().endswith(L.noun_suffixes):
        k += 1
    return k


NOUN_RUN = 3  # capitalised words of one subject
GENITIVE_REACH = 3  # words between a genitive article and its noun
GENITIVES = 2  # genitives in a row that a subject takes along
ADVERBS = 3  # position of the subject at the latest, after adverbs ("dann auch")


def _without_fronted_phrase(words, L: Language):
    """A verb-second title that opens with a phrase of place or time before its verb
    ("nach fünf Monaten Bauzeit will die Bahn ..."): that phrase goes, the verb leads."""
    if not L.verb_second or len(words) < 4 or words[0].lower() not in L.prepositions:
        return words
    for k in range(2, min(len(words) - 2, FRONTED_MAX + 1)):
        w = words[k].lower()
        if words[k][:1].islower() and (w in L.finite_verbs or L.cue_table.get(w, 0) & 1) \
                and not any(x[-1:] in ",;:" or QUOTES.search(x) for x in words[:k]):
            return words[k:]
    return words


FRONTED_MAX = 5  # words of a phrase before the verb


def _adverb(word: str, L: Language) -> bool:
    """"dann", "auch", "jedoch": a word that is never a name, nor a preposition, pronoun
    or determiner."""
    return word in L.not_names and not (word in L.prepositions or word in L.pronouns
                                        or word in L.determiners or word in L.stop_title)

