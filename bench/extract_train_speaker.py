#!/usr/bin/env python3
"""Train who-said-what (store/extract/speakers.py): a conditional logistic regression
that picks, among the runs of capitalised words around a quotation, its speaker.

Data: the German quotation corpus (corpus/quotes, 997 articles of corpus/news), with the
dataset's own split: fitted on `train`, the L2 strength chosen on `dev`, and `test` held
out (read by nobody here) for the figure reported beside the rules'.  A candidate is
right when it shares a content word with the annotated speaker (the measure of
bench/extract_quality.py).  The final weights are fitted on train + dev and written to
store/extract/speaker.json.

    python bench/extract_train_speaker.py [--dry-run]

Plain Python (full-batch gradient steps with AdaGrad): no numpy.
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

import extract_quality as Q  # noqa: E402
from store.extract import speakers as SP  # noqa: E402
from store.extract.actors import Document  # noqa: E402
from store.extract.lexicon import load  # noqa: E402
from store.extract.sentences import split  # noqa: E402

L2_GRID = (0.0003, 0.001, 0.003)
STEPS = 200
RATE = 0.5
WORDS = re.compile(r"\w+")


def content(words, L):
    return {w.lower() for w in WORDS.findall(" ".join(words))} - L.stopwords


def items():
    """{split: [(candidates, labels, rule_right)]} for the German speakers: named ones
    (the measure), and, for training only ("train-pronoun", "dev-pronoun"), speakers
    that are a pronoun ("sagte er"), so that a pronoun candidate learns when it speaks."""
    L = load("de")
    docs = {}
    out = collections.defaultdict(list)
    for split_, doc_id, text, at, speaker in Q.quote_items(pronouns=True):
        if doc_id not in docs:
            docs[doc_id] = Document(text, split(text, L), L)
        doc = docs[doc_id]
        gold = content([speaker], L)
        cands = SP.candidates(doc, doc.sentence_index(at))
        if not gold:  # a pronoun
            said = speaker.strip().lower()
            labels = [int(bool(c.features.get("pronoun")) and c.words[0].lower() == said)
                      for c in cands]
            out[split_ + "-pronoun"].append(([c.features for c in cands], labels, False))
            continue
        labels = [int(not c.features.get("pronoun") and bool(content(c.words, L) & gold))
                  for c in cands]
        rule = content([SP._rules(text, *doc.spans[doc.sentence_index(at)], at, L, doc)], L)
        out[split_].append(([c.features for c in cands], labels, bool(rule & gold)))
    return out


def scores(w, feats):
    return [sum(w.get(n, 0.0) * v for n, v in f.items() if v) for f in feats]


def sparse(data, names):
    """Each statement's candidates as [(column, value)] lists, with their labels."""
    col = {n: i for i, n in enumerate(names)}
    return [([[(col[n], float(v)) for n, v in f.items() if v and n in col] for f in feats], y)
            for feats, y, _ in data if any(y)]


def fit(data, l2, names):
    """Maximise the mean log probability of the right candidates (a softmax over each
    statement's candidates) minus l2/2 |w|^2."""
    rows = sparse(data, names)
    k = len(names)
    w = [0.0] * k
    g2 = [1e-8] * k
    for _ in range(STEPS):
        grad = [-l2 * x for x in w]
        for feats, labels in rows:
            s = [sum(w[c] * v for c, v in f) for f in feats]
            top = max(s)
            e = [math.exp(x - top) for x in s]
            z = sum(e)
            zp = sum(x for x, y in zip(e, labels) if y)
            for f, x, y in zip(feats, e, labels):
                coef = ((x / zp if y else 0.0) - x / z) / len(rows)
                for c, v in f:
                    grad[c] += coef * v
        for c in range(k):
            g2[c] += grad[c] ** 2
            w[c] += RATE * grad[c] / math.sqrt(g2[c])
    return dict(zip(names, w))


def accuracy(w, data):
    right = 0
    for feats, labels, _ in data:
        if feats:
            s = scores(w, feats)
            right += labels[s.index(max(s))]
    return right / len(data) if data else 0.0


def rules_accuracy(data):
    return sum(r for _, _, r in data) / len(data) if data else 0.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="report, do not write weights")
    args = ap.parse_args(argv)
    data = items()
    names = sorted({n for part in data.values() for f, _, _ in part for c in f for n in c})
    for split_ in ("train", "dev", "test"):
        part = data[split_]
        reach = sum(any(y) for _, y, _ in part) / len(part)
        print(f"{split_:5} {len(part):5} quotations; a right candidate exists for {reach:.3f};"
              f" the rules: {rules_accuracy(part):.3f}")
    results = {}
    for l2 in L2_GRID:
        w = fit(data["train"] + data["train-pronoun"], l2, names)
        results[l2] = (accuracy(w, data["dev"]), w)
        print(f"L2 {l2}: train {accuracy(w, data['train']):.3f}  dev {results[l2][0]:.3f}")
    l2 = max(results, key=lambda k: (results[k][0], k))
    w = results[l2][1]
    test = accuracy(w, data["test"])
    print(f"chosen L2 {l2}: held-out test {test:.3f} (the rules {rules_accuracy(data['test']):.3f})")
    final = fit(data["train"] + data["dev"] + data["train-pronoun"] + data["dev-pronoun"],
                l2, names)
    test = accuracy(final, data["test"])
    print(f"fitted on train + dev: held-out test {test:.3f}")
    for n, v in sorted(final.items(), key=lambda t: -abs(t[1])):
        print(f"  {n:22} {v:+.3f}")
    out = {
        "comment": "Weights of who-said-what (store/extract/speakers.py), written by "
                   "bench/extract_train_speaker.py; do not edit by hand.",
        "trained_on": "corpus/quotes (German), dataset splits train + dev "
                      f"({len(data['train']) + len(data['dev'])} quotations)",
        "languages": ["de"], "l2": l2,
        "dev_accuracy": round(results[l2][0], 4), "test_accuracy": round(test, 4),
        "test_accuracy_rules": round(rules_accuracy(data["test"]), 4),
        "weights": {n: round(v, 4) for n, v in sorted(final.items())},
    }
    if not args.dry_run:
        with open(SP.PATH, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1, ensure_ascii=False)
            fh.write("\n")
        print(f"wrote {SP.PATH}")


if __name__ == "__main__":
    main()
