"""Taskwarrior's JSON: what `task import` accepts and `task export` writes. frist-only fields
ride along as UDAs named `frist...`, so a frist file comes back exactly."""
from __future__ import annotations

import datetime as dt
import re
import uuid

import orjson

from store import model
from store.exchange.entries import (CONTROL, Parsed, build_record, each_entry, fail,
                                    history_list, in_range, make_due, parse_stamp, short,
                                    source_list, string_field, string_list)


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


def write(items, today) -> bytes:
    """Taskwarrior's import format. Met is 'completed'; missed and cancelled are 'deleted'
    (the frist status is kept in the `friststatus` UDA); sources and history notes become
    annotations, and the UDAs restore them exactly on `frist import`."""
    tasks = []
    for _item_id, record in items:
        created = parse_stamp(record.get("created")) or dt.datetime.now().astimezone()
        updated = parse_stamp(record.get("updated")) or created
        task = {"uuid": tw_uuid(record["uid"]),
                "description": CONTROL.sub(" ", record["title"]),
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
        for key, name in (("actor", "fristactor"), ("due_text", "fristduetext"),
                          ("decided", "fristdecided")):
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
            return parse_stamp(ev.get("at"))
    return None


def _annotations(record: dict) -> list[dict]:
    out = []
    created = parse_stamp(record.get("created")) or dt.datetime.now().astimezone()
    for source in record.get("sources", []):
        text = " ".join(filter(None, [
            f"source: “{source['sentence']}”" if source.get("sentence") else "source:",
            f"— {source['document']}" if source.get("document") else "",
            f"({source['published']})" if source.get("published") else ""]))
        out.append({"entry": tw_date(created), "description": CONTROL.sub(" ", text)})
    for ev in record.get("history", []):
        if ev.get("note"):
            when = parse_stamp(ev.get("at")) or created
            out.append({"entry": tw_date(when),
                        "description": CONTROL.sub(" ", f"{ev.get('event', '')}: {ev['note']}")})
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
    return Parsed("Taskwarrior JSON", each_entry(data, read), skipped)


def _task_entry(task: dict, position: int) -> dict:
    tw_status = task.get("status", "pending")
    if not isinstance(tw_status, str) or tw_status not in TW_TO_STATUS:
        fail(position, f"unknown Taskwarrior status {short(tw_status)}")
    title = task.get("fristtitle") or task.get("description")
    if not isinstance(title, str) or not title.strip():
        fail(position, "'description' is missing or empty")
    due_day = parse_tw_date(task["due"], "due", position).astimezone().date()
    due = make_due(due_day.isoformat(), task.get("fristprecision"),
                   task.get("fristwindowstart"), string_field(task, "fristduetext", position),
                   position)
    status = task.get("friststatus") or TW_TO_STATUS[tw_status]
    tags = _uda_json(task, "fristtags", position)
    if tags is None:
        tags = string_list(task, "tags", position)
        if isinstance(task.get("project"), str) and task["project"].strip():
            tags.append(task["project"].strip())
    elif not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        fail(position, "'fristtags' must be a JSON list of strings")
    uid = string_field(task, "fristuid", position).strip()
    if not uid and task.get("uuid"):
        try:
            uid = uuid.UUID(str(task["uuid"])).hex
        except ValueError:
            fail(position, f"'uuid' is not a UUID: {short(task['uuid'])}")
    created = (parse_tw_date(task["entry"], "entry", position).astimezone()
               .isoformat(timespec="seconds") if task.get("entry") else None)
    updated = (parse_tw_date(task["modified"], "modified", position).astimezone()
               .isoformat(timespec="seconds") if task.get("modified") else None)
    decided = string_field(task, "fristdecided", position) or None
    history = history_list(_uda_json(task, "fristhistory", position), position, "fristhistory")
    if history is None:
        history = _tw_history(task, created, position)
    return build_record(
        title, due, position, actor=string_field(task, "fristactor", position), tags=tags,
        status=status, sources=source_list(_uda_json(task, "fristsources", position), position,
                                        "fristsources"),
        uid=uid, history=history, created=created, updated=updated,
        note="imported from Taskwarrior", decided=decided)


def _tw_history(task: dict, created: str | None, position: int) -> list[dict] | None:
    """Taskwarrior annotations as history notes, after a 'created' event."""
    notes = task.get("annotations") or []
    if not isinstance(notes, list):
        fail(position, "'annotations' must be a list")
    if not notes:
        return None
    history = [{"at": created or model.now_stamp(), "event": "created",
                "note": "imported from Taskwarrior"}]
    for note in notes:
        if not isinstance(note, dict) or not isinstance(note.get("description"), str):
            fail(position, "an annotation has no 'description'")
        at = (parse_tw_date(note["entry"], "annotations", position).astimezone()
              .isoformat(timespec="seconds") if note.get("entry") else history[0]["at"])
        history.append({"at": at, "event": "annotated", "note": note["description"]})
    return history
