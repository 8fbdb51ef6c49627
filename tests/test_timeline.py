"""The timeline: its geometry, the dashboard view (through a stand-in app with the app
contract of tui/screens/base.py), and `frist list --timeline`."""
from __future__ import annotations

import datetime as dt
import pytest

from snapshot_views import SAMPLE, TODAY, ContractApp, fill, sample_app
from store import model
from store.db import open_store
from tui import timeline_text as tl
from tui.screens.timeline import TimelineScreen, TimelineView

SIZE = (80, 24)



def record(value: str, status: str = "open") -> model.Commitment:
    return model.Commitment.new("x", model.Due.from_value(value)).with_changes(status=status)


# -- geometry shared by the view and the text output

@pytest.mark.parametrize("scale", tl.SCALES)
def test_cells_and_first_days_are_inverse(scale):
    day = dt.date(2025, 11, 24)
    for offset in range(-400, 400, 13):
        d = day + dt.timedelta(days=offset)
        cell = tl.cell_of(d, scale)
        assert tl.first_day(cell, scale) <= d < tl.first_day(cell + 1, scale)


def test_a_day_is_a_point_and_a_window_a_bar_ending_in_its_due_day():
    first = tl.cell_of(dt.date(2026, 3, 30), "days")
    assert tl.bar(record("2026-04-02"), first, 10, "days") == "   ●      "
    # April 2026 from 1 Apr: window cells, the due dot falls beyond the visible 10 days
    assert tl.bar(record("2026-04"), first, 10, "days") == "  ━━━━━━━━"
    weeks = tl.cell_of(dt.date(2026, 3, 30), "weeks")
    assert tl.bar(record("2026-04"), weeks, 8, "weeks") == "━━━━●   "


def test_bars_outside_the_view_point_the_way():
    first = tl.cell_of(dt.date(2026, 1, 1), "days")
    assert tl.bar(record("2025-12-01"), first, 5, "days") == "◀    "
    assert tl.bar(record("2026-02-01"), first, 5, "days") == "    ▶"


def test_decided_items_are_ticks_on_their_due_day():
    first = tl.cell_of(dt.date(2026, 1, 1), "days")
    assert tl.bar(record("2026-01-03", "met"), first, 5, "days") == "  ✓  "
    assert tl.bar(record("2026-01", "missed"), first, 5, "days") == "    ▶"


def test_axis_labels_mondays_months_and_years():
    labels, ruler = tl.axis(tl.cell_of(dt.date(2025, 11, 24), "days"), 20, "days")
    assert labels.startswith("24 Nov 1 Dec  8 Dec")
    assert ruler[0] == ruler[7] == ruler[14] == "┬"
    labels, ruler = tl.axis(tl.cell_of(dt.date(2025, 11, 1), "weeks"), 20, "weeks")
    # every month is named ("Jan 2026" took February's place); January's year, cut from
    # a label with no room for it, is on the ruler under it
    assert labels.split() == ["Nov", "Dec", "Jan", "Feb", "Mar"]
    assert ruler[labels.index("Jan"):].startswith("┬'26┬")
    labels, ruler = tl.axis(tl.cell_of(dt.date(2026, 11, 1), "weeks"), 20, "weeks")
    assert labels.split() == ["Nov", "Dec", "Jan", "Feb"]
    assert ruler[labels.index("Jan"):].startswith("┬2027┬")
    labels, _ = tl.axis(tl.cell_of(dt.date(2025, 6, 1), "months"), 30, "months")
    assert labels.split() == ["Jul", "2026", "Jul", "2027", "Jul"]


def test_today_is_marked_on_the_ruler_and_in_empty_rows():
    first = tl.cell_of(dt.date(2025, 11, 20), "days")
    _labels, ruler = tl.axis(first, 10, "days")
    assert tl.today_ruler(ruler, first, TODAY, "days")[4] == tl.TODAY_MARK
    assert tl.with_today(" " * 10, first, TODAY, "days")[4] == tl.TODAY_COLUMN
    assert tl.with_today("    ●     ", first, TODAY, "days")[4] == "●"  # the bar wins


# -- the dashboard view

def view_lines(app) -> list[str]:
    """What the timeline widget shows, one string per row."""
    view = app.screen.query_one(TimelineView)
    return [view.render_line(y).text for y in range(view.size.height)]


def open_rows(app) -> list[int]:
    return [i for i, _ in app.visible_items()]


async def test_opening_selects_the_first_open_item_and_arrows_move_the_selection(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = open_rows(app)
        assert isinstance(app.screen, TimelineScreen)
        assert app.selected_id == order[0]
        await pilot.press("down", "down")
        assert app.selected_id == order[2]
        await pilot.press("up")
        assert app.selected_id == order[1]
        await pilot.press("end")
        assert app.selected_id == order[-1]


async def test_opening_keeps_the_item_selected_in_the_table(tmp_path):
    store = open_store(tmp_path / "s.json")
    fill(store)
    app = ContractApp(store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.selected_id = 8  # "Trump to visit Beijing", chosen in the main table
        app.push_screen(TimelineScreen())
        await pilot.pause()
        assert app.selected_id == 8
        cursor_line = next(line for line in view_lines(app) if "Trump to visit" in line)
        assert cursor_line.lstrip().startswith("8 Trump")
        await pilot.press("down")
        assert app.selected_id == open_rows(app)[open_rows(app).index(8) + 1]


async def test_m_marks_the_selected_item_through_the_app_and_its_line_goes(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")
        chosen = app.selected_id
        title = app.store.get(chosen).title
        await pilot.press("m")
        await pilot.pause()
        assert app.store.get(chosen).status == "met"
        assert not any(title in line for line in view_lines(app))
        assert app.selected_id != chosen  # the cursor moved on to a line still shown
        await pilot.press("enter")
        assert app.opened == [app.selected_id]


def title_of(app) -> str:
    return str(app.screen.query_one("#timeline-title").content)


def axis_labels(app) -> str:
    return view_lines(app)[0].split("today", 1)[1]  # the legend ends in "today"


async def test_zoom_changes_the_axis_and_arrows_pan_through_time(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "'26" in view_lines(app)[1] and "1 cell = 1 week" in title_of(app)  # ruler
        await pilot.press("plus")
        days = axis_labels(app)
        assert "24 Nov" in days and "2026" not in days and "1 cell = 1 day" in title_of(app)
        await pilot.press("right", "right")
        later = axis_labels(app)
        assert "24 Nov" not in later and "15 Dec" in later
        await pilot.press("left")
        assert axis_labels(app).split()[:2] == ["24", "Nov"]  # today now at the left edge
        await pilot.press("full_stop")
        assert axis_labels(app) == days
        await pilot.press("minus", "minus")
        assert "2027" in axis_labels(app) and "1 cell = 1 month" in title_of(app)


async def test_find_bar_brings_a_far_window_into_view(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("plus")  # days: April 2026 lies far to the right
        app.selected_id = None
        await pilot.press("end")
        await pilot.press("up")  # the year 2026 ends last; April 2026 is next to it
        line = next(line for line in view_lines(app) if "Trump to visit" in line)
        assert line.rstrip().endswith("▶")
        await pilot.press("f")
        line = next(line for line in view_lines(app) if "Trump to visit" in line)
        assert "━" in line and "▶" not in line


async def test_h_shows_met_and_missed_items_as_ticks(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any("Port reopens" in line for line in view_lines(app))
        await pilot.press("h", "minus")  # months: the decided items of November are in view
        lines = view_lines(app)
        assert tl.MISSED in next(line for line in lines if "Port reopens" in line)
        assert tl.MET in next(line for line in lines if "Tariff cut" in line)
        await pilot.press("h")
        assert not any("Port reopens" in line for line in view_lines(app))


async def test_titles_are_shown_literally(tmp_path):
    app = sample_app("timeline", tmp_path / "s.json")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        line = next(line for line in view_lines(app) if "Not markup" in line)
        assert "11 [bold red]Not markup[/] \\x1b[31mnor" in line
        assert "\x1b" not in "".join(view_lines(app))


async def test_ten_thousand_items_scroll_to_the_last_one(tmp_path):
    store = open_store(tmp_path / "s.json")
    fill(store, [(f"item {n}", (TODAY + dt.timedelta(days=n % 400)).isoformat(), "open", "")
                 for n in range(10_000)])
    app = ContractApp(store, TODAY, "timeline")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("end")
        last_id, last = app.visible_items()[-1]
        assert app.selected_id == last_id
        assert any(line.lstrip().startswith(f"{last_id} {last.title}")
                   for line in view_lines(app))
        await pilot.press("pageup")  # a page is the rows on screen (height less the axis)
        page = app.screen.query_one(TimelineView).size.height - 2
        assert app.selected_id == app.visible_items()[-1 - page][0]


def test_nothing_open_says_so(tmp_path):
    # Plain-text counterpart: an empty list prints the axis and a hint, not a traceback.
    import io
    out = io.StringIO()
    tl.print_timeline([], TODAY, out)
    assert "nothing to show" in out.getvalue()


# -- snapshots (fixed today, the sample items); each accepted after viewing it as a PNG

def test_snapshot_timeline_dark(snap_compare, tmp_path):
    assert snap_compare(sample_app("timeline", tmp_path / "s.json"), terminal_size=SIZE)


def test_snapshot_timeline_light_days_with_ticks(snap_compare, tmp_path):
    app = sample_app("timeline", tmp_path / "s.json", theme="textual-light")
    assert snap_compare(app, press=["h", "plus", "down", "down"], terminal_size=SIZE)


# -- frist list --timeline

def add_sample(frist):
    for title, value, status, actor in SAMPLE:
        new_id = frist("add", title, "--due", value, "--actor", actor, check=True).stdout.strip()
        if status != "open":
            frist("mark", new_id, status, check=True)


def test_list_timeline_prints_plain_lines_that_fit_80_columns(frist):
    add_sample(frist)
    result = frist("list", "--timeline")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "\x1b" not in result.stdout  # not a terminal: no colour, no raw control characters
    assert all(len(line) <= 80 for line in lines)
    rows = lines[2:-1]
    assert len(rows) == 12  # the open items only, soonest due first
    assert rows[0].split()[:2] == ["14", "Old"] and "Budget vote" in rows[1]
    assert "11 [bold red]Not markup[/" in result.stdout
    assert tl.TODAY_MARK in lines[1] and "24 Nov 2025" in lines[-1]
    # the shared axis has month cells here: April is a point, a quarter a short bar
    assert "one cell = one month" in lines[-1]
    beijing = next(line for line in rows if "Trump to visit Beijing" in line)
    assert beijing.rstrip().endswith(" " + tl.DUE)
    quarter = next(line for line in rows if "Chip export rules" in line)
    assert quarter.rstrip().endswith(tl.WINDOW * 2 + tl.DUE)


def test_list_timeline_with_all_shows_ticks_and_follows_filters(frist):
    add_sample(frist)
    out = frist("list", "--timeline", "--status", "all").stdout
    assert tl.MET in next(line for line in out.splitlines() if "Tariff cut" in line)
    assert tl.MISSED in next(line for line in out.splitlines() if "Port reopens" in line)
    out = frist("list", "--timeline", "--actor", "Trump").stdout
    assert [line for line in out.splitlines() if "Trump to visit" in line]
    assert "Budget vote" not in out


class Terminal:
    """A stand-in terminal for print_timeline: collects the text, says it is a tty."""

    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def isatty(self) -> bool:
        return True


def sample_items() -> list[tuple[int, model.Commitment]]:
    items = []
    for n, (title, value, status, actor) in enumerate(SAMPLE, start=1):
        rec = model.Commitment.new(title, model.Due.from_value(value), actor=actor)
        items.append((n, rec.with_changes(status=status)))
    return items


def test_on_a_terminal_the_timeline_is_coloured_and_as_wide_as_the_terminal(monkeypatch):
    import re
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("TERM", "xterm")
    out = Terminal()
    tl.print_timeline(sample_items(), TODAY, out)
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.text.splitlines()]
    assert "\x1b[1;31m" in out.text  # overdue in bold red, as in `frist list`
    assert max(len(line) for line in plain) > 80 and all(len(line) <= 120 for line in plain)
    assert "\\x1b[31mnor" in out.text  # the hostile title's ESC shown, not sent
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    tl.print_timeline(sample_items(), TODAY, out)
    assert "\x1b" not in out.text


@pytest.mark.parametrize("sort", ["title", "changed", "latest"])
async def test_rows_are_in_due_order_whatever_the_table_is_sorted_by(tmp_path, sort):
    """The timeline takes the main table's tab, not its order: by title, by latest
    change (which reads as by id on a fresh store) or latest first, its bars would jump."""
    import datetime as dt_

    from snapshot_app import build_store
    from tui.app import make_app
    build_store(tmp_path / "store.json")
    app = make_app(open_store(tmp_path / "store.json"), "2025-11-24",
                   clock=lambda: dt_.datetime(2025, 11, 24, 10, 0))
    async with app.run_test(size=(100, 30)) as pilot:
        while app.view.sort != sort:
            await pilot.press("s")
        await pilot.press("t")
        await pilot.pause()
        rows = app.screen.query_one(TimelineView).rows
        assert [i for i, _ in rows] != [i for i, _ in app.visible_items()]  # a real test
        assert [model.due_order(i, r) for i, r in rows] == sorted(
            model.due_order(i, r) for i, r in rows)
        assert {i for i, _ in rows} == {i for i, r in app.visible_items() if r.status == "open"}
