"""Snapshot tests of the dashboard's screens, on tests/snapshot_app.py's store and a fixed
today. Look at the report (and the SVGs in tests/__snapshots__/) before --snapshot-update."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import snapshot_app  # noqa: E402

SIZE = (120, 32)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """History times are shown in local time: the snapshots are taken in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_main_screen(snap_compare, db_path):
    assert snap_compare(snapshot_app.make(db_path), terminal_size=SIZE)


def test_add_form_with_a_date_preview(snap_compare, db_path):
    async def fill(pilot):
        await pilot.press("a")
        await pilot.pause()
        pilot.app.screen.query_one("#title").value = "Renew the lease"
        pilot.app.screen.query_one("#due").value = "in 10 days"
        pilot.app.screen.query_one("#actor").focus()
        snapshot_app.steady_cursors(pilot.app.screen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert snap_compare(snapshot_app.make(db_path), terminal_size=SIZE, run_before=fill)


def test_detail_pane(snap_compare, db_path):
    assert snap_compare(snapshot_app.make(db_path), terminal_size=SIZE,
                        press=["down", "down", "enter"])


def test_review_screen(snap_compare, db_path):
    async def review(pilot):
        pilot.app.review(snapshot_app.review_proposals())
        await pilot.pause()
        await pilot.press("a")  # accept the first, move on
        await pilot.press("x")  # reject the second
        await pilot.pause()
    assert snap_compare(snapshot_app.make(db_path), terminal_size=SIZE, run_before=review)


def test_review_screen_at_80_columns(snap_compare, db_path):
    """Titles and sentences wrap in their own column, never back to column 0."""
    async def review(pilot):
        pilot.app.review(snapshot_app.review_proposals())
        await pilot.pause()
        await pilot.press("a")
    assert snap_compare(snapshot_app.make(db_path), terminal_size=(80, 24), run_before=review)


def test_note_form_with_the_day_it_was_decided(snap_compare, db_path):
    async def fill(pilot):
        await pilot.press("m")
        await pilot.pause()
        pilot.app.screen.query_one("#note").value = "signed"
        pilot.app.screen.query_one("#decided").value = "21 Nov"
        snapshot_app.steady_cursors(pilot.app.screen)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert snap_compare(snapshot_app.make(db_path), terminal_size=(80, 24), run_before=fill)


def test_track_record_with_its_cursor(snap_compare, db_path):
    assert snap_compare(snapshot_app.make(db_path), terminal_size=(80, 24),
                        press=["R", "down", "down"])


def test_one_actors_commitments_from_the_track_record(snap_compare, db_path):
    assert snap_compare(snapshot_app.make(db_path), terminal_size=(100, 24),
                        press=["R", "enter"])
