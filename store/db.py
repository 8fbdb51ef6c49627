"""The commitment store (the repository): every read and change of commitments, for
the command line, the dashboard, ingest, import and (coming) CalDAV sync.

`Repository` is what they may rely on: reads, one batch write `apply` (one undo step),
undo, and a change counter that grows by one with every change any process makes, so a
reader follows it instead of watching files. `Store` implements it over the files of
`store.journal` (snapshot + journal, checksummed, durable).

`Store.transaction()` holds the store's lock across each read-modify-write and re-reads
inside it, so concurrent `frist` processes serialise instead of overwriting each other;
ids come from a `last_id` high-water mark read inside the lock, so two processes never
hand out the same id and ids are never reused. Every change records its inverse in the
`undo` table, which `Store.undo()` replays. A change the dashboard makes names the
version it showed (`shown`): if another process changed what it writes since, nothing
is written (ConflictError).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path
from typing import (TYPE_CHECKING, Callable, ContextManager, Iterator, Protocol,
                    runtime_checkable)

from store import model
from store.errors import AlreadySo, ConflictError, StoreError
from store.journal import ITEMS, UNDO, DurableStorage
from store.model import Commitment, Event

if TYPE_CHECKING:
    from store.repair import Health, RestorePlan

__all__ = ["ConflictError", "Repository", "Store", "StoreError", "open_store"]

UNDO_DEPTH = 100


@runtime_checkable
class Repository(Protocol):
    """What the rest of frist may rely on, whatever keeps the commitments."""

    def all(self) -> list[tuple[int, Commitment]]:
        """Every commitment as (id, commitment)."""

    def get(self, item_id: int) -> Commitment:
        """One commitment; StoreError if there is none with that id."""

    def soonest_open(self) -> list[tuple[int, Commitment]] | None:
        """The first open commitments in due order, read cheaply; None if it cannot tell."""

    def changes(self) -> int:
        """The change counter: one more with each change by any process; cheap to read."""

    def refresh(self) -> None:
        """Forget what was read, so the next read sees other processes' changes."""

    def transaction(self) -> ContextManager[None]:
        """Lock and re-read; the reads and `apply` calls inside are one change, written
        when it ends (nothing is written if it raises)."""

    def apply(self, label: str | Callable[[list[int]], str], new: list[Commitment] = (),
              changed: dict[int, Commitment | None] | None = None) -> list[int]:
        """One change, one undo step: store the `new` commitments under new ids and the
        `changed` ones under theirs (None removes it). Returns the new ids."""

    def undo(self) -> str:
        """Take back the newest change; returns what it was."""

    def can_undo(self) -> int:
        """How many changes can be taken back."""


class Store:
    """The `Repository` over the durable files of `store.journal`; the CLI, the
    dashboard, ingest and import all use it."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.storage = DurableStorage(self.path)
        self.warnings = self.storage.warnings  # changes stored, but a step after them failed
        self._depth = 0

    def owns(self, path: str | os.PathLike) -> bool:
        """Whether `path` is one of the store's own files: the snapshot, or a file beside
        it named after it (journal, backup, lock, sync state), links followed. Nothing a
        person asks frist to write may go there (`export -o store.json` would replace it)."""
        given = Path(os.path.realpath(path))
        own = Path(os.path.realpath(self.storage.path))
        return given.parent == own.parent and (
            given.name == own.name or given.name.startswith(own.name + "."))

    # -- reading (no lock needed: files are replaced atomically, the journal only grows)
    def refresh(self) -> None:
        """Forget what was read, so the next read sees other processes' changes."""
        if not self._depth:
            self.storage.reload()

    def changes(self) -> int:
        """The change counter (see Repository): the dashboard reads the store again
        when it moves, and a sync can remember where it stood."""
        return self.storage.counter()

    def all(self) -> list[tuple[int, Commitment]]:
        """Every commitment as (id, commitment): the files hold only checked records."""
        return [(int(key), Commitment(doc)) for key, doc in self.storage.read().get(ITEMS, {}).items()]

    def soonest_open(self) -> list[tuple[int, Commitment]] | None:
        """The first open commitments in due order, read cheaply (see DurableStorage)."""
        soonest = self.storage.soonest_open()
        return None if soonest is None else [(i, Commitment(doc)) for i, doc in soonest]

    def get(self, item_id: int) -> Commitment:
        doc = self.storage.read().get(ITEMS, {}).get(str(item_id))
        if doc is None:
            raise StoreError(f"no commitment with id {item_id}")
        return Commitment(doc)

    def can_undo(self) -> int:
        return len(self.storage.read().get(UNDO, {}))

    # -- writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, re-read, let the caller change things, then write once, atomically."""
        if self._depth:  # nested: the outer transaction writes
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self.storage.locked():
            if not self.storage.still_current():
                self.storage.reload()
            self.storage.remove_stale_temps()
            self._depth = 1
            try:
                yield
                self.storage.commit()
            except BaseException:
                self.storage.reload()  # drop the half-made change
                raise
            finally:
                self._depth = 0

    def apply(self, label: str | Callable[[list[int]], str], new: list[Commitment] = (),
              changed: dict[int, Commitment | None] | None = None) -> list[int]:
        """One change, one undo step: `new` commitments get new ids (never handed out
        before); `changed` ids get their record (None: removed). `label` says what
        happened, in the undo list; a callable gets the new ids. Returns the new ids."""
        new, changed = list(new), dict(changed or {})
        with self.transaction():
            items = self.storage.read().get(ITEMS, {}) if changed else {}
            befores = [(item_id, items.get(str(item_id))) for item_id in changed]
            ids = []
            if new:
                last = self.storage.head()["last_id"]
                ids = list(range(last + 1, last + len(new) + 1))
                self.storage.set_last_id(ids[-1])
            for item_id, commitment in [*zip(ids, new), *changed.items()]:
                self.storage.put(ITEMS, item_id, None if commitment is None else commitment.doc)
            if ids or changed:
                self._remember(label(ids) if callable(label) else label,
                               [(i, None) for i in ids] + befores)
        return ids

    def _remember(self, label: str, changes: list[tuple[int, dict | None]]) -> None:
        """Journal the inverse of a change: for each id, the record as it was (None: absent)."""
        keys = sorted(self.storage.head()["undo"])
        # Ids that were absent before (new items) are kept as a plain list: an import of
        # 10,000 items would otherwise add 10,000 small objects to every later parse.
        entry = {"label": label, "at": model.now_stamp(),
                 "added": [i for i, before in changes if before is None],
                 "changes": [{"id": i, "before": before} for i, before in changes
                             if before is not None]}
        self.storage.put(UNDO, (keys[-1] if keys else 0) + 1, entry)
        for old in keys[:max(0, len(keys) + 1 - UNDO_DEPTH)]:
            self.storage.put(UNDO, old, None)

    # -- the changes a person makes, each through `apply`
    def add(self, commitment: Commitment) -> int:
        return self.add_many([commitment], label="add")[0]

    def add_many(self, commitments: list[Commitment], label: str = "import") -> list[int]:
        """Store new commitments as one change (one undo step); returns their ids."""
        return self.apply(lambda ids: f"#{ids[0]} added" if len(ids) == 1
                          else f"{label} of {len(ids)} items", commitments)

    def change(self, item_id: int, label: str,
               update: Callable[[Commitment], tuple[Commitment, Event]],
               shown: Commitment | None = None, fields: tuple[str, ...] = ()) -> Commitment:
        """Apply `update(commitment) -> (changed, event)` to one commitment, add the
        event to its history, journal it. `shown`: the commitment as the person saw it
        (the dashboard); `fields`: what this change writes. If another process changed
        one of them since, nothing is done."""
        with self.transaction():
            before = self.get(item_id)
            _unchanged_since(item_id, before, shown, fields)
            changed, happened = update(before)
            after = changed.with_event(happened)
            self.apply(f"#{item_id} {label}", changed={item_id: after})
        return after

    def mark(self, item_id: int, status: str, note: str = "", on: dt.date | None = None,
             shown: Commitment | None = None) -> Commitment:
        """Record a decision; `on` is the day it was taken (default: frist's today)."""
        if status not in model.STATUSES:
            raise StoreError(f"unknown status {status!r} (one of {', '.join(model.STATUSES)})")
        if status == "open" and on is not None:
            raise StoreError("a date of decision is for met, missed or cancelled, not open")
        decided = on or model.now().date()
        if decided > model.now().date():
            raise StoreError(f"{decided.isoformat()} is after today: a decision cannot be "
                             f"taken in the future")

        name = "reopened" if status == "open" else f"marked {status}"

        def update(commitment):
            if status == "open" and commitment.status == "open":
                raise AlreadySo(f"#{item_id} is already open")
            changed = commitment.with_changes(status=status,
                                              decided=None if status == "open" else decided)
            return changed, Event.now(_decision_event(name, commitment, changed), note)
        return self.change(item_id, name, update, shown, ("status", "decided"))

    def postpone(self, item_id: int, due: model.Due, note: str = "",
                 shown: Commitment | None = None) -> Commitment:
        def update(commitment):
            if commitment.status == "open" and _same_window(commitment, due):
                raise AlreadySo(f"#{item_id} is already due {commitment.due_label()}")
            moved = commitment.with_due(due).with_changes(status="open", decided=None)
            # "from" and "to": for the track record
            return moved, Event.now(
                f"postponed from {commitment.due_label()}{commitment.said_as_was(moved)} "
                f"to {moved.due_label()}", note, {"from": commitment.due, "to": moved.due})
        return self.change(item_id, "postponed", update, shown, DUE_FIELDS + ("status", "decided"))

    def edit(self, item_id: int, title: str | None = None, due: model.Due | None = None,
             actor: str | None = None, tags: list[str] | None = None, note: str = "",
             shown: Commitment | None = None) -> Commitment:
        """Change the fields given (None: leave it as it is)."""
        def update(commitment):
            what, changes, edited = [], {}, commitment
            if title is not None and " ".join(title.split()) != commitment.title:
                if not title.strip():
                    raise StoreError("the title cannot be empty")
                model.title_problem(" ".join(title.split()))
                what.append(f"title from {commitment.title!r} to {' '.join(title.split())!r}")
                changes["title"] = title
            if due is not None and not _same_window(commitment, due):
                # the same window typed again keeps the words it was said in
                edited = commitment.with_due(due)
                what.append(f"due from {commitment.due_label()}{commitment.said_as_was(edited)} "
                            f"to {edited.due_label()}")
            if actor is not None and actor.strip() != commitment.actor:
                what.append(f"actor from {commitment.actor!r} to {actor.strip()!r}")
                changes["actor"] = actor
            if tags is not None and sorted(set(tags)) != list(commitment.tags):
                what.append(f"tags to {', '.join(sorted(set(tags))) or 'none'}")
                changes["tags"] = tags
            if not what and not note.strip():   # as it already is: no history, no undo step
                raise AlreadySo(f"#{item_id} is already so: nothing to change")
            return (edited.with_changes(**changes),
                    Event.now("edited " + ", ".join(what) if what else "noted", note))
        written = tuple(name for name, value in (("title", title), ("actor", actor), ("tags", tags))
                        if value is not None) + (DUE_FIELDS if due is not None else ())
        return self.change(item_id, "edited", update, shown, written)

    def add_source(self, item_id: int, source: model.Source) -> Commitment:
        def update(commitment):
            return commitment.with_source(source), Event.now("source added", source.document)
        return self.change(item_id, "given a source", update)

    def remove(self, item_id: int, shown: Commitment | None = None) -> Commitment:
        with self.transaction():
            before = self.get(item_id)
            _unchanged_since(item_id, before, shown, ())
            self.apply(f"#{item_id} deleted", changed={item_id: None})
        return before

    def undo(self) -> str:
        """Revert the newest change; returns what was undone."""
        with self.transaction():
            entries = self.storage.read().get(UNDO, {})
            if not entries:
                raise StoreError("nothing to undo")
            newest = max(entries, key=int)
            entry = entries[newest]
            for change in reversed(entry.get("changes", [])):
                self.storage.put(ITEMS, change["id"], change["before"])
            for item_id in entry.get("added", []):
                self.storage.put(ITEMS, item_id, None)
            self.storage.put(UNDO, newest, None)
        return entry["label"]


    # -- health
    def check(self) -> Health:
        """What is wrong with the store files and what fixes it (`frist check`)."""
        self.storage.folder_is_there()
        from store import repair  # only these commands need it
        from store.sync.state import state_path
        return repair.check(self.storage, state_path(self.path))

    def restore_plan(self) -> RestorePlan | None:
        """What `restore` would do; None when the store is healthy."""
        self.storage.folder_is_there()
        from store import repair  # only these commands need it
        return repair.restore_plan(self.storage)

    def restore(self, plan: RestorePlan) -> list[Path]:
        """Put the last good state back as planned; returns where damaged files went."""
        from store import repair  # only these commands need it
        return repair.restore(self.storage, plan)

    def write_backup(self) -> None:
        """A new snapshot and backup from the store as it is (a compaction)."""
        with self.transaction():
            self.storage.compact()


DUE_FIELDS = ("due", "precision", "window_start")


def _decision_event(name: str, before: Commitment, after: Commitment) -> str:
    """What a history says of a decision: 'marked met', with the day it was decided when
    that is not the day it was recorded ('marked met (3 Dec 2026)'); a decision taken
    again says the day it replaced ('marked met again: 4 Dec 2026, was 3 Dec 2026'), so
    a decision's day is never overwritten unsaid."""
    if after.status == "open":
        return name
    day, today = after.decided_day, model.now().date()
    said = model.due_label(day.isoformat())
    if before.status != after.status:
        return name if day == today else f"{name} ({said})"
    was = before.decided_day
    if was is not None and was != day:
        return f"{name} again: {said}, was {model.due_label(was.isoformat())}"
    return f"{name} again" if day == today else f"{name} again ({said})"


def _same_window(commitment: Commitment, due: model.Due) -> bool:
    return (commitment.due, commitment.precision, commitment.window_start) == \
        (due.due.isoformat(), due.precision, due.window_start.isoformat())


def _unchanged_since(item_id: int, current: Commitment, shown: Commitment | None,
                     fields: tuple[str, ...]) -> None:
    """Refuse a change made on a stale view: when the dashboard shows an item and
    another process changes it before the person's change arrives, writing the change
    would silently undo the other one. `fields`: what the change writes (none: all)."""
    if shown is None:
        return
    now, then = current.doc, shown.doc
    names = fields or tuple(dict.fromkeys([*now, *then]))
    moved = [name for name in names if now.get(name) != then.get(name)]
    if moved:
        told = [name for name in moved if name not in ("updated", "history")] or moved
        raise ConflictError(f"#{item_id} was changed elsewhere since it was shown "
                            f"({', '.join(told)}); nothing was saved", current, told)


def as_tinydb(store: Store):
    """The commitments as a read-only TinyDB database, for a person's own queries
    (`as_tinydb(open_store()).table("commitments").search(Query().actor == "NASA")`):
    TinyDB's query language over the same tables the snapshot keeps. Changes go through
    frist, which journals, locks and checks them; a TinyDB write is refused."""
    from tinydb import TinyDB
    from tinydb.storages import Storage

    tables = {ITEMS: store.storage.read().get(ITEMS, {})}

    class ReadOnly(Storage):
        def read(self):
            return tables

        def write(self, data):
            raise StoreError("this TinyDB view of the store is read-only: change "
                             "commitments with frist")

    return TinyDB(storage=ReadOnly)


def default_path() -> Path:
    from platformdirs import user_data_path
    return user_data_path("frist", appauthor=False) / "store.json"


def open_store(path: str | os.PathLike | None = None, named_by: str | None = None) -> Store:
    """The store at `path`, else $FRIST_DB, else the user data folder. `named_by`: where
    a person named the path (--db, FRIST_DB, the config): then a read of a store whose
    folder does not exist is refused (a typo, not an empty store), and the first change
    makes the folder and says so."""
    store = Store(path or os.environ.get("FRIST_DB") or default_path())
    store.storage.named_by = named_by
    return store
