"""The guard against mass deletion, against a real Radicale: a sync that would delete all
(or most) of one side's items - an emptied or recreated task list, an emptied store - is
refused and changes nothing on either side, unless --allow-deletes; a few deletions sync
as ever. From the engine, the command line and the dashboard's S key."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import caldav
import pytest

from radicale_fixture import TEAM, USERS, make_collection, radicale, sync_env  # noqa: F401  (fixtures)
from store import model
from store.config import Config
from store.db import Store
from store.sync import MassDelete, Settings, run_sync
from store.sync.engine import EMPTIED_MIN, MOST_MIN, is_mass_delete
from store.sync.state import state_path

TITLES = ("Export licences required", "Rare-earth deal", "Harbour board vote", "Budget vote")


def filled(path: Path, titles=TITLES) -> Store:
    store = Store(path)
    for title in titles:
        store.add(model.Commitment.new(title, model.Due.day(dt.date(2025, 12, 1))))
    return store


def settings(radicale, user="alice") -> Settings:  # noqa: F811
    return Settings(radicale.collection_url(), user, USERS[user])


def calendar(radicale):  # noqa: F811
    """A calendar app on the team list (as bob)."""
    client = caldav.DAVClient(url=radicale.url, username="bob", password=USERS["bob"])
    return client.calendar(url=radicale.collection_url())


def delete_on_server(radicale, titles=None) -> None:  # noqa: F811
    for todo in calendar(radicale).todos(include_completed=True):
        if titles is None or str(todo.icalendar_component["SUMMARY"]) in titles:
            todo.delete()


def titles_on_server(radicale) -> set[str]:  # noqa: F811
    return {str(t.icalendar_component["SUMMARY"])
            for t in calendar(radicale).todos(include_completed=True)}


def files(path: Path) -> dict[str, bytes]:
    """The store's files and its sync state, byte for byte."""
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))
            if not p.name.endswith(".lock")}


def test_the_thresholds():
    assert EMPTIED_MIN == 3 and MOST_MIN == 10
    assert not is_mass_delete(2, 2)          # the last two: everyday
    assert is_mass_delete(3, 3)              # all of three
    assert not is_mass_delete(9, 10)         # most, but fewer than MOST_MIN
    assert is_mass_delete(11, 20) and not is_mass_delete(10, 20)  # more than half, >= 10
    assert not is_mass_delete(1, 5)


def test_an_emptied_task_list_is_refused_and_nothing_changes_here(radicale, tmp_path):  # noqa: F811
    store = filled(tmp_path / "alice.json")
    run_sync(store, settings(radicale))
    delete_on_server(radicale)
    before = files(store.path)
    with pytest.raises(MassDelete) as refused:
        run_sync(store, settings(radicale))
    assert str(refused.value).startswith(
        "this sync would delete all 4 commitments here (gone from the task list on the "
        "server), and was refused: nothing changed on either side;")
    assert "`frist sync --allow-deletes`" in str(refused.value)
    assert refused.value.report.as_json()["deleted_here"] == 0
    assert {i["title"] for i in refused.value.report.would_delete} == set(TITLES)
    assert files(store.path) == before
    store.refresh()
    assert len(store.all()) == 4
    # a dry run lists them and says a sync would refuse
    report = run_sync(store, settings(radicale), dry_run=True)
    assert report.line() == ("would pull 0, push 0, merge 0, delete 4 here; a sync refuses to "
                             "delete this many without --allow-deletes")
    assert {(i["side"], i["title"]) for i in report.would_delete} == {("here", t) for t in TITLES}
    assert files(store.path) == before
    # allowed: the deletes go through, as before the guard
    assert run_sync(store, settings(radicale), allow_deletes=True).line() == (
        "pulled 0, pushed 0, merged 0, deleted 4 here")
    store.refresh()
    assert store.all() == []


def test_a_recreated_collection_is_refused(radicale, tmp_path):  # noqa: F811
    """The collection made anew (its sync-tokens gone too): a full listing finds nothing."""
    store = filled(tmp_path / "alice.json")
    run_sync(store, settings(radicale))
    folder = radicale.storage / "collection-root" / TEAM
    shutil.rmtree(folder)
    make_collection(radicale.storage, TEAM, "VTODO", "Team commitments")
    with pytest.raises(MassDelete, match="would delete all 4 commitments here"):
        run_sync(store, settings(radicale))
    store.refresh()
    assert len(store.all()) == 4


def test_an_emptied_store_is_refused_and_nothing_is_deleted_on_the_server(
        radicale, tmp_path):  # noqa: F811
    store = filled(tmp_path / "alice.json")
    run_sync(store, settings(radicale))
    for item_id, _record in store.all():
        store.remove(item_id)
    before = files(store.path)
    with pytest.raises(MassDelete, match=r"^this sync would delete all 4 items on the server "
                                         r"\(gone from this store\), and was refused"):
        run_sync(store, settings(radicale))
    assert titles_on_server(radicale) == set(TITLES)
    assert files(store.path) == before
    report = run_sync(store, settings(radicale), dry_run=True)
    assert {(i["side"], i["title"]) for i in report.would_delete} == {
        ("server", t) for t in TITLES}
    assert report.refused.startswith("a sync would delete all 4 items on the server")
    assert run_sync(store, settings(radicale), allow_deletes=True).deleted_on_server == 4
    assert titles_on_server(radicale) == set()


def test_a_few_deletions_sync_as_ever(radicale, tmp_path):  # noqa: F811
    store = filled(tmp_path / "alice.json")
    run_sync(store, settings(radicale))
    delete_on_server(radicale, {"Budget vote"})
    store.remove(next(i for i, r in store.all() if r.title == "Harbour board vote"))
    report = run_sync(store, settings(radicale))
    assert report.line() == "pulled 0, pushed 0, merged 0, deleted 1 on the server, deleted 1 here"
    assert report.refused is None
    store.refresh()
    assert {r.title for _i, r in store.all()} == titles_on_server(radicale) == {
        "Export licences required", "Rare-earth deal"}


def test_most_of_a_large_list_gone_is_refused_and_fewer_is_not(radicale, tmp_path):  # noqa: F811
    titles = [f"Item {n:02}" for n in range(20)]
    store = filled(tmp_path / "alice.json", titles)
    run_sync(store, settings(radicale))
    delete_on_server(radicale, set(titles[:11]))
    with pytest.raises(MassDelete, match="would delete 11 of the 20 commitments here"):
        run_sync(store, settings(radicale))
    store.refresh()
    assert len(store.all()) == 20
    # half is no mass deletion: bob's store, in step with the list's 9, loses 4 of them
    bob = Store(tmp_path / "bob.json")
    run_sync(bob, settings(radicale, "bob"))
    delete_on_server(radicale, set(titles[11:15]))
    assert run_sync(bob, settings(radicale, "bob")).deleted_here == 4


# -- the command line

@pytest.fixture
def env(sync_env):
    return sync_env


def test_frist_sync_refuses_in_one_line_and_exit_1(frist, env, radicale, db_path):  # noqa: F811
    for title in TITLES[:3]:
        frist("add", title, "--due", "2025-12-01", check=True)
    frist("sync", env=env, check=True)
    delete_on_server(radicale)
    before = files(db_path)
    result = frist("sync", env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "error: this sync would delete all 3 commitments here (gone from the task list on the "
        "server), and was refused: nothing changed on either side; `frist sync --dry-run` "
        "lists them, `frist sync --allow-deletes` deletes them\n")
    assert files(db_path) == before
    # --json: the refusal in a field, the line on stderr, exit 1
    result = frist("sync", "--json", env=env)
    assert result.returncode == 1 and result.stderr.startswith("error: this sync would delete")
    out = json.loads(result.stdout)
    assert out["refused"] == result.stderr[len("error: "):].rstrip("\n")
    assert (out["deleted_here"], out["pulled"]) == (0, 0)
    assert sorted(i["title"] for i in out["would_delete"]) == sorted(TITLES[:3])
    assert {i["side"] for i in out["would_delete"]} == {"here"}
    # --dry-run: the list, one a line; exit 0
    result = frist("sync", "--dry-run", env=env)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("would pull 0, push 0, merge 0, delete 3 here; a sync refuses to delete "
                        "this many without --allow-deletes")
    assert lines[1:] == [f"would delete here: #{n} {t} (due 2025-12-01)"
                         for n, t in enumerate(TITLES[:3], 1)]
    assert files(db_path) == before
    result = frist("sync", "--allow-deletes", env=env)
    assert (result.returncode, result.stdout) == (0, "pulled 0, pushed 0, merged 0, deleted 3 here\n")
    assert json.loads(frist("list", "--json", "--status", "all", check=True).stdout) == []
    # a regular sync's JSON says nothing was refused
    assert json.loads(frist("sync", "--json", env=env, check=True).stdout)["refused"] is None


def test_frist_sync_with_an_emptied_store_leaves_the_server_alone(frist, env, radicale):  # noqa: F811
    for title in TITLES:
        frist("add", title, "--due", "2025-12-01", check=True)
    frist("sync", env=env, check=True)
    for n in range(1, 5):
        frist("rm", str(n), check=True)
    result = frist("sync", env=env)
    assert result.returncode == 1
    assert "would delete all 4 items on the server (gone from this store)" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert titles_on_server(radicale) == set(TITLES)


# -- the dashboard

async def test_s_and_the_timed_sync_refuse_with_a_notification(radicale, tmp_path, monkeypatch):  # noqa: F811
    from tui.app import make_app
    monkeypatch.setenv("FRIST_SYNC_PASSWORD", USERS["alice"])
    store = filled(tmp_path / "alice.json")
    run_sync(store, settings(radicale))
    delete_on_server(radicale)
    before = store.all()
    config = Config(sync={"url": radicale.collection_url(), "username": "alice",
                          "sync_every": "1m"})
    app = make_app(store, "2025-11-24", config=config,
                   clock=lambda: dt.datetime(2025, 11, 24, 10, 0))
    messages = []
    monkeypatch.setattr(type(app), "notify",
                        lambda self, message, **kw: messages.append((message, kw.get("title"))))

    async def settle(pilot):
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert messages[-1][1] == "not synced"
        assert messages[-1][0].startswith("this sync would delete all 4 commitments here")
        assert len(app.view.items) == 4
        messages.clear()
        app.action_sync(quiet=True)  # what the sync_every timer calls
        await settle(pilot)
        assert [title for _m, title in messages] == ["not synced"]
        assert len(app.view.items) == 4
    store.refresh()
    assert store.all() == before
    assert titles_on_server(radicale) == set()
    assert state_path(store.path).exists()
