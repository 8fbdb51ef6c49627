"""Shared fixtures: every test gets its own store, config folder and a fixed "today"."""
from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = "2025-11-24"  # the seed article's publication day
SHARED = Path(__file__).resolve().parents[2] / "shared"
EXTRACT_PUB = dt.date(2031, 3, 12)  # a Wednesday: the extractor tests' publication day


def dues(text: str, lang: str, published: dt.date = EXTRACT_PUB) -> list[str]:
    """The due days (ISO) the extractor finds in `text`."""
    from store.extract import extract
    return [c.due.isoformat() for c in extract(text, published, lang)]


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No test touches the real user's data or config, and "today" is fixed."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("FRIST_DB", str(tmp_path / "store.json"))
    monkeypatch.setenv("FRIST_TODAY", TODAY)
    monkeypatch.delenv("FRIST_CONFIG", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    # every server a test talks to is on 127.0.0.1: a machine's proxy must not stand between
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    yield tmp_path
    from store import model
    model.set_today(None)  # a command or app run in-process moved frist's clock


@pytest.fixture
def db_path(isolated) -> Path:
    return isolated / "store.json"


def frist_exe() -> list[str]:
    exe = shutil.which("frist", path=str(Path(sys.executable).parent)) or shutil.which("frist")
    return [exe] if exe else [sys.executable, "-c", "from tui.cli import main; main()"]


@pytest.fixture
def frist():
    """Run the installed `frist` entry point: frist("list", "--json", input=...)."""
    def run(*args: str, input: str | bytes | None = None, env: dict | None = None,
            check: bool = False) -> subprocess.CompletedProcess:
        full_env = dict(os.environ, **(env or {}))
        text = not isinstance(input, bytes)
        result = subprocess.run(frist_exe() + list(args), input=input, capture_output=True,
                                text=text, env=full_env, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"frist {' '.join(args)} exited {result.returncode}: {result.stderr}")
        return result
    return run


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests (the Pilot tests) with asyncio: no async plugin is needed."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs, where the test runs as root and may mount (CI does)."""
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def free_bytes(folder: Path) -> int:
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def fill_disk(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of `folder` until at most `leave` bytes are free (a real
    full disk). Returns the filler file: deleting it frees the room again."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:
        try:
            while free_bytes(folder) > leave:
                fh.write(bytes(4096))
        except OSError:  # full
            pass
    return filler
