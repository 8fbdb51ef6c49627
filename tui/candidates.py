"""Candidate commitments as a person reads them: `frist extract` and the ingest review.

One numbered row per candidate (due, countdown, precision, confidence, actor, title),
then its sentence with the date words highlighted: bold and underlined on a colour
terminal, between ** ** elsewhere. All article text goes through `printable`.
"""
from __future__ import annotations

import datetime as dt
import re
import sys

from store import model
from tui.text import clip, printable, terminal_columns, use_colour, width

HEADER = ["#", "DUE", "WHEN", "PRECISION", "CONF", "ACTOR", "TITLE"]


def due_of(candidate) -> dict:
    """The due window of a Candidate (dates or ISO strings) or of a Proposal (a Due), as
    ISO strings: the extractor may read a day beyond the dates frist stores (an article
    published on 31 Dec 2999 that says "next year"), and it is shown all the same."""
    due = candidate.due
    if isinstance(due, model.Due):
        return {"due": due.due.isoformat(), "precision": due.precision,
                "window_start": due.window_start.isoformat(), "due_text": due.text}
    return {"due": str(due), "precision": candidate.precision,
            "window_start": str(candidate.window_start or due),
            "due_text": candidate.due_text or ""}


def highlight(sentence: str, words: str, colour: bool) -> str:
    """`sentence` on one line, control characters made visible, `words` marked in it."""
    sentence = " ".join(str(sentence).split())
    words = " ".join(str(words or "").split())
    found = re.search(re.escape(words), sentence, re.IGNORECASE) if words else None
    if not found:
        return printable(sentence)
    before, hit, after = sentence[:found.start()], found[0], sentence[found.end():]
    on, off = ("\x1b[1;4m", "\x1b[22;24m") if colour else ("**", "**")
    return (printable(before, one_line=False) + on + printable(hit, one_line=False) + off
            + printable(after, one_line=False))


def print_candidates(candidates, published: dt.date, today: dt.date | None = None,
                     notes: list[str] | None = None, stream=None) -> None:
    """Print the candidates; the countdown counts from `today` (default: `published`).

    `notes` (one per candidate, may be empty) are shown under the row, e.g. that the
    store already holds the commitment."""
    stream = stream or sys.stdout
    colour = use_colour(stream)
    since = today or published
    rows = []
    for n, c in enumerate(candidates, 1):
        due = due_of(c)
        left = model.days_left(dt.date.fromisoformat(due["due"]), since)
        rows.append([str(n), model.due_label(due["due"], due["precision"], due["window_start"]),
                     model.left_words(left), due["precision"], f"{float(c.confidence):.2f}",
                     printable(c.actor or "-"), printable(c.title)])
    widths = [max(width(row[i]) for row in [HEADER] + rows) for i in range(len(HEADER) - 1)]
    indent = " " * (widths[0] + 2)
    if hasattr(stream, "isatty") and stream.isatty():   # titles clipped to the terminal
        room = max(12, terminal_columns(stream) - sum(widths) - 2 * len(widths) - 1)
        for row in rows:
            row[-1] = clip(row[-1], room)

    def line(cells):
        return "  ".join(cell + " " * (w - width(cell)) for cell, w in zip(cells, widths + [0]))

    out = [f"\x1b[1m{line(HEADER)}\x1b[0m" if colour else line(HEADER)]
    for n, (c, row) in enumerate(zip(candidates, rows)):
        out.append(line(row).rstrip())
        out.append(indent + "“" + highlight(c.sentence, due_of(c)["due_text"], colour) + "”")
        if notes and notes[n]:
            out.append(indent + printable(notes[n]))
    stream.write("\n".join(out) + "\n")
