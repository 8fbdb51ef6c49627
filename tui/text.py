"""Plain-terminal output of the command line: safe text, state colours, aligned tables.

Titles, actors and sentences come from untrusted articles, so every string goes through
`printable` before it reaches a terminal: control characters (ESC, BEL, C1 codes ...)
are shown as visible escapes instead of being sent raw.
"""
from __future__ import annotations

import os
import sys
import unicodedata

from store.errors import escape_controls

# ANSI SGR codes per state (basic colours: the terminal's own theme picks the shades).
STATE_SGR = {
    "overdue": "1;31", "due-today": "1;33", "due-soon": "33", "upcoming": "",
    "met": "32", "missed": "35", "cancelled": "2",
}

def counted(n: int, word: str, plural: str | None = None) -> str:
    """'1 commitment', '2 commitments'."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def printable(text: str, one_line: bool = True) -> str:
    """`text` with control and direction-override characters made visible, e.g. ESC -> \\x1b;
    on one line, or keeping its tabs and line breaks."""
    text = str(text)
    if one_line:
        text = " ".join(text.split())
    return escape_controls(text, keep="" if one_line else "\t\n")


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_label(day, today, weekday: bool = False) -> str:
    """A day as a person reads it: '21 Nov' this year, '21 Nov 2024' another year
    (the dashboard's countdown reads 'met 21 Nov' the same way)."""
    shown = f"{day.day} {MONTHS[day.month - 1]}"
    if day.year != today.year:
        shown += f" {day.year}"
    return f"{day:%a} {shown}" if weekday else shown


def stamp_label(stamp: str, today) -> str:
    """A stored timestamp ('2025-11-21T10:30:00+00:00') in local time as a person reads
    it: '21 Nov 11:30', with the year only when it is not this year."""
    import datetime as dt
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return printable(str(stamp))
    if moment.tzinfo is not None:
        moment = moment.astimezone()  # the reader's local time
    return f"{day_label(moment.date(), today)} {moment:%H:%M}"


def use_colour(stream=None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    stream = stream or sys.stdout  # read now: main() may have replaced it since import
    if os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def terminal_columns(stream=None, default: int = 80) -> int:
    """The terminal's width ($COLUMNS first); `default` when `stream` is not a terminal.
    (os, not shutil: shutil would cost every command its compression-module imports.)"""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size((stream or sys.stdout).fileno()).columns
    except (AttributeError, OSError, ValueError):
        return default


def width(text: str) -> int:
    """Terminal cells taken by `text`: wide East Asian characters count twice, an emoji
    joined by zero-width joiners or given a skin tone ('👩‍👩‍👧‍👦', '👍🏽') counts as
    its first one, as the dashboard (rich) counts them."""
    if text.isascii():
        return len(text)
    return sum(_cells(text))


def _cells(text: str) -> list[int]:
    """The cells each character of `text` takes: 0 for marks, format characters (joiners,
    variation selectors), skin tones and a character joined on by U+200D."""
    out, joined = [], False
    for ch in text:
        if joined or unicodedata.category(ch) in ("Mn", "Me", "Cf") or \
                "\U0001f3fb" <= ch <= "\U0001f3ff":
            out.append(0)
        else:
            out.append(2 if unicodedata.east_asian_width(ch) in "WF" else 1)
        joined = ch == "\u200d"
    return out


def clip(text: str, cells: int) -> str:
    if width(text) <= cells:
        return text
    used = end = 0
    for end, w in enumerate(_cells(text)):
        if used + w > cells - 1:
            break
        used += w
    return text[:end] + "…"


def fit_columns(widths: list[int], total: int, flexible: int, steps=(), gap: int = 2
                ) -> tuple[list[int], list[int]]:
    """(the columns kept, their widths) so that a line fits `total` cells, the way the
    dashboard's table does it: the `flexible` column (the title) takes the room the
    others leave. While the title does not fit whole, the next of `steps` is taken:
    ("cap", column, cells) narrows a column; ("drop", column) leaves it out, but only
    while the title would have less than 3/8 of the width."""
    widths, kept = list(widths), list(range(len(widths)))
    wanted = max(20, total * 3 // 8)

    def room() -> int:
        return total - sum(widths[i] for i in kept if i != flexible) - gap * (len(kept) - 1)
    for kind, column, *cells in steps:
        if room() >= widths[flexible] or (kind == "drop" and room() >= wanted):
            break
        if kind == "drop":
            kept.remove(column)
        else:
            widths[column] = min(widths[column], cells[0])
    widths[flexible] = max(min(widths[flexible], 10), min(widths[flexible], room()))
    return kept, widths


PIPE_WIDTH = 240  # cells of a table row through a pipe, when $COLUMNS does not say


def table(header: list[str], rows: list[list[str]], states: list[str] | None = None,
          stream=None, flexible: int | None = None, steps=()) -> None:
    """Print aligned columns that fit the terminal's width (`fit_columns`: the `flexible`
    column takes the room, `steps` say which columns narrow or step aside first); on a
    terminal each row is coloured by its state. A pipe or a file has no width: $COLUMNS
    if set, else every cell whole up to PIPE_WIDTH (`frist list | grep` finds a title's
    last words; a 3,000-character title no longer pushes the columns after it 3,000
    cells on), and every column stays; `--json` is the complete form for scripts."""
    stream = stream or sys.stdout  # read now: main() may have replaced it since import
    colour = use_colour(stream)
    cells = [header] + rows
    widths = [max(width(row[i]) for row in cells) for i in range(len(header))]
    kept = list(range(len(header)))
    on_terminal = hasattr(stream, "isatty") and stream.isatty()
    if flexible is not None:
        # a pipe or a file: every cell whole, unless the row would pass PIPE_WIDTH
        natural = sum(widths) + 2 * (len(widths) - 1)
        total = terminal_columns(stream, default=min(natural, PIPE_WIDTH))
        kept, widths = fit_columns(widths, total, flexible, steps if on_terminal else
                                   [step for step in steps if step[0] != "drop"])
    lines = []
    for n, row in enumerate(cells):
        parts = [(clip(row[i], widths[i]), widths[i]) for i in kept]
        line = "  ".join(p + " " * (w - width(p)) for p, w in parts).rstrip()
        if on_terminal and flexible is not None and width(line) > total:
            line = clip(line, total)  # a terminal too narrow even for the fixed columns
        if colour:
            sgr = "1" if n == 0 else STATE_SGR.get(states[n - 1] if states else "", "")
            line = f"\x1b[{sgr}m{line}\x1b[0m" if sgr else line
        lines.append(line)
    stream.write("\n".join(lines) + "\n")
