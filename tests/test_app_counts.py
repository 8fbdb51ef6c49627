"""Counts the dashboard says after an ingest and in its headings: they add up, say where
sources came from, and use the singular for one."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from rich.text import Text  # noqa: E402
from textual.widgets import Static  # noqa: E402

from store import model  # noqa: E402
from store.db import open_store  # noqa: E402
from store.ingest import Document, Proposal  # noqa: E402
from tui.app import make_app  # noqa: E402

TODAY = "2025-11-24"
SIZE = (120, 36)
ARTICLE = Document("…", "port.txt", dt.date(2025, 11, 20), "en", "given")


def proposal(title, due, sentence, actor="Port authority"):
    return Proposal(title, model.Due.from_value(due, due), actor, sentence, 0.9, ARTICLE)


def shown(screen, selector: str) -> str:
    content = screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_the_review_of_one_proposal_says_commitment(db_path):
    app = make_app(open_store(db_path), TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.review([proposal("Port will reopen", "2026-03-03", "The port will reopen on 3 March.")])
        await pilot.pause()
        assert "Review 1 proposed commitment from port.txt" in shown(app.screen, "#review-head")


async def test_the_toast_after_an_ingest_accounts_for_every_accepted_proposal(db_path):
    """Two sentences of one article state one commitment: one item with two sources."""
    app = make_app(open_store(db_path), TODAY)
    async with app.run_test(size=SIZE) as pilot:
        app.review([
            proposal("Port will reopen", "2026-03-03", "The port will reopen on 3 March 2026."),
            proposal("Port reopening", "2026-03-03", "Its reopening on 3 March 2026 is certain."),
            proposal("Ferry fares fall", "2026-04-01", "Ferry fares fall on 1 April 2026."),
        ])
        await pilot.pause()
        await pilot.press("A", "s")
        await pilot.pause()
        [toast] = [m for m in messages(app) if "accepted" in m]
        assert toast == ("3 accepted: 2 added (+1 source for them from the same document), "
                         "0 already known — u undoes")
        assert sorted(len(r.sources) for _, r in app.store.all()) == [1, 2]


async def test_the_track_record_by_one_tag_says_tag_and_commitment(db_path):
    """The "(none)" row (items without an actor or tag) is not counted as one: an item
    with a tag and no actor is "0 actors" (was "1 actor") and "1 tag"."""
    store = open_store(db_path)
    store.add(model.Commitment.new("Port will reopen", model.Due.from_value("2026-03-03"),
                                   tags=["port"]))
    store.add(model.Commitment.new("Ferry fares fall", model.Due.from_value("2026-04-01"),
                                   actor="Ferry line"))
    app = make_app(store, TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert shown(app.screen, "#stats-title").strip() == \
            "Track record by actor · 1 actor · 2 commitments · none met or missed yet"
        await pilot.press("g")
        await pilot.pause()
        assert "Track record by tag · 1 tag · 2 commitments" in shown(app.screen, "#stats-title")
