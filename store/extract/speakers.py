"""Who says what: a learned choice between the noun phrases around a statement.

Every run of capitalised words in the sentence (and in the sentences just before and
after it) is a candidate speaker, described by features a reader would use: its shape
(a name, an acronym, a role, an organisation, a common noun), its place (before the
finite verb, after a reporting verb, after "laut" or "nach Angaben", after a preposition
or an article of an object's case) and how often the article names it.  A conditional
logistic regression (one softmax over the candidates of a statement) scores them; its
weights are data, in ``speaker.json`` beside this file, written by
``bench/extract_train_speaker.py`` from the German quotation corpus (corpus/quotes).
Languages the weights were not trained on keep the rules (actors._attributed).

Plain Python: a dot product per candidate."""
from __future__ import annotations

import math
import os
from functools import lru_cache

from .actors import (ACRONYM, QUOTE_MARK, Document, _attributed, _clean, _is_name_token,
                     _org_word, _role, _Sentence, find_actor)
from .lexicon import Language
from .scorer import load_weights
from .sentences import split

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "speaker.json")
NEAR = 3  # tokens between a candidate and the reporting verb that governs it
MAX_WORDS = 6  # words of one candidate


class Model:
    def __init__(self, data: dict):
        self.weights = {k: float(v) for k, v in data["weights"].items()}
        self.languages = set(data.get("languages", []))

    def score(self, features: dict) -> float:
        return sum(self.weights.get(n, 0.0) * float(v) for n, v in features.items() if v)


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The trained weights, or None when none are shipped (the rules decide)."""
    return load_weights(PATH, Model)


def speaker_of(text: str, at: int, L: Language, doc: Document | None = None) -> str:
    """Who speaks in the sentence of `text` that holds offset `at`: the best candidate of
    the learned choice where weights exist for the language, else the rules' answer."""
    doc = doc or Document(text, split(text, L), L)
    k = doc.sentence_index(at)
    m = model()
    if m is None or L.code not in m.languages:
        s0, s1 = doc.spans[k]
        return _rules(text, s0, s1, at, L, doc)
    found = candidates(doc, k)
    best = max(found, key=lambda c: m.score(c.features), default=None)
    if best is None:
        return ""
    if best.features.get("after_source"):
        # "sagte Raab laut Spiegel Online": the speaker, not the medium that reports it
        # (corpus/GUIDELINES.md); the quotation corpus rarely has both
        said = [c for c in found if c.features.get("at_here") and (
            c.features.get("verb_right_before") or c.features.get("verb_right_after"))]
        best = max(said, key=lambda c: m.score(c.features), default=best)
    if best.features.get("pronoun"):  # "sagte er": whom the article named before
        return doc.previous_subject(doc.spans[k][0], pronoun=best.name)
    return best.name


def _rules(text, s0, s1, at, L, doc):
    """The rules' answer: the speaker of reported speech, else the actor."""
    return _attributed(_Sentence(text, s0, s1, L, doc)) or find_actor(text, s0, s1, at, L, doc,
                                                                      learned=False, bodies=False)


class Candidate:
    __slots__ = ("name", "words", "features")

    def __init__(self, name, words, features):
        self.name, self.words, self.features = name, words, features


def candidates(doc: Document, k: int) -> list[Candidate]:
    """The candidate speakers of sentence k: runs of capitalised words in it and in the
    sentences just before and after, each with its features."""
    out = []
    for where, j in (("here", k), ("before", k - 1), ("after", k + 1)):
        if 0 <= j < len(doc.spans):
            a, b = doc.spans[j]
            out += _chunks(_Sentence(doc.text, a, b, doc.L, doc), doc, where)
    return out


def _chunks(S: _Sentence, doc: Document, where: str) -> list[Candidate]:
    L, tokens, low, n = S.L, S.tokens, S.low, len(S.tokens)
    speech = [i for i in range(n) if low[i] in L.speech_verbs and tokens[i][0][:1].islower()]
    finite = next((i for i in range(n) if S.is_verb(i)), None)
    runs, i = [], 0
    while i < n:
        if low[i] in L.pronouns and where == "here":
            runs.append((i, i + 1))  # "sagte er": whom the article spoke of before
            i += 1
            continue
        if not _nominal(tokens[i][0], L):
            i += 1
            continue
        j = i + 1
        while j < n and j - i < MAX_WORDS and not S.cut[j] and _nominal(tokens[j][0], L):
            j += 1
        runs.append((i, j))
        i = j
    out = []
    for r, (a, b) in enumerate(runs):
        words = [t[0].strip(".,'’") for t in tokens[a:b]]
        f = {"at_" + where: 1}
        _context(f, S, a, b, speech, finite)
        f["first_run"] = int(r == 0)
        if low[a] in L.pronouns:
            f["pronoun"] = 1
            out.append(Candidate("", words, f))
            continue
        _shape(f, S, doc, words, a, b)
        f["mentions"] = min(math.log1p(doc.mentions(" ".join(words))), 3.0) / 3.0
        out.append(Candidate(_name(S, runs, r), words, f))
    return out


def _name(S: _Sentence, runs, r: int) -> str:
    """What a candidate names: its words without the roles and bodies before a name; a
    lone role or noun with a named genitive after it is whom the genitive names ("ein
    Sprecher des CERN": CERN, "laut Vorschlag der CDU": CDU, "der Direktor der
    Zivilluftfahrtbehörde Roberto Rodriguez": Roberto Rodriguez)."""
    L, low = S.L, S.low
    a, b = runs[r]
    words = [t[0].strip(".,'’") for t in S.tokens[a:b]]
    if b - a == 1 and r + 1 < len(runs) and not S.proper(S.tokens[a:b]):
        c, d = runs[r + 1]
        if 0 < c - b <= GENITIVE_GAP and not any(S.cut[x] for x in range(b, c + 1)) \
                and low[b] in L.genitive_articles and all(
                S.tokens[x][0][:1].islower() for x in range(b, c)) \
                and (d - c >= 2 or S.proper(S.tokens[c:d])):
            a, b = c, d
    return S.qualified(a, _clean(S.name_of(S.tokens[a:b]), L) or " ".join(words))


GENITIVE_GAP = 3  # words between a role and the genitive that names whom it serves


def _nominal(token: str, L: Language) -> bool:
    """A word that may be part of a speaker's name or description (not a word of time:
    "Jahren", "Anfang", "Sommer")."""
    core = token.strip(".,'’-")
    return _is_name_token(token, L) and not core.isdigit() and core.lower() not in _time_words(L)


@lru_cache(maxsize=8)
def _time_words(L: Language) -> frozenset:
    return frozenset(set(L.units) | set(L.parts) | set(L.seasons) | set(L.relative)
                     | set(L.relday) | L.month_words | set(L.weekdays))


def _shape(f, S, doc, words, a, b):
    L = S.L
    last = words[-1].lower()
    f["words_" + str(min(len(words), 3))] = 1
    f["acronym"] = int(any(ACRONYM.search(w) for w in words))
    roles = [w for w in words if _role(w, L) is not None]
    f["role"] = int(bool(roles))
    f["role_then_name"] = int(_role(words[0], L) is not None and len(words) >= 2)
    f["spokesperson"] = int(any(_role(w, L, L.spokesperson) is not None for w in words))
    f["org"] = int(_org_word(last, L))
    f["noun_ending"] = int(bool(L.noun_suffixes) and last.endswith(L.noun_suffixes))
    nouns = doc.after_determiner()
    f["common_noun"] = int(all(w in nouns for w in words))
    f["proper"] = int(S.proper(S.tokens[a:b]))
    f["person"] = int(len(words) >= 2 and not f["org"] and not f["acronym"]
                      and words[-1] not in nouns and not f["noun_ending"])
    inside = doc.capitalised_inside()
    f["seen_inside"] = int(all(w in inside for w in words))  # names, nouns; not "Ebenso"
    # "Ebenso plädierte", "Relativierend fügt": a bare first word never written inside
    f["bare_opener"] = int(a == 0 and len(words) == 1 and not f["seen_inside"])
    f["quoted"] = int(len(QUOTE_MARK.findall(S.sent, 0, S.tokens[a][1])) % 2 == 1)
    f["bracketed"] = int(S.sent.count("(", 0, S.tokens[a][1]) > S.sent.count(")", 0, S.tokens[a][1]))


def _context(f, S, a, b, speech, finite):
    L, low, tokens, n = S.L, S.low, S.tokens, len(S.tokens)
    cut_before = S.cut[a]
    p1 = low[a - 1] if a > 0 and not cut_before else ""
    p2 = low[a - 2] if a > 1 and not cut_before and not S.cut[a - 1] else ""
    f["opens"] = int(a == 0 or all(low[x] in L.articles or low[x] in L.determiners
                                   for x in range(0, a)))
    f["opens_clause"] = int(cut_before or a == 0)
    f["after_article"] = int(p1 in L.articles and p1 not in L.oblique_articles)
    f["after_oblique"] = int(p1 in L.oblique_articles and p1 not in L.genitive_articles)
    f["after_genitive"] = int(p1 in L.oblique_articles and p1 in L.genitive_articles)
    f["after_preposition"] = int(p1 in L.prepositions or p2 in L.prepositions
                                 and p1 in L.determiners)
    f["after_agent"] = int(p1 in L.agent_preps or p2 in L.agent_preps)
    f["after_owner"] = int(p1 in L.owner_preps or p2 in L.owner_preps)
    f["after_addressee"] = int(p1 in L.addressee_preps or p2 in L.addressee_preps)
    before = " ".join(low[max(0, a - 4):a])
    f["after_source"] = int(any(before.endswith(w) or before.endswith(w + " " + p1)
                                for w in L.attr_before if w not in L.postpositions))
    f["before_postposition"] = int(b < n and low[b] in L.postpositions
                                   or b + 1 < n and low[b + 1] in L.postpositions)
    f["as_clause"] = int(any(low[x] in L.as_openers for x in range(max(0, a - 3), a)))
    # reporting verbs around: "X sagte", "sagte X", "sagte der Sprecher"
    f["verb_after"] = int(any(0 <= v - b < NEAR for v in speech))
    f["verb_right_after"] = int(b in speech)
    f["verb_before"] = int(any(0 < a - v <= NEAR for v in speech))
    f["verb_right_before"] = int(a - 1 in speech or a - 2 in speech and p1 in L.determiners)
    gap = min((abs(v - a) for v in speech), default=None)
    f["no_verb"] = int(gap is None)
    f["verb_far"] = int(gap is not None and gap > 2 * NEAR)
    f["before_finite"] = int(finite is not None and b == finite)
    # the subject after the verb, past an article and adverbs ("plädierte auch Brandt")
    f["after_finite"] = int(finite is not None and finite < a <= finite + 3 and all(
        low[x] in L.articles or tokens[x][0][:1].islower() and not S.is_verb(x)
        for x in range(finite + 1, a)))
    f["before_colon_quote"] = int(b < n and ":" in S.sent[tokens[b - 1][1]:tokens[b][1]]
                                  if b < n else ":" in S.sent[tokens[b - 1][1]:])
    f["after_quote"] = int(bool(QUOTE_MARK.search(S.sent, max(0, tokens[a][1] - 12),
                                                  tokens[a][1])))
    f["before_comma"] = int(b < n and S.cut[b])
    f["after_so"] = int(p1 in L.after_quote)
    f["headline"] = int(not S.sent.rstrip(" \n“”\"'»«)").endswith((".", "!", "?", ":")))
    # "Ein Sprecher des Übergangsrates sagte": the phrase it heads ends at the verb
    nxt = next((v for v in speech if v >= b), None)
    f["heads_speaker"] = int(nxt is not None and nxt - b <= NEAR + 1 and not any(
        S.cut[x] for x in range(b, nxt + 1)) and all(
        low[x] in L.determiners or low[x] in L.articles or _nominal(tokens[x][0], L)
        or tokens[x][0][:1].islower() and not S.is_verb(x) for x in range(b, nxt)))
