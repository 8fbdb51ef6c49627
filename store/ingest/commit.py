"""Storing the accepted proposals: new commitments, or a new source for one already stored,
all in one transaction that is one undo step.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from store.model import Commitment, Event, Source
from store.ingest.matching import Proposal, find_known, has_source


@dataclass
class Outcome:
    new_ids: list[int] = field(default_factory=list)
    merged_ids: list[int] = field(default_factory=list)   # stored items that gained a source
    merged_sources: int = 0   # sources those stored items gained (one item may gain two)
    already_known: int = 0                                 # proposals whose source was stored
    more_sources: int = 0   # sources added to items new in this same ingest ...
    more_from_same: int = 0  # ... of which from the document the new item came from

    @property
    def stored(self) -> int:
        """How many accepted proposals this accounts for: every one, each counted once."""
        return len(self.new_ids) + self.merged_sources + self.already_known + self.more_sources


def _detect_lang(text: str) -> str | None:
    try:
        from store.extract import detect_language
    except ImportError:
        return None
    try:
        return detect_language(text)
    except Exception:
        return None


def commit(store, proposals: list[Proposal]) -> Outcome:
    """Store the accepted proposals as one change (one undo step).

    A commitment the store already holds gains this document as a source instead of
    becoming a second item; one whose source is already there adds nothing. Matching is
    done again inside the transaction, so another process's changes are respected and
    two articles in one batch saying the same thing make one item."""
    outcome = Outcome()
    if not proposals:
        return outcome
    langs: dict[str, str] = {}   # document name -> language, detected once per document
    with store.transaction():
        stored = dict(store.all())
        pool: dict[object, Commitment] = dict(stored)   # id -> stored; ("new", n) -> new one
        merged: set[int] = set()
        new_keys = []
        taken: dict[str, set] = {}   # document -> the items its proposals went to
        made_from: dict[object, str] = {}   # a new item's key -> the document it came from
        for p in proposals:
            doc = p.document
            if doc.name not in langs:
                langs[doc.name] = doc.lang or _detect_lang(doc.text) or ""
            source = Source(p.sentence, doc.name, doc.published.isoformat(), langs[doc.name])
            title = " ".join(p.title.split())
            key = p.known_id if p.known_id in stored else None
            mine = taken.setdefault(doc.name, set())
            if key is None:
                key = find_known(pool.items(), title, p.due, p.actor, p.sentence, mine,
                                 p.actor_written)
            if key is None:
                key = ("new", len(new_keys))
                new_keys.append(key)
                made_from[key] = doc.name
                mine.add(key)
                pool[key] = Commitment.new(title, p.due, actor=p.actor, sources=[source],
                                           note=f"from {doc.name}")
                continue
            mine.add(key)
            if has_source(pool[key], p.sentence):
                outcome.already_known += 1
                continue
            if key not in stored:
                outcome.more_sources += 1
                outcome.more_from_same += made_from[key] == doc.name
            else:
                outcome.merged_sources += 1
                if key not in merged:
                    merged.add(key)
                    outcome.merged_ids.append(key)
            pool[key] = pool[key].with_source(source).with_event(
                Event.now("source added", doc.name))
        parts = [f"{len(new_keys)} new"] if new_keys else []
        if merged:
            parts.append(f"{len(merged)} given a source")
        ids = store.apply(f"ingest ({', '.join(parts)})", [pool[key] for key in new_keys],
                          {item_id: pool[item_id] for item_id in outcome.merged_ids})
        outcome.new_ids = ids
    return outcome
