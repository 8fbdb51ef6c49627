"""frist JSON: lossless, the commitments as `frist list --json` shows them; imports back
unchanged apart from ids."""
from __future__ import annotations

import orjson

from store import model
from store.exchange.entries import (Parsed, build_record, each_entry, fail, history_list,
                                    make_due, short, source_list, string_field, string_list)


def write(items, today) -> bytes:
    return orjson.dumps([model.to_json(i, r, today) for i, r in items],
                        option=orjson.OPT_INDENT_2) + b"\n"


def read(data: list) -> Parsed:
    """The commitments of a frist JSON list (parsed), each checked."""
    return Parsed("frist JSON", each_entry(data, frist_entry))


def frist_entry(entry, position: int) -> dict:
    if not isinstance(entry, dict):
        fail(position, f"not an object but {short(entry)}")
    if "due" not in entry:
        fail(position, "'due' is missing")
    due = make_due(entry["due"], entry.get("precision"), entry.get("window_start"),
                   string_field(entry, "due_text", position), position)
    return build_record(
        entry.get("title"), due, position,
        actor=string_field(entry, "actor", position),
        tags=string_list(entry, "tags", position),
        status=entry.get("status") or "open",
        sources=source_list(entry.get("sources"), position),
        uid=string_field(entry, "uid", position).strip(),
        history=history_list(entry.get("history"), position),
        created=string_field(entry, "created", position),
        updated=string_field(entry, "updated", position),
        note=string_field(entry, "note", position),
        decided=string_field(entry, "decided", position))
