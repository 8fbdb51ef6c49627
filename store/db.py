"""The commitment store: a TinyDB database made durable, checked, locked, versioned,
undoable and fast.

TinyDB's own JSONStorage rewrites the live file in place and takes no lock, so a crash
can tear it and two processes lose each other's writes; and every TinyDB operation reads
and rewrites the whole file, so one `frist add` on 10,000 items costs a full parse and a
full write. `DurableStorage` (a TinyDB `Storage`) keeps the data in two files instead:

- `store.json`, the snapshot: TinyDB's usual dict of tables, written whole, only when
  the journal has grown to a quarter of it ("compaction"): to a temporary file beside
  it, fsynced, then `os.replace`d over it, so a reader or a crash sees the old or the new
  file, never half of one. Its first member is a CRC-32 of all that follows it. A copy
  of each new snapshot is kept as `store.json.bak` (a copy, not a link, so damage done
  to the live file in place cannot reach it).
- `store.json.journal`, append-only: a header line naming the snapshot it continues
  (a random token also stored in the snapshot, plus the snapshot's inode, size and
  mtime) and holding its first open items in due order (what the dashboard paints
  before it reads the rest), then one JSON line per change: the documents it set or
  deleted, and the store's change counter. Each line starts with a CRC-32 chained from
  the line before (as SQLite's WAL checksums its frames), so a changed byte, a lost or a
  reordered line is found on read. A line is appended and fsynced in one write; a torn
  last line (a writer killed mid-write) is ignored by readers and cut off by the next
  writer. A failed append (a full disk) is cut off again at once.

The snapshot knows its journal (its token, and the token of the journal it folded in),
so a missing, emptied or foreign journal is damage, as is a journal or backup without
its snapshot: every command then refuses with one line that names the command to run
(`frist check`, `frist restore --from-backup`), and nothing is written over.

A record is checked (`model.record_problem`) when it is written, and when it is read
from a file without checksums (schema 1, written by an earlier frist; the next write
compacts it into schema 2). A checked file holds only records that were checked when
written, and its checksum proves they are unchanged: so `frist list` does not pay a
record check per item (it would cost a fifth of a load). `frist check` checks them all.

So `frist add` reads only the small journal (its header carries the last id, the change
counter and the undo keys), appends one line and is done: its cost does not grow with
the store. Readers parse the snapshot once (orjson, garbage collector paused) and replay
the journal; they read the journal before the snapshot, so a compaction racing with
them is seen either wholly or not at all.

`Store.transaction()` holds an `fcntl.flock` on `store.json.lock` across each
read-modify-write and re-reads inside it, so concurrent `frist` processes serialise
instead of overwriting each other; ids come from a `last_id` high-water mark read inside
the lock, so two processes never hand out the same id and ids are never reused.
Every change records its inverse in the `undo` table, which `Store.undo()` replays.
With `store.json` a symbolic link, every file lives beside the link's target.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import gc
import itertools
import os
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from store import model
from store.errors import FristError

try:
    import fcntl
except ImportError:  # not POSIX: no inter-process lock available
    fcntl = None

SCHEMA_VERSION = 2  # 2: checksums, the snapshot knows its journal, a change counter
UNDO_DEPTH = 100
ITEMS, UNDO, META = "commitments", "undo", "meta"
JOURNAL_FORMAT = "frist-journal-2"
JOURNAL_FORMATS = {"frist-journal-1": 1, JOURNAL_FORMAT: 2}
# The snapshot's first member: {"frist_check":"crc32:<8 hex digits>", ...}
CHECK_KEY = "frist_check"
_CHECK_HEAD = b'{"' + CHECK_KEY.encode() + b'":"crc32:'
_CHECK_END = len(_CHECK_HEAD) + 10  # the 8 hex digits and '",'
# Compact once the journal outgrows this and a quarter of the snapshot: replaying it
# then costs a reader at most about a quarter more than the snapshot alone.
JOURNAL_MIN_BYTES = 256 * 1024
# The journal header also keeps the first open items in due order, as many as a tall
# terminal shows: the dashboard paints them before it parses the whole snapshot.
SOONEST_KEPT = 150
# What a damage message tells a person to run.
RESTORE = "frist restore --from-backup"
WRITE_BACKUP = "frist check --write-backup"


def journal_limit(snapshot_size: int) -> int:
    """The journal size beyond which the next write compacts."""
    return max(JOURNAL_MIN_BYTES, snapshot_size // 4)


class StoreError(FristError):
    """The store cannot be used (damaged, newer schema, unknown id, unwritable)."""


class ConflictError(StoreError):
    """Another process changed an item since it was shown: the change was not made."""


class _Damage(Exception):
    """Why a file is not what it should be (becomes a StoreError naming the file)."""


class _Newer(Exception):
    """A file written by a newer frist; args[0] is its schema version."""


_frozen_once = False  # has this process frozen a parse result yet?


def _parse(raw: bytes):
    """orjson.loads, without the cyclic garbage collector walking the result.

    A parse allocates hundreds of thousands of containers; with the collector running,
    it walks them again and again, and after it they would still be walked by the next
    collections. JSON data holds no reference cycles, so the first parse of a process
    moves everything alive to the permanent generation (gc.freeze): reference counting
    still frees the data when it is dropped. At 10,000 items this halves the time to
    load and then use the store, and speeds the dashboard's first paint by a third.
    Only the first: what is alive then (modules, classes, settings) stays anyway, but a
    long-running dashboard must keep its later widgets collectable."""
    global _frozen_once
    gc.disable()
    try:
        data = orjson.loads(raw)
        if not _frozen_once:
            gc.freeze()
            _frozen_once = True
        return data
    finally:
        gc.enable()


def _signature(st: os.stat_result) -> list[int]:
    """What identifies one written snapshot file without reading it."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _write_all(fd: int, payload: bytes) -> None:
    """os.write until everything is written. A short write alone is no error (the next
    call says why it stopped), but one that writes nothing means a full disk."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


# -- the snapshot file

def encode_snapshot(data: dict) -> bytes:
    """The snapshot file: the tables as one JSON object whose first member is the CRC-32
    of every byte after that member."""
    body = orjson.dumps(data)[1:]  # without its opening brace
    return b'%s%08x",%s' % (_CHECK_HEAD, zlib.crc32(body), body)


def _is_key(key: str) -> bool:
    """A document key as frist writes them: a positive whole number, in ASCII digits."""
    return key.isascii() and key.isdigit() and key[0] != "0"


def decode_snapshot(raw: bytes, check_records: bool = False) -> dict:
    """The tables in a snapshot file. Raises _Damage (why) or _Newer (its schema).
    Records are checked when the file has no checksum, or when asked."""
    checked = raw.startswith(_CHECK_HEAD) and raw[_CHECK_END - 2:_CHECK_END] == b'",'
    if checked and raw[len(_CHECK_HEAD):_CHECK_END - 2] != b"%08x" % zlib.crc32(raw[_CHECK_END:]):
        raise _Damage("its checksum does not match: bytes changed after it was written")
    try:
        data = _parse(raw)
    except orjson.JSONDecodeError:
        raise _Damage("not valid JSON, perhaps truncated") from None
    if not isinstance(data, dict):
        raise _Damage("not a frist store: wrong shape")
    meta = data.get(META, {}).get("1") if isinstance(data.get(META), dict) else None
    version = meta.get("schema") if isinstance(meta, dict) else None
    if data and type(version) is not int:
        raise _Damage("no schema version")
    if version is not None and version > SCHEMA_VERSION:
        raise _Newer(version)
    if checked:
        del data[CHECK_KEY]
    elif CHECK_KEY in data:
        raise _Damage("its checksum is damaged, or the file was edited")
    elif version is not None and version >= 2:
        raise _Damage("it has lost its checksum")
    if not all(isinstance(table, dict) for table in data.values()):
        raise _Damage("not a frist store: wrong shape")
    for name, table in data.items():
        if name != ITEMS and not all(type(doc) is dict for doc in table.values()):
            raise _Damage(f"an entry of {name} is not an object")
    if check_records or not checked:
        if problem := _tables_problem(data):
            raise _Damage(problem)
    return data


def _tables_problem(data: dict) -> str | None:
    """The first record or undo entry that readers could not rely on."""
    for key, doc in data.get(ITEMS, {}).items():
        if problem := _item_problem(key, doc):
            return problem
    for key, entry in data.get(UNDO, {}).items():
        if problem := _undo_problem(key, entry):
            return problem
    meta = data.get(META, {}).get("1", {})
    for name in ("last_id", "n"):
        if name in meta and type(meta[name]) is not int:
            return f"its {name!r} is not a number"
    return None


def _item_problem(key: str, doc) -> str | None:
    if not _is_key(key):
        return f"an item has the id {key!r}"
    problem = model.record_problem(doc)
    return f"item {key} {problem}" if problem else None


def _undo_problem(key: str, entry) -> str | None:
    """An undo entry: {label, at, added: [ids], changes: [{id, before: record or null}]}."""
    where = f"undo entry {key}"
    if not _is_key(key):
        return f"an undo entry has the key {key!r}"
    if type(entry) is not dict or type(entry.get("label")) is not str:
        return f"{where} has no label"
    added, changes = entry.get("added", []), entry.get("changes", [])
    if type(added) is not list or not all(type(i) is int for i in added):
        return f"{where} has bad 'added' ids"
    if type(changes) is not list:
        return f"{where} has bad 'changes'"
    for change in changes:
        if type(change) is not dict or type(change.get("id")) is not int or "before" not in change:
            return f"{where} has a bad change"
        if change["before"] is not None and (problem := model.record_problem(change["before"])):
            return f"{where}: the item {change['id']} it restores {problem}"
    return None


# -- the journal file

def journal_line(entry: dict, previous: int) -> tuple[bytes, int]:
    """One journal line: the CRC-32 of the JSON, chained from the line before, as 8 hex
    digits, a space, the JSON, a newline. Returns the line and its CRC."""
    body = orjson.dumps(entry)
    crc = zlib.crc32(body, previous)
    return b"%08x %s\n" % (crc, body), crc


@dataclass
class _Journal:
    """A parsed journal file: header, good changes, how many bytes of it are whole."""

    header: dict | None = None
    changes: list = field(default_factory=list)
    good_bytes: int = 0      # the whole lines, up to the first damaged one
    torn: bool = False       # the last line lacks its newline: a write was interrupted
    header_bytes: int = 0    # the header line's length: not counted for compaction
    last_crc: int = 0        # what the next line's checksum continues
    version: int = 2         # 1: written by an earlier frist, without checksums
    lines: int = 0           # whole lines in the file
    damage: str | None = None  # the first damaged line and why
    unterminated: bool = False  # the last change is whole but lacks its newline
    # From the damaged line on, the highest id and counter any line still names: a
    # restore never hands out again an id that was printed before the damage.
    beyond: dict = field(default_factory=lambda: {"last_id": 0, "n": 0})

    @property
    def token(self) -> str | None:
        return self.header.get("token") if self.header else None

    @property
    def placeholder(self) -> bool:
        """The journal a first compaction puts in place before its snapshot: it names
        no snapshot file yet and holds no change."""
        return self.header is not None and self.header.get("snapshot") is None and not self.changes

    @property
    def lost(self) -> int:
        """Change lines from the damaged one on: what a restore cannot put back."""
        return max(0, self.lines - 1 - len(self.changes)) if self.damage else 0


def parse_journal(raw: bytes, check_records: bool = False) -> _Journal:
    """Read a journal file; a damaged line stops the reading and is named in `damage`
    (what comes before it is good). Raises _Newer for a newer frist's journal."""
    journal = _Journal()
    end = raw.rfind(b"\n") + 1  # a last line without its newline was never finished
    journal.torn = end < len(raw)
    lines = raw[:end].split(b"\n")[:-1]
    journal.lines = len(lines)
    legacy = bool(lines) and lines[0].startswith(b"{")
    journal.version = 1 if legacy else 2
    previous = offset = 0
    for number, line in enumerate(lines, 1):
        body = line
        if not legacy:
            body = line[9:]
            crc = zlib.crc32(body, previous)
            if line[8:9] != b" " or line[:8] != b"%08x" % crc:
                journal.damage = f"line {number} of {len(lines)} fails its checksum"
                break
            previous = crc
        try:
            entry = orjson.loads(body)
        except orjson.JSONDecodeError:
            journal.damage = f"line {number} is not valid JSON"
            break
        if number == 1:
            problem = _header_problem(entry, journal.version)
            if problem is None:
                journal.header, journal.header_bytes = entry, len(line) + 1
        else:
            problem = _change_problem(entry, check_records or legacy)
            if problem is None:
                journal.changes.append(entry)
        if problem is not None:
            journal.damage = f"line {number} {problem}"
            break
        offset += len(line) + 1
        journal.good_bytes, journal.last_crc = offset, previous
    if journal.torn and not journal.damage and journal.header and not legacy:
        _whole_last_change(journal, raw[end:], previous, check_records)
    if journal.damage:
        for line in lines[len(journal.changes) + (journal.header is not None):]:
            with contextlib.suppress(orjson.JSONDecodeError):
                entry = orjson.loads(line if legacy else line[9:])
                for name in ("last_id", "n"):
                    if isinstance(entry, dict) and type(entry.get(name)) is int:
                        journal.beyond[name] = max(journal.beyond[name], entry[name])
    return journal


def _whole_last_change(journal: _Journal, tail: bytes, previous: int,
                       check_records: bool) -> None:
    """A last line without its newline is normally a write that was interrupted, and is
    ignored. But if its checksum holds, with or without its last byte, the change is
    whole and only its newline is missing or damaged: keep the change (the next write
    cuts the damaged byte and ends the line)."""
    for body in (tail, tail[:-1]):
        crc = zlib.crc32(body[9:], previous)
        if body[8:9] != b" " or body[:8] != b"%08x" % crc:
            continue
        try:
            change = orjson.loads(body[9:])
        except orjson.JSONDecodeError:
            return
        if _change_problem(change, check_records) is None:
            journal.changes.append(change)
            journal.lines += 1
            journal.last_crc, journal.unterminated = crc, True
            journal.good_bytes += len(body)
            journal.torn = len(body) < len(tail)  # a damaged byte to cut
        return


def _header_problem(header, version: int) -> str | None:
    if not isinstance(header, dict):
        return "is not a frist journal header"
    schema = header.get("schema")
    if isinstance(schema, int) and schema > SCHEMA_VERSION:
        raise _Newer(schema)
    if JOURNAL_FORMATS.get(header.get("format")) != version:
        return "is not a frist journal header"
    undo = header.get("undo")
    if not (type(header.get("last_id")) is int and isinstance(undo, list)
            and all(type(key) is int for key in undo)):
        return "has the wrong shape"
    if version >= 2 and not (type(header.get("n")) is int and type(header.get("token")) is str):
        return "has the wrong shape"
    return None


def _change_problem(change, check_records: bool) -> str | None:
    """A journal line: {"n": counter, "set": {table: {key: document or null}}, "last_id": n}."""
    if not isinstance(change, dict) or not isinstance(change.get("set", {}), dict):
        return "has the wrong shape"
    for name in ("last_id", "n"):
        if name in change and type(change[name]) is not int:
            return "has the wrong shape"
    for table, docs in change.get("set", {}).items():
        if not isinstance(docs, dict) or not all(doc is None or type(doc) is dict
                                                 for doc in docs.values()):
            return "has the wrong shape"
        if not all(map(_is_key, docs)):
            return "has a bad key"
        if check_records:
            for key, doc in docs.items():
                if doc is None:
                    continue
                problem = (_item_problem(key, doc) if table == ITEMS
                           else _undo_problem(key, doc) if table == UNDO else None)
                if problem:
                    return problem
    return None


def _apply(data: dict, change: dict) -> None:
    """Apply one journal change to the full tables."""
    for table, docs in change.get("set", {}).items():
        target = data.setdefault(table, {})
        for key, doc in docs.items():
            if doc is None:
                target.pop(key, None)
            else:
                target[key] = doc
    meta = data.setdefault(META, {}).setdefault("1", {})
    for name in ("last_id", "n"):
        if name in change:
            meta[name] = change[name]


def _apply_head(head: dict, change: dict) -> None:
    for key, doc in change.get("set", {}).get(UNDO, {}).items():
        (head["undo"].discard if doc is None else head["undo"].add)(int(key))
    for name in ("last_id", "n"):
        if name in change:
            head[name] = change[name]


def _due_order(entry: tuple[str, dict]):
    key, record = entry
    return model.due_order(int(key), record)


def _head_of(data: dict) -> dict:
    """The last id handed out (never below an existing id), the change counter and the
    undo keys, from full data."""
    meta = data.get(META, {}).get("1", {})
    last = meta.get("last_id", 0)
    highest = max(map(int, data.get(ITEMS, {})), default=0)
    return {"last_id": max(last if isinstance(last, int) else 0, highest),
            "n": meta.get("n", 0), "undo": {int(k) for k in data.get(UNDO, {})}}


# -- what `frist check` reports and `frist restore --from-backup` does

@dataclass
class Finding:
    """One store file as `frist check` sees it."""

    role: str               # snapshot, journal, backup
    path: Path
    problem: str | None = None
    detail: str = ""


@dataclass
class Health:
    findings: list[Finding]
    fix: str | None = None  # what to run (or do) about the problems
    exists: bool = True     # False: no store file at all yet

    @property
    def ok(self) -> bool:
        return all(f.problem is None for f in self.findings)


@dataclass
class _Copy:
    """A snapshot file (the live one or its backup) as a survey read it."""

    path: Path
    exists: bool = False
    data: dict | None = None
    problem: str | None = None

    @property
    def meta(self) -> dict:
        return self.data.get(META, {}).get("1", {}) if self.data is not None else {}

    @property
    def token(self) -> str | None:
        return self.meta.get("token")

    @property
    def schema(self) -> int:
        return self.meta.get("schema", 1)

    def describe(self) -> str:
        items = len(self.data.get(ITEMS, {}))
        when = _when(self.meta.get("written"))
        return f"{items} item{'s' * (items != 1)}" + (f", written {when}" if when else "")


@dataclass
class _Survey:
    snapshot: _Copy
    backup: _Copy
    journal: _Journal | None          # None: no journal file
    journal_problem: str | None = None  # cannot be read, or a newer frist's

    @property
    def anything(self) -> bool:
        """Whether there is a store at all: more than the first journal of a first
        write that failed before its snapshot was in place."""
        return self.snapshot.exists or self.backup.exists or (
            self.journal is not None and not (self.journal.placeholder
                                              and not self.journal_problem
                                              and not self.journal.damage))

    def journal_state(self, base: _Copy) -> str:
        """How the journal relates to `base` (the snapshot, or the backup): continues,
        folded (already in it), placeholder, missing, empty, foreign, damaged, legacy."""
        journal = self.journal
        if self.journal_problem or (journal is not None and journal.damage
                                    and journal.header is not None):
            return "damaged"
        if journal is None:
            return "missing" if base.schema >= 2 else "legacy"
        if journal.header is None:
            if journal.damage:
                return "damaged"
            return "empty" if base.schema >= 2 else "legacy"
        if base.token and journal.token == base.token:
            return "placeholder" if journal.placeholder else "continues"
        if base.schema < 2:
            return "legacy"
        if journal.token is not None and journal.token == base.meta.get("folded"):
            return "folded"
        return "foreign"


def _when(stamp) -> str:
    """A stored timestamp as '2025-11-24 10:00'."""
    if not isinstance(stamp, str):
        return ""
    return stamp[:16].replace("T", " ")


@dataclass
class RestorePlan:
    """What `frist restore --from-backup` will do: rebuild the store from `base` (the
    snapshot if it is good, else its backup) and the good journal changes that continue
    it, and keep the damaged files aside."""

    base: _Copy
    changes: list
    aside: list[Path]
    lost: str               # what cannot be put back ('' when nothing)
    fingerprint: tuple      # the files as they were when planned
    beyond: dict            # the highest id and counter the lost changes named

    def describe(self) -> list[str]:
        lines = [f"put back {self.base.path} ({self.base.describe()})"
                 + (f" and the {len(self.changes)} journal change"
                    f"{'s' * (len(self.changes) != 1)} that follow it" if self.changes else "")]
        if self.aside:
            lines.append("keep aside, renamed with a timestamp: "
                         + ", ".join(str(path) for path in self.aside))
        if self.lost:
            lines.append(f"lost: {self.lost}")
        return lines


class DurableStorage(Storage):
    """TinyDB storage: snapshot + append-only journal, checksummed, atomic fsynced
    writes, a backup."""

    def __init__(self, path: str | os.PathLike):
        given = Path(path)
        # A symbolic link: every file lives beside its target, and a write replaces the
        # target, so the link stays a link.
        self.path = Path(os.path.realpath(given)) if given.is_symlink() else given
        self.backup = self._sibling(".bak")
        self.journal_path = self._sibling(".journal")
        self.lock_path = self._sibling(".lock")
        self._stale_temp = re.compile(rf"\.{re.escape(self.path.name)}\.(journal\.|bak\.)?\d+\.tmp")
        self.warnings: list[str] = []  # a change was stored, but something after it failed
        self.reload()

    def _sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    # -- TinyDB's Storage interface
    def read(self) -> dict:
        if self._data is None:
            self._load()
        return self._data

    def write(self, data: dict) -> None:
        """TinyDB wrote through its own tables: the next commit writes a whole snapshot."""
        self._data = data
        self._rewrite = True

    def close(self) -> None:
        pass

    # -- state
    def reload(self) -> None:
        """Forget everything read and every change not yet committed."""
        self._data: dict | None = None   # all tables: snapshot + journal (+ pending)
        self._head: dict | None = None   # {"last_id", "n", "undo": set of keys}
        self._journal: _Journal | None = None
        self._journal_sig: list[int] | None = None  # of the journal file last read
        self._journal_ok = False         # the journal continues the snapshot on disk now
        self._snapshot_size = 0
        self._snapshot_sig: list[int] | None = None  # of the snapshot file _data came from
        self._pending: dict[str, dict[str, dict | None]] = {}
        self._pending_last_id: int | None = None
        self._rewrite = False

    def still_current(self) -> bool:
        """Whether the data read is still what is on disk: no other process has appended
        to the journal or compacted since. A long-running process (the dashboard) then
        need not parse the whole store again for each change it makes."""
        journal = self._journal
        if (self._data is None or journal is None or journal.torn or self._pending
                or self._rewrite or self._snapshot_sig is None):
            return False
        try:
            return (_signature(self.path.stat()) == self._snapshot_sig
                    and self.journal_path.stat().st_size == journal.good_bytes)
        except OSError:
            return False

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock (fcntl.flock on store.json.lock, beside the snapshot)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise StoreError(f"cannot use the store {self.path}: {e.strerror}") from None
        try:
            if fcntl:
                fcntl.flock(lock_fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock_fd)  # closing releases the flock

    # -- why it cannot be used: one line each, naming the file and what to run
    def _restore_hint(self) -> str:
        if self.backup.exists():
            return f"`{RESTORE}` puts back the last good state from {self.backup}"
        return "no backup exists; `frist check` says more"

    def _damaged(self, why: str) -> StoreError:
        return StoreError(f"the store {self.path} is damaged ({why}); it was left untouched: "
                          f"{self._restore_hint()}")

    def _journal_damaged(self, journal: _Journal) -> StoreError:
        kept = len(journal.changes)
        return StoreError(f"the store's journal {self.journal_path} is damaged "
                          f"({journal.damage}); it was left untouched: `{RESTORE}` puts back "
                          f"the last good state (the {kept} change{'s' * (kept != 1)} "
                          f"before the damage)")

    def _newer(self, version: int, where: Path) -> StoreError:
        return StoreError(f"the store {where} was written by a newer frist (schema {version}, "
                          f"this one reads up to {SCHEMA_VERSION}); upgrade frist to use it")

    def _missing_snapshot(self, journal: _Journal | None) -> StoreError:
        there = [f"journal {self.journal_path}"] if journal is not None else []
        there += [f"backup {self.backup}"] if self.backup.exists() else []
        fix = (self._restore_hint() if self.backup.exists()
               else f"with no backup, move {self.journal_path} away to start an empty store")
        return StoreError(f"the store {self.path} is missing, but its {' and '.join(there)} "
                          f"{'are' if len(there) > 1 else 'is'} there; nothing was changed: {fix}")

    def _journal_gone(self, how: str, data: dict) -> StoreError:
        when = _when(data.get(META, {}).get("1", {}).get("written")) or "its last compaction"
        return StoreError(f"the store's journal {self.journal_path} is {how}, though the "
                          f"snapshot {self.path} has one; nothing was changed: put it back if "
                          f"it was moved, or run `{RESTORE}` to go on from the snapshot of "
                          f"{when} without the changes since")

    # -- reading
    def _read_journal(self) -> _Journal | None:
        """The journal, None if there is none; StoreError if it is damaged."""
        try:
            with open(self.journal_path, "rb") as fh:
                sig = _signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            self._journal_sig = None
            return None
        except OSError as e:
            raise StoreError(f"cannot read the store {self.journal_path}: {e.strerror}") from None
        self._journal_sig = sig
        try:
            journal = parse_journal(raw)
        except _Newer as e:
            raise self._newer(e.args[0], self.journal_path) from None
        if journal.damage:
            raise self._journal_damaged(journal)
        return journal

    def _read_snapshot(self) -> dict | None:
        """The snapshot's tables, None if there is no snapshot; StoreError if damaged."""
        try:
            with open(self.path, "rb") as fh:
                sig = _signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise StoreError(f"cannot read the store {self.path}: {e.strerror}") from None
        self._snapshot_size, self._snapshot_sig = len(raw), sig
        try:
            return decode_snapshot(raw)
        except _Damage as e:
            raise self._damaged(str(e)) from None
        except _Newer as e:
            raise self._newer(e.args[0], self.path) from None

    def _continues(self, data: dict, journal: _Journal | None) -> bool:
        """Whether the journal's changes apply to this snapshot; StoreError when the
        snapshot says it has a journal and this is not it."""
        meta = data.get(META, {}).get("1", {})
        schema, token = meta.get("schema", 1), meta.get("token")
        if journal is None:
            if schema >= 2:
                raise self._journal_gone("missing", data)
            return False
        if journal.header is None:
            if schema >= 2:
                raise self._journal_gone("empty", data)
            return False  # an earlier frist's journal that never got its header
        if token and journal.token == token:
            return True
        if schema < 2 or (journal.token is not None and journal.token == meta.get("folded")):
            return False  # one a finished compaction already folded in
        raise StoreError(f"the store's journal {self.journal_path} belongs to another snapshot "
                         f"than {self.path}; nothing was changed: `{RESTORE}` puts back the "
                         f"last good state")

    def _load(self) -> None:
        """Read everything: the journal first, then the snapshot it continues."""
        for attempt in itertools.count():
            journal = self._read_journal()
            read_sig = self._journal_sig
            data = self._read_snapshot()
            try:
                if data is None:
                    if (journal is not None and not journal.placeholder) or self.backup.exists():
                        raise self._missing_snapshot(journal)
                    data, continues = {}, False  # a new store (or its first write failed)
                else:
                    continues = self._continues(data, journal)
                break
            except StoreError:
                # Another process may have compacted (more than once) between the two
                # reads: the snapshot is then newer than the journal read. Read again.
                try:
                    now = _signature(self.journal_path.stat())
                except OSError:
                    now = None
                if now == read_sig or attempt >= 20:
                    raise
        if continues:
            for change in journal.changes:
                _apply(data, change)
            try:
                sig = _signature(self.path.stat())
            except OSError:
                sig = None
            self._journal_ok = journal.version >= 2 and journal.header.get("snapshot") == sig
        else:
            self._journal_ok = False
        self._journal = journal
        for table, docs in self._pending.items():  # changes made before the full read
            _apply(data, {"set": {table: docs}})
        if self._pending_last_id is not None:
            data.setdefault(META, {}).setdefault("1", {})["last_id"] = self._pending_last_id
        self._data = data

    def head(self) -> dict:
        """What a new change needs to know: the last id handed out, the change counter
        and the undo keys. Taken from the journal alone when it continues the snapshot
        on disk, so adding an item does not parse the whole store."""
        if self._head is not None:
            return self._head
        if self._data is None:
            journal = self._read_journal()
            header = journal.header if journal is not None else None
            try:
                sig = _signature(self.path.stat())
            except OSError:
                sig = None
            if header and sig and journal.version >= 2 and header.get("snapshot") == sig:
                head = {"last_id": header["last_id"], "n": header["n"], "undo": set(header["undo"])}
                for change in journal.changes:
                    _apply_head(head, change)
                self._journal, self._journal_ok = journal, True
                self._snapshot_size = sig[1]
                self._head = head
                return head
        data = self.read()
        self._head = _head_of(data)
        return self._head

    def soonest_open(self) -> list[tuple[int, dict]] | None:
        """The first open items in due order (SOONEST_KEPT or so), from the journal alone;
        None when it cannot tell (it does not continue the snapshot on disk, or every
        item it kept has been decided since). They are exactly the first open items of a
        full read: the header holds every open item up to its last one, and a journal
        change moves an item into or out of that range."""
        journal = self._read_journal()
        header = journal.header if journal is not None else None
        try:
            sig = _signature(self.path.stat())
        except OSError:
            return None
        if not header or journal.version < 2 or header.get("snapshot") != sig:
            return None
        kept, kept_all = header.get("soonest"), header.get("soonest_all")
        if (not isinstance(kept, list) or not kept or not isinstance(kept_all, bool)
                or not all(isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int
                           and type(pair[1]) is dict for pair in kept)):
            return None
        last = model.due_order(*kept[-1])
        items = dict(kept)
        for change in journal.changes:
            for key, doc in change.get("set", {}).get(ITEMS, {}).items():
                item_id = int(key)
                items.pop(item_id, None)
                if doc is not None and doc["status"] == "open" and (
                        kept_all or model.due_order(item_id, doc) <= last):
                    items[item_id] = doc
        if not items:  # all of them decided since: the journal cannot say what comes next
            return None
        return sorted(items.items(), key=lambda item: model.due_order(*item))

    # -- changing (inside Store.transaction only)
    def put(self, table: str, key: int | str, doc: dict | None) -> None:
        """Set one document (None: delete it), to be written at commit. A commitment
        that readers could not rely on is refused here, before it reaches a file."""
        key = str(key)
        if table == ITEMS and doc is not None and (problem := _item_problem(key, doc)):
            raise StoreError(f"not stored: {problem}")
        self._pending.setdefault(table, {})[key] = doc
        if self._data is not None:
            _apply(self._data, {"set": {table: {key: doc}}})
        if self._head is not None and table == UNDO:
            (self._head["undo"].discard if doc is None else self._head["undo"].add)(int(key))

    def set_last_id(self, last_id: int) -> None:
        self._pending_last_id = last_id
        if self._data is not None:
            self._data.setdefault(META, {}).setdefault("1", {})["last_id"] = last_id
        if self._head is not None:
            self._head["last_id"] = last_id

    def commit(self) -> None:
        """Write what the transaction changed: one journal line, or a whole new snapshot.
        Either it is all on disk when this returns, or StoreError and nothing is."""
        if not self._pending and self._pending_last_id is None and not self._rewrite:
            return
        head = self.head()
        count = head["n"] + 1
        change: dict = {"n": count, "set": self._pending}
        if self._pending_last_id is not None:
            change["last_id"] = self._pending_last_id
        journal = self._journal
        line, crc = journal_line(change, journal.last_crc if journal is not None else 0)
        if (self._rewrite or not self._journal_ok or journal is None or journal.header is None
                or journal.good_bytes - journal.header_bytes + len(line)
                > journal_limit(self._snapshot_size)):
            self.compact(count)
        else:
            self._append(line, crc, journal)
            head["n"] = count
            if self._data is not None:
                self._data.setdefault(META, {}).setdefault("1", {})["n"] = count
        self._pending, self._pending_last_id, self._rewrite = {}, None, False

    def _append(self, line: bytes, crc: int, journal: _Journal) -> None:
        try:
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND)
        except OSError as e:
            raise StoreError(f"cannot write the store {self.journal_path}: {e.strerror}; "
                             f"nothing was changed") from None
        try:
            if journal.torn:  # cut off the unfinished line of a writer that was killed
                os.ftruncate(fd, journal.good_bytes)
                journal.torn = False
            if journal.unterminated:
                line = b"\n" + line
            _write_all(fd, line)
            os.fsync(fd)
        except OSError as e:
            # Take back what part of the line reached the file: the store stays as it was.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, journal.good_bytes)
                os.fsync(fd)
            raise StoreError(f"cannot write the store {self.journal_path}: {e.strerror}; "
                             f"nothing was changed") from None
        finally:
            os.close(fd)
        journal.good_bytes += len(line)
        journal.lines += 1
        journal.last_crc, journal.unterminated = crc, False

    def compact(self, count: int | None = None) -> None:
        """Write the whole data as a new snapshot, its backup copy, and a new journal.

        The new snapshot's rename is the one moment the change happens; everything that
        can fail for want of room (the snapshot's temporary file; a first journal for a
        store that has none, so the snapshot never stands without one) comes before it.
        The backup and journal follow; should one of them fail, the old backup and
        journal still lead to the new snapshot's data (the old journal is recorded in it
        as folded in), so the change stands and the next write tries again."""
        data = self.read()
        meta = data.setdefault(META, {}).setdefault("1", {})
        if count is not None:
            meta["n"] = count
        head = _head_of(data)
        # Kept in list order (soonest due first): a reader's sort then finds the data
        # already in order, and walks memory in sequence when it prints it.
        data[ITEMS] = dict(sorted(data.get(ITEMS, {}).items(), key=_due_order))
        on_disk = self._journal  # under the lock: the journal file as it is now
        token = os.urandom(8).hex()
        meta.update(schema=SCHEMA_VERSION, last_id=head["last_id"], n=head["n"], token=token,
                    folded=on_disk.token if on_disk is not None else None,
                    written=model.now_stamp())
        payload = encode_snapshot(data)
        soonest = list(itertools.islice(([int(key), record] for key, record in data[ITEMS].items()
                                         if record["status"] == "open"), SOONEST_KEPT + 1))
        header = {"format": JOURNAL_FORMAT, "schema": SCHEMA_VERSION, "token": token,
                  "snapshot": None, "n": head["n"], "last_id": head["last_id"],
                  "undo": sorted(head["undo"]), "soonest": soonest[:SOONEST_KEPT],
                  "soonest_all": len(soonest) <= SOONEST_KEPT}
        temp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp, sig = self._write_temp(self.path, payload)
            if on_disk is None or on_disk.header is None:
                self._install(self.journal_path, journal_line(header, 0)[0])
            os.replace(temp, self.path)
        except OSError as e:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            self.reload()  # what was read and pending is dropped: it was not written
            raise StoreError(f"cannot write the store {self.path}: {e.strerror}; "
                             f"nothing was changed") from None
        self._snapshot_size, self._snapshot_sig = len(payload), sig
        header["snapshot"] = sig
        header_line, crc = journal_line(header, 0)
        step = self.backup
        try:
            self._install(self.backup, payload)
            step = self.journal_path
            self._install(self.journal_path, header_line)
        except OSError as e:
            self._fsync_folder()
            self.warnings.append(f"the change is stored, but {step} could not be written "
                                 f"({e.strerror}); the next change tries again")
            self._journal_ok, self._head = False, head
            return
        self._fsync_folder()
        self._journal = _Journal(header, [], good_bytes=len(header_line),
                                 header_bytes=len(header_line), last_crc=crc, lines=1)
        self._journal_ok, self._head = True, head

    def _write_temp(self, target: Path, payload: bytes) -> tuple[Path, list[int]]:
        """`payload` in a new fsynced temporary file beside `target` (mode 0600): its
        path and signature. OSError (the temporary file removed) if it cannot be."""
        tag = target.name[len(self.path.name):].lstrip(".")
        temp = target.parent / f".{self.path.name}.{tag + '.' if tag else ''}{os.getpid()}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, payload)
                os.fsync(fd)
                sig = _signature(os.fstat(fd))
            finally:
                os.close(fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return temp, sig

    def _install(self, target: Path, payload: bytes) -> None:
        """Atomically replace `target` with `payload`; OSError if it cannot be."""
        temp, _sig = self._write_temp(target, payload)
        try:
            os.replace(temp, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def _fsync_folder(self) -> None:
        with contextlib.suppress(OSError):  # make the renames themselves durable
            fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def remove_stale_temps(self) -> None:
        """Temp files left by a writer that was killed; only call while holding the lock."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.path.parent):
                if self._stale_temp.fullmatch(entry.name):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    # -- check and restore
    def _survey(self) -> _Survey:
        """Every store file read and checked through, records included; never raises
        for what it finds."""
        def copy_of(path: Path) -> _Copy:
            copy = _Copy(path)
            try:
                raw = path.read_bytes()
            except FileNotFoundError:
                return copy
            except OSError as e:
                copy.exists, copy.problem = True, f"cannot be read: {e.strerror}"
                return copy
            copy.exists = True
            try:
                copy.data = decode_snapshot(raw, check_records=True)
            except _Damage as e:
                copy.problem = f"damaged: {e}"
            except _Newer as e:
                copy.problem = f"written by a newer frist (schema {e.args[0]})"
            return copy

        survey = _Survey(copy_of(self.path), copy_of(self.backup), None)
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return survey
        except OSError as e:
            survey.journal, survey.journal_problem = _Journal(), f"cannot be read: {e.strerror}"
            return survey
        try:
            survey.journal = parse_journal(raw, check_records=True)
        except _Newer as e:
            survey.journal = _Journal()
            survey.journal_problem = f"written by a newer frist (schema {e.args[0]})"
        return survey

    def _fingerprint(self) -> tuple:
        def sig(path: Path):
            try:
                return tuple(_signature(path.stat()))
            except OSError:
                return None
        return tuple(sig(path) for path in (self.path, self.journal_path, self.backup))

    def check(self) -> Health:
        """What is wrong with the store files, and the fix (see `frist check`)."""
        with self.locked():
            return self._judge(self._survey())

    def _judge(self, survey: _Survey) -> Health:
        if not survey.anything:
            return Health([], exists=False)
        snap, backup, journal = survey.snapshot, survey.backup, survey.journal
        newer = [copy.problem for copy in (snap, backup) if "newer" in (copy.problem or "")]
        newer += [survey.journal_problem] if "newer" in (survey.journal_problem or "") else []

        snapshot = Finding("snapshot", self.path)
        if not snap.exists:
            snapshot.problem = "missing"
        elif snap.problem:
            snapshot.problem = snap.problem
        else:
            snapshot.detail = snap.describe() + (
                "; written by an earlier frist (schema 1): the next change upgrades it"
                if snap.schema < 2 else "")

        base = snap if snap.data is not None else backup
        state = survey.journal_state(base) if base.data is not None else (
            "damaged" if survey.journal_problem or (journal and journal.damage) else "unknown")
        log = Finding("journal", self.journal_path)
        if state == "damaged":
            log.problem = survey.journal_problem or (
                f"damaged: {journal.damage}" + (f"; the {len(journal.changes)} change"
                                                f"{'s' * (len(journal.changes) != 1)} before it "
                                                f"are good" if journal.header else ""))
        elif state == "missing":
            log.problem = "missing, though the snapshot has one"
        elif state == "empty":
            log.problem = "empty, though the snapshot has one"
        elif state == "foreign":
            log.problem = "belongs to another snapshot"
        elif state == "continues":
            count = len(journal.changes)
            log.detail = (f"{count} change{'s' * (count != 1)}" if count else "no change") + (
                " since the snapshot") + (
                "; its last line was cut short by an interrupted write (nothing had been "
                "confirmed): the next change cuts it off" if journal.torn else "")
        elif state in ("folded", "placeholder"):
            log.detail = "no change since the snapshot"
        elif state == "legacy":
            log.detail = "none in use (an earlier frist's store)"
        elif journal is None:
            log.detail = "none"
        else:
            log.detail = f"{len(journal.changes)} changes, which continue no snapshot found"

        copy = Finding("backup", self.backup)
        if not backup.exists:
            copy.problem = "missing" if snap.exists else None
            copy.detail = "" if snap.exists else "none"
        elif backup.problem:
            copy.problem = backup.problem
        elif snap.data is not None and backup.token != snap.token and not (
                journal is not None and journal.token is not None
                and backup.token == journal.token and state == "folded"):
            copy.problem = (f"older than the snapshot ({backup.describe()}): it would "
                            f"not give back the changes since")
        else:
            copy.detail = backup.describe()

        findings = [snapshot, log, copy]
        health = Health(findings)
        if newer:
            health.fix = f"upgrade frist: {newer[0]}"
        elif snapshot.problem or log.problem:
            if snap.data is None and backup.data is None:
                health.fix = ("no good copy of the store is left; the files stay as they are "
                              "(the journal's header keeps the soonest open items)")
            else:
                health.fix = f"run `{RESTORE}`"
        elif copy.problem:
            health.fix = f"run `{WRITE_BACKUP}` (writes a new backup from the store)"
        return health

    def restore_plan(self) -> RestorePlan | None:
        """How `frist restore --from-backup` would put the last good state back; None
        if the store is healthy. StoreError if there is no good copy to restore."""
        with self.locked():
            survey = self._survey()
            fingerprint = self._fingerprint()
        if self._judge(survey).ok:
            return None
        snap, backup, journal = survey.snapshot, survey.backup, survey.journal
        for problem in (snap.problem, backup.problem, survey.journal_problem):
            if problem and "newer" in problem:
                raise StoreError(f"the store was written by a newer frist: upgrade frist "
                                 f"({problem})")
        base = snap if snap.data is not None else backup
        if base.data is None:
            raise StoreError(f"nothing to restore from: neither {self.path} nor its backup "
                             f"{self.backup} is good; the files stay as they are")
        state = survey.journal_state(base)
        aside = [path for path, bad in ((self.path, snap.exists and snap.data is None),
                                        (self.backup, backup.exists and backup.data is None))
                 if bad]
        changes, lost = [], ""
        if state == "continues" or (state == "damaged" and journal is not None
                                    and journal.header is not None
                                    and journal.token == base.token):
            changes = journal.changes
            if journal.damage:
                aside.append(self.journal_path)
                lost = (f"the journal's {journal.lost} change{'s' * (journal.lost != 1)} "
                        f"from its damaged line on")
        elif state in ("damaged", "foreign", "empty") or (
                state == "unknown" and journal is not None):
            aside.append(self.journal_path)
            lost = "the changes in the journal, which do not continue it"
        elif state == "missing":
            lost = f"the changes since {_when(base.meta.get('written')) or 'it was written'}"
        beyond = dict(journal.beyond) if journal is not None else {"last_id": 0, "n": 0}
        if journal is not None and journal.header is not None and changes is not journal.changes:
            for name in ("last_id", "n"):  # a journal whose changes are all lost
                beyond[name] = max([beyond[name], journal.header.get(name, 0)]
                                   + [change.get(name, 0) for change in journal.changes])
        return RestorePlan(base, changes, aside, lost, fingerprint, beyond)

    def restore(self, plan: RestorePlan) -> list[Path]:
        """Carry out `plan`: the damaged files renamed aside (never deleted), the store
        rebuilt and written as a new snapshot, backup and journal. Returns the new
        names of the files set aside."""
        with self.locked():
            if self._fingerprint() != plan.fingerprint:
                raise StoreError("the store's files changed since the restore was planned; "
                                 "nothing was done: run it again")
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            moved: list[tuple[Path, Path]] = []
            try:
                for path in plan.aside:
                    target = path.with_name(f"{path.name}.damaged-{stamp}")
                    number = 1
                    while target.exists():
                        number += 1
                        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
                    os.rename(path, target)
                    moved.append((path, target))
                data = plan.base.data
                counts = [data.get(META, {}).get("1", {}).get("n", 0), plan.beyond["n"]]
                for change in plan.changes:
                    _apply(data, change)
                    counts.append(change.get("n", 0))
                meta = data.setdefault(META, {}).setdefault("1", {})
                meta["last_id"] = max(_head_of(data)["last_id"], plan.beyond["last_id"])
                self.reload()
                self._data = data
                self._journal = None
                if self.journal_path.exists():  # a good journal stays until compaction
                    self._journal = parse_journal(self.journal_path.read_bytes())
                self.compact(max(counts) + 1)
            except (OSError, StoreError) as e:
                for original, aside in reversed(moved):
                    with contextlib.suppress(OSError):
                        os.rename(aside, original)
                self.reload()
                if isinstance(e, StoreError):
                    raise
                raise StoreError(f"cannot restore the store {self.path}: {e.strerror}; "
                                 f"nothing was changed") from None
        return [aside for _original, aside in moved]


class Store:
    """All reads and changes of commitments; the CLI and the dashboard both use this."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.storage = DurableStorage(self.path)
        self.warnings = self.storage.warnings  # changes stored, but a step after them failed
        self.db = TinyDB(storage=lambda: self.storage)
        self.items = self.db.table(ITEMS, cache_size=0)
        self.journal = self.db.table(UNDO, cache_size=0)
        self.meta = self.db.table(META, cache_size=0)
        self._depth = 0

    # -- reading (no lock needed: files are replaced atomically, the journal only grows)
    def refresh(self) -> None:
        """Forget what was read, so the next read sees other processes' changes."""
        if not self._depth:
            self.storage.reload()

    def mtime(self) -> float:
        """When the store last changed on disk (snapshot or journal)."""
        times = []
        for path in (self.path, self.storage.journal_path):
            with contextlib.suppress(OSError):
                times.append(path.stat().st_mtime)
        return max(times, default=0.0)

    def all(self) -> list[tuple[int, dict]]:
        """Every commitment as (id, record)."""
        return [(int(key), record) for key, record in self.storage.read().get(ITEMS, {}).items()]

    def soonest_open(self) -> list[tuple[int, dict]] | None:
        """The first open commitments in due order, read cheaply (see DurableStorage)."""
        return self.storage.soonest_open()

    def get(self, item_id: int) -> dict:
        record = self.storage.read().get(ITEMS, {}).get(str(item_id))
        if record is None:
            raise StoreError(f"no commitment with id {item_id}")
        return record

    def can_undo(self) -> int:
        return len(self.storage.read().get(UNDO, {}))

    # -- writing
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, re-read, let the caller change things, then write once, atomically."""
        if self._depth:  # nested: the outer transaction writes
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self.storage.locked():
            if not self.storage.still_current():
                self.storage.reload()
            self.storage.remove_stale_temps()
            for table in (self.items, self.journal, self.meta):
                table._next_id = None  # TinyDB caches the next id per process
                table.clear_cache()
            self._depth = 1
            try:
                yield
                self.storage.commit()
            except BaseException:
                self.storage.reload()  # drop the half-made change
                raise
            finally:
                self._depth = 0

    def _new_ids(self, count: int) -> list[int]:
        """Ids for new items; never reused, even after the newest item is removed."""
        last = self.storage.head()["last_id"]
        self.storage.set_last_id(last + count)
        return list(range(last + 1, last + count + 1))

    def _remember(self, label: str, changes: list[tuple[int, dict | None]]) -> None:
        """Journal the inverse of a change: for each id, the record as it was (None: absent)."""
        keys = sorted(self.storage.head()["undo"])
        # Ids that were absent before (new items) are kept as a plain list: an import of
        # 10,000 items would otherwise add 10,000 small objects to every later parse.
        entry = {"label": label, "at": model.now_stamp(),
                 "added": [i for i, before in changes if before is None],
                 "changes": [{"id": i, "before": before} for i, before in changes
                             if before is not None]}
        self.storage.put(UNDO, (keys[-1] if keys else 0) + 1, entry)
        for old in keys[:max(0, len(keys) + 1 - UNDO_DEPTH)]:
            self.storage.put(UNDO, old, None)

    def _put(self, item_id: int, record: dict | None) -> None:
        """Store `record` under `item_id`, replacing what was there (None: remove it)."""
        self.storage.put(ITEMS, item_id, record)

    def add(self, record: dict) -> int:
        return self.add_many([record], label="add")[0]

    def add_many(self, records: list[dict], label: str = "import") -> list[int]:
        """Store new records as one change (one undo step); returns their ids."""
        records = list(records)
        with self.transaction():
            ids = self._new_ids(len(records))
            for item_id, record in zip(ids, records):
                self._put(item_id, record)
            if ids:
                what = f"#{ids[0]} added" if len(ids) == 1 else f"{label} of {len(ids)} items"
                self._remember(what, [(i, None) for i in ids])
        return ids

    def change(self, item_id: int, label: str, update, shown: dict | None = None,
               fields: tuple[str, ...] = ()) -> dict:
        """Apply `update(record) -> event dict` to one record, stamp it, journal it.
        `shown`: the record as the person saw it (the dashboard); `fields`: what this
        change writes. If another process changed one of them since, nothing is done."""
        with self.transaction():
            before = self.get(item_id)
            _unchanged_since(item_id, before, shown, fields)
            record = orjson.loads(orjson.dumps(before))  # a deep copy: `before` stays as it was
            happened = update(record)
            record["history"].append(happened)
            record["updated"] = happened["at"]
            self._put(item_id, record)
            self._remember(f"#{item_id} {label}", [(item_id, before)])
        return record

    def mark(self, item_id: int, status: str, note: str = "", on: dt.date | None = None,
             shown: dict | None = None) -> dict:
        """Record a decision; `on` is the day it was taken (default: frist's today)."""
        if status not in model.STATUSES:
            raise StoreError(f"unknown status {status!r} (one of {', '.join(model.STATUSES)})")
        if status == "open" and on is not None:
            raise StoreError("a date of decision is for met, missed or cancelled, not open")
        decided = on or model.now().date()
        if decided > model.now().date():
            raise StoreError(f"{decided.isoformat()} is after today: a decision cannot be "
                             f"taken in the future")

        name = "reopened" if status == "open" else f"marked {status}"

        def update(record):
            previous, record["status"] = record["status"], status
            record["decided"] = None if status == "open" else decided.isoformat()
            return model.event(name if previous != status else f"{name} again", note)
        return self.change(item_id, name, update, shown, ("status", "decided"))

    def postpone(self, item_id: int, due: model.Due, note: str = "",
                 shown: dict | None = None) -> dict:
        def update(record):
            old_label, old_due = model.due_label(record), record["due"]
            _set_due(record, due)
            record["status"], record["decided"] = "open", None
            happened = model.event(f"postponed from {old_label} to {model.due_label(record)}", note)
            happened.update({"from": old_due, "to": record["due"]})  # for the track record
            return happened
        return self.change(item_id, "postponed", update, shown, DUE_FIELDS + ("status", "decided"))

    def edit(self, item_id: int, title: str | None = None, due: model.Due | None = None,
             actor: str | None = None, tags: list[str] | None = None, note: str = "",
             shown: dict | None = None) -> dict:
        """Change the fields given (None: leave it as it is)."""
        def update(record):
            what = []
            if title is not None and " ".join(title.split()) != record["title"]:
                if not title.strip():
                    raise StoreError("the title cannot be empty")
                what.append(f"title from {record['title']!r} to {' '.join(title.split())!r}")
                record["title"] = " ".join(title.split())
            if due is not None:
                old = model.due_label(record)
                _set_due(record, due)
                if model.due_label(record) != old:
                    what.append(f"due from {old} to {model.due_label(record)}")
            if actor is not None and actor.strip() != record["actor"]:
                what.append(f"actor from {record['actor']!r} to {actor.strip()!r}")
                record["actor"] = actor.strip()
            if tags is not None and sorted(set(tags)) != record["tags"]:
                what.append(f"tags to {', '.join(sorted(set(tags))) or 'none'}")
                record["tags"] = sorted(set(tags))
            return model.event("edited " + (", ".join(what) or "nothing"), note)
        written = tuple(name for name, value in (("title", title), ("actor", actor), ("tags", tags))
                        if value is not None) + (DUE_FIELDS if due is not None else ())
        return self.change(item_id, "edited", update, shown, written)

    def add_source(self, item_id: int, source: dict) -> dict:
        def update(record):
            record["sources"].append(source)
            return model.event("source added", source.get("document", ""))
        return self.change(item_id, "given a source", update)

    def remove(self, item_id: int, shown: dict | None = None) -> dict:
        with self.transaction():
            before = self.get(item_id)
            _unchanged_since(item_id, before, shown, ())
            self._put(item_id, None)
            self._remember(f"#{item_id} deleted", [(item_id, before)])
        return before

    def undo(self) -> str:
        """Revert the newest change; returns what was undone."""
        with self.transaction():
            entries = self.storage.read().get(UNDO, {})
            if not entries:
                raise StoreError("nothing to undo")
            newest = max(entries, key=int)
            entry = entries[newest]
            for change in reversed(entry.get("changes", [])):
                self._put(change["id"], change["before"])
            for item_id in entry.get("added", []):
                self._put(item_id, None)
            self.storage.put(UNDO, newest, None)
        return entry["label"]


    # -- health
    def check(self) -> Health:
        """What is wrong with the store files and what fixes it (`frist check`)."""
        return self.storage.check()

    def restore_plan(self) -> RestorePlan | None:
        """What `restore` would do; None when the store is healthy."""
        return self.storage.restore_plan()

    def restore(self, plan: RestorePlan) -> list[Path]:
        """Put the last good state back as planned; returns where damaged files went."""
        return self.storage.restore(plan)

    def write_backup(self) -> None:
        """A new snapshot and backup from the store as it is (a compaction)."""
        with self.transaction():
            self.storage.compact()


DUE_FIELDS = ("due", "precision", "window_start")


def _unchanged_since(item_id: int, current: dict, shown: dict | None,
                     fields: tuple[str, ...]) -> None:
    """Refuse a change made on a stale view: when the dashboard shows an item and
    another process changes it before the person's change arrives, writing the change
    would silently undo the other one. `fields`: what the change writes (none: all)."""
    if shown is None:
        return
    names = fields or tuple(dict.fromkeys([*current, *shown]))
    moved = [name for name in names if current.get(name) != shown.get(name)]
    if moved:
        told = [name for name in moved if name not in ("updated", "history")] or moved
        raise ConflictError(f"#{item_id} was changed elsewhere since it was shown "
                            f"({', '.join(told)}); nothing was saved")


def _set_due(record: dict, due: model.Due) -> None:
    """A new due window. `due_text` keeps the words the commitment was made in ("said
    as"): a later '+2w' is told by the history, not passed off as the source's words."""
    record.update(due=due.due.isoformat(), precision=due.precision,
                  window_start=due.window_start.isoformat())
    if not record.get("due_text"):
        record["due_text"] = due.text


def default_path() -> Path:
    from platformdirs import user_data_path
    return user_data_path("frist", appauthor=False) / "store.json"


def open_store(path: str | os.PathLike | None = None) -> Store:
    """The store at `path`, else $FRIST_DB, else the user data folder."""
    return Store(path or os.environ.get("FRIST_DB") or default_path())
