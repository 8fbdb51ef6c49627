"""A commitment as data: `Commitment` (with its `Source`s and `Event`s), its due window
(`Due`), and what follows from it and "today" (state, days left, countdown words), so
the command line, the dashboard and the tests all agree on them.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass

from store.errors import FristError

PRECISIONS = ("day", "week", "month", "quarter", "year")
STATUSES = ("open", "met", "missed", "cancelled")
STATES = ("overdue", "due-today", "due-soon", "upcoming", "met", "missed", "cancelled")
DUE_SOON_DAYS = 7  # "due-soon" means due within this many days

# The JSON contract of docs/json.md, in its order.
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


def search_fold(text: str) -> str:
    """Text as a search compares it: Unicode-normalised (NFKC: a decomposed 'ä', as some
    systems and pasted text write it, is the 'ä' typed on a keyboard; 'ﬁ' is 'fi') and
    case-folded, then normalised again (folding can decompose). The one rule for both
    sides of every search: `frist list --search`, `--actor` and the dashboard's."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


# The longest title a new or edited commitment takes (in characters, after blanks are
# folded): a title is a short clause, and the extractor cuts its own at 120. A longer
# one typed, pasted or imported is refused, naming its length, not cut unsaid; records
# already stored are not checked against it.
TITLE_LIMIT = 500


def title_problem(title: str) -> None:
    """ModelError if `title` (blanks folded) is longer than TITLE_LIMIT."""
    if len(title) > TITLE_LIMIT:
        raise ModelError(f"the title is {len(title):,} characters long; a title takes at most "
                         f"{TITLE_LIMIT}: say it shorter (a note can hold the rest)")


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

    @classmethod
    def read(cls, value, precision=None, window_start=None, text: str = "") -> Due:
        """The window a commitment brought from a file names (frist JSON's `due`,
        `precision`, `window_start`): a window value ("2026-04", "2026-Q1") is taken as it
        is; a day with `window_start` spans from there; a day with a coarser `precision`
        and no start means the week, month, ... that holds the day (due at its end).
        ModelError naming the field that is wrong."""
        if not isinstance(value, str):
            raise ModelError(f"'due' is not a date: {_short(value)}")
        if precision is not None and precision not in PRECISIONS:
            raise ModelError(f"'precision' must be one of {', '.join(PRECISIONS)}, "
                             f"not {_short(precision)}")
        try:
            start, end, found = window(value)
        except OutOfRange as e:
            raise ModelError(f"'due': {e}") from None
        except ModelError:
            raise ModelError(f"'due' is not a date: {_short(value)}") from None
        if found != "day":
            return cls(end, found, start, text)
        precision = precision or "day"
        if window_start:
            start = _day_field(window_start, "window_start")
            if start > end:
                raise ModelError(f"'window_start' {window_start} is after the due date {value}")
        elif precision != "day":
            try:
                start, end, _ = window(period_value(end, precision))
            except OutOfRange as e:   # the last days of 2999 are in a week of 3000
                raise ModelError(f"'due' {value} as a {precision}: {e}") from None
        return cls(end, precision, start, text)

    @property
    def label(self) -> str:
        """The window as a person reads it: '27 Nov 2025', 'Apr 2026', 'H1 2027' (due_label)."""
        return due_label(self.due.isoformat(), self.precision, self.window_start.isoformat())


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


def days_left(due: dt.date, today: dt.date) -> int:
    return (due - today).days


def left_words(left: int) -> str:
    """The countdown of an open commitment `left` days before its due: 'in 3 d',
    'tomorrow', 'today', '1 d overdue', '2 d overdue'."""
    if left == 0:
        return "today"
    if left == 1:
        return "tomorrow"
    if left == -1:
        return "1 d overdue"
    return f"in {left} d" if left > 0 else f"{-left} d overdue"


PRECISION_RANK = {name: n for n, name in enumerate(PRECISIONS)}


def due_label(due: str, precision: str = "day", window_start: str = "",
              day_format: str | None = None) -> str:
    """A due window as precise as it is: '27 Nov 2025', 'W49 2026', 'Apr 2026', 'Q1 2026',
    'H1 2027', '2026', from its stored ISO days. `day_format` (strftime, the config's
    date_format) replaces the form of a single day."""
    d = dt.date.fromisoformat(due)
    if precision == "week":
        year, week, _ = d.isocalendar()
        return f"W{week:02d} {year}"
    if precision == "month":
        return f"{MONTH_ABBR[d.month - 1]} {d.year}"
    if precision == "quarter":
        start = window_start or ""
        if start[5:7].isdigit() and d.month - int(start[5:7]) == 5:  # a half year ("H1 2027")
            return f"H{d.month // 6} {d.year}"
        return f"Q{(d.month - 1) // 3 + 1} {d.year}"
    if precision == "year":
        return str(d.year)
    if day_format:
        return d.strftime(day_format)
    return f"{d.day} {MONTH_ABBR[d.month - 1]} {d.year}"


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


def new_uid() -> str:
    """A random (version 4) UUID as 32 hex digits, like uuid.uuid4().hex: importing
    uuid costs a fast command more than this does."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return raw.hex()


# -- the parts of a commitment that are read rarely: built from its document on access

@dataclass(frozen=True, slots=True)
class Source:
    """Where a commitment was read: the sentence, the document (path or URL), its
    publication day (ISO) and language. `extra`: other keys an imported source carried,
    kept as they were."""

    sentence: str = ""
    document: str = ""
    published: str = ""
    lang: str = ""
    extra: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_doc(cls, doc: dict) -> Source:
        return cls(doc.get("sentence") or "", doc.get("document") or "",
                   doc.get("published") or "", doc.get("lang") or "",
                   tuple((k, v or "") for k, v in doc.items() if k not in _SOURCE_KEYS))

    def to_doc(self) -> dict:
        return {"sentence": self.sentence, "document": self.document,
                "published": self.published, "lang": self.lang, **dict(self.extra)}


_SOURCE_KEYS = ("sentence", "document", "published", "lang")


@dataclass(frozen=True, slots=True)
class Event:
    """One line of a commitment's history: when (`at`, an ISO timestamp), what happened,
    a note. `extra`: the event's own further keys, e.g. a postponement's "from" and "to"
    dues (read by the track record)."""

    at: str
    event: str
    note: str = ""
    extra: tuple[tuple[str, object], ...] = ()

    @classmethod
    def now(cls, event: str, note: str = "", extra: dict | None = None) -> Event:
        """Something happening now (on frist's today)."""
        return cls(now_stamp(), event, note, tuple((extra or {}).items()))

    @classmethod
    def from_doc(cls, doc: dict) -> Event:
        return cls(doc.get("at", ""), doc.get("event", ""), doc.get("note", ""),
                   tuple((k, v) for k, v in doc.items() if k not in _EVENT_KEYS))

    def get(self, key: str, default=None):
        """One of the event's further keys (`extra`)."""
        return dict(self.extra).get(key, default)

    def to_doc(self) -> dict:
        return {"at": self.at, "event": self.event, "note": self.note, **dict(self.extra)}


_EVENT_KEYS = ("at", "event", "note")

# A stored commitment's fields, in the order a new one is written (`decided` comes last
# when a decision first sets it). Commitment's docstring says what each holds.
STORED_FIELDS = ("uid", "title", "due", "precision", "window_start", "due_text", "actor",
                 "status", "tags", "sources", "created", "updated", "decided", "history")


def clean_tags(tags) -> list[str]:
    """Tags as stored: each on one line, a comma between two tags (as the dashboard's
    Tags field and iCalendar's CATEGORIES read it), no blank one, sorted, once each."""
    out = {" ".join(part.split()) for tag in tags for part in str(tag).split(",")}
    return sorted(out - {""})


class Commitment:
    """A dated commitment: the one shape every part of frist reads and writes.

    Fields (read-only properties; JSON in docs/json.md): `uid` (32 hex digits, kept
    across export, import and sync), `title`, `due` (ISO day, the window's last: ISO
    text compares in date order), `precision` (PRECISIONS), `window_start` (ISO day),
    `due_text` (the words the due was said in), `actor`, `status` (STATUSES),
    `tags` (sorted strings), `sources` (Source), `created` and `updated` (ISO
    timestamps), `decided` (ISO day of a decision, or None), `history` (Event).
    Derived, for a `today`: `state`, `days_left`, `countdown`; and `window` (a Due),
    `due_label`, `decided_day`, `search_text`, `postponements`.

    Made by `new` (a fresh one, or one brought from another tool with its stamps and
    history), `from_json` (frist JSON, whose errors name the field), `checked` (a
    stored document, validated by `problem`) and the store (`Commitment(doc)`: a
    document read from its checked files). Changed only into a new Commitment
    (`with_changes`, `with_due`, `with_event`, `with_source`): nothing changes one in
    place, so a record that was read stays what was read (the store's undo, the
    dashboard's "shown" version and a sync's "before" rely on that).

    Why a wrapper around the stored document (`__slots__ = ("_doc",)`, properties
    reading it, `Source` and `Event` built on access) rather than a dataclass built on
    load: the store parses its snapshot with orjson into dicts, and the dashboard and
    `frist list` read 100,000 of them. On 100,000 items (15 fields, a source and an
    event each; median of 7): parsing alone 482 ms, parsing and wrapping 521 ms,
    parsing and building a flat slotted dataclass 908 ms, with Source and Event
    dataclasses 1,049 ms. The wrapper keeps a load what it was, and writing one back
    is the document itself: the stored format cannot drift from the class.
    """

    __slots__ = ("_doc",)

    def __init__(self, doc: dict):
        """Wrap a stored document that `problem` passes (the store's reads: its files
        hold only checked records). Anything else comes in through `new`, `from_json`
        or `checked`."""
        self._doc = doc

    # -- making one
    @classmethod
    def new(cls, title: str, due: Due, *, actor: str = "", tags=(), note: str = "",
            sources=(), status: str = "open", uid: str | None = None,
            created: str | None = None, updated: str | None = None,
            history=None, decided: dt.date | str | None = None) -> Commitment:
        """A fresh commitment, created now with `note`; or, with `created`, `updated`,
        `history` (Events) and `decided` (met/missed/cancelled only), one brought from
        another tool as it was there. ModelError for what cannot be one."""
        title = " ".join(str(title).split())
        if not title:
            raise ModelError("a commitment needs a title")
        title_problem(title)
        created = _stamp_field(created or "", "created")
        updated = _stamp_field(updated or "", "updated")
        events = [event.to_doc() for event in history] if history else None
        for event in events or ():
            _stamp_field(event["at"], "history")
        if status not in STATUSES:
            raise ModelError(f"'status' must be one of {', '.join(STATUSES)}, not {_short(status)}")
        stamp = created or now_stamp()
        doc = {
            "uid": uid or new_uid(),
            "title": title,
            "due": due.due.isoformat(),
            "precision": due.precision,
            "window_start": due.window_start.isoformat(),
            "due_text": due.text,
            "actor": actor.strip(),
            "status": status,
            "tags": clean_tags(tags),
            "sources": [source.to_doc() for source in sources],
            "created": stamp,
            "updated": updated or stamp,
            "history": events or [{"at": stamp, "event": "created", "note": note}],
        }
        if status != "open":
            # a decision brought without its day: the day the history marked it, else
            # the day the other tool last changed it (never after today)
            doc["decided"] = _decided_field(decided or _decided_from(doc))
        return cls.checked(doc)

    @classmethod
    def from_json(cls, obj) -> Commitment:
        """A commitment from a frist JSON object (docs/json.md: `frist import`, the
        X-FRIST-RECORD of frist's calendar events). Only `title` and `due` are needed;
        `id`, `state` and `days_left` are not read. ModelError naming the field."""
        if not isinstance(obj, dict):
            raise ModelError(f"not an object but {_short(obj)}")
        if "due" not in obj:
            raise ModelError("'due' is missing")
        due = Due.read(obj["due"], obj.get("precision"), obj.get("window_start"),
                       text_field(obj, "due_text"))
        actor, tags = text_field(obj, "actor"), text_list(obj, "tags")
        status = obj.get("status") or "open"
        sources = read_sources(obj.get("sources"))
        uid = text_field(obj, "uid").strip()
        history = read_events(obj.get("history"))
        created, updated = text_field(obj, "created"), text_field(obj, "updated")
        note, decided = text_field(obj, "note"), text_field(obj, "decided")
        title = obj.get("title")
        if title is not None and not isinstance(title, str):
            raise ModelError(f"'title' is not text but {_short(title)}")
        if not isinstance(title, str) or not title.strip():
            raise ModelError("'title' is missing or empty")
        return cls.new(title, due, actor=actor, tags=tags, status=status, sources=sources,
                       uid=uid or None, history=history, created=created, updated=updated,
                       note=note, decided=decided or None)

    @classmethod
    def checked(cls, doc) -> Commitment:
        """A stored document as a Commitment; ModelError saying what is wrong with it."""
        problem = cls.problem(doc)
        if problem:
            raise ModelError(f"the commitment {problem}")
        return cls(doc)

    @staticmethod
    def problem(doc) -> str | None:
        """What is wrong with a stored commitment document, or None if every reader of
        it (command line, dashboard, exports, track record) can rely on it. The store
        runs it on every record it writes, and on every record of a file without
        checksums that it reads; `frist check` on all."""
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

    # -- the fields
    @property
    def doc(self) -> dict:
        """The stored document (shared: never change it): what the store writes."""
        return self._doc

    @property
    def uid(self) -> str:
        return self._doc["uid"]

    @property
    def title(self) -> str:
        return self._doc["title"]

    @property
    def due(self) -> str:
        return self._doc["due"]

    @property
    def precision(self) -> str:
        return self._doc["precision"]

    @property
    def window_start(self) -> str:
        return self._doc["window_start"]

    @property
    def due_text(self) -> str:
        return self._doc["due_text"]

    @property
    def actor(self) -> str:
        return self._doc["actor"]

    @property
    def status(self) -> str:
        return self._doc["status"]

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self._doc["tags"])

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(map(Source.from_doc, self._doc["sources"]))

    @property
    def created(self) -> str:
        return self._doc["created"]

    @property
    def updated(self) -> str:
        return self._doc["updated"]

    @property
    def decided(self) -> str | None:
        """The stored ISO day of the decision (see `decided_day` for older stores)."""
        return self._doc.get("decided")

    @property
    def history(self) -> tuple[Event, ...]:
        return tuple(map(Event.from_doc, self._doc["history"]))

    @property
    def revision(self) -> tuple[str, int]:
        """What tells two reads of a record apart cheaply: every change stamps
        `updated` (to the second) and appends an event."""
        return self._doc["updated"], len(self._doc["history"])

    def changed_since(self, earlier: Commitment) -> bool:
        """Whether this read of an item is another version than `earlier` (a read of the
        same item): `revision` compared, without building it, for the dashboard's
        comparison of every item after an undo or another process's change (the same
        stored document is the same version)."""
        now, then = self._doc, earlier._doc
        return now is not then and (now["updated"] != then["updated"]
                                    or len(now["history"]) != len(then["history"]))

    def __eq__(self, other) -> bool:
        return isinstance(other, Commitment) and self._doc == other._doc

    __hash__ = None

    def __repr__(self) -> str:
        return f"Commitment({self._doc!r})"

    # -- changes: each returns a new Commitment
    def with_changes(self, **changes) -> Commitment:
        """This commitment with fields replaced: `title`, `actor`, `due_text`, `status`,
        `decided` (a day or None), `tags`, `sources` (Sources), `history` (Events),
        `uid`, `created`, `updated`. Titles and actors are tidied as `new` tidies them.
        ModelError if the result is no commitment."""
        doc = dict(self._doc)
        for name, value in changes.items():
            if name not in _CHANGEABLE:
                raise TypeError(f"with_changes() cannot set {name!r}")
            if name == "title":
                value = " ".join(str(value).split())
            elif name == "actor":
                value = value.strip()
            elif name == "tags":
                value = clean_tags(value)
            elif name == "sources":
                value = [source.to_doc() for source in value]
            elif name == "history":
                value = [event.to_doc() for event in value]
            elif name == "decided" and value is not None:
                value = value.isoformat() if isinstance(value, dt.date) else value
            doc[name] = value
        return Commitment.checked(doc)

    def with_due(self, due: Due) -> Commitment:
        """A new due window, said as `due.text`: "said as" is the words of the due it
        stands beside, so a new due replaces them with the words it was given in (a
        person's 'Ende Juli 2027'), or none (a '+2w' shift names no day). The words it
        was first said in stay in the source sentence, and the change's history event
        names the words it replaced (see `said_as_was`)."""
        doc = {**self._doc, "due": due.due.isoformat(), "precision": due.precision,
               "window_start": due.window_start.isoformat(), "due_text": due.text}
        if (doc["due"], doc["precision"], doc["window_start"]) == (
                self._doc["due"], self._doc["precision"], self._doc["window_start"]):
            doc["due_text"] = self._doc["due_text"]  # the same due: its words still hold
        return Commitment.checked(doc)

    def said_as_was(self, changed: Commitment) -> str:
        """' (said as “…”)' when `changed` no longer says its due in this one's words:
        what a history event adds so the words are not lost; '' otherwise."""
        if self.due_text and changed.due_text != self.due_text:
            return f" (said as “{self.due_text}”)"
        return ""

    def with_event(self, event: Event) -> Commitment:
        """`event` added to the history; `updated` is its time."""
        return Commitment.checked({**self._doc, "history": [*self._doc["history"], event.to_doc()],
                                   "updated": event.at})

    def with_source(self, source: Source) -> Commitment:
        return Commitment.checked({**self._doc, "sources": [*self._doc["sources"], source.to_doc()]})

    # -- derived
    @property
    def window(self) -> Due:
        """The due window."""
        doc = self._doc
        return Due(dt.date.fromisoformat(doc["due"]), doc["precision"],
                   dt.date.fromisoformat(doc["window_start"]), doc["due_text"])

    def due_label(self, day_format: str | None = None) -> str:
        """'27 Nov 2025', 'W49 2026', 'Apr 2026', 'Q1 2026', '2026' (see due_label)."""
        doc = self._doc
        return due_label(doc["due"], doc["precision"], doc["window_start"], day_format)

    def days_left(self, today: dt.date) -> int:
        return (dt.date.fromisoformat(self._doc["due"]) - today).days

    def state(self, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> str:
        return state_reader(today, soon_days)(self)

    @property
    def decided_day(self) -> dt.date | None:
        """The day the current decision (met/missed/cancelled) was taken, if any: the
        stored `decided`, else (a store of an older frist) the day it was recorded."""
        doc = self._doc
        status = doc["status"]
        if status == "open":
            return None
        if doc.get("decided"):
            try:
                return dt.date.fromisoformat(doc["decided"])
            except ValueError:
                return None
        for event in reversed(doc["history"]):
            if event.get("event", "").startswith(f"marked {status}"):
                try:
                    return dt.datetime.fromisoformat(event["at"]).date()
                except (KeyError, ValueError):
                    return None
        return None

    def countdown(self, today: dt.date) -> str:
        """Countdown words: 'in 3 d', 'tomorrow', 'today', '2 d overdue', 'met 4 Dec'."""
        status = self._doc["status"]
        if status != "open":
            day = self.decided_day
            if day is None:
                return status
            year = f" {day.year}" if day.year != today.year else ""
            return f"{status} {day.day} {MONTH_ABBR[day.month - 1]}{year}"
        return left_words(self.days_left(today))

    @property
    def search_text(self) -> str:
        """Everything a search looks through, case-folded: title, actor, said-as words,
        tags, and each source's sentence and document (the dashboard shows it)."""
        doc = self._doc
        parts = [doc["title"], doc["actor"], doc["due_text"], " ".join(doc["tags"])]
        for source in doc["sources"]:
            parts += [source.get("sentence", ""), source.get("document", "")]
        return search_fold("\n".join(parts))

    def postponements(self) -> list[int]:
        """Days each postponement in the history moved the due date (0 where unknown):
        the store gives each "postponed ..." event the old and new due as ISO days."""
        moves = []
        for event in self._doc["history"]:
            if not event["event"].startswith("postponed"):
                continue
            try:
                before = dt.date.fromisoformat(event["from"])
                after = dt.date.fromisoformat(event["to"])
            except (KeyError, TypeError, ValueError):
                moves.append(0)
                continue
            moves.append((after - before).days)
        return moves

    # -- JSON out
    def to_json(self, item_id: int, today: dt.date, soon_days: int = DUE_SOON_DAYS) -> dict:
        """The commitment as docs/json.md's object (JSON_FIELDS, in order), with the
        derived fields for `today`. Spelled out rather than looped: `list --json` calls
        it per item."""
        doc = self._doc
        left = (dt.date.fromisoformat(doc["due"]) - today).days
        status = doc["status"]
        if status != "open":
            current = status
        else:
            current = ("overdue" if left < 0 else "due-today" if left == 0
                       else "due-soon" if left <= soon_days else "upcoming")
        decided = self.decided_day
        return {"id": item_id, "uid": doc["uid"], "title": doc["title"], "due": doc["due"],
                "precision": doc["precision"], "window_start": doc["window_start"],
                "due_text": doc["due_text"], "actor": doc["actor"], "status": status,
                "state": current, "days_left": left, "tags": doc["tags"],
                "sources": doc["sources"], "created": doc["created"],
                "updated": doc["updated"], "decided": decided.isoformat() if decided else None,
                "history": doc["history"]}


_CHANGEABLE = frozenset(STORED_FIELDS) - {"due", "precision", "window_start"}


def state_reader(today: dt.date, soon_days: int = DUE_SOON_DAYS):
    """The derived state of a Commitment on `today`: a decision wins; an open item is
    placed by its due date. Returned as a function so that a view of thousands of them
    compares ISO date strings instead of parsing a date per commitment."""
    today_iso = today.isoformat()
    soon_iso = (today + dt.timedelta(days=soon_days)).isoformat()

    def state_of(commitment: Commitment) -> str:
        doc = commitment._doc
        status = doc["status"]
        if status != "open":
            return status
        due = doc["due"]
        if due < today_iso:
            return "overdue"
        if due == today_iso:
            return "due-today"
        return "due-soon" if due <= soon_iso else "upcoming"
    return state_of


def due_order(item_id: int, commitment: Commitment) -> tuple:
    """The usual order of commitments: soonest due first; a day before a week, month, ...
    ending the same day; then by id. The CLI, the dashboard and the store all use it.
    (doc_order spelled out again: a sort calls it per item, and one call less per item
    keeps `frist list` and the timeline's sort as fast as on plain dicts.)"""
    doc = commitment._doc
    return (doc["due"], PRECISION_RANK.get(doc["precision"], 0), item_id)


def doc_order(item_id: int, doc: dict) -> tuple:
    """due_order of a stored document (the journal keeps its soonest items in it)."""
    return (doc["due"], PRECISION_RANK.get(doc.get("precision"), 0), item_id)


# -- reading the fields of a commitment brought from a file (frist JSON, Taskwarrior,
# iCalendar): each error names the field, and the reader adds the entry's position

def text_field(obj: dict, key: str, default: str = "") -> str:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise ModelError(f"'{key}' must be a string, not {_short(value)}")
    return value


def text_list(obj: dict, key: str) -> list[str]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ModelError(f"'{key}' must be a list of strings, not {_short(value)}")
    return [v.strip() for v in value if v.strip()]


def read_sources(value, key: str = "sources") -> list[Source]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        raise ModelError(f"'{key}' must be a list of objects")
    for source in value:
        for k, v in source.items():
            if not isinstance(v, str) and v is not None:
                raise ModelError(f"'{key}' field '{k}' must be a string, not {_short(v)}")
    return [Source.from_doc(s) for s in value]


def read_events(value, key: str = "history") -> list[Event] | None:
    """The events of a history (None: none given); each keeps its own further keys."""
    if value in (None, []):
        return None
    if not isinstance(value, list) or not all(
            isinstance(e, dict) and isinstance(e.get("event"), str)
            and isinstance(e.get("at", ""), str) for e in value):
        raise ModelError(f"'{key}' must be a list of {{at, event, note}} objects")
    return [Event(e.get("at", ""), e["event"], str(e.get("note") or ""),
                  tuple((k, v) for k, v in e.items() if k not in _EVENT_KEYS)) for e in value]


def _in_range(day: dt.date, key: str) -> dt.date:
    try:
        return check_day(day)
    except OutOfRange as e:
        raise ModelError(f"'{key}': {e}") from None


def _day_field(value, key: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        raise ModelError(f"'{key}' is not a date: {_short(value)}") from None
    return _in_range(day, key)


def completion_day(when: dt.date, latest: dt.date | None = None) -> dt.date:
    """The day a decision was taken, from the time another tool says a to-do was done
    (iCalendar COMPLETED, Taskwarrior `end`): the local day of a date-time (one without
    a zone is taken as local), a date as it is; with `latest`, never after it (an
    import: a decision is not taken after frist's today). Import and sync both read
    completion times through this."""
    if isinstance(when, dt.datetime):
        when = (when.astimezone() if when.tzinfo else when).date()
    return min(when, latest) if latest is not None else when


def _decided_from(doc) -> dt.date:
    """The day a decision was taken, read from a record that does not say it."""
    for event in reversed(doc["history"]):
        if event.get("event", "").startswith(f"marked {doc['status']}"):
            return min(dt.datetime.fromisoformat(event["at"]).date(), now().date())
    return min(dt.datetime.fromisoformat(doc["updated"]).date(), now().date())


def _decided_field(value) -> str:
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ModelError(f"'decided' is not an ISO date: {_short(value)}") from None
    if day > now().date():   # as `frist mark --on` refuses it
        raise ModelError(f"'decided' {day.isoformat()} is after today: a decision cannot "
                         f"be taken in the future")
    return _in_range(day, "decided").isoformat()


def _stamp_field(value: str, key: str) -> str:
    """An ISO date-time kept as given ('' when absent); ModelError if it is not one."""
    if value:
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            raise ModelError(f"'{key}' is not a date and time: {_short(value)}") from None
        _in_range(when.date(), key)
    return value


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- what a stored record must be (Commitment.problem)
_TEXT_FIELDS = ("uid", "due_text", "actor", "created", "updated")


_FIRST_ISO, _LAST_ISO = FIRST_DAY.isoformat(), LAST_DAY.isoformat()


def _iso_day(value) -> bool:
    """An ISO day as frist writes it (YYYY-MM-DD, a real date) inside the days frist
    accepts: compared as text."""
    if type(value) is not str or len(value) != 10 or not _FIRST_ISO <= value <= _LAST_ISO:
        return False
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return False
    return day.isoformat() == value


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
