"""How the store's costs grow with its size: why frist journals instead of rewriting.

Run by hand:  python bench/store_scale.py [--sizes 1000 10000 100000]

For each size, in this process (no interpreter start-up in the figures):
- add (journal): `Store.add` on a fresh Store object, as one `frist add` does — it reads
  only the journal, appends one fsynced line;
- add (whole file): the same with every write compacting, i.e. the plain "parse, change,
  rewrite the whole file atomically" model (what TinyDB with an atomic storage does);
- load: parse snapshot + journal and list every item, as `frist list` does;
- compaction: one rewrite of snapshot, backup and journal header.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import db, model  # noqa: E402
from store import journal as fmt  # noqa: E402


def records(count: int) -> list[model.Commitment]:
    rng = random.Random(count)
    base = dt.date(2025, 1, 1)
    return [model.Commitment.new(f"Commitment {n} on export licences", model.Due.day(
        base + dt.timedelta(days=rng.randint(0, 1000))), actor=f"Actor {n % 50}", tags=["bench"])
        for n in range(count)]


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(count: int, folder: Path) -> dict[str, float]:
    path = folder / f"store-{count}.json"
    db.open_store(path).add_many(records(count))
    one = model.Commitment.new("one more", model.Due.from_value("2026-01-05"))
    runs = 15 if count <= 10_000 else 5
    journal_add = median_ms(lambda: db.open_store(path).add(one), runs)
    limit = fmt.journal_limit
    fmt.journal_limit = lambda size: 0
    try:
        whole_add = median_ms(lambda: db.open_store(path).add(one), max(3, runs // 3))
    finally:
        fmt.journal_limit = limit
    load = median_ms(lambda: db.open_store(path).all(), max(3, runs // 3))

    def compact():
        store = db.open_store(path)
        with store.transaction():
            store.storage.compact()
    compaction = median_ms(compact, 3)
    return {"add (journal)": journal_add, "add (whole file)": whole_add, "load": load,
            "compaction": compaction, "MB": path.stat().st_size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    columns = ["add (journal)", "add (whole file)", "load", "compaction"]
    print(f"{'items':>8}{'MB':>7}" + "".join(f"{c:>18}" for c in columns) + "   (ms, medians)")
    with tempfile.TemporaryDirectory(prefix="frist-scale-") as tmp:
        for count in args.sizes:
            row = measure(count, Path(tmp))
            print(f"{count:>8,}{row['MB']:>7.1f}" + "".join(f"{row[c]:>18.1f}" for c in columns))


if __name__ == "__main__":
    main()
