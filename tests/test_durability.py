"""Nothing a person typed is lost: kills at random moments, and processes writing at once.

A `frist add` that printed its id has committed (the id is printed after the fsync), so
every printed id must be in the store however the writer was killed afterwards.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import frist_exe
from store import model
from store.db import open_store

ROOT = Path(__file__).resolve().parents[1]
TEMP_SUFFIX = ".tmp"


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> Path:
    """A 3,000-item store, built once through the store API."""
    path = tmp_path_factory.mktemp("big") / "store.json"
    due = model.Due.from_value("2026-03-01")
    records = [model.Commitment.new(f"Commitment {n} on tariffs and export licences", due,
                                    actor=f"Actor {n % 40}", tags=["seed"]) for n in range(3000)]
    assert open_store(path).add_many(records) == list(range(1, 3001))
    return path


def copy_store(template: Path, folder: Path) -> Path:
    folder.mkdir()
    for path in template.parent.iterdir():
        if path.name.startswith(template.name):
            shutil.copy2(path, folder / path.name)
    return folder / template.name


def printed_ids(path: Path) -> list[int]:
    """Ids in a file of `frist add` outputs; only whole lines count."""
    text = path.read_text() if path.exists() else ""
    return [int(line) for line in text.split("\n")[:-1] if line.strip()]


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX)]


def kill_group(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def test_kill_9_during_cli_adds_never_loses_a_printed_id(big_store, tmp_path):
    db = copy_store(big_store, tmp_path / "crash")
    env = dict(os.environ, FRIST_DB=str(db))
    exe = " ".join(frist_exe())
    rng = random.Random(20251124)
    expected = set(range(1, 3001))
    for round_ in range(25):
        out = tmp_path / f"ids-{round_}.txt"
        loop = (f'i=0; while :; do i=$((i+1)); {exe} add "round {round_} item $i" '
                f'--due 2026-01-01 >> {out} 2>/dev/null || exit 1; done')
        proc = subprocess.Popen(["sh", "-c", loop], env=env, start_new_session=True)
        time.sleep(rng.uniform(0.05, 0.6))
        kill_group(proc)
        expected.update(printed_ids(out))
        stored = dict(open_store(db).all())     # the store always opens ...
        missing = expected - set(stored)
        assert not missing, f"round {round_}: printed but lost: {sorted(missing)}"
        # ... and the next write leaves no temp file of the killed writer behind
        after = subprocess.run(frist_exe() + ["add", f"after round {round_}", "--due", "2026-01-01"],
                               env=env, capture_output=True, text=True)
        assert after.returncode == 0, after.stderr
        expected.add(int(after.stdout))
        assert temp_files(db.parent) == []
    final = dict(open_store(db).all())
    assert expected <= set(final)
    assert len(final) > 3000 + 25


KILLED_LOOP = """
import sys
from store import db, model
from store import journal as fmt
fmt.journal_limit = lambda size: 0     # compact on every write: kill compactions too
store = db.open_store(sys.argv[1])
due = model.Due.from_value("2026-01-01")
n = 0
while True:
    n += 1
    new_id = store.add(model.Commitment.new(f"loop item {n}", due))
    print(new_id, flush=True)
"""


def test_kill_9_during_compaction_never_loses_a_committed_item(big_store, tmp_path):
    """The same, with every write rewriting the whole 3,000-item snapshot and its backup."""
    db = copy_store(big_store, tmp_path / "compact")
    rng = random.Random(7)
    expected = set(range(1, 3001))
    left_behind = 0  # rounds whose kill came in the middle of writing a file
    for round_ in range(10):
        out = tmp_path / f"loop-{round_}.txt"
        with open(out, "w") as fh:
            proc = subprocess.Popen([sys.executable, "-c", KILLED_LOOP, str(db)], stdout=fh,
                                    cwd=ROOT, start_new_session=True)
            time.sleep(rng.uniform(0.3, 0.9))
            kill_group(proc)
        expected.update(printed_ids(out))
        left_behind += bool(temp_files(db.parent))
        store = open_store(db)
        missing = expected - {i for i, _ in store.all()}
        assert not missing, f"round {round_}: committed but lost: {sorted(missing)}"
        backup = json.loads(db.with_name(db.name + ".bak").read_bytes())
        assert len(backup["commitments"]) >= 3000   # the backup is a whole, good store
        expected.update(store.add_many([model.Commitment.new("next", model.Due.from_value("2026"))]))
        assert temp_files(db.parent) == []
    assert expected <= {i for i, _ in open_store(db).all()}
    print(f"kills that interrupted a file write: {left_behind} of 10")


def test_two_cli_processes_adding_at_once_keep_all_80(tmp_path):
    db = tmp_path / "both.json"
    env = dict(os.environ, FRIST_DB=str(db))
    exe = " ".join(frist_exe())
    procs = []
    for who in ("a", "b"):
        loop = (f'for i in $(seq 1 40); do {exe} add "{who} $i" --due 2026-01-01 '
                f'>> {tmp_path / who}.ids || exit 1; done')
        procs.append(subprocess.Popen(["sh", "-c", loop], env=env))
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    printed = printed_ids(tmp_path / "a.ids") + printed_ids(tmp_path / "b.ids")
    assert sorted(printed) == list(range(1, 81))      # distinct ids, none skipped
    stored = dict(open_store(db).all())
    assert sorted(stored) == list(range(1, 81))
    assert {r.title for r in stored.values()} == {f"{w} {i}" for w in "ab" for i in range(1, 41)}


WRITER = """
import sys
from store import db, model
from store import journal as fmt
if sys.argv[3] == "compact":
    fmt.journal_limit = lambda size: 0
store = db.open_store(sys.argv[1])
due = model.Due.from_value("2026-01-01")
for n in range(40):
    store.add(model.Commitment.new(f"{sys.argv[2]} {n}", due))
"""

READER = """
import sys, time
from store import db
store = db.open_store(sys.argv[1])
seen = 0
deadline = time.time() + 60
while time.time() < deadline:
    store.refresh()
    count = len(store.all())
    assert count >= seen, (count, seen)   # never a step back: no half-seen compaction
    seen = count
    if count == 80:
        break
print(seen)
"""


@pytest.mark.parametrize("mode", ["append", "compact"])
def test_concurrent_writers_and_a_reader_through_the_store(tmp_path, mode):
    """Two writers (journal appends, or a compaction on every write) and a reader at once."""
    db = tmp_path / "shared.json"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(db)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), who, mode], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for who in ("a", "b")]
    for w in writers:
        assert w.wait(timeout=120) == 0, w.stderr.read()
    out, err = reader.communicate(timeout=120)
    assert reader.returncode == 0, err
    assert out.strip() == "80"
    stored = open_store(db).all()
    assert sorted(i for i, _ in stored) == list(range(1, 81))
