"""store.ingest.load: every input kind, where the publication date comes from, bad input."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from store.errors import FristError
from store.ingest import load

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TODAY = dt.date(2025, 11, 24)


def one(source, **kw):
    loaded = load(str(source), today=TODAY, **kw)
    assert not loaded.skipped, loaded.skipped
    assert len(loaded.documents) == 1
    return loaded.documents[0], loaded


def set_mtime(path: Path, day: dt.date) -> None:
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))


def test_plain_text_uses_file_time_with_a_warning(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text((FIXTURES / "article.txt").read_text())
    set_mtime(path, dt.date(2025, 11, 3))
    doc, loaded = one(path)
    assert "ferry line" in doc.text
    assert doc.published == dt.date(2025, 11, 3) and doc.published_from == "file time"
    assert doc.name == str(path.absolute())
    assert len(loaded.warnings) == 1 and "2025-11-03" in loaded.warnings[0]
    assert "--published" in loaded.warnings[0]


def test_file_time_after_today_is_capped_to_today(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The council will decide by 1 March 2026.")
    set_mtime(path, dt.date(2026, 5, 1))
    doc, _ = one(path)
    assert doc.published == TODAY


def test_given_date_and_language_win_over_everything(tmp_path):
    doc, loaded = one(FIXTURES / "notes.md", published=dt.date(2025, 1, 2), lang="de")
    assert doc.published == dt.date(2025, 1, 2) and doc.published_from == "given"
    assert doc.lang == "de"
    assert loaded.warnings == []


def test_markdown_front_matter_date_and_markup_removed():
    doc, loaded = one(FIXTURES / "notes.md")
    assert doc.published == dt.date(2025, 11, 20) and doc.published_from == "metadata"
    assert doc.lang == "en"
    assert loaded.warnings == []
    assert "The national rail operator said" in doc.text        # bold markers gone
    assert "See the operator's page for details." in doc.text   # link reduced to its words
    for markup in ("**", "](", "# Rail", "\n> ", "\n- ", "title:"):
        assert markup not in doc.text


def test_html_main_text_without_navigation_comments_or_footer():
    doc, loaded = one(FIXTURES / "page.html")
    assert "ready by the end of September 2026" in doc.text
    assert "Subscribe" not in doc.text          # navigation
    assert "Reader42" not in doc.text           # a reader's comment
    assert "Cookie settings" not in doc.text    # footer
    assert "<p>" not in doc.text
    assert doc.published == dt.date(2025, 11, 21) and doc.published_from == "metadata"
    assert doc.lang == "en"
    assert loaded.warnings == []


def test_html_headline_and_paragraphs_end_their_sentences(tmp_path):
    # a headline longer than a wrapped line, without a full stop, was glued to the
    # first sentence (its actor and title came from both); text beside an inline element
    # outside any paragraph still reads as one sentence
    path = tmp_path / "page.html"
    path.write_text(
        "<html lang='en'><body><main><h1>Harbour board agrees to delay the dredging of the"
        " outer channel</h1><p>Yesterday the board said the work will start on 3 March 2026."
        "</p>The ministry will <b>publish its plan on 9 March 2026</b> after talks."
        "<p>A closing paragraph with enough words for the reader to keep it as the text of"
        " the article.</p></main></body></html>")
    doc, _ = one(path)
    from store.extract import extract
    found = extract(doc.text, TODAY, "en")
    sentences = {c.due.isoformat(): c.sentence for c in found}
    assert sentences["2026-03-03"] == "Yesterday the board said the work will start on 3 March 2026."
    assert sentences["2026-03-09"] == "The ministry will publish its plan on 9 March 2026 after talks."


def test_german_html_page_declares_its_language():
    doc, _ = one(FIXTURES / "seite.html")
    assert doc.lang == "de"
    assert doc.published == dt.date(2025, 11, 19)
    assert "bis Ende Mai 2026" in doc.text and "Startseite" not in doc.text


def test_html_date_from_json_ld_the_original_not_the_modified_one():
    doc, _ = one(FIXTURES / "jsonld.html")
    assert doc.published == dt.date(2025, 10, 7) and doc.published_from == "metadata"
    assert doc.lang == "en"   # from en-GB


def test_html_without_a_date_falls_back_to_file_time(tmp_path):
    path = tmp_path / "museum.html"
    path.write_bytes((FIXTURES / "nodate.html").read_bytes())
    set_mtime(path, dt.date(2025, 10, 30))
    doc, loaded = one(path)
    assert doc.published == dt.date(2025, 10, 30) and doc.published_from == "file time"
    assert "museum" in loaded.warnings[0]
    assert "reopen its east wing" in doc.text
    assert "4 May 2024" in doc.text   # a date in the prose is not taken for the publication date


def test_html_is_recognised_by_content_whatever_the_suffix(tmp_path):
    path = tmp_path / "saved_page.txt"
    path.write_bytes((FIXTURES / "page.html").read_bytes())
    doc, _ = one(path)
    assert "<article>" not in doc.text and "treatment plant" in doc.text


def test_truncated_html_still_gives_its_text():
    doc, _ = one(FIXTURES / "truncated.html")
    assert "stadium roof by 31 July 2026" in doc.text


def test_rss_feed_entries_with_their_own_dates():
    loaded = load(str(FIXTURES / "feed.rss"), today=TODAY)
    assert loaded.skipped == [] and loaded.warnings == []
    first, second = loaded.documents
    assert first.published == dt.date(2025, 11, 17) and first.published_from == "metadata"
    assert second.published == dt.date(2025, 11, 18)
    assert "electric ones by the end of 2027" in first.text and "<p>" not in first.text
    assert "open on Sundays from 4 January 2026" in second.text
    assert first.lang == "en"
    assert first.name.endswith("feed.rss › Bus company promises electric fleet")


def test_atom_feed_entry():
    doc, loaded = one(FIXTURES / "feed.atom")
    assert doc.published == dt.date(2025, 11, 16)
    assert "container quay by 31 August 2026" in doc.text
    assert "Port authority plans new quay" in doc.name


def test_folder_recursively_sorted_hidden_files_left_out(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "b.txt").write_text("The agency will report by 1 March 2026.")
    (tmp_path / "sub" / "a.md").write_text("---\ndate: 2025-11-01\n---\nThe board will vote by 2 March 2026.")
    (tmp_path / "sub" / "deeper" / "c.html").write_bytes((FIXTURES / "page.html").read_bytes())
    (tmp_path / ".hidden.txt").write_text("secret plans by 3 March 2026")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("not an article")
    seen = []
    loaded = load(str(tmp_path), today=TODAY, progress=lambda done, total, name: seen.append((done, total)))
    names = [Path(d.name).name for d in loaded.documents]
    assert names == ["b.txt", "a.md", "c.html"]
    assert loaded.skipped == []
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_folder_goes_on_past_bad_files_and_lists_them(tmp_path):
    (tmp_path / "good.txt").write_text("The agency will report by 1 March 2026.")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "data.json").write_text('{"sentence": "They will pay by 1 May 2026."}')
    (tmp_path / "README").write_text("Saved articles, will sort them by 1 May 2026.")
    (tmp_path / "latin1.txt").write_bytes("Die Behörde will bis März entscheiden.".encode("latin-1"))
    (tmp_path / "mixed.txt").write_bytes("Stra\x01\x02ße bis März".encode("latin-1"))
    (tmp_path / "broken.html").write_bytes((FIXTURES / "broken.html").read_bytes())
    (tmp_path / "huge.txt").write_bytes(b"")
    os.truncate(tmp_path / "huge.txt", 21 * 1024 * 1024)   # sparse: costs no disk
    loaded = load(str(tmp_path), today=TODAY)
    assert [Path(d.name).name for d in loaded.documents] == ["README", "good.txt", "latin1.txt"]
    assert (f"{tmp_path / 'latin1.txt'}: not UTF-8; read as Windows-1252 (Latin-1)"
            in loaded.warnings)
    reasons = {Path(name).name: reason for name, reason in loaded.skipped}
    assert reasons == {
        "broken.html": "has no readable article text (broken or empty HTML)",
        "data.json": "is not a text, Markdown, HTML or feed file",
        "empty.txt": "is empty",
        "huge.txt": "is too large (over 20 MB)",
        "image.txt": "is not text (binary data)",
        "mixed.txt": "is not text (binary data)",
    }


@pytest.mark.parametrize("content, reason", [
    (b"", "is empty"),
    (b"\n\t  \n", "is empty"),
    (b"\x00\x01\x02binary\x00", "is not text (binary data)"),
    (b"Caf\xe9 \x01 will open by May 2026", "is not text (binary data)"),
    (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title></channel></rss>",
     "is a feed with no entries"),
    (b"<?xml version='1.0'?><rss version='2.0'><chan", "is not a readable feed"),
])
def test_bad_single_file_is_skipped_with_one_reason(tmp_path, content, reason):
    path = tmp_path / ("bad.rss" if b"rss" in content else "bad.txt")
    path.write_bytes(content)
    loaded = load(str(path), today=TODAY)
    assert loaded.documents == []
    assert loaded.skipped == [(str(path.absolute()), reason)]


def test_feed_entry_with_no_text_anywhere_is_skipped(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_bytes(b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>Half an</title></item><ite")
    loaded = load(str(path), today=TODAY)
    assert loaded.documents == []
    assert loaded.skipped == [(f"{path.absolute()} › Half an", "has no text in the feed and no readable page")]


def test_missing_file_and_empty_folder(tmp_path):
    loaded = load(str(tmp_path / "nope.txt"), today=TODAY)
    assert loaded.skipped == [(str((tmp_path / "nope.txt").absolute()), "does not exist")]
    (tmp_path / "empty").mkdir()
    loaded = load(str(tmp_path / "empty"), today=TODAY)
    assert loaded.documents == [] and loaded.skipped == [(str(tmp_path / "empty"), "holds no files")]


def test_huge_single_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"")
    os.truncate(path, 20 * 1024 * 1024 + 1)
    assert load(str(path), today=TODAY).skipped[0][1] == "is too large (over 20 MB)"


def test_only_http_and_https_addresses(tmp_path):
    for url in ("ftp://example.org/a.txt", "file:///etc/passwd"):
        with pytest.raises(FristError, match="only http:// and https://"):
            load(url, today=TODAY)


def test_stdin_text_dated_today_with_a_warning(monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The club will decide by 3 May 2026.")))
    doc, loaded = one("-")
    assert doc.name == "standard input" and doc.published == TODAY and doc.published_from == "today"
    assert "standard input: no publication date found; using today" in loaded.warnings[0]


def test_stdin_html_is_read_as_a_page(monkeypatch):
    import io
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((FIXTURES / "page.html").read_bytes())))
    doc, _ = one("-")
    assert doc.published == dt.date(2025, 11, 21) and "Subscribe" not in doc.text


def test_without_the_web_extra_html_and_feeds_say_what_to_install(monkeypatch):
    for module in ("trafilatura", "htmldate", "feedparser"):
        monkeypatch.setitem(sys.modules, module, None)   # makes `import module` fail
    with pytest.raises(FristError, match=r"needs the web extra: pip install 'frist\[web\]'"):
        load(str(FIXTURES / "page.html"), today=TODAY)
    with pytest.raises(FristError, match=r"reading a feed needs the web extra"):
        load(str(FIXTURES / "feed.rss"), today=TODAY)
    doc, _ = one(FIXTURES / "notes.md")   # text and Markdown need nothing extra
    assert "rail operator" in doc.text


def test_feed_entries_report_progress():
    seen = []
    load(str(FIXTURES / "feed.rss"), today=TODAY, progress=lambda done, total, name: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


@pytest.mark.parametrize("first_lines, published", [
    ("Harbour deal signed\n\nKIEL, 14 March 2011 — The port will open a berth by 1 July.",
     dt.date(2011, 3, 14)),                     # the dateline, not the file's time
    ("KIEL (dpa) — 14. März 2011 — Der Hafen will bis zum 1. Juli eröffnen.",
     dt.date(2011, 3, 14)),
    ("Kiel, 14. März 2011 – Der Hafen will bis zum 1. Juli eröffnen.", dt.date(2011, 3, 14)),
    ("On 14 March 2011 the port opened. It will add a berth by 1 July.",
     dt.date(2025, 11, 3)),                     # a date in a sentence is no dateline
    ("KIEL, 14 March 2031 — The port will open a berth by 1 July.",
     dt.date(2025, 11, 3)),                     # a dateline after today is a typo
])
def test_a_plain_text_dateline_gives_the_publication_date(tmp_path, first_lines, published):
    path = tmp_path / "a.txt"
    path.write_text(first_lines + "\n")
    set_mtime(path, dt.date(2025, 11, 3))
    doc, loaded = one(path)
    assert doc.published == published
    assert (doc.published_from == "dateline") == (published.year == 2011)
    assert bool(loaded.warnings) == (published.year != 2011)  # no "no date found" note
