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


def painted_rows(app) -> list[str]:
    """The Due and Title cells of the rows the table paints, top to bottom."""
    table = app.main.table
    lines = [table.render_line(y).text for y in range(1, table.scrollable_content_region.height)]
    return [" ".join(line.split()[:5]) for line in lines if line.strip()]


def rows_as_the_view_holds_them(app) -> list[str]:
    """The same cells for the rows the table should paint, from the view's records."""
    table, view = app.main.table, app.view
    top = round(table.scroll_y)
    ids = view.rows[top:top + table.scrollable_content_region.height - 1]
    return [" ".join((view.items[i].due_label() + " " + view.items[i].countdown(view.today)
                      + " " + view.items[i].title).split()[:5]) for i in ids]


async def test_items_a_timed_sync_brings_in_take_their_places_in_the_open_table(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    from store.sync import Settings, run_sync
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    alice = Store(tmp_path / "alice.json")
    for n in range(200):  # enough that the dashboard starts from the soonest open items
        due = dt.date(2026, 1, 1) + dt.timedelta(days=n // 2)
        alice.add(model.Commitment.new(f"Alice's {n}", model.Due.day(due)))
    for day in ("2026-05-21", "2026-07-01", "2026-07-02"):
        alice.add(model.Commitment.new(f"Alice's {day}", model.Due.from_value(day)))
    run_sync(alice, Settings(radicale.collection_url(), "alice", USERS["alice"]))
    # bob, a colleague, adds commitments due between alice's rows
    bob = Store(tmp_path / "bob.json")
    bob_settings = Settings(radicale.collection_url(), "bob", USERS["bob"])
    run_sync(bob, bob_settings)
    for value in ["2026-05-22", *["2026-06-01"] * 6, "2026-Q2", "2026-05-21", "2026-01-01",
                  "2026-06-30", "2026-07-01"]:
        bob.add(model.Commitment.new(f"Bob's {value}", model.Due.from_value(value)))
    assert run_sync(bob, bob_settings).pushed == 12
    # and a calendar app moves one of alice's to 25 May, leaving LAST-MODIFIED as it was
    # (as some apps and scripts do): frist's record keeps its `updated` stamp
    calendar = caldav.DAVClient(url=radicale.url, username="bob",
                                password=USERS["bob"]).calendar(url=radicale.collection_url())
    moved = next(o for o in calendar.todos() if "Alice's 2026-07-02" in o.data)
    moved.data = moved.data.replace("DUE;VALUE=DATE:20260702", "DUE;VALUE=DATE:20260525")
    moved.save()
    config = Config(sync={"url": radicale.collection_url(), "username": "alice",
                          "sync_every": "1m"})
    app = make_app(alice, TODAY, config=config, clock=Clock())
    messages = []
    monkeypatch.setattr(type(app), "notify",
                        lambda self, message, **kw: messages.append(message))
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
        # alice looks at late May to early July (every row painted once), then decides
        # one item: the sync pushes it
        for due in ("2026-07-02", "2026-05-21"):
            app.selected_id = next(i for i in app.view.rows if app.view.items[i].due == due)
            await pilot.pause()
            assert painted_rows(app) == rows_as_the_view_holds_them(app)
        await pilot.press("m", "enter")
        await settle(app, pilot)
        app.action_sync(quiet=True)  # what the sync_every timer calls
        await settle(app, pilot)
        assert messages[-1].startswith("pulled 13, pushed 1, merged 0")  # each item once
        items = app.view.items
        expected = sorted((i for i, r in items.items() if r.status == "open"),
                          key=lambda i: model.due_order(i, items[i]))
        assert len(expected) == 202 + 12
        assert app.view.rows == expected
        # what the table paints, from the 21 May row down, is what the rows hold
        app.selected_id = next(i for i in expected if items[i].due == "2026-05-21")
        await pilot.pause()
        painted = painted_rows(app)
        assert painted == rows_as_the_view_holds_them(app)
        dues = [line.split(" 2026")[0] for line in painted]
        assert dues[dues.index("21 May"):][:4] == ["21 May", "22 May", "25 May", "1 Jun"]


async def test_a_timed_sync_that_only_deletes_here_says_so_and_the_row_goes(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    from store.sync import Settings, run_sync
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = store_with(tmp_path / "alice.json", "Export licences required", "Harbour vote")
    run_sync(store, Settings(radicale.collection_url(), "alice", USERS["alice"]))
    calendar = caldav.DAVClient(url=radicale.url, username="bob",
                                password=USERS["bob"]).calendar(url=radicale.collection_url())
    next(o for o in calendar.todos() if "Harbour vote" in o.data).delete()
    config = Config(sync={"url": radicale.collection_url(), "username": "alice",
                          "sync_every": "1m"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    messages = []
    monkeypatch.setattr(type(app), "notify", lambda self, message, **kw: messages.append(message))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.action_sync(quiet=True)  # what the sync_every timer calls
        await settle(app, pilot)
        assert messages == ["pulled 0, pushed 0, merged 0, deleted 1 here"]
        assert [app.view.items[i].title for i in app.view.rows] == ["Export licences required"]


async def test_an_app_edit_that_keeps_its_stamps_still_moves_the_row(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    from store.sync import Settings, run_sync
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = store_with(tmp_path / "alice.json", "Export licences required")  # due 1 Dec
    calendar = caldav.DAVClient(url=radicale.url, username="bob",
                                password=USERS["bob"]).calendar(url=radicale.collection_url())
    calendar.save_todo("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//App//EN\r\nBEGIN:VTODO\r\n"
                       "UID:app-1\r\nDTSTAMP:20251120T090000Z\r\nSUMMARY:Call the ministry\r\n"
                       "DESCRIPTION:ask about it\r\nDUE;VALUE=DATE:20251128\r\nEND:VTODO\r\n"
                       "END:VCALENDAR\r\n")
    run_sync(store, Settings(radicale.collection_url(), "alice", USERS["alice"]), keep="both")
    config = Config(sync={"url": radicale.collection_url(), "username": "alice"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert [row.split(" 2025")[0] for row in painted_rows(app)] == ["28 Nov", "1 Dec"]
        # the app moves it past alice's item and rewrites its description; its stamps
        # (DTSTAMP, no LAST-MODIFIED) stay as they were
        todo = calendar.get_object_by_uid("app-1")
        todo.data = todo.data.replace("20251128", "20251205").replace("ask about it", "ask twice")
        todo.save()
        await pilot.press("S")
        await settle(app, pilot)
        assert [row.split(" 2025")[0] for row in painted_rows(app)] == ["1 Dec", "5 Dec"]
        moved = next(r for r in app.view.items.values() if r.uid == "app-1")
        assert moved.history[-1].event == ("edited in a calendar app: due from 28 Nov 2025 "
                                           "to 5 Dec 2025")


async def test_the_source_column_says_an_item_came_from_a_calendar_app(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    from store.sync import Settings, run_sync
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = store_with(tmp_path / "alice.json", "Export licences required")  # typed, 1 Dec
    run_sync(store, Settings(radicale.collection_url(), "alice", USERS["alice"]))
    calendar = caldav.DAVClient(url=radicale.url, username="bob",
                                password=USERS["bob"]).calendar(url=radicale.collection_url())
    calendar.save_todo("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//App//EN\r\nBEGIN:VTODO\r\n"
                       "UID:app-1\r\nDTSTAMP:20251120T090000Z\r\nSUMMARY:Call the ministry\r\n"
                       "DUE;VALUE=DATE:20251205\r\nEND:VTODO\r\nEND:VCALENDAR\r\n")
    config = Config(sync={"url": radicale.collection_url(), "username": "alice"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("S")
        await settle(app, pilot)
        table = app.main.table
        rows = [table.render_line(y).text for y in (1, 2)]
        assert rows[0].split()[-1] == "typed" and "Export licences" in rows[0]
        assert rows[1].rstrip().endswith(" calendar app") and "Call the ministry" in rows[1]
        app.selected_id = next(i for i, r in app.view.items.items() if r.uid == "app-1")
        await pilot.press("enter")  # the detail pane
        await pilot.pause()
        from tui.screens.detail import DetailPane
        assert "made in a calendar app" in str(app.main.query_one(DetailPane)._describe())
    # a colleague's frist, reading it after alice's frist wrote it back, says so too
    bob = Store(tmp_path / "bob.json")
    store.edit(next(i for i, r in store.all() if r.uid == "app-1"), actor="Ministry")
    run_sync(store, Settings(radicale.collection_url(), "alice", USERS["alice"]))
    run_sync(bob, Settings(radicale.collection_url(), "bob", USERS["bob"]))
    from tui.widgets.table import source_label
    assert {r.title: source_label(r) for _i, r in bob.all()} == {
        "Export licences required": "typed", "Call the ministry": "calendar app"}


async def test_the_top_bar_follows_a_sync_run_by_another_process(
        radicale, tmp_path, monkeypatch):  # noqa: F811
    """QA2 #3: "⇅ never synced, 1 waiting" stayed after `frist sync` in another terminal
    pushed the change (a push alone does not move the store's change counter)."""
    from store.sync import Settings, run_sync
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = store_with(tmp_path / "alice.json", "Export licences required")
    config = Config(sync={"url": radicale.collection_url(), "username": "alice"})
    app = make_app(store, TODAY, config=config, clock=Clock())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert top_bar(app).endswith("⇅ never synced, 1 waiting")
        changes = store.changes()
        # another process: its own Store on the same file
        report = run_sync(Store(store.path), Settings(radicale.collection_url(), "alice",
                                                      USERS["alice"]))
        assert report.pushed == 1 and store.changes() == changes
        app.tick()
        await settle(app, pilot)
        assert "⇅ synced " in top_bar(app) and "waiting" not in top_bar(app)
