"""The track record screen: per actor (or tag) met, missed, cancelled, open and overdue,
the share met, postponements, and a bar per row — the figures of `frist stats`.

Rows are drawn as plain aligned text (one Static in a scroll container) so the whole
table fits 80 columns: the name column and the bar shrink to what the width allows.
A cursor picks a row; Enter lists that actor's (or tag's) commitments in the main
table (app.show_group), where the usual keys act on them.
"""
from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Static

from store import model
from store.stats import bar_segments, share_label, track_record
from tui.screens.base import FristScreen
from tui.text import clip, counted, printable, width
from tui.widgets.footer import KeyFooter

# Bar glyphs differ as well as colours, so the bar reads without colour too.
BAR_STYLE = {"met": ("█", "green"), "missed": ("▓", "red"), "cancelled": ("░", "grey50"),
             "open": ("·", "yellow")}
NUMBERS = (("met", 4), ("missed", 6), ("cancelled", 4), ("open", 4), ("overdue", 7))
HEADS = {"met": "met", "missed": "missed", "cancelled": "canc", "open": "open",
         "overdue": "overdue"}
# A row is: name, " ", each number and a space, met% (5) and a space, postponed (9), two
# spaces, then the bar.
FIXED = 1 + sum(w + 1 for _, w in NUMBERS) + 6 + 11


def legend() -> Text:
    text = Text(" ")
    for kind, (glyph, colour) in BAR_STYLE.items():
        text.append(glyph * 2, style=colour)
        text.append(f" {kind}  ")
    return text


def layout(total_width: int, longest_name: int) -> tuple[int, int]:
    """(name columns, bar cells) so that a row fits in `total_width` columns."""
    bar_cells = max(6, min(30, total_width - FIXED - 14))
    name = max(8, min(longest_name, total_width - FIXED - bar_cells))
    return name, bar_cells


def render_rows(rows, total_width: int, by: str, cursor: int | None = None) -> Text:
    """The table as one Text: a header line and a line per actor or tag (the one at
    `cursor` highlighted)."""
    names = [printable(r.name) or "(none)" for r in rows]
    name_cells, bar_cells = layout(total_width, max([width(n) for n in names] + [len(by)]))
    largest = max([r.total for r in rows] + [1])
    out = Text()
    head = by.ljust(name_cells) + " " + " ".join(HEADS[k].rjust(w) for k, w in NUMBERS)
    out.append(head + f" {'met%':>5} {'postponed':>9}  record\n", style="bold")
    for index, (row, name) in enumerate(zip(rows, names)):
        start = len(out)
        shown = clip(name, name_cells)
        out.append(shown + " " * (name_cells - width(shown)) + " ")
        for kind, cells in NUMBERS:
            value = getattr(row, kind)
            style = "bold red" if kind == "overdue" and value else ""
            out.append(str(value).rjust(cells) + " ", style=style)
        out.append(f"{share_label(row.met_share):>5} ")
        moved = f"{row.postponed}x {row.postponed_days:+d}d" if row.postponed else "-"
        out.append(f"{moved:>9}  ")
        for kind, cells in bar_segments(row, bar_cells, largest):
            glyph, colour = BAR_STYLE[kind]
            out.append(glyph * cells, style=colour)
        if index == cursor:
            out.stylize("reverse", start, len(out))
        out.append("\n")
    out.rstrip()
    return out


class StatsScreen(FristScreen):
    """Who keeps their word: pushed by the app's `R` key; Escape goes back."""


    SHOWS_AN_ITEM = False  # the item keys (m, x, e ...) would act on a row not in sight
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back", id="stats_back"),
        Binding("enter", "open_row", "list them", id="stats_open",
                tooltip="The commitments of the actor (or tag) under the cursor, in the "
                        "main table"),
        Binding("g", "toggle_group", "by actor/tag", id="stats_group"),
        Binding("up,k", "move(-1)", "up", show=False, id="stats_up"),
        Binding("down,j", "move(1)", "down", show=False, id="stats_down"),
        Binding("home", "move(-1_000_000)", "first", show=False, id="stats_first"),
        Binding("end", "move(1_000_000)", "last", show=False, id="stats_last"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self.by = "actor"
        self.rows = []
        self.cursor = 0

    def compose(self) -> ComposeResult:
        yield Static(id="stats-title", markup=False)
        with VerticalScroll(id="stats-scroll", can_focus=False):  # the arrows move the cursor
            yield Static(id="stats-table", markup=False)
        yield Static(legend(), id="stats-legend", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.ready = True
        # back from the list of one row's commitments: on that row again
        group = getattr(getattr(self.app, "view", None), "last_group", None)
        if group:
            self.by = group[0]
        self.refresh_items()
        if group:
            names = [row.name for row in self.rows]
            if group[1] in names:
                self.action_move(names.index(group[1]))

    def refresh_items(self) -> None:
        """Count again (the app calls this after every change)."""
        soon = getattr(getattr(self.app, "config", None), "due_soon_days", model.DUE_SOON_DAYS)
        self.rows = track_record(self.app.store.all(), self.app.today, by=self.by,
                                 soon_days=soon)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def action_toggle_group(self) -> None:
        self.by = "tag" if self.by == "actor" else "actor"
        self.cursor = 0
        self.refresh_items()

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))
            self._draw()
            # the header is line 0 of the table: row n is line n + 1
            self.query_one("#stats-scroll").scroll_to_region(
                Region(0, self.cursor + 1, 1, 1), animate=False, immediate=True)

    def action_open_row(self) -> None:
        if self.rows:
            self.app.show_group(self.by, self.rows[self.cursor].name)

    def on_click(self, event: events.Click) -> None:
        """A click picks a row; a second click (or a double click) lists it."""
        offset = event.get_content_offset(self.query_one("#stats-table"))
        if offset is None or not 1 <= offset.y <= len(self.rows):
            return
        again = self.cursor == offset.y - 1
        self.action_move(offset.y - 1 - self.cursor)
        if again or event.chain >= 2:
            self.action_open_row()

    def _draw(self) -> None:
        if not self.ready:  # not mounted yet: the app may refresh every screen it holds
            return
        total = sum(r.total for r in self.rows) if self.by == "actor" else \
            len(self.app.store.all())
        met = sum(r.met for r in self.rows)
        missed = sum(r.missed for r in self.rows)
        share = (f"met {share_label(met / (met + missed))} of those decided" if met + missed
                 else "none met or missed yet")
        # the row of items without an actor (tag), "(none)", is no actor (tag) of its own
        groups = counted(sum(1 for r in self.rows if r.name), self.by)
        title = Text(f" Track record by {self.by} · {groups} · {counted(total, 'commitment')}"
                     + (f" · {share}" if self.by == "actor" else ""))
        self.query_one("#stats-title", Static).update(title)
        table = self.query_one("#stats-table", Static)
        if not self.rows:
            table.update(Text("No commitments yet.", style="italic"))
            return
        self.cursor = min(self.cursor, len(self.rows) - 1)
        table.update(render_rows(self.rows, max(self.size.width - 2, 40), self.by, self.cursor))
