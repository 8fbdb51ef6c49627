#!/usr/bin/env python3
"""Speed of frist's extractor against dateparser.search.search_dates, in one process.

Runs `store.extract.extract()` (and `find_dates()`) over the TempEval-3 TBAQ training texts
and the WikiWarsDE texts, then `dateparser.search.search_dates` over the same texts, and
prints characters per second for each and the ratio.  Also prints the cold start of
`frist extract`'s library part: a fresh interpreter importing store.extract and extracting
from one article (what one `frist extract` call pays), and what that import pulls in.

    python bench/extract_speed.py [--corpus DIR] [--limit N]

Run by hand; nothing here asserts.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_CORPUS = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus"))


def load(corpus, limit):
    docs = []
    for name in ("en-tbaq-train.jsonl", "de-wikiwarsde.jsonl"):
        path = os.path.join(corpus, "timex", name)
        with open(path, encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        docs.extend(rows[:limit] if limit else rows)
    return docs


def rate(fn, docs):
    chars = sum(len(d["text"]) for d in docs)
    t, cpu = time.perf_counter(), time.process_time()
    for d in docs:
        fn(d)
    elapsed = time.perf_counter() - t
    return chars, elapsed, chars / elapsed if elapsed else float("inf"), time.process_time() - cpu


COLD = r"""
import sys, time, datetime
t = time.perf_counter()
sys.path.insert(0, {root!r})
from store.extract import extract
t_import = time.perf_counter() - t
text = open({article!r}, encoding="utf-8").read()
extract(text, datetime.date(2025, 11, 24))
t_all = time.perf_counter() - t
heavy = sorted(m for m in ("dateparser", "textual", "rich", "tinydb", "regex") if m in sys.modules)
print(f"{{t_import * 1000:.1f}} {{t_all * 1000:.1f}} {{','.join(heavy) or '-'}}")
"""


TYPED_COLD = r"""
import sys, time, datetime
sys.path.insert(0, {root!r})
t = time.perf_counter()
from store.extract import find_dates
t_import = time.perf_counter() - t
t = time.perf_counter()
find_dates({text!r}, datetime.date(2025, 11, 24), prefer_future=True)
print(f"{{t_import * 1000:.1f}} {{(time.perf_counter() - t) * 1000:.1f}}")
"""
TYPED = ("next Friday", "in zwei Wochen", "27. November", "bis Ende März")


def typed_cold_start():
    """(text, import ms, first find_dates ms) in a fresh interpreter, median of 5 runs."""
    out = []
    for text in TYPED:
        runs = sorted(
            tuple(float(x) for x in subprocess.run(
                [sys.executable, "-c", TYPED_COLD.format(root=ROOT, text=text)],
                capture_output=True, text=True, check=True).stdout.split())
            for _ in range(5))
        out.append((text,) + runs[len(runs) // 2])
    return out


def cold_start(corpus):
    article = os.path.join(corpus, "commitments", "dev", "seed-de-trump-xi", "article.txt")
    if not os.path.exists(article):
        return None
    runs = []
    for _ in range(5):
        out = subprocess.run([sys.executable, "-c", COLD.format(root=ROOT, article=article)],
                             capture_output=True, text=True, check=True).stdout.split()
        runs.append((float(out[0]), float(out[1]), out[2]))
    runs.sort(key=lambda r: r[1])
    return runs[len(runs) // 2]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=DEFAULT_CORPUS, help="the shared corpus folder")
    ap.add_argument("--limit", type=int, default=0, help="documents per corpus (0 = all)")
    args = ap.parse_args(argv)
    sys.path.insert(0, ROOT)

    cold = cold_start(args.corpus)
    if cold:
        print(f"cold start (fresh interpreter, median of 5): import store.extract "
              f"{cold[0]:.0f} ms, import + extract(seed article) {cold[1]:.0f} ms; "
              f"heavy modules loaded: {cold[2]}")

    for text, t_import, t_first in typed_cold_start():
        print(f"typed date {text!r} (fresh interpreter, median of 5): import {t_import:.0f} ms, "
              f"first find_dates {t_first:.1f} ms")

    from store.extract import extract, find_dates
    docs = load(args.corpus, args.limit)
    for d in docs:
        d["_date"] = dt.date.fromisoformat(d["dct"])
    # warm-up, as for dateparser below: one article per language compiles what a process
    # compiles once (the templates are compiled for the first long text)
    for lang in sorted({d["lang"] for d in docs}):
        first = next(d for d in docs if d["lang"] == lang)
        extract(first["text"], first["_date"], lang)

    chars, t_ex, r_ex, c_ex = rate(lambda d: extract(d["text"], d["_date"], d["lang"]), docs)
    _, t_fd, r_fd, c_fd = rate(lambda d: find_dates(d["text"], d["_date"], d["lang"]), docs)

    from dateparser.search import search_dates
    base = {}

    def dp(d):
        if d["lang"] not in base:
            base[d["lang"]] = 0
        settings = {"RELATIVE_BASE": dt.datetime.combine(d["_date"], dt.time(12))}
        try:
            search_dates(d["text"], languages=[d["lang"]], settings=settings)
        except Exception:  # dateparser fails on some inputs; time still counts
            pass

    for lang in sorted({d["lang"] for d in docs}):  # warm-up: dateparser loads each
        dp(next(d for d in docs if d["lang"] == lang))  # language's data lazily
    _, t_dp, r_dp, c_dp = rate(dp, docs)

    print(f"texts: {len(docs)} documents, {chars:,} characters (TBAQ + WikiWarsDE)")
    print(f"{'':34}{'seconds':>10}{'chars/s':>14}")
    print(f"{'frist extract()':34}{t_ex:10.2f}{r_ex:14,.0f}")
    print(f"{'frist find_dates()':34}{t_fd:10.2f}{r_fd:14,.0f}")
    print(f"{'dateparser.search.search_dates':34}{t_dp:10.2f}{r_dp:14,.0f}")
    print(f"ratio extract / search_dates: {r_ex / r_dp:.1f}x   "
          f"find_dates / search_dates: {r_fd / r_dp:.1f}x")
    # CPU seconds of this process: on a shared machine the wall-clock ratio also measures
    # what the neighbours did while each side ran
    print(f"ratio in CPU time: extract / search_dates: {c_dp / c_ex:.1f}x   "
          f"find_dates / search_dates: {c_dp / c_fd:.1f}x")

    # one long text (all the documents joined): a text 8 times longer should take about
    # 8 times as long (whole-text reading that grew faster made 15 MB take minutes)
    whole = "\n\n".join(d["text"] for d in docs if d["lang"] == "de")
    small, large = whole[:len(whole) // 8], whole
    cpu = []
    for text in (small, large):
        t0 = time.process_time()
        extract(text, dt.date(2000, 1, 1), "de")
        cpu.append(time.process_time() - t0)
    print(f"one long German text: {len(small):,} chars {cpu[0]:.2f} s CPU, {len(large):,} chars "
          f"{cpu[1]:.2f} s CPU: {cpu[1] / cpu[0]:.1f}x the time for {len(large) / len(small):.0f}x "
          f"the length")


if __name__ == "__main__":
    main()
