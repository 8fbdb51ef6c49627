"""Stage two of the extractor: a logistic regression over the features the rules give
each proposed dated clause (commitments.propose).  Its weights are data, in
``scorer.json`` beside this file, written by ``bench/train_scorer.py`` from the annotated
articles; its probability is the confidence a candidate is offered with.

Plain Python on purpose: a dot product over two dozen features needs no numpy."""
from __future__ import annotations

import json
import math
import os
from functools import lru_cache

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scorer.json")


class Model:
    def __init__(self, data: dict):
        self.weights = {k: float(v) for k, v in data["weights"].items()}
        self.bias = float(data["bias"])
        # the rules' verdict stays the default: what they accept is kept unless the model
        # is fairly sure it is wrong, what they reject is added only when it is sure
        self.threshold = float(data.get("threshold", 0.5))
        self.threshold_new = float(data.get("threshold_new", 1.0))

    def keeps(self, ok: bool, p: float) -> bool:
        return p >= (self.threshold if ok else self.threshold_new)

    def probability(self, features: dict) -> float:
        z = self.bias
        for name, value in features.items():
            w = self.weights.get(name)
            if w is not None and value:
                z += w * float(value)
        z = max(-30.0, min(30.0, z))
        return 1.0 / (1.0 + math.exp(-z))


def load_weights(path: str, make):
    """`make(data)` of weights shipped as JSON data at `path`, or None when there are
    none or they cannot be read: the rules alone decide then."""
    try:
        with open(path, encoding="utf-8") as fh:
            return make(json.load(fh))
    except (OSError, ValueError, KeyError):
        return None


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The trained model, or None when no weights are shipped (the rules decide)."""
    return load_weights(PATH, Model)
