"""A real Radicale CalDAV server for the sync tests, in this process, on a free port.

Test files import the fixtures they use (`from radicale_fixture import radicale`); pytest
then finds them like its own. The server has htpasswd users and one shared team
collection that is a task list (VTODO), plus an event calendar and users without
rights, so the error paths meet a real server's answers, never a mock of the protocol.
"""
from __future__ import annotations

import json
import logging
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# user -> password (htpasswd, plain); alice and bob are the team, carol may only read,
# dave may not even look.
USERS = {"alice": "alice-secret", "bob": "bob-secret", "carol": "carol-secret",
         "dave": "dave-secret"}
TEAM = "team/tasks/"      # the shared task list (VTODO)
EVENTS = "team/events/"   # an event calendar (VEVENT only): not a task list

# Radicale's rights file: first matching section wins.
RIGHTS = """\
[root]
user: .+
collection:
permissions: R
[own]
user: .+
collection: {user}(/.*)?
permissions: RrWw
[team-folder]
user: alice|bob|carol
collection: team
permissions: R
[team]
user: alice|bob
collection: team/[^/]+
permissions: rw
[reader]
user: carol
collection: team/[^/]+
permissions: r
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_collection(root: Path, path: str, component: str, name: str) -> None:
    """A calendar collection on Radicale's disk: what MKCALENDAR would leave."""
    folder = root / "collection-root" / path.strip("/")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".Radicale.props").write_text(json.dumps({
        "tag": "VCALENDAR", "D:displayname": name,
        "C:supported-calendar-component-set": component}))


@dataclass
class Radicale:
    folder: Path
    port: int = field(default_factory=_free_port)
    users: dict = field(default_factory=lambda: dict(USERS))
    _thread: threading.Thread | None = None
    _stop: socket.socket | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def collection_url(self, path: str = TEAM) -> str:
        return self.url + path

    @property
    def storage(self) -> Path:
        return self.folder / "collections"

    def configuration(self):
        from radicale import config
        (self.folder / "users").write_text(
            "".join(f"{user}:{password}\n" for user, password in self.users.items()))
        (self.folder / "rights").write_text(RIGHTS)
        configuration = config.load()
        configuration.update({
            "server": {"hosts": f"127.0.0.1:{self.port}"},
            "auth": {"type": "htpasswd", "htpasswd_filename": str(self.folder / "users"),
                     "htpasswd_encryption": "plain", "delay": "0"},
            "rights": {"type": "from_file", "file": str(self.folder / "rights")},
            "storage": {"filesystem_folder": str(self.storage)},
            "logging": {"level": "error", "mask_passwords": "True"},
            "web": {"type": "none"},
        }, "test", privileged=True)
        return configuration

    def start(self) -> None:
        from radicale import server
        # its warnings (a refused sync-token, with a traceback) are expected here
        logging.getLogger("radicale").setLevel(logging.ERROR)
        ours, theirs = socket.socketpair()
        self._stop = ours
        configuration = self.configuration()
        self._thread = threading.Thread(target=server.serve, args=(configuration, theirs),
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # ready once it accepts a connection
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("Radicale did not start")

    def stop(self) -> None:
        """Stop serving: later requests find nothing listening (connection refused)."""
        if self._stop is not None:
            self._stop.close()
            self._stop = None
            self._thread.join(10)


@pytest.fixture
def radicale(tmp_path):
    """A running Radicale with the team task list and an event calendar."""
    server = Radicale(tmp_path / "radicale")
    server.folder.mkdir()
    make_collection(server.storage, TEAM, "VTODO", "Team commitments")
    make_collection(server.storage, EVENTS, "VEVENT", "Team events")
    server.start()
    yield server
    server.stop()


def write_config(folder: Path, url: str, username: str = "alice") -> Path:
    """A frist config whose [sync] table points at `url` as `username`."""
    path = folder / "frist.toml"
    path.write_text(f'[sync]\nurl = "{url}"\nusername = "{username}"\nsync_every = "15m"\n')
    return path


@pytest.fixture
def sync_env(radicale, tmp_path):  # noqa: F811
    """What `frist` needs to sync as alice with the team list."""
    return {"FRIST_CONFIG": str(write_config(tmp_path, radicale.collection_url())),
            "FRIST_SYNC_PASSWORD": USERS["alice"]}
