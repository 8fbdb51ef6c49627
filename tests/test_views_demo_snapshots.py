"""Snapshots of the timeline and the month calendar on the demo store (`frist --demo`)
with a fixed today: what a new user sees after pressing t or v. The demo store is built
by the real extractor from tui/samples/, so a change to the extractor's titles or dates
shows up here: look at the report before --snapshot-update."""
from __future__ import annotations

import datetime as dt

from store.db import open_store
from tui.app import make_app
from tui.demo import build_demo_store

TODAY = dt.date(2025, 11, 24)
SIZE = (100, 30)


def demo_app(tmp_path):
    path = tmp_path / "demo.json"
    build_demo_store(path, TODAY)
    return make_app(open_store(path), TODAY.isoformat())


def test_timeline_on_the_demo_store(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, press=["t"])


def test_month_calendar_on_the_demo_store(snap_compare, tmp_path):
    assert snap_compare(demo_app(tmp_path), terminal_size=SIZE, press=["v"])
