"""One publication date: `frist extract`, `frist ingest` and text pasted into the dashboard
date a document by the same rule (given, metadata, dateline, file time, today)."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from store.ingest import load, pasted, publication_date, read_one  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TODAY = dt.date(2025, 11, 24)
DATELINE = "KIEL, 14 March 2011 — The port authority will open the new berth by 1 July.\n"


def set_mtime(path: Path, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))


@pytest.fixture
def documents(tmp_path) -> dict[str, Path]:
    """A page with a metadata date, a text with a dateline, a text with neither."""
    page = tmp_path / "page.html"
    page.write_bytes((FIXTURES / "page.html").read_bytes())
    dated = tmp_path / "dateline.txt"
    dated.write_text(DATELINE, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("The port authority will open the new berth by 1 July.\n", encoding="utf-8")
    for path in (page, dated, plain):
        set_mtime(path, dt.date(2025, 11, 3))
    return {"metadata": page, "dateline": dated, "file time": plain}


@pytest.mark.parametrize("where, day", [("metadata", dt.date(2025, 11, 21)),
                                        ("dateline", dt.date(2011, 3, 14)),
                                        ("file time", dt.date(2025, 11, 3))])
def test_extract_and_ingest_date_a_file_alike(documents, where, day):
    path = documents[where]
    [ingested] = load(str(path), today=TODAY).documents
    extracted = read_one(str(path), today=TODAY)
    assert (ingested.published, ingested.published_from) == (day, where)
    assert (extracted.published, extracted.published_from) == (day, where)


def test_a_given_date_wins_everywhere(documents):
    given = dt.date(2024, 1, 2)
    for path in documents.values():
        assert read_one(str(path), given, today=TODAY).published == given
        assert load(str(path), given, today=TODAY).documents[0].published == given
    assert pasted(DATELINE, given, TODAY).published == given


def test_pasted_text_is_dated_by_its_dateline_else_today():
    doc = pasted(DATELINE, None, TODAY)
    assert (doc.name, doc.published, doc.published_from) == ("pasted text", dt.date(2011, 3, 14),
                                                             "dateline")
    assert pasted("No dateline here.", None, TODAY).published == TODAY


def test_dates_frist_does_not_accept_are_no_publication_date():
    far = dt.date(9999, 12, 31)
    assert publication_date("text", TODAY, metadata=far) == (TODAY, "today")
    assert publication_date("text", TODAY, file_date=dt.date(1850, 1, 1)) == (TODAY, "today")
    assert publication_date("text", TODAY, file_date=dt.date(2030, 1, 1)) == (TODAY, "file time")


def test_frist_extract_says_where_its_date_came_from(frist, documents):
    result = frist("extract", str(documents["metadata"]), "--json")
    assert result.returncode == 0, result.stderr
    assert "dates are read as of 2025-11-21, the publication date in its metadata" in result.stderr
    result = frist("extract", str(documents["dateline"]), "--json")
    assert "dates are read as of 2011-03-14, the date of its dateline" in result.stderr
    [candidate] = json.loads(result.stdout)
    assert candidate["due"] == "2011-07-01"   # "by 1 July" of the dateline's year
    result = frist("extract", str(documents["file time"]), "--json")
    assert "dates are read as of 2025-11-03, the file's date" in result.stderr


async def test_the_dashboard_dates_pasted_text_by_its_dateline(db_path):
    from store.db import open_store
    from tui.app import make_app
    from tui.screens.review import ReviewScreen
    app = make_app(open_store(db_path), "2025-11-24")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("i")
        app.screen.query_one("#pasted").text = DATELINE
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        proposal = app.screen.cards[0].proposal
    assert proposal.document.published == dt.date(2011, 3, 14)
    assert proposal.due.due == dt.date(2011, 7, 1)


def test_a_declared_language_counts_when_the_language_data_has_it(monkeypatch):
    from store import extract
    from store.ingest.load import known_language
    assert known_language("de") == "de" and known_language("fr") is None
    monkeypatch.setattr(extract, "available_languages", lambda: ["de", "en", "fr"])
    assert known_language("fr") == "fr"   # a new fr.json is all it takes
