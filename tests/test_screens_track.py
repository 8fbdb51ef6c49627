"""StatsScreen and DecideScreen, driven by Pilot inside a small app that keeps the app
contract of tui/screens/base.py (store, today, visible_items(), selected_id, change, refresh)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input, Static

from store import model
from store.db import open_store
from store.errors import FristError
from store.query import Filter, select
from tui.screens.decide import DecideScreen, card
from tui.screens.forms import NoteForm, PostponeForm
from tui.screens.stats import StatsScreen

TODAY = dt.date(2025, 11, 24)



class ContractApp(App):
    """Just what the screens may use of the real app."""

    CSS_PATH = Path(__file__).resolve().parents[1] / "tui" / "frist.tcss"  # the app's styles
    BINDINGS = [Binding("u", "undo", "undo", id="undo")]

    def __init__(self, store, screen_class):
        super().__init__()
        self.store = store
        self.today = TODAY
        self.selected_id = None
        self.screen_class = screen_class
        self.messages = []

    def visible_items(self):
        return select(self.store.all(), Filter(status="all"), self.today)

    def on_mount(self) -> None:
        self.push_screen(self.screen_class())

    def refresh_screens(self) -> None:
        for screen in self.screen_stack:
            if hasattr(screen, "refresh_items"):
                screen.refresh_items()

    def change(self, item_id, write, message) -> bool:
        try:
            return self.save_change(item_id, write, message)
        except FristError as e:
            self.messages.append(str(e))
            return False

    def save_change(self, item_id, write, message) -> bool:
        write()
        self.messages.append(message)
        self.refresh_screens()
        return True

    def action_undo(self) -> None:
        self.store.undo()
        self.refresh_screens()


def add(store, title, due, actor="", status="open", tags=(), sources=()):
    item_id = store.add(model.Commitment.new(title, model.Due.from_value(due), actor=actor,
                                             tags=tags, sources=sources))
    if status != "open":
        store.mark(item_id, status)
    return item_id


@pytest.fixture
def store(db_path):
    return open_store(db_path)


def shown(screen, selector: str) -> str:
    content = screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


# ---------------------------------------------------------------- DecideScreen

@pytest.fixture
def overdue_store(store):
    add(store, "Oldest promise", "2025-10-01", actor="China")
    add(store, "Middle promise", "2025-11-01", actor="EU",
        sources=[model.Source("The EU will decide by 1 November.", "eu.txt", "2025-10-20", "en")])
    add(store, "Newest promise", "2025-11-20")
    add(store, "Future promise", "2026-01-10")
    add(store, "Already met", "2025-09-01", status="met")
    return store


async def test_decide_steps_through_overdue_items_oldest_first(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        screen = app.screen
        assert isinstance(screen, DecideScreen)
        assert "Oldest promise" in shown(screen, "#decide-item")
        assert "3 left" in shown(screen, "#decide-title")
        assert app.selected_id == 1
        await pilot.press("m")
        assert isinstance(app.screen, NoteForm)  # the main screen's form: a note, a day
        await pilot.press("enter")
        assert overdue_store.get(1).status == "met"
        assert "Middle promise" in shown(screen, "#decide-item")
        assert "The EU will decide by 1 November." in shown(screen, "#decide-item")
        assert app.selected_id == 2
        await pilot.press("x", "enter")
        assert overdue_store.get(2).status == "missed"
        await pilot.press("s")
        assert overdue_store.get(3).status == "open"  # skipped: untouched
        assert "1 skipped commitment is still undecided" in shown(screen, "#decide-item")
        assert "0 left" in shown(screen, "#decide-title")
        assert "1 met, 1 missed, 1 skipped" in shown(screen, "#decide-title")
        await pilot.press("m")  # nothing left: a key does nothing
        assert overdue_store.get(4).status == "open"
        assert app.messages == ["#1 met", "#2 missed"]  # the app adds "— u undoes"


async def test_marking_asks_for_a_note_and_the_day_it_was_decided(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        await pilot.press("x")
        form = app.screen
        assert isinstance(form, NoteForm)
        await pilot.press(*"no deal", "tab")
        form.query_one("#decided", Input).value = "21 Nov"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Fri 21 Nov 2025 · 3 days ago" in str(form.query_one("#decided-preview").render())
        await pilot.press("enter")
        record = overdue_store.get(1)
        assert record.status == "missed" and record.decided == "2025-11-21"
        assert record.history[-1].note == "no deal"
        assert app.messages == ["#1 missed on 21 Nov"]
        assert "Middle promise" in shown(app.screen, "#decide-item")


async def test_postpone_uses_the_form_with_a_preview_and_keeps_asking_after_a_bad_date(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        screen = app.screen
        await pilot.press("p")
        form = app.screen
        assert isinstance(form, PostponeForm) and app.focused is form.query_one("#due", Input)
        await pilot.press(*"soon", "enter")
        assert "cannot understand the date 'soon'" in str(form.query_one("#form-error").render())
        assert app.screen is form
        assert overdue_store.get(1).due == "2025-10-01"
        form.query_one("#due", Input).value = ""
        await pilot.press(*"2026-01-15")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Thu 15 Jan 2026 · in 52 days" in str(form.query_one("#due-preview").render())
        await pilot.press("enter")
        record = overdue_store.get(1)
        assert record.due == "2026-01-15" and record.status == "open"
        assert record.history[-1].event == "postponed from 1 Oct 2025 to 15 Jan 2026"
        assert app.screen is screen
        assert "Middle promise" in shown(screen, "#decide-item")
        assert "1 postponed" in shown(screen, "#decide-title")


async def test_letters_typed_into_the_postpone_form_do_not_decide(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        await pilot.press("p", "m", "x", "s")
        assert app.screen.query_one("#due", Input).value == "mxs"
        assert overdue_store.get(1).status == "open"


async def test_escape_closes_the_form_then_the_screen(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        await pilot.press("p", "escape")
        assert isinstance(app.screen, DecideScreen)
        assert overdue_store.get(1).due == "2025-10-01"
        await pilot.press("m", "escape")
        assert isinstance(app.screen, DecideScreen)
        assert overdue_store.get(1).status == "open"
        await pilot.press("escape")
        assert not isinstance(app.screen, DecideScreen)


async def test_undo_brings_a_decided_item_back_into_the_queue(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        await pilot.press("m", "enter")
        assert "Middle promise" in shown(app.screen, "#decide-item")
        await pilot.press("u")
        assert overdue_store.get(1).status == "open"
        assert "Oldest promise" in shown(app.screen, "#decide-item")


async def test_the_queue_follows_changes_made_elsewhere(overdue_store):
    app = ContractApp(overdue_store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        add(overdue_store, "Even older", "2025-08-01")
        overdue_store.mark(1, "met")
        app.refresh_screens()
        await pilot.pause()
        assert "Even older" in shown(app.screen, "#decide-item")
        assert "3 left" in shown(app.screen, "#decide-title")


async def test_an_empty_queue_says_so(store):
    add(store, "Future", "2026-05-01")
    app = ContractApp(store, DecideScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        assert "Nothing needs a decision" in shown(app.screen, "#decide-item")
        await pilot.press("p")
        assert isinstance(app.screen, DecideScreen)  # nothing to postpone: no form


def test_untrusted_text_in_the_card_is_literal():
    record = model.Commitment.new("[bold red]Boom[/] \x1b[2J", model.Due.from_value("2025-11-01"),
                                  actor="[link=http://x]me[/link]",
                                  sources=[model.Source("Say [b]this[/b]\x07", "d")])
    text = card(9, record, TODAY)
    assert isinstance(text, Text)
    assert "[bold red]Boom[/] \\x1b[2J" in text.plain
    assert "[link=http://x]me[/link]" in text.plain
    assert "Say [b]this[/b]\\x07" in text.plain
    assert "\x1b" not in text.plain and "\x07" not in text.plain
    assert "23 d overdue" in text.plain


# ---------------------------------------------------------------- StatsScreen

@pytest.fixture
def record_store(store):
    add(store, "a", "2025-11-01", actor="Donald Trump", status="met", tags=["trade"])
    add(store, "b", "2025-10-01", actor="Donald Trump", status="missed")
    add(store, "c", "2025-11-10", actor="Donald Trump")
    add(store, "d", "2026-04", actor="Donald Trump")
    add(store, "e", "2025-09-01", actor="China", status="met", tags=["trade"])
    add(store, "f", "2025-12-01", actor="China", status="cancelled")
    store.postpone(4, model.Due.from_value("2026-06"))
    return store


def table_lines(screen) -> list[str]:
    return shown(screen, "#stats-table").splitlines()


async def test_stats_screen_shows_the_figures_and_a_bar_per_actor(record_store):
    app = ContractApp(record_store, StatsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        screen = app.screen
        lines = table_lines(screen)
        assert lines[0].split()[:9] == ["actor", "met", "missed", "canc", "open", "overdue",
                                        "met%", "postponed", "record"]
        trump = next(line for line in lines if line.startswith("Donald Trump"))
        assert trump.split()[2:9] == ["1", "1", "0", "2", "1", "50%", "1x"]
        assert "+61d" in trump and trump.rstrip().endswith("█▓··")
        china = next(line for line in lines if line.startswith("China"))
        assert "100%" in china and china.rstrip().endswith("█░")
        assert "2 actors · 6 commitments" in shown(screen, "#stats-title")
        assert all(len(line) <= 78 for line in lines)


async def test_stats_screen_fits_80_columns_with_long_names(store):
    add(store, "x", "2025-11-01", actor="The Ministry of Very Long Names and Even Longer Titles",
        status="met")
    for n in range(40):
        add(store, f"y{n}", "2025-11-01", actor="Busy", status="missed" if n % 3 else "met")
    app = ContractApp(store, StatsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        lines = table_lines(app.screen)
        assert all(len(line) <= 78 for line in lines)
        busy = next(line for line in lines if line.startswith("Busy"))
        assert busy.split()[1:3] == ["14", "26"]
        assert "The Ministry" in "\n".join(lines) and "…" in "\n".join(lines)


async def test_stats_screen_groups_by_tag_and_follows_changes(record_store):
    app = ContractApp(record_store, StatsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        await pilot.press("g")
        lines = table_lines(app.screen)
        assert lines[0].startswith("tag")
        trade = next(line for line in lines if line.startswith("trade"))
        assert trade.split()[1:3] == ["2", "0"]
        await pilot.press("g")
        record_store.mark(3, "met")
        app.refresh_screens()
        await pilot.pause()
        trump = next(line for line in table_lines(app.screen) if line.startswith("Donald"))
        assert trump.split()[2:8] == ["2", "1", "0", "1", "0", "67%"]


async def test_stats_screen_closes_with_escape_and_handles_an_empty_store(store):
    app = ContractApp(store, StatsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        assert "No commitments yet" in shown(app.screen, "#stats-table")
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_screen_shows_actor_names_literally(store):
    add(store, "x", "2025-11-01", actor="[b]E[/b]\x1b]8", status="met")
    app = ContractApp(store, StatsScreen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # let the pushed screen mount
        text = shown(app.screen, "#stats-table")
        assert "[b]E[/b]\\x1b]8" in text and "\x1b" not in text


# ---------------------------------------------------------------- inside the real app

async def test_the_dashboard_keys_open_both_screens(overdue_store):
    from tui.app import make_app
    app = make_app(overdue_store, "2025-11-24")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        assert isinstance(app.screen, StatsScreen)
        assert "China" in shown(app.screen, "#stats-table")
        await pilot.press("escape", "n")
        assert isinstance(app.screen, DecideScreen)
        assert "Oldest promise" in shown(app.screen, "#decide-item")
        await pilot.press("m", "enter")
        assert overdue_store.get(1).status == "met"
        assert app.selected_id == 2  # the main table follows the queue
        await pilot.press("escape")
        assert not isinstance(app.screen, DecideScreen)


async def test_enter_on_an_actor_lists_its_commitments_and_the_usual_keys_work(record_store):
    """R, down to China's row, Enter: the main table lists China's commitments, met,
    cancelled and open, and m, p, Enter, u, d act on them; Escape gives the tab back and
    R comes back to China's row."""
    from tui.app import make_app
    from tui.screens.detail import DetailPane
    from tui.screens.forms import ConfirmForm
    from tui.screens.main import MainScreen
    add(record_store, "g", "2025-11-20", actor="China")  # open, overdue
    add(record_store, "h", "2025-11-30", actor="Beijing")  # another actor
    app = make_app(record_store, "2025-11-24")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        lines = table_lines(app.screen)
        assert lines[1].startswith("Donald Trump") and lines[2].startswith("China ")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        titles = {r.title for _i, r in app.visible_items()}
        assert titles == {"e", "f", "g"}  # met, cancelled and open: every decision shown
        note = str(app.screen.query_one("#filter-note").render())
        assert "Actor China: 3 commitments · Escape: back to Open" in note
        g_id = next(i for i, r in app.visible_items() if r.title == "g")
        app.selected_id = g_id
        await pilot.pause()
        await pilot.press("m")  # the usual keys: the note form ...
        assert isinstance(app.screen, NoteForm)
        await pilot.press("enter")
        await pilot.pause()
        assert record_store.get(g_id).status == "met"
        assert g_id in app.view.rows  # still China's: it stays in the list
        await pilot.press("u")
        await pilot.pause()
        assert record_store.get(g_id).status == "open"
        await pilot.press("p")
        assert isinstance(app.screen, PostponeForm)
        await pilot.press("escape", "enter")  # ... and Enter, the details
        await pilot.pause()
        assert app.screen.query_one(DetailPane).item_id == g_id
        await pilot.press("escape", "d")
        assert isinstance(app.screen, ConfirmForm)
        await pilot.press("n", "escape")  # the whole tab again
        await pilot.pause()
        assert app.view.view == "open" and app.view.group is None
        assert "h" in {r.title for _i, r in app.visible_items()}
        await pilot.press("R")
        await pilot.pause()
        assert app.screen.cursor == 1  # on China's row again


async def test_the_track_record_cursor_moves_and_a_click_opens_a_row(record_store):
    from tui.app import make_app
    app = make_app(record_store, "2025-11-24")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert screen.cursor == 0
        table = screen.query_one("#stats-table", Static)
        reverse = [span for span in table.content.spans if "reverse" in str(span.style)]
        assert reverse and table.content.plain[reverse[0].start:].startswith("Donald Trump")
        await pilot.press("down", "down")
        assert screen.cursor == 1  # the last row: it stays
        await pilot.press("up")
        assert screen.cursor == 0
        await pilot.press("down")
        assert screen.cursor == 1
        await pilot.press("g")  # by tag: 'trade', then the untagged
        assert screen.cursor == 0
        await pilot.click("#stats-table", offset=(3, 2))  # the untagged row: picked
        assert screen.cursor == 1 and app.screen is screen
        await pilot.click("#stats-table", offset=(3, 1))
        assert screen.cursor == 0 and app.screen is screen
        await pilot.click("#stats-table", offset=(3, 1))  # a click on the picked row lists it
        await pilot.pause()
        assert app.view.group == ("tag", "trade")
        assert {r.title for _i, r in app.visible_items()} == {"a", "e"}
