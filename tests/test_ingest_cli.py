"""`frist ingest`: the review, --yes, dedup messages, bad input and what reaches the terminal."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from store.extract import Candidate

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def items(frist):
    return json.loads(frist("list", "--status", "all", "--json").stdout)


def test_yes_stores_with_provenance_and_prints_the_new_ids(frist):
    result = frist("ingest", str(FIXTURES / "article.txt"), "--published", "2025-11-20", "--yes")
    assert result.returncode == 0, result.stderr
    stored = items(frist)
    assert result.stdout.split() == [str(i["id"]) for i in sorted(stored, key=lambda i: i["id"])]
    assert f"1 document read: {len(stored)} new, 0 already known" in result.stderr
    timetable = next(i for i in stored if i["due"] == "2025-12-15")
    [source] = timetable["sources"]
    assert source == {"sentence": "The transport department promised to publish the timetable "
                                  "by 15 December 2025.",
                      "document": str((FIXTURES / "article.txt").absolute()),
                      "published": "2025-11-20", "lang": "en"}


TWO_IN_ONE = ("The mayor said the council will vote on the harbour budget on 3 March 2026, "
              "the same day the new bridge is scheduled to open.\n")


def test_two_commitments_in_one_sentence_for_one_day_are_both_stored(frist, tmp_path):
    article = tmp_path / "two.txt"
    article.write_text(TWO_IN_ONE, encoding="utf-8")
    args = ("ingest", str(article), "--published", "2025-11-20", "--yes")
    result = frist(*args)
    assert "1 document read: 2 new, 0 already known" in result.stderr
    titles = sorted(i["title"] for i in items(frist))
    assert len(titles) == 2 and "bridge" in titles[1].lower() and "budget" in titles[0].lower()
    assert "0 new, 2 already known" in frist(*args).stderr   # and each is known again


def test_reingest_says_nothing_new_and_a_second_article_adds_a_source(frist):
    article, second = str(FIXTURES / "article.txt"), str(FIXTURES / "second_article.txt")
    frist("ingest", article, "--published", "2025-11-20", "--yes", check=True)
    count = len(items(frist))
    again = frist("ingest", article, "--published", "2025-11-20", "--yes")
    assert again.returncode == 0 and again.stdout == ""
    assert f"0 new, {count} already known" in again.stderr
    other = frist("ingest", second, "--published", "2025-11-21", "--yes")
    assert other.returncode == 0 and other.stdout == ""
    assert "0 new, 1 known, given this source (#" in other.stderr
    stored = items(frist)
    assert len(stored) == count
    timetable = next(i for i in stored if i["due"] == "2025-12-15")
    assert [s["document"] for s in timetable["sources"]] == [article, second]
    assert frist("undo").stderr.startswith("undone: ingest (1 given a source)")
    assert len(next(i for i in items(frist) if i["due"] == "2025-12-15")["sources"]) == 1


def test_folder_ingest_skips_bad_files_lists_them_and_goes_on(frist, tmp_path):
    tmp_path = tmp_path / "articles"
    tmp_path.mkdir()
    shutil.copy(FIXTURES / "notes.md", tmp_path / "notes.md")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50))
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(50))
    result = frist("ingest", str(tmp_path), "--yes")
    assert result.returncode == 0, result.stderr
    assert f"skipped: {tmp_path / 'empty.txt'} is empty" in result.stderr
    assert f"skipped: {tmp_path / 'photo.jpg'} is not a text, Markdown, HTML or feed file" in result.stderr
    assert f"skipped: {tmp_path / 'photo.txt'} is not text (binary data)" in result.stderr
    assert "1 document read" in result.stderr
    assert all(i["sources"][0]["published"] == "2025-11-20" for i in items(frist))


def test_nothing_readable_is_exit_1_and_the_store_is_untouched(frist, tmp_path, db_path):
    frist("add", "Keep me", "--due", "2026-01-01", check=True)
    before = db_path.read_bytes()
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "zeros.txt").write_bytes(bytes(100))
    result = frist("ingest", str(folder), "--yes")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"error: nothing could be read from {folder}"
    assert "Traceback" not in result.stderr
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\x00\x01\x02\x03", "is not text (binary data)"),
    (b"Gr\xfc\xdfe \x02 aus K\xf6ln", "is not text (binary data)"),
])
def test_single_bad_file_is_one_line(frist, tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = frist("ingest", str(path), "--yes")
    assert result.returncode == 1
    assert result.stderr == f"error: {path} {message}\n"


def test_missing_file_huge_file_and_bad_scheme(frist, tmp_path):
    result = frist("ingest", str(tmp_path / "gone.txt"))
    assert (result.returncode, result.stderr) == (1, f"error: {tmp_path / 'gone.txt'} does not exist\n")
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"")
    os.truncate(huge, 21 * 1024 * 1024)
    result = frist("ingest", str(huge), "--yes")
    assert (result.returncode, result.stderr) == (1, f"error: {huge} is too large (over 20 MB)\n")
    result = frist("ingest", "ftp://example.org/x.txt", "--yes")
    assert result.returncode == 1 and "only http:// and https://" in result.stderr
    assert not result.stderr.count("\n") > 1


def test_stdin_with_yes(frist):
    text = (FIXTURES / "article.txt").read_text()
    result = frist("ingest", "-", "--published", "2025-11-20", "--yes", input=text)
    assert result.returncode == 0, result.stderr
    assert items(frist)[0]["sources"][0]["document"] == "standard input"


def test_stdin_without_a_date_warns(frist):
    result = frist("ingest", "-", "--yes", input="The museum will reopen by 1 March 2026.")
    assert "warning: standard input: no publication date found; using today, 2025-11-24" in result.stderr


def test_without_yes_and_without_a_terminal_nothing_is_stored(frist, db_path):
    result = frist("ingest", str(FIXTURES / "article.txt"), "--published", "2025-11-20")
    assert result.returncode == 1
    assert "**15 December 2025**" in result.stdout   # the candidates were shown
    assert result.stderr.splitlines()[-1].startswith(
        "error: nothing stored: the review needs a terminal")
    assert "--yes" in result.stderr
    assert items(frist) == []


def test_no_commitments_found(frist, tmp_path):
    path = tmp_path / "calm.txt"
    path.write_text("Nothing happened in the village today. The weather was mild.")
    result = frist("ingest", str(path), "--yes", "--published", "2025-11-20")
    assert result.returncode == 0
    assert "1 document read; no dated commitments found" in result.stderr


# ------------------------------------------------------------ the review prompt, in-process

@pytest.fixture
def run(monkeypatch):
    """Invoke the CLI in-process as if a person answered on a terminal."""
    import tui.cli_ingest
    from tui.cli import cli
    monkeypatch.setattr(tui.cli_ingest, "stdin_is_terminal", lambda: True)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return invoke


def article_args():
    return ["ingest", str(FIXTURES / "article.txt"), "--published", "2025-11-20"]


def stored_titles():
    from store.db import open_store
    return sorted(r.title for _, r in open_store().all())


def test_review_accept_all(run):
    result = run(*article_args(), input="a\n")
    assert result.exit_code == 0, result.output
    assert "Store them? [a]ll, [e]ach, [n]one" in result.output
    assert "**15 December 2025**" in result.output
    assert len(stored_titles()) >= 2


def test_review_none(run):
    result = run(*article_args(), input="n\n")
    assert result.exit_code == 0
    assert "0 new, 0 already known" in result.output
    assert stored_titles() == []


def test_review_each(run):
    result = run(*article_args(), input="e\ny\nn\n")
    assert result.exit_code == 0, result.output
    assert "#1 store?" in result.output and "#2 store?" in result.output
    from store.db import open_store
    [(_, record)] = open_store().all()
    assert record.due == "2025-12-15"   # the first candidate listed, the one accepted


def test_review_marks_what_is_already_stored(run):
    run(*article_args(), input="a\n")
    result = run(*article_args(), input="a\n")
    assert "(already stored as #1)" in result.output
    assert "0 new, " in result.output and "already known" in result.output


def test_review_of_several_documents_names_each_candidates_document(run):
    result = run("ingest", str(FIXTURES / "feed.rss"), input="n\n")
    assert result.exit_code == 0, result.output
    assert f"(from {(FIXTURES / 'feed.rss').absolute()} › Bus company promises electric fleet)" \
        in result.output


def test_yes_leaves_out_candidates_below_the_threshold(run, monkeypatch):
    import store.extract
    from store import ingest
    day = dt.date(2026, 1, 15)

    def fake_extract(text, published, lang=None):   # two candidates of known confidence
        return [Candidate("Sure thing", day, "day", day, "15 January 2026", "", "Sure by 15 January 2026.",
                          0, 10, ingest.CONFIDENCE_THRESHOLD + 0.1),
                Candidate("Vague thing", day, "day", day, "15 January 2026", "", "Maybe by 15 January 2026.",
                          11, 20, ingest.CONFIDENCE_THRESHOLD - 0.1)]
    monkeypatch.setattr(store.extract, "extract", fake_extract)
    result = run(*article_args(), "--yes")
    assert result.exit_code == 0, result.output
    assert stored_titles() == ["Sure thing"]
    # what was left out is named, so the person can add it by hand
    assert (f"not stored (confidence {ingest.CONFIDENCE_THRESHOLD - 0.1:.2f} < "
            f"{ingest.CONFIDENCE_THRESHOLD}): 15 Jan 2026 — Vague thing") in result.output


def test_a_commitment_stated_twice_word_for_word_is_offered_once_and_said(run, monkeypatch):
    import store.extract
    day = dt.date(2026, 1, 15)
    said = "The port will reopen by 15 January 2026."

    def fake_extract(text, published, lang=None):   # the same sentence twice in the article
        return [Candidate("Port will reopen", day, "day", day, "15 January 2026", "", said,
                          start, start + len(said), 0.9) for start in (0, 100)]
    monkeypatch.setattr(store.extract, "extract", fake_extract)
    result = run(*article_args(), input="a\n")
    assert "stated 2 times in article.txt, stored once" in result.output
    assert "1 new" in result.output and stored_titles() == ["Port will reopen"]
    result = run(*article_args(), "--yes")
    assert "15 Jan 2026 — Port will reopen: stated 2 times in article.txt" in result.output


def test_the_summary_says_a_second_source_came_from_the_same_document(run, monkeypatch):
    import store.extract
    day = dt.date(2026, 3, 3)
    first = "The port will reopen on 3 March 2026."
    second = "Its reopening on 3 March 2026 is sure."

    def fake_extract(text, published, lang=None):   # one commitment, stated in two sentences
        return [Candidate("Port will reopen", day, "day", day, "3 March 2026", "Port", first,
                          0, 38, 0.9),
                Candidate("Port reopening", day, "day", day, "3 March 2026", "Port", second,
                          39, 78, 0.9)]
    monkeypatch.setattr(store.extract, "extract", fake_extract)
    result = run(*article_args(), "--yes")
    assert ("1 document read: 1 new (+1 source for it from the same document), "
            "0 already known") in result.output


def test_untrusted_text_is_shown_literally(run, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("The \x1b[31mministry\x1b[0m will publish the [bold]rules[/bold] by 15 December 2025.")
    result = run("ingest", str(path), "--published", "2025-11-20", input="n\n")
    assert "\x1b" not in result.output
    assert "\\x1b[31m" in result.output and "[bold]rules[/bold]" in result.output


def test_without_the_web_extra_a_page_says_what_to_install(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)   # makes `import trafilatura` fail
    result = run("ingest", str(FIXTURES / "page.html"), "--yes")
    assert result.exit_code == 1
    assert result.output == "error: reading HTML needs the web extra: pip install 'frist[web]'\n"


def test_many_undated_files_get_one_warning_few_get_one_each(frist, tmp_path):
    many = tmp_path / "many"
    many.mkdir()
    for n in range(7):
        (many / f"{n}.txt").write_text(f"The agency {n} will report by {n + 1} March 2026.")
    result = frist("ingest", str(many), "--yes")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: 7 documents have no publication date; using their file dates "
                        "(set one with --published)"]
    few = tmp_path / "few"
    few.mkdir()
    for n in range(2):
        (few / f"{n}.txt").write_text(f"The agency {n} will report by {n + 1} March 2026.")
    result = frist("ingest", str(few), "--yes")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2 and all("no publication date found" in w for w in warnings)


def test_ingest_into_a_store_whose_folder_is_not_made_yet_makes_it(frist, tmp_path):
    """The first change in a new --db folder makes the folder, as `frist add` and `frist
    import` do; `frist ingest --yes` refused, sending the person to `frist add`. Without
    an answer (no terminal, no --yes) nothing is stored and no folder is made."""
    missing = tmp_path / "new" / "place"
    env = {"FRIST_DB": str(missing / "store.json")}
    article = str(FIXTURES / "article.txt")
    asked = frist("ingest", article, "--published", "2025-11-20", input="", env=env)
    assert asked.returncode == 1 and "nothing stored" in asked.stderr
    assert not missing.exists()
    result = frist("ingest", article, "--published", "2025-11-20", "--yes", env=env)
    assert result.returncode == 0, result.stderr
    assert f"warning: made the folder {missing} for the new store" in result.stderr
    stored = json.loads(frist("list", "--json", env=env, check=True).stdout)
    assert result.stdout.split() == [str(i["id"]) for i in sorted(stored, key=lambda i: i["id"])]


def test_two_promises_of_one_german_body_for_one_day_are_two_items(frist, tmp_path):
    """The actor is named in English ("Defence ministry"), the title keeps the article's
    word ("Verteidigungsministerium"): that word is the actor's, not what both promise."""
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("Das Verteidigungsministerium will am 3. Mai 2026 den Bericht vorlegen.\n")
    second.write_text("Das Verteidigungsministerium will am 3. Mai 2026 neue Panzer liefern.\n")
    for path in (first, second):
        result = frist("ingest", str(path), "--published", "2026-01-05", "--yes")
        assert "1 new, 0 already known" in result.stderr, result.stderr
