"""The main table: a line-API ScrollView that paints only the rows on screen.

Textual's DataTable measures every cell of every row up front (about 1.3 s for 10,000
rows); this table asks `ItemView` for the ids in display order and renders a row only
when it scrolls into view, caching the rendered line per record (as toolong's LogLines
does). Colours come from component classes styled in frist.tcss with theme variables.
"""
from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import model
from store.model import Commitment
from store.sync.mapping import made_in_an_app
from tui.text import printable
from tui.view import ItemView

# What the state column says for each state.
STATE_WORDS = {
    "overdue": "needs decision", "due-today": "due today", "due-soon": "due soon",
    "upcoming": "upcoming", "met": "met", "missed": "missed", "cancelled": "cancelled",
}

# (header, width or None for the flexible title column). When's 13 holds "missed 25 Nov"
# and "365 d overdue"; it widens for what the tab shows (ItemView.when_cells): "2528 d
# overdue", "cancelled 25 Nov", "missed 25 Nov 2024".
COLUMNS = [("Due", 12), ("When", 13), ("Title", None), ("Actor", 16), ("State", 14),
           ("Source", 14)]
# What goes first when the table is narrow (the detail pane beside it says them all).
DROP_ORDER = ["Source", "Actor", "State", "When"]
MIN_TITLE = 24
# On a wide terminal the title keeps this much and the Actor and Source columns take the
# rest, up to what their longest cell needs (at most WIDE_MAX), before the title grows on.
TITLE_ENOUGH = 72
WIDE_MAX = 40
DUE_MAX = 32  # the Due column's cells at most, however long the config's date_format


def source_label(commitment: Commitment) -> str:
    """Where the item came from: the first source's document name, 'calendar app' (a
    to-do made there, brought in by a sync) or 'typed'."""
    sources = commitment.sources
    if not sources:
        return "calendar app" if made_in_an_app(commitment) else "typed"
    doc = sources[0].document or "article"
    name = doc.rstrip("/").rsplit("/", 1)[-1] or doc
    more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
    return name + more


class CommitTable(ScrollView, can_focus=True):
    """Rows of commitments, coloured by state, with a cursor and a sticky header."""

    COMPONENT_CLASSES = {
        "commit-table--header", "commit-table--cursor", "commit-table--cursor-blurred",
        *(f"commit-table--{state}" for state in model.STATES),
    }

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,g", "jump(0)", "First", show=False),
        Binding("end,G", "jump(-1)", "Last", show=False),
        Binding("enter", "choose", "Details", id="open_detail", tooltip="Show or hide the details"),
    ]

    class Highlighted(Message):
        """The cursor moved onto another item (or onto nothing)."""

        def __init__(self, item_id: int | None) -> None:
            super().__init__()
            self.item_id = item_id

    class Chosen(Message):
        """Enter, or a click on the row under the cursor: show the item's details."""

        def __init__(self, item_id: int) -> None:
            super().__init__()
            self.item_id = item_id

    def __init__(self, view: ItemView, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view = view
        self.cursor = 0
        self.now_hours: int | None = None  # hours left today, shown beside "today"
        self.due_text = Commitment.due_label  # the Due column: "4 Dec 2025", "Apr 2026", "Q1 2026"
        self.due_cells = dict(COLUMNS)["Due"]  # wider for a longer date_format
        self._lines: LRUCache[tuple, tuple[Commitment, Strip]] = LRUCache(1000)  # (record, line)
        self._widths: list[tuple[str, int]] = []
        self._laid_out_for: tuple[int, int] = (-1, -1)  # (table width, When width)
        self._widest: dict[str, int] | None = None  # the longest Actor and Source cells
        self._wide = False  # laid out from them: a change of the rows may widen a column
        self._last_highlight: int | None = -1

    # -- data
    @property
    def selected_id(self) -> int | None:
        rows = self.view.rows
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    def rows_changed(self, keep_id: int | None = None) -> None:
        """The view's rows changed: keep the cursor on `keep_id` (or near where it was)."""
        index = self.view.index_of(keep_id)
        if index is not None:
            self.cursor = index
        self.cursor = max(0, min(self.cursor, len(self.view.rows) - 1))
        self._cells_changed()
        self.virtual_size = Size(self._total_width(), len(self.view.rows) + 1)
        self.refresh()
        self._scroll_to_cursor()
        self._announce()

    def use_date_format(self, form: str) -> None:
        """Day-precision dues in the config's strftime form (windows keep their labels)."""
        self.due_text = _strftime(form)
        # as wide as the form gets on any day ("Wednesday, 30. September 2026"), up to a
        # limit: a day cut after its weekday says nothing
        year = dt.date(2026, 1, 1)
        longest = max(cell_len(printable((year + dt.timedelta(days=n)).strftime(form)))
                      for n in range(365))
        self.due_cells = max(dict(COLUMNS)["Due"], min(longest, DUE_MAX))
        self._laid_out_for = (-1, -1)
        self.forget()

    def forget(self, item_id: int | None = None) -> None:
        """Drop cached lines (of one item, or all): they will be rendered again."""
        self._cells_changed()
        if item_id is None:
            self._lines.clear()
        else:
            for key in [k for k in self._lines.keys() if k[0] == item_id]:
                self._lines.discard(key)
        self.refresh()

    def move_to(self, item_id: int | None) -> None:
        index = self.view.index_of(item_id)
        if index is not None and index != self.cursor:
            self.cursor = index
            self.refresh()
            self._scroll_to_cursor()
            self._announce()

    def _announce(self) -> None:
        current = self.selected_id
        if current != self._last_highlight:
            self._last_highlight = current
            self.post_message(self.Highlighted(current))

    # -- keys and mouse
    def action_cursor(self, step: int) -> None:
        self._set_cursor(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._set_cursor(self.cursor + direction * max(1, self.size.height - 2))

    def action_jump(self, where: int) -> None:
        self._set_cursor(0 if where == 0 else len(self.view.rows) - 1)

    def action_choose(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.Chosen(self.selected_id))

    def _set_cursor(self, index: int) -> None:
        index = max(0, min(index, len(self.view.rows) - 1))
        if index != self.cursor:
            self.cursor = index
            self.refresh()
        self._scroll_to_cursor()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)  # minus the header
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:  # the header
            return
        index = event.y - 1 + round(self.scroll_y)
        if not 0 <= index < len(self.view.rows):
            return
        already = index == self.cursor
        self._set_cursor(index)
        if already or event.chain >= 2:
            self.action_choose()

    def notify_style_update(self) -> None:
        """A new theme or stylesheet: the cached lines carry the old colours."""
        super().notify_style_update()
        self._lines.clear()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self._total_width(), len(self.view.rows) + 1)
        self._scroll_to_cursor()

    # -- painting
    def _layout(self) -> list[tuple[str, int]]:
        """Column widths for the current width: the title takes what the others leave."""
        when = max(dict(COLUMNS)["When"], self.view.when_cells())
        width = self.scrollable_content_region.width
        # Laid out again whenever the width changes, also before the first Resize event
        # arrives (the first rows may be painted before it), and the cached lines with it.
        if self._laid_out_for == (width, when):
            return self._widths
        self._laid_out_for = (width, when)
        sized = {"When": when, "Due": self.due_cells}
        columns = [(name, sized.get(name, w)) for name, w in COLUMNS]
        drop = list(DROP_ORDER)
        while True:
            fixed = sum(w for _, w in columns if w) + len(columns) + 1
            if width - fixed >= MIN_TITLE or not drop:
                break
            gone = drop.pop(0)
            columns = [c for c in columns if c[0] != gone]
        spare = width - fixed - TITLE_ENOUGH
        self._wide = spare > 0
        if self._wide and self._widest is None:
            self._widest = self._widest_cells()  # one pass over the rows: wide tables only
        for i, (name, w) in enumerate(columns):
            if spare > 0 and name in self._widest:
                more = max(0, min(self._widest[name], WIDE_MAX) - w)
                more = min(more, spare)
                columns[i] = (name, w + more)
                spare -= more
        fixed = sum(w for _, w in columns if w) + len(columns) + 1
        title = max(width - fixed, 10)  # below MIN_TITLE only with nothing left to drop
        widths = [(name, w if w else title) for name, w in columns]
        if widths != self._widths:
            self._lines.clear()  # the cached lines were cut to the old widths
        self._widths = widths
        # the scrollable width follows (a resize may have been handled before a refresh
        # that measured the old width: a stray horizontal scrollbar)
        total = sum(w + 1 for _, w in self._widths) + 1
        if self.virtual_size.width != total:
            self.virtual_size = Size(total, len(self.view.rows) + 1)
        return self._widths

    def _cells_changed(self) -> None:
        """The rows or their cells changed: a layout made from the longest cells is
        made again (from them read anew) when next asked for."""
        self._widest = None
        if self._wide:
            self._laid_out_for = (-1, -1)

    def _widest_cells(self) -> dict[str, int]:
        """The cells the longest actor and source of the rows need."""
        records = [self.view.items[i] for i in self.view.rows]
        return {"Actor": max((cell_len(printable(r.actor)) for r in records), default=0),
                "Source": max((cell_len(printable(source_label(r))) for r in records),
                              default=0)}

    def _total_width(self) -> int:
        return sum(w + 1 for _, w in self._layout()) + 1

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x = round(self.scroll_x)
        if y == 0:
            strip = self._header_line()
        else:
            index = y - 1 + round(self.scroll_y)
            if index >= len(self.view.rows):
                return Strip.blank(width, self.rich_style)
            strip = self._row_line(index)
        return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _header_line(self) -> Strip:
        style = self.get_component_rich_style("commit-table--header")
        marks = {"due": ("Due", " ▲"), "latest": ("Due", " ▼"), "actor": ("Actor", " ▲"),
                 "title": ("Title", " ▲")}
        name_mark = marks.get(self.view.sort)
        segments = []
        for name, w in self._layout():
            label = name + (name_mark[1] if name_mark and name_mark[0] == name else "")
            if self.view.sort == "changed" and name == "Title":
                label = "Title (recently changed first)"
            segments.append(Segment(" " + set_cell_size(label, w), style))
        segments.append(Segment(" ", style))
        return Strip(segments)

    def _row_line(self, index: int) -> Strip:
        item_id = self.view.rows[index]
        record = self.view.items[item_id]
        state = self.view.states[item_id]
        focused = self.has_focus
        cursor = index == self.cursor
        key = (item_id, state, cursor, cursor and focused, self.view.today,
               self.now_hours if state == "due-today" else None, len(self._layout()))
        # A changed record is a new object (the store never changes one in place), and
        # its `updated` stamp may stay the same (a sync takes a calendar app's edit as
        # the app dated it): the line is the cached one only for this very record.
        cached = self._lines.get(key)
        if cached is not None and cached[0] is record:
            return cached[1]
        strip = self._render_row(record, state, cursor, focused)
        self._lines[key] = (record, strip)
        return strip

    def _render_row(self, record: Commitment, state: str, cursor: bool, focused: bool) -> Strip:
        style = self.rich_style + self.get_component_rich_style(f"commit-table--{state}")
        if cursor:
            name = "commit-table--cursor" if focused else "commit-table--cursor-blurred"
            style += self.get_component_rich_style(name)
        when = record.countdown(self.view.today)
        if state == "due-today" and self.now_hours is not None:
            when = f"today · {self.now_hours} h"
        cells = {
            "Due": self.due_text(record),
            "When": when,
            "Title": record.title,
            "Actor": record.actor,
            "State": STATE_WORDS.get(state, state),
            "Source": source_label(record),
        }
        segments = []
        for name, w in self._layout():
            text = printable(cells[name])  # control characters made visible, never sent raw
            if cell_len(text) > w:
                text = set_cell_size(text, w - 1) + "…"
            segments.append(Segment(" " + set_cell_size(text, w), style))
        segments.append(Segment(" ", style))
        return Strip(segments)


def _strftime(form: str):
    def show(commitment: Commitment) -> str:
        if commitment.precision != "day":
            return commitment.due_label()
        return dt.date.fromisoformat(commitment.due).strftime(form)
    return show


def hours_left_today(now: dt.datetime) -> int:
    """Whole hours until midnight (at least 1 while the day lasts)."""
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    return max(1, int((midnight - now).total_seconds() // 3600))
