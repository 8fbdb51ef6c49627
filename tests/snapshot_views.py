"""A tiny stand-in for the dashboard app, with exactly the part of the contract in
tui/screens/base.py that the timeline and calendar screens use: store, today,
visible_items() (and view_label(), the name of the tab they come from), selected_id,
show_day(), and the open_detail / mark_met / mark_missed actions bound to Enter / m / x.

The timeline and calendar tests run against it, so that they test the screens alone.
`python tests/snapshot_views.py [timeline|calendar]` opens it by hand on the sample items.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from store import model
from store.db import open_store
from store.query import Filter, select

TODAY = dt.date(2025, 11, 24)

# (title, due value, status, actor): a spread of states, windows and one hostile title.
SAMPLE = [
    ("Budget vote in the Bundestag", "2025-11-20", "open", "Bundestag"),
    ("Rare-earth deal with China", "2025-11-27", "open", "US government"),
    ("Export licences required", "2025-12-01", "open", "MOFCOM"),
    ("Ceasefire talks resume", "2025-11-24", "open", "Mediators"),
    ("Tariff cut takes effect", "2025-11-10", "met", "EU"),
    ("Port reopens", "2025-11-15", "missed", "Port authority"),
    ("Climate pledge update", "2025-W50", "open", "COP presidency"),
    ("Trump to visit Beijing", "2026-04", "open", "Donald Trump"),
    ("Xi state visit to the US", "2026", "open", "Xi Jinping"),
    ("Chip export rules review", "2026-Q1", "open", "Commerce Dept"),
    ("[bold red]Not markup[/] \x1b[31mnor escapes\x07", "2025-11-28", "open", "[link=x]y[/link]"),
    ("Grain corridor extension", "2025-12-15", "open", "UN"),
    ("Pension reform bill", "2025-11-28", "open", "Cabinet"),
    ("Old promise never decided", "2025-10-31", "open", "Ministry"),
]


def fill(store, sample=SAMPLE) -> None:
    records = []
    for title, value, status, actor in sample:
        record = model.Commitment.new(title, model.Due.from_value(value), actor=actor)
        records.append(record.with_changes(status=status))
    store.add_many(records, "sample")


class ContractApp(App):
    """The app contract the screens rely on, and a record of what they asked for."""

    CSS_PATH = Path(__file__).resolve().parents[1] / "tui" / "frist.tcss"  # the app's styles
    BINDINGS = [
        Binding("enter", "open_detail", "detail", id="open_detail"),
        Binding("m", "mark_met", "met", id="mark_met"),
        Binding("x", "mark_missed", "missed", id="mark_missed"),
    ]

    def __init__(self, store, today: dt.date = TODAY, screen: str | None = None,
                 theme: str | None = None):
        super().__init__()
        self.store = store
        self.today = today
        self.selected_id: int | None = None
        self.shown_days: list[dt.date] = []  # show_day calls
        self.opened: list[int | None] = []  # open_detail calls
        self.start_screen = screen
        if theme:
            self.theme = theme

    def visible_items(self) -> list[tuple[int, model.Commitment]]:
        return select(self.store.all(), Filter(status="open"), self.today)

    def show_day(self, day: dt.date) -> None:
        self.shown_days.append(day)

    def view_label(self) -> str:
        return "Open"

    def action_open_detail(self) -> None:
        self.opened.append(self.selected_id)

    def _mark(self, status: str) -> None:
        if self.selected_id is not None:
            self.store.mark(self.selected_id, status)
            for screen in self.screen_stack:
                if hasattr(screen, "refresh_items"):
                    screen.refresh_items()

    def action_mark_met(self) -> None:
        self._mark("met")

    def action_mark_missed(self) -> None:
        self._mark("missed")

    def on_mount(self) -> None:
        if self.start_screen == "timeline":
            from tui.screens.timeline import TimelineScreen
            self.push_screen(TimelineScreen())
        elif self.start_screen == "calendar":
            from tui.screens.calendar import CalendarScreen
            self.push_screen(CalendarScreen())


def sample_app(screen: str, path: Path, theme: str | None = None) -> ContractApp:
    """The contract app on a fresh store of SAMPLE at `path`, showing `screen`."""
    store = open_store(path)
    fill(store)
    return ContractApp(store, TODAY, screen, theme)


if __name__ == "__main__":
    import tempfile
    folder = tempfile.mkdtemp()
    sample_app(sys.argv[1] if len(sys.argv) > 1 else "timeline",
               Path(folder) / "store.json").run()
