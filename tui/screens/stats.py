"""The track record screen: per actor (or tag) met, missed, cancelled, open and overdue,
the share met, postponements, and a bar per row — the figures of `frist stats`.

Rows are drawn as plain aligned text (one Static in a scroll container) so the whole
table fits 80 columns: the name column and the bar shrink to what the width allows.
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from store import model
from store.stats import bar_segments, share_label, track_record
from tui.text import clip, printable, width
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


def render_rows(rows, total_width: int, by: str) -> Text:
    """The table as one Text: a header line and a line per actor or tag."""
    names = [printable(r.name) or "(none)" for r in rows]
    name_cells, bar_cells = layout(total_width, max([width(n) for n in names] + [len(by)]))
    largest = max([r.total for r in rows] + [1])
    out = Text()
    head = by.ljust(name_cells) + " " + " ".join(HEADS[k].rjust(w) for k, w in NUMBERS)
    out.append(head + f" {'met%':>5} {'postponed':>9}  record\n", style="bold")
    for row, name in zip(rows, names):
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
        out.append("\n")
    out.rstrip()
    return out


class StatsScreen(Screen):
    """Who keeps their word: pushed by the app's `R` key; Escape goes back."""

    DEFAULT_CSS = """
    StatsScreen #stats-title { height: 1; background: $panel; color: $foreground; }
    StatsScreen #stats-legend { height: 1; color: $text-muted; }
    StatsScreen #stats-scroll { height: 1fr; }
    StatsScreen #stats-table { width: auto; padding: 0 1; }
    """

    SHOWS_AN_ITEM = False  # the item keys (m, x, e ...) would act on a row not in sight
    BINDINGS = [
        Binding("escape", "app.pop_screen", "back", id="stats_back"),
        Binding("g", "toggle_group", "by actor/tag", id="stats_group"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.ready = False
        self.by = "actor"
        self.rows = []

    def compose(self) -> ComposeResult:
        yield Static(id="stats-title", markup=False)
        with VerticalScroll(id="stats-scroll"):
            yield Static(id="stats-table", markup=False)
        yield Static(legend(), id="stats-legend", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.ready = True
        self.refresh_items()
        self.query_one("#stats-scroll").focus()

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
        self.refresh_items()

    def _draw(self) -> None:
        if not self.ready:  # not mounted yet: the app may refresh every screen it holds
            return
        total = sum(r.total for r in self.rows) if self.by == "actor" else \
            len(self.app.store.all())
        met = sum(r.met for r in self.rows)
        missed = sum(r.missed for r in self.rows)
        share = share_label(met / (met + missed)) if met + missed else "-"
        groups = f"{len(self.rows)} {'actor' if self.by == 'actor' else 'tag'}" + \
            ("s" if len(self.rows) != 1 else "")
        title = Text(f" Track record by {self.by} · {groups} · {total} commitments"
                     + (f" · met {share} of those decided" if self.by == "actor" else ""))
        self.query_one("#stats-title", Static).update(title)
        table = self.query_one("#stats-table", Static)
        if not self.rows:
            table.update(Text("No commitments yet.", style="italic"))
            return
        table.update(render_rows(self.rows, max(self.size.width - 2, 40), self.by))
