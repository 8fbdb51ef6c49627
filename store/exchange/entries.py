"""What every reader of an import file shares: the errors that name an entry's position, the
checks of each field (a date in frist's range, a list of strings, ...) and the record built
from checked fields. A bad value is an entry error, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from store import model
from store.errors import FristError


# control characters, which a file's text cells and lines must not hold raw
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ExchangeError(FristError):
    """A file that cannot be imported, or an entry in it that is bad (with its position)."""


@dataclass
class Parsed:
    """What a file holds: its format, the records to store, and entries passed over."""

    format: str  # "frist JSON", "Taskwarrior JSON" or "iCalendar"
    records: list[dict]
    skipped: list[str] = field(default_factory=list)


def fail(position: int, message: str):
    raise ExchangeError(f"entry {position}: {message}")


def each_entry(entries: list, read) -> list[dict]:
    """`read(entry, position)` for every entry; a value of a kind nobody foresaw still
    becomes a one-line entry error, never a traceback. None results are left out."""
    out, uids = [], {}
    for position, entry in enumerate(entries, 1):
        try:
            record = read(entry, position)
        except ExchangeError:
            raise
        except model.ModelError as e:   # a day outside the range frist accepts, say
            fail(position, str(e))
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as e:
            fail(position, f"cannot be read ({one_line(e)})")
        if record is not None:
            one_uid_once(record["uid"], position, uids)
            out.append(record)
    return out


def one_uid_once(uid: str, position: int, seen: dict[str, int]) -> None:
    """An entry error when a second entry of the file has the uid of an earlier one. The
    uid is what makes a commitment the same one on re-import and sync, so two entries
    with one uid cannot both be right, and frist does not guess which one is: the file
    is refused, naming both, for the person to mend (`seen`: uid -> its first position)."""
    if uid in seen:
        fail(position, f"has the uid {short(uid)} of entry {seen[uid]}: one uid is one "
                       f"commitment; remove one of the two or give it another uid")
    seen[uid] = position


def short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 120 else text[:117] + "..."


def string_field(entry: dict, key: str, position: int, default: str = "") -> str:
    value = entry.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        fail(position, f"'{key}' must be a string, not {short(value)}")
    return value


def string_list(entry: dict, key: str, position: int) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(position, f"'{key}' must be a list of strings, not {short(value)}")
    return [v.strip() for v in value if v.strip()]


def iso_day(value, key: str, position: int) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        fail(position, f"'{key}' is not a date: {short(value)}")
    return in_range(day, key, position)


def in_range(day: dt.date, key: str, position: int) -> dt.date:
    """`day` if frist accepts it, else an entry error naming the range."""
    try:
        return model.check_day(day)
    except model.OutOfRange as e:
        fail(position, f"'{key}': {e}")


def make_due(value, precision, window_start, due_text: str, position: int) -> model.Due:
    """A Due from an entry's `due`: a window value ("2026-04", "2026-Q1") is taken as it
    is; a day with `window_start` spans from there; a day with a coarser `precision` and
    no start means the week, month, ... that holds the day (due at its end)."""
    if not isinstance(value, str):
        fail(position, f"'due' is not a date: {short(value)}")
    if precision is not None and precision not in model.PRECISIONS:
        fail(position, f"'precision' must be one of {', '.join(model.PRECISIONS)}, "
                        f"not {short(precision)}")
    try:
        start, end, found = model.window(value)
    except model.OutOfRange as e:
        fail(position, f"'due': {e}")
    except model.ModelError:
        fail(position, f"'due' is not a date: {short(value)}")
    if found != "day":
        return model.Due(end, found, start, due_text)
    precision = precision or "day"
    if window_start:
        start = iso_day(window_start, "window_start", position)
        if start > end:
            fail(position, f"'window_start' {window_start} is after the due date {value}")
    elif precision != "day":
        try:
            start, end, _ = model.window(model.period_value(end, precision))
        except model.OutOfRange as e:   # the last days of 2999 are in a week of 3000
            fail(position, f"'due' {value} as a {precision}: {e}")
    return model.Due(end, precision, start, due_text)


def source_list(value, position: int, key: str = "sources") -> list[dict]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        fail(position, f"'{key}' must be a list of objects")
    for source in value:
        for k, v in source.items():
            if not isinstance(v, str) and v is not None:
                fail(position, f"'{key}' field '{k}' must be a string, not {short(v)}")
    return [{k: v or "" for k, v in s.items()} for s in value]


def history_list(value, position: int, key: str = "history") -> list[dict] | None:
    if value in (None, []):
        return None
    if not isinstance(value, list) or not all(
            isinstance(e, dict) and isinstance(e.get("event"), str) and isinstance(e.get("at", ""), str)
            for e in value):
        fail(position, f"'{key}' must be a list of {{at, event, note}} objects")
    # the event's own fields are kept (a postponement's "from"/"to" dues, say)
    return [{**e, "at": e.get("at", ""), "note": str(e.get("note") or "")} for e in value]


def stamp_text(value: str, key: str, position: int) -> str:
    """An ISO date-time kept as given ('' when absent); entry error if it is not one."""
    if value:
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            fail(position, f"'{key}' is not a date and time: {short(value)}")
        in_range(when.date(), key, position)
    return value


def build_record(title, due: model.Due, position: int, actor="", tags=(), status="open",
            sources=(), uid=None, history=None, created=None, updated=None, note="",
            decided=None) -> dict:
    if not isinstance(title, str) or not title.strip():
        fail(position, "'title' is missing or empty")
    created = stamp_text(created or "", "created", position)
    updated = stamp_text(updated or "", "updated", position)
    for event in history or []:
        stamp_text(event["at"], "history", position)
    if status not in model.STATUSES:
        fail(position, f"'status' must be one of {', '.join(model.STATUSES)}, "
                        f"not {short(status)}")
    record = model.new_record(title, due, actor=actor, tags=list(tags), note=note,
                              sources=list(sources), status=status, uid=uid or None)
    if created:
        record["created"] = created
    record["updated"] = updated or record["created"]
    if history:
        record["history"] = history
    elif created:
        record["history"][0]["at"] = created
    if decided and status != "open":
        try:
            day = dt.date.fromisoformat(decided)
        except ValueError:
            fail(position, f"'decided' is not an ISO date: {short(decided)}")
        record["decided"] = in_range(day, "decided", position).isoformat()
    return record


def parse_stamp(text) -> dt.datetime | None:
    """A stored timestamp as an aware datetime; None for one that is not an ISO date and
    time inside the days frist accepts (a store of an older frist may hold any text
    there, and a year 1 or 9999 stamp would overflow when moved to UTC)."""
    try:
        when = dt.datetime.fromisoformat(str(text))
        model.check_day(when.date())
        return when if when.tzinfo else when.astimezone()
    except (TypeError, ValueError, OverflowError, OSError, model.OutOfRange):
        return None
