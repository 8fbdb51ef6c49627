"""What the main table shows: all items, the chosen tab, search and sort, kept as data.

The table widget only paints `ItemView.rows`; filtering and sorting happen here, on plain
lists. A change to one item moves or removes that one row (`update`), so a keypress on a
100,000-item store does not re-sort or re-filter everything.
"""
from __future__ import annotations

import bisect
import datetime as dt

from store import model
from store.model import Commitment

# Tabs of the main screen: id -> (label, which states it shows)
VIEWS = {
    "open": ("Open", {"overdue", "due-today", "due-soon", "upcoming"}),
    "decide": ("Needs decision", {"overdue"}),
    "met": ("Met", {"met"}),
    "missed": ("Missed", {"missed"}),
    "all": ("All", set(model.STATES)),
}

# Sort orders, cycled by `s`: id -> label shown in the table header
SORTS = {
    "due": "due, soonest first",
    "latest": "due, latest first",
    "actor": "actor",
    "title": "title",
    "changed": "recently changed",
}

_RANK = model.PRECISION_RANK
DECIDED = {"met", "missed", "cancelled"}
_FAR = "\U0010ffff"  # sorts after every real name: items without an actor go last


class ItemView:
    """All items plus the current view (tab, search, day, sort) and its sorted rows."""

    def __init__(self, today: dt.date, soon_days: int = model.DUE_SOON_DAYS):
        self.today = today
        self.soon_days = soon_days
        self.items: dict[int, Commitment] = {}
        self.states: dict[int, str] = {}
        self._search_cache: dict[int, str] = {}
        self.view = "open"
        self.search = ""
        self._words: tuple[str, ...] = ()  # the search, case-folded, split into words
        self.day: dt.date | None = None  # show only what falls due that day (show_day)
        # show only one actor's or tag's commitments (a track record row): (by, name)
        self.group: tuple[str, str] | None = None
        self.last_group: tuple[str, str] | None = None  # the track record opens on it again
        self._in_group = None  # whether a record counts under `group`
        self.sort = "due"
        self.rows: list[int] = []  # ids, in display order
        self._changes = 0  # bumped by every update, so cached counts know they are stale
        self._counted: tuple = (None, {})
        self.complete = True  # False while it holds only the first open items (load)
        self._when_cells: dict[str, int] = {}  # tab -> cells of its countdowns (when_cells)

    # -- loading
    def load(self, items: list[tuple[int, Commitment]], complete: bool = True) -> None:
        """All items; or, with complete=False, only the first open ones in due order
        (Store.soonest_open), enough for the first screen of the Open tab."""
        self.complete = complete
        self.items = dict(items)
        self._search_cache.clear()
        self.restate()

    def restate(self) -> None:
        """Recompute every state (a new day) and the rows."""
        state_of = model.state_reader(self.today, self.soon_days)
        self.states = {i: state_of(r) for i, r in self.items.items()}
        self._when_cells.clear()
        self.rebuild()

    # -- how wide the countdown words get ("2528 d overdue", "missed 25 Nov 2024")
    def when_cells(self) -> int:
        """Cells the countdown column needs for what the current tab can show. Measured
        for a tab when it is first shown (cheap looks at strings: the oldest overdue due,
        and whether some decision was taken in another year, which the countdown then
        names), kept until the states are worked out again; a changed item widens it."""
        cells = self._when_cells.get(self.view)
        if cells is None:
            cells = self._when_cells[self.view] = self._measure_when(VIEWS[self.view][1])
        return cells

    def _measure_when(self, shown: set[str]) -> int:
        items, year = self.items, str(self.today.year)
        oldest, other_year = None, set()
        for item_id, state in self.states.items():
            if state not in shown:
                continue
            if state == "overdue":
                due = items[item_id].due
                if oldest is None or due < oldest:
                    oldest = due
            elif state in DECIDED and state not in other_year \
                    and self._decided_year(items[item_id]) != year:
                other_year.add(state)
        counts = self.counts()
        cells = [len("in 9999 d")]
        if oldest is not None:
            cells.append(len(f"{(self.today - dt.date.fromisoformat(oldest)).days} d overdue"))
        for status in DECIDED & shown:
            if counts[status]:  # "missed 25 Nov", " 2024" for another year
                cells.append(len(f"{status} 25 Nov") + (5 if status in other_year else 0))
        return max(cells)

    @staticmethod
    def _decided_year(commitment: Commitment) -> str:
        return (commitment.decided or commitment.updated)[:4]

    def _widen_when(self, commitment: Commitment, state: str) -> None:
        """One item changed: each measured tab that shows it makes room for it (the
        column narrows again only when the states are worked out again)."""
        cells = len(commitment.countdown(self.today))
        for tab in self._when_cells:
            if state in VIEWS[tab][1]:
                self._when_cells[tab] = max(self._when_cells[tab], cells)

    def rebuild(self) -> None:
        """Filter and sort everything: after a new tab, search, sort or full reload."""
        match = self.matches
        rows = [i for i in self.items if match(i)]
        if self.sort == "due":  # the usual order, in stable passes with cheap keys
            items = self.items
            rows.sort()
            rows.sort(key=lambda i: _RANK[items[i].precision])
            rows.sort(key=lambda i: items[i].due)
            self.rows = rows
        else:
            self.rows = sorted(rows, key=self.sort_key)

    # -- the current view
    def matches(self, item_id: int) -> bool:
        if self.states[item_id] not in VIEWS[self.view][1]:
            return False
        commitment = self.items[item_id]
        if self.day is not None and not commitment.window_start \
                <= self.day.isoformat() <= commitment.due:
            return False
        if self._in_group is not None and not self._in_group(commitment):
            return False
        if self._words:
            text = self._search_cache.get(item_id)
            if text is None:
                text = self._search_cache[item_id] = commitment.search_text
            return all(word in text for word in self._words)
        return True

    def matches_elsewhere(self) -> tuple[str, int] | None:
        """Where else the search finds items: the first tab holding them all (All if
        none does), and how many; None if it finds nothing in any tab."""
        cache, words = self._search_cache, self._words
        found = []
        for item_id, commitment in self.items.items():
            text = cache.get(item_id)
            if text is None:
                text = cache[item_id] = commitment.search_text
            if all(word in text for word in words):
                found.append(self.states[item_id])
        if not found:
            return None
        tab = next(name for name, (_label, states) in VIEWS.items()
                   if name == "all" or all(state in states for state in found))
        return tab, len(found)

    def set_group(self, by: str | None, name: str = "") -> None:
        """Show only what counts under one row of the track record (None: everything)."""
        if by is None:
            self.group, self._in_group = None, None
        else:
            from store.stats import member_test
            self.group = self.last_group = (by, name)
            self._in_group = member_test(list(self.items.items()), by, name)
        self.rebuild()

    def set_search(self, text: str) -> None:
        """Filter by words typed so far. Typing one more letter only narrows the rows
        already shown (they are sorted already), so it does not look at every item."""
        old, self.search = self.search, text.strip()
        self._words = tuple(model.search_fold(self.search).split())
        if self.search == old:
            return
        if model.search_fold(self.search).startswith(model.search_fold(old)):
            match = self.matches
            self.rows = [i for i in self.rows if match(i)]
        else:
            self.rebuild()

    def sort_key(self, item_id: int):
        commitment = self.items[item_id]
        if self.sort == "latest":
            day = dt.date.fromisoformat(commitment.due).toordinal()
            return (-day, _RANK[commitment.precision], -item_id)
        if self.sort == "actor":
            return (commitment.actor.casefold() or _FAR, commitment.due, item_id)
        if self.sort == "title":
            return (commitment.title.casefold(), commitment.due, item_id)
        if self.sort == "changed":
            try:
                stamp = dt.datetime.fromisoformat(commitment.updated).timestamp()
            except ValueError:
                stamp = 0.0
            return (-stamp, item_id)
        return model.due_order(item_id, commitment)

    def cycle_sort(self) -> str:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.rebuild()
        return self.sort

    # -- one item changed, appeared or vanished
    def update(self, item_id: int, record: Commitment | None) -> None:
        """Move, add or drop the one row of `item_id`; the other rows stay as they are.
        An item that no longer belongs to the view (just marked met in the Open tab)
        leaves it at once."""
        self._changes += 1
        index = self.index_of(item_id)  # list search runs in C: fine for 100,000 rows
        self._search_cache.pop(item_id, None)
        if record is None:
            self.items.pop(item_id, None)
            self.states.pop(item_id, None)
            if index is not None:
                del self.rows[index]
            return
        old_key = self.sort_key(item_id) if item_id in self.items else None
        self.items[item_id] = record
        self.states[item_id] = state = record.state(self.today, self.soon_days)
        self._widen_when(record, state)
        if index is not None and self.sort_key(item_id) == old_key and self.matches(item_id):
            return  # same place; the table shows its new state
        if index is not None:
            del self.rows[index]
        if self.matches(item_id):
            bisect.insort(self.rows, item_id, key=self.sort_key)

    def merge(self, items: list[tuple[int, Commitment]]) -> list[int]:
        """Take in a fresh read of the store, touching only the items that differ (an
        undo, or another process's change, usually changes one or a few). Every change
        stamps `updated` (to the second) and appends to the history, so those two tell
        two reads of a record apart. Returns the ids that changed, appeared or vanished."""
        fresh = dict(items)
        old = self.items
        changed = [i for i, r in fresh.items()
                   if (o := old.get(i)) is None or r.changed_since(o)]
        gone = [i for i in old if i not in fresh]
        if not self.complete or len(changed) + len(gone) > max(100, len(fresh) // 20):
            self.load(items)  # much changed (an import): filtering everything is quicker
            return changed + gone
        for item_id in gone:
            self.update(item_id, None)
        for item_id in changed:
            self.update(item_id, fresh[item_id])
        return changed + gone

    # -- figures
    def counts(self) -> dict[str, int]:
        """How many items are in each state (all items, whatever the view)."""
        key = (id(self.states), len(self.states), self._changes)
        if self._counted[0] != key:
            out = dict.fromkeys(model.STATES, 0)
            for value in self.states.values():
                out[value] += 1
            self._counted = (key, out)
        return dict(self._counted[1])

    def view_counts(self) -> dict[str, int]:
        counts = self.counts()
        return {view: sum(counts[s] for s in states) for view, (_label, states) in VIEWS.items()}

    def index_of(self, item_id: int | None) -> int | None:
        if item_id is None:
            return None
        try:
            return self.rows.index(item_id)
        except ValueError:
            return None

