"""The store as the sync engine sees it: every commitment by uid, and one batch write.

This is the only place the engine touches the store. `write` makes a whole sync one undo
step: the store's batch write `apply(label, new, changed)` inside the transaction that
read what it checks against.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from store.model import Commitment


@dataclass
class LocalChanges:
    new: list[Commitment] = field(default_factory=list)      # commitments to add
    changed: dict[int, Commitment | None] = field(default_factory=dict)  # id -> (None: remove)
    expected: dict[int, Commitment] = field(default_factory=dict)  # id -> as read before

    def __bool__(self) -> bool:
        return bool(self.new or self.changed)


class LocalSide:
    def __init__(self, store):
        self.store = store

    def records(self) -> dict[str, tuple[int, Commitment]]:
        """uid -> (id, commitment) of every commitment, read fresh."""
        self.store.refresh()
        out = {}
        for item_id, commitment in self.store.all():
            if commitment.uid:
                out.setdefault(commitment.uid, (item_id, commitment))
        return out

    def write(self, label, changes: LocalChanges) -> set[str]:
        """Apply `changes` as one undo step named `label(skipped)`. A record changed in
        the store since it was read (the dashboard, another command) is left as it now
        is: the uids of those are `skipped`, returned; the next sync takes them up again."""
        store = self.store
        skipped: set[str] = set()
        with store.transaction():
            current = dict(store.all())
            known = {commitment.uid for commitment in current.values()}
            changed = {}
            for item_id, commitment in changes.changed.items():
                before = changes.expected.get(item_id)
                if current.get(item_id) != before:
                    skipped.add((before or commitment).uid if before or commitment else "")
                else:
                    changed[item_id] = commitment
            new = []
            for commitment in changes.new:
                if commitment.uid in known:  # added here meanwhile
                    skipped.add(commitment.uid)
                else:
                    new.append(commitment)
            store.apply(label(skipped), new, changed)
        return skipped
