"""The sync state file (`store.json.sync`) damaged or unreadable: `frist check` says so in
one line with the fix, and `frist sync` stops with one line and exit 1, changing nothing
(the store, the state file, the server)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson
import pytest

from radicale_fixture import USERS, radicale  # noqa: F401  (the fixture)
from store.sync.state import state_path


@pytest.fixture
def env(radicale, tmp_path):  # noqa: F811
    config = tmp_path / "frist.toml"
    config.write_text(f'[sync]\nurl = "{radicale.collection_url()}"\nusername = "alice"\n')
    return {"FRIST_CONFIG": str(config), "FRIST_SYNC_PASSWORD": USERS["alice"]}


def synced(frist, env, db_path: Path) -> Path:
    for title in ("Export licences required", "Rare-earth deal"):
        frist("add", title, "--due", "2025-12-01", check=True)
    frist("sync", env=env, check=True)
    path = state_path(db_path)
    assert path.exists()
    return path


def _item(path: Path, change) -> None:
    data = orjson.loads(path.read_bytes())
    change(next(iter(data["items"].values())))
    path.write_bytes(orjson.dumps(data))


def _unreadable(path: Path) -> None:  # a directory where the file was: no read works
    path.unlink()
    path.mkdir()


DAMAGE = {
    "not JSON": (lambda p: p.write_bytes(b"\x00\xff garbage"), "damaged (not JSON)"),
    "cut short": (lambda p: p.write_bytes(p.read_bytes()[:40]), "damaged (not JSON)"),
    "a list": (lambda p: p.write_bytes(b"[]"), "damaged (wrong shape)"),
    "another format": (lambda p: p.write_bytes(p.read_bytes().replace(b"frist-sync-1", b"x")),
                       "damaged (wrong shape)"),
    "an item without its base": (lambda p: _item(p, lambda e: e.pop("base")),
                                 "damaged (wrong shape)"),
    "a base missing fields": (lambda p: _item(p, lambda e: e["base"].pop("title")),
                              "damaged (wrong shape)"),
    "a href that is a number": (lambda p: _item(p, lambda e: e.update(href=7)),
                                "damaged (wrong shape)"),
    "unreadable": (_unreadable, "unreadable (Is a directory)"),
}


def files(db_path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(db_path.parent.glob(db_path.name + "*"))
            if p.is_file() and not p.name.endswith(".lock")}


def test_check_shows_a_healthy_sync_state(frist, env, db_path):
    path = synced(frist, env, db_path)
    result = frist("check")
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("sync "))
    assert line.startswith(f"sync      {path}: ok (2 items, synced ")
    assert result.stdout.endswith("the store is healthy\n")


def test_check_without_a_sync_state_says_nothing_of_it(frist, db_path):
    frist("add", "Export licences required", "--due", "2025-12-01", check=True)
    result = frist("check")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[:-1]] == [
        "snapshot", "journal", "backup"]


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_sync_state_is_one_line_in_check_and_sync_stops(frist, env, db_path, radicale,
                                                                  damage):  # noqa: F811
    path = synced(frist, env, db_path)
    hurt, problem = DAMAGE[damage]
    hurt(path)
    before = files(db_path)
    result = frist("check")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("sync ")] == [f"sync      {path}: {problem}"]
    assert lines[-1].startswith("fix: the sync state: move it aside and sync again")
    assert "the store is healthy" not in result.stdout
    assert "Traceback" not in result.stderr
    # sync: one line, exit 1, nothing changed here or on the server
    frist("add", "Harbour board vote", "--due", "2025-12-02", check=True)
    before = files(db_path)
    result = frist("sync", env=env)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    expected = (f"cannot read the sync state {path}" if damage == "unreadable"
                else f"the sync state {path} is {problem}; move it aside and sync again")
    assert result.stderr.startswith(f"error: {expected}")
    assert files(db_path) == before
    result = frist("sync", "--json", env=env)
    assert (result.returncode, result.stdout) == (1, "")
    # the fix it names works: with the state aside, a first sync merging by uid
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.rename(path.with_name(path.name + ".damaged"))
    result = frist("sync", "--keep", "both", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pushed"] == 1
    assert frist("check").returncode == 0


def test_a_damaged_sync_state_does_not_block_writing_a_backup(frist, env, db_path):
    path = synced(frist, env, db_path)
    path.write_bytes(b"{")
    db_path.with_name(db_path.name + ".bak").unlink()
    result = frist("check", "--write-backup")
    assert result.returncode == 1  # the backup is written; the sync state still wants its fix
    assert "backup    " in result.stdout and "damaged (not JSON)" in result.stdout
    assert db_path.with_name(db_path.name + ".bak").exists()
