"""The store API: snapshot + journal, compaction, undo, backups, damage and old files."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import db, model
from store import journal as fmt
from store.db import StoreError, open_store
from store.errors import AlreadySo

DUE = model.Due.from_value("2026-01-01")


def record(title: str, due: str = "2026-01-01", **kw) -> model.Commitment:
    return model.Commitment.new(title, model.Due.from_value(due), **kw)


def journal_of(path):
    return path.with_name(path.name + ".journal")


def backup_of(path):
    return path.with_name(path.name + ".bak")


def store_files(path) -> dict:
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


@pytest.fixture
def always_compact(monkeypatch):
    monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)


def test_add_get_all_and_ids(db_path):
    store = open_store(db_path)
    assert store.all() == []
    assert store.add(record("a")) == 1
    assert store.add_many([record("b"), record("c")]) == [2, 3]
    assert store.get(2).title == "b"
    assert sorted(i for i, _ in open_store(db_path).all()) == [1, 2, 3]
    with pytest.raises(StoreError, match="no commitment with id 9"):
        store.get(9)


def test_adds_after_the_first_only_append_to_the_journal(db_path):
    store = open_store(db_path)
    store.add(record("first"))
    snapshot = db_path.read_bytes()
    for n in range(5):
        store.add(record(f"more {n}"))
    assert db_path.read_bytes() == snapshot   # the snapshot was not rewritten
    assert len(journal_of(db_path).read_bytes().splitlines()) == 1 + 5
    assert [r.title for _, r in sorted(open_store(db_path).all())] == \
        ["first"] + [f"more {n}" for n in range(5)]


def test_compaction_folds_the_journal_into_the_snapshot_and_backup(db_path, always_compact):
    store = open_store(db_path)
    store.add_many([record(f"item {n}") for n in range(10)])
    store.mark(3, "met", "done")
    store.remove(4)
    assert len(journal_of(db_path).read_bytes().splitlines()) == 1   # just the header
    snapshot = json.loads(db_path.read_bytes())
    assert sorted(map(int, snapshot["commitments"])) == [1, 2, 3, 5, 6, 7, 8, 9, 10]
    assert snapshot["commitments"]["3"]["status"] == "met"
    assert backup_of(db_path).read_bytes() == db_path.read_bytes()
    assert os.stat(backup_of(db_path)).st_ino != os.stat(db_path).st_ino  # a copy, not a link


def test_compaction_happens_once_the_journal_is_big_enough(db_path, monkeypatch):
    monkeypatch.setattr(fmt, "JOURNAL_MIN_BYTES", 4000)
    store = open_store(db_path)
    store.add(record("first"))
    for n in range(40):
        store.add(record(f"item {n} " + "x" * 100))
    header, *changes = journal_of(db_path).read_bytes().splitlines(keepends=True)
    assert sum(map(len, changes)) <= 4000 + 1000
    assert len(json.loads(db_path.read_bytes())["commitments"]) > 20
    assert len(open_store(db_path).all()) == 41


def test_store_data_is_the_same_whether_compacted_or_not(tmp_path, monkeypatch):
    def changes(store):
        store.add_many([record(f"item {n}", f"2026-01-{n + 1:02d}") for n in range(8)])
        store.mark(2, "missed")
        store.postpone(2, model.Due.from_value("2026-02"))
        store.edit(5, title="renamed", tags=["x"])
        store.remove(7)
        store.undo()
        store.remove(8)
        return {i: (r.title, r.due, r.status, list(r.tags)) for i, r in store.all()}

    plain = changes(open_store(tmp_path / "plain.json"))
    monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)
    compacted = changes(open_store(tmp_path / "compacted.json"))
    assert plain == compacted
    assert plain[2] == ("item 1", "2026-02-28", "open", [])
    assert 7 in plain and 8 not in plain


def test_a_torn_last_journal_line_is_ignored_then_cut_off(db_path):
    store = open_store(db_path)
    store.add(record("first"))
    store.add(record("second"))
    journal = journal_of(db_path)
    whole = journal.read_bytes()
    with open(journal, "ab") as fh:
        fh.write(b'{"set":{"commitments":{"3":{"title":"half a wri')  # a writer killed mid-line
    assert [i for i, _ in open_store(db_path).all()] == [1, 2]
    assert open_store(db_path).add(record("third")) == 3
    assert journal.read_bytes().startswith(whole)
    assert journal.read_bytes().count(b"half a wri") == 0
    assert sorted(i for i, _ in open_store(db_path).all()) == [1, 2, 3]


def test_a_journal_left_from_before_a_finished_compaction_is_not_replayed(db_path):
    """A compaction killed between replacing the snapshot and the journal leaves the old
    journal: its changes are in the new snapshot already and must not apply twice."""
    store = open_store(db_path)
    store.add(record("first"))
    store.add(record("second"))
    old_journal = journal_of(db_path).read_bytes()
    store.remove(2)
    store.storage.reload()
    with store.transaction():
        store.storage.compact()
    journal_of(db_path).write_bytes(old_journal)  # as if killed before the journal was replaced
    assert [i for i, _ in open_store(db_path).all()] == [1]
    assert open_store(db_path).add(record("third")) == 3
    assert sorted(i for i, _ in open_store(db_path).all()) == [1, 3]


def test_stale_temp_files_go_at_the_next_write_and_only_ours(db_path):
    store = open_store(db_path)
    store.add(record("first"))
    folder = db_path.parent
    stale = [folder / ".store.json.12345.tmp", folder / ".store.json.journal.99.tmp",
             folder / ".store.json.bak.7.tmp"]
    foreign = [folder / ".store.json2.5.tmp", folder / "notes.tmp"]
    for path in stale + foreign:
        path.write_text("left by a killed writer")
    open_store(db_path).all()  # reading removes nothing
    assert all(p.exists() for p in stale)
    store.add(record("second"))
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in foreign)


def test_a_store_without_a_journal_from_earlier_frist_is_read_and_continued(db_path):
    """The first foundation wrote a bare TinyDB file (no token, no journal)."""
    db_path.write_text(json.dumps({
        "commitments": {"1": record("old one").doc, "4": record("old four").doc},
        "undo": {"1": {"label": "add 4", "at": "x", "changes": [{"id": 4, "before": None}]}},
        "meta": {"1": {"schema": 1, "last_id": 4}}}))
    store = open_store(db_path)
    assert sorted(i for i, _ in store.all()) == [1, 4]
    assert store.add(record("new")) == 5
    assert store.undo() == "#5 added"
    assert store.undo() == "add 4"
    assert sorted(i for i, _ in open_store(db_path).all()) == [1]


def test_ids_stay_above_any_stored_id(db_path):
    db_path.write_text(json.dumps({"commitments": {"7": record("seven").doc},
                                   "meta": {"1": {"schema": 1, "last_id": 2}}}))
    assert open_store(db_path).add(record("next")) == 8


def test_undo_keeps_the_newest_hundred_changes(db_path):
    store = open_store(db_path)
    for n in range(db.UNDO_DEPTH + 20):
        store.add(record(f"item {n}"))
    assert open_store(db_path).can_undo() == db.UNDO_DEPTH
    for _ in range(db.UNDO_DEPTH):
        store.undo()
    assert len(open_store(db_path).all()) == 20
    with pytest.raises(StoreError, match="nothing to undo"):
        store.undo()


def test_a_failed_transaction_changes_nothing(db_path):
    store = open_store(db_path)
    store.add(record("first"))
    files = store_files(db_path)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.apply("half-made", [record("half")], {1: None})
            raise RuntimeError("interrupted")
    assert [i for i, _ in store.all()] == [1]
    assert store_files(db_path) == files
    with pytest.raises(StoreError):
        store.edit(1, title="  ")
    assert store.get(1).title == "first"


def test_apply_inside_a_transaction_is_one_undo_step(db_path):
    """What ingest and sync do: read inside the lock, then one batch write of new and
    changed records: one journal line, one undo."""
    store = open_store(db_path)
    store.add(record("known"))
    with store.transaction():
        before = store.get(1)
        changed = before.with_changes(title="known, with a source")
        ids = store.apply("ingest", [record("new 2"), record("new 3")], {1: changed})
    assert ids == [2, 3]
    assert {i: r.title for i, r in open_store(db_path).all()} == \
        {1: "known, with a source", 2: "new 2", 3: "new 3"}
    assert store.undo() == "ingest"
    assert {i: r.title for i, r in open_store(db_path).all()} == {1: "known"}


def test_refresh_sees_other_processes_and_the_counter_moves(db_path):
    mine, theirs = open_store(db_path), open_store(db_path)
    mine.add(record("one"))
    assert len(theirs.all()) == 1
    seen = theirs.changes()
    mine.add(record("two"))
    assert len(theirs.all()) == 1       # cached until refreshed
    assert theirs.changes() == seen + 1  # but the counter says so at once
    theirs.refresh()
    assert len(theirs.all()) == 2


def test_the_change_counter_counts_changes_of_every_process_and_persists(db_path):
    store = open_store(db_path)
    assert store.changes() == 0
    store.add(record("a"))
    store.add_many([record("b"), record("c")])       # one change, however many items
    store.mark(1, "met")
    assert store.changes() == 3
    other = open_store(db_path)
    other.undo()                                     # an undo is a change too
    assert store.changes() == 4 and open_store(db_path).changes() == 4
    with other.transaction():
        other.storage.compact()                      # a compaction alone is not a change
    assert store.changes() == 4
    store.remove(2)                                  # and it goes on after one
    assert open_store(db_path).changes() == 5


def test_the_counter_is_read_from_the_journal_alone(db_path, monkeypatch):
    store = open_store(db_path)
    store.add_many([record(f"item {n}") for n in range(50)])
    store.add(record("one more"))
    follower = open_store(db_path)
    assert follower.changes() == 2

    store.mark(1, "met")

    def no_snapshot_parse(*args, **kwargs):
        raise AssertionError("the snapshot was parsed")
    monkeypatch.setattr(fmt, "decode_snapshot", no_snapshot_parse)
    assert follower.changes() == 3
    assert follower.changes() == 3   # and twice without a change: from the files' signatures


def test_apply_is_one_batch_write_and_one_undo_step(db_path):
    store = open_store(db_path)
    assert isinstance(store, db.Repository)
    first = store.add(record("known"))
    changed = store.get(first).with_changes(title="known, with a source")
    ids = store.apply("ingest (2 new, 1 given a source)", [record("new a"), record("new b")],
                      {first: changed})
    assert ids == [2, 3]
    assert {i: r.title for i, r in open_store(db_path).all()} == {
        1: "known, with a source", 2: "new a", 3: "new b"}
    assert store.changes() == 2
    assert store.undo() == "ingest (2 new, 1 given a source)"
    assert {i: r.title for i, r in open_store(db_path).all()} == {1: "known"}
    assert store.apply(lambda new: f"#{new[0]} added", [record("c")]) == [4]  # ids never reused
    assert store.apply("nothing", [], {}) == [] and store.changes() == 4     # no change
    store.apply("#1 deleted", changed={first: None})
    assert [i for i, _r in open_store(db_path).all()] == [4]
    with pytest.raises(StoreError, match="not stored: item 5 has a bad 'due'"):
        store.apply("bad", [model.Commitment({**record("bad").doc, "due": "2026-02-30"})])
    assert [i for i, _r in open_store(db_path).all()] == [4]


def test_reading_a_missing_store_creates_nothing(tmp_path):
    store = open_store(tmp_path / "nowhere" / "store.json")
    assert store.all() == [] and store.can_undo() == 0
    assert not (tmp_path / "nowhere").exists()


def test_damaged_snapshot_with_a_fresh_journal_is_still_refused(db_path):
    store = open_store(db_path)
    store.add(record("one"))
    store.add(record("two"))
    db_path.write_bytes(db_path.read_bytes()[:-5])
    for action in (lambda s: s.all(), lambda s: s.add(record("x")), lambda s: s.remove(1)):
        with pytest.raises(StoreError, match="damaged"):
            action(open_store(db_path))


def test_a_newer_journal_is_refused(db_path):
    store = open_store(db_path)
    store.add(record("one"))
    journal = journal_of(db_path)
    lines = journal.read_bytes().splitlines(keepends=True)
    header = json.loads(lines[0][9:])  # after its checksum
    header.update(format="frist-journal-7", schema=7)
    journal.write_bytes(fmt.journal_line(header, 0)[0])
    with pytest.raises(StoreError, match="newer"):
        open_store(db_path).add(record("x"))


def test_a_journal_entry_that_is_not_a_commitment_is_damage(db_path):
    store = open_store(db_path)
    store.add(record("one"))
    journal = journal_of(db_path)
    with open(journal, "ab") as fh:
        fh.write(b'{"set":{"commitments":{"2":{"title":"no due date","status":"open"}}},"last_id":2}\n')
    damaged = journal.read_bytes()
    for action in (lambda s: s.all(), lambda s: s.add(record("x"))):
        with pytest.raises(StoreError, match="journal.*damaged"):
            action(open_store(db_path))
    assert journal.read_bytes() == damaged


OPERATIONS = ["add", "add", "mark", "edit", "remove", "undo", "compact", "reopen", "limit"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(OPERATIONS), st.integers(0, 50)), max_size=40))
def test_any_sequence_of_changes_reads_back_like_a_plain_dict(steps):
    """Whatever mix of changes, undos, compactions and reopenings: the store holds what a
    plain dict with an undo stack holds, and a fresh process reads the same."""
    expected: dict[int, tuple[str, str]] = {}
    history: list[dict] = []
    last_id = 0
    limit = fmt.journal_limit
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "store.json")
        store = open_store(path)
        try:
            for op, n in steps:
                ids = sorted(expected)
                target = ids[n % len(ids)] if ids else None
                if op == "add":
                    history.append(dict(expected))
                    last_id += 1
                    assert store.add(record(f"item {n}")) == last_id
                    expected[last_id] = (f"item {n}", "open")
                elif op in ("mark", "edit", "remove") and target is not None:
                    history.append(dict(expected))
                    if op == "mark":
                        status = ("met", "missed", "cancelled", "open")[n % 4]
                        if status == expected[target][1] == "open":  # already so: no step
                            with pytest.raises(AlreadySo):
                                store.mark(target, status)
                            history.pop()
                        else:
                            store.mark(target, status)
                        expected[target] = (expected[target][0], status)
                    elif op == "edit":
                        if expected[target][0] == f"edited {n}":  # already so: no step
                            with pytest.raises(AlreadySo):
                                store.edit(target, title=f"edited {n}")
                            history.pop()
                        else:
                            store.edit(target, title=f"edited {n}")
                        expected[target] = (f"edited {n}", expected[target][1])
                    else:
                        store.remove(target)
                        del expected[target]
                elif op == "undo":
                    if history:
                        store.undo()
                        expected = history.pop()
                    else:
                        with pytest.raises(StoreError):
                            store.undo()
                elif op == "compact":
                    with store.transaction():
                        store.storage.compact()
                elif op == "reopen":
                    store = open_store(path)
                elif op == "limit":
                    fmt.journal_limit = (lambda size: 0) if n % 2 else limit
                store.refresh()
                assert {i: (r.title, r.status) for i, r in store.all()} == expected
        finally:
            fmt.journal_limit = limit
        fresh = open_store(path)
        assert {i: (r.title, r.status) for i, r in fresh.all()} == expected


@pytest.mark.parametrize("compact", [False, True])
def test_a_long_lived_store_sees_writes_between_its_own(db_path, monkeypatch, compact):
    """The dashboard keeps its Store open; it skips re-reading the file only while no
    other process wrote (appended or compacted) in between its own changes."""
    if compact:
        monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)
    dashboard, other = open_store(db_path), open_store(db_path)
    first = dashboard.add(record("mine"))
    dashboard.mark(first, "met")
    second = other.add(record("from the command line"))
    dashboard.mark(second, "missed")           # must see the other process's item
    other.edit(first, title="renamed elsewhere")
    dashboard.postpone(first, model.Due.from_value("2026-02"))
    fresh = dict(open_store(db_path).all())
    assert fresh[first].title == "renamed elsewhere" and fresh[first].due == "2026-02-28"
    assert fresh[second].status == "missed"
    assert dict(dashboard.all()) == fresh


SOONEST_OPS = ["add", "add", "mark", "postpone", "edit", "remove", "undo", "compact"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SOONEST_OPS), st.integers(0, 60)), max_size=40))
def test_the_soonest_open_items_read_from_the_journal_match_a_full_read(steps):
    """The dashboard paints its first rows from Store.soonest_open (the journal alone):
    after any changes they must be exactly the first open items of a full read."""
    dues = ["2026-01-05", "2026-01-20", "2026-02", "2026-W06", "2026-Q1", "2026", "2025-12-24"]
    kept = fmt.SOONEST_KEPT
    fmt.SOONEST_KEPT = 4  # small, so items move across its edge
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "store.json")
            store = open_store(path)
            used = False
            for op, n in steps:
                ids = [i for i, _r in store.all()]
                target = ids[n % len(ids)] if ids else None
                due = model.Due.from_value(dues[n % len(dues)])
                if op == "add":
                    store.add(record(f"item {n}", dues[n % len(dues)]))
                elif op == "compact":
                    with store.transaction():
                        store.storage.compact()
                elif op == "undo":
                    with contextlib.suppress(StoreError):
                        store.undo()
                elif target is not None:
                    with contextlib.suppress(AlreadySo):  # reopened, postponed to its due
                        if op == "mark":
                            store.mark(target, ("met", "missed", "open")[n % 3])
                        elif op == "postpone":
                            store.postpone(target, due)
                        elif op == "edit":
                            store.edit(target, due=due)
                    if op == "remove":
                        store.remove(target)
                soonest = open_store(path).soonest_open()
                everything = sorted(((i, r) for i, r in open_store(path).all()
                                     if r.status == "open"),
                                    key=lambda item: model.due_order(*item))
                if soonest is not None:
                    used = True
                    assert soonest == everything[:len(soonest)]
                    assert soonest  # never an empty answer: the full read is as cheap then
            if steps and steps[-1][0] == "compact" and any(
                    r.status == "open" for _i, r in open_store(path).all()):
                assert used
    finally:
        fmt.SOONEST_KEPT = kept


def test_soonest_open_is_none_when_the_journal_does_not_continue_the_snapshot(db_path):
    store = open_store(db_path)
    store.add_many([record(f"item {n}", f"2026-01-{n + 1:02d}") for n in range(5)])
    assert [r.title for _i, r in open_store(db_path).soonest_open()] == [
        f"item {n}" for n in range(5)]
    os.utime(db_path, ns=(1, 1))  # the snapshot is not the one the journal names
    assert open_store(db_path).soonest_open() is None


def test_tinydb_queries_the_commitments_read_only(db_path):
    from tinydb import Query

    from store.db import as_tinydb
    store = open_store(db_path)
    store.add(model.Commitment.new("Launch the probe", model.Due.from_value("2026-04"), actor="NASA"))
    store.add(model.Commitment.new("Budget vote", model.Due.from_value("2026-01-15"), actor="Parliament"))
    db = as_tinydb(open_store(db_path))
    found = db.table("commitments").search(Query().actor == "NASA")
    assert [record["title"] for record in found] == ["Launch the probe"]
    with pytest.raises(StoreError, match="read-only"):
        db.table("commitments").insert({"title": "sneaked in"})
    assert len(open_store(db_path).all()) == 2
