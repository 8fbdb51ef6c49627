#!/usr/bin/env python3
"""Quality of frist's extractor, measured with the shared scoring tools.

1. commitment_eval (the shared scorer, imported in-process) on three sets, per language:
   corpus/commitments/dev (20 articles), train minus the check set, and the check set:
   a fixed third of the train articles chosen by a hash of their id (`is_check`).  The
   check set is scored but its errors are never listed: --verbose lists misses and false
   alarms for dev and train-minus-check only.  Printed: due and strict F1, actor
   agreement (and on dev + train together), precision / recall of the candidates offered
   at confidence >= 0.5 / 0.7 / 0.8 / 0.9; a dateparser baseline on dev.
2. Who said it: the speaker frist's actor finder names for the German quotations of
   corpus/quotes (the dataset's train+dev split, and its test split apart).
3. timex_eval.py on find_dates(..., timex=True) output anchored at each document's dct:
   TempEval-3 platinum (--only-types DATE), WikiWarsDE (--only-types DATE --explicit-year),
   and the TBAQ training set used for development.

    python bench/extract_quality.py [--shared DIR] [--no-baseline] [--verbose]
                                    [--no-quotes] [--no-timex]

Run by hand; prints tables and writes the prediction files to a temporary folder.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
THRESHOLDS = (0.5, 0.7, 0.8, 0.9)
LANGS = ("de", "en")


def is_check(doc_id: str) -> bool:
    """The check set: a fixed third of the train articles, by a hash of the id."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 3 == 0


def scorer(shared=SHARED):
    """The shared commitment_eval module, imported from its file."""
    path = os.path.join(shared, "tools", "commitment_eval.py")
    spec = importlib.util.spec_from_file_location("commitment_eval", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_sets(shared=SHARED):
    """{"dev": docs, "train": train minus check, "check": docs} as the scorer reads them
    (each doc: id, lang, published, text, gold)."""
    ce = scorer(shared)
    corpus = os.path.join(shared, "corpus")
    dev = ce.load_gold(os.path.join(corpus, "commitments", "dev"), corpus)
    train = []
    for lang in LANGS:
        train += ce.load_gold(os.path.join(corpus, "commitments", "train", lang + ".jsonl"), corpus)
    return {"dev": dev,
            "train": [d for d in train if not is_check(d["id"])],
            "check": [d for d in train if is_check(d["id"])]}


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
        published = dt.date.fromisoformat(d["published"])
        base = dt.datetime.combine(published, dt.time(12))
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
            if when.date() <= published:
                continue
            s0, s1 = next(((a, b) for a, b in spans if a <= at < b),
                          (max(at, 0), max(at, 0) + len(words)))
            cands.append({"title": words, "due": when.date().isoformat(), "precision": "day",
                          "due_text": words, "sentence": d["text"][s0:s1], "start": s0,
                          "end": s1, "actor": "", "confidence": 0.5})
        out[d["id"]] = cands
    return out


def score(ce, docs, preds, threshold=0.0):
    """The scorer's figures for the candidates offered at confidence >= threshold."""
    clean = {k: ce.clean_candidates([c for c in v if c.get("confidence", 1.0) >= threshold], k)
             for k, v in preds.items()}
    figures, details = ce.score(docs, clean)
    return figures, details


def write_jsonl(path, preds):
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, cands in preds.items():
            fh.write(json.dumps({"id": doc_id, "candidates": cands}, ensure_ascii=False) + "\n")


def run_tool(args):
    cmd = [sys.executable] + args + ["--json"]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(args[:2])} failed: {run.stderr.strip()}")
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


# ----------------------------------------------------------------------------- quotes

WORDS = re.compile(r"\w+")


def _find_words(text: str, quote: str):
    """Offset of `quote` in `text`, found by its words (the annotation joined spans with
    spaces and lost the markup): the first five words in order, any separators."""
    words = WORDS.findall(quote)[:5]
    if not words:
        return -1
    rx = r"\W+".join(re.escape(w) for w in words)
    m = re.search(rx, text)
    return m.start() if m else -1


def quote_items(shared=SHARED, skip_docs=frozenset(), pronouns=False):
    """(split, doc id, text, quote offset, speaker) for German quotations whose speaker
    is named (not empty; not only a pronoun, unless `pronouns`) and whose words are found
    in the article."""
    from store.extract.lexicon import load
    L = load("de")
    corpus = os.path.join(shared, "corpus")
    texts = {}
    with open(os.path.join(corpus, "news", "de-wikinews.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts[r["id"]] = r["text"]
    out = []
    with open(os.path.join(corpus, "quotes", "de-wikinews-quotes.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["doc_id"] in skip_docs or r["doc_id"] not in texts:
                continue
            text = texts[r["doc_id"]]
            for q in r["quotes"]:
                if q["type"] not in ("Direct", "Indirect") or q.get("nested"):
                    continue
                sp = [w.lower() for w in WORDS.findall(q.get("speaker") or "")]
                content = [w for w in sp if w not in L.stopwords and w not in L.pronouns]
                if not content and not (pronouns and len(sp) == 1 and sp[0] in L.pronouns):
                    continue
                at = _find_words(text, q["quote"])
                if at >= 0:
                    out.append((r["split"], r["doc_id"], text, at, q["speaker"]))
    return out


def speaker_accuracy(items, learned=True):
    """{split: (correct, n)}: the speaker named for the sentence holding each quotation
    shares a content word with the annotated speaker.  `learned`: the learned choice of
    store/extract/speakers.py; else the rules alone (actors._attributed, find_actor)."""
    from store.extract.actors import Document
    from store.extract.lexicon import load
    from store.extract.sentences import split
    from store.extract import speakers
    L = load("de")
    res, docs = {}, {}
    for split_, doc_id, text, at, speaker in items:
        if doc_id not in docs:
            docs[doc_id] = Document(text, split(text, L), L)
        doc = docs[doc_id]
        if learned:
            found = speakers.speaker_of(text, at, L, doc)
        else:
            found = speakers._rules(text, *doc.spans[doc.sentence_index(at)], at, L, doc)
        gold = {w.lower() for w in WORDS.findall(speaker)} - L.stopwords
        got = {w.lower() for w in WORDS.findall(found)} - L.stopwords
        c, n = res.get(split_, (0, 0))
        res[split_] = (c + bool(gold & got), n + 1)
    return res


# ------------------------------------------------------------------------------- main

def commitment_tables(args, ce, sets, tmp):
    preds = {name: frist_predictions(docs) for name, docs in sets.items()}
    for name, p in preds.items():
        write_jsonl(os.path.join(tmp, f"frist-{name}.jsonl"), p)
    print("commitment_eval (shared scorer, in-process): dev, train minus check, check set")
    print(f"{'set':8}{'lang':>5}{'docs':>6}{'gold':>6}{'pred':>6}{'due P':>8}{'due R':>8}"
          f"{'due F1':>8}{'strict F1':>11}{'actor':>8}")
    for name, docs in sets.items():
        figures, details = score(ce, docs, preds[name])
        for lang in (*LANGS, "all"):
            f = figures.get(lang)
            if not f:
                continue
            actor = "-" if f["actor_agreement"] is None else f"{f['actor_agreement']:.2f}"
            print(f"{name:8}{lang:>5}{f['documents']:>6}{f['gold']:>6}{f['predicted']:>6}"
                  f"{f['due']['precision']:8.3f}{f['due']['recall']:8.3f}{f['due']['f1']:8.3f}"
                  f"{f['strict']['f1']:11.3f}{actor:>8}")
        if args.verbose and name != "check":  # the check set's errors are never listed
            ce.print_verbose(details, sys.stdout)
    if not args.no_baseline:
        figures, _ = score(ce, sets["dev"], baseline_predictions(sets["dev"]))
        for lang in (*LANGS, "all"):
            f = figures.get(lang)
            if f:
                print(f"{'dev, dateparser baseline':24}{lang:>5}  due F1 {f['due']['f1']:.3f}"
                      f"  strict F1 {f['strict']['f1']:.3f}")
    print()
    # actor agreement on dev + train (check included: an aggregate figure only)
    alldocs = [d for docs in sets.values() for d in docs]
    allpreds = {k: v for p in preds.values() for k, v in p.items()}
    figures, _ = score(ce, alldocs, allpreds)
    print("actor agreement on dev + train (all 132 articles): " + "  ".join(
        f"{lang} {figures[lang]['actor_agreement']:.2f} ({figures[lang]['matched_due']} matched)"
        for lang in LANGS if lang in figures and figures[lang]["actor_agreement"] is not None))
    print()
    print("calibration: due precision / recall of the candidates offered at confidence >= t")
    print(f"{'set':8}{'lang':>5}" + "".join(f"{'>= ' + str(t):>16}" for t in THRESHOLDS))
    for name, docs in sets.items():
        rows = {lang: [] for lang in (*LANGS, "all")}
        for t in THRESHOLDS:
            figures, _ = score(ce, docs, preds[name], t)
            for lang in rows:
                f = figures.get(lang)
                rows[lang].append("" if not f else
                                  f"{f['due']['precision']:.2f}/{f['due']['recall']:.2f}"
                                  f" ({f['predicted']})")
        for lang, cells in rows.items():
            print(f"{name:8}{lang:>5}" + "".join(f"{c:>16}" for c in cells))
    print("(cells: precision/recall (candidates offered); precision at >= 0.8 is the share "
          "correct among confident candidates)")
    print()


def quote_table(args):
    sets = load_sets(args.shared)
    check_docs = {d["id"].split("-", 1)[1] for d in sets["check"] if d["lang"] == "de"}
    items = quote_items(args.shared)
    learned = speaker_accuracy(items)
    rules = speaker_accuracy(items, learned=False)
    print("German quotation speakers (corpus/quotes, named speakers, Direct/Indirect): "
          "accuracy of speakers.speaker_of (learned on train + dev; test is held out)")
    print(f"  {'split':6} {'learned':>17} {'rules alone':>17}")
    for split_ in ("train", "dev", "test"):
        (c, n), (r, _) = learned[split_], rules[split_]
        print(f"  {split_:6} {c / n:7.3f} ({c:4}/{n:4}) {r / n:7.3f} ({r:4}/{n:4})")
    held = speaker_accuracy([i for i in items if i[1] in check_docs])
    if held:
        c = sum(v[0] for v in held.values())
        n = sum(v[1] for v in held.values())
        print(f"  (of which in commitment check-set articles: {c / n:.3f}, {c}/{n})")
    print()


def timex_table(args, tmp):
    tools = os.path.join(args.shared, "tools")
    corpus = os.path.join(args.shared, "corpus")
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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=SHARED, help="the shared folder (corpus/, tools/)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the dateparser baseline")
    ap.add_argument("--no-quotes", action="store_true", help="skip the quotation speakers")
    ap.add_argument("--no-timex", action="store_true", help="skip the TIMEX figures")
    ap.add_argument("--verbose", action="store_true",
                    help="list misses and false alarms (dev and train minus check only)")
    args = ap.parse_args(argv)
    sys.path.insert(0, ROOT)
    tmp = tempfile.mkdtemp(prefix="frist-quality-")
    ce = scorer(args.shared)
    commitment_tables(args, ce, load_sets(args.shared), tmp)
    if not args.no_quotes:
        quote_table(args)
    if not args.no_timex:
        timex_table(args, tmp)
    print(f"\n(prediction files in {tmp})")


if __name__ == "__main__":
    main()
