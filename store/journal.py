"""The store's files: a checksummed snapshot and an append-only journal (the durable
file format under `store.db.Store`).

TinyDB's own JSONStorage rewrites the live file in place and takes no lock, so a crash
can tear it and two processes lose each other's writes; and every TinyDB operation reads
and rewrites the whole file, so one `frist add` on 10,000 items costs a full parse and a
full write. `DurableStorage` keeps the data in two files instead:

- `store.json`, the snapshot: a JSON object of tables (commitments, undo, meta) with
  documents keyed by id (the layout TinyDB gave it), written whole, only when the
  journal has grown to a quarter of it ("compaction"): to a temporary file beside it,
  fsynced, then `os.replace`d over it, so a reader or a crash sees the old or the new
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
its snapshot, or beside a snapshot that reads as older than they are (`{}`, or an
earlier frist's file, beside a current journal or backup: `older_than_beside`): every command then refuses with one line that names the command to run
(`frist check`, `frist restore --from-backup`), and nothing is written over.

A record is checked (`model.Commitment.problem`) when it is written, and when it is read
from a file without checksums (schema 1, written by an earlier frist; the next write
compacts it into schema 2). A checked file holds only records that were checked when
written, and its checksum proves they are unchanged: so `frist list` does not pay a
record check per item (it would cost a fifth of a load). `frist check` checks them all.

So `frist add` reads only the small journal (its header carries the last id, the change
counter and the undo keys), appends one line and is done: its cost does not grow with
the store. Readers parse the snapshot once (orjson, garbage collector paused) and replay
the journal; they read the journal before the snapshot, so a compaction racing with
them is seen either wholly or not at all. Writers hold an `fcntl.flock` on
`store.json.lock` (`DurableStorage.locked`). With `store.json` a symbolic link, every
file lives beside the link's target.
"""
from __future__ import annotations

import contextlib
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

from store import model
from store.errors import StoreError

try:
    import fcntl
except ImportError:  # not POSIX: no inter-process lock available
    fcntl = None

SCHEMA_VERSION = 2  # 2: checksums, the snapshot knows its journal, a change counter
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


class Damaged(Exception):
    """Why a file is not what it should be (becomes a StoreError naming the file)."""


class NewerSchema(Exception):
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


def file_signature(st: os.stat_result) -> list[int]:
    """What identifies one written snapshot file without reading it."""
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _write_all(fd: int, parts) -> None:
    """os.write each part until all of it is written. A short write alone is no error
    (the next call says why it stopped), but one that writes nothing means a full disk."""
    for part in parts:
        view = memoryview(part)
        while view:
            written = os.write(fd, view)
            if written <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]


# -- the snapshot file

def encode_snapshot(data: dict) -> list:
    """The snapshot file, in two parts (written one after the other, so that 40 MB are
    not copied twice): the tables as one JSON object whose first member is the CRC-32
    of every byte after that member."""
    body = memoryview(orjson.dumps(data))[1:]  # without its opening brace
    return [b'%s%08x",' % (_CHECK_HEAD, zlib.crc32(body)), body]


def _is_key(key: str) -> bool:
    """A document key as frist writes them: a positive whole number, in ASCII digits."""
    return key.isascii() and key.isdigit() and key[0] != "0"


def decode_snapshot(raw: bytes, check_records: bool = False) -> dict:
    """The tables in a snapshot file. Raises Damaged (why) or NewerSchema (its schema).
    Records are checked when the file has no checksum, or when asked."""
    checked = raw.startswith(_CHECK_HEAD) and raw[_CHECK_END - 2:_CHECK_END] == b'",'
    if checked and raw[len(_CHECK_HEAD):_CHECK_END - 2] != b"%08x" % zlib.crc32(
            memoryview(raw)[_CHECK_END:]):
        raise Damaged("its checksum does not match: bytes changed after it was written")
    try:
        data = _parse(raw)
    except orjson.JSONDecodeError:
        raise Damaged("not valid JSON, perhaps truncated") from None
    if not isinstance(data, dict):
        raise Damaged("not a frist store: wrong shape")
    meta = data.get(META, {}).get("1") if isinstance(data.get(META), dict) else None
    version = meta.get("schema") if isinstance(meta, dict) else None
    if data and type(version) is not int:
        raise Damaged("no schema version")
    if version is not None and version > SCHEMA_VERSION:
        raise NewerSchema(version)
    if checked:
        del data[CHECK_KEY]
    elif CHECK_KEY in data:
        raise Damaged("its checksum is damaged, or the file was edited")
    elif version is not None and version >= 2:
        raise Damaged("it has lost its checksum")
    if not all(isinstance(table, dict) for table in data.values()):
        raise Damaged("not a frist store: wrong shape")
    for name, table in data.items():
        if name != ITEMS and not all(type(doc) is dict for doc in table.values()):
            raise Damaged(f"an entry of {name} is not an object")
    if check_records or not checked:
        if problem := _tables_problem(data):
            raise Damaged(problem)
    return data


def older_than_beside(data: dict, journal: JournalFile | None, backup: bytes | None) -> str | None:
    """Why a snapshot of the previous format (schema 1, or `{}`, which reads as an empty
    one) cannot be the store that the journal or backup beside it belong to; None when
    it can. The next write would compact such a snapshot, writing over the journal and
    the backup that hold the store (a store.json replaced by `{}`, by an older file, or
    put back from an earlier frist's copy). A snapshot's schema only ever grows, and a
    journal or backup is written after its snapshot, so a schema-2 journal (but the
    placeholder of a first write that did not finish) or backup beside a schema-1
    snapshot, or a journal or backup that has handed out later ids than the snapshot
    holds without continuing it, says the snapshot is not the newest file."""
    meta = data.get(META, {}).get("1", {})
    if meta.get("schema", 1) >= 2:
        return None  # its token ties it to its journal (see DurableStorage._continues)
    last_id = head_of(data)["last_id"]
    what = "empty" if not data else "in an earlier frist's format (schema 1)"
    if (journal is not None and journal.header is not None and not journal.placeholder
            and not (journal.token and journal.token == meta.get("token"))):
        if journal.version >= 2:
            return f"it is {what}, but its journal was written in the current format"
        named = max([journal.header.get("last_id", 0)]
                    + [change.get("last_id", 0) for change in journal.changes])
        if named > last_id:
            return f"it is {what}, but its journal holds later items (up to #{named})"
    if backup is not None:
        if backup.startswith(_CHECK_HEAD):
            return f"it is {what}, but its backup was written in the current format"
        try:
            held = head_of(decode_snapshot(backup))["last_id"]
        except NewerSchema:
            return f"it is {what}, but its backup was written by a newer frist"
        except (Damaged, AttributeError, TypeError, ValueError):
            return None  # an unreadable backup says nothing about the snapshot
        if held > last_id:
            return f"it is {what}, but its backup holds later items (up to #{held})"
    return None


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
    problem = model.Commitment.problem(doc)
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
        if change["before"] is not None and (problem := model.Commitment.problem(change["before"])):
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
class JournalFile:
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
    # A damaged header line (mostly a cache of its snapshot: a flipped byte lands there
    # most often) does not take the changes after it along: those that still pass their
    # own chained checksums, and the damaged line (a restore looks for its snapshot's
    # token in it).
    salvaged: list = field(default_factory=list)
    damaged_header: bytes = b""

    def names_token(self, token: str | None) -> bool:
        """Whether the damaged header still holds `token` (a snapshot's, random: so the
        header was written for that snapshot, and the changes after it continue it)."""
        return bool(token) and token.encode() in self.damaged_header

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


def parse_journal(raw: bytes, check_records: bool = False) -> JournalFile:
    """Read a journal file; a damaged line stops the reading and is named in `damage`
    (what comes before it is good). Raises NewerSchema for a newer frist's journal."""
    journal = JournalFile()
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
                if number == 1:
                    journal.damage = f"its header, line 1 of {len(lines)}, fails its checksum"
                    _salvage_after_header(journal, lines, check_records)
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
    if journal.torn and not lines:
        # bytes, but not even the header line was finished: cut short, not empty
        journal.damage = f"cut short: {len(raw)} bytes without one finished line"
    if journal.damage:
        for line in lines[len(journal.changes) + (journal.header is not None):]:
            with contextlib.suppress(orjson.JSONDecodeError):
                entry = orjson.loads(line if legacy else line[9:])
                for name in ("last_id", "n"):
                    if isinstance(entry, dict) and type(entry.get(name)) is int:
                        journal.beyond[name] = max(journal.beyond[name], entry[name])
    return journal


def _salvage_after_header(journal: JournalFile, lines: list[bytes], check_records: bool) -> None:
    """The changes after a damaged header line that still pass their checksums, into
    `journal.salvaged` (a restore keeps them when the header still names the token of
    the snapshot it puts back). Each line's checksum chains from the one before: the
    chain starts from the checksum the header line states, or, when those 8 digits are
    what was damaged, from its body's."""
    header = journal.damaged_header = lines[0]
    starts = [zlib.crc32(header[9:])]
    if re.fullmatch(rb"[0-9a-f]{8}", header[:8]):
        starts.insert(0, int(header[:8], 16))
    for previous in starts:
        salvaged = []
        for line in lines[1:]:
            crc = zlib.crc32(line[9:], previous)
            if line[8:9] != b" " or line[:8] != b"%08x" % crc:
                break
            try:
                change = orjson.loads(line[9:])
            except orjson.JSONDecodeError:
                break
            if _change_problem(change, check_records) is not None:
                break
            salvaged.append(change)
            previous = crc
        if salvaged:
            journal.salvaged = salvaged
            break


def _whole_last_change(journal: JournalFile, tail: bytes, previous: int,
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
        raise NewerSchema(schema)
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


def apply_change(data: dict, change: dict) -> None:
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
    return model.doc_order(int(key), record)


def head_of(data: dict) -> dict:
    """The last id handed out (never below an existing id), the change counter and the
    undo keys, from full data."""
    meta = data.get(META, {}).get("1", {})
    last = meta.get("last_id", 0)
    highest = max(map(int, data.get(ITEMS, {})), default=0)
    return {"last_id": max(last if isinstance(last, int) else 0, highest),
            "n": meta.get("n", 0), "undo": {int(k) for k in data.get(UNDO, {})}}


def stamp_text(stamp) -> str:
    """A stored timestamp as '2025-11-24 10:00'."""
    if not isinstance(stamp, str):
        return ""
    return stamp[:16].replace("T", " ")


class DurableStorage:
    """The store's tables in a snapshot + append-only journal, checksummed, with atomic
    fsynced writes and a backup. Changes are `put` inside `locked()`, then `commit`ted."""

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
        self._counted: tuple[tuple, int] | None = None  # (files' signatures, counter)
        self._had_files = False  # read from files once: their vanishing is no new store
        self.named_by: str | None = None  # --db, FRIST_DB, the config (see store.db.open_store)
        self.reload()

    def folder_is_there(self) -> None:
        """StoreError when a store a person named lies in a folder that does not exist."""
        folder = self.path.parent
        if self.named_by and not folder.is_dir():
            raise StoreError(f"no folder {folder} for the store {self.path} (given by "
                             f"{self.named_by}): check the path; the first change made "
                             f"there (`frist add`) creates it")

    def _sibling(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    def read(self) -> dict:
        """All tables: {table: {key: document}}, as the files hold them now."""
        if self._data is None:
            self._load()
        return self._data

    # -- state
    def reload(self) -> None:
        """Forget everything read and every change not yet committed."""
        self._data: dict | None = None   # all tables: snapshot + journal (+ pending)
        self._head: dict | None = None   # {"last_id", "n", "undo": set of keys}
        self._journal: JournalFile | None = None
        self._journal_sig: list[int] | None = None  # of the journal file last read
        self._journal_ok = False         # the journal continues the snapshot on disk now
        self._snapshot_size = 0
        self._snapshot_sig: list[int] | None = None  # of the snapshot file _data came from
        self._pending: dict[str, dict[str, dict | None]] = {}
        self._pending_last_id: int | None = None

    def still_current(self) -> bool:
        """Whether the data read is still what is on disk: no other process has appended
        to the journal or compacted since. A long-running process (the dashboard) then
        need not parse the whole store again for each change it makes."""
        journal = self._journal
        if (self._data is None or journal is None or journal.torn or self._pending
                or self._snapshot_sig is None):
            return False
        try:
            return (file_signature(self.path.stat()) == self._snapshot_sig
                    and self.journal_path.stat().st_size == journal.good_bytes)
        except OSError:
            return False

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock (fcntl.flock on store.json.lock, beside the snapshot)."""
        try:
            if self.named_by and not self.path.parent.is_dir():
                self.path.parent.mkdir(parents=True)
                self.warnings.append(f"made the folder {self.path.parent} for the new store "
                                     f"{self.path} (given by {self.named_by})")
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

    def _journal_damaged(self, journal: JournalFile) -> StoreError:
        kept = len(journal.changes)
        which = f"the {kept} change{'s' * (kept != 1)} before the damage" if kept \
            else "the snapshot, without the journal's changes"
        if journal.salvaged:
            kept = len(journal.salvaged)
            which = f"with the {kept} intact change{'s' * (kept != 1)} after the header"
        return StoreError(f"the store's journal {self.journal_path} is damaged "
                          f"({journal.damage}); it was left untouched: `{RESTORE}` puts back "
                          f"the last good state ({which})")

    def _newer(self, version: int, where: Path) -> StoreError:
        return StoreError(f"the store {where} was written by a newer frist (schema {version}, "
                          f"this one reads up to {SCHEMA_VERSION}); upgrade frist to use it")

    def _missing_snapshot(self, journal: JournalFile | None) -> StoreError:
        there = [f"journal {self.journal_path}"] if journal is not None else []
        there += [f"backup {self.backup}"] if self.backup.exists() else []
        fix = (self._restore_hint() if self.backup.exists()
               else f"with no backup, move {self.journal_path} away to start an empty store")
        return StoreError(f"the store {self.path} is missing, but its {' and '.join(there)} "
                          f"{'are' if len(there) > 1 else 'is'} there; nothing was changed: {fix}")

    def _journal_gone(self, how: str, data: dict) -> StoreError:
        when = stamp_text(data.get(META, {}).get("1", {}).get("written")) or "its last compaction"
        return StoreError(f"the store's journal {self.journal_path} is {how}, though the "
                          f"snapshot {self.path} has one; nothing was changed: put it back if "
                          f"it was moved, or run `{RESTORE}` to go on from the snapshot of "
                          f"{when} without the changes since")

    # -- reading
    def _read_journal(self) -> JournalFile | None:
        """The journal, None if there is none; StoreError if it is damaged."""
        try:
            with open(self.journal_path, "rb") as fh:
                sig = file_signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            self._journal_sig = None
            return None
        except OSError as e:
            raise StoreError(f"cannot read the store {self.journal_path}: {e.strerror}") from None
        self._journal_sig = sig
        try:
            journal = parse_journal(raw)
        except NewerSchema as e:
            raise self._newer(e.args[0], self.journal_path) from None
        if journal.damage:
            raise self._journal_damaged(journal)
        return journal

    def _read_snapshot(self) -> dict | None:
        """The snapshot's tables, None if there is no snapshot; StoreError if damaged."""
        try:
            with open(self.path, "rb") as fh:
                sig = file_signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            return None
        except OSError as e:
            raise StoreError(f"cannot read the store {self.path}: {e.strerror}") from None
        self._snapshot_size, self._snapshot_sig = len(raw), sig
        try:
            return decode_snapshot(raw)
        except Damaged as e:
            raise self._damaged(str(e)) from None
        except NewerSchema as e:
            raise self._newer(e.args[0], self.path) from None

    def _continues(self, data: dict, journal: JournalFile | None) -> bool:
        """Whether the journal's changes apply to this snapshot; StoreError when the
        snapshot says it has a journal and this is not it."""
        meta = data.get(META, {}).get("1", {})
        schema, token = meta.get("schema", 1), meta.get("token")
        if schema < 2:
            try:
                backup = self.backup.read_bytes()
            except OSError:
                backup = None
            if why := older_than_beside(data, journal, backup):
                raise self._damaged(why)
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
                    if self._had_files:  # moved or deleted under an open dashboard
                        raise StoreError(f"the store {self.path} is gone (moved or deleted "
                                         "since it was opened); nothing was written: put it "
                                         "back, or open frist with --db where it is now")
                    self.folder_is_there()  # a typo in --db is no empty store
                    data, continues = {}, False  # a new store (or its first write failed)
                else:
                    continues = self._continues(data, journal)
                    self._had_files = True
                break
            except StoreError:
                # Another process may have compacted (more than once) between the two
                # reads: the snapshot is then newer than the journal read. Read again.
                try:
                    now = file_signature(self.journal_path.stat())
                except OSError:
                    now = None
                if now == read_sig or attempt >= 20:
                    raise
        if continues:
            for change in journal.changes:
                apply_change(data, change)
            try:
                sig = file_signature(self.path.stat())
            except OSError:
                sig = None
            self._journal_ok = journal.version >= 2 and journal.header.get("snapshot") == sig
        else:
            self._journal_ok = False
        self._journal = journal
        for table, docs in self._pending.items():  # changes made before the full read
            apply_change(data, {"set": {table: docs}})
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
                sig = file_signature(self.path.stat())
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
        self._head = head_of(data)
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
            sig = file_signature(self.path.stat())
        except OSError:
            return None
        if not header or journal.version < 2 or header.get("snapshot") != sig:
            return None
        kept, kept_all = header.get("soonest"), header.get("soonest_all")
        if (not isinstance(kept, list) or not kept or not isinstance(kept_all, bool)
                or not all(isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int
                           and type(pair[1]) is dict for pair in kept)):
            return None
        last = model.doc_order(*kept[-1])
        items = dict(kept)
        for change in journal.changes:
            for key, doc in change.get("set", {}).get(ITEMS, {}).items():
                item_id = int(key)
                items.pop(item_id, None)
                if doc is not None and doc["status"] == "open" and (
                        kept_all or model.doc_order(item_id, doc) <= last):
                    items[item_id] = doc
        if not items:  # all of them decided since: the journal cannot say what comes next
            return None
        return sorted(items.items(), key=lambda item: model.doc_order(*item))

    # -- the change counter
    def _disk_key(self) -> tuple:
        """The snapshot's and the journal's signatures: one of them moves with every write."""
        def sig(path: Path):
            try:
                return tuple(file_signature(path.stat()))
            except OSError:
                return None
        return sig(self.path), sig(self.journal_path)

    def counter(self) -> int:
        """The change counter: one more with every change any process commits (a
        compaction alone is no change), kept in the files. Cheap to follow: two stats
        while nothing changes, then the journal alone."""
        key = self._disk_key()  # before reading: a write after it moves the key again
        if self._counted is not None and self._counted[0] == key:
            return self._counted[1]
        journal = self._read_journal()
        header = journal.header if journal is not None else None
        if (header and journal.version >= 2 and key[0] is not None
                and header.get("snapshot") == list(key[0])):
            count = journal.changes[-1].get("n", 0) if journal.changes else header["n"]
        else:  # the journal does not continue the snapshot: read it whole, apart
            count = head_of(DurableStorage(self.path).read())["n"]
        self._counted = (key, count)
        return count

    # -- changing (inside Store.transaction only)
    def put(self, table: str, key: int | str, doc: dict | None) -> None:
        """Set one document (None: delete it), to be written at commit. A commitment
        that readers could not rely on is refused here, before it reaches a file."""
        key = str(key)
        if table == ITEMS and doc is not None and (problem := _item_problem(key, doc)):
            raise StoreError(f"not stored: {problem}")
        self._pending.setdefault(table, {})[key] = doc
        if self._data is not None:
            apply_change(self._data, {"set": {table: {key: doc}}})
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
        if not self._pending and self._pending_last_id is None:
            return
        head = self.head()
        count = head["n"] + 1
        change: dict = {"n": count, "set": self._pending}
        if self._pending_last_id is not None:
            change["last_id"] = self._pending_last_id
        journal = self._journal
        line, crc = journal_line(change, journal.last_crc if journal is not None else 0)
        if (not self._journal_ok or journal is None or journal.header is None
                or journal.good_bytes - journal.header_bytes + len(line)
                > journal_limit(self._snapshot_size)):
            self.compact(count)
        else:
            self._append(line, crc, journal)
            head["n"] = count
            if self._data is not None:
                self._data.setdefault(META, {}).setdefault("1", {})["n"] = count
        self._pending, self._pending_last_id = {}, None
        self._counted = (self._disk_key(), count)  # under the lock: nobody wrote since
        self._had_files = True

    def _append(self, line: bytes, crc: int, journal: JournalFile) -> None:
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
            _write_all(fd, [line])
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
        head = head_of(data)
        # Kept in list order (soonest due first): a reader's sort then finds the data
        # already in order, and walks memory in sequence when it prints it.
        data[ITEMS] = dict(sorted(data.get(ITEMS, {}).items(), key=_due_order))
        on_disk = self._journal  # under the lock: the journal file as it is now
        token = os.urandom(8).hex()
        meta.update(schema=SCHEMA_VERSION, last_id=head["last_id"], n=head["n"], token=token,
                    folded=on_disk.token if on_disk is not None else None,
                    written=model.now_stamp())
        parts = encode_snapshot(data)
        soonest = list(itertools.islice(([int(key), record] for key, record in data[ITEMS].items()
                                         if record["status"] == "open"), SOONEST_KEPT + 1))
        header = {"format": JOURNAL_FORMAT, "schema": SCHEMA_VERSION, "token": token,
                  "snapshot": None, "n": head["n"], "last_id": head["last_id"],
                  "undo": sorted(head["undo"]), "soonest": soonest[:SOONEST_KEPT],
                  "soonest_all": len(soonest) <= SOONEST_KEPT}
        temp = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temp, sig = self._write_temp(self.path, parts)
            if on_disk is None or on_disk.header is None:
                self._install(self.journal_path, [journal_line(header, 0)[0]])
            os.replace(temp, self.path)
        except OSError as e:
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
            self.reload()  # what was read and pending is dropped: it was not written
            raise StoreError(f"cannot write the store {self.path}: {e.strerror}; "
                             f"nothing was changed") from None
        self._snapshot_size, self._snapshot_sig = sum(map(len, parts)), sig
        header["snapshot"] = sig
        header_line, crc = journal_line(header, 0)
        step = self.backup
        try:
            self._install(self.backup, parts)
            step = self.journal_path
            self._install(self.journal_path, [header_line])
        except OSError as e:
            self._fsync_folder()
            self.warnings.append(f"the change is stored, but {step} could not be written "
                                 f"({e.strerror}); the next change tries again")
            self._journal_ok, self._head = False, head
            return
        self._fsync_folder()
        self._journal = JournalFile(header, [], good_bytes=len(header_line),
                                 header_bytes=len(header_line), last_crc=crc, lines=1)
        self._journal_ok, self._head = True, head

    def _write_temp(self, target: Path, parts) -> tuple[Path, list[int]]:
        """`parts` (bytes, one after the other) in a new fsynced temporary file beside
        `target` (mode 0600): its path and signature. OSError (the temporary file
        removed) if it cannot be."""
        tag = target.name[len(self.path.name):].lstrip(".")
        temp = target.parent / f".{self.path.name}.{tag + '.' if tag else ''}{os.getpid()}.tmp"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                _write_all(fd, parts)
                os.fsync(fd)
                sig = file_signature(os.fstat(fd))
            finally:
                os.close(fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        return temp, sig

    def _install(self, target: Path, parts) -> None:
        """Atomically replace `target` with `parts`; OSError if it cannot be."""
        temp, _sig = self._write_temp(target, parts)
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

    def rebuild(self, data: dict, count: int) -> None:
        """Write `data` as the whole store, with change counter `count`: a new snapshot,
        backup and journal (what a restore does; hold the lock). A journal file still
        there is recorded in the snapshot as folded in."""
        self.reload()
        self._data = data
        if self.journal_path.exists():
            self._journal = parse_journal(self.journal_path.read_bytes())
        self.compact(count)
