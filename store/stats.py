"""The track record: per actor (or tag), how many commitments were met, missed, cancelled,
are still open or overdue and undecided, and how often and how far they were postponed.

`frist stats` and the dashboard's StatsScreen both show `track_record(...)`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store import model
from store.model import Commitment

# Bar segments in the order drawn, with the plain-text character of each.
BAR_KINDS = (("met", "#"), ("missed", "x"), ("cancelled", "-"), ("open", "."))
BAR_LEGEND = "# met  x missed  - cancelled  . open"


@dataclass
class Record:
    """The figures of one actor or tag. `open` counts every undecided item, overdue or not."""

    by: str  # "actor" or "tag"
    name: str  # "" for items without an actor / tag
    met: int = 0
    missed: int = 0
    cancelled: int = 0
    open: int = 0
    overdue: int = 0
    postponed: int = 0  # postponements in all
    postponed_items: int = 0  # items postponed at least once
    postponed_days: int = 0  # days the due dates moved, summed (negative: brought forward)

    @property
    def total(self) -> int:
        return self.met + self.missed + self.cancelled + self.open

    @property
    def met_share(self) -> float | None:
        """met / (met + missed); None while nothing was decided either way."""
        decided = self.met + self.missed
        return self.met / decided if decided else None

    def to_json(self) -> dict:
        share = self.met_share
        return {self.by: self.name, "met": self.met, "missed": self.missed,
                "cancelled": self.cancelled, "open": self.open, "overdue": self.overdue,
                "met_share": None if share is None else round(share, 4),
                "total": self.total, "postponed": self.postponed,
                "postponed_items": self.postponed_items, "postponed_days": self.postponed_days,
                "postponed_days_mean": (round(self.postponed_days / self.postponed, 1)
                                        if self.postponed else None)}


def track_record(items: list[tuple[int, Commitment]], today: dt.date, by: str = "actor",
                 soon_days: int = model.DUE_SOON_DAYS) -> list[Record]:
    """One Record per actor (or tag), most commitments first. An item with several tags
    counts under each, once ("Work" and "work" are one tag, as in `frist list --tag`);
    items without an actor or tag are grouped under ""."""
    if by not in ("actor", "tag"):
        raise ValueError(f"by must be 'actor' or 'tag', not {by!r}")
    groups: dict[str, Record] = {}
    actor_of = _actor_names(items) if by == "actor" else {}
    for _id, commitment in items:
        if by == "actor":
            names = [actor_of[" ".join(commitment.actor.split())]]
        else:
            names = list({t.casefold(): t for t in commitment.tags}.values()) or [""]
        moves = commitment.postponements()
        for name in names:
            row = groups.setdefault(name.casefold(), Record(by, name))
            _count(row, commitment, today, soon_days, moves)
    return sorted(groups.values(), key=lambda r: (r.name == "", -r.total, r.name.casefold()))


def member_test(items: list[tuple[int, Commitment]], by: str, name: str):
    """A test whether a commitment counts under `name` in track_record(items, by=by):
    what the dashboard lists when a row of the track record is opened."""
    key = name.casefold()
    if by == "tag":
        if not name:
            return lambda commitment: not commitment.tags
        return lambda commitment: key in {t.casefold() for t in commitment.tags}
    spellings = {written for written, row in _actor_names(items).items() if row.casefold() == key}
    return lambda commitment: " ".join(commitment.actor.split()) in spellings


def _actor_names(items: list[tuple[int, Commitment]]) -> dict[str, str]:
    """Each actor as written -> the name its row goes under. A name that is the first or
    last words of exactly one longer actor's name is that actor: "Norvane" is "Norvane
    Semiconductors", "Commission" is "European Commission" (an article names someone in
    full once, then shortly). Longer names that are one actor count as one: "Merkel" and
    "Angela Merkel" are "Bundeskanzlerin Angela Merkel". With two such actors it stays
    apart: it could be either."""
    written = {" ".join(c.actor.split()) for _i, c in items}
    words = {name: name.casefold().split() for name in written if name}
    out = {name: name for name in written}
    for name, short in sorted(words.items(), key=lambda kv: -len(kv[1])):  # longest first
        n = len(short)
        actors = {out[other] for other, full in words.items()
                  if len(full) > n and (full[:n] == short or full[-n:] == short)}
        if len(actors) == 1:
            out[name] = actors.pop()
    return out


def _count(row: Record, commitment: Commitment, today: dt.date, soon_days: int,
           moves: list[int]) -> None:
    status = commitment.status
    if status == "open":
        row.open += 1
        if commitment.state(today, soon_days) == "overdue":
            row.overdue += 1
    elif status in ("met", "missed", "cancelled"):
        setattr(row, status, getattr(row, status) + 1)
    if moves:
        row.postponed += len(moves)
        row.postponed_items += 1
        row.postponed_days += sum(moves)


def share_label(share: float | None) -> str:
    return "-" if share is None else f"{round(share * 100)}%"


def bar_segments(row: Record, cells: int, largest: int) -> list[tuple[str, int]]:
    """(kind, cells) per bar segment: one cell per commitment while the largest group fits
    in `cells`, else scaled down; a kind that is present keeps at least one cell."""
    scale = min(1.0, cells / largest) if largest else 0.0
    counts = [(kind, getattr(row, kind)) for kind, _ in BAR_KINDS]
    exact = [n * scale for _, n in counts]
    sizes = [max(1, int(x)) if n else 0 for x, (_, n) in zip(exact, counts)]
    want = max(round(row.total * scale), sum(1 for _, n in counts if n))
    # hand out what rounding left over, largest remainders first
    order = sorted(range(len(counts)), key=lambda i: exact[i] - int(exact[i]), reverse=True)
    for i in order:
        if sum(sizes) >= want:
            break
        if counts[i][1]:
            sizes[i] += 1
    return [(kind, size) for (kind, _), size in zip(counts, sizes) if size]


def bar(row: Record, cells: int, largest: int) -> str:
    """The record as a plain-text bar, e.g. '###xx....'."""
    chars = dict(BAR_KINDS)
    return "".join(chars[kind] * size for kind, size in bar_segments(row, cells, largest))
