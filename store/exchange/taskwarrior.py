"""Taskwarrior's JSON: what `task import` accepts and `task export` writes. frist-only fields
ride along as UDAs named `frist...`, so a frist file comes back exactly."""
from __future__ import annotations

import datetime as dt
import re
import uuid

import orjson

from store import model
from store.exchange.entries import CONTROL, Parsed, each_entry, fail, in_range, parse_stamp, short
from store.model import Commitment, Due, Event, read_events, read_sources, text_field, text_list


TW_DATE = "%Y%m%dT%H%M%SZ"


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


# Taskwarrior (2.6) cannot read a date before 1 Jan 1980 00:00 UTC in any field: `task
# import` fails or crashes on it (tried: 19791231T235959Z does, 19800101T000000Z does not).
TW_FIRST = "19800101T000000Z"
UNREADABLE = "Taskwarrior cannot read dates before 1 Jan 1980 (UTC)"


def unreadable(items) -> list[int]:
    """The ids of the items whose task would hold a date `task import` cannot read."""
    return [item_id for item_id, c in items if _oldest_date(*_dated(c)) < TW_FIRST]


def _oldest_date(dates: dict, notes: list[dict]) -> str:
    return min(list(dates.values()) + [note["entry"] for note in notes])


def _dated(c: Commitment) -> tuple[dict, list[dict]]:
    """A task's date fields (entry, modified, due, and end when decided) and its
    annotations, which carry dates too: all `unreadable` needs to read."""
    created = parse_stamp(c.created) or dt.datetime.now().astimezone()
    updated = parse_stamp(c.updated) or created
    dates = {"entry": tw_date(created), "modified": tw_date(updated),
             "due": tw_date(dt.date.fromisoformat(c.due))}
    if c.status != "open":
        dates["end"] = tw_date(_decided_at(c) or updated)
    return dates, _annotations(c)


def write(items, today) -> bytes:
    """Taskwarrior's import format. Met is 'completed'; missed and cancelled are 'deleted'
    (the frist status is kept in the `friststatus` UDA); sources and history notes become
    annotations, and the UDAs restore them exactly on `frist import`."""
    tasks = [_task(c) for _item_id, c in items]
    return orjson.dumps(tasks, option=orjson.OPT_INDENT_2) + b"\n"


def _task(c: Commitment) -> dict:
    dates, notes = _dated(c)
    task = {"uuid": tw_uuid(c.uid),
            "description": CONTROL.sub(" ", c.title),
            "status": TW_STATUS[c.status], **dates}
    tags = list(c.tags)
    if tags:
        task["tags"] = sorted({tw_tag(t) for t in tags})
    if notes:
        task["annotations"] = notes
    if task["description"] != c.title:  # control characters were blanked
        task["fristtitle"] = c.title
    if str(uuid.UUID(task["uuid"]).hex) != c.uid:
        task["fristuid"] = c.uid
    task.update({"friststatus": c.status, "fristprecision": c.precision,
                 "fristwindowstart": c.window_start})
    for value, name in ((c.actor, "fristactor"), (c.due_text, "fristduetext"),
                        (c.decided, "fristdecided")):
        if value:
            task[name] = value
    if tags and task["tags"] != sorted(tags):
        task["fristtags"] = orjson.dumps(tags).decode()
    if c.sources:
        task["fristsources"] = orjson.dumps(c.doc["sources"]).decode()
    task["fristhistory"] = orjson.dumps(c.doc["history"]).decode()
    return task


def _decided_at(c: Commitment) -> dt.datetime | None:
    for ev in reversed(c.history):
        if ev.event.startswith(f"marked {c.status}"):
            return parse_stamp(ev.at)
    return None


def _annotations(c: Commitment) -> list[dict]:
    out = []
    created = parse_stamp(c.created) or dt.datetime.now().astimezone()
    for source in c.sources:
        text = " ".join(filter(None, [
            f"source: “{source.sentence}”" if source.sentence else "source:",
            f"— {source.document}" if source.document else "",
            f"({source.published})" if source.published else ""]))
        out.append({"entry": tw_date(created), "description": CONTROL.sub(" ", text)})
    for ev in c.history:
        if ev.note:
            when = parse_stamp(ev.at) or created
            out.append({"entry": tw_date(when),
                        "description": CONTROL.sub(" ", f"{ev.event}: {ev.note}")})
    return out


def parse_tw_date(value, key: str, position: int) -> dt.datetime:
    """A Taskwarrior date ('20251127T230000Z', or ISO 8601) as an aware datetime."""
    text = str(value)
    try:
        if re.fullmatch(r"\d{8}T\d{6}Z", text):
            when = dt.datetime.strptime(text, TW_DATE).replace(tzinfo=dt.timezone.utc)
        else:
            when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(position, f"'{key}' is not a Taskwarrior date: {short(value)}")
    # Checked before any time-zone arithmetic, which fails near the ends of Python's
    # dates; with a day to spare, as frist writes a local day (its midnight) in UTC,
    # which for 31 Dec 2999 west of Greenwich is 1 Jan 3000. The local day (a due) is
    # checked when it is made into one.
    if not model.FIRST_DAY - ONE_DAY <= when.date() <= model.LAST_DAY + ONE_DAY:
        in_range(when.date(), key, position)
    return when if when.tzinfo else when.astimezone()


ONE_DAY = dt.timedelta(days=1)


def _uda_json(task: dict, key: str, position: int):
    if key not in task:
        return None
    try:
        return orjson.loads(task[key])
    except (orjson.JSONDecodeError, TypeError):
        fail(position, f"'{key}' is not valid JSON")


TW_TO_STATUS = {"pending": "open", "waiting": "open", "completed": "met", "deleted": "cancelled"}


def read(data: list) -> Parsed:
    skipped = []

    def read(task: dict, position: int) -> Commitment | None:
        if task.get("status") == "recurring":  # a template: its instances are tasks too
            skipped.append(f"entry {position}: recurring template "
                           f"{task.get('description', '')!r}")
            return None
        if isinstance(task, dict) and not task.get("due"):  # a to-do with no deadline
            skipped.append(f"entry {position}: task {task.get('description', '')!r} "
                           "has no due date")
            return None
        return _task_entry(task, position)
    return Parsed("Taskwarrior JSON", each_entry(data, read), skipped)


def _task_entry(task: dict, position: int) -> Commitment:
    tw_status = task.get("status", "pending")
    if not isinstance(tw_status, str) or tw_status not in TW_TO_STATUS:
        fail(position, f"unknown Taskwarrior status {short(tw_status)}")
    title = task.get("fristtitle") or task.get("description")
    if not isinstance(title, str) or not title.strip():
        fail(position, "'description' is missing or empty")
    due_day = parse_tw_date(task["due"], "due", position).astimezone().date()
    due = Due.read(due_day.isoformat(), task.get("fristprecision"),
                   task.get("fristwindowstart"), text_field(task, "fristduetext"))
    status = task.get("friststatus") or TW_TO_STATUS[tw_status]
    tags = _uda_json(task, "fristtags", position)
    if tags is None:
        tags = text_list(task, "tags")
        if isinstance(task.get("project"), str) and task["project"].strip():
            tags.append(task["project"].strip())
    elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail(position, "'fristtags' must be a JSON list of strings")
    uid = text_field(task, "fristuid").strip()
    if not uid and task.get("uuid"):
        try:
            uid = uuid.UUID(str(task["uuid"])).hex
        except ValueError:
            fail(position, f"'uuid' is not a UUID: {short(task['uuid'])}")
    created = (parse_tw_date(task["entry"], "entry", position).astimezone()
               .isoformat(timespec="seconds") if task.get("entry") else None)
    updated = (parse_tw_date(task["modified"], "modified", position).astimezone()
               .isoformat(timespec="seconds") if task.get("modified") else None)
    history = read_events(_uda_json(task, "fristhistory", position), "fristhistory")
    if history is None:
        history = _tw_history(task, created, position)
    # decided: frist's own day, else the day Taskwarrior ended the task (completed or
    # deleted), else (Commitment.new) the day it was last modified
    decided = text_field(task, "fristdecided") or None
    if decided is None and status != "open" and task.get("end"):
        decided = model.completion_day(parse_tw_date(task["end"], "end", position),
                                       model.now().date())
    return Commitment.new(
        title, due, actor=text_field(task, "fristactor"), tags=tags, status=status,
        sources=read_sources(_uda_json(task, "fristsources", position), "fristsources"),
        uid=uid or None, history=history, created=created, updated=updated,
        note="imported from Taskwarrior", decided=decided)


def _tw_history(task: dict, created: str | None, position: int) -> list[Event] | None:
    """Taskwarrior annotations as history notes, after a 'created' event."""
    notes = task.get("annotations") or []
    if not isinstance(notes, list):
        fail(position, "'annotations' must be a list")
    if not notes:
        return None
    history = [Event(created or model.now_stamp(), "created", "imported from Taskwarrior")]
    for note in notes:
        if not isinstance(note, dict) or not isinstance(note.get("description"), str):
            fail(position, "an annotation has no 'description'")
        at = (parse_tw_date(note["entry"], "annotations", position).astimezone()
              .isoformat(timespec="seconds") if note.get("entry") else history[0].at)
        history.append(Event(at, "annotated", note["description"]))
    return history
