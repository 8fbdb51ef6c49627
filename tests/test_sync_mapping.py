"""A commitment as a VTODO and back: lossless for frist's own items, sensible for an app's."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from store import model
from store.sync.mapping import MappingError, parse, record_of, to_ical, view_of
from store.sync.merge import merge

UPDATED = "2025-11-24T10:00:00+01:00"
line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
stamps = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2040, 1, 1)).map(
    lambda d: d.replace(microsecond=0, tzinfo=dt.timezone(dt.timedelta(hours=2))).isoformat())
days = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))


@st.composite
def views(draw):
    due = model.Due.from_value(model.period_value(draw(days), draw(st.sampled_from(model.PRECISIONS))),
                               draw(line_text))
    record = model.Commitment.new(draw(line_text.filter(lambda t: t.split())), due,
                                  actor=" ".join(draw(line_text).split()),
                                  tags=draw(st.lists(line_text.map(lambda t: " ".join(t.split()))
                                                     .filter(bool), max_size=3)),
                                  sources=draw(st.lists(st.builds(
                                      model.Source, any_text, any_text, days.map(str),
                                      st.sampled_from(["de", "en"])), max_size=2)))
    status = draw(st.sampled_from(model.STATUSES))
    record = record.with_changes(
        created=draw(stamps),
        history=draw(st.lists(st.builds(model.Event, stamps, any_text, any_text), min_size=1,
                              max_size=3)),
        status=status, decided=None if status == "open" else str(draw(days)))
    return view_of(record)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(views())
def test_frist_to_vtodo_to_frist_is_lossless(view):
    back = parse(to_ical(view, UPDATED))
    assert back.view == view
    assert back.updated == UPDATED
    assert back.raw is None  # nothing foreign to keep


def test_a_note_holding_a_backslash_n_is_no_edit_made_elsewhere():
    # icalendar writes a literal backslash-N as a line break: read back, the description
    # differs from what frist wrote, though nobody edited it (found by hypothesis in CI)
    record = model.Commitment.new("Vote", model.Due.from_value("2027-01-01"))
    record = record.with_event(model.Event("2027-01-01T00:00:00+01:00", "noted", "C:\\New"))
    view = view_of(record)
    back = parse(to_ical(view, UPDATED))
    assert back.view == view
    assert back.updated == UPDATED
    assert back.raw is None  # nothing foreign to keep


def test_a_broken_calendar_object_is_named_not_raised_raw():
    with pytest.raises(MappingError, match="not readable iCalendar"):
        parse("BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nDUE;VALUE=DATE:2025\r\n")
    assert parse("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\n"
                 "DTSTART:20251201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n") is None


def test_a_description_edited_in_an_app_is_kept_as_a_note():
    view = view_of(model.Commitment.new("Vote", model.Due.day(dt.date(2025, 12, 1)), note="first"))
    text = to_ical(view, UPDATED).replace("DESCRIPTION:first", "DESCRIPTION:first\\n\\nand more")
    back = parse(text)
    assert [e["note"] for e in back.view["history"]] == ["first", "and more"]
    assert back.view["history"][-1]["event"] == "description edited elsewhere"


def test_merge_keeps_each_sides_own_changes_and_the_later_of_a_clash():
    base = view_of(model.Commitment.new("Vote", model.Due.day(dt.date(2025, 12, 1)), tags=["a"]))
    mine = dict(base, title="Vote here", tags=["a", "mine"])
    theirs = dict(base, actor="Board", tags=["theirs"])
    merged, clashes = merge(base, mine, theirs, UPDATED, UPDATED)
    assert (merged["title"], merged["actor"], merged["tags"], clashes) == (
        "Vote here", "Board", ["mine", "theirs"], 0)
    theirs = dict(base, title="Vote there")
    merged, clashes = merge(base, mine, theirs, UPDATED, "2025-11-24T10:00:01+01:00")
    assert (merged["title"], clashes) == ("Vote there", 1)
    assert "kept 'Vote there' (changed later elsewhere), not 'Vote here'" in merged["history"][-1]["event"]


def test_a_record_keeps_the_keys_the_sync_does_not_know():
    stored = model.Commitment.new("Vote", model.Due.day(dt.date(2025, 12, 1))).doc
    record = model.Commitment({**stored, "pinned": True})
    assert record_of(view_of(record), UPDATED, record).doc["pinned"] is True
