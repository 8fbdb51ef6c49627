#!/usr/bin/env python3
"""Titles to read: a fixed sample of the candidates two news snapshots share (written by
`bench/extract_news_diff.py save`, check-set articles left out), each title before and
after with its sentence, for a reader to judge whether each is a short clause with its
subject and verb.  The sample is the same for the same two files and seed.

    python bench/extract_titles.py BEFORE.jsonl AFTER.jsonl [--n 50] [--seed 13] [--lang de]
"""
from __future__ import annotations

import argparse
import json
import random


def load(path):
    with open(path, encoding="utf-8") as fh:
        snap = json.load(fh)
    return {(doc, c["sentence"], c["due_text"]): c for doc, cands in snap.items() for c in cands}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--lang")
    args = ap.parse_args(argv)
    before, after = load(args.before), load(args.after)
    keys = sorted(k for k in before.keys() & after.keys()
                  if not args.lang or k[0].endswith("/" + args.lang))
    sample = random.Random(args.seed).sample(keys, min(args.n, len(keys)))
    for i, key in enumerate(sample, 1):
        b, a = before[key], after[key]
        print(f"{i:2}. {key[0]}  [{key[2]}]")
        print(f"    before: {b['title']}")
        print(f"    after:  {a['title']}")
        print(f"    | {' '.join(key[1].split())[:240]}")


if __name__ == "__main__":
    main()
