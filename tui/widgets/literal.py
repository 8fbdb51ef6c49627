"""Untrusted text (titles, actors, sentences) made into Content that is shown as typed.

Content objects are never parsed as markup, and `printable` turns control characters
(ESC, BEL ...) into visible escapes, so an article cannot style, link or drive the
terminal.
"""
from __future__ import annotations

import re

from textual.content import Content

from tui.text import clip, printable


def literal(text: str, style: str = "", one_line: bool = True) -> Content:
    content = Content(printable(str(text), one_line=one_line))
    return content.stylize(style) if style else content


SUBJECT_CELLS = 180  # about three lines of a 72-wide form


def subject(title: str, style: str = "") -> Content:
    """A title above a dialog's fields, cut to about three lines with '…', so that a long
    one leaves the fields below it in sight on an 80x24 terminal."""
    return literal(clip(printable(title), SUBJECT_CELLS), style)


def date_span(sentence: str, due_text: str) -> tuple[int, int] | None:
    """Where the date words `due_text` stand in `sentence` (case-insensitive), if anywhere.

    When the whole phrase is not there (the extractor may have normalised it), the longest
    run of its trailing words that is ("bis zum 27. November" -> "27. November") is used.
    """
    words = due_text.split()
    lowered = sentence.casefold()
    for start in range(len(words)):
        phrase = " ".join(words[start:])
        if len(phrase) < 3 and not any(ch.isdigit() for ch in phrase):
            break
        pattern = r"\s+".join(re.escape(w.casefold()) for w in words[start:])
        m = re.search(pattern, lowered)
        if m:
            return m.start(), m.end()
    return None


def highlighted(sentence: str, due_text: str, style: str = "bold reverse") -> Content:
    """The sentence shown literally, with its date words in `style`."""
    shown = printable(sentence, one_line=True)
    span = date_span(shown, printable(due_text or ""))
    content = Content(shown)
    return content.stylize(style, *span) if span else content
