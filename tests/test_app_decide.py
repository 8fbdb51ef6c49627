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
