"""Time until the dashboard shows its first row, against a blank Textual app showing one
label, in the same interpreter, alternating runs; then how a 100,000-item store responds.

    /work/venv/bin/python bench/tui_startup.py [--items 10000] [--big 100000] [--repeat 7]

Start-up: each run is a fresh process (`python -c ...`), timed from spawn (wall clock)
until the end of the first screen update that shows the label (blank app) or a row of
the table (frist): interpreter start, imports, reading the store, composing, the first
paint. Both run Textual's headless driver (it composes and renders as for a terminal,
without writing to one). The CPU time is the whole process's, exit included.
Target: median frist / median blank <= 1.5 at 10,000 items. The machine may be shared:
the fastest run and the CPU time (user + system, less disturbed by other processes)
are printed as well.

Responsiveness (in-process, Pilot, 120x40): median wall time of a key until the app is
idle again — page down, a search keystroke, marking met (including the store's write
to disk), undo — on --items and on --big; "a key bound to nothing" is the cost of Pilot
and the headless driver themselves, included in every other figure.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2025, 11, 24)

# Both apps note the wall-clock time at the end of the first screen update that put what
# they show on screen (for frist: a row of the table), print it, and exit.
PAINT_HOOK = """
import time
from textual.screen import Screen
_refresh = Screen._compositor_refresh
def _noting(self):
    _refresh(self)
    if shown() and not getattr(Screen, "_noted", False):
        Screen._noted = True
        print(time.time(), flush=True)
        self.app.exit()
Screen._compositor_refresh = _noting
"""

BLANK = PAINT_HOOK + """
from textual.app import App
from textual.widgets import Label

class Blank(App):
    def compose(self):
        yield Label("hello")

def shown():
    return True

Blank().run(headless=True, size=(120, 40))
"""

FRIST = PAINT_HOOK + """
import sys
sys.path.insert(0, {root!r})
from store.db import open_store
from tui.app import make_app
from tui.widgets.table import CommitTable

painted = []
row_line = CommitTable._row_line
def noting(self, index):
    painted.append(index)
    return row_line(self, index)
CommitTable._row_line = noting

def shown():
    return bool(painted)

make_app(open_store({db!r}), {today!r}).run(headless=True, size=(120, 40))
"""


def make_store(path: Path, count: int):
    from store import model
    from store.db import open_store
    store = open_store(path)
    records = []
    for n in range(count):
        day = TODAY + dt.timedelta(days=(n * 37) % 900 - 300)
        status = ("open", "open", "open", "met", "missed", "open", "cancelled")[n % 7]
        record = model.new_record(f"Commitment number {n}: the ministry will publish report {n % 97}",
                                  model.Due.day(day), actor=f"Actor {n % 50}",
                                  sources=[{"sentence": f"The ministry said it would publish report {n} by then.",
                                            "document": f"article-{n % 300}.txt",
                                            "published": "2025-11-01", "lang": "en"}])
        record["status"] = status
        records.append(record)
    store.add_many(records, "bench")
    return store


def run_once(code: str) -> tuple[float, float]:
    """(seconds from spawn to the first paint, CPU seconds of the whole process)."""
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    painted = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) or not painted.strip():
        raise SystemExit("a timed run failed")
    return float(painted.split()[0]) - start, usage.ru_utime + usage.ru_stime


def startup(db: Path, repeat: int) -> dict[str, tuple[float, float]]:
    """{"blank"|"frist": (median wall, median CPU)}, and the minimum wall times."""
    runs: dict[str, list[tuple[float, float]]] = {"blank": [], "frist": []}
    code = {"blank": BLANK, "frist": FRIST.format(root=str(ROOT), db=str(db),
                                                  today=TODAY.isoformat())}
    for name in runs:  # warm the file cache for both
        run_once(code[name])
    for _ in range(repeat):
        for name in runs:
            runs[name].append(run_once(code[name]))
    return {name: (statistics.median(w for w, _c in r), statistics.median(c for _w, c in r),
                   min(w for w, _c in r)) for name, r in runs.items()}


async def responsiveness(db: Path, repeat: int) -> dict[str, float]:
    from store.db import open_store
    from tui.app import make_app
    app = make_app(open_store(db), TODAY.isoformat())
    times: dict[str, list[float]] = {}

    async def timed(name: str, pilot, *keys: str) -> None:
        start = time.perf_counter()
        await pilot.press(*keys)
        await pilot.pause()
        times.setdefault(name, []).append(time.perf_counter() - start)

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(repeat):
            await timed("a key bound to nothing", pilot, "z")  # Pilot's and the driver's own cost
        for _ in range(repeat):
            await timed("page down", pilot, "pagedown")
        await pilot.press("slash")
        for ch in "report 4":
            await timed("search keystroke", pilot, "space" if ch == " " else ch)
        await pilot.press("escape")
        await pilot.pause()
        for _ in range(repeat):
            await pilot.press("pagedown")
            await timed("mark met (m, Enter)", pilot, "m", "enter")
            await timed("undo (u)", pilot, "u")
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="frist-bench-"))
    print(f"python {sys.version.split()[0]}, {args.repeat} alternating runs, medians")
    for count in [n for n in (args.items, args.big) if n]:
        db = folder / f"store-{count}.json"
        started = time.perf_counter()
        make_store(db, count)
        print(f"\n{count:,} items (store written in {time.perf_counter() - started:.1f} s, "
              f"{db.stat().st_size / 1e6:.1f} MB)")
        times = startup(db, args.repeat)
        (bw, bc, bmin), (fw, fc, fmin) = times["blank"], times["frist"]
        target = "  (target <= 1.5)" if count == args.items else ""
        print(f"  first paint, wall: blank app {bw:.3f} s, frist first row {fw:.3f} s, "
              f"ratio {fw / bw:.2f}{target}")
        print(f"  fastest run, wall: blank app {bmin:.3f} s, frist first row {fmin:.3f} s, "
              f"ratio {fmin / bmin:.2f}")
        print(f"  CPU time:          blank app {bc:.3f} s, frist first row {fc:.3f} s, "
              f"ratio {fc / bc:.2f}")
        for name, seconds in asyncio.run(responsiveness(db, 3)).items():
            print(f"  {name:<22} {seconds * 1000:7.1f} ms")
    # The timeline and the month calendar, opened on the same number of items.
    print(f"\nopening the views ({args.items:,} items against 20):", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "views_startup.py"),
                    "--items", str(args.items)], check=False)


if __name__ == "__main__":
    main()
