"""A commitment as data: its due window, its status and history.

`state`, `days_left` and the countdown words are pure functions of a record and "today",
so the command line, the dashboard and the tests all agree on them.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from store.errors import FristError

PRECISIONS = ("day", "week", "month", "quarter", "year")
STATUSES = ("open", "met", "missed", "cancelled")
STATES = ("overdue", "due-today", "due-soon", "upcoming", "met", "missed", "cancelled")
DUE_SOON_DAYS = 7  # "due-soon" means due within this many days

# The JSON contract of DESIGN.md, in its order.
JSON_FIELDS = ("id", "uid", "title", "due", "precision", "window_start", "due_text", "actor",
               "status", "state", "days_left", "tags", "sources", "created", "updated", "decided",
               "history")

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class ModelError(FristError):
    """A value that cannot be a commitment's (bad due form, unknown status)."""


# The days frist accepts, for dues, --today and decisions: wide enough for any real
# commitment, and thousands of years inside what Python's dates can hold, so that every
# count, export and view on an accepted day stays a date (no overflow at year 9999).
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
DATE_RANGE = "1 Jan 1900 to 31 Dec 2999"


class OutOfRange(ModelError):
    """A real date that frist does not accept (before FIRST_DAY or after LAST_DAY)."""


def check_day(day: dt.date, what: str = "the date") -> dt.date:
    """`day` itself when frist accepts it; OutOfRange naming the range otherwise."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise OutOfRange(out_of_range(what, day.isoformat()))
    return day


def out_of_range(what: str, value: str) -> str:
    return f"{what} {value} is outside the dates frist accepts ({DATE_RANGE})"


@dataclass(frozen=True)
class Due:
    """A due window: the commitment falls due by `due`, the window's last day."""

    due: dt.date
    precision: str
    window_start: dt.date
    text: str = ""

    def __post_init__(self):
        # every Due is inside the accepted range, so nothing built on one can overflow
        check_day(self.window_start)
        check_day(self.due)

    @classmethod
    def day(cls, day: dt.date, text: str = "") -> Due:
        return cls(day, "day", day, text)

    @classmethod
    def from_value(cls, value: str, text: str = "") -> Due:
        """The window a TIMEX-style value names: 2026-04-07, 2026-W15, 2026-04, 2026-Q2, 2026."""
        start, end, precision = window(value)
        return cls(end, precision, start, text)

    @property
    def value(self) -> str:
        """The TIMEX-style form of the window (as precise as it is)."""
        return period_value(self.due, self.precision)

    @property
    def label(self) -> str:
        """The window as a person reads it: '27 Nov 2025', 'Apr 2026', 'H1 2027' (due_label)."""
        return due_label({"due": self.due.isoformat(), "precision": self.precision,
                          "window_start": self.window_start.isoformat()})


def period_value(day: dt.date, precision: str) -> str:
    """The TIMEX value of the `precision`-long window that holds `day`: 2026-W15, 2026-04 ..."""
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "year":
        return str(day.year)
    return day.isoformat()


def _month_end(year: int, month: int) -> dt.date:
    first_of_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - dt.timedelta(days=1)


def window(value: str) -> tuple[dt.date, dt.date, str]:
    """(first day, last day, precision) of a TIMEX-style due value; ModelError if malformed."""
    value = str(value).strip()
    if (m := re.match(r"(\d{4})(?:-|$)", value)) and not FIRST_DAY.year <= int(m[1]) <= LAST_DAY.year:
        raise OutOfRange(out_of_range("the date", value))
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + dt.timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), _month_end(year, month), "month"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            year, quarter = int(m[1]), int(m[2])
            return dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter), "quarter"
        if re.fullmatch(r"\d{4}", value):
            year = int(value)
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        pass
    raise ModelError(f"not a due date: {value!r} (want YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY)")


def due_of(record: dict) -> Due:
    """The Due window stored in a record."""
    due = dt.date.fromisoformat(record["due"])
    start = record.get("window_start") or record["due"]
    return Due(due, record.get("precision") or "day", dt.date.fromisoformat(start),
               record.get("due_text", ""))


def days_left(due: dt.date, today: dt.date) -> int:
    return (due - today).days


def state_reader(today: dt.date, soon_days: int = DUE_SOON_DAYS):
    """The derived state of a record on `today`: a decision wins; an open item is placed
    by its due date. Returned as a function so that a view of thousands of records
    compares ISO date strings instead of parsing a date per record."""
    today_iso = today.isoformat()
    soon_iso = (today + dt.timedelta(days=soon_days)).isoformat()

    def state_of(record: dict) -> str:
        status = record["status"]
        if status != "open":
            return status
        due = record["due"]
        if due < today_iso:
            return "overdue"
        if due == today_iso:
            return "due-today"
        return "due-soon" if due <= soon_iso else "upcoming"
    return state_of


PRECISION_RANK = {name: n for n, name in enumerate(PRECISIONS)}


def due_order(item_id: int, record: dict) -> tuple:
    """The usual order of commitments: soonest due first; a day before a week, month, ...
    ending the same day; then by id. The CLI, the dashboard and the store all use it."""
    return (record["due"], PRECISION_RANK.get(record.get("precision"), 0), item_id)


def record_state(record: dict, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> str:
    return state_reader(today, soon_days)(record)


def due_label(record: dict, day_format: str | None = None) -> str:
    """The due date as precise as it is: '27 Nov 2025', 'W49 2026', 'Apr 2026', 'Q1 2026', '2026'.
    `day_format` (strftime, the config's date_format) replaces the form of a single day."""
    d = dt.date.fromisoformat(record["due"])
    precision = record.get("precision") or "day"
    if precision == "week":
        year, week, _ = d.isocalendar()
        return f"W{week:02d} {year}"
    if precision == "month":
        return f"{MONTH_ABBR[d.month - 1]} {d.year}"
    if precision == "quarter":
        start = record.get("window_start") or ""
        if start[5:7].isdigit() and d.month - int(start[5:7]) == 5:  # a half year ("H1 2027")
            return f"H{d.month // 6} {d.year}"
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "year":
        return str(d.year)
    if day_format:
        return d.strftime(day_format)
    return f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}"


def decided_on(record: dict) -> dt.date | None:
    """The day the current decision (met/missed/cancelled) was taken, if any: the stored
    `decided` date, else (a store of an older frist) the day the decision was recorded."""
    if record["status"] == "open":
        return None
    if record.get("decided"):
        try:
            return dt.date.fromisoformat(record["decided"])
        except ValueError:
            return None
    for event in reversed(record.get("history", [])):
        if event.get("event", "").startswith(f"marked {record['status']}"):
            try:
                return dt.datetime.fromisoformat(event["at"]).date()
            except (KeyError, ValueError):
                return None
    return None


def countdown(record: dict, today: dt.date) -> str:
    """Countdown words: 'in 3 d', 'tomorrow', 'today', '2 d overdue', 'met 4 Dec'."""
    status = record["status"]
    if status != "open":
        day = decided_on(record)
        if day is None:
            return status
        year = f" {day.year}" if day.year != today.year else ""
        return f"{status} {day.day} {MONTH_ABBR[day.month - 1]}{year}"
    left = days_left(dt.date.fromisoformat(record["due"]), today)
    if left == 0:
        return "today"
    if left == 1:
        return "tomorrow"
    if left == -1:
        return "1 d overdue"
    return f"in {left} d" if left > 0 else f"{-left} d overdue"


# --today / FRIST_TODAY moves the calendar: every timestamp frist writes (created,
# decided, postponed) is taken on that day, so a demo or a test reads as it would have.
_clock_shift = dt.timedelta(0)


def set_today(day: dt.date | None) -> None:
    """Make `day` frist's today for every timestamp it writes (None: the real clock)."""
    global _clock_shift
    _clock_shift = dt.timedelta(0) if day is None else day - dt.date.today()


def now() -> dt.datetime:
    """The current local time, shifted to frist's today."""
    return dt.datetime.now(dt.timezone.utc).astimezone() + _clock_shift


def now_stamp() -> str:
    """The current local time (on frist's today), to the second, with its UTC offset."""
    return now().isoformat(timespec="seconds")


def event(name: str, note: str = "") -> dict:
    return {"at": now_stamp(), "event": name, "note": note}


def new_uid() -> str:
    """A random (version 4) UUID as 32 hex digits, like uuid.uuid4().hex: importing
    uuid costs a fast command more than this does."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return raw.hex()


def new_record(title: str, due: Due, actor: str = "", tags: list[str] | None = None,
               note: str = "", sources: list[dict] | None = None, status: str = "open",
               uid: str | None = None) -> dict:
    """A fresh commitment record as stored (without id, state and days_left)."""
    title = " ".join(str(title).split())
    if not title:
        raise ModelError("a commitment needs a title")
    if status not in STATUSES:
        raise ModelError(f"unknown status {status!r} (one of {', '.join(STATUSES)})")
    stamp = now_stamp()
    return {
        "uid": uid or new_uid(),
        "title": title,
        "due": due.due.isoformat(),
        "precision": due.precision,
        "window_start": due.window_start.isoformat(),
        "due_text": due.text,
        "actor": actor.strip(),
        "status": status,
        "tags": sorted(set(tags or [])),
        "sources": list(sources or []),
        "created": stamp,
        "updated": stamp,
        "history": [{"at": stamp, "event": "created", "note": note}],
    }


def to_json(doc_id: int, record: dict, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> dict:
    """The record as DESIGN.md's JSON object (JSON_FIELDS, in order), with the derived
    fields for `today`. Spelled out rather than looped: `list --json` calls it per item."""
    get = record.get
    left = (dt.date.fromisoformat(record["due"]) - today).days
    status = record["status"]
    if status != "open":
        current = status
    else:
        current = ("overdue" if left < 0 else "due-today" if left == 0
                   else "due-soon" if left <= soon_days else "upcoming")
    return {"id": doc_id, "uid": get("uid", ""), "title": record["title"], "due": record["due"],
            "precision": get("precision") or "day", "window_start": get("window_start") or record["due"],
            "due_text": get("due_text", ""), "actor": get("actor", ""), "status": status,
            "state": current, "days_left": left, "tags": get("tags", []),
            "sources": get("sources", []), "created": get("created", ""),
            "updated": get("updated", ""), "decided": _decided_iso(record),
            "history": get("history", [])}


def _decided_iso(record: dict) -> str | None:
    day = decided_on(record)
    return day.isoformat() if day else None


# -- what a stored record must be: checked when the store reads or writes one
_TEXT_FIELDS = ("uid", "due_text", "actor", "created", "updated")


_FIRST_ISO, _LAST_ISO = FIRST_DAY.isoformat(), LAST_DAY.isoformat()


def _iso_day(value) -> bool:
    """An ISO day as frist writes it (YYYY-MM-DD, a real date) inside the days frist
    accepts: compared as text."""
    if type(value) is not str or len(value) != 10 or not _FIRST_ISO <= value <= _LAST_ISO:
        return False
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _bad_day(name: str, value) -> str:
    if type(value) is str and len(value) == 10 and _iso_day_anywhere(value):
        return f"has a {name!r} outside the dates frist accepts ({DATE_RANGE}): {value}"
    return f"has a bad {name!r}: {_shown(value)}"


def _iso_day_anywhere(value: str) -> bool:
    try:
        return dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def record_problem(doc) -> str | None:
    """What is wrong with a stored commitment record, or None if every reader of it
    (command line, dashboard, exports, track record) can rely on it. Self-contained:
    the one place that says what a stored record is."""
    if type(doc) is not dict:
        return f"is not an object but {_shown(doc)}"
    title = doc.get("title")
    if type(title) is not str or not title.strip():
        return f"has no title ({_shown(title)})"
    for name in ("due", "window_start"):
        if not _iso_day(doc.get(name)):
            return _bad_day(name, doc.get(name))
    if doc["window_start"] > doc["due"]:
        return f"has a 'window_start' after its 'due': {doc['window_start']} > {doc['due']}"
    if doc.get("precision") not in PRECISIONS:
        return f"has a bad 'precision': {_shown(doc.get('precision'))}"
    if doc.get("status") not in STATUSES or type(doc["status"]) is not str:
        return f"has a bad 'status': {_shown(doc.get('status'))}"
    decided = doc.get("decided")
    if decided is not None and not _iso_day(decided):
        return _bad_day("decided", decided)
    for name in _TEXT_FIELDS:
        if type(doc.get(name)) is not str:
            return f"has a bad {name!r}: {_shown(doc.get(name))}"
    tags = doc.get("tags")
    if type(tags) is not list or not all(type(tag) is str for tag in tags):
        return f"has bad 'tags': {_shown(tags)}"
    sources = doc.get("sources")
    if type(sources) is not list or not all(
            type(source) is dict and all(type(v) is str for v in source.values())
            for source in sources):
        return f"has bad 'sources' (a list of objects of strings): {_shown(sources)}"
    history = doc.get("history")
    if type(history) is not list or not all(
            type(ev) is dict and type(ev.get("at")) is str and type(ev.get("event")) is str
            and type(ev.get("note", "")) is str for ev in history):
        return f"has a bad 'history' (a list of {{at, event, note}}): {_shown(history)}"
    return None
