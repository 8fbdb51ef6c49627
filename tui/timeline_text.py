"""The timeline's geometry, shared by the dashboard view and `frist list --timeline`.

Time runs left to right in cells of one day, one ISO week or one calendar month (the
"scale"). A commitment is drawn from its window's first day to its due day: a lone `●`
for a day (or any window that fits one cell), `━━━━●` for a longer window, `✓`/`✗`
for one that was met/missed. Everything here is plain text; the callers add colour.

No textual import here: `frist list --timeline` must start fast.
"""
from __future__ import annotations

import datetime as dt
import sys

from store import model
from store.model import Commitment

SCALES = ("days", "weeks", "months")

DUE, WINDOW, MET, MISSED, CANCELLED = "●", "━", "✓", "✗", "×"
BEFORE, AFTER = "◀", "▶"  # the bar lies outside the visible range, this way
TODAY_COLUMN, TODAY_MARK = "┊", "▼"


def cell_of(day: dt.date, scale: str) -> int:
    """The number of the cell holding `day`; consecutive cells have consecutive numbers."""
    if scale == "days":
        return day.toordinal()
    if scale == "weeks":
        return (day.toordinal() - 1) // 7  # ordinal 1 (1 Jan of year 1) is a Monday
    return day.year * 12 + day.month - 1


def first_day(cell: int, scale: str) -> dt.date:
    """The first day of a cell (the inverse of `cell_of`)."""
    cell = max(cell, cell_of(dt.date.min, scale))
    if scale == "days":
        return dt.date.fromordinal(min(cell, dt.date.max.toordinal()))
    if scale == "weeks":
        return dt.date.fromordinal(min(cell * 7 + 1, dt.date.max.toordinal()))
    year, month = divmod(cell, 12)
    return dt.date(min(year, 9999), month + 1, 1)


def _label(day: dt.date, scale: str) -> str | None:
    """The axis label that starts at the cell of `day` (its first day), if any."""
    month = model.MONTH_ABBR[day.month - 1]
    if scale == "days":
        if day.day == 1 and day.month == 1:
            return str(day.year)
        return f"{day.day} {month}" if day.weekday() == 0 else None
    if scale == "weeks":  # the week that holds the 1st of a month
        last = day + dt.timedelta(days=6)
        if last.day > 7:
            return None
        # January names its year too: a bare "2026" after "Dec" reads as "Dec 2026"
        return f"Jan {last.year}" if last.month == 1 else model.MONTH_ABBR[last.month - 1]
    if day.month == 1:
        return str(day.year)
    return month if day.month == 7 else None


def axis(first_cell: int, cells: int, scale: str) -> tuple[str, str]:
    """(labels, ruler): two lines of `cells` characters naming the visible stretch of time.
    A label that would run into the next one is shortened ('Jan 2027', "Jan '27", 'Jan'
    with its year on the ruler below: '┬'27'), so that no month is left out; one that
    still does not fit is left out."""
    labels = [" "] * cells
    ruler = ["─"] * cells
    starts = []
    for offset in range(cells):
        label = _label(first_day(first_cell + offset, scale), scale)
        if label is not None:
            ruler[offset] = "┬"
            starts.append((offset, label))
    free_from = 0
    for n, (offset, label) in enumerate(starts):
        room = (starts[n + 1][0] - 1 if n + 1 < len(starts) else cells) - offset
        forms = _shorter(label)
        label = next((short for short in forms if len(short) <= room), label)
        if label == forms[-1] != forms[0]:  # the year went: it is written on the ruler
            year = forms[0][-4:] if room >= 4 else "'" + forms[0][-2:]
            if len(year) <= room and offset + 1 + len(year) <= cells:
                ruler[offset + 1:offset + 1 + len(year)] = year
        if offset >= free_from and offset + len(label) <= cells:
            labels[offset:offset + len(label)] = label
            free_from = offset + len(label) + 1
    return "".join(labels), "".join(ruler)


def _shorter(label: str) -> list[str]:
    """`label` and its shorter forms: 'Jan 2027' -> "Jan '27" -> 'Jan'."""
    month, _, year = label.partition(" ")
    if len(year) == 4 and year.isdigit() and not month.isdigit():
        return [label, f"{month} '{year[2:]}", month]
    return [label]


def today_ruler(ruler: str, first_cell: int, today: dt.date, scale: str) -> str:
    """The ruler with today's cell marked."""
    offset = cell_of(today, scale) - first_cell
    if 0 <= offset < len(ruler):
        return ruler[:offset] + TODAY_MARK + ruler[offset + 1:]
    return ruler


def bar(commitment: Commitment, first_cell: int, cells: int, scale: str) -> str:
    """The commitment's glyphs in the visible cells, spaces elsewhere (always `cells` long)."""
    due = dt.date.fromisoformat(commitment.due)
    start = dt.date.fromisoformat(commitment.window_start)
    end_cell = cell_of(due, scale) - first_cell
    start_cell = min(cell_of(start, scale) - first_cell, end_cell)
    if cells <= 0:
        return ""
    if end_cell < 0:
        return BEFORE + " " * (cells - 1)
    if start_cell >= cells:
        return " " * (cells - 1) + AFTER
    status = commitment.status
    if status != "open":  # a decided item is a tick on its due day, not a bar
        tick = {"met": MET, "missed": MISSED}.get(status, CANCELLED)
        if end_cell >= cells:
            return " " * (cells - 1) + AFTER
        return " " * end_cell + tick + " " * (cells - end_cell - 1)
    glyphs = [" "] * cells
    for offset in range(max(start_cell, 0), min(end_cell, cells)):
        glyphs[offset] = WINDOW
    if end_cell < cells:
        glyphs[end_cell] = DUE
    return "".join(glyphs)


def with_today(glyphs: str, first_cell: int, today: dt.date, scale: str) -> str:
    """A row's glyphs with today's column drawn where the row leaves it empty."""
    offset = cell_of(today, scale) - first_cell
    if 0 <= offset < len(glyphs) and glyphs[offset] == " ":
        return glyphs[:offset] + TODAY_COLUMN + glyphs[offset + 1:]
    return glyphs


def fitting_scale(items: list[tuple[int, Commitment]], today: dt.date,
                  cells: int) -> tuple[str, int]:
    """(scale, first cell) for printing: the finest scale that shows every window and today
    in `cells`; failing that, months, starting shortly before today."""
    days = [today]
    for _id, commitment in items:
        days.append(dt.date.fromisoformat(commitment.window_start))
        days.append(dt.date.fromisoformat(commitment.due))
    lo, hi = min(days), max(days)
    for scale in SCALES:
        if cell_of(hi, scale) - cell_of(lo, scale) < cells:
            return scale, cell_of(lo, scale)
    return "months", max(cell_of(lo, "months"), cell_of(today, "months") - cells // 4)


def label_width(total: int) -> int:
    """Columns for '<id> <title>' before the axis: about a third of the line."""
    return max(12, min(40, total // 3))


def print_timeline(items: list[tuple[int, Commitment]], today: dt.date, stream=None) -> None:
    """`frist list --timeline`: one line per commitment under a shared axis of time,
    as wide as the terminal (80 columns when not a terminal); coloured only on a terminal."""
    stream = stream or sys.stdout  # read now: main() may have replaced it since import
    from tui.text import STATE_SGR, clip, printable, terminal_columns, use_colour, width

    colour = use_colour(stream)
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    total = terminal_columns(stream) if is_tty else 80
    total = max(total, 40)
    left = label_width(total)
    cells = total - left - 1
    scale, first = fitting_scale(items, today, cells)

    def paint(text: str, sgr: str) -> str:
        return f"\x1b[{sgr}m{text}\x1b[0m" if colour and sgr and text.strip() else text

    labels, ruler = axis(first, cells, scale)
    lines = [" " * (left + 1) + labels.rstrip(),
             " " * (left + 1) + paint(today_ruler(ruler, first, today, scale), "2")]
    id_width = max((len(str(i)) for i, _ in items), default=1)
    for item_id, commitment in items:
        state = commitment.state(today)
        label = clip(f"{item_id:>{id_width}} {printable(commitment.title)}", left)
        label += " " * (left - width(label))
        glyphs = with_today(bar(commitment, first, cells, scale), first, today, scale).rstrip()
        sgr = STATE_SGR.get(state, "")
        lines.append(f"{paint(label, sgr)} {paint(glyphs, sgr)}".rstrip())
    if not items:
        lines.append("(nothing to show; try --status all)")
    today_text = f"{today.day} {model.MONTH_ABBR[today.month - 1]} {today.year}"
    lines.append(f"{DUE} due  {WINDOW} window  {MET} met  {MISSED} missed  "
                 f"{TODAY_MARK}{TODAY_COLUMN} today {today_text}  one cell = one {scale[:-1]}")
    stream.write("\n".join(lines) + "\n")
