"""The commitment model and the list filters: pure functions of a commitment and "today"."""
from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store import model, query
from store.errors import FristError
from store.model import Commitment, Event, Source

TODAY = dt.date(2025, 11, 24)


def rec(due="2025-11-27", status="open", **kw) -> Commitment:
    r = Commitment.new(kw.pop("title", "A deal"), model.Due.from_value(due), **kw)
    return r.with_changes(status=status)


@pytest.mark.parametrize("value, start, end, precision, label", [
    ("2025-11-27", "2025-11-27", "2025-11-27", "day", "27 Nov 2025"),
    ("2026-W49", "2026-11-30", "2026-12-06", "week", "W49 2026"),
    ("2026-04", "2026-04-01", "2026-04-30", "month", "Apr 2026"),
    ("2024-02", "2024-02-01", "2024-02-29", "month", "Feb 2024"),
    ("2026-Q1", "2026-01-01", "2026-03-31", "quarter", "Q1 2026"),
    ("2026-Q4", "2026-10-01", "2026-12-31", "quarter", "Q4 2026"),
    ("2026", "2026-01-01", "2026-12-31", "year", "2026"),
])
def test_windows_round_trip_and_label(value, start, end, precision, label):
    due = model.Due.from_value(value)
    assert (due.window_start.isoformat(), due.due.isoformat(), due.precision) == (start, end, precision)
    assert due.value == value
    r = Commitment.new("x", due)
    assert r.due_label() == label
    assert r.window == due


@pytest.mark.parametrize("bad", ["2026-13", "2026-02-30", "2026-Q5", "26", "April", "", "2026-W60"])
def test_malformed_due_values_are_refused(bad):
    with pytest.raises(model.ModelError):
        model.Due.from_value(bad)


@pytest.mark.parametrize("due, state, countdown", [
    ("2025-11-20", "overdue", "4 d overdue"),
    ("2025-11-23", "overdue", "1 d overdue"),
    ("2025-11-24", "due-today", "today"),
    ("2025-11-25", "due-soon", "tomorrow"),
    ("2025-12-01", "due-soon", "in 7 d"),
    ("2025-12-02", "upcoming", "in 8 d"),
    ("2026-04", "upcoming", "in 157 d"),
])
def test_state_and_countdown_of_open_items(due, state, countdown):
    r = rec(due)
    assert r.state(TODAY) == state
    assert r.countdown(TODAY) == countdown


def test_decided_items_keep_their_status_as_state_whatever_the_date():
    for status in ("met", "missed", "cancelled"):
        r = rec("2025-01-01", status=status)
        assert r.state(TODAY) == status
        assert r.countdown(TODAY) == status  # no "marked" event: no day to show
        r = r.with_event(Event("2025-12-04T10:00:00+01:00", f"marked {status}"))
        assert r.countdown(TODAY) == f"{status} 4 Dec"


def test_due_soon_days_is_configurable():
    r = rec("2025-12-04")
    assert r.state(TODAY) == "upcoming"
    assert r.state(TODAY, soon_days=14) == "due-soon"
    assert r.to_json(1, TODAY, soon_days=14)["state"] == "due-soon"


def test_new_commitment_normalises_and_validates():
    r = Commitment.new("  Trump \n to  visit ", model.Due.from_value("2026-04"), actor=" Trump ",
                       tags=["b", "a", "b"], note="n")
    assert r.title == "Trump to visit" and r.actor == "Trump" and r.tags == ("a", "b")
    assert r.history == (Event(r.created, "created", "n"),)
    assert r.created == r.updated
    assert dt.datetime.fromisoformat(r.created).tzinfo is not None
    with pytest.raises(model.ModelError):
        Commitment.new("   ", model.Due.from_value("2026"))
    with pytest.raises(model.ModelError):
        Commitment.new("x", model.Due.from_value("2026"), status="done")


def test_uids_are_random_version_4_uuids():
    uids = {Commitment.new("x", model.Due.from_value("2026")).uid for _ in range(200)}
    assert len(uids) == 200
    for uid in uids:
        parsed = uuid.UUID(uid)
        assert parsed.version == 4 and parsed.hex == uid


def test_to_json_has_the_design_fields_and_derived_values():
    r = rec("2026-04", actor="Trump", tags=["china"])
    out = r.to_json(7, TODAY)
    assert tuple(out) == model.JSON_FIELDS
    assert out["id"] == 7 and out["days_left"] == 157 and out["state"] == "upcoming"
    assert (out["due"], out["window_start"], out["precision"]) == ("2026-04-30", "2026-04-01", "month")
    for key in ("uid", "title", "actor", "status", "tags", "sources", "created", "updated", "history"):
        assert out[key] == r.doc[key]


def test_json_in_fills_defaults_for_sparse_objects():
    out = Commitment.from_json({"title": "t", "due": "2026-01-05"}).to_json(1, TODAY)
    assert (out["precision"], out["window_start"], out["tags"], out["sources"], out["status"]) == \
        ("day", "2026-01-05", [], [], "open")


@pytest.mark.parametrize("text, days", [("7d", 7), ("2w", 14), ("1m", 30), ("10", 10), (" 3 D ", 3)])
def test_parse_within(text, days):
    assert query.parse_within(text) == days


@pytest.mark.parametrize("text", ["soon", "-1d", "7x", ""])
def test_parse_within_refuses_nonsense(text):
    with pytest.raises(FristError):
        query.parse_within(text)


def test_select_filters_and_sorts():
    items = [
        (1, rec("2026-04", actor="Donald Trump", tags=["china"], title="Visit Beijing")),
        (2, rec("2026-04-30", title="Same last day")),
        (3, rec("2025-11-20", actor="EU", title="Old")),
        (4, rec("2025-11-10", status="met", title="Kept")),
        (5, rec("2025-11-26", title="Soon")),
    ]
    def ids(**kw):
        return [i for i, _ in query.select(items, query.Filter(**kw), TODAY)]
    assert ids() == [3, 5, 2, 1]                        # a day sorts before a month ending then
    assert ids(status="all") == [4, 3, 5, 2, 1]
    assert ids(status="met") == [4]
    assert ids(status="needs-decision") == [3]
    assert ids(status="due-soon") == [5]
    assert ids(within_days=2) == [3, 5]
    assert ids(actor="trump") == [1]
    assert ids(tag="china") == [1]
    assert ids(tag="chin") == []                         # tags match whole
    assert ids(search="beijing") == [1]
    with pytest.raises(FristError):
        ids(status="finished")


def test_search_reads_sources_too():
    r = rec(sources=[Source("Die Lizenzen gelten ab 1. Dezember", "a.txt", "2025-11-24", "de")])
    assert query.Filter(search="lizenzen").matches(r, TODAY)
    assert not query.Filter(search="zölle").matches(r, TODAY)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)), st.integers(-400, 400),
       st.integers(0, 60))
def test_state_follows_the_days_left(today, offset, soon):
    due = today + dt.timedelta(days=offset)
    state = Commitment.new("t", model.Due.day(due)).state(today, soon)
    left = model.days_left(due, today)
    assert state == ("overdue" if left < 0 else "due-today" if left == 0
                     else "due-soon" if left <= soon else "upcoming")


def test_search_finds_the_source_document_shown_beside_the_title():
    record = Commitment.new("Tariff vote", model.Due.from_value("2026-01-01"),
                            sources=[Source("The council will vote.", "/news/bahn-de.txt", "", "en")])
    assert query.Filter(status="all", search="bahn").matches(record, TODAY)
    assert not query.Filter(status="all", search="tram").matches(record, TODAY)


def test_a_half_year_is_labelled_as_one():
    assert model.due_label("2027-06-30", "quarter", "2027-01-01") == "H1 2027"
    assert model.due_label("2027-12-31", "quarter", "2027-07-01") == "H2 2027"
    assert model.due_label("2027-06-30", "quarter", "2027-04-01") == "Q2 2027"
