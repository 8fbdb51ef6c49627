"""`frist --demo`: the dashboard on a temporary store filled from the sample articles.

The articles in tui/samples/ carry date placeholders that are filled in relative to the
demo's today, then go through the real extractor and ingest, like any article would.
A few typed items and decisions are added, so every state shows up.
"""
from __future__ import annotations

import calendar
import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

from store import model
from store.extract import lexicon

SAMPLES = Path(__file__).with_name("samples")
TOKEN = re.compile(r"\{([dmy]):(-?\d+)\}")

# Typed items: (title, days from today, actor, tags)
TYPED = [
    ("Ask the port press office for the tender documents", 1, "", ["follow-up"]),
    ("Write the quarterly piece on broken promises", 14, "", ["writing"]),
    ("Check whether the rail compensation scheme was published", 26, "", ["follow-up"]),
]


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fill(template: str, today: dt.date, published: dt.date, lang: str) -> str:
    """The article with its placeholders replaced by dates in its language."""
    language = lexicon.load(lang)   # its month names and how it writes a day

    def date_words(m: re.Match) -> str:
        kind, n = m[1], int(m[2])
        if kind == "y":
            return str(today.year + n)
        if kind == "m":
            day = _add_months(today, n)
            return language.write(day, "month")
        day = today + dt.timedelta(days=n)
        return language.write(day, "day" if day.year == published.year else "day_year")
    return TOKEN.sub(date_words, template)


def sample_articles(today: dt.date) -> list[tuple[str, str, dt.date, str]]:
    """(name, text, published, lang) of every sample, dated for `today`."""
    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        head, lang_line, body = path.read_text(encoding="utf-8").split("\n", 2)
        published = today + dt.timedelta(days=int(head.split(":", 1)[1]))
        lang = lang_line.split(":", 1)[1].strip()
        out.append((path.name, fill(body, today, published, lang), published, lang))
    return out


def _ingest(store, today: dt.date) -> None:
    """The sample articles through the real extractor and ingest, as any article goes."""
    from store import ingest
    documents = [ingest.Document(text, name, published, lang, "given")
                 for name, text, published, lang in sample_articles(today)]
    ingest.commit(store, ingest.propose(store, documents, today))


def build_demo_store(path: str | Path, today: dt.date):
    """A store at `path` holding the sample articles' commitments and a few of our own."""
    from store.db import open_store
    store = open_store(path)
    _ingest(store, today)
    store.add_many([model.Commitment.new(title, model.Due.day(today + dt.timedelta(days=days)),
                                         actor=actor, tags=tags)
                    for title, days, actor, tags in TYPED], "demo")
    # Decide the two oldest overdue items, so met and missed show up too ...
    overdue = sorted((c.due, i) for i, c in store.all() if c.state(today) == "overdue")
    for (_due, item_id), (status, note) in zip(overdue, [("met", "confirmed by the press office"),
                                                          ("missed", "no sign of it by the date")]):
        store.mark(item_id, status, note)
    # ... and call off the one furthest away, so "cancelled" shows up as well.
    latest = max(((c.due, i) for i, c in store.all() if c.sources), default=None)
    if latest:
        store.mark(latest[1], "cancelled", "plan withdrawn")
    return store


def _remove_abandoned_demos() -> None:
    """Demo folders whose frist was killed (a closed terminal skips the clean-up)."""
    for folder in Path(tempfile.gettempdir()).glob("frist-demo-*"):
        try:
            pid = int((folder / "pid").read_text())
            os.kill(pid, 0)
        except ProcessLookupError:  # its process is gone
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):  # not ours to judge: another user's, or no pid
            continue


def run_demo(env) -> None:
    from store.db import open_store
    from tui.app import run_app
    _remove_abandoned_demos()
    folder = Path(tempfile.mkdtemp(prefix="frist-demo-"))
    try:
        (folder / "pid").write_text(str(os.getpid()))
        path = folder / "store.json"
        build_demo_store(path, env.today)
        run_app(open_store(path), env.today_text, env.config, store_is_temporary=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
