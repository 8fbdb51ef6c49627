"""`frist ingest` on a real (pseudo-)terminal: the review dialogue and the progress bar."""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
FRIST = shutil.which("frist", path=str(Path(sys.executable).parent)) or shutil.which("frist")


class Terminal:
    """frist running with a pseudo-terminal as its stdin, stdout and stderr."""

    def __init__(self, *args: str):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen([FRIST, *args], stdin=slave, stdout=slave, stderr=slave,
                                     env=dict(os.environ, TERM="xterm", COLUMNS="120"),
                                     start_new_session=True)
        os.close(slave)
        self.output = b""

    def read_until(self, marker: bytes, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.output:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {marker!r} in {self.output!r}")
            ready, _, _ = select.select([self.master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:   # the program ended and the terminal closed
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    raise AssertionError(f"ended without {marker!r}: {self.output!r}")
                self.output += chunk

    def type(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")

    def finish(self) -> int:
        try:
            self.read_until(b"\x00never", timeout=30)
        except AssertionError:
            pass
        os.close(self.master)
        return self.proc.wait(timeout=30)


def stored(frist):
    return json.loads(frist("list", "--json").stdout)


def test_review_each_on_a_terminal(frist):
    term = Terminal("ingest", str(FIXTURES / "article.txt"), "--published", "2025-11-20")
    term.read_until(b"Store them? [a]ll, [e]ach, [n]one")
    assert b"\x1b[1;4m15 December 2025\x1b[22;24m" in term.output   # the date words stand out
    term.type("e")
    term.read_until(b"#1 store?")
    term.type("y")
    term.read_until(b"#2 store?")
    term.type("n")
    assert term.finish() == 0
    assert b"1 new, 0 already known" in term.output
    assert [item["due"] for item in stored(frist)] == ["2025-12-15"]


def test_a_folder_of_many_files_shows_a_progress_bar(frist, tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(8):
        (folder / f"{n}.txt").write_text(f"The agency {n} will report by {n + 1} March 2026.")
    term = Terminal("ingest", str(folder), "--published", "2025-11-20", "--yes")
    assert term.finish() == 0
    assert b"reading" in term.output and b"/8" in term.output
    assert b"8 documents read" in term.output


def test_the_dashboard_without_a_terminal_says_so_in_one_line(tmp_path):
    """`frist < /dev/null > out.txt` (a script, a cron job): no escape codes, no hang."""
    for args in ([], ["--demo"]):
        out = tmp_path / "out.txt"
        with open(out, "wb") as stdout:
            result = subprocess.run([FRIST, *args], stdin=subprocess.DEVNULL, stdout=stdout,
                                    stderr=subprocess.PIPE, timeout=60)
        assert result.returncode == 1
        assert out.read_bytes() == b""
        [line] = result.stderr.decode().splitlines()
        assert line.startswith("error: the dashboard needs a terminal to draw on and read keys")
        assert "\x1b" not in line
