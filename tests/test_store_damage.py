"""Damaged, missing and foreign store files are found, refused in one line that names
the fix, and repaired by `frist check` / `frist restore --from-backup` (issue 12).
Also: stores of the previous format (schema 1) are read and upgraded, and a store
that is a symbolic link keeps its files beside the target."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from store import model
from store import journal as fmt
from store.db import StoreError, open_store

FIXTURES = Path(__file__).parent / "fixtures"
RESTORE = "frist restore --from-backup"


def record(title: str, due: str = "2026-01-01", **kw) -> model.Commitment:
    return model.Commitment.new(title, model.Due.from_value(due), **kw)


def journal_of(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def backup_of(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def store_files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in path.parent.iterdir()
            if p.name.startswith(path.name) and not p.name.endswith(".lock")}


def fill(path: Path, count: int = 20) -> dict[int, tuple]:
    """A store with a snapshot of `count` items, its backup, and 5 journalled changes.
    Returns what it holds."""
    store = open_store(path)
    store.add_many([record(f"item {n}", f"2026-01-{n + 1:02d}", actor=f"actor {n % 3}",
                           tags=["t"]) for n in range(count)])
    store.add(record("added later", "2026-03"))
    store.mark(2, "met", "kept")
    store.edit(3, title="renamed", actor="someone")
    store.postpone(4, model.Due.from_value("2026-Q3"))
    store.remove(5)
    return shown(path)


def shown(path: Path) -> dict[int, tuple]:
    return {i: (r.title, r.due, r.status, r.actor) for i, r in open_store(path).all()}


def cli(*args: str, input: str | None = None):
    from tui.cli import cli as command
    result = CliRunner().invoke(command, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def one_line_error(result) -> str:
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("error: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr.strip()


# -- flipped bytes

FLIPS = (0x01, 0x20, 0x80, 0xFF, 0x0A)  # one bit, a case, the top bit, all, to a newline


def _flipped(raw: bytes, position: int) -> bytes:
    changed = bytearray(raw)
    changed[position] ^= FLIPS[position % len(FLIPS)]
    return bytes(changed)


def each_flip(path: Path):
    """Change one byte of the file at a time, in place, and put it back after; yields
    each position."""
    raw = path.read_bytes()
    fd = os.open(path, os.O_RDWR)
    try:
        for position in range(len(raw)):
            os.pwrite(fd, bytes([raw[position] ^ FLIPS[position % len(FLIPS)]]), position)
            yield position
            os.pwrite(fd, raw[position:position + 1], position)
    finally:
        os.close(fd)


def test_every_flipped_byte_of_the_snapshot_is_found(db_path):
    """One changed byte anywhere in the snapshot: every read refuses, naming the file."""
    fill(db_path)
    found = 0
    for _position in each_flip(db_path):
        with pytest.raises(StoreError) as caught:
            open_store(db_path).all()
        assert str(db_path) in str(caught.value)
        found += 1
    print(f"snapshot: {found} of {db_path.stat().st_size} single-byte changes found")


def test_every_flipped_byte_of_the_journal_is_found_or_harmless(db_path):
    """One changed byte anywhere in the journal is found, or (the last newline lost)
    changes nothing that is read."""
    expected = fill(db_path)
    journal = journal_of(db_path)
    found = harmless = 0
    for position in each_flip(journal):
        try:
            got = shown(db_path)
        except StoreError as e:
            assert str(journal) in str(e)
            found += 1
            continue
        assert got == expected, position
        harmless += 1
    assert harmless <= 1  # the final newline: the whole last change is still read
    print(f"journal: {found} of {journal.stat().st_size} single-byte changes found, "
          f"{harmless} harmless")


def test_damage_never_reaches_the_backup(db_path):
    fill(db_path)
    backup = backup_of(db_path).read_bytes()
    raw = db_path.read_bytes()
    db_path.write_bytes(_flipped(raw, len(raw) // 2))
    for command in (["add", "x", "--due", "2026-01-01"], ["undo"], ["mark", "1", "met"]):
        message = one_line_error(cli(*command))
        assert "damaged" in message and RESTORE in message
    assert backup_of(db_path).read_bytes() == backup


# -- missing, emptied and foreign files

def _rm_snapshot(path):
    path.unlink()


def _rm_journal(path):
    journal_of(path).unlink()


def _empty_journal(path):
    journal_of(path).write_bytes(b"")


def _cut_short_journal(path):
    journal = journal_of(path)
    journal.write_bytes(journal.read_bytes()[:50])  # not even the header line whole


def _foreign_journal(path):
    other = path.with_name("other.json")
    open_store(other).add(record("elsewhere"))
    shutil.copy(journal_of(other), journal_of(path))


def _cut_journal_line(path):
    journal = journal_of(path)
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[:2] + lines[3:]))  # a middle line gone


def _rm_snapshot_and_backup(path):
    path.unlink()
    backup_of(path).unlink()


DAMAGE = {
    "missing snapshot": (_rm_snapshot, "missing"),
    "missing journal": (_rm_journal, "missing"),
    "emptied journal": (_empty_journal, "empty"),
    "journal cut short in its header": (_cut_short_journal, "cut short"),
    "foreign journal": (_foreign_journal, "another snapshot"),
    "a journal line cut out": (_cut_journal_line, "checksum"),
    "journal without snapshot or backup": (_rm_snapshot_and_backup, "missing"),
}
COMMANDS = [["list"], ["list", "--json"], ["add", "x", "--due", "2026-01-01"], ["show", "1"],
            ["mark", "1", "met"], ["postpone", "1", "+7d"], ["edit", "1", "--title", "y"],
            ["rm", "1"], ["undo"], ["due"], ["stats"], ["export", "--format", "csv"]]


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_every_command_refuses_a_store_with_a_missing_or_foreign_file(db_path, damage):
    fill(db_path)
    make, words = DAMAGE[damage]
    make(db_path)
    files = store_files(db_path)
    for command in COMMANDS:
        message = one_line_error(cli(*command))
        assert words in message, (command, message)
        assert "nothing was changed" in message or "left untouched" in message, message
        fix = (RESTORE in message or "move" in message)  # names what to run or do
        assert fix, message
        assert store_files(db_path) == files, command
    from tui.app import make_app
    with pytest.raises(StoreError):  # the dashboard too, before its first paint
        make_app(open_store(db_path)).view.load(open_store(db_path).all())


@pytest.mark.parametrize("damage", ["missing snapshot", "missing journal", "emptied journal",
                                    "journal cut short in its header", "foreign journal",
                                    "a journal line cut out"])
def test_check_names_the_problem_and_restore_fixes_it(db_path, damage):
    expected = fill(db_path)
    DAMAGE[damage][0](db_path)
    report = cli("check")
    assert report.exit_code == 1
    assert f"fix: run `{RESTORE}`" in report.stdout
    files = store_files(db_path)
    declined = cli("restore", "--from-backup", input="n\n")
    assert declined.exit_code == 1 and store_files(db_path) == files  # asked, said no
    done = cli("restore", "--from-backup", "--yes")
    assert done.exit_code == 0, done.stderr
    assert cli("check").exit_code == 0
    got = shown(db_path)
    if damage == "missing snapshot":  # its backup and the journal give back everything
        assert got == expected
    else:  # the journal's changes since the snapshot are gone, and it said so
        assert "lost:" in done.stderr
        assert set(got) <= set(expected) | {5}
    for name, raw in files.items():  # a damaged file is kept aside, never deleted
        if name in ("store.json.journal",) and damage != "missing snapshot":
            kept = [p for p in db_path.parent.iterdir() if p.name.startswith(f"{name}.damaged-")]
            if damage != "missing journal":
                assert len(kept) == 1 and kept[0].read_bytes() == raw


def test_restore_puts_back_a_flipped_snapshot_from_its_backup_losing_nothing(db_path):
    expected = fill(db_path)
    damaged = _flipped(db_path.read_bytes(), 300)
    db_path.write_bytes(damaged)
    assert cli("list").exit_code == 1
    done = cli("restore", "--from-backup", input="y\n")
    assert done.exit_code == 0, done.stderr
    assert "lost" not in done.stderr
    assert shown(db_path) == expected
    kept = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [damaged]
    assert cli("check").exit_code == 0


def test_restore_keeps_the_journal_changes_before_a_damaged_line(db_path):
    store = open_store(db_path)
    store.add_many([record(f"item {n}") for n in range(3)])
    for n in range(5):
        store.add(record(f"later {n}"))
    journal = journal_of(db_path)
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[3] = _flipped(lines[3], 40)  # the third change after the header
    journal.write_bytes(b"".join(lines))
    message = one_line_error(cli("list"))
    assert "line 4 of 6 fails its checksum" in message and "the 2 changes before" in message
    done = cli("restore", "--from-backup", "--yes")
    assert "lost: the journal's 3 changes from its damaged line on" in done.stderr
    assert sorted(r[0] for r in shown(db_path).values()) == [
        "item 0", "item 1", "item 2", "later 0", "later 1"]
    assert open_store(db_path).add(record("next")) == 9  # ids are never handed out twice


def test_a_healthy_store_has_nothing_to_restore(db_path):
    fill(db_path)
    files = store_files(db_path)
    result = cli("restore", "--from-backup", "--yes")
    assert result.exit_code == 0 and "nothing to restore" in result.stderr
    assert store_files(db_path) == files
    report = cli("check")
    assert report.exit_code == 0
    assert "the store is healthy" in report.stdout
    assert "snapshot  " in report.stdout and "20 items" in report.stdout
    assert "5 changes since the snapshot" in report.stdout


def test_check_with_snapshot_and_backup_gone_says_both_are_missing(db_path):
    """Only the journal is left: no line of `check` may read as if all were well."""
    fill(db_path)
    _rm_snapshot_and_backup(db_path)
    report = cli("check")
    assert report.exit_code == 1
    lines = report.stdout.splitlines()
    assert lines[0] == f"snapshot  {db_path}: missing"
    assert lines[2] == f"backup    {backup_of(db_path)}: missing"
    assert "(none)" not in report.stdout
    assert lines[-1].startswith("fix: no good copy of the store is left")


def test_check_with_no_store_yet(db_path):
    result = cli("check")
    assert result.exit_code == 0 and "no store at" in result.stderr
    assert not db_path.exists()


def test_a_damaged_backup_is_named_and_rewritten_on_request(db_path):
    expected = fill(db_path)
    backup = backup_of(db_path)
    backup.write_bytes(_flipped(backup.read_bytes(), 99))
    assert shown(db_path) == expected  # the store itself is fine
    report = cli("check")
    assert report.exit_code == 1
    assert "backup" in report.stdout and "checksum" in report.stdout
    assert "frist check --write-backup" in report.stdout
    fixed = cli("check", "--write-backup")
    assert fixed.exit_code == 0 and "the store is healthy" in fixed.stdout
    assert fmt.decode_snapshot(backup.read_bytes())  # whole again
    assert shown(db_path) == expected


def test_write_backup_refuses_while_the_store_itself_is_damaged(db_path):
    fill(db_path)
    _empty_journal(db_path)
    files = store_files(db_path)
    message = one_line_error(cli("check", "--write-backup"))
    assert "journal" in message and RESTORE in message
    assert store_files(db_path) == files


# -- a snapshot that reads as empty or older than the journal and backup beside it

def _old_format_copy(path: Path) -> bytes:
    """store.json of an earlier frist (schema 1): another store's, with 5 ids."""
    return (FIXTURES / "store-schema1" / "store.json").read_bytes()


OLDER = {
    "emptied to {}": (lambda path: path.write_bytes(b"{}\n"), True),
    "an empty schema 1 store": (
        lambda path: path.write_bytes(b'{"meta": {"1": {"schema": 1}}}'), True),
    "an earlier frist's store": (lambda path: path.write_bytes(_old_format_copy(path)), True),
    "{} and the journal gone": (
        lambda path: (path.write_bytes(b"{}"), journal_of(path).unlink()), True),
    "{} and the backup gone": (
        lambda path: (path.write_bytes(b"{}"), backup_of(path).unlink()), False),
}


@pytest.mark.parametrize("damage", list(OLDER))
def test_a_snapshot_older_than_its_journal_or_backup_is_refused_and_restored(db_path, damage):
    """store.json replaced by `{}` (or any file of the earlier format) read as an empty
    earlier-format store: the next write destroyed the journal and the backup."""
    expected = fill(db_path)
    make, restorable = OLDER[damage]
    make(db_path)
    files = store_files(db_path)
    for command in [*COMMANDS, ["check", "--write-backup"]]:
        message = one_line_error(cli(*command))
        assert "damaged" in message, (command, message)
        fixes = [RESTORE] if restorable else ["frist check", "no good copy"]
        assert any(fix in message for fix in fixes), (command, message)
        assert store_files(db_path) == files, command
    report = cli("check")
    assert report.exit_code == 1 and "snapshot" in report.stdout
    assert "damaged" in report.stdout.splitlines()[0]
    if not restorable:  # only the journal is left: nothing is written over
        assert "no good copy" in report.stdout
        assert cli("restore", "--from-backup", "--yes").exit_code == 1
        assert store_files(db_path) == files
        return
    assert f"fix: run `{RESTORE}`" in report.stdout
    done = cli("restore", "--from-backup", "--yes")
    assert done.exit_code == 0, done.stderr
    kept = [p for p in db_path.parent.iterdir() if p.name.startswith("store.json.damaged-")]
    assert [p.read_bytes() for p in kept] == [files["store.json"]]
    got = shown(db_path)
    if "journal gone" in damage:  # the backup alone: the changes since it are lost, said so
        assert "lost:" in done.stderr and set(got) <= set(expected) | {5}
    else:
        assert got == expected
    assert cli("check").exit_code == 0
    if "journal gone" not in damage:
        assert open_store(db_path).add(record("next")) == 22  # no id handed out twice


def test_an_earlier_frists_store_emptied_beside_its_journal_is_refused(tmp_path):
    """The same for a store of the earlier format: its journal holds later ids."""
    path = tmp_path / "old" / "store.json"
    shutil.copytree(FIXTURES / "store-schema1", path.parent)
    backup_of(path).unlink()
    path.write_bytes(b"{}")
    files = store_files(path)
    for command in (["list"], ["add", "x", "--due", "2026-01-01"]):
        message = one_line_error(cli("--db", str(path), *command))
        assert "damaged" in message and "later items" in message, message
    assert store_files(path) == files


def test_an_empty_store_alone_is_still_an_empty_store(db_path):
    db_path.write_bytes(b"{}")
    assert cli("list").exit_code == 0
    assert open_store(db_path).add(record("first")) == 1


# -- valid JSON, bad values

BAD_VALUES = [("due", "2027-13-01"), ("due", "20271201"), ("due", 20271201), ("status", 7),
              ("status", "done"), ("title", None), ("title", "  "), ("precision", "decade"),
              ("window_start", "2028-01-01"), ("tags", "one"), ("tags", [1]),
              ("sources", [{"document": 3}]), ("sources", {"a": "b"}), ("history", None),
              ("history", [{"at": 1, "event": "created"}]), ("decided", "yesterday"),
              ("actor", ["a"]), ("uid", None), ("created", 5)]


def _legacy_store(path: Path, records: dict) -> None:
    """A schema 1 store as the previous frist wrote it: no checksums."""
    path.write_bytes(orjson.dumps({"commitments": records,
                                   "meta": {"1": {"schema": 1, "last_id": len(records)}}}))


@pytest.mark.parametrize("field, value", BAD_VALUES)
def test_a_bad_value_in_an_unchecked_store_is_damage_naming_file_and_item(db_path, field, value):
    bad = {**record("bad one").doc, field: value}
    _legacy_store(db_path, {"1": record("good one").doc, "2": bad})
    files = store_files(db_path)
    for command in (["list"], ["show", "1"], ["add", "x", "--due", "2026-01-01"], ["stats"]):
        message = one_line_error(cli(*command))
        assert str(db_path) in message and "item 2" in message and field in message, message
    assert store_files(db_path) == files
    report = cli("check")
    assert report.exit_code == 1 and "item 2" in report.stdout


def test_a_missing_title_in_a_journal_line_of_a_schema_1_store_is_damage(db_path):
    _legacy_store(db_path, {"1": record("good one").doc})
    journal_of(db_path).write_bytes(
        orjson.dumps({"format": "frist-journal-1", "schema": 1, "token": None, "last_id": 1,
                      "undo": []}) + b"\n"
        + orjson.dumps({"set": {"commitments": {"2": {"due": "2026-01-01", "status": "open"}}}})
        + b"\n")
    message = one_line_error(cli("list"))
    assert str(journal_of(db_path)) in message and "item 2" in message


def test_the_store_refuses_to_write_a_bad_record(db_path):
    store = open_store(db_path)
    bad = model.Commitment({**record("fine").doc, "due": "2026-02-30"})  # past the class's checks
    with pytest.raises(StoreError, match="not stored: item 1 has a bad 'due'"):
        store.add(bad)
    assert not db_path.exists()


# -- stores of the previous format

def _old_store(tmp_path: Path) -> Path:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURES / "store-schema1", folder)
    return folder / "store.json"


def test_a_store_written_by_the_previous_frist_is_read_checked_and_upgraded(tmp_path):
    """tests/fixtures/store-schema1 was written by frist before checksums (schema 1):
    a snapshot and a journal of five changes."""
    path = _old_store(tmp_path)
    before = shown(path)
    assert before[2][2] == "met" and before[4][0] == "Old commitment four, renamed"
    assert 5 not in before and before[6][0] == "Added after"
    report = cli("--db", str(path), "check")
    assert report.exit_code == 0, report.stdout
    assert "earlier frist (schema 1)" in report.stdout
    new_id = open_store(path).add(record("first of schema 2"))
    assert new_id == 7
    assert path.read_bytes().startswith(b'{"frist_check":"crc32:')
    snapshot = fmt.decode_snapshot(path.read_bytes(), check_records=True)
    assert snapshot["meta"]["1"]["schema"] == fmt.SCHEMA_VERSION
    assert fmt.parse_journal(journal_of(path).read_bytes()).version == 2
    assert shown(path) == {**before, 7: ("first of schema 2", "2026-01-01", "open", "")}
    assert open_store(path).undo() == "#7 added"
    assert open_store(path).undo() == "#6 added"  # the old undo steps carry over
    assert cli("--db", str(path), "check").exit_code == 0


def test_a_flipped_byte_in_a_schema_1_store_that_breaks_a_value_is_found(tmp_path):
    path = _old_store(tmp_path)
    raw = path.read_bytes()
    at = raw.index(b'"due":"2025-12-01"') + len(b'"due":"2025-1')
    path.write_bytes(raw[:at] + b"3" + raw[at + 1:])  # 2025-13-01
    message = one_line_error(cli("--db", str(path), "list"))
    assert "item 1 has a bad 'due': '2025-13-01'" in message


# -- a store that is a symbolic link

def test_a_symlinked_store_keeps_its_files_beside_the_target_and_the_link(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "links" / "store.json"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(real / "target.json", link.parent))  # not there yet
    store = open_store(link)
    store.add_many([record(f"item {n}") for n in range(3)])  # the first write: compaction
    store.add(record("appended"))
    monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)
    open_store(link).mark(1, "met")  # a compaction through the link
    monkeypatch.undo()
    assert link.is_symlink() and link.resolve() == real / "target.json"
    assert sorted(p.name for p in link.parent.iterdir()) == ["store.json"]
    assert {"target.json", "target.json.journal", "target.json.bak", "target.json.lock"} <= {
        p.name for p in real.iterdir()}
    assert [r[0] for r in shown(link).values()] == ["item 0", "item 1", "item 2", "appended"]
    assert shown(link) == shown(real / "target.json")
    assert open_store(link).check().ok
    result = cli("--db", str(link), "add", "via the cli", "--due", "2026-01-01")
    assert result.exit_code == 0 and link.is_symlink()
    assert json.loads(cli("--db", str(real / "target.json"), "list", "--json").stdout)[-1][
        "title"] == "via the cli"


# -- a damaged journal header (QA1 5)

def many_open(path: Path, count: int = fmt.SOONEST_KEPT + 50) -> dict[int, tuple]:
    """A snapshot of more open items than the journal header caches (so that the header
    is most of the journal, as in a real store), then 5 adds and a decision journalled."""
    store = open_store(path)
    store.add_many([record(f"item {n}", f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                           actor=f"actor {n % 7}") for n in range(count)])
    for n in range(5):
        store.add(record(f"later {n}", "2026-05-05"))
    store.mark(7, "met", "on time")
    return shown(path)


def header_length(path: Path) -> int:
    return journal_of(path).read_bytes().index(b"\n")


def test_restore_keeps_the_intact_changes_after_a_damaged_header(db_path):
    expected = many_open(db_path)
    journal = journal_of(db_path)
    raw = journal.read_bytes()
    header = header_length(db_path)
    assert header > 0.8 * len(raw)   # the header is most of the journal
    journal.write_bytes(_flipped(raw, header // 2))
    message = one_line_error(cli("list"))
    assert "its header, line 1 of 7, fails its checksum" in message
    assert "with the 6 intact changes after the header" in message
    report = cli("check")
    assert report.exit_code == 1 and "the 6 changes after it are intact" in report.stdout
    done = cli("restore", "--from-backup", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "and the 6 journal changes that follow it" in done.stderr
    assert "header anew" in done.stderr and "lost" not in done.stderr
    assert shown(db_path) == expected          # the 5 adds and the decision are back
    assert cli("check").exit_code == 0
    assert open_store(db_path).add(record("next")) == max(expected) + 1
    kept = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert [p.read_bytes() for p in kept] == [_flipped(raw, header // 2)]


def test_every_flipped_byte_of_the_header_keeps_the_changes_after_it(db_path):
    """One changed byte anywhere in the header line but its snapshot token (what ties
    the journal to its snapshot) and its newline: a restore keeps every change. In the
    token, the changes cannot be proven to continue the snapshot: they are said to be
    lost, and their ids are not handed out again."""
    expected = many_open(db_path, count=3)
    raw = journal_of(db_path).read_bytes()
    token = raw.index(b'"token":"') + len(b'"token":"')
    header = header_length(db_path)
    kept = said_lost = 0
    for position in each_flip(journal_of(db_path)):
        if position >= header:
            break
        plan = open_store(db_path).restore_plan()
        if token <= position < token + 16:
            assert plan.changes == [] and "lost" in " ".join(plan.describe())
            assert plan.beyond["last_id"] == max(expected)
            said_lost += 1
        else:
            assert len(plan.changes) == 6 and not plan.lost, position
            kept += 1
    assert said_lost == 16
    print(f"header of {header} bytes: a change of {kept} of its bytes keeps "
          f"every change after it, of the {said_lost} of its token none")


def test_a_damaged_header_and_a_damaged_later_line_keep_the_changes_between(db_path):
    expected = many_open(db_path, count=3)
    journal = journal_of(db_path)
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[0] = _flipped(lines[0], 2)   # in the header's own checksum digits
    lines[4] = _flipped(lines[4], 40)  # the fourth change
    journal.write_bytes(b"".join(lines))
    done = cli("restore", "--from-backup", "--yes")
    assert done.exit_code == 0, done.stderr
    assert "lost: the journal's 3 changes from its damaged line 5 on" in done.stderr
    got = shown(db_path)
    assert sorted(r[0] for r in got.values()) == sorted(
        ["item 0", "item 1", "item 2", "later 0", "later 1", "later 2"])
    assert open_store(db_path).add(record("next")) == max(expected) + 1  # not 8 again


def test_a_store_moved_away_under_an_open_process_is_gone_not_empty(tmp_path):
    # the dashboard showed "No commitments yet" and its next add began a new store at #1
    # where the old one had been (a synced folder moving the file, a person tidying up)
    path = tmp_path / "store.json"
    store = open_store(path)
    store.add(record("Harbour reopens"))
    aside = tmp_path / "aside"
    aside.mkdir()
    for f in tmp_path.glob("store.json*"):
        f.rename(aside / f.name)
    store.refresh()
    with pytest.raises(StoreError, match="is gone .moved or deleted since it was opened."):
        store.all()
    with pytest.raises(StoreError, match="is gone"):
        store.add(record("Another"))
    assert not path.exists()
    for f in aside.iterdir():
        f.rename(tmp_path / f.name)
    store.refresh()
    assert [c.title for _, c in store.all()] == ["Harbour reopens"]
