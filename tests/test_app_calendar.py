"""The calendar inside the real dashboard: it counts the main table's tab, and a day picked
in it filters that tab (Escape gives the whole tab back, not another one)."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, find, store, titles  # noqa: E402,F401
from test_calendar import cell, text_of  # noqa: E402
from tui.screens.calendar import CalendarScreen, MonthGrid  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402


async def test_a_day_from_the_calendar_keeps_the_tab_and_escape_gives_it_back(store):  # noqa: F811
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        open_titles = titles(app)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert "Open tab" in text_of(app, "#calendar-title")
        await pilot.press("right", "right", "right", "enter")  # 27 Nov
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.view.view == "open"
        assert titles(app) == ["Abkommen mit Norwegen über Batterierecycling schließen"]
        assert "Open tab" in str(app.screen.query_one("#filter-note").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.view.view == "open" and app.view.day is None
        assert titles(app) == open_titles  # no met, missed or cancelled rows crept in
        await pilot.press("v")
        await pilot.pause()
        assert "4 due this month" in text_of(app, "#calendar-title")  # 18, 24, 27, 28 Nov


async def test_from_the_all_tab_a_day_with_only_decided_items_says_done(store):  # noqa: F811
    app = app_for(store)
    missed_id, _ = find(store, "Ceasefire talks")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("5", "v")  # the All tab, then its calendar
        await pilot.pause()
        assert "All tab" in text_of(app, "#calendar-title")
        assert cell(app, 15).split() == ["15", "1", "done"]  # missed on 15 Nov: not "due"
        assert cell(app, 18).split() == ["18", "1", "late"]
        app.screen.query_one(MonthGrid).go(dt.date(2025, 11, 15))
        await pilot.pause()
        assert f"#{missed_id} Ceasefire talks resume in Geneva (missed)" in \
            text_of(app, "#calendar-day")


async def test_a_day_with_nothing_due_says_so_not_that_the_tab_is_empty(store):  # noqa: F811
    """Enter on a day with nothing due showed 'Nothing open.', as if the Open tab were
    empty; Escape gave back seven items."""
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("right", "enter")  # 25 Nov: nothing falls due
        await pilot.pause()
        empty = str(app.screen.query_one("#empty").render())
        assert empty == "Nothing in Open falls due that day."
        await pilot.press("escape")
        await pilot.pause()
        assert titles(app)
