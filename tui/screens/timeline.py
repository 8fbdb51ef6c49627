"""The timeline: one line per open commitment, a bar from its window's start to its due day.

The lines are the main table's (`app.visible_items()`: its tab and search), in due order
whatever the table is sorted by (a timeline sorted by title or by id reads as noise). `TimelineView`
draws with the line API: `render_line` builds only the rows on screen, so 10,000 items
cost no more to draw than twenty. Moving the cursor sets `app.selected_id`, so the app's
own keys (Enter detail, m met, x missed, p postpone ...) act on the selected commitment.
The axis arithmetic and glyphs live in tui/timeline_text.py, shared with
`frist list --timeline`.
"""
from __future__ import annotations

import datetime as dt
import heapq
import itertools

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from store import model
from store.model import Commitment
from store.query import sort_key
from tui import timeline_text as tl
from tui.screens.base import FristScreen
from tui.text import clip, printable, width
from tui.widgets.footer import KeyFooter

HEADER_ROWS = 2  # axis labels and the ruler
STATE_STYLES = {state: f"timeline--{state}" for state in model.STATES}
ONE_CELL = {"days": "1 day", "weeks": "1 week", "months": "1 month"}
LEGEND = (f"{tl.DUE} due {tl.WINDOW} window {tl.TODAY_COLUMN} today",  # left of the axis rows
          f"{tl.MET} met {tl.MISSED} missed")


def soon_days(app) -> int:
    config = getattr(app, "config", None)
    return getattr(config, "due_soon_days", model.DUE_SOON_DAYS)


def timeline_rows(visible: list[tuple[int, Commitment]],
                  everything: list[tuple[int, Commitment]] | None
                  ) -> list[tuple[int, Commitment]]:
    """The open items of the main table, soonest due first; with `everything`, also every
    met or missed item there, merged in by due date (drawn as ticks)."""
    rows = sorted((item for item in visible if item[1].status == "open"), key=sort_key)
    if everything is None:
        return rows
    decided = sorted((item for item in everything if item[1].status in ("met", "missed")),
                     key=sort_key)
    return list(heapq.merge(rows, decided, key=sort_key))


class TimelineView(Widget, can_focus=True):
    """The axis (two rows) and one row per item, drawn on demand."""

    COMPONENT_CLASSES = {"timeline--axis", "timeline--today", "timeline--cursor",
                         "timeline--cursor-row", *STATE_STYLES.values()}


    BINDINGS = [
        Binding("up", "move(-1)", "up", show=False, id="timeline_up"),
        Binding("down", "move(1)", "down", show=False, id="timeline_down"),
        Binding("pageup", "page(-1)", "page up", show=False, id="timeline_page_up"),
        Binding("pagedown", "page(1)", "page down", show=False, id="timeline_page_down"),
        Binding("home", "move(-1_000_000_000)", "first", show=False, id="timeline_first"),
        Binding("end", "move(1_000_000_000)", "last", show=False, id="timeline_last"),
        Binding("left", "pan(-1)", "earlier", show=False, id="timeline_earlier"),
        Binding("right", "pan(1)", "later", show=False, id="timeline_later"),
        Binding("plus,equals_sign", "zoom(-1)", "zoom in", key_display="+", id="timeline_zoom_in"),
        Binding("minus", "zoom(1)", "zoom out", key_display="-", id="timeline_zoom_out"),
        Binding("full_stop", "to_today", "today", key_display=".", id="timeline_today"),
        Binding("f", "find_bar", "find bar", id="timeline_find_bar"),
        # The app binds Enter on its table, not globally: ask for the detail explicitly.
        Binding("enter", "app.open_detail", "details", show=False, id="timeline_open_detail"),
    ]

    class Moved(Message):
        """The cursor or the visible stretch of time changed."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[int, Commitment]] = []
        self.cursor = 0  # index into rows
        self.top = 0  # index of the first row on screen
        self.scale = "weeks"
        self.anchor: dt.date | None = None  # the day shown a quarter of the way across
        self.show_ticks = False  # met/missed rows are included (the legend names their ticks)

    # -- data
    def set_rows(self, rows: list[tuple[int, Commitment]], keep_id: int | None) -> None:
        """New rows; the cursor stays on `keep_id` if it is still there."""
        self.rows = rows
        index = next((n for n, (item_id, _) in enumerate(rows) if item_id == keep_id), None)
        self.cursor = index if index is not None else min(self.cursor, max(len(rows) - 1, 0))
        self._follow_cursor()

    @property
    def selected(self) -> tuple[int, Commitment] | None:
        return self.rows[self.cursor] if self.rows else None

    # -- geometry
    @property
    def today(self) -> dt.date:
        return self.app.today

    def _layout(self) -> tuple[int, int, int]:
        """(label columns, axis cells, first cell) for the current size, scale and anchor."""
        total = self.size.width
        left = tl.label_width(total)
        cells = max(total - left - 1, 1)
        anchor = self.anchor or self.today
        return left, cells, tl.cell_of(anchor, self.scale) - cells // 4

    def _body_height(self) -> int:
        return max(self.size.height - HEADER_ROWS, 1)

    def _follow_cursor(self) -> None:
        height = self._body_height()
        if self.cursor < self.top:
            self.top = self.cursor
        elif self.cursor >= self.top + height:
            self.top = self.cursor - height + 1
        self.top = max(0, min(self.top, max(len(self.rows) - height, 0)))
        self.refresh()
        self.post_message(self.Moved())

    def on_resize(self, event: events.Resize) -> None:
        self._follow_cursor()

    # -- actions
    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))
            self._follow_cursor()

    def action_page(self, direction: int) -> None:
        height = self._body_height()
        self.top = max(0, self.top + direction * height)
        self.action_move(direction * height)

    def action_pan(self, direction: int) -> None:
        _left, cells, _first = self._layout()
        step = max(1, cells // 4)
        anchor = self.anchor or self.today
        cell = tl.cell_of(anchor, self.scale) + direction * step
        low, high = (tl.cell_of(dt.date(year, 1, 1), self.scale) for year in (2, 9998))
        self.anchor = tl.first_day(max(low, min(cell, high)), self.scale)  # dates stay valid
        self._follow_cursor()

    def action_zoom(self, step: int) -> None:
        index = tl.SCALES.index(self.scale) + step
        if 0 <= index < len(tl.SCALES):
            self.scale = tl.SCALES[index]
            self._follow_cursor()

    def action_to_today(self) -> None:
        self.anchor = None
        self._follow_cursor()

    def action_find_bar(self) -> None:
        """Bring the selected item's bar into view (its window starting a quarter across)."""
        if self.selected:
            record = self.selected[1]
            self.anchor = dt.date.fromisoformat(record.window_start)
            self._follow_cursor()

    def on_click(self, event: events.Click) -> None:
        index = self.top + event.y - HEADER_ROWS
        if event.y >= HEADER_ROWS and index < len(self.rows):
            self.cursor = index
            self._follow_cursor()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self.top = max(0, min(self.top + 3, len(self.rows) - self._body_height()))
        self.refresh()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self.top = max(0, self.top - 3)
        self.refresh()

    # -- drawing
    def render_line(self, y: int) -> Strip:
        total = self.size.width
        left, cells, first = self._layout()
        base = self.rich_style
        axis_style = self.get_component_rich_style("timeline--axis")
        today_style = self.get_component_rich_style("timeline--today")
        if y < HEADER_ROWS:  # the legend on the left, the axis on the right
            labels, ruler = tl.axis(first, cells, self.scale)
            legend = LEGEND[y] if y == 0 or self.show_ticks else ""
            segments = [Segment(clip(legend, left).ljust(left + 1), axis_style)]
            if y == 0:
                segments.append(Segment(labels, axis_style))
            else:
                marked = tl.today_ruler(ruler, first, self.today, self.scale)
                for is_mark, run in itertools.groupby(marked, key=lambda c: c == tl.TODAY_MARK):
                    segments.append(Segment("".join(run), today_style if is_mark else axis_style))
            return Strip(segments).adjust_cell_length(total, base)
        index = self.top + y - HEADER_ROWS
        if index >= len(self.rows):
            if index == 0:
                note = "Nothing to show here." + ("" if self.show_ticks else
                                                  " h shows met and missed items as ticks.")
                return Strip([Segment(note, axis_style)]).adjust_cell_length(total, base)
            return Strip.blank(total, base)
        item_id, record = self.rows[index]
        state = record.state(self.today, soon_days(self.app))
        state_style = self.get_component_rich_style(STATE_STYLES[state])
        id_width = len(str(max(i for i, _ in self.rows[self.top:self.top + self._body_height()])))
        label = clip(f"{item_id:>{id_width}} {printable(record.title)}", left)
        label += " " * (left - width(label))
        row_bg = Style()
        if index == self.cursor:
            label_style = self.get_component_rich_style("timeline--cursor")
            row_bg = Style(bgcolor=self.get_component_rich_style("timeline--cursor-row").bgcolor)
        else:
            label_style = state_style
        glyphs = tl.with_today(tl.bar(record, first, cells, self.scale),
                               first, self.today, self.scale)
        styles = {" ": base, tl.TODAY_COLUMN: today_style}  # any other glyph is the bar
        segments = [Segment(label, label_style), Segment(" ", base + row_bg)]
        for style, run in itertools.groupby(glyphs, key=lambda c: styles.get(c, state_style)):
            segments.append(Segment("".join(run), style + row_bg))
        return Strip(segments).adjust_cell_length(total, self.rich_style)


class TimelineScreen(FristScreen):
    """The timeline, pushed by the app's `t` key."""


    BINDINGS = [
        Binding("escape", "app.pop_screen", "back", id="timeline_back"),
        Binding("h", "toggle_ticks", "met/missed", id="timeline_ticks"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.show_ticks = False
        self.open_count = 0  # counted once per refresh, not per keypress

    def compose(self) -> ComposeResult:
        yield Static(id="timeline-title", markup=False)
        yield TimelineView()
        yield Static(id="timeline-info", markup=False)
        yield KeyFooter()

    @property
    def view(self) -> TimelineView:
        return self.query_one(TimelineView)

    def on_mount(self) -> None:
        self.refresh_items()
        self.view.focus()

    def refresh_items(self) -> None:
        """Re-read the app's items (it calls this after every change)."""
        everything = self.app.store.all() if self.show_ticks else None
        rows = timeline_rows(self.app.visible_items(), everything)
        self.open_count = sum(1 for _, record in rows if record.status == "open")
        self.view.set_rows(rows, self.app.selected_id)
        self._show_selection()

    def action_toggle_ticks(self) -> None:
        self.show_ticks = not self.show_ticks
        self.view.show_ticks = self.show_ticks
        self.refresh_items()

    def on_timeline_view_moved(self, message: TimelineView.Moved) -> None:
        self._show_selection()

    def _show_selection(self) -> None:
        view = self.view
        today = self.app.today
        title = Text(f" Timeline · {self.open_count} open")
        if self.show_ticks:
            title.append(f" + {len(view.rows) - self.open_count} met/missed")
        title.append(f" · 1 cell = {ONE_CELL[view.scale]} · today {today.day} "
                     f"{model.MONTH_ABBR[today.month - 1]} {today.year}")
        self.query_one("#timeline-title", Static).update(title)
        info = Text(" ")
        if view.selected:
            item_id, record = view.selected
            if self.app.selected_id != item_id:
                self.app.selected_id = item_id
            info.append(f"#{item_id} ", style="bold")
            info.append(printable(record.title))
            info.append(f" — {record.due_label()} ({record.countdown(today)})")
            if record.actor:
                info.append(f" — {printable(record.actor)}")
        self.query_one("#timeline-info", Static).update(info)
