"""Choosing and ordering commitments: the filters of `frist list` and of the dashboard."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from store import model
from store.model import Commitment
from store.errors import FristError

WITHIN_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_within(text: str) -> int:
    """'7d', '2w', '1m', '10' (days) -> a number of days."""
    m = re.fullmatch(r"\s*(\d{1,9})\s*([dwmy]?)\s*", str(text).lower())  # range checked by the caller
    if not m:
        raise FristError(f"cannot understand the span {text!r} (use e.g. 7d, 2w, 1m)")
    return int(m[1]) * WITHIN_UNITS.get(m[2] or "d")


@dataclass
class Filter:
    """What to show. `status` is a status, a state, 'all', or 'needs-decision'."""

    status: str = "open"
    within_days: int | None = None
    actor: str = ""
    tag: str = ""
    search: str = ""
    soon_days: int = model.DUE_SOON_DAYS

    def check(self) -> None:
        known = {"all", "needs-decision", *model.STATUSES, *model.STATES}
        if self.status not in known:
            raise FristError(f"unknown status {self.status!r} (one of {', '.join(sorted(known))})")

    def matches(self, commitment: Commitment, today: dt.date) -> bool:
        status = commitment.status
        if self.status != "all":
            if self.status in model.STATUSES:
                if status != self.status:
                    return False
            elif self.status == "needs-decision":
                if commitment.state(today) != "overdue":
                    return False
            elif commitment.state(today, self.soon_days) != self.status:
                return False
        if self.within_days is not None and commitment.days_left(today) > self.within_days:
            return False
        fold = model.search_fold
        if self.actor and fold(self.actor) not in fold(commitment.actor):
            return False
        if self.tag and fold(self.tag) not in {fold(tag) for tag in commitment.tags}:
            return False
        if self.search and fold(self.search) not in commitment.search_text:
            return False
        return True


def sort_key(item: tuple[int, Commitment]):
    """For sorting (id, commitment) pairs: model.due_order."""
    return model.due_order(*item)


def select(items: list[tuple[int, Commitment]], flt: Filter,
           today: dt.date) -> list[tuple[int, Commitment]]:
    flt.check()
    if flt == Filter(status="all", soon_days=flt.soon_days):  # nothing to filter out
        return sorted(items, key=sort_key)
    return sorted((it for it in items if flt.matches(it[1], today)), key=sort_key)
