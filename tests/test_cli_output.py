"""Standard output that goes away or fills up (QA1 7): a reader that closed the pipe
(`frist list | head -1`) ends frist quietly with 141, as `cat` or `git` end there (the
shell's 128 + SIGPIPE); a full disk behind standard output is one line that names it."""
from __future__ import annotations

import os
import subprocess

import pytest

from conftest import frist_exe


def _run(args: list[str], stdout) -> subprocess.CompletedProcess:
    return subprocess.run(frist_exe() + args, stdout=stdout, stderr=subprocess.PIPE,
                          text=True, timeout=120)


@pytest.fixture
def stocked(frist, tmp_path):
    for n in range(30):
        frist("add", f"item {n}", "--due", f"2026-01-{n % 28 + 1:02d}", "--actor", "Acme",
              check=True)
    article = tmp_path / "f.txt"
    article.write_text("The ministry said on Monday that the bridge will reopen on "
                       "9 January 2027.\n")
    return article


@pytest.mark.parametrize("args", [["list", "--status", "all"], ["export", "--format", "csv"],
                                  ["extract", "ARTICLE", "--published", "2025-11-24"],
                                  ["list", "--json"], ["show", "1"], ["stats"],
                                  ["list", "--timeline"]])
def test_a_closed_pipe_ends_frist_quietly(stocked, args):
    args = [str(stocked) if a == "ARTICLE" else a for a in args]
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before frist writes a byte
    try:
        result = _run(args, write_end)
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141


@pytest.mark.parametrize("args", [["list"], ["export"], ["list", "--json"]])
def test_a_full_standard_output_is_one_line_naming_it(stocked, args):
    with open("/dev/full", "wb") as full:
        result = _run(args, full)
    assert result.returncode == 1
    assert result.stderr == "error: cannot use standard output: No space left on device\n"
