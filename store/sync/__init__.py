"""Two-way sync of the store with a CalDAV task list (VTODO): teams and calendar apps.

    from store.sync import run_sync, settings_from
    report = run_sync(store, settings_from(config), keep=None, dry_run=False)
    report.line()  # "pulled 3, pushed 5, merged 1, deleted 5 on the server, deleted 2 here"

mapping.py turns commitments into VTODOs and back, merge.py merges two changed versions
field by field, remote.py talks to the server (the `caldav` library, extra `sync`),
state.py keeps what the last sync saw (`store.json.sync`), local.py is the one place
that writes the store, engine.py runs a sync. The command line and the dashboard both
call `run_sync` and `status`.
"""
from __future__ import annotations

import importlib
import os

__all__ = ["KEEP", "FirstSync", "MassDelete", "Report", "Settings", "SyncError", "run_sync",
           "settings_from", "status", "password_for"]
# imported when first asked for: the dashboard labels rows with store.sync.mapping at
# start-up, and need not load the engine for that
_LAZY = {"KEEP": "engine", "FirstSync": "engine", "MassDelete": "engine", "Report": "engine",
         "Settings": "engine", "Sync": "engine", "SyncError": "remote"}


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f"store.sync.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'store.sync' has no attribute {name!r}")

PASSWORD_ENV = "FRIST_SYNC_PASSWORD"
KEYRING_SERVICE = "frist"


def password_for(username: str) -> str | None:
    """$FRIST_SYNC_PASSWORD, else the system keyring's password for service 'frist' and
    this username (when `keyring` is installed and has a backend). frist never stores
    or prints it."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    try:
        import keyring
        return keyring.get_password(KEYRING_SERVICE, username)
    except Exception:  # not installed, no backend, a locked keyring: no password from it
        return None


def settings_from(config) -> Settings:
    """The [sync] settings of `config`, with the password; SyncError naming what is missing."""
    from store.sync.engine import Settings
    from store.sync.remote import SyncError
    where = f"the config file {config.path}" if config.path else "the config file"
    table = getattr(config, "sync", None) or {}
    url, username = table.get("url"), table.get("username", "")
    if not url:
        raise SyncError(f"no collection to sync with: set [sync] url = \"https://...\" "
                        f"(and username) in {where}")
    password = password_for(username) if username else None
    if username and password is None:
        raise SyncError(f"no password for {username!r}: set {PASSWORD_ENV}, or store it with "
                        f"`keyring set {KEYRING_SERVICE} {username}` (pip install 'frist[sync-keyring]')")
    return Settings(url, username, password or "")


def run_sync(store, settings: Settings, keep: str | None = None, dry_run: bool = False,
             ask=None, allow_deletes: bool = False) -> Report:
    """Pull, merge and push; `ask(FirstSync)` answers the first sync's question (local,
    remote or both) when `keep` does not. A sync that would delete all or most of one
    side's items raises MassDelete (a SyncError) and changes nothing, unless
    `allow_deletes`."""
    from store.sync.engine import Sync
    return Sync(store, settings).run(keep=keep, dry_run=dry_run, ask=ask,
                                     allow_deletes=allow_deletes)


def status(store, items: list | None = None) -> tuple[str | None, int]:
    """(when the store last synced, how many of its changes wait to be pushed), from the
    store (or `items`, the (id, Commitment) pairs already read) and the state alone: no
    network."""
    import orjson

    from store.sync.mapping import view_hash, view_of
    from store.sync.state import state_path
    try:
        data = orjson.loads(state_path(store.path).read_bytes())
        synced, synced_at = dict(data["items"]), data.get("synced_at")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # never synced (or damaged)
        synced, synced_at = {}, None
    waiting, seen = 0, set()
    for _id, commitment in store.all() if items is None else items:
        uid = commitment.uid
        seen.add(uid)
        entry = synced.get(uid)
        if entry is None or view_hash(view_of(commitment)) != entry.get("hash"):
            waiting += 1
    waiting += len(set(synced) - seen)  # removed here, not yet on the server
    return synced_at, waiting
