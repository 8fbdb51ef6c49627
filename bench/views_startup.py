"""How long the timeline (t) and the month calendar (v) take to open, and to answer a key,
on 10,000 items, against the same views on 20 items measured in the same run.

    /work/venv/bin/python bench/views_startup.py [--items 10000] [--repeat 5]

Each figure is the median wall time, in the headless Textual driver at 80x24, from the
key press until the app is idle again (the view composed, mounted and painted); much of
that is the driver's own fixed cost. "refresh + draw" is the view's own work alone:
`refresh_items()` (what the app calls after every change) plus drawing every line.
The views draw with the line API, so the ratio 10,000 : 20 should stay small: what grows
with the store is one pass over the items (filter, group by day), not the drawing.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import model  # noqa: E402
from store.db import open_store  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.screens.calendar import MonthGrid  # noqa: E402
from tui.screens.timeline import TimelineView  # noqa: E402

TODAY = dt.date(2025, 11, 24)
PRECISION_VALUES = ("{d}", "{d}", "{d}", "{w}", "{m}", "{q}")  # mostly days, some windows


def make_store(path: Path, count: int):
    """`count` open items spread over two years around TODAY, a mix of precisions."""
    store = open_store(path)
    records = []
    for n in range(count):
        day = TODAY + dt.timedelta(days=(n * 37) % 730 - 200)
        year, week, _ = day.isocalendar()
        value = PRECISION_VALUES[n % len(PRECISION_VALUES)].format(
            d=day.isoformat(), w=f"{year}-W{week:02d}", m=f"{day.year}-{day.month:02d}",
            q=f"{day.year}-Q{(day.month - 1) // 3 + 1}")
        records.append(model.Commitment.new(f"commitment number {n} about something",
                                            model.Due.from_value(value), actor=f"actor {n % 50}"))
    store.add_many(records, "bench")
    return store


async def measure(store, repeat: int) -> dict[str, float]:
    """Median seconds: open timeline, open calendar, and a few keys inside each."""
    app = make_app(store, TODAY.isoformat())
    times: dict[str, list[float]] = {}

    def view_work(name: str, widget_type) -> None:
        """The view's own work, without the driver: re-read the items, draw every line."""
        screen = app.screen
        widget = screen.query_one(widget_type)
        start = time.perf_counter()
        screen.refresh_items()
        for y in range(widget.size.height):
            widget.render_line(y)
        times.setdefault(name, []).append(time.perf_counter() - start)

    async def timed(name: str, *keys: str) -> None:
        start = time.perf_counter()
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        times.setdefault(name, []).append(time.perf_counter() - start)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(repeat):
            await timed("open timeline (t)", "t")
            await timed("timeline: down", "down")
            await timed("timeline: page down", "pagedown")
            await timed("timeline: zoom out (-)", "minus")
            await timed("timeline: end", "end")
            view_work("timeline: refresh + draw", TimelineView)
            await pilot.press("escape")
            await pilot.pause()
            await timed("open calendar (v)", "v")
            await timed("calendar: right", "right")
            await timed("calendar: page down", "pagedown")
            view_work("calendar: refresh + draw", MonthGrid)
            await pilot.press("escape")
            await pilot.pause()
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small = asyncio.run(measure(make_store(Path(folder) / "small.json", 20), args.repeat))
        large = asyncio.run(measure(make_store(Path(folder) / "large.json", args.items),
                                    args.repeat))
    print(f"{'median ms':<26}{'20 items':>10}{f'{args.items:,} items':>16}{'ratio':>8}")
    for name in small:
        print(f"{name:<26}{small[name] * 1000:>10.1f}{large[name] * 1000:>16.1f}"
              f"{large[name] / small[name]:>8.1f}")


if __name__ == "__main__":
    main()
