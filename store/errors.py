"""The one family of errors a user can cause; the command line prints them as one line."""
from __future__ import annotations

import re


class FristError(Exception):
    """Bad input or a store that cannot be used: shown as `error: <message>`, exit code 1."""


class StoreError(FristError):
    """The store cannot be used (damaged, newer schema, unknown id, unwritable)."""


class AlreadySo(FristError):
    """The change asked for is how things already are ("#3 is already open"): nothing is
    written (no history line, no undo step), and saying so is all there is to do; the
    command line exits 0. A FristError, so a caller that does not know it shows it."""


class ConflictError(StoreError):
    """Another process changed an item since it was shown: the change was not made.
    `current`: the Commitment as it is now (a form shows it under what was typed); `fields`:
    the names of what changed."""

    def __init__(self, message: str, current=None, fields: tuple = ()):
        super().__init__(message)
        self.current = current
        self.fields = tuple(fields)


# C0 and C1 controls, DEL, the zero-width space, the invisible direction marks (the
# Arabic letter mark U+061C too) and overrides: what untrusted text must not send to a terminal raw (ESC sequences, bells,
# text that runs backwards). The zero-width joiner and non-joiner (U+200D, U+200C) stay,
# like variation selectors and skin-tone modifiers: they make emoji ('👩‍👩‍👧‍👦') and words.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def escape_controls(text: str, keep: str = "") -> str:
    """`text` with every control character but those in `keep` shown as an escape
    (ESC as \\x1b): the one rule for untrusted text in messages and terminal output."""
    return _CONTROL.sub(lambda m: m[0] if m[0] in keep
                        else m[0].encode("unicode_escape").decode("ascii"), str(text))


def visible(text: str, limit: int = 200) -> str:
    """Untrusted text (a server's reason phrase, a header) made safe to put in a message:
    on one line, control characters shown as escapes (ESC as \\x1b), at most `limit` long."""
    text = escape_controls(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
