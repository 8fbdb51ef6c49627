"""A form whose save the store refuses keeps what was typed (QA1 14).

On a full disk, or when another process changed the item meanwhile, the add, edit, note
and postpone forms stay open with the reason on their error line and every field as the
person typed it; Enter tries again, Escape leaves. The full disk is a real 1 MB tmpfs
where the test may mount one, and injected write faults everywhere.
"""
from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from conftest import fill_disk  # noqa: E402
from snapshot_app import build_store  # noqa: E402
from store.db import open_store  # noqa: E402
from test_app import SIZE, TODAY, app_for, store, type_text  # noqa: E402,F401
from test_store_faults import Faults  # noqa: E402
from tui.screens.decide import DecideScreen  # noqa: E402
from tui.screens.forms import ItemForm, NoteForm, PostponeForm  # noqa: E402
from tui.screens.main import MainScreen  # noqa: E402

FULL = os.strerror(errno.ENOSPC)
TYPED = {"title": "Renew the lease", "due": "in 10 days", "actor": "Landlord",
         "tags": "home, papers", "note": "asked by phone"}


def form_error(app) -> str:
    return str(app.screen.query_one("#form-error").render())


def fields(form) -> dict[str, str]:
    return {name: form.query_one(f"#{name}").value for name in TYPED}


def find(store, title_part: str) -> tuple[int, dict]:
    return next((i, r) for i, r in store.all() if title_part in r.title)


async def fill_add_form(pilot) -> ItemForm:
    await pilot.press("a")
    await pilot.pause()
    for n, value in enumerate(TYPED.values()):
        if n:
            await pilot.press("tab")
        await type_text(pilot, value)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen


async def test_the_add_form_keeps_what_was_typed_on_a_full_disk(store, monkeypatch):  # noqa: F811
    before = len(store.all())
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await fill_add_form(pilot)
        faults = Faults(store.path.parent, mode="enospc", kind="write").install(monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        assert faults.fired
        assert app.screen is form and fields(form) == TYPED
        assert FULL in form_error(app) and "nothing was changed" in form_error(app)
        assert "Enter tries again" in form_error(app)
        monkeypatch.undo()  # room again: Enter saves what is in the form
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    titles = [r.title for _i, r in open_store(store.path).all()]
    assert len(titles) == before + 1 and "Renew the lease" in titles


async def test_the_add_form_keeps_what_was_typed_on_a_real_full_disk(tiny_disk):
    path = tiny_disk / "store.json"
    build_store(path)
    store = open_store(path)
    before = len(store.all())
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await fill_add_form(pilot)
        long_note = "n" * 20_000   # more than the room left in the journal's last page
        form.query_one("#note").value = long_note
        filler = fill_disk(tiny_disk)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and FULL in form_error(app)
        assert fields(form) == TYPED | {"note": long_note}
        filler.unlink()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    titles = [r.title for _i, r in open_store(path).all()]
    assert len(titles) == before + 1 and "Renew the lease" in titles


async def test_the_edit_form_keeps_what_was_typed_on_a_full_disk(store, monkeypatch):  # noqa: F811
    item_id, record = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.selected_id = item_id
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#title").value = "Renew both passports"
        form.query_one("#note").value = "the children's too"
        Faults(store.path.parent, mode="enospc", kind="write").install(monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and FULL in form_error(app)
        assert form.query_one("#title").value == "Renew both passports"
        assert form.query_one("#note").value == "the children's too"
    monkeypatch.undo()
    assert open_store(store.path).get(item_id).title == record.title


async def test_an_edit_refused_by_a_change_elsewhere_keeps_the_typed_title_and_shows_the_rest(
        store):  # noqa: F811
    """The other process changed the title and the actor; the person typed a title. The
    form keeps their title, shows the other's actor (a field they left alone), and a
    second Enter saves their title over the other's, keeping the other's actor."""
    item_id, _ = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        app.selected_id = item_id
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        open_store(store.path).edit(item_id, title="Passport renewed early", actor="Ana")
        form.query_one("#title").value = "Renew both passports"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        said = " ".join(form_error(app).split())
        assert "changed elsewhere" in said and "Enter saves what you typed" in said
        assert "Now title 'Passport renewed early'." in said
        assert form.query_one("#title").value == "Renew both passports"
        assert form.query_one("#actor").value == "Ana"
        assert app.view.items[item_id].title == "Passport renewed early"  # shown as it is
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    record = open_store(store.path).get(item_id)
    assert (record.title, record.actor) == ("Renew both passports", "Ana")


async def test_a_note_and_a_new_due_are_kept_on_a_full_disk(store, monkeypatch):  # noqa: F811
    item_id, record = find(store, "Renew my passport")
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        for key, form_class, typed in (("m", NoteForm, {"note": "done at the town hall"}),
                                       ("p", PostponeForm, {"due": "+2w", "note": "queue"})):
            app.selected_id = item_id
            await pilot.press(key)
            await pilot.pause()
            form = app.screen
            assert isinstance(form, form_class)
            for name, value in typed.items():
                form.query_one(f"#{name}").value = value
            Faults(store.path.parent, mode="enospc", kind="write").install(monkeypatch)
            await pilot.press("enter")
            await pilot.pause()
            monkeypatch.undo()
            assert app.screen is form and FULL in form_error(app)
            assert {name: form.query_one(f"#{name}").value for name in typed} == typed
            await pilot.press("escape")
            await pilot.pause()
    after = open_store(store.path).get(item_id)
    assert (after.status, after.due) == (record.status, record.due)


async def test_the_decision_queue_keeps_the_note_on_a_full_disk(store, monkeypatch):  # noqa: F811
    item_id, _ = find(store, "Port authority")  # the one overdue, open item
    app = app_for(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        queue = app.screen
        assert isinstance(queue, DecideScreen) and queue.current[0] == item_id
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        form.query_one("#note").value = "opened in March"
        Faults(store.path.parent, mode="enospc", kind="write").install(monkeypatch)
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.undo()
        assert app.screen is form and FULL in form_error(app)
        assert form.query_one("#note").value == "opened in March"
        await pilot.press("enter")  # room again
        await pilot.pause()
        assert app.screen is queue
    assert open_store(store.path).get(item_id).status == "met"
