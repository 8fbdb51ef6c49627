"""The commitment store: a TinyDB database made durable, locked, versioned, undoable and fast.

TinyDB's own JSONStorage rewrites the live file in place and takes no lock, so a crash
can tear it and two processes lose each other's writes; and every TinyDB operation reads
and rewrites the whole file, so one `frist add` on 10,000 items costs a full parse and a
full write. `DurableStorage` (a TinyDB `Storage`) keeps the data in two files instead:

- `store.json`, the snapshot: TinyDB's usual dict of tables, written whole, only when
  the journal has grown to a quarter of it ("compaction"): to a temporary file beside
  it, fsynced, then `os.replace`d over it, so a reader or a crash sees the old or the new
  file, never half of one. A full copy of each new snapshot is kept as `store.json.bak`
  (a copy, not a link, so damage done to the live file in place cannot reach it).
- `store.json.journal`, append-only: a header line naming the snapshot it continues
  (a random token also stored in the snapshot, plus the snapshot's inode, size and
  mtime) and holding its first open items in due order (what the dashboard paints
  before it reads the rest), then one JSON line per change: the documents it set or
  deleted. A line is appended and fsynced in one write; a torn last line (a writer
  killed mid-write) is ignored by readers and cut off by the next writer.

So `frist add` reads only the small journal (its header carries the last id and the
undo keys), appends one line and is done: its cost does not grow with the store.
Readers parse the snapshot once (orjson, garbage collector paused) and replay the
journal; they read the journal before the snapshot, so a compaction racing with them
is seen either wholly or not at all.

`Store.transaction()` holds an `fcntl.flock` on `store.json.lock` across each
read-modify-write and re-reads inside it, so concurrent `frist` processes serialise
instead of overwriting each other; ids come from a `last_id` high-water mark read inside
the lock, so two processes never hand out the same id and ids are never reused.
Every change records its inverse in the `undo` table, which `Store.undo()` replays.
A damaged snapshot or journal is never written over: the error names the file.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import os
import re
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

SCHEMA_VERSION = 1
UNDO_DEPTH = 100
ITEMS, UNDO, META = "commitments", "undo", "meta"
JOURNAL_FORMAT = "frist-journal-1"
# Compact once the journal outgrows this and a quarter of the snapshot: replaying it
# then costs a reader at most about a quarter more than the snapshot alone.
JOURNAL_MIN_BYTES = 256 * 1024
# The journal header also keeps the first open items in due order, as many as a tall
# terminal shows: the dashboard paints them before it parses the whole snapshot.
SOONEST_KEPT = 150


def journal_limit(snapshot_size: int) -> int:
    """The journal size beyond which the next write compacts."""
    return max(JOURNAL_MIN_BYTES, snapshot_size // 4)


class StoreError(FristError):
    """The store cannot be used (damaged, newer schema, unknown id, unwritable)."""


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


class _Journal:
    """The parsed journal file: header, changes, and how many bytes of it are whole."""

    def __init__(self, header: dict | None = None, changes: list | None = None,
                 good_bytes: int = 0, torn: bool = False, header_bytes: int = 0):
        self.header, self.changes = header, changes or []
        self.good_bytes, self.torn = good_bytes, torn
        self.header_bytes = header_bytes  # the header line's length: not counted for compaction


class DurableStorage(Storage):
    """TinyDB storage: snapshot + append-only journal, atomic fsynced writes, a backup."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.backup = self._sibling(".bak")
        self.journal_path = self._sibling(".journal")
        self._stale_temp = re.compile(rf"\.{re.escape(self.path.name)}\.(journal\.|bak\.)?\d+\.tmp")
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
        self._head: dict | None = None   # {"last_id", "undo": set of keys}, from the journal
        self._journal: _Journal | None = None
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

    # -- reading
    def _damaged(self, why: str, where: Path | None = None) -> StoreError:
        if where is not None:  # the journal: the snapshot itself is still good
            hint = f"; {self.path} holds everything up to the last compaction"
        else:
            where = self.path
            hint = (f"; the last good copy is {self.backup}" if self.backup.exists()
                    else "; no backup exists yet")
        return StoreError(f"the store {where} is damaged ({why}); it was left untouched{hint}")

    def _newer(self, version: int, where: Path) -> StoreError:
        return StoreError(f"the store {where} was written by a newer frist (schema {version}, "
                          f"this one reads up to {SCHEMA_VERSION}); upgrade frist to use it")

    def _read_journal(self) -> _Journal:
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return _Journal()
        except OSError as e:
            raise StoreError(f"cannot read the store {self.journal_path}: {e.strerror}") from None
        end = raw.rfind(b"\n") + 1  # a last line without its newline was never finished
        lines = raw[:end].splitlines()
        if not lines:
            return _Journal(good_bytes=end, torn=end < len(raw))
        try:
            header = orjson.loads(lines[0])
            changes = [orjson.loads(line) for line in lines[1:]]
        except orjson.JSONDecodeError:
            raise self._damaged("a journal line is not valid JSON", self.journal_path) from None
        if not isinstance(header, dict) or header.get("format") != JOURNAL_FORMAT:
            version = header.get("schema") if isinstance(header, dict) else None
            if isinstance(version, int) and version > SCHEMA_VERSION:
                raise self._newer(version, self.journal_path)
            raise self._damaged("not a frist journal", self.journal_path)
        if isinstance(header.get("schema"), int) and header["schema"] > SCHEMA_VERSION:
            raise self._newer(header["schema"], self.journal_path)
        undo = header.get("undo")
        if not (isinstance(header.get("last_id"), int) and isinstance(undo, list)
                and all(isinstance(key, int) for key in undo) and all(map(_valid_change, changes))):
            raise self._damaged("a journal line has the wrong shape", self.journal_path)
        return _Journal(header, changes, end, end < len(raw), len(lines[0]) + 1)

    def _read_snapshot(self) -> dict:
        try:
            with open(self.path, "rb") as fh:
                sig = _signature(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            return {}
        except OSError as e:
            raise StoreError(f"cannot read the store {self.path}: {e.strerror}") from None
        self._snapshot_size, self._snapshot_sig = len(raw), sig
        try:
            data = _parse(raw)
        except orjson.JSONDecodeError:
            raise self._damaged("not valid JSON, perhaps truncated") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise self._damaged("not a frist store: wrong shape")
        meta = data.get(META, {}).get("1", {})
        version = meta.get("schema") if isinstance(meta, dict) else None
        if data and not isinstance(version, int):
            raise self._damaged("no schema version")
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise self._newer(version, self.path)
        for name, table in data.items():
            if name != ITEMS and not all(type(doc) is dict for doc in table.values()):
                raise self._damaged(f"an entry of {name} is not an object")
        if not all(map(_valid_item, data.get(ITEMS, {}).values())):
            raise self._damaged("a commitment is not an object with a title, due date and status")
        return data

    def _load(self) -> None:
        """Read everything: the journal first, then the snapshot it continues."""
        journal = self._read_journal()
        data = self._read_snapshot()
        token = data.get(META, {}).get("1", {}).get("token")
        if journal.header and token and journal.header.get("token") == token:
            for change in journal.changes:
                _apply(data, change)
            try:
                sig = _signature(self.path.stat())
            except OSError:
                sig = None
            self._journal_ok = journal.header.get("snapshot") == sig
        else:  # no journal, or one a finished compaction already folded in
            self._journal_ok = False
        self._journal = journal
        for table, docs in self._pending.items():  # changes made before the full read
            _apply(data, {"set": {table: docs}})
        if self._pending_last_id is not None:
            data.setdefault(META, {}).setdefault("1", {})["last_id"] = self._pending_last_id
        self._data = data

    def head(self) -> dict:
        """What a new change needs to know: the last id handed out and the undo keys.
        Taken from the journal alone when it continues the snapshot on disk, so adding
        an item does not parse the whole store."""
        if self._head is not None:
            return self._head
        if self._data is None:
            journal = self._read_journal()
            header = journal.header
            try:
                sig = _signature(self.path.stat())
            except OSError:
                sig = None
            if header and sig and header.get("snapshot") == sig:
                head = {"last_id": header["last_id"], "undo": set(header["undo"])}
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
        header = journal.header or {}
        try:
            sig = _signature(self.path.stat())
        except OSError:
            return None
        kept, kept_all = header.get("soonest"), header.get("soonest_all")
        if (header.get("snapshot") != sig or not isinstance(kept, list) or not kept
                or not isinstance(kept_all, bool)
                or not all(isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int
                           and _valid_item(pair[1]) for pair in kept)):
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
        """Set one document (None: delete it), to be written at commit."""
        key = str(key)
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
        """Write what the transaction changed: one journal line, or a whole new snapshot."""
        if not self._pending and self._pending_last_id is None and not self._rewrite:
            return
        change: dict = {"set": self._pending}
        if self._pending_last_id is not None:
            change["last_id"] = self._pending_last_id
        line = orjson.dumps(change) + b"\n"
        journal = self._journal
        if (self._rewrite or not self._journal_ok or journal is None or journal.header is None
                or journal.good_bytes - journal.header_bytes + len(line)
                > journal_limit(self._snapshot_size)):
            self.compact()
        else:
            self._append(line, journal)
        self._pending, self._pending_last_id, self._rewrite = {}, None, False

    def _append(self, line: bytes, journal: _Journal) -> None:
        try:
            fd = os.open(self.journal_path, os.O_WRONLY | os.O_APPEND)
            try:
                if journal.torn:  # cut off the unfinished line of a writer that was killed
                    os.ftruncate(fd, journal.good_bytes)
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            raise StoreError(f"cannot write the store {self.journal_path}: {e.strerror}") from None
        journal.good_bytes += len(line)
        journal.torn = False

    def compact(self) -> None:
        """Write the whole data as a new snapshot, its backup copy, and an empty journal."""
        data = self.read()
        head = _head_of(data)
        # Kept in list order (soonest due first): a reader's sort then finds the data
        # already in order, and walks memory in sequence when it prints it.
        data[ITEMS] = dict(sorted(data.get(ITEMS, {}).items(), key=_due_order))
        meta = data.setdefault(META, {}).setdefault("1", {})
        meta.update(schema=SCHEMA_VERSION, last_id=head["last_id"], token=os.urandom(8).hex())
        payload = orjson.dumps(data)
        sig = self._write_file(self.path, payload)
        self._write_file(self.backup, payload)
        soonest = list(itertools.islice(([int(key), record] for key, record in data[ITEMS].items()
                                         if record["status"] == "open"), SOONEST_KEPT + 1))
        header = {"format": JOURNAL_FORMAT, "schema": SCHEMA_VERSION, "token": meta["token"],
                  "snapshot": sig, "last_id": head["last_id"], "undo": sorted(head["undo"]),
                  "soonest": soonest[:SOONEST_KEPT], "soonest_all": len(soonest) <= SOONEST_KEPT}
        header_line = orjson.dumps(header) + b"\n"
        self._write_file(self.journal_path, header_line)
        self._fsync_folder()
        self._journal = _Journal(header, [], len(header_line), header_bytes=len(header_line))
        self._journal_ok, self._snapshot_size, self._head = True, len(payload), head
        self._snapshot_sig = sig

    def _write_file(self, target: Path, payload: bytes) -> list[int]:
        """Atomically replace `target` with `payload` (mode 0600); the new file's signature."""
        folder = target.parent
        tag = target.name[len(self.path.name):].lstrip(".")
        tmp = folder / f".{self.path.name}.{tag + '.' if tag else ''}{os.getpid()}.tmp"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
                sig = _signature(os.fstat(fd))
            finally:
                os.close(fd)
            os.replace(tmp, target)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise StoreError(f"cannot write the store {target}: {e.strerror}") from None
        return sig

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


def _valid_change(change) -> bool:
    """A journal line: {"set": {table: {key: document or null}}, "last_id": n}."""
    if not isinstance(change, dict) or not isinstance(change.get("set", {}), dict):
        return False
    if "last_id" in change and not isinstance(change["last_id"], int):
        return False
    tables = change.get("set", {})
    if not all(isinstance(docs, dict) and all(doc is None or type(doc) is dict for doc in docs.values())
               for docs in tables.values()):
        return False
    return all(doc is None or _valid_item(doc) for doc in tables.get(ITEMS, {}).values())


def _valid_item(doc: dict) -> bool:
    """What every reader of a commitment relies on."""
    return (type(doc) is dict and type(doc.get("title")) is str and type(doc.get("due")) is str
            and doc.get("status") in model.STATUSES)


def _apply(data: dict, change: dict) -> None:
    """Apply one journal change to the full tables."""
    for table, docs in change.get("set", {}).items():
        target = data.setdefault(table, {})
        for key, doc in docs.items():
            if doc is None:
                target.pop(key, None)
            else:
                target[key] = doc
    if "last_id" in change:
        data.setdefault(META, {}).setdefault("1", {})["last_id"] = change["last_id"]


def _apply_head(head: dict, change: dict) -> None:
    for key, doc in change.get("set", {}).get(UNDO, {}).items():
        (head["undo"].discard if doc is None else head["undo"].add)(int(key))
    if "last_id" in change:
        head["last_id"] = change["last_id"]


def _due_order(entry: tuple[str, dict]):
    key, record = entry
    return model.due_order(int(key), record)


def _head_of(data: dict) -> dict:
    """The last id handed out (never below an existing id) and the undo keys, from full data."""
    last = data.get(META, {}).get("1", {}).get("last_id", 0)
    highest = max(map(int, data.get(ITEMS, {})), default=0)
    return {"last_id": max(last if isinstance(last, int) else 0, highest),
            "undo": {int(k) for k in data.get(UNDO, {})}}


class Store:
    """All reads and changes of commitments; the CLI and the dashboard both use this."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.storage = DurableStorage(self.path)
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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            lock_fd = os.open(self.path.with_name(self.path.name + ".lock"),
                              os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as e:
            raise StoreError(f"cannot use the store {self.path}: {e.strerror}") from None
        try:
            if fcntl:
                fcntl.flock(lock_fd, fcntl.LOCK_EX)
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
        finally:
            os.close(lock_fd)  # closing releases the flock

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

    def change(self, item_id: int, label: str, update) -> dict:
        """Apply `update(record) -> event dict` to one record, stamp it, journal it."""
        with self.transaction():
            before = self.get(item_id)
            record = orjson.loads(orjson.dumps(before))  # a deep copy: `before` stays as it was
            happened = update(record)
            record["history"].append(happened)
            record["updated"] = happened["at"]
            self._put(item_id, record)
            self._remember(f"#{item_id} {label}", [(item_id, before)])
        return record

    def mark(self, item_id: int, status: str, note: str = "", on: dt.date | None = None) -> dict:
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
        return self.change(item_id, name, update)

    def postpone(self, item_id: int, due: model.Due, note: str = "") -> dict:
        def update(record):
            old_label, old_due = model.due_label(record), record["due"]
            _set_due(record, due)
            record["status"], record["decided"] = "open", None
            happened = model.event(f"postponed from {old_label} to {model.due_label(record)}", note)
            happened.update({"from": old_due, "to": record["due"]})  # for the track record
            return happened
        return self.change(item_id, "postponed", update)

    def edit(self, item_id: int, title: str | None = None, due: model.Due | None = None,
             actor: str | None = None, tags: list[str] | None = None, note: str = "") -> dict:
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
        return self.change(item_id, "edited", update)

    def add_source(self, item_id: int, source: dict) -> dict:
        def update(record):
            record["sources"].append(source)
            return model.event("source added", source.get("document", ""))
        return self.change(item_id, "given a source", update)

    def remove(self, item_id: int) -> dict:
        with self.transaction():
            before = self.get(item_id)
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
