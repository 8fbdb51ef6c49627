"""Export commitments to other tools and import them from frist JSON, Taskwarrior or ICS.

One module per format, each with `write(items, today) -> bytes` and, where `frist import`
reads the format back, `read(...)`; FORMATS is the one list of export formats (the
command line takes its --format choices and their help from it). `entries` holds what the
readers share: every entry is validated before any is stored (`entry 3: 'due' is not a
date: 'soon'`), entries whose uid the store already holds are skipped (re-importing a
file adds nothing), and the rest is stored as one undo step.

Only this registry is imported by a command's start; a format's module when it is used.
"""
from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path

from store.exchange.entries import ExchangeError, Parsed
from store.model import Commitment


MAX_IMPORT_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Format:
    name: str      # what --format takes
    module: str    # store.exchange.<module> has write(items, today) -> bytes
    help: str      # said after the name in --format's help


FORMATS = {f.name: f for f in (
    Format("json", "frist_json", "lossless, `frist import` reads it back"),
    Format("csv", "spreadsheet", "one row per commitment, for spreadsheets"),
    Format("ics", "ics", "calendar; `frist import` reads it back"),
    Format("md", "markdown", "a Markdown table"),
    Format("taskwarrior", "taskwarrior", "`task import` and `frist import` read it"),
)}

__all__ = ["FORMATS", "ExchangeError", "Format", "Parsed", "export", "import_into",
           "left_out_note", "parse_import", "read_import_file"]


def formats_help() -> str:
    """The export formats as --format's help says them."""
    return "; ".join(f"{f.name} ({f.help})" for f in FORMATS.values()) + "."


def _module(name: str):
    return importlib.import_module(f"store.exchange.{name}")


def export(items: list[tuple[int, Commitment]], fmt: str, today: dt.date,
           left_out: list[int] | None = None) -> bytes:
    """The commitments, ordered by id, in export format `fmt`, as the bytes of a file.
    A format whose readers cannot take some of them (Taskwarrior: dates before 1980) has
    `unreadable(items) -> ids` and `UNREADABLE` (why): those are left out, their ids
    added to `left_out` (`left_out_note` says it); when that is all of them, ExchangeError."""
    if fmt not in FORMATS:
        raise ExchangeError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    ordered = sorted(items, key=lambda item: item[0])
    # Every format is total on the records the store accepts; a checksummed store of an
    # earlier frist may still hold one it no longer does (a due in 9999 from a sync):
    # named, not a traceback. A check costs 3 ms per 1,000 items.
    for item_id, commitment in ordered:
        if problem := Commitment.problem(commitment.doc):
            raise ExchangeError(f"nothing exported: item {item_id} {problem}; "
                                f"`frist check` says more")
    module = _module(FORMATS[fmt].module)
    if left := set(getattr(module, "unreadable", lambda _: [])(ordered)):
        if len(left) == len(ordered):
            raise ExchangeError(f"nothing exported: {module.UNREADABLE}, and every "
                                "commitment has one")
        ordered = [item for item in ordered if item[0] not in left]
        if left_out is not None:
            left_out.extend(sorted(left))
    return module.write(ordered, today)


def left_out_note(fmt: str, ids: list[int]) -> str:
    """One line: how many commitments an export to `fmt` left out, which and why."""
    many = "s" if len(ids) > 1 else ""
    shown = ", ".join(map(str, ids[:5])) + (f" and {len(ids) - 5} more" if ids[5:] else "")
    return (f"left out {len(ids)} commitment{many} (id{many} {shown}): "
            f"{_module(FORMATS[fmt].module).UNREADABLE}")


def read_import_file(source: str) -> tuple[str, str, list[str]]:
    """(text, name, notes on how it was read) of FILE or '-' (stdin); ExchangeError for
    what cannot be text."""
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
    notes: list[str] = []
    try:
        return decode_text(raw, name, notes=notes), name, notes
    except DocumentError as e:
        raise ExchangeError(str(e)) from None


def parse_import(text: str, name: str, today: dt.date) -> Parsed:
    """Detect the format of `text` and turn every entry into a Commitment; ExchangeError naming
    the first bad entry's position, so that nothing is stored from a file with one."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return _module("ics").read(text, name)
    if head[:1] and head[:1] in "[{":
        data = _json_entries(head, name)
        if all(isinstance(e, dict) and "title" not in e and "description" in e for e in data) \
                and data:
            return _module("taskwarrior").read(data)
        return _module("frist_json").read(data)
    raise ExchangeError(f"{name} is not frist JSON, Taskwarrior JSON or an iCalendar file")


def _json_entries(text: str, name: str) -> list:
    """A JSON list, or JSON lines of objects (older `task export`)."""
    import orjson
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


def import_into(store, parsed: Parsed) -> tuple[list[int], int]:
    """Store what `parsed` holds as one undo step: (new ids, entries already present)."""
    with store.transaction():
        known = {c.uid for _id, c in store.all()}
        fresh, seen = [], set()
        for c in parsed.records:
            if c.uid in known or c.uid in seen:
                continue
            seen.add(c.uid)
            fresh.append(c)
        ids = store.add_many(fresh, label="import") if fresh else []
    return ids, len(parsed.records) - len(fresh)
