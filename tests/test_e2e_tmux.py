"""End to end: the real `frist` in a tmux terminal, typed at as a person would.

Adds "in 10 days", sees the countdown, searches, marks met with a note on the day before,
quits, then reads the store back with `frist show --json`; and, at 80x24, the footer.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid

import pytest

from conftest import frist_exe

# CI installs tmux (.ci/run) and must run this; elsewhere it may be missing
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None and not os.environ.get("CI"),
                                reason="tmux is not installed")


class Terminal:
    def __init__(self, command: list[str], env: dict, width: int = 120, height: int = 36):
        self.name = f"frist-e2e-{uuid.uuid4().hex[:8]}"
        env_args = [f"{k}={v}" for k, v in env.items()]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, "-x", str(width),
                        "-y", str(height), "env", *env_args, *command], check=True)

    def screen(self) -> str:
        result = subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                                capture_output=True, text=True)
        return result.stdout

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)
        time.sleep(0.3)  # at a person's pace

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", text], check=True)
        time.sleep(0.3)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.2)
        size = subprocess.run(["tmux", "display", "-p", "-t", self.name,
                               "#{window_width}x#{window_height}"], capture_output=True, text=True)
        raise AssertionError(f"{text!r} never appeared on the {size.stdout.strip()} screen:\n"
                             f"{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def test_a_person_adds_searches_marks_and_quits(frist, db_path):
    frist("add", "Budget vote in parliament", "--due", "2025-12-01", "--actor", "Parliament",
          check=True)
    env = {"FRIST_DB": str(db_path), "FRIST_TODAY": "2025-11-24", "TERM": "xterm-256color",
           "HOME": os.environ["HOME"], "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
           "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"], "PATH": os.environ.get("PATH", "")}
    term = Terminal(frist_exe(), env)
    try:
        term.wait_for("Budget vote in parliament")
        term.keys("a")
        term.wait_for("Add a commitment")
        term.type("Harbour tunnel reopens")
        term.keys("Tab")
        term.type("in 10 days")
        term.wait_for("Thu 4 Dec 2025 · in 10 days")  # the live preview
        term.keys("Enter")
        shown = term.wait_for("Harbour tunnel reopens")
        row = next(line for line in shown.splitlines() if "Harbour tunnel reopens" in line)
        assert "4 Dec 2025" in row and "in 10 d" in row

        term.keys("/")
        term.type("tunnel")
        time.sleep(0.5)
        shown = term.wait_for("Harbour tunnel reopens")
        assert "Budget vote in parliament" not in shown  # filtered as typed
        term.keys("Enter")
        time.sleep(0.3)
        term.keys("m")
        term.wait_for("Mark as met")
        term.wait_for("Mon 24 Nov 2025 · today")  # decided today, unless told otherwise
        term.type("opened on time")
        term.keys("Tab")
        term.type("yesterday")
        term.wait_for("Sun 23 Nov 2025 · yesterday")
        term.keys("Enter")
        term.wait_for("1 in Met: press 3")  # decided: it left the Open tab at once
        term.keys("3")
        shown = term.wait_for("met 23 Nov")
        row = next(line for line in shown.splitlines() if "Harbour tunnel reopens" in line)
        assert "met 23 Nov" in row
        term.keys("q")
        deadline = time.monotonic() + 10
        while term.alive() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not term.alive(), "frist did not quit on q"
    finally:
        term.close()

    items = json.loads(frist("list", "--status", "all", "--json", check=True).stdout)
    tunnel = next(i for i in items if i["title"] == "Harbour tunnel reopens")
    shown = json.loads(frist("show", str(tunnel["id"]), "--json", check=True).stdout)
    assert shown["due"] == "2025-12-04"
    assert shown["status"] == "met" and shown["decided"] == "2025-11-23"
    assert shown["history"][-1]["note"] == "opened on time"
    budget = next(i for i in items if i["title"] == "Budget vote in parliament")
    assert budget["status"] == "open"


def test_at_80_by_24_the_footer_keeps_the_keys_a_person_needs(frist, db_path):
    frist("add", "Budget vote in parliament", "--due", "2025-12-01", check=True)
    env = {"FRIST_DB": str(db_path), "FRIST_TODAY": "2025-11-24", "TERM": "xterm-256color",
           "HOME": os.environ["HOME"], "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"],
           "XDG_DATA_HOME": os.environ["XDG_DATA_HOME"], "PATH": os.environ.get("PATH", "")}
    term = Terminal(frist_exe(), env, width=80, height=24)
    try:
        term.wait_for("Budget vote in parliament")
        shown = term.wait_for("Quit")
        footer = next(line for line in shown.splitlines() if "Help" in line)
        for key in ("a Add", "m Met", "x Missed", "p Postpone", "/ Search", "i Ingest",
                    "t Timeline", "? Help", "q Quit"):
            assert key in " ".join(footer.split()), footer
        term.keys("q")
    finally:
        term.close()
