"""CSV for spreadsheets: one row per commitment (its first source), every text cell
defused against formulas."""
from __future__ import annotations

import csv
import io

from store.exchange.entries import CONTROL
from store.model import Source


CSV_FIELDS = ("id", "uid", "title", "due", "precision", "window_start", "due_text", "actor",
              "status", "state", "days_left", "tags", "sentence", "document", "published",
              "created", "updated")


def _cell(value):
    """A cell a spreadsheet will not run as a formula: untrusted text (a title, a uid, a
    source's date as the file gave it) has its control characters blanked and, when it
    starts like a formula, a leading apostrophe. Numbers stay numbers."""
    if not isinstance(value, str):
        return value
    text = CONTROL.sub(" ", value)
    return "'" + text if text.lstrip()[:1] in ("=", "+", "-", "@") else text


def write(items, today) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for item_id, c in items:
        source = (c.sources or (Source(),))[0]
        row = {**c.to_json(item_id, today), "tags": "; ".join(c.tags),
               "sentence": source.sentence, "document": source.document,
               "published": source.published}
        writer.writerow([_cell(row[f]) for f in CSV_FIELDS])
    return out.getvalue().encode("utf-8")
