"""A change to how things already are (QA1 11): `frist mark ID open` on an open item,
`frist postpone ID +0d` (or to the same due), `o` in the dashboard on an open item. They
change nothing (no history line, no undo step, the store files as they were), say so in
one line, and exit 0."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store.db import open_store  # noqa: E402
from tui.app import make_app  # noqa: E402


def store_files(db_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in db_path.parent.iterdir()
            if p.name.startswith(db_path.name) and not p.name.endswith(".lock")}


@pytest.fixture
def one_open(frist, db_path):
    frist("add", "Bridge reopens", "--due", "2026-03-01", check=True)
    frist("add", "Other", "--due", "2026-04-01", check=True)
    return db_path


@pytest.mark.parametrize("command, said", [
    (["mark", "1", "open"], "#1 is already open"),
    (["mark", "1", "open", "--note", "still waiting"], "#1 is already open"),
    (["postpone", "1", "+0d"], "#1 is already due 1 Mar 2026"),
    (["postpone", "1", "2026-03-01"], "#1 is already due 1 Mar 2026"),
    (["edit", "1", "--due", "2026-03-01"], "#1 is already so: nothing to change"),
    (["edit", "1", "--title", "Bridge  reopens"], "#1 is already so: nothing to change"),
])
def test_a_change_to_how_it_already_is_changes_nothing(frist, one_open, command, said):
    before = store_files(one_open)
    result = frist(*command)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", said + "\n")
    assert store_files(one_open) == before
    [item] = [i for i in json.loads(frist("list", "--json").stdout) if i["id"] == 1]
    assert [ev["event"] for ev in item["history"]] == ["created"]
    undo = frist("undo")   # the last step is still the second add
    assert undo.stderr == "undone: #2 added\n"


def test_decided_items_still_reopen_and_postpone(frist, one_open):
    frist("mark", "1", "met", check=True)
    reopened = frist("mark", "1", "open")
    assert reopened.returncode == 0 and "already" not in reopened.stderr
    frist("mark", "1", "missed", check=True)
    moved = frist("postpone", "1", "+0d")   # same due, but it was missed: open again
    assert moved.returncode == 0 and "reopened (it was missed)" in moved.stderr
    item = json.loads(frist("show", "1", "--json").stdout)
    assert item["status"] == "open"
    assert [ev["event"] for ev in item["history"]][-2:] == [
        "marked missed", "postponed from 1 Mar 2026 to 1 Mar 2026"]


async def test_o_on_an_open_item_says_so_and_changes_nothing(frist, one_open):
    from tui.screens.main import MainScreen
    store = open_store(one_open)
    before = store_files(one_open)
    app = make_app(store, "2025-11-24", clock=lambda: dt.datetime(2025, 11, 24, 10, 0))
    async with app.run_test(size=(120, 36)) as pilot:
        app.selected_id = 1
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)   # no note form for nothing
        messages = [str(n.message) for n in app._notifications]
        assert messages[-1] == "#1 is already open"
    assert store_files(one_open) == before


def test_an_edit_with_only_a_note_is_noted(frist, one_open):
    frist("edit", "1", "--due", "2026-03-01", "--note", "checked with the city", check=True)
    item = json.loads(frist("show", "1", "--json").stdout)
    assert item["history"][-1]["event"] == "noted"
    assert item["history"][-1]["note"] == "checked with the city"
