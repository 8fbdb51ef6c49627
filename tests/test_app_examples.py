"""The date examples the forms show are ahead of today, whatever today is: a person who
copies one gets a commitment that is not overdue from the start."""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, store  # noqa: E402,F401
from store.when import parse_when  # noqa: E402
from textual.widgets import Input  # noqa: E402

TODAY = dt.date(2026, 11, 25)  # after "April 2026" and "Q2 2026"


def assert_ahead(examples: list[str]) -> None:
    assert examples
    for text in examples:
        assert parse_when(text, TODAY).due >= TODAY, text


async def test_add_and_postpone_placeholders_are_ahead_of_today(store):  # noqa: F811
    app = app_for(store, today=TODAY.isoformat())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        placeholder = app.screen.query_one("#due", Input).placeholder
        assert_ahead([p for p in placeholder.split(" · ") if p != "in 10 days"])
        await pilot.press("x", "enter")  # a title, no due: the hint names examples too
        await pilot.pause()
        hint = str(app.screen.query_one("#form-error").render())
        assert_ahead(re.findall(r"'([^']+)'", hint))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        placeholder = app.screen.query_one("#due", Input).placeholder
        assert_ahead(placeholder.split(" · ")[1:])


async def test_the_decision_queues_postpone_examples_are_ahead_of_today(store):  # noqa: F811
    app = app_for(store, today=TODAY.isoformat())
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        placeholder = app.screen.query_one("#due", Input).placeholder  # the postpone form
        assert_ahead(placeholder.split(" · ")[1:])
