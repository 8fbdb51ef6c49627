"""The dashboard's data and every change to it, in plain Python (no Textual here).

`Controller` owns the store, the items on view (`ItemView`) and the day, and keeps the
two in step: each write goes through `change`, `add`, `undo` or `commit`, which follow
the store's change counter, so that the counter moving by any other amount means another
process wrote (`changed_elsewhere`, then `reload`). The ingest and sync workers call
`extract`, `sync` and `sync_note` from their threads. The app (tui/app.py) calls all of
this and tells the person what happened; an error reaches it as a FristError.
"""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from store import model
from store.model import Commitment
from store.db import ConflictError, Store
from store.errors import FristError
from tui.view import ItemView


class ItemGone(FristError):
    """The item a change was for was deleted by another process meanwhile: nothing to
    try again (a form closes, saying so)."""

    def __init__(self, item_id: int) -> None:
        super().__init__(f"#{item_id} was deleted elsewhere meanwhile, so nothing was saved; "
                         "u (or `frist undo`) brings it back while that deletion is the "
                         "newest change")
        self.item_id = item_id


@dataclass
class Found:
    """What an ingest read: the proposed commitments, the documents skipped (name, why)
    and warnings about the ones read."""

    proposals: list
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Controller:
    def __init__(self, store: Store, config, today_text: str | None = None,
                 clock: Callable[[], dt.datetime] = dt.datetime.now) -> None:
        self.store = store
        self.config = config
        self.clock = clock
        self.today_fixed = bool(today_text)
        real = clock().date()
        if today_text:
            from store.when import parse_today
            self._offset = parse_today(today_text) - real  # --today shifts the calendar
        else:
            self._offset = dt.timedelta(0)
        self.today: dt.date = real + self._offset
        if today_text:
            model.set_today(self.today)
        self.view = ItemView(self.today, config.due_soon_days)
        self.seen_changes = store.changes()  # the store's change counter the view shows
        self._unreadable: str | None = None  # why the store could not be read, said once
        # Before the first paint, so the table shows rows at once: the first open items,
        # which the store reads without parsing everything; the rest in `read_rest`.
        soonest = store.soonest_open()
        if soonest is not None:
            self.view.load(soonest, complete=False)
        else:
            self.view.load(store.all())

    def now(self) -> dt.datetime:
        return self.clock() + self._offset

    def read_rest(self) -> None:
        """Every item, once the first rows are on screen (FristError: damaged since)."""
        self.view.load(self.store.all())

    def new_day(self) -> bool:
        """Whether the clock has passed midnight; if so every item's state is worked out again."""
        today = self.now().date()
        if today == self.today:
            return False
        self.today = self.view.today = today
        self.view.restate()
        return True

    # -- other processes' changes
    def changed_elsewhere(self) -> bool:
        """Whether the store's change counter moved past what the view shows. A store
        that cannot be read counts once per new reason, so `reload` says why once."""
        try:
            return self.store.changes() != self.seen_changes
        except FristError as e:
            moved, self._unreadable = str(e) != self._unreadable, str(e)
            return moved

    def reload(self) -> list[int]:
        """Read the store from disk again and move the rows that changed; returns their
        ids. FristError if it cannot be read: the view keeps what it showed."""
        self.store.refresh()
        seen = self.store.changes()  # before reading: a later change is read next time
        items = self.store.all()
        self.seen_changes, self._unreadable = seen, None
        return self.view.merge(items)

    # -- our own changes
    def change(self, item_id: int, write: Callable[[], Commitment | None]) -> None:
        """Make one change through the store (`write` returns the changed commitment,
        None if the item is gone), then move only that item's row. ConflictError: another
        process changed what the change was made against; the view now shows the item as
        it is."""
        try:
            record = write()
        except ConflictError:
            self.reload()  # a store that cannot be read raises FristError instead
            raise
        except FristError:
            if self._gone(item_id):
                self.reload()
                raise ItemGone(item_id) from None
            raise
        self._follow_own_change()
        self.view.update(item_id, record)

    def _gone(self, item_id: int) -> bool:
        """Whether the store, read now, has no item `item_id` (False if it cannot be read)."""
        try:
            self.store.refresh()
            return all(i != item_id for i, _record in self.store.all())
        except FristError:
            return False

    def add(self, commitment: Commitment) -> int:
        item_id = self.store.add(commitment)
        self._follow_own_change()
        self.view.update(item_id, self.store.get(item_id))
        return item_id

    def undo(self) -> tuple[str, list[int]]:
        """Take back the store's newest change: what it was and the ids it changed."""
        label = self.store.undo()
        return label, self._merge_own_change()

    def commit(self, accepted: list):
        """Store the proposals accepted in the review (one undo step); ingest.Outcome."""
        from store import ingest
        outcome = ingest.commit(self.store, accepted)
        self._merge_own_change()
        return outcome

    def warnings(self) -> list[str]:
        """What the store warned of since the last call: a change stored, but a step after
        it failed (a full disk)."""
        said = []
        while self.store.warnings:
            said.append(self.store.warnings.pop(0))
        return said

    def _follow_own_change(self) -> None:
        """Our change moved the counter by one; if it moved more, another process changed
        the store too, and `changed_elsewhere` stays true until `reload` reads it."""
        with contextlib.suppress(FristError):
            now = self.store.changes()
            if now == self.seen_changes + 1:
                self.seen_changes = now

    def _merge_own_change(self) -> list[int]:
        """After a change of many items (an undo, an ingest): move the rows that changed."""
        self._follow_own_change()
        items = self.store.all()
        self._unreadable = None
        return self.view.merge(items)

    # -- ingest (run in the ingest form's worker thread)
    def extract(self, request: dict) -> Found:
        """Read what the ingest form names (a path, URL or feed, or pasted text) and
        propose its commitments; FristError says why nothing could be read."""
        from store import ingest
        published = request["published"]  # a day, or None: the document's own
        if request["source"]:
            loaded = ingest.load(request["source"], published=published, today=self.today,
                                 date_hint="set it in the Published field",
                                 deadline=self.config.fetch_timeout)
            documents, skipped, warnings = loaded.documents, loaded.skipped, loaded.warnings
            if not documents:  # a mistyped path or a dead link: say so, as the CLI does
                why = "; ".join(f"{name} {reason}" for name, reason in skipped)
                raise FristError(why or f"nothing could be read from {request['source']}")
        else:
            documents = [ingest.pasted(request["text"], published, self.today)]
            skipped, warnings = [], []
        proposals = ingest.propose(self.store, documents, self.today)
        return Found(proposals, list(skipped), list(map(str, warnings)))

    # -- sync with the CalDAV task list in [sync] (store/sync, as `frist sync`)
    @property
    def sync_configured(self) -> bool:
        """[sync] names a server."""
        return bool((self.config.sync or {}).get("url"))

    def sync(self):
        """Sync now (in a worker thread); store.sync's report. FristError if it failed."""
        from store.sync import run_sync, settings_from
        # a Store of its own for this thread; the file lock keeps the two apart
        return run_sync(Store(self.store.path), settings_from(self.config))

    def sync_state_stamp(self) -> tuple | None:
        """When the sync state beside the store last changed (None: there is none): a
        `frist sync` in another process that only pushed moves it, not the store's
        change counter, and the top bar's "2 waiting" is counted again when it moves."""
        from store.sync.state import state_path
        try:
            found = state_path(self.store.path).stat()
        except OSError:
            return None
        return found.st_mtime_ns, found.st_size, found.st_ino

    def sync_note(self, items: list[tuple[int, Commitment]]) -> str:
        """When the store last synced and what waits to be pushed: "synced 14:05, 2
        waiting" (in a worker thread)."""
        from store.sync import status
        synced_at, waiting = status(self.store, items)
        if synced_at:
            when = dt.datetime.fromisoformat(synced_at)
            note = (f"synced {when:%H:%M}" if when.date() == self.today
                    else f"synced {when.day} {model.MONTH_ABBR[when.month - 1]}")
        else:
            note = "never synced"
        return note + (f", {waiting} waiting" if waiting else "")
