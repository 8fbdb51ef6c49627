"""What `frist sync` costs beside the plain caldav library doing the same work, and how
Radicale's own PUT cost grows with the collection.

Run by hand:  python bench/sync.py [--items 1000] [--changes 10] [--repeat 3]

Radicale runs as its own process (as a team runs it), on 127.0.0.1, storage in a
temporary folder; each measurement gets a fresh, empty task list. Per repeat:

- first push: a store of N commitments syncs with an empty collection. caldav: the same
  N VTODO texts (frist's, made before the clock starts) saved with `save_todo`, then a
  sync-collection REPORT for the token: N PUTs and a REPORT either way.
- first pull: a second, empty store syncs with those N. caldav: the sync-collection
  REPORT and multiget REPORTs of all N, each item then parsed (`icalendar_component`),
  as a client that uses them must (get_objects_by_sync_token(load_objects=True) would
  GET each item: far slower, not what a sync client does).
- incremental: another client changes C items on the server (for frist: the second
  store) and C others change here; frist syncs. caldav: REPORT by token, multiget of the
  C changed, C saves with If-Match.

Figures are the best of the repeats (the machine is shared), each round's frist/caldav
after them; who goes first alternates. The ratio is frist / caldav.
Radicale's PUT cost: the mean time of the caldav PUTs per 10% of the collection as it
fills: Radicale checks a new item's UID against the collection, so a PUT into a big
collection costs more; both sides pay it alike.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import caldav  # noqa: E402

from store import model  # noqa: E402
from store.db import Store  # noqa: E402
from store.sync import Settings, run_sync  # noqa: E402
from store.sync.mapping import to_ical, view_of  # noqa: E402

USER, PASSWORD = "bench", "bench-secret"


class Server:
    """Radicale as a subprocess, with as many empty task lists as asked for."""

    def __init__(self, folder: Path, collections: int):
        self.folder = folder
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
        for n in range(collections):
            path = folder / "collections" / "collection-root" / "team" / f"list{n}"
            path.mkdir(parents=True)
            (path / ".Radicale.props").write_text(
                '{"tag": "VCALENDAR", "C:supported-calendar-component-set": "VTODO"}')
        (folder / "config").write_text(f"""\
[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {folder / 'users'}
htpasswd_encryption = plain
delay = 0
[rights]
type = authenticated
[storage]
filesystem_folder = {folder / 'collections'}
[logging]
level = error
[web]
type = none
""")
        self.process = subprocess.Popen([sys.executable, "-m", "radicale", "--config",
                                         str(folder / "config")])
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("Radicale did not start")

    def url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.port}/team/list{n}/"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def records(count: int, seed: int) -> list[model.Commitment]:
    rng = random.Random(seed)
    base = dt.date(2025, 1, 1)
    return [model.Commitment.new(f"Commitment {n} on export licences", model.Due.from_value(
        model.period_value(base + dt.timedelta(days=rng.randint(0, 1000)),
                           rng.choice(model.PRECISIONS))),
        actor=f"Actor {n % 50}", tags=["bench"], note="from the bench",
        sources=[model.Source(f"The ministry said it would act on item {n}.",
                              f"https://example.org/{n}", "2025-11-24", "en")])
        for n in range(count)]


def calendar(url: str):
    return caldav.DAVClient(url=url, username=USER, password=PASSWORD).calendar(url=url)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class CaldavSide:
    """The plain caldav library doing the same work on its own task list."""

    def __init__(self, url: str, made: list[model.Commitment], changes: int):
        self.url, self.changes = url, changes
        self.texts = [to_ical(view_of(r), r.updated) for r in made]  # before the clock
        self.put_times: list[float] = []

    def push(self):  # N saves, then a sync-collection REPORT for the token
        cal = calendar(self.url)
        for text in self.texts:
            start = time.perf_counter()
            cal.save_todo(text)
            self.put_times.append(time.perf_counter() - start)
        cal.get_objects_by_sync_token(disable_fallback=True)

    def pull(self):  # the listing, multigets of all, each item read
        self.reader = calendar(self.url)
        found = self.reader.get_objects_by_sync_token(disable_fallback=True)
        urls = [obj.url for obj in found]
        self.objects = []
        for start in range(0, len(urls), 250):
            self.objects += self.reader.multiget(urls[start:start + 250])
        for obj in self.objects:
            obj.icalendar_component
        self.token = found.sync_token

    def prepare(self):  # C changes by another client, C here (untimed)
        other = calendar(self.url)
        for obj in other.multiget([o.url for o in self.objects[:self.changes]]):
            obj.icalendar_component["SUMMARY"] = str(obj.icalendar_component["SUMMARY"]) + " (moved)"
            obj.save(increase_seqno=False)
        self.mine = self.objects[-self.changes:]
        for obj in self.mine:
            obj.icalendar_component["SUMMARY"] = str(obj.icalendar_component["SUMMARY"]) + " (edited)"

    def incremental(self):  # REPORT by token, multiget of the changed, saves with If-Match
        found = self.reader.get_objects_by_sync_token(self.token, disable_fallback=True)
        for obj in self.reader.multiget([obj.url for obj in found]):
            obj.icalendar_component
        for obj in self.mine:
            obj.save(increase_seqno=False, precondition="etag")


class FristSide:
    """`frist sync` of a store with the same records, and a second store."""

    def __init__(self, url: str, made: list[model.Commitment], changes: int, folder: Path, tag: str):
        self.settings, self.changes = Settings(url, USER, PASSWORD), changes
        self.pusher = Store(folder / f"push{tag}.json")
        self.pusher.add_many(made)
        self.puller = Store(folder / f"pull{tag}.json")

    def push(self):
        run_sync(self.pusher, self.settings)

    def pull(self):
        run_sync(self.puller, self.settings)

    def prepare(self):  # the other client is the second store; C edits here
        for item_id, record in self.puller.all()[:self.changes]:
            self.puller.edit(item_id, title=record.title + " (moved)")
        run_sync(self.puller, self.settings)
        for item_id, record in self.pusher.all()[-self.changes:]:
            self.pusher.edit(item_id, title=record.title + " (edited)")

    def incremental(self):
        report = run_sync(self.pusher, self.settings)
        assert (report.pulled, report.pushed) == (self.changes, self.changes), report.line()


def one_round(server: Server, n: int, items: int, changes: int, folder: Path) -> dict:
    """Both sides, phase by phase; who goes first alternates between rounds."""
    made = records(items, n)
    sides = {"caldav": CaldavSide(server.url(2 * n), made, changes),
             "frist": FristSide(server.url(2 * n + 1), made, changes, folder, str(n))}
    order = ["caldav", "frist"] if n % 2 == 0 else ["frist", "caldav"]
    out = {}
    for phase in ("push", "pull", "incremental"):
        for name in order:
            if phase == "incremental":
                sides[name].prepare()
            out[f"{phase} {name}"] = timed(getattr(sides[name], phase))
    out["put times"] = sides["caldav"].put_times
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = Server(folder / "radicale", 2 * args.repeat)
        try:
            rounds = [one_round(server, n, args.items, args.changes, folder)
                      for n in range(args.repeat)]
        finally:
            server.stop()
    print(f"Radicale, {args.items} items, {args.changes} changes each way, best of "
          f"{args.repeat} (python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    print(f"{'':22}{'frist':>10}{'caldav':>10}{'ratio':>8}")
    for what in ("push", "pull", "incremental"):
        ours = min(r[f"{what} frist"] for r in rounds)
        theirs = min(r[f"{what} caldav"] for r in rounds)
        label = {"push": f"first sync, push {args.items}", "pull": f"first sync, pull {args.items}",
                 "incremental": f"incremental, {args.changes}+{args.changes}"}[what]
        each = "  ".join(f"{r[f'{what} frist']:.2f}/{r[f'{what} caldav']:.2f}" for r in rounds)
        print(f"{label:22}{ours:>9.2f}s{theirs:>9.2f}s{ours / theirs:>8.2f}   (rounds: {each})")
    times = min((r["put times"] for r in rounds), key=sum)
    tenth = max(1, len(times) // 10)
    print("Radicale PUT as the list fills (caldav save_todo, ms per PUT):")
    print("  " + "  ".join(f"{n * tenth + 1}-{(n + 1) * tenth}: "
                           f"{1000 * sum(times[n * tenth:(n + 1) * tenth]) / tenth:.1f}"
                           for n in range(len(times) // tenth)))


if __name__ == "__main__":
    main()
