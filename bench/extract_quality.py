#!/usr/bin/env python3
"""Quality of frist's extractor, measured with the shared scoring tools.

1. commitment_eval.py on corpus/commitments/dev: frist's extract() beside a naive
   baseline (every future date dateparser.search_dates finds in the article, precision
   day, with the sentence it was found in), due-level and strict F1 per language.
2. timex_eval.py on find_dates(..., timex=True) output anchored at each document's dct:
   TempEval-3 platinum (--only-types DATE), WikiWarsDE (--only-types DATE --explicit-year),
   and the TBAQ training set used for development.

    python bench/extract_quality.py [--corpus DIR] [--no-baseline] [--verbose]

Run by hand; prints a table and writes the prediction files to a temporary folder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))


def dev_docs(folder):
    docs = []
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not os.path.isfile(os.path.join(path, "gold.json")):
            continue
        with open(os.path.join(path, "meta.json"), encoding="utf-8") as fh:
            meta = json.load(fh)
        with open(os.path.join(path, "article.txt"), encoding="utf-8") as fh:
            text = fh.read()
        docs.append({"id": meta.get("id", name), "lang": meta["lang"],
                     "published": dt.date.fromisoformat(meta["published"]), "text": text})
    return docs


def frist_predictions(docs):
    from store.extract import extract
    return {d["id"]: [c.to_json() for c in extract(d["text"], d["published"], d["lang"])]
            for d in docs}


def baseline_predictions(docs):
    """Every future date dateparser.search_dates finds, precision day."""
    from dateparser.search import search_dates
    from store.extract.lexicon import load
    from store.extract.sentences import split
    out = {}
    for d in docs:
        base = dt.datetime.combine(d["published"], dt.time(12))
        try:
            found = search_dates(d["text"], languages=[d["lang"]],
                                 settings={"RELATIVE_BASE": base}) or []
        except Exception:  # dateparser raises on some inputs
            found = []
        spans = split(d["text"], load(d["lang"]))
        cands, pos = [], 0
        for words, when in found:
            at = d["text"].find(words, pos)
            if at < 0:
                at = d["text"].find(words)
            else:
                pos = at + len(words)
            if when.date() <= d["published"]:
                continue
            s0, s1 = next(((a, b) for a, b in spans if a <= at < b), (max(at, 0), max(at, 0) + len(words)))
            cands.append({"title": words, "due": when.date().isoformat(), "precision": "day",
                          "due_text": words, "sentence": d["text"][s0:s1], "start": s0, "end": s1,
                          "actor": "", "confidence": 0.5})
        out[d["id"]] = cands
    return out


def write_jsonl(path, preds):
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, cands in preds.items():
            fh.write(json.dumps({"id": doc_id, "candidates": cands}, ensure_ascii=False) + "\n")


def run_tool(args, verbose=False):
    cmd = [sys.executable] + args + ["--json"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {run.stderr.strip()}")
    if verbose and run.stderr.strip():
        print(run.stderr, file=sys.stderr)
    return json.loads(run.stdout)


def timex_predictions(gold_path, out_path):
    from store.extract import find_dates
    with open(gold_path, encoding="utf-8") as fh, open(out_path, "w", encoding="utf-8") as out:
        for line in fh:
            if not line.strip():
                continue
            d = json.loads(line)
            ms = find_dates(d["text"], dt.date.fromisoformat(d["dct"]), d.get("lang"), timex=True)
            out.write(json.dumps({"id": d["id"], "timexes": [
                {"start": m.start, "end": m.end, "value": m.value, "type": "DATE"} for m in ms]})
                + "\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=SHARED, help="the shared folder (corpus/, tools/)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args(argv)
    sys.path.insert(0, ROOT)
    tools = os.path.join(args.shared, "tools")
    corpus = os.path.join(args.shared, "corpus")
    dev = os.path.join(corpus, "commitments", "dev")
    tmp = tempfile.mkdtemp(prefix="frist-quality-")

    docs = dev_docs(dev)
    systems = [("frist", frist_predictions(docs))]
    if not args.no_baseline:
        systems.append(("dateparser baseline", baseline_predictions(docs)))
    results = {}
    for name, preds in systems:
        path = os.path.join(tmp, name.split()[0] + "-commitments.jsonl")
        write_jsonl(path, preds)
        extra = ["--verbose"] if args.verbose and name == "frist" else []
        results[name] = run_tool([os.path.join(tools, "commitment_eval.py"), dev, "--pred", path]
                                 + extra, verbose=bool(extra))["scores"]
    print(f"commitment_eval on {dev} ({len(docs)} articles)")
    print(f"{'system':22}{'lang':>6}{'gold':>6}{'pred':>6}{'due P':>8}{'due R':>8}{'due F1':>8}"
          f"{'strict F1':>11}{'actor':>8}")
    for name, _ in systems:
        for lang in ["de", "en", "all"]:
            f = results[name].get(lang)
            if not f:
                continue
            actor = "-" if f["actor_agreement"] is None else f"{f['actor_agreement']:.2f}"
            print(f"{name:22}{lang:>6}{f['gold']:>6}{f['predicted']:>6}"
                  f"{f['due']['precision']:8.3f}{f['due']['recall']:8.3f}{f['due']['f1']:8.3f}"
                  f"{f['strict']['f1']:11.3f}{actor:>8}")
    print()
    print("timex_eval of find_dates(timex=True), anchored at each document's dct")
    print(f"{'corpus':50}{'gold':>6}{'pred':>6}{'value P':>9}{'value R':>9}{'value F1':>10}"
          f"{'span F1':>9}")
    for name, flags in (("en-te3-platinum", ["--only-types", "DATE"]),
                        ("de-wikiwarsde", ["--only-types", "DATE", "--explicit-year"]),
                        ("en-tbaq-train", ["--only-types", "DATE"])):
        gold = os.path.join(corpus, "timex", name + ".jsonl")
        if not os.path.exists(gold):
            continue
        pred = os.path.join(tmp, name + ".pred.jsonl")
        timex_predictions(gold, pred)
        r = run_tool([os.path.join(tools, "timex_eval.py"), gold, pred] + flags)
        label = f"{name} {' '.join(flags)}"
        print(f"{label:50}{r['gold']:>6}{r['pred']:>6}{r['value']['p']:9.3f}{r['value']['r']:9.3f}"
              f"{r['value']['f1']:10.3f}{r['relaxed']['f1']:9.3f}")
    print(f"\n(prediction files in {tmp})")


if __name__ == "__main__":
    main()
