"""What the main table shows: all items, the chosen tab, search and sort, kept as data.

The table widget only paints `ItemView.rows`; filtering and sorting happen here, on plain
lists. A change to one item moves or removes that one row (`update`), so a keypress on a
100,000-item store does not re-sort or re-filter everything.
"""
from __future__ import annotations

import bisect
import datetime as dt

from store import model
from store.query import search_text

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

_RANK = {name: n for n, name in enumerate(model.PRECISIONS)}
_FAR = "\U0010ffff"  # sorts after every real name: items without an actor go last


class ItemView:
    """All items plus the current view (tab, search, day, sort) and its sorted rows."""

    def __init__(self, today: dt.date, soon_days: int = model.DUE_SOON_DAYS):
        self.today = today
        self.soon_days = soon_days
        self.items: dict[int, dict] = {}
        self.states: dict[int, str] = {}
        self._search_cache: dict[int, str] = {}
        self.view = "open"
        self.search = ""
        self.day: dt.date | None = None  # show only what falls due that day (show_day)
        self.sort = "due"
        self.rows: list[int] = []  # ids, in display order

    # -- loading
    def load(self, items: list[tuple[int, dict]]) -> None:
        self.items = dict(items)
        self._search_cache.clear()
        self.restate()

    def restate(self) -> None:
        """Recompute every state (a new day) and the rows."""
        today, soon = self.today, self.soon_days
        self.states = {i: model.record_state(r, today, soon) for i, r in self.items.items()}
        self.rebuild()

    def rebuild(self) -> None:
        """Filter and sort everything: after a new tab, search, sort or full reload."""
        match = self.matches
        rows = [i for i in self.items if match(i)]
        if self.sort == "due":  # the usual order, in stable passes with cheap keys
            items = self.items
            rows.sort()
            rows.sort(key=lambda i: _RANK[items[i].get("precision") or "day"])
            rows.sort(key=lambda i: items[i]["due"])
            self.rows = rows
        else:
            self.rows = sorted(rows, key=self.sort_key)

    # -- the current view
    def matches(self, item_id: int) -> bool:
        if self.states[item_id] not in VIEWS[self.view][1]:
            return False
        record = self.items[item_id]
        if self.day is not None and not (record.get("window_start") or record["due"]) \
                <= self.day.isoformat() <= record["due"]:
            return False
        if self.search:
            text = self._search_cache.get(item_id)
            if text is None:
                text = self._search_cache[item_id] = search_text(record)
            return all(word in text for word in self.search.casefold().split())
        return True

    def sort_key(self, item_id: int):
        record = self.items[item_id]
        precision = _RANK[record.get("precision") or "day"]
        if self.sort == "latest":
            day = dt.date.fromisoformat(record["due"]).toordinal()
            return (-day, precision, -item_id)
        if self.sort == "actor":
            return (record.get("actor", "").casefold() or _FAR, record["due"], item_id)
        if self.sort == "title":
            return (record["title"].casefold(), record["due"], item_id)
        if self.sort == "changed":
            try:
                stamp = dt.datetime.fromisoformat(record.get("updated", "")).timestamp()
            except ValueError:
                stamp = 0.0
            return (-stamp, item_id)
        return (record["due"], precision, item_id)

    def cycle_sort(self) -> str:
        names = list(SORTS)
        self.sort = names[(names.index(self.sort) + 1) % len(names)]
        self.rebuild()
        return self.sort

    # -- one item changed, appeared or vanished
    def update(self, item_id: int, record: dict | None, linger: bool = False) -> None:
        """Move, add or drop the one row of `item_id`; the other rows stay as they are.

        With `linger`, an item that no longer belongs to the view (just marked met in the
        Open tab) keeps its place until the view is next rebuilt, so the person sees
        the row change instead of vanishing.
        """
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
        self.states[item_id] = model.record_state(record, self.today, self.soon_days)
        if index is not None and linger and self.sort_key(item_id) == old_key:
            return  # same place; the table shows its new state
        if index is not None:
            del self.rows[index]
        if self.matches(item_id):
            bisect.insort(self.rows, item_id, key=self.sort_key)

    # -- figures
    def counts(self) -> dict[str, int]:
        """How many items are in each state (all items, whatever the view)."""
        out = dict.fromkeys(model.STATES, 0)
        for value in self.states.values():
            out[value] += 1
        return out

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

