"""The commitment store: a TinyDB file made durable, locked, versioned and undoable.

TinyDB's own JSONStorage rewrites the live file in place and takes no lock, so a crash
can tear it and two processes lose each other's writes. `DurableStorage` instead:

- parses the file once per transaction (orjson, garbage collector paused) and keeps it in
  memory while TinyDB works on it;
- writes a temporary file beside the store, fsyncs it and `os.replace`s it over the store,
  so a reader or a crash sees either the old or the new file, never half of one;
- keeps the previous good file as `<store>.bak` (a hard link: no copying);
- refuses a damaged store or one written by a newer frist, naming the file.

`Store.transaction()` holds an `fcntl.flock` on `<store>.lock` across the whole
read-modify-write and re-reads the file inside it, so concurrent `frist` processes
serialise instead of overwriting each other. Every change records its inverse in the
`undo` table, which `Store.undo()` replays, newest first.
"""
from __future__ import annotations

import contextlib
import gc
import os
from pathlib import Path
from typing import Iterator

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from store import model
from store.errors import FristError

try:
    import fcntl
except ImportError:  # not POSIX: no inter-process lock available
    fcntl = None

SCHEMA_VERSION = 1
UNDO_DEPTH = 100
ITEMS, UNDO, META = "commitments", "undo", "meta"


class StoreError(FristError):
    """The store cannot be used (damaged, newer schema, unknown id, unwritable)."""


def _parse(raw: bytes):
    gc.disable()  # parsing allocates many small objects; collection passes only slow it
    try:
        return orjson.loads(raw)
    finally:
        gc.enable()


class DurableStorage(Storage):
    """TinyDB storage: one parse per transaction, atomic and fsynced writes, a backup."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.backup = self.path.with_name(self.path.name + ".bak")
        self._data: dict | None = None
        self._dirty = False

    # -- TinyDB's Storage interface
    def read(self) -> dict | None:
        if self._data is None:
            self._data = self._load()
        return self._data

    def write(self, data: dict) -> None:
        self._data = data
        self._dirty = True

    def close(self) -> None:
        pass

    # -- transaction support
    def reload(self) -> None:
        self._data, self._dirty = None, False

    def flush(self) -> None:
        if self._dirty and self._data is not None:
            self._save(self._data)
        self._dirty = False

    def _damaged(self, why: str) -> StoreError:
        hint = (f"; the last good copy is {self.backup}" if self.backup.exists()
                else "; no backup exists yet")
        return StoreError(f"the store {self.path} is damaged ({why}); it was left untouched{hint}")

    def _load(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as e:
            raise StoreError(f"cannot read the store {self.path}: {e.strerror}") from None
        try:
            data = _parse(raw)
        except orjson.JSONDecodeError:
            raise self._damaged("not valid JSON, perhaps truncated") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise self._damaged("not a frist store: wrong shape")
        if not all(isinstance(doc, dict) for table in data.values() for doc in table.values()):
            raise self._damaged("an entry is not an object")
        version = data.get(META, {}).get("1", {}).get("schema")
        if data and not isinstance(version, int):
            raise self._damaged("no schema version")
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise StoreError(f"the store {self.path} was written by a newer frist "
                             f"(schema {version}, this one reads up to {SCHEMA_VERSION}); "
                             "upgrade frist to use it")
        return data

    def _save(self, data: dict) -> None:
        folder = self.path.parent
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{self.path.name}.{os.getpid()}.tmp"
        payload = orjson.dumps(data)
        try:
            with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            if self.path.exists():  # the file we parsed is good: keep it as the backup
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(self.backup)
                with contextlib.suppress(OSError):
                    os.link(self.path, self.backup)
            os.replace(tmp, self.path)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise StoreError(f"cannot write the store {self.path}: {e.strerror}") from None
        with contextlib.suppress(OSError):  # make the rename itself durable
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def remove_stale_temps(self) -> None:
        """Temp files left by a writer that was killed; only call while holding the lock."""
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


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

    # -- reading (no lock needed: writes replace the file atomically)
    def refresh(self) -> None:
        """Forget what was read, so the next read sees other processes' changes."""
        if not self._depth:
            self.storage.reload()

    def mtime(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return 0.0

    def all(self) -> list[tuple[int, dict]]:
        """Every commitment as (id, record)."""
        table = (self.storage.read() or {}).get(ITEMS, {})
        return [(int(key), record) for key, record in table.items()]

    def get(self, item_id: int) -> dict:
        record = (self.storage.read() or {}).get(ITEMS, {}).get(str(item_id))
        if record is None:
            raise StoreError(f"no commitment with id {item_id}")
        return record

    def can_undo(self) -> int:
        return len((self.storage.read() or {}).get(UNDO, {}))

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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock_fd = os.open(self.path.with_name(self.path.name + ".lock"),
                          os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl:
                fcntl.flock(lock_fd, fcntl.LOCK_EX)
            self.storage.reload()
            self.storage.remove_stale_temps()
            data = self.storage.read()
            for table in (self.items, self.journal, self.meta):
                table._next_id = None  # TinyDB caches the next id per process
                table.clear_cache()
            if not data.get(META):
                self.meta.insert({"schema": SCHEMA_VERSION, "last_id": 0})
            self._depth = 1
            try:
                yield
            except BaseException:
                self.storage.reload()  # drop the half-made change
                raise
            finally:
                self._depth = 0
            self.storage.flush()
        finally:
            os.close(lock_fd)  # closing releases the flock

    def _new_ids(self, count: int) -> list[int]:
        """Ids for new items; never reused, even after the newest item is removed."""
        last = self.meta.get(doc_id=1).get("last_id", 0)
        highest = max([last, *map(int, self.storage.read().get(ITEMS, {}))])
        self.meta.update({"last_id": highest + count}, doc_ids=[1])
        return list(range(highest + 1, highest + count + 1))

    def _remember(self, label: str, changes: list[tuple[int, dict | None]]) -> None:
        """Journal the inverse of a change: for each id, the record as it was (None: absent)."""
        self.journal.insert({"label": label, "at": model.now_stamp(),
                             "changes": [{"id": i, "before": before} for i, before in changes]})
        keys = sorted(int(k) for k in self.storage.read()[UNDO])
        if len(keys) > UNDO_DEPTH:
            self.journal.remove(doc_ids=keys[:-UNDO_DEPTH])

    def _put(self, item_id: int, record: dict) -> None:
        """Store `record` under `item_id`, replacing (not merging into) what was there."""
        if self.items.contains(doc_id=item_id):
            self.items.remove(doc_ids=[item_id])
        self.items.insert(Document(record, doc_id=item_id))

    def add(self, record: dict) -> int:
        return self.add_many([record], label="add")[0]

    def add_many(self, records: list[dict], label: str = "import") -> list[int]:
        """Store new records as one change (one undo step); returns their ids."""
        with self.transaction():
            ids = self._new_ids(len(records))
            self.items.insert_multiple(Document(r, doc_id=i) for i, r in zip(ids, records))
            if ids:
                what = f"add {ids[0]}" if len(ids) == 1 else f"{label} of {len(ids)} items"
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
            self._remember(f"{label} {item_id}", [(item_id, before)])
        return record

    def mark(self, item_id: int, status: str, note: str = "") -> dict:
        if status not in model.STATUSES:
            raise StoreError(f"unknown status {status!r} (one of {', '.join(model.STATUSES)})")

        def update(record):
            previous, record["status"] = record["status"], status
            name = "reopened" if status == "open" else f"marked {status}"
            return model.event(name if previous != status else f"{name} again", note)
        return self.change(item_id, f"mark {status}", update)

    def postpone(self, item_id: int, due: model.Due, note: str = "") -> dict:
        def update(record):
            old = model.due_label(record)
            _set_due(record, due)
            if record["status"] != "open":
                record["status"] = "open"
            return model.event(f"postponed from {old} to {model.due_label(record)}", note)
        return self.change(item_id, "postpone", update)

    def edit(self, item_id: int, title: str | None = None, due: model.Due | None = None,
             actor: str | None = None, tags: list[str] | None = None, note: str = "") -> dict:
        def update(record):
            what = []
            if title is not None and " ".join(title.split()) != record["title"]:
                if not title.strip():
                    raise StoreError("the title cannot be empty")
                what.append(f"title from {record['title']!r}")
                record["title"] = " ".join(title.split())
            if due is not None:
                old = model.due_label(record)
                _set_due(record, due)
                if model.due_label(record) != old:
                    what.append(f"due from {old} to {model.due_label(record)}")
            if actor is not None and actor.strip() != record["actor"]:
                what.append(f"actor from {record['actor']!r}")
                record["actor"] = actor.strip()
            if tags is not None and sorted(set(tags)) != record["tags"]:
                what.append("tags")
                record["tags"] = sorted(set(tags))
            return model.event("edited " + (", ".join(what) or "nothing"), note)
        return self.change(item_id, "edit", update)

    def add_source(self, item_id: int, source: dict) -> dict:
        def update(record):
            record["sources"].append(source)
            return model.event("source added", source.get("document", ""))
        return self.change(item_id, "add source to", update)

    def remove(self, item_id: int) -> dict:
        with self.transaction():
            before = self.get(item_id)
            self.items.remove(doc_ids=[item_id])
            self._remember(f"rm {item_id}", [(item_id, before)])
        return before

    def undo(self) -> str:
        """Revert the newest change; returns what was undone."""
        with self.transaction():
            entries = self.storage.read().get(UNDO, {})
            if not entries:
                raise StoreError("nothing to undo")
            newest = max(entries, key=int)
            entry = entries[newest]
            for change in reversed(entry["changes"]):
                item_id, before = change["id"], change["before"]
                if before is None:
                    if self.items.contains(doc_id=item_id):
                        self.items.remove(doc_ids=[item_id])
                else:
                    self._put(item_id, before)
            self.journal.remove(doc_ids=[int(newest)])
        return entry["label"]


def _set_due(record: dict, due: model.Due) -> None:
    record.update(due=due.due.isoformat(), precision=due.precision,
                  window_start=due.window_start.isoformat(), due_text=due.text)


def default_path() -> Path:
    from platformdirs import user_data_path
    return user_data_path("frist", appauthor=False) / "store.json"


def open_store(path: str | os.PathLike | None = None) -> Store:
    """The store at `path`, else $FRIST_DB, else the user data folder."""
    return Store(path or os.environ.get("FRIST_DB") or default_path())

