"""The foundation's command line, run through the installed `frist` entry point.

"Today" is fixed at 2025-11-24 by conftest (FRIST_TODAY); every test has its own store.
"""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from store import model
from store.db import open_store
from conftest import TODAY

# The JSON object of docs/json.md, field for field, in its order (written out here on purpose:
# a change to model.JSON_FIELDS must not silently change what the test expects).
DESIGN_FIELDS = ["id", "uid", "title", "due", "precision", "window_start", "due_text", "actor",
                 "status", "state", "days_left", "tags", "sources", "created", "updated", "decided", "history"]


def add(frist, title, due, *extra) -> int:
    result = frist("add", title, "--due", due, *extra)
    assert result.returncode == 0, result.stderr
    return int(result.stdout)


def listed(frist, *args) -> list[dict]:
    result = frist("list", "--json", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def ids(frist, *args) -> list[int]:
    return [item["id"] for item in listed(frist, *args)]


def shown(frist, item_id) -> dict:
    result = frist("show", str(item_id), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def seeded(db_path):
    """Six commitments around today (2025-11-24), stored in one go through the store API."""
    day = model.Due.from_value
    store = open_store(db_path)
    records = [
        model.Commitment.new("Rare earth deal", day("2025-11-27"), actor="US Government", tags=["trade"]),
        model.Commitment.new("Export licences required", day("2025-12-01"),
                             actor="China Commerce Ministry", tags=["trade", "export"]),
        model.Commitment.new("Visit Beijing", day("2026-04", "im April 2026"), actor="Donald Trump"),
        model.Commitment.new("Old promise", day("2025-11-20"), actor="EU Commission"),
        model.Commitment.new("Due this very day", day("2025-11-24")),
        model.Commitment.new("Kept promise", day("2025-11-10"), actor="EU Commission", status="met"),
    ]
    assert store.add_many(records) == [1, 2, 3, 4, 5, 6]
    return db_path


# -- add

def test_add_prints_the_new_id_alone_on_stdout_and_confirms_on_stderr(frist):
    first = frist("add", "Rare earth deal", "--due", "2025-11-27", "--actor", "US")
    assert first.returncode == 0
    assert first.stdout == "1\n"
    assert "Rare earth deal" in first.stderr and "27 Nov 2025" in first.stderr
    second = frist("add", "Another", "--due", "2026-01-01")
    assert second.stdout == "2\n"


def test_add_stores_every_given_field(frist):
    n = add(frist, "  Trump   to visit Beijing ", "April 2026", "--actor", "Donald Trump",
            "--tag", "china", "--tag", "trade", "--note", "from the seed article")
    item = shown(frist, n)
    assert item["title"] == "Trump to visit Beijing"
    assert (item["due"], item["window_start"], item["precision"]) == ("2026-04-30", "2026-04-01", "month")
    assert item["due_text"] == "April 2026"
    assert item["actor"] == "Donald Trump"
    assert item["tags"] == ["china", "trade"]
    assert item["status"] == "open" and item["state"] == "upcoming"
    assert item["days_left"] == 157
    assert item["history"][0]["event"] == "created"
    assert item["history"][0]["note"] == "from the seed article"


def test_blank_tags_are_none_and_a_comma_separates_tags(frist):
    # as the dashboard's Tags field reads "a, b"; a blank tag showed as a second
    # "(none)" row in stats and an empty CATEGORIES entry in the ICS export
    n = add(frist, "Tagged", "2026-01-01", "--tag", "", "--tag", "  ", "--tag", "trade, china ",
            "--tag", "trade")
    assert shown(frist, n)["tags"] == ["china", "trade"]
    edited = frist("edit", str(n), "--tag", "")
    assert edited.returncode == 0 and "tags to none" in edited.stderr
    assert shown(frist, n)["tags"] == []


@pytest.mark.parametrize("typed, due, start, precision", [
    ("2025-12-24", "2025-12-24", "2025-12-24", "day"),
    ("Q1 2026", "2026-03-31", "2026-01-01", "quarter"),
    ("2026", "2026-12-31", "2026-01-01", "year"),
    ("2026-W02", "2026-01-11", "2026-01-05", "week"),
    ("27 November", "2025-11-27", "2025-11-27", "day"),
    ("27. November 2025", "2025-11-27", "2025-11-27", "day"),
    ("April 2026", "2026-04-30", "2026-04-01", "month"),
    ("bis Ende März", "2026-03-31", "2026-03-01", "month"),
    ("H1 2027", "2027-06-30", "2027-01-01", "quarter"),  # a half keeps its own first day
    ("2 Mai", "2026-05-02", "2026-05-02", "day"),  # the day is not dropped
])
def test_add_keeps_the_window_of_the_date_typed(frist, typed, due, start, precision):
    item = shown(frist, add(frist, "x", typed))
    assert (item["due"], item["window_start"], item["precision"]) == (due, start, precision)


def test_ids_are_never_reused_after_the_newest_item_is_removed(frist):
    add(frist, "a", "2026-01-01")
    second = add(frist, "b", "2026-01-02")
    assert frist("rm", str(second)).returncode == 0
    assert add(frist, "c", "2026-01-03") == 3


# -- JSON

def test_json_has_exactly_the_fields_of_design(frist, seeded):
    items = listed(frist, "--status", "all")
    assert len(items) == 6
    for item in items:
        assert list(item) == DESIGN_FIELDS
    assert list(shown(frist, 3)) == DESIGN_FIELDS
    visit = shown(frist, 3)
    assert visit["due_text"] == "im April 2026"
    assert visit["sources"] == [] and isinstance(visit["created"], str)


def test_json_state_and_days_left_follow_today(frist, seeded):
    by_id = {item["id"]: item for item in listed(frist, "--status", "all")}
    assert (by_id[1]["state"], by_id[1]["days_left"]) == ("due-soon", 3)
    assert (by_id[2]["state"], by_id[2]["days_left"]) == ("due-soon", 7)
    assert (by_id[3]["state"], by_id[3]["days_left"]) == ("upcoming", 157)
    assert (by_id[4]["state"], by_id[4]["days_left"]) == ("overdue", -4)
    assert (by_id[5]["state"], by_id[5]["days_left"]) == ("due-today", 0)
    assert (by_id[6]["state"], by_id[6]["status"]) == ("met", "met")
    later = json.loads(frist("--today", "2025-11-28", "list", "--json", "--status", "all").stdout)
    assert {i["id"]: i["state"] for i in later}[1] == "overdue"


# -- list and its filters

def test_list_defaults_to_open_items_sorted_by_due(frist, seeded):
    assert ids(frist) == [4, 5, 1, 2, 3]
    assert ids(frist, "--status", "all") == [6, 4, 5, 1, 2, 3]


@pytest.mark.parametrize("args, expected", [
    (["--status", "met"], [6]),
    (["--status", "missed"], []),
    (["--status", "overdue"], [4]),
    (["--status", "due-today"], [5]),
    (["--status", "due-soon"], [1, 2]),
    (["--status", "upcoming"], [3]),
    (["--status", "needs-decision"], [4]),
    (["--within", "3d"], [4, 5, 1]),
    (["--within", "1w"], [4, 5, 1, 2]),
    (["--actor", "eu comm"], [4]),
    (["--actor", "EU", "--status", "all"], [6, 4]),
    (["--tag", "export"], [2]),
    (["--tag", "trade"], [1, 2]),
    (["--search", "BEIJING"], [3]),
    (["--search", "commerce"], [2]),
    (["--search", "april 2026"], [3]),
    (["--tag", "trade", "--within", "5d"], [1]),
    (["--search", "nothing like this"], []),
])
def test_list_filters(frist, seeded, args, expected):
    assert ids(frist, *args) == expected


def test_list_table_shows_due_countdown_title_actor_status(frist, seeded):
    result = frist("list", "--status", "all")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DUE", "WHEN", "TITLE", "ACTOR", "STATUS"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert "27 Nov 2025" in rows["1"] and "in 3 d" in rows["1"] and "US Government" in rows["1"]
    assert "Apr 2026" in rows["3"] and "in 157 d" in rows["3"]
    assert "4 d overdue" in rows["4"]
    assert "today" in rows["5"]
    assert rows["6"].rstrip().endswith("met")
    # sorted by due
    assert [line.split()[0] for line in lines[1:]] == ["6", "4", "5", "1", "2", "3"]


def test_list_of_nothing_says_so_on_stderr(frist, seeded):
    result = frist("list", "--tag", "no-such-tag")
    assert result.returncode == 0 and result.stdout == ""
    assert "nothing to show" in result.stderr


def test_list_of_nothing_hints_at_status_all_only_when_it_shows_something(frist):
    """'nothing to show (try --status all)' was said of an empty store and of a search
    that --status all finds nothing for either."""
    empty = frist("list")
    assert empty.returncode == 0 and empty.stdout == ""
    assert empty.stderr.startswith("no commitments yet: `frist add TITLE --due WHEN` adds one")
    item = frist("add", "Port reopens", "--due", "2025-11-20", check=True).stdout.strip()
    frist("mark", item, "met", check=True)
    assert frist("list").stderr == "nothing to show (--status all shows 1)\n"
    assert frist("list", "--search", "airport").stderr == "nothing to show\n"
    assert frist("list", "--status", "all", "--search", "airport").stderr == "nothing to show\n"


def test_list_rejects_unknown_status_and_span(frist, seeded):
    result = frist("list", "--status", "finished")   # a choice: a usage error, listing them
    assert result.returncode == 2 and "'needs-decision'" in result.stderr
    result = frist("list", "--within", "soon")
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.splitlines()) == 1
    result = frist("list", "--json", "--timeline")
    assert result.returncode == 2 and "choose one" in result.stderr


def test_marking_again_keeps_the_day_the_decision_replaced(frist):
    """`mark met --on yesterday`, then `mark met`: decided moved to today and the
    history said only "marked met again" — the first day was gone."""
    item = frist("add", "Vote held", "--due", "20 Nov 2025", check=True).stdout.strip()
    frist("mark", item, "met", "--on", "2025-11-21", check=True)
    frist("mark", item, "met", check=True)
    frist("mark", item, "met", check=True)  # the same day again: nothing to add
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert shown["decided"] == TODAY
    assert [h["event"] for h in shown["history"][1:]] == [
        "marked met (21 Nov 2025)", "marked met again: 24 Nov 2025, was 21 Nov 2025",
        "marked met again"]
    frist("mark", item, "missed", check=True)  # decided today, as the event's own time says
    frist("mark", item, "missed", "--on", "2025-11-22", "--note", "recounted", check=True)
    history = json.loads(frist("show", item, "--json", check=True).stdout)["history"]
    assert [h["event"] for h in history[-2:]] == [
        "marked missed", "marked missed again: 22 Nov 2025, was 24 Nov 2025"]


def test_a_title_past_the_limit_is_refused_in_one_line(frist, tmp_path):
    """A 100 KB title was stored and echoed whole."""
    from store.model import TITLE_LIMIT
    long = "x" * 100_000
    result = frist("add", long, "--due", "2026-01-01")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == (f"error: the title is 100,000 characters long; a title takes at "
                             f"most {TITLE_LIMIT}: say it shorter (a note can hold the rest)\n")
    item = frist("add", "y" * TITLE_LIMIT, "--due", "2026-01-01", check=True).stdout.strip()
    edited = frist("edit", item, "--title", "z " * TITLE_LIMIT)
    assert edited.returncode == 1 and "999 characters long" in edited.stderr
    path = tmp_path / "long.json"
    path.write_text(json.dumps([{"title": "ok", "due": "2026-01-01"},
                                {"title": "w" * (TITLE_LIMIT + 1), "due": "2026-01-01"}]))
    imported = frist("import", str(path))
    assert imported.returncode == 1 and "entry 2: the title is 501 characters" in imported.stderr
    assert [i["title"] for i in json.loads(frist("list", "--json").stdout)] == ["y" * TITLE_LIMIT]


# -- show

def test_show_prints_the_item_with_its_history(frist, seeded):
    assert frist("mark", "1", "met", "--note", "signed in Busan").returncode == 0
    result = frist("show", "1")
    assert result.returncode == 0
    assert "#1  Rare earth deal" in result.stdout
    assert "27 Nov 2025" in result.stdout
    assert "US Government" in result.stdout
    assert "marked met — signed in Busan" in result.stdout
    window = frist("show", "3").stdout
    assert "window 1 Apr 2026 – 30 Apr 2026" in window and "im April 2026" in window


# -- mark

@pytest.mark.parametrize("status", ["met", "missed", "cancelled"])
def test_mark_records_the_decision_with_its_note(frist, seeded, status):
    result = frist("mark", "4", status, "--note", "checked the news")
    assert result.returncode == 0 and result.stdout == ""
    item = shown(frist, 4)
    assert item["status"] == status and item["state"] == status
    assert item["history"][-1]["event"] == f"marked {status}"
    assert item["history"][-1]["note"] == "checked the news"
    assert 4 not in ids(frist)
    assert ids(frist, "--status", status) == ([6, 4] if status == "met" else [4])


def test_mark_open_reopens(frist, seeded):
    assert frist("mark", "6", "open").returncode == 0
    item = shown(frist, 6)
    assert item["status"] == "open" and item["state"] == "overdue"
    assert item["history"][-1]["event"] == "reopened"


# -- postpone

def test_postpone_moves_the_due_date_and_reopens(frist, seeded):
    assert frist("mark", "4", "missed").returncode == 0
    result = frist("postpone", "4", "2026-02", "--note", "new timetable")
    assert result.returncode == 0, result.stderr
    item = shown(frist, 4)
    assert (item["due"], item["precision"], item["status"]) == ("2026-02-28", "month", "open")
    assert item["history"][-1]["event"] == "postponed from 20 Nov 2025 to Feb 2026"
    assert item["history"][-1]["note"] == "new timetable"


# -- edit

def test_edit_changes_title_due_actor_and_tags(frist, seeded):
    result = frist("edit", "3", "--title", "Trump visits Beijing", "--due", "2026-05-02",
                   "--actor", "White House", "--tag", "china")
    assert result.returncode == 0, result.stderr
    item = shown(frist, 3)
    assert item["title"] == "Trump visits Beijing"
    assert (item["due"], item["precision"]) == ("2026-05-02", "day")
    assert item["actor"] == "White House" and item["tags"] == ["china"]
    assert item["history"][-1]["event"].startswith("edited title from 'Visit Beijing'")
    assert item["updated"] == item["history"][-1]["at"]


def test_edit_without_a_change_is_a_usage_error(frist, seeded):
    result = frist("edit", "3")
    assert result.returncode == 2
    assert len(shown(frist, 3)["history"]) == 1


def test_edit_to_an_empty_title_is_refused(frist, seeded):
    result = frist("edit", "3", "--title", "   ")
    assert result.returncode == 1 and result.stderr.startswith("error: ")
    assert shown(frist, 3)["title"] == "Visit Beijing"


# -- rm and undo

def test_rm_then_undo_brings_the_item_back_unchanged(frist, seeded):
    before = shown(frist, 2)
    result = frist("rm", "2")
    assert result.returncode == 0 and result.stdout == ""
    assert frist("show", "2").returncode == 1
    assert 2 not in ids(frist, "--status", "all")
    undone = frist("undo")
    assert undone.returncode == 0 and "#2 deleted" in undone.stderr
    assert shown(frist, 2) == before


def test_undo_reverts_each_kind_of_change(frist, seeded):
    original = listed(frist, "--status", "all")
    steps = [("mark", "1", "met"), ("postpone", "4", "2026-01-15"), ("edit", "3", "--title", "New"),
             ("rm", "5"), ("add", "Fresh", "--due", "2026-03-01")]
    for step in steps:
        assert frist(*step).returncode == 0
    for _ in steps:
        assert frist("undo").returncode == 0
    assert listed(frist, "--status", "all") == original
    assert "import of 6 items" in frist("undo").stderr  # the seeding itself
    assert listed(frist, "--status", "all") == []
    nothing = frist("undo")
    assert nothing.returncode == 1
    assert nothing.stderr.startswith("error: nothing to undo")


def test_undo_works_more_than_fifty_changes_deep_across_processes(frist, db_path):
    """55 changes (adds, marks, edits, removals), each its own step, undone one `frist undo`
    process at a time; after each undo the store is what it was before that change."""
    store = open_store(db_path)
    states = []
    for n in range(55):
        states.append(sorted(store.all()))
        kind = n % 4
        if kind == 0 or n < 4:
            store.add(model.Commitment.new(f"item {n}", model.Due.from_value("2026-01-01")))
        elif kind == 1:
            store.mark(store.all()[0][0], "met", f"step {n}")
        elif kind == 2:
            store.edit(store.all()[-1][0], title=f"renamed at {n}")
        else:
            store.remove(store.all()[-1][0])
    for n in reversed(range(55)):
        result = frist("undo")
        assert result.returncode == 0, result.stderr
        assert sorted(open_store(db_path).all()) == states[n], f"after undoing change {n}"
    assert open_store(db_path).all() == []
    assert frist("undo").returncode == 1


# -- due

def test_due_check_exits_3_when_something_needs_attention(frist, seeded):
    result = frist("due", "--check")
    assert (result.returncode, result.stdout) == (3, "")
    listing = frist("due")
    assert listing.returncode == 0
    assert {line.split()[0] for line in listing.stdout.splitlines()[1:]} == {"4", "5"}
    assert ids(frist, "--status", "all") and json.loads(frist("due", "--json").stdout)[0]["id"] == 4


def test_due_check_exits_0_when_nothing_does(frist):
    assert frist("due", "--check").returncode == 0  # empty store
    add(frist, "far away", "2026-06-01")
    assert frist("due", "--check").returncode == 0
    assert frist("due", "--check", "--within", "300d").returncode == 3
    add(frist, "tomorrow's", "2025-11-25")
    assert frist("due", "--check").returncode == 3


# -- errors: bad input gives one line and exit 1, and changes nothing

def one_line_error(result, code=1) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.startswith("error: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr.strip()


@pytest.mark.parametrize("command", [
    ["add", "x", "--due", "next blursday"],
    ["postpone", "1", "next blursday"],
    ["edit", "1", "--due", "next blursday"],
    ["--today", "next blursday", "list"],
])
def test_bad_date_is_one_line_and_exit_1(frist, seeded, command):
    before = seeded.read_bytes()
    result = frist(*command)
    named = "--today: " if command[0] == "--today" else ""  # where the date came from
    assert one_line_error(result) == f"error: {named}cannot understand the date 'next blursday'"
    assert result.stdout == ""
    assert seeded.read_bytes() == before
    assert len(ids(frist, "--status", "all")) == 6


@pytest.mark.parametrize("command", [
    ["show", "{}"], ["show", "{}", "--json"], ["mark", "{}", "met"], ["postpone", "{}", "2026-01-01"],
    ["edit", "{}", "--title", "x"], ["rm", "{}"],
])
def test_unknown_and_non_numeric_ids(frist, seeded, command):
    unknown = frist(*[part.format(99) if part == "{}" else part for part in command])
    assert one_line_error(unknown) == "error: no commitment with id 99"
    for bad in ("abc", "1.5", "0"):
        result = frist(*[bad if part == "{}" else part for part in command])
        message = one_line_error(result)
        assert "id" in message
    assert len(ids(frist, "--status", "all")) == 6


@pytest.mark.parametrize("args", [
    ["frobnicate"], ["list", "--bogus"], ["add", "no due date"], ["add"],
    ["mark", "1", "done"], ["mark", "1"], ["show"], ["postpone", "1"], ["list", "--within"],
])
def test_usage_errors_exit_2(frist, seeded, args):
    result = frist(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# -- a damaged store is never overwritten

def damage_by_truncation(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_not_json(path):
    path.write_bytes(b"\x00\x01 this is not JSON at all \xff")


def damage_shape_list(path):
    path.write_bytes(b"[1, 2, 3]")


def damage_shape_entry(path):
    data = json.loads(path.read_bytes())
    data["commitments"]["1"] = ["not", "an", "object"]
    path.write_text(json.dumps(data))


def damage_record_without_due(path):
    data = json.loads(path.read_bytes())
    del data["commitments"]["1"]["due"]
    path.write_text(json.dumps(data))


def damage_empty_file(path):
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [damage_by_truncation, damage_not_json, damage_shape_list,
                                    damage_shape_entry, damage_record_without_due, damage_empty_file])
@pytest.mark.parametrize("command", [["list"], ["add", "x", "--due", "2026-01-01"], ["undo"]])
def test_damaged_store_is_named_left_untouched_and_exit_1(frist, db_path, damage, command):
    add(frist, "first", "2026-01-01")   # the first write makes the snapshot and its backup
    add(frist, "second", "2026-01-02")
    damage(db_path)
    damaged = db_path.read_bytes()
    files = sorted(p.name for p in db_path.parent.iterdir())
    message = one_line_error(frist(*command))
    assert str(db_path) in message and "damaged" in message
    assert f"{db_path}.bak" in message
    assert db_path.read_bytes() == damaged
    assert sorted(p.name for p in db_path.parent.iterdir()) == files


def test_the_backup_named_by_the_error_restores_everything(frist, db_path):
    for n in range(3):
        add(frist, f"item {n}", "2026-01-01")
    expected = listed(frist, "--status", "all")
    damage_not_json(db_path)
    assert frist("list").returncode == 1
    db_path.write_bytes(db_path.with_name(db_path.name + ".bak").read_bytes())
    assert listed(frist, "--status", "all") == expected


def test_damaged_journal_is_named_and_left_untouched(frist, db_path):
    for n in range(3):
        add(frist, f"item {n}", "2026-01-01")
    journal = db_path.with_name(db_path.name + ".journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = b"{garbage\n"
    journal.write_bytes(b"".join(lines))
    damaged = journal.read_bytes()
    for command in (["list"], ["add", "x", "--due", "2026-01-01"]):
        message = one_line_error(frist(*command))
        assert str(journal) in message and "damaged" in message
    assert journal.read_bytes() == damaged


def test_store_written_by_a_newer_frist_is_refused(frist, db_path):
    add(frist, "first", "2026-01-01")
    data = json.loads(db_path.read_bytes())
    data["meta"]["1"]["schema"] = 99
    db_path.write_text(json.dumps(data))
    newer = db_path.read_bytes()
    for command in (["list"], ["add", "x", "--due", "2026-01-01"], ["undo"]):
        message = one_line_error(frist(*command))
        assert "newer" in message and str(db_path) in message and "99" in message
    assert db_path.read_bytes() == newer


def test_unwritable_store_folder_is_one_line(frist, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = frist("--db", str(blocker / "store.json"), "add", "x", "--due", "2026-01-01")
    one_line_error(result)


# -- files

def test_store_files_are_private_to_the_user(frist, db_path):
    add(frist, "secret plans", "2026-01-01")
    add(frist, "more", "2026-01-02")
    for path in db_path.parent.iterdir():
        if path.name.startswith("store.json"):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_default_store_lives_in_the_user_data_folder(frist, isolated):
    result = frist("add", "x", "--due", "2026-01-01", env={"FRIST_DB": ""})
    assert result.returncode == 0, result.stderr
    store = isolated / "home" / "data" / "frist" / "store.json"
    assert store.exists() and stat.S_IMODE(store.stat().st_mode) == 0o600


def test_db_option_wins_over_the_environment(frist, tmp_path, db_path):
    other = tmp_path / "elsewhere" / "mine.json"
    assert frist("--db", str(other), "add", "x", "--due", "2026-01-01").returncode == 0
    assert other.exists() and not db_path.exists()


# -- untrusted text is shown literally

EVIL = "Deal \x1b[31mRED\x1b[0m [bold]x[/bold] \x07bell"


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}])
def test_no_escape_codes_reach_a_non_terminal(frist, seeded, env):
    result = frist("list", "--status", "all", env=env)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout


def test_titles_with_escape_sequences_and_markup_are_printed_literally(frist):
    n = add(frist, EVIL, "2026-01-01", "--actor", "[red]Actor[/red]\x1b]0;title\x07")
    for command in (["list"], ["show", str(n)]):
        result = frist(*command, env={"COLUMNS": "200"})  # room for every cell whole
        assert result.returncode == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "[bold]x[/bold]" in result.stdout
        assert "\\x1b[31mRED\\x1b[0m" in result.stdout
        assert "[red]Actor[/red]" in result.stdout
    confirmation = frist("add", EVIL, "--due", "2026-01-01").stderr
    assert "\x1b" not in confirmation and "[bold]x[/bold]" in confirmation
    assert shown(frist, n)["title"] == EVIL  # stored as given, made visible only on output


EMOJI = "Picnic 👩\u200d👩\u200d👧\u200d👦 👍🏽 ☺\ufe0f ✂\ufe0e می\u200cخواهم"  # ZWJ, tone, VS16/15, ZWNJ
BIDI = "Evil \u202egnp.exe\u202c \u2066iso\u2069 \u200fmark \u061calm \x1b[31mred"


def test_joined_emoji_are_shown_as_typed_and_bidi_overrides_are_not(frist):
    n = add(frist, EMOJI + " " + BIDI, "2026-01-01", "--actor", "👨\u200d🍳 Chef")
    confirmation = frist("add", EMOJI, "--due", "2026-01-01").stderr
    assert EMOJI in confirmation
    for command in (["list"], ["show", str(n)]):
        out = frist(*command, env={"COLUMNS": "200"}).stdout
        assert EMOJI in out and "👨\u200d🍳 Chef" in out
        assert "\\u200d" not in out and "\\u200c" not in out and "\\ufe0f" not in out
        for raw in ("\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u061c", "\x1b"):
            assert raw not in out
        assert "\\u202egnp.exe\\u202c \\u2066iso\\u2069 \\u200fmark \\u061calm \\x1b[31mred" in out


# -- fast commands do not load the heavy libraries

PROBE = """
import sys
from tui.cli import cli
try:
    cli(args=sys.argv[1:], prog_name="frist")
except SystemExit as e:
    assert not e.code, e.code
heavy = sorted(m for m in ("textual", "dateparser", "rich") if m in sys.modules)
print("heavy:" + ",".join(heavy))
"""


@pytest.mark.parametrize("command", [
    ["add", "x", "--due", "2026-01-01"],
    ["add", "x", "--due", "27 November"],
    ["list", "--status", "all"],
    ["list", "--status", "all", "--json"],
    ["show", "1"],
    ["mark", "1", "met"],
    ["undo"],
])
def test_fast_commands_import_neither_textual_nor_dateparser(frist, seeded, command):
    result = subprocess.run([sys.executable, "-c", PROBE, *command], capture_output=True,
                            text=True, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert result.returncode == 0, result.stderr
    heavy = result.stdout.strip().splitlines()[-1]
    assert heavy.startswith("heavy:")
    assert "textual" not in heavy and "dateparser" not in heavy, heavy


def run_on_a_terminal(args: list[str], env: dict) -> str:
    """Run frist with its stdout on a pseudo-terminal; what it printed there."""
    import pty
    from conftest import frist_exe
    main, secondary = pty.openpty()
    try:
        proc = subprocess.run(frist_exe() + args, stdout=secondary, stderr=subprocess.PIPE,
                              env=dict(os.environ, TERM="xterm", COLUMNS="120", **env), timeout=60)
        os.close(secondary)
        secondary = None
        assert proc.returncode == 0, proc.stderr
        chunks = []
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the terminal's other side is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(main)
        if secondary is not None:
            os.close(secondary)


def test_a_terminal_gets_colours_unless_no_color_and_never_raw_escapes_from_titles(frist, seeded):
    add(frist, EVIL, "2025-11-20")
    coloured = run_on_a_terminal(["list"], {})
    assert "\x1b[1;31m" in coloured                 # overdue items in bold red
    assert "\\x1b[31mRED" in coloured               # the title's own escape made visible
    assert "\x1b[31mRED" not in coloured and "\x07" not in coloured
    plain = run_on_a_terminal(["list"], {"NO_COLOR": "1"})
    assert "\x1b" not in plain.replace("\\x1b", "")
    assert "Old promise" in plain


def test_postpone_says_when_it_reopens_or_moves_earlier(frist, seeded):
    assert frist("mark", "1", "met").returncode == 0
    result = frist("postpone", "1", "2026-02-01")
    assert result.returncode == 0 and "reopened (it was met)" in result.stderr
    result = frist("postpone", "1", "2025-12-01")
    assert "note: that is earlier than before (1 Feb 2026)" in result.stderr
    assert "reopened" not in result.stderr


@pytest.mark.parametrize("typo", ["32.12.", "40.12.", "5", "31.02.2026"])
def test_a_mistyped_date_is_refused_not_guessed(frist, typo):
    result = frist("add", "x", "--due", typo)
    assert one_line_error(result) == f"error: cannot understand the date '{typo}'"


def test_postpone_by_a_span_counts_from_the_current_due(frist, seeded):
    result = frist("postpone", "2", "+2w")   # 'Export licences required', due 1 Dec 2025
    assert result.returncode == 0, result.stderr
    assert shown(frist, "2")["due"] == "2025-12-15"
    assert one_line_error(frist("postpone", "2", "+soon")).startswith("error: cannot understand")


def test_postpone_by_a_minus_span_brings_the_current_due_forward(frist, seeded):
    """-1w is a week earlier than the current due, as +1w is a week later (it was read as
    'a week before today', which moved an item due long ago later, not earlier)."""
    result = frist("postpone", "2", "-1w")   # 'Export licences required', due 1 Dec 2025
    assert result.returncode == 0, result.stderr
    assert shown(frist, "2")["due"] == "2025-11-24"
    assert "earlier than before (1 Dec 2025)" in result.stderr
    assert frist("postpone", "2", "-3d", "--note", "sooner", check=True).returncode == 0
    assert shown(frist, "2")["due"] == "2025-11-21"
    mistyped = frist("postpone", "2", "-1w", "--nte", "x")   # options are still read
    assert mistyped.returncode == 2 and "No such option '--nte'" in mistyped.stderr


def test_every_timestamp_is_taken_on_the_given_today(frist):
    """--today moves the clock for what frist writes too: created, marked, postponed."""
    item = frist("add", "Port reopens", "--due", "2025-12-01", check=True).stdout.strip()
    frist("mark", item, "met", check=True)
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert shown["created"].startswith(TODAY) and shown["updated"].startswith(TODAY)
    assert [event["at"][:10] for event in shown["history"]] == [TODAY, TODAY]
    assert "met 24 Nov" in frist("list", "--status", "all", check=True).stdout


def test_mark_on_records_when_it_was_decided(frist):
    item = frist("add", "Port reopens", "--due", "2025-11-20", check=True).stdout.strip()
    frist("mark", item, "met", "--on", "19 Nov", check=True)   # year-less: the past one
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert shown["status"] == "met" and shown["decided"] == "2025-11-19"
    assert "met 19 Nov" in frist("list", "--status", "all", check=True).stdout
    frist("mark", item, "missed", "--on", "2024-06-03", check=True)
    assert "missed 3 Jun 2024" in frist("list", "--status", "all", check=True).stdout  # not this year
    frist("mark", item, "open", check=True)
    assert json.loads(frist("show", item, "--json", check=True).stdout)["decided"] is None


@pytest.mark.parametrize("when,message", [
    ("tomorrow", "after today: a decision cannot be taken in the future"),
    # "next Thursday" is ahead, as `add` reads it, not last week's Thursday
    ("next Thursday", "after today: a decision cannot be taken in the future"),
    ("kommenden Donnerstag", "after today: a decision cannot be taken in the future"),
    ("December 2025", "a decision is taken on one day"),
    ("soonish", "cannot understand the date 'soonish'"),
])
def test_mark_on_refuses_what_is_not_a_past_day(frist, when, message):
    item = frist("add", "Port reopens", "--due", "2025-11-20", check=True).stdout.strip()
    result = frist("mark", item, "met", "--on", when)
    assert result.returncode == 1 and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert json.loads(frist("show", item, "--json", check=True).stdout)["status"] == "open"


def test_decided_is_today_by_default_and_survives_an_export(frist, tmp_path):
    item = frist("add", "Port reopens", "--due", "2025-11-20", check=True).stdout.strip()
    frist("mark", item, "cancelled", check=True)
    exported = frist("export", check=True).stdout
    assert json.loads(exported)[0]["decided"] == TODAY
    path = tmp_path / "out.json"
    path.write_text(exported)
    other = str(tmp_path / "other.json")
    frist("--db", other, "import", str(path), check=True)
    assert json.loads(frist("--db", other, "show", "1", "--json", check=True).stdout)["decided"] == TODAY


def test_history_says_what_an_edit_changed_to(frist):
    item = frist("add", "Port reopens", "--due", "27 November", check=True).stdout.strip()
    frist("edit", item, "--actor", "Harbour board", check=True)
    frist("edit", item, "--due", "2025-11-27", check=True)  # the same day: words kept
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert shown["due"] == "2025-11-27" and shown["due_text"] == "27 November"
    assert shown["history"][1]["event"] == "edited actor from '' to 'Harbour board'"
    assert "said as   27 November" in frist("show", item, check=True).stdout


def test_a_new_due_replaces_the_words_it_was_said_in_and_history_keeps_them(frist, tmp_path):
    """"said as" stands beside the due: after a postpone it said the old due's words
    ('in 10 days' beside a due in July 2027), in show, JSON and ICS alike."""
    item = frist("add", "Bridge opens", "--due", "in 10 days", check=True).stdout.strip()
    frist("postpone", item, "Ende Juli 2027", check=True)
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert (shown["due"], shown["due_text"]) == ("2027-07-31", "Ende Juli 2027")
    assert shown["history"][-1]["event"] == (
        "postponed from 4 Dec 2025 (said as “in 10 days”) to Jul 2027")
    assert "said as   Ende Juli 2027" in frist("show", item, check=True).stdout
    ics = frist("export", "--format", "ics", check=True).stdout
    assert "Said as: Ende Juli 2027" in ics and "in 10 days" not in ics.split("X-FRIST-RECORD")[0]
    frist("edit", item, "--due", "1 September 2027", check=True)
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert shown["due_text"] == "1 September 2027"
    assert shown["history"][-1]["event"] == (
        "edited due from Jul 2027 (said as “Ende Juli 2027”) to 1 Sep 2027")
    frist("postpone", item, "+2w", check=True)  # a shift names no day in words: none
    shown = json.loads(frist("show", item, "--json", check=True).stdout)
    assert (shown["due"], shown["due_text"]) == ("2027-09-15", "")
    assert "said as   " not in frist("show", item, check=True).stdout


def test_a_bad_frist_today_is_named_as_such(frist):
    """FRIST_TODAY=garbage said only "cannot understand the date 'garbage'"."""
    result = frist("list", env={"FRIST_TODAY": "garbage"})
    assert result.returncode == 1
    assert result.stderr == "error: FRIST_TODAY: cannot understand the date 'garbage'\n"
    result = frist("--today", "garbage", "list")
    assert result.returncode == 1 and result.stderr.startswith("error: --today: ")
    result = frist("list", env={"FRIST_TODAY": "2026-11"})
    assert result.stderr == "error: FRIST_TODAY: must name one day, not '2026-11'\n"


def test_a_store_in_a_folder_that_is_not_there_is_no_empty_store(frist, tmp_path):
    """FRIST_DB=/typo/x/store.json: `list` said "nothing to show", and `add` made the
    folder and a new store in it without a word."""
    missing = tmp_path / "typo" / "x"
    env = {"FRIST_DB": str(missing / "store.json")}
    for args in (["list"], ["show", "1"], ["check"], ["export"]):
        result = frist(*args, env=env)
        assert result.returncode == 1 and result.stdout == "", args
        assert result.stderr == (f"error: no folder {missing} for the store "
                                 f"{missing / 'store.json'} (given by FRIST_DB): check the path; "
                                 f"the first change made there (`frist add`) creates it\n"), args
    result = frist("--db", str(missing / "store.json"), "list")
    assert result.returncode == 1 and "(given by --db)" in result.stderr
    assert not (tmp_path / "typo").exists()
    added = frist("add", "one", "--due", "2026-01-01", env=env)  # says it makes the folder
    assert added.returncode == 0 and added.stdout == "1\n"
    assert f"warning: made the folder {missing} for the new store" in added.stderr
    assert frist("list", env=env).returncode == 0
