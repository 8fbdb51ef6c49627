"""A commitment as a CalDAV to-do (VTODO), and a VTODO from any calendar app as a commitment.

What calendar apps see: UID, SUMMARY (title), DESCRIPTION (sources and notes as text),
CATEGORIES (tags), DUE and, for a window, DTSTART (DATE values, never mixed with
DATE-TIME), STATUS (NEEDS-ACTION; COMPLETED with COMPLETED; CANCELLED). Everything
else frist keeps rides along in X-FRIST-* properties, so frist -> server -> frist gives
back the same record; calendar apps keep properties they do not know when they edit.

Reading never uses the clock: two frist stores reading the same item get the same
commitment, whichever reads it first.

The synced part of a commitment is its *view*: the stored document's VIEW_FIELDS as
plain JSON (`decided` always present), what is hashed, merged and compared. `updated` is
not in it: it says when the view last changed, and decides which side's change wins when
both changed the same field. `record_of` makes a Commitment of a view again.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import orjson

from store import model
from store.model import Commitment

PRODID = "-//frist//frist sync//EN"
VIEW_FIELDS = ("uid", "title", "due", "precision", "window_start", "due_text", "actor",
               "status", "decided", "tags", "sources", "created", "history")
NO_DUE_TEXT = "no due date"  # due_text of a to-do that came without one
DESCRIPTION_EVENT = "description edited elsewhere"  # the history line of such an edit
APP_CREATED = "created in a calendar app"  # the first history line of a to-do an app made

# The VTODO properties frist writes; whatever else an item holds belongs to the app that
# made it and is carried over unchanged when frist writes the item back.
OWNED = {"UID", "SUMMARY", "DESCRIPTION", "CATEGORIES", "DTSTART", "DUE", "STATUS",
         "COMPLETED", "PERCENT-COMPLETE", "CREATED", "LAST-MODIFIED", "DTSTAMP"}
X_PREFIX = "X-FRIST-"
# decided statuses as STATUS, and back (X-FRIST-OUTCOME tells missed from cancelled)
ICAL_STATUS = {"open": "NEEDS-ACTION", "met": "COMPLETED", "missed": "CANCELLED",
               "cancelled": "CANCELLED"}
# text fields whose control characters travel in X-FRIST-EXACT (SUMMARY cannot hold them)
EXACT = ("title", "actor", "due_text")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # iCalendar TEXT cannot hold them


class MappingError(ValueError):
    """A calendar object frist cannot read as a to-do (broken iCalendar text)."""


class OutOfRange(MappingError):
    """A to-do dated outside the days frist keeps (model.FIRST_DAY to LAST_DAY, e.g. an
    app's DUE 9999-12-31 for "some day"): the sync leaves it alone on the server."""

    def __init__(self, uid: str, title: str, problem: str):
        super().__init__(f"{problem} is outside {model.DATE_RANGE}")
        self.uid, self.title, self.problem = uid, title, problem


@dataclass
class Remote:
    """One to-do as read from the collection."""
    uid: str
    view: dict
    updated: str        # when it last changed (ISO stamp, local time)
    raw: str | None     # its text, when it holds more than frist writes (kept on write-back)
    by_frist: bool      # it carries frist's properties


# -- commitments and views

def view_of(commitment: Commitment) -> dict:
    """The synced fields of a commitment, normalised (tags sorted, decided filled in)."""
    doc = commitment.doc
    view = {name: doc.get(name) for name in VIEW_FIELDS}
    view["tags"] = sorted(set(view["tags"]))
    view["sources"] = list(view["sources"])
    view["history"] = list(view["history"])
    decided = commitment.decided_day
    view["decided"] = decided.isoformat() if decided else None
    return view


def view_hash(view: dict) -> str:
    import hashlib
    return hashlib.sha256(orjson.dumps(view, option=orjson.OPT_SORT_KEYS)).hexdigest()[:24]


def record_of(view: dict, updated: str, commitment: Commitment | None = None) -> Commitment:
    """The commitment holding `view`: `commitment` changed (its other keys kept) or a
    new one. The view is the stored shape already, so it is checked as it is (a
    from_json would tidy it, and the next sync would see a change); ModelError if it
    is no commitment (nothing was written anywhere yet)."""
    out = dict(commitment.doc if commitment else {})
    out.update({name: view[name] for name in VIEW_FIELDS})
    out["updated"] = updated
    return Commitment.checked(out)


def made_in_an_app(commitment: Commitment) -> bool:
    """Whether a commitment came from a to-do made in a calendar app (frist's history
    of it starts there)."""
    history = commitment.history
    return bool(history) and history[0].event == APP_CREATED


# -- writing

def describe(view: dict) -> str:
    """DESCRIPTION: the source sentences and documents, then the notes, as plain text.
    An item made in a calendar app shows back exactly the text it was made with."""
    parts = []
    for source in view["sources"]:
        lines = []
        if source.get("sentence"):
            lines.append(f"“{source['sentence']}”")
        if source.get("document"):
            published = f" ({source['published']})" if source.get("published") else ""
            lines.append(f"Source: {source['document']}{published}")
        if lines:
            parts.append("\n".join(lines))
    if view["actor"]:
        parts.append(f"Actor: {view['actor']}")
    parts += [event["note"] for event in view["history"] if event.get("note")]
    return _CONTROL.sub(" ", _lines("\n\n".join(parts)))


def _utc(stamp: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    when = when if when.tzinfo else when.astimezone()
    return when.astimezone(dt.timezone.utc).replace(microsecond=0)


def completed_at(decided: str) -> dt.datetime:
    """COMPLETED for a decision taken on `decided`: noon UTC that day, so every time
    zone within eleven hours of UTC reads back the same day."""
    return dt.datetime.combine(dt.date.fromisoformat(decided), dt.time(12),
                               dt.timezone.utc)


def to_ical(view: dict, updated: str, raw: str | None = None) -> str:
    """The calendar object for `view`. With `raw` (what the collection held), the app's
    own properties and components stay, and so do its DUE/DTSTART/DURATION while
    frist's window is still the one they say (a due time of day survives a title edit)."""
    from icalendar import Calendar, Todo
    cal, todo, keep_window = None, None, False
    if raw:
        try:
            cal = Calendar.from_ical(raw)
            todo = next(c for c in cal.walk("VTODO") if c.get("RECURRENCE-ID") is None)
        except Exception:
            cal = None
    if cal is not None:
        before = parse(raw)
        keep_window = before is not None and all(
            before.view[name] == view[name] for name in ("due", "precision", "window_start"))
        for name in list(todo.keys()):
            if name in OWNED or name.startswith(X_PREFIX) or name == "DURATION":
                if keep_window and name in ("DUE", "DTSTART", "DURATION"):
                    continue
                del todo[name]
    else:
        cal = Calendar()
        cal.add("prodid", PRODID)
        cal.add("version", "2.0")
        todo = Todo()
        cal.add_component(todo)
    status = view["status"]
    todo.add("uid", view["uid"])
    todo.add("dtstamp", dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    todo.add("summary", _CONTROL.sub(" ", view["title"]))
    if not keep_window:
        if view["window_start"] != view["due"]:
            todo.add("dtstart", dt.date.fromisoformat(view["window_start"]))
        todo.add("due", dt.date.fromisoformat(view["due"]))
    todo.add("status", ICAL_STATUS[status])
    if status != "open":
        todo.add("x-frist-outcome", status)
        if view["decided"]:
            todo.add("x-frist-decided", view["decided"])
    if status == "met":
        todo.add("completed", completed_at(view["decided"]) if view["decided"]
                 else _utc(updated) or dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
        todo.add("percent-complete", 100)
    description = describe(view)
    if description:
        todo.add("description", description)
    if view["tags"]:
        todo.add("categories", list(view["tags"]))
    for prop, stamp in (("created", view["created"]), ("last-modified", updated)):
        if _utc(stamp):
            todo.add(prop, _utc(stamp))
    _add_text(todo, "x-frist-precision", view["precision"])
    for prop, value in (("x-frist-due-text", view["due_text"]), ("x-frist-actor", view["actor"]),
                        ("x-frist-created", view["created"]), ("x-frist-updated", updated)):
        if value:
            _add_text(todo, prop, _CONTROL.sub(" ", value))
    # iCalendar TEXT cannot hold control characters: SUMMARY and the rest carry them
    # blanked, this the exact text, so that the other store gets what this one holds
    exact = {name: view[name] for name in EXACT if _CONTROL.search(view[name] or "")}
    if exact:
        _add_text(todo, "x-frist-exact", json_text(exact))
    _add_text(todo, "x-frist-sources", json_text(view["sources"]))
    _add_text(todo, "x-frist-history", json_text(view["history"]))
    return cal.to_ical().decode("utf-8")


def json_text(value) -> str:
    """JSON that stays exact through calendar clients: a quote or backslash inside a
    string as a \\u escape. (The caldav library's clean-up of what it reads drops any
    backslash right before a quote, which would break JSON's escaped quotes.)"""
    return re.sub(r'\\(["\\])', lambda m: "\\u0022" if m[1] == '"' else "\\u005c",
                  orjson.dumps(value).decode())


def _add_text(todo, name: str, value: str) -> None:
    """An X- property as escaped TEXT, typed so: unescaped, a comma in it would split it."""
    from icalendar import vText
    todo.add(name, vText(value), parameters={"VALUE": "TEXT"})


# -- reading

def _day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return (value.astimezone() if value.tzinfo else value).date()
    return value


def _date_of(todo, name: str):
    """The date or date-time of property `name`, None when absent or unreadable."""
    if todo.get(name) is None:
        return None
    try:
        value = todo.decoded(name)
    except Exception:
        return None
    return value if isinstance(value, dt.date) else None


def _stamp(value) -> str | None:
    if isinstance(value, dt.datetime):
        when = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        return when.astimezone().isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).astimezone().isoformat(timespec="seconds")
    return None


def _text(todo, name: str) -> str:
    value = todo.get(name)
    if isinstance(value, list):  # a property given twice: the first counts
        value = value[0] if value else None
    if value is None:
        return ""
    if type(value).__name__ == "vUnknown":  # an X- property whose TEXT type an app dropped
        return _unescape(str(value))
    return str(value)


def _unescape(text: str) -> str:
    """iCalendar TEXT escapes (RFC 5545 3.3.11) read back: \\\\ \\; \\, \\n."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], text)


def _json_list(todo, name: str) -> list | None:
    text = _text(todo, name)
    if not text:
        return None
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, list) and all(isinstance(v, dict) for v in value) else None


def _json_object(todo, name: str) -> dict:
    try:
        value = orjson.loads(_text(todo, name) or "{}")
    except orjson.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _shown(text: str) -> str:
    """Text as it travels in iCalendar TEXT and is read back: control characters blanked,
    spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def _categories(todo) -> list[str]:
    tags = []
    categories = todo.get("CATEGORIES")
    for prop in categories if isinstance(categories, list) else [categories] * bool(categories):
        tags += [" ".join(str(c).split()) for c in getattr(prop, "cats", [prop])]
    return sorted({tag for tag in tags if tag})


def _due_of(todo):
    """DUE, or without one DTSTART + DURATION (RFC 5545 3.8.2.5: then the to-do is due
    when the duration ends); None when neither says."""
    due_value, start_value = _date_of(todo, "DUE"), _date_of(todo, "DTSTART")
    if due_value is None and start_value is not None and todo.get("DURATION") is not None:
        try:
            duration = todo.decoded("DURATION")
        except Exception:  # unreadable: as if absent
            return None
        if isinstance(duration, dt.timedelta):
            return start_value + duration
    return due_value


def _window(todo, created_day: dt.date) -> tuple[str, str, str, str]:
    """(due, window_start, precision, due_text) from DUE (or DTSTART + DURATION),
    DTSTART and frist's precision."""
    due_value, start_value = _due_of(todo), _date_of(todo, "DTSTART")
    due_text = _text(todo, "X-FRIST-DUE-TEXT")
    if due_value is None and start_value is None:
        # an undated to-do: "some time in the year it was made", open-ended but counted
        year = created_day.year
        return f"{year}-12-31", f"{year}-01-01", "year", due_text or NO_DUE_TEXT
    end = _day(due_value if due_value is not None else start_value)
    start = min(_day(start_value), end) if start_value is not None else end
    if isinstance(due_value, dt.datetime) and not due_text:
        # frist keeps days; the time of day stays in words (and on the server)
        local = due_value.astimezone() if due_value.tzinfo else due_value
        due_text = local.strftime("%Y-%m-%d %H:%M")
    precision = _text(todo, "X-FRIST-PRECISION")
    if precision not in model.PRECISIONS or (
            precision != "day" and model.window(model.period_value(end, precision))[:2] != (start, end)
            and not (precision == "quarter" and start.day == 1 and end.month - start.month == 5)):
        precision = "day"
        if start != end:  # a span that is exactly a week, month, quarter or year keeps that
            for candidate in ("week", "month", "quarter", "year"):
                if model.window(model.period_value(end, candidate))[:2] == (start, end):
                    precision = candidate
                    break
    return end.isoformat(), start.isoformat(), precision, due_text


def _status(todo, updated: str) -> tuple[str, str | None]:
    """(status, decided) from STATUS, told apart and dated by frist's properties while
    they still agree with what calendar apps see."""
    ical = _text(todo, "STATUS").upper()
    outcome = _text(todo, "X-FRIST-OUTCOME").lower()
    decided = _text(todo, "X-FRIST-DECIDED") or None
    completed = _date_of(todo, "COMPLETED")
    if ical == "COMPLETED" or (not ical and completed is not None):
        if outcome == "met" and decided and completed == completed_at(decided):
            return "met", decided
        when = completed if completed is not None else dt.datetime.fromisoformat(updated)
        return "met", model.completion_day(when).isoformat()
    if ical == "CANCELLED":
        status = outcome if outcome in ("missed", "cancelled") else "cancelled"
        if outcome == status and decided:
            return status, decided
        return status, dt.datetime.fromisoformat(updated).date().isoformat()
    return "open", None


# the dates of a to-do that become a commitment's days, as a note names them
_DATED = (("DUE", "due"), ("DTSTART", "start"), ("COMPLETED", "completed"))
_VIEW_DAYS = (("due", "due"), ("window_start", "start"), ("decided", "decided"))


def _out_of_range(todo, view: dict | None = None) -> str | None:
    """What puts a to-do outside frist's days ("due 9999-12-31"): one of its dates as the
    app wrote it, or (`view`) one of the days read from them."""
    days = [(word, _due_of(todo) if name == "DUE" else _date_of(todo, name))
            for name, word in _DATED] if view is None else [
        (word, dt.date.fromisoformat(view[name]) if view[name] else None)
        for name, word in _VIEW_DAYS]
    for word, value in days:
        day = value.date() if isinstance(value, dt.datetime) else value
        if day is not None and not model.FIRST_DAY <= day <= model.LAST_DAY:
            return f"{word} {day.isoformat()}"
    return None


def parse(text: str) -> Remote | None:
    """The to-do in a calendar object (None: it holds none, e.g. an event); MappingError
    when the text is not iCalendar or the to-do has no UID, OutOfRange when it is dated
    outside the days frist keeps."""
    try:
        return _parse(text)
    except OverflowError:  # a date-time at the end of time, moved into this time zone
        raise MappingError("a date frist cannot read") from None


def _parse(text: str) -> Remote | None:
    from icalendar import Calendar
    try:
        cal = Calendar.from_ical(text)
    except Exception as e:  # icalendar raises ValueError and others on broken text
        raise MappingError(f"not readable iCalendar ({' '.join(str(e).split())[:120]})") from None
    todos = [c for c in cal.walk("VTODO") if c.get("RECURRENCE-ID") is None]
    if not todos:
        return None
    todo = todos[0]
    uid = _text(todo, "UID").strip()
    if not uid:
        raise MappingError("a to-do without a UID")
    title = " ".join(_CONTROL.sub(" ", _text(todo, "SUMMARY")).split()) or "(untitled to-do)"
    problem = _out_of_range(todo)
    if problem:
        raise OutOfRange(uid, title, problem)
    by_frist = todo.get("X-FRIST-HISTORY") is not None
    # when it last changed: frist's exact stamp while LAST-MODIFIED still says the same
    last_modified = _date_of(todo, "LAST-MODIFIED") or _date_of(todo, "DTSTAMP")
    frist_updated = _text(todo, "X-FRIST-UPDATED")
    if frist_updated and (last_modified is None or _utc(frist_updated) == last_modified):
        updated = frist_updated
    else:
        updated = _stamp(last_modified) or "1970-01-01T00:00:00+00:00"
    created_value = _date_of(todo, "CREATED")
    created = _text(todo, "X-FRIST-CREATED") or _stamp(created_value) or updated
    due, window_start, precision, due_text = _window(
        todo, dt.datetime.fromisoformat(created).date())
    status, decided = _status(todo, updated)
    description = _lines(_text(todo, "DESCRIPTION")).strip("\n")
    history = _json_list(todo, "X-FRIST-HISTORY")
    sources = _json_list(todo, "X-FRIST-SOURCES") or []
    view = {"uid": uid, "title": title, "due": due, "precision": precision,
            "window_start": window_start, "due_text": due_text,
            "actor": " ".join(_text(todo, "X-FRIST-ACTOR").split()), "status": status,
            "decided": decided, "tags": _categories(todo), "sources": sources,
            "created": created, "history": []}
    exact = _json_object(todo, "X-FRIST-EXACT")
    for name in EXACT:
        # the exact text, unless an app has changed what it stands for since
        if isinstance(exact.get(name), str) and _shown(exact[name]) == _shown(view[name]):
            view[name] = exact[name]
    problem = _out_of_range(todo, view)  # e.g. decided from a LAST-MODIFIED in 9999
    if problem:
        raise OutOfRange(uid, title, problem)
    if history is None:  # made in a calendar app: its description is the first note
        view["history"] = [{"at": created, "event": APP_CREATED, "note": description}]
    else:
        view["history"] = history
        shown = _plain(_as_read_back(describe(view)))
        if _plain(description) != shown:  # the description was edited in a calendar app
            description = _plain(description)
            added = description[len(shown):].strip() if description.startswith(shown) else description
            view["history"] = history + [{"at": updated, "event": DESCRIPTION_EVENT,
                                          "note": added}]
    return Remote(uid, view, updated, text if _foreign(cal, todo) else None, by_frist)


def _lines(text: str) -> str:
    """Line breaks as LF: a lone CR in TEXT would break the line it is on."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _as_read_back(text: str) -> str:
    """`text` as icalendar gives back what it wrote of it: its TEXT escaping is lossy
    (a written backslash-N comes back as a line break), and a description compared
    unchanged must be compared as it travelled."""
    if "\\" not in text:   # only a backslash is read back otherwise than written
        return text
    from icalendar import Todo
    todo = Todo()
    todo.add("description", text)
    return str(Todo.from_ical(todo.to_ical())["description"])


def _plain(text: str) -> str:
    """Text as clients keep it: no spaces at line ends (some strip them), no outer blank lines."""
    return "\n".join(line.rstrip() for line in _lines(text).strip().split("\n"))


def _foreign(cal, todo) -> bool:
    """Whether the object holds anything frist does not write itself (an app's alarm,
    priority, time zone, a DUE with a time of day ...): then it is kept for write-back."""
    if len(cal.subcomponents) != 1 or todo.subcomponents:
        return True
    if any(name not in OWNED and not name.startswith(X_PREFIX) for name in todo.keys()):
        return True
    return any(isinstance(_date_of(todo, name), dt.datetime) for name in ("DUE", "DTSTART")) or (
        todo.get("DUE") is None)
