"""Time until the dashboard shows its first row, against a blank Textual app showing one
label, in the same interpreter, alternating runs; then how a 100,000-item store responds.

    /work/venv/bin/python bench/tui_startup.py [--items 10000] [--big 100000] [--repeat 7]

Start-up: each run is a fresh process (`python -c ...`), timed from spawn (wall clock)
until the end of the first screen update that shows the label (blank app) or a row of
the table (frist): interpreter start, imports, reading the store, composing, the first
paint. Both run Textual's headless driver (it composes and renders as for a terminal,
without writing to one). frist paints its first rows from the few soonest open items
kept in the store's journal header, then reads the whole store: the time until that
second screen update (counts and tabs whole) is printed too. The CPU time is the whole
process's, exit included. Target: median frist first row / median blank <= 1.5 at
10,000 items. The machine may be shared: the fastest run and the CPU time (user +
system, less disturbed by other processes) are printed as well.

Responsiveness (in-process, Pilot, 120x40): median wall time of a key until the app is
idle again — page down, a search keystroke, marking met (including the store's write
to disk), undo — on --items and on --big; "a key bound to nothing" is the cost of Pilot
and the headless driver themselves, included in every other figure.
"""
from __future__ import annotations

import argparse
import asyncio
import compileall
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
# they show on screen (for frist: a row of the table), print it, and exit. frist paints
# its first rows from the store's journal header, then reads the rest: it also notes the
# end of the first update after that (the counts and tabs whole), and exits then.
PAINT_HOOK = """
import time
from textual.screen import Screen
_refresh = Screen._compositor_refresh
_noted = []
def _noting(self):
    _refresh(self)
    stage = shown()
    while stage > len(_noted):  # frist reading a small store whole at once: both at once
        _noted.append(time.time())
        if len(_noted) == FINAL:
            print(*_noted, flush=True)
            self.app.exit()
Screen._compositor_refresh = _noting
"""

BLANK = PAINT_HOOK + """
from textual.app import App
from textual.widgets import Label

class Blank(App):
    def compose(self):
        yield Label("hello")

FINAL = 1
def shown():
    return 1

Blank().run(headless=True, size=(120, 40))
"""

FRIST = PAINT_HOOK + """
import sys
sys.path.insert(0, {root!r})
from store.db import open_store
from tui.app import make_app
from tui.widgets.table import CommitTable

FINAL = 2
rows_painted = [0, 0]  # rows painted before and after the whole store was read

def shown():
    if rows_painted[1] or (whole_at_start and rows_painted[0]):
        return 2
    return 1 if rows_painted[0] else 0

app = make_app(open_store({db!r}), {today!r})
whole_at_start = app.view.complete
row_line = CommitTable._row_line
def noting(self, index):
    rows_painted[app.view.complete and not whole_at_start] += 1
    return row_line(self, index)
CommitTable._row_line = noting
app.run(headless=True, size=(120, 40))
"""


def make_store(path: Path, count: int):
    from store import model
    from store.db import open_store
    store = open_store(path)
    records = []
    for n in range(count):
        day = TODAY + dt.timedelta(days=(n * 37) % 900 - 300)
        status = ("open", "open", "open", "met", "missed", "open", "cancelled")[n % 7]
        record = model.Commitment.new(
            f"Commitment number {n}: the ministry will publish report {n % 97}",
            model.Due.day(day), actor=f"Actor {n % 50}",
            sources=[model.Source(f"The ministry said it would publish report {n} by then.",
                                  f"article-{n % 300}.txt", "2025-11-01", "en")])
        records.append(record.with_changes(status=status))
    store.add_many(records, "bench")
    return store


def run_once(code: str) -> tuple[list[float], float]:
    """(seconds from spawn to each noted paint, CPU seconds of the whole process)."""
    start = time.time()
    child = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                             text=True)
    painted = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) or not painted.strip():
        raise SystemExit("a timed run failed")
    return [float(t) - start for t in painted.split()], usage.ru_utime + usage.ru_stime


def startup(db: Path, repeat: int) -> dict[str, dict[str, float]]:
    """Per app: median and fastest wall time to the first paint, median CPU time, and
    (frist) the median wall time until the whole store is read and shown."""
    runs: dict[str, list[tuple[list[float], float]]] = {"blank": [], "frist": []}
    code = {"blank": BLANK, "frist": FRIST.format(root=str(ROOT), db=str(db),
                                                  today=TODAY.isoformat())}
    for name in runs:  # warm the file cache for both
        run_once(code[name])
    for _ in range(repeat):
        for name in runs:
            runs[name].append(run_once(code[name]))
    return {name: {"first": statistics.median(w[0] for w, _c in r),
                   "fastest": min(w[0] for w, _c in r),
                   "cpu": statistics.median(c for _w, c in r),
                   "whole": statistics.median(w[-1] for w, _c in r)} for name, r in runs.items()}


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
    # Textual's bytecode was compiled when it was installed; frist's is compiled on its
    # first run (unless PYTHONDONTWRITEBYTECODE is set): time both as a second start.
    compileall.compile_dir(ROOT / "store", quiet=1)
    compileall.compile_dir(ROOT / "tui", quiet=1)
    print(f"python {sys.version.split()[0]}, {args.repeat} alternating runs, medians")
    for count in [n for n in (args.items, args.big) if n]:
        db = folder / f"store-{count}.json"
        started = time.perf_counter()
        make_store(db, count)
        print(f"\n{count:,} items (store written in {time.perf_counter() - started:.1f} s, "
              f"{db.stat().st_size / 1e6:.1f} MB)")
        times = startup(db, args.repeat)
        blank, frist = times["blank"], times["frist"]
        target = "  (target <= 1.5)" if count == args.items else ""
        print(f"  first paint, wall: blank app {blank['first']:.3f} s, frist first row "
              f"{frist['first']:.3f} s, ratio {frist['first'] / blank['first']:.2f}{target}")
        print(f"  fastest run, wall: blank app {blank['fastest']:.3f} s, frist first row "
              f"{frist['fastest']:.3f} s, ratio {frist['fastest'] / blank['fastest']:.2f}")
        print(f"  CPU time:          blank app {blank['cpu']:.3f} s, frist (to the whole store) "
              f"{frist['cpu']:.3f} s, ratio {frist['cpu'] / blank['cpu']:.2f}")
        print(f"  whole store read and shown (counts, tabs): {frist['whole']:.3f} s, "
              f"ratio {frist['whole'] / blank['first']:.2f}")
        for name, seconds in asyncio.run(responsiveness(db, 3)).items():
            print(f"  {name:<22} {seconds * 1000:7.1f} ms")
    # The timeline and the month calendar, opened on the same number of items.
    print(f"\nopening the views ({args.items:,} items against 20):", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / "views_startup.py"),
                    "--items", str(args.items)], check=False)


if __name__ == "__main__":
    main()
