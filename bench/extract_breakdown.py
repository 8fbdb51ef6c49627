#!/usr/bin/env python3
"""Aggregate figures only (safe on the check set): why gold commitments are missed and
false candidates offered, counted by cause, per set and language; no sentence is shown.

    python bench/extract_breakdown.py
"""
from __future__ import annotations

import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import extract_quality as Q  # noqa: E402
import train_scorer as T  # noqa: E402
from store.extract import commitments as C  # noqa: E402
from store.extract.lexicon import load  # noqa: E402


def main():
    ce = Q.scorer()
    sets = Q.load_sets()
    for name, docs in sets.items():
        props = T.proposals(docs)
        preds = {d["id"]: [c.to_json() for c in C._dedup(C._merge_ranges(C.decide(
            [dict(p) for p in props[d["id"]]])), load(d["lang"]))] for d in docs}
        _, details = Q.score(ce, docs, {k: v for k, v in preds.items()})
        miss = collections.Counter()
        false = collections.Counter()
        for doc, cands, due in details:
            lang = doc["lang"]
            ps = props[doc["id"]]
            for i, g in enumerate(doc["gold"]):
                if i in due:
                    continue
                same = [p for p in ps if p["s0"] < g["end"] and g["start"] < p["s1"]]
                right = [p for p in same if p["w"].end.isoformat() == g["last"]]
                if not same:
                    cause = "no date read in its sentence"
                elif not right:
                    cause = "date read, due differs"
                elif any(p["features"].get("rule") for p in right):
                    cause = "proposed, rules yes, scorer no / dedup"
                else:
                    cause = "proposed, rules no, scorer no"
                miss[(lang, cause, g["precision"])] += 1
            used = set(due.values())
            for j, c in enumerate(cands):
                if j in used:
                    continue
                golds = [g for g in doc["gold"] if g["last"] == c["due"]]
                if golds:
                    cause = "gold due, other sentence"
                elif any(g["start"] < c["end"] and c["start"] < g["end"] for g in doc["gold"]):
                    cause = "gold sentence, other due"
                elif not doc["gold"]:
                    cause = "article without commitments"
                else:
                    cause = "other"
                false[(lang, cause, c["precision"], round(c["confidence"], 1))] += 1
        print(f"== {name}")
        for k, v in sorted(miss.items()):
            print(f"  miss  {v:3}  {k}")
        for k, v in sorted(false.items()):
            print(f"  false {v:3}  {k}")


if __name__ == "__main__":
    main()
