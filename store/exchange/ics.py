"""iCalendar: one all-day VEVENT per commitment on its due date; reading frist's own
events back exactly (X-FRIST-RECORD) and any other calendar's VEVENTs and VTODOs."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store import model
from store.exchange.entries import (CONTROL, ExchangeError, Parsed, fail, one_line, one_uid_once,
                                    parse_stamp, short)
from store.model import Commitment, Due


PRODID = "-//frist//frist commitments//EN"


def describe(commitment: Commitment) -> str:
    """The human text of a calendar entry: window, status, actor and source sentences."""
    c = commitment
    lines = [f"Due: {c.due_label()}"
             + (f" (window {c.window_start} to {c.due})" if c.window_start != c.due else ""),
             f"Status: {c.status}"]
    if c.actor:
        lines.append(f"Actor: {c.actor}")
    if c.due_text:
        lines.append(f"Said as: {c.due_text}")
    for source in c.sources:
        if source.sentence:
            lines.append(f"Source: “{source.sentence}”")
        if source.document:
            lines.append(f"From: {source.document} (published {source.published})")
    return "\n".join(CONTROL.sub(" ", line) for line in lines)


# What frist JSON holds of a record, apart from its id and what is derived from today.
RECORD_FIELDS = tuple(f for f in model.JSON_FIELDS if f not in ("id", "state", "days_left"))


def write(items, today) -> bytes:
    """One all-day VEVENT per commitment on its due date (calendar apps show VEVENTs,
    while many ignore VTODOs). What a calendar shows is in the standard properties, and
    X-FRIST-* ones say frist's fields in words; X-FRIST-RECORD holds the record as frist
    JSON, so that `frist import` gets back everything the JSON holds (sources, history,
    decisions) apart from the id.

    Written line by line rather than through icalendar's objects: 10,000 items took 4.6 s
    that way (bench/exchange_speed.py)."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime(ICS_STAMP)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "X-WR-CALNAME:frist"]
    for item_id, c in items:
        due = dt.date.fromisoformat(c.due)
        lines += ["BEGIN:VEVENT",
                  f"UID:{_ics_text(c.uid)}",
                  f"DTSTAMP:{stamp}",
                  f"SUMMARY:{_ics_text(c.title)}",
                  f"DTSTART;VALUE=DATE:{c.due.replace('-', '')}",
                  f"DTEND;VALUE=DATE:{(due + dt.timedelta(days=1)).isoformat().replace('-', '')}",
                  "TRANSP:TRANSPARENT",
                  f"STATUS:{'CANCELLED' if c.status == 'cancelled' else 'CONFIRMED'}",
                  f"DESCRIPTION:{_ics_text(describe(c))}"]
        if c.tags:
            lines.append("CATEGORIES:" + ",".join(_ics_text(t) for t in c.tags))
        for stamp_text, prop in ((c.created, "CREATED"), (c.updated, "LAST-MODIFIED")):
            when = parse_stamp(stamp_text)
            if when:
                lines.append(f"{prop}:{when.astimezone(dt.timezone.utc).strftime(ICS_STAMP)}")
        lines += [f"X-FRIST-ID:{item_id}",
                  f"X-FRIST-STATUS:{c.status}",
                  f"X-FRIST-PRECISION:{c.precision}",
                  f"X-FRIST-WINDOW-START:{c.window_start}"]
        if c.actor:
            lines.append(f"X-FRIST-ACTOR:{_ics_text(c.actor)}")
        if c.due_text:
            lines.append(f"X-FRIST-DUE-TEXT:{_ics_text(c.due_text)}")
        exact = c.to_json(item_id, today)
        lines.append("X-FRIST-RECORD:" + _ics_text(_ascii_json({k: exact[k] for k in RECORD_FIELDS})))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return b"".join(_folded(line) for line in lines)


ICS_STAMP = "%Y%m%dT%H%M%SZ"


_JSON_INVISIBLE = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def _ics_text(text) -> str:
    """An iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped, other
    control characters (which the format cannot hold) blanked."""
    text = CONTROL.sub(" ", str(text).replace("\r\n", "\n").replace("\r", "\n"))
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


def _ics_value(comp, key: str, position: int):
    """The date or datetime of property `key` (a broken value is kept as text by icalendar)."""
    value = comp.decoded(key)
    if not isinstance(value, dt.date):
        fail(position, f"{comp.name} {key} is not a date: {short(str(comp.get(key)))}")
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


def read(text: str, name: str) -> Parsed:
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
    records, skipped, uids = [], [], {}
    for position, comp in enumerate(entries, 1):
        made = len(records)
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
            fail(position, str(e))
        except Exception as e:  # a malformed property value
            fail(position, f"{comp.name} cannot be read ({one_line(e)})")
        if len(records) > made:   # this entry became a record
            one_uid_once(records[-1].uid, position, uids)
    return Parsed("iCalendar", records, skipped)


def _icalendar_entries(text: str, name: str) -> list:
    from icalendar import Calendar
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except Exception as e:  # icalendar raises ValueError and others on broken files
        raise ExchangeError(f"{name} is not a readable iCalendar file ({one_line(e)})") from None
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


def _from_record(raw: str, summary: str, start: dt.date, end: dt.date,
                 position: int) -> Commitment:
    """The record frist wrote into X-FRIST-RECORD, checked like frist JSON; a title or a
    day changed in a calendar app (SUMMARY, DTSTART/DTEND) wins over what it holds."""
    try:
        data = orjson.loads(_ics_unescape(raw))
    except orjson.JSONDecodeError:
        fail(position, "X-FRIST-RECORD is not valid JSON")
    if not isinstance(data, dict):
        fail(position, f"X-FRIST-RECORD is not a JSON object but {short(data)}")
    edited = {}
    written = " ".join(CONTROL.sub(" ", str(data.get("title", ""))).split())
    if summary.strip() and " ".join(summary.split()) != written:
        edited["title"] = summary
    if data.get("due") != end.isoformat() or start != end:
        precision, window_start = _span_precision(start, end)
        edited.update(due=end.isoformat(), precision=precision, window_start=window_start)
    return Commitment.from_json({**data, **edited})


def _span_precision(start: dt.date, end: dt.date) -> tuple[str | None, str | None]:
    """(precision, window_start) of an event from `start` to `end`: a span that is exactly
    a week, month, quarter or year keeps that precision; any other span is a window."""
    if start == end:
        return None, None
    for candidate in ("week", "month", "quarter", "year"):
        if model.window(model.period_value(end, candidate))[:2] == (start, end):
            return candidate, None
    return None, start.isoformat()


def _ics_record(comp, position: int, name: str) -> Commitment:
    title = str(comp.get("SUMMARY", "")).strip()
    kind = comp.name
    if not title:
        fail(position, f"{kind} has no SUMMARY (title)")
    if kind == "VTODO":
        end = _ics_day(_ics_value(comp, "DUE", position))
        has_start = comp.get("DTSTART") is not None
        start = min(_ics_day(_ics_value(comp, "DTSTART", position)), end) if has_start else end
    else:
        if comp.get("DTSTART") is None:
            fail(position, f"VEVENT {title!r} has no DTSTART date")
        start = _ics_day(_ics_value(comp, "DTSTART", position))
        end = _ics_end_day(_ics_value(comp, "DTEND", position)) if comp.get("DTEND") is not None else start
        end = max(start, end)
    if comp.get("X-FRIST-RECORD") is not None and kind == "VEVENT":   # moved to a time of day
        return _from_record(str(comp["X-FRIST-RECORD"]), title, start, end, position)
    precision = str(comp.get("X-FRIST-PRECISION", "")) or None
    window_start = str(comp.get("X-FRIST-WINDOW-START", "")) or None
    if precision is None:
        precision, window_start = _span_precision(start, end)
    due = Due.read(end.isoformat(), precision, window_start,
                   _ics_unescape(comp.get("X-FRIST-DUE-TEXT", "")))
    status = str(comp.get("X-FRIST-STATUS", "")).lower()
    completed = comp.decoded("COMPLETED") if comp.get("COMPLETED") is not None else None
    completed = completed if isinstance(completed, dt.date) else None   # unreadable: not said
    if not status:
        ical_status = str(comp.get("STATUS", "")).upper()
        status = {"COMPLETED": "met", "CANCELLED": "cancelled"}.get(ical_status, "open")
        if not ical_status and completed is not None:   # done, as a calendar app reads it
            status = "met"
    # met on the day it was completed (else on the day it was last changed)
    decided = (model.completion_day(completed, model.now().date())
               if status == "met" and completed is not None else None)
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
    return Commitment.new(title, due, actor=_ics_unescape(comp.get("X-FRIST-ACTOR", "")), tags=tags,
                          status=status, uid=str(comp.get("UID", "")).strip() or None,
                          created=_stamp(created), updated=_stamp(updated), note=note,
                          decided=decided)


def _stamp(value) -> str | None:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.astimezone()).astimezone().isoformat(
            timespec="seconds")
    return None
