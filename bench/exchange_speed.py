"""How long export and import take on a big store, per format.

Run by hand:  python bench/exchange_speed.py [--count 10000] [--runs 3]

The items are built in memory (no store file): 10,000 commitments with an actor, tags, a
source sentence, a history of three events and every third one decided, so the figures
are those of the exchange code alone (`frist export` adds reading the store).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import exchange, model  # noqa: E402

TODAY = dt.date(2025, 11, 24)


def items(count: int) -> list[tuple[int, model.Commitment]]:
    rng = random.Random(count)
    out = []
    for n in range(1, count + 1):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 1500))
        precision = rng.choice(["day", "day", "day", "week", "month", "quarter", "year"])
        due = model.Due.day(day) if precision == "day" else \
            model.Due.from_value(model.period_value(day, precision))
        source = model.Source(f"The ministry said on Monday it will settle point {n} by "
                              f"{due.label}, a spokesperson confirmed.",
                              f"https://news.example.org/2025/{n}.html", "2025-11-20", "en")
        record = model.Commitment.new(f"Settle point {n} of the export licence talks", due,
                                      actor=f"Ministry {n % 40}", tags=["trade", f"t{n % 7}"],
                                      sources=[source], note="from a bench article")
        history = [*record.history, model.Event.now("edited actor", "from '' to 'Ministry'"),
                   model.Event.now("postponed", "talks extended")]
        if n % 3 == 0:
            record = record.with_changes(status="met", decided="2025-11-01")
            history.append(model.Event.now("marked met", "signed"))
        out.append((n, record.with_changes(history=history)))
    return out


def seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = items(args.count)
    print(f"{args.count} items, median of {args.runs} runs")
    for fmt in exchange.FORMATS:
        out = exchange.export(data, fmt, TODAY)
        took = seconds(lambda: exchange.export(data, fmt, TODAY), args.runs)
        line = f"  export {fmt:<12} {took:6.2f} s  {len(out) / 1e6:6.1f} MB"
        if fmt in ("json", "ics", "taskwarrior"):
            text = out.decode()
            took = seconds(lambda: exchange.parse_import(text, f"x.{fmt}", TODAY), args.runs)
            line += f"   import (parse and check) {took:6.2f} s"
        print(line)


if __name__ == "__main__":
    main()
