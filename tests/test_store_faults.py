"""The store never acknowledges what it did not keep (issue 12).

Faults are injected at every write, fsync, rename and truncate a change makes (short
writes, a full disk, an I/O error), and a real 1 MB tmpfs is filled where the test may
mount one. After each: either the change is refused with one line and every store file
is as it was, or it is whole on disk; a fresh process reads the same, `check` finds the
store healthy, and the next change works.
"""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from store import model
from store import journal as fmt
from store.db import StoreError, open_store

DUE = model.Due.from_value("2026-01-01")


def record(title: str, due: str = "2026-01-01", **kw) -> model.Commitment:
    return model.Commitment.new(title, model.Due.from_value(due), **kw)


def store_files(path: Path) -> dict[str, bytes]:
    """Every file of the store but its (empty) lock file; of the journal, its whole
    lines (a torn last line, which no reader takes, may be cut off at any write)."""
    files = {p.name: p.read_bytes() for p in path.parent.iterdir()
             if p.name.startswith(path.name) and not p.name.endswith(".lock")}
    journal = path.name + ".journal"
    if journal in files:
        files[journal] = files[journal][:files[journal].rfind(b"\n") + 1]
    return files


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def contents(path: Path) -> dict:
    """What a fresh process reads: items, and how many undo steps."""
    store = open_store(path)
    return {"items": {i: (r.title, r.status) for i, r in store.all()},
            "undo": store.can_undo()}


class Faults:
    """os.write, os.fsync, os.ftruncate, os.replace and os.rename on the store's files,
    counted; the call numbered `fail_at` fails in the way `mode` says."""

    MODES = {"write": ["enospc", "short then enospc", "zero", "short"],
             "fsync": ["eio", "enospc"], "ftruncate": ["eio"],
             "replace": ["enospc"], "rename": ["eio"]}

    def __init__(self, folder: Path, fail_at: int | None = None, mode: str = "",
                 kind: str | None = None):
        self.folder = str(folder)
        self.fail_at, self.mode = fail_at, mode
        self.kind = kind  # instead of fail_at: fail the first call of this kind
        self.calls: list[str] = []
        self.fired = False
        self._fds: set[int] = set()
        self._full = False  # after a short write: the disk is full

    def install(self, monkeypatch) -> Faults:
        real = {name: getattr(os, name) for name in
                ("open", "close", "write", "fsync", "ftruncate", "replace", "rename")}

        def mine(path) -> bool:
            return os.fspath(path).startswith(self.folder)

        def fake_open(path, flags, mode=0o777, **kw):
            fd = real["open"](path, flags, mode, **kw)
            if mine(path):
                self._fds.add(fd)
            return fd

        def fake_close(fd):
            self._fds.discard(fd)
            return real["close"](fd)

        def fake_write(fd, data):
            if fd in self._fds:
                if self._full:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                mode = self._step("write")
                if mode in ("short", "short then enospc") and len(data) > 1:
                    self._full = mode == "short then enospc"
                    return real["write"](fd, bytes(data[:len(data) // 2]))
                if mode == "zero":
                    return 0
                if mode == "enospc":
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real["write"](fd, data)

        def failing(name):
            def call(first, *args):
                if (first in self._fds if isinstance(first, int) else mine(first)):
                    mode = self._step(name)
                    if mode:
                        code = errno.EIO if mode == "eio" else errno.ENOSPC
                        raise OSError(code, os.strerror(code))
                return real[name](first, *args)
            return call

        monkeypatch.setattr(os, "open", fake_open)
        monkeypatch.setattr(os, "close", fake_close)
        monkeypatch.setattr(os, "write", fake_write)
        for name in ("fsync", "ftruncate", "replace", "rename"):
            monkeypatch.setattr(os, name, failing(name))
        return self

    def _step(self, kind: str) -> str:
        number = len(self.calls)
        self.calls.append(kind)
        if number == self.fail_at or (kind == self.kind and not self.fired):
            self.fired = True
            return self.mode
        return ""


def _stored(path: Path, n: int = 5) -> None:
    """A store with a snapshot, its backup and a journal of two changes."""
    store = open_store(path)
    store.add_many([record(f"item {k}", f"2026-01-{k + 1:02d}") for k in range(n)])
    store.add(record("journalled one"))
    store.mark(1, "met")


def _torn(path: Path) -> None:
    _stored(path)
    with open(path.with_name(path.name + ".journal"), "ab") as fh:
        fh.write(b"0badc0de {\"n\":99,\"set\":{\"commitments\":{\"9\":{\"title\":\"half")


def _legacy(path: Path) -> None:
    """A schema 1 store: no checksums (the previous frist)."""
    import orjson
    path.write_bytes(orjson.dumps({
        "commitments": {"1": record("old one").doc, "2": record("old two").doc},
        "undo": {"1": {"label": "#2 added", "at": "x", "added": [2], "changes": []}},
        "meta": {"1": {"schema": 1, "last_id": 2, "token": "abc"}}}))
    shutil.copy(path, path.with_name(path.name + ".bak"))
    path.with_name(path.name + ".journal").write_bytes(orjson.dumps({
        "format": "frist-journal-1", "schema": 1, "token": "abc", "snapshot": None,
        "last_id": 2, "undo": [1]}) + b"\n" + orjson.dumps(
        {"set": {"commitments": {"3": record("old three").doc}}, "last_id": 3}) + b"\n")


def _damaged_snapshot(path: Path) -> None:
    _stored(path)
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0x20
    path.write_bytes(bytes(raw))


CASES = {
    # name: (setup, what the change does, whether every write compacts)
    "append": (_stored, lambda s: s.add(record("new")), False),
    "append after a torn line": (_torn, lambda s: s.add(record("new")), False),
    "import": (_stored, lambda s: s.add_many([record(f"imported {k}") for k in range(30)]), False),
    "undo": (_stored, lambda s: s.undo(), False),
    "compaction": (_stored, lambda s: s.add(record("new")), True),
    "first write": (lambda p: None, lambda s: s.add(record("new")), False),
    "upgrade of a schema 1 store": (_legacy, lambda s: s.add(record("new")), False),
    "restore": (_damaged_snapshot, lambda s: s.restore(s.restore_plan()), False),
}


def _prepare(tmp_path: Path, name: str, monkeypatch) -> Path:
    setup, _change, compacts = CASES[name]
    if compacts:
        monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)
    path = tmp_path / "store.json"
    setup(path)
    return path


def _steps(tmp_path: Path, name: str, monkeypatch) -> list[str]:
    """The file operations the change makes, in order, with no fault."""
    (tmp_path / "count").mkdir()
    with monkeypatch.context() as patch:
        path = _prepare(tmp_path / "count", name, patch)
        faults = Faults(path.parent).install(patch)
        CASES[name][1](open_store(path))
    return faults.calls


@pytest.mark.parametrize("name", list(CASES))
def test_a_fault_at_any_step_of_a_change_loses_nothing_and_says_so(tmp_path, monkeypatch, name):
    steps = _steps(tmp_path, name, monkeypatch)
    assert steps, "the change wrote nothing"
    tried = refused = 0
    for number, kind in enumerate(steps):
        for mode in Faults.MODES[kind]:
            folder = tmp_path / f"{number}-{mode.replace(' ', '-')}"
            folder.mkdir()
            with monkeypatch.context() as patch:
                path = _prepare(folder, name, patch)
                before_files = store_files(path)
                before = contents(path) if before_files and name != "restore" else None
                faults = Faults(folder, number, mode).install(patch)
                store = open_store(path)
                try:
                    CASES[name][1](store)
                    failed = None
                except StoreError as e:
                    failed = str(e)
                assert faults.fired, (number, kind, mode)
            tried += 1
            where = f"{name}: {kind} #{number} {mode}"
            assert temp_files(folder) == [], where
            if failed is not None:
                refused += 1
                assert "\n" not in failed and "nothing was changed" in failed, (where, failed)
                after = store_files(path)
                if name == "first write":  # at most its first journal, which holds nothing
                    assert set(after) <= {"store.json.journal"}, where
                    assert open_store(path).all() == []
                else:
                    assert after == before_files, where
            else:  # the fault came after the change was made, or did no harm
                assert mode == "short" or kind in ("replace", "write", "fsync"), where
            health = open_store(path).check()
            wrong = [f.role for f in health.findings if f.problem]
            if name == "restore" and failed is not None:
                assert wrong == ["snapshot"], where  # still the damage it had: retry it
                open_store(path).restore(open_store(path).restore_plan())
                wrong = [f.role for f in open_store(path).check().findings if f.problem]
            # a first write's backup that failed after the change: the next change writes it
            assert wrong == [] or (failed is None and wrong == ["backup"]), (where, health)
            if failed is not None and before is not None:
                assert contents(path) == before, where
            # and the next change works, and is whole
            with monkeypatch.context() as patch:
                if CASES[name][2]:
                    patch.setattr(fmt, "journal_limit", lambda size: 0)
                again = open_store(path)
                new_id = again.add(record("after the fault"))
                assert open_store(path).get(new_id).title == "after the fault", where
            assert open_store(path).check().ok, where
    assert refused, f"{name}: no fault was refused"
    print(f"{name}: {tried} faults at {len(steps)} steps, {refused} refused, 0 lost")


def test_a_fault_after_the_new_snapshot_is_in_place_keeps_the_change_and_warns(
        tmp_path, monkeypatch):
    """The backup and the new journal come after the snapshot's rename: if one of them
    cannot be written, the change stands (the old journal is folded into it) and the
    person is told; the next change writes them."""
    path = tmp_path / "store.json"
    _stored(path)
    monkeypatch.setattr(fmt, "journal_limit", lambda size: 0)
    steps = _steps(tmp_path, "compaction", monkeypatch)
    last_replace = len(steps) - 1 - steps[::-1].index("replace")  # the journal's rename
    faults = Faults(tmp_path, last_replace, "enospc").install(monkeypatch)
    store = open_store(path)
    new_id = store.add(record("kept"))
    assert faults.fired
    assert store.warnings and "next change tries again" in store.warnings[0]
    monkeypatch.undo()
    assert open_store(path).get(new_id).title == "kept"
    assert open_store(path).check().ok
    # the backup still leads to the change: the old journal continues it
    path.unlink()
    plan = open_store(path).restore_plan()
    open_store(path).restore(plan)
    assert open_store(path).get(new_id).title == "kept"


def _cli(*args: str):
    from tui.cli import cli
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("command", [["add", "new one", "--due", "2026-02-01"], ["import", "IMPORT"]])
@pytest.mark.parametrize("fault", [("write", "short then enospc"), ("fsync", "enospc"),
                                   ("write", "enospc")])
def test_cli_on_a_full_disk_prints_no_id_and_one_line(db_path, tmp_path, monkeypatch, command,
                                                      fault):
    _stored(db_path)
    source = tmp_path / "import.json"
    source.write_text('[{"title": "imported", "due": "2026-03-01"}]')
    command = [str(source) if part == "IMPORT" else part for part in command]
    before = store_files(db_path)
    kind, mode = fault
    faults = Faults(db_path.parent, mode=mode, kind=kind).install(monkeypatch)
    result = _cli(*command)
    assert faults.fired
    assert result.exit_code == 1
    assert result.stdout == ""                                   # no id printed
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("error: ") and "nothing was changed" in result.stderr
    assert os.strerror(errno.ENOSPC) in result.stderr
    monkeypatch.undo()
    assert store_files(db_path) == before


# -- a real full disk

def test_a_real_full_disk_never_loses_a_printed_id(tiny_disk, frist):
    """`frist add` and `frist import` until a 1 MB disk is full, then on: every id
    printed is stored, every refusal is one line and changes nothing."""
    db_file = tiny_disk / "store.json"
    env = {"FRIST_DB": str(db_file)}
    note = "n" * 20_000
    printed, refusals = [], []
    for n in range(100):
        if len(refusals) >= 6:  # full: compaction cannot find room any more
            break
        before = store_files(db_file) if db_file.exists() else {}
        result = frist("add", f"item {n}", "--due", "2026-01-01", "--note", note, env=env)
        assert "Traceback" not in result.stderr
        if result.returncode == 0:
            printed.append(int(result.stdout))
        else:
            assert result.returncode == 1 and result.stdout == ""
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert "No space left on device" in result.stderr, result.stderr
            assert store_files(db_file) == before
            refusals.append(result.stderr)
        assert temp_files(tiny_disk) == []
    big = tiny_disk.parent / "big.json"
    big.write_text("[" + ",".join(f'{{"title": "bulk {k} {note[:2000]}", "due": "2026-02-01"}}'
                                  for k in range(300)) + "]")
    before = store_files(db_file)
    result = frist("import", str(big), env=env)
    assert result.returncode == 1 and result.stdout == "" and "Traceback" not in result.stderr
    assert store_files(db_file) == before
    assert refusals, "the disk never filled"
    stored = {i for i, _r in open_store(db_file).all()}
    assert set(printed) == stored
    check = frist("check", env=env)
    assert check.returncode == 0, check.stdout
    listed = frist("list", "--status", "all", "--json", env=env)
    assert listed.returncode == 0 and len(__import__("json").loads(listed.stdout)) == len(printed)
    print(f"full disk: {len(printed)} adds stored, {len(refusals)} refused, import refused")
