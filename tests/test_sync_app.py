"""The dashboard and sync: the top bar says when the store last synced and what waits; S
syncs in a worker (the screen goes on); an error is a message, not a crash."""
from __future__ import annotations

import datetime as dt
import threading

import caldav

from radicale_fixture import USERS, radicale  # noqa: F401  (the fixture)
from store import model
from store.config import Config
from store.db import Store
from tui.app import make_app

TODAY = "2025-11-24"
SIZE = (120, 36)


class Clock:
    def __call__(self) -> dt.datetime:
        return dt.datetime(2025, 11, 24, 10, 0)


def top_bar(app) -> str:
    return str(app.main.query_one("#clock").render())


async def settle(app, pilot) -> None:
    """Let the sync and status workers finish and their results reach the screen."""
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def store_with(path, *titles) -> Store:
    store = Store(path)
    for title in titles:
        store.add(model.Commitment.new(title, model.Due.day(dt.date(2025, 12, 1))))
    return store


async def test_s_syncs_in_a_worker_and_the_top_bar_says_when_and_what_waits(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = store_with(tmp_path / "alice.json", "Export licences required", "Harbour vote")
    config = Config(sync={"url": radicale.collection_url(), "username": "alice"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert top_bar(app).endswith("⇅ never synced, 2 waiting")
        # a slow server: the screen goes on answering keys while the sync waits for it
        import store.sync
        gate, real_run = threading.Event(), store.sync.run_sync
        monkeypatch.setattr(store.sync, "run_sync", lambda *a, **k: gate.wait(10) and real_run(*a, **k))
        await pilot.press("S")
        await pilot.pause()
        assert top_bar(app).endswith("⇅ syncing…")
        await pilot.press("5")
        await pilot.pause()
        assert app.view.view == "all"
        gate.set()
        await settle(app, pilot)
        synced = top_bar(app)
        assert "⇅ synced " in synced and "waiting" not in synced
        # a colleague's calendar app adds a to-do; S brings it in, the table shows it
        calendar = caldav.DAVClient(url=radicale.url, username="bob",
                                    password=USERS["bob"]).calendar(url=radicale.collection_url())
        calendar.save_todo("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//App//EN\r\nBEGIN:VTODO\r\n"
                           "UID:app-1\r\nDTSTAMP:20251120T090000Z\r\nSUMMARY:Call the ministry\r\n"
                           "DUE;VALUE=DATE:20251205\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
        await pilot.press("S")
        await settle(app, pilot)
        titles = {record.title for record in app.view.items.values()}
        assert "Call the ministry" in titles
        # a change here waits until the next sync, and the top bar says so
        item_id = next(i for i, r in app.view.items.items() if r.title == "Harbour vote")
        app.selected_id = item_id
        await pilot.press("m")
        await pilot.press("enter")
        await settle(app, pilot)
        app.tick()
        await settle(app, pilot)
        assert top_bar(app).endswith(", 1 waiting")


async def test_a_sync_that_fails_is_a_message_and_nothing_changes(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", "not the password")
    store = store_with(tmp_path / "alice.json", "Export licences required")
    before = store.all()
    config = Config(sync={"url": radicale.collection_url(), "username": "alice"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    messages = []
    monkeypatch.setattr(type(app), "notify",
                        lambda self, message, **kw: messages.append((message, kw.get("title"))))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await settle(app, pilot)
        assert any(title == "not synced" and "(401)" in message for message, title in messages)
        assert top_bar(app).endswith("⇅ never synced, 1 waiting")
    assert store.all() == before


async def test_without_a_sync_table_s_says_what_to_set(tmp_path, monkeypatch):
    store = store_with(tmp_path / "alice.json", "Export licences required")
    app = make_app(store, TODAY, config=Config(), clock=Clock())
    messages = []
    monkeypatch.setattr(type(app), "notify", lambda self, message, **kw: messages.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await pilot.pause()
        assert "⇅" not in top_bar(app)
    assert messages and messages[-1].startswith("Nothing to sync with: set [sync] url")
