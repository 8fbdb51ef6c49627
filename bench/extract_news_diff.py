#!/usr/bin/env python3
"""Read the extractor's output on the unannotated news (corpus/news) and what a change
did to it: extract from every article (the check-set articles of the commitment corpus
left out, so their output is never read), save a snapshot, and list the candidates that
appeared, disappeared or changed against an earlier snapshot.

    python bench/extract_news_diff.py save BASE.jsonl
    python bench/extract_news_diff.py diff BASE.jsonl [--lang de] [--limit N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import extract_quality as Q  # noqa: E402


def articles(shared=Q.SHARED):
    check = set()
    for lang in Q.LANGS:
        with open(os.path.join(shared, "corpus", "commitments", "train", lang + ".jsonl"),
                  encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if Q.is_check(r["id"]):
                    check.add((r["corpus_file"], r["doc_id"]))
    for name in ("de-wikinews.jsonl", "en-wikinews.jsonl"):
        with open(os.path.join(shared, "corpus", "news", name), encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if ("news/" + name, r["id"]) in check:
                    continue
                yield r


def snapshot(lang=None):
    from store.extract import extract
    out = {}
    for r in articles():
        if lang and r["lang"] != lang:
            continue
        cands = extract(r["text"], dt.date.fromisoformat(r["published"]), r["lang"])
        out[r["id"] + "/" + r["lang"]] = [
            {"due": c.due.isoformat(), "precision": c.precision, "due_text": c.due_text,
             "actor": c.actor, "title": c.title, "conf": round(c.confidence, 2),
             "sentence": c.sentence, "published": r["published"]} for c in cands]
    return out


def key(c):
    return (c["sentence"], c["due_text"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["save", "diff", "show"])
    ap.add_argument("path")
    ap.add_argument("--lang")
    ap.add_argument("--fields", default="due,actor,title",
                    help="fields compared for 'changed' (comma-separated)")
    args = ap.parse_args(argv)
    now = snapshot(args.lang)
    if args.mode == "save":
        with open(args.path, "w", encoding="utf-8") as fh:
            json.dump(now, fh, ensure_ascii=False)
        print(f"{sum(len(v) for v in now.values())} candidates in {len(now)} articles")
        return
    with open(args.path, encoding="utf-8") as fh:
        base = json.load(fh)
    fields = args.fields.split(",")
    added = removed = changed = 0
    for doc in sorted(set(base) | set(now)):
        if args.lang and not doc.endswith("/" + args.lang):
            continue
        b = {key(c): c for c in base.get(doc, [])}
        n = {key(c): c for c in now.get(doc, [])}
        lines = []
        for k in n.keys() - b.keys():
            c = n[k]
            added += 1
            lines.append(f"  + {c['due']} {c['conf']:.2f} [{c['due_text']}] actor={c['actor']!r}"
                         f" title={c['title']!r}\n      | {' '.join(c['sentence'].split())[:300]}")
        for k in b.keys() - n.keys():
            c = b[k]
            removed += 1
            lines.append(f"  - {c['due']} {c['conf']:.2f} [{c['due_text']}] actor={c['actor']!r}"
                         f"\n      | {' '.join(c['sentence'].split())[:300]}")
        for k in b.keys() & n.keys():
            diff = [f for f in fields if b[k].get(f) != n[k].get(f)]
            if diff:
                changed += 1
                lines.append(f"  ~ [{n[k]['due_text']}] " + "; ".join(
                    f"{f}: {b[k].get(f)!r} -> {n[k].get(f)!r}" for f in diff)
                    + f"\n      | {' '.join(n[k]['sentence'].split())[:200]}")
        if lines:
            print(f"== {doc} (published {(now.get(doc) or base.get(doc))[0]['published']})")
            print("\n".join(lines))
    print(f"\n{added} added, {removed} removed, {changed} changed")


if __name__ == "__main__":
    main()
