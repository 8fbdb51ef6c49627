"""The main table's data (tui.view.ItemView): the one-row updates must leave the
same rows, in the same order, as filtering and sorting everything from scratch."""
from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from store import model
from tui.view import SORTS, VIEWS, ItemView

TODAY = dt.date(2025, 11, 24)
WORDS = ["port", "tender", "budget", "rail", "strike", "deal", "china", "vote"]


def make_items(count: int, seed: int = 1) -> list[tuple[int, model.Commitment]]:
    rng = random.Random(seed)
    items = []
    for n in range(1, count + 1):
        day = TODAY + dt.timedelta(days=rng.randint(-30, 60))
        value = rng.choice([day.isoformat(), day.isoformat(), f"{day.year}-{day.month:02d}"])
        record = model.Commitment.new(" ".join(rng.sample(WORDS, 3)), model.Due.from_value(value),
                                      actor=rng.choice(["", "Ana", "Ben", "Port of Hamburg"]))
        status = rng.choice(["open", "open", "open", "met", "missed", "cancelled"])
        items.append((n, record.with_changes(status=status)))
    return items


def fresh_rows(items, view: str, search: str, sort: str) -> list[int]:
    other = ItemView(TODAY)
    other.view, other.sort = view, sort
    other.load(items)
    other.set_search(search)
    return other.rows


def test_sorted_by_due_with_the_day_before_the_month_ending_the_same_day():
    items = [(1, model.Commitment.new("month", model.Due.from_value("2025-11"))),
             (2, model.Commitment.new("day", model.Due.from_value("2025-11-30"))),
             (3, model.Commitment.new("early", model.Due.from_value("2025-11-25")))]
    view = ItemView(TODAY)
    view.load(items)
    assert view.rows == [3, 2, 1]


@settings(max_examples=40, deadline=None)
@given(view=st.sampled_from(list(VIEWS)), sort=st.sampled_from(list(SORTS)),
       typed=st.text(alphabet="portenabc ", max_size=6), seed=st.integers(0, 1000))
def test_typing_narrows_to_the_same_rows_as_a_fresh_search(view, sort, typed, seed):
    items = make_items(60, seed)
    live = ItemView(TODAY)
    live.view, live.sort = view, sort
    live.load(items)
    for n in range(1, len(typed) + 1):  # one keystroke at a time
        live.set_search(typed[:n])
    assert live.rows == fresh_rows(items, view, typed, sort)


@settings(max_examples=40, deadline=None)
@given(sort=st.sampled_from(list(SORTS)), seed=st.integers(0, 1000),
       changes=st.lists(st.tuples(st.integers(1, 40), st.sampled_from(
           ["met", "missed", "open", "postpone", "remove"])), max_size=8))
def test_one_row_updates_match_a_full_rebuild(sort, seed, changes):
    items = dict(make_items(40, seed))
    live = ItemView(TODAY)
    live.view, live.sort = "all", sort
    live.load(list(items.items()))
    for item_id, change in changes:
        if item_id not in items:
            continue
        if change == "remove":
            del items[item_id]
            live.update(item_id, None)
            continue
        record = items[item_id]
        if change == "postpone":
            record = record.with_due(model.Due.day(TODAY + dt.timedelta(days=item_id)))
        else:
            record = record.with_changes(status=change)
        stamp = f"2025-11-24T10:00:{len(record.history) + 1:02d}+00:00"
        record = record.with_event(model.Event(stamp, change))
        items[item_id] = record
        live.update(item_id, record)
    assert live.rows == fresh_rows(list(items.items()), "all", "", sort)


def test_a_decided_row_leaves_the_open_view_at_once():
    items = make_items(30)
    live = ItemView(TODAY)
    live.load(items)
    target, after = live.rows[3], live.rows[4]
    record = live.items[target].with_changes(status="met").with_event(
        model.Event.now("marked met"))
    live.update(target, record)
    assert target not in live.rows and live.rows[3] == after and live.states[target] == "met"
    rows = list(live.rows)
    live.rebuild()
    assert live.rows == rows  # as a rebuild has it


def test_merge_moves_only_what_changed():
    items = make_items(50)
    live = ItemView(TODAY)
    live.view = "all"
    live.load(items)
    # what the store returns after a re-read: new objects
    reread = [(i, model.Commitment(dict(c.doc))) for i, c in items]
    reread[4] = (reread[4][0], reread[4][1].with_changes(status="missed").with_event(
        model.Event.now("marked missed")))
    del reread[7]
    reread.append((99, model.Commitment.new("new one", model.Due.from_value("2025-12-01"))))
    changed = live.merge(reread)
    assert sorted(changed) == sorted([items[4][0], items[7][0], 99])
    assert live.rows == fresh_rows(reread, "all", "", "due")
    assert live.counts() == fresh_counts(reread)


def fresh_counts(items) -> dict[str, int]:
    other = ItemView(TODAY)
    other.load(items)
    return other.counts()


def test_search_finds_a_word_however_its_letters_are_composed():
    """'Präsident' stored with a decomposed 'ä' (NFD, as macOS file names and some pasted
    text write it) was not found by the 'ä' typed on a keyboard (NFC), nor the reverse."""
    import unicodedata
    nfc, nfd = "Präsident", unicodedata.normalize("NFD", "Präsident")
    assert nfc != nfd
    items = [(1, model.Commitment.new(f"{nfd} to resign", model.Due.from_value("2025-12-01"))),
             (2, model.Commitment.new(f"{nfc} to visit", model.Due.from_value("2025-12-02"),
                                      actor="Büro")),
             (3, model.Commitment.new("Port deal", model.Due.from_value("2025-12-03")))]
    for typed in (nfc, nfd, nfc.upper(), "PRÄSIDENT"):
        assert fresh_rows(items, "all", typed, "due") == [1, 2], typed
    view = ItemView(TODAY)
    view.view = "all"
    view.load(items)
    for n in range(1, len(nfd) + 1):  # typed letter by letter, decomposed
        view.set_search(nfd[:n])
    assert view.rows == [1, 2]
