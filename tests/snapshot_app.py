"""The dashboard on a fixed little store and a fixed today, for snapshot tests and screenshots.

`build_store(path)` writes items whose dates are relative to TODAY and whose history
stamps are fixed, so every run paints the same screen.
"""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store import model  # noqa: E402
from store.db import open_store  # noqa: E402

TODAY = dt.date(2025, 11, 24)
STAMP = "2025-11-20T09:00:00+00:00"

ITEMS = [
    # (title, due value, due_text, actor, status, sentence, document, days before TODAY decided)
    ("Abkommen mit Norwegen über Batterierecycling schließen", "2025-11-27", "bis zum 27. November",
     "Karin Holm", "open",
     "Nach Angaben von Wirtschaftsministerin Karin Holm will die Regierung bis zum "
     "27. November ein Abkommen mit Norwegen über Batterierecycling schließen.",
     "wirtschaft-holm.txt"),
    ("Einfuhrlizenzen für Altbatterien erforderlich", "2025-12-01",
     "ab dem 1. Dezember", "Umweltbundesamt", "open",
     "Ab dem 1. Dezember brauchen Händler für jede Lieferung von Altbatterien eine "
     "Einfuhrlizenz, teilte das Umweltbundesamt mit.", "wirtschaft-holm.txt"),
    ("Ministerin Holm besucht Oslo", "2026-04", "im April 2026", "Karin Holm", "open",
     "Holm sagte, sie werde im April 2026 zu Gesprächen über Wasserstoff nach Oslo reisen.",
     "wirtschaft-holm.txt"),
    ("Port authority publishes the dredging tender", "2025-11-18", "by 18 November",
     "Port of Hamburg", "open",
     "The port authority said it would publish the dredging tender by 18 November.",
     "harbour-news.html"),
    ("Rail strike ballot result announced", "2025-11-24", "today", "GDL", "open",
     "The union will announce the result of the strike ballot today.", "rail-wire.txt"),
    ("Budget draft sent to parliament", "2025-11-10", "by 10 November", "Finance ministry", "met",
     "The ministry promised to send the draft to parliament by 10 November.", "budget.txt"),
    ("Ceasefire talks resume in Geneva", "2025-11-15", "on 15 November", "UN envoy", "missed",
     "The envoy said talks would resume in Geneva on 15 November.", "geneva.txt"),
    ("Climate fund pledges published", "2026-Q1", "in the first quarter of 2026", "EU Commission",
     "open", "The Commission will publish the pledges in the first quarter of 2026.",
     "climate.txt"),
    ("Renew my passport", "2025-11-28", "Friday", "", "open", "", ""),
    ("Stadium roof completed", "2025-11-01", "by 1 November", "City council", "cancelled",
     "The council expects the roof to be completed by 1 November.", "stadium.txt"),
    ("Markup must stay literal: [bold]x[/bold] [/] [@click=app.quit]q[/]", "2025-12-20",
     "20 December", "[red]Mallory[/red]", "open", "", ""),
]


def build_store(path: str | os.PathLike) -> None:
    store = open_store(path)
    records = []
    for title, value, due_text, actor, status, sentence, document in ITEMS:
        sources = ([model.Source(sentence, document, "2025-11-24",
                                 "de" if "ä" in sentence or " die " in sentence else "en")]
                   if sentence else [])
        record = model.Commitment.new(title, model.Due.from_value(value, due_text), actor=actor,
                                      sources=sources, status="open", created=STAMP)
        if status != "open":
            record = record.with_changes(status=status).with_event(
                model.Event("2025-11-21T10:30:00+00:00", f"marked {status}", "seen in the news"))
        records.append(record)
    store.add_many(records, "snapshot")


def review_proposals(known_id: int | None = 1) -> list:
    """Proposals as store.ingest.propose makes them, written out (the extractor may change;
    the review screen's look should not change with it)."""
    from store.ingest import Document, Proposal
    doc = Document("…", "/home/ana/news/batterien.txt", TODAY, "de", "given")
    rows = [
        ("Abkommen mit Norwegen über Batterierecycling schließen", "2025-11-27",
         "bis zum 27. November", "Karin Holm", 0.95,
         "Nach Angaben von Wirtschaftsministerin Karin Holm will die Regierung bis zum "
         "27. November ein Abkommen mit Norwegen über Batterierecycling schließen.", known_id),
        ("Einfuhrlizenzen für Altbatterien", "2025-12-01", "ab dem 1. Dezember",
         "Umweltbundesamt", 0.8, "Ab dem 1. Dezember brauchen Händler für jede Lieferung von "
         "Altbatterien eine Einfuhrlizenz, teilte das Umweltbundesamt mit.", None),
        ("Holm besucht Oslo [bold]sic[/bold]", "2026-04", "im April 2026", "Karin Holm", 0.66,
         "Holm sagte, sie werde im April 2026 zu Gesprächen über Wasserstoff nach Oslo reisen.",
         None),
    ]
    return [Proposal(title, model.Due.from_value(value, text), actor, sentence, conf, doc, known)
            for title, value, text, actor, conf, sentence, known in rows]


def steady_cursors(screen) -> None:
    """Text fields with a cursor that does not blink: on a loaded machine a snapshot may
    be taken after half a second, when a blinking cursor is off."""
    for field in screen.query("Input"):
        field.cursor_blink = False


def make(path: str | os.PathLike | None = None):
    from tui.app import make_app
    if path is None:
        import tempfile
        path = os.environ.get("FRIST_SNAPSHOT_DB") or Path(tempfile.mkdtemp()) / "store.json"
    path = Path(path)
    if path.exists():
        path.unlink()
    build_store(path)
    clock = lambda: dt.datetime(2026, 1, 1, 12, 0)  # noqa: E731 — the real day must not matter
    return make_app(open_store(path), TODAY.isoformat(), clock=clock)


if __name__ == "__main__":
    make().run()
