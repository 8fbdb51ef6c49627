"""The month calendar, through a stand-in app with the app contract of
tui/screens/base.py."""
from __future__ import annotations

import datetime as dt
from snapshot_views import TODAY, ContractApp, fill, sample_app
from store import model
from store.db import open_store
from tui.screens.calendar import CalendarScreen, MonthGrid, add_months, items_by_day

SIZE = (80, 24)



def grid_lines(app) -> list[str]:
    grid = app.screen.query_one(MonthGrid)
    return [grid.render_line(y).text for y in range(grid.size.height)]


def text_of(app, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id).content)


def cell(app, day: int, line: int = 0) -> str:
    """The text of one day's cell in the month shown (its `line`-th line)."""
    grid = app.screen.query_one(MonthGrid)
    width, lines, _weeks = grid._geometry()
    for week, days in enumerate(grid._weeks()):
        for column, date in enumerate(days):
            if date.month == grid.day.month and date.day == day:
                row = grid.render_line(1 + week * (lines + 1) + line).text
                return row[column * (width + 1):column * (width + 1) + width]
    raise AssertionError(f"day {day} is not in the month shown")


def test_months_move_to_the_same_day_or_the_month_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 11, 24), -11) == dt.date(2024, 12, 24)
    assert add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)


def test_windows_count_on_their_last_day():
    records = [(1, model.Commitment.new("q", model.Due.from_value("2026-Q1"))),
               (2, model.Commitment.new("w", model.Due.from_value("2025-W50"))),
               (3, model.Commitment.new("d", model.Due.from_value("2026-03-31")))]
    days = items_by_day(records)
    assert [i for i, _ in days[dt.date(2026, 3, 31)]] == [1, 3]
    assert [i for i, _ in days[dt.date(2025, 12, 14)]] == [2]


async def test_the_grid_shows_counts_titles_overdue_days_and_today(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert text_of(app, "#calendar-title").startswith(" November 2025")
        assert grid_lines(app)[0].split() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        assert cell(app, 28).split() == ["28", "2", "due"]
        assert cell(app, 28, 1).startswith("[bold red")  # a title, literally (first of two)
        assert cell(app, 20).split() == ["20", "1", "late"]  # overdue, still open
        assert cell(app, 20, 1).startswith("Budget vo")
        assert cell(app, 24).startswith("[24]")  # today
        assert cell(app, 25).split() == ["25"]  # nothing due
        assert "week, month, quarter and year windows count on their last day" in \
            " ".join(text_of(app, "#calendar-legend").split())


async def test_arrows_move_by_day_and_week_and_enter_shows_that_day(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "enter")
        assert app.shown_days == [dt.date(2025, 11, 27)]
        await pilot.press("down", "left", "enter")
        assert app.shown_days[-1] == dt.date(2025, 12, 3)
        assert text_of(app, "#calendar-title").startswith(" December 2025")
        await pilot.press("up", "up", "enter")
        assert app.shown_days[-1] == dt.date(2025, 11, 19)
        await pilot.press("home", "enter")
        assert app.shown_days[-1] == TODAY


async def test_pagedown_and_pageup_move_a_month(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("pagedown")
        assert text_of(app, "#calendar-title").startswith(" December 2025")
        await pilot.press("enter")
        assert app.shown_days == [dt.date(2025, 12, 24)]
        assert cell(app, 14).split() == ["14", "1", "due"]  # week 50 counts on its Sunday
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert text_of(app, "#calendar-title").startswith(" March 2026")
        assert cell(app, 31).split() == ["31", "1", "due"]  # Q1 2026 counts on 31 March
        assert cell(app, 31, 1).startswith("Chip expo")
        await pilot.press("pageup", "pageup", "pageup", "pageup", "pageup")
        assert text_of(app, "#calendar-title").startswith(" October 2025")
        assert cell(app, 31).split() == ["31", "1", "late"]


async def test_the_days_first_item_is_selected_and_m_marks_it(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.selected_id == 4  # today's one item
        await pilot.press("right")  # 25 Nov: nothing due, so nothing for m to act on
        assert app.selected_id is None
        assert "nothing falls due" in text_of(app, "#calendar-day")
        await pilot.press("left", "left", "left", "left", "left")  # 20 Nov, overdue
        assert app.selected_id == 1
        await pilot.press("m")
        await pilot.pause()
        assert app.store.get(1).status == "met"
        assert cell(app, 20).split() == ["20"]  # the app's refresh reached the calendar


async def test_the_day_line_lists_titles_literally(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "right")  # 28 Nov
        day_line = text_of(app, "#calendar-day")
        assert "2 falling due" in day_line
        assert "#11 [bold red]Not markup[/] \\x1b[31mnor escapes\\x07" in day_line
        assert "#13 Pension reform bill" in day_line


async def test_ten_thousand_items_open_and_count(tmp_path):
    store = open_store(tmp_path / "s.json")
    fill(store, [(f"item {n}", (TODAY + dt.timedelta(days=n % 30)).isoformat(), "open", "")
                 for n in range(10_000)])
    app = ContractApp(store, TODAY, "calendar")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # 10,000 items over 30 days from today: 334 on each of the first 10 days, 333 after
        # (at 80 columns "334 due" has no room: the number alone)
        assert cell(app, 24).split() == ["[24]", "334"]
        assert cell(app, 30).split() == ["30", "334"]
        assert cell(app, 24, 1).startswith("item 0")


# -- snapshots (fixed today, the sample items); each accepted after viewing it as a PNG

def test_snapshot_calendar_dark(snap_compare, tmp_path):
    assert snap_compare(sample_app("calendar", tmp_path / "s.json"), terminal_size=SIZE)


def test_snapshot_calendar_light_next_month(snap_compare, tmp_path):
    app = sample_app("calendar", tmp_path / "s.json", theme="textual-light")
    assert snap_compare(app, press=["pagedown", "left"], terminal_size=SIZE)


async def test_leaving_from_an_empty_day_gives_back_the_tables_selection(tmp_path):
    store = open_store(tmp_path / "s.json")
    fill(store)
    app = ContractApp(store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.selected_id = 8
        app.push_screen(CalendarScreen())
        await pilot.pause()
        await pilot.press("right")  # 25 Nov: nothing due
        assert app.selected_id is None
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CalendarScreen)
        assert app.selected_id == 8


async def test_a_narrow_terminal_keeps_the_columns_in_place(tmp_path):
    app = sample_app("calendar", tmp_path / "s.json")
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        lines = grid_lines(app)
        bars = {line.index("│") for line in lines[1:] if "│" in line}
        assert len(bars) == 1  # every week's first column rule in the same place
        assert all(len(line) == 40 for line in lines)
        assert cell(app, 28).split() == ["28"]  # no room for the count: the day line has it
