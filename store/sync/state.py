"""What a store knows about its collection since the last sync: `store.json.sync`.

Per uid: the item's href and ETag on the server, a hash of the synced fields and those
fields themselves (the merge base), and the item's text when it holds what frist does
not write (an app's alarm, a due time of day), so a write-back keeps it. Plus the
collection's sync-token. A uid in the state whose record is gone from the store is a
local delete not yet pushed (its tombstone). Written whole, atomically (temporary file,
fsync, rename), only after a sync succeeded: a sync that fails leaves the last one.
"""
from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store.errors import FristError

FORMAT = "frist-sync-1"


class StateError(FristError):
    """The sync state file cannot be read or written. `problem`: what is wrong, in a few
    words (`frist check` shows it beside the file's name)."""

    def __init__(self, message: str, problem: str = ""):
        super().__init__(message)
        self.problem = problem or message


# what to do about a damaged state (`frist sync` and `frist check` say it)
STATE_FIX = ("move it aside and sync again: a first sync, where --keep both merges by uid "
             "(what either side deleted since the last sync comes back)")


@dataclass
class Entry:
    href: str
    etag: str | None
    hash: str
    base: dict
    raw: str | None = None

    def as_json(self) -> dict:
        out = {"href": self.href, "etag": self.etag, "hash": self.hash, "base": self.base}
        if self.raw:
            out["raw"] = self.raw
        return out


@dataclass
class State:
    path: Path
    url: str = ""
    username: str = ""
    token: str | None = None
    synced_at: str | None = None
    items: dict[str, Entry] = field(default_factory=dict)
    # href -> {etag, uid, title, problem} of to-dos dated outside frist's days, left alone
    skipped: dict[str, dict] = field(default_factory=dict)

    @property
    def fresh(self) -> bool:
        """Never synced with this collection."""
        return self.token is None and not self.items

    def save(self) -> None:
        data = {"format": FORMAT, "url": self.url, "username": self.username,
                "token": self.token, "synced_at": self.synced_at,
                "items": {uid: entry.as_json() for uid, entry in self.items.items()},
                "skipped": self.skipped}
        write_atomically(self.path, orjson.dumps(data))


def state_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".sync")


def load_state(store_path: Path, url: str, username: str) -> State:
    """The state beside the store; an empty one when there is none, or when it belongs to
    another collection (pointing frist at a new URL is a first sync with it). StateError
    when it cannot be read or is damaged."""
    path = state_path(store_path)
    state = read_state(path)
    # a state from before urls with a password were refused: the same collection
    # (and saving rewrites it without the password)
    if state is None or _without_userinfo(state.url) != url:
        return State(path, url, username)
    state.url, state.username = url, username
    return state


def read_state(path: Path) -> State | None:
    """The state file at `path` as it is (None: there is none), every part checked;
    StateError naming what is wrong."""
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except OSError as e:
        raise StateError(f"cannot read the sync state {path}: {e.strerror}",
                         f"unreadable ({e.strerror})") from None
    except orjson.JSONDecodeError:
        raise _damaged(path, "not JSON") from None
    try:
        if data.get("format") != FORMAT:
            raise ValueError
        items = {str(uid): _entry(e) for uid, e in data["items"].items()}
        skipped = data.get("skipped", {})
        if not all(isinstance(e, dict) and {"etag", "uid", "title", "problem"} <= set(e)
                   for e in skipped.values()):
            raise ValueError
        token, synced_at = data.get("token"), data.get("synced_at")
        if not all(isinstance(v, (str, type(None))) for v in (token, synced_at)):
            raise ValueError
        return State(path, str(data.get("url")), str(data.get("username", "")), token,
                     synced_at, items,
                     {str(href): {**e, "href": str(href)} for href, e in skipped.items()})
    except (AttributeError, KeyError, TypeError, ValueError):
        raise _damaged(path, "wrong shape") from None


def _entry(e: dict) -> Entry:
    """One item's entry, checked: what a sync reads of it has the right kind."""
    from store.sync.mapping import VIEW_FIELDS
    entry = Entry(e["href"], e.get("etag"), e["hash"], e["base"], e.get("raw"))
    if not (isinstance(entry.href, str) and isinstance(entry.hash, str)
            and all(isinstance(v, (str, type(None))) for v in (entry.etag, entry.raw))
            and isinstance(entry.base, dict) and set(VIEW_FIELDS) <= set(entry.base)
            and all(isinstance(entry.base[name], list) for name in ("tags", "sources", "history"))):
        raise ValueError
    return entry


def _damaged(path: Path, how: str) -> StateError:
    return StateError(f"the sync state {path} is damaged ({how}); {STATE_FIX}",
                      f"damaged ({how})")


def _without_userinfo(url: str) -> str:
    return re.sub(r"^([^:/?#]*://)[^/?#]*@", r"\1", url)


def write_atomically(target: Path, payload: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StateError(f"cannot write the sync state {target}: {e.strerror}") from None
