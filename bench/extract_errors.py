#!/usr/bin/env python3
"""Read the extractor's errors on the development articles (dev and train minus the
check set; the check set is never listed): misses, false alarms and actor disagreements,
with whole sentences, the words read as the date and the confidence.

    python bench/extract_errors.py [--set dev|train|both] [--lang de|en] [--actors] [--id ID]
"""
from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import extract_quality as Q  # noqa: E402


def flat(s, n=400):
    return " ".join(str(s or "").split())[:n]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="both", choices=["dev", "train", "both"])
    ap.add_argument("--lang")
    ap.add_argument("--id")
    ap.add_argument("--actors", action="store_true", help="also list actor disagreements")
    ap.add_argument("--all", action="store_true", help="also list correct candidates")
    args = ap.parse_args(argv)
    ce = Q.scorer()
    sets = Q.load_sets()
    names = ["dev", "train"] if args.set == "both" else [args.set]
    docs = [d for n in names for d in sets[n]]  # never "check"
    docs = [d for d in docs if (not args.lang or d["lang"] == args.lang)
            and (not args.id or args.id in d["id"])]
    preds = Q.frist_predictions(docs)
    _, details = Q.score(ce, docs, preds)
    for doc, cands, due in details:
        used = set(due.values())
        lines = []
        for i, g in enumerate(doc["gold"]):
            if i not in due:
                lines.append(f"  MISS  {g['due']:<10} actor={g.get('actor')!r} | {flat(g.get('what'), 80)}"
                             f"\n        | {flat(g['sentence'])}")
            else:
                c = cands[due[i]]
                if args.actors and not ce.actors_agree(g.get("actor", ""), c.get("actor", "")):
                    lines.append(f"  ACTOR gold={g.get('actor')!r} got={c.get('actor')!r}"
                                 f" | {flat(c.get('sentence'), 300)}")
        for j, c in enumerate(cands):
            if j not in used:
                lines.append(f"  FALSE {c['due']:<10} {c['precision']:<7} conf={c['confidence']:.2f}"
                             f" [{c['due_text']}] actor={c['actor']!r}\n        | {flat(c['sentence'])}")
            elif args.all:
                lines.append(f"  OK    {c['due']:<10} conf={c['confidence']:.2f} [{c['due_text']}] "
                             f"actor={c['actor']!r} title={c['title']!r}")
        if lines:
            print(f"== {doc['id']} ({doc['lang']}, published {doc['published']})")
            print("\n".join(lines))


if __name__ == "__main__":
    main()
