"""`frist list`, `frist due` and `frist show` as a person reads them: in a terminal of
80 to 200 columns (a real pseudo-terminal of that size), and through a pipe."""
from __future__ import annotations

import datetime as dt
import fcntl
import os
import pty
import re
import struct
import subprocess
import termios

import pytest

from conftest import frist_exe
from store import model
from tui.text import PIPE_WIDTH
from store.db import open_store

SGR = re.compile(r"\x1b\[[0-9;]*m")
LONG_TITLE = ("Hafenbehörde will außerdem alle Kaimauern am Nordufer bis Ende des Jahres "
              "auf Risse untersuchen lassen")
LONG_ACTOR = "Bundesministerium für Digitales und Verkehr (Pressestelle)"


@pytest.fixture
def long_store(db_path):
    day = model.Due.from_value
    model.set_today(dt.date(2025, 11, 24))  # created on the tests' today (conftest undoes it)
    store = open_store(db_path)
    records = [
        model.Commitment.new(LONG_TITLE, day("2025-12-31", "bis Ende des Jahres"), actor=LONG_ACTOR),
        model.Commitment.new("Rail compensation scheme published", day("2025-11-27"),
                             actor="Deutsche Bahn"),
        model.Commitment.new("A promise from long ago", day("2019-01-10"), actor="City council"),
        model.Commitment.new("Short", day("2026-Q1")),
    ]
    met = model.Commitment.new("Decided a year ago", day("2024-11-20"), actor="EU Commission")
    met = met.with_changes(status="missed", decided="2024-11-22")
    store.add_many(records + [met], "test")
    return store


def in_terminal(columns: int, *args: str) -> list[str]:
    """`frist ARGS` with its output on a pseudo-terminal `columns` wide: the lines it
    shows, colour codes taken out."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    proc = subprocess.Popen(frist_exe() + list(args), stdout=slave, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    text = SGR.sub("", out.decode("utf-8")).replace("\r\n", "\n")
    return text.rstrip("\n").split("\n")


def cells(line: str) -> int:
    from tui.text import width
    return width(line)


def columns_of(lines: list[str]) -> dict[str, str]:
    """The cells of each line by header word (the header's words start the columns)."""
    head = lines[0]
    starts = [(m.start(), m.group()) for m in re.finditer(r"\S+", head)]
    out = []
    for line in lines[1:]:
        row = {}
        for n, (start, name) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else None
            row[name] = line[start:end].strip()
        out.append(row)
    return out


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
@pytest.mark.parametrize("status", ["open", "all"])
def test_list_fits_the_terminal_and_the_title_gets_the_room(long_store, columns, status):
    lines = in_terminal(columns, "list", "--status", status)
    assert len(lines) == (5 if status == "open" else 6)  # a header, a line per item: no wrap
    assert all(cells(line) <= columns for line in lines), max(map(cells, lines))
    header = lines[0].split()
    assert header[:4] == ["ID", "DUE", "WHEN", "TITLE"]  # these never step aside here
    rows = columns_of(lines)
    long_row = next(row for row in rows if row["TITLE"].startswith("Hafenbehörde"))
    assert len(long_row["TITLE"]) >= min(len(LONG_TITLE), columns * 3 // 8)
    assert len(long_row["TITLE"]) > len(long_row.get("ACTOR", ""))  # the title gets the room
    whens = [row["WHEN"] for row in rows]
    assert "2510 d overdue" in whens  # whole, four digits
    assert status == "open" or "missed 22 Nov 2024" in whens
    if columns == 80 and status == "open":  # the status steps aside, the actor narrows
        assert header == ["ID", "DUE", "WHEN", "TITLE", "ACTOR"]
        assert "Deutsche Bahn" in [row["ACTOR"] for row in rows]
    if columns >= 120:
        assert header == ["ID", "DUE", "WHEN", "TITLE", "ACTOR", "STATUS"]
    if columns == 200:
        assert long_row["TITLE"] == LONG_TITLE


def test_due_fits_the_terminal_too(long_store):
    lines = in_terminal(80, "due", "--within", "7d")
    assert all(cells(line) <= 80 for line in lines) and "TITLE" in lines[0]


@pytest.mark.parametrize("columns", [None, 140])
def test_through_a_pipe_every_column_is_there_and_a_long_title_is_cut(long_store, frist,
                                                                       monkeypatch, columns):
    """A pipe has no width: $COLUMNS, else every cell whole up to PIPE_WIDTH. A
    3,000-character title is cut there, as in a terminal (it made every line 3,061
    characters, the actor and status after it); a long ordinary one stays whole, for grep."""
    monkeypatch.delenv("COLUMNS", raising=False)
    # past the limit a new title takes (model.TITLE_LIMIT): stored before it, or synced
    long_store.add(model.Commitment.new("Ein Versprechen", model.Due.from_value("2025-11-28"),
                                        actor="Rat").with_changes(
                                            title=("Ein Versprechen " * 200)[:3000]))
    whole = "Hafenbehörde veröffentlicht die Ausschreibung " + "für die Vertiefung der Fahrrinne " * 3
    long_store.add(model.Commitment.new(whole, model.Due.from_value("2025-11-29")))
    env = {"COLUMNS": str(columns)} if columns else {}
    for args in (["list", "--status", "all"], ["due", "--within", "7d"]):
        result = frist(*args, env=env)
        assert result.returncode == 0 and "\x1b" not in result.stdout
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["ID", "DUE", "WHEN", "TITLE", "ACTOR", "STATUS"]
        assert all(cells(line) <= (columns or PIPE_WIDTH) for line in lines), max(map(cells, lines))
        rows = columns_of(lines)
        cut = next(row for row in rows if row["TITLE"].startswith("Ein Versprechen"))
        assert cut["TITLE"].endswith("…") and (cut["ACTOR"], cut["STATUS"]) == ("Rat", "open")
        assert "Rail compensation scheme published" in [row["TITLE"] for row in rows]
        if columns is None:
            assert whole.strip() in [row["TITLE"] for row in rows]


def test_stats_through_a_pipe_cuts_a_long_actor(long_store, frist, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    long_store.add(model.Commitment.new("Vote", model.Due.from_value("2025-11-28"),
                                        actor=("Rat der Stadt " * 250)[:3000]))
    lines = frist("stats").stdout.splitlines()
    assert lines[0].split()[0] == "ACTOR" and lines[0].split()[-1] == "RECORD"
    assert all(cells(line) <= PIPE_WIDTH for line in lines), max(map(cells, lines))
    assert any(line.startswith("Rat der Stadt") and "…" in line for line in lines)


def test_show_prints_dates_as_a_person_reads_them(frist, long_store):
    assert frist("mark", "2", "met", "--on", "2025-11-21", "--note", "signed").returncode == 0
    out = frist("show", "2").stdout
    assert "decided   Fri 21 Nov" in out and "decided   Fri 21 Nov 2025" not in out  # this year
    history = out.split("history\n", 1)[1].splitlines()
    assert len(history) == 2
    for line in history:  # '24 Nov 10:05  created': a day, a local time, no ISO stamp
        assert re.match(r"  24 Nov \d\d:\d\d  ", line), line
        assert "T" not in line.split()[2] and "+00:00" not in line
    old = frist("show", "5").stdout
    assert "decided   Fri 22 Nov 2024" in old  # another year: with its year
    window = frist("show", "1").stdout
    assert "window 1 Dec 2025 – 31 Dec 2025" not in window  # a day, no window
    assert "due       31 Dec 2025" in window


def test_list_search_finds_a_word_however_its_letters_are_composed(frist):
    """A title stored with a decomposed 'ä' (NFD) was not found by 'Präsident' typed in
    NFC, nor the reverse; --actor likewise."""
    import json
    import unicodedata
    nfc, nfd = "Präsident", unicodedata.normalize("NFD", "Präsident")
    frist("add", f"{nfd} to resign", "--due", "2026-01-01", "--actor", "Bürgermeister", check=True)
    frist("add", f"{nfc} to visit", "--due", "2026-01-02", check=True)
    for typed in (nfc, nfd, "präsident"):
        found = json.loads(frist("list", "--search", typed, "--json", check=True).stdout)
        assert [i["id"] for i in found] == [1, 2], typed
    by_actor = frist("list", "--actor", unicodedata.normalize("NFD", "bürger"), "--json", check=True)
    assert [i["id"] for i in json.loads(by_actor.stdout)] == [1]
