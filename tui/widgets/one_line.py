"""A one-line text field that keeps the whole of what is pasted into it.

Textual's Input keeps only the first line of a paste: a title or sentence copied from an
article that wraps ("The minister said the line\nwill open in April") lost its end
without a word. Here the line breaks become spaces.
"""
from __future__ import annotations

import re

from textual import events
from textual.widgets import Input

_BREAKS = re.compile(r"[ \t]*(?:\r\n|\r|\n)+[ \t]*")


class OneLineInput(Input):
    def _on_paste(self, event: events.Paste) -> None:
        text = _BREAKS.sub(" ", event.text.strip("\r\n"))
        if text:
            if self.selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *self.selection)
        event.stop()
        event.prevent_default()  # Input's own handler would paste the first line again
