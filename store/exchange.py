"""Export commitments to other tools and import them from frist JSON, Taskwarrior or ICS.

Export formats: frist JSON (lossless: imports back unchanged apart from ids), CSV, a
Markdown list, iCalendar (one all-day VEVENT on each due date) and Taskwarrior JSON
(`task import` reads it; frist-only fields ride along as UDAs named `frist...`).

Import detects the format from the content, validates every entry before storing any
(`entry 3: 'due' is not a date: 'soon'`), skips entries whose uid the store already
holds (re-importing a file adds nothing), and stores the rest as one undo step.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store import model
from store.errors import FristError

FORMATS = ("json", "csv", "ics", "md", "taskwarrior")
MAX_IMPORT_BYTES = 256 * 1024 * 1024
PRODID = "-//frist//frist commitments//EN"
TW_DATE = "%Y%m%dT%H%M%SZ"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class ExchangeError(FristError):
    """A file that cannot be imported, or an entry in it that is bad (with its position)."""


# --------------------------------------------------------------------------- export

def sorted_by_id(items: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
    return sorted(items, key=lambda item: item[0])


def export(items: list[tuple[int, dict]], fmt: str, today: dt.date) -> bytes:
    """The commitments in `fmt`, as the bytes of a file."""
    writers = {"json": to_json, "csv": to_csv, "ics": to_ics, "md": to_markdown,
               "taskwarrior": to_taskwarrior}
    if fmt not in writers:
        raise ExchangeError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    return writers[fmt](sorted_by_id(items), today)


def to_json(items, today) -> bytes:
    return orjson.dumps([model.to_json(i, r, today) for i, r in items],
                        option=orjson.OPT_INDENT_2) + b"\n"


CSV_FIELDS = ("id", "uid", "title", "due", "precision", "window_start", "due_text", "actor",
              "status", "state", "days_left", "tags", "sentence", "document", "published",
              "created", "updated")


def _cell(value):
    """A cell a spreadsheet will not run as a formula: untrusted text (a title, a uid, a
    source's date as the file gave it) has its control characters blanked and, when it
    starts like a formula, a leading apostrophe. Numbers stay numbers."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub(" ", value)
    return "'" + text if text.lstrip()[:1] in ("=", "+", "-", "@") else text


def to_csv(items, today) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for item_id, record in items:
        source = (record.get("sources") or [{}])[0]
        row = {**model.to_json(item_id, record, today),
               "tags": "; ".join(record.get("tags", [])),
               "sentence": source.get("sentence", ""), "document": source.get("document", ""),
               "published": source.get("published", "")}
        writer.writerow([_cell(row[f]) for f in CSV_FIELDS])
    return out.getvalue().encode("utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def md_text(text: str) -> str:
    """Untrusted text made inert in Markdown: one line, no controls, specials escaped."""
    text = " ".join(_CONTROL.sub(" ", str(text)).split())
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(items, today) -> bytes:
    from store.query import sort_key
    items = sorted(items, key=sort_key)
    lines = ["# frist commitments", "",
             f"{len(items)} commitment{'s' if len(items) != 1 else ''}, as of {today.isoformat()}.",
             ""]
    if items:
        lines += ["| ID | Due | When | Title | Actor | Status |",
                  "|---:|-----|------|-------|-------|--------|"]
        for item_id, record in items:
            lines.append(f"| {item_id} | {model.due_label(record)} | "
                         f"{model.countdown(record, today)} | {md_text(record['title'])} | "
                         f"{md_text(record.get('actor', ''))} | {record['status']} |")
    sourced = [(i, r) for i, r in items if r.get("sources")]
    if sourced:
        lines += ["", "## Sources", ""]
        for item_id, record in sourced:
            for source in record["sources"]:
                said = f"“{md_text(source['sentence'])}” " if source.get("sentence") else ""
                lines.append(f"- **{item_id}** {said}— {md_text(source.get('document', ''))}"
                             f" ({md_text(source.get('published', '?'))})")
    return ("\n".join(lines) + "\n").encode("utf-8")


def describe(record: dict) -> str:
    """The human text of a calendar entry: window, status, actor and source sentences."""
    lines = [f"Due: {model.due_label(record)}"
             + (f" (window {record['window_start']} to {record['due']})"
                if record.get("window_start", record["due"]) != record["due"] else ""),
             f"Status: {record['status']}"]
    if record.get("actor"):
        lines.append(f"Actor: {record['actor']}")
    if record.get("due_text"):
        lines.append(f"Said as: {record['due_text']}")
    for source in record.get("sources", []):
        if source.get("sentence"):
            lines.append(f"Source: “{source['sentence']}”")
        if source.get("document"):
            lines.append(f"From: {source['document']} (published {source.get('published', '?')})")
    return "\n".join(_CONTROL.sub(" ", line) for line in lines)


# What frist JSON holds of a record, apart from its id and what is derived from today.
RECORD_FIELDS = tuple(f for f in model.JSON_FIELDS if f not in ("id", "state", "days_left"))


def to_ics(items, today) -> bytes:
    """One all-day VEVENT per commitment on its due date (calendar apps show VEVENTs,
    while many ignore VTODOs). What a calendar shows is in the standard properties, and
    X-FRIST-* ones say frist's fields in words; X-FRIST-RECORD holds the record as frist
    JSON, so that `frist import` gets back everything the JSON holds (sources, history,
    decisions) apart from the id.

    Written line by line rather than through icalendar's objects: 10,000 items took 4.6 s
    that way (bench/exchange_speed.py)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime(ICS_STAMP)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "X-WR-CALNAME:frist"]
    for item_id, record in items:
        due = dt.date.fromisoformat(record["due"])
        lines += ["BEGIN:VEVENT",
                  f"UID:{_ics_text(record['uid'])}",
                  f"DTSTAMP:{stamp}",
                  f"SUMMARY:{_ics_text(record['title'])}",
                  f"DTSTART;VALUE=DATE:{record['due'].replace('-', '')}",
                  f"DTEND;VALUE=DATE:{(due + dt.timedelta(days=1)).isoformat().replace('-', '')}",
                  "TRANSP:TRANSPARENT",
                  f"STATUS:{'CANCELLED' if record['status'] == 'cancelled' else 'CONFIRMED'}",
                  f"DESCRIPTION:{_ics_text(describe(record))}"]
        if record.get("tags"):
            lines.append("CATEGORIES:" + ",".join(_ics_text(t) for t in record["tags"]))
        for stamp_field, prop in (("created", "CREATED"), ("updated", "LAST-MODIFIED")):
            when = _datetime(record.get(stamp_field))
            if when:
                lines.append(f"{prop}:{when.astimezone(dt.timezone.utc).strftime(ICS_STAMP)}")
        lines += [f"X-FRIST-ID:{item_id}",
                  f"X-FRIST-STATUS:{record['status']}",
                  f"X-FRIST-PRECISION:{record.get('precision') or 'day'}",
                  f"X-FRIST-WINDOW-START:{record.get('window_start') or record['due']}"]
        if record.get("actor"):
            lines.append(f"X-FRIST-ACTOR:{_ics_text(record['actor'])}")
        if record.get("due_text"):
            lines.append(f"X-FRIST-DUE-TEXT:{_ics_text(record['due_text'])}")
        exact = model.to_json(item_id, record, today)
        lines.append("X-FRIST-RECORD:" + _ics_text(_ascii_json({k: exact[k] for k in RECORD_FIELDS})))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(_folded(line) for line in lines)


ICS_STAMP = "%Y%m%dT%H%M%SZ"
_JSON_INVISIBLE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def _ics_text(text) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped, other
    control characters (which the format cannot hold) blanked."""
    text = _CONTROL.sub(" ", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _ics_unescape(raw) -> str:
    """The text of a TEXT value as written (icalendar leaves X- properties escaped)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(raw))


def _ascii_json(value) -> str:
    """JSON on one line with every control character escaped (\\u001b): orjson escapes
    those below 0x20 only, and iCalendar text may hold none."""
    text = orjson.dumps(value).decode()
    return _JSON_INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _folded(line: str) -> bytes:
    """A content line folded at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    raw = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(raw) - start > limit:
        cut = start + limit
        while raw[cut] & 0xC0 == 0x80:   # a continuation byte: cut before its character
            cut -= 1
        parts.append(raw[start:cut])
        start, limit = cut, 74   # a continuation line starts with a space
    parts.append(raw[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def _datetime(text) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(str(text))
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo else when.astimezone()


def tw_date(when: dt.datetime | dt.date) -> str:
    """A Taskwarrior date: UTC, 'YYYYMMDDTHHMMSSZ'; a day means its local midnight, as
    `task add due:2025-11-27` stores it."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time())
    if when.tzinfo is None:
        when = when.astimezone()
    return when.astimezone(dt.timezone.utc).strftime(TW_DATE)


def tw_uuid(uid: str) -> str:
    """A Taskwarrior uuid for a frist uid: the same 128 bits when it is one, else derived."""
    try:
        return str(uuid.UUID(hex=uid))
    except (ValueError, TypeError):
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"frist:{uid}"))


def tw_tag(tag: str) -> str:
    """Taskwarrior tags are single words."""
    return re.sub(r"[\s,+\-]+", "_", tag.strip()) or "_"


TW_STATUS = {"open": "pending", "met": "completed", "missed": "deleted", "cancelled": "deleted"}


def to_taskwarrior(items, today) -> bytes:
    """Taskwarrior's import format. Met is 'completed'; missed and cancelled are 'deleted'
    (the frist status is kept in the `friststatus` UDA); sources and history notes become
    annotations, and the UDAs restore them exactly on `frist import`."""
    tasks = []
    for _item_id, record in items:
        created = _datetime(record.get("created")) or dt.datetime.now().astimezone()
        updated = _datetime(record.get("updated")) or created
        task = {"uuid": tw_uuid(record["uid"]),
                "description": _CONTROL.sub(" ", record["title"]),
                "status": TW_STATUS[record["status"]],
                "entry": tw_date(created),
                "modified": tw_date(updated),
                "due": tw_date(dt.date.fromisoformat(record["due"]))}
        if record["status"] != "open":
            task["end"] = tw_date(_decided_at(record) or updated)
        tags = record.get("tags") or []
        if tags:
            task["tags"] = sorted({tw_tag(t) for t in tags})
        notes = _annotations(record)
        if notes:
            task["annotations"] = notes
        if task["description"] != record["title"]:  # control characters were blanked
            task["fristtitle"] = record["title"]
        if str(uuid.UUID(task["uuid"]).hex) != record["uid"]:
            task["fristuid"] = record["uid"]
        task.update({"friststatus": record["status"],
                     "fristprecision": record.get("precision") or "day",
                     "fristwindowstart": record.get("window_start") or record["due"]})
        for key, name in (("actor", "fristactor"), ("due_text", "fristduetext")):
            if record.get(key):
                task[name] = record[key]
        if tags and task["tags"] != sorted(tags):
            task["fristtags"] = orjson.dumps(tags).decode()
        if record.get("sources"):
            task["fristsources"] = orjson.dumps(record["sources"]).decode()
        task["fristhistory"] = orjson.dumps(record.get("history", [])).decode()
        tasks.append(task)
    return orjson.dumps(tasks, option=orjson.OPT_INDENT_2) + b"\n"


def _decided_at(record: dict) -> dt.datetime | None:
    for ev in reversed(record.get("history", [])):
        if ev.get("event", "").startswith(f"marked {record['status']}"):
            return _datetime(ev.get("at"))
    return None


def _annotations(record: dict) -> list[dict]:
    out = []
    created = _datetime(record.get("created")) or dt.datetime.now().astimezone()
    for source in record.get("sources", []):
        text = " ".join(filter(None, [
            f"source: “{source['sentence']}”" if source.get("sentence") else "source:",
            f"— {source['document']}" if source.get("document") else "",
            f"({source['published']})" if source.get("published") else ""]))
        out.append({"entry": tw_date(created), "description": _CONTROL.sub(" ", text)})
    for ev in record.get("history", []):
        if ev.get("note"):
            when = _datetime(ev.get("at")) or created
            out.append({"entry": tw_date(when),
                        "description": _CONTROL.sub(" ", f"{ev.get('event', '')}: {ev['note']}")})
    return out


# --------------------------------------------------------------------------- import

@dataclass
class Parsed:
    """What a file holds: its format, the records to store, and entries passed over."""

    format: str  # "frist JSON", "Taskwarrior JSON" or "iCalendar"
    records: list[dict]
    skipped: list[str] = field(default_factory=list)


def read_import_file(source: str) -> tuple[str, str]:
    """(text, name) of FILE or '-' (stdin); ExchangeError for what cannot be text."""
    from store.documents import DocumentError, decode_text
    import sys
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            path = Path(source)
            if path.is_dir():
                raise ExchangeError(f"{name} is a folder, not a file")
            with path.open("rb") as fh:
                raw = fh.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ExchangeError(f"{name} does not exist") from None
    except OSError as e:
        raise ExchangeError(f"{name} cannot be read ({e.strerror or e})") from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ExchangeError(f"{name} is too large (over {MAX_IMPORT_BYTES >> 20} MB)")
    try:
        return decode_text(raw, name), name
    except DocumentError as e:
        raise ExchangeError(str(e)) from None


def parse_import(text: str, name: str, today: dt.date) -> Parsed:
    """Detect the format of `text` and turn every entry into a record; ExchangeError naming
    the first bad entry's position, so that nothing is stored from a file with one."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return _from_ics(text, name)
    if head[:1] and head[:1] in "[{":
        data = _json_entries(head, name)
        if all(isinstance(e, dict) and "title" not in e and "description" in e for e in data) \
                and data:
            return _from_taskwarrior(data)
        return _from_frist_json(data, today)
    raise ExchangeError(f"{name} is not frist JSON, Taskwarrior JSON or an iCalendar file")


def _json_entries(text: str, name: str) -> list:
    """A JSON list, or JSON lines of objects (older `task export`)."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        data = None
        lines = [line.strip().rstrip(",") for line in text.splitlines() if line.strip()]
        try:
            data = [orjson.loads(line) for line in lines]
        except orjson.JSONDecodeError:
            pass
        if data is None or not all(isinstance(e, dict) for e in data):
            raise ExchangeError(f"{name} is not valid JSON") from None
    if isinstance(data, dict):
        if "description" in data and "title" not in data:
            return [data]  # a single task
        raise ExchangeError(f"{name}: frist JSON must be a list of commitments, not one object")
    if not isinstance(data, list):
        raise ExchangeError(f"{name}: frist JSON must be a list of commitments")
    return data


def _fail(position: int, message: str):
    raise ExchangeError(f"entry {position}: {message}")


def _each(entries: list, read) -> list[dict]:
    """`read(entry, position)` for every entry; a value of a kind nobody foresaw still
    becomes a one-line entry error, never a traceback. None results are left out."""
    out = []
    for position, entry in enumerate(entries, 1):
        try:
            record = read(entry, position)
        except ExchangeError:
            raise
        except model.ModelError as e:   # a day outside the range frist accepts, say
            _fail(position, str(e))
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as e:
            _fail(position, f"cannot be read ({_one_line(e)})")
        if record is not None:
            out.append(record)
    return out


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _string(entry: dict, key: str, position: int, default: str = "") -> str:
    value = entry.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        _fail(position, f"'{key}' must be a string, not {_short(value)}")
    return value


def _string_list(entry: dict, key: str, position: int) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(position, f"'{key}' must be a list of strings, not {_short(value)}")
    return [v.strip() for v in value if v.strip()]


def _iso_day(value, key: str, position: int) -> dt.date:
    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        _fail(position, f"'{key}' is not a date: {_short(value)}")
    return _in_range(day, key, position)


def _in_range(day: dt.date, key: str, position: int) -> dt.date:
    """`day` if frist accepts it, else an entry error naming the range."""
    try:
        return model.check_day(day)
    except model.OutOfRange as e:
        _fail(position, f"'{key}': {e}")


def make_due(value, precision, window_start, due_text: str, position: int) -> model.Due:
    """A Due from an entry's `due`: a window value ("2026-04", "2026-Q1") is taken as it
    is; a day with `window_start` spans from there; a day with a coarser `precision` and
    no start means the week, month, ... that holds the day (due at its end)."""
    if not isinstance(value, str):
        _fail(position, f"'due' is not a date: {_short(value)}")
    if precision is not None and precision not in model.PRECISIONS:
        _fail(position, f"'precision' must be one of {', '.join(model.PRECISIONS)}, "
                        f"not {_short(precision)}")
    try:
        start, end, found = model.window(value)
    except model.OutOfRange as e:
        _fail(position, f"'due': {e}")
    except model.ModelError:
        _fail(position, f"'due' is not a date: {_short(value)}")
    if found != "day":
        return model.Due(end, found, start, due_text)
    precision = precision or "day"
    if window_start:
        start = _iso_day(window_start, "window_start", position)
        if start > end:
            _fail(position, f"'window_start' {window_start} is after the due date {value}")
    elif precision != "day":
        try:
            start, end, _ = model.window(model.period_value(end, precision))
        except model.OutOfRange as e:   # the last days of 2999 are in a week of 3000
            _fail(position, f"'due' {value} as a {precision}: {e}")
    return model.Due(end, precision, start, due_text)


def _sources(value, position: int, key: str = "sources") -> list[dict]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        _fail(position, f"'{key}' must be a list of objects")
    for source in value:
        for k, v in source.items():
            if not isinstance(v, str) and v is not None:
                _fail(position, f"'{key}' field '{k}' must be a string, not {_short(v)}")
    return [{k: v or "" for k, v in s.items()} for s in value]


def _history(value, position: int, key: str = "history") -> list[dict] | None:
    if value in (None, []):
        return None
    if not isinstance(value, list) or not all(
            isinstance(e, dict) and isinstance(e.get("event"), str) and isinstance(e.get("at", ""), str)
            for e in value):
        _fail(position, f"'{key}' must be a list of {{at, event, note}} objects")
    # the event's own fields are kept (a postponement's "from"/"to" dues, say)
    return [{**e, "at": e.get("at", ""), "note": str(e.get("note") or "")} for e in value]


def _stamp_text(value: str, key: str, position: int) -> str:
    """An ISO date-time kept as given ('' when absent); entry error if it is not one."""
    if value:
        try:
            when = dt.datetime.fromisoformat(value)
        except ValueError:
            _fail(position, f"'{key}' is not a date and time: {_short(value)}")
        _in_range(when.date(), key, position)
    return value


def _record(title, due: model.Due, position: int, actor="", tags=(), status="open",
            sources=(), uid=None, history=None, created=None, updated=None, note="",
            decided=None) -> dict:
    if not isinstance(title, str) or not title.strip():
        _fail(position, "'title' is missing or empty")
    created = _stamp_text(created or "", "created", position)
    updated = _stamp_text(updated or "", "updated", position)
    for event in history or []:
        _stamp_text(event["at"], "history", position)
    if status not in model.STATUSES:
        _fail(position, f"'status' must be one of {', '.join(model.STATUSES)}, "
                        f"not {_short(status)}")
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
            _fail(position, f"'decided' is not an ISO date: {_short(decided)}")
        record["decided"] = _in_range(day, "decided", position).isoformat()
    return record


def _from_frist_json(data: list, today: dt.date) -> Parsed:
    return Parsed("frist JSON", _each(data, _frist_entry))


def _frist_entry(entry, position: int) -> dict:
    if not isinstance(entry, dict):
        _fail(position, f"not an object but {_short(entry)}")
    if "due" not in entry:
        _fail(position, "'due' is missing")
    due = make_due(entry["due"], entry.get("precision"), entry.get("window_start"),
                   _string(entry, "due_text", position), position)
    return _record(
        entry.get("title"), due, position,
        actor=_string(entry, "actor", position),
        tags=_string_list(entry, "tags", position),
        status=entry.get("status") or "open",
        sources=_sources(entry.get("sources"), position),
        uid=_string(entry, "uid", position).strip(),
        history=_history(entry.get("history"), position),
        created=_string(entry, "created", position),
        updated=_string(entry, "updated", position),
        note=_string(entry, "note", position),
        decided=_string(entry, "decided", position))


def parse_tw_date(value, key: str, position: int) -> dt.datetime:
    """A Taskwarrior date ('20251127T230000Z', or ISO 8601) as an aware datetime."""
    text = str(value)
    try:
        if re.fullmatch(r"\d{8}T\d{6}Z", text):
            when = dt.datetime.strptime(text, TW_DATE).replace(tzinfo=dt.timezone.utc)
        else:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        _fail(position, f"'{key}' is not a Taskwarrior date: {_short(value)}")
    # checked before any time-zone arithmetic, which fails near the ends of Python's dates
    _in_range(when.date(), key, position)
    return when if when.tzinfo else when.astimezone()


def _uda_json(task: dict, key: str, position: int):
    if key not in task:
        return None
    try:
        return orjson.loads(task[key])
    except (orjson.JSONDecodeError, TypeError):
        _fail(position, f"'{key}' is not valid JSON")


TW_TO_STATUS = {"pending": "open", "waiting": "open", "completed": "met", "deleted": "cancelled"}


def _from_taskwarrior(data: list) -> Parsed:
    skipped = []

    def read(task: dict, position: int) -> dict | None:
        if task.get("status") == "recurring":  # a template: its instances are tasks too
            skipped.append(f"entry {position}: recurring template "
                           f"{task.get('description', '')!r}")
            return None
        if isinstance(task, dict) and not task.get("due"):  # a to-do with no deadline
            skipped.append(f"entry {position}: task {task.get('description', '')!r} "
                           "has no due date")
            return None
        return _task_entry(task, position)
    return Parsed("Taskwarrior JSON", _each(data, read), skipped)


def _task_entry(task: dict, position: int) -> dict:
    tw_status = task.get("status", "pending")
    if not isinstance(tw_status, str) or tw_status not in TW_TO_STATUS:
        _fail(position, f"unknown Taskwarrior status {_short(tw_status)}")
    title = task.get("fristtitle") or task.get("description")
    if not isinstance(title, str) or not title.strip():
        _fail(position, "'description' is missing or empty")
    due_day = parse_tw_date(task["due"], "due", position).astimezone().date()
    due = make_due(due_day.isoformat(), task.get("fristprecision"),
                   task.get("fristwindowstart"), _string(task, "fristduetext", position),
                   position)
    status = task.get("friststatus") or TW_TO_STATUS[tw_status]
    tags = _uda_json(task, "fristtags", position)
    if tags is None:
        tags = _string_list(task, "tags", position)
        if isinstance(task.get("project"), str) and task["project"].strip():
            tags.append(task["project"].strip())
    elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        _fail(position, "'fristtags' must be a JSON list of strings")
    uid = _string(task, "fristuid", position).strip()
    if not uid and task.get("uuid"):
        try:
            uid = uuid.UUID(str(task["uuid"])).hex
        except ValueError:
            _fail(position, f"'uuid' is not a UUID: {_short(task['uuid'])}")
    created = (parse_tw_date(task["entry"], "entry", position).astimezone()
               .isoformat(timespec="seconds") if task.get("entry") else None)
    updated = (parse_tw_date(task["modified"], "modified", position).astimezone()
               .isoformat(timespec="seconds") if task.get("modified") else None)
    history = _history(_uda_json(task, "fristhistory", position), position, "fristhistory")
    if history is None:
        history = _tw_history(task, created, position)
    return _record(
        title, due, position, actor=_string(task, "fristactor", position), tags=tags,
        status=status, sources=_sources(_uda_json(task, "fristsources", position), position,
                                        "fristsources"),
        uid=uid, history=history, created=created, updated=updated,
        note="imported from Taskwarrior")


def _tw_history(task: dict, created: str | None, position: int) -> list[dict] | None:
    """Taskwarrior annotations as history notes, after a 'created' event."""
    notes = task.get("annotations") or []
    if not isinstance(notes, list):
        _fail(position, "'annotations' must be a list")
    if not notes:
        return None
    history = [{"at": created or model.now_stamp(), "event": "created",
                "note": "imported from Taskwarrior"}]
    for note in notes:
        if not isinstance(note, dict) or not isinstance(note.get("description"), str):
            _fail(position, "an annotation has no 'description'")
        at = (parse_tw_date(note["entry"], "annotations", position).astimezone()
              .isoformat(timespec="seconds") if note.get("entry") else history[0]["at"])
        history.append({"at": at, "event": "annotated", "note": note["description"]})
    return history


def _ics_value(comp, key: str, position: int):
    """The date or datetime of property `key` (a broken value is kept as text by icalendar)."""
    value = comp.decoded(key)
    if not isinstance(value, dt.date):
        _fail(position, f"{comp.name} {key} is not a date: {_short(str(comp.get(key)))}")
    return value


def _ics_day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone().date() if value.tzinfo else value.date()
    return value


def _ics_end_day(value) -> dt.date:
    """The last day an exclusive DTEND covers: all-day ends the day before; a time at
    midnight too."""
    if isinstance(value, dt.datetime):
        local = value.astimezone() if value.tzinfo else value
        return local.date() - dt.timedelta(days=1) if local.time() == dt.time() else local.date()
    return value - dt.timedelta(days=1)


def _from_ics(text: str, name: str) -> Parsed:
    """The VEVENTs and VTODOs of a calendar. An event frist wrote (X-FRIST-RECORD, all-day
    dates) is read from its own lines; any other entry by icalendar, which knows time
    zones and the rest of the format but takes ~2 ms per event of frist's."""
    if not text.rstrip().upper().endswith("END:VCALENDAR"):
        raise ExchangeError(f"{name} is not a complete iCalendar file (no END:VCALENDAR)")
    entries = [c for c in _components(text, name) if c.name in ("VEVENT", "VTODO")]
    own = [_own_dates(c) for c in entries]
    foreign = _icalendar_entries(text, name) if None in own else []
    if None in own and len(foreign) != len(entries):   # read apart: trust icalendar alone
        own, entries = [None] * len(foreign), foreign
    records, skipped = [], []
    for position, comp in enumerate(entries, 1):
        if own[position - 1] is None:
            comp = foreign[position - 1]
        try:
            if own[position - 1] is not None:
                start, end = own[position - 1]
                records.append(_from_record(comp.raw("X-FRIST-RECORD"),
                                            _ics_unescape(comp.raw("SUMMARY")), start, end,
                                            position))
            elif comp.name == "VTODO" and comp.get("DUE") is None:
                # an undated to-do is common in calendars and is no deadline: leave it out
                title = " ".join(str(comp.get("SUMMARY", "")).split())
                skipped.append(f"entry {position}: VTODO {title!r} has no due date")
            else:
                records.append(_ics_record(comp, position, name))
        except ExchangeError:
            raise
        except model.ModelError as e:   # a day outside the range frist accepts
            _fail(position, str(e))
        except Exception as e:  # a malformed property value
            _fail(position, f"{comp.name} cannot be read ({_one_line(e)})")
    return Parsed("iCalendar", records, skipped)


def _icalendar_entries(text: str, name: str) -> list:
    from icalendar import Calendar
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception as e:  # icalendar raises ValueError and others on broken files
        raise ExchangeError(f"{name} is not a readable iCalendar file ({_one_line(e)})") from None
    return [c for cal in calendars for c in cal.walk() if c.name in ("VEVENT", "VTODO")]


@dataclass
class _Lines:
    """A component as its content lines say it: unfolded, values still escaped."""

    name: str
    props: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # NAME: [(params, value)]

    def raw(self, key: str) -> str:
        return self.props.get(key, [("", "")])[0][1]


# NAME;PARAM=a;PARAM="quoted: value":value
_CONTENT_LINE = re.compile(r'([A-Za-z0-9-]+)((?:;(?:[^";:]|"[^"]*")*)*):(.*)', re.S)


def _components(text: str, name: str) -> list[_Lines]:
    """Every component in document order, its properties read from its content lines;
    ExchangeError naming the line of a BEGIN without its END (or an END without its
    BEGIN): icalendar drops such a calendar's events without a word."""
    found, open_ = [], []   # open_: (component, its BEGIN's line number) not yet ended
    number, last = 0, ""    # last: the property a folded continuation belongs to
    for chunk in re.split(r"\r\n|\n|\r", text):
        number += 1
        if chunk[:1] in (" ", "\t"):   # a folded line's continuation
            if open_ and open_[-1][0].props.get(last):
                params, value = open_[-1][0].props[last][-1]
                open_[-1][0].props[last][-1] = (params, value + chunk[1:])
            continue
        match = _CONTENT_LINE.match(chunk)
        if not match:
            continue
        key, params, value = match[1].upper(), match[2], match[3]
        last = key
        if key == "BEGIN":
            component = _Lines(value.strip().upper()[:40])
            found.append(component)
            open_.append((component, number))
        elif key == "END":
            ended = value.strip().upper()[:40]
            if not open_:
                raise ExchangeError(f"{name} line {number}: END:{ended} without a BEGIN")
            begun, at = open_.pop()
            if begun.name != ended:
                raise ExchangeError(f"{name} line {at}: BEGIN:{begun.name} has no "
                                    f"END:{begun.name} (line {number} ends {ended} instead)")
        elif open_:
            open_[-1][0].props.setdefault(key, []).append((params, value))
    if open_:
        begun, at = open_[-1]
        raise ExchangeError(f"{name} line {at}: BEGIN:{begun.name} has no END:{begun.name}")
    return found


def _own_dates(comp: _Lines) -> tuple[dt.date, dt.date] | None:
    """(first, last day) of an event as frist writes it (X-FRIST-RECORD, all-day DTSTART
    and DTEND); None for anything else, which icalendar reads."""
    if comp.name != "VEVENT" or "X-FRIST-RECORD" not in comp.props:
        return None
    days = []
    for key in ("DTSTART", "DTEND"):
        params, value = comp.props.get(key, [("", "")])[0]
        if "VALUE=DATE" not in params.upper() or not re.fullmatch(r"\d{8}", value.strip()):
            return None
        try:
            days.append(dt.date(int(value[:4]), int(value[4:6]), int(value[6:8])))
        except ValueError:
            return None
    start, end = days[0], days[1] - dt.timedelta(days=1)
    return start, max(start, end)


def _from_record(raw: str, summary: str, start: dt.date, end: dt.date, position: int) -> dict:
    """The record frist wrote into X-FRIST-RECORD, checked like frist JSON; a title or a
    day changed in a calendar app (SUMMARY, DTSTART/DTEND) wins over what it holds."""
    try:
        data = orjson.loads(_ics_unescape(raw))
    except orjson.JSONDecodeError:
        _fail(position, "X-FRIST-RECORD is not valid JSON")
    if not isinstance(data, dict):
        _fail(position, f"X-FRIST-RECORD is not a JSON object but {_short(data)}")
    edited = {}
    written = " ".join(_CONTROL.sub(" ", str(data.get("title", ""))).split())
    if summary.strip() and " ".join(summary.split()) != written:
        edited["title"] = summary
    if data.get("due") != end.isoformat() or start != end:
        precision, window_start = _span_precision(start, end)
        edited.update(due=end.isoformat(), precision=precision, window_start=window_start)
    return _frist_entry({**data, **edited}, position)


def _span_precision(start: dt.date, end: dt.date) -> tuple[str | None, str | None]:
    """(precision, window_start) of an event from `start` to `end`: a span that is exactly
    a week, month, quarter or year keeps that precision; any other span is a window."""
    if start == end:
        return None, None
    for candidate in ("week", "month", "quarter", "year"):
        if model.window(model.period_value(end, candidate))[:2] == (start, end):
            return candidate, None
    return None, start.isoformat()


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text if len(text) <= 120 else text[:117] + "..."


def _ics_record(comp, position: int, name: str) -> dict:
    title = str(comp.get("SUMMARY", "")).strip()
    kind = comp.name
    if not title:
        _fail(position, f"{kind} has no SUMMARY (title)")
    if kind == "VTODO":
        end = _ics_day(_ics_value(comp, "DUE", position))
        has_start = comp.get("DTSTART") is not None
        start = min(_ics_day(_ics_value(comp, "DTSTART", position)), end) if has_start else end
    else:
        if comp.get("DTSTART") is None:
            _fail(position, f"VEVENT {title!r} has no DTSTART date")
        start = _ics_day(_ics_value(comp, "DTSTART", position))
        end = _ics_end_day(_ics_value(comp, "DTEND", position)) if comp.get("DTEND") is not None else start
        end = max(start, end)
    if comp.get("X-FRIST-RECORD") is not None and kind == "VEVENT":   # moved to a time of day
        return _from_record(str(comp["X-FRIST-RECORD"]), title, start, end, position)
    precision = str(comp.get("X-FRIST-PRECISION", "")) or None
    window_start = str(comp.get("X-FRIST-WINDOW-START", "")) or None
    if precision is None:
        precision, window_start = _span_precision(start, end)
    due = make_due(end.isoformat(), precision, window_start,
                   _ics_unescape(comp.get("X-FRIST-DUE-TEXT", "")), position)
    status = str(comp.get("X-FRIST-STATUS", "")).lower()
    if not status:
        ical_status = str(comp.get("STATUS", "")).upper()
        status = {"COMPLETED": "met", "CANCELLED": "cancelled"}.get(ical_status, "open")
    tags = []
    categories = comp.get("CATEGORIES")
    for prop in categories if isinstance(categories, list) else [categories] * bool(categories):
        tags += [str(c).strip() for c in getattr(prop, "cats", [prop]) if str(c).strip()]
    created = comp.decoded("CREATED") if comp.get("CREATED") is not None else None
    updated = comp.decoded("LAST-MODIFIED") if comp.get("LAST-MODIFIED") is not None else None
    frist_made = comp.get("X-FRIST-STATUS") is not None
    note = "" if frist_made else f"imported from {Path(name).name}"
    description = " ".join(str(comp.get("DESCRIPTION", "")).split())
    if description and not frist_made:
        note += f": {description[:500]}"
    return _record(title, due, position, actor=_ics_unescape(comp.get("X-FRIST-ACTOR", "")), tags=tags,
                   status=status, uid=str(comp.get("UID", "")).strip() or None,
                   created=_stamp(created), updated=_stamp(updated), note=note)


def _stamp(value) -> str | None:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.astimezone()).astimezone().isoformat(
            timespec="seconds")
    return None


def import_into(store, parsed: Parsed) -> tuple[list[int], int]:
    """Store what `parsed` holds as one undo step: (new ids, entries already present)."""
    with store.transaction():
        known = {record.get("uid") for _id, record in store.all()}
        fresh, seen = [], set()
        for record in parsed.records:
            if record["uid"] in known or record["uid"] in seen:
                continue
            seen.add(record["uid"])
            fresh.append(record)
        ids = store.add_many(fresh, label="import") if fresh else []
    return ids, len(parsed.records) - len(fresh)
