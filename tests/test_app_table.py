"""The main table and the top bar as a person reads them: nothing cut that fits."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, find, row_text, store  # noqa: E402,F401
from tui.widgets.table import CommitTable  # noqa: E402


async def test_the_when_column_holds_decided_dates_whole(store):  # noqa: F811
    app = app_for(store)
    missed_id, _ = find(store, "Ceasefire talks resume in Geneva")
    cancelled_id, _ = find(store, "Stadium roof")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("4")  # Missed
        await pilot.pause()
        assert "missed 21 Nov " in row_text(app, missed_id)
        await pilot.press("5")  # All: a cancelled item is shown, the column widens
        await pilot.pause()
        assert "cancelled 21 Nov " in row_text(app, cancelled_id)
        assert "missed 21 Nov " in row_text(app, missed_id)


async def test_a_four_digit_overdue_count_and_a_decision_of_another_year_are_whole(store):  # noqa: F811
    from store import model
    old_id = store.add(model.Commitment.new("Promise from 2019", model.Due.from_value("2019-01-01")))
    store.mark(store.add(model.Commitment.new("Missed long ago", model.Due.from_value("2024-11-20"))),
               "missed", on=dt.date(2024, 11, 22))
    gone_id, _ = find(store, "Missed long ago")
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "2519 d overdue " in row_text(app, old_id)  # not "2519 d overd…"
        await pilot.press("4")  # Missed
        await pilot.pause()
        assert "missed 22 Nov 2024 " in row_text(app, gone_id)
        await pilot.press("5")  # All
        await pilot.pause()
        assert "missed 22 Nov 2024 " in row_text(app, gone_id)
        assert "2519 d overdue " in row_text(app, old_id)


async def test_a_wide_terminal_shows_long_actors_and_sources_whole(store):  # noqa: F811
    from store import model
    item_id = store.add(model.Commitment.new(
        "Report on the bridge", model.Due.from_value("2025-12-30"),
        actor="Bundesministerium für Verkehr und Infrastruktur"))
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert "Bundesministeri… " in row_text(app, item_id)  # at 120 the title comes first
    app = app_for(store)
    async with app.run_test(size=(220, 36)) as pilot:
        await pilot.pause()
        line = row_text(app, item_id)
        # the actor takes what it needs up to 40 cells, the title keeps over 72
        assert "Bundesministerium für Verkehr und Infra… " in line
        assert re.search(r"Report on the bridge {60,}", line)
        # an actor changed elsewhere widens its column as far as it needs
        store.edit(item_id, actor="Bundesministerium für Digitales und Staatsmodernisierung")
        app.reload()
        await pilot.pause()
        assert "Bundesministerium für Digitales und Sta… " in row_text(app, item_id)


async def test_the_top_bar_shows_no_empty_state(store):  # noqa: F811
    """Hide zeros, all of them: no '0 today' beside a hidden '0 needs decision'."""
    app = app_for(store)
    async with app.run_test(size=(120, 24)) as pilot:
        for title in ("Port authority", "Rail strike"):  # the one overdue, the one due today
            store.mark(find(store, title)[0], "met")
        app.reload()
        await pilot.pause()
        counts = str(app.screen.query_one("#counts").render())
        assert "needs decision" not in counts and "today" not in counts
        assert not re.search(r"● 0 ", counts), counts
        assert "● 3 met" in counts


async def test_beside_the_details_at_80_columns_the_table_fits_without_a_scrollbar(store):  # noqa: F811
    app = app_for(store)
    port_id, _ = find(store, "Port authority")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # the detail pane opens beside the table
        await pilot.pause()
        table = app.screen.query_one(CommitTable)
        assert not table.show_horizontal_scrollbar  # no stray scrollbar under the rows
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert row_text(app, port_id).startswith(" 18 Nov 2025  Port authority")


def test_the_details_of_an_item_due_today_say_today_once(store):  # noqa: F811
    from tui.screens.detail import describe
    item_id, record = find(store, "Rail strike")  # due on the fixed today
    header = describe(item_id, record, dt.date(2025, 11, 24)).plain.splitlines()[1]
    assert header == f"#{item_id} · due today"
    item_id, record = find(store, "Renew my passport")
    header = describe(item_id, record, dt.date(2025, 11, 24)).plain.splitlines()[1]
    assert header == f"#{item_id} · due soon · in 4 d"


async def test_the_top_bar_at_80_columns_names_what_it_counts(store):  # noqa: F811
    app = app_for(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        counts = str(app.screen.query_one("#counts").render())
        chips = counts.split("●")[1:]
        assert chips and all(re.fullmatch(r" \d+ [a-z][a-z ]*", chip) for chip in chips), counts
        # short of room, the least urgent step aside: what needs a decision stays
        assert "needs decision" in counts and "today" in counts and "soon" in counts
        assert "cancelled" not in counts


async def test_a_long_date_format_widens_the_due_column_to_hold_it(store):  # noqa: F811
    """date_format = "%A, %d. %B %Y" showed 'Thursday, 2…' in a 12-cell Due column: the
    day and month were cut off. The column takes what the form needs on any day."""
    from store.config import Config
    app = app_for(store, config=Config(date_format="%A, %d. %B %Y"))
    item_id, _ = find(store, "Abkommen")  # due Thursday 27 November 2025
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        line = row_text(app, item_id)
        assert line.startswith(" Thursday, 27. November 2025 ")
        assert "in 3 d" in line and "Abkommen" in line
