"""frist's command line against Taskwarrior on the same 10,000 items (issue 3, Speed).

Run by hand (Taskwarrior is not a dependency: `apt-get install -y taskwarrior`):

    python bench/cli_vs_taskwarrior.py [--rounds 15] [--big 100000]

Both tools get the same items (title, due date, tag) in fresh temporary folders: frist
through its store API, Taskwarrior through `task import`. Then the pairs of commands are
run alternately, each as a new process the way a person runs them, and the medians are
compared: frist add / task add, frist list --status all / task list, frist list --status
all --json / task export. Targets (ratio frist/Taskwarrior): add <= 1.5, list <= 1.0,
export <= 1.0. Last, `frist add` and `frist list` on a 100,000-item store, and what a
compaction (the rare write that rewrites the whole snapshot) costs there.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import db, model  # noqa: E402

TARGETS = {"add": 1.5, "list": 1.0, "export": 1.0}


def items(count: int, seed: int = 1) -> list[tuple[str, dt.date, str]]:
    rng = random.Random(seed)
    base = dt.date(2025, 1, 1)
    topics = ["rare earths", "export licences", "tariffs", "a state visit", "chip controls"]
    return [(f"Commitment {n} on {rng.choice(topics)}", base + dt.timedelta(days=rng.randint(0, 1000)),
             rng.choice(["trade", "china", "eu"])) for n in range(count)]


def fill_frist(path: Path, data) -> None:
    records = [model.Commitment.new(title, model.Due.day(due), tags=[tag]) for title, due, tag in data]
    db.open_store(path).add_many(records)


def fill_taskwarrior(folder: Path, data) -> dict:
    (folder / "data").mkdir(parents=True)
    rc = folder / "taskrc"
    rc.write_text(f"data.location={folder / 'data'}\nconfirmation=off\nnews.version=2.6.2\n")
    env = dict(os.environ, TASKRC=str(rc), TASKDATA=str(folder / "data"))
    export = [{"uuid": str(uuid.uuid4()), "description": title, "status": "pending",
               "entry": "20251124T120000Z", "due": due.strftime("%Y%m%dT000000Z"), "tags": [tag]}
              for title, due, tag in data]
    source = folder / "import.json"
    source.write_text(json.dumps(export))
    subprocess.run(["task", "import", str(source)], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return env


def timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def python_env(work: Path, **extra: str) -> dict:
    """The environment of a frist process as a user has it: bytecode cached (an installed
    package has its .pyc files; PYTHONDONTWRITEBYTECODE would make every run compile
    frist's modules again), the cache kept in the bench's temporary folder."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(work / "pycache"), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("FRIST_TODAY", None)
    return env


def frist_exe() -> list[str]:
    exe = shutil.which("frist", path=str(Path(sys.executable).parent)) or shutil.which("frist")
    return [exe] if exe else [sys.executable, "-m", "tui.cli"]


def compare(rounds: int, count: int, work: Path) -> dict[str, tuple[float, float]]:
    data = items(count)
    fdb = work / "frist" / "store.json"
    fill_frist(fdb, data)
    tenv = fill_taskwarrior(work / "tw", data)
    fenv = python_env(work, FRIST_DB=str(fdb))
    frist = frist_exe()
    pairs = {
        "add": (frist + ["add", "bench item", "--due", "2026-01-05"],
                ["task", "add", "bench item", "due:2026-01-05"]),
        "list": (frist + ["list", "--status", "all"], ["task", "list"]),
        "export": (frist + ["list", "--status", "all", "--json"], ["task", "export"]),
    }
    for name, (fcmd, tcmd) in pairs.items():  # warm the page cache and bytecode once
        timed(fcmd, fenv), timed(tcmd, tenv)
    times = {name: ([], []) for name in pairs}
    for n in range(rounds):
        for name, (fcmd, tcmd) in pairs.items():
            order = [(0, fcmd, fenv), (1, tcmd, tenv)]
            if n % 2:
                order.reverse()  # alternate who goes first
            for side, cmd, env in order:
                times[name][side].append(timed(cmd, env))
    return {name: (statistics.median(f), statistics.median(t)) for name, (f, t) in times.items()}


def import_report(work: Path) -> list[str]:
    """`python -X importtime` of the fast commands: total import time, heavy modules."""
    env = python_env(work, FRIST_DB=str(work / "frist" / "store.json"))
    probe = "import sys; from tui.cli import main; sys.argv[0] = 'frist'; main()"
    lines = []
    for args in (["add", "x", "--due", "2026-01-05"], ["add", "x", "--due", "next Friday"],
                 ["list", "--status", "all"], ["show", "1"]):
        for _ in range(2):  # the first run writes the bytecode cache
            result = subprocess.run([sys.executable, "-X", "importtime", "-c", probe, *args],
                                    env=env, capture_output=True, text=True)
        modules = {}
        for line in result.stderr.splitlines():
            if line.startswith("import time:") and "|" in line:
                _self, cumulative, name = line[len("import time:"):].split("|")
                if cumulative.strip().isdigit() and not name.startswith("  "):
                    # top-level imports: their sum is the total
                    modules[name.strip()] = int(cumulative)
        heavy = [m for m in ("textual", "dateparser") if any(n.startswith(m) for n in
                 (line.split("|")[-1].strip() for line in result.stderr.splitlines()))]
        lines.append(f"  frist {' '.join(args):32} imports {sum(modules.values()) / 1000:5.1f} ms"
                     f"  textual/dateparser: {', '.join(heavy) or 'neither'}")
    return lines


def big_store(count: int, work: Path) -> dict[str, float]:
    path = work / "big" / "store.json"
    start = time.perf_counter()
    fill_frist(path, items(count, seed=2))
    built = time.perf_counter() - start
    env = python_env(work, FRIST_DB=str(path))
    frist = frist_exe()
    timed(frist + ["list", "--status", "all", "--json"], env)  # warm the caches
    adds = [timed(frist + ["add", "big store item", "--due", "2026-01-05"], env) for _ in range(7)]
    lists = [timed(frist + ["list", "--status", "all"], env) for _ in range(3)]
    exports = [timed(frist + ["list", "--status", "all", "--json"], env) for _ in range(3)]
    store = db.open_store(path)
    start = time.perf_counter()
    with store.transaction():
        store.storage.compact()
    compaction = time.perf_counter() - start
    return {"build": built, "add": statistics.median(adds), "add max": max(adds),
            "list": statistics.median(lists), "export": statistics.median(exports),
            "compaction": compaction, "snapshot MB": path.stat().st_size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--big", type=int, default=100_000, help="0 skips the big store")
    args = parser.parse_args()
    if not shutil.which("task"):
        raise SystemExit("Taskwarrior is not installed: apt-get install -y taskwarrior")
    with tempfile.TemporaryDirectory(prefix="frist-bench-") as tmp:
        work = Path(tmp)
        results = compare(args.rounds, args.count, work)
        print(f"{args.count:,} items in each tool, {args.rounds} alternating rounds, medians:")
        print(f"{'':8}{'frist':>10}{'task':>10}{'ratio':>8}{'target':>8}")
        missed = []
        for name, (f, t) in results.items():
            ratio = f / t
            ok = ratio <= TARGETS[name]
            missed += [] if ok else [name]
            print(f"{name:8}{f * 1000:8.0f}ms{t * 1000:8.0f}ms{ratio:8.2f}{'<= ' + str(TARGETS[name]):>8}"
                  f"  {'ok' if ok else 'MISSED'}")
        natural = python_env(work, FRIST_DB=str(work / "frist" / "store.json"))
        typed = [timed(frist_exe() + ["add", "x", "--due", "next Friday"], natural) for _ in range(5)]
        print(f"(for comparison: frist add --due 'next Friday' {statistics.median(typed) * 1000:.0f} ms"
              " median: a typed date that is not ISO goes through the extractor's date finder)")
        print("\nimports (python -X importtime):")
        print("\n".join(import_report(work)))
        if args.big:
            big = big_store(args.big, work)
            print(f"\n{args.big:,} items in frist ({big['snapshot MB']:.0f} MB snapshot, "
                  f"built in {big['build']:.1f} s):")
            print(f"  frist add        {big['add'] * 1000:6.0f} ms median, {big['add max'] * 1000:.0f} ms max")
            print(f"  frist list       {big['list'] * 1000:6.0f} ms")
            print(f"  frist list --json{big['export'] * 1000:6.0f} ms")
            print(f"  one compaction   {big['compaction'] * 1000:6.0f} ms "
                  f"(the write after the journal outgrows a quarter of the snapshot)")
        print("\nall targets met" if not missed else f"\nmissed: {', '.join(missed)}")


if __name__ == "__main__":
    main()
