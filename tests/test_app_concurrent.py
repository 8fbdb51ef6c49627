"""A change in the dashboard never silently reverts another process's change (issue 12).

The dashboard writes only what the person changed, against the version it showed: a
form saved unchanged writes nothing; a field changed elsewhere meanwhile is kept; a
change to a field someone else changed meanwhile is refused, said, and the item shown
as it is now. The other process here is a second Store on the same file, as a `frist`
command run in another terminal would be.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from snapshot_app import build_store  # noqa: E402
from store import model  # noqa: E402
from store.db import ConflictError, open_store  # noqa: E402
from tui.app import make_app  # noqa: E402
from tui.screens.forms import ItemForm, NoteForm, PostponeForm  # noqa: E402

TODAY = "2025-11-24"
SIZE = (120, 36)


@pytest.fixture
def store(db_path):
    build_store(db_path)
    return open_store(db_path)


def app_for(store):
    return make_app(store, TODAY, clock=lambda: dt.datetime(2025, 11, 24, 10, 0))


def find(store, title_part: str) -> tuple[int, model.Commitment]:
    return next((i, r) for i, r in store.all() if title_part in r.title)


def fresh(store, item_id: int) -> model.Commitment:
    return open_store(store.path).get(item_id)


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


def form_error(app) -> str:
    """The error line of the form on top (a refused save is said there)."""
    return str(app.screen.query_one("#form-error").render())


async def open_form(pilot, item_id: int, key: str):
    pilot.app.selected_id = item_id
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen


async def test_an_edit_form_saved_unchanged_keeps_a_cli_edit(store):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, item_id, "e")
        assert isinstance(form, ItemForm)
        open_store(store.path).edit(item_id, actor="Ana", title="Renew the passport")
        await pilot.press("enter")
        await pilot.pause()
        assert "Nothing changed" in notices(app)
    record = fresh(store, item_id)
    assert (record.title, record.actor) == ("Renew the passport", "Ana")
    assert record.history[-1].event.startswith("edited title")  # the CLI's, no other


async def test_an_edit_writes_only_the_fields_the_person_changed(store):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, item_id, "e")
        open_store(store.path).edit(item_id, actor="Ana", tags=["papers"])  # meanwhile
        form.query_one("#title").value = "Renew both passports"
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.items[item_id].actor == "Ana"  # the view shows both changes
    record = fresh(store, item_id)
    assert (record.title, record.actor, record.tags) == (
        "Renew both passports", "Ana", ("papers",))


async def test_an_edit_of_a_field_changed_meanwhile_is_refused_and_shown(store):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, item_id, "e")
        open_store(store.path).edit(item_id, title="Passport renewed early")
        form.query_one("#title").value = "Renew both passports"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form   # still open, with what was typed
        assert "changed elsewhere" in form_error(app) and "(title)" in form_error(app)
        assert form.query_one("#title").value == "Renew both passports"
        assert app.view.items[item_id].title == "Passport renewed early"
    assert fresh(store, item_id).title == "Passport renewed early"


@pytest.mark.parametrize("key, meanwhile, kept", [
    ("m", lambda s, i: s.mark(i, "missed"), ("status", "missed")),
    ("x", lambda s, i: s.mark(i, "met"), ("status", "met")),
    ("p", lambda s, i: s.postpone(i, model.Due.from_value("2026-03")), ("due", "2026-03-31")),
])
async def test_a_decision_or_postponement_on_a_stale_item_is_refused(store, key, meanwhile,
                                                                      kept):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, item_id, key)
        assert isinstance(form, (NoteForm, PostponeForm))
        meanwhile(open_store(store.path), item_id)
        if isinstance(form, PostponeForm):
            form.query_one("#due").value = "2026-06-01"
        form.query_one("#note").value = "said so on the radio"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "changed elsewhere" in form_error(app)
        assert form.query_one("#note").value == "said so on the radio"
        assert getattr(app.view.items[item_id], kept[0]) == kept[1]
    assert getattr(fresh(store, item_id), kept[0]) == kept[1]


async def test_a_decision_stands_when_only_other_fields_changed_meanwhile(store):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, item_id, "m")
        open_store(store.path).edit(item_id, actor="Ana")
        await pilot.press("enter")
        await pilot.pause()
    record = fresh(store, item_id)
    assert (record.status, record.actor) == ("met", "Ana")


async def test_deleting_an_item_changed_meanwhile_is_refused(store):
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, item_id, "d")
        open_store(store.path).edit(item_id, title="Still needed")
        await pilot.press("y")
        await pilot.pause()
        assert "changed elsewhere" in notices(app)
    assert fresh(store, item_id).title == "Still needed"


async def test_the_decision_queue_refuses_a_stale_item(store):
    item_id, _ = find(store, "Port authority")  # the one overdue, open item
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.current[0] == item_id
        await pilot.press("m")  # the note form opens on the version shown
        await pilot.pause()
        open_store(store.path).mark(item_id, "cancelled")
        await pilot.press("enter")
        await pilot.pause()
        assert "changed elsewhere" in form_error(app)
    assert fresh(store, item_id).status == "cancelled"


def test_the_store_checks_the_shown_version_of_each_field_it_writes(db_path):
    """The rule itself, for the CLI-less callers: only the fields a change writes count."""
    store = open_store(db_path)
    item_id = store.add(model.Commitment.new("t", model.Due.from_value("2026-01-01")))
    shown = store.get(item_id)
    open_store(db_path).edit(item_id, actor="elsewhere")
    store.refresh()
    store.edit(item_id, title="mine", shown=shown)           # title untouched elsewhere
    with pytest.raises(ConflictError, match="actor"):
        store.edit(item_id, actor="mine", shown=shown)
    with pytest.raises(ConflictError):
        store.remove(item_id, shown=shown)
    store.mark(item_id, "met", shown=shown)                  # status untouched elsewhere
    after = store.get(item_id)
    assert (after.title, after.actor, after.status) == ("mine", "elsewhere", "met")


async def test_the_dashboard_follows_the_change_counter_not_the_files(store):
    """Another process's change is read within a tick; its compaction alone (files
    rewritten, nothing changed) is not, and neither is the dashboard's own change."""
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    reads = []
    async with app.run_test(size=SIZE) as pilot:
        reload = app.reload
        app.reload = lambda *a, **kw: reads.append(kw) or reload(*a, **kw)
        other = open_store(store.path)
        with other.transaction():
            other.storage.compact()
        await pilot.pause(1.3)
        assert reads == []
        other.mark(item_id, "missed")
        for _ in range(30):
            await pilot.pause(0.1)
            if app.view.items[item_id].status == "missed":
                break
        assert app.view.items[item_id].status == "missed" and len(reads) == 1
        app.set_view("all")  # a missed item is not in the Open tab
        await open_form(pilot, item_id, "o")  # reopen it here: our own change
        await pilot.press("enter")
        await pilot.pause(1.3)
        assert app.view.items[item_id].status == "open" and len(reads) == 1


async def test_a_change_stored_but_not_backed_up_is_said(store, monkeypatch):
    """A full disk after the new snapshot is in place: the change stands, and the
    dashboard says the backup could not be written (the next change writes it)."""
    import errno

    from store import journal
    monkeypatch.setattr(journal, "journal_limit", lambda size: 0)  # every write compacts

    def full(self, target, parts):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(journal.DurableStorage, "_install", full)
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_form(pilot, item_id, "m")
        await pilot.press("enter")
        await pilot.pause()
        assert "could not be written" in notices(app) and "No space left" in notices(app)
    monkeypatch.undo()
    assert fresh(store, item_id).status == "met"


@pytest.mark.parametrize("key", ["m", "x", "p", "e"])
async def test_a_form_on_an_item_deleted_elsewhere_closes_saying_so(store, key):
    """`frist rm` in another terminal while a form is open: Enter could never succeed."""
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot, item_id, key)
        assert isinstance(form, (NoteForm, PostponeForm, ItemForm))
        open_store(store.path).remove(item_id)
        if isinstance(form, PostponeForm):
            form.query_one("#due").value = "2026-06-01"
        if isinstance(form, ItemForm):
            form.query_one("#title").value = "Renew my passport soon"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main
        assert f"#{item_id} was deleted elsewhere meanwhile, so nothing was saved" in notices(app)
        assert "frist undo" in notices(app)
        assert item_id not in app.view.items
        await pilot.press("u")  # the deletion was the newest change
        await pilot.pause()
        assert item_id in app.view.items
