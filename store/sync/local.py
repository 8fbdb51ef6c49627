"""The store as the sync engine sees it: every record by uid, and one batch write.

This is the only place the engine touches the store. `write` makes a whole sync one undo
step: the store's batch write `apply(label, new, changed)` inside the transaction that
read what it checks against.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LocalChanges:
    new: list[dict] = field(default_factory=list)               # records to add
    changed: dict[int, dict | None] = field(default_factory=dict)  # id -> record (None: remove)
    expected: dict[int, dict] = field(default_factory=dict)     # id -> record as read before

    def __bool__(self) -> bool:
        return bool(self.new or self.changed)


class LocalSide:
    def __init__(self, store):
        self.store = store

    def records(self) -> dict[str, tuple[int, dict]]:
        """uid -> (id, record) of every commitment, read fresh."""
        self.store.refresh()
        out = {}
        for item_id, record in self.store.all():
            if record.get("uid"):
                out.setdefault(record["uid"], (item_id, record))
        return out

    def write(self, label, changes: LocalChanges) -> set[str]:
        """Apply `changes` as one undo step named `label(skipped)`. A record changed in
        the store since it was read (the dashboard, another command) is left as it now
        is: the uids of those are `skipped`, returned; the next sync takes them up again."""
        store = self.store
        skipped: set[str] = set()
        with store.transaction():
            current = {item_id: record for item_id, record in store.all()}
            known = {record.get("uid") for record in current.values()}
            changed = {}
            for item_id, record in changes.changed.items():
                before = changes.expected.get(item_id)
                if current.get(item_id) != before:
                    skipped.add((before or record or {}).get("uid", ""))
                else:
                    changed[item_id] = record
            new = []
            for record in changes.new:
                if record["uid"] in known:  # added here meanwhile
                    skipped.add(record["uid"])
                else:
                    new.append(record)
            store.apply(label(skipped), new, changed)
        return skipped
