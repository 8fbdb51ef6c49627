"""The decision queue inside the real dashboard: skipping is not deciding."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_app import app_for, find, store  # noqa: E402,F401


def card_text(app) -> str:
    return str(app.screen.query_one("#decide-item").render())


async def test_a_skipped_item_is_still_undecided_and_r_brings_it_back(store):  # noqa: F811
    app = app_for(store)
    port_id, _ = find(store, "Port authority")  # the one overdue, open item
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert "Port authority" in card_text(app)
        await pilot.press("s")
        await pilot.pause()
        text = card_text(app)
        assert "1 skipped commitment is still undecided" in text
        assert "every overdue commitment is decided" not in text
        await pilot.press("r")
        await pilot.pause()
        assert "Port authority" in card_text(app)
        assert app.selected_id == port_id
        await pilot.press("m", "enter")  # decided now: the queue is really done
        await pilot.pause()
        assert "every overdue commitment is decided" in card_text(app)
        assert store.get(port_id).status == "met"


async def test_undo_takes_a_decision_back_in_the_count(store):  # noqa: F811
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        title = lambda: str(app.screen.query_one("#decide-title").render())  # noqa: E731
        await pilot.press("x", "enter")
        await pilot.pause()
        assert "0 left · 1 missed" in title()
        await pilot.press("u")
        await pilot.pause()
        assert "1 left" in title() and "missed" not in title()
        assert "Port authority" in card_text(app)
        await pilot.press("s")  # skipped now, after the undone decision
        await pilot.pause()
        assert "1 skipped" in title() and "missed" not in title()


async def test_postponed_to_a_day_still_past_it_stays_in_the_queue(db_path):
    """p +1w on an item due 2020-01-01: still overdue and undecided, so not 'Nothing needs
    a decision'."""
    from rich.text import Text
    from textual.widgets import Static

    from store.db import open_store
    from store.model import Commitment, Due
    from tui.app import make_app

    def shown(screen, selector):
        content = screen.query_one(selector, Static).content
        return content.plain if isinstance(content, Text) else str(content)

    store = open_store(db_path)
    store.add(Commitment.new("Long forgotten promise", Due.from_value("2020-01-01")))
    app = make_app(store, "2025-11-24")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        queue = app.screen
        assert "1 left" in shown(queue, "#decide-title")
        await pilot.press("p", *"+1w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is queue
        assert store.get(1).due == "2020-01-08"
        assert "1 left" in shown(queue, "#decide-title")
        assert "Long forgotten promise" in shown(queue, "#decide-item")
        assert "Nothing needs a decision" not in shown(queue, "#decide-item")
        assert any("still overdue, so it stays in the queue" in str(n.message)
                   for n in app._notifications)


async def test_a_done_queue_offers_no_keys_for_an_item_it_does_not_show(store):  # noqa: F811
    """Once every overdue item is decided, the footer no longer offers m met, x missed,
    p postpone and s skip (they did nothing), nor the app's item keys, which acted on
    the item just decided though it was no longer in sight; Escape and Add stay."""
    from test_app_footer import footer_keys
    app = app_for(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert ("m", "met") in footer_keys(app) and ("s", "skip") in footer_keys(app)
        await pilot.press("m", "enter")
        await pilot.pause()
        assert "every overdue commitment is decided" in card_text(app)
        shown = {description.casefold() for _key, description in footer_keys(app)}
        assert not {"met", "missed", "postpone", "skip", "edit", "delete"} & shown
        assert {"back", "add"} <= shown
        await pilot.press("e")  # no edit form for the item decided a moment ago
        await pilot.pause()
        assert "every overdue commitment is decided" in card_text(app)
        await pilot.press("u")  # the decision taken back: the item and its keys return
        await pilot.pause()
        assert "Port authority" in card_text(app)
        assert ("m", "met") in footer_keys(app)
