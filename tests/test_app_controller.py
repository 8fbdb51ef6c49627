"""The dashboard's controller (tui/controller.py) without Textual: it keeps the view in
step with the store, tells another process's change from its own, and a change made
against a version changed elsewhere leaves the view showing the item as it is now."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from snapshot_app import build_store  # noqa: E402
from store.config import Config  # noqa: E402
from store.model import Commitment  # noqa: E402
from store.db import ConflictError, open_store  # noqa: E402
from tui.controller import Controller  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(db_path):
    build_store(db_path)
    return open_store(db_path)


def controller_for(store) -> Controller:
    controller = Controller(store, Config(), "2025-11-24",
                            clock=lambda: dt.datetime(2025, 11, 24, 10, 0))
    controller.read_rest()
    return controller


def find(store, title_part: str) -> tuple[int, Commitment]:
    return next((i, r) for i, r in store.all() if title_part in r.title)


def test_the_controller_runs_without_textual():
    code = ("import sys; import tui.controller; "
            "sys.exit(1 if any(m.split('.')[0] == 'textual' for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_its_own_change_is_not_news_another_process_change_is(store):
    controller = controller_for(store)
    item_id, record = find(store, "Renew my passport")
    controller.change(item_id, lambda: store.mark(item_id, "met", shown=record))
    assert controller.view.items[item_id].status == "met"
    assert not controller.changed_elsewhere()
    open_store(store.path).edit(item_id, actor="someone else")
    assert controller.changed_elsewhere()
    assert controller.reload() == [item_id]
    assert controller.view.items[item_id].actor == "someone else"
    assert not controller.changed_elsewhere()


def test_a_change_against_a_version_changed_elsewhere_is_refused_and_shown_as_it_is(store):
    controller = controller_for(store)
    item_id, shown = find(store, "Renew my passport")
    open_store(store.path).edit(item_id, actor="elsewhere")
    with pytest.raises(ConflictError):
        controller.change(item_id, lambda: store.edit(item_id, actor="mine", shown=shown))
    assert controller.view.items[item_id].actor == "elsewhere"
    assert not controller.changed_elsewhere()


def test_undo_gives_what_it_took_back_and_the_view_follows(store):
    controller = controller_for(store)
    item_id, record = find(store, "Renew my passport")
    controller.change(item_id, lambda: store.mark(item_id, "missed", shown=record))
    label, changed = controller.undo()
    assert changed == [item_id] and str(item_id) in label
    assert controller.view.items[item_id].status == "open"
    assert not controller.changed_elsewhere()
