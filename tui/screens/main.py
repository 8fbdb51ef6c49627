"""The main screen: state counts, view tabs, search, the table and the detail pane."""
from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static, Tab, Tabs

from store import model
from tui.screens.detail import STATE_STYLE, DetailPane
from tui.widgets.table import STATE_WORDS, CommitTable
from tui.widgets.view import VIEWS

EMPTY = {
    "open": "Nothing open.",
    "decide": "Nothing needs a decision: every commitment that fell due has been decided.",
    "met": "No commitment has been marked met yet.",
    "missed": "No commitment has been marked missed yet.",
    "all": "",
}
WELCOME = ("No commitments yet.\n\n"
           "  a   add one by hand\n"
           "  i   ingest an article (a file, a URL, or pasted text)\n\n"
           "or try  frist --demo  to see a store filled from sample articles.")


CHIP_WORDS = dict(STATE_WORDS, **{"due-today": "today", "due-soon": "soon"})


class TopBar(Horizontal):
    """'frist', the day and time, and how many items are in each state (the legend)."""

    def compose(self) -> ComposeResult:
        yield Label("frist", id="brand")
        yield Label("", id="clock")
        yield Static("", id="counts")

    def show(self, today: dt.date, now: dt.datetime, counts: dict[str, int], fixed: bool) -> None:
        day = f"{today:%a} {today.day} {model.MONTH_ABBR[today.month - 1]} {today.year}"
        self.query_one("#clock", Label).update(day if fixed else f"{day}  {now:%H:%M}")
        chips = []
        for state in model.STATES:
            chips.append(Content.styled(f"● {counts[state]} {CHIP_WORDS[state]}",
                                        STATE_STYLE[state] or "$foreground"))
        self.query_one("#counts", Static).update(Content("  ").join(chips))


class MainScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", show=False,
                tooltip="Close the details, clear the search or the day filter"),
        Binding("1", "view('open')", "Open", id="view_open", show=False),
        Binding("2", "view('decide')", "Needs decision", id="view_decide", show=False),
        Binding("3", "view('met')", "Met", id="view_met", show=False),
        Binding("4", "view('missed')", "Missed", id="view_missed", show=False),
        Binding("5", "view('all')", "All", id="view_all", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        counts = self.app.view.view_counts()
        yield Tabs(*(Tab(f"{label} {counts[name]}", id=f"view-{name}")
                     for name, (label, _s) in VIEWS.items()), id="views")
        yield Input(placeholder="search titles, actors, sentences — Enter: to the table, "
                                "Escape: clear", id="search", classes="-hidden")
        yield Static("", id="filter-note", classes="-hidden")
        with Horizontal(id="body"):
            yield CommitTable(self.app.view, id="table")
            yield Static("", id="empty", classes="-hidden")
            yield DetailPane(id="detail", classes="-hidden")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False  # keys belong to the table; tabs take clicks
        self.table.focus()
        self.refresh_items()

    @property
    def table(self) -> CommitTable:
        return self.query_one(CommitTable)

    # -- following the data
    def refresh_items(self) -> None:
        """The app's view changed (a change, a reload, a new day): show it."""
        app = self.app
        self.table.forget()
        self.table.rows_changed(keep_id=app.selected_id)
        self.refresh_counts()
        empty = self.query_one("#empty", Static)
        if not app.view.items:
            message = WELCOME
        elif not app.view.rows:
            message = (f"Nothing matches “{app.view.search}”." if app.view.search
                       else EMPTY[app.view.view])
        else:
            message = ""
        empty.update(message)
        empty.set_class(not message, "-hidden")
        self.table.set_class(bool(message), "-hidden")
        if not self.query_one("#detail").has_class("-hidden"):
            self.query_one(DetailPane).show(self.table.selected_id)
        note = self.query_one("#filter-note", Static)
        if app.view.day:
            d = app.view.day
            note.update(Content.styled(
                f"Due on {d:%a} {d.day} {model.MONTH_ABBR[d.month - 1]} {d.year} — Escape shows all",
                "$text-accent"))
        note.set_class(app.view.day is None, "-hidden")

    def refresh_counts(self) -> None:
        app = self.app
        self.query_one(TopBar).show(app.today, app.now(), app.view.counts(), app.today_fixed)
        counts = app.view.view_counts()
        tabs = self.query_one(Tabs)
        for name, (label, _states) in VIEWS.items():
            tab = tabs.query_one(f"#view-{name}", Tab)
            text = f"{label} {counts[name]}"
            if str(tab.label) != text:
                tab.label = text
        active = f"view-{app.view.view}"
        if tabs.active != active:
            with tabs.prevent(Tabs.TabActivated):
                tabs.active = active

    @on(CommitTable.Highlighted)
    def _highlighted(self, event: CommitTable.Highlighted) -> None:
        self.app.follow_cursor(event.item_id)
        if not self.query_one("#detail").has_class("-hidden"):
            self.query_one(DetailPane).show(event.item_id)

    @on(CommitTable.Chosen)
    def _chosen(self, event: CommitTable.Chosen) -> None:
        self.toggle_detail()

    def toggle_detail(self, show: bool | None = None) -> None:
        detail = self.query_one(DetailPane)
        show = detail.has_class("-hidden") if show is None else show
        detail.set_class(not show, "-hidden")
        if show:
            detail.show(self.table.selected_id)
            detail.scroll_home(animate=False)

    # -- tabs
    @on(Tabs.TabActivated, "#views")
    def _tab(self, event: Tabs.TabActivated) -> None:
        if event.tab is not None and event.tab.id:
            self.action_view(event.tab.id.removeprefix("view-"))

    def action_view(self, name: str) -> None:
        self.app.set_view(name)
        self.table.focus()

    # -- search
    def open_search(self) -> None:
        search = self.query_one("#search", Input)
        search.remove_class("-hidden")
        search.focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.app.set_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.table.focus()
        if not event.value.strip():
            self.query_one("#search", Input).add_class("-hidden")
        self.table.action_jump(0)  # the first match

    def on_key(self, event) -> None:
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_focus:
            event.stop()
            self.clear_search()

    def clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.add_class("-hidden")
        self.app.set_search("")
        self.table.focus()

    def action_back(self) -> None:
        if not self.query_one("#detail").has_class("-hidden"):
            self.toggle_detail(False)
        elif self.app.view.search:
            self.clear_search()
        elif self.app.view.day is not None:
            self.app.set_day(None)
        else:
            self.query_one("#search", Input).add_class("-hidden")
