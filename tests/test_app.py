"""Pilot tests of the dashboard: every flow a person goes through, on a real store file."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from snapshot_app import build_store  # noqa: E402
from store.config import Config  # noqa: E402
from store.model import Commitment, Due  # noqa: E402
from store.db import open_store  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.screens.forms import ConfirmForm, ItemForm, NoteForm, PostponeForm  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402
from tui.widgets.table import CommitTable  # noqa: E402

TODAY = "2025-11-24"
SIZE = (120, 36)


class Clock:
    """A settable clock, so a test can move past midnight."""

    def __init__(self, now: dt.datetime):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def store(db_path):
    build_store(db_path)
    return open_store(db_path)


def app_for(store, clock=None, config=None, today=TODAY):
    return make_app(store, today, config=config,
                    clock=clock or Clock(dt.datetime(2025, 11, 24, 10, 0)))


async def type_text(pilot, text: str) -> None:
    for ch in text:
        await pilot.press({" ": "space", "/": "slash", ".": "full_stop",
                           ",": "comma"}.get(ch, ch))


def find(store, title_part: str) -> tuple[int, Commitment]:
    return next((i, r) for i, r in store.all() if title_part in r.title)


def titles(app) -> list[str]:
    return [r.title for _i, r in app.visible_items()]


def row_text(app, item_id: int) -> str:
    """The text of the item's row as the table paints it."""
    table = app.screen_stack[0].query_one(CommitTable)
    index = app.view.rows.index(item_id)
    return "".join(seg.text for seg in table._row_line(index))


async def select(pilot, item_id: int) -> None:
    pilot.app.selected_id = item_id
    await pilot.pause()


async def test_main_table_sorted_by_due_with_states(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        items = app.visible_items()
        dues = [r.due for _i, r in items]
        assert dues == sorted(dues)
        assert all(r.status == "open" for _i, r in items)  # the Open tab
        first_id, first = items[0]
        assert first.title == "Port authority publishes the dredging tender"
        assert "6 d overdue" in row_text(app, first_id)
        assert "needs decision" in row_text(app, first_id)
        today_id, _ = find(store, "Rail strike")
        assert "today" in row_text(app, today_id)
        assert app.view.counts()["overdue"] == 1


async def test_tabs_show_needs_decision_met_missed_all(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert titles(app) == ["Port authority publishes the dredging tender"]
        await pilot.press("3")
        assert titles(app) == ["Budget draft sent to parliament"]
        await pilot.press("4")
        assert titles(app) == ["Ceasefire talks resume in Geneva"]
        await pilot.press("5")
        assert len(titles(app)) == len(store.all())


async def test_add_with_a_good_date(store):
    app = app_for(store)
    before = len(store.all())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, ItemForm)
        assert app.focused.id == "title"
        await type_text(pilot, "Renew the lease")
        await pilot.press("tab")
        await type_text(pilot, "in 10 days")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Thu 4 Dec 2025 · in 10 days" in str(app.screen.query_one("#due-preview").render())
        await pilot.press("tab")
        await type_text(pilot, "Landlord")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.refresh()
    assert len(store.all()) == before + 1
    item_id, record = find(store, "Renew the lease")
    assert (record.due, record.actor) == ("2025-12-04", "Landlord")
    assert app.selected_id == item_id


async def test_a_title_pasted_over_two_lines_is_kept_whole(store):
    """A sentence copied from an article that wraps: Textual's field kept only its first
    line, and the rest was lost without a word. The line break becomes a space."""
    from textual import events
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        app.focused.post_message(events.Paste("The new northern rail line\r\n  will open\n"))
        await pilot.pause()
        assert app.screen.query_one("#title").value == "The new northern rail line will open"
        await pilot.press("tab")
        app.focused.post_message(events.Paste("27 November\n"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("slash")
        app.focused.post_message(events.Paste("northern\nrail"))
        await pilot.pause()
        assert app.screen.query_one("#search").value == "northern rail"
    item_id, record = find(store, "The new northern rail line will open")
    assert record.due == "2025-11-27"


async def test_a_note_on_an_item_met_before_keeps_the_day_it_was_met(store):
    """m on an item met on 21 Nov, to add a note: the Decided field said 'today', so Enter
    moved the day it was met to today. It now holds the day recorded."""
    app = app_for(store)
    item_id, before = find(store, "Budget draft sent to parliament")  # met on 21 Nov 2025
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await select(pilot, item_id)
        await pilot.press("m")
        await pilot.pause()
        assert app.screen.query_one("#decided").value == "2025-11-21"
        assert "Fri 21 Nov 2025 · 3 days ago" in str(app.screen.query_one("#decided-preview").render())
        await type_text(pilot, "signed copy seen")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await select(pilot, find(store, "Renew my passport")[0])
        await pilot.press("1", "m")  # an open item: today, as before
        await pilot.pause()
        assert app.screen.query_one("#decided").value == "today"
    store.refresh()
    after = store.get(item_id)
    assert (after.status, after.decided_day) == ("met", dt.date(2025, 11, 21))
    assert after.history[-1].note == "signed copy seen"


async def test_add_with_a_bad_date_keeps_the_form_and_saves_nothing(store):
    app = app_for(store)
    before = store.all()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Something")
        await pilot.press("tab")
        await type_text(pilot, "when pigs fly")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "cannot understand this date" in str(app.screen.query_one("#due-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)  # still open, with the reason
        assert "cannot understand" in str(app.screen.query_one("#form-error").render())
        assert app.focused.id == "due"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.refresh()
    assert store.all() == before


async def test_add_without_a_title_is_refused(store):
    app = app_for(store)
    before = len(store.all())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "tab")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
        assert app.focused.id == "title"
    store.refresh()
    assert len(store.all()) == before


async def test_search_filters_as_you_type_enter_selects_escape_clears(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        open_count = len(app.visible_items())
        await pilot.press("slash")
        await type_text(pilot, "osl")
        assert titles(app) == ["Ministerin Holm besucht Oslo"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, CommitTable)
        assert app.selected_id == find(store, "Oslo")[0]
        await pilot.press("slash")
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.visible_items()) == open_count
        assert app.view.search == ""


async def test_search_looks_in_sentences_and_actors(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "wirtschaftsministerin")
        assert titles(app) == ["Abkommen mit Norwegen über Batterierecycling schließen"]
        await pilot.press("escape")
        await pilot.press("slash")
        await type_text(pilot, "zzzz")
        assert titles(app) == []
        assert "Nothing in Open matches “zzzz”." == str(app.screen.query_one("#empty").render())
        app.set_search("[b]zz[/b] [@click=app.quit]x[/]")  # shown as typed, not as markup
        await pilot.pause()
        assert "[b]zz[/b] [@click=app.quit]x[/]" in str(app.screen.query_one("#empty").render())


async def test_mark_met_with_a_note_then_undo(store):
    app = app_for(store)
    item_id, _ = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("m")
        assert isinstance(app.screen, NoteForm)
        await type_text(pilot, "tender is online")
        await pilot.press("enter")
        await pilot.pause()
        store.refresh()
        record = store.get(item_id)
        assert record.status == "met"
        assert record.history[-1].note == "tender is online"
        # decided: it leaves the Open tab at once, and the cursor is on the row after it
        assert item_id not in app.view.rows and app.view.states[item_id] == "met"
        assert app.selected_id == app.view.rows[0] != item_id
        await pilot.press("u")
        await pilot.pause()
        store.refresh()
        assert store.get(item_id).status == "open"
        assert "needs decision" in row_text(app, item_id)


async def test_the_note_form_records_the_day_it_was_decided(store):
    """The Decided field starts at today, previews what is typed, refuses a day after
    today, and the details show the day (with its year when it is not this year)."""
    from tui.screens.detail import DetailPane
    app = app_for(store)
    item_id, _ = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("m")
        form = app.screen
        await app.workers.wait_for_complete()
        await pilot.pause()
        decided = form.query_one("#decided")
        assert decided.value == "today"
        assert "Mon 24 Nov 2025 · today" in str(form.query_one("#decided-preview").render())
        await pilot.press("tab")
        assert app.focused is decided
        await type_text(pilot, "tomorrow")  # Tab selected "today": typing replaces it
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "after today" in str(form.query_one("#decided-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "after today" in str(form.query_one("#form-error").render())
        decided.value = "2024-11-25"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        store.refresh()
        assert store.get(item_id).decided == "2024-11-25"
        assert any("#%d met on 25 Nov 2024" % item_id in str(n.message)
                   for n in app._notifications)
        await pilot.press("5")
        await select(pilot, item_id)
        assert "met 25 Nov 2024" in row_text(app, item_id)
        await pilot.press("enter")
        await pilot.pause()
        text = str(app.main.query_one(DetailPane).query_one("#detail-body").render())
        assert "decided   Mon 25 Nov 2024" in text


async def test_reopening_asks_for_a_note_but_no_day(store):
    app = app_for(store)
    item_id, _ = find(store, "Budget draft")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await select(pilot, item_id)
        await pilot.press("o")
        assert isinstance(app.screen, NoteForm) and not app.screen.query("#decided")
        await pilot.press("enter")
        await pilot.pause()
    store.refresh()
    assert store.get(item_id).status == "open" and store.get(item_id).decided is None


async def test_mark_missed_with_an_empty_note(store):
    app = app_for(store)
    item_id, _ = find(store, "Rail strike")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("x", "enter")
        await pilot.pause()
    store.refresh()
    record = store.get(item_id)
    assert record.status == "missed"
    assert record.history[-1].note == ""


async def test_escape_on_the_note_changes_nothing(store):
    app = app_for(store)
    item_id, _ = find(store, "Rail strike")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("m", "escape")
        await pilot.pause()
    store.refresh()
    assert store.get(item_id).status == "open"


async def test_postpone_moves_the_due_date(store):
    app = app_for(store)
    item_id, _ = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("p")
        assert isinstance(app.screen, PostponeForm)
        await type_text(pilot, "in 2 weeks")
        await pilot.press("tab")
        await type_text(pilot, "delayed")
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.states[item_id] == "upcoming"
        assert app.selected_id == item_id
    store.refresh()
    record = store.get(item_id)
    assert record.due == "2025-12-08"
    assert record.history[-1].note == "delayed"


async def test_postpone_by_a_span_moves_the_current_due_as_the_cli_does(store):
    app = app_for(store)
    item_id, before = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("p")
        await type_text(pilot, "+1w")
        await pilot.pause(0.3)
        preview = str(app.screen.query_one("#due-preview").render())
        moved = dt.date.fromisoformat(before.due) + dt.timedelta(days=7)
        assert f"{moved.day} " in preview and "cannot" not in preview
        await pilot.press("enter")
        await pilot.pause()
    store.refresh()
    assert store.get(item_id).due == moved.isoformat()


async def test_delete_asks_first(store):
    app = app_for(store)
    item_id, _ = find(store, "Renew my passport")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmForm)
        await pilot.press("n")
        await pilot.pause()
        store.refresh()
        assert store.get(item_id)
        await pilot.press("d", "enter")  # Enter keeps it: the safe answer has the focus
        await pilot.pause()
        store.refresh()
        assert store.get(item_id) and isinstance(app.screen, MainScreen)
        await pilot.press("d", "y")
        await pilot.pause()
        assert item_id not in app.view.items
        store.refresh()
        assert item_id not in dict(store.all())
        await pilot.press("u")
        await pilot.pause()
        assert item_id in app.view.items


@pytest.mark.parametrize("key", ["p", "m", "d", "e"])
async def test_a_long_title_leaves_every_field_of_a_dialog_in_sight(store, key):
    """A 3,000-character title is cut to a few lines with '…' in the postpone, note and
    delete dialogs (it filled them, and the fields were off screen at 80x24)."""
    long_title = " ".join(["A promise with far too many words in it"] * 75)[:3000]
    # past the limit a new title takes (model.TITLE_LIMIT), as one stored before it or
    # synced from a calendar app may be
    item_id = store.add(Commitment.new("short", Due.from_value("2025-12-01"))
                        .with_changes(title=long_title))
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await select(pilot, item_id)
        await pilot.press(key)
        await pilot.pause()
        form = app.screen
        if key == "p":
            await type_text(pilot, "+2w")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "15 Dec 2025" in str(form.query_one("#due-preview").render())
        fields = list(form.query("Input, Button, .preview"))
        assert fields and all(w.region.height and w.region.bottom <= 24 for w in fields)
        if key != "e":  # the edit form's title is an input of one line
            shown = str(form.query_one(".form-subject").render())
            assert "…" in shown and long_title[:100] in shown and len(shown) < 300
            assert form.query_one(".form-subject").region.height <= 8


async def test_edit_changes_title_and_actor(store):
    app = app_for(store)
    item_id, _ = find(store, "Renew my passport")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#title").value = "Renew both passports"
        form.query_one("#actor").value = "me"
        await pilot.press("enter")
        await pilot.pause()
    store.refresh()
    record = store.get(item_id)
    assert (record.title, record.actor, record.due) == ("Renew both passports", "me",
                                                                "2025-11-28")


async def test_typing_in_the_edit_form_adds_to_the_title_it_shows(store):
    # the field shows its end with the cursor there: the first key must not replace
    # the whole title (it did, selected on focus)
    app = app_for(store)
    item_id, _ = find(store, "Renew my passport")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("space", "Q", "3", "enter")
        await pilot.pause()
    store.refresh()
    assert store.get(item_id).title == "Renew my passport Q3"


async def test_a_change_from_the_cli_appears_by_itself(store, frist):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        result = frist("add", "Harbour tunnel reopens", "--due", "in 3 days", check=True)
        new_id = int(result.stdout)
        for _ in range(30):
            await pilot.pause(0.1)
            if new_id in app.view.items:
                break
        assert new_id in app.view.items
        assert "Harbour tunnel reopens" in titles(app)


async def test_refresh_key_reads_the_store_again(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        other = open_store(store.path)
        item_id, _ = find(other, "Rail strike")
        other.mark(item_id, "met")
        await pilot.press("r")
        await pilot.pause()
        assert app.view.items[item_id].status == "met"


async def test_enter_opens_the_detail_pane_with_the_source(store):
    app = app_for(store)
    item_id, _ = find(store, "Abkommen")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.detail_open
        text = str(app.screen.query_one("#detail-body").render())
        assert "bis zum 27. November" in text
        assert "Karin Holm" in text
        assert "wirtschaft-holm.txt" in text
        await pilot.press("escape")
        assert not app.screen.detail_open


async def test_clicks_select_and_open_rows(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(CommitTable)
        third = app.view.rows[2]
        await pilot.click(CommitTable, offset=(20, 3))  # header line, then rows 0, 1, 2
        await pilot.pause()
        assert app.selected_id == third
        assert not app.screen.detail_open
        await pilot.click(CommitTable, offset=(20, 3))
        await pilot.pause()
        assert app.screen.detail_open
        assert table.selected_id == third


async def test_sort_cycles(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        by_due = titles(app)
        await pilot.press("s")
        assert titles(app) == list(reversed(by_due))
        await pilot.press("s")  # actor
        actors = [r.actor for _i, r in app.visible_items() if r.actor]
        assert actors == sorted(actors, key=str.casefold)


async def test_untrusted_text_is_shown_literally(store, db_path):
    nasty = "[bold]x[/bold] [/] [@click=app.quit]q[/] \x1b[31mred"
    from store import model
    item_id = store.add(model.Commitment.new(nasty, model.Due.from_value("2025-11-30"),
                                             actor="[red]Mallory[/red]"))
    app = app_for(open_store(db_path))
    async with app.run_test(size=(200, 36)) as pilot:
        await select(pilot, item_id)
        line = row_text(app, item_id)
        assert "[bold]x[/bold] [/] [@click=app.quit]q[/]" in line
        assert "\x1b" not in line and "\\x1b[31mred" in line
        assert "[red]Mallory[/red] " in line  # at 200 cells the actor column widens to it
        await pilot.press("enter")
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render())
        assert "[@click=app.quit]q[/]" in body and "\\x1b[31mred" in body
        assert "[red]Mallory[/red]" in body
        await pilot.click("#detail-body")  # a click on the text must not run "app.quit"
        await pilot.pause()
        assert app.is_running
        await pilot.press("m")
        await pilot.pause()
        assert "[bold]x[/bold]" in str(app.screen.query_one(".form-subject").render())


async def test_joined_emoji_show_as_emoji_and_bidi_overrides_as_escapes(store, db_path):
    title = "Picnic 👩\u200d👩\u200d👧\u200d👦 👍🏽 ☺\ufe0f then \u202eevil\u202c"
    item_id = store.add(Commitment.new(title, Due.from_value("2025-11-30")))
    app = app_for(open_store(db_path))
    async with app.run_test(size=(200, 36)) as pilot:
        await select(pilot, item_id)
        line = row_text(app, item_id)
        assert "Picnic 👩\u200d👩\u200d👧\u200d👦 👍🏽 ☺\ufe0f then \\u202eevil\\u202c" in line
        await pilot.press("enter")
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render())
        assert "👩\u200d👩\u200d👧\u200d👦" in body and "\u202e" not in body


async def test_keymap_from_the_config_remaps_a_binding(store):
    from store.config import Config
    app = app_for(store, config=Config(keymap={"mark_met": "M"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, NoteForm)


async def test_countdowns_roll_over_at_midnight(store):
    clock = Clock(dt.datetime(2025, 11, 24, 23, 59, 59))
    app = app_for(store, clock=clock, today=None)  # the real (here: fake) clock
    item_id, _ = find(store, "Rail strike")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.today == dt.date(2025, 11, 24)
        assert app.view.states[item_id] == "due-today"
        clock.now = dt.datetime(2025, 11, 25, 0, 0, 1)
        app.tick()
        await pilot.pause()
        assert app.today == dt.date(2025, 11, 25)
        assert app.view.states[item_id] == "overdue"
        assert "1 d overdue" in row_text(app, item_id)


async def test_fixed_today_still_moves_with_the_clock(store):
    clock = Clock(dt.datetime(2030, 1, 1, 23, 59))
    app = app_for(store, clock=clock, today="2025-11-24")
    async with app.run_test(size=SIZE) as pilot:
        clock.now = dt.datetime(2030, 1, 2, 0, 1)
        app.tick()
        await pilot.pause()
        assert app.today == dt.date(2025, 11, 25)


async def test_show_day_filters_the_main_table(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.show_day(dt.date(2025, 11, 27))
        await pilot.pause()
        assert titles(app) == ["Abkommen mit Norwegen über Batterierecycling schließen"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) > 1


async def test_item_actions_follow_the_selection_on_a_pushed_screen(store):
    """Another screen sets app.selected_id and lets m fall through to the app."""
    from textual.screen import Screen

    app = app_for(store)
    item_id, _ = find(store, "Holm besucht")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(Screen())
        app.selected_id = item_id
        await pilot.press("m", "enter")
        await pilot.pause()
        store.refresh()
        assert store.get(item_id).status == "met"


async def test_help_lists_every_binding(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("Static").render())
        for word in ("Add", "Met", "Missed", "Postpone", "Delete", "Undo", "Ingest", "Timeline"):
            assert word in text


async def test_help_lists_the_keys_of_every_screen_as_they_are_bound(store):
    """Every described binding of every screen is in the help, and a key the config
    remaps shows as remapped: the list is made from the bindings, not written by hand."""
    from tui.app import FristApp
    from tui.keys import declared
    app = app_for(store, config=Config(keymap={"timeline_zoom_in": "z", "stats_group": "G"}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one("Static").render()).splitlines()
        for heading in ("Timeline", "Month calendar", "Track record", "Decision queue",
                        "Review of what an ingest found"):
            assert any(line.startswith(heading) for line in lines), heading
        for screen in FristApp.keyed_screens():
            for key in (k for klass in screen.classes for k in declared(klass)):
                if key.own and key.binding.description:
                    assert any(key.binding.description in line for line in lines), key.name

        def keys_for(description: str) -> list[str]:
            return [line.split()[0] for line in lines if f"  {description}" in line]
        assert keys_for("zoom in") == ["z"]  # remapped; "+" no longer
        assert keys_for("zoom out") == ["-"]
        assert keys_for("find bar") == ["f"] and keys_for("today")[0] == "."
        assert keys_for("met/missed") == ["h"]
        assert keys_for("by actor/tag") == ["G"]


# -- ingest and review ------------------------------------------------------------------

def sample_article(tmp_path) -> Path:
    """One of the --demo sample articles, dated for TODAY, as a file."""
    from tui.demo import sample_articles
    name, text, _published, _lang = next(a for a in sample_articles(dt.date(2025, 11, 24))
                                         if a[0] == "water-en.txt")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def ingest_file(pilot, path: Path) -> None:
    from tui.screens.forms import IngestForm
    await pilot.press("i")
    assert isinstance(pilot.app.screen, IngestForm)
    pilot.app.screen.query_one("#source").value = str(path)
    pilot.app.screen.query_one("#published").value = "2025-11-23"
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_ingest_publication_date_is_read_as_a_day_past(store, tmp_path):
    """Published '21 Nov' typed on 24 Nov 2025 was read forward, as a due is: 21 Nov
    2026, and every 'by Friday' of the article a year late. It is read as `frist ingest
    --published` reads it; a week is no publication date."""
    from tui.screens.forms import IngestForm
    from tui.screens.review import ReviewScreen
    article = sample_article(tmp_path)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        form = app.screen
        form.query_one("#source").value = str(article)
        form.query_one("#published").value = "next week"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and isinstance(form, IngestForm)
        assert "a publication date names one day, not 'next week'" in \
            str(form.query_one("#form-error").render())
        form.query_one("#published").value = "21 Nov"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert {c.proposal.document.published for c in app.screen.cards} == {dt.date(2025, 11, 21)}


async def test_ingest_review_accept_one_reject_one(store, tmp_path):
    from tui.screens.review import ReviewScreen
    article = sample_article(tmp_path)
    app = app_for(store)
    before = {i for i, _r in store.all()}
    async with app.run_test(size=SIZE) as pilot:
        await ingest_file(pilot, article)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        proposals = [card.proposal for card in review.cards]
        assert len(proposals) >= 2
        assert all(p.document.published == dt.date(2025, 11, 23) for p in proposals)
        await pilot.press("a")  # accept the first; the cursor moves on
        await pilot.press("x")  # reject the second
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.refresh()
    added = [r for i, r in store.all() if i not in before]
    assert [r.title for r in added] == [proposals[0].title]
    assert added[0].sources[0].sentence == proposals[0].sentence
    assert app.selected_id in {i for i, _r in store.all()} - before


async def test_ingest_twice_marks_known_items_and_adds_nothing(store, tmp_path):
    from tui.screens.review import ReviewScreen
    article = sample_article(tmp_path)
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await ingest_file(pilot, article)
        await pilot.press("A", "s")  # accept all, store
        await pilot.pause()
        store.refresh()
        count = len(store.all())
        await ingest_file(pilot, article)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert all(card.proposal.known_id is not None for card in review.cards)
        assert "already stored" in str(review.cards[0].query_one(".meta").render())
        await pilot.press("A", "s")
        await pilot.pause()
    store.refresh()
    assert len(store.all()) == count


async def test_ingest_pasted_text_and_cancel_review(store):
    from tui.screens.forms import IngestForm
    from tui.screens.review import ReviewScreen
    app = app_for(store)
    before = store.all()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, IngestForm)
        form.query_one("#pasted").text = ("The city council said it will publish the new "
                                          "budget by 15 December.")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        card = app.screen.cards[0]
        assert card.proposal.document.name == "pasted text"
        assert card.proposal.due.due == dt.date(2025, 12, 15)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.refresh()
    assert store.all() == before


async def test_ingest_a_missing_file_keeps_the_dialog_to_fix_the_path(store, tmp_path):
    from tui.screens.forms import IngestForm
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await ingest_file(pilot, tmp_path / "nowhere.txt")
        await pilot.pause()
        assert isinstance(app.screen, IngestForm)  # the typed path is still there to fix
        assert app.screen.query_one("#source").value.endswith("nowhere.txt")
        assert "no file or folder" in str(app.screen.query_one("#form-error").render())
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "No dated commitments found" not in messages  # not the same as an empty article


async def test_a_folder_with_many_notes_gives_one_toast_and_the_review(store, tmp_path):
    from tui.screens.review import ReviewScreen
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(5):  # no publication date in any
        (folder / f"a{n}.txt").write_text(
            f"The harbour office will open berth {n} on 3 December 2025.\n", encoding="utf-8")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        app.screen.query_one("#source").value = str(folder)  # no date given: five notes
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        notes = [str(n.message) for n in app._notifications]
        assert len(notes) == 1 and "3 more like these" in notes[0]
        assert "Reading and extracting" not in notes[0]


async def test_review_edit_changes_the_proposal_before_storing(store):
    from tui.screens.forms import ItemForm
    from snapshot_app import review_proposals
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.review(review_proposals(known_id=None))
        await pilot.pause()
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, ItemForm)
        form.query_one("#title").value = "Rare earth deal signed"
        form.query_one("#due").value = "2025-11-30"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
    store.refresh()
    item_id, record = find(store, "Rare earth deal signed")
    assert record.due == "2025-11-30"


async def test_review_edit_of_a_proposal_already_stored_says_where_to_change_it(store):
    """A proposal the store holds already (#1) gives #1 at most a source when stored: an
    edit of it in the review was accepted, then silently dropped by Store. Now e says so
    and where the change can be made, and opens no form."""
    from snapshot_app import review_proposals
    from tui.screens.forms import ItemForm
    app = app_for(store)
    before = store.get(1)
    async with app.run_test(size=SIZE) as pilot:
        app.review(review_proposals(known_id=1))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert not isinstance(app.screen, ItemForm)
        notes = " ".join(str(n.message) for n in app._notifications)
        assert "Already stored as #1" in notes and "select #1 in the table and press e" in notes
        card = app.screen.cards[0]
        assert "edited" not in str(card.query_one(".meta").render())
        await pilot.press("down", "e")  # a new one is still edited in the form
        await pilot.pause()
        assert isinstance(app.screen, ItemForm)
    store.refresh()
    assert store.get(1).title == before.title and store.get(1).due == before.due


@pytest.mark.parametrize("width", [80, 120])
async def test_review_titles_wrap_under_themselves_not_to_column_0(store, width):
    from snapshot_app import review_proposals
    proposals = review_proposals()
    proposals[0].title = "Abkommen mit Norwegen über Batterierecycling und Rohstoffe " * 3
    app = app_for(store)
    async with app.run_test(size=(width, 30)) as pilot:
        app.review(proposals)
        await pilot.pause()
        card = app.screen.cards[0]
        title, meta = card.query_one(".title"), card.query_one(".meta")
        assert title.region.height >= 2  # the long title wraps ...
        assert title.region.x == meta.region.x >= 13  # ... in its own column
        assert card.query_one(".mark").region.right <= title.region.x


async def test_review_edit_of_the_actor_shows_in_its_row(store):
    from snapshot_app import review_proposals
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.review(review_proposals(known_id=None))
        await pilot.pause()
        await pilot.press("e")
        app.screen.query_one("#actor").value = "Regierung Holm"
        await pilot.press("enter")
        await pilot.pause()
        card = app.screen.cards[0]
        meta = str(card.query_one(".meta").render())
        assert "Regierung Holm" in meta and "Karin Holm" not in meta and "edited" in meta
        assert "accept" in str(card.query_one(".mark").render())


async def test_review_escape_asks_before_throwing_work_away(store):
    from snapshot_app import review_proposals
    from tui.screens.review import ReviewScreen
    app = app_for(store)
    before = store.all()
    async with app.run_test(size=SIZE) as pilot:
        app.review(review_proposals(known_id=None))
        await pilot.pause()
        await pilot.press("escape")  # nothing accepted or edited: it just closes
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        app.review(review_proposals(known_id=None))
        await pilot.pause()
        await pilot.press("a", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmForm)
        assert "1 accepted or edited proposal would be lost" in str(app.screen.question)
        await pilot.press("n")  # keep reviewing: the accept is still there
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.cards[0].decision == "accepted"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    store.refresh()
    assert store.all() == before


@pytest.fixture
def dead_server():
    """A real local HTTP server that answers every request 404."""
    import http.server
    import threading

    class Gone(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_error(404, "gone")

        def log_message(self, *args):
            pass
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gone)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


async def test_a_failed_url_keeps_the_ingest_dialog_with_the_error_and_the_text(
        store, dead_server, monkeypatch):
    from tui.screens.forms import IngestForm
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    url = f"{dead_server}/news/article.html"
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, IngestForm)
        form.query_one("#source").value = url
        form.query_one("#published").value = "2025-11-23"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is form  # still open, as typed
        assert form.query_one("#source").value == url
        assert form.query_one("#published").value == "2025-11-23"
        error = str(form.query_one("#form-error").render())
        assert error.startswith("Cannot ingest:") and "\n" not in error
        assert not form.query_one("#run").disabled  # ready to try again


async def test_pasted_text_without_a_date_keeps_the_dialog_and_says_so(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        form = app.screen
        form.query_one("#pasted").text = "The council met and talked about the weather."
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is form
        assert "No dated commitments found" in str(form.query_one("#form-error").render())
        assert form.query_one("#pasted").text.startswith("The council met")


async def test_config_date_format_and_due_soon_days(store):
    from store.config import Config
    app = app_for(store, config=Config(date_format="%Y-%m-%d", due_soon_days=2))
    item_id, _ = find(store, "Abkommen")  # due in 3 days: not "soon" with due_soon_days = 2
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = row_text(app, item_id)
        assert "2025-11-27" in line
        assert app.view.states[item_id] == "upcoming" and "upcoming" in line
        month_id, _ = find(store, "Holm besucht")
        assert "Apr 2026" in row_text(app, month_id)  # a window keeps its label

async def test_clicking_a_view_name_switches_the_view(store):
    from tui.widgets.viewbar import ViewBar
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(ViewBar)
        start, _end, _name = next(span for span in bar._spans if span[2] == "met")
        await pilot.click(ViewBar, offset=(start + 1, 0))
        await pilot.pause()
        assert app.view.view == "met"
        assert titles(app) == ["Budget draft sent to parliament"]


async def test_the_command_palette_lists_the_actions(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Add", "Met", "Missed", "Postpone", "Delete", "Undo", "Ingest",
                      "Timeline", "Calendar", "Record", "Decide", "View: Needs decision"):
            assert title in commands
        assert "(key: m)" in commands["Met"].help
        commands["View: Needs decision"].callback()
        await pilot.pause()
        assert titles(app) == ["Port authority publishes the dredging tender"]


async def test_the_palettes_screenshot_goes_beside_the_store_and_says_where(store, db_path):
    assert not (Path.home() / "Downloads").exists()  # Textual's default folder is missing
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Screenshot"].callback()  # Textual runs it on a 0.1 s timer
        for _ in range(100):
            await pilot.pause(0.1)
            if saved := list(db_path.parent.glob("*.svg")):
                break
        assert len(saved) == 1 and saved[0].read_text().startswith("<svg")
        messages = [str(n.message) for n in app._notifications]
        assert f"Saved to {saved[0]}" in messages


async def test_the_undo_message_says_what_was_undone_and_what_is_now(store):
    app = app_for(store)
    item_id, _ = find(store, "Renew my passport")
    port_id, _ = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await select(pilot, item_id)
        await pilot.press("d", "y")
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("u")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == [
            f"Undone: #{item_id} deleted. #{item_id} is back: open, due 28 Nov 2025 (in 4 d)."]
        await select(pilot, port_id)
        await pilot.press("x", "enter")
        await pilot.pause()
        app.clear_notifications()
        await pilot.press("u")
        await pilot.pause()
        assert [str(n.message) for n in app._notifications] == [
            f"Undone: #{port_id} marked missed. #{port_id} is as before: open, "
            "due 18 Nov 2025 (6 d overdue)."]


async def test_messages_show_untrusted_text_literally(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.notify("cannot read [bold]x[/bold] [@click=app.quit]q[/]")
        await pilot.pause()
        shown = list(app._notifications)[-1]  # a toast shows it as markup only if asked to
        assert shown.message.startswith("cannot read [bold]x") and shown.markup is False


async def test_back_on_the_main_screen_keys_act_on_the_row_shown_selected(store):
    """A pushed screen selected an item the Open tab does not show (a met one): back on
    the table, m must not act on that hidden item."""
    from textual.screen import Screen
    app = app_for(store)
    met_id, _ = find(store, "Budget draft")
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(Screen())
        app.selected_id = met_id
        app.pop_screen()
        await pilot.pause()
        table = app.screen.query_one(CommitTable)
        assert app.selected_id == table.selected_id != met_id

async def test_a_new_theme_recolours_the_rows(store):
    app = app_for(store)
    item_id, _ = find(store, "Port authority")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down")  # the cursor off the overdue row
        await pilot.pause()
        table = app.screen.query_one(CommitTable)
        index = app.view.rows.index(item_id)
        dark = list(table._row_line(index))[0].style.color
        app.theme = "textual-light"
        await pilot.pause()
        light = list(table._row_line(index))[0].style.color
        assert dark != light



def bars_text(app) -> str:
    """The state counts and the tab row, as shown."""
    return " | ".join(str(widget.render()) for widget in app.screen.query("#counts, #views"))


async def test_the_first_rows_show_before_the_rest_of_the_store_is_read(store, monkeypatch):
    """The first screen comes from the store's few soonest open items (no full parse);
    the counts say they are still being read, and are whole right after."""
    from store import journal
    from tui.app import FristApp
    monkeypatch.setattr(journal, "SOONEST_KEPT", 3)
    with store.transaction():
        store.storage.compact()  # writes the journal header with the 3 soonest open items
    everything = open_store(store.path).all()
    open_items = sorted((item for item in everything if item[1].status == "open"),
                        key=lambda item: item[1].due)
    read_rest = FristApp.read_rest
    monkeypatch.setattr(FristApp, "read_rest", lambda self: None)  # hold the first screen
    app = app_for(open_store(store.path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(app) == [r.title for _i, r in open_items[:3]]
        assert "reading the store" in bars_text(app)
        assert "Open …" in bars_text(app)
        read_rest(app)
        await pilot.pause()
        assert titles(app) == [r.title for _i, r in open_items]
        assert "reading the store" not in bars_text(app)
        assert f"Open {len(open_items)}" in bars_text(app)
        assert f"All {len(everything)}" in bars_text(app)


def test_a_store_damaged_after_the_first_rows_stops_with_one_line(store, monkeypatch):
    from store import journal
    from store.errors import FristError
    from tui.app import FristApp, run_app
    monkeypatch.setattr(journal, "SOONEST_KEPT", 3)
    with store.transaction():
        store.storage.compact()
    before = store.path.stat()
    fresh = open_store(store.path)
    assert fresh.soonest_open() is not None
    original_run = FristApp.run

    def run_damaging_first(self, **kwargs):
        # Damaged in place between the first read and the rest (same size and mtime).
        store.path.write_bytes(b"x" * before.st_size)
        os.utime(store.path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return original_run(self, headless=True, size=SIZE)

    monkeypatch.setattr(FristApp, "run", run_damaging_first)
    with pytest.raises(FristError, match="damaged"):
        run_app(fresh, TODAY)


async def test_keys_typed_right_after_tab_go_to_the_next_field(store):
    """Keys that arrive together (fast typing, a macro, tmux send-keys) are delivered in
    order: what follows Tab lands in the field Tab moved to, not in the one before."""
    from textual import events
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert app.focused.id == "title"
        for key in [*"Renew the lease", "tab", *"tomorrow", "tab", *"Landlord"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        values = {name: app.screen.query_one(f"#{name}").value for name in ("title", "due", "actor")}
        assert values == {"title": "Renew the lease", "due": "tomorrow", "actor": "Landlord"}


@pytest.mark.parametrize("key", ["R", "question_mark"])
async def test_item_keys_do_nothing_where_no_item_is_shown(store, key):
    """The track record and the help show no selected item: m, x, d ... must not act on
    the main table's row behind them, nor be offered in the footer."""
    from tui.screens.forms import NoteForm
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        screen = app.screen
        await pilot.press("m")
        await pilot.pause()
        assert app.screen is screen and not isinstance(app.screen, NoteForm)
        shown = [b.binding.action for b in app.screen.active_bindings.values()
                 if b.binding.show and b.enabled]
        assert "mark_met" not in shown


async def test_an_empty_search_says_how_many_match_in_other_tabs(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await type_text(pilot, "budget draft")  # marked met: not in the Open tab
        assert titles(app) == []
        assert "1 in Met: press 3." in str(app.screen.query_one("#empty").render())
        await pilot.press("enter", "3")
        await pilot.pause()
        assert titles(app) == ["Budget draft sent to parliament"]


@pytest.mark.parametrize("keys", [["down", "m"], ["down", "down", "up", "d"]])
async def test_a_key_right_behind_an_arrow_acts_on_the_row_moved_to(store, keys):
    from textual import events
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        expected = app.view.rows[1]
        for key in keys:  # arriving together, as from fast typing
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, (NoteForm, ConfirmForm))
        shown = form.record.title if isinstance(form, NoteForm) else str(form.question)
        assert app.view.items[expected].title in shown


async def test_a_store_damaged_while_open_keeps_the_view_and_says_so(store):
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = titles(app)
        store.path.write_bytes(b"garbage{{{")
        await pilot.press("r")
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("damaged" in m and "read before" in m for m in messages)
        assert "Reloaded." not in messages
        assert titles(app) == shown


async def test_the_demos_screenshot_goes_to_the_current_folder_which_outlives_it(
        store, db_path, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app = make_app(store, TODAY, store_is_temporary=True)
    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Screenshot"].callback()
        for _ in range(100):
            await pilot.pause(0.1)
            if saved := list(here.glob("*.svg")):
                break
        assert len(saved) == 1 and not list(db_path.parent.glob("*.svg"))
        assert f"Saved to {saved[0]}" in [str(n.message) for n in app._notifications]


def test_an_undo_of_many_says_which_are_gone_and_which_are_back():
    from store import model
    from tui.app import undo_message
    there = model.Commitment.new("Vote", model.Due.from_value("2026-12-09"))
    today = dt.date(2026, 12, 3)
    assert undo_message("ingest of a.html (2 added)", [4, 5], {}, today) == \
        "Undone: ingest of a.html (2 added). Of 2 commitments, 2 it added are gone."
    assert undo_message("sync", [1, 2, 3], {1: there}, today) == \
        "Undone: sync. Of 3 commitments, 2 it added are gone and 1 is as it was before it."
