"""`Commitment`, the one shape of a commitment: what it holds, how it is checked, changed,
and written as and read from frist JSON."""
from __future__ import annotations

import datetime as dt

import pytest

from store import model
from store.model import Commitment, Due, Event, Source

TODAY = dt.date(2025, 11, 24)


def deal(**kw) -> Commitment:
    return Commitment.new("Rare earth deal", Due.from_value("2026-Q1", "by the first quarter"),
                          actor="US", tags=["trade"], note="said at the summit",
                          sources=[Source("The US expects a deal by Q1.", "news.html",
                                          "2025-11-20", "en")], **kw)


def test_fields_are_typed_and_read_only():
    c = deal()
    assert (c.title, c.due, c.window_start, c.precision) == \
        ("Rare earth deal", "2026-03-31", "2026-01-01", "quarter")
    assert c.window == Due(dt.date(2026, 3, 31), "quarter", dt.date(2026, 1, 1),
                           "by the first quarter")
    assert c.tags == ("trade",)
    assert c.sources == (Source("The US expects a deal by Q1.", "news.html", "2025-11-20", "en"),)
    assert c.history == (Event(c.created, "created", "said at the summit"),)
    assert c.decided is None and c.decided_day is None
    with pytest.raises(AttributeError):
        c.title = "other"


def test_a_change_is_a_new_commitment_and_the_old_one_stays():
    c = deal()
    met = c.with_changes(status="met", decided=dt.date(2025, 11, 20))
    later = met.with_event(Event("2025-11-24T10:00:00+01:00", "marked met", "signed"))
    assert c.status == "open" and len(c.history) == 1
    assert met.status == "met" and met.decided == "2025-11-20"
    assert later.updated == "2025-11-24T10:00:00+01:00" and len(later.history) == 2
    assert later.countdown(TODAY) == "met 20 Nov"
    moved = c.with_due(Due.day(dt.date(2026, 5, 1), "1 May"))  # said as the new due's words
    assert (moved.due, moved.precision, moved.due_text) == ("2026-05-01", "day", "1 May")
    assert c.said_as_was(moved) == " (said as “by the first quarter”)"


@pytest.mark.parametrize("changes", [{"status": "done"}, {"decided": "2026-13-01"},
                                     {"title": "  "}, {"uid": 5}])
def test_a_change_that_breaks_the_shape_is_refused(changes):
    with pytest.raises(model.ModelError):
        deal().with_changes(**changes)


def test_problem_says_what_is_wrong_and_keeps_to_the_accepted_days():
    good = dict(deal().doc)
    assert Commitment.problem(good) is None
    assert Commitment.problem({**good, "due": "1066-10-14", "window_start": "1066-10-14"}) == \
        "has a 'due' outside the dates frist accepts (1 Jan 1900 to 31 Dec 2999): 1066-10-14"
    assert Commitment.problem({**good, "status": "done"}) == "has a bad 'status': 'done'"
    assert Commitment.problem([1]) == "is not an object but [1]"
    with pytest.raises(model.ModelError, match="the commitment has no title"):
        Commitment.checked({**good, "title": ""})


def test_json_out_and_back_in_is_the_same_commitment():
    c = deal().with_changes(status="missed", decided=dt.date(2025, 11, 21))
    c = c.with_event(Event("2025-11-22T09:00:00+01:00", "postponed from Q1 2026 to Q2 2026", "",
                           (("from", "2026-03-31"), ("to", "2026-06-30"))))
    out = c.to_json(3, TODAY)
    assert tuple(out) == model.JSON_FIELDS and out["decided"] == "2025-11-21"
    assert Commitment.from_json(out) == c
    assert c.postponements() == [91]


@pytest.mark.parametrize("obj, message", [
    ({"title": "x"}, "'due' is missing"),
    ({"title": "x", "due": "soon"}, "'due' is not a date: 'soon'"),
    ({"due": "2026-01-01"}, "'title' is missing or empty"),
    ({"title": "x", "due": "2026-01-01", "actor": 3}, "'actor' must be a string, not 3"),
    ({"title": "x", "due": "2026-01-01", "status": "done"}, "'status' must be one of"),
    ({"title": "x", "due": "2026-01-01", "sources": [{"document": 3}]},
     "'sources' field 'document' must be a string"),
    ({"title": "x", "due": "2026-01-01", "decided": "yesterday", "status": "met"},
     "'decided' is not an ISO date"),
    ({"title": "x", "due": "2999-12-31", "precision": "week"}, "'due' 2999-12-31 as a week"),
    ("x", "not an object but 'x'"),
])
def test_json_in_names_the_field_that_is_wrong(obj, message):
    with pytest.raises(model.ModelError) as caught:
        Commitment.from_json(obj)
    assert str(caught.value).startswith(message)


def test_sources_and_events_keep_keys_they_do_not_name():
    c = Commitment.from_json({"title": "x", "due": "2026-01-01",
                              "sources": [{"document": "a", "page": "4"}],
                              "history": [{"at": "2025-11-01T10:00:00+01:00", "event": "created",
                                           "by": "import"}]})
    assert c.sources[0].document == "a" and c.sources[0].extra == (("page", "4"),)
    assert c.history[0].get("by") == "import"
    assert c.doc["sources"] == [{"sentence": "", "document": "a", "published": "", "lang": "",
                                 "page": "4"}]


def test_a_read_of_another_version_is_told_apart_from_a_read_of_the_same():
    """What the dashboard uses to move only the rows an undo or a sync changed."""
    c = deal()
    assert not c.changed_since(c)
    assert not Commitment(dict(c.doc)).changed_since(c)   # read again from the files
    assert c.with_event(Event("2025-11-24T10:00:00+01:00", "edited", "")).changed_since(c)
