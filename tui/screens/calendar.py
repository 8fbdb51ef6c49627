"""The month calendar: a Monday-first grid of one month, each day with what falls due on it.

Items come from the main table's tab (`app.visible_items()`, named by `app.view_label()`)
and are counted on their due day;
a week, month, quarter or year window counts on its last day (the legend says so).
`MonthGrid` draws with the line API, from a dict of items per day built once per refresh,
so 10,000 items cost one pass when the view opens and nothing per keypress.
Enter on a day asks the app to show that day's items (`app.show_day(date)`); the day's
first item becomes `app.selected_id`, so m/x/p act on the title shown first.
"""
from __future__ import annotations

import calendar
import datetime as dt

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from store import model
from store.model import Commitment
from tui.screens.base import FristScreen
from tui.text import clip, printable, width
from tui.widgets.footer import KeyFooter

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MONTH_GRID = calendar.Calendar(firstweekday=0)  # Monday first


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), moved back to the month's end if need be."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    year = max(dt.MINYEAR, min(year, dt.MAXYEAR))
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def items_by_day(items: list[tuple[int, Commitment]]) -> dict[dt.date, list[tuple[int, Commitment]]]:
    """Items grouped by their due day (a window's last day), in the order given."""
    days: dict[dt.date, list[tuple[int, Commitment]]] = {}
    for item in items:
        days.setdefault(dt.date.fromisoformat(item[1].due), []).append(item)
    return days


class MonthGrid(Widget, can_focus=True):
    """Seven columns, one row block per week; the cursor is a day."""

    COMPONENT_CLASSES = {"calendar--header", "calendar--grid", "calendar--other",
                         "calendar--count", "calendar--overdue", "calendar--today",
                         "calendar--cursor"}


    BINDINGS = [
        Binding("left", "move(-1)", "day before", show=False, id="calendar_day_before"),
        Binding("right", "move(1)", "day after", show=False, id="calendar_day_after"),
        Binding("up", "move(-7)", "week before", show=False, id="calendar_week_before"),
        Binding("down", "move(7)", "week after", show=False, id="calendar_week_after"),
        Binding("pageup", "month(-1)", "month before", key_display="pgup",
                id="calendar_month_before"),
        Binding("pagedown", "month(1)", "month after", key_display="pgdn",
                id="calendar_month_after"),
        Binding("home", "to_today", "today", show=False, id="calendar_today"),
        Binding("enter", "show_day", "list day", id="calendar_show_day"),
    ]

    class Moved(Message):
        """The cursor moved to another day."""

    def __init__(self) -> None:
        super().__init__()
        self.days: dict[dt.date, list[tuple[int, Commitment]]] = {}
        self.day: dt.date = dt.date.today()

    @property
    def today(self) -> dt.date:
        return self.app.today

    def has_open(self, day: dt.date) -> bool:
        """Something on this day is still open (else all of it was met, missed or cancelled)."""
        return any(r.status == "open" for _, r in self.days.get(day, ()))

    def is_overdue(self, day: dt.date) -> bool:
        """Something still open fell due on this past day."""
        return day < self.today and any(r.status == "open" for _, r in self.days.get(day, ()))

    # -- actions
    def go(self, day: dt.date) -> None:
        self.day = day
        self.refresh()
        self.post_message(self.Moved())

    def action_move(self, days: int) -> None:
        try:
            self.go(self.day + dt.timedelta(days=days))
        except OverflowError:
            pass

    def action_month(self, months: int) -> None:
        self.go(add_months(self.day, months))

    def action_to_today(self) -> None:
        self.go(self.today)

    def action_show_day(self) -> None:
        self.app.show_day(self.day)

    # -- drawing
    def _weeks(self) -> list[list[dt.date]]:
        return MONTH_GRID.monthdatescalendar(self.day.year, self.day.month)

    def _geometry(self) -> tuple[int, int, int]:
        """(cell width, lines per week, number of weeks) for the current size."""
        weeks = len(self._weeks())
        cell = max(3, (self.size.width - 6) // 7)
        lines = max(1, min(8, (self.size.height - 1 - (weeks - 1)) // weeks))
        return cell, lines, weeks

    def _cell_text(self, day: dt.date, line: int, cell: int,
                   lines: int) -> list[tuple[str, Style]]:
        """The `line`-th line of a day's cell as (text, style) pieces filling `cell` columns."""
        base = self.rich_style
        if day.month != self.day.month:
            style = self.get_component_rich_style("calendar--other")
        elif self.is_overdue(day):
            style = self.get_component_rich_style("calendar--overdue")
        else:
            style = base
        items = self.days.get(day, [])
        pieces: list[tuple[str, Style]] = []
        if line == 0:
            number = f"[{day.day:>2}]" if day == self.today else f" {day.day:>2} "
            number_style = style + self.get_component_rich_style("calendar--today") \
                if day == self.today else style
            pieces.append((number, number_style))
            if items:
                word = "late" if self.is_overdue(day) else "due" if self.has_open(day) else "done"
                count = f"{len(items)} {word}"
                if len(count) > cell - len(number):
                    count = f"{'!' if word == 'late' else ''}{len(items)}"
                if len(count) > cell - len(number):  # no room at all: the day's line shows it
                    count = ""
                count_style = style if self.is_overdue(day) or day.month != self.day.month \
                    else self.get_component_rich_style("calendar--count")
                pad = max(cell - len(number) - len(count), 0)
                pieces.append((" " * pad, base))
                pieces.append((count, count_style))
        else:
            shown = lines - 1  # title lines in the cell
            more = len(items) - shown
            if more > 0 and line == shown and shown > 1:
                pieces.append((f"+{more + 1} more", style))
            elif line - 1 < len(items):
                title = printable(items[line - 1][1].title)
                pieces.append((clip(title, cell), style))
        used = sum(width(text) for text, _ in pieces)
        if used < cell:
            pieces.append((" " * (cell - used), base))
        if day == self.day:
            cursor = self.get_component_rich_style("calendar--cursor")
            cursor = Style(color=cursor.color, bgcolor=cursor.bgcolor)  # keep bold/underline
            pieces = [(text, piece_style + cursor) for text, piece_style in pieces]
        return pieces

    def render_line(self, y: int) -> Strip:
        total = self.size.width
        cell, lines, weeks = self._geometry()
        grid = self.get_component_rich_style("calendar--grid")
        if y == 0:
            header = self.get_component_rich_style("calendar--header")
            segments = []
            for n, name in enumerate(WEEKDAYS):
                segments.append(Segment(f" {name}".ljust(cell)[:cell], header))
                if n < 6:
                    segments.append(Segment(" ", grid))
            return Strip(segments).adjust_cell_length(total, self.rich_style)
        week, line = divmod(y - 1, lines + 1)
        if week >= weeks:
            return Strip.blank(total, self.rich_style)
        if line == lines:  # the rule between weeks
            if week == weeks - 1:
                return Strip.blank(total, self.rich_style)
            rule = Segment("┼".join(["─" * cell] * 7), grid)
            return Strip([rule]).adjust_cell_length(total, self.rich_style)
        strips = []
        for n, day in enumerate(self._weeks()[week]):
            pieces = self._cell_text(day, line, cell, lines)
            # cropped to the cell, so a narrow terminal never shifts the columns
            strips.append(Strip([Segment(text, style) for text, style in pieces])
                          .adjust_cell_length(cell, self.rich_style))
            if n < 6:
                strips.append(Strip([Segment("│", grid)]))
        return Strip.join(strips).adjust_cell_length(total, self.rich_style)


class CalendarScreen(FristScreen):
    """The month calendar, pushed by the app's `v` key."""


    BINDINGS = [Binding("escape", "back", "back", id="calendar_back")]

    def compose(self) -> ComposeResult:
        yield Static(id="calendar-title", markup=False)
        yield MonthGrid()
        yield Static(id="calendar-day", markup=False)
        yield Static(id="calendar-legend", markup=False)
        yield KeyFooter()

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    def on_mount(self) -> None:
        self.entry_selected = self.app.selected_id
        self.grid.day = self.app.today
        self.refresh_items()
        self.grid.focus()

    def refresh_items(self) -> None:
        """Re-read the app's items (it calls this after every change)."""
        self.grid.days = items_by_day(self.app.visible_items())
        self.query_one("#calendar-legend", Static).update(Text(
            f"[{self.app.today.day}] today (Home) · n due: falling due that day · "
            "n late: overdue, still open · n done: met, missed or cancelled · "
            "week, month, quarter and year windows count on their last day"))
        self.grid.refresh()
        self._show_day()

    def action_back(self) -> None:
        # An empty day selected nothing: give the table back what it had selected.
        if self.app.selected_id is None and self.entry_selected is not None:
            self.app.selected_id = self.entry_selected
        self.app.pop_screen()

    def on_month_grid_moved(self, message: MonthGrid.Moved) -> None:
        self._show_day()

    def _show_day(self) -> None:
        grid = self.grid
        day = grid.day
        in_month = [items for d, items in grid.days.items()
                    if d.year == day.year and d.month == day.month]
        due = sum(len(items) for items in in_month)
        title = Text(f" {MONTHS[day.month - 1]} {day.year}", style="bold")
        today = self.app.today
        title.append(f" · {self.app.view_label()} tab: {due} due this month · today {today.day} "
                     f"{model.MONTH_ABBR[today.month - 1]} {today.year}")
        self.query_one("#calendar-title", Static).update(title)
        items = grid.days.get(day, [])
        self.app.selected_id = items[0][0] if items else None
        info = Text(f" {WEEKDAYS[day.weekday()]} {day.day} "
                    f"{model.MONTH_ABBR[day.month - 1]} {day.year}: ", style="bold")
        if not items:
            info.append("nothing falls due")
        else:
            info.append(f"{len(items)} falling due", style="bold")
            for n, (item_id, record) in enumerate(items[:3]):
                info.append(("; " if n else " — ") + f"#{item_id} ")
                info.append(printable(record.title))
                if record.status != "open":
                    info.append(f" ({record.status})")
            if len(items) > 3:
                info.append(f"; +{len(items) - 3} more")
        self.query_one("#calendar-day", Static).update(info)
