"""The frist dashboard: a Textual app over `store`.

`make_app` builds it for `frist`, `frist --demo` and the tests. The data and every change
to it are the controller's (tui/controller.py); the app holds what is Textual's: the
screens, the keys and their actions, messages to the person, the clock tick and the
workers. After each change, its own or another process's, it calls `refresh_items()` on
every screen in the stack (tui/screens/base.py states what screens may rely on).
"""
from __future__ import annotations

import contextlib
import datetime as dt
from functools import partial
from typing import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from store import model
from store.model import Commitment
from store.db import ConflictError, Store
from store.errors import AlreadySo, FristError
from tui.controller import Controller, Found, ItemGone
from tui.keys import ScreenKeys
from tui.screens.base import FristScreen
from tui.screens.main import MainScreen
from tui.view import SORTS, VIEWS, ItemView
from tui.widgets.literal import subject
from tui.widgets.table import CommitTable, hours_left_today

POLL_SECONDS = 1.0  # how often to look whether another process changed the store

# Actions that act on the selected item: disabled (dimmed in the footer) without one.
ITEM_ACTIONS = {"edit", "mark_met", "mark_missed", "reopen", "cancel", "postpone", "delete",
                "open_detail"}


def _binding(key: str, action: str, description: str, tooltip: str, show: bool = True) -> Binding:
    return Binding(key, action, description, show=show, id=action, tooltip=tooltip)


class FristApp(App):
    CSS_PATH = "frist.tcss"
    TITLE = "frist"

    BINDINGS = [
        _binding("a", "add", "Add", "Add a commitment by hand"),
        _binding("e", "edit", "Edit", "Edit the selected commitment"),
        _binding("m", "mark_met", "Met", "Mark the selected commitment met"),
        _binding("x", "mark_missed", "Missed", "Mark the selected commitment missed"),
        _binding("o", "reopen", "Reopen", "Open the selected commitment again", show=False),
        _binding("c", "cancel", "Cancel item", "Mark the selected commitment cancelled", show=False),
        _binding("p", "postpone", "Postpone", "Give the selected commitment a new due date"),
        _binding("d", "delete", "Delete", "Delete the selected commitment (asks first)"),
        _binding("u", "undo", "Undo", "Undo the last change"),
        _binding("slash", "search", "Search", "Filter the table as you type"),
        _binding("i", "ingest", "Ingest", "Extract commitments from an article"),
        _binding("s", "sort", "Sort", "Cycle the sort order", show=False),
        _binding("r", "refresh", "Reload", "Read the store again", show=False),
        _binding("t", "timeline", "Timeline", "The commitments on a timeline"),
        _binding("v", "calendar", "Calendar", "A month calendar of due dates", show=False),
        _binding("R", "stats", "Record", "The track record: who keeps their word", show=False),
        _binding("n", "decide", "Decide", "Go through what needs a decision", show=False),
        _binding("S", "sync", "Sync", "Sync with the team's task list ([sync] in the config)",
                 show=False),
        _binding("question_mark", "help", "Help", "All keys"),
        _binding("q", "quit", "Quit", "Leave frist"),
    ]

    @classmethod
    def keyed_screens(cls) -> list[ScreenKeys]:
        """Every screen with bindings. The screens are imported here, not at the top: only
        help, the config check and `frist config show` need them, never the first paint."""
        from tui.screens.calendar import CalendarScreen, MonthGrid
        from tui.screens.decide import DecideScreen
        from tui.screens.forms import ConfirmForm, IngestForm, ItemForm
        from tui.screens.help import HelpScreen
        from tui.screens.main import MainScreen
        from tui.screens.review import ReviewScreen
        from tui.screens.stats import StatsScreen
        from tui.screens.timeline import TimelineScreen, TimelineView
        from tui.widgets.table import CommitTable
        return [
            ScreenKeys("main table", None, True, (MainScreen, CommitTable)),
            ScreenKeys("timeline", "timeline", True, (TimelineScreen, TimelineView)),
            ScreenKeys("month calendar", "calendar", True, (CalendarScreen, MonthGrid)),
            ScreenKeys("track record", "stats", True, (StatsScreen,)),
            ScreenKeys("decision queue", "decide", True, (DecideScreen,)),
            ScreenKeys("review of what an ingest found", "ingest", False, (ReviewScreen,)),
            ScreenKeys("add, edit, mark and postpone forms", None, False, (ItemForm,)),
            ScreenKeys("ingest dialog", "ingest", False, (IngestForm,)),
            ScreenKeys("questions (delete?)", None, False, (ConfirmForm,)),
            ScreenKeys("help screen", "help", False, (HelpScreen,)),
        ]

    def __init__(self, store: Store, today_text: str | None = None, config=None,
                 clock: Callable[[], dt.datetime] = dt.datetime.now,
                 store_is_temporary: bool = False) -> None:
        super().__init__()
        # the demo's store is removed when it ends: what the person saves goes elsewhere
        self.store_is_temporary = store_is_temporary
        if config is None:
            from store.config import load_config
            config = load_config()
        self.config = config
        # an unknown binding id, one key for two actions or an unknown theme stops frist
        from tui.dashboard_settings import check_dashboard_settings
        check_dashboard_settings(config, lambda: FristApp)
        self.controller = Controller(store, config, today_text, clock)
        self._selected: int | None = self.view.rows[0] if self.view.rows else None
        self.tab_before_group = "open"  # the tab Escape goes back to from a track record row
        self._minute = -1
        self.failure: str | None = None  # why the app stopped early, for the command line
        self.sync_note = ""  # the top bar's "synced 14:05, 2 waiting" ([sync] set)
        # the store's change count and the sync state's stamp that note counted
        self._sync_counted: tuple | None = None

    # -- what screens use (tui/screens/base.py)
    @property
    def store(self) -> Store:
        return self.controller.store

    @property
    def view(self) -> ItemView:
        return self.controller.view

    @property
    def today(self) -> dt.date:
        return self.controller.today

    @property
    def today_fixed(self) -> bool:
        return self.controller.today_fixed

    def now(self) -> dt.datetime:
        return self.controller.now()

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]

    def visible_items(self) -> list[tuple[int, Commitment]]:
        items = self.view.items
        return [(i, items[i]) for i in self.view.rows]

    def view_label(self) -> str:
        """The name of the main table's tab ("Open", "All", ...): what visible_items holds."""
        return VIEWS[self.view.view][0]

    @property
    def selected_id(self) -> int | None:
        return self._selected

    @selected_id.setter
    def selected_id(self, item_id: int | None) -> None:
        self._select(item_id)
        if self.screen_stack and item_id is not None:
            self.main.query_one(CommitTable).move_to(item_id)

    def follow_cursor(self, item_id: int | None) -> None:
        """The main table's cursor moved."""
        self._select(item_id)

    def _select(self, item_id: int | None) -> None:
        had = self._selected is not None
        self._selected = item_id
        if had != (item_id is not None):  # the item keys become (un)usable: redraw the footer
            self.refresh_bindings()

    def show_day(self, day: dt.date) -> None:
        """Back to the main table, showing what falls due on `day` in the tab it showed
        (the calendar counted that tab's items); Escape gives the whole tab back."""
        self._to_main()
        self.set_day(day)

    def show_group(self, by: str, name: str) -> None:
        """Back to the main table, listing the commitments that count under one row of
        the track record (an actor or a tag), decided or not: the usual keys act on
        them. Escape gives back the tab shown before."""
        self._to_main()
        if self.view.group is None:
            self.tab_before_group = self.view.view
        self.main.clear_search()
        self.view.view, self.view.day = "all", None
        self.view.set_group(by, name)
        self._selected = self.view.rows[0] if self.view.rows else None
        self.main.refresh_items()
        self.refresh_bindings()

    def clear_group(self) -> None:
        self.view.view = self.tab_before_group
        self.view.set_group(None)
        if self.view.rows and self._selected not in self.view.rows:
            self._selected = self.view.rows[0]
        self.main.refresh_items()

    def set_view(self, name: str) -> None:
        self.view.view = name if name in VIEWS else "open"
        self.view.day = None
        self.view.rebuild()
        self.main.refresh_items()

    def set_search(self, text: str) -> None:
        self.view.set_search(text)
        self.main.refresh_items()

    def set_day(self, day: dt.date | None) -> None:
        self.view.day = day
        self.view.rebuild()
        if self.view.rows and self._selected not in self.view.rows:
            self._selected = self.view.rows[0]
        self.main.refresh_items()

    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, FristScreen):
                screen.refresh_items()
        self.refresh_bindings()

    def _to_main(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Messages carry titles, file names and errors from outside: never markup."""
        super().notify(message, markup=markup, **kwargs)

    def action_help_quit(self) -> None:
        """Ctrl+C, which quits many programs: say which keys quit frist here (as remapped
        in [keymap]). Textual's own message has markup, which `notify` shows as typed."""
        keys: list[str] = []
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit") and active.enabled:
                shown = self.get_key_display(active.binding)
                if shown not in keys:
                    keys.append(shown)
        keys.sort(key=lambda shown: len(shown) > 1)  # frist's own key before Textual's ^q
        if not keys:  # a dialog is open: it closes first
            self.notify("Ctrl+C does not quit frist: Escape closes this first.",
                        title="Do you want to quit?", timeout=4)
            return
        self.notify(f"Ctrl+C does not quit frist: press {' or '.join(keys)} to quit.",
                    title="Do you want to quit?", timeout=4)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot: an SVG beside the store (Textual's default folder,
        ~/Downloads, may not exist; the demo's store folder goes when it ends), else in
        the current folder; a message says where."""
        from pathlib import Path
        beside = [] if self.store_is_temporary else [Path(self.store.path).parent]
        folders = [Path(path)] if path else beside + [Path.cwd()]
        problems = []
        for folder in folders:
            try:
                saved = self.save_screenshot(filename, str(folder), time_format)
            except FristError as e:
                problems.append(str(e))
                continue
            self.notify(f"Saved to {saved}", title="Screenshot", timeout=8)
            return saved
        self.notify("Cannot save it: " + "; ".join(problems), title="Screenshot",
                    severity="error", timeout=8)
        return None

    def save_screenshot(self, filename: str | None = None, path: str | None = None,
                        time_format: str | None = None) -> str:
        """Textual's save_screenshot, but the file is written whole or not at all (a full
        disk leaves an earlier file of that name as it was); FristError naming the file."""
        import os
        from textual._files import generate_datetime_filename
        from store.documents import write_file
        name = filename or generate_datetime_filename(self.title, ".svg", time_format)
        svg_path = os.path.expanduser(os.path.join(path or "./", name))
        write_file(svg_path, self.export_screenshot().encode("utf-8"))
        return svg_path

    # -- start, ticks, reloads
    def on_mount(self) -> None:
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        if self.config.theme:  # one Textual has: checked at the start
            self.theme = self.config.theme
        self.set_interval(POLL_SECONDS, self.tick)
        every = (self.config.sync or {}).get("sync_every")
        if every and self.controller.sync_configured:
            from store.config import sync_every_seconds
            self.set_interval(sync_every_seconds(every), partial(self.action_sync, quiet=True))

    def on_ready(self) -> None:
        """The first frame is on screen."""
        if not self.view.complete:
            self.read_rest()
        self.note_sync_status()

    def read_rest(self) -> None:
        """After the first paint: every item, so the counts, tabs and scrolling are whole."""
        try:
            self.controller.read_rest()
        except FristError as e:  # damaged since the first read: stop, as `frist` would have
            self.failure = str(e)
            self.exit(return_code=1)
            return
        self.refresh_screens()

    def tick(self) -> None:
        """Every second: a new day, a change on disk, the clock in the top bar."""
        if not self.screen_stack:  # closing down
            return
        if self.controller.new_day():
            self.refresh_screens()
        if self.controller.changed_elsewhere():
            self.reload(quiet=False)
        if self.controller.sync_configured and self._sync_counted != self._sync_seen():
            self.note_sync_status()
        now = self.now()
        tables = self.main.query(CommitTable)
        if now.minute != self._minute and tables:
            self._minute = now.minute
            table = tables.first()
            table.now_hours = None if self.today_fixed else hours_left_today(self.controller.clock())
            table.refresh()
            self.main.refresh_counts()

    def reload(self, quiet: bool = True) -> list[int] | None:
        """Read the store again, after another process wrote to it, and show what
        changed. Returns the ids that changed; None if it cannot be read (the view keeps
        what it showed, and a message says why)."""
        try:
            changed = self.controller.reload()
        except FristError as e:
            self._say_unreadable(e)
            return None
        if not quiet and changed:
            self.notify("The store changed on disk; the view follows it.", timeout=3)
        self.refresh_screens()
        return changed

    def _say_unreadable(self, e: FristError) -> None:
        self.notify(f"{e}. What is shown is what was read before.",
                    title="cannot read the store", severity="error", timeout=15)

    # -- changes
    def _item(self) -> tuple[int, Commitment] | None:
        if self.screen_stack and self.screen is self.main:
            # the table's cursor itself: a key typed right behind an arrow key arrives
            # before the table's message that the cursor moved
            self._selected = self.main.table.selected_id
        item_id = self._selected
        record = self.view.items.get(item_id) if item_id is not None else None
        if record is None:
            self.notify("Nothing is selected.", severity="warning", timeout=2)
            return None
        return item_id, record

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in ITEM_ACTIONS:
            if isinstance(self.screen, FristScreen) and not self.screen.SHOWS_AN_ITEM:
                return False  # this screen shows no selected item (the track record)
            if self.view.items.get(self._selected) is None:
                return None  # shown dimmed: there is nothing to act on
        return True

    def _changed(self) -> None:
        """After a change of ours: what the store warned of, then every screen again."""
        for warning in self.controller.warnings():  # it names a file: never markup
            self.notify(warning, title="stored, but", severity="warning", timeout=10)
        self.refresh_screens()

    def change(self, item_id: int, write: Callable[[], Commitment | None], message: str) -> bool:
        """Make one change through the store (`write`), show it and say `message`; a
        refusal is said in a notice. Whether the change was made."""
        try:
            return self.save_change(item_id, write, message)
        except ConflictError as e:
            self.notify(f"{e}. It is shown as it is now.", title="not changed",
                        severity="error", timeout=8)
        except FristError as e:
            self.notify(str(e), title="not changed", severity="error", timeout=6)
        return False

    def save_change(self, item_id: int, write: Callable[[], Commitment | None],
                    message: str) -> bool:
        """`change` for a form: a refusal raises FristError, for the form to say while it
        keeps what was typed (after a ConflictError every screen shows the item as it is
        now). False when there was nothing to change, which is said."""
        try:
            self.controller.change(item_id, write)
        except AlreadySo as e:  # nothing was written: no undo step to offer
            self.notify(str(e), timeout=3)
            return False
        except (ConflictError, ItemGone):  # another process changed or deleted it
            self.refresh_screens()
            raise
        self._changed()
        self.notify(f"{message} — {self.undo_hint()}", timeout=3)
        return True

    def key_for(self, binding_id: str) -> str:
        """The key a message names for a binding: its first key, as the config's [keymap]
        gives it ("u" for undo, "b" with undo = "b"), shown as the footer shows it."""
        from tui.keys import default_keys
        keys = self.config.keymap.get(binding_id) or default_keys(type(self))[binding_id]
        return self.get_key_display(Binding(keys.split(",")[0].strip(), binding_id))

    def undo_hint(self) -> str:
        """'u undoes', said after every change (the footer may have no room for u)."""
        return f"{self.key_for('undo')} undoes"

    def action_add(self) -> None:
        def save(form: dict, _shown) -> None:  # FristError: said in the form, kept open
            record = Commitment.new(form["title"], form["due"], actor=form["actor"],
                                    tags=form["tags"], note=form["note"])
            item_id = self.controller.add(record)
            self._selected = item_id
            self._changed()
            shown = "" if item_id in self.view.rows else " (not shown in this view)"
            self.notify(f"Added #{item_id}: due {record.due_label()}, "
                        f"{record.countdown(self.today)}{shown} — {self.undo_hint()}", timeout=4)
        from tui.screens.forms import ItemForm  # forms load when first used: a faster start
        self.push_screen(ItemForm(save=save))

    def action_edit(self) -> None:
        if (item := self._item()) is None:
            return
        item_id, record = item

        def save(form: dict, shown: Commitment) -> None:
            changed = form["changed"]  # only these are written: the rest may have been
            if not changed and not form["note"].strip():  # changed elsewhere meanwhile
                self.notify("Nothing changed.", timeout=2)
                return
            self.save_change(item_id, lambda: self.store.edit(
                item_id, title=form["title"] if "title" in changed else None, due=form["due"],
                actor=form["actor"] if "actor" in changed else None,
                tags=form["tags"] if "tags" in changed else None, note=form["note"],
                shown=shown), f"#{item_id} edited")
        from tui.screens.forms import ItemForm
        self.push_screen(ItemForm(record, item_id, save=save))

    def _decide(self, status: str, heading: str) -> None:
        if (item := self._item()) is None:
            return
        item_id, record = item

        def save(answer: dict, shown: Commitment) -> None:
            self.mark(item_id, status, answer, shown)
        from tui.screens.forms import NoteForm
        self.push_screen(NoteForm(heading, record, dated=status != "open", save=save,
                                  status=status))

    def mark(self, item_id: int, status: str, answer: dict, shown: Commitment) -> bool:
        """Record a decision as the note form gave it ({"note", "on"}), against the
        version of the item the person saw (`shown`); FristError if refused."""
        from tui.screens.forms import decision_message
        on = answer.get("on")
        return self.save_change(item_id, lambda: self.store.mark(item_id, status, answer["note"],
                                                                 on=on, shown=shown),
                                decision_message(item_id, status, on, self.today))

    def action_mark_met(self) -> None:
        self._decide("met", "Mark as met")

    def action_mark_missed(self) -> None:
        self._decide("missed", "Mark as missed")

    def action_cancel(self) -> None:
        self._decide("cancelled", "Mark as cancelled (no longer expected)")

    def action_reopen(self) -> None:
        if (item := self._item()) is not None and item[1].status == "open":
            self.notify(f"#{item[0]} is already open", timeout=3)  # no form to fill for nothing
            return
        self._decide("open", "Open again")

    def action_postpone(self) -> None:
        if (item := self._item()) is None:
            return
        item_id, record = item

        def save(answer, shown: Commitment) -> None:
            due, note = answer
            self.save_change(item_id, lambda: self.store.postpone(item_id, due, note, shown=shown),
                             f"#{item_id} now due {model.due_label(due.due.isoformat(), due.precision)}")
        from tui.screens.forms import PostponeForm
        self.push_screen(PostponeForm(record, save=save))

    def action_delete(self) -> None:
        if (item := self._item()) is None:
            return
        item_id, record = item
        question = Content.assemble("Delete #", str(item_id), "?\n\n",
                                    subject(record.title, "bold"),
                                    (f"\n\n{self.undo_hint()} it.", "$foreground-muted"))

        def done(yes: bool | None) -> None:
            if yes:
                self.change(item_id, lambda: self.store.remove(item_id, shown=record) and None,
                            f"#{item_id} deleted")
        from tui.screens.forms import ConfirmForm
        self.push_screen(ConfirmForm(question), done)

    def action_undo(self) -> None:
        try:
            label, changed = self.controller.undo()
        except FristError as e:
            self.notify(str(e), severity="warning", timeout=3)
            return
        self._changed()
        if len(changed) == 1 and changed[0] in self.view.items:
            self.selected_id = changed[0]  # the cursor goes to what came back
        self.notify(undo_message(label, changed, self.view.items, self.today), timeout=4)

    def action_refresh(self) -> None:
        if self.reload() is not None:
            self.notify("Reloaded.", timeout=2)

    def action_open_detail(self) -> None:
        if (item := self._item()) is None:
            return
        self._to_main()
        if item[0] not in self.view.rows:
            self.set_view("all")
        self.selected_id = item[0]
        self.main.toggle_detail(True)

    async def action_search(self) -> None:
        self._to_main()
        await self.main.open_search()

    def action_sort(self) -> None:
        self.view.cycle_sort()
        self.main.refresh_items()
        self.notify(f"Sorted by {SORTS[self.view.sort]}", timeout=2)

    # -- the other screens, imported when first opened: a faster start
    def _open(self, screen_class: type[Screen]) -> None:
        if not isinstance(self.screen, screen_class):  # not when it is on top already
            self.push_screen(screen_class())

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        self.push_screen(HelpScreen())

    def action_timeline(self) -> None:
        from tui.screens.timeline import TimelineScreen
        self._open(TimelineScreen)

    def action_calendar(self) -> None:
        from tui.screens.calendar import CalendarScreen
        self._open(CalendarScreen)

    def action_stats(self) -> None:
        from tui.screens.stats import StatsScreen
        self._open(StatsScreen)

    def action_decide(self) -> None:
        from tui.screens.decide import DecideScreen
        self._open(DecideScreen)

    # -- ingest
    def action_ingest(self) -> None:
        """The ingest form reads and extracts (it stays open, with what was typed, when
        that fails); what it found goes to the review."""
        def done(found: Found | None) -> None:
            if found is not None:
                self.review(found.proposals, found.skipped, found.warnings)
        from tui.screens.forms import IngestForm
        self.push_screen(IngestForm(self.controller.extract), done)

    def review(self, proposals: list, skipped=(), warnings=()) -> None:
        """Show the proposals; store what is accepted."""
        notes = [f"skipped {name}: {reason}" for name, reason in skipped] + list(map(str, warnings))
        if len(notes) > 3:  # a folder: one note, not a toast per file
            notes = notes[:2] + [f"… and {len(notes) - 2} more like these"]
        if notes:
            self.notify("\n".join(notes), title="while reading", severity="warning", timeout=8)
        if not proposals:
            self.notify("No dated commitments found.", severity="warning", timeout=5)
            return
        from tui.screens.review import ReviewScreen
        self.push_screen(ReviewScreen(proposals), self._commit)

    def _commit(self, accepted: list | None) -> None:
        if not accepted:
            return
        try:
            outcome = self.controller.commit(accepted)
        except FristError as e:
            self.notify(str(e), title="nothing stored", severity="error", timeout=8)
            return
        self._changed()
        if outcome.new_ids:
            if outcome.new_ids[0] not in self.view.rows:
                self.set_view("all")
            self.selected_id = outcome.new_ids[0]
        from tui.ingest_text import summary
        documents = len({p.document.name for p in accepted})
        said = summary(outcome, "added", documents)
        self.notify(f"{outcome.stored} accepted: {said} — {self.undo_hint()}",
                    title="ingested", timeout=6)

    # -- sync with the CalDAV task list in [sync], in worker threads
    def action_sync(self, quiet: bool = False) -> None:
        """Sync in a thread: the screen goes on while the server answers. `quiet` (the
        sync_every timer) tells only of what came in, and of errors."""
        if not self.controller.sync_configured:
            self.notify("Nothing to sync with: set [sync] url and username in the config "
                        "(frist config path says where).", severity="warning", timeout=6)
            return
        self._show_sync("syncing…")
        self.run_worker(partial(self._sync_in_thread, quiet), thread=True, exclusive=True,
                        group="sync", exit_on_error=False)

    def _sync_in_thread(self, quiet: bool) -> None:
        try:
            outcome = (self.controller.sync(), None)
        except FristError as e:
            outcome = (None, str(e))
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.call_from_thread(self._synced, *outcome, quiet)

    def _synced(self, report, error: str | None, quiet: bool) -> None:
        if error is not None:
            self.notify(error, title="not synced", severity="error", timeout=10)
        else:
            came_in = report.pulled or report.merged or report.deleted_here
            if came_in:
                self.reload()
            if not quiet or came_in:
                self.notify(report.line(), title="synced", timeout=4)
        self._sync_counted = None
        self.note_sync_status()

    def note_sync_status(self) -> None:
        """Count in a thread when the store last synced and what waits to be pushed."""
        if not self.controller.sync_configured or not self.view.complete:
            return
        self._sync_counted = self._sync_seen()
        items = list(self.view.items.items())
        self.run_worker(partial(self._sync_status_in_thread, items), thread=True,
                        exclusive=True, group="sync-status", exit_on_error=False)

    def _sync_seen(self) -> tuple:
        """What the top bar's sync note depends on: the store's changes (this process's
        and others') and the sync state file (another process's `frist sync`)."""
        return self.controller.seen_changes, self.controller.sync_state_stamp()

    def _sync_status_in_thread(self, items: list) -> None:
        note = self.controller.sync_note(items)
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(self._show_sync, note)

    def _show_sync(self, note: str) -> None:
        self.sync_note = note
        if self.screen_stack:
            self.main.refresh_counts()

    # -- command palette: every binding, by its description
    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if binding.action in ("quit", "help"):
                continue
            yield SystemCommand(binding.description, f"{binding.tooltip} (key: {binding.key})",
                                partial(self.run_action, binding.action))
        for name, (label, _states) in VIEWS.items():
            yield SystemCommand(f"View: {label}", f"Show {label.lower()} commitments",
                                partial(self.set_view, name))


def undo_message(label: str, changed: list[int], items: dict[int, Commitment],
                 today: dt.date) -> str:
    """What an undo did, told with what is true now: 'Undone: #2 deleted. #2 is back:
    open, due 27 Nov 2025 (in 3 d).' (the store's label alone reads as if #2 had just
    been deleted)."""
    head = f"Undone: {label}."
    if len(changed) != 1:
        gone = sum(1 for item_id in changed if item_id not in items)
        kept = len(changed) - gone
        told = []
        if gone:
            told.append(f"{gone} it added {'is' if gone == 1 else 'are'} gone")
        if kept:
            told.append("1 is as it was before it" if kept == 1
                        else f"{kept} are as they were before it")
        return f"{head} Of {len(changed)} commitments, {' and '.join(told)}."
    item_id = changed[0]
    record = items.get(item_id)
    if record is None:
        return f"{head} #{item_id} is gone again."
    now = f"open, due {record.due_label()} ({record.countdown(today)})" \
        if record.status == "open" else record.countdown(today)
    verb = "is back" if label.endswith("deleted") else "is as before"
    return f"{head} #{item_id} {verb}: {now}."


def make_app(store: Store, today_text: str | None = None, config=None, **kwargs) -> FristApp:
    """The dashboard on `store` (frist, frist --demo and the tests all build it here)."""
    return FristApp(store, today_text, config, **kwargs)


def run_app(store: Store, today_text: str | None = None, config=None, **kwargs) -> None:
    """Run the dashboard until the person quits. A store found damaged only after the
    first paint raises FristError, as it would have had it been read whole first."""
    app = make_app(store, today_text, config, **kwargs)
    app.run()
    if app.failure:
        raise FristError(app.failure)
