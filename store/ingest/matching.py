"""Proposals: the extractor's candidates in a document, each matched with the stored
commitment it may already be (the same due day and a similar title, or the same actor
speaking of the same thing).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from store import model
from store.model import Commitment
from store.ingest.load import Document, Progress

CONFIDENCE_THRESHOLD = 0.5   # `--yes` stores candidates at least this confident


@dataclass
class Proposal:
    title: str
    due: model.Due
    actor: str
    sentence: str
    confidence: float
    document: Document
    known_id: int | None = None   # the stored item that already holds this commitment
    repeats: int = 0   # how many more times the document states it (word for word)
    actor_written: str = ""  # the actor as the article writes it (Candidate.actor_written)


def due_of_candidate(candidate) -> model.Due:
    """The Due of an extractor Candidate (its dates may be date objects or ISO strings)."""
    def day(value):
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return model.Due(day(candidate.due), candidate.precision,
                     day(candidate.window_start or candidate.due), candidate.due_text or "")


@functools.cache
def _function_words() -> frozenset[str]:
    """Words that say nothing about WHAT is promised, from the extractor's language data:
    stop words, cue words ("will", "soll", "plans"), attribution verbs, months, weekdays."""
    try:
        from store.extract.lexicon import available_languages, load as language
    except ImportError:
        return frozenset()
    words: set[str] = set()
    for code in available_languages():
        data = language(code).data
        words |= {w.lower() for w in data.get("stopwords", [])}
        for phrases in data.get("cues", {}).values():
            words |= {w.lower() for p in phrases for w in p.split()}
        words |= {w.lower() for w in data.get("attribution", {}).get("verbs", [])}
        for key in ("months", "weekdays", "title_strip", "stop_title"):
            words |= {w.lower() for w in data.get(key, [])}
    return frozenset(words)


def _words(text: str) -> set[str]:
    """Content words, cut to their first four letters: "signed" and "sign" are one word."""
    skip = _function_words()
    return {w[:4] for w in re.findall(r"[^\W\d_]+", text.casefold()) if len(w) > 2 and w not in skip}


def _norm(sentence: str) -> str:
    return " ".join(sentence.casefold().split())


def similar_titles(a: str, b: str) -> bool:
    """The same words, or at least two content words shared that make up most (60 %) of
    the shorter title."""
    if _norm(a) == _norm(b):
        return True
    wa, wb = _words(a), _words(b)
    shared = len(wa & wb)
    return shared >= 2 and shared / min(len(wa), len(wb)) >= 0.6


def same_commitment(commitment: Commitment, title: str, due: model.Due, actor: str,
                    written: str = "") -> bool:
    """The same due day, and a similar title or the same actor speaking of the same thing.

    The same actor alone is not enough (one government makes many promises for the same
    day): the titles must then share a content word that is not part of the actor's name,
    as frist names it or as the article `written` it (the title keeps the article's words)."""
    if commitment.due != due.due.isoformat():
        return False
    if similar_titles(commitment.title, title):
        return True
    same_actor = bool(actor.strip()) and commitment.actor.casefold() == actor.strip().casefold()
    named = _words(actor) | _words(written)
    return same_actor and bool((_words(commitment.title) - named) & (_words(title) - named))


def has_source(commitment: Commitment, sentence: str) -> bool:
    key = _norm(sentence)
    return any(_norm(s.sentence) == key for s in commitment.sources)


def _citing(items, due: model.Due, sentence: str) -> list:
    day = due.due.isoformat()
    return [(key, c) for key, c in items if c.due == day and has_source(c, sentence)]


def cited_as(items, title: str, due: model.Due, sentence: str):
    """The key of an item citing the sentence for the same due day under a similar title:
    surely this commitment (None if there is none)."""
    for key, commitment in _citing(items, due, sentence):
        if similar_titles(commitment.title, title):
            return key
    return None


def find_known(items, title: str, due: model.Due, actor: str, sentence: str, taken=(),
               written: str = ""):
    """The key of the item holding this commitment: one citing the sentence for the same
    due day (under a similar title, else any such item another commitment of the same
    document has not `taken`: one sentence may promise two things for one day), else one
    that is the same commitment by `same_commitment`."""
    items = list(items)
    if (key := cited_as(items, title, due, sentence)) is not None:
        return key
    for key, _commitment in _citing(items, due, sentence):
        if key not in taken:
            return key
    for key, commitment in items:
        if same_commitment(commitment, title, due, actor, written):
            return key
    return None


def propose(store, documents: list[Document], today: dt.date | None = None,
            progress: Progress | None = None) -> list[Proposal]:
    """Every candidate commitment the extractor finds in `documents`, each marked with the
    stored item it matches (`known_id`). Candidates are dated against their document's
    publication day, so `today` does not change them; it is accepted for callers' symmetry."""
    from store.extract import extract
    items = store.all()
    proposals = []
    for n, doc in enumerate(documents, 1):
        found: dict[tuple, Proposal] = {}
        for c in extract(doc.text, doc.published, doc.lang):
            try:
                due = due_of_candidate(c)
            except model.OutOfRange:   # "next year" in an article of 31 Dec 2999
                continue
            key = (_norm(c.sentence), due.due, _norm(c.title))
            if key in found:  # the very same commitment again: one proposal, said so
                found[key].repeats += 1
                continue
            found[key] = Proposal(c.title, due, c.actor or "", c.sentence, float(c.confidence),
                                  doc, actor_written=c.actor_written)
        mine = list(found.values())
        # The stored items they are: first those citing the sentence under a similar title,
        # then the rest, each stored item taken once by the sentence alone.
        taken = set()
        for p in mine:
            p.known_id = cited_as(items, p.title, p.due, p.sentence)
            taken.add(p.known_id)
        for p in mine:
            if p.known_id is None:
                p.known_id = find_known(items, p.title, p.due, p.actor, p.sentence, taken,
                                        p.actor_written)
                taken.add(p.known_id)
        proposals += mine
        if progress:
            progress(n, len(documents), doc.name)
    return proposals
