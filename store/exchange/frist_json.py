"""frist JSON: lossless, the commitments as `frist list --json` shows them; imports back
unchanged apart from ids. Both directions are the Commitment's own (to_json, from_json)."""
from __future__ import annotations

import orjson

from store.exchange.entries import Parsed, each_entry
from store.model import Commitment


def write(items, today) -> bytes:
    return orjson.dumps([c.to_json(i, today) for i, c in items],
                        option=orjson.OPT_INDENT_2) + b"\n"


def read(data: list) -> Parsed:
    """The commitments of a frist JSON list (parsed), each checked."""
    return Parsed("frist JSON", each_entry(data, lambda entry, _position: Commitment.from_json(entry)))
