"""The main screen: state counts, view tabs, search, the table and the detail pane."""
from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from store import model
from tui.screens.base import FristScreen
from tui.screens.detail import STATE_STYLE, DetailPane
from tui.widgets.footer import KeyFooter
from tui.widgets.literal import literal
from tui.widgets.one_line import OneLineInput
from tui.widgets.table import STATE_WORDS, CommitTable
from tui.view import VIEWS
from tui.widgets.viewbar import ViewBar

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
# When the top bar is short of room, the state counts step aside least urgent first.
STEP_ASIDE = ("cancelled", "met", "missed", "upcoming", "due-soon", "due-today", "overdue")


class TopBar(Horizontal):
    """'frist', the day and time, and how many items are in each state (the legend)."""

    def compose(self) -> ComposeResult:
        yield Label("frist", id="brand")
        yield Label("", id="clock")
        yield Static("", id="counts")

    def show(self, today: dt.date, now: dt.datetime, counts: dict[str, int], fixed: bool,
             sync: str = "") -> None:
        day = f"{today:%a} {today.day} {model.MONTH_ABBR[today.month - 1]} {today.year}"
        clock = day if fixed else f"{day}  {now:%H:%M}"
        self.query_one("#clock", Label).update(f"{clock}  ⇅ {sync}" if sync else clock)
        self._counts = counts
        self._show_counts()

    def on_resize(self) -> None:
        if getattr(self, "_counts", None) is not None:
            self._show_counts()

    def _show_counts(self) -> None:
        """Every state that holds an item, with its count and name (the legend of the
        row colours; an empty state is never shown); where they do not fit, the least
        urgent ones step aside."""
        counts = self._counts
        if not counts:  # the store is still being read
            self.query_one("#counts", Static).update(Content.styled("reading the store…",
                                                                    "$foreground-muted"))
            return
        clock = len(str(self.query_one("#clock", Label).render()))
        room = self.size.width - 2 - 7 - (clock + 3)  # padding, "frist  ", the day and time
        shown = [s for s in model.STATES if counts[s]]
        aside = [s for s in STEP_ASIDE if counts[s]]
        while True:
            chips = Content("  ").join(
                Content.styled(f"● {counts[state]} {CHIP_WORDS[state]}",
                               STATE_STYLE[state] or "$foreground") for state in shown)
            if chips.cell_length <= room or not aside:
                break
            shown.remove(aside.pop(0))
        self.query_one("#counts", Static).update(chips)


class MainScreen(FristScreen):
    BINDINGS = [
        Binding("escape", "back", "Back", id="back", show=False,
                tooltip="Close the details; clear the search, the day or the actor shown"),
        Binding("1", "view('open')", "Open", id="view_open", show=False,
                tooltip="The Open tab"),
        Binding("2", "view('decide')", "Needs decision", id="view_decide", show=False,
                tooltip="The Needs decision tab"),
        Binding("3", "view('met')", "Met", id="view_met", show=False,
                tooltip="The Met tab"),
        Binding("4", "view('missed')", "Missed", id="view_missed", show=False,
                tooltip="The Missed tab"),
        Binding("5", "view('all')", "All", id="view_all", show=False,
                tooltip="The All tab"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar(id="topbar")
        yield ViewBar(id="views")
        yield Static("", id="filter-note", classes="-hidden")
        with Horizontal(id="body"):
            yield CommitTable(self.app.view, id="table")
            yield Static("", id="empty", classes="-hidden")
        yield KeyFooter(compact=True)

    def on_mount(self) -> None:
        form = self.app.config.date_format
        if form and form != "%d %b %Y":  # the default reads like due_label already
            self.table.use_date_format(form)
        self.table.focus()
        self.refresh_items()

    def on_screen_resume(self) -> None:
        """Back from another screen: the keys act on what the table shows as selected."""
        if self.app.selected_id in self.app.view.rows:
            self.table.move_to(self.app.selected_id)
        else:
            self.app.follow_cursor(self.table.selected_id)

    @property
    def table(self) -> CommitTable:
        return self.query_one(CommitTable)

    # -- following the data
    def refresh_items(self) -> None:
        """The app's view changed (a change, a reload, a new day): show it."""
        app = self.app
        # No cache to clear: the table's cached lines belong to each record (its object).
        self.table.rows_changed(keep_id=app.selected_id)
        self.refresh_counts()
        empty = self.query_one("#empty", Static)
        if not app.view.items:
            message = WELCOME
        elif not app.view.rows and app.view.search:
            message = f"Nothing in {app.view_label()} matches “{app.view.search}”."
            elsewhere = app.view.matches_elsewhere() if app.view.view != "all" else None
            if elsewhere:
                tab, count = elsewhere
                message += f"\n\n{count} in {VIEWS[tab][0]}" + self._key_hint(f"view_{tab}")
        elif not app.view.rows and app.view.day is not None:  # a calendar day's list
            message = f"Nothing in {app.view_label()} falls due that day."
        elif not app.view.rows:
            message = EMPTY[app.view.view]
        else:
            message = ""
        empty.update(Content(message))  # the search text is the user's: never markup
        empty.set_class(not message, "-hidden")
        self.table.set_class(bool(message), "-hidden")
        if self.detail_open:
            self.query_one(DetailPane).show(self.table.selected_id)
        note = self.query_one("#filter-note", Static)
        if app.view.day:
            d = app.view.day
            note.update(Content.styled(
                f"Due on {d:%a} {d.day} {model.MONTH_ABBR[d.month - 1]} {d.year}, "
                f"{app.view_label()} tab — Escape shows the whole tab",
                "$text-accent"))
        elif app.view.group:
            by, name = app.view.group
            shown = len(app.view.rows)
            back = VIEWS[app.tab_before_group][0]
            note.update(Content.assemble(
                (f"{by.capitalize()} ", "$text-accent"),
                literal(name or f"(no {by})", "bold $text-accent"),
                (f": {shown} commitment{'s' if shown != 1 else ''} · Escape: back to {back}"
                 " · R: track record", "$text-accent")))
        note.set_class(app.view.day is None and app.view.group is None, "-hidden")

    def _key_hint(self, binding_id: str) -> str:
        """": press 3." with the binding's key, or the one the config's keymap gives it."""
        binding = next(b for b in self.BINDINGS if b.id == binding_id)
        keys = self.app.config.keymap.get(binding_id, binding.key)
        return f": press {keys.split(',')[0].strip()}."

    def refresh_counts(self) -> None:
        app = self.app
        complete = app.view.complete  # else the rest of the store is still being read
        self.query_one(TopBar).show(app.today, app.now(), app.view.counts() if complete else {},
                                    app.today_fixed, app.sync_note)
        self.query_one(ViewBar).show(app.view.view, app.view.view_counts() if complete else {})

    @on(CommitTable.Highlighted)
    def _highlighted(self, event: CommitTable.Highlighted) -> None:
        self.app.follow_cursor(event.item_id)
        if self.detail_open:
            self.query_one(DetailPane).show(event.item_id)

    @on(CommitTable.Chosen)
    def _chosen(self, event: CommitTable.Chosen) -> None:
        self.toggle_detail()

    # The detail pane and the search box are made when first wanted: fewer widgets to
    # build before the first rows are on screen.
    @property
    def detail_open(self) -> bool:
        panes = self.query(DetailPane)
        return bool(panes) and not panes.first().has_class("-hidden")

    def toggle_detail(self, show: bool | None = None) -> None:
        show = not self.detail_open if show is None else show
        panes = self.query(DetailPane)
        if not panes:
            if show:
                self.query_one("#body").mount(DetailPane(self.table.selected_id, id="detail"))
            return
        detail = panes.first()
        detail.set_class(not show, "-hidden")
        if show:
            detail.show(self.table.selected_id)
            detail.scroll_home(animate=False)

    # -- tabs
    @on(ViewBar.Picked)
    def _picked(self, event: ViewBar.Picked) -> None:
        self.action_view(event.view)

    def action_view(self, name: str) -> None:
        self.app.set_view(name)
        self.table.focus()

    # -- search
    async def open_search(self) -> None:
        if not self.query("#search"):
            await self.mount(OneLineInput(placeholder="search titles, actors, sentences — "
                                                      "Enter: to the table, Escape: clear",
                                          id="search"), before="#filter-note")
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
        if event.key == "escape" and isinstance(self.focused, Input):
            event.stop()
            self.clear_search()

    def clear_search(self) -> None:
        for search in self.query("#search").results(Input):
            search.value = ""
            search.add_class("-hidden")
        self.app.set_search("")
        self.table.focus()

    def action_back(self) -> None:
        if self.detail_open:
            self.toggle_detail(False)
        elif self.app.view.search:
            self.clear_search()
        elif self.app.view.day is not None:
            self.app.set_day(None)
        elif self.app.view.group is not None:
            self.app.clear_group()
        else:
            for search in self.query("#search"):
                search.add_class("-hidden")
